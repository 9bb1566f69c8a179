/* resell-item-page.h — one item: its photos, shot list and intake form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "resell-core.h"
#include "common/resell-settings.h"

G_BEGIN_DECLS

#define RESELL_TYPE_ITEM_PAGE (resell_item_page_get_type ())
G_DECLARE_FINAL_TYPE (ResellItemPage, resell_item_page, RESELL, ITEM_PAGE, AdwBin)

/* Properties "context" and "settings", construct-only. */
ResellItemPage *resell_item_page_new         (ResellContext          *context,
                                              ResellSettings         *settings);
/* Shows @item (or nothing).  The page edits its own copy and saves every
 * change shortly after it is made, off the UI thread, in order. */
void        resell_item_page_set_item        (ResellItemPage         *self,
                                              ResellItem             *item);
ResellItem *resell_item_page_get_item        (ResellItemPage         *self);
/* Reads the shown item's photos again (e.g. after the studio added some). */
void        resell_item_page_reload_photos   (ResellItemPage         *self);
void        resell_item_page_focus_title     (ResellItemPage         *self);
/* Queues the pending save now instead of after the typing pause. */
void        resell_item_page_flush           (ResellItemPage         *self);
/* Opens a file chooser for photos (or a folder) to import into the item. */
void        resell_item_page_choose_import   (ResellItemPage         *self,
                                              gboolean                folder);
/* Imports @files (GFile) into the shown item. */
void        resell_item_page_import          (ResellItemPage         *self,
                                              GPtrArray              *files);

G_END_DECLS
