/* resell-camera-shot.c — a photo off the camera, saved complete
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-camera-shot"

#include "config.h"

#include "camera/resell-camera-shot.h"

struct _ResellCameraShot
{
  GObject   parent_instance;

  char     *path;
  char     *sha256;
  char     *companion_path;
  char     *camera_folder;
  char     *camera_name;
  gint64    arrived_at;
  gboolean  from_camera_shutter;
};

G_DEFINE_FINAL_TYPE (ResellCameraShot, resell_camera_shot, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_SHA256,
  PROP_COMPANION_PATH,
  PROP_CAMERA_FOLDER,
  PROP_CAMERA_NAME,
  PROP_FROM_CAMERA_SHUTTER,
  PROP_ARRIVED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
resell_camera_shot_finalize (GObject *object)
{
  ResellCameraShot *self = (ResellCameraShot *)object;

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->sha256, g_free);
  g_clear_pointer (&self->companion_path, g_free);
  g_clear_pointer (&self->camera_folder, g_free);
  g_clear_pointer (&self->camera_name, g_free);

  G_OBJECT_CLASS (resell_camera_shot_parent_class)->finalize (object);
}

static void
resell_camera_shot_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ResellCameraShot *self = RESELL_CAMERA_SHOT (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_SHA256:
      g_value_set_string (value, self->sha256);
      break;

    case PROP_COMPANION_PATH:
      g_value_set_string (value, self->companion_path);
      break;

    case PROP_CAMERA_FOLDER:
      g_value_set_string (value, self->camera_folder);
      break;

    case PROP_CAMERA_NAME:
      g_value_set_string (value, self->camera_name);
      break;

    case PROP_FROM_CAMERA_SHUTTER:
      g_value_set_boolean (value, self->from_camera_shutter);
      break;

    case PROP_ARRIVED_AT:
      g_value_set_int64 (value, self->arrived_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_camera_shot_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  ResellCameraShot *self = RESELL_CAMERA_SHOT (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;

    case PROP_SHA256:
      self->sha256 = g_value_dup_string (value);
      break;

    case PROP_COMPANION_PATH:
      self->companion_path = g_value_dup_string (value);
      break;

    case PROP_CAMERA_FOLDER:
      self->camera_folder = g_value_dup_string (value);
      break;

    case PROP_CAMERA_NAME:
      self->camera_name = g_value_dup_string (value);
      break;

    case PROP_FROM_CAMERA_SHUTTER:
      self->from_camera_shutter = g_value_get_boolean (value);
      break;

    case PROP_ARRIVED_AT:
      self->arrived_at = g_value_get_int64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_camera_shot_constructed (GObject *object)
{
  ResellCameraShot *self = (ResellCameraShot *)object;

  G_OBJECT_CLASS (resell_camera_shot_parent_class)->constructed (object);

  /* Stamped when made: a shot is made the moment its download finished. */
  if (self->arrived_at == 0)
    self->arrived_at = g_get_monotonic_time ();
}

static void
resell_camera_shot_class_init (ResellCameraShotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = resell_camera_shot_constructed;
  object_class->finalize = resell_camera_shot_finalize;
  object_class->get_property = resell_camera_shot_get_property;
  object_class->set_property = resell_camera_shot_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SHA256] =
    g_param_spec_string ("sha256", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_COMPANION_PATH] =
    g_param_spec_string ("companion-path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CAMERA_FOLDER] =
    g_param_spec_string ("camera-folder", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CAMERA_NAME] =
    g_param_spec_string ("camera-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_FROM_CAMERA_SHUTTER] =
    g_param_spec_boolean ("from-camera-shutter", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* Construct-only but settable, so a copy made elsewhere keeps the time
   * its file really arrived. */
  properties[PROP_ARRIVED_AT] =
    g_param_spec_int64 ("arrived-at", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
resell_camera_shot_init (ResellCameraShot *self)
{
}

ResellCameraShot *
resell_camera_shot_new (const char *path,
                        const char *sha256,
                        const char *companion_path,
                        const char *camera_folder,
                        const char *camera_name,
                        gboolean    from_camera_shutter)
{
  g_return_val_if_fail (path != NULL, NULL);

  return g_object_new (RESELL_TYPE_CAMERA_SHOT,
                       "path", path,
                       "sha256", sha256,
                       "companion-path", companion_path,
                       "camera-folder", camera_folder,
                       "camera-name", camera_name,
                       "from-camera-shutter", from_camera_shutter,
                       NULL);
}

const char *
resell_camera_shot_get_path (ResellCameraShot *self)
{
  g_return_val_if_fail (RESELL_IS_CAMERA_SHOT (self), NULL);

  return self->path;
}

const char *
resell_camera_shot_get_sha256 (ResellCameraShot *self)
{
  g_return_val_if_fail (RESELL_IS_CAMERA_SHOT (self), NULL);

  return self->sha256;
}

const char *
resell_camera_shot_get_companion_path (ResellCameraShot *self)
{
  g_return_val_if_fail (RESELL_IS_CAMERA_SHOT (self), NULL);

  return self->companion_path;
}

const char *
resell_camera_shot_get_camera_folder (ResellCameraShot *self)
{
  g_return_val_if_fail (RESELL_IS_CAMERA_SHOT (self), NULL);

  return self->camera_folder;
}

const char *
resell_camera_shot_get_camera_name (ResellCameraShot *self)
{
  g_return_val_if_fail (RESELL_IS_CAMERA_SHOT (self), NULL);

  return self->camera_name;
}

gboolean
resell_camera_shot_get_from_camera_shutter (ResellCameraShot *self)
{
  g_return_val_if_fail (RESELL_IS_CAMERA_SHOT (self), FALSE);

  return self->from_camera_shutter;
}

gint64
resell_camera_shot_get_arrived_at (ResellCameraShot *self)
{
  g_return_val_if_fail (RESELL_IS_CAMERA_SHOT (self), 0);

  return self->arrived_at;
}
