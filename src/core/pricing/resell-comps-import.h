/* resell-comps-import.h — comparable sales from CSV files and by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "catalog/resell-catalog-comps.h"

G_BEGIN_DECLS

#define RESELL_COMPS_IMPORT_ERROR (resell_comps_import_error_quark ())
typedef enum
{
  RESELL_COMPS_IMPORT_ERROR_BAD_ROWS,   /* the rows are listed in the problems */
  RESELL_COMPS_IMPORT_ERROR_BAD_HEADER, /* no header, or a required column missing */
  RESELL_COMPS_IMPORT_ERROR_BAD_MAPPING,
  RESELL_COMPS_IMPORT_ERROR_INVALID,    /* a comp entered by hand */
} ResellCompsImportError;
GQuark resell_comps_import_error_quark (void);

typedef struct
{
  /* "Header name=field" entries, NULL-terminated; NULL for the defaults
   * only.  Fields: brand, model, category, grade, price, currency, sold_at,
   * reference, ignore. */
  const char * const *mapping;
  /* For files without a currency (or category) column; NULL: required. */
  const char         *default_currency;
  const char         *default_category;
} ResellCompsImportOptions;

/* Reads every row of @path.  On success the comps (ResellComp, source
 * "csv", imported_from the file's name).  When any row is bad: NULL,
 * BAD_ROWS, and @problems (strings "line 4: …", one per bad row) filled. */
GPtrArray *resell_comps_read_csv     (const char                     *path,
                                      const ResellCompsImportOptions *options,
                                      GPtrArray                     **problems,
                                      GError                        **error);
/* Reads @path and inserts its rows in one transaction: all or nothing. */
gboolean   resell_comps_import_csv   (ResellCatalog                  *catalog,
                                      const char                     *path,
                                      const ResellCompsImportOptions *options,
                                      guint                          *n_imported,
                                      GPtrArray                     **problems,
                                      GError                        **error);
/* Checks @comp (currency, price, category, grade, source) and inserts it. */
gboolean   resell_comps_add_manual   (ResellCatalog                  *catalog,
                                      ResellComp                     *comp,
                                      GError                        **error);
/* "2026-11-23", an ISO 8601 date-time, or Unix seconds → Unix seconds. */
gboolean   resell_comps_parse_date   (const char                     *text,
                                      gint64                         *out);

G_END_DECLS
