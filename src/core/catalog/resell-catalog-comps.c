/* resell-catalog-comps.c — comparable sales kept in the catalog, and the
 * seller's asking price of each item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-catalog"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "catalog/resell-catalog-comps.h"
#include "catalog/resell-catalog-private.h"

G_DEFINE_BOXED_TYPE (ResellComp, resell_comp, resell_comp_copy, resell_comp_free)

ResellComp *
resell_comp_new (void)
{
  ResellComp *comp = g_new0 (ResellComp, 1);

  comp->source = g_strdup ("manual");
  comp->category = g_strdup ("");
  comp->brand = g_strdup ("");
  comp->model = g_strdup ("");
  comp->grade = g_strdup ("");
  comp->reference = g_strdup ("");
  comp->imported_from = g_strdup ("");

  return comp;
}

ResellComp *
resell_comp_copy (const ResellComp *comp)
{
  ResellComp *copy = g_memdup2 (comp, sizeof *comp);

  copy->source = g_strdup (comp->source);
  copy->category = g_strdup (comp->category);
  copy->brand = g_strdup (comp->brand);
  copy->model = g_strdup (comp->model);
  copy->grade = g_strdup (comp->grade);
  copy->reference = g_strdup (comp->reference);
  copy->imported_from = g_strdup (comp->imported_from);

  return copy;
}

void
resell_comp_free (ResellComp *comp)
{
  if (comp == NULL)
    return;

  g_free (comp->source);
  g_free (comp->category);
  g_free (comp->brand);
  g_free (comp->model);
  g_free (comp->grade);
  g_free (comp->reference);
  g_free (comp->imported_from);
  g_free (comp);
}

#define COMP_COLUMNS "id, source, category, brand, model, grade, price_minor, currency, " \
                     "sold_at, reference, imported_from, created_at "

static ResellComp *
comp_from_row (sqlite3_stmt *stmt)
{
  ResellComp *comp = g_new0 (ResellComp, 1);
  const char *currency;

  comp->id = sqlite3_column_int64 (stmt, 0);
  comp->source = g_strdup (resell_catalog_column_text (stmt, 1));
  comp->category = g_strdup (resell_catalog_column_text (stmt, 2));
  comp->brand = g_strdup (resell_catalog_column_text (stmt, 3));
  comp->model = g_strdup (resell_catalog_column_text (stmt, 4));
  comp->grade = g_strdup (resell_catalog_column_text (stmt, 5));
  comp->price_minor = sqlite3_column_int64 (stmt, 6);
  currency = resell_catalog_column_text (stmt, 7);
  g_strlcpy (comp->currency, currency != NULL ? currency : "", sizeof comp->currency);
  comp->sold_at = sqlite3_column_int64 (stmt, 8);
  comp->reference = g_strdup (resell_catalog_column_text (stmt, 9));
  comp->imported_from = g_strdup (resell_catalog_column_text (stmt, 10));
  comp->created_at = sqlite3_column_int64 (stmt, 11);

  return comp;
}

static gboolean
insert_comps_locked (ResellCatalog  *self,
                     GPtrArray      *comps,
                     GError        **error)
{
  g_autoptr(ResellCatalogStmt) stmt = NULL;
  gint64 now = resell_catalog_now_usec ();

  stmt = resell_catalog_prepare (self,
                                 "INSERT INTO comps (source, category, brand, model, grade, "
                                 "  price_minor, currency, sold_at, reference, imported_from, created_at) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                                 error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < comps->len; i++)
    {
      ResellComp *comp = g_ptr_array_index (comps, i);

      sqlite3_bind_text (stmt, 1, comp->source, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, comp->category, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, comp->brand, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, comp->model, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, comp->grade, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 6, comp->price_minor);
      sqlite3_bind_text (stmt, 7, comp->currency, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 8, comp->sold_at);
      sqlite3_bind_text (stmt, 9, comp->reference, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 10, comp->imported_from, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 11, now);

      if (!resell_catalog_step_done (self, stmt, error))
        return FALSE;

      comp->id = sqlite3_last_insert_rowid (self->db);
      comp->created_at = now;
      sqlite3_reset (stmt);
    }

  return TRUE;
}

gboolean
resell_catalog_insert_comps (ResellCatalog  *self,
                             GPtrArray      *comps,
                             GError        **error)
{
  guint mark;

  g_return_val_if_fail (RESELL_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (comps != NULL, FALSE);

  if (!resell_catalog_txn_begin (self, &mark, error))
    return FALSE;

  return resell_catalog_txn_end (self, mark, insert_comps_locked (self, comps, error), error);
}

GPtrArray *
resell_catalog_query_comps (ResellCatalog          *self,
                            const ResellCompQuery  *query,
                            GError                **error)
{
  g_autoptr(ResellCatalogStmt) stmt = NULL;
  GPtrArray *comps = NULL;
  int rc;

  g_return_val_if_fail (RESELL_IS_CATALOG (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  g_rec_mutex_lock (&self->lock);

  /* Only the members given become conditions, so that SQLite can use
   * comps_lookup for them ("?1 IS NULL OR …" would scan every row).  The
   * text is interned: the statement cache is keyed by the SQL's address,
   * and there are only sixteen combinations. */
  {
    g_autoptr(GString) sql = g_string_new ("SELECT " COMP_COLUMNS "FROM comps WHERE sold_at >= ?5");

    if (query->currency != NULL)
      g_string_append (sql, " AND currency = ?1");
    if (query->category != NULL)
      g_string_append (sql, " AND category = ?2");
    if (query->brand != NULL)
      g_string_append (sql, " AND brand = ?3");
    if (query->model != NULL)
      g_string_append (sql, " AND model = ?4");
    g_string_append (sql, " ORDER BY sold_at DESC, id DESC LIMIT ?6");

    stmt = resell_catalog_prepare (self, g_intern_string (sql->str), error);
  }

  if (stmt != NULL)
    {
      comps = g_ptr_array_new_with_free_func ((GDestroyNotify) resell_comp_free);

      if (query->currency != NULL)
        sqlite3_bind_text (stmt, 1, query->currency, -1, SQLITE_STATIC);
      if (query->category != NULL)
        sqlite3_bind_text (stmt, 2, query->category, -1, SQLITE_STATIC);
      if (query->brand != NULL)
        sqlite3_bind_text (stmt, 3, query->brand, -1, SQLITE_STATIC);
      if (query->model != NULL)
        sqlite3_bind_text (stmt, 4, query->model, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 5, query->sold_after);
      sqlite3_bind_int64 (stmt, 6, query->limit > 0 ? (gint64) query->limit : -1);

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (comps, comp_from_row (stmt));

      if (rc != SQLITE_DONE)
        {
          resell_catalog_sqlite_error (self, rc, error);
          g_clear_pointer (&comps, g_ptr_array_unref);
        }
    }

  g_clear_pointer (&stmt, resell_catalog_stmt_release);
  g_rec_mutex_unlock (&self->lock);

  return comps;
}

guint
resell_catalog_count_comps (ResellCatalog  *self,
                            GError        **error)
{
  g_autoptr(ResellCatalogStmt) stmt = NULL;
  guint count = 0;

  g_return_val_if_fail (RESELL_IS_CATALOG (self), 0);

  g_rec_mutex_lock (&self->lock);

  stmt = resell_catalog_prepare (self, "SELECT count(*) FROM comps", error);
  if (stmt != NULL)
    {
      int rc = sqlite3_step (stmt);

      if (rc == SQLITE_ROW)
        count = (guint) sqlite3_column_int64 (stmt, 0);
      else
        resell_catalog_sqlite_error (self, rc, error);
    }

  g_clear_pointer (&stmt, resell_catalog_stmt_release);
  g_rec_mutex_unlock (&self->lock);

  return count;
}

static gboolean
set_item_not_found (gint64   item_id,
                    GError **error)
{
  g_set_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_NOT_FOUND,
               _("There is no item %lld in the catalog."), (long long) item_id);
  return FALSE;
}

gboolean
resell_catalog_get_list_price (ResellCatalog  *self,
                               gint64          item_id,
                               gboolean       *has_price,
                               gint64         *minor,
                               char            currency[4],
                               GError        **error)
{
  g_autoptr(ResellCatalogStmt) stmt = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (RESELL_IS_CATALOG (self), FALSE);

  g_rec_mutex_lock (&self->lock);

  stmt = resell_catalog_prepare (self,
                                 "SELECT list_price_minor, list_price_currency FROM items WHERE id = ?1",
                                 error);
  if (stmt != NULL)
    {
      int rc;

      sqlite3_bind_int64 (stmt, 1, item_id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          const char *code = resell_catalog_column_text (stmt, 1);

          *has_price = sqlite3_column_type (stmt, 0) != SQLITE_NULL && code != NULL;
          *minor = *has_price ? sqlite3_column_int64 (stmt, 0) : 0;
          g_strlcpy (currency, *has_price ? code : "", 4);
          ok = TRUE;
        }
      else if (rc == SQLITE_DONE)
        set_item_not_found (item_id, error);
      else
        resell_catalog_sqlite_error (self, rc, error);
    }

  g_clear_pointer (&stmt, resell_catalog_stmt_release);
  g_rec_mutex_unlock (&self->lock);

  return ok;
}

static gboolean
set_list_price_locked (ResellCatalog  *self,
                       gint64          item_id,
                       gint64          minor,
                       const char     *currency,
                       GError        **error)
{
  g_autoptr(ResellCatalogStmt) stmt = NULL;

  stmt = resell_catalog_prepare (self,
                                 "UPDATE items SET list_price_minor = ?2, list_price_currency = ?3, "
                                 "  updated_at = ?4 WHERE id = ?1",
                                 error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, item_id);
  if (currency != NULL)
    sqlite3_bind_int64 (stmt, 2, minor);
  else
    sqlite3_bind_null (stmt, 2);
  sqlite3_bind_text (stmt, 3, currency, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, resell_catalog_now_usec ());

  if (!resell_catalog_step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    return set_item_not_found (item_id, error);

  return resell_catalog_queue_item_event (self, RESELL_CATALOG_EVENT_CHANGED, item_id, error);
}

gboolean
resell_catalog_set_list_price (ResellCatalog  *self,
                               gint64          item_id,
                               gint64          minor,
                               const char     *currency,
                               GError        **error)
{
  guint mark;

  g_return_val_if_fail (RESELL_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (currency == NULL || strlen (currency) == 3, FALSE);

  if (!resell_catalog_txn_begin (self, &mark, error))
    return FALSE;

  return resell_catalog_txn_end (self, mark,
                                 set_list_price_locked (self, item_id, minor, currency, error),
                                 error);
}
