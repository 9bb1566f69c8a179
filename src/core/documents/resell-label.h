/* resell-label.h — an item's SKU label: QR code, SKU, title, category
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "catalog/resell-item.h"
#include "categories/resell-category.h"

G_BEGIN_DECLS

/* The label sizes offered: the common continuous-roll widths of label
 * printers (Brother QL 62 mm, Dymo/Zebra 57 mm). */
typedef enum
{
  RESELL_LABEL_SIZE_62X29,
  RESELL_LABEL_SIZE_57X32,
} ResellLabelSize;

#define RESELL_TYPE_LABEL_SIZE (resell_label_size_get_type ())
GType        resell_label_size_get_type    (void) G_GNUC_CONST;
/* "62x29", "57x32" */
const char  *resell_label_size_to_string   (ResellLabelSize  size);
gboolean     resell_label_size_from_string (const char      *str,
                                            ResellLabelSize *size);
void         resell_label_size_get_mm      (ResellLabelSize  size,
                                            double          *width_mm,
                                            double          *height_mm);

#define RESELL_TYPE_LABEL (resell_label_get_type ())
G_DECLARE_FINAL_TYPE (ResellLabel, resell_label, RESELL, LABEL, GObject)

/* Properties:
 *   "sku"       string   the SKU, encoded in the QR code and printed
 *   "title"     string   the item's title for lists (may be "")
 *   "category"  string   the category's name (may be "")
 *   "size"      ResellLabelSize   default 62 × 29 mm
 */
ResellLabel     *resell_label_new           (const char      *sku,
                                             const char      *title,
                                             const char      *category);
/* The item's SKU, display title and @category's name (@category may be NULL:
 * the category id is printed). */
ResellLabel     *resell_label_new_for_item  (ResellItem      *item,
                                             ResellCategory  *category);
const char      *resell_label_get_sku       (ResellLabel     *self);
const char      *resell_label_get_title     (ResellLabel     *self);
const char      *resell_label_get_category  (ResellLabel     *self);
ResellLabelSize  resell_label_get_size      (ResellLabel     *self);
void             resell_label_set_size      (ResellLabel     *self,
                                             ResellLabelSize  size);

/* Draws the label into the rectangle (0, 0, @width, @height) of @cr's user
 * space, whatever its units (points in a PDF, a print context's units):
 * the QR code on the left at full height, then the SKU, the title (two
 * lines at most, ellipsized) and the category.  Black on white only, for
 * thermal printers.  FALSE with @error when the SKU cannot be encoded. */
gboolean         resell_label_draw          (ResellLabel     *self,
                                             cairo_t         *cr,
                                             double           width,
                                             double           height,
                                             GError         **error);

/* The label as a one-page PDF of the label's size, written atomically. */
gboolean         resell_label_write_pdf     (ResellLabel     *self,
                                             const char      *path,
                                             GError         **error);
void             resell_label_write_pdf_async  (ResellLabel         *self,
                                                const char          *path,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean         resell_label_write_pdf_finish (ResellLabel         *self,
                                                GAsyncResult        *result,
                                                GError             **error);

G_END_DECLS
