/* resell-flaw-view.h — one photo as the seller sees it (with its edits),
 * zoomed and panned, with the item's flaws drawn on it and new ones drawn
 * with the current tool
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "resell-core.h"

G_BEGIN_DECLS

typedef enum
{
  RESELL_FLAW_TOOL_SELECT,
  RESELL_FLAW_TOOL_POINT,
  RESELL_FLAW_TOOL_ELLIPSE,
  RESELL_FLAW_TOOL_RECT,
} ResellFlawTool;

#define RESELL_TYPE_FLAW_VIEW (resell_flaw_view_get_type ())
G_DECLARE_FINAL_TYPE (ResellFlawView, resell_flaw_view, RESELL, FLAW_VIEW, GtkWidget)

/* Properties:
 *   "flaws"        GListModel of ResellFlaw: the item's; only those of the photo shown are drawn
 *   "selected-id"  gint64, the selected flaw's id, 0 for none
 *   "tool"         int, a ResellFlawTool
 *   "zoom"         double, screen pixels per pixel of the picture shown
 *   "fit"          boolean: the zoom follows the widget's size
 *   "ready"        boolean, read-only: a picture is shown
 *   "error"        string, read-only: why the picture could not be shown
 *   "hadjustment", "vadjustment", "hscroll-policy", "vscroll-policy" (GtkScrollable)
 *
 * Signals, all with geometry as fractions of the upright original (its
 * EXIF orientation applied, before the seller's turns and crop), as the
 * catalog keeps flaws:
 *   "create-flaw" (int shape, double x, double y, double width, double height)
 *       the seller drew a new flaw with the point, ellipse or rectangle tool
 *   "change-flaw" (gint64 flaw_id, double x, double y, double width, double height)
 *       the seller moved or resized a flaw (at the end of a drag, or per arrow key)
 */
GtkWidget     *resell_flaw_view_new             (void);

/* The photo to show: its original, its size as stored and its edits as
 * the catalog keeps them (JSON; NULL for none). */
void           resell_flaw_view_set_photo       (ResellFlawView *self,
                                                 gint64          photo_id,
                                                 const char     *path,
                                                 int             width,
                                                 int             height,
                                                 const char     *edits_json);
gint64         resell_flaw_view_get_photo_id    (ResellFlawView *self);

void           resell_flaw_view_set_flaws       (ResellFlawView *self,
                                                 GListModel     *flaws);
gint64         resell_flaw_view_get_selected_id (ResellFlawView *self);
void           resell_flaw_view_set_selected_id (ResellFlawView *self,
                                                 gint64          flaw_id);
ResellFlawTool resell_flaw_view_get_tool        (ResellFlawView *self);
void           resell_flaw_view_set_tool        (ResellFlawView *self,
                                                 ResellFlawTool  tool);
gboolean       resell_flaw_view_get_ready       (ResellFlawView *self);
const char    *resell_flaw_view_get_error       (ResellFlawView *self);

double         resell_flaw_view_get_zoom        (ResellFlawView *self);
/* Zooms about the centre of the view; stops following the widget's size. */
void           resell_flaw_view_set_zoom        (ResellFlawView *self,
                                                 double          zoom);
void           resell_flaw_view_zoom_in         (ResellFlawView *self);
void           resell_flaw_view_zoom_out        (ResellFlawView *self);
void           resell_flaw_view_zoom_to_fit     (ResellFlawView *self);
gboolean       resell_flaw_view_get_fit         (ResellFlawView *self);

/* Draws a new flaw with the current tool as a drag from (@x1, @y1) to
 * (@x2, @y2) in the widget's coordinates would: for keyboard use (a
 * default-sized shape in the middle of what is visible) and tests. */
void           resell_flaw_view_draw            (ResellFlawView *self,
                                                 double          x1,
                                                 double          y1,
                                                 double          x2,
                                                 double          y2);
/* Adds a default-sized flaw of the current tool's shape in the middle of
 * what is visible (the keyboard's way to draw). */
void           resell_flaw_view_add_at_center   (ResellFlawView *self);

/* Points between the upright original (fractions) and the widget. */
gboolean       resell_flaw_view_upright_to_widget (ResellFlawView *self,
                                                   double          x,
                                                   double          y,
                                                   double         *widget_x,
                                                   double         *widget_y);

G_END_DECLS
