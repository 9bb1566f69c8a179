/* resell-price-grade.c — the condition scale as far as prices care
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-pricing"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pricing/resell-price-grade.h"

/* The default ratios are what the estimator uses when the comps do not
 * hold enough pairs of grades to learn from: roughly the spread resellers
 * see between grades of the same model (new with tags fetching about 1.4×
 * a very good one, fair about two thirds).  Learned ratios replace them. */
static const struct
{
  const char *id;
  const char *label;
  gint64      bp;
} grades[] = {
  { "new-with-tags",    N_("New with tags"),    14000 },
  { "new-without-tags", N_("New without tags"), 13000 },
  { "new-with-defects", N_("New with defects"), 11000 },
  { "like-new",         N_("Like new"),         12500 },
  { "excellent",        N_("Excellent"),        11500 },
  { "very-good",        N_("Very good"),        10000 },
  { "good",             N_("Good"),              8500 },
  { "fair",             N_("Fair"),              6500 },
  { "for-parts",        N_("For parts"),         3000 },
};

static int
find_grade (const char *grade)
{
  if (grade == NULL)
    return -1;

  for (guint i = 0; i < G_N_ELEMENTS (grades); i++)
    if (strcmp (grades[i].id, grade) == 0)
      return (int) i;

  return -1;
}

gboolean
resell_price_grade_is_known (const char *grade)
{
  return find_grade (grade) >= 0;
}

const char *
resell_price_grade_get_label (const char *grade)
{
  int i = find_grade (grade);

  return i >= 0 ? g_dgettext (GETTEXT_PACKAGE, grades[i].label) : NULL;
}

gint64
resell_price_grade_default_bp (const char *grade)
{
  int i = find_grade (grade);

  return i >= 0 ? grades[i].bp : 0;
}

const char *
resell_price_grade_from_text (const char *text)
{
  g_autofree char *id = NULL;

  if (text == NULL)
    return NULL;

  id = g_strstrip (g_ascii_strdown (text, -1));
  g_strdelimit (id, " _", '-');

  for (guint i = 0; i < G_N_ELEMENTS (grades); i++)
    if (strcmp (grades[i].id, id) == 0 ||
        g_ascii_strcasecmp (grades[i].label, text) == 0)
      return grades[i].id;

  return NULL;
}
