/* resell-camera-setting.h — one camera setting (ISO, aperture, …): a
 * snapshot of its value and choices as the camera reported them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  RESELL_CAMERA_SETTING_CHOICE,   /* one of get_choices() (radio and menu widgets) */
  RESELL_CAMERA_SETTING_TEXT,     /* free text */
  RESELL_CAMERA_SETTING_TOGGLE,   /* "0" or "1" */
  RESELL_CAMERA_SETTING_RANGE,    /* a number as text, between min and max */
} ResellCameraSettingKind;

#define RESELL_TYPE_CAMERA_SETTING (resell_camera_setting_get_type ())
G_DECLARE_FINAL_TYPE (ResellCameraSetting, resell_camera_setting, RESELL, CAMERA_SETTING, GObject)

/* Properties (construct-only): "name" (libgphoto2's config name, e.g.
 * "f-number"), "role" (Resell's name for what it is: "iso", "aperture",
 * "shutter-speed", "white-balance", "image-format", or the config name for
 * anything else), "label" (as the camera names it), "kind", "value",
 * "read-only".  Choices are set with resell_camera_setting_set_choices
 * before the object is handed out, and never change after. */
ResellCameraSetting     *resell_camera_setting_new         (const char              *name,
                                                            const char              *role,
                                                            const char              *label,
                                                            ResellCameraSettingKind  kind,
                                                            const char              *value,
                                                            gboolean                 read_only);
void                     resell_camera_setting_set_choices (ResellCameraSetting     *self,
                                                            const char * const      *choices);
const char              *resell_camera_setting_get_name    (ResellCameraSetting     *self);
const char              *resell_camera_setting_get_role    (ResellCameraSetting     *self);
const char              *resell_camera_setting_get_label   (ResellCameraSetting     *self);
ResellCameraSettingKind  resell_camera_setting_get_kind    (ResellCameraSetting     *self);
const char              *resell_camera_setting_get_value   (ResellCameraSetting     *self);
gboolean                 resell_camera_setting_get_read_only (ResellCameraSetting   *self);
/* NULL-terminated; empty (not NULL) for kinds other than CHOICE. */
const char * const      *resell_camera_setting_get_choices (ResellCameraSetting     *self);

G_END_DECLS
