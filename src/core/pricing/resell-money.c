/* resell-money.c — money: integer minor units of one ISO 4217 currency
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-money"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "pricing/resell-money.h"

G_DEFINE_QUARK (resell-money-error-quark, resell_money_error)

G_DEFINE_BOXED_TYPE (ResellMoney, resell_money, resell_money_copy, resell_money_free)

/* ISO 4217 minor units that are not 2.  A table rather than a locale
 * lookup: the exponent is a property of the currency, not of the seller's
 * language, and must be the same on every machine that reads a catalog. */
static const struct
{
  const char *code;
  guint       exponent;
} exponents[] = {
  { "BHD", 3 }, { "BIF", 0 }, { "CLF", 4 }, { "CLP", 0 }, { "DJF", 0 },
  { "GNF", 0 }, { "IQD", 3 }, { "ISK", 0 }, { "JOD", 3 }, { "JPY", 0 },
  { "KMF", 0 }, { "KRW", 0 }, { "KWD", 3 }, { "LYD", 3 }, { "OMR", 3 },
  { "PYG", 0 }, { "RWF", 0 }, { "TND", 3 }, { "UGX", 0 }, { "UYI", 0 },
  { "UYW", 4 }, { "VND", 0 }, { "VUV", 0 }, { "XAF", 0 }, { "XOF", 0 },
  { "XPF", 0 },
};

/* Common symbols, written before the amount.  Others show their code. */
static const struct
{
  const char *code;
  const char *symbol;
} symbols[] = {
  { "EUR", "€" }, { "GBP", "£" }, { "USD", "$" }, { "JPY", "¥" },
};

ResellMoney *
resell_money_copy (const ResellMoney *money)
{
  return g_memdup2 (money, sizeof *money);
}

void
resell_money_free (ResellMoney *money)
{
  g_free (money);
}

gboolean
resell_currency_is_valid (const char *code)
{
  if (code == NULL || strlen (code) != 3)
    return FALSE;

  for (guint i = 0; i < 3; i++)
    if (code[i] < 'A' || code[i] > 'Z')
      return FALSE;

  return TRUE;
}

guint
resell_currency_get_exponent (const char *code)
{
  g_return_val_if_fail (resell_currency_is_valid (code), 2);

  for (guint i = 0; i < G_N_ELEMENTS (exponents); i++)
    if (strcmp (exponents[i].code, code) == 0)
      return exponents[i].exponent;

  return 2;
}

gint64
resell_currency_get_scale (const char *code)
{
  gint64 scale = 1;

  for (guint i = resell_currency_get_exponent (code); i > 0; i--)
    scale *= 10;

  return scale;
}

ResellMoney
resell_money_make (gint64      minor,
                   const char *currency)
{
  ResellMoney money = { minor, "XXX" };

  g_return_val_if_fail (resell_currency_is_valid (currency), money);

  memcpy (money.currency, currency, 4);

  return money;
}

ResellMoney *
resell_money_new (gint64      minor,
                  const char *currency)
{
  ResellMoney money = resell_money_make (minor, currency);

  return resell_money_copy (&money);
}

gboolean
resell_money_same_currency (const ResellMoney *a,
                            const ResellMoney *b)
{
  return strcmp (a->currency, b->currency) == 0;
}

gboolean
resell_money_equal (const ResellMoney *a,
                    const ResellMoney *b)
{
  return a->minor == b->minor && resell_money_same_currency (a, b);
}

static gboolean
check_same_currency (const ResellMoney  *a,
                     const ResellMoney  *b,
                     GError            **error)
{
  if (resell_money_same_currency (a, b))
    return TRUE;

  g_set_error (error, RESELL_MONEY_ERROR, RESELL_MONEY_ERROR_MIXED_CURRENCY,
               _("Amounts in %s and %s cannot be combined without a conversion."),
               a->currency, b->currency);

  return FALSE;
}

static gboolean
set_overflow (GError **error)
{
  g_set_error_literal (error, RESELL_MONEY_ERROR, RESELL_MONEY_ERROR_OVERFLOW,
                       _("The amount is too large."));
  return FALSE;
}

gboolean
resell_money_add (const ResellMoney  *a,
                  const ResellMoney  *b,
                  ResellMoney        *out,
                  GError            **error)
{
  gint64 sum;

  if (!check_same_currency (a, b, error))
    return FALSE;
  if (__builtin_add_overflow (a->minor, b->minor, &sum))
    return set_overflow (error);

  *out = resell_money_make (sum, a->currency);

  return TRUE;
}

gboolean
resell_money_sub (const ResellMoney  *a,
                  const ResellMoney  *b,
                  ResellMoney        *out,
                  GError            **error)
{
  gint64 difference;

  if (!check_same_currency (a, b, error))
    return FALSE;
  if (__builtin_sub_overflow (a->minor, b->minor, &difference))
    return set_overflow (error);

  *out = resell_money_make (difference, a->currency);

  return TRUE;
}

gboolean
resell_money_compare (const ResellMoney  *a,
                      const ResellMoney  *b,
                      int                *out,
                      GError            **error)
{
  if (!check_same_currency (a, b, error))
    return FALSE;

  *out = (a->minor > b->minor) - (a->minor < b->minor);

  return TRUE;
}

/* min and max differ only in which side wins; a tie keeps @a in both so
 * that the result never depends on the argument order of equal amounts. */
static gboolean
pick_extreme (const ResellMoney  *a,
              const ResellMoney  *b,
              gboolean            smaller,
              ResellMoney        *out,
              GError            **error)
{
  int order;

  if (!resell_money_compare (a, b, &order, error))
    return FALSE;

  *out = (smaller ? order <= 0 : order >= 0) ? *a : *b;

  return TRUE;
}

gboolean
resell_money_min (const ResellMoney  *a,
                  const ResellMoney  *b,
                  ResellMoney        *out,
                  GError            **error)
{
  return pick_extreme (a, b, TRUE, out, error);
}

gboolean
resell_money_max (const ResellMoney  *a,
                  const ResellMoney  *b,
                  ResellMoney        *out,
                  GError            **error)
{
  return pick_extreme (a, b, FALSE, out, error);
}

/* n / d rounded half to even, exactly.  Half-even rather than half-up so
 * that rounding many fees does not drift upwards on average. */
static __int128
divide_half_even (__int128 n,
                  __int128 d)
{
  __int128 q, r, twice;

  if (d < 0)
    {
      n = -n;
      d = -d;
    }

  q = n / d;   /* truncates towards zero */
  r = n % d;   /* same sign as n */
  twice = (r < 0 ? -r : r) * 2;

  if (twice > d || (twice == d && (q % 2) != 0))
    q += n < 0 ? -1 : 1;

  return q;
}

gboolean
resell_money_multiply_ratio (const ResellMoney  *a,
                             gint64              numerator,
                             gint64              denominator,
                             ResellMoney        *out,
                             GError            **error)
{
  __int128 result;

  g_return_val_if_fail (denominator != 0, FALSE);

  result = divide_half_even ((__int128) a->minor * numerator, denominator);
  if (result > G_MAXINT64 || result < G_MININT64)
    return set_overflow (error);

  *out = resell_money_make ((gint64) result, a->currency);

  return TRUE;
}

gboolean
resell_money_multiply_bp (const ResellMoney  *a,
                          gint64              basis_points,
                          ResellMoney        *out,
                          GError            **error)
{
  return resell_money_multiply_ratio (a, basis_points, 10000, out, error);
}

gboolean
resell_money_percent_of (const ResellMoney  *a,
                         gint64              percent,
                         ResellMoney        *out,
                         GError            **error)
{
  return resell_money_multiply_ratio (a, percent, 100, out, error);
}

gboolean
resell_money_ratio_bp (const ResellMoney  *part,
                       const ResellMoney  *whole,
                       gint64             *out_bp,
                       GError            **error)
{
  __int128 result;

  if (!check_same_currency (part, whole, error))
    return FALSE;

  if (whole->minor == 0)
    {
      g_set_error_literal (error, RESELL_MONEY_ERROR, RESELL_MONEY_ERROR_INVALID,
                           _("A share of nothing has no meaning."));
      return FALSE;
    }

  result = divide_half_even ((__int128) part->minor * 10000, whole->minor);
  if (result > G_MAXINT64 || result < G_MININT64)
    return set_overflow (error);

  *out_bp = (gint64) result;

  return TRUE;
}

static gboolean
set_invalid_amount (const char  *text,
                    const char  *currency,
                    const char  *why,
                    GError     **error)
{
  g_set_error (error, RESELL_MONEY_ERROR, RESELL_MONEY_ERROR_INVALID,
               _("“%s” is not an amount of %s: %s"), text, currency, why);
  return FALSE;
}

gboolean
resell_money_parse (const char   *text,
                    const char   *currency,
                    ResellMoney  *out,
                    GError      **error)
{
  g_autofree char *stripped = NULL;
  const char *p;
  const char *decimal = NULL;
  guint exponent;
  gboolean negative = FALSE;
  guint64 whole = 0;
  guint64 fraction = 0;
  guint n_fraction = 0;
  guint64 scale = 1;
  guint64 minor;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (resell_currency_is_valid (currency), FALSE);

  exponent = resell_currency_get_exponent (currency);
  stripped = g_strstrip (g_strdup (text));
  p = stripped;

  if (*p == '-' || *p == '+')
    negative = *p++ == '-';

  if (!g_ascii_isdigit (*p))
    return set_invalid_amount (text, currency, _("it does not start with a digit"), error);

  /* The decimal separator is the last '.' or ',' unless exactly three
   * digits follow it in a currency without three decimals: then it groups
   * thousands ("1,234" is one thousand two hundred and thirty-four). */
  {
    const char *last = NULL;
    gsize tail;

    for (const char *q = p; *q != '\0'; q++)
      if (*q == '.' || *q == ',')
        last = q;

    if (last != NULL)
      {
        tail = strlen (last + 1);
        if (tail != 3 || exponent == 3)
          decimal = last;
      }
  }

  for (; *p != '\0' && p != decimal; p++)
    {
      if (*p == '.' || *p == ',')
        {
          /* A grouping separator: three digits must follow before the next
           * separator or the end. */
          guint digits = 0;

          /* "12.345.6": one mark cannot both group and separate. */
          if (decimal != NULL && *p == *decimal)
            return set_invalid_amount (text, currency, _("the same mark groups and separates decimals"), error);

          while (g_ascii_isdigit (p[digits + 1]))
            digits++;
          if (digits != 3)
            return set_invalid_amount (text, currency, _("the digits are not grouped by three"), error);
          continue;
        }

      if (!g_ascii_isdigit (*p))
        return set_invalid_amount (text, currency, _("it holds something other than digits"), error);

      if (whole > G_MAXINT64 / 10)
        return set_overflow (error);
      whole = whole * 10 + (guint64) (*p - '0');
    }

  if (decimal != NULL)
    {
      for (p = decimal + 1; *p != '\0'; p++)
        {
          if (!g_ascii_isdigit (*p))
            return set_invalid_amount (text, currency, _("it holds something other than digits"), error);
          if (++n_fraction > exponent)
            {
              g_autofree char *why =
                g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%s has %u decimal",
                                              "%s has %u decimals", exponent),
                                 currency, exponent);
              return set_invalid_amount (text, currency, why, error);
            }
          fraction = fraction * 10 + (guint64) (*p - '0');
        }
    }

  for (guint i = n_fraction; i < exponent; i++)
    fraction *= 10;
  for (guint i = 0; i < exponent; i++)
    scale *= 10;

  if (whole > (guint64) G_MAXINT64 / scale)
    return set_overflow (error);
  minor = whole * scale + fraction;
  if (minor > (guint64) G_MAXINT64)
    return set_overflow (error);

  *out = resell_money_make (negative ? -(gint64) minor : (gint64) minor, currency);

  return TRUE;
}

static char *
format_with_mark (const ResellMoney *money,
                  const char        *mark)
{
  guint exponent = resell_currency_get_exponent (money->currency);
  guint64 scale = (guint64) resell_currency_get_scale (money->currency);
  /* The magnitude as unsigned, so G_MININT64 has one too. */
  guint64 magnitude = money->minor < 0 ? -(guint64) money->minor : (guint64) money->minor;
  const char *sign = money->minor < 0 ? "-" : "";

  if (exponent == 0)
    return g_strdup_printf ("%s%" G_GUINT64_FORMAT, sign, magnitude);

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT "%s%0*" G_GUINT64_FORMAT,
                          sign, magnitude / scale, mark, (int) exponent, magnitude % scale);
}

char *
resell_money_format_plain (const ResellMoney *money)
{
  g_return_val_if_fail (money != NULL, NULL);

  return format_with_mark (money, ".");
}

char *
resell_money_format (const ResellMoney *money)
{
  g_autofree char *number = NULL;
  const char *mark;
  struct lconv *conv;

  g_return_val_if_fail (money != NULL, NULL);

  /* The monetary decimal mark of LC_MONETARY, else the numeric one. */
  conv = localeconv ();
  mark = conv->mon_decimal_point;
  if (mark == NULL || *mark == '\0')
    mark = conv->decimal_point;
  if (mark == NULL || *mark == '\0')
    mark = ".";

  number = format_with_mark (money, mark);

  for (guint i = 0; i < G_N_ELEMENTS (symbols); i++)
    if (strcmp (symbols[i].code, money->currency) == 0)
      {
        if (number[0] == '-')
          return g_strdup_printf ("-%s%s", symbols[i].symbol, number + 1);
        return g_strdup_printf ("%s%s", symbols[i].symbol, number);
      }

  return g_strdup_printf ("%s %s", number, money->currency);
}

void
resell_money_build_json (const ResellMoney *money,
                         JsonBuilder       *builder)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "minor");
  json_builder_add_int_value (builder, money->minor);
  json_builder_set_member_name (builder, "currency");
  json_builder_add_string_value (builder, money->currency);
  json_builder_end_object (builder);
}

gboolean
resell_money_from_json (JsonNode     *node,
                        ResellMoney  *out,
                        GError      **error)
{
  JsonObject *object;
  JsonNode *minor;
  const char *currency;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    goto invalid;

  object = json_node_get_object (node);
  minor = json_object_get_member (object, "minor");
  currency = json_object_get_string_member_with_default (object, "currency", NULL);

  /* An integer, not a double: 12.5 minor units is not money. */
  if (minor == NULL || json_node_get_value_type (minor) != G_TYPE_INT64 ||
      !resell_currency_is_valid (currency))
    goto invalid;

  *out = resell_money_make (json_node_get_int (minor), currency);

  return TRUE;

invalid:
  g_set_error_literal (error, RESELL_MONEY_ERROR, RESELL_MONEY_ERROR_INVALID,
                       _("An amount must be {\"minor\": integer, \"currency\": \"ISO code\"}."));
  return FALSE;
}
