/* resell-payout.c — what a sale leaves the seller and the consignor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-pricing"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pricing/resell-payout.h"

G_DEFINE_QUARK (resell-consignor-split-error-quark, resell_consignor_split_error)

typedef struct
{
  char   *from;   /* the threshold as written; parsed in the sale's currency */
  gint64  bp;
} SplitTier;

struct _ResellConsignorSplit
{
  gboolean  net;
  GArray   *tiers;   /* SplitTier, the first from zero */
};

static void
split_tier_clear (SplitTier *tier)
{
  g_free (tier->from);
}

void
resell_consignor_split_free (ResellConsignorSplit *split)
{
  if (split == NULL)
    return;

  g_array_unref (split->tiers);
  g_free (split);
}

static gboolean
split_invalid (const char  *text,
               const char  *why,
               GError     **error)
{
  g_set_error (error, RESELL_CONSIGNOR_SPLIT_ERROR, RESELL_CONSIGNOR_SPLIT_ERROR_INVALID,
               _("“%s” is not a consignor split (%s). Write, for example, “net:40” or "
                 "“net:40,500=50”."),
               text, why);
  return FALSE;
}

ResellConsignorSplit *
resell_consignor_split_parse (const char  *text,
                              GError     **error)
{
  g_autoptr(GArray) tiers = NULL;
  g_auto(GStrv) parts = NULL;
  ResellConsignorSplit *split;
  const char *body;
  gboolean net = TRUE;

  g_return_val_if_fail (text != NULL, NULL);

  body = text;
  if (g_str_has_prefix (body, "net:"))
    body += strlen ("net:");
  else if (g_str_has_prefix (body, "gross:"))
    {
      body += strlen ("gross:");
      net = FALSE;
    }

  tiers = g_array_new (FALSE, TRUE, sizeof (SplitTier));
  g_array_set_clear_func (tiers, (GDestroyNotify) split_tier_clear);

  parts = g_strsplit (body, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *part = g_strstrip (g_strdup (parts[i]));
      const char *eq = strchr (part, '=');
      const char *percent = eq != NULL ? eq + 1 : part;
      ResellMoney rate;
      SplitTier tier = { NULL, 0 };

      if ((i == 0) != (eq == NULL))
        {
          split_invalid (text, _("the first share applies from zero, the others say from which price"), error);
          return NULL;
        }

      /* A percentage with up to two decimals is basis points: parse it as
       * an amount of a two-decimal currency, so no float is involved. */
      if (!resell_money_parse (percent, "XXX", &rate, NULL) || rate.minor < 0 || rate.minor > 10000)
        {
          split_invalid (text, _("a share is a percentage from 0 to 100"), error);
          return NULL;
        }
      tier.bp = rate.minor;

      if (eq != NULL)
        {
          ResellMoney from;

          tier.from = g_strstrip (g_strndup (part, (gsize) (eq - part)));
          if (!resell_money_parse (tier.from, "XXX", &from, NULL) || from.minor <= 0)
            {
              g_free (tier.from);
              split_invalid (text, _("a tier starts at a price above zero"), error);
              return NULL;
            }
        }

      g_array_append_val (tiers, tier);
    }

  if (tiers->len == 0)
    {
      split_invalid (text, _("it gives no share"), error);
      return NULL;
    }

  split = g_new0 (ResellConsignorSplit, 1);
  split->net = net;
  split->tiers = g_steal_pointer (&tiers);

  return split;
}

gboolean
resell_consignor_split_is_net (ResellConsignorSplit *split)
{
  return split->net;
}

gboolean
resell_consignor_split_rate_bp (ResellConsignorSplit  *split,
                                const ResellMoney     *price,
                                gint64                *out_bp,
                                GError               **error)
{
  gint64 bp;

  g_return_val_if_fail (split != NULL && split->tiers->len > 0, FALSE);

  bp = g_array_index (split->tiers, SplitTier, 0).bp;
  for (guint i = 1; i < split->tiers->len; i++)
    {
      SplitTier *tier = &g_array_index (split->tiers, SplitTier, i);
      g_autoptr(GError) local_error = NULL;
      ResellMoney from;

      if (!resell_money_parse (tier->from, price->currency, &from, &local_error))
        {
          g_set_error (error, RESELL_CONSIGNOR_SPLIT_ERROR, RESELL_CONSIGNOR_SPLIT_ERROR_INVALID,
                       _("The consignor split’s tier “%s”: %s"), tier->from, local_error->message);
          return FALSE;
        }

      if (price->minor >= from.minor)
        bp = tier->bp;
    }

  *out_bp = bp;
  return TRUE;
}

void
resell_payout_free (ResellPayout *payout)
{
  if (payout == NULL)
    return;

  g_clear_pointer (&payout->fee_lines, g_ptr_array_unref);
  g_free (payout);
}

ResellPayout *
resell_payout_estimate (ResellFeeSchedule     *schedule,
                        const char            *category,
                        const ResellMoney     *price,
                        ResellConsignorSplit  *split,
                        GError               **error)
{
  g_autoptr(ResellPayout) payout = NULL;

  g_return_val_if_fail (schedule == NULL || RESELL_IS_FEE_SCHEDULE (schedule), NULL);
  g_return_val_if_fail (price != NULL, NULL);

  payout = g_new0 (ResellPayout, 1);
  payout->price = *price;
  payout->fees = resell_money_make (0, price->currency);

  if (schedule != NULL)
    {
      if (!resell_fee_schedule_compute (schedule, category, price, &payout->fee_lines, &payout->fees, error))
        return NULL;
    }
  else
    payout->fee_lines = g_ptr_array_new_with_free_func ((GDestroyNotify) resell_fee_line_free);

  if (!resell_money_sub (price, &payout->fees, &payout->net, error))
    return NULL;

  payout->consignor = resell_money_make (0, price->currency);
  if (split != NULL)
    {
      const ResellMoney *base = split->net ? &payout->net : price;

      payout->has_consignor = TRUE;
      if (!resell_consignor_split_rate_bp (split, price, &payout->consignor_bp, error))
        return NULL;
      /* A sale that does not cover its fees owes the consignor nothing
       * rather than a negative share. */
      if (base->minor > 0 &&
          !resell_money_multiply_bp (base, payout->consignor_bp, &payout->consignor, error))
        return NULL;
    }

  /* The shop keeps the remainder, so the parts always add up exactly. */
  if (!resell_money_sub (&payout->net, &payout->consignor, &payout->seller, error))
    return NULL;

  return g_steal_pointer (&payout);
}
