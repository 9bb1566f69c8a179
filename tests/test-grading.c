/* test-grading.c — the grading engine over every category's rules file,
 * the marketplace mapping, malformed files and the condition text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include <glib/gstdio.h>

#include "catalog-test-utils.h"
#include "resell-test-utils.h"
#include "resell-core.h"

typedef struct
{
  ResellCategoryRegistry *categories;
  ResellGrader           *grader;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  /* Only the built-in files: nobody's own rules may change the answers. */
  g_setenv ("RESELL_CATEGORIES_DIR", "/nonexistent", TRUE);
  g_setenv ("RESELL_GRADING_DIR", "/nonexistent", TRUE);

  fixture->categories = resell_category_registry_new ();
  g_assert_true (resell_category_registry_load_default (fixture->categories, problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);

  fixture->grader = resell_grader_new ();
  resell_grader_load_default (fixture->grader, fixture->categories, problems);
  for (guint i = 0; i < problems->len; i++)
    g_printerr ("%s\n", (char *)g_ptr_array_index (problems, i));
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->grader);
  g_clear_object (&fixture->categories);
}

/* "used=new-tags,odour=faint" → question id → answer id */
static GHashTable *
parse_answers (const char *text)
{
  GHashTable *answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) pairs = g_strsplit (text, ",", -1);

  for (guint i = 0; pairs[i] && pairs[i][0]; i++)
    {
      g_auto(GStrv) kv = g_strsplit (pairs[i], "=", 2);

      g_assert_nonnull (kv[1]);
      g_hash_table_insert (answers, g_strdup (kv[0]), g_strdup (kv[1]));
    }

  return answers;
}

/* "stain:major:lining:7;hole:minor" → flaws; the strings live in @keep. */
static GArray *
parse_flaws (const char *text,
             GPtrArray  *keep)
{
  GArray *flaws = g_array_new (FALSE, TRUE, sizeof (ResellGradeFlaw));
  g_auto(GStrv) items = g_strsplit (text, ";", -1);

  for (guint i = 0; items[i] && items[i][0]; i++)
    {
      char **parts = g_strsplit (items[i], ":", 4);
      ResellGradeFlaw flaw = { 0 };

      g_ptr_array_add (keep, parts);
      flaw.type_id = parts[0];
      flaw.severity_id = parts[1];
      flaw.zone_id = parts[1] && parts[2] && parts[2][0] ? parts[2] : NULL;
      flaw.photo_number = parts[1] && parts[2] && parts[3] ? (guint)atoi (parts[3]) : 0;
      g_array_append_val (flaws, flaw);
    }

  return flaws;
}

static ResellGradeResult *
grade (Fixture    *fixture,
       const char *category_id,
       const char *answers_text,
       const char *flaws_text)
{
  g_autoptr(GHashTable) answers = parse_answers (answers_text);
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  g_autoptr(GArray) flaws = parse_flaws (flaws_text, keep);
  ResellGradingRules *rules = resell_grader_lookup (fixture->grader, category_id);

  g_assert_nonnull (rules);

  return resell_grading_rules_grade (rules, answers, (ResellGradeFlaw *)flaws->data, flaws->len);
}

/* The deciding rules, comma-separated, in the result's order. */
static char *
deciding_ids (ResellGradeResult *result)
{
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  for (guint i = 0; i < resell_grade_result_get_n_reasons (result); i++)
    {
      const ResellGradeReason *reason = resell_grade_result_get_reason (result, i);

      g_assert_nonnull (reason->explanation);
      g_assert_cmpstr (reason->explanation, !=, "");

      if (reason->deciding)
        g_strv_builder_add (ids, reason->rule_id);
    }

  strv = g_strv_builder_end (ids);

  return g_strjoinv (",", strv);
}

/* ------------------------------------------------------------------------
 * Table: inputs → grade and deciding rules, for every category
 * ------------------------------------------------------------------------ */

static const struct {
  const char *category;
  const char *answers;
  const char *flaws;
  const char *grade;
  const char *deciding;
} cases[] = {
  /* Clothing: ThredUp's pilling, fading, shrinkage, odour and cut labels;
   * TheRealReal's holes and stains. */
  { "clothing", "", "", "good", "default" },
  { "clothing", "tags=yes,worn=never", "", "new-with-tags", "tags-attached" },
  { "clothing", "tags=never-worn,worn=never", "", "new-without-tags", "never-worn" },
  { "clothing", "tags=yes,worn=never", "snag:minor:sleeve:3", "new-with-defects", "new-with-flaw" },
  { "clothing", "tags=no,worn=few-times", "", "like-new", "worn-few-times" },
  { "clothing", "tags=no,worn=few-times", "snag:minor", "excellent", "worn-minor-flaw" },
  { "clothing", "tags=no,worn=few-times", "stain:moderate", "very-good", "moderate-flaw" },
  { "clothing", "tags=no,worn=regularly", "stain:moderate;snag:moderate;open-seam:moderate", "good", "three-moderate-flaws" },
  { "clothing", "tags=no,worn=few-times", "stain:major:front:2", "fair", "large-stain" },
  { "clothing", "tags=no,worn=few-times", "hole:minor", "good", "pinhole" },
  { "clothing", "tags=no,worn=few-times", "hole:moderate", "fair", "hole" },
  { "clothing", "tags=no,worn=few-times,labels=both-cut", "", "good", "labels-cut" },
  { "clothing", "tags=no,worn=few-times,pilling=all-over,fading=clear", "", "good", "clear-fading,pilling-all-over" },
  { "clothing", "tags=no,worn=regularly,odour=strong", "", "fair", "strong-odour" },
  { "clothing", "tags=yes,worn=heavily", "", "good", "worn-heavily" },

  /* Handbags: Rebag's corner wear, handle darkening, water stains,
   * edge-wax peeling and missing stitches. */
  { "handbags", "used=new-tags", "", "new-with-tags", "tags-attached" },
  { "handbags", "used=new-no-tags", "scratch:minor", "new-with-defects", "new-with-flaw" },
  { "handbags", "used=few-times", "", "excellent", "used-few-times" },
  { "handbags", "used=few-times", "corner-wear:moderate:corner:4;corner-wear:moderate:corner:5", "very-good", "corner-wear,moderate-flaw" },
  { "handbags", "used=few-times", "corner-wear:major:corner:4", "good", "corners-worn-through,major-flaw" },
  { "handbags", "used=few-times", "water-stain:minor", "good", "water-stain" },
  { "handbags", "used=regularly", "water-stain:major", "fair", "large-water-stain" },
  { "handbags", "used=regularly", "edge-wax-peeling:moderate", "good", "edge-wax-peeling" },
  { "handbags", "used=regularly", "missing-stitches:moderate", "good", "missing-stitches" },
  { "handbags", "used=few-times", "handle-darkening:major:handles:6", "good", "handle-darkening,major-flaw" },
  { "handbags", "used=few-times,hardware-works=broken", "", "fair", "broken-hardware" },
  { "handbags", "used=few-times,shape=collapsed,lining=stained", "", "fair", "collapsed" },
  { "handbags", "used=few-times", "scuff:minor;scuff:minor;scratch:minor", "very-good", "used-minor-flaw" },

  /* Shoes */
  { "shoes", "tags=yes,worn=never", "", "new-with-tags", "tags-attached" },
  { "shoes", "tags=no,worn=never", "", "new-without-tags", "never-worn" },
  { "shoes", "tags=no,worn=never", "scuff:minor", "new-with-defects", "new-with-flaw" },
  { "shoes", "tags=no,worn=tried-on", "", "like-new", "tried-on" },
  { "shoes", "tags=no,worn=lightly,sole-wear=light", "", "excellent", "worn-lightly" },
  { "shoes", "tags=no,worn=lightly,sole-wear=worn-through", "", "fair", "soles-worn-through" },
  { "shoes", "tags=no,worn=regularly", "hole:minor", "fair", "hole" },
  { "shoes", "tags=no,worn=regularly", "sole-separation:minor", "good", "sole-separation" },

  /* Electronics: not working → For parts */
  { "electronics", "new=sealed", "", "new-with-tags", "sealed" },
  { "electronics", "new=open-box", "", "new-without-tags", "open-box" },
  { "electronics", "new=used,powers-on=battery,functions=yes,reset=yes", "", "excellent", "used" },
  { "electronics", "new=used,powers-on=no", "", "for-parts", "does-not-power-on" },
  { "electronics", "new=sealed,functions=not-tested", "", "for-parts", "untested" },
  { "electronics", "new=used,reset=no", "", "for-parts", "locked" },
  { "electronics", "new=used,screen=cracked", "", "fair", "screen-cracked" },
  { "electronics", "new=used,battery=below-70", "", "good", "battery-poor" },
  { "electronics", "new=used", "liquid-damage:minor", "for-parts", "liquid-damage" },
  { "electronics", "new=used", "dead-pixel:minor", "good", "dead-pixels" },

  /* Home goods */
  { "home-goods", "new=new-tags", "", "new-with-tags", "new-with-tags" },
  { "home-goods", "new=used,wear=unused", "", "like-new", "unused" },
  { "home-goods", "new=used,wear=light,damage=chips", "", "good", "chips" },
  { "home-goods", "new=used,wear=light,works=faulty", "", "for-parts", "faulty" },
  { "home-goods", "new=used,wear=heavy", "", "fair", "heavy-wear" },
  { "home-goods", "new=used,wear=light", "crack:major", "fair", "large-crack" },
  { "home-goods", "new=used,wear=light", "chip:moderate", "very-good", "moderate-flaw" },

  /* Watches and jewellery */
  { "watches-jewellery", "tags=yes", "", "new-with-tags", "tags-attached" },
  { "watches-jewellery", "tags=no,surface=unworn", "", "like-new", "unworn" },
  { "watches-jewellery", "tags=no,surface=hairlines,runs=stopped", "", "for-parts", "does-not-run" },
  { "watches-jewellery", "tags=no,surface=hairlines,stones=missing", "", "fair", "missing-stones" },
  { "watches-jewellery", "tags=no,surface=hairlines", "moisture:minor", "fair", "moisture" },
  { "watches-jewellery", "tags=no,surface=hairlines,clasp=loose", "", "very-good", "loose-clasp" },

  /* Books and media */
  { "books-media", "writing=none,binding=tight", "", "like-new", "clean-and-tight" },
  { "books-media", "writing=none,binding=tight,ex-library=yes", "", "good", "ex-library" },
  { "books-media", "writing=throughout,binding=tight", "", "fair", "writing-throughout" },
  { "books-media", "binding=not-a-book,plays=yes,complete=yes", "", "like-new", "complete-disc" },
  { "books-media", "binding=not-a-book,plays=skips,complete=yes", "", "fair", "skips" },
  { "books-media", "writing=none,binding=tight", "water-damage:minor", "fair", "water-damage" },
};

static void
test_table (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GHashTable) covered = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_categories;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ResellGradeResult) result = grade (fixture, cases[i].category, cases[i].answers, cases[i].flaws);
      g_autofree char *deciding = deciding_ids (result);

      g_test_message ("%s: [%s] [%s] → %s (%s)", cases[i].category, cases[i].answers, cases[i].flaws,
                      resell_condition_to_id (resell_grade_result_get_grade (result)), deciding);
      g_assert_cmpstr (resell_condition_to_id (resell_grade_result_get_grade (result)), ==, cases[i].grade);
      g_assert_cmpstr (deciding, ==, cases[i].deciding);
      g_hash_table_add (covered, (gpointer)cases[i].category);
    }

  /* Every category's rules file is in the table. */
  n_categories = g_list_model_get_n_items (G_LIST_MODEL (fixture->categories));
  for (guint i = 0; i < n_categories; i++)
    {
      g_autoptr(ResellCategory) category = g_list_model_get_item (G_LIST_MODEL (fixture->categories), i);

      g_assert_true (g_hash_table_contains (covered, resell_category_get_id (category)));
      g_assert_nonnull (resell_grader_lookup (fixture->grader, resell_category_get_id (category)));
    }
}

static void
test_unanswered (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(ResellGradeResult) result = grade (fixture, "handbags", "used=few-times,odour=nonsense", "");
  const char * const *unanswered = resell_grade_result_get_unanswered (result);
  g_autofree char *joined = g_strjoinv (",", (char **)unanswered);

  /* An answer the question does not have counts as unanswered. */
  g_assert_cmpstr (joined, ==, "shape,lining,hardware-works,handles,odour,extras");
}

/* ------------------------------------------------------------------------
 * Marketplace mapping
 * ------------------------------------------------------------------------ */

static void
test_ebay_mapping (Fixture       *fixture,
                   gconstpointer  data)
{
  static const struct {
    const char *category;
    const char *answers;
    const char *flaws;
    const char *condition;  /* NULL: none allowed */
  } mapped[] = {
    { "clothing", "tags=yes", "", "NEW" },
    { "clothing", "tags=never-worn", "", "NEW_OTHER" },
    { "clothing", "tags=yes", "snag:minor", "NEW_WITH_DEFECTS" },
    { "clothing", "tags=no,worn=few-times", "", "PRE_OWNED_EXCELLENT" },
    { "clothing", "tags=no,worn=regularly", "", "USED_EXCELLENT" },
    { "clothing", "tags=no,worn=regularly", "hole:major", "PRE_OWNED_FAIR" },
    { "handbags", "used=regularly", "water-stain:major", "PRE_OWNED_FAIR" },
    { "electronics", "new=used", "", "USED_EXCELLENT" },
    { "electronics", "new=used,screen=visible-scratches", "", "USED_GOOD" },
    { "electronics", "new=used,powers-on=no", "", "FOR_PARTS_OR_NOT_WORKING" },
    { "books-media", "writing=none,binding=tight", "", "LIKE_NEW" },
    { "books-media", "writing=throughout", "", "USED_ACCEPTABLE" },
    { "watches-jewellery", "tags=no,runs=stopped", "", "FOR_PARTS_OR_NOT_WORKING" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (mapped); i++)
    {
      g_autoptr(ResellGradeResult) result = grade (fixture, mapped[i].category, mapped[i].answers, mapped[i].flaws);

      g_assert_cmpuint (resell_grade_result_get_n_marketplaces (result), >=, 1);
      g_assert_cmpstr (resell_grade_result_get_marketplace (result, 0), ==, "ebay");
      g_assert_cmpstr (resell_grade_result_get_condition_for (result, "ebay"), ==, mapped[i].condition);
    }

  /* Clothing cannot be listed for parts on eBay: the grade maps to none. */
  {
    ResellGradingRules *rules = resell_grader_lookup (fixture->grader, "clothing");
    gboolean known = FALSE;

    g_assert_null (resell_grading_rules_map_condition (rules, "ebay", RESELL_CONDITION_FOR_PARTS, &known));
    g_assert_true (known);
    g_assert_null (resell_grading_rules_map_condition (rules, "etsy", RESELL_CONDITION_GOOD, &known));
    g_assert_false (known);
  }
}

/* ------------------------------------------------------------------------
 * Malformed files
 * ------------------------------------------------------------------------ */

static void
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)))
    {
      g_autofree char *file = g_build_filename (path, name, NULL);

      g_assert_cmpint (g_unlink (file), ==, 0);
    }

  g_assert_cmpint (g_rmdir (path), ==, 0);
}

static gboolean
problems_contain (GPtrArray  *problems,
                  const char *needle)
{
  for (guint i = 0; i < problems->len; i++)
    {
      if (strstr (g_ptr_array_index (problems, i), needle) != NULL)
        return TRUE;
    }

  return FALSE;
}

static const char good_shoes[] =
  "{\n"
  "  \"version\": 1,\n"
  "  \"category\": \"shoes\",\n"
  "  \"default\": \"very-good\",\n"
  "  \"rules\": [\n"
  "    { \"id\": \"my-hole\", \"when\": { \"flaw\": { \"type\": \"hole\" } },\n"
  "      \"cap\": \"for-parts\", \"explain\": \"My shop takes no shoes with holes\" }\n"
  "  ],\n"
  "  \"marketplaces\": { \"ebay\": { \"good\": \"USED_EXCELLENT\" } }\n"
  "}\n";

static void
test_malformed (Fixture       *fixture,
                gconstpointer  data)
{
  static const struct {
    const char *name;
    const char *contents;
    const char *message;  /* "name:line: ..." as a substring */
  } bad[] = {
    { "clothing.json", "{\n  \"version\": 1,\n  \"category\": \"clothing\",\n  \"rules\": [\n    {,\n", "clothing.json:5:" },
    { "handbags.json",
      "{\n  \"version\": 1,\n  \"category\": \"handbags\",\n  \"default\": \"good\",\n  \"rules\": [\n"
      "    {\n      \"id\": \"stain\",\n      \"when\": {\n        \"flaw\": { \"type\": \"stian\" }\n      },\n"
      "      \"cap\": \"good\", \"explain\": \"x\"\n    }\n  ],\n  \"marketplaces\": { \"ebay\": {} }\n}\n",
      "handbags.json:9: rule “stain” names the unknown flaw type “stian”" },
    { "electronics.json",
      "{\n  \"version\": 1,\n  \"category\": \"electronics\",\n  \"default\": \"good\",\n  \"rules\": [\n"
      "    { \"id\": \"a\", \"when\": { \"answer\": {\n      \"powers\": \"no\" } }, \"cap\": \"for-parts\", \"explain\": \"x\" }\n"
      "  ],\n  \"marketplaces\": { \"ebay\": {} }\n}\n",
      "electronics.json:7: rule “a” names the unknown question “powers”" },
    { "home-goods.json",
      "{\n  \"version\": 1,\n  \"category\": \"home-goods\",\n  \"default\": \"good\",\n  \"rules\": [\n"
      "    { \"id\": \"a\", \"when\": { \"answer\": {\n      \"works\": \"broken\" } }, \"cap\": \"for-parts\", \"explain\": \"x\" }\n"
      "  ],\n  \"marketplaces\": { \"ebay\": {} }\n}\n",
      "home-goods.json:7: rule “a” names the unknown answer “broken” to question “works”" },
    { "books-media.json",
      "{\n  \"version\": 1,\n  \"category\": \"books-media\",\n  \"default\": \"good\",\n  \"rules\": [\n"
      "    { \"id\": \"a\", \"when\": { \"flaw\": { \"type\": \"tear\" } },\n      \"cap\": \"pristine\", \"explain\": \"x\" }\n"
      "  ],\n  \"marketplaces\": { \"ebay\": {} }\n}\n",
      "books-media.json:7: rule “a” names the unknown grade “pristine”" },
    { "watches-jewellery.json",
      "{\n  \"version\": 1,\n  \"category\": \"watches-jewellery\",\n  \"default\": \"good\",\n  \"rules\": [],\n"
      "  \"marketplaces\": { \"ebay\": {\n    \"good\": \"USED_GOD\" } }\n}\n",
      "watches-jewellery.json:7: “USED_GOD” is not an eBay condition" },
  };
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(ResellGrader) grader = resell_grader_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("resell-grading-XXXXXX", &error);
  g_autoptr(ResellGradeResult) result = NULL;

  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    write_file (dir, bad[i].name, bad[i].contents);
  write_file (dir, "shoes.json", good_shoes);


  /* Sorted by name: books-media, clothing, electronics, handbags, home-goods, shoes, watches. */
  g_assert_cmpuint (resell_grader_load_directory (grader, fixture->categories, dir, problems), ==, 1);

  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem: %s", (char *)g_ptr_array_index (problems, i));

  g_assert_cmpuint (problems->len, ==, G_N_ELEMENTS (bad));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_true (problems_contain (problems, bad[i].message));

  /* The good file still loaded, and grades by its own rule. */
  result = grade (&(Fixture) { fixture->categories, grader }, "shoes", "", "hole:minor");
  g_assert_cmpint (resell_grade_result_get_grade (result), ==, RESELL_CONDITION_FOR_PARTS);
  g_assert_null (resell_grader_lookup (grader, "handbags"));

  remove_dir (dir);
}

/* The app's services start with a broken rules file of the user's: the
 * built-in rules of the other categories are still there, and the problem is
 * listed with its file and line. */
static void
test_malformed_default (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(ResellGrader) grader = resell_grader_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("resell-grading-XXXXXX", &error);

  g_assert_no_error (error);
  write_file (dir, "handbags.json", "{\n  \"version\": 1,\n  \"category\": \"handbags\"\n  \"default\": \"good\"\n}\n");
  g_setenv ("RESELL_GRADING_DIR", dir, TRUE);

  resell_grader_load_default (grader, fixture->categories, problems);

  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_true (problems_contain (problems, "handbags.json:3:"));
  /* The built-in handbags rules stay: the user's file did not replace them. */
  g_assert_nonnull (resell_grader_lookup (grader, "handbags"));
  g_assert_nonnull (resell_grader_lookup (grader, "clothing"));

  g_setenv ("RESELL_GRADING_DIR", "/nonexistent", TRUE);
  remove_dir (dir);
}

/* The app's services, which the window and the CLI start from, come up
 * with a broken rules file of the user's: it is listed, the rest grade. */
static void
test_context_problems (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("resell-grading-XXXXXX", &error);
  g_autofree char *data_dir = g_build_filename (dir, "data", NULL);
  g_autofree char *cache_dir = g_build_filename (dir, "cache", NULL);
  g_autofree char *rules_dir = g_build_filename (dir, "grading", NULL);
  g_autoptr(ResellContext) context = NULL;
  const char * const *problems;

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (rules_dir, 0700), ==, 0);
  write_file (rules_dir, "clothing.json", "{\n  \"version\": 1,\n  \"category\": \"clothing\",\n  \"rules\": [ oops ]\n}\n");
  g_setenv ("RESELL_GRADING_DIR", rules_dir, TRUE);

  context = resell_context_new (data_dir, cache_dir);
  problems = resell_context_get_grading_problems (context);
  g_assert_nonnull (problems);
  g_assert_cmpuint (g_strv_length ((char **)problems), ==, 1);
  g_assert_nonnull (strstr (problems[0], "clothing.json:4:"));
  g_assert_nonnull (resell_grader_lookup (resell_context_get_grader (context), "clothing"));
  g_assert_nonnull (resell_grader_lookup (resell_context_get_grader (context), "handbags"));

  g_clear_object (&context);
  g_setenv ("RESELL_GRADING_DIR", "/nonexistent", TRUE);
  remove_dir (rules_dir);
  resell_test_remove_path (dir);
}

/* Answer ids in a category file: checked like the rest, by line. */
static void
test_answer_ids (Fixture       *fixture,
                 gconstpointer  data)
{
  static const char head[] =
    "{\n  \"version\": 1,\n  \"id\": \"test\",\n  \"name\": \"Test\",\n  \"sku_code\": \"TST\",\n"
    "  \"shots\": [ { \"id\": \"front\", \"label\": \"Front\", \"guidance\": \"Whole item.\", \"required\": true } ],\n"
    "  \"flaws\": [],\n  \"checklist\": [\n    {\n      \"id\": \"works\",\n      \"question\": \"Does it work?\",\n"
    "      \"answers\": [\"Yes\", \"No\"]";
  g_autofree char *good = g_strconcat (head, ",\n      \"answer_ids\": [\"yes\", \"no\"]\n    }\n  ]\n}\n", NULL);
  g_autofree char *plain = g_strconcat (head, "\n    }\n  ]\n}\n", NULL);
  g_autofree char *short_ids = g_strconcat (head, ",\n      \"answer_ids\": [\"yes\"]\n    }\n  ]\n}\n", NULL);
  g_autofree char *twice = g_strconcat (head, ",\n      \"answer_ids\": [\"yes\",\n \"yes\"]\n    }\n  ]\n}\n", NULL);
  g_autoptr(ResellCategory) with_ids = NULL;
  g_autoptr(ResellCategory) without_ids = NULL;
  g_autoptr(ResellCategory) bad = NULL;
  g_autoptr(GError) error = NULL;
  const ResellCheckQuestion *question;

  with_ids = resell_category_new_from_data ("test.json", good, -1, &error);
  g_assert_no_error (error);
  question = resell_category_find_question (with_ids, "works");
  g_assert_cmpint (resell_check_question_find_answer (question, "no"), ==, 1);
  g_assert_cmpint (resell_check_question_find_answer (question, "No"), ==, -1);

  /* Older files without ids: answers are numbered. */
  without_ids = resell_category_new_from_data ("test.json", plain, -1, &error);
  g_assert_no_error (error);
  question = resell_category_find_question (without_ids, "works");
  g_assert_cmpint (resell_check_question_find_answer (question, "2"), ==, 1);

  bad = resell_category_new_from_data ("test.json", short_ids, -1, &error);
  g_assert_null (bad);
  g_assert_error (error, RESELL_CATEGORY_ERROR, RESELL_CATEGORY_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "test.json:13: question “works” has 2 answers but 1 answer ids"));
  g_clear_error (&error);

  bad = resell_category_new_from_data ("test.json", twice, -1, &error);
  g_assert_null (bad);
  g_assert_true (g_str_has_prefix (error->message, "test.json:14: question “works” lists the answer id “yes” twice"));
}

/* ------------------------------------------------------------------------
 * Condition text
 * ------------------------------------------------------------------------ */

static char *
condition_text (Fixture    *fixture,
                const char *category_id,
                const char *answers_text,
                const char *flaws_text,
                guint       max_chars)
{
  g_autoptr(GHashTable) answers = parse_answers (answers_text);
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  g_autoptr(GArray) flaws = parse_flaws (flaws_text, keep);

  return resell_condition_text_write (resell_grader_lookup (fixture->grader, category_id),
                                      answers, (ResellGradeFlaw *)flaws->data, flaws->len, max_chars);
}

static void
test_condition_text (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *none = NULL;

  text = condition_text (fixture, "handbags", "used=few-times,extras=all",
                         "stain:minor:lining:7;corner-wear:minor:corner:4;corner-wear:minor:corner:5", 0);
  g_assert_cmpstr (text, ==,
                   "Used only a few times. Comes with its original dust bag, box or authenticity card. "
                   "Light wear in 2 places on the corner, photos 4 and 5. "
                   "Small stain on the lining, see photo 7.");

  /* Worst first; a flaw type without its own phrases uses its label; a flaw
   * on no listing photo has no photo number. */
  plain = condition_text (fixture, "handbags", "",
                          "hardware-tarnish:moderate:clasp:3;missing-stitches:major;stain:minor:lining:2;stain:minor:lining:2", 0);
  g_assert_cmpstr (plain, ==,
                   "Significant missing or loose stitches. "
                   "Noticeable hardware tarnish or plating wear on the clasp, see photo 3. "
                   "Small stain in 2 places on the lining, see photo 2.");

  none = condition_text (fixture, "clothing", "", "", 0);
  g_assert_cmpstr (none, ==, "");
}

static void
test_condition_text_cap (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GString) flaws = g_string_new (NULL);
  g_autofree char *text = NULL;
  g_autofree char *short_text = NULL;
  const char *tail;

  /* 60 flaws, each in its own zone so none group together. */
  for (guint i = 0; i < 60; i++)
    g_string_append_printf (flaws, "%sstain:minor:zone-number-%u:%u", i ? ";" : "", i, i + 1);

  text = condition_text (fixture, "clothing", "tags=no,worn=few-times", flaws->str, 0);
  g_test_message ("%s", text);
  g_assert_cmpuint (g_utf8_strlen (text, -1), <=, RESELL_CONDITION_TEXT_MAX_CHARS);
  g_assert_true (g_str_has_prefix (text, "Worn only a few times. Small stain on the zone number 0, see photo 1."));

  /* Cut at a sentence, and the rest counted. */
  tail = strstr (text, " And ");
  g_assert_nonnull (tail);
  g_assert_true (g_str_has_suffix (text, " more flaws, see the photos."));
  g_assert_true (tail[-1] == '.');
  {
    guint shown = 0, more = (guint)atoi (tail + strlen (" And "));

    for (const char *p = text; (p = strstr (p, "Small stain")); p++)
      shown++;
    g_assert_cmpuint (shown + more, ==, 60);
    g_assert_cmpuint (more, >, 0);
  }

  /* A smaller limit keeps fewer. */
  short_text = condition_text (fixture, "clothing", "", "stain:minor:a:1;stain:minor:b:2;stain:minor:c:3", 90);
  g_assert_cmpstr (short_text, ==, "Small stain on the a, see photo 1. And 2 more flaws, see the photos.");
}

/* ------------------------------------------------------------------------
 * Storage: answers, the override, the edited condition text
 * ------------------------------------------------------------------------ */

static void
test_storage (ResellTestCatalogFixture *f,
              gconstpointer             data)
{
  g_autoptr(ResellItem) item = resell_test_insert_item (f->catalog, "Tabby 26");
  g_autoptr(ResellItem) other = resell_test_insert_item (f->catalog, "Other");
  g_autoptr(GHashTable) answers = NULL;
  g_autoptr(GHashTable) answers2 = NULL;
  g_autoptr(ResellItemGrading) empty = NULL;
  g_autoptr(ResellItemGrading) stored = NULL;
  g_autoptr(ResellItemGrading) cleared = NULL;
  g_autoptr(ResellItemGrading) untouched = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = resell_item_get_id (item);
  gint64 before = g_get_real_time ();
  guint changed = 0;

  g_signal_connect (f->catalog, "item-changed", G_CALLBACK (resell_test_count_signal_cb), &changed);

  empty = resell_catalog_get_grading (f->catalog, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (empty->answers), ==, 0);
  g_assert_null (empty->override_grade);
  g_assert_null (empty->condition_text);

  answers = parse_answers ("used=few-times,odour=faint");
  g_assert_true (resell_catalog_set_answers (f->catalog, id, answers, &error));
  g_assert_no_error (error);

  /* A second answer replaces the first; "" forgets one. */
  answers2 = parse_answers ("used=regularly,odour=");
  g_assert_true (resell_catalog_set_answers (f->catalog, id, answers2, &error));

  /* An override needs a reason. */
  g_assert_false (resell_catalog_set_grade_override (f->catalog, id, "fair", "  ", "Sam", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_true (resell_catalog_set_grade_override (f->catalog, id, "fair", "Smell of smoke in the lining", "Sam", &error));
  g_assert_no_error (error);
  g_assert_true (resell_catalog_set_condition_text (f->catalog, id, "My own words.", &error));
  g_assert_no_error (error);

  stored = resell_catalog_get_grading (f->catalog, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (stored->answers), ==, 1);
  g_assert_cmpstr (g_hash_table_lookup (stored->answers, "used"), ==, "regularly");
  g_assert_cmpstr (stored->override_grade, ==, "fair");
  g_assert_cmpstr (stored->override_reason, ==, "Smell of smoke in the lining");
  g_assert_cmpstr (stored->override_by, ==, "Sam");
  g_assert_cmpint (stored->override_at, >=, before);
  g_assert_cmpstr (stored->condition_text, ==, "My own words.");
  g_assert_cmpint (stored->text_edited_at, >=, before);

  /* Clearing the override and regenerating the text drop both. */
  g_assert_true (resell_catalog_set_grade_override (f->catalog, id, NULL, NULL, NULL, &error));
  g_assert_true (resell_catalog_set_condition_text (f->catalog, id, NULL, &error));
  cleared = resell_catalog_get_grading (f->catalog, id, &error);
  g_assert_no_error (error);
  g_assert_null (cleared->override_grade);
  g_assert_null (cleared->override_by);
  g_assert_cmpint (cleared->override_at, ==, 0);
  g_assert_null (cleared->condition_text);
  g_assert_cmpuint (g_hash_table_size (cleared->answers), ==, 1);

  /* Another item is not touched; an unknown item is an error. */
  untouched = resell_catalog_get_grading (f->catalog, resell_item_get_id (other), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (untouched->answers), ==, 0);
  g_assert_null (resell_catalog_get_grading (f->catalog, 9999, &error));
  g_assert_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Every write told the views. */
  while (changed < 6)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (changed, ==, 6);
}

static void
on_grading_loaded (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ResellItemGrading **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = resell_catalog_get_grading_finish (RESELL_CATALOG (source), result, &error);
  g_assert_no_error (error);
}

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  ResellCatalog *catalog = RESELL_CATALOG (source);
  gpointer tag = g_task_get_source_tag (G_TASK (result));
  guint *n_done = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  /* Through each setter's own _finish, as a caller would. */
  if (tag == resell_catalog_set_answers_async)
    ok = resell_catalog_set_answers_finish (catalog, result, &error);
  else if (tag == resell_catalog_set_grade_override_async)
    ok = resell_catalog_set_grade_override_finish (catalog, result, &error);
  else if (tag == resell_catalog_set_condition_text_async)
    ok = resell_catalog_set_condition_text_finish (catalog, result, &error);
  else
    g_assert_not_reached ();

  g_assert_no_error (error);
  g_assert_true (ok);
  (*n_done)++;
}

static void
test_storage_async (ResellTestCatalogFixture *f,
                    gconstpointer             data)
{
  g_autoptr(ResellItem) item = resell_test_insert_item (f->catalog, "Tabby 26");
  g_autoptr(GHashTable) first = parse_answers ("used=few-times");
  g_autoptr(GHashTable) second = parse_answers ("used=regularly");
  g_autoptr(ResellItemGrading) grading = NULL;
  gint64 id = resell_item_get_id (item);
  guint n_done = 0;

  /* Calls made in a row land in that order. */
  resell_catalog_set_answers_async (f->catalog, id, first, NULL, on_written, &n_done);
  resell_catalog_set_answers_async (f->catalog, id, second, NULL, on_written, &n_done);
  resell_catalog_set_grade_override_async (f->catalog, id, "good", "Scuffed base", NULL, NULL, on_written, &n_done);
  resell_catalog_set_condition_text_async (f->catalog, id, "Edited.", NULL, on_written, &n_done);
  resell_catalog_get_grading_async (f->catalog, id, NULL, on_grading_loaded, &grading);

  while (grading == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (n_done, ==, 4);
  g_assert_cmpstr (g_hash_table_lookup (grading->answers, "used"), ==, "regularly");
  g_assert_cmpstr (grading->override_grade, ==, "good");
  /* Nobody named: the person logged in. */
  g_assert_cmpstr (grading->override_by, ==, g_get_real_name ());
  g_assert_cmpstr (grading->condition_text, ==, "Edited.");

  /* The worker lets go of its task, and the catalog, just after replying. */
  g_clear_object (&item);
  resell_test_drain_main_context ();
  resell_test_assert_finalize_soon (g_steal_pointer (&f->catalog));
}

/* ------------------------------------------------------------------------
 * Appraisal: an item's answers and flaws from the catalog, graded
 * ------------------------------------------------------------------------ */

static void
add_flaw (ResellCatalog      *catalog,
          ResellPhoto        *photo,
          const char         *type_id,
          ResellFlawSeverity  severity)
{
  g_autoptr(ResellFlaw) flaw = resell_flaw_new ();
  g_autoptr(GError) error = NULL;

  resell_flaw_set_item_id (flaw, resell_photo_get_item_id (photo));
  resell_flaw_set_photo_id (flaw, resell_photo_get_id (photo));
  resell_flaw_set_type_id (flaw, type_id);
  resell_flaw_set_severity (flaw, severity);
  resell_flaw_set_shape (flaw, RESELL_FLAW_SHAPE_POINT);
  resell_flaw_set_x (flaw, 0.5);
  resell_flaw_set_y (flaw, 0.5);
  g_assert_true (resell_catalog_add_flaw (catalog, flaw, &error));
  g_assert_no_error (error);
}

static void
test_appraisal (ResellTestCatalogFixture *f,
                gconstpointer             data)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(ResellCategoryRegistry) categories = resell_category_registry_new ();
  g_autoptr(ResellGrader) grader = resell_grader_new ();
  g_autoptr(ResellItem) item = resell_test_insert_item (f->catalog, "Tabby 26");
  g_autoptr(ResellPhoto) front = resell_test_insert_photo (f->catalog, item, "front.jpg", "aa");
  g_autoptr(ResellPhoto) back = resell_test_insert_photo (f->catalog, item, "back.jpg", "bb");
  g_autoptr(ResellPhoto) lining = resell_test_insert_photo (f->catalog, item, "lining.jpg", "cc");
  g_autoptr(GHashTable) answers = parse_answers ("used=few-times");
  g_autoptr(ResellAppraisal) before = NULL;
  g_autoptr(ResellAppraisal) after = NULL;
  g_autoptr(ResellAppraisal) overridden = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *deciding = NULL;
  gint64 id = resell_item_get_id (item);

  g_setenv ("RESELL_CATEGORIES_DIR", "/nonexistent", TRUE);
  g_setenv ("RESELL_GRADING_DIR", "/nonexistent", TRUE);
  g_assert_true (resell_category_registry_load_default (categories, problems, &error));
  resell_grader_load_default (grader, categories, problems);
  g_assert_cmpuint (problems->len, ==, 0);

  g_assert_true (resell_catalog_set_answers (f->catalog, id, answers, &error));
  before = resell_appraisal_load (grader, categories, f->catalog, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (resell_appraisal_get_grade (before), ==, RESELL_CONDITION_EXCELLENT);
  g_assert_cmpstr (resell_appraisal_get_condition_text (before), ==, "Used only a few times.");

  /* A major stain on the third photo: the grade drops to Fair and the text
   * names the photo. */
  add_flaw (f->catalog, lining, "stain", RESELL_FLAW_SEVERITY_MAJOR);
  after = resell_appraisal_load (grader, categories, f->catalog, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (resell_appraisal_get_grade (after), ==, RESELL_CONDITION_FAIR);
  deciding = deciding_ids (resell_appraisal_get_result (after));
  g_assert_cmpstr (deciding, ==, "large-stain");
  g_assert_cmpstr (resell_appraisal_get_condition_for (after, "ebay"), ==, "PRE_OWNED_FAIR");
  g_assert_cmpstr (resell_appraisal_get_condition_text (after), ==,
                   "Used only a few times. Large stain, see photo 3.");
  g_assert_false (resell_appraisal_is_text_edited (after));

  /* The seller's override and text win, and the rules' grade is kept beside. */
  g_assert_true (resell_catalog_set_grade_override (f->catalog, id, "good", "Stain lifts with cleaning", "Sam", &error));
  g_assert_true (resell_catalog_set_condition_text (f->catalog, id, "Stain on the lining.", &error));
  overridden = resell_appraisal_load (grader, categories, f->catalog, id, &error);
  g_assert_no_error (error);
  g_assert_true (resell_appraisal_is_overridden (overridden));
  g_assert_cmpint (resell_appraisal_get_grade (overridden), ==, RESELL_CONDITION_GOOD);
  g_assert_cmpint (resell_grade_result_get_grade (resell_appraisal_get_result (overridden)), ==, RESELL_CONDITION_FAIR);
  g_assert_cmpstr (resell_appraisal_get_condition_for (overridden, "ebay"), ==, "USED_EXCELLENT");
  g_assert_cmpstr (resell_appraisal_get_stored (overridden)->override_by, ==, "Sam");
  g_assert_true (resell_appraisal_is_text_edited (overridden));
  g_assert_cmpstr (resell_appraisal_get_condition_text (overridden), ==, "Stain on the lining.");
  g_assert_cmpstr (resell_appraisal_get_generated_text (overridden), ==,
                   "Used only a few times. Large stain, see photo 3.");

  /* The whole catalog at once gives the same, item by item. */
  {
    g_autoptr(ResellItem) plain = resell_test_insert_item (f->catalog, "Nothing said yet");
    g_autoptr(GPtrArray) all = resell_appraisal_load_all (grader, categories, f->catalog, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (all->len, ==, 2);
    g_assert_cmpint (resell_appraisal_get_item_id (g_ptr_array_index (all, 0)), ==, id);
    g_assert_cmpint (resell_appraisal_get_grade (g_ptr_array_index (all, 0)), ==, RESELL_CONDITION_GOOD);
    g_assert_cmpstr (resell_appraisal_get_generated_text (g_ptr_array_index (all, 0)), ==,
                     "Used only a few times. Large stain, see photo 3.");
    g_assert_cmpstr (resell_appraisal_get_stored (g_ptr_array_index (all, 0))->override_by, ==, "Sam");
    g_assert_cmpint (resell_appraisal_get_item_id (g_ptr_array_index (all, 1)), ==, resell_item_get_id (plain));
    g_assert_cmpint (resell_appraisal_get_grade (g_ptr_array_index (all, 1)), ==, RESELL_CONDITION_GOOD);
    g_assert_cmpuint (resell_appraisal_get_n_flaws (g_ptr_array_index (all, 1)), ==, 0);
    g_assert_cmpstr (resell_appraisal_get_condition_text (g_ptr_array_index (all, 1)), ==, "");
  }

  g_clear_object (&front);
  g_clear_object (&back);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/grading/table", test_table);
  ADD ("/grading/unanswered", test_unanswered);
  ADD ("/grading/ebay-mapping", test_ebay_mapping);
  ADD ("/grading/malformed", test_malformed);
  ADD ("/grading/malformed-default", test_malformed_default);
  ADD ("/grading/context-problems", test_context_problems);
  ADD ("/grading/answer-ids", test_answer_ids);
  ADD ("/grading/condition-text", test_condition_text);
  ADD ("/grading/condition-text-cap", test_condition_text_cap);
#undef ADD
  g_test_add ("/grading/storage", ResellTestCatalogFixture, NULL,
              resell_test_catalog_fixture_set_up, test_storage, resell_test_catalog_fixture_tear_down);
  g_test_add ("/grading/appraisal", ResellTestCatalogFixture, NULL,
              resell_test_catalog_fixture_set_up, test_appraisal, resell_test_catalog_fixture_tear_down);
  g_test_add ("/grading/storage-async", ResellTestCatalogFixture, NULL,
              resell_test_catalog_fixture_set_up, test_storage_async, resell_test_catalog_fixture_tear_down);

  return g_test_run ();
}
