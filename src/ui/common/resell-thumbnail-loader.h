/* resell-thumbnail-loader.h — thumbnails as textures for widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "resell-core.h"

G_BEGIN_DECLS

/* Makes (if needed) and decodes the thumbnail of an original on a worker
 * thread.  Textures are kept in a small in-memory cache so scrolling back
 * shows them at once.  Call from the UI thread only. */
void        resell_thumbnail_load_async  (ResellThumbnailer   *thumbnailer,
                                          const char          *original_path,
                                          const char          *sha256,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
GdkTexture *resell_thumbnail_load_finish (GAsyncResult        *result,
                                          GError             **error);
/* The same for a photo with edits (JSON as stored in the catalog; NULL or
 * "" for none): the preview shows the photo as its listing image will be,
 * and is cached by the recipe, so an edit makes a new one. */
void        resell_thumbnail_load_edited_async (ResellThumbnailer   *thumbnailer,
                                                const char          *original_path,
                                                const char          *sha256,
                                                const char          *edits_json,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
/* The cached texture, or NULL; no disk access. */
GdkTexture *resell_thumbnail_lookup      (const char          *sha256);

G_END_DECLS
