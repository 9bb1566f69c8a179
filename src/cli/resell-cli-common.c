/* resell-cli-common.c — what every command shares: its option
 * context, the global options, the services (one ResellContext, as the
 * app has) and waiting on the core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "resell-cli-common.h"
#include "resell-cli-output.h"

/* ------------------------------------------------------------------ */
/* Option parsing                                                     */
/* ------------------------------------------------------------------ */

/* Adds --data-dir and --json to a command's context, parsed into @local. */
void
resell_cli_add_global_entries (GOptionContext   *context,
                               ResellCliGlobals *local)
{
  const GOptionEntry entries[] = {
    { "data-dir", 'd', 0, G_OPTION_ARG_FILENAME, &local->data_dir,
      N_("Catalog folder (default: $RESELL_DATA_DIR, else the user data folder)"), N_("DIR") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &local->json,
      N_("Print JSON instead of text"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
}

static void
merge_globals (ResellCliGlobals *globals,
               ResellCliGlobals *local)
{
  if (local->data_dir != NULL)
    {
      g_free (globals->data_dir);
      globals->data_dir = g_steal_pointer (&local->data_dir);
    }
  if (local->json)
    globals->json = TRUE;
}

/* Creates the option context of a command; @parameters is shown after the
 * command name in the usage line. */
GOptionContext *
resell_cli_command_context_new (const char *name,
                                const char *parameters,
                                const char *summary)
{
  g_autofree char *usage = NULL;
  GOptionContext *context;

  /* The usage line reads "resell-cli NAME [OPTION…] PARAMETERS". */
  usage = g_strdup_printf ("%s %s", RESELL_CLI_PROGRAM_NAME, name);
  g_set_prgname (usage);
  context = g_option_context_new (parameters);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);

  return context;
}

/* Parses a command's arguments (@argv[0] is the command's name). */
gboolean
resell_cli_parse_command_line (GOptionContext   *context,
                               ResellCliGlobals *globals,
                               ResellCliGlobals *local,
                               int              *argc,
                               char           ***argv,
                               ResellCliStatus  *status)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = resell_cli_usage_error ((*argv)[0], error->message);
      return FALSE;
    }

  merge_globals (globals, local);
  return TRUE;
}

/* The whole option handling of a command that needs its context for
 * nothing else: its own @entries (may be %NULL), the global options, then
 * the parse. */
gboolean
resell_cli_parse_command (const char         *name,
                          const char         *parameters,
                          const char         *summary,
                          const GOptionEntry *entries,
                          ResellCliGlobals   *globals,
                          ResellCliGlobals   *local,
                          int                *argc,
                          char             ***argv,
                          ResellCliStatus    *status)
{
  g_autoptr(GOptionContext) context = resell_cli_command_context_new (name, parameters, summary);

  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  resell_cli_add_global_entries (context, local);

  return resell_cli_parse_command_line (context, globals, local, argc, argv, status);
}

/* ------------------------------------------------------------------ */
/* The services                                                       */
/* ------------------------------------------------------------------ */

/* Frees what the global options and the services hold, at exit. */
/* The command's writes reach the grade keeper as catalog signals: deliver
 * them and let it store the grades before the process ends, or a flaw
 * added from the CLI would leave the list's grade stale until the app's
 * next start.  Its own write signals once more, and settles. */
static void
settle_grades (ResellContext *context)
{
  ResellGradeKeeper *keeper;

  if (context == NULL || resell_context_get_catalog (context) == NULL)
    return;

  keeper = resell_context_get_grade_keeper (context);
  for (guint round = 0; round < 3; round++)
    {
      resell_cli_flush_main_context ();
      resell_grade_keeper_flush (keeper);
    }
  resell_cli_flush_main_context ();
}

void
resell_cli_globals_clear (ResellCliGlobals *globals)
{
  settle_grades (globals->context);
  g_clear_pointer (&globals->data_dir, g_free);
  g_clear_object (&globals->context);
}

/* The services the app builds, made once for the command: call it after
 * the command's own options are parsed, since --data-dir may follow the
 * command.  The catalog is opened only by resell_cli_load_catalog(), and
 * without the app's upkeep: a one-shot command neither empties the trash
 * nor trims caches behind the seller's back. */
ResellContext *
resell_cli_get_context (ResellCliGlobals *globals)
{
  g_autofree char *data_dir = NULL;

  if (globals->context != NULL)
    return globals->context;

  /* Absolute, so the paths the catalog records do not depend on where
   * the command ran.  Without --data-dir the context falls back to
   * $RESELL_DATA_DIR, and the cache to $RESELL_CACHE_DIR. */
  if (globals->data_dir != NULL && *globals->data_dir != '\0')
    data_dir = g_canonicalize_filename (globals->data_dir, NULL);

  globals->context = resell_context_new (data_dir, NULL);

  return globals->context;
}

/* The context's catalog, opened (or created) on first use; NULL once the
 * failure is printed. */
ResellCatalog *
resell_cli_load_catalog (ResellCliGlobals *globals)
{
  ResellContext *context = resell_cli_get_context (globals);
  g_autoptr(GError) error = NULL;

  if (!resell_context_load_catalog (context, &error))
    {
      g_autofree char *display = g_filename_display_name (resell_context_get_data_dir (context));

      resell_cli_print_error (_("Could not open the catalog in “%s”: %s"), display, error->message);
      return NULL;
    }

  /* Made now so that it hears the command's writes (see settle_grades()). */
  resell_context_get_grade_keeper (context);

  return resell_context_get_catalog (context);
}

/* The context's categories, built-in and the user's files; the files
 * skipped are printed as warnings.  Returns NULL (error printed) when none
 * could be loaded. */
ResellCategoryRegistry *
resell_cli_load_categories (ResellCliGlobals *globals)
{
  ResellContext *context = resell_cli_get_context (globals);
  ResellCategoryRegistry *registry = resell_context_get_categories (context);
  const char * const *problems = resell_context_get_category_problems (context);
  guint n_problems = problems != NULL ? g_strv_length ((GStrv) problems) : 0;
  gboolean none = g_list_model_get_n_items (G_LIST_MODEL (registry)) == 0;
  const char *reason = NULL;

  /* With no category at all, the last problem is the reason why. */
  if (none && n_problems > 0)
    reason = problems[--n_problems];

  for (guint i = 0; i < n_problems; i++)
    resell_cli_print_warning (problems[i]);

  if (none)
    {
      resell_cli_print_error (_("No categories could be loaded: %s"),
                              reason != NULL ? reason : _("unknown error"));
      return NULL;
    }

  return registry;
}

char *
resell_cli_dup_category_ids (ResellCategoryRegistry *registry)
{
  GListModel *model = G_LIST_MODEL (registry);
  g_autoptr(GString) ids = g_string_new (NULL);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ResellCategory) category = g_list_model_get_item (model, i);

      if (ids->len > 0)
        g_string_append (ids, ", ");
      g_string_append (ids, resell_category_get_id (category));
    }

  return g_string_free (g_steal_pointer (&ids), FALSE);
}

ResellItem *
resell_cli_lookup_item (ResellCatalog *catalog,
                        const char    *sku)
{
  g_autoptr(GError) error = NULL;
  ResellItem *item;

  item = resell_catalog_lookup_item_by_sku (catalog, sku, &error);
  if (item == NULL)
    {
      /* The catalog says why: unknown, or in the trash. */
      if (g_error_matches (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_NOT_FOUND))
        resell_cli_print_error ("%s", error->message);
      else if (error == NULL)
        resell_cli_print_error (_("No item with SKU “%s” in the catalog."), sku);
      else
        resell_cli_print_error (_("Could not look up SKU “%s”: %s"), sku, error->message);
      return NULL;
    }

  return item;
}

/* Opens the catalog and finds the item @sku and its photos, for "show"
 * and "export".  Returns the catalog (owned by the context), or NULL (and
 * nothing in @item and @photos) once the failure is reported. */
ResellCatalog *
resell_cli_open_item_photos (ResellCliGlobals *globals,
                             const char       *sku,
                             ResellItem      **item,
                             GPtrArray       **photos)
{
  g_autoptr(ResellItem) found = NULL;
  g_autoptr(GError) error = NULL;
  ResellCatalog *catalog;

  catalog = resell_cli_load_catalog (globals);
  if (catalog == NULL)
    return NULL;

  found = resell_cli_lookup_item (catalog, sku);
  if (found == NULL)
    return NULL;

  *photos = resell_catalog_list_photos (catalog, resell_item_get_id (found), &error);
  if (*photos == NULL)
    {
      resell_cli_print_error (_("Could not list the photos of “%s”: %s"), sku, error->message);
      return NULL;
    }

  *item = g_steal_pointer (&found);

  return catalog;
}

/* The catalog announces changes on the main context; let them run so
 * nothing is left queued when the process ends. */
void
resell_cli_flush_main_context (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Opens the catalog, the item @sku and its category (NULL when the
 * registry or the category is unknown), for "import" and "capture";
 * RESELL_CLI_EXIT_OK or what to exit with.  @catalog and @registry are the
 * context's; @item is the caller's. */
ResellCliStatus
resell_cli_open_item_and_category (ResellCliGlobals        *globals,
                                   const char              *sku,
                                   ResellCatalog          **catalog,
                                   ResellItem             **item,
                                   ResellCategoryRegistry **registry,
                                   ResellCategory         **category)
{
  *catalog = resell_cli_load_catalog (globals);
  if (*catalog == NULL)
    return RESELL_CLI_EXIT_RUNTIME;

  *item = resell_cli_lookup_item (*catalog, sku);
  if (*item == NULL)
    return RESELL_CLI_EXIT_RUNTIME;

  *registry = resell_cli_load_categories (globals);
  if (*registry != NULL)
    *category = resell_category_registry_lookup (*registry, resell_item_get_category (*item));

  return RESELL_CLI_EXIT_OK;
}

/* ------------------------------------------------------------------ */
/* Waiting on the core                                                */
/* ------------------------------------------------------------------ */

/* A GAsyncReadyCallback that keeps the result in the GAsyncResult *
 * @user_data points to, for resell_cli_wait_for_result(). */
void
resell_cli_got_async_result (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Runs the main context until *@result is set by
 * resell_cli_got_async_result(); a command does one thing at a time. */
GAsyncResult *
resell_cli_wait_for_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

/* For g_unix_signal_add(): Ctrl-C and SIGTERM cancel the GCancellable
 * @user_data, so what is half-done is cleaned up rather than left. */
gboolean
resell_cli_on_interrupt (gpointer user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));

  return G_SOURCE_CONTINUE;
}
