/* resell-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-preferences-window"

#include "config.h"

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
  AdwComboRow            *capture_key_row;
  GtkSwitch              *delete_switch;
};

G_DEFINE_FINAL_TYPE (ResellPreferencesWindow, resell_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static const char *views[] = { "grid", "list" };

/* Keys foot pedals are commonly set to type, by GDK name. */
static const struct
{
  const char *key;
  const char *label;
} pedal_keys[] = {
  { "",          N_("None") },
  { "Return",    N_("Enter") },
  { "Page_Down", N_("Page Down") },
  { "Page_Up",   N_("Page Up") },
  { "Right",     N_("Right Arrow") },
  { "b",         N_("B") },
  { "F13",       N_("F13") },
  { "F14",       N_("F14") },
  { "F15",       N_("F15") },
};

static void
on_capture_key_selected (ResellPreferencesWindow *self)
{
  guint pos = adw_combo_row_get_selected (self->capture_key_row);

  if (self->loading || pos >= G_N_ELEMENTS (pedal_keys))
    return;

  resell_settings_set_capture_key (self->settings, pedal_keys[pos].key);
}

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
  gtk_widget_class_bind_template_child (widget_class, ResellPreferencesWindow, capture_key_row);
  gtk_widget_class_bind_template_child (widget_class, ResellPreferencesWindow, delete_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_capture_key_selected);
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
resell_preferences_window_new (ResellSettings *settings,
                               ResellContext  *context)
{
  ResellCategoryRegistry *categories = resell_context_get_categories (context);
  ResellPreferencesWindow *self = g_object_new (RESELL_TYPE_PREFERENCES_WINDOW, NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) view_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) key_names = gtk_string_list_new (NULL);
  guint key_selected = 0;
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

  for (guint i = 0; i < G_N_ELEMENTS (pedal_keys); i++)
    {
      gtk_string_list_append (key_names, _(pedal_keys[i].label));
      if (g_strcmp0 (pedal_keys[i].key, resell_settings_get_capture_key (settings)) == 0)
        key_selected = i;
    }
  adw_combo_row_set_model (self->capture_key_row, G_LIST_MODEL (key_names));
  adw_combo_row_set_selected (self->capture_key_row, key_selected);

  g_object_bind_property (settings, "delete-from-card", self->delete_switch, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  self->loading = FALSE;
  return self;
}
