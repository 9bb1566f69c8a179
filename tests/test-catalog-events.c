/* test-catalog-events.c — the catalog's signals, and the threads and
 * transactions they come from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "resell-core.h"
#include "resell-test-utils.h"
#include "catalog-test-utils.h"
#include "catalog/resell-catalog-hooks.h"

typedef struct
{
  GThread *main_thread;
  GPtrArray *log;
  guint count;
} SignalLog;

static void
log_item_cb (ResellCatalog *catalog,
             ResellItem    *item,
             SignalLog     *log,
             const char    *what)
{
  g_assert_true (g_thread_self () == log->main_thread);
  g_ptr_array_add (log->log, g_strdup_printf ("%s %" G_GINT64_FORMAT " %s %u",
                                              what,
                                              resell_item_get_id (item),
                                              resell_item_get_title (item),
                                              resell_item_get_photo_count (item)));
  log->count++;
}

static void
added_cb (ResellCatalog *catalog,
          ResellItem    *item,
          SignalLog     *log)
{
  log_item_cb (catalog, item, log, "added");
}

static void
changed_cb (ResellCatalog *catalog,
            ResellItem    *item,
            SignalLog     *log)
{
  log_item_cb (catalog, item, log, "changed");
}

static void
removed_cb (ResellCatalog *catalog,
            gint64         id,
            SignalLog     *log)
{
  g_assert_true (g_thread_self () == log->main_thread);
  g_ptr_array_add (log->log, g_strdup_printf ("removed %" G_GINT64_FORMAT, id));
  log->count++;
}

static void
signal_log_init (SignalLog     *log,
                 ResellCatalog *catalog)
{
  log->main_thread = g_thread_self ();
  log->log = g_ptr_array_new_with_free_func (g_free);
  log->count = 0;

  g_signal_connect (catalog, "item-added", G_CALLBACK (added_cb), log);
  g_signal_connect (catalog, "item-changed", G_CALLBACK (changed_cb), log);
  g_signal_connect (catalog, "item-removed", G_CALLBACK (removed_cb), log);
}

static void
signal_log_clear (SignalLog     *log,
                  ResellCatalog *catalog)
{
  g_signal_handlers_disconnect_by_data (catalog, log);
  g_clear_pointer (&log->log, g_ptr_array_unref);
}

static gpointer
write_from_thread (gpointer data)
{
  ResellCatalog *catalog = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ResellItem) item = resell_item_new ();
  g_autoptr(ResellPhoto) photo = resell_photo_new ();

  resell_item_set_title (item, "Threaded");
  g_assert_true (resell_catalog_insert_item (catalog, item, &error));
  resell_item_set_title (item, "Renamed");
  g_assert_true (resell_catalog_update_item (catalog, item, &error));

  resell_photo_set_item_id (photo, resell_item_get_id (item));
  resell_photo_set_path (photo, "/photos/a.jpg");
  resell_photo_set_sha256 (photo, "abc");
  g_assert_true (resell_catalog_insert_photo (catalog, photo, &error));
  g_assert_true (resell_catalog_remove_photo (catalog, resell_photo_get_id (photo), &error));

  g_assert_true (resell_catalog_trash_item (catalog, resell_item_get_id (item), &error));
  g_assert_true (resell_catalog_restore_item (catalog, resell_item_get_id (item), &error));
  g_assert_no_error (error);

  return GINT_TO_POINTER (resell_item_get_id (item));
}

static void
test_signals_from_thread (ResellTestCatalogFixture *f,
                          gconstpointer             data)
{
  SignalLog log;
  GThread *thread;
  gint64 id;
  g_autofree char *expected = NULL;
  g_autofree char *joined = NULL;
  g_auto(GStrv) lines = NULL;

  signal_log_init (&log, f->catalog);

  thread = g_thread_new ("writer", write_from_thread, f->catalog);
  id = GPOINTER_TO_INT (g_thread_join (thread));

  /* Nothing arrives until the main context runs. */
  g_assert_cmpuint (log.count, ==, 0);
  resell_test_iterate_until (&log.count, 6);

  g_ptr_array_add (log.log, NULL);
  lines = (GStrv) g_ptr_array_steal (log.log, NULL);
  joined = g_strjoinv ("\n", lines);
  expected = g_strdup_printf ("added %1$" G_GINT64_FORMAT " Threaded 0\n"
                              "changed %1$" G_GINT64_FORMAT " Renamed 0\n"
                              "changed %1$" G_GINT64_FORMAT " Renamed 1\n"
                              "changed %1$" G_GINT64_FORMAT " Renamed 0\n"
                              "removed %1$" G_GINT64_FORMAT "\n"
                              "added %1$" G_GINT64_FORMAT " Renamed 0",
                              id);
  g_assert_cmpstr (joined, ==, expected);

  resell_test_drain_main_context ();
  g_assert_cmpuint (log.count, ==, 6);

  signal_log_clear (&log, f->catalog);
}

/* One transaction, one signal, distinct positions even from equal ones. */
static void
test_move_photo (ResellTestCatalogFixture *f,
                 gconstpointer             data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResellItem) item = resell_test_insert_item (f->catalog, "Bag");
  g_autoptr(ResellPhoto) a = resell_test_insert_photo (f->catalog, item, "a.jpg", "aaaa");
  g_autoptr(ResellPhoto) b = resell_test_insert_photo (f->catalog, item, "b.jpg", "bbbb");
  g_autoptr(ResellPhoto) c = resell_test_insert_photo (f->catalog, item, "c.jpg", "cccc");
  g_autoptr(ResellPhoto) d = resell_test_insert_photo (f->catalog, item, "d.jpg", "dddd");
  g_autoptr(ResellItem) stored = NULL;
  g_autofree char *order = NULL;
  g_autofree char *expected = NULL;
  SignalLog log;
  sqlite3 *db;

  /* An older import left b and c on the same position. */
  db = resell_test_raw_open (f->dir);
  resell_test_raw_exec (db, "UPDATE photos SET position = 1 WHERE sha256 IN ('bbbb', 'cccc')");
  resell_test_raw_exec (db, "UPDATE photos SET position = 7 WHERE sha256 = 'dddd'");
  sqlite3_close (db);
  resell_test_drain_main_context ();

  signal_log_init (&log, f->catalog);

  /* d to the front: d a b c, renumbered 0 1 2 3. */
  g_assert_true (resell_catalog_move_photo (f->catalog, resell_photo_get_id (d), 0, &error));
  g_assert_no_error (error);
  db = resell_test_raw_open (f->dir);
  order = resell_test_raw_text (db, "SELECT group_concat (sha256 || ':' || position, ' ') "
                                    "FROM (SELECT sha256, position FROM photos ORDER BY position, id)");
  g_assert_cmpstr (order, ==, "dddd:0 aaaa:1 bbbb:2 cccc:3");
  g_clear_pointer (&order, g_free);

  /* Past the end is the end: a to the back. */
  g_assert_true (resell_catalog_move_photo (f->catalog, resell_photo_get_id (a), 99, &error));
  g_assert_no_error (error);
  order = resell_test_raw_text (db, "SELECT group_concat (sha256 || ':' || position, ' ') "
                                    "FROM (SELECT sha256, position FROM photos ORDER BY position, id)");
  g_assert_cmpstr (order, ==, "dddd:0 bbbb:1 cccc:2 aaaa:3");
  sqlite3_close (db);

  stored = resell_catalog_lookup_item (f->catalog, resell_item_get_id (item), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (resell_item_get_cover_sha256 (stored), ==, "dddd");

  /* One item-changed per move, on this thread, with the item as stored. */
  g_assert_cmpuint (log.count, ==, 0);
  resell_test_iterate_until (&log.count, 2);
  resell_test_drain_main_context ();
  g_assert_cmpuint (log.count, ==, 2);
  expected = g_strdup_printf ("changed %" G_GINT64_FORMAT " Bag 4", resell_item_get_id (item));
  g_assert_cmpstr (g_ptr_array_index (log.log, 0), ==, expected);
  g_assert_cmpstr (g_ptr_array_index (log.log, 1), ==, expected);

  /* A photo no longer there: nothing changes, nothing is said. */
  g_assert_true (resell_catalog_remove_photo (f->catalog, resell_photo_get_id (c), &error));
  resell_test_iterate_until (&log.count, 3);
  g_assert_false (resell_catalog_move_photo (f->catalog, resell_photo_get_id (c), 0, &error));
  g_assert_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_NOT_FOUND);
  g_clear_error (&error);
  resell_test_drain_main_context ();
  g_assert_cmpuint (log.count, ==, 3);

  signal_log_clear (&log, f->catalog);
}

static void
test_signals_context (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("resell-catalog-XXXXXX", NULL);
  GMainContext *context = g_main_context_new ();
  g_autoptr(ResellItem) item = NULL;
  ResellCatalog *catalog;
  guint added = 0;

  g_main_context_push_thread_default (context);
  catalog = resell_catalog_open (dir, &error);
  g_main_context_pop_thread_default (context);
  g_assert_no_error (error);

  g_signal_connect (catalog, "item-added", G_CALLBACK (resell_test_count_signal_cb), &added);
  item = resell_test_insert_item (catalog, "Elsewhere");

  /* Not the default context: the one that was current at open time. */
  resell_test_drain_main_context ();
  g_assert_cmpuint (added, ==, 0);
  while (g_main_context_iteration (context, FALSE))
    ;
  g_assert_cmpuint (added, ==, 1);

  g_assert_finalize_object (catalog);
  g_main_context_unref (context);
  resell_test_remove_path (dir);
}

static void
test_undelivered_signals (ResellTestCatalogFixture *f,
                          gconstpointer             data)
{
  g_autoptr(ResellItem) item = resell_test_insert_item (f->catalog, "Never heard of");

  /* The queued signal must not keep the catalog alive: the teardown's
   * g_assert_finalize_object() checks that, so no drain here. */
  g_assert_finalize_object (g_steal_pointer (&f->catalog));
}

typedef struct
{
  guint n;
  gboolean fail;
} BatchData;

static gboolean
insert_batch (ResellCatalog  *catalog,
              gpointer        user_data,
              GError        **error)
{
  BatchData *batch = user_data;

  for (guint i = 0; i < batch->n; i++)
    {
      g_autoptr(ResellItem) item = resell_item_new ();

      resell_item_set_title (item, "Batch");
      if (!resell_catalog_insert_item (catalog, item, error))
        return FALSE;
    }

  if (batch->fail)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Changed my mind.");
      return FALSE;
    }

  return TRUE;
}

static void
test_transaction (ResellTestCatalogFixture *f,
                  gconstpointer             data)
{
  g_autoptr(GError) error = NULL;
  BatchData batch = { 25, TRUE };
  SignalLog log;

  signal_log_init (&log, f->catalog);

  g_assert_false (resell_catalog_run_in_transaction (f->catalog, insert_batch, &batch, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  resell_test_drain_main_context ();
  g_assert_cmpuint (resell_catalog_count_items (f->catalog, NULL), ==, 0);
  /* Rolled back: nobody was told about items that never existed. */
  g_assert_cmpuint (log.count, ==, 0);

  batch.fail = FALSE;
  g_assert_true (resell_catalog_run_in_transaction (f->catalog, insert_batch, &batch, &error));
  g_assert_no_error (error);
  resell_test_iterate_until (&log.count, 25);
  g_assert_cmpuint (resell_catalog_count_items (f->catalog, NULL), ==, 25);

  signal_log_clear (&log, f->catalog);
}

typedef struct
{
  ResellCatalog *catalog;
  guint          n;
  GPtrArray     *skus;
} InsertJob;

static gpointer
insert_job (gpointer data)
{
  InsertJob *job = data;

  for (guint i = 0; i < job->n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ResellItem) item = resell_item_new ();

      resell_item_set_title (item, "Concurrent");
      g_assert_true (resell_catalog_insert_item (job->catalog, item, &error));
      g_assert_no_error (error);
      g_ptr_array_add (job->skus, g_strdup (resell_item_get_sku (item)));
    }

  return NULL;
}

/* Threads on one catalog and a second catalog (another connection, as
 * another process would have) insert at once: no SKU is handed out twice. */
static void
test_concurrent_writers (ResellTestCatalogFixture *f,
                         gconstpointer             data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  ResellCatalog *second = resell_catalog_open (f->dir, &error);
  InsertJob jobs[4];
  GThread *threads[4];

  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    {
      jobs[i].catalog = i % 2 == 0 ? f->catalog : second;
      jobs[i].n = 40;
      jobs[i].skus = g_ptr_array_new_with_free_func (g_free);
      threads[i] = g_thread_new ("inserter", insert_job, &jobs[i]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    {
      g_thread_join (threads[i]);
      for (guint j = 0; j < jobs[i].skus->len; j++)
        {
          const char *sku = g_ptr_array_index (jobs[i].skus, j);

          g_assert_false (g_hash_table_contains (seen, sku));
          g_hash_table_add (seen, (gpointer) sku);
        }
    }

  g_assert_cmpuint (g_hash_table_size (seen), ==, 160);
  g_assert_cmpuint (resell_catalog_count_items (f->catalog, NULL), ==, 160);

  g_hash_table_remove_all (seen);
  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    g_ptr_array_unref (jobs[i].skus);

  resell_test_drain_main_context ();
  g_assert_finalize_object (second);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  int ret;

  /* One private home for the whole run, before GLib first reads it. */
  home = resell_test_make_private_home ("resell-test-catalog-events-home-XXXXXX");

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, ResellTestCatalogFixture, NULL, \
              resell_test_catalog_fixture_set_up, func, resell_test_catalog_fixture_tear_down)

  ADD ("/catalog/move-photo", test_move_photo);
  ADD ("/catalog/signals/from-thread", test_signals_from_thread);
  g_test_add_func ("/catalog/signals/context", test_signals_context);
  ADD ("/catalog/signals/undelivered", test_undelivered_signals);
  ADD ("/catalog/transaction", test_transaction);
  ADD ("/catalog/concurrent-writers", test_concurrent_writers);

#undef ADD

  ret = g_test_run ();

  resell_test_remove_path (home);

  return ret;
}
