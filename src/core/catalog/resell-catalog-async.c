/* resell-catalog-async.c — the catalog's window-facing work on a worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-catalog"

#include "config.h"

#include "catalog/resell-catalog-async.h"

/* One GTask per call; its data says what to do.  Objects handed in are
 * copied at the call, so the worker never reads an object the caller's
 * thread may still change.  Every call runs on one worker, in the order
 * the calls were made: two quick turns of a photo, or two moves, reach the
 * catalog as the seller made them (GLib's shared pool may run two tasks
 * in either order). */

typedef enum
{
  OP_INSERT_ITEM,
  OP_TRASH_ITEM,
  OP_RESTORE_ITEM,
  OP_PURGE_TRASH,
  OP_LIST_PHOTOS,
  OP_UPDATE_PHOTO,
  OP_REMOVE_PHOTO,
  OP_MOVE_PHOTO,
  OP_LIST_FLAWS,
  OP_ADD_FLAW,
  OP_UPDATE_FLAW,
  OP_REMOVE_FLAW,
} Op;

typedef struct
{
  Op           op;
  gint64       id;       /* item, photo or time, by op */
  int          index;    /* OP_MOVE_PHOTO: the new place */
  ResellItem  *item;
  ResellPhoto *photo;
  ResellFlaw  *flaw;
  guint        n_purged;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->item);
  g_clear_object (&job->photo);
  g_clear_object (&job->flaw);
  g_free (job);
}

static ResellPhoto *
copy_photo (ResellPhoto *photo)
{
  ResellPhoto *copy = resell_photo_new ();

  resell_photo_set_id (copy, resell_photo_get_id (photo));
  resell_photo_set_item_id (copy, resell_photo_get_item_id (photo));
  resell_photo_set_slot (copy, resell_photo_get_slot (photo));
  resell_photo_set_position (copy, resell_photo_get_position (photo));
  resell_photo_set_path (copy, resell_photo_get_path (photo));
  resell_photo_set_original_name (copy, resell_photo_get_original_name (photo));
  resell_photo_set_sha256 (copy, resell_photo_get_sha256 (photo));
  resell_photo_set_width (copy, resell_photo_get_width (photo));
  resell_photo_set_height (copy, resell_photo_get_height (photo));
  resell_photo_set_captured_at (copy, resell_photo_get_captured_at (photo));
  resell_photo_set_camera_model (copy, resell_photo_get_camera_model (photo));
  resell_photo_set_checks (copy, resell_photo_get_checks (photo));
  resell_photo_set_added_at (copy, resell_photo_get_added_at (photo));
  resell_photo_set_edits (copy, resell_photo_get_edits (photo));
  return copy;
}

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  ResellCatalog *catalog = source_object;
  Job *job = task_data;
  GError *error = NULL;
  GPtrArray *photos;
  GPtrArray *flaws;
  gboolean ok = FALSE;

  switch (job->op)
    {
    case OP_INSERT_ITEM:
      if (resell_catalog_insert_item (catalog, job->item, &error))
        {
          g_task_return_pointer (task, g_object_ref (job->item), g_object_unref);
          return;
        }
      break;
    case OP_TRASH_ITEM:
      ok = resell_catalog_trash_item (catalog, job->id, &error);
      break;
    case OP_RESTORE_ITEM:
      ok = resell_catalog_restore_item (catalog, job->id, &error);
      break;
    case OP_PURGE_TRASH:
      /* Nothing written yet: a purge cancelled before it starts is skipped. */
      if (g_task_return_error_if_cancelled (task))
        return;
      ok = resell_catalog_purge_trash (catalog, job->id, &job->n_purged, &error);
      break;
    case OP_LIST_PHOTOS:
      photos = resell_catalog_list_photos (catalog, job->id, &error);
      if (photos != NULL)
        {
          g_task_return_pointer (task, photos, (GDestroyNotify) g_ptr_array_unref);
          return;
        }
      break;
    case OP_UPDATE_PHOTO:
      ok = resell_catalog_update_photo (catalog, job->photo, &error);
      break;
    case OP_REMOVE_PHOTO:
      ok = resell_catalog_remove_photo (catalog, job->id, &error);
      break;
    case OP_MOVE_PHOTO:
      ok = resell_catalog_move_photo (catalog, job->id, job->index, &error);
      break;
    case OP_LIST_FLAWS:
      flaws = resell_catalog_list_flaws (catalog, job->id, &error);
      if (flaws != NULL)
        {
          g_task_return_pointer (task, flaws, (GDestroyNotify) g_ptr_array_unref);
          return;
        }
      break;
    case OP_ADD_FLAW:
      if (resell_catalog_add_flaw (catalog, job->flaw, &error))
        {
          g_task_return_pointer (task, g_object_ref (job->flaw), g_object_unref);
          return;
        }
      break;
    case OP_UPDATE_FLAW:
      ok = resell_catalog_update_flaw (catalog, job->flaw, &error);
      break;
    case OP_REMOVE_FLAW:
      ok = resell_catalog_remove_flaw (catalog, job->id, &error);
      break;
    default:
      g_assert_not_reached ();
    }

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
ordered_worker (gpointer data,
                gpointer user_data)
{
  g_autoptr(GTask) task = data;

  job_thread (task, g_task_get_source_object (task), g_task_get_task_data (task),
              g_task_get_cancellable (task));
}

/* The one worker, for the life of the process. */
static GThreadPool *
ordered_pool (void)
{
  static GThreadPool *pool;

  if (g_once_init_enter (&pool))
    {
      GThreadPool *new_pool = g_thread_pool_new (ordered_worker, NULL, 1, FALSE, NULL);

      g_once_init_leave (&pool, new_pool);
    }

  return pool;
}

static void
run_job (ResellCatalog       *self,
         Job                 *job,
         gpointer             source_tag,
         GCancellable        *cancellable,
         GAsyncReadyCallback  callback,
         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_thread_pool_push (ordered_pool (), g_steal_pointer (&task), NULL);
}

static Job *
job_new (Op op,
         gint64 id)
{
  Job *job = g_new0 (Job, 1);

  job->op = op;
  job->id = id;
  return job;
}

static gboolean
finish_boolean (ResellCatalog  *self,
                GAsyncResult   *result,
                gpointer        source_tag,
                GError        **error)
{
  g_return_val_if_fail (RESELL_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static gpointer
finish_pointer (ResellCatalog  *self,
                GAsyncResult   *result,
                gpointer        source_tag,
                GError        **error)
{
  g_return_val_if_fail (RESELL_IS_CATALOG (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
resell_catalog_insert_item_async (ResellCatalog       *self,
                                  ResellItem          *item,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  Job *job;

  g_return_if_fail (RESELL_IS_CATALOG (self));
  g_return_if_fail (RESELL_IS_ITEM (item));

  job = job_new (OP_INSERT_ITEM, 0);
  job->item = resell_item_copy (item);
  run_job (self, job, resell_catalog_insert_item_async, cancellable, callback, user_data);
}

ResellItem *
resell_catalog_insert_item_finish (ResellCatalog  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  return finish_pointer (self, result, resell_catalog_insert_item_async, error);
}

void
resell_catalog_trash_item_async (ResellCatalog       *self,
                                 gint64               id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (RESELL_IS_CATALOG (self));

  run_job (self, job_new (OP_TRASH_ITEM, id), resell_catalog_trash_item_async,
           cancellable, callback, user_data);
}

gboolean
resell_catalog_trash_item_finish (ResellCatalog  *self,
                                  GAsyncResult   *result,
                                  GError        **error)
{
  return finish_boolean (self, result, resell_catalog_trash_item_async, error);
}

void
resell_catalog_restore_item_async (ResellCatalog       *self,
                                   gint64               id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (RESELL_IS_CATALOG (self));

  run_job (self, job_new (OP_RESTORE_ITEM, id), resell_catalog_restore_item_async,
           cancellable, callback, user_data);
}

gboolean
resell_catalog_restore_item_finish (ResellCatalog  *self,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  return finish_boolean (self, result, resell_catalog_restore_item_async, error);
}

void
resell_catalog_purge_trash_async (ResellCatalog       *self,
                                  gint64               before_usec,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (RESELL_IS_CATALOG (self));

  run_job (self, job_new (OP_PURGE_TRASH, before_usec), resell_catalog_purge_trash_async,
           cancellable, callback, user_data);
}

gboolean
resell_catalog_purge_trash_finish (ResellCatalog  *self,
                                   GAsyncResult   *result,
                                   guint          *n_purged,
                                   GError        **error)
{
  gboolean ok = finish_boolean (self, result, resell_catalog_purge_trash_async, error);
  Job *job;

  if (n_purged != NULL)
    {
      job = g_task_get_task_data (G_TASK (result));
      *n_purged = ok ? job->n_purged : 0;
    }
  return ok;
}

void
resell_catalog_list_photos_async (ResellCatalog       *self,
                                  gint64               item_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (RESELL_IS_CATALOG (self));

  run_job (self, job_new (OP_LIST_PHOTOS, item_id), resell_catalog_list_photos_async,
           cancellable, callback, user_data);
}

GPtrArray *
resell_catalog_list_photos_finish (ResellCatalog  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  return finish_pointer (self, result, resell_catalog_list_photos_async, error);
}

void
resell_catalog_update_photo_async (ResellCatalog       *self,
                                   ResellPhoto         *photo,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  Job *job;

  g_return_if_fail (RESELL_IS_CATALOG (self));
  g_return_if_fail (RESELL_IS_PHOTO (photo));

  job = job_new (OP_UPDATE_PHOTO, resell_photo_get_id (photo));
  job->photo = copy_photo (photo);
  run_job (self, job, resell_catalog_update_photo_async, cancellable, callback, user_data);
}

gboolean
resell_catalog_update_photo_finish (ResellCatalog  *self,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  return finish_boolean (self, result, resell_catalog_update_photo_async, error);
}

void
resell_catalog_remove_photo_async (ResellCatalog       *self,
                                   gint64               photo_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (RESELL_IS_CATALOG (self));

  run_job (self, job_new (OP_REMOVE_PHOTO, photo_id), resell_catalog_remove_photo_async,
           cancellable, callback, user_data);
}

gboolean
resell_catalog_remove_photo_finish (ResellCatalog  *self,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  return finish_boolean (self, result, resell_catalog_remove_photo_async, error);
}

void
resell_catalog_move_photo_async (ResellCatalog       *self,
                                 gint64               photo_id,
                                 int                  new_index,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  Job *job;

  g_return_if_fail (RESELL_IS_CATALOG (self));

  job = job_new (OP_MOVE_PHOTO, photo_id);
  job->index = new_index;
  run_job (self, job, resell_catalog_move_photo_async, cancellable, callback, user_data);
}

gboolean
resell_catalog_move_photo_finish (ResellCatalog  *self,
                                  GAsyncResult   *result,
                                  GError        **error)
{
  return finish_boolean (self, result, resell_catalog_move_photo_async, error);
}

void
resell_catalog_list_flaws_async (ResellCatalog       *self,
                                 gint64               item_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (RESELL_IS_CATALOG (self));

  run_job (self, job_new (OP_LIST_FLAWS, item_id), resell_catalog_list_flaws_async,
           cancellable, callback, user_data);
}

GPtrArray *
resell_catalog_list_flaws_finish (ResellCatalog  *self,
                                  GAsyncResult   *result,
                                  GError        **error)
{
  return finish_pointer (self, result, resell_catalog_list_flaws_async, error);
}

void
resell_catalog_add_flaw_async (ResellCatalog       *self,
                               ResellFlaw          *flaw,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  Job *job;

  g_return_if_fail (RESELL_IS_CATALOG (self));
  g_return_if_fail (RESELL_IS_FLAW (flaw));

  job = job_new (OP_ADD_FLAW, 0);
  job->flaw = resell_flaw_copy (flaw);
  run_job (self, job, resell_catalog_add_flaw_async, cancellable, callback, user_data);
}

ResellFlaw *
resell_catalog_add_flaw_finish (ResellCatalog  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  return finish_pointer (self, result, resell_catalog_add_flaw_async, error);
}

void
resell_catalog_update_flaw_async (ResellCatalog       *self,
                                  ResellFlaw          *flaw,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  Job *job;

  g_return_if_fail (RESELL_IS_CATALOG (self));
  g_return_if_fail (RESELL_IS_FLAW (flaw));

  job = job_new (OP_UPDATE_FLAW, resell_flaw_get_id (flaw));
  job->flaw = resell_flaw_copy (flaw);
  run_job (self, job, resell_catalog_update_flaw_async, cancellable, callback, user_data);
}

gboolean
resell_catalog_update_flaw_finish (ResellCatalog  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  return finish_boolean (self, result, resell_catalog_update_flaw_async, error);
}

void
resell_catalog_remove_flaw_async (ResellCatalog       *self,
                                  gint64               flaw_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (RESELL_IS_CATALOG (self));

  run_job (self, job_new (OP_REMOVE_FLAW, flaw_id), resell_catalog_remove_flaw_async,
           cancellable, callback, user_data);
}

gboolean
resell_catalog_remove_flaw_finish (ResellCatalog  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  return finish_boolean (self, result, resell_catalog_remove_flaw_async, error);
}
