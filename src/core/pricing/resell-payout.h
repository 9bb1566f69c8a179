/* resell-payout.h — what a sale leaves the seller and the consignor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "pricing/resell-fee-schedule.h"
#include "pricing/resell-money.h"

G_BEGIN_DECLS

#define RESELL_CONSIGNOR_SPLIT_ERROR (resell_consignor_split_error_quark ())
typedef enum
{
  RESELL_CONSIGNOR_SPLIT_ERROR_INVALID,
} ResellConsignorSplitError;
GQuark resell_consignor_split_error_quark (void);

/* The shop's agreement with its consignors, from the "consignor-split"
 * setting: "[net:|gross:]PERCENT[,FROM=PERCENT…]".  "net:40" gives the
 * consignor 40% of what is left after marketplace fees; "gross:40" 40% of
 * the sale price; "net:40,500=50,1000=60" 40% below 500, 50% from 500 and
 * 60% from 1000 (the whole sale at the rate of its tier, chosen by the
 * sale price; FROM in the sale's currency).  Percentages may have two
 * decimals ("42.5"). */
typedef struct _ResellConsignorSplit ResellConsignorSplit;

ResellConsignorSplit *resell_consignor_split_parse (const char            *text,
                                                    GError               **error);
void                  resell_consignor_split_free  (ResellConsignorSplit  *split);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ResellConsignorSplit, resell_consignor_split_free)
/* The consignor's share of a sale at @price, in basis points. */
gboolean              resell_consignor_split_rate_bp (ResellConsignorSplit *split,
                                                      const ResellMoney    *price,
                                                      gint64               *out_bp,
                                                      GError              **error);
gboolean              resell_consignor_split_is_net  (ResellConsignorSplit *split);

typedef struct
{
  ResellMoney  price;
  GPtrArray   *fee_lines;        /* ResellFeeLine; empty without a schedule */
  ResellMoney  fees;             /* their sum */
  ResellMoney  net;              /* price - fees */
  gboolean     has_consignor;
  gint64       consignor_bp;     /* the consignor's rate */
  ResellMoney  consignor;        /* the consignor's share (0 without one) */
  ResellMoney  seller;           /* net - consignor: what the shop keeps */
} ResellPayout;

void resell_payout_free (ResellPayout *payout);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ResellPayout, resell_payout_free)

/* The fees (@schedule may be NULL: none) and the split (@split may be
 * NULL: the item has no consignor) of a sale at @price in @category.
 * Exact: fees + consignor + seller == price, to the minor unit. */
ResellPayout *resell_payout_estimate (ResellFeeSchedule    *schedule,
                                      const char           *category,
                                      const ResellMoney    *price,
                                      ResellConsignorSplit *split,
                                      GError              **error);

G_END_DECLS
