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
 * The steps live in their own files, sharing
 * resell-listing-renderer-private.h: resell-listing-decode.c (1–3),
 * resell-listing-analysis.c (4, and the tone curve and sharpening of 6),
 * resell-listing-encode.c (7); this file lays the picture out (5, 6) and
 * runs the steps.  resell-listing-closeup.c makes flaw close-ups from the
 * same pieces.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One log domain for all of the renderer's files, so that
 * G_MESSAGES_DEBUG=resell-listing-renderer shows all it says. */
#define G_LOG_DOMAIN "resell-listing-renderer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <vips/vips.h>

#include "resell-core.h"
#include "imaging/resell-image-probe-private.h"
#include "listing/resell-listing-renderer.h"
#include "listing/resell-listing-renderer-private.h"

/* Part of every recipe key: bump it whenever the pixels this file makes
 * for the same inputs change, and every cached listing image is redone. */
#define RENDERER_VERSION "v1"

/* Whitening applies to backdrops at least this bright (luma, 0..255). */
#define WHITEN_MIN_BACKDROP 200.0

/* How much a region decoded at a reduced scale may be enlarged to reach
 * the output size before it is decoded again at a finer scale.  A quarter
 * is invisible after the sharpening; more would be soft. */
#define MAX_UPSCALE 1.25

G_DEFINE_QUARK (resell-listing-error-quark, resell_listing_error)


/* ------------------------------------------------------------------------
 * Errors
 * ------------------------------------------------------------------------ */

/* What libvips said goes to the debug log, never into a sentence for a
 * person; its buffer is process-wide, so clear it every time. */
void
resell_listing_set_damaged (GError     **error,
                            const char  *what,
                            const char  *path,
                            const char  *display)
{
  resell_image_clear_vips_error (what, path);
  g_set_error (error, RESELL_LISTING_ERROR, RESELL_LISTING_ERROR_UNREADABLE,
               _("“%s” is damaged: the picture data ends early or is corrupt."),
               display);
}

void
resell_listing_set_failed (GError     **error,
                           const char  *what,
                           const char  *path,
                           const char  *display)
{
  resell_image_clear_vips_error (what, path);
  g_set_error (error, RESELL_LISTING_ERROR, RESELL_LISTING_ERROR_FAILED,
               _("Could not make the listing image of “%s”."),
               display);
}

gboolean
resell_listing_init_core (GError **error)
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

  resell_listing_box_to_pixels (&layout->source, vips_image_get_width (picture), vips_image_get_height (picture),
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
      if (!(lut = resell_listing_make_whitening_lut (backdrop)))
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

  if (!(sharpened = resell_listing_sharpen (resized)))
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
  clean_copyright = resell_listing_sanitize_copyright (copyright);

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

  if (!(picture = resell_listing_original_decode (orig, NULL, shrink, FALSE, in_memory, cancellable, error)))
    return FALSE;

  out->base_width = vips_image_get_width (picture);
  out->base_height = vips_image_get_height (picture);
  out->crop_left = 0;
  out->crop_top = 0;

  if (edits->straighten != 0.0)
    {
      g_autoptr(VipsImage) straight = NULL;
      /* Turning commutes with the quarter turns; a mirror reverses it. */
      double degrees = resell_listing_orientation_mirrors (orig->orientation) ? -edits->straighten
                                                               : edits->straighten;

      /* The corners that turning uncovers are filled with the backdrop,
       * measured first if this is the first pass. */
      if (!*measured)
        {
          g_autoptr(VipsImage) small = resell_listing_make_analysis_copy (picture, cancellable);

          if (small == NULL)
            goto failed;

          resell_listing_measure_backdrop (small, backdrop);
          *measured = TRUE;
        }

      if (!(straight = resell_listing_straighten (picture, degrees, backdrop->median)))
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

      resell_listing_shown_box_to_stored (&shown, orig->orientation, edits->rotate, width, height, &stored);
      resell_listing_box_to_pixels (&stored, width, height, &left, &top, &w, &h);

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
    resell_listing_set_failed (error, "Could not apply the edits to", orig->path, orig->display);
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

  if (!resell_listing_init_core (error))
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
      !resell_listing_can_save_webp ())
    {
      g_autofree char *display = g_filename_display_basename (original_path);

      g_set_error (error, RESELL_LISTING_ERROR, RESELL_LISTING_ERROR_FAILED,
                   _("Could not make the listing image of “%s”: this build of Resell cannot write WebP images (its libvips has no WebP support). Choose a profile that makes JPEG images."),
                   display);
      return NULL;
    }

  if (!resell_listing_original_open (&orig, original_path,
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
  resell_listing_original_shown_size (&orig, edits->rotate, &shown_width, &shown_height);
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
  shrink = resell_listing_choose_shrink (&orig, region_long, long_edge);

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
      if (!(small = resell_listing_make_analysis_copy (picture, cancellable)))
        goto failed;
    }

  if (analyse)
    {
      resell_listing_measure_backdrop (edits->straighten != 0.0 || edits->has_crop ? small : picture, &backdrop);
      measured = TRUE;
    }

  whiten = measured && edits->whiten && backdrop.plain && backdrop.luma >= WHITEN_MIN_BACKDROP;

  if (edits->auto_trim && backdrop.plain)
    has_product = resell_listing_find_product (small, &backdrop, &product);

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

          if (!(region = resell_listing_original_decode (&orig, &box, finer, FALSE, TRUE, cancellable, error)))
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
      g_autoptr(VipsImage) flat = resell_listing_compute_to_memory (assembled, cancellable);

      if (flat == NULL)
        goto computing_failed;

      /* The turn reads memory: cheap to run again for each quality
       * step, so it is not copied to memory a second time. */
      g_clear_object (&assembled);
      g_clear_object (&picture);
      edited_clear (&edited);
      if (!(final = resell_listing_turn_as_shown (flat, orig.orientation, edits->rotate)))
        goto failed;
    }
  else
    {
      /* Computed once: the quality steps below only re-encode. */
      if (!(final = resell_listing_compute_to_memory (assembled, cancellable)))
        goto computing_failed;
    }

  g_clear_object (&picture);
  edited_clear (&edited);
  g_clear_object (&assembled);
  t_resized = g_get_monotonic_time ();

  clean_copyright = resell_listing_sanitize_copyright (copyright);
  bytes = resell_listing_encode (final, resell_listing_profile_get_format (profile), clean_copyright,
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
      resell_listing_set_damaged (error, "Could not decode", orig.path, orig.display);
      return NULL;
    }

failed:
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    vips_error_clear ();
  else
    resell_listing_set_failed (error, "Could not render", orig.path, orig.display);
  return NULL;
}
