/* resell-catalog-flaws.h — the flaws marked on an item's photos, stored in
 * the catalog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "catalog/resell-catalog.h"
#include "catalog/resell-flaw.h"

G_BEGIN_DECLS

/* The catalog emits, on its main context like its other signals:
 *   "flaws-changed" (gint64 item_id)  a flaw of that item was added,
 *                                     updated or removed, or got its close-up
 * A flaw goes when its photo goes (the close-up photo only unlinks). */

/* The item's flaws, ordered by their photo's position, then id.  Element
 * type ResellFlaw. */
GPtrArray  *resell_catalog_list_flaws           (ResellCatalog  *self,
                                                 gint64          item_id,
                                                 GError        **error);
/* By id; NOT_FOUND when it is gone. */
ResellFlaw *resell_catalog_lookup_flaw          (ResellCatalog  *self,
                                                 gint64          flaw_id,
                                                 GError        **error);
/* Stores @flaw (id must be 0; valid, see resell_flaw_is_valid(); its photo
 * must belong to its item).  Sets id, created-at and updated-at on @flaw,
 * touches the item's updated-at and emits flaws-changed and item-changed. */
gboolean    resell_catalog_add_flaw             (ResellCatalog  *self,
                                                 ResellFlaw     *flaw,
                                                 GError        **error);
/* Writes every field of @flaw but its item (matched by id); bumps
 * updated-at on @flaw.  NOT_FOUND when it is gone. */
gboolean    resell_catalog_update_flaw          (ResellCatalog  *self,
                                                 ResellFlaw     *flaw,
                                                 GError        **error);
/* NOT_FOUND when it is gone.  Touches the item's updated-at. */
gboolean    resell_catalog_remove_flaw          (ResellCatalog  *self,
                                                 gint64          flaw_id,
                                                 GError        **error);
/* Links the close-up photo @photo_id (0 unlinks; it must be a photo of the
 * flaw's item). */
gboolean    resell_catalog_set_flaw_detail_photo (ResellCatalog *self,
                                                 gint64          flaw_id,
                                                 gint64          photo_id,
                                                 GError        **error);

G_END_DECLS
