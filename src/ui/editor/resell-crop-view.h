/* resell-crop-view.h — a photo as shown (oriented, turned, straightened)
 * with the seller's crop on it: drag its handles or its frame, or move it
 * with the arrow keys
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RESELL_TYPE_CROP_VIEW (resell_crop_view_get_type ())
G_DECLARE_FINAL_TYPE (ResellCropView, resell_crop_view, RESELL, CROP_VIEW, GtkWidget)

/* Properties:
 *   "rotate"     int, quarter turns clockwise after the EXIF orientation (0, 90, 180, 270);
 *                changing it removes the crop
 *   "straighten" double, degrees, -15..15
 *   "has-crop"   boolean, read-only: FALSE while the crop is the whole picture
 *   "busy"       boolean, read-only: the picture is being rendered
 *   "ready"      boolean, read-only: a picture is shown, so the crop can be changed
 *   "error"      string, read-only: why the picture could not be rendered, or NULL
 *
 * Signal "crop-changed": the seller changed the crop (dragging, the keys,
 * resell_crop_view_crop_to_aspect() or _reset_crop()); not emitted by
 * resell_crop_view_set_crop() or by a change of "rotate".
 */
GtkWidget *resell_crop_view_new            (void);

/* The original to show, and its size as stored (before the EXIF
 * orientation; 0 when unknown), which lets the crop's shape in pixels be
 * exact before the picture at the new straightening has arrived. */
void       resell_crop_view_set_original   (ResellCropView *self,
                                            const char     *path,
                                            int             width,
                                            int             height);

int        resell_crop_view_get_rotate     (ResellCropView *self);
void       resell_crop_view_set_rotate     (ResellCropView *self,
                                            int             rotate);
double     resell_crop_view_get_straighten (ResellCropView *self);
void       resell_crop_view_set_straighten (ResellCropView *self,
                                            double          straighten);
gboolean   resell_crop_view_get_busy       (ResellCropView *self);
gboolean   resell_crop_view_get_ready      (ResellCropView *self);
const char *resell_crop_view_get_error     (ResellCropView *self);

/* The crop as fractions of the picture as shown, as ResellPhotoEdits keeps
 * it.  Returns FALSE (and the whole picture) when there is no crop. */
gboolean   resell_crop_view_get_crop       (ResellCropView *self,
                                            double         *x,
                                            double         *y,
                                            double         *width,
                                            double         *height);
void       resell_crop_view_set_crop       (ResellCropView *self,
                                            gboolean        has_crop,
                                            double          x,
                                            double          y,
                                            double          width,
                                            double          height);
/* The largest centred crop whose width is @aspect times its height, in
 * pixels; it keeps that shape while the seller resizes it by a corner or
 * with the keys, and when the straightening changes. */
void       resell_crop_view_crop_to_aspect (ResellCropView *self,
                                            double          aspect);
void       resell_crop_view_reset_crop     (ResellCropView *self);

G_END_DECLS
