/* resell-condition-panel.h — the item page's condition section: the
 * checklist, the grade with the rules that decided it, the eBay condition,
 * the seller's override and the condition text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "resell-core.h"

G_BEGIN_DECLS

#define RESELL_TYPE_CONDITION_PANEL (resell_condition_panel_get_type ())
G_DECLARE_FINAL_TYPE (ResellConditionPanel, resell_condition_panel, RESELL, CONDITION_PANEL, GtkBox)

/* Properties "context" (ResellContext) and "item-id" (gint64, 0 for none).
 * The panel reads and writes through the core's _async calls and follows
 * the catalog's item-changed and flaws-changed for its item. */
void           resell_condition_panel_set_context (ResellConditionPanel *self,
                                                   ResellContext        *context);
ResellContext *resell_condition_panel_get_context (ResellConditionPanel *self);
void           resell_condition_panel_set_item_id (ResellConditionPanel *self,
                                                   gint64                item_id);
gint64         resell_condition_panel_get_item_id (ResellConditionPanel *self);

G_END_DECLS
