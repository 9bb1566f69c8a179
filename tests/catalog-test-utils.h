/* catalog-test-utils.h — what the catalog's test programs share
 *
 * The fixture, raw SQLite access to catalog.db (to set up what an older
 * Resell left, or to check what was stored behind the catalog's back) and
 * items and photos inserted in one call.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "resell-core.h"

G_BEGIN_DECLS

/* A catalog opened in a new temporary folder. */
typedef struct
{
  char          *dir;
  ResellCatalog *catalog;
} ResellTestCatalogFixture;

void         resell_test_catalog_fixture_set_up    (ResellTestCatalogFixture *f,
                                                    gconstpointer             data);
void         resell_test_catalog_fixture_tear_down (ResellTestCatalogFixture *f,
                                                    gconstpointer             data);

/* Raw SQLite ------------------------------------------------------------- */

char        *resell_test_catalog_db_path           (const char *dir);
sqlite3     *resell_test_raw_open                  (const char *dir);
sqlite3     *resell_test_raw_open_at_version       (const char *dir,
                                                    int         version);
void         resell_test_raw_exec                  (sqlite3    *db,
                                                    const char *sql);
gint64       resell_test_raw_int                   (sqlite3    *db,
                                                    const char *sql);
char        *resell_test_raw_text                  (sqlite3    *db,
                                                    const char *sql);

/* Items and photos ------------------------------------------------------- */

ResellItem  *resell_test_insert_item               (ResellCatalog *catalog,
                                                    const char    *title);
ResellPhoto *resell_test_insert_photo              (ResellCatalog *catalog,
                                                    ResellItem    *item,
                                                    const char    *name,
                                                    const char    *sha256);
void         resell_test_assert_items_equal        (ResellItem    *a,
                                                    ResellItem    *b);
gboolean     resell_test_sku_has_shape             (const char    *sku,
                                                    const char    *prefix);

/* Signal counters -------------------------------------------------------- */

void         resell_test_count_signal_cb           (ResellCatalog *catalog,
                                                    gpointer       arg,
                                                    guint         *count);

G_END_DECLS
