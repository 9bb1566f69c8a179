/* resell-browser.h — all items as a grid or a list, with search, filters and sorting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "resell-core.h"
#include "common/resell-settings.h"

G_BEGIN_DECLS

#define RESELL_TYPE_BROWSER (resell_browser_get_type ())
G_DECLARE_FINAL_TYPE (ResellBrowser, resell_browser, RESELL, BROWSER, AdwBin)

/* Properties: "context" and "settings" (construct-only), "view" ("grid" |
 * "list"), "sort-order", "selected-item" (read-only).
 * Signal "item-activated" (ResellItem *item). */
ResellBrowser *resell_browser_new            (ResellContext          *context,
                                              ResellSettings         *settings);
void        resell_browser_set_items         (ResellBrowser          *self,
                                              ResellItemList         *items);
ResellItem *resell_browser_get_selected_item (ResellBrowser          *self);
void        resell_browser_start_search      (ResellBrowser          *self);

G_END_DECLS
