/* test-catalog-async.c — the catalog's _async forms, as the window uses them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "resell-core.h"
#include "resell-test-utils.h"

typedef struct
{
  char          *dir;
  ResellCatalog *catalog;
  GAsyncResult  *result;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("resell-catalog-async-XXXXXX", &error);
  g_assert_no_error (error);
  f->catalog = resell_catalog_open (f->dir, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_null (f->result);
  resell_test_drain_main_context ();
  resell_test_assert_finalize_soon (g_steal_pointer (&f->catalog));
  resell_test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Fixture *f = user_data;

  g_assert_true (object == G_OBJECT (f->catalog));
  g_assert_null (f->result);
  f->result = g_object_ref (result);
}

/* Runs the main loop until the call started just before has finished;
 * the caller owns the result. */
static GAsyncResult *
wait_result (Fixture *f)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (f->result == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (f->result);

  return g_steal_pointer (&f->result);
}

static ResellItem *
insert_item (Fixture    *f,
             const char *title)
{
  g_autoptr(ResellItem) item = resell_item_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  ResellItem *stored;

  resell_item_set_title (item, title);
  resell_item_set_category (item, "shoes");
  resell_catalog_insert_item_async (f->catalog, item, NULL, store_result_cb, f);
  /* The caller's object is not the one written: it may change meanwhile. */
  resell_item_set_title (item, "changed after the call");

  result = wait_result (f);
  stored = resell_catalog_insert_item_finish (f->catalog, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
  g_assert_true (stored != item);
  g_assert_cmpint (resell_item_get_id (item), ==, 0);
  g_assert_cmpint (resell_item_get_id (stored), >, 0);
  g_assert_cmpstr (resell_item_get_sku (stored), !=, "");
  g_assert_cmpstr (resell_item_get_title (stored), ==, title);

  return stored;
}

static void
test_insert (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(ResellItem) stored = insert_item (f, "Wool coat");
  g_autoptr(ResellItem) looked_up = NULL;
  g_autoptr(GError) error = NULL;

  looked_up = resell_catalog_lookup_item (f->catalog, resell_item_get_id (stored), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (resell_item_get_title (looked_up), ==, "Wool coat");
  g_assert_cmpstr (resell_item_get_sku (looked_up), ==, resell_item_get_sku (stored));
}

static guint
count_items (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  guint n = resell_catalog_count_items (f->catalog, &error);

  g_assert_no_error (error);
  return n;
}

static void
test_trash_restore_purge (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(ResellItem) kept = insert_item (f, "kept");
  g_autoptr(ResellItem) gone = insert_item (f, "gone");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint n_purged = 99;

  resell_catalog_trash_item_async (f->catalog, resell_item_get_id (gone), NULL, store_result_cb, f);
  result = wait_result (f);
  g_assert_true (resell_catalog_trash_item_finish (f->catalog, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (count_items (f), ==, 1);

  resell_catalog_restore_item_async (f->catalog, resell_item_get_id (gone), NULL, store_result_cb, f);
  result = wait_result (f);
  g_assert_true (resell_catalog_restore_item_finish (f->catalog, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (count_items (f), ==, 2);

  /* Trashed before the cut-off: purged; the kept item is not in the trash. */
  resell_catalog_trash_item_async (f->catalog, resell_item_get_id (gone), NULL, store_result_cb, f);
  result = wait_result (f);
  g_assert_true (resell_catalog_trash_item_finish (f->catalog, result, &error));
  g_clear_object (&result);

  /* Trashed just now, so a cut-off in the past purges nothing. */
  resell_catalog_purge_trash_async (f->catalog, g_get_real_time () - G_TIME_SPAN_DAY, NULL, store_result_cb, f);
  result = wait_result (f);
  g_assert_true (resell_catalog_purge_trash_finish (f->catalog, result, &n_purged, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_purged, ==, 0);
  g_clear_object (&result);

  resell_catalog_purge_trash_async (f->catalog, g_get_real_time () + G_TIME_SPAN_DAY, NULL, store_result_cb, f);
  result = wait_result (f);
  g_assert_true (resell_catalog_purge_trash_finish (f->catalog, result, &n_purged, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_purged, ==, 1);
  g_clear_object (&result);

  g_assert_null (resell_catalog_lookup_item (f->catalog, resell_item_get_id (gone), &error));
  g_assert_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (count_items (f), ==, 1);

  /* An item that is not there at all is an error, not silence. */
  resell_catalog_trash_item_async (f->catalog, 4242, NULL, store_result_cb, f);
  result = wait_result (f);
  g_assert_false (resell_catalog_trash_item_finish (f->catalog, result, &error));
  g_assert_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_NOT_FOUND);
}

static ResellPhoto *
add_photo (Fixture *f,
           gint64   item_id,
           char     hex)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = g_strnfill (64, hex);
  g_autofree char *path = g_strdup_printf ("/nonexistent/%c.jpg", hex);
  ResellPhoto *photo = resell_photo_new ();

  resell_photo_set_item_id (photo, item_id);
  resell_photo_set_path (photo, path);
  resell_photo_set_sha256 (photo, sha);
  resell_photo_set_original_name (photo, path);
  g_assert_true (resell_catalog_insert_photo (f->catalog, photo, &error));
  g_assert_no_error (error);
  return photo;
}

static GPtrArray *
list_photos (Fixture *f,
             gint64   item_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *photos;

  resell_catalog_list_photos_async (f->catalog, item_id, NULL, store_result_cb, f);
  result = wait_result (f);
  photos = resell_catalog_list_photos_finish (f->catalog, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (photos);
  return photos;
}

static void
test_photos (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(ResellItem) item = insert_item (f, "camera");
  g_autoptr(ResellPhoto) first = add_photo (f, resell_item_get_id (item), 'a');
  g_autoptr(ResellPhoto) second = add_photo (f, resell_item_get_id (item), 'b');
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  g_autoptr(GError) error = NULL;

  photos = list_photos (f, resell_item_get_id (item));
  g_assert_cmpuint (photos->len, ==, 2);
  g_assert_cmpint (resell_photo_get_id (g_ptr_array_index (photos, 0)), ==, resell_photo_get_id (first));
  g_assert_cmpint (resell_photo_get_id (g_ptr_array_index (photos, 1)), ==, resell_photo_get_id (second));
  g_clear_pointer (&photos, g_ptr_array_unref);

  /* The edits as they were at the call are written. */
  resell_photo_set_edits (second, "{\"rotate\":90}");
  resell_catalog_update_photo_async (f->catalog, second, NULL, store_result_cb, f);
  resell_photo_set_edits (second, "{\"rotate\":180}");
  result = wait_result (f);
  g_assert_true (resell_catalog_update_photo_finish (f->catalog, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  photos = list_photos (f, resell_item_get_id (item));
  g_assert_cmpstr (resell_photo_get_edits (g_ptr_array_index (photos, 1)), ==, "{\"rotate\":90}");
  g_clear_pointer (&photos, g_ptr_array_unref);

  resell_catalog_remove_photo_async (f->catalog, resell_photo_get_id (first), NULL, store_result_cb, f);
  result = wait_result (f);
  g_assert_true (resell_catalog_remove_photo_finish (f->catalog, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  photos = list_photos (f, resell_item_get_id (item));
  g_assert_cmpuint (photos->len, ==, 1);
  g_assert_cmpint (resell_photo_get_id (g_ptr_array_index (photos, 0)), ==, resell_photo_get_id (second));
}

/* A cancelled call reports the cancel, whatever the worker did. */
static void
count_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  guint *n_done = user_data;
  g_autoptr(GError) error = NULL;

  if (g_task_get_source_tag (G_TASK (result)) == resell_catalog_move_photo_async)
    g_assert_true (resell_catalog_move_photo_finish (RESELL_CATALOG (object), result, &error));
  else
    g_assert_true (resell_catalog_update_photo_finish (RESELL_CATALOG (object), result, &error));
  g_assert_no_error (error);
  (*n_done)++;
}

/* Calls made one after another reach the catalog in that order: the last
 * of many quick edits of a photo, and the last of many moves, is what is
 * stored (a pool that ran them in any order would keep an earlier one). */
static void
test_in_call_order (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(ResellItem) item = insert_item (f, "lamp");
  g_autoptr(ResellPhoto) first = add_photo (f, resell_item_get_id (item), 'a');
  g_autoptr(ResellPhoto) second = add_photo (f, resell_item_get_id (item), 'b');
  g_autoptr(ResellPhoto) third = add_photo (f, resell_item_get_id (item), 'c');
  g_autoptr(GPtrArray) photos = NULL;
  const guint n_calls = 60;
  guint n_done = 0;

  for (guint i = 1; i <= n_calls; i++)
    {
      g_autofree char *edits = g_strdup_printf ("{\"straighten\":%u}", i);

      resell_photo_set_edits (second, edits);
      resell_catalog_update_photo_async (f->catalog, second, NULL, count_done_cb, &n_done);
      /* Back and forth: first to the end, then to the start. */
      resell_catalog_move_photo_async (f->catalog, resell_photo_get_id (first),
                                       (i % 2) ? 2 : 0, NULL, count_done_cb, &n_done);
    }
  while (n_done < 2 * n_calls)
    g_main_context_iteration (NULL, TRUE);

  photos = list_photos (f, resell_item_get_id (item));
  g_assert_cmpuint (photos->len, ==, 3);
  /* The last move (call 60, even) put the first photo at the start. */
  g_assert_cmpint (resell_photo_get_id (g_ptr_array_index (photos, 0)), ==, resell_photo_get_id (first));
  g_assert_cmpint (resell_photo_get_id (g_ptr_array_index (photos, 1)), ==, resell_photo_get_id (second));
  g_assert_cmpint (resell_photo_get_id (g_ptr_array_index (photos, 2)), ==, resell_photo_get_id (third));
  g_assert_cmpstr (resell_photo_get_edits (g_ptr_array_index (photos, 1)), ==, "{\"straighten\":60}");
}

static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(ResellItem) item = resell_item_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint n_purged = 7;

  resell_item_set_category (item, "books");
  g_cancellable_cancel (cancellable);

  resell_catalog_insert_item_async (f->catalog, item, cancellable, store_result_cb, f);
  result = wait_result (f);
  g_assert_null (resell_catalog_insert_item_finish (f->catalog, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_object (&result);

  resell_catalog_purge_trash_async (f->catalog, g_get_real_time (), cancellable, store_result_cb, f);
  result = wait_result (f);
  g_assert_false (resell_catalog_purge_trash_finish (f->catalog, result, &n_purged, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (n_purged, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/catalog-async/insert", Fixture, NULL, fixture_setup, test_insert, fixture_teardown);
  g_test_add ("/catalog-async/trash-restore-purge", Fixture, NULL, fixture_setup, test_trash_restore_purge, fixture_teardown);
  g_test_add ("/catalog-async/photos", Fixture, NULL, fixture_setup, test_photos, fixture_teardown);
  g_test_add ("/catalog-async/cancelled", Fixture, NULL, fixture_setup, test_cancelled, fixture_teardown);
  g_test_add ("/catalog-async/in-call-order", Fixture, NULL, fixture_setup, test_in_call_order, fixture_teardown);

  return g_test_run ();
}
