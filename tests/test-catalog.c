/* test-catalog.c — opening a catalog, its items and their photos
 *
 * The schema, crash safety, and signals and threads have programs of
 * their own: test-catalog-schema, test-catalog-safety, test-catalog-events.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utime.h>

#include <glib/gstdio.h>

#include "resell-core.h"
#include "resell-test-utils.h"
#include "catalog-test-utils.h"
#include "catalog/resell-catalog-hooks.h"
#include "storage/resell-storage.h"

static char *
today_yymmdd (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%y%m%d");
}

/* Opening */

static void
test_open (ResellTestCatalogFixture *f,
           gconstpointer             data)
{
  g_autofree char *path = resell_test_catalog_db_path (f->dir);
  g_autofree char *mode = NULL;
  g_autofree char *canonical = g_canonicalize_filename (f->dir, NULL);
  sqlite3 *db;

  g_assert_cmpint (resell_catalog_get_schema_version (f->catalog), ==, RESELL_CATALOG_SCHEMA_VERSION);
  g_assert_cmpstr (resell_catalog_get_data_dir (f->catalog), ==, canonical);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  db = resell_test_raw_open (f->dir);
  mode = resell_test_raw_text (db, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");
  g_assert_cmpint (resell_test_raw_int (db, "PRAGMA user_version"), ==, RESELL_CATALOG_SCHEMA_VERSION);
  sqlite3_close (db);

  /* FULL (2), not WAL's usual NORMAL: with NORMAL a commit is only synced
   * at the next checkpoint, and an item the seller saw saved could vanish
   * in a power cut.  A per-connection setting, so asked of the catalog's
   * own connection. */
  g_assert_cmpint (resell_catalog_get_synchronous (f->catalog), ==, 2);
}

static void
test_open_nested_dir (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("resell-catalog-XXXXXX", NULL);
  g_autofree char *dir = g_build_filename (tmp, "not", "there", "yet", NULL);
  ResellCatalog *catalog;

  catalog = resell_catalog_open (dir, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (dir, G_FILE_TEST_IS_DIR));
  g_assert_finalize_object (catalog);

  resell_test_remove_path (tmp);
}

static void
test_default_data_dir (void)
{
  g_autofree char *with_env = NULL;
  g_autofree char *without_env = NULL;
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "resell", NULL);
  g_autofree char *saved = g_strdup (g_getenv ("RESELL_DATA_DIR"));

  g_setenv ("RESELL_DATA_DIR", "/somewhere/else", TRUE);
  with_env = resell_catalog_dup_default_data_dir ();
  g_assert_cmpstr (with_env, ==, "/somewhere/else");

  g_unsetenv ("RESELL_DATA_DIR");
  without_env = resell_catalog_dup_default_data_dir ();
  g_assert_cmpstr (without_env, ==, expected);

  if (saved != NULL)
    g_setenv ("RESELL_DATA_DIR", saved, TRUE);
}

static void
open_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  ResellCatalog **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = resell_catalog_open_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_open_async (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("resell-catalog-XXXXXX", NULL);
  g_autoptr(ResellItem) item = NULL;
  ResellCatalog *catalog = NULL;
  guint added = 0;

  resell_catalog_open_async (dir, NULL, open_cb, &catalog);
  while (catalog == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpint (resell_catalog_get_schema_version (catalog), ==, RESELL_CATALOG_SCHEMA_VERSION);

  /* Opened on a worker, yet signals come to the context that asked. */
  g_signal_connect (catalog, "item-added", G_CALLBACK (resell_test_count_signal_cb), &added);
  item = resell_test_insert_item (catalog, "Async");
  resell_test_iterate_until (&added, 1);

  resell_test_drain_main_context ();
  g_assert_finalize_object (catalog);
  resell_test_remove_path (dir);
}

static void
open_error_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GError **out = user_data;
  ResellCatalog *catalog;

  catalog = resell_catalog_open_finish (result, out);
  g_assert_null (catalog);
  g_assert_nonnull (*out);
}

static void
test_open_async_error (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("resell-catalog-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "catalog.db", NULL);

  g_assert_true (g_file_set_contents (path, "Not a database, just a note that happens to be "
                                            "called catalog.db and is long enough to be read.",
                                      -1, NULL));

  resell_catalog_open_async (dir, NULL, open_error_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_CORRUPT);

  resell_test_remove_path (dir);
}

/* Unfinished saves swept on open */

static int
compare_strings (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Asserts that @path holds exactly @expected (sorted), hidden names too. */
static void
assert_dir_names (const char         *path,
                  const char * const *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_strv_builder_add (builder, name);

  names = g_strv_builder_end (builder);
  g_qsort_with_data (names, g_strv_length (names), sizeof (char *), compare_strings, NULL);
  g_assert_cmpstrv (names, expected);
}

/* Makes @dir/@name (a file, or a folder when @is_dir) last modified
 * @age_seconds ago. */
static void
make_aged (const char *dir,
           const char *name,
           gint64      age_seconds,
           gboolean    is_dir)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  struct utimbuf times;

  if (is_dir)
    g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  else
    g_assert_true (g_file_set_contents (path, "half a photo", -1, NULL));

  times.actime = times.modtime = g_get_real_time () / G_USEC_PER_SEC - age_seconds;
  g_assert_cmpint (g_utime (path, &times), ==, 0);
}

static void
test_open_sweeps_unfinished_saves (gconstpointer data)
{
  gboolean async = GPOINTER_TO_INT (data);
  const gint64 old = RESELL_STORAGE_TEMP_MAX_AGE_SECONDS + 60;
  const gint64 young = RESELL_STORAGE_TEMP_MAX_AGE_SECONDS - 300;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("resell-catalog-XXXXXX", NULL);
  g_autofree char *item_dir = g_build_filename (dir, "items", "RS-200101-001", NULL);
  g_autofree char *originals = g_build_filename (item_dir, "originals", NULL);
  g_autofree char *other = g_build_filename (dir, "items", "RS-200101-002", "originals", NULL);
  g_autofree char *data_file = g_build_filename (dir, "items", "RS-200101-003", NULL);
  ResellCatalog *catalog = NULL;
  static const char * const kept[] = {
    ".IMG_2.jpg.Qw34Er.part",   /* a save still under way, or just killed */
    ".IMG_3.jpg.Zx56Cv.part",
    ".IMG_5.jpg.part",          /* not the app's pattern: no random part */
    ".IMG_6.jpg.ab-12c.part",
    ".IMG_7.jpg.Ab12Cd.part",   /* a folder */
    ".IMG_8.jpg.Ab12Cd.part",   /* a symbolic link */
    "001-IMG_4.jpg.Ab12Cd.part", /* not hidden */
    "IMG_1.jpg",                /* a photo */
    NULL
  };
  static const char * const other_kept[] = { NULL };
  static const char * const item_dir_kept[] = { ".notes.Ab12Cd.part", "originals", NULL };

  g_assert_cmpint (g_mkdir_with_parents (originals, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (other, 0700), ==, 0);
  /* Not a folder: the sweep passes it by. */
  g_assert_true (g_file_set_contents (data_file, "", -1, NULL));

  make_aged (originals, ".IMG_1.jpg.Ab12Cd.part", old, FALSE);
  make_aged (other, ".DSC_0001.JPG.x9Y8z7.part", old, FALSE);
  make_aged (originals, ".IMG_2.jpg.Qw34Er.part", young, FALSE);
  make_aged (originals, ".IMG_3.jpg.Zx56Cv.part", 0, FALSE);
  make_aged (originals, ".IMG_5.jpg.part", old, FALSE);
  make_aged (originals, ".IMG_6.jpg.ab-12c.part", old, FALSE);
  make_aged (originals, ".IMG_7.jpg.Ab12Cd.part", old, TRUE);
  make_aged (originals, "001-IMG_4.jpg.Ab12Cd.part", old, FALSE);
  {
    g_autofree char *link = g_build_filename (originals, ".IMG_8.jpg.Ab12Cd.part", NULL);
    struct timespec times[2] = { { g_get_real_time () / G_USEC_PER_SEC - old, 0 } };

    times[1] = times[0];
    g_assert_cmpint (symlink ("IMG_1.jpg", link), ==, 0);
    g_assert_cmpint (utimensat (AT_FDCWD, link, times, AT_SYMLINK_NOFOLLOW), ==, 0);
  }
  make_aged (originals, "IMG_1.jpg", old, FALSE);
  /* Saves only ever write into originals: nothing else is looked at. */
  make_aged (item_dir, ".notes.Ab12Cd.part", old, FALSE);

  /* Each file removed is named in the log, item by item in SKU order. */
  g_test_expect_message ("resell-storage", G_LOG_LEVEL_MESSAGE, "Removed */.IMG_1.jpg.Ab12Cd.part, *");
  g_test_expect_message ("resell-storage", G_LOG_LEVEL_MESSAGE, "Removed */.DSC_0001.JPG.x9Y8z7.part, *");

  if (async)
    {
      resell_catalog_open_async (dir, NULL, open_cb, &catalog);
      while (catalog == NULL)
        g_main_context_iteration (NULL, TRUE);
    }
  else
    {
      catalog = resell_catalog_open (dir, &error);
      g_assert_no_error (error);
    }

  g_test_assert_expected_messages ();

  assert_dir_names (originals, kept);
  assert_dir_names (other, other_kept);
  assert_dir_names (item_dir, item_dir_kept);

  resell_test_drain_main_context ();
  g_assert_finalize_object (catalog);
  resell_test_remove_path (dir);
}

/* Items */

static gboolean
insert_many (ResellCatalog  *catalog,
             gpointer        user_data,
             GError        **error)
{
  GPtrArray *items = user_data;

  while (items->len < 1200)
    {
      g_autoptr(ResellItem) item = resell_item_new ();

      resell_item_set_title (item, "Batch");
      if (!resell_catalog_insert_item (catalog, item, error))
        return FALSE;
      g_ptr_array_add (items, g_steal_pointer (&item));
    }

  return TRUE;
}

static void
test_insert (ResellTestCatalogFixture *f,
             gconstpointer             data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) skus = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(ResellItem) item = resell_item_new ();
  g_autoptr(ResellItem) by_id = NULL;
  g_autoptr(ResellItem) by_sku = NULL;
  g_autofree char *today = today_yymmdd ();
  g_autofree char *first_sku = NULL;
  g_autoptr(GPtrArray) more = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 before = g_get_real_time ();

  resell_item_set_category (item, "handbags");
  resell_item_set_brand (item, "Louis Vuitton");
  resell_item_set_model (item, "Speedy 30");
  resell_item_set_title (item, "Louis Vuitton Speedy 30 Monogram");
  resell_item_set_colour (item, "Brown");
  resell_item_set_material (item, "Coated canvas");
  resell_item_set_notes (item, "Light patina on handles");
  resell_item_set_consignor (item, "C-0042");
  resell_item_set_state (item, RESELL_ITEM_STATE_READY);

  g_assert_true (resell_catalog_insert_item (f->catalog, item, &error));
  g_assert_no_error (error);

  g_assert_cmpint (resell_item_get_id (item), >, 0);
  g_assert_true (resell_test_sku_has_shape (resell_item_get_sku (item), "RS"));
  first_sku = g_strdup_printf ("RS-%s-001", today);
  g_assert_cmpstr (resell_item_get_sku (item), ==, first_sku);
  g_assert_cmpint (resell_item_get_created_at (item), >=, before);
  g_assert_cmpint (resell_item_get_created_at (item), ==, resell_item_get_updated_at (item));

  by_id = resell_catalog_lookup_item (f->catalog, resell_item_get_id (item), &error);
  g_assert_no_error (error);
  resell_test_assert_items_equal (by_id, item);
  g_assert_cmpuint (resell_item_get_photo_count (by_id), ==, 0);
  g_assert_null (resell_item_get_cover_path (by_id));

  by_sku = resell_catalog_lookup_item_by_sku (f->catalog, resell_item_get_sku (item), &error);
  g_assert_no_error (error);
  resell_test_assert_items_equal (by_sku, item);

  /* Many more, the most in one transaction to spare the disk 1,200
   * fsyncs: every SKU well-formed, distinct, numbered in sequence, and
   * growing past three digits. */
  g_ptr_array_add (more, g_object_ref (item));
  for (guint i = 2; i <= 20; i++)
    g_ptr_array_add (more, resell_test_insert_item (f->catalog, "More"));
  g_assert_true (resell_catalog_run_in_transaction (f->catalog, insert_many, more, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (more->len, ==, 1200);

  for (guint i = 0; i < more->len; i++)
    {
      const char *sku = resell_item_get_sku (g_ptr_array_index (more, i));
      g_autofree char *expected = g_strdup_printf ("RS-%s-%03u", today, i + 1);

      g_assert_true (resell_test_sku_has_shape (sku, "RS"));
      g_assert_false (g_hash_table_contains (skus, sku));
      g_hash_table_add (skus, g_strdup (sku));

      /* Unless midnight passed during the test. */
      if (strstr (sku, today) != NULL)
        g_assert_cmpstr (sku, ==, expected);
    }

  g_assert_cmpuint (resell_catalog_count_items (f->catalog, &error), ==, 1200);
  g_assert_no_error (error);
}

static void
test_lookup_missing (ResellTestCatalogFixture *f,
                     gconstpointer             data)
{
  g_autoptr(GError) error = NULL;
  ResellItem *item;

  item = resell_catalog_lookup_item (f->catalog, 4242, &error);
  g_assert_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_NOT_FOUND);
  g_assert_null (item);
  g_clear_error (&error);

  item = resell_catalog_lookup_item_by_sku (f->catalog, "RS-000000-000", &error);
  g_assert_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_NOT_FOUND);
  g_assert_null (item);
}

static void
test_sku_prefix (ResellTestCatalogFixture *f,
                 gconstpointer             data)
{
  g_autoptr(ResellItem) item = NULL;
  guint notifies = 0;
  g_autofree char *prop = NULL;

  g_assert_cmpstr (resell_catalog_get_sku_prefix (f->catalog), ==, "RS");

  g_signal_connect (f->catalog, "notify::sku-prefix", G_CALLBACK (resell_test_count_notify_cb), &notifies);

  resell_catalog_set_sku_prefix (f->catalog, "vin-tage shop!");
  g_assert_cmpstr (resell_catalog_get_sku_prefix (f->catalog), ==, "VINTAGES");
  g_assert_cmpuint (notifies, ==, 1);
  resell_catalog_set_sku_prefix (f->catalog, "VINTAGES");
  g_assert_cmpuint (notifies, ==, 1);

  g_object_get (f->catalog, "sku-prefix", &prop, NULL);
  g_assert_cmpstr (prop, ==, "VINTAGES");

  item = resell_test_insert_item (f->catalog, "Prefixed");
  g_assert_true (resell_test_sku_has_shape (resell_item_get_sku (item), "VINTAGES"));

  resell_catalog_set_sku_prefix (f->catalog, "-- ");
  g_assert_cmpstr (resell_catalog_get_sku_prefix (f->catalog), ==, "RS");
  resell_catalog_set_sku_prefix (f->catalog, "é9x");
  g_assert_cmpstr (resell_catalog_get_sku_prefix (f->catalog), ==, "9X");
  resell_catalog_set_sku_prefix (f->catalog, NULL);
  g_assert_cmpstr (resell_catalog_get_sku_prefix (f->catalog), ==, "RS");
}

static void
test_explicit_sku (ResellTestCatalogFixture *f,
                   gconstpointer             data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResellItem) typed = resell_item_new ();
  g_autoptr(ResellItem) duplicate = resell_item_new ();
  g_autoptr(ResellItem) bad = resell_item_new ();
  g_autoptr(ResellItem) generated = NULL;
  g_autofree char *today = today_yymmdd ();
  g_autofree char *taken = g_strdup_printf ("RS-%s-001", today);
  g_autofree char *expected = g_strdup_printf ("RS-%s-002", today);

  /* A hand-typed SKU that the generator would have produced next. */
  resell_item_set_sku (typed, taken);
  g_assert_true (resell_catalog_insert_item (f->catalog, typed, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (resell_item_get_sku (typed), ==, taken);

  generated = resell_test_insert_item (f->catalog, "Generated");
  g_assert_cmpstr (resell_item_get_sku (generated), ==, expected);

  resell_item_set_sku (duplicate, taken);
  g_assert_false (resell_catalog_insert_item (f->catalog, duplicate, &error));
  g_assert_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, taken));
  g_clear_error (&error);
  /* A failed insert leaves the item as it was. */
  g_assert_cmpint (resell_item_get_id (duplicate), ==, 0);

  resell_item_set_sku (bad, "../../etc");
  g_assert_false (resell_catalog_insert_item (f->catalog, bad, &error));
  g_assert_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_FAILED);
  g_clear_error (&error);

  g_assert_null (resell_catalog_dup_originals_dir (f->catalog, "a/b", &error));
  g_assert_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_FAILED);

  g_assert_cmpuint (resell_catalog_count_items (f->catalog, NULL), ==, 2);
}

static void
test_update (ResellTestCatalogFixture *f,
             gconstpointer             data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResellItem) item = resell_test_insert_item (f->catalog, "Before");
  g_autoptr(ResellItem) other = resell_test_insert_item (f->catalog, "Other");
  g_autoptr(ResellItem) stored = NULL;
  g_autoptr(ResellItem) ghost = resell_item_new ();
  gint64 created = resell_item_get_created_at (item);
  gint64 updated = resell_item_get_updated_at (item);

  resell_item_set_sku (item, "HAND-TYPED-1");
  resell_item_set_category (item, "shoes");
  resell_item_set_brand (item, "Church's");
  resell_item_set_model (item, "Consul");
  resell_item_set_title (item, "Church's Consul Oxford, black calf");
  resell_item_set_size (item, "UK 9 / EU 43");
  resell_item_set_colour (item, "Black");
  resell_item_set_material (item, "Calf leather");
  resell_item_set_notes (item, "Resoled once; \"original\" box; it's fine");
  resell_item_set_consignor (item, "Jane Roe");
  resell_item_set_state (item, RESELL_ITEM_STATE_SUBMITTED);

  g_assert_true (resell_catalog_update_item (f->catalog, item, &error));
  g_assert_no_error (error);
  g_assert_cmpint (resell_item_get_updated_at (item), >, updated);
  g_assert_cmpint (resell_item_get_created_at (item), ==, created);

  stored = resell_catalog_lookup_item (f->catalog, resell_item_get_id (item), &error);
  g_assert_no_error (error);
  resell_test_assert_items_equal (stored, item);

  /* Fields back to empty are stored as empty. */
  resell_item_set_notes (item, NULL);
  resell_item_set_consignor (item, "");
  g_assert_true (resell_catalog_update_item (f->catalog, item, &error));
  g_clear_object (&stored);
  stored = resell_catalog_lookup_item (f->catalog, resell_item_get_id (item), &error);
  g_assert_cmpstr (resell_item_get_notes (stored), ==, "");
  g_assert_cmpstr (resell_item_get_consignor (stored), ==, "");

  /* The other item's SKU is taken. */
  resell_item_set_sku (item, resell_item_get_sku (other));
  g_assert_false (resell_catalog_update_item (f->catalog, item, &error));
  g_assert_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_CONSTRAINT);
  g_clear_error (&error);

  resell_item_set_id (ghost, 9999);
  resell_item_set_sku (ghost, "GHOST");
  g_assert_false (resell_catalog_update_item (f->catalog, ghost, &error));
  g_assert_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_NOT_FOUND);
}

static void
test_update_sku_moves_folder (ResellTestCatalogFixture *f,
                              gconstpointer             data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResellItem) item = resell_test_insert_item (f->catalog, "Renamed");
  g_autoptr(ResellPhoto) photo = resell_test_insert_photo (f->catalog, item, "front.jpg", "aaaa");
  g_autoptr(GPtrArray) photos = NULL;
  g_autofree char *old_dir = g_build_filename (f->dir, "items", resell_item_get_sku (item), NULL);
  g_autofree char *new_dir = g_build_filename (f->dir, "items", "NEW-SKU", NULL);
  g_autofree char *new_path = NULL;

  resell_item_set_sku (item, "NEW-SKU");
  g_assert_true (resell_catalog_update_item (f->catalog, item, &error));
  g_assert_no_error (error);

  g_assert_false (g_file_test (old_dir, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (new_dir, G_FILE_TEST_IS_DIR));

  photos = resell_catalog_list_photos (f->catalog, resell_item_get_id (item), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (photos->len, ==, 1);
  new_path = g_build_filename (new_dir, "originals", "front.jpg", NULL);
  g_assert_cmpstr (resell_photo_get_path (g_ptr_array_index (photos, 0)), ==, new_path);
  g_assert_true (g_file_test (new_path, G_FILE_TEST_IS_REGULAR));
}

static void
test_trash_restore (ResellTestCatalogFixture *f,
                    gconstpointer             data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResellItem) a = resell_test_insert_item (f->catalog, "A");
  g_autoptr(ResellItem) b = resell_test_insert_item (f->catalog, "B");
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(ResellItem) trashed = NULL;
  g_autoptr(ResellItem) restored = NULL;
  g_autofree char *message = NULL;

  g_assert_true (resell_catalog_trash_item (f->catalog, resell_item_get_id (a), &error));
  g_assert_no_error (error);

  items = resell_catalog_list_items (f->catalog, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpint (resell_item_get_id (g_ptr_array_index (items, 0)), ==, resell_item_get_id (b));
  g_assert_cmpuint (resell_catalog_count_items (f->catalog, NULL), ==, 1);
  g_clear_pointer (&items, g_ptr_array_unref);

  /* Still there for whoever knows it, e.g. an undo. */
  trashed = resell_catalog_lookup_item (f->catalog, resell_item_get_id (a), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (resell_item_get_title (trashed), ==, "A");
  g_clear_object (&trashed);

  /* But a SKU someone typed names an item to work on: not one in the trash. */
  trashed = resell_catalog_lookup_item_by_sku (f->catalog, resell_item_get_sku (a), &error);
  g_assert_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_NOT_FOUND);
  g_assert_null (trashed);
  message = g_strdup_printf ("The item “%s” is in the trash.", resell_item_get_sku (a));
  g_assert_cmpstr (error->message, ==, message);
  g_clear_error (&error);

  /* Twice is harmless. */
  g_assert_true (resell_catalog_trash_item (f->catalog, resell_item_get_id (a), &error));
  g_assert_no_error (error);

  g_assert_true (resell_catalog_restore_item (f->catalog, resell_item_get_id (a), &error));
  g_assert_no_error (error);
  items = resell_catalog_list_items (f->catalog, &error);
  g_assert_cmpuint (items->len, ==, 2);
  g_assert_cmpuint (resell_catalog_count_items (f->catalog, NULL), ==, 2);
  restored = resell_catalog_lookup_item_by_sku (f->catalog, resell_item_get_sku (a), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (resell_item_get_title (restored), ==, "A");

  g_assert_true (resell_catalog_restore_item (f->catalog, resell_item_get_id (a), &error));
  g_assert_no_error (error);

  g_assert_false (resell_catalog_trash_item (f->catalog, 777, &error));
  g_assert_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (resell_catalog_restore_item (f->catalog, 777, &error));
  g_assert_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_NOT_FOUND);
}

static void
test_purge (ResellTestCatalogFixture *f,
            gconstpointer             data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResellItem) old = resell_test_insert_item (f->catalog, "Old");
  g_autoptr(ResellItem) recent = resell_test_insert_item (f->catalog, "Recent");
  g_autoptr(ResellItem) kept = resell_test_insert_item (f->catalog, "Kept");
  g_autoptr(ResellPhoto) photo = resell_test_insert_photo (f->catalog, old, "a.jpg", "1111");
  g_autoptr(ResellPhoto) photo2 = resell_test_insert_photo (f->catalog, recent, "b.jpg", "2222");
  g_autoptr(ResellItem) missing = NULL;
  g_autofree char *old_dir = g_build_filename (f->dir, "items", resell_item_get_sku (old), NULL);
  g_autofree char *recent_dir = g_build_filename (f->dir, "items", resell_item_get_sku (recent), NULL);
  g_autofree char *nested = g_build_filename (old_dir, "cache", "listing", NULL);
  g_autofree char *nested_file = g_build_filename (nested, "1600.jpg", NULL);
  g_autofree char *outside = g_build_filename (f->dir, "precious.txt", NULL);
  g_autofree char *link = g_build_filename (old_dir, "link-to-outside", NULL);
  g_autofree char *path = resell_test_catalog_db_path (f->dir);
  gint64 cutoff;
  guint n_purged = 99;
  sqlite3 *db;

  g_assert_no_errno (g_mkdir_with_parents (nested, 0700));
  g_assert_true (g_file_set_contents (nested_file, "jpeg", -1, NULL));
  g_assert_true (g_file_set_contents (outside, "keep me", -1, NULL));
  g_assert_no_errno (symlink (outside, link));

  g_assert_true (resell_catalog_trash_item (f->catalog, resell_item_get_id (old), &error));
  cutoff = g_get_real_time () + 1;
  g_usleep (2000);
  g_assert_true (resell_catalog_trash_item (f->catalog, resell_item_get_id (recent), &error));
  g_assert_no_error (error);

  g_assert_true (resell_catalog_purge_trash (f->catalog, cutoff, &n_purged, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_purged, ==, 1);

  missing = resell_catalog_lookup_item (f->catalog, resell_item_get_id (old), &error);
  g_assert_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_NOT_FOUND);
  g_assert_null (missing);
  g_clear_error (&error);

  g_assert_false (g_file_test (old_dir, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (outside, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (recent_dir, G_FILE_TEST_IS_DIR));

  db = resell_test_raw_open (f->dir);
  g_assert_cmpint (resell_test_raw_int (db, "SELECT count(*) FROM photos"), ==, 1);
  g_assert_cmpint (resell_test_raw_int (db, "SELECT count(*) FROM items"), ==, 2);
  sqlite3_close (db);

  /* Everything in the trash; never what is not. */
  g_assert_true (resell_catalog_purge_trash (f->catalog, G_MAXINT64, &n_purged, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_purged, ==, 1);
  g_assert_false (g_file_test (recent_dir, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (resell_catalog_count_items (f->catalog, NULL), ==, 1);
  g_clear_object (&missing);
  missing = resell_catalog_lookup_item (f->catalog, resell_item_get_id (kept), &error);
  g_assert_no_error (error);

  g_assert_true (resell_catalog_purge_trash (f->catalog, G_MAXINT64, &n_purged, &error));
  g_assert_cmpuint (n_purged, ==, 0);
}

static void
test_list_order (ResellTestCatalogFixture *f,
                 gconstpointer             data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResellItem) first = resell_test_insert_item (f->catalog, "First");
  g_autoptr(ResellItem) second = resell_test_insert_item (f->catalog, "Second");
  g_autoptr(ResellItem) third = resell_test_insert_item (f->catalog, "Third");
  g_autoptr(ResellPhoto) p1 = resell_test_insert_photo (f->catalog, second, "1.jpg", "s1");
  g_autoptr(ResellPhoto) p2 = resell_test_insert_photo (f->catalog, second, "2.jpg", "s2");
  g_autoptr(GPtrArray) items = NULL;
  ResellItem *item;

  /* Touch the first: now it is the newest update. */
  resell_item_set_colour (first, "Red");
  g_assert_true (resell_catalog_update_item (f->catalog, first, &error));

  items = resell_catalog_list_items (f->catalog, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 3);

  g_assert_cmpstr (resell_item_get_title (g_ptr_array_index (items, 0)), ==, "First");
  g_assert_cmpstr (resell_item_get_title (g_ptr_array_index (items, 1)), ==, "Second");
  g_assert_cmpstr (resell_item_get_title (g_ptr_array_index (items, 2)), ==, "Third");

  item = g_ptr_array_index (items, 1);
  g_assert_cmpuint (resell_item_get_photo_count (item), ==, 2);
  g_assert_cmpstr (resell_item_get_cover_path (item), ==, resell_photo_get_path (p1));
  g_assert_cmpstr (resell_item_get_cover_sha256 (item), ==, "s1");

  item = g_ptr_array_index (items, 2);
  g_assert_cmpuint (resell_item_get_photo_count (item), ==, 0);
  g_assert_null (resell_item_get_cover_path (item));
  g_assert_null (resell_item_get_cover_sha256 (item));
}

/* Photos */

static void
test_photos (ResellTestCatalogFixture *f,
             gconstpointer             data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResellItem) item = resell_test_insert_item (f->catalog, "Bag");
  g_autoptr(ResellItem) other = resell_test_insert_item (f->catalog, "Other bag");
  g_autoptr(ResellPhoto) front = resell_test_insert_photo (f->catalog, item, "front.jpg", "f0f0");
  g_autoptr(ResellPhoto) back = resell_test_insert_photo (f->catalog, item, "back.jpg", "b0b0");
  g_autoptr(ResellPhoto) label = resell_test_insert_photo (f->catalog, item, "label.jpg", "1abe1");
  g_autoptr(ResellPhoto) same_bytes_elsewhere = resell_test_insert_photo (f->catalog, other, "front.jpg", "f0f0");
  g_autoptr(ResellPhoto) duplicate = resell_photo_new ();
  g_autoptr(ResellPhoto) orphan = resell_photo_new ();
  g_autoptr(ResellPhoto) found = NULL;
  g_autoptr(ResellPhoto) not_found = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  g_autoptr(ResellItem) stored = NULL;
  g_autofree char *stored_path = NULL;
  ResellPhoto *first;
  sqlite3 *db;

  g_assert_cmpint (resell_photo_get_id (front), >, 0);
  g_assert_cmpint (resell_photo_get_position (front), ==, 0);
  g_assert_cmpint (resell_photo_get_position (back), ==, 1);
  g_assert_cmpint (resell_photo_get_position (label), ==, 2);
  g_assert_cmpint (resell_photo_get_added_at (front), >, 0);

  resell_photo_set_slot (label, "brand-stamp");
  resell_photo_set_captured_at (label, G_GINT64_CONSTANT (1700000000000000));
  resell_photo_set_camera_model (label, "Canon EOS R6");
  resell_photo_set_checks (label, "{\"sharpness\":0.91}");
  g_assert_true (resell_catalog_update_photo (f->catalog, label, &error));
  g_assert_no_error (error);

  photos = resell_catalog_list_photos (f->catalog, resell_item_get_id (item), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (photos->len, ==, 3);
  first = g_ptr_array_index (photos, 0);
  g_assert_cmpint (resell_photo_get_id (first), ==, resell_photo_get_id (front));
  g_assert_cmpstr (resell_photo_get_path (first), ==, resell_photo_get_path (front));
  g_assert_cmpstr (resell_photo_get_original_name (first), ==, "front.jpg");
  g_assert_cmpint (resell_photo_get_width (first), ==, 6000);
  g_assert_cmpint (resell_photo_get_height (first), ==, 4000);
  g_assert_null (resell_photo_get_slot (first));
  first = g_ptr_array_index (photos, 2);
  g_assert_cmpstr (resell_photo_get_slot (first), ==, "brand-stamp");
  g_assert_cmpint (resell_photo_get_captured_at (first), ==, G_GINT64_CONSTANT (1700000000000000));
  g_assert_cmpstr (resell_photo_get_camera_model (first), ==, "Canon EOS R6");
  g_assert_cmpstr (resell_photo_get_checks (first), ==, "{\"sharpness\":0.91}");
  g_clear_pointer (&photos, g_ptr_array_unref);

  /* Stored as the absolute path that tools reading catalog.db can open. */
  db = resell_test_raw_open (f->dir);
  stored_path = resell_test_raw_text (db, "SELECT path FROM photos ORDER BY id LIMIT 1");
  sqlite3_close (db);
  g_assert_cmpstr (stored_path, ==, resell_photo_get_path (front));
  g_assert_true (g_path_is_absolute (stored_path));
  g_assert_true (g_file_test (stored_path, G_FILE_TEST_IS_REGULAR));

  stored = resell_catalog_lookup_item (f->catalog, resell_item_get_id (item), &error);
  g_assert_cmpuint (resell_item_get_photo_count (stored), ==, 3);
  g_assert_cmpstr (resell_item_get_cover_path (stored), ==, resell_photo_get_path (front));
  g_assert_cmpstr (resell_item_get_cover_sha256 (stored), ==, "f0f0");
  g_clear_object (&stored);

  found = resell_catalog_find_photo_by_sha256 (f->catalog, resell_item_get_id (item), "b0b0", &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpint (resell_photo_get_id (found), ==, resell_photo_get_id (back));
  not_found = resell_catalog_find_photo_by_sha256 (f->catalog, resell_item_get_id (item), "ffff", &error);
  g_assert_no_error (error);
  g_assert_null (not_found);

  /* The same bytes twice in one item. */
  resell_photo_set_item_id (duplicate, resell_item_get_id (item));
  resell_photo_set_path (duplicate, "/elsewhere/copy.jpg");
  resell_photo_set_sha256 (duplicate, "b0b0");
  g_assert_false (resell_catalog_insert_photo (f->catalog, duplicate, &error));
  g_assert_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_CONSTRAINT);
  g_assert_cmpint (resell_photo_get_id (duplicate), ==, 0);
  g_clear_error (&error);

  resell_photo_set_item_id (orphan, 31337);
  resell_photo_set_path (orphan, "/elsewhere/orphan.jpg");
  resell_photo_set_sha256 (orphan, "0000");
  g_assert_false (resell_catalog_insert_photo (f->catalog, orphan, &error));
  g_assert_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Reordering moves the cover. */
  resell_photo_set_position (front, 5);
  g_assert_true (resell_catalog_update_photo (f->catalog, front, &error));
  g_assert_no_error (error);
  stored = resell_catalog_lookup_item (f->catalog, resell_item_get_id (item), &error);
  g_assert_cmpstr (resell_item_get_cover_sha256 (stored), ==, "b0b0");
  g_clear_object (&stored);

  g_assert_true (resell_catalog_remove_photo (f->catalog, resell_photo_get_id (back), &error));
  g_assert_no_error (error);
  stored = resell_catalog_lookup_item (f->catalog, resell_item_get_id (item), &error);
  g_assert_cmpuint (resell_item_get_photo_count (stored), ==, 2);
  g_assert_cmpstr (resell_item_get_cover_sha256 (stored), ==, "1abe1");
  /* The original stays on disk. */
  g_assert_true (g_file_test (resell_photo_get_path (back), G_FILE_TEST_IS_REGULAR));

  g_assert_false (resell_catalog_remove_photo (f->catalog, resell_photo_get_id (back), &error));
  g_assert_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* New photos still go after the last one. */
  {
    g_autoptr(ResellPhoto) extra = resell_test_insert_photo (f->catalog, item, "extra.jpg", "e0e0");
    g_assert_cmpint (resell_photo_get_position (extra), ==, 6);
  }
}

static void
test_photo_edits (ResellTestCatalogFixture *f,
                  gconstpointer             data)
{
  const char *cropped = "{\"rotate\":0,\"straighten\":1.25,\"crop\":[0.1,0.05,0.8,0.9],"
                        "\"auto_trim\":true,\"whiten\":false}";
  const char *turned = "{\"rotate\":270}";
  g_autoptr(GError) error = NULL;
  g_autoptr(ResellItem) item = resell_test_insert_item (f->catalog, "Bag");
  g_autoptr(ResellPhoto) plain = resell_test_insert_photo (f->catalog, item, "front.jpg", "f0f0");
  g_autoptr(ResellPhoto) edited = resell_photo_new ();
  g_autoptr(ResellPhoto) found = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  guint notifies = 0;

  /* A property like any other of the photo. */
  g_signal_connect (edited, "notify::edits", G_CALLBACK (resell_test_count_notify_cb), &notifies);
  g_assert_null (resell_photo_get_edits (edited));
  resell_photo_set_edits (edited, turned);
  resell_photo_set_edits (edited, turned);
  g_assert_cmpuint (notifies, ==, 1);
  g_object_set (edited, "edits", cropped, NULL);
  g_assert_cmpstr (resell_photo_get_edits (edited), ==, cropped);
  g_assert_cmpuint (notifies, ==, 2);

  /* Stored at insert... */
  resell_photo_set_item_id (edited, resell_item_get_id (item));
  resell_photo_set_path (edited, "/elsewhere/back.jpg");
  resell_photo_set_sha256 (edited, "b0b0");
  g_assert_true (resell_catalog_insert_photo (f->catalog, edited, &error));
  g_assert_no_error (error);

  photos = resell_catalog_list_photos (f->catalog, resell_item_get_id (item), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (photos->len, ==, 2);
  g_assert_null (resell_photo_get_edits (g_ptr_array_index (photos, 0)));
  g_assert_cmpstr (resell_photo_get_edits (g_ptr_array_index (photos, 1)), ==, cropped);
  g_clear_pointer (&photos, g_ptr_array_unref);

  /* ...changed by update_photo... */
  resell_photo_set_edits (plain, turned);
  resell_photo_set_edits (edited, NULL);
  g_assert_true (resell_catalog_update_photo (f->catalog, plain, &error));
  g_assert_no_error (error);
  g_assert_true (resell_catalog_update_photo (f->catalog, edited, &error));
  g_assert_no_error (error);

  photos = resell_catalog_list_photos (f->catalog, resell_item_get_id (item), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (photos->len, ==, 2);
  g_assert_cmpint (resell_photo_get_id (g_ptr_array_index (photos, 0)), ==, resell_photo_get_id (plain));
  g_assert_cmpstr (resell_photo_get_edits (g_ptr_array_index (photos, 0)), ==, turned);
  /* NULL: back to the defaults. */
  g_assert_null (resell_photo_get_edits (g_ptr_array_index (photos, 1)));

  /* ...and read by every query that returns photos. */
  found = resell_catalog_find_photo_by_sha256 (f->catalog, resell_item_get_id (item), "f0f0", &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpstr (resell_photo_get_edits (found), ==, turned);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  int ret;

  /* One private home for the whole run, before GLib first reads it. */
  home = resell_test_make_private_home ("resell-test-catalog-home-XXXXXX");

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, ResellTestCatalogFixture, NULL, \
              resell_test_catalog_fixture_set_up, func, resell_test_catalog_fixture_tear_down)

  ADD ("/catalog/open", test_open);
  g_test_add_func ("/catalog/open-nested-dir", test_open_nested_dir);
  g_test_add_func ("/catalog/default-data-dir", test_default_data_dir);
  g_test_add_func ("/catalog/open-async", test_open_async);
  g_test_add_func ("/catalog/open-async-error", test_open_async_error);
  g_test_add_data_func ("/catalog/open/sweeps-unfinished-saves", GINT_TO_POINTER (FALSE),
                        test_open_sweeps_unfinished_saves);
  g_test_add_data_func ("/catalog/open-async/sweeps-unfinished-saves", GINT_TO_POINTER (TRUE),
                        test_open_sweeps_unfinished_saves);

  ADD ("/catalog/insert", test_insert);
  ADD ("/catalog/lookup-missing", test_lookup_missing);
  ADD ("/catalog/sku-prefix", test_sku_prefix);
  ADD ("/catalog/explicit-sku", test_explicit_sku);
  ADD ("/catalog/update", test_update);
  ADD ("/catalog/update-sku-moves-folder", test_update_sku_moves_folder);
  ADD ("/catalog/trash-restore", test_trash_restore);
  ADD ("/catalog/purge", test_purge);
  ADD ("/catalog/list-order", test_list_order);
  ADD ("/catalog/photos", test_photos);
  ADD ("/catalog/photo-edits", test_photo_edits);

#undef ADD

  ret = g_test_run ();

  resell_test_remove_path (home);

  return ret;
}
