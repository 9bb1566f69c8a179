/* resell-camera-shot.h — a photo that came off the camera and is now
 * saved, complete, on this computer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RESELL_TYPE_CAMERA_SHOT (resell_camera_shot_get_type ())
G_DECLARE_FINAL_TYPE (ResellCameraShot, resell_camera_shot, RESELL, CAMERA_SHOT, GObject)

/* Properties (construct-only):
 *   "path"            the saved file (a JPEG, or the only file of the shot)
 *   "sha256"          hex sha256 of its bytes
 *   "companion-path"  the RAW file of a RAW+JPEG pair, saved beside it, or NULL
 *   "camera-folder" "camera-name"  where "path" was on the card
 *   "from-camera-shutter"  TRUE when taken with the camera's own button
 *   "arrived-at"      g_get_monotonic_time() when the download finished,
 *                     for measuring shot to screen */
ResellCameraShot *resell_camera_shot_new                 (const char       *path,
                                                          const char       *sha256,
                                                          const char       *companion_path,
                                                          const char       *camera_folder,
                                                          const char       *camera_name,
                                                          gboolean          from_camera_shutter);
const char       *resell_camera_shot_get_path            (ResellCameraShot *self);
const char       *resell_camera_shot_get_sha256          (ResellCameraShot *self);
const char       *resell_camera_shot_get_companion_path  (ResellCameraShot *self);
const char       *resell_camera_shot_get_camera_folder   (ResellCameraShot *self);
const char       *resell_camera_shot_get_camera_name     (ResellCameraShot *self);
gboolean          resell_camera_shot_get_from_camera_shutter (ResellCameraShot *self);
gint64            resell_camera_shot_get_arrived_at      (ResellCameraShot *self);

G_END_DECLS
