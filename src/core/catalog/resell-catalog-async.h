/* resell-catalog-async.h — the catalog's writes and reads that a window
 * makes, off the calling thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "catalog/resell-catalog.h"
#include "catalog/resell-catalog-flaws.h"

G_BEGIN_DECLS

/* Each runs the synchronous method of the same name on the catalog's one
 * worker, in the order they were called: the
 * catalog may wait for another writer (the command-line tool, an import)
 * and for the disk.  Callbacks run on the thread-default main context of
 * the caller.  A cancelled @cancellable makes _finish() fail with
 * G_IO_ERROR_CANCELLED even when the work itself was done. */

/* Inserts a copy of @item as it is now (id must be 0); _finish() returns
 * that copy as stored, with its id, SKU and times. */
void         resell_catalog_insert_item_async   (ResellCatalog        *self,
                                                 ResellItem           *item,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
ResellItem  *resell_catalog_insert_item_finish  (ResellCatalog        *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

void         resell_catalog_trash_item_async    (ResellCatalog        *self,
                                                 gint64                id,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean     resell_catalog_trash_item_finish   (ResellCatalog        *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

void         resell_catalog_restore_item_async  (ResellCatalog        *self,
                                                 gint64                id,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean     resell_catalog_restore_item_finish (ResellCatalog        *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

/* @n_purged may be NULL. */
void         resell_catalog_purge_trash_async   (ResellCatalog        *self,
                                                 gint64                before_usec,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean     resell_catalog_purge_trash_finish  (ResellCatalog        *self,
                                                 GAsyncResult         *result,
                                                 guint                *n_purged,
                                                 GError              **error);

/* Element type ResellPhoto, ordered by position. */
void         resell_catalog_list_photos_async   (ResellCatalog        *self,
                                                 gint64                item_id,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
GPtrArray   *resell_catalog_list_photos_finish  (ResellCatalog        *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

/* Writes a copy of @photo as it is now (matched by id): the caller may go
 * on changing its own object. */
void         resell_catalog_update_photo_async  (ResellCatalog        *self,
                                                 ResellPhoto          *photo,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean     resell_catalog_update_photo_finish (ResellCatalog        *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

void         resell_catalog_remove_photo_async  (ResellCatalog        *self,
                                                 gint64                photo_id,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean     resell_catalog_remove_photo_finish (ResellCatalog        *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

void         resell_catalog_move_photo_async    (ResellCatalog        *self,
                                                 gint64                photo_id,
                                                 int                   new_index,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean     resell_catalog_move_photo_finish   (ResellCatalog        *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

/* Flaws (catalog/resell-catalog-flaws.h).  Element type ResellFlaw. */
void         resell_catalog_list_flaws_async    (ResellCatalog        *self,
                                                 gint64                item_id,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
GPtrArray   *resell_catalog_list_flaws_finish   (ResellCatalog        *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

/* Stores a copy of @flaw as it is now (id must be 0); _finish() returns
 * that copy as stored, with its id and times. */
void         resell_catalog_add_flaw_async      (ResellCatalog        *self,
                                                 ResellFlaw           *flaw,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
ResellFlaw  *resell_catalog_add_flaw_finish     (ResellCatalog        *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

/* Writes a copy of @flaw as it is now (matched by id). */
void         resell_catalog_update_flaw_async   (ResellCatalog        *self,
                                                 ResellFlaw           *flaw,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean     resell_catalog_update_flaw_finish  (ResellCatalog        *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

void         resell_catalog_remove_flaw_async   (ResellCatalog        *self,
                                                 gint64                flaw_id,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean     resell_catalog_remove_flaw_finish  (ResellCatalog        *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

G_END_DECLS
