/* test-widgets.c — the main widgets built alone, console style: each is
 * made, dropped unshown and also shown in a window and destroyed, and must
 * then be finalized (a reference kept by a signal handler, a template
 * child or a timeout shows up here as a leak).
 *
 * Needs a display: tests/meson.build runs it under xvfb-run.  When a
 * widget's constructor changes, only its make_*() function here does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "resell-core.h"
#include "resell-test-utils.h"
#include "browser/resell-browser.h"
#include "browser/resell-item-card.h"
#include "common/resell-settings.h"
#include "item/resell-item-page.h"
#include "editor/resell-crop-view.h"
#include "flaws/resell-flaw-view.h"
#include "studio/resell-camera-controls.h"
#include "studio/resell-camera-status.h"
#include "studio/resell-check-panel.h"
#include "studio/resell-shot-row.h"

typedef GtkWidget *(*MakeWidget) (void);

static char *cache_dir;
static char *data_dir;
/* The services the app builds once, shared by the widgets that need them. */
static ResellContext *context;
static ResellSettings *settings;

static void
drain_main_context (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Made, never shown, dropped: finalized at once. */
static void
check_unshown (MakeWidget make)
{
  GtkWidget *widget = make ();

  g_object_ref_sink (widget);
  drain_main_context ();
  g_test_message ("%s: %u references", G_OBJECT_TYPE_NAME (widget), G_OBJECT (widget)->ref_count);
  g_assert_finalize_object (widget);
}

static gboolean
on_timeout (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the main context until *@pointer is NULL (a weak pointer),
 * for at most 10 s: GTK may still hold an object for a frame. */
static gboolean
wait_for_null (gpointer *pointer)
{
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add_seconds (10, on_timeout, &timed_out);

  while (*pointer != NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout_id);

  return *pointer == NULL;
}

/* Drops our reference; @object must then be finalized: a reference kept
 * by a signal handler, a template child or a source is a leak. */
static void
assert_finalized_soon (gpointer object)
{
  g_autofree char *type_name = g_strdup (G_OBJECT_TYPE_NAME (object));

  g_object_add_weak_pointer (G_OBJECT (object), &object);
  g_object_unref (object);
  if (!wait_for_null (&object))
    g_error ("%s was not finalized: %u references left", type_name, G_OBJECT (object)->ref_count);
}

/* Shown in a window, the window destroyed: both finalized. */
static void
check_in_window (MakeWidget make)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *widget = make ();
  gpointer window_alive = window;

  g_object_ref_sink (widget);
  g_object_add_weak_pointer (G_OBJECT (window), &window_alive);
  /* A row lives in a list box, as in the app. */
  if (GTK_IS_LIST_BOX_ROW (widget))
    {
      GtkWidget *list = gtk_list_box_new ();

      gtk_list_box_append (GTK_LIST_BOX (list), widget);
      gtk_window_set_child (GTK_WINDOW (window), list);
    }
  else
    {
      gtk_window_set_child (GTK_WINDOW (window), widget);
    }
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_get_root (widget) == GTK_ROOT (window));
  while (!gtk_widget_get_mapped (widget))
    g_main_context_iteration (NULL, TRUE);
  drain_main_context ();

  /* GTK owns toplevels: destroying the window drops the last reference. */
  gtk_window_destroy (GTK_WINDOW (window));
  if (!wait_for_null (&window_alive))
    g_error ("the window holding %s was not finalized", G_OBJECT_TYPE_NAME (widget));
  g_assert_null (gtk_widget_get_parent (widget));
  assert_finalized_soon (widget);
}

static void
check_widget (gconstpointer data)
{
  MakeWidget make = (MakeWidget) data;

  check_unshown (make);
  check_in_window (make);
}

static GtkWidget *
make_crop_view (void)
{
  return resell_crop_view_new ();
}

static GtkWidget *
make_flaw_view (void)
{
  return resell_flaw_view_new ();
}

static GtkWidget *
make_item_card (void)
{
  g_autoptr(ResellThumbnailer) thumbnailer = resell_thumbnailer_new (cache_dir);

  return resell_item_card_new (thumbnailer);
}

static GtkWidget *
make_shot_row (void)
{
  ResellShotRow *row = resell_shot_row_new ("front", "Front flat-lay", TRUE, 0);

  resell_shot_row_set_status (row, RESELL_SHOT_ROW_WORKING);
  resell_shot_row_set_position (row, 1);

  return GTK_WIDGET (row);
}

static GtkWidget *
make_camera_controls (void)
{
  return GTK_WIDGET (resell_camera_controls_new ());
}

static GtkWidget *
make_camera_status (void)
{
  return g_object_new (RESELL_TYPE_CAMERA_STATUS, NULL);
}

static GtkWidget *
make_check_panel (void)
{
  return g_object_new (RESELL_TYPE_CHECK_PANEL, NULL);
}

static GtkWidget *
make_browser (void)
{
  return GTK_WIDGET (resell_browser_new (context, settings));
}

static GtkWidget *
make_item_page (void)
{
  return GTK_WIDGET (resell_item_page_new (context, settings));
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

  cache_dir = g_dir_make_tmp ("resell-widgets-XXXXXX", &error);
  g_assert_no_error (error);
  data_dir = g_dir_make_tmp ("resell-widgets-data-XXXXXX", &error);
  g_assert_no_error (error);
  context = resell_context_new (data_dir, cache_dir);
  if (!resell_context_load_catalog (context, &error))
    g_error ("%s", error->message);
  settings = resell_settings_new ();

  g_test_add_data_func ("/widgets/crop-view", make_crop_view, check_widget);
  g_test_add_data_func ("/widgets/flaw-view", make_flaw_view, check_widget);
  g_test_add_data_func ("/widgets/item-card", make_item_card, check_widget);
  g_test_add_data_func ("/widgets/shot-row", make_shot_row, check_widget);
  g_test_add_data_func ("/widgets/camera-controls", make_camera_controls, check_widget);
  g_test_add_data_func ("/widgets/camera-status", make_camera_status, check_widget);
  g_test_add_data_func ("/widgets/check-panel", make_check_panel, check_widget);
  g_test_add_data_func ("/widgets/browser", make_browser, check_widget);
  g_test_add_data_func ("/widgets/item-page", make_item_page, check_widget);

  ret = g_test_run ();

  g_assert_finalize_object (settings);
  g_assert_finalize_object (context);
  resell_test_remove_tree (data_dir);
  g_free (data_dir);
  resell_test_remove_tree (cache_dir);
  g_free (cache_dir);

  return ret;
}
