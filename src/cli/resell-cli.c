/* resell-cli.c — script the Resell item catalog from a terminal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-cli"

#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <json-glib/json-glib.h>

#include "resell-core.h"
#include "imaging/resell-listing-exporter.h"

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
  g_autofree char *cache_dir = NULL;
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

  catalog = open_catalog (globals);
  if (catalog == NULL)
    return EXIT_RUNTIME;

  item = lookup_item (catalog, sku);
  if (item == NULL)
    return EXIT_RUNTIME;

  registry = load_categories ();
  if (registry != NULL)
    category = resell_category_registry_lookup (registry, resell_item_get_category (item));
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

  cache_dir = resell_thumbnailer_dup_default_cache_dir ();
  thumbnailer = resell_thumbnailer_new (cache_dir);
  importer = resell_importer_new (catalog, thumbnailer);

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
          json_add_string (builder, "status", import_status_to_string (result_status));
          json_add_string (builder, "message", resell_import_result_get_message (result));
          json_builder_set_member_name (builder, "photo");
          if (photo != NULL)
            json_add_photo (builder, photo, thumbnailer);
          else
            json_builder_add_null_value (builder);
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
              if (message != NULL && *message != '\0')
                /* TRANSLATORS: "failed: <why>"; the reason names the file */
                g_print (_("failed: %s"), message);
              else
                g_print (_("failed: %s"), name);
              g_print ("\n");
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
      N_("Marketplace profile: a built-in id (default: ebay) or a profile file"), N_("ID|FILE") },
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

/* @stem + ".jpg", or "stem-2.jpg", "stem-3.jpg"… when taken in this batch. */
static char *
claim_output_name (GHashTable *taken,
                   const char *stem)
{
  char *name = g_strconcat (stem, ".jpg", NULL);

  for (guint n = 2; g_hash_table_contains (taken, name); n++)
    {
      g_free (name);
      name = g_strdup_printf ("%s-%u.jpg", stem, n);
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
                                   "The originals are never changed; DIR/NAME.jpg is written for each."));
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

          name = claim_output_name (taken, base);
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
                                   "as DIR/SKU-NN-SHOT.jpg, with the seller’s edits applied and "
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
      name = g_strdup_printf ("%s-%02u-%s.jpg", sku_part, i + 1, slot_part);
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
/* main                                                               */
/* ------------------------------------------------------------------ */

static const Command commands[] = {
  { "list", cmd_list, N_("List items (filter by state, category or text)") },
  { "add", cmd_add, N_("Add an item and print its SKU") },
  { "import", cmd_import, N_("Import photo files or folders into an item") },
  { "show", cmd_show, N_("Show an item and its photos") },
  { "categories", cmd_categories, N_("List the categories and their shot counts") },
  { "process", cmd_process, N_("Make listing images from photo files or folders") },
  { "export", cmd_export, N_("Make the listing images of an item’s photos") },
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
      status = usage_error (NULL, _("No command given (list, add, import, show, categories, process or export)."));
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
