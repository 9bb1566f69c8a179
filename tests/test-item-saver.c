/* test-item-saver.c — the item page's saves: in order, coalesced, kept
 * when they fail, retried, and waited for at close
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>

#include "resell-core.h"
#include "resell-test-utils.h"
#include "catalog/resell-catalog-hooks.h"

typedef struct
{
  char            *dir;
  ResellCatalog   *catalog;
  ResellItemSaver *saver;
  GPtrArray       *changed;    /* "id:title" of each item-changed, in order */
  GPtrArray       *failures;   /* "id:title" of each save-failed */
  guint            n_changed;
  guint            n_failed;
} Fixture;

static void
item_changed_cb (ResellCatalog *catalog,
                 ResellItem    *item,
                 Fixture       *f)
{
  g_ptr_array_add (f->changed, g_strdup_printf ("%" G_GINT64_FORMAT ":%s",
                                                resell_item_get_id (item),
                                                resell_item_get_title (item)));
  f->n_changed++;
}

static void
save_failed_cb (ResellItemSaver *saver,
                ResellItem      *item,
                GError          *error,
                Fixture         *f)
{
  g_assert_nonnull (error);
  g_ptr_array_add (f->failures, g_strdup_printf ("%" G_GINT64_FORMAT ":%s",
                                                 resell_item_get_id (item),
                                                 resell_item_get_title (item)));
  f->n_failed++;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("resell-saver-XXXXXX", &error);
  g_assert_no_error (error);
  f->catalog = resell_catalog_open (f->dir, &error);
  g_assert_no_error (error);
  f->saver = resell_item_saver_new (f->catalog);
  f->changed = g_ptr_array_new_with_free_func (g_free);
  f->failures = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (f->catalog, "item-changed", G_CALLBACK (item_changed_cb), f);
  g_signal_connect (f->saver, "save-failed", G_CALLBACK (save_failed_cb), f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  resell_item_saver_wait (f->saver);
  resell_test_drain_main_context ();
  g_signal_handlers_disconnect_by_data (f->saver, f);
  g_signal_handlers_disconnect_by_data (f->catalog, f);
  resell_test_assert_finalize_soon (g_steal_pointer (&f->saver));
  g_clear_object (&f->catalog);
  g_clear_pointer (&f->changed, g_ptr_array_unref);
  g_clear_pointer (&f->failures, g_ptr_array_unref);
  resell_test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
}

static ResellItem *
insert_item (Fixture    *f,
             const char *title)
{
  g_autoptr(GError) error = NULL;
  ResellItem *item = resell_item_new ();

  resell_item_set_title (item, title);
  resell_item_set_category (item, "clothing");
  g_assert_true (resell_catalog_insert_item (f->catalog, item, &error));
  g_assert_no_error (error);
  return item;
}

/* The title as stored, read through a connection of its own. */
static char *
stored_title (Fixture *f,
              gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResellCatalog) other = resell_catalog_open (f->dir, &error);
  g_autoptr(ResellItem) item = NULL;

  g_assert_no_error (error);
  item = resell_catalog_lookup_item (other, id, &error);
  g_assert_no_error (error);
  return g_strdup (resell_item_get_title (item));
}

static void
flush_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GError **error = user_data;

  if (!resell_item_saver_flush_finish (RESELL_ITEM_SAVER (object), result, error))
    g_assert_nonnull (*error);
  else
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NONE, "ok");   /* marks "done" */
}

/* Flushes and waits for every save to be reported; returns the error, or
 * NULL when all landed. */
static GError *
flush_and_wait (Fixture *f)
{
  GError *error = NULL;
  gboolean timed_out = FALSE;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  resell_item_saver_flush_async (f->saver, NULL, flush_cb, &error);
  while (error == NULL && !timed_out)
    {
      g_main_context_iteration (NULL, FALSE);
      timed_out = g_get_monotonic_time () > deadline;
      g_usleep (1000);
    }
  g_assert_false (timed_out);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NONE))
    g_clear_error (&error);
  return error;
}

/* Holds the catalog's write lock from a connection of the test's own, as
 * another writer (the command-line tool) would. */
static sqlite3 *
lock_catalog (Fixture *f)
{
  g_autofree char *path = g_build_filename (f->dir, "catalog.db", NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  return db;
}

static void
unlock_catalog (sqlite3 *db)
{
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
set_title (ResellItem *item,
           const char *prefix,
           guint       n)
{
  g_autofree char *title = g_strdup_printf ("%s %u", prefix, n);

  resell_item_set_title (item, title);
}

/* Saves of one item land in the order asked, the newest last; saves asked
 * while one is being written are coalesced into one. */
static void
test_order_and_coalescing (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(ResellItem) item = insert_item (f, "start");
  g_autofree char *last = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = resell_item_get_id (item);
  sqlite3 *db;

  resell_test_drain_main_context ();
  g_ptr_array_set_size (f->changed, 0);
  f->n_changed = 0;

  /* The worker waits for the lock in the first save; the other 49 are
   * asked for meanwhile and must be written as one, after it. */
  db = lock_catalog (f);
  for (guint i = 1; i <= 50; i++)
    {
      set_title (item, "title", i);
      resell_item_saver_save (f->saver, item);
      /* The saver took a copy: the caller may go on changing its own. */
      g_assert_cmpstr (resell_item_get_title (resell_item_saver_lookup (f->saver, id)), ==, resell_item_get_title (item));
      if (i == 1)
        g_usleep (100 * 1000);   /* the worker takes the first save */
    }
  resell_item_set_title (item, "changed after the last save");
  g_usleep (100 * 1000);
  unlock_catalog (db);

  error = flush_and_wait (f);
  g_assert_no_error (error);
  resell_test_drain_main_context ();

  g_assert_cmpuint (f->changed->len, >=, 1);
  g_assert_cmpuint (f->changed->len, <=, 2);
  last = g_strdup_printf ("%" G_GINT64_FORMAT ":title 50", id);
  g_assert_cmpstr (g_ptr_array_index (f->changed, f->changed->len - 1), ==, last);
  if (f->changed->len == 2)
    {
      g_autofree char *first = g_strdup_printf ("%" G_GINT64_FORMAT ":title 1", id);
      g_assert_cmpstr (g_ptr_array_index (f->changed, 0), ==, first);
    }

  title = stored_title (f, id);
  g_assert_cmpstr (title, ==, "title 50");
  /* Landed and reported: nothing left unsaved. */
  g_assert_null (resell_item_saver_lookup (f->saver, id));
  g_assert_cmpuint (f->n_failed, ==, 0);
}

/* A save that fails (the catalog stays locked by another writer) is kept
 * and reported, the item re-opens from it, and a flush writes it. */
static void
test_failure_kept_and_retried (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(ResellItem) item = insert_item (f, "before");
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  gint64 id = resell_item_get_id (item);
  ResellItem *unsaved;
  sqlite3 *db;

  resell_catalog_set_busy_timeout (f->catalog, 1);
  db = lock_catalog (f);

  resell_item_set_title (item, "typed while busy");
  resell_item_saver_save (f->saver, item);
  error = flush_and_wait (f);
  g_assert_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_BUSY);
  g_clear_error (&error);

  g_assert_cmpuint (f->n_failed, ==, 1);
  unsaved = resell_item_saver_lookup (f->saver, id);
  g_assert_nonnull (unsaved);
  g_assert_cmpstr (resell_item_get_title (unsaved), ==, "typed while busy");

  /* Still locked: the retry fails too, and the copy is still kept. */
  error = flush_and_wait (f);
  g_assert_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_BUSY);
  g_clear_error (&error);
  g_assert_cmpuint (f->n_failed, ==, 2);
  g_assert_nonnull (resell_item_saver_lookup (f->saver, id));

  unlock_catalog (db);
  resell_catalog_set_busy_timeout (f->catalog, 5000);

  error = flush_and_wait (f);
  g_assert_no_error (error);
  g_assert_cmpuint (f->n_failed, ==, 2);
  g_assert_null (resell_item_saver_lookup (f->saver, id));
  title = stored_title (f, id);
  g_assert_cmpstr (title, ==, "typed while busy");
}

/* A newer save replaces a failed one: the failed copy is not written
 * over the newer details afterwards. */
static void
test_failure_superseded (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(ResellItem) item = insert_item (f, "before");
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  gint64 id = resell_item_get_id (item);
  sqlite3 *db;

  resell_catalog_set_busy_timeout (f->catalog, 1);
  db = lock_catalog (f);
  resell_item_set_title (item, "old");
  resell_item_saver_save (f->saver, item);
  error = flush_and_wait (f);
  g_assert_nonnull (error);
  g_clear_error (&error);
  unlock_catalog (db);
  resell_catalog_set_busy_timeout (f->catalog, 5000);

  resell_item_set_title (item, "new");
  resell_item_saver_save (f->saver, item);
  error = flush_and_wait (f);
  g_assert_no_error (error);

  title = stored_title (f, id);
  g_assert_cmpstr (title, ==, "new");
  g_assert_null (resell_item_saver_lookup (f->saver, id));
}

/* At close: waiting returns only once every queued save is on disk,
 * without the main loop running. */
static void
test_wait_at_close (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(ResellItem) a = insert_item (f, "a");
  g_autoptr(ResellItem) b = insert_item (f, "b");
  g_autofree char *title_a = NULL;
  g_autofree char *title_b = NULL;
  sqlite3 *db;

  /* Held a moment so the saves are certainly still queued at the wait. */
  db = lock_catalog (f);
  resell_item_set_title (a, "a at close");
  resell_item_saver_save (f->saver, a);
  resell_item_set_title (b, "b at close");
  resell_item_saver_save (f->saver, b);
  g_usleep (200 * 1000);
  unlock_catalog (db);

  resell_item_saver_wait (f->saver);

  title_a = stored_title (f, resell_item_get_id (a));
  title_b = stored_title (f, resell_item_get_id (b));
  g_assert_cmpstr (title_a, ==, "a at close");
  g_assert_cmpstr (title_b, ==, "b at close");
}

/* Many items, many edits each, interleaved: every item ends with its last
 * details, and the saver can go right after (its jobs keep it alive). */
static void
test_nothing_lost (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  guint changed_before;

  for (guint i = 0; i < 5; i++)
    g_ptr_array_add (items, insert_item (f, "new"));
  resell_test_drain_main_context ();
  changed_before = f->n_changed;

  for (guint round = 0; round < 40; round++)
    for (guint i = 0; i < items->len; i++)
      {
        ResellItem *item = g_ptr_array_index (items, i);

        set_title (item, "round", round);
        resell_item_set_notes (item, resell_item_get_title (item));
        resell_item_saver_save (f->saver, item);
      }

  /* Dropped at once, as a closing window drops it. */
  g_signal_handlers_disconnect_by_data (f->saver, f);
  g_clear_object (&f->saver);

  /* Every item-changed of the saves arrives on the main context. */
  {
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
    gboolean all = FALSE;

    while (!all && g_get_monotonic_time () < deadline)
      {
        all = TRUE;
        for (guint i = 0; i < items->len; i++)
          {
            g_autofree char *title = stored_title (f, resell_item_get_id (g_ptr_array_index (items, i)));
            all = all && g_strcmp0 (title, "round 39") == 0;
          }
        resell_test_drain_main_context ();
      }
    g_assert_true (all);
  }

  g_assert_cmpuint (f->n_changed, >, changed_before);

  /* Back for the teardown. */
  f->saver = resell_item_saver_new (f->catalog);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/item-saver/order-and-coalescing", Fixture, NULL,
              fixture_setup, test_order_and_coalescing, fixture_teardown);
  g_test_add ("/item-saver/failure-kept-and-retried", Fixture, NULL,
              fixture_setup, test_failure_kept_and_retried, fixture_teardown);
  g_test_add ("/item-saver/failure-superseded", Fixture, NULL,
              fixture_setup, test_failure_superseded, fixture_teardown);
  g_test_add ("/item-saver/wait-at-close", Fixture, NULL,
              fixture_setup, test_wait_at_close, fixture_teardown);
  g_test_add ("/item-saver/nothing-lost", Fixture, NULL,
              fixture_setup, test_nothing_lost, fixture_teardown);

  return g_test_run ();
}
