/* resell-condition.h — the app's condition scale, best to worst, and flaw
 * severities, with the ids used in data files, the catalog, the CLI and
 * JSON.  Each marketplace's own conditions are mapped from this scale in the
 * grading rules files, never here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Ordered best to worst: a smaller value is a better condition. */
typedef enum
{
  RESELL_CONDITION_NEW_WITH_TAGS,     /* "new-with-tags" */
  RESELL_CONDITION_NEW_WITHOUT_TAGS,  /* "new-without-tags" */
  RESELL_CONDITION_NEW_WITH_DEFECTS,  /* "new-with-defects" */
  RESELL_CONDITION_LIKE_NEW,          /* "like-new" */
  RESELL_CONDITION_EXCELLENT,         /* "excellent" */
  RESELL_CONDITION_VERY_GOOD,         /* "very-good" */
  RESELL_CONDITION_GOOD,              /* "good" */
  RESELL_CONDITION_FAIR,              /* "fair" */
  RESELL_CONDITION_FOR_PARTS,         /* "for-parts" */
} ResellCondition;

#define RESELL_N_CONDITIONS (RESELL_CONDITION_FOR_PARTS + 1)

const char *resell_condition_to_id    (ResellCondition  condition);
gboolean    resell_condition_from_id  (const char      *id,
                                       ResellCondition *out);
/* "New with tags", …, "For parts / not working", translated. */
const char *resell_condition_get_label (ResellCondition condition);

/* < 0 when @a is better than @b, 0 when equal, > 0 when worse. */
int             resell_condition_compare (ResellCondition a,
                                          ResellCondition b);
/* The worse of the two: a cap of @cap on @condition. */
ResellCondition resell_condition_cap     (ResellCondition condition,
                                          ResellCondition cap);

typedef enum
{
  RESELL_SEVERITY_MINOR,     /* "minor" */
  RESELL_SEVERITY_MODERATE,  /* "moderate" */
  RESELL_SEVERITY_MAJOR,     /* "major" */
} ResellSeverity;

#define RESELL_N_SEVERITIES (RESELL_SEVERITY_MAJOR + 1)

const char *resell_severity_to_id   (ResellSeverity  severity);
gboolean    resell_severity_from_id (const char     *id,
                                     ResellSeverity *out);

G_END_DECLS
