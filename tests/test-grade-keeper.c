/* test-grade-keeper.c — the stored grade follows the answers, flaws and
 * override, and settles (no endless item-changed)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "catalog-test-utils.h"
#include "resell-test-utils.h"
#include "resell-core.h"
#include "catalog/resell-catalog-comps.h"

#define ALL_ANSWERED "used=few-times,shape=as-new,lining=clean,hardware-works=all," \
                     "handles=like-new,odour=no,extras=all"

typedef struct
{
  ResellTestCatalogFixture  base;
  ResellCategoryRegistry   *categories;
  ResellGrader             *grader;
  ResellGradeKeeper        *keeper;
  guint                     changed;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  resell_test_catalog_fixture_set_up (&f->base, data);

  g_setenv ("RESELL_CATEGORIES_DIR", "/nonexistent", TRUE);
  g_setenv ("RESELL_GRADING_DIR", "/nonexistent", TRUE);
  f->categories = resell_category_registry_new ();
  g_assert_true (resell_category_registry_load_default (f->categories, problems, &error));
  g_assert_no_error (error);
  f->grader = resell_grader_new ();
  resell_grader_load_default (f->grader, f->categories, problems);
  g_assert_cmpuint (problems->len, ==, 0);

  f->keeper = resell_grade_keeper_new (f->grader, f->categories, f->base.catalog);
  g_signal_connect (f->base.catalog, "item-changed", G_CALLBACK (resell_test_count_signal_cb), &f->changed);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_signal_handlers_disconnect_by_data (f->base.catalog, &f->changed);
  /* The worker lets go of a finished task after handing its result over:
   * wait for that, then for the result's idle, or the task still holds
   * the keeper (and so the catalog). */
  resell_grade_keeper_flush (f->keeper);
  resell_test_drain_main_context ();
  g_assert_finalize_object (g_steal_pointer (&f->keeper));
  g_clear_object (&f->grader);
  g_clear_object (&f->categories);
  resell_test_catalog_fixture_tear_down (&f->base, data);
}

/* Delivers the catalog's signals and lets the keeper finish what they
 * queued, until a whole round brings nothing new; fails if that never
 * happens (the loop the keeper must not start). */
static void
settle (Fixture *f)
{
  for (guint round = 0; round < 20; round++)
    {
      guint before = f->changed;

      resell_grade_keeper_flush (f->keeper);
      /* The catalog hands its signals over in an idle: let it run. */
      for (guint i = 0; i < 50; i++)
        {
          while (g_main_context_iteration (NULL, FALSE))
            ;
          g_usleep (1000);
        }
      resell_grade_keeper_flush (f->keeper);

      if (f->changed == before)
        return;
    }

  g_assert_not_reached ();
}

static char *
stored_grade (Fixture *f,
              gint64   id)
{
  g_autoptr(ResellItem) item = NULL;
  g_autoptr(GError) error = NULL;

  item = resell_catalog_lookup_item (f->base.catalog, id, &error);
  g_assert_no_error (error);

  return g_strdup (resell_item_get_grade (item));
}

static GHashTable *
parse_answers (const char *text)
{
  GHashTable *answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) pairs = g_strsplit (text, ",", -1);

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (pairs[i], "=", 2);

      g_hash_table_insert (answers, g_strdup (kv[0]), g_strdup (kv[1]));
    }

  return answers;
}

static void
add_flaw (Fixture     *f,
          ResellPhoto *photo)
{
  g_autoptr(ResellFlaw) flaw = resell_flaw_new ();
  g_autoptr(GError) error = NULL;

  resell_flaw_set_item_id (flaw, resell_photo_get_item_id (photo));
  resell_flaw_set_photo_id (flaw, resell_photo_get_id (photo));
  resell_flaw_set_type_id (flaw, "stain");
  resell_flaw_set_severity (flaw, RESELL_FLAW_SEVERITY_MAJOR);
  resell_flaw_set_shape (flaw, RESELL_FLAW_SHAPE_POINT);
  resell_flaw_set_x (flaw, 0.5);
  resell_flaw_set_y (flaw, 0.5);
  g_assert_true (resell_catalog_add_flaw (f->base.catalog, flaw, &error));
  g_assert_no_error (error);
}

static void
test_keeper_follows (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(ResellItem) item = resell_test_insert_item (f->base.catalog, "Tabby 26");
  g_autoptr(ResellPhoto) lining = resell_test_insert_photo (f->base.catalog, item, "lining.jpg", "cc");
  g_autoptr(GHashTable) some = parse_answers ("used=few-times");
  g_autoptr(GHashTable) all = parse_answers (ALL_ANSWERED);
  g_autoptr(GError) error = NULL;
  gint64 id = resell_item_get_id (item);
  g_autofree char *grade = NULL;
  guint before;

  /* Nothing said yet, or a checklist half answered: no grade, only the
   * rules' default, which is not one. */
  settle (f);
  grade = stored_grade (f, id);
  g_assert_null (grade);

  g_assert_true (resell_catalog_set_answers (f->base.catalog, id, some, &error));
  g_assert_no_error (error);
  settle (f);
  grade = stored_grade (f, id);
  g_assert_null (grade);

  /* The whole checklist: graded. */
  g_assert_true (resell_catalog_set_answers (f->base.catalog, id, all, &error));
  g_assert_no_error (error);
  settle (f);
  g_free (grade);
  grade = stored_grade (f, id);
  g_assert_cmpstr (grade, ==, "excellent");

  /* A major stain marked on a photo: the stored grade drops.  Two
   * item-changed: the flaw's own and the grade's write, which the keeper
   * does not answer with another (settle() fails on an endless loop). */
  before = f->changed;
  add_flaw (f, lining);
  settle (f);
  g_free (grade);
  grade = stored_grade (f, id);
  g_assert_cmpstr (grade, ==, "fair");
  g_assert_cmpuint (f->changed - before, ==, 2);

  /* The seller's override is what is stored. */
  g_assert_true (resell_catalog_set_grade_override (f->base.catalog, id, "good", "Cleans off", "Sam", &error));
  g_assert_no_error (error);
  settle (f);
  g_free (grade);
  grade = stored_grade (f, id);
  g_assert_cmpstr (grade, ==, "good");

  /* The lists read it with the item. */
  {
    g_autoptr(GPtrArray) items = resell_catalog_list_items (f->base.catalog, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (items->len, ==, 1);
    g_assert_cmpstr (resell_item_get_grade (g_ptr_array_index (items, 0)), ==, "good");
  }
}

static void
refreshed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  guint *n_changed = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (resell_grade_keeper_refresh_all_finish (RESELL_GRADE_KEEPER (object), result, n_changed, &error));
  g_assert_no_error (error);
}

static void
test_keeper_refresh_all (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(ResellItem) a = resell_test_insert_item (f->base.catalog, "A");
  g_autoptr(ResellItem) b = resell_test_insert_item (f->base.catalog, "B");
  g_autoptr(GHashTable) all = parse_answers (ALL_ANSWERED);
  g_autoptr(GError) error = NULL;
  g_autofree char *grade_a = NULL;
  g_autofree char *grade_b = NULL;
  sqlite3 *db;
  guint n_changed = G_MAXUINT;

  g_assert_true (resell_catalog_set_answers (f->base.catalog, resell_item_get_id (a), all, &error));
  settle (f);

  /* A stored grade that the rules no longer give (say, an older rules
   * file) and one missing: the pass puts both right, and only them. */
  db = resell_test_raw_open (f->base.dir);
  resell_test_raw_exec (db, "UPDATE items SET grade = 'for-parts'");
  sqlite3_close (db);

  resell_grade_keeper_refresh_all_async (f->keeper, NULL, refreshed_cb, &n_changed);
  while (n_changed == G_MAXUINT)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (n_changed, ==, 2);

  grade_a = stored_grade (f, resell_item_get_id (a));
  grade_b = stored_grade (f, resell_item_get_id (b));
  g_assert_cmpstr (grade_a, ==, "excellent");
  g_assert_null (grade_b);

  n_changed = G_MAXUINT;
  resell_grade_keeper_refresh_all_async (f->keeper, NULL, refreshed_cb, &n_changed);
  while (n_changed == G_MAXUINT)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (n_changed, ==, 0);
}

/* The ready check reads what the item was loaded with: the kept grade and
 * the asking price, both needed, said in one sentence. */
static void
test_ready_check (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(ResellItem) item = resell_test_insert_item (f->base.catalog, "Tabby 26");
  g_autoptr(ResellItem) loaded = NULL;
  g_autoptr(GHashTable) all = parse_answers (ALL_ANSWERED);
  g_autoptr(GError) error = NULL;
  g_autofree char *both = NULL;
  g_autofree char *price_only = NULL;
  gint64 id = resell_item_get_id (item);

  g_assert_cmpint (resell_item_check_ready (item), ==,
                   RESELL_READY_MISSING_GRADE | RESELL_READY_MISSING_PRICE);
  g_assert_false (resell_item_ensure_ready (item, &error));
  g_assert_error (error, RESELL_READY_ERROR, RESELL_READY_ERROR_MISSING);
  both = resell_ready_missing_describe (RESELL_READY_MISSING_GRADE | RESELL_READY_MISSING_PRICE);
  g_assert_cmpstr (error->message, ==, both);
  g_assert_cmpstr (both, ==,
                   "Not ready yet: no grade (answer the condition checklist or set a grade), no asking price.");
  g_clear_error (&error);
  g_assert_null (resell_ready_missing_describe (RESELL_READY_MISSING_NONE));

  /* Graded through the keeper: only the price is missing. */
  g_assert_true (resell_catalog_set_answers (f->base.catalog, id, all, &error));
  g_assert_no_error (error);
  settle (f);
  loaded = resell_catalog_lookup_item (f->base.catalog, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (resell_item_check_ready (loaded), ==, RESELL_READY_MISSING_PRICE);
  g_assert_false (resell_item_ensure_ready (loaded, &error));
  price_only = resell_ready_missing_describe (RESELL_READY_MISSING_PRICE);
  g_assert_cmpstr (error->message, ==, price_only);
  g_assert_cmpstr (price_only, ==, "Not ready yet: no asking price.");
  g_clear_error (&error);

  /* The asking price the pricing module stores is loaded with the item. */
  g_assert_true (resell_catalog_set_list_price (f->base.catalog, id, 12500, "EUR", &error));
  g_assert_no_error (error);
  g_clear_object (&loaded);
  loaded = resell_catalog_lookup_item (f->base.catalog, id, &error);
  g_assert_no_error (error);
  {
    gint64 minor = 0;
    const char *currency = NULL;

    g_assert_true (resell_item_get_list_price (loaded, &minor, &currency));
    g_assert_cmpint (minor, ==, 12500);
    g_assert_cmpstr (currency, ==, "EUR");
  }
  g_assert_cmpint (resell_item_check_ready (loaded), ==, RESELL_READY_MISSING_NONE);
  g_assert_true (resell_item_ensure_ready (loaded, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/grade-keeper/follows", Fixture, NULL, fixture_set_up, test_keeper_follows, fixture_tear_down);
  g_test_add ("/grade-keeper/ready-check", Fixture, NULL, fixture_set_up, test_ready_check, fixture_tear_down);
  g_test_add ("/grade-keeper/refresh-all", Fixture, NULL, fixture_set_up, test_keeper_refresh_all, fixture_tear_down);

  return g_test_run ();
}
