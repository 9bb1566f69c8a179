/* resell-cli-builtins-check.c — the check command: the studio's shot checks
 * on photo files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "resell-cli-builtins.h"
#include "resell-cli-common.h"
#include "resell-cli-output.h"

/* ------------------------------------------------------------------ */
/* check                                                              */
/* ------------------------------------------------------------------ */

typedef struct
{
  char             *path;
  ResellShotReport *report;   /* NULL when the file could not be opened */
  GError           *error;
  gboolean          done;
} CheckEntry;

static void
check_entry_free (CheckEntry *entry)
{
  g_free (entry->path);
  g_clear_object (&entry->report);
  g_clear_error (&entry->error);
  g_free (entry);
}

static void
on_check_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  CheckEntry *entry = user_data;

  entry->report = resell_shot_check_file_finish (result, &entry->error);
  entry->done = TRUE;
}

ResellCliStatus
resell_cli_builtin_check (ResellCliGlobals *globals,
                          int               argc,
                          char            **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *backdrop_str = NULL;
  ResellCliGlobals local = { NULL, FALSE };
  ResellBackdrop backdrop = RESELL_BACKDROP_ANY;
  ResellCliStatus status = RESELL_CLI_EXIT_OK;
  guint n_bad = 0;
  const GOptionEntry entries_options[] = {
    { "backdrop", 'b', 0, G_OPTION_ARG_STRING, &backdrop_str,
      N_("The backdrop the photos were taken on: white (checked to be white and evenly lit), "
         "grey, black (deep shadows allowed) or any (default)"), N_("BACKDROP") },
    { NULL }
  };

  context = resell_cli_command_context_new ("check", _("FILE…"),
                                            _("Check photo files as the studio does when a shot arrives: "
                                              "sharpness, exposure, backdrop and resolution.  Prints the "
                                              "measures of each file and what to do about each problem."));
  g_option_context_add_main_entries (context, entries_options, GETTEXT_PACKAGE);
  resell_cli_add_global_entries (context, &local);
  if (!resell_cli_parse_command_line (context, globals, &local, &argc, &argv, &status))
    return status;

  if (backdrop_str != NULL && !resell_backdrop_from_name (backdrop_str, &backdrop))
    {
      g_autofree char *message =
        g_strdup_printf (_("Unknown backdrop “%s” (use white, grey, black or any)."), backdrop_str);
      return resell_cli_usage_error (argv[0], message);
    }

  if (argc < 2)
    return resell_cli_usage_error (argv[0], _("Give at least one photo file to check."));

  /* All at once on the imaging pool; reported in the order given. */
  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) check_entry_free);
  for (int i = 1; i < argc; i++)
    {
      CheckEntry *entry = g_new0 (CheckEntry, 1);

      entry->path = g_strdup (argv[i]);
      g_ptr_array_add (entries, entry);
      resell_shot_check_file_async (entry->path, backdrop, NULL, on_check_done, entry);
    }

  for (guint i = 0; i < entries->len; i++)
    {
      CheckEntry *entry = g_ptr_array_index (entries, i);

      while (!entry->done)
        g_main_context_iteration (NULL, TRUE);
    }

  if (globals->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < entries->len; i++)
        {
          CheckEntry *entry = g_ptr_array_index (entries, i);
          const char *entry_status = resell_cli_report_status (entry->report);
          g_autofree char *checks = NULL;

          if (!g_str_equal (entry_status, "passed"))
            n_bad++;

          json_builder_begin_object (builder);
          resell_cli_json_add_path (builder, "file", entry->path);
          resell_cli_json_add_string (builder, "status", entry_status);
          checks = entry->report != NULL ? resell_shot_report_to_json (entry->report) : NULL;
          resell_cli_json_add_checks (builder, "report", checks);
          if (entry->report != NULL)
            resell_cli_json_add_problem_sentences (builder, "messages", entry->report);
          else
            {
              json_builder_set_member_name (builder, "messages");
              json_builder_begin_array (builder);
              json_builder_add_string_value (builder, entry->error->message);
              json_builder_end_array (builder);
            }
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      resell_cli_print_json (builder);
    }
  else
    {
      for (guint i = 0; i < entries->len; i++)
        {
          CheckEntry *entry = g_ptr_array_index (entries, i);
          const char *entry_status = resell_cli_report_status (entry->report);
          g_autofree char *name = g_filename_display_name (entry->path);

          if (g_str_equal (entry_status, "unreadable"))
            {
              n_bad++;
              /* TRANSLATORS: "unreadable IMG_2041.jpg"; why follows on the next line */
              g_print (_("unreadable %s"), name);
              g_print ("\n");
              if (entry->report != NULL)
                resell_cli_print_report_problems (entry->report);
              else
                g_print ("  %s\n", entry->error->message);
            }
          else
            {
              g_autofree char *measures = resell_cli_dup_report_measures (entry->report);

              if (g_str_equal (entry_status, "passed"))
                /* TRANSLATORS: "passed IMG_2041.jpg: sharpness 48.3 (min. 21.0), …" */
                g_print (_("passed %s: %s"), name, measures);
              else
                {
                  n_bad++;
                  /* TRANSLATORS: "failed IMG_2041.jpg: sharpness 3.1 (min. 21.0), …"; the problems follow */
                  g_print (_("failed %s: %s"), name, measures);
                }
              g_print ("\n");
              resell_cli_print_report_problems (entry->report);
            }
        }
    }

  resell_cli_flush_main_context ();

  return n_bad > 0 ? RESELL_CLI_EXIT_RUNTIME : RESELL_CLI_EXIT_OK;
}
