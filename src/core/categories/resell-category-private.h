/* resell-category-private.h — what the category's files share: the
 * object's fields, which the loader fills in.  Only for
 * src/core/categories/resell-category*.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "categories/resell-category.h"

G_BEGIN_DECLS

struct _ResellCategory
{
  GObject  parent_instance;

  char    *id;
  char    *name;
  char    *icon_name;
  char    *sku_code;
  char    *source;

  GArray  *shots;      /* of ResellShot */
  GArray  *questions;  /* of ResellCheckQuestion */
  GArray  *flaw_types; /* of ResellFlawType */
  GArray  *zones;      /* of ResellZone */
};

G_END_DECLS
