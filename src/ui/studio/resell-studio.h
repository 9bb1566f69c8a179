/* resell-studio.h — the tethered studio: an item's shot list shot one
 * after the other with a camera, each photo attached to its shot and
 * checked the moment it arrives
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "resell-core.h"
#include "common/resell-settings.h"
#include "camera/resell-camera-monitor.h"

G_BEGIN_DECLS

#define RESELL_TYPE_STUDIO (resell_studio_get_type ())
G_DECLARE_FINAL_TYPE (ResellStudio, resell_studio, RESELL, STUDIO, AdwBin)

/* Properties "onion-skin" and "live-view" (booleans), also the stateful
 * actions studio.onion-skin and studio.live-view.
 * Signal "switch-item" (ResellItem *item): the first photo of the shoot
 * showed @item's label and the seller chose to shoot it; the owner opens
 * the studio on it with its category. */
void        resell_studio_set_app_context (ResellStudio        *self,
                                           ResellSettings      *settings,
                                           ResellThumbnailer   *thumbnailer);
void        resell_studio_set_context     (ResellStudio        *self,
                                           ResellCatalog       *catalog,
                                           ResellImporter      *importer);
/* Shows the studio for @item (a copy is kept) with @category's shot list
 * (NULL: every photo is an extra one), connecting to the default camera of
 * @monitor.  While open, photos taken with the camera's own shutter are
 * saved into the item. */
void        resell_studio_open            (ResellStudio        *self,
                                           ResellItem          *item,
                                           ResellCategory      *category,
                                           ResellCameraMonitor *monitor);
/* Stops live view and the camera's downloads into the item.  Photos still
 * arriving are attached all the same. */
void        resell_studio_close           (ResellStudio        *self);
ResellItem *resell_studio_get_item        (ResellStudio        *self);

G_END_DECLS
