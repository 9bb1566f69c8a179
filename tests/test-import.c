/* test-import.c — photo import: probe, atomic copy, dedup, slots, thumbnails
 *
 * Every fixture image is made here with libvips, so no binary files live in
 * the repository.
 *
 * Over 1,000 lines on purpose: one fixture (a catalog, an item and an
 * importer in a temporary folder) and the table of cases run on it, each
 * one path of the same import.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <vips/vips.h>

#include "resell-core.h"
#include "resell-test-utils.h"
#include "imaging/resell-image-probe-private.h"

static const char category_json[] =
  "{\"version\":1,\"id\":\"test\",\"name\":\"Test\",\"icon\":\"package-x-generic-symbolic\","
  "\"sku_code\":\"TST\","
  "\"shots\":[{\"id\":\"front\",\"label\":\"Front\",\"guidance\":\"g\",\"required\":true,\"backdrop\":\"white\"},"
  "{\"id\":\"back\",\"label\":\"Back\",\"guidance\":\"g\",\"required\":true,\"backdrop\":\"white\"}],"
  "\"checklist\":[{\"id\":\"q\",\"question\":\"Q?\",\"answers\":[\"Yes\",\"No\"]}],"
  "\"flaws\":[{\"id\":\"stain\",\"label\":\"Stain\",\"description\":\"d\"}]}";

typedef struct
{
  char              *root;
  char              *src_dir;
  char              *data_dir;
  char              *cache_dir;
  ResellCatalog     *catalog;
  ResellThumbnailer *thumbnailer;
  ResellImporter    *importer;
  ResellCategory    *category;
  ResellItem        *item;
} Fixture;

/* Fixture images ---------------------------------------------------------- */

typedef struct
{
  int         width;
  int         height;
  double      seed;          /* makes different pictures differ */
  gboolean    noise;         /* noisy pixels: a big scan, so halving cuts pixel data */
  const char *make;
  const char *model;
  const char *datetime;
  int         orientation;   /* 0: none written */
} JpegSpec;

static GBytes *
make_jpeg (const JpegSpec *spec)
{
  VipsImage *base = NULL;
  VipsImage *shifted = NULL;
  VipsImage *image = NULL;
  void *buf = NULL;
  size_t len = 0;

  if (spec->noise)
    g_assert_cmpint (vips_gaussnoise (&base, spec->width, spec->height,
                                      "mean", 128.0, "sigma", 60.0, NULL), ==, 0);
  else
    g_assert_cmpint (vips_xyz (&base, spec->width, spec->height, NULL), ==, 0);

  g_assert_cmpint (vips_linear1 (base, &shifted, 0.5, spec->seed, NULL), ==, 0);
  g_assert_cmpint (vips_cast (shifted, &image, VIPS_FORMAT_UCHAR, NULL), ==, 0);

  /* vips_cast() made a new image, so its metadata is ours to set. */
  if (spec->make)
    vips_image_set_string (image, "exif-ifd0-Make", spec->make);
  if (spec->model)
    vips_image_set_string (image, "exif-ifd0-Model", spec->model);
  if (spec->datetime)
    vips_image_set_string (image, "exif-ifd2-DateTimeOriginal", spec->datetime);
  if (spec->orientation)
    vips_image_set_int (image, VIPS_META_ORIENTATION, spec->orientation);

  g_assert_cmpint (vips_jpegsave_buffer (image, &buf, &len, "Q", 90, NULL), ==, 0);

  g_object_unref (base);
  g_object_unref (shifted);
  g_object_unref (image);

  return g_bytes_new_with_free_func (buf, len, g_free, buf);
}

static char *
sha256_of (GBytes *bytes)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

/* Fixture ---------------------------------------------------------------- */

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->root = g_dir_make_tmp ("resell-import-XXXXXX", &error);
  g_assert_no_error (error);

  f->src_dir = g_build_filename (f->root, "camera", NULL);
  f->data_dir = g_build_filename (f->root, "data", NULL);
  f->cache_dir = g_build_filename (f->root, "cache", NULL);
  g_assert_no_errno (g_mkdir (f->src_dir, 0755));

  f->catalog = resell_catalog_open (f->data_dir, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->catalog);

  f->thumbnailer = resell_thumbnailer_new (f->cache_dir);
  f->importer = resell_importer_new (f->catalog, f->thumbnailer);

  f->category = resell_category_new_from_data ("test.json", category_json, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->category);

  f->item = resell_item_new ();
  resell_item_set_category (f->item, "test");
  resell_item_set_title (f->item, "Leather bag");
  g_assert_true (resell_catalog_insert_item (f->catalog, f->item, &error));
  g_assert_no_error (error);
  g_assert_cmpint (resell_item_get_id (f->item), >, 0);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  /* Catalog signals are delivered from idle sources. */
  resell_test_drain_main_context ();

  resell_test_assert_finalize_soon (f->importer);
  resell_test_assert_finalize_soon (f->thumbnailer);
  g_assert_finalize_object (f->item);
  g_assert_finalize_object (f->category);
  g_assert_finalize_object (f->catalog);

  resell_test_remove_tree (f->root);

  g_free (f->root);
  g_free (f->src_dir);
  g_free (f->data_dir);
  g_free (f->cache_dir);
}

static GPtrArray *
file_list (const char *first_path,
           ...)
{
  GPtrArray *files = g_ptr_array_new_with_free_func (g_object_unref);
  va_list args;

  va_start (args, first_path);
  for (const char *path = first_path; path != NULL; path = va_arg (args, const char *))
    g_ptr_array_add (files, g_file_new_for_path (path));
  va_end (args);

  return files;
}

static GPtrArray *
import (Fixture   *f,
        GPtrArray *files)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *results;

  results = resell_importer_import (f->importer, f->item, f->category, files, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (results);

  return results;
}

static GPtrArray *
import_path (Fixture    *f,
             const char *path)
{
  g_autoptr(GPtrArray) files = file_list (path, NULL);

  return import (f, files);
}

static ResellImportResult *
result_at (GPtrArray *results,
           guint      i)
{
  g_assert_cmpuint (i, <, results->len);
  return g_ptr_array_index (results, i);
}

static void
assert_failed_naming (ResellImportResult *result,
                      const char         *basename)
{
  const char *message = resell_import_result_get_message (result);

  g_assert_cmpint (resell_import_result_get_status (result), ==, RESELL_IMPORT_STATUS_FAILED);
  g_assert_null (resell_import_result_get_photo (result));
  g_assert_nonnull (message);
  g_test_message ("%s → %s", basename, message);
  if (strstr (message, basename) == NULL)
    g_error ("“%s” does not name %s", message, basename);
}

static char *
originals_dir (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  char *dir = resell_catalog_dup_originals_dir (f->catalog, resell_item_get_sku (f->item), &error);

  g_assert_no_error (error);
  return dir;
}

static void
assert_imported (Fixture            *f,
                 ResellImportResult *result,
                 GBytes             *source_bytes,
                 const char         *expected_slot,
                 int                 width,
                 int                 height)
{
  g_autofree char *sha = sha256_of (source_bytes);
  g_autofree char *thumb = NULL;
  g_autoptr(GBytes) copy = NULL;
  g_autoptr(VipsImage) thumb_image = NULL;
  g_autofree char *source_name = g_file_get_basename (resell_import_result_get_source (result));
  g_autofree char *stored_name = NULL;
  ResellPhoto *photo;

  g_assert_cmpint (resell_import_result_get_status (result), ==, RESELL_IMPORT_STATUS_IMPORTED);
  g_assert_null (resell_import_result_get_message (result));

  photo = resell_import_result_get_photo (result);
  g_assert_nonnull (photo);
  g_assert_cmpint (resell_photo_get_id (photo), >, 0);
  g_assert_cmpint (resell_photo_get_item_id (photo), ==, resell_item_get_id (f->item));
  g_assert_cmpstr (resell_photo_get_sha256 (photo), ==, sha);
  g_assert_cmpstr (resell_photo_get_slot (photo), ==, expected_slot);
  g_assert_cmpint (resell_photo_get_width (photo), ==, width);
  g_assert_cmpint (resell_photo_get_height (photo), ==, height);
  g_assert_cmpstr (resell_photo_get_original_name (photo), ==, source_name);

  /* The copy lives in the item's originals as "NNN-<name>", byte for byte. */
  g_assert_true (g_path_is_absolute (resell_photo_get_path (photo)));
  stored_name = g_path_get_basename (resell_photo_get_path (photo));
  g_assert_true (g_ascii_isdigit (stored_name[0]) && g_ascii_isdigit (stored_name[1]) &&
                 g_ascii_isdigit (stored_name[2]) && stored_name[3] == '-');
  g_assert_cmpstr (stored_name + 4, ==, source_name);
  copy = resell_test_read_bytes (resell_photo_get_path (photo));
  g_assert_true (g_bytes_equal (copy, source_bytes));

  /* The thumbnail was made at import, fits the UI's box, and is a JPEG. */
  thumb = resell_thumbnailer_lookup (f->thumbnailer, sha);
  g_assert_nonnull (thumb);
  thumb_image = vips_image_new_from_file (thumb, NULL);
  g_assert_nonnull (thumb_image);
  g_assert_cmpint (vips_image_get_width (thumb_image), <=, RESELL_THUMBNAIL_SIZE);
  g_assert_cmpint (vips_image_get_height (thumb_image), <=, RESELL_THUMBNAIL_SIZE);
  g_assert_cmpint (MAX (vips_image_get_width (thumb_image), vips_image_get_height (thumb_image)),
                   ==, RESELL_THUMBNAIL_SIZE);
}

/* Tests ------------------------------------------------------------------ */

static void
test_good_and_bad_files (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GBytes) front = make_jpeg (&(JpegSpec) { .width = 640, .height = 480, .seed = 10 });
  g_autoptr(GBytes) back = make_jpeg (&(JpegSpec) {
      .width = 400, .height = 300, .seed = 90,
      .make = "Canon", .model = "Canon EOS R6", .datetime = "2023:11:23 14:05:09",
    });
  g_autoptr(GBytes) detail = make_jpeg (&(JpegSpec) { .width = 500, .height = 250, .seed = 50 });
  g_autoptr(GBytes) noisy = make_jpeg (&(JpegSpec) { .width = 640, .height = 480, .noise = TRUE });
  g_autoptr(GBytes) truncated = g_bytes_new_from_bytes (noisy, 0, g_bytes_get_size (noisy) / 2);
  g_autofree char *front_path = resell_test_write_bytes (f->src_dir, "IMG_0001.jpg", front);
  g_autofree char *empty_path = resell_test_write_file (f->src_dir, "IMG_0002.jpg", "", 0);
  g_autofree char *truncated_path = resell_test_write_bytes (f->src_dir, "IMG_0003.jpg", truncated);
  g_autofree char *text_path = resell_test_write_file (f->src_dir, "notes.jpg", "Not a photo, a shopping list.\n", 30);
  g_autofree char *back_path = resell_test_write_bytes (f->src_dir, "IMG_0004.jpg", back);
  g_autofree char *missing_path = g_build_filename (f->src_dir, "IMG_0005.jpg", NULL);
  g_autofree char *detail_path = resell_test_write_bytes (f->src_dir, "IMG_0006.jpg", detail);
  g_autofree char *dir = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  g_autoptr(GDateTime) taken = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ResellItem) stored = NULL;
  struct stat before, after;
  ResellPhoto *back_photo;

  resell_test_allow_vips_warnings ();

  g_assert_no_errno (g_stat (front_path, &before));

  files = file_list (front_path, empty_path, truncated_path, text_path,
                     back_path, missing_path, detail_path, NULL);
  results = import (f, files);

  /* One result per file, in order; the bad ones do not stop the rest. */
  g_assert_cmpuint (results->len, ==, 7);
  for (guint i = 0; i < results->len; i++)
    g_assert_true (g_file_equal (resell_import_result_get_source (result_at (results, i)),
                                 g_ptr_array_index (files, i)));

  /* Slots follow the shot list; once it is full, photos are extras. */
  assert_imported (f, result_at (results, 0), front, "front", 640, 480);
  assert_failed_naming (result_at (results, 1), "IMG_0002.jpg");
  assert_failed_naming (result_at (results, 2), "IMG_0003.jpg");
  assert_failed_naming (result_at (results, 3), "notes.jpg");
  assert_imported (f, result_at (results, 4), back, "back", 400, 300);
  assert_failed_naming (result_at (results, 5), "IMG_0005.jpg");
  assert_imported (f, result_at (results, 6), detail, NULL, 500, 250);

  /* Each failure says what is wrong, not just that something is. */
  g_assert_nonnull (strstr (resell_import_result_get_message (result_at (results, 1)), "empty"));
  g_assert_nonnull (strstr (resell_import_result_get_message (result_at (results, 2)), "damaged"));
  g_assert_nonnull (strstr (resell_import_result_get_message (result_at (results, 3)), "not a picture"));
  g_assert_nonnull (strstr (resell_import_result_get_message (result_at (results, 5)), g_strerror (ENOENT)));

  /* EXIF: capture time as the camera's local clock, camera without the
   * make repeated. */
  back_photo = resell_import_result_get_photo (result_at (results, 4));
  taken = g_date_time_new_local (2023, 11, 23, 14, 5, 9);
  g_assert_cmpint (resell_photo_get_captured_at (back_photo), ==,
                   g_date_time_to_unix (taken) * G_USEC_PER_SEC);
  g_assert_cmpstr (resell_photo_get_camera_model (back_photo), ==, "Canon EOS R6");
  g_assert_cmpint (resell_photo_get_captured_at (resell_import_result_get_photo (result_at (results, 0))), ==, 0);
  g_assert_null (resell_photo_get_camera_model (resell_import_result_get_photo (result_at (results, 0))));

  /* The catalog holds exactly the three good ones, in import order. */
  photos = resell_catalog_list_photos (f->catalog, resell_item_get_id (f->item), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (photos->len, ==, 3);
  g_assert_cmpstr (resell_photo_get_sha256 (g_ptr_array_index (photos, 0)), ==,
                   resell_photo_get_sha256 (resell_import_result_get_photo (result_at (results, 0))));
  g_assert_cmpstr (resell_photo_get_slot (g_ptr_array_index (photos, 0)), ==, "front");
  g_assert_cmpstr (resell_photo_get_slot (g_ptr_array_index (photos, 1)), ==, "back");
  g_assert_cmpstr (resell_photo_get_slot (g_ptr_array_index (photos, 2)), ==, NULL);
  g_assert_cmpint (resell_photo_get_width (g_ptr_array_index (photos, 1)), ==, 400);

  stored = resell_catalog_lookup_item (f->catalog, resell_item_get_id (f->item), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (resell_item_get_photo_count (stored), ==, 3);

  /* Originals: only the three copies, nothing half-written. */
  dir = originals_dir (f);
  g_assert_cmpuint (resell_test_count_files (dir), ==, 3);
  resell_test_assert_no_temporary_files (dir);

  /* The sources are untouched: same bytes, same mtime, still there. */
  {
    g_autoptr(GBytes) front_again = resell_test_read_bytes (front_path);
    g_autoptr(GBytes) truncated_again = resell_test_read_bytes (truncated_path);

    g_assert_true (g_bytes_equal (front_again, front));
    g_assert_true (g_bytes_equal (truncated_again, truncated));
    g_assert_no_errno (g_stat (front_path, &after));
    g_assert_cmpint (before.st_mtime, ==, after.st_mtime);
    g_assert_cmpint (before.st_size, ==, after.st_size);
    g_assert_cmpuint (resell_test_count_files (f->src_dir), ==, 6);
  }
}

static void
test_duplicates (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GBytes) front = make_jpeg (&(JpegSpec) { .width = 320, .height = 240, .seed = 20 });
  g_autoptr(GBytes) back = make_jpeg (&(JpegSpec) { .width = 320, .height = 240, .seed = 120 });
  g_autofree char *front_path = resell_test_write_bytes (f->src_dir, "front.jpg", front);
  g_autofree char *copy_path = resell_test_write_bytes (f->src_dir, "front copy.jpg", front);
  g_autofree char *back_path = resell_test_write_bytes (f->src_dir, "back.jpg", back);
  g_autofree char *dir = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  g_autoptr(GError) error = NULL;
  ResellPhoto *first;

  /* Within one batch: the same bytes under another name, and the very
   * same file twice. */
  files = file_list (front_path, copy_path, back_path, front_path, NULL);
  results = import (f, files);
  g_assert_cmpuint (results->len, ==, 4);

  assert_imported (f, result_at (results, 0), front, "front", 320, 240);
  first = resell_import_result_get_photo (result_at (results, 0));

  g_assert_cmpint (resell_import_result_get_status (result_at (results, 1)), ==, RESELL_IMPORT_STATUS_DUPLICATE);
  g_assert_nonnull (strstr (resell_import_result_get_message (result_at (results, 1)), "front copy.jpg"));
  g_assert_nonnull (resell_import_result_get_photo (result_at (results, 1)));
  g_assert_cmpint (resell_photo_get_id (resell_import_result_get_photo (result_at (results, 1))), ==,
                   resell_photo_get_id (first));

  /* A duplicate takes no slot: the next real photo is "back". */
  assert_imported (f, result_at (results, 2), back, "back", 320, 240);

  g_assert_cmpint (resell_import_result_get_status (result_at (results, 3)), ==, RESELL_IMPORT_STATUS_DUPLICATE);
  g_assert_nonnull (strstr (resell_import_result_get_message (result_at (results, 3)), "front.jpg"));

  /* In a later batch. */
  again = import_path (f, front_path);
  g_assert_cmpuint (again->len, ==, 1);
  g_assert_cmpint (resell_import_result_get_status (result_at (again, 0)), ==, RESELL_IMPORT_STATUS_DUPLICATE);
  g_assert_cmpint (resell_photo_get_id (resell_import_result_get_photo (result_at (again, 0))), ==,
                   resell_photo_get_id (first));

  photos = resell_catalog_list_photos (f->catalog, resell_item_get_id (f->item), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (photos->len, ==, 2);

  dir = originals_dir (f);
  g_assert_cmpuint (resell_test_count_files (dir), ==, 2);
  resell_test_assert_no_temporary_files (dir);
}

static void
test_folder (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GBytes) a = make_jpeg (&(JpegSpec) { .width = 300, .height = 200, .seed = 1 });
  g_autoptr(GBytes) b = make_jpeg (&(JpegSpec) { .width = 200, .height = 300, .seed = 2 });
  g_autoptr(GBytes) c = make_jpeg (&(JpegSpec) { .width = 250, .height = 250, .seed = 3 });
  g_autofree char *folder = g_build_filename (f->src_dir, "shoot", NULL);
  g_autofree char *sub = g_build_filename (folder, "rejects", NULL);
  g_autofree char *dir = NULL;
  g_autofree char *existing_path = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) results = NULL;

  g_assert_no_errno (g_mkdir (folder, 0755));
  g_assert_no_errno (g_mkdir (sub, 0755));

  /* An item that already has its front: the folder's photos go on from "back". */
  existing_path = resell_test_write_bytes (f->src_dir, "earlier.jpg", c);
  first = import_path (f, existing_path);
  assert_imported (f, result_at (first, 0), c, "front", 250, 250);

  /* Written out of order; sorted the way a file manager shows them. */
  g_free (resell_test_write_bytes (folder, "IMG_10.jpg", b));
  g_free (resell_test_write_bytes (folder, "IMG_9.jpg", a));
  g_free (resell_test_write_file (folder, "IMG_11.JPG", "plain text\n", 11));
  g_free (resell_test_write_file (folder, "readme.txt", "notes\n", 6));          /* not an image: skipped */
  g_free (resell_test_write_bytes (folder, "._IMG_9.jpg", a));                    /* hidden: skipped */
  g_free (resell_test_write_bytes (sub, "IMG_1.jpg", a));                         /* not recursive */

  results = import_path (f, folder);
  g_assert_cmpuint (results->len, ==, 3);

  assert_imported (f, result_at (results, 0), a, "back", 300, 200);
  assert_imported (f, result_at (results, 1), b, NULL, 200, 300);
  assert_failed_naming (result_at (results, 2), "IMG_11.JPG");

  {
    g_autofree char *name = g_file_get_basename (resell_import_result_get_source (result_at (results, 0)));
    g_assert_cmpstr (name, ==, "IMG_9.jpg");
  }

  dir = originals_dir (f);
  g_assert_cmpuint (resell_test_count_files (dir), ==, 3);
  resell_test_assert_no_temporary_files (dir);
}

static void
test_unreadable_folder (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GBytes) a = make_jpeg (&(JpegSpec) { .width = 100, .height = 100, .seed = 7 });
  g_autofree char *good_path = resell_test_write_bytes (f->src_dir, "good.jpg", a);
  g_autofree char *locked = g_build_filename (f->src_dir, "locked", NULL);
  g_autofree char *gone = g_build_filename (f->src_dir, "gone", NULL);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) files = NULL;
  gboolean as_root = geteuid () == 0;

  g_assert_no_errno (g_mkdir (locked, 0755));
  g_free (resell_test_write_bytes (locked, "inside.jpg", a));
  g_assert_no_errno (g_chmod (locked, 0000));

  /* A folder that vanished (card pulled out) is reported like a file. */
  files = file_list (locked, gone, good_path, NULL);
  results = import (f, files);
  g_assert_cmpuint (results->len, ==, 3);

  if (as_root)
    {
      /* Root reads it anyway: the photo inside is imported. */
      assert_imported (f, result_at (results, 0), a, "front", 100, 100);
      g_test_message ("running as root: the permission case is not tested");
    }
  else
    {
      const char *message;

      assert_failed_naming (result_at (results, 0), "locked");
      message = resell_import_result_get_message (result_at (results, 0));
      g_assert_cmpstr (message, ==, "Could not open the folder “locked”: Permission denied.");
    }

  assert_failed_naming (result_at (results, 1), "gone");
  g_assert_nonnull (strstr (resell_import_result_get_message (result_at (results, 1)), g_strerror (ENOENT)));

  if (as_root)
    g_assert_cmpint (resell_import_result_get_status (result_at (results, 2)), ==, RESELL_IMPORT_STATUS_DUPLICATE);
  else
    assert_imported (f, result_at (results, 2), a, "front", 100, 100);

  g_assert_no_errno (g_chmod (locked, 0755));
}

static void
test_too_large (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GBytes) small = make_jpeg (&(JpegSpec) { .width = 64, .height = 48, .seed = 3 });
  g_autoptr(GByteArray) bomb = g_byte_array_new ();
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) results = NULL;
  gboolean patched = FALSE;

  resell_test_allow_vips_warnings ();

  /* A real JPEG whose frame header claims 30000 × 20000 pixels (600 MP):
   * what a decompression bomb looks like to the header reader. */
  g_byte_array_append (bomb, g_bytes_get_data (small, NULL), g_bytes_get_size (small));
  for (guint i = 2; i + 9 < bomb->len; i++)
    {
      if (bomb->data[i] == 0xFF && (bomb->data[i + 1] == 0xC0 || bomb->data[i + 1] == 0xC2))
        {
          bomb->data[i + 5] = 20000 >> 8;
          bomb->data[i + 6] = 20000 & 0xFF;
          bomb->data[i + 7] = 30000 >> 8;
          bomb->data[i + 8] = 30000 & 0xFF;
          patched = TRUE;
          break;
        }
    }
  g_assert_true (patched);

  path = resell_test_write_file (f->src_dir, "huge.jpg", bomb->data, bomb->len);
  results = import_path (f, path);

  assert_failed_naming (result_at (results, 0), "huge.jpg");
  g_assert_nonnull (strstr (resell_import_result_get_message (result_at (results, 0)), "600 megapixels"));
}

typedef int (*SaveBufferFunc) (VipsImage *in, void **buf, size_t *len, ...);

static GBytes *
make_image (SaveBufferFunc save,
            int            width,
            int            height,
            double         seed)
{
  VipsImage *base = NULL;
  VipsImage *shifted = NULL;
  VipsImage *image = NULL;
  void *buf = NULL;
  size_t len = 0;

  g_assert_cmpint (vips_xyz (&base, width, height, NULL), ==, 0);
  g_assert_cmpint (vips_linear1 (base, &shifted, 0.5, seed, NULL), ==, 0);
  g_assert_cmpint (vips_cast (shifted, &image, VIPS_FORMAT_UCHAR, NULL), ==, 0);
  g_assert_cmpint (save (image, &buf, &len, NULL), ==, 0);

  g_object_unref (base);
  g_object_unref (shifted);
  g_object_unref (image);

  return g_bytes_new_with_free_func (buf, len, g_free, buf);
}

static void
test_formats (Fixture       *f,
              gconstpointer  data)
{
  static const char svg[] =
    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"100\">"
    "<rect width=\"100\" height=\"100\" fill=\"red\"/></svg>\n";
  g_autoptr(GBytes) png = make_image (vips_pngsave_buffer, 210, 110, 1);
  g_autoptr(GBytes) webp = make_image (vips_webpsave_buffer, 220, 120, 2);
  g_autoptr(GBytes) tiff = make_image (vips_tiffsave_buffer, 230, 130, 3);
  g_autofree char *png_path = resell_test_write_bytes (f->src_dir, "scan.png", png);
  g_autofree char *webp_path = resell_test_write_bytes (f->src_dir, "phone.webp", webp);
  g_autofree char *tiff_path = resell_test_write_bytes (f->src_dir, "scanner.tif", tiff);
  /* libvips reads SVG (and PDF…) too, but those are not photos. */
  g_autofree char *svg_path = resell_test_write_file (f->src_dir, "drawing.svg", svg, strlen (svg));
  g_autoptr(GPtrArray) files = file_list (png_path, webp_path, tiff_path, svg_path, NULL);
  g_autoptr(GPtrArray) results = import (f, files);

  g_assert_cmpuint (results->len, ==, 4);
  assert_imported (f, result_at (results, 0), png, "front", 210, 110);
  assert_imported (f, result_at (results, 1), webp, "back", 220, 120);
  assert_imported (f, result_at (results, 2), tiff, NULL, 230, 130);
  assert_failed_naming (result_at (results, 3), "drawing.svg");
  g_assert_nonnull (strstr (resell_import_result_get_message (result_at (results, 3)), "not a picture"));
}

static void
test_catalog_refuses (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GBytes) a = make_jpeg (&(JpegSpec) { .width = 100, .height = 100, .seed = 8 });
  g_autofree char *path = resell_test_write_bytes (f->src_dir, "orphan.jpg", a);
  g_autoptr(ResellItem) ghost = resell_item_new ();
  g_autoptr(GPtrArray) files = file_list (path, NULL);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *ghost_dir = NULL;

  /* An item removed from the catalog meanwhile (by another window or
   * process): its row is gone, so the photo row cannot be inserted. */
  resell_item_set_id (ghost, 999999);
  resell_item_set_sku (ghost, "RS-000000-999");

  results = resell_importer_import (f->importer, ghost, f->category,
                                    files, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 1);
  assert_failed_naming (result_at (results, 0), "orphan.jpg");

  /* The copy had no row to point at it, so it was removed again. */
  ghost_dir = resell_catalog_dup_originals_dir (f->catalog, "RS-000000-999", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (resell_test_count_files (ghost_dir), ==, 0);

  /* The real item is untouched. */
  dir = originals_dir (f);
  g_assert_cmpuint (resell_test_count_files (dir), ==, 0);
}

static void
test_originals_not_writable (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GBytes) a = make_jpeg (&(JpegSpec) { .width = 100, .height = 100, .seed = 9 });
  g_autofree char *path = resell_test_write_bytes (f->src_dir, "a.jpg", a);
  g_autofree char *dir = originals_dir (f);
  g_autoptr(GPtrArray) files = file_list (path, NULL);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("root writes into read-only folders anyway");
      return;
    }

  /* Nothing can be done at all: one error, not a failure per file. */
  g_assert_no_errno (g_chmod (dir, 0500));
  results = resell_importer_import (f->importer, f->item, f->category,
                                    files, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_null (results);
  g_assert_no_errno (g_chmod (dir, 0700));
  g_assert_cmpuint (resell_test_count_files (dir), ==, 0);
}

static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GBytes) a = make_jpeg (&(JpegSpec) { .width = 100, .height = 100, .seed = 7 });
  g_autofree char *path = resell_test_write_bytes (f->src_dir, "a.jpg", a);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) files = file_list (path, NULL);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;

  g_cancellable_cancel (cancellable);
  results = resell_importer_import (f->importer, f->item, f->category, files, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (results);
  g_clear_error (&error);

  photos = resell_catalog_list_photos (f->catalog, resell_item_get_id (f->item), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (photos->len, ==, 0);

  dir = originals_dir (f);
  g_assert_cmpuint (resell_test_count_files (dir), ==, 0);
}

static void
on_import_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  GPtrArray **out = user_data;

  *out = resell_importer_import_finish (RESELL_IMPORTER (object), result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*out);
}

static void
on_item_changed (ResellCatalog *catalog,
                 ResellItem    *item,
                 gpointer       user_data)
{
  guint *n_changed = user_data;

  /* The worker wrote; the signal must still arrive on this thread. */
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  (*n_changed)++;
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GBytes) a = make_jpeg (&(JpegSpec) { .width = 120, .height = 90, .seed = 11 });
  g_autoptr(GBytes) b = make_jpeg (&(JpegSpec) { .width = 90, .height = 120, .seed = 12 });
  g_autofree char *a_path = resell_test_write_bytes (f->src_dir, "a.jpg", a);
  g_autofree char *b_path = resell_test_write_bytes (f->src_dir, "b.jpg", b);
  g_autoptr(GPtrArray) files = file_list (a_path, b_path, NULL);
  g_autoptr(GPtrArray) results = NULL;
  guint n_changed = 0;
  gulong handler;

  handler = g_signal_connect (f->catalog, "item-changed",
                              G_CALLBACK (on_item_changed), &n_changed);

  resell_importer_import_async (f->importer, f->item, f->category, files, NULL,
                                on_import_done, &results);
  /* The caller's array may change at once without affecting the import. */
  g_ptr_array_set_size (files, 0);

  while (results == NULL)
    g_main_context_iteration (NULL, TRUE);
  resell_test_drain_main_context ();

  g_assert_cmpuint (results->len, ==, 2);
  assert_imported (f, result_at (results, 0), a, "front", 120, 90);
  assert_imported (f, result_at (results, 1), b, "back", 90, 120);
  g_assert_cmpuint (n_changed, >=, 1);

  g_signal_handler_disconnect (f->catalog, handler);
}

/* In the app libvips is started on a background thread, so an import can
 * come first.  Run in a process where nothing has called resell_core_init()
 * and libvips only started itself (to make the JPEG) with its own defaults:
 * the asynchronous import must set it up as the synchronous one does. */
static void
test_async_starts_core (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GBytes) a = NULL;
  g_autofree char *a_path = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(ResellImporter) importer = NULL;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  a = make_jpeg (&(JpegSpec) { .width = 64, .height = 48, .seed = 21 });
  a_path = resell_test_write_bytes (f->src_dir, "a.jpg", a);
  files = file_list (a_path, NULL);
  g_assert_cmpint (vips_cache_get_max (), !=, 0);

  /* No thumbnailer: making previews would set libvips up on its own. */
  importer = resell_importer_new (f->catalog, NULL);
  resell_importer_import_async (importer, f->item, f->category, files, NULL,
                                on_import_done, &results);
  while (results == NULL)
    g_main_context_iteration (NULL, TRUE);
  resell_test_drain_main_context ();

  g_assert_cmpuint (results->len, ==, 1);
  g_assert_cmpint (resell_import_result_get_status (result_at (results, 0)), ==,
                   RESELL_IMPORT_STATUS_IMPORTED);
  g_assert_cmpint (resell_photo_get_width (resell_import_result_get_photo (result_at (results, 0))), ==, 64);
  /* What resell_core_init() sets: no cache of decoded images. */
  g_assert_cmpint (vips_cache_get_max (), ==, 0);

  resell_test_assert_finalize_soon (g_steal_pointer (&importer));
}

static void
on_thumbnail_done (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  char **out = user_data;

  *out = resell_thumbnailer_ensure_finish (RESELL_THUMBNAILER (object), result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*out);
}

static void
assert_jpeg_size (const char *path,
                  int         width,
                  int         height)
{
  g_autoptr(VipsImage) image = vips_image_new_from_file (path, NULL);
  const char *loader = NULL;

  g_assert_nonnull (image);
  g_assert_cmpint (vips_image_get_width (image), ==, width);
  g_assert_cmpint (vips_image_get_height (image), ==, height);
  g_assert_cmpint (vips_image_get_string (image, "vips-loader", &loader), ==, 0);
  g_assert_cmpstr (loader, ==, "jpegload");
  /* strip: no EXIF copied into the cache. */
  g_assert_cmpint (vips_image_get_typeof (image, VIPS_META_EXIF_NAME), ==, 0);
}

static void
test_thumbnailer (Fixture       *f,
                  gconstpointer  data)
{
  /* Stored 640 × 480 with EXIF orientation 6: shown as portrait.  The
   * brackets would be load options to vips_image_new_from_file(). */
  g_autoptr(GBytes) photo = make_jpeg (&(JpegSpec) { .width = 640, .height = 480, .seed = 30, .orientation = 6 });
  g_autoptr(GBytes) other = make_jpeg (&(JpegSpec) { .width = 100, .height = 50, .seed = 31 });
  g_autofree char *path = resell_test_write_bytes (f->src_dir, "rotated[1].jpg", photo);
  g_autofree char *other_path = resell_test_write_bytes (f->src_dir, "other.jpg", other);
  g_autofree char *text_path = resell_test_write_file (f->src_dir, "text.jpg", "text", 4);
  g_autofree char *sha = sha256_of (photo);
  g_autofree char *other_sha = sha256_of (other);
  g_autofree char *text_sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "text", 4);
  g_autofree char *thumbs_dir = g_build_filename (f->cache_dir, "thumbnails", NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autofree char *again = NULL;
  g_autofree char *looked_up = NULL;
  g_autofree char *broken = NULL;
  g_autoptr(GError) error = NULL;
  struct stat before, after;

  g_assert_cmpstr (resell_thumbnailer_get_cache_dir (f->thumbnailer), ==, f->cache_dir);
  g_assert_null (resell_thumbnailer_lookup (f->thumbnailer, sha));

  /* Three requests at once, two for the same photo (one job for those). */
  resell_thumbnailer_ensure_async (f->thumbnailer, path, sha, NULL, on_thumbnail_done, &first);
  resell_thumbnailer_ensure_async (f->thumbnailer, path, sha, NULL, on_thumbnail_done, &second);
  resell_thumbnailer_ensure_async (f->thumbnailer, other_path, other_sha, NULL, on_thumbnail_done, &third);

  while (first == NULL || second == NULL || third == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpstr (first, ==, second);
  g_assert_true (g_str_has_prefix (first, thumbs_dir));
  g_assert_true (g_str_has_suffix (first, ".jpg"));
  g_assert_nonnull (strstr (first, sha));

  assert_jpeg_size (first, 240, 320);
  assert_jpeg_size (third, 320, 160);

  /* Exactly the two thumbnails, no temporary files. */
  g_assert_cmpuint (resell_test_count_files (thumbs_dir), ==, 2);
  resell_test_assert_no_temporary_files (thumbs_dir);

  /* Cached: found, and not made again. */
  looked_up = resell_thumbnailer_lookup (f->thumbnailer, sha);
  g_assert_cmpstr (looked_up, ==, first);
  g_assert_no_errno (g_stat (first, &before));
  again = resell_thumbnailer_ensure (f->thumbnailer, path, sha, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, first);
  g_assert_no_errno (g_stat (first, &after));
  g_assert_cmpint (before.st_ino, ==, after.st_ino);
  g_assert_cmpint (before.st_mtim.tv_nsec, ==, after.st_mtim.tv_nsec);

  /* Not a picture: an error naming the file, and nothing cached. */
  broken = resell_thumbnailer_ensure (f->thumbnailer, text_path, text_sha, NULL, &error);
  g_assert_null (broken);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "text.jpg"));
  g_assert_null (resell_thumbnailer_lookup (f->thumbnailer, text_sha));
  g_assert_cmpuint (resell_test_count_files (thumbs_dir), ==, 2);
}

/* Checks on arrival -------------------------------------------------------- */

static void
assert_checks_stored (Fixture            *f,
                      ResellImportResult *result)
{
  ResellShotReport *report = resell_import_result_get_report (result);
  ResellPhoto *photo = resell_import_result_get_photo (result);
  g_autoptr(ResellShotReport) stored = NULL;
  g_autoptr(ResellPhoto) row = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (report);
  g_assert_true (resell_shot_report_get_readable (report));
  g_assert_nonnull (resell_photo_get_checks (photo));

  /* What the catalog holds is what the result says. */
  row = resell_catalog_find_photo_by_sha256 (f->catalog, resell_item_get_id (f->item),
                                             resell_photo_get_sha256 (photo), &error);
  g_assert_no_error (error);
  g_assert_nonnull (row);
  g_assert_cmpstr (resell_photo_get_checks (row), ==, resell_photo_get_checks (photo));

  stored = resell_shot_report_new_from_json (resell_photo_get_checks (row));
  g_assert_nonnull (stored);
  g_assert_cmpint (resell_shot_report_get_passed (stored), ==, resell_shot_report_get_passed (report));
  g_assert_cmpfloat (resell_shot_report_get_sharpness (stored), ==, resell_shot_report_get_sharpness (report));
}

static void
test_import_checks (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GBytes) good = resell_test_product_jpeg (238, 1);
  g_autoptr(GBytes) grey = resell_test_product_jpeg (170, 2);
  g_autoptr(GBytes) tiny = make_jpeg (&(JpegSpec) { .width = 120, .height = 90, .seed = 3, .noise = TRUE });
  g_autofree char *good_path = resell_test_write_bytes (f->src_dir, "good.jpg", good);
  g_autofree char *grey_path = resell_test_write_bytes (f->src_dir, "grey.jpg", grey);
  g_autofree char *tiny_path = resell_test_write_bytes (f->src_dir, "tiny.jpg", tiny);
  g_autoptr(GPtrArray) files = file_list (good_path, grey_path, tiny_path, NULL);
  g_autoptr(GPtrArray) results = import (f, files);
  ResellShotReport *report;

  g_assert_cmpuint (results->len, ==, 3);

  /* Front, white backdrop expected: all good. */
  assert_imported (f, result_at (results, 0), good, "front", 1600, 1067);
  assert_checks_stored (f, result_at (results, 0));
  report = resell_import_result_get_report (result_at (results, 0));
  g_assert_true (resell_shot_report_get_passed (report));
  g_assert_true (resell_shot_report_get_backdrop_checked (report));

  /* Back, white expected, grey given: imported all the same, with the
   * reason it falls short stored beside it. */
  assert_imported (f, result_at (results, 1), grey, "back", 1600, 1067);
  assert_checks_stored (f, result_at (results, 1));
  report = resell_import_result_get_report (result_at (results, 1));
  g_assert_false (resell_shot_report_get_passed (report));
  g_assert_true (g_strv_contains (resell_shot_report_get_problem_ids (report), "backdrop-dark"));

  /* An extra photo: no backdrop expected, but far too small. */
  assert_imported (f, result_at (results, 2), tiny, NULL, 120, 90);
  assert_checks_stored (f, result_at (results, 2));
  report = resell_import_result_get_report (result_at (results, 2));
  g_assert_false (resell_shot_report_get_backdrop_checked (report));
  g_assert_false (resell_shot_report_get_resolution_ok (report));
}

static ResellImportResult *
attach (Fixture     *f,
        const char  *slot,
        const char  *path,
        gboolean     file_in_item,
        gint64       replace_photo_id,
        GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  ResellImportResult *ret;

  resell_importer_attach_async (f->importer, f->item, f->category, slot, file,
                                file_in_item, replace_photo_id, NULL,
                                resell_test_got_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  ret = resell_importer_attach_finish (f->importer, result, error);
  resell_test_drain_main_context ();

  return ret;
}

/* A camera download: written straight into the item's originals. */
static char *
write_download (Fixture    *f,
                const char *name,
                GBytes     *bytes)
{
  g_autofree char *dir = originals_dir (f);

  return resell_test_write_bytes (dir, name, bytes);
}

static void
test_attach_in_item (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GBytes) shot = resell_test_product_jpeg (238, 4);
  g_autofree char *path = write_download (f, "capture-0001.jpg", shot);
  g_autofree char *outside = resell_test_write_bytes (f->src_dir, "elsewhere.jpg", shot);
  g_autofree char *dir = originals_dir (f);
  g_autofree char *sha = sha256_of (shot);
  g_autofree char *thumb = NULL;
  g_autoptr(ResellImportResult) result = NULL;
  g_autoptr(ResellImportResult) again = NULL;
  g_autoptr(ResellImportResult) nowhere = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  g_autoptr(GError) error = NULL;
  ResellPhoto *photo;

  result = attach (f, "back", path, TRUE, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (resell_import_result_get_status (result), ==, RESELL_IMPORT_STATUS_IMPORTED);
  g_assert_null (resell_import_result_get_message (result));

  /* Kept where the camera put it: no copy. */
  photo = resell_import_result_get_photo (result);
  g_assert_cmpstr (resell_photo_get_path (photo), ==, path);
  g_assert_cmpuint (resell_test_count_files (dir), ==, 1);
  g_assert_cmpstr (resell_photo_get_slot (photo), ==, "back");
  g_assert_cmpstr (resell_photo_get_original_name (photo), ==, "capture-0001.jpg");
  g_assert_cmpstr (resell_photo_get_sha256 (photo), ==, sha);
  g_assert_cmpint (resell_photo_get_width (photo), ==, 1600);
  g_assert_cmpint (resell_photo_get_height (photo), ==, 1067);
  g_assert_true (resell_shot_report_get_passed (resell_import_result_get_report (result)));
  assert_checks_stored (f, result);

  thumb = resell_thumbnailer_lookup (f->thumbnailer, sha);
  g_assert_nonnull (thumb);

  photos = resell_catalog_list_photos (f->catalog, resell_item_get_id (f->item), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (photos->len, ==, 1);

  /* The same bytes again (the camera sent the file twice). */
  again = attach (f, "front", path, TRUE, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (resell_import_result_get_status (again), ==, RESELL_IMPORT_STATUS_DUPLICATE);
  g_assert_nonnull (resell_import_result_get_message (again));
  g_assert_cmpint (resell_photo_get_id (resell_import_result_get_photo (again)), ==,
                   resell_photo_get_id (photo));
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  /* "In the item" is checked, never assumed. */
  nowhere = attach (f, "front", outside, TRUE, 0, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_null (nowhere);
}

/* Stored 3000 × 2000 with EXIF orientation 6 (a camera held upright): the
 * left third light grey, a band of pure red across the middle of the
 * rest, dark elsewhere; in Display P3 with its profile embedded when lcms
 * is there, so the thumbnail's move to sRGB shows. */
static GBytes *
make_upright_jpeg (gboolean p3)
{
  g_autoptr(VipsImage) black = NULL;
  g_autoptr(VipsImage) canvas = NULL;
  g_autoptr(VipsImage) image = NULL;
  double dark[3] = { 40, 40, 40 };
  double grey[3] = { 230, 230, 230 };
  double red[3] = { 255, 0, 0 };
  void *buf = NULL;
  size_t len = 0;

  g_assert_cmpint (vips_black (&black, 3000, 2000, "bands", 3, NULL), ==, 0);
  canvas = vips_image_copy_memory (black);
  g_assert_nonnull (canvas);
  g_assert_cmpint (vips_draw_rect (canvas, dark, 3, 0, 0, 3000, 2000, "fill", TRUE, NULL), ==, 0);
  g_assert_cmpint (vips_draw_rect (canvas, grey, 3, 0, 0, 1000, 2000, "fill", TRUE, NULL), ==, 0);
  g_assert_cmpint (vips_draw_rect (canvas, red, 3, 1000, 800, 2000, 400, "fill", TRUE, NULL), ==, 0);

  if (p3)
    g_assert_cmpint (vips_icc_transform (canvas, &image, "p3", "input_profile", "srgb", NULL), ==, 0);
  else
    g_assert_cmpint (vips_copy (canvas, &image, "interpretation", VIPS_INTERPRETATION_sRGB, NULL), ==, 0);

  /* A new image from the call above: its metadata is ours to set. */
  vips_image_set_int (image, VIPS_META_ORIENTATION, 6);
  g_assert_cmpint (vips_jpegsave_buffer (image, &buf, &len, "Q", 95, NULL), ==, 0);

  return g_bytes_new_with_free_func (buf, len, g_free, buf);
}

static void
assert_pixel_near (VipsImage *image,
                   int        x,
                   int        y,
                   double     r,
                   double     g,
                   double     b)
{
  double *values = NULL;
  int n = 0;

  g_assert_cmpint (vips_getpoint (image, &values, &n, x, y, NULL), ==, 0);
  g_assert_cmpint (n, ==, 3);
  g_test_message ("(%d, %d): %.0f %.0f %.0f", x, y, values[0], values[1], values[2]);
  g_assert_cmpfloat_with_epsilon (values[0], r, 12.0);
  g_assert_cmpfloat_with_epsilon (values[1], g, 12.0);
  g_assert_cmpfloat_with_epsilon (values[2], b, 12.0);
  g_free (values);
}

/* A camera download's thumbnail comes from the check's decode (one decode
 * for both): it must be the thumbnail the file would give, upright, in
 * sRGB, long edge RESELL_THUMBNAIL_SIZE, where the UI looks for it. */
static void
assert_attach_thumbnail_upright (Fixture    *f,
                                 const char *slot,
                                 gboolean    p3)
{
  g_autoptr(GBytes) shot = make_upright_jpeg (p3);
  g_autofree char *name = g_strdup_printf ("capture-%s.jpg", slot);
  g_autofree char *path = write_download (f, name, shot);
  g_autofree char *sha = sha256_of (shot);
  g_autofree char *other_cache = g_build_filename (f->root, "cache-from-file", NULL);
  g_autoptr(ResellThumbnailer) from_file = resell_thumbnailer_new (other_cache);
  g_autoptr(ResellImportResult) result = NULL;
  g_autoptr(VipsImage) thumb = NULL;
  g_autoptr(VipsImage) reference = NULL;
  g_autoptr(VipsImage) difference = NULL;
  g_autoptr(VipsImage) magnitude = NULL;
  g_autofree char *thumb_path = NULL;
  g_autofree char *reference_path = NULL;
  g_autoptr(GError) error = NULL;
  double mean_difference = 0.0;

  g_test_message ("photo in %s", p3 ? "Display P3 (profile embedded)" : "sRGB (no profile)");

  result = attach (f, slot, path, TRUE, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (resell_import_result_get_status (result), ==, RESELL_IMPORT_STATUS_IMPORTED);
  g_assert_cmpint (resell_photo_get_width (resell_import_result_get_photo (result)), ==, 3000);
  g_assert_cmpint (resell_photo_get_height (resell_import_result_get_photo (result)), ==, 2000);

  /* There as soon as the attach is done, portrait: 3000 × 2000 turned
   * upright is 2000 × 3000, so 213 × 320. */
  thumb_path = resell_thumbnailer_lookup (f->thumbnailer, sha);
  g_assert_nonnull (thumb_path);
  assert_jpeg_size (thumb_path, 213, 320);

  /* Turned the right way (clockwise: the stored left edge is the top) and
   * in sRGB: the red is pure red. */
  thumb = vips_image_new_from_file (thumb_path, NULL);
  g_assert_nonnull (thumb);
  g_assert_cmpint (vips_image_get_bands (thumb), ==, 3);
  assert_pixel_near (thumb, 106, 40, 230, 230, 230);
  assert_pixel_near (thumb, 106, 250, 255, 0, 0);
  assert_pixel_near (thumb, 30, 250, 40, 40, 40);
  assert_pixel_near (thumb, 180, 250, 40, 40, 40);

  /* And the thumbnail the file itself gives (the UI's path, for photos
   * that came another way), near enough pixel for pixel.  Not for an sRGB
   * photo without a profile: there libvips 8.14's move to sRGB through XYZ
   * darkens the shadows (40 → 24, libvips issue 3479), which the thumbnail
   * from the decode does not copy (checked just above). */
  reference_path = resell_thumbnailer_ensure (from_file, path, sha, NULL, &error);
  g_assert_no_error (error);
  assert_jpeg_size (reference_path, 213, 320);
  if (!p3)
    return;
  reference = vips_image_new_from_file (reference_path, NULL);
  g_assert_nonnull (reference);
  g_assert_cmpint (vips_subtract (thumb, reference, &difference, NULL), ==, 0);
  g_assert_cmpint (vips_abs (difference, &magnitude, NULL), ==, 0);
  g_assert_cmpint (vips_avg (magnitude, &mean_difference, NULL), ==, 0);
  g_test_message ("mean difference from the file's thumbnail: %.3f", mean_difference);
  g_assert_cmpfloat (mean_difference, <, 2.0);
}

static void
test_attach_thumbnail_upright (Fixture       *f,
                               gconstpointer  data)
{
  assert_attach_thumbnail_upright (f, "front", FALSE);

  /* The move to sRGB needs lcms. */
  if (vips_icc_present ())
    assert_attach_thumbnail_upright (f, "back", TRUE);
}

static void
test_attach_copy (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GBytes) shot = resell_test_product_jpeg (238, 5);
  g_autofree char *path = resell_test_write_bytes (f->src_dir, "dragged.jpg", shot);
  g_autofree char *text = resell_test_write_file (f->src_dir, "notes.jpg", "hello", 5);
  g_autofree char *dir = originals_dir (f);
  g_autoptr(ResellImportResult) result = NULL;
  g_autoptr(ResellImportResult) bad = NULL;
  g_autoptr(GError) error = NULL;

  /* Dropped on a slot: copied in, as an import would. */
  result = attach (f, "front", path, FALSE, 0, &error);
  g_assert_no_error (error);
  assert_imported (f, result, shot, "front", 1600, 1067);
  assert_checks_stored (f, result);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (resell_test_count_files (dir), ==, 1);

  /* Not a picture: said, naming the file, and nothing copied. */
  bad = attach (f, "back", text, FALSE, 0, &error);
  g_assert_no_error (error);
  assert_failed_naming (bad, "notes.jpg");
  g_assert_cmpuint (resell_test_count_files (dir), ==, 1);
  resell_test_assert_no_temporary_files (dir);
}

static void
test_attach_replace (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GBytes) first = resell_test_product_jpeg (238, 6);
  g_autoptr(GBytes) second = resell_test_product_jpeg (238, 7);
  g_autoptr(GBytes) retake = resell_test_product_jpeg (238, 8);
  g_autofree char *first_path = write_download (f, "capture-0001.jpg", first);
  g_autofree char *second_path = write_download (f, "capture-0002.jpg", second);
  g_autofree char *retake_path = NULL;
  g_autoptr(ResellImportResult) a = NULL;
  g_autoptr(ResellImportResult) b = NULL;
  g_autoptr(ResellImportResult) c = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  g_autoptr(GError) error = NULL;
  ResellPhoto *old_front;
  ResellPhoto *new_front;
  int old_position;

  a = attach (f, "front", first_path, TRUE, 0, &error);
  g_assert_no_error (error);
  b = attach (f, "back", second_path, TRUE, 0, &error);
  g_assert_no_error (error);
  old_front = resell_import_result_get_photo (a);
  old_position = resell_photo_get_position (old_front);
  g_assert_cmpint (old_position, <, resell_photo_get_position (resell_import_result_get_photo (b)));

  /* Retake of the front. */
  retake_path = write_download (f, "capture-0003.jpg", retake);
  c = attach (f, "front", retake_path, TRUE, resell_photo_get_id (old_front), &error);
  g_assert_no_error (error);
  g_assert_cmpint (resell_import_result_get_status (c), ==, RESELL_IMPORT_STATUS_IMPORTED);
  new_front = resell_import_result_get_photo (c);
  g_assert_cmpint (resell_photo_get_position (new_front), ==, old_position);
  g_assert_cmpstr (resell_photo_get_slot (new_front), ==, "front");

  /* The old row is gone, its file is not; the order is as before. */
  photos = resell_catalog_list_photos (f->catalog, resell_item_get_id (f->item), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (photos->len, ==, 2);
  g_assert_cmpint (resell_photo_get_id (g_ptr_array_index (photos, 0)), ==, resell_photo_get_id (new_front));
  g_assert_cmpstr (resell_photo_get_slot (g_ptr_array_index (photos, 1)), ==, "back");
  for (guint i = 0; i < photos->len; i++)
    g_assert_cmpint (resell_photo_get_id (g_ptr_array_index (photos, i)), !=, resell_photo_get_id (old_front));
  g_assert_true (g_file_test (first_path, G_FILE_TEST_IS_REGULAR));
}

static void
test_attach_corrupt (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GBytes) shot = resell_test_product_jpeg (238, 9);
  g_autofree char *truncated = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *dir = originals_dir (f);
  g_autoptr(GPtrArray) photos = NULL;
  g_autoptr(GError) error = NULL;
  const char *paths[2];

  resell_test_allow_vips_warnings ();

  /* A download cut short, and one that never got any bytes. */
  truncated = resell_test_write_file (dir, "capture-0001.jpg", g_bytes_get_data (shot, NULL),
                                      g_bytes_get_size (shot) / 2);
  empty = resell_test_write_file (dir, "capture-0002.jpg", "", 0);
  paths[0] = truncated;
  paths[1] = empty;

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(ResellImportResult) result = attach (f, "front", paths[i], TRUE, 0, &error);

      g_assert_no_error (error);
      g_assert_cmpint (resell_import_result_get_status (result), ==, RESELL_IMPORT_STATUS_FAILED);
      g_assert_null (resell_import_result_get_photo (result));
      g_assert_null (resell_import_result_get_report (result));
      g_assert_cmpstr (resell_import_result_get_message (result), ==,
                       "The photo could not be read (the file is damaged or incomplete): retake it.");

      /* The camera's file stays: only a person deletes photos. */
      g_assert_true (g_file_test (paths[i], G_FILE_TEST_IS_REGULAR));
    }

  photos = resell_catalog_list_photos (f->catalog, resell_item_get_id (f->item), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (photos->len, ==, 0);
}

static void
test_attach_cancelled (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GBytes) shot = resell_test_product_jpeg (238, 10);
  g_autofree char *path = write_download (f, "capture-0001.jpg", shot);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  resell_importer_attach_async (f->importer, f->item, f->category, "front", file,
                                TRUE, 0, cancellable, resell_test_got_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_null (resell_importer_attach_finish (f->importer, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  photos = resell_catalog_list_photos (f->catalog, resell_item_get_id (f->item), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (photos->len, ==, 0);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static void
test_default_cache_dir (void)
{
  g_autofree char *from_env = NULL;
  g_autofree char *fallback = NULL;
  g_autofree char *expected = g_build_filename (g_get_user_cache_dir (), "resell", NULL);
  g_autofree char *saved = g_strdup (g_getenv ("RESELL_CACHE_DIR"));

  g_setenv ("RESELL_CACHE_DIR", "/somewhere/cache", TRUE);
  from_env = resell_thumbnailer_dup_default_cache_dir ();
  g_assert_cmpstr (from_env, ==, "/somewhere/cache");

  g_unsetenv ("RESELL_CACHE_DIR");
  fallback = resell_thumbnailer_dup_default_cache_dir ();
  g_assert_cmpstr (fallback, ==, expected);

  if (saved != NULL)
    g_setenv ("RESELL_CACHE_DIR", saved, TRUE);
}

static GBytes *
extract_exif (GBytes *jpeg)
{
  g_autoptr(VipsImage) image = NULL;
  const void *blob = NULL;
  size_t len = 0;

  image = vips_image_new_from_buffer (g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg), "", NULL);
  g_assert_nonnull (image);
  g_assert_cmpint (vips_image_get_blob (image, VIPS_META_EXIF_NAME, &blob, &len), ==, 0);

  return g_bytes_new (blob, len);
}

static void
test_exif (void)
{
  g_autoptr(GBytes) jpeg = NULL;
  g_autoptr(GBytes) exif = NULL;
  g_autoptr(GDateTime) expected = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (4242);
  g_autofree char *model = NULL;
  const guint8 *data;
  gint64 captured_at;
  gsize len;

  /* Make repeated at the start of Model is not repeated… */
  jpeg = make_jpeg (&(JpegSpec) { .width = 16, .height = 16,
                                  .make = "NIKON CORPORATION", .model = "NIKON D750",
                                  .datetime = "2021:02:03 04:05:06" });
  exif = extract_exif (jpeg);
  data = g_bytes_get_data (exif, &len);
  resell_image_parse_exif (data, len, &captured_at, &model);
  g_assert_cmpstr (model, ==, "NIKON D750");
  expected = g_date_time_new_local (2021, 2, 3, 4, 5, 6);
  g_assert_cmpint (captured_at, ==, g_date_time_to_unix (expected) * G_USEC_PER_SEC);
  g_clear_pointer (&model, g_free);
  g_clear_pointer (&exif, g_bytes_unref);
  g_clear_pointer (&jpeg, g_bytes_unref);

  /* …but a Model without the brand gets it, and an unset clock is "unknown". */
  jpeg = make_jpeg (&(JpegSpec) { .width = 16, .height = 16,
                                  .make = "Apple", .model = "iPhone 12",
                                  .datetime = "0000:00:00 00:00:00" });
  exif = extract_exif (jpeg);
  data = g_bytes_get_data (exif, &len);
  resell_image_parse_exif (data, len, &captured_at, &model);
  g_assert_cmpstr (model, ==, "Apple iPhone 12");
  g_assert_cmpint (captured_at, ==, 0);
  g_clear_pointer (&model, g_free);

  /* Without the "Exif\0\0" header, as PNG's eXIf chunk stores it. */
  g_assert_cmpmem (data, 6, "Exif\0\0", 6);
  resell_image_parse_exif (data + 6, len - 6, &captured_at, &model);
  g_assert_cmpstr (model, ==, "Apple iPhone 12");
  g_clear_pointer (&model, g_free);

  /* Hostile EXIF: cut anywhere, or with bytes flipped, it is ignored or
   * read as far as it makes sense; never a crash (ASan watches). */
  for (gsize cut = 0; cut <= len; cut++)
    {
      resell_image_parse_exif (data, cut, &captured_at, &model);
      g_clear_pointer (&model, g_free);
    }

  for (guint round = 0; round < 2000; round++)
    {
      g_autofree guint8 *mangled = g_memdup2 (data, len);
      guint n_flips = g_rand_int_range (rand, 1, 8);

      for (guint i = 0; i < n_flips; i++)
        mangled[g_rand_int_range (rand, 6, len)] = g_rand_int_range (rand, 0, 256);

      resell_image_parse_exif (mangled, len, &captured_at, &model);
      if (model != NULL)
        g_assert_true (g_utf8_validate (model, -1, NULL));
      g_clear_pointer (&model, g_free);
    }

  resell_image_parse_exif (NULL, 0, &captured_at, &model);
  g_assert_null (model);
  g_assert_cmpint (captured_at, ==, 0);
  resell_image_parse_exif ((const guint8 *)"garbage!garbage!", 16, &captured_at, &model);
  g_assert_null (model);
  g_assert_cmpint (captured_at, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  g_test_init (&argc, &argv, NULL);

  /* /import/async-starts-core runs its subprocess with libvips as the
   * app can leave it: not set up by us yet. */
  if (!g_test_subprocess () && !resell_core_init (NULL, &error))
    g_error ("%s", error->message);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  /* First: it changes the environment, safe only before other threads run. */
  g_test_add_func ("/import/default-cache-dir", test_default_cache_dir);

  ADD ("/import/good-and-bad-files", test_good_and_bad_files);
  ADD ("/import/duplicates", test_duplicates);
  ADD ("/import/folder", test_folder);
  ADD ("/import/unreadable-folder", test_unreadable_folder);
  ADD ("/import/too-large", test_too_large);
  ADD ("/import/formats", test_formats);
  ADD ("/import/catalog-refuses", test_catalog_refuses);
  ADD ("/import/originals-not-writable", test_originals_not_writable);
  ADD ("/import/cancelled", test_cancelled);
  ADD ("/import/async", test_async);
  ADD ("/import/async-starts-core", test_async_starts_core);
  ADD ("/import/thumbnailer", test_thumbnailer);
  ADD ("/import/checks", test_import_checks);
  ADD ("/import/attach-in-item", test_attach_in_item);
  ADD ("/import/attach-thumbnail-upright", test_attach_thumbnail_upright);
  ADD ("/import/attach-copy", test_attach_copy);
  ADD ("/import/attach-replace", test_attach_replace);
  ADD ("/import/attach-corrupt", test_attach_corrupt);
  ADD ("/import/attach-cancelled", test_attach_cancelled);
  g_test_add_func ("/import/exif", test_exif);

#undef ADD

  return g_test_run ();
}
