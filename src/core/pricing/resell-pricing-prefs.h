/* resell-pricing-prefs.h — the shop's pricing settings, read once for the
 * app and the CLI alike
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  char  currency[4];        /* "currency", default "USD" */
  char *fee_schedule;       /* "fee-schedule", default "ebay" */
  char *consignor_split;    /* "consignor-split", default "net:40" */
  guint half_life_days;     /* "price-half-life-days", default 180 */
} ResellPricingPrefs;

/* Reads the keys from @settings (may be NULL, or an older schema without
 * them: the defaults).  An invalid currency falls back to the default. */
void resell_pricing_prefs_load  (ResellPricingPrefs *prefs,
                                 GSettings          *settings);
void resell_pricing_prefs_clear (ResellPricingPrefs *prefs);

G_END_DECLS
