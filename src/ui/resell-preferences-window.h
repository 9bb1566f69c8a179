/* resell-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "resell-core.h"
#include "common/resell-settings.h"

G_BEGIN_DECLS

#define RESELL_TYPE_PREFERENCES_WINDOW (resell_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (ResellPreferencesWindow, resell_preferences_window, RESELL, PREFERENCES_WINDOW, AdwPreferencesWindow)

ResellPreferencesWindow *resell_preferences_window_new (ResellSettings *settings,
                                                        ResellContext  *context);

G_END_DECLS
