/* test-preferences.c — the Selling page of Preferences, driven through its
 * rows as a seller would (text typed and applied, a choice picked), read
 * back from GSettings: the currency, the fee schedule (the core's built-in
 * list), the consignor's share (checked by the core's parser, a mistake
 * shown in words and not stored) and the price half-life.
 *
 * Needs a display: tests/meson.build runs it under xvfb-run, settings in
 * memory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "resell-core.h"
#include "resell-test-utils.h"
#include "common/resell-settings.h"
#include "pricing/resell-fee-schedule.h"
#include "resell-preferences-window.h"

static char *cache_dir;
static char *data_dir;
static ResellContext *context;

static gpointer
child (ResellPreferencesWindow *window,
       const char              *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (window), RESELL_TYPE_PREFERENCES_WINDOW, name);

  g_assert_nonnull (object);
  return object;
}

/* Types @text into an entry row and applies it, as its apply button does. */
static void
type_and_apply (ResellPreferencesWindow *window,
                const char              *row_name,
                const char              *text)
{
  AdwEntryRow *row = child (window, row_name);

  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
}

static const char *
status_of (ResellPreferencesWindow *window)
{
  return adw_preferences_row_get_title (child (window, "split_status_row"));
}

static ResellPreferencesWindow *
make_window (ResellSettings *settings)
{
  ResellPreferencesWindow *window = resell_preferences_window_new (settings, context);

  g_object_ref_sink (window);
  return window;
}

static void
drop_window (ResellPreferencesWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
}

static void
test_currency (void)
{
  g_autoptr(ResellSettings) settings = resell_settings_new ();
  GSettings *gsettings = resell_settings_get_gsettings (settings);
  ResellPreferencesWindow *window;
  g_autofree char *stored = NULL;

  g_settings_set_string (gsettings, "currency", "USD");
  window = make_window (settings);
  g_assert_cmpstr (gtk_editable_get_text (child (window, "currency_row")), ==, "USD");

  /* Lower case is what people type: stored as the code. */
  type_and_apply (window, "currency_row", " eur ");
  stored = g_settings_get_string (gsettings, "currency");
  g_assert_cmpstr (stored, ==, "EUR");
  g_assert_cmpstr (gtk_editable_get_text (child (window, "currency_row")), ==, "EUR");

  /* Not a currency: nothing stored, the row shows the stored one again. */
  type_and_apply (window, "currency_row", "euro");
  g_clear_pointer (&stored, g_free);
  stored = g_settings_get_string (gsettings, "currency");
  g_assert_cmpstr (stored, ==, "EUR");
  g_assert_cmpstr (gtk_editable_get_text (child (window, "currency_row")), ==, "EUR");

  drop_window (window);
}

static void
test_fee_schedule (void)
{
  g_autoptr(ResellSettings) settings = resell_settings_new ();
  GSettings *gsettings = resell_settings_get_gsettings (settings);
  g_auto(GStrv) builtin = resell_fee_schedule_list_builtin ();
  ResellPreferencesWindow *window;
  AdwComboRow *row;
  GListModel *names;
  guint n;

  g_assert_nonnull (builtin);
  g_assert_cmpuint (g_strv_length (builtin), >=, 2);
  g_settings_set_string (gsettings, "fee-schedule", builtin[0]);
  window = make_window (settings);
  row = child (window, "fee_schedule_row");
  names = adw_combo_row_get_model (row);

  /* Every built-in schedule, by its own name, in the core's order. */
  n = g_list_model_get_n_items (names);
  g_assert_cmpuint (n, ==, g_strv_length (builtin));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ResellFeeSchedule) schedule = resell_fee_schedule_lookup (builtin[i], NULL);

      g_assert_nonnull (schedule);
      g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names), i), ==,
                       resell_fee_schedule_get_name (schedule));
    }
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);

  /* Picking the last one stores its id. */
  adw_combo_row_set_selected (row, n - 1);
  {
    g_autofree char *stored = g_settings_get_string (gsettings, "fee-schedule");

    g_assert_cmpstr (stored, ==, builtin[n - 1]);
  }

  drop_window (window);
}

static void
test_consignor_split (void)
{
  g_autoptr(ResellSettings) settings = resell_settings_new ();
  GSettings *gsettings = resell_settings_get_gsettings (settings);
  ResellPreferencesWindow *window;
  g_autofree char *stored = NULL;

  g_settings_set_string (gsettings, "consignor-split", "net:40,500=50");
  window = make_window (settings);

  /* The stored split, in the friendly rows. */
  g_assert_cmpstr (gtk_editable_get_text (child (window, "split_share_row")), ==, "40");
  g_assert_cmpstr (gtk_editable_get_text (child (window, "split_tiers_row")), ==, "500=50");
  g_assert_cmpuint (adw_combo_row_get_selected (child (window, "split_base_row")), ==, 0);
  g_assert_cmpstr (status_of (window), ==, "Consignors get 40% of the price after fees, more from the prices above");

  /* A plain share of the sale price. */
  type_and_apply (window, "split_tiers_row", "");
  adw_combo_row_set_selected (child (window, "split_base_row"), 1);
  type_and_apply (window, "split_share_row", "45 %");
  stored = g_settings_get_string (gsettings, "consignor-split");
  g_assert_cmpstr (stored, ==, "gross:45");
  g_assert_cmpstr (status_of (window), ==, "Consignors get 45% of the sale price");
  g_assert_false (gtk_widget_has_css_class (child (window, "split_status_row"), "error"));

  /* Tiers, as typed. */
  type_and_apply (window, "split_tiers_row", "500=50, 1000=60");
  g_clear_pointer (&stored, g_free);
  stored = g_settings_get_string (gsettings, "consignor-split");
  g_assert_cmpstr (stored, ==, "gross:45,500=50,1000=60");

  /* The core's parser refuses a share over 100: said in words, the
   * setting keeps the last good split. */
  type_and_apply (window, "split_share_row", "140");
  g_clear_pointer (&stored, g_free);
  stored = g_settings_get_string (gsettings, "consignor-split");
  g_assert_cmpstr (stored, ==, "gross:45,500=50,1000=60");
  g_assert_nonnull (strstr (status_of (window), "a share is a percentage from 0 to 100"));
  g_assert_true (gtk_widget_has_css_class (child (window, "split_status_row"), "error"));

  /* Put right, it is stored; a tier without its price is refused, likewise. */
  type_and_apply (window, "split_share_row", "40");
  g_clear_pointer (&stored, g_free);
  stored = g_settings_get_string (gsettings, "consignor-split");
  g_assert_cmpstr (stored, ==, "gross:40,500=50,1000=60");
  g_assert_false (gtk_widget_has_css_class (child (window, "split_status_row"), "error"));
  type_and_apply (window, "split_tiers_row", "50");
  g_clear_pointer (&stored, g_free);
  stored = g_settings_get_string (gsettings, "consignor-split");
  g_assert_cmpstr (stored, ==, "gross:40,500=50,1000=60");
  g_assert_nonnull (strstr (status_of (window), "the others say from which price"));

  drop_window (window);
}

static void
test_half_life (void)
{
  g_autoptr(ResellSettings) settings = resell_settings_new ();
  GSettings *gsettings = resell_settings_get_gsettings (settings);
  ResellPreferencesWindow *window;
  GtkSpinButton *spin;

  g_settings_set_uint (gsettings, "price-half-life-days", 90);
  window = make_window (settings);
  spin = child (window, "half_life_spin");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 90);

  gtk_spin_button_set_value (spin, 365);
  g_assert_cmpuint (g_settings_get_uint (gsettings, "price-half-life-days"), ==, 365);

  /* The setting's range holds in the row too. */
  gtk_spin_button_set_value (spin, 1);
  g_assert_cmpuint (g_settings_get_uint (gsettings, "price-half-life-days"), ==, 7);

  drop_window (window);
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

  cache_dir = g_dir_make_tmp ("resell-prefs-XXXXXX", &error);
  g_assert_no_error (error);
  data_dir = g_dir_make_tmp ("resell-prefs-data-XXXXXX", &error);
  g_assert_no_error (error);
  context = resell_context_new (data_dir, cache_dir);

  g_test_add_func ("/preferences/currency", test_currency);
  g_test_add_func ("/preferences/fee-schedule", test_fee_schedule);
  g_test_add_func ("/preferences/consignor-split", test_consignor_split);
  g_test_add_func ("/preferences/half-life", test_half_life);

  ret = g_test_run ();

  g_assert_finalize_object (context);
  resell_test_remove_tree (data_dir);
  g_free (data_dir);
  resell_test_remove_tree (cache_dir);
  g_free (cache_dir);

  return ret;
}
