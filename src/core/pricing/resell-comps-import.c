/* resell-comps-import.c — comparable sales from CSV files and by hand
 *
 * libcsv splits the file into records (quotes, embedded commas and line
 * breaks); this file maps the header to fields, checks every row and
 * either inserts all of them in one transaction or none.  A bad row never
 * stops the reading: the seller gets every bad line at once, to fix the
 * file in one go.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-pricing"

#include "config.h"

#include <string.h>

#include <csv.h>
#include <glib/gi18n-lib.h>

#include "pricing/resell-comps-import.h"
#include "pricing/resell-money.h"
#include "pricing/resell-price-grade.h"

G_DEFINE_QUARK (resell-comps-import-error-quark, resell_comps_import_error)

typedef enum
{
  FIELD_IGNORE,
  FIELD_BRAND,
  FIELD_MODEL,
  FIELD_CATEGORY,
  FIELD_GRADE,
  FIELD_PRICE,
  FIELD_CURRENCY,
  FIELD_SOLD_AT,
  FIELD_REFERENCE,
  N_FIELDS
} Field;

static const char * const field_names[N_FIELDS] = {
  "ignore", "brand", "model", "category", "grade", "price", "currency", "sold_at", "reference",
};

/* Headers recognised without a mapping, after lower-casing and turning
 * '_' and '-' into spaces: what marketplaces' and spreadsheets' exports
 * commonly call these columns. */
static const struct
{
  const char *header;
  Field       field;
} default_headers[] = {
  { "brand", FIELD_BRAND }, { "make", FIELD_BRAND }, { "designer", FIELD_BRAND },
  { "manufacturer", FIELD_BRAND },
  { "model", FIELD_MODEL }, { "style", FIELD_MODEL }, { "model name", FIELD_MODEL },
  { "category", FIELD_CATEGORY }, { "type", FIELD_CATEGORY },
  { "grade", FIELD_GRADE }, { "condition", FIELD_GRADE },
  { "price", FIELD_PRICE }, { "sold price", FIELD_PRICE }, { "sale price", FIELD_PRICE },
  { "price sold", FIELD_PRICE }, { "sold for", FIELD_PRICE }, { "amount", FIELD_PRICE },
  { "currency", FIELD_CURRENCY },
  { "sold at", FIELD_SOLD_AT }, { "sold", FIELD_SOLD_AT }, { "sold date", FIELD_SOLD_AT },
  { "date sold", FIELD_SOLD_AT }, { "sale date", FIELD_SOLD_AT }, { "date", FIELD_SOLD_AT },
  { "reference", FIELD_REFERENCE }, { "url", FIELD_REFERENCE }, { "link", FIELD_REFERENCE },
  { "ref", FIELD_REFERENCE },
};

typedef struct
{
  /* Records as arrays of strings, with the line each began on. */
  GPtrArray *records;
  GArray    *record_lines;
  GPtrArray *current;
  guint      line;
  guint      current_line;
} Reader;

static void
on_field (void   *data,
          size_t  len,
          void   *user_data)
{
  Reader *reader = user_data;

  if (reader->current == NULL)
    {
      reader->current = g_ptr_array_new_with_free_func (g_free);
      reader->current_line = reader->line;
    }

  g_ptr_array_add (reader->current, g_strndup (data != NULL ? data : "", len));
}

static void
on_record (int   c,
           void *user_data)
{
  Reader *reader = user_data;

  if (reader->current == NULL)
    return;

  g_ptr_array_add (reader->current, NULL);
  g_ptr_array_add (reader->records, g_ptr_array_free (g_steal_pointer (&reader->current), FALSE));
  g_array_append_val (reader->record_lines, reader->current_line);
}

static char *
normalize_header (const char *header)
{
  char *name = g_utf8_strdown (header, -1);

  g_strdelimit (name, "_-", ' ');

  return g_strstrip (name);
}

static gboolean
field_from_name (const char *name,
                 Field      *out)
{
  for (guint i = 0; i < N_FIELDS; i++)
    if (g_ascii_strcasecmp (field_names[i], name) == 0)
      {
        *out = (Field) i;
        return TRUE;
      }

  return FALSE;
}

gboolean
resell_comps_parse_date (const char *text,
                         gint64     *out)
{
  g_autoptr(GDateTime) date_time = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  guint64 seconds;

  if (*stripped == '\0')
    return FALSE;

  if (g_ascii_string_to_unsigned (stripped, 10, 0, G_MAXINT64, &seconds, NULL))
    {
      *out = (gint64) seconds;
      return TRUE;
    }

  date_time = g_date_time_new_from_iso8601 (stripped, utc);
  if (date_time == NULL && strlen (stripped) == 10)
    {
      g_autofree char *midnight = g_strconcat (stripped, "T00:00:00Z", NULL);

      date_time = g_date_time_new_from_iso8601 (midnight, utc);
    }

  if (date_time == NULL)
    return FALSE;

  *out = g_date_time_to_unix (date_time);

  return TRUE;
}

/* Fills @comp from @record; NULL when it is good, else why not. */
static char *
comp_from_record (char                          **record,
                  const int                       columns[N_FIELDS],
                  const ResellCompsImportOptions *options,
                  ResellComp                     *comp)
{
  const char *value[N_FIELDS] = { NULL, };
  g_autoptr(GError) error = NULL;
  const char *currency;
  const char *category;
  ResellMoney price;
  guint n = g_strv_length (record);

  for (guint f = 1; f < N_FIELDS; f++)
    if (columns[f] >= 0)
      value[f] = (guint) columns[f] < n ? record[columns[f]] : "";

  currency = value[FIELD_CURRENCY] != NULL && *value[FIELD_CURRENCY] != '\0'
             ? value[FIELD_CURRENCY] : options->default_currency;
  if (currency == NULL || *currency == '\0')
    return g_strdup (_("no currency"));
  {
    g_autofree char *code = g_strstrip (g_ascii_strup (currency, -1));

    if (!resell_currency_is_valid (code))
      return g_strdup_printf (_("“%s” is not an ISO 4217 currency code"), currency);
    memcpy (comp->currency, code, 4);
  }

  if (value[FIELD_PRICE] == NULL || *value[FIELD_PRICE] == '\0')
    return g_strdup (_("no price"));
  if (!resell_money_parse (value[FIELD_PRICE], comp->currency, &price, &error))
    return g_strdup (error->message);
  if (price.minor <= 0)
    return g_strdup_printf (_("the price “%s” is not above zero"), value[FIELD_PRICE]);
  comp->price_minor = price.minor;

  category = value[FIELD_CATEGORY] != NULL && *value[FIELD_CATEGORY] != '\0'
             ? value[FIELD_CATEGORY] : options->default_category;
  if (category == NULL || *category == '\0')
    return g_strdup (_("no category"));
  g_free (comp->category);
  comp->category = g_strstrip (g_strdup (category));

  if (value[FIELD_SOLD_AT] == NULL || !resell_comps_parse_date (value[FIELD_SOLD_AT], &comp->sold_at))
    return g_strdup_printf (_("the sale date “%s” is not a date (use 2026-11-23)"),
                            value[FIELD_SOLD_AT] != NULL ? value[FIELD_SOLD_AT] : "");

  if (value[FIELD_GRADE] != NULL && *g_strstrip ((char *) value[FIELD_GRADE]) != '\0')
    {
      const char *grade = resell_price_grade_from_text (value[FIELD_GRADE]);

      if (grade == NULL)
        return g_strdup_printf (_("“%s” is not a condition (use new-with-tags, …, very-good, good, fair, for-parts)"),
                                value[FIELD_GRADE]);
      g_free (comp->grade);
      comp->grade = g_strdup (grade);
    }

#define TAKE(member, field) \
  if (value[field] != NULL) { g_free (comp->member); comp->member = g_strstrip (g_strdup (value[field])); }
  TAKE (brand, FIELD_BRAND);
  TAKE (model, FIELD_MODEL);
  TAKE (reference, FIELD_REFERENCE);
#undef TAKE

  return NULL;
}

static gboolean
map_columns (char                          **header,
             const ResellCompsImportOptions *options,
             int                             columns[N_FIELDS],
             GError                        **error)
{
  guint n = g_strv_length (header);

  for (guint f = 0; f < N_FIELDS; f++)
    columns[f] = -1;

  for (guint c = 0; c < n; c++)
    {
      g_autofree char *name = normalize_header (header[c]);
      gboolean mapped = FALSE;

      /* A given mapping wins over the defaults. */
      for (guint m = 0; options->mapping != NULL && options->mapping[m] != NULL; m++)
        {
          const char *eq = strrchr (options->mapping[m], '=');
          g_autofree char *from = NULL;
          g_autofree char *from_name = NULL;
          Field field;

          if (eq == NULL || !field_from_name (eq + 1, &field))
            {
              g_set_error (error, RESELL_COMPS_IMPORT_ERROR, RESELL_COMPS_IMPORT_ERROR_BAD_MAPPING,
                           _("“%s” is not a column mapping (use COLUMN=FIELD; fields: brand, model, "
                             "category, grade, price, currency, sold_at, reference, ignore)."),
                           options->mapping[m]);
              return FALSE;
            }

          from = g_strndup (options->mapping[m], (gsize) (eq - options->mapping[m]));
          from_name = normalize_header (from);
          if (strcmp (from_name, name) == 0)
            {
              if (field != FIELD_IGNORE)
                columns[field] = (int) c;
              mapped = TRUE;
            }
        }

      for (guint d = 0; !mapped && d < G_N_ELEMENTS (default_headers); d++)
        if (strcmp (default_headers[d].header, name) == 0 && columns[default_headers[d].field] < 0)
          {
            columns[default_headers[d].field] = (int) c;
            mapped = TRUE;
          }
    }

  if (columns[FIELD_PRICE] < 0 || columns[FIELD_SOLD_AT] < 0)
    {
      g_set_error (error, RESELL_COMPS_IMPORT_ERROR, RESELL_COMPS_IMPORT_ERROR_BAD_HEADER,
                   _("The first line must name the columns, with at least a price and a sale date "
                     "(or give a mapping such as “Sold Price=price”)."));
      return FALSE;
    }

  return TRUE;
}

GPtrArray *
resell_comps_read_csv (const char                     *path,
                       const ResellCompsImportOptions *options,
                       GPtrArray                     **problems,
                       GError                        **error)
{
  static const ResellCompsImportOptions no_options = { NULL, NULL, NULL };
  g_autoptr(GPtrArray) comps = NULL;
  g_autoptr(GPtrArray) bad = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *basename = NULL;
  struct csv_parser parser;
  Reader reader = { NULL, };
  int columns[N_FIELDS];
  gsize length;
  const char *p;

  g_return_val_if_fail (path != NULL, NULL);

  if (options == NULL)
    options = &no_options;

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;

  if (csv_init (&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
    g_error ("libcsv could not start");

  reader.records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  reader.record_lines = g_array_new (FALSE, FALSE, sizeof (guint));
  reader.line = 1;

  /* Fed a line at a time so each record knows the line it began on. */
  p = contents;
  if (length >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;   /* a spreadsheet's byte-order mark */

  while (p < contents + length)
    {
      const char *end = memchr (p, '\n', (gsize) (contents + length - p));
      gsize chunk = end != NULL ? (gsize) (end - p) + 1 : (gsize) (contents + length - p);

      if (csv_parse (&parser, p, chunk, on_field, on_record, &reader) != chunk)
        break;
      p += chunk;
      reader.line++;
    }

  if (p < contents + length || csv_fini (&parser, on_field, on_record, &reader) != 0)
    {
      g_set_error (error, RESELL_COMPS_IMPORT_ERROR, RESELL_COMPS_IMPORT_ERROR_BAD_ROWS,
                   _("%s: line %u: %s (a quote is not closed or is misplaced)"),
                   path, reader.line, csv_strerror (csv_error (&parser)));
      csv_free (&parser);
      g_clear_pointer (&reader.current, g_ptr_array_unref);
      g_ptr_array_unref (reader.records);
      g_array_unref (reader.record_lines);
      return NULL;
    }
  csv_free (&parser);

  if (reader.records->len == 0 ||
      !map_columns (g_ptr_array_index (reader.records, 0), options, columns, error))
    {
      if (reader.records->len == 0)
        g_set_error (error, RESELL_COMPS_IMPORT_ERROR, RESELL_COMPS_IMPORT_ERROR_BAD_HEADER,
                     _("%s holds no rows."), path);
      g_ptr_array_unref (reader.records);
      g_array_unref (reader.record_lines);
      return NULL;
    }

  basename = g_path_get_basename (path);
  comps = g_ptr_array_new_with_free_func ((GDestroyNotify) resell_comp_free);
  bad = g_ptr_array_new_with_free_func (g_free);

  for (guint r = 1; r < reader.records->len; r++)
    {
      char **record = g_ptr_array_index (reader.records, r);
      guint line = g_array_index (reader.record_lines, guint, r);
      g_autoptr(ResellComp) comp = NULL;
      g_autofree char *why = NULL;
      gboolean blank = TRUE;

      /* A spreadsheet's trailing empty rows are not sales. */
      for (guint c = 0; record[c] != NULL && blank; c++)
        blank = *g_strstrip (record[c]) == '\0';
      if (blank)
        continue;

      comp = resell_comp_new ();
      g_free (comp->source);
      comp->source = g_strdup ("csv");
      g_free (comp->imported_from);
      comp->imported_from = g_strdup (basename);

      why = comp_from_record (record, columns, options, comp);
      if (why != NULL)
        g_ptr_array_add (bad, g_strdup_printf (_("line %u: %s"), line, why));
      else
        g_ptr_array_add (comps, g_steal_pointer (&comp));
    }

  g_ptr_array_unref (reader.records);
  g_array_unref (reader.record_lines);

  if (bad->len > 0)
    {
      g_set_error (error, RESELL_COMPS_IMPORT_ERROR, RESELL_COMPS_IMPORT_ERROR_BAD_ROWS,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%u row of %s is wrong; nothing was imported.",
                                "%u rows of %s are wrong; nothing was imported.", bad->len),
                   bad->len, basename);
      if (problems != NULL)
        *problems = g_steal_pointer (&bad);
      return NULL;
    }

  return g_steal_pointer (&comps);
}

gboolean
resell_comps_import_csv (ResellCatalog                  *catalog,
                         const char                     *path,
                         const ResellCompsImportOptions *options,
                         guint                          *n_imported,
                         GPtrArray                     **problems,
                         GError                        **error)
{
  g_autoptr(GPtrArray) comps = NULL;

  g_return_val_if_fail (RESELL_IS_CATALOG (catalog), FALSE);

  comps = resell_comps_read_csv (path, options, problems, error);
  if (comps == NULL)
    return FALSE;

  if (!resell_catalog_insert_comps (catalog, comps, error))
    return FALSE;

  if (n_imported != NULL)
    *n_imported = comps->len;

  return TRUE;
}

gboolean
resell_comps_add_manual (ResellCatalog  *catalog,
                         ResellComp     *comp,
                         GError        **error)
{
  g_autoptr(GPtrArray) one = NULL;
  const char *why = NULL;

  g_return_val_if_fail (RESELL_IS_CATALOG (catalog), FALSE);
  g_return_val_if_fail (comp != NULL, FALSE);

  if (!resell_currency_is_valid (comp->currency))
    why = _("The currency must be an ISO 4217 code such as EUR.");
  else if (comp->price_minor <= 0)
    why = _("The price must be above zero.");
  else if (comp->category == NULL || *comp->category == '\0')
    why = _("A comparable sale needs a category.");
  else if (comp->grade != NULL && *comp->grade != '\0' && !resell_price_grade_is_known (comp->grade))
    why = _("The condition is not one of the app’s condition ids.");
  else if (comp->sold_at <= 0)
    why = _("A comparable sale needs its sale date.");

  if (why != NULL)
    {
      g_set_error_literal (error, RESELL_COMPS_IMPORT_ERROR, RESELL_COMPS_IMPORT_ERROR_INVALID, why);
      return FALSE;
    }

  one = g_ptr_array_new ();
  g_ptr_array_add (one, comp);

  return resell_catalog_insert_comps (catalog, one, error);
}
