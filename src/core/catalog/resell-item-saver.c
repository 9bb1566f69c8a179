/* resell-item-saver.c — an item's edits saved in order, off the caller's thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-item-saver"

#include "config.h"

#include "catalog/resell-item-saver.h"

/* What the saver knows of one item not yet known to be saved. */
typedef struct
{
  ResellItem *latest;   /* the newest details asked for */
  gboolean    queued;   /* a job for this item waits in the pool, not started */
  gboolean    failed;   /* the newest details could not be written */
} Entry;

/* One run of the worker for one item, reported back on the main context. */
typedef struct
{
  ResellItemSaver *self;      /* strong: the saver lives until every job is reported */
  gint64           id;
  ResellItem      *written;   /* the copy the worker tried to write */
  GError          *error;
} Job;

struct _ResellItemSaver
{
  GObject        parent_instance;

  ResellCatalog *catalog;
  GMainContext  *context;
  GThreadPool   *pool;          /* one thread: saves land in order */

  GMutex         lock;
  GCond          written_cond;
  GHashTable    *entries;       /* gint64 id → Entry; under lock (the worker reads) */
  guint          n_unwritten;   /* jobs pushed, not yet through the worker; under lock */

  /* Main context only. */
  guint          n_unreported;  /* jobs pushed, not yet reported */
  GPtrArray     *flush_tasks;   /* GTask of resell_item_saver_flush_async() */
  GError        *flush_error;   /* the first failure while a flush waits */
};

G_DEFINE_FINAL_TYPE (ResellItemSaver, resell_item_saver, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CATALOG,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SAVE_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
entry_free (Entry *entry)
{
  g_clear_object (&entry->latest);
  g_free (entry);
}

static void
job_free (Job *job)
{
  g_clear_object (&job->written);
  g_clear_error (&job->error);
  g_object_unref (job->self);
  g_free (job);
}

static void
complete_flushes (ResellItemSaver *self)
{
  g_autoptr(GPtrArray) tasks = NULL;
  g_autoptr(GError) error = NULL;

  if (self->n_unreported > 0 || self->flush_tasks->len == 0)
    return;

  tasks = g_steal_pointer (&self->flush_tasks);
  self->flush_tasks = g_ptr_array_new_with_free_func (g_object_unref);
  error = g_steal_pointer (&self->flush_error);

  for (guint i = 0; i < tasks->len; i++)
    {
      GTask *task = g_ptr_array_index (tasks, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }
}

/* On the main context, after the catalog's own signals for the write (its
 * source runs at default priority, this one at idle priority), so an
 * editor never re-opens an item from a list that has not heard of it. */
static gboolean
job_report (gpointer data)
{
  Job *job = data;
  ResellItemSaver *self = job->self;
  Entry *entry;

  g_mutex_lock (&self->lock);
  entry = g_hash_table_lookup (self->entries, &job->id);
  /* Only when no newer details were asked for meanwhile. */
  if (entry != NULL && entry->latest == job->written && !entry->queued)
    {
      if (job->error != NULL)
        entry->failed = TRUE;
      else
        g_hash_table_remove (self->entries, &job->id);
    }
  g_mutex_unlock (&self->lock);

  g_assert (self->n_unreported > 0);
  self->n_unreported--;

  if (job->error != NULL)
    {
      if (self->flush_tasks->len > 0 && self->flush_error == NULL)
        self->flush_error = g_error_copy (job->error);

      if (g_signal_has_handler_pending (self, signals[SAVE_FAILED], 0, TRUE))
        g_signal_emit (self, signals[SAVE_FAILED], 0, job->written, job->error);
      else
        g_warning ("Could not save item %" G_GINT64_FORMAT ": %s", job->id, job->error->message);
    }

  complete_flushes (self);

  return G_SOURCE_REMOVE;
}

static void
worker_func (gpointer data,
             gpointer user_data)
{
  Job *job = data;
  ResellItemSaver *self = job->self;
  g_autoptr(ResellItem) scratch = NULL;
  g_autoptr(GSource) source = NULL;
  Entry *entry;

  g_mutex_lock (&self->lock);
  entry = g_hash_table_lookup (self->entries, &job->id);
  g_assert (entry != NULL && entry->queued);
  /* From here a new save of this item needs a job of its own. */
  entry->queued = FALSE;
  job->written = g_object_ref (entry->latest);
  g_mutex_unlock (&self->lock);

  /* The catalog stamps updated-at on what it is given; the saved copy is
   * only read here, so the main thread can keep looking at it. */
  scratch = resell_item_copy (job->written);
  resell_catalog_update_item (self->catalog, scratch, &job->error);

  g_mutex_lock (&self->lock);
  self->n_unwritten--;
  g_cond_broadcast (&self->written_cond);
  g_mutex_unlock (&self->lock);

  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT_IDLE);
  g_source_set_callback (source, job_report, job, (GDestroyNotify) job_free);
  g_source_set_static_name (source, "[resell] item saved");
  g_source_attach (source, self->context);
}

/* Called with the lock held.  Returns whether a job must be pushed. */
static gboolean
mark_queued (ResellItemSaver *self,
             Entry           *entry)
{
  if (entry->queued)
    return FALSE;

  entry->queued = TRUE;
  self->n_unwritten++;
  return TRUE;
}

static void
push_job (ResellItemSaver *self,
          gint64           id)
{
  Job *job = g_new0 (Job, 1);

  job->self = g_object_ref (self);
  job->id = id;
  self->n_unreported++;
  g_thread_pool_push (self->pool, job, NULL);
}

void
resell_item_saver_save (ResellItemSaver *self,
                        ResellItem      *item)
{
  gint64 id;
  Entry *entry;
  gboolean push;

  g_return_if_fail (RESELL_IS_ITEM_SAVER (self));
  g_return_if_fail (RESELL_IS_ITEM (item));

  id = resell_item_get_id (item);

  g_mutex_lock (&self->lock);
  entry = g_hash_table_lookup (self->entries, &id);
  if (entry == NULL)
    {
      entry = g_new0 (Entry, 1);
      g_hash_table_insert (self->entries, g_memdup2 (&id, sizeof id), entry);
    }
  g_clear_object (&entry->latest);
  entry->latest = resell_item_copy (item);
  entry->failed = FALSE;
  push = mark_queued (self, entry);
  g_mutex_unlock (&self->lock);

  if (push)
    push_job (self, id);
}

ResellItem *
resell_item_saver_lookup (ResellItemSaver *self,
                          gint64           id)
{
  ResellItem *item = NULL;
  Entry *entry;

  g_return_val_if_fail (RESELL_IS_ITEM_SAVER (self), NULL);

  g_mutex_lock (&self->lock);
  entry = g_hash_table_lookup (self->entries, &id);
  if (entry != NULL)
    item = entry->latest;
  g_mutex_unlock (&self->lock);

  /* Only the main thread replaces entry->latest, so this stays valid. */
  return item;
}

void
resell_item_saver_flush (ResellItemSaver *self)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (RESELL_IS_ITEM_SAVER (self));

  /* Try again what could not be saved before (a full disk, a busy catalog). */
  g_mutex_lock (&self->lock);
  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Entry *entry = value;

      if (!entry->failed)
        continue;
      entry->failed = FALSE;
      if (mark_queued (self, entry))
        g_array_append_val (ids, *(gint64 *) key);
    }
  g_mutex_unlock (&self->lock);

  for (guint i = 0; i < ids->len; i++)
    push_job (self, g_array_index (ids, gint64, i));
}

void
resell_item_saver_wait (ResellItemSaver *self)
{
  g_return_if_fail (RESELL_IS_ITEM_SAVER (self));

  g_mutex_lock (&self->lock);
  while (self->n_unwritten > 0)
    g_cond_wait (&self->written_cond, &self->lock);
  g_mutex_unlock (&self->lock);
}

void
resell_item_saver_flush_async (ResellItemSaver     *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (RESELL_IS_ITEM_SAVER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, resell_item_saver_flush_async);

  resell_item_saver_flush (self);

  if (self->n_unreported == 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  g_ptr_array_add (self->flush_tasks, g_steal_pointer (&task));
}

gboolean
resell_item_saver_flush_finish (ResellItemSaver  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_return_val_if_fail (RESELL_IS_ITEM_SAVER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

ResellItemSaver *
resell_item_saver_new (ResellCatalog *catalog)
{
  g_return_val_if_fail (RESELL_IS_CATALOG (catalog), NULL);

  return g_object_new (RESELL_TYPE_ITEM_SAVER, "catalog", catalog, NULL);
}

ResellCatalog *
resell_item_saver_get_catalog (ResellItemSaver *self)
{
  g_return_val_if_fail (RESELL_IS_ITEM_SAVER (self), NULL);
  return self->catalog;
}

static void
resell_item_saver_finalize (GObject *object)
{
  ResellItemSaver *self = (ResellItemSaver *)object;

  /* Every job holds a reference until it is reported: none is left. */
  g_assert (self->n_unreported == 0);
  g_thread_pool_free (self->pool, FALSE, TRUE);

  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_clear_pointer (&self->flush_tasks, g_ptr_array_unref);
  g_clear_error (&self->flush_error);
  g_clear_object (&self->catalog);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->written_cond);

  G_OBJECT_CLASS (resell_item_saver_parent_class)->finalize (object);
}

static void
resell_item_saver_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  ResellItemSaver *self = RESELL_ITEM_SAVER (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_item_saver_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  ResellItemSaver *self = RESELL_ITEM_SAVER (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      self->catalog = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_item_saver_class_init (ResellItemSaverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = resell_item_saver_finalize;
  object_class->get_property = resell_item_saver_get_property;
  object_class->set_property = resell_item_saver_set_property;

  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL,
                         RESELL_TYPE_CATALOG,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SAVE_FAILED] =
    g_signal_new ("save-failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, RESELL_TYPE_ITEM, G_TYPE_ERROR);
}

static void
resell_item_saver_init (ResellItemSaver *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->written_cond);
  self->context = g_main_context_ref_thread_default ();
  self->entries = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) entry_free);
  self->flush_tasks = g_ptr_array_new_with_free_func (g_object_unref);
  self->pool = g_thread_pool_new (worker_func, NULL, 1, FALSE, NULL);
}
