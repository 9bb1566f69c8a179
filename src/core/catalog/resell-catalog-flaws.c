/* resell-catalog-flaws.c — flaws marked on an item's photos
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-catalog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "catalog/resell-catalog-flaws.h"
#include "catalog/resell-catalog-private.h"

/* The columns flaw_from_row() reads, in order. */
#define FLAW_COLUMNS \
  "f.id, f.item_id, f.photo_id, f.type_id, f.severity, f.zone_id, f.shape, " \
  "f.x, f.y, f.width, f.height, f.note, f.detail_photo_id, f.created_at, f.updated_at "

static gpointer
flaw_from_row (sqlite3_stmt *stmt)
{
  ResellFlaw *flaw = resell_flaw_new ();
  ResellFlawSeverity severity = RESELL_FLAW_SEVERITY_MINOR;
  ResellFlawShape shape = RESELL_FLAW_SHAPE_POINT;

  /* The table's CHECKs keep the ids known; a newer Resell's would have
   * bumped the schema version, which this build refuses to open. */
  resell_flaw_severity_from_string (resell_catalog_column_text (stmt, 4), &severity);
  resell_flaw_shape_from_string (resell_catalog_column_text (stmt, 6), &shape);

  resell_flaw_set_id (flaw, sqlite3_column_int64 (stmt, 0));
  resell_flaw_set_item_id (flaw, sqlite3_column_int64 (stmt, 1));
  resell_flaw_set_photo_id (flaw, sqlite3_column_int64 (stmt, 2));
  resell_flaw_set_type_id (flaw, resell_catalog_column_text (stmt, 3));
  resell_flaw_set_severity (flaw, severity);
  resell_flaw_set_zone_id (flaw, resell_catalog_column_text (stmt, 5));
  resell_flaw_set_geometry (flaw, shape,
                            sqlite3_column_double (stmt, 7),
                            sqlite3_column_double (stmt, 8),
                            sqlite3_column_double (stmt, 9),
                            sqlite3_column_double (stmt, 10));
  resell_flaw_set_note (flaw, resell_catalog_column_text (stmt, 11));
  resell_flaw_set_detail_photo_id (flaw, sqlite3_column_int64 (stmt, 12));
  resell_flaw_set_created_at (flaw, sqlite3_column_int64 (stmt, 13));
  resell_flaw_set_updated_at (flaw, sqlite3_column_int64 (stmt, 14));

  return flaw;
}

GPtrArray *
resell_catalog_list_flaws (ResellCatalog  *self,
                           gint64          item_id,
                           GError        **error)
{
  g_autoptr(ResellCatalogStmt) stmt = NULL;
  GPtrArray *flaws = NULL;

  g_return_val_if_fail (RESELL_IS_CATALOG (self), NULL);

  g_rec_mutex_lock (&self->lock);

  /* In the listing's order: a condition text that says "see photo 7"
   * reads the flaws in the order of the photos. */
  stmt = resell_catalog_prepare (self,
                                 "SELECT " FLAW_COLUMNS
                                 "FROM flaws f JOIN photos p ON p.id = f.photo_id "
                                 "WHERE f.item_id = ?1 ORDER BY p.position, p.id, f.id",
                                 error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, item_id);
      flaws = resell_catalog_step_rows (self, stmt, flaw_from_row, error);
    }

  g_clear_pointer (&stmt, resell_catalog_stmt_release);
  g_rec_mutex_unlock (&self->lock);

  return flaws;
}

static ResellFlaw *
read_flaw_locked (ResellCatalog  *self,
                  gint64          flaw_id,
                  GError        **error)
{
  g_autoptr(ResellCatalogStmt) stmt = NULL;
  int rc;

  stmt = resell_catalog_prepare (self, "SELECT " FLAW_COLUMNS "FROM flaws f WHERE f.id = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, flaw_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return flaw_from_row (stmt);
  if (rc != SQLITE_DONE)
    {
      resell_catalog_sqlite_error (self, rc, error);
      return NULL;
    }

  g_set_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_NOT_FOUND,
               _("Flaw %lld is not in the catalog."), (long long) flaw_id);
  return NULL;
}

ResellFlaw *
resell_catalog_lookup_flaw (ResellCatalog  *self,
                            gint64          flaw_id,
                            GError        **error)
{
  ResellFlaw *flaw;

  g_return_val_if_fail (RESELL_IS_CATALOG (self), NULL);

  g_rec_mutex_lock (&self->lock);
  flaw = read_flaw_locked (self, flaw_id, error);
  g_rec_mutex_unlock (&self->lock);

  return flaw;
}

/* The item of photo @photo_id, or 0 with NOT_FOUND. */
static gint64
photo_item_locked (ResellCatalog  *self,
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
  if (rc != SQLITE_DONE)
    {
      resell_catalog_sqlite_error (self, rc, error);
      return 0;
    }

  g_set_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_NOT_FOUND,
               _("Photo %lld is not in the catalog."), (long long) photo_id);
  return 0;
}

/* A flaw (or its close-up) on another item's photo would show up in the
 * wrong listing. */
static gboolean
check_photo_of_item (ResellCatalog  *self,
                     gint64          photo_id,
                     gint64          item_id,
                     GError        **error)
{
  gint64 owner = photo_item_locked (self, photo_id, error);

  if (owner == 0)
    return FALSE;

  if (owner != item_id)
    {
      g_set_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_CONSTRAINT,
                   _("Photo %lld belongs to another item."), (long long) photo_id);
      return FALSE;
    }

  return TRUE;
}

/* The item's updated-at moves and both signals are owed: its flaws, and
 * the item itself (lists sort by updated-at). */
static gboolean
flaws_changed_locked (ResellCatalog  *self,
                      gint64          item_id,
                      gint64          now,
                      GError        **error)
{
  g_autoptr(ResellCatalogStmt) stmt = NULL;

  stmt = resell_catalog_prepare (self, "UPDATE items SET updated_at = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, item_id);
  sqlite3_bind_int64 (stmt, 2, now);

  if (!resell_catalog_step_done (self, stmt, error))
    return FALSE;

  resell_catalog_queue_event (self, RESELL_CATALOG_EVENT_FLAWS_CHANGED, item_id, NULL);

  return resell_catalog_queue_item_event (self, RESELL_CATALOG_EVENT_CHANGED, item_id, error);
}

/* Parameters 2–12 of an insert or update; 1 is the caller's. */
static void
bind_flaw_fields (sqlite3_stmt *stmt,
                  ResellFlaw   *flaw)
{
  gint64 detail = resell_flaw_get_detail_photo_id (flaw);

  sqlite3_bind_int64 (stmt, 2, resell_flaw_get_photo_id (flaw));
  sqlite3_bind_text (stmt, 3, resell_flaw_get_type_id (flaw), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, resell_flaw_severity_to_string (resell_flaw_get_severity (flaw)), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, resell_flaw_get_zone_id (flaw), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, resell_flaw_shape_to_string (resell_flaw_get_shape (flaw)), -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 7, resell_flaw_get_x (flaw));
  sqlite3_bind_double (stmt, 8, resell_flaw_get_y (flaw));
  sqlite3_bind_double (stmt, 9, resell_flaw_get_width (flaw));
  sqlite3_bind_double (stmt, 10, resell_flaw_get_height (flaw));
  sqlite3_bind_text (stmt, 11, resell_flaw_get_note (flaw), -1, SQLITE_TRANSIENT);
  if (detail > 0)
    sqlite3_bind_int64 (stmt, 12, detail);
  else
    sqlite3_bind_null (stmt, 12);
}

static gboolean
add_flaw_locked (ResellCatalog  *self,
                 ResellFlaw     *flaw,
                 gint64          now,
                 GError        **error)
{
  g_autoptr(ResellCatalogStmt) stmt = NULL;
  gint64 item_id = resell_flaw_get_item_id (flaw);
  gint64 detail = resell_flaw_get_detail_photo_id (flaw);

  if (!check_photo_of_item (self, resell_flaw_get_photo_id (flaw), item_id, error))
    return FALSE;
  if (detail > 0 && !check_photo_of_item (self, detail, item_id, error))
    return FALSE;

  stmt = resell_catalog_prepare (self,
                                 "INSERT INTO flaws (item_id, photo_id, type_id, severity, zone_id, shape, "
                                 "  x, y, width, height, note, detail_photo_id, created_at, updated_at) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)",
                                 error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, item_id);
  bind_flaw_fields (stmt, flaw);
  sqlite3_bind_int64 (stmt, 13, now);

  if (!resell_catalog_step_done (self, stmt, error))
    return FALSE;

  resell_flaw_set_id (flaw, sqlite3_last_insert_rowid (self->db));

  return flaws_changed_locked (self, item_id, now, error);
}

gboolean
resell_catalog_add_flaw (ResellCatalog  *self,
                         ResellFlaw     *flaw,
                         GError        **error)
{
  gint64 now = resell_catalog_now_usec ();
  guint mark;

  g_return_val_if_fail (RESELL_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (RESELL_IS_FLAW (flaw), FALSE);
  g_return_val_if_fail (resell_flaw_get_id (flaw) == 0, FALSE);

  if (!resell_flaw_is_valid (flaw, error))
    return FALSE;

  if (!resell_catalog_txn_begin (self, &mark, error))
    return FALSE;

  if (!resell_catalog_txn_end (self, mark, add_flaw_locked (self, flaw, now, error), error))
    {
      resell_flaw_set_id (flaw, 0);
      return FALSE;
    }

  resell_flaw_set_created_at (flaw, now);
  resell_flaw_set_updated_at (flaw, now);

  return TRUE;
}

static gboolean
update_flaw_locked (ResellCatalog  *self,
                    ResellFlaw     *flaw,
                    gint64          now,
                    GError        **error)
{
  g_autoptr(ResellCatalogStmt) stmt = NULL;
  g_autoptr(ResellFlaw) stored = NULL;
  gint64 item_id;
  gint64 detail = resell_flaw_get_detail_photo_id (flaw);

  /* The stored item, not the caller's: a flaw never moves to another item. */
  if (!(stored = read_flaw_locked (self, resell_flaw_get_id (flaw), error)))
    return FALSE;
  item_id = resell_flaw_get_item_id (stored);

  if (!check_photo_of_item (self, resell_flaw_get_photo_id (flaw), item_id, error))
    return FALSE;
  if (detail > 0 && !check_photo_of_item (self, detail, item_id, error))
    return FALSE;

  stmt = resell_catalog_prepare (self,
                                 "UPDATE flaws SET photo_id = ?2, type_id = ?3, severity = ?4, zone_id = ?5, "
                                 "  shape = ?6, x = ?7, y = ?8, width = ?9, height = ?10, note = ?11, "
                                 "  detail_photo_id = ?12, updated_at = ?13 "
                                 "WHERE id = ?1",
                                 error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, resell_flaw_get_id (flaw));
  bind_flaw_fields (stmt, flaw);
  sqlite3_bind_int64 (stmt, 13, now);

  return resell_catalog_step_done (self, stmt, error) &&
         flaws_changed_locked (self, item_id, now, error);
}

gboolean
resell_catalog_update_flaw (ResellCatalog  *self,
                            ResellFlaw     *flaw,
                            GError        **error)
{
  gint64 now = resell_catalog_now_usec ();
  guint mark;

  g_return_val_if_fail (RESELL_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (RESELL_IS_FLAW (flaw), FALSE);
  g_return_val_if_fail (resell_flaw_get_id (flaw) > 0, FALSE);

  if (!resell_flaw_is_valid (flaw, error))
    return FALSE;

  if (!resell_catalog_txn_begin (self, &mark, error))
    return FALSE;

  if (!resell_catalog_txn_end (self, mark, update_flaw_locked (self, flaw, now, error), error))
    return FALSE;

  resell_flaw_set_updated_at (flaw, now);

  return TRUE;
}

static gboolean
remove_flaw_locked (ResellCatalog  *self,
                    gint64          flaw_id,
                    GError        **error)
{
  g_autoptr(ResellCatalogStmt) stmt = NULL;
  g_autoptr(ResellFlaw) stored = NULL;

  if (!(stored = read_flaw_locked (self, flaw_id, error)))
    return FALSE;

  stmt = resell_catalog_prepare (self, "DELETE FROM flaws WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, flaw_id);

  return resell_catalog_step_done (self, stmt, error) &&
         flaws_changed_locked (self, resell_flaw_get_item_id (stored), resell_catalog_now_usec (), error);
}

gboolean
resell_catalog_remove_flaw (ResellCatalog  *self,
                            gint64          flaw_id,
                            GError        **error)
{
  guint mark;

  g_return_val_if_fail (RESELL_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (flaw_id > 0, FALSE);

  if (!resell_catalog_txn_begin (self, &mark, error))
    return FALSE;

  return resell_catalog_txn_end (self, mark, remove_flaw_locked (self, flaw_id, error), error);
}

static gboolean
set_detail_photo_locked (ResellCatalog  *self,
                         gint64          flaw_id,
                         gint64          photo_id,
                         GError        **error)
{
  g_autoptr(ResellCatalogStmt) stmt = NULL;
  g_autoptr(ResellFlaw) stored = NULL;
  gint64 item_id;
  gint64 now = resell_catalog_now_usec ();

  if (!(stored = read_flaw_locked (self, flaw_id, error)))
    return FALSE;
  item_id = resell_flaw_get_item_id (stored);

  if (photo_id > 0 && !check_photo_of_item (self, photo_id, item_id, error))
    return FALSE;

  stmt = resell_catalog_prepare (self, "UPDATE flaws SET detail_photo_id = ?2, updated_at = ?3 WHERE id = ?1",
                                 error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, flaw_id);
  if (photo_id > 0)
    sqlite3_bind_int64 (stmt, 2, photo_id);
  else
    sqlite3_bind_null (stmt, 2);
  sqlite3_bind_int64 (stmt, 3, now);

  return resell_catalog_step_done (self, stmt, error) &&
         flaws_changed_locked (self, item_id, now, error);
}

gboolean
resell_catalog_set_flaw_detail_photo (ResellCatalog  *self,
                                      gint64          flaw_id,
                                      gint64          photo_id,
                                      GError        **error)
{
  guint mark;

  g_return_val_if_fail (RESELL_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (flaw_id > 0, FALSE);
  g_return_val_if_fail (photo_id >= 0, FALSE);

  if (!resell_catalog_txn_begin (self, &mark, error))
    return FALSE;

  return resell_catalog_txn_end (self, mark, set_detail_photo_locked (self, flaw_id, photo_id, error), error);
}

/* Retakes ----------------------------------------------------------------- */

/* The flaws marked on (or shot as close-ups in) the photo a retake
 * replaces, kept aside in a table of the connection's own while the old
 * row goes.  A retake is a better picture of the same view, so the marks
 * stay roughly where they belong and the seller can nudge them; losing
 * them without a word would be worse. */
gboolean
resell_catalog_hold_flaws_for_retake (ResellCatalog  *self,
                                      gint64          old_photo_id,
                                      GError        **error)
{
  g_autoptr(ResellCatalogStmt) create = NULL;
  g_autoptr(ResellCatalogStmt) clear = NULL;
  g_autoptr(ResellCatalogStmt) copy = NULL;

  create = resell_catalog_prepare (self,
                                   "CREATE TEMP TABLE IF NOT EXISTS retake_flaws AS "
                                   "SELECT * FROM main.flaws WHERE 0",
                                   error);
  if (create == NULL || !resell_catalog_step_done (self, create, error))
    return FALSE;

  clear = resell_catalog_prepare (self, "DELETE FROM temp.retake_flaws", error);
  if (clear == NULL || !resell_catalog_step_done (self, clear, error))
    return FALSE;

  copy = resell_catalog_prepare (self,
                                 "INSERT INTO temp.retake_flaws "
                                 "SELECT * FROM main.flaws WHERE photo_id = ?1 OR detail_photo_id = ?1",
                                 error);
  if (copy == NULL)
    return FALSE;
  sqlite3_bind_int64 (copy, 1, old_photo_id);

  return resell_catalog_step_done (self, copy, error);
}

gboolean
resell_catalog_move_flaws_to_retake (ResellCatalog  *self,
                                     gint64          old_photo_id,
                                     gint64          new_photo_id,
                                     gint64          item_id,
                                     GError        **error)
{
  g_autoptr(ResellCatalogStmt) restore = NULL;
  g_autoptr(ResellCatalogStmt) clear = NULL;

  /* Same ids: a window holding a flaw still finds it. */
  restore = resell_catalog_prepare (self,
                                    "INSERT OR REPLACE INTO main.flaws (id, item_id, photo_id, type_id, severity, "
                                    "  zone_id, shape, x, y, width, height, note, detail_photo_id, "
                                    "  created_at, updated_at) "
                                    "SELECT id, item_id, CASE WHEN photo_id = ?1 THEN ?2 ELSE photo_id END, "
                                    "  type_id, severity, zone_id, shape, x, y, width, height, note, "
                                    "  CASE WHEN detail_photo_id = ?1 THEN ?2 ELSE detail_photo_id END, "
                                    "  created_at, updated_at "
                                    "FROM temp.retake_flaws",
                                    error);
  if (restore == NULL)
    return FALSE;
  sqlite3_bind_int64 (restore, 1, old_photo_id);
  sqlite3_bind_int64 (restore, 2, new_photo_id);
  if (!resell_catalog_step_done (self, restore, error))
    return FALSE;

  if (sqlite3_changes (self->db) > 0)
    resell_catalog_queue_event (self, RESELL_CATALOG_EVENT_FLAWS_CHANGED, item_id, NULL);

  clear = resell_catalog_prepare (self, "DELETE FROM temp.retake_flaws", error);
  return clear != NULL && resell_catalog_step_done (self, clear, error);
}
