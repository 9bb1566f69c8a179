/* resell-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-preferences-window"

#include <glib/gi18n.h>

#include "resell-preferences-window.h"

struct _ResellPreferencesWindow
{
  AdwPreferencesWindow    parent_instance;

  ResellSettings         *settings;
  ResellCategoryRegistry *categories;
  gboolean                loading;

  AdwEntryRow            *sku_prefix_row;
  AdwEntryRow            *copyright_row;
  AdwComboRow            *category_row;
  AdwComboRow            *view_row;
};

G_DEFINE_FINAL_TYPE (ResellPreferencesWindow, resell_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static const char *views[] = { "grid", "list" };

static void
on_sku_prefix_apply (ResellPreferencesWindow *self)
{
  g_autoptr(GString) prefix = g_string_new (NULL);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->sku_prefix_row));

  /* SKUs go on labels and into marketplace fields: keep them to plain
   * capitals and digits. */
  for (const char *p = text; *p != '\0' && prefix->len < 8; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (prefix, g_ascii_toupper (*p));

  if (prefix->len == 0)
    g_string_assign (prefix, "RS");

  gtk_editable_set_text (GTK_EDITABLE (self->sku_prefix_row), prefix->str);
  g_settings_set_string (resell_settings_get_gsettings (self->settings), "sku-prefix", prefix->str);
}

static void
on_copyright_apply (ResellPreferencesWindow *self)
{
  g_autofree char *line = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->copyright_row)));

  g_strstrip (line);
  g_settings_set_string (resell_settings_get_gsettings (self->settings), "copyright", line);
}

static void
on_category_selected (ResellPreferencesWindow *self)
{
  guint pos = adw_combo_row_get_selected (self->category_row);
  g_autoptr(ResellCategory) category = NULL;

  if (self->loading || pos == GTK_INVALID_LIST_POSITION)
    return;

  /* Position 0 is "the last one used". */
  if (pos > 0)
    category = g_list_model_get_item (G_LIST_MODEL (self->categories), pos - 1);

  g_settings_set_string (resell_settings_get_gsettings (self->settings), "default-category",
                         category ? resell_category_get_id (category) : "");
}

static void
on_view_selected (ResellPreferencesWindow *self)
{
  guint pos = adw_combo_row_get_selected (self->view_row);

  if (self->loading || pos >= G_N_ELEMENTS (views))
    return;

  resell_settings_set_browser_view (self->settings, views[pos]);
}

static void
resell_preferences_window_dispose (GObject *object)
{
  ResellPreferencesWindow *self = (ResellPreferencesWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), RESELL_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->categories);

  G_OBJECT_CLASS (resell_preferences_window_parent_class)->dispose (object);
}

static void
resell_preferences_window_class_init (ResellPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = resell_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Resell/ui/resell-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ResellPreferencesWindow, sku_prefix_row);
  gtk_widget_class_bind_template_child (widget_class, ResellPreferencesWindow, copyright_row);
  gtk_widget_class_bind_template_child (widget_class, ResellPreferencesWindow, category_row);
  gtk_widget_class_bind_template_child (widget_class, ResellPreferencesWindow, view_row);
  gtk_widget_class_bind_template_callback (widget_class, on_sku_prefix_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_copyright_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_category_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_view_selected);
}

static void
resell_preferences_window_init (ResellPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

ResellPreferencesWindow *
resell_preferences_window_new (ResellSettings         *settings,
                               ResellCategoryRegistry *categories)
{
  ResellPreferencesWindow *self = g_object_new (RESELL_TYPE_PREFERENCES_WINDOW, NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) view_names = gtk_string_list_new (NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (categories));
  guint selected = 0;

  self->settings = g_object_ref (settings);
  self->categories = g_object_ref (categories);
  self->loading = TRUE;

  gtk_editable_set_text (GTK_EDITABLE (self->sku_prefix_row), resell_settings_get_sku_prefix (settings));
  gtk_editable_set_text (GTK_EDITABLE (self->copyright_row), resell_settings_get_copyright (settings));

  gtk_string_list_append (names, _("The last one used"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ResellCategory) category = g_list_model_get_item (G_LIST_MODEL (categories), i);

      gtk_string_list_append (names, resell_category_get_name (category));
      if (g_strcmp0 (resell_category_get_id (category), resell_settings_get_default_category (settings)) == 0)
        selected = i + 1;
    }
  adw_combo_row_set_model (self->category_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->category_row, selected);

  gtk_string_list_append (view_names, _("Grid of photos"));
  gtk_string_list_append (view_names, _("List with details"));
  adw_combo_row_set_model (self->view_row, G_LIST_MODEL (view_names));
  adw_combo_row_set_selected (self->view_row,
                              g_strcmp0 (resell_settings_get_browser_view (settings), "list") == 0 ? 1 : 0);

  self->loading = FALSE;
  return self;
}
