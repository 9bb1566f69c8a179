/* resell-grade-result.h — what grading an item found: the grade, the rules
 * that decided it in words, the questions still unanswered and the
 * condition each marketplace would be given.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "grading/resell-condition.h"

G_BEGIN_DECLS

typedef enum
{
  RESELL_GRADE_REASON_DEFAULT,  /* no rule set the grade: the category's default */
  RESELL_GRADE_REASON_SET,      /* a rule set the grade */
  RESELL_GRADE_REASON_CAP,      /* a rule capped it lower */
} ResellGradeReasonKind;

typedef struct
{
  const char            *rule_id;      /* "major-stain"; "default" for the default */
  const char            *explanation;  /* "A major stain caps the grade at Good" (translated) */
  ResellGradeReasonKind  kind;
  ResellCondition        grade;        /* the grade this rule set or capped at */
  gboolean               deciding;     /* TRUE when the final grade is this rule's */
} ResellGradeReason;

#define RESELL_TYPE_GRADE_RESULT (resell_grade_result_get_type ())
G_DECLARE_FINAL_TYPE (ResellGradeResult, resell_grade_result, RESELL, GRADE_RESULT, GObject)

/* Properties (read-only): "grade" (ResellCondition as int), "category-id". */
ResellCondition          resell_grade_result_get_grade          (ResellGradeResult *self);
const char              *resell_grade_result_get_category_id    (ResellGradeResult *self);

/* The set rule (or the default) first, then the caps that lowered the
 * grade, worst first. */
guint                    resell_grade_result_get_n_reasons      (ResellGradeResult *self);
const ResellGradeReason *resell_grade_result_get_reason         (ResellGradeResult *self,
                                                                 guint              index);
/* The explanations of the deciding rules joined in one line. */
char                    *resell_grade_result_dup_deciding_text  (ResellGradeResult *self);

/* Checklist question ids with no (valid) answer, in checklist order. */
const char * const      *resell_grade_result_get_unanswered     (ResellGradeResult *self);

/* Marketplaces the category's rules map, sorted by id. */
guint                    resell_grade_result_get_n_marketplaces (ResellGradeResult *self);
const char              *resell_grade_result_get_marketplace    (ResellGradeResult *self,
                                                                 guint              index);
/* The marketplace's condition for the grade ("PRE_OWNED_FAIR"), or NULL when
 * it allows none for this grade in this category (or is not mapped). */
const char              *resell_grade_result_get_condition_for  (ResellGradeResult *self,
                                                                 const char        *marketplace);

G_END_DECLS
