/* resell-photo-edits.h — the seller's edits to one photo, kept apart from the
 * untouched original and applied when listing images are made
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RESELL_TYPE_PHOTO_EDITS (resell_photo_edits_get_type ())

/* Geometry is in the coordinates of the original after its EXIF
 * orientation and @rotate are applied. */
typedef struct _ResellPhotoEdits
{
  int      rotate;        /* extra quarter turns clockwise: 0, 90, 180 or 270 */
  double   straighten;    /* degrees, -15..15, positive is clockwise */
  gboolean has_crop;
  double   crop_x;        /* fractions of the width/height, 0..1 */
  double   crop_y;
  double   crop_width;
  double   crop_height;
  gboolean auto_trim;     /* trim to the product on a plain backdrop (default TRUE) */
  gboolean whiten;        /* lift the measured backdrop to white (default TRUE) */
} ResellPhotoEdits;

GType             resell_photo_edits_get_type  (void) G_GNUC_CONST;
/* Defaults: no rotation, no crop, auto_trim and whiten on. */
ResellPhotoEdits *resell_photo_edits_new       (void);
ResellPhotoEdits *resell_photo_edits_copy      (const ResellPhotoEdits *self);
void              resell_photo_edits_free      (ResellPhotoEdits       *self);
/* Compact JSON, as stored in the catalog; NULL or "" parse as the defaults. */
char             *resell_photo_edits_to_json   (const ResellPhotoEdits *self);
ResellPhotoEdits *resell_photo_edits_from_json (const char             *json,
                                                GError                **error);
/* FALSE with a translated message when a value is out of range. */
gboolean          resell_photo_edits_validate  (const ResellPhotoEdits *self,
                                                GError                **error);

/* The largest upright rectangle inside a @width × @height picture turned
 * by @degrees: what straightening keeps without showing the corners.  The
 * renderer and the editor's crop frame both size the picture with it. */
void              resell_photo_edits_straightened_size (double  width,
                                                        double  height,
                                                        double  degrees,
                                                        double *out_width,
                                                        double *out_height);

/* Where a point of the upright original (the original after its EXIF
 * orientation, before any edit) is in the edited picture (after the quarter
 * turns, the straightening and the crop, as the renderer makes it), and
 * back: flaws are stored on the upright original and drawn on the edited
 * view.  Points are fractions 0..1 of each picture's width and height;
 * @upright_width × @upright_height is the upright original's size in
 * pixels (its aspect matters once straightened).  Auto-trim is not
 * geometry the seller chose and is left out.  Each returns TRUE when the
 * point lands inside the other picture (the result is set either way, so
 * a flaw cropped away can still be pointed at from the edge). */
gboolean          resell_photo_edits_upright_to_edited (const ResellPhotoEdits *self,
                                                        double                  upright_width,
                                                        double                  upright_height,
                                                        double                  x,
                                                        double                  y,
                                                        double                 *out_x,
                                                        double                 *out_y);
gboolean          resell_photo_edits_edited_to_upright (const ResellPhotoEdits *self,
                                                        double                  upright_width,
                                                        double                  upright_height,
                                                        double                  x,
                                                        double                  y,
                                                        double                 *out_x,
                                                        double                 *out_y);
/* The edited picture's size for an upright original of that size (same
 * units). */
void              resell_photo_edits_edited_size       (const ResellPhotoEdits *self,
                                                        double                  upright_width,
                                                        double                  upright_height,
                                                        double                 *out_width,
                                                        double                 *out_height);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ResellPhotoEdits, resell_photo_edits_free)

G_END_DECLS
