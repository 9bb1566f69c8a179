/* test-categories.c — category files, their validation and the registry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "resell-core.h"

static const char * const builtin_ids[] = {
  "books-media",
  "clothing",
  "electronics",
  "handbags",
  "home-goods",
  "shoes",
  "watches-jewellery",
};

/* ------------------------------------------------------------------------
 * Helpers
 * ------------------------------------------------------------------------ */

typedef struct
{
  char *dir;
} TmpDir;

static void
tmpdir_setup (TmpDir        *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("resell-categories-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
tmpdir_teardown (TmpDir        *fixture,
                 gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_assert_cmpint (g_unlink (path), ==, 0);
    }

  g_assert_cmpint (g_rmdir (fixture->dir), ==, 0);
  g_clear_pointer (&fixture->dir, g_free);
}

static char *
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);

  return path;
}

/* A valid category around a caller-supplied shot list, so every test knows
 * on which line each of its own lines lands: @top sits alone on line 8,
 * and the shots start on line 10. */
#define FIRST_SHOT_LINE 10

static char *
make_doc (const char *top,
          const char *shots)
{
  return g_strdup_printf ("{\n"                                                        /* 1 */
                          "  \"version\": 1,\n"                                         /* 2 */
                          "  \"id\": \"test-cat\",\n"                                   /* 3 */
                          "  \"name\": \"Test category\",\n"                            /* 4 */
                          "  \"sku_code\": \"TST\",\n"                                  /* 5 */
                          "  \"checklist\": [ { \"id\": \"q\", \"question\": \"Worn?\", \"answers\": [\"Yes\", \"No\"] } ],\n" /* 6 */
                          "  \"flaws\": [ { \"id\": \"stain\", \"label\": \"Stain\" } ],\n" /* 7 */
                          "  %s\n"                                                      /* 8 */
                          "  \"shots\": [\n"                                            /* 9 */
                          "%s"                                                          /* 10… */
                          "  ]\n"
                          "}\n",
                          top ? top : "",
                          shots);
}

#define GOOD_SHOT(id) \
  "    { \"id\": \"" id "\", \"label\": \"L\", \"guidance\": \"G\", \"required\": true }"

static void
assert_problem (const char *message,
                const char *source,
                guint       line,
                const char *fragment)
{
  g_autofree char *prefix = g_strdup_printf ("%s:%u: ", source, line);

  if (!g_str_has_prefix (message, prefix) || strstr (message, fragment) == NULL)
    g_error ("expected “%s…%s…”, got “%s”", prefix, fragment, message);
}

/* ------------------------------------------------------------------------
 * Built-in categories
 * ------------------------------------------------------------------------ */

static void
assert_unique_ids (const char * const *ids,
                   guint               n_ids)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n_ids; i++)
    g_assert_true (g_hash_table_add (seen, (gpointer)ids[i]));
}

static void
test_builtin_load (TmpDir        *fixture,
                   gconstpointer  data)
{
  g_autoptr(ResellCategoryRegistry) registry = resell_category_registry_new ();
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) sku_codes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;

  /* An empty user folder: only what is built in. */
  g_setenv ("RESELL_CATEGORIES_DIR", fixture->dir, TRUE);

  g_assert_true (resell_category_registry_load_default (registry, problems, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < problems->len; i++)
    g_printerr ("%s\n", (const char *)g_ptr_array_index (problems, i));
  g_assert_cmpuint (problems->len, ==, 0);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (registry)), ==, G_N_ELEMENTS (builtin_ids));
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (registry)) == RESELL_TYPE_CATEGORY);

  for (guint i = 0; i < G_N_ELEMENTS (builtin_ids); i++)
    {
      ResellCategory *category = resell_category_registry_lookup (registry, builtin_ids[i]);
      g_autofree char *expected_source = NULL;
      g_autofree const char **shot_ids = NULL;
      g_autofree const char **question_ids = NULL;
      g_autofree const char **flaw_ids = NULL;
      guint n_required = 0;

      g_test_message ("category %s", builtin_ids[i]);
      g_assert_nonnull (category);
      g_assert_cmpstr (resell_category_get_id (category), ==, builtin_ids[i]);
      g_assert_cmpstr (resell_category_get_name (category), !=, "");
      g_assert_true (g_str_has_suffix (resell_category_get_icon_name (category), "-symbolic"));

      /* Each category's SKUs must be told apart by their prefix. */
      g_assert_true (g_hash_table_add (sku_codes, (gpointer)resell_category_get_sku_code (category)));

      expected_source = g_strdup_printf ("resource:///com/example/Resell/categories/%s.json", builtin_ids[i]);
      g_assert_cmpstr (resell_category_get_source (category), ==, expected_source);

      g_assert_cmpuint (resell_category_get_n_shots (category), >=, 6);
      shot_ids = g_new0 (const char *, resell_category_get_n_shots (category));
      for (guint j = 0; j < resell_category_get_n_shots (category); j++)
        {
          const ResellShot *shot = resell_category_get_shot (category, j);

          g_assert_cmpstr (shot->label, !=, "");
          /* Guidance is the point of a shot list: say how, not just what. */
          g_assert_cmpuint (strlen (shot->guidance), >=, 30);
          g_assert_true (resell_category_find_shot (category, shot->id) == shot);
          n_required += shot->required;
          shot_ids[j] = shot->id;
        }
      g_assert_cmpuint (n_required, >=, 1);
      assert_unique_ids (shot_ids, resell_category_get_n_shots (category));

      g_assert_cmpuint (resell_category_get_n_questions (category), >=, 4);
      g_assert_cmpuint (resell_category_get_n_questions (category), <=, 8);
      question_ids = g_new0 (const char *, resell_category_get_n_questions (category));
      for (guint j = 0; j < resell_category_get_n_questions (category); j++)
        {
          const ResellCheckQuestion *question = resell_category_get_question (category, j);

          g_assert_true (g_str_has_suffix (question->question, "?"));
          g_assert_cmpuint (g_strv_length (question->answers), >=, 2);
          question_ids[j] = question->id;
        }
      assert_unique_ids (question_ids, resell_category_get_n_questions (category));

      g_assert_cmpuint (resell_category_get_n_flaw_types (category), >=, 5);
      flaw_ids = g_new0 (const char *, resell_category_get_n_flaw_types (category));
      for (guint j = 0; j < resell_category_get_n_flaw_types (category); j++)
        {
          const ResellFlawType *flaw_type = resell_category_get_flaw_type (category, j);

          g_assert_cmpstr (flaw_type->label, !=, "");
          g_assert_cmpstr (flaw_type->description, !=, "");
          g_assert_true (resell_category_find_flaw_type (category, flaw_type->id) == flaw_type);
          flaw_ids[j] = flaw_type->id;
        }
      assert_unique_ids (flaw_ids, resell_category_get_n_flaw_types (category));
    }

  g_assert_finalize_object (g_steal_pointer (&registry));
}

/* The brief's journey names these; grading and the studio rely on them. */
static void
test_builtin_content (void)
{
  g_autoptr(ResellCategoryRegistry) registry = resell_category_registry_new ();
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  ResellCategory *handbags, *clothing;

  g_setenv ("RESELL_CATEGORIES_DIR", "/nonexistent/resell-test", TRUE);
  g_assert_true (resell_category_registry_load_default (registry, problems, NULL));
  g_assert_cmpuint (problems->len, ==, 0);

  handbags = resell_category_registry_lookup (registry, "handbags");
  g_assert_cmpstr (resell_category_get_sku_code (handbags), ==, "BAG");
  for (guint i = 0; i < 5; i++)
    {
      static const char * const shots[] = { "front", "back", "base", "interior", "date-code" };

      g_assert_true (resell_category_find_shot (handbags, shots[i])->required);
    }
  g_assert_cmpint (resell_category_find_shot (handbags, "front")->backdrop, ==, RESELL_BACKDROP_WHITE);
  g_assert_nonnull (resell_category_find_flaw_type (handbags, "corner-wear"));
  g_assert_nonnull (resell_category_find_flaw_type (handbags, "handle-darkening"));
  g_assert_nonnull (resell_category_find_flaw_type (handbags, "edge-wax-peeling"));
  g_assert_null (resell_category_find_flaw_type (handbags, "pilling"));

  clothing = resell_category_registry_lookup (registry, "clothing");
  g_assert_nonnull (resell_category_find_flaw_type (clothing, "pilling"));
  g_assert_nonnull (resell_category_find_flaw_type (clothing, "cut-label"));
  g_assert_nonnull (resell_category_find_flaw_type (clothing, "shrinkage"));
  g_assert_null (resell_category_find_shot (clothing, "date-code"));

  /* Zones: every built-in category names where on the item a flaw is. */
  g_assert_nonnull (resell_category_find_zone (handbags, "lining"));
  g_assert_cmpstr (resell_category_find_zone (handbags, "lining")->label, ==, "Lining");
  g_assert_null (resell_category_find_zone (handbags, "sole"));
  g_assert_nonnull (resell_category_find_zone (clothing, "collar"));
  g_assert_cmpstr (resell_category_get_zone (handbags, 0)->id, ==, "exterior");
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (registry)); i++)
    {
      g_autoptr(ResellCategory) category = g_list_model_get_item (G_LIST_MODEL (registry), i);

      g_assert_cmpuint (resell_category_get_n_zones (category), >, 0);
    }
}

/* Zones are optional: a category without them has none. */
static void
test_parse_no_zones (void)
{
  static const char doc[] =
    "{ \"version\": 1, \"id\": \"x\", \"name\": \"X\", \"sku_code\": \"XX\","
    "  \"shots\": [ { \"id\": \"a\", \"label\": \"A\", \"guidance\": \"G\", \"required\": true } ],"
    "  \"checklist\": [], \"flaws\": [] }";
  g_autoptr(ResellCategory) category = NULL;
  g_autoptr(GError) error = NULL;

  category = resell_category_new_from_data ("plain.json", doc, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (resell_category_get_n_zones (category), ==, 0);
  g_assert_null (resell_category_find_zone (category, "lining"));
}

/* Icon names must exist in the icon theme, or the UI shows a broken image. */
static void
test_builtin_icons (void)
{
  g_autoptr(ResellCategoryRegistry) registry = resell_category_registry_new ();
  const char *theme = "/usr/share/icons/Adwaita";

  if (!g_file_test (theme, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("Adwaita icon theme not installed");
      return;
    }

  g_setenv ("RESELL_CATEGORIES_DIR", "/nonexistent/resell-test", TRUE);
  g_assert_true (resell_category_registry_load_default (registry, NULL, NULL));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (registry)); i++)
    {
      g_autoptr(ResellCategory) category = g_list_model_get_item (G_LIST_MODEL (registry), i);
      const char *icon = resell_category_get_icon_name (category);
      gboolean found = FALSE;

      for (guint j = 0; !found && j < 3; j++)
        {
          static const char * const subdirs[] = { "scalable", "symbolic", "scalable-up-to-32" };
          g_autofree char *pattern = g_strdup_printf ("%s.svg", icon);
          g_autofree char *top = g_build_filename (theme, subdirs[j], NULL);
          g_autoptr(GDir) dir = g_dir_open (top, 0, NULL);
          const char *context;

          while (dir != NULL && !found && (context = g_dir_read_name (dir)))
            {
              g_autofree char *path = g_build_filename (top, context, pattern, NULL);

              found = g_file_test (path, G_FILE_TEST_EXISTS);
            }
        }

      if (!found)
        g_error ("icon %s of %s is not in %s", icon, resell_category_get_id (category), theme);
    }
}

/* ------------------------------------------------------------------------
 * Parsing one file
 * ------------------------------------------------------------------------ */

static void
test_parse_valid (void)
{
  g_autoptr(ResellCategory) category = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *doc = NULL;
  g_autofree char *id = NULL;
  const ResellCheckQuestion *question;
  const ResellShot *shot;

  doc = make_doc ("",
                  "    {\n"
                  "      \"id\": \"front\",\n"
                  "      \"label\": \"Front\",\n"
                  "      \"guidance\": \"Square on\",\n"
                  "      \"required\": true,\n"
                  "      \"backdrop\": \"grey\"\n"
                  "    },\n"
                  "    { \"id\": \"detail-2\", \"label\": \"Detail\", \"guidance\": \"Close\", \"required\": false }\n");

  category = resell_category_new_from_data ("test.json", doc, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (category);

  g_assert_cmpstr (resell_category_get_id (category), ==, "test-cat");
  g_assert_cmpstr (resell_category_get_name (category), ==, "Test category");
  g_assert_cmpstr (resell_category_get_sku_code (category), ==, "TST");
  g_assert_cmpstr (resell_category_get_source (category), ==, "test.json");
  /* No icon given: the generic one. */
  g_assert_cmpstr (resell_category_get_icon_name (category), ==, "package-x-generic-symbolic");

  g_object_get (category, "id", &id, NULL);
  g_assert_cmpstr (id, ==, "test-cat");

  g_assert_cmpuint (resell_category_get_n_shots (category), ==, 2);
  shot = resell_category_get_shot (category, 0);
  g_assert_cmpstr (shot->id, ==, "front");
  g_assert_cmpstr (shot->label, ==, "Front");
  g_assert_cmpstr (shot->guidance, ==, "Square on");
  g_assert_true (shot->required);
  g_assert_cmpint (shot->backdrop, ==, RESELL_BACKDROP_GREY);
  shot = resell_category_find_shot (category, "detail-2");
  g_assert_false (shot->required);
  /* No backdrop given: any. */
  g_assert_cmpint (shot->backdrop, ==, RESELL_BACKDROP_ANY);
  g_assert_null (resell_category_find_shot (category, "back"));

  g_assert_cmpuint (resell_category_get_n_questions (category), ==, 1);
  question = resell_category_get_question (category, 0);
  g_assert_cmpstr (question->question, ==, "Worn?");
  g_assert_cmpstrv (question->answers, ((const char * const []) { "Yes", "No", NULL }));

  g_assert_cmpuint (resell_category_get_n_flaw_types (category), ==, 1);
  /* No description given: empty, never NULL. */
  g_assert_cmpstr (resell_category_find_flaw_type (category, "stain")->description, ==, "");

  g_assert_finalize_object (g_steal_pointer (&category));
}

typedef struct
{
  const char *name;
  const char *top;        /* line 8 */
  const char *shots;      /* from line 10 */
  guint       line;
  const char *fragment;
  GQuark    (*domain) (void);
} BadCase;

/* Each case breaks one rule.  The expected line is written out, not
 * computed, so a loader that reports the wrong line fails. */
static const BadCase bad_cases[] = {
  {
    "syntax-error", "",
    GOOD_SHOT ("front") ",\n"                                                    /* 10 */
    "    { \"id\": \"back\", \"label\": \"Back\", \"guidance\": \"G\",\n"         /* 11 */
    "      \"required\": yes }\n",                                               /* 12 */
    12, "yes", json_parser_error_quark,
  },
  {
    "missing-label", "",
    GOOD_SHOT ("front") ",\n"                                                    /* 10 */
    "    {\n"                                                                    /* 11 */
    "      \"id\": \"back\",\n"                                                  /* 12 */
    "      \"guidance\": \"Turn it round\",\n"                                   /* 13 */
    "      \"required\": false\n"                                                /* 14 */
    "    }\n",                                                                   /* 15 */
    11, "shot “back” has no label", resell_category_error_quark,
  },
  {
    "empty-label", "",
    GOOD_SHOT ("front") ",\n"                                                    /* 10 */
    "    { \"id\": \"back\", \"guidance\": \"G\", \"required\": false,\n"         /* 11 */
    "      \"label\": \"\" }\n",                                                 /* 12 */
    12, "shot “back” has an empty label", resell_category_error_quark,
  },
  {
    "duplicate-shot-id", "",
    GOOD_SHOT ("front") ",\n"                                                    /* 10 */
    GOOD_SHOT ("side") ",\n"                                                     /* 11 */
    GOOD_SHOT ("front") "\n",                                                    /* 12 */
    12, "shot “front” is defined twice (first on line 10)", resell_category_error_quark,
  },
  {
    "unknown-backdrop", "",
    GOOD_SHOT ("front") ",\n"                                                    /* 10 */
    "    { \"id\": \"back\", \"label\": \"B\", \"guidance\": \"G\",\n"            /* 11 */
    "      \"required\": true,\n"                                                /* 12 */
    "      \"backdrop\": \"blue\" }\n",                                          /* 13 */
    13, "unknown backdrop “blue”", resell_category_error_quark,
  },
  {
    "unknown-top-level-key", "\"shot_list\": [],",
    GOOD_SHOT ("front") "\n",
    8, "unknown key “shot_list”", resell_category_error_quark,
  },
  {
    /* Reported where the key is, not where its value ends. */
    "unknown-key-with-object-value",
    "\"extras\": {\n"                                                           /* 8 */
    "    \"strap\": true\n"                                                      /* 9 */
    "  },",                                                                      /* 10 */
    GOOD_SHOT ("front") "\n",
    8, "unknown key “extras” in the category", resell_category_error_quark,
  },
  {
    "unknown-shot-key", "",
    "    { \"id\": \"front\", \"label\": \"F\", \"guidance\": \"G\",\n"           /* 10 */
    "      \"requried\": true }\n",                                              /* 11 */
    11, "unknown key “requried” in shot “front”", resell_category_error_quark,
  },
  {
    "wrong-type", "",
    GOOD_SHOT ("front") ",\n"                                                    /* 10 */
    "    {\n"                                                                    /* 11 */
    "      \"id\": \"back\",\n"                                                  /* 12 */
    "      \"label\": \"Back\",\n"                                               /* 13 */
    "      \"guidance\": \"G\",\n"                                               /* 14 */
    "      \"required\": \"yes\"\n"                                              /* 15 */
    "    }\n",
    15, "“required” of shot “back” must be true or false", resell_category_error_quark,
  },
  {
    "label-not-string", "",
    "    { \"id\": \"front\", \"label\": 5, \"guidance\": \"G\", \"required\": true }\n",
    10, "“label” of shot “front” must be text", resell_category_error_quark,
  },
  {
    "empty-shots", "",
    "",  /* the shots array stays empty… */
    9, "“shots” is empty", resell_category_error_quark,
  },
  {
    "no-required-shot", "",
    "    { \"id\": \"front\", \"label\": \"F\", \"guidance\": \"G\", \"required\": false }\n",
    9, "no shot has \"required\": true", resell_category_error_quark,
  },
  {
    "bad-id", "",
    GOOD_SHOT ("Front") "\n",
    10, "“Front” is not a valid id", resell_category_error_quark,
  },
  {
    "missing-id", "",
    GOOD_SHOT ("front") ",\n"
    "    { \"label\": \"B\", \"guidance\": \"G\", \"required\": false }\n",
    11, "shot 2 has no id", resell_category_error_quark,
  },
  {
    "shot-not-object", "",
    GOOD_SHOT ("front") ",\n"
    "    \"back\"\n",
    11, "entry 2 of “shots” must be an object", resell_category_error_quark,
  },
  {
    "duplicate-key", "\"name\": \"Other\",",
    GOOD_SHOT ("front") "\n",
    8, "“name” is given twice", resell_category_error_quark,
  },
};

static void
test_parse_invalid (gconstpointer data)
{
  const BadCase *bad = data;
  g_autoptr(ResellCategory) category = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *doc = make_doc (bad->top, bad->shots);

  category = resell_category_new_from_data ("bad.json", doc, -1, &error);
  g_assert_null (category);
  g_assert_nonnull (error);
  g_assert_true (error->domain == bad->domain ());

  assert_problem (error->message, "bad.json", bad->line, bad->fragment);
}

/* Problems that do not fit make_doc's mould. */
static void
test_parse_invalid_whole_file (void)
{
  static const struct {
    const char *doc;
    guint       line;
    const char *fragment;
  } cases[] = {
    { "", 1, "the file is empty" },
    { "\n\n  [1, 2]\n", 3, "one object" },
    { "{\n  \"version\": 1,\n  \"name\": \"Caf\xe9\"\n}\n", 3, "not UTF-8" },
    { "{\n  \"version\": 2\n}\n", 2, "version 2 is not supported" },
    { "{\n  \"version\": 1,\n  \"id\": \"x\",\n  \"name\": \"X\",\n  \"sku_code\": \"Bag\"\n}\n", 5, "sku_code “Bag” must be 2 to 4 capital letters" },
    { "{\n  \"version\": 1,\n  \"id\": \"x\",\n  \"name\": \"X\",\n  \"sku_code\": \"BAGSX\"\n}\n", 5, "sku_code “BAGSX” must be" },
    { "{\n  \"version\": \"1\"\n}\n", 2, "“version” must be a whole number" },
    { "{\n  \"id\": \"x\"\n}\n", 1, "has no version" },
    { "{\n  \"version\": 1,\n  \"id\": \"x\",\n  \"name\": \"X\",\n  \"sku_code\": \"XX\",\n"
      "  \"shots\": {}\n}\n", 6, "“shots” of the category must be a list" },
    { "{\n  \"version\": 1,\n  \"id\": \"x\",\n  \"name\": \"X\",\n  \"sku_code\": \"XX\",\n"
      "  \"shots\": [ { \"id\": \"a\", \"label\": \"A\", \"guidance\": \"G\", \"required\": true } ],\n"
      "  \"flaws\": [],\n"
      "  \"checklist\": [\n"
      "    { \"id\": \"q\", \"question\": \"Q?\",\n"
      "      \"answers\": [\n"
      "        \"Yes\",\n"
      "        \"Yes\"\n"
      "      ] }\n"
      "  ]\n}\n", 12, "question “q” lists the answer “Yes” twice" },
    { "{\n  \"version\": 1,\n  \"id\": \"x\",\n  \"name\": \"X\",\n  \"sku_code\": \"XX\",\n"
      "  \"shots\": [ { \"id\": \"a\", \"label\": \"A\", \"guidance\": \"G\", \"required\": true } ],\n"
      "  \"flaws\": [],\n"
      "  \"checklist\": [\n"
      "    { \"id\": \"q\", \"question\": \"Q?\", \"answers\": [\"Only\"] }\n"
      "  ]\n}\n", 9, "question “q” needs at least two answers" },
    { "{\n  \"version\": 1,\n  \"id\": \"x\",\n  \"name\": \"X\",\n  \"sku_code\": \"XX\",\n"
      "  \"shots\": [ { \"id\": \"a\", \"label\": \"A\", \"guidance\": \"G\", \"required\": true } ],\n"
      "  \"checklist\": [],\n"
      "  \"flaws\": [\n"
      "    { \"id\": \"stain\", \"label\": \"Stain\" },\n"
      "    { \"id\": \"stain\", \"label\": \"Spot\" }\n"
      "  ]\n}\n", 10, "flaw “stain” is defined twice (first on line 9)" },
    { "{\n  \"version\": 1,\n  \"id\": \"x\",\n  \"name\": \"X\",\n  \"sku_code\": \"XX\",\n"
      "  \"shots\": [ { \"id\": \"a\", \"label\": \"A\", \"guidance\": \"G\", \"required\": true } ],\n"
      "  \"checklist\": [],\n"
      "  \"flaws\": [],\n"
      "  \"zones\": [\n"
      "    { \"id\": \"lining\", \"label\": \"Lining\" },\n"
      "    { \"id\": \"lining\", \"label\": \"Inside\" }\n"
      "  ]\n}\n", 11, "zone “lining” is defined twice (first on line 10)" },
    { "{\n  \"version\": 1,\n  \"id\": \"x\",\n  \"name\": \"X\",\n  \"sku_code\": \"XX\",\n"
      "  \"shots\": [ { \"id\": \"a\", \"label\": \"A\", \"guidance\": \"G\", \"required\": true } ],\n"
      "  \"checklist\": [],\n"
      "  \"flaws\": [],\n"
      "  \"zones\": [\n"
      "    { \"id\": \"sole\" }\n"
      "  ]\n}\n", 10, "zone “sole”" },
    { "{\n  \"version\": 1,\n  \"id\": \"x\",\n  \"name\": \"X\",\n  \"sku_code\": \"XX\",\n"
      "  \"shots\": [ { \"id\": \"a\", \"label\": \"A\", \"guidance\": \"G\", \"required\": true } ],\n"
      "  \"checklist\": [],\n"
      "  \"flaws\": [],\n"
      "  \"zones\": {}\n}\n", 9, "“zones” of the category must be a list" },
    /* json-glib stops at trailing garbage but still has a root. */
    { "{ \"version\": 1 }\n{\n", 2, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ResellCategory) category = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("case %u", i);
      category = resell_category_new_from_data ("whole.json", cases[i].doc, -1, &error);
      g_assert_null (category);
      g_assert_nonnull (error);
      assert_problem (error->message, "whole.json", cases[i].line, cases[i].fragment);
    }
}

/* ------------------------------------------------------------------------
 * Directories
 * ------------------------------------------------------------------------ */

static void
test_directory_malformed (TmpDir        *fixture,
                          gconstpointer  data)
{
  g_autoptr(ResellCategoryRegistry) registry = resell_category_registry_new ();
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) bad_paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *good_a = NULL;
  g_autofree char *good_b = NULL;
  g_autofree char *path_a = NULL;
  g_autofree char *path_b = NULL;

  /* Bad files sort between the good ones: loading carries on past them. */
  good_a = make_doc ("", GOOD_SHOT ("front") "\n");
  path_a = write_file (fixture->dir, "aa-good.json", good_a);

  good_b = make_doc ("", GOOD_SHOT ("front") "\n");
  memcpy (strstr (good_b, "test-cat"), "zest-cat", 8);
  path_b = write_file (fixture->dir, "zz-good.json", good_b);

  /* Not *.json, or hidden (editors' swap and temporary files): never read. */
  g_free (write_file (fixture->dir, "notes.txt", "{ not json"));
  g_free (write_file (fixture->dir, "aa-good.json~", "{ backup"));
  g_free (write_file (fixture->dir, ".aa-good.json", "{ temporary"));

  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("mm-%02u-%s.json", i, bad_cases[i].name);
      g_autofree char *doc = make_doc (bad_cases[i].top, bad_cases[i].shots);

      g_ptr_array_add (bad_paths, write_file (fixture->dir, name, doc));
    }

  g_assert_true (resell_category_registry_load_directory (registry, fixture->dir, problems, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (registry)), ==, 2);
  g_assert_cmpstr (resell_category_get_source (resell_category_registry_lookup (registry, "test-cat")), ==, path_a);
  g_assert_cmpstr (resell_category_get_source (resell_category_registry_lookup (registry, "zest-cat")), ==, path_b);

  /* One problem per bad file, in file name order, each naming its file
   * and the line. */
  g_assert_cmpuint (problems->len, ==, G_N_ELEMENTS (bad_cases));
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      assert_problem (g_ptr_array_index (problems, i),
                      g_ptr_array_index (bad_paths, i),
                      bad_cases[i].line,
                      bad_cases[i].fragment);
    }

  g_assert_finalize_object (g_steal_pointer (&registry));
}

static void
test_directory_all_broken (TmpDir        *fixture,
                           gconstpointer  data)
{
  g_autoptr(ResellCategoryRegistry) registry = resell_category_registry_new ();
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_file (fixture->dir, "broken.json", "{\n  \"version\": 1,\n  \"id\": oops\n}\n");

  g_assert_false (resell_category_registry_load_directory (registry, fixture->dir, problems, &error));
  g_assert_error (error, RESELL_CATEGORY_ERROR, RESELL_CATEGORY_ERROR_INVALID);
  g_assert_cmpuint (problems->len, ==, 1);
  assert_problem (g_ptr_array_index (problems, 0), path, 3, "oops");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (registry)), ==, 0);

  /* Problems are counted even when the caller does not collect them. */
  g_clear_error (&error);
  g_assert_false (resell_category_registry_load_directory (registry, fixture->dir, NULL, &error));
  g_assert_error (error, RESELL_CATEGORY_ERROR, RESELL_CATEGORY_ERROR_INVALID);
}

static void
test_directory_empty_or_missing (TmpDir        *fixture,
                                 gconstpointer  data)
{
  g_autoptr(ResellCategoryRegistry) registry = resell_category_registry_new ();
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (fixture->dir, "missing", NULL);

  /* Nothing to load is not a failure: there are simply no extra ones. */
  g_assert_true (resell_category_registry_load_directory (registry, fixture->dir, problems, &error));
  g_assert_no_error (error);
  g_assert_true (resell_category_registry_load_directory (registry, missing, problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (registry)), ==, 0);
}

static void
test_directory_duplicate_id (TmpDir        *fixture,
                             gconstpointer  data)
{
  g_autoptr(ResellCategoryRegistry) registry = resell_category_registry_new ();
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *doc = make_doc ("", GOOD_SHOT ("front") "\n");
  g_autofree char *first = write_file (fixture->dir, "a.json", doc);
  g_autofree char *second = write_file (fixture->dir, "b.json", doc);
  const char *message;

  g_assert_true (resell_category_registry_load_directory (registry, fixture->dir, problems, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (registry)), ==, 1);
  g_assert_cmpstr (resell_category_get_source (resell_category_registry_lookup (registry, "test-cat")), ==, second);

  g_assert_cmpuint (problems->len, ==, 1);
  message = g_ptr_array_index (problems, 0);
  g_assert_true (g_str_has_prefix (message, second));
  g_assert_nonnull (strstr (message, first));
}

/* ------------------------------------------------------------------------
 * Defaults and overrides
 * ------------------------------------------------------------------------ */

static void
check_override (const char *dir)
{
  g_autoptr(ResellCategoryRegistry) registry = resell_category_registry_new ();
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *doc = NULL;
  g_autofree char *extra_doc = NULL;
  g_autofree char *path = NULL;
  g_autofree char *extra_path = NULL;
  g_autofree char *broken_path = NULL;
  ResellCategory *handbags;

  /* The user's own handbags, under another name, and one extra category. */
  doc = g_strdup ("{\n"
                  "  \"version\": 1,\n"
                  "  \"id\": \"handbags\",\n"
                  "  \"name\": \"Bags (shop standard)\",\n"
                  "  \"sku_code\": \"HB\",\n"
                  "  \"shots\": [" GOOD_SHOT ("front") "],\n"
                  "  \"checklist\": [],\n"
                  "  \"flaws\": []\n"
                  "}\n");
  path = write_file (dir, "my-bags.json", doc);

  extra_doc = make_doc ("", GOOD_SHOT ("front") "\n");
  memcpy (strstr (extra_doc, "test-cat"), "aaaa-cat", 8);
  extra_path = write_file (dir, "extra.json", extra_doc);

  broken_path = write_file (dir, "broken.json", "{\n\n  \"version\": true\n}\n");

  g_assert_true (resell_category_registry_load_default (registry, problems, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (problems->len, ==, 1);
  assert_problem (g_ptr_array_index (problems, 0), broken_path, 3, "“version” must be a whole number");

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (registry)), ==, G_N_ELEMENTS (builtin_ids) + 1);

  handbags = resell_category_registry_lookup (registry, "handbags");
  g_assert_cmpstr (resell_category_get_name (handbags), ==, "Bags (shop standard)");
  g_assert_cmpstr (resell_category_get_source (handbags), ==, path);
  g_assert_cmpuint (resell_category_get_n_shots (handbags), ==, 1);

  g_assert_nonnull (resell_category_registry_lookup (registry, "aaaa-cat"));
  g_assert_cmpstr (resell_category_get_source (resell_category_registry_lookup (registry, "aaaa-cat")), ==, extra_path);

  g_assert_finalize_object (g_steal_pointer (&registry));

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_unlink (extra_path), ==, 0);
  g_assert_cmpint (g_unlink (broken_path), ==, 0);
}

static void
test_default_override_env (TmpDir        *fixture,
                           gconstpointer  data)
{
  g_setenv ("RESELL_CATEGORIES_DIR", fixture->dir, TRUE);
  check_override (fixture->dir);
}

/* Without the variable, the XDG data folder; main() points that at a
 * temporary folder, never the real one. */
static void
test_default_override_xdg (void)
{
  g_autofree char *resell_dir = g_build_filename (g_get_user_data_dir (), "resell", NULL);
  g_autofree char *dir = g_build_filename (resell_dir, "categories", NULL);

  g_unsetenv ("RESELL_CATEGORIES_DIR");
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  check_override (dir);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  g_assert_cmpint (g_rmdir (resell_dir), ==, 0);
}

/* ------------------------------------------------------------------------
 * The list model
 * ------------------------------------------------------------------------ */

typedef struct
{
  guint position;
  guint removed;
  guint added;
} Change;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GArray     *changes)
{
  Change change = { position, removed, added };

  g_array_append_val (changes, change);
}

static ResellCategory *
make_category (const char *id,
               const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *doc = NULL;
  ResellCategory *category;

  doc = g_strdup_printf ("{ \"version\": 1, \"id\": \"%s\", \"name\": \"%s\", \"sku_code\": \"AB\","
                         "  \"shots\": [ { \"id\": \"a\", \"label\": \"A\", \"guidance\": \"G\", \"required\": true } ],"
                         "  \"checklist\": [], \"flaws\": [] }",
                         id, name);
  category = resell_category_new_from_data (id, doc, -1, &error);
  g_assert_no_error (error);

  return category;
}

static void
assert_order (GListModel         *model,
              const char * const *ids)
{
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, g_strv_length ((char **)ids));

  for (guint i = 0; ids[i]; i++)
    {
      g_autoptr(ResellCategory) category = g_list_model_get_item (model, i);

      g_assert_cmpstr (resell_category_get_id (category), ==, ids[i]);
    }

  g_assert_null (g_list_model_get_item (model, g_strv_length ((char **)ids)));
}

static void
assert_change (GArray *changes,
               guint   index,
               guint   position,
               guint   removed,
               guint   added)
{
  const Change *change;

  g_assert_cmpuint (index, <, changes->len);
  change = &g_array_index (changes, Change, index);
  g_assert_cmpuint (change->position, ==, position);
  g_assert_cmpuint (change->removed, ==, removed);
  g_assert_cmpuint (change->added, ==, added);
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

static void
test_model (void)
{
  g_autoptr(ResellCategoryRegistry) registry = resell_category_registry_new ();
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(ResellCategory) toys = make_category ("toys", "Toys");
  g_autoptr(ResellCategory) art = make_category ("art", "Art");
  g_autoptr(ResellCategory) music = make_category ("music", "Music");
  g_autoptr(ResellCategory) zines = make_category ("art", "Zines");
  g_autoptr(ResellCategory) arts = make_category ("art", "Arts");
  GListModel *model = G_LIST_MODEL (registry);
  guint n_notify = 0;

  g_signal_connect (registry, "items-changed", G_CALLBACK (on_items_changed), changes);
  g_signal_connect (registry, "notify::n-items", G_CALLBACK (on_notify), &n_notify);

  resell_category_registry_add (registry, toys);
  resell_category_registry_add (registry, art);
  resell_category_registry_add (registry, music);
  assert_order (model, (const char * const []) { "art", "music", "toys", NULL });
  g_assert_cmpuint (changes->len, ==, 3);
  assert_change (changes, 0, 0, 0, 1);
  assert_change (changes, 1, 0, 0, 1);
  assert_change (changes, 2, 1, 0, 1);
  g_assert_cmpuint (n_notify, ==, 3);

  g_assert_cmpuint (resell_category_registry_find_position (registry, "music"), ==, 1);
  g_assert_cmpuint (resell_category_registry_find_position (registry, "nope"), ==, G_MAXUINT);
  g_assert_true (resell_category_registry_lookup (registry, "music") == music);
  g_assert_null (resell_category_registry_lookup (registry, "nope"));

  /* Replacing by id in place: one change, no new item. */
  resell_category_registry_add (registry, arts);
  assert_order (model, (const char * const []) { "art", "music", "toys", NULL });
  g_assert_cmpuint (changes->len, ==, 4);
  assert_change (changes, 3, 0, 1, 1);
  g_assert_true (resell_category_registry_lookup (registry, "art") == arts);

  /* Replacing with a new name moves it: a removal then an insertion, each
   * valid against the list as it is at that moment. */
  resell_category_registry_add (registry, zines);
  assert_order (model, (const char * const []) { "music", "toys", "art", NULL });
  g_assert_cmpuint (changes->len, ==, 6);
  assert_change (changes, 4, 0, 1, 0);
  assert_change (changes, 5, 2, 0, 1);
  /* The count never changed while replacing. */
  g_assert_cmpuint (n_notify, ==, 3);

  g_signal_handlers_disconnect_by_data (registry, changes);
  g_signal_handlers_disconnect_by_data (registry, &n_notify);
  g_assert_finalize_object (g_steal_pointer (&registry));

  /* The registry held references; the categories are ours again. */
  g_assert_finalize_object (g_steal_pointer (&toys));
  g_assert_finalize_object (g_steal_pointer (&art));
  g_assert_finalize_object (g_steal_pointer (&zines));
}

/* Names sort as people expect in their language ("Éclairs" with the Es),
 * which only a real locale can show; the C locale sorts by bytes. */
static void
test_model_collation (void)
{
  static const char * const locales[] = { "en_US.UTF-8", "en_GB.UTF-8", "de_DE.UTF-8", "fr_FR.UTF-8" };
  g_autoptr(ResellCategoryRegistry) registry = resell_category_registry_new ();
  g_autoptr(ResellCategory) eclairs = make_category ("eclairs", "Éclairs");
  g_autoptr(ResellCategory) fans = make_category ("fans", "Fans");
  g_autoptr(ResellCategory) dolls = make_category ("dolls", "Dolls");
  g_autofree char *saved = g_strdup (setlocale (LC_COLLATE, NULL));
  gboolean found = FALSE;

  for (guint i = 0; !found && i < G_N_ELEMENTS (locales); i++)
    found = setlocale (LC_COLLATE, locales[i]) != NULL;

  if (!found)
    {
      g_test_skip ("no UTF-8 locale with real collation is installed");
      return;
    }

  resell_category_registry_add (registry, fans);
  resell_category_registry_add (registry, eclairs);
  resell_category_registry_add (registry, dolls);
  assert_order (G_LIST_MODEL (registry), (const char * const []) { "dolls", "eclairs", "fans", NULL });

  setlocale (LC_COLLATE, saved);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int ret;

  /* Before anything asks GLib for it (it is read once): the user's own
   * categories must never leak into the tests.  Not G_TEST_OPTION_ISOLATE_DIRS,
   * which in GLib 2.74 leaks the folder names it sets for every test. */
  data_home = g_dir_make_tmp ("resell-categories-data-XXXXXX", NULL);
  g_assert_nonnull (data_home);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_assert_cmpstr (g_get_user_data_dir (), ==, data_home);

  g_test_init (&argc, &argv, NULL);

  g_assert_true (resell_core_init (argv[0], NULL));

  g_test_add ("/categories/builtin/load", TmpDir, NULL, tmpdir_setup, test_builtin_load, tmpdir_teardown);
  g_test_add_func ("/categories/builtin/content", test_builtin_content);
  g_test_add_func ("/categories/builtin/icons", test_builtin_icons);

  g_test_add_func ("/categories/parse/valid", test_parse_valid);
  g_test_add_func ("/categories/parse/no-zones", test_parse_no_zones);
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/categories/parse/invalid/%s", bad_cases[i].name);

      g_test_add_data_func (path, &bad_cases[i], test_parse_invalid);
    }
  g_test_add_func ("/categories/parse/invalid-whole-file", test_parse_invalid_whole_file);

  g_test_add ("/categories/directory/malformed", TmpDir, NULL, tmpdir_setup, test_directory_malformed, tmpdir_teardown);
  g_test_add ("/categories/directory/all-broken", TmpDir, NULL, tmpdir_setup, test_directory_all_broken, tmpdir_teardown);
  g_test_add ("/categories/directory/empty-or-missing", TmpDir, NULL, tmpdir_setup, test_directory_empty_or_missing, tmpdir_teardown);
  g_test_add ("/categories/directory/duplicate-id", TmpDir, NULL, tmpdir_setup, test_directory_duplicate_id, tmpdir_teardown);

  g_test_add ("/categories/default/override-env", TmpDir, NULL, tmpdir_setup, test_default_override_env, tmpdir_teardown);
  g_test_add_func ("/categories/default/override-xdg", test_default_override_xdg);

  g_test_add_func ("/categories/model/order", test_model);
  g_test_add_func ("/categories/model/collation", test_model_collation);

  ret = g_test_run ();

  g_assert_cmpint (g_rmdir (data_home), ==, 0);

  return ret;
}
