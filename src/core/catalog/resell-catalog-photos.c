/* resell-catalog-photos.c — the photos of the catalog's items: adding,
 * replacing, changing, reordering and removing their rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-catalog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "catalog/resell-catalog-private.h"

/* The columns photo_from_row() reads, in order. */
#define PHOTO_COLUMNS \
  "id, item_id, slot, position, path, original_name, sha256, width, height, " \
  "captured_at, camera_model, checks, added_at, edits "

/* Stored absolute and canonical (as the header promises, and as tools that
 * read catalog.db expect), so that a SKU change can rewrite the prefix. */
static char *
path_to_stored (const char *path)
{
  return g_canonicalize_filename (path, NULL);
}

/* A ResellPhoto from a row of PHOTO_COLUMNS. */
static gpointer
photo_from_row (sqlite3_stmt *stmt)
{
  ResellPhoto *photo = resell_photo_new ();

  resell_photo_set_id (photo, sqlite3_column_int64 (stmt, 0));
  resell_photo_set_item_id (photo, sqlite3_column_int64 (stmt, 1));
  resell_photo_set_slot (photo, resell_catalog_column_text (stmt, 2));
  resell_photo_set_position (photo, sqlite3_column_int (stmt, 3));
  resell_photo_set_path (photo, resell_catalog_column_text (stmt, 4));
  resell_photo_set_original_name (photo, resell_catalog_column_text (stmt, 5));
  resell_photo_set_sha256 (photo, resell_catalog_column_text (stmt, 6));
  resell_photo_set_width (photo, sqlite3_column_int (stmt, 7));
  resell_photo_set_height (photo, sqlite3_column_int (stmt, 8));
  resell_photo_set_captured_at (photo, sqlite3_column_int64 (stmt, 9));
  resell_photo_set_camera_model (photo, resell_catalog_column_text (stmt, 10));
  resell_photo_set_checks (photo, resell_catalog_column_text (stmt, 11));
  resell_photo_set_added_at (photo, sqlite3_column_int64 (stmt, 12));
  resell_photo_set_edits (photo, resell_catalog_column_text (stmt, 13));

  return photo;
}

static gboolean
touch_item (ResellCatalog  *self,
            gint64          id,
            gint64          now,
            GError        **error)
{
  g_autoptr(ResellCatalogStmt) stmt = NULL;

  stmt = resell_catalog_prepare (self, "UPDATE items SET updated_at = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, now);

  return resell_catalog_step_done (self, stmt, error);
}

GPtrArray *
resell_catalog_list_photos (ResellCatalog  *self,
                            gint64          item_id,
                            GError        **error)
{
  g_autoptr(ResellCatalogStmt) stmt = NULL;
  GPtrArray *photos = NULL;

  g_return_val_if_fail (RESELL_IS_CATALOG (self), NULL);

  g_rec_mutex_lock (&self->lock);

  stmt = resell_catalog_prepare (self,
                                 "SELECT " PHOTO_COLUMNS "FROM photos WHERE item_id = ?1 "
                                 "ORDER BY position, id",
                                 error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, item_id);
      photos = resell_catalog_step_rows (self, stmt, photo_from_row, error);
    }

  g_clear_pointer (&stmt, resell_catalog_stmt_release);
  g_rec_mutex_unlock (&self->lock);

  return photos;
}

static void
bind_photo_fields (sqlite3_stmt *stmt,
                   ResellPhoto  *photo,
                   int           position)
{
  /* Parameters 2–13; 1 is the caller's.  The path is stored canonical and
   * handed over to SQLite, which frees it with the bindings. */
  sqlite3_bind_int64 (stmt, 2, resell_photo_get_item_id (photo));
  sqlite3_bind_text (stmt, 3, resell_photo_get_slot (photo), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, position);
  sqlite3_bind_text (stmt, 5, path_to_stored (resell_photo_get_path (photo)), -1, g_free);
  sqlite3_bind_text (stmt, 6, resell_photo_get_original_name (photo), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, resell_photo_get_sha256 (photo), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 8, resell_photo_get_width (photo));
  sqlite3_bind_int (stmt, 9, resell_photo_get_height (photo));
  sqlite3_bind_int64 (stmt, 10, resell_photo_get_captured_at (photo));
  sqlite3_bind_text (stmt, 11, resell_photo_get_camera_model (photo), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 12, resell_photo_get_checks (photo), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 13, resell_photo_get_edits (photo), -1, SQLITE_STATIC);
}

static gboolean
set_photo_constraint_error (ResellCatalog  *self,
                            int             rc,
                            ResellPhoto    *photo,
                            GError        **error)
{
  const char *name = resell_photo_get_original_name (photo);
  g_autofree char *basename = NULL;

  if (name == NULL)
    name = basename = g_path_get_basename (resell_photo_get_path (photo));

  if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
    {
      g_set_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_NOT_FOUND,
                   _("The photo “%s” cannot be added: its item is no longer in the catalog."),
                   name);
      return FALSE;
    }

  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    {
      g_set_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_CONSTRAINT,
                   _("The item already has a photo with the same content as “%s”."),
                   name);
      return FALSE;
    }

  return resell_catalog_sqlite_error (self, rc, error);
}

/* Marks the item @item_id changed at @now: its modification time, and
 * the item-changed event sent when the transaction commits. */
static gboolean
item_changed_locked (ResellCatalog  *self,
                     gint64          item_id,
                     gint64          now,
                     GError        **error)
{
  return touch_item (self, item_id, now, error) &&
         resell_catalog_queue_item_event (self, RESELL_CATALOG_EVENT_CHANGED, item_id, error);
}

/* Inserts @photo at @position, or after the item's last photo when
 * @position is negative. */
static gboolean
insert_photo_locked (ResellCatalog  *self,
                     ResellPhoto    *photo,
                     int             position,
                     gint64          now,
                     gint64         *out_id,
                     int            *out_position,
                     GError        **error)
{
  g_autoptr(ResellCatalogStmt) next = NULL;
  g_autoptr(ResellCatalogStmt) stmt = NULL;
  gint64 item_id = resell_photo_get_item_id (photo);
  int rc;

  if (position < 0)
    {
      next = resell_catalog_prepare (self,
                                     "SELECT coalesce (max (position) + 1, 0) FROM photos WHERE item_id = ?1",
                                     error);
      if (next == NULL)
        return FALSE;

      sqlite3_bind_int64 (next, 1, item_id);
      rc = sqlite3_step (next);
      if (rc != SQLITE_ROW)
        return resell_catalog_sqlite_error (self, rc, error);
      position = sqlite3_column_int (next, 0);
    }

  stmt = resell_catalog_prepare (self,
                                 "INSERT INTO photos (item_id, slot, position, path, original_name, sha256, "
                                 "                    width, height, captured_at, camera_model, checks, edits, "
                                 "                    added_at) "
                                 "VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?1)",
                                 error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, now);
  bind_photo_fields (stmt, photo, position);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return set_photo_constraint_error (self, rc, photo, error);

  *out_id = sqlite3_last_insert_rowid (self->db);
  *out_position = position;

  return item_changed_locked (self, item_id, now, error);
}

/* The old photo is looked up inside the transaction, so a retake racing
 * with a removal of the photo it replaces still ends in one consistent
 * state: replaced, or appended when the old one was already gone. */
static gboolean
replace_photo_locked (ResellCatalog  *self,
                      ResellPhoto    *photo,
                      gint64          old_photo_id,
                      gint64          now,
                      gint64         *out_id,
                      int            *out_position,
                      GError        **error)
{
  g_autoptr(ResellCatalogStmt) old = NULL;
  g_autoptr(ResellCatalogStmt) remove = NULL;
  int position = -1;
  int rc;

  old = resell_catalog_prepare (self, "SELECT position FROM photos WHERE id = ?1 AND item_id = ?2", error);
  if (old == NULL)
    return FALSE;

  sqlite3_bind_int64 (old, 1, old_photo_id);
  sqlite3_bind_int64 (old, 2, resell_photo_get_item_id (photo));
  rc = sqlite3_step (old);
  if (rc == SQLITE_ROW)
    position = sqlite3_column_int (old, 0);
  else if (rc != SQLITE_DONE)
    return resell_catalog_sqlite_error (self, rc, error);
  g_clear_pointer (&old, resell_catalog_stmt_release);

  /* The old row goes first so that the one item-changed event, queued by
   * the insert, carries the item as it ends up.  Both happen in one
   * transaction: should the insert fail, the old photo is still there. */
  if (position >= 0)
    {
      remove = resell_catalog_prepare (self, "DELETE FROM photos WHERE id = ?1", error);
      if (remove == NULL)
        return FALSE;

      sqlite3_bind_int64 (remove, 1, old_photo_id);
      if (!resell_catalog_step_done (self, remove, error))
        return FALSE;
    }

  return insert_photo_locked (self, photo, position, now, out_id, out_position, error);
}

/* Adds @photo in a transaction of its own, in the place of the photo
 * @old_photo_id when that is not 0, and once committed gives @photo its
 * id, position and time added. */
static gboolean
add_photo (ResellCatalog  *self,
           ResellPhoto    *photo,
           gint64          old_photo_id,
           GError        **error)
{
  gint64 now = resell_catalog_now_usec ();
  gint64 id = 0;
  int position = 0;
  gboolean done;
  guint mark;

  if (!resell_catalog_txn_begin (self, &mark, error))
    return FALSE;

  if (old_photo_id != 0)
    done = replace_photo_locked (self, photo, old_photo_id, now, &id, &position, error);
  else
    done = insert_photo_locked (self, photo, -1, now, &id, &position, error);

  if (!resell_catalog_txn_end (self, mark, done, error))
    return FALSE;

  g_object_freeze_notify (G_OBJECT (photo));
  resell_photo_set_id (photo, id);
  resell_photo_set_position (photo, position);
  resell_photo_set_added_at (photo, now);
  g_object_thaw_notify (G_OBJECT (photo));

  return TRUE;
}

gboolean
resell_catalog_insert_photo (ResellCatalog  *self,
                             ResellPhoto    *photo,
                             GError        **error)
{
  g_return_val_if_fail (RESELL_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (RESELL_IS_PHOTO (photo), FALSE);
  g_return_val_if_fail (resell_photo_get_id (photo) == 0, FALSE);
  g_return_val_if_fail (resell_photo_get_item_id (photo) > 0, FALSE);
  g_return_val_if_fail (resell_photo_get_path (photo) != NULL, FALSE);
  g_return_val_if_fail (resell_photo_get_sha256 (photo) != NULL, FALSE);

  return add_photo (self, photo, 0, error);
}

gboolean
resell_catalog_replace_photo (ResellCatalog  *self,
                              ResellPhoto    *photo,
                              gint64          old_photo_id,
                              GError        **error)
{
  g_return_val_if_fail (RESELL_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (RESELL_IS_PHOTO (photo), FALSE);
  g_return_val_if_fail (resell_photo_get_id (photo) == 0, FALSE);
  g_return_val_if_fail (resell_photo_get_item_id (photo) > 0, FALSE);
  g_return_val_if_fail (resell_photo_get_path (photo) != NULL, FALSE);
  g_return_val_if_fail (resell_photo_get_sha256 (photo) != NULL, FALSE);
  g_return_val_if_fail (old_photo_id > 0, FALSE);

  return add_photo (self, photo, old_photo_id, error);
}

/* Returns the item the photo belonged to before the change, or 0 with
 * NOT_FOUND. */
static gint64
photo_item_id (ResellCatalog  *self,
               gint64          photo_id,
               GError        **error)
{
  g_autoptr(ResellCatalogStmt) stmt = NULL;
  int rc;

  stmt = resell_catalog_prepare (self, "SELECT item_id FROM photos WHERE id = ?1", error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, photo_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);

  if (rc == SQLITE_DONE)
    g_set_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_NOT_FOUND,
                 _("The photo is no longer in the catalog."));
  else
    resell_catalog_sqlite_error (self, rc, error);

  return 0;
}

static gboolean
update_photo_locked (ResellCatalog  *self,
                     ResellPhoto    *photo,
                     gint64          now,
                     GError        **error)
{
  g_autoptr(ResellCatalogStmt) stmt = NULL;
  gint64 item_id = resell_photo_get_item_id (photo);
  gint64 old_item_id;
  int rc;

  old_item_id = photo_item_id (self, resell_photo_get_id (photo), error);
  if (old_item_id == 0)
    return FALSE;

  stmt = resell_catalog_prepare (self,
                                 "UPDATE photos SET item_id = ?2, slot = ?3, position = ?4, path = ?5, "
                                 "  original_name = ?6, sha256 = ?7, width = ?8, height = ?9, "
                                 "  captured_at = ?10, camera_model = ?11, checks = ?12, edits = ?13 "
                                 "WHERE id = ?1",
                                 error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, resell_photo_get_id (photo));
  bind_photo_fields (stmt, photo, resell_photo_get_position (photo));

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return set_photo_constraint_error (self, rc, photo, error);

  if (!item_changed_locked (self, item_id, now, error))
    return FALSE;

  if (old_item_id != item_id && !item_changed_locked (self, old_item_id, now, error))
    return FALSE;

  return TRUE;
}

gboolean
resell_catalog_update_photo (ResellCatalog  *self,
                             ResellPhoto    *photo,
                             GError        **error)
{
  guint mark;

  g_return_val_if_fail (RESELL_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (RESELL_IS_PHOTO (photo), FALSE);
  g_return_val_if_fail (resell_photo_get_id (photo) > 0, FALSE);
  g_return_val_if_fail (resell_photo_get_item_id (photo) > 0, FALSE);
  g_return_val_if_fail (resell_photo_get_path (photo) != NULL, FALSE);
  g_return_val_if_fail (resell_photo_get_sha256 (photo) != NULL, FALSE);

  if (!resell_catalog_txn_begin (self, &mark, error))
    return FALSE;

  return resell_catalog_txn_end (self, mark, update_photo_locked (self, photo, resell_catalog_now_usec (), error), error);
}

/* Reads the item's order inside the transaction, so a move racing with an
 * insert or a removal renumbers what is there when it runs. */
static gboolean
move_photo_locked (ResellCatalog  *self,
                   gint64          photo_id,
                   int             new_index,
                   GError        **error)
{
  g_autoptr(ResellCatalogStmt) list = NULL;
  g_autoptr(ResellCatalogStmt) update = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 item_id;
  guint from = 0;
  int rc;

  item_id = photo_item_id (self, photo_id, error);
  if (item_id == 0)
    return FALSE;

  list = resell_catalog_prepare (self, "SELECT id FROM photos WHERE item_id = ?1 ORDER BY position, id", error);
  if (list == NULL)
    return FALSE;

  sqlite3_bind_int64 (list, 1, item_id);
  while ((rc = sqlite3_step (list)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (list, 0);

      if (id == photo_id)
        from = ids->len;
      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    return resell_catalog_sqlite_error (self, rc, error);
  g_clear_pointer (&list, resell_catalog_stmt_release);

  g_assert (ids->len > 0);
  new_index = CLAMP (new_index, 0, (int) ids->len - 1);
  g_array_remove_index (ids, from);
  g_array_insert_val (ids, new_index, photo_id);

  /* Only the rows whose position changes are written. */
  update = resell_catalog_prepare (self, "UPDATE photos SET position = ?2 WHERE id = ?1 AND position IS NOT ?2", error);
  if (update == NULL)
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_reset (update);
      sqlite3_bind_int64 (update, 1, g_array_index (ids, gint64, i));
      sqlite3_bind_int (update, 2, (int) i);
      if (!resell_catalog_step_done (self, update, error))
        return FALSE;
    }

  return item_changed_locked (self, item_id, resell_catalog_now_usec (), error);
}

gboolean
resell_catalog_move_photo (ResellCatalog  *self,
                           gint64          photo_id,
                           int             new_index,
                           GError        **error)
{
  guint mark;

  g_return_val_if_fail (RESELL_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (photo_id > 0, FALSE);

  if (!resell_catalog_txn_begin (self, &mark, error))
    return FALSE;

  return resell_catalog_txn_end (self, mark, move_photo_locked (self, photo_id, new_index, error), error);
}

static gboolean
remove_photo_locked (ResellCatalog  *self,
                     gint64          photo_id,
                     GError        **error)
{
  g_autoptr(ResellCatalogStmt) stmt = NULL;
  gint64 item_id;

  item_id = photo_item_id (self, photo_id, error);
  if (item_id == 0)
    return FALSE;

  stmt = resell_catalog_prepare (self, "DELETE FROM photos WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, photo_id);

  if (!resell_catalog_step_done (self, stmt, error))
    return FALSE;

  /* Its flaws went with it (and a close-up it was came unlinked). */
  resell_catalog_queue_event (self, RESELL_CATALOG_EVENT_FLAWS_CHANGED, item_id, NULL);

  return item_changed_locked (self, item_id, resell_catalog_now_usec (), error);
}

gboolean
resell_catalog_remove_photo (ResellCatalog  *self,
                             gint64          photo_id,
                             GError        **error)
{
  guint mark;

  g_return_val_if_fail (RESELL_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (photo_id > 0, FALSE);

  if (!resell_catalog_txn_begin (self, &mark, error))
    return FALSE;

  return resell_catalog_txn_end (self, mark, remove_photo_locked (self, photo_id, error), error);
}

ResellPhoto *
resell_catalog_find_photo_by_sha256 (ResellCatalog  *self,
                                     gint64          item_id,
                                     const char     *sha256,
                                     GError        **error)
{
  g_autoptr(ResellCatalogStmt) stmt = NULL;
  ResellPhoto *photo = NULL;
  int rc;

  g_return_val_if_fail (RESELL_IS_CATALOG (self), NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);

  g_rec_mutex_lock (&self->lock);

  stmt = resell_catalog_prepare (self,
                                 "SELECT " PHOTO_COLUMNS "FROM photos WHERE item_id = ?1 AND sha256 = ?2",
                                 error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, item_id);
      sqlite3_bind_text (stmt, 2, sha256, -1, SQLITE_STATIC);

      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        photo = photo_from_row (stmt);
      else if (rc != SQLITE_DONE)
        resell_catalog_sqlite_error (self, rc, error);
    }

  g_clear_pointer (&stmt, resell_catalog_stmt_release);
  g_rec_mutex_unlock (&self->lock);

  return photo;
}
