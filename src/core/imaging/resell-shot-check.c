/* resell-shot-check.c — is this shot usable?
 *
 * One reduced decode of the photo (a 24 MP JPEG is decoded at 1/4 scale by
 * libjpeg itself), kept in memory and handed to the caller as soon as it
 * is made (the importer makes the thumbnail from it meanwhile), then
 * turned into luma, brought to MEASURE_SIZE on its long edge, and measured
 * in one pass over plain memory:
 *
 *   sharpness   variance of the Laplacian's second differences (along x,
 *               y and both diagonals), per tile, divided by the variance of
 *               the tile's luma: the share of the tile's contrast in the
 *               finest detail, so a cream bag on white and a black one are
 *               judged alike.  Per direction the mean of the sharpest fifth
 *               of the tiles that hold something (the item, not the smooth
 *               backdrop); the least sharp direction is the score, because
 *               camera shake smears one direction and leaves the other.
 *               The plain Laplacian variance could not separate a sharp
 *               low-contrast item from a blurred high-contrast one (see
 *               docs/checks.md)
 *   exposure    fractions of the frame at the top and bottom of the range
 *   backdrop    L* of blocks along the outer band of the frame: median
 *               (level) and the spread between the 10th and 90th
 *               percentile blocks (evenness)
 *   resolution  from the header: the size the file really has
 *
 * Measuring at a fixed size makes the numbers comparable across cameras:
 * the Laplacian of the same scene is far stronger at 6000 px than at
 * 1600 px.  The thresholds and how they were calibrated are in
 *
 * The report these make, and its JSON, are in resell-shot-report.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-shot-check"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <vips/vips.h>

#include "resell-core.h"
#include "imaging/resell-image-probe-private.h"
#include "imaging/resell-shot-check-private.h"

/* Long edge, in pixels, of the image every measure is taken on.  About the
 * listing's 1600 px, where softness shows; and exactly 1/4 of a 24 MP
 * sensor's 6000 px, so libjpeg's own 1/4 scaling does all the work. */
#define MEASURE_SIZE 1500

/* The decode is kept in memory, for the measures and for whoever the
 * check hands it to (the thumbnail), up to this size: a JPEG's reduced
 * decode is a few MB (1500 × 1000 × 3 for 24 MP), a 16 MP PNG 48 MB; a
 * larger one streams into the luma as before and is not shared. */
#define SHARED_DECODE_MAX_BYTES ((size_t)48 * 1024 * 1024)

/* Tiles the sharpness is measured in (long edge / TILES_ALONG_LONG_EDGE). */
#define TILES_ALONG_LONG_EDGE 30

/* A frame whose most detailed tile has a luma standard deviation below this
 * holds nothing: a backdrop, a lens cap.  Not "blurred" but empty. */
#define EMPTY_TILE_STDDEV 3.0

/* Tiles whose luma varies less than this (standard deviation, 0–255) are
 * smooth backdrop or shadow, left out of the sharpness. */
#define CONTENT_TILE_STDDEV 8.0

/* The share of the tiles with content that the sharpness is taken from. */
#define SHARPEST_FRACTION 0.2

/* Luma (0–255) from which a pixel counts as clipped white, and up to which
 * as clipped black.  On the reduced image sensor noise is averaged away, so
 * a white backdrop exposed at up to ~250 stays below 252 while one blown
 * to 255 in the camera stays at 255. */
#define HIGHLIGHT_LEVEL 252.0
#define SHADOW_LEVEL 5.0

/* Fractions of the frame that may be clipped: a few specular highlights
 * on hardware or a black strap's darkest folds are fine. */
#define HIGHLIGHTS_MAX 0.02
#define SHADOWS_MAX 0.05

/* The border band is this fraction of each side. */
#define BAND_FRACTION 0.08

/* Blocks along the top and bottom bands, and along each side band between
 * them. */
#define BAND_BLOCKS_ACROSS 10
#define BAND_BLOCKS_DOWN 6

/* L* (0–100).  The listing pipeline whitens backdrops from luma 200
 * (L* 80.6) up; below 82 the backdrop shows grey in the listing. */
#define BACKDROP_LEVEL_MIN 82.0

/* L* spread between the 10th and 90th percentile blocks: a falloff from
 * one light, a shadow across the sweep. */
#define BACKDROP_UNEVENNESS_MAX 10.0

/* Measuring -------------------------------------------------------------- */


typedef struct
{
  float *pixels;   /* luma 0–255, row after row */
  int    width;
  int    height;
} Luma;

static void
luma_clear (Luma *luma)
{
  g_clear_pointer (&luma->pixels, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Luma, luma_clear)

/* One band of luma (Rec. 709 weights on the stored, gamma-encoded values)
 * as float 0–255, whatever the photo holds: 8 or 16 bits, grey or colour,
 * with alpha (on white, as the listing shows it), CMYK or Lab. */
static gboolean
to_luma (VipsImage  *in,
         VipsImage **out)
{
  g_autoptr(VipsImage) image = g_object_ref (in);
  VipsInterpretation interpretation;
  VipsImage *t = NULL;
  double scale;

  if (vips_image_hasalpha (image))
    {
      VipsBandFormat format = vips_image_get_format (image);
      gboolean deep = format == VIPS_FORMAT_USHORT || format == VIPS_FORMAT_SHORT;
      double max_alpha = deep ? 65535.0 : 255.0;
      /* White, except in CMYK where white is no ink. */
      double white = vips_image_guess_interpretation (image) == VIPS_INTERPRETATION_CMYK ? 0.0 : max_alpha;
      double background[4] = { white, white, white, white };
      g_autoptr(VipsArrayDouble) array =
        vips_array_double_new (background, MIN (4, vips_image_get_bands (image) - 1));
      int res;

      res = vips_flatten (image, &t, "background", array, "max_alpha", max_alpha, NULL);
      if (res != 0)
        return FALSE;
      g_set_object (&image, t);
      g_clear_object (&t);
    }

  interpretation = vips_image_guess_interpretation (image);
  if (interpretation != VIPS_INTERPRETATION_sRGB &&
      interpretation != VIPS_INTERPRETATION_RGB16 &&
      interpretation != VIPS_INTERPRETATION_B_W &&
      interpretation != VIPS_INTERPRETATION_GREY16)
    {
      if (vips_colourspace (image, &t, VIPS_INTERPRETATION_sRGB, NULL) != 0)
        return FALSE;
      g_set_object (&image, t);
      g_clear_object (&t);
    }

  scale = vips_image_get_format (image) == VIPS_FORMAT_USHORT ? 1.0 / 257.0 : 1.0;

  if (vips_image_get_bands (image) >= 3)
    {
      double weights[3] = { 0.2126 * scale, 0.7152 * scale, 0.0722 * scale };
      g_autoptr(VipsImage) rgb = NULL;
      g_autoptr(VipsImage) matrix = vips_image_new_matrix_from_array (3, 1, weights, 3);

      if (vips_image_get_bands (image) > 3)
        {
          if (vips_extract_band (image, &rgb, 0, "n", 3, NULL) != 0)
            return FALSE;
        }
      else
        rgb = g_object_ref (image);

      return vips_recomb (rgb, out, matrix, NULL) == 0;
    }
  else
    {
      g_autoptr(VipsImage) grey = NULL;

      if (vips_extract_band (image, &grey, 0, NULL) != 0)
        return FALSE;

      return vips_linear1 (grey, out, scale, 0.0, NULL) == 0;
    }
}

/* @image as luma, reduced to MEASURE_SIZE on its long edge, in memory. */
static gboolean
luma_from_image (VipsImage *image,
                 Luma      *out)
{
  g_autoptr(VipsImage) luma = NULL;
  g_autoptr(VipsImage) sized = NULL;
  g_autoptr(VipsImage) flat = NULL;
  size_t size = 0;
  int long_edge;

  if (!to_luma (image, &luma))
    return FALSE;

  long_edge = MAX (vips_image_get_width (luma), vips_image_get_height (luma));
  if (long_edge > MEASURE_SIZE)
    {
      if (vips_resize (luma, &sized, (double)MEASURE_SIZE / long_edge, NULL) != 0)
        return FALSE;
    }
  else
    sized = g_object_ref (luma);

  if (vips_cast (sized, &flat, VIPS_FORMAT_FLOAT, NULL) != 0)
    return FALSE;

  /* When @image is not in memory yet, decoding happens here, and with it
   * any error in the file's data. */
  out->pixels = vips_image_write_to_memory (flat, &size);
  if (out->pixels == NULL)
    return FALSE;

  out->width = vips_image_get_width (flat);
  out->height = vips_image_get_height (flat);
  g_assert (size == (size_t)out->width * out->height * sizeof (float));

  return TRUE;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *)a;
  double db = *(const double *)b;

  return (da > db) - (da < db);
}

/* Second differences along x, y and the two diagonals (those scaled by
 * 1/2 for their √2 spacing): the Laplacian is the sum of the first two. */
#define N_DIRECTIONS 4

static double
mean_of_top (double *values,
             int     n,
             double  fraction)
{
  int n_top = MAX (1, (int)(n * fraction));
  double sum = 0.0;

  qsort (values, n, sizeof (double), compare_doubles);
  for (int i = 0; i < n_top; i++)
    sum += values[n - 1 - i];

  return sum / n_top;
}

static void
measure_sharpness (ResellShotReport *self,
                   const Luma       *luma)
{
  int w = luma->width;
  int h = luma->height;
  int tile = MAX (8, MAX (w, h) / TILES_ALONG_LONG_EDGE);
  int tiles_x = MAX (1, (w - 2) / tile);
  int tiles_y = MAX (1, (h - 2) / tile);
  g_autofree double *ratios = g_new0 (double, (gsize)N_DIRECTIONS * tiles_x * tiles_y);
  double max_stddev = 0.0;
  int n_content = 0;

  /* Whole tiles over the interior (every difference needs a neighbour on
   * every side); a last partial row or column of tiles is left out. */
  for (int ty = 0; ty < tiles_y; ty++)
    {
      for (int tx = 0; tx < tiles_x; tx++)
        {
          int x0 = 1 + tx * tile;
          int y0 = 1 + ty * tile;
          int x1 = MIN (x0 + tile, w - 1);
          int y1 = MIN (y0 + tile, h - 1);
          double d_sum[N_DIRECTIONS] = { 0 };
          double d_sq[N_DIRECTIONS] = { 0 };
          double v_sum = 0.0, v_sq = 0.0;
          double n = (double)(x1 - x0) * (y1 - y0);
          double v_var;

          if (n <= 0)
            continue;

          for (int y = y0; y < y1; y++)
            {
              const float *row = luma->pixels + (gsize)y * w;
              const float *up = row - w;
              const float *down = row + w;

              for (int x = x0; x < x1; x++)
                {
                  double c2 = 2.0 * row[x];
                  double d[N_DIRECTIONS] = {
                    row[x - 1] + row[x + 1] - c2,
                    up[x] + down[x] - c2,
                    0.5 * (up[x - 1] + down[x + 1] - c2),
                    0.5 * (up[x + 1] + down[x - 1] - c2),
                  };

                  for (int k = 0; k < N_DIRECTIONS; k++)
                    {
                      d_sum[k] += d[k];
                      d_sq[k] += d[k] * d[k];
                    }
                  v_sum += row[x];
                  v_sq += (double)row[x] * row[x];
                }
            }

          v_var = MAX (0.0, v_sq / n - (v_sum / n) * (v_sum / n));
          max_stddev = MAX (max_stddev, sqrt (v_var));

          /* Only tiles with something in them: on a smooth backdrop the
           * ratio would measure the sensor's noise. */
          if (v_var < CONTENT_TILE_STDDEV * CONTENT_TILE_STDDEV)
            continue;

          for (int k = 0; k < N_DIRECTIONS; k++)
            {
              double d_var = MAX (0.0, d_sq[k] / n - (d_sum[k] / n) * (d_sum[k] / n));

              ratios[(gsize)k * tiles_x * tiles_y + n_content] = d_var / v_var;
            }
          n_content++;
        }
    }

  /* Per direction, the sharpest fifth of the tiles with something in
   * them (the item in focus, not the backdrop or a soft background);
   * then the direction that is least sharp, which is where camera shake
   * smears. */
  self->sharpness = 0.0;
  for (int k = 0; k < N_DIRECTIONS && n_content > 0; k++)
    {
      double s = 100.0 * mean_of_top (ratios + (gsize)k * tiles_x * tiles_y, n_content, SHARPEST_FRACTION);

      self->sharpness = k == 0 ? s : MIN (self->sharpness, s);
    }

  if (max_stddev < EMPTY_TILE_STDDEV || n_content == 0)
    {
      self->sharp = FALSE;
      _resell_shot_report_add_problem (self, PROBLEM_NOTHING_IN_FOCUS);
    }
  else if (self->sharpness < RESELL_SHOT_SHARPNESS_MIN)
    {
      self->sharp = FALSE;
      _resell_shot_report_add_problem (self, PROBLEM_BLURRED);
    }
  else
    self->sharp = TRUE;
}

static void
measure_exposure (ResellShotReport *self,
                  const Luma       *luma,
                  ResellBackdrop    backdrop)
{
  gsize n = (gsize)luma->width * luma->height;
  gsize highlights = 0;
  gsize shadows = 0;
  gboolean shadows_ok;

  for (gsize i = 0; i < n; i++)
    {
      float v = luma->pixels[i];

      highlights += v >= HIGHLIGHT_LEVEL;
      shadows += v <= SHADOW_LEVEL;
    }

  self->highlights_clipped = (double)highlights / n;
  self->shadows_clipped = (double)shadows / n;

  /* A black velvet backdrop is meant to be black. */
  shadows_ok = backdrop == RESELL_BACKDROP_BLACK || self->shadows_clipped <= SHADOWS_MAX;

  self->exposure_ok = self->highlights_clipped <= HIGHLIGHTS_MAX && shadows_ok;

  if (self->highlights_clipped > HIGHLIGHTS_MAX)
    _resell_shot_report_add_problem (self, PROBLEM_HIGHLIGHTS_CLIPPED);
  if (!shadows_ok)
    _resell_shot_report_add_problem (self, PROBLEM_SHADOWS_CLIPPED);
}

/* L* (CIE 1976, 0–100) of an sRGB-encoded luma 0–255. */
static double
lightness_of (double luma)
{
  double c = CLAMP (luma / 255.0, 0.0, 1.0);
  double y = c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
  double f = y > 216.0 / 24389.0 ? cbrt (y) : (24389.0 / 27.0 * y + 16.0) / 116.0;

  return 116.0 * f - 16.0;
}

static double
block_lightness (const Luma *luma,
                 int         x0,
                 int         y0,
                 int         x1,
                 int         y1)
{
  double sum = 0.0;

  for (int y = y0; y < y1; y++)
    {
      const float *row = luma->pixels + (gsize)y * luma->width;

      for (int x = x0; x < x1; x++)
        sum += row[x];
    }

  return lightness_of (sum / ((double)(x1 - x0) * (y1 - y0)));
}

static void
measure_backdrop (ResellShotReport *self,
                  const Luma       *luma)
{
  int w = luma->width;
  int h = luma->height;
  int band_x = MAX (1, (int)lround (w * BAND_FRACTION));
  int band_y = MAX (1, (int)lround (h * BAND_FRACTION));
  double blocks[2 * BAND_BLOCKS_ACROSS + 2 * BAND_BLOCKS_DOWN];
  int n = 0;

  /* Top and bottom bands across the whole width, the side bands between
   * them: every block is backdrop unless the item reaches the edge. */
  for (int i = 0; i < BAND_BLOCKS_ACROSS; i++)
    {
      int x0 = w * i / BAND_BLOCKS_ACROSS;
      int x1 = MAX (x0 + 1, w * (i + 1) / BAND_BLOCKS_ACROSS);

      blocks[n++] = block_lightness (luma, x0, 0, x1, band_y);
      blocks[n++] = block_lightness (luma, x0, h - band_y, x1, h);
    }

  for (int i = 0; i < BAND_BLOCKS_DOWN; i++)
    {
      int inner = h - 2 * band_y;
      int y0 = band_y + MAX (0, inner) * i / BAND_BLOCKS_DOWN;
      int y1 = MAX (y0 + 1, band_y + MAX (0, inner) * (i + 1) / BAND_BLOCKS_DOWN);

      y1 = MIN (y1, h);
      y0 = MIN (y0, y1 - 1);
      blocks[n++] = block_lightness (luma, 0, y0, band_x, y1);
      blocks[n++] = block_lightness (luma, w - band_x, y0, w, y1);
    }

  qsort (blocks, n, sizeof (double), compare_doubles);

  /* The median and the 10th–90th percentile spread: an item or its
   * shadow reaching the edge in a block or three changes neither. */
  self->backdrop_level = blocks[n / 2];
  self->backdrop_unevenness = blocks[(int)ceil ((n - 1) * 0.9)] - blocks[(int)floor ((n - 1) * 0.1)];
  self->backdrop_checked = TRUE;

  self->backdrop_ok = TRUE;
  if (self->backdrop_level < BACKDROP_LEVEL_MIN)
    {
      self->backdrop_ok = FALSE;
      _resell_shot_report_add_problem (self, PROBLEM_BACKDROP_DARK);
    }
  if (self->backdrop_unevenness > BACKDROP_UNEVENNESS_MAX)
    {
      self->backdrop_ok = FALSE;
      _resell_shot_report_add_problem (self, PROBLEM_BACKDROP_UNEVEN);
    }
}

static gboolean
is_unreadable_error (const GError *error)
{
  /* resell_image_open()'s "empty" and "not a picture": the file is there
   * but holds no photo.  Anything else (missing, no permission) means it
   * could not be opened at all, which the caller must hear about. */
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
}

/* Who gets the decode, called at most once. */
typedef struct
{
  ResellShotDecodedFunc func;
  gpointer              user_data;
} DecodedHandoff;

static void
handoff_decoded (DecodedHandoff *handoff,
                 VipsImage      *image)
{
  ResellShotDecodedFunc func = handoff->func;

  handoff->func = NULL;
  if (func != NULL)
    func (image, handoff->user_data);
}

/* The photo at 1/@shrink (JPEG only; the header read from @source before
 * says the size), decoded into memory when it is small enough to keep, so
 * the measures and whoever @handoff names share that one decode; else
 * left to stream into the luma as it is made. */
static VipsImage *
decode (VipsSource     *source,
        int             shrink,
        DecodedHandoff *handoff)
{
  g_autoptr(VipsImage) loaded = NULL;
  VipsImage *decoded;

  /* fail_on=ERROR: a file cut short or corrupt stops the decode, which is
   * what "could not be read" means; harmless quirks that only warn do not
   * (the probe's rule).  "shrink" only for a JPEG: the list ends before it
   * otherwise. */
  loaded = vips_image_new_from_source (source, "",
                                       "access", VIPS_ACCESS_SEQUENTIAL,
                                       "fail_on", VIPS_FAIL_ON_ERROR,
                                       shrink > 1 ? "shrink" : NULL, shrink,
                                       NULL);
  if (loaded == NULL)
    return NULL;

  if (VIPS_IMAGE_SIZEOF_IMAGE (loaded) > SHARED_DECODE_MAX_BYTES)
    return g_steal_pointer (&loaded);

  /* Decoding happens here, and with it any error in the file's data. */
  decoded = vips_image_copy_memory (loaded);
  if (decoded != NULL)
    handoff_decoded (handoff, decoded);

  return decoded;
}

static ResellShotReport *
check_file (const char      *path,
            ResellBackdrop   backdrop,
            DecodedHandoff  *handoff,
            GCancellable    *cancellable,
            GError         **error)
{
  g_autoptr(ResellShotReport) self = NULL;
  g_autoptr(VipsSource) source = NULL;
  g_autoptr(VipsImage) header = NULL;
  g_autoptr(VipsImage) image = NULL;
  g_autoptr(GError) open_error = NULL;
  g_auto(Luma) luma = { 0 };
  const char *loader = NULL;
  guint64 pixels;
  int width, height;
  int shrink = 1;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* The app starts libvips in the background; wait for it here if needed. */
  if (!resell_core_init (NULL, error))
    return NULL;

  source = resell_image_open (path, &loader, &open_error);
  if (source == NULL)
    {
      if (is_unreadable_error (open_error))
        {
          g_debug ("Not checking %s: %s", path, open_error->message);
          return _resell_shot_report_new_unreadable (0, 0, PROBLEM_UNREADABLE);
        }

      g_propagate_error (error, g_steal_pointer (&open_error));
      return NULL;
    }

  /* The header alone first: the size the file really has, and the pixel
   * limit before anything is decoded. */
  header = vips_image_new_from_source (source, "",
                                       "access", VIPS_ACCESS_SEQUENTIAL,
                                       "fail_on", VIPS_FAIL_ON_ERROR,
                                       NULL);
  if (header == NULL)
    {
      resell_image_clear_vips_error ("Could not read the header of", path);
      return _resell_shot_report_new_unreadable (0, 0, PROBLEM_UNREADABLE);
    }

  width = vips_image_get_width (header);
  height = vips_image_get_height (header);
  g_clear_object (&header);

  pixels = (guint64)width * (guint64)height;
  if (pixels > RESELL_IMAGE_PROBE_MAX_PIXELS)
    return _resell_shot_report_new_unreadable (width, height, PROBLEM_TOO_LARGE);

  /* libjpeg scales by 1/2, 1/4 or 1/8 while decoding, skipping most of
   * the inverse DCT: take the largest that still leaves MEASURE_SIZE. */
  if (g_str_has_prefix (loader, "VipsForeignLoadJpeg"))
    {
      while (shrink < 8 && MAX (width, height) / (shrink * 2) >= MEASURE_SIZE)
        shrink *= 2;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (!(image = decode (source, shrink, handoff)) ||
      !luma_from_image (image, &luma))
    {
      resell_image_clear_vips_error ("Could not decode", path);
      return _resell_shot_report_new_unreadable (width, height, PROBLEM_UNREADABLE);
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  self = g_object_new (RESELL_TYPE_SHOT_REPORT, NULL);
  self->readable = TRUE;
  self->width = width;
  self->height = height;

  /* The order the problems are shown in: what most often spoils a shot
   * first. */
  measure_sharpness (self, &luma);
  measure_exposure (self, &luma, backdrop);

  if (backdrop == RESELL_BACKDROP_WHITE)
    measure_backdrop (self, &luma);

  self->resolution_ok = MAX (width, height) >= RESELL_SHOT_MIN_LONG_EDGE;
  if (!self->resolution_ok)
    _resell_shot_report_add_problem (self, PROBLEM_TOO_SMALL);

  _resell_shot_report_finish (self);

  g_debug ("%s: sharpness %.1f, highlights %.4f, shadows %.4f, backdrop L* %.1f ± %.1f, %d×%d%s",
           path, self->sharpness, self->highlights_clipped, self->shadows_clipped,
           self->backdrop_level, self->backdrop_unevenness, width, height,
           self->passed ? "" : " (failed)");

  return g_steal_pointer (&self);
}

ResellShotReport *
resell_shot_check_file_full (const char             *path,
                             ResellBackdrop          backdrop,
                             ResellShotDecodedFunc   decoded_func,
                             gpointer                user_data,
                             GCancellable           *cancellable,
                             GError                **error)
{
  DecodedHandoff handoff = { decoded_func, user_data };
  ResellShotReport *report;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);

  report = check_file (path, backdrop, &handoff, cancellable, error);

  /* Whatever happened, the caller hears once. */
  handoff_decoded (&handoff, NULL);

  return report;
}

ResellShotReport *
resell_shot_check_file (const char      *path,
                        ResellBackdrop   backdrop,
                        GCancellable    *cancellable,
                        GError         **error)
{
  return resell_shot_check_file_full (path, backdrop, NULL, NULL, cancellable, error);
}

typedef struct
{
  char           *path;
  ResellBackdrop  backdrop;
} CheckJob;

static void
check_job_free (CheckJob *job)
{
  g_free (job->path);
  g_free (job);
}

static void
check_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CheckJob *job = task_data;
  GError *error = NULL;
  ResellShotReport *report;

  report = resell_shot_check_file (job->path, job->backdrop, cancellable, &error);

  if (report != NULL)
    g_task_return_pointer (task, report, g_object_unref);
  else
    g_task_return_error (task, error);
}

void
resell_shot_check_file_async (const char          *path,
                              ResellBackdrop       backdrop,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CheckJob *job;

  g_return_if_fail (path != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, resell_shot_check_file_async);

  job = g_new0 (CheckJob, 1);
  job->path = g_strdup (path);
  job->backdrop = backdrop;
  g_task_set_task_data (task, job, (GDestroyNotify)check_job_free);
  g_task_run_in_thread (task, check_worker);
}

ResellShotReport *
resell_shot_check_file_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == resell_shot_check_file_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
