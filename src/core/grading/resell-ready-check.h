/* resell-ready-check.h — what an item still lacks before it may be "ready":
 * the one rule the item page, the browser and the CLI ask.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "catalog/resell-item.h"

G_BEGIN_DECLS

typedef enum
{
  RESELL_READY_MISSING_NONE  = 0,
  RESELL_READY_MISSING_GRADE = 1 << 0,  /* no stored grade (see resell-grade-keeper.h) */
  RESELL_READY_MISSING_PRICE = 1 << 1,  /* no asking price */
  /* Issue 11: the category's required shots go here, as another bit, with
   * its phrase in resell_ready_missing_describe(). */
} ResellReadyMissing;

#define RESELL_READY_ERROR (resell_ready_error_quark ())
GQuark              resell_ready_error_quark        (void);

typedef enum
{
  RESELL_READY_ERROR_MISSING,
} ResellReadyError;

/* What @item lacks to be ready, from what is loaded with it (no I/O). */
ResellReadyMissing  resell_item_check_ready         (ResellItem         *item);
/* The sentence the seller reads: "Not ready yet: no grade, no asking
 * price." (translated); NULL when nothing is missing. */
char               *resell_ready_missing_describe   (ResellReadyMissing  missing);
/* TRUE when @item may be ready; else FALSE with RESELL_READY_ERROR_MISSING
 * and that sentence.  Everything that sets the state "ready" asks this
 * first. */
gboolean            resell_item_ensure_ready        (ResellItem         *item,
                                                     GError            **error);

G_END_DECLS
