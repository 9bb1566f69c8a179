/* resell-listing-renderer-private.h — what the renderer's files share:
 * the original being read, boxes in its frames, the backdrop measured,
 * and the steps one file makes and another runs.  Only for
 * src/core/listing/resell-listing-*.c (and tests).
 *
 * Each function taking a VipsImage takes it without stealing it and
 * returns a new reference, or NULL with the libvips error buffer set.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <math.h>

#include <gio/gio.h>
#include <vips/vips.h>

#include "listing/resell-listing-renderer.h"

G_BEGIN_DECLS

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

typedef struct
{
  double median[3];
  double white[3];   /* the level lifted to 255 by whitening */
  double luma;       /* of the median, 0..255 */
  gboolean plain;    /* one even colour all round */
} Backdrop;

/* resell-listing-renderer.c: errors */
void     resell_listing_set_damaged (GError     **error,
                                     const char  *what,
                                     const char  *path,
                                     const char  *display);
void     resell_listing_set_failed  (GError     **error,
                                     const char  *what,
                                     const char  *path,
                                     const char  *display);
gboolean resell_listing_init_core   (GError **error);

/* resell-listing-decode.c: the original and its geometry */
VipsImage *resell_listing_compute_to_memory   (VipsImage    *in,
                                               GCancellable *cancellable);
VipsImage *resell_listing_to_srgb             (VipsImage *in);
void       resell_listing_box_to_pixels       (const Box *box,
                                               int        width,
                                               int        height,
                                               int       *left,
                                               int       *top,
                                               int       *w,
                                               int       *h);
gboolean   resell_listing_original_open       (Original    *orig,
                                               const char  *path,
                                               double       max_megapixels,
                                               GError     **error);
void       resell_listing_original_shown_size (const Original *orig,
                                               int             rotate,
                                               int            *width,
                                               int            *height);
VipsImage *resell_listing_original_decode     (const Original  *orig,
                                               const Box       *box,
                                               int              shrink,
                                               gboolean         upright,
                                               gboolean         in_memory,
                                               GCancellable    *cancellable,
                                               GError         **error);
VipsImage *resell_listing_turn_as_shown       (VipsImage *in,
                                               int        orientation,
                                               int        rotate);
gboolean   resell_listing_orientation_mirrors (int orientation);
void       resell_listing_shown_box_to_stored (const Box *shown,
                                               int        orientation,
                                               int        rotate,
                                               double     width,
                                               double     height,
                                               Box       *stored);
int        resell_listing_choose_shrink       (const Original *orig,
                                               double          full,
                                               double          needed);
VipsImage *resell_listing_straighten          (VipsImage    *in,
                                               double        degrees,
                                               const double  backdrop[3]);

void       resell_listing_original_clear      (Original *orig);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Original, resell_listing_original_clear)

/* resell-listing-analysis.c: the backdrop, the product, tone and sharpening */
void       resell_listing_measure_backdrop   (VipsImage *image,
                                              Backdrop  *out);
VipsImage *resell_listing_make_analysis_copy (VipsImage    *in,
                                              GCancellable *cancellable);
gboolean   resell_listing_find_product       (VipsImage      *small,
                                              const Backdrop *backdrop,
                                              Box            *out);
VipsImage *resell_listing_make_whitening_lut (const Backdrop *backdrop);
VipsImage *resell_listing_sharpen            (VipsImage *in);

/* resell-listing-encode.c: metadata and the file format */
char     *resell_listing_sanitize_copyright (const char *copyright);
gboolean  resell_listing_can_save_webp      (void);
GBytes   *resell_listing_encode             (VipsImage            *image,
                                             ResellListingFormat   format,
                                             const char           *copyright,
                                             int                   quality,
                                             int                   min_quality,
                                             gint64                max_bytes,
                                             int                  *out_quality,
                                             GCancellable         *cancellable,
                                             GError              **error);

G_END_DECLS
