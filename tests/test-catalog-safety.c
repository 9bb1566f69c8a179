/* test-catalog-safety.c — what a crash or a power cut leaves of a catalog
 *
 * New folders synced in their parents (through the fsync() below, which a
 * program can define only once: every case that watches it goes here), a
 * reader beside an open write transaction, and a writer killed mid-way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
/* RTLD_NEXT */
#define _GNU_SOURCE

#include "config.h"

#include <dlfcn.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "resell-core.h"
#include "resell-test-utils.h"
#include "catalog-test-utils.h"
#include "catalog/resell-catalog-hooks.h"

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

/* New folders */

static void
test_originals_dir (ResellTestCatalogFixture *f,
                    gconstpointer             data)
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

/* Readers and writers */

/* A raw connection holds a write transaction open with rows in it. */
static void
test_reader_during_write (ResellTestCatalogFixture *f,
                          gconstpointer             data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResellItem) committed = resell_test_insert_item (f->catalog, "Committed");
  g_autoptr(ResellItem) blocked = resell_item_new ();
  g_autoptr(GPtrArray) items = NULL;
  ResellCatalog *second;
  sqlite3 *writer;

  writer = resell_test_raw_open (f->dir);
  resell_test_raw_exec (writer,
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

  resell_test_raw_exec (writer, "COMMIT");
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
test_crash_safety (ResellTestCatalogFixture *f,
                   gconstpointer             data)
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
  g_autofree char *path = resell_test_catalog_db_path (f->dir);
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

      db = resell_test_raw_open (f->dir);
      integrity = resell_test_raw_text (db, "PRAGMA integrity_check");
      g_assert_cmpstr (integrity, ==, "ok");
      g_assert_cmpint (resell_test_raw_int (db, "SELECT count(*) FROM items WHERE title = 'uncommitted'"), ==, 0);
      g_assert_cmpint (resell_test_raw_int (db, "SELECT count(*) FROM items"), ==, expected);
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
  home = resell_test_make_private_home ("resell-test-catalog-safety-home-XXXXXX");

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, ResellTestCatalogFixture, NULL, \
              resell_test_catalog_fixture_set_up, func, resell_test_catalog_fixture_tear_down)

  ADD ("/catalog/originals-dir", test_originals_dir);
  ADD ("/catalog/reader-during-write", test_reader_during_write);
  ADD ("/catalog/crash-safety", test_crash_safety);

#undef ADD

  ret = g_test_run ();

  resell_test_remove_path (home);

  return ret;
}
