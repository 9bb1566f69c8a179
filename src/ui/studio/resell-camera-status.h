/* resell-camera-status.h — the studio's camera at a glance, at the start
 * of its bottom bar: which camera, whether it is ready, its battery and
 * how many photos still fit on its card
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "camera/resell-camera.h"

G_BEGIN_DECLS

#define RESELL_TYPE_CAMERA_STATUS (resell_camera_status_get_type ())
G_DECLARE_FINAL_TYPE (ResellCameraStatus, resell_camera_status, RESELL, CAMERA_STATUS, GtkBox)

/* Shows @camera (NULL: none) as it is now; @connecting says a connection
 * was asked for and has not answered yet. */
void resell_camera_status_update (ResellCameraStatus *self,
                                  ResellCamera       *camera,
                                  gboolean            connecting);

G_END_DECLS
