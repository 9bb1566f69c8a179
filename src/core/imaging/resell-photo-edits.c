/* resell-photo-edits.c — the seller's edits to one photo
 *
 * Stored in the catalog as compact JSON, e.g.
 *   {"rotate":90,"straighten":-2.5,"crop":{"x":0.1,"y":0,"width":0.8,"height":1},
 *    "auto_trim":true,"whiten":true}
 * Every member is optional on reading (absent means the default); writing
 * always gives the same members in the same order, so the text is a stable
 * part of the listing image's cache key.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-photo-edits"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "imaging/resell-photo-edits.h"
#include "listing/resell-listing-renderer.h"

#define MAX_STRAIGHTEN 15.0

G_DEFINE_BOXED_TYPE (ResellPhotoEdits, resell_photo_edits,
                     resell_photo_edits_copy, resell_photo_edits_free)

static void
set_defaults (ResellPhotoEdits *self)
{
  *self = (ResellPhotoEdits) {
    .rotate = 0,
    .straighten = 0.0,
    .has_crop = FALSE,
    .crop_x = 0.0,
    .crop_y = 0.0,
    .crop_width = 1.0,
    .crop_height = 1.0,
    .auto_trim = TRUE,
    .whiten = TRUE,
  };
}

ResellPhotoEdits *
resell_photo_edits_new (void)
{
  ResellPhotoEdits *self = g_new0 (ResellPhotoEdits, 1);

  set_defaults (self);

  return self;
}

ResellPhotoEdits *
resell_photo_edits_copy (const ResellPhotoEdits *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_memdup2 (self, sizeof *self);
}

void
resell_photo_edits_free (ResellPhotoEdits *self)
{
  g_free (self);
}

G_GNUC_PRINTF (2, 3)
static gboolean
invalid_edit (GError     **error,
              const char  *format,
              ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error_literal (error, RESELL_LISTING_ERROR, RESELL_LISTING_ERROR_INVALID_EDIT, message);

  return FALSE;
}

gboolean
resell_photo_edits_validate (const ResellPhotoEdits  *self,
                             GError                 **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->rotate != 0 && self->rotate != 90 && self->rotate != 180 && self->rotate != 270)
    {
      g_autofree char *text = g_strdup_printf ("%d", self->rotate);

      return invalid_edit (error,
                           _("The rotation must be 0, 90, 180 or 270 degrees, not %s."),
                           text);
    }

  /* isfinite() first: NaN compares false with everything. */
  if (!isfinite (self->straighten) || fabs (self->straighten) > MAX_STRAIGHTEN)
    return invalid_edit (error,
                         _("Straightening must be between -%g and %g degrees."),
                         MAX_STRAIGHTEN, MAX_STRAIGHTEN);

  if (self->has_crop)
    {
      if (!isfinite (self->crop_x) || !isfinite (self->crop_y) ||
          !isfinite (self->crop_width) || !isfinite (self->crop_height) ||
          self->crop_x < 0.0 || self->crop_y < 0.0 ||
          self->crop_width <= 0.0 || self->crop_height <= 0.0 ||
          self->crop_x + self->crop_width > 1.0 + 1e-9 ||
          self->crop_y + self->crop_height > 1.0 + 1e-9)
        return invalid_edit (error, "%s",
                             _("The crop must lie inside the picture and have a width and a height."));
    }

  return TRUE;
}

char *
resell_photo_edits_to_json (const ResellPhotoEdits *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "rotate");
  json_builder_add_int_value (builder, self->rotate);
  json_builder_set_member_name (builder, "straighten");
  json_builder_add_double_value (builder, self->straighten);

  /* A crop that is switched off leaves no trace: two edits that make the
   * same picture give the same text. */
  if (self->has_crop)
    {
      json_builder_set_member_name (builder, "crop");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "x");
      json_builder_add_double_value (builder, self->crop_x);
      json_builder_set_member_name (builder, "y");
      json_builder_add_double_value (builder, self->crop_y);
      json_builder_set_member_name (builder, "width");
      json_builder_add_double_value (builder, self->crop_width);
      json_builder_set_member_name (builder, "height");
      json_builder_add_double_value (builder, self->crop_height);
      json_builder_end_object (builder);
    }

  json_builder_set_member_name (builder, "auto_trim");
  json_builder_add_boolean_value (builder, self->auto_trim);
  json_builder_set_member_name (builder, "whiten");
  json_builder_add_boolean_value (builder, self->whiten);

  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

static gboolean
check_members (JsonObject          *object,
               const char * const  *allowed,
               GError             **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (const GList *l = members; l; l = l->next)
    {
      if (!g_strv_contains (allowed, l->data))
        {
          g_autofree char *expected = g_strjoinv (", ", (char **)allowed);

          return invalid_edit (error,
                               _("The photo edits have an unknown key “%s” (expected one of: %s)."),
                               (const char *)l->data, expected);
        }
    }

  return TRUE;
}

static gboolean
node_is_number (JsonNode *node)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);

  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

static gboolean
get_number (JsonObject  *object,
            const char  *member,
            double      *out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    return TRUE;

  if (!node_is_number (node))
    return invalid_edit (error, _("“%s” of the photo edits must be a number."), member);

  *out = json_node_get_double (node);

  return TRUE;
}

static gboolean
get_boolean (JsonObject  *object,
             const char  *member,
             gboolean    *out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return invalid_edit (error, _("“%s” of the photo edits must be true or false."), member);

  *out = json_node_get_boolean (node);

  return TRUE;
}

static gboolean
load_crop (ResellPhotoEdits  *self,
           JsonNode          *node,
           GError           **error)
{
  static const char * const allowed[] = { "x", "y", "width", "height", NULL };
  JsonObject *crop;

  /* null is an explicit "no crop". */
  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid_edit (error, "%s",
                         _("“crop” of the photo edits must be an object with x, y, width and height."));

  crop = json_node_get_object (node);

  if (!check_members (crop, allowed, error))
    return FALSE;

  for (guint i = 0; allowed[i] != NULL; i++)
    {
      if (!json_object_has_member (crop, allowed[i]))
        return invalid_edit (error, _("The crop of the photo edits has no “%s”."), allowed[i]);
    }

  self->has_crop = TRUE;

  return get_number (crop, "x", &self->crop_x, error) &&
         get_number (crop, "y", &self->crop_y, error) &&
         get_number (crop, "width", &self->crop_width, error) &&
         get_number (crop, "height", &self->crop_height, error);
}

ResellPhotoEdits *
resell_photo_edits_from_json (const char  *json,
                              GError     **error)
{
  static const char * const allowed[] = {
    "rotate", "straighten", "crop", "auto_trim", "whiten", NULL
  };
  g_autoptr(ResellPhotoEdits) self = resell_photo_edits_new ();
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) json_error = NULL;
  JsonObject *root;
  JsonNode *node;
  gint64 rotate;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (json == NULL || json[0] == '\0')
    return g_steal_pointer (&self);

  parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, json, -1, &json_error))
    {
      const char *message = json_error->message;

      /* json-glib says where as "<data>:LINE:COLUMN: "; the text is one
       * line from the catalog, so where is no help. */
      if (g_str_has_prefix (message, "<data>:"))
        {
          const char *rest = strstr (message, ": ");

          if (rest != NULL)
            message = rest + 2;
        }

      invalid_edit (error, _("The photo edits are not valid JSON: %s"), message);
      return NULL;
    }

  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      invalid_edit (error, "%s", _("The photo edits must be one object in curly braces."));
      return NULL;
    }

  root = json_node_get_object (node);

  if (!check_members (root, allowed, error))
    return NULL;

  if ((node = json_object_get_member (root, "rotate")))
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
        {
          invalid_edit (error, "%s", _("“rotate” of the photo edits must be a whole number."));
          return NULL;
        }

      rotate = json_node_get_int (node);
      if (rotate != 0 && rotate != 90 && rotate != 180 && rotate != 270)
        {
          g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, rotate);

          invalid_edit (error,
                        _("The rotation must be 0, 90, 180 or 270 degrees, not %s."),
                        text);
          return NULL;
        }

      self->rotate = (int)rotate;
    }

  if (!get_number (root, "straighten", &self->straighten, error) ||
      !get_boolean (root, "auto_trim", &self->auto_trim, error) ||
      !get_boolean (root, "whiten", &self->whiten, error))
    return NULL;

  if ((node = json_object_get_member (root, "crop")) && !load_crop (self, node, error))
    return NULL;

  if (!resell_photo_edits_validate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

void
resell_photo_edits_straightened_size (double  width,
                                      double  height,
                                      double  degrees,
                                      double *out_width,
                                      double *out_height)
{
  double a = ABS (degrees) * G_PI / 180.0;
  double s, c;
  gboolean wide = width >= height;
  double side_long = wide ? width : height;
  double side_short = wide ? height : width;

  s = sin (a);
  c = cos (a);

  if (s < 1e-9)
    {
      *out_width = width;
      *out_height = height;
      return;
    }

  if (side_short <= 2.0 * s * c * side_long || ABS (s - c) < 1e-10)
    {
      /* Half constrained: two corners touch the longer sides. */
      double x = 0.5 * side_short;

      *out_width = wide ? x / s : x / c;
      *out_height = wide ? x / c : x / s;
    }
  else
    {
      double cos_2a = c * c - s * s;

      *out_width = (width * c - height * s) / cos_2a;
      *out_height = (height * c - width * s) / cos_2a;
    }
}

/* ------------------------------------------------------------------------
 * Points between the upright original and the edited picture
 *
 * The same steps as the renderer, in the same order: the quarter turns,
 * then the straightening (a turn about the centre, keeping the largest
 * upright rectangle inside, centred), then the crop (fractions of what
 * the straightening kept).
 * ------------------------------------------------------------------------ */

/* The turned picture's size for an upright one of @width × @height. */
static void
turned_size (const ResellPhotoEdits *self,
             double                  width,
             double                  height,
             double                 *out_width,
             double                 *out_height)
{
  gboolean swaps = self->rotate == 90 || self->rotate == 270;

  *out_width = swaps ? height : width;
  *out_height = swaps ? width : height;
}

void
resell_photo_edits_edited_size (const ResellPhotoEdits *self,
                                double                  upright_width,
                                double                  upright_height,
                                double                 *out_width,
                                double                 *out_height)
{
  double tw, th, kw, kh;

  g_return_if_fail (self != NULL);
  g_return_if_fail (out_width != NULL && out_height != NULL);

  turned_size (self, upright_width, upright_height, &tw, &th);
  resell_photo_edits_straightened_size (tw, th, self->straighten, &kw, &kh);

  if (self->has_crop)
    {
      kw *= self->crop_width;
      kh *= self->crop_height;
    }

  *out_width = kw;
  *out_height = kh;
}

static gboolean
inside_unit (double x,
             double y)
{
  /* A hair of slack: a point on the edge maps back onto the edge. */
  return x >= -1e-9 && y >= -1e-9 && x <= 1.0 + 1e-9 && y <= 1.0 + 1e-9;
}

gboolean
resell_photo_edits_upright_to_edited (const ResellPhotoEdits *self,
                                      double                  upright_width,
                                      double                  upright_height,
                                      double                  x,
                                      double                  y,
                                      double                 *out_x,
                                      double                 *out_y)
{
  double tw, th, kw, kh;
  double u, v, dx, dy, a, s, c;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (upright_width > 0 && upright_height > 0, FALSE);
  g_return_val_if_fail (out_x != NULL && out_y != NULL, FALSE);

  /* Quarter turns clockwise: the top-left corner goes to the top right. */
  switch (self->rotate)
    {
    case 90:
      u = 1.0 - y;
      v = x;
      break;
    case 180:
      u = 1.0 - x;
      v = 1.0 - y;
      break;
    case 270:
      u = y;
      v = 1.0 - x;
      break;
    default:
      u = x;
      v = y;
      break;
    }

  turned_size (self, upright_width, upright_height, &tw, &th);
  resell_photo_edits_straightened_size (tw, th, self->straighten, &kw, &kh);

  /* Straightening turns clockwise about the centre (y grows downwards),
   * then keeps a kw × kh rectangle centred on it. */
  a = self->straighten * G_PI / 180.0;
  s = sin (a);
  c = cos (a);
  dx = u * tw - tw / 2.0;
  dy = v * th - th / 2.0;
  u = (dx * c - dy * s + kw / 2.0) / kw;
  v = (dx * s + dy * c + kh / 2.0) / kh;

  if (self->has_crop)
    {
      u = (u - self->crop_x) / self->crop_width;
      v = (v - self->crop_y) / self->crop_height;
    }

  *out_x = u;
  *out_y = v;

  return inside_unit (u, v);
}

gboolean
resell_photo_edits_edited_to_upright (const ResellPhotoEdits *self,
                                      double                  upright_width,
                                      double                  upright_height,
                                      double                  x,
                                      double                  y,
                                      double                 *out_x,
                                      double                 *out_y)
{
  double tw, th, kw, kh;
  double u = x, v = y, dx, dy, a, s, c;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (upright_width > 0 && upright_height > 0, FALSE);
  g_return_val_if_fail (out_x != NULL && out_y != NULL, FALSE);

  if (self->has_crop)
    {
      u = self->crop_x + u * self->crop_width;
      v = self->crop_y + v * self->crop_height;
    }

  turned_size (self, upright_width, upright_height, &tw, &th);
  resell_photo_edits_straightened_size (tw, th, self->straighten, &kw, &kh);

  /* The straightening's turn undone: counter-clockwise by the same angle. */
  a = self->straighten * G_PI / 180.0;
  s = sin (a);
  c = cos (a);
  dx = u * kw - kw / 2.0;
  dy = v * kh - kh / 2.0;
  u = (dx * c + dy * s + tw / 2.0) / tw;
  v = (-dx * s + dy * c + th / 2.0) / th;

  switch (self->rotate)
    {
    case 90:
      *out_x = v;
      *out_y = 1.0 - u;
      break;
    case 180:
      *out_x = 1.0 - u;
      *out_y = 1.0 - v;
      break;
    case 270:
      *out_x = 1.0 - v;
      *out_y = u;
      break;
    default:
      *out_x = u;
      *out_y = v;
      break;
    }

  return inside_unit (*out_x, *out_y);
}
