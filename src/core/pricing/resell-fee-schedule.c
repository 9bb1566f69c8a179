/* resell-fee-schedule.c — a marketplace's selling fees, as data
 *
 * A schedule is a JSON file (data/fees/<id>.json, format in
 * docs/pricing.md):
 *
 *   { "version": 1, "id": "ebay", "name": "eBay (US)", "currency": "USD",
 *     "fees": [ { "id": "final-value", "label": "Final value fee",
 *                 "tiers": [ { "up_to": "7500.00", "bp": 1325 }, { "bp": 235 } ],
 *                 "categories": { "handbags": [ … tiers … ] },
 *                 "fixed": [ { "up_to": "10.00", "amount": "0.30" }, { "amount": "0.40" } ],
 *                 "min": "0.00", "max": "500.00" } ] }
 *
 * Amounts are strings parsed by resell_money_parse(), never JSON numbers,
 * so no fee passes through a double.  "tiers" are marginal, like eBay's
 * final value fee: each rate applies to the part of the total within its
 * tier.  "fixed" is one amount chosen by the total (the first tier whose
 * "up_to" the total does not exceed).  "min" and "max" bound the line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-pricing"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "pricing/resell-fee-schedule.h"

#define FORMAT_VERSION 1
#define BUILTIN_RESOURCE_PATH "/com/example/Resell/fees/"

G_DEFINE_QUARK (resell-fee-schedule-error-quark, resell_fee_schedule_error)

typedef struct
{
  gboolean has_up_to;
  gint64   up_to;     /* minor units */
  gint64   bp;        /* rate tiers */
  gint64   amount;    /* fixed tiers, minor units */
} Tier;

typedef struct
{
  char       *id;
  char       *label;
  GArray     *tiers;        /* Tier, rates; NULL: none */
  GHashTable *categories;   /* category id → GArray of rate Tier */
  GArray     *fixed;        /* Tier, amounts; NULL: none */
  gboolean    has_min, has_max;
  gint64      min, max;
} Fee;

struct _ResellFeeSchedule
{
  GObject    parent_instance;

  char      *id;
  char      *name;
  char       currency[4];
  GPtrArray *fees;
};

G_DEFINE_FINAL_TYPE (ResellFeeSchedule, resell_fee_schedule, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_CURRENCY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
resell_fee_line_free (ResellFeeLine *line)
{
  g_free (line->id);
  g_free (line->label);
  g_free (line);
}

static void
fee_free (Fee *fee)
{
  g_free (fee->id);
  g_free (fee->label);
  g_clear_pointer (&fee->tiers, g_array_unref);
  g_clear_pointer (&fee->categories, g_hash_table_unref);
  g_clear_pointer (&fee->fixed, g_array_unref);
  g_free (fee);
}

static void
resell_fee_schedule_finalize (GObject *object)
{
  ResellFeeSchedule *self = RESELL_FEE_SCHEDULE (object);

  g_free (self->id);
  g_free (self->name);
  g_clear_pointer (&self->fees, g_ptr_array_unref);

  G_OBJECT_CLASS (resell_fee_schedule_parent_class)->finalize (object);
}

static void
resell_fee_schedule_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ResellFeeSchedule *self = RESELL_FEE_SCHEDULE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_CURRENCY:
      g_value_set_string (value, self->currency);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_fee_schedule_class_init (ResellFeeScheduleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = resell_fee_schedule_finalize;
  object_class->get_property = resell_fee_schedule_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENCY] =
    g_param_spec_string ("currency", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
resell_fee_schedule_init (ResellFeeSchedule *self)
{
  self->fees = g_ptr_array_new_with_free_func ((GDestroyNotify) fee_free);
}

static gboolean
invalid (GError     **error,
         const char  *source,
         const char  *format,
         ...) G_GNUC_PRINTF (3, 4);

static gboolean
invalid (GError     **error,
         const char  *source,
         const char  *format,
         ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, RESELL_FEE_SCHEDULE_ERROR, RESELL_FEE_SCHEDULE_ERROR_INVALID,
               "%s: %s", source, what);
  return FALSE;
}

static gboolean
read_amount (JsonObject  *object,
             const char  *member,
             const char  *currency,
             const char  *source,
             const char  *fee_id,
             gint64      *out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autoptr(GError) local_error = NULL;
  ResellMoney money;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return invalid (error, source, _("fee “%s”: “%s” must be an amount in quotes, such as \"0.30\""),
                    fee_id, member);

  if (!resell_money_parse (json_node_get_string (node), currency, &money, &local_error))
    return invalid (error, source, _("fee “%s”: %s"), fee_id, local_error->message);

  if (money.minor < 0)
    return invalid (error, source, _("fee “%s”: “%s” is negative"), fee_id, member);

  *out = money.minor;
  return TRUE;
}

/* Tiers in order, each "up_to" above the last, the last open-ended. */
static GArray *
read_tiers (JsonNode    *node,
            gboolean     rates,
            const char  *currency,
            const char  *source,
            const char  *fee_id,
            GError     **error)
{
  g_autoptr(GArray) tiers = g_array_new (FALSE, TRUE, sizeof (Tier));
  JsonArray *array;
  guint n;

  if (!JSON_NODE_HOLDS_ARRAY (node) || (n = json_array_get_length (json_node_get_array (node))) == 0)
    {
      invalid (error, source, _("fee “%s”: tiers must be a non-empty list"), fee_id);
      return NULL;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object;
      Tier tier = { FALSE, 0, 0, 0 };

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          invalid (error, source, _("fee “%s”: tier %u is not an object"), fee_id, i + 1);
          return NULL;
        }
      object = json_node_get_object (element);

      if (json_object_has_member (object, "up_to"))
        {
          if (!read_amount (object, "up_to", currency, source, fee_id, &tier.up_to, error))
            return NULL;
          tier.has_up_to = TRUE;
        }

      if ((i + 1 < n) != tier.has_up_to)
        {
          invalid (error, source, _("fee “%s”: every tier but the last needs “up_to”, and the last none"),
                   fee_id);
          return NULL;
        }
      if (i > 0 && tier.has_up_to && tier.up_to <= g_array_index (tiers, Tier, i - 1).up_to)
        {
          invalid (error, source, _("fee “%s”: tier %u does not go above the one before"), fee_id, i + 1);
          return NULL;
        }

      if (rates)
        {
          JsonNode *bp = json_object_get_member (object, "bp");

          if (bp == NULL || json_node_get_value_type (bp) != G_TYPE_INT64 ||
              json_node_get_int (bp) < 0 || json_node_get_int (bp) > 10000)
            {
              invalid (error, source, _("fee “%s”: tier %u needs “bp”, a rate in basis points from 0 to 10000"),
                       fee_id, i + 1);
              return NULL;
            }
          tier.bp = json_node_get_int (bp);
        }
      else if (!read_amount (object, "amount", currency, source, fee_id, &tier.amount, error))
        return NULL;

      g_array_append_val (tiers, tier);
    }

  return g_steal_pointer (&tiers);
}

static Fee *
read_fee (JsonNode    *node,
          const char  *currency,
          const char  *source,
          guint        index,
          GError     **error)
{
  static const char * const known[] = { "id", "label", "tiers", "categories", "fixed", "min", "max", NULL };
  g_autoptr(GList) members = NULL;
  JsonObject *object;
  Fee *fee;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      invalid (error, source, _("fee %u is not an object"), index + 1);
      return NULL;
    }
  object = json_node_get_object (node);

  fee = g_new0 (Fee, 1);
  fee->id = g_strdup (json_object_get_string_member_with_default (object, "id", ""));
  fee->label = g_strdup (json_object_get_string_member_with_default (object, "label", ""));

  if (*fee->id == '\0' || *fee->label == '\0')
    {
      invalid (error, source, _("fee %u needs an “id” and a “label”"), index + 1);
      goto failed;
    }

  /* A typo ("teirs") must not silently drop a fee. */
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (known, l->data))
      {
        invalid (error, source, _("fee “%s”: unknown key “%s”"), fee->id, (const char *) l->data);
        goto failed;
      }

  if (json_object_has_member (object, "tiers") &&
      !(fee->tiers = read_tiers (json_object_get_member (object, "tiers"), TRUE, currency, source, fee->id, error)))
    goto failed;

  if (json_object_has_member (object, "categories"))
    {
      JsonNode *categories = json_object_get_member (object, "categories");
      g_autoptr(GList) ids = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (categories) || fee->tiers == NULL)
        {
          invalid (error, source, _("fee “%s”: “categories” must be an object, beside “tiers”"), fee->id);
          goto failed;
        }

      fee->categories = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
      ids = json_object_get_members (json_node_get_object (categories));
      for (GList *l = ids; l != NULL; l = l->next)
        {
          GArray *tiers = read_tiers (json_object_get_member (json_node_get_object (categories), l->data),
                                      TRUE, currency, source, fee->id, error);

          if (tiers == NULL)
            goto failed;
          g_hash_table_insert (fee->categories, g_strdup (l->data), tiers);
        }
    }

  if (json_object_has_member (object, "fixed") &&
      !(fee->fixed = read_tiers (json_object_get_member (object, "fixed"), FALSE, currency, source, fee->id, error)))
    goto failed;

  if (fee->tiers == NULL && fee->fixed == NULL)
    {
      invalid (error, source, _("fee “%s” has neither “tiers” nor “fixed”"), fee->id);
      goto failed;
    }

  if (json_object_has_member (object, "min"))
    {
      if (!read_amount (object, "min", currency, source, fee->id, &fee->min, error))
        goto failed;
      fee->has_min = TRUE;
    }
  if (json_object_has_member (object, "max"))
    {
      if (!read_amount (object, "max", currency, source, fee->id, &fee->max, error))
        goto failed;
      fee->has_max = TRUE;
    }

  return fee;

failed:
  fee_free (fee);
  return NULL;
}

ResellFeeSchedule *
resell_fee_schedule_load_from_data (const char  *data,
                                    gssize       length,
                                    const char  *source,
                                    GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(ResellFeeSchedule) self = NULL;
  g_autoptr(GError) json_error = NULL;
  JsonObject *root;
  JsonNode *fees;
  const char *currency;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (source != NULL, NULL);

  if (!json_parser_load_from_data (parser, data, length, &json_error))
    {
      invalid (error, source, "%s", json_error->message);
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      invalid (error, source, _("the file must hold one JSON object"));
      return NULL;
    }
  root = json_node_get_object (json_parser_get_root (parser));

  if (json_object_get_int_member_with_default (root, "version", 0) != FORMAT_VERSION)
    {
      invalid (error, source, _("“version” must be %d"), FORMAT_VERSION);
      return NULL;
    }

  self = g_object_new (RESELL_TYPE_FEE_SCHEDULE, NULL);
  self->id = g_strdup (json_object_get_string_member_with_default (root, "id", ""));
  self->name = g_strdup (json_object_get_string_member_with_default (root, "name", ""));
  currency = json_object_get_string_member_with_default (root, "currency", "");

  if (*self->id == '\0' || *self->name == '\0')
    {
      invalid (error, source, _("a schedule needs an “id” and a “name”"));
      return NULL;
    }
  if (!resell_currency_is_valid (currency))
    {
      invalid (error, source, _("“currency” must be an ISO 4217 code such as \"USD\""));
      return NULL;
    }
  memcpy (self->currency, currency, 4);

  fees = json_object_get_member (root, "fees");
  if (fees == NULL || !JSON_NODE_HOLDS_ARRAY (fees))
    {
      invalid (error, source, _("“fees” must be a list"));
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (json_node_get_array (fees)); i++)
    {
      Fee *fee = read_fee (json_array_get_element (json_node_get_array (fees), i),
                           self->currency, source, i, error);

      if (fee == NULL)
        return NULL;
      g_ptr_array_add (self->fees, fee);
    }

  return g_steal_pointer (&self);
}

static gboolean
id_is_safe (const char *id)
{
  if (id == NULL || *id == '\0')
    return FALSE;

  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;

  return TRUE;
}

ResellFeeSchedule *
resell_fee_schedule_lookup (const char  *id,
                            GError     **error)
{
  g_autofree char *name = NULL;
  g_autofree char *user_path = NULL;
  g_autofree char *resource = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  /* The id becomes part of a path: nothing but an id gets in. */
  if (!id_is_safe (id))
    {
      g_set_error (error, RESELL_FEE_SCHEDULE_ERROR, RESELL_FEE_SCHEDULE_ERROR_NOT_FOUND,
                   _("There is no fee schedule “%s”."), id != NULL ? id : "");
      return NULL;
    }

  name = g_strconcat (id, ".json", NULL);
  user_path = g_build_filename (g_get_user_data_dir (), "resell", "fees", name, NULL);
  if (g_file_get_contents (user_path, &contents, &length, NULL))
    return resell_fee_schedule_load_from_data (contents, (gssize) length, user_path, error);

  resource = g_strconcat (BUILTIN_RESOURCE_PATH, name, NULL);
  bytes = g_resources_lookup_data (resource, 0, NULL);
  if (bytes == NULL)
    {
      g_set_error (error, RESELL_FEE_SCHEDULE_ERROR, RESELL_FEE_SCHEDULE_ERROR_NOT_FOUND,
                   _("There is no fee schedule “%s”."), id);
      return NULL;
    }

  return resell_fee_schedule_load_from_data (g_bytes_get_data (bytes, NULL),
                                             (gssize) g_bytes_get_size (bytes),
                                             resource, error);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b,
             gpointer      user_data)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

GStrv
resell_fee_schedule_list_builtin (void)
{
  g_auto(GStrv) names = g_resources_enumerate_children (BUILTIN_RESOURCE_PATH, 0, NULL);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  GStrv result;

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    if (g_str_has_suffix (names[i], ".json"))
      {
        g_autofree char *id = g_strndup (names[i], strlen (names[i]) - strlen (".json"));

        g_strv_builder_add (ids, id);
      }

  result = g_strv_builder_end (ids);
  g_qsort_with_data (result, (gint) g_strv_length (result), sizeof (char *), compare_ids, NULL);

  return result;
}

const char *
resell_fee_schedule_get_id (ResellFeeSchedule *self)
{
  g_return_val_if_fail (RESELL_IS_FEE_SCHEDULE (self), NULL);
  return self->id;
}

const char *
resell_fee_schedule_get_name (ResellFeeSchedule *self)
{
  g_return_val_if_fail (RESELL_IS_FEE_SCHEDULE (self), NULL);
  return self->name;
}

const char *
resell_fee_schedule_get_currency (ResellFeeSchedule *self)
{
  g_return_val_if_fail (RESELL_IS_FEE_SCHEDULE (self), NULL);
  return self->currency;
}

/* Marginal rates: each tier's rate on the part of @total inside it.  Each
 * part is rounded half to even on its own, as a marketplace's invoice
 * shows each tier. */
static gboolean
apply_rates (GArray             *tiers,
             const ResellMoney  *total,
             ResellMoney        *out,
             GError            **error)
{
  ResellMoney sum = resell_money_make (0, total->currency);
  gint64 floor = 0;

  for (guint i = 0; i < tiers->len && total->minor > floor; i++)
    {
      Tier *tier = &g_array_index (tiers, Tier, i);
      gint64 ceiling = tier->has_up_to ? MIN (tier->up_to, total->minor) : total->minor;
      ResellMoney part = resell_money_make (ceiling - floor, total->currency);
      ResellMoney fee;

      if (!resell_money_multiply_bp (&part, tier->bp, &fee, error) ||
          !resell_money_add (&sum, &fee, &sum, error))
        return FALSE;

      floor = ceiling;
    }

  *out = sum;
  return TRUE;
}

gboolean
resell_fee_schedule_compute (ResellFeeSchedule  *self,
                             const char         *category,
                             const ResellMoney  *total,
                             GPtrArray         **lines,
                             ResellMoney        *sum,
                             GError            **error)
{
  g_autoptr(GPtrArray) result = NULL;
  ResellMoney all;

  g_return_val_if_fail (RESELL_IS_FEE_SCHEDULE (self), FALSE);
  g_return_val_if_fail (total != NULL, FALSE);

  if (strcmp (total->currency, self->currency) != 0)
    {
      g_set_error (error, RESELL_FEE_SCHEDULE_ERROR, RESELL_FEE_SCHEDULE_ERROR_CURRENCY,
                   _("The %s fee schedule is in %s and the price in %s: fees are not converted."),
                   self->name, self->currency, total->currency);
      return FALSE;
    }

  all = resell_money_make (0, self->currency);
  result = g_ptr_array_new_with_free_func ((GDestroyNotify) resell_fee_line_free);

  for (guint i = 0; i < self->fees->len; i++)
    {
      Fee *fee = g_ptr_array_index (self->fees, i);
      ResellMoney amount = resell_money_make (0, self->currency);
      ResellFeeLine *line;

      if (fee->tiers != NULL)
        {
          GArray *tiers = NULL;

          if (fee->categories != NULL && category != NULL)
            tiers = g_hash_table_lookup (fee->categories, category);
          if (!apply_rates (tiers != NULL ? tiers : fee->tiers, total, &amount, error))
            return FALSE;
        }

      if (fee->fixed != NULL)
        {
          for (guint t = 0; t < fee->fixed->len; t++)
            {
              Tier *tier = &g_array_index (fee->fixed, Tier, t);

              if (!tier->has_up_to || total->minor <= tier->up_to)
                {
                  ResellMoney fixed = resell_money_make (tier->amount, self->currency);

                  if (!resell_money_add (&amount, &fixed, &amount, error))
                    return FALSE;
                  break;
                }
            }
        }

      if (fee->has_min)
        amount.minor = MAX (amount.minor, fee->min);
      if (fee->has_max)
        amount.minor = MIN (amount.minor, fee->max);

      if (!resell_money_add (&all, &amount, &all, error))
        return FALSE;

      line = g_new0 (ResellFeeLine, 1);
      line->id = g_strdup (fee->id);
      line->label = g_strdup (fee->label);
      line->amount = amount;
      g_ptr_array_add (result, line);
    }

  if (lines != NULL)
    *lines = g_steal_pointer (&result);
  if (sum != NULL)
    *sum = all;

  return TRUE;
}
