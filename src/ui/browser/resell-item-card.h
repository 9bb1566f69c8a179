/* resell-item-card.h — an item in the browser's grid: cover photo, title, SKU and state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "resell-core.h"

G_BEGIN_DECLS

#define RESELL_TYPE_ITEM_CARD (resell_item_card_get_type ())
G_DECLARE_FINAL_TYPE (ResellItemCard, resell_item_card, RESELL, ITEM_CARD, GtkWidget)

/* Properties: "item" (ResellItem, may be NULL), "thumbnailer" (construct-only). */
GtkWidget  *resell_item_card_new      (ResellThumbnailer *thumbnailer);
ResellItem *resell_item_card_get_item (ResellItemCard    *self);
void        resell_item_card_set_item (ResellItemCard    *self,
                                       ResellItem        *item);

G_END_DECLS
