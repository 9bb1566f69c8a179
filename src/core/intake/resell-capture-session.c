/* resell-capture-session.c
 *
 * Loading the item's photos and the onion skins is in
 * resell-capture-session-load.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-capture-session"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "intake/resell-capture-session-private.h"

G_DEFINE_FINAL_TYPE (ResellCaptureSession, resell_capture_session, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (ResellCaptureMode, resell_capture_mode,
  G_DEFINE_ENUM_VALUE (RESELL_CAPTURE_MODE_NEXT, "next"),
  G_DEFINE_ENUM_VALUE (RESELL_CAPTURE_MODE_RETAKE, "retake"),
  G_DEFINE_ENUM_VALUE (RESELL_CAPTURE_MODE_EXTRA, "extra"))

enum {
  PROP_0,
  PROP_CATALOG,
  PROP_IMPORTER,
  PROP_ITEM,
  PROP_CATEGORY,
  PROP_MODE,
  PROP_RETAKE_PHOTO_ID,
  PROP_CURRENT_SLOT,
  PROP_CURRENT_EXTRA_ID,
  PROP_LAST_CAPTURE,
  PROP_N_FILLED,
  PROP_N_SHOTS,
  PROP_N_PHOTOS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GHashTable *
_resell_capture_session_new_report_table (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
}

void
_resell_capture_session_put_report (GHashTable       *reports,
                                    ResellPhoto      *photo,
                                    ResellShotReport *report)
{
  gint64 *key = g_new (gint64, 1);

  *key = resell_photo_get_id (photo);
  g_hash_table_replace (reports, key, g_object_ref (report));
}

ResellCaptureSession *
resell_capture_session_new (void)
{
  return g_object_new (RESELL_TYPE_CAPTURE_SESSION, NULL);
}

void
resell_capture_session_set_context (ResellCaptureSession *self,
                                    ResellCatalog        *catalog,
                                    ResellImporter       *importer)
{
  g_return_if_fail (RESELL_IS_CAPTURE_SESSION (self));
  g_return_if_fail (catalog == NULL || RESELL_IS_CATALOG (catalog));
  g_return_if_fail (importer == NULL || RESELL_IS_IMPORTER (importer));

  if (g_set_object (&self->catalog, catalog))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATALOG]);
  if (g_set_object (&self->importer, importer))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMPORTER]);
}

/* The plan's counts are the session's. */
static void
on_plan_notify (ResellCaptureSession *self,
                GParamSpec           *pspec)
{
  if (g_str_equal (pspec->name, "n-filled"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_FILLED]);
  else if (g_str_equal (pspec->name, "n-photos"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PHOTOS]);
}

static void
set_plan (ResellCaptureSession *self,
          ResellShotPlan       *plan)
{
  if (self->plan != NULL)
    g_signal_handlers_disconnect_by_data (self->plan, self);
  g_clear_object (&self->plan);
  self->plan = plan;
  g_signal_connect_swapped (plan, "notify", G_CALLBACK (on_plan_notify), self);
}

static void
clear_pending (ResellCaptureSession *self)
{
  g_clear_pointer (&self->pending_slot, g_free);
  g_clear_pointer (&self->pending_path, g_free);
  self->pending_extra_id = 0;
}

void
resell_capture_session_reset (ResellCaptureSession *self,
                              ResellItem           *item,
                              ResellCategory       *category)
{
  g_return_if_fail (RESELL_IS_CAPTURE_SESSION (self));
  g_return_if_fail (item == NULL || RESELL_IS_ITEM (item));
  g_return_if_fail (category == NULL || RESELL_IS_CATEGORY (category));

  g_object_freeze_notify (G_OBJECT (self));

  g_clear_object (&self->item);
  self->item = item ? resell_item_copy (item) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
  if (g_set_object (&self->category, category))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATEGORY]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SHOTS]);
    }

  set_plan (self, resell_shot_plan_new (category, NULL));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_FILLED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PHOTOS]);
  g_clear_pointer (&self->originals_dir, g_free);
  g_hash_table_remove_all (self->reports);
  g_clear_pointer (&self->onion, g_hash_table_unref);
  clear_pending (self);

  resell_capture_session_set_mode (self, RESELL_CAPTURE_MODE_NEXT);
  resell_capture_session_set_current (self, NULL, 0);
  if (g_set_object (&self->last_capture, NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_CAPTURE]);

  g_object_thaw_notify (G_OBJECT (self));
}

ResellItem *
resell_capture_session_get_item (ResellCaptureSession *self)
{
  g_return_val_if_fail (RESELL_IS_CAPTURE_SESSION (self), NULL);
  return self->item;
}

ResellCategory *
resell_capture_session_get_category (ResellCaptureSession *self)
{
  g_return_val_if_fail (RESELL_IS_CAPTURE_SESSION (self), NULL);
  return self->category;
}

ResellShotPlan *
resell_capture_session_get_plan (ResellCaptureSession *self)
{
  g_return_val_if_fail (RESELL_IS_CAPTURE_SESSION (self), NULL);
  return self->plan;
}

const char *
resell_capture_session_get_originals_dir (ResellCaptureSession *self)
{
  g_return_val_if_fail (RESELL_IS_CAPTURE_SESSION (self), NULL);
  return self->originals_dir;
}

ResellShotReport *
resell_capture_session_get_report (ResellCaptureSession *self,
                                   ResellPhoto          *photo)
{
  gint64 id;

  g_return_val_if_fail (RESELL_IS_CAPTURE_SESSION (self), NULL);

  if (photo == NULL)
    return NULL;
  id = resell_photo_get_id (photo);
  return g_hash_table_lookup (self->reports, &id);
}

gboolean
resell_capture_session_photo_failed (ResellCaptureSession *self,
                                     ResellPhoto          *photo)
{
  ResellShotReport *report = resell_capture_session_get_report (self, photo);

  return report != NULL && !resell_shot_report_get_passed (report);
}

/* The shot chosen */

static ResellPhoto *
photo_of (ResellCaptureSession *self,
          const char           *slot,
          gint64                extra_id)
{
  if (slot != NULL)
    return resell_shot_plan_photo_for_slot (self->plan, slot);
  if (extra_id != 0)
    return resell_shot_plan_photo_by_id (self->plan, extra_id);
  return NULL;
}

void
resell_capture_session_set_current (ResellCaptureSession *self,
                                    const char           *slot,
                                    gint64                extra_id)
{
  ResellPhoto *photo;

  g_return_if_fail (RESELL_IS_CAPTURE_SESSION (self));

  if (slot != NULL)
    extra_id = 0;

  g_object_freeze_notify (G_OBJECT (self));
  if (g_strcmp0 (self->current_slot, slot) != 0)
    {
      g_free (self->current_slot);
      self->current_slot = g_strdup (slot);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_SLOT]);
    }
  if (self->current_extra_id != extra_id)
    {
      self->current_extra_id = extra_id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_EXTRA_ID]);
    }

  /* A retake belongs to the shot it was asked for. */
  photo = photo_of (self, slot, extra_id);
  if (self->mode == RESELL_CAPTURE_MODE_RETAKE &&
      (photo == NULL || resell_photo_get_id (photo) != self->retake_photo_id))
    resell_capture_session_set_mode (self, RESELL_CAPTURE_MODE_NEXT);
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
resell_capture_session_get_current_slot (ResellCaptureSession *self)
{
  g_return_val_if_fail (RESELL_IS_CAPTURE_SESSION (self), NULL);
  return self->current_slot;
}

gint64
resell_capture_session_get_current_extra_id (ResellCaptureSession *self)
{
  g_return_val_if_fail (RESELL_IS_CAPTURE_SESSION (self), 0);
  return self->current_extra_id;
}

ResellPhoto *
resell_capture_session_get_current_photo (ResellCaptureSession *self)
{
  g_return_val_if_fail (RESELL_IS_CAPTURE_SESSION (self), NULL);
  return photo_of (self, self->current_slot, self->current_extra_id);
}

ResellPhoto *
resell_capture_session_get_last_capture (ResellCaptureSession *self)
{
  g_return_val_if_fail (RESELL_IS_CAPTURE_SESSION (self), NULL);
  return self->last_capture;
}

/* Chooses the shot @photo shows in: its shot, or itself as an extra. */
static void
set_current_photo (ResellCaptureSession *self,
                   ResellPhoto          *photo)
{
  if (resell_shot_plan_is_extra (self->plan, photo))
    resell_capture_session_set_current (self, NULL, resell_photo_get_id (photo));
  else
    resell_capture_session_set_current (self, resell_photo_get_slot (photo), 0);
}

/* Modes */

static void
set_mode_full (ResellCaptureSession *self,
               ResellCaptureMode     mode,
               gint64                retake_photo_id)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (self->mode != mode)
    {
      self->mode = mode;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
    }
  if (self->retake_photo_id != retake_photo_id)
    {
      self->retake_photo_id = retake_photo_id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RETAKE_PHOTO_ID]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

void
resell_capture_session_set_mode (ResellCaptureSession *self,
                                 ResellCaptureMode     mode)
{
  g_return_if_fail (RESELL_IS_CAPTURE_SESSION (self));
  g_return_if_fail (mode != RESELL_CAPTURE_MODE_RETAKE);

  set_mode_full (self, mode, 0);
}

ResellCaptureMode
resell_capture_session_get_mode (ResellCaptureSession *self)
{
  g_return_val_if_fail (RESELL_IS_CAPTURE_SESSION (self), RESELL_CAPTURE_MODE_NEXT);
  return self->mode;
}

void
resell_capture_session_arm_retake (ResellCaptureSession *self,
                                   ResellPhoto          *photo)
{
  g_return_if_fail (RESELL_IS_CAPTURE_SESSION (self));
  g_return_if_fail (RESELL_IS_PHOTO (photo));

  set_mode_full (self, RESELL_CAPTURE_MODE_RETAKE, resell_photo_get_id (photo));
}

gint64
resell_capture_session_get_retake_photo_id (ResellCaptureSession *self)
{
  g_return_val_if_fail (RESELL_IS_CAPTURE_SESSION (self), 0);
  return self->retake_photo_id;
}

ResellPhoto *
resell_capture_session_retake (ResellCaptureSession *self)
{
  ResellPhoto *photo;

  g_return_val_if_fail (RESELL_IS_CAPTURE_SESSION (self), NULL);

  photo = resell_capture_session_get_current_photo (self);
  /* Nothing here yet: retake what is on screen, the photo taken last. */
  if (photo == NULL && self->last_capture != NULL)
    {
      photo = self->last_capture;
      set_current_photo (self, photo);
    }
  if (photo != NULL)
    resell_capture_session_arm_retake (self, photo);
  return photo;
}

const char *
resell_capture_session_get_pending_path (ResellCaptureSession *self)
{
  g_return_val_if_fail (RESELL_IS_CAPTURE_SESSION (self), NULL);

  if (self->pending_path == NULL ||
      g_strcmp0 (self->pending_slot, self->current_slot) != 0 ||
      self->pending_extra_id != self->current_extra_id)
    return NULL;
  return self->pending_path;
}

/* Attaching shots */

typedef struct
{
  gint64    item_id;
  char     *slot;          /* NULL: an extra photo */
  char     *path;
  gint64    replaces;      /* the photo a retake replaces, or 0 */
  gboolean  for_current;   /* taken for the shot chosen */
} AttachData;

static void
attach_data_free (AttachData *data)
{
  g_free (data->slot);
  g_free (data->path);
  g_free (data);
}

/* The new photo is in the item: move on through the shot list, or stay
 * and arm a retake when it failed its checks. */
static void
photo_arrived (ResellCaptureSession *self,
               AttachData           *data,
               ResellPhoto          *photo,
               ResellShotReport     *report)
{
  gboolean extra;
  const char *slot;

  g_object_freeze_notify (G_OBJECT (self));

  if (self->last_capture != NULL && data->replaces != 0 &&
      resell_photo_get_id (self->last_capture) == data->replaces)
    g_clear_object (&self->last_capture);
  if (report != NULL)
    _resell_capture_session_put_report (self->reports, photo, report);
  if (data->replaces != 0)
    g_hash_table_remove (self->reports, &data->replaces);
  /* A load that read the catalog after this photo was saved has put it
   * in the plan already: once is enough. */
  resell_shot_plan_remove (self->plan, resell_photo_get_id (photo));
  slot = resell_shot_plan_add (self->plan, photo, data->replaces);
  extra = slot == NULL;
  g_set_object (&self->last_capture, photo);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_CAPTURE]);

  /* Only when the person is still on the shot it was taken for (or on
   * nothing): otherwise they chose another one meanwhile. */
  if (data->for_current &&
      (extra || (self->current_slot == NULL && self->current_extra_id == 0) ||
       g_strcmp0 (self->current_slot, slot) == 0))
    {
      if (report != NULL && !resell_shot_report_get_passed (report))
        {
          set_current_photo (self, photo);
          resell_capture_session_arm_retake (self, photo);
        }
      else if (!extra)
        {
          const char *next = resell_shot_plan_next_open (self->plan, slot);

          resell_capture_session_set_current (self, next ? next : slot, 0);
        }
    }

  g_object_thaw_notify (G_OBJECT (self));
}

static void
attached_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ResellCaptureSession *self = g_task_get_source_object (task);
  AttachData *data = g_task_get_task_data (task);
  g_autoptr(ResellImportResult) attached = NULL;
  GError *error = NULL;
  gboolean same_item;

  attached = resell_importer_attach_finish (RESELL_IMPORTER (object), result, &error);

  /* The item may have changed meanwhile: its photo is attached there all
   * the same, but nothing of it belongs to this session any more. */
  same_item = self->item != NULL && resell_item_get_id (self->item) == data->item_id;
  if (same_item)
    {
      resell_shot_plan_claim (self->plan, data->slot, -1);
      if (g_strcmp0 (self->pending_path, data->path) == 0)
        clear_pending (self);
    }

  if (attached == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (same_item && resell_import_result_get_status (attached) == RESELL_IMPORT_STATUS_IMPORTED)
    photo_arrived (self, data,
                   resell_import_result_get_photo (attached),
                   resell_import_result_get_report (attached));

  g_task_return_pointer (task, g_steal_pointer (&attached), g_object_unref);
}

void
resell_capture_session_attach_async (ResellCaptureSession *self,
                                     const char           *path,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GFile) file = NULL;
  const char *target_slot = NULL;
  gint64 target_extra = 0;
  ResellPhoto *old;
  AttachData *data;

  g_return_if_fail (RESELL_IS_CAPTURE_SESSION (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (self->item != NULL && self->importer != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, resell_capture_session_attach_async);

  /* The same file reported twice (the capture's result and an event). */
  if (g_hash_table_contains (self->handled, path))
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  g_hash_table_add (self->handled, g_strdup (path));

  data = g_new0 (AttachData, 1);
  data->item_id = resell_item_get_id (self->item);
  data->path = g_strdup (path);

  if (self->mode == RESELL_CAPTURE_MODE_EXTRA)
    data->for_current = TRUE;
  else if (self->mode == RESELL_CAPTURE_MODE_RETAKE &&
           (old = resell_shot_plan_photo_by_id (self->plan, self->retake_photo_id)) != NULL)
    {
      data->slot = g_strdup (resell_photo_get_slot (old));
      data->replaces = self->retake_photo_id;
      if (resell_shot_plan_is_extra (self->plan, old))
        target_extra = data->replaces;
      else
        target_slot = data->slot;
    }
  else
    {
      const char *current = self->current_slot;

      if (current != NULL && !resell_shot_plan_is_filled (self->plan, current) &&
          !resell_shot_plan_is_claimed (self->plan, current))
        target_slot = current;
      else
        /* Every shot taken: an extra detail shot (NULL). */
        target_slot = resell_shot_plan_next_open (self->plan, current);
      data->slot = g_strdup (target_slot);
      target_slot = data->slot;
    }

  data->for_current = data->for_current ||
                      (target_slot != NULL && g_strcmp0 (target_slot, self->current_slot) == 0) ||
                      (target_extra != 0 && target_extra == self->current_extra_id);
  g_task_set_task_data (task, data, (GDestroyNotify) attach_data_free);

  resell_shot_plan_claim (self->plan, data->slot, 1);
  if (data->for_current && (target_slot != NULL || target_extra != 0))
    {
      clear_pending (self);
      self->pending_slot = g_strdup (target_slot);
      self->pending_extra_id = target_extra;
      self->pending_path = g_strdup (path);
    }
  resell_capture_session_set_mode (self, RESELL_CAPTURE_MODE_NEXT);

  file = g_file_new_for_path (path);
  resell_importer_attach_async (self->importer, self->item, self->category, data->slot, file,
                                TRUE, data->replaces, cancellable,
                                attached_cb, g_steal_pointer (&task));
}

ResellImportResult *
resell_capture_session_attach_finish (ResellCaptureSession  *self,
                                      GAsyncResult          *result,
                                      GError               **error)
{
  g_return_val_if_fail (RESELL_IS_CAPTURE_SESSION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Reordering */

typedef struct
{
  ResellPhoto *photo;
  guint        old_index;
} MoveData;

static void
move_data_free (MoveData *data)
{
  g_clear_object (&data->photo);
  g_free (data);
}

static void
moved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ResellCaptureSession *self = g_task_get_source_object (task);
  MoveData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!resell_catalog_move_photo_finish (RESELL_CATALOG (object), result, &error))
    {
      /* The catalog kept the old order: so does the plan. */
      if (resell_shot_plan_photo_index (self->plan, data->photo) >= 0)
        resell_shot_plan_move (self->plan, data->photo, data->old_index);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

void
resell_capture_session_move_photo_async (ResellCaptureSession *self,
                                         ResellPhoto          *photo,
                                         int                   step,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  MoveData *data;
  int index;

  g_return_if_fail (RESELL_IS_CAPTURE_SESSION (self));
  g_return_if_fail (RESELL_IS_PHOTO (photo));
  g_return_if_fail (self->catalog != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, resell_capture_session_move_photo_async);

  index = resell_shot_plan_photo_index (self->plan, photo);
  if (index < 0 || index + step < 0 ||
      !resell_shot_plan_move (self->plan, photo, (guint) (index + step)))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("This photo cannot move further."));
      return;
    }

  data = g_new0 (MoveData, 1);
  data->photo = g_object_ref (photo);
  data->old_index = (guint) index;
  g_task_set_task_data (task, data, (GDestroyNotify) move_data_free);
  /* The catalog runs moves one after another in this order, so two quick
   * moves land as the plan shows them. */
  resell_catalog_move_photo_async (self->catalog, resell_photo_get_id (photo), index + step,
                                   NULL, moved_cb, g_steal_pointer (&task));
}

gboolean
resell_capture_session_move_photo_finish (ResellCaptureSession  *self,
                                          GAsyncResult          *result,
                                          GError               **error)
{
  g_return_val_if_fail (RESELL_IS_CAPTURE_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* GObject */

static void
resell_capture_session_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  ResellCaptureSession *self = RESELL_CAPTURE_SESSION (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;
    case PROP_IMPORTER:
      g_value_set_object (value, self->importer);
      break;
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    case PROP_CATEGORY:
      g_value_set_object (value, self->category);
      break;
    case PROP_MODE:
      g_value_set_enum (value, self->mode);
      break;
    case PROP_RETAKE_PHOTO_ID:
      g_value_set_int64 (value, self->retake_photo_id);
      break;
    case PROP_CURRENT_SLOT:
      g_value_set_string (value, self->current_slot);
      break;
    case PROP_CURRENT_EXTRA_ID:
      g_value_set_int64 (value, self->current_extra_id);
      break;
    case PROP_LAST_CAPTURE:
      g_value_set_object (value, self->last_capture);
      break;
    case PROP_N_FILLED:
      g_value_set_uint (value, resell_shot_plan_get_n_filled (self->plan));
      break;
    case PROP_N_SHOTS:
      g_value_set_uint (value, resell_shot_plan_get_n_shots (self->plan));
      break;
    case PROP_N_PHOTOS:
      g_value_set_uint (value, resell_shot_plan_get_n_photos (self->plan));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_capture_session_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  ResellCaptureSession *self = RESELL_CAPTURE_SESSION (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      resell_capture_session_set_context (self, g_value_get_object (value), self->importer);
      break;
    case PROP_IMPORTER:
      resell_capture_session_set_context (self, self->catalog, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_capture_session_finalize (GObject *object)
{
  ResellCaptureSession *self = RESELL_CAPTURE_SESSION (object);

  if (self->plan != NULL)
    g_signal_handlers_disconnect_by_data (self->plan, self);
  g_clear_object (&self->plan);
  g_clear_object (&self->catalog);
  g_clear_object (&self->importer);
  g_clear_object (&self->item);
  g_clear_object (&self->category);
  g_clear_object (&self->last_capture);
  g_clear_pointer (&self->originals_dir, g_free);
  g_clear_pointer (&self->reports, g_hash_table_unref);
  g_clear_pointer (&self->onion, g_hash_table_unref);
  g_clear_pointer (&self->handled, g_hash_table_unref);
  g_clear_pointer (&self->current_slot, g_free);
  clear_pending (self);

  G_OBJECT_CLASS (resell_capture_session_parent_class)->finalize (object);
}

static void
resell_capture_session_class_init (ResellCaptureSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags readable = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = resell_capture_session_finalize;
  object_class->get_property = resell_capture_session_get_property;
  object_class->set_property = resell_capture_session_set_property;

  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL, RESELL_TYPE_CATALOG,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_IMPORTER] =
    g_param_spec_object ("importer", NULL, NULL, RESELL_TYPE_IMPORTER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, RESELL_TYPE_ITEM, readable);
  properties[PROP_CATEGORY] =
    g_param_spec_object ("category", NULL, NULL, RESELL_TYPE_CATEGORY, readable);
  properties[PROP_MODE] =
    g_param_spec_enum ("mode", NULL, NULL, RESELL_TYPE_CAPTURE_MODE, RESELL_CAPTURE_MODE_NEXT, readable);
  properties[PROP_RETAKE_PHOTO_ID] =
    g_param_spec_int64 ("retake-photo-id", NULL, NULL, 0, G_MAXINT64, 0, readable);
  properties[PROP_CURRENT_SLOT] =
    g_param_spec_string ("current-slot", NULL, NULL, NULL, readable);
  properties[PROP_CURRENT_EXTRA_ID] =
    g_param_spec_int64 ("current-extra-id", NULL, NULL, 0, G_MAXINT64, 0, readable);
  properties[PROP_LAST_CAPTURE] =
    g_param_spec_object ("last-capture", NULL, NULL, RESELL_TYPE_PHOTO, readable);
  properties[PROP_N_FILLED] =
    g_param_spec_uint ("n-filled", NULL, NULL, 0, G_MAXUINT, 0, readable);
  properties[PROP_N_SHOTS] =
    g_param_spec_uint ("n-shots", NULL, NULL, 0, G_MAXUINT, 0, readable);
  properties[PROP_N_PHOTOS] =
    g_param_spec_uint ("n-photos", NULL, NULL, 0, G_MAXUINT, 0, readable);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
resell_capture_session_init (ResellCaptureSession *self)
{
  self->reports = _resell_capture_session_new_report_table ();
  self->handled = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  set_plan (self, resell_shot_plan_new (NULL, NULL));
}

void
resell_capture_session_arm_flaw_closeup (ResellCaptureSession *self,
                                         gint64                flaw_id)
{
  /* FIXME: first commit of the API only. */
  g_return_if_reached ();
}

gint64
resell_capture_session_get_closeup_flaw_id (ResellCaptureSession *self)
{
  return 0;
}
