/* resell-shot-list.h — the studio's list of shots: a row per shot of the
 * category, then a row per extra photo, each with its state (empty, on its
 * way, done, failed its checks), its place in the listing and a thumbnail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "resell-core.h"
#include "studio/resell-shot-row.h"
#include "intake/resell-capture-session.h"

G_BEGIN_DECLS

#define RESELL_TYPE_SHOT_LIST (resell_shot_list_get_type ())
G_DECLARE_FINAL_TYPE (ResellShotList, resell_shot_list, RESELL, SHOT_LIST, AdwBin)

/* Properties:
 *   "session"      ResellCaptureSession: the shots and photos shown
 *   "thumbnailer"  ResellThumbnailer: makes the rows' thumbnails
 *   "current"      ResellShotRow, read-only: the row chosen (notified when
 *                  the person or the studio chooses another) */
void           resell_shot_list_set_session     (ResellShotList       *self,
                                                 ResellCaptureSession *session);
void           resell_shot_list_set_thumbnailer (ResellShotList      *self,
                                                 ResellThumbnailer   *thumbnailer);
ResellShotRow *resell_shot_list_get_current     (ResellShotList      *self);

/* A row for each shot of the session's category, none chosen. */
void           resell_shot_list_rebuild         (ResellShotList      *self);
/* Rows for the extra photos, every row's state, and the first row chosen
 * when none is; thumbnails load under @cancellable. */
void           resell_shot_list_update          (ResellShotList      *self,
                                                 GCancellable        *cancellable);

/* Chooses @row (nothing when NULL); the keyboard follows only if it was in
 * the list. */
void           resell_shot_list_select          (ResellShotList      *self,
                                                 ResellShotRow       *row);
/* The first shot without a photo, else the first row. */
void           resell_shot_list_select_first_unfilled (ResellShotList *self);

ResellShotRow *resell_shot_list_get_row         (ResellShotList      *self,
                                                 int                  index);
ResellShotRow *resell_shot_list_row_for_slot    (ResellShotList      *self,
                                                 const char          *slot);
ResellShotRow *resell_shot_list_row_for_photo   (ResellShotList      *self,
                                                 ResellPhoto         *photo);
/* The photo a row shows: its shot's, or its extra photo. */
ResellPhoto   *resell_shot_list_photo_for_row   (ResellShotList      *self,
                                                 ResellShotRow       *row);
/* The row of the plan's next open shot after @row (see
 * resell_shot_plan_next_open()), or NULL when every shot is taken. */
ResellShotRow *resell_shot_list_next_unfilled   (ResellShotList      *self,
                                                 ResellShotRow       *row);

G_END_DECLS
