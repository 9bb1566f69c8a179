/* resell-shot-check-private.h — the shot check handing its decode over,
 * for the core only: the app never sees a VipsImage, so no public header
 * includes libvips.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <vips/vips.h>

#include "imaging/resell-shot-check.h"

G_BEGIN_DECLS

/* Called once by resell_shot_check_file_full(), on the thread that checks:
 * with the photo as soon as it is decoded, before anything is measured, so
 * that other work (the thumbnail) can be made from the same decode while
 * the measures run; or with NULL when there is no decode to share (the file
 * is not readable or too large, the check was cancelled, or the decode is
 * too big to keep in memory, as a 24 MP PNG is).  @image is in memory, as
 * stored (not rotated: its EXIF orientation and ICC profile are in its
 * metadata), reduced only by shrink-on-load: a JPEG at the largest of 1/2,
 * 1/4, 1/8 that keeps 1500 px on the long edge, so a 24 MP one is 1500 ×
 * 1000.  Take a reference to keep it.  Read-only: the check reads it on its
 * own thread meanwhile. */
typedef void      (*ResellShotDecodedFunc)                (VipsImage        *image,
                                                          gpointer          user_data);

/* resell_shot_check_file(), handing its decode to @decoded_func (may be
 * NULL) as said above. */
ResellShotReport   *resell_shot_check_file_full          (const char            *path,
                                                          ResellBackdrop         backdrop,
                                                          ResellShotDecodedFunc  decoded_func,
                                                          gpointer               user_data,
                                                          GCancellable          *cancellable,
                                                          GError               **error);

G_END_DECLS
