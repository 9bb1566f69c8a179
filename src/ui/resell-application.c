/* resell-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-application"

#include "config.h"

#include <glib/gi18n.h>

#include "resell-application.h"
#include "resell-preferences-window.h"
#include "resell-window.h"

struct _ResellApplication
{
  AdwApplication          parent_instance;
  ResellSettings         *settings;
  ResellContext          *context;
  ResellCameraMonitor    *camera_monitor;  /* made when the studio first needs it */
};

G_DEFINE_FINAL_TYPE (ResellApplication, resell_application, ADW_TYPE_APPLICATION)

ResellApplication *
resell_application_new (void)
{
  return g_object_new (RESELL_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/com/example/Resell",
                       NULL);
}

static gpointer
core_init_thread (gpointer data)
{
  g_autoptr(GError) error = NULL;

  /* Failure shows later, where an import or a thumbnail needs libvips. */
  if (!resell_core_init (NULL, &error))
    g_warning ("%s", error->message);
  return NULL;
}

static void
resell_application_startup (GApplication *app)
{
  ResellApplication *self = RESELL_APPLICATION (app);

  G_APPLICATION_CLASS (resell_application_parent_class)->startup (app);

  /* libvips loads its format modules at start, a good part of the app's
   * start-up time: do it beside building the window, not before. */
  g_thread_unref (g_thread_new ("resell-core-init", core_init_thread, NULL));

  g_set_application_name (_("Resell"));
  gtk_window_set_default_icon_name (APP_ID);

  self->settings = resell_settings_new ();

  /* The services every window shares: categories, profiles and the
   * thumbnailer at once (a few small files), the catalog when the first
   * window asks for it. */
  self->context = resell_context_new (NULL, NULL);
  resell_context_start_upkeep (self->context);
}

static void
resell_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (resell_window_new (RESELL_APPLICATION (app),
                                            RESELL_APPLICATION (app)->context));

  gtk_window_present (window);
}

static void
resell_application_dispose (GObject *object)
{
  ResellApplication *self = (ResellApplication *)object;

  g_clear_object (&self->settings);
  g_clear_object (&self->context);
  g_clear_object (&self->camera_monitor);

  G_OBJECT_CLASS (resell_application_parent_class)->dispose (object);
}

static void
resell_application_class_init (ResellApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = resell_application_dispose;
  app_class->startup = resell_application_startup;
  app_class->activate = resell_application_activate;
}

static void
show_about (GSimpleAction *action,
            GVariant      *param,
            gpointer       user_data)
{
  ResellApplication *self = user_data;
  static const char *developers[] = { "Resell developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "application-name", _("Resell"),
                         "application-icon", APP_ID,
                         "developer-name", _("Resell developers"),
                         "version", PACKAGE_VERSION,
                         "website", "https://example.com/resell",
                         "issue-url", "https://example.com/resell/issues",
                         "comments", _("Photograph, grade and list second-hand goods, and keep track of what you sold and were paid."),
                         "developers", developers,
                         "copyright", "© 2026 Resell developers",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         /* Translators: put your names here, one per line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
show_preferences (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  ResellApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  ResellPreferencesWindow *prefs;

  prefs = resell_preferences_window_new (self->settings, self->context);
  gtk_window_set_transient_for (GTK_WINDOW (prefs), parent);
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
quit_app (GSimpleAction *action,
          GVariant      *param,
          gpointer       user_data)
{
  ResellApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Closing the windows lets each one finish its pending saves first. */
  for (GList *l = windows; l != NULL; )
    {
      GtkWindow *window = l->data;
      l = l->next;
      gtk_window_close (window);
    }
}

static void
resell_application_init (ResellApplication *self)
{
  static const GActionEntry actions[] = {
    { "about", show_about },
    { "preferences", show_preferences },
    { "quit", quit_app },
  };
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *prefs_accels[] = { "<Control>comma", NULL };

  g_action_map_add_action_entries (G_ACTION_MAP (self), actions, G_N_ELEMENTS (actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", prefs_accels);
}

ResellSettings *
resell_application_get_settings (ResellApplication *self)
{
  g_return_val_if_fail (RESELL_IS_APPLICATION (self), NULL);
  return self->settings;
}

ResellContext *
resell_application_get_context (ResellApplication *self)
{
  g_return_val_if_fail (RESELL_IS_APPLICATION (self), NULL);
  return self->context;
}

/* Made on first use, not at start-up: detecting cameras loads libgphoto2's
 * driver lists (on a worker), which the catalog alone never needs.  From
 * then on it stays, watching USB hotplug, so a camera plugged in later is
 * found by itself. */
ResellCameraMonitor *
resell_application_get_camera_monitor (ResellApplication *self)
{
  g_return_val_if_fail (RESELL_IS_APPLICATION (self), NULL);

  if (self->camera_monitor == NULL)
    self->camera_monitor = resell_camera_monitor_new ();
  return self->camera_monitor;
}
