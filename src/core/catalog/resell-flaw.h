/* resell-flaw.h — one flaw a seller marked on a photo of an item: what it
 * is, how bad, where on the item and where on the photo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  RESELL_FLAW_SEVERITY_MINOR,     /* "minor" */
  RESELL_FLAW_SEVERITY_MODERATE,  /* "moderate" */
  RESELL_FLAW_SEVERITY_MAJOR,     /* "major" */
} ResellFlawSeverity;

#define RESELL_TYPE_FLAW_SEVERITY (resell_flaw_severity_get_type ())
GType        resell_flaw_severity_get_type    (void) G_GNUC_CONST;
/* The id used in the catalog, the CLI and JSON: "minor", "moderate", "major". */
const char  *resell_flaw_severity_to_string   (ResellFlawSeverity  severity);
gboolean     resell_flaw_severity_from_string (const char         *str,
                                               ResellFlawSeverity *out);
/* Translated: "Minor", "Moderate", "Major". */
const char  *resell_flaw_severity_get_label   (ResellFlawSeverity  severity);

typedef enum
{
  RESELL_FLAW_SHAPE_POINT,    /* "point": width = height = 0 */
  RESELL_FLAW_SHAPE_ELLIPSE,  /* "ellipse": x, y, width, height is its bounding box */
  RESELL_FLAW_SHAPE_RECT,     /* "rect" */
} ResellFlawShape;

#define RESELL_TYPE_FLAW_SHAPE (resell_flaw_shape_get_type ())
GType        resell_flaw_shape_get_type       (void) G_GNUC_CONST;
const char  *resell_flaw_shape_to_string      (ResellFlawShape  shape);
gboolean     resell_flaw_shape_from_string    (const char      *str,
                                               ResellFlawShape *out);

#define RESELL_TYPE_FLAW (resell_flaw_get_type ())
G_DECLARE_FINAL_TYPE (ResellFlaw, resell_flaw, RESELL, FLAW, GObject)

/* Properties (all readable and writable, notify only on change):
 *   "id"              gint64   row id, 0 until stored
 *   "item-id"         gint64
 *   "photo-id"        gint64   the photo it is marked on
 *   "type-id"         string   the category's flaw type id ("stain"), never NULL
 *   "severity"        ResellFlawSeverity
 *   "zone-id"         string   the category's zone id ("lining"), "" when none
 *   "shape"           ResellFlawShape
 *   "x" "y" "width" "height"  double, 0..1 of the UPRIGHT ORIGINAL: the
 *                    original after its EXIF orientation and before any of
 *                    the seller's edits, so a turn or a crop in the photo
 *                    editor never moves a flaw.  (x, y) is the point, or the
 *                    top-left corner of the bounding box of an ellipse or a
 *                    rectangle; a point has width = height = 0.
 *   "note"            string   the seller's words, "" when none
 *   "detail-photo-id" gint64   the close-up photo of this flaw, 0 = none yet
 *   "created-at" "updated-at"  gint64 unix µs (UTC), set by the catalog
 */
ResellFlaw         *resell_flaw_new                 (void);
/* A new object with every property of @self (the id too). */
ResellFlaw         *resell_flaw_copy                (ResellFlaw *self);

gint64              resell_flaw_get_id              (ResellFlaw *self);
void                resell_flaw_set_id              (ResellFlaw *self, gint64 id);
gint64              resell_flaw_get_item_id         (ResellFlaw *self);
void                resell_flaw_set_item_id         (ResellFlaw *self, gint64 item_id);
gint64              resell_flaw_get_photo_id        (ResellFlaw *self);
void                resell_flaw_set_photo_id        (ResellFlaw *self, gint64 photo_id);
const char         *resell_flaw_get_type_id         (ResellFlaw *self);
void                resell_flaw_set_type_id         (ResellFlaw *self, const char *type_id);
ResellFlawSeverity  resell_flaw_get_severity        (ResellFlaw *self);
void                resell_flaw_set_severity        (ResellFlaw *self, ResellFlawSeverity severity);
const char         *resell_flaw_get_zone_id         (ResellFlaw *self);
void                resell_flaw_set_zone_id         (ResellFlaw *self, const char *zone_id);
ResellFlawShape     resell_flaw_get_shape           (ResellFlaw *self);
void                resell_flaw_set_shape           (ResellFlaw *self, ResellFlawShape shape);
double              resell_flaw_get_x               (ResellFlaw *self);
void                resell_flaw_set_x               (ResellFlaw *self, double x);
double              resell_flaw_get_y               (ResellFlaw *self);
void                resell_flaw_set_y               (ResellFlaw *self, double y);
double              resell_flaw_get_width           (ResellFlaw *self);
void                resell_flaw_set_width           (ResellFlaw *self, double width);
double              resell_flaw_get_height          (ResellFlaw *self);
void                resell_flaw_set_height          (ResellFlaw *self, double height);
/* Sets shape and geometry at once, notifying each that changed. */
void                resell_flaw_set_geometry        (ResellFlaw      *self,
                                                     ResellFlawShape  shape,
                                                     double           x,
                                                     double           y,
                                                     double           width,
                                                     double           height);
const char         *resell_flaw_get_note            (ResellFlaw *self);
void                resell_flaw_set_note            (ResellFlaw *self, const char *note);
gint64              resell_flaw_get_detail_photo_id (ResellFlaw *self);
void                resell_flaw_set_detail_photo_id (ResellFlaw *self, gint64 photo_id);
gint64              resell_flaw_get_created_at      (ResellFlaw *self);
void                resell_flaw_set_created_at      (ResellFlaw *self, gint64 usec);
gint64              resell_flaw_get_updated_at      (ResellFlaw *self);
void                resell_flaw_set_updated_at      (ResellFlaw *self, gint64 usec);

/* The centre of the flaw (the point, or the middle of its box), 0..1 of
 * the upright original. */
void                resell_flaw_get_center          (ResellFlaw *self,
                                                     double     *out_x,
                                                     double     *out_y);

/* TRUE when the geometry can be stored: every coordinate finite, the box
 * inside 0..1 (x + width <= 1, y + height <= 1), a point with no size and
 * an ellipse or a rectangle with some; a type id set.  Otherwise FALSE
 * with a translated sentence (G_IO_ERROR_INVALID_ARGUMENT). */
gboolean            resell_flaw_is_valid            (ResellFlaw  *self,
                                                     GError     **error);

G_END_DECLS
