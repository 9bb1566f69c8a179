/* resell-flaw.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-flaw"

#include "config.h"

#include <math.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "catalog/resell-flaw.h"

struct _ResellFlaw
{
  GObject             parent_instance;

  gint64             id;
  gint64             item_id;
  gint64             photo_id;
  char               *type_id;
  ResellFlawSeverity severity;
  char               *zone_id;
  ResellFlawShape    shape;
  double             x;
  double             y;
  double             width;
  double             height;
  char               *note;
  gint64             detail_photo_id;
  gint64             created_at;
  gint64             updated_at;
};

G_DEFINE_FINAL_TYPE (ResellFlaw, resell_flaw, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (ResellFlawSeverity, resell_flaw_severity,
  G_DEFINE_ENUM_VALUE (RESELL_FLAW_SEVERITY_MINOR, "minor"),
  G_DEFINE_ENUM_VALUE (RESELL_FLAW_SEVERITY_MODERATE, "moderate"),
  G_DEFINE_ENUM_VALUE (RESELL_FLAW_SEVERITY_MAJOR, "major"))

G_DEFINE_ENUM_TYPE (ResellFlawShape, resell_flaw_shape,
  G_DEFINE_ENUM_VALUE (RESELL_FLAW_SHAPE_POINT, "point"),
  G_DEFINE_ENUM_VALUE (RESELL_FLAW_SHAPE_ELLIPSE, "ellipse"),
  G_DEFINE_ENUM_VALUE (RESELL_FLAW_SHAPE_RECT, "rect"))

enum {
  PROP_0,
  PROP_ID,
  PROP_ITEM_ID,
  PROP_PHOTO_ID,
  PROP_TYPE_ID,
  PROP_SEVERITY,
  PROP_ZONE_ID,
  PROP_SHAPE,
  PROP_X,
  PROP_Y,
  PROP_WIDTH,
  PROP_HEIGHT,
  PROP_NOTE,
  PROP_DETAIL_PHOTO_ID,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The ids are the same text in the catalog, the CLI and JSON. */
static const char * const severity_strings[] = {
  [RESELL_FLAW_SEVERITY_MINOR] = "minor",
  [RESELL_FLAW_SEVERITY_MODERATE] = "moderate",
  [RESELL_FLAW_SEVERITY_MAJOR] = "major",
};

static const char * const shape_strings[] = {
  [RESELL_FLAW_SHAPE_POINT] = "point",
  [RESELL_FLAW_SHAPE_ELLIPSE] = "ellipse",
  [RESELL_FLAW_SHAPE_RECT] = "rect",
};

static gboolean
lookup_string (const char * const *strings,
               guint               n_strings,
               const char         *str,
               guint              *out)
{
  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < n_strings; i++)
    {
      if (g_str_equal (str, strings[i]))
        {
          *out = i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
resell_flaw_severity_to_string (ResellFlawSeverity severity)
{
  g_return_val_if_fail (severity <= RESELL_FLAW_SEVERITY_MAJOR, NULL);

  return severity_strings[severity];
}

gboolean
resell_flaw_severity_from_string (const char         *str,
                                  ResellFlawSeverity *out)
{
  guint index;

  g_return_val_if_fail (out != NULL, FALSE);

  if (!lookup_string (severity_strings, G_N_ELEMENTS (severity_strings), str, &index))
    return FALSE;

  *out = (ResellFlawSeverity) index;
  return TRUE;
}

const char *
resell_flaw_severity_get_label (ResellFlawSeverity severity)
{
  switch (severity)
    {
    case RESELL_FLAW_SEVERITY_MINOR:
      return C_("flaw severity", "Minor");
    case RESELL_FLAW_SEVERITY_MODERATE:
      return C_("flaw severity", "Moderate");
    case RESELL_FLAW_SEVERITY_MAJOR:
      return C_("flaw severity", "Major");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
resell_flaw_shape_to_string (ResellFlawShape shape)
{
  g_return_val_if_fail (shape <= RESELL_FLAW_SHAPE_RECT, NULL);

  return shape_strings[shape];
}

gboolean
resell_flaw_shape_from_string (const char      *str,
                               ResellFlawShape *out)
{
  guint index;

  g_return_val_if_fail (out != NULL, FALSE);

  if (!lookup_string (shape_strings, G_N_ELEMENTS (shape_strings), str, &index))
    return FALSE;

  *out = (ResellFlawShape) index;
  return TRUE;
}

static void
resell_flaw_finalize (GObject *object)
{
  ResellFlaw *self = (ResellFlaw *)object;

  g_free (self->type_id);
  g_free (self->zone_id);
  g_free (self->note);

  G_OBJECT_CLASS (resell_flaw_parent_class)->finalize (object);
}

static void
resell_flaw_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  ResellFlaw *self = RESELL_FLAW (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_ITEM_ID:
      g_value_set_int64 (value, self->item_id);
      break;
    case PROP_PHOTO_ID:
      g_value_set_int64 (value, self->photo_id);
      break;
    case PROP_TYPE_ID:
      g_value_set_string (value, self->type_id);
      break;
    case PROP_SEVERITY:
      g_value_set_enum (value, self->severity);
      break;
    case PROP_ZONE_ID:
      g_value_set_string (value, self->zone_id);
      break;
    case PROP_SHAPE:
      g_value_set_enum (value, self->shape);
      break;
    case PROP_X:
      g_value_set_double (value, self->x);
      break;
    case PROP_Y:
      g_value_set_double (value, self->y);
      break;
    case PROP_WIDTH:
      g_value_set_double (value, self->width);
      break;
    case PROP_HEIGHT:
      g_value_set_double (value, self->height);
      break;
    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;
    case PROP_DETAIL_PHOTO_ID:
      g_value_set_int64 (value, self->detail_photo_id);
      break;
    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;
    case PROP_UPDATED_AT:
      g_value_set_int64 (value, self->updated_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_flaw_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  ResellFlaw *self = RESELL_FLAW (object);

  switch (prop_id)
    {
    case PROP_ID:
      resell_flaw_set_id (self, g_value_get_int64 (value));
      break;
    case PROP_ITEM_ID:
      resell_flaw_set_item_id (self, g_value_get_int64 (value));
      break;
    case PROP_PHOTO_ID:
      resell_flaw_set_photo_id (self, g_value_get_int64 (value));
      break;
    case PROP_TYPE_ID:
      resell_flaw_set_type_id (self, g_value_get_string (value));
      break;
    case PROP_SEVERITY:
      resell_flaw_set_severity (self, g_value_get_enum (value));
      break;
    case PROP_ZONE_ID:
      resell_flaw_set_zone_id (self, g_value_get_string (value));
      break;
    case PROP_SHAPE:
      resell_flaw_set_shape (self, g_value_get_enum (value));
      break;
    case PROP_X:
      resell_flaw_set_x (self, g_value_get_double (value));
      break;
    case PROP_Y:
      resell_flaw_set_y (self, g_value_get_double (value));
      break;
    case PROP_WIDTH:
      resell_flaw_set_width (self, g_value_get_double (value));
      break;
    case PROP_HEIGHT:
      resell_flaw_set_height (self, g_value_get_double (value));
      break;
    case PROP_NOTE:
      resell_flaw_set_note (self, g_value_get_string (value));
      break;
    case PROP_DETAIL_PHOTO_ID:
      resell_flaw_set_detail_photo_id (self, g_value_get_int64 (value));
      break;
    case PROP_CREATED_AT:
      resell_flaw_set_created_at (self, g_value_get_int64 (value));
      break;
    case PROP_UPDATED_AT:
      resell_flaw_set_updated_at (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_flaw_class_init (ResellFlawClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = resell_flaw_finalize;
  object_class->get_property = resell_flaw_get_property;
  object_class->set_property = resell_flaw_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", "Id", NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_ITEM_ID] =
    g_param_spec_int64 ("item-id", "Item id", NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_PHOTO_ID] =
    g_param_spec_int64 ("photo-id", "Photo id", NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_TYPE_ID] =
    g_param_spec_string ("type-id", "Type id", NULL, "", flags);
  properties[PROP_SEVERITY] =
    g_param_spec_enum ("severity", "Severity", NULL, RESELL_TYPE_FLAW_SEVERITY, RESELL_FLAW_SEVERITY_MINOR, flags);
  properties[PROP_ZONE_ID] =
    g_param_spec_string ("zone-id", "Zone id", NULL, "", flags);
  properties[PROP_SHAPE] =
    g_param_spec_enum ("shape", "Shape", NULL, RESELL_TYPE_FLAW_SHAPE, RESELL_FLAW_SHAPE_POINT, flags);
  properties[PROP_X] =
    g_param_spec_double ("x", "X", NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0, flags);
  properties[PROP_Y] =
    g_param_spec_double ("y", "Y", NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0, flags);
  properties[PROP_WIDTH] =
    g_param_spec_double ("width", "Width", NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0, flags);
  properties[PROP_HEIGHT] =
    g_param_spec_double ("height", "Height", NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0, flags);
  properties[PROP_NOTE] =
    g_param_spec_string ("note", "Note", NULL, "", flags);
  properties[PROP_DETAIL_PHOTO_ID] =
    g_param_spec_int64 ("detail-photo-id", "Detail photo id", NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", "Created at", NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_UPDATED_AT] =
    g_param_spec_int64 ("updated-at", "Updated at", NULL, 0, G_MAXINT64, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
resell_flaw_init (ResellFlaw *self)
{
  self->type_id = g_strdup ("");
  self->zone_id = g_strdup ("");
  self->note = g_strdup ("");
}

ResellFlaw *
resell_flaw_new (void)
{
  return g_object_new (RESELL_TYPE_FLAW, NULL);
}

ResellFlaw *
resell_flaw_copy (ResellFlaw *self)
{
  ResellFlaw *copy;

  g_return_val_if_fail (RESELL_IS_FLAW (self), NULL);

  copy = resell_flaw_new ();
  copy->id = self->id;
  copy->item_id = self->item_id;
  copy->photo_id = self->photo_id;
  g_free (copy->type_id);
  copy->type_id = g_strdup (self->type_id);
  copy->severity = self->severity;
  g_free (copy->zone_id);
  copy->zone_id = g_strdup (self->zone_id);
  copy->shape = self->shape;
  copy->x = self->x;
  copy->y = self->y;
  copy->width = self->width;
  copy->height = self->height;
  g_free (copy->note);
  copy->note = g_strdup (self->note);
  copy->detail_photo_id = self->detail_photo_id;
  copy->created_at = self->created_at;
  copy->updated_at = self->updated_at;

  return copy;
}

/* Strings are never NULL: "" is "none", as in the catalog. */
static void
flaw_set_string (ResellFlaw  *self,
                 char       **field,
                 const char  *value,
                 guint        prop_id)
{
  if (value == NULL)
    value = "";

  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
flaw_set_int64 (ResellFlaw *self,
                gint64     *field,
                gint64      value,
                guint       prop_id)
{
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
flaw_set_double (ResellFlaw *self,
                 double     *field,
                 double      value,
                 guint       prop_id)
{
  /* Exact comparison on purpose: any change is a change to store. */
  if (memcmp (field, &value, sizeof value) == 0)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

gint64
resell_flaw_get_id (ResellFlaw *self)
{
  g_return_val_if_fail (RESELL_IS_FLAW (self), 0);
  return self->id;
}

void
resell_flaw_set_id (ResellFlaw *self,
                   gint64 id)
{
  g_return_if_fail (RESELL_IS_FLAW (self));
  g_return_if_fail (id >= 0);
  flaw_set_int64 (self, &self->id, id, PROP_ID);
}

gint64
resell_flaw_get_item_id (ResellFlaw *self)
{
  g_return_val_if_fail (RESELL_IS_FLAW (self), 0);
  return self->item_id;
}

void
resell_flaw_set_item_id (ResellFlaw *self,
                        gint64 item_id)
{
  g_return_if_fail (RESELL_IS_FLAW (self));
  g_return_if_fail (item_id >= 0);
  flaw_set_int64 (self, &self->item_id, item_id, PROP_ITEM_ID);
}

gint64
resell_flaw_get_photo_id (ResellFlaw *self)
{
  g_return_val_if_fail (RESELL_IS_FLAW (self), 0);
  return self->photo_id;
}

void
resell_flaw_set_photo_id (ResellFlaw *self,
                         gint64 photo_id)
{
  g_return_if_fail (RESELL_IS_FLAW (self));
  g_return_if_fail (photo_id >= 0);
  flaw_set_int64 (self, &self->photo_id, photo_id, PROP_PHOTO_ID);
}

const char *
resell_flaw_get_type_id (ResellFlaw *self)
{
  g_return_val_if_fail (RESELL_IS_FLAW (self), NULL);
  return self->type_id;
}

void
resell_flaw_set_type_id (ResellFlaw *self,
                        const char *type_id)
{
  g_return_if_fail (RESELL_IS_FLAW (self));
  flaw_set_string (self, &self->type_id, type_id, PROP_TYPE_ID);
}

ResellFlawSeverity
resell_flaw_get_severity (ResellFlaw *self)
{
  g_return_val_if_fail (RESELL_IS_FLAW (self), 0);
  return self->severity;
}

void
resell_flaw_set_severity (ResellFlaw *self,
                         ResellFlawSeverity severity)
{
  g_return_if_fail (RESELL_IS_FLAW (self));
  g_return_if_fail (severity <= RESELL_FLAW_SEVERITY_MAJOR);

  if (self->severity == severity)
    return;

  self->severity = severity;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEVERITY]);
}

const char *
resell_flaw_get_zone_id (ResellFlaw *self)
{
  g_return_val_if_fail (RESELL_IS_FLAW (self), NULL);
  return self->zone_id;
}

void
resell_flaw_set_zone_id (ResellFlaw *self,
                        const char *zone_id)
{
  g_return_if_fail (RESELL_IS_FLAW (self));
  flaw_set_string (self, &self->zone_id, zone_id, PROP_ZONE_ID);
}

ResellFlawShape
resell_flaw_get_shape (ResellFlaw *self)
{
  g_return_val_if_fail (RESELL_IS_FLAW (self), 0);
  return self->shape;
}

void
resell_flaw_set_shape (ResellFlaw *self,
                      ResellFlawShape shape)
{
  g_return_if_fail (RESELL_IS_FLAW (self));
  g_return_if_fail (shape <= RESELL_FLAW_SHAPE_RECT);

  if (self->shape == shape)
    return;

  self->shape = shape;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHAPE]);
}

double
resell_flaw_get_x (ResellFlaw *self)
{
  g_return_val_if_fail (RESELL_IS_FLAW (self), 0);
  return self->x;
}

void
resell_flaw_set_x (ResellFlaw *self,
                  double x)
{
  g_return_if_fail (RESELL_IS_FLAW (self));
  flaw_set_double (self, &self->x, x, PROP_X);
}

double
resell_flaw_get_y (ResellFlaw *self)
{
  g_return_val_if_fail (RESELL_IS_FLAW (self), 0);
  return self->y;
}

void
resell_flaw_set_y (ResellFlaw *self,
                  double y)
{
  g_return_if_fail (RESELL_IS_FLAW (self));
  flaw_set_double (self, &self->y, y, PROP_Y);
}

double
resell_flaw_get_width (ResellFlaw *self)
{
  g_return_val_if_fail (RESELL_IS_FLAW (self), 0);
  return self->width;
}

void
resell_flaw_set_width (ResellFlaw *self,
                      double width)
{
  g_return_if_fail (RESELL_IS_FLAW (self));
  flaw_set_double (self, &self->width, width, PROP_WIDTH);
}

double
resell_flaw_get_height (ResellFlaw *self)
{
  g_return_val_if_fail (RESELL_IS_FLAW (self), 0);
  return self->height;
}

void
resell_flaw_set_height (ResellFlaw *self,
                       double height)
{
  g_return_if_fail (RESELL_IS_FLAW (self));
  flaw_set_double (self, &self->height, height, PROP_HEIGHT);
}

const char *
resell_flaw_get_note (ResellFlaw *self)
{
  g_return_val_if_fail (RESELL_IS_FLAW (self), NULL);
  return self->note;
}

void
resell_flaw_set_note (ResellFlaw *self,
                     const char *note)
{
  g_return_if_fail (RESELL_IS_FLAW (self));
  flaw_set_string (self, &self->note, note, PROP_NOTE);
}

gint64
resell_flaw_get_detail_photo_id (ResellFlaw *self)
{
  g_return_val_if_fail (RESELL_IS_FLAW (self), 0);
  return self->detail_photo_id;
}

void
resell_flaw_set_detail_photo_id (ResellFlaw *self,
                                gint64 detail_photo_id)
{
  g_return_if_fail (RESELL_IS_FLAW (self));
  g_return_if_fail (detail_photo_id >= 0);
  flaw_set_int64 (self, &self->detail_photo_id, detail_photo_id, PROP_DETAIL_PHOTO_ID);
}

gint64
resell_flaw_get_created_at (ResellFlaw *self)
{
  g_return_val_if_fail (RESELL_IS_FLAW (self), 0);
  return self->created_at;
}

void
resell_flaw_set_created_at (ResellFlaw *self,
                           gint64 created_at)
{
  g_return_if_fail (RESELL_IS_FLAW (self));
  flaw_set_int64 (self, &self->created_at, created_at, PROP_CREATED_AT);
}

gint64
resell_flaw_get_updated_at (ResellFlaw *self)
{
  g_return_val_if_fail (RESELL_IS_FLAW (self), 0);
  return self->updated_at;
}

void
resell_flaw_set_updated_at (ResellFlaw *self,
                           gint64 updated_at)
{
  g_return_if_fail (RESELL_IS_FLAW (self));
  flaw_set_int64 (self, &self->updated_at, updated_at, PROP_UPDATED_AT);
}

void
resell_flaw_set_geometry (ResellFlaw      *self,
                          ResellFlawShape  shape,
                          double           x,
                          double           y,
                          double           width,
                          double           height)
{
  g_return_if_fail (RESELL_IS_FLAW (self));

  g_object_freeze_notify (G_OBJECT (self));
  resell_flaw_set_shape (self, shape);
  resell_flaw_set_x (self, x);
  resell_flaw_set_y (self, y);
  resell_flaw_set_width (self, width);
  resell_flaw_set_height (self, height);
  g_object_thaw_notify (G_OBJECT (self));
}

void
resell_flaw_get_center (ResellFlaw *self,
                        double     *out_x,
                        double     *out_y)
{
  g_return_if_fail (RESELL_IS_FLAW (self));

  if (out_x != NULL)
    *out_x = self->x + self->width / 2.0;
  if (out_y != NULL)
    *out_y = self->y + self->height / 2.0;
}

static gboolean
invalid_flaw (GError     **error,
              const char  *message)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, message);
  return FALSE;
}

/* A little slack for the sums, so a box drawn up to the very edge (x +
 * width computed in floating point) is not refused. */
#define EDGE_SLACK 1e-9

gboolean
resell_flaw_is_valid (ResellFlaw  *self,
                      GError     **error)
{
  g_return_val_if_fail (RESELL_IS_FLAW (self), FALSE);

  if (self->type_id[0] == '\0')
    return invalid_flaw (error, _("A flaw needs a type."));

  /* isfinite() first: NaN compares false with everything. */
  if (!isfinite (self->x) || !isfinite (self->y) ||
      !isfinite (self->width) || !isfinite (self->height))
    return invalid_flaw (error, _("A flaw’s position must be a number."));

  if (self->x < 0.0 || self->y < 0.0 || self->x > 1.0 || self->y > 1.0 ||
      self->width < 0.0 || self->height < 0.0 ||
      self->x + self->width > 1.0 + EDGE_SLACK ||
      self->y + self->height > 1.0 + EDGE_SLACK)
    return invalid_flaw (error, _("A flaw must lie inside its photo (coordinates from 0 to 1)."));

  switch (self->shape)
    {
    case RESELL_FLAW_SHAPE_POINT:
      if (self->width != 0.0 || self->height != 0.0)
        return invalid_flaw (error, _("A point has no width or height."));
      break;
    case RESELL_FLAW_SHAPE_ELLIPSE:
    case RESELL_FLAW_SHAPE_RECT:
      if (self->width <= 0.0 || self->height <= 0.0)
        return invalid_flaw (error, _("An ellipse or a rectangle needs a width and a height."));
      break;
    default:
      return invalid_flaw (error, _("Unknown flaw shape."));
    }

  return TRUE;
}
