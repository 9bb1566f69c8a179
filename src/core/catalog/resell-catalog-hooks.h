/* resell-catalog-hooks.h — the few catalog hooks that tests and bench
 * tools need.  Not for the app.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "catalog/resell-catalog.h"

G_BEGIN_DECLS

/* resell-catalog-schema.c */

/* Brings @db up to @target_version (at most RESELL_CATALOG_SCHEMA_VERSION),
 * one step per transaction, and stores the version reached in
 * @out_version.  Fails with TOO_NEW when the file is already past what this
 * build knows.  Tests use a lower @target_version to build a database as an
 * older Resell left it. */
gboolean resell_catalog_schema_migrate   (sqlite3     *db,
                                          const char  *db_path,
                                          int          target_version,
                                          int         *out_version,
                                          GError     **error);

/* resell-catalog.c */

typedef gboolean (*ResellCatalogTransactionFunc) (ResellCatalog  *self,
                                                  gpointer        user_data,
                                                  GError        **error);

/* Runs @func inside one write transaction: the catalog's methods called by
 * @func join it (nested as savepoints), it commits when @func returns TRUE
 * and rolls back otherwise.  Signals for the work done are emitted only
 * once it is committed.  Used for bulk fills and by the crash test. */
gboolean resell_catalog_run_in_transaction (ResellCatalog                 *self,
                                            ResellCatalogTransactionFunc   func,
                                            gpointer                       user_data,
                                            GError                       **error);

/* How long a write waits for another process's transaction (default 5 s). */
void     resell_catalog_set_busy_timeout   (ResellCatalog *self,
                                            int            msec);

/* The connection's PRAGMA synchronous (0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA),
 * or -1 if it cannot be read.  A per-connection setting: only the catalog's
 * own connection can tell what it runs with. */
int      resell_catalog_get_synchronous    (ResellCatalog *self);

G_END_DECLS
