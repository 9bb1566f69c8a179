/* resell-capture-session-load.c — the capture session's reads: the item's
 * photos and their reports, and the onion skins of earlier items
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-capture-session"

#include "config.h"

#include "intake/resell-capture-session-private.h"

/* Items looked at for the onion skin before giving up on a shot. */
#define ONION_MAX_ITEMS 40

/* Loading */

typedef struct
{
  ResellCatalog *catalog;
  ResellItem    *item;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->catalog);
  g_clear_object (&data->item);
  g_free (data);
}

/* Runs @func on a worker with the catalog and a copy of the item. */
static void
run_load_task (ResellCaptureSession *self,
               GCancellable         *cancellable,
               GAsyncReadyCallback   callback,
               gpointer              user_data,
               gpointer              source_tag,
               GTaskThreadFunc       func)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  LoadData *data = g_new0 (LoadData, 1);

  data->catalog = g_object_ref (self->catalog);
  data->item = resell_item_copy (self->item);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, func);
}

/* The value @result carries, or NULL with @error set. A value read for an
 * item the session no longer shoots is freed with @free_func and reported as
 * cancelled, so a late answer never lands on the next item. */
static gpointer
propagate_for_item (ResellCaptureSession  *self,
                    GAsyncResult          *result,
                    GDestroyNotify         free_func,
                    GError               **error)
{
  LoadData *data = g_task_get_task_data (G_TASK (result));
  gpointer value;

  value = g_task_propagate_pointer (G_TASK (result), error);
  if (value == NULL)
    return NULL;

  if (self->item == NULL || resell_item_get_id (self->item) != resell_item_get_id (data->item))
    {
      free_func (value);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           "Another item is shot now");
      return NULL;
    }

  return value;
}

typedef struct
{
  GPtrArray  *photos;
  GHashTable *reports;
  char       *originals_dir;
} PhotosResult;

static void
photos_result_free (PhotosResult *r)
{
  g_clear_pointer (&r->photos, g_ptr_array_unref);
  g_clear_pointer (&r->reports, g_hash_table_unref);
  g_free (r->originals_dir);
  g_free (r);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  PhotosResult *r = g_new0 (PhotosResult, 1);
  GError *error = NULL;

  r->originals_dir = resell_catalog_dup_originals_dir (data->catalog, resell_item_get_sku (data->item), &error);
  if (r->originals_dir != NULL)
    r->photos = resell_catalog_list_photos (data->catalog, resell_item_get_id (data->item), &error);
  if (r->photos == NULL)
    {
      photos_result_free (r);
      g_task_return_error (task, error);
      return;
    }

  r->reports = _resell_capture_session_new_report_table ();
  for (guint i = 0; i < r->photos->len; i++)
    {
      ResellPhoto *photo = g_ptr_array_index (r->photos, i);
      g_autoptr(ResellShotReport) report = resell_shot_report_new_from_json (resell_photo_get_checks (photo));

      if (report != NULL)
        _resell_capture_session_put_report (r->reports, photo, report);
    }

  g_task_return_pointer (task, r, (GDestroyNotify) photos_result_free);
}

void
resell_capture_session_load_async (ResellCaptureSession *self,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data)
{
  g_return_if_fail (RESELL_IS_CAPTURE_SESSION (self));
  g_return_if_fail (self->catalog != NULL && self->item != NULL);

  run_load_task (self, cancellable, callback, user_data,
                 resell_capture_session_load_async, load_thread);
}

gboolean
resell_capture_session_load_finish (ResellCaptureSession  *self,
                                    GAsyncResult          *result,
                                    GError               **error)
{
  PhotosResult *r;

  g_return_val_if_fail (RESELL_IS_CAPTURE_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  r = propagate_for_item (self, result, (GDestroyNotify) photos_result_free, error);
  if (r == NULL)
    return FALSE;

  g_clear_pointer (&self->reports, g_hash_table_unref);
  self->reports = g_steal_pointer (&r->reports);
  g_free (self->originals_dir);
  self->originals_dir = g_steal_pointer (&r->originals_dir);
  resell_shot_plan_set_photos (self->plan, r->photos);
  photos_result_free (r);
  return TRUE;
}

static void
onion_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  LoadData *data = task_data;
  ResellItem *item = data->item;
  g_autoptr(GPtrArray) items = NULL;
  GHashTable *onion = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  GError *error = NULL;
  guint looked = 0;

  items = resell_catalog_list_items (data->catalog, &error);
  if (items == NULL)
    {
      g_hash_table_unref (onion);
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < items->len && looked < ONION_MAX_ITEMS; i++)
    {
      ResellItem *other = g_ptr_array_index (items, i);
      g_autoptr(GPtrArray) photos = NULL;

      if (g_cancellable_is_cancelled (cancellable))
        break;
      if (resell_item_get_id (other) == resell_item_get_id (item) ||
          g_strcmp0 (resell_item_get_category (other), resell_item_get_category (item)) != 0 ||
          resell_item_get_photo_count (other) == 0)
        continue;

      looked++;
      photos = resell_catalog_list_photos (data->catalog, resell_item_get_id (other), NULL);
      for (guint j = 0; photos != NULL && j < photos->len; j++)
        {
          ResellPhoto *photo = g_ptr_array_index (photos, j);
          const char *slot = resell_photo_get_slot (photo);

          if (slot != NULL && !g_hash_table_contains (onion, slot))
            g_hash_table_insert (onion, g_strdup (slot), g_object_ref (photo));
        }
    }

  g_task_return_pointer (task, onion, (GDestroyNotify) g_hash_table_unref);
}

void
resell_capture_session_find_onion_async (ResellCaptureSession *self,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data)
{
  g_return_if_fail (RESELL_IS_CAPTURE_SESSION (self));
  g_return_if_fail (self->catalog != NULL && self->item != NULL);

  run_load_task (self, cancellable, callback, user_data,
                 resell_capture_session_find_onion_async, onion_thread);
}

gboolean
resell_capture_session_find_onion_finish (ResellCaptureSession  *self,
                                          GAsyncResult          *result,
                                          GError               **error)
{
  GHashTable *onion;

  g_return_val_if_fail (RESELL_IS_CAPTURE_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  onion = propagate_for_item (self, result, (GDestroyNotify) g_hash_table_unref, error);
  if (onion == NULL)
    return FALSE;

  g_clear_pointer (&self->onion, g_hash_table_unref);
  self->onion = onion;
  return TRUE;
}

ResellPhoto *
resell_capture_session_get_onion (ResellCaptureSession *self,
                                  const char           *slot)
{
  g_return_val_if_fail (RESELL_IS_CAPTURE_SESSION (self), NULL);

  if (slot == NULL || self->onion == NULL)
    return NULL;
  return g_hash_table_lookup (self->onion, slot);
}
