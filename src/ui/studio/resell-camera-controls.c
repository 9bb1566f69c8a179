/* resell-camera-controls.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-camera-controls"

#include "config.h"

#include <glib/gi18n.h>

#include "studio/resell-camera-controls.h"

struct _ResellCameraControls
{
  GtkBox        parent_instance;

  ResellCamera *camera;
  GCancellable *cancellable;   /* reads and writes for the camera shown */
  gboolean      loading;       /* rows being filled in: not the person's choice */

  /* Template children */
  GtkStack     *stack;
  GtkListBox   *list;
  GtkLabel     *empty_label;
};

G_DEFINE_FINAL_TYPE (ResellCameraControls, resell_camera_controls, GTK_TYPE_BOX)

enum { SIGNAL_ERROR, N_SIGNALS };
static guint signals[N_SIGNALS];

static const char *
role_label (ResellCameraSetting *setting)
{
  const char *role = resell_camera_setting_get_role (setting);

  if (g_strcmp0 (role, "iso") == 0)
    return _("ISO");
  if (g_strcmp0 (role, "aperture") == 0)
    return _("Aperture");
  if (g_strcmp0 (role, "shutter-speed") == 0)
    return _("Shutter Speed");
  if (g_strcmp0 (role, "white-balance") == 0)
    return _("White Balance");
  if (g_strcmp0 (role, "image-format") == 0)
    return _("Image Format");
  return resell_camera_setting_get_label (setting);
}

typedef struct
{
  ResellCameraControls *self;
  GtkWidget            *row;
} WriteJob;

static void
write_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  WriteJob *job = user_data;
  g_autoptr(GError) error = NULL;

  if (!resell_camera_set_setting_finish (RESELL_CAMERA (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Not cancelled: the controls still show this camera.  Show the
       * value the camera really has again. */
      g_signal_emit (job->self, signals[SIGNAL_ERROR], 0, error->message);
      resell_camera_controls_refresh (job->self);
    }

  g_object_unref (job->row);
  g_object_unref (job->self);
  g_free (job);
}

static void
write_value (ResellCameraControls *self,
             GtkWidget            *row,
             const char           *value)
{
  const char *name = g_object_get_data (G_OBJECT (row), "setting-name");
  WriteJob *job;

  if (self->loading || self->camera == NULL || name == NULL || value == NULL)
    return;

  job = g_new0 (WriteJob, 1);
  job->self = g_object_ref (self);
  job->row = g_object_ref (row);
  resell_camera_set_setting_async (self->camera, name, value, self->cancellable, write_done_cb, job);
}

static void
on_choice_selected (AdwComboRow          *row,
                    GParamSpec           *pspec,
                    ResellCameraControls *self)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (row);

  if (item != NULL)
    write_value (self, GTK_WIDGET (row), gtk_string_object_get_string (item));
}

static void
on_toggle_active (GtkSwitch            *toggle,
                  GParamSpec           *pspec,
                  ResellCameraControls *self)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (toggle), "row");

  write_value (self, row, gtk_switch_get_active (toggle) ? "1" : "0");
}

static void
on_entry_apply (AdwEntryRow          *row,
                ResellCameraControls *self)
{
  write_value (self, GTK_WIDGET (row), gtk_editable_get_text (GTK_EDITABLE (row)));
}

static GtkWidget *
create_row (ResellCameraControls *self,
            ResellCameraSetting  *setting)
{
  const char *value = resell_camera_setting_get_value (setting);
  const char *label = role_label (setting);
  GtkWidget *row;

  if (resell_camera_setting_get_read_only (setting))
    {
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value ? value : "");
      gtk_widget_set_tooltip_text (row, _("The camera does not let this be changed now"));
      return row;
    }

  switch (resell_camera_setting_get_kind (setting))
    {
    case RESELL_CAMERA_SETTING_CHOICE:
      {
        const char * const *choices = resell_camera_setting_get_choices (setting);
        g_autoptr(GtkStringList) model = gtk_string_list_new (choices);
        guint selected = GTK_INVALID_LIST_POSITION;

        for (guint i = 0; choices != NULL && choices[i] != NULL; i++)
          if (g_strcmp0 (choices[i], value) == 0)
            selected = i;

        row = adw_combo_row_new ();
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
        adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
        adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
        g_signal_connect (row, "notify::selected", G_CALLBACK (on_choice_selected), self);
      }
      break;

    case RESELL_CAMERA_SETTING_TOGGLE:
      {
        GtkWidget *toggle = gtk_switch_new ();

        row = adw_action_row_new ();
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
        gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
        gtk_switch_set_active (GTK_SWITCH (toggle), g_strcmp0 (value, "1") == 0);
        gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
        adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
        g_object_set_data (G_OBJECT (toggle), "row", row);
        g_signal_connect (toggle, "notify::active", G_CALLBACK (on_toggle_active), self);
      }
      break;

    case RESELL_CAMERA_SETTING_TEXT:
    case RESELL_CAMERA_SETTING_RANGE:
    default:
      row = adw_entry_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
      gtk_editable_set_text (GTK_EDITABLE (row), value ? value : "");
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
      g_signal_connect (row, "apply", G_CALLBACK (on_entry_apply), self);
      break;
    }

  return row;
}

static void
clear_rows (ResellCameraControls *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))))
    gtk_list_box_remove (self->list, child);
}

static void
show_empty (ResellCameraControls *self,
            const char           *message)
{
  clear_rows (self);
  gtk_label_set_label (self->empty_label, message);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
settings_listed_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(ResellCameraControls) self = user_data;
  g_autoptr(GPtrArray) settings = NULL;
  g_autoptr(GError) error = NULL;

  settings = resell_camera_list_settings_finish (RESELL_CAMERA (object), result, &error);
  if (settings == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      show_empty (self, error->message);
      return;
    }

  if (settings->len == 0)
    {
      show_empty (self, _("This camera offers none of the settings Resell knows. Change them on the camera."));
      return;
    }

  self->loading = TRUE;
  clear_rows (self);
  for (guint i = 0; i < settings->len; i++)
    {
      ResellCameraSetting *setting = g_ptr_array_index (settings, i);
      GtkWidget *row = create_row (self, setting);

      g_object_set_data_full (G_OBJECT (row), "setting-name",
                              g_strdup (resell_camera_setting_get_name (setting)), g_free);
      gtk_list_box_append (self->list, row);
    }
  self->loading = FALSE;

  gtk_stack_set_visible_child_name (self->stack, "settings");
}

void
resell_camera_controls_refresh (ResellCameraControls *self)
{
  g_return_if_fail (RESELL_IS_CAMERA_CONTROLS (self));

  if (self->camera == NULL || resell_camera_get_state (self->camera) == RESELL_CAMERA_STATE_DISCONNECTED ||
      resell_camera_get_state (self->camera) == RESELL_CAMERA_STATE_CONNECTING)
    {
      show_empty (self, _("Connect a camera to change its settings here."));
      return;
    }

  if (gtk_widget_get_first_child (GTK_WIDGET (self->list)) == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");

  resell_camera_list_settings_async (self->camera, self->cancellable, settings_listed_cb, g_object_ref (self));
}

void
resell_camera_controls_set_camera (ResellCameraControls *self,
                                   ResellCamera         *camera)
{
  g_return_if_fail (RESELL_IS_CAMERA_CONTROLS (self));
  g_return_if_fail (camera == NULL || RESELL_IS_CAMERA (camera));

  if (self->camera == camera)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_set_object (&self->camera, camera);
  clear_rows (self);
  show_empty (self, _("Connect a camera to change its settings here."));
}

static void
resell_camera_controls_dispose (GObject *object)
{
  ResellCameraControls *self = (ResellCameraControls *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->camera);
  gtk_widget_dispose_template (GTK_WIDGET (self), RESELL_TYPE_CAMERA_CONTROLS);

  G_OBJECT_CLASS (resell_camera_controls_parent_class)->dispose (object);
}

static void
resell_camera_controls_class_init (ResellCameraControlsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = resell_camera_controls_dispose;

  signals[SIGNAL_ERROR] = g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Resell/ui/resell-camera-controls.ui");
  gtk_widget_class_bind_template_child (widget_class, ResellCameraControls, stack);
  gtk_widget_class_bind_template_child (widget_class, ResellCameraControls, list);
  gtk_widget_class_bind_template_child (widget_class, ResellCameraControls, empty_label);
}

static void
resell_camera_controls_init (ResellCameraControls *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

ResellCameraControls *
resell_camera_controls_new (void)
{
  return g_object_new (RESELL_TYPE_CAMERA_CONTROLS, NULL);
}
