/* resell-studio-camera.c — the studio's camera: connecting to it, its
 * events, and the shots that arrive from it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-studio"

#include "config.h"

#include <glib/gi18n.h>

#include "studio/resell-studio-private.h"
#include "common/resell-ui-util.h"

/* Arriving shots: the session attaches them and moves on; the studio
 * tells what went wrong. */

typedef struct
{
  ResellStudio *self;
  char         *path;
  gint64        arrived_at;
} AttachJob;

static void
attach_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  AttachJob *job = user_data;
  g_autoptr(ResellStudio) self = job->self;
  g_autofree char *path = job->path;
  gint64 arrived_at = job->arrived_at;
  g_autoptr(ResellImportResult) attached = NULL;
  g_autoptr(GError) error = NULL;

  g_free (job);
  attached = resell_capture_session_attach_finish (RESELL_CAPTURE_SESSION (object), result, &error);

  if (self->session == NULL)   /* disposed */
    return;

  if (attached == NULL)
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _resell_studio_show_message (self, error->message);
    }
  else
    switch (resell_import_result_get_status (attached))
      {
      case RESELL_IMPORT_STATUS_FAILED:
        _resell_studio_show_message (self, resell_import_result_get_message (attached));
        break;
      case RESELL_IMPORT_STATUS_DUPLICATE:
        resell_ui_show_toast (GTK_WIDGET (self), _("That photo is already in this item: take another one"));
        break;
      case RESELL_IMPORT_STATUS_IMPORTED:
      default:
        _resell_studio_label_photo_attached (self, resell_import_result_get_photo (attached), path);
        if (arrived_at > 0)
          g_debug ("shot to screen: %.0f ms (%s)",
                   (g_get_monotonic_time () - arrived_at) / 1000.0, path);
        break;
      }

  _resell_studio_update_rows (self);
  _resell_studio_refresh_display (self);
}

void
_resell_studio_handle_shot (ResellStudio     *self,
                            ResellCameraShot *shot)
{
  const char *path = resell_camera_shot_get_path (shot);
  AttachJob *job;

  if (_resell_studio_get_item (self) == NULL || self->importer == NULL || path == NULL)
    return;

  job = g_new0 (AttachJob, 1);
  job->self = g_object_ref (self);
  job->path = g_strdup (path);
  job->arrived_at = resell_camera_shot_get_arrived_at (shot);
  resell_capture_session_attach_async (self->session, path, self->attach_cancellable,
                                       attach_done_cb, job);

  /* Decode for the screen beside the checks, not after them. */
  resell_studio_stage_preload (self->stage, path);
  _resell_studio_update_rows (self);
  _resell_studio_refresh_display (self);
}

void
_resell_studio_update_capturing (ResellStudio *self)
{
  gtk_spinner_set_spinning (self->capture_spinner, self->n_capturing > 0);
  gtk_stack_set_visible_child (self->capture_icon_stack,
                               self->n_capturing > 0 ? GTK_WIDGET (self->capture_spinner)
                                                     : gtk_widget_get_first_child (GTK_WIDGET (self->capture_icon_stack)));
}

static void
on_shot_added (ResellCamera     *camera,
               ResellCameraShot *shot,
               ResellStudio     *self)
{
  if (self->active)
    _resell_studio_handle_shot (self, shot);
}

/* The camera */

void
_resell_studio_update_camera_status (ResellStudio *self)
{
  ResellCamera *camera = self->camera;
  ResellCameraState state = camera ? resell_camera_get_state (camera) : RESELL_CAMERA_STATE_DISCONNECTED;
  g_autofree char *banner = NULL;
  const char *button = NULL;
  const char *button_action = NULL;
  gboolean busy = FALSE;

  resell_camera_status_update (self->camera_status, camera, self->connecting);

  if (camera == NULL)
    {
      if (self->monitor != NULL && resell_camera_monitor_get_scanning (self->monitor))
        {
          banner = g_strdup (_("Looking for a camera…"));
          busy = TRUE;
        }
      else
        {
          banner = g_strdup (_("No camera found. Connect a camera by USB and switch it on, or import photos."));
          button = _("Import Photos…");
          button_action = "studio.import";
        }
    }
  else if (state == RESELL_CAMERA_STATE_CONNECTING ||
           (state == RESELL_CAMERA_STATE_DISCONNECTED && self->connecting))
    {
      /* Translators: %s is a camera model */
      banner = g_strdup_printf (_("Connecting to %s…"), resell_camera_get_model (camera));
      busy = TRUE;
    }
  else if (state == RESELL_CAMERA_STATE_DISCONNECTED)
    {
      if (self->connect_error != NULL)
        banner = g_strdup (self->connect_error->message);
      else if (resell_camera_get_last_error (camera) != NULL)
        banner = g_strdup (resell_camera_get_last_error (camera));
      else
        /* Translators: %s is a camera model */
        banner = g_strdup_printf (_("%s is not connected. Plug it in and switch it on, or import photos."),
                                  resell_camera_get_model (camera));
      button = _("Try Again");
      button_action = "studio.try-again";
    }

  gtk_label_set_label (self->banner_label, banner ? banner : "");
  gtk_widget_set_visible (GTK_WIDGET (self->banner_spinner), busy);
  gtk_spinner_set_spinning (self->banner_spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->banner_button), button != NULL);
  if (button != NULL)
    {
      gtk_button_set_label (self->banner_button, button);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->banner_button), button_action);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->banner_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, button, -1);
    }
  gtk_revealer_set_reveal_child (self->banner_revealer, banner != NULL);

  if (state < RESELL_CAMERA_STATE_READY)
    resell_studio_stage_set_live_view (self->stage, FALSE);

  _resell_studio_update_empty_page (self);
  _resell_studio_update_actions (self);
}

static void
connect_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(ResellStudio) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!resell_camera_connect_finish (RESELL_CAMERA (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (RESELL_CAMERA (object) != self->camera)
    return;

  self->connecting = FALSE;
  g_clear_error (&self->connect_error);
  if (error != NULL)
    self->connect_error = g_steal_pointer (&error);

  _resell_studio_update_camera_status (self);
  _resell_studio_refresh_display (self);
}

void
_resell_studio_connect_camera (ResellStudio *self)
{
  if (self->camera == NULL || self->connecting || !self->active)
    return;

  self->connecting = TRUE;
  g_clear_error (&self->connect_error);
  resell_camera_connect_async (self->camera, self->connect_cancellable, connect_done_cb, g_object_ref (self));
  _resell_studio_update_camera_status (self);
}

static void
on_camera_changed (ResellStudio *self)
{
  _resell_studio_update_camera_status (self);
  _resell_studio_refresh_display (self);
}

static void
on_camera_failed (ResellCamera *camera,
                  GError       *error,
                  ResellStudio *self)
{
  if (self->active && error != NULL)
    _resell_studio_show_message (self, error->message);
}

void
_resell_studio_sync_download_dir (ResellStudio *self)
{
  if (self->camera != NULL)
    resell_camera_set_download_dir (self->camera, self->active ? _resell_studio_get_originals_dir (self) : NULL);
}

void
_resell_studio_adopt_camera (ResellStudio *self,
                             ResellCamera *camera)
{
  if (self->camera == camera)
    return;

  if (self->camera != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->camera, self);
      resell_camera_set_download_dir (self->camera, NULL);
      g_clear_pointer (&self->delete_binding, g_binding_unbind);
      g_cancellable_cancel (self->connect_cancellable);
      g_clear_object (&self->connect_cancellable);
    }

  g_set_object (&self->camera, camera);
  self->connect_cancellable = g_cancellable_new ();
  self->connecting = FALSE;
  resell_studio_stage_set_camera (self->stage, camera);
  g_clear_error (&self->connect_error);
  resell_camera_controls_set_camera (self->camera_controls, camera);

  if (camera == NULL)
    return;

  g_signal_connect_swapped (camera, "notify::state", G_CALLBACK (on_camera_changed), self);
  g_signal_connect_swapped (camera, "notify::model", G_CALLBACK (_resell_studio_update_camera_status), self);
  g_signal_connect_swapped (camera, "notify::battery-level", G_CALLBACK (_resell_studio_update_camera_status), self);
  g_signal_connect_swapped (camera, "notify::free-bytes", G_CALLBACK (_resell_studio_update_camera_status), self);
  g_signal_connect_swapped (camera, "notify::free-images", G_CALLBACK (_resell_studio_update_camera_status), self);
  g_signal_connect_swapped (camera, "notify::has-live-view", G_CALLBACK (_resell_studio_update_actions), self);
  g_signal_connect (camera, "shot-added", G_CALLBACK (on_shot_added), self);
  g_signal_connect (camera, "failed", G_CALLBACK (on_camera_failed), self);

  if (self->settings != NULL)
    self->delete_binding = g_object_bind_property (self->settings, "delete-from-card",
                                                   camera, "delete-from-card", G_BINDING_SYNC_CREATE);
  _resell_studio_sync_download_dir (self);
}

/* Takes the monitor's default camera and connects to it if it is not. */
void
_resell_studio_refresh_camera (ResellStudio *self)
{
  ResellCamera *camera;

  if (!self->active || self->monitor == NULL)
    return;

  camera = resell_camera_monitor_get_default (self->monitor);
  _resell_studio_adopt_camera (self, camera);

  if (camera != NULL && resell_camera_get_state (camera) == RESELL_CAMERA_STATE_DISCONNECTED &&
      self->connect_error == NULL)
    _resell_studio_connect_camera (self);

  _resell_studio_update_camera_status (self);
}

void
_resell_studio_on_cameras_changed (ResellStudio *self)
{
  /* A camera came or went: worth trying again after a failure. */
  if (self->camera != NULL && resell_camera_get_state (self->camera) == RESELL_CAMERA_STATE_DISCONNECTED)
    g_clear_error (&self->connect_error);
  _resell_studio_refresh_camera (self);
}

