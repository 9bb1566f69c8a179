/* resell-catalog-items.c — the catalog's items: SKUs, adding, changing
 * (the item's folder follows its SKU) and reading them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-catalog"

#include "config.h"

#include <errno.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "catalog/resell-catalog-private.h"

#define SKU_MAX_CHARS 64

/* The columns item_from_row() reads, in order.  The photo count and cover
 * come from the same row so that listing 10,000 items is one query. */
#define ITEM_COLUMNS \
  "i.id, i.sku, i.category, i.brand, i.model, i.title, i.size, i.colour, " \
  "i.material, i.notes, i.consignor, i.state, i.created_at, i.updated_at, " \
  "(SELECT count(*) FROM photos n WHERE n.item_id = i.id), " \
  "c.path, c.sha256, i.trashed_at IS NOT NULL, " \
  "i.grade, i.list_price_minor, i.list_price_currency "

#define ITEM_FROM \
  "FROM items i " \
  "LEFT JOIN photos c ON c.id = (SELECT f.id FROM photos f WHERE f.item_id = i.id " \
  "                              ORDER BY f.position, f.id LIMIT 1) "

static gboolean
set_not_found_item (gint64   id,
                    GError **error)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  g_set_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_NOT_FOUND,
               _("Item %s is not in the catalog."), number);

  return FALSE;
}

gboolean
resell_catalog_sku_is_valid (const char *sku)
{
  /* The SKU names the item's folder, so it must be one harmless path
   * component whatever the user typed. */
  if (sku == NULL || sku[0] == '\0' || sku[0] == '.')
    return FALSE;

  if (!g_utf8_validate (sku, -1, NULL) || g_utf8_strlen (sku, -1) > SKU_MAX_CHARS)
    return FALSE;

  for (const char *p = sku; *p != '\0'; p++)
    {
      if (*p == '/' || *p == '\\' || (guchar) *p < 0x20 || *p == 0x7f)
        return FALSE;
    }

  return TRUE;
}

gboolean
resell_catalog_check_sku (const char  *sku,
                          GError     **error)
{
  if (resell_catalog_sku_is_valid (sku))
    return TRUE;

  g_set_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_FAILED,
               _("“%s” cannot be used as a SKU. A SKU names the item’s folder, so it "
                 "must not be empty or longer than %d characters, start with a dot, "
                 "or contain slashes or control characters."),
               sku != NULL ? sku : "", SKU_MAX_CHARS);

  return FALSE;
}

/* A ResellItem from a row of ITEM_COLUMNS. */
static gpointer
item_from_row (sqlite3_stmt *stmt)
{
  ResellItemFields fields = {
    .id = sqlite3_column_int64 (stmt, 0),
    .sku = resell_catalog_column_text (stmt, 1),
    .category = resell_catalog_column_text (stmt, 2),
    .brand = resell_catalog_column_text (stmt, 3),
    .model = resell_catalog_column_text (stmt, 4),
    .title = resell_catalog_column_text (stmt, 5),
    .size = resell_catalog_column_text (stmt, 6),
    .colour = resell_catalog_column_text (stmt, 7),
    .material = resell_catalog_column_text (stmt, 8),
    .notes = resell_catalog_column_text (stmt, 9),
    .consignor = resell_catalog_column_text (stmt, 10),
    .state = RESELL_ITEM_STATE_DRAFT,
    .created_at = sqlite3_column_int64 (stmt, 12),
    .updated_at = sqlite3_column_int64 (stmt, 13),
    .photo_count = (guint) sqlite3_column_int64 (stmt, 14),
    .cover_path = resell_catalog_column_text (stmt, 15),
    .cover_sha256 = resell_catalog_column_text (stmt, 16),
    .grade = resell_catalog_column_text (stmt, 18),
    .list_price_minor = sqlite3_column_int64 (stmt, 19),
    .list_price_currency = resell_catalog_column_text (stmt, 20),
  };

  if (!resell_item_state_from_string (resell_catalog_column_text (stmt, 11), &fields.state))
    g_debug ("Item %" G_GINT64_FORMAT " has an unknown state “%s”; shown as a draft",
             fields.id, resell_catalog_column_text (stmt, 11));

  return resell_item_new_from_fields (&fields);
}

static gboolean
item_row_is_trashed (sqlite3_stmt *stmt)
{
  return sqlite3_column_int (stmt, 17) != 0;
}

/* Reads one item, photo count and cover included, trashed or not. */
ResellItem *
resell_catalog_read_item (ResellCatalog  *self,
                          gint64          id,
                          gboolean       *trashed,
                          GError        **error)
{
  g_autoptr(ResellCatalogStmt) stmt = NULL;
  int rc;

  stmt = resell_catalog_prepare (self, "SELECT " ITEM_COLUMNS ITEM_FROM "WHERE i.id = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (trashed != NULL)
        *trashed = item_row_is_trashed (stmt);

      return item_from_row (stmt);
    }

  if (rc == SQLITE_DONE)
    set_not_found_item (id, error);
  else
    resell_catalog_sqlite_error (self, rc, error);

  return NULL;
}

/* Queues item-added or item-changed with the item as now stored.  Changes to
 * trashed items stay silent: to listeners they are gone. */
gboolean
resell_catalog_queue_item_event (ResellCatalog  *self,
                                 ResellCatalogEventKind       kind,
                                 gint64          id,
                                 GError        **error)
{
  gboolean trashed = FALSE;
  ResellItem *item;

  item = resell_catalog_read_item (self, id, &trashed, error);
  if (item == NULL)
    return FALSE;

  if (trashed)
    {
      g_object_unref (item);
      return TRUE;
    }

  resell_catalog_queue_event (self, kind, id, item);

  return TRUE;
}

/* "<prefix>-<YYMMDD>-<NNN>" with the seller's local date.  The counter lives
 * in the database, inside the insert's transaction, so two processes never
 * hand out the same number and a deleted item's number is never reused. */
static char *
generate_sku (ResellCatalog  *self,
              gint64          now,
              GError        **error)
{
  g_autoptr(ResellCatalogStmt) seed = NULL;
  g_autoptr(ResellCatalogStmt) read = NULL;
  g_autoptr(ResellCatalogStmt) taken = NULL;
  g_autoptr(ResellCatalogStmt) save = NULL;
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *day = NULL;
  gint64 next;
  int rc;

  date = g_date_time_new_from_unix_local (now / G_USEC_PER_SEC);
  day = g_date_time_format (date, "%y%m%d");

  seed = resell_catalog_prepare (self, "INSERT INTO sku_counters (day, next) VALUES (?1, 1) "
                        "ON CONFLICT (day) DO NOTHING", error);
  read = resell_catalog_prepare (self, "SELECT next FROM sku_counters WHERE day = ?1", error);
  taken = resell_catalog_prepare (self, "SELECT 1 FROM items WHERE sku = ?1", error);
  save = resell_catalog_prepare (self, "UPDATE sku_counters SET next = ?2 WHERE day = ?1", error);
  if (seed == NULL || read == NULL || taken == NULL || save == NULL)
    return NULL;

  sqlite3_bind_text (seed, 1, day, -1, SQLITE_STATIC);
  if (!resell_catalog_step_done (self, seed, error))
    return NULL;

  sqlite3_bind_text (read, 1, day, -1, SQLITE_STATIC);
  rc = sqlite3_step (read);
  if (rc != SQLITE_ROW)
    {
      resell_catalog_sqlite_error (self, rc, error);
      return NULL;
    }
  next = MAX (sqlite3_column_int64 (read, 0), 1);

  /* A SKU typed by hand may already use the next number: skip past it. */
  for (;; next++)
    {
      g_autofree char *sku = g_strdup_printf ("%s-%s-%03" G_GINT64_FORMAT,
                                              self->sku_prefix, day, next);

      sqlite3_reset (taken);
      sqlite3_bind_text (taken, 1, sku, -1, SQLITE_STATIC);
      rc = sqlite3_step (taken);
      if (rc == SQLITE_ROW)
        continue;
      if (rc != SQLITE_DONE)
        {
          resell_catalog_sqlite_error (self, rc, error);
          return NULL;
        }

      sqlite3_bind_text (save, 1, day, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (save, 2, next + 1);
      if (!resell_catalog_step_done (self, save, error))
        return NULL;

      return g_steal_pointer (&sku);
    }
}

static void
bind_item_fields (sqlite3_stmt *stmt,
                  ResellItem   *item)
{
  /* Parameters 2–12; 1 is the SKU and the rest are the caller's. */
  sqlite3_bind_text (stmt, 2, resell_item_get_category (item), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, resell_item_get_brand (item), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, resell_item_get_model (item), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, resell_item_get_title (item), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, resell_item_get_size (item), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, resell_item_get_colour (item), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, resell_item_get_material (item), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, resell_item_get_notes (item), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, resell_item_get_consignor (item), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, resell_item_state_to_string (resell_item_get_state (item)),
                     -1, SQLITE_STATIC);
}

static gboolean
set_duplicate_sku_error (ResellCatalog  *self,
                         int             rc,
                         const char     *sku,
                         GError        **error)
{
  if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
    {
      g_set_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_CONSTRAINT,
                   _("Another item already has the SKU “%s”. Each item needs its own SKU."),
                   sku);
      return FALSE;
    }

  return resell_catalog_sqlite_error (self, rc, error);
}

static gboolean
insert_item_locked (ResellCatalog  *self,
                    ResellItem     *item,
                    gint64          now,
                    char          **out_sku,
                    gint64         *out_id,
                    GError        **error)
{
  g_autoptr(ResellCatalogStmt) stmt = NULL;
  g_autofree char *sku = NULL;
  int rc;

  if (resell_item_get_sku (item)[0] != '\0')
    {
      if (!resell_catalog_check_sku (resell_item_get_sku (item), error))
        return FALSE;
      sku = g_strdup (resell_item_get_sku (item));
    }
  else if (!(sku = generate_sku (self, now, error)))
    return FALSE;

  stmt = resell_catalog_prepare (self,
                                 "INSERT INTO items (sku, category, brand, model, title, size, colour, "
                                 "                   material, notes, consignor, state, created_at, updated_at) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
                                 error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, sku, -1, SQLITE_STATIC);
  bind_item_fields (stmt, item);
  sqlite3_bind_int64 (stmt, 12, now);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return set_duplicate_sku_error (self, rc, sku, error);

  *out_id = sqlite3_last_insert_rowid (self->db);
  *out_sku = g_steal_pointer (&sku);

  return resell_catalog_queue_item_event (self, RESELL_CATALOG_EVENT_ADDED, *out_id, error);
}

gboolean
resell_catalog_insert_item (ResellCatalog  *self,
                            ResellItem     *item,
                            GError        **error)
{
  g_autofree char *sku = NULL;
  gint64 now = resell_catalog_now_usec ();
  gint64 id = 0;
  guint mark;

  g_return_val_if_fail (RESELL_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (RESELL_IS_ITEM (item), FALSE);
  g_return_val_if_fail (resell_item_get_id (item) == 0, FALSE);

  if (!resell_catalog_txn_begin (self, &mark, error))
    return FALSE;

  if (!resell_catalog_txn_end (self, mark, insert_item_locked (self, item, now, &sku, &id, error), error))
    return FALSE;

  /* Only now: a failed insert leaves the caller's item as it was. */
  g_object_freeze_notify (G_OBJECT (item));
  resell_item_set_id (item, id);
  resell_item_set_sku (item, sku);
  resell_item_set_created_at (item, now);
  resell_item_set_updated_at (item, now);
  g_object_thaw_notify (G_OBJECT (item));

  return TRUE;
}

/* Moves the item's folder along with a new SKU, and the stored photo paths
 * with it.  The rename happens inside the transaction: if anything after it
 * fails, the caller renames back. */
static gboolean
rename_item_dir (ResellCatalog  *self,
                 gint64          id,
                 const char     *old_sku,
                 const char     *new_sku,
                 gboolean       *renamed,
                 GError        **error)
{
  g_autoptr(ResellCatalogStmt) stmt = NULL;
  g_autofree char *old_dir = resell_catalog_dup_item_dir (self, old_sku);
  g_autofree char *new_dir = resell_catalog_dup_item_dir (self, new_sku);
  g_autofree char *old_prefix = NULL;
  g_autofree char *new_prefix = NULL;

  *renamed = FALSE;

  if (!resell_catalog_sku_is_valid (old_sku) || !g_file_test (old_dir, G_FILE_TEST_IS_DIR))
    return TRUE;

  if (g_file_test (new_dir, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_CONSTRAINT,
                   _("The SKU cannot become “%s”: the folder “%s” is already there."),
                   new_sku, new_dir);
      return FALSE;
    }

  old_prefix = g_strconcat (old_dir, G_DIR_SEPARATOR_S, NULL);
  new_prefix = g_strconcat (new_dir, G_DIR_SEPARATOR_S, NULL);

  stmt = resell_catalog_prepare (self,
                                 "UPDATE photos SET path = ?2 || substr (path, length (?1) + 1) "
                                 "WHERE item_id = ?3 AND substr (path, 1, length (?1)) = ?1",
                                 error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, old_prefix, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, new_prefix, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, id);
  if (!resell_catalog_step_done (self, stmt, error))
    return FALSE;

  if (g_rename (old_dir, new_dir) != 0)
    {
      int errsv = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   _("The folder “%s” could not be renamed for the new SKU: %s."),
                   old_dir, g_strerror (errsv));
      return FALSE;
    }

  *renamed = TRUE;

  return TRUE;
}

static gboolean
update_item_locked (ResellCatalog  *self,
                    ResellItem     *item,
                    gint64          now,
                    char          **renamed_from,
                    GError        **error)
{
  g_autoptr(ResellCatalogStmt) read = NULL;
  g_autoptr(ResellCatalogStmt) stmt = NULL;
  g_autofree char *old_sku = NULL;
  const char *sku = resell_item_get_sku (item);
  gint64 id = resell_item_get_id (item);
  gboolean renamed = FALSE;
  int rc;

  if (!resell_catalog_check_sku (sku, error))
    return FALSE;

  read = resell_catalog_prepare (self, "SELECT sku FROM items WHERE id = ?1", error);
  if (read == NULL)
    return FALSE;

  sqlite3_bind_int64 (read, 1, id);
  rc = sqlite3_step (read);
  if (rc == SQLITE_DONE)
    return set_not_found_item (id, error);
  if (rc != SQLITE_ROW)
    return resell_catalog_sqlite_error (self, rc, error);

  old_sku = g_strdup (resell_catalog_column_text (read, 0));

  stmt = resell_catalog_prepare (self,
                                 "UPDATE items SET sku = ?1, category = ?2, brand = ?3, model = ?4, "
                                 "  title = ?5, size = ?6, colour = ?7, material = ?8, notes = ?9, "
                                 "  consignor = ?10, state = ?11, updated_at = ?12 "
                                 "WHERE id = ?13",
                                 error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, sku, -1, SQLITE_STATIC);
  bind_item_fields (stmt, item);
  sqlite3_bind_int64 (stmt, 12, now);
  sqlite3_bind_int64 (stmt, 13, id);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return set_duplicate_sku_error (self, rc, sku, error);

  if (g_strcmp0 (old_sku, sku) != 0 &&
      !rename_item_dir (self, id, old_sku, sku, &renamed, error))
    return FALSE;

  if (renamed)
    *renamed_from = g_steal_pointer (&old_sku);

  return resell_catalog_queue_item_event (self, RESELL_CATALOG_EVENT_CHANGED, id, error);
}

static void
undo_rename (ResellCatalog *self,
             const char    *old_sku,
             const char    *new_sku)
{
  g_autofree char *old_dir = resell_catalog_dup_item_dir (self, old_sku);
  g_autofree char *new_dir = resell_catalog_dup_item_dir (self, new_sku);

  if (g_rename (new_dir, old_dir) != 0)
    g_warning ("Could not move %s back to %s: %s", new_dir, old_dir, g_strerror (errno));
}

gboolean
resell_catalog_update_item (ResellCatalog  *self,
                            ResellItem     *item,
                            GError        **error)
{
  g_autofree char *renamed_from = NULL;
  gint64 now = resell_catalog_now_usec ();
  guint mark;

  g_return_val_if_fail (RESELL_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (RESELL_IS_ITEM (item), FALSE);
  g_return_val_if_fail (resell_item_get_id (item) > 0, FALSE);

  if (!resell_catalog_txn_begin (self, &mark, error))
    return FALSE;

  if (!update_item_locked (self, item, now, &renamed_from, error))
    {
      if (renamed_from != NULL)
        undo_rename (self, renamed_from, resell_item_get_sku (item));
      resell_catalog_txn_rollback (self, mark);
      return FALSE;
    }

  if (!resell_catalog_txn_commit (self, mark, error))
    {
      if (renamed_from != NULL)
        undo_rename (self, renamed_from, resell_item_get_sku (item));
      return FALSE;
    }

  resell_item_set_updated_at (item, now);

  return TRUE;
}

ResellItem *
resell_catalog_lookup_item (ResellCatalog  *self,
                            gint64          id,
                            GError        **error)
{
  ResellItem *item;

  g_return_val_if_fail (RESELL_IS_CATALOG (self), NULL);

  g_rec_mutex_lock (&self->lock);
  item = resell_catalog_read_item (self, id, NULL, error);
  g_rec_mutex_unlock (&self->lock);

  return item;
}

ResellItem *
resell_catalog_lookup_item_by_sku (ResellCatalog  *self,
                                   const char     *sku,
                                   GError        **error)
{
  g_autoptr(ResellCatalogStmt) stmt = NULL;
  ResellItem *item = NULL;
  int rc;

  g_return_val_if_fail (RESELL_IS_CATALOG (self), NULL);
  g_return_val_if_fail (sku != NULL, NULL);

  g_rec_mutex_lock (&self->lock);

  stmt = resell_catalog_prepare (self, "SELECT " ITEM_COLUMNS ITEM_FROM "WHERE i.sku = ?1", error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, sku, -1, SQLITE_STATIC);

      rc = sqlite3_step (stmt);
      /* A SKU is what a person types to work on an item; one in the trash
       * is gone to them (restoring goes by id).  Said apart from an unknown
       * SKU: a trashed item's SKU stays taken. */
      if (rc == SQLITE_ROW && item_row_is_trashed (stmt))
        g_set_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_NOT_FOUND,
                     _("The item “%s” is in the trash."), sku);
      else if (rc == SQLITE_ROW)
        item = item_from_row (stmt);
      else if (rc == SQLITE_DONE)
        g_set_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_NOT_FOUND,
                     _("No item with the SKU “%s” is in the catalog."), sku);
      else
        resell_catalog_sqlite_error (self, rc, error);
    }

  g_clear_pointer (&stmt, resell_catalog_stmt_release);
  g_rec_mutex_unlock (&self->lock);

  return item;
}

GPtrArray *
resell_catalog_list_items (ResellCatalog  *self,
                           GError        **error)
{
  g_autoptr(ResellCatalogStmt) stmt = NULL;
  GPtrArray *items = NULL;

  g_return_val_if_fail (RESELL_IS_CATALOG (self), NULL);

  g_rec_mutex_lock (&self->lock);

  stmt = resell_catalog_prepare (self,
                                 "SELECT " ITEM_COLUMNS ITEM_FROM
                                 "WHERE i.trashed_at IS NULL "
                                 "ORDER BY i.updated_at DESC, i.id DESC",
                                 error);
  if (stmt != NULL)
    items = resell_catalog_step_rows (self, stmt, item_from_row, error);

  g_clear_pointer (&stmt, resell_catalog_stmt_release);
  g_rec_mutex_unlock (&self->lock);

  return items;
}

guint
resell_catalog_count_items (ResellCatalog  *self,
                            GError        **error)
{
  g_autoptr(ResellCatalogStmt) stmt = NULL;
  guint count = 0;
  int rc;

  g_return_val_if_fail (RESELL_IS_CATALOG (self), 0);

  g_rec_mutex_lock (&self->lock);

  stmt = resell_catalog_prepare (self, "SELECT count(*) FROM items WHERE trashed_at IS NULL", error);
  if (stmt != NULL)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        count = (guint) sqlite3_column_int64 (stmt, 0);
      else
        resell_catalog_sqlite_error (self, rc, error);
    }

  g_clear_pointer (&stmt, resell_catalog_stmt_release);
  g_rec_mutex_unlock (&self->lock);

  return count;
}
