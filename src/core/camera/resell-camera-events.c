/* resell-camera-events.c — what the camera says by itself between
 * commands: files taken with its own shutter, turned into shots once
 * their RAW or JPEG twin has come
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One log domain for all of the camera's files, so that
 * G_MESSAGES_DEBUG=resell-camera shows all it says. */
#define G_LOG_DOMAIN "resell-camera"

#include "config.h"

#include <stdlib.h>

#include "camera/resell-camera-private.h"

/* How long one gp_camera_wait_for_event call may block between commands:
 * short enough that a command waits little, long enough not to spin.  (The
 * ptp2 driver may take a little longer than asked.) */
#define EVENT_TIMEOUT_MS 50

/* Consecutive event-watch errors after which the camera is taken for gone,
 * so a camera that only answers errors cannot make the thread spin. */
#define MAX_EVENT_ERRORS 3

/* Owner thread: events ----------------------------------------------------- */

static void
note_new_file (Worker           *w,
               const CameraFilePath *path)
{
  g_autofree char *key = _resell_camera_file_key (path->folder, path->name);
  PendingFile *file;

  /* FILE_CHANGED follows FILE_ADDED on some cameras, and a capture's own
   * file may be announced again: each file is taken once. */
  if (g_hash_table_contains (w->known_files, key))
    return;

  g_hash_table_add (w->known_files, g_steal_pointer (&key));

  file = g_new0 (PendingFile, 1);
  file->folder = g_strdup (path->folder);
  file->name = g_strdup (path->name);
  file->drain = w->drain;
  g_ptr_array_add (w->pending, file);
}

/* Reads events until the camera has nothing more to say, or, with
 * @yield_to_commands, until a command is waiting: a camera chattering about
 * its settings must not hold up a capture.  What was not read stays queued
 * in the driver for the next drain.  Returns FALSE when the camera is gone. */
gboolean
_resell_camera_drain_events (Worker   *w,
                             gboolean  yield_to_commands)
{
  for (;;)
    {
      CameraEventType type = GP_EVENT_UNKNOWN;
      void *data = NULL;
      int ret;

      ret = gp_camera_wait_for_event (w->gp, EVENT_TIMEOUT_MS, &type, &data, w->context);

      if (ret < GP_OK)
        {
          g_autoptr(GError) error = NULL;

          free (data);

          if (ret == GP_ERROR_CANCEL)
            return TRUE;

          resell_camera_set_gp_error (&error, ret, RESELL_CAMERA_OP_EVENTS, w->gp_message);
          g_debug ("Waiting for camera events failed: %s", error->message);

          if (resell_camera_gp_result_is_gone (ret) || ++w->event_errors >= MAX_EVENT_ERRORS)
            {
              _resell_camera_lose_camera (w, error, TRUE);
              return FALSE;
            }

          return TRUE;
        }

      w->event_errors = 0;

      switch (type)
        {
        case GP_EVENT_FILE_ADDED:
        case GP_EVENT_FILE_CHANGED:
          if (data != NULL)
            note_new_file (w, data);
          break;

        case GP_EVENT_UNKNOWN:
          if (data != NULL)
            g_debug ("Camera event: %s", (const char *)data);
          break;

        case GP_EVENT_TIMEOUT:
        case GP_EVENT_FOLDER_ADDED:
        case GP_EVENT_CAPTURE_COMPLETE:
        default:
          break;
        }

      /* Every event's data is the caller's, whatever its type. */
      free (data);

      if (type == GP_EVENT_TIMEOUT)
        return TRUE;

      if (yield_to_commands && g_async_queue_length (w->queue) > 0)
        return TRUE;
    }
}

static void
post_failed (Worker       *w,
             const GError *error)
{
  Update *u = _resell_camera_update_new (w);

  _resell_camera_update_set_last_error (u, error->message);
  u->failed = g_error_copy (error);
  _resell_camera_update_post (u);
}

/* Turns the files the camera announced by itself into shots: a RAW and
 * JPEG of the same name as one, a lone file once it has waited one drain
 * for a twin that did not come. */
static void
process_pending (Worker *w)
{
  g_autofree char *dest_dir = NULL;

  if (w->pending->len == 0)
    return;

  g_mutex_lock (&w->lock);
  dest_dir = g_strdup (w->download_dir);
  g_mutex_unlock (&w->lock);

  if (dest_dir == NULL)
    {
      /* Left on the card; download_async can still fetch them. */
      g_ptr_array_set_size (w->pending, 0);
      return;
    }

  for (guint i = 0; i < w->pending->len && w->gp != NULL;)
    {
      PendingFile *first = g_ptr_array_index (w->pending, i);
      g_autofree char *stem = _resell_camera_dup_stem (first->name);
      g_autoptr(ResellCameraShot) shot = NULL;
      g_autoptr(GError) error = NULL;
      PendingFile *jpeg = NULL;
      PendingFile *other = NULL;
      PendingFile *primary;
      PendingFile *companion = NULL;
      gboolean waited = TRUE;

      for (guint j = i; j < w->pending->len; j++)
        {
          PendingFile *file = g_ptr_array_index (w->pending, j);

          if (!_resell_camera_is_same_photo (file, first->folder, stem))
            continue;

          if (_resell_camera_is_jpeg (file->name) && jpeg == NULL)
            jpeg = file;
          else if (!_resell_camera_is_jpeg (file->name) && other == NULL)
            other = file;

          if (file->drain + 1 >= w->drain)
            waited = FALSE;
        }

      if (!(jpeg != NULL && other != NULL) && !waited)
        {
          i++;
          continue;
        }

      primary = jpeg != NULL ? jpeg : other;
      if (jpeg != NULL && other != NULL)
        companion = other;

      shot = _resell_camera_download_shot (w, primary->folder, primary->name,
                                           companion != NULL ? companion->folder : NULL,
                                           companion != NULL ? companion->name : NULL,
                                           dest_dir, TRUE, &error);

      if (shot != NULL)
        {
          Update *u = _resell_camera_update_new (w);

          u->shot = g_steal_pointer (&shot);
          _resell_camera_update_post (u);
        }
      else if (w->gp != NULL)
        post_failed (w, error);

      g_ptr_array_remove (w->pending, primary);
      if (companion != NULL)
        g_ptr_array_remove (w->pending, companion);
    }
}

void
_resell_camera_watch_events (Worker *w)
{
  /* An error now is not about the last command. */
  g_clear_pointer (&w->gp_message, g_free);

  if (!_resell_camera_drain_events (w, TRUE))
    return;

  w->drain++;
  process_pending (w);
}
