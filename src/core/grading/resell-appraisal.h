/* resell-appraisal.h — an item's condition as the window, the CLI and the
 * condition report show it: its answers and flaws from the catalog, graded,
 * with the seller's override and their own condition text where they gave
 * one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "catalog/resell-catalog-grading.h"
#include "grading/resell-grader.h"

G_BEGIN_DECLS

#define RESELL_TYPE_APPRAISAL (resell_appraisal_get_type ())
G_DECLARE_FINAL_TYPE (ResellAppraisal, resell_appraisal, RESELL, APPRAISAL, GObject)

/* Reads item @item_id's answers, flaws and photos from @catalog and grades
 * it with its category's rules.  Fails when the item is unknown or its
 * category has no rules. */
ResellAppraisal         *resell_appraisal_load           (ResellGrader           *grader,
                                                          ResellCategoryRegistry *categories,
                                                          ResellCatalog          *catalog,
                                                          gint64                  item_id,
                                                          GError                **error);
/* Every item of @catalog not in the trash, by item id, read with a few
 * queries for the whole catalog: for lists, reports and the bench.  Items
 * whose category has no rules are left out and named in @problems. */
GPtrArray               *resell_appraisal_load_all       (ResellGrader           *grader,
                                                          ResellCategoryRegistry *categories,
                                                          ResellCatalog          *catalog,
                                                          GPtrArray              *problems,
                                                          GError                **error);
void                     resell_appraisal_load_async     (ResellGrader           *grader,
                                                          ResellCategoryRegistry *categories,
                                                          ResellCatalog          *catalog,
                                                          gint64                  item_id,
                                                          GCancellable           *cancellable,
                                                          GAsyncReadyCallback     callback,
                                                          gpointer                user_data);
ResellAppraisal         *resell_appraisal_load_finish    (GAsyncResult           *result,
                                                          GError                **error);

gint64                   resell_appraisal_get_item_id    (ResellAppraisal *self);
ResellCategory          *resell_appraisal_get_category   (ResellAppraisal *self);
/* What the rules say, before any override. */
ResellGradeResult       *resell_appraisal_get_result     (ResellAppraisal *self);
/* The grade to list with: the override when there is one. */
ResellCondition          resell_appraisal_get_grade      (ResellAppraisal *self);
gboolean                 resell_appraisal_is_overridden  (ResellAppraisal *self);
/* The marketplace's condition for the grade to list with, or NULL. */
const char              *resell_appraisal_get_condition_for (ResellAppraisal *self,
                                                             const char      *marketplace);
/* The stored record: answers, override (reason, who, when), edited text. */
const ResellItemGrading *resell_appraisal_get_stored     (ResellAppraisal *self);
/* The text to list with: the seller's edit, else the generated one. */
const char              *resell_appraisal_get_condition_text  (ResellAppraisal *self);
const char              *resell_appraisal_get_generated_text  (ResellAppraisal *self);
gboolean                 resell_appraisal_is_text_edited      (ResellAppraisal *self);
guint                    resell_appraisal_get_n_flaws    (ResellAppraisal *self);

G_END_DECLS
