/* resell-catalog.c — the catalog object: opening, the connection with its
 * statement cache, transactions and the signals they send.  Items, photos
 * and the trash are in resell-catalog-items.c, -photos.c and -trash.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-catalog"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "catalog/resell-catalog-private.h"
#include "storage/resell-storage.h"

#define DEFAULT_SKU_PREFIX        "RS"
#define SKU_PREFIX_MAX_LEN        8
#define DEFAULT_BUSY_TIMEOUT_MSEC 5000

void
resell_catalog_stmt_release (ResellCatalogStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

static void
catalog_stmt_free (gpointer data)
{
  sqlite3_finalize (data);
}

typedef struct
{
  ResellCatalogEventKind  kind;
  gint64                  id;
  ResellItem             *item;
} Event;

G_DEFINE_FINAL_TYPE (ResellCatalog, resell_catalog, G_TYPE_OBJECT)

G_DEFINE_QUARK (resell-catalog-error-quark, resell_catalog_error)

enum {
  PROP_0,
  PROP_DATA_DIR,
  PROP_SKU_PREFIX,
  N_PROPS
};

enum {
  ITEM_ADDED,
  ITEM_CHANGED,
  ITEM_REMOVED,
  FLAWS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
event_free (gpointer data)
{
  Event *event = data;

  g_clear_object (&event->item);
  g_free (event);
}

static void
weak_ref_free (gpointer data)
{
  GWeakRef *ref = data;

  g_weak_ref_clear (ref);
  g_free (ref);
}

gboolean
resell_catalog_sqlite_error (ResellCatalog  *self,
                             int             rc,
                             GError        **error)
{
  return resell_catalog_set_sqlite_error (error, self->db, rc, self->db_path);
}

static char *
sanitize_sku_prefix (const char *prefix)
{
  GString *str = g_string_new (NULL);

  for (const char *p = prefix; p != NULL && *p != '\0' && str->len < SKU_PREFIX_MAX_LEN; p++)
    {
      char c = g_ascii_toupper (*p);

      if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        g_string_append_c (str, c);
    }

  if (str->len == 0)
    g_string_append (str, DEFAULT_SKU_PREFIX);

  return g_string_free (str, FALSE);
}

/* @sql must be a string literal: it is the cache key. */
ResellCatalogStmt *
resell_catalog_prepare (ResellCatalog  *self,
                        const char     *sql,
                        GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      /* Two users of one statement at once would reset each other. */
      if (sqlite3_stmt_busy (stmt))
        {
          g_critical ("Catalog statement used while still running: %s", sql);
          g_set_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_FAILED,
                       _("The catalog ran into an internal error."));
          return NULL;
        }

      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      resell_catalog_sqlite_error (self, rc, error);
      sqlite3_finalize (stmt);
      return NULL;
    }

  g_hash_table_insert (self->statements, (gpointer) sql, stmt);

  return stmt;
}

gboolean
resell_catalog_step_done (ResellCatalog  *self,
                          sqlite3_stmt   *stmt,
                          GError        **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE)
    return TRUE;

  return resell_catalog_sqlite_error (self, rc, error);
}

static gboolean
exec_sql (ResellCatalog  *self,
          const char     *sql,
          GError        **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc == SQLITE_OK)
    return TRUE;

  return resell_catalog_sqlite_error (self, rc, error);
}

const char *
resell_catalog_column_text (sqlite3_stmt *stmt,
                            int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

/* Steps @stmt through all its rows, one object per row.  NULL with @error
 * set when SQLite fails part-way: a partial list would look complete. */
GPtrArray *
resell_catalog_step_rows (ResellCatalog  *self,
                          sqlite3_stmt   *stmt,
                          ResellCatalogRowFunc         from_row,
                          GError        **error)
{
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (objects, from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      resell_catalog_sqlite_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&objects);
}

/* Signals: queued while the transaction is open, handed to the listening
 * main context after the commit.  An idle source rather than
 * g_main_context_invoke_full(): the latter calls straight through when the
 * writing thread manages to acquire the context, which would emit on a
 * worker thread whenever the main loop happens to be between iterations. */

static gboolean
dispatch_events_cb (gpointer data)
{
  g_autoptr(ResellCatalog) self = g_weak_ref_get (data);
  GQueue events = G_QUEUE_INIT;
  Event *event;

  if (self == NULL)
    return G_SOURCE_REMOVE;

  g_mutex_lock (&self->events_lock);
  events = self->events;
  g_queue_init (&self->events);
  g_clear_pointer (&self->events_source, g_source_unref);
  g_mutex_unlock (&self->events_lock);

  while ((event = g_queue_pop_head (&events)) != NULL)
    {
      switch (event->kind)
        {
        case RESELL_CATALOG_EVENT_ADDED:
          g_signal_emit (self, signals[ITEM_ADDED], 0, event->item);
          break;
        case RESELL_CATALOG_EVENT_CHANGED:
          g_signal_emit (self, signals[ITEM_CHANGED], 0, event->item);
          break;
        case RESELL_CATALOG_EVENT_REMOVED:
          g_signal_emit (self, signals[ITEM_REMOVED], 0, event->id);
          break;
        case RESELL_CATALOG_EVENT_FLAWS_CHANGED:
          g_signal_emit (self, signals[FLAWS_CHANGED], 0, event->id);
          break;
        default:
          g_assert_not_reached ();
        }

      event_free (event);
    }

  return G_SOURCE_REMOVE;
}

/* Called with the lock held, right after the outermost commit. */
static void
send_pending_events (ResellCatalog *self)
{
  gpointer *events;
  gsize n_events = 0;

  if (self->pending->len == 0)
    return;

  events = g_ptr_array_steal (self->pending, &n_events);

  g_mutex_lock (&self->events_lock);

  for (gsize i = 0; i < n_events; i++)
    g_queue_push_tail (&self->events, events[i]);

  if (self->events_source == NULL)
    {
      GWeakRef *ref = g_new0 (GWeakRef, 1);

      /* Weak, so that undelivered signals never keep a catalog alive. */
      g_weak_ref_init (ref, self);

      self->events_source = g_idle_source_new ();
      g_source_set_priority (self->events_source, G_PRIORITY_DEFAULT);
      g_source_set_callback (self->events_source, dispatch_events_cb, ref, weak_ref_free);
      g_source_set_static_name (self->events_source, "[resell] catalog signals");
      g_source_attach (self->events_source, self->context);
    }

  g_mutex_unlock (&self->events_lock);

  g_free (events);
}

void
resell_catalog_queue_event (ResellCatalog *self,
                            ResellCatalogEventKind      kind,
                            gint64         id,
                            ResellItem    *item)
{
  Event *event = g_new0 (Event, 1);

  event->kind = kind;
  event->id = id;
  event->item = item;

  g_ptr_array_add (self->pending, event);
}

/* Transactions.  resell_catalog_txn_begin() takes the lock and resell_catalog_txn_commit() or
 * resell_catalog_txn_rollback() gives it back; nested calls become savepoints. */

gboolean
resell_catalog_txn_begin (ResellCatalog  *self,
                          guint          *mark,
                          GError        **error)
{
  int rc;

  g_rec_mutex_lock (&self->lock);

  /* IMMEDIATE takes the write lock now (waiting up to the busy timeout)
   * instead of failing halfway through when another process writes. */
  rc = sqlite3_exec (self->db,
                     self->txn_depth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT nested",
                     NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      resell_catalog_sqlite_error (self, rc, error);
      g_rec_mutex_unlock (&self->lock);
      return FALSE;
    }

  self->txn_depth++;
  *mark = self->pending->len;

  return TRUE;
}

void
resell_catalog_txn_rollback (ResellCatalog *self,
                             guint          mark)
{
  g_assert (self->txn_depth > 0);

  self->txn_depth--;

  if (self->txn_depth > 0)
    sqlite3_exec (self->db, "ROLLBACK TO nested; RELEASE nested", NULL, NULL, NULL);
  else if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);

  if (self->pending->len > mark)
    g_ptr_array_remove_range (self->pending, mark, self->pending->len - mark);

  g_rec_mutex_unlock (&self->lock);
}

gboolean
resell_catalog_txn_commit (ResellCatalog  *self,
                           guint           mark,
                           GError        **error)
{
  int rc;

  g_assert (self->txn_depth > 0);

  rc = sqlite3_exec (self->db,
                     self->txn_depth == 1 ? "COMMIT" : "RELEASE nested",
                     NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      resell_catalog_sqlite_error (self, rc, error);
      resell_catalog_txn_rollback (self, mark);
      return FALSE;
    }

  self->txn_depth--;

  if (self->txn_depth == 0)
    send_pending_events (self);

  g_rec_mutex_unlock (&self->lock);

  return TRUE;
}

/* Ends what resell_catalog_txn_begin() started, given whether the work done in it
 * succeeded: commits when @ok, else rolls back and leaves @error as the
 * work set it.  So a write method reads resell_catalog_txn_begin(), then resell_catalog_txn_end() around
 * its *_locked() step. */
gboolean
resell_catalog_txn_end (ResellCatalog  *self,
                        guint           mark,
                        gboolean        ok,
                        GError        **error)
{
  if (!ok)
    {
      resell_catalog_txn_rollback (self, mark);
      return FALSE;
    }

  return resell_catalog_txn_commit (self, mark, error);
}

gboolean
resell_catalog_run_in_transaction (ResellCatalog                 *self,
                                   ResellCatalogTransactionFunc   func,
                                   gpointer                       user_data,
                                   GError                       **error)
{
  guint mark;

  g_return_val_if_fail (RESELL_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (!resell_catalog_txn_begin (self, &mark, error))
    return FALSE;

  return resell_catalog_txn_end (self, mark, func (self, user_data, error), error);
}

void
resell_catalog_set_busy_timeout (ResellCatalog *self,
                                 int            msec)
{
  g_return_if_fail (RESELL_IS_CATALOG (self));

  g_rec_mutex_lock (&self->lock);
  sqlite3_busy_timeout (self->db, msec);
  g_rec_mutex_unlock (&self->lock);
}

/* Strictly increasing within the process, so that "newest update first" is
 * the order of the writes even when two land in the same microsecond. */
gint64
resell_catalog_now_usec (void)
{
  static gint64 last;
  static GMutex mutex;
  gint64 now = g_get_real_time ();

  g_mutex_lock (&mutex);
  if (now <= last)
    now = last + 1;
  last = now;
  g_mutex_unlock (&mutex);

  return now;
}

static gboolean
ensure_directory (const char  *path,
                  GError     **error)
{
  int errsv;

  if (g_mkdir_with_parents (path, 0700) == 0)
    return TRUE;

  errsv = errno;
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
               _("The folder “%s” could not be created: %s."),
               path, g_strerror (errsv));

  return FALSE;
}

/* The folder @name in @parent, created unless it is there.  A new folder is
 * an entry of @parent, which a power cut can forget even after the files
 * inside were synced: @parent is synced before anyone relies on it. */
static char *
ensure_subdirectory (const char  *parent,
                     const char  *name,
                     GError     **error)
{
  g_autofree char *path = g_build_filename (parent, name, NULL);
  int errsv;

  if (g_mkdir (path, 0700) == 0)
    {
      if (!resell_storage_sync_folder (parent, error))
        return NULL;

      return g_steal_pointer (&path);
    }

  errsv = errno;
  if (errsv == EEXIST)
    {
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        return g_steal_pointer (&path);
      errsv = ENOTDIR;
    }

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
               _("The folder “%s” could not be created: %s."),
               path, g_strerror (errsv));

  return NULL;
}

char *
resell_catalog_dup_item_dir (ResellCatalog *self,
                             const char    *sku)
{
  return g_build_filename (self->data_dir, "items", sku, NULL);
}

/* GObject */

static void
resell_catalog_finalize (GObject *object)
{
  ResellCatalog *self = (ResellCatalog *)object;

  if (self->events_source != NULL)
    {
      g_source_destroy (self->events_source);
      g_clear_pointer (&self->events_source, g_source_unref);
    }
  g_queue_clear_full (&self->events, event_free);
  g_mutex_clear (&self->events_lock);

  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_pointer (&self->statements, g_hash_table_unref);

  if (self->db != NULL)
    {
      /* sqlite3_close() refuses while statements are open; close_v2 would
       * hide such a leak, so it is reported instead. */
      if (sqlite3_close (self->db) != SQLITE_OK)
        g_critical ("Catalog %s closed with statements still open", self->db_path);
      self->db = NULL;
    }
  g_rec_mutex_clear (&self->lock);

  g_clear_pointer (&self->context, g_main_context_unref);
  g_free (self->data_dir);
  g_free (self->db_path);

  G_OBJECT_CLASS (resell_catalog_parent_class)->finalize (object);
}

static void
resell_catalog_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ResellCatalog *self = RESELL_CATALOG (object);

  switch (prop_id)
    {
    case PROP_DATA_DIR:
      g_value_set_string (value, self->data_dir);
      break;
    case PROP_SKU_PREFIX:
      g_value_set_string (value, self->sku_prefix);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_catalog_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  ResellCatalog *self = RESELL_CATALOG (object);

  switch (prop_id)
    {
    case PROP_DATA_DIR:
      {
        const char *dir = g_value_get_string (value);
        g_autofree char *fallback = NULL;

        if (dir == NULL)
          dir = fallback = resell_catalog_dup_default_data_dir ();

        /* Canonical, so photo paths inside it are recognised. */
        self->data_dir = g_canonicalize_filename (dir, NULL);
      }
      break;
    case PROP_SKU_PREFIX:
      resell_catalog_set_sku_prefix (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_catalog_class_init (ResellCatalogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = resell_catalog_finalize;
  object_class->get_property = resell_catalog_get_property;
  object_class->set_property = resell_catalog_set_property;

  properties[PROP_DATA_DIR] =
    g_param_spec_string ("data-dir", "Data dir", NULL, NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_SKU_PREFIX] =
    g_param_spec_string ("sku-prefix", "SKU prefix", NULL, DEFAULT_SKU_PREFIX,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ITEM_ADDED] =
    g_signal_new ("item-added",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, RESELL_TYPE_ITEM);

  signals[ITEM_CHANGED] =
    g_signal_new ("item-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, RESELL_TYPE_ITEM);

  signals[ITEM_REMOVED] =
    g_signal_new ("item-removed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  signals[FLAWS_CHANGED] =
    g_signal_new ("flaws-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
resell_catalog_init (ResellCatalog *self)
{
  g_rec_mutex_init (&self->lock);
  g_mutex_init (&self->events_lock);
  g_queue_init (&self->events);
  self->pending = g_ptr_array_new_with_free_func (event_free);
  self->statements = g_hash_table_new_full (NULL, NULL, NULL, catalog_stmt_free);
  self->sku_prefix = g_intern_static_string (DEFAULT_SKU_PREFIX);
}

/* Opening */

char *
resell_catalog_dup_default_data_dir (void)
{
  const char *dir = g_getenv ("RESELL_DATA_DIR");

  if (dir != NULL && dir[0] != '\0')
    return g_strdup (dir);

  return g_build_filename (g_get_user_data_dir (), "resell", NULL);
}

static gboolean
catalog_open_db (ResellCatalog  *self,
                 GError        **error)
{
  g_autoptr(ResellCatalogStmt) stmt = NULL;
  int rc;

  if (!ensure_directory (self->data_dir, error))
    return FALSE;

  self->db_path = g_build_filename (self->data_dir, "catalog.db", NULL);

  rc = sqlite3_open_v2 (self->db_path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    return resell_catalog_sqlite_error (self, rc, error);

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, DEFAULT_BUSY_TIMEOUT_MSEC);

  /* The first statement that reads the file: a damaged or foreign file is
   * recognised here, before anything is written to it. */
  stmt = resell_catalog_prepare (self, "PRAGMA journal_mode = WAL", error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return resell_catalog_sqlite_error (self, rc, error);

  if (g_strcmp0 (resell_catalog_column_text (stmt, 0), "wal") != 0)
    g_debug ("Catalog %s runs in journal mode %s: readers will wait for writers",
             self->db_path, resell_catalog_column_text (stmt, 0));

  g_clear_pointer (&stmt, resell_catalog_stmt_release);

  /* FULL: an item the seller saw saved survives a power cut, worth the
   * fsync per commit at the rate items are edited. */
  if (!exec_sql (self, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;", error))
    return FALSE;

  return resell_catalog_schema_migrate (self->db, self->db_path,
                                        RESELL_CATALOG_SCHEMA_VERSION,
                                        &self->schema_version, error);
}

/* A save killed midway (the app or resell-cli killed during a camera
 * download or an import) leaves its hidden temporary file in the item's
 * originals, where nothing else would ever remove it.  Swept at every open,
 * on the opening thread (a worker for resell_catalog_open_async()); only
 * files old enough that no live save can own them go (see
 * resell_storage_sweep_temp_files()).  Best effort: never fails the open. */
static int
resell_catalog_compare_names (gconstpointer a,
                              gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
sweep_temp_files (ResellCatalog *self)
{
  g_autofree char *items_dir = g_build_filename (self->data_dir, "items", NULL);
  g_autoptr(GDir) dir = g_dir_open (items_dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    return;

  /* In SKU order, so the log reads the same on every file system. */
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, resell_catalog_compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *originals = g_build_filename (items_dir, g_ptr_array_index (names, i),
                                                     "originals", NULL);
      g_autoptr(GError) error = NULL;

      if (!resell_storage_sweep_temp_files (originals, RESELL_STORAGE_TEMP_MAX_AGE_SECONDS,
                                            NULL, &error) &&
          !g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR))
        g_debug ("Could not look for unfinished saves in %s: %s", originals, error->message);
    }
}

static ResellCatalog *
catalog_open (const char    *data_dir,
              GMainContext  *context,
              GError       **error)
{
  g_autoptr(ResellCatalog) self = NULL;

  self = g_object_new (RESELL_TYPE_CATALOG, "data-dir", data_dir, NULL);
  self->context = g_main_context_ref (context);

  if (!catalog_open_db (self, error))
    return NULL;

  sweep_temp_files (self);

  return g_steal_pointer (&self);
}

ResellCatalog *
resell_catalog_open (const char  *data_dir,
                     GError     **error)
{
  g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return catalog_open (data_dir, context, error);
}

typedef struct
{
  char         *data_dir;
  GMainContext *context;
} OpenData;

static void
open_data_free (gpointer data)
{
  OpenData *open_data = data;

  g_free (open_data->data_dir);
  g_main_context_unref (open_data->context);
  g_free (open_data);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenData *data = task_data;
  GError *error = NULL;
  ResellCatalog *catalog;

  if (g_task_return_error_if_cancelled (task))
    return;

  catalog = catalog_open (data->data_dir, data->context, &error);
  if (catalog == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, catalog, g_object_unref);
}

void
resell_catalog_open_async (const char          *data_dir,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  OpenData *data;

  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (OpenData, 1);
  data->data_dir = g_strdup (data_dir);
  /* Signals go to the caller's context, not to the worker's. */
  data->context = g_main_context_ref_thread_default ();

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, resell_catalog_open_async);
  g_task_set_task_data (task, data, open_data_free);
  g_task_run_in_thread (task, open_thread);
}

ResellCatalog *
resell_catalog_open_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

int
resell_catalog_get_synchronous (ResellCatalog *self)
{
  sqlite3_stmt *stmt = NULL;
  int value = -1;

  g_return_val_if_fail (RESELL_IS_CATALOG (self), -1);

  g_rec_mutex_lock (&self->lock);
  if (sqlite3_prepare_v2 (self->db, "PRAGMA synchronous", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  g_rec_mutex_unlock (&self->lock);

  return value;
}

/* Accessors */

const char *
resell_catalog_get_data_dir (ResellCatalog *self)
{
  g_return_val_if_fail (RESELL_IS_CATALOG (self), NULL);

  return self->data_dir;
}

const char *
resell_catalog_get_sku_prefix (ResellCatalog *self)
{
  g_return_val_if_fail (RESELL_IS_CATALOG (self), NULL);

  return self->sku_prefix;
}

void
resell_catalog_set_sku_prefix (ResellCatalog *self,
                               const char    *prefix)
{
  g_autofree char *sanitized = NULL;
  const char *interned;

  g_return_if_fail (RESELL_IS_CATALOG (self));

  sanitized = sanitize_sku_prefix (prefix);
  interned = g_intern_string (sanitized);

  /* Under the lock so an insert never generates a SKU half-way through a
   * change of prefix. */
  g_rec_mutex_lock (&self->lock);
  if (interned == self->sku_prefix)
    {
      g_rec_mutex_unlock (&self->lock);
      return;
    }
  self->sku_prefix = interned;
  g_rec_mutex_unlock (&self->lock);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SKU_PREFIX]);
}

int
resell_catalog_get_schema_version (ResellCatalog *self)
{
  g_return_val_if_fail (RESELL_IS_CATALOG (self), 0);

  return self->schema_version;
}

char *
resell_catalog_dup_originals_dir (ResellCatalog  *self,
                                  const char     *sku,
                                  GError        **error)
{
  g_autofree char *items_dir = NULL;
  g_autofree char *item_dir = NULL;

  g_return_val_if_fail (RESELL_IS_CATALOG (self), NULL);

  if (!resell_catalog_check_sku (sku, error))
    return NULL;

  /* One level at a time, so that each new folder is synced in its parent:
   * a photo's row must never outlive the folder that holds the photo. */
  if (!ensure_directory (self->data_dir, error))
    return NULL;
  items_dir = ensure_subdirectory (self->data_dir, "items", error);
  if (items_dir == NULL)
    return NULL;
  item_dir = ensure_subdirectory (items_dir, sku, error);
  if (item_dir == NULL)
    return NULL;

  return ensure_subdirectory (item_dir, "originals", error);
}
