/* resell-price-grade.h — the condition scale as far as prices care: ids,
 * names for sentences, and the default price ratio between grades
 *
 * The ids, their order and their names are grading's
 * (grading/resell-condition.h), which owns the scale and what a grade
 * means; these string forms only save the estimator and the comps from
 * converting, and this file alone knows how grades usually move a price.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean    resell_price_grade_is_known      (const char *grade);
/* "very-good" → "Very good" (translated); NULL for an unknown id. */
const char *resell_price_grade_get_label     (const char *grade);
/* The default price of @grade relative to "very-good", in basis points
 * (very-good = 10000); 0 for an unknown grade. */
gint64      resell_price_grade_default_bp    (const char *grade);
/* "Very good" / "very_good" / "VERY GOOD" → "very-good"; NULL if none. */
const char *resell_price_grade_from_text     (const char *text);

G_END_DECLS
