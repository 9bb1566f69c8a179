/* resell-photo.h — one original photo of an item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RESELL_TYPE_PHOTO (resell_photo_get_type ())
G_DECLARE_FINAL_TYPE (ResellPhoto, resell_photo, RESELL, PHOTO, GObject)

/* Properties:
 *   "id"            gint64   row id, 0 until inserted
 *   "item-id"       gint64
 *   "slot"          string   shot-list slot id ("front", "label", …) or NULL for an extra photo
 *   "position"      gint     order within the item
 *   "path"          string   absolute path of the original (never modified)
 *   "original-name" string   file name the photo had where it came from
 *   "sha256"        string   hex sha256 of the original's bytes
 *   "width" "height" gint    pixels, as stored (before EXIF orientation)
 *   "captured-at"   gint64   unix µs from EXIF DateTimeOriginal, 0 when unknown
 *   "camera-model"  string   EXIF Make + Model, or NULL
 *   "checks"        string   JSON object with check results (filled by the studio), or NULL
 *   "added-at"      gint64   unix µs
 *   "edits"         string   the seller's edits (crop, rotation, …) as JSON from
 *                            resell_photo_edits_to_json(), or NULL for the defaults
 */
ResellPhoto *resell_photo_new               (void);

gint64       resell_photo_get_id            (ResellPhoto *self);
void         resell_photo_set_id            (ResellPhoto *self, gint64 id);
gint64       resell_photo_get_item_id       (ResellPhoto *self);
void         resell_photo_set_item_id       (ResellPhoto *self, gint64 item_id);
const char  *resell_photo_get_slot          (ResellPhoto *self);
void         resell_photo_set_slot          (ResellPhoto *self, const char *slot);
int          resell_photo_get_position      (ResellPhoto *self);
void         resell_photo_set_position      (ResellPhoto *self, int position);
const char  *resell_photo_get_path          (ResellPhoto *self);
void         resell_photo_set_path          (ResellPhoto *self, const char *path);
const char  *resell_photo_get_original_name (ResellPhoto *self);
void         resell_photo_set_original_name (ResellPhoto *self, const char *name);
const char  *resell_photo_get_sha256        (ResellPhoto *self);
void         resell_photo_set_sha256        (ResellPhoto *self, const char *sha256);
int          resell_photo_get_width         (ResellPhoto *self);
void         resell_photo_set_width         (ResellPhoto *self, int width);
int          resell_photo_get_height        (ResellPhoto *self);
void         resell_photo_set_height        (ResellPhoto *self, int height);
gint64       resell_photo_get_captured_at   (ResellPhoto *self);
void         resell_photo_set_captured_at   (ResellPhoto *self, gint64 usec);
const char  *resell_photo_get_camera_model  (ResellPhoto *self);
void         resell_photo_set_camera_model  (ResellPhoto *self, const char *model);
const char  *resell_photo_get_checks        (ResellPhoto *self);
void         resell_photo_set_checks        (ResellPhoto *self, const char *checks_json);
gint64       resell_photo_get_added_at      (ResellPhoto *self);
void         resell_photo_set_added_at      (ResellPhoto *self, gint64 usec);
const char  *resell_photo_get_edits         (ResellPhoto *self);
void         resell_photo_set_edits         (ResellPhoto *self, const char *edits_json);

G_END_DECLS
