/* resell-catalog.h — the item catalog: SQLite (WAL, foreign keys, versioned
 * migrations) plus a folder of originals per item.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "catalog/resell-item.h"
#include "catalog/resell-photo.h"

G_BEGIN_DECLS

#define RESELL_CATALOG_ERROR (resell_catalog_error_quark ())
typedef enum
{
  RESELL_CATALOG_ERROR_FAILED,
  RESELL_CATALOG_ERROR_NOT_FOUND,
  RESELL_CATALOG_ERROR_CORRUPT,      /* the database file is damaged */
  RESELL_CATALOG_ERROR_TOO_NEW,      /* written by a newer Resell */
  RESELL_CATALOG_ERROR_BUSY,         /* locked by another writer for too long */
  RESELL_CATALOG_ERROR_CONSTRAINT,   /* e.g. duplicate SKU */
} ResellCatalogError;
GQuark resell_catalog_error_quark (void);

/* The schema version this build writes. */
#define RESELL_CATALOG_SCHEMA_VERSION 7

#define RESELL_TYPE_CATALOG (resell_catalog_get_type ())
G_DECLARE_FINAL_TYPE (ResellCatalog, resell_catalog, RESELL, CATALOG, GObject)

/* Properties:
 *   "data-dir"    string, construct-only: holds catalog.db and items/<SKU>/
 *   "sku-prefix"  string, default "RS": generated SKUs look like RS-261123-007
 *
 * Signals, always emitted on the GMainContext that was thread-default when the
 * catalog was opened (so a UI can listen even when a worker thread wrote):
 *   "item-added"    (ResellItem *item)      a copy of the stored item
 *   "item-changed"  (ResellItem *item)      a copy of the stored item (also after photo changes)
 *   "item-removed"  (gint64 id)             trashed or purged
 *   "flaws-changed" (gint64 item_id)        its flaws changed (catalog/resell-catalog-flaws.h)
 *
 * Every method is thread-safe (one serialized SQLite connection); the catalog
 * may be opened by several processes at once (WAL: readers never wait for the writer).
 */

/* Default data dir: $RESELL_DATA_DIR if set, else $XDG_DATA_HOME/resell. */
char          *resell_catalog_dup_default_data_dir (void);

/* Creates the directory, opens or creates catalog.db and migrates it. */
ResellCatalog *resell_catalog_open              (const char     *data_dir,
                                                 GError        **error);
void           resell_catalog_open_async        (const char          *data_dir,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
ResellCatalog *resell_catalog_open_finish       (GAsyncResult   *result,
                                                 GError        **error);

const char    *resell_catalog_get_data_dir      (ResellCatalog  *self);
const char    *resell_catalog_get_sku_prefix    (ResellCatalog  *self);
void           resell_catalog_set_sku_prefix    (ResellCatalog  *self,
                                                 const char     *prefix);
int            resell_catalog_get_schema_version (ResellCatalog *self);

/* <data-dir>/items/<sku>/originals, created on demand. */
char          *resell_catalog_dup_originals_dir (ResellCatalog  *self,
                                                 const char     *sku,
                                                 GError        **error);

/* Inserts @item (id must be 0).  Generates the SKU if empty, sets id,
 * created-at and updated-at on @item.  */
gboolean       resell_catalog_insert_item       (ResellCatalog  *self,
                                                 ResellItem     *item,
                                                 GError        **error);
/* Writes every field of @item (matched by id); bumps updated-at on @item. */
gboolean       resell_catalog_update_item       (ResellCatalog  *self,
                                                 ResellItem     *item,
                                                 GError        **error);
/* Moves an item to the trash: hidden from lists, files kept, restorable. */
gboolean       resell_catalog_trash_item        (ResellCatalog  *self,
                                                 gint64          id,
                                                 GError        **error);
gboolean       resell_catalog_restore_item      (ResellCatalog  *self,
                                                 gint64          id,
                                                 GError        **error);
/* Deletes for good the items trashed before @before_usec, with their folders. */
gboolean       resell_catalog_purge_trash       (ResellCatalog  *self,
                                                 gint64          before_usec,
                                                 guint          *n_purged,
                                                 GError        **error);

/* By id: finds items in the trash too (e.g. to restore one). */
ResellItem    *resell_catalog_lookup_item       (ResellCatalog  *self,
                                                 gint64          id,
                                                 GError        **error);
/* By SKU: only items not in the trash.  NOT_FOUND for an unknown SKU and for
 * one whose item is in the trash (saying so). */
ResellItem    *resell_catalog_lookup_item_by_sku (ResellCatalog *self,
                                                 const char     *sku,
                                                 GError        **error);
/* Items not in the trash, newest update first.  Element type ResellItem. */
GPtrArray     *resell_catalog_list_items        (ResellCatalog  *self,
                                                 GError        **error);
guint          resell_catalog_count_items       (ResellCatalog  *self,
                                                 GError        **error);

/* Photos of an item ordered by position.  Element type ResellPhoto. */
GPtrArray     *resell_catalog_list_photos       (ResellCatalog  *self,
                                                 gint64          item_id,
                                                 GError        **error);
/* Inserts @photo (item-id, path and sha256 required); sets id, position
 * (appended) and added-at.  Emits item-changed for its item. */
gboolean       resell_catalog_insert_photo      (ResellCatalog  *self,
                                                 ResellPhoto    *photo,
                                                 GError        **error);
gboolean       resell_catalog_update_photo      (ResellCatalog  *self,
                                                 ResellPhoto    *photo,
                                                 GError        **error);
/* Inserts @photo in place of photo @old_photo_id of the same item, in one
 * transaction: @photo takes the old one's position and the old row is
 * removed (its original file is kept on disk).  When the old photo is no
 * longer in the item, @photo is appended, as by insert_photo.  Sets id,
 * position and added-at on @photo; emits item-changed once. */
gboolean       resell_catalog_replace_photo     (ResellCatalog  *self,
                                                 ResellPhoto    *photo,
                                                 gint64          old_photo_id,
                                                 GError        **error);
/* Moves photo @photo_id to @new_index in its item's order (position, then
 * id; clamped to the item's photos) and renumbers the item's photos 0, 1, …
 * in that order, all in one transaction: equal or gapped positions left by
 * older imports come out distinct.  NOT_FOUND when the photo is gone.
 * Emits item-changed once, as the other photo changes do. */
gboolean       resell_catalog_move_photo        (ResellCatalog  *self,
                                                 gint64          photo_id,
                                                 int             new_index,
                                                 GError        **error);
/* Removes the row; the original file is kept on disk. */
gboolean       resell_catalog_remove_photo      (ResellCatalog  *self,
                                                 gint64          photo_id,
                                                 GError        **error);
/* The photo of @item_id with that sha256, or NULL (no error) when none. */
ResellPhoto   *resell_catalog_find_photo_by_sha256 (ResellCatalog *self,
                                                 gint64          item_id,
                                                 const char     *sha256,
                                                 GError        **error);

G_END_DECLS
