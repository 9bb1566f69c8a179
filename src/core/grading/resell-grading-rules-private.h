/* resell-grading-rules-private.h — the parsed rules, read by the grader and
 * the condition text.  Only for src/core/grading/.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "grading/resell-grading-rules.h"

G_BEGIN_DECLS

typedef struct
{
  const ResellCheckQuestion *question;  /* owned by the category */
  guint                      answers;   /* bit per answer index that matches */
} ResellAnswerTest;

typedef struct
{
  GPtrArray *type_ids;       /* of char*, or NULL for any type */
  guint      severities;     /* bit per ResellSeverity; all bits for any */
  GPtrArray *zone_ids;       /* of char*, or NULL for any zone */
  guint      min_count;      /* matching flaws needed, at least 1 */
} ResellFlawTest;

typedef struct
{
  char            *id;
  GArray          *answer_tests;  /* of ResellAnswerTest, all must hold */
  ResellFlawTest  *flaw_test;     /* or NULL */
  gboolean         sets;
  ResellCondition  set;
  gboolean         caps;
  ResellCondition  cap;
  char            *explanation;   /* translated; NULL for a text-only rule */
  char            *text;          /* translated sentence for the condition text, or NULL */
} ResellGradingRule;

/* Phrases for one flaw type by severity, translated; NULL entries fall back
 * to the general wording. */
typedef struct
{
  char *by_severity[RESELL_N_SEVERITIES];
} ResellFlawPhrases;

struct _ResellGradingRules
{
  GObject          parent_instance;

  ResellCategory  *category;
  char            *source;
  ResellCondition  default_grade;
  char            *default_explanation;  /* translated */
  GPtrArray       *rules;         /* of ResellGradingRule* */
  GHashTable      *phrases;       /* flaw type id → ResellFlawPhrases* */
  GHashTable      *marketplaces;  /* id → GPtrArray[RESELL_N_CONDITIONS] of char* or NULL */
};

G_END_DECLS
