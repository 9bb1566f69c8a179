/* resell-browser.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-browser"

#include "config.h"

#include <glib/gi18n.h>

#include "browser/resell-browser.h"
#include "browser/resell-item-card.h"
#include "pricing/resell-payout-rates.h"

struct _ResellBrowser
{
  AdwBin                  parent_instance;

  ResellSettings         *settings;
  ResellCategoryRegistry *categories;
  ResellThumbnailer      *thumbnailer;
  ResellContext          *context;
  ResellItemList         *items;

  GtkFilterListModel     *filter_model;
  GtkCustomFilter        *filter;
  GtkSortListModel       *sort_model;
  GtkCustomSorter        *sorter;
  GtkSingleSelection     *selection;
  GtkStringList          *category_ids;   /* parallel to category_filter's entries, "" = all */
  /* The shop's fees and split for the Payout column: loaded once off the
   * UI thread, so a row's payout is arithmetic on what the item holds. */
  ResellPayoutRates      *payout_rates;
  GCancellable           *cancellable;

  char                   *view;
  char                   *sort_order;
  char                   *search_casefold;

  /* Template children */
  AdwWindowTitle         *window_title;
  GtkToggleButton        *search_button;
  GtkSearchBar           *search_bar;
  GtkSearchEntry         *search_entry;
  GtkDropDown            *state_filter;
  GtkDropDown            *category_filter;
  GtkDropDown            *grade_filter;
  GtkStack               *view_stack;
  GtkGridView            *grid_view;
  GtkColumnView          *column_view;
};

G_DEFINE_FINAL_TYPE (ResellBrowser, resell_browser, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_SETTINGS,
  PROP_VIEW,
  PROP_SORT_ORDER,
  PROP_SELECTED_ITEM,
  N_PROPS
};

enum {
  ITEM_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The state filter's entries: "All states" then every state in ladder order. */
static const ResellItemState filter_states[] = {
  RESELL_ITEM_STATE_DRAFT,
  RESELL_ITEM_STATE_READY,
  RESELL_ITEM_STATE_QUEUED,
  RESELL_ITEM_STATE_UPLOADING,
  RESELL_ITEM_STATE_SUBMITTED,
};

/* The grade filter's entries: "All grades", "Not graded", then the scale
 * best to worst. */
#define GRADE_FILTER_NONE 1
#define GRADE_FILTER_FIRST 2

static void
update_visible_page (ResellBrowser *self)
{
  guint total = self->items ? g_list_model_get_n_items (G_LIST_MODEL (self->items)) : 0;
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));
  g_autofree char *subtitle = NULL;

  if (total > 0 && shown == total)
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item", "%u items", total), total);
  else if (total > 0)
    /* Translators: shown while searching or filtering, e.g. "3 of 120 items" */
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u item", "%u of %u items", total),
                                shown, total);
  adw_window_title_set_subtitle (self->window_title, subtitle);

  if (total == 0)
    gtk_stack_set_visible_child_name (self->view_stack, "empty");
  else if (shown == 0)
    gtk_stack_set_visible_child_name (self->view_stack, "no-results");
  else
    gtk_stack_set_visible_child_name (self->view_stack, self->view);
}

/* Only the view on screen gets the model: a view without one makes no row
 * widgets, and each view makes a couple of hundred up front. */
static void
attach_model_to_view (ResellBrowser *self)
{
  gboolean list = g_strcmp0 (self->view, "list") == 0;

  gtk_grid_view_set_model (self->grid_view, list ? NULL : GTK_SELECTION_MODEL (self->selection));
  gtk_column_view_set_model (self->column_view, list ? GTK_SELECTION_MODEL (self->selection) : NULL);
}

static gboolean
filter_item (gpointer object,
             gpointer user_data)
{
  ResellBrowser *self = user_data;
  ResellItem *item = object;
  guint state_pos = gtk_drop_down_get_selected (self->state_filter);
  guint category_pos = gtk_drop_down_get_selected (self->category_filter);
  guint grade_pos = gtk_drop_down_get_selected (self->grade_filter);

  if (state_pos != GTK_INVALID_LIST_POSITION && state_pos > 0 &&
      resell_item_get_state (item) != filter_states[state_pos - 1])
    return FALSE;

  if (grade_pos != GTK_INVALID_LIST_POSITION && grade_pos > 0)
    {
      /* The grade stored with the item, kept by the grade keeper. */
      const char *grade = resell_item_get_grade (item);

      if (grade_pos == GRADE_FILTER_NONE)
        {
          if (grade != NULL)
            return FALSE;
        }
      else if (g_strcmp0 (grade, resell_condition_to_id ((ResellCondition) (grade_pos - GRADE_FILTER_FIRST))) != 0)
        return FALSE;
    }

  if (category_pos != GTK_INVALID_LIST_POSITION && category_pos > 0 && self->category_ids != NULL)
    {
      const char *id = gtk_string_list_get_string (self->category_ids, category_pos);
      if (g_strcmp0 (id, resell_item_get_category (item)) != 0)
        return FALSE;
    }

  if (self->search_casefold != NULL && self->search_casefold[0] != '\0')
    return resell_item_matches (item, self->search_casefold);

  return TRUE;
}

static int
compare_strings_then_id (const char *a,
                         const char *b,
                         ResellItem *item_a,
                         ResellItem *item_b)
{
  int cmp = g_utf8_collate (a, b);

  if (cmp != 0)
    return cmp;
  return (resell_item_get_id (item_a) > resell_item_get_id (item_b)) -
         (resell_item_get_id (item_a) < resell_item_get_id (item_b));
}

static int
sort_items (gconstpointer a,
            gconstpointer b,
            gpointer      user_data)
{
  ResellBrowser *self = user_data;
  ResellItem *item_a = (ResellItem *)a;
  ResellItem *item_b = (ResellItem *)b;
  gint64 va, vb;

  if (g_strcmp0 (self->sort_order, "title") == 0)
    {
      g_autofree char *ta = resell_item_dup_display_title (item_a);
      g_autofree char *tb = resell_item_dup_display_title (item_b);
      return compare_strings_then_id (ta, tb, item_a, item_b);
    }

  if (g_strcmp0 (self->sort_order, "sku") == 0)
    return compare_strings_then_id (resell_item_get_sku (item_a), resell_item_get_sku (item_b), item_a, item_b);

  /* Newest first for both dates; ties by id keep the order stable. */
  if (g_strcmp0 (self->sort_order, "created") == 0)
    {
      va = resell_item_get_created_at (item_a);
      vb = resell_item_get_created_at (item_b);
    }
  else
    {
      va = resell_item_get_updated_at (item_a);
      vb = resell_item_get_updated_at (item_b);
    }

  if (va != vb)
    return va < vb ? 1 : -1;
  return (resell_item_get_id (item_a) < resell_item_get_id (item_b)) -
         (resell_item_get_id (item_a) > resell_item_get_id (item_b));
}

static void
on_search_changed (ResellBrowser *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  g_free (self->search_casefold);
  self->search_casefold = g_utf8_casefold (text, -1);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_visible_page (self);
}

static void
on_filter_changed (ResellBrowser *self)
{
  if (self->filter == NULL)
    return;

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_visible_page (self);
}

static void
on_view_activate (ResellBrowser *self,
                  guint          position)
{
  g_autoptr(ResellItem) item = g_list_model_get_item (G_LIST_MODEL (self->sort_model), position);

  if (item != NULL)
    g_signal_emit (self, signals[ITEM_ACTIVATED], 0, item);
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  ResellBrowser *self = RESELL_BROWSER (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->state_filter, 0);
  gtk_drop_down_set_selected (self->category_filter, 0);
  gtk_drop_down_set_selected (self->grade_filter, 0);
  on_search_changed (self);
}

/* Grid cells */

static void
grid_setup (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            ResellBrowser            *self)
{
  gtk_list_item_set_child (list_item, resell_item_card_new (self->thumbnailer));
}

static void
grid_bind (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           ResellBrowser            *self)
{
  resell_item_card_set_item (RESELL_ITEM_CARD (gtk_list_item_get_child (list_item)),
                             gtk_list_item_get_item (list_item));
}

static void
grid_unbind (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             ResellBrowser            *self)
{
  resell_item_card_set_item (RESELL_ITEM_CARD (gtk_list_item_get_child (list_item)), NULL);
}

/* List columns: each column renders one text from the item. */

typedef char *(*ColumnText) (ResellBrowser *self, ResellItem *item);

static char *
column_title (ResellBrowser *self, ResellItem *item)
{
  return resell_item_dup_display_title (item);
}

static char *
column_sku (ResellBrowser *self, ResellItem *item)
{
  return g_strdup (resell_item_get_sku (item));
}

static char *
column_category (ResellBrowser *self, ResellItem *item)
{
  ResellCategory *category = resell_category_registry_lookup (self->categories, resell_item_get_category (item));

  return g_strdup (category ? resell_category_get_name (category) : resell_item_get_category (item));
}

static char *
column_state (ResellBrowser *self, ResellItem *item)
{
  return g_strdup (resell_item_state_get_label (resell_item_get_state (item)));
}

static char *
column_grade (ResellBrowser *self, ResellItem *item)
{
  ResellCondition condition;

  if (!resell_condition_from_id (resell_item_get_grade (item), &condition))
    /* Translators: shown in a list cell that has no value */
    return g_strdup (_("—"));

  return g_strdup (resell_condition_get_label (condition));
}

static char *
column_price (ResellBrowser *self, ResellItem *item)
{
  char *text = resell_item_dup_price_text (item);

  return text != NULL ? text : g_strdup (_("—"));
}

static char *
column_payout (ResellBrowser *self, ResellItem *item)
{
  char *text = NULL;

  if (self->payout_rates != NULL)
    text = resell_payout_rates_dup_payout_text (self->payout_rates, item);

  return text != NULL ? text : g_strdup (_("—"));
}

static char *
column_photos (ResellBrowser *self, ResellItem *item)
{
  return g_strdup_printf ("%u", resell_item_get_photo_count (item));
}

static char *
column_updated (ResellBrowser *self, ResellItem *item)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (resell_item_get_updated_at (item) / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  /* Translators: date and time format for "last changed", see g_date_time_format() */
  return local ? g_date_time_format (local, _("%Y-%m-%d %H:%M")) : g_strdup ("");
}

static void
column_refresh (GtkListItem *list_item)
{
  ResellBrowser *self = g_object_get_data (G_OBJECT (list_item), "browser");
  ColumnText text_func = g_object_get_data (G_OBJECT (list_item), "text-func");
  ResellItem *item = gtk_list_item_get_item (list_item);
  g_autofree char *text = NULL;

  if (item == NULL)
    return;

  text = text_func (self, item);
  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (list_item)), text);
}

static void
column_setup (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              ResellBrowser            *self)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (list_item, label);
  g_object_set_data (G_OBJECT (list_item), "browser", self);
  g_object_set_data (G_OBJECT (list_item), "text-func", g_object_get_data (G_OBJECT (factory), "text-func"));
}

static void
column_bind (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             ResellBrowser            *self)
{
  ResellItem *item = gtk_list_item_get_item (list_item);

  /* Items change in place (an edit, an import); follow them while bound. */
  g_signal_connect_object (item, "notify", G_CALLBACK (column_refresh), list_item, G_CONNECT_SWAPPED);
  column_refresh (list_item);
}

static void
column_unbind (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               ResellBrowser            *self)
{
  ResellItem *item = gtk_list_item_get_item (list_item);

  if (item != NULL)
    g_signal_handlers_disconnect_by_func (item, column_refresh, list_item);
}

static void
add_column (ResellBrowser *self,
            const char    *title,
            ColumnText     text_func,
            gboolean       expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_object_set_data (G_OBJECT (factory), "text-func", text_func);
  g_signal_connect (factory, "setup", G_CALLBACK (column_setup), self);
  g_signal_connect (factory, "bind", G_CALLBACK (column_bind), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (column_unbind), self);

  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (self->column_view, column);
  g_object_unref (column);
}

static void
payout_rates_loaded_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(ResellBrowser) self = user_data;
  g_autoptr(ResellPayoutRates) rates = NULL;
  g_autoptr(GError) error = NULL;

  rates = resell_payout_rates_load_finish (result, &error);
  if (rates == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not load the fee schedule for payouts: %s", error->message);
      return;
    }

  if (resell_payout_rates_get_problem (rates) != NULL)
    g_debug ("Payouts without part of the shop's rates: %s", resell_payout_rates_get_problem (rates));

  g_set_object (&self->payout_rates, rates);

  /* Rows already bound show a dash: bind them again. */
  if (g_strcmp0 (self->view, "list") == 0)
    {
      gtk_column_view_set_model (self->column_view, NULL);
      attach_model_to_view (self);
    }
}

static void
load_payout_rates (ResellBrowser *self)
{
  ResellPricingPrefs prefs = { { 0 } };

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  resell_pricing_prefs_load (&prefs, resell_context_get_settings (self->context));
  resell_payout_rates_load_async (&prefs, self->cancellable, payout_rates_loaded_cb, g_object_ref (self));
  resell_pricing_prefs_clear (&prefs);
}

static void
on_pricing_setting_changed (ResellBrowser *self,
                            const char    *key)
{
  if (g_strcmp0 (key, "fee-schedule") == 0 || g_strcmp0 (key, "consignor-split") == 0)
    load_payout_rates (self);
}

static void
on_items_changed (ResellBrowser *self)
{
  update_visible_page (self);
}

static void
on_selection_changed (ResellBrowser *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ITEM]);
}

void
resell_browser_set_items (ResellBrowser  *self,
                          ResellItemList *items)
{
  g_return_if_fail (RESELL_IS_BROWSER (self));
  g_return_if_fail (RESELL_IS_ITEM_LIST (items));

  g_set_object (&self->items, items);
  gtk_filter_list_model_set_model (self->filter_model, G_LIST_MODEL (items));
  /* An item hidden by the filters still changes the count in the title. */
  g_signal_connect_object (items, "items-changed", G_CALLBACK (on_items_changed), self, G_CONNECT_SWAPPED);
  update_visible_page (self);
}

ResellItem *
resell_browser_get_selected_item (ResellBrowser *self)
{
  g_return_val_if_fail (RESELL_IS_BROWSER (self), NULL);

  return gtk_single_selection_get_selected_item (self->selection);
}

void
resell_browser_start_search (ResellBrowser *self)
{
  g_return_if_fail (RESELL_IS_BROWSER (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
rebuild_category_filter (ResellBrowser *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->categories));

  g_clear_object (&self->category_ids);
  self->category_ids = gtk_string_list_new (NULL);

  gtk_string_list_append (names, _("All categories"));
  gtk_string_list_append (self->category_ids, "");

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ResellCategory) category = g_list_model_get_item (G_LIST_MODEL (self->categories), i);

      gtk_string_list_append (names, resell_category_get_name (category));
      gtk_string_list_append (self->category_ids, resell_category_get_id (category));
    }

  gtk_drop_down_set_model (self->category_filter, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->category_filter, 0);
}

ResellBrowser *
resell_browser_new (ResellContext  *context,
                    ResellSettings *settings)
{
  g_return_val_if_fail (RESELL_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (RESELL_IS_SETTINGS (settings), NULL);

  return g_object_new (RESELL_TYPE_BROWSER,
                       "context", context,
                       "settings", settings,
                       NULL);
}

static void
resell_browser_constructed (GObject *object)
{
  ResellBrowser *self = (ResellBrowser *)object;

  G_OBJECT_CLASS (resell_browser_parent_class)->constructed (object);

  g_return_if_fail (self->context != NULL && self->settings != NULL);

  self->categories = g_object_ref (resell_context_get_categories (self->context));
  self->thumbnailer = g_object_ref (resell_context_get_thumbnailer (self->context));

  g_object_bind_property (self->settings, "browser-view", self, "view",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_object_bind_property (self->settings, "sort-order", self, "sort-order",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);

  rebuild_category_filter (self);

  if (resell_context_get_settings (self->context) != NULL)
    g_signal_connect_object (resell_context_get_settings (self->context), "changed",
                             G_CALLBACK (on_pricing_setting_changed), self, G_CONNECT_SWAPPED);
  load_payout_rates (self);
}

static void
resell_browser_dispose (GObject *object)
{
  ResellBrowser *self = (ResellBrowser *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), RESELL_TYPE_BROWSER);

  g_clear_object (&self->selection);
  g_clear_object (&self->category_ids);
  g_clear_object (&self->payout_rates);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->items);
  g_clear_object (&self->settings);
  g_clear_object (&self->categories);
  g_clear_object (&self->thumbnailer);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (resell_browser_parent_class)->dispose (object);
}

static void
resell_browser_finalize (GObject *object)
{
  ResellBrowser *self = (ResellBrowser *)object;

  g_free (self->view);
  g_free (self->sort_order);
  g_free (self->search_casefold);

  G_OBJECT_CLASS (resell_browser_parent_class)->finalize (object);
}

static void
resell_browser_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ResellBrowser *self = RESELL_BROWSER (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_VIEW:
      g_value_set_string (value, self->view);
      break;
    case PROP_SORT_ORDER:
      g_value_set_string (value, self->sort_order);
      break;
    case PROP_SELECTED_ITEM:
      g_value_set_object (value, resell_browser_get_selected_item (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_browser_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  ResellBrowser *self = RESELL_BROWSER (object);
  const char *str;

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_VIEW:
      str = g_value_get_string (value);
      if (g_strcmp0 (str, "list") != 0)
        str = "grid";
      if (g_strcmp0 (str, self->view) != 0)
        {
          g_free (self->view);
          self->view = g_strdup (str);
          attach_model_to_view (self);
          update_visible_page (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_SORT_ORDER:
      str = g_value_get_string (value);
      if (str != NULL && g_strcmp0 (str, self->sort_order) != 0)
        {
          g_free (self->sort_order);
          self->sort_order = g_strdup (str);
          gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_browser_class_init (ResellBrowserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = resell_browser_constructed;
  object_class->dispose = resell_browser_dispose;
  object_class->finalize = resell_browser_finalize;
  object_class->get_property = resell_browser_get_property;
  object_class->set_property = resell_browser_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, RESELL_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, RESELL_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_VIEW] =
    g_param_spec_string ("view", NULL, NULL, "grid",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SORT_ORDER] =
    g_param_spec_string ("sort-order", NULL, NULL, "updated",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SELECTED_ITEM] =
    g_param_spec_object ("selected-item", NULL, NULL, RESELL_TYPE_ITEM,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ITEM_ACTIVATED] =
    g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, RESELL_TYPE_ITEM);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Resell/ui/resell-browser.ui");
  gtk_widget_class_bind_template_child (widget_class, ResellBrowser, window_title);
  gtk_widget_class_bind_template_child (widget_class, ResellBrowser, search_button);
  gtk_widget_class_bind_template_child (widget_class, ResellBrowser, search_bar);
  gtk_widget_class_bind_template_child (widget_class, ResellBrowser, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ResellBrowser, state_filter);
  gtk_widget_class_bind_template_child (widget_class, ResellBrowser, category_filter);
  gtk_widget_class_bind_template_child (widget_class, ResellBrowser, grade_filter);
  gtk_widget_class_bind_template_child (widget_class, ResellBrowser, view_stack);
  gtk_widget_class_bind_template_child (widget_class, ResellBrowser, grid_view);
  gtk_widget_class_bind_template_child (widget_class, ResellBrowser, column_view);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_view_activate);

  gtk_widget_class_install_property_action (widget_class, "browser.view", "view");
  gtk_widget_class_install_property_action (widget_class, "browser.sort", "sort-order");
  gtk_widget_class_install_action (widget_class, "browser.clear-filters", NULL, clear_filters_action);
}

static void
resell_browser_init (ResellBrowser *self)
{
  g_autoptr(GtkStringList) states = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) grades = gtk_string_list_new (NULL);
  GtkListItemFactory *factory;

  self->view = g_strdup ("grid");
  self->sort_order = g_strdup ("updated");

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_string_list_append (states, _("All states"));
  for (guint i = 0; i < G_N_ELEMENTS (filter_states); i++)
    gtk_string_list_append (states, resell_item_state_get_label (filter_states[i]));
  gtk_drop_down_set_model (self->state_filter, G_LIST_MODEL (states));

  gtk_string_list_append (grades, _("All grades"));
  gtk_string_list_append (grades, _("Not graded"));
  for (guint i = 0; i < RESELL_N_CONDITIONS; i++)
    gtk_string_list_append (grades, resell_condition_get_label ((ResellCondition) i));
  gtk_drop_down_set_model (self->grade_filter, G_LIST_MODEL (grades));

  self->filter = gtk_custom_filter_new (filter_item, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, GTK_FILTER (self->filter));
  self->sorter = gtk_custom_sorter_new (sort_items, self, NULL);
  self->sort_model = gtk_sort_list_model_new (G_LIST_MODEL (self->filter_model), GTK_SORTER (self->sorter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->sort_model));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);

  g_signal_connect_object (self->sort_model, "items-changed", G_CALLBACK (on_items_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (grid_setup), self);
  g_signal_connect (factory, "bind", G_CALLBACK (grid_bind), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (grid_unbind), self);
  gtk_grid_view_set_factory (self->grid_view, factory);
  g_object_unref (factory);

  add_column (self, _("Title"), column_title, TRUE);
  add_column (self, _("SKU"), column_sku, FALSE);
  add_column (self, _("Category"), column_category, FALSE);
  add_column (self, _("State"), column_state, FALSE);
  add_column (self, _("Grade"), column_grade, FALSE);
  add_column (self, _("Price"), column_price, FALSE);
  add_column (self, _("Payout"), column_payout, FALSE);
  add_column (self, _("Photos"), column_photos, FALSE);
  add_column (self, _("Last Changed"), column_updated, FALSE);
  attach_model_to_view (self);

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  update_visible_page (self);
}
