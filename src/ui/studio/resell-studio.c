/* resell-studio.c — the tethered studio
 *
 * The studio never talks to libgphoto2 or SQLite itself: the camera's own
 * thread (ResellCamera) takes and downloads photos, the importer attaches
 * them to their shot and checks them on a worker, and the catalog is read
 * on workers.  On the UI thread an arriving photo costs setting a texture
 * that was decoded elsewhere.
 *
 * The camera and arriving shots are in resell-studio-camera.c, the actions
 * and keys in resell-studio-actions.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-studio"

#include "config.h"

#include <glib/gi18n.h>

#include "studio/resell-studio-private.h"
#include "common/resell-ui-util.h"

G_DEFINE_FINAL_TYPE (ResellStudio, resell_studio, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_ONION_SKIN,
  PROP_LIVE_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

ResellItem *
_resell_studio_get_item (ResellStudio *self)
{
  return resell_capture_session_get_item (self->session);
}

static ResellShotPlan *
get_plan (ResellStudio *self)
{
  return resell_capture_session_get_plan (self->session);
}

const char *
_resell_studio_get_originals_dir (ResellStudio *self)
{
  return resell_capture_session_get_originals_dir (self->session);
}

/* Messages */

/* Stays until dismissed: for what went wrong. */
void
_resell_studio_show_message (ResellStudio *self,
                             const char   *message)
{
  if (!resell_ui_show_message (GTK_WIDGET (self), message))
    g_message ("%s", message);
}

/* The shots */

ResellShotRow *
_resell_studio_current_row (ResellStudio *self)
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

  if (_resell_studio_get_item (self) == NULL)
    return;

  name = resell_item_dup_display_title (_resell_studio_get_item (self));
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
  const ResellShot *shot = shot_for_row (self, _resell_studio_current_row (self));

  if (shot != NULL)
    {
      gtk_label_set_label (self->shot_title_label, shot->label);
      gtk_label_set_label (self->guidance_label, shot->guidance);
    }
  else if (_resell_studio_current_row (self) != NULL)
    {
      gtk_label_set_label (self->shot_title_label, resell_shot_row_get_label (_resell_studio_current_row (self)));
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

void
_resell_studio_update_empty_page (ResellStudio *self)
{
  const ResellShot *shot = shot_for_row (self, _resell_studio_current_row (self));

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

void
_resell_studio_refresh_display (ResellStudio *self)
{
  ResellStudioStageScene scene = { NULL, };
  const char *slot = _resell_studio_current_row (self) ? resell_shot_row_get_shot_id (_resell_studio_current_row (self)) : NULL;
  ResellPhoto *last_capture = resell_capture_session_get_last_capture (self->session);

  if (_resell_studio_get_item (self) == NULL)
    return;

  scene.photo = resell_shot_list_photo_for_row (self->shot_list, _resell_studio_current_row (self));
  scene.pending_path = resell_capture_session_get_pending_path (self->session);
  if (last_capture != NULL)
    {
      ResellShotRow *row = resell_shot_list_row_for_photo (self->shot_list, last_capture);

      scene.last_photo = last_capture;
      scene.last_label = row ? resell_shot_row_get_label (row) : NULL;
    }
  scene.onion_photo = resell_capture_session_get_onion (self->session, slot);

  resell_studio_stage_set_scene (self->stage, &scene);
  _resell_studio_update_empty_page (self);
  update_check_panel (self);
}

/* Rows */

void
_resell_studio_update_rows (ResellStudio *self)
{
  resell_shot_list_update (self->shot_list, self->cancellable);
  update_title (self);
  _resell_studio_update_actions (self);
}

/* Another shot chosen in the list, by the person or the studio: the
 * session's choice follows. */
static void
on_current_changed (ResellStudio *self)
{
  ResellShotRow *row = _resell_studio_current_row (self);
  const char *slot = row ? resell_shot_row_get_shot_id (row) : NULL;

  self->choosing = TRUE;
  resell_capture_session_set_current (self->session, slot,
                                      row != NULL && slot == NULL ? resell_shot_row_get_photo_id (row) : 0);
  self->choosing = FALSE;

  show_guidance (self);
  _resell_studio_refresh_display (self);
  _resell_studio_update_actions (self);
}

/* Actions and modes */

void
_resell_studio_update_actions (ResellStudio *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  ResellPhoto *photo = resell_shot_list_photo_for_row (self->shot_list, _resell_studio_current_row (self));
  gboolean camera_ready = self->camera != NULL &&
                          resell_camera_get_state (self->camera) >= RESELL_CAMERA_STATE_READY;
  int index = resell_shot_plan_photo_index (get_plan (self), photo);

  gtk_widget_action_set_enabled (widget, "studio.capture",
                                 camera_ready && _resell_studio_get_item (self) != NULL && _resell_studio_get_originals_dir (self) != NULL);
  gtk_widget_action_set_enabled (widget, "studio.retake",
                                 photo != NULL || resell_capture_session_get_last_capture (self->session) != NULL);
  gtk_widget_action_set_enabled (widget, "studio.skip", _resell_studio_current_row (self) != NULL);
  gtk_widget_action_set_enabled (widget, "studio.move-earlier", index > 0);
  gtk_widget_action_set_enabled (widget, "studio.move-later",
                                 index >= 0 &&
                                 (guint) index + 1 < resell_shot_plan_get_n_photos (get_plan (self)));
  gtk_widget_action_set_enabled (widget, "studio.cancel-mode",
                                 resell_capture_session_get_mode (self->session) != RESELL_CAPTURE_MODE_NEXT);
  gtk_widget_action_set_enabled (widget, "studio.import", _resell_studio_get_item (self) != NULL && self->importer != NULL);
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
    case RESELL_CAPTURE_MODE_FLAW_CLOSEUP:
      text = g_strdup (_("The next photo is the close-up of a flaw"));
      break;
    case RESELL_CAPTURE_MODE_NEXT:
    default:
      break;
    }

  if (text != NULL)
    gtk_label_set_label (self->mode_label, text);
  gtk_revealer_set_reveal_child (self->mode_revealer, text != NULL);
  _resell_studio_update_actions (self);
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
  _resell_studio_update_rows (self);
  if (slot != NULL)
    row = resell_shot_list_row_for_slot (self->shot_list, slot);
  else if (photo != NULL)
    row = resell_shot_list_row_for_photo (self->shot_list, photo);
  if (row != NULL)
    resell_shot_list_select (self->shot_list, row);
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
        _resell_studio_show_message (self, error->message);
      return;
    }

  _resell_studio_sync_download_dir (self);
  _resell_studio_update_rows (self);
  if (first)
    resell_shot_list_select_first_unfilled (self->shot_list);
  show_guidance (self);
  _resell_studio_refresh_display (self);
}

void
_resell_studio_load_photos (ResellStudio *self,
                            gboolean      first)
{
  LoadJob *job;

  if (_resell_studio_get_item (self) == NULL || self->catalog == NULL)
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

  _resell_studio_refresh_display (self);
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

/* "Close-up of a Flaw": the item's flaws in the studio menu, each arming
 * studio.flaw-closeup, so a close-up can be chosen without the flaw window. */

static void
flaws_listed_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(ResellStudio) self = user_data;
  g_autoptr(GPtrArray) flaws = NULL;
  g_autoptr(GError) error = NULL;
  ResellCategory *category;

  flaws = resell_catalog_list_flaws_finish (RESELL_CATALOG (object), result, &error);
  if (flaws == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not list the item’s flaws: %s", error->message);
      return;
    }
  if (self->flaws_menu == NULL)
    return;

  category = resell_capture_session_get_category (self->session);
  g_menu_remove_all (self->flaws_menu);
  for (guint i = 0; i < flaws->len; i++)
    {
      ResellFlaw *flaw = g_ptr_array_index (flaws, i);
      const ResellFlawType *type = category != NULL ? resell_category_find_flaw_type (category, resell_flaw_get_type_id (flaw)) : NULL;
      const char *type_label = type != NULL ? type->label : resell_flaw_get_type_id (flaw);
      const char *severity = resell_flaw_severity_get_label (resell_flaw_get_severity (flaw));
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *label = NULL;

      /* The number is the one the flaw window draws beside it. */
      if (resell_flaw_get_detail_photo_id (flaw) != 0)
        /* Translators: a flaw in the studio's "Close-up of a Flaw" menu, which has its close-up already */
        label = g_strdup_printf (_("%u. %s, %s (has a close-up)"), i + 1, type_label, severity);
      else
        /* Translators: a flaw in the studio's "Close-up of a Flaw" menu: "2. Stain, Major" */
        label = g_strdup_printf (_("%u. %s, %s"), i + 1, type_label, severity);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "studio.flaw-closeup",
                                               g_variant_new_int64 (resell_flaw_get_id (flaw)));
      g_menu_append_item (self->flaws_menu, item);
    }
}

static void
reload_flaws (ResellStudio *self)
{
  ResellItem *item = resell_capture_session_get_item (self->session);

  g_cancellable_cancel (self->flaws_cancellable);
  g_clear_object (&self->flaws_cancellable);
  if (self->flaws_menu != NULL)
    g_menu_remove_all (self->flaws_menu);
  if (self->catalog == NULL || item == NULL || resell_item_get_id (item) <= 0)
    return;

  self->flaws_cancellable = g_cancellable_new ();
  resell_catalog_list_flaws_async (self->catalog, resell_item_get_id (item), self->flaws_cancellable,
                                   flaws_listed_cb, g_object_ref (self));
}

static void
on_flaws_changed (ResellStudio *self,
                  gint64        item_id)
{
  ResellItem *item = resell_capture_session_get_item (self->session);

  if (item != NULL && resell_item_get_id (item) == item_id)
    reload_flaws (self);
}

/* Life */

static void
resell_studio_dispose (GObject *object)
{
  ResellStudio *self = (ResellStudio *)object;

  _resell_studio_adopt_camera (self, NULL);
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->attach_cancellable);
  g_cancellable_cancel (self->connect_cancellable);
  g_cancellable_cancel (self->flaws_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), RESELL_TYPE_STUDIO);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->attach_cancellable);
  g_clear_object (&self->connect_cancellable);
  g_clear_object (&self->flaws_cancellable);
  g_clear_object (&self->monitor);
  g_clear_object (&self->importer);
  g_clear_object (&self->catalog);
  g_clear_object (&self->settings);
  g_clear_error (&self->connect_error);
  g_clear_object (&self->label_item);
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
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, label_revealer);
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, label_offer_label);
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, label_keep_button);
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, label_switch_button);
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
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, flaws_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_current_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_settings_popover_show);
  gtk_widget_class_bind_template_callback (widget_class, on_camera_controls_error);
  gtk_widget_class_bind_template_callback (widget_class, on_stage_toast);
  gtk_widget_class_bind_template_callback (widget_class, update_check_panel);
  gtk_widget_class_bind_template_callback_full (widget_class, "update_actions",
                                                G_CALLBACK (_resell_studio_update_actions));

  _resell_studio_class_actions_init (klass);
  _resell_studio_class_label_init (klass);
}

static void
resell_studio_init (ResellStudio *self)
{
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

  _resell_studio_actions_init (self);
  _resell_studio_label_init (self);

  _resell_studio_update_capturing (self);
  _resell_studio_update_camera_status (self);
  _resell_studio_update_actions (self);
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

  if (self->catalog != NULL)
    g_signal_handlers_disconnect_by_func (self->catalog, on_flaws_changed, self);
  g_set_object (&self->catalog, catalog);
  g_set_object (&self->importer, importer);
  resell_capture_session_set_context (self->session, catalog, importer);
  if (catalog != NULL)
    g_signal_connect_object (catalog, "flaws-changed", G_CALLBACK (on_flaws_changed), self, G_CONNECT_SWAPPED);
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
  _resell_studio_label_reset (self);
  self->active = TRUE;
  resell_shot_list_rebuild (self->shot_list);
  self->choosing = FALSE;
  _resell_studio_update_rows (self);
  show_guidance (self);
  _resell_studio_refresh_display (self);
  _resell_studio_load_photos (self, TRUE);
  reload_flaws (self);

  if (self->catalog != NULL && resell_item_get_category (item)[0] != '\0')
    resell_capture_session_find_onion_async (self->session, self->cancellable, onion_found_cb, self);

  if (self->monitor != monitor)
    {
      if (self->monitor != NULL)
        g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_set_object (&self->monitor, monitor);
      if (monitor != NULL)
        {
          g_signal_connect_swapped (monitor, "items-changed", G_CALLBACK (_resell_studio_on_cameras_changed), self);
          g_signal_connect_swapped (monitor, "notify::scanning", G_CALLBACK (_resell_studio_refresh_camera), self);
          g_signal_connect_swapped (monitor, "notify::n-connected", G_CALLBACK (_resell_studio_refresh_camera), self);
        }
    }

  /* Coming back after a failure is a new try. */
  g_clear_error (&self->connect_error);
  _resell_studio_refresh_camera (self);
  _resell_studio_update_camera_status (self);

  /* The keys of the studio work while the keyboard is in it. */
  if (!gtk_widget_grab_focus (GTK_WIDGET (self->capture_button)) && _resell_studio_current_row (self) != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (_resell_studio_current_row (self)));
}

void
resell_studio_close (ResellStudio *self)
{
  g_return_if_fail (RESELL_IS_STUDIO (self));

  self->active = FALSE;
  resell_studio_stage_set_live_view (self->stage, FALSE);
  resell_capture_session_set_mode (self->session, RESELL_CAPTURE_MODE_NEXT);
  _resell_studio_sync_download_dir (self);
  /* Reads for the item stop; photos on their way are still attached. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

ResellItem *
resell_studio_get_item (ResellStudio *self)
{
  g_return_val_if_fail (RESELL_IS_STUDIO (self), NULL);
  return _resell_studio_get_item (self);
}
