/* resell-thumbnailer-private.h — a thumbnail from a decode already in
 * memory, for the core only: the app never sees a VipsImage, so no public
 * header includes libvips.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <vips/vips.h>

#include "imaging/resell-thumbnailer.h"

G_BEGIN_DECLS

/* The same thumbnail made from @image, a decode of the original already in
 * memory rather than the file: the reduced decode the shot check hands over
 * (resell_shot_check_file_full()), at least RESELL_THUMBNAIL_SIZE on its
 * long edge, as stored, with the original's metadata (its EXIF orientation
 * and ICC profile are applied as from the file).  Nothing is made when the
 * thumbnail is cached already.  Returns its path.  Thread-safe; @image is
 * only read. */
char              *resell_thumbnailer_store_image   (ResellThumbnailer    *self,
                                                     VipsImage            *image,
                                                     const char           *sha256,
                                                     GCancellable         *cancellable,
                                                     GError              **error);

G_END_DECLS
