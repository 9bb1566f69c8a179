/* resell-cli.c — script the Resell item catalog from a terminal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-cli"

#include "config.h"

#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <json-glib/json-glib.h>

#include "resell-core.h"
#include "listing/resell-listing-exporter.h"

#define PROGRAM_NAME "resell-cli"

typedef enum
{
  EXIT_OK = 0,
  EXIT_RUNTIME = 1,
  EXIT_USAGE = 2,
} ExitStatus;

/* Options accepted before the command and after it. */
typedef struct
{
  char     *data_dir;
  gboolean  json;
} GlobalOptions;

typedef struct
{
  const char *name;
  ExitStatus (*run) (GlobalOptions *globals, int argc, char **argv);
  const char *summary;      /* translatable */
} Command;

/* ------------------------------------------------------------------ */
/* Messages                                                           */
/* ------------------------------------------------------------------ */

static void print_error (const char *format, ...) G_GNUC_PRINTF (1, 2);

static void
print_error (const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("%s: %s\n", PROGRAM_NAME, message);
}

static void
print_warning (const char *message)
{
  /* TRANSLATORS: a warning on the terminal, e.g. "warning: clothing.json:3: …" */
  g_printerr ("%s: %s %s\n", PROGRAM_NAME, _("warning:"), message);
}

/* Prints @message and a pointer to the help of @command (or of the
 * program when NULL); returns the usage-error exit status. */
static ExitStatus
usage_error (const char *command,
             const char *message)
{
  g_autofree char *help = NULL;

  print_error ("%s", message);
  help = command != NULL ? g_strdup_printf ("%s %s --help", PROGRAM_NAME, command)
                         : g_strdup_printf ("%s --help", PROGRAM_NAME);
  g_printerr (_("Try “%s” for more information."), help);
  g_printerr ("\n");

  return EXIT_USAGE;
}

/* ------------------------------------------------------------------ */
/* Output helpers                                                     */
/* ------------------------------------------------------------------ */

/* JSON is always UTF-8, whatever the locale: write the bytes as they are. */
static void
print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *data = NULL;
  gsize length = 0;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  data = json_generator_to_data (generator, &length);

  fwrite (data, 1, length, stdout);
  fputc ('\n', stdout);
  fflush (stdout);
}

/* Paths are bytes; JSON strings must be UTF-8. */
static char *
dup_utf8_path (const char *path)
{
  if (path == NULL)
    return NULL;
  if (g_utf8_validate (path, -1, NULL))
    return g_strdup (path);
  return g_filename_display_name (path);
}

static void
json_add_string (JsonBuilder *builder,
                 const char  *name,
                 const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
json_add_path (JsonBuilder *builder,
               const char  *name,
               const char  *path)
{
  g_autofree char *utf8 = dup_utf8_path (path);

  json_add_string (builder, name, utf8);
}

static void
json_add_int (JsonBuilder *builder,
              const char  *name,
              gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

/* The catalog's unix µs as a UTC date, or NULL for 0 (unknown) and for
 * what GDateTime cannot hold: the formats below print nothing then. */
static GDateTime *
date_time_new_from_usec (gint64 usec)
{
  if (usec == 0)
    return NULL;

  return g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
}

/* ISO 8601 in UTC ("2023-11-23T17:37:00Z"), or NULL for 0 (unknown). */
static char *
format_iso8601 (gint64 usec)
{
  g_autoptr(GDateTime) dt = date_time_new_from_usec (usec);

  if (dt == NULL)
    return NULL;

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

static void
json_add_time (JsonBuilder *builder,
               const char  *name,
               gint64       usec)
{
  g_autofree char *iso = format_iso8601 (usec);

  json_add_string (builder, name, iso);
}

/* Local time for people, or NULL for 0 (unknown). */
static char *
format_local_time (gint64 usec)
{
  g_autoptr(GDateTime) utc = date_time_new_from_usec (usec);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return NULL;
  local = g_date_time_to_local (utc);
  if (local == NULL)
    return NULL;

  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
}

/* Pads @text with spaces to @width characters (not bytes). */
static void
append_padded (GString    *out,
               const char *text,
               gsize       width)
{
  gsize len = g_utf8_strlen (text, -1);

  g_string_append (out, text);
  for (; len < width; len++)
    g_string_append_c (out, ' ');
}

/* Shortens @text to at most @max characters, ending with an ellipsis. */
static char *
dup_ellipsized (const char *text,
                gsize       max)
{
  g_autofree char *start = NULL;

  if (g_utf8_strlen (text, -1) <= (glong) max)
    return g_strdup (text);

  start = g_utf8_substring (text, 0, max - 1);
  return g_strconcat (start, "…", NULL);
}

/* Prints rows (each a NULL-terminated array of @n_columns strings) as
 * columns separated by two spaces; the first row is the header. */
static void
print_table (GPtrArray *rows,
             guint      n_columns)
{
  g_autofree gsize *widths = g_new0 (gsize, n_columns);

  for (guint r = 0; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);

      for (guint c = 0; c < n_columns; c++)
        widths[c] = MAX (widths[c], (gsize) g_utf8_strlen (row[c], -1));
    }

  for (guint r = 0; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);
      g_autoptr(GString) line = g_string_new (NULL);

      for (guint c = 0; c < n_columns; c++)
        {
          if (c + 1 < n_columns)
            {
              append_padded (line, row[c], widths[c]);
              g_string_append (line, "  ");
            }
          else
            {
              g_string_append (line, row[c]);
            }
        }

      g_print ("%s\n", line->str);
    }
}

/* Prints "Label:  value" lines with the values aligned, leaving out the
 * fields with no value. */
typedef struct
{
  const char *label;
  char       *value;
} Field;

static void
print_fields (const Field *fields,
              guint        n_fields,
              const char  *indent)
{
  gsize width = 0;

  for (guint i = 0; i < n_fields; i++)
    width = MAX (width, (gsize) g_utf8_strlen (fields[i].label, -1) + 1);

  for (guint i = 0; i < n_fields; i++)
    {
      g_autoptr(GString) line = NULL;
      g_autofree char *label = NULL;

      /* Unset fields are left out. */
      if (fields[i].value == NULL || *fields[i].value == '\0')
        continue;

      line = g_string_new (indent);
      label = g_strconcat (fields[i].label, ":", NULL);

      append_padded (line, label, width);
      g_string_append (line, "  ");
      g_string_append (line, fields[i].value != NULL ? fields[i].value : "");
      g_print ("%s\n", line->str);
    }
}

/* ------------------------------------------------------------------ */
/* Option parsing                                                     */
/* ------------------------------------------------------------------ */

/* Adds --data-dir and --json to a command's context, parsed into @local. */
static void
add_global_entries (GOptionContext *context,
                    GlobalOptions  *local)
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
merge_globals (GlobalOptions *globals,
               GlobalOptions *local)
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
static GOptionContext *
command_context_new (const char *name,
                     const char *parameters,
                     const char *summary)
{
  g_autofree char *usage = NULL;
  GOptionContext *context;

  /* The usage line reads "resell-cli NAME [OPTION…] PARAMETERS". */
  usage = g_strdup_printf ("%s %s", PROGRAM_NAME, name);
  g_set_prgname (usage);
  context = g_option_context_new (parameters);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);

  return context;
}

/* Parses a command's arguments (@argv[0] is the command's name). */
static gboolean
parse_command_line (GOptionContext *context,
                    GlobalOptions  *globals,
                    GlobalOptions  *local,
                    int            *argc,
                    char         ***argv,
                    ExitStatus     *status)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = usage_error ((*argv)[0], error->message);
      return FALSE;
    }

  merge_globals (globals, local);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Shared set-up                                                      */
/* ------------------------------------------------------------------ */

static ResellCatalog *
open_catalog (GlobalOptions *globals)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = NULL;
  ResellCatalog *catalog;

  /* Absolute, so the paths the catalog records do not depend on where
   * the command ran. */
  if (globals->data_dir != NULL && *globals->data_dir != '\0')
    data_dir = g_canonicalize_filename (globals->data_dir, NULL);
  else
    data_dir = resell_catalog_dup_default_data_dir ();

  if (data_dir == NULL || *data_dir == '\0')
    {
      print_error ("%s", _("No catalog folder: use --data-dir or set RESELL_DATA_DIR."));
      return NULL;
    }

  catalog = resell_catalog_open (data_dir, &error);
  if (catalog == NULL)
    {
      g_autofree char *display = g_filename_display_name (data_dir);

      print_error (_("Could not open the catalog in “%s”: %s"), display, error->message);
      return NULL;
    }

  return catalog;
}

/* Loads the categories; problems with the data files are printed as
 * warnings.  Returns NULL (error printed) when none could be loaded. */
static ResellCategoryRegistry *
load_categories (void)
{
  g_autoptr(ResellCategoryRegistry) registry = resell_category_registry_new ();
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = resell_category_registry_load_default (registry, problems, &error);

  for (guint i = 0; i < problems->len; i++)
    print_warning (g_ptr_array_index (problems, i));

  if (!ok)
    {
      print_error (_("No categories could be loaded: %s"),
                   error != NULL ? error->message : _("unknown error"));
      return NULL;
    }

  return g_steal_pointer (&registry);
}

static char *
dup_category_ids (ResellCategoryRegistry *registry)
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

static ResellItem *
lookup_item (ResellCatalog *catalog,
             const char    *sku)
{
  g_autoptr(GError) error = NULL;
  ResellItem *item;

  item = resell_catalog_lookup_item_by_sku (catalog, sku, &error);
  if (item == NULL)
    {
      /* The catalog says why: unknown, or in the trash. */
      if (g_error_matches (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_NOT_FOUND))
        print_error ("%s", error->message);
      else if (error == NULL)
        print_error (_("No item with SKU “%s” in the catalog."), sku);
      else
        print_error (_("Could not look up SKU “%s”: %s"), sku, error->message);
      return NULL;
    }

  return item;
}

/* Opens the catalog and finds the item @sku and its photos, for "show"
 * and "export".  Returns the catalog, to be kept while @item and @photos
 * are used, or NULL (and nothing in @item and @photos) once the failure is
 * reported. */
static ResellCatalog *
open_item_photos (GlobalOptions  *globals,
                  const char     *sku,
                  ResellItem    **item,
                  GPtrArray     **photos)
{
  g_autoptr(ResellCatalog) catalog = NULL;
  g_autoptr(ResellItem) found = NULL;
  g_autoptr(GError) error = NULL;

  catalog = open_catalog (globals);
  if (catalog == NULL)
    return NULL;

  found = lookup_item (catalog, sku);
  if (found == NULL)
    return NULL;

  *photos = resell_catalog_list_photos (catalog, resell_item_get_id (found), &error);
  if (*photos == NULL)
    {
      print_error (_("Could not list the photos of “%s”: %s"), sku, error->message);
      return NULL;
    }

  *item = g_steal_pointer (&found);

  return g_steal_pointer (&catalog);
}

/* The catalog announces changes on the main context; let them run so
 * nothing is left queued when the process ends. */
static void
flush_main_context (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* ------------------------------------------------------------------ */
/* JSON and text for items and photos                                 */
/* ------------------------------------------------------------------ */

static void
json_add_item_members (JsonBuilder *builder,
                       ResellItem  *item)
{
  json_add_int (builder, "id", resell_item_get_id (item));
  json_add_string (builder, "sku", resell_item_get_sku (item));
  json_add_string (builder, "category", resell_item_get_category (item));
  json_add_string (builder, "brand", resell_item_get_brand (item));
  json_add_string (builder, "model", resell_item_get_model (item));
  json_add_string (builder, "title", resell_item_get_title (item));
  json_add_string (builder, "size", resell_item_get_size (item));
  json_add_string (builder, "colour", resell_item_get_colour (item));
  json_add_string (builder, "material", resell_item_get_material (item));
  json_add_string (builder, "notes", resell_item_get_notes (item));
  json_add_string (builder, "consignor", resell_item_get_consignor (item));
  json_add_string (builder, "state", resell_item_state_to_string (resell_item_get_state (item)));
  json_add_time (builder, "created_at", resell_item_get_created_at (item));
  json_add_time (builder, "updated_at", resell_item_get_updated_at (item));
  json_add_int (builder, "photo_count", resell_item_get_photo_count (item));
}

static void
json_add_item (JsonBuilder *builder,
               ResellItem  *item)
{
  json_builder_begin_object (builder);
  json_add_item_members (builder, item);
  json_builder_end_object (builder);
}

/* The stored shot checks (resell_shot_report_to_json()) as a JSON object,
 * or null for a photo never checked or checks that cannot be read. */
static void
json_add_checks (JsonBuilder *builder,
                 const char  *name,
                 const char  *checks_json)
{
  g_autoptr(JsonNode) node = NULL;

  if (checks_json != NULL)
    {
      node = json_from_string (checks_json, NULL);
      if (node != NULL && !JSON_NODE_HOLDS_OBJECT (node))
        g_clear_pointer (&node, json_node_unref);
    }

  json_builder_set_member_name (builder, name);
  if (node != NULL)
    json_builder_add_value (builder, g_steal_pointer (&node));
  else
    json_builder_add_null_value (builder);
}

/* The problem sentences of a report, as an array of strings. */
static void
json_add_problem_sentences (JsonBuilder      *builder,
                            const char       *name,
                            ResellShotReport *report)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  if (report != NULL)
    {
      const char * const *problems = resell_shot_report_get_problems (report);

      for (guint i = 0; problems != NULL && problems[i] != NULL; i++)
        json_builder_add_string_value (builder, problems[i]);
    }
  json_builder_end_array (builder);
}

/* "passed", or the problems of the stored checks in a sentence each, or
 * NULL when the photo was never checked. */
static char *
dup_checks_summary (const char *checks_json)
{
  g_autoptr(ResellShotReport) report = resell_shot_report_new_from_json (checks_json);
  const char * const *problems;

  if (report == NULL)
    return NULL;

  if (resell_shot_report_get_passed (report))
    /* TRANSLATORS: the shot checks (sharpness, exposure…) found nothing wrong */
    return g_strdup (_("passed"));

  problems = resell_shot_report_get_problems (report);
  if (problems == NULL || problems[0] == NULL)
    /* TRANSLATORS: the shot checks failed, for no reason they can name */
    return g_strdup (_("failed"));

  return g_strjoinv (" ", (char **) problems);
}

static void
json_add_photo (JsonBuilder       *builder,
                ResellPhoto       *photo,
                ResellThumbnailer *thumbnailer)
{
  json_builder_begin_object (builder);
  json_add_int (builder, "id", resell_photo_get_id (photo));
  json_add_string (builder, "slot", resell_photo_get_slot (photo));
  json_add_int (builder, "position", resell_photo_get_position (photo));
  json_add_path (builder, "path", resell_photo_get_path (photo));
  json_add_path (builder, "original_name", resell_photo_get_original_name (photo));
  json_add_string (builder, "sha256", resell_photo_get_sha256 (photo));
  json_add_int (builder, "width", resell_photo_get_width (photo));
  json_add_int (builder, "height", resell_photo_get_height (photo));
  json_add_time (builder, "captured_at", resell_photo_get_captured_at (photo));
  json_add_string (builder, "camera", resell_photo_get_camera_model (photo));
  json_add_time (builder, "added_at", resell_photo_get_added_at (photo));
  json_add_checks (builder, "checks", resell_photo_get_checks (photo));
  if (thumbnailer != NULL && resell_photo_get_sha256 (photo) != NULL)
    {
      g_autofree char *thumbnail = resell_thumbnailer_lookup (thumbnailer,
                                                              resell_photo_get_sha256 (photo));
      json_add_path (builder, "thumbnail", thumbnail);
    }
  json_builder_end_object (builder);
}

static const char *
slot_or_extra (ResellPhoto *photo)
{
  const char *slot = resell_photo_get_slot (photo);

  /* TRANSLATORS: where a photo went that fills no slot of the shot list */
  return slot != NULL && *slot != '\0' ? slot : _("extra photo");
}

/* ------------------------------------------------------------------ */
/* list                                                               */
/* ------------------------------------------------------------------ */

static ExitStatus
cmd_list (GlobalOptions  *globals,
          int             argc,
          char          **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(ResellCatalog) catalog = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *state_str = NULL;
  g_autofree char *category = NULL;
  g_autofree char *search = NULL;
  g_autofree char *needle = NULL;
  GlobalOptions local = { NULL, FALSE };
  ResellItemState state = RESELL_ITEM_STATE_DRAFT;
  ExitStatus status = EXIT_OK;
  const GOptionEntry entries[] = {
    { "state", 's', 0, G_OPTION_ARG_STRING, &state_str,
      N_("Only items in this state (draft, ready, queued, uploading, submitted)"), N_("STATE") },
    { "category", 'c', 0, G_OPTION_ARG_STRING, &category,
      N_("Only items of this category"), N_("ID") },
    { "search", 'q', 0, G_OPTION_ARG_STRING, &search,
      N_("Only items whose title, brand, model, SKU, notes… contain TEXT"), N_("TEXT") },
    { NULL }
  };

  context = command_context_new ("list", NULL, _("List the items in the catalog, newest change first."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  add_global_entries (context, &local);
  if (!parse_command_line (context, globals, &local, &argc, &argv, &status))
    return status;

  if (argc > 1)
    return usage_error (argv[0], _("“list” takes no arguments."));

  if (state_str != NULL && !resell_item_state_from_string (state_str, &state))
    {
      g_autofree char *message =
        g_strdup_printf (_("Unknown state “%s” (use draft, ready, queued, uploading or submitted)."),
                         state_str);
      return usage_error (argv[0], message);
    }

  if (search != NULL)
    needle = g_utf8_casefold (search, -1);

  catalog = open_catalog (globals);
  if (catalog == NULL)
    return EXIT_RUNTIME;

  items = resell_catalog_list_items (catalog, &error);
  if (items == NULL)
    {
      print_error (_("Could not list the items: %s"), error->message);
      return EXIT_RUNTIME;
    }

  shown = g_ptr_array_new ();
  for (guint i = 0; i < items->len; i++)
    {
      ResellItem *item = g_ptr_array_index (items, i);

      if (state_str != NULL && resell_item_get_state (item) != state)
        continue;
      if (category != NULL && g_strcmp0 (resell_item_get_category (item), category) != 0)
        continue;
      if (needle != NULL && !resell_item_matches (item, needle))
        continue;

      g_ptr_array_add (shown, item);
    }

  if (globals->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < shown->len; i++)
        json_add_item (builder, g_ptr_array_index (shown, i));
      json_builder_end_array (builder);
      print_json (builder);
    }
  else if (shown->len > 0)
    {
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
      char **header = g_new0 (char *, 6);

      header[0] = g_strdup (_("SKU"));
      header[1] = g_strdup (_("STATE"));
      header[2] = g_strdup (_("CATEGORY"));
      header[3] = g_strdup (_("TITLE"));
      header[4] = g_strdup (_("PHOTOS"));
      g_ptr_array_add (rows, header);

      for (guint i = 0; i < shown->len; i++)
        {
          ResellItem *item = g_ptr_array_index (shown, i);
          g_autofree char *title = resell_item_dup_display_title (item);
          char **row = g_new0 (char *, 6);

          row[0] = g_strdup (resell_item_get_sku (item));
          row[1] = g_strdup (resell_item_state_to_string (resell_item_get_state (item)));
          row[2] = g_strdup (resell_item_get_category (item));
          row[3] = dup_ellipsized (title != NULL ? title : "", 50);
          row[4] = g_strdup_printf ("%u", resell_item_get_photo_count (item));
          g_ptr_array_add (rows, row);
        }

      print_table (rows, 5);
    }
  else if (items->len == 0)
    {
      g_printerr ("%s\n", _("The catalog is empty."));
    }
  else
    {
      g_printerr ("%s\n", _("No items match."));
    }

  flush_main_context ();

  return EXIT_OK;
}

/* ------------------------------------------------------------------ */
/* add                                                                */
/* ------------------------------------------------------------------ */

/* The SKU prefix the app is set to use, when its settings schema is
 * installed; NULL otherwise (the catalog's default applies). */
static char *
dup_configured_sku_prefix (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *prefix = NULL;

  if (source == NULL)
    return NULL;

  schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "sku-prefix"))
    return NULL;

  settings = g_settings_new_full (schema, NULL, NULL);
  prefix = g_settings_get_string (settings, "sku-prefix");
  if (prefix == NULL || *g_strstrip (prefix) == '\0')
    return NULL;

  return g_steal_pointer (&prefix);
}

static ExitStatus
cmd_add (GlobalOptions  *globals,
         int             argc,
         char          **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(ResellCategoryRegistry) registry = NULL;
  g_autoptr(ResellCatalog) catalog = NULL;
  g_autoptr(ResellItem) item = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *category = NULL;
  g_autofree char *title = NULL;
  g_autofree char *brand = NULL;
  g_autofree char *model = NULL;
  g_autofree char *size = NULL;
  g_autofree char *colour = NULL;
  g_autofree char *material = NULL;
  g_autofree char *notes = NULL;
  g_autofree char *consignor = NULL;
  g_autofree char *state_str = NULL;
  g_autofree char *sku_prefix = NULL;
  GlobalOptions local = { NULL, FALSE };
  ResellItemState state = RESELL_ITEM_STATE_DRAFT;
  ExitStatus status = EXIT_OK;
  const GOptionEntry entries[] = {
    { "category", 'c', 0, G_OPTION_ARG_STRING, &category,
      N_("Category id, e.g. handbags (required; see “resell-cli categories”)"), N_("ID") },
    { "title", 't', 0, G_OPTION_ARG_STRING, &title, N_("Title"), N_("TEXT") },
    { "brand", 'b', 0, G_OPTION_ARG_STRING, &brand, N_("Brand"), N_("TEXT") },
    { "model", 'm', 0, G_OPTION_ARG_STRING, &model, N_("Model"), N_("TEXT") },
    { "size", 0, 0, G_OPTION_ARG_STRING, &size, N_("Size"), N_("TEXT") },
    { "colour", 0, 0, G_OPTION_ARG_STRING, &colour, N_("Colour"), N_("TEXT") },
    { "material", 0, 0, G_OPTION_ARG_STRING, &material, N_("Material"), N_("TEXT") },
    { "notes", 'n', 0, G_OPTION_ARG_STRING, &notes, N_("Notes"), N_("TEXT") },
    { "consignor", 0, 0, G_OPTION_ARG_STRING, &consignor,
      N_("Consignor the item belongs to"), N_("NAME") },
    { "state", 's', 0, G_OPTION_ARG_STRING, &state_str,
      N_("Initial state: draft (default) or ready"), N_("STATE") },
    { "sku-prefix", 0, 0, G_OPTION_ARG_STRING, &sku_prefix,
      N_("Letters that start the generated SKU (default: the app’s setting, else RS)"), N_("PREFIX") },
    { NULL }
  };

  context = command_context_new ("add", NULL, _("Add an item and print its new SKU."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  add_global_entries (context, &local);
  if (!parse_command_line (context, globals, &local, &argc, &argv, &status))
    return status;

  if (argc > 1)
    return usage_error (argv[0], _("“add” takes no arguments: give the fields as options."));

  if (category == NULL || *category == '\0')
    return usage_error (argv[0], _("--category is required."));

  if (state_str != NULL)
    {
      if (!resell_item_state_from_string (state_str, &state) ||
          (state != RESELL_ITEM_STATE_DRAFT && state != RESELL_ITEM_STATE_READY))
        {
          g_autofree char *message =
            g_strdup_printf (_("A new item can only be draft or ready, not “%s”."), state_str);
          return usage_error (argv[0], message);
        }
    }

  if (sku_prefix != NULL)
    {
      g_strstrip (sku_prefix);
      if (*sku_prefix == '\0')
        return usage_error (argv[0], _("--sku-prefix must not be empty."));
      for (const char *p = sku_prefix; *p != '\0'; p++)
        if (!g_ascii_isupper (*p) && !g_ascii_isdigit (*p))
          return usage_error (argv[0], _("--sku-prefix may only hold capital letters A–Z and digits."));
    }

  registry = load_categories ();
  if (registry == NULL)
    return EXIT_RUNTIME;

  if (resell_category_registry_lookup (registry, category) == NULL)
    {
      g_autofree char *known = dup_category_ids (registry);

      print_error (_("Unknown category “%s”. Known categories: %s."), category, known);
      return EXIT_RUNTIME;
    }

  catalog = open_catalog (globals);
  if (catalog == NULL)
    return EXIT_RUNTIME;

  if (sku_prefix == NULL)
    sku_prefix = dup_configured_sku_prefix ();
  if (sku_prefix != NULL)
    resell_catalog_set_sku_prefix (catalog, sku_prefix);

  item = resell_item_new ();
  resell_item_set_category (item, category);
  resell_item_set_state (item, state);
  if (title != NULL)
    resell_item_set_title (item, title);
  if (brand != NULL)
    resell_item_set_brand (item, brand);
  if (model != NULL)
    resell_item_set_model (item, model);
  if (size != NULL)
    resell_item_set_size (item, size);
  if (colour != NULL)
    resell_item_set_colour (item, colour);
  if (material != NULL)
    resell_item_set_material (item, material);
  if (notes != NULL)
    resell_item_set_notes (item, notes);
  if (consignor != NULL)
    resell_item_set_consignor (item, consignor);

  if (!resell_catalog_insert_item (catalog, item, &error))
    {
      print_error (_("Could not add the item: %s"), error->message);
      flush_main_context ();
      return EXIT_RUNTIME;
    }

  if (globals->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_add_item (builder, item);
      print_json (builder);
    }
  else
    {
      g_print ("%s\n", resell_item_get_sku (item));
    }

  flush_main_context ();

  return EXIT_OK;
}

/* ------------------------------------------------------------------ */
/* import                                                             */
/* ------------------------------------------------------------------ */

static const char *
import_status_to_string (ResellImportStatus status)
{
  switch (status)
    {
    case RESELL_IMPORT_STATUS_IMPORTED:
      return "imported";
    case RESELL_IMPORT_STATUS_DUPLICATE:
      return "duplicate";
    case RESELL_IMPORT_STATUS_FAILED:
    default:
      return "failed";
    }
}

/* The "status" and "message" members of an import result. */
static void
json_add_import_status (JsonBuilder        *builder,
                        ResellImportResult *result)
{
  json_add_string (builder, "status",
                   import_status_to_string (resell_import_result_get_status (result)));
  json_add_string (builder, "message", resell_import_result_get_message (result));
}

/* The "photo" member of an import result: the photo, or null. */
static void
json_add_import_photo (JsonBuilder       *builder,
                       ResellPhoto       *photo,
                       ResellThumbnailer *thumbnailer)
{
  json_builder_set_member_name (builder, "photo");
  if (photo != NULL)
    json_add_photo (builder, photo, thumbnailer);
  else
    json_builder_add_null_value (builder);
}

/* Opens the catalog, the item @sku and its category (NULL when the
 * registry or the category is unknown); EXIT_OK or what to exit with. */
static ExitStatus
open_item_and_category (GlobalOptions           *globals,
                        const char              *sku,
                        ResellCatalog          **catalog,
                        ResellItem             **item,
                        ResellCategoryRegistry **registry,
                        ResellCategory         **category)
{
  *catalog = open_catalog (globals);
  if (*catalog == NULL)
    return EXIT_RUNTIME;

  *item = lookup_item (*catalog, sku);
  if (*item == NULL)
    return EXIT_RUNTIME;

  *registry = load_categories ();
  if (*registry != NULL)
    *category = resell_category_registry_lookup (*registry, resell_item_get_category (*item));

  return EXIT_OK;
}

/* An importer into @catalog, with a thumbnailer on the default cache. */
static ResellImporter *
importer_new_default (ResellCatalog      *catalog,
                      ResellThumbnailer **thumbnailer)
{
  g_autofree char *cache_dir = resell_thumbnailer_dup_default_cache_dir ();

  *thumbnailer = resell_thumbnailer_new (cache_dir);

  return resell_importer_new (catalog, *thumbnailer);
}

/* The line of an import result that failed: its reason, else @name. */
static void
print_import_failure (const char *message,
                      const char *name)
{
  /* TRANSLATORS: "failed: <why>"; the reason names the file */
  g_print (_("failed: %s"), message != NULL && *message != '\0' ? message : name);
  g_print ("\n");
}

static ExitStatus
cmd_import (GlobalOptions  *globals,
            int             argc,
            char          **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(ResellCategoryRegistry) registry = NULL;
  g_autoptr(ResellCatalog) catalog = NULL;
  g_autoptr(ResellThumbnailer) thumbnailer = NULL;
  g_autoptr(ResellImporter) importer = NULL;
  g_autoptr(ResellItem) item = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  GlobalOptions local = { NULL, FALSE };
  ResellCategory *category = NULL;
  ExitStatus status = EXIT_OK;
  const char *sku;
  guint n_failed = 0;

  context = command_context_new ("import", _("SKU FILE|FOLDER…"),
                                 _("Import photo files, or the pictures in folders, into an item. "
                                   "Each photo fills the next empty shot of the item’s category."));
  add_global_entries (context, &local);
  if (!parse_command_line (context, globals, &local, &argc, &argv, &status))
    return status;

  if (argc < 2)
    return usage_error (argv[0], _("Give the SKU of the item and the files to import."));
  if (argc < 3)
    return usage_error (argv[0], _("Give at least one file or folder to import."));

  sku = argv[1];

  status = open_item_and_category (globals, sku, &catalog, &item, &registry, &category);
  if (status != EXIT_OK)
    return status;
  if (category == NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("The item’s category “%s” is unknown: the photos are imported as extra photos."),
                         resell_item_get_category (item));
      print_warning (message);
    }

  files = g_ptr_array_new_with_free_func (g_object_unref);
  for (int i = 2; i < argc; i++)
    g_ptr_array_add (files, g_file_new_for_commandline_arg (argv[i]));

  importer = importer_new_default (catalog, &thumbnailer);

  results = resell_importer_import (importer, item, category, files, NULL, &error);
  if (results == NULL)
    {
      print_error (_("Could not import into “%s”: %s"), sku,
                   error != NULL ? error->message : _("unknown error"));
      flush_main_context ();
      return EXIT_RUNTIME;
    }

  if (results->len == 0)
    print_warning (_("No picture files found: nothing was imported."));

  if (globals->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < results->len; i++)
        {
          ResellImportResult *result = g_ptr_array_index (results, i);
          ResellImportStatus result_status = resell_import_result_get_status (result);
          GFile *source = resell_import_result_get_source (result);
          ResellPhoto *photo = resell_import_result_get_photo (result);
          g_autofree char *path = source != NULL ? g_file_get_path (source) : NULL;
          g_autofree char *uri = NULL;

          if (result_status == RESELL_IMPORT_STATUS_FAILED)
            n_failed++;

          json_builder_begin_object (builder);
          if (path != NULL)
            json_add_path (builder, "file", path);
          else
            {
              uri = source != NULL ? g_file_get_uri (source) : NULL;
              json_add_string (builder, "file", uri);
            }
          json_add_import_status (builder, result);
          json_add_import_photo (builder, photo, thumbnailer);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      print_json (builder);
    }
  else
    {
      for (guint i = 0; i < results->len; i++)
        {
          ResellImportResult *result = g_ptr_array_index (results, i);
          GFile *source = resell_import_result_get_source (result);
          ResellPhoto *photo = resell_import_result_get_photo (result);
          const char *message = resell_import_result_get_message (result);
          g_autofree char *name = NULL;

          name = source != NULL ? g_file_get_parse_name (source) : g_strdup ("?");
          if (source != NULL && g_file_is_native (source))
            {
              g_autofree char *basename = g_file_get_basename (source);

              if (basename != NULL)
                {
                  g_free (name);
                  name = g_filename_display_name (basename);
                }
            }

          switch (resell_import_result_get_status (result))
            {
            case RESELL_IMPORT_STATUS_IMPORTED:
              /* TRANSLATORS: "imported IMG_2041.jpg → front" (the shot it filled) */
              g_print (_("imported %s → %s"), name,
                       photo != NULL ? slot_or_extra (photo) : _("extra photo"));
              g_print ("\n");
              break;

            case RESELL_IMPORT_STATUS_DUPLICATE:
              /* TRANSLATORS: the file's bytes are already a photo of this item */
              g_print (_("duplicate %s"), name);
              g_print ("\n");
              break;

            case RESELL_IMPORT_STATUS_FAILED:
            default:
              n_failed++;
              print_import_failure (message, name);
              break;
            }
        }
    }

  flush_main_context ();

  return n_failed > 0 ? EXIT_RUNTIME : EXIT_OK;
}

/* ------------------------------------------------------------------ */
/* show                                                               */
/* ------------------------------------------------------------------ */

static ExitStatus
cmd_show (GlobalOptions  *globals,
          int             argc,
          char          **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(ResellCatalog) catalog = NULL;
  g_autoptr(ResellThumbnailer) thumbnailer = NULL;
  g_autoptr(ResellItem) item = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  g_autofree char *cache_dir = NULL;
  GlobalOptions local = { NULL, FALSE };
  ExitStatus status = EXIT_OK;

  context = command_context_new ("show", _("SKU"), _("Show an item and its photos."));
  add_global_entries (context, &local);
  if (!parse_command_line (context, globals, &local, &argc, &argv, &status))
    return status;

  if (argc != 2)
    return usage_error (argv[0], _("Give the SKU of one item."));

  catalog = open_item_photos (globals, argv[1], &item, &photos);
  if (catalog == NULL)
    return EXIT_RUNTIME;

  cache_dir = resell_thumbnailer_dup_default_cache_dir ();
  thumbnailer = resell_thumbnailer_new (cache_dir);

  if (globals->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_add_item_members (builder, item);
      json_builder_set_member_name (builder, "photos");
      json_builder_begin_array (builder);
      for (guint i = 0; i < photos->len; i++)
        json_add_photo (builder, g_ptr_array_index (photos, i), thumbnailer);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      print_json (builder);
    }
  else
    {
      Field fields[] = {
        { _("SKU"), g_strdup (resell_item_get_sku (item)) },
        { _("Title"), g_strdup (resell_item_get_title (item)) },
        { _("Category"), g_strdup (resell_item_get_category (item)) },
        { _("State"), g_strdup (resell_item_state_get_label (resell_item_get_state (item))) },
        { _("Brand"), g_strdup (resell_item_get_brand (item)) },
        { _("Model"), g_strdup (resell_item_get_model (item)) },
        { _("Size"), g_strdup (resell_item_get_size (item)) },
        { _("Colour"), g_strdup (resell_item_get_colour (item)) },
        { _("Material"), g_strdup (resell_item_get_material (item)) },
        { _("Consignor"), g_strdup (resell_item_get_consignor (item)) },
        { _("Notes"), g_strdup (resell_item_get_notes (item)) },
        { _("Created"), format_local_time (resell_item_get_created_at (item)) },
        { _("Updated"), format_local_time (resell_item_get_updated_at (item)) },
        { _("Photos"), g_strdup_printf ("%u", photos->len) },
      };

      print_fields (fields, G_N_ELEMENTS (fields), "");
      for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
        g_free (fields[i].value);

      for (guint i = 0; i < photos->len; i++)
        {
          ResellPhoto *photo = g_ptr_array_index (photos, i);
          g_autofree char *path = dup_utf8_path (resell_photo_get_path (photo));
          Field photo_fields[] = {
            { _("Path"), g_steal_pointer (&path) },
            { _("SHA-256"), g_strdup (resell_photo_get_sha256 (photo)) },
            /* TRANSLATORS: width × height in pixels */
            { _("Size"), g_strdup_printf (_("%d × %d"),
                                          resell_photo_get_width (photo),
                                          resell_photo_get_height (photo)) },
            { _("Captured"), format_local_time (resell_photo_get_captured_at (photo)) },
            { _("Camera"), g_strdup (resell_photo_get_camera_model (photo)) },
            /* TRANSLATORS: the result of the shot checks: "passed" or the problems */
            { _("Checks"), dup_checks_summary (resell_photo_get_checks (photo)) },
          };

          g_autofree char *original_name = dup_utf8_path (resell_photo_get_original_name (photo));

          if (original_name != NULL && *original_name != '\0')
            g_print ("\n%u. %s (%s)\n", i + 1, slot_or_extra (photo), original_name);
          else
            g_print ("\n%u. %s\n", i + 1, slot_or_extra (photo));
          if (photo_fields[3].value == NULL)
            photo_fields[3].value = g_strdup (_("unknown"));
          if (photo_fields[4].value == NULL)
            photo_fields[4].value = g_strdup (_("unknown"));
          print_fields (photo_fields, G_N_ELEMENTS (photo_fields), "   ");
          for (guint j = 0; j < G_N_ELEMENTS (photo_fields); j++)
            g_free (photo_fields[j].value);
        }
    }

  flush_main_context ();

  return EXIT_OK;
}

/* ------------------------------------------------------------------ */
/* categories                                                         */
/* ------------------------------------------------------------------ */

static ExitStatus
cmd_categories (GlobalOptions  *globals,
                int             argc,
                char          **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(ResellCategoryRegistry) registry = NULL;
  GlobalOptions local = { NULL, FALSE };
  ExitStatus status = EXIT_OK;
  GListModel *model;
  guint n;

  context = command_context_new ("categories", NULL,
                                 _("List the categories: their ids, names and number of shots. "
                                   "Problems in category files are reported as warnings."));
  add_global_entries (context, &local);
  if (!parse_command_line (context, globals, &local, &argc, &argv, &status))
    return status;

  if (argc > 1)
    return usage_error (argv[0], _("“categories” takes no arguments."));

  registry = load_categories ();
  if (registry == NULL)
    return EXIT_RUNTIME;

  model = G_LIST_MODEL (registry);
  n = g_list_model_get_n_items (model);

  if (globals->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(ResellCategory) category = g_list_model_get_item (model, i);
          guint n_shots = resell_category_get_n_shots (category);

          json_builder_begin_object (builder);
          json_add_string (builder, "id", resell_category_get_id (category));
          json_add_string (builder, "name", resell_category_get_name (category));
          json_add_string (builder, "sku_code", resell_category_get_sku_code (category));
          json_add_string (builder, "icon_name", resell_category_get_icon_name (category));
          json_add_path (builder, "source", resell_category_get_source (category));
          json_add_int (builder, "shot_count", n_shots);
          json_builder_set_member_name (builder, "shots");
          json_builder_begin_array (builder);
          for (guint s = 0; s < n_shots; s++)
            {
              const ResellShot *shot = resell_category_get_shot (category, s);

              json_builder_begin_object (builder);
              json_add_string (builder, "id", shot->id);
              json_add_string (builder, "label", shot->label);
              json_builder_set_member_name (builder, "required");
              json_builder_add_boolean_value (builder, shot->required);
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      print_json (builder);
    }
  else
    {
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
      char **header = g_new0 (char *, 4);

      header[0] = g_strdup (_("ID"));
      header[1] = g_strdup (_("NAME"));
      header[2] = g_strdup (_("SHOTS"));
      g_ptr_array_add (rows, header);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(ResellCategory) category = g_list_model_get_item (model, i);
          char **row = g_new0 (char *, 4);

          row[0] = g_strdup (resell_category_get_id (category));
          row[1] = g_strdup (resell_category_get_name (category));
          row[2] = g_strdup_printf ("%u", resell_category_get_n_shots (category));
          g_ptr_array_add (rows, row);
        }

      print_table (rows, 3);
    }

  return EXIT_OK;
}

/* ------------------------------------------------------------------ */
/* profiles                                                           */
/* ------------------------------------------------------------------ */

static ExitStatus
cmd_profiles (GlobalOptions  *globals,
              int             argc,
              char          **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) profiles = NULL;
  g_autoptr(GError) error = NULL;
  GlobalOptions local = { NULL, FALSE };
  ExitStatus status = EXIT_OK;

  context = command_context_new ("profiles", NULL,
                                 _("List the built-in marketplace photo profiles that "
                                   "“process” and “export” take with --profile: their ids, "
                                   "names, and the images they make."));
  add_global_entries (context, &local);
  if (!parse_command_line (context, globals, &local, &argc, &argv, &status))
    return status;

  if (argc > 1)
    return usage_error (argv[0], _("“profiles” takes no arguments."));

  profiles = resell_listing_profile_list_builtin (&error);
  if (profiles == NULL)
    {
      print_error ("%s", error->message);
      return EXIT_RUNTIME;
    }

  if (globals->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < profiles->len; i++)
        {
          ResellListingProfile *profile = g_ptr_array_index (profiles, i);
          gboolean webp = resell_listing_profile_get_format (profile) == RESELL_LISTING_FORMAT_WEBP;

          json_builder_begin_object (builder);
          json_add_string (builder, "id", resell_listing_profile_get_id (profile));
          json_add_string (builder, "name", resell_listing_profile_get_name (profile));
          json_add_int (builder, "long_edge", resell_listing_profile_get_long_edge (profile));
          json_builder_set_member_name (builder, "square");
          json_builder_add_boolean_value (builder, resell_listing_profile_get_square (profile));
          /* As the profile files spell it. */
          json_add_string (builder, "format", webp ? "webp" : "jpeg");
          json_add_int (builder, "quality", resell_listing_profile_get_quality (profile));
          json_add_int (builder, "max_bytes", resell_listing_profile_get_max_bytes (profile));
          json_add_int (builder, "max_photos", resell_listing_profile_get_max_photos (profile));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      print_json (builder);
    }
  else
    {
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
      char **header = g_new0 (char *, 4);

      header[0] = g_strdup (_("ID"));
      header[1] = g_strdup (_("NAME"));
      header[2] = g_strdup (_("IMAGES"));
      g_ptr_array_add (rows, header);

      for (guint i = 0; i < profiles->len; i++)
        {
          ResellListingProfile *profile = g_ptr_array_index (profiles, i);
          char **row = g_new0 (char *, 4);

          row[0] = g_strdup (resell_listing_profile_get_id (profile));
          row[1] = g_strdup (resell_listing_profile_get_name (profile));
          row[2] = resell_listing_profile_dup_summary (profile);
          g_ptr_array_add (rows, row);
        }

      print_table (rows, 3);
    }

  return EXIT_OK;
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
check_listing_options (const char     *command,
                       ListingOptions *options,
                       ExitStatus     *status)
{
  g_autoptr(GError) error = NULL;
  ResellListingProfile *profile;
  const char *id;

  if (options->out_dir == NULL || *options->out_dir == '\0')
    {
      *status = usage_error (command, _("--out is required: the folder for the listing images."));
      return NULL;
    }

  if (options->workers < 0 || options->workers > 1024)
    {
      *status = usage_error (command, _("--workers must be between 0 (one per core) and 1024."));
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
      profile = resell_listing_profile_load_builtin (id, &error);
    }

  if (profile == NULL)
    {
      *status = usage_error (command, error->message);
      return NULL;
    }

  return profile;
}

static void
on_listing_run_finished (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
on_listing_interrupt (gpointer user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));

  return G_SOURCE_CONTINUE;
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
static ExitStatus
run_listing_entries (GlobalOptions        *globals,
                     ResellListingProfile *profile,
                     ListingOptions       *options,
                     GPtrArray            *entries)
{
  g_autoptr(ResellListingExporter) exporter = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) jobs = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *cache_dir = resell_thumbnailer_dup_default_cache_dir ();
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

  exporter = resell_listing_exporter_new (cache_dir, profile, (guint) options->workers);
  resell_listing_exporter_set_copyright (exporter, options->copyright);
  if (show_progress && jobs->len > 0)
    g_signal_connect (exporter, "notify::n-done", G_CALLBACK (on_listing_progress), NULL);

  sigint_id = g_unix_signal_add (SIGINT, on_listing_interrupt, cancellable);
  sigterm_id = g_unix_signal_add (SIGTERM, on_listing_interrupt, cancellable);

  resell_listing_exporter_run_async (exporter, jobs, cancellable, on_listing_run_finished, &result);
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
          print_error (_("Could not make the listing images: %s"), error->message);
          flush_main_context ();
          return EXIT_RUNTIME;
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
          json_add_path (builder, "file", entry->file);
          json_add_path (builder, "output", entry->output);
          json_add_string (builder, "status", status);
          json_add_string (builder, "message", listing_entry_message (entry));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      print_json (builder);
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

  flush_main_context ();

  if (cancelled)
    {
      print_error ("%s", _("Interrupted: the images not finished were not written."));
      return EXIT_RUNTIME;
    }

  return n_failed > 0 ? EXIT_RUNTIME : EXIT_OK;
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

static ExitStatus
cmd_process (GlobalOptions  *globals,
             int             argc,
             char          **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(ResellListingProfile) profile = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GHashTable) taken = NULL;
  g_auto(ListingOptions) options = { NULL, NULL, NULL, 0 };
  GlobalOptions local = { NULL, FALSE };
  ExitStatus status = EXIT_OK;
  guint n_jobs = 0;

  context = command_context_new ("process", _("--out DIR FILE|FOLDER…"),
                                 _("Make listing images from photo files, or the pictures in folders: "
                                   "oriented, trimmed, padded, resized for the marketplace, and with "
                                   "every private metadata field (GPS, serial numbers, owner) removed. "
                                   "The originals are never changed; DIR/NAME.jpg is written for each "
                                   "(DIR/NAME.webp with a WebP profile)."));
  add_listing_entries (context, &options);
  add_global_entries (context, &local);
  if (!parse_command_line (context, globals, &local, &argc, &argv, &status))
    return status;

  profile = check_listing_options (argv[0], &options, &status);
  if (profile == NULL)
    return status;

  if (argc < 2)
    return usage_error (argv[0], _("Give at least one file or folder to process."));

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
    print_warning (_("No picture files found: nothing was processed."));

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

static ExitStatus
cmd_export (GlobalOptions  *globals,
            int             argc,
            char          **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(ResellListingProfile) profile = NULL;
  g_autoptr(ResellCatalog) catalog = NULL;
  g_autoptr(ResellItem) item = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *sku_part = NULL;
  g_auto(ListingOptions) options = { NULL, NULL, NULL, 0 };
  GlobalOptions local = { NULL, FALSE };
  ExitStatus status = EXIT_OK;
  int max_photos;

  context = command_context_new ("export", _("SKU --out DIR"),
                                 _("Make the listing images of an item’s photos, in the item’s order, "
                                   "as DIR/SKU-NN-SHOT.jpg (.webp with a WebP profile), with the "
                                   "seller’s edits applied and "
                                   "private metadata removed.  Photos beyond the marketplace’s limit "
                                   "are reported as skipped."));
  add_listing_entries (context, &options);
  add_global_entries (context, &local);
  if (!parse_command_line (context, globals, &local, &argc, &argv, &status))
    return status;

  profile = check_listing_options (argv[0], &options, &status);
  if (profile == NULL)
    return status;

  if (argc != 2)
    return usage_error (argv[0], _("Give the SKU of one item."));

  catalog = open_item_photos (globals, argv[1], &item, &photos);
  if (catalog == NULL)
    return EXIT_RUNTIME;

  if (photos->len == 0)
    print_warning (_("The item has no photos: nothing was exported."));

  sku_part = dup_file_name_part (resell_item_get_sku (item));
  max_photos = resell_listing_profile_get_max_photos (profile);
  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) listing_entry_free);

  for (guint i = 0; i < photos->len; i++)
    {
      ResellPhoto *photo = g_ptr_array_index (photos, i);
      const char *original_name = resell_photo_get_original_name (photo);
      const char *slot = resell_photo_get_slot (photo);
      g_autofree char *display = NULL;
      g_autofree char *slot_part = NULL;
      g_autofree char *name = NULL;
      g_autoptr(ResellPhotoEdits) edits = NULL;
      g_autoptr(GError) edits_error = NULL;
      ListingEntry *entry;

      display = original_name != NULL && *original_name != '\0'
              ? g_filename_display_name (original_name)
              : g_filename_display_basename (resell_photo_get_path (photo));
      entry = listing_entry_new (resell_photo_get_path (photo), display);
      g_ptr_array_add (entries, entry);

      if (max_photos > 0 && i >= (guint) max_photos)
        {
          entry->status = "skipped";
          /* TRANSLATORS: "“IMG_2041.jpg” (photo 25) was not exported: eBay takes at most 24 photos per listing." */
          entry->message = g_strdup_printf (_("“%s” (photo %u) was not exported: %s takes at most %d photos per listing."),
                                            display, i + 1,
                                            resell_listing_profile_get_name (profile), max_photos);
          continue;
        }

      slot_part = dup_file_name_part (slot != NULL && *slot != '\0' ? slot : "extra");
      name = g_strdup_printf ("%s-%02u-%s.%s", sku_part, i + 1, slot_part,
                              resell_listing_profile_get_extension (profile));
      entry->output = g_build_filename (options.out_dir, name, NULL);

      edits = resell_photo_edits_from_json (resell_photo_get_edits (photo), &edits_error);
      if (edits == NULL)
        {
          /* Never publish a photo without the crop or turn the seller chose. */
          entry->status = "failed";
          entry->message = g_strdup_printf (_("The edits of “%s” could not be read: %s"),
                                            display, edits_error->message);
          continue;
        }

      entry->job = resell_listing_job_new (resell_photo_get_path (photo),
                                           resell_photo_get_sha256 (photo),
                                           edits, entry->output);
    }

  return run_listing_entries (globals, profile, &options, entries);
}

/* ------------------------------------------------------------------ */
/* check                                                              */
/* ------------------------------------------------------------------ */

/* Runs the main context until *@result is set by got_async_result(). */
static void
got_async_result (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

/* "passed", "failed" or "unreadable" for a report (NULL: not even opened). */
static const char *
report_status (ResellShotReport *report)
{
  if (report == NULL || !resell_shot_report_get_readable (report))
    return "unreadable";

  return resell_shot_report_get_passed (report) ? "passed" : "failed";
}

/* The measured numbers of a readable report, for people. */
static char *
dup_report_measures (ResellShotReport *report)
{
  g_autoptr(GString) text = g_string_new (NULL);

  /* TRANSLATORS: the sharpness measured and the least a sharp photo has,
   * e.g. "sharpness 48.3 (min. 21.0)" */
  g_string_append_printf (text, _("sharpness %.1f (min. %.1f)"),
                          resell_shot_report_get_sharpness (report),
                          RESELL_SHOT_SHARPNESS_MIN);
  g_string_append (text, ", ");
  /* TRANSLATORS: width × height in pixels */
  g_string_append_printf (text, _("%d × %d px"),
                          resell_shot_report_get_width (report),
                          resell_shot_report_get_height (report));
  g_string_append (text, ", ");
  /* TRANSLATORS: the share of the photo that is clipped to pure white and to pure black */
  g_string_append_printf (text, _("%.1f%% pure white, %.1f%% pure black"),
                          100.0 * resell_shot_report_get_highlights_clipped (report),
                          100.0 * resell_shot_report_get_shadows_clipped (report));
  if (resell_shot_report_get_backdrop_checked (report))
    {
      g_string_append (text, ", ");
      /* TRANSLATORS: the lightness (0–100) of the backdrop around the item, and its spread */
      g_string_append_printf (text, _("backdrop lightness %.0f, unevenness %.1f"),
                              resell_shot_report_get_backdrop_level (report),
                              resell_shot_report_get_backdrop_unevenness (report));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Prints the problem sentences of @report, one a line, indented. */
static void
print_report_problems (ResellShotReport *report)
{
  const char * const *problems = resell_shot_report_get_problems (report);

  for (guint i = 0; problems != NULL && problems[i] != NULL; i++)
    g_print ("  %s\n", problems[i]);
}

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

static ExitStatus
cmd_check (GlobalOptions  *globals,
           int             argc,
           char          **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *backdrop_str = NULL;
  GlobalOptions local = { NULL, FALSE };
  ResellBackdrop backdrop = RESELL_BACKDROP_ANY;
  ExitStatus status = EXIT_OK;
  guint n_bad = 0;
  const GOptionEntry entries_options[] = {
    { "backdrop", 'b', 0, G_OPTION_ARG_STRING, &backdrop_str,
      N_("The backdrop the photos were taken on: white (checked to be white and evenly lit), "
         "grey, black (deep shadows allowed) or any (default)"), N_("BACKDROP") },
    { NULL }
  };

  context = command_context_new ("check", _("FILE…"),
                                 _("Check photo files as the studio does when a shot arrives: "
                                   "sharpness, exposure, backdrop and resolution.  Prints the "
                                   "measures of each file and what to do about each problem."));
  g_option_context_add_main_entries (context, entries_options, GETTEXT_PACKAGE);
  add_global_entries (context, &local);
  if (!parse_command_line (context, globals, &local, &argc, &argv, &status))
    return status;

  if (backdrop_str != NULL && !resell_backdrop_from_name (backdrop_str, &backdrop))
    {
      g_autofree char *message =
        g_strdup_printf (_("Unknown backdrop “%s” (use white, grey, black or any)."), backdrop_str);
      return usage_error (argv[0], message);
    }

  if (argc < 2)
    return usage_error (argv[0], _("Give at least one photo file to check."));

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
          const char *entry_status = report_status (entry->report);
          g_autofree char *checks = NULL;

          if (!g_str_equal (entry_status, "passed"))
            n_bad++;

          json_builder_begin_object (builder);
          json_add_path (builder, "file", entry->path);
          json_add_string (builder, "status", entry_status);
          checks = entry->report != NULL ? resell_shot_report_to_json (entry->report) : NULL;
          json_add_checks (builder, "report", checks);
          if (entry->report != NULL)
            json_add_problem_sentences (builder, "messages", entry->report);
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
      print_json (builder);
    }
  else
    {
      for (guint i = 0; i < entries->len; i++)
        {
          CheckEntry *entry = g_ptr_array_index (entries, i);
          const char *entry_status = report_status (entry->report);
          g_autofree char *name = g_filename_display_name (entry->path);

          if (g_str_equal (entry_status, "unreadable"))
            {
              n_bad++;
              /* TRANSLATORS: "unreadable IMG_2041.jpg"; why follows on the next line */
              g_print (_("unreadable %s"), name);
              g_print ("\n");
              if (entry->report != NULL)
                print_report_problems (entry->report);
              else
                g_print ("  %s\n", entry->error->message);
            }
          else
            {
              g_autofree char *measures = dup_report_measures (entry->report);

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
              print_report_problems (entry->report);
            }
        }
    }

  flush_main_context ();

  return n_bad > 0 ? EXIT_RUNTIME : EXIT_OK;
}

/* ------------------------------------------------------------------ */
/* cameras and capture                                                */
/* ------------------------------------------------------------------ */

/* How long detection may take before the commands give up. */
#define CAMERA_DETECT_TIMEOUT_S 30

static void
on_cameras_scanned (ResellCameraMonitor *monitor,
                    gboolean            *scanned)
{
  *scanned = TRUE;
}

static gboolean
on_detect_timeout (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;

  return G_SOURCE_REMOVE;
}

/* Detects the cameras plugged in (on libgphoto2's worker) and returns the
 * monitor once a detection pass is done, or NULL (error printed) when it
 * took too long. */
static ResellCameraMonitor *
detect_cameras (void)
{
  g_autoptr(ResellCameraMonitor) monitor = resell_camera_monitor_new ();
  gboolean scanned = FALSE;
  gboolean timed_out = FALSE;
  gulong handler;
  guint timeout_id;

  handler = g_signal_connect (monitor, "scanned", G_CALLBACK (on_cameras_scanned), &scanned);
  timeout_id = g_timeout_add_seconds (CAMERA_DETECT_TIMEOUT_S, on_detect_timeout, &timed_out);

  while (!scanned && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  g_signal_handler_disconnect (monitor, handler);
  if (!timed_out)
    g_source_remove (timeout_id);

  if (!scanned)
    {
      print_error (ngettext ("Looking for cameras took longer than %d second. "
                             "Unplug the camera and plug it in again, then try again.",
                             "Looking for cameras took longer than %d seconds. "
                             "Unplug the camera and plug it in again, then try again.",
                             CAMERA_DETECT_TIMEOUT_S),
                   CAMERA_DETECT_TIMEOUT_S);
      return NULL;
    }

  return g_steal_pointer (&monitor);
}

static const char *
camera_setting_kind_to_string (ResellCameraSettingKind kind)
{
  switch (kind)
    {
    case RESELL_CAMERA_SETTING_CHOICE:
      return "choice";
    case RESELL_CAMERA_SETTING_TEXT:
      return "text";
    case RESELL_CAMERA_SETTING_TOGGLE:
      return "toggle";
    case RESELL_CAMERA_SETTING_RANGE:
    default:
      return "range";
    }
}

/* What "cameras --connect" found out about one camera. */
typedef struct
{
  ResellCamera *camera;
  gboolean      connected;
  GError       *error;      /* of connecting */
  GPtrArray    *settings;   /* of ResellCameraSetting, or NULL */
  GError       *settings_error;
} CameraInfo;

static void
camera_info_free (CameraInfo *info)
{
  g_clear_object (&info->camera);
  g_clear_error (&info->error);
  g_clear_pointer (&info->settings, g_ptr_array_unref);
  g_clear_error (&info->settings_error);
  g_free (info);
}

static gboolean
connect_camera (ResellCamera  *camera,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  resell_camera_connect_async (camera, cancellable, got_async_result, &result);

  return resell_camera_connect_finish (camera, wait_for_result (&result), error);
}

static void
json_add_camera (JsonBuilder *builder,
                 CameraInfo  *info,
                 gboolean     connect)
{
  ResellCamera *camera = info->camera;

  json_builder_begin_object (builder);
  json_add_string (builder, "model", resell_camera_get_model (camera));
  json_add_string (builder, "port", resell_camera_get_port (camera));

  if (connect)
    {
      json_builder_set_member_name (builder, "connected");
      json_builder_add_boolean_value (builder, info->connected);
      json_add_string (builder, "error", info->error != NULL ? info->error->message : NULL);
    }

  if (info->connected)
    {
      gint64 free_bytes = resell_camera_get_free_bytes (camera);
      int free_images = resell_camera_get_free_images (camera);

      json_add_string (builder, "serial", resell_camera_get_serial (camera));
      json_add_string (builder, "battery_level", resell_camera_get_battery_level (camera));
      json_builder_set_member_name (builder, "free_bytes");
      if (free_bytes >= 0)
        json_builder_add_int_value (builder, free_bytes);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "free_images");
      if (free_images >= 0)
        json_builder_add_int_value (builder, free_images);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "has_live_view");
      json_builder_add_boolean_value (builder, resell_camera_get_has_live_view (camera));

      json_add_string (builder, "settings_error",
                       info->settings_error != NULL ? info->settings_error->message : NULL);
      json_builder_set_member_name (builder, "settings");
      json_builder_begin_array (builder);
      for (guint i = 0; info->settings != NULL && i < info->settings->len; i++)
        {
          ResellCameraSetting *setting = g_ptr_array_index (info->settings, i);
          const char * const *choices = resell_camera_setting_get_choices (setting);

          json_builder_begin_object (builder);
          json_add_string (builder, "name", resell_camera_setting_get_name (setting));
          json_add_string (builder, "role", resell_camera_setting_get_role (setting));
          json_add_string (builder, "label", resell_camera_setting_get_label (setting));
          json_add_string (builder, "kind",
                           camera_setting_kind_to_string (resell_camera_setting_get_kind (setting)));
          json_add_string (builder, "value", resell_camera_setting_get_value (setting));
          json_builder_set_member_name (builder, "read_only");
          json_builder_add_boolean_value (builder, resell_camera_setting_get_read_only (setting));
          json_builder_set_member_name (builder, "choices");
          json_builder_begin_array (builder);
          for (guint c = 0; choices != NULL && choices[c] != NULL; c++)
            json_builder_add_string_value (builder, choices[c]);
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }

  json_builder_end_object (builder);
}

static void
print_camera (CameraInfo *info)
{
  ResellCamera *camera = info->camera;
  gint64 free_bytes;
  int free_images;
  g_autofree char *space = NULL;

  /* TRANSLATORS: a camera's model and port, e.g. "Nikon DSC D750 (usb:001,005)" */
  g_print (_("%s (%s)"), resell_camera_get_model (camera), resell_camera_get_port (camera));
  g_print ("\n");

  if (!info->connected)
    {
      /* TRANSLATORS: "Could not connect: <the camera's sentence>" */
      g_print ("  ");
      g_print (_("Could not connect: %s"), info->error != NULL ? info->error->message : "");
      g_print ("\n");
      return;
    }

  free_bytes = resell_camera_get_free_bytes (camera);
  free_images = resell_camera_get_free_images (camera);
  if (free_bytes >= 0)
    {
      g_autofree char *size = g_format_size (free_bytes);

      if (free_images >= 0)
        /* TRANSLATORS: free space on the card, e.g. "1.2 GB (about 345 photos)" */
        space = g_strdup_printf (ngettext ("%s (about %d photo)", "%s (about %d photos)", free_images),
                                 size, free_images);
      else
        space = g_steal_pointer (&size);
    }
  else if (free_images >= 0)
    space = g_strdup_printf (ngettext ("about %d photo", "about %d photos", free_images), free_images);

  {
    Field fields[] = {
      { _("Serial"), g_strdup (resell_camera_get_serial (camera)) },
      { _("Battery"), g_strdup (resell_camera_get_battery_level (camera)) },
      /* TRANSLATORS: free space on the camera's card */
      { _("Free space"), g_steal_pointer (&space) },
      { _("Live view"), g_strdup (resell_camera_get_has_live_view (camera) ? _("yes") : _("no")) },
    };

    if (fields[0].value == NULL)
      fields[0].value = g_strdup (_("unknown"));
    if (fields[1].value == NULL)
      fields[1].value = g_strdup (_("unknown"));
    if (fields[2].value == NULL)
      fields[2].value = g_strdup (_("unknown"));
    print_fields (fields, G_N_ELEMENTS (fields), "  ");
    for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
      g_free (fields[i].value);
  }

  if (info->settings_error != NULL)
    {
      g_print ("  ");
      /* TRANSLATORS: "Settings: <why they could not be read>" */
      g_print (_("Settings: %s"), info->settings_error->message);
      g_print ("\n");
    }
  else if (info->settings != NULL && info->settings->len > 0)
    {
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

      g_print ("  %s\n", _("Settings:"));
      for (guint i = 0; i < info->settings->len; i++)
        {
          ResellCameraSetting *setting = g_ptr_array_index (info->settings, i);
          const char * const *choices = resell_camera_setting_get_choices (setting);
          const char *value = resell_camera_setting_get_value (setting);
          const char *label = resell_camera_setting_get_label (setting);
          char **row = g_new0 (char *, 4);

          row[0] = g_strdup_printf ("    %s", label != NULL && *label != '\0'
                                              ? label : resell_camera_setting_get_name (setting));
          row[1] = g_strdup (value != NULL ? value : "");
          if (resell_camera_setting_get_read_only (setting))
            /* TRANSLATORS: a camera setting that cannot be changed from the computer */
            row[2] = g_strdup (_("(read-only)"));
          else if (choices != NULL && choices[0] != NULL)
            {
              g_autofree char *joined = g_strjoinv (", ", (char **) choices);

              /* TRANSLATORS: the values a camera setting can take */
              row[2] = g_strdup_printf (_("(choices: %s)"), joined);
            }
          else
            row[2] = g_strdup ("");
          g_ptr_array_add (rows, row);
        }
      print_table (rows, 3);
    }
}

static ExitStatus
cmd_cameras (GlobalOptions  *globals,
             int             argc,
             char          **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(ResellCameraMonitor) monitor = NULL;
  g_autoptr(GPtrArray) infos = NULL;
  GlobalOptions local = { NULL, FALSE };
  ExitStatus status = EXIT_OK;
  gboolean connect = FALSE;
  guint n_failed = 0;
  guint n;
  const GOptionEntry entries[] = {
    { "connect", 'c', 0, G_OPTION_ARG_NONE, &connect,
      N_("Also connect to each camera and show its serial number, battery, free space and settings"), NULL },
    { NULL }
  };

  context = command_context_new ("cameras", NULL,
                                 _("List the cameras plugged in (through libgphoto2), with their "
                                   "model and port."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  add_global_entries (context, &local);
  if (!parse_command_line (context, globals, &local, &argc, &argv, &status))
    return status;

  if (argc > 1)
    return usage_error (argv[0], _("“cameras” takes no arguments."));

  monitor = detect_cameras ();
  if (monitor == NULL)
    return EXIT_RUNTIME;

  infos = g_ptr_array_new_with_free_func ((GDestroyNotify) camera_info_free);
  n = g_list_model_get_n_items (G_LIST_MODEL (monitor));
  for (guint i = 0; i < n; i++)
    {
      CameraInfo *info = g_new0 (CameraInfo, 1);

      info->camera = g_list_model_get_item (G_LIST_MODEL (monitor), i);
      g_ptr_array_add (infos, info);

      if (!connect)
        continue;

      /* One at a time: each camera has its own thread, but two cameras of
       * one model would only confuse the person reading the output. */
      info->connected = connect_camera (info->camera, NULL, &info->error);
      if (!info->connected)
        {
          n_failed++;
          continue;
        }

      {
        g_autoptr(GAsyncResult) result = NULL;

        resell_camera_list_settings_async (info->camera, NULL, got_async_result, &result);
        info->settings = resell_camera_list_settings_finish (info->camera, wait_for_result (&result),
                                                             &info->settings_error);
      }

      resell_camera_disconnect (info->camera);
    }

  if (globals->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < infos->len; i++)
        json_add_camera (builder, g_ptr_array_index (infos, i), connect);
      json_builder_end_array (builder);
      print_json (builder);
    }
  else if (infos->len == 0)
    {
      g_printerr ("%s\n", _("No camera found. Check that it is plugged in and switched on, "
                            "and not set to a mass-storage (USB drive) mode."));
    }
  else if (!connect)
    {
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
      char **header = g_new0 (char *, 3);

      header[0] = g_strdup (_("MODEL"));
      header[1] = g_strdup (_("PORT"));
      g_ptr_array_add (rows, header);

      for (guint i = 0; i < infos->len; i++)
        {
          CameraInfo *info = g_ptr_array_index (infos, i);
          char **row = g_new0 (char *, 3);

          row[0] = g_strdup (resell_camera_get_model (info->camera));
          row[1] = g_strdup (resell_camera_get_port (info->camera));
          g_ptr_array_add (rows, row);
        }

      print_table (rows, 2);
    }
  else
    {
      for (guint i = 0; i < infos->len; i++)
        {
          if (i > 0)
            g_print ("\n");
          print_camera (g_ptr_array_index (infos, i));
        }
    }

  /* Each camera's thread ends with its last reference. */
  g_clear_pointer (&infos, g_ptr_array_unref);
  g_clear_object (&monitor);
  flush_main_context ();

  return n_failed > 0 ? EXIT_RUNTIME : EXIT_OK;
}

/* The first shot of @category's list that no photo of @photos fills. */
static const char *
next_empty_slot (ResellCategory *category,
                 GPtrArray      *photos)
{
  guint n = category != NULL ? resell_category_get_n_shots (category) : 0;

  for (guint s = 0; s < n; s++)
    {
      const ResellShot *shot = resell_category_get_shot (category, s);
      gboolean filled = FALSE;

      for (guint i = 0; i < photos->len && !filled; i++)
        filled = g_strcmp0 (resell_photo_get_slot (g_ptr_array_index (photos, i)), shot->id) == 0;

      if (!filled)
        return shot->id;
    }

  return NULL;
}

static ResellPhoto *
find_photo_in_slot (GPtrArray  *photos,
                    const char *slot)
{
  for (guint i = 0; i < photos->len; i++)
    {
      ResellPhoto *photo = g_ptr_array_index (photos, i);

      if (g_strcmp0 (resell_photo_get_slot (photo), slot) == 0)
        return photo;
    }

  return NULL;
}

static char *
dup_shot_ids (ResellCategory *category)
{
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint s = 0; s < resell_category_get_n_shots (category); s++)
    {
      if (ids->len > 0)
        g_string_append (ids, ", ");
      g_string_append (ids, resell_category_get_shot (category, s)->id);
    }

  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static gboolean
on_capture_interrupt (gpointer user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));

  return G_SOURCE_CONTINUE;
}

/* One photo taken by "capture": what became of it. */
typedef struct
{
  char               *path;      /* where the camera's file was saved */
  ResellImportResult *result;    /* NULL when attaching failed outright */
  gboolean            replaced;  /* it took the place of an earlier photo */
} Capture;

static void
capture_free (Capture *capture)
{
  g_free (capture->path);
  g_clear_object (&capture->result);
  g_free (capture);
}

static void
json_add_capture (JsonBuilder       *builder,
                  Capture           *capture,
                  ResellThumbnailer *thumbnailer)
{
  ResellImportResult *result = capture->result;
  ResellPhoto *photo = resell_import_result_get_photo (result);

  json_builder_begin_object (builder);
  json_add_path (builder, "file", capture->path);
  json_add_import_status (builder, result);
  json_builder_set_member_name (builder, "replaced");
  json_builder_add_boolean_value (builder, capture->replaced);
  json_add_problem_sentences (builder, "problems", resell_import_result_get_report (result));
  json_add_import_photo (builder, photo, thumbnailer);
  json_builder_end_object (builder);
}

/* Prints what became of one photo. */
static void
print_capture (Capture *capture)
{
  ResellImportResult *result = capture->result;
  ResellPhoto *photo = resell_import_result_get_photo (result);
  ResellShotReport *report = resell_import_result_get_report (result);
  const char *message = resell_import_result_get_message (result);
  g_autofree char *name = g_filename_display_basename (capture->path);

  switch (resell_import_result_get_status (result))
    {
    case RESELL_IMPORT_STATUS_IMPORTED:
      if (report != NULL && !resell_shot_report_get_passed (report))
        /* TRANSLATORS: "captured DSC_0001.JPG → front, checks failed:"; the problems follow */
        g_print (_("captured %s → %s, checks failed:"), name, slot_or_extra (photo));
      else if (report != NULL)
        /* TRANSLATORS: "captured DSC_0001.JPG → front, checks passed" */
        g_print (_("captured %s → %s, checks passed"), name, slot_or_extra (photo));
      else
        g_print (_("captured %s → %s"), name, slot_or_extra (photo));
      if (capture->replaced)
        /* TRANSLATORS: after "captured DSC_0001.JPG → front": the earlier photo of the shot is out of the item */
        g_print (" %s", _("(replaces the earlier photo)"));
      g_print ("\n");
      if (report != NULL)
        print_report_problems (report);
      break;

    case RESELL_IMPORT_STATUS_DUPLICATE:
      /* TRANSLATORS: "duplicate DSC_0002.JPG: the same picture as the photo in front" */
      g_print (_("duplicate %s: the same picture as the photo in %s"), name,
               photo != NULL ? slot_or_extra (photo) : _("extra photo"));
      g_print ("\n");
      break;

    case RESELL_IMPORT_STATUS_FAILED:
    default:
      print_import_failure (message, name);
      break;
    }
}

static ExitStatus
cmd_capture (GlobalOptions  *globals,
             int             argc,
             char          **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(ResellCategoryRegistry) registry = NULL;
  g_autoptr(ResellCatalog) catalog = NULL;
  g_autoptr(ResellThumbnailer) thumbnailer = NULL;
  g_autoptr(ResellImporter) importer = NULL;
  g_autoptr(ResellItem) item = NULL;
  g_autoptr(ResellCameraMonitor) monitor = NULL;
  g_autoptr(ResellCamera) camera = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GPtrArray) captures = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *slot_opt = NULL;
  g_autofree char *originals_dir = NULL;
  g_autofree char *failure = NULL;
  GlobalOptions local = { NULL, FALSE };
  ResellCategory *category = NULL;
  ExitStatus status = EXIT_OK;
  const char *sku;
  guint sigint_id, sigterm_id;
  guint n_failed = 0;
  int count = 1;
  const GOptionEntry entries[] = {
    { "count", 'n', 0, G_OPTION_ARG_INT, &count,
      N_("How many photos to take, one after the other (default 1)"), N_("N") },
    { "slot", 's', 0, G_OPTION_ARG_STRING, &slot_opt,
      N_("The shot the first photo is for, e.g. front (default: the next empty one); "
         "a photo already there is replaced"), N_("SHOT_ID") },
    { NULL }
  };

  context = command_context_new ("capture", _("SKU"),
                                 _("Take photos with the camera plugged in and add them to an item: "
                                   "each is saved in the item’s folder, checked, and fills the next "
                                   "empty shot of the item’s category (then becomes an extra photo)."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  add_global_entries (context, &local);
  if (!parse_command_line (context, globals, &local, &argc, &argv, &status))
    return status;

  if (argc != 2)
    return usage_error (argv[0], _("Give the SKU of one item."));
  if (count < 1 || count > 999)
    return usage_error (argv[0], _("--count must be between 1 and 999."));
  if (slot_opt != NULL && *slot_opt == '\0')
    return usage_error (argv[0], _("--slot must not be empty."));

  sku = argv[1];

  status = open_item_and_category (globals, sku, &catalog, &item, &registry, &category);
  if (status != EXIT_OK)
    return status;

  if (slot_opt != NULL)
    {
      if (category == NULL)
        {
          print_error (_("The item’s category “%s” is unknown, so it has no shot “%s”."),
                       resell_item_get_category (item), slot_opt);
          return EXIT_RUNTIME;
        }
      if (resell_category_find_shot (category, slot_opt) == NULL)
        {
          g_autofree char *known = dup_shot_ids (category);

          print_error (_("The category “%s” has no shot “%s”. Its shots: %s."),
                       resell_category_get_id (category), slot_opt, known);
          return EXIT_RUNTIME;
        }
    }
  else if (category == NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("The item’s category “%s” is unknown: the photos are added as extra photos."),
                         resell_item_get_category (item));
      print_warning (message);
    }

  originals_dir = resell_catalog_dup_originals_dir (catalog, resell_item_get_sku (item), &error);
  if (originals_dir == NULL)
    {
      print_error (_("Could not make the folder for the photos of “%s”: %s"), sku, error->message);
      return EXIT_RUNTIME;
    }

  monitor = detect_cameras ();
  if (monitor == NULL)
    return EXIT_RUNTIME;

  camera = resell_camera_monitor_get_default (monitor);
  if (camera == NULL)
    {
      print_error ("%s", _("No camera found. Check that it is plugged in and switched on, "
                           "and not set to a mass-storage (USB drive) mode."));
      return EXIT_RUNTIME;
    }
  g_object_ref (camera);

  /* Ctrl-C stops the photo being taken (nothing half-saved is left; a
   * photo the camera took anyway stays on its card) and those after it. */
  cancellable = g_cancellable_new ();
  sigint_id = g_unix_signal_add (SIGINT, on_capture_interrupt, cancellable);
  sigterm_id = g_unix_signal_add (SIGTERM, on_capture_interrupt, cancellable);

  importer = importer_new_default (catalog, &thumbnailer);
  captures = g_ptr_array_new_with_free_func ((GDestroyNotify) capture_free);

  /* The photos stay on the card: the camera is only ever copied from. */
  resell_camera_set_delete_from_card (camera, FALSE);

  if (!connect_camera (camera, cancellable, &error))
    {
      failure = g_strdup (error->message);
      goto out;
    }

  for (int i = 0; i < count; i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(ResellCameraShot) shot = NULL;
      g_autoptr(GPtrArray) photos = NULL;
      g_autoptr(GFile) file = NULL;
      const char *slot;
      gint64 replace_id = 0;
      Capture *capture;

      resell_camera_capture_async (camera, originals_dir, cancellable, got_async_result, &result);
      shot = resell_camera_capture_finish (camera, wait_for_result (&result), &error);
      g_clear_object (&result);
      if (shot == NULL)
        {
          /* The camera's sentences are whole; a cancellation is ours. */
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            failure = g_strdup (_("Interrupted: no more photos were taken."));
          else
            failure = g_strdup (error->message);
          break;
        }

      photos = resell_catalog_list_photos (catalog, resell_item_get_id (item), &error);
      if (photos == NULL)
        {
          g_autofree char *display = g_filename_display_name (resell_camera_shot_get_path (shot));

          failure = g_strdup_printf (_("Could not list the photos of “%s”: %s The photo just taken is kept in “%s”."),
                                     sku, error->message, display);
          break;
        }

      if (i == 0 && slot_opt != NULL)
        {
          ResellPhoto *old = find_photo_in_slot (photos, slot_opt);

          slot = slot_opt;
          replace_id = old != NULL ? resell_photo_get_id (old) : 0;
        }
      else
        slot = next_empty_slot (category, photos);

      /* Not cancellable: a photo saved in the item's folder gets its row. */
      file = g_file_new_for_path (resell_camera_shot_get_path (shot));
      resell_importer_attach_async (importer, item, category, slot, file, TRUE, replace_id,
                                    NULL, got_async_result, &result);

      capture = g_new0 (Capture, 1);
      capture->path = g_strdup (resell_camera_shot_get_path (shot));
      capture->result = resell_importer_attach_finish (importer, wait_for_result (&result), &error);
      if (capture->result == NULL)
        {
          g_autofree char *display = g_filename_display_name (capture->path);

          failure = g_strdup_printf (_("Could not add the photo to “%s”: %s The photo is kept in “%s”."),
                                     sku, error->message, display);
          capture_free (capture);
          break;
        }

      capture->replaced = replace_id != 0 &&
                          resell_import_result_get_status (capture->result) == RESELL_IMPORT_STATUS_IMPORTED;
      g_ptr_array_add (captures, capture);

      if (resell_import_result_get_status (capture->result) == RESELL_IMPORT_STATUS_FAILED)
        n_failed++;
      if (!globals->json)
        print_capture (capture);

      if (g_cancellable_is_cancelled (cancellable) && i + 1 < count)
        {
          failure = g_strdup (_("Interrupted: no more photos were taken."));
          break;
        }
    }

out:
  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);

  if (globals->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < captures->len; i++)
        json_add_capture (builder, g_ptr_array_index (captures, i), thumbnailer);
      json_builder_end_array (builder);
      print_json (builder);
    }

  if (failure != NULL)
    print_error ("%s", failure);

  resell_camera_disconnect (camera);
  g_clear_object (&camera);
  g_clear_object (&monitor);
  flush_main_context ();

  return failure != NULL || n_failed > 0 ? EXIT_RUNTIME : EXIT_OK;
}

/* ------------------------------------------------------------------ */
/* main                                                               */
/* ------------------------------------------------------------------ */

static const Command commands[] = {
  { "list", cmd_list, N_("List items (filter by state, category or text)") },
  { "add", cmd_add, N_("Add an item and print its SKU") },
  { "import", cmd_import, N_("Import photo files or folders into an item") },
  { "show", cmd_show, N_("Show an item and its photos") },
  { "categories", cmd_categories, N_("List the categories and their shot counts") },
  { "profiles", cmd_profiles, N_("List the built-in marketplace photo profiles") },
  { "process", cmd_process, N_("Make listing images from photo files or folders") },
  { "export", cmd_export, N_("Make the listing images of an item’s photos") },
  { "check", cmd_check, N_("Check photo files for blur, exposure, backdrop and size") },
  { "cameras", cmd_cameras, N_("List the cameras plugged in") },
  { "capture", cmd_capture, N_("Take photos with the camera and add them to an item") },
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
                          PROGRAM_NAME);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  GlobalOptions globals = { NULL, FALSE };
  gboolean version = FALSE;
  const Command *command = NULL;
  ExitStatus status;
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

  g_set_prgname (PROGRAM_NAME);

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
      status = usage_error (NULL, error->message);
      goto out;
    }

  if (version)
    {
      g_print ("%s %s\n", PROGRAM_NAME, PACKAGE_VERSION);
      status = EXIT_OK;
      goto out;
    }

  if (argc < 2)
    {
      status = usage_error (NULL, _("No command given (list, add, import, show, categories, profiles, process, export, check, cameras or capture)."));
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

      status = usage_error (NULL, message);
      goto out;
    }


  if (!resell_core_init (argv[0], &error))
    {
      print_error ("%s", error->message);
      status = EXIT_RUNTIME;
      goto out;
    }

  status = command->run (&globals, argc - 1, argv + 1);

out:
  g_free (globals.data_dir);

  return (int) status;
}
