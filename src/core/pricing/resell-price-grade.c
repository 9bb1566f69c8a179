/* resell-price-grade.c — the condition scale as far as prices care
 *
 * The scale itself (ids, order, names) belongs to grading
 * (grading/resell-condition.h); this file keeps only how far each grade
 * usually moves a price.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-pricing"

#include "config.h"

#include <string.h>

#include "grading/resell-condition.h"
#include "pricing/resell-price-grade.h"

/* The default ratios are what the estimator uses when the comps do not
 * hold enough pairs of grades to learn from: roughly the spread resellers
 * see between grades of the same model (new with tags fetching about 1.4×
 * a very good one, fair about two thirds).  Learned ratios replace them.
 * Indexed by ResellCondition, so the scale has one owner. */
static const gint64 default_bp[RESELL_N_CONDITIONS] = {
  [RESELL_CONDITION_NEW_WITH_TAGS]    = 14000,
  [RESELL_CONDITION_NEW_WITHOUT_TAGS] = 13000,
  [RESELL_CONDITION_NEW_WITH_DEFECTS] = 11000,
  [RESELL_CONDITION_LIKE_NEW]         = 12500,
  [RESELL_CONDITION_EXCELLENT]        = 11500,
  [RESELL_CONDITION_VERY_GOOD]        = 10000,
  [RESELL_CONDITION_GOOD]             =  8500,
  [RESELL_CONDITION_FAIR]             =  6500,
  [RESELL_CONDITION_FOR_PARTS]        =  3000,
};

gboolean
resell_price_grade_is_known (const char *grade)
{
  ResellCondition condition;

  return resell_condition_from_id (grade, &condition);
}

const char *
resell_price_grade_get_label (const char *grade)
{
  ResellCondition condition;

  return resell_condition_from_id (grade, &condition) ? resell_condition_get_label (condition) : NULL;
}

gint64
resell_price_grade_default_bp (const char *grade)
{
  ResellCondition condition;

  return resell_condition_from_id (grade, &condition) ? default_bp[condition] : 0;
}

const char *
resell_price_grade_from_text (const char *text)
{
  g_autofree char *id = NULL;
  g_autofree char *folded = NULL;
  ResellCondition condition;

  if (text == NULL)
    return NULL;

  /* "Very good", "very_good", "VERY GOOD" and "For parts" all name an id
   * once lowered and hyphenated. */
  id = g_strstrip (g_ascii_strdown (text, -1));
  g_strdelimit (id, " _", '-');
  if (resell_condition_from_id (id, &condition))
    return resell_condition_to_id (condition);

  /* Then the scale's own names, as the app shows them. */
  folded = g_utf8_casefold (text, -1);
  for (guint i = 0; i < RESELL_N_CONDITIONS; i++)
    {
      g_autofree char *label = g_utf8_casefold (resell_condition_get_label ((ResellCondition) i), -1);

      if (strcmp (label, g_strstrip (folded)) == 0)
        return resell_condition_to_id ((ResellCondition) i);
    }

  return NULL;
}
