/* resell-price-estimator.h — a price hint from comparable sales
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "catalog/resell-catalog.h"
#include "pricing/resell-price-estimate.h"

G_BEGIN_DECLS

/* What is being priced.  @grade may be "" (unknown: no adjustment);
 * @category_label names the category in the sentence (NULL: the id). */
typedef struct
{
  const char *category;
  const char *category_label;
  const char *brand;
  const char *model;
  const char *grade;
  const char *currency;
} ResellPriceQuery;

typedef struct
{
  guint  half_life_days;   /* time decay; default 180 */
  guint  min_comps;        /* a level needs this many to be used; default 5 */
  guint  max_comps;        /* newest comps per level; default 500 */
  guint  max_age_days;     /* older sales are ignored; default 6 half-lives */
  guint  min_grade_pairs;  /* comps of each grade per model to learn a ratio; default 3 */
  gint64 now;              /* Unix seconds; 0: the clock */
} ResellPriceSettings;

void resell_price_settings_init (ResellPriceSettings *settings);

/* Returns the comps of @level for @query, newest first (at most
 * settings->max_comps, sold after @sold_after), or NULL with @error. */
typedef GPtrArray *(*ResellPriceFetchFunc) (ResellPriceLevel         level,
                                            const ResellPriceQuery  *query,
                                            gint64                   sold_after,
                                            guint                    limit,
                                            gpointer                 user_data,
                                            GError                 **error);

/* The estimator itself, on any source of comps (the catalog, a CSV file
 * for the backtest).  Never fails for want of comps: that is an estimate
 * without a price, saying so. */
ResellPriceEstimate *resell_price_estimate_compute (const ResellPriceQuery    *query,
                                                    const ResellPriceSettings *settings,
                                                    ResellPriceFetchFunc       fetch,
                                                    gpointer                   fetch_data,
                                                    GError                   **error);

/* resell_price_estimate_compute() on the comps of @catalog. */
ResellPriceEstimate *resell_price_estimate_compute_for_catalog (ResellCatalog             *catalog,
                                                                const ResellPriceQuery    *query,
                                                                const ResellPriceSettings *settings,
                                                                GError                   **error);

#define RESELL_TYPE_PRICE_ESTIMATOR (resell_price_estimator_get_type ())
G_DECLARE_FINAL_TYPE (ResellPriceEstimator, resell_price_estimator, RESELL, PRICE_ESTIMATOR, GObject)

/* Properties:
 *   "catalog"         ResellCatalog, construct-only
 *   "half-life-days"  guint, default 180 */
ResellPriceEstimator *resell_price_estimator_new      (ResellCatalog          *catalog);
guint                 resell_price_estimator_get_half_life_days (ResellPriceEstimator *self);
void                  resell_price_estimator_set_half_life_days (ResellPriceEstimator *self,
                                                                 guint                 days);
ResellPriceEstimate  *resell_price_estimator_estimate (ResellPriceEstimator   *self,
                                                       const ResellPriceQuery *query,
                                                       GError                **error);
/* In a worker thread; @query is copied. */
void                  resell_price_estimator_estimate_async  (ResellPriceEstimator   *self,
                                                              const ResellPriceQuery *query,
                                                              GCancellable           *cancellable,
                                                              GAsyncReadyCallback     callback,
                                                              gpointer                user_data);
ResellPriceEstimate  *resell_price_estimator_estimate_finish (ResellPriceEstimator   *self,
                                                              GAsyncResult           *result,
                                                              GError                **error);

G_END_DECLS
