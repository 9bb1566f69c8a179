/* catalog-test-utils.c — what the catalog's test programs share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "catalog-test-utils.h"
#include "resell-test-utils.h"
#include "catalog/resell-catalog-hooks.h"

/* Fixture */

void
resell_test_catalog_fixture_set_up (ResellTestCatalogFixture *f,
                                    gconstpointer             data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("resell-catalog-XXXXXX", &error);
  g_assert_no_error (error);

  f->catalog = resell_catalog_open (f->dir, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->catalog);
}

void
resell_test_catalog_fixture_tear_down (ResellTestCatalogFixture *f,
                                       gconstpointer             data)
{
  resell_test_drain_main_context ();

  if (f->catalog != NULL)
    g_assert_finalize_object (f->catalog);

  resell_test_remove_path (f->dir);
  g_free (f->dir);
}

/* Raw SQLite */

char *
resell_test_catalog_db_path (const char *dir)
{
  return g_build_filename (dir, "catalog.db", NULL);
}

sqlite3 *
resell_test_raw_open (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "catalog.db", NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                   ==, SQLITE_OK);

  return db;
}

/* A new catalog.db in @dir, as a Resell that knew up to schema @version
 * left it. */
sqlite3 *
resell_test_raw_open_at_version (const char *dir,
                                 int         version)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "catalog.db", NULL);
  sqlite3 *db = resell_test_raw_open (dir);
  int reached = -1;

  g_assert_true (resell_catalog_schema_migrate (db, path, version, &reached, &error));
  g_assert_no_error (error);
  g_assert_cmpint (reached, ==, version);

  return db;
}

void
resell_test_raw_exec (sqlite3    *db,
                      const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

gint64
resell_test_raw_int (sqlite3    *db,
                     const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

char *
resell_test_raw_text (sqlite3    *db,
                      const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return value;
}

/* Items and photos */

ResellItem *
resell_test_insert_item (ResellCatalog *catalog,
                         const char    *title)
{
  g_autoptr(GError) error = NULL;
  ResellItem *item = resell_item_new ();

  resell_item_set_title (item, title);
  resell_item_set_category (item, "handbags");
  g_assert_true (resell_catalog_insert_item (catalog, item, &error));
  g_assert_no_error (error);

  return item;
}

/* A photo of @item whose original, in the item's folder, holds @sha256 as
 * its bytes. */
ResellPhoto *
resell_test_insert_photo (ResellCatalog *catalog,
                          ResellItem    *item,
                          const char    *name,
                          const char    *sha256)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *originals = NULL;
  g_autofree char *path = NULL;
  ResellPhoto *photo = resell_photo_new ();

  originals = resell_catalog_dup_originals_dir (catalog, resell_item_get_sku (item), &error);
  g_assert_no_error (error);
  path = g_build_filename (originals, name, NULL);
  g_assert_true (g_file_set_contents (path, sha256, -1, NULL));

  resell_photo_set_item_id (photo, resell_item_get_id (item));
  resell_photo_set_path (photo, path);
  resell_photo_set_original_name (photo, name);
  resell_photo_set_sha256 (photo, sha256);
  resell_photo_set_width (photo, 6000);
  resell_photo_set_height (photo, 4000);
  g_assert_true (resell_catalog_insert_photo (catalog, photo, &error));
  g_assert_no_error (error);

  return photo;
}

void
resell_test_assert_items_equal (ResellItem *a,
                                ResellItem *b)
{
  g_assert_cmpint (resell_item_get_id (a), ==, resell_item_get_id (b));
  g_assert_cmpstr (resell_item_get_sku (a), ==, resell_item_get_sku (b));
  g_assert_cmpstr (resell_item_get_category (a), ==, resell_item_get_category (b));
  g_assert_cmpstr (resell_item_get_brand (a), ==, resell_item_get_brand (b));
  g_assert_cmpstr (resell_item_get_model (a), ==, resell_item_get_model (b));
  g_assert_cmpstr (resell_item_get_title (a), ==, resell_item_get_title (b));
  g_assert_cmpstr (resell_item_get_size (a), ==, resell_item_get_size (b));
  g_assert_cmpstr (resell_item_get_colour (a), ==, resell_item_get_colour (b));
  g_assert_cmpstr (resell_item_get_material (a), ==, resell_item_get_material (b));
  g_assert_cmpstr (resell_item_get_notes (a), ==, resell_item_get_notes (b));
  g_assert_cmpstr (resell_item_get_consignor (a), ==, resell_item_get_consignor (b));
  g_assert_cmpint (resell_item_get_state (a), ==, resell_item_get_state (b));
  g_assert_cmpint (resell_item_get_created_at (a), ==, resell_item_get_created_at (b));
  g_assert_cmpint (resell_item_get_updated_at (a), ==, resell_item_get_updated_at (b));
}

/* @sku is PREFIX-YYMMDD-NNN, the number three digits or more. */
gboolean
resell_test_sku_has_shape (const char *sku,
                           const char *prefix)
{
  g_autofree char *pattern = g_strdup_printf ("^%s-[0-9]{6}-[0-9]{3,}$", prefix);

  return g_regex_match_simple (pattern, sku, 0, 0);
}

/* Signal counters */

void
resell_test_count_signal_cb (ResellCatalog *catalog,
                             gpointer       arg,
                             guint         *count)
{
  (*count)++;
}
