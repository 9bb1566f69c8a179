/* resell-shot-row.h — one shot of the studio's list: its label, whether it
 * is required, and how it stands (empty, taken, check failed, arriving)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  RESELL_SHOT_ROW_EMPTY,
  RESELL_SHOT_ROW_DONE,
  RESELL_SHOT_ROW_FAILED,    /* taken, but a check failed */
  RESELL_SHOT_ROW_WORKING,   /* a photo for it is on its way */
} ResellShotRowStatus;

#define RESELL_TYPE_SHOT_ROW (resell_shot_row_get_type ())
G_DECLARE_FINAL_TYPE (ResellShotRow, resell_shot_row, RESELL, SHOT_ROW, GtkListBoxRow)

/* @shot_id NULL: an extra detail photo, @photo_id its photo. */
ResellShotRow       *resell_shot_row_new           (const char          *shot_id,
                                                    const char          *label,
                                                    gboolean             required,
                                                    gint64               photo_id);
const char          *resell_shot_row_get_shot_id   (ResellShotRow       *self);
const char          *resell_shot_row_get_label     (ResellShotRow       *self);
gboolean             resell_shot_row_get_required  (ResellShotRow       *self);
gint64               resell_shot_row_get_photo_id  (ResellShotRow       *self);
ResellShotRowStatus  resell_shot_row_get_status    (ResellShotRow       *self);
void                 resell_shot_row_set_status    (ResellShotRow       *self,
                                                    ResellShotRowStatus  status);
/* The photo's place in the item's photo order (1-based), 0 for none. */
void                 resell_shot_row_set_position  (ResellShotRow       *self,
                                                    int                  position);
/* NULL for the placeholder. */
void                 resell_shot_row_set_thumbnail (ResellShotRow       *self,
                                                    GdkPaintable        *paintable);
/* Whose thumbnail the row shows or awaits (a photo's sha256), or NULL. */
const char          *resell_shot_row_get_thumbnail_key (ResellShotRow   *self);
void                 resell_shot_row_set_thumbnail_key (ResellShotRow   *self,
                                                        const char      *key);

G_END_DECLS
