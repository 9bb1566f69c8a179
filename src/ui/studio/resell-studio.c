/* resell-studio.c — the tethered studio
 *
 * The studio never talks to libgphoto2 or SQLite itself: the camera's own
 * thread (ResellCamera) takes and downloads photos, the importer attaches
 * them to their shot and checks them on a worker, and the catalog is read
 * on workers.  On the UI thread an arriving photo costs setting a texture
 * that was decoded elsewhere.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-studio"

#include "config.h"

#include <glib/gi18n.h>

#include "studio/resell-camera-controls.h"
#include "studio/resell-camera-status.h"
#include "studio/resell-check-panel.h"
#include "studio/resell-shot-list.h"
#include "studio/resell-studio.h"
#include "intake/resell-capture-session.h"
#include "studio/resell-studio-stage.h"
#include "common/resell-ui-util.h"


struct _ResellStudio
{
  AdwBin                parent_instance;

  ResellSettings       *settings;
  ResellCatalog        *catalog;
  ResellImporter       *importer;
  ResellCameraMonitor  *monitor;

  ResellCaptureSession *session;         /* the item shot: its shots, photos, checks, mode */
  gboolean              choosing;        /* the shot list tells the session its choice */
  GCancellable         *cancellable;     /* work for the item shown */
  GCancellable         *attach_cancellable; /* attaches: only when the studio goes */
  GCancellable         *connect_cancellable;

  ResellCamera         *camera;
  GBinding             *delete_binding;
  GError               *connect_error;   /* the last connection failure of camera */
  gboolean              connecting;
  gboolean              active;          /* open and shown */
  guint                 n_capturing;

  /* Template children */
  AdwWindowTitle       *window_title;
  GtkToggleButton      *live_button;
  GtkMenuButton        *settings_button;
  ResellCameraControls *camera_controls;
  GtkRevealer          *banner_revealer;
  GtkSpinner           *banner_spinner;
  GtkLabel             *banner_label;
  GtkButton            *banner_button;
  ResellShotList       *shot_list;
  GtkLabel             *shot_title_label;
  GtkLabel             *guidance_label;
  ResellStudioStage    *stage;
  ResellCheckPanel     *check_panel;
  GtkRevealer          *mode_revealer;
  GtkLabel             *mode_label;
  GtkButton            *capture_button;
  GtkStack             *capture_icon_stack;
  GtkSpinner           *capture_spinner;
  ResellCameraStatus   *camera_status;
  GtkToggleButton      *onion_button;
  GtkScale             *opacity_scale;
  GtkAdjustment        *opacity_adjustment;
};

G_DEFINE_FINAL_TYPE (ResellStudio, resell_studio, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_ONION_SKIN,
  PROP_LIVE_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void refresh_display (ResellStudio *self);
static void update_rows (ResellStudio *self);
static void update_actions (ResellStudio *self);
static void update_camera_status (ResellStudio *self);

static ResellItem *
get_item (ResellStudio *self)
{
  return resell_capture_session_get_item (self->session);
}

static ResellShotPlan *
get_plan (ResellStudio *self)
{
  return resell_capture_session_get_plan (self->session);
}

static const char *
get_originals_dir (ResellStudio *self)
{
  return resell_capture_session_get_originals_dir (self->session);
}

/* Messages */

/* Stays until dismissed: for what went wrong. */
static void
show_message (ResellStudio *self,
              const char   *message)
{
  if (!resell_ui_show_message (GTK_WIDGET (self), message))
    g_message ("%s", message);
}

/* The shots */

static ResellShotRow *
current_row (ResellStudio *self)
{
  return resell_shot_list_get_current (self->shot_list);
}

static const ResellShot *
shot_for_row (ResellStudio  *self,
              ResellShotRow *row)
{
  ResellCategory *category = resell_capture_session_get_category (self->session);
  const char *id = row ? resell_shot_row_get_shot_id (row) : NULL;

  if (id == NULL || category == NULL)
    return NULL;
  return resell_category_find_shot (category, id);
}

static void
update_title (ResellStudio *self)
{
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  guint n_shots = resell_shot_plan_get_n_shots (get_plan (self));
  guint filled = resell_shot_plan_get_n_filled (get_plan (self));
  guint n_photos = resell_shot_plan_get_n_photos (get_plan (self));

  if (get_item (self) == NULL)
    return;

  name = resell_item_dup_display_title (get_item (self));
  /* Translators: the studio's title, %s is the item's title or SKU */
  title = g_strdup_printf (_("Shoot — %s"), name);
  adw_window_title_set_title (self->window_title, title);

  if (n_shots > 0)
    /* Translators: shots taken of the category's shot list, e.g. "6 of 9" */
    subtitle = g_strdup_printf (_("%u of %u"), filled, n_shots);
  else
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u photo", "%u photos", n_photos),
                                n_photos);
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

/* What is shown */

static void
show_guidance (ResellStudio *self)
{
  const ResellShot *shot = shot_for_row (self, current_row (self));

  if (shot != NULL)
    {
      gtk_label_set_label (self->shot_title_label, shot->label);
      gtk_label_set_label (self->guidance_label, shot->guidance);
    }
  else if (current_row (self) != NULL)
    {
      gtk_label_set_label (self->shot_title_label, resell_shot_row_get_label (current_row (self)));
      gtk_label_set_label (self->guidance_label,
                           _("A close-up of anything a buyer should see: a logo, the texture, wear."));
    }
  else
    {
      gtk_label_set_label (self->shot_title_label, _("Extra Photos"));
      gtk_label_set_label (self->guidance_label,
                           _("This item’s category has no shot list: every photo is added as an extra one."));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->guidance_label),
                          gtk_label_get_label (self->guidance_label)[0] != '\0');
}

static void
update_empty_page (ResellStudio *self)
{
  const ResellShot *shot = shot_for_row (self, current_row (self));

  resell_studio_stage_set_ready (self->stage,
                                 self->camera != NULL &&
                                 resell_camera_get_state (self->camera) >= RESELL_CAMERA_STATE_READY,
                                 shot ? shot->label : NULL);
}

/* The check panel speaks of the photo the stage shows. */
static void
update_check_panel (ResellStudio *self)
{
  ResellPhoto *subject = resell_studio_stage_get_subject (self->stage);

  gtk_widget_set_visible (GTK_WIDGET (self->check_panel), subject != NULL);
  if (subject != NULL)
    resell_check_panel_set_report (self->check_panel, resell_capture_session_get_report (self->session, subject),
                                   resell_studio_stage_get_subject_label (self->stage));
}

static void
refresh_display (ResellStudio *self)
{
  ResellStudioStageScene scene = { NULL, };
  const char *slot = current_row (self) ? resell_shot_row_get_shot_id (current_row (self)) : NULL;
  ResellPhoto *last_capture = resell_capture_session_get_last_capture (self->session);

  if (get_item (self) == NULL)
    return;

  scene.photo = resell_shot_list_photo_for_row (self->shot_list, current_row (self));
  scene.pending_path = resell_capture_session_get_pending_path (self->session);
  if (last_capture != NULL)
    {
      ResellShotRow *row = resell_shot_list_row_for_photo (self->shot_list, last_capture);

      scene.last_photo = last_capture;
      scene.last_label = row ? resell_shot_row_get_label (row) : NULL;
    }
  scene.onion_photo = resell_capture_session_get_onion (self->session, slot);

  resell_studio_stage_set_scene (self->stage, &scene);
  update_empty_page (self);
  update_check_panel (self);
}

/* Rows */

static void
update_rows (ResellStudio *self)
{
  resell_shot_list_update (self->shot_list, self->cancellable);
  update_title (self);
  update_actions (self);
}

/* Another shot chosen in the list, by the person or the studio: the
 * session's choice follows. */
static void
on_current_changed (ResellStudio *self)
{
  ResellShotRow *row = current_row (self);
  const char *slot = row ? resell_shot_row_get_shot_id (row) : NULL;

  self->choosing = TRUE;
  resell_capture_session_set_current (self->session, slot,
                                      row != NULL && slot == NULL ? resell_shot_row_get_photo_id (row) : 0);
  self->choosing = FALSE;

  show_guidance (self);
  refresh_display (self);
  update_actions (self);
}

/* Actions and modes */

static void
update_actions (ResellStudio *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  ResellPhoto *photo = resell_shot_list_photo_for_row (self->shot_list, current_row (self));
  gboolean camera_ready = self->camera != NULL &&
                          resell_camera_get_state (self->camera) >= RESELL_CAMERA_STATE_READY;
  int index = resell_shot_plan_photo_index (get_plan (self), photo);

  gtk_widget_action_set_enabled (widget, "studio.capture",
                                 camera_ready && get_item (self) != NULL && get_originals_dir (self) != NULL);
  gtk_widget_action_set_enabled (widget, "studio.retake",
                                 photo != NULL || resell_capture_session_get_last_capture (self->session) != NULL);
  gtk_widget_action_set_enabled (widget, "studio.skip", current_row (self) != NULL);
  gtk_widget_action_set_enabled (widget, "studio.move-earlier", index > 0);
  gtk_widget_action_set_enabled (widget, "studio.move-later",
                                 index >= 0 &&
                                 (guint) index + 1 < resell_shot_plan_get_n_photos (get_plan (self)));
  gtk_widget_action_set_enabled (widget, "studio.cancel-mode",
                                 resell_capture_session_get_mode (self->session) != RESELL_CAPTURE_MODE_NEXT);
  gtk_widget_action_set_enabled (widget, "studio.import", get_item (self) != NULL && self->importer != NULL);
  gtk_widget_action_set_enabled (widget, "studio.live-view", camera_ready);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->live_button),
                               self->camera != NULL && (!resell_camera_get_has_live_view (self->camera) ||
                                                        resell_studio_stage_get_live_unsupported (self->stage))
                               ? _("This camera has no live view")
                               : _("Live View (L)"));
}

/* The session's mode, shown above the capture button. */
static void
on_mode_changed (ResellStudio *self)
{
  g_autofree char *text = NULL;

  switch (resell_capture_session_get_mode (self->session))
    {
    case RESELL_CAPTURE_MODE_RETAKE:
      {
        gint64 id = resell_capture_session_get_retake_photo_id (self->session);
        ResellPhoto *photo = resell_shot_plan_photo_by_id (get_plan (self), id);
        ResellShotRow *row = photo ? resell_shot_list_row_for_photo (self->shot_list, photo) : NULL;

        /* Translators: %s is a shot's name, e.g. "Front" */
        text = g_strdup_printf (_("Retake: the next photo replaces “%s”"),
                                row ? resell_shot_row_get_label (row) : _("this photo"));
      }
      break;
    case RESELL_CAPTURE_MODE_EXTRA:
      text = g_strdup (_("The next photo is an extra detail shot"));
      break;
    case RESELL_CAPTURE_MODE_NEXT:
    default:
      break;
    }

  if (text != NULL)
    gtk_label_set_label (self->mode_label, text);
  gtk_revealer_set_reveal_child (self->mode_revealer, text != NULL);
  update_actions (self);
}

/* The session chose another shot (it moved on after a photo, or to the
 * photo a retake is for): the list follows. */
static void
on_session_current_changed (ResellStudio *self)
{
  const char *slot = resell_capture_session_get_current_slot (self->session);
  ResellPhoto *photo = resell_capture_session_get_current_photo (self->session);
  ResellShotRow *row = NULL;

  if (self->choosing)
    return;

  /* A new extra photo has no row yet. */
  update_rows (self);
  if (slot != NULL)
    row = resell_shot_list_row_for_slot (self->shot_list, slot);
  else if (photo != NULL)
    row = resell_shot_list_row_for_photo (self->shot_list, photo);
  if (row != NULL)
    resell_shot_list_select (self->shot_list, row);
}

static void
retake_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  ResellStudio *self = RESELL_STUDIO (widget);

  if (resell_capture_session_retake (self->session) == NULL)
    resell_ui_show_toast (GTK_WIDGET (self), _("This shot has no photo to retake yet"));
}

static void
extra_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  ResellStudio *self = RESELL_STUDIO (widget);
  ResellCaptureMode mode = resell_capture_session_get_mode (self->session);

  resell_capture_session_set_mode (self->session,
                                   mode == RESELL_CAPTURE_MODE_EXTRA ? RESELL_CAPTURE_MODE_NEXT
                                                                     : RESELL_CAPTURE_MODE_EXTRA);
}

static void
cancel_mode_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  resell_capture_session_set_mode (RESELL_STUDIO (widget)->session, RESELL_CAPTURE_MODE_NEXT);
}

static void
skip_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  ResellStudio *self = RESELL_STUDIO (widget);
  ResellShotRow *next = resell_shot_list_next_unfilled (self->shot_list, current_row (self));

  if (next == NULL && current_row (self) != NULL)
    {
      next = resell_shot_list_get_row (self->shot_list,
                                       gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (current_row (self))) + 1);
    }
  if (next != NULL)
    resell_shot_list_select (self->shot_list, next);
}

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  ResellStudio *self = RESELL_STUDIO (widget);
  int step = g_str_equal (action_name, "studio.previous-shot") ? -1 : 1;
  int index = current_row (self) ? gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (current_row (self))) : -1;
  ResellShotRow *row = resell_shot_list_get_row (self->shot_list, MAX (0, index + step));

  if (row != NULL)
    resell_shot_list_select (self->shot_list, row);
}

/* Reordering: the photo of the current shot moves one place earlier or
 * later in the item's photo order (the order of the listing). */

static void
move_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ResellStudio) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!resell_capture_session_move_photo_finish (RESELL_CAPTURE_SESSION (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_message (self, error->message);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  ResellStudio *self = RESELL_STUDIO (widget);
  ResellPhoto *photo = resell_shot_list_photo_for_row (self->shot_list, current_row (self));

  if (photo == NULL || self->catalog == NULL)
    return;

  resell_capture_session_move_photo_async (self->session, photo,
                                           g_str_equal (action_name, "studio.move-earlier") ? -1 : 1,
                                           self->attach_cancellable, move_done_cb, g_object_ref (self));
  update_rows (self);
}

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
        show_message (self, error->message);
    }
  else
    switch (resell_import_result_get_status (attached))
      {
      case RESELL_IMPORT_STATUS_FAILED:
        show_message (self, resell_import_result_get_message (attached));
        break;
      case RESELL_IMPORT_STATUS_DUPLICATE:
        resell_ui_show_toast (GTK_WIDGET (self), _("That photo is already in this item: take another one"));
        break;
      case RESELL_IMPORT_STATUS_IMPORTED:
      default:
        if (arrived_at > 0)
          g_debug ("shot to screen: %.0f ms (%s)",
                   (g_get_monotonic_time () - arrived_at) / 1000.0, path);
        break;
      }

  update_rows (self);
  refresh_display (self);
}

static void
handle_shot (ResellStudio     *self,
             ResellCameraShot *shot)
{
  const char *path = resell_camera_shot_get_path (shot);
  AttachJob *job;

  if (get_item (self) == NULL || self->importer == NULL || path == NULL)
    return;

  job = g_new0 (AttachJob, 1);
  job->self = g_object_ref (self);
  job->path = g_strdup (path);
  job->arrived_at = resell_camera_shot_get_arrived_at (shot);
  resell_capture_session_attach_async (self->session, path, self->attach_cancellable,
                                       attach_done_cb, job);

  /* Decode for the screen beside the checks, not after them. */
  resell_studio_stage_preload (self->stage, path);
  update_rows (self);
  refresh_display (self);
}

static void
update_capturing (ResellStudio *self)
{
  gtk_spinner_set_spinning (self->capture_spinner, self->n_capturing > 0);
  gtk_stack_set_visible_child (self->capture_icon_stack,
                               self->n_capturing > 0 ? GTK_WIDGET (self->capture_spinner)
                                                     : gtk_widget_get_first_child (GTK_WIDGET (self->capture_icon_stack)));
}

typedef struct
{
  ResellStudio *self;
  gint64        item_id;
} CaptureJob;

static void
capture_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CaptureJob *job = user_data;
  g_autoptr(ResellStudio) self = job->self;
  g_autoptr(ResellCameraShot) shot = NULL;
  g_autoptr(GError) error = NULL;
  gint64 item_id = job->item_id;

  g_free (job);
  shot = resell_camera_capture_finish (RESELL_CAMERA (object), result, &error);

  if (self->session == NULL)
    return;

  if (self->n_capturing > 0)
    self->n_capturing--;
  update_capturing (self);

  if (shot == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, error->message);
      return;
    }

  /* Saved into an item the studio has left meanwhile: attach it there. */
  if (get_item (self) == NULL || resell_item_get_id (get_item (self)) != item_id)
    {
      g_message ("A photo arrived for an item no longer shown: %s", resell_camera_shot_get_path (shot));
      return;
    }

  handle_shot (self, shot);
}

static void
capture_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  ResellStudio *self = RESELL_STUDIO (widget);
  CaptureJob *job;

  if (get_item (self) == NULL || get_originals_dir (self) == NULL)
    return;

  if (self->camera == NULL || resell_camera_get_state (self->camera) < RESELL_CAMERA_STATE_READY)
    {
      resell_ui_show_toast (GTK_WIDGET (self), _("No camera is connected"));
      return;
    }

  job = g_new0 (CaptureJob, 1);
  job->self = g_object_ref (self);
  job->item_id = resell_item_get_id (get_item (self));
  self->n_capturing++;
  update_capturing (self);
  resell_camera_capture_async (self->camera, get_originals_dir (self), self->attach_cancellable,
                               capture_done_cb, job);
}

static void
on_shot_added (ResellCamera     *camera,
               ResellCameraShot *shot,
               ResellStudio     *self)
{
  if (self->active)
    handle_shot (self, shot);
}

/* The camera */

static void connect_camera (ResellStudio *self);

static void
update_camera_status (ResellStudio *self)
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

  update_empty_page (self);
  update_actions (self);
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

  update_camera_status (self);
  refresh_display (self);
}

static void
connect_camera (ResellStudio *self)
{
  if (self->camera == NULL || self->connecting || !self->active)
    return;

  self->connecting = TRUE;
  g_clear_error (&self->connect_error);
  resell_camera_connect_async (self->camera, self->connect_cancellable, connect_done_cb, g_object_ref (self));
  update_camera_status (self);
}

static void
try_again_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  ResellStudio *self = RESELL_STUDIO (widget);

  if (self->camera == NULL && self->monitor != NULL)
    {
      resell_camera_monitor_rescan (self->monitor);
      return;
    }
  g_clear_error (&self->connect_error);
  connect_camera (self);
}

static void
on_camera_changed (ResellStudio *self)
{
  update_camera_status (self);
  refresh_display (self);
}

static void
on_camera_failed (ResellCamera *camera,
                  GError       *error,
                  ResellStudio *self)
{
  if (self->active && error != NULL)
    show_message (self, error->message);
}

static void
sync_download_dir (ResellStudio *self)
{
  if (self->camera != NULL)
    resell_camera_set_download_dir (self->camera, self->active ? get_originals_dir (self) : NULL);
}

static void
adopt_camera (ResellStudio *self,
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
  g_signal_connect_swapped (camera, "notify::model", G_CALLBACK (update_camera_status), self);
  g_signal_connect_swapped (camera, "notify::battery-level", G_CALLBACK (update_camera_status), self);
  g_signal_connect_swapped (camera, "notify::free-bytes", G_CALLBACK (update_camera_status), self);
  g_signal_connect_swapped (camera, "notify::free-images", G_CALLBACK (update_camera_status), self);
  g_signal_connect_swapped (camera, "notify::has-live-view", G_CALLBACK (update_actions), self);
  g_signal_connect (camera, "shot-added", G_CALLBACK (on_shot_added), self);
  g_signal_connect (camera, "failed", G_CALLBACK (on_camera_failed), self);

  if (self->settings != NULL)
    self->delete_binding = g_object_bind_property (self->settings, "delete-from-card",
                                                   camera, "delete-from-card", G_BINDING_SYNC_CREATE);
  sync_download_dir (self);
}

/* Takes the monitor's default camera and connects to it if it is not. */
static void
refresh_camera (ResellStudio *self)
{
  ResellCamera *camera;

  if (!self->active || self->monitor == NULL)
    return;

  camera = resell_camera_monitor_get_default (self->monitor);
  adopt_camera (self, camera);

  if (camera != NULL && resell_camera_get_state (camera) == RESELL_CAMERA_STATE_DISCONNECTED &&
      self->connect_error == NULL)
    connect_camera (self);

  update_camera_status (self);
}

static void
on_cameras_changed (ResellStudio *self)
{
  /* A camera came or went: worth trying again after a failure. */
  if (self->camera != NULL && resell_camera_get_state (self->camera) == RESELL_CAMERA_STATE_DISCONNECTED)
    g_clear_error (&self->connect_error);
  refresh_camera (self);
}

static void
on_settings_popover_show (ResellStudio *self)
{
  resell_camera_controls_refresh (self->camera_controls);
}

static void
on_camera_controls_error (ResellStudio *self,
                          const char   *message)
{
  resell_ui_show_toast (GTK_WIDGET (self), message);
}

/* Loading the item's photos, and the onion skins */

typedef struct
{
  ResellStudio *self;     /* not a reference: the load is cancelled first */
  gboolean      first;
} LoadJob;

static void
photos_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  LoadJob *job = user_data;
  ResellStudio *self = job->self;
  gboolean first = job->first;
  g_autoptr(GError) error = NULL;

  g_free (job);
  if (!resell_capture_session_load_finish (RESELL_CAPTURE_SESSION (object), result, &error))
    {
      /* Not cancelled: the studio still shows the item. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, error->message);
      return;
    }

  sync_download_dir (self);
  update_rows (self);
  if (first)
    resell_shot_list_select_first_unfilled (self->shot_list);
  show_guidance (self);
  refresh_display (self);
}

static void
load_photos (ResellStudio *self,
             gboolean      first)
{
  LoadJob *job;

  if (get_item (self) == NULL || self->catalog == NULL)
    return;

  job = g_new0 (LoadJob, 1);
  job->self = self;
  job->first = first;
  resell_capture_session_load_async (self->session, self->cancellable, photos_loaded_cb, job);
}

static void
onion_found_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  ResellStudio *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!resell_capture_session_find_onion_finish (RESELL_CAPTURE_SESSION (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No onion skins: %s", error->message);
      return;
    }

  refresh_display (self);
}

/* Importing files (no camera, or on top of one) */

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ResellStudio) self = user_data;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) failures = g_string_new (NULL);
  guint imported = 0;

  results = resell_importer_import_finish (RESELL_IMPORTER (object), result, &error);
  if (results == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, error->message);
      return;
    }

  resell_ui_count_import_results (results, &imported, NULL, failures);
  if (failures->len > 0)
    show_message (self, failures->str);
  else if (imported > 0)
    {
      g_autofree char *message = resell_ui_format_imported (imported, 0);

      resell_ui_show_toast (GTK_WIDGET (self), message);
    }

  if (get_item (self) != NULL && !g_cancellable_is_cancelled (self->cancellable))
    load_photos (self, TRUE);
}

static void
import_files (GtkWidget *widget,
              GPtrArray *files)
{
  ResellStudio *self = RESELL_STUDIO (widget);

  if (get_item (self) == NULL || self->importer == NULL || files->len == 0)
    return;

  resell_importer_import_async (self->importer, get_item (self),
                                resell_capture_session_get_category (self->session), files,
                                self->attach_cancellable, import_done_cb, g_object_ref (self));
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  if (get_item (RESELL_STUDIO (widget)) != NULL)
    resell_ui_choose_photos (widget, RESELL_UI_CHOOSE_PHOTOS, import_files);
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         ResellStudio  *self)
{
  g_autoptr(GPtrArray) files = resell_ui_files_from_drop (value);

  if (files == NULL)
    return FALSE;

  import_files (GTK_WIDGET (self), files);
  return files->len > 0;
}

/* Keys: single letters work wherever the keyboard is in the studio, except
 * in a text field or a popover. */

static gboolean
focus_takes_keys (ResellStudio *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL)
    return FALSE;
  if (GTK_IS_EDITABLE (focus) || GTK_IS_TEXT_VIEW (focus))
    return TRUE;
  return gtk_widget_get_ancestor (focus, GTK_TYPE_POPOVER) != NULL;
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                ResellStudio          *self)
{
  GdkModifierType mods = state & gtk_accelerator_get_default_mod_mask ();
  GtkWidget *widget = GTK_WIDGET (self);
  const char *pedal = self->settings ? resell_settings_get_capture_key (self->settings) : NULL;
  const char *action = NULL;

  if (!self->active || focus_takes_keys (self))
    return FALSE;

  if (pedal != NULL && pedal[0] != '\0' && mods == 0 &&
      gdk_keyval_to_lower (keyval) == gdk_keyval_to_lower (gdk_keyval_from_name (pedal)))
    action = "studio.capture";
  else if (mods == 0)
    switch (keyval)
      {
      case GDK_KEY_space:     action = "studio.capture"; break;
      case GDK_KEY_r:
      case GDK_KEY_R:         action = "studio.retake"; break;
      case GDK_KEY_s:
      case GDK_KEY_S:         action = "studio.skip"; break;
      case GDK_KEY_e:
      case GDK_KEY_E:         action = "studio.extra"; break;
      case GDK_KEY_o:
      case GDK_KEY_O:         action = "studio.onion-skin"; break;
      case GDK_KEY_l:
      case GDK_KEY_L:         action = "studio.live-view"; break;
      case GDK_KEY_Up:        action = "studio.previous-shot"; break;
      case GDK_KEY_Down:      action = "studio.next-shot"; break;
      case GDK_KEY_Escape:
        action = resell_capture_session_get_mode (self->session) != RESELL_CAPTURE_MODE_NEXT
                 ? "studio.cancel-mode" : "win.leave-studio";
        break;
      default:
        break;
      }
  else if (mods == GDK_ALT_MASK)
    switch (keyval)
      {
      case GDK_KEY_Up:   action = "studio.move-earlier"; break;
      case GDK_KEY_Down: action = "studio.move-later"; break;
      case GDK_KEY_Left: action = "win.leave-studio"; break;
      default: break;
      }

  if (action == NULL)
    return FALSE;

  gtk_widget_activate_action (widget, action, NULL);
  return TRUE;
}

/* Properties */

static void
on_stage_notify (ResellStudio *self,
                 GParamSpec   *pspec)
{
  /* The studio's properties are the stage's. */
  if (g_str_equal (pspec->name, "onion-skin"))
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->opacity_scale),
                                resell_studio_stage_get_onion_skin (self->stage));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONION_SKIN]);
    }
  else if (g_str_equal (pspec->name, "live-view"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIVE_VIEW]);
}

static void
on_stage_toast (ResellStudio *self,
                const char   *message)
{
  resell_ui_show_toast (GTK_WIDGET (self), message);
}

static void
resell_studio_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  ResellStudio *self = RESELL_STUDIO (object);

  switch (prop_id)
    {
    case PROP_ONION_SKIN:
      g_value_set_boolean (value, resell_studio_stage_get_onion_skin (self->stage));
      break;
    case PROP_LIVE_VIEW:
      g_value_set_boolean (value, resell_studio_stage_get_live_view (self->stage));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_studio_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  ResellStudio *self = RESELL_STUDIO (object);

  switch (prop_id)
    {
    case PROP_ONION_SKIN:
      resell_studio_stage_set_onion_skin (self->stage, g_value_get_boolean (value));
      break;
    case PROP_LIVE_VIEW:
      resell_studio_stage_set_live_view (self->stage, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Life */

static void
resell_studio_dispose (GObject *object)
{
  ResellStudio *self = (ResellStudio *)object;

  adopt_camera (self, NULL);
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->attach_cancellable);
  g_cancellable_cancel (self->connect_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), RESELL_TYPE_STUDIO);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->attach_cancellable);
  g_clear_object (&self->connect_cancellable);
  g_clear_object (&self->monitor);
  g_clear_object (&self->importer);
  g_clear_object (&self->catalog);
  g_clear_object (&self->settings);
  g_clear_error (&self->connect_error);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (resell_studio_parent_class)->dispose (object);
}

static void
resell_studio_class_init (ResellStudioClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = resell_studio_dispose;
  object_class->get_property = resell_studio_get_property;
  object_class->set_property = resell_studio_set_property;

  properties[PROP_ONION_SKIN] =
    g_param_spec_boolean ("onion-skin", NULL, NULL, TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LIVE_VIEW] =
    g_param_spec_boolean ("live-view", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (RESELL_TYPE_CAMERA_CONTROLS);
  g_type_ensure (RESELL_TYPE_CAMERA_STATUS);
  g_type_ensure (RESELL_TYPE_CHECK_PANEL);
  g_type_ensure (RESELL_TYPE_SHOT_LIST);
  g_type_ensure (RESELL_TYPE_STUDIO_STAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Resell/ui/resell-studio.ui");
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, window_title);
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, live_button);
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, settings_button);
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, camera_controls);
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, banner_spinner);
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, banner_label);
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, banner_button);
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, shot_list);
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, shot_title_label);
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, guidance_label);
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, stage);
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, check_panel);
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, mode_revealer);
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, mode_label);
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, capture_button);
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, capture_icon_stack);
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, capture_spinner);
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, camera_status);
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, onion_button);
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, opacity_scale);
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, opacity_adjustment);
  gtk_widget_class_bind_template_callback (widget_class, on_current_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_settings_popover_show);
  gtk_widget_class_bind_template_callback (widget_class, on_camera_controls_error);
  gtk_widget_class_bind_template_callback (widget_class, on_stage_toast);
  gtk_widget_class_bind_template_callback (widget_class, update_check_panel);
  gtk_widget_class_bind_template_callback (widget_class, update_actions);

  gtk_widget_class_install_action (widget_class, "studio.capture", NULL, capture_action);
  gtk_widget_class_install_action (widget_class, "studio.retake", NULL, retake_action);
  gtk_widget_class_install_action (widget_class, "studio.skip", NULL, skip_action);
  gtk_widget_class_install_action (widget_class, "studio.extra", NULL, extra_action);
  gtk_widget_class_install_action (widget_class, "studio.cancel-mode", NULL, cancel_mode_action);
  gtk_widget_class_install_action (widget_class, "studio.previous-shot", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "studio.next-shot", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "studio.move-earlier", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "studio.move-later", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "studio.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "studio.try-again", NULL, try_again_action);
  gtk_widget_class_install_property_action (widget_class, "studio.onion-skin", "onion-skin");
  gtk_widget_class_install_property_action (widget_class, "studio.live-view", "live-view");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "studio.move-earlier", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "studio.move-later", NULL);
}

static void
resell_studio_init (ResellStudio *self)
{
  GtkEventController *keys;
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->attach_cancellable = g_cancellable_new ();
  self->connect_cancellable = g_cancellable_new ();
  self->session = resell_capture_session_new ();
  resell_shot_list_set_session (self->shot_list, self->session);
  g_signal_connect_swapped (self->session, "notify::mode", G_CALLBACK (on_mode_changed), self);
  g_signal_connect_swapped (self->session, "notify::current-slot", G_CALLBACK (on_session_current_changed), self);
  g_signal_connect_swapped (self->session, "notify::current-extra-id", G_CALLBACK (on_session_current_changed), self);

  g_object_bind_property (self->opacity_adjustment, "value", self->stage, "onion-opacity",
                          G_BINDING_SYNC_CREATE);
  g_signal_connect_swapped (self->stage, "notify::onion-skin", G_CALLBACK (on_stage_notify), self);
  g_signal_connect_swapped (self->stage, "notify::live-view", G_CALLBACK (on_stage_notify), self);

  /* Capture phase: Space captures even when a button or a row has the
   * keyboard, and a pedal's key is never taken by the focused widget. */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  update_capturing (self);
  update_camera_status (self);
  update_actions (self);
}

void
resell_studio_set_app_context (ResellStudio      *self,
                               ResellSettings    *settings,
                               ResellThumbnailer *thumbnailer)
{
  g_return_if_fail (RESELL_IS_STUDIO (self));

  g_set_object (&self->settings, settings);
  resell_shot_list_set_thumbnailer (self->shot_list, thumbnailer);

  if (settings != NULL)
    {
      g_object_bind_property (settings, "onion-skin", self, "onion-skin",
                              G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
      g_object_bind_property (settings, "onion-skin-opacity", self->opacity_adjustment, "value",
                              G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
    }
}

void
resell_studio_set_context (ResellStudio   *self,
                           ResellCatalog  *catalog,
                           ResellImporter *importer)
{
  g_return_if_fail (RESELL_IS_STUDIO (self));

  g_set_object (&self->catalog, catalog);
  g_set_object (&self->importer, importer);
  resell_capture_session_set_context (self->session, catalog, importer);
}

void
resell_studio_open (ResellStudio        *self,
                    ResellItem          *item,
                    ResellCategory      *category,
                    ResellCameraMonitor *monitor)
{
  g_return_if_fail (RESELL_IS_STUDIO (self));
  g_return_if_fail (RESELL_IS_ITEM (item));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  /* The old item's rows are not the new one's choice. */
  self->choosing = TRUE;
  resell_capture_session_reset (self->session, item, category);
  self->active = TRUE;
  resell_shot_list_rebuild (self->shot_list);
  self->choosing = FALSE;
  update_rows (self);
  show_guidance (self);
  refresh_display (self);
  load_photos (self, TRUE);

  if (self->catalog != NULL && resell_item_get_category (item)[0] != '\0')
    resell_capture_session_find_onion_async (self->session, self->cancellable, onion_found_cb, self);

  if (self->monitor != monitor)
    {
      if (self->monitor != NULL)
        g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_set_object (&self->monitor, monitor);
      if (monitor != NULL)
        {
          g_signal_connect_swapped (monitor, "items-changed", G_CALLBACK (on_cameras_changed), self);
          g_signal_connect_swapped (monitor, "notify::scanning", G_CALLBACK (refresh_camera), self);
          g_signal_connect_swapped (monitor, "notify::n-connected", G_CALLBACK (refresh_camera), self);
        }
    }

  /* Coming back after a failure is a new try. */
  g_clear_error (&self->connect_error);
  refresh_camera (self);
  update_camera_status (self);

  /* The keys of the studio work while the keyboard is in it. */
  if (!gtk_widget_grab_focus (GTK_WIDGET (self->capture_button)) && current_row (self) != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (current_row (self)));
}

void
resell_studio_close (ResellStudio *self)
{
  g_return_if_fail (RESELL_IS_STUDIO (self));

  self->active = FALSE;
  resell_studio_stage_set_live_view (self->stage, FALSE);
  resell_capture_session_set_mode (self->session, RESELL_CAPTURE_MODE_NEXT);
  sync_download_dir (self);
  /* Reads for the item stop; photos on their way are still attached. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

ResellItem *
resell_studio_get_item (ResellStudio *self)
{
  g_return_val_if_fail (RESELL_IS_STUDIO (self), NULL);
  return get_item (self);
}
