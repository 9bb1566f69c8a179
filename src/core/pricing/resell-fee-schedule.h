/* resell-fee-schedule.h — a marketplace's selling fees, as data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pricing/resell-money.h"

G_BEGIN_DECLS

#define RESELL_FEE_SCHEDULE_ERROR (resell_fee_schedule_error_quark ())
typedef enum
{
  RESELL_FEE_SCHEDULE_ERROR_INVALID,      /* a malformed file: "<source>: what is wrong" */
  RESELL_FEE_SCHEDULE_ERROR_NOT_FOUND,
  RESELL_FEE_SCHEDULE_ERROR_CURRENCY,     /* the price is in another currency */
} ResellFeeScheduleError;
GQuark resell_fee_schedule_error_quark (void);

/* One line of a fee breakdown. */
typedef struct
{
  char        *id;       /* "final-value" */
  char        *label;    /* "Final value fee" */
  ResellMoney  amount;
} ResellFeeLine;

void resell_fee_line_free (ResellFeeLine *line);

#define RESELL_TYPE_FEE_SCHEDULE (resell_fee_schedule_get_type ())
G_DECLARE_FINAL_TYPE (ResellFeeSchedule, resell_fee_schedule, RESELL, FEE_SCHEDULE, GObject)

/* Properties (read-only): "id", "name", "currency". */
ResellFeeSchedule *resell_fee_schedule_load_from_data (const char  *data,
                                                       gssize       length,
                                                       const char  *source,
                                                       GError     **error);
/* The seller's $XDG_DATA_HOME/resell/fees/<id>.json if there is one,
 * else the built-in schedule @id (data/fees/<id>.json). */
ResellFeeSchedule *resell_fee_schedule_lookup         (const char  *id,
                                                       GError     **error);
/* The ids of the built-in schedules, sorted. */
GStrv              resell_fee_schedule_list_builtin   (void);

const char        *resell_fee_schedule_get_id         (ResellFeeSchedule *self);
const char        *resell_fee_schedule_get_name       (ResellFeeSchedule *self);
const char        *resell_fee_schedule_get_currency   (ResellFeeSchedule *self);

/* The fees on a sale of @total in @category: one ResellFeeLine per fee
 * (in the file's order) and their sum.  CURRENCY when @total is not in the
 * schedule's currency: fees are never converted. */
gboolean           resell_fee_schedule_compute        (ResellFeeSchedule  *self,
                                                       const char         *category,
                                                       const ResellMoney  *total,
                                                       GPtrArray         **lines,
                                                       ResellMoney        *sum,
                                                       GError            **error);

G_END_DECLS
