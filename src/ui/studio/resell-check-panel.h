/* resell-check-panel.h — the studio's card under the picture: whether the
 * photo shown passed its checks on arrival, what is wrong with it if not,
 * and the Retake button (action studio.retake)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "resell-core.h"

G_BEGIN_DECLS

#define RESELL_TYPE_CHECK_PANEL (resell_check_panel_get_type ())
G_DECLARE_FINAL_TYPE (ResellCheckPanel, resell_check_panel, RESELL, CHECK_PANEL, GtkBox)

/* Property "report" (ResellShotReport, NULL: the photo was not checked) and
 * "about" (the shot's name said in the heading, or NULL for "this photo"). */
ResellShotReport *resell_check_panel_get_report (ResellCheckPanel *self);
const char       *resell_check_panel_get_about  (ResellCheckPanel *self);
/* Both at once, with one update of the card. */
void              resell_check_panel_set_report (ResellCheckPanel *self,
                                                 ResellShotReport *report,
                                                 const char       *about);

G_END_DECLS
