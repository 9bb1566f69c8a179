/* test-item-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "resell-core.h"
#include "resell-test-utils.h"

typedef struct
{
  char           *dir;
  ResellCatalog  *catalog;
  ResellItemList *list;
  /* "position removed added" of each items-changed, in order. */
  GPtrArray      *changes;
  guint           n_changes;
} Fixture;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *f)
{
  g_ptr_array_add (f->changes, g_strdup_printf ("%u %u %u", position, removed, added));
  f->n_changes++;
}

/* Pops the changes seen so far as one string, "a b c; d e f". */
static char *
take_changes (Fixture *f)
{
  g_auto(GStrv) lines = NULL;

  g_ptr_array_add (f->changes, NULL);
  lines = (GStrv) g_ptr_array_steal (f->changes, NULL);
  f->n_changes = 0;

  return g_strjoinv ("; ", lines);
}

static ResellItem *
insert_item (ResellCatalog *catalog,
             const char    *title)
{
  g_autoptr(GError) error = NULL;
  ResellItem *item = resell_item_new ();

  resell_item_set_title (item, title);
  resell_item_set_category (item, "clothing");
  g_assert_true (resell_catalog_insert_item (catalog, item, &error));
  g_assert_no_error (error);

  return item;
}

static ResellItem *
list_item (Fixture *f,
           guint    position)
{
  g_autoptr(ResellItem) item = g_list_model_get_item (G_LIST_MODEL (f->list), position);

  g_assert_nonnull (item);

  /* The list keeps its own reference; borrowing is fine in tests. */
  return item;
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  guint *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (resell_item_list_load_finish (RESELL_ITEM_LIST (object), result, &error));
  g_assert_no_error (error);
  (*done)++;
}

static void
load (Fixture *f)
{
  guint done = 0;

  resell_item_list_load_async (f->list, NULL, load_cb, &done);
  resell_test_iterate_until (&done, 1);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("resell-item-list-XXXXXX", &error);
  g_assert_no_error (error);

  f->catalog = resell_catalog_open (f->dir, &error);
  g_assert_no_error (error);

  f->list = resell_item_list_new (f->catalog);
  f->changes = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (f->list, "items-changed", G_CALLBACK (items_changed_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  resell_test_drain_main_context ();

  g_assert_finalize_object (f->list);
  g_assert_finalize_object (f->catalog);
  g_ptr_array_unref (f->changes);

  resell_test_remove_path (f->dir);
  g_free (f->dir);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_load (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *changes = NULL;
  guint loaded_notifies = 0;

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *title = g_strdup_printf ("Item %u", i);
      g_object_unref (insert_item (f->catalog, title));
    }

  /* Empty, and deaf to the catalog, until loaded. */
  resell_test_drain_main_context ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 0);
  g_assert_false (resell_item_list_get_loaded (f->list));
  g_assert_cmpuint (f->n_changes, ==, 0);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (f->list)) == RESELL_TYPE_ITEM);
  g_assert_true (resell_item_list_get_catalog (f->list) == f->catalog);

  g_signal_connect (f->list, "notify::loaded", G_CALLBACK (count_notify_cb), &loaded_notifies);
  load (f);

  g_assert_true (resell_item_list_get_loaded (f->list));
  g_assert_cmpuint (loaded_notifies, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 5);
  changes = take_changes (f);
  g_assert_cmpstr (changes, ==, "0 0 5");

  /* Newest first. */
  g_assert_cmpstr (resell_item_get_title (list_item (f, 0)), ==, "Item 4");
  g_assert_cmpstr (resell_item_get_title (list_item (f, 4)), ==, "Item 0");
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (f->list), 5));
}

static void
test_follow_catalog (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResellItem) a = insert_item (f->catalog, "A");
  g_autoptr(ResellItem) b = insert_item (f->catalog, "B");
  g_autoptr(ResellItem) c = insert_item (f->catalog, "C");
  g_autoptr(ResellItem) d = NULL;
  g_autoptr(ResellPhoto) photo = resell_photo_new ();
  g_autofree char *changes = NULL;
  ResellItem *shown_a;
  guint title_notifies = 0;
  guint position = 99;

  load (f);
  g_clear_pointer (&changes, g_free);
  changes = take_changes (f);
  g_assert_cmpstr (changes, ==, "0 0 3");

  /* [C, B, A] */
  shown_a = resell_item_list_find_by_id (f->list, resell_item_get_id (a), &position);
  g_assert_nonnull (shown_a);
  g_assert_cmpuint (position, ==, 2);
  g_signal_connect (shown_a, "notify::title", G_CALLBACK (count_notify_cb), &title_notifies);

  d = insert_item (f->catalog, "D");
  resell_test_iterate_until (&f->n_changes, 1);
  g_clear_pointer (&changes, g_free);
  changes = take_changes (f);
  g_assert_cmpstr (changes, ==, "0 0 1");
  g_assert_cmpint (resell_item_get_id (list_item (f, 0)), ==, resell_item_get_id (d));
  g_assert_cmpstr (resell_item_get_sku (list_item (f, 0)), ==, resell_item_get_sku (d));

  /* [D, C, B, A]: A changes in place, same instance. */
  resell_item_set_title (a, "A, renamed");
  g_assert_true (resell_catalog_update_item (f->catalog, a, &error));
  g_assert_no_error (error);
  resell_test_iterate_until (&f->n_changes, 1);
  g_clear_pointer (&changes, g_free);
  changes = take_changes (f);
  g_assert_cmpstr (changes, ==, "3 1 1");
  g_assert_true (list_item (f, 3) == shown_a);
  g_assert_cmpstr (resell_item_get_title (shown_a), ==, "A, renamed");
  g_assert_cmpuint (title_notifies, ==, 1);

  /* A photo changes the count and cover of the shown instance. */
  resell_photo_set_item_id (photo, resell_item_get_id (a));
  resell_photo_set_path (photo, "/photos/front.jpg");
  resell_photo_set_sha256 (photo, "cafe");
  g_assert_true (resell_catalog_insert_photo (f->catalog, photo, &error));
  g_assert_no_error (error);
  resell_test_iterate_until (&f->n_changes, 1);
  g_clear_pointer (&changes, g_free);
  changes = take_changes (f);
  g_assert_cmpstr (changes, ==, "3 1 1");
  g_assert_cmpuint (resell_item_get_photo_count (shown_a), ==, 1);
  g_assert_cmpstr (resell_item_get_cover_path (shown_a), ==, "/photos/front.jpg");
  g_assert_cmpstr (resell_item_get_cover_sha256 (shown_a), ==, "cafe");

  /* Trash C (position 1), then restore it: back at the top. */
  g_assert_true (resell_catalog_trash_item (f->catalog, resell_item_get_id (c), &error));
  resell_test_iterate_until (&f->n_changes, 1);
  g_clear_pointer (&changes, g_free);
  changes = take_changes (f);
  g_assert_cmpstr (changes, ==, "1 1 0");
  g_assert_null (resell_item_list_find_by_id (f->list, resell_item_get_id (c), NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 3);

  g_assert_true (resell_catalog_restore_item (f->catalog, resell_item_get_id (c), &error));
  resell_test_iterate_until (&f->n_changes, 1);
  g_clear_pointer (&changes, g_free);
  changes = take_changes (f);
  g_assert_cmpstr (changes, ==, "0 0 1");
  g_assert_cmpint (resell_item_get_id (list_item (f, 0)), ==, resell_item_get_id (c));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 4);

  /* Purged items were already gone; nothing more happens. */
  g_assert_true (resell_catalog_trash_item (f->catalog, resell_item_get_id (b), &error));
  g_assert_true (resell_catalog_purge_trash (f->catalog, G_MAXINT64, NULL, &error));
  g_assert_no_error (error);
  resell_test_iterate_until (&f->n_changes, 1);
  resell_test_drain_main_context ();
  g_clear_pointer (&changes, g_free);
  changes = take_changes (f);
  g_assert_cmpstr (changes, ==, "2 1 0");
}

static void
test_one_instance_per_id (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(ResellItem) a = insert_item (f->catalog, "A");
  g_autoptr(ResellItem) again = NULL;
  g_autofree char *changes = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  ResellItem *shown;
  guint position;
  guint n_items;

  load (f);
  g_clear_pointer (&changes, g_free);
  changes = take_changes (f);

  shown = resell_item_list_find_by_id (f->list, resell_item_get_id (a), &position);
  g_assert_true (shown == list_item (f, position));
  g_assert_true (shown != a);

  /* An added signal for an item already shown updates it in place. */
  again = resell_item_copy (a);
  resell_item_set_title (again, "A again");
  g_signal_emit_by_name (f->catalog, "item-added", again);
  g_clear_pointer (&changes, g_free);
  changes = take_changes (f);
  g_assert_cmpstr (changes, ==, "0 1 1");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 1);
  g_assert_true (resell_item_list_find_by_id (f->list, resell_item_get_id (a), NULL) == shown);
  g_assert_cmpstr (resell_item_get_title (shown), ==, "A again");

  /* Reloading keeps the instances. */
  load (f);
  g_assert_true (resell_item_list_find_by_id (f->list, resell_item_get_id (a), NULL) == shown);
  g_assert_cmpstr (resell_item_get_title (shown), ==, "A");

  n_items = g_list_model_get_n_items (G_LIST_MODEL (f->list));
  for (guint i = 0; i < n_items; i++)
    {
      ResellItem *item = list_item (f, i);
      gint64 *id = g_new (gint64, 1);

      *id = resell_item_get_id (item);
      g_assert_false (g_hash_table_contains (ids, id));
      g_hash_table_add (ids, id);
    }
}

/* Changes committed while the load reads on its thread: the model ends up
 * as the catalog is, with each item once. */
static void
test_changes_during_load (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) stored = NULL;
  guint done = 0;
  guint n_items;

  for (guint i = 0; i < 50; i++)
    g_ptr_array_add (kept, insert_item (f->catalog, "Before"));

  resell_item_list_load_async (f->list, NULL, load_cb, &done);

  for (guint i = 0; i < 50; i++)
    g_ptr_array_add (kept, insert_item (f->catalog, "During"));

  resell_item_set_title (g_ptr_array_index (kept, 0), "Changed during");
  g_assert_true (resell_catalog_update_item (f->catalog, g_ptr_array_index (kept, 0), &error));
  g_assert_true (resell_catalog_trash_item (f->catalog, resell_item_get_id (g_ptr_array_index (kept, 1)), &error));
  g_assert_no_error (error);

  resell_test_iterate_until (&done, 1);
  resell_test_drain_main_context ();

  stored = resell_catalog_list_items (f->catalog, &error);
  g_assert_no_error (error);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (f->list));
  g_assert_cmpuint (n_items, ==, stored->len);
  g_assert_cmpuint (n_items, ==, 99);

  for (guint i = 0; i < stored->len; i++)
    {
      ResellItem *item = g_ptr_array_index (stored, i);
      ResellItem *shown = resell_item_list_find_by_id (f->list, resell_item_get_id (item), NULL);

      g_assert_nonnull (shown);
      g_assert_cmpstr (resell_item_get_title (shown), ==, resell_item_get_title (item));
    }

  g_assert_null (resell_item_list_find_by_id (f->list, resell_item_get_id (g_ptr_array_index (kept, 1)), NULL));
}

typedef struct
{
  ResellCatalog *catalog;
  guint          n;
} ThreadData;

static gpointer
insert_from_thread (gpointer user_data)
{
  ThreadData *data = user_data;

  for (guint i = 0; i < data->n; i++)
    g_object_unref (insert_item (data->catalog, "From a thread"));

  return NULL;
}

static void
test_writes_from_thread (Fixture       *f,
                         gconstpointer  data)
{
  ThreadData thread_data = { f->catalog, 20 };
  GThread *thread;

  load (f);
  g_ptr_array_set_size (f->changes, 0);
  f->n_changes = 0;

  thread = g_thread_new ("writer", insert_from_thread, &thread_data);
  g_thread_join (thread);

  /* The model only changes on this thread, when the context runs. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 0);
  resell_test_iterate_until (&f->n_changes, 20);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 20);
}

static void
load_pending_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  guint *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_false (resell_item_list_load_finish (RESELL_ITEM_LIST (object), result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PENDING);
  (*done)++;
}

static void
test_load_twice_at_once (Fixture       *f,
                         gconstpointer  data)
{
  guint done = 0;
  guint refused = 0;

  g_object_unref (insert_item (f->catalog, "Only"));

  resell_item_list_load_async (f->list, NULL, load_cb, &done);
  resell_item_list_load_async (f->list, NULL, load_pending_cb, &refused);
  resell_test_iterate_until (&done, 1);
  resell_test_iterate_until (&refused, 1);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 1);
}

static void
load_cancelled_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  guint *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_false (resell_item_list_load_finish (RESELL_ITEM_LIST (object), result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  (*done)++;
}

static void
test_load_cancelled (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  guint done = 0;

  g_object_unref (insert_item (f->catalog, "Never shown"));

  g_cancellable_cancel (cancellable);
  resell_item_list_load_async (f->list, cancellable, load_cancelled_cb, &done);
  resell_test_iterate_until (&done, 1);

  g_assert_false (resell_item_list_get_loaded (f->list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 0);

  /* And it can be loaded afterwards. */
  load (f);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  int ret;

  /* One private home for the whole run, before GLib first reads it. */
  home = resell_test_make_private_home ("resell-test-item-list-home-XXXXXX");

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/item-list/load", test_load);
  ADD ("/item-list/follow-catalog", test_follow_catalog);
  ADD ("/item-list/one-instance-per-id", test_one_instance_per_id);
  ADD ("/item-list/changes-during-load", test_changes_during_load);
  ADD ("/item-list/writes-from-thread", test_writes_from_thread);
  ADD ("/item-list/load-twice-at-once", test_load_twice_at_once);
  ADD ("/item-list/load-cancelled", test_load_cancelled);

#undef ADD

  ret = g_test_run ();

  resell_test_remove_path (home);

  return ret;
}
