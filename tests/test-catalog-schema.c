/* test-catalog-schema.c — catalogs older Resells left, one a newer Resell
 * left, and damaged ones
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "resell-core.h"
#include "resell-test-utils.h"
#include "catalog-test-utils.h"

/* Opens the catalog in @dir, which must come up at the current version. */
static ResellCatalog *
open_current (const char *dir)
{
  g_autoptr(GError) error = NULL;
  ResellCatalog *catalog;

  catalog = resell_catalog_open (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpint (resell_catalog_get_schema_version (catalog), ==, RESELL_CATALOG_SCHEMA_VERSION);

  return catalog;
}

static void
test_migrate_from_v1 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("resell-catalog-XXXXXX", NULL);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  g_autoptr(ResellItem) added = NULL;
  g_autoptr(ResellItem) old_item = NULL;
  ResellCatalog *catalog;
  ResellItem *item;
  sqlite3 *db;

  /* A catalog as the first release left it, with a seller's data in it. */
  db = resell_test_raw_open_at_version (dir, 1);
  resell_test_raw_exec (db,
                        "INSERT INTO items (id, sku, category, brand, title, state, created_at, updated_at) "
                        "VALUES (1, 'RS-230101-001', 'watches-jewellery', 'Omega', 'Omega Seamaster 300', "
                        "        'ready', 1672560000000000, 1672560000000000);"
                        "INSERT INTO items (id, sku, category, brand, title, state, created_at, updated_at) "
                        "VALUES (2, 'RS-230101-002', 'books-media', '', 'First edition', "
                        "        'draft', 1672560001000000, 1672560002000000);"
                        "INSERT INTO photos (item_id, position, path, original_name, sha256, width, height, added_at) "
                        "VALUES (1, 0, '/photos/RS-230101-001/dial.jpg', 'IMG_1.JPG', 'aa', 10, 10, 1),"
                        "       (1, 1, '/photos/RS-230101-001/back.jpg', 'IMG_2.JPG', 'bb', 10, 10, 2);");
  g_assert_cmpint (resell_test_raw_int (db, "SELECT count(*) FROM pragma_table_info('items') WHERE name = 'trashed_at'"), ==, 0);
  sqlite3_close (db);

  catalog = open_current (dir);

  items = resell_catalog_list_items (catalog, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 2);
  item = g_ptr_array_index (items, 0);
  g_assert_cmpstr (resell_item_get_sku (item), ==, "RS-230101-002");
  g_assert_cmpstr (resell_item_get_title (item), ==, "First edition");
  item = g_ptr_array_index (items, 1);
  g_assert_cmpstr (resell_item_get_sku (item), ==, "RS-230101-001");
  g_assert_cmpstr (resell_item_get_brand (item), ==, "Omega");
  g_assert_cmpint (resell_item_get_state (item), ==, RESELL_ITEM_STATE_READY);
  g_assert_cmpint (resell_item_get_created_at (item), ==, G_GINT64_CONSTANT (1672560000000000));
  g_assert_cmpuint (resell_item_get_photo_count (item), ==, 2);
  g_assert_cmpstr (resell_item_get_cover_path (item), ==, "/photos/RS-230101-001/dial.jpg");
  g_assert_cmpstr (resell_item_get_cover_sha256 (item), ==, "aa");

  photos = resell_catalog_list_photos (catalog, 1, &error);
  g_assert_cmpuint (photos->len, ==, 2);
  g_assert_cmpstr (resell_photo_get_original_name (g_ptr_array_index (photos, 1)), ==, "IMG_2.JPG");

  /* What version 2 brought works on the old rows. */
  g_assert_true (resell_catalog_trash_item (catalog, 2, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (resell_catalog_count_items (catalog, NULL), ==, 1);
  added = resell_test_insert_item (catalog, "After the upgrade");
  g_assert_true (resell_test_sku_has_shape (resell_item_get_sku (added), "RS"));
  old_item = resell_catalog_lookup_item_by_sku (catalog, "RS-230101-001", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (resell_item_get_title (old_item), ==, "Omega Seamaster 300");

  resell_test_drain_main_context ();
  g_assert_finalize_object (catalog);

  db = resell_test_raw_open (dir);
  g_assert_cmpint (resell_test_raw_int (db, "PRAGMA user_version"), ==, RESELL_CATALOG_SCHEMA_VERSION);
  g_assert_cmpint (resell_test_raw_int (db, "SELECT count(*) FROM items"), ==, 3);
  g_assert_cmpint (resell_test_raw_int (db, "SELECT count(*) FROM sqlite_master WHERE name = 'items_updated_at'"), ==, 1);
  sqlite3_close (db);

  /* Opening again has nothing left to do. */
  catalog = open_current (dir);
  g_assert_cmpuint (resell_catalog_count_items (catalog, NULL), ==, 2);
  g_assert_finalize_object (catalog);

  resell_test_remove_path (dir);
}

static void
test_migrate_from_v2 (void)
{
  const char *edits = "{\"rotate\":90,\"straighten\":-2.5,\"auto_trim\":false}";
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("resell-catalog-XXXXXX", NULL);
  g_autofree char *stored_edits = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  ResellCatalog *catalog;
  ResellPhoto *photo;
  sqlite3 *db;

  /* A catalog as version 2 left it: one item in the trash, photos with
   * check results. */
  db = resell_test_raw_open_at_version (dir, 2);
  resell_test_raw_exec (db,
                        "INSERT INTO items (id, sku, category, brand, title, state, created_at, updated_at) "
                        "VALUES (1, 'RS-240301-001', 'handbags', 'Longchamp', 'Le Pliage', "
                        "        'ready', 1709251200000000, 1709251200000000);"
                        "INSERT INTO items (id, sku, category, title, created_at, updated_at, trashed_at) "
                        "VALUES (2, 'RS-240301-002', 'clothing', 'Old coat', "
                        "        1709251201000000, 1709251202000000, 1709251203000000);"
                        "INSERT INTO sku_counters (day, next) VALUES ('240301', 3);"
                        "INSERT INTO photos (item_id, slot, position, path, original_name, sha256, width, height, "
                        "                    captured_at, camera_model, checks, added_at) "
                        "VALUES (1, 'front', 0, '/photos/RS-240301-001/front.jpg', 'IMG_1.JPG', 'aa', 40, 30, "
                        "        1709251100000000, 'Canon EOS R6', '{\"sharpness\":0.8}', 1),"
                        "       (1, NULL, 1, '/photos/RS-240301-001/extra.jpg', 'IMG_2.JPG', 'bb', 30, 40, "
                        "        0, NULL, NULL, 2);");
  g_assert_cmpint (resell_test_raw_int (db, "SELECT count(*) FROM pragma_table_info('photos') WHERE name = 'edits'"), ==, 0);
  sqlite3_close (db);

  catalog = open_current (dir);

  /* The rows are all there, as they were. */
  items = resell_catalog_list_items (catalog, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpstr (resell_item_get_sku (g_ptr_array_index (items, 0)), ==, "RS-240301-001");
  g_assert_cmpuint (resell_item_get_photo_count (g_ptr_array_index (items, 0)), ==, 2);
  g_assert_true (resell_catalog_restore_item (catalog, 2, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (resell_catalog_count_items (catalog, NULL), ==, 2);

  photos = resell_catalog_list_photos (catalog, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (photos->len, ==, 2);
  photo = g_ptr_array_index (photos, 0);
  g_assert_cmpstr (resell_photo_get_slot (photo), ==, "front");
  g_assert_cmpstr (resell_photo_get_path (photo), ==, "/photos/RS-240301-001/front.jpg");
  g_assert_cmpstr (resell_photo_get_sha256 (photo), ==, "aa");
  g_assert_cmpint (resell_photo_get_width (photo), ==, 40);
  g_assert_cmpint (resell_photo_get_captured_at (photo), ==, G_GINT64_CONSTANT (1709251100000000));
  g_assert_cmpstr (resell_photo_get_camera_model (photo), ==, "Canon EOS R6");
  g_assert_cmpstr (resell_photo_get_checks (photo), ==, "{\"sharpness\":0.8}");
  /* No edits yet: the defaults. */
  g_assert_null (resell_photo_get_edits (photo));
  g_assert_null (resell_photo_get_edits (g_ptr_array_index (photos, 1)));

  /* The new column takes edits for the old rows. */
  resell_photo_set_edits (photo, edits);
  g_assert_true (resell_catalog_update_photo (catalog, photo, &error));
  g_assert_no_error (error);

  resell_test_drain_main_context ();
  g_assert_finalize_object (catalog);

  db = resell_test_raw_open (dir);
  g_assert_cmpint (resell_test_raw_int (db, "PRAGMA user_version"), ==, RESELL_CATALOG_SCHEMA_VERSION);
  g_assert_cmpint (resell_test_raw_int (db, "SELECT count(*) FROM pragma_table_info('photos') WHERE name = 'edits'"), ==, 1);
  g_assert_cmpint (resell_test_raw_int (db, "SELECT count(*) FROM items"), ==, 2);
  g_assert_cmpint (resell_test_raw_int (db, "SELECT count(*) FROM photos"), ==, 2);
  g_assert_cmpint (resell_test_raw_int (db, "SELECT next FROM sku_counters WHERE day = '240301'"), ==, 3);
  g_assert_cmpint (resell_test_raw_int (db, "SELECT count(*) FROM photos WHERE edits IS NULL"), ==, 1);
  stored_edits = resell_test_raw_text (db, "SELECT edits FROM photos WHERE sha256 = 'aa'");
  g_assert_cmpstr (stored_edits, ==, edits);
  sqlite3_close (db);

  resell_test_remove_path (dir);
}

static void
test_too_new (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("resell-catalog-XXXXXX", NULL);
  ResellCatalog *catalog;
  sqlite3 *db;

  db = resell_test_raw_open (dir);
  resell_test_raw_exec (db, "CREATE TABLE future (x); PRAGMA user_version = 999;");
  sqlite3_close (db);

  catalog = resell_catalog_open (dir, &error);
  g_assert_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_TOO_NEW);
  g_assert_null (catalog);
  g_assert_nonnull (strstr (error->message, "999"));
  g_test_message ("%s", error->message);

  /* Left exactly as the newer Resell wrote it. */
  db = resell_test_raw_open (dir);
  g_assert_cmpint (resell_test_raw_int (db, "PRAGMA user_version"), ==, 999);
  g_assert_cmpint (resell_test_raw_int (db, "SELECT count(*) FROM sqlite_master WHERE name = 'items'"), ==, 0);
  sqlite3_close (db);

  resell_test_remove_path (dir);
}

static void
fill_random (guint8 *bytes,
             gsize   len)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  for (gsize i = 0; i < len; i++)
    bytes[i] = (guint8) g_rand_int_range (rand, 0, 256);
}

static void
test_corrupt_random (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("resell-catalog-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "catalog.db", NULL);
  g_autofree guint8 *bytes = g_malloc (64 * 1024);
  ResellCatalog *catalog;

  fill_random (bytes, 64 * 1024);
  g_assert_true (g_file_set_contents (path, (const char *) bytes, 64 * 1024, NULL));

  catalog = resell_catalog_open (dir, &error);
  g_assert_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_CORRUPT);
  g_assert_null (catalog);
  g_assert_nonnull (strstr (error->message, path));
  g_test_message ("%s", error->message);

  resell_test_remove_path (dir);
}

/* A real catalog with some of its pages overwritten: the header is fine,
 * so SQLite only notices when it reads the damaged pages. */
static void
test_corrupt_pages (gconstpointer data)
{
  gsize offset = GPOINTER_TO_SIZE (data);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("resell-catalog-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "catalog.db", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) items = NULL;
  ResellCatalog *catalog;
  gsize len;

  catalog = resell_catalog_open (dir, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 300; i++)
    g_object_unref (resell_test_insert_item (catalog, "An item with a title long enough to fill pages"));
  resell_test_drain_main_context ();
  /* The last connection to close checkpoints the WAL into the file. */
  g_assert_finalize_object (catalog);

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, offset + 3 * 4096);
  fill_random ((guint8 *) contents + offset, 3 * 4096 - (offset % 4096));
  g_assert_true (g_file_set_contents (path, contents, len, NULL));

  catalog = resell_catalog_open (dir, &error);
  if (catalog != NULL)
    {
      items = resell_catalog_list_items (catalog, &error);
      g_assert_null (items);
      g_assert_finalize_object (catalog);
    }

  g_assert_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, path));
  g_test_message ("%s", error->message);

  resell_test_remove_path (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  int ret;

  /* One private home for the whole run, before GLib first reads it. */
  home = resell_test_make_private_home ("resell-test-catalog-schema-home-XXXXXX");

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, ResellTestCatalogFixture, NULL, \
              resell_test_catalog_fixture_set_up, func, resell_test_catalog_fixture_tear_down)

  g_test_add_func ("/catalog/schema/migrate-from-v1", test_migrate_from_v1);
  g_test_add_func ("/catalog/schema/migrate-from-v2", test_migrate_from_v2);
  g_test_add_func ("/catalog/schema/too-new", test_too_new);
  g_test_add_func ("/catalog/schema/corrupt/random", test_corrupt_random);
  /* Page 1 past its 100-byte header holds the schema; later pages, rows. */
  g_test_add_data_func ("/catalog/schema/corrupt/schema-page", GSIZE_TO_POINTER (100), test_corrupt_pages);
  g_test_add_data_func ("/catalog/schema/corrupt/table-pages", GSIZE_TO_POINTER (4096), test_corrupt_pages);

#undef ADD

  ret = g_test_run ();

  resell_test_remove_path (home);

  return ret;
}
