/* resell-appraisal.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-grading"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "grading/resell-appraisal.h"
#include "grading/resell-condition-text.h"

struct _ResellAppraisal
{
  GObject             parent_instance;

  gint64              item_id;
  ResellCategory     *category;
  ResellGradingRules *rules;
  ResellGradeResult  *result;
  ResellItemGrading  *stored;
  ResellCondition     grade;
  gboolean            overridden;
  char               *generated_text;
  guint               n_flaws;
};

G_DEFINE_FINAL_TYPE (ResellAppraisal, resell_appraisal, G_TYPE_OBJECT)

static int
compare_items_by_id (gconstpointer a,
                     gconstpointer b)
{
  gint64 ia = resell_item_get_id (*(ResellItem * const *)a);
  gint64 ib = resell_item_get_id (*(ResellItem * const *)b);

  return ia < ib ? -1 : ia > ib;
}

static void
resell_appraisal_finalize (GObject *object)
{
  ResellAppraisal *self = RESELL_APPRAISAL (object);

  g_clear_object (&self->category);
  g_clear_object (&self->rules);
  g_clear_object (&self->result);
  g_clear_pointer (&self->stored, resell_item_grading_free);
  g_clear_pointer (&self->generated_text, g_free);

  G_OBJECT_CLASS (resell_appraisal_parent_class)->finalize (object);
}

static void
resell_appraisal_class_init (ResellAppraisalClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = resell_appraisal_finalize;
}

static void
resell_appraisal_init (ResellAppraisal *self)
{
}

/* Grades one item from what was read of it: @stored is taken, @flaws are
 * its rows (@n_flaws of them). */
static ResellAppraisal *
appraise (ResellGradingRules         *rules,
          ResellCategory             *category,
          gint64                      item_id,
          ResellItemGrading          *stored,
          const ResellGradingFlawRow *flaws,
          guint                       n_flaws)
{
  ResellAppraisal *self = g_object_new (RESELL_TYPE_APPRAISAL, NULL);
  g_autofree ResellGradeFlaw *grade_flaws = g_new0 (ResellGradeFlaw, MAX (n_flaws, 1));

  self->item_id = item_id;
  self->category = g_object_ref (category);
  self->rules = g_object_ref (rules);
  self->stored = stored;

  for (guint i = 0; i < n_flaws; i++)
    grade_flaws[i] = (ResellGradeFlaw) {
      flaws[i].type_id, flaws[i].severity, flaws[i].zone_id, flaws[i].photo_number,
    };
  self->n_flaws = n_flaws;

  self->result = resell_grading_rules_grade (rules, stored->answers, grade_flaws, n_flaws);
  self->generated_text = resell_condition_text_write (rules, stored->answers, grade_flaws, n_flaws, 0);

  self->grade = resell_grade_result_get_grade (self->result);
  self->overridden = resell_condition_from_id (stored->override_grade, &self->grade);

  return self;
}

static ResellGradingRules *
rules_for (ResellGrader            *grader,
           ResellCategoryRegistry  *categories,
           ResellItem              *item,
           ResellCategory         **category,
           GError                 **error)
{
  ResellGradingRules *rules;

  *category = resell_category_registry_lookup (categories, resell_item_get_category (item));
  rules = *category ? resell_grader_lookup (grader, resell_category_get_id (*category)) : NULL;

  if (rules == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                 _("There are no grading rules for the category “%s”"),
                 resell_item_get_category (item));

  return rules;
}

ResellAppraisal *
resell_appraisal_load (ResellGrader           *grader,
                       ResellCategoryRegistry *categories,
                       ResellCatalog          *catalog,
                       gint64                  item_id,
                       GError                **error)
{
  g_autoptr(ResellItem) item = NULL;
  g_autoptr(ResellItemGrading) stored = NULL;
  g_autoptr(GArray) flaws = NULL;
  ResellGradingRules *rules;
  ResellCategory *category;

  g_return_val_if_fail (RESELL_IS_GRADER (grader), NULL);
  g_return_val_if_fail (RESELL_IS_CATEGORY_REGISTRY (categories), NULL);
  g_return_val_if_fail (RESELL_IS_CATALOG (catalog), NULL);

  if (!(item = resell_catalog_lookup_item (catalog, item_id, error)) ||
      !(rules = rules_for (grader, categories, item, &category, error)) ||
      !(stored = resell_catalog_get_grading (catalog, item_id, error)) ||
      !(flaws = resell_catalog_list_grading_flaws (catalog, item_id, error)))
    return NULL;

  return appraise (rules, category, item_id, g_steal_pointer (&stored),
                   (ResellGradingFlawRow *)(gpointer)flaws->data, flaws->len);
}

GPtrArray *
resell_appraisal_load_all (ResellGrader           *grader,
                           ResellCategoryRegistry *categories,
                           ResellCatalog          *catalog,
                           GPtrArray              *problems,
                           GError                **error)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GHashTable) gradings = NULL;
  g_autoptr(GArray) flaws = NULL;
  g_autoptr(GPtrArray) appraisals = NULL;
  guint next_flaw = 0;

  g_return_val_if_fail (RESELL_IS_GRADER (grader), NULL);
  g_return_val_if_fail (RESELL_IS_CATEGORY_REGISTRY (categories), NULL);
  g_return_val_if_fail (RESELL_IS_CATALOG (catalog), NULL);

  /* Three reads for the whole catalog instead of several per item. */
  if (!(items = resell_catalog_list_items (catalog, error)) ||
      !(gradings = resell_catalog_list_gradings (catalog, error)) ||
      !(flaws = resell_catalog_list_grading_flaws (catalog, 0, error)))
    return NULL;

  /* Flaws come ordered by item; walk the items in the same order. */
  g_ptr_array_sort (items, compare_items_by_id);
  appraisals = g_ptr_array_new_full (items->len, g_object_unref);

  for (guint i = 0; i < items->len; i++)
    {
      ResellItem *item = g_ptr_array_index (items, i);
      gint64 id = resell_item_get_id (item);
      g_autoptr(GError) local_error = NULL;
      ResellItemGrading *stored = NULL;
      g_autofree gint64 *key = NULL;
      ResellGradingRules *rules;
      ResellCategory *category;
      guint first;

      while (next_flaw < flaws->len && g_array_index (flaws, ResellGradingFlawRow, next_flaw).item_id < id)
        next_flaw++;
      first = next_flaw;
      while (next_flaw < flaws->len && g_array_index (flaws, ResellGradingFlawRow, next_flaw).item_id == id)
        next_flaw++;

      if (!(rules = rules_for (grader, categories, item, &category, &local_error)))
        {
          if (problems != NULL)
            g_ptr_array_add (problems, g_strdup_printf ("%s: %s", resell_item_get_sku (item), local_error->message));
          continue;
        }

      /* The table owns its keys: a stolen entry's key is ours to free. */
      g_hash_table_steal_extended (gradings, &id, (gpointer *)&key, (gpointer *)&stored);
      g_ptr_array_add (appraisals,
                       appraise (rules, category, id, stored ? stored : resell_item_grading_new (),
                                 &g_array_index (flaws, ResellGradingFlawRow, first), next_flaw - first));
    }

  return g_steal_pointer (&appraisals);
}

typedef struct
{
  ResellGrader           *grader;
  ResellCategoryRegistry *categories;
  ResellCatalog          *catalog;
  gint64                  item_id;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->grader);
  g_clear_object (&data->categories);
  g_clear_object (&data->catalog);
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
  ResellAppraisal *appraisal;

  appraisal = resell_appraisal_load (data->grader, data->categories, data->catalog,
                                     data->item_id, &error);
  if (appraisal != NULL)
    g_task_return_pointer (task, appraisal, g_object_unref);
  else
    g_task_return_error (task, error);
}

void
resell_appraisal_load_async (ResellGrader           *grader,
                             ResellCategoryRegistry *categories,
                             ResellCatalog          *catalog,
                             gint64                  item_id,
                             GCancellable           *cancellable,
                             GAsyncReadyCallback     callback,
                             gpointer                user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  LoadData *data = g_new0 (LoadData, 1);

  data->grader = g_object_ref (grader);
  data->categories = g_object_ref (categories);
  data->catalog = g_object_ref (catalog);
  data->item_id = item_id;

  g_task_set_source_tag (task, resell_appraisal_load_async);
  g_task_set_task_data (task, data, (GDestroyNotify)load_data_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, load_thread);
}

ResellAppraisal *
resell_appraisal_load_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gint64
resell_appraisal_get_item_id (ResellAppraisal *self)
{
  g_return_val_if_fail (RESELL_IS_APPRAISAL (self), 0);

  return self->item_id;
}

ResellCategory *
resell_appraisal_get_category (ResellAppraisal *self)
{
  g_return_val_if_fail (RESELL_IS_APPRAISAL (self), NULL);

  return self->category;
}

ResellGradeResult *
resell_appraisal_get_result (ResellAppraisal *self)
{
  g_return_val_if_fail (RESELL_IS_APPRAISAL (self), NULL);

  return self->result;
}

ResellCondition
resell_appraisal_get_grade (ResellAppraisal *self)
{
  g_return_val_if_fail (RESELL_IS_APPRAISAL (self), RESELL_CONDITION_GOOD);

  return self->grade;
}

gboolean
resell_appraisal_is_overridden (ResellAppraisal *self)
{
  g_return_val_if_fail (RESELL_IS_APPRAISAL (self), FALSE);

  return self->overridden;
}

const char *
resell_appraisal_get_condition_for (ResellAppraisal *self,
                                    const char      *marketplace)
{
  g_return_val_if_fail (RESELL_IS_APPRAISAL (self), NULL);

  return resell_grading_rules_map_condition (self->rules, marketplace, self->grade, NULL);
}

const ResellItemGrading *
resell_appraisal_get_stored (ResellAppraisal *self)
{
  g_return_val_if_fail (RESELL_IS_APPRAISAL (self), NULL);

  return self->stored;
}

const char *
resell_appraisal_get_condition_text (ResellAppraisal *self)
{
  g_return_val_if_fail (RESELL_IS_APPRAISAL (self), NULL);

  return self->stored->condition_text ? self->stored->condition_text : self->generated_text;
}

const char *
resell_appraisal_get_generated_text (ResellAppraisal *self)
{
  g_return_val_if_fail (RESELL_IS_APPRAISAL (self), NULL);

  return self->generated_text;
}

gboolean
resell_appraisal_is_text_edited (ResellAppraisal *self)
{
  g_return_val_if_fail (RESELL_IS_APPRAISAL (self), FALSE);

  return self->stored->condition_text != NULL;
}

guint
resell_appraisal_get_n_flaws (ResellAppraisal *self)
{
  g_return_val_if_fail (RESELL_IS_APPRAISAL (self), 0);

  return self->n_flaws;
}
