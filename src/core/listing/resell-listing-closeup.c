/* resell-listing-closeup.c — a close-up of a flaw, cropped from the
 * full-resolution original, with a ring marking it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One log domain for all of the renderer's files, so that
 * G_MESSAGES_DEBUG=resell-listing-renderer shows all it says. */
#define G_LOG_DOMAIN "resell-listing-renderer"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <vips/vips.h>

#include "imaging/resell-image-probe-private.h"
#include "listing/resell-listing-renderer.h"
#include "listing/resell-listing-renderer-private.h"

#define CLOSEUP_QUALITY 90

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

  if (!resell_listing_init_core (error))
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

  if (!resell_listing_original_open (&orig, original_path, RESELL_IMAGE_PROBE_MAX_PIXELS / 1e6, error))
    return NULL;

  resell_listing_original_shown_size (&orig, 0, &shown_width, &shown_height);
  short_side = MIN (shown_width, shown_height);

  half = MAX (CLOSEUP_CONTEXT * radius * short_side, CLOSEUP_MIN_SIDE / 2.0);
  side = MIN (2.0 * half, short_side);

  box.width = side;
  box.height = side;
  box.x = CLAMP (cx * shown_width - side / 2.0, 0.0, shown_width - side);
  box.y = CLAMP (cy * shown_height - side / 2.0, 0.0, shown_height - side);

  /* Full resolution unless the crop is larger than the output anyway. */
  shrink = resell_listing_choose_shrink (&orig, side, size);

  resell_listing_shown_box_to_stored (&box, orig.orientation, 0, orig.width, orig.height, &stored);

  if (!(region = resell_listing_original_decode (&orig, &stored, shrink, TRUE, TRUE, cancellable, error)))
    return NULL;

  side_px = MIN (vips_image_get_width (region), vips_image_get_height (region));
  out_side = MIN (size, side_px);

  if (vips_resize (region, &resized, (double)out_side / vips_image_get_width (region),
                   "vscale", (double)out_side / vips_image_get_height (region),
                   "kernel", VIPS_KERNEL_LANCZOS2,
                   NULL) != 0 ||
      !(sharpened = resell_listing_sharpen (resized)) ||
      !(final = resell_listing_compute_to_memory (sharpened, cancellable)))
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
    GBytes *bytes = resell_listing_encode (final, RESELL_LISTING_FORMAT_JPEG, NULL,
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
    resell_listing_set_failed (error, "Could not make a close-up of", orig.path, orig.display);
  return NULL;
}

/* A point's ring: as wide as a fingertip on a handbag photo. */
#define POINT_RADIUS 0.025
/* Never a ring so small it hides in the flaw itself. */
#define MIN_BOX_RADIUS 0.01

GBytes *
resell_flaw_closeup_render_box (const char   *original_path,
                                double        x,
                                double        y,
                                double        width,
                                double        height,
                                gboolean      ring,
                                int           size,
                                GCancellable *cancellable,
                                GError      **error)
{
  g_auto(Original) orig = { 0 };
  int shown_width, shown_height;
  double radius;

  g_return_val_if_fail (original_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!resell_listing_init_core (error))
    return NULL;

  /* The header only: the box's sides in pixels need the upright size. */
  if (!resell_listing_original_open (&orig, original_path, RESELL_IMAGE_PROBE_MAX_PIXELS / 1e6, error))
    return NULL;

  resell_listing_original_shown_size (&orig, 0, &shown_width, &shown_height);

  if (width <= 0.0 && height <= 0.0)
    radius = POINT_RADIUS;
  else
    radius = MAX (MIN_BOX_RADIUS,
                  0.5 * hypot (width * shown_width, height * shown_height) / MIN (shown_width, shown_height));

  return resell_flaw_closeup_render (original_path, x + width / 2.0, y + height / 2.0,
                                     MIN (radius, 1.0), ring, size, cancellable, error);
}

gboolean
resell_listing_read_upright_size (const char  *original_path,
                                  int         *out_width,
                                  int         *out_height,
                                  GError     **error)
{
  g_auto(Original) orig = { 0 };

  g_return_val_if_fail (original_path != NULL, FALSE);
  g_return_val_if_fail (out_width != NULL && out_height != NULL, FALSE);

  if (!resell_listing_init_core (error) ||
      !resell_listing_original_open (&orig, original_path, RESELL_IMAGE_PROBE_MAX_PIXELS / 1e6, error))
    return FALSE;

  resell_listing_original_shown_size (&orig, 0, out_width, out_height);

  return TRUE;
}
