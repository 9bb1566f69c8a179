/* test-listing.c — listing images: the renderer on the main case, formats,
 * byte caps, WebP, threads and cancellation
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

/* The main case ----------------------------------------------------------- */

static void
test_render_ebay (ResellTestDirFixture       *f,
                  gconstpointer  data)
{
  g_autoptr(ResellListingProfile) profile = resell_test_ebay_profile ();
  g_autofree char *path = resell_test_write_bytes (f->dir, "IMG_0001.JPG", resell_test_get_big_fixture ());
  g_autoptr(VipsImage) out = NULL;
  ResellListingInfo info = { 0 };
  double product_height, product_width, top, c[3];
  int centre = 800;

  out = resell_test_render_ok (path, NULL, profile, NULL, &info);

  g_assert_cmpint (info.width, ==, 1600);
  g_assert_cmpint (info.height, ==, 1600);
  g_assert_cmpint (vips_image_get_width (out), ==, 1600);
  g_assert_cmpint (vips_image_get_height (out), ==, 1600);
  g_assert_cmpint (vips_image_get_bands (out), ==, 3);
  g_assert_cmpuint (info.n_bytes, <=, 2000000);
  g_assert_cmpint (info.quality, ==, 88);
  g_assert_cmpfloat (info.backdrop, >=, 228);
  g_assert_cmpfloat (info.backdrop, <=, 242);

  /* Trimmed to the product, 6 % margin: the product's height (the longer
   * side, portrait once upright) spans 88 % of the square. */
  product_height = 1600 * 0.88;
  product_width = product_height * RESELL_TEST_BIG_PRODUCT_W / RESELL_TEST_BIG_PRODUCT_H;
  top = centre - product_height / 2;

  /* Backdrop whitened: corners, and beside the product (a landscape
   * product would be there). */
  resell_test_pixel (out, 2, 2, c);
  g_assert_cmpfloat (MIN (MIN (c[0], c[1]), c[2]), >=, 250);
  resell_test_pixel (out, 1597, 1597, c);
  g_assert_cmpfloat (MIN (MIN (c[0], c[1]), c[2]), >=, 250);
  resell_test_region_mean (out, (int)(centre - product_width / 2 - 60), centre - 20, 20, 40, c);
  g_assert_cmpfloat (MIN (MIN (c[0], c[1]), c[2]), >=, 250);
  resell_test_region_mean (out, (int)(centre + product_width / 2 + 40), centre - 20, 20, 40, c);
  g_assert_cmpfloat (MIN (MIN (c[0], c[1]), c[2]), >=, 250);

  /* The red band is at the top: turned the right way. */
  resell_test_region_mean (out, centre - 100, (int)(top + 20), 200, 40, c);
  resell_test_assert_colour (c, 200, 30, 30, 12);
  resell_test_region_mean (out, centre - 100, (int)(top + product_height - 60), 200, 40, c);
  resell_test_assert_colour (c, 90, 80, 70, 6);

  /* Not clipped or lightened: the product keeps its colour. */
  resell_test_region_mean (out, (int)(centre - product_width / 2 + 40), centre - 200,
                           (int)(product_width - 80), 500, c);
  resell_test_assert_colour (c, 90, 80, 70, 4);

  /* Above and below the product: margin, white. */
  resell_test_region_mean (out, centre - 100, (int)(top - 40), 200, 20, c);
  g_assert_cmpfloat (MIN (MIN (c[0], c[1]), c[2]), >=, 250);
  resell_test_region_mean (out, centre - 100, (int)(top + product_height + 20), 200, 20, c);
  g_assert_cmpfloat (MIN (MIN (c[0], c[1]), c[2]), >=, 250);
}

/* Whitening off: the backdrop keeps its measured colour, and the padding
 * matches it. */
static void
test_render_no_whitening (ResellTestDirFixture       *f,
                          gconstpointer  data)
{
  g_autoptr(ResellListingProfile) profile = resell_test_ebay_profile ();
  g_autoptr(ResellPhotoEdits) edits = resell_photo_edits_new ();
  g_autoptr(VipsImage) scene = resell_test_product_scene (1200, 800);
  g_autoptr(GBytes) jpeg = resell_test_save_jpeg (scene, 92);
  g_autofree char *path = resell_test_write_bytes (f->dir, "scene.jpg", jpeg);
  g_autoptr(VipsImage) out = NULL;
  ResellListingInfo info = { 0 };
  double c[3];

  edits->whiten = FALSE;
  out = resell_test_render_ok (path, edits, profile, NULL, &info);

  /* Trimmed: 600 × 400 product + margin → 682 square, not enlarged. */
  g_assert_cmpint (info.width, ==, info.height);
  g_assert_cmpint (info.width, >=, 600);
  g_assert_cmpint (info.width, <=, 700);

  resell_test_pixel (out, 1, 1, c);
  resell_test_assert_colour (c, 235, 235, 235, 4);
  resell_test_pixel (out, info.width / 2, info.height / 2, c);
  resell_test_assert_colour (c, 90, 80, 70, 4);
}

/* A product with detail finer than a half-scale resell_test_decode keeps (a 2 px
 * checkerboard) and small in a big photo: the renderer must resell_test_decode its
 * region again at full scale rather than enlarge a blurred one. */
static void
test_render_small_product (ResellTestDirFixture       *f,
                           gconstpointer  data)
{
  g_autoptr(ResellListingProfile) profile = resell_test_ebay_profile ();
  g_autoptr(VipsImage) scene = resell_test_flat_image (4000, 3000, 235, 235, 235);
  g_autoptr(VipsImage) tile = NULL;
  g_autoptr(VipsImage) checker = NULL;
  g_autoptr(VipsImage) composed = NULL;
  g_autoptr(GBytes) plain = NULL;
  guint8 pattern[4 * 4 * 3];

  for (int y = 0; y < 4; y++)
    for (int x = 0; x < 4; x++)
      for (int b = 0; b < 3; b++)
        pattern[(y * 4 + x) * 3 + b] = ((x / 2 + y / 2) % 2) ? 160 : 40;

  tile = vips_image_new_from_memory_copy (pattern, sizeof pattern, 4, 4, 3, VIPS_FORMAT_UCHAR);
  g_assert_cmpint (vips_replicate (tile, &checker, 150, 100, NULL), ==, 0);
  g_assert_cmpint (vips_insert (scene, checker, &composed, 1700, 1300, NULL), ==, 0);
  plain = resell_test_save_jpeg (composed, 95);

  for (int orientation = 1; orientation <= 6; orientation += 5)
    {
      g_autoptr(GBytes) jpeg = resell_test_with_private_metadata (plain, orientation);
      g_autofree char *name = g_strdup_printf ("small-product-%d.jpg", orientation);
      g_autofree char *path = resell_test_write_bytes (f->dir, name, jpeg);
      g_autoptr(ResellPhotoEdits) edits = resell_photo_edits_new ();
      g_autoptr(VipsImage) out = NULL;
      g_autoptr(VipsImage) centre = NULL;
      ResellListingInfo info = { 0 };
      double deviation = 0;

      /* A crop that keeps the product moves the region's origin. */
      if (orientation != 1)
        {
          edits->has_crop = TRUE;
          edits->crop_x = 0.1;
          edits->crop_y = 0.1;
          edits->crop_width = 0.8;
          edits->crop_height = 0.8;
        }

      out = resell_test_render_ok (path, edits, profile, NULL, &info);
      g_test_message ("orientation %d: %d×%d", orientation, info.width, info.height);

      /* 600 px of product plus its margin: about 700 px, never 1600. */
      g_assert_cmpint (info.width, ==, info.height);
      g_assert_cmpint (info.width, >=, 680);
      g_assert_cmpint (info.width, <=, 760);

      /* The checkerboard keeps its contrast (about 65; a half-scale
       * resell_test_decode enlarged gives about 43). */
      g_assert_cmpint (vips_crop (out, &centre, info.width / 2 - 50, info.height / 2 - 50,
                                  100, 100, NULL), ==, 0);
      g_assert_cmpint (vips_deviate (centre, &deviation, NULL), ==, 0);
      g_test_message ("orientation %d: deviation %.1f", orientation, deviation);
      g_assert_cmpfloat (deviation, >, 55);
    }
}

/* Formats ----------------------------------------------------------------- */

static void
check_format (ResellTestDirFixture    *f,
              const char *name,
              GBytes     *file,
              double      r,
              double      g,
              double      b,
              double      tolerance)
{
  g_autoptr(ResellListingProfile) profile = resell_test_ebay_profile ();
  g_autoptr(ResellPhotoEdits) edits = resell_test_plain_edits ();
  g_autofree char *path = resell_test_write_bytes (f->dir, name, file);
  g_autoptr(VipsImage) out = NULL;
  ResellListingInfo info = { 0 };
  double c[3];

  out = resell_test_render_ok (path, edits, profile, NULL, &info);
  g_test_message ("%s: %d×%d, centre expected %.0f,%.0f,%.0f", name, info.width, info.height, r, g, b);
  g_assert_cmpint (info.width, ==, info.height);
  g_assert_cmpint (vips_image_get_bands (out), ==, 3);

  resell_test_region_mean (out, info.width / 2 - 20, info.height / 2 - 20, 40, 40, c);
  g_test_message ("%s: centre is %.1f,%.1f,%.1f", name, c[0], c[1], c[2]);
  resell_test_assert_colour (c, r, g, b, tolerance);
}

static void
test_formats (ResellTestDirFixture       *f,
              gconstpointer  data)
{
  g_autoptr(VipsImage) scene = resell_test_product_scene (1000, 700);
  void *buf = NULL;
  size_t len = 0;

  /* PNG, TIFF. */
  {
    g_autoptr(GBytes) png = NULL;
    g_autoptr(GBytes) tiff = NULL;

    g_assert_cmpint (vips_pngsave_buffer (scene, &buf, &len, NULL), ==, 0);
    png = g_bytes_new_take (buf, len);
    check_format (f, "scene.png", png, 90, 80, 70, 3);

    g_assert_cmpint (vips_tiffsave_buffer (scene, &buf, &len, NULL), ==, 0);
    tiff = g_bytes_new_take (buf, len);
    check_format (f, "scene.tif", tiff, 90, 80, 70, 3);
  }

  /* 16-bit PNG: scaled, not clipped to white nor cut to its low byte. */
  {
    g_autoptr(VipsImage) wide = NULL;
    g_autoptr(VipsImage) ushort = NULL;
    g_autoptr(VipsImage) rgb16 = NULL;
    g_autoptr(GBytes) png16 = NULL;

    g_assert_cmpint (vips_linear1 (scene, &wide, 257.0, 0.0, NULL), ==, 0);
    g_assert_cmpint (vips_cast (wide, &ushort, VIPS_FORMAT_USHORT, NULL), ==, 0);
    g_assert_cmpint (vips_copy (ushort, &rgb16, "interpretation", VIPS_INTERPRETATION_RGB16, NULL), ==, 0);
    g_assert_cmpint (vips_pngsave_buffer (rgb16, &buf, &len, "bitdepth", 16, NULL), ==, 0);
    png16 = g_bytes_new_take (buf, len);
    check_format (f, "scene16.png", png16, 90, 80, 70, 3);

    /* 16-bit TIFF too. */
    g_assert_cmpint (vips_tiffsave_buffer (rgb16, &buf, &len, NULL), ==, 0);
    {
      g_autoptr(GBytes) tiff16 = g_bytes_new_take (buf, len);

      check_format (f, "scene16.tif", tiff16, 90, 80, 70, 3);
    }
  }

  /* Greyscale. */
  {
    g_autoptr(VipsImage) grey = NULL;
    g_autoptr(GBytes) jpeg = NULL;
    double luma = 0.2126 * 90 + 0.7152 * 80 + 0.0722 * 70;

    g_assert_cmpint (vips_colourspace (scene, &grey, VIPS_INTERPRETATION_B_W, NULL), ==, 0);
    g_assert_cmpint (vips_image_get_bands (grey), ==, 1);
    jpeg = resell_test_save_jpeg (grey, 92);
    check_format (f, "grey.jpg", jpeg, luma, luma, luma, 6);
  }

  /* Alpha: the transparent surroundings become white. */
  {
    g_autoptr(VipsImage) alpha = resell_test_flat_image (1000, 700, 0, 0, 0);
    g_autoptr(VipsImage) alpha1 = NULL;
    g_autoptr(VipsImage) rgba = NULL;
    g_autoptr(GBytes) png = NULL;
    g_autoptr(ResellListingProfile) profile = resell_test_ebay_profile ();
    g_autoptr(ResellPhotoEdits) edits = resell_test_plain_edits ();
    g_autofree char *path = NULL;
    g_autoptr(VipsImage) out = NULL;
    double c[3];

    resell_test_fill_rect (alpha, 250, 175, 500, 350, 255, 255, 255);
    g_assert_cmpint (vips_extract_band (alpha, &alpha1, 0, NULL), ==, 0);
    g_assert_cmpint (vips_bandjoin2 (scene, alpha1, &rgba, NULL), ==, 0);
    g_assert_cmpint (vips_pngsave_buffer (rgba, &buf, &len, NULL), ==, 0);
    png = g_bytes_new_take (buf, len);
    check_format (f, "cutout.png", png, 90, 80, 70, 3);

    path = resell_test_write_bytes (f->dir, "cutout2.png", png);
    out = resell_test_render_ok (path, edits, profile, NULL, NULL);
    resell_test_pixel (out, 5, vips_image_get_height (out) / 2, c);
    resell_test_assert_colour (c, 255, 255, 255, 2);
  }

  /* CMYK JPEG with a CMYK ICC profile embedded (libvips attaches its
   * built-in one when converting): the ICC path. */
  {
    g_autoptr(VipsImage) cmyk = NULL;
    g_autoptr(GBytes) jpeg = NULL;
    g_autoptr(GBytes) bare_jpeg = NULL;

    if (vips_colourspace (scene, &cmyk, VIPS_INTERPRETATION_CMYK, NULL) != 0)
      {
        vips_error_clear ();
        g_test_skip ("this libvips cannot convert to CMYK (no lcms)");
        return;
      }

    g_assert_cmpint (vips_image_get_bands (cmyk), ==, 4);
    g_assert_cmpint (vips_jpegsave_buffer (cmyk, &buf, &len, "Q", 95, NULL), ==, 0);
    jpeg = g_bytes_new_take (buf, len);
    check_format (f, "cmyk.jpg", jpeg, 90, 80, 70, 12);

    /* And without a profile: libvips' default CMYK is assumed. */
    g_assert_cmpint (vips_jpegsave_buffer (cmyk, &buf, &len, "Q", 95, "strip", TRUE, NULL), ==, 0);
    bare_jpeg = g_bytes_new_take (buf, len);
    check_format (f, "cmyk-bare.jpg", bare_jpeg, 90, 80, 70, 12);
  }
}

/* Byte cap ---------------------------------------------------------------- */

static void
test_byte_cap (ResellTestDirFixture       *f,
               gconstpointer  data)
{
  g_autoptr(ResellListingProfile) profile = NULL;
  g_autoptr(ResellPhotoEdits) edits = resell_test_plain_edits ();
  g_autoptr(VipsImage) noise = NULL;
  g_autoptr(VipsImage) noise_rgb = NULL;
  g_autoptr(VipsImage) noise_uchar = NULL;
  g_autoptr(GBytes) jpeg = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  ResellListingInfo info = { 0 };
  const gint64 cap = 600000;

  profile = resell_test_inline_profile ("{\"version\":1,\"id\":\"tight\",\"name\":\"Tight\",\"long_edge\":1600,"
                                        "\"square\":false,\"margin\":0.06,\"quality\":90,\"min_quality\":50,"
                                        "\"max_bytes\":600000,\"max_photos\":24,\"min_long_edge\":500,"
                                        "\"max_megapixels\":100}");

  /* Noise hardly compresses: the first try is far above the cap. */
  g_assert_cmpint (vips_gaussnoise (&noise, 1600, 1200, "mean", 128.0, "sigma", 25.0, NULL), ==, 0);
  {
    VipsImage *bands[3] = { noise, noise, noise };

    g_assert_cmpint (vips_bandjoin (bands, &noise_rgb, 3, NULL), ==, 0);
  }
  g_assert_cmpint (vips_cast (noise_rgb, &noise_uchar, VIPS_FORMAT_UCHAR, NULL), ==, 0);
  jpeg = resell_test_save_jpeg (noise_uchar, 95);
  path = resell_test_write_bytes (f->dir, "noise.jpg", jpeg);

  bytes = resell_listing_render (path, edits, profile, NULL, &info, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  g_test_message ("quality %d, %zu bytes", info.quality, info.n_bytes);

  g_assert_cmpuint (info.n_bytes, ==, g_bytes_get_size (bytes));
  g_assert_cmpint (info.quality, <, 90);
  g_assert_cmpint (info.quality, >=, 50);
  /* Stepped by 4 from 90, or stopped at the minimum. */
  g_assert_true ((90 - info.quality) % 4 == 0 || info.quality == 50);
  g_assert_true ((gint64)info.n_bytes <= cap || info.quality == 50);

  /* Without a cap the profile's quality is kept. */
  {
    g_autoptr(ResellListingProfile) free_shape = resell_test_inline_profile (resell_test_free_shape_profile);
    g_autoptr(GBytes) uncapped = NULL;

    uncapped = resell_listing_render (path, edits, free_shape, NULL, &info, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (info.quality, ==, 88);
    g_assert_cmpuint (g_bytes_get_size (uncapped), >, g_bytes_get_size (bytes));
  }
}

/* WebP ---------------------------------------------------------------------- */

static gboolean
is_webp (GBytes *bytes)
{
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  return len >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0 &&
         (gsize)(data[4] | data[5] << 8 | data[6] << 16 | (guint32)data[7] << 24) + 8 == len;
}

static gboolean
decodes_as_webp (GBytes *bytes)
{
  gsize len = 0;
  const void *data = g_bytes_get_data (bytes, &len);
  const char *loader = vips_foreign_find_load_buffer (data, len);

  return loader != NULL && g_str_has_prefix (loader, "VipsForeignLoadWebp");
}

/* The web shop's profile: the same picture as its JPEG twin, as a WebP,
 * within the byte cap, and with nothing private in it. */
static void
test_render_webp (ResellTestDirFixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResellListingProfile) web_shop = resell_listing_profile_load_builtin ("web-shop", &error);
  g_autoptr(ResellListingProfile) jpeg_twin = NULL;
  g_autofree char *path = resell_test_write_bytes (f->dir, "IMG_0003.JPG", resell_test_get_big_fixture ());
  g_autofree char *exiftool = g_find_program_in_path ("exiftool");
  g_autoptr(GBytes) jpeg_bytes = NULL;
  g_autoptr(VipsImage) twin = NULL;
  ResellListingInfo jpeg_info = { 0 };

  g_assert_no_error (error);

  {
    g_autoptr(GString) json = NULL;
    g_autoptr(GBytes) file = g_resources_lookup_data ("/com/example/Resell/profiles/web-shop.json", 0, &error);

    g_assert_no_error (error);
    json = g_string_new_len (g_bytes_get_data (file, NULL), g_bytes_get_size (file));
    g_assert_cmpuint (g_string_replace (json, "\"webp\"", "\"jpeg\"", 1), ==, 1);
    jpeg_twin = resell_test_inline_profile (json->str);
  }

  jpeg_bytes = resell_listing_render (path, NULL, jpeg_twin, NULL, &jpeg_info, NULL, &error);
  g_assert_no_error (error);
  twin = resell_test_decode (jpeg_bytes);

  for (int with_copyright = 0; with_copyright <= 1; with_copyright++)
    {
      const char *line = with_copyright ? "© 2024 Jane’s Vintage (shop)" : NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(VipsImage) image = NULL;
      g_autoptr(JsonObject) tags = NULL;
      g_autofree char *out_path = NULL;
      ResellListingInfo info = { 0 };
      double c[3], twin_c[3];

      bytes = resell_listing_render (path, NULL, web_shop, line, &info, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (bytes);
      g_test_message ("WebP %d × %d, Q%d, %zu bytes (JPEG: Q%d, %zu bytes)",
                      info.width, info.height, info.quality, info.n_bytes,
                      jpeg_info.quality, jpeg_info.n_bytes);

      g_assert_true (is_webp (bytes));
      g_assert_true (decodes_as_webp (bytes));
      g_assert_cmpuint (info.n_bytes, ==, g_bytes_get_size (bytes));
      g_assert_cmpuint (info.n_bytes, <=, 500000);
      g_assert_cmpint (info.quality, ==, 82);

      /* Portrait once upright: the long edge is the profile's, and the
       * layout is the JPEG twin's. */
      image = resell_test_decode (bytes);
      g_assert_cmpint (vips_image_get_height (image), ==, 2048);
      g_assert_cmpint (vips_image_get_width (image), ==, jpeg_info.width);
      g_assert_cmpint (vips_image_get_height (image), ==, jpeg_info.height);
      g_assert_cmpint (vips_image_get_bands (image), ==, 3);
      g_assert_cmpint (info.width, ==, jpeg_info.width);

      /* The red band on top, the backdrop white: turned and whitened like
       * the JPEG. */
      resell_test_region_mean (image, info.width / 2 - 100, 150, 200, 40, c);
      resell_test_assert_colour (c, 208, 31, 31, 12);
      resell_test_region_mean (twin, info.width / 2 - 100, 150, 200, 40, twin_c);
      resell_test_assert_colour (c, twin_c[0], twin_c[1], twin_c[2], 4);
      resell_test_pixel (image, 2, 2, c);
      g_assert_cmpfloat (MIN (MIN (c[0], c[1]), c[2]), >=, 248);

      if (exiftool == NULL)
        continue;

      out_path = resell_test_write_bytes (f->dir, with_copyright ? "listing-c.webp" : "listing.webp", bytes);
      tags = resell_test_run_exiftool (out_path);
      /* Only the copyright needs the extended format's EXIF chunk. */
      g_assert_cmpstr (json_object_get_string_member (tags, "File:FileType"), ==,
                       with_copyright ? "Extended WEBP" : "WEBP");
      resell_test_assert_metadata_clean (tags, line);
      /* The EXIF chunk as the WebP container wants it (bare TIFF data):
       * exiftool warns otherwise. */
      g_assert_false (json_object_has_member (tags, "ExifTool:Warning"));
      /* No EXIF at all without a copyright line, as for a JPEG. */
      if (!with_copyright)
        g_assert_false (resell_test_has_tag_containing (tags, "IFD0:") || resell_test_has_tag_containing (tags, "ExifIFD:"));
    }

  if (exiftool == NULL)
    g_test_skip ("exiftool is not installed (package libimage-exiftool-perl): metadata not checked");
}

/* A byte cap steps a WebP's quality down as it does a JPEG's. */
static void
test_render_webp_byte_cap (ResellTestDirFixture       *f,
                           gconstpointer  data)
{
  static const char profile_format[] =
    "{\"version\":1,\"id\":\"webp-cap\",\"name\":\"WebP\",\"long_edge\":1600,"
    "\"square\":false,\"margin\":0.06,\"quality\":90,\"min_quality\":50,"
    "\"max_bytes\":%" G_GINT64_FORMAT ",\"max_photos\":24,\"min_long_edge\":500,"
    "\"max_megapixels\":100,\"format\":\"webp\"}";
  g_autoptr(ResellListingProfile) uncapped = NULL;
  g_autoptr(ResellListingProfile) capped = NULL;
  g_autoptr(ResellPhotoEdits) edits = resell_test_plain_edits ();
  g_autoptr(VipsImage) noise = NULL;
  g_autoptr(VipsImage) noise_rgb = NULL;
  g_autoptr(VipsImage) noise_uchar = NULL;
  g_autoptr(VipsImage) image = NULL;
  g_autoptr(GBytes) jpeg = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) free_bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *uncapped_json = NULL;
  g_autofree char *capped_json = NULL;
  ResellListingInfo info = { 0 };
  ResellListingInfo free_info = { 0 };
  gint64 cap;

  /* Noise hardly compresses, and lower qualities give smaller files. */
  g_assert_cmpint (vips_gaussnoise (&noise, 800, 600, "mean", 128.0, "sigma", 25.0, NULL), ==, 0);
  {
    VipsImage *bands[3] = { noise, noise, noise };

    g_assert_cmpint (vips_bandjoin (bands, &noise_rgb, 3, NULL), ==, 0);
  }
  g_assert_cmpint (vips_cast (noise_rgb, &noise_uchar, VIPS_FORMAT_UCHAR, NULL), ==, 0);
  jpeg = resell_test_save_jpeg (noise_uchar, 95);
  path = resell_test_write_bytes (f->dir, "noise.jpg", jpeg);

  uncapped_json = g_strdup_printf (profile_format, (gint64)0);
  uncapped = resell_test_inline_profile (uncapped_json);
  free_bytes = resell_listing_render (path, edits, uncapped, NULL, &free_info, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (free_info.quality, ==, 90);

  /* A cap a quarter below what quality 90 gives: met some steps down,
   * well before the minimum (quality 50 roughly halves the file). */
  cap = (gint64)free_info.n_bytes * 3 / 4;
  g_assert_cmpint (cap, >=, 10000);
  capped_json = g_strdup_printf (profile_format, cap);
  capped = resell_test_inline_profile (capped_json);

  bytes = resell_listing_render (path, edits, capped, NULL, &info, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  g_test_message ("uncapped Q90 %zu bytes; cap %" G_GINT64_FORMAT ": Q%d, %zu bytes",
                  free_info.n_bytes, cap, info.quality, info.n_bytes);

  g_assert_true (is_webp (bytes));
  g_assert_cmpuint (info.n_bytes, ==, g_bytes_get_size (bytes));
  g_assert_cmpint ((gint64)info.n_bytes, <=, cap);
  g_assert_cmpint (info.quality, <, 90);
  g_assert_cmpint (info.quality, >, 50);
  g_assert_cmpint ((90 - info.quality) % 4, ==, 0);

  image = resell_test_decode (bytes);
  g_assert_cmpint (vips_image_get_width (image), ==, 800);
  g_assert_cmpint (vips_image_get_height (image), ==, 600);
}

/* Threads, cancellation --------------------------------------------------- */

typedef struct
{
  const char           *path;
  ResellListingProfile *profile;
} ThreadData;

static gpointer
render_thread (gpointer data)
{
  ThreadData *td = data;
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  bytes = resell_listing_render (td->path, NULL, td->profile, "Jane", NULL, NULL, &error);
  g_assert_no_error (error);

  return bytes;
}

static void
test_threads (ResellTestDirFixture       *f,
              gconstpointer  data)
{
  g_autoptr(ResellListingProfile) profile = resell_test_ebay_profile ();
  g_autoptr(VipsImage) scene = resell_test_product_scene (2400, 1600);
  g_autoptr(GBytes) jpeg = resell_test_save_jpeg (scene, 90);
  g_autofree char *path = resell_test_write_bytes (f->dir, "shared.jpg", jpeg);
  ThreadData td = { path, profile };
  GThread *threads[4];
  g_autoptr(GBytes) first = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("render", render_thread, &td);

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      g_autoptr(GBytes) bytes = g_thread_join (threads[i]);

      g_assert_nonnull (bytes);
      if (first == NULL)
        first = g_bytes_ref (bytes);
      else
        g_assert_true (g_bytes_equal (first, bytes));
    }
}

/* Watches libvips' progress reports ("eval", emitted while an image is
 * computed; the renderer's cancellation listens to the same signal) across
 * every image, through an emission hook, so that a test can see how much
 * work was done, and can cancel at a known point of it. */
typedef struct
{
  GCancellable *cancel_at_first; /* cancelled at the first report, if set */
  guint         n_reports;
  gpointer      cancelled_image;  /* the image being computed at the cancel */
  guint64       cancelled_npels;  /* its pixels done when cancelled ... */
  guint64       last_npels;       /* ... and at its last report */
  guint64       tpels;            /* its pixels in all */
} EvalWatch;

static gboolean
on_any_eval (GSignalInvocationHint *hint,
             guint                  n_values,
             const GValue          *values,
             gpointer               data)
{
  EvalWatch *watch = data;
  gpointer image = g_value_get_object (&values[0]);
  VipsProgress *progress = g_value_get_pointer (&values[1]);

  watch->n_reports++;

  if (watch->cancel_at_first != NULL && watch->cancelled_image == NULL)
    {
      watch->cancelled_image = image;
      watch->cancelled_npels = progress->npels;
      watch->tpels = progress->tpels;
      g_cancellable_cancel (watch->cancel_at_first);
    }

  if (image == watch->cancelled_image)
    watch->last_npels = progress->npels;

  return TRUE;
}

static gulong
watch_evals (EvalWatch *watch)
{
  guint signal_id = g_signal_lookup ("eval", VIPS_TYPE_IMAGE);

  g_assert_cmpuint (signal_id, !=, 0);

  return g_signal_add_emission_hook (signal_id, 0, on_any_eval, watch, NULL);
}

static void
unwatch_evals (gulong hook)
{
  g_signal_remove_emission_hook (g_signal_lookup ("eval", VIPS_TYPE_IMAGE), hook);
}

static void
test_cancelled (ResellTestDirFixture       *f,
                gconstpointer  data)
{
  g_autoptr(ResellListingProfile) profile = resell_test_ebay_profile ();
  g_autoptr(VipsImage) scene = resell_test_product_scene (1200, 800);
  g_autoptr(GBytes) jpeg = resell_test_save_jpeg (scene, 90);
  g_autofree char *path = resell_test_write_bytes (f->dir, "cancel.jpg", jpeg);
  g_autofree char *big = resell_test_write_bytes (f->dir, "big.jpg", resell_test_get_big_fixture ());
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  EvalWatch watch = { 0 };
  gulong hook;

  /* Cancelled before it starts: not one resell_test_pixel is computed. */
  g_cancellable_cancel (cancellable);
  hook = watch_evals (&watch);

  bytes = resell_listing_render (path, NULL, profile, NULL, NULL, cancellable, &error);
  g_assert_null (bytes);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  bytes = resell_flaw_closeup_render (path, 0.5, 0.5, 0.1, TRUE, 200, cancellable, &error);
  g_assert_null (bytes);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  unwatch_evals (hook);
  g_assert_cmpuint (watch.n_reports, ==, 0);

  /* Not cancelled, the big photo's render does report progress (only
   * with a cancellable: that is when the renderer asks for it), so the
   * counts here mean something. */
  {
    g_autoptr(GCancellable) never = g_cancellable_new ();

    hook = watch_evals (&watch);
    bytes = resell_listing_render (big, NULL, profile, NULL, NULL, never, &error);
  }
  unwatch_evals (hook);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  g_clear_pointer (&bytes, g_bytes_unref);
  g_assert_cmpuint (watch.n_reports, >, 0);

  /* Cancelled while decoding the big photo, at libvips' first progress
   * report: the picture being computed then is never finished. */
  {
    g_autoptr(GCancellable) during = g_cancellable_new ();

    memset (&watch, 0, sizeof watch);
    watch.cancel_at_first = during;
    hook = watch_evals (&watch);
    bytes = resell_listing_render (big, NULL, profile, NULL, NULL, during, &error);
    unwatch_evals (hook);

    g_test_message ("cancelled at %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT
                    " pixels, stopped at %" G_GUINT64_FORMAT ", %u progress reports",
                    watch.cancelled_npels, watch.tpels, watch.last_npels, watch.n_reports);
    g_assert_null (bytes);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
    g_assert_nonnull (watch.cancelled_image);
    g_assert_cmpuint (watch.cancelled_npels, <, watch.tpels);
    g_assert_cmpuint (watch.last_npels, <, watch.tpels);
  }
}

int
main (int   argc,
      char *argv[])
{
  resell_test_init (&argc, &argv);

  resell_test_add_dir_test ("/listing/render/ebay", test_render_ebay);
  resell_test_add_dir_test ("/listing/render/no-whitening", test_render_no_whitening);
  resell_test_add_dir_test ("/listing/render/small-product", test_render_small_product);
  resell_test_add_dir_test ("/listing/formats", test_formats);
  resell_test_add_dir_test ("/listing/byte-cap", test_byte_cap);
  resell_test_add_dir_test ("/listing/render/webp", test_render_webp);
  resell_test_add_dir_test ("/listing/render/webp-byte-cap", test_render_webp_byte_cap);
  resell_test_add_dir_test ("/listing/threads", test_threads);
  resell_test_add_dir_test ("/listing/cancelled", test_cancelled);

  return resell_test_run ();
}
