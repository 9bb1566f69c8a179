/* resell-catalog-comps.h — comparable sales kept in the catalog, and the
 * seller's asking price of each item
 *
 * The catalog stores amounts as they are written: integer minor units and
 * an ISO 4217 code.  Arithmetic on them belongs to pricing/resell-money.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "catalog/resell-catalog.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  id;              /* 0 until inserted */
  char   *source;          /* "csv", "manual" or "sale" */
  char   *category;
  char   *brand;
  char   *model;
  char   *grade;           /* a condition id ("very-good"), or "" when unknown */
  gint64  price_minor;     /* > 0 */
  char    currency[4];     /* ISO 4217 */
  gint64  sold_at;         /* Unix time, seconds, UTC */
  char   *reference;       /* listing URL or note, may be "" */
  char   *imported_from;   /* the CSV file's name, or "" */
  gint64  created_at;      /* Unix time, microseconds; set on insert */
} ResellComp;

#define RESELL_TYPE_COMP (resell_comp_get_type ())
GType       resell_comp_get_type (void) G_GNUC_CONST;
/* Every string "" and the source "manual". */
ResellComp *resell_comp_new      (void);
ResellComp *resell_comp_copy     (const ResellComp *comp);
void        resell_comp_free     (ResellComp       *comp);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ResellComp, resell_comp_free)

/* What to look up; NULL members match anything.  Names compare without
 * case.  Newest sale first; @limit 0 means no limit, @sold_after 0 no
 * lower bound on sold_at. */
typedef struct
{
  const char *currency;
  const char *category;
  const char *brand;
  const char *model;
  gint64      sold_after;
  guint       limit;
} ResellCompQuery;

/* Inserts all of @comps (ResellComp) in one transaction: all or none.
 * Sets each one's id and created_at. */
gboolean    resell_catalog_insert_comps  (ResellCatalog         *self,
                                          GPtrArray             *comps,
                                          GError               **error);
/* Element type ResellComp. */
GPtrArray  *resell_catalog_query_comps   (ResellCatalog         *self,
                                          const ResellCompQuery *query,
                                          GError               **error);
guint       resell_catalog_count_comps   (ResellCatalog         *self,
                                          GError               **error);

/* The asking price the seller set on item @item_id: *@has_price FALSE
 * when none is set.  NOT_FOUND for an unknown item. */
gboolean    resell_catalog_get_list_price (ResellCatalog  *self,
                                           gint64          item_id,
                                           gboolean       *has_price,
                                           gint64         *minor,
                                           char            currency[4],
                                           GError        **error);
/* Sets (or with @currency NULL, clears) the asking price; emits
 * item-changed. */
gboolean    resell_catalog_set_list_price (ResellCatalog  *self,
                                           gint64          item_id,
                                           gint64          minor,
                                           const char     *currency,
                                           GError        **error);

G_END_DECLS
