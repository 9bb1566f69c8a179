/* test-pricing.c — comparable sales, the price estimator, the backtest,
 * fee schedules and the consignor split
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "catalog/resell-catalog-comps.h"
#include "catalog/resell-catalog-grading.h"
#include "categories/resell-category-registry.h"
#include "grading/resell-grader.h"
#include "pricing/resell-comps-import.h"
#include "pricing/resell-fee-schedule.h"
#include "pricing/resell-payout.h"
#include "pricing/resell-price-backtest.h"
#include "pricing/resell-price-estimator.h"
#include "pricing/resell-price-hint.h"
#include "catalog-test-utils.h"
#include "resell-test-utils.h"

#define DAY (24 * 60 * 60)
/* A fixed "today", so ages and weights are the same on every run. */
#define NOW ((gint64) 1796083200)   /* 2026-12-01 */

typedef ResellTestCatalogFixture Fixture;

static ResellComp *
make_comp (const char *category,
           const char *brand,
           const char *model,
           const char *grade,
           gint64      price_minor,
           const char *currency,
           gint64      sold_at)
{
  ResellComp *comp = resell_comp_new ();

  g_free (comp->category);
  comp->category = g_strdup (category);
  g_free (comp->brand);
  comp->brand = g_strdup (brand);
  g_free (comp->model);
  comp->model = g_strdup (model);
  g_free (comp->grade);
  comp->grade = g_strdup (grade);
  comp->price_minor = price_minor;
  g_strlcpy (comp->currency, currency, sizeof comp->currency);
  comp->sold_at = sold_at;

  return comp;
}

/* A log-normal price around @median (sigma @sigma), from @rand. */
static gint64
draw_price (GRand  *rand,
            gint64  median,
            double  sigma)
{
  /* Box–Muller: a standard normal from two uniforms. */
  double u1 = g_rand_double_range (rand, 1e-12, 1.0);
  double u2 = g_rand_double (rand);
  double z = sqrt (-2.0 * log (u1)) * cos (2.0 * G_PI * u2);

  return (gint64) llround ((double) median * exp (sigma * z));
}

static ResellPriceEstimate *
estimate (ResellCatalog *catalog,
          const char    *category,
          const char    *brand,
          const char    *model,
          const char    *grade,
          const char    *currency)
{
  ResellPriceQuery query = { category, NULL, brand, model, grade, currency };
  ResellPriceSettings settings;
  g_autoptr(GError) error = NULL;
  ResellPriceEstimate *result;

  /* The catalog's lookups with a fixed clock. */
  resell_price_settings_init (&settings);
  settings.now = NOW;
  result = resell_price_estimate_compute_for_catalog (catalog, &query, &settings, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);

  return result;
}

static void
insert_synthetic (ResellCatalog *catalog,
                  GRand         *rand,
                  guint          n,
                  gint64         median)
{
  g_autoptr(GPtrArray) comps = g_ptr_array_new_with_free_func ((GDestroyNotify) resell_comp_free);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (comps, make_comp ("handbags", "Coach", "Tabby", "very-good",
                                       draw_price (rand, median, 0.2), "EUR",
                                       NOW - g_rand_int_range (rand, 0, 365) * DAY));

  g_assert_true (resell_catalog_insert_comps (catalog, comps, &error));
  g_assert_no_error (error);
}

static void
test_estimator_recovers_median (Fixture       *f,
                                gconstpointer  data)
{
  const gint64 median = 20000;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261201);
  g_autoptr(ResellPriceEstimate) result = NULL;
  const ResellMoney *suggested, *low, *high;
  guint inside = 0;
  const guint held_out = 2000;

  insert_synthetic (f->catalog, rand, 200, median);
  result = estimate (f->catalog, "handbags", "Coach", "Tabby", "very-good", "EUR");

  g_assert_true (resell_price_estimate_get_has_price (result));
  g_assert_cmpint (resell_price_estimate_get_level (result), ==, RESELL_PRICE_LEVEL_MODEL);
  suggested = resell_price_estimate_get_suggested (result);
  low = resell_price_estimate_get_low (result);
  high = resell_price_estimate_get_high (result);
  g_assert_cmpstr (suggested->currency, ==, "EUR");
  g_test_message ("suggested %" G_GINT64_FORMAT ", range %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT,
                  suggested->minor, low->minor, high->minor);

  /* Within 5% of the distribution's median. */
  g_assert_cmpint (llabs (suggested->minor - median) * 100, <=, 5 * median);
  g_assert_cmpint (low->minor, <, suggested->minor);
  g_assert_cmpint (suggested->minor, <, high->minor);
  g_assert_true (resell_money_equal (resell_price_estimate_get_quick_sale (result), low));

  /* The quartile range holds about half of new sales. */
  for (guint i = 0; i < held_out; i++)
    {
      gint64 price = draw_price (rand, median, 0.2);

      if (price >= low->minor && price <= high->minor)
        inside++;
    }
  g_test_message ("%u of %u held-out prices inside the range", inside, held_out);
  g_assert_cmpuint (inside * 100, >=, 40 * held_out);
  g_assert_cmpuint (inside * 100, <=, 60 * held_out);

  g_assert_cmpint (resell_price_estimate_get_confidence (result), ==, RESELL_PRICE_CONFIDENCE_HIGH);
  g_assert_cmpuint (resell_price_estimate_get_evidence (result)->len, ==, 200);
  g_test_message ("%s", resell_price_estimate_get_sentence (result));
  g_assert_nonnull (strstr (resell_price_estimate_get_sentence (result),
                            "200 sales of Coach Tabby in Very good condition, last 12 months"));
}

/* Recent sales weigh more: a model whose price doubled half a year ago. */
static void
test_estimator_time_decay (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) comps = g_ptr_array_new_with_free_func ((GDestroyNotify) resell_comp_free);
  g_autoptr(ResellPriceEstimate) result = NULL;
  GPtrArray *evidence;
  double first_weight, last_weight;

  /* 12 old sales at 100.00 (a year ago) and 8 recent ones at 200.00. */
  for (guint i = 0; i < 12; i++)
    g_ptr_array_add (comps, make_comp ("shoes", "Nike", "Dunk", "", 10000, "EUR", NOW - 365 * DAY));
  for (guint i = 0; i < 8; i++)
    g_ptr_array_add (comps, make_comp ("shoes", "Nike", "Dunk", "", 20000, "EUR", NOW - 5 * DAY));
  g_assert_true (resell_catalog_insert_comps (f->catalog, comps, NULL));

  result = estimate (f->catalog, "shoes", "Nike", "Dunk", "", "EUR");
  /* Unweighted, the median would be 100.00; by weight the recent win. */
  g_assert_cmpint (resell_price_estimate_get_suggested (result)->minor, ==, 20000);

  evidence = resell_price_estimate_get_evidence (result);
  first_weight = ((ResellPriceEvidence *) g_ptr_array_index (evidence, 0))->weight;
  last_weight = ((ResellPriceEvidence *) g_ptr_array_index (evidence, evidence->len - 1))->weight;
  /* 360 days apart with a 180-day half-life: a quarter. */
  g_assert_cmpfloat_with_epsilon (last_weight / first_weight, 0.25, 0.01);
}

static void
test_estimator_fallback (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) comps = g_ptr_array_new_with_free_func ((GDestroyNotify) resell_comp_free);
  g_autoptr(ResellPriceEstimate) model = NULL;
  g_autoptr(ResellPriceEstimate) brand = NULL;
  g_autoptr(ResellPriceEstimate) category = NULL;
  g_autoptr(ResellPriceEstimate) none = NULL;
  g_autoptr(ResellPriceEstimate) other_currency = NULL;

  /* Coach Tabby: 6 sales at 300; Coach Rogue: 2 at 500; Coach others: 4
   * at 200; Gucci: 10 at 900; a Tabby sold in USD. */
  for (guint i = 0; i < 6; i++)
    g_ptr_array_add (comps, make_comp ("handbags", "Coach", "Tabby", "", 30000, "EUR", NOW - (gint64) i * DAY));
  for (guint i = 0; i < 2; i++)
    g_ptr_array_add (comps, make_comp ("handbags", "coach", "rogue", "", 50000, "EUR", NOW - (gint64) i * DAY));
  for (guint i = 0; i < 4; i++)
    g_ptr_array_add (comps, make_comp ("handbags", "Coach", "Willow", "", 20000, "EUR", NOW - (gint64) i * DAY));
  for (guint i = 0; i < 10; i++)
    g_ptr_array_add (comps, make_comp ("handbags", "Gucci", "Jackie", "", 90000, "EUR", NOW - (gint64) i * DAY));
  g_ptr_array_add (comps, make_comp ("handbags", "Coach", "Tabby", "", 99900, "USD", NOW));
  g_assert_true (resell_catalog_insert_comps (f->catalog, comps, NULL));

  model = estimate (f->catalog, "handbags", "Coach", "Tabby", "", "EUR");
  g_assert_cmpint (resell_price_estimate_get_level (model), ==, RESELL_PRICE_LEVEL_MODEL);
  g_assert_cmpint (resell_price_estimate_get_suggested (model)->minor, ==, 30000);
  g_assert_cmpuint (resell_price_estimate_get_evidence (model)->len, ==, 6);

  /* Two Rogues are too few: all 12 Coach bags, names compared without case. */
  brand = estimate (f->catalog, "handbags", "Coach", "Rogue", "", "EUR");
  g_assert_cmpint (resell_price_estimate_get_level (brand), ==, RESELL_PRICE_LEVEL_BRAND);
  g_assert_cmpuint (resell_price_estimate_get_evidence (brand)->len, ==, 12);
  g_assert_cmpint (resell_price_estimate_get_suggested (brand)->minor, ==, 30000);
  g_assert_nonnull (strstr (resell_price_estimate_get_sentence (brand), "too few sales of Coach Rogue"));
  g_assert_cmpint (resell_price_estimate_get_confidence (brand), !=, RESELL_PRICE_CONFIDENCE_HIGH);

  /* No Prada at all: the category. */
  category = estimate (f->catalog, "handbags", "Prada", "Galleria", "", "EUR");
  g_assert_cmpint (resell_price_estimate_get_level (category), ==, RESELL_PRICE_LEVEL_CATEGORY);
  g_assert_cmpuint (resell_price_estimate_get_evidence (category)->len, ==, 22);
  g_assert_cmpint (resell_price_estimate_get_confidence (category), ==, RESELL_PRICE_CONFIDENCE_LOW);

  /* Nothing in the category: no number, and a sentence saying so. */
  none = estimate (f->catalog, "shoes", "Nike", "Dunk", "", "EUR");
  g_assert_false (resell_price_estimate_get_has_price (none));
  g_assert_null (resell_price_estimate_get_suggested (none));
  g_assert_null (resell_price_estimate_get_low (none));
  g_assert_cmpint (resell_price_estimate_get_confidence (none), ==, RESELL_PRICE_CONFIDENCE_NONE);
  g_assert_nonnull (strstr (resell_price_estimate_get_sentence (none), "No comparable sales"));

  /* Another currency is never converted: one USD Tabby, so the model
   * level has one comp, and the wider levels have none in USD. */
  other_currency = estimate (f->catalog, "handbags", "Coach", "Tabby", "", "USD");
  g_assert_cmpint (resell_price_estimate_get_level (other_currency), ==, RESELL_PRICE_LEVEL_MODEL);
  g_assert_cmpuint (resell_price_estimate_get_evidence (other_currency)->len, ==, 1);
  g_assert_cmpint (resell_price_estimate_get_suggested (other_currency)->minor, ==, 99900);
  g_assert_cmpstr (resell_price_estimate_get_suggested (other_currency)->currency, ==, "USD");
  g_assert_cmpint (resell_price_estimate_get_confidence (other_currency), ==, RESELL_PRICE_CONFIDENCE_LOW);
}

static void
test_estimator_grade (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) comps = g_ptr_array_new_with_free_func ((GDestroyNotify) resell_comp_free);
  g_autoptr(GPtrArray) few = g_ptr_array_new_with_free_func ((GDestroyNotify) resell_comp_free);
  g_autoptr(ResellPriceEstimate) learned = NULL;
  g_autoptr(ResellPriceEstimate) defaults = NULL;
  GPtrArray *evidence;

  /* Very good Tabbies at 400, good ones at 320: a ratio of 1.25. */
  for (guint i = 0; i < 5; i++)
    {
      g_ptr_array_add (comps, make_comp ("handbags", "Coach", "Tabby", "very-good", 40000, "EUR", NOW - DAY));
      g_ptr_array_add (comps, make_comp ("handbags", "Coach", "Tabby", "good", 32000, "EUR", NOW - DAY));
    }
  g_assert_true (resell_catalog_insert_comps (f->catalog, comps, NULL));

  learned = estimate (f->catalog, "handbags", "Coach", "Tabby", "very-good", "EUR");
  g_assert_true (resell_price_estimate_get_grade_learned (learned));
  evidence = resell_price_estimate_get_evidence (learned);
  for (guint i = 0; i < evidence->len; i++)
    {
      ResellPriceEvidence *e = g_ptr_array_index (evidence, i);

      g_assert_cmpint (e->adjusted_minor, ==, 40000);
      g_assert_cmpint (e->grade_bp, ==, strcmp (e->comp->grade, "good") == 0 ? 12500 : 10000);
    }
  g_assert_cmpint (resell_price_estimate_get_suggested (learned)->minor, ==, 40000);
  g_assert_nonnull (strstr (resell_price_estimate_get_sentence (learned), "adjusted to Very good condition"));

  /* Two of each are not enough pairs: the default ratio (10000 / 8500). */
  for (guint i = 0; i < 2; i++)
    {
      g_ptr_array_add (few, make_comp ("shoes", "Nike", "Dunk", "very-good", 10000, "EUR", NOW - DAY));
      g_ptr_array_add (few, make_comp ("shoes", "Nike", "Dunk", "good", 8500, "EUR", NOW - DAY));
    }
  g_assert_true (resell_catalog_insert_comps (f->catalog, few, NULL));
  defaults = estimate (f->catalog, "shoes", "Nike", "Dunk", "very-good", "EUR");
  g_assert_false (resell_price_estimate_get_grade_learned (defaults));
  evidence = resell_price_estimate_get_evidence (defaults);
  for (guint i = 0; i < evidence->len; i++)
    {
      ResellPriceEvidence *e = g_ptr_array_index (evidence, i);

      if (strcmp (e->comp->grade, "good") == 0)
        {
          g_assert_cmpint (e->grade_bp, ==, 11765);
          g_assert_cmpint (e->adjusted_minor, ==, 10000);   /* 8500 × 1.1765 = 10000.25 */
        }
    }
}

/* ------------------------------------------------------------------ */
/* CSV import                                                         */
/* ------------------------------------------------------------------ */

static char *
write_csv (Fixture    *f,
           const char *name,
           const char *text)
{
  return resell_test_write_file (f->dir, name, text, strlen (text));
}

static void
test_import_good_file (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *path = write_csv (f, "sales.csv",
                                     "\xEF\xBB\xBF" "Brand,Model,Category,Condition,Sold Price,Currency,Date Sold,URL\n"
                                     "Coach,Tabby,handbags,Very good,350.00,EUR,2026-11-02,https://example.com/1\n"
                                     "\"Louis Vuitton\",\"Speedy, 30\",handbags,good,\"1.234,50\",eur,2026-10-01,\n"
                                     "Nike,Dunk,shoes,,95,USD,1790000000,\"a note\n"
                                     "over two lines\"\n"
                                     ",,,,,,,\n");
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  ResellCompQuery query = { NULL, };
  guint n = 0;

  g_assert_true (resell_comps_import_csv (f->catalog, path, NULL, &n, &problems, &error));
  g_assert_no_error (error);
  g_assert_null (problems);
  g_assert_cmpuint (n, ==, 3);

  all = resell_catalog_query_comps (f->catalog, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 3);

  /* Newest first. */
  {
    ResellComp *coach = g_ptr_array_index (all, 0);
    ResellComp *lv = g_ptr_array_index (all, 1);
    ResellComp *nike = g_ptr_array_index (all, 2);

    g_assert_cmpstr (coach->brand, ==, "Coach");
    g_assert_cmpstr (coach->grade, ==, "very-good");
    g_assert_cmpint (coach->price_minor, ==, 35000);
    g_assert_cmpstr (coach->currency, ==, "EUR");
    g_assert_cmpstr (coach->source, ==, "csv");
    g_assert_cmpstr (coach->imported_from, ==, "sales.csv");
    g_assert_cmpstr (coach->reference, ==, "https://example.com/1");
    g_assert_cmpint (coach->sold_at, ==, 1793577600);   /* 2026-11-02T00:00:00Z */

    g_assert_cmpstr (lv->model, ==, "Speedy, 30");
    g_assert_cmpint (lv->price_minor, ==, 123450);

    /* Another currency is kept as it is, never converted. */
    g_assert_cmpstr (nike->currency, ==, "USD");
    g_assert_cmpint (nike->price_minor, ==, 9500);
    g_assert_cmpstr (nike->grade, ==, "");
    g_assert_cmpstr (nike->reference, ==, "a note\nover two lines");
  }
}

static void
test_import_bad_rows (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *good = write_csv (f, "good.csv",
                                     "brand,model,category,price,currency,sold\n"
                                     "Coach,Tabby,handbags,100,EUR,2026-11-01\n");
  g_autofree char *bad = write_csv (f, "bad.csv",
                                    "brand,model,category,price,currency,sold\n"
                                    "Coach,Tabby,handbags,100,EUR,2026-11-01\n"
                                    "Coach,Tabby,handbags,abc,EUR,2026-11-01\n"
                                    "Coach,\"Tab\nby\",handbags,100,EUR,2026-11-01\n"
                                    "Coach,Tabby,handbags,100,EURO,2026-11-01\n"
                                    "Coach,Tabby,handbags,100,EUR,yesterday\n"
                                    "Coach,Tabby,,100,EUR,2026-11-01\n"
                                    "Coach,Tabby,handbags,12.3456,EUR,2026-11-01\n");
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_assert_true (resell_comps_import_csv (f->catalog, good, NULL, &n, NULL, &error));
  g_assert_cmpuint (resell_catalog_count_comps (f->catalog, NULL), ==, 1);

  g_assert_false (resell_comps_import_csv (f->catalog, bad, NULL, &n, &problems, &error));
  g_assert_error (error, RESELL_COMPS_IMPORT_ERROR, RESELL_COMPS_IMPORT_ERROR_BAD_ROWS);
  g_assert_nonnull (strstr (error->message, "nothing was imported"));

  /* Each bad row by the line it starts on (the quoted line break moves
   * the later ones down one). */
  g_assert_nonnull (problems);
  g_assert_cmpuint (problems->len, ==, 5);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, 0), "line 3: "));
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "abc"));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, 1), "line 6: "));
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 1), "EURO"));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, 2), "line 7: "));
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 2), "yesterday"));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, 3), "line 8: "));
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 3), "category"));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, 4), "line 9: "));

  /* Nothing of the bad file landed, and what was there is untouched. */
  g_assert_cmpuint (resell_catalog_count_comps (f->catalog, NULL), ==, 1);
}

static void
test_import_mapping (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = write_csv (f, "export.csv",
                                     "Designer,Item Name,Price Paid,When,Notes\n"
                                     "Hermès,Birkin 30,\"12,500.00\",2026-06-30,mint\n");
  const char * const mapping[] = { "Item Name=model", "price paid=price", "When=sold_at", "Notes=ignore", NULL };
  ResellCompsImportOptions options = { mapping, "EUR", "handbags" };
  ResellCompsImportOptions bad_mapping_options = { (const char * const []) { "Item Name=colour", NULL }, "EUR", "handbags" };
  g_autoptr(GPtrArray) comps = NULL;
  g_autoptr(GError) error = NULL;
  ResellComp *comp;

  /* Without the mapping, the file has no price column. */
  g_assert_null (resell_comps_read_csv (path, NULL, NULL, &error));
  g_assert_error (error, RESELL_COMPS_IMPORT_ERROR, RESELL_COMPS_IMPORT_ERROR_BAD_HEADER);
  g_clear_error (&error);

  g_assert_null (resell_comps_read_csv (path, &bad_mapping_options, NULL, &error));
  g_assert_error (error, RESELL_COMPS_IMPORT_ERROR, RESELL_COMPS_IMPORT_ERROR_BAD_MAPPING);
  g_clear_error (&error);

  comps = resell_comps_read_csv (path, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (comps->len, ==, 1);
  comp = g_ptr_array_index (comps, 0);
  g_assert_cmpstr (comp->brand, ==, "Hermès");   /* "designer" is a default header */
  g_assert_cmpstr (comp->model, ==, "Birkin 30");
  g_assert_cmpint (comp->price_minor, ==, 1250000);
  g_assert_cmpstr (comp->currency, ==, "EUR");
  g_assert_cmpstr (comp->category, ==, "handbags");
  g_assert_cmpstr (comp->reference, ==, "");
}

static void
test_manual_entry (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(ResellComp) comp = make_comp ("handbags", "Coach", "Tabby", "excellent", 45000, "EUR", NOW);
  g_autoptr(ResellComp) bad = make_comp ("handbags", "Coach", "Tabby", "mint", 45000, "EUR", NOW);
  g_autoptr(GError) error = NULL;

  g_assert_true (resell_comps_add_manual (f->catalog, comp, &error));
  g_assert_no_error (error);
  g_assert_cmpint (comp->id, >, 0);

  g_assert_false (resell_comps_add_manual (f->catalog, bad, &error));
  g_assert_error (error, RESELL_COMPS_IMPORT_ERROR, RESELL_COMPS_IMPORT_ERROR_INVALID);
  g_clear_error (&error);

  bad->grade[0] = '\0';
  bad->price_minor = 0;
  g_assert_false (resell_comps_add_manual (f->catalog, bad, &error));
  g_assert_error (error, RESELL_COMPS_IMPORT_ERROR, RESELL_COMPS_IMPORT_ERROR_INVALID);

  g_assert_cmpuint (resell_catalog_count_comps (f->catalog, NULL), ==, 1);
}

static void
test_list_price (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(ResellItem) item = resell_test_insert_item (f->catalog, "Tabby");
  g_autoptr(GError) error = NULL;
  gboolean has = TRUE;
  gint64 minor = -1;
  char currency[4];

  g_assert_true (resell_catalog_get_list_price (f->catalog, resell_item_get_id (item), &has, &minor, currency, &error));
  g_assert_false (has);

  g_assert_true (resell_catalog_set_list_price (f->catalog, resell_item_get_id (item), 34900, "EUR", &error));
  g_assert_true (resell_catalog_get_list_price (f->catalog, resell_item_get_id (item), &has, &minor, currency, &error));
  g_assert_true (has);
  g_assert_cmpint (minor, ==, 34900);
  g_assert_cmpstr (currency, ==, "EUR");

  g_assert_true (resell_catalog_set_list_price (f->catalog, resell_item_get_id (item), 0, NULL, &error));
  g_assert_true (resell_catalog_get_list_price (f->catalog, resell_item_get_id (item), &has, &minor, currency, &error));
  g_assert_false (has);

  g_assert_false (resell_catalog_set_list_price (f->catalog, 9999, 100, "EUR", &error));
  g_assert_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_NOT_FOUND);
}

/* ------------------------------------------------------------------ */
/* The async forms the window uses                                    */
/* ------------------------------------------------------------------ */

static ResellPriceHint *
load_hint (ResellCatalog            *catalog,
           ResellItem               *item,
           const ResellPricingPrefs *prefs)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  ResellPriceHint *hint;

  resell_price_hint_load_async (catalog, NULL, NULL, item, "", "Handbags", prefs, NULL, resell_test_got_result, &result);
  hint = resell_price_hint_load_finish (resell_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (hint);

  return hint;
}

static ResellPriceHint *
load_graded_hint (ResellCatalog            *catalog,
                  ResellGrader             *grader,
                  ResellCategoryRegistry   *categories,
                  ResellItem               *item,
                  const ResellPricingPrefs *prefs)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  ResellPriceHint *hint;

  /* As the value panel calls it: no grade given. */
  resell_price_hint_load_async (catalog, grader, categories, item, NULL, "Handbags", prefs, NULL,
                                resell_test_got_result, &result);
  hint = resell_price_hint_load_finish (resell_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (hint);

  return hint;
}

static void
set_answer (ResellCatalog *catalog,
            gint64         item_id,
            const char    *question,
            const char    *answer)
{
  g_autoptr(GHashTable) answers = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;

  g_hash_table_insert (answers, (char *) question, (char *) answer);
  g_assert_true (resell_catalog_set_answers (catalog, item_id, answers, &error));
  g_assert_no_error (error);
}

/* The item's own grade reaches the estimate: comps of one model in two
 * grades far apart, the item graded one way, then the other, then set by
 * hand. */
static void
test_price_hint_grade (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) comps = g_ptr_array_new_with_free_func ((GDestroyNotify) resell_comp_free);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(ResellCategoryRegistry) categories = resell_category_registry_new ();
  g_autoptr(ResellGrader) grader = resell_grader_new ();
  g_autoptr(ResellItem) item = resell_item_new ();
  g_autoptr(ResellPriceHint) excellent = NULL;
  g_autoptr(ResellPriceHint) fair = NULL;
  g_autoptr(ResellPriceHint) by_hand = NULL;
  g_autoptr(ResellPriceHint) ungraded = NULL;
  g_autoptr(GError) error = NULL;
  ResellPricingPrefs prefs = { "USD", (char *) "ebay", (char *) "net:40", 180 };
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 id;

  for (guint i = 0; i < 4; i++)
    {
      g_ptr_array_add (comps, make_comp ("handbags", "Coach", "Rogue", "excellent", 50000 + 500 * (gint64) i, "USD",
                                         now - (gint64) i * DAY));
      g_ptr_array_add (comps, make_comp ("handbags", "Coach", "Rogue", "fair", 30000 + 500 * (gint64) i, "USD",
                                         now - (gint64) i * DAY));
    }
  g_assert_true (resell_catalog_insert_comps (f->catalog, comps, NULL));

  g_setenv ("RESELL_CATEGORIES_DIR", "/nonexistent", TRUE);
  g_setenv ("RESELL_GRADING_DIR", "/nonexistent", TRUE);
  g_assert_true (resell_category_registry_load_default (categories, problems, &error));
  resell_grader_load_default (grader, categories, problems);
  g_assert_cmpuint (problems->len, ==, 0);

  resell_item_set_category (item, "handbags");
  resell_item_set_brand (item, "Coach");
  resell_item_set_model (item, "Rogue");
  g_assert_true (resell_catalog_insert_item (f->catalog, item, &error));
  id = resell_item_get_id (item);

  set_answer (f->catalog, id, "used", "few-times");
  excellent = load_graded_hint (f->catalog, grader, categories, item, &prefs);
  g_assert_cmpstr (resell_price_hint_get_grade (excellent), ==, "excellent");
  g_assert_cmpint (resell_price_hint_get_grade_source (excellent), ==, RESELL_PRICE_GRADE_SOURCE_APPRAISAL);
  g_assert_cmpint (resell_price_estimate_get_suggested (resell_price_hint_get_estimate (excellent))->minor, >=, 45000);
  g_assert_nonnull (strstr (resell_price_hint_get_sentence (excellent), "Priced for the item’s grade, Excellent."));

  set_answer (f->catalog, id, "shape", "collapsed");
  fair = load_graded_hint (f->catalog, grader, categories, item, &prefs);
  g_assert_cmpstr (resell_price_hint_get_grade (fair), ==, "fair");
  g_assert_cmpint (resell_price_estimate_get_suggested (resell_price_hint_get_estimate (fair))->minor, <=, 33000);

  g_assert_true (resell_catalog_set_grade_override (f->catalog, id, "excellent", "Reshaped", "Ann", &error));
  g_assert_no_error (error);
  by_hand = load_graded_hint (f->catalog, grader, categories, item, &prefs);
  g_assert_cmpstr (resell_price_hint_get_grade (by_hand), ==, "excellent");
  g_assert_cmpint (resell_price_hint_get_grade_source (by_hand), ==, RESELL_PRICE_GRADE_SOURCE_OVERRIDE);
  g_assert_nonnull (strstr (resell_price_hint_get_sentence (by_hand), "(set by hand)"));

  /* Without a grader (or rules) there is no grade, and the sentence says
   * every condition counts alike. */
  ungraded = load_graded_hint (f->catalog, NULL, NULL, item, &prefs);
  g_assert_null (resell_price_hint_get_grade (ungraded));
  g_assert_cmpint (resell_price_hint_get_grade_source (ungraded), ==, RESELL_PRICE_GRADE_SOURCE_NONE);
  g_assert_nonnull (strstr (resell_price_hint_get_sentence (ungraded), "no grade"));

  /* The workers let go of the catalog just after their callbacks. */
  {
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while (g_atomic_int_get (&G_OBJECT (f->catalog)->ref_count) > 1 && g_get_monotonic_time () < deadline)
      {
        g_main_context_iteration (NULL, FALSE);
        g_usleep (1000);
      }
  }
}

static void
test_price_hint_async (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) comps = g_ptr_array_new_with_free_func ((GDestroyNotify) resell_comp_free);
  g_autoptr(ResellItem) item = resell_item_new ();
  g_autoptr(ResellPriceHint) first = NULL;
  g_autoptr(ResellPriceHint) second = NULL;
  g_autoptr(ResellPriceHint) in_euros = NULL;
  g_autoptr(ResellPriceEstimator) estimator = NULL;
  g_autoptr(ResellPriceEstimate) estimate = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) set_result = NULL;
  g_autoptr(GError) error = NULL;
  ResellPricingPrefs prefs = { "USD", (char *) "ebay", (char *) "net:40", 180 };
  ResellPriceQuery query = { "handbags", NULL, "Coach", "Tabby", "", "USD" };
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const ResellPayout *payout;
  ResellMoney asking = resell_money_make (40000, "USD");

  for (guint i = 0; i < 5; i++)
    g_ptr_array_add (comps, make_comp ("handbags", "Coach", "Tabby", "", 30000 + 1000 * (gint64) i, "USD",
                                       now - (gint64) i * DAY));
  g_assert_true (resell_catalog_insert_comps (f->catalog, comps, NULL));

  resell_item_set_category (item, "handbags");
  resell_item_set_brand (item, "Coach");
  resell_item_set_model (item, "Tabby");
  resell_item_set_consignor (item, "Ann Smith");
  g_assert_true (resell_catalog_insert_item (f->catalog, item, &error));

  /* The estimator object, in its thread. */
  estimator = resell_price_estimator_new (f->catalog);
  resell_price_estimator_estimate_async (estimator, &query, NULL, resell_test_got_result, &result);
  estimate = resell_price_estimator_estimate_finish (estimator, resell_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (resell_price_estimate_get_suggested (estimate)->minor, ==, 32000);

  /* No asking price: the payout at the suggested price, with the
   * consignor's share. */
  first = load_hint (f->catalog, item, &prefs);
  g_assert_null (resell_price_hint_get_asking (first));
  payout = resell_price_hint_get_payout (first);
  g_assert_nonnull (payout);
  g_assert_cmpint (payout->price.minor, ==, 32000);
  g_assert_true (payout->has_consignor);
  g_assert_cmpstr (resell_price_hint_get_fee_schedule_name (first), ==, "eBay (US)");

  resell_price_hint_set_asking_async (f->catalog, resell_item_get_id (item), &asking, NULL,
                                      resell_test_got_result, &set_result);
  g_assert_true (resell_price_hint_set_asking_finish (resell_test_wait_for (&set_result), &error));
  g_assert_no_error (error);

  second = load_hint (f->catalog, item, &prefs);
  g_assert_true (resell_money_equal (resell_price_hint_get_asking (second), &asking));
  g_assert_cmpint (resell_price_hint_get_payout (second)->price.minor, ==, 40000);

  /* A shop in euros has no euro comps here, and the asking price in
   * dollars is not converted into eBay's fees silently: the hint says
   * there is no price, and the payout is at the stored asking price. */
  memcpy (prefs.currency, "EUR", 4);
  in_euros = load_hint (f->catalog, item, &prefs);
  g_assert_false (resell_price_estimate_get_has_price (resell_price_hint_get_estimate (in_euros)));
  g_assert_cmpstr (resell_price_hint_get_payout (in_euros)->price.currency, ==, "USD");

  /* A worker thread drops its task, and with it the catalog, just after
   * the callback ran: give it that moment before the fixture checks that
   * nothing else holds the catalog. */
  g_clear_object (&estimator);
  g_clear_object (&result);
  g_clear_object (&set_result);
  {
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while (g_atomic_int_get (&G_OBJECT (f->catalog)->ref_count) > 1 && g_get_monotonic_time () < deadline)
      {
        g_main_context_iteration (NULL, FALSE);
        g_usleep (1000);
      }
  }
}

/* ------------------------------------------------------------------ */
/* Backtest                                                           */
/* ------------------------------------------------------------------ */

static void
test_backtest (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new ("brand,model,category,grade,price,currency,sold\n");
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  ResellPriceBacktest result;
  ResellPriceSettings settings;

  /* 100 sales around 200.00 with sigma 0.2: a leave-one-out median
   * estimate misses by |exp(0.2 z) - 1|, whose median is about 14%. */
  for (guint i = 0; i < 100; i++)
    {
      ResellMoney price = resell_money_make (draw_price (rand, 20000, 0.2), "EUR");
      g_autofree char *plain = resell_money_format_plain (&price);

      g_string_append_printf (csv, "Coach,Tabby,handbags,,%s,EUR,%" G_GINT64_FORMAT "\n",
                              plain, NOW - g_rand_int_range (rand, 0, 60) * DAY);
    }
  g_string_append (csv, "Lone,Brand,watches-jewellery,,50.00,EUR,2026-11-01\n");
  path = write_csv (f, "backtest.csv", csv->str);

  resell_price_settings_init (&settings);
  settings.now = NOW;
  g_assert_true (resell_price_backtest_csv (path, NULL, &settings, &result, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (result.n_rows, ==, 101);
  /* The lone watch has nothing else to go on. */
  g_assert_cmpuint (result.n_estimated, ==, 100);
  g_assert_cmpuint (result.n_without_price, ==, 1);
  g_test_message ("MdAPE %" G_GINT64_FORMAT " bp", result.mdape_bp);
  g_assert_cmpint (result.mdape_bp, >=, 800);
  g_assert_cmpint (result.mdape_bp, <=, 2000);
}

/* ------------------------------------------------------------------ */
/* Fees and the split                                                 */
/* ------------------------------------------------------------------ */

static gint64
fee_total (ResellFeeSchedule *schedule,
           const char        *category,
           gint64             minor)
{
  ResellMoney price = resell_money_make (minor, resell_fee_schedule_get_currency (schedule));
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GError) error = NULL;
  ResellMoney sum;
  ResellMoney check = resell_money_make (0, price.currency);

  g_assert_true (resell_fee_schedule_compute (schedule, category, &price, &lines, &sum, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < lines->len; i++)
    g_assert_true (resell_money_add (&check, &((ResellFeeLine *) g_ptr_array_index (lines, i))->amount,
                                     &check, NULL));
  g_assert_cmpint (check.minor, ==, sum.minor);

  return sum.minor;
}

static void
test_fee_tables (void)
{
  g_autoptr(ResellFeeSchedule) ebay = NULL;
  g_autoptr(ResellFeeSchedule) etsy = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = resell_fee_schedule_list_builtin ();
  static const struct
  {
    const char *category;
    gint64      price;
    gint64      fees;
  } ebay_table[] = {
    /* 13.25% + 0.30 up to 10.00, + 0.40 above. */
    { "clothing", 1000, 132 + 30 },            /* 132.5 → 132, half to even */
    { "clothing", 10000, 1325 + 40 },
    /* 7500.00 at 13.25% = 993.75, then 2.35% of 2500.00 = 58.75. */
    { "clothing", 1000000, 99375 + 5875 + 40 },
    /* Handbags: 15% up to 2000.00, 9% above. */
    { "handbags", 300000, 30000 + 9000 + 40 },
    { "watches-jewellery", 100000, 15000 + 40 },
    { "books-media", 2000, 299 + 40 },         /* 299.0 */
  };

  g_assert_true (g_strv_contains ((const char * const *) ids, "ebay"));
  g_assert_true (g_strv_contains ((const char * const *) ids, "etsy"));

  ebay = resell_fee_schedule_lookup ("ebay", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (resell_fee_schedule_get_currency (ebay), ==, "USD");

  for (guint i = 0; i < G_N_ELEMENTS (ebay_table); i++)
    {
      gint64 fees = fee_total (ebay, ebay_table[i].category, ebay_table[i].price);
      gint64 expected = ebay_table[i].fees;
      if (fees != expected)
        g_error ("row %u: %s %" G_GINT64_FORMAT " → fees %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT,
                 i, ebay_table[i].category, ebay_table[i].price, fees, expected);
    }

  /* Etsy: 0.20 + 6.5% + 3% + 0.25. */
  etsy = resell_fee_schedule_lookup ("etsy", &error);
  g_assert_no_error (error);
  g_assert_cmpint (fee_total (etsy, "home-goods", 10000), ==, 20 + 650 + 300 + 25);

  /* A price in another currency is refused, not converted. */
  {
    ResellMoney eur = resell_money_make (10000, "EUR");

    g_assert_false (resell_fee_schedule_compute (ebay, "clothing", &eur, NULL, NULL, &error));
    g_assert_error (error, RESELL_FEE_SCHEDULE_ERROR, RESELL_FEE_SCHEDULE_ERROR_CURRENCY);
    g_clear_error (&error);
  }

  g_assert_null (resell_fee_schedule_lookup ("../etc/passwd", &error));
  g_assert_error (error, RESELL_FEE_SCHEDULE_ERROR, RESELL_FEE_SCHEDULE_ERROR_NOT_FOUND);
}

static void
test_fee_file_errors (void)
{
  static const struct
  {
    const char *json;
    const char *message;
  } table[] = {
    { "{", "test.json:" },
    { "{\"version\": 2}", "“version” must be 1" },
    { "{\"version\": 1, \"id\": \"x\", \"name\": \"X\", \"currency\": \"usd\", \"fees\": []}", "currency" },
    { "{\"version\": 1, \"id\": \"x\", \"name\": \"X\", \"currency\": \"USD\", \"fees\": "
      "[{\"id\": \"f\", \"label\": \"F\", \"teirs\": []}]}", "unknown key “teirs”" },
    { "{\"version\": 1, \"id\": \"x\", \"name\": \"X\", \"currency\": \"USD\", \"fees\": "
      "[{\"id\": \"f\", \"label\": \"F\", \"tiers\": [{\"up_to\": 10.5, \"bp\": 100}, {\"bp\": 50}]}]}",
      "amount in quotes" },
    { "{\"version\": 1, \"id\": \"x\", \"name\": \"X\", \"currency\": \"USD\", \"fees\": "
      "[{\"id\": \"f\", \"label\": \"F\", \"tiers\": [{\"bp\": 100}, {\"bp\": 50}]}]}",
      "every tier but the last" },
    { "{\"version\": 1, \"id\": \"x\", \"name\": \"X\", \"currency\": \"USD\", \"fees\": "
      "[{\"id\": \"f\", \"label\": \"F\", \"tiers\": [{\"bp\": 10001}]}]}", "basis points" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ResellFeeSchedule) schedule = resell_fee_schedule_load_from_data (table[i].json, -1,
                                                                                  "test.json", &error);

      g_assert_null (schedule);
      g_assert_error (error, RESELL_FEE_SCHEDULE_ERROR, RESELL_FEE_SCHEDULE_ERROR_INVALID);
      if (strstr (error->message, table[i].message) == NULL)
        g_error ("row %u: “%s” does not say “%s”", i, error->message, table[i].message);
    }

  /* Caps bound a line. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ResellFeeSchedule) capped =
      resell_fee_schedule_load_from_data ("{\"version\": 1, \"id\": \"c\", \"name\": \"C\", \"currency\": \"EUR\", "
                                          "\"fees\": [{\"id\": \"f\", \"label\": \"F\", \"tiers\": [{\"bp\": 1000}], "
                                          "\"min\": \"1.00\", \"max\": \"50.00\"}]}",
                                          -1, "capped.json", &error);

    g_assert_no_error (error);
    g_assert_cmpint (fee_total (capped, NULL, 500), ==, 100);
    g_assert_cmpint (fee_total (capped, NULL, 20000), ==, 2000);
    g_assert_cmpint (fee_total (capped, NULL, 100000), ==, 5000);
  }
}

static void
test_split_tables (void)
{
  static const struct
  {
    const char *split;
    gint64      price;
    gint64      fees;
    gint64      consignor;
  } table[] = {
    /* price 100.00 on eBay clothing: fees 13.25 + 0.40 = 13.65, net 86.35. */
    { "net:40", 10000, 1365, 3454 },            /* 40% of 86.35 = 34.54 */
    { "gross:40", 10000, 1365, 4000 },
    { "60", 10000, 1365, 5181 },                /* 51.81 */
    { "net:42.5", 10000, 1365, 3670 },          /* 36.69875 → 36.70 */
    { "net:40,500=50,1000=60", 40000, 5340, 13864 },     /* 400.00: 40% of 346.60 */
    { "net:40,500=50,1000=60", 50000, 6665, 21668 },     /* 500.00: 50% of 433.35 = 216.675 → 216.68 */
    { "net:40,500=50,1000=60", 200000, 26540, 104076 },  /* 2000.00: 60% of 1734.60 */
  };
  static const char * const bad[] = { "", "net:", "net:abc", "net:101", "net:40,50", "net:40,0=50", "net:40,x=50" };
  g_autoptr(ResellFeeSchedule) ebay = resell_fee_schedule_lookup ("ebay", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ResellConsignorSplit) split = resell_consignor_split_parse (table[i].split, &error);
      ResellMoney price = resell_money_make (table[i].price, "USD");
      g_autoptr(ResellPayout) payout = NULL;
      ResellMoney sum;

      g_assert_no_error (error);
      payout = resell_payout_estimate (ebay, "clothing", &price, split, &error);
      g_assert_no_error (error);

      if (payout->fees.minor != table[i].fees || payout->consignor.minor != table[i].consignor)
        g_error ("row %u (%s at %" G_GINT64_FORMAT "): fees %" G_GINT64_FORMAT ", consignor %" G_GINT64_FORMAT,
                 i, table[i].split, table[i].price, payout->fees.minor, payout->consignor.minor);

      /* Every minor unit is someone's. */
      g_assert_true (resell_money_add (&payout->fees, &payout->consignor, &sum, NULL));
      g_assert_true (resell_money_add (&sum, &payout->seller, &sum, NULL));
      g_assert_true (resell_money_equal (&sum, &price));
      g_assert_true (payout->has_consignor);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ResellConsignorSplit) split = resell_consignor_split_parse (bad[i], &error);

      if (split != NULL)
        g_error ("“%s” parsed as a split", bad[i]);
      g_assert_error (error, RESELL_CONSIGNOR_SPLIT_ERROR, RESELL_CONSIGNOR_SPLIT_ERROR_INVALID);
    }

  /* No consignor, no schedule: the seller keeps the price. */
  {
    ResellMoney price = resell_money_make (1234, "EUR");
    g_autoptr(ResellPayout) payout = resell_payout_estimate (NULL, "clothing", &price, NULL, NULL);

    g_assert_false (payout->has_consignor);
    g_assert_cmpuint (payout->fee_lines->len, ==, 0);
    g_assert_true (resell_money_equal (&payout->seller, &price));
  }
}

int
main (int   argc,
      char *argv[])
{
  resell_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, resell_test_catalog_fixture_set_up, func, \
              resell_test_catalog_fixture_tear_down)
  ADD ("/pricing/estimator/recovers-median", test_estimator_recovers_median);
  ADD ("/pricing/estimator/time-decay", test_estimator_time_decay);
  ADD ("/pricing/estimator/fallback", test_estimator_fallback);
  ADD ("/pricing/estimator/grade", test_estimator_grade);
  ADD ("/pricing/import/good-file", test_import_good_file);
  ADD ("/pricing/import/bad-rows", test_import_bad_rows);
  ADD ("/pricing/import/mapping", test_import_mapping);
  ADD ("/pricing/import/manual", test_manual_entry);
  ADD ("/pricing/list-price", test_list_price);
  ADD ("/pricing/backtest", test_backtest);
  ADD ("/pricing/hint-async", test_price_hint_async);
  ADD ("/pricing/hint-grade", test_price_hint_grade);
#undef ADD
  g_test_add_func ("/pricing/fees/tables", test_fee_tables);
  g_test_add_func ("/pricing/fees/file-errors", test_fee_file_errors);
  g_test_add_func ("/pricing/fees/split", test_split_tables);

  return resell_test_run ();
}
