/* grading.c — grading 10,000 items: the engine and the condition text over
 * synthetic items of every category (random answers, 0–8 flaws each), the
 * time printed per 10,000.  Goal: under 1 s.
 *
 * Usage: bench-grading [DIR]
 *
 * With DIR, a catalog filled by bench-catalog-fill (items with photos), also
 * gives every item random answers and a third of them a flaw on their first
 * photo, then times appraising every item from the catalog (answers, flaws
 * and photos read, graded, condition text written): what grading the whole
 * catalog costs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "resell-core.h"
#include "catalog/resell-catalog-hooks.h"

#define N_ITEMS 10000

typedef struct
{
  ResellGradingRules *rules;
  GHashTable         *answers;
  ResellGradeFlaw     flaws[8];
  guint               n_flaws;
} Item;

typedef struct
{
  ResellCategoryRegistry *categories;
  GPtrArray              *items;
  GRand                  *rand;
} Fill;

static gboolean
fill_grading (ResellCatalog  *catalog,
              gpointer        user_data,
              GError        **error)
{
  static const char * const severities[] = { "minor", "moderate", "major" };
  Fill *fill = user_data;

  for (guint i = 0; i < fill->items->len; i++)
    {
      ResellItem *item = g_ptr_array_index (fill->items, i);
      ResellCategory *category = resell_category_registry_lookup (fill->categories, resell_item_get_category (item));
      g_autoptr(GHashTable) answers = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GPtrArray) photos = NULL;

      if (category == NULL)
        continue;

      for (guint q = 0; q < resell_category_get_n_questions (category); q++)
        {
          const ResellCheckQuestion *question = resell_category_get_question (category, q);

          g_hash_table_insert (answers, question->id,
                               question->answer_ids[g_rand_int_range (fill->rand, 0, g_strv_length (question->answer_ids))]);
        }

      if (!resell_catalog_set_answers (catalog, resell_item_get_id (item), answers, error))
        return FALSE;

      if (i % 3 != 0 || resell_category_get_n_flaw_types (category) == 0)
        continue;

      if (!(photos = resell_catalog_list_photos (catalog, resell_item_get_id (item), error)))
        return FALSE;

      if (photos->len > 0)
        {
          g_autoptr(ResellFlaw) flaw = resell_flaw_new ();
          ResellFlawSeverity severity;
          guint type = g_rand_int_range (fill->rand, 0, resell_category_get_n_flaw_types (category));

          resell_flaw_severity_from_string (severities[g_rand_int_range (fill->rand, 0, 3)], &severity);
          resell_flaw_set_item_id (flaw, resell_item_get_id (item));
          resell_flaw_set_photo_id (flaw, resell_photo_get_id (g_ptr_array_index (photos, 0)));
          resell_flaw_set_type_id (flaw, resell_category_get_flaw_type (category, type)->id);
          resell_flaw_set_severity (flaw, severity);
          resell_flaw_set_shape (flaw, RESELL_FLAW_SHAPE_POINT);
          resell_flaw_set_x (flaw, 0.5);
          resell_flaw_set_y (flaw, 0.5);
          if (!resell_catalog_add_flaw (catalog, flaw, error))
            return FALSE;
        }
    }

  return TRUE;
}

static void
bench_catalog (const char             *dir,
               ResellCategoryRegistry *categories,
               ResellGrader           *grader)
{
  g_autoptr(ResellCatalog) catalog = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  Fill fill = { categories, NULL, rand };
  gint64 start, done;
  guint n_graded = 0;

  if (!(catalog = resell_catalog_open (dir, &error)) ||
      !(items = resell_catalog_list_items (catalog, &error)))
    g_error ("%s", error->message);

  fill.items = items;
  if (!resell_catalog_run_in_transaction (catalog, fill_grading, &fill, &error))
    g_error ("%s", error->message);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < items->len; i++)
    {
      g_autoptr(ResellAppraisal) appraisal = NULL;

      appraisal = resell_appraisal_load (grader, categories, catalog,
                                         resell_item_get_id (g_ptr_array_index (items, i)), &error);
      if (appraisal == NULL)
        g_error ("%s", error->message);
      n_graded++;
    }
  done = g_get_monotonic_time ();

  g_print ("Appraising every item of a catalog of %u items, one by one:\n", n_graded);
  g_print ("  total:          %8.1f ms\n", (done - start) / 1000.0);

  start = g_get_monotonic_time ();
  all = resell_appraisal_load_all (grader, categories, catalog, NULL, &error);
  if (all == NULL)
    g_error ("%s", error->message);
  done = g_get_monotonic_time ();
  n_graded = all->len;

  g_print ("Appraising every item of a catalog of %u items at once (answers, flaws and photos read from it):\n", n_graded);
  g_print ("  total:          %8.1f ms (%.1f ms per 10,000; goal: under 1000 ms)\n",
           (done - start) / 1000.0, (done - start) / 1000.0 * 10000.0 / MAX (n_graded, 1));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ResellCategoryRegistry) categories = resell_category_registry_new ();
  g_autoptr(ResellGrader) grader = resell_grader_new ();
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (10);
  g_autoptr(GError) error = NULL;
  static const char * const severities[] = { "minor", "moderate", "major" };
  static const char * const zones[] = { "front", "back", "lining", NULL };
  Item *items = g_new0 (Item, N_ITEMS);
  guint n_categories, histogram[RESELL_N_CONDITIONS] = { 0 };
  gsize text_chars = 0;
  gint64 start, graded, written;

  setlocale (LC_ALL, "");

  if (!resell_category_registry_load_default (categories, problems, &error))
    g_error ("%s", error->message);
  resell_grader_load_default (grader, categories, problems);
  n_categories = g_list_model_get_n_items (G_LIST_MODEL (categories));

  for (guint i = 0; i < N_ITEMS; i++)
    {
      g_autoptr(ResellCategory) category = g_list_model_get_item (G_LIST_MODEL (categories), i % n_categories);
      Item *item = &items[i];

      item->rules = resell_grader_lookup (grader, resell_category_get_id (category));
      item->answers = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint q = 0; q < resell_category_get_n_questions (category); q++)
        {
          const ResellCheckQuestion *question = resell_category_get_question (category, q);
          guint n = g_strv_length (question->answer_ids);

          /* One question in five left unanswered, as in real catalogs. */
          if (g_rand_int_range (rand, 0, 5) > 0)
            g_hash_table_insert (item->answers, question->id,
                                 question->answer_ids[g_rand_int_range (rand, 0, n)]);
        }

      item->n_flaws = g_rand_int_range (rand, 0, 9);
      for (guint f = 0; f < item->n_flaws; f++)
        {
          guint type = g_rand_int_range (rand, 0, resell_category_get_n_flaw_types (category));

          item->flaws[f].type_id = resell_category_get_flaw_type (category, type)->id;
          item->flaws[f].severity_id = severities[g_rand_int_range (rand, 0, 3)];
          item->flaws[f].zone_id = zones[g_rand_int_range (rand, 0, 4)];
          item->flaws[f].photo_number = g_rand_int_range (rand, 0, 13);
        }
    }

  start = g_get_monotonic_time ();
  for (guint i = 0; i < N_ITEMS; i++)
    {
      g_autoptr(ResellGradeResult) result = resell_grading_rules_grade (items[i].rules, items[i].answers,
                                                                        items[i].flaws, items[i].n_flaws);

      histogram[resell_grade_result_get_grade (result)]++;
    }
  graded = g_get_monotonic_time ();

  for (guint i = 0; i < N_ITEMS; i++)
    {
      g_autofree char *text = resell_condition_text_write (items[i].rules, items[i].answers,
                                                           items[i].flaws, items[i].n_flaws, 0);

      text_chars += strlen (text);
    }
  written = g_get_monotonic_time ();

  g_print ("Grading %u items of %u categories (0–8 flaws each):\n", N_ITEMS, n_categories);
  g_print ("  grade:          %8.1f ms per 10,000 (goal: under 1000 ms)\n", (graded - start) / 1000.0);
  g_print ("  condition text: %8.1f ms per 10,000 (%.0f characters on average)\n",
           (written - graded) / 1000.0, (double)text_chars / N_ITEMS);
  g_print ("  grades:");
  for (guint c = 0; c < RESELL_N_CONDITIONS; c++)
    g_print (" %s %u", resell_condition_to_id (c), histogram[c]);
  g_print ("\n");

  for (guint i = 0; i < N_ITEMS; i++)
    g_hash_table_unref (items[i].answers);
  g_free (items);

  if (argc > 1)
    bench_catalog (argv[1], categories, grader);

  return 0;
}
