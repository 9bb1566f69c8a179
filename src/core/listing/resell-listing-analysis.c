/* resell-listing-analysis.c — what the renderer measures on a small copy
 * of the picture (the backdrop and the product's box), and the tone curve
 * and sharpening it applies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One log domain for all of the renderer's files, so that
 * G_MESSAGES_DEBUG=resell-listing-renderer shows all it says. */
#define G_LOG_DOMAIN "resell-listing-renderer"

#include "config.h"

#include <vips/vips.h>

#include "imaging/resell-image-probe-private.h"
#include "listing/resell-listing-renderer-private.h"

/* The small copy the backdrop and the product are found on: its long
 * edge is at least this (a pixel of it is 1/300 of the picture). */
#define ANALYSIS_LONG_EDGE 300

/* How far (0..255, after a 3×3 median) a pixel must be from the backdrop
 * to count as product.  Sensor noise and JPEG artefacts stay well below;
 * a shadow on a white sweep is about at it. */
#define TRIM_THRESHOLD 20.0

/* A bounding box smaller than this share of the picture is dust or noise,
 * not a product; one covering nearly all of it trims nothing. */
#define TRIM_MIN_AREA 0.002
#define TRIM_MAX_SIDE 0.97

/* The border strip: how thick (a share of the shorter side), and how much
 * it may vary (10th to 90th percentile, per band) to count as a plain
 * backdrop that can be trimmed to and whitened. */
#define BORDER_STRIP 0.04
#define PLAIN_SPREAD 48

/* ------------------------------------------------------------------------
 * Analysis: the backdrop and the product
 * ------------------------------------------------------------------------ */

static int
percentile (const guint *histogram,
            guint        total,
            double       fraction)
{
  guint target = (guint)(fraction * total);
  guint sum = 0;

  for (int i = 0; i < 256; i++)
    {
      sum += histogram[i];
      if (sum > target)
        return i;
    }

  return 255;
}

/* A median per band over a strip along the four edges: robust to a
 * product that touches one edge, and the border is where a backdrop is
 * sure to show.  @image must be 8-bit, 3 bands, in memory. */
void
resell_listing_measure_backdrop (VipsImage *image,
                                 Backdrop  *out)
{
  int width = vips_image_get_width (image);
  int height = vips_image_get_height (image);
  int strip = MAX (1, (int)(MIN (width, height) * BORDER_STRIP));
  /* A strip of a full-size picture needs no more than every few pixels
   * (80 px strips of 3000 × 2000: every 5th in both directions). */
  int step = MAX (1, strip / 16);
  guint histogram[3][256] = { { 0 } };
  guint total = 0;
  int spread = 0;

  for (int y = 0; y < height; y += step)
    {
      gboolean edge_row = y < strip || y >= height - strip;

      for (int x = 0; x < width; x += step)
        {
          const guint8 *p;

          if (!edge_row && x >= strip && x < width - strip)
            {
              /* Across the middle to the strip on the right. */
              x = width - strip - step;
              continue;
            }

          p = VIPS_IMAGE_ADDR (image, x, y);
          histogram[0][p[0]]++;
          histogram[1][p[1]]++;
          histogram[2][p[2]]++;
          total++;
        }
    }

  for (int b = 0; b < 3; b++)
    {
      int p10 = percentile (histogram[b], total, 0.10);
      int p90 = percentile (histogram[b], total, 0.90);

      out->median[b] = percentile (histogram[b], total, 0.50);
      /* Lifting the 10th percentile (a little under it, for the noise
       * of the resized picture) makes nearly all the backdrop pure white,
       * not just half of it. */
      out->white[b] = MAX (1, p10 - 4);
      spread = MAX (spread, p90 - p10);
    }

  out->luma = 0.2126 * out->median[0] + 0.7152 * out->median[1] + 0.0722 * out->median[2];
  out->plain = spread <= PLAIN_SPREAD;
}

VipsImage *
resell_listing_make_analysis_copy (VipsImage    *in,
                                   GCancellable *cancellable)
{
  g_autoptr(VipsImage) small = NULL;
  int long_edge = MAX (vips_image_get_width (in), vips_image_get_height (in));
  int factor = long_edge / ANALYSIS_LONG_EDGE;

  if (factor <= 1)
    return resell_listing_compute_to_memory (in, cancellable);

  /* A triangle filter as wide as the step: noise goes, a thin strap or
   * chain still shows (a point sample could miss it).  In libvips 8.14
   * this costs about 14 ms for 3000 × 2000 against 24 ms for the box
   * average of vips_shrink(). */
  if (vips_reduce (in, &small, factor, factor, "kernel", VIPS_KERNEL_LINEAR, NULL) != 0)
    return NULL;

  return resell_listing_compute_to_memory (small, cancellable);
}

/* The product's box as fractions of @small, or FALSE when the trim finds
 * nothing sensible (keep the whole picture). */
gboolean
resell_listing_find_product (VipsImage      *small,
                             const Backdrop *backdrop,
                             Box            *out)
{
  g_autoptr(VipsArrayDouble) background = vips_array_double_new (backdrop->median, 3);
  int width = vips_image_get_width (small);
  int height = vips_image_get_height (small);
  int left, top, w, h;

  if (vips_find_trim (small, &left, &top, &w, &h,
                      "threshold", TRIM_THRESHOLD,
                      "background", background,
                      NULL) != 0)
    {
      g_debug ("find_trim failed: %s", vips_error_buffer ());
      vips_error_clear ();
      return FALSE;
    }

  if (w <= 1 || h <= 1 ||
      (double)w * h < TRIM_MIN_AREA * width * height ||
      (w >= TRIM_MAX_SIDE * width && h >= TRIM_MAX_SIDE * height))
    return FALSE;

  /* One analysis pixel more all round: the small copy's edge pixels are
   * a blend of product and backdrop. */
  left = MAX (0, left - 1);
  top = MAX (0, top - 1);
  w = MIN (width - left, w + 2);
  h = MIN (height - top, h + 2);

  out->x = (double)left / width;
  out->y = (double)top / height;
  out->width = (double)w / width;
  out->height = (double)h / height;

  return TRUE;
}

/* ------------------------------------------------------------------------
 * Tone curve, sharpening
 * ------------------------------------------------------------------------ */

/* Per band: identity up to a knee, then a quadratic rise that reaches 255
 * at the backdrop's white level with a continuous slope at the knee, and
 * 255 above.  The knee sits three times the lift below the white level,
 * so a product's mid-tones and shadows are untouched and its highlights
 * are brightened but never clipped below the backdrop level. */
VipsImage *
resell_listing_make_whitening_lut (const Backdrop *backdrop)
{
  guint8 lut[256 * 3];

  for (int b = 0; b < 3; b++)
    {
      double white = backdrop->white[b];
      double lift = 255.0 - white;
      double knee = MAX (0.0, white - 3.0 * lift);

      for (int i = 0; i < 256; i++)
        {
          double v;

          if (i <= knee)
            v = i;
          else if (i < white)
            v = i + lift * ((i - knee) / (white - knee)) * ((i - knee) / (white - knee));
          else
            v = 255.0;

          lut[i * 3 + b] = (guint8)CLAMP (iround (v), 0, 255);
        }
    }

  return vips_image_new_from_memory_copy (lut, sizeof lut, 256, 1, 3, VIPS_FORMAT_UCHAR);
}

/* A mild unsharp mask as one 3×3 integer convolution: the centre at 12/8,
 * its four neighbours at -1/8.  About ten times cheaper than
 * vips_sharpen() at this strength, which works in Lab. */
VipsImage *
resell_listing_sharpen (VipsImage *in)
{
  g_autoptr(VipsImage) mask = vips_image_new_matrixv (3, 3,
                                                      0.0, -1.0, 0.0,
                                                      -1.0, 12.0, -1.0,
                                                      0.0, -1.0, 0.0);
  g_autoptr(VipsImage) sharpened = NULL;
  VipsImage *out;

  vips_image_set_double (mask, "scale", 8.0);
  vips_image_set_double (mask, "offset", 0.0);

  if (vips_conv (in, &sharpened, mask, "precision", VIPS_PRECISION_INTEGER, NULL) != 0)
    return NULL;

  if (vips_image_get_format (sharpened) == VIPS_FORMAT_UCHAR)
    return g_steal_pointer (&sharpened);

  if (vips_cast (sharpened, &out, VIPS_FORMAT_UCHAR, NULL) != 0)
    return NULL;

  return out;
}
