/* resell-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-preferences-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pricing/resell-fee-schedule.h"
#include "pricing/resell-money.h"
#include "pricing/resell-payout.h"
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
  AdwEntryRow            *currency_row;
  AdwComboRow            *fee_schedule_row;
  GtkSpinButton          *half_life_spin;
  AdwEntryRow            *split_share_row;
  AdwComboRow            *split_base_row;
  AdwEntryRow            *split_tiers_row;
  AdwActionRow           *split_status_row;

  /* The fee schedules offered, by id, in the order of fee_schedule_row. */
  GPtrArray              *schedule_ids;
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
on_currency_apply (ResellPreferencesWindow *self)
{
  GSettings *gsettings = resell_settings_get_gsettings (self->settings);
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->currency_row)));
  g_autofree char *code = g_ascii_strup (g_strstrip (text), -1);

  if (!resell_currency_is_valid (code))
    {
      g_autofree char *message = NULL;
      g_autofree char *escaped = NULL;
      g_autofree char *current = g_settings_get_string (gsettings, "currency");

      /* Translators: %s is what the seller typed */
      message = g_strdup_printf (_("“%s” is not a currency: write its three-letter code, such as USD or EUR"),
                                 text);
      /* Toast titles are markup in libadwaita 1.2. */
      escaped = g_markup_escape_text (message, -1);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (escaped));
      gtk_editable_set_text (GTK_EDITABLE (self->currency_row), current);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->currency_row), code);
  g_settings_set_string (gsettings, "currency", code);
}

static void
on_fee_schedule_selected (ResellPreferencesWindow *self)
{
  guint pos = adw_combo_row_get_selected (self->fee_schedule_row);

  if (self->loading || pos >= self->schedule_ids->len)
    return;

  g_settings_set_string (resell_settings_get_gsettings (self->settings), "fee-schedule",
                         g_ptr_array_index (self->schedule_ids, pos));
}

static void
show_split_status (ResellPreferencesWindow *self,
                   const char              *text,
                   gboolean                 is_error)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->split_status_row), text);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->split_status_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->split_status_row), "error");
}

/* Says in words what the stored split gives a consignor. */
static void
describe_split (ResellPreferencesWindow *self,
                const char              *share,
                gboolean                 net,
                gboolean                 tiered)
{
  g_autofree char *text = NULL;

  if (net && tiered)
    /* Translators: %s is a percentage, e.g. “40” */
    text = g_strdup_printf (_("Consignors get %s%% of the price after fees, more from the prices above"), share);
  else if (net)
    text = g_strdup_printf (_("Consignors get %s%% of the price after fees"), share);
  else if (tiered)
    text = g_strdup_printf (_("Consignors get %s%% of the sale price, more from the prices above"), share);
  else
    text = g_strdup_printf (_("Consignors get %s%% of the sale price"), share);

  show_split_status (self, text, FALSE);
}

static char *
strip_percent (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);

  /* “40 %” is what people type; the setting wants “40”. */
  for (const char *p = text; *p != '\0'; p++)
    if (*p != '%' && !g_ascii_isspace (*p))
      g_string_append_c (out, *p);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The friendly rows make the "consignor-split" string; the core's parser
 * says whether it is one, and a mistake is shown rather than stored. */
static void
on_split_apply (ResellPreferencesWindow *self)
{
  g_autofree char *share = strip_percent (gtk_editable_get_text (GTK_EDITABLE (self->split_share_row)));
  g_autofree char *tiers = strip_percent (gtk_editable_get_text (GTK_EDITABLE (self->split_tiers_row)));
  gboolean net = adw_combo_row_get_selected (self->split_base_row) == 0;
  g_autoptr(ResellConsignorSplit) split = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  if (self->loading)
    return;

  value = g_strdup_printf ("%s:%s%s%s", net ? "net" : "gross", share,
                           *tiers != '\0' ? "," : "", tiers);
  if (!(split = resell_consignor_split_parse (value, &error)))
    {
      show_split_status (self, error->message, TRUE);
      return;
    }

  g_settings_set_string (resell_settings_get_gsettings (self->settings), "consignor-split", value);
  describe_split (self, share, net, *tiers != '\0');
}

/* Fills the split's rows from the stored "[net:|gross:]SHARE[,FROM=SHARE…]". */
static void
load_split (ResellPreferencesWindow *self)
{
  g_autofree char *value = g_settings_get_string (resell_settings_get_gsettings (self->settings),
                                                  "consignor-split");
  const char *body = value;
  gboolean net = TRUE;
  g_auto(GStrv) parts = NULL;
  g_autoptr(GString) tiers = g_string_new (NULL);
  g_autoptr(ResellConsignorSplit) split = NULL;
  g_autoptr(GError) error = NULL;

  if (g_str_has_prefix (body, "gross:"))
    {
      net = FALSE;
      body += strlen ("gross:");
    }
  else if (g_str_has_prefix (body, "net:"))
    {
      body += strlen ("net:");
    }

  parts = g_strsplit (body, ",", -1);
  for (guint i = 1; parts[0] != NULL && parts[i] != NULL; i++)
    g_string_append_printf (tiers, "%s%s", tiers->len > 0 ? ", " : "", g_strstrip (parts[i]));

  gtk_editable_set_text (GTK_EDITABLE (self->split_share_row), parts[0] != NULL ? g_strstrip (parts[0]) : "");
  gtk_editable_set_text (GTK_EDITABLE (self->split_tiers_row), tiers->str);
  adw_combo_row_set_selected (self->split_base_row, net ? 0 : 1);

  if (!(split = resell_consignor_split_parse (value, &error)))
    show_split_status (self, error->message, TRUE);
  else
    describe_split (self, parts[0] != NULL ? parts[0] : "", net, tiers->len > 0);
}

static void
load_fee_schedules (ResellPreferencesWindow *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_auto(GStrv) builtin = resell_fee_schedule_list_builtin ();
  g_autofree char *current = g_settings_get_string (resell_settings_get_gsettings (self->settings),
                                                    "fee-schedule");
  guint selected = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; builtin != NULL && builtin[i] != NULL; i++)
    g_ptr_array_add (self->schedule_ids, g_strdup (builtin[i]));
  /* A schedule of the seller's own that the setting names is offered too. */
  if (*current != '\0' && (builtin == NULL || !g_strv_contains ((const char * const *) builtin, current)))
    g_ptr_array_add (self->schedule_ids, g_strdup (current));

  for (guint i = 0; i < self->schedule_ids->len; i++)
    {
      const char *id = g_ptr_array_index (self->schedule_ids, i);
      g_autoptr(ResellFeeSchedule) schedule = NULL;
      g_autoptr(GError) error = NULL;

      /* The name is the schedule's own ("eBay (US)"); one that does not
       * load is still listed, by its id, so the setting can be changed. */
      if ((schedule = resell_fee_schedule_lookup (id, &error)) != NULL)
        gtk_string_list_append (names, resell_fee_schedule_get_name (schedule));
      else
        gtk_string_list_append (names, id);
      if (g_strcmp0 (id, current) == 0)
        selected = i;
    }

  adw_combo_row_set_model (self->fee_schedule_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->fee_schedule_row, selected);
}

static void
resell_preferences_window_dispose (GObject *object)
{
  ResellPreferencesWindow *self = (ResellPreferencesWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), RESELL_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->categories);
  g_clear_pointer (&self->schedule_ids, g_ptr_array_unref);

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
  gtk_widget_class_bind_template_child (widget_class, ResellPreferencesWindow, currency_row);
  gtk_widget_class_bind_template_child (widget_class, ResellPreferencesWindow, fee_schedule_row);
  gtk_widget_class_bind_template_child (widget_class, ResellPreferencesWindow, half_life_spin);
  gtk_widget_class_bind_template_child (widget_class, ResellPreferencesWindow, split_share_row);
  gtk_widget_class_bind_template_child (widget_class, ResellPreferencesWindow, split_base_row);
  gtk_widget_class_bind_template_child (widget_class, ResellPreferencesWindow, split_tiers_row);
  gtk_widget_class_bind_template_child (widget_class, ResellPreferencesWindow, split_status_row);
  gtk_widget_class_bind_template_callback (widget_class, on_capture_key_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_currency_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_fee_schedule_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_split_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_sku_prefix_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_copyright_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_category_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_view_selected);
}

static void
resell_preferences_window_init (ResellPreferencesWindow *self)
{
  self->schedule_ids = g_ptr_array_new_with_free_func (g_free);
  /* The template's signals may fire while it is built. */
  self->loading = TRUE;
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
  g_autoptr(GtkStringList) bases = gtk_string_list_new (NULL);
  GSettings *gsettings = resell_settings_get_gsettings (settings);
  g_autofree char *currency = g_settings_get_string (gsettings, "currency");
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

  gtk_editable_set_text (GTK_EDITABLE (self->currency_row), currency);
  load_fee_schedules (self);
  g_settings_bind (gsettings, "price-half-life-days",
                   gtk_spin_button_get_adjustment (self->half_life_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  gtk_string_list_append (bases, _("The price after fees"));
  gtk_string_list_append (bases, _("The sale price"));
  adw_combo_row_set_model (self->split_base_row, G_LIST_MODEL (bases));
  load_split (self);

  self->loading = FALSE;
  return self;
}
