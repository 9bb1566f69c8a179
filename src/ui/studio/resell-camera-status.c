/* resell-camera-status.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-camera-status"

#include "config.h"

#include <glib/gi18n.h>

#include "studio/resell-camera-status.h"

struct _ResellCameraStatus
{
  GtkBox    parent_instance;

  /* Template children */
  GtkImage *camera_icon;
  GtkLabel *camera_model_label;
  GtkLabel *camera_state_label;
  GtkLabel *camera_details_label;
};

G_DEFINE_FINAL_TYPE (ResellCameraStatus, resell_camera_status, GTK_TYPE_BOX)

/* "Battery 50% · 212 photos left · 12.3 GB free", or NULL when the camera
 * says none of it. */
static char *
dup_details (ResellCamera *camera)
{
  const char *battery = resell_camera_get_battery_level (camera);
  gint64 free_bytes = resell_camera_get_free_bytes (camera);
  int free_images = resell_camera_get_free_images (camera);
  g_autoptr(GString) text = g_string_new (NULL);

  if (battery != NULL && battery[0] != '\0')
    /* Translators: %s is a battery level as the camera says it, e.g. "50%" */
    g_string_append_printf (text, _("Battery %s"), battery);
  if (free_images >= 0)
    {
      if (text->len > 0)
        g_string_append (text, " · ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%d photo left", "%d photos left",
                                                 free_images),
                              free_images);
    }
  if (free_bytes >= 0)
    {
      g_autofree char *size = g_format_size (free_bytes);

      if (text->len > 0)
        g_string_append (text, " · ");
      /* Translators: %s is a size, e.g. "12.3 GB" */
      g_string_append_printf (text, _("%s free"), size);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

void
resell_camera_status_update (ResellCameraStatus *self,
                             ResellCamera       *camera,
                             gboolean            connecting)
{
  ResellCameraState state = camera ? resell_camera_get_state (camera) : RESELL_CAMERA_STATE_DISCONNECTED;
  g_autofree char *details = NULL;
  const char *state_text;

  g_return_if_fail (RESELL_IS_CAMERA_STATUS (self));
  g_return_if_fail (camera == NULL || RESELL_IS_CAMERA (camera));

  if (camera == NULL)
    {
      gtk_label_set_label (self->camera_model_label, _("No camera"));
      state_text = "";
    }
  else
    {
      gtk_label_set_label (self->camera_model_label, resell_camera_get_model (camera));

      switch (state)
        {
        case RESELL_CAMERA_STATE_READY:
          state_text = _("Ready");
          break;
        case RESELL_CAMERA_STATE_BUSY:
          state_text = _("Busy");
          break;
        case RESELL_CAMERA_STATE_CONNECTING:
          state_text = _("Connecting…");
          break;
        case RESELL_CAMERA_STATE_DISCONNECTED:
        default:
          state_text = connecting ? _("Connecting…") : _("Not connected");
          break;
        }

      if (state >= RESELL_CAMERA_STATE_READY)
        details = dup_details (camera);
    }

  gtk_label_set_label (self->camera_state_label, state_text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->camera_state_label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->camera_state_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->camera_state_label),
                            state >= RESELL_CAMERA_STATE_READY ? "success" : "dim-label");
  gtk_label_set_label (self->camera_details_label, details ? details : "");
  gtk_widget_set_visible (GTK_WIDGET (self->camera_details_label), details != NULL && details[0] != '\0');
  gtk_image_set_from_icon_name (self->camera_icon,
                                state >= RESELL_CAMERA_STATE_READY ? "camera-photo-symbolic" : "camera-disabled-symbolic");
}

static void
resell_camera_status_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RESELL_TYPE_CAMERA_STATUS);

  G_OBJECT_CLASS (resell_camera_status_parent_class)->dispose (object);
}

static void
resell_camera_status_class_init (ResellCameraStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = resell_camera_status_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Resell/ui/resell-camera-status.ui");
  gtk_widget_class_bind_template_child (widget_class, ResellCameraStatus, camera_icon);
  gtk_widget_class_bind_template_child (widget_class, ResellCameraStatus, camera_model_label);
  gtk_widget_class_bind_template_child (widget_class, ResellCameraStatus, camera_state_label);
  gtk_widget_class_bind_template_child (widget_class, ResellCameraStatus, camera_details_label);
}

static void
resell_camera_status_init (ResellCameraStatus *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
