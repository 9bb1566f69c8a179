/* price-hint.c — how long a price hint takes with 100,000 comparable
 * sales in the catalog, and how big they make it.
 *
 * Usage: price-hint [DIR] [N]
 *
 * Fills a new catalog in DIR (default: a temporary folder, removed after)
 * with N comps (default 100000: 5 categories × 100 brands × 20 models,
 * sold over the last 3 years), then prints
 *   comps: <count>
 *   fill-ms: <time to insert them, one transaction>
 *   hint-model-median-ms: <median of 200 hints answered from a model's comps>
 *   hint-category-median-ms: <median of 50 hints that fall back to the category>
 *   catalog-bytes: <catalog.db after a checkpoint>
 * Goal: a hint in under 50 ms.  Timings are printed, never judged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bench-price-hint"

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "resell-core.h"
#include "catalog/resell-catalog-comps.h"
#include "pricing/resell-price-estimator.h"

#define N_CATEGORIES 5
#define N_BRANDS 100
#define N_MODELS 20

static const char * const categories[N_CATEGORIES] = {
  "handbags", "clothing", "shoes", "watches-jewellery", "electronics",
};
static const char * const grades[] = { "", "like-new", "excellent", "very-good", "good", "fair" };

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median_ms (GArray *times)
{
  g_array_sort (times, compare_double);
  return g_array_index (times, double, times->len / 2);
}

static double
time_hints (ResellCatalog *catalog,
            GRand         *rand,
            guint          n,
            gboolean       unknown_brand)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  ResellPriceSettings settings;

  resell_price_settings_init (&settings);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *brand = g_strdup_printf (unknown_brand ? "Unknown %d" : "Brand %d",
                                                g_rand_int_range (rand, 0, N_BRANDS));
      g_autofree char *model = g_strdup_printf ("Model %d", g_rand_int_range (rand, 0, N_MODELS));
      ResellPriceQuery query = {
        categories[g_rand_int_range (rand, 0, N_CATEGORIES)], NULL, brand, model, "very-good", "USD",
      };
      g_autoptr(ResellPriceEstimate) estimate = NULL;
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      double ms;

      estimate = resell_price_estimate_compute_for_catalog (catalog, &query, &settings, &error);
      if (estimate == NULL)
        g_error ("%s", error->message);
      if (!resell_price_estimate_get_has_price (estimate))
        g_error ("no price for %s %s", brand, model);

      ms = (double) (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (times, ms);
    }

  return median_ms (times);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResellCatalog) catalog = NULL;
  g_autoptr(GPtrArray) comps = g_ptr_array_new_with_free_func ((GDestroyNotify) resell_comp_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (10);
  g_autofree char *dir = NULL;
  g_autofree char *db_path = NULL;
  gboolean temporary = argc < 2;
  guint n = argc > 2 ? (guint) atoi (argv[2]) : 100000;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 start;
  GStatBuf st;

  if (!resell_core_init (argv[0], &error))
    g_error ("%s", error->message);

  dir = temporary ? g_dir_make_tmp ("resell-price-hint-XXXXXX", &error) : g_strdup (argv[1]);
  if (dir == NULL)
    g_error ("%s", error->message);

  catalog = resell_catalog_open (dir, &error);
  if (catalog == NULL)
    g_error ("%s", error->message);

  for (guint i = 0; i < n; i++)
    {
      ResellComp *comp = resell_comp_new ();
      guint model = i % (N_CATEGORIES * N_BRANDS * N_MODELS);

      g_free (comp->category);
      comp->category = g_strdup (categories[model / (N_BRANDS * N_MODELS)]);
      g_free (comp->brand);
      comp->brand = g_strdup_printf ("Brand %u", (model / N_MODELS) % N_BRANDS);
      g_free (comp->model);
      comp->model = g_strdup_printf ("Model %u", model % N_MODELS);
      g_free (comp->grade);
      comp->grade = g_strdup (grades[g_rand_int_range (rand, 0, G_N_ELEMENTS (grades))]);
      comp->price_minor = g_rand_int_range (rand, 1000, 200000);
      g_strlcpy (comp->currency, "USD", sizeof comp->currency);
      comp->sold_at = now - g_rand_int_range (rand, 0, 3 * 365) * 24 * 3600;
      g_ptr_array_add (comps, comp);
    }

  start = g_get_monotonic_time ();
  if (!resell_catalog_insert_comps (catalog, comps, &error))
    g_error ("%s", error->message);
  g_print ("comps: %u\n", resell_catalog_count_comps (catalog, NULL));
  g_print ("fill-ms: %.1f\n", (double) (g_get_monotonic_time () - start) / 1000.0);

  g_print ("hint-model-median-ms: %.2f\n", time_hints (catalog, rand, 200, FALSE));
  g_print ("hint-category-median-ms: %.2f\n", time_hints (catalog, rand, 50, TRUE));

  /* Closing checkpoints the WAL into catalog.db: its size is the catalog's. */
  g_clear_object (&catalog);
  db_path = g_build_filename (dir, "catalog.db", NULL);
  if (g_stat (db_path, &st) == 0)
    g_print ("catalog-bytes: %" G_GINT64_FORMAT "\n", (gint64) st.st_size);

  if (temporary)
    {
      const char *suffixes[] = { "", "-wal", "-shm" };

      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *path = g_strconcat (db_path, suffixes[i], NULL);

          g_remove (path);
        }
      g_autofree char *items = g_build_filename (dir, "items", NULL);
      g_rmdir (items);
      g_rmdir (dir);
    }

  return 0;
}
