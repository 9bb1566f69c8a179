/* resell-price-estimator.c — a price hint from comparable sales
 *
 * The rules, in order (docs/pricing.md says the same for sellers):
 *
 * 1. Level.  The comps of the same category, brand and model; when fewer
 *    than min_comps, those of the same category and brand; then those of
 *    the category.  When no level reaches min_comps, the most specific
 *    level that has any comps is used, with low confidence.  Only comps in
 *    the item's currency count: another currency is never converted.
 * 2. Grade.  Each comp's price is moved to the item's grade by a ratio in
 *    basis points: learned from the comps (the median, over brand/model
 *    groups holding min_grade_pairs comps of both grades, of the ratio of
 *    the two grades' median prices), else the default ratio of
 *    resell-price-grade.c.  A comp or item without a grade is not moved.
 * 3. Weights.  2^(-age / half-life): a sale a half-life old counts half.
 * 4. Amounts.  The weighted median is the suggested price and the weighted
 *    quartiles the range; each is the price of one comp (the first whose
 *    cumulative weight reaches the quantile), so no amount ever passes
 *    through a float.  The quick-sale price is the lower quartile.
 * 5. Confidence.  high: the model's own comps, at least 10, range within
 *    50% of the price; medium: at least 5 comps, range within 80%, not the
 *    category level; low: anything else with a price; none: no comps.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-pricing"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "pricing/resell-price-estimator.h"
#include "pricing/resell-price-estimate-private.h"
#include "pricing/resell-price-grade.h"

#define SECONDS_PER_DAY (24 * 60 * 60)

void
resell_price_settings_init (ResellPriceSettings *settings)
{
  settings->half_life_days = 180;
  settings->min_comps = 5;
  settings->max_comps = 500;
  settings->max_age_days = 0;
  settings->min_grade_pairs = 3;
  settings->now = 0;
}

static gboolean
is_set (const char *text)
{
  return text != NULL && *text != '\0';
}

/* ------------------------------------------------------------------ */
/* Grade ratios                                                       */
/* ------------------------------------------------------------------ */

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* The lower median of @values (sorted in place). */
static gint64
median_of (GArray *values)
{
  g_array_sort (values, compare_gint64);
  return g_array_index (values, gint64, (values->len - 1) / 2);
}

static char *
group_key (const ResellComp *comp,
           const char       *grade)
{
  g_autofree char *brand = g_utf8_casefold (comp->brand, -1);
  g_autofree char *model = g_utf8_casefold (comp->model, -1);

  return g_strconcat (brand, "\x1f", model, "\x1f", grade, NULL);
}

/* What the grade ratios are learned from, built in one pass over the
 * comps: the prices of each brand/model group in each grade. */
typedef struct
{
  GHashTable *prices;   /* "brand\x1fmodel\x1fgrade" → GArray of gint64 */
  GHashTable *groups;   /* "brand\x1fmodel\x1f" */
  GHashTable *ratios;   /* from-grade → gint64 bp (cached), as a pointer-sized box */
  gboolean    learned;
} GradeTable;

static void
grade_table_init (GradeTable *table,
                  GPtrArray  *comps)
{
  table->prices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
  table->groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  table->ratios = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  table->learned = FALSE;

  for (guint i = 0; i < comps->len; i++)
    {
      ResellComp *comp = g_ptr_array_index (comps, i);
      char *key;
      GArray *prices;

      if (*comp->grade == '\0')
        continue;

      key = group_key (comp, comp->grade);
      prices = g_hash_table_lookup (table->prices, key);
      if (prices == NULL)
        {
          prices = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_hash_table_insert (table->prices, key, prices);
        }
      else
        g_free (key);
      g_array_append_val (prices, comp->price_minor);

      g_hash_table_add (table->groups, group_key (comp, ""));
    }
}

static void
grade_table_clear (GradeTable *table)
{
  g_clear_pointer (&table->prices, g_hash_table_unref);
  g_clear_pointer (&table->groups, g_hash_table_unref);
  g_clear_pointer (&table->ratios, g_hash_table_unref);
}

/* The ratio, in basis points, that takes a price of @from to @to: learned
 * from the comps when they hold enough pairs (sets table->learned), else
 * the default one.  Computed once per grade. */
static gint64
grade_ratio_bp (GradeTable *table,
                const char *from,
                const char *to,
                guint       min_pairs)
{
  g_autoptr(GArray) ratios = NULL;
  GHashTableIter iter;
  gpointer group;
  gint64 *cached;
  gint64 result;

  if (strcmp (from, to) == 0)
    return 10000;

  cached = g_hash_table_lookup (table->ratios, from);
  if (cached != NULL)
    return *cached;

  ratios = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_hash_table_iter_init (&iter, table->groups);
  while (g_hash_table_iter_next (&iter, &group, NULL))
    {
      g_autofree char *from_key = g_strconcat (group, from, NULL);
      g_autofree char *to_key = g_strconcat (group, to, NULL);
      GArray *of_from = g_hash_table_lookup (table->prices, from_key);
      GArray *of_to = g_hash_table_lookup (table->prices, to_key);
      gint64 ratio, median_from;

      if (of_from == NULL || of_to == NULL || of_from->len < min_pairs || of_to->len < min_pairs)
        continue;

      /* Integer division rounded to nearest: a ratio, not money. */
      median_from = median_of (of_from);
      ratio = (median_of (of_to) * 10000 + median_from / 2) / median_from;
      g_array_append_val (ratios, ratio);
    }

  if (ratios->len > 0)
    {
      table->learned = TRUE;
      result = median_of (ratios);
    }
  else
    result = (resell_price_grade_default_bp (to) * 10000 + resell_price_grade_default_bp (from) / 2)
             / resell_price_grade_default_bp (from);

  /* Keyed by the comp's grade string: the comps outlive the table. */
  g_hash_table_insert (table->ratios, (gpointer) from, g_memdup2 (&result, sizeof result));

  return result;
}

/* ------------------------------------------------------------------ */
/* Weighted quantiles                                                 */
/* ------------------------------------------------------------------ */

static int
compare_by_price (gconstpointer a,
                  gconstpointer b)
{
  const ResellPriceEvidence *x = *(ResellPriceEvidence * const *) a;
  const ResellPriceEvidence *y = *(ResellPriceEvidence * const *) b;

  if (x->adjusted_minor != y->adjusted_minor)
    return (x->adjusted_minor > y->adjusted_minor) - (x->adjusted_minor < y->adjusted_minor);
  return (x->comp->id > y->comp->id) - (x->comp->id < y->comp->id);
}

static int
compare_by_weight (gconstpointer a,
                   gconstpointer b)
{
  const ResellPriceEvidence *x = *(ResellPriceEvidence * const *) a;
  const ResellPriceEvidence *y = *(ResellPriceEvidence * const *) b;

  if (x->weight != y->weight)
    return x->weight < y->weight ? 1 : -1;
  return compare_by_price (a, b);
}

/* The price of the first comp (by price) whose cumulative weight reaches
 * @q of the total.  @evidence is sorted by price and weights sum to 1. */
static gint64
weighted_quantile (GPtrArray *evidence,
                   double     q)
{
  double cumulative = 0;

  for (guint i = 0; i < evidence->len; i++)
    {
      ResellPriceEvidence *e = g_ptr_array_index (evidence, i);

      cumulative += e->weight;
      /* A hair of tolerance so that rounding in the sum never skips the
       * comp that sits exactly on the quantile. */
      if (cumulative >= q - 1e-12)
        return e->adjusted_minor;
    }

  return ((ResellPriceEvidence *) g_ptr_array_index (evidence, evidence->len - 1))->adjusted_minor;
}

/* ------------------------------------------------------------------ */
/* The sentence                                                       */
/* ------------------------------------------------------------------ */

static char *
describe_subject (const ResellPriceQuery *query,
                  ResellPriceLevel        level)
{
  const char *category = is_set (query->category_label) ? query->category_label : query->category;

  switch (level)
    {
    case RESELL_PRICE_LEVEL_MODEL:
      if (is_set (query->brand))
        return g_strdup_printf ("%s %s", query->brand, query->model);
      return g_strdup (query->model);

    case RESELL_PRICE_LEVEL_BRAND:
      /* TRANSLATORS: brand and category: "Coach handbags" */
      return g_strdup_printf (C_("price subject", "%s %s"), query->brand, category);

    case RESELL_PRICE_LEVEL_CATEGORY:
    case RESELL_PRICE_LEVEL_NONE:
    default:
      return g_strdup (category);
    }
}

static char *
describe_period (gint64 oldest_age_seconds)
{
  gint64 days = oldest_age_seconds / SECONDS_PER_DAY + 1;
  /* Months of 30.4 days, to the nearest: a year of sales is "12 months". */
  gint64 months = MAX ((days * 10 + 152) / 304, 1);

  if (days <= 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "last %u day", "last %u days", (gulong) days),
                            (guint) days);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "last %u month", "last %u months", (gulong) months),
                          (guint) months);
}

static char *
make_sentence (const ResellPriceQuery *query,
               ResellPriceLevel        level,
               guint                   n_comps,
               gboolean                all_same_grade,
               gint64                  oldest_age_seconds)
{
  g_autofree char *subject = describe_subject (query, level);
  g_autofree char *period = NULL;
  g_autofree char *grade = NULL;
  g_autofree char *fallback = NULL;
  const char *grade_label = resell_price_grade_get_label (query->grade);

  period = describe_period (oldest_age_seconds);

  if (grade_label != NULL && all_same_grade)
    grade = g_strdup_printf (_(" in %s condition"), grade_label);
  else if (grade_label != NULL)
    grade = g_strdup_printf (_(", adjusted to %s condition"), grade_label);
  else
    grade = g_strdup ("");

  if (level != RESELL_PRICE_LEVEL_MODEL && is_set (query->model))
    {
      g_autofree char *model = describe_subject (query, RESELL_PRICE_LEVEL_MODEL);

      fallback = g_strdup_printf (_(" (too few sales of %s itself)"), model);
    }
  else
    fallback = g_strdup ("");

  /* TRANSLATORS: "14 sales of Coach Tabby in Very good condition, last 6 months" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u sale of %s%s, %s%s.",
                                       "%u sales of %s%s, %s%s.", n_comps),
                          n_comps, subject, grade, period, fallback);
}

/* ------------------------------------------------------------------ */
/* The estimate                                                       */
/* ------------------------------------------------------------------ */

static gboolean
level_applies (const ResellPriceQuery *query,
               ResellPriceLevel        level)
{
  switch (level)
    {
    case RESELL_PRICE_LEVEL_MODEL:
      return is_set (query->model);
    case RESELL_PRICE_LEVEL_BRAND:
      return is_set (query->brand);
    case RESELL_PRICE_LEVEL_CATEGORY:
      return TRUE;
    case RESELL_PRICE_LEVEL_NONE:
    default:
      return FALSE;
    }
}

ResellPriceEstimate *
resell_price_estimate_compute (const ResellPriceQuery    *query,
                               const ResellPriceSettings *settings,
                               ResellPriceFetchFunc       fetch,
                               gpointer                   fetch_data,
                               GError                   **error)
{
  static const ResellPriceLevel levels[] = {
    RESELL_PRICE_LEVEL_MODEL, RESELL_PRICE_LEVEL_BRAND, RESELL_PRICE_LEVEL_CATEGORY,
  };
  g_autoptr(ResellPriceEstimate) estimate = NULL;
  g_autoptr(GPtrArray) comps = NULL;
  ResellPriceLevel level = RESELL_PRICE_LEVEL_NONE;
  gint64 now, sold_after, oldest = 0, q1, q2, q3;
  guint half_life, max_age;
  double total = 0;
  gboolean all_same_grade = TRUE;
  gboolean target_grade;
  GradeTable grades;

  g_return_val_if_fail (query != NULL && settings != NULL && fetch != NULL, NULL);
  g_return_val_if_fail (resell_currency_is_valid (query->currency), NULL);
  g_return_val_if_fail (is_set (query->category), NULL);

  half_life = MAX (settings->half_life_days, 1);
  max_age = settings->max_age_days > 0 ? settings->max_age_days : 6 * half_life;
  now = settings->now > 0 ? settings->now : g_get_real_time () / G_USEC_PER_SEC;
  sold_after = now - (gint64) max_age * SECONDS_PER_DAY;

  estimate = g_object_new (RESELL_TYPE_PRICE_ESTIMATE, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    {
      g_autoptr(GPtrArray) found = NULL;

      if (!level_applies (query, levels[i]))
        continue;

      found = fetch (levels[i], query, sold_after, settings->max_comps, fetch_data, error);
      if (found == NULL)
        return NULL;

      /* The most specific level with any comps stays the answer unless a
       * wider one reaches min_comps. */
      if (found->len >= MAX (settings->min_comps, 1) ||
          (comps == NULL && found->len > 0))
        {
          g_clear_pointer (&comps, g_ptr_array_unref);
          comps = g_steal_pointer (&found);
          level = levels[i];
          if (comps->len >= MAX (settings->min_comps, 1))
            break;
        }
    }

  estimate->level = level;

  if (comps == NULL || comps->len == 0)
    {
      estimate->level = RESELL_PRICE_LEVEL_NONE;
      estimate->confidence = RESELL_PRICE_CONFIDENCE_NONE;
      {
        ResellPriceLevel subject_level = level_applies (query, RESELL_PRICE_LEVEL_MODEL)
                                         ? RESELL_PRICE_LEVEL_MODEL
                                         : level_applies (query, RESELL_PRICE_LEVEL_BRAND)
                                         ? RESELL_PRICE_LEVEL_BRAND
                                         : RESELL_PRICE_LEVEL_CATEGORY;
        g_autofree char *subject = describe_subject (query, subject_level);

        estimate->sentence = g_strdup_printf (_("No comparable sales of %s in %s yet, so no price: "
                                                "import or add some."),
                                              subject, query->currency);
      }
      return g_steal_pointer (&estimate);
    }

  target_grade = resell_price_grade_is_known (query->grade);
  grade_table_init (&grades, comps);

  for (guint i = 0; i < comps->len; i++)
    {
      ResellComp *comp = g_ptr_array_index (comps, i);
      ResellPriceEvidence *e = g_new0 (ResellPriceEvidence, 1);
      gint64 age = MAX (now - comp->sold_at, 0);
      ResellMoney price = resell_money_make (comp->price_minor, comp->currency);
      ResellMoney adjusted = price;

      e->grade_bp = 10000;
      if (target_grade && resell_price_grade_is_known (comp->grade))
        e->grade_bp = grade_ratio_bp (&grades, comp->grade, query->grade,
                                      MAX (settings->min_grade_pairs, 1));
      if (!target_grade || g_strcmp0 (comp->grade, query->grade) != 0)
        all_same_grade = FALSE;

      /* Cannot overflow for real prices; if it did, the unadjusted price
       * is kept rather than a wrong one. */
      if (!resell_money_multiply_bp (&price, e->grade_bp, &adjusted, NULL))
        adjusted = price;

      e->comp = resell_comp_copy (comp);
      e->adjusted_minor = MAX (adjusted.minor, 1);
      e->weight = exp2 (-(double) age / ((double) half_life * SECONDS_PER_DAY));
      total += e->weight;
      oldest = MAX (oldest, age);

      g_ptr_array_add (estimate->evidence, e);
    }

  estimate->grade_learned = grades.learned;
  grade_table_clear (&grades);

  for (guint i = 0; i < estimate->evidence->len; i++)
    ((ResellPriceEvidence *) g_ptr_array_index (estimate->evidence, i))->weight /= total;

  g_ptr_array_sort (estimate->evidence, compare_by_price);
  q1 = weighted_quantile (estimate->evidence, 0.25);
  q2 = weighted_quantile (estimate->evidence, 0.50);
  q3 = weighted_quantile (estimate->evidence, 0.75);
  g_ptr_array_sort (estimate->evidence, compare_by_weight);

  estimate->has_price = TRUE;
  estimate->suggested = resell_money_make (q2, query->currency);
  estimate->low = resell_money_make (q1, query->currency);
  estimate->high = resell_money_make (q3, query->currency);
  estimate->quick_sale = estimate->low;
  estimate->spread_bp = (q3 - q1) * 10000 / q2;

  if (level == RESELL_PRICE_LEVEL_MODEL && comps->len >= 10 && estimate->spread_bp <= 5000)
    estimate->confidence = RESELL_PRICE_CONFIDENCE_HIGH;
  else if (level != RESELL_PRICE_LEVEL_CATEGORY && comps->len >= 5 && estimate->spread_bp <= 8000)
    estimate->confidence = RESELL_PRICE_CONFIDENCE_MEDIUM;
  else
    estimate->confidence = RESELL_PRICE_CONFIDENCE_LOW;

  estimate->sentence = make_sentence (query, level, comps->len, all_same_grade, oldest);

  return g_steal_pointer (&estimate);
}

/* ------------------------------------------------------------------ */
/* On the catalog                                                     */
/* ------------------------------------------------------------------ */

struct _ResellPriceEstimator
{
  GObject        parent_instance;

  ResellCatalog *catalog;
  guint          half_life_days;
};

G_DEFINE_FINAL_TYPE (ResellPriceEstimator, resell_price_estimator, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CATALOG,
  PROP_HALF_LIFE_DAYS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GPtrArray *
fetch_from_catalog (ResellPriceLevel         level,
                    const ResellPriceQuery  *query,
                    gint64                   sold_after,
                    guint                    limit,
                    gpointer                 user_data,
                    GError                 **error)
{
  ResellCompQuery lookup = {
    .currency = query->currency,
    .category = query->category,
    .brand = level != RESELL_PRICE_LEVEL_CATEGORY ? query->brand : NULL,
    .model = level == RESELL_PRICE_LEVEL_MODEL ? query->model : NULL,
    .sold_after = sold_after,
    .limit = limit,
  };

  /* A model without a brand is looked up within the category alone. */
  if (lookup.brand != NULL && *lookup.brand == '\0')
    lookup.brand = NULL;

  return resell_catalog_query_comps (RESELL_CATALOG (user_data), &lookup, error);
}

ResellPriceEstimate *
resell_price_estimate_compute_for_catalog (ResellCatalog             *catalog,
                                           const ResellPriceQuery    *query,
                                           const ResellPriceSettings *settings,
                                           GError                   **error)
{
  g_return_val_if_fail (RESELL_IS_CATALOG (catalog), NULL);

  return resell_price_estimate_compute (query, settings, fetch_from_catalog, catalog, error);
}

static void
resell_price_estimator_dispose (GObject *object)
{
  ResellPriceEstimator *self = RESELL_PRICE_ESTIMATOR (object);

  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (resell_price_estimator_parent_class)->dispose (object);
}

static void
resell_price_estimator_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  ResellPriceEstimator *self = RESELL_PRICE_ESTIMATOR (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;

    case PROP_HALF_LIFE_DAYS:
      g_value_set_uint (value, self->half_life_days);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_price_estimator_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  ResellPriceEstimator *self = RESELL_PRICE_ESTIMATOR (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      self->catalog = g_value_dup_object (value);
      break;

    case PROP_HALF_LIFE_DAYS:
      resell_price_estimator_set_half_life_days (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_price_estimator_class_init (ResellPriceEstimatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = resell_price_estimator_dispose;
  object_class->get_property = resell_price_estimator_get_property;
  object_class->set_property = resell_price_estimator_set_property;

  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL, RESELL_TYPE_CATALOG,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HALF_LIFE_DAYS] =
    g_param_spec_uint ("half-life-days", NULL, NULL, 1, 3650, 180,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
resell_price_estimator_init (ResellPriceEstimator *self)
{
  self->half_life_days = 180;
}

ResellPriceEstimator *
resell_price_estimator_new (ResellCatalog *catalog)
{
  g_return_val_if_fail (RESELL_IS_CATALOG (catalog), NULL);

  return g_object_new (RESELL_TYPE_PRICE_ESTIMATOR, "catalog", catalog, NULL);
}

guint
resell_price_estimator_get_half_life_days (ResellPriceEstimator *self)
{
  g_return_val_if_fail (RESELL_IS_PRICE_ESTIMATOR (self), 0);

  return self->half_life_days;
}

void
resell_price_estimator_set_half_life_days (ResellPriceEstimator *self,
                                           guint                 days)
{
  g_return_if_fail (RESELL_IS_PRICE_ESTIMATOR (self));
  g_return_if_fail (days > 0);

  if (self->half_life_days == days)
    return;

  self->half_life_days = days;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HALF_LIFE_DAYS]);
}

ResellPriceEstimate *
resell_price_estimator_estimate (ResellPriceEstimator    *self,
                                 const ResellPriceQuery  *query,
                                 GError                 **error)
{
  ResellPriceSettings settings;

  g_return_val_if_fail (RESELL_IS_PRICE_ESTIMATOR (self), NULL);

  resell_price_settings_init (&settings);
  settings.half_life_days = self->half_life_days;

  return resell_price_estimate_compute_for_catalog (self->catalog, query, &settings, error);
}

typedef struct
{
  char *category;
  char *category_label;
  char *brand;
  char *model;
  char *grade;
  char *currency;
} QueryCopy;

static void
query_copy_free (QueryCopy *copy)
{
  g_free (copy->category);
  g_free (copy->category_label);
  g_free (copy->brand);
  g_free (copy->model);
  g_free (copy->grade);
  g_free (copy->currency);
  g_free (copy);
}

static void
estimate_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  QueryCopy *copy = task_data;
  ResellPriceQuery query = {
    copy->category, copy->category_label, copy->brand, copy->model, copy->grade, copy->currency,
  };
  GError *error = NULL;
  ResellPriceEstimate *estimate;

  estimate = resell_price_estimator_estimate (source_object, &query, &error);
  if (estimate == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, estimate, g_object_unref);
}

void
resell_price_estimator_estimate_async (ResellPriceEstimator   *self,
                                       const ResellPriceQuery *query,
                                       GCancellable           *cancellable,
                                       GAsyncReadyCallback     callback,
                                       gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  QueryCopy *copy;

  g_return_if_fail (RESELL_IS_PRICE_ESTIMATOR (self));
  g_return_if_fail (query != NULL);

  copy = g_new0 (QueryCopy, 1);
  copy->category = g_strdup (query->category);
  copy->category_label = g_strdup (query->category_label);
  copy->brand = g_strdup (query->brand);
  copy->model = g_strdup (query->model);
  copy->grade = g_strdup (query->grade);
  copy->currency = g_strdup (query->currency);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, resell_price_estimator_estimate_async);
  g_task_set_task_data (task, copy, (GDestroyNotify) query_copy_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, estimate_thread);
}

ResellPriceEstimate *
resell_price_estimator_estimate_finish (ResellPriceEstimator  *self,
                                        GAsyncResult          *result,
                                        GError               **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
