/* resell-money.h — money: integer minor units of one ISO 4217 currency
 *
 * The one money type of Resell.  An amount is never a float: 12.34 EUR is
 * { 1234, "EUR" }, 1500 JPY is { 1500, "JPY" }.  Arithmetic refuses to mix
 * currencies (a GError, never a silent conversion) and reports overflow;
 * scaling by a rate rounds half to even, once, at the end.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define RESELL_MONEY_ERROR (resell_money_error_quark ())
typedef enum
{
  RESELL_MONEY_ERROR_MIXED_CURRENCY,
  RESELL_MONEY_ERROR_OVERFLOW,
  RESELL_MONEY_ERROR_INVALID,
} ResellMoneyError;
GQuark resell_money_error_quark (void);

typedef struct
{
  gint64 minor;          /* in the currency's minor unit (cents, yen, fils) */
  char   currency[4];    /* ISO 4217 code, NUL-terminated, e.g. "EUR" */
} ResellMoney;

#define RESELL_TYPE_MONEY (resell_money_get_type ())
GType        resell_money_get_type        (void) G_GNUC_CONST;
ResellMoney *resell_money_copy            (const ResellMoney *money);
void         resell_money_free            (ResellMoney       *money);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ResellMoney, resell_money_free)

/* Three ASCII capitals.  Any such code is accepted: an unknown one has two
 * decimals, as most currencies do. */
gboolean     resell_currency_is_valid     (const char *code);
/* Digits after the decimal point (ISO 4217): JPY 0, EUR 2, KWD 3. */
guint        resell_currency_get_exponent (const char *code);
/* 10^exponent: minor units in one major unit. */
gint64       resell_currency_get_scale    (const char *code);

/* { minor, currency }; @currency must be valid (g_return). */
ResellMoney  resell_money_make            (gint64             minor,
                                           const char        *currency);
ResellMoney *resell_money_new             (gint64             minor,
                                           const char        *currency);
gboolean     resell_money_same_currency   (const ResellMoney *a,
                                           const ResellMoney *b);
gboolean     resell_money_equal           (const ResellMoney *a,
                                           const ResellMoney *b);

/* a + b, a - b: MIXED_CURRENCY or OVERFLOW errors; @out untouched then. */
gboolean     resell_money_add             (const ResellMoney *a,
                                           const ResellMoney *b,
                                           ResellMoney       *out,
                                           GError           **error);
gboolean     resell_money_sub             (const ResellMoney *a,
                                           const ResellMoney *b,
                                           ResellMoney       *out,
                                           GError           **error);
/* Sets *@out to -1, 0 or 1. */
gboolean     resell_money_compare         (const ResellMoney *a,
                                           const ResellMoney *b,
                                           int               *out,
                                           GError           **error);
gboolean     resell_money_min             (const ResellMoney *a,
                                           const ResellMoney *b,
                                           ResellMoney       *out,
                                           GError           **error);
gboolean     resell_money_max             (const ResellMoney *a,
                                           const ResellMoney *b,
                                           ResellMoney       *out,
                                           GError           **error);

/* @a × @numerator / @denominator, rounded half to even (banker's
 * rounding: 0.5 → 0, 1.5 → 2, 2.5 → 2, -2.5 → -2), computed exactly in
 * 128 bits.  @denominator must not be 0. */
gboolean     resell_money_multiply_ratio  (const ResellMoney *a,
                                           gint64             numerator,
                                           gint64             denominator,
                                           ResellMoney       *out,
                                           GError           **error);
/* @a × @basis_points / 10000, half to even: 1290 bp of 100.00 = 12.90. */
gboolean     resell_money_multiply_bp     (const ResellMoney *a,
                                           gint64             basis_points,
                                           ResellMoney       *out,
                                           GError           **error);
/* @percent % of @a, half to even. */
gboolean     resell_money_percent_of      (const ResellMoney *a,
                                           gint64             percent,
                                           ResellMoney       *out,
                                           GError           **error);
/* What share @part is of @whole, in basis points, half to even. */
gboolean     resell_money_ratio_bp        (const ResellMoney *part,
                                           const ResellMoney *whole,
                                           gint64            *out_bp,
                                           GError           **error);

/* Parses "12.34", "12,34", "1234", "-3.5", "1,234.50" or "1.234,50" as
 * an amount of @currency, without floats.  The last '.' or ',' followed
 * by other than exactly three digits is the decimal separator; a
 * separator followed by exactly three digits groups thousands, unless the
 * currency has three decimals.  More decimals than the currency has is an
 * error, never a rounding. */
gboolean     resell_money_parse           (const char        *text,
                                           const char        *currency,
                                           ResellMoney       *out,
                                           GError           **error);

/* "12.34" (no symbol, '.' always): for editing and CSV. */
char        *resell_money_format_plain    (const ResellMoney *money);
/* For display: the locale's decimal mark and the currency's symbol where
 * it has a common one ("€12.34", "$5.00", "¥1500"), else "12.34 CHF". */
char        *resell_money_format          (const ResellMoney *money);

/* {"minor": 1234, "currency": "EUR"} */
void         resell_money_build_json      (const ResellMoney *money,
                                           JsonBuilder       *builder);
gboolean     resell_money_from_json       (JsonNode          *node,
                                           ResellMoney       *out,
                                           GError           **error);

G_END_DECLS
