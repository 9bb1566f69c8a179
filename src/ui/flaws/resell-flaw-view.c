/* resell-flaw-view.c
 *
 * Three coordinate spaces meet here.  Flaws are kept in fractions of the
 * upright original (what the catalog stores, so they stay put through the
 * editor's turns and crops); the picture shown is the photo with the
 * seller's turn, straightening and crop applied, and geometry on it is in
 * fractions of that picture ("view" fractions); the widget draws it at a
 * zoom and a scroll offset.  The core's photo-edits mapping goes between
 * the first two (map_to_view(), map_to_upright()); the zoom and the
 * adjustments between the last two (get_picture_rect()).
 *
 * One file, though long: drawing, hit testing, dragging, the keys and the
 * zoom all work on the same picture rectangle and the same mapping, and a
 * split would export most of that geometry through a private header for
 * one widget.  The sections (mapping, zoom and scrolling, rendering,
 * drawing, dragging, keys, public, GObject) are the map instead.
 *
 * The picture is rendered by the core on a worker thread, as the photo
 * editor's crop view does, but without auto-trim: the trim box is found
 * in the pixels, so no mapping could place a flaw on a trimmed picture.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-flaw-view"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "flaws/resell-flaw-view.h"

/* Big enough to zoom into a stitch on a large screen, small enough to
 * render in about a second. */
static const char flaw_profile[] =
  "{"
  "\"version\":1,\"id\":\"flaws\",\"name\":\"Flaws\",\"internal\":true,"
  "\"long_edge\":2400,\"square\":false,\"margin\":0,"
  "\"quality\":92,\"min_quality\":92,\"max_bytes\":0,\"max_photos\":1000,"
  "\"min_long_edge\":1,\"max_megapixels\":200"
  "}";

#define MARGIN 16.0
#define HANDLE_RADIUS 5.0
#define HIT_SLOP 8.0
#define POINT_RADIUS 9.0
#define MIN_ZOOM 0.02
#define MAX_ZOOM 8.0
#define ZOOM_STEP 1.25
/* A click (not a drag) with the ellipse or rectangle tool makes one of
 * this share of the picture's shorter side. */
#define DEFAULT_SIZE 0.08
/* A drag shorter than this many pixels is a click. */
#define CLICK_SLOP 4.0
/* One arrow key press moves or resizes a flaw by this share of the picture. */
#define KEY_STEP 0.005

typedef struct
{
  double x, y, width, height;   /* view fractions */
} Box;

typedef enum
{
  DRAG_NONE,
  DRAG_CREATE,
  DRAG_MOVE,
  DRAG_RESIZE,
  DRAG_PAN,
} DragMode;

struct _ResellFlawView
{
  GtkWidget          parent_instance;

  gint64             photo_id;
  char              *path;
  ResellPhotoEdits  *edits;          /* the photo's; trim is ignored */
  double             upright_width;  /* the original upright, in pixels */
  double             upright_height;

  GListModel        *flaws;
  gint64             selected_id;
  ResellFlawTool     tool;

  GdkTexture        *texture;
  GCancellable      *render_cancellable;
  char              *error;

  double             zoom;
  gboolean           fit;
  GtkAdjustment     *hadjustment;
  GtkAdjustment     *vadjustment;
  guint              hscroll_policy : 1;
  guint              vscroll_policy : 1;
  gboolean           space_down;

  DragMode           drag_mode;
  double             drag_x;        /* where the drag began, widget coordinates */
  double             drag_y;
  double             drag_dx;
  double             drag_dy;
  Box                drag_start;    /* the flaw being moved or resized, as it began */
  Box                drag_box;      /* and as it is now */
  int                drag_corner;   /* 0..3: top-left, top-right, bottom-right, bottom-left */
  double             pan_h;         /* the adjustments when a pan began */
  double             pan_v;
  double             pinch_zoom;
};

static void resell_flaw_view_scrollable_init (GtkScrollableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ResellFlawView, resell_flaw_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, resell_flaw_view_scrollable_init))

enum {
  PROP_0,
  PROP_FLAWS,
  PROP_SELECTED_ID,
  PROP_TOOL,
  PROP_ZOOM,
  PROP_FIT,
  PROP_READY,
  PROP_ERROR,
  N_PROPS,
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_CREATE_FLAW,
  SIGNAL_CHANGE_FLAW,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void update_accessible (ResellFlawView *self);

/* Upright original ↔ view fractions */

static void
map_to_view (ResellFlawView *self,
             double          x,
             double          y,
             double         *vx,
             double         *vy)
{
  resell_photo_edits_upright_to_edited (self->edits, self->upright_width, self->upright_height,
                                        x, y, vx, vy);
}

static void
map_to_upright (ResellFlawView *self,
                double          vx,
                double          vy,
                double         *x,
                double         *y)
{
  resell_photo_edits_edited_to_upright (self->edits, self->upright_width, self->upright_height,
                                        vx, vy, x, y);
}

/* A box maps to the box around its mapped corners: exact for quarter
 * turns and crops, near enough for a few degrees of straightening. */
static void
map_box (ResellFlawView *self,
         const Box      *in,
         gboolean        to_view,
         Box            *out)
{
  double min_x = G_MAXDOUBLE, min_y = G_MAXDOUBLE, max_x = -G_MAXDOUBLE, max_y = -G_MAXDOUBLE;

  for (int i = 0; i < 4; i++)
    {
      double x = in->x + ((i & 1) ? in->width : 0.0);
      double y = in->y + ((i & 2) ? in->height : 0.0);
      double mx, my;

      if (to_view)
        map_to_view (self, x, y, &mx, &my);
      else
        map_to_upright (self, x, y, &mx, &my);
      min_x = MIN (min_x, mx);
      min_y = MIN (min_y, my);
      max_x = MAX (max_x, mx);
      max_y = MAX (max_y, my);
    }

  out->x = min_x;
  out->y = min_y;
  out->width = max_x - min_x;
  out->height = max_y - min_y;
}

static void
flaw_view_box (ResellFlawView *self,
               ResellFlaw     *flaw,
               Box            *box)
{
  Box upright = {
    resell_flaw_get_x (flaw), resell_flaw_get_y (flaw),
    resell_flaw_get_width (flaw), resell_flaw_get_height (flaw),
  };

  if (resell_flaw_get_shape (flaw) == RESELL_FLAW_SHAPE_POINT)
    upright.width = upright.height = 0.0;
  map_box (self, &upright, TRUE, box);
}

/* Zoom and scrolling */

static double
fit_zoom (ResellFlawView *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self)) - 2 * MARGIN;
  double height = gtk_widget_get_height (GTK_WIDGET (self)) - 2 * MARGIN;

  if (self->texture == NULL || width <= 0 || height <= 0)
    return 1.0;
  return CLAMP (MIN (width / gdk_texture_get_width (self->texture),
                     height / gdk_texture_get_height (self->texture)),
                MIN_ZOOM, MAX_ZOOM);
}

static double
content_size (ResellFlawView *self,
              GtkOrientation  orientation)
{
  if (self->texture == NULL)
    return 0.0;
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    return gdk_texture_get_width (self->texture) * self->zoom + 2 * MARGIN;
  return gdk_texture_get_height (self->texture) * self->zoom + 2 * MARGIN;
}

static void
configure_adjustment (ResellFlawView *self,
                      GtkAdjustment  *adjustment,
                      GtkOrientation  orientation,
                      double          value)
{
  double page = orientation == GTK_ORIENTATION_HORIZONTAL
    ? gtk_widget_get_width (GTK_WIDGET (self)) : gtk_widget_get_height (GTK_WIDGET (self));
  double upper = MAX (content_size (self, orientation), page);

  if (adjustment == NULL)
    return;
  gtk_adjustment_configure (adjustment, CLAMP (value, 0.0, MAX (upper - page, 0.0)),
                            0.0, upper, page * 0.1, page * 0.9, page);
}

static void
update_adjustments (ResellFlawView *self)
{
  configure_adjustment (self, self->hadjustment, GTK_ORIENTATION_HORIZONTAL,
                        self->hadjustment ? gtk_adjustment_get_value (self->hadjustment) : 0.0);
  configure_adjustment (self, self->vadjustment, GTK_ORIENTATION_VERTICAL,
                        self->vadjustment ? gtk_adjustment_get_value (self->vadjustment) : 0.0);
}

/* Where the picture is drawn, in widget coordinates: centred when it is
 * smaller than the widget, else where the scrollbars put it. */
static gboolean
get_picture_rect (ResellFlawView  *self,
                  graphene_rect_t *rect)
{
  double width, height, x, y;

  if (self->texture == NULL)
    return FALSE;

  width = gdk_texture_get_width (self->texture) * self->zoom;
  height = gdk_texture_get_height (self->texture) * self->zoom;

  if (width + 2 * MARGIN <= gtk_widget_get_width (GTK_WIDGET (self)) || self->hadjustment == NULL)
    x = (gtk_widget_get_width (GTK_WIDGET (self)) - width) / 2;
  else
    x = MARGIN - gtk_adjustment_get_value (self->hadjustment);
  if (height + 2 * MARGIN <= gtk_widget_get_height (GTK_WIDGET (self)) || self->vadjustment == NULL)
    y = (gtk_widget_get_height (GTK_WIDGET (self)) - height) / 2;
  else
    y = MARGIN - gtk_adjustment_get_value (self->vadjustment);

  graphene_rect_init (rect, x, y, width, height);
  return TRUE;
}

/* The zoom changes; the point of the picture at (@x, @y) in the widget
 * stays where it is. */
static void
zoom_about (ResellFlawView *self,
            double          zoom,
            double          x,
            double          y)
{
  graphene_rect_t before, after;
  double fx = 0.5, fy = 0.5;

  zoom = CLAMP (zoom, MIN_ZOOM, MAX_ZOOM);
  if (get_picture_rect (self, &before))
    {
      fx = (x - before.origin.x) / before.size.width;
      fy = (y - before.origin.y) / before.size.height;
    }

  self->zoom = zoom;
  update_adjustments (self);
  if (get_picture_rect (self, &after) && self->hadjustment != NULL && self->vadjustment != NULL)
    {
      /* Where that point is now, moved back under (x, y) by scrolling. */
      double px = after.origin.x + fx * after.size.width;
      double py = after.origin.y + fy * after.size.height;

      gtk_adjustment_set_value (self->hadjustment, gtk_adjustment_get_value (self->hadjustment) + px - x);
      gtk_adjustment_set_value (self->vadjustment, gtk_adjustment_get_value (self->vadjustment) + py - y);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_fit (ResellFlawView *self,
         gboolean        fit)
{
  if (self->fit == fit)
    return;
  self->fit = fit;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIT]);
}

static void
zoom_by_user (ResellFlawView *self,
              double          zoom,
              double          x,
              double          y)
{
  set_fit (self, FALSE);
  zoom_about (self, zoom, x, y);
}

static void
on_adjustment_changed (ResellFlawView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_adjustment (ResellFlawView  *self,
                GtkAdjustment  **slot,
                GtkAdjustment   *adjustment)
{
  if (*slot == adjustment)
    return;
  if (*slot != NULL)
    g_signal_handlers_disconnect_by_func (*slot, on_adjustment_changed, self);
  g_set_object (slot, adjustment);
  if (adjustment != NULL)
    g_signal_connect_swapped (adjustment, "value-changed", G_CALLBACK (on_adjustment_changed), self);
  update_adjustments (self);
}

/* Rendering */

typedef struct
{
  char             *path;
  ResellPhotoEdits *edits;
  int               upright_width;   /* set by the worker */
  int               upright_height;
} RenderData;

static void
render_data_free (RenderData *data)
{
  g_free (data->path);
  resell_photo_edits_free (data->edits);
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
  g_autoptr(GBytes) bytes = NULL;
  GdkTexture *texture;
  GError *error = NULL;

  /* What flaw coordinates are fractions of: read from the file's header,
   * so the EXIF orientation is the core's business, not this widget's. */
  if (!resell_listing_read_upright_size (data->path, &data->upright_width, &data->upright_height, &error) ||
      !(profile = resell_listing_profile_new_from_data ("flaws", flaw_profile, -1, &error)) ||
      !(bytes = resell_listing_render (data->path, data->edits, profile, NULL, NULL, cancellable, &error)) ||
      !(texture = gdk_texture_new_from_bytes (bytes, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, texture, g_object_unref);
}

static void
set_error (ResellFlawView *self,
           const char     *error)
{
  if (g_strcmp0 (self->error, error) == 0)
    return;
  g_free (self->error);
  self->error = g_strdup (error);
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
render_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  ResellFlawView *self;
  RenderData *data;

  texture = g_task_propagate_pointer (G_TASK (result), &error);
  if (texture == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Not cancelled: the view is still there and still shows this photo. */
  self = RESELL_FLAW_VIEW (user_data);
  if (texture == NULL)
    {
      set_error (self, error->message);
      return;
    }

  data = g_task_get_task_data (G_TASK (result));
  g_set_object (&self->texture, texture);
  self->upright_width = data->upright_width;
  self->upright_height = data->upright_height;
  set_error (self, NULL);
  set_fit (self, TRUE);
  self->zoom = fit_zoom (self);
  update_adjustments (self);
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* What a screen reader says of the view beside its name. */
static void
update_accessible (ResellFlawView *self)
{
  g_autofree char *text = NULL;
  guint n = 0;

  if (self->flaws != NULL)
    for (guint i = 0; i < g_list_model_get_n_items (self->flaws); i++)
      {
        g_autoptr(ResellFlaw) flaw = g_list_model_get_item (self->flaws, i);

        if (resell_flaw_get_photo_id (flaw) == self->photo_id)
          n++;
      }

  if (self->error != NULL)
    text = g_strdup (self->error);
  else if (self->texture == NULL)
    text = g_strdup (_("Loading the photo"));
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u flaw marked on this photo",
                                         "%u flaws marked on this photo", n), n);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
}

/* Drawing */

static void
severity_color (ResellFlaw *flaw,
                double     *rgb)
{
  switch (resell_flaw_get_severity (flaw))
    {
    case RESELL_FLAW_SEVERITY_MAJOR:
      rgb[0] = 0.88; rgb[1] = 0.11; rgb[2] = 0.14;
      break;
    case RESELL_FLAW_SEVERITY_MODERATE:
      rgb[0] = 1.0; rgb[1] = 0.47; rgb[2] = 0.0;
      break;
    case RESELL_FLAW_SEVERITY_MINOR:
    default:
      rgb[0] = 0.96; rgb[1] = 0.76; rgb[2] = 0.07;
      break;
    }
}

static gboolean
is_shown (ResellFlawView *self,
          ResellFlaw     *flaw)
{
  return resell_flaw_get_photo_id (flaw) == self->photo_id;
}

static void
to_widget_box (const graphene_rect_t *picture,
               const Box             *box,
               graphene_rect_t       *out)
{
  graphene_rect_init (out,
                      picture->origin.x + box->x * picture->size.width,
                      picture->origin.y + box->y * picture->size.height,
                      box->width * picture->size.width,
                      box->height * picture->size.height);
}

static void
trace_shape (cairo_t               *cr,
             ResellFlawShape        shape,
             const graphene_rect_t *r)
{
  switch (shape)
    {
    case RESELL_FLAW_SHAPE_POINT:
      cairo_new_sub_path (cr);
      cairo_arc (cr, r->origin.x, r->origin.y, POINT_RADIUS, 0, 2 * G_PI);
      break;
    case RESELL_FLAW_SHAPE_ELLIPSE:
      cairo_save (cr);
      cairo_translate (cr, r->origin.x + r->size.width / 2, r->origin.y + r->size.height / 2);
      cairo_scale (cr, MAX (r->size.width / 2, 1.0), MAX (r->size.height / 2, 1.0));
      cairo_new_sub_path (cr);
      cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
      cairo_restore (cr);
      break;
    case RESELL_FLAW_SHAPE_RECT:
    default:
      cairo_rectangle (cr, r->origin.x, r->origin.y, r->size.width, r->size.height);
      break;
    }
}

static void
draw_flaw (ResellFlawView        *self,
           cairo_t               *cr,
           const graphene_rect_t *picture,
           ResellFlaw            *flaw,
           int                    number)
{
  gboolean selected = resell_flaw_get_id (flaw) == self->selected_id;
  ResellFlawShape shape = resell_flaw_get_shape (flaw);
  g_autofree char *label = g_strdup_printf ("%d", number);
  graphene_rect_t r;
  double rgb[3];
  Box box;

  flaw_view_box (self, flaw, &box);
  if (self->drag_mode == DRAG_MOVE || self->drag_mode == DRAG_RESIZE)
    if (selected)
      box = self->drag_box;
  to_widget_box (picture, &box, &r);
  severity_color (flaw, rgb);

  /* A dark outline under the colour, so it shows on any backdrop. */
  trace_shape (cr, shape, &r);
  cairo_set_line_width (cr, selected ? 5.0 : 4.0);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.6);
  cairo_stroke_preserve (cr);
  cairo_set_line_width (cr, selected ? 3.0 : 2.0);
  cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
  cairo_stroke (cr);
  if (shape == RESELL_FLAW_SHAPE_POINT)
    {
      cairo_arc (cr, r.origin.x, r.origin.y, 2.5, 0, 2 * G_PI);
      cairo_fill (cr);
    }

  /* The number the list shows beside it. */
  cairo_set_font_size (cr, 12.0);
  cairo_move_to (cr, r.origin.x + (shape == RESELL_FLAW_SHAPE_POINT ? POINT_RADIUS + 2 : 3), r.origin.y - 4);
  cairo_text_path (cr, label);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.8);
  cairo_set_line_width (cr, 3.0);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill (cr);

  if (selected && shape != RESELL_FLAW_SHAPE_POINT)
    for (int i = 0; i < 4; i++)
      {
        double hx = r.origin.x + ((i == 1 || i == 2) ? r.size.width : 0.0);
        double hy = r.origin.y + ((i >= 2) ? r.size.height : 0.0);

        cairo_arc (cr, hx, hy, HANDLE_RADIUS, 0, 2 * G_PI);
        cairo_set_source_rgb (cr, 1, 1, 1);
        cairo_fill_preserve (cr);
        cairo_set_source_rgba (cr, 0, 0, 0, 0.6);
        cairo_set_line_width (cr, 1.0);
        cairo_stroke (cr);
      }
}

static void
get_drag_rect (ResellFlawView *self,
               Box            *box)
{
  graphene_rect_t picture;
  double x2 = self->drag_x + self->drag_dx, y2 = self->drag_y + self->drag_dy;

  if (!get_picture_rect (self, &picture))
    return;
  box->x = (MIN (self->drag_x, x2) - picture.origin.x) / picture.size.width;
  box->y = (MIN (self->drag_y, y2) - picture.origin.y) / picture.size.height;
  box->width = fabs (x2 - self->drag_x) / picture.size.width;
  box->height = fabs (y2 - self->drag_y) / picture.size.height;
}

static void
resell_flaw_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  ResellFlawView *self = RESELL_FLAW_VIEW (widget);
  graphene_rect_t picture;
  cairo_t *cr;
  int number = 0;

  if (!get_picture_rect (self, &picture))
    return;

  gtk_snapshot_append_texture (snapshot, self->texture, &picture);

  cr = gtk_snapshot_append_cairo (snapshot,
                                  &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                       gtk_widget_get_height (widget)));
  if (self->flaws != NULL)
    for (guint i = 0; i < g_list_model_get_n_items (self->flaws); i++)
      {
        g_autoptr(ResellFlaw) flaw = g_list_model_get_item (self->flaws, i);

        /* Numbered as in the list: all the item's flaws count. */
        number++;
        if (is_shown (self, flaw))
          draw_flaw (self, cr, &picture, flaw, number);
      }

  if (self->drag_mode == DRAG_CREATE && self->tool != RESELL_FLAW_TOOL_POINT)
    {
      graphene_rect_t r;
      Box box = { 0.0, 0.0, 0.0, 0.0 };

      get_drag_rect (self, &box);
      to_widget_box (&picture, &box, &r);
      trace_shape (cr, self->tool == RESELL_FLAW_TOOL_ELLIPSE ? RESELL_FLAW_SHAPE_ELLIPSE : RESELL_FLAW_SHAPE_RECT, &r);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_set_line_width (cr, 2.0);
      cairo_set_dash (cr, (double[]) { 4.0, 3.0 }, 2, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  if (gtk_widget_has_focus (widget))
    {
      /* Adwaita's accent blue, inside the widget's edge. */
      cairo_rectangle (cr, 1.5, 1.5, gtk_widget_get_width (widget) - 3, gtk_widget_get_height (widget) - 3);
      cairo_set_source_rgb (cr, 0.208, 0.518, 0.894);
      cairo_set_line_width (cr, 2.0);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);
}

static void
resell_flaw_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  gboolean horizontal = orientation == GTK_ORIENTATION_HORIZONTAL;

  *minimum = horizontal ? 240 : 180;
  *natural = horizontal ? 800 : 600;
}

static void
resell_flaw_view_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  ResellFlawView *self = RESELL_FLAW_VIEW (widget);

  if (self->fit && self->texture != NULL)
    {
      double zoom = fit_zoom (self);

      if (zoom != self->zoom)
        {
          self->zoom = zoom;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
        }
    }
  update_adjustments (self);
}

/* Finding flaws under the pointer */

static ResellFlaw *
find_flaw (ResellFlawView *self,
           gint64          flaw_id)
{
  if (self->flaws == NULL || flaw_id == 0)
    return NULL;

  for (guint i = 0; i < g_list_model_get_n_items (self->flaws); i++)
    {
      g_autoptr(ResellFlaw) flaw = g_list_model_get_item (self->flaws, i);

      if (resell_flaw_get_id (flaw) == flaw_id)
        return flaw;   /* the model keeps a reference */
    }
  return NULL;
}

/* The topmost shown flaw at (@x, @y), or 0; *@corner is the handle of the
 * selected flaw there, or -1. */
static gint64
hit_test (ResellFlawView *self,
          double          x,
          double          y,
          int            *corner)
{
  graphene_rect_t picture;
  gint64 hit = 0;

  *corner = -1;
  if (self->flaws == NULL || !get_picture_rect (self, &picture))
    return 0;

  for (guint i = 0; i < g_list_model_get_n_items (self->flaws); i++)
    {
      g_autoptr(ResellFlaw) flaw = g_list_model_get_item (self->flaws, i);
      graphene_rect_t r;
      Box box;

      if (!is_shown (self, flaw))
        continue;
      flaw_view_box (self, flaw, &box);
      to_widget_box (&picture, &box, &r);

      if (resell_flaw_get_id (flaw) == self->selected_id &&
          resell_flaw_get_shape (flaw) != RESELL_FLAW_SHAPE_POINT)
        for (int c = 0; c < 4; c++)
          {
            double hx = r.origin.x + ((c == 1 || c == 2) ? r.size.width : 0.0);
            double hy = r.origin.y + ((c >= 2) ? r.size.height : 0.0);

            if (fabs (x - hx) <= HIT_SLOP && fabs (y - hy) <= HIT_SLOP)
              {
                *corner = c;
                return resell_flaw_get_id (flaw);
              }
          }

      if (resell_flaw_get_shape (flaw) == RESELL_FLAW_SHAPE_POINT)
        {
          if (hypot (x - r.origin.x, y - r.origin.y) <= POINT_RADIUS + HIT_SLOP / 2)
            hit = resell_flaw_get_id (flaw);
        }
      else if (x >= r.origin.x - HIT_SLOP / 2 && x <= r.origin.x + r.size.width + HIT_SLOP / 2 &&
               y >= r.origin.y - HIT_SLOP / 2 && y <= r.origin.y + r.size.height + HIT_SLOP / 2)
        hit = resell_flaw_get_id (flaw);
    }

  return hit;
}

/* Changes */

static void
emit_change (ResellFlawView *self,
             gint64          flaw_id,
             const Box      *view_box,
             gboolean        point)
{
  Box upright;

  if (point)
    {
      map_to_upright (self, view_box->x, view_box->y, &upright.x, &upright.y);
      upright.width = upright.height = 0.0;
    }
  else
    map_box (self, view_box, FALSE, &upright);

  upright.x = CLAMP (upright.x, 0.0, 1.0);
  upright.y = CLAMP (upright.y, 0.0, 1.0);
  upright.width = CLAMP (upright.width, 0.0, 1.0 - upright.x);
  upright.height = CLAMP (upright.height, 0.0, 1.0 - upright.y);

  if (flaw_id == 0)
    {
      ResellFlawShape shape = self->tool == RESELL_FLAW_TOOL_POINT ? RESELL_FLAW_SHAPE_POINT
        : self->tool == RESELL_FLAW_TOOL_ELLIPSE ? RESELL_FLAW_SHAPE_ELLIPSE : RESELL_FLAW_SHAPE_RECT;

      g_signal_emit (self, signals[SIGNAL_CREATE_FLAW], 0, (int) shape,
                     upright.x, upright.y, upright.width, upright.height);
    }
  else
    g_signal_emit (self, signals[SIGNAL_CHANGE_FLAW], 0, flaw_id,
                   upright.x, upright.y, upright.width, upright.height);
}

/* A flaw of the current tool's shape from a drag in widget coordinates;
 * a click makes a point, or a shape of the default size around it. */
static void
create_from_drag (ResellFlawView *self,
                  double          x1,
                  double          y1,
                  double          x2,
                  double          y2)
{
  graphene_rect_t picture;
  Box box;

  if (self->tool == RESELL_FLAW_TOOL_SELECT || !get_picture_rect (self, &picture))
    return;

  if (self->tool == RESELL_FLAW_TOOL_POINT)
    {
      box.x = (x2 - picture.origin.x) / picture.size.width;
      box.y = (y2 - picture.origin.y) / picture.size.height;
      box.width = box.height = 0.0;
      if (box.x < 0.0 || box.x > 1.0 || box.y < 0.0 || box.y > 1.0)
        return;
      emit_change (self, 0, &box, TRUE);
      return;
    }

  if (fabs (x2 - x1) < CLICK_SLOP && fabs (y2 - y1) < CLICK_SLOP)
    {
      double side = DEFAULT_SIZE * MIN (picture.size.width, picture.size.height);

      x1 -= side / 2;
      y1 -= side / 2;
      x2 = x1 + side;
      y2 = y1 + side;
    }

  box.x = (MIN (x1, x2) - picture.origin.x) / picture.size.width;
  box.y = (MIN (y1, y2) - picture.origin.y) / picture.size.height;
  box.width = fabs (x2 - x1) / picture.size.width;
  box.height = fabs (y2 - y1) / picture.size.height;
  /* What lies beyond the picture is not the item. */
  box.width = MIN (box.x + box.width, 1.0) - MAX (box.x, 0.0);
  box.height = MIN (box.y + box.height, 1.0) - MAX (box.y, 0.0);
  box.x = MAX (box.x, 0.0);
  box.y = MAX (box.y, 0.0);
  if (box.width <= 0.0 || box.height <= 0.0)
    return;
  emit_change (self, 0, &box, FALSE);
}

/* Dragging */

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               ResellFlawView *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  int corner;
  gint64 hit;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (self->texture == NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  self->drag_x = x;
  self->drag_y = y;
  self->drag_dx = self->drag_dy = 0.0;

  if (button == GDK_BUTTON_MIDDLE || self->space_down)
    {
      self->drag_mode = DRAG_PAN;
      self->pan_h = self->hadjustment ? gtk_adjustment_get_value (self->hadjustment) : 0.0;
      self->pan_v = self->vadjustment ? gtk_adjustment_get_value (self->vadjustment) : 0.0;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
    }
  else if (button != GDK_BUTTON_PRIMARY)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  else if (self->tool == RESELL_FLAW_TOOL_SELECT)
    {
      ResellFlaw *flaw;

      hit = hit_test (self, x, y, &corner);
      resell_flaw_view_set_selected_id (self, hit);
      if ((flaw = find_flaw (self, hit)) == NULL)
        {
          self->drag_mode = DRAG_NONE;
          gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
          return;
        }
      flaw_view_box (self, flaw, &self->drag_start);
      self->drag_box = self->drag_start;
      self->drag_corner = corner;
      self->drag_mode = corner >= 0 ? DRAG_RESIZE : DRAG_MOVE;
    }
  else
    self->drag_mode = DRAG_CREATE;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
moved_box (ResellFlawView *self,
           Box            *box)
{
  graphene_rect_t picture;
  double dx, dy;

  *box = self->drag_start;
  if (!get_picture_rect (self, &picture))
    return;
  dx = self->drag_dx / picture.size.width;
  dy = self->drag_dy / picture.size.height;

  if (self->drag_mode == DRAG_MOVE)
    {
      box->x = CLAMP (box->x + dx, 0.0, 1.0 - box->width);
      box->y = CLAMP (box->y + dy, 0.0, 1.0 - box->height);
      return;
    }

  {
    /* The corner held moves; the opposite one stays. */
    double left = box->x, top = box->y, right = box->x + box->width, bottom = box->y + box->height;
    double min = 0.005;

    if (self->drag_corner == 0 || self->drag_corner == 3)
      left = CLAMP (left + dx, 0.0, right - min);
    else
      right = CLAMP (right + dx, left + min, 1.0);
    if (self->drag_corner <= 1)
      top = CLAMP (top + dy, 0.0, bottom - min);
    else
      bottom = CLAMP (bottom + dy, top + min, 1.0);
    box->x = left;
    box->y = top;
    box->width = right - left;
    box->height = bottom - top;
  }
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                ResellFlawView *self)
{
  self->drag_dx = dx;
  self->drag_dy = dy;

  switch (self->drag_mode)
    {
    case DRAG_PAN:
      if (self->hadjustment != NULL)
        gtk_adjustment_set_value (self->hadjustment, self->pan_h - dx);
      if (self->vadjustment != NULL)
        gtk_adjustment_set_value (self->vadjustment, self->pan_v - dy);
      break;
    case DRAG_CREATE:
      gtk_widget_queue_draw (GTK_WIDGET (self));
      break;
    case DRAG_MOVE:
    case DRAG_RESIZE:
      {
        moved_box (self, &self->drag_box);
        gtk_widget_queue_draw (GTK_WIDGET (self));
      }
      break;
    case DRAG_NONE:
    default:
      break;
    }
}

static void
on_drag_end (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             ResellFlawView *self)
{
  DragMode mode = self->drag_mode;

  self->drag_dx = dx;
  self->drag_dy = dy;
  if (mode == DRAG_MOVE || mode == DRAG_RESIZE)
    moved_box (self, &self->drag_box);
  self->drag_mode = DRAG_NONE;

  switch (mode)
    {
    case DRAG_PAN:
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), self->space_down ? "grab" : NULL);
      break;
    case DRAG_CREATE:
      create_from_drag (self, self->drag_x, self->drag_y, self->drag_x + dx, self->drag_y + dy);
      break;
    case DRAG_MOVE:
    case DRAG_RESIZE:
      {
        ResellFlaw *flaw = find_flaw (self, self->selected_id);

        if (flaw != NULL && (fabs (dx) >= 1.0 || fabs (dy) >= 1.0))
          emit_change (self, self->selected_id, &self->drag_box,
                       resell_flaw_get_shape (flaw) == RESELL_FLAW_SHAPE_POINT);
      }
      break;
    case DRAG_NONE:
    default:
      break;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Zooming with the wheel and the fingers */

static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           ResellFlawView           *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  double x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0, y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller));

  if (!(state & GDK_CONTROL_MASK) || self->texture == NULL)
    return FALSE;

  if (event != NULL)
    {
      double ex, ey;
      graphene_point_t p;
      GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));

      if (gdk_event_get_position (event, &ex, &ey) && native != NULL)
        {
          double nx, ny;

          gtk_native_get_surface_transform (native, &nx, &ny);
          if (gtk_widget_compute_point (GTK_WIDGET (native), GTK_WIDGET (self),
                                        &GRAPHENE_POINT_INIT (ex - nx, ey - ny), &p))
            {
              x = p.x;
              y = p.y;
            }
        }
    }

  zoom_by_user (self, self->zoom * pow (ZOOM_STEP, -dy), x, y);
  return TRUE;
}

static void
on_pinch_begin (GtkGesture       *gesture,
                GdkEventSequence *sequence,
                ResellFlawView   *self)
{
  self->pinch_zoom = self->zoom;
}

static void
on_pinch_scale_changed (GtkGestureZoom *gesture,
                        double          scale,
                        ResellFlawView *self)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    {
      x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
  zoom_by_user (self, self->pinch_zoom * scale, x, y);
}

/* Keys */

static void
nudge_selected (ResellFlawView *self,
                int             dx,
                int             dy,
                gboolean        resize)
{
  ResellFlaw *flaw = find_flaw (self, self->selected_id);
  gboolean point;
  Box box;

  if (flaw == NULL || !is_shown (self, flaw) || self->texture == NULL)
    return;

  point = resell_flaw_get_shape (flaw) == RESELL_FLAW_SHAPE_POINT;
  flaw_view_box (self, flaw, &box);
  if (resize && !point)
    {
      box.width = CLAMP (box.width + dx * KEY_STEP, KEY_STEP, 1.0 - box.x);
      box.height = CLAMP (box.height + dy * KEY_STEP, KEY_STEP, 1.0 - box.y);
    }
  else
    {
      box.x = CLAMP (box.x + dx * KEY_STEP, 0.0, 1.0 - box.width);
      box.y = CLAMP (box.y + dy * KEY_STEP, 0.0, 1.0 - box.height);
    }
  emit_change (self, self->selected_id, &box, point);
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                ResellFlawView        *self)
{
  int dx = 0, dy = 0;

  switch (keyval)
    {
    case GDK_KEY_space:
      if (!self->space_down)
        {
          self->space_down = TRUE;
          gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grab");
        }
      return TRUE;
    case GDK_KEY_Return: case GDK_KEY_KP_Enter:
      if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
        return FALSE;
      resell_flaw_view_add_at_center (self);
      return TRUE;
    case GDK_KEY_Left:  case GDK_KEY_KP_Left:  dx = -1; break;
    case GDK_KEY_Right: case GDK_KEY_KP_Right: dx = 1;  break;
    case GDK_KEY_Up:    case GDK_KEY_KP_Up:    dy = -1; break;
    case GDK_KEY_Down:  case GDK_KEY_KP_Down:  dy = 1;  break;
    default:
      return FALSE;
    }

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;

  if (self->selected_id != 0 && find_flaw (self, self->selected_id) != NULL)
    nudge_selected (self, dx, dy, (state & GDK_SHIFT_MASK) != 0);
  else
    {
      /* Nothing selected: the arrows scroll the picture. */
      if (dx != 0 && self->hadjustment != NULL)
        gtk_adjustment_set_value (self->hadjustment, gtk_adjustment_get_value (self->hadjustment) +
                                  dx * gtk_adjustment_get_step_increment (self->hadjustment));
      if (dy != 0 && self->vadjustment != NULL)
        gtk_adjustment_set_value (self->vadjustment, gtk_adjustment_get_value (self->vadjustment) +
                                  dy * gtk_adjustment_get_step_increment (self->vadjustment));
    }
  /* Handled even at the edge, so an arrow does not throw the focus away. */
  return TRUE;
}

static void
on_key_released (GtkEventControllerKey *controller,
                 guint                  keyval,
                 guint                  keycode,
                 GdkModifierType        state,
                 ResellFlawView        *self)
{
  if (keyval == GDK_KEY_space)
    {
      self->space_down = FALSE;
      if (self->drag_mode != DRAG_PAN)
        gtk_widget_set_cursor_from_name (GTK_WIDGET (self), NULL);
    }
}

static void
on_focus_changed (ResellFlawView *self)
{
  self->space_down = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_flaws_changed (ResellFlawView *self)
{
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Public */

GtkWidget *
resell_flaw_view_new (void)
{
  return g_object_new (RESELL_TYPE_FLAW_VIEW, NULL);
}

void
resell_flaw_view_set_photo (ResellFlawView *self,
                            gint64          photo_id,
                            const char     *path,
                            int             width,
                            int             height,
                            const char     *edits_json)
{
  g_autoptr(GTask) task = NULL;
  RenderData *data;

  g_return_if_fail (RESELL_IS_FLAW_VIEW (self));

  g_cancellable_cancel (self->render_cancellable);
  g_clear_object (&self->render_cancellable);

  self->photo_id = photo_id;
  g_free (self->path);
  self->path = g_strdup (path);
  /* Until the file's header has been read: right unless the EXIF
   * orientation turns it a quarter. */
  self->upright_width = MAX (width, 1);
  self->upright_height = MAX (height, 1);
  g_clear_pointer (&self->edits, resell_photo_edits_free);
  self->edits = resell_photo_edits_from_json (edits_json, NULL);
  if (self->edits == NULL)
    self->edits = resell_photo_edits_new ();
  /* The trim box is found in the pixels: no mapping could follow it. */
  self->edits->auto_trim = FALSE;

  if (self->texture != NULL)
    {
      g_clear_object (&self->texture);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
    }
  set_error (self, NULL);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));

  if (path == NULL)
    return;

  data = g_new0 (RenderData, 1);
  data->path = g_strdup (path);
  data->edits = resell_photo_edits_copy (self->edits);

  self->render_cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->render_cancellable, render_done, self);
  g_task_set_source_tag (task, resell_flaw_view_set_photo);
  g_task_set_task_data (task, data, (GDestroyNotify) render_data_free);
  g_task_run_in_thread (task, render_thread);
}

gint64
resell_flaw_view_get_photo_id (ResellFlawView *self)
{
  g_return_val_if_fail (RESELL_IS_FLAW_VIEW (self), 0);
  return self->photo_id;
}

void
resell_flaw_view_set_flaws (ResellFlawView *self,
                            GListModel     *flaws)
{
  g_return_if_fail (RESELL_IS_FLAW_VIEW (self));

  if (self->flaws == flaws)
    return;
  if (self->flaws != NULL)
    g_signal_handlers_disconnect_by_func (self->flaws, on_flaws_changed, self);
  g_set_object (&self->flaws, flaws);
  if (flaws != NULL)
    g_signal_connect_swapped (flaws, "items-changed", G_CALLBACK (on_flaws_changed), self);
  if (flaws != NULL)
    update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FLAWS]);
}

gint64
resell_flaw_view_get_selected_id (ResellFlawView *self)
{
  g_return_val_if_fail (RESELL_IS_FLAW_VIEW (self), 0);
  return self->selected_id;
}

void
resell_flaw_view_set_selected_id (ResellFlawView *self,
                                  gint64          flaw_id)
{
  g_return_if_fail (RESELL_IS_FLAW_VIEW (self));

  if (self->selected_id == flaw_id)
    return;
  self->selected_id = flaw_id;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ID]);
}

ResellFlawTool
resell_flaw_view_get_tool (ResellFlawView *self)
{
  g_return_val_if_fail (RESELL_IS_FLAW_VIEW (self), RESELL_FLAW_TOOL_SELECT);
  return self->tool;
}

void
resell_flaw_view_set_tool (ResellFlawView *self,
                           ResellFlawTool  tool)
{
  g_return_if_fail (RESELL_IS_FLAW_VIEW (self));

  if (self->tool == tool)
    return;
  self->tool = tool;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), tool == RESELL_FLAW_TOOL_SELECT ? NULL : "crosshair");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOOL]);
}

gboolean
resell_flaw_view_get_ready (ResellFlawView *self)
{
  g_return_val_if_fail (RESELL_IS_FLAW_VIEW (self), FALSE);
  return self->texture != NULL;
}

const char *
resell_flaw_view_get_error (ResellFlawView *self)
{
  g_return_val_if_fail (RESELL_IS_FLAW_VIEW (self), NULL);
  return self->error;
}

double
resell_flaw_view_get_zoom (ResellFlawView *self)
{
  g_return_val_if_fail (RESELL_IS_FLAW_VIEW (self), 1.0);
  return self->zoom;
}

void
resell_flaw_view_set_zoom (ResellFlawView *self,
                           double          zoom)
{
  g_return_if_fail (RESELL_IS_FLAW_VIEW (self));
  zoom_by_user (self, zoom, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

void
resell_flaw_view_zoom_in (ResellFlawView *self)
{
  g_return_if_fail (RESELL_IS_FLAW_VIEW (self));
  resell_flaw_view_set_zoom (self, self->zoom * ZOOM_STEP);
}

void
resell_flaw_view_zoom_out (ResellFlawView *self)
{
  g_return_if_fail (RESELL_IS_FLAW_VIEW (self));
  resell_flaw_view_set_zoom (self, self->zoom / ZOOM_STEP);
}

void
resell_flaw_view_zoom_to_fit (ResellFlawView *self)
{
  g_return_if_fail (RESELL_IS_FLAW_VIEW (self));
  set_fit (self, TRUE);
  zoom_about (self, fit_zoom (self), gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
              gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

gboolean
resell_flaw_view_get_fit (ResellFlawView *self)
{
  g_return_val_if_fail (RESELL_IS_FLAW_VIEW (self), TRUE);
  return self->fit;
}

void
resell_flaw_view_draw (ResellFlawView *self,
                       double          x1,
                       double          y1,
                       double          x2,
                       double          y2)
{
  g_return_if_fail (RESELL_IS_FLAW_VIEW (self));
  create_from_drag (self, x1, y1, x2, y2);
}

void
resell_flaw_view_add_at_center (ResellFlawView *self)
{
  graphene_rect_t picture, visible;
  double cx, cy, side;

  g_return_if_fail (RESELL_IS_FLAW_VIEW (self));

  if (self->tool == RESELL_FLAW_TOOL_SELECT || !get_picture_rect (self, &picture))
    return;

  /* The middle of the part of the picture in sight. */
  if (!graphene_rect_intersection (&picture,
                                   &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (GTK_WIDGET (self)),
                                                        gtk_widget_get_height (GTK_WIDGET (self))),
                                   &visible))
    visible = picture;
  cx = visible.origin.x + visible.size.width / 2;
  cy = visible.origin.y + visible.size.height / 2;
  side = DEFAULT_SIZE * 2 * MIN (visible.size.width, visible.size.height);
  if (self->tool == RESELL_FLAW_TOOL_POINT)
    create_from_drag (self, cx, cy, cx, cy);
  else
    create_from_drag (self, cx - side / 2, cy - side / 2, cx + side / 2, cy + side / 2);
}

gboolean
resell_flaw_view_upright_to_widget (ResellFlawView *self,
                                    double          x,
                                    double          y,
                                    double         *widget_x,
                                    double         *widget_y)
{
  graphene_rect_t picture;
  double vx, vy;

  g_return_val_if_fail (RESELL_IS_FLAW_VIEW (self), FALSE);

  if (!get_picture_rect (self, &picture))
    return FALSE;
  map_to_view (self, x, y, &vx, &vy);
  *widget_x = picture.origin.x + vx * picture.size.width;
  *widget_y = picture.origin.y + vy * picture.size.height;
  return TRUE;
}

/* GObject */

static void
resell_flaw_view_scrollable_init (GtkScrollableInterface *iface)
{
}

static void
resell_flaw_view_dispose (GObject *object)
{
  ResellFlawView *self = (ResellFlawView *)object;

  g_cancellable_cancel (self->render_cancellable);
  g_clear_object (&self->render_cancellable);
  resell_flaw_view_set_flaws (self, NULL);
  set_adjustment (self, &self->hadjustment, NULL);
  set_adjustment (self, &self->vadjustment, NULL);
  g_clear_object (&self->texture);

  G_OBJECT_CLASS (resell_flaw_view_parent_class)->dispose (object);
}

static void
resell_flaw_view_finalize (GObject *object)
{
  ResellFlawView *self = (ResellFlawView *)object;

  g_free (self->path);
  g_free (self->error);
  g_clear_pointer (&self->edits, resell_photo_edits_free);

  G_OBJECT_CLASS (resell_flaw_view_parent_class)->finalize (object);
}

static void
resell_flaw_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ResellFlawView *self = RESELL_FLAW_VIEW (object);

  switch (prop_id)
    {
    case PROP_FLAWS:
      g_value_set_object (value, self->flaws);
      break;
    case PROP_SELECTED_ID:
      g_value_set_int64 (value, self->selected_id);
      break;
    case PROP_TOOL:
      g_value_set_int (value, self->tool);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_FIT:
      g_value_set_boolean (value, self->fit);
      break;
    case PROP_READY:
      g_value_set_boolean (value, self->texture != NULL);
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_flaw_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ResellFlawView *self = RESELL_FLAW_VIEW (object);

  switch (prop_id)
    {
    case PROP_FLAWS:
      resell_flaw_view_set_flaws (self, g_value_get_object (value));
      break;
    case PROP_SELECTED_ID:
      resell_flaw_view_set_selected_id (self, g_value_get_int64 (value));
      break;
    case PROP_TOOL:
      resell_flaw_view_set_tool (self, g_value_get_int (value));
      break;
    case PROP_ZOOM:
      resell_flaw_view_set_zoom (self, g_value_get_double (value));
      break;
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
      self->hscroll_policy = g_value_get_enum (value);
      break;
    case PROP_VSCROLL_POLICY:
      self->vscroll_policy = g_value_get_enum (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_flaw_view_class_init (ResellFlawViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = resell_flaw_view_dispose;
  object_class->finalize = resell_flaw_view_finalize;
  object_class->get_property = resell_flaw_view_get_property;
  object_class->set_property = resell_flaw_view_set_property;

  widget_class->snapshot = resell_flaw_view_snapshot;
  widget_class->measure = resell_flaw_view_measure;
  widget_class->size_allocate = resell_flaw_view_size_allocate;

  properties[PROP_FLAWS] =
    g_param_spec_object ("flaws", NULL, NULL, G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SELECTED_ID] =
    g_param_spec_int64 ("selected-id", NULL, NULL, 0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TOOL] =
    g_param_spec_int ("tool", NULL, NULL, RESELL_FLAW_TOOL_SELECT, RESELL_FLAW_TOOL_RECT, RESELL_FLAW_TOOL_SELECT,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, MIN_ZOOM, MAX_ZOOM, 1.0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_FIT] =
    g_param_spec_boolean ("fit", NULL, NULL, TRUE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_READY] =
    g_param_spec_boolean ("ready", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  signals[SIGNAL_CREATE_FLAW] =
    g_signal_new ("create-flaw", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 5,
                  G_TYPE_INT, G_TYPE_DOUBLE, G_TYPE_DOUBLE, G_TYPE_DOUBLE, G_TYPE_DOUBLE);
  signals[SIGNAL_CHANGE_FLAW] =
    g_signal_new ("change-flaw", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 5,
                  G_TYPE_INT64, G_TYPE_DOUBLE, G_TYPE_DOUBLE, G_TYPE_DOUBLE, G_TYPE_DOUBLE);

  gtk_widget_class_set_css_name (widget_class, "flawview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
resell_flaw_view_init (ResellFlawView *self)
{
  GtkGesture *gesture;
  GtkEventController *controller;

  self->zoom = 1.0;
  self->fit = TRUE;
  self->tool = RESELL_FLAW_TOOL_SELECT;
  self->edits = resell_photo_edits_new ();

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self),
                               _("Draw a flaw with the point, ellipse or rectangle tool, or press Enter to add one in the middle. "
                                 "Arrow keys move the selected flaw, Shift with an arrow key resizes it. "
                                 "Drag with the middle button or Space held to pan; Ctrl with the wheel zooms."));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Photo with flaws"),
                                  -1);

  gesture = gtk_gesture_drag_new ();
  /* Any button: the primary draws or selects, the middle one pans. */
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), 0);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (on_pinch_begin), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (on_pinch_scale_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_pressed), self);
  g_signal_connect (controller, "key-released", G_CALLBACK (on_key_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "enter", G_CALLBACK (on_focus_changed), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (on_focus_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}
