/* resell-price-estimate-private.h — the estimate's fields, filled by the
 * estimator (resell-price-estimator.c) only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pricing/resell-price-estimate.h"

G_BEGIN_DECLS

struct _ResellPriceEstimate
{
  GObject               parent_instance;

  ResellPriceLevel      level;
  ResellPriceConfidence confidence;
  gboolean              has_price;
  gboolean              grade_learned;
  char                 *sentence;
  ResellMoney           suggested;
  ResellMoney           low;
  ResellMoney           high;
  ResellMoney           quick_sale;
  gint64                spread_bp;
  GPtrArray            *evidence;
};

void resell_price_evidence_free (ResellPriceEvidence *evidence);

G_END_DECLS
