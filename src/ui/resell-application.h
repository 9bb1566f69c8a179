/* resell-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "resell-core.h"
#include "camera/resell-camera-monitor.h"
#include "common/resell-settings.h"

G_BEGIN_DECLS

#define RESELL_TYPE_APPLICATION (resell_application_get_type ())
G_DECLARE_FINAL_TYPE (ResellApplication, resell_application, RESELL, APPLICATION, AdwApplication)

ResellApplication      *resell_application_new             (void);
ResellSettings         *resell_application_get_settings    (ResellApplication *self);
/* The services every window shares, made at start-up. */
ResellContext          *resell_application_get_context     (ResellApplication *self);
/* The app's one camera monitor, made on first call. */
ResellCameraMonitor    *resell_application_get_camera_monitor (ResellApplication *self);

G_END_DECLS
