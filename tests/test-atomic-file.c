/* test-atomic-file.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "resell-core.h"
#include "resell-test-utils.h"
#include "storage/resell-storage.h"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("resell-atomic-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  resell_test_remove_tree (f->dir);
  g_free (f->dir);
}

static int
compare_names (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

/* Sorted names in @dir, hidden ones included. */
static GStrv
list_dir (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GStrv names;
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)))
    g_strv_builder_add (builder, name);

  names = g_strv_builder_end (builder);
  g_qsort_with_data (names, g_strv_length (names), sizeof (char *),
                     compare_names, NULL);
  return names;
}

static void
assert_dir_is (const char         *path,
               const char * const *expected)
{
  g_auto(GStrv) names = list_dir (path);

  g_assert_cmpstrv (names, expected);
}

static GBytes *
make_pattern (gsize len)
{
  guint8 *data = g_malloc (len);

  /* Not all one byte value: a wrong offset would change the sha256. */
  for (gsize i = 0; i < len; i++)
    data[i] = (guint8)((i * 2654435761u) >> 13);

  return g_bytes_new_take (data, len);
}

static void
assert_file_is (const char *path,
                GBytes     *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (contents, len, g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
}

static void
test_write_commit (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResellAtomicFile) file = NULL;
  g_autoptr(GBytes) bytes = make_pattern (200 * 1024 + 17);
  g_autofree char *expected_sha = NULL;
  g_autofree char *expected_path = g_build_filename (f->dir, "IMG_0001.jpg", NULL);
  const guint8 *p;
  gsize len;
  struct stat st;
  mode_t mask;

  p = g_bytes_get_data (bytes, &len);
  expected_sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, p, len);

  file = resell_atomic_file_new (f->dir, "IMG_0001.jpg", &error);
  g_assert_no_error (error);
  g_assert_nonnull (file);
  g_assert_cmpint (resell_atomic_file_get_fd (file), >=, 0);

  /* While writing, the final name does not exist: only a hidden .part. */
  g_assert_false (g_file_test (expected_path, G_FILE_TEST_EXISTS));
  {
    g_auto(GStrv) names = list_dir (f->dir);

    g_assert_cmpuint (g_strv_length (names), ==, 1);
    g_assert_true (g_str_has_prefix (names[0], ".IMG_0001.jpg."));
    g_assert_true (g_str_has_suffix (names[0], ".part"));
    /* The name the catalog's sweep of unfinished saves looks for. */
    g_assert_true (resell_storage_is_temp_name (names[0]));
  }

  /* In uneven pieces, as a camera download would deliver them. */
  g_assert_true (resell_atomic_file_write (file, p, 1, &error));
  g_assert_no_error (error);
  g_assert_true (resell_atomic_file_write (file, p + 1, 70000, &error));
  g_assert_no_error (error);
  g_assert_true (resell_atomic_file_write (file, p + 70001, len - 70001, &error));
  g_assert_no_error (error);
  g_assert_true (resell_atomic_file_write (file, p, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (resell_atomic_file_get_size (file), ==, len);

  /* Nothing to report before the bytes are final. */
  g_assert_null (resell_atomic_file_get_path (file));
  g_assert_null (resell_atomic_file_get_sha256 (file));

  g_assert_true (resell_atomic_file_commit (file, &error));
  g_assert_no_error (error);

  g_assert_cmpstr (resell_atomic_file_get_path (file), ==, expected_path);
  g_assert_cmpstr (resell_atomic_file_get_sha256 (file), ==, expected_sha);
  g_assert_cmpint (resell_atomic_file_get_size (file), ==, len);
  assert_file_is (expected_path, bytes);
  assert_dir_is (f->dir, (const char *[]) { "IMG_0001.jpg", NULL });

  mask = umask (0);
  umask (mask);
  g_assert_no_errno (g_stat (expected_path, &st));
  g_assert_cmpint (st.st_mode & 0777, ==, 0644 & ~mask);

  /* A committed file is closed for good. */
  g_assert_false (resell_atomic_file_write (file, p, 1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED);
  g_clear_error (&error);
  g_assert_false (resell_atomic_file_commit (file, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED);
  g_clear_error (&error);

  /* Unref after commit must not remove the file. */
  g_assert_finalize_object (g_steal_pointer (&file));
  assert_file_is (expected_path, bytes);
}

static void
test_empty_file (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResellAtomicFile) file = NULL;
  g_autofree char *path = g_build_filename (f->dir, "empty", NULL);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);

  file = resell_atomic_file_new (f->dir, "empty", &error);
  g_assert_no_error (error);
  g_assert_true (resell_atomic_file_commit (file, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (resell_atomic_file_get_sha256 (file), ==,
                   "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  assert_file_is (path, empty);
  g_assert_finalize_object (g_steal_pointer (&file));
}

static void
test_abort (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ResellAtomicFile *file;

  /* Explicit abort… */
  file = resell_atomic_file_new (f->dir, "a.jpg", &error);
  g_assert_no_error (error);
  g_assert_true (resell_atomic_file_write (file, "abc", 3, &error));
  g_assert_no_error (error);
  resell_atomic_file_abort (file);
  assert_dir_is (f->dir, (const char *[]) { NULL });

  /* …is final: commit after it fails and creates nothing. */
  g_assert_false (resell_atomic_file_commit (file, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED);
  g_clear_error (&error);
  resell_atomic_file_abort (file);
  g_assert_finalize_object (file);
  assert_dir_is (f->dir, (const char *[]) { NULL });

  /* …and a plain unref without commit (e.g. an error path) cleans up too. */
  file = resell_atomic_file_new (f->dir, "b.jpg", &error);
  g_assert_no_error (error);
  g_assert_true (resell_atomic_file_write (file, "abc", 3, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (file);
  assert_dir_is (f->dir, (const char *[]) { NULL });
}

static void
test_never_overwrite (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResellAtomicFile) file = NULL;
  g_autoptr(ResellAtomicFile) file2 = NULL;
  g_autoptr(GBytes) old_bytes = g_bytes_new_static ("the seller's photo", 18);
  g_autoptr(GBytes) new_bytes = g_bytes_new_static ("new bytes", 9);
  g_autofree char *taken = g_build_filename (f->dir, "photo.jpg", NULL);
  g_autofree char *second = g_build_filename (f->dir, "photo-2.jpg", NULL);
  g_autofree char *third = g_build_filename (f->dir, "photo-3.jpg", NULL);

  g_file_set_contents (taken, "the seller's photo", 18, &error);
  g_assert_no_error (error);

  /* Asking for a taken name is refused up front… */
  file = resell_atomic_file_new (f->dir, "photo.jpg", &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "photo.jpg"));
  g_assert_null (file);
  g_clear_error (&error);
  assert_file_is (taken, old_bytes);
  assert_dir_is (f->dir, (const char *[]) { "photo.jpg", NULL });

  /* …and a name taken while writing gets "-2", then "-3". */
  g_unlink (taken);
  file = resell_atomic_file_new (f->dir, "photo.jpg", &error);
  g_assert_no_error (error);
  file2 = resell_atomic_file_new (f->dir, "photo.jpg", &error);
  g_assert_no_error (error);
  g_file_set_contents (taken, "the seller's photo", 18, &error);
  g_assert_no_error (error);

  g_assert_true (resell_atomic_file_write (file, "new bytes", 9, &error));
  g_assert_no_error (error);
  g_assert_true (resell_atomic_file_commit (file, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (resell_atomic_file_get_path (file), ==, second);

  g_assert_true (resell_atomic_file_write (file2, "new bytes", 9, &error));
  g_assert_no_error (error);
  g_assert_true (resell_atomic_file_commit (file2, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (resell_atomic_file_get_path (file2), ==, third);

  assert_file_is (taken, old_bytes);
  assert_file_is (second, new_bytes);
  assert_file_is (third, new_bytes);
  assert_dir_is (f->dir, (const char *[]) { "photo-2.jpg", "photo-3.jpg", "photo.jpg", NULL });
}

static void
test_splice (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResellAtomicFile) file = NULL;
  g_autoptr(GBytes) bytes = make_pattern (3 * 64 * 1024 + 5);
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);
  g_autofree char *expected_sha = NULL;
  g_autofree char *path = g_build_filename (f->dir, "spliced.jpg", NULL);

  expected_sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);

  file = resell_atomic_file_new (f->dir, "spliced.jpg", &error);
  g_assert_no_error (error);
  g_assert_true (resell_atomic_file_splice (file, stream, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (resell_atomic_file_commit (file, &error));
  g_assert_no_error (error);

  g_assert_cmpstr (resell_atomic_file_get_sha256 (file), ==, expected_sha);
  g_assert_cmpint (resell_atomic_file_get_size (file), ==, g_bytes_get_size (bytes));
  assert_file_is (path, bytes);
  assert_dir_is (f->dir, (const char *[]) { "spliced.jpg", NULL });
}

static void
test_splice_cancelled (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = make_pattern (1000);
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  ResellAtomicFile *file;

  g_cancellable_cancel (cancellable);

  file = resell_atomic_file_new (f->dir, "cancelled.jpg", &error);
  g_assert_no_error (error);
  g_assert_false (resell_atomic_file_splice (file, stream, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_finalize_object (file);
  assert_dir_is (f->dir, (const char *[]) { NULL });
}

static void
test_fd_producer (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResellAtomicFile) file = NULL;
  g_autoptr(GBytes) bytes = make_pattern (150 * 1024);
  g_autofree char *expected_sha = NULL;
  g_autofree char *path = g_build_filename (f->dir, "camera.jpg", NULL);
  const guint8 *p;
  gsize len;
  int fd;

  p = g_bytes_get_data (bytes, &len);
  expected_sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);

  file = resell_atomic_file_new (f->dir, "camera.jpg", &error);
  g_assert_no_error (error);

  /* First part through the API, the middle straight to the fd (as
   * libgphoto2 would), the end through the API again. */
  g_assert_true (resell_atomic_file_write (file, p, 1000, &error));
  g_assert_no_error (error);
  fd = resell_atomic_file_get_fd (file);
  g_assert_cmpint (write (fd, p + 1000, 100000), ==, 100000);
  g_assert_true (resell_atomic_file_note_written (file, &error));
  g_assert_no_error (error);
  g_assert_true (resell_atomic_file_write (file, p + 101000, len - 101000, &error));
  g_assert_no_error (error);
  g_assert_true (resell_atomic_file_commit (file, &error));
  g_assert_no_error (error);

  g_assert_cmpstr (resell_atomic_file_get_sha256 (file), ==, expected_sha);
  assert_file_is (path, bytes);
}

static void
test_read_only_dir (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResellAtomicFile) file = NULL;
  g_autofree char *ro = g_build_filename (f->dir, "locked", NULL);

  if (geteuid () == 0)
    {
      g_test_skip ("root writes into read-only folders anyway");
      return;
    }

  g_assert_no_errno (g_mkdir (ro, 0500));

  file = resell_atomic_file_new (ro, "IMG_0042.jpg", &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_nonnull (strstr (error->message, "IMG_0042.jpg"));
  g_assert_null (file);
  assert_dir_is (ro, (const char *[]) { NULL });
}

static void
test_missing_dir (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResellAtomicFile) file = NULL;
  g_autofree char *missing = g_build_filename (f->dir, "gone", NULL);

  /* Works as root too: the folder an item's photos go to was removed. */
  file = resell_atomic_file_new (missing, "IMG_0042.jpg", &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "IMG_0042.jpg"));
  g_assert_null (file);
}

static void
test_compute_sha256 (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = make_pattern (5 * 64 * 1024 + 1);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *path = g_build_filename (f->dir, "big.bin", NULL);
  g_autofree char *empty = g_build_filename (f->dir, "empty.bin", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.jpg", NULL);
  g_autofree char *expected = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  g_autofree char *sha = NULL;
  g_autofree char *sha_empty = NULL;
  g_autofree char *sha_missing = NULL;
  g_autofree char *sha_cancelled = NULL;

  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  g_file_set_contents (empty, "", 0, &error);
  g_assert_no_error (error);

  sha = resell_file_compute_sha256 (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sha, ==, expected);

  sha_empty = resell_file_compute_sha256 (empty, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sha_empty, ==, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

  sha_missing = resell_file_compute_sha256 (missing, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "missing.jpg"));
  g_assert_null (sha_missing);
  g_clear_error (&error);

  g_cancellable_cancel (cancellable);
  sha_cancelled = resell_file_compute_sha256 (path, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (sha_cancelled);
}

/* The names of the app's temporary files, and only those, are swept. */
static void
test_temp_names (void)
{
  static const char * const temp[] = {
    ".IMG_0001.jpg.aB3dE9.part",
    ".a.000000.part",
    ".no-extension.ZZZZZZ.part",
    ".001-IMG_1.jpg.Xy12zW.part",
  };
  static const char * const not_temp[] = {
    "IMG_0001.jpg",
    "IMG_0001.jpg.aB3dE9.part",   /* not hidden */
    "..aB3dE9.part",              /* no name */
    ".IMG_0001.jpg.part",         /* no random part */
    ".IMG_0001.jpg.aB3dE.part",   /* five */
    ".IMG_0001.jpg-aB3dE9.part",
    ".IMG_0001.jpg.aB-dE9.part",
    ".IMG_0001.jpg.aB3dE9.part~",
    ".IMG_0001.jpg.aB3dE9.PART",
    ".hidden",
    ".part",
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (temp); i++)
    g_assert_true (resell_storage_is_temp_name (temp[i]));

  for (guint i = 0; i < G_N_ELEMENTS (not_temp); i++)
    {
      if (resell_storage_is_temp_name (not_temp[i]))
        g_error ("“%s” taken for a temporary file", not_temp[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  resell_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/atomic-file/write-commit", test_write_commit);
  ADD ("/atomic-file/empty-file", test_empty_file);
  ADD ("/atomic-file/abort", test_abort);
  ADD ("/atomic-file/never-overwrite", test_never_overwrite);
  ADD ("/atomic-file/splice", test_splice);
  ADD ("/atomic-file/splice-cancelled", test_splice_cancelled);
  ADD ("/atomic-file/fd-producer", test_fd_producer);
  ADD ("/atomic-file/read-only-dir", test_read_only_dir);
  ADD ("/atomic-file/missing-dir", test_missing_dir);
  ADD ("/atomic-file/compute-sha256", test_compute_sha256);
  g_test_add_func ("/atomic-file/temp-names", test_temp_names);

#undef ADD

  return g_test_run ();
}
