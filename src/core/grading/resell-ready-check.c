/* resell-ready-check.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-grading"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "grading/resell-ready-check.h"

G_DEFINE_QUARK (resell-ready-error-quark, resell_ready_error)

ResellReadyMissing
resell_item_check_ready (ResellItem *item)
{
  ResellReadyMissing missing = RESELL_READY_MISSING_NONE;

  g_return_val_if_fail (RESELL_IS_ITEM (item), RESELL_READY_MISSING_NONE);

  /* The stored grade, not a fresh appraisal: it is what the lists show,
   * and NULL until the checklist is answered or a grade set. */
  if (resell_item_get_grade (item) == NULL)
    missing |= RESELL_READY_MISSING_GRADE;

  if (!resell_item_get_list_price (item, NULL, NULL))
    missing |= RESELL_READY_MISSING_PRICE;

  return missing;
}

char *
resell_ready_missing_describe (ResellReadyMissing missing)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) phrases = NULL;
  g_autofree char *list = NULL;

  if (missing == RESELL_READY_MISSING_NONE)
    return NULL;

  builder = g_strv_builder_new ();
  if (missing & RESELL_READY_MISSING_GRADE)
    /* Translators: one of the things an item lacks before it can be ready */
    g_strv_builder_add (builder, _("no grade (answer the condition checklist or set a grade)"));
  if (missing & RESELL_READY_MISSING_PRICE)
    /* Translators: one of the things an item lacks before it can be ready */
    g_strv_builder_add (builder, _("no asking price"));
  phrases = g_strv_builder_end (builder);

  /* Translators: the separator between the things an item lacks */
  list = g_strjoinv (_(", "), phrases);

  /* Translators: %s lists what the item lacks, e.g. "no grade, no asking price" */
  return g_strdup_printf (_("Not ready yet: %s."), list);
}

gboolean
resell_item_ensure_ready (ResellItem  *item,
                          GError     **error)
{
  ResellReadyMissing missing;
  g_autofree char *sentence = NULL;

  g_return_val_if_fail (RESELL_IS_ITEM (item), FALSE);

  missing = resell_item_check_ready (item);
  if (missing == RESELL_READY_MISSING_NONE)
    return TRUE;

  sentence = resell_ready_missing_describe (missing);
  g_set_error_literal (error, RESELL_READY_ERROR, RESELL_READY_ERROR_MISSING, sentence);

  return FALSE;
}
