/* resell-condition-report-load.c — an item's condition report built from
 * the catalog: its photos, its flaws with their close-ups, its grade with
 * the rules that decided it, its condition text and its price
 *
 * One function for the CLI and the item page, so both print the same
 * report; it queries the catalog and grades the item, so it runs in a
 * worker thread (or in the CLI).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-documents"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "catalog/resell-catalog-flaws.h"
#include "documents/resell-condition-report.h"
#include "grading/resell-appraisal.h"
#include "pricing/resell-price-hint.h"

static ResellReportShape
report_shape (ResellFlawShape shape)
{
  switch (shape)
    {
    case RESELL_FLAW_SHAPE_ELLIPSE:
      return RESELL_REPORT_SHAPE_ELLIPSE;
    case RESELL_FLAW_SHAPE_RECT:
      return RESELL_REPORT_SHAPE_RECT;
    case RESELL_FLAW_SHAPE_POINT:
    default:
      return RESELL_REPORT_SHAPE_POINT;
    }
}

/* 1-based position of @photo_id among @photos, 0 when it is not there. */
static guint
photo_number (GPtrArray *photos,
              gint64     photo_id)
{
  for (guint i = 0; i < photos->len; i++)
    if (resell_photo_get_id (g_ptr_array_index (photos, i)) == photo_id)
      return i + 1;
  return 0;
}

static void
add_flaws (ResellConditionReport *report,
           GPtrArray             *flaws,
           GPtrArray             *photos,
           ResellCategory        *category)
{
  for (guint i = 0; i < flaws->len; i++)
    {
      ResellFlaw *flaw = g_ptr_array_index (flaws, i);
      const ResellFlawType *type = category != NULL ? resell_category_find_flaw_type (category, resell_flaw_get_type_id (flaw))
                                                    : NULL;
      const ResellZone *zone = NULL;
      const char *zone_id = resell_flaw_get_zone_id (flaw);
      gint64 detail_id = resell_flaw_get_detail_photo_id (flaw);
      g_autoptr(ResellReportFlaw) entry = resell_report_flaw_new ();

      if (category != NULL && *zone_id != '\0')
        zone = resell_category_find_zone (category, zone_id);

      entry->photo_number = photo_number (photos, resell_flaw_get_photo_id (flaw));
      entry->shape = report_shape (resell_flaw_get_shape (flaw));
      entry->x = resell_flaw_get_x (flaw);
      entry->y = resell_flaw_get_y (flaw);
      entry->w = resell_flaw_get_width (flaw);
      entry->h = resell_flaw_get_height (flaw);
      entry->type_label = g_strdup (type != NULL ? type->label : resell_flaw_get_type_id (flaw));
      entry->severity_label = g_strdup (resell_flaw_severity_get_label (resell_flaw_get_severity (flaw)));
      /* A zone the category no longer lists still says where, by its id. */
      entry->zone_label = *zone_id == '\0' ? NULL : g_strdup (zone != NULL ? zone->label : zone_id);
      entry->note = *resell_flaw_get_note (flaw) != '\0' ? g_strdup (resell_flaw_get_note (flaw)) : NULL;

      /* The close-up the seller shot of this flaw says more than a cut
       * from the whole photo; without one the report cuts one. */
      if (detail_id != 0)
        {
          guint n = photo_number (photos, detail_id);

          if (n > 0)
            entry->closeup_path = g_strdup (resell_photo_get_path (g_ptr_array_index (photos, n - 1)));
        }

      resell_condition_report_add_flaw (report, entry);
    }
}

static void
add_grade (ResellConditionReport *report,
           ResellAppraisal       *appraisal)
{
  ResellGradeResult *result = resell_appraisal_get_result (appraisal);
  const ResellItemGrading *stored = resell_appraisal_get_stored (appraisal);
  g_autoptr(GPtrArray) reasons = g_ptr_array_new_with_free_func (g_free);

  resell_condition_report_set_grade (report, resell_condition_get_label (resell_appraisal_get_grade (appraisal)));

  /* A grade set by hand is explained by the seller's reason first; the
   * rules' own verdict follows, so a buyer sees both. */
  if (resell_appraisal_is_overridden (appraisal))
    g_ptr_array_add (reasons,
                     /* TRANSLATORS: %s is the seller's reason for setting the grade by hand */
                     g_strdup_printf (_("Graded by hand: %s"),
                                      stored->override_reason != NULL ? stored->override_reason : ""));

  for (guint i = 0; i < resell_grade_result_get_n_reasons (result); i++)
    {
      const ResellGradeReason *reason = resell_grade_result_get_reason (result, i);

      if (reason->deciding)
        g_ptr_array_add (reasons, g_strdup (reason->explanation));
    }
  g_ptr_array_add (reasons, NULL);
  resell_condition_report_set_reasons (report, (const char * const *) reasons->pdata);

  resell_condition_report_set_condition_text (report, resell_appraisal_get_condition_text (appraisal));
}

static char *
price_line (ResellPriceHint *hint)
{
  ResellPriceEstimate *estimate = resell_price_hint_get_estimate (hint);
  const ResellMoney *asking = resell_price_hint_get_asking (hint);

  if (asking != NULL)
    {
      g_autofree char *text = resell_money_format (asking);

      /* TRANSLATORS: %s is an amount, e.g. "$120.00" */
      return g_strdup_printf (_("Asking price %s"), text);
    }

  if (resell_price_estimate_get_has_price (estimate))
    {
      g_autofree char *suggested = resell_money_format (resell_price_estimate_get_suggested (estimate));
      g_autofree char *low = resell_money_format (resell_price_estimate_get_low (estimate));
      g_autofree char *high = resell_money_format (resell_price_estimate_get_high (estimate));

      /* TRANSLATORS: amounts, e.g. "Suggested price $120.00 (range $100.00 – $140.00)" */
      return g_strdup_printf (_("Suggested price %s (range %s – %s)"), suggested, low, high);
    }

  return NULL;
}

ResellConditionReport *
resell_condition_report_load (ResellCatalog            *catalog,
                              ResellCategoryRegistry   *categories,
                              ResellGrader             *grader,
                              const ResellPricingPrefs *prefs,
                              gint64                    item_id,
                              GError                  **error)
{
  g_autoptr(ResellItem) item = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  g_autoptr(GPtrArray) flaws = NULL;
  g_autoptr(ResellConditionReport) report = NULL;
  g_autoptr(ResellAppraisal) appraisal = NULL;
  g_autoptr(GError) local_error = NULL;
  ResellCategory *category;

  g_return_val_if_fail (RESELL_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (RESELL_IS_CATEGORY_REGISTRY (categories), NULL);
  g_return_val_if_fail (grader == NULL || RESELL_IS_GRADER (grader), NULL);

  if (!(item = resell_catalog_lookup_item (catalog, item_id, error)) ||
      !(photos = resell_catalog_list_photos (catalog, item_id, error)) ||
      !(flaws = resell_catalog_list_flaws (catalog, item_id, error)))
    return NULL;

  category = resell_category_registry_lookup (categories, resell_item_get_category (item));
  report = resell_condition_report_new (item, photos, category);
  add_flaws (report, flaws, photos, category);

  /* An item whose category has no grading rules is reported "not graded
   * yet" rather than not at all. */
  if (grader != NULL)
    {
      appraisal = resell_appraisal_load (grader, categories, catalog, item_id, &local_error);
      if (appraisal != NULL)
        add_grade (report, appraisal);
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
        g_debug ("%s is not graded: %s", resell_item_get_sku (item), local_error->message);
      else
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }

  if (prefs != NULL)
    {
      g_autoptr(ResellPriceHint) hint = NULL;
      g_autofree char *line = NULL;

      /* The price for the grade just reported, as the item page shows it. */
      hint = resell_price_hint_load (catalog, grader, categories, item, NULL,
                                     category != NULL ? resell_category_get_name (category) : NULL,
                                     prefs, error);
      if (hint == NULL)
        return NULL;
      line = price_line (hint);
      resell_condition_report_set_price_line (report, line);
    }

  return g_steal_pointer (&report);
}

typedef struct
{
  ResellCatalog          *catalog;
  ResellCategoryRegistry *categories;
  ResellGrader           *grader;
  ResellPricingPrefs      prefs;
  gboolean                has_prefs;
  gint64                  item_id;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->catalog);
  g_clear_object (&data->categories);
  g_clear_object (&data->grader);
  resell_pricing_prefs_clear (&data->prefs);
  g_free (data);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  GError *error = NULL;
  ResellConditionReport *report;

  report = resell_condition_report_load (data->catalog, data->categories, data->grader,
                                         data->has_prefs ? &data->prefs : NULL, data->item_id, &error);
  if (report != NULL)
    g_task_return_pointer (task, report, g_object_unref);
  else
    g_task_return_error (task, error);
}

void
resell_condition_report_load_async (ResellCatalog            *catalog,
                                    ResellCategoryRegistry   *categories,
                                    ResellGrader             *grader,
                                    const ResellPricingPrefs *prefs,
                                    gint64                    item_id,
                                    GCancellable             *cancellable,
                                    GAsyncReadyCallback       callback,
                                    gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (RESELL_IS_CATALOG (catalog));
  g_return_if_fail (RESELL_IS_CATEGORY_REGISTRY (categories));
  g_return_if_fail (grader == NULL || RESELL_IS_GRADER (grader));

  data = g_new0 (LoadData, 1);
  data->catalog = g_object_ref (catalog);
  data->categories = g_object_ref (categories);
  data->grader = grader != NULL ? g_object_ref (grader) : NULL;
  data->item_id = item_id;
  if (prefs != NULL)
    {
      data->has_prefs = TRUE;
      memcpy (data->prefs.currency, prefs->currency, sizeof data->prefs.currency);
      data->prefs.fee_schedule = g_strdup (prefs->fee_schedule);
      data->prefs.consignor_split = g_strdup (prefs->consignor_split);
      data->prefs.half_life_days = prefs->half_life_days;
    }

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, resell_condition_report_load_async);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_thread);
}

ResellConditionReport *
resell_condition_report_load_finish (GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
