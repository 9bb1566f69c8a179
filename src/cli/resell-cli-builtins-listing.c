/* resell-cli-builtins-listing.c — the listing image commands: profiles,
 * process and export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-cli"

#include "config.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <json-glib/json-glib.h>

#include "resell-cli-builtins.h"
#include "resell-cli-common.h"
#include "resell-cli-output.h"

/* ------------------------------------------------------------------ */
/* profiles                                                           */
/* ------------------------------------------------------------------ */

ResellCliStatus
resell_cli_builtin_profiles (ResellCliGlobals *globals,
                             int               argc,
                             char            **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  ResellCliGlobals local = { NULL, FALSE };
  ResellCliStatus status = RESELL_CLI_EXIT_OK;
  GListModel *profiles;
  guint n_profiles;

  context = resell_cli_command_context_new ("profiles", NULL,
                                            _("List the built-in marketplace photo profiles that "
                                              "“process” and “export” take with --profile: their ids, "
                                              "names, and the images they make."));
  resell_cli_add_global_entries (context, &local);
  if (!resell_cli_parse_command_line (context, globals, &local, &argc, &argv, &status))
    return status;

  if (argc > 1)
    return resell_cli_usage_error (argv[0], _("“profiles” takes no arguments."));

  profiles = resell_context_get_profiles (resell_cli_get_context (globals));
  n_profiles = g_list_model_get_n_items (profiles);

  if (globals->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < n_profiles; i++)
        {
          g_autoptr(ResellListingProfile) profile = g_list_model_get_item (profiles, i);

          json_builder_begin_object (builder);
          resell_cli_json_add_string (builder, "id", resell_listing_profile_get_id (profile));
          resell_cli_json_add_string (builder, "name", resell_listing_profile_get_name (profile));
          resell_cli_json_add_int (builder, "long_edge", resell_listing_profile_get_long_edge (profile));
          json_builder_set_member_name (builder, "square");
          json_builder_add_boolean_value (builder, resell_listing_profile_get_square (profile));
          /* As the profile files spell it. */
          resell_cli_json_add_string (builder, "format",
                                      resell_cli_enum_nick (RESELL_TYPE_LISTING_FORMAT,
                                                            resell_listing_profile_get_format (profile),
                                                            "jpeg"));
          resell_cli_json_add_int (builder, "quality", resell_listing_profile_get_quality (profile));
          resell_cli_json_add_int (builder, "max_bytes", resell_listing_profile_get_max_bytes (profile));
          resell_cli_json_add_int (builder, "max_photos", resell_listing_profile_get_max_photos (profile));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      resell_cli_print_json (builder);
    }
  else
    {
      g_autoptr(GPtrArray) rows = resell_cli_table_new (_("ID"), _("NAME"), _("IMAGES"), NULL);

      for (guint i = 0; i < n_profiles; i++)
        {
          g_autoptr(ResellListingProfile) profile = g_list_model_get_item (profiles, i);

          resell_cli_table_add_row (rows,
                                    g_strdup (resell_listing_profile_get_id (profile)),
                                    g_strdup (resell_listing_profile_get_name (profile)),
                                    resell_listing_profile_dup_summary (profile));
        }

      resell_cli_print_table (rows, 3);
    }

  return RESELL_CLI_EXIT_OK;
}

/* ------------------------------------------------------------------ */
/* process and export: listing images                                 */
/* ------------------------------------------------------------------ */


/* One line of the report: a job, or a file that never became one. */
typedef struct
{
  char             *file;        /* the original, as a path */
  char             *name;        /* what to call it on the terminal */
  char             *output;      /* NULL when there is none */
  ResellListingJob *job;         /* NULL when skipped or failed up front */
  const char       *status;      /* for entries without a job: "failed", "skipped" */
  char             *message;     /* for entries without a job */
} ListingEntry;

static void
listing_entry_free (ListingEntry *entry)
{
  g_free (entry->file);
  g_free (entry->name);
  g_free (entry->output);
  g_clear_object (&entry->job);
  g_free (entry->message);
  g_free (entry);
}

static ListingEntry *
listing_entry_new (const char *file,
                   const char *name)
{
  ListingEntry *entry = g_new0 (ListingEntry, 1);

  entry->file = g_strdup (file);
  entry->name = name != NULL ? g_strdup (name) : g_filename_display_basename (file);

  return entry;
}

static const char *
listing_entry_status (ListingEntry *entry)
{
  if (entry->job == NULL)
    return entry->status;

  switch (resell_listing_job_get_status (entry->job))
    {
    case RESELL_LISTING_JOB_DONE:
      return "done";
    case RESELL_LISTING_JOB_CACHED:
      return "cached";
    case RESELL_LISTING_JOB_CANCELLED:
      return "cancelled";
    case RESELL_LISTING_JOB_PENDING:
    case RESELL_LISTING_JOB_FAILED:
    default:
      return "failed";
    }
}

static const char *
listing_entry_message (ListingEntry *entry)
{
  return entry->job != NULL ? resell_listing_job_get_message (entry->job) : entry->message;
}

/* --profile, --copyright, --workers, --out: shared by process and export. */
typedef struct
{
  char *profile_id;
  char *copyright;
  char *out_dir;
  int   workers;
} ListingOptions;

static void
listing_options_clear (ListingOptions *options)
{
  g_clear_pointer (&options->profile_id, g_free);
  g_clear_pointer (&options->copyright, g_free);
  g_clear_pointer (&options->out_dir, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ListingOptions, listing_options_clear)

static void
add_listing_entries (GOptionContext *context,
                     ListingOptions *options)
{
  const GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &options->out_dir,
      N_("Folder for the listing images (required; made if missing)"), N_("DIR") },
    { "profile", 'p', 0, G_OPTION_ARG_STRING, &options->profile_id,
      N_("Marketplace profile: a built-in id (see “profiles”; default: ebay) or a profile file"), N_("ID|FILE") },
    { "copyright", 0, 0, G_OPTION_ARG_STRING, &options->copyright,
      N_("Copyright line written into each image (the only metadata kept)"), N_("TEXT") },
    { "workers", 'w', 0, G_OPTION_ARG_INT, &options->workers,
      N_("Photos made at once (default 0: one per processor core)"), N_("N") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
}

/* Checks the options and loads the profile; on a usage error returns NULL
 * with *status set. */
static ResellListingProfile *
check_listing_options (ResellCliGlobals *globals,
                       const char       *command,
                       ListingOptions   *options,
                       ResellCliStatus  *status)
{
  g_autoptr(GError) error = NULL;
  ResellListingProfile *profile;
  const char *id;

  if (options->out_dir == NULL || *options->out_dir == '\0')
    {
      *status = resell_cli_usage_error (command, _("--out is required: the folder for the listing images."));
      return NULL;
    }

  if (options->workers < 0 || options->workers > 1024)
    {
      *status = resell_cli_usage_error (command, _("--workers must be between 0 (one per core) and 1024."));
      return NULL;
    }

  id = options->profile_id != NULL ? options->profile_id : "ebay";
  if (strchr (id, '/') != NULL || g_str_has_suffix (id, ".json"))
    {
      /* A profile file of one's own, e.g. for another marketplace. */
      g_autofree char *data = NULL;
      g_autofree char *display = g_filename_display_name (id);
      gsize len = 0;

      if (g_file_get_contents (id, &data, &len, &error))
        profile = resell_listing_profile_new_from_data (display, data, len, &error);
      else
        profile = NULL;
    }
  else
    {
      profile = resell_context_lookup_profile (resell_cli_get_context (globals), id, &error);
    }

  if (profile == NULL)
    {
      *status = resell_cli_usage_error (command, error->message);
      return NULL;
    }

  return profile;
}

/* "12/40" on a terminal's stderr while the batch runs. */
static void
on_listing_progress (ResellListingExporter *exporter,
                     GParamSpec            *pspec,
                     gpointer               user_data)
{
  /* TRANSLATORS: progress on the terminal, e.g. "Listing images: 12/40" */
  g_printerr ("\r%s %u/%u", _("Listing images:"),
              resell_listing_exporter_get_n_done (exporter),
              resell_listing_exporter_get_n_total (exporter));
}

/* Runs the entries' jobs; Ctrl-C cancels what is not finished (finished
 * images stay written, and nothing half-written is left).  Prints the
 * report; returns the exit status. */
static ResellCliStatus
run_listing_entries (ResellCliGlobals     *globals,
                     ResellListingProfile *profile,
                     ListingOptions       *options,
                     GPtrArray            *entries)
{
  g_autoptr(ResellListingExporter) exporter = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) jobs = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cache_dir = resell_context_get_cache_dir (resell_cli_get_context (globals));
  gboolean show_progress = !globals->json && isatty (STDERR_FILENO);
  guint sigint_id, sigterm_id;
  guint n_failed = 0;
  gboolean cancelled = FALSE;

  for (guint i = 0; i < entries->len; i++)
    {
      ListingEntry *entry = g_ptr_array_index (entries, i);

      if (entry->job != NULL)
        g_ptr_array_add (jobs, entry->job);
    }

  /* On the app's cache: what the app made with the same recipe is
   * copied, not made again. */
  exporter = resell_listing_exporter_new (cache_dir, profile, (guint) options->workers);
  resell_listing_exporter_set_copyright (exporter, options->copyright);
  if (show_progress && jobs->len > 0)
    g_signal_connect (exporter, "notify::n-done", G_CALLBACK (on_listing_progress), NULL);

  sigint_id = g_unix_signal_add (SIGINT, resell_cli_on_interrupt, cancellable);
  sigterm_id = g_unix_signal_add (SIGTERM, resell_cli_on_interrupt, cancellable);

  resell_listing_exporter_run_async (exporter, jobs, cancellable, resell_cli_got_async_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);

  if (show_progress && jobs->len > 0)
    g_printerr ("\n");

  if (!resell_listing_exporter_run_finish (exporter, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cancelled = TRUE;
      else
        {
          resell_cli_print_error (_("Could not make the listing images: %s"), error->message);
          resell_cli_flush_main_context ();
          return RESELL_CLI_EXIT_RUNTIME;
        }
    }

  if (globals->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < entries->len; i++)
        {
          ListingEntry *entry = g_ptr_array_index (entries, i);
          const char *status = listing_entry_status (entry);

          if (g_str_equal (status, "failed"))
            n_failed++;

          json_builder_begin_object (builder);
          resell_cli_json_add_path (builder, "file", entry->file);
          resell_cli_json_add_path (builder, "output", entry->output);
          resell_cli_json_add_string (builder, "status", status);
          resell_cli_json_add_string (builder, "message", listing_entry_message (entry));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      resell_cli_print_json (builder);
    }
  else
    {
      for (guint i = 0; i < entries->len; i++)
        {
          ListingEntry *entry = g_ptr_array_index (entries, i);
          const char *status = listing_entry_status (entry);
          const char *message = listing_entry_message (entry);
          g_autofree char *output = entry->output != NULL ? g_filename_display_name (entry->output) : NULL;

          if (g_str_equal (status, "done"))
            /* TRANSLATORS: "done IMG_2041.jpg → out/IMG_2041.jpg" */
            g_print (_("done %s → %s"), entry->name, output);
          else if (g_str_equal (status, "cached"))
            /* TRANSLATORS: made before with the same recipe, copied from the cache */
            g_print (_("cached %s → %s"), entry->name, output);
          else if (g_str_equal (status, "cancelled"))
            g_print (_("cancelled %s"), entry->name);
          else if (g_str_equal (status, "skipped"))
            /* TRANSLATORS: "skipped: <why>"; the reason names the file */
            g_print (_("skipped: %s"), message);
          else
            {
              n_failed++;
              g_print (_("failed: %s"), message != NULL && *message != '\0' ? message : entry->name);
            }
          g_print ("\n");
        }
    }

  resell_cli_flush_main_context ();

  if (cancelled)
    {
      resell_cli_print_error ("%s", _("Interrupted: the images not finished were not written."));
      return RESELL_CLI_EXIT_RUNTIME;
    }

  return n_failed > 0 ? RESELL_CLI_EXIT_RUNTIME : RESELL_CLI_EXIT_OK;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Appends the picture files directly in @dir, sorted by name; NULL with
 * @error when the folder cannot be read. */
static gboolean
list_folder_pictures (const char  *dir,
                      GPtrArray   *paths,
                      GError     **error)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (d == NULL)
    return FALSE;

  while ((name = g_dir_read_name (d)))
    {
      g_autofree char *path = NULL;

      /* Hidden files include the temporary ones of a copy in progress; of
       * the rest, files named like photos, so a fake one fails by name
       * rather than vanishing, as in an import. */
      if (name[0] == '.' || !resell_importer_name_looks_like_photo (name))
        continue;

      path = g_build_filename (dir, name, NULL);
      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;

      g_ptr_array_add (names, g_steal_pointer (&path));
    }

  g_ptr_array_sort (names, compare_strings);
  for (guint i = 0; i < names->len; i++)
    g_ptr_array_add (paths, g_strdup (g_ptr_array_index (names, i)));

  return TRUE;
}

/* @stem + "." + @extension ("bag.jpg"), or "bag-2.jpg", "bag-3.jpg"… when
 * taken in this batch. */
static char *
claim_output_name (GHashTable *taken,
                   const char *stem,
                   const char *extension)
{
  char *name = g_strconcat (stem, ".", extension, NULL);

  for (guint n = 2; g_hash_table_contains (taken, name); n++)
    {
      g_free (name);
      name = g_strdup_printf ("%s-%u.%s", stem, n, extension);
    }

  g_hash_table_add (taken, g_strdup (name));

  return name;
}

ResellCliStatus
resell_cli_builtin_process (ResellCliGlobals *globals,
                            int               argc,
                            char            **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(ResellListingProfile) profile = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GHashTable) taken = NULL;
  g_auto(ListingOptions) options = { NULL, NULL, NULL, 0 };
  ResellCliGlobals local = { NULL, FALSE };
  ResellCliStatus status = RESELL_CLI_EXIT_OK;
  guint n_jobs = 0;

  context = resell_cli_command_context_new ("process", _("--out DIR FILE|FOLDER…"),
                                            _("Make listing images from photo files, or the pictures in folders: "
                                              "oriented, trimmed, padded, resized for the marketplace, and with "
                                              "every private metadata field (GPS, serial numbers, owner) removed. "
                                              "The originals are never changed; DIR/NAME.jpg is written for each "
                                              "(DIR/NAME.webp with a WebP profile)."));
  add_listing_entries (context, &options);
  resell_cli_add_global_entries (context, &local);
  if (!resell_cli_parse_command_line (context, globals, &local, &argc, &argv, &status))
    return status;

  profile = check_listing_options (globals, argv[0], &options, &status);
  if (profile == NULL)
    return status;

  if (argc < 2)
    return resell_cli_usage_error (argv[0], _("Give at least one file or folder to process."));

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) listing_entry_free);
  taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GError) error = NULL;

      if (g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        {
          if (!list_folder_pictures (argv[i], paths, &error))
            {
              g_autofree char *display = g_filename_display_name (argv[i]);
              ListingEntry *entry = listing_entry_new (argv[i], display);

              entry->status = "failed";
              entry->message = g_strdup_printf (_("Could not read the folder “%s”: %s"),
                                                display, error->message);
              g_ptr_array_add (entries, entry);
              continue;
            }
        }
      else
        {
          /* Missing or unreadable files fail by name in the batch. */
          g_ptr_array_add (paths, g_strdup (argv[i]));
        }

      for (guint j = 0; j < paths->len; j++)
        {
          const char *path = g_ptr_array_index (paths, j);
          g_autofree char *base = g_path_get_basename (path);
          g_autofree char *name = NULL;
          char *dot = strrchr (base, '.');
          ListingEntry *entry = listing_entry_new (path, NULL);

          if (dot != NULL && dot != base)
            *dot = '\0';

          name = claim_output_name (taken, base, resell_listing_profile_get_extension (profile));
          entry->output = g_build_filename (options.out_dir, name, NULL);
          entry->job = resell_listing_job_new (path, NULL, NULL, entry->output);
          g_ptr_array_add (entries, entry);
          n_jobs++;
        }
    }

  if (n_jobs == 0 && entries->len == 0)
    resell_cli_print_warning (_("No picture files found: nothing was processed."));

  return run_listing_entries (globals, profile, &options, entries);
}

/* Keeps a SKU or slot id safe as part of a file name. */
static char *
dup_file_name_part (const char *text)
{
  char *part = g_strdup (text != NULL ? text : "");

  for (char *p = part; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      *p = '-';

  return part;
}

ResellCliStatus
resell_cli_builtin_export (ResellCliGlobals *globals,
                           int               argc,
                           char            **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(ResellListingProfile) profile = NULL;
  g_autoptr(ResellItem) item = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  g_autoptr(GPtrArray) flaws = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GPtrArray) over = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) flaws_error = NULL;
  g_autofree char *sku_part = NULL;
  g_autofree char *name_prefix = NULL;
  g_auto(ListingOptions) options = { NULL, NULL, NULL, 0 };
  ResellCliGlobals local = { NULL, FALSE };
  ResellCliStatus status = RESELL_CLI_EXIT_OK;
  ResellCatalog *catalog;
  int max_photos;

  context = resell_cli_command_context_new ("export", _("SKU --out DIR"),
                                            _("Make the listing images of an item’s photos, in the item’s order, "
                                              "as DIR/SKU-NN-SHOT.jpg (.webp with a WebP profile), with the "
                                              "seller’s edits applied and "
                                              "private metadata removed, then a close-up of each flaw "
                                              "(DIR/SKU-NN-flaw-TYPE.jpg).  Photos beyond the marketplace’s limit "
                                              "are reported as skipped."));
  add_listing_entries (context, &options);
  resell_cli_add_global_entries (context, &local);
  if (!resell_cli_parse_command_line (context, globals, &local, &argc, &argv, &status))
    return status;

  profile = check_listing_options (globals, argv[0], &options, &status);
  if (profile == NULL)
    return status;

  if (argc != 2)
    return resell_cli_usage_error (argv[0], _("Give the SKU of one item."));

  catalog = resell_cli_open_item_photos (globals, argv[1], &item, &photos);
  if (catalog == NULL)
    return RESELL_CLI_EXIT_RUNTIME;

  if (photos->len == 0)
    resell_cli_print_warning (_("The item has no photos: nothing was exported."));

  flaws = resell_catalog_list_flaws (catalog, resell_item_get_id (item), &flaws_error);
  if (flaws == NULL)
    {
      resell_cli_print_error (_("Could not list the flaws of “%s”: %s"), argv[1], flaws_error->message);
      return RESELL_CLI_EXIT_RUNTIME;
    }

  /* The photos, then a close-up of each flaw (docs/flaws.md), ringed:
   * what goes in and what is over the marketplace's limit is the
   * exporter's plan, the same as the window's. */
  sku_part = dup_file_name_part (resell_item_get_sku (item));
  name_prefix = g_strconcat (sku_part, "-", NULL);
  {
    g_autoptr(ResellListingExporter) planner = resell_listing_exporter_new (resell_context_get_cache_dir (resell_cli_get_context (globals)), profile, 1);

    jobs = resell_listing_exporter_plan_item (planner, photos, flaws, NULL, NULL, TRUE,
                                              options.out_dir, name_prefix, &over);
  }
  max_photos = resell_listing_profile_get_max_photos (profile);
  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) listing_entry_free);

  for (guint i = 0; i < jobs->len + over->len; i++)
    {
      gboolean is_over = i >= jobs->len;
      ResellListingJob *job = is_over ? NULL : g_ptr_array_index (jobs, i);
      gpointer of = is_over ? g_ptr_array_index (over, i - jobs->len) : NULL;
      gint64 photo_id = job != NULL ? resell_listing_job_get_photo_id (job)
                      : RESELL_IS_FLAW (of) ? resell_flaw_get_photo_id (of) : resell_photo_get_id (of);
      gint64 flaw_id = job != NULL ? resell_listing_job_get_flaw_id (job)
                     : RESELL_IS_FLAW (of) ? resell_flaw_get_id (of) : 0;
      ResellPhoto *photo = NULL;
      g_autofree char *display = NULL;
      ListingEntry *entry;

      for (guint j = 0; j < photos->len && photo == NULL; j++)
        if (resell_photo_get_id (g_ptr_array_index (photos, j)) == photo_id)
          photo = g_ptr_array_index (photos, j);
      g_assert (photo != NULL);

      if (flaw_id != 0)
        {
          const char *type_id = "";

          for (guint j = 0; j < flaws->len; j++)
            if (resell_flaw_get_id (g_ptr_array_index (flaws, j)) == flaw_id)
              type_id = resell_flaw_get_type_id (g_ptr_array_index (flaws, j));
          /* TRANSLATORS: what a flaw's close-up is called on the terminal: "close-up of flaw 3 (stain)" */
          display = g_strdup_printf (_("close-up of flaw %lld (%s)"), (long long) flaw_id, type_id);
        }
      else
        {
          const char *original_name = resell_photo_get_original_name (photo);

          display = original_name != NULL && *original_name != '\0'
                  ? g_filename_display_name (original_name)
                  : g_filename_display_basename (resell_photo_get_path (photo));
        }

      entry = listing_entry_new (resell_photo_get_path (photo), display);
      g_ptr_array_add (entries, entry);

      if (job != NULL)
        {
          entry->job = g_object_ref (job);
          entry->output = g_strdup (resell_listing_job_get_output_path (job));
        }
      else if (flaw_id != 0)
        {
          entry->status = "skipped";
          entry->message = g_strdup_printf (_("The %s (photo %u) was not exported: %s takes at most %d photos per listing."),
                                            display, i + 1,
                                            resell_listing_profile_get_name (profile), max_photos);
        }
      else
        {
          entry->status = "skipped";
          /* TRANSLATORS: "“IMG_2041.jpg” (photo 25) was not exported: eBay takes at most 24 photos per listing." */
          entry->message = g_strdup_printf (_("“%s” (photo %u) was not exported: %s takes at most %d photos per listing."),
                                            display, i + 1,
                                            resell_listing_profile_get_name (profile), max_photos);
        }
    }

  return run_listing_entries (globals, profile, &options, entries);
}
