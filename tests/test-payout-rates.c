/* test-payout-rates.c — the price and payout texts the browser's list shows,
 * from the shop's rates loaded once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "resell-core.h"
#include "pricing/resell-fee-schedule.h"
#include "pricing/resell-payout-rates.h"

static ResellItem *
priced_item (const char *consignor,
             gint64      minor,
             const char *currency)
{
  ResellItem *item = resell_item_new ();

  resell_item_set_category (item, "handbags");
  resell_item_set_consignor (item, consignor);
  resell_item_set_list_price (item, minor, currency);

  return item;
}

static char *
expected_seller_share (ResellConsignorSplit *split,
                       gint64                minor,
                       const char           *currency)
{
  g_autoptr(ResellFeeSchedule) ebay = NULL;
  g_autoptr(ResellPayout) payout = NULL;
  g_autoptr(GError) error = NULL;
  ResellMoney price = resell_money_make (minor, currency);

  ebay = resell_fee_schedule_lookup ("ebay", &error);
  g_assert_no_error (error);
  payout = resell_payout_estimate (ebay, "handbags", &price, split, &error);
  g_assert_no_error (error);

  return resell_money_format (&payout->seller);
}

static void
rates_loaded (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  ResellPayoutRates **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = resell_payout_rates_load_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_payout_texts (void)
{
  ResellPricingPrefs prefs = { "USD", (char *) "ebay", (char *) "net:40", 180 };
  g_autoptr(ResellPayoutRates) rates = NULL;
  g_autoptr(ResellConsignorSplit) split = NULL;
  g_autoptr(ResellItem) own = priced_item ("", 12500, "USD");
  g_autoptr(ResellItem) consigned = priced_item ("Ann", 12500, "USD");
  g_autoptr(ResellItem) unpriced = priced_item ("", 0, NULL);
  g_autoptr(ResellItem) euros = priced_item ("", 12500, "EUR");
  g_autoptr(GError) error = NULL;
  g_autofree char *own_text = NULL;
  g_autofree char *own_expected = NULL;
  g_autofree char *consigned_text = NULL;
  g_autofree char *consigned_expected = NULL;
  g_autofree char *price_text = NULL;
  g_autofree char *none = NULL;

  resell_payout_rates_load_async (&prefs, NULL, rates_loaded, &rates);
  while (rates == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (resell_payout_rates_get_problem (rates));

  /* The shop's own item: the price less eBay's fees. */
  own_text = resell_payout_rates_dup_payout_text (rates, own);
  own_expected = expected_seller_share (NULL, 12500, "USD");
  g_assert_cmpstr (own_text, ==, own_expected);
  price_text = resell_item_dup_price_text (own);
  g_assert_cmpstr (price_text, !=, own_text);

  /* A consigned one: less the consignor's 40% of the net too. */
  split = resell_consignor_split_parse ("net:40", &error);
  g_assert_no_error (error);
  consigned_text = resell_payout_rates_dup_payout_text (rates, consigned);
  consigned_expected = expected_seller_share (split, 12500, "USD");
  g_assert_cmpstr (consigned_text, ==, consigned_expected);
  g_assert_cmpstr (consigned_text, !=, own_text);

  /* No price, or a price the fee schedule cannot take: nothing (a dash). */
  g_assert_null (resell_item_dup_price_text (unpriced));
  g_assert_null (resell_payout_rates_dup_payout_text (rates, unpriced));
  none = resell_payout_rates_dup_payout_text (rates, euros);
  g_assert_null (none);
}

static void
test_bad_rates (void)
{
  ResellPricingPrefs prefs = { "USD", (char *) "no-such-schedule", (char *) "half", 180 };
  g_autoptr(ResellPayoutRates) rates = resell_payout_rates_load (&prefs);
  g_autoptr(ResellItem) own = priced_item ("", 10000, "USD");
  g_autoptr(ResellItem) consigned = priced_item ("Ann", 10000, "USD");
  g_autofree char *own_text = NULL;

  /* Both problems are said; the shop's own items still get a payout
   * (without fees), consigned ones none rather than a wrong one. */
  g_assert_nonnull (resell_payout_rates_get_problem (rates));
  g_assert_nonnull (strstr (resell_payout_rates_get_problem (rates), "half"));
  own_text = resell_payout_rates_dup_payout_text (rates, own);
  g_assert_nonnull (own_text);
  g_assert_null (resell_payout_rates_dup_payout_text (rates, consigned));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/payout-rates/texts", test_payout_texts);
  g_test_add_func ("/payout-rates/bad-rates", test_bad_rates);

  return g_test_run ();
}
