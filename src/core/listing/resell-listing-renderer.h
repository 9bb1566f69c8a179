/* resell-listing-renderer.h — one listing image from one untouched original:
 * oriented, sRGB, cropped/trimmed, padded, backdrop whitened, resized with
 * shrink-on-load, lightly sharpened, JPEG or WebP (the profile's format) at
 * the profile's quality (stepping down to meet its byte cap), and every
 * private metadata field stripped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "listing/resell-listing-profile.h"
#include "imaging/resell-photo-edits.h"

G_BEGIN_DECLS

#define RESELL_LISTING_ERROR (resell_listing_error_quark ())
typedef enum
{
  RESELL_LISTING_ERROR_UNREADABLE,   /* not an image, damaged, empty */
  RESELL_LISTING_ERROR_TOO_LARGE,    /* above the profile's pixel limit */
  RESELL_LISTING_ERROR_TOO_SMALL,    /* below the profile's minimum size */
  RESELL_LISTING_ERROR_INVALID_EDIT, /* e.g. a crop outside the picture */
  RESELL_LISTING_ERROR_FAILED,
} ResellListingError;
GQuark resell_listing_error_quark (void);

typedef struct
{
  int    width;
  int    height;
  int    quality;      /* the JPEG or WebP quality finally used */
  gsize  n_bytes;
  double backdrop;     /* measured backdrop brightness before whitening, 0..255; -1 when not measured */
} ResellListingInfo;

/* Everything that decides a listing image's bytes, as a hex digest: the
 * original's sha256, the edits, the profile's digest and the copyright line.
 * Listing images are cached under this key. */
char   *resell_listing_recipe_key    (const char             *original_sha256,
                                      const ResellPhotoEdits *edits,
                                      ResellListingProfile   *profile,
                                      const char             *copyright);

/* Renders the listing image in the profile's format (JPEG or WebP).  @edits
 * may be NULL (defaults).  @copyright may be NULL; when set it is the only
 * text metadata written (EXIF Copyright).  Thread-safe; uses one libvips
 * thread.  Errors: RESELL_LISTING_ERROR with a translated sentence naming
 * the file; RESELL_LISTING_ERROR_FAILED for a WebP profile when libvips was
 * built without WebP. */
GBytes *resell_listing_render        (const char             *original_path,
                                      const ResellPhotoEdits *edits,
                                      ResellListingProfile   *profile,
                                      const char             *copyright,
                                      ResellListingInfo      *out_info,
                                      GCancellable           *cancellable,
                                      GError                **error);

/* A close-up of a flaw for the listing: the region centred on (@cx, @cy)
 * with radius @radius (fractions of the oriented image's width and height /
 * of its shorter side), cropped from the full-resolution original, at most
 * @size pixels square, optionally with a ring marking the flaw.  Same
 * metadata policy as listing images. */
GBytes *resell_flaw_closeup_render   (const char             *original_path,
                                      double                  cx,
                                      double                  cy,
                                      double                  radius,
                                      gboolean                ring,
                                      int                     size,
                                      GCancellable           *cancellable,
                                      GError                **error);

/* The same for a flaw's box (@x, @y, @width, @height: fractions of the
 * upright original, as flaws are stored; a point has no size): the ring
 * goes round the whole box, and a point gets a ring a twentieth of the
 * picture's shorter side across. */
GBytes *resell_flaw_closeup_render_box (const char           *original_path,
                                        double                x,
                                        double                y,
                                        double                width,
                                        double                height,
                                        gboolean              ring,
                                        int                   size,
                                        GCancellable         *cancellable,
                                        GError              **error);

/* The upright original's size in pixels: its stored size, the sides
 * swapped when its EXIF orientation turns it a quarter.  What flaw
 * coordinates and resell_photo_edits_upright_to_edited() are fractions of.
 * Reads the file's header only, but blocking: call it on a worker. */
gboolean resell_listing_read_upright_size (const char  *original_path,
                                           int         *out_width,
                                           int         *out_height,
                                           GError     **error);

/* Makes @jpeg's metadata what the policy allows: no GPS, serial numbers,
 * owner/artist, maker notes, thumbnails or anything else; orientation 1;
 * the copyright line if given.  Exposed for the fuzz target and tests.
 * Returns a new JPEG, or NULL with @error when @jpeg is not a JPEG. */
GBytes *resell_listing_clean_metadata (GBytes                *jpeg,
                                       const char            *copyright,
                                       GError               **error);

G_END_DECLS
