/* resell-price-estimate.c — one price hint and its evidence
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-pricing"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pricing/resell-price-estimate-private.h"

G_DEFINE_FINAL_TYPE (ResellPriceEstimate, resell_price_estimate, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (ResellPriceLevel, resell_price_level,
  G_DEFINE_ENUM_VALUE (RESELL_PRICE_LEVEL_NONE, "none"),
  G_DEFINE_ENUM_VALUE (RESELL_PRICE_LEVEL_MODEL, "model"),
  G_DEFINE_ENUM_VALUE (RESELL_PRICE_LEVEL_BRAND, "brand"),
  G_DEFINE_ENUM_VALUE (RESELL_PRICE_LEVEL_CATEGORY, "category"))

G_DEFINE_ENUM_TYPE (ResellPriceConfidence, resell_price_confidence,
  G_DEFINE_ENUM_VALUE (RESELL_PRICE_CONFIDENCE_NONE, "none"),
  G_DEFINE_ENUM_VALUE (RESELL_PRICE_CONFIDENCE_LOW, "low"),
  G_DEFINE_ENUM_VALUE (RESELL_PRICE_CONFIDENCE_MEDIUM, "medium"),
  G_DEFINE_ENUM_VALUE (RESELL_PRICE_CONFIDENCE_HIGH, "high"))

enum {
  PROP_0,
  PROP_LEVEL,
  PROP_CONFIDENCE,
  PROP_HAS_PRICE,
  PROP_SENTENCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

const char *
resell_price_level_to_string (ResellPriceLevel level)
{
  switch (level)
    {
    case RESELL_PRICE_LEVEL_MODEL: return "model";
    case RESELL_PRICE_LEVEL_BRAND: return "brand";
    case RESELL_PRICE_LEVEL_CATEGORY: return "category";
    case RESELL_PRICE_LEVEL_NONE:
    default: return "none";
    }
}

const char *
resell_price_confidence_to_string (ResellPriceConfidence confidence)
{
  switch (confidence)
    {
    case RESELL_PRICE_CONFIDENCE_HIGH: return "high";
    case RESELL_PRICE_CONFIDENCE_MEDIUM: return "medium";
    case RESELL_PRICE_CONFIDENCE_LOW: return "low";
    case RESELL_PRICE_CONFIDENCE_NONE:
    default: return "none";
    }
}

const char *
resell_price_confidence_describe (ResellPriceConfidence confidence)
{
  switch (confidence)
    {
    case RESELL_PRICE_CONFIDENCE_HIGH: return _("High confidence");
    case RESELL_PRICE_CONFIDENCE_MEDIUM: return _("Medium confidence");
    case RESELL_PRICE_CONFIDENCE_LOW: return _("Low confidence");
    case RESELL_PRICE_CONFIDENCE_NONE:
    default: return _("No price: no comparable sales");
    }
}

void
resell_price_evidence_free (ResellPriceEvidence *evidence)
{
  g_clear_pointer (&evidence->comp, resell_comp_free);
  g_free (evidence);
}

static void
resell_price_estimate_finalize (GObject *object)
{
  ResellPriceEstimate *self = RESELL_PRICE_ESTIMATE (object);

  g_clear_pointer (&self->sentence, g_free);
  g_clear_pointer (&self->evidence, g_ptr_array_unref);

  G_OBJECT_CLASS (resell_price_estimate_parent_class)->finalize (object);
}

static void
resell_price_estimate_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ResellPriceEstimate *self = RESELL_PRICE_ESTIMATE (object);

  switch (prop_id)
    {
    case PROP_LEVEL:
      g_value_set_enum (value, self->level);
      break;

    case PROP_CONFIDENCE:
      g_value_set_enum (value, self->confidence);
      break;

    case PROP_HAS_PRICE:
      g_value_set_boolean (value, self->has_price);
      break;

    case PROP_SENTENCE:
      g_value_set_string (value, self->sentence);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_price_estimate_class_init (ResellPriceEstimateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = resell_price_estimate_finalize;
  object_class->get_property = resell_price_estimate_get_property;

  properties[PROP_LEVEL] =
    g_param_spec_enum ("level", NULL, NULL, RESELL_TYPE_PRICE_LEVEL, RESELL_PRICE_LEVEL_NONE,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONFIDENCE] =
    g_param_spec_enum ("confidence", NULL, NULL, RESELL_TYPE_PRICE_CONFIDENCE,
                       RESELL_PRICE_CONFIDENCE_NONE,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_PRICE] =
    g_param_spec_boolean ("has-price", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SENTENCE] =
    g_param_spec_string ("sentence", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
resell_price_estimate_init (ResellPriceEstimate *self)
{
  self->evidence = g_ptr_array_new_with_free_func ((GDestroyNotify) resell_price_evidence_free);
}

gboolean
resell_price_estimate_get_has_price (ResellPriceEstimate *self)
{
  g_return_val_if_fail (RESELL_IS_PRICE_ESTIMATE (self), FALSE);
  return self->has_price;
}

ResellPriceLevel
resell_price_estimate_get_level (ResellPriceEstimate *self)
{
  g_return_val_if_fail (RESELL_IS_PRICE_ESTIMATE (self), RESELL_PRICE_LEVEL_NONE);
  return self->level;
}

ResellPriceConfidence
resell_price_estimate_get_confidence (ResellPriceEstimate *self)
{
  g_return_val_if_fail (RESELL_IS_PRICE_ESTIMATE (self), RESELL_PRICE_CONFIDENCE_NONE);
  return self->confidence;
}

const char *
resell_price_estimate_get_sentence (ResellPriceEstimate *self)
{
  g_return_val_if_fail (RESELL_IS_PRICE_ESTIMATE (self), NULL);
  return self->sentence;
}

const ResellMoney *
resell_price_estimate_get_suggested (ResellPriceEstimate *self)
{
  g_return_val_if_fail (RESELL_IS_PRICE_ESTIMATE (self), NULL);
  return self->has_price ? &self->suggested : NULL;
}

const ResellMoney *
resell_price_estimate_get_low (ResellPriceEstimate *self)
{
  g_return_val_if_fail (RESELL_IS_PRICE_ESTIMATE (self), NULL);
  return self->has_price ? &self->low : NULL;
}

const ResellMoney *
resell_price_estimate_get_high (ResellPriceEstimate *self)
{
  g_return_val_if_fail (RESELL_IS_PRICE_ESTIMATE (self), NULL);
  return self->has_price ? &self->high : NULL;
}

const ResellMoney *
resell_price_estimate_get_quick_sale (ResellPriceEstimate *self)
{
  g_return_val_if_fail (RESELL_IS_PRICE_ESTIMATE (self), NULL);
  return self->has_price ? &self->quick_sale : NULL;
}

GPtrArray *
resell_price_estimate_get_evidence (ResellPriceEstimate *self)
{
  g_return_val_if_fail (RESELL_IS_PRICE_ESTIMATE (self), NULL);
  return self->evidence;
}

gboolean
resell_price_estimate_get_grade_learned (ResellPriceEstimate *self)
{
  g_return_val_if_fail (RESELL_IS_PRICE_ESTIMATE (self), FALSE);
  return self->grade_learned;
}

gint64
resell_price_estimate_get_spread_bp (ResellPriceEstimate *self)
{
  g_return_val_if_fail (RESELL_IS_PRICE_ESTIMATE (self), 0);
  return self->spread_bp;
}
