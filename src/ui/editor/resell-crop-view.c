/* resell-crop-view.c
 *
 * The picture shown is made by the core, on a worker thread, exactly as the
 * listing images are (EXIF orientation, quarter turns, straightening) but
 * without crop, trim or whitening: crop fractions are fractions of that
 * picture, so what the seller frames here is what the renderer cuts.
 *
 * One file on purpose, though it is long: drawing, dragging and the arrow
 * keys all work on the same crop in the same picture coordinates
 * (get_picture_rect(), get_crop_rect(), store_crop(), refit_aspect()), so
 * any split would export most of the geometry through a private header for
 * the sake of one widget.  The sections (Geometry, Rendering, Drawing,
 * Dragging, Keys, Public, GObject) are the map instead.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-crop-view"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "resell-core.h"
#include "editor/resell-crop-view.h"

/* Straightening is dragged and typed in small steps: wait for a pause
 * before rendering again. */
#define RENDER_DELAY_MS 200

/* Room around the picture so the handles on its edges stay whole. */
#define MARGIN 12.0
#define HANDLE_RADIUS 6.0
#define HIT_SLOP 14.0

/* The crop never gets smaller than this share of either side: a sliver
 * is a slip of the mouse, not a listing photo. */
#define MIN_SIZE 0.05
/* One arrow key press moves or resizes by this share of the picture. */
#define KEY_STEP 0.01

#define MAX_STRAIGHTEN 15.0

/* The picture is a working view, not an export: big enough for a large
 * window, small enough to render in a fraction of a second. */
static const char editor_profile[] =
  "{"
  "\"version\":1,\"id\":\"editor\",\"name\":\"Editor\",\"internal\":true,"
  "\"long_edge\":1280,\"square\":false,\"margin\":0,"
  "\"quality\":90,\"min_quality\":90,\"max_bytes\":0,\"max_photos\":1000,"
  "\"min_long_edge\":1,\"max_megapixels\":200"
  "}";

typedef enum
{
  EDGE_LEFT   = 1 << 0,
  EDGE_RIGHT  = 1 << 1,
  EDGE_TOP    = 1 << 2,
  EDGE_BOTTOM = 1 << 3,
} Edges;

/* What a drag does: DRAG_NONE, DRAG_MOVE, or the Edges it moves. */
#define DRAG_NONE 0u
#define DRAG_MOVE (1u << 4)

typedef struct
{
  double x, y, width, height;   /* fractions of the picture as shown */
} Crop;

struct _ResellCropView
{
  GtkWidget     parent_instance;

  char         *path;
  int           stored_width;    /* the original as stored, 0 when unknown */
  int           stored_height;
  int           swaps;           /* the EXIF orientation swaps the sides: 1, 0, or -1 unknown */
  int           rotate;
  double        straighten;

  gboolean      has_crop;
  Crop          crop;            /* the whole picture when !has_crop */
  double        aspect;          /* width / height in pixels the crop keeps; 0 for any */

  GdkTexture   *texture;         /* the picture as shown, or NULL */
  int           texture_rotate;  /* the turn and straightening it was */
  double        texture_straighten;  /* rendered at */
  GCancellable *render_cancellable;
  guint         render_source;
  gboolean      busy;
  char         *error;

  guint         drag_mode;
  Crop          drag_start;
};

G_DEFINE_FINAL_TYPE (ResellCropView, resell_crop_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ROTATE,
  PROP_STRAIGHTEN,
  PROP_HAS_CROP,
  PROP_BUSY,
  PROP_READY,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_CROP_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const Crop whole = { 0.0, 0.0, 1.0, 1.0 };

/* Geometry */

static void
oriented_size (ResellCropView *self,
               int             swaps,
               int             rotate,
               double         *width,
               double         *height)
{
  gboolean swap = swaps != (rotate == 90 || rotate == 270);

  *width = swap ? self->stored_height : self->stored_width;
  *height = swap ? self->stored_width : self->stored_height;
}

/* The picture as shown, in pixels of the original: the shape crop fractions
 * are fractions of.  Known from the stored size at once for any
 * straightening, once one rendered picture told whether the EXIF
 * orientation swaps the sides; else from the picture shown, but only once
 * it is the picture at the current turn and straightening: until the new
 * one arrives the shape is not known. */
static gboolean
get_shown_size (ResellCropView *self,
                double         *width,
                double         *height)
{
  if (self->stored_width > 0 && self->stored_height > 0 && self->swaps >= 0)
    {
      double w, h;

      oriented_size (self, self->swaps, self->rotate, &w, &h);
      resell_photo_edits_straightened_size (w, h, self->straighten, width, height);
      return *width > 0.0 && *height > 0.0;
    }

  if (self->texture != NULL &&
      self->texture_rotate == self->rotate && self->texture_straighten == self->straighten)
    {
      *width = gdk_texture_get_width (self->texture);
      *height = gdk_texture_get_height (self->texture);
      return TRUE;
    }

  return FALSE;
}

/* The EXIF orientation is read by the core, not here: whichever way of
 * standing the original matches the rendered picture's shape is it. */
static void
learn_orientation (ResellCropView *self,
                   GdkTexture     *texture,
                   int             rotate,
                   double          straighten)
{
  double shape = (double) gdk_texture_get_width (texture) / gdk_texture_get_height (texture);
  double best_diff = G_MAXDOUBLE;

  if (self->stored_width <= 0 || self->stored_height <= 0)
    return;

  for (int swaps = 0; swaps <= 1; swaps++)
    {
      double w, h, sw, sh, diff;

      oriented_size (self, swaps, rotate, &w, &h);
      resell_photo_edits_straightened_size (w, h, straighten, &sw, &sh);
      if (sw <= 0.0 || sh <= 0.0)
        continue;
      diff = fabs (log ((sw / sh) / shape));
      if (diff < best_diff)
        {
          best_diff = diff;
          self->swaps = swaps;
        }
    }
}

/* Where the picture is drawn, in widget coordinates. */
static gboolean
get_picture_rect (ResellCropView  *self,
                  graphene_rect_t *rect)
{
  double avail_width = gtk_widget_get_width (GTK_WIDGET (self)) - 2 * MARGIN;
  double avail_height = gtk_widget_get_height (GTK_WIDGET (self)) - 2 * MARGIN;
  double tw, th, scale, w, h;

  if (self->texture == NULL || avail_width < 1.0 || avail_height < 1.0)
    return FALSE;

  tw = gdk_texture_get_width (self->texture);
  th = gdk_texture_get_height (self->texture);
  scale = MIN (avail_width / tw, avail_height / th);
  w = round (tw * scale);
  h = round (th * scale);
  graphene_rect_init (rect,
                      floor (MARGIN + (avail_width - w) / 2),
                      floor (MARGIN + (avail_height - h) / 2),
                      w, h);
  return TRUE;
}

static void
get_crop_rect (ResellCropView        *self,
               const graphene_rect_t *picture,
               graphene_rect_t       *rect)
{
  graphene_rect_init (rect,
                      picture->origin.x + self->crop.x * picture->size.width,
                      picture->origin.y + self->crop.y * picture->size.height,
                      self->crop.width * picture->size.width,
                      self->crop.height * picture->size.height);
}

static gboolean
is_whole (const Crop *crop)
{
  return crop->x < 1e-6 && crop->y < 1e-6 && crop->width > 1.0 - 1e-6 && crop->height > 1.0 - 1e-6;
}

static void
update_accessible (ResellCropView *self)
{
  g_autofree char *text = NULL;

  if (!self->has_crop)
    text = g_strdup (_("No crop: the whole picture is kept"));
  else
    /* Translators: where the crop lies, in percent of the picture */
    text = g_strdup_printf (_("%.0f %% from the left, %.0f %% from the top, %.0f %% wide, %.0f %% high"),
                            self->crop.x * 100, self->crop.y * 100,
                            self->crop.width * 100, self->crop.height * 100);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
}

/* Stores @crop as it is (only kept inside the picture); @by_seller says
 * the seller made the change, which is then announced. */
static void
store_crop (ResellCropView *self,
            const Crop     *crop,
            gboolean        by_seller)
{
  Crop next = *crop;
  gboolean had_crop = self->has_crop;

  next.width = CLAMP (next.width, 0.0, 1.0);
  next.height = CLAMP (next.height, 0.0, 1.0);
  next.x = CLAMP (next.x, 0.0, 1.0 - next.width);
  next.y = CLAMP (next.y, 0.0, 1.0 - next.height);

  if (is_whole (&next))
    next = whole;

  if (memcmp (&next, &self->crop, sizeof next) == 0)
    return;

  /* The aspect stays when the crop is the whole picture: a shape chosen
   * that is the picture's own (4:3 on a 4:3 photo, or grown to the whole
   * picture) is still the shape, when straightening changes the picture's. */
  self->crop = next;
  self->has_crop = !is_whole (&next);

  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));

  if (had_crop != self->has_crop)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_CROP]);
  if (by_seller)
    g_signal_emit (self, signals[SIGNAL_CROP_CHANGED], 0);
}

/* A crop the seller changed: at least MIN_SIZE of each side. */
static void
seller_crop (ResellCropView *self,
             const Crop     *crop)
{
  Crop next = *crop;

  next.width = CLAMP (next.width, MIN_SIZE, 1.0);
  next.height = CLAMP (next.height, MIN_SIZE, 1.0);
  store_crop (self, &next, TRUE);
}

/* The crop's size in pixels for @width (in pixels) at self->aspect, kept
 * between the smallest crop and the whole picture. */
static void
size_for_aspect (ResellCropView *self,
                 double          pw,
                 double          ph,
                 double          width,
                 Crop           *crop)
{
  double largest = MIN (pw, ph * self->aspect);
  double smallest = MAX (MIN_SIZE * pw, MIN_SIZE * ph * self->aspect);

  width = CLAMP (width, MIN (smallest, largest), largest);
  crop->width = width / pw;
  crop->height = width / self->aspect / ph;
}

/* After a change of straightening the picture has another shape: a crop
 * made to an aspect, the whole picture included, is made to it again
 * around its centre.  Also when the picture arrives, for a shape not known
 * before. */
static void
refit_aspect (ResellCropView *self)
{
  Crop next = self->crop;
  double pw, ph, cx, cy;

  if (self->aspect <= 0.0 || !get_shown_size (self, &pw, &ph))
    return;

  cx = next.x + next.width / 2;
  cy = next.y + next.height / 2;
  size_for_aspect (self, pw, ph, next.width * pw, &next);
  next.x = cx - next.width / 2;
  next.y = cy - next.height / 2;
  /* Already of that shape (within rounding): not a change to announce. */
  if (fabs (next.x - self->crop.x) < 1e-9 && fabs (next.y - self->crop.y) < 1e-9 &&
      fabs (next.width - self->crop.width) < 1e-9 && fabs (next.height - self->crop.height) < 1e-9)
    return;
  store_crop (self, &next, TRUE);
}

/* Rendering */

typedef struct
{
  char   *path;
  int     rotate;
  double  straighten;
} RenderData;

static void
render_data_free (RenderData *data)
{
  g_free (data->path);
  g_free (data);
}

static void
render_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RenderData *data = task_data;
  g_autoptr(ResellListingProfile) profile = NULL;
  g_autoptr(ResellPhotoEdits) edits = resell_photo_edits_new ();
  g_autoptr(GBytes) bytes = NULL;
  GdkTexture *texture;
  GError *error = NULL;

  /* The picture as shown: no crop (it is drawn on top), and no trim or
   * whitening, which would move or hide what the seller frames. */
  edits->rotate = data->rotate;
  edits->straighten = data->straighten;
  edits->has_crop = FALSE;
  edits->auto_trim = FALSE;
  edits->whiten = FALSE;

  if (!(profile = resell_listing_profile_new_from_data ("editor", editor_profile, -1, &error)) ||
      !(bytes = resell_listing_render (data->path, edits, profile, NULL, NULL, cancellable, &error)) ||
      !(texture = gdk_texture_new_from_bytes (bytes, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, texture, g_object_unref);
}

static void
set_busy (ResellCropView *self,
          gboolean        busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
set_error (ResellCropView *self,
           const char     *error)
{
  if (g_strcmp0 (self->error, error) == 0)
    return;
  g_free (self->error);
  self->error = g_strdup (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
render_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  ResellCropView *self;
  RenderData *data;
  gboolean was_ready;

  texture = g_task_propagate_pointer (G_TASK (result), &error);
  if (texture == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Not cancelled: the view is still there and still wants this picture. */
  self = RESELL_CROP_VIEW (user_data);
  data = g_task_get_task_data (G_TASK (result));
  set_busy (self, FALSE);

  if (texture == NULL)
    {
      set_error (self, error->message);
      return;
    }

  was_ready = self->texture != NULL;
  g_set_object (&self->texture, texture);
  self->texture_rotate = data->rotate;
  self->texture_straighten = data->straighten;
  learn_orientation (self, texture, data->rotate, data->straighten);
  set_error (self, NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (!was_ready)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
  /* A shape chosen while this picture's shape was not known yet. */
  refit_aspect (self);
}

static gboolean
start_render (gpointer user_data)
{
  ResellCropView *self = user_data;
  g_autoptr(GTask) task = NULL;
  RenderData *data;

  self->render_source = 0;

  data = g_new0 (RenderData, 1);
  data->path = g_strdup (self->path);
  data->rotate = self->rotate;
  data->straighten = self->straighten;

  task = g_task_new (NULL, self->render_cancellable, render_done, self);
  g_task_set_source_tag (task, start_render);
  g_task_set_task_data (task, data, (GDestroyNotify) render_data_free);
  g_task_run_in_thread (task, render_thread);

  return G_SOURCE_REMOVE;
}

/* The picture in view no longer matches: the render on its way is of no
 * use any more, and a new one starts after a pause (at once for the
 * first). */
static void
queue_render (ResellCropView *self)
{
  g_clear_handle_id (&self->render_source, g_source_remove);
  g_cancellable_cancel (self->render_cancellable);
  g_clear_object (&self->render_cancellable);

  if (self->path == NULL)
    {
      set_busy (self, FALSE);
      return;
    }

  self->render_cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  self->render_source = g_timeout_add (self->texture != NULL ? RENDER_DELAY_MS : 0, start_render, self);
}

/* Drawing */

static void
append_handle (GtkSnapshot *snapshot,
               float        x,
               float        y)
{
  static const GdkRGBA fill = { 1.0, 1.0, 1.0, 1.0 };
  static const GdkRGBA edge[4] = {
    { 0.0, 0.0, 0.0, 0.5 }, { 0.0, 0.0, 0.0, 0.5 },
    { 0.0, 0.0, 0.0, 0.5 }, { 0.0, 0.0, 0.0, 0.5 },
  };
  static const float edge_width[4] = { 1.0, 1.0, 1.0, 1.0 };
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (x - HANDLE_RADIUS, y - HANDLE_RADIUS,
                                               2 * HANDLE_RADIUS, 2 * HANDLE_RADIUS);
  GskRoundedRect dot;

  gsk_rounded_rect_init_from_rect (&dot, &bounds, HANDLE_RADIUS);
  gtk_snapshot_push_rounded_clip (snapshot, &dot);
  gtk_snapshot_append_color (snapshot, &fill, &bounds);
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_append_border (snapshot, &dot, edge_width, edge);
}

static void
append_frame (GtkSnapshot           *snapshot,
              const graphene_rect_t *rect,
              float                  width,
              const GdkRGBA         *color)
{
  const float widths[4] = { width, width, width, width };
  const GdkRGBA colors[4] = { *color, *color, *color, *color };
  GskRoundedRect outline;

  gsk_rounded_rect_init_from_rect (&outline, rect, 0);
  gtk_snapshot_append_border (snapshot, &outline, widths, colors);
}

static void
append_shade (GtkSnapshot *snapshot,
              float        x,
              float        y,
              float        width,
              float        height)
{
  static const GdkRGBA shade = { 0.0, 0.0, 0.0, 0.6 };

  if (width > 0 && height > 0)
    gtk_snapshot_append_color (snapshot, &shade, &GRAPHENE_RECT_INIT (x, y, width, height));
}

static void
resell_crop_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  ResellCropView *self = RESELL_CROP_VIEW (widget);
  static const GdkRGBA white = { 1.0, 1.0, 1.0, 1.0 };
  static const GdkRGBA outline = { 0.0, 0.0, 0.0, 0.5 };
  static const GdkRGBA guide = { 1.0, 1.0, 1.0, 0.45 };
  static const GdkRGBA focus = { 0.208, 0.518, 0.894, 1.0 };   /* Adwaita's accent blue */
  graphene_rect_t picture, crop, frame;
  float left, top, right, bottom, cx, cy;

  if (!get_picture_rect (self, &picture))
    return;

  gtk_snapshot_append_texture (snapshot, self->texture, &picture);
  get_crop_rect (self, &picture, &crop);
  left = crop.origin.x;
  top = crop.origin.y;
  right = left + crop.size.width;
  bottom = top + crop.size.height;

  /* What the listing image leaves out is darkened. */
  append_shade (snapshot, picture.origin.x, picture.origin.y, picture.size.width, top - picture.origin.y);
  append_shade (snapshot, picture.origin.x, bottom, picture.size.width,
                picture.origin.y + picture.size.height - bottom);
  append_shade (snapshot, picture.origin.x, top, left - picture.origin.x, crop.size.height);
  append_shade (snapshot, right, top, picture.origin.x + picture.size.width - right, crop.size.height);

  /* Thirds while dragging, to place the product by. */
  if (self->drag_mode != DRAG_NONE)
    for (int i = 1; i <= 2; i++)
      {
        gtk_snapshot_append_color (snapshot, &guide,
                                   &GRAPHENE_RECT_INIT (left + crop.size.width * i / 3, top, 1, crop.size.height));
        gtk_snapshot_append_color (snapshot, &guide,
                                   &GRAPHENE_RECT_INIT (left, top + crop.size.height * i / 3, crop.size.width, 1));
      }

  /* White on a dark outline: visible on a white backdrop and on a dark one. */
  graphene_rect_inset_r (&crop, -2, -2, &frame);
  append_frame (snapshot, &frame, 1, &outline);
  graphene_rect_inset_r (&crop, -1, -1, &frame);
  append_frame (snapshot, &frame, 2, &white);
  if (gtk_widget_has_focus (widget))
    {
      graphene_rect_inset_r (&crop, -5, -5, &frame);
      append_frame (snapshot, &frame, 2, &focus);
    }

  cx = (left + right) / 2;
  cy = (top + bottom) / 2;
  append_handle (snapshot, left, top);
  append_handle (snapshot, cx, top);
  append_handle (snapshot, right, top);
  append_handle (snapshot, right, cy);
  append_handle (snapshot, right, bottom);
  append_handle (snapshot, cx, bottom);
  append_handle (snapshot, left, bottom);
  append_handle (snapshot, left, cy);
}

static void
resell_crop_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  gboolean horizontal = orientation == GTK_ORIENTATION_HORIZONTAL;

  *minimum = horizontal ? 240 : 180;
  *natural = horizontal ? 720 : 540;
}

/* Dragging */

static guint
hit_test (ResellCropView *self,
          double          x,
          double          y)
{
  graphene_rect_t picture, crop;
  double left, right, top, bottom, slop_x, slop_y;
  guint edges = 0;

  if (!get_picture_rect (self, &picture))
    return DRAG_NONE;

  get_crop_rect (self, &picture, &crop);
  left = crop.origin.x;
  top = crop.origin.y;
  right = left + crop.size.width;
  bottom = top + crop.size.height;
  /* A small crop keeps a middle to grab. */
  slop_x = MIN (HIT_SLOP, crop.size.width / 3);
  slop_y = MIN (HIT_SLOP, crop.size.height / 3);

  if (y >= top - slop_y && y <= bottom + slop_y)
    {
      if (fabs (x - left) <= slop_x && fabs (x - left) <= fabs (x - right))
        edges |= EDGE_LEFT;
      else if (fabs (x - right) <= slop_x)
        edges |= EDGE_RIGHT;
    }
  if (x >= left - slop_x && x <= right + slop_x)
    {
      if (fabs (y - top) <= slop_y && fabs (y - top) <= fabs (y - bottom))
        edges |= EDGE_TOP;
      else if (fabs (y - bottom) <= slop_y)
        edges |= EDGE_BOTTOM;
    }

  if (edges != 0)
    return edges;
  if (x > left && x < right && y > top && y < bottom)
    return DRAG_MOVE;
  return DRAG_NONE;
}

static const char *
cursor_for (guint mode)
{
  switch (mode)
    {
    case DRAG_MOVE:                   return "move";
    case EDGE_LEFT | EDGE_TOP:        return "nw-resize";
    case EDGE_RIGHT | EDGE_TOP:       return "ne-resize";
    case EDGE_LEFT | EDGE_BOTTOM:     return "sw-resize";
    case EDGE_RIGHT | EDGE_BOTTOM:    return "se-resize";
    case EDGE_LEFT:                   return "w-resize";
    case EDGE_RIGHT:                  return "e-resize";
    case EDGE_TOP:                    return "n-resize";
    case EDGE_BOTTOM:                 return "s-resize";
    default:                          return NULL;
    }
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           ResellCropView           *self)
{
  if (self->drag_mode == DRAG_NONE)
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self), cursor_for (hit_test (self, x, y)));
}

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               ResellCropView *self)
{
  guint mode = hit_test (self, x, y);

  gtk_widget_grab_focus (GTK_WIDGET (self));

  if (mode == DRAG_NONE)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  self->drag_mode = mode;
  self->drag_start = self->crop;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_corner_keeping_aspect (ResellCropView        *self,
                            const graphene_rect_t *picture,
                            double                 offset_x,
                            double                 offset_y)
{
  const Crop *start = &self->drag_start;
  guint edges = self->drag_mode;
  double anchor_x = edges & EDGE_LEFT ? start->x + start->width : start->x;
  double anchor_y = edges & EDGE_TOP ? start->y + start->height : start->y;
  /* The corner grabbed is where it started plus how far the pointer went,
   * not where the pointer is: that may have been up to HIT_SLOP off the
   * corner, and the crop would jump to it at the start of the drag. */
  double corner_x = edges & EDGE_LEFT ? start->x : start->x + start->width;
  double corner_y = edges & EDGE_TOP ? start->y : start->y + start->height;
  double pointer_x = corner_x + offset_x / picture->size.width;
  double pointer_y = corner_y + offset_y / picture->size.height;
  double room_x = edges & EDGE_LEFT ? anchor_x : 1.0 - anchor_x;
  double room_y = edges & EDGE_TOP ? anchor_y : 1.0 - anchor_y;
  double pw, ph, width;
  Crop next;

  if (!get_shown_size (self, &pw, &ph))
    return;

  /* Whichever way the pointer went further decides the size; the opposite
   * corner stays where it is. */
  width = MAX (fabs (pointer_x - anchor_x) * pw, fabs (pointer_y - anchor_y) * ph * self->aspect);
  width = MIN (width, MIN (room_x * pw, room_y * ph * self->aspect));
  size_for_aspect (self, pw, ph, width, &next);
  if (next.width > room_x + 1e-9 || next.height > room_y + 1e-9)
    return;   /* no room for even the smallest crop on that side */

  next.x = edges & EDGE_LEFT ? anchor_x - next.width : anchor_x;
  next.y = edges & EDGE_TOP ? anchor_y - next.height : anchor_y;
  seller_crop (self, &next);
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          offset_x,
                double          offset_y,
                ResellCropView *self)
{
  const Crop *start = &self->drag_start;
  graphene_rect_t picture;
  double dx, dy, left, right, top, bottom;
  guint edges = self->drag_mode;
  Crop next;

  if (edges == DRAG_NONE || !get_picture_rect (self, &picture))
    return;

  dx = offset_x / picture.size.width;
  dy = offset_y / picture.size.height;

  if (edges == DRAG_MOVE)
    {
      next = *start;
      next.x = CLAMP (start->x + dx, 0.0, 1.0 - start->width);
      next.y = CLAMP (start->y + dy, 0.0, 1.0 - start->height);
      store_crop (self, &next, TRUE);
      return;
    }

  if (self->aspect > 0.0 && (edges & (EDGE_LEFT | EDGE_RIGHT)) && (edges & (EDGE_TOP | EDGE_BOTTOM)))
    {
      drag_corner_keeping_aspect (self, &picture, offset_x, offset_y);
      return;
    }

  /* An edge changes the shape: the crop no longer keeps an aspect. */
  self->aspect = 0.0;

  left = start->x;
  top = start->y;
  right = start->x + start->width;
  bottom = start->y + start->height;
  if (edges & EDGE_LEFT)
    left = CLAMP (left + dx, 0.0, right - MIN_SIZE);
  if (edges & EDGE_RIGHT)
    right = CLAMP (right + dx, left + MIN_SIZE, 1.0);
  if (edges & EDGE_TOP)
    top = CLAMP (top + dy, 0.0, bottom - MIN_SIZE);
  if (edges & EDGE_BOTTOM)
    bottom = CLAMP (bottom + dy, top + MIN_SIZE, 1.0);

  next = (Crop) { left, top, right - left, bottom - top };
  seller_crop (self, &next);
}

static void
on_drag_end (GtkGestureDrag *gesture,
             double          offset_x,
             double          offset_y,
             ResellCropView *self)
{
  self->drag_mode = DRAG_NONE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Keys: the crop without a mouse */

static void
move_by (ResellCropView *self,
         int             dx,
         int             dy)
{
  Crop next = self->crop;

  next.x += dx * KEY_STEP;
  next.y += dy * KEY_STEP;
  store_crop (self, &next, TRUE);
}

/* Right and Down grow the crop, Left and Up shrink it; its top left corner
 * stays unless the crop would leave the picture. */
static void
resize_by (ResellCropView *self,
           int             dx,
           int             dy)
{
  Crop next = self->crop;
  double pw, ph, width;

  if (self->aspect > 0.0)
    {
      /* The picture at the new turn or straightening is on its way: its
       * shape, which the crop's keeps, is not known yet. */
      if (!get_shown_size (self, &pw, &ph))
        return;

      width = next.width * pw;
      if (dx != 0)
        width += dx * KEY_STEP * pw;
      else
        width += dy * KEY_STEP * ph * self->aspect;
      size_for_aspect (self, pw, ph, width, &next);
    }
  else
    {
      next.width = CLAMP (next.width + dx * KEY_STEP, MIN_SIZE, 1.0);
      next.height = CLAMP (next.height + dy * KEY_STEP, MIN_SIZE, 1.0);
    }

  next.x = MIN (next.x, 1.0 - next.width);
  next.y = MIN (next.y, 1.0 - next.height);
  seller_crop (self, &next);
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                ResellCropView        *self)
{
  int dx = 0, dy = 0;

  switch (keyval)
    {
    case GDK_KEY_Left:  case GDK_KEY_KP_Left:  dx = -1; break;
    case GDK_KEY_Right: case GDK_KEY_KP_Right: dx = 1;  break;
    case GDK_KEY_Up:    case GDK_KEY_KP_Up:    dy = -1; break;
    case GDK_KEY_Down:  case GDK_KEY_KP_Down:  dy = 1;  break;
    default:
      return FALSE;
    }

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;

  /* Handled even when the crop cannot go further, so an arrow at the
   * picture's edge does not throw the focus to another control. */
  if (self->texture == NULL)
    return TRUE;

  if (state & GDK_SHIFT_MASK)
    resize_by (self, dx, dy);
  else
    move_by (self, dx, dy);
  return TRUE;
}

static void
on_focus_changed (ResellCropView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Public */

GtkWidget *
resell_crop_view_new (void)
{
  return g_object_new (RESELL_TYPE_CROP_VIEW, NULL);
}

void
resell_crop_view_set_original (ResellCropView *self,
                               const char     *path,
                               int             width,
                               int             height)
{
  g_return_if_fail (RESELL_IS_CROP_VIEW (self));

  g_free (self->path);
  self->path = g_strdup (path);
  self->stored_width = MAX (width, 0);
  self->stored_height = MAX (height, 0);
  self->swaps = -1;
  if (self->texture != NULL)
    {
      g_clear_object (&self->texture);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
    }
  set_error (self, NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  queue_render (self);
}

int
resell_crop_view_get_rotate (ResellCropView *self)
{
  g_return_val_if_fail (RESELL_IS_CROP_VIEW (self), 0);
  return self->rotate;
}

void
resell_crop_view_set_rotate (ResellCropView *self,
                             int             rotate)
{
  g_return_if_fail (RESELL_IS_CROP_VIEW (self));
  g_return_if_fail (rotate % 90 == 0);

  rotate = ((rotate % 360) + 360) % 360;
  if (self->rotate == rotate)
    return;

  self->rotate = rotate;
  /* The crop was drawn on the picture standing the other way, and so was
   * the shape chosen for it. */
  self->aspect = 0.0;
  store_crop (self, &whole, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROTATE]);
  queue_render (self);
}

double
resell_crop_view_get_straighten (ResellCropView *self)
{
  g_return_val_if_fail (RESELL_IS_CROP_VIEW (self), 0.0);
  return self->straighten;
}

void
resell_crop_view_set_straighten (ResellCropView *self,
                                 double          straighten)
{
  g_return_if_fail (RESELL_IS_CROP_VIEW (self));

  if (!isfinite (straighten))
    straighten = 0.0;
  straighten = CLAMP (straighten, -MAX_STRAIGHTEN, MAX_STRAIGHTEN);
  if (self->straighten == straighten)
    return;

  self->straighten = straighten;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STRAIGHTEN]);
  refit_aspect (self);
  queue_render (self);
}

gboolean
resell_crop_view_get_busy (ResellCropView *self)
{
  g_return_val_if_fail (RESELL_IS_CROP_VIEW (self), FALSE);
  return self->busy;
}

gboolean
resell_crop_view_get_ready (ResellCropView *self)
{
  g_return_val_if_fail (RESELL_IS_CROP_VIEW (self), FALSE);
  return self->texture != NULL;
}

const char *
resell_crop_view_get_error (ResellCropView *self)
{
  g_return_val_if_fail (RESELL_IS_CROP_VIEW (self), NULL);
  return self->error;
}

gboolean
resell_crop_view_get_crop (ResellCropView *self,
                           double         *x,
                           double         *y,
                           double         *width,
                           double         *height)
{
  g_return_val_if_fail (RESELL_IS_CROP_VIEW (self), FALSE);

  *x = self->crop.x;
  *y = self->crop.y;
  *width = self->crop.width;
  *height = self->crop.height;
  return self->has_crop;
}

void
resell_crop_view_set_crop (ResellCropView *self,
                           gboolean        has_crop,
                           double          x,
                           double          y,
                           double          width,
                           double          height)
{
  Crop crop = { x, y, width, height };

  g_return_if_fail (RESELL_IS_CROP_VIEW (self));

  self->aspect = 0.0;
  if (!has_crop || !isfinite (x) || !isfinite (y) || !isfinite (width) || !isfinite (height) ||
      width <= 0.0 || height <= 0.0)
    crop = whole;
  store_crop (self, &crop, FALSE);
}

void
resell_crop_view_crop_to_aspect (ResellCropView *self,
                                 double          aspect)
{
  double pw, ph;
  Crop next;

  g_return_if_fail (RESELL_IS_CROP_VIEW (self));
  g_return_if_fail (aspect > 0.0);

  self->aspect = aspect;

  /* The picture at the new turn or straightening, whose shape is needed,
   * is on its way: the whole picture for now, which refit_aspect() makes
   * the largest centred crop of @aspect when the picture arrives. */
  if (!get_shown_size (self, &pw, &ph))
    {
      store_crop (self, &whole, TRUE);
      return;
    }

  size_for_aspect (self, pw, ph, MIN (pw, ph * aspect), &next);
  next.x = (1.0 - next.width) / 2;
  next.y = (1.0 - next.height) / 2;
  store_crop (self, &next, TRUE);
}

void
resell_crop_view_reset_crop (ResellCropView *self)
{
  g_return_if_fail (RESELL_IS_CROP_VIEW (self));

  self->aspect = 0.0;
  store_crop (self, &whole, TRUE);
}

/* GObject */

static void
resell_crop_view_dispose (GObject *object)
{
  ResellCropView *self = (ResellCropView *)object;

  g_clear_handle_id (&self->render_source, g_source_remove);
  g_cancellable_cancel (self->render_cancellable);
  g_clear_object (&self->render_cancellable);
  g_clear_object (&self->texture);

  G_OBJECT_CLASS (resell_crop_view_parent_class)->dispose (object);
}

static void
resell_crop_view_finalize (GObject *object)
{
  ResellCropView *self = (ResellCropView *)object;

  g_free (self->path);
  g_free (self->error);

  G_OBJECT_CLASS (resell_crop_view_parent_class)->finalize (object);
}

static void
resell_crop_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ResellCropView *self = RESELL_CROP_VIEW (object);

  switch (prop_id)
    {
    case PROP_ROTATE:
      g_value_set_int (value, self->rotate);
      break;
    case PROP_STRAIGHTEN:
      g_value_set_double (value, self->straighten);
      break;
    case PROP_HAS_CROP:
      g_value_set_boolean (value, self->has_crop);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_READY:
      g_value_set_boolean (value, self->texture != NULL);
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_crop_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ResellCropView *self = RESELL_CROP_VIEW (object);

  switch (prop_id)
    {
    case PROP_ROTATE:
      resell_crop_view_set_rotate (self, g_value_get_int (value));
      break;
    case PROP_STRAIGHTEN:
      resell_crop_view_set_straighten (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_crop_view_class_init (ResellCropViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = resell_crop_view_dispose;
  object_class->finalize = resell_crop_view_finalize;
  object_class->get_property = resell_crop_view_get_property;
  object_class->set_property = resell_crop_view_set_property;

  widget_class->snapshot = resell_crop_view_snapshot;
  widget_class->measure = resell_crop_view_measure;

  properties[PROP_ROTATE] =
    g_param_spec_int ("rotate", NULL, NULL, 0, 270, 0,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_STRAIGHTEN] =
    g_param_spec_double ("straighten", NULL, NULL, -MAX_STRAIGHTEN, MAX_STRAIGHTEN, 0.0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_HAS_CROP] =
    g_param_spec_boolean ("has-crop", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_READY] =
    g_param_spec_boolean ("ready", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_CROP_CHANGED] =
    g_signal_new ("crop-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "cropview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
resell_crop_view_init (ResellCropView *self)
{
  GtkGesture *drag;
  GtkEventController *controller;

  self->crop = whole;
  self->swaps = -1;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self),
                               _("Drag the frame or its handles. Arrow keys move the crop, Shift with an arrow key resizes it."));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Crop"),
                                  -1);
  update_accessible (self);

  drag = gtk_gesture_drag_new ();
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "enter", G_CALLBACK (on_focus_changed), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (on_focus_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}
