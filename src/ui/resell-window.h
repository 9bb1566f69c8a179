/* resell-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "resell-application.h"

G_BEGIN_DECLS

#define RESELL_TYPE_WINDOW (resell_window_get_type ())
G_DECLARE_FINAL_TYPE (ResellWindow, resell_window, RESELL, WINDOW, AdwApplicationWindow)

/* Property "context" (construct-only): the services the window shows. */
ResellWindow *resell_window_new        (ResellApplication *application,
                                        ResellContext     *context);
void          resell_window_add_toast  (ResellWindow      *self,
                                        AdwToast          *toast);
/* Shows a message that stays until dismissed. */
void          resell_window_show_message (ResellWindow    *self,
                                        const char        *message);

G_END_DECLS
