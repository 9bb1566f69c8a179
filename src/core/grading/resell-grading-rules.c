/* resell-grading-rules.c — a category's grading rules from their JSON file.
 * Every mistake is refused with the file and line it is on, like the
 * category loader, so a seller editing their own rules can find it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-grading"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "grading/resell-grading-rules-private.h"
#include "resell-json-private.h"

#define FORMAT_VERSION 1

/* eBay's Inventory API ConditionEnum.  Which of them a category accepts is
 * the rules file's business; this list only catches a misspelt name, which
 * eBay would otherwise refuse at upload time. */
static const char * const ebay_conditions[] = {
  "NEW", "LIKE_NEW", "NEW_OTHER", "NEW_WITH_DEFECTS",
  "CERTIFIED_REFURBISHED", "EXCELLENT_REFURBISHED", "VERY_GOOD_REFURBISHED",
  "GOOD_REFURBISHED", "SELLER_REFURBISHED",
  "USED_EXCELLENT", "USED_VERY_GOOD", "USED_GOOD", "USED_ACCEPTABLE",
  "FOR_PARTS_OR_NOT_WORKING", "PRE_OWNED_EXCELLENT", "PRE_OWNED_FAIR",
  NULL
};

G_DEFINE_QUARK (resell-grading-error-quark, resell_grading_error)

G_DEFINE_FINAL_TYPE (ResellGradingRules, resell_grading_rules, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CATEGORY,
  PROP_SOURCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
flaw_test_free (ResellFlawTest *test)
{
  g_clear_pointer (&test->type_ids, g_ptr_array_unref);
  g_clear_pointer (&test->zone_ids, g_ptr_array_unref);
  g_free (test);
}

static void
rule_free (gpointer data)
{
  ResellGradingRule *rule = data;

  g_free (rule->id);
  g_clear_pointer (&rule->answer_tests, g_array_unref);
  g_clear_pointer (&rule->flaw_test, flaw_test_free);
  g_free (rule->explanation);
  g_free (rule->text);
  g_free (rule);
}

static void
phrases_free (gpointer data)
{
  ResellFlawPhrases *phrases = data;

  for (guint i = 0; i < RESELL_N_SEVERITIES; i++)
    g_free (phrases->by_severity[i]);
  g_free (phrases);
}

static void
resell_grading_rules_finalize (GObject *object)
{
  ResellGradingRules *self = RESELL_GRADING_RULES (object);

  g_clear_object (&self->category);
  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->default_explanation, g_free);
  g_clear_pointer (&self->rules, g_ptr_array_unref);
  g_clear_pointer (&self->phrases, g_hash_table_unref);
  g_clear_pointer (&self->marketplaces, g_hash_table_unref);

  G_OBJECT_CLASS (resell_grading_rules_parent_class)->finalize (object);
}

static void
resell_grading_rules_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  ResellGradingRules *self = RESELL_GRADING_RULES (object);

  switch (prop_id)
    {
    case PROP_CATEGORY:
      g_value_set_object (value, self->category);
      break;

    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_grading_rules_class_init (ResellGradingRulesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = resell_grading_rules_finalize;
  object_class->get_property = resell_grading_rules_get_property;

  properties[PROP_CATEGORY] =
    g_param_spec_object ("category", NULL, NULL,
                         RESELL_TYPE_CATEGORY,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
marketplace_free (gpointer data)
{
  g_ptr_array_unref (data);
}

static void
resell_grading_rules_init (ResellGradingRules *self)
{
  self->rules = g_ptr_array_new_with_free_func (rule_free);
  self->phrases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, phrases_free);
  self->marketplaces = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, marketplace_free);
  self->default_grade = RESELL_CONDITION_GOOD;
}

/* ------------------------------------------------------------------------
 * Line numbers
 *
 * json-glib's tree has no positions, so note the parser's line as each
 * object starts and as each member's value is read, keyed by the object
 * once it ends (its pointer is only known then).
 * ------------------------------------------------------------------------ */

typedef struct
{
  guint       start_line;
  GHashTable *member_lines;  /* name → line, as GUINT_TO_POINTER */
} ObjectLines;

typedef struct
{
  const char     *source;
  ResellCategory *category;
  JsonParser     *parser;
  GPtrArray      *stack;     /* of ObjectLines*, innermost last */
  GHashTable     *objects;   /* JsonObject* → ObjectLines* */
  char           *duplicate_key;
  guint           duplicate_line;
} Loader;

static void
object_lines_free (gpointer data)
{
  ObjectLines *lines = data;

  g_hash_table_unref (lines->member_lines);
  g_free (lines);
}

static void
on_object_start (JsonParser *parser,
                 Loader     *loader)
{
  ObjectLines *lines = g_new0 (ObjectLines, 1);

  lines->start_line = json_parser_get_current_line (parser);
  lines->member_lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_ptr_array_add (loader->stack, lines);
}

static void
on_object_member (JsonParser *parser,
                  JsonObject *object,
                  const char *member_name,
                  Loader     *loader)
{
  ObjectLines *lines;
  JsonNode *node;
  guint line = json_parser_get_current_line (parser);

  g_return_if_fail (loader->stack->len > 0);
  lines = g_ptr_array_index (loader->stack, loader->stack->len - 1);

  /* A member holding an object is reported where that object starts, not
   * where its closing brace sits. */
  node = json_object_get_member (object, member_name);
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      ObjectLines *inner = g_hash_table_lookup (loader->objects, json_node_get_object (node));

      if (inner != NULL)
        line = inner->start_line;
    }

  resell_json_note_member (lines->member_lines, member_name, line,
                           &loader->duplicate_key, &loader->duplicate_line);
}

static void
on_object_end (JsonParser *parser,
               JsonObject *object,
               Loader     *loader)
{
  g_return_if_fail (loader->stack->len > 0);

  g_hash_table_insert (loader->objects, object,
                       g_ptr_array_steal_index (loader->stack, loader->stack->len - 1));
}

static void
loader_clear (Loader *loader)
{
  g_clear_object (&loader->parser);
  g_clear_pointer (&loader->stack, g_ptr_array_unref);
  g_clear_pointer (&loader->objects, g_hash_table_unref);
  g_clear_pointer (&loader->duplicate_key, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Loader, loader_clear)

static guint
object_line (Loader     *loader,
             JsonObject *object)
{
  ObjectLines *lines = g_hash_table_lookup (loader->objects, object);

  return lines ? lines->start_line : 1;
}

static guint
member_line (Loader     *loader,
             JsonObject *object,
             const char *member)
{
  ObjectLines *lines = g_hash_table_lookup (loader->objects, object);
  gpointer line;

  if (lines != NULL && g_hash_table_lookup_extended (lines->member_lines, member, NULL, &line))
    return GPOINTER_TO_UINT (line);

  return object_line (loader, object);
}

G_GNUC_PRINTF (4, 5)
static gboolean
invalid (GError     **error,
         Loader      *loader,
         guint        line,
         const char  *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, RESELL_GRADING_ERROR, RESELL_GRADING_ERROR_INVALID,
               "%s:%u: %s", loader->source, line, message);

  return FALSE;
}

/* ------------------------------------------------------------------------
 * Validation
 * ------------------------------------------------------------------------ */

static char *
translate (const char *msgid)
{
  if (msgid == NULL || msgid[0] == '\0')
    return NULL;

  return g_strdup (g_dgettext (GETTEXT_PACKAGE, msgid));
}

static gboolean
is_valid_id (const char *id)
{
  if (id[0] == '\0')
    return FALSE;

  for (const char *p = id; *p; p++)
    {
      if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
        return FALSE;
    }

  return TRUE;
}

static gboolean
node_is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
check_members (Loader             *loader,
               JsonObject         *object,
               const char         *what,
               const char * const *allowed,
               GError            **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (const GList *l = members; l; l = l->next)
    {
      if (!g_strv_contains (allowed, l->data))
        {
          g_autofree char *expected = g_strjoinv (", ", (char **)allowed);

          return invalid (error, loader, member_line (loader, object, l->data),
                          _("unknown key “%s” in %s (expected one of: %s)"),
                          (const char *)l->data, what, expected);
        }
    }

  return TRUE;
}

static gboolean
get_string (Loader      *loader,
            JsonObject  *object,
            const char  *member,
            const char  *what,
            gboolean     required,
            const char **out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;

  if (node == NULL)
    {
      if (!required)
        return TRUE;

      return invalid (error, loader, object_line (loader, object),
                      _("%s has no %s"), what, member);
    }

  if (!node_is_string (node) || json_node_get_string (node)[0] == '\0')
    return invalid (error, loader, member_line (loader, object, member),
                    _("“%s” of %s must be text in quotes"), member, what);

  *out = json_node_get_string (node);

  return TRUE;
}

static gboolean
get_grade (Loader          *loader,
           JsonObject      *object,
           const char      *member,
           const char      *what,
           gboolean        *present,
           ResellCondition *out,
           GError         **error)
{
  const char *id;

  if (!get_string (loader, object, member, what, FALSE, &id, error))
    return FALSE;

  *present = id != NULL;

  if (id != NULL && !resell_condition_from_id (id, out))
    return invalid (error, loader, member_line (loader, object, member),
                    _("%s names the unknown grade “%s” (use new-with-tags, new-without-tags, new-with-defects, like-new, excellent, very-good, good, fair or for-parts)"),
                    what, id);

  return TRUE;
}

/* A string or a list of strings, as a list. */
static GPtrArray *
get_string_list (Loader      *loader,
                 JsonObject  *object,
                 const char  *member,
                 const char  *what,
                 GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_free);
  JsonNode *node = json_object_get_member (object, member);

  if (node_is_string (node))
    {
      g_ptr_array_add (list, g_strdup (json_node_get_string (node)));
      return g_steal_pointer (&list);
    }

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (!node_is_string (element))
            break;

          g_ptr_array_add (list, g_strdup (json_node_get_string (element)));
        }

      if (list->len == json_array_get_length (array) && list->len > 0)
        return g_steal_pointer (&list);
    }

  invalid (error, loader, member_line (loader, object, member),
           _("“%s” of %s must be an id in quotes or a non-empty list of them"),
           member, what);
  return NULL;
}

static gboolean
load_answer_tests (ResellGradingRule  *rule,
                   Loader             *loader,
                   JsonObject         *answers,
                   const char         *what,
                   GError            **error)
{
  g_autoptr(GList) members = json_object_get_members (answers);

  for (const GList *l = members; l; l = l->next)
    {
      const char *question_id = l->data;
      g_autoptr(GPtrArray) answer_ids = NULL;
      ResellAnswerTest test = { 0 };

      test.question = resell_category_find_question (loader->category, question_id);

      if (test.question == NULL)
        return invalid (error, loader, member_line (loader, answers, question_id),
                        _("%s names the unknown question “%s” (not in the checklist of category “%s”)"),
                        what, question_id, resell_category_get_id (loader->category));

      if (!(answer_ids = get_string_list (loader, answers, question_id, what, error)))
        return FALSE;

      for (guint i = 0; i < answer_ids->len; i++)
        {
          const char *answer_id = g_ptr_array_index (answer_ids, i);
          int index = resell_check_question_find_answer (test.question, answer_id);

          if (index < 0)
            {
              g_autofree char *known = g_strjoinv (", ", test.question->answer_ids);

              return invalid (error, loader, member_line (loader, answers, question_id),
                              _("%s names the unknown answer “%s” to question “%s” (answers: %s)"),
                              what, answer_id, question_id, known);
            }

          test.answers |= 1u << index;
        }

      g_array_append_val (rule->answer_tests, test);
    }

  return TRUE;
}

static gboolean
load_flaw_test (ResellGradingRule  *rule,
                Loader             *loader,
                JsonObject         *flaw,
                const char         *what,
                GError            **error)
{
  static const char * const allowed[] = { "type", "severity", "zone", "count_at_least", NULL };
  ResellFlawTest *test = g_new0 (ResellFlawTest, 1);

  rule->flaw_test = test;
  test->severities = (1u << RESELL_N_SEVERITIES) - 1;
  test->min_count = 1;

  if (!check_members (loader, flaw, what, allowed, error))
    return FALSE;

  if (json_object_has_member (flaw, "type"))
    {
      if (!(test->type_ids = get_string_list (loader, flaw, "type", what, error)))
        return FALSE;

      for (guint i = 0; i < test->type_ids->len; i++)
        {
          const char *type_id = g_ptr_array_index (test->type_ids, i);

          if (resell_category_find_flaw_type (loader->category, type_id) == NULL)
            return invalid (error, loader, member_line (loader, flaw, "type"),
                            _("%s names the unknown flaw type “%s” (not a flaw of category “%s”)"),
                            what, type_id, resell_category_get_id (loader->category));
        }
    }

  if (json_object_has_member (flaw, "severity"))
    {
      g_autoptr(GPtrArray) ids = NULL;

      if (!(ids = get_string_list (loader, flaw, "severity", what, error)))
        return FALSE;

      test->severities = 0;

      for (guint i = 0; i < ids->len; i++)
        {
          ResellSeverity severity;

          if (!resell_severity_from_id (g_ptr_array_index (ids, i), &severity))
            return invalid (error, loader, member_line (loader, flaw, "severity"),
                            _("%s names the unknown severity “%s” (use minor, moderate or major)"),
                            what, (const char *)g_ptr_array_index (ids, i));

          test->severities |= 1u << severity;
        }
    }

  if (json_object_has_member (flaw, "zone"))
    {
      if (!(test->zone_ids = get_string_list (loader, flaw, "zone", what, error)))
        return FALSE;

      for (guint i = 0; i < test->zone_ids->len; i++)
        {
          const char *zone_id = g_ptr_array_index (test->zone_ids, i);

          if (resell_category_find_zone (loader->category, zone_id) == NULL)
            return invalid (error, loader, member_line (loader, flaw, "zone"),
                            _("%s names the unknown zone “%s” (not a zone of category “%s”)"),
                            what, zone_id, resell_category_get_id (loader->category));
        }
    }

  if (json_object_has_member (flaw, "count_at_least"))
    {
      JsonNode *node = json_object_get_member (flaw, "count_at_least");

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
          json_node_get_int (node) < 1 || json_node_get_int (node) > 1000)
        return invalid (error, loader, member_line (loader, flaw, "count_at_least"),
                        _("“count_at_least” of %s must be a whole number from 1 to 1000"), what);

      test->min_count = (guint)json_node_get_int (node);
    }

  return TRUE;
}

static gboolean
load_rule (ResellGradingRules  *self,
           Loader              *loader,
           JsonObject          *object,
           guint                index,
           GHashTable          *seen,
           GError             **error)
{
  static const char * const allowed[] = { "id", "when", "set", "cap", "explain", "text", NULL };
  static const char * const when_allowed[] = { "answer", "flaw", NULL };
  ResellGradingRule *rule = g_new0 (ResellGradingRule, 1);
  g_autofree char *what = NULL;
  const char *id, *explain, *text;
  JsonNode *when_node;
  JsonObject *when;

  rule->answer_tests = g_array_new (FALSE, TRUE, sizeof (ResellAnswerTest));
  g_ptr_array_add (self->rules, rule);

  what = g_strdup_printf (_("rule %u"), index + 1);

  if (!get_string (loader, object, "id", what, TRUE, &id, error))
    return FALSE;

  if (!is_valid_id (id))
    return invalid (error, loader, member_line (loader, object, "id"),
                    _("“%s” is not a valid id for %s: use lowercase letters a–z, digits and “-”"),
                    id, what);

  g_free (what);
  what = g_strdup_printf (_("rule “%s”"), id);
  rule->id = g_strdup (id);

  if (!g_hash_table_add (seen, rule->id))
    return invalid (error, loader, object_line (loader, object),
                    _("%s is defined twice"), what);

  if (!check_members (loader, object, what, allowed, error) ||
      !get_grade (loader, object, "set", what, &rule->sets, &rule->set, error) ||
      !get_grade (loader, object, "cap", what, &rule->caps, &rule->cap, error) ||
      !get_string (loader, object, "explain", what, rule->sets || rule->caps, &explain, error) ||
      !get_string (loader, object, "text", what, FALSE, &text, error))
    return FALSE;

  if (!rule->sets && !rule->caps && text == NULL)
    return invalid (error, loader, object_line (loader, object),
                    _("%s does nothing: give it “set”, “cap” or “text”"), what);

  when_node = json_object_get_member (object, "when");

  if (when_node == NULL || !JSON_NODE_HOLDS_OBJECT (when_node))
    return invalid (error, loader, member_line (loader, object, "when"),
                    _("%s needs a “when” object in curly braces"), what);

  when = json_node_get_object (when_node);

  if (!check_members (loader, when, what, when_allowed, error))
    return FALSE;

  if (json_object_get_size (when) == 0)
    return invalid (error, loader, member_line (loader, object, "when"),
                    _("%s has an empty “when”: use the file's “default” grade instead"), what);

  if (json_object_has_member (when, "answer"))
    {
      JsonNode *node = json_object_get_member (when, "answer");

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return invalid (error, loader, member_line (loader, when, "answer"),
                        _("“answer” of %s must map question ids to answer ids"), what);

      if (!load_answer_tests (rule, loader, json_node_get_object (node), what, error))
        return FALSE;
    }

  if (json_object_has_member (when, "flaw"))
    {
      JsonNode *node = json_object_get_member (when, "flaw");

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return invalid (error, loader, member_line (loader, when, "flaw"),
                        _("“flaw” of %s must be an object in curly braces"), what);

      if (!load_flaw_test (rule, loader, json_node_get_object (node), what, error))
        return FALSE;
    }

  rule->explanation = translate (explain);
  rule->text = translate (text);

  return TRUE;
}

static gboolean
load_rules (ResellGradingRules  *self,
            Loader              *loader,
            JsonObject          *root,
            GError             **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonNode *node = json_object_get_member (root, "rules");
  JsonArray *rules;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return invalid (error, loader, member_line (loader, root, "rules"),
                    _("the rules file needs a “rules” list in square brackets"));

  rules = json_node_get_array (node);

  for (guint i = 0; i < json_array_get_length (rules); i++)
    {
      JsonNode *element = json_array_get_element (rules, i);

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return invalid (error, loader, member_line (loader, root, "rules"),
                        _("entry %u of “rules” must be an object in curly braces"), i + 1);

      if (!load_rule (self, loader, json_node_get_object (element), i, seen, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
load_phrases (ResellGradingRules  *self,
              Loader              *loader,
              JsonObject          *root,
              GError             **error)
{
  JsonNode *node = json_object_get_member (root, "phrases");
  g_autoptr(GList) members = NULL;
  JsonObject *phrases;

  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, loader, member_line (loader, root, "phrases"),
                    _("“phrases” must map flaw types to phrases by severity"));

  phrases = json_node_get_object (node);
  members = json_object_get_members (phrases);

  for (const GList *l = members; l; l = l->next)
    {
      static const char * const allowed[] = { "minor", "moderate", "major", NULL };
      const char *type_id = l->data;
      JsonNode *entry = json_object_get_member (phrases, type_id);
      g_autofree char *what = g_strdup_printf (_("the phrases for “%s”"), type_id);
      ResellFlawPhrases *flaw_phrases;
      JsonObject *by_severity;

      if (resell_category_find_flaw_type (loader->category, type_id) == NULL)
        return invalid (error, loader, member_line (loader, phrases, type_id),
                        _("“phrases” names the unknown flaw type “%s” (not a flaw of category “%s”)"),
                        type_id, resell_category_get_id (loader->category));

      if (!JSON_NODE_HOLDS_OBJECT (entry))
        return invalid (error, loader, member_line (loader, phrases, type_id),
                        _("%s must map minor, moderate and major to phrases"), what);

      by_severity = json_node_get_object (entry);

      if (!check_members (loader, by_severity, what, allowed, error))
        return FALSE;

      flaw_phrases = g_new0 (ResellFlawPhrases, 1);
      g_hash_table_insert (self->phrases, g_strdup (type_id), flaw_phrases);

      for (guint i = 0; i < RESELL_N_SEVERITIES; i++)
        {
          const char *phrase;

          if (!get_string (loader, by_severity, allowed[i], what, FALSE, &phrase, error))
            return FALSE;

          flaw_phrases->by_severity[i] = translate (phrase);
        }
    }

  return TRUE;
}

static gboolean
load_marketplaces (ResellGradingRules  *self,
                   Loader              *loader,
                   JsonObject          *root,
                   GError             **error)
{
  JsonNode *node = json_object_get_member (root, "marketplaces");
  g_autoptr(GList) members = NULL;
  JsonObject *marketplaces;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, loader, member_line (loader, root, "marketplaces"),
                    _("the rules file needs a “marketplaces” object mapping grades to each marketplace's conditions"));

  marketplaces = json_node_get_object (node);
  members = json_object_get_members (marketplaces);

  for (const GList *l = members; l; l = l->next)
    {
      const char *marketplace = l->data;
      JsonNode *entry = json_object_get_member (marketplaces, marketplace);
      g_autoptr(GList) grades = NULL;
      GPtrArray *mapping;
      JsonObject *object;

      if (!is_valid_id (marketplace) || !JSON_NODE_HOLDS_OBJECT (entry))
        return invalid (error, loader, member_line (loader, marketplaces, marketplace),
                        _("marketplace “%s” must have an id of lowercase letters and map grades to conditions"),
                        marketplace);

      object = json_node_get_object (entry);
      grades = json_object_get_members (object);
      mapping = g_ptr_array_new_full (RESELL_N_CONDITIONS, g_free);
      g_ptr_array_set_size (mapping, RESELL_N_CONDITIONS);
      g_hash_table_insert (self->marketplaces, g_strdup (marketplace), mapping);

      for (const GList *g = grades; g; g = g->next)
        {
          JsonNode *value = json_object_get_member (object, g->data);
          ResellCondition grade;
          const char *condition;

          if (!resell_condition_from_id (g->data, &grade))
            return invalid (error, loader, member_line (loader, object, g->data),
                            _("marketplace “%s” maps the unknown grade “%s”"),
                            marketplace, (const char *)g->data);

          /* null: the marketplace has no condition for this grade here. */
          if (JSON_NODE_HOLDS_NULL (value))
            continue;

          if (!node_is_string (value))
            return invalid (error, loader, member_line (loader, object, g->data),
                            _("marketplace “%s” must map “%s” to a condition name in quotes or null"),
                            marketplace, (const char *)g->data);

          condition = json_node_get_string (value);

          if (g_str_equal (marketplace, "ebay") && !g_strv_contains (ebay_conditions, condition))
            return invalid (error, loader, member_line (loader, object, g->data),
                            _("“%s” is not an eBay condition (ConditionEnum)"), condition);

          g_free (g_ptr_array_index (mapping, grade));
          g_ptr_array_index (mapping, grade) = g_strdup (condition);
        }
    }

  return TRUE;
}

static gboolean
load_root (ResellGradingRules  *self,
           Loader              *loader,
           JsonObject          *root,
           GError             **error)
{
  static const char * const allowed[] = {
    "version", "category", "default", "rules", "phrases", "marketplaces", NULL
  };
  const char *what = _("the rules file");
  const char *category_id;
  JsonNode *version;
  gboolean has_default;

  if (!check_members (loader, root, what, allowed, error))
    return FALSE;

  version = json_object_get_member (root, "version");

  if (version == NULL || !JSON_NODE_HOLDS_VALUE (version) ||
      json_node_get_value_type (version) != G_TYPE_INT64 ||
      json_node_get_int (version) != FORMAT_VERSION)
    return invalid (error, loader, member_line (loader, root, "version"),
                    _("“version” must be %d, the rules format this version of Resell reads"),
                    FORMAT_VERSION);

  if (!get_string (loader, root, "category", what, TRUE, &category_id, error))
    return FALSE;

  if (!g_str_equal (category_id, resell_category_get_id (loader->category)))
    return invalid (error, loader, member_line (loader, root, "category"),
                    _("the rules are for category “%s” but were loaded for “%s”"),
                    category_id, resell_category_get_id (loader->category));

  if (!get_grade (loader, root, "default", what, &has_default, &self->default_grade, error))
    return FALSE;

  if (!has_default)
    return invalid (error, loader, object_line (loader, root),
                    _("the rules file has no “default” grade (the grade when no rule sets one)"));

  /* TRANSLATORS: %s is a grade, "Good" */
  self->default_explanation = g_strdup_printf (_("No answer set the grade, so it starts at %s"),
                                               resell_condition_get_label (self->default_grade));

  return load_rules (self, loader, root, error) &&
         load_phrases (self, loader, root, error) &&
         load_marketplaces (self, loader, root, error);
}

ResellGradingRules *
resell_grading_rules_new_from_data (ResellCategory  *category,
                                    const char      *source_name,
                                    const char      *data,
                                    gssize           length,
                                    GError         **error)
{
  g_auto(Loader) loader = { 0 };
  g_autoptr(ResellGradingRules) self = NULL;
  g_autoptr(GError) json_error = NULL;
  JsonNode *root;

  g_return_val_if_fail (RESELL_IS_CATEGORY (category), NULL);
  g_return_val_if_fail (source_name != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = strlen (data);

  loader.source = source_name;
  loader.category = category;
  loader.parser = json_parser_new ();
  loader.stack = g_ptr_array_new_with_free_func (object_lines_free);
  loader.objects = g_hash_table_new_full (NULL, NULL, NULL, object_lines_free);
  g_signal_connect (loader.parser, "object-start", G_CALLBACK (on_object_start), &loader);
  g_signal_connect (loader.parser, "object-member", G_CALLBACK (on_object_member), &loader);
  g_signal_connect (loader.parser, "object-end", G_CALLBACK (on_object_end), &loader);

  if (!g_utf8_validate (data, length, NULL))
    {
      invalid (error, &loader, 1, _("the file is not UTF-8 text"));
      return NULL;
    }

  if (!json_parser_load_from_data (loader.parser, data, length, &json_error))
    {
      resell_json_set_syntax_error (error, RESELL_GRADING_ERROR, RESELL_GRADING_ERROR_INVALID,
                                    source_name, json_error);
      return NULL;
    }

  if (loader.duplicate_key != NULL)
    {
      invalid (error, &loader, loader.duplicate_line,
               _("“%s” is given twice in the same object"), loader.duplicate_key);
      return NULL;
    }

  root = json_parser_get_root (loader.parser);

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      invalid (error, &loader, 1, _("the file must contain one object in curly braces"));
      return NULL;
    }

  self = g_object_new (RESELL_TYPE_GRADING_RULES, NULL);
  self->category = g_object_ref (category);
  self->source = g_strdup (source_name);

  if (!load_root (self, &loader, json_node_get_object (root), error))
    return NULL;

  return g_steal_pointer (&self);
}

ResellCategory *
resell_grading_rules_get_category (ResellGradingRules *self)
{
  g_return_val_if_fail (RESELL_IS_GRADING_RULES (self), NULL);

  return self->category;
}

const char *
resell_grading_rules_get_source (ResellGradingRules *self)
{
  g_return_val_if_fail (RESELL_IS_GRADING_RULES (self), NULL);

  return self->source;
}

guint
resell_grading_rules_get_n_rules (ResellGradingRules *self)
{
  g_return_val_if_fail (RESELL_IS_GRADING_RULES (self), 0);

  return self->rules->len;
}

const char *
resell_grading_rules_get_rule_id (ResellGradingRules *self,
                                  guint               index)
{
  g_return_val_if_fail (RESELL_IS_GRADING_RULES (self), NULL);
  g_return_val_if_fail (index < self->rules->len, NULL);

  return ((ResellGradingRule *)g_ptr_array_index (self->rules, index))->id;
}

const char *
resell_grading_rules_map_condition (ResellGradingRules *self,
                                    const char         *marketplace,
                                    ResellCondition     grade,
                                    gboolean           *known)
{
  GPtrArray *mapping;

  g_return_val_if_fail (RESELL_IS_GRADING_RULES (self), NULL);
  g_return_val_if_fail (marketplace != NULL, NULL);
  g_return_val_if_fail ((guint)grade < RESELL_N_CONDITIONS, NULL);

  mapping = g_hash_table_lookup (self->marketplaces, marketplace);

  if (known != NULL)
    *known = mapping != NULL;

  if (mapping == NULL)
    return NULL;

  return g_ptr_array_index (mapping, grade);
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return g_strcmp0 (*(char * const *)a, *(char * const *)b);
}

GStrv
resell_grading_rules_dup_marketplaces (ResellGradingRules *self)
{
  g_autofree const char **keys = NULL;
  GStrv result;
  guint n;

  g_return_val_if_fail (RESELL_IS_GRADING_RULES (self), NULL);

  keys = (const char **)g_hash_table_get_keys_as_array (self->marketplaces, &n);
  result = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    result[i] = g_strdup (keys[i]);

  qsort (result, n, sizeof (char *), compare_strings);

  return result;
}
