/* resell-value-panel.h — an item's price hint with its evidence, the
 * seller's asking price, the fees and the expected payout
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "resell-core.h"

G_BEGIN_DECLS

#define RESELL_TYPE_VALUE_PANEL (resell_value_panel_get_type ())
G_DECLARE_FINAL_TYPE (ResellValuePanel, resell_value_panel, RESELL, VALUE_PANEL, AdwBin)

/* Property "context" (ResellContext): where the catalog, the categories
 * and the settings come from. */
void resell_value_panel_set_context (ResellValuePanel *self,
                                     ResellContext    *context);
/* Shows the value of @item (or nothing); follows its category, brand,
 * model and consignor as they are edited. */
void resell_value_panel_set_item    (ResellValuePanel *self,
                                     ResellItem       *item);

G_END_DECLS
