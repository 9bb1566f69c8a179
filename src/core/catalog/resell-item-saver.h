/* resell-item-saver.h — an item's edits saved in order, off the caller's thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "catalog/resell-catalog.h"

G_BEGIN_DECLS

#define RESELL_TYPE_ITEM_SAVER (resell_item_saver_get_type ())
G_DECLARE_FINAL_TYPE (ResellItemSaver, resell_item_saver, RESELL, ITEM_SAVER, GObject)

/* Saves run one after the other on one worker, in the order they were
 * asked for.  A save asked for while an earlier one of the same item is
 * still waiting to start replaces it: only the newest details are written,
 * and never before older ones of that item.
 *
 * Until a save has landed and the catalog's "item-changed" for it has been
 * emitted, its copy stays in the saver (resell_item_saver_lookup()): an
 * editor re-opening the item starts from it rather than from a list that
 * does not know of it yet.  A save that failed stays too, and is tried
 * again by resell_item_saver_flush().
 *
 * Use from one thread, the one whose thread-default main context was
 * current at construction; results are reported there.
 *
 * Property "catalog" (construct-only).
 * Signal "save-failed" (ResellItem *item, GError *error): @item is the copy
 *   that could not be written.  Without a handler, the failure is logged as
 *   a warning. */
ResellItemSaver *resell_item_saver_new          (ResellCatalog        *catalog);
ResellCatalog   *resell_item_saver_get_catalog  (ResellItemSaver      *self);

/* Queues a save of @item's details as they are now (a copy is taken). */
void             resell_item_saver_save         (ResellItemSaver      *self,
                                                 ResellItem           *item);
/* The details of item @id not yet known to be saved (queued, being
 * written or failed), or NULL.  Do not change the returned object. */
ResellItem      *resell_item_saver_lookup       (ResellItemSaver      *self,
                                                 gint64                id);
/* Queues again every save that failed. */
void             resell_item_saver_flush        (ResellItemSaver      *self);
/* Blocks until every queued save has been written (or has failed), e.g.
 * when the window closes.  Their results are still reported on the main
 * context afterwards. */
void             resell_item_saver_wait         (ResellItemSaver      *self);
/* Flushes, then completes once every save asked for so far has been
 * reported.  Fails with the first failure seen meanwhile. */
void             resell_item_saver_flush_async  (ResellItemSaver      *self,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean         resell_item_saver_flush_finish (ResellItemSaver      *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

G_END_DECLS
