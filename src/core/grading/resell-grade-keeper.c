/* resell-grade-keeper.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-grading"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "catalog/resell-catalog-grading.h"
#include "grading/resell-grade-keeper.h"

struct _ResellGradeKeeper
{
  GObject                 parent_instance;

  ResellGrader           *grader;
  ResellCategoryRegistry *categories;
  ResellCatalog          *catalog;

  /* One thread, so that two regrades of an item never race and an older
   * answer never overwrites a newer one. */
  GThreadPool            *pool;

  GMutex                  lock;
  GCond                   idle;
  GHashTable             *queued;     /* item ids (gint64*) waiting, to fold repeats */
  guint                   n_pending;  /* jobs pushed and not yet done */
  gboolean                stopping;
};

G_DEFINE_FINAL_TYPE (ResellGradeKeeper, resell_grade_keeper, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_GRADER,
  PROP_CATEGORIES,
  PROP_CATALOG,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  gint64  item_id;   /* 0: every item */
  GTask  *task;      /* for every item; NULL for one */
} Job;

const char *
resell_grade_keeper_grade_for (ResellAppraisal *appraisal)
{
  ResellGradeResult *result;
  const char * const *unanswered;

  g_return_val_if_fail (RESELL_IS_APPRAISAL (appraisal), NULL);

  if (resell_appraisal_is_overridden (appraisal))
    return resell_condition_to_id (resell_appraisal_get_grade (appraisal));

  result = resell_appraisal_get_result (appraisal);
  unanswered = resell_grade_result_get_unanswered (result);
  if (unanswered != NULL && unanswered[0] != NULL)
    return NULL;

  return resell_condition_to_id (resell_appraisal_get_grade (appraisal));
}

static gboolean
refresh_item (ResellGradeKeeper  *self,
              gint64              item_id,
              gboolean           *changed,
              GError            **error)
{
  g_autoptr(ResellAppraisal) appraisal = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *grade = NULL;

  appraisal = resell_appraisal_load (self->grader, self->categories, self->catalog,
                                     item_id, &local_error);
  if (appraisal != NULL)
    grade = resell_grade_keeper_grade_for (appraisal);
  else if (g_error_matches (local_error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_NOT_FOUND))
    {
      /* Deleted meanwhile: nothing to keep. */
      *changed = FALSE;
      return TRUE;
    }
  else
    /* A category without rules cannot be graded: no grade rather than a
     * stale one. */
    g_debug ("Item %" G_GINT64_FORMAT " cannot be graded: %s", item_id, local_error->message);

  return resell_catalog_set_item_grade (self->catalog, item_id, grade, changed, error);
}

static guint
refresh_all (ResellGradeKeeper  *self,
             GCancellable       *cancellable,
             GError            **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) appraisals = NULL;
  guint n_changed = 0;

  appraisals = resell_appraisal_load_all (self->grader, self->categories, self->catalog,
                                          problems, error);
  if (appraisals == NULL)
    return G_MAXUINT;

  for (guint i = 0; i < appraisals->len; i++)
    {
      ResellAppraisal *appraisal = g_ptr_array_index (appraisals, i);
      g_autoptr(GError) local_error = NULL;
      gboolean changed = FALSE;

      /* The app may be closing: stop between items, not after 10,000. */
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return G_MAXUINT;

      /* Writes only what differs: one small transaction per changed item,
       * none for the rest. */
      if (!resell_catalog_set_item_grade (self->catalog,
                                          resell_appraisal_get_item_id (appraisal),
                                          resell_grade_keeper_grade_for (appraisal),
                                          &changed, &local_error))
        {
          if (!g_error_matches (local_error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_NOT_FOUND))
            g_warning ("The grade of item %" G_GINT64_FORMAT " could not be stored: %s",
                       resell_appraisal_get_item_id (appraisal), local_error->message);
          continue;
        }

      if (changed)
        n_changed++;
    }

  return n_changed;
}

static void
job_done (ResellGradeKeeper *self)
{
  g_mutex_lock (&self->lock);
  if (--self->n_pending == 0)
    g_cond_broadcast (&self->idle);
  g_mutex_unlock (&self->lock);
}

static void
worker (gpointer data,
        gpointer user_data)
{
  ResellGradeKeeper *self = user_data;
  Job *job = data;
  gboolean stopping;

  g_mutex_lock (&self->lock);
  stopping = self->stopping;
  if (job->item_id != 0)
    /* From here on a new change must queue the item again. */
    g_hash_table_remove (self->queued, &job->item_id);
  g_mutex_unlock (&self->lock);

  if (job->task != NULL)
    {
      g_autoptr(GError) error = NULL;
      guint n_changed;

      if (stopping || g_task_return_error_if_cancelled (job->task))
        {
          if (stopping)
            g_task_return_new_error (job->task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                     _("The grades were not refreshed: the app is closing."));
        }
      else if ((n_changed = refresh_all (self, g_task_get_cancellable (job->task), &error)) == G_MAXUINT)
        g_task_return_error (job->task, g_steal_pointer (&error));
      else
        g_task_return_int (job->task, n_changed);

      g_object_unref (job->task);
    }
  else if (!stopping)
    {
      g_autoptr(GError) error = NULL;
      gboolean changed = FALSE;

      if (!refresh_item (self, job->item_id, &changed, &error))
        g_warning ("The grade of item %" G_GINT64_FORMAT " could not be stored: %s",
                   job->item_id, error->message);
    }

  g_free (job);
  job_done (self);
}

static void
push (ResellGradeKeeper *self,
      Job               *job)
{
  g_mutex_lock (&self->lock);
  self->n_pending++;
  g_mutex_unlock (&self->lock);

  g_thread_pool_push (self->pool, job, NULL);
}

static void
queue_item (ResellGradeKeeper *self,
            gint64             item_id)
{
  Job *job;

  if (item_id <= 0)
    return;

  g_mutex_lock (&self->lock);
  if (g_hash_table_contains (self->queued, &item_id))
    {
      /* Still waiting: it will read the newest state when it runs. */
      g_mutex_unlock (&self->lock);
      return;
    }
  g_hash_table_add (self->queued, g_memdup2 (&item_id, sizeof item_id));
  g_mutex_unlock (&self->lock);

  job = g_new0 (Job, 1);
  job->item_id = item_id;
  push (self, job);
}

/* item-changed also comes from the keeper's own write of the grade: that
 * regrade finds the same grade and writes nothing, which ends it. */
static void
item_changed_cb (ResellCatalog     *catalog,
                 ResellItem        *item,
                 ResellGradeKeeper *self)
{
  queue_item (self, resell_item_get_id (item));
}

static void
flaws_changed_cb (ResellCatalog     *catalog,
                  gint64             item_id,
                  ResellGradeKeeper *self)
{
  queue_item (self, item_id);
}

void
resell_grade_keeper_refresh_all_async (ResellGradeKeeper   *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  Job *job;

  g_return_if_fail (RESELL_IS_GRADE_KEEPER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  job = g_new0 (Job, 1);
  job->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, resell_grade_keeper_refresh_all_async);
  push (self, job);
}

gboolean
resell_grade_keeper_refresh_all_finish (ResellGradeKeeper  *self,
                                        GAsyncResult       *result,
                                        guint              *n_changed,
                                        GError            **error)
{
  gssize n;

  g_return_val_if_fail (RESELL_IS_GRADE_KEEPER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  n = g_task_propagate_int (G_TASK (result), error);
  if (n < 0)
    return FALSE;

  if (n_changed != NULL)
    *n_changed = (guint) n;

  return TRUE;
}

gboolean
resell_grade_keeper_refresh_item (ResellGradeKeeper  *self,
                                  gint64              item_id,
                                  gboolean           *changed,
                                  GError            **error)
{
  gboolean dummy;

  g_return_val_if_fail (RESELL_IS_GRADE_KEEPER (self), FALSE);
  g_return_val_if_fail (item_id > 0, FALSE);

  return refresh_item (self, item_id, changed != NULL ? changed : &dummy, error);
}

void
resell_grade_keeper_flush (ResellGradeKeeper *self)
{
  g_return_if_fail (RESELL_IS_GRADE_KEEPER (self));

  g_mutex_lock (&self->lock);
  while (self->n_pending > 0)
    g_cond_wait (&self->idle, &self->lock);
  g_mutex_unlock (&self->lock);
}

ResellGradeKeeper *
resell_grade_keeper_new (ResellGrader           *grader,
                         ResellCategoryRegistry *categories,
                         ResellCatalog          *catalog)
{
  g_return_val_if_fail (RESELL_IS_GRADER (grader), NULL);
  g_return_val_if_fail (RESELL_IS_CATEGORY_REGISTRY (categories), NULL);
  g_return_val_if_fail (RESELL_IS_CATALOG (catalog), NULL);

  return g_object_new (RESELL_TYPE_GRADE_KEEPER,
                       "grader", grader,
                       "categories", categories,
                       "catalog", catalog,
                       NULL);
}

static void
resell_grade_keeper_constructed (GObject *object)
{
  ResellGradeKeeper *self = (ResellGradeKeeper *)object;

  G_OBJECT_CLASS (resell_grade_keeper_parent_class)->constructed (object);

  g_signal_connect_object (self->catalog, "item-added", G_CALLBACK (item_changed_cb), self, 0);
  g_signal_connect_object (self->catalog, "item-changed", G_CALLBACK (item_changed_cb), self, 0);
  g_signal_connect_object (self->catalog, "flaws-changed", G_CALLBACK (flaws_changed_cb), self, 0);
}

static void
resell_grade_keeper_dispose (GObject *object)
{
  ResellGradeKeeper *self = (ResellGradeKeeper *)object;

  if (self->catalog != NULL)
    g_signal_handlers_disconnect_by_data (self->catalog, self);

  if (self->pool != NULL)
    {
      /* Queued jobs are let through, but skip their work. */
      g_mutex_lock (&self->lock);
      self->stopping = TRUE;
      g_mutex_unlock (&self->lock);

      g_thread_pool_free (g_steal_pointer (&self->pool), FALSE, TRUE);
    }

  G_OBJECT_CLASS (resell_grade_keeper_parent_class)->dispose (object);
}

static void
resell_grade_keeper_finalize (GObject *object)
{
  ResellGradeKeeper *self = (ResellGradeKeeper *)object;

  g_clear_object (&self->grader);
  g_clear_object (&self->categories);
  g_clear_object (&self->catalog);
  g_clear_pointer (&self->queued, g_hash_table_unref);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->idle);

  G_OBJECT_CLASS (resell_grade_keeper_parent_class)->finalize (object);
}

static void
resell_grade_keeper_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ResellGradeKeeper *self = RESELL_GRADE_KEEPER (object);

  switch (prop_id)
    {
    case PROP_GRADER:
      g_value_set_object (value, self->grader);
      break;
    case PROP_CATEGORIES:
      g_value_set_object (value, self->categories);
      break;
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_grade_keeper_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  ResellGradeKeeper *self = RESELL_GRADE_KEEPER (object);

  switch (prop_id)
    {
    case PROP_GRADER:
      self->grader = g_value_dup_object (value);
      break;
    case PROP_CATEGORIES:
      self->categories = g_value_dup_object (value);
      break;
    case PROP_CATALOG:
      self->catalog = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_grade_keeper_class_init (ResellGradeKeeperClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = resell_grade_keeper_constructed;
  object_class->dispose = resell_grade_keeper_dispose;
  object_class->finalize = resell_grade_keeper_finalize;
  object_class->get_property = resell_grade_keeper_get_property;
  object_class->set_property = resell_grade_keeper_set_property;

  properties[PROP_GRADER] =
    g_param_spec_object ("grader", "Grader", NULL, RESELL_TYPE_GRADER, flags);
  properties[PROP_CATEGORIES] =
    g_param_spec_object ("categories", "Categories", NULL, RESELL_TYPE_CATEGORY_REGISTRY, flags);
  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", "Catalog", NULL, RESELL_TYPE_CATALOG, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
resell_grade_keeper_init (ResellGradeKeeper *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->idle);
  self->queued = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->pool = g_thread_pool_new (worker, self, 1, FALSE, NULL);
}
