/* resell-camera.c — one camera, driven by its own owner thread
 *
 * The object lives on the thread that made it (normally the main thread);
 * libgphoto2 is only ever called on the camera's own thread.  The two talk
 * through a queue of commands one way, and idle sources attached to the
 * creator's main context the other way (results through GTask, property
 * changes and signals through Update).  The thread never holds a strong
 * reference of its own to the object, only a weak one; the tasks of queued
 * commands hold it while they wait.  So dropping the last reference, once
 * those are done, ends the thread.
 *
 * The config widgets (settings) are in resell-camera-config.c, the gvfs
 * step of a connect in resell-camera-gvfs.c.
 *
 * This file is the object, on the main context; the owner thread is in
 * resell-camera-worker.c (the command queue, connect and disconnect),
 * resell-camera-capture.c (capture, download, live view),
 * resell-camera-events.c (what the camera reports by itself) and
 * resell-camera-settings.c, sharing resell-camera-private.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One log domain for all of the camera's files, so that
 * G_MESSAGES_DEBUG=resell-camera shows all it says. */
#define G_LOG_DOMAIN "resell-camera"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "camera/resell-camera-private.h"

struct _ResellCamera
{
  GObject            parent_instance;

  Worker            *worker;
  GThread           *thread;

  char              *model;
  char              *port;
  char              *serial;
  char              *battery_level;
  char              *last_error;
  char              *download_dir;
  gint64             free_bytes;
  int                free_images;
  ResellCameraState  state;
  gboolean           has_live_view;
  gboolean           delete_from_card;
  gboolean           wants_connection;
};

G_DEFINE_FINAL_TYPE (ResellCamera, resell_camera, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (ResellCameraState, resell_camera_state,
  G_DEFINE_ENUM_VALUE (RESELL_CAMERA_STATE_DISCONNECTED, "disconnected"),
  G_DEFINE_ENUM_VALUE (RESELL_CAMERA_STATE_CONNECTING, "connecting"),
  G_DEFINE_ENUM_VALUE (RESELL_CAMERA_STATE_READY, "ready"),
  G_DEFINE_ENUM_VALUE (RESELL_CAMERA_STATE_BUSY, "busy"))

enum {
  PROP_0,
  PROP_MODEL,
  PROP_PORT,
  PROP_SERIAL,
  PROP_STATE,
  PROP_HAS_LIVE_VIEW,
  PROP_BATTERY_LEVEL,
  PROP_FREE_BYTES,
  PROP_FREE_IMAGES,
  PROP_LAST_ERROR,
  PROP_DOWNLOAD_DIR,
  PROP_DELETE_FROM_CARD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SHOT_ADDED,
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Main context ------------------------------------------------------------- */

static void
set_string (ResellCamera  *self,
            char         **field,
            const char    *value,
            guint          prop_id)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

gboolean
_resell_camera_apply_update (gpointer data)
{
  Update *u = data;
  g_autoptr(ResellCamera) self = g_weak_ref_get (&u->worker->camera);

  if (self == NULL)
    return G_SOURCE_REMOVE;

  g_object_freeze_notify (G_OBJECT (self));

  if (u->fields & UPDATE_SERIAL)
    set_string (self, &self->serial, u->serial, PROP_SERIAL);

  if ((u->fields & UPDATE_LIVE_VIEW) && self->has_live_view != u->has_live_view)
    {
      self->has_live_view = u->has_live_view;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_LIVE_VIEW]);
    }

  if (u->fields & UPDATE_BATTERY)
    set_string (self, &self->battery_level, u->battery_level, PROP_BATTERY_LEVEL);

  if (u->fields & UPDATE_STORAGE)
    {
      if (self->free_bytes != u->free_bytes)
        {
          self->free_bytes = u->free_bytes;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FREE_BYTES]);
        }

      if (self->free_images != u->free_images)
        {
          self->free_images = u->free_images;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FREE_IMAGES]);
        }
    }

  if (u->fields & UPDATE_LAST_ERROR)
    set_string (self, &self->last_error, u->last_error, PROP_LAST_ERROR);

  if ((u->fields & UPDATE_STATE) && self->state != u->state)
    {
      self->state = u->state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }

  g_object_thaw_notify (G_OBJECT (self));

  if (u->shot != NULL)
    g_signal_emit (self, signals[SHOT_ADDED], 0, u->shot);

  if (u->failed != NULL)
    g_signal_emit (self, signals[FAILED], 0, u->failed);

  return G_SOURCE_REMOVE;
}

/* GObject ------------------------------------------------------------------ */

static void
resell_camera_finalize (GObject *object)
{
  ResellCamera *self = (ResellCamera *)object;

  /* Every command holding a task holds a reference to us, so only
   * task-less ones can still be queued: the quit comes after them. */
  g_async_queue_push (self->worker->queue, _resell_camera_command_new (CMD_QUIT, NULL, NULL));

  /* The last reference can go on the camera's own thread (a task it
   * returned being freed there); it cannot wait for itself. */
  if (g_thread_self () == self->thread)
    g_thread_unref (self->thread);
  else
    g_thread_join (self->thread);

  _resell_camera_worker_unref (self->worker);

  g_clear_pointer (&self->model, g_free);
  g_clear_pointer (&self->port, g_free);
  g_clear_pointer (&self->serial, g_free);
  g_clear_pointer (&self->battery_level, g_free);
  g_clear_pointer (&self->last_error, g_free);
  g_clear_pointer (&self->download_dir, g_free);

  G_OBJECT_CLASS (resell_camera_parent_class)->finalize (object);
}

static void
resell_camera_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  ResellCamera *self = RESELL_CAMERA (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_string (value, self->model);
      break;

    case PROP_PORT:
      g_value_set_string (value, self->port);
      break;

    case PROP_SERIAL:
      g_value_set_string (value, self->serial);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_HAS_LIVE_VIEW:
      g_value_set_boolean (value, self->has_live_view);
      break;

    case PROP_BATTERY_LEVEL:
      g_value_set_string (value, self->battery_level);
      break;

    case PROP_FREE_BYTES:
      g_value_set_int64 (value, self->free_bytes);
      break;

    case PROP_FREE_IMAGES:
      g_value_set_int (value, self->free_images);
      break;

    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;

    case PROP_DOWNLOAD_DIR:
      g_value_set_string (value, self->download_dir);
      break;

    case PROP_DELETE_FROM_CARD:
      g_value_set_boolean (value, self->delete_from_card);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_camera_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  ResellCamera *self = RESELL_CAMERA (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      self->model = g_value_dup_string (value);
      break;

    case PROP_PORT:
      self->port = g_value_dup_string (value);
      break;

    case PROP_DOWNLOAD_DIR:
      resell_camera_set_download_dir (self, g_value_get_string (value));
      break;

    case PROP_DELETE_FROM_CARD:
      resell_camera_set_delete_from_card (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_camera_class_init (ResellCameraClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = resell_camera_finalize;
  object_class->get_property = resell_camera_get_property;
  object_class->set_property = resell_camera_set_property;

  properties[PROP_MODEL] =
    g_param_spec_string ("model", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* Writable only through the monitor (resell_camera_set_port). */
  properties[PROP_PORT] =
    g_param_spec_string ("port", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_SERIAL] =
    g_param_spec_string ("serial", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       RESELL_TYPE_CAMERA_STATE,
                       RESELL_CAMERA_STATE_DISCONNECTED,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_HAS_LIVE_VIEW] =
    g_param_spec_boolean ("has-live-view", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_BATTERY_LEVEL] =
    g_param_spec_string ("battery-level", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_FREE_BYTES] =
    g_param_spec_int64 ("free-bytes", NULL, NULL,
                        -1, G_MAXINT64, -1,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_FREE_IMAGES] =
    g_param_spec_int ("free-images", NULL, NULL,
                      -1, G_MAXINT, -1,
                      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DOWNLOAD_DIR] =
    g_param_spec_string ("download-dir", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DELETE_FROM_CARD] =
    g_param_spec_boolean ("delete-from-card", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SHOT_ADDED] =
    g_signal_new ("shot-added",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, RESELL_TYPE_CAMERA_SHOT);

  signals[FAILED] =
    g_signal_new ("failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
resell_camera_init (ResellCamera *self)
{
  self->state = RESELL_CAMERA_STATE_DISCONNECTED;
  self->free_bytes = -1;
  self->free_images = -1;

  self->worker = _resell_camera_worker_new (self);
  self->thread = g_thread_new ("resell-camera", _resell_camera_worker_thread, _resell_camera_worker_ref (self->worker));
}

ResellCamera *
resell_camera_new (const char *model,
                   const char *port)
{
  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (port != NULL, NULL);

  return g_object_new (RESELL_TYPE_CAMERA,
                       "model", model,
                       "port", port,
                       NULL);
}

const char *
resell_camera_get_model (ResellCamera *self)
{
  g_return_val_if_fail (RESELL_IS_CAMERA (self), NULL);

  return self->model;
}

const char *
resell_camera_get_port (ResellCamera *self)
{
  g_return_val_if_fail (RESELL_IS_CAMERA (self), NULL);

  return self->port;
}

void
resell_camera_set_port (ResellCamera *self,
                        const char   *port)
{
  g_return_if_fail (RESELL_IS_CAMERA (self));
  g_return_if_fail (port != NULL);

  set_string (self, &self->port, port, PROP_PORT);
}

const char *
resell_camera_get_serial (ResellCamera *self)
{
  g_return_val_if_fail (RESELL_IS_CAMERA (self), NULL);

  return self->serial;
}

ResellCameraState
resell_camera_get_state (ResellCamera *self)
{
  g_return_val_if_fail (RESELL_IS_CAMERA (self), RESELL_CAMERA_STATE_DISCONNECTED);

  return self->state;
}

gboolean
resell_camera_get_has_live_view (ResellCamera *self)
{
  g_return_val_if_fail (RESELL_IS_CAMERA (self), FALSE);

  return self->has_live_view;
}

const char *
resell_camera_get_battery_level (ResellCamera *self)
{
  g_return_val_if_fail (RESELL_IS_CAMERA (self), NULL);

  return self->battery_level;
}

gint64
resell_camera_get_free_bytes (ResellCamera *self)
{
  g_return_val_if_fail (RESELL_IS_CAMERA (self), -1);

  return self->free_bytes;
}

int
resell_camera_get_free_images (ResellCamera *self)
{
  g_return_val_if_fail (RESELL_IS_CAMERA (self), -1);

  return self->free_images;
}

const char *
resell_camera_get_last_error (ResellCamera *self)
{
  g_return_val_if_fail (RESELL_IS_CAMERA (self), NULL);

  return self->last_error;
}

const char *
resell_camera_get_download_dir (ResellCamera *self)
{
  g_return_val_if_fail (RESELL_IS_CAMERA (self), NULL);

  return self->download_dir;
}

void
resell_camera_set_download_dir (ResellCamera *self,
                                const char   *dir)
{
  g_return_if_fail (RESELL_IS_CAMERA (self));

  if (g_strcmp0 (self->download_dir, dir) == 0)
    return;

  g_free (self->download_dir);
  self->download_dir = g_strdup (dir);

  g_mutex_lock (&self->worker->lock);
  g_free (self->worker->download_dir);
  self->worker->download_dir = g_strdup (dir);
  g_mutex_unlock (&self->worker->lock);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOWNLOAD_DIR]);
}

gboolean
resell_camera_get_delete_from_card (ResellCamera *self)
{
  g_return_val_if_fail (RESELL_IS_CAMERA (self), FALSE);

  return self->delete_from_card;
}

void
resell_camera_set_delete_from_card (ResellCamera *self,
                                    gboolean      delete_from_card)
{
  g_return_if_fail (RESELL_IS_CAMERA (self));

  delete_from_card = !!delete_from_card;
  if (self->delete_from_card == delete_from_card)
    return;

  self->delete_from_card = delete_from_card;

  g_mutex_lock (&self->worker->lock);
  self->worker->delete_from_card = delete_from_card;
  g_mutex_unlock (&self->worker->lock);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELETE_FROM_CARD]);
}

gboolean
resell_camera_get_wants_connection (ResellCamera *self)
{
  g_return_val_if_fail (RESELL_IS_CAMERA (self), FALSE);

  return self->wants_connection;
}

/* Commands from the main context -------------------------------------------- */

static GTask *
command_task_new (ResellCamera        *self,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data,
                  gpointer             source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_name (task, "[resell] camera command");

  return task;
}

/* The one way in for every _async: the owner thread runs the command and
 * returns the task; its result arrives on the caller's main context. */
static void
queue_command (ResellCamera        *self,
               CommandKind          kind,
               const CommandArgs   *args,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data,
               gpointer             source_tag)
{
  GTask *task;

  g_return_if_fail (RESELL_IS_CAMERA (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = command_task_new (self, cancellable, callback, user_data, source_tag);
  g_async_queue_push (self->worker->queue, _resell_camera_command_new (kind, task, args));
}

/* The one check for every _finish: @result is a task of @self, made by
 * the _async call @source_tag. */
static gboolean
is_command_result (ResellCamera *self,
                   GAsyncResult *result,
                   gpointer      source_tag)
{
  return RESELL_IS_CAMERA (self) &&
         g_task_is_valid (result, self) &&
         g_task_get_source_tag (G_TASK (result)) == source_tag;
}

void
resell_camera_connect_async (ResellCamera        *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (RESELL_IS_CAMERA (self));

  self->wants_connection = TRUE;
  queue_command (self, CMD_CONNECT, &(CommandArgs) { .model = self->model, .port = self->port },
                 cancellable, callback, user_data, resell_camera_connect_async);
}

gboolean
resell_camera_connect_finish (ResellCamera  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (is_command_result (self, result, resell_camera_connect_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
close_camera (ResellCamera *self)
{
  /* Ahead of everything queued: those commands fail, not run. */
  g_async_queue_push_front (self->worker->queue, _resell_camera_command_new (CMD_DISCONNECT, NULL, NULL));
}

void
resell_camera_disconnect (ResellCamera *self)
{
  g_return_if_fail (RESELL_IS_CAMERA (self));

  self->wants_connection = FALSE;
  close_camera (self);
}

void
resell_camera_mark_gone (ResellCamera *self)
{
  g_return_if_fail (RESELL_IS_CAMERA (self));

  close_camera (self);
}

void
resell_camera_capture_async (ResellCamera        *self,
                             const char          *dest_dir,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  if (dest_dir == NULL)
    {
      g_autoptr(GTask) task = NULL;

      g_return_if_fail (RESELL_IS_CAMERA (self));

      task = command_task_new (self, cancellable, callback, user_data, resell_camera_capture_async);
      g_task_return_new_error (task, RESELL_CAMERA_ERROR, RESELL_CAMERA_ERROR_NOT_READY,
                               _("There is no folder to save the photo in. Open an item first."));
      return;
    }

  queue_command (self, CMD_CAPTURE, &(CommandArgs) { .dest_dir = dest_dir },
                 cancellable, callback, user_data, resell_camera_capture_async);
}

ResellCameraShot *
resell_camera_capture_finish (ResellCamera  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (is_command_result (self, result, resell_camera_capture_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
resell_camera_download_async (ResellCamera        *self,
                              const char          *camera_folder,
                              const char          *camera_name,
                              const char          *dest_dir,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (camera_folder != NULL);
  g_return_if_fail (camera_name != NULL);
  g_return_if_fail (dest_dir != NULL);

  queue_command (self, CMD_DOWNLOAD,
                 &(CommandArgs) { .folder = camera_folder, .name = camera_name, .dest_dir = dest_dir },
                 cancellable, callback, user_data, resell_camera_download_async);
}

ResellCameraShot *
resell_camera_download_finish (ResellCamera  *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (is_command_result (self, result, resell_camera_download_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
resell_camera_preview_async (ResellCamera        *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  queue_command (self, CMD_PREVIEW, NULL, cancellable, callback, user_data,
                 resell_camera_preview_async);
}

GBytes *
resell_camera_preview_finish (ResellCamera  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (is_command_result (self, result, resell_camera_preview_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
resell_camera_list_settings_async (ResellCamera        *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  queue_command (self, CMD_LIST_SETTINGS, NULL, cancellable, callback, user_data,
                 resell_camera_list_settings_async);
}

GPtrArray *
resell_camera_list_settings_finish (ResellCamera  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (is_command_result (self, result, resell_camera_list_settings_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
resell_camera_get_setting_async (ResellCamera        *self,
                                 const char          *name,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (name != NULL);

  queue_command (self, CMD_GET_SETTING, &(CommandArgs) { .name = name },
                 cancellable, callback, user_data, resell_camera_get_setting_async);
}

ResellCameraSetting *
resell_camera_get_setting_finish (ResellCamera  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (is_command_result (self, result, resell_camera_get_setting_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
resell_camera_set_setting_async (ResellCamera        *self,
                                 const char          *name,
                                 const char          *value,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (name != NULL);
  g_return_if_fail (value != NULL);

  queue_command (self, CMD_SET_SETTING, &(CommandArgs) { .name = name, .value = value },
                 cancellable, callback, user_data, resell_camera_set_setting_async);
}

gboolean
resell_camera_set_setting_finish (ResellCamera  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (is_command_result (self, result, resell_camera_set_setting_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
