/* test-cache-trim.c — a cache folder kept under a size, oldest files first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <utime.h>

#include <glib/gstdio.h>

#include "resell-core.h"
#include "resell-test-utils.h"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("resell-cache-trim-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  resell_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* A file of @size bytes in @dir, last modified @age_s seconds ago. */
static char *
write_aged (const char *dir,
            const char *name,
            gsize       size,
            gint64      age_s)
{
  g_autofree char *data = g_malloc0 (size);
  char *path = resell_test_write_file (dir, name, data, size);
  struct utimbuf times;

  times.actime = times.modtime = g_get_real_time () / G_USEC_PER_SEC - age_s;
  g_assert_cmpint (g_utime (path, &times), ==, 0);

  return path;
}

static void
test_missing_folder (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (f->dir, "not-there", NULL);
  g_autoptr(GError) error = NULL;
  guint removed = 99;

  g_assert_true (resell_cache_trim (missing, 0, &removed, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (removed, ==, 0);
}

static void
test_oldest_go_first (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *oldest = write_aged (f->dir, "a.jpg", 100, 3000);
  g_autofree char *middle = write_aged (f->dir, "b.jpg", 200, 2000);
  g_autofree char *newest = write_aged (f->dir, "c.jpg", 300, 1000);
  g_autofree char *hidden = write_aged (f->dir, ".c.jpg-XXXX", 1000, 5000);
  g_autofree char *sub = g_build_filename (f->dir, "sub", NULL);
  g_autofree char *in_sub = NULL;
  g_autoptr(GError) error = NULL;
  guint removed = 0;

  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  in_sub = write_aged (sub, "d.jpg", 5000, 9000);

  /* Everything fits: nothing goes. */
  g_assert_true (resell_cache_trim (f->dir, 600, &removed, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (removed, ==, 0);
  g_assert_true (g_file_test (oldest, G_FILE_TEST_EXISTS));

  /* 500 bytes hold the two newest exactly. */
  g_assert_true (resell_cache_trim (f->dir, 500, &removed, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (removed, ==, 1);
  g_assert_false (g_file_test (oldest, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (middle, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (newest, G_FILE_TEST_EXISTS));

  /* 450: the middle one goes, the newest stays; a hidden file (a write in
   * progress) and a folder's contents are never touched. */
  g_assert_true (resell_cache_trim (f->dir, 450, &removed, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (removed, ==, 1);
  g_assert_false (g_file_test (middle, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (newest, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (hidden, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (in_sub, G_FILE_TEST_EXISTS));

  /* Nothing allowed: every cached file goes, the rest stays. */
  g_assert_true (resell_cache_trim (f->dir, 0, &removed, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (removed, ==, 1);
  g_assert_false (g_file_test (newest, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (hidden, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (sub, G_FILE_TEST_IS_DIR));
}

/* A file just written is kept before one larger but older, even when the
 * older alone would fit: age decides, not size. */
static void
test_age_not_size (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *old_small = write_aged (f->dir, "old.jpg", 50, 500);
  g_autofree char *new_big = write_aged (f->dir, "new.jpg", 400, 10);
  g_autoptr(GError) error = NULL;
  guint removed = 0;

  g_assert_true (resell_cache_trim (f->dir, 420, &removed, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (removed, ==, 1);
  g_assert_false (g_file_test (old_small, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (new_big, G_FILE_TEST_EXISTS));
}

static void
on_trimmed (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  guint *removed = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (resell_cache_trim_finish (result, removed, &error));
  g_assert_no_error (error);
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *a = write_aged (f->dir, "a.jpg", 100, 300);
  g_autofree char *b = write_aged (f->dir, "b.jpg", 100, 200);
  g_autofree char *c = write_aged (f->dir, "c.jpg", 100, 100);
  guint removed = G_MAXUINT;

  resell_cache_trim_async (f->dir, 150, NULL, on_trimmed, &removed);
  while (removed == G_MAXUINT)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (removed, ==, 2);
  g_assert_false (g_file_test (a, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (b, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (c, G_FILE_TEST_EXISTS));
}

/* A writer killed mid-way leaves its hidden temporary file: an old one is
 * swept, a young one (a write in progress) is kept, and neither counts as
 * a cached file. */
static void
test_stale_temp_files (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *old_temp = write_aged (f->dir, ".a1b2.jpg.Xy12Zq.part", 500, 2 * 60 * 60);
  g_autofree char *young_temp = write_aged (f->dir, ".c3d4.jpg.Ab34Cd.part", 500, 10);
  g_autofree char *cached = write_aged (f->dir, "e5f6.jpg", 100, 2 * 60 * 60);
  g_autoptr(GError) error = NULL;
  guint removed = 99;

  g_assert_true (resell_cache_trim (f->dir, 1000, &removed, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (removed, ==, 0);
  g_assert_false (g_file_test (old_temp, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (young_temp, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (cached, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cache-trim/missing-folder", test_missing_folder);
  ADD ("/cache-trim/oldest-go-first", test_oldest_go_first);
  ADD ("/cache-trim/age-not-size", test_age_not_size);
  ADD ("/cache-trim/async", test_async);
  ADD ("/cache-trim/stale-temp-files", test_stale_temp_files);
#undef ADD

  return g_test_run ();
}
