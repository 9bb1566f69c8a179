/* resell-camera-setting.c — one camera setting, as the camera reported it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-camera-setting"

#include "config.h"

#include "camera/resell-camera-setting.h"

struct _ResellCameraSetting
{
  GObject                  parent_instance;

  char                    *name;
  char                    *role;
  char                    *label;
  char                    *value;
  GStrv                    choices;
  ResellCameraSettingKind  kind;
  gboolean                 read_only;
};

G_DEFINE_FINAL_TYPE (ResellCameraSetting, resell_camera_setting, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_ROLE,
  PROP_LABEL,
  PROP_KIND,
  PROP_VALUE,
  PROP_READ_ONLY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
resell_camera_setting_finalize (GObject *object)
{
  ResellCameraSetting *self = (ResellCameraSetting *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->role, g_free);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->value, g_free);
  g_clear_pointer (&self->choices, g_strfreev);

  G_OBJECT_CLASS (resell_camera_setting_parent_class)->finalize (object);
}

static void
resell_camera_setting_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ResellCameraSetting *self = RESELL_CAMERA_SETTING (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_ROLE:
      g_value_set_string (value, self->role);
      break;

    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;

    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;

    case PROP_VALUE:
      g_value_set_string (value, self->value);
      break;

    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_camera_setting_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  ResellCameraSetting *self = RESELL_CAMERA_SETTING (object);

  switch (prop_id)
    {
    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;

    case PROP_ROLE:
      self->role = g_value_dup_string (value);
      break;

    case PROP_LABEL:
      self->label = g_value_dup_string (value);
      break;

    case PROP_KIND:
      self->kind = g_value_get_int (value);
      break;

    case PROP_VALUE:
      self->value = g_value_dup_string (value);
      break;

    case PROP_READ_ONLY:
      self->read_only = g_value_get_boolean (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_camera_setting_class_init (ResellCameraSettingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = resell_camera_setting_finalize;
  object_class->get_property = resell_camera_setting_get_property;
  object_class->set_property = resell_camera_setting_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ROLE] =
    g_param_spec_string ("role", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* An int rather than an enum type: the kind has no GType of its own in
   * the header, and nothing needs to introspect it. */
  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL,
                      RESELL_CAMERA_SETTING_CHOICE, RESELL_CAMERA_SETTING_RANGE,
                      RESELL_CAMERA_SETTING_TEXT,
                      (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_VALUE] =
    g_param_spec_string ("value", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
resell_camera_setting_init (ResellCameraSetting *self)
{
  self->choices = g_new0 (char *, 1);
}

ResellCameraSetting *
resell_camera_setting_new (const char              *name,
                           const char              *role,
                           const char              *label,
                           ResellCameraSettingKind  kind,
                           const char              *value,
                           gboolean                 read_only)
{
  g_return_val_if_fail (name != NULL, NULL);

  return g_object_new (RESELL_TYPE_CAMERA_SETTING,
                       "name", name,
                       "role", role != NULL ? role : name,
                       "label", label,
                       "kind", (int)kind,
                       "value", value,
                       "read-only", read_only,
                       NULL);
}

void
resell_camera_setting_set_choices (ResellCameraSetting *self,
                                   const char * const  *choices)
{
  g_return_if_fail (RESELL_IS_CAMERA_SETTING (self));

  g_strfreev (self->choices);
  self->choices = choices != NULL ? g_strdupv ((char **)choices) : g_new0 (char *, 1);
}

const char *
resell_camera_setting_get_name (ResellCameraSetting *self)
{
  g_return_val_if_fail (RESELL_IS_CAMERA_SETTING (self), NULL);

  return self->name;
}

const char *
resell_camera_setting_get_role (ResellCameraSetting *self)
{
  g_return_val_if_fail (RESELL_IS_CAMERA_SETTING (self), NULL);

  return self->role;
}

const char *
resell_camera_setting_get_label (ResellCameraSetting *self)
{
  g_return_val_if_fail (RESELL_IS_CAMERA_SETTING (self), NULL);

  return self->label;
}

ResellCameraSettingKind
resell_camera_setting_get_kind (ResellCameraSetting *self)
{
  g_return_val_if_fail (RESELL_IS_CAMERA_SETTING (self), RESELL_CAMERA_SETTING_TEXT);

  return self->kind;
}

const char *
resell_camera_setting_get_value (ResellCameraSetting *self)
{
  g_return_val_if_fail (RESELL_IS_CAMERA_SETTING (self), NULL);

  return self->value;
}

gboolean
resell_camera_setting_get_read_only (ResellCameraSetting *self)
{
  g_return_val_if_fail (RESELL_IS_CAMERA_SETTING (self), FALSE);

  return self->read_only;
}

const char * const *
resell_camera_setting_get_choices (ResellCameraSetting *self)
{
  g_return_val_if_fail (RESELL_IS_CAMERA_SETTING (self), NULL);

  return (const char * const *)self->choices;
}
