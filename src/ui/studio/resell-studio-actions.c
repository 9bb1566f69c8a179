/* resell-studio-actions.c — the studio's "studio." actions (capture,
 * retake, skip, reorder, import…), dropped files and the keys
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-studio"

#include "config.h"

#include <glib/gi18n.h>

#include "studio/resell-studio-private.h"
#include "common/resell-ui-util.h"

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

/* "Close-up of this flaw" (the flaw window's button, with the flaw's id):
 * the next photo becomes that flaw's detail shot. */
static void
flaw_closeup_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  ResellStudio *self = RESELL_STUDIO (widget);
  gint64 flaw_id = g_variant_get_int64 (param);

  if (flaw_id > 0)
    resell_capture_session_arm_flaw_closeup (self->session, flaw_id);
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
  ResellShotRow *next = resell_shot_list_next_unfilled (self->shot_list, _resell_studio_current_row (self));

  if (next == NULL && _resell_studio_current_row (self) != NULL)
    {
      next = resell_shot_list_get_row (self->shot_list,
                                       gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (_resell_studio_current_row (self))) + 1);
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
  int index = _resell_studio_current_row (self) ? gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (_resell_studio_current_row (self))) : -1;
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
    _resell_studio_show_message (self, error->message);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  ResellStudio *self = RESELL_STUDIO (widget);
  ResellPhoto *photo = resell_shot_list_photo_for_row (self->shot_list, _resell_studio_current_row (self));

  if (photo == NULL || self->catalog == NULL)
    return;

  resell_capture_session_move_photo_async (self->session, photo,
                                           g_str_equal (action_name, "studio.move-earlier") ? -1 : 1,
                                           self->attach_cancellable, move_done_cb, g_object_ref (self));
  _resell_studio_update_rows (self);
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
  _resell_studio_update_capturing (self);

  if (shot == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _resell_studio_show_message (self, error->message);
      return;
    }

  /* Saved into an item the studio has left meanwhile: attach it there. */
  if (_resell_studio_get_item (self) == NULL || resell_item_get_id (_resell_studio_get_item (self)) != item_id)
    {
      g_message ("A photo arrived for an item no longer shown: %s", resell_camera_shot_get_path (shot));
      return;
    }

  _resell_studio_handle_shot (self, shot);
}

static void
capture_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  ResellStudio *self = RESELL_STUDIO (widget);
  CaptureJob *job;

  if (_resell_studio_get_item (self) == NULL || _resell_studio_get_originals_dir (self) == NULL)
    return;

  if (self->camera == NULL || resell_camera_get_state (self->camera) < RESELL_CAMERA_STATE_READY)
    {
      resell_ui_show_toast (GTK_WIDGET (self), _("No camera is connected"));
      return;
    }

  job = g_new0 (CaptureJob, 1);
  job->self = g_object_ref (self);
  job->item_id = resell_item_get_id (_resell_studio_get_item (self));
  self->n_capturing++;
  _resell_studio_update_capturing (self);
  resell_camera_capture_async (self->camera, _resell_studio_get_originals_dir (self), self->attach_cancellable,
                               capture_done_cb, job);
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
  _resell_studio_connect_camera (self);
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
        _resell_studio_show_message (self, error->message);
      return;
    }

  resell_ui_count_import_results (results, &imported, NULL, failures);
  if (failures->len > 0)
    _resell_studio_show_message (self, failures->str);
  else if (imported > 0)
    {
      g_autofree char *message = resell_ui_format_imported (imported, 0);

      resell_ui_show_toast (GTK_WIDGET (self), message);
    }

  if (_resell_studio_get_item (self) != NULL && !g_cancellable_is_cancelled (self->cancellable))
    _resell_studio_load_photos (self, TRUE);
}

static void
import_files (GtkWidget *widget,
              GPtrArray *files)
{
  ResellStudio *self = RESELL_STUDIO (widget);

  if (_resell_studio_get_item (self) == NULL || self->importer == NULL || files->len == 0)
    return;

  resell_importer_import_async (self->importer, _resell_studio_get_item (self),
                                resell_capture_session_get_category (self->session), files,
                                self->attach_cancellable, import_done_cb, g_object_ref (self));
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  if (_resell_studio_get_item (RESELL_STUDIO (widget)) != NULL)
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
        /* The label offer first: it is the newest thing on screen. */
        if (_resell_studio_label_offer_shown (self))
          action = "studio.keep-shooting";
        else
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


void
_resell_studio_class_actions_init (ResellStudioClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "studio.capture", NULL, capture_action);
  gtk_widget_class_install_action (widget_class, "studio.retake", NULL, retake_action);
  gtk_widget_class_install_action (widget_class, "studio.skip", NULL, skip_action);
  gtk_widget_class_install_action (widget_class, "studio.extra", NULL, extra_action);
  gtk_widget_class_install_action (widget_class, "studio.cancel-mode", NULL, cancel_mode_action);
  gtk_widget_class_install_action (widget_class, "studio.flaw-closeup", "x", flaw_closeup_action);
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

void
_resell_studio_actions_init (ResellStudio *self)
{
  GtkEventController *keys;
  GtkDropTarget *drop;

  /* Capture phase: Space captures even when a button or a row has the
   * keyboard, and a pedal's key is never taken by the focused widget. */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}
