/* resell-cli-output.c — what the commands print: messages, tables,
 * fields and the JSON of items, photos, imports and shot checks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-cli"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "resell-cli-output.h"
#include "pricing/resell-money.h"

/* ------------------------------------------------------------------ */
/* Messages                                                           */
/* ------------------------------------------------------------------ */

void
resell_cli_print_error (const char *format,
                        ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("%s: %s\n", RESELL_CLI_PROGRAM_NAME, message);
}

void
resell_cli_print_warning (const char *message)
{
  /* TRANSLATORS: a warning on the terminal, e.g. "warning: clothing.json:3: …" */
  g_printerr ("%s: %s %s\n", RESELL_CLI_PROGRAM_NAME, _("warning:"), message);
}

/* Prints @message and a pointer to the help of @command (or of the
 * program when NULL); returns the usage-error exit status. */
ResellCliStatus
resell_cli_usage_error (const char *command,
                        const char *message)
{
  g_autofree char *help = NULL;

  resell_cli_print_error ("%s", message);
  help = command != NULL ? g_strdup_printf ("%s %s --help", RESELL_CLI_PROGRAM_NAME, command)
                         : g_strdup_printf ("%s --help", RESELL_CLI_PROGRAM_NAME);
  g_printerr (_("Try “%s” for more information."), help);
  g_printerr ("\n");

  return RESELL_CLI_EXIT_USAGE;
}

/* ------------------------------------------------------------------ */
/* Output helpers                                                     */
/* ------------------------------------------------------------------ */

/* JSON is always UTF-8, whatever the locale: write the bytes as they are. */
void
resell_cli_print_json (JsonBuilder *builder)
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
char *
resell_cli_dup_utf8_path (const char *path)
{
  if (path == NULL)
    return NULL;
  if (g_utf8_validate (path, -1, NULL))
    return g_strdup (path);
  return g_filename_display_name (path);
}

void
resell_cli_json_add_string (JsonBuilder *builder,
                            const char  *name,
                            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
resell_cli_json_add_path (JsonBuilder *builder,
                          const char  *name,
                          const char  *path)
{
  g_autofree char *utf8 = resell_cli_dup_utf8_path (path);

  resell_cli_json_add_string (builder, name, utf8);
}

void
resell_cli_json_add_int (JsonBuilder *builder,
                         const char  *name,
                         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

/* The nick the core's enum @type gives @value ("imported", "webp"), as
 * the JSON spells it, or @fallback for a value the type does not know. */
const char *
resell_cli_enum_nick (GType       type,
                      int         value,
                      const char *fallback)
{
  g_autoptr(GEnumClass) enum_class = g_type_class_ref (type);
  GEnumValue *enum_value = g_enum_get_value (enum_class, value);

  /* The nicks of a static type outlive this reference. */
  return enum_value != NULL ? enum_value->value_nick : fallback;
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

void
resell_cli_json_add_time (JsonBuilder *builder,
                          const char  *name,
                          gint64       usec)
{
  g_autofree char *iso = format_iso8601 (usec);

  resell_cli_json_add_string (builder, name, iso);
}

/* Local time for people, or NULL for 0 (unknown). */
char *
resell_cli_format_local_time (gint64 usec)
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
char *
resell_cli_dup_ellipsized (const char *text,
                           gsize       max)
{
  g_autofree char *start = NULL;

  if (g_utf8_strlen (text, -1) <= (glong) max)
    return g_strdup (text);

  start = g_utf8_substring (text, 0, max - 1);
  return g_strconcat (start, "…", NULL);
}

/* A table for resell_cli_print_table() whose first row holds the headings
 * (copied), one column each. */
GPtrArray *
resell_cli_table_new (const char *first_heading,
                      ...)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GStrvBuilder) header = g_strv_builder_new ();
  va_list args;

  va_start (args, first_heading);
  for (const char *heading = first_heading; heading != NULL; heading = va_arg (args, const char *))
    g_strv_builder_add (header, heading);
  va_end (args);

  g_ptr_array_add (rows, g_strv_builder_end (header));
  return rows;
}

/* Adds a row of as many cells as @rows has headings; the cells are
 * newly allocated strings that the table takes, a NULL cell shows empty.
 * The count comes from the headings rather than a NULL at the end, so a
 * missing value cannot cut a row short. */
void
resell_cli_table_add_row (GPtrArray *rows,
                          ...)
{
  guint n_columns;
  char **row;
  va_list args;

  g_return_if_fail (rows != NULL && rows->len > 0);

  n_columns = g_strv_length (g_ptr_array_index (rows, 0));
  row = g_new0 (char *, n_columns + 1);
  va_start (args, rows);
  for (guint c = 0; c < n_columns; c++)
    {
      char *cell = va_arg (args, char *);

      row[c] = cell != NULL ? cell : g_strdup ("");
    }
  va_end (args);

  g_ptr_array_add (rows, row);
}

/* Prints rows (each a NULL-terminated array of @n_columns strings) as
 * columns separated by two spaces; the first row is the header. */
void
resell_cli_print_table (GPtrArray *rows,
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
void
resell_cli_print_fields (const ResellCliField *fields,
                         guint                 n_fields,
                         const char           *indent)
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
/* JSON and text for items and photos                                 */
/* ------------------------------------------------------------------ */

void
resell_cli_json_add_item_members (JsonBuilder *builder,
                                  ResellItem  *item)
{
  resell_cli_json_add_int (builder, "id", resell_item_get_id (item));
  resell_cli_json_add_string (builder, "sku", resell_item_get_sku (item));
  resell_cli_json_add_string (builder, "category", resell_item_get_category (item));
  resell_cli_json_add_string (builder, "brand", resell_item_get_brand (item));
  resell_cli_json_add_string (builder, "model", resell_item_get_model (item));
  resell_cli_json_add_string (builder, "title", resell_item_get_title (item));
  resell_cli_json_add_string (builder, "size", resell_item_get_size (item));
  resell_cli_json_add_string (builder, "colour", resell_item_get_colour (item));
  resell_cli_json_add_string (builder, "material", resell_item_get_material (item));
  resell_cli_json_add_string (builder, "notes", resell_item_get_notes (item));
  resell_cli_json_add_string (builder, "consignor", resell_item_get_consignor (item));
  resell_cli_json_add_string (builder, "state", resell_item_state_to_string (resell_item_get_state (item)));
  resell_cli_json_add_time (builder, "created_at", resell_item_get_created_at (item));
  resell_cli_json_add_time (builder, "updated_at", resell_item_get_updated_at (item));
  resell_cli_json_add_int (builder, "photo_count", resell_item_get_photo_count (item));
  resell_cli_json_add_string (builder, "grade", resell_item_get_grade (item));
  json_builder_set_member_name (builder, "list_price");
  {
    const char *currency = NULL;
    gint64 minor = 0;

    if (resell_item_get_list_price (item, &minor, &currency) && resell_currency_is_valid (currency))
      {
        ResellMoney price = resell_money_make (minor, currency);

        resell_money_build_json (&price, builder);
      }
    else
      json_builder_add_null_value (builder);
  }
}

void
resell_cli_json_add_item (JsonBuilder *builder,
                          ResellItem  *item)
{
  json_builder_begin_object (builder);
  resell_cli_json_add_item_members (builder, item);
  json_builder_end_object (builder);
}

/* The stored shot checks (resell_shot_report_to_json()) as a JSON object,
 * or null for a photo never checked or checks that cannot be read. */
void
resell_cli_json_add_checks (JsonBuilder *builder,
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
void
resell_cli_json_add_problem_sentences (JsonBuilder      *builder,
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
char *
resell_cli_dup_checks_summary (const char *checks_json)
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

void
resell_cli_json_add_photo (JsonBuilder       *builder,
                           ResellPhoto       *photo,
                           ResellThumbnailer *thumbnailer)
{
  json_builder_begin_object (builder);
  resell_cli_json_add_int (builder, "id", resell_photo_get_id (photo));
  resell_cli_json_add_string (builder, "slot", resell_photo_get_slot (photo));
  resell_cli_json_add_int (builder, "position", resell_photo_get_position (photo));
  resell_cli_json_add_path (builder, "path", resell_photo_get_path (photo));
  resell_cli_json_add_path (builder, "original_name", resell_photo_get_original_name (photo));
  resell_cli_json_add_string (builder, "sha256", resell_photo_get_sha256 (photo));
  resell_cli_json_add_int (builder, "width", resell_photo_get_width (photo));
  resell_cli_json_add_int (builder, "height", resell_photo_get_height (photo));
  resell_cli_json_add_time (builder, "captured_at", resell_photo_get_captured_at (photo));
  resell_cli_json_add_string (builder, "camera", resell_photo_get_camera_model (photo));
  resell_cli_json_add_time (builder, "added_at", resell_photo_get_added_at (photo));
  resell_cli_json_add_checks (builder, "checks", resell_photo_get_checks (photo));
  if (thumbnailer != NULL && resell_photo_get_sha256 (photo) != NULL)
    {
      g_autofree char *thumbnail = resell_thumbnailer_lookup (thumbnailer,
                                                              resell_photo_get_sha256 (photo));
      resell_cli_json_add_path (builder, "thumbnail", thumbnail);
    }
  json_builder_end_object (builder);
}

const char *
resell_cli_slot_or_extra (ResellPhoto *photo)
{
  const char *slot = resell_photo_get_slot (photo);

  /* TRANSLATORS: where a photo went that fills no slot of the shot list */
  return slot != NULL && *slot != '\0' ? slot : _("extra photo");
}

/* ------------------------------------------------------------------ */
/* Import results                                                     */
/* ------------------------------------------------------------------ */

/* The "status" and "message" members of an import result. */
void
resell_cli_json_add_import_status (JsonBuilder        *builder,
                                   ResellImportResult *result)
{
  resell_cli_json_add_string (builder, "status",
                              resell_cli_enum_nick (RESELL_TYPE_IMPORT_STATUS,
                                                    resell_import_result_get_status (result),
                                                    "failed"));
  resell_cli_json_add_string (builder, "message", resell_import_result_get_message (result));
}

/* The "photo" member of an import result: the photo, or null. */
void
resell_cli_json_add_import_photo (JsonBuilder       *builder,
                                  ResellPhoto       *photo,
                                  ResellThumbnailer *thumbnailer)
{
  json_builder_set_member_name (builder, "photo");
  if (photo != NULL)
    resell_cli_json_add_photo (builder, photo, thumbnailer);
  else
    json_builder_add_null_value (builder);
}

/* The line of an import result that failed: its reason, else @name. */
void
resell_cli_print_import_failure (const char *message,
                                 const char *name)
{
  /* TRANSLATORS: "failed: <why>"; the reason names the file */
  g_print (_("failed: %s"), message != NULL && *message != '\0' ? message : name);
  g_print ("\n");
}

/* ------------------------------------------------------------------ */
/* Shot checks                                                        */
/* ------------------------------------------------------------------ */

/* "passed", "failed" or "unreadable" for a report (NULL: not even opened). */
const char *
resell_cli_report_status (ResellShotReport *report)
{
  if (report == NULL || !resell_shot_report_get_readable (report))
    return "unreadable";

  return resell_shot_report_get_passed (report) ? "passed" : "failed";
}

/* The measured numbers of a readable report, for people. */
char *
resell_cli_dup_report_measures (ResellShotReport *report)
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
void
resell_cli_print_report_problems (ResellShotReport *report)
{
  const char * const *problems = resell_shot_report_get_problems (report);

  for (guint i = 0; problems != NULL && problems[i] != NULL; i++)
    g_print ("  %s\n", problems[i]);
}
