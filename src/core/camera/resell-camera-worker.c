/* resell-camera-worker.c — the camera's owner thread: its command queue,
 * the updates it sends the object, the libgphoto2 context, connect and
 * disconnect
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One log domain for all of the camera's files, so that
 * G_MESSAGES_DEBUG=resell-camera shows all it says. */
#define G_LOG_DOMAIN "resell-camera"

#include "config.h"

#include <stdlib.h>

#include <glib/gi18n-lib.h>

#include "camera/resell-camera-private.h"

/* Shared by all cameras: only the order matters, and a global counter
 * keeps it without a lock (atomic increments). */
static guint command_seq;

/* Commands ---------------------------------------------------------------- */

Command *
_resell_camera_command_new (CommandKind        kind,
                            GTask             *task,
                            const CommandArgs *args)
{
  Command *cmd = g_new0 (Command, 1);

  cmd->kind = kind;
  cmd->task = task;
  cmd->seq = (guint)g_atomic_int_add ((int *)&command_seq, 1) + 1;

  if (args != NULL)
    {
      cmd->model = g_strdup (args->model);
      cmd->port = g_strdup (args->port);
      cmd->folder = g_strdup (args->folder);
      cmd->name = g_strdup (args->name);
      cmd->value = g_strdup (args->value);
      cmd->dest_dir = g_strdup (args->dest_dir);
    }

  return cmd;
}

static void
command_free (gpointer data)
{
  Command *cmd = data;

  g_clear_object (&cmd->task);
  g_free (cmd->model);
  g_free (cmd->port);
  g_free (cmd->folder);
  g_free (cmd->name);
  g_free (cmd->value);
  g_free (cmd->dest_dir);
  g_free (cmd);
}

/* Worker ------------------------------------------------------------------ */

void
_resell_camera_pending_file_free (gpointer data)
{
  PendingFile *file = data;

  g_free (file->folder);
  g_free (file->name);
  g_free (file);
}

Worker *
_resell_camera_worker_new (ResellCamera *camera)
{
  Worker *w = g_new0 (Worker, 1);

  g_atomic_ref_count_init (&w->ref_count);
  w->queue = g_async_queue_new_full (command_free);
  w->main_context = g_main_context_ref_thread_default ();
  g_weak_ref_init (&w->camera, camera);
  g_mutex_init (&w->lock);
  w->known_files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  w->pending = g_ptr_array_new_with_free_func (_resell_camera_pending_file_free);

  return w;
}

Worker *
_resell_camera_worker_ref (Worker *w)
{
  g_atomic_ref_count_inc (&w->ref_count);

  return w;
}

void
_resell_camera_worker_unref (Worker *w)
{
  if (!g_atomic_ref_count_dec (&w->ref_count))
    return;

  g_assert (w->gp == NULL);

  g_async_queue_unref (w->queue);
  g_main_context_unref (w->main_context);
  g_weak_ref_clear (&w->camera);
  g_mutex_clear (&w->lock);
  g_free (w->download_dir);
  g_free (w->gp_message);
  g_hash_table_unref (w->known_files);
  g_ptr_array_unref (w->pending);
  g_free (w);
}

/* Updates: from the thread to the object ---------------------------------- */

Update *
_resell_camera_update_new (Worker *w)
{
  Update *u = g_new0 (Update, 1);

  u->worker = _resell_camera_worker_ref (w);

  return u;
}

static void
update_free (gpointer data)
{
  Update *u = data;

  g_free (u->serial);
  g_free (u->battery_level);
  g_free (u->last_error);
  g_clear_object (&u->shot);
  g_clear_error (&u->failed);
  _resell_camera_worker_unref (u->worker);
  g_free (u);
}

static void
update_set_state (Update            *u,
                  ResellCameraState  state)
{
  u->fields |= UPDATE_STATE;
  u->state = state;
}

void
_resell_camera_update_set_last_error (Update     *u,
                                      const char *message)
{
  u->fields |= UPDATE_LAST_ERROR;
  g_free (u->last_error);
  u->last_error = g_strdup (message);
}

/* An idle source rather than g_main_context_invoke(): invoke would run
 * @func right here, on the camera's thread, whenever @context is the
 * global default and happens to be free.  Default priority, like GTask's
 * results, so that updates and results arrive in the order they were sent. */
static void
post_to_context (GMainContext   *context,
                 GSourceFunc     func,
                 gpointer        data,
                 GDestroyNotify  destroy,
                 const char     *name)
{
  GSource *source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, destroy);
  g_source_set_static_name (source, name);
  g_source_attach (source, context);
  g_source_unref (source);
}

void
_resell_camera_update_post (Update *u)
{
  post_to_context (u->worker->main_context, _resell_camera_apply_update, u, update_free,
                   "[resell] camera update");
}

void
_resell_camera_post_state (Worker            *w,
                           ResellCameraState  state)
{
  Update *u = _resell_camera_update_new (w);

  update_set_state (u, state);
  _resell_camera_update_post (u);
}

/* Owner thread: libgphoto2 context ----------------------------------------- */

static void
context_error_func (GPContext  *context,
                    const char *text,
                    void       *data)
{
  Worker *w = data;

  g_debug ("Camera error: %s", text);

  /* Kept for the sentence: the driver often knows best what went wrong. */
  g_free (w->gp_message);
  w->gp_message = g_strdup (text);
}

static void
context_status_func (GPContext  *context,
                     const char *text,
                     void       *data)
{
  g_debug ("Camera status: %s", text);
}

static void
context_message_func (GPContext  *context,
                      const char *text,
                      void       *data)
{
  Worker *w = data;

  g_debug ("Camera message: %s", text);

  if (w->gp_message == NULL)
    w->gp_message = g_strdup (text);
}

/* libgphoto2 asks this while it waits on the camera; the answer comes
 * from the running command's GCancellable, which any thread may cancel.
 *
 * Not while a file streams off the card, though: ptp2 then cuts the
 * transfer and asks the camera to drop the rest, which not every camera
 * does.  The virtual one answers the next request with the rest of the
 * file, and the session never recovers (even closing it hangs).  A photo
 * takes well under a second to transfer, so the cancel waits for its end
 * and the downloaded file is thrown away (see save_file() in
 * resell-camera-capture.c). */
static GPContextFeedback
context_cancel_func (GPContext *context,
                     void      *data)
{
  Worker *w = data;

  if (w->cancellable != NULL && !w->in_transfer && g_cancellable_is_cancelled (w->cancellable))
    return GP_CONTEXT_FEEDBACK_CANCEL;

  return GP_CONTEXT_FEEDBACK_OK;
}

/* Sets @error from @ret, as cancellation when the command was cancelled:
 * drivers answer a cancel in various ways (ptp2 sometimes with an I/O
 * error), and the caller asked for it either way. */
void
_resell_camera_set_gp_error (Worker          *w,
                             GError         **error,
                             int              ret,
                             ResellCameraOp   op)
{
  if (w->cancellable != NULL && g_cancellable_is_cancelled (w->cancellable))
    ret = GP_ERROR_CANCEL;

  resell_camera_set_gp_error (error, ret, op, w->gp_message);
}

void
_resell_camera_set_not_connected (GError **error)
{
  g_set_error_literal (error, RESELL_CAMERA_ERROR, RESELL_CAMERA_ERROR_NOT_READY,
                       _("The camera is not connected. Connect it, then try again."));
}

/* Closes the camera after it stopped answering: nothing more can be done
 * with it until the monitor finds it again. */
void
_resell_camera_lose_camera (Worker       *w,
                            const GError *error,
                            gboolean      emit_failed)
{
  Update *u;

  /* Files still waiting for their twin stay listed (a download may be
   * using their names right now); the next connect starts afresh. */
  resell_camera_gp_close (&w->gp, w->context);

  u = _resell_camera_update_new (w);
  update_set_state (u, RESELL_CAMERA_STATE_DISCONNECTED);
  _resell_camera_update_set_last_error (u, error->message);
  if (emit_failed)
    u->failed = g_error_copy (error);
  _resell_camera_update_post (u);
}

/* After a failed command: a camera that is gone is closed. */
void
_resell_camera_check_gone (Worker       *w,
                           int           ret,
                           const GError *error)
{
  if (w->gp != NULL && resell_camera_gp_result_is_gone (ret) &&
      !(w->cancellable != NULL && g_cancellable_is_cancelled (w->cancellable)))
    _resell_camera_lose_camera (w, error, FALSE);
}

/* Owner thread: status ----------------------------------------------------- */

static void
read_status (Worker *w,
             Update *u)
{
  CameraStorageInformation *storages = NULL;
  int n_storages = 0;

  u->fields |= UPDATE_BATTERY | UPDATE_STORAGE;
  u->battery_level = _resell_camera_read_text (w, "batterylevel");
  u->free_bytes = -1;
  u->free_images = -1;

  /* The battery read may have found the camera gone. */
  if (w->gp == NULL ||
      gp_camera_get_storageinfo (w->gp, &storages, &n_storages, w->context) < GP_OK)
    return;

  for (int i = 0; i < n_storages; i++)
    {
      if (storages[i].fields & GP_STORAGEINFO_FREESPACEKBYTES)
        u->free_bytes = MAX (u->free_bytes, 0) + (gint64)storages[i].freekbytes * 1024;

      if (storages[i].fields & GP_STORAGEINFO_FREESPACEIMAGES)
        u->free_images = MAX (u->free_images, 0) + (int)MIN (storages[i].freeimages, (guint64)G_MAXINT);
    }

  free (storages);
}

/* After a command that used the camera: battery and card space change
 * with every photo, and the camera is READY again.  Nothing is posted for
 * a camera lost meanwhile, _resell_camera_lose_camera() has said DISCONNECTED: a READY
 * after that would leave the object claiming a camera that is closed. */
void
_resell_camera_post_ready (Worker       *w,
                           const GError *error)
{
  Update *u;

  if (w->gp == NULL)
    return;

  u = _resell_camera_update_new (w);
  read_status (w, u);

  if (w->gp == NULL)
    {
      update_free (u);
      return;
    }

  update_set_state (u, RESELL_CAMERA_STATE_READY);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _resell_camera_update_set_last_error (u, error->message);
  _resell_camera_update_post (u);
}

/* gvfs: from the owner thread to the main context and back -------------- */

typedef struct
{
  Worker  *worker;
  Command *cmd;
} GvfsRequest;

static void
gvfs_unmounted_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GvfsRequest *req = user_data;

  resell_camera_gvfs_unmount_finish (result);

  /* Back with its original number, so that a disconnect asked for
   * meanwhile still wins. */
  g_async_queue_push (req->worker->queue, g_steal_pointer (&req->cmd));

  _resell_camera_worker_unref (req->worker);
  g_free (req);
}

static gboolean
gvfs_unmount_cb (gpointer data)
{
  GvfsRequest *req = data;

  resell_camera_gvfs_unmount_async (req->cmd->port, g_task_get_cancellable (req->cmd->task),
                                    gvfs_unmounted_cb, req);

  return G_SOURCE_REMOVE;
}

/* Hands a connect to the global default main context, the only place
 * GVolumeMonitor may be used (not the creator's context, which may be a
 * thread-default one).  The command comes back through the queue; its
 * task holds the camera, so the thread is still there to take it. */
static void
hand_to_gvfs (Worker  *w,
              Command *cmd)
{
  GvfsRequest *req = g_new0 (GvfsRequest, 1);

  req->worker = _resell_camera_worker_ref (w);
  req->cmd = cmd;
  post_to_context (g_main_context_default (), gvfs_unmount_cb, req, NULL,
                   "[resell] camera gvfs unmount");
}

/* Owner thread: commands --------------------------------------------------- */

static void
reset_session (Worker *w)
{
  g_hash_table_remove_all (w->known_files);
  g_ptr_array_set_size (w->pending, 0);
  w->event_errors = 0;
}

/* Returns @result (freed with @destroy), or else @error. */
void
_resell_camera_command_return (Command        *cmd,
                               gpointer        result,
                               GDestroyNotify  destroy,
                               GError         *error)
{
  if (result != NULL)
    {
      g_assert (error == NULL);
      g_task_return_pointer (cmd->task, result, destroy);
    }
  else
    g_task_return_error (cmd->task, error);
}

/* Returns FALSE when the command was handed over (to gvfs) and must not
 * be freed. */
static gboolean
run_connect (Worker  *w,
             Command *cmd)
{
  g_autoptr(GError) error = NULL;
  Update *u;
  int ret;

  if (w->gp != NULL)
    {
      g_task_return_boolean (cmd->task, TRUE);
      return TRUE;
    }

  if (g_cancellable_set_error_if_cancelled (w->cancellable, &error))
    {
      _resell_camera_post_state (w, RESELL_CAMERA_STATE_DISCONNECTED);
      g_task_return_error (cmd->task, g_steal_pointer (&error));
      return TRUE;
    }

  _resell_camera_post_state (w, RESELL_CAMERA_STATE_CONNECTING);

  gp_camera_new (&w->gp);
  ret = resell_camera_gp_open (w->gp, cmd->model, cmd->port, &w->abilities, w->context);

  if (ret < GP_OK)
    resell_camera_gp_close (&w->gp, w->context);

  if (ret == GP_ERROR_IO_USB_CLAIM && !cmd->retried)
    {
      /* Most likely GNOME's file manager mounted the camera through gvfs,
       * which holds the USB device.  Once only: if it still holds it, the
       * error says to close the program that has it. */
      cmd->retried = TRUE;
      hand_to_gvfs (w, cmd);
      return FALSE;
    }

  if (ret < GP_OK)
    {
      _resell_camera_set_gp_error (w, &error, ret, RESELL_CAMERA_OP_CONNECT);

      u = _resell_camera_update_new (w);
      update_set_state (u, RESELL_CAMERA_STATE_DISCONNECTED);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _resell_camera_update_set_last_error (u, error->message);
      _resell_camera_update_post (u);

      g_task_return_error (cmd->task, g_steal_pointer (&error));
      return TRUE;
    }

  reset_session (w);
  w->live_view = (w->abilities.operations & GP_OPERATION_CAPTURE_PREVIEW) != 0;

  u = _resell_camera_update_new (w);
  u->fields |= UPDATE_SERIAL | UPDATE_LIVE_VIEW | UPDATE_LAST_ERROR;
  u->serial = _resell_camera_read_text (w, "serialnumber");
  u->has_live_view = w->live_view;
  read_status (w, u);

  /* Opened, then lost while reading it: _resell_camera_lose_camera() has posted
   * DISCONNECTED with its sentence, and a READY must not follow. */
  if (w->gp == NULL)
    {
      update_free (u);
      resell_camera_set_gp_error (&error, GP_ERROR_IO_USB_FIND, RESELL_CAMERA_OP_CONNECT, NULL);
      g_task_return_error (cmd->task, g_steal_pointer (&error));
      return TRUE;
    }

  update_set_state (u, RESELL_CAMERA_STATE_READY);

  g_debug ("Connected to %s at %s, serial %s", cmd->model, cmd->port,
           u->serial != NULL ? u->serial : "unknown");

  /* The main context owns it from here. */
  _resell_camera_update_post (u);

  g_task_return_boolean (cmd->task, TRUE);

  return TRUE;
}

static void
run_disconnect (Worker  *w,
                Command *cmd)
{
  w->discard_before = cmd->seq;
  resell_camera_gp_close (&w->gp, w->context);
  reset_session (w);
  _resell_camera_post_state (w, RESELL_CAMERA_STATE_DISCONNECTED);
}

static void
run_command (Worker  *w,
             Command *cmd)
{
  g_autoptr(GError) error = NULL;
  gboolean owned = TRUE;

  if (cmd->kind == CMD_DISCONNECT)
    {
      run_disconnect (w, cmd);
      command_free (cmd);
      return;
    }

  g_assert (cmd->task != NULL);

  g_clear_pointer (&w->gp_message, g_free);
  w->cancellable = g_task_get_cancellable (cmd->task);

  /* Connect checks its cancellable itself: it also has a state to undo. */
  if (cmd->seq < w->discard_before)
    _resell_camera_set_not_connected (&error);
  else if (cmd->kind != CMD_CONNECT &&
           !g_cancellable_set_error_if_cancelled (w->cancellable, &error) &&
           w->gp == NULL)
    _resell_camera_set_not_connected (&error);

  if (error != NULL)
    {
      if (cmd->kind == CMD_CONNECT)
        _resell_camera_post_state (w, RESELL_CAMERA_STATE_DISCONNECTED);
      g_task_return_error (cmd->task, g_steal_pointer (&error));
      goto out;
    }

  switch (cmd->kind)
    {
    case CMD_CONNECT:
      owned = run_connect (w, cmd);
      break;

    case CMD_CAPTURE:
      _resell_camera_run_capture (w, cmd);
      break;

    case CMD_DOWNLOAD:
      _resell_camera_run_download (w, cmd);
      break;

    case CMD_PREVIEW:
      _resell_camera_run_preview (w, cmd);
      break;

    case CMD_LIST_SETTINGS:
    case CMD_GET_SETTING:
    case CMD_SET_SETTING:
      _resell_camera_run_settings (w, cmd);
      break;

    case CMD_DISCONNECT:
    case CMD_QUIT:
    default:
      g_assert_not_reached ();
    }

out:
  w->cancellable = NULL;

  if (owned)
    command_free (cmd);
}

gpointer
_resell_camera_worker_thread (gpointer data)
{
  Worker *w = data;

  w->context = gp_context_new ();
  gp_context_set_error_func (w->context, context_error_func, w);
  gp_context_set_status_func (w->context, context_status_func, w);
  gp_context_set_message_func (w->context, context_message_func, w);
  gp_context_set_cancel_func (w->context, context_cancel_func, w);

  for (;;)
    {
      Command *cmd;

      /* While connected, the camera is watched between commands; the
       * event wait's own timeout paces the loop.  Otherwise there is
       * nothing to do but wait for a command. */
      if (w->gp != NULL)
        cmd = g_async_queue_try_pop (w->queue);
      else
        cmd = g_async_queue_pop (w->queue);

      if (cmd == NULL)
        {
          _resell_camera_watch_events (w);
          continue;
        }

      if (cmd->kind == CMD_QUIT)
        {
          command_free (cmd);
          break;
        }

      run_command (w, cmd);
    }

  resell_camera_gp_close (&w->gp, w->context);
  gp_context_unref (w->context);
  w->context = NULL;
  _resell_camera_worker_unref (w);

  return NULL;
}
