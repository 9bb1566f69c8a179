/* resell-photo.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-photo"

#include "config.h"

#include "catalog/resell-photo.h"

struct _ResellPhoto
{
  GObject  parent_instance;

  gint64   id;
  gint64   item_id;
  char    *slot;
  int      position;
  char    *path;
  char    *original_name;
  char    *sha256;
  int      width;
  int      height;
  gint64   captured_at;
  char    *camera_model;
  char    *checks;
  gint64   added_at;
  char    *edits;
};

G_DEFINE_FINAL_TYPE (ResellPhoto, resell_photo, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_ITEM_ID,
  PROP_SLOT,
  PROP_POSITION,
  PROP_PATH,
  PROP_ORIGINAL_NAME,
  PROP_SHA256,
  PROP_WIDTH,
  PROP_HEIGHT,
  PROP_CAPTURED_AT,
  PROP_CAMERA_MODEL,
  PROP_CHECKS,
  PROP_ADDED_AT,
  PROP_EDITS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
photo_set_string (ResellPhoto  *self,
                  char        **field,
                  const char   *value,
                  guint         prop_id)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
photo_set_int (ResellPhoto *self,
               int         *field,
               int          value,
               guint        prop_id)
{
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
photo_set_int64 (ResellPhoto *self,
                 gint64      *field,
                 gint64       value,
                 guint        prop_id)
{
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
resell_photo_finalize (GObject *object)
{
  ResellPhoto *self = (ResellPhoto *)object;

  g_free (self->slot);
  g_free (self->path);
  g_free (self->original_name);
  g_free (self->sha256);
  g_free (self->camera_model);
  g_free (self->checks);
  g_free (self->edits);

  G_OBJECT_CLASS (resell_photo_parent_class)->finalize (object);
}

static void
resell_photo_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  ResellPhoto *self = RESELL_PHOTO (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_ITEM_ID:
      g_value_set_int64 (value, self->item_id);
      break;
    case PROP_SLOT:
      g_value_set_string (value, self->slot);
      break;
    case PROP_POSITION:
      g_value_set_int (value, self->position);
      break;
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_ORIGINAL_NAME:
      g_value_set_string (value, self->original_name);
      break;
    case PROP_SHA256:
      g_value_set_string (value, self->sha256);
      break;
    case PROP_WIDTH:
      g_value_set_int (value, self->width);
      break;
    case PROP_HEIGHT:
      g_value_set_int (value, self->height);
      break;
    case PROP_CAPTURED_AT:
      g_value_set_int64 (value, self->captured_at);
      break;
    case PROP_CAMERA_MODEL:
      g_value_set_string (value, self->camera_model);
      break;
    case PROP_CHECKS:
      g_value_set_string (value, self->checks);
      break;
    case PROP_ADDED_AT:
      g_value_set_int64 (value, self->added_at);
      break;
    case PROP_EDITS:
      g_value_set_string (value, self->edits);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_photo_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  ResellPhoto *self = RESELL_PHOTO (object);

  switch (prop_id)
    {
    case PROP_ID:
      resell_photo_set_id (self, g_value_get_int64 (value));
      break;
    case PROP_ITEM_ID:
      resell_photo_set_item_id (self, g_value_get_int64 (value));
      break;
    case PROP_SLOT:
      resell_photo_set_slot (self, g_value_get_string (value));
      break;
    case PROP_POSITION:
      resell_photo_set_position (self, g_value_get_int (value));
      break;
    case PROP_PATH:
      resell_photo_set_path (self, g_value_get_string (value));
      break;
    case PROP_ORIGINAL_NAME:
      resell_photo_set_original_name (self, g_value_get_string (value));
      break;
    case PROP_SHA256:
      resell_photo_set_sha256 (self, g_value_get_string (value));
      break;
    case PROP_WIDTH:
      resell_photo_set_width (self, g_value_get_int (value));
      break;
    case PROP_HEIGHT:
      resell_photo_set_height (self, g_value_get_int (value));
      break;
    case PROP_CAPTURED_AT:
      resell_photo_set_captured_at (self, g_value_get_int64 (value));
      break;
    case PROP_CAMERA_MODEL:
      resell_photo_set_camera_model (self, g_value_get_string (value));
      break;
    case PROP_CHECKS:
      resell_photo_set_checks (self, g_value_get_string (value));
      break;
    case PROP_ADDED_AT:
      resell_photo_set_added_at (self, g_value_get_int64 (value));
      break;
    case PROP_EDITS:
      resell_photo_set_edits (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_photo_class_init (ResellPhotoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = resell_photo_finalize;
  object_class->get_property = resell_photo_get_property;
  object_class->set_property = resell_photo_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", "Id", NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_ITEM_ID] =
    g_param_spec_int64 ("item-id", "Item id", NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_SLOT] =
    g_param_spec_string ("slot", "Slot", NULL, NULL, flags);
  properties[PROP_POSITION] =
    g_param_spec_int ("position", "Position", NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_PATH] =
    g_param_spec_string ("path", "Path", NULL, NULL, flags);
  properties[PROP_ORIGINAL_NAME] =
    g_param_spec_string ("original-name", "Original name", NULL, NULL, flags);
  properties[PROP_SHA256] =
    g_param_spec_string ("sha256", "SHA-256", NULL, NULL, flags);
  properties[PROP_WIDTH] =
    g_param_spec_int ("width", "Width", NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_HEIGHT] =
    g_param_spec_int ("height", "Height", NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_CAPTURED_AT] =
    g_param_spec_int64 ("captured-at", "Captured at", NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_CAMERA_MODEL] =
    g_param_spec_string ("camera-model", "Camera model", NULL, NULL, flags);
  properties[PROP_CHECKS] =
    g_param_spec_string ("checks", "Checks", NULL, NULL, flags);
  properties[PROP_ADDED_AT] =
    g_param_spec_int64 ("added-at", "Added at", NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_EDITS] =
    g_param_spec_string ("edits", "Edits", NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
resell_photo_init (ResellPhoto *self)
{
}

ResellPhoto *
resell_photo_new (void)
{
  return g_object_new (RESELL_TYPE_PHOTO, NULL);
}

gint64
resell_photo_get_id (ResellPhoto *self)
{
  g_return_val_if_fail (RESELL_IS_PHOTO (self), 0);
  return self->id;
}

void
resell_photo_set_id (ResellPhoto *self,
                     gint64       id)
{
  g_return_if_fail (RESELL_IS_PHOTO (self));
  g_return_if_fail (id >= 0);
  photo_set_int64 (self, &self->id, id, PROP_ID);
}

gint64
resell_photo_get_item_id (ResellPhoto *self)
{
  g_return_val_if_fail (RESELL_IS_PHOTO (self), 0);
  return self->item_id;
}

void
resell_photo_set_item_id (ResellPhoto *self,
                          gint64       item_id)
{
  g_return_if_fail (RESELL_IS_PHOTO (self));
  g_return_if_fail (item_id >= 0);
  photo_set_int64 (self, &self->item_id, item_id, PROP_ITEM_ID);
}

const char *
resell_photo_get_slot (ResellPhoto *self)
{
  g_return_val_if_fail (RESELL_IS_PHOTO (self), NULL);
  return self->slot;
}

void
resell_photo_set_slot (ResellPhoto *self,
                       const char  *slot)
{
  g_return_if_fail (RESELL_IS_PHOTO (self));

  /* An empty slot would be neither a shot nor clearly an extra photo. */
  if (slot != NULL && slot[0] == '\0')
    slot = NULL;

  photo_set_string (self, &self->slot, slot, PROP_SLOT);
}

int
resell_photo_get_position (ResellPhoto *self)
{
  g_return_val_if_fail (RESELL_IS_PHOTO (self), 0);
  return self->position;
}

void
resell_photo_set_position (ResellPhoto *self,
                           int          position)
{
  g_return_if_fail (RESELL_IS_PHOTO (self));
  g_return_if_fail (position >= 0);
  photo_set_int (self, &self->position, position, PROP_POSITION);
}

const char *
resell_photo_get_path (ResellPhoto *self)
{
  g_return_val_if_fail (RESELL_IS_PHOTO (self), NULL);
  return self->path;
}

void
resell_photo_set_path (ResellPhoto *self,
                       const char  *path)
{
  g_return_if_fail (RESELL_IS_PHOTO (self));
  photo_set_string (self, &self->path, path, PROP_PATH);
}

const char *
resell_photo_get_original_name (ResellPhoto *self)
{
  g_return_val_if_fail (RESELL_IS_PHOTO (self), NULL);
  return self->original_name;
}

void
resell_photo_set_original_name (ResellPhoto *self,
                                const char  *name)
{
  g_return_if_fail (RESELL_IS_PHOTO (self));
  photo_set_string (self, &self->original_name, name, PROP_ORIGINAL_NAME);
}

const char *
resell_photo_get_sha256 (ResellPhoto *self)
{
  g_return_val_if_fail (RESELL_IS_PHOTO (self), NULL);
  return self->sha256;
}

void
resell_photo_set_sha256 (ResellPhoto *self,
                         const char  *sha256)
{
  g_return_if_fail (RESELL_IS_PHOTO (self));
  photo_set_string (self, &self->sha256, sha256, PROP_SHA256);
}

int
resell_photo_get_width (ResellPhoto *self)
{
  g_return_val_if_fail (RESELL_IS_PHOTO (self), 0);
  return self->width;
}

void
resell_photo_set_width (ResellPhoto *self,
                        int          width)
{
  g_return_if_fail (RESELL_IS_PHOTO (self));
  g_return_if_fail (width >= 0);
  photo_set_int (self, &self->width, width, PROP_WIDTH);
}

int
resell_photo_get_height (ResellPhoto *self)
{
  g_return_val_if_fail (RESELL_IS_PHOTO (self), 0);
  return self->height;
}

void
resell_photo_set_height (ResellPhoto *self,
                         int          height)
{
  g_return_if_fail (RESELL_IS_PHOTO (self));
  g_return_if_fail (height >= 0);
  photo_set_int (self, &self->height, height, PROP_HEIGHT);
}

gint64
resell_photo_get_captured_at (ResellPhoto *self)
{
  g_return_val_if_fail (RESELL_IS_PHOTO (self), 0);
  return self->captured_at;
}

void
resell_photo_set_captured_at (ResellPhoto *self,
                              gint64       usec)
{
  g_return_if_fail (RESELL_IS_PHOTO (self));
  photo_set_int64 (self, &self->captured_at, usec, PROP_CAPTURED_AT);
}

const char *
resell_photo_get_camera_model (ResellPhoto *self)
{
  g_return_val_if_fail (RESELL_IS_PHOTO (self), NULL);
  return self->camera_model;
}

void
resell_photo_set_camera_model (ResellPhoto *self,
                               const char  *model)
{
  g_return_if_fail (RESELL_IS_PHOTO (self));
  photo_set_string (self, &self->camera_model, model, PROP_CAMERA_MODEL);
}

const char *
resell_photo_get_checks (ResellPhoto *self)
{
  g_return_val_if_fail (RESELL_IS_PHOTO (self), NULL);
  return self->checks;
}

void
resell_photo_set_checks (ResellPhoto *self,
                         const char  *checks_json)
{
  g_return_if_fail (RESELL_IS_PHOTO (self));
  photo_set_string (self, &self->checks, checks_json, PROP_CHECKS);
}

gint64
resell_photo_get_added_at (ResellPhoto *self)
{
  g_return_val_if_fail (RESELL_IS_PHOTO (self), 0);
  return self->added_at;
}

void
resell_photo_set_added_at (ResellPhoto *self,
                           gint64       usec)
{
  g_return_if_fail (RESELL_IS_PHOTO (self));
  photo_set_int64 (self, &self->added_at, usec, PROP_ADDED_AT);
}

const char *
resell_photo_get_edits (ResellPhoto *self)
{
  g_return_val_if_fail (RESELL_IS_PHOTO (self), NULL);
  return self->edits;
}

void
resell_photo_set_edits (ResellPhoto *self,
                        const char  *edits_json)
{
  g_return_if_fail (RESELL_IS_PHOTO (self));
  photo_set_string (self, &self->edits, edits_json, PROP_EDITS);
}
