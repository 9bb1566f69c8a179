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
ResellCategoryRegistry *resell_application_get_categories  (ResellApplication *self);
/* Problems found in category files at start-up (char*), for the window to show. */
GPtrArray              *resell_application_get_category_problems (ResellApplication *self);
ResellThumbnailer      *resell_application_get_thumbnailer (ResellApplication *self);
/* The app's one camera monitor, made on first call. */
ResellCameraMonitor    *resell_application_get_camera_monitor (ResellApplication *self);

G_END_DECLS
