/* test-listing-edits.c — listing images: photo edits (as JSON, turned,
 * cropped, straightened) and flaw close-ups
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

static double
saturation (const double c[3])
{
  return MAX (MAX (c[0], c[1]), c[2]) - MIN (MIN (c[0], c[1]), c[2]);
}

/* Edits ------------------------------------------------------------------- */

static void
test_edits_json (void)
{
  g_autoptr(ResellPhotoEdits) edits = resell_photo_edits_new ();
  g_autoptr(ResellPhotoEdits) parsed = NULL;
  g_autoptr(ResellPhotoEdits) defaults = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *again = NULL;
  g_autofree char *default_json = NULL;
  static const char * const bad[] = {
    "{\"rotate\":45}",
    "{\"rotate\":90.5}",
    "{\"rotate\":99999999999}",
    "{\"straighten\":20}",
    "{\"straighten\":\"a\"}",
    "{\"crop\":{\"x\":0.5,\"y\":0,\"width\":0.6,\"height\":1}}",
    "{\"crop\":{\"x\":0,\"y\":0,\"width\":0,\"height\":1}}",
    "{\"crop\":{\"x\":-0.1,\"y\":0,\"width\":0.5,\"height\":1}}",
    "{\"crop\":{\"x\":0,\"y\":0,\"width\":0.5}}",
    "{\"crop\":[0,0,1,1]}",
    "{\"auto_trim\":1}",
    "{\"rotation\":90}",
    "[]",
    "{",
  };

  /* Defaults. */
  g_assert_cmpint (edits->rotate, ==, 0);
  g_assert_false (edits->has_crop);
  g_assert_true (edits->auto_trim);
  g_assert_true (edits->whiten);
  default_json = resell_photo_edits_to_json (edits);

  defaults = resell_photo_edits_from_json (NULL, &error);
  g_assert_no_error (error);
  g_assert_true (memcmp (defaults, edits, sizeof *edits) == 0);
  g_clear_pointer (&defaults, resell_photo_edits_free);
  defaults = resell_photo_edits_from_json ("", &error);
  g_assert_no_error (error);
  g_clear_pointer (&defaults, resell_photo_edits_free);
  defaults = resell_photo_edits_from_json ("{}", &error);
  g_assert_no_error (error);
  json = resell_photo_edits_to_json (defaults);
  g_assert_cmpstr (json, ==, default_json);
  g_clear_pointer (&json, g_free);

  /* Round trip. */
  edits->rotate = 270;
  edits->straighten = -3.25;
  edits->has_crop = TRUE;
  edits->crop_x = 0.125;
  edits->crop_y = 0.2;
  edits->crop_width = 0.5;
  edits->crop_height = 0.75;
  edits->auto_trim = FALSE;
  json = resell_photo_edits_to_json (edits);
  g_test_message ("%s", json);
  parsed = resell_photo_edits_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_cmpint (parsed->rotate, ==, 270);
  g_assert_cmpfloat (parsed->straighten, ==, -3.25);
  g_assert_true (parsed->has_crop);
  g_assert_cmpfloat (parsed->crop_x, ==, 0.125);
  g_assert_cmpfloat (parsed->crop_y, ==, 0.2);
  g_assert_cmpfloat (parsed->crop_width, ==, 0.5);
  g_assert_cmpfloat (parsed->crop_height, ==, 0.75);
  g_assert_false (parsed->auto_trim);
  g_assert_true (parsed->whiten);
  again = resell_photo_edits_to_json (parsed);
  g_assert_cmpstr (again, ==, json);

  /* A copy is equal; the boxed type works. */
  {
    g_autoptr(ResellPhotoEdits) copy = resell_photo_edits_copy (parsed);

    g_assert_true (memcmp (copy, parsed, sizeof *copy) == 0);
    g_assert_true (G_TYPE_IS_BOXED (RESELL_TYPE_PHOTO_EDITS));
  }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(ResellPhotoEdits) invalid = resell_photo_edits_from_json (bad[i], &error);

      g_assert_null (invalid);
      g_assert_error (error, RESELL_LISTING_ERROR, RESELL_LISTING_ERROR_INVALID_EDIT);
      g_test_message ("%s → %s", bad[i], error->message);
      g_clear_error (&error);
    }

  edits->rotate = 45;
  g_assert_false (resell_photo_edits_validate (edits, &error));
  g_assert_error (error, RESELL_LISTING_ERROR, RESELL_LISTING_ERROR_INVALID_EDIT);
  g_clear_error (&error);
  edits->rotate = 0;
  edits->straighten = NAN;
  g_assert_false (resell_photo_edits_validate (edits, &error));
  g_clear_error (&error);
  edits->straighten = 15;
  g_assert_true (resell_photo_edits_validate (edits, &error));
}

/* Edits ------------------------------------------------------------------- */

/* A landscape picture with a blue bar along its left edge. */
static VipsImage *
left_marked_scene (int width,
                   int height)
{
  VipsImage *image = resell_test_flat_image (width, height, 235, 235, 235);

  resell_test_fill_rect (image, 0, 0, width / 10, height, 20, 40, 220);

  return image;
}

static void
test_edit_rotate (ResellTestDirFixture       *f,
                  gconstpointer  data)
{
  g_autoptr(ResellListingProfile) profile = resell_test_inline_profile (resell_test_free_shape_profile);
  g_autoptr(ResellPhotoEdits) edits = resell_test_plain_edits ();
  g_autoptr(VipsImage) scene = left_marked_scene (1200, 800);
  g_autoptr(GBytes) jpeg = resell_test_save_jpeg (scene, 92);
  g_autofree char *path = resell_test_write_bytes (f->dir, "landscape.jpg", jpeg);
  g_autoptr(VipsImage) straight = NULL;
  g_autoptr(VipsImage) turned = NULL;
  g_autoptr(VipsImage) back = NULL;
  ResellListingInfo info = { 0 };
  double c[3];

  straight = resell_test_render_ok (path, edits, profile, NULL, &info);
  g_assert_cmpint (info.width, ==, 1200);
  g_assert_cmpint (info.height, ==, 800);

  /* A quarter turn clockwise: portrait, the left edge now on top. */
  edits->rotate = 90;
  turned = resell_test_render_ok (path, edits, profile, NULL, &info);
  g_assert_cmpint (info.width, ==, 800);
  g_assert_cmpint (info.height, ==, 1200);
  resell_test_region_mean (turned, 100, 20, 600, 60, c);
  resell_test_assert_colour (c, 20, 40, 220, 8);
  resell_test_region_mean (turned, 100, 1100, 600, 60, c);
  resell_test_assert_colour (c, 235, 235, 235, 4);

  edits->rotate = 270;
  back = resell_test_render_ok (path, edits, profile, NULL, &info);
  g_assert_cmpint (info.width, ==, 800);
  resell_test_region_mean (back, 100, 1120, 600, 60, c);
  resell_test_assert_colour (c, 20, 40, 220, 8);
}

static void
test_edit_crop (ResellTestDirFixture       *f,
                gconstpointer  data)
{
  g_autoptr(ResellListingProfile) profile = resell_test_inline_profile (resell_test_free_shape_profile);
  g_autoptr(ResellListingProfile) ebay = resell_test_ebay_profile ();
  g_autoptr(ResellPhotoEdits) edits = resell_test_plain_edits ();
  g_autoptr(VipsImage) scene = resell_test_flat_image (1600, 1200, 250, 20, 20);
  g_autoptr(GBytes) jpeg = NULL;
  g_autofree char *path = NULL;
  g_autoptr(VipsImage) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) none = NULL;
  ResellListingInfo info = { 0 };
  double c[3];

  /* Quadrants: red, green / blue, yellow. */
  resell_test_fill_rect (scene, 800, 0, 800, 600, 20, 220, 20);
  resell_test_fill_rect (scene, 0, 600, 800, 600, 20, 20, 220);
  resell_test_fill_rect (scene, 800, 600, 800, 600, 230, 220, 20);
  jpeg = resell_test_save_jpeg (scene, 92);
  path = resell_test_write_bytes (f->dir, "quadrants.jpg", jpeg);

  /* The top-right quarter and a bit of the one below: 800 × 720. */
  edits->has_crop = TRUE;
  edits->crop_x = 0.5;
  edits->crop_y = 0.0;
  edits->crop_width = 0.5;
  edits->crop_height = 0.6;
  out = resell_test_render_ok (path, edits, profile, NULL, &info);
  g_assert_cmpint (info.width, ==, 800);
  g_assert_cmpint (info.height, ==, 720);
  resell_test_region_mean (out, 50, 50, 700, 500, c);
  resell_test_assert_colour (c, 20, 220, 20, 8);
  resell_test_region_mean (out, 50, 620, 700, 80, c);
  resell_test_assert_colour (c, 230, 220, 20, 8);

  /* A crop that leaves too few pixels for the marketplace. */
  edits->crop_width = 0.1;
  edits->crop_height = 0.1;
  none = resell_listing_render (path, edits, ebay, NULL, NULL, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, RESELL_LISTING_ERROR, RESELL_LISTING_ERROR_TOO_SMALL);
  g_assert_nonnull (strstr (error->message, "quadrants.jpg"));
  g_clear_error (&error);

  /* An invalid one. */
  edits->crop_x = 0.95;
  edits->crop_width = 0.5;
  none = resell_listing_render (path, edits, ebay, NULL, NULL, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, RESELL_LISTING_ERROR, RESELL_LISTING_ERROR_INVALID_EDIT);
  g_assert_nonnull (strstr (error->message, "quadrants.jpg"));
}

static void
test_edit_straighten (ResellTestDirFixture       *f,
                      gconstpointer  data)
{
  g_autoptr(ResellListingProfile) profile = resell_test_ebay_profile ();
  g_autoptr(ResellPhotoEdits) edits = resell_test_plain_edits ();
  g_autoptr(VipsImage) scene = resell_test_flat_image (1500, 1000, 190, 190, 190);
  g_autoptr(GBytes) jpeg = NULL;
  g_autofree char *path = NULL;
  ResellListingInfo info = { 0 };

  resell_test_fill_rect (scene, 500, 300, 500, 400, 90, 80, 70);
  jpeg = resell_test_save_jpeg (scene, 92);
  path = resell_test_write_bytes (f->dir, "tilted.jpg", jpeg);

  for (int whiten = 0; whiten <= 1; whiten++)
    {
      g_autoptr(VipsImage) out = NULL;
      double expected = whiten ? 255 : 190;

      edits->straighten = whiten ? -5.0 : 5.0;
      edits->whiten = whiten;
      /* A grey backdrop is not whitened (below 200); a lighter one is,
       * tested below. */
      out = resell_test_render_ok (path, edits, profile, NULL, &info);
      g_assert_cmpint (info.width, ==, info.height);

      /* No black corners: the uncovered corners are cropped away, the
       * padding is the backdrop. */
      for (int corner = 0; corner < 4; corner++)
        {
          int x = (corner & 1) ? info.width - 3 : 2;
          int y = (corner & 2) ? info.height - 3 : 2;
          double c[3];

          resell_test_pixel (out, x, y, c);
          if (whiten)
            g_assert_cmpfloat (MIN (MIN (c[0], c[1]), c[2]), >=, 150);
          else
            resell_test_assert_colour (c, expected, expected, expected, 6);
        }

      /* Nor along the edges of the picture itself. */
      for (int y = 0; y < info.height; y += 7)
        {
          double c[3];

          resell_test_pixel (out, info.width / 2, y, c);
          g_assert_cmpfloat (c[0], >=, 60);
        }
    }
}

/* Flaw close-ups ---------------------------------------------------------- */

static void
test_closeup (ResellTestDirFixture       *f,
              gconstpointer  data)
{
  g_autoptr(VipsImage) scene = resell_test_flat_image (1200, 800, 128, 128, 128);
  g_autoptr(GBytes) jpeg = resell_test_save_jpeg (scene, 92);
  g_autofree char *path = resell_test_write_bytes (f->dir, "flaw.jpg", jpeg);
  g_autoptr(GError) error = NULL;

  for (int ring = 0; ring <= 1; ring++)
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(VipsImage) out = NULL;
      double c[3];
      int hits = 0;

      /* Radius 0.1 of the shorter side is 80 px; the close-up shows 1.5
       * times that all round, 240 px, made 200 px. */
      bytes = resell_flaw_closeup_render (path, 0.5, 0.5, 0.1, ring, 200, NULL, &error);
      g_assert_no_error (error);
      out = resell_test_decode (bytes);
      g_assert_cmpint (vips_image_get_width (out), ==, 200);
      g_assert_cmpint (vips_image_get_height (out), ==, 200);

      /* The ring crosses the horizontal and vertical through the centre
       * at about 67 px from it. */
      for (int d = 60; d <= 74; d++)
        {
          resell_test_pixel (out, 100 + d, 100, c);
          hits += saturation (c) > 120;
          resell_test_pixel (out, 100, 100 - d, c);
          hits += saturation (c) > 120;
        }

      if (ring)
        g_assert_cmpint (hits, >=, 4);
      else
        g_assert_cmpint (hits, ==, 0);

      /* Inside the ring the picture is untouched. */
      resell_test_region_mean (out, 80, 80, 40, 40, c);
      resell_test_assert_colour (c, 128, 128, 128, 4);
    }

  /* Never enlarged: a close-up smaller than asked stays its size. */
  {
    g_autoptr(GBytes) bytes = resell_flaw_closeup_render (path, 0.1, 0.9, 0.02, FALSE, 800, NULL, &error);
    g_autoptr(VipsImage) out = NULL;

    g_assert_no_error (error);
    out = resell_test_decode (bytes);
    g_assert_cmpint (vips_image_get_width (out), ==, 48);
    g_assert_cmpint (vips_image_get_height (out), ==, 48);
  }

  /* Bad arguments. */
  {
    g_autoptr(GBytes) bytes = resell_flaw_closeup_render (path, 1.5, 0.5, 0.1, TRUE, 200, NULL, &error);

    g_assert_null (bytes);
    g_assert_error (error, RESELL_LISTING_ERROR, RESELL_LISTING_ERROR_INVALID_EDIT);
    g_assert_nonnull (strstr (error->message, "flaw.jpg"));
  }
}

/* The flaw is found where the seller marked it on the upright picture,
 * whatever EXIF orientation the camera stored. */
/* Mean absolute difference of two pictures of the same size. */
static double
difference (VipsImage *a,
            VipsImage *b)
{
  g_autoptr(VipsImage) diff = NULL;
  g_autoptr(VipsImage) absolute = NULL;
  double mean = 0;

  g_assert_cmpint (vips_image_get_width (a), ==, vips_image_get_width (b));
  g_assert_cmpint (vips_image_get_height (a), ==, vips_image_get_height (b));
  g_assert_cmpint (vips_subtract (a, b, &diff, NULL), ==, 0);
  g_assert_cmpint (vips_abs (diff, &absolute, NULL), ==, 0);
  g_assert_cmpint (vips_avg (absolute, &mean, NULL), ==, 0);

  return mean;
}

static void
test_closeup_orientations (ResellTestDirFixture       *f,
                           gconstpointer  data)
{
  g_autoptr(VipsImage) shown = resell_test_flat_image (1200, 800, 128, 128, 128);
  g_autoptr(VipsImage) reference = NULL;

  /* A red spot at (0.3, 0.6) and a blue one to its right. */
  resell_test_fill_rect (shown, 350, 470, 20, 20, 230, 20, 20);
  resell_test_fill_rect (shown, 395, 470, 20, 20, 20, 20, 230);

  for (int orientation = 1; orientation <= 8; orientation++)
    {
      g_autoptr(VipsImage) a = NULL;
      g_autoptr(VipsImage) stored = NULL;
      g_autoptr(VipsImage) tagged = NULL;
      g_autoptr(GBytes) jpeg = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(VipsImage) out = NULL;
      g_autofree char *name = g_strdup_printf ("orientation-%d.jpg", orientation);
      g_autofree char *path = NULL;
      void *buf = NULL;
      size_t len = 0;
      double c[3];
      int w;

      /* Store what the camera would, given the orientation it records. */
      switch (orientation)
        {
        case 1: stored = g_object_ref (shown); break;
        case 2: g_assert_cmpint (vips_flip (shown, &stored, VIPS_DIRECTION_HORIZONTAL, NULL), ==, 0); break;
        case 3: g_assert_cmpint (vips_rot (shown, &stored, VIPS_ANGLE_D180, NULL), ==, 0); break;
        case 4: g_assert_cmpint (vips_flip (shown, &stored, VIPS_DIRECTION_VERTICAL, NULL), ==, 0); break;
        case 5:
          g_assert_cmpint (vips_rot (shown, &a, VIPS_ANGLE_D90, NULL), ==, 0);
          g_assert_cmpint (vips_flip (a, &stored, VIPS_DIRECTION_HORIZONTAL, NULL), ==, 0);
          break;
        case 6: g_assert_cmpint (vips_rot (shown, &stored, VIPS_ANGLE_D270, NULL), ==, 0); break;
        case 7:
          g_assert_cmpint (vips_rot (shown, &a, VIPS_ANGLE_D90, NULL), ==, 0);
          g_assert_cmpint (vips_flip (a, &stored, VIPS_DIRECTION_VERTICAL, NULL), ==, 0);
          break;
        case 8: g_assert_cmpint (vips_rot (shown, &stored, VIPS_ANGLE_D90, NULL), ==, 0); break;
        default: g_assert_not_reached ();
        }

      g_assert_cmpint (vips_copy (stored, &tagged, NULL), ==, 0);
      vips_image_set_int (tagged, VIPS_META_ORIENTATION, orientation);
      g_assert_cmpint (vips_jpegsave_buffer (tagged, &buf, &len, "Q", 95, NULL), ==, 0);
      jpeg = g_bytes_new_take (buf, len);
      path = resell_test_write_bytes (f->dir, name, jpeg);

      /* Radius 0.05 of 800 = 40 px: a 120 px close-up, kept at 120. */
      bytes = resell_flaw_closeup_render (path, 0.3, 0.6, 0.05, FALSE, 400, NULL, &error);
      g_assert_no_error (error);
      out = resell_test_decode (bytes);
      w = vips_image_get_width (out);
      g_assert_cmpint (w, ==, 120);

      resell_test_region_mean (out, w / 2 - 4, w / 2 - 4, 8, 8, c);
      g_test_message ("orientation %d: centre %.0f,%.0f,%.0f", orientation, c[0], c[1], c[2]);
      resell_test_assert_colour (c, 230, 20, 20, 25);
      resell_test_region_mean (out, w / 2 + 40, w / 2 - 4, 8, 8, c);
      resell_test_assert_colour (c, 20, 20, 230, 25);

      /* The listing image of the same file is upright too. */
      {
        g_autoptr(ResellListingProfile) profile = resell_test_inline_profile (resell_test_free_shape_profile);
        g_autoptr(ResellPhotoEdits) edits = resell_test_plain_edits ();
        ResellListingInfo info = { 0 };
        g_autoptr(VipsImage) listing = resell_test_render_ok (path, edits, profile, NULL, &info);

        g_autoptr(VipsImage) tilted = NULL;
        double diff;

        g_assert_cmpint (info.width, ==, 1200);
        g_assert_cmpint (info.height, ==, 800);
        resell_test_region_mean (listing, 355, 475, 10, 10, c);
        resell_test_assert_colour (c, 230, 20, 20, 25);

        /* Straightening turns the picture as shown, whichever way (or
         * mirrored) the camera stored it; and so do the quarter turns. */
        edits->straighten = 4.0;
        edits->rotate = 90;
        tilted = resell_test_render_ok (path, edits, profile, NULL, &info);
        if (reference == NULL)
          reference = g_object_ref (tilted);
        diff = difference (tilted, reference);
        g_test_message ("orientation %d: straightened differs by %.2f", orientation, diff);
        g_assert_cmpfloat (diff, <, 2.0);
      }
    }
}

int
main (int   argc,
      char *argv[])
{
  resell_test_init (&argc, &argv);

  g_test_add_func ("/listing/edits/json", test_edits_json);
  resell_test_add_dir_test ("/listing/edits/rotate", test_edit_rotate);
  resell_test_add_dir_test ("/listing/edits/crop", test_edit_crop);
  resell_test_add_dir_test ("/listing/edits/straighten", test_edit_straighten);
  resell_test_add_dir_test ("/listing/closeup", test_closeup);
  resell_test_add_dir_test ("/listing/closeup/orientations", test_closeup_orientations);

  return resell_test_run ();
}
