/* resell-listing-preview.h — the preview of an edited photo: the listing
 * pipeline with the small built-in "preview" profile, cached on disk under
 * its recipe key, so the window shows what the edits will make.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The recipe key of @sha256's photo with @edits_json (JSON of
 * ResellPhotoEdits) under the preview profile, or NULL when there are no
 * edits, or they cannot be read: then the plain thumbnail stands for it. */
char *resell_listing_preview_dup_key (const char    *sha256,
                                      const char    *edits_json);

/* Renders the preview of @original_path with @edits_json unless
 * <@cache_dir>/previews/<@key>.jpg already exists, and returns that path.
 * Blocking: call it on a worker.  Two callers may race for one preview;
 * the second finds it written. */
char *resell_listing_preview_ensure  (const char    *cache_dir,
                                      const char    *original_path,
                                      const char    *edits_json,
                                      const char    *key,
                                      GCancellable  *cancellable,
                                      GError       **error);

G_END_DECLS
