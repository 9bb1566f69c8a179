/* resell-condition-text.h — the condition description a buyer reads,
 * written from the flaws and the checklist with the photo numbers: "Small
 * stain on the lining, see photo 7. Light wear on two corners, photos 4
 * and 5."
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "grading/resell-grader.h"

G_BEGIN_DECLS

/* eBay's conditionDescription limit, in characters. */
#define RESELL_CONDITION_TEXT_MAX_CHARS 1000

/* Sentences from the rules' "text" for the matching answers first, then one
 * sentence per flaw type and zone, worst first.  Never longer than
 * @max_chars characters (0 for RESELL_CONDITION_TEXT_MAX_CHARS): whole
 * sentences are dropped from the end and "And 3 more flaws, see the
 * photos." said instead. */
char *resell_condition_text_write (ResellGradingRules    *rules,
                                   GHashTable            *answers,
                                   const ResellGradeFlaw *flaws,
                                   guint                  n_flaws,
                                   guint                  max_chars);

G_END_DECLS
