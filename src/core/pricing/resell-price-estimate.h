/* resell-price-estimate.h — one price hint and its evidence
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "catalog/resell-catalog-comps.h"
#include "pricing/resell-money.h"

G_BEGIN_DECLS

/* Which comps the estimate stands on, most specific first. */
typedef enum
{
  RESELL_PRICE_LEVEL_NONE,       /* no comps at all: no price */
  RESELL_PRICE_LEVEL_MODEL,      /* same category, brand and model */
  RESELL_PRICE_LEVEL_BRAND,      /* same category and brand */
  RESELL_PRICE_LEVEL_CATEGORY,   /* same category */
} ResellPriceLevel;

typedef enum
{
  RESELL_PRICE_CONFIDENCE_NONE,
  RESELL_PRICE_CONFIDENCE_LOW,
  RESELL_PRICE_CONFIDENCE_MEDIUM,
  RESELL_PRICE_CONFIDENCE_HIGH,
} ResellPriceConfidence;

GType       resell_price_level_get_type      (void) G_GNUC_CONST;
GType       resell_price_confidence_get_type (void) G_GNUC_CONST;
#define RESELL_TYPE_PRICE_LEVEL (resell_price_level_get_type ())
#define RESELL_TYPE_PRICE_CONFIDENCE (resell_price_confidence_get_type ())

/* "model", "brand", "category", "none" and "high", …, "none". */
const char *resell_price_level_to_string      (ResellPriceLevel      level);
const char *resell_price_confidence_to_string (ResellPriceConfidence confidence);
/* In words, translated: "High confidence", … */
const char *resell_price_confidence_describe  (ResellPriceConfidence confidence);

/* One comp the estimate used. */
typedef struct
{
  ResellComp *comp;
  /* Its share of the total weight, 0..1 (time decay). */
  double      weight;
  /* Its price after the grade adjustment, same currency. */
  gint64      adjusted_minor;
  /* The grade adjustment applied, basis points (10000: none). */
  gint64      grade_bp;
} ResellPriceEvidence;

#define RESELL_TYPE_PRICE_ESTIMATE (resell_price_estimate_get_type ())
G_DECLARE_FINAL_TYPE (ResellPriceEstimate, resell_price_estimate, RESELL, PRICE_ESTIMATE, GObject)

/* Properties (read-only): "level", "confidence", "has-price", "sentence".
 * When has-price is FALSE every amount getter returns NULL: there is
 * never a number without comps behind it. */
gboolean               resell_price_estimate_get_has_price   (ResellPriceEstimate *self);
ResellPriceLevel       resell_price_estimate_get_level       (ResellPriceEstimate *self);
ResellPriceConfidence  resell_price_estimate_get_confidence  (ResellPriceEstimate *self);
/* One sentence: how the price was reached, or why there is none. */
const char            *resell_price_estimate_get_sentence    (ResellPriceEstimate *self);
/* The weighted median: the list price to suggest. */
const ResellMoney     *resell_price_estimate_get_suggested   (ResellPriceEstimate *self);
/* The weighted quartiles: the range. */
const ResellMoney     *resell_price_estimate_get_low         (ResellPriceEstimate *self);
const ResellMoney     *resell_price_estimate_get_high        (ResellPriceEstimate *self);
/* The lower quartile: what sells quickly. */
const ResellMoney     *resell_price_estimate_get_quick_sale  (ResellPriceEstimate *self);
/* Element type ResellPriceEvidence, heaviest first. */
GPtrArray             *resell_price_estimate_get_evidence    (ResellPriceEstimate *self);
/* Whether the grade ratios came from the comps (TRUE) or the defaults. */
gboolean               resell_price_estimate_get_grade_learned (ResellPriceEstimate *self);
/* The spread (high - low) / suggested, in basis points. */
gint64                 resell_price_estimate_get_spread_bp   (ResellPriceEstimate *self);

G_END_DECLS
