/* resell-price-hint.c — an item's value, gathered off the UI thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-pricing"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "catalog/resell-catalog-comps.h"
#include "grading/resell-appraisal.h"
#include "pricing/resell-price-grade.h"
#include "pricing/resell-price-hint.h"

struct _ResellPriceHint
{
  GObject              parent_instance;

  ResellPriceEstimate *estimate;
  gboolean             has_asking;
  ResellMoney          asking;
  ResellPayout        *payout;
  char                *payout_error;
  char                *fee_schedule_name;
  char                *grade;
  ResellPriceGradeSource grade_source;
  char                *sentence;
};

G_DEFINE_FINAL_TYPE (ResellPriceHint, resell_price_hint, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ESTIMATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
resell_price_hint_finalize (GObject *object)
{
  ResellPriceHint *self = RESELL_PRICE_HINT (object);

  g_clear_object (&self->estimate);
  g_clear_pointer (&self->payout, resell_payout_free);
  g_clear_pointer (&self->payout_error, g_free);
  g_clear_pointer (&self->fee_schedule_name, g_free);
  g_clear_pointer (&self->grade, g_free);
  g_clear_pointer (&self->sentence, g_free);

  G_OBJECT_CLASS (resell_price_hint_parent_class)->finalize (object);
}

static void
resell_price_hint_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  ResellPriceHint *self = RESELL_PRICE_HINT (object);

  switch (prop_id)
    {
    case PROP_ESTIMATE:
      g_value_set_object (value, self->estimate);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_price_hint_class_init (ResellPriceHintClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = resell_price_hint_finalize;
  object_class->get_property = resell_price_hint_get_property;

  properties[PROP_ESTIMATE] =
    g_param_spec_object ("estimate", NULL, NULL, RESELL_TYPE_PRICE_ESTIMATE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
resell_price_hint_init (ResellPriceHint *self)
{
}

ResellPriceEstimate *
resell_price_hint_get_estimate (ResellPriceHint *self)
{
  g_return_val_if_fail (RESELL_IS_PRICE_HINT (self), NULL);
  return self->estimate;
}

const ResellMoney *
resell_price_hint_get_asking (ResellPriceHint *self)
{
  g_return_val_if_fail (RESELL_IS_PRICE_HINT (self), NULL);
  return self->has_asking ? &self->asking : NULL;
}

const ResellPayout *
resell_price_hint_get_payout (ResellPriceHint *self)
{
  g_return_val_if_fail (RESELL_IS_PRICE_HINT (self), NULL);
  return self->payout;
}

const char *
resell_price_hint_get_payout_error (ResellPriceHint *self)
{
  g_return_val_if_fail (RESELL_IS_PRICE_HINT (self), NULL);
  return self->payout_error;
}

const char *
resell_price_hint_get_fee_schedule_name (ResellPriceHint *self)
{
  g_return_val_if_fail (RESELL_IS_PRICE_HINT (self), NULL);
  return self->fee_schedule_name;
}

const char *
resell_price_hint_get_grade (ResellPriceHint *self)
{
  g_return_val_if_fail (RESELL_IS_PRICE_HINT (self), NULL);
  return self->grade;
}

ResellPriceGradeSource
resell_price_hint_get_grade_source (ResellPriceHint *self)
{
  g_return_val_if_fail (RESELL_IS_PRICE_HINT (self), RESELL_PRICE_GRADE_SOURCE_NONE);
  return self->grade_source;
}

const char *
resell_price_hint_get_sentence (ResellPriceHint *self)
{
  g_return_val_if_fail (RESELL_IS_PRICE_HINT (self), NULL);
  return self->sentence;
}

typedef struct
{
  ResellCatalog      *catalog;
  ResellGrader       *grader;
  ResellCategoryRegistry *categories;
  gint64              item_id;
  char               *category;
  char               *category_label;
  char               *brand;
  char               *model;
  char               *grade;
  gboolean            consigned;
  ResellPricingPrefs  prefs;
  gboolean            has_price;
  ResellMoney         price;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->catalog);
  g_clear_object (&job->grader);
  g_clear_object (&job->categories);
  g_free (job->category);
  g_free (job->category_label);
  g_free (job->brand);
  g_free (job->model);
  g_free (job->grade);
  resell_pricing_prefs_clear (&job->prefs);
  g_free (job);
}

/* Fills in @hint's grade: the one asked for, else the item's own. */
static void
choose_grade (Job             *job,
              ResellPriceHint *hint)
{
  g_autoptr(ResellAppraisal) appraisal = NULL;
  g_autoptr(GError) error = NULL;

  if (job->grade != NULL && *job->grade != '\0')
    {
      hint->grade = g_strdup (job->grade);
      hint->grade_source = RESELL_PRICE_GRADE_SOURCE_GIVEN;
      return;
    }

  hint->grade_source = RESELL_PRICE_GRADE_SOURCE_NONE;
  if (job->grader == NULL || job->categories == NULL)
    return;

  /* The same appraisal the condition panel shows, so the price is for the
   * grade the item will be listed with.  An item whose category has no
   * rules simply has no grade: the estimate still stands, for no grade. */
  appraisal = resell_appraisal_load (job->grader, job->categories, job->catalog, job->item_id, &error);
  if (appraisal == NULL)
    {
      g_debug ("No grade for item %" G_GINT64_FORMAT ": %s", job->item_id, error->message);
      return;
    }

  hint->grade = g_strdup (resell_condition_to_id (resell_appraisal_get_grade (appraisal)));
  hint->grade_source = resell_appraisal_is_overridden (appraisal) ? RESELL_PRICE_GRADE_SOURCE_OVERRIDE
                                                                  : RESELL_PRICE_GRADE_SOURCE_APPRAISAL;
}

static char *
make_sentence (ResellPriceHint *hint)
{
  const char *estimate = resell_price_estimate_get_sentence (hint->estimate);
  const char *label = resell_price_grade_get_label (hint->grade);
  gboolean priced = resell_price_estimate_get_has_price (hint->estimate);
  g_autofree char *grade = NULL;

  /* Without a price nothing was priced "for" a grade, but the seller still
   * sees which grade the next sales will be weighed for. */
  switch (hint->grade_source)
    {
    case RESELL_PRICE_GRADE_SOURCE_GIVEN:
      /* TRANSLATORS: %s is a condition, e.g. "Very good" */
      grade = g_strdup_printf (priced ? _("Priced for %s condition, as asked.") : _("Asked for %s condition."),
                               label);
      break;
    case RESELL_PRICE_GRADE_SOURCE_APPRAISAL:
      /* TRANSLATORS: %s is a condition, e.g. "Very good" */
      grade = g_strdup_printf (priced ? _("Priced for the item’s grade, %s.") : _("The item’s grade is %s."),
                               label);
      break;
    case RESELL_PRICE_GRADE_SOURCE_OVERRIDE:
      /* TRANSLATORS: %s is a condition, e.g. "Very good" */
      grade = g_strdup_printf (priced ? _("Priced for the item’s grade, %s (set by hand).")
                                      : _("The item’s grade is %s (set by hand)."),
                               label);
      break;
    case RESELL_PRICE_GRADE_SOURCE_NONE:
    default:
      grade = g_strdup (priced ? _("The item has no grade, so sales of every condition count alike.")
                               : _("The item has no grade."));
      break;
    }

  return g_strconcat (estimate, " ", grade, NULL);
}

static ResellPriceHint *
load_hint (Job     *job,
           GError **error)
{
  g_autoptr(ResellPriceHint) hint = g_object_new (RESELL_TYPE_PRICE_HINT, NULL);
  g_autoptr(ResellFeeSchedule) schedule = NULL;
  g_autoptr(ResellConsignorSplit) split = NULL;
  g_autoptr(GError) payout_error = NULL;
  ResellPriceQuery query = {
    job->category, job->category_label, job->brand, job->model, "", job->prefs.currency,
  };
  ResellPriceSettings settings;
  const ResellMoney *price;
  gint64 minor = 0;
  char currency[4] = "";

  choose_grade (job, hint);
  query.grade = hint->grade != NULL ? hint->grade : "";

  resell_price_settings_init (&settings);
  settings.half_life_days = job->prefs.half_life_days;

  hint->estimate = resell_price_estimate_compute_for_catalog (job->catalog, &query, &settings, error);
  if (hint->estimate == NULL ||
      !resell_catalog_get_list_price (job->catalog, job->item_id, &hint->has_asking, &minor, currency, error))
    return NULL;
  if (hint->has_asking)
    hint->asking = resell_money_make (minor, currency);
  hint->sentence = make_sentence (hint);

  price = hint->has_asking ? &hint->asking : resell_price_estimate_get_suggested (hint->estimate);
  if (price != NULL)
    {
      schedule = resell_fee_schedule_lookup (job->prefs.fee_schedule, &payout_error);
      if (schedule != NULL)
        hint->fee_schedule_name = g_strdup (resell_fee_schedule_get_name (schedule));
      if (schedule != NULL && job->consigned)
        split = resell_consignor_split_parse (job->prefs.consignor_split, &payout_error);
      if (payout_error == NULL)
        hint->payout = resell_payout_estimate (schedule, job->category, price, split, &payout_error);
      if (payout_error != NULL)
        hint->payout_error = g_strdup (payout_error->message);
    }

  return g_steal_pointer (&hint);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  ResellPriceHint *hint = load_hint (task_data, &error);

  if (hint != NULL)
    g_task_return_pointer (task, hint, g_object_unref);
  else
    g_task_return_error (task, error);
}

static Job *
job_new (ResellCatalog            *catalog,
         ResellGrader             *grader,
         ResellCategoryRegistry   *categories,
         ResellItem               *item,
         const char               *grade,
         const char               *category_label,
         const ResellPricingPrefs *prefs)
{
  Job *job = g_new0 (Job, 1);

  /* Copies: the item may be the page's draft, edited while this runs. */
  job->catalog = g_object_ref (catalog);
  job->grader = grader != NULL ? g_object_ref (grader) : NULL;
  job->categories = categories != NULL ? g_object_ref (categories) : NULL;
  job->item_id = resell_item_get_id (item);
  job->category = g_strdup (resell_item_get_category (item));
  job->category_label = g_strdup (category_label);
  job->brand = g_strdup (resell_item_get_brand (item));
  job->model = g_strdup (resell_item_get_model (item));
  job->grade = g_strdup (grade != NULL ? grade : "");
  job->consigned = *resell_item_get_consignor (item) != '\0';
  memcpy (job->prefs.currency, prefs->currency, 4);
  job->prefs.fee_schedule = g_strdup (prefs->fee_schedule);
  job->prefs.consignor_split = g_strdup (prefs->consignor_split);
  job->prefs.half_life_days = prefs->half_life_days;

  return job;
}

ResellPriceHint *
resell_price_hint_load (ResellCatalog            *catalog,
                        ResellGrader             *grader,
                        ResellCategoryRegistry   *categories,
                        ResellItem               *item,
                        const char               *grade,
                        const char               *category_label,
                        const ResellPricingPrefs *prefs,
                        GError                  **error)
{
  Job *job;
  ResellPriceHint *hint;

  g_return_val_if_fail (RESELL_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (grader == NULL || RESELL_IS_GRADER (grader), NULL);
  g_return_val_if_fail (categories == NULL || RESELL_IS_CATEGORY_REGISTRY (categories), NULL);
  g_return_val_if_fail (RESELL_IS_ITEM (item), NULL);
  g_return_val_if_fail (prefs != NULL, NULL);

  job = job_new (catalog, grader, categories, item, grade, category_label, prefs);
  hint = load_hint (job, error);
  job_free (job);

  return hint;
}

void
resell_price_hint_load_async (ResellCatalog            *catalog,
                              ResellGrader             *grader,
                              ResellCategoryRegistry   *categories,
                              ResellItem               *item,
                              const char               *grade,
                              const char               *category_label,
                              const ResellPricingPrefs *prefs,
                              GCancellable             *cancellable,
                              GAsyncReadyCallback       callback,
                              gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (RESELL_IS_CATALOG (catalog));
  g_return_if_fail (grader == NULL || RESELL_IS_GRADER (grader));
  g_return_if_fail (categories == NULL || RESELL_IS_CATEGORY_REGISTRY (categories));
  g_return_if_fail (RESELL_IS_ITEM (item));
  g_return_if_fail (prefs != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, resell_price_hint_load_async);
  g_task_set_task_data (task, job_new (catalog, grader, categories, item, grade, category_label, prefs),
                        (GDestroyNotify) job_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, load_thread);
}

ResellPriceHint *
resell_price_hint_load_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
set_asking_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;

  if (resell_catalog_set_list_price (job->catalog, job->item_id, job->price.minor,
                                     job->has_price ? job->price.currency : NULL, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
resell_price_hint_set_asking_async (ResellCatalog       *catalog,
                                    gint64               item_id,
                                    const ResellMoney   *price,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (RESELL_IS_CATALOG (catalog));

  job = g_new0 (Job, 1);
  job->catalog = g_object_ref (catalog);
  job->item_id = item_id;
  job->has_price = price != NULL;
  if (price != NULL)
    job->price = *price;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, resell_price_hint_set_asking_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, set_asking_thread);
}

gboolean
resell_price_hint_set_asking_finish (GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
