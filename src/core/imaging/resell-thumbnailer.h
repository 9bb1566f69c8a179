/* resell-thumbnailer.h — small previews of originals for the UI, made with
 * libvips off the UI thread and cached on disk by the original's sha256.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define RESELL_THUMBNAIL_SIZE 320

#define RESELL_TYPE_THUMBNAILER (resell_thumbnailer_get_type ())
G_DECLARE_FINAL_TYPE (ResellThumbnailer, resell_thumbnailer, RESELL, THUMBNAILER, GObject)

/* Default cache dir: $RESELL_CACHE_DIR, else $XDG_CACHE_HOME/resell. */
char              *resell_thumbnailer_dup_default_cache_dir (void);

/* Property "cache-dir" (construct-only); thumbnails live in <cache-dir>/thumbnails/. */
ResellThumbnailer *resell_thumbnailer_new           (const char           *cache_dir);
const char        *resell_thumbnailer_get_cache_dir (ResellThumbnailer    *self);
/* Path of the cached thumbnail for that sha256 if it exists, else NULL. */
char              *resell_thumbnailer_lookup        (ResellThumbnailer    *self,
                                                     const char           *sha256);
/* Makes the thumbnail (auto-rotated, long edge RESELL_THUMBNAIL_SIZE, sRGB
 * JPEG) if it is not cached yet, and returns its path.  Thread-safe. */
char              *resell_thumbnailer_ensure        (ResellThumbnailer    *self,
                                                     const char           *original_path,
                                                     const char           *sha256,
                                                     GCancellable         *cancellable,
                                                     GError              **error);
/* The same on the imaging pool; concurrent requests for one sha256 share the work. */
void               resell_thumbnailer_ensure_async  (ResellThumbnailer    *self,
                                                     const char           *original_path,
                                                     const char           *sha256,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
char              *resell_thumbnailer_ensure_finish (ResellThumbnailer    *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

G_END_DECLS
