/* resell-price-backtest.h — how far the estimator's prices are from real
 * sales: leave-one-out over a CSV file's rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pricing/resell-comps-import.h"
#include "pricing/resell-price-estimator.h"

G_BEGIN_DECLS

typedef struct
{
  guint  n_rows;           /* sales in the file */
  guint  n_estimated;      /* rows the others gave a price for */
  guint  n_without_price;  /* rows with no other comps to go on */
  /* Median absolute percentage error of the estimates, basis points
   * (1420 = 14.2%); 0 when nothing was estimated. */
  gint64 mdape_bp;
  /* Rows estimated at each level (index: ResellPriceLevel). */
  guint  by_level[4];
} ResellPriceBacktest;

/* For each row, estimates its price from all the other rows (same rules
 * as for an item: its category, brand, model, grade and currency), as of
 * @settings->now or, when 0, the newest sale in the file.  @problems as
 * for resell_comps_read_csv(). */
gboolean resell_price_backtest_csv (const char                     *path,
                                    const ResellCompsImportOptions *options,
                                    const ResellPriceSettings      *settings,
                                    ResellPriceBacktest            *out,
                                    GPtrArray                     **problems,
                                    GError                        **error);

G_END_DECLS
