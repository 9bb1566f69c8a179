/* resell-payout-rates.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-pricing"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pricing/resell-fee-schedule.h"
#include "pricing/resell-payout-rates.h"

struct _ResellPayoutRates
{
  GObject               parent_instance;

  ResellFeeSchedule    *schedule;   /* NULL: no fees */
  ResellConsignorSplit *split;      /* NULL: consigned items get no payout */
  char                 *problem;
};

G_DEFINE_FINAL_TYPE (ResellPayoutRates, resell_payout_rates, G_TYPE_OBJECT)

static void
resell_payout_rates_finalize (GObject *object)
{
  ResellPayoutRates *self = (ResellPayoutRates *)object;

  g_clear_object (&self->schedule);
  g_clear_pointer (&self->split, resell_consignor_split_free);
  g_clear_pointer (&self->problem, g_free);

  G_OBJECT_CLASS (resell_payout_rates_parent_class)->finalize (object);
}

static void
resell_payout_rates_class_init (ResellPayoutRatesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = resell_payout_rates_finalize;
}

static void
resell_payout_rates_init (ResellPayoutRates *self)
{
}

static void
add_problem (ResellPayoutRates *self,
             const char        *message)
{
  char *joined;

  if (self->problem == NULL)
    {
      self->problem = g_strdup (message);
      return;
    }

  joined = g_strconcat (self->problem, " ", message, NULL);
  g_free (self->problem);
  self->problem = joined;
}

ResellPayoutRates *
resell_payout_rates_load (const ResellPricingPrefs *prefs)
{
  ResellPayoutRates *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (prefs != NULL, NULL);

  self = g_object_new (RESELL_TYPE_PAYOUT_RATES, NULL);

  if (prefs->fee_schedule != NULL && prefs->fee_schedule[0] != '\0')
    {
      self->schedule = resell_fee_schedule_lookup (prefs->fee_schedule, &error);
      if (self->schedule == NULL)
        add_problem (self, error->message);
      g_clear_error (&error);
    }

  if (prefs->consignor_split != NULL && prefs->consignor_split[0] != '\0')
    {
      self->split = resell_consignor_split_parse (prefs->consignor_split, &error);
      if (self->split == NULL)
        add_problem (self, error->message);
    }

  return self;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_task_return_pointer (task, resell_payout_rates_load (task_data), g_object_unref);
}

static void
prefs_free (gpointer data)
{
  ResellPricingPrefs *prefs = data;

  resell_pricing_prefs_clear (prefs);
  g_free (prefs);
}

void
resell_payout_rates_load_async (const ResellPricingPrefs *prefs,
                                GCancellable             *cancellable,
                                GAsyncReadyCallback       callback,
                                gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  ResellPricingPrefs *copy;

  g_return_if_fail (prefs != NULL);

  copy = g_new0 (ResellPricingPrefs, 1);
  memcpy (copy->currency, prefs->currency, sizeof copy->currency);
  copy->fee_schedule = g_strdup (prefs->fee_schedule);
  copy->consignor_split = g_strdup (prefs->consignor_split);
  copy->half_life_days = prefs->half_life_days;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, resell_payout_rates_load_async);
  g_task_set_task_data (task, copy, prefs_free);
  g_task_run_in_thread (task, load_thread);
}

ResellPayoutRates *
resell_payout_rates_load_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
resell_payout_rates_get_problem (ResellPayoutRates *self)
{
  g_return_val_if_fail (RESELL_IS_PAYOUT_RATES (self), NULL);

  return self->problem;
}

ResellPayout *
resell_payout_rates_estimate (ResellPayoutRates  *self,
                              ResellItem         *item,
                              GError            **error)
{
  ResellMoney price;
  const char *currency = NULL;
  gint64 minor = 0;
  gboolean consigned;

  g_return_val_if_fail (RESELL_IS_PAYOUT_RATES (self), NULL);
  g_return_val_if_fail (RESELL_IS_ITEM (item), NULL);

  if (!resell_item_get_list_price (item, &minor, &currency) || !resell_currency_is_valid (currency))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("The item has no asking price."));
      return NULL;
    }

  price = resell_money_make (minor, currency);

  /* As the value panel: an empty consignor field means the shop's own
   * item, without a split. */
  consigned = resell_item_get_consignor (item)[0] != '\0';
  if (consigned && self->split == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           self->problem != NULL ? self->problem
                                                 : _("The consignor split is not set."));
      return NULL;
    }

  return resell_payout_estimate (self->schedule, resell_item_get_category (item), &price,
                                 consigned ? self->split : NULL, error);
}

char *
resell_item_dup_price_text (ResellItem *item)
{
  ResellMoney price;
  const char *currency = NULL;
  gint64 minor = 0;

  g_return_val_if_fail (RESELL_IS_ITEM (item), NULL);

  if (!resell_item_get_list_price (item, &minor, &currency) || !resell_currency_is_valid (currency))
    return NULL;

  price = resell_money_make (minor, currency);

  return resell_money_format (&price);
}

char *
resell_payout_rates_dup_payout_text (ResellPayoutRates *self,
                                     ResellItem        *item)
{
  g_autoptr(ResellPayout) payout = NULL;

  g_return_val_if_fail (RESELL_IS_PAYOUT_RATES (self), NULL);
  g_return_val_if_fail (RESELL_IS_ITEM (item), NULL);

  payout = resell_payout_rates_estimate (self, item, NULL);
  if (payout == NULL)
    return NULL;

  return resell_money_format (&payout->seller);
}
