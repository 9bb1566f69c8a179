/* resell-cli-common.h — what every resell-cli command shares: the exit
 * statuses, the global options, option parsing, opening the catalog and
 * waiting on the core's async calls
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "resell-core.h"

G_BEGIN_DECLS

#define RESELL_CLI_PROGRAM_NAME "resell-cli"

/* What the process exits with; scripts rely on these numbers. */
typedef enum
{
  RESELL_CLI_EXIT_OK = 0,
  RESELL_CLI_EXIT_RUNTIME = 1,
  RESELL_CLI_EXIT_USAGE = 2,
} ResellCliStatus;

/* Options accepted before the command and after it, and the services
 * made from them. */
typedef struct
{
  char          *data_dir;
  gboolean       json;
  ResellContext *context;     /* made by resell_cli_get_context() */
} ResellCliGlobals;

void                    resell_cli_add_global_entries     (GOptionContext   *context,
                                                           ResellCliGlobals *local);
GOptionContext         *resell_cli_command_context_new    (const char *name,
                                                           const char *parameters,
                                                           const char *summary);
gboolean                resell_cli_parse_command_line     (GOptionContext   *context,
                                                           ResellCliGlobals *globals,
                                                           ResellCliGlobals *local,
                                                           int              *argc,
                                                           char           ***argv,
                                                           ResellCliStatus  *status);
gboolean                resell_cli_parse_command          (const char         *name,
                                                           const char         *parameters,
                                                           const char         *summary,
                                                           const GOptionEntry *entries,
                                                           ResellCliGlobals   *globals,
                                                           ResellCliGlobals   *local,
                                                           int                *argc,
                                                           char             ***argv,
                                                           ResellCliStatus    *status);
void                    resell_cli_globals_clear          (ResellCliGlobals *globals);
ResellContext          *resell_cli_get_context            (ResellCliGlobals *globals);
ResellCatalog          *resell_cli_load_catalog           (ResellCliGlobals *globals);
ResellCategoryRegistry *resell_cli_load_categories        (ResellCliGlobals *globals);
char                   *resell_cli_dup_category_ids       (ResellCategoryRegistry *registry);
ResellItem             *resell_cli_lookup_item            (ResellCatalog *catalog,
                                                           const char    *sku);
ResellCatalog          *resell_cli_open_item_photos       (ResellCliGlobals *globals,
                                                           const char       *sku,
                                                           ResellItem      **item,
                                                           GPtrArray       **photos);
void                    resell_cli_flush_main_context     (void);
ResellCliStatus         resell_cli_open_item_and_category (ResellCliGlobals        *globals,
                                                           const char              *sku,
                                                           ResellCatalog          **catalog,
                                                           ResellItem             **item,
                                                           ResellCategoryRegistry **registry,
                                                           ResellCategory         **category);
void                    resell_cli_got_async_result       (GObject      *object,
                                                           GAsyncResult *result,
                                                           gpointer      user_data);
GAsyncResult           *resell_cli_wait_for_result        (GAsyncResult **result);
gboolean                resell_cli_on_interrupt           (gpointer user_data);

G_END_DECLS
