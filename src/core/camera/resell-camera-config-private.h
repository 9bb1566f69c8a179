/* resell-camera-config-private.h — a camera's settings as libgphoto2
 * config widgets: finding them, their roles, reading, validating, writing.
 * For ResellCamera's owner thread only: every call talks to the camera.
 *
 * Failures come in two kinds.  When the camera answered but has no such
 * setting, or does not take the value, @error is set and *gp_result is
 * GP_OK.  When talking to the camera failed, *gp_result is the libgphoto2
 * result and @error is left alone: only the owner thread can word that
 * (was the command cancelled? what did the driver say?) and decide whether
 * the camera is gone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "camera/resell-camera-private.h"

G_BEGIN_DECLS

/* One config value by name ("f-number", "serialnumber", …). */
ResellCameraSetting *resell_camera_config_read  (Camera      *camera,
                                                 GPContext   *context,
                                                 const char  *name,
                                                 int         *gp_result,
                                                 GError     **error);

/* The value of a text or choice config ("serialnumber", "batterylevel"),
 * stripped; NULL when empty, missing, or the camera failed (*gp_result). */
char                *resell_camera_config_dup_text (Camera     *camera,
                                                    GPContext  *context,
                                                    const char *name,
                                                    int        *gp_result);

/* The roles a photographer needs, each under the first config name this
 * camera has; roles it has none for are left out.  NULL only when talking
 * to the camera failed. */
GPtrArray           *resell_camera_config_list  (Camera      *camera,
                                                 GPContext   *context,
                                                 int         *gp_result);

/* Validates @value against what the setting offers, then writes it. */
gboolean             resell_camera_config_write (Camera      *camera,
                                                 GPContext   *context,
                                                 const char  *name,
                                                 const char  *value,
                                                 int         *gp_result,
                                                 GError     **error);

G_END_DECLS
