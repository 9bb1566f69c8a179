/* test-money.c — the money type: exact sums, refused mixtures, rounding,
 * parsing and formatting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "pricing/resell-money.h"
#include "resell-test-utils.h"

static void
test_money_exact_sums (void)
{
  ResellMoney total = resell_money_make (0, "EUR");
  ResellMoney cent = resell_money_make (1, "EUR");
  ResellMoney dime = resell_money_make (10, "EUR");
  g_autoptr(GError) error = NULL;

  /* 0.10 ten thousand times: a double would drift, minor units do not. */
  for (guint i = 0; i < 10000; i++)
    g_assert_true (resell_money_add (&total, &dime, &total, &error));
  g_assert_no_error (error);
  g_assert_cmpint (total.minor, ==, 100000);
  g_assert_cmpstr (total.currency, ==, "EUR");

  for (guint i = 0; i < 99999; i++)
    g_assert_true (resell_money_sub (&total, &cent, &total, &error));
  g_assert_cmpint (total.minor, ==, 1);

  {
    ResellMoney big = resell_money_make (G_MAXINT64, "EUR");
    ResellMoney out = resell_money_make (7, "EUR");

    g_assert_false (resell_money_add (&big, &cent, &out, &error));
    g_assert_error (error, RESELL_MONEY_ERROR, RESELL_MONEY_ERROR_OVERFLOW);
    g_assert_cmpint (out.minor, ==, 7);
    g_clear_error (&error);
  }
}

static void
test_money_mixed_currencies (void)
{
  ResellMoney eur = resell_money_make (1000, "EUR");
  ResellMoney usd = resell_money_make (1000, "USD");
  ResellMoney out = resell_money_make (42, "GBP");
  g_autoptr(GError) error = NULL;
  gint64 bp = 0;
  int order = 5;

  g_assert_false (resell_money_add (&eur, &usd, &out, &error));
  g_assert_error (error, RESELL_MONEY_ERROR, RESELL_MONEY_ERROR_MIXED_CURRENCY);
  g_clear_error (&error);
  g_assert_false (resell_money_sub (&eur, &usd, &out, &error));
  g_assert_error (error, RESELL_MONEY_ERROR, RESELL_MONEY_ERROR_MIXED_CURRENCY);
  g_clear_error (&error);
  g_assert_false (resell_money_compare (&eur, &usd, &order, &error));
  g_assert_error (error, RESELL_MONEY_ERROR, RESELL_MONEY_ERROR_MIXED_CURRENCY);
  g_clear_error (&error);
  g_assert_false (resell_money_min (&eur, &usd, &out, &error));
  g_clear_error (&error);
  g_assert_false (resell_money_max (&eur, &usd, &out, &error));
  g_clear_error (&error);
  g_assert_false (resell_money_ratio_bp (&eur, &usd, &bp, &error));
  g_clear_error (&error);

  /* Nothing was written on failure. */
  g_assert_cmpint (out.minor, ==, 42);
  g_assert_cmpstr (out.currency, ==, "GBP");
  g_assert_cmpint (order, ==, 5);

  g_assert_true (resell_money_compare (&eur, &eur, &order, &error));
  g_assert_cmpint (order, ==, 0);
}

static void
test_money_rounding (void)
{
  /* amount × numerator / denominator → expected, half to even. */
  static const struct
  {
    gint64 minor;
    gint64 numerator;
    gint64 denominator;
    gint64 expected;
  } table[] = {
    { 5, 1, 10, 0 },          /* 0.5 → 0 */
    { 15, 1, 10, 2 },         /* 1.5 → 2 */
    { 25, 1, 10, 2 },         /* 2.5 → 2 */
    { 35, 1, 10, 4 },         /* 3.5 → 4 */
    { 26, 1, 10, 3 },         /* 2.6 → 3 */
    { 24, 1, 10, 2 },         /* 2.4 → 2 */
    { -25, 1, 10, -2 },       /* -2.5 → -2 */
    { -35, 1, 10, -4 },       /* -3.5 → -4 */
    { -26, 1, 10, -3 },
    { 25, -1, 10, -2 },
    { 10000, 1325, 10000, 1325 },    /* 13.25% of 100.00 */
    { 1999, 1325, 10000, 265 },      /* 264.8675 → 265 */
    { 50, 1, 4, 12 },                /* 12.5 → 12 */
    { 54, 1, 4, 14 },                /* 13.5 → 14 */
    { 100, 1, 3, 33 },
    { 200, 1, 3, 67 },
    { G_MAXINT64 / 2, 2, 2, G_MAXINT64 / 2 },   /* the product needs 128 bits */
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      ResellMoney a = resell_money_make (table[i].minor, "USD");
      ResellMoney out;
      g_autoptr(GError) error = NULL;

      g_assert_true (resell_money_multiply_ratio (&a, table[i].numerator, table[i].denominator, &out, &error));
      g_assert_no_error (error);
      if (out.minor != table[i].expected)
        g_error ("row %u: %" G_GINT64_FORMAT " × %" G_GINT64_FORMAT " / %" G_GINT64_FORMAT
                 " gave %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT,
                 i, table[i].minor, table[i].numerator, table[i].denominator, out.minor, table[i].expected);
    }

  {
    ResellMoney a = resell_money_make (12345, "EUR");
    ResellMoney whole = resell_money_make (80000, "EUR");
    ResellMoney out;
    gint64 bp;

    g_assert_true (resell_money_multiply_bp (&a, 1000, &out, NULL));
    g_assert_cmpint (out.minor, ==, 1234);   /* 1234.5 → 1234 */
    g_assert_true (resell_money_percent_of (&a, 10, &out, NULL));
    g_assert_cmpint (out.minor, ==, 1234);
    g_assert_true (resell_money_ratio_bp (&a, &whole, &bp, NULL));
    g_assert_cmpint (bp, ==, 1543);          /* 15.43125% */
    g_assert_true (resell_money_min (&a, &whole, &out, NULL));
    g_assert_cmpint (out.minor, ==, 12345);
    g_assert_true (resell_money_max (&a, &whole, &out, NULL));
    g_assert_cmpint (out.minor, ==, 80000);
  }

  {
    ResellMoney huge = resell_money_make (G_MAXINT64, "EUR");
    ResellMoney out;
    g_autoptr(GError) error = NULL;

    g_assert_false (resell_money_multiply_ratio (&huge, 3, 2, &out, &error));
    g_assert_error (error, RESELL_MONEY_ERROR, RESELL_MONEY_ERROR_OVERFLOW);
  }
}

static void
test_money_parse (void)
{
  static const struct
  {
    const char *text;
    const char *currency;
    gint64      minor;
  } good[] = {
    { "12.34", "EUR", 1234 },
    { "12,34", "EUR", 1234 },
    { "1234", "EUR", 123400 },
    { " 7 ", "EUR", 700 },
    { "12.3", "EUR", 1230 },
    { "-3.5", "EUR", -350 },
    { "0.01", "USD", 1 },
    { "1,234.50", "USD", 123450 },
    { "1.234,50", "EUR", 123450 },
    { "1,234", "USD", 123400 },
    { "1234", "JPY", 1234 },
    { "1,500", "JPY", 1500 },
    { "1.234", "KWD", 1234 },
    { "2.5", "KWD", 2500 },
    { "12.34", "XYZ", 1234 },       /* unknown codes have two decimals */
  };
  static const struct
  {
    const char *text;
    const char *currency;
  } bad[] = {
    { "", "EUR" }, { "abc", "EUR" }, { "12.345.6", "EUR" }, { "1.2345", "KWD" },
    { "12.5", "JPY" }, { "12.3x", "EUR" }, { "€12", "EUR" }, { "1,23,456", "EUR" },
    { "99999999999999999999", "EUR" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      ResellMoney out;
      g_autoptr(GError) error = NULL;

      if (!resell_money_parse (good[i].text, good[i].currency, &out, &error))
        g_error ("“%s” %s: %s", good[i].text, good[i].currency, error->message);
      g_assert_cmpint (out.minor, ==, good[i].minor);
      g_assert_cmpstr (out.currency, ==, good[i].currency);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      ResellMoney out = resell_money_make (99, "EUR");
      g_autoptr(GError) error = NULL;

      if (resell_money_parse (bad[i].text, bad[i].currency, &out, &error))
        g_error ("“%s” %s parsed as %" G_GINT64_FORMAT, bad[i].text, bad[i].currency, out.minor);
      g_assert_nonnull (error);
      g_assert_cmpint (out.minor, ==, 99);
    }

  g_assert_cmpuint (resell_currency_get_exponent ("JPY"), ==, 0);
  g_assert_cmpuint (resell_currency_get_exponent ("KWD"), ==, 3);
  g_assert_cmpuint (resell_currency_get_exponent ("EUR"), ==, 2);
  g_assert_false (resell_currency_is_valid ("eur"));
  g_assert_false (resell_currency_is_valid ("EURO"));
}

static void
test_money_format (void)
{
  static const struct
  {
    gint64      minor;
    const char *currency;
    const char *plain;
    const char *display;
  } table[] = {
    { 1234, "EUR", "12.34", "€12.34" },
    { 5, "USD", "0.05", "$0.05" },
    { -1205, "GBP", "-12.05", "-£12.05" },
    { 1500, "JPY", "1500", "¥1500" },
    { 1234, "KWD", "1.234", "1.234 KWD" },
    { 100, "CHF", "1.00", "1.00 CHF" },
    { G_MININT64, "CHF", "-92233720368547758.08", "-92233720368547758.08 CHF" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      ResellMoney money = resell_money_make (table[i].minor, table[i].currency);
      g_autofree char *plain = resell_money_format_plain (&money);
      g_autofree char *display = resell_money_format (&money);
      ResellMoney back;

      g_assert_cmpstr (plain, ==, table[i].plain);
      g_assert_cmpstr (display, ==, table[i].display);
      if (table[i].minor != G_MININT64)
        {
          g_assert_true (resell_money_parse (plain, table[i].currency, &back, NULL));
          g_assert_true (resell_money_equal (&back, &money));
        }
    }
}

static void
test_money_json (void)
{
  ResellMoney money = resell_money_make (1234, "EUR");
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) fractional = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  ResellMoney back;

  resell_money_build_json (&money, builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);
  g_assert_cmpstr (text, ==, "{\"minor\":1234,\"currency\":\"EUR\"}");

  g_assert_true (resell_money_from_json (root, &back, &error));
  g_assert_true (resell_money_equal (&back, &money));

  fractional = json_from_string ("{\"minor\": 12.5, \"currency\": \"EUR\"}", NULL);
  g_assert_false (resell_money_from_json (fractional, &back, &error));
  g_assert_error (error, RESELL_MONEY_ERROR, RESELL_MONEY_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  resell_test_init (&argc, &argv);
  /* The display format follows the locale's decimal mark: pin it. */
  setlocale (LC_ALL, "C");

  g_test_add_func ("/money/exact-sums", test_money_exact_sums);
  g_test_add_func ("/money/mixed-currencies", test_money_mixed_currencies);
  g_test_add_func ("/money/rounding", test_money_rounding);
  g_test_add_func ("/money/parse", test_money_parse);
  g_test_add_func ("/money/format", test_money_format);
  g_test_add_func ("/money/json", test_money_json);

  return resell_test_run ();
}
