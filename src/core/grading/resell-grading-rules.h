/* resell-grading-rules.h — one category's grading rules, loaded from a data
 * file (data/grading/<category-id>.json): rules that set or cap the grade
 * from checklist answers and flaws, sentences for the condition text, and
 * the mapping from the app's scale to each marketplace's conditions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "categories/resell-category.h"
#include "grading/resell-condition.h"

G_BEGIN_DECLS

#define RESELL_GRADING_ERROR (resell_grading_error_quark ())
typedef enum { RESELL_GRADING_ERROR_INVALID } ResellGradingError;
GQuark resell_grading_error_quark (void);

#define RESELL_TYPE_GRADING_RULES (resell_grading_rules_get_type ())
G_DECLARE_FINAL_TYPE (ResellGradingRules, resell_grading_rules, RESELL, GRADING_RULES, GObject)

/* Parses and checks one rules file against @category: every question,
 * answer, flaw type, grade and severity it names must exist.  Errors name
 * the file and line: "handbags.json:42: rule “major-stain” names the
 * unknown flaw type “stian”". */
ResellGradingRules *resell_grading_rules_new_from_data (ResellCategory  *category,
                                                        const char      *source_name,
                                                        const char      *data,
                                                        gssize           length,
                                                        GError         **error);

/* Properties (read-only): "category" (ResellCategory), "source". */
ResellCategory     *resell_grading_rules_get_category  (ResellGradingRules *self);
const char         *resell_grading_rules_get_source    (ResellGradingRules *self);
guint               resell_grading_rules_get_n_rules   (ResellGradingRules *self);
const char         *resell_grading_rules_get_rule_id   (ResellGradingRules *self,
                                                        guint               index);

/* The marketplace's condition for @grade ("NEW", "PRE_OWNED_FAIR"), or NULL
 * when the marketplace allows none for this grade in this category.
 * *@known is FALSE when the file maps nothing at all for @marketplace. */
const char         *resell_grading_rules_map_condition (ResellGradingRules *self,
                                                        const char         *marketplace,
                                                        ResellCondition     grade,
                                                        gboolean           *known);
/* Marketplace ids mapped in this file, sorted. */
GStrv               resell_grading_rules_dup_marketplaces (ResellGradingRules *self);

G_END_DECLS
