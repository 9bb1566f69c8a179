/* resell-shot-plan.h — the one place that knows how an item's photos meet
 * its category's shot list: which photo fills which shot, which shots are
 * still open, which photos are extras, and what a new photo, a removed one
 * or a retake changes.  The importer, the capture session, the item page
 * and the CLI all ask it rather than each walk the lists.
 *
 * A shot is filled by the first photo, in the item's order, whose slot is
 * the shot's id.  A photo is an extra when it has no slot, when the plan
 * has no category, or when its slot is not (or no longer) a shot of the
 * category.  A shot may also be claimed: a photo is on its way to it, so
 * it is not offered as the next open shot until the claim is released.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "catalog/resell-photo.h"
#include "categories/resell-category.h"

G_BEGIN_DECLS

#define RESELL_TYPE_SHOT_PLAN (resell_shot_plan_get_type ())
G_DECLARE_FINAL_TYPE (ResellShotPlan, resell_shot_plan, RESELL, SHOT_PLAN, GObject)

/* Properties:
 *   "category"  ResellCategory, construct-only, may be NULL: no shot list
 *   "n-shots"   guint, read-only: shots of the category's list
 *   "n-filled"  guint, read-only: of those, how many have a photo
 *   "n-photos"  guint, read-only: photos of the item
 * The counts are notified when a change moves them. */

/* @photos (ResellPhoto, may be NULL: none yet) in the item's order; the
 * plan keeps its own array of references. */
ResellShotPlan   *resell_shot_plan_new             (ResellCategory *category,
                                                    GPtrArray      *photos);

ResellCategory   *resell_shot_plan_get_category    (ResellShotPlan *self);
/* The photos in the item's order.  Container and photos are the plan's. */
GPtrArray        *resell_shot_plan_get_photos      (ResellShotPlan *self);
/* Replaces every photo by @photos (in the item's order).  Claims stay. */
void              resell_shot_plan_set_photos      (ResellShotPlan *self,
                                                    GPtrArray      *photos);

guint             resell_shot_plan_get_n_shots     (ResellShotPlan *self);
guint             resell_shot_plan_get_n_filled    (ResellShotPlan *self);
guint             resell_shot_plan_get_n_photos    (ResellShotPlan *self);
/* Required shots of the list that no photo fills. */
guint             resell_shot_plan_count_missing_required (ResellShotPlan *self);

/* Queries */
ResellPhoto      *resell_shot_plan_photo_for_slot  (ResellShotPlan *self,
                                                    const char     *slot);
gboolean          resell_shot_plan_is_filled       (ResellShotPlan *self,
                                                    const char     *slot);
/* TRUE when @slot is a shot of the category's list. */
gboolean          resell_shot_plan_has_shot        (ResellShotPlan *self,
                                                    const char     *slot);
ResellPhoto      *resell_shot_plan_photo_by_id     (ResellShotPlan *self,
                                                    gint64          id);
/* @photo's place in the item's order, or -1. */
int               resell_shot_plan_photo_index     (ResellShotPlan *self,
                                                    ResellPhoto    *photo);
/* TRUE when @photo fills no shot of the list (see above). */
gboolean          resell_shot_plan_is_extra        (ResellShotPlan *self,
                                                    ResellPhoto    *photo);
/* The extra photos in the item's order; a new container of the plan's
 * photos. */
GPtrArray        *resell_shot_plan_dup_extras      (ResellShotPlan *self);

/* The first shot after @after in the list's order, wrapping round and
 * never @after itself, that is neither filled nor claimed; from the start
 * of the list when @after is NULL or not a shot.  NULL when every shot is
 * taken (the next photo is an extra one). */
const char       *resell_shot_plan_next_open       (ResellShotPlan *self,
                                                    const char     *after);

/* Photos on their way to @slot: claim (+1) when a photo is sent to it,
 * release (-1) when it arrived or failed. */
gboolean          resell_shot_plan_is_claimed      (ResellShotPlan *self,
                                                    const char     *slot);
void              resell_shot_plan_claim           (ResellShotPlan *self,
                                                    const char     *slot,
                                                    int             delta);
void              resell_shot_plan_clear_claims    (ResellShotPlan *self);

/* Changes */

/* Adds @photo in its place by its position, after removing the photo
 * @replaces (0: none; a retake).  Returns the slot @photo now fills, or
 * NULL when it is an extra one. */
const char       *resell_shot_plan_add             (ResellShotPlan *self,
                                                    ResellPhoto    *photo,
                                                    gint64          replaces);
/* Removes the photo @id.  Returns FALSE when the plan has no such photo.
 * The shot it filled opens again unless another photo also has its slot. */
gboolean          resell_shot_plan_remove          (ResellShotPlan *self,
                                                    gint64          id);
/* Moves @photo to @new_index of the item's order and gives every photo
 * its place as its position, as the catalog does.  FALSE when @photo is
 * not in the plan or @new_index is out of range. */
gboolean          resell_shot_plan_move            (ResellShotPlan *self,
                                                    ResellPhoto    *photo,
                                                    guint           new_index);

G_END_DECLS
