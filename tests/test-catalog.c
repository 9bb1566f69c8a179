/* test-catalog.c
 *
 * Over 1,000 lines for now: its fsync() interposer (which proves new
 * folders are synced) must be defined once per program, and the schema,
 * crash-safety and threading cases share its raw-SQLite helpers.  Splitting
 * it by concern, with those helpers in resell-test-utils, is still to do.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
/* RTLD_NEXT */
#define _GNU_SOURCE

#include "config.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utime.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "resell-core.h"
#include "resell-test-utils.h"
#include "catalog/resell-catalog-hooks.h"
#include "storage/resell-storage.h"

typedef struct
{
  char          *dir;
  ResellCatalog *catalog;
} Fixture;

/* fsync() watch */

/* The core is linked statically, so this fsync() is the one it calls (and
 * SQLite's and GLib's too).  Every call goes on to the real fsync(); while
 * a test watches, the folders synced are noted by device and inode. */

typedef struct
{
  dev_t dev;
  ino_t ino;
} DirId;

static GMutex synced_lock;
static GArray *synced_dirs;

int
fsync (int fd)
{
  static gsize real_init;
  static int (*real_fsync) (int);
  struct stat st;

  if (g_once_init_enter (&real_init))
    {
      real_fsync = (int (*) (int)) dlsym (RTLD_NEXT, "fsync");
      g_once_init_leave (&real_init, 1);
    }
  g_assert_nonnull (real_fsync);

  g_mutex_lock (&synced_lock);
  if (synced_dirs != NULL && fstat (fd, &st) == 0 && S_ISDIR (st.st_mode))
    {
      DirId id = { st.st_dev, st.st_ino };
      g_array_append_val (synced_dirs, id);
    }
  g_mutex_unlock (&synced_lock);

  return real_fsync (fd);
}

static void
watch_fsync_start (void)
{
  g_mutex_lock (&synced_lock);
  g_assert_null (synced_dirs);
  synced_dirs = g_array_new (FALSE, FALSE, sizeof (DirId));
  g_mutex_unlock (&synced_lock);
}

/* Stops watching; returns the folders synced meanwhile. */
static GArray *
watch_fsync_stop (void)
{
  GArray *dirs;

  g_mutex_lock (&synced_lock);
  dirs = g_steal_pointer (&synced_dirs);
  g_mutex_unlock (&synced_lock);

  return dirs;
}

static gboolean
was_synced (GArray     *dirs,
            const char *path)
{
  GStatBuf st;

  g_assert_no_errno (g_stat (path, &st));

  for (guint i = 0; i < dirs->len; i++)
    {
      const DirId *id = &g_array_index (dirs, DirId, i);

      if (id->dev == st.st_dev && id->ino == st.st_ino)
        return TRUE;
    }

  return FALSE;
}

/* Helpers */

static char *
db_path (Fixture *f)
{
  return g_build_filename (f->dir, "catalog.db", NULL);
}

static sqlite3 *
raw_open (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "catalog.db", NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                   ==, SQLITE_OK);

  return db;
}

/* A new catalog.db in @dir, as a Resell that knew up to schema @version
 * left it. */
static sqlite3 *
raw_open_at_version (const char *dir,
                     int         version)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "catalog.db", NULL);
  sqlite3 *db = raw_open (dir);
  int reached = -1;

  g_assert_true (resell_catalog_schema_migrate (db, path, version, &reached, &error));
  g_assert_no_error (error);
  g_assert_cmpint (reached, ==, version);

  return db;
}

static void
raw_exec (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static gint64
raw_int (sqlite3    *db,
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

static char *
raw_text (sqlite3    *db,
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

static ResellItem *
insert_item (ResellCatalog *catalog,
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

static ResellPhoto *
insert_photo (ResellCatalog *catalog,
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

static void
assert_items_equal (ResellItem *a,
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

static char *
today_yymmdd (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%y%m%d");
}

/* Fixture */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("resell-catalog-XXXXXX", &error);
  g_assert_no_error (error);

  f->catalog = resell_catalog_open (f->dir, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->catalog);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  resell_test_drain_main_context ();

  if (f->catalog != NULL)
    g_assert_finalize_object (f->catalog);

  resell_test_remove_path (f->dir);
  g_free (f->dir);
}

/* ResellItem */

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_item_properties (void)
{
  g_autoptr(ResellItem) item = resell_item_new ();
  g_autoptr(ResellItem) copy = NULL;
  g_autoptr(ResellItem) other = NULL;
  guint notifies = 0;
  g_autofree char *sku = NULL;

  g_assert_cmpstr (resell_item_get_title (item), ==, "");
  g_assert_cmpstr (resell_item_get_sku (item), ==, "");
  g_assert_null (resell_item_get_cover_path (item));
  g_object_get (item, "sku", &sku, NULL);
  g_assert_cmpstr (sku, ==, "");

  g_signal_connect (item, "notify", G_CALLBACK (count_notify_cb), &notifies);

  resell_item_set_title (item, "Speedy 30");
  g_assert_cmpuint (notifies, ==, 1);
  resell_item_set_title (item, "Speedy 30");
  g_assert_cmpuint (notifies, ==, 1);
  resell_item_set_title (item, NULL);
  g_assert_cmpuint (notifies, ==, 2);
  g_assert_cmpstr (resell_item_get_title (item), ==, "");
  resell_item_set_title (item, "");
  g_assert_cmpuint (notifies, ==, 2);

  resell_item_set_state (item, RESELL_ITEM_STATE_READY);
  resell_item_set_state (item, RESELL_ITEM_STATE_READY);
  g_assert_cmpuint (notifies, ==, 3);
  g_object_set (item, "brand", "Louis Vuitton", "photo-count", 3u, NULL);
  g_assert_cmpuint (notifies, ==, 5);

  copy = resell_item_copy (item);
  g_assert_cmpstr (resell_item_get_brand (copy), ==, "Louis Vuitton");
  g_assert_cmpuint (resell_item_get_photo_count (copy), ==, 3);
  g_assert_cmpint (resell_item_get_state (copy), ==, RESELL_ITEM_STATE_READY);

  /* Copying an identical item onto it changes nothing, so says nothing. */
  resell_item_update_from (item, copy);
  g_assert_cmpuint (notifies, ==, 5);

  other = resell_item_new ();
  resell_item_set_model (other, "Neverfull");
  resell_item_update_from (item, other);
  g_assert_cmpstr (resell_item_get_model (item), ==, "Neverfull");
  g_assert_cmpstr (resell_item_get_brand (item), ==, "");
  g_assert_cmpint (resell_item_get_state (item), ==, RESELL_ITEM_STATE_DRAFT);
}

static void
test_item_state (void)
{
  ResellItemState state;
  GEnumClass *klass;

  g_assert_cmpstr (resell_item_state_to_string (RESELL_ITEM_STATE_DRAFT), ==, "draft");
  g_assert_cmpstr (resell_item_state_to_string (RESELL_ITEM_STATE_SUBMITTED), ==, "submitted");
  g_assert_true (resell_item_state_from_string ("uploading", &state));
  g_assert_cmpint (state, ==, RESELL_ITEM_STATE_UPLOADING);
  g_assert_false (resell_item_state_from_string ("sold", &state));
  g_assert_false (resell_item_state_from_string (NULL, &state));
  g_assert_cmpstr (resell_item_state_get_label (RESELL_ITEM_STATE_QUEUED), ==, "Queued");

  klass = g_type_class_ref (RESELL_TYPE_ITEM_STATE);
  g_assert_cmpuint (klass->n_values, ==, 5);
  g_assert_cmpstr (g_enum_get_value (klass, RESELL_ITEM_STATE_READY)->value_nick, ==, "ready");
  g_type_class_unref (klass);
}

static void
test_item_display_and_match (void)
{
  g_autoptr(ResellItem) item = resell_item_new ();
  g_autofree char *title1 = NULL;
  g_autofree char *title2 = NULL;
  g_autofree char *title3 = NULL;
  g_autofree char *needle = g_utf8_casefold ("ÉTÉ", -1);

  resell_item_set_sku (item, "RS-240101-001");
  title1 = resell_item_dup_display_title (item);
  g_assert_cmpstr (title1, ==, "RS-240101-001");

  resell_item_set_brand (item, "Hermès");
  resell_item_set_model (item, "Kelly");
  title2 = resell_item_dup_display_title (item);
  g_assert_cmpstr (title2, ==, "Hermès Kelly");

  resell_item_set_title (item, "  Kelly 28 in gold  ");
  title3 = resell_item_dup_display_title (item);
  g_assert_cmpstr (title3, ==, "Kelly 28 in gold");

  g_assert_true (resell_item_matches (item, "kelly"));
  g_assert_true (resell_item_matches (item, "hermès"));
  g_assert_true (resell_item_matches (item, "240101"));
  g_assert_false (resell_item_matches (item, "chanel"));
  g_assert_false (resell_item_matches (item, needle));
  resell_item_set_notes (item, "Worn one summer (été)");
  g_assert_true (resell_item_matches (item, needle));
  resell_item_set_consignor (item, "Ana Lopez");
  g_assert_true (resell_item_matches (item, "lopez"));
}

static void
test_photo_properties (void)
{
  g_autoptr(ResellPhoto) photo = resell_photo_new ();
  guint notifies = 0;

  g_signal_connect (photo, "notify", G_CALLBACK (count_notify_cb), &notifies);

  g_assert_null (resell_photo_get_slot (photo));
  resell_photo_set_slot (photo, "front");
  resell_photo_set_slot (photo, "front");
  g_assert_cmpuint (notifies, ==, 1);
  resell_photo_set_slot (photo, "");
  g_assert_null (resell_photo_get_slot (photo));
  g_assert_cmpuint (notifies, ==, 2);

  g_object_set (photo, "width", 10, "height", 20, "captured-at", G_GINT64_CONSTANT (5), NULL);
  g_assert_cmpint (resell_photo_get_width (photo), ==, 10);
  g_assert_cmpint (resell_photo_get_height (photo), ==, 20);
  g_assert_cmpint (resell_photo_get_captured_at (photo), ==, 5);
  g_assert_cmpuint (notifies, ==, 5);
}

/* Opening */

static void
test_open (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *path = db_path (f);
  g_autofree char *mode = NULL;
  g_autofree char *canonical = g_canonicalize_filename (f->dir, NULL);
  sqlite3 *db;

  g_assert_cmpint (resell_catalog_get_schema_version (f->catalog), ==, RESELL_CATALOG_SCHEMA_VERSION);
  g_assert_cmpstr (resell_catalog_get_data_dir (f->catalog), ==, canonical);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  db = raw_open (f->dir);
  mode = raw_text (db, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");
  g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==, RESELL_CATALOG_SCHEMA_VERSION);
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
count_signal_cb (ResellCatalog *catalog,
                 gpointer       arg,
                 guint         *count)
{
  (*count)++;
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
  g_signal_connect (catalog, "item-added", G_CALLBACK (count_signal_cb), &added);
  item = insert_item (catalog, "Async");
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

  /* Each file removed is named in the log. */
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
sku_has_shape (const char *sku,
               const char *prefix)
{
  g_autofree char *pattern = g_strdup_printf ("^%s-[0-9]{6}-[0-9]{3,}$", prefix);

  return g_regex_match_simple (pattern, sku, 0, 0);
}

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
test_insert (Fixture       *f,
             gconstpointer  data)
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
  g_assert_true (sku_has_shape (resell_item_get_sku (item), "RS"));
  first_sku = g_strdup_printf ("RS-%s-001", today);
  g_assert_cmpstr (resell_item_get_sku (item), ==, first_sku);
  g_assert_cmpint (resell_item_get_created_at (item), >=, before);
  g_assert_cmpint (resell_item_get_created_at (item), ==, resell_item_get_updated_at (item));

  by_id = resell_catalog_lookup_item (f->catalog, resell_item_get_id (item), &error);
  g_assert_no_error (error);
  assert_items_equal (by_id, item);
  g_assert_cmpuint (resell_item_get_photo_count (by_id), ==, 0);
  g_assert_null (resell_item_get_cover_path (by_id));

  by_sku = resell_catalog_lookup_item_by_sku (f->catalog, resell_item_get_sku (item), &error);
  g_assert_no_error (error);
  assert_items_equal (by_sku, item);

  /* Many more, the most in one transaction to spare the disk 1,200
   * fsyncs: every SKU well-formed, distinct, numbered in sequence, and
   * growing past three digits. */
  g_ptr_array_add (more, g_object_ref (item));
  for (guint i = 2; i <= 20; i++)
    g_ptr_array_add (more, insert_item (f->catalog, "More"));
  g_assert_true (resell_catalog_run_in_transaction (f->catalog, insert_many, more, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (more->len, ==, 1200);

  for (guint i = 0; i < more->len; i++)
    {
      const char *sku = resell_item_get_sku (g_ptr_array_index (more, i));
      g_autofree char *expected = g_strdup_printf ("RS-%s-%03u", today, i + 1);

      g_assert_true (sku_has_shape (sku, "RS"));
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
test_lookup_missing (Fixture       *f,
                     gconstpointer  data)
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
test_sku_prefix (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(ResellItem) item = NULL;
  guint notifies = 0;
  g_autofree char *prop = NULL;

  g_assert_cmpstr (resell_catalog_get_sku_prefix (f->catalog), ==, "RS");

  g_signal_connect (f->catalog, "notify::sku-prefix", G_CALLBACK (count_notify_cb), &notifies);

  resell_catalog_set_sku_prefix (f->catalog, "vin-tage shop!");
  g_assert_cmpstr (resell_catalog_get_sku_prefix (f->catalog), ==, "VINTAGES");
  g_assert_cmpuint (notifies, ==, 1);
  resell_catalog_set_sku_prefix (f->catalog, "VINTAGES");
  g_assert_cmpuint (notifies, ==, 1);

  g_object_get (f->catalog, "sku-prefix", &prop, NULL);
  g_assert_cmpstr (prop, ==, "VINTAGES");

  item = insert_item (f->catalog, "Prefixed");
  g_assert_true (sku_has_shape (resell_item_get_sku (item), "VINTAGES"));

  resell_catalog_set_sku_prefix (f->catalog, "-- ");
  g_assert_cmpstr (resell_catalog_get_sku_prefix (f->catalog), ==, "RS");
  resell_catalog_set_sku_prefix (f->catalog, "é9x");
  g_assert_cmpstr (resell_catalog_get_sku_prefix (f->catalog), ==, "9X");
  resell_catalog_set_sku_prefix (f->catalog, NULL);
  g_assert_cmpstr (resell_catalog_get_sku_prefix (f->catalog), ==, "RS");
}

static void
test_explicit_sku (Fixture       *f,
                   gconstpointer  data)
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

  generated = insert_item (f->catalog, "Generated");
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
test_originals_dir (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) synced = NULL;
  g_autofree char *items_dir = g_build_filename (f->dir, "items", NULL);
  g_autofree char *first_dir = g_build_filename (items_dir, "FIRST-1", NULL);
  g_autofree char *second_dir = g_build_filename (items_dir, "SECOND-2", NULL);
  g_autofree char *expected = g_build_filename (first_dir, "originals", NULL);
  g_autofree char *in_the_way = g_build_filename (items_dir, "FILE-3", NULL);
  g_autofree char *originals = NULL;
  g_autofree char *again = NULL;
  g_autofree char *second = NULL;

  g_assert_false (g_file_test (items_dir, G_FILE_TEST_EXISTS));

  /* Three new folders, each synced in its parent so that none of them
   * can be lost in a power cut while the photo inside and its row stay. */
  watch_fsync_start ();
  originals = resell_catalog_dup_originals_dir (f->catalog, "FIRST-1", &error);
  synced = watch_fsync_stop ();
  g_assert_no_error (error);
  g_assert_cmpstr (originals, ==, expected);
  g_assert_true (g_file_test (originals, G_FILE_TEST_IS_DIR));
  g_assert_true (was_synced (synced, f->dir));
  g_assert_true (was_synced (synced, items_dir));
  g_assert_true (was_synced (synced, first_dir));
  g_clear_pointer (&synced, g_array_unref);

  /* Folders already there are fine, and cost no sync. */
  watch_fsync_start ();
  again = resell_catalog_dup_originals_dir (f->catalog, "FIRST-1", &error);
  synced = watch_fsync_stop ();
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, expected);
  g_assert_cmpuint (synced->len, ==, 0);
  g_clear_pointer (&synced, g_array_unref);

  /* Only what is new: items/ is there already. */
  watch_fsync_start ();
  second = resell_catalog_dup_originals_dir (f->catalog, "SECOND-2", &error);
  synced = watch_fsync_stop ();
  g_assert_no_error (error);
  g_assert_true (g_file_test (second, G_FILE_TEST_IS_DIR));
  g_assert_false (was_synced (synced, f->dir));
  g_assert_true (was_synced (synced, items_dir));
  g_assert_true (was_synced (synced, second_dir));
  g_clear_pointer (&synced, g_array_unref);

  /* A file where a folder should be. */
  g_assert_true (g_file_set_contents (in_the_way, "", -1, NULL));
  g_assert_null (resell_catalog_dup_originals_dir (f->catalog, "FILE-3", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
  g_assert_nonnull (strstr (error->message, "FILE-3"));
}

static void
test_update (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResellItem) item = insert_item (f->catalog, "Before");
  g_autoptr(ResellItem) other = insert_item (f->catalog, "Other");
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
  assert_items_equal (stored, item);

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
test_update_sku_moves_folder (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResellItem) item = insert_item (f->catalog, "Renamed");
  g_autoptr(ResellPhoto) photo = insert_photo (f->catalog, item, "front.jpg", "aaaa");
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
test_trash_restore (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResellItem) a = insert_item (f->catalog, "A");
  g_autoptr(ResellItem) b = insert_item (f->catalog, "B");
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
test_purge (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResellItem) old = insert_item (f->catalog, "Old");
  g_autoptr(ResellItem) recent = insert_item (f->catalog, "Recent");
  g_autoptr(ResellItem) kept = insert_item (f->catalog, "Kept");
  g_autoptr(ResellPhoto) photo = insert_photo (f->catalog, old, "a.jpg", "1111");
  g_autoptr(ResellPhoto) photo2 = insert_photo (f->catalog, recent, "b.jpg", "2222");
  g_autoptr(ResellItem) missing = NULL;
  g_autofree char *old_dir = g_build_filename (f->dir, "items", resell_item_get_sku (old), NULL);
  g_autofree char *recent_dir = g_build_filename (f->dir, "items", resell_item_get_sku (recent), NULL);
  g_autofree char *nested = g_build_filename (old_dir, "cache", "listing", NULL);
  g_autofree char *nested_file = g_build_filename (nested, "1600.jpg", NULL);
  g_autofree char *outside = g_build_filename (f->dir, "precious.txt", NULL);
  g_autofree char *link = g_build_filename (old_dir, "link-to-outside", NULL);
  g_autofree char *path = db_path (f);
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

  db = raw_open (f->dir);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM photos"), ==, 1);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM items"), ==, 2);
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
test_list_order (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResellItem) first = insert_item (f->catalog, "First");
  g_autoptr(ResellItem) second = insert_item (f->catalog, "Second");
  g_autoptr(ResellItem) third = insert_item (f->catalog, "Third");
  g_autoptr(ResellPhoto) p1 = insert_photo (f->catalog, second, "1.jpg", "s1");
  g_autoptr(ResellPhoto) p2 = insert_photo (f->catalog, second, "2.jpg", "s2");
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
test_photos (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResellItem) item = insert_item (f->catalog, "Bag");
  g_autoptr(ResellItem) other = insert_item (f->catalog, "Other bag");
  g_autoptr(ResellPhoto) front = insert_photo (f->catalog, item, "front.jpg", "f0f0");
  g_autoptr(ResellPhoto) back = insert_photo (f->catalog, item, "back.jpg", "b0b0");
  g_autoptr(ResellPhoto) label = insert_photo (f->catalog, item, "label.jpg", "1abe1");
  g_autoptr(ResellPhoto) same_bytes_elsewhere = insert_photo (f->catalog, other, "front.jpg", "f0f0");
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
  db = raw_open (f->dir);
  stored_path = raw_text (db, "SELECT path FROM photos ORDER BY id LIMIT 1");
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
    g_autoptr(ResellPhoto) extra = insert_photo (f->catalog, item, "extra.jpg", "e0e0");
    g_assert_cmpint (resell_photo_get_position (extra), ==, 6);
  }
}

static void
test_photo_edits (Fixture       *f,
                  gconstpointer  data)
{
  const char *cropped = "{\"rotate\":0,\"straighten\":1.25,\"crop\":[0.1,0.05,0.8,0.9],"
                        "\"auto_trim\":true,\"whiten\":false}";
  const char *turned = "{\"rotate\":270}";
  g_autoptr(GError) error = NULL;
  g_autoptr(ResellItem) item = insert_item (f->catalog, "Bag");
  g_autoptr(ResellPhoto) plain = insert_photo (f->catalog, item, "front.jpg", "f0f0");
  g_autoptr(ResellPhoto) edited = resell_photo_new ();
  g_autoptr(ResellPhoto) found = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  guint notifies = 0;

  /* A property like any other of the photo. */
  g_signal_connect (edited, "notify::edits", G_CALLBACK (count_notify_cb), &notifies);
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

/* Schema */

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
  db = raw_open_at_version (dir, 1);
  raw_exec (db,
            "INSERT INTO items (id, sku, category, brand, title, state, created_at, updated_at) "
            "VALUES (1, 'RS-230101-001', 'watches-jewellery', 'Omega', 'Omega Seamaster 300', "
            "        'ready', 1672560000000000, 1672560000000000);"
            "INSERT INTO items (id, sku, category, brand, title, state, created_at, updated_at) "
            "VALUES (2, 'RS-230101-002', 'books-media', '', 'First edition', "
            "        'draft', 1672560001000000, 1672560002000000);"
            "INSERT INTO photos (item_id, position, path, original_name, sha256, width, height, added_at) "
            "VALUES (1, 0, '/photos/RS-230101-001/dial.jpg', 'IMG_1.JPG', 'aa', 10, 10, 1),"
            "       (1, 1, '/photos/RS-230101-001/back.jpg', 'IMG_2.JPG', 'bb', 10, 10, 2);");
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM pragma_table_info('items') WHERE name = 'trashed_at'"), ==, 0);
  sqlite3_close (db);

  catalog = resell_catalog_open (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpint (resell_catalog_get_schema_version (catalog), ==, RESELL_CATALOG_SCHEMA_VERSION);

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
  added = insert_item (catalog, "After the upgrade");
  g_assert_true (sku_has_shape (resell_item_get_sku (added), "RS"));
  old_item = resell_catalog_lookup_item_by_sku (catalog, "RS-230101-001", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (resell_item_get_title (old_item), ==, "Omega Seamaster 300");

  resell_test_drain_main_context ();
  g_assert_finalize_object (catalog);

  db = raw_open (dir);
  g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==, RESELL_CATALOG_SCHEMA_VERSION);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM items"), ==, 3);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM sqlite_master WHERE name = 'items_updated_at'"), ==, 1);
  sqlite3_close (db);

  /* Opening again has nothing left to do. */
  catalog = resell_catalog_open (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpint (resell_catalog_get_schema_version (catalog), ==, RESELL_CATALOG_SCHEMA_VERSION);
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
  db = raw_open_at_version (dir, 2);
  raw_exec (db,
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
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM pragma_table_info('photos') WHERE name = 'edits'"), ==, 0);
  sqlite3_close (db);

  catalog = resell_catalog_open (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpint (resell_catalog_get_schema_version (catalog), ==, RESELL_CATALOG_SCHEMA_VERSION);

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

  db = raw_open (dir);
  g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==, RESELL_CATALOG_SCHEMA_VERSION);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM pragma_table_info('photos') WHERE name = 'edits'"), ==, 1);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM items"), ==, 2);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM photos"), ==, 2);
  g_assert_cmpint (raw_int (db, "SELECT next FROM sku_counters WHERE day = '240301'"), ==, 3);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM photos WHERE edits IS NULL"), ==, 1);
  stored_edits = raw_text (db, "SELECT edits FROM photos WHERE sha256 = 'aa'");
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

  db = raw_open (dir);
  raw_exec (db, "CREATE TABLE future (x); PRAGMA user_version = 999;");
  sqlite3_close (db);

  catalog = resell_catalog_open (dir, &error);
  g_assert_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_TOO_NEW);
  g_assert_null (catalog);
  g_assert_nonnull (strstr (error->message, "999"));
  g_test_message ("%s", error->message);

  /* Left exactly as the newer Resell wrote it. */
  db = raw_open (dir);
  g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==, 999);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM sqlite_master WHERE name = 'items'"), ==, 0);
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
    g_object_unref (insert_item (catalog, "An item with a title long enough to fill pages"));
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

/* Signals and threads */

typedef struct
{
  GThread *main_thread;
  GPtrArray *log;
  guint count;
} SignalLog;

static void
log_item_cb (ResellCatalog *catalog,
             ResellItem    *item,
             SignalLog     *log,
             const char    *what)
{
  g_assert_true (g_thread_self () == log->main_thread);
  g_ptr_array_add (log->log, g_strdup_printf ("%s %" G_GINT64_FORMAT " %s %u",
                                              what,
                                              resell_item_get_id (item),
                                              resell_item_get_title (item),
                                              resell_item_get_photo_count (item)));
  log->count++;
}

static void
added_cb (ResellCatalog *catalog,
          ResellItem    *item,
          SignalLog     *log)
{
  log_item_cb (catalog, item, log, "added");
}

static void
changed_cb (ResellCatalog *catalog,
            ResellItem    *item,
            SignalLog     *log)
{
  log_item_cb (catalog, item, log, "changed");
}

static void
removed_cb (ResellCatalog *catalog,
            gint64         id,
            SignalLog     *log)
{
  g_assert_true (g_thread_self () == log->main_thread);
  g_ptr_array_add (log->log, g_strdup_printf ("removed %" G_GINT64_FORMAT, id));
  log->count++;
}

static void
signal_log_init (SignalLog     *log,
                 ResellCatalog *catalog)
{
  log->main_thread = g_thread_self ();
  log->log = g_ptr_array_new_with_free_func (g_free);
  log->count = 0;

  g_signal_connect (catalog, "item-added", G_CALLBACK (added_cb), log);
  g_signal_connect (catalog, "item-changed", G_CALLBACK (changed_cb), log);
  g_signal_connect (catalog, "item-removed", G_CALLBACK (removed_cb), log);
}

static void
signal_log_clear (SignalLog     *log,
                  ResellCatalog *catalog)
{
  g_signal_handlers_disconnect_by_data (catalog, log);
  g_clear_pointer (&log->log, g_ptr_array_unref);
}

static gpointer
write_from_thread (gpointer data)
{
  ResellCatalog *catalog = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ResellItem) item = resell_item_new ();
  g_autoptr(ResellPhoto) photo = resell_photo_new ();

  resell_item_set_title (item, "Threaded");
  g_assert_true (resell_catalog_insert_item (catalog, item, &error));
  resell_item_set_title (item, "Renamed");
  g_assert_true (resell_catalog_update_item (catalog, item, &error));

  resell_photo_set_item_id (photo, resell_item_get_id (item));
  resell_photo_set_path (photo, "/photos/a.jpg");
  resell_photo_set_sha256 (photo, "abc");
  g_assert_true (resell_catalog_insert_photo (catalog, photo, &error));
  g_assert_true (resell_catalog_remove_photo (catalog, resell_photo_get_id (photo), &error));

  g_assert_true (resell_catalog_trash_item (catalog, resell_item_get_id (item), &error));
  g_assert_true (resell_catalog_restore_item (catalog, resell_item_get_id (item), &error));
  g_assert_no_error (error);

  return GINT_TO_POINTER (resell_item_get_id (item));
}

static void
test_signals_from_thread (Fixture       *f,
                          gconstpointer  data)
{
  SignalLog log;
  GThread *thread;
  gint64 id;
  g_autofree char *expected = NULL;
  g_autofree char *joined = NULL;
  g_auto(GStrv) lines = NULL;

  signal_log_init (&log, f->catalog);

  thread = g_thread_new ("writer", write_from_thread, f->catalog);
  id = GPOINTER_TO_INT (g_thread_join (thread));

  /* Nothing arrives until the main context runs. */
  g_assert_cmpuint (log.count, ==, 0);
  resell_test_iterate_until (&log.count, 6);

  g_ptr_array_add (log.log, NULL);
  lines = (GStrv) g_ptr_array_steal (log.log, NULL);
  joined = g_strjoinv ("\n", lines);
  expected = g_strdup_printf ("added %1$" G_GINT64_FORMAT " Threaded 0\n"
                              "changed %1$" G_GINT64_FORMAT " Renamed 0\n"
                              "changed %1$" G_GINT64_FORMAT " Renamed 1\n"
                              "changed %1$" G_GINT64_FORMAT " Renamed 0\n"
                              "removed %1$" G_GINT64_FORMAT "\n"
                              "added %1$" G_GINT64_FORMAT " Renamed 0",
                              id);
  g_assert_cmpstr (joined, ==, expected);

  resell_test_drain_main_context ();
  g_assert_cmpuint (log.count, ==, 6);

  signal_log_clear (&log, f->catalog);
}

/* One transaction, one signal, distinct positions even from equal ones. */
static void
test_move_photo (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResellItem) item = insert_item (f->catalog, "Bag");
  g_autoptr(ResellPhoto) a = insert_photo (f->catalog, item, "a.jpg", "aaaa");
  g_autoptr(ResellPhoto) b = insert_photo (f->catalog, item, "b.jpg", "bbbb");
  g_autoptr(ResellPhoto) c = insert_photo (f->catalog, item, "c.jpg", "cccc");
  g_autoptr(ResellPhoto) d = insert_photo (f->catalog, item, "d.jpg", "dddd");
  g_autoptr(ResellItem) stored = NULL;
  g_autofree char *order = NULL;
  g_autofree char *expected = NULL;
  SignalLog log;
  sqlite3 *db;

  /* An older import left b and c on the same position. */
  db = raw_open (f->dir);
  raw_exec (db, "UPDATE photos SET position = 1 WHERE sha256 IN ('bbbb', 'cccc')");
  raw_exec (db, "UPDATE photos SET position = 7 WHERE sha256 = 'dddd'");
  sqlite3_close (db);
  resell_test_drain_main_context ();

  signal_log_init (&log, f->catalog);

  /* d to the front: d a b c, renumbered 0 1 2 3. */
  g_assert_true (resell_catalog_move_photo (f->catalog, resell_photo_get_id (d), 0, &error));
  g_assert_no_error (error);
  db = raw_open (f->dir);
  order = raw_text (db, "SELECT group_concat (sha256 || ':' || position, ' ') "
                        "FROM (SELECT sha256, position FROM photos ORDER BY position, id)");
  g_assert_cmpstr (order, ==, "dddd:0 aaaa:1 bbbb:2 cccc:3");
  g_clear_pointer (&order, g_free);

  /* Past the end is the end: a to the back. */
  g_assert_true (resell_catalog_move_photo (f->catalog, resell_photo_get_id (a), 99, &error));
  g_assert_no_error (error);
  order = raw_text (db, "SELECT group_concat (sha256 || ':' || position, ' ') "
                        "FROM (SELECT sha256, position FROM photos ORDER BY position, id)");
  g_assert_cmpstr (order, ==, "dddd:0 bbbb:1 cccc:2 aaaa:3");
  sqlite3_close (db);

  stored = resell_catalog_lookup_item (f->catalog, resell_item_get_id (item), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (resell_item_get_cover_sha256 (stored), ==, "dddd");

  /* One item-changed per move, on this thread, with the item as stored. */
  g_assert_cmpuint (log.count, ==, 0);
  resell_test_iterate_until (&log.count, 2);
  resell_test_drain_main_context ();
  g_assert_cmpuint (log.count, ==, 2);
  expected = g_strdup_printf ("changed %" G_GINT64_FORMAT " Bag 4", resell_item_get_id (item));
  g_assert_cmpstr (g_ptr_array_index (log.log, 0), ==, expected);
  g_assert_cmpstr (g_ptr_array_index (log.log, 1), ==, expected);

  /* A photo no longer there: nothing changes, nothing is said. */
  g_assert_true (resell_catalog_remove_photo (f->catalog, resell_photo_get_id (c), &error));
  resell_test_iterate_until (&log.count, 3);
  g_assert_false (resell_catalog_move_photo (f->catalog, resell_photo_get_id (c), 0, &error));
  g_assert_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_NOT_FOUND);
  g_clear_error (&error);
  resell_test_drain_main_context ();
  g_assert_cmpuint (log.count, ==, 3);

  signal_log_clear (&log, f->catalog);
}

static void
test_signals_context (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("resell-catalog-XXXXXX", NULL);
  GMainContext *context = g_main_context_new ();
  g_autoptr(ResellItem) item = NULL;
  ResellCatalog *catalog;
  guint added = 0;

  g_main_context_push_thread_default (context);
  catalog = resell_catalog_open (dir, &error);
  g_main_context_pop_thread_default (context);
  g_assert_no_error (error);

  g_signal_connect (catalog, "item-added", G_CALLBACK (count_signal_cb), &added);
  item = insert_item (catalog, "Elsewhere");

  /* Not the default context: the one that was current at open time. */
  resell_test_drain_main_context ();
  g_assert_cmpuint (added, ==, 0);
  while (g_main_context_iteration (context, FALSE))
    ;
  g_assert_cmpuint (added, ==, 1);

  g_assert_finalize_object (catalog);
  g_main_context_unref (context);
  resell_test_remove_path (dir);
}

static void
test_undelivered_signals (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(ResellItem) item = insert_item (f->catalog, "Never heard of");

  /* The queued signal must not keep the catalog alive: the teardown's
   * g_assert_finalize_object() checks that, so no drain here. */
  g_assert_finalize_object (g_steal_pointer (&f->catalog));
}

typedef struct
{
  guint n;
  gboolean fail;
} BatchData;

static gboolean
insert_batch (ResellCatalog  *catalog,
              gpointer        user_data,
              GError        **error)
{
  BatchData *batch = user_data;

  for (guint i = 0; i < batch->n; i++)
    {
      g_autoptr(ResellItem) item = resell_item_new ();

      resell_item_set_title (item, "Batch");
      if (!resell_catalog_insert_item (catalog, item, error))
        return FALSE;
    }

  if (batch->fail)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Changed my mind.");
      return FALSE;
    }

  return TRUE;
}

static void
test_transaction (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  BatchData batch = { 25, TRUE };
  SignalLog log;

  signal_log_init (&log, f->catalog);

  g_assert_false (resell_catalog_run_in_transaction (f->catalog, insert_batch, &batch, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  resell_test_drain_main_context ();
  g_assert_cmpuint (resell_catalog_count_items (f->catalog, NULL), ==, 0);
  /* Rolled back: nobody was told about items that never existed. */
  g_assert_cmpuint (log.count, ==, 0);

  batch.fail = FALSE;
  g_assert_true (resell_catalog_run_in_transaction (f->catalog, insert_batch, &batch, &error));
  g_assert_no_error (error);
  resell_test_iterate_until (&log.count, 25);
  g_assert_cmpuint (resell_catalog_count_items (f->catalog, NULL), ==, 25);

  signal_log_clear (&log, f->catalog);
}

typedef struct
{
  ResellCatalog *catalog;
  guint          n;
  GPtrArray     *skus;
} InsertJob;

static gpointer
insert_job (gpointer data)
{
  InsertJob *job = data;

  for (guint i = 0; i < job->n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ResellItem) item = resell_item_new ();

      resell_item_set_title (item, "Concurrent");
      g_assert_true (resell_catalog_insert_item (job->catalog, item, &error));
      g_assert_no_error (error);
      g_ptr_array_add (job->skus, g_strdup (resell_item_get_sku (item)));
    }

  return NULL;
}

/* Threads on one catalog and a second catalog (another connection, as
 * another process would have) insert at once: no SKU is handed out twice. */
static void
test_concurrent_writers (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  ResellCatalog *second = resell_catalog_open (f->dir, &error);
  InsertJob jobs[4];
  GThread *threads[4];

  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    {
      jobs[i].catalog = i % 2 == 0 ? f->catalog : second;
      jobs[i].n = 40;
      jobs[i].skus = g_ptr_array_new_with_free_func (g_free);
      threads[i] = g_thread_new ("inserter", insert_job, &jobs[i]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    {
      g_thread_join (threads[i]);
      for (guint j = 0; j < jobs[i].skus->len; j++)
        {
          const char *sku = g_ptr_array_index (jobs[i].skus, j);

          g_assert_false (g_hash_table_contains (seen, sku));
          g_hash_table_add (seen, (gpointer) sku);
        }
    }

  g_assert_cmpuint (g_hash_table_size (seen), ==, 160);
  g_assert_cmpuint (resell_catalog_count_items (f->catalog, NULL), ==, 160);

  g_hash_table_remove_all (seen);
  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    g_ptr_array_unref (jobs[i].skus);

  resell_test_drain_main_context ();
  g_assert_finalize_object (second);
}

/* A raw connection holds a write transaction open with rows in it. */
static void
test_reader_during_write (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResellItem) committed = insert_item (f->catalog, "Committed");
  g_autoptr(ResellItem) blocked = resell_item_new ();
  g_autoptr(GPtrArray) items = NULL;
  ResellCatalog *second;
  sqlite3 *writer;

  writer = raw_open (f->dir);
  raw_exec (writer,
            "BEGIN IMMEDIATE;"
            "INSERT INTO items (sku, title, created_at, updated_at) VALUES ('RAW-1', 'Uncommitted', 9e15, 9e15);"
            "INSERT INTO items (sku, title, created_at, updated_at) VALUES ('RAW-2', 'Uncommitted', 9e15, 9e15);");

  /* Readers neither wait for the writer nor see its rows.  Shown without
   * a clock: with no busy timeout, a read that needed the writer's lock
   * would fail at once with BUSY instead of succeeding. */
  resell_catalog_set_busy_timeout (f->catalog, 0);
  items = resell_catalog_list_items (f->catalog, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpstr (resell_item_get_title (g_ptr_array_index (items, 0)), ==, "Committed");
  g_clear_pointer (&items, g_ptr_array_unref);

  /* A catalog opened while the other writes: its migration check must not
   * need the write lock either.  The writer is this thread and commits only
   * below, so an open that needed the lock could never succeed here (it
   * would wait out its busy timeout and fail with BUSY). */
  second = resell_catalog_open (f->dir, &error);
  g_assert_no_error (error);
  resell_catalog_set_busy_timeout (second, 0);
  g_assert_cmpuint (resell_catalog_count_items (second, &error), ==, 1);
  g_assert_no_error (error);

  /* A writer waits up to the busy timeout, then says so. */
  resell_catalog_set_busy_timeout (f->catalog, 100);
  g_assert_false (resell_catalog_insert_item (f->catalog, blocked, &error));
  g_assert_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_BUSY);
  g_clear_error (&error);

  raw_exec (writer, "COMMIT");
  sqlite3_close (writer);

  items = resell_catalog_list_items (f->catalog, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 3);
  g_assert_cmpuint (resell_catalog_count_items (second, NULL), ==, 3);

  g_assert_true (resell_catalog_insert_item (f->catalog, blocked, &error));
  g_assert_no_error (error);

  g_assert_finalize_object (second);
}

/* Crash safety */

static char *
find_writer (void)
{
  const char *build_dir = g_getenv ("RESELL_BUILD_DIR");

  if (build_dir != NULL)
    return g_build_filename (build_dir, "tests", "catalog-writer", NULL);

  return g_test_build_filename (G_TEST_BUILT, "catalog-writer", NULL);
}

static char *
read_line (GDataInputStream *stream)
{
  g_autoptr(GError) error = NULL;
  char *line = g_data_input_stream_read_line_utf8 (stream, NULL, NULL, &error);

  g_assert_no_error (error);

  return line;
}

static void
test_crash_safety (Fixture       *f,
                   gconstpointer  data)
{
  static const struct {
    guint committed;
    guint pending;
  } rounds[] = {
    { 3, 1 },       /* killed just after the transaction began */
    { 12, 200 },    /* a transaction of a few hundred rows */
    { 1, 3000 },    /* big enough that uncommitted pages spill into the WAL */
  };
  g_autofree char *writer = find_writer ();
  g_autofree char *path = db_path (f);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  guint expected = 0;

  if (!g_file_test (writer, G_FILE_TEST_IS_EXECUTABLE))
    g_error ("%s is missing; build the catalog-writer target", writer);

  /* The writer is the only one in the catalog while it works. */
  g_clear_object (&f->catalog);

  for (guint round = 0; round < G_N_ELEMENTS (rounds); round++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(GDataInputStream) out = NULL;
      g_autofree char *committed_arg = g_strdup_printf ("%u", rounds[round].committed);
      g_autofree char *pending_arg = g_strdup_printf ("%u", rounds[round].pending);
      g_autofree char *wanted = g_strdup_printf ("pending %u", rounds[round].pending);
      g_autoptr(ResellCatalog) catalog = NULL;
      g_autoptr(GPtrArray) items = NULL;
      g_autofree char *integrity = NULL;
      guint last_committed = 0;
      GStatBuf st;
      sqlite3 *db;

      process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                  writer, f->dir, committed_arg, pending_arg, NULL);
      g_assert_no_error (error);
      out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));

      for (;;)
        {
          g_autofree char *line = read_line (out);

          if (line == NULL)
            g_error ("The writer ended before it was killed (round %u)", round);

          if (g_str_has_prefix (line, "committed "))
            last_committed = (guint) g_ascii_strtoull (line + strlen ("committed "), NULL, 10);
          else if (g_str_equal (line, wanted))
            break;
        }

      /* Mid-transaction: the writer is still inserting as it dies. */
      g_subprocess_send_signal (process, SIGKILL);
      g_subprocess_wait (process, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_signaled (process));
      g_assert_cmpint (g_subprocess_get_term_sig (process), ==, SIGKILL);

      g_assert_cmpuint (last_committed, ==, rounds[round].committed);
      expected += last_committed;

      g_assert_no_errno (g_stat (wal, &st));
      g_test_message ("Round %u: killed with %u committed, WAL at %" G_GINT64_FORMAT " bytes",
                      round, last_committed, (gint64) st.st_size);
      if (rounds[round].pending >= 3000)
        g_assert_cmpint (st.st_size, >, 1024 * 1024);

      catalog = resell_catalog_open (f->dir, &error);
      g_assert_no_error (error);

      items = resell_catalog_list_items (catalog, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (items->len, ==, expected);
      for (guint i = 0; i < items->len; i++)
        g_assert_cmpstr (resell_item_get_title (g_ptr_array_index (items, i)), ==, "committed");

      db = raw_open (f->dir);
      integrity = raw_text (db, "PRAGMA integrity_check");
      g_assert_cmpstr (integrity, ==, "ok");
      g_assert_cmpint (raw_int (db, "SELECT count(*) FROM items WHERE title = 'uncommitted'"), ==, 0);
      g_assert_cmpint (raw_int (db, "SELECT count(*) FROM items"), ==, expected);
      sqlite3_close (db);

      /* And the catalog still takes new work after the crash. */
      {
        g_autoptr(ResellItem) after = resell_item_new ();

        resell_item_set_title (after, "committed");
        g_assert_true (resell_catalog_insert_item (catalog, after, &error));
        g_assert_no_error (error);
        expected++;
      }

      g_clear_pointer (&items, g_ptr_array_unref);
      resell_test_drain_main_context ();
      g_assert_finalize_object (g_steal_pointer (&catalog));
    }
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
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/item/properties", test_item_properties);
  g_test_add_func ("/item/state", test_item_state);
  g_test_add_func ("/item/display-and-match", test_item_display_and_match);
  g_test_add_func ("/photo/properties", test_photo_properties);

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
  ADD ("/catalog/originals-dir", test_originals_dir);
  ADD ("/catalog/update", test_update);
  ADD ("/catalog/update-sku-moves-folder", test_update_sku_moves_folder);
  ADD ("/catalog/trash-restore", test_trash_restore);
  ADD ("/catalog/purge", test_purge);
  ADD ("/catalog/list-order", test_list_order);
  ADD ("/catalog/photos", test_photos);
  ADD ("/catalog/photo-edits", test_photo_edits);

  g_test_add_func ("/catalog/schema/migrate-from-v1", test_migrate_from_v1);
  g_test_add_func ("/catalog/schema/migrate-from-v2", test_migrate_from_v2);
  g_test_add_func ("/catalog/schema/too-new", test_too_new);
  g_test_add_func ("/catalog/schema/corrupt/random", test_corrupt_random);
  /* Page 1 past its 100-byte header holds the schema; later pages, rows. */
  g_test_add_data_func ("/catalog/schema/corrupt/schema-page", GSIZE_TO_POINTER (100), test_corrupt_pages);
  g_test_add_data_func ("/catalog/schema/corrupt/table-pages", GSIZE_TO_POINTER (4096), test_corrupt_pages);

  ADD ("/catalog/move-photo", test_move_photo);
  ADD ("/catalog/signals/from-thread", test_signals_from_thread);
  g_test_add_func ("/catalog/signals/context", test_signals_context);
  ADD ("/catalog/signals/undelivered", test_undelivered_signals);
  ADD ("/catalog/transaction", test_transaction);
  ADD ("/catalog/concurrent-writers", test_concurrent_writers);
  ADD ("/catalog/reader-during-write", test_reader_during_write);
  ADD ("/catalog/crash-safety", test_crash_safety);

#undef ADD

  ret = g_test_run ();

  resell_test_remove_path (home);

  return ret;
}
