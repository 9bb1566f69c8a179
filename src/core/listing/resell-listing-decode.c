/* resell-listing-decode.c — the original, read for a listing image:
 * opened by its header, decoded (shrunk on load where the format allows),
 * made 8-bit sRGB, and the geometry of its orientation, the seller's
 * quarter turns and straightening
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One log domain for all of the renderer's files, so that
 * G_MESSAGES_DEBUG=resell-listing-renderer shows all it says. */
#define G_LOG_DOMAIN "resell-listing-renderer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <vips/vips.h>

#include "imaging/resell-image-probe-private.h"
#include "listing/resell-listing-renderer-private.h"

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
VipsImage *
resell_listing_compute_to_memory (VipsImage    *in,
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
VipsImage *
resell_listing_to_srgb (VipsImage *in)
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
void
resell_listing_box_to_pixels (const Box *box,
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

void
resell_listing_original_clear (Original *orig)
{
  g_clear_pointer (&orig->display, g_free);
}


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
gboolean
resell_listing_original_open (Original    *orig,
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
      resell_listing_set_damaged (error, "Could not read the header of", path, orig->display);
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
void
resell_listing_original_shown_size (const Original *orig,
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
VipsImage *
resell_listing_original_decode (const Original  *orig,
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
      resell_listing_set_damaged (error, "Could not open", orig->path, orig->display);
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

      resell_listing_box_to_pixels (&scaled, width, height, &left, &top, &w, &h);

      g_clear_object (&region);
      if (vips_crop (loaded, &region, left, top, w, h, NULL) != 0)
        {
          resell_listing_set_failed (error, "Could not crop", orig->path, orig->display);
          return NULL;
        }
    }

  if (!(srgb = resell_listing_to_srgb (region)))
    {
      resell_listing_set_damaged (error, "Could not convert to sRGB", orig->path, orig->display);
      return NULL;
    }

  /* Nothing to look at before resizing: the picture streams from the
   * decoder into the resize, never whole in memory. */
  if (!in_memory)
    return g_steal_pointer (&srgb);

  /* The decode happens here: everything after needs random access, which
   * a JPEG decoded as it streams cannot give. */
  if (!(memory = resell_listing_compute_to_memory (srgb, cancellable)))
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          vips_error_clear ();
          return NULL;
        }
      resell_listing_set_damaged (error, "Could not decode", orig->path, orig->display);
      return NULL;
    }

  if (!upright)
    return g_steal_pointer (&memory);

  if (vips_autorot (memory, &out, NULL) != 0)
    {
      resell_listing_set_failed (error, "Could not orient", orig->path, orig->display);
      return NULL;
    }

  return out;
}

/* Turns a picture made in the stored frame the way it is shown: by the
 * original's EXIF orientation, then the seller's quarter turns.  Done on
 * the listing image, not the original: turning 1600 × 1600 pixels costs
 * a tenth of turning 3000 × 2000, and reading a turned picture while
 * resizing it costs even more. */
VipsImage *
resell_listing_turn_as_shown (VipsImage *in,
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
gboolean
resell_listing_orientation_mirrors (int orientation)
{
  return orientation == 2 || orientation == 4 || orientation == 5 || orientation == 7;
}

/* A box in the picture as shown (after the EXIF @orientation and @rotate)
 * → the same box in the picture as stored, @width × @height. */
void
resell_listing_shown_box_to_stored (const Box *shown,
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
int
resell_listing_choose_shrink (const Original *orig,
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

VipsImage *
resell_listing_straighten (VipsImage    *in,
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
