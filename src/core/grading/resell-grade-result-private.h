/* resell-grade-result-private.h — how the grader fills a result.  Only for
 * src/core/grading/.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "grading/resell-grade-result.h"

G_BEGIN_DECLS

struct _ResellGradeResult
{
  GObject          parent_instance;

  ResellCondition  grade;
  char            *category_id;
  GArray          *reasons;       /* of ResellGradeReason; strings owned by @keep */
  GPtrArray       *unanswered;    /* of const char* owned by @keep, NULL-terminated */
  GPtrArray       *marketplaces;  /* of char* */
  GPtrArray       *conditions;    /* of char* or NULL, by marketplace */
  GObject         *keep;          /* the rules the strings belong to */
};

ResellGradeResult *resell_grade_result_new (GObject    *keep,
                                            const char *category_id);

G_END_DECLS
