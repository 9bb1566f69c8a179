/* resell-photo-editor.h — the window where a seller turns, straightens,
 * crops and trims one photo and sees its listing image follow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "resell-core.h"

G_BEGIN_DECLS

#define RESELL_TYPE_PHOTO_EDITOR (resell_photo_editor_get_type ())
G_DECLARE_FINAL_TYPE (ResellPhotoEditor, resell_photo_editor, RESELL, PHOTO_EDITOR, AdwWindow)

/* Construct-only properties:
 *   "thumbnailer"     ResellThumbnailer, makes the listing preview
 *   "original-path"   string, the untouched original
 *   "sha256"          string, the original's checksum (the preview's cache key)
 *   "original-width"  int, the original's size as stored (before its EXIF
 *   "original-height" int  orientation; 0 when unknown)
 *   "edits"           string, the photo's edits as stored (JSON; NULL or "" for none)
 *
 * Signal "saved" (const char *edits_json): Save was pressed; the editor
 * closes after it.  Cancel, Escape or closing the window change nothing. */
ResellPhotoEditor *resell_photo_editor_new (GtkWindow         *parent,
                                            ResellThumbnailer *thumbnailer,
                                            const char        *original_path,
                                            const char        *sha256,
                                            int                original_width,
                                            int                original_height,
                                            const char        *edits_json);

/* The edits as they stand in the editor, as JSON. */
char              *resell_photo_editor_dup_edits (ResellPhotoEditor *self);

G_END_DECLS
