/* resell-label.c — an item's SKU label: QR code, SKU, title, category
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-documents"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>

#include "documents/resell-documents-private.h"
#include "documents/resell-label.h"
#include "documents/resell-qr-code.h"

G_DEFINE_ENUM_TYPE (ResellLabelSize, resell_label_size,
                    G_DEFINE_ENUM_VALUE (RESELL_LABEL_SIZE_62X29, "62x29"),
                    G_DEFINE_ENUM_VALUE (RESELL_LABEL_SIZE_57X32, "57x32"))

const char *
resell_label_size_to_string (ResellLabelSize size)
{
  switch (size)
    {
    case RESELL_LABEL_SIZE_62X29:
      return "62x29";
    case RESELL_LABEL_SIZE_57X32:
      return "57x32";
    default:
      g_return_val_if_reached ("62x29");
    }
}

gboolean
resell_label_size_from_string (const char      *str,
                               ResellLabelSize *size)
{
  if (g_strcmp0 (str, "62x29") == 0)
    *size = RESELL_LABEL_SIZE_62X29;
  else if (g_strcmp0 (str, "57x32") == 0)
    *size = RESELL_LABEL_SIZE_57X32;
  else
    return FALSE;
  return TRUE;
}

void
resell_label_size_get_mm (ResellLabelSize  size,
                          double          *width_mm,
                          double          *height_mm)
{
  switch (size)
    {
    case RESELL_LABEL_SIZE_57X32:
      *width_mm = 57;
      *height_mm = 32;
      break;
    case RESELL_LABEL_SIZE_62X29:
    default:
      *width_mm = 62;
      *height_mm = 29;
      break;
    }
}

struct _ResellLabel
{
  GObject parent_instance;

  char *sku;
  char *title;
  char *category;
  ResellLabelSize size;
};

G_DEFINE_FINAL_TYPE (ResellLabel, resell_label, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SKU,
  PROP_TITLE,
  PROP_CATEGORY,
  PROP_SIZE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
resell_label_finalize (GObject *object)
{
  ResellLabel *self = RESELL_LABEL (object);

  g_free (self->sku);
  g_free (self->title);
  g_free (self->category);

  G_OBJECT_CLASS (resell_label_parent_class)->finalize (object);
}

static void
resell_label_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  ResellLabel *self = RESELL_LABEL (object);

  switch (prop_id)
    {
    case PROP_SKU:
      g_value_set_string (value, self->sku);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_CATEGORY:
      g_value_set_string (value, self->category);
      break;
    case PROP_SIZE:
      g_value_set_enum (value, self->size);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_string (char       **field,
            const char  *value)
{
  g_free (*field);
  *field = g_strdup (value != NULL ? value : "");
}

static void
resell_label_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  ResellLabel *self = RESELL_LABEL (object);

  switch (prop_id)
    {
    case PROP_SKU:
      set_string (&self->sku, g_value_get_string (value));
      break;
    case PROP_TITLE:
      set_string (&self->title, g_value_get_string (value));
      break;
    case PROP_CATEGORY:
      set_string (&self->category, g_value_get_string (value));
      break;
    case PROP_SIZE:
      resell_label_set_size (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_label_class_init (ResellLabelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = resell_label_finalize;
  object_class->get_property = resell_label_get_property;
  object_class->set_property = resell_label_set_property;

  properties[PROP_SKU] =
    g_param_spec_string ("sku", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CATEGORY] =
    g_param_spec_string ("category", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIZE] =
    g_param_spec_enum ("size", NULL, NULL,
                       RESELL_TYPE_LABEL_SIZE, RESELL_LABEL_SIZE_62X29,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
resell_label_init (ResellLabel *self)
{
  self->sku = g_strdup ("");
  self->title = g_strdup ("");
  self->category = g_strdup ("");
}

ResellLabel *
resell_label_new (const char *sku,
                  const char *title,
                  const char *category)
{
  g_return_val_if_fail (sku != NULL && *sku != '\0', NULL);

  return g_object_new (RESELL_TYPE_LABEL,
                       "sku", sku,
                       "title", title,
                       "category", category,
                       NULL);
}

ResellLabel *
resell_label_new_for_item (ResellItem     *item,
                           ResellCategory *category)
{
  g_autofree char *title = NULL;
  const char *title_shown;

  g_return_val_if_fail (RESELL_IS_ITEM (item), NULL);
  g_return_val_if_fail (category == NULL || RESELL_IS_CATEGORY (category), NULL);

  /* The display title falls back to the SKU, which is printed anyway. */
  title = resell_item_dup_display_title (item);
  title_shown = g_strcmp0 (title, resell_item_get_sku (item)) == 0 ? "" : title;

  return resell_label_new (resell_item_get_sku (item),
                           title_shown,
                           category != NULL ? resell_category_get_name (category)
                                            : resell_item_get_category (item));
}

const char *
resell_label_get_sku (ResellLabel *self)
{
  g_return_val_if_fail (RESELL_IS_LABEL (self), NULL);
  return self->sku;
}

const char *
resell_label_get_title (ResellLabel *self)
{
  g_return_val_if_fail (RESELL_IS_LABEL (self), NULL);
  return self->title;
}

const char *
resell_label_get_category (ResellLabel *self)
{
  g_return_val_if_fail (RESELL_IS_LABEL (self), NULL);
  return self->category;
}

ResellLabelSize
resell_label_get_size (ResellLabel *self)
{
  g_return_val_if_fail (RESELL_IS_LABEL (self), RESELL_LABEL_SIZE_62X29);
  return self->size;
}

void
resell_label_set_size (ResellLabel     *self,
                       ResellLabelSize  size)
{
  g_return_if_fail (RESELL_IS_LABEL (self));

  if (self->size == size)
    return;
  self->size = size;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIZE]);
}

gboolean
resell_label_draw (ResellLabel  *self,
                   cairo_t      *cr,
                   double        width,
                   double        height,
                   GError      **error)
{
  g_autoptr(PangoLayout) sku_layout = NULL;
  g_autoptr(PangoLayout) title_layout = NULL;
  g_autoptr(PangoLayout) category_layout = NULL;
  double margin, qr_side, text_x, text_w, y;
  int layout_h;

  g_return_val_if_fail (RESELL_IS_LABEL (self), FALSE);
  g_return_val_if_fail (cr != NULL, FALSE);

  /* Everything in proportion to the height, so the label draws the same
   * in a PDF's points and in a printer's units.  The QR code's own quiet
   * zone is the white space around it; the margin only keeps the text off
   * the edge where a printer's feed may shift it. */
  margin = height * 0.05;
  qr_side = height;
  text_x = qr_side;
  text_w = width - text_x - margin;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);

  if (!resell_qr_code_draw (cr, self->sku, 0, 0, qr_side, error))
    {
      cairo_restore (cr);
      return FALSE;
    }

  cairo_set_source_rgb (cr, 0, 0, 0);
  y = height * 0.12;

  /* The SKU is what a person types when the code will not scan: it must
   * never be ellipsized, so a long one is set smaller. */
  for (double size = height * 0.15; ; size *= 0.9)
    {
      g_clear_object (&sku_layout);
      sku_layout = resell_documents_layout_new (cr, self->sku, "Monospace", PANGO_WEIGHT_BOLD,
                                                size, text_w, 1);
      if (!pango_layout_is_ellipsized (sku_layout) || size < height * 0.06)
        break;
    }
  cairo_move_to (cr, text_x, y);
  pango_cairo_show_layout (cr, sku_layout);
  pango_layout_get_size (sku_layout, NULL, &layout_h);
  y += (double) layout_h / PANGO_SCALE + height * 0.05;

  if (*self->title != '\0')
    {
      title_layout = resell_documents_layout_new (cr, self->title, "Sans", PANGO_WEIGHT_NORMAL,
                                                  height * 0.11, text_w, 2);
      cairo_move_to (cr, text_x, y);
      pango_cairo_show_layout (cr, title_layout);
      pango_layout_get_size (title_layout, NULL, &layout_h);
      y += (double) layout_h / PANGO_SCALE + height * 0.04;
    }

  if (*self->category != '\0')
    {
      category_layout = resell_documents_layout_new (cr, self->category, "Sans", PANGO_WEIGHT_NORMAL,
                                                     height * 0.095, text_w, 1);
      pango_layout_get_size (category_layout, NULL, &layout_h);
      /* At the bottom when there is room, under the title otherwise. */
      cairo_move_to (cr, text_x, MAX (y, height - margin - (double) layout_h / PANGO_SCALE));
      pango_cairo_show_layout (cr, category_layout);
    }

  cairo_restore (cr);
  return TRUE;
}

gboolean
resell_label_write_pdf (ResellLabel  *self,
                        const char   *path,
                        GError      **error)
{
  g_autoptr(GByteArray) sink = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_t *cr;
  double width_mm, height_mm, width, height;
  gboolean ok;

  g_return_val_if_fail (RESELL_IS_LABEL (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  resell_label_size_get_mm (self->size, &width_mm, &height_mm);
  width = RESELL_MM_TO_PT (width_mm);
  height = RESELL_MM_TO_PT (height_mm);

  surface = resell_documents_pdf_surface_new (width, height, sink);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, self->sku);
  cr = cairo_create (surface);
  ok = resell_label_draw (self, cr, width, height, error);
  if (ok)
    cairo_show_page (cr);
  cairo_destroy (cr);
  if (ok)
    ok = resell_documents_pdf_save (surface, sink, path, error);
  cairo_surface_destroy (surface);
  return ok;
}

static void
write_pdf_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (resell_label_write_pdf (source_object, task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
resell_label_write_pdf_async (ResellLabel         *self,
                              const char          *path,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (RESELL_IS_LABEL (self));
  g_return_if_fail (path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, resell_label_write_pdf_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, write_pdf_thread);
}

gboolean
resell_label_write_pdf_finish (ResellLabel   *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
