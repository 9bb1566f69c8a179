/* resell-condition-report.c — an item's condition report: what it holds,
 * the renders of its pictures, and writing it off the UI thread
 *
 * The PDF and HTML writers are in resell-condition-report-pdf.c and
 * resell-condition-report-html.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-documents"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "documents/resell-condition-report-private.h"
#include "imaging/resell-photo-edits.h"
#include "listing/resell-listing-profile.h"
#include "listing/resell-listing-renderer.h"

/* The report's pictures: listing renders at most 800 px, so the HTML page
 * stays a few megabytes and the PDF prints sharp at a third of a page. */
static const char report_profile_json[] =
  "{ \"version\": 1, \"id\": \"report\", \"name\": \"Report\","
  "  \"long_edge\": 800, \"square\": false, \"margin\": 0.04,"
  "  \"quality\": 82, \"min_quality\": 82, \"max_bytes\": 0,"
  "  \"max_photos\": 1000, \"min_long_edge\": 1, \"max_megapixels\": 200,"
  "  \"internal\": true }";

#define CLOSEUP_SIZE 480
#define POINT_RADIUS 0.04

/* ------------------------------------------------------------------------
 * Flaws
 * ------------------------------------------------------------------------ */

G_DEFINE_BOXED_TYPE (ResellReportFlaw, resell_report_flaw,
                     resell_report_flaw_copy, resell_report_flaw_free)

ResellReportFlaw *
resell_report_flaw_new (void)
{
  return g_new0 (ResellReportFlaw, 1);
}

ResellReportFlaw *
resell_report_flaw_copy (const ResellReportFlaw *self)
{
  ResellReportFlaw *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->type_label = g_strdup (self->type_label);
  copy->severity_label = g_strdup (self->severity_label);
  copy->zone_label = g_strdup (self->zone_label);
  copy->note = g_strdup (self->note);
  copy->closeup_path = g_strdup (self->closeup_path);
  return copy;
}

void
resell_report_flaw_free (ResellReportFlaw *self)
{
  if (self == NULL)
    return;
  g_free (self->type_label);
  g_free (self->severity_label);
  g_free (self->zone_label);
  g_free (self->note);
  g_free (self->closeup_path);
  g_free (self);
}

char *
resell_report_flaw_dup_summary (const ResellReportFlaw *flaw)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  if (flaw->type_label != NULL && *flaw->type_label != '\0')
    g_ptr_array_add (parts, flaw->type_label);
  if (flaw->severity_label != NULL && *flaw->severity_label != '\0')
    g_ptr_array_add (parts, flaw->severity_label);
  if (flaw->zone_label != NULL && *flaw->zone_label != '\0')
    g_ptr_array_add (parts, flaw->zone_label);
  g_ptr_array_add (parts, NULL);
  /* TRANSLATORS: between the parts of a flaw's summary, "Stain · Major · Lining" */
  return g_strjoinv (_(" · "), (char **) parts->pdata);
}

gboolean
resell_report_format_for_path (const char         *path,
                               ResellReportFormat *format)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".pdf"))
    *format = RESELL_REPORT_FORMAT_PDF;
  else if (g_str_has_suffix (lower, ".html") || g_str_has_suffix (lower, ".htm"))
    *format = RESELL_REPORT_FORMAT_HTML;
  else
    return FALSE;
  return TRUE;
}

/* ------------------------------------------------------------------------
 * The report object
 * ------------------------------------------------------------------------ */

struct _ResellConditionReport
{
  GObject parent_instance;

  ResellItem *item;
  GPtrArray *photos;          /* ResellPhoto */
  char *category_name;
  char *grade;
  GStrv reasons;
  char *condition_text;
  char *price_line;
  GPtrArray *flaws;           /* ResellReportFlaw */
};

G_DEFINE_FINAL_TYPE (ResellConditionReport, resell_condition_report, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ITEM,
  PROP_CATEGORY_NAME,
  PROP_GRADE,
  PROP_CONDITION_TEXT,
  PROP_PRICE_LINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
resell_condition_report_finalize (GObject *object)
{
  ResellConditionReport *self = RESELL_CONDITION_REPORT (object);

  g_clear_object (&self->item);
  g_clear_pointer (&self->photos, g_ptr_array_unref);
  g_free (self->category_name);
  g_free (self->grade);
  g_strfreev (self->reasons);
  g_free (self->condition_text);
  g_free (self->price_line);
  g_clear_pointer (&self->flaws, g_ptr_array_unref);

  G_OBJECT_CLASS (resell_condition_report_parent_class)->finalize (object);
}

static void
resell_condition_report_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  ResellConditionReport *self = RESELL_CONDITION_REPORT (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    case PROP_CATEGORY_NAME:
      g_value_set_string (value, self->category_name);
      break;
    case PROP_GRADE:
      g_value_set_string (value, self->grade);
      break;
    case PROP_CONDITION_TEXT:
      g_value_set_string (value, self->condition_text);
      break;
    case PROP_PRICE_LINE:
      g_value_set_string (value, self->price_line);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_condition_report_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  ResellConditionReport *self = RESELL_CONDITION_REPORT (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      /* A copy: the seller may edit the item while the report is written. */
      self->item = resell_item_copy (g_value_get_object (value));
      break;
    case PROP_CATEGORY_NAME:
      g_free (self->category_name);
      self->category_name = g_value_dup_string (value);
      break;
    case PROP_GRADE:
      resell_condition_report_set_grade (self, g_value_get_string (value));
      break;
    case PROP_CONDITION_TEXT:
      resell_condition_report_set_condition_text (self, g_value_get_string (value));
      break;
    case PROP_PRICE_LINE:
      resell_condition_report_set_price_line (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_condition_report_class_init (ResellConditionReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = resell_condition_report_finalize;
  object_class->get_property = resell_condition_report_get_property;
  object_class->set_property = resell_condition_report_set_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, RESELL_TYPE_ITEM,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CATEGORY_NAME] =
    g_param_spec_string ("category-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_GRADE] =
    g_param_spec_string ("grade", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONDITION_TEXT] =
    g_param_spec_string ("condition-text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PRICE_LINE] =
    g_param_spec_string ("price-line", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
resell_condition_report_init (ResellConditionReport *self)
{
  self->photos = g_ptr_array_new_with_free_func (g_object_unref);
  self->flaws = g_ptr_array_new_with_free_func ((GDestroyNotify) resell_report_flaw_free);
}

ResellConditionReport *
resell_condition_report_new (ResellItem     *item,
                             GPtrArray      *photos,
                             ResellCategory *category)
{
  ResellConditionReport *self;

  g_return_val_if_fail (RESELL_IS_ITEM (item), NULL);
  g_return_val_if_fail (category == NULL || RESELL_IS_CATEGORY (category), NULL);

  self = g_object_new (RESELL_TYPE_CONDITION_REPORT,
                       "item", item,
                       "category-name", category != NULL ? resell_category_get_name (category)
                                                         : resell_item_get_category (item),
                       NULL);
  for (guint i = 0; photos != NULL && i < photos->len; i++)
    g_ptr_array_add (self->photos, g_object_ref (g_ptr_array_index (photos, i)));
  return self;
}

ResellConditionReport *
resell_condition_report_new_from_catalog (ResellCatalog   *catalog,
                                          ResellItem      *item,
                                          ResellCategory  *category,
                                          GError         **error)
{
  g_autoptr(GPtrArray) photos = NULL;

  g_return_val_if_fail (RESELL_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (RESELL_IS_ITEM (item), NULL);

  photos = resell_catalog_list_photos (catalog, resell_item_get_id (item), error);
  if (photos == NULL)
    return NULL;
  return resell_condition_report_new (item, photos, category);
}

ResellItem *
resell_condition_report_get_item (ResellConditionReport *self)
{
  g_return_val_if_fail (RESELL_IS_CONDITION_REPORT (self), NULL);
  return self->item;
}

const char *
resell_condition_report_get_category_name (ResellConditionReport *self)
{
  return self->category_name != NULL ? self->category_name : "";
}

static void
set_string_prop (ResellConditionReport  *self,
                 char                  **field,
                 const char             *value,
                 guint                   prop)
{
  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

void
resell_condition_report_set_grade (ResellConditionReport *self,
                                   const char            *grade)
{
  g_return_if_fail (RESELL_IS_CONDITION_REPORT (self));
  set_string_prop (self, &self->grade, grade, PROP_GRADE);
}

const char *
resell_condition_report_get_grade (ResellConditionReport *self)
{
  g_return_val_if_fail (RESELL_IS_CONDITION_REPORT (self), NULL);
  return self->grade;
}

void
resell_condition_report_set_reasons (ResellConditionReport *self,
                                     const char * const    *reasons)
{
  g_return_if_fail (RESELL_IS_CONDITION_REPORT (self));
  g_strfreev (self->reasons);
  self->reasons = g_strdupv ((char **) reasons);
}

const char * const *
resell_condition_report_get_reasons (ResellConditionReport *self)
{
  g_return_val_if_fail (RESELL_IS_CONDITION_REPORT (self), NULL);
  return (const char * const *) self->reasons;
}

void
resell_condition_report_set_condition_text (ResellConditionReport *self,
                                            const char            *text)
{
  g_return_if_fail (RESELL_IS_CONDITION_REPORT (self));
  set_string_prop (self, &self->condition_text, text, PROP_CONDITION_TEXT);
}

const char *
resell_condition_report_get_condition_text (ResellConditionReport *self)
{
  g_return_val_if_fail (RESELL_IS_CONDITION_REPORT (self), NULL);
  return self->condition_text;
}

void
resell_condition_report_set_price_line (ResellConditionReport *self,
                                        const char            *line)
{
  g_return_if_fail (RESELL_IS_CONDITION_REPORT (self));
  set_string_prop (self, &self->price_line, line, PROP_PRICE_LINE);
}

const char *
resell_condition_report_get_price_line (ResellConditionReport *self)
{
  g_return_val_if_fail (RESELL_IS_CONDITION_REPORT (self), NULL);
  return self->price_line;
}

void
resell_condition_report_add_flaw (ResellConditionReport  *self,
                                  const ResellReportFlaw *flaw)
{
  g_return_if_fail (RESELL_IS_CONDITION_REPORT (self));
  g_return_if_fail (flaw != NULL);
  g_ptr_array_add (self->flaws, resell_report_flaw_copy (flaw));
}

guint
resell_condition_report_get_n_flaws (ResellConditionReport *self)
{
  g_return_val_if_fail (RESELL_IS_CONDITION_REPORT (self), 0);
  return self->flaws->len;
}

const ResellReportFlaw *
resell_condition_report_get_flaw (ResellConditionReport *self,
                                  guint                  index)
{
  g_return_val_if_fail (index < self->flaws->len, NULL);
  return g_ptr_array_index (self->flaws, index);
}

guint
resell_condition_report_get_n_photos (ResellConditionReport *self)
{
  g_return_val_if_fail (RESELL_IS_CONDITION_REPORT (self), 0);
  return self->photos->len;
}

static void
add_field (GPtrArray  *fields,
           const char *label,
           const char *value)
{
  if (value == NULL || *value == '\0')
    return;
  g_ptr_array_add (fields, g_strdup (label));
  g_ptr_array_add (fields, g_strdup (value));
}

GStrv
resell_condition_report_dup_fields (ResellConditionReport *self)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  g_autofree char *title = resell_item_dup_display_title (self->item);

  /* Not the consignor, the notes or the price paid: the report goes to
   * buyers, and those are the shop's business. */
  add_field (fields, _("SKU"), resell_item_get_sku (self->item));
  add_field (fields, _("Title"), title);
  add_field (fields, _("Category"), resell_condition_report_get_category_name (self));
  add_field (fields, _("Brand"), resell_item_get_brand (self->item));
  add_field (fields, _("Model"), resell_item_get_model (self->item));
  add_field (fields, _("Size"), resell_item_get_size (self->item));
  add_field (fields, _("Colour"), resell_item_get_colour (self->item));
  add_field (fields, _("Material"), resell_item_get_material (self->item));
  g_ptr_array_add (fields, NULL);
  return (GStrv) g_ptr_array_steal (fields, NULL);
}

/* ------------------------------------------------------------------------
 * Renders
 * ------------------------------------------------------------------------ */

static void
report_photo_free (ResellReportPhoto *photo)
{
  g_clear_object (&photo->photo);
  g_clear_pointer (&photo->listing, g_bytes_unref);
  g_clear_pointer (&photo->whole, g_bytes_unref);
  g_free (photo->captured);
  g_free (photo);
}

void
resell_report_renders_free (ResellReportRenders *renders)
{
  if (renders == NULL)
    return;
  g_clear_pointer (&renders->photos, g_ptr_array_unref);
  g_clear_pointer (&renders->closeups, g_ptr_array_unref);
  g_free (renders);
}

static gboolean
photo_has_flaws (ResellConditionReport *self,
                 guint                  number)
{
  for (guint i = 0; i < self->flaws->len; i++)
    {
      const ResellReportFlaw *flaw = g_ptr_array_index (self->flaws, i);

      if (flaw->photo_number == number)
        return TRUE;
    }
  return FALSE;
}

static char *
format_capture_date (gint64 usec)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (usec <= 0)
    return NULL;
  utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  if (utc == NULL)
    return NULL;
  local = g_date_time_to_local (utc);
  /* TRANSLATORS: a photo's capture date and time, strftime format */
  return g_date_time_format (local, _("%Y-%m-%d %H:%M"));
}

/* A close-up's radius for resell_flaw_closeup_render(): a fraction of the
 * shorter side, from the flaw's box in fractions of each side. */
static double
closeup_radius (const ResellReportFlaw *flaw,
                int                     width,
                int                     height)
{
  double shorter = MIN (width, height);
  double half;

  if (flaw->shape == RESELL_REPORT_SHAPE_POINT || shorter <= 0)
    return POINT_RADIUS;
  half = MAX (flaw->w * width, flaw->h * height) / 2.0;
  return CLAMP (half / shorter, 0.01, 0.5);
}

ResellReportRenders *
resell_report_renders_new (ResellConditionReport  *self,
                           GCancellable           *cancellable,
                           GError                **error)
{
  g_autoptr(ResellReportRenders) renders = g_new0 (ResellReportRenders, 1);
  g_autoptr(ResellListingProfile) profile = NULL;
  g_autoptr(ResellPhotoEdits) whole_edits = resell_photo_edits_new ();

  profile = resell_listing_profile_new_from_data ("report", report_profile_json, -1, error);
  if (profile == NULL)
    return NULL;

  /* The flaw map shows the upright original whole: flaws are placed in
   * its coordinates, before the seller's turns and crops. */
  whole_edits->auto_trim = FALSE;
  whole_edits->whiten = FALSE;

  renders->photos = g_ptr_array_new_with_free_func ((GDestroyNotify) report_photo_free);
  renders->closeups = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  for (guint i = 0; i < self->photos->len; i++)
    {
      ResellPhoto *photo = g_ptr_array_index (self->photos, i);
      ResellReportPhoto *rp = g_new0 (ResellReportPhoto, 1);
      g_autoptr(ResellPhotoEdits) edits = NULL;
      g_autoptr(GError) local_error = NULL;
      ResellListingInfo info;

      rp->photo = g_object_ref (photo);
      rp->number = i + 1;
      rp->captured = format_capture_date (resell_photo_get_captured_at (photo));
      g_ptr_array_add (renders->photos, rp);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      edits = resell_photo_edits_from_json (resell_photo_get_edits (photo), NULL);
      rp->listing = resell_listing_render (resell_photo_get_path (photo), edits, profile,
                                           NULL, &info, cancellable, &local_error);
      if (rp->listing == NULL)
        {
          /* A photo that cannot be read is named in the report rather than
           * failing the whole of it. */
          g_warning ("Condition report of %s: %s",
                     resell_item_get_sku (self->item), local_error->message);
          continue;
        }
      rp->listing_w = info.width;
      rp->listing_h = info.height;

      if (photo_has_flaws (self, rp->number))
        {
          rp->whole = resell_listing_render (resell_photo_get_path (photo), whole_edits, profile,
                                             NULL, &info, cancellable, NULL);
          rp->whole_w = info.width;
          rp->whole_h = info.height;
        }
    }

  for (guint i = 0; i < self->flaws->len; i++)
    {
      const ResellReportFlaw *flaw = g_ptr_array_index (self->flaws, i);
      ResellReportPhoto *rp = NULL;
      GBytes *closeup = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      if (flaw->photo_number >= 1 && flaw->photo_number <= renders->photos->len)
        rp = g_ptr_array_index (renders->photos, flaw->photo_number - 1);

      if (flaw->closeup_path != NULL)
        {
          ResellListingInfo info;

          closeup = resell_listing_render (flaw->closeup_path, NULL, profile, NULL, &info,
                                           cancellable, NULL);
        }
      else if (rp != NULL && rp->whole != NULL)
        {
          double cx = flaw->x + flaw->w / 2.0;
          double cy = flaw->y + flaw->h / 2.0;

          closeup = resell_flaw_closeup_render (resell_photo_get_path (rp->photo), cx, cy,
                                                closeup_radius (flaw, rp->whole_w, rp->whole_h),
                                                TRUE, CLOSEUP_SIZE, cancellable, NULL);
        }
      g_ptr_array_add (renders->closeups, closeup);
    }

  return g_steal_pointer (&renders);
}

/* ------------------------------------------------------------------------
 * Writing
 * ------------------------------------------------------------------------ */

gboolean
resell_condition_report_write (ResellConditionReport  *self,
                               const char             *path,
                               ResellReportFormat      format,
                               GCancellable           *cancellable,
                               GError                **error)
{
  g_autoptr(ResellReportRenders) renders = NULL;

  g_return_val_if_fail (RESELL_IS_CONDITION_REPORT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  renders = resell_report_renders_new (self, cancellable, error);
  if (renders == NULL)
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  switch (format)
    {
    case RESELL_REPORT_FORMAT_PDF:
      return resell_condition_report_write_pdf (self, renders, path, error);
    case RESELL_REPORT_FORMAT_HTML:
      return resell_condition_report_write_html (self, renders, path, error);
    default:
      g_return_val_if_reached (FALSE);
    }
}

typedef struct
{
  char *path;
  ResellReportFormat format;
} WriteData;

static void
write_data_free (WriteData *data)
{
  g_free (data->path);
  g_free (data);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteData *data = task_data;
  GError *error = NULL;

  if (resell_condition_report_write (source_object, data->path, data->format, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
resell_condition_report_write_async (ResellConditionReport *self,
                                     const char            *path,
                                     ResellReportFormat     format,
                                     GCancellable          *cancellable,
                                     GAsyncReadyCallback    callback,
                                     gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteData *data;

  g_return_if_fail (RESELL_IS_CONDITION_REPORT (self));
  g_return_if_fail (path != NULL);

  data = g_new0 (WriteData, 1);
  data->path = g_strdup (path);
  data->format = format;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, resell_condition_report_write_async);
  g_task_set_task_data (task, data, (GDestroyNotify) write_data_free);
  g_task_run_in_thread (task, write_thread);
}

gboolean
resell_condition_report_write_finish (ResellConditionReport  *self,
                                      GAsyncResult           *result,
                                      GError                **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
