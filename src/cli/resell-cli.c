/* resell-cli.c — script the Resell item catalog from a terminal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-cli"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>

#include "resell-core.h"

#include "resell-cli-builtins.h"
#include "resell-cli-common.h"
#include "resell-cli-output.h"

typedef struct
{
  const char       *name;
  ResellCliBuiltin  run;
  const char       *summary;      /* translatable */
} Command;

/* ------------------------------------------------------------------ */
/* main                                                               */
/* ------------------------------------------------------------------ */

static const Command commands[] = {
  { "list", resell_cli_builtin_list, N_("List items (filter by state, category or text)") },
  { "add", resell_cli_builtin_add, N_("Add an item and print its SKU") },
  { "import", resell_cli_builtin_import, N_("Import photo files or folders into an item") },
  { "show", resell_cli_builtin_show, N_("Show an item and its photos") },
  { "categories", resell_cli_builtin_categories, N_("List the categories and their shot counts") },
  { "profiles", resell_cli_builtin_profiles, N_("List the built-in marketplace photo profiles") },
  { "process", resell_cli_builtin_process, N_("Make listing images from photo files or folders") },
  { "export", resell_cli_builtin_export, N_("Make the listing images of an item’s photos") },
  { "check", resell_cli_builtin_check, N_("Check photo files for blur, exposure, backdrop and size") },
  { "cameras", resell_cli_builtin_cameras, N_("List the cameras plugged in") },
  { "capture", resell_cli_builtin_capture, N_("Take photos with the camera and add them to an item") },
  { "label", resell_cli_builtin_label, N_("Make an item’s SKU label (QR code) as a PDF") },
  { "report", resell_cli_builtin_report, N_("Make an item’s condition report as PDF or HTML") },
  { "flaws", resell_cli_builtin_flaws, N_("List the flaws marked on an item’s photos") },
  { "flaw", resell_cli_builtin_flaw, N_("Add a flaw to a photo of an item, or remove one") },
  { "grade", resell_cli_builtin_grade, N_("Grade an item: answers, grade with its reasons, condition text") },
  { "comps", resell_cli_builtin_comps, N_("Import, add or list comparable sales (comps import FILE.csv)") },
  { "price", resell_cli_builtin_price, N_("Show an item’s price hint, evidence, fees and payout") },
  { "backtest", resell_cli_builtin_backtest, N_("Measure the price hints against a CSV file of sales") },
};

static char *
dup_commands_description (void)
{
  g_autoptr(GString) text = g_string_new (_("Commands:"));
  gsize width = 0;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    width = MAX (width, strlen (commands[i].name));

  g_string_append_c (text, '\n');
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (text, "  %-*s  %s\n", (int) width, commands[i].name,
                            _(commands[i].summary));
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("Run “%s COMMAND --help” for the options of a command."),
                          RESELL_CLI_PROGRAM_NAME);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  ResellCliGlobals globals = { NULL, FALSE, NULL };
  gboolean version = FALSE;
  const Command *command = NULL;
  ResellCliStatus status;
  const GOptionEntry entries[] = {
    { "data-dir", 'd', 0, G_OPTION_ARG_FILENAME, &globals.data_dir,
      N_("Catalog folder (default: $RESELL_DATA_DIR, else the user data folder)"), N_("DIR") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &globals.json,
      N_("Print JSON instead of text"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version,
      N_("Print the version and exit"), NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_prgname (RESELL_CLI_PROGRAM_NAME);

  context = g_option_context_new (_("COMMAND [ARGUMENTS…]"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Script the Resell item catalog."));
  description = dup_commands_description ();
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  /* Stop at the command: what follows belongs to it. */
  g_option_context_set_strict_posix (context, TRUE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      status = resell_cli_usage_error (NULL, error->message);
      goto out;
    }

  if (version)
    {
      g_print ("%s %s\n", RESELL_CLI_PROGRAM_NAME, PACKAGE_VERSION);
      status = RESELL_CLI_EXIT_OK;
      goto out;
    }

  if (argc < 2)
    {
      status = resell_cli_usage_error (NULL, _("No command given (list, add, import, show, categories, profiles, process, export, check, cameras or capture)."));
      goto out;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_equal (argv[1], commands[i].name))
        {
          command = &commands[i];
          break;
        }
    }

  if (command == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Unknown command “%s”."), argv[1]);

      status = resell_cli_usage_error (NULL, message);
      goto out;
    }


  /* libvips and the core's translations, for every command; the services
   * come later, once the command's own options are known. */
  if (!resell_core_init (argv[0], &error))
    {
      resell_cli_print_error ("%s", error->message);
      status = RESELL_CLI_EXIT_RUNTIME;
      goto out;
    }

  status = command->run (&globals, argc - 1, argv + 1);

out:
  resell_cli_globals_clear (&globals);

  return (int) status;
}
