/* resell-value-panel.c — an item's price hint with its evidence, the
 * seller's asking price, the fees and the expected payout
 *
 * Everything shown comes from one ResellPriceHint, loaded by the core off
 * the UI thread; the panel only formats it.  The grade is the item's own,
 * chosen by the core from its appraisal; the panel only reloads when the
 * catalog says the item or its flaws changed (the condition panel's
 * answers and override, the flaw window's marks).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-value-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "catalog/resell-catalog-comps.h"
#include "pricing/resell-price-hint.h"
#include "pricing/resell-price-grade.h"
#include "pricing/resell-value-panel.h"

/* Typing in the brand or model reloads the hint once the typing pauses. */
#define RELOAD_DELAY_MS 400

struct _ResellValuePanel
{
  AdwBin           parent_instance;

  ResellContext   *context;
  ResellCatalog   *catalog;
  gulong           item_changed_id;
  gulong           flaws_changed_id;
  ResellItem      *item;
  ResellPriceHint *hint;
  GCancellable    *cancellable;
  guint            reload_source;
  GPtrArray       *comp_rows;
  GPtrArray       *fee_rows;

  GtkLabel        *sentence_label;
  AdwActionRow    *suggested_row;
  GtkButton       *use_suggested_button;
  AdwActionRow    *range_row;
  AdwActionRow    *quick_sale_row;
  AdwActionRow    *confidence_row;
  AdwExpanderRow  *comps_row;
  AdwEntryRow     *asking_row;
  AdwExpanderRow  *fees_row;
  AdwActionRow    *consignor_row;
  AdwActionRow    *payout_row;
};

G_DEFINE_FINAL_TYPE (ResellValuePanel, resell_value_panel, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void reload (ResellValuePanel *self);
static void schedule_reload (ResellValuePanel *self);

static void
set_money_subtitle (AdwActionRow      *row,
                    const ResellMoney *money)
{
  g_autofree char *text = money != NULL ? resell_money_format (money) : g_strdup ("—");

  adw_action_row_set_subtitle (row, text);
}

static void
clear_rows (AdwExpanderRow *expander,
            GPtrArray      *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_expander_row_remove (expander, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static GtkWidget *
add_row (AdwExpanderRow *expander,
         GPtrArray      *rows,
         const char     *title,
         const char     *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_expander_row_add_row (expander, row);
  g_ptr_array_add (rows, row);

  return row;
}

static void
show_comps (ResellValuePanel    *self,
            ResellPriceEstimate *estimate)
{
  GPtrArray *evidence = resell_price_estimate_get_evidence (estimate);
  g_autofree char *count = NULL;

  clear_rows (self->comps_row, self->comp_rows);

  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u sale", "%u sales", evidence->len), evidence->len);
  adw_expander_row_set_subtitle (self->comps_row, count);
  gtk_widget_set_sensitive (GTK_WIDGET (self->comps_row), evidence->len > 0);

  for (guint i = 0; i < evidence->len; i++)
    {
      ResellPriceEvidence *e = g_ptr_array_index (evidence, i);
      ResellMoney price = resell_money_make (e->comp->price_minor, e->comp->currency);
      ResellMoney adjusted = resell_money_make (e->adjusted_minor, e->comp->currency);
      g_autofree char *price_text = resell_money_format (&price);
      g_autofree char *adjusted_text = resell_money_format (&adjusted);
      g_autoptr(GDateTime) sold = g_date_time_new_from_unix_utc (e->comp->sold_at);
      g_autofree char *date = sold != NULL ? g_date_time_format (sold, "%x") : g_strdup ("");
      const char *grade = resell_price_grade_get_label (e->comp->grade);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;

      if (e->grade_bp != 10000)
        /* Translators: a sale's price and the price it counts for at the item's grade */
        title = g_strdup_printf (_("%s (counts as %s)"), price_text, adjusted_text);
      else
        title = g_strdup (price_text);

      /* Translators: sale date · brand model · grade · weight, e.g. "11/02/26 · Coach Tabby · Very good · weight 12.5%" */
      subtitle = g_strdup_printf (_("%s · %s %s · %s · weight %.1f%%"),
                                  date, e->comp->brand, e->comp->model,
                                  grade != NULL ? grade : _("condition unknown"), e->weight * 100);
      add_row (self->comps_row, self->comp_rows, title, subtitle);
    }
}

static void
show_payout (ResellValuePanel *self)
{
  const ResellPayout *payout = resell_price_hint_get_payout (self->hint);
  const char *error = resell_price_hint_get_payout_error (self->hint);

  clear_rows (self->fees_row, self->fee_rows);
  gtk_widget_set_visible (GTK_WIDGET (self->consignor_row), payout != NULL && payout->has_consignor);

  if (payout == NULL)
    {
      adw_expander_row_set_subtitle (self->fees_row, error != NULL ? error : "—");
      adw_action_row_set_subtitle (self->payout_row,
                                   error != NULL ? "—" : _("Set an asking price, or add comparable sales"));
      return;
    }

  {
    g_autofree char *total = resell_money_format (&payout->fees);
    const char *schedule = resell_price_hint_get_fee_schedule_name (self->hint);
    g_autofree char *subtitle = schedule != NULL ? g_strdup_printf ("%s (%s)", total, schedule)
                                                 : g_strdup (total);

    adw_expander_row_set_subtitle (self->fees_row, subtitle);
  }

  for (guint i = 0; i < payout->fee_lines->len; i++)
    {
      ResellFeeLine *line = g_ptr_array_index (payout->fee_lines, i);
      g_autofree char *amount = resell_money_format (&line->amount);

      add_row (self->fees_row, self->fee_rows, line->label, amount);
    }

  set_money_subtitle (self->consignor_row, &payout->consignor);
  set_money_subtitle (self->payout_row, &payout->seller);
}

static void
show_hint (ResellValuePanel *self)
{
  ResellPriceEstimate *estimate = resell_price_hint_get_estimate (self->hint);
  const ResellMoney *asking = resell_price_hint_get_asking (self->hint);
  gboolean has_price = resell_price_estimate_get_has_price (estimate);

  gtk_label_set_text (self->sentence_label, resell_price_hint_get_sentence (self->hint));
  set_money_subtitle (self->suggested_row, resell_price_estimate_get_suggested (estimate));
  set_money_subtitle (self->quick_sale_row, resell_price_estimate_get_quick_sale (estimate));
  gtk_widget_set_sensitive (GTK_WIDGET (self->use_suggested_button), has_price);

  if (has_price)
    {
      g_autofree char *low = resell_money_format (resell_price_estimate_get_low (estimate));
      g_autofree char *high = resell_money_format (resell_price_estimate_get_high (estimate));
      g_autofree char *range = g_strdup_printf ("%s – %s", low, high);

      adw_action_row_set_subtitle (self->range_row, range);
    }
  else
    adw_action_row_set_subtitle (self->range_row, "—");

  adw_action_row_set_subtitle (self->confidence_row,
                               resell_price_confidence_describe (resell_price_estimate_get_confidence (estimate)));
  show_comps (self, estimate);

  {
    g_autofree char *text = asking != NULL ? resell_money_format_plain (asking) : g_strdup ("");

    gtk_editable_set_text (GTK_EDITABLE (self->asking_row), text);
    gtk_widget_remove_css_class (GTK_WIDGET (self->asking_row), "error");
  }

  show_payout (self);
}

static void
on_hint_loaded (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ResellValuePanel) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ResellPriceHint) hint = resell_price_hint_load_finish (result, &error);

  if (hint == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_warning ("Could not load the price hint: %s", error->message);
          gtk_label_set_text (self->sentence_label, error->message);
        }
      return;
    }

  g_set_object (&self->hint, hint);
  show_hint (self);
}

static void
on_catalog_item_changed (ResellValuePanel *self,
                         ResellItem       *item)
{
  /* Grade answers, an override, the asking price and the item's own
   * fields all land here. */
  if (self->item != NULL && resell_item_get_id (item) == resell_item_get_id (self->item))
    schedule_reload (self);
}

static void
on_catalog_flaws_changed (ResellValuePanel *self,
                          gint64            item_id)
{
  if (self->item != NULL && item_id == resell_item_get_id (self->item))
    schedule_reload (self);
}

static void
watch_catalog (ResellValuePanel *self,
               ResellCatalog    *catalog)
{
  if (catalog == self->catalog)
    return;

  if (self->catalog != NULL)
    {
      g_clear_signal_handler (&self->item_changed_id, self->catalog);
      g_clear_signal_handler (&self->flaws_changed_id, self->catalog);
      g_clear_object (&self->catalog);
    }
  if (catalog == NULL)
    return;

  self->catalog = g_object_ref (catalog);
  self->item_changed_id = g_signal_connect_object (catalog, "item-changed",
                                                   G_CALLBACK (on_catalog_item_changed), self,
                                                   G_CONNECT_SWAPPED);
  self->flaws_changed_id = g_signal_connect_object (catalog, "flaws-changed",
                                                    G_CALLBACK (on_catalog_flaws_changed), self,
                                                    G_CONNECT_SWAPPED);
}

static void
reload (ResellValuePanel *self)
{
  ResellCatalog *catalog;
  ResellCategoryRegistry *registry;
  ResellCategory *category;
  ResellPricingPrefs prefs = { "", };

  g_clear_handle_id (&self->reload_source, g_source_remove);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  catalog = self->context != NULL ? resell_context_get_catalog (self->context) : NULL;
  watch_catalog (self, catalog);
  gtk_widget_set_visible (GTK_WIDGET (self), catalog != NULL && self->item != NULL);
  if (catalog == NULL || self->item == NULL)
    return;

  self->cancellable = g_cancellable_new ();

  registry = resell_context_get_categories (self->context);
  category = registry != NULL ? resell_category_registry_lookup (registry, resell_item_get_category (self->item))
                              : NULL;

  resell_pricing_prefs_load (&prefs, resell_context_get_settings (self->context));
  /* No grade given: the core prices for the item's own. */
  resell_price_hint_load_async (catalog, resell_context_get_grader (self->context), registry,
                                self->item, NULL,
                                category != NULL ? resell_category_get_name (category) : NULL,
                                &prefs, self->cancellable, on_hint_loaded, g_object_ref (self));
  resell_pricing_prefs_clear (&prefs);
}

static gboolean
reload_timeout (gpointer user_data)
{
  ResellValuePanel *self = user_data;

  self->reload_source = 0;
  reload (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_reload (ResellValuePanel *self)
{
  g_clear_handle_id (&self->reload_source, g_source_remove);
  self->reload_source = g_timeout_add (RELOAD_DELAY_MS, reload_timeout, self);
}

static void
on_item_notify (ResellValuePanel *self,
                GParamSpec       *pspec,
                ResellItem       *item)
{
  schedule_reload (self);
}

static void
on_asking_saved (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(ResellValuePanel) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!resell_price_hint_set_asking_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_warning ("Could not save the asking price: %s", error->message);
          gtk_widget_add_css_class (GTK_WIDGET (self->asking_row), "error");
        }
      return;
    }

  /* The payout follows the new price. */
  reload (self);
}

static void
save_asking (ResellValuePanel  *self,
             const ResellMoney *price)
{
  ResellCatalog *catalog = self->context != NULL ? resell_context_get_catalog (self->context) : NULL;

  if (catalog == NULL || self->item == NULL)
    return;

  resell_price_hint_set_asking_async (catalog, resell_item_get_id (self->item), price,
                                      self->cancellable, on_asking_saved, g_object_ref (self));
}

static void
on_asking_apply (ResellValuePanel *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->asking_row))));
  ResellPricingPrefs prefs = { "", };
  ResellMoney price;
  gboolean ok;

  if (*text == '\0')
    {
      save_asking (self, NULL);
      return;
    }

  resell_pricing_prefs_load (&prefs, self->context != NULL ? resell_context_get_settings (self->context) : NULL);
  ok = resell_money_parse (text, prefs.currency, &price, NULL) && price.minor > 0;
  resell_pricing_prefs_clear (&prefs);

  if (!ok)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->asking_row), "error");
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->asking_row), "error");
  save_asking (self, &price);
}

static void
on_use_suggested_clicked (ResellValuePanel *self)
{
  const ResellMoney *suggested;

  if (self->hint == NULL)
    return;

  suggested = resell_price_estimate_get_suggested (resell_price_hint_get_estimate (self->hint));
  if (suggested != NULL)
    save_asking (self, suggested);
}

void
resell_value_panel_set_context (ResellValuePanel *self,
                                ResellContext    *context)
{
  g_return_if_fail (RESELL_IS_VALUE_PANEL (self));

  if (g_set_object (&self->context, context))
    {
      reload (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
    }
}

void
resell_value_panel_set_item (ResellValuePanel *self,
                             ResellItem       *item)
{
  g_return_if_fail (RESELL_IS_VALUE_PANEL (self));

  if (self->item != NULL)
    g_signal_handlers_disconnect_by_func (self->item, on_item_notify, self);
  g_set_object (&self->item, item);
  g_clear_object (&self->hint);

  if (item != NULL)
    {
      /* What the estimate and the payout depend on. */
      g_signal_connect_swapped (item, "notify::category", G_CALLBACK (on_item_notify), self);
      g_signal_connect_swapped (item, "notify::brand", G_CALLBACK (on_item_notify), self);
      g_signal_connect_swapped (item, "notify::model", G_CALLBACK (on_item_notify), self);
      g_signal_connect_swapped (item, "notify::consignor", G_CALLBACK (on_item_notify), self);
    }

  reload (self);
}

static void
resell_value_panel_dispose (GObject *object)
{
  ResellValuePanel *self = RESELL_VALUE_PANEL (object);

  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->item != NULL)
    g_signal_handlers_disconnect_by_func (self->item, on_item_notify, self);
  g_clear_object (&self->item);
  g_clear_object (&self->hint);
  watch_catalog (self, NULL);
  g_clear_object (&self->context);
  g_clear_pointer (&self->comp_rows, g_ptr_array_unref);
  g_clear_pointer (&self->fee_rows, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), RESELL_TYPE_VALUE_PANEL);

  G_OBJECT_CLASS (resell_value_panel_parent_class)->dispose (object);
}

static void
resell_value_panel_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ResellValuePanel *self = RESELL_VALUE_PANEL (object);

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
resell_value_panel_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  ResellValuePanel *self = RESELL_VALUE_PANEL (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      resell_value_panel_set_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_value_panel_class_init (ResellValuePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = resell_value_panel_dispose;
  object_class->get_property = resell_value_panel_get_property;
  object_class->set_property = resell_value_panel_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, RESELL_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Resell/ui/resell-value-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, ResellValuePanel, sentence_label);
  gtk_widget_class_bind_template_child (widget_class, ResellValuePanel, suggested_row);
  gtk_widget_class_bind_template_child (widget_class, ResellValuePanel, use_suggested_button);
  gtk_widget_class_bind_template_child (widget_class, ResellValuePanel, range_row);
  gtk_widget_class_bind_template_child (widget_class, ResellValuePanel, quick_sale_row);
  gtk_widget_class_bind_template_child (widget_class, ResellValuePanel, confidence_row);
  gtk_widget_class_bind_template_child (widget_class, ResellValuePanel, comps_row);
  gtk_widget_class_bind_template_child (widget_class, ResellValuePanel, asking_row);
  gtk_widget_class_bind_template_child (widget_class, ResellValuePanel, fees_row);
  gtk_widget_class_bind_template_child (widget_class, ResellValuePanel, consignor_row);
  gtk_widget_class_bind_template_child (widget_class, ResellValuePanel, payout_row);
  gtk_widget_class_bind_template_callback (widget_class, on_use_suggested_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_asking_apply);
}

static void
resell_value_panel_init (ResellValuePanel *self)
{
  self->comp_rows = g_ptr_array_new ();
  self->fee_rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}
