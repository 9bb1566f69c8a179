/* resell-catalog.c
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
#define SKU_MAX_CHARS             64
#define DEFAULT_BUSY_TIMEOUT_MSEC 5000

/* A statement from the catalog's cache.  Going out of scope resets it
 * rather than finalizing it: a statement left stepped would keep its read
 * transaction, and with it an old snapshot, open. */
typedef sqlite3_stmt CatalogStmt;

static void
catalog_stmt_release (CatalogStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CatalogStmt, catalog_stmt_release)

static void
catalog_stmt_free (gpointer data)
{
  sqlite3_finalize (data);
}

typedef enum
{
  EVENT_ADDED,
  EVENT_CHANGED,
  EVENT_REMOVED,
} EventKind;

typedef struct
{
  EventKind   kind;
  gint64      id;
  ResellItem *item;
} Event;

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
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The columns item_from_row() reads, in order.  The photo count and cover
 * come from the same row so that listing 10,000 items is one query. */
#define ITEM_COLUMNS \
  "i.id, i.sku, i.category, i.brand, i.model, i.title, i.size, i.colour, " \
  "i.material, i.notes, i.consignor, i.state, i.created_at, i.updated_at, " \
  "(SELECT count(*) FROM photos n WHERE n.item_id = i.id), " \
  "c.path, c.sha256, i.trashed_at IS NOT NULL "

#define ITEM_FROM \
  "FROM items i " \
  "LEFT JOIN photos c ON c.id = (SELECT f.id FROM photos f WHERE f.item_id = i.id " \
  "                              ORDER BY f.position, f.id LIMIT 1) "

/* The columns photo_from_row() reads, in order. */
#define PHOTO_COLUMNS \
  "id, item_id, slot, position, path, original_name, sha256, width, height, " \
  "captured_at, camera_model, checks, added_at, edits "

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

static gboolean
catalog_sqlite_error (ResellCatalog  *self,
                      int             rc,
                      GError        **error)
{
  return resell_catalog_set_sqlite_error (error, self->db, rc, self->db_path);
}

static gboolean
set_not_found_item (gint64   id,
                    GError **error)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  g_set_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_NOT_FOUND,
               _("Item %s is not in the catalog."), number);

  return FALSE;
}

static gboolean
sku_is_valid (const char *sku)
{
  /* The SKU names the item's folder, so it must be one harmless path
   * component whatever the user typed. */
  if (sku == NULL || sku[0] == '\0' || sku[0] == '.')
    return FALSE;

  if (!g_utf8_validate (sku, -1, NULL) || g_utf8_strlen (sku, -1) > SKU_MAX_CHARS)
    return FALSE;

  for (const char *p = sku; *p != '\0'; p++)
    {
      if (*p == '/' || *p == '\\' || (guchar) *p < 0x20 || *p == 0x7f)
        return FALSE;
    }

  return TRUE;
}

static gboolean
check_sku (const char  *sku,
           GError     **error)
{
  if (sku_is_valid (sku))
    return TRUE;

  g_set_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_FAILED,
               _("“%s” cannot be used as a SKU. A SKU names the item’s folder, so it "
                 "must not be empty or longer than %d characters, start with a dot, "
                 "or contain slashes or control characters."),
               sku != NULL ? sku : "", SKU_MAX_CHARS);

  return FALSE;
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

/* Stored absolute and canonical (as the header promises, and as tools that
 * read catalog.db expect), so that a SKU change can rewrite the prefix. */
static char *
path_to_stored (const char *path)
{
  return g_canonicalize_filename (path, NULL);
}

/* @sql must be a string literal: it is the cache key. */
static CatalogStmt *
prepare (ResellCatalog  *self,
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
      catalog_sqlite_error (self, rc, error);
      sqlite3_finalize (stmt);
      return NULL;
    }

  g_hash_table_insert (self->statements, (gpointer) sql, stmt);

  return stmt;
}

static gboolean
step_done (ResellCatalog  *self,
           sqlite3_stmt   *stmt,
           GError        **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE)
    return TRUE;

  return catalog_sqlite_error (self, rc, error);
}

static gboolean
exec_sql (ResellCatalog  *self,
          const char     *sql,
          GError        **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc == SQLITE_OK)
    return TRUE;

  return catalog_sqlite_error (self, rc, error);
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

/* The row functions return a new object for the row @stmt is on.  Typed
 * gpointer so that step_rows() can call either without a cast. */
typedef gpointer (*RowFunc) (sqlite3_stmt *stmt);

/* A ResellItem from a row of ITEM_COLUMNS. */
static gpointer
item_from_row (sqlite3_stmt *stmt)
{
  ResellItemFields fields = {
    .id = sqlite3_column_int64 (stmt, 0),
    .sku = column_text (stmt, 1),
    .category = column_text (stmt, 2),
    .brand = column_text (stmt, 3),
    .model = column_text (stmt, 4),
    .title = column_text (stmt, 5),
    .size = column_text (stmt, 6),
    .colour = column_text (stmt, 7),
    .material = column_text (stmt, 8),
    .notes = column_text (stmt, 9),
    .consignor = column_text (stmt, 10),
    .state = RESELL_ITEM_STATE_DRAFT,
    .created_at = sqlite3_column_int64 (stmt, 12),
    .updated_at = sqlite3_column_int64 (stmt, 13),
    .photo_count = (guint) sqlite3_column_int64 (stmt, 14),
    .cover_path = column_text (stmt, 15),
    .cover_sha256 = column_text (stmt, 16),
  };

  if (!resell_item_state_from_string (column_text (stmt, 11), &fields.state))
    g_debug ("Item %" G_GINT64_FORMAT " has an unknown state “%s”; shown as a draft",
             fields.id, column_text (stmt, 11));

  return resell_item_new_from_fields (&fields);
}

static gboolean
item_row_is_trashed (sqlite3_stmt *stmt)
{
  return sqlite3_column_int (stmt, 17) != 0;
}

/* A ResellPhoto from a row of PHOTO_COLUMNS. */
static gpointer
photo_from_row (sqlite3_stmt *stmt)
{
  ResellPhoto *photo = resell_photo_new ();

  resell_photo_set_id (photo, sqlite3_column_int64 (stmt, 0));
  resell_photo_set_item_id (photo, sqlite3_column_int64 (stmt, 1));
  resell_photo_set_slot (photo, column_text (stmt, 2));
  resell_photo_set_position (photo, sqlite3_column_int (stmt, 3));
  resell_photo_set_path (photo, column_text (stmt, 4));
  resell_photo_set_original_name (photo, column_text (stmt, 5));
  resell_photo_set_sha256 (photo, column_text (stmt, 6));
  resell_photo_set_width (photo, sqlite3_column_int (stmt, 7));
  resell_photo_set_height (photo, sqlite3_column_int (stmt, 8));
  resell_photo_set_captured_at (photo, sqlite3_column_int64 (stmt, 9));
  resell_photo_set_camera_model (photo, column_text (stmt, 10));
  resell_photo_set_checks (photo, column_text (stmt, 11));
  resell_photo_set_added_at (photo, sqlite3_column_int64 (stmt, 12));
  resell_photo_set_edits (photo, column_text (stmt, 13));

  return photo;
}

/* Steps @stmt through all its rows, one object per row.  NULL with @error
 * set when SQLite fails part-way: a partial list would look complete. */
static GPtrArray *
step_rows (ResellCatalog  *self,
           sqlite3_stmt   *stmt,
           RowFunc         from_row,
           GError        **error)
{
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (objects, from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      catalog_sqlite_error (self, rc, error);
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
        case EVENT_ADDED:
          g_signal_emit (self, signals[ITEM_ADDED], 0, event->item);
          break;
        case EVENT_CHANGED:
          g_signal_emit (self, signals[ITEM_CHANGED], 0, event->item);
          break;
        case EVENT_REMOVED:
          g_signal_emit (self, signals[ITEM_REMOVED], 0, event->id);
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

static void
queue_event (ResellCatalog *self,
             EventKind      kind,
             gint64         id,
             ResellItem    *item)
{
  Event *event = g_new0 (Event, 1);

  event->kind = kind;
  event->id = id;
  event->item = item;

  g_ptr_array_add (self->pending, event);
}

/* Transactions.  txn_begin() takes the lock and txn_commit() or
 * txn_rollback() gives it back; nested calls become savepoints. */

static gboolean
txn_begin (ResellCatalog  *self,
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
      catalog_sqlite_error (self, rc, error);
      g_rec_mutex_unlock (&self->lock);
      return FALSE;
    }

  self->txn_depth++;
  *mark = self->pending->len;

  return TRUE;
}

static void
txn_rollback (ResellCatalog *self,
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

static gboolean
txn_commit (ResellCatalog  *self,
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
      catalog_sqlite_error (self, rc, error);
      txn_rollback (self, mark);
      return FALSE;
    }

  self->txn_depth--;

  if (self->txn_depth == 0)
    send_pending_events (self);

  g_rec_mutex_unlock (&self->lock);

  return TRUE;
}

/* Ends what txn_begin() started, given whether the work done in it
 * succeeded: commits when @ok, else rolls back and leaves @error as the
 * work set it.  So a write method reads txn_begin(), then txn_end() around
 * its *_locked() step. */
static gboolean
txn_end (ResellCatalog  *self,
         guint           mark,
         gboolean        ok,
         GError        **error)
{
  if (!ok)
    {
      txn_rollback (self, mark);
      return FALSE;
    }

  return txn_commit (self, mark, error);
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

  if (!txn_begin (self, &mark, error))
    return FALSE;

  return txn_end (self, mark, func (self, user_data, error), error);
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

/* Reads one item, photo count and cover included, trashed or not. */
static ResellItem *
read_item (ResellCatalog  *self,
           gint64          id,
           gboolean       *trashed,
           GError        **error)
{
  g_autoptr(CatalogStmt) stmt = NULL;
  int rc;

  stmt = prepare (self, "SELECT " ITEM_COLUMNS ITEM_FROM "WHERE i.id = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (trashed != NULL)
        *trashed = item_row_is_trashed (stmt);

      return item_from_row (stmt);
    }

  if (rc == SQLITE_DONE)
    set_not_found_item (id, error);
  else
    catalog_sqlite_error (self, rc, error);

  return NULL;
}

/* Queues item-added or item-changed with the item as now stored.  Changes to
 * trashed items stay silent: to listeners they are gone. */
static gboolean
queue_item_event (ResellCatalog  *self,
                  EventKind       kind,
                  gint64          id,
                  GError        **error)
{
  gboolean trashed = FALSE;
  ResellItem *item;

  item = read_item (self, id, &trashed, error);
  if (item == NULL)
    return FALSE;

  if (trashed)
    {
      g_object_unref (item);
      return TRUE;
    }

  queue_event (self, kind, id, item);

  return TRUE;
}

static gboolean
touch_item (ResellCatalog  *self,
            gint64          id,
            gint64          now,
            GError        **error)
{
  g_autoptr(CatalogStmt) stmt = NULL;

  stmt = prepare (self, "UPDATE items SET updated_at = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, now);

  return step_done (self, stmt, error);
}

/* Strictly increasing within the process, so that "newest update first" is
 * the order of the writes even when two land in the same microsecond. */
static gint64
now_usec (void)
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

static char *
dup_item_dir (ResellCatalog *self,
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
  g_autoptr(CatalogStmt) stmt = NULL;
  int rc;

  if (!ensure_directory (self->data_dir, error))
    return FALSE;

  self->db_path = g_build_filename (self->data_dir, "catalog.db", NULL);

  rc = sqlite3_open_v2 (self->db_path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    return catalog_sqlite_error (self, rc, error);

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, DEFAULT_BUSY_TIMEOUT_MSEC);

  /* The first statement that reads the file: a damaged or foreign file is
   * recognised here, before anything is written to it. */
  stmt = prepare (self, "PRAGMA journal_mode = WAL", error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return catalog_sqlite_error (self, rc, error);

  if (g_strcmp0 (column_text (stmt, 0), "wal") != 0)
    g_debug ("Catalog %s runs in journal mode %s: readers will wait for writers",
             self->db_path, column_text (stmt, 0));

  g_clear_pointer (&stmt, catalog_stmt_release);

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
static void
sweep_temp_files (ResellCatalog *self)
{
  g_autofree char *items_dir = g_build_filename (self->data_dir, "items", NULL);
  g_autoptr(GDir) dir = g_dir_open (items_dir, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *originals = g_build_filename (items_dir, name, "originals", NULL);
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

  if (!check_sku (sku, error))
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

/* Items */

/* "<prefix>-<YYMMDD>-<NNN>" with the seller's local date.  The counter lives
 * in the database, inside the insert's transaction, so two processes never
 * hand out the same number and a deleted item's number is never reused. */
static char *
generate_sku (ResellCatalog  *self,
              gint64          now,
              GError        **error)
{
  g_autoptr(CatalogStmt) seed = NULL;
  g_autoptr(CatalogStmt) read = NULL;
  g_autoptr(CatalogStmt) taken = NULL;
  g_autoptr(CatalogStmt) save = NULL;
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *day = NULL;
  gint64 next;
  int rc;

  date = g_date_time_new_from_unix_local (now / G_USEC_PER_SEC);
  day = g_date_time_format (date, "%y%m%d");

  seed = prepare (self, "INSERT INTO sku_counters (day, next) VALUES (?1, 1) "
                        "ON CONFLICT (day) DO NOTHING", error);
  read = prepare (self, "SELECT next FROM sku_counters WHERE day = ?1", error);
  taken = prepare (self, "SELECT 1 FROM items WHERE sku = ?1", error);
  save = prepare (self, "UPDATE sku_counters SET next = ?2 WHERE day = ?1", error);
  if (seed == NULL || read == NULL || taken == NULL || save == NULL)
    return NULL;

  sqlite3_bind_text (seed, 1, day, -1, SQLITE_STATIC);
  if (!step_done (self, seed, error))
    return NULL;

  sqlite3_bind_text (read, 1, day, -1, SQLITE_STATIC);
  rc = sqlite3_step (read);
  if (rc != SQLITE_ROW)
    {
      catalog_sqlite_error (self, rc, error);
      return NULL;
    }
  next = MAX (sqlite3_column_int64 (read, 0), 1);

  /* A SKU typed by hand may already use the next number: skip past it. */
  for (;; next++)
    {
      g_autofree char *sku = g_strdup_printf ("%s-%s-%03" G_GINT64_FORMAT,
                                              self->sku_prefix, day, next);

      sqlite3_reset (taken);
      sqlite3_bind_text (taken, 1, sku, -1, SQLITE_STATIC);
      rc = sqlite3_step (taken);
      if (rc == SQLITE_ROW)
        continue;
      if (rc != SQLITE_DONE)
        {
          catalog_sqlite_error (self, rc, error);
          return NULL;
        }

      sqlite3_bind_text (save, 1, day, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (save, 2, next + 1);
      if (!step_done (self, save, error))
        return NULL;

      return g_steal_pointer (&sku);
    }
}

static void
bind_item_fields (sqlite3_stmt *stmt,
                  ResellItem   *item)
{
  /* Parameters 2–12; 1 is the SKU and the rest are the caller's. */
  sqlite3_bind_text (stmt, 2, resell_item_get_category (item), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, resell_item_get_brand (item), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, resell_item_get_model (item), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, resell_item_get_title (item), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, resell_item_get_size (item), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, resell_item_get_colour (item), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, resell_item_get_material (item), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, resell_item_get_notes (item), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, resell_item_get_consignor (item), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, resell_item_state_to_string (resell_item_get_state (item)),
                     -1, SQLITE_STATIC);
}

static gboolean
set_duplicate_sku_error (ResellCatalog  *self,
                         int             rc,
                         const char     *sku,
                         GError        **error)
{
  if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
    {
      g_set_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_CONSTRAINT,
                   _("Another item already has the SKU “%s”. Each item needs its own SKU."),
                   sku);
      return FALSE;
    }

  return catalog_sqlite_error (self, rc, error);
}

static gboolean
insert_item_locked (ResellCatalog  *self,
                    ResellItem     *item,
                    gint64          now,
                    char          **out_sku,
                    gint64         *out_id,
                    GError        **error)
{
  g_autoptr(CatalogStmt) stmt = NULL;
  g_autofree char *sku = NULL;
  int rc;

  if (resell_item_get_sku (item)[0] != '\0')
    {
      if (!check_sku (resell_item_get_sku (item), error))
        return FALSE;
      sku = g_strdup (resell_item_get_sku (item));
    }
  else if (!(sku = generate_sku (self, now, error)))
    return FALSE;

  stmt = prepare (self,
                  "INSERT INTO items (sku, category, brand, model, title, size, colour, "
                  "                   material, notes, consignor, state, created_at, updated_at) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, sku, -1, SQLITE_STATIC);
  bind_item_fields (stmt, item);
  sqlite3_bind_int64 (stmt, 12, now);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return set_duplicate_sku_error (self, rc, sku, error);

  *out_id = sqlite3_last_insert_rowid (self->db);
  *out_sku = g_steal_pointer (&sku);

  return queue_item_event (self, EVENT_ADDED, *out_id, error);
}

gboolean
resell_catalog_insert_item (ResellCatalog  *self,
                            ResellItem     *item,
                            GError        **error)
{
  g_autofree char *sku = NULL;
  gint64 now = now_usec ();
  gint64 id = 0;
  guint mark;

  g_return_val_if_fail (RESELL_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (RESELL_IS_ITEM (item), FALSE);
  g_return_val_if_fail (resell_item_get_id (item) == 0, FALSE);

  if (!txn_begin (self, &mark, error))
    return FALSE;

  if (!txn_end (self, mark, insert_item_locked (self, item, now, &sku, &id, error), error))
    return FALSE;

  /* Only now: a failed insert leaves the caller's item as it was. */
  g_object_freeze_notify (G_OBJECT (item));
  resell_item_set_id (item, id);
  resell_item_set_sku (item, sku);
  resell_item_set_created_at (item, now);
  resell_item_set_updated_at (item, now);
  g_object_thaw_notify (G_OBJECT (item));

  return TRUE;
}

/* Moves the item's folder along with a new SKU, and the stored photo paths
 * with it.  The rename happens inside the transaction: if anything after it
 * fails, the caller renames back. */
static gboolean
rename_item_dir (ResellCatalog  *self,
                 gint64          id,
                 const char     *old_sku,
                 const char     *new_sku,
                 gboolean       *renamed,
                 GError        **error)
{
  g_autoptr(CatalogStmt) stmt = NULL;
  g_autofree char *old_dir = dup_item_dir (self, old_sku);
  g_autofree char *new_dir = dup_item_dir (self, new_sku);
  g_autofree char *old_prefix = NULL;
  g_autofree char *new_prefix = NULL;

  *renamed = FALSE;

  if (!sku_is_valid (old_sku) || !g_file_test (old_dir, G_FILE_TEST_IS_DIR))
    return TRUE;

  if (g_file_test (new_dir, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_CONSTRAINT,
                   _("The SKU cannot become “%s”: the folder “%s” is already there."),
                   new_sku, new_dir);
      return FALSE;
    }

  old_prefix = g_strconcat (old_dir, G_DIR_SEPARATOR_S, NULL);
  new_prefix = g_strconcat (new_dir, G_DIR_SEPARATOR_S, NULL);

  stmt = prepare (self,
                  "UPDATE photos SET path = ?2 || substr (path, length (?1) + 1) "
                  "WHERE item_id = ?3 AND substr (path, 1, length (?1)) = ?1",
                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, old_prefix, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, new_prefix, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, id);
  if (!step_done (self, stmt, error))
    return FALSE;

  if (g_rename (old_dir, new_dir) != 0)
    {
      int errsv = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   _("The folder “%s” could not be renamed for the new SKU: %s."),
                   old_dir, g_strerror (errsv));
      return FALSE;
    }

  *renamed = TRUE;

  return TRUE;
}

static gboolean
update_item_locked (ResellCatalog  *self,
                    ResellItem     *item,
                    gint64          now,
                    char          **renamed_from,
                    GError        **error)
{
  g_autoptr(CatalogStmt) read = NULL;
  g_autoptr(CatalogStmt) stmt = NULL;
  g_autofree char *old_sku = NULL;
  const char *sku = resell_item_get_sku (item);
  gint64 id = resell_item_get_id (item);
  gboolean renamed = FALSE;
  int rc;

  if (!check_sku (sku, error))
    return FALSE;

  read = prepare (self, "SELECT sku FROM items WHERE id = ?1", error);
  if (read == NULL)
    return FALSE;

  sqlite3_bind_int64 (read, 1, id);
  rc = sqlite3_step (read);
  if (rc == SQLITE_DONE)
    return set_not_found_item (id, error);
  if (rc != SQLITE_ROW)
    return catalog_sqlite_error (self, rc, error);

  old_sku = g_strdup (column_text (read, 0));

  stmt = prepare (self,
                  "UPDATE items SET sku = ?1, category = ?2, brand = ?3, model = ?4, "
                  "  title = ?5, size = ?6, colour = ?7, material = ?8, notes = ?9, "
                  "  consignor = ?10, state = ?11, updated_at = ?12 "
                  "WHERE id = ?13",
                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, sku, -1, SQLITE_STATIC);
  bind_item_fields (stmt, item);
  sqlite3_bind_int64 (stmt, 12, now);
  sqlite3_bind_int64 (stmt, 13, id);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return set_duplicate_sku_error (self, rc, sku, error);

  if (g_strcmp0 (old_sku, sku) != 0 &&
      !rename_item_dir (self, id, old_sku, sku, &renamed, error))
    return FALSE;

  if (renamed)
    *renamed_from = g_steal_pointer (&old_sku);

  return queue_item_event (self, EVENT_CHANGED, id, error);
}

static void
undo_rename (ResellCatalog *self,
             const char    *old_sku,
             const char    *new_sku)
{
  g_autofree char *old_dir = dup_item_dir (self, old_sku);
  g_autofree char *new_dir = dup_item_dir (self, new_sku);

  if (g_rename (new_dir, old_dir) != 0)
    g_warning ("Could not move %s back to %s: %s", new_dir, old_dir, g_strerror (errno));
}

gboolean
resell_catalog_update_item (ResellCatalog  *self,
                            ResellItem     *item,
                            GError        **error)
{
  g_autofree char *renamed_from = NULL;
  gint64 now = now_usec ();
  guint mark;

  g_return_val_if_fail (RESELL_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (RESELL_IS_ITEM (item), FALSE);
  g_return_val_if_fail (resell_item_get_id (item) > 0, FALSE);

  if (!txn_begin (self, &mark, error))
    return FALSE;

  if (!update_item_locked (self, item, now, &renamed_from, error))
    {
      if (renamed_from != NULL)
        undo_rename (self, renamed_from, resell_item_get_sku (item));
      txn_rollback (self, mark);
      return FALSE;
    }

  if (!txn_commit (self, mark, error))
    {
      if (renamed_from != NULL)
        undo_rename (self, renamed_from, resell_item_get_sku (item));
      return FALSE;
    }

  resell_item_set_updated_at (item, now);

  return TRUE;
}

/* Sets or clears trashed_at.  Trashing what is already in the trash, or
 * restoring what is not, succeeds quietly so that undo can be repeated. */
static gboolean
set_trashed_locked (ResellCatalog  *self,
                    gint64          id,
                    gboolean        trash,
                    GError        **error)
{
  g_autoptr(CatalogStmt) stmt = NULL;

  stmt = prepare (self,
                  trash
                  ? "UPDATE items SET trashed_at = ?2 WHERE id = ?1 AND trashed_at IS NULL"
                  : "UPDATE items SET trashed_at = NULL WHERE id = ?1 AND trashed_at IS NOT NULL",
                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  if (trash)
    sqlite3_bind_int64 (stmt, 2, now_usec ());

  if (!step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    {
      /* Nothing changed: fine, unless there is no such item at all. */
      g_autoptr(ResellItem) item = read_item (self, id, NULL, error);

      return item != NULL;
    }

  if (trash)
    {
      queue_event (self, EVENT_REMOVED, id, NULL);
      return TRUE;
    }

  return queue_item_event (self, EVENT_ADDED, id, error);
}

static gboolean
set_trashed (ResellCatalog  *self,
             gint64          id,
             gboolean        trash,
             GError        **error)
{
  guint mark;

  g_return_val_if_fail (RESELL_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (id > 0, FALSE);

  if (!txn_begin (self, &mark, error))
    return FALSE;

  return txn_end (self, mark, set_trashed_locked (self, id, trash, error), error);
}

gboolean
resell_catalog_trash_item (ResellCatalog  *self,
                           gint64          id,
                           GError        **error)
{
  return set_trashed (self, id, TRUE, error);
}

gboolean
resell_catalog_restore_item (ResellCatalog  *self,
                             gint64          id,
                             GError        **error)
{
  return set_trashed (self, id, FALSE, error);
}

static gboolean
purge_locked (ResellCatalog  *self,
              gint64          before_usec,
              GPtrArray      *skus,
              GError        **error)
{
  g_autoptr(CatalogStmt) select = NULL;
  g_autoptr(CatalogStmt) delete = NULL;
  int rc;

  select = prepare (self,
                    "SELECT id, sku FROM items "
                    "WHERE trashed_at IS NOT NULL AND trashed_at < ?1",
                    error);
  delete = prepare (self,
                    "DELETE FROM items WHERE trashed_at IS NOT NULL AND trashed_at < ?1",
                    error);
  if (select == NULL || delete == NULL)
    return FALSE;

  sqlite3_bind_int64 (select, 1, before_usec);
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      queue_event (self, EVENT_REMOVED, sqlite3_column_int64 (select, 0), NULL);
      g_ptr_array_add (skus, g_strdup (column_text (select, 1)));
    }
  if (rc != SQLITE_DONE)
    return catalog_sqlite_error (self, rc, error);

  /* Photos go with their items (ON DELETE CASCADE). */
  sqlite3_bind_int64 (delete, 1, before_usec);

  return step_done (self, delete, error);
}

gboolean
resell_catalog_purge_trash (ResellCatalog  *self,
                            gint64          before_usec,
                            guint          *n_purged,
                            GError        **error)
{
  g_autoptr(GPtrArray) skus = g_ptr_array_new_with_free_func (g_free);
  guint mark;

  g_return_val_if_fail (RESELL_IS_CATALOG (self), FALSE);

  if (n_purged != NULL)
    *n_purged = 0;

  if (!txn_begin (self, &mark, error))
    return FALSE;

  if (!txn_end (self, mark, purge_locked (self, before_usec, skus, error), error))
    return FALSE;

  /* The rows are gone for good; files that refuse to go are left behind
   * rather than failing a purge that has already happened. */
  for (guint i = 0; i < skus->len; i++)
    {
      const char *sku = g_ptr_array_index (skus, i);
      g_autofree char *dir = NULL;
      g_autoptr(GError) local_error = NULL;

      if (!sku_is_valid (sku))
        continue;

      dir = dup_item_dir (self, sku);
      if (!resell_storage_remove_tree (dir, &local_error))
        g_warning ("Purged item %s keeps its folder: %s", sku, local_error->message);
    }

  if (n_purged != NULL)
    *n_purged = skus->len;

  return TRUE;
}

ResellItem *
resell_catalog_lookup_item (ResellCatalog  *self,
                            gint64          id,
                            GError        **error)
{
  ResellItem *item;

  g_return_val_if_fail (RESELL_IS_CATALOG (self), NULL);

  g_rec_mutex_lock (&self->lock);
  item = read_item (self, id, NULL, error);
  g_rec_mutex_unlock (&self->lock);

  return item;
}

ResellItem *
resell_catalog_lookup_item_by_sku (ResellCatalog  *self,
                                   const char     *sku,
                                   GError        **error)
{
  g_autoptr(CatalogStmt) stmt = NULL;
  ResellItem *item = NULL;
  int rc;

  g_return_val_if_fail (RESELL_IS_CATALOG (self), NULL);
  g_return_val_if_fail (sku != NULL, NULL);

  g_rec_mutex_lock (&self->lock);

  stmt = prepare (self, "SELECT " ITEM_COLUMNS ITEM_FROM "WHERE i.sku = ?1", error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, sku, -1, SQLITE_STATIC);

      rc = sqlite3_step (stmt);
      /* A SKU is what a person types to work on an item; one in the trash
       * is gone to them (restoring goes by id).  Said apart from an unknown
       * SKU: a trashed item's SKU stays taken. */
      if (rc == SQLITE_ROW && item_row_is_trashed (stmt))
        g_set_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_NOT_FOUND,
                     _("The item “%s” is in the trash."), sku);
      else if (rc == SQLITE_ROW)
        item = item_from_row (stmt);
      else if (rc == SQLITE_DONE)
        g_set_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_NOT_FOUND,
                     _("No item with the SKU “%s” is in the catalog."), sku);
      else
        catalog_sqlite_error (self, rc, error);
    }

  g_clear_pointer (&stmt, catalog_stmt_release);
  g_rec_mutex_unlock (&self->lock);

  return item;
}

GPtrArray *
resell_catalog_list_items (ResellCatalog  *self,
                           GError        **error)
{
  g_autoptr(CatalogStmt) stmt = NULL;
  GPtrArray *items = NULL;

  g_return_val_if_fail (RESELL_IS_CATALOG (self), NULL);

  g_rec_mutex_lock (&self->lock);

  stmt = prepare (self,
                  "SELECT " ITEM_COLUMNS ITEM_FROM
                  "WHERE i.trashed_at IS NULL "
                  "ORDER BY i.updated_at DESC, i.id DESC",
                  error);
  if (stmt != NULL)
    items = step_rows (self, stmt, item_from_row, error);

  g_clear_pointer (&stmt, catalog_stmt_release);
  g_rec_mutex_unlock (&self->lock);

  return items;
}

guint
resell_catalog_count_items (ResellCatalog  *self,
                            GError        **error)
{
  g_autoptr(CatalogStmt) stmt = NULL;
  guint count = 0;
  int rc;

  g_return_val_if_fail (RESELL_IS_CATALOG (self), 0);

  g_rec_mutex_lock (&self->lock);

  stmt = prepare (self, "SELECT count(*) FROM items WHERE trashed_at IS NULL", error);
  if (stmt != NULL)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        count = (guint) sqlite3_column_int64 (stmt, 0);
      else
        catalog_sqlite_error (self, rc, error);
    }

  g_clear_pointer (&stmt, catalog_stmt_release);
  g_rec_mutex_unlock (&self->lock);

  return count;
}

/* Photos */

GPtrArray *
resell_catalog_list_photos (ResellCatalog  *self,
                            gint64          item_id,
                            GError        **error)
{
  g_autoptr(CatalogStmt) stmt = NULL;
  GPtrArray *photos = NULL;

  g_return_val_if_fail (RESELL_IS_CATALOG (self), NULL);

  g_rec_mutex_lock (&self->lock);

  stmt = prepare (self,
                  "SELECT " PHOTO_COLUMNS "FROM photos WHERE item_id = ?1 "
                  "ORDER BY position, id",
                  error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, item_id);
      photos = step_rows (self, stmt, photo_from_row, error);
    }

  g_clear_pointer (&stmt, catalog_stmt_release);
  g_rec_mutex_unlock (&self->lock);

  return photos;
}

static void
bind_photo_fields (sqlite3_stmt *stmt,
                   ResellPhoto  *photo,
                   int           position)
{
  /* Parameters 2–13; 1 is the caller's.  The path is stored canonical and
   * handed over to SQLite, which frees it with the bindings. */
  sqlite3_bind_int64 (stmt, 2, resell_photo_get_item_id (photo));
  sqlite3_bind_text (stmt, 3, resell_photo_get_slot (photo), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, position);
  sqlite3_bind_text (stmt, 5, path_to_stored (resell_photo_get_path (photo)), -1, g_free);
  sqlite3_bind_text (stmt, 6, resell_photo_get_original_name (photo), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, resell_photo_get_sha256 (photo), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 8, resell_photo_get_width (photo));
  sqlite3_bind_int (stmt, 9, resell_photo_get_height (photo));
  sqlite3_bind_int64 (stmt, 10, resell_photo_get_captured_at (photo));
  sqlite3_bind_text (stmt, 11, resell_photo_get_camera_model (photo), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 12, resell_photo_get_checks (photo), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 13, resell_photo_get_edits (photo), -1, SQLITE_STATIC);
}

static gboolean
set_photo_constraint_error (ResellCatalog  *self,
                            int             rc,
                            ResellPhoto    *photo,
                            GError        **error)
{
  const char *name = resell_photo_get_original_name (photo);
  g_autofree char *basename = NULL;

  if (name == NULL)
    name = basename = g_path_get_basename (resell_photo_get_path (photo));

  if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
    {
      g_set_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_NOT_FOUND,
                   _("The photo “%s” cannot be added: its item is no longer in the catalog."),
                   name);
      return FALSE;
    }

  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    {
      g_set_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_CONSTRAINT,
                   _("The item already has a photo with the same content as “%s”."),
                   name);
      return FALSE;
    }

  return catalog_sqlite_error (self, rc, error);
}

/* Marks the item @item_id changed at @now: its modification time, and
 * the item-changed event sent when the transaction commits. */
static gboolean
item_changed_locked (ResellCatalog  *self,
                     gint64          item_id,
                     gint64          now,
                     GError        **error)
{
  return touch_item (self, item_id, now, error) &&
         queue_item_event (self, EVENT_CHANGED, item_id, error);
}

/* Inserts @photo at @position, or after the item's last photo when
 * @position is negative. */
static gboolean
insert_photo_locked (ResellCatalog  *self,
                     ResellPhoto    *photo,
                     int             position,
                     gint64          now,
                     gint64         *out_id,
                     int            *out_position,
                     GError        **error)
{
  g_autoptr(CatalogStmt) next = NULL;
  g_autoptr(CatalogStmt) stmt = NULL;
  gint64 item_id = resell_photo_get_item_id (photo);
  int rc;

  if (position < 0)
    {
      next = prepare (self,
                      "SELECT coalesce (max (position) + 1, 0) FROM photos WHERE item_id = ?1",
                      error);
      if (next == NULL)
        return FALSE;

      sqlite3_bind_int64 (next, 1, item_id);
      rc = sqlite3_step (next);
      if (rc != SQLITE_ROW)
        return catalog_sqlite_error (self, rc, error);
      position = sqlite3_column_int (next, 0);
    }

  stmt = prepare (self,
                  "INSERT INTO photos (item_id, slot, position, path, original_name, sha256, "
                  "                    width, height, captured_at, camera_model, checks, edits, "
                  "                    added_at) "
                  "VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?1)",
                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, now);
  bind_photo_fields (stmt, photo, position);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return set_photo_constraint_error (self, rc, photo, error);

  *out_id = sqlite3_last_insert_rowid (self->db);
  *out_position = position;

  return item_changed_locked (self, item_id, now, error);
}

/* The old photo is looked up inside the transaction, so a retake racing
 * with a removal of the photo it replaces still ends in one consistent
 * state: replaced, or appended when the old one was already gone. */
static gboolean
replace_photo_locked (ResellCatalog  *self,
                      ResellPhoto    *photo,
                      gint64          old_photo_id,
                      gint64          now,
                      gint64         *out_id,
                      int            *out_position,
                      GError        **error)
{
  g_autoptr(CatalogStmt) old = NULL;
  g_autoptr(CatalogStmt) remove = NULL;
  int position = -1;
  int rc;

  old = prepare (self, "SELECT position FROM photos WHERE id = ?1 AND item_id = ?2", error);
  if (old == NULL)
    return FALSE;

  sqlite3_bind_int64 (old, 1, old_photo_id);
  sqlite3_bind_int64 (old, 2, resell_photo_get_item_id (photo));
  rc = sqlite3_step (old);
  if (rc == SQLITE_ROW)
    position = sqlite3_column_int (old, 0);
  else if (rc != SQLITE_DONE)
    return catalog_sqlite_error (self, rc, error);
  g_clear_pointer (&old, catalog_stmt_release);

  /* The old row goes first so that the one item-changed event, queued by
   * the insert, carries the item as it ends up.  Both happen in one
   * transaction: should the insert fail, the old photo is still there. */
  if (position >= 0)
    {
      remove = prepare (self, "DELETE FROM photos WHERE id = ?1", error);
      if (remove == NULL)
        return FALSE;

      sqlite3_bind_int64 (remove, 1, old_photo_id);
      if (!step_done (self, remove, error))
        return FALSE;
    }

  return insert_photo_locked (self, photo, position, now, out_id, out_position, error);
}

/* Adds @photo in a transaction of its own, in the place of the photo
 * @old_photo_id when that is not 0, and once committed gives @photo its
 * id, position and time added. */
static gboolean
add_photo (ResellCatalog  *self,
           ResellPhoto    *photo,
           gint64          old_photo_id,
           GError        **error)
{
  gint64 now = now_usec ();
  gint64 id = 0;
  int position = 0;
  gboolean done;
  guint mark;

  if (!txn_begin (self, &mark, error))
    return FALSE;

  if (old_photo_id != 0)
    done = replace_photo_locked (self, photo, old_photo_id, now, &id, &position, error);
  else
    done = insert_photo_locked (self, photo, -1, now, &id, &position, error);

  if (!txn_end (self, mark, done, error))
    return FALSE;

  g_object_freeze_notify (G_OBJECT (photo));
  resell_photo_set_id (photo, id);
  resell_photo_set_position (photo, position);
  resell_photo_set_added_at (photo, now);
  g_object_thaw_notify (G_OBJECT (photo));

  return TRUE;
}

gboolean
resell_catalog_insert_photo (ResellCatalog  *self,
                             ResellPhoto    *photo,
                             GError        **error)
{
  g_return_val_if_fail (RESELL_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (RESELL_IS_PHOTO (photo), FALSE);
  g_return_val_if_fail (resell_photo_get_id (photo) == 0, FALSE);
  g_return_val_if_fail (resell_photo_get_item_id (photo) > 0, FALSE);
  g_return_val_if_fail (resell_photo_get_path (photo) != NULL, FALSE);
  g_return_val_if_fail (resell_photo_get_sha256 (photo) != NULL, FALSE);

  return add_photo (self, photo, 0, error);
}

gboolean
resell_catalog_replace_photo (ResellCatalog  *self,
                              ResellPhoto    *photo,
                              gint64          old_photo_id,
                              GError        **error)
{
  g_return_val_if_fail (RESELL_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (RESELL_IS_PHOTO (photo), FALSE);
  g_return_val_if_fail (resell_photo_get_id (photo) == 0, FALSE);
  g_return_val_if_fail (resell_photo_get_item_id (photo) > 0, FALSE);
  g_return_val_if_fail (resell_photo_get_path (photo) != NULL, FALSE);
  g_return_val_if_fail (resell_photo_get_sha256 (photo) != NULL, FALSE);
  g_return_val_if_fail (old_photo_id > 0, FALSE);

  return add_photo (self, photo, old_photo_id, error);
}

/* Returns the item the photo belonged to before the change, or 0 with
 * NOT_FOUND. */
static gint64
photo_item_id (ResellCatalog  *self,
               gint64          photo_id,
               GError        **error)
{
  g_autoptr(CatalogStmt) stmt = NULL;
  int rc;

  stmt = prepare (self, "SELECT item_id FROM photos WHERE id = ?1", error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, photo_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);

  if (rc == SQLITE_DONE)
    g_set_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_NOT_FOUND,
                 _("The photo is no longer in the catalog."));
  else
    catalog_sqlite_error (self, rc, error);

  return 0;
}

static gboolean
update_photo_locked (ResellCatalog  *self,
                     ResellPhoto    *photo,
                     gint64          now,
                     GError        **error)
{
  g_autoptr(CatalogStmt) stmt = NULL;
  gint64 item_id = resell_photo_get_item_id (photo);
  gint64 old_item_id;
  int rc;

  old_item_id = photo_item_id (self, resell_photo_get_id (photo), error);
  if (old_item_id == 0)
    return FALSE;

  stmt = prepare (self,
                  "UPDATE photos SET item_id = ?2, slot = ?3, position = ?4, path = ?5, "
                  "  original_name = ?6, sha256 = ?7, width = ?8, height = ?9, "
                  "  captured_at = ?10, camera_model = ?11, checks = ?12, edits = ?13 "
                  "WHERE id = ?1",
                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, resell_photo_get_id (photo));
  bind_photo_fields (stmt, photo, resell_photo_get_position (photo));

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return set_photo_constraint_error (self, rc, photo, error);

  if (!item_changed_locked (self, item_id, now, error))
    return FALSE;

  if (old_item_id != item_id && !item_changed_locked (self, old_item_id, now, error))
    return FALSE;

  return TRUE;
}

gboolean
resell_catalog_update_photo (ResellCatalog  *self,
                             ResellPhoto    *photo,
                             GError        **error)
{
  guint mark;

  g_return_val_if_fail (RESELL_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (RESELL_IS_PHOTO (photo), FALSE);
  g_return_val_if_fail (resell_photo_get_id (photo) > 0, FALSE);
  g_return_val_if_fail (resell_photo_get_item_id (photo) > 0, FALSE);
  g_return_val_if_fail (resell_photo_get_path (photo) != NULL, FALSE);
  g_return_val_if_fail (resell_photo_get_sha256 (photo) != NULL, FALSE);

  if (!txn_begin (self, &mark, error))
    return FALSE;

  return txn_end (self, mark, update_photo_locked (self, photo, now_usec (), error), error);
}

/* Reads the item's order inside the transaction, so a move racing with an
 * insert or a removal renumbers what is there when it runs. */
static gboolean
move_photo_locked (ResellCatalog  *self,
                   gint64          photo_id,
                   int             new_index,
                   GError        **error)
{
  g_autoptr(CatalogStmt) list = NULL;
  g_autoptr(CatalogStmt) update = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 item_id;
  guint from = 0;
  int rc;

  item_id = photo_item_id (self, photo_id, error);
  if (item_id == 0)
    return FALSE;

  list = prepare (self, "SELECT id FROM photos WHERE item_id = ?1 ORDER BY position, id", error);
  if (list == NULL)
    return FALSE;

  sqlite3_bind_int64 (list, 1, item_id);
  while ((rc = sqlite3_step (list)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (list, 0);

      if (id == photo_id)
        from = ids->len;
      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    return catalog_sqlite_error (self, rc, error);
  g_clear_pointer (&list, catalog_stmt_release);

  g_assert (ids->len > 0);
  new_index = CLAMP (new_index, 0, (int) ids->len - 1);
  g_array_remove_index (ids, from);
  g_array_insert_val (ids, new_index, photo_id);

  /* Only the rows whose position changes are written. */
  update = prepare (self, "UPDATE photos SET position = ?2 WHERE id = ?1 AND position IS NOT ?2", error);
  if (update == NULL)
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_reset (update);
      sqlite3_bind_int64 (update, 1, g_array_index (ids, gint64, i));
      sqlite3_bind_int (update, 2, (int) i);
      if (!step_done (self, update, error))
        return FALSE;
    }

  return item_changed_locked (self, item_id, now_usec (), error);
}

gboolean
resell_catalog_move_photo (ResellCatalog  *self,
                           gint64          photo_id,
                           int             new_index,
                           GError        **error)
{
  guint mark;

  g_return_val_if_fail (RESELL_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (photo_id > 0, FALSE);

  if (!txn_begin (self, &mark, error))
    return FALSE;

  return txn_end (self, mark, move_photo_locked (self, photo_id, new_index, error), error);
}

static gboolean
remove_photo_locked (ResellCatalog  *self,
                     gint64          photo_id,
                     GError        **error)
{
  g_autoptr(CatalogStmt) stmt = NULL;
  gint64 item_id;

  item_id = photo_item_id (self, photo_id, error);
  if (item_id == 0)
    return FALSE;

  stmt = prepare (self, "DELETE FROM photos WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, photo_id);

  return step_done (self, stmt, error) &&
         item_changed_locked (self, item_id, now_usec (), error);
}

gboolean
resell_catalog_remove_photo (ResellCatalog  *self,
                             gint64          photo_id,
                             GError        **error)
{
  guint mark;

  g_return_val_if_fail (RESELL_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (photo_id > 0, FALSE);

  if (!txn_begin (self, &mark, error))
    return FALSE;

  return txn_end (self, mark, remove_photo_locked (self, photo_id, error), error);
}

ResellPhoto *
resell_catalog_find_photo_by_sha256 (ResellCatalog  *self,
                                     gint64          item_id,
                                     const char     *sha256,
                                     GError        **error)
{
  g_autoptr(CatalogStmt) stmt = NULL;
  ResellPhoto *photo = NULL;
  int rc;

  g_return_val_if_fail (RESELL_IS_CATALOG (self), NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);

  g_rec_mutex_lock (&self->lock);

  stmt = prepare (self,
                  "SELECT " PHOTO_COLUMNS "FROM photos WHERE item_id = ?1 AND sha256 = ?2",
                  error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, item_id);
      sqlite3_bind_text (stmt, 2, sha256, -1, SQLITE_STATIC);

      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        photo = photo_from_row (stmt);
      else if (rc != SQLITE_DONE)
        catalog_sqlite_error (self, rc, error);
    }

  g_clear_pointer (&stmt, catalog_stmt_release);
  g_rec_mutex_unlock (&self->lock);

  return photo;
}
