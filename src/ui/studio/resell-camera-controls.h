/* resell-camera-controls.h — the camera's own settings a photographer
 * needs (ISO, aperture, shutter speed, white balance, image format), read
 * from the camera and written back one value at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "camera/resell-camera.h"

G_BEGIN_DECLS

#define RESELL_TYPE_CAMERA_CONTROLS (resell_camera_controls_get_type ())
G_DECLARE_FINAL_TYPE (ResellCameraControls, resell_camera_controls, RESELL, CAMERA_CONTROLS, GtkBox)

/* Signal "error" (const char *message): a value could not be read or
 * written; the message is a sentence to show as it is. */
ResellCameraControls *resell_camera_controls_new        (void);
void                  resell_camera_controls_set_camera (ResellCameraControls *self,
                                                         ResellCamera         *camera);
/* Reads the settings from the camera again (asynchronously). */
void                  resell_camera_controls_refresh    (ResellCameraControls *self);

G_END_DECLS
