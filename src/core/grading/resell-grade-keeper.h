/* resell-grade-keeper.h — keeps each item's stored grade (items.grade) in
 * step with its answers, flaws and override, so that lists, filters and the
 * ready check read it with the item instead of grading 10,000 items.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "grading/resell-appraisal.h"

G_BEGIN_DECLS

#define RESELL_TYPE_GRADE_KEEPER (resell_grade_keeper_get_type ())
G_DECLARE_FINAL_TYPE (ResellGradeKeeper, resell_grade_keeper, RESELL, GRADE_KEEPER, GObject)

/* The grade an item is stored with: the override when there is one, else
 * the rules' grade once every checklist question is answered, else NULL
 * (not graded: the rules' default alone is a guess, not a grade). */
const char        *resell_grade_keeper_grade_for        (ResellAppraisal        *appraisal);

/* Listens to @catalog's item-added, item-changed and flaws-changed and
 * regrades that item on one worker thread, in order; the stored grade is
 * written only when it differs, so its own item-changed ends there. */
ResellGradeKeeper *resell_grade_keeper_new              (ResellGrader           *grader,
                                                         ResellCategoryRegistry *categories,
                                                         ResellCatalog          *catalog);

/* Regrades every item (the rules files may have changed since the grades
 * were stored) on the worker; @n_changed the number of grades rewritten. */
void               resell_grade_keeper_refresh_all_async  (ResellGradeKeeper    *self,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
gboolean           resell_grade_keeper_refresh_all_finish (ResellGradeKeeper    *self,
                                                           GAsyncResult         *result,
                                                           guint                *n_changed,
                                                           GError              **error);

/* Regrades item @item_id now, on the calling thread (the CLI, which has no
 * main loop to deliver signals).  @changed says whether it wrote. */
gboolean           resell_grade_keeper_refresh_item      (ResellGradeKeeper    *self,
                                                          gint64                item_id,
                                                          gboolean             *changed,
                                                          GError              **error);

/* Waits until the worker has nothing queued (tests, shutdown). */
void               resell_grade_keeper_flush             (ResellGradeKeeper    *self);

G_END_DECLS
