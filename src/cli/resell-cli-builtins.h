/* resell-cli-builtins.h — the entry points of the resell-cli commands,
 * one resell-cli-builtins-*.c file per group of commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "resell-cli-common.h"

G_BEGIN_DECLS

/* Runs a command: @argv[0] is the command's name, @globals holds the
 * global options given before it. */
typedef ResellCliStatus (*ResellCliBuiltin) (ResellCliGlobals  *globals,
                                             int                argc,
                                             char             **argv);

/* resell-cli-builtins-items.c */
ResellCliStatus resell_cli_builtin_list       (ResellCliGlobals *globals, int argc, char **argv);
ResellCliStatus resell_cli_builtin_add        (ResellCliGlobals *globals, int argc, char **argv);
ResellCliStatus resell_cli_builtin_show       (ResellCliGlobals *globals, int argc, char **argv);
ResellCliStatus resell_cli_builtin_categories (ResellCliGlobals *globals, int argc, char **argv);

/* resell-cli-builtins-import.c */
ResellCliStatus resell_cli_builtin_import     (ResellCliGlobals *globals, int argc, char **argv);

/* resell-cli-builtins-listing.c */
ResellCliStatus resell_cli_builtin_profiles   (ResellCliGlobals *globals, int argc, char **argv);
ResellCliStatus resell_cli_builtin_process    (ResellCliGlobals *globals, int argc, char **argv);
ResellCliStatus resell_cli_builtin_export     (ResellCliGlobals *globals, int argc, char **argv);

/* resell-cli-builtins-check.c */
ResellCliStatus resell_cli_builtin_check      (ResellCliGlobals *globals, int argc, char **argv);

/* resell-cli-builtins-camera.c */
ResellCliStatus resell_cli_builtin_cameras    (ResellCliGlobals *globals, int argc, char **argv);
ResellCliStatus resell_cli_builtin_capture    (ResellCliGlobals *globals, int argc, char **argv);

/* resell-cli-builtins-documents.c */
ResellCliStatus resell_cli_builtin_label      (ResellCliGlobals *globals, int argc, char **argv);
ResellCliStatus resell_cli_builtin_report     (ResellCliGlobals *globals, int argc, char **argv);
/* resell-cli-builtins-flaws.c */
ResellCliStatus resell_cli_builtin_flaws      (ResellCliGlobals *globals, int argc, char **argv);
ResellCliStatus resell_cli_builtin_flaw       (ResellCliGlobals *globals, int argc, char **argv);
/* resell-cli-builtins-grading.c */
ResellCliStatus resell_cli_builtin_grade      (ResellCliGlobals *globals, int argc, char **argv);
/* resell-cli-builtins-pricing.c */
ResellCliStatus resell_cli_builtin_comps      (ResellCliGlobals *globals, int argc, char **argv);
ResellCliStatus resell_cli_builtin_price      (ResellCliGlobals *globals, int argc, char **argv);
ResellCliStatus resell_cli_builtin_backtest   (ResellCliGlobals *globals, int argc, char **argv);

G_END_DECLS
