/* resell-payout-rates.h — the shop's fee schedule and consignor split,
 * loaded once, so that a list of 10,000 items can show each one's price
 * and expected payout with arithmetic alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "catalog/resell-item.h"
#include "pricing/resell-payout.h"
#include "pricing/resell-pricing-prefs.h"

G_BEGIN_DECLS

#define RESELL_TYPE_PAYOUT_RATES (resell_payout_rates_get_type ())
G_DECLARE_FINAL_TYPE (ResellPayoutRates, resell_payout_rates, RESELL, PAYOUT_RATES, GObject)

/* Rates from @prefs (fee-schedule, consignor-split) read in a worker
 * thread.  A schedule or split that cannot be read is left out (no fees,
 * or no payout for consigned items) and said in the problem. */
void               resell_payout_rates_load_async  (const ResellPricingPrefs *prefs,
                                                    GCancellable             *cancellable,
                                                    GAsyncReadyCallback       callback,
                                                    gpointer                  user_data);
ResellPayoutRates *resell_payout_rates_load_finish (GAsyncResult             *result,
                                                    GError                  **error);
/* The same, on the calling thread (the CLI). */
ResellPayoutRates *resell_payout_rates_load        (const ResellPricingPrefs *prefs);

/* Why the schedule or split was left out, or NULL. */
const char        *resell_payout_rates_get_problem (ResellPayoutRates *self);

/* The payout of a sale of @item at its asking price; NULL with @error
 * when it has none or the payout cannot be worked out (say, a price in
 * another currency than the fee schedule's). */
ResellPayout      *resell_payout_rates_estimate    (ResellPayoutRates  *self,
                                                    ResellItem         *item,
                                                    GError            **error);

/* For lists: the asking price and what the shop keeps of it, formatted
 * ("€125.00"), or NULL when there is none (the list shows a dash). */
char              *resell_item_dup_price_text      (ResellItem         *item);
char              *resell_payout_rates_dup_payout_text (ResellPayoutRates *self,
                                                        ResellItem        *item);

G_END_DECLS
