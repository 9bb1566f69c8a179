/* resell-pricing-prefs.c — the shop's pricing settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-pricing"

#include "config.h"

#include <string.h>

#include "pricing/resell-money.h"
#include "pricing/resell-pricing-prefs.h"

static char *
dup_string (GSettings       *settings,
            GSettingsSchema *schema,
            const char      *key,
            const char      *fallback)
{
  g_autofree char *value = NULL;

  if (schema == NULL || !g_settings_schema_has_key (schema, key))
    return g_strdup (fallback);

  value = g_strstrip (g_settings_get_string (settings, key));
  if (*value == '\0')
    return g_strdup (fallback);

  return g_steal_pointer (&value);
}

void
resell_pricing_prefs_load (ResellPricingPrefs *prefs,
                           GSettings          *settings)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autofree char *currency = NULL;

  if (settings != NULL)
    g_object_get (settings, "settings-schema", &schema, NULL);

  currency = dup_string (settings, schema, "currency", "USD");
  if (!resell_currency_is_valid (currency))
    {
      g_free (currency);
      currency = g_strdup ("USD");
    }
  memcpy (prefs->currency, currency, 4);

  prefs->fee_schedule = dup_string (settings, schema, "fee-schedule", "ebay");
  prefs->consignor_split = dup_string (settings, schema, "consignor-split", "net:40");
  prefs->half_life_days = 180;
  if (schema != NULL && g_settings_schema_has_key (schema, "price-half-life-days"))
    prefs->half_life_days = MAX (g_settings_get_uint (settings, "price-half-life-days"), 1);
}

void
resell_pricing_prefs_clear (ResellPricingPrefs *prefs)
{
  g_clear_pointer (&prefs->fee_schedule, g_free);
  g_clear_pointer (&prefs->consignor_split, g_free);
}
