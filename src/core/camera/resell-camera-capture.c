/* resell-camera-capture.c — the owner thread takes photos: capture,
 * download (streamed off the card into an atomic file, a RAW with its
 * JPEG), live view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One log domain for all of the camera's files, so that
 * G_MESSAGES_DEBUG=resell-camera shows all it says. */
#define G_LOG_DOMAIN "resell-camera"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "storage/resell-atomic-file-private.h"

#include "camera/resell-camera-private.h"

/* Owner thread: downloads -------------------------------------------------- */

char *
_resell_camera_file_key (const char *folder,
                         const char *name)
{
  return g_strconcat (folder, "/", name, NULL);
}

gboolean
_resell_camera_is_jpeg (const char *name)
{
  const char *dot = strrchr (name, '.');

  return dot != NULL && (g_ascii_strcasecmp (dot, ".jpg") == 0 ||
                         g_ascii_strcasecmp (dot, ".jpeg") == 0);
}

char *
_resell_camera_dup_stem (const char *name)
{
  const char *dot = strrchr (name, '.');

  return dot != NULL && dot != name ? g_strndup (name, dot - name) : g_strdup (name);
}

/* A RAW and a JPEG of one photo share their folder and stem. */
gboolean
_resell_camera_is_same_photo (const PendingFile *file,
                              const char        *folder,
                              const char        *stem)
{
  g_autofree char *file_stem = _resell_camera_dup_stem (file->name);

  return g_str_equal (file->folder, folder) && g_str_equal (file_stem, stem);
}

static void
set_save_error (GError       **error,
                const GError  *cause)
{
  /* The atomic file's sentence already names the photo and says what to do. */
  g_set_error_literal (error, RESELL_CAMERA_ERROR, RESELL_CAMERA_ERROR_SAVE_FAILED, cause->message);
}

/* Where a download's bytes go: written here rather than by libgphoto2
 * from a descriptor, so that a failing write (the computer's disk full)
 * is known as ours, with its errno.  From a descriptor, libgphoto2 only
 * says "error writing to the port" for it, which reads as the camera gone. */
typedef struct
{
  int fd;
  int saved_errno;
} SaveSink;

static int
save_sink_write (void          *priv,
                 unsigned char *data,
                 uint64_t      *len)
{
  SaveSink *sink = priv;
  uint64_t done = 0;

  /* After a failed write the rest of the file is still taken off the
   * wire and dropped: a transfer cut short leaves ptp2's session out of
   * step with the camera (see context_cancel_func). */
  while (sink->saved_errno == 0 && done < *len)
    {
      ssize_t n = write (sink->fd, data + done, *len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        sink->saved_errno = errno;
      else
        done += (uint64_t) n;
    }

  return GP_OK;
}

/* Streams one file off the card into @dest_dir: temporary name, fsync,
 * rename.  On any failure nothing is left in @dest_dir. */
static ResellAtomicFile *
save_file (Worker      *w,
           const char  *folder,
           const char  *name,
           const char  *dest_dir,
           GError     **error)
{
  g_autoptr(ResellAtomicFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = g_filename_display_name (name);
  CameraFileHandler save_sink = { NULL, NULL, save_sink_write };
  SaveSink sink = { -1, 0 };
  CameraFile *camera_file = NULL;
  int ret;

  /* The camera's own name where it is free, else "DSC_0001-2.JPG": a
   * retake never replaces the photo it retakes. */
  for (guint attempt = 1; file == NULL && attempt <= RESELL_FILE_MAX_NAME_ATTEMPTS; attempt++)
    {
      g_autofree char *candidate = resell_file_dup_candidate_name (name, attempt);

      g_clear_error (&local_error);
      file = resell_atomic_file_new (dest_dir, candidate, &local_error);

      if (file == NULL && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        break;
    }

  if (file == NULL)
    {
      set_save_error (error, local_error);
      return NULL;
    }

  sink.fd = resell_atomic_file_get_fd (file);
  if ((ret = gp_file_new_from_handler (&camera_file, &save_sink, &sink)) < GP_OK)
    {
      _resell_camera_set_gp_error (w, error, ret, RESELL_CAMERA_OP_DOWNLOAD);
      return NULL;
    }

  w->in_transfer = TRUE;
  ret = gp_camera_file_get (w->gp, folder, name, GP_FILE_TYPE_NORMAL, camera_file, w->context);
  w->in_transfer = FALSE;
  gp_file_unref (camera_file);

  /* The computer could not take the photo: the camera is fine, and the
   * photo is still on its card. */
  if (sink.saved_errno != 0 && !g_cancellable_is_cancelled (w->cancellable))
    {
      if (sink.saved_errno == ENOSPC)
        resell_camera_set_gp_error (error, GP_ERROR_NO_SPACE, RESELL_CAMERA_OP_DOWNLOAD, NULL);
      else
        g_set_error (error, RESELL_CAMERA_ERROR, RESELL_CAMERA_ERROR_SAVE_FAILED,
                     _("Could not save “%s”: %s."), display, g_strerror (sink.saved_errno));
      return NULL;
    }

  if (ret < GP_OK)
    {
      g_debug ("Downloading %s/%s failed: %s", folder, name, gp_result_as_string (ret));

      _resell_camera_set_gp_error (w, error, ret, RESELL_CAMERA_OP_DOWNLOAD);
      _resell_camera_check_gone (w, ret, *error);
      return NULL;
    }

  /* The cancel asked for during the transfer takes effect here: the
   * temporary file goes, nothing is left. */
  if (g_cancellable_set_error_if_cancelled (w->cancellable, error))
    return NULL;

  if (!resell_atomic_file_note_written (file, &local_error))
    {
      set_save_error (error, local_error);
      return NULL;
    }

  if (resell_atomic_file_get_size (file) == 0)
    {
      g_set_error (error, RESELL_CAMERA_ERROR, RESELL_CAMERA_ERROR_FAILED,
                   _("The camera sent “%s” as an empty file. Take the photo again."), display);
      return NULL;
    }

  if (!resell_atomic_file_commit (file, &local_error))
    {
      set_save_error (error, local_error);
      return NULL;
    }

  return g_steal_pointer (&file);
}

/* Downloads a shot: one file, or a JPEG with its RAW.  Both are saved or
 * neither; they are deleted from the card (if asked) only once both are. */
/* The photo is safe here; a card that refuses to let go of it only means
 * it stays there too. */
static void
delete_quietly (Worker     *w,
                const char *folder,
                const char *name)
{
  int ret;

  if (w->gp != NULL && (ret = gp_camera_file_delete (w->gp, folder, name, w->context)) < GP_OK)
    g_debug ("Could not delete %s/%s from the card: %s", folder, name, gp_result_as_string (ret));
}

ResellCameraShot *
_resell_camera_download_shot (Worker      *w,
                              const char  *folder,
                              const char  *name,
                              const char  *companion_folder,
                              const char  *companion_name,
                              const char  *dest_dir,
                              gboolean     from_camera_shutter,
                              GError     **error)
{
  g_autoptr(ResellAtomicFile) file = NULL;
  g_autoptr(ResellAtomicFile) companion = NULL;
  const char *companion_path = NULL;
  gboolean delete_from_card;

  if ((file = save_file (w, folder, name, dest_dir, error)) == NULL)
    return NULL;

  if (companion_name != NULL)
    {
      if ((companion = save_file (w, companion_folder, companion_name, dest_dir, error)) == NULL)
        {
          /* Still on the card: a retry gets both. */
          g_unlink (resell_atomic_file_get_path (file));
          return NULL;
        }

      companion_path = resell_atomic_file_get_path (companion);
    }

  /* Read now rather than when the command was queued: unticking the
   * setting meanwhile must keep the photo on the card. */
  g_mutex_lock (&w->lock);
  delete_from_card = w->delete_from_card;
  g_mutex_unlock (&w->lock);

  if (delete_from_card)
    {
      delete_quietly (w, folder, name);
      if (companion_name != NULL)
        delete_quietly (w, companion_folder, companion_name);
    }

  return resell_camera_shot_new (resell_atomic_file_get_path (file),
                                 resell_atomic_file_get_sha256 (file),
                                 companion_path,
                                 folder, name,
                                 from_camera_shutter);
}

/* Files the camera announces right after a capture: the RAW or JPEG twin
 * of the captured file, or photos taken meanwhile with its own shutter
 * (those go to the event watch). */
static PendingFile *
take_twin (Worker     *w,
           const char *folder,
           const char *name)
{
  g_autofree char *stem = _resell_camera_dup_stem (name);

  if (!_resell_camera_drain_events (w, FALSE))
    return NULL;

  for (guint i = 0; i < w->pending->len; i++)
    {
      PendingFile *file = g_ptr_array_index (w->pending, i);

      if (_resell_camera_is_same_photo (file, folder, stem) && _resell_camera_is_jpeg (file->name) != _resell_camera_is_jpeg (name))
        return g_ptr_array_steal_index (w->pending, i);
    }

  return NULL;
}

void
_resell_camera_run_capture (Worker  *w,
                            Command *cmd)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  ResellCameraShot *shot = NULL;
  PendingFile *twin = NULL;
  CameraFilePath path = { { 0 }, { 0 } };
  int ret;

  _resell_camera_post_state (w, RESELL_CAMERA_STATE_BUSY);

  ret = gp_camera_capture (w->gp, GP_CAPTURE_IMAGE, &path, w->context);
  if (ret < GP_OK)
    {
      g_debug ("Capture failed: %s", gp_result_as_string (ret));
      _resell_camera_set_gp_error (w, &error, ret, RESELL_CAMERA_OP_CAPTURE);
      _resell_camera_check_gone (w, ret, error);

      /* A capture cancelled while the camera was already shooting still
       * makes a photo, announced a moment later: it is nobody's shot, so
       * it stays on the card rather than arrive as the camera's own. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && w->gp != NULL)
        {
          guint drain = w->drain;

          /* The drain must not stop at once on the cancel it is clearing
           * up after. */
          w->cancellable = NULL;
          if (_resell_camera_drain_events (w, FALSE))
            for (guint i = w->pending->len; i > 0; i--)
              if (((PendingFile *)g_ptr_array_index (w->pending, i - 1))->drain == drain)
                g_ptr_array_remove_index (w->pending, i - 1);
        }

      goto out;
    }

  /* The event watch must not report this photo again as the camera's. */
  key = _resell_camera_file_key (path.folder, path.name);
  g_hash_table_add (w->known_files, g_steal_pointer (&key));

  twin = take_twin (w, path.folder, path.name);
  if (w->gp == NULL)
    {
      _resell_camera_set_not_connected (&error);
      goto out;
    }

  /* The JPEG is the shot; a RAW rides along as its companion. */
  if (twin != NULL && _resell_camera_is_jpeg (twin->name))
    shot = _resell_camera_download_shot (w, twin->folder, twin->name, path.folder, path.name,
                                         cmd->dest_dir, FALSE, &error);
  else
    shot = _resell_camera_download_shot (w, path.folder, path.name,
                                         twin != NULL ? twin->folder : NULL, twin != NULL ? twin->name : NULL,
                                         cmd->dest_dir, FALSE, &error);

out:
  g_clear_pointer (&twin, _resell_camera_pending_file_free);
  _resell_camera_post_ready (w, error);
  _resell_camera_command_return (cmd, shot, g_object_unref, g_steal_pointer (&error));
}

void
_resell_camera_run_download (Worker  *w,
                             Command *cmd)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = _resell_camera_file_key (cmd->folder, cmd->name);
  ResellCameraShot *shot;

  g_hash_table_add (w->known_files, g_steal_pointer (&key));

  _resell_camera_post_state (w, RESELL_CAMERA_STATE_BUSY);

  shot = _resell_camera_download_shot (w, cmd->folder, cmd->name, NULL, NULL, cmd->dest_dir, FALSE, &error);

  /* A failed download leaves last-error alone: the caller has the error,
   * and the camera itself is fine. */
  _resell_camera_post_ready (w, NULL);
  _resell_camera_command_return (cmd, shot, g_object_unref, g_steal_pointer (&error));
}

void
_resell_camera_run_preview (Worker  *w,
                            Command *cmd)
{
  g_autoptr(GError) error = NULL;
  CameraFile *file = NULL;
  const char *data = NULL;
  unsigned long size = 0;
  GBytes *bytes;
  int ret;

  if (!w->live_view)
    {
      g_task_return_new_error (cmd->task, RESELL_CAMERA_ERROR, RESELL_CAMERA_ERROR_NOT_SUPPORTED,
                               _("This camera has no live view."));
      return;
    }

  gp_file_new (&file);
  ret = gp_camera_capture_preview (w->gp, file, w->context);

  if (ret < GP_OK)
    {
      gp_file_unref (file);
      _resell_camera_set_gp_error (w, &error, ret, RESELL_CAMERA_OP_PREVIEW);

      /* Drivers claim the ability for whole families of cameras (the
       * virtual D750 does), so the first refusal is what counts. */
      if (ret == GP_ERROR_NOT_SUPPORTED)
        {
          Update *u = _resell_camera_update_new (w);

          w->live_view = FALSE;
          u->fields |= UPDATE_LIVE_VIEW;
          u->has_live_view = FALSE;
          _resell_camera_update_post (u);
        }

      _resell_camera_check_gone (w, ret, error);
      _resell_camera_command_return (cmd, NULL, NULL, g_steal_pointer (&error));
      return;
    }

  gp_file_get_data_and_size (file, &data, &size);
  bytes = g_bytes_new (data, size);
  gp_file_unref (file);

  _resell_camera_command_return (cmd, bytes, (GDestroyNotify)g_bytes_unref, NULL);
}
