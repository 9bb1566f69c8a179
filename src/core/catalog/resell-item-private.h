/* resell-item-private.h — how the catalog makes items from its rows.
 * Included by resell-item.c and the catalog's files only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "catalog/resell-item.h"

G_BEGIN_DECLS

typedef struct
{
  gint64           id;
  const char      *sku;
  const char      *category;
  const char      *brand;
  const char      *model;
  const char      *title;
  const char      *size;
  const char      *colour;
  const char      *material;
  const char      *notes;
  const char      *consignor;
  ResellItemState  state;
  gint64           created_at;
  gint64           updated_at;
  guint            photo_count;
  const char      *cover_path;
  const char      *cover_sha256;
  const char      *grade;
  gint64           list_price_minor;
  const char      *list_price_currency;
} ResellItemFields;

/* A new item straight from a catalog row.  Nobody can be listening to it
 * yet, so it skips the property notifications that the setters would make:
 * they are most of the cost of listing 10,000 items. */
ResellItem *resell_item_new_from_fields (const ResellItemFields *fields);

G_END_DECLS
