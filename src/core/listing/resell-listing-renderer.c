/* resell-listing-renderer.c — one listing image from one untouched original
 *
 * The steps (docs/listing-images.md says why each is there):
 *
 *   1. open: sniff the format (never the extension), read the header only,
 *      refuse above the profile's pixel limit before a pixel is decoded
 *   2. decode with shrink-on-load (JPEG: libjpeg scales by 1/2, 1/4, 1/8
 *      while decoding), into sRGB 8-bit: embedded ICC profile → sRGB, CMYK,
 *      16-bit, greyscale and alpha (flattened on white) all end up as RGB
 *   3. geometry: straighten (cropped to the largest upright rectangle
 *      inside), crop — in the stored frame; the EXIF orientation and the
 *      seller's quarter turns are applied to the small result at the end
 *   4. analysis on a small copy: the backdrop colour from a strip along the
 *      border, and the product's bounding box (vips_find_trim)
 *   5. a canvas around the product with the profile's margin, square when
 *      the profile says so, filled with the real surroundings where the
 *      photo has them and the backdrop colour beyond
 *   6. resize (Lanczos 2) to the profile's long edge, never above what the
 *      original holds; a mild 3×3 sharpening; backdrop whitening by a tone
 *      curve that leaves everything well below the backdrop untouched
 *   7. every metadata field dropped, EXIF rebuilt with libexif when there
 *      is a copyright line, JPEG or WebP (the profile's format) at the
 *      profile's quality stepping down by 4 until the byte cap is met
 *
 * Everything runs on the calling thread with one libvips thread; nothing
 * here keeps state between calls, so any number of workers may render at
 * once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-listing-renderer"

#include "config.h"

#include <stdlib.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <libexif/exif-data.h>
#include <vips/vips.h>
#ifdef HAVE_WEBPMUX
#include <webp/mux.h>
#endif

#include "resell-core.h"
#include "imaging/resell-image-probe.h"
#include "listing/resell-listing-renderer.h"

/* Part of every recipe key: bump it whenever the pixels this file makes
 * for the same inputs change, and every cached listing image is redone. */
#define RENDERER_VERSION "v1"

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

/* Whitening applies to backdrops at least this bright (luma, 0..255). */
#define WHITEN_MIN_BACKDROP 200.0

/* How much a region decoded at a reduced scale may be enlarged to reach
 * the output size before it is decoded again at a finer scale.  A quarter
 * is invisible after the sharpening; more would be soft. */
#define MAX_UPSCALE 1.25

#define QUALITY_STEP 4
/* libwebp's effort (its "method", 0–6).  libvips' default, 4, took 186 ms
 * to encode a 1600 × 1600 listing image on one thread here, more than half
 * of a whole eBay-sized render; 2 took 68 ms (JPEG: 15) for files 8 %
 * larger, and 3 costs as much as 4 (docs/listing-images.md has the
 * numbers).  Meeting a byte cap may encode several times, so the time
 * matters more than those 8 %. */
#define WEBP_EFFORT 2
#define CLOSEUP_QUALITY 90
#define CLEAN_QUALITY 92
#define MAX_COPYRIGHT_BYTES 200

G_DEFINE_QUARK (resell-listing-error-quark, resell_listing_error)


typedef struct
{
  double x, y, width, height;
} Box;

/* Values are pixel coordinates, far inside int's range. */
static inline int
ifloor (double x)
{
  return (int) floor (x);
}

static inline int
iceil (double x)
{
  return (int) ceil (x);
}

static inline int
iround (double x)
{
  return (int) floor (x + 0.5);
}

/* ------------------------------------------------------------------------
 * Errors
 * ------------------------------------------------------------------------ */

/* What libvips said goes to the debug log, never into a sentence for a
 * person; its buffer is process-wide, so clear it every time. */
static void
set_damaged (GError     **error,
             const char  *what,
             const char  *path,
             const char  *display)
{
  resell_image_clear_vips_error (what, path);
  g_set_error (error, RESELL_LISTING_ERROR, RESELL_LISTING_ERROR_UNREADABLE,
               _("“%s” is damaged: the picture data ends early or is corrupt."),
               display);
}

static void
set_failed (GError     **error,
            const char  *what,
            const char  *path,
            const char  *display)
{
  resell_image_clear_vips_error (what, path);
  g_set_error (error, RESELL_LISTING_ERROR, RESELL_LISTING_ERROR_FAILED,
               _("Could not make the listing image of “%s”."),
               display);
}

/* The probe's errors (G_IO_ERROR) already are sentences naming the file;
 * only the domain changes.  Cancellation stays G_IO_ERROR_CANCELLED. */
static void
propagate_open_error (GError **error,
                      GError  *open_error)
{
  if (g_error_matches (open_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, open_error);
      return;
    }

  g_set_error_literal (error, RESELL_LISTING_ERROR, RESELL_LISTING_ERROR_UNREADABLE,
                       open_error->message);
  g_error_free (open_error);
}

static gboolean
init_core (GError **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!resell_core_init (NULL, &local_error))
    {
      g_set_error_literal (error, RESELL_LISTING_ERROR, RESELL_LISTING_ERROR_FAILED,
                           local_error->message);
      return FALSE;
    }

  return TRUE;
}

/* ------------------------------------------------------------------------
 * Small libvips helpers
 *
 * Each takes its input without stealing it and returns a new reference
 * or NULL with the libvips error buffer set.
 * ------------------------------------------------------------------------ */

static void
on_eval (VipsImage    *image,
         VipsProgress *progress,
         GCancellable *cancellable)
{
  if (g_cancellable_is_cancelled (cancellable))
    vips_image_set_kill (image, TRUE);
}

/* Computes @in into memory; a cancellation stops libvips mid-way. */
static VipsImage *
compute_to_memory (VipsImage    *in,
                   GCancellable *cancellable)
{
  VipsImage *out;
  gulong handler = 0;

  if (cancellable != NULL)
    {
      vips_image_set_progress (in, TRUE);
      handler = g_signal_connect (in, "eval", G_CALLBACK (on_eval), cancellable);
    }

  out = vips_image_copy_memory (in);

  if (handler != 0)
    {
      g_signal_handler_disconnect (in, handler);
      vips_image_set_progress (in, FALSE);
    }

  return out;
}

static gboolean
is_16bit (VipsImage *image)
{
  VipsBandFormat format = vips_image_get_format (image);

  return format == VIPS_FORMAT_USHORT || format == VIPS_FORMAT_SHORT;
}

static VipsImage *
drop_icc_profile (VipsImage *in)
{
  VipsImage *out;

  if (vips_copy (in, &out, NULL) != 0)
    return NULL;

  vips_image_remove (out, VIPS_META_ICC_NAME);

  return out;
}

/* Any photo Resell reads → 8-bit sRGB, 3 bands.  Lazy: nothing is decoded
 * until the result is computed. */
static VipsImage *
to_srgb (VipsImage *in)
{
  g_autoptr(VipsImage) image = g_object_ref (in);
  VipsInterpretation interpretation = vips_image_guess_interpretation (in);
  VipsImage *t;

  /* Transparent parts become white: cut-out product shots are made for a
   * white page.  White is full scale, except in CMYK where it is no ink. */
  if (vips_image_hasalpha (image))
    {
      double max_alpha = is_16bit (image) ? 65535.0 : 255.0;
      double white = interpretation == VIPS_INTERPRETATION_CMYK ? 0.0 : max_alpha;
      double background[4] = { white, white, white, white };
      g_autoptr(VipsArrayDouble) array =
        vips_array_double_new (background, MIN (4, vips_image_get_bands (image) - 1));

      if (vips_flatten (image, &t, "background", array, "max_alpha", max_alpha, NULL) != 0)
        return NULL;
      g_object_unref (image);
      image = t;
    }

  /* An embedded profile says what the numbers mean (Adobe RGB, Display P3,
   * a printer's CMYK…); converting keeps the colours a buyer sees right
   * once the profile is gone.  A broken profile is ignored, not fatal. */
  if (vips_image_get_typeof (image, VIPS_META_ICC_NAME) != 0 && vips_icc_present ())
    {
      if (vips_icc_transform (image, &t, "srgb",
                              "embedded", TRUE,
                              "intent", VIPS_INTENT_RELATIVE,
                              "depth", 8,
                              NULL) == 0)
        {
          g_object_unref (image);
          image = t;
        }
      else
        {
          g_debug ("Ignoring an unusable ICC profile: %s", vips_error_buffer ());
          vips_error_clear ();

          if (!(t = drop_icc_profile (image)))
            return NULL;
          g_object_unref (image);
          image = t;
        }
    }

  /* No profile (or it was unusable): the interpretation says the rest.
   * Does CMYK through libvips' built-in profile, 16-bit by scaling, grey
   * by copying the band. */
  if (vips_image_get_interpretation (image) != VIPS_INTERPRETATION_sRGB ||
      vips_image_get_format (image) != VIPS_FORMAT_UCHAR)
    {
      if (vips_colourspace (image, &t, VIPS_INTERPRETATION_sRGB, NULL) != 0)
        return NULL;
      g_object_unref (image);
      image = t;
    }

  if (vips_image_get_bands (image) > 3)
    {
      if (vips_extract_band (image, &t, 0, "n", 3, NULL) != 0)
        return NULL;
      g_object_unref (image);
      image = t;
    }
  else if (vips_image_get_bands (image) < 3)
    {
      VipsImage *grey[3] = { image, image, image };

      if (vips_bandjoin (grey, &t, 3, NULL) != 0)
        return NULL;
      g_object_unref (image);
      image = t;
    }

  if (vips_image_get_format (image) != VIPS_FORMAT_UCHAR)
    {
      VipsImage *scaled;

      /* 16-bit that colourspace left alone: scale, never clip. */
      if (is_16bit (image))
        {
          if (vips_linear1 (image, &scaled, 1.0 / 257.0, 0.0, NULL) != 0)
            return NULL;
        }
      else
        {
          scaled = g_object_ref (image);
        }

      if (vips_cast (scaled, &t, VIPS_FORMAT_UCHAR, NULL) != 0)
        {
          g_object_unref (scaled);
          return NULL;
        }
      g_object_unref (scaled);
      g_object_unref (image);
      image = t;
    }

  if (vips_copy (image, &t, "interpretation", VIPS_INTERPRETATION_sRGB, NULL) != 0)
    return NULL;

  return t;
}

static VipsAngle
angle_for (int degrees)
{
  switch (degrees)
    {
    case 90:
      return VIPS_ANGLE_D90;
    case 180:
      return VIPS_ANGLE_D180;
    case 270:
      return VIPS_ANGLE_D270;
    default:
      return VIPS_ANGLE_D0;
    }
}

/* Where a point of the picture as shown (after EXIF @orientation) lies in
 * the picture as stored (@width × @height); continuous coordinates, so
 * the corners of a box map to the corners of a box. */
static void
shown_to_stored (int     orientation,
                 double  width,
                 double  height,
                 double  x,
                 double  y,
                 double *out_x,
                 double *out_y)
{
  switch (orientation)
    {
    case 2: /* mirrored left-right */
      *out_x = width - x;
      *out_y = y;
      break;
    case 3: /* upside down */
      *out_x = width - x;
      *out_y = height - y;
      break;
    case 4: /* mirrored top-bottom */
      *out_x = x;
      *out_y = height - y;
      break;
    case 5: /* transposed */
      *out_x = y;
      *out_y = x;
      break;
    case 6: /* stored a quarter turn anticlockwise: shown turned clockwise */
      *out_x = y;
      *out_y = height - x;
      break;
    case 7: /* transversed */
      *out_x = width - y;
      *out_y = height - x;
      break;
    case 8: /* stored a quarter turn clockwise */
      *out_x = width - y;
      *out_y = x;
      break;
    default:
      *out_x = x;
      *out_y = y;
      break;
    }
}

/* Quarter turns clockwise are orientations too: 90° is what EXIF 6
 * undoes, 180° is 3, 270° is 8. */
static int
orientation_for_rotate (int rotate)
{
  switch (rotate)
    {
    case 90:
      return 6;
    case 180:
      return 3;
    case 270:
      return 8;
    default:
      return 1;
    }
}

static void
box_map (const Box *box,
         int        orientation,
         double     width,
         double     height,
         Box       *out)
{
  double x0, y0, x1, y1;

  shown_to_stored (orientation, width, height, box->x, box->y, &x0, &y0);
  shown_to_stored (orientation, width, height, box->x + box->width, box->y + box->height, &x1, &y1);

  out->x = MIN (x0, x1);
  out->y = MIN (y0, y1);
  out->width = ABS (x1 - x0);
  out->height = ABS (y1 - y0);
}

/* Integer pixels covering @box, inside @width × @height, at least 1×1. */
static void
box_to_pixels (const Box *box,
               int        width,
               int        height,
               int       *left,
               int       *top,
               int       *w,
               int       *h)
{
  int x0 = CLAMP (ifloor (box->x), 0, width - 1);
  int y0 = CLAMP (ifloor (box->y), 0, height - 1);
  int x1 = CLAMP (iceil (box->x + box->width), x0 + 1, width);
  int y1 = CLAMP (iceil (box->y + box->height), y0 + 1, height);

  *left = x0;
  *top = y0;
  *w = x1 - x0;
  *h = y1 - y0;
}

/* ------------------------------------------------------------------------
 * The original
 * ------------------------------------------------------------------------ */

typedef struct
{
  const char *path;
  char       *display;
  const char *loader;
  gboolean    is_jpeg;
  int         width;        /* as stored */
  int         height;
  int         orientation;  /* EXIF, 1..8 */
} Original;

static void
original_clear (Original *orig)
{
  g_clear_pointer (&orig->display, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Original, original_clear)

static VipsImage *
load_from_file (const char *path,
                int         shrink)
{
  g_autoptr(VipsSource) source = vips_source_new_from_file (path);

  if (source == NULL)
    return NULL;

  /* fail_on=ERROR: truncated or corrupt data stops the decode (the
   * probe's rule); harmless quirks that only warn do not. */
  if (shrink > 1)
    return vips_image_new_from_source (source, "",
                                       "access", VIPS_ACCESS_SEQUENTIAL,
                                       "fail_on", VIPS_FAIL_ON_ERROR,
                                       "shrink", shrink,
                                       NULL);

  return vips_image_new_from_source (source, "",
                                     "access", VIPS_ACCESS_SEQUENTIAL,
                                     "fail_on", VIPS_FAIL_ON_ERROR,
                                     NULL);
}

/* Reads the header only: the pixel count is checked before anything is
 * decoded, so a file claiming 60,000 × 60,000 pixels costs nothing. */
static gboolean
original_open (Original    *orig,
               const char  *path,
               double       max_megapixels,
               GError     **error)
{
  g_autoptr(VipsSource) source = NULL;
  g_autoptr(VipsImage) header = NULL;
  GError *open_error = NULL;
  double megapixels;

  orig->path = path;
  orig->display = g_filename_display_basename (path);

  if (!(source = resell_image_open (path, &orig->loader, &open_error)))
    {
      propagate_open_error (error, open_error);
      return FALSE;
    }

  orig->is_jpeg = g_str_has_prefix (orig->loader, "VipsForeignLoadJpeg");

  header = vips_image_new_from_source (source, "",
                                       "access", VIPS_ACCESS_SEQUENTIAL,
                                       "fail_on", VIPS_FAIL_ON_ERROR,
                                       NULL);
  if (header == NULL)
    {
      set_damaged (error, "Could not read the header of", path, orig->display);
      return FALSE;
    }

  orig->width = vips_image_get_width (header);
  orig->height = vips_image_get_height (header);
  orig->orientation = vips_image_get_orientation (header);

  megapixels = (double)orig->width * (double)orig->height / 1e6;
  if (megapixels > max_megapixels)
    {
      g_set_error (error, RESELL_LISTING_ERROR, RESELL_LISTING_ERROR_TOO_LARGE,
                   _("“%s” is too large (%.0f megapixels; the limit is %.0f)."),
                   orig->display, megapixels, max_megapixels);
      return FALSE;
    }

  return TRUE;
}

static gboolean
original_swaps (const Original *orig)
{
  return orig->orientation >= 5;
}

/* Width and height as shown, after the EXIF orientation and @rotate. */
static void
original_shown_size (const Original *orig,
                     int             rotate,
                     int            *width,
                     int            *height)
{
  gboolean swap = original_swaps (orig) != (rotate == 90 || rotate == 270);

  *width = swap ? orig->height : orig->width;
  *height = swap ? orig->width : orig->height;
}

/* Decodes the part of the original that @box covers (NULL: all of it;
 * else in the stored picture's coordinates, at full resolution) at
 * 1/@shrink scale, in 8-bit sRGB, into memory; turned by its EXIF
 * orientation when @upright.  Only JPEG shrinks while decoding; for the
 * others @shrink must be 1. */
static VipsImage *
original_decode (const Original  *orig,
                 const Box       *box,
                 int              shrink,
                 gboolean         upright,
                 gboolean         in_memory,
                 GCancellable    *cancellable,
                 GError         **error)
{
  g_autoptr(VipsImage) loaded = NULL;
  g_autoptr(VipsImage) region = NULL;
  g_autoptr(VipsImage) srgb = NULL;
  g_autoptr(VipsImage) memory = NULL;
  VipsImage *out;

  if (!(loaded = load_from_file (orig->path, shrink)))
    {
      set_damaged (error, "Could not open", orig->path, orig->display);
      return NULL;
    }

  region = g_object_ref (loaded);

  /* Cropping before anything is decoded keeps memory to the region: the
   * rows above it are decoded and dropped on the way. */
  if (box != NULL)
    {
      int width = vips_image_get_width (loaded);
      int height = vips_image_get_height (loaded);
      int left, top, w, h;
      Box scaled = {
        box->x * width / orig->width,
        box->y * height / orig->height,
        box->width * width / orig->width,
        box->height * height / orig->height,
      };

      box_to_pixels (&scaled, width, height, &left, &top, &w, &h);

      g_clear_object (&region);
      if (vips_crop (loaded, &region, left, top, w, h, NULL) != 0)
        {
          set_failed (error, "Could not crop", orig->path, orig->display);
          return NULL;
        }
    }

  if (!(srgb = to_srgb (region)))
    {
      set_damaged (error, "Could not convert to sRGB", orig->path, orig->display);
      return NULL;
    }

  /* Nothing to look at before resizing: the picture streams from the
   * decoder into the resize, never whole in memory. */
  if (!in_memory)
    return g_steal_pointer (&srgb);

  /* The decode happens here: everything after needs random access, which
   * a JPEG decoded as it streams cannot give. */
  if (!(memory = compute_to_memory (srgb, cancellable)))
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          vips_error_clear ();
          return NULL;
        }
      set_damaged (error, "Could not decode", orig->path, orig->display);
      return NULL;
    }

  if (!upright)
    return g_steal_pointer (&memory);

  if (vips_autorot (memory, &out, NULL) != 0)
    {
      set_failed (error, "Could not orient", orig->path, orig->display);
      return NULL;
    }

  return out;
}

/* Turns a picture made in the stored frame the way it is shown: by the
 * original's EXIF orientation, then the seller's quarter turns.  Done on
 * the listing image, not the original: turning 1600 × 1600 pixels costs
 * a tenth of turning 3000 × 2000, and reading a turned picture while
 * resizing it costs even more. */
static VipsImage *
turn_as_shown (VipsImage *in,
               int        orientation,
               int        rotate)
{
  g_autoptr(VipsImage) tagged = NULL;
  g_autoptr(VipsImage) upright = NULL;
  VipsImage *out;

  if (vips_copy (in, &tagged, NULL) != 0)
    return NULL;

  vips_image_set_int (tagged, VIPS_META_ORIENTATION, orientation);

  if (vips_autorot (tagged, &upright, NULL) != 0)
    return NULL;

  if (rotate == 0)
    return g_steal_pointer (&upright);

  if (vips_rot (upright, &out, angle_for (rotate), NULL) != 0)
    return NULL;

  return out;
}

/* EXIF orientations 2, 4, 5 and 7 mirror the picture. */
static gboolean
orientation_mirrors (int orientation)
{
  return orientation == 2 || orientation == 4 || orientation == 5 || orientation == 7;
}

/* A box in the picture as shown (after the EXIF @orientation and @rotate)
 * → the same box in the picture as stored, @width × @height. */
static void
shown_box_to_stored (const Box *shown,
                     int        orientation,
                     int        rotate,
                     double     width,
                     double     height,
                     Box       *stored)
{
  gboolean swaps = orientation >= 5;
  Box oriented;

  box_map (shown, orientation_for_rotate (rotate),
           swaps ? height : width, swaps ? width : height, &oriented);
  box_map (&oriented, orientation, width, height, stored);
}

/* The largest JPEG shrink (8, 4, 2) that still decodes @needed pixels
 * along a side whose full length is @full. */
static int
choose_shrink (const Original *orig,
               double          full,
               double          needed)
{
  static const int shrinks[] = { 8, 4, 2 };

  if (!orig->is_jpeg)
    return 1;

  for (guint i = 0; i < G_N_ELEMENTS (shrinks); i++)
    {
      if (full / shrinks[i] >= needed)
        return shrinks[i];
    }

  return 1;
}

/* ------------------------------------------------------------------------
 * Geometry
 * ------------------------------------------------------------------------ */

static VipsImage *
straighten (VipsImage    *in,
            double        degrees,
            const double  backdrop[3])
{
  g_autoptr(VipsImage) turned = NULL;
  g_autoptr(VipsArrayDouble) background = vips_array_double_new (backdrop, 3);
  double keep_width, keep_height;
  int w, h;
  VipsImage *out;

  /* Positive is clockwise for vips_rotate() as for the seller. */
  if (vips_rotate (in, &turned, degrees, "background", background, NULL) != 0)
    return NULL;

  resell_photo_edits_straightened_size (vips_image_get_width (in), vips_image_get_height (in), degrees,
                     &keep_width, &keep_height);

  /* One pixel less on each side: the edge pixels are blended with the
   * background by the interpolator. */
  w = MAX (1, ifloor (keep_width) - 2);
  h = MAX (1, ifloor (keep_height) - 2);
  w = MIN (w, vips_image_get_width (turned));
  h = MIN (h, vips_image_get_height (turned));

  if (vips_crop (turned, &out,
                 (vips_image_get_width (turned) - w) / 2,
                 (vips_image_get_height (turned) - h) / 2,
                 w, h, NULL) != 0)
    return NULL;

  return out;
}

/* ------------------------------------------------------------------------
 * Analysis: the backdrop and the product
 * ------------------------------------------------------------------------ */

typedef struct
{
  double median[3];
  double white[3];   /* the level lifted to 255 by whitening */
  double luma;       /* of the median, 0..255 */
  gboolean plain;    /* one even colour all round */
} Backdrop;

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
static void
measure_backdrop (VipsImage *image,
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

static VipsImage *
make_analysis_copy (VipsImage    *in,
                    GCancellable *cancellable)
{
  g_autoptr(VipsImage) small = NULL;
  int long_edge = MAX (vips_image_get_width (in), vips_image_get_height (in));
  int factor = long_edge / ANALYSIS_LONG_EDGE;

  if (factor <= 1)
    return compute_to_memory (in, cancellable);

  /* A triangle filter as wide as the step: noise goes, a thin strap or
   * chain still shows (a point sample could miss it).  In libvips 8.14
   * this costs about 14 ms for 3000 × 2000 against 24 ms for the box
   * average of vips_shrink(). */
  if (vips_reduce (in, &small, factor, factor, "kernel", VIPS_KERNEL_LINEAR, NULL) != 0)
    return NULL;

  return compute_to_memory (small, cancellable);
}

/* The product's box as fractions of @small, or FALSE when the trim finds
 * nothing sensible (keep the whole picture). */
static gboolean
find_product (VipsImage      *small,
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
static VipsImage *
make_whitening_lut (const Backdrop *backdrop)
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
static VipsImage *
sharpen (VipsImage *in)
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

/* ------------------------------------------------------------------------
 * Metadata, JPEG and WebP
 * ------------------------------------------------------------------------ */

/* One line of printable UTF-8, at most MAX_COPYRIGHT_BYTES; NULL when
 * nothing is left. */
static char *
sanitize_copyright (const char *copyright)
{
  g_autofree char *valid = NULL;
  GString *text;
  const char *p;

  if (copyright == NULL)
    return NULL;

  valid = g_utf8_make_valid (copyright, -1);
  text = g_string_new (NULL);

  for (p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      char buf[6];
      int len;

      if (g_unichar_iscntrl (c) || c == 0xfeff)
        c = ' ';

      len = g_unichar_to_utf8 (c, buf);
      if (text->len + len > MAX_COPYRIGHT_BYTES)
        break;
      g_string_append_len (text, buf, len);
    }

  g_strstrip (text->str);
  text->len = strlen (text->str);

  if (text->len == 0)
    {
      g_string_free (text, TRUE);
      return NULL;
    }

  return g_string_free (text, FALSE);
}

static ExifEntry *
add_entry (ExifData  *ed,
           ExifMem   *mem,
           ExifIfd    ifd,
           ExifTag    tag)
{
  ExifEntry *entry = exif_entry_new_mem (mem);

  entry->tag = tag;
  exif_content_add_entry (ed->ifd[ifd], entry);
  exif_entry_unref (entry);

  return entry;
}

/* The whole EXIF block a listing image carries: Orientation 1 (the pixels
 * are upright), ColorSpace sRGB, and the copyright line.  Built with
 * libexif; returns the APP1 payload ("Exif\0\0…"), free with free(). */
static gboolean
build_exif (const char     *copyright,
            unsigned char **out_data,
            unsigned int   *out_len)
{
  ExifMem *mem = exif_mem_new_default ();
  ExifData *ed = exif_data_new_mem (mem);
  ExifByteOrder order = EXIF_BYTE_ORDER_INTEL;
  ExifEntry *entry;
  gsize len = strlen (copyright) + 1;

  /* No "fixing": libexif would add a DateTime of now and more. */
  exif_data_unset_option (ed, EXIF_DATA_OPTION_FOLLOW_SPECIFICATION);
  exif_data_set_byte_order (ed, order);
  exif_data_set_data_type (ed, EXIF_DATA_TYPE_COMPRESSED);

  entry = add_entry (ed, mem, EXIF_IFD_0, EXIF_TAG_ORIENTATION);
  exif_entry_initialize (entry, EXIF_TAG_ORIENTATION);
  exif_set_short (entry->data, order, 1);

  entry = add_entry (ed, mem, EXIF_IFD_EXIF, EXIF_TAG_COLOR_SPACE);
  exif_entry_initialize (entry, EXIF_TAG_COLOR_SPACE);
  exif_set_short (entry->data, order, 1);

  /* Copyright is ASCII in EXIF 2.3; like exiftool and most tools, we
   * store UTF-8 so "©" and names with accents survive. */
  entry = add_entry (ed, mem, EXIF_IFD_0, EXIF_TAG_COPYRIGHT);
  entry->format = EXIF_FORMAT_ASCII;
  entry->components = len;
  entry->size = len;
  entry->data = exif_mem_alloc (mem, len);
  if (entry->data != NULL)
    memcpy (entry->data, copyright, len);

  *out_data = NULL;
  *out_len = 0;
  exif_data_save_data (ed, out_data, out_len);

  exif_data_unref (ed);
  exif_mem_unref (mem);

  return *out_data != NULL && *out_len > 0;
}

/* A copy of @in that carries no metadata but what the policy keeps.
 * Every field libvips read from the original goes: EXIF (GPS, serial
 * numbers, owner, maker notes, the thumbnail), XMP, IPTC, Photoshop
 * blocks, ICC profile (the pixels are sRGB now, and a JPEG or WebP
 * without a profile is read as sRGB), comments.  With a copyright line, a
 * fresh EXIF block from libexif is attached; libvips then re-reads it and adds
 * only the fields EXIF requires (resolution, EXIF version, pixel size,
 * orientation from our "orientation" 1), keeping our Copyright and
 * ColorSpace.  *@strip says whether the save may drop everything. */
static VipsImage *
clean_copy (VipsImage  *in,
            const char *copyright,
            gboolean   *strip)
{
  g_auto(GStrv) fields = NULL;
  VipsImage *out;
  unsigned char *exif = NULL;
  unsigned int exif_len = 0;

  if (vips_copy (in, &out, NULL) != 0)
    return NULL;

  fields = vips_image_get_fields (out);
  for (guint i = 0; fields != NULL && fields[i] != NULL; i++)
    vips_image_remove (out, fields[i]);

  *strip = TRUE;

  if (copyright != NULL && build_exif (copyright, &exif, &exif_len))
    {
      vips_image_set_blob_copy (out, VIPS_META_EXIF_NAME, exif, exif_len);
      vips_image_set_int (out, VIPS_META_ORIENTATION, 1);
      *strip = FALSE;
    }

  free (exif);

  return out;
}

static int
save_jpeg (VipsImage *image,
           gboolean   strip,
           int        quality,
           void     **buf,
           size_t    *len)
{
  return vips_jpegsave_buffer (image, buf, len,
                               "Q", quality,
                               "optimize_coding", TRUE,
                               "interlace", FALSE,
                               "strip", strip,
                               NULL);
}

#ifdef HAVE_WEBPMUX
/* libvips 8.14 writes its own EXIF block into a WebP whatever "strip"
 * says, and keeps the "Exif\0\0" header of the JPEG form in it, which the
 * WebP container does not have (exiftool warns, stricter readers lose the
 * copyright line).  So the metadata chunks are set through libwebpmux
 * after the encode: none at all, or with a copyright line the EXIF block
 * clean_copy() made, as bare TIFF data. */
static int
save_webp (VipsImage *image,
           gboolean   strip,
           int        quality,
           void     **buf,
           size_t    *len)
{
  static const char * const dropped[] = { "EXIF", "XMP ", "ICCP" };
  static const guint8 exif_header[6] = { 'E', 'x', 'i', 'f', 0, 0 };
  void *encoded = NULL;
  size_t encoded_len = 0;
  WebPData data = { 0 };
  WebPData assembled = { 0 };
  WebPMux *mux;
  WebPMuxError status = WEBP_MUX_OK;

  if (vips_webpsave_buffer (image, &encoded, &encoded_len,
                            "Q", quality,
                            "effort", WEBP_EFFORT,
                            "strip", TRUE,
                            NULL) != 0)
    return -1;

  data.bytes = encoded;
  data.size = encoded_len;
  mux = WebPMuxCreate (&data, 1);
  g_free (encoded);
  if (mux == NULL)
    {
      vips_error ("resell", "%s", "libwebpmux could not read the encoded image");
      return -1;
    }

  for (guint i = 0; i < G_N_ELEMENTS (dropped) && status == WEBP_MUX_OK; i++)
    {
      status = WebPMuxDeleteChunk (mux, dropped[i]);
      if (status == WEBP_MUX_NOT_FOUND)
        status = WEBP_MUX_OK;
    }

  if (status == WEBP_MUX_OK && !strip && vips_image_get_typeof (image, VIPS_META_EXIF_NAME))
    {
      const void *exif = NULL;
      size_t exif_len = 0;

      if (vips_image_get_blob (image, VIPS_META_EXIF_NAME, &exif, &exif_len) == 0)
        {
          WebPData chunk = { exif, exif_len };

          if (exif_len > sizeof exif_header && memcmp (exif, exif_header, sizeof exif_header) == 0)
            {
              chunk.bytes += sizeof exif_header;
              chunk.size -= sizeof exif_header;
            }
          status = WebPMuxSetChunk (mux, "EXIF", &chunk, 1);
        }
    }

  /* With no metadata left this is the simple format cwebp writes. */
  if (status == WEBP_MUX_OK)
    status = WebPMuxAssemble (mux, &assembled);
  WebPMuxDelete (mux);

  if (status != WEBP_MUX_OK)
    {
      WebPDataClear (&assembled);
      vips_error ("resell", "libwebpmux could not write the metadata (error %d)", (int)status);
      return -1;
    }

  *buf = g_memdup2 (assembled.bytes, assembled.size);
  *len = assembled.size;
  WebPDataClear (&assembled);

  return 0;
}
#else
static int
save_webp (VipsImage *image,
           gboolean   strip,
           int        quality,
           void     **buf,
           size_t    *len)
{
  vips_error ("resell", "%s", "built without libwebpmux");
  return -1;
}
#endif

/* libvips may be built without libwebp (a distribution's minimal build, a
 * Flatpak module with fewer options), and Resell without libwebpmux. */
static gboolean
can_save_webp (void)
{
#ifdef HAVE_WEBPMUX
  return vips_type_find ("VipsOperation", "webpsave_buffer") != 0;
#else
  return FALSE;
#endif
}

/* Saves as @format at @quality, then 4 lower each time while the file is
 * above @max_bytes (0: no cap), down to @min_quality; the last try is kept
 * even if still too big (it is the smallest). */
static GBytes *
encode (VipsImage            *image,
        ResellListingFormat   format,
        const char           *copyright,
        int                   quality,
        int                   min_quality,
        gint64                max_bytes,
        int                  *out_quality,
        GCancellable         *cancellable,
        GError              **error)
{
  g_autoptr(VipsImage) clean = NULL;
  gboolean strip = TRUE;
  void *buf = NULL;
  size_t len = 0;
  int q = quality;

  if (!(clean = clean_copy (image, copyright, &strip)))
    return NULL;

  for (;;)
    {
      int status;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          g_free (buf);
          return NULL;
        }

      g_free (buf);
      buf = NULL;

      if (format == RESELL_LISTING_FORMAT_WEBP)
        status = save_webp (clean, strip, q, &buf, &len);
      else
        status = save_jpeg (clean, strip, q, &buf, &len);
      if (status != 0)
        return NULL;

      if (max_bytes <= 0 || (gint64)len <= max_bytes || q <= min_quality)
        break;

      q = MAX (min_quality, q - QUALITY_STEP);
    }

  if (out_quality != NULL)
    *out_quality = q;

  return g_bytes_new_take (buf, len);
}

/* ------------------------------------------------------------------------
 * Listing images
 * ------------------------------------------------------------------------ */

typedef struct
{
  /* In the coordinates of the picture it is computed on. */
  Box    source;        /* what of the picture shows, inside it */
  double canvas_width;  /* the frame around it */
  double canvas_height;
  double offset_x;      /* where source sits in the frame */
  double offset_y;
} Layout;

/* Frames @product (fractions of a @width × @height picture; NULL: the
 * whole picture) for @profile: with the margin around a found product,
 * square when asked, centred on the product.  What of the frame the
 * picture covers comes from the picture (the real backdrop); the rest is
 * filled with the backdrop colour. */
static void
compute_layout (ResellListingProfile *profile,
                double                width,
                double                height,
                const Box            *product,
                Layout               *out)
{
  double margin = resell_listing_profile_get_margin (profile);
  gboolean square = resell_listing_profile_get_square (profile);
  double cx, cy, cw, ch, left, top, right, bottom;

  if (product != NULL)
    {
      double pw = product->width * width;
      double ph = product->height * height;
      double frame = MAX (pw, ph) / (1.0 - 2.0 * margin);

      cx = (product->x + product->width / 2.0) * width;
      cy = (product->y + product->height / 2.0) * height;
      cw = square ? frame : pw + 2.0 * margin * frame;
      ch = square ? frame : ph + 2.0 * margin * frame;
    }
  else
    {
      cx = width / 2.0;
      cy = height / 2.0;
      cw = square ? MAX (width, height) : width;
      ch = square ? MAX (width, height) : height;
    }

  left = MAX (0.0, cx - cw / 2.0);
  top = MAX (0.0, cy - ch / 2.0);
  right = MIN (width, cx + cw / 2.0);
  bottom = MIN (height, cy + ch / 2.0);

  out->source.x = left;
  out->source.y = top;
  out->source.width = MAX (1.0, right - left);
  out->source.height = MAX (1.0, bottom - top);
  out->canvas_width = cw;
  out->canvas_height = ch;
  out->offset_x = left - (cx - cw / 2.0);
  out->offset_y = top - (cy - ch / 2.0);
}

static void
layout_scale (Layout *layout,
              double  sx,
              double  sy)
{
  layout->source.x *= sx;
  layout->source.y *= sy;
  layout->source.width *= sx;
  layout->source.height *= sy;
  layout->canvas_width *= sx;
  layout->canvas_height *= sy;
  layout->offset_x *= sx;
  layout->offset_y *= sy;
}

/* Cuts the layout's source out of @picture, resizes it by @scale,
 * sharpens, whitens and places it on an @out_width × @out_height canvas. */
static VipsImage *
assemble (VipsImage      *picture,
          const Layout   *layout,
          double          scale,
          int             out_width,
          int             out_height,
          const Backdrop *backdrop,
          gboolean        whiten)
{
  g_autoptr(VipsImage) cut = NULL;
  g_autoptr(VipsImage) lut = NULL;
  g_autoptr(VipsImage) resized = NULL;
  g_autoptr(VipsImage) sharpened = NULL;
  g_autoptr(VipsArrayDouble) fill = NULL;
  double white[3] = { 255.0, 255.0, 255.0 };
  gboolean tone_first;
  int left, top, w, h, rw, rh, x, y;
  VipsImage *out;

  box_to_pixels (&layout->source, vips_image_get_width (picture), vips_image_get_height (picture),
                 &left, &top, &w, &h);

  if (left == 0 && top == 0 &&
      w == vips_image_get_width (picture) && h == vips_image_get_height (picture))
    cut = g_object_ref (picture);
  else if (vips_crop (picture, &cut, left, top, w, h, NULL) != 0)
    return NULL;

  rw = CLAMP (iround (w * scale), 1, out_width);
  rh = CLAMP (iround (h * scale), 1, out_height);

  /* The tone curve is per pixel: on whichever side of the resize has
   * fewer of them. */
  tone_first = (double)w * h < (double)rw * rh;

  if (whiten)
    {
      if (!(lut = make_whitening_lut (backdrop)))
        return NULL;

      if (tone_first)
        {
          g_autoptr(VipsImage) toned = NULL;

          if (vips_maplut (cut, &toned, lut, NULL) != 0)
            return NULL;
          g_set_object (&cut, toned);
        }
    }

  if (rw == w && rh == h)
    {
      resized = g_object_ref (cut);
    }
  else
    {
      g_autoptr(VipsImage) exact = NULL;

      /* Lanczos 2 to reduce: as sharp as Lanczos 3 once the 3 × 3
       * sharpening has run, less ringing, a quarter cheaper (55 ms
       * against 75 for 3000 × 2000 → 1600 on one core).  Enlarging (at
       * most by MAX_UPSCALE, see the caller) is bilinear: libvips would
       * use bicubic, a third slower for no visible gain at that scale. */
      if (vips_resize (cut, &exact, (double)rw / w,
                       "vscale", (double)rh / h,
                       "kernel", scale > 1.0 ? VIPS_KERNEL_LINEAR : VIPS_KERNEL_LANCZOS2,
                       NULL) != 0)
        return NULL;

      /* vips_resize() rounds on its own; never a pixel more than asked. */
      rw = MIN (rw, vips_image_get_width (exact));
      rh = MIN (rh, vips_image_get_height (exact));
      if (vips_crop (exact, &resized, 0, 0, rw, rh, NULL) != 0)
        return NULL;
    }

  if (!(sharpened = sharpen (resized)))
    return NULL;

  if (whiten && !tone_first)
    {
      g_autoptr(VipsImage) toned = NULL;

      if (vips_maplut (sharpened, &toned, lut, NULL) != 0)
        return NULL;
      g_set_object (&sharpened, toned);
    }

  if (rw == out_width && rh == out_height)
    return g_steal_pointer (&sharpened);

  /* Whitening maps the backdrop colour itself to white. */
  fill = vips_array_double_new (whiten ? white : backdrop->median, 3);
  x = CLAMP (iround (layout->offset_x * scale), 0, out_width - rw);
  y = CLAMP (iround (layout->offset_y * scale), 0, out_height - rh);

  if (vips_embed (sharpened, &out, x, y, out_width, out_height,
                  "extend", VIPS_EXTEND_BACKGROUND,
                  "background", fill,
                  NULL) != 0)
    return NULL;

  return out;
}

char *
resell_listing_recipe_key (const char             *original_sha256,
                           const ResellPhotoEdits *edits,
                           ResellListingProfile   *profile,
                           const char             *copyright)
{
  g_autoptr(ResellPhotoEdits) defaults = NULL;
  g_autofree char *edits_json = NULL;
  g_autofree char *clean_copyright = NULL;
  g_autofree char *canonical = NULL;

  g_return_val_if_fail (original_sha256 != NULL, NULL);
  g_return_val_if_fail (RESELL_IS_LISTING_PROFILE (profile), NULL);

  if (edits == NULL)
    edits = defaults = resell_photo_edits_new ();

  edits_json = resell_photo_edits_to_json (edits);
  /* What is written, not what was typed: two lines that end up the same
   * share one cached image. */
  clean_copyright = sanitize_copyright (copyright);

  /* The copyright comes last, so a "|" in it cannot shift the others. */
  canonical = g_strdup_printf ("%s|%s|%s|%s|%s",
                               RENDERER_VERSION,
                               original_sha256,
                               edits_json,
                               resell_listing_profile_get_digest (profile),
                               clean_copyright ? clean_copyright : "");

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, canonical, -1);
}

typedef struct
{
  VipsImage *picture;      /* decoded and edited, in the stored frame */
  int        base_width;   /* decoded, before straightening and cropping */
  int        base_height;
  int        crop_left;    /* where the crop starts in the decoded picture */
  int        crop_top;
} Edited;

static void
edited_clear (Edited *edited)
{
  g_clear_object (&edited->picture);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Edited, edited_clear)

/* Decodes at 1/@shrink scale and applies the seller's straightening and
 * crop — in the stored frame: the quarter turns come at the very end.
 * Without @in_memory (only with no straightening and no crop) the picture
 * is left to stream from the decoder. */
static gboolean
decode_edited (const Original          *orig,
               const ResellPhotoEdits  *edits,
               int                      shrink,
               gboolean                 in_memory,
               Backdrop                *backdrop,
               gboolean                *measured,
               Edited                  *out,
               GCancellable            *cancellable,
               GError                 **error)
{
  g_autoptr(VipsImage) picture = NULL;

  if (!(picture = original_decode (orig, NULL, shrink, FALSE, in_memory, cancellable, error)))
    return FALSE;

  out->base_width = vips_image_get_width (picture);
  out->base_height = vips_image_get_height (picture);
  out->crop_left = 0;
  out->crop_top = 0;

  if (edits->straighten != 0.0)
    {
      g_autoptr(VipsImage) straight = NULL;
      /* Turning commutes with the quarter turns; a mirror reverses it. */
      double degrees = orientation_mirrors (orig->orientation) ? -edits->straighten
                                                               : edits->straighten;

      /* The corners that turning uncovers are filled with the backdrop,
       * measured first if this is the first pass. */
      if (!*measured)
        {
          g_autoptr(VipsImage) small = make_analysis_copy (picture, cancellable);

          if (small == NULL)
            goto failed;

          measure_backdrop (small, backdrop);
          *measured = TRUE;
        }

      if (!(straight = straighten (picture, degrees, backdrop->median)))
        goto failed;

      g_set_object (&picture, straight);
    }

  if (edits->has_crop)
    {
      g_autoptr(VipsImage) cropped = NULL;
      int width = vips_image_get_width (picture);
      int height = vips_image_get_height (picture);
      gboolean swaps = (orig->orientation >= 5) != (edits->rotate == 90 || edits->rotate == 270);
      double shown_width = swaps ? height : width;
      double shown_height = swaps ? width : height;
      Box shown = {
        edits->crop_x * shown_width,
        edits->crop_y * shown_height,
        edits->crop_width * shown_width,
        edits->crop_height * shown_height,
      };
      Box stored;
      int left, top, w, h;

      shown_box_to_stored (&shown, orig->orientation, edits->rotate, width, height, &stored);
      box_to_pixels (&stored, width, height, &left, &top, &w, &h);

      if (vips_crop (picture, &cropped, left, top, w, h, NULL) != 0)
        goto failed;

      out->crop_left = left;
      out->crop_top = top;
      g_set_object (&picture, cropped);
    }

  out->picture = g_steal_pointer (&picture);

  return TRUE;

failed:
  if (!g_cancellable_set_error_if_cancelled (cancellable, error))
    set_failed (error, "Could not apply the edits to", orig->path, orig->display);
  else
    vips_error_clear ();
  return FALSE;
}

GBytes *
resell_listing_render (const char             *original_path,
                       const ResellPhotoEdits *edits,
                       ResellListingProfile   *profile,
                       const char             *copyright,
                       ResellListingInfo      *out_info,
                       GCancellable           *cancellable,
                       GError                **error)
{
  g_auto(Original) orig = { 0 };
  g_autoptr(ResellPhotoEdits) defaults = NULL;
  g_autoptr(VipsImage) picture = NULL;
  g_autoptr(VipsImage) small = NULL;
  g_autoptr(VipsImage) assembled = NULL;
  g_autoptr(VipsImage) final = NULL;
  g_auto(Edited) edited = { 0 };
  g_autoptr(GError) edit_error = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *clean_copyright = NULL;
  g_autoptr(GBytes) bytes = NULL;
  Backdrop backdrop = { { 0 } };
  gboolean measured = FALSE;
  gboolean analyse;
  gboolean has_product = FALSE;
  gboolean whiten;
  Box product = { 0 };
  Layout layout;
  ResellListingInfo info = { 0 };
  int shown_width, shown_height;
  int long_edge, min_long_edge, shrink, out_width, out_height;
  double region_long, straight_w, straight_h, full_per_px, canvas_long, out_long, scale;
  gint64 start = g_get_monotonic_time ();
  gint64 t_decoded = 0, t_analysed = 0, t_resized = 0;

  g_return_val_if_fail (original_path != NULL, NULL);
  g_return_val_if_fail (RESELL_IS_LISTING_PROFILE (profile), NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!init_core (error))
    return NULL;

  if (edits == NULL)
    edits = defaults = resell_photo_edits_new ();

  if (!resell_photo_edits_validate (edits, &edit_error))
    {
      g_autofree char *display = g_filename_display_basename (original_path);

      g_set_error (error, RESELL_LISTING_ERROR, RESELL_LISTING_ERROR_INVALID_EDIT,
                   _("Could not apply the edits to “%s”: %s"), display, edit_error->message);
      return NULL;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* Before any decoding: every photo of the batch would fail the same way
   * at the very end. */
  if (resell_listing_profile_get_format (profile) == RESELL_LISTING_FORMAT_WEBP &&
      !can_save_webp ())
    {
      g_autofree char *display = g_filename_display_basename (original_path);

      g_set_error (error, RESELL_LISTING_ERROR, RESELL_LISTING_ERROR_FAILED,
                   _("Could not make the listing image of “%s”: this build of Resell cannot write WebP images (its libvips has no WebP support). Choose a profile that makes JPEG images."),
                   display);
      return NULL;
    }

  if (!original_open (&orig, original_path,
                      resell_listing_profile_get_max_megapixels (profile), error))
    return NULL;

  long_edge = resell_listing_profile_get_long_edge (profile);
  min_long_edge = resell_listing_profile_get_min_long_edge (profile);

  if (MAX (orig.width, orig.height) < min_long_edge)
    {
      g_set_error (error, RESELL_LISTING_ERROR, RESELL_LISTING_ERROR_TOO_SMALL,
                   _("“%s” is too small for %s (%d × %d pixels; the longer side needs at least %d)."),
                   orig.display, resell_listing_profile_get_name (profile),
                   orig.width, orig.height, min_long_edge);
      return NULL;
    }

  /* What of the original the seller's edits keep, in its own pixels. */
  original_shown_size (&orig, edits->rotate, &shown_width, &shown_height);
  resell_photo_edits_straightened_size (shown_width, shown_height, edits->straighten, &straight_w, &straight_h);
  if (edits->has_crop)
    {
      straight_w *= edits->crop_width;
      straight_h *= edits->crop_height;

      if (MAX (straight_w, straight_h) < min_long_edge)
        {
          g_set_error (error, RESELL_LISTING_ERROR, RESELL_LISTING_ERROR_TOO_SMALL,
                       _("The crop of “%s” is too small for %s (%.0f × %.0f pixels; the longer side needs at least %d)."),
                       orig.display, resell_listing_profile_get_name (profile),
                       straight_w, straight_h, min_long_edge);
          return NULL;
        }
    }
  region_long = MAX (straight_w, straight_h);

  /* Shrink-on-load: the largest JPEG scale that still decodes the long
   * edge the edits keep at the profile's size or more — 6000 px → 1600
   * decodes at 1/2, 3000 px, about four times less work than in full.
   * A trim found later may ask for a finer decode (below). */
  shrink = choose_shrink (&orig, region_long, long_edge);

  /* Trimming, whitening, straightening, a crop and a square's padding all
   * need the backdrop measured, or the product found, before the resize;
   * with none of them the picture goes straight from the decoder to the
   * resize: less memory, and no copy of 3000 × 2000 pixels. */
  analyse = edits->auto_trim || edits->whiten || edits->straighten != 0.0 || edits->has_crop ||
            resell_listing_profile_get_square (profile);

  if (!decode_edited (&orig, edits, shrink, analyse, &backdrop, &measured, &edited, cancellable, error))
    return NULL;

  picture = g_object_ref (edited.picture);
  t_decoded = g_get_monotonic_time ();

  /* The backdrop is measured on the decoded picture itself where it is
   * in memory (not straightened or cropped): its noise is the listing
   * image's, which the white level must allow for.  The trim needs the
   * small copy. */
  if (edits->auto_trim || edits->straighten != 0.0 || edits->has_crop)
    {
      if (!(small = make_analysis_copy (picture, cancellable)))
        goto failed;
    }

  if (analyse)
    {
      measure_backdrop (edits->straighten != 0.0 || edits->has_crop ? small : picture, &backdrop);
      measured = TRUE;
    }

  whiten = measured && edits->whiten && backdrop.plain && backdrop.luma >= WHITEN_MIN_BACKDROP;

  if (edits->auto_trim && backdrop.plain)
    has_product = find_product (small, &backdrop, &product);

  g_clear_object (&small);
  t_analysed = g_get_monotonic_time ();

  /* Margins, squares and centring look the same in every orientation,
   * so the layout is made in the stored frame too. */
  compute_layout (profile, vips_image_get_width (picture), vips_image_get_height (picture),
                  has_product ? &product : NULL, &layout);

  /* The output's long edge: the profile's, unless the original holds
   * fewer pixels there (never enlarged past the original), but at least
   * the marketplace's minimum. */
  full_per_px = (double)orig.width / edited.base_width;
  canvas_long = MAX (layout.canvas_width, layout.canvas_height);
  out_long = MIN ((double)long_edge, canvas_long * full_per_px);
  out_long = MAX (out_long, MIN ((double)min_long_edge, (double)long_edge));
  scale = out_long / canvas_long;

  /* A small product in a photo decoded at a reduced scale: decode again,
   * finer, just the part the listing image shows. */
  if (scale > MAX_UPSCALE && shrink > 1)
    {
      int finer = 1;

      for (int s = shrink / 2; s >= 2; s /= 2)
        {
          if (canvas_long * shrink / s >= out_long)
            {
              finer = s;
              break;
            }
        }

      g_debug ("%s: product is small, decoding at 1/%d instead of 1/%d",
               orig.path, finer, shrink);

      if (edits->straighten == 0.0)
        {
          g_autoptr(VipsImage) region = NULL;
          double sx = (double)orig.width / edited.base_width;
          double sy = (double)orig.height / edited.base_height;
          Box box = {
            (edited.crop_left + layout.source.x) * sx,
            (edited.crop_top + layout.source.y) * sy,
            layout.source.width * sx,
            layout.source.height * sy,
          };

          /* The coarse decode is not needed any more: free it before
           * the finer one, so the two are never in memory together. */
          g_clear_object (&picture);
          edited_clear (&edited);

          if (!(region = original_decode (&orig, &box, finer, FALSE, TRUE, cancellable, error)))
            return NULL;

          /* The region is the layout's whole source now: rescale the
           * layout to its pixels. */
          layout_scale (&layout,
                        vips_image_get_width (region) / layout.source.width,
                        vips_image_get_height (region) / layout.source.height);
          layout.source.x = 0;
          layout.source.y = 0;
          layout.source.width = vips_image_get_width (region);
          layout.source.height = vips_image_get_height (region);

          g_set_object (&picture, region);
        }
      else
        {
          g_auto(Edited) finer_edited = { 0 };
          double coarse_width = vips_image_get_width (picture);
          double k;

          g_clear_object (&picture);
          edited_clear (&edited);

          if (!decode_edited (&orig, edits, finer, TRUE, &backdrop, &measured, &finer_edited,
                              cancellable, error))
            return NULL;

          k = (double)vips_image_get_width (finer_edited.picture) / coarse_width;
          layout_scale (&layout, k, k);
          g_set_object (&picture, finer_edited.picture);
        }

      edited_clear (&edited);
      canvas_long = MAX (layout.canvas_width, layout.canvas_height);
      scale = out_long / canvas_long;
    }

  out_width = MAX (1, iround (layout.canvas_width * scale));
  out_height = MAX (1, iround (layout.canvas_height * scale));
  if (resell_listing_profile_get_square (profile))
    out_width = out_height = MAX (out_width, out_height);

  if (!(assembled = assemble (picture, &layout, scale, out_width, out_height, &backdrop, whiten)))
    goto failed;

  /* Turning reads its input across the grain: from memory that is cheap,
   * from the resize it would recompute the resize many times over. */
  if (orig.orientation != 1 || edits->rotate != 0)
    {
      g_autoptr(VipsImage) flat = compute_to_memory (assembled, cancellable);

      if (flat == NULL)
        goto computing_failed;

      /* The turn reads memory: cheap to run again for each quality
       * step, so it is not copied to memory a second time. */
      g_clear_object (&assembled);
      g_clear_object (&picture);
      edited_clear (&edited);
      if (!(final = turn_as_shown (flat, orig.orientation, edits->rotate)))
        goto failed;
    }
  else
    {
      /* Computed once: the quality steps below only re-encode. */
      if (!(final = compute_to_memory (assembled, cancellable)))
        goto computing_failed;
    }

  g_clear_object (&picture);
  edited_clear (&edited);
  g_clear_object (&assembled);
  t_resized = g_get_monotonic_time ();

  clean_copyright = sanitize_copyright (copyright);
  bytes = encode (final, resell_listing_profile_get_format (profile), clean_copyright,
                  resell_listing_profile_get_quality (profile),
                  resell_listing_profile_get_min_quality (profile),
                  resell_listing_profile_get_max_bytes (profile),
                  &info.quality, cancellable, &local_error);
  if (bytes == NULL)
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      goto failed;
    }

  info.width = vips_image_get_width (final);
  info.height = vips_image_get_height (final);
  info.n_bytes = g_bytes_get_size (bytes);
  info.backdrop = measured ? backdrop.luma : -1.0;

  g_debug ("%s: %d×%d, 1/%d decode, backdrop %.0f%s%s, Q%d, %zu bytes; "
           "ms: decode %.0f, analysis %.0f, resize %.0f, save %.0f",
           orig.path, info.width, info.height, shrink, info.backdrop,
           has_product ? ", trimmed" : "", whiten ? ", whitened" : "",
           info.quality, info.n_bytes,
           (t_decoded - start) / 1000.0, (t_analysed - t_decoded) / 1000.0,
           (t_resized - t_analysed) / 1000.0, (g_get_monotonic_time () - t_resized) / 1000.0);

  if (out_info != NULL)
    *out_info = info;

  return g_steal_pointer (&bytes);

computing_failed:
  /* A streamed picture is decoded only now: a damaged file fails here. */
  if (!analyse && !g_cancellable_is_cancelled (cancellable))
    {
      set_damaged (error, "Could not decode", orig.path, orig.display);
      return NULL;
    }

failed:
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    vips_error_clear ();
  else
    set_failed (error, "Could not render", orig.path, orig.display);
  return NULL;
}

/* ------------------------------------------------------------------------
 * Flaw close-ups
 * ------------------------------------------------------------------------ */

/* The crop shows the flaw's marked circle and as much again around it. */
#define CLOSEUP_CONTEXT 1.5
#define CLOSEUP_MIN_SIDE 32.0

/* The ring's colour: whichever of red, yellow and blue is furthest from
 * the close-up's average colour. */
static void
choose_ring_colour (VipsImage *image,
                    double     ink[3])
{
  static const double candidates[][3] = {
    { 230, 25, 25 },
    { 255, 215, 0 },
    { 20, 90, 255 },
  };
  int width = vips_image_get_width (image);
  int height = vips_image_get_height (image);
  double sum[3] = { 0 };
  double best = -1;

  for (int y = 0; y < height; y++)
    {
      for (int x = 0; x < width; x++)
        {
          const guint8 *p = VIPS_IMAGE_ADDR (image, x, y);

          sum[0] += p[0];
          sum[1] += p[1];
          sum[2] += p[2];
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      double d = 0;

      for (int b = 0; b < 3; b++)
        {
          double diff = candidates[i][b] - sum[b] / MAX (1, width * height);
          d += diff * diff;
        }

      if (d > best)
        {
          best = d;
          memcpy (ink, candidates[i], sizeof candidates[i]);
        }
    }
}

/* A ring 2–4 px thick: concentric one-pixel circles, drawn also a pixel
 * to the side so no gaps show between them.  @image must be in memory
 * and ours alone (drawing changes it in place). */
static int
draw_ring (VipsImage *image,
           double     cx,
           double     cy,
           double     radius)
{
  double ink[3];
  int size = MIN (vips_image_get_width (image), vips_image_get_height (image));
  int thickness = CLAMP (size / 150, 2, 4);
  int r0 = MAX (1, iround (radius) - thickness / 2);

  choose_ring_colour (image, ink);

  for (int r = r0; r < r0 + thickness; r++)
    {
      if (vips_draw_circle (image, ink, 3, iround (cx), iround (cy), r, NULL) != 0 ||
          vips_draw_circle (image, ink, 3, iround (cx) + 1, iround (cy), r, NULL) != 0)
        return -1;
    }

  return 0;
}

GBytes *
resell_flaw_closeup_render (const char   *original_path,
                            double        cx,
                            double        cy,
                            double        radius,
                            gboolean      ring,
                            int           size,
                            GCancellable *cancellable,
                            GError      **error)
{
  g_auto(Original) orig = { 0 };
  g_autoptr(VipsImage) region = NULL;
  g_autoptr(VipsImage) resized = NULL;
  g_autoptr(VipsImage) sharpened = NULL;
  g_autoptr(VipsImage) final = NULL;
  int shown_width, shown_height, shrink, side_px, out_side;
  double short_side, half, side;
  Box box, stored;

  g_return_val_if_fail (original_path != NULL, NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!init_core (error))
    return NULL;

  if (!(cx >= 0.0 && cx <= 1.0 && cy >= 0.0 && cy <= 1.0 &&
        radius > 0.0 && radius <= 1.0 && size >= 16 && size <= 4096))
    {
      g_autofree char *display = g_filename_display_basename (original_path);

      g_set_error (error, RESELL_LISTING_ERROR, RESELL_LISTING_ERROR_INVALID_EDIT,
                   _("The flaw marked on “%s” lies outside the picture."), display);
      return NULL;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (!original_open (&orig, original_path, RESELL_IMAGE_PROBE_MAX_PIXELS / 1e6, error))
    return NULL;

  original_shown_size (&orig, 0, &shown_width, &shown_height);
  short_side = MIN (shown_width, shown_height);

  half = MAX (CLOSEUP_CONTEXT * radius * short_side, CLOSEUP_MIN_SIDE / 2.0);
  side = MIN (2.0 * half, short_side);

  box.width = side;
  box.height = side;
  box.x = CLAMP (cx * shown_width - side / 2.0, 0.0, shown_width - side);
  box.y = CLAMP (cy * shown_height - side / 2.0, 0.0, shown_height - side);

  /* Full resolution unless the crop is larger than the output anyway. */
  shrink = choose_shrink (&orig, side, size);

  shown_box_to_stored (&box, orig.orientation, 0, orig.width, orig.height, &stored);

  if (!(region = original_decode (&orig, &stored, shrink, TRUE, TRUE, cancellable, error)))
    return NULL;

  side_px = MIN (vips_image_get_width (region), vips_image_get_height (region));
  out_side = MIN (size, side_px);

  if (vips_resize (region, &resized, (double)out_side / vips_image_get_width (region),
                   "vscale", (double)out_side / vips_image_get_height (region),
                   "kernel", VIPS_KERNEL_LANCZOS2,
                   NULL) != 0 ||
      !(sharpened = sharpen (resized)) ||
      !(final = compute_to_memory (sharpened, cancellable)))
    goto failed;

  if (ring)
    {
      double scale = (double)vips_image_get_width (final) / side;
      double ring_x = (cx * shown_width - box.x) * scale;
      double ring_y = (cy * shown_height - box.y) * scale;
      double ring_r = radius * short_side * scale;

      if (draw_ring (final, ring_x, ring_y, ring_r) != 0)
        goto failed;
    }

  {
    g_autoptr(GError) local_error = NULL;
    GBytes *bytes = encode (final, RESELL_LISTING_FORMAT_JPEG, NULL,
                            CLOSEUP_QUALITY, CLOSEUP_QUALITY, 0, NULL,
                            cancellable, &local_error);

    if (bytes != NULL)
      return bytes;

    if (local_error != NULL)
      {
        g_propagate_error (error, g_steal_pointer (&local_error));
        return NULL;
      }
  }

failed:
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    vips_error_clear ();
  else
    set_failed (error, "Could not make a close-up of", orig.path, orig.display);
  return NULL;
}

/* ------------------------------------------------------------------------
 * Metadata cleaning
 * ------------------------------------------------------------------------ */

GBytes *
resell_listing_clean_metadata (GBytes      *jpeg,
                               const char  *copyright,
                               GError     **error)
{
  g_autoptr(VipsImage) image = NULL;
  g_autoptr(VipsImage) srgb = NULL;
  g_autoptr(VipsImage) memory = NULL;
  g_autoptr(VipsImage) upright = NULL;
  g_autofree char *clean_copyright = NULL;
  const char *loader;
  const void *data;
  gsize len;
  double megapixels;
  GBytes *out;

  g_return_val_if_fail (jpeg != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!init_core (error))
    return NULL;

  data = g_bytes_get_data (jpeg, &len);

  if (data == NULL || len == 0 ||
      !(loader = vips_foreign_find_load_buffer (data, len)) ||
      !g_str_has_prefix (loader, "VipsForeignLoadJpeg"))
    {
      resell_image_clear_vips_error ("Not a JPEG:", "(buffer)");
      g_set_error_literal (error, RESELL_LISTING_ERROR, RESELL_LISTING_ERROR_UNREADABLE,
                           _("The picture is not a JPEG image."));
      return NULL;
    }

  image = vips_image_new_from_buffer (data, len, "",
                                      "access", VIPS_ACCESS_SEQUENTIAL,
                                      "fail_on", VIPS_FAIL_ON_ERROR,
                                      NULL);
  if (image == NULL)
    {
      resell_image_clear_vips_error ("Could not read the header of", "(buffer)");
      g_set_error_literal (error, RESELL_LISTING_ERROR, RESELL_LISTING_ERROR_UNREADABLE,
                           _("The JPEG image is damaged."));
      return NULL;
    }

  megapixels = (double)vips_image_get_width (image) * vips_image_get_height (image) / 1e6;
  if (megapixels > RESELL_IMAGE_PROBE_MAX_PIXELS / 1e6)
    {
      g_set_error (error, RESELL_LISTING_ERROR, RESELL_LISTING_ERROR_TOO_LARGE,
                   _("The JPEG image is too large (%.0f megapixels; the limit is %.0f)."),
                   megapixels, RESELL_IMAGE_PROBE_MAX_PIXELS / 1e6);
      return NULL;
    }

  /* Dropping the orientation or the ICC profile would change how the
   * picture looks, so both are applied to the pixels first.  Upright
   * pictures stream from decoder to encoder; turning one needs it all in
   * memory. */
  if (!(srgb = to_srgb (image)))
    goto damaged;

  if (vips_image_get_orientation (image) != 1)
    {
      if (!(memory = compute_to_memory (srgb, NULL)) ||
          vips_autorot (memory, &upright, NULL) != 0)
        goto damaged;
    }
  else
    {
      upright = g_object_ref (srgb);
    }

  clean_copyright = sanitize_copyright (copyright);

  /* No cancellable, so encode() fails only in libvips: when streaming,
   * that is where damaged data shows. */
  if (!(out = encode (upright, RESELL_LISTING_FORMAT_JPEG, clean_copyright,
                      CLEAN_QUALITY, CLEAN_QUALITY, 0, NULL, NULL, NULL)))
    goto damaged;

  return out;

damaged:
  resell_image_clear_vips_error ("Could not decode", "(buffer)");
  g_set_error_literal (error, RESELL_LISTING_ERROR, RESELL_LISTING_ERROR_UNREADABLE,
                       _("The JPEG image is damaged."));
  return NULL;
}
