/* test-listing-metadata.c — listing images: the metadata policy (checked
 * with exiftool), hostile EXIF and bad input
 *
 * Every fixture is made with libvips (and libexif for the EXIF a camera
 * would write) in resell-test-utils.c, so no binary files live in the
 * repository.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libexif/exif-data.h>
#include <vips/vips.h>

#include "resell-core.h"
#include "resell-test-utils.h"
#include "imaging/resell-image-probe-private.h"
#include "listing/resell-listing-profile.h"
#include "listing/resell-listing-renderer.h"
#include "imaging/resell-photo-edits.h"

/* Metadata ---------------------------------------------------------------- */

static void
test_metadata (ResellTestDirFixture       *f,
               gconstpointer  data)
{
  g_autoptr(ResellListingProfile) profile = resell_test_ebay_profile ();
  g_autofree char *path = resell_test_write_bytes (f->dir, "IMG_0002.JPG", resell_test_get_big_fixture ());
  g_autofree char *exiftool = g_find_program_in_path ("exiftool");
  const char *copyright = "© 2024 Jane’s Vintage (shop)";
  g_autoptr(JsonObject) original_tags = NULL;

  if (exiftool == NULL)
    {
      g_test_fail_printf ("exiftool is not installed (package libimage-exiftool-perl; "
                          "build-aux/install-deps installs it)");
      return;
    }

  /* The fixture really carries what must go. */
  original_tags = resell_test_run_exiftool (path);
  g_assert_true (resell_test_has_tag_containing (original_tags, "GPSLatitude"));
  g_assert_true (resell_test_has_tag_containing (original_tags, "SerialNumber"));
  g_assert_true (resell_test_has_tag_containing (original_tags, "Artist"));
  g_assert_true (resell_test_has_tag_containing (original_tags, "OwnerName"));
  g_assert_true (resell_test_has_tag_containing (original_tags, "ThumbnailImage"));
  g_assert_true (resell_test_has_tag_containing (original_tags, "XMP"));
  g_assert_true (resell_test_has_tag_containing (original_tags, "IPTC"));
  g_assert_cmpint (json_object_get_int_member (original_tags, "IFD0:Orientation"), ==, 6);

  for (int with_copyright = 0; with_copyright <= 1; with_copyright++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(JsonObject) tags = NULL;
      g_autofree char *out_path = NULL;
      const char *line = with_copyright ? copyright : NULL;

      bytes = resell_listing_render (path, NULL, profile, line, NULL, NULL, &error);
      g_assert_no_error (error);

      out_path = resell_test_write_bytes (f->dir, with_copyright ? "listing-c.jpg" : "listing.jpg", bytes);
      tags = resell_test_run_exiftool (out_path);
      resell_test_assert_metadata_clean (tags, line);
    }

  /* resell_listing_clean_metadata(): the same policy on any JPEG, with
   * the orientation applied to the pixels. */
  for (int with_copyright = 0; with_copyright <= 1; with_copyright++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) clean = NULL;
      g_autoptr(JsonObject) tags = NULL;
      g_autoptr(VipsImage) image = NULL;
      g_autofree char *out_path = NULL;
      const char *line = with_copyright ? "Jane Doe" : NULL;

      clean = resell_listing_clean_metadata (resell_test_get_big_fixture (), line, &error);
      g_assert_no_error (error);
      g_assert_nonnull (clean);

      out_path = resell_test_write_bytes (f->dir, "clean.jpg", clean);
      tags = resell_test_run_exiftool (out_path);
      resell_test_assert_metadata_clean (tags, line);

      image = resell_test_decode (clean);
      g_assert_cmpint (vips_image_get_width (image), ==, RESELL_TEST_BIG_SHOWN_W);
      g_assert_cmpint (vips_image_get_height (image), ==, RESELL_TEST_BIG_SHOWN_H);
    }

  /* Not a JPEG. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) text = g_bytes_new_static ("hello", 5);
    g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
    g_autoptr(GBytes) clean = NULL;
    g_autoptr(VipsImage) scene = resell_test_flat_image (64, 64, 1, 2, 3);
    void *buf = NULL;
    size_t len = 0;
    g_autoptr(GBytes) png = NULL;

    clean = resell_listing_clean_metadata (text, NULL, &error);
    g_assert_null (clean);
    g_assert_error (error, RESELL_LISTING_ERROR, RESELL_LISTING_ERROR_UNREADABLE);
    g_clear_error (&error);

    clean = resell_listing_clean_metadata (empty, NULL, &error);
    g_assert_null (clean);
    g_assert_error (error, RESELL_LISTING_ERROR, RESELL_LISTING_ERROR_UNREADABLE);
    g_clear_error (&error);

    g_assert_cmpint (vips_pngsave_buffer (scene, &buf, &len, NULL), ==, 0);
    png = g_bytes_new_take (buf, len);
    clean = resell_listing_clean_metadata (png, NULL, &error);
    g_assert_null (clean);
    g_assert_error (error, RESELL_LISTING_ERROR, RESELL_LISTING_ERROR_UNREADABLE);
  }
}

/* Garbage where a camera puts EXIF: ignored, never trusted or copied. */
static void
test_hostile_exif (ResellTestDirFixture       *f,
                   gconstpointer  data)
{
  g_autoptr(ResellListingProfile) profile = resell_test_ebay_profile ();
  g_autoptr(VipsImage) scene = resell_test_product_scene (1200, 800);
  g_autoptr(GBytes) plain = resell_test_save_jpeg (scene, 90);
  g_autofree char *exiftool = g_find_program_in_path ("exiftool");
  /* A TIFF header whose first IFD points far outside the block, and one
   * whose IFD claims 65535 entries. */
  static const guint8 bad_offset[] = {
    'E', 'x', 'i', 'f', 0, 0, 'I', 'I', 42, 0, 0xff, 0xff, 0xff, 0x7f, 0, 0,
  };
  static const guint8 bad_count[] = {
    'E', 'x', 'i', 'f', 0, 0, 'M', 'M', 0, 42, 0, 0, 0, 8, 0xff, 0xff,
    0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x06, 0x00, 0x00,
  };
  guint8 random_block[600];

  resell_test_allow_vips_warnings ();

  memcpy (random_block, "Exif\0\0", 6);
  for (gsize i = 6; i < sizeof random_block; i++)
    random_block[i] = g_test_rand_int_range (0, 256);

  {
    const struct {
      const guint8 *data;
      gsize len;
    } blocks[] = {
      { random_block, sizeof random_block },
      { random_block + 6, sizeof random_block - 6 },
      { bad_offset, sizeof bad_offset },
      { bad_count, sizeof bad_count },
    };

    for (guint i = 0; i < G_N_ELEMENTS (blocks); i++)
      {
        g_autoptr(GBytes) hostile = resell_test_splice_segments (plain, 0xe1, blocks[i].data, blocks[i].len);
        g_autofree char *name = g_strdup_printf ("hostile-%u.jpg", i);
        g_autofree char *path = resell_test_write_bytes (f->dir, name, hostile);
        g_autoptr(GError) error = NULL;
        g_autoptr(GBytes) bytes = NULL;
        g_autoptr(GBytes) clean = NULL;
        ResellListingInfo info = { 0 };

        bytes = resell_listing_render (path, NULL, profile, "Jane", &info, NULL, &error);
        g_assert_no_error (error);
        g_assert_nonnull (bytes);
        g_assert_cmpint (info.width, ==, info.height);

        clean = resell_listing_clean_metadata (hostile, NULL, &error);
        g_assert_no_error (error);
        g_assert_nonnull (clean);

        if (exiftool != NULL)
          {
            g_autofree char *out_path = resell_test_write_bytes (f->dir, "out.jpg", bytes);
            g_autofree char *clean_path = resell_test_write_bytes (f->dir, "clean.jpg", clean);
            g_autoptr(JsonObject) tags = resell_test_run_exiftool (out_path);
            g_autoptr(JsonObject) clean_tags = resell_test_run_exiftool (clean_path);

            resell_test_assert_metadata_clean (tags, "Jane");
            resell_test_assert_metadata_clean (clean_tags, NULL);
          }
      }
  }
}

/* Bad input --------------------------------------------------------------- */

static guint32
crc32 (const guint8 *data,
       gsize         len)
{
  guint32 crc = 0xffffffff;

  for (gsize i = 0; i < len; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xedb88320 & -(crc & 1));
    }

  return ~crc;
}

/* A small PNG whose header claims @width × @height. */
static GBytes *
png_claiming (guint32 width,
              guint32 height)
{
  g_autoptr(VipsImage) image = resell_test_flat_image (64, 64, 10, 20, 30);
  void *buf = NULL;
  size_t len = 0;
  guint8 *p;
  guint32 crc;

  g_assert_cmpint (vips_pngsave_buffer (image, &buf, &len, NULL), ==, 0);
  p = buf;
  g_assert_cmpint (memcmp (p + 12, "IHDR", 4), ==, 0);

  p[16] = width >> 24; p[17] = width >> 16; p[18] = width >> 8; p[19] = width;
  p[20] = height >> 24; p[21] = height >> 16; p[22] = height >> 8; p[23] = height;
  crc = crc32 (p + 12, 17);
  p[29] = crc >> 24; p[30] = crc >> 16; p[31] = crc >> 8; p[32] = crc;

  return g_bytes_new_take (buf, len);
}

/* A small JPEG whose frame header claims @width × @height. */
static GBytes *
jpeg_claiming (guint16 width,
               guint16 height)
{
  g_autoptr(VipsImage) image = resell_test_flat_image (64, 64, 10, 20, 30);
  g_autoptr(GBytes) jpeg = resell_test_save_jpeg (image, 90);
  gsize len = g_bytes_get_size (jpeg);
  guint8 *p = g_memdup2 (g_bytes_get_data (jpeg, NULL), len);
  gsize i = 2;

  /* Walk the marker segments to the baseline frame header. */
  while (i + 4 < len && !(p[i] == 0xff && p[i + 1] == 0xc0))
    i += 2 + ((p[i + 2] << 8) | p[i + 3]);
  g_assert_cmpuint (i + 9, <, len);

  p[i + 5] = height >> 8; p[i + 6] = height & 0xff;
  p[i + 7] = width >> 8; p[i + 8] = width & 0xff;

  return g_bytes_new_take (p, len);
}

static void
assert_render_fails (const char           *path,
                     ResellListingProfile *profile,
                     int                   code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = g_path_get_basename (path);

  bytes = resell_listing_render (path, NULL, profile, NULL, NULL, NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, RESELL_LISTING_ERROR, code);
  g_test_message ("%s: %s", name, error->message);
  g_assert_nonnull (strstr (error->message, name));
  g_assert_null (strstr (error->message, "(null)"));
  g_assert_null (strstr (error->message, "vips"));
}

static void
test_bad_input (ResellTestDirFixture       *f,
                gconstpointer  data)
{
  g_autoptr(ResellListingProfile) profile = resell_test_ebay_profile ();
  g_autoptr(VipsImage) noisy = NULL;
  g_autoptr(VipsImage) noisy_rgb = NULL;
  g_autoptr(VipsImage) noisy_uchar = NULL;
  g_autoptr(GBytes) full = NULL;
  g_autoptr(GBytes) png_bomb = png_claiming (30000, 30000);
  g_autoptr(GBytes) jpeg_bomb = jpeg_claiming (60000, 60000);
  g_autoptr(VipsImage) tiny = resell_test_product_scene (300, 200);
  g_autoptr(GBytes) tiny_jpeg = resell_test_save_jpeg (tiny, 90);
  g_autofree char *truncated = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *text = NULL;
  g_autofree char *bomb1 = NULL;
  g_autofree char *bomb2 = NULL;
  g_autofree char *small = NULL;
  g_autofree char *missing = NULL;

  resell_test_allow_vips_warnings ();

  g_assert_cmpint (vips_gaussnoise (&noisy, 1200, 900, "mean", 128.0, "sigma", 50.0, NULL), ==, 0);
  {
    VipsImage *bands[3] = { noisy, noisy, noisy };

    g_assert_cmpint (vips_bandjoin (bands, &noisy_rgb, 3, NULL), ==, 0);
  }
  g_assert_cmpint (vips_cast (noisy_rgb, &noisy_uchar, VIPS_FORMAT_UCHAR, NULL), ==, 0);
  full = resell_test_save_jpeg (noisy_uchar, 90);

  truncated = resell_test_write_file (f->dir, "cut-short.jpg", g_bytes_get_data (full, NULL),
                          g_bytes_get_size (full) * 6 / 10);
  empty = resell_test_write_file (f->dir, "empty.jpg", "", 0);
  text = resell_test_write_file (f->dir, "notes.jpg", "Just some text, not a photo.\n", 29);
  bomb1 = resell_test_write_bytes (f->dir, "bomb.png", png_bomb);
  bomb2 = resell_test_write_bytes (f->dir, "bomb.jpg", jpeg_bomb);
  small = resell_test_write_bytes (f->dir, "thumbnail-sized.jpg", tiny_jpeg);
  missing = g_build_filename (f->dir, "not-there.jpg", NULL);

  assert_render_fails (truncated, profile, RESELL_LISTING_ERROR_UNREADABLE);

  /* With nothing to measure or trim (free shape, trim and whitening off)
   * the picture streams from the decoder into the resize, so the damage
   * is met there: still reported as a damaged file. */
  {
    g_autoptr(ResellListingProfile) free_shape = resell_test_inline_profile (resell_test_free_shape_profile);
    g_autoptr(ResellPhotoEdits) edits = resell_test_plain_edits ();
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) bytes = NULL;

    bytes = resell_listing_render (truncated, edits, free_shape, NULL, NULL, NULL, &error);
    g_assert_null (bytes);
    g_assert_error (error, RESELL_LISTING_ERROR, RESELL_LISTING_ERROR_UNREADABLE);
    g_assert_nonnull (strstr (error->message, "cut-short.jpg"));
  }
  assert_render_fails (empty, profile, RESELL_LISTING_ERROR_UNREADABLE);
  assert_render_fails (text, profile, RESELL_LISTING_ERROR_UNREADABLE);
  assert_render_fails (missing, profile, RESELL_LISTING_ERROR_UNREADABLE);
  assert_render_fails (bomb1, profile, RESELL_LISTING_ERROR_TOO_LARGE);
  assert_render_fails (bomb2, profile, RESELL_LISTING_ERROR_TOO_LARGE);
  assert_render_fails (small, profile, RESELL_LISTING_ERROR_TOO_SMALL);

  /* The close-up refuses the same files. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) bytes = NULL;

    bytes = resell_flaw_closeup_render (bomb1, 0.5, 0.5, 0.1, TRUE, 400, NULL, &error);
    g_assert_null (bytes);
    g_assert_error (error, RESELL_LISTING_ERROR, RESELL_LISTING_ERROR_TOO_LARGE);
    g_clear_error (&error);

    bytes = resell_flaw_closeup_render (truncated, 0.5, 0.5, 0.1, TRUE, 400, NULL, &error);
    g_assert_null (bytes);
    g_assert_error (error, RESELL_LISTING_ERROR, RESELL_LISTING_ERROR_UNREADABLE);
    g_clear_error (&error);

    bytes = resell_listing_clean_metadata (jpeg_bomb, NULL, &error);
    g_assert_null (bytes);
    g_assert_error (error, RESELL_LISTING_ERROR, RESELL_LISTING_ERROR_TOO_LARGE);
    g_clear_error (&error);
  }

  /* Cleaning a JPEG cut short, upright (streamed) or not (in memory). */
  for (int orientation = 1; orientation <= 6; orientation += 5)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) tagged = resell_test_with_private_metadata (full, orientation);
      g_autoptr(GBytes) cut = g_bytes_new_from_bytes (tagged, 0, g_bytes_get_size (tagged) * 6 / 10);
      g_autoptr(GBytes) bytes = resell_listing_clean_metadata (cut, NULL, &error);

      g_assert_null (bytes);
      g_assert_error (error, RESELL_LISTING_ERROR, RESELL_LISTING_ERROR_UNREADABLE);
    }
}

int
main (int   argc,
      char *argv[])
{
  resell_test_init (&argc, &argv);

  resell_test_add_dir_test ("/listing/metadata", test_metadata);
  resell_test_add_dir_test ("/listing/metadata/hostile-exif", test_hostile_exif);
  resell_test_add_dir_test ("/listing/bad-input", test_bad_input);

  return resell_test_run ();
}
