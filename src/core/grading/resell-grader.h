/* resell-grader.h — every category's grading rules, and grading itself: a
 * pure function of the rules, the checklist answers and the flaws, so the
 * same answer comes from the window, the CLI, the tests and the bench.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "categories/resell-category-registry.h"
#include "grading/resell-grade-result.h"
#include "grading/resell-grading-rules.h"

G_BEGIN_DECLS

/* A flaw as grading sees it: plain data, whatever stores it. */
typedef struct
{
  const char *type_id;      /* "stain" */
  const char *severity_id;  /* "minor", "moderate" or "major" */
  const char *zone_id;      /* "lining", or NULL */
  guint       photo_number; /* 1-based number among the listing photos; 0 when none */
} ResellGradeFlaw;

/* Grades one item: @answers maps question id → answer id (may be NULL for
 * none).  Never fails: answers and flaws the rules do not know are simply
 * not matched (an unknown answer counts as unanswered). */
ResellGradeResult *resell_grading_rules_grade (ResellGradingRules    *rules,
                                               GHashTable            *answers,
                                               const ResellGradeFlaw *flaws,
                                               guint                  n_flaws);

#define RESELL_TYPE_GRADER (resell_grader_get_type ())
G_DECLARE_FINAL_TYPE (ResellGrader, resell_grader, RESELL, GRADER, GObject)

ResellGrader       *resell_grader_new            (void);

/* Loads the rules built into the core (GResource /com/example/Resell/grading/)
 * and then, overriding by category, every *.json in
 * $XDG_DATA_HOME/resell/grading (or $RESELL_GRADING_DIR), each checked
 * against its category in @categories.  A malformed file is skipped and its
 * message ("file:line: what") appended to @problems; the rest still load. */
void                resell_grader_load_default   (ResellGrader           *self,
                                                  ResellCategoryRegistry *categories,
                                                  GPtrArray              *problems);
/* Loads every *.json in @dir (same rules).  Returns how many loaded. */
guint               resell_grader_load_directory (ResellGrader           *self,
                                                  ResellCategoryRegistry *categories,
                                                  const char             *dir,
                                                  GPtrArray              *problems);
void                resell_grader_add            (ResellGrader           *self,
                                                  ResellGradingRules     *rules);
/* The rules of a category, or NULL when it has none. */
ResellGradingRules *resell_grader_lookup         (ResellGrader           *self,
                                                  const char             *category_id);

G_END_DECLS
