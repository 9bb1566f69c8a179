/* resell-flaw-editor.h — the window where the seller marks an item's flaws
 * on its photos: the photo with its flaws, the list of them, and the
 * selected one's type, severity, zone and note
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "resell-core.h"
#include "flaws/resell-flaw-view.h"

G_BEGIN_DECLS

#define RESELL_TYPE_FLAW_EDITOR (resell_flaw_editor_get_type ())
G_DECLARE_FINAL_TYPE (ResellFlawEditor, resell_flaw_editor, RESELL, FLAW_EDITOR, AdwWindow)

/* Properties (construct-only): "context", "item" (a ResellItem: its id,
 * SKU, title and category are read once), "photo-id" (the photo shown
 * first; 0 for the item's first).  Read-only: "busy" (a catalog write is
 * under way, or the flaws are loading).
 *
 * Every change goes to the catalog at once (add, update, remove); undo and
 * redo are changes too.  Writes are not cancelled when the window closes. */
ResellFlawEditor *resell_flaw_editor_new          (GtkWindow        *parent,
                                                   ResellContext    *context,
                                                   ResellItem       *item,
                                                   gint64            photo_id);
ResellFlawView   *resell_flaw_editor_get_view     (ResellFlawEditor *self);
/* The flaws as the window shows them (element type ResellFlaw). */
GListModel       *resell_flaw_editor_get_flaws    (ResellFlawEditor *self);
gboolean          resell_flaw_editor_get_busy     (ResellFlawEditor *self);

G_END_DECLS
