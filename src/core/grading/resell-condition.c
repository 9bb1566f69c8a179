/* resell-condition.c — the condition scale and severities
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-grading"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "grading/resell-condition.h"

/* Indexed by ResellCondition; the ids are shared with every other part of
 * the app and with data files, so they never change. */
static const struct {
  const char *id;
  const char *label;
} conditions[RESELL_N_CONDITIONS] = {
  { "new-with-tags",    N_("New with tags") },
  { "new-without-tags", N_("New without tags") },
  { "new-with-defects", N_("New with defects") },
  { "like-new",         N_("Like new") },
  { "excellent",        N_("Excellent") },
  { "very-good",        N_("Very good") },
  { "good",             N_("Good") },
  { "fair",             N_("Fair") },
  { "for-parts",        N_("For parts / not working") },
};

static const char * const severities[RESELL_N_SEVERITIES] = {
  "minor", "moderate", "major",
};

const char *
resell_condition_to_id (ResellCondition condition)
{
  g_return_val_if_fail ((guint)condition < RESELL_N_CONDITIONS, NULL);

  return conditions[condition].id;
}

gboolean
resell_condition_from_id (const char      *id,
                          ResellCondition *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  if (id == NULL)
    return FALSE;

  for (guint i = 0; i < RESELL_N_CONDITIONS; i++)
    {
      if (g_str_equal (id, conditions[i].id))
        {
          *out = (ResellCondition)i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
resell_condition_get_label (ResellCondition condition)
{
  g_return_val_if_fail ((guint)condition < RESELL_N_CONDITIONS, NULL);

  return g_dgettext (GETTEXT_PACKAGE, conditions[condition].label);
}

int
resell_condition_compare (ResellCondition a,
                          ResellCondition b)
{
  return (int)a - (int)b;
}

ResellCondition
resell_condition_cap (ResellCondition condition,
                      ResellCondition cap)
{
  return resell_condition_compare (condition, cap) > 0 ? condition : cap;
}

const char *
resell_severity_to_id (ResellSeverity severity)
{
  g_return_val_if_fail ((guint)severity < RESELL_N_SEVERITIES, NULL);

  return severities[severity];
}

gboolean
resell_severity_from_id (const char     *id,
                         ResellSeverity *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  if (id == NULL)
    return FALSE;

  for (guint i = 0; i < RESELL_N_SEVERITIES; i++)
    {
      if (g_str_equal (id, severities[i]))
        {
          *out = (ResellSeverity)i;
          return TRUE;
        }
    }

  return FALSE;
}
