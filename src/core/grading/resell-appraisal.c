/* resell-appraisal.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-grading"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "catalog/resell-catalog-flaws.h"
#include "catalog/resell-photo.h"
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

ResellAppraisal *
resell_appraisal_load (ResellGrader           *grader,
                       ResellCategoryRegistry *categories,
                       ResellCatalog          *catalog,
                       gint64                  item_id,
                       GError                **error)
{
  g_autoptr(ResellAppraisal) self = NULL;
  g_autoptr(ResellItem) item = NULL;
  g_autoptr(GPtrArray) flaws = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  g_autoptr(GHashTable) numbers = NULL;
  g_autoptr(GArray) grade_flaws = NULL;
  g_autofree char **severity_ids = NULL;
  ResellGradingRules *rules;
  ResellCategory *category;

  g_return_val_if_fail (RESELL_IS_GRADER (grader), NULL);
  g_return_val_if_fail (RESELL_IS_CATEGORY_REGISTRY (categories), NULL);
  g_return_val_if_fail (RESELL_IS_CATALOG (catalog), NULL);

  if (!(item = resell_catalog_lookup_item (catalog, item_id, error)))
    return NULL;

  category = resell_category_registry_lookup (categories, resell_item_get_category (item));
  rules = category ? resell_grader_lookup (grader, resell_category_get_id (category)) : NULL;

  if (rules == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("There are no grading rules for the category “%s”"),
                   resell_item_get_category (item));
      return NULL;
    }

  self = g_object_new (RESELL_TYPE_APPRAISAL, NULL);
  self->item_id = item_id;
  self->category = g_object_ref (category);
  self->rules = g_object_ref (rules);

  if (!(self->stored = resell_catalog_get_grading (catalog, item_id, error)) ||
      !(flaws = resell_catalog_list_flaws (catalog, item_id, error)) ||
      !(photos = resell_catalog_list_photos (catalog, item_id, error)))
    return NULL;

  /* A flaw's photo number is its photo's place in the item's photo order,
   * which is the order they are listed in. */
  numbers = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < photos->len; i++)
    {
      ResellPhoto *photo = g_ptr_array_index (photos, i);
      gint64 *id = g_new (gint64, 1);

      *id = resell_photo_get_id (photo);
      g_hash_table_insert (numbers, id, GUINT_TO_POINTER (i + 1));
    }

  grade_flaws = g_array_sized_new (FALSE, TRUE, sizeof (ResellGradeFlaw), flaws->len);
  for (guint i = 0; i < flaws->len; i++)
    {
      ResellFlaw *flaw = g_ptr_array_index (flaws, i);
      gint64 photo_id = resell_flaw_get_photo_id (flaw);
      const char *zone_id = resell_flaw_get_zone_id (flaw);
      ResellGradeFlaw grade_flaw = {
        resell_flaw_get_type_id (flaw),
        resell_flaw_severity_to_string (resell_flaw_get_severity (flaw)),
        zone_id && zone_id[0] ? zone_id : NULL,
        GPOINTER_TO_UINT (g_hash_table_lookup (numbers, &photo_id)),
      };

      g_array_append_val (grade_flaws, grade_flaw);
    }
  self->n_flaws = grade_flaws->len;

  self->result = resell_grading_rules_grade (rules, self->stored->answers,
                                             (ResellGradeFlaw *)grade_flaws->data, grade_flaws->len);
  self->generated_text = resell_condition_text_write (rules, self->stored->answers,
                                                      (ResellGradeFlaw *)grade_flaws->data,
                                                      grade_flaws->len, 0);

  self->grade = resell_grade_result_get_grade (self->result);
  self->overridden = resell_condition_from_id (self->stored->override_grade, &self->grade);

  /* The keys were allocated above; the table does not own them. */
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, numbers);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_free (key);
  }

  return g_steal_pointer (&self);
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
