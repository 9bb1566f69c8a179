/* resell-catalog-trash.c — items put in the trash, restored from it, and
 * purged with their folders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-catalog"

#include "config.h"

#include "catalog/resell-catalog-private.h"
#include "storage/resell-storage.h"

/* Sets or clears trashed_at.  Trashing what is already in the trash, or
 * restoring what is not, succeeds quietly so that undo can be repeated. */
static gboolean
set_trashed_locked (ResellCatalog  *self,
                    gint64          id,
                    gboolean        trash,
                    GError        **error)
{
  g_autoptr(ResellCatalogStmt) stmt = NULL;

  stmt = resell_catalog_prepare (self,
                                 trash
                                 ? "UPDATE items SET trashed_at = ?2 WHERE id = ?1 AND trashed_at IS NULL"
                                 : "UPDATE items SET trashed_at = NULL WHERE id = ?1 AND trashed_at IS NOT NULL",
                                 error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  if (trash)
    sqlite3_bind_int64 (stmt, 2, resell_catalog_now_usec ());

  if (!resell_catalog_step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    {
      /* Nothing changed: fine, unless there is no such item at all. */
      g_autoptr(ResellItem) item = resell_catalog_read_item (self, id, NULL, error);

      return item != NULL;
    }

  if (trash)
    {
      resell_catalog_queue_event (self, RESELL_CATALOG_EVENT_REMOVED, id, NULL);
      return TRUE;
    }

  return resell_catalog_queue_item_event (self, RESELL_CATALOG_EVENT_ADDED, id, error);
}

static gboolean
set_trashed (ResellCatalog  *self,
             gint64          id,
             gboolean        trash,
             GError        **error)
{
  guint mark;

  g_return_val_if_fail (RESELL_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (id > 0, FALSE);

  if (!resell_catalog_txn_begin (self, &mark, error))
    return FALSE;

  return resell_catalog_txn_end (self, mark, set_trashed_locked (self, id, trash, error), error);
}

gboolean
resell_catalog_trash_item (ResellCatalog  *self,
                           gint64          id,
                           GError        **error)
{
  return set_trashed (self, id, TRUE, error);
}

gboolean
resell_catalog_restore_item (ResellCatalog  *self,
                             gint64          id,
                             GError        **error)
{
  return set_trashed (self, id, FALSE, error);
}

static gboolean
purge_locked (ResellCatalog  *self,
              gint64          before_usec,
              GPtrArray      *skus,
              GError        **error)
{
  g_autoptr(ResellCatalogStmt) select = NULL;
  g_autoptr(ResellCatalogStmt) delete = NULL;
  int rc;

  select = resell_catalog_prepare (self,
                                   "SELECT id, sku FROM items "
                                   "WHERE trashed_at IS NOT NULL AND trashed_at < ?1",
                                   error);
  delete = resell_catalog_prepare (self,
                                   "DELETE FROM items WHERE trashed_at IS NOT NULL AND trashed_at < ?1",
                                   error);
  if (select == NULL || delete == NULL)
    return FALSE;

  sqlite3_bind_int64 (select, 1, before_usec);
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      resell_catalog_queue_event (self, RESELL_CATALOG_EVENT_REMOVED, sqlite3_column_int64 (select, 0), NULL);
      g_ptr_array_add (skus, g_strdup (resell_catalog_column_text (select, 1)));
    }
  if (rc != SQLITE_DONE)
    return resell_catalog_sqlite_error (self, rc, error);

  /* Photos go with their items (ON DELETE CASCADE). */
  sqlite3_bind_int64 (delete, 1, before_usec);

  return resell_catalog_step_done (self, delete, error);
}

gboolean
resell_catalog_purge_trash (ResellCatalog  *self,
                            gint64          before_usec,
                            guint          *n_purged,
                            GError        **error)
{
  g_autoptr(GPtrArray) skus = g_ptr_array_new_with_free_func (g_free);
  guint mark;

  g_return_val_if_fail (RESELL_IS_CATALOG (self), FALSE);

  if (n_purged != NULL)
    *n_purged = 0;

  if (!resell_catalog_txn_begin (self, &mark, error))
    return FALSE;

  if (!resell_catalog_txn_end (self, mark, purge_locked (self, before_usec, skus, error), error))
    return FALSE;

  /* The rows are gone for good; files that refuse to go are left behind
   * rather than failing a purge that has already happened. */
  for (guint i = 0; i < skus->len; i++)
    {
      const char *sku = g_ptr_array_index (skus, i);
      g_autofree char *dir = NULL;
      g_autoptr(GError) local_error = NULL;

      if (!resell_catalog_sku_is_valid (sku))
        continue;

      dir = resell_catalog_dup_item_dir (self, sku);
      if (!resell_storage_remove_tree (dir, &local_error))
        g_warning ("Purged item %s keeps its folder: %s", sku, local_error->message);
    }

  if (n_purged != NULL)
    *n_purged = skus->len;

  return TRUE;
}
