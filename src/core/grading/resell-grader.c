/* resell-grader.c — loading the rules files and grading an item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-grading"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "grading/resell-grader.h"
#include "grading/resell-grade-result-private.h"
#include "grading/resell-grading-rules-private.h"

#define BUILTIN_RESOURCE_PATH "/com/example/Resell/grading/"

struct _ResellGrader
{
  GObject     parent_instance;

  GHashTable *rules;  /* category id → ResellGradingRules */
};

G_DEFINE_FINAL_TYPE (ResellGrader, resell_grader, G_TYPE_OBJECT)

static void
resell_grader_finalize (GObject *object)
{
  ResellGrader *self = RESELL_GRADER (object);

  g_clear_pointer (&self->rules, g_hash_table_unref);

  G_OBJECT_CLASS (resell_grader_parent_class)->finalize (object);
}

static void
resell_grader_class_init (ResellGraderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = resell_grader_finalize;
}

static void
resell_grader_init (ResellGrader *self)
{
  self->rules = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

ResellGrader *
resell_grader_new (void)
{
  return g_object_new (RESELL_TYPE_GRADER, NULL);
}

void
resell_grader_add (ResellGrader       *self,
                   ResellGradingRules *rules)
{
  g_return_if_fail (RESELL_IS_GRADER (self));
  g_return_if_fail (RESELL_IS_GRADING_RULES (rules));

  g_hash_table_replace (self->rules,
                        g_strdup (resell_category_get_id (rules->category)),
                        g_object_ref (rules));
}

ResellGradingRules *
resell_grader_lookup (ResellGrader *self,
                      const char   *category_id)
{
  g_return_val_if_fail (RESELL_IS_GRADER (self), NULL);

  if (category_id == NULL)
    return NULL;

  return g_hash_table_lookup (self->rules, category_id);
}

/* The file is named after its category: "handbags.json". */
static gboolean
load_one (ResellGrader           *self,
          ResellCategoryRegistry *categories,
          const char             *name,
          const char             *source,
          const char             *data,
          gsize                   length,
          GPtrArray              *problems)
{
  g_autoptr(ResellGradingRules) rules = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *category_id = g_strndup (name, strlen (name) - strlen (".json"));
  ResellCategory *category = resell_category_registry_lookup (categories, category_id);

  if (category == NULL)
    {
      if (problems != NULL)
        g_ptr_array_add (problems,
                         g_strdup_printf (_("%s:1: there is no category “%s” for these grading rules"),
                                          source, category_id));
      return FALSE;
    }

  if (!(rules = resell_grading_rules_new_from_data (category, source, data, length, &error)))
    {
      g_debug ("%s", error->message);
      if (problems != NULL)
        g_ptr_array_add (problems, g_strdup (error->message));
      return FALSE;
    }

  resell_grader_add (self, rules);

  return TRUE;
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return g_strcmp0 (*(char * const *)a, *(char * const *)b);
}

guint
resell_grader_load_directory (ResellGrader           *self,
                              ResellCategoryRegistry *categories,
                              const char             *dir,
                              GPtrArray              *problems)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) gdir = NULL;
  const char *name;
  guint n_loaded = 0;

  g_return_val_if_fail (RESELL_IS_GRADER (self), 0);
  g_return_val_if_fail (RESELL_IS_CATEGORY_REGISTRY (categories), 0);
  g_return_val_if_fail (dir != NULL, 0);

  if (!(gdir = g_dir_open (dir, 0, &error)))
    {
      /* Nobody has to create their own rules folder. */
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT) && problems != NULL)
        g_ptr_array_add (problems,
                         g_strdup_printf (_("Could not read the grading rules folder %s: %s"),
                                          dir, error->message));
      return 0;
    }

  while ((name = g_dir_read_name (gdir)))
    {
      if (g_str_has_suffix (name, ".json") && name[0] != '.')
        g_ptr_array_add (names, g_strdup (name));
    }

  g_ptr_array_sort (names, compare_strings);

  for (guint i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (dir, file, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (!g_file_get_contents (path, &contents, &length, &error))
        {
          if (problems != NULL)
            g_ptr_array_add (problems, g_strdup (error->message));
          g_clear_error (&error);
          continue;
        }

      n_loaded += load_one (self, categories, file, path, contents, length, problems);
    }

  return n_loaded;
}

static void
load_builtin (ResellGrader           *self,
              ResellCategoryRegistry *categories,
              GPtrArray              *problems)
{
  g_auto(GStrv) names = NULL;
  g_autoptr(GError) error = NULL;

  if (!(names = g_resources_enumerate_children (BUILTIN_RESOURCE_PATH, 0, &error)))
    {
      g_critical ("Built-in grading rules are missing: %s", error->message);
      return;
    }

  qsort (names, g_strv_length (names), sizeof (char *), compare_strings);

  for (guint i = 0; names[i]; i++)
    {
      g_autofree char *path = g_strconcat (BUILTIN_RESOURCE_PATH, names[i], NULL);
      g_autofree char *uri = NULL;
      g_autoptr(GBytes) bytes = NULL;
      gsize length;
      const char *data;

      if (!g_str_has_suffix (names[i], ".json"))
        continue;

      if (!(bytes = g_resources_lookup_data (path, 0, &error)))
        {
          if (problems != NULL)
            g_ptr_array_add (problems, g_strdup (error->message));
          g_clear_error (&error);
          continue;
        }

      uri = g_strconcat ("resource://", path, NULL);
      data = g_bytes_get_data (bytes, &length);
      load_one (self, categories, names[i], uri, data, length, problems);
    }
}

void
resell_grader_load_default (ResellGrader           *self,
                            ResellCategoryRegistry *categories,
                            GPtrArray              *problems)
{
  g_autofree char *user_dir = NULL;
  const char *env;

  g_return_if_fail (RESELL_IS_GRADER (self));
  g_return_if_fail (RESELL_IS_CATEGORY_REGISTRY (categories));

  load_builtin (self, categories, problems);

  env = g_getenv ("RESELL_GRADING_DIR");
  if (env != NULL && env[0] != '\0')
    user_dir = g_strdup (env);
  else
    user_dir = g_build_filename (g_get_user_data_dir (), "resell", "grading", NULL);

  resell_grader_load_directory (self, categories, user_dir, problems);
}

/* ------------------------------------------------------------------------
 * Grading
 * ------------------------------------------------------------------------ */

typedef struct
{
  const ResellGradeFlaw *flaw;
  guint                  severity_bit;  /* 0 for an unknown severity: matches nothing */
} Flaw;

static gboolean
list_contains (GPtrArray  *list,
               const char *id)
{
  if (list == NULL)
    return TRUE;

  if (id == NULL)
    return FALSE;

  for (guint i = 0; i < list->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (list, i), id))
        return TRUE;
    }

  return FALSE;
}

static gboolean
flaw_test_holds (const ResellFlawTest *test,
                 const Flaw           *flaws,
                 guint                 n_flaws)
{
  guint count = 0;

  for (guint i = 0; i < n_flaws; i++)
    {
      if ((flaws[i].severity_bit & test->severities) != 0 &&
          list_contains (test->type_ids, flaws[i].flaw->type_id) &&
          list_contains (test->zone_ids, flaws[i].flaw->zone_id) &&
          ++count >= test->min_count)
        return TRUE;
    }

  return FALSE;
}

/* The answer index of @question in @answers, or -1. */
static int
answer_index (GHashTable                *answers,
              const ResellCheckQuestion *question)
{
  const char *answer_id;

  if (answers == NULL || !(answer_id = g_hash_table_lookup (answers, question->id)))
    return -1;

  return resell_check_question_find_answer (question, answer_id);
}

static gboolean
rule_holds (const ResellGradingRule *rule,
            GHashTable              *answers,
            const Flaw              *flaws,
            guint                    n_flaws)
{
  for (guint i = 0; i < rule->answer_tests->len; i++)
    {
      const ResellAnswerTest *test = &g_array_index (rule->answer_tests, ResellAnswerTest, i);
      int index = answer_index (answers, test->question);

      if (index < 0 || (test->answers & (1u << index)) == 0)
        return FALSE;
    }

  return rule->flaw_test == NULL || flaw_test_holds (rule->flaw_test, flaws, n_flaws);
}

static int
compare_caps (gconstpointer a,
              gconstpointer b)
{
  const ResellGradeReason *ra = a, *rb = b;

  /* Worst first; equal caps keep file order (g_array_sort is stable
   * enough here: ties are broken by the rule id). */
  if (ra->grade != rb->grade)
    return resell_condition_compare (rb->grade, ra->grade);

  return g_strcmp0 (ra->rule_id, rb->rule_id);
}

ResellGradeResult *
resell_grading_rules_grade (ResellGradingRules    *rules,
                            GHashTable            *answers,
                            const ResellGradeFlaw *flaws,
                            guint                  n_flaws)
{
  g_autofree Flaw *parsed = NULL;
  g_autoptr(GArray) caps = NULL;
  const ResellGradingRule *set_by = NULL;
  ResellCondition base, grade;
  ResellGradeResult *result;
  ResellGradeReason reason;
  g_auto(GStrv) marketplaces = NULL;
  guint n_questions;

  g_return_val_if_fail (RESELL_IS_GRADING_RULES (rules), NULL);
  g_return_val_if_fail (flaws != NULL || n_flaws == 0, NULL);

  parsed = g_new0 (Flaw, MAX (n_flaws, 1));

  for (guint i = 0; i < n_flaws; i++)
    {
      ResellSeverity severity;

      parsed[i].flaw = &flaws[i];
      if (resell_severity_from_id (flaws[i].severity_id, &severity))
        parsed[i].severity_bit = 1u << severity;
    }

  /* Conflicting answers (tags attached, yet worn heavily) take the more
   * cautious grade: the worst grade any matching rule sets. */
  base = rules->default_grade;
  caps = g_array_new (FALSE, TRUE, sizeof (ResellGradeReason));

  for (guint i = 0; i < rules->rules->len; i++)
    {
      const ResellGradingRule *rule = g_ptr_array_index (rules->rules, i);

      if (!rule->sets && !rule->caps)
        continue;

      if (!rule_holds (rule, answers, parsed, n_flaws))
        continue;

      if (rule->sets && (set_by == NULL || resell_condition_compare (rule->set, base) > 0))
        {
          set_by = rule;
          base = rule->set;
        }

      if (rule->caps)
        {
          ResellGradeReason cap = { rule->id, rule->explanation, RESELL_GRADE_REASON_CAP, rule->cap, FALSE };

          g_array_append_val (caps, cap);
        }
    }

  grade = base;
  for (guint i = 0; i < caps->len; i++)
    grade = resell_condition_cap (grade, g_array_index (caps, ResellGradeReason, i).grade);

  result = resell_grade_result_new (G_OBJECT (rules), resell_category_get_id (rules->category));
  result->grade = grade;

  if (set_by != NULL)
    reason = (ResellGradeReason) { set_by->id, set_by->explanation, RESELL_GRADE_REASON_SET, base, grade == base };
  else
    reason = (ResellGradeReason) { "default", rules->default_explanation, RESELL_GRADE_REASON_DEFAULT, base, grade == base };
  g_array_append_val (result->reasons, reason);

  /* Only caps below the set grade changed anything. */
  g_array_sort (caps, compare_caps);
  for (guint i = 0; i < caps->len; i++)
    {
      ResellGradeReason *cap = &g_array_index (caps, ResellGradeReason, i);

      if (resell_condition_compare (cap->grade, base) <= 0)
        continue;

      cap->deciding = cap->grade == grade;
      g_array_append_val (result->reasons, *cap);
    }

  n_questions = resell_category_get_n_questions (rules->category);
  for (guint i = 0; i < n_questions; i++)
    {
      const ResellCheckQuestion *question = resell_category_get_question (rules->category, i);

      if (answer_index (answers, question) < 0)
        g_ptr_array_add (result->unanswered, question->id);
    }
  g_ptr_array_add (result->unanswered, NULL);

  marketplaces = resell_grading_rules_dup_marketplaces (rules);
  for (guint i = 0; marketplaces[i]; i++)
    {
      g_ptr_array_add (result->marketplaces, g_strdup (marketplaces[i]));
      g_ptr_array_add (result->conditions,
                       g_strdup (resell_grading_rules_map_condition (rules, marketplaces[i], grade, NULL)));
    }

  return result;
}
