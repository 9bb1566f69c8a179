/* resell-item-list.h — the catalog's items as a GListModel of ResellItem
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "catalog/resell-catalog.h"

G_BEGIN_DECLS

#define RESELL_TYPE_ITEM_LIST (resell_item_list_get_type ())
G_DECLARE_FINAL_TYPE (ResellItemList, resell_item_list, RESELL, ITEM_LIST, GObject)

/* Implements GListModel (item type ResellItem).  Empty until loaded; then
 * follows the catalog's item-added/changed/removed signals, keeping one
 * ResellItem instance per id (changes are copied onto it, so bindings hold).
 * Properties: "catalog" (construct-only), "loaded" (boolean). */
ResellItemList *resell_item_list_new          (ResellCatalog       *catalog);
ResellCatalog  *resell_item_list_get_catalog  (ResellItemList      *self);
gboolean        resell_item_list_get_loaded   (ResellItemList      *self);
/* Reads the items on a worker thread, then fills the model in one change. */
void            resell_item_list_load_async   (ResellItemList      *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean        resell_item_list_load_finish  (ResellItemList      *self,
                                               GAsyncResult        *result,
                                               GError             **error);
ResellItem     *resell_item_list_find_by_id   (ResellItemList      *self,
                                               gint64               id,
                                               guint               *position);

G_END_DECLS
