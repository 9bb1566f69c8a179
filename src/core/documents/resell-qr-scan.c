/* resell-qr-scan.c — finding Resell SKU labels in photos (zbar)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-documents"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <vips/vips.h>
#include <zbar.h>

#include "documents/resell-qr-scan.h"
#include "imaging/resell-image-probe-private.h"

/* The long edge of the first, quick pass.  A 62 mm label in a photo of a
 * whole handbag is about a tenth of the frame: its QR code's modules are
 * still two to three pixels wide at this size, which zbar reads. */
#define QUICK_LONG_EDGE 1600

static void
set_vips_error (GError     **error,
                const char  *path)
{
  g_autofree char *name = g_filename_display_basename (path);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("Could not read the picture “%s” to look for a label: %s"),
               name, vips_error_buffer ());
  vips_error_clear ();
}

/* One band of 8-bit grey, upright: what zbar's Y800 format wants. */
static VipsImage *
decode_grey (const char  *path,
             int          long_edge,
             GError     **error)
{
  g_autoptr(VipsImage) image = NULL;
  g_autoptr(VipsImage) grey = NULL;
  g_autoptr(VipsImage) band = NULL;
  VipsImage *out = NULL;

  if (long_edge > 0)
    {
      /* Shrink-on-load: a JPEG is decoded at 1/2, 1/4, 1/8 size directly. */
      if (vips_thumbnail (path, &image, long_edge,
                          "height", long_edge,
                          "size", VIPS_SIZE_DOWN,
                          NULL) != 0)
        {
          set_vips_error (error, path);
          return NULL;
        }
    }
  else
    {
      g_autoptr(VipsImage) loaded = vips_image_new_from_file (path,
                                                              "access", VIPS_ACCESS_SEQUENTIAL,
                                                              NULL);
      if (loaded == NULL || vips_autorot (loaded, &image, NULL) != 0)
        {
          set_vips_error (error, path);
          return NULL;
        }
    }

  if (vips_colourspace (image, &grey, VIPS_INTERPRETATION_B_W, NULL) != 0 ||
      vips_extract_band (grey, &band, 0, NULL) != 0 ||
      vips_cast_uchar (band, &out, NULL) != 0)
    {
      set_vips_error (error, path);
      return NULL;
    }
  return out;
}

static void
scan_image (VipsImage *grey,
            GPtrArray *codes)
{
  zbar_image_scanner_t *scanner;
  zbar_image_t *zimage;
  const zbar_symbol_t *symbol;
  void *pixels;
  size_t size;

  /* A copy in memory: zbar reads the whole frame. */
  pixels = vips_image_write_to_memory (grey, &size);
  if (pixels == NULL)
    {
      vips_error_clear ();
      return;
    }

  scanner = zbar_image_scanner_create ();
  /* Only QR codes: a product's own barcodes are not labels. */
  zbar_image_scanner_set_config (scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
  zbar_image_scanner_set_config (scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);

  zimage = zbar_image_create ();
  zbar_image_set_format (zimage, zbar_fourcc ('Y', '8', '0', '0'));
  zbar_image_set_size (zimage, vips_image_get_width (grey), vips_image_get_height (grey));
  zbar_image_set_data (zimage, pixels, size, NULL);

  if (zbar_scan_image (scanner, zimage) > 0)
    {
      for (symbol = zbar_image_first_symbol (zimage); symbol != NULL; symbol = zbar_symbol_next (symbol))
        {
          const char *data = zbar_symbol_get_data (symbol);

          if (data != NULL && g_utf8_validate (data, -1, NULL))
            g_ptr_array_add (codes, g_strdup (data));
        }
    }

  zbar_image_destroy (zimage);
  zbar_image_scanner_destroy (scanner);
  g_free (pixels);
}

GStrv
resell_qr_scan_codes (const char    *path,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(VipsImage) quick = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  quick = decode_grey (path, QUICK_LONG_EDGE, error);
  if (quick == NULL)
    return NULL;
  scan_image (quick, codes);

  if (codes->len == 0 &&
      MAX (vips_image_get_width (quick), vips_image_get_height (quick)) >= QUICK_LONG_EDGE)
    {
      g_autoptr(VipsImage) full = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      full = decode_grey (path, 0, error);
      if (full == NULL)
        return NULL;
      scan_image (full, codes);
    }

  g_ptr_array_add (codes, NULL);
  return (GStrv) g_ptr_array_steal (codes, NULL);
}

char *
resell_qr_scan_file (const char    *path,
                     ResellCatalog *catalog,
                     ResellItem   **item,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_auto(GStrv) codes = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (RESELL_IS_CATALOG (catalog), NULL);

  if (item != NULL)
    *item = NULL;

  codes = resell_qr_scan_codes (path, cancellable, error);
  if (codes == NULL)
    return NULL;

  for (guint i = 0; codes[i] != NULL; i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(ResellItem) found = NULL;
      g_autofree char *sku = g_strstrip (g_strdup (codes[i]));

      if (*sku == '\0')
        continue;
      found = resell_catalog_lookup_item_by_sku (catalog, sku, &local_error);
      if (found == NULL &&
          !g_error_matches (local_error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (found == NULL)
        {
          g_debug ("QR code “%s” in %s is no item’s SKU: %s", sku, path, local_error->message);
          continue;
        }
      if (item != NULL)
        *item = g_steal_pointer (&found);
      return g_steal_pointer (&sku);
    }

  return NULL;
}

typedef struct
{
  char *path;
  ResellItem *item;   /* the result's */
} ScanData;

static void
scan_data_free (ScanData *data)
{
  g_free (data->path);
  g_clear_object (&data->item);
  g_free (data);
}

static void
scan_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ScanData *data = task_data;
  GError *error = NULL;
  char *sku;

  sku = resell_qr_scan_file (data->path, RESELL_CATALOG (source_object), &data->item, cancellable, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, sku, g_free);
}

void
resell_qr_scan_file_async (const char          *path,
                           ResellCatalog       *catalog,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ScanData *data;

  g_return_if_fail (path != NULL);
  g_return_if_fail (RESELL_IS_CATALOG (catalog));

  data = g_new0 (ScanData, 1);
  data->path = g_strdup (path);

  /* The catalog is the source object: it is thread-safe, and kept alive
   * for the scan. */
  task = g_task_new (catalog, cancellable, callback, user_data);
  g_task_set_source_tag (task, resell_qr_scan_file_async);
  g_task_set_task_data (task, data, (GDestroyNotify) scan_data_free);
  g_task_run_in_thread (task, scan_thread);
}

char *
resell_qr_scan_file_finish (GAsyncResult  *result,
                            ResellItem   **item,
                            GError       **error)
{
  ScanData *data;
  char *sku;

  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == resell_qr_scan_file_async, NULL);

  if (item != NULL)
    *item = NULL;
  sku = g_task_propagate_pointer (G_TASK (result), error);
  data = g_task_get_task_data (G_TASK (result));
  if (sku != NULL && item != NULL)
    *item = g_steal_pointer (&data->item);
  return sku;
}
