/* resell-cache-trim.h — keeping a cache folder under a size
 *
 * Listing images and previews are cached by recipe: every edit makes new
 * ones and the old stay behind.  Trimming deletes the files changed
 * longest ago until the folder's files fit the limit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Deletes regular files directly in @dir, the ones modified longest ago
 * first, until the rest take at most @max_bytes.  Hidden files (an atomic
 * write in progress), folders and anything else are left alone.  A
 * missing @dir is an empty cache.  *@out_removed (may be NULL) counts the
 * files deleted.  Blocking: call from a worker, or use the _async pair. */
gboolean resell_cache_trim         (const char           *dir,
                                    guint64               max_bytes,
                                    guint                *out_removed,
                                    GCancellable         *cancellable,
                                    GError              **error);
void     resell_cache_trim_async   (const char           *dir,
                                    guint64               max_bytes,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);
gboolean resell_cache_trim_finish  (GAsyncResult         *result,
                                    guint                *out_removed,
                                    GError              **error);

G_END_DECLS
