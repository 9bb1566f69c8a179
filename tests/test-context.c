/* test-context.c — the shared services, made once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>

#include "resell-core.h"
#include "resell-test-utils.h"

static char *home;

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GPtrArray *results = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (resell_context_load_catalog_finish (RESELL_CONTEXT (object), result, &error));
  g_assert_no_error (error);
  g_ptr_array_add (results, g_object_ref (resell_context_get_catalog (RESELL_CONTEXT (object))));
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           guint      *n_notified)
{
  (*n_notified)++;
}

/* Directories from the environment, the user's category folder read,
 * profiles listed, the catalog opened once however many ask. */
static void
test_services (void)
{
  g_autofree char *data_dir = g_build_filename (home, "data", NULL);
  g_autofree char *cache_dir = g_build_filename (home, "cache", NULL);
  g_autofree char *user_categories = g_build_filename (g_get_user_data_dir (), "resell", "categories", NULL);
  g_autofree char *db_path = NULL;
  g_autoptr(ResellContext) context = NULL;
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(ResellListingProfile) ebay = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bad = NULL;
  const char * const *problems;
  guint n_notified = 0;

  g_setenv ("RESELL_DATA_DIR", data_dir, TRUE);
  g_setenv ("RESELL_CACHE_DIR", cache_dir, TRUE);
  g_assert_cmpint (g_mkdir_with_parents (user_categories, 0700), ==, 0);
  bad = resell_test_write_file (user_categories, "broken.json", "{ not json", 10);

  context = resell_context_new (NULL, NULL);
  g_assert_cmpstr (resell_context_get_data_dir (context), ==, data_dir);
  g_assert_cmpstr (resell_context_get_cache_dir (context), ==, cache_dir);
  g_assert_cmpstr (resell_thumbnailer_get_cache_dir (resell_context_get_thumbnailer (context)), ==, cache_dir);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (resell_context_get_categories (context))), >, 0);
  g_assert_nonnull (resell_category_registry_lookup (resell_context_get_categories (context), "clothing"));
  problems = resell_context_get_category_problems (context);
  g_assert_nonnull (problems);
  g_assert_cmpuint (g_strv_length ((GStrv) problems), ==, 1);
  g_assert_nonnull (strstr (problems[0], "broken.json"));

  g_assert_cmpuint (g_list_model_get_n_items (resell_context_get_profiles (context)), >, 0);
  ebay = resell_context_lookup_profile (context, "ebay", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (resell_listing_profile_get_id (ebay), ==, "ebay");
  g_assert_null (resell_context_lookup_profile (context, "no-such-marketplace", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* Nothing opened yet: start-up does not wait for the catalog. */
  g_assert_null (resell_context_get_catalog (context));
  g_assert_null (resell_context_get_importer (context));
  db_path = g_build_filename (data_dir, "catalog.db", NULL);
  g_assert_false (g_file_test (db_path, G_FILE_TEST_EXISTS));

  g_signal_connect (context, "notify::catalog", G_CALLBACK (notify_cb), &n_notified);
  resell_context_load_catalog_async (context, NULL, load_cb, results);
  resell_context_load_catalog_async (context, NULL, load_cb, results);
  resell_test_iterate_until (&results->len, 2);
  g_assert_cmpuint (n_notified, ==, 1);
  g_assert_true (g_ptr_array_index (results, 0) == g_ptr_array_index (results, 1));
  g_assert_true (g_ptr_array_index (results, 0) == (gpointer) resell_context_get_catalog (context));
  g_assert_nonnull (resell_context_get_importer (context));
  g_assert_true (g_file_test (db_path, G_FILE_TEST_EXISTS));

  /* Loaded: later calls succeed at once, with the same catalog. */
  g_assert_true (resell_context_load_catalog (context, &error));
  g_assert_no_error (error);
  resell_context_load_catalog_async (context, NULL, load_cb, results);
  resell_test_iterate_until (&results->len, 3);
  g_assert_true (g_ptr_array_index (results, 2) == (gpointer) resell_context_get_catalog (context));
  g_assert_cmpuint (n_notified, ==, 1);

  g_clear_pointer (&results, g_ptr_array_unref);
  resell_test_drain_main_context ();
  resell_test_assert_finalize_soon (g_steal_pointer (&context));
  resell_test_remove_path (bad);
  g_unsetenv ("RESELL_DATA_DIR");
  g_unsetenv ("RESELL_CACHE_DIR");
}

static void
test_open_fails (void)
{
  g_autofree char *file = resell_test_write_file (home, "not-a-folder", "x", 1);
  g_autoptr(ResellContext) context = resell_context_new (file, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (resell_context_load_catalog (context, &error));
  g_assert_nonnull (error);
  g_assert_null (resell_context_get_catalog (context));
  g_assert_null (resell_context_get_importer (context));
}

/* The app's upkeep empties what has been in the trash for over 30 days,
 * and only that. */
static void
test_upkeep_purges_old_trash (void)
{
  g_autofree char *data_dir = g_build_filename (home, "upkeep", NULL);
  g_autofree char *db_path = g_build_filename (data_dir, "catalog.db", NULL);
  g_autoptr(ResellContext) context = NULL;
  g_autoptr(ResellItem) old = resell_item_new ();
  g_autoptr(ResellItem) recent = resell_item_new ();
  g_autoptr(ResellItem) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  sqlite3 *db = NULL;

  {
    g_autoptr(ResellCatalog) catalog = resell_catalog_open (data_dir, &error);

    g_assert_no_error (error);
    resell_item_set_category (old, "books");
    resell_item_set_category (recent, "books");
    g_assert_true (resell_catalog_insert_item (catalog, old, &error));
    g_assert_true (resell_catalog_insert_item (catalog, recent, &error));
    g_assert_true (resell_catalog_trash_item (catalog, resell_item_get_id (old), &error));
    g_assert_true (resell_catalog_trash_item (catalog, resell_item_get_id (recent), &error));
    g_assert_no_error (error);
  }
  resell_test_drain_main_context ();

  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  sql = g_strdup_printf ("UPDATE items SET trashed_at = %" G_GINT64_FORMAT " WHERE id = %" G_GINT64_FORMAT,
                         g_get_real_time () - 31 * G_TIME_SPAN_DAY, resell_item_get_id (old));
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  context = resell_context_new (data_dir, NULL);
  resell_context_start_upkeep (context);
  g_assert_true (resell_context_load_catalog (context, &error));
  g_assert_no_error (error);
  /* The purge runs on a worker: wait for the old item to go. */
  {
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
    g_autoptr(ResellItem) still = NULL;

    do
      {
        g_clear_object (&still);
        g_clear_error (&error);
        resell_test_drain_main_context ();
        g_usleep (10 * 1000);
        still = resell_catalog_lookup_item (resell_context_get_catalog (context), resell_item_get_id (old), &error);
      }
    while (still != NULL && g_get_monotonic_time () < deadline);

    g_assert_null (still);
    g_assert_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  found = resell_catalog_lookup_item (resell_context_get_catalog (context), resell_item_get_id (recent), &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);

  resell_test_drain_main_context ();
  resell_test_assert_finalize_soon (g_steal_pointer (&context));
}

/* The seller's preferences, for tools that have no ResellSettings: the
 * tests install the app's schema (in memory), so here they are. */
static void
test_settings (void)
{
  g_autoptr(ResellContext) context = resell_context_new (NULL, NULL);
  g_autoptr(GSettings) app = g_settings_new (APP_ID);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autofree char *prefix = NULL;
  GSettings *settings = resell_context_get_settings (context);

  g_assert_nonnull (settings);
  g_object_get (settings, "settings-schema", &schema, NULL);
  g_assert_cmpstr (g_settings_schema_get_id (schema), ==, APP_ID);

  /* What the preferences window wrote is what a tool reads. */
  g_assert_true (g_settings_set_string (app, "sku-prefix", "VINT"));
  prefix = g_settings_get_string (settings, "sku-prefix");
  g_assert_cmpstr (prefix, ==, "VINT");
  g_settings_reset (app, "sku-prefix");

  resell_test_assert_finalize_soon (g_steal_pointer (&context));
}

/* Without the schema (a tool run from its build tree) there are no
 * preferences, rather than the abort g_settings_new() gives. */
static void
test_settings_not_installed (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(ResellContext) context = NULL;

      /* Before the first GSettings of this process: the schema source
       * is read once. */
      g_unsetenv ("GSETTINGS_SCHEMA_DIR");
      g_setenv ("XDG_DATA_DIRS", home, TRUE);

      context = resell_context_new (NULL, NULL);
      g_assert_null (resell_context_get_settings (context));
      g_assert_nonnull (resell_context_get_categories (context));
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int    argc,
      char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  home = resell_test_make_private_home ("resell-context-XXXXXX");

  g_test_add_func ("/context/services", test_services);
  g_test_add_func ("/context/open-fails", test_open_fails);
  g_test_add_func ("/context/upkeep-purges-old-trash", test_upkeep_purges_old_trash);
  g_test_add_func ("/context/settings", test_settings);
  g_test_add_func ("/context/settings-not-installed", test_settings_not_installed);

  ret = g_test_run ();
  resell_test_remove_tree (home);
  g_free (home);
  return ret;
}
