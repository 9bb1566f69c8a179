/* resell-qr-scan.h — finding Resell SKU labels in photos (zbar)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "catalog/resell-catalog.h"
#include "catalog/resell-item.h"

G_BEGIN_DECLS

/* Every QR code's text found in the picture at @path, in the order zbar
 * reports them (an empty array when there is none).  The picture is
 * decoded small and grey first, which is fast and finds a label that
 * fills a fair part of the frame; only when nothing is found is it decoded
 * again at full resolution, for a small label in a large photo.  Errors:
 * the picture cannot be read.  Thread-safe; meant for a worker thread. */
GStrv       resell_qr_scan_codes    (const char    *path,
                                     GCancellable  *cancellable,
                                     GError       **error);

/* The SKU of an item of @catalog (not in the trash) whose label is in the
 * picture at @path, or NULL without an error when there is none.  @item,
 * when given, receives that item.  A code that is not an item's SKU (a
 * shop's own QR codes, a product's) is passed over. */
char       *resell_qr_scan_file     (const char    *path,
                                     ResellCatalog *catalog,
                                     ResellItem   **item,
                                     GCancellable  *cancellable,
                                     GError       **error);

/* The same in a GTask thread, for the studio: its first photo of a new
 * shoot is scanned off the UI thread.  finish() returns the SKU (or NULL
 * without an error) and the item through @item. */
void        resell_qr_scan_file_async  (const char          *path,
                                        ResellCatalog       *catalog,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
char       *resell_qr_scan_file_finish (GAsyncResult        *result,
                                        ResellItem         **item,
                                        GError             **error);

G_END_DECLS
