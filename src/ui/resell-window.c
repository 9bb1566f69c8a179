/* resell-window.c — the main window: the item browser and the item page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-window"

#include "config.h"

#include <glib/gi18n.h>

#include "browser/resell-browser.h"
#include "item/resell-item-page.h"
#include "studio/resell-studio.h"
#include "resell-window.h"

struct _ResellWindow
{
  AdwApplicationWindow  parent_instance;

  ResellApplication    *app;
  ResellContext        *context;
  ResellCatalog        *catalog;   /* the context's, once loaded */
  ResellItemList       *items;
  GCancellable         *cancellable;
  ResellBrowser        *browser;
  ResellItemPage       *item_page;

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  AdwStatusPage        *error_page;
  ResellStudio         *studio;
};

G_DEFINE_FINAL_TYPE (ResellWindow, resell_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_actions (ResellWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  gboolean ready = self->catalog != NULL;
  gboolean on_item = g_strcmp0 (page, "item") == 0;
  gboolean on_browser = g_strcmp0 (page, "browser") == 0;
  gboolean on_studio = g_strcmp0 (page, "studio") == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-item", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", on_browser);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-browser", on_item);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", on_item);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-folder", on_item);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.shoot", on_item && ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.shoot-flaw-closeup", on_item && ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.leave-studio", on_studio);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-item",
                                 on_item || (on_browser && resell_browser_get_selected_item (self->browser) != NULL));
}

void
resell_window_add_toast (ResellWindow *self,
                         AdwToast     *toast)
{
  g_return_if_fail (RESELL_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
resell_window_show_message (ResellWindow *self,
                            const char   *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast;

  /* Toast titles are markup in libadwaita 1.2: messages may name files with "&". */
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, 0);
  resell_window_add_toast (self, toast);
}

static void
show_page (ResellWindow *self,
           const char   *name)
{
  gtk_stack_set_visible_child_name (self->stack, name);
  update_actions (self);
}

static void
open_item (ResellWindow *self,
           ResellItem   *item)
{
  resell_item_page_set_item (self->item_page, item);
  show_page (self, "item");
}

static void
on_browser_item_activated (ResellWindow *self,
                           ResellItem   *item)
{
  open_item (self, item);
}

static void
on_browser_selection_changed (ResellWindow *self)
{
  update_actions (self);
}

/* Prints when the first frame with the catalog's items is on screen, for
 * bench/startup.  Only with RESELL_REPORT_STARTUP set. */
static void
on_after_paint (GdkFrameClock *clock,
                ResellWindow  *self)
{
  g_autofree char *status = NULL;
  const char *mode = g_getenv ("RESELL_REPORT_STARTUP");
  long peak_kib = -1;

  g_signal_handlers_disconnect_by_func (clock, on_after_paint, self);

  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    {
      const char *hwm = strstr (status, "VmHWM:");
      if (hwm != NULL)
        peak_kib = strtol (hwm + strlen ("VmHWM:"), NULL, 10);
    }

  g_print ("resell-startup: first-frame items=%u peak-rss-kib=%ld\n",
           g_list_model_get_n_items (G_LIST_MODEL (self->items)), peak_kib);

  if (g_strcmp0 (mode, "quit") == 0)
    g_application_quit (G_APPLICATION (self->app));
}

static void
items_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(ResellWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!resell_item_list_load_finish (RESELL_ITEM_LIST (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      adw_status_page_set_description (self->error_page, error->message);
      show_page (self, "error");
      return;
    }

  show_page (self, "browser");

  if (g_getenv ("RESELL_REPORT_STARTUP") != NULL)
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
      g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
catalog_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(ResellWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  ResellSettings *settings = resell_application_get_settings (self->app);

  if (!resell_context_load_catalog_finish (self->context, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      adw_status_page_set_description (self->error_page, error->message);
      show_page (self, "error");
      return;
    }

  self->catalog = g_object_ref (resell_context_get_catalog (self->context));
  g_object_bind_property (settings, "sku-prefix", self->catalog, "sku-prefix", G_BINDING_SYNC_CREATE);

  self->items = resell_item_list_new (self->catalog);
  resell_browser_set_items (self->browser, self->items);
  resell_studio_set_context (self->studio, self->catalog, resell_context_get_importer (self->context));

  resell_item_list_load_async (self->items, self->cancellable, items_loaded_cb, g_object_ref (self));
}

static void
item_inserted_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ResellWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  ResellItem *item;

  item = resell_catalog_insert_item_finish (RESELL_CATALOG (object), result, &error);
  if (item == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        resell_window_show_message (self, error->message);
      return;
    }

  open_item (self, item);
  resell_item_page_focus_title (self->item_page);
  g_object_unref (item);
}

static void
new_item_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  ResellWindow *self = RESELL_WINDOW (widget);
  ResellSettings *settings = resell_application_get_settings (self->app);
  ResellCategoryRegistry *categories = resell_context_get_categories (self->context);
  const char *category_id = resell_settings_get_new_item_category (settings);
  g_autoptr(ResellItem) item = resell_item_new ();

  if (self->catalog == NULL)
    return;

  if (resell_category_registry_lookup (categories, category_id) == NULL &&
      g_list_model_get_n_items (G_LIST_MODEL (categories)) > 0)
    {
      g_autoptr(ResellCategory) first = g_list_model_get_item (G_LIST_MODEL (categories), 0);
      category_id = resell_category_get_id (first);
    }

  resell_item_set_category (item, category_id);
  resell_item_set_state (item, RESELL_ITEM_STATE_DRAFT);

  /* The insert waits for the disk (fsync), so it runs off the UI thread. */
  resell_catalog_insert_item_async (self->catalog, item, self->cancellable,
                                    item_inserted_cb, g_object_ref (self));
}

static void
show_browser_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  ResellWindow *self = RESELL_WINDOW (widget);

  resell_item_page_set_item (self->item_page, NULL);
  show_page (self, "browser");
}

static void
shoot_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  ResellWindow *self = RESELL_WINDOW (widget);
  ResellItem *item = resell_item_page_get_item (self->item_page);
  ResellCategory *category;

  if (item == NULL || self->catalog == NULL)
    return;

  /* The details typed last go to the catalog before photos attach. */
  resell_item_page_flush (self->item_page);
  category = resell_category_registry_lookup (resell_context_get_categories (self->context),
                                              resell_item_get_category (item));
  show_page (self, "studio");
  resell_studio_open (self->studio, item, category,
                      resell_application_get_camera_monitor (self->app));
}

/* The flaw window's "Shoot Close-up" (the flaw's id): the studio opens on
 * the item shown, with its next capture armed as that flaw's detail photo. */
static void
shoot_flaw_closeup_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  ResellWindow *self = RESELL_WINDOW (widget);

  shoot_action (widget, "win.shoot", NULL);
  if (resell_studio_get_item (self->studio) != NULL)
    gtk_widget_activate_action_variant (GTK_WIDGET (self->studio), "studio.flaw-closeup", param);
}

/* The studio read another item's label on its first photo and the seller
 * chose to shoot that item: the studio and the item page (where Back
 * leads) move to it. */
static void
on_studio_switch_item (ResellWindow *self,
                       ResellItem   *item)
{
  ResellCategory *category;

  if (self->catalog == NULL)
    return;

  category = resell_category_registry_lookup (resell_context_get_categories (self->context),
                                              resell_item_get_category (item));
  resell_item_page_flush (self->item_page);
  resell_item_page_set_item (self->item_page, item);
  resell_studio_open (self->studio, item, category,
                      resell_application_get_camera_monitor (self->app));
}

static void
leave_studio_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  ResellWindow *self = RESELL_WINDOW (widget);

  resell_studio_close (self->studio);
  resell_item_page_reload_photos (self->item_page);
  show_page (self, "item");
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  resell_browser_start_search (RESELL_WINDOW (widget)->browser);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  ResellWindow *self = RESELL_WINDOW (widget);

  resell_item_page_choose_import (self->item_page, g_str_equal (action_name, "win.import-folder"));
}

/* Trashing and restoring write to the catalog, which may wait for another
 * writer (the command-line tool, an import) and for the disk: off the UI
 * thread, reporting back only a failure. */

typedef enum { TRASH, RESTORE } TrashOp;

typedef struct
{
  ResellWindow *self;
  TrashOp       op;
  gint64        id;
  char         *title;   /* markup-escaped, for the toast */
} TrashJob;

static void
trash_job_free (TrashJob *job)
{
  g_object_unref (job->self);
  g_free (job->title);
  g_free (job);
}

static void
trash_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  TrashJob *job = user_data;
  ResellWindow *self = job->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  AdwToast *toast;
  gboolean ok;

  if (job->op == TRASH)
    ok = resell_catalog_trash_item_finish (RESELL_CATALOG (object), result, &error);
  else
    ok = resell_catalog_restore_item_finish (RESELL_CATALOG (object), result, &error);

  if (!ok)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        resell_window_show_message (self, error->message);
      trash_job_free (job);
      return;
    }

  if (job->op != TRASH)
    {
      trash_job_free (job);
      return;
    }

  /* Translators: %s is an item's title */
  message = g_strdup_printf (_("“%s” deleted"), job->title);
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-delete");
  adw_toast_set_action_target_value (toast, g_variant_new_int64 (job->id));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  resell_window_add_toast (self, toast);
  trash_job_free (job);
}

static void
run_trash_job (ResellWindow *self,
               TrashOp       op,
               gint64        id,
               const char   *title)
{
  TrashJob *job = g_new0 (TrashJob, 1);

  job->self = g_object_ref (self);
  job->op = op;
  job->id = id;
  job->title = title ? g_markup_escape_text (title, -1) : NULL;

  if (op == TRASH)
    resell_catalog_trash_item_async (self->catalog, id, self->cancellable, trash_done_cb, job);
  else
    resell_catalog_restore_item_async (self->catalog, id, self->cancellable, trash_done_cb, job);
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  ResellWindow *self = RESELL_WINDOW (widget);

  if (self->catalog != NULL)
    run_trash_job (self, RESTORE, g_variant_get_int64 (param), NULL);
}

static void
delete_item_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  ResellWindow *self = RESELL_WINDOW (widget);
  g_autofree char *title = NULL;
  gboolean on_item;
  ResellItem *item;

  if (self->catalog == NULL)
    return;

  on_item = g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "item") == 0;
  item = on_item ? resell_item_page_get_item (self->item_page)
                 : resell_browser_get_selected_item (self->browser);
  if (item == NULL)
    return;

  title = resell_item_dup_display_title (item);

  /* Trash rather than delete: the item's photos and details stay on disk
   * until the trash is emptied, so Undo restores everything.  Pending edits
   * are queued first, so they are in what Undo brings back. */
  resell_item_page_flush (self->item_page);
  run_trash_job (self, TRASH, resell_item_get_id (item), title);

  if (on_item)
    {
      resell_item_page_set_item (self->item_page, NULL);
      show_page (self, "browser");
    }
}

static void
open_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri (g_variant_get_string (param, NULL), NULL, &error))
    resell_window_show_message (RESELL_WINDOW (widget), error->message);
}

static gboolean
resell_window_close_request (GtkWindow *window)
{
  ResellWindow *self = RESELL_WINDOW (window);
  GSettings *gsettings = resell_settings_get_gsettings (resell_application_get_settings (self->app));
  int width, height;

  /* Save what the seller typed last before anything else goes away. */
  resell_item_page_flush (self->item_page);
  resell_studio_close (self->studio);

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (gsettings, "window-width", width);
  g_settings_set_int (gsettings, "window-height", height);
  g_settings_set_boolean (gsettings, "window-maximized", gtk_window_is_maximized (window));

  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (resell_window_parent_class)->close_request (window);
}

static void
resell_window_dispose (GObject *object)
{
  ResellWindow *self = (ResellWindow *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), RESELL_TYPE_WINDOW);

  g_clear_object (&self->items);
  g_clear_object (&self->catalog);
  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (resell_window_parent_class)->dispose (object);
}

/* The pages are made here rather than by the template: they take the
 * context at construction.  After construction, as the window's
 * "application" is set only then. */
static void
setup_pages (ResellWindow *self)
{
  ResellSettings *settings = resell_application_get_settings (self->app);
  const char * const *problems;

  self->browser = resell_browser_new (self->context, settings);
  g_signal_connect_object (self->browser, "item-activated",
                           G_CALLBACK (on_browser_item_activated), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->browser, "notify::selected-item",
                           G_CALLBACK (on_browser_selection_changed), self, G_CONNECT_SWAPPED);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->browser), "browser");

  self->item_page = resell_item_page_new (self->context, settings);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->item_page), "item");

  resell_studio_set_app_context (self->studio, settings,
                                 resell_context_get_thumbnailer (self->context));
  g_signal_connect_object (self->studio, "switch-item",
                           G_CALLBACK (on_studio_switch_item), self, G_CONNECT_SWAPPED);

  problems = resell_context_get_category_problems (self->context);
  for (guint i = 0; problems != NULL && problems[i] != NULL; i++)
    {
      g_autofree char *message = NULL;

      /* Translators: %s names a file and line and says what is wrong there */
      message = g_strdup_printf (_("A category file was skipped: %s"), problems[i]);
      resell_window_show_message (self, message);
    }

  /* The seller's own grading rules are checked at start too, so a mistake
   * in one is said now rather than when an item is first graded; the
   * category's built-in rules grade meanwhile. */
  problems = resell_context_get_grading_problems (self->context);
  for (guint i = 0; problems != NULL && problems[i] != NULL; i++)
    {
      g_autofree char *message = NULL;

      /* Translators: %s names a file and line and says what is wrong there */
      message = g_strdup_printf (_("A grading rules file was skipped: %s"), problems[i]);
      resell_window_show_message (self, message);
    }

  show_page (self, "loading");
  resell_context_load_catalog_async (self->context, self->cancellable,
                                     catalog_loaded_cb, g_object_ref (self));
}

static void
resell_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  ResellWindow *self = RESELL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  ResellWindow *self = RESELL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_window_class_init (ResellWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = resell_window_dispose;
  object_class->get_property = resell_window_get_property;
  object_class->set_property = resell_window_set_property;
  window_class->close_request = resell_window_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, RESELL_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (RESELL_TYPE_STUDIO);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Resell/ui/resell-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ResellWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ResellWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, ResellWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, ResellWindow, studio);

  gtk_widget_class_install_action (widget_class, "win.new-item", NULL, new_item_action);
  gtk_widget_class_install_action (widget_class, "win.show-browser", NULL, show_browser_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.shoot", NULL, shoot_action);
  gtk_widget_class_install_action (widget_class, "win.shoot-flaw-closeup", "x", shoot_flaw_closeup_action);
  gtk_widget_class_install_action (widget_class, "win.leave-studio", NULL, leave_studio_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.import-folder", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.delete-item", NULL, delete_item_action);
  gtk_widget_class_install_action (widget_class, "win.undo-delete", "x", undo_delete_action);
  /* Toasts live above the pages, so what they offer are window actions. */
  gtk_widget_class_install_action (widget_class, "win.open-folder", "s", open_folder_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-item", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.import-folder", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.show-browser", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, "win.shoot", NULL);
}

static void
resell_window_init (ResellWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();

  g_signal_connect_object (self->stack, "notify::visible-child",
                           G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  update_actions (self);
}

static gboolean
delete_key_pressed (GtkEventControllerKey *controller,
                    guint                  keyval,
                    guint                  keycode,
                    GdkModifierType        state,
                    ResellWindow          *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (keyval != GDK_KEY_Delete || (state & gtk_accelerator_get_default_mod_mask ()) != 0)
    return FALSE;

  /* Delete in a text field deletes text, not the item. */
  if (focus != NULL && GTK_IS_EDITABLE (focus))
    return FALSE;
  if (focus != NULL && GTK_IS_TEXT_VIEW (focus))
    return FALSE;

  return gtk_widget_activate_action (GTK_WIDGET (self), "win.delete-item", NULL);
}

ResellWindow *
resell_window_new (ResellApplication *application,
                   ResellContext     *context)
{
  ResellWindow *self;
  GSettings *gsettings = resell_settings_get_gsettings (resell_application_get_settings (application));
  GtkEventController *keys;

  g_return_val_if_fail (RESELL_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (RESELL_IS_CONTEXT (context), NULL);

  self = g_object_new (RESELL_TYPE_WINDOW,
                       "application", application,
                       "context", context,
                       "default-width", g_settings_get_int (gsettings, "window-width"),
                       "default-height", g_settings_get_int (gsettings, "window-height"),
                       "maximized", g_settings_get_boolean (gsettings, "window-maximized"),
                       NULL);
  self->app = application;

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_BUBBLE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (delete_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  setup_pages (self);

  return self;
}
