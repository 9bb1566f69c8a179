/* resell-price-backtest.c — leave-one-out errors of the estimator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-pricing"

#include "config.h"

#include <string.h>

#include "pricing/resell-price-backtest.h"

typedef struct
{
  GPtrArray *comps;
  guint      left_out;
} Source;

static gboolean
same_name (const char *a,
           const char *b)
{
  /* As the catalog compares them (COLLATE NOCASE: ASCII case only). */
  return g_ascii_strcasecmp (a, b) == 0;
}

/* The in-memory twin of the catalog's lookup: same filters, newest first,
 * without the row being estimated. */
static GPtrArray *
fetch_others (ResellPriceLevel         level,
              const ResellPriceQuery  *query,
              gint64                   sold_after,
              guint                    limit,
              gpointer                 user_data,
              GError                 **error)
{
  Source *source = user_data;
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) resell_comp_free);
  gboolean by_brand = level != RESELL_PRICE_LEVEL_CATEGORY && query->brand != NULL && *query->brand != '\0';

  /* source->comps is sorted newest first. */
  for (guint i = 0; i < source->comps->len && (limit == 0 || found->len < limit); i++)
    {
      ResellComp *comp = g_ptr_array_index (source->comps, i);

      if (i == source->left_out ||
          comp->sold_at < sold_after ||
          strcmp (comp->currency, query->currency) != 0 ||
          !same_name (comp->category, query->category) ||
          (by_brand && !same_name (comp->brand, query->brand)) ||
          (level == RESELL_PRICE_LEVEL_MODEL && !same_name (comp->model, query->model)))
        continue;

      g_ptr_array_add (found, resell_comp_copy (comp));
    }

  return found;
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const ResellComp *x = *(ResellComp * const *) a;
  const ResellComp *y = *(ResellComp * const *) b;

  return (x->sold_at < y->sold_at) - (x->sold_at > y->sold_at);
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

gboolean
resell_price_backtest_csv (const char                     *path,
                           const ResellCompsImportOptions *options,
                           const ResellPriceSettings      *settings,
                           ResellPriceBacktest            *out,
                           GPtrArray                     **problems,
                           GError                        **error)
{
  g_autoptr(GPtrArray) comps = NULL;
  g_autoptr(GArray) errors = g_array_new (FALSE, FALSE, sizeof (gint64));
  ResellPriceSettings local;
  ResellPriceBacktest result = { 0, };
  Source source;

  g_return_val_if_fail (settings != NULL && out != NULL, FALSE);

  comps = resell_comps_read_csv (path, options, problems, error);
  if (comps == NULL)
    return FALSE;

  g_ptr_array_sort (comps, compare_newest_first);

  local = *settings;
  if (local.now == 0 && comps->len > 0)
    local.now = ((ResellComp *) g_ptr_array_index (comps, 0))->sold_at;

  source.comps = comps;
  result.n_rows = comps->len;

  for (guint i = 0; i < comps->len; i++)
    {
      ResellComp *comp = g_ptr_array_index (comps, i);
      ResellPriceQuery query = {
        comp->category, NULL, comp->brand, comp->model, comp->grade, comp->currency,
      };
      g_autoptr(ResellPriceEstimate) estimate = NULL;
      const ResellMoney *suggested;
      gint64 ape;

      source.left_out = i;
      estimate = resell_price_estimate_compute (&query, &local, fetch_others, &source, error);
      if (estimate == NULL)
        return FALSE;

      if (!resell_price_estimate_get_has_price (estimate))
        {
          result.n_without_price++;
          continue;
        }

      suggested = resell_price_estimate_get_suggested (estimate);
      /* |estimate - actual| / actual in basis points: integers only. */
      ape = (ABS (suggested->minor - comp->price_minor) * 10000 + comp->price_minor / 2) / comp->price_minor;
      g_array_append_val (errors, ape);
      result.n_estimated++;
      result.by_level[resell_price_estimate_get_level (estimate)]++;
    }

  if (errors->len > 0)
    {
      g_array_sort (errors, compare_gint64);
      /* The lower median, as the estimator's. */
      result.mdape_bp = g_array_index (errors, gint64, (errors->len - 1) / 2);
    }

  *out = result;
  return TRUE;
}
