/* resell-price-hint.h — everything the item page shows about an item's
 * value, gathered off the UI thread: the estimate, the asking price and
 * the expected payout
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "catalog/resell-catalog.h"
#include "categories/resell-category-registry.h"
#include "grading/resell-grader.h"
#include "pricing/resell-payout.h"
#include "pricing/resell-price-estimator.h"
#include "pricing/resell-pricing-prefs.h"

G_BEGIN_DECLS

#define RESELL_TYPE_PRICE_HINT (resell_price_hint_get_type ())
G_DECLARE_FINAL_TYPE (ResellPriceHint, resell_price_hint, RESELL, PRICE_HINT, GObject)

/* Where the grade the estimate was made for came from. */
typedef enum
{
  RESELL_PRICE_GRADE_SOURCE_NONE,       /* no grade: sales of every grade count alike */
  RESELL_PRICE_GRADE_SOURCE_GIVEN,      /* the caller asked for one (resell-cli price --grade) */
  RESELL_PRICE_GRADE_SOURCE_APPRAISAL,  /* the item's grade from its checklist and flaws */
  RESELL_PRICE_GRADE_SOURCE_OVERRIDE,   /* the seller's override of that grade */
} ResellPriceGradeSource;

/* Property "estimate" (ResellPriceEstimate, read-only). */
ResellPriceEstimate *resell_price_hint_get_estimate     (ResellPriceHint *self);
/* The seller's asking price, or NULL when none is set. */
const ResellMoney   *resell_price_hint_get_asking       (ResellPriceHint *self);
/* The payout at the asking price, else at the suggested one; NULL with
 * neither, or when it could not be worked out (then the error says why). */
const ResellPayout  *resell_price_hint_get_payout       (ResellPriceHint *self);
const char          *resell_price_hint_get_payout_error (ResellPriceHint *self);
const char          *resell_price_hint_get_fee_schedule_name (ResellPriceHint *self);
/* The condition id the estimate was made for, or NULL for none. */
const char          *resell_price_hint_get_grade        (ResellPriceHint *self);
ResellPriceGradeSource resell_price_hint_get_grade_source (ResellPriceHint *self);
/* The estimate's sentence followed by which grade it was made for and
 * where that grade came from: what the item page and the CLI show. */
const char          *resell_price_hint_get_sentence     (ResellPriceHint *self);

/* Loads the hint for @item (its category, brand, model and consignor)
 * with the shop's @prefs.  The grade is @grade when one is given;
 * otherwise (NULL or "") the item's own grade as the condition panel
 * shows it (its appraisal, the override included), read with @grader and
 * @categories; with @grader NULL, or when the item's category has no
 * grading rules, the estimate is made for no grade.  @category_label names
 * the category in the sentence.  Queries the catalog: call from a worker
 * thread or the CLI. */
ResellPriceHint *resell_price_hint_load        (ResellCatalog            *catalog,
                                                ResellGrader             *grader,
                                                ResellCategoryRegistry   *categories,
                                                ResellItem               *item,
                                                const char               *grade,
                                                const char               *category_label,
                                                const ResellPricingPrefs *prefs,
                                                GError                  **error);
/* The same in a worker thread. */
void             resell_price_hint_load_async  (ResellCatalog            *catalog,
                                                ResellGrader             *grader,
                                                ResellCategoryRegistry   *categories,
                                                ResellItem               *item,
                                                const char               *grade,
                                                const char               *category_label,
                                                const ResellPricingPrefs *prefs,
                                                GCancellable             *cancellable,
                                                GAsyncReadyCallback       callback,
                                                gpointer                  user_data);
ResellPriceHint *resell_price_hint_load_finish (GAsyncResult             *result,
                                                GError                  **error);

/* Sets (or with @price NULL, clears) the asking price of @item_id, in a
 * worker thread. */
void             resell_price_hint_set_asking_async  (ResellCatalog      *catalog,
                                                      gint64              item_id,
                                                      const ResellMoney  *price,
                                                      GCancellable       *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer            user_data);
gboolean         resell_price_hint_set_asking_finish (GAsyncResult       *result,
                                                      GError            **error);

G_END_DECLS
