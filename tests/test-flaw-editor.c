/* test-flaw-editor.c — the flaw window on a real catalog: a rectangle drawn
 * on a turned and cropped photo is stored in the coordinates of the
 * upright original; the arrow keys move it; undo, redo and delete go to
 * the catalog; the window is finalized when closed.
 *
 * Needs a display: tests/meson.build runs it under xvfb-run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "resell-core.h"
#include "resell-test-utils.h"
#include "flaws/resell-flaw-editor.h"
#include "flaws/resell-flaw-view.h"

#define EPSILON 1e-3

static char *cache_dir;
static char *data_dir;
static ResellContext *context;

static gboolean
on_timeout (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

typedef gboolean (*Condition) (gpointer data);

/* Iterates the main context until @condition holds, for at most 20 s. */
static gboolean
wait_until (Condition condition,
            gpointer  data)
{
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add_seconds (20, on_timeout, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout_id);

  return condition (data);
}

static GPtrArray *
stored_flaws (gint64 item_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *flaws = resell_catalog_list_flaws (resell_context_get_catalog (context), item_id, &error);

  g_assert_no_error (error);
  return flaws;
}

typedef struct
{
  ResellFlawEditor *editor;
  gint64            item_id;
  guint             n_flaws;
} Wait;

static gboolean
view_ready (gpointer data)
{
  Wait *wait = data;
  ResellFlawView *view = resell_flaw_editor_get_view (wait->editor);

  return resell_flaw_view_get_ready (view) || resell_flaw_view_get_error (view) != NULL;
}

/* The window's writes are done, the catalog has @n_flaws flaws and the
 * window shows as many. */
static gboolean
settled (gpointer data)
{
  Wait *wait = data;
  g_autoptr(GPtrArray) flaws = NULL;

  if (resell_flaw_editor_get_busy (wait->editor))
    return FALSE;
  flaws = stored_flaws (wait->item_id);
  return flaws->len == wait->n_flaws &&
         g_list_model_get_n_items (resell_flaw_editor_get_flaws (wait->editor)) == wait->n_flaws;
}

static void
wait_settled (Wait  *wait,
              guint  n_flaws)
{
  wait->n_flaws = n_flaws;
  if (!wait_until (settled, wait))
    {
      g_autoptr(GPtrArray) flaws = stored_flaws (wait->item_id);

      g_error ("expected %u flaws, the catalog has %u, the window shows %u", n_flaws, flaws->len,
               g_list_model_get_n_items (resell_flaw_editor_get_flaws (wait->editor)));
    }
  /* The reload after the last write. */
  resell_test_drain_main_context ();
}

static gboolean
window_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* A key press as the view's key controller gets it from GDK. */
static void
press_key (GtkWidget       *widget,
           guint            keyval,
           GdkModifierType  state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
    }
  g_assert_true (handled);
}

static void
assert_geometry (ResellFlaw *flaw,
                 double      x,
                 double      y,
                 double      width,
                 double      height)
{
  g_test_message ("flaw at %.4f, %.4f, %.4f × %.4f", resell_flaw_get_x (flaw), resell_flaw_get_y (flaw),
                  resell_flaw_get_width (flaw), resell_flaw_get_height (flaw));
  g_assert_cmpfloat_with_epsilon (resell_flaw_get_x (flaw), x, EPSILON);
  g_assert_cmpfloat_with_epsilon (resell_flaw_get_y (flaw), y, EPSILON);
  g_assert_cmpfloat_with_epsilon (resell_flaw_get_width (flaw), width, EPSILON);
  g_assert_cmpfloat_with_epsilon (resell_flaw_get_height (flaw), height, EPSILON);
}

static void
test_draw_move_undo (void)
{
  ResellCatalog *catalog = resell_context_get_catalog (context);
  g_autoptr(ResellItem) item = resell_item_new ();
  g_autoptr(ResellPhoto) photo = resell_photo_new ();
  g_autoptr(ResellPhotoEdits) edits = resell_photo_edits_new ();
  g_autoptr(VipsImage) image = NULL;
  g_autoptr(GBytes) jpeg = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) flaws = NULL;
  g_autofree char *path = NULL;
  g_autofree char *json = NULL;
  ResellFlawEditor *editor;
  ResellFlawView *view;
  gpointer editor_alive;
  double x1, y1, x2, y2;
  gint64 flaw_id;
  Wait wait = { 0 };

  resell_item_set_title (item, "Linen shirt");
  resell_item_set_category (item, "clothing");
  g_assert_true (resell_catalog_insert_item (catalog, item, &error));
  g_assert_no_error (error);

  /* A landscape photo turned a quarter clockwise and cropped: the picture
   * shown is nothing like the upright original's frame. */
  image = resell_test_flat_image (800, 600, 200, 200, 200);
  resell_test_fill_rect (image, 200, 150, 400, 300, 40, 60, 90);
  jpeg = resell_test_save_jpeg (image, 90);
  path = resell_test_write_bytes (data_dir, "shirt.jpg", jpeg);
  edits->rotate = 90;
  edits->has_crop = TRUE;
  edits->crop_x = 0.1;
  edits->crop_y = 0.1;
  edits->crop_width = 0.8;
  edits->crop_height = 0.8;
  json = resell_photo_edits_to_json (edits);
  resell_photo_set_item_id (photo, resell_item_get_id (item));
  resell_photo_set_path (photo, path);
  resell_photo_set_sha256 (photo, "0123456789abcdef");
  resell_photo_set_width (photo, 800);
  resell_photo_set_height (photo, 600);
  resell_photo_set_edits (photo, json);
  g_assert_true (resell_catalog_insert_photo (catalog, photo, &error));
  g_assert_no_error (error);

  editor = resell_flaw_editor_new (NULL, context, item, resell_photo_get_id (photo));
  editor_alive = editor;
  g_object_add_weak_pointer (G_OBJECT (editor), &editor_alive);
  gtk_window_present (GTK_WINDOW (editor));
  view = resell_flaw_editor_get_view (editor);
  wait.editor = editor;
  wait.item_id = resell_item_get_id (item);

  g_assert_true (wait_until (view_ready, &wait));
  g_assert_null (resell_flaw_view_get_error (view));
  resell_test_drain_main_context ();

  /* Rectangle tool, drawn from one corner of an upright box to the other
   * as it shows on the turned picture. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "flaws.tool", "s", "rect");
  g_assert_cmpint (resell_flaw_view_get_tool (view), ==, RESELL_FLAW_TOOL_RECT);
  g_assert_true (resell_flaw_view_upright_to_widget (view, 0.30, 0.35, &x1, &y1));
  g_assert_true (resell_flaw_view_upright_to_widget (view, 0.50, 0.55, &x2, &y2));
  /* Turned: the upright box's left edge is now at the top. */
  g_assert_cmpfloat (x1, >, x2);
  resell_flaw_view_draw (view, x1, y1, x2, y2);
  wait_settled (&wait, 1);

  flaws = stored_flaws (wait.item_id);
  flaw_id = resell_flaw_get_id (g_ptr_array_index (flaws, 0));
  g_assert_cmpint (resell_flaw_get_shape (g_ptr_array_index (flaws, 0)), ==, RESELL_FLAW_SHAPE_RECT);
  g_assert_cmpint (resell_flaw_get_photo_id (g_ptr_array_index (flaws, 0)), ==, resell_photo_get_id (photo));
  /* A new flaw is of the category's first type, minor, until chosen. */
  g_assert_cmpstr (resell_flaw_get_type_id (g_ptr_array_index (flaws, 0)), ==, "stain");
  g_assert_cmpint (resell_flaw_get_severity (g_ptr_array_index (flaws, 0)), ==, RESELL_FLAW_SEVERITY_MINOR);
  assert_geometry (g_ptr_array_index (flaws, 0), 0.30, 0.35, 0.20, 0.20);
  g_clear_pointer (&flaws, g_ptr_array_unref);
  /* The new flaw is selected, so the keys act on it. */
  g_assert_cmpint (resell_flaw_view_get_selected_id (view), ==, flaw_id);

  /* Ten steps right on the picture shown: on the upright original the
   * quarter turn makes that up, and the crop makes it 0.8 as far. */
  for (int i = 0; i < 10; i++)
    {
      press_key (GTK_WIDGET (view), GDK_KEY_Right, 0);
      wait_settled (&wait, 1);
    }
  flaws = stored_flaws (wait.item_id);
  assert_geometry (g_ptr_array_index (flaws, 0), 0.30, 0.35 - 10 * 0.005 * 0.8, 0.20, 0.20);
  g_clear_pointer (&flaws, g_ptr_array_unref);

  /* Undo takes back one step at a time. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "flaws.undo", NULL);
  wait_settled (&wait, 1);
  flaws = stored_flaws (wait.item_id);
  assert_geometry (g_ptr_array_index (flaws, 0), 0.30, 0.35 - 9 * 0.005 * 0.8, 0.20, 0.20);
  g_clear_pointer (&flaws, g_ptr_array_unref);
  gtk_widget_activate_action (GTK_WIDGET (editor), "flaws.redo", NULL);
  wait_settled (&wait, 1);

  /* Delete, then undo: the same flaw again (under a new id); redo deletes it. */
  resell_flaw_view_set_selected_id (view, flaw_id);
  gtk_widget_activate_action (GTK_WIDGET (editor), "flaws.delete", NULL);
  wait_settled (&wait, 0);
  gtk_widget_activate_action (GTK_WIDGET (editor), "flaws.undo", NULL);
  wait_settled (&wait, 1);
  flaws = stored_flaws (wait.item_id);
  assert_geometry (g_ptr_array_index (flaws, 0), 0.30, 0.35 - 10 * 0.005 * 0.8, 0.20, 0.20);
  g_assert_cmpint (resell_flaw_view_get_selected_id (view), ==, resell_flaw_get_id (g_ptr_array_index (flaws, 0)));
  g_clear_pointer (&flaws, g_ptr_array_unref);
  gtk_widget_activate_action (GTK_WIDGET (editor), "flaws.redo", NULL);
  wait_settled (&wait, 0);

  /* Undo all the way back: the flaw drawn comes back, then goes. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "flaws.undo", NULL);
  wait_settled (&wait, 1);
  for (int i = 0; i < 10; i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (editor), "flaws.undo", NULL);
      wait_settled (&wait, 1);
    }
  flaws = stored_flaws (wait.item_id);
  assert_geometry (g_ptr_array_index (flaws, 0), 0.30, 0.35, 0.20, 0.20);
  g_clear_pointer (&flaws, g_ptr_array_unref);
  gtk_widget_activate_action (GTK_WIDGET (editor), "flaws.undo", NULL);
  wait_settled (&wait, 0);

  /* A point with the keyboard: P, then Enter in the view. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "flaws.tool", "s", "point");
  press_key (GTK_WIDGET (view), GDK_KEY_Return, 0);
  wait_settled (&wait, 1);
  flaws = stored_flaws (wait.item_id);
  g_assert_cmpint (resell_flaw_get_shape (g_ptr_array_index (flaws, 0)), ==, RESELL_FLAW_SHAPE_POINT);
  /* The middle of the crop is the middle of the upright original. */
  assert_geometry (g_ptr_array_index (flaws, 0), 0.5, 0.5, 0.0, 0.0);
  g_clear_pointer (&flaws, g_ptr_array_unref);

  /* Closed, the window goes: no write, signal handler or render keeps it. */
  gtk_window_destroy (GTK_WINDOW (editor));
  g_assert_true (wait_until (window_gone, &editor_alive));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  if (!resell_core_init (NULL, &error))
    g_error ("%s", error->message);

  cache_dir = g_dir_make_tmp ("resell-flaw-editor-XXXXXX", &error);
  g_assert_no_error (error);
  data_dir = g_dir_make_tmp ("resell-flaw-editor-data-XXXXXX", &error);
  g_assert_no_error (error);
  context = resell_context_new (data_dir, cache_dir);
  if (!resell_context_load_catalog (context, &error))
    g_error ("%s", error->message);

  g_test_add_func ("/flaw-editor/draw-move-undo", test_draw_move_undo);

  ret = g_test_run ();

  g_assert_finalize_object (context);
  resell_test_remove_tree (data_dir);
  g_free (data_dir);
  resell_test_remove_tree (cache_dir);
  g_free (cache_dir);

  return ret;
}
