/* resell-catalog-private.h — what the files of ResellCatalog share: the
 * instance, its statement cache, transactions and events.  Included by
 * resell-catalog*.c only; tests and bench tools use resell-catalog-hooks.h.
 *
 * The class is split by concern: resell-catalog.c (the object, opening,
 * statements, transactions and signals), resell-catalog-items.c,
 * resell-catalog-photos.c, resell-catalog-trash.c and
 * resell-catalog-schema.c (migrations).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "catalog/resell-catalog.h"
#include "catalog/resell-catalog-hooks.h"
#include "catalog/resell-item-private.h"

G_BEGIN_DECLS

struct _ResellCatalog
{
  GObject       parent_instance;

  char         *data_dir;
  char         *db_path;
  /* Interned: the getter's string stays valid whichever thread changes it. */
  const char   *sku_prefix;
  int           schema_version;

  /* Held around every use of @db.  SQLite's own mutex only protects single
   * calls; this one keeps a transaction's statements, and the error message
   * read after a failure, together.  Recursive so that the methods a
   * run_in_transaction() callback calls join its transaction. */
  GRecMutex     lock;
  sqlite3      *db;
  /* SQL literal → prepared statement: parsing was most of the cost of a
   * write. */
  GHashTable   *statements;
  guint         txn_depth;
  /* Signals owed by the open transaction: only sent once it commits, so
   * nobody hears of a change that is then rolled back. */
  GPtrArray    *pending;

  /* Committed events on their way to @context, in commit order. */
  GMainContext *context;
  GMutex        events_lock;
  GQueue        events;
  GSource      *events_source;
};

/* resell-catalog-schema.c */

/* Sets @error from an SQLite result code (extended codes welcome) and
 * returns FALSE.  @db may be NULL; @db_path names the file in messages. */
gboolean resell_catalog_set_sqlite_error (GError     **error,
                                          sqlite3     *db,
                                          int          rc,
                                          const char  *db_path);

/* resell-catalog.c: statements */

/* A statement from the catalog's cache.  Going out of scope resets it
 * rather than finalizing it: a statement left stepped would keep its read
 * transaction, and with it an old snapshot, open. */
typedef sqlite3_stmt ResellCatalogStmt;

void               resell_catalog_stmt_release     (ResellCatalogStmt  *stmt);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ResellCatalogStmt, resell_catalog_stmt_release)

/* The row functions return a new object for the row @stmt is on.  Typed
 * gpointer so that resell_catalog_step_rows() can call either without a
 * cast. */
typedef gpointer (*ResellCatalogRowFunc) (sqlite3_stmt *stmt);

gboolean           resell_catalog_sqlite_error     (ResellCatalog       *self,
                                                    int                  rc,
                                                    GError             **error);
ResellCatalogStmt *resell_catalog_prepare          (ResellCatalog       *self,
                                                    const char          *sql,
                                                    GError             **error);
gboolean           resell_catalog_step_done        (ResellCatalog       *self,
                                                    sqlite3_stmt        *stmt,
                                                    GError             **error);
const char        *resell_catalog_column_text      (sqlite3_stmt        *stmt,
                                                    int                  column);
GPtrArray         *resell_catalog_step_rows        (ResellCatalog       *self,
                                                    sqlite3_stmt        *stmt,
                                                    ResellCatalogRowFunc from_row,
                                                    GError             **error);

/* resell-catalog.c: transactions and the signals they owe */

typedef enum
{
  RESELL_CATALOG_EVENT_ADDED,
  RESELL_CATALOG_EVENT_CHANGED,
  RESELL_CATALOG_EVENT_REMOVED,
  RESELL_CATALOG_EVENT_FLAWS_CHANGED,  /* id is the item's */
} ResellCatalogEventKind;

void               resell_catalog_queue_event      (ResellCatalog          *self,
                                                    ResellCatalogEventKind  kind,
                                                    gint64                  id,
                                                    ResellItem             *item);
gboolean           resell_catalog_txn_begin        (ResellCatalog  *self,
                                                    guint          *mark,
                                                    GError        **error);
void               resell_catalog_txn_rollback     (ResellCatalog  *self,
                                                    guint           mark);
gboolean           resell_catalog_txn_commit       (ResellCatalog  *self,
                                                    guint           mark,
                                                    GError        **error);
gboolean           resell_catalog_txn_end          (ResellCatalog  *self,
                                                    guint           mark,
                                                    gboolean        ok,
                                                    GError        **error);

/* resell-catalog.c: time and folders */

gint64             resell_catalog_now_usec         (void);
char              *resell_catalog_dup_item_dir     (ResellCatalog  *self,
                                                    const char     *sku);

/* resell-catalog-items.c */

gboolean           resell_catalog_sku_is_valid     (const char     *sku);
gboolean           resell_catalog_check_sku        (const char     *sku,
                                                    GError        **error);
ResellItem        *resell_catalog_read_item        (ResellCatalog  *self,
                                                    gint64          id,
                                                    gboolean       *trashed,
                                                    GError        **error);
gboolean           resell_catalog_queue_item_event (ResellCatalog          *self,
                                                    ResellCatalogEventKind  kind,
                                                    gint64                  id,
                                                    GError                **error);

G_END_DECLS
