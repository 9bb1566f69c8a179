/* fuzz-render.c — libFuzzer target over the whole listing render.
 *
 * Each input is a whole file, as a seller's camera or phone might have
 * written it (the seeds are small JPEGs with EXIF: both byte orders, GPS,
 * serials, thumbnails, every orientation).  It is written to a file and
 * rendered with resell_listing_render() through a tiny square profile
 * (64 px, at most 1 megapixel in), so each run is quick while every step
 * runs: decode, orientation, trim and backdrop analysis, padding, resize,
 * sharpening, encoding and the metadata cleaning.  The target aborts when
 * a render fails without a sentence, or succeeds with something that is
 * not a JPEG of the profile's size.  Crashes, leaks and undefined
 * behaviour are the sanitizers' to report.
 *
 * Built only with -Dfuzzing=true and clang; run by .ci/fuzz.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fuzz-render"

#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <glib/gstdio.h>
#include <vips/vips.h>

#include "resell-core.h"
#include "listing/resell-listing-profile.h"
#include "listing/resell-listing-renderer.h"

#define LONG_EDGE 64

static const char profile_json[] =
  "{\"version\":1,\"id\":\"fuzz\",\"name\":\"Fuzz\",\"long_edge\":64,"
  "\"square\":true,\"margin\":0.06,\"quality\":80,\"min_quality\":40,"
  "\"max_bytes\":0,\"max_photos\":1,\"min_long_edge\":1,\"max_megapixels\":1}";

static ResellListingProfile *profile;
static char *input_path;

G_NORETURN static void
fail (const char *what)
{
  fprintf (stderr, "fuzz-render: %s\n", what);
  abort ();
}

static void
render_one (const guint8 *data,
            gsize         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) output = NULL;
  ResellListingInfo info = { 0 };
  /* Half the inputs ask for a copyright line, the only text written. */
  const char *copyright = (size & 1) ? "© 2024 Jane Seller" : NULL;
  const guint8 *p;
  gsize len;

  if (!g_file_set_contents (input_path, (const char *) data, size, &error))
    fail (error->message);

  output = resell_listing_render (input_path, NULL, profile, copyright, &info, NULL, &error);
  if (output == NULL)
    {
      if (error == NULL || error->message == NULL || error->message[0] == '\0')
        fail ("resell_listing_render() failed without an error message");
      if (error->domain != RESELL_LISTING_ERROR)
        fail ("resell_listing_render() failed with an error outside its domain");
      return;
    }
  if (error != NULL)
    fail ("resell_listing_render() returned an image and set an error");

  p = g_bytes_get_data (output, &len);
  if (len < 4 || p[0] != 0xff || p[1] != 0xd8)
    fail ("the listing image is not a JPEG");
  if (info.n_bytes != len)
    fail ("the reported size is not the image's");
  /* A square no larger than the profile's edge: a small original is never
   * enlarged past its own pixels (down to the profile's minimum of 1). */
  if (info.width != info.height)
    fail ("the listing image is not square");
  if (info.width < 1 || info.width > LONG_EDGE)
    fail ("the listing image is larger than the profile's edge, or empty");

  /* And the JPEG itself is what the info says. */
  {
    VipsImage *written = vips_image_new_from_buffer (p, len, "", NULL);

    if (written == NULL)
      fail ("the listing image does not decode");
    if (vips_image_get_width (written) != info.width || vips_image_get_height (written) != info.height)
      fail ("the listing image's size is not the reported one");
    g_object_unref (written);
  }
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  VipsImage *image = NULL;
  void *buffer = NULL;
  size_t length = 0;

  if (!resell_core_init ((*argv)[0], &error))
    fail (error->message);

  profile = resell_listing_profile_new_from_data ("fuzz.json", profile_json, -1, &error);
  if (profile == NULL)
    fail (error->message);

  /* One file, rewritten for each input; removed by the CI script's
   * temporary folder or the system's. */
  dir = g_dir_make_tmp ("resell-fuzz-render-XXXXXX", &error);
  if (dir == NULL)
    fail (error->message);
  input_path = g_build_filename (dir, "input.jpg", NULL);

  /* One-time set-up inside the core and libvips (types, the JPEG loader
   * and saver) happens here, not in the first input, so the leak checker
   * only sees per-input allocations. */
  if (vips_black (&image, 96, 64, "bands", 3, NULL) != 0 ||
      vips_jpegsave_buffer (image, &buffer, &length, NULL) != 0)
    fail (vips_error_buffer ());
  g_object_unref (image);
  render_one (buffer, length);
  render_one (buffer, length - 1);
  render_one (buffer, 3);
  g_free (buffer);

  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  render_one (data, size);
  return 0;
}
