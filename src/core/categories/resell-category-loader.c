/* resell-category-loader.c — a category from its JSON file: every
 * mistake refused with the line it is on, in a sentence for the person
 * who wrote the file.  One log domain with resell-category.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-category"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "categories/resell-category-private.h"
#include "resell-json-private.h"

/* The file format this code reads.  A file that asks for a newer one is
 * refused rather than half-understood. */
#define FORMAT_VERSION 1

#define DEFAULT_ICON_NAME "package-x-generic-symbolic"

/* ------------------------------------------------------------------------
 * Line numbers
 *
 * json-glib builds a tree without positions, but people fixing a category
 * file need to know *where* it is wrong.  The parser's signals fire while
 * its scanner sits on the relevant token, so we note the current line as
 * each object, array, member and element goes by and keep it keyed by the
 * JsonObject/JsonArray it belongs to.  Frames live on a stack until their
 * container ends: before that json-glib has not told us its pointer.
 * ------------------------------------------------------------------------ */

typedef struct
{
  guint       start_line;
  GHashTable *member_lines;  /* member name → line, as GUINT_TO_POINTER */
} ObjectLines;

typedef struct
{
  guint   start_line;
  GArray *element_lines;     /* of guint, by index */
} ArrayLines;

typedef struct
{
  const char *source;
  JsonParser *parser;

  GPtrArray  *object_stack;  /* of ObjectLines*, innermost last */
  GPtrArray  *array_stack;   /* of ArrayLines*, innermost last */
  GHashTable *objects;       /* JsonObject* → ObjectLines* */
  GHashTable *arrays;        /* JsonArray* → ArrayLines* */

  /* json-glib keeps the last of two equal keys without a word; a typo'd
   * copy-paste would then silently win, so the first such key is an error. */
  char       *duplicate_key;
  guint       duplicate_line;
} Loader;

static void
object_lines_free (gpointer data)
{
  ObjectLines *lines = data;

  g_hash_table_unref (lines->member_lines);
  g_free (lines);
}

static void
array_lines_free (gpointer data)
{
  ArrayLines *lines = data;

  g_array_unref (lines->element_lines);
  g_free (lines);
}

static void
loader_clear (Loader *loader)
{
  g_clear_pointer (&loader->object_stack, g_ptr_array_unref);
  g_clear_pointer (&loader->array_stack, g_ptr_array_unref);
  g_clear_pointer (&loader->objects, g_hash_table_unref);
  g_clear_pointer (&loader->arrays, g_hash_table_unref);
  g_clear_pointer (&loader->duplicate_key, g_free);
  g_clear_object (&loader->parser);
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
array_line (Loader    *loader,
            JsonArray *array)
{
  ArrayLines *lines = g_hash_table_lookup (loader->arrays, array);

  return lines ? lines->start_line : 1;
}

/* Line of the value of @member, or of @object when it has no such member. */
static guint
member_line (Loader     *loader,
             JsonObject *object,
             const char *member)
{
  ObjectLines *lines = g_hash_table_lookup (loader->objects, object);
  gpointer line;

  if (lines == NULL)
    return 1;

  if (g_hash_table_lookup_extended (lines->member_lines, member, NULL, &line))
    return GPOINTER_TO_UINT (line);

  return lines->start_line;
}

static guint
element_line (Loader    *loader,
              JsonArray *array,
              guint      index)
{
  ArrayLines *lines = g_hash_table_lookup (loader->arrays, array);

  if (lines == NULL)
    return 1;

  if (index < lines->element_lines->len)
    return g_array_index (lines->element_lines, guint, index);

  return lines->start_line;
}

/* A member or element that is itself a container starts on the line of its
 * opening bracket; by the time the parser reports the member it has reached
 * the closing one, so look the opening line up instead. */
static guint
value_line (Loader   *loader,
            JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    return object_line (loader, json_node_get_object (node));

  if (JSON_NODE_HOLDS_ARRAY (node))
    return array_line (loader, json_node_get_array (node));

  return json_parser_get_current_line (loader->parser);
}

static void
on_object_start (JsonParser *parser,
                 Loader     *loader)
{
  ObjectLines *lines = g_new0 (ObjectLines, 1);

  lines->start_line = json_parser_get_current_line (parser);
  lines->member_lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_ptr_array_add (loader->object_stack, lines);
}

static void
on_object_member (JsonParser *parser,
                  JsonObject *object,
                  const char *member_name,
                  Loader     *loader)
{
  ObjectLines *lines;
  guint line;

  g_return_if_fail (loader->object_stack->len > 0);

  /* Members are reported after their value is parsed, so any nested
   * object has already been popped and the top frame is @object's. */
  lines = g_ptr_array_index (loader->object_stack, loader->object_stack->len - 1);
  line = value_line (loader, json_object_get_member (object, member_name));

  resell_json_note_member (lines->member_lines, member_name, line,
                           &loader->duplicate_key, &loader->duplicate_line);
}

static void
on_object_end (JsonParser *parser,
               JsonObject *object,
               Loader     *loader)
{
  g_return_if_fail (loader->object_stack->len > 0);

  g_hash_table_insert (loader->objects,
                       object,
                       g_ptr_array_steal_index (loader->object_stack,
                                                loader->object_stack->len - 1));
}

static void
on_array_start (JsonParser *parser,
                Loader     *loader)
{
  ArrayLines *lines = g_new0 (ArrayLines, 1);

  lines->start_line = json_parser_get_current_line (parser);
  lines->element_lines = g_array_new (FALSE, TRUE, sizeof (guint));
  g_ptr_array_add (loader->array_stack, lines);
}

static void
on_array_element (JsonParser *parser,
                  JsonArray  *array,
                  int         index,
                  Loader     *loader)
{
  ArrayLines *lines;
  guint line;

  g_return_if_fail (loader->array_stack->len > 0);
  g_return_if_fail (index >= 0);

  lines = g_ptr_array_index (loader->array_stack, loader->array_stack->len - 1);
  line = value_line (loader, json_array_get_element (array, index));

  if ((guint)index >= lines->element_lines->len)
    g_array_set_size (lines->element_lines, index + 1);
  g_array_index (lines->element_lines, guint, index) = line;
}

static void
on_array_end (JsonParser *parser,
              JsonArray  *array,
              Loader     *loader)
{
  g_return_if_fail (loader->array_stack->len > 0);

  g_hash_table_insert (loader->arrays,
                       array,
                       g_ptr_array_steal_index (loader->array_stack,
                                                loader->array_stack->len - 1));
}

static void
loader_init (Loader     *loader,
             const char *source)
{
  loader->source = source;
  loader->parser = json_parser_new ();
  loader->object_stack = g_ptr_array_new_with_free_func (object_lines_free);
  loader->array_stack = g_ptr_array_new_with_free_func (array_lines_free);
  loader->objects = g_hash_table_new_full (NULL, NULL, NULL, object_lines_free);
  loader->arrays = g_hash_table_new_full (NULL, NULL, NULL, array_lines_free);

  g_signal_connect (loader->parser, "object-start", G_CALLBACK (on_object_start), loader);
  g_signal_connect (loader->parser, "object-member", G_CALLBACK (on_object_member), loader);
  g_signal_connect (loader->parser, "object-end", G_CALLBACK (on_object_end), loader);
  g_signal_connect (loader->parser, "array-start", G_CALLBACK (on_array_start), loader);
  g_signal_connect (loader->parser, "array-element", G_CALLBACK (on_array_element), loader);
  g_signal_connect (loader->parser, "array-end", G_CALLBACK (on_array_end), loader);
}

/* ------------------------------------------------------------------------
 * Validation
 * ------------------------------------------------------------------------ */

/* Every message reads "<file>:<line>: <what is wrong>", the form editors
 * and terminals turn into a link to the spot. */
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

  g_set_error (error, RESELL_CATEGORY_ERROR, RESELL_CATEGORY_ERROR_INVALID,
               "%s:%u: %s", loader->source, line, message);

  return FALSE;
}

/* The strings are written in English in the data files and extracted for
 * translation from there; look them up in our domain as we load.  An empty
 * msgid would return the catalogue header, so it is left alone. */
static char *
translate (const char *msgid)
{
  if (msgid == NULL || msgid[0] == '\0')
    return g_strdup ("");

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
is_valid_sku_code (const char *code)
{
  gsize len = strlen (code);

  if (len < 2 || len > 4)
    return FALSE;

  for (const char *p = code; *p; p++)
    {
      if (*p < 'A' || *p > 'Z')
        return FALSE;
    }

  return TRUE;
}

/* Refuses members nobody reads: a misspelt "requried" would otherwise be
 * dropped and the shot quietly become optional. */
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
      const char *member = l->data;

      if (!g_strv_contains (allowed, member))
        {
          g_autofree char *expected = g_strjoinv (", ", (char **)allowed);

          /* TRANSLATORS: the first %s is a key in the file, the second
           * names the object ("shot “front”"), the third lists the keys
           * allowed there. */
          return invalid (error, loader, member_line (loader, object, member),
                          _("unknown key “%s” in %s (expected one of: %s)"),
                          member, what, expected);
        }
    }

  return TRUE;
}

static JsonNode *
require_member (Loader      *loader,
                JsonObject  *object,
                const char  *member,
                const char  *what,
                GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    {
      /* TRANSLATORS: "shot “front” has no label"; the second %s is the
       * key as written in the file. */
      invalid (error, loader, object_line (loader, object),
               _("%s has no %s"), what, member);
      return NULL;
    }

  return node;
}

static gboolean
node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

/* Reads a string member.  Missing is an error when @required; empty is an
 * error when @non_empty.  *@out stays NULL for an optional absent member. */
static gboolean
get_string (Loader      *loader,
            JsonObject  *object,
            const char  *member,
            const char  *what,
            gboolean     required,
            gboolean     non_empty,
            const char **out,
            GError     **error)
{
  JsonNode *node;

  *out = NULL;

  if (!required && !json_object_has_member (object, member))
    return TRUE;

  if (!(node = require_member (loader, object, member, what, error)))
    return FALSE;

  if (!node_is_string (node))
    return invalid (error, loader, member_line (loader, object, member),
                    /* TRANSLATORS: "“label” of shot “front” must be text in quotes" */
                    _("“%s” of %s must be text in quotes"), member, what);

  *out = json_node_get_string (node);

  if (non_empty && (*out)[0] == '\0')
    return invalid (error, loader, member_line (loader, object, member),
                    /* TRANSLATORS: "shot “front” has an empty label" */
                    _("%s has an empty %s"), what, member);

  return TRUE;
}

static gboolean
get_id (Loader      *loader,
        JsonObject  *object,
        const char  *what,
        const char **out,
        GError     **error)
{
  if (!get_string (loader, object, "id", what, TRUE, TRUE, out, error))
    return FALSE;

  if (!is_valid_id (*out))
    return invalid (error, loader, member_line (loader, object, "id"),
                    _("“%s” is not a valid id for %s: use lowercase letters a–z, digits and “-”"),
                    *out, what);

  return TRUE;
}

static gboolean
get_boolean (Loader      *loader,
             JsonObject  *object,
             const char  *member,
             const char  *what,
             gboolean    *out,
             GError     **error)
{
  JsonNode *node;

  if (!(node = require_member (loader, object, member, what, error)))
    return FALSE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return invalid (error, loader, member_line (loader, object, member),
                    _("“%s” of %s must be true or false"), member, what);

  *out = json_node_get_boolean (node);

  return TRUE;
}

static JsonArray *
get_array (Loader      *loader,
           JsonObject  *object,
           const char  *member,
           const char  *what,
           GError     **error)
{
  JsonNode *node;

  if (!(node = require_member (loader, object, member, what, error)))
    return NULL;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      invalid (error, loader, member_line (loader, object, member),
               _("“%s” of %s must be a list in square brackets"), member, what);
      return NULL;
    }

  return json_node_get_array (node);
}

static JsonObject *
get_element_object (Loader      *loader,
                    JsonArray   *array,
                    guint        index,
                    const char  *list_name,
                    GError     **error)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      /* TRANSLATORS: "entry 3 of “shots” must be an object in curly braces" */
      invalid (error, loader, element_line (loader, array, index),
               _("entry %u of “%s” must be an object in curly braces"),
               index + 1, list_name);
      return NULL;
    }

  return json_node_get_object (node);
}

/* Ids must be unique within their list, since photos, answers and flaws
 * refer to them.  @seen maps id → line of its first use. */
static gboolean
check_unique (Loader      *loader,
              GHashTable  *seen,
              JsonObject  *object,
              const char  *id,
              const char  *what,
              GError     **error)
{
  gpointer first_line;

  if (g_hash_table_lookup_extended (seen, id, NULL, &first_line))
    return invalid (error, loader, object_line (loader, object),
                    /* TRANSLATORS: "shot “front” is defined twice (first on line 12)" */
                    _("%s is defined twice (first on line %u)"),
                    what, GPOINTER_TO_UINT (first_line));

  g_hash_table_insert (seen, (gpointer)id, GUINT_TO_POINTER (object_line (loader, object)));

  return TRUE;
}

typedef enum
{
  ENTRY_SHOT,
  ENTRY_QUESTION,
  ENTRY_FLAW,
  ENTRY_ZONE,
} EntryKind;

/* Names an entry in messages: by its id when it has a usable one, else by
 * its position, so even "shot 3 has no id" points somewhere. */
static char *
describe_entry (JsonObject *object,
                EntryKind   kind,
                guint       index)
{
  JsonNode *node = json_object_get_member (object, "id");
  const char *id = NULL;

  if (node != NULL && node_is_string (node) && is_valid_id (json_node_get_string (node)))
    id = json_node_get_string (node);

  switch (kind)
    {
    case ENTRY_SHOT:
      return id ? g_strdup_printf (_("shot “%s”"), id)
                : g_strdup_printf (_("shot %u"), index + 1);

    case ENTRY_QUESTION:
      return id ? g_strdup_printf (_("question “%s”"), id)
                : g_strdup_printf (_("question %u"), index + 1);

    case ENTRY_FLAW:
      return id ? g_strdup_printf (_("flaw “%s”"), id)
                : g_strdup_printf (_("flaw %u"), index + 1);

    case ENTRY_ZONE:
      return id ? g_strdup_printf (_("zone “%s”"), id)
                : g_strdup_printf (_("zone %u"), index + 1);

    default:
      g_assert_not_reached ();
    }
}

gboolean
resell_backdrop_from_name (const char     *text,
                           ResellBackdrop *backdrop)
{
  static const struct {
    const char     *name;
    ResellBackdrop  backdrop;
  } backdrops[] = {
    { "any",   RESELL_BACKDROP_ANY },
    { "white", RESELL_BACKDROP_WHITE },
    { "grey",  RESELL_BACKDROP_GREY },
    { "black", RESELL_BACKDROP_BLACK },
  };

  for (guint i = 0; i < G_N_ELEMENTS (backdrops); i++)
    {
      if (g_str_equal (text, backdrops[i].name))
        {
          *backdrop = backdrops[i].backdrop;
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
load_shots (ResellCategory  *self,
            Loader          *loader,
            JsonObject      *root,
            GError         **error)
{
  static const char * const allowed[] = { "id", "label", "guidance", "required", "backdrop", NULL };
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean any_required = FALSE;
  JsonArray *shots;
  guint n_shots;

  if (!(shots = get_array (loader, root, "shots", _("the category"), error)))
    return FALSE;

  n_shots = json_array_get_length (shots);

  /* A category without shots would leave the studio with nothing to do. */
  if (n_shots == 0)
    return invalid (error, loader, array_line (loader, shots),
                    _("“shots” is empty; list at least one shot"));

  for (guint i = 0; i < n_shots; i++)
    {
      g_autofree char *what = NULL;
      ResellShot shot = { 0 };
      const char *id, *label, *guidance, *backdrop = NULL;
      JsonObject *object;

      if (!(object = get_element_object (loader, shots, i, "shots", error)))
        return FALSE;

      /* Until the id is known the shot can only be named by position. */
      what = describe_entry (object, ENTRY_SHOT, i);

      if (!check_members (loader, object, what, allowed, error) ||
          !get_id (loader, object, what, &id, error) ||
          !check_unique (loader, seen, object, id, what, error) ||
          !get_string (loader, object, "label", what, TRUE, TRUE, &label, error) ||
          !get_string (loader, object, "guidance", what, TRUE, TRUE, &guidance, error) ||
          !get_boolean (loader, object, "required", what, &shot.required, error) ||
          !get_string (loader, object, "backdrop", what, FALSE, FALSE, &backdrop, error))
        return FALSE;

      if (backdrop == NULL)
        shot.backdrop = RESELL_BACKDROP_ANY;
      else if (!resell_backdrop_from_name (backdrop, &shot.backdrop))
        return invalid (error, loader, member_line (loader, object, "backdrop"),
                        _("%s has an unknown backdrop “%s” (use white, grey, black or any)"),
                        what, backdrop);

      any_required |= shot.required;

      shot.id = g_strdup (id);
      shot.label = translate (label);
      shot.guidance = translate (guidance);
      g_array_append_val (self->shots, shot);
    }

  /* Required shots are what "ready to list" is checked against. */
  if (!any_required)
    return invalid (error, loader, array_line (loader, shots),
                    _("no shot has \"required\": true; at least one must"));

  return TRUE;
}

/* Grading rules and stored answers name an answer by id, so rewording
 * or translating the answer text never changes what was recorded.  Files
 * without "answer_ids" still load: their answers are "1", "2", … */
static gboolean
load_answer_ids (ResellCheckQuestion  *question,
                 Loader               *loader,
                 JsonObject           *object,
                 const char           *what,
                 guint                 n_answers,
                 GError              **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  JsonArray *array;

  if (!json_object_has_member (object, "answer_ids"))
    {
      for (guint i = 0; i < n_answers; i++)
        {
          char number[16];

          g_snprintf (number, sizeof number, "%u", i + 1);
          g_strv_builder_add (ids, number);
        }

      question->answer_ids = g_strv_builder_end (ids);
      return TRUE;
    }

  if (!(array = get_array (loader, object, "answer_ids", what, error)))
    return FALSE;

  if (json_array_get_length (array) != n_answers)
    return invalid (error, loader, array_line (loader, array),
                    _("%s has %u answers but %u answer ids"),
                    what, n_answers, json_array_get_length (array));

  for (guint i = 0; i < n_answers; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      guint line = element_line (loader, array, i);
      const char *id;

      if (!node_is_string (node) || !is_valid_id ((id = json_node_get_string (node))))
        return invalid (error, loader, line,
                        _("answer id %u of %s must be lowercase letters a–z, digits and “-” in quotes"),
                        i + 1, what);

      if (!g_hash_table_add (seen, (gpointer)id))
        return invalid (error, loader, line,
                        _("%s lists the answer id “%s” twice"), what, id);

      g_strv_builder_add (ids, id);
    }

  question->answer_ids = g_strv_builder_end (ids);

  return TRUE;
}

static gboolean
load_answers (ResellCheckQuestion  *question,
              Loader               *loader,
              JsonObject           *object,
              const char           *what,
              GError              **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) translated = g_ptr_array_new_with_free_func (g_free);
  JsonArray *answers;
  guint n_answers;

  if (!(answers = get_array (loader, object, "answers", what, error)))
    return FALSE;

  n_answers = json_array_get_length (answers);

  /* With one choice there is nothing to ask. */
  if (n_answers < 2)
    return invalid (error, loader, array_line (loader, answers),
                    _("%s needs at least two answers"), what);

  for (guint i = 0; i < n_answers; i++)
    {
      JsonNode *node = json_array_get_element (answers, i);
      guint line = element_line (loader, answers, i);
      const char *answer;

      if (!node_is_string (node))
        return invalid (error, loader, line,
                        _("answer %u of %s must be text in quotes"), i + 1, what);

      answer = json_node_get_string (node);

      if (answer[0] == '\0')
        return invalid (error, loader, line,
                        _("answer %u of %s is empty"), i + 1, what);

      if (!g_hash_table_add (seen, (gpointer)answer))
        return invalid (error, loader, line,
                        _("%s lists the answer “%s” twice"), what, answer);

      g_ptr_array_add (translated, translate (answer));
    }

  g_ptr_array_add (translated, NULL);
  question->answers = (char **)g_ptr_array_steal (translated, NULL);

  return load_answer_ids (question, loader, object, what, n_answers, error);
}

static gboolean
load_checklist (ResellCategory  *self,
                Loader          *loader,
                JsonObject      *root,
                GError         **error)
{
  static const char * const allowed[] = { "id", "question", "answers", "answer_ids", NULL };
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *checklist;

  if (!(checklist = get_array (loader, root, "checklist", _("the category"), error)))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (checklist); i++)
    {
      g_autofree char *what = NULL;
      ResellCheckQuestion question = { 0 };
      const char *id, *text;
      JsonObject *object;

      if (!(object = get_element_object (loader, checklist, i, "checklist", error)))
        return FALSE;

      what = describe_entry (object, ENTRY_QUESTION, i);

      if (!check_members (loader, object, what, allowed, error) ||
          !get_id (loader, object, what, &id, error) ||
          !check_unique (loader, seen, object, id, what, error) ||
          !get_string (loader, object, "question", what, TRUE, TRUE, &text, error) ||
          !load_answers (&question, loader, object, what, error))
        {
          g_clear_pointer (&question.answers, g_strfreev);
          g_clear_pointer (&question.answer_ids, g_strfreev);
          return FALSE;
        }

      question.id = g_strdup (id);
      question.question = translate (text);
      g_array_append_val (self->questions, question);
    }

  return TRUE;
}

static gboolean
load_flaw_types (ResellCategory  *self,
                 Loader          *loader,
                 JsonObject      *root,
                 GError         **error)
{
  static const char * const allowed[] = { "id", "label", "description", NULL };
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *flaws;

  if (!(flaws = get_array (loader, root, "flaws", _("the category"), error)))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (flaws); i++)
    {
      g_autofree char *what = NULL;
      ResellFlawType flaw_type = { 0 };
      const char *id, *label, *description = NULL;
      JsonObject *object;

      if (!(object = get_element_object (loader, flaws, i, "flaws", error)))
        return FALSE;

      what = describe_entry (object, ENTRY_FLAW, i);

      if (!check_members (loader, object, what, allowed, error) ||
          !get_id (loader, object, what, &id, error) ||
          !check_unique (loader, seen, object, id, what, error) ||
          !get_string (loader, object, "label", what, TRUE, TRUE, &label, error) ||
          !get_string (loader, object, "description", what, FALSE, FALSE, &description, error))
        return FALSE;

      flaw_type.id = g_strdup (id);
      flaw_type.label = translate (label);
      flaw_type.description = translate (description);
      g_array_append_val (self->flaw_types, flaw_type);
    }

  return TRUE;
}

/* Where on the item a flaw is: optional, since not every kind of goods
 * has parts worth naming. */
static gboolean
load_zones (ResellCategory  *self,
            Loader          *loader,
            JsonObject      *root,
            GError         **error)
{
  static const char * const allowed[] = { "id", "label", NULL };
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *zones;

  if (!json_object_has_member (root, "zones"))
    return TRUE;

  if (!(zones = get_array (loader, root, "zones", _("the category"), error)))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (zones); i++)
    {
      g_autofree char *what = NULL;
      ResellZone zone = { 0 };
      const char *id, *label;
      JsonObject *object;

      if (!(object = get_element_object (loader, zones, i, "zones", error)))
        return FALSE;

      what = describe_entry (object, ENTRY_ZONE, i);

      if (!check_members (loader, object, what, allowed, error) ||
          !get_id (loader, object, what, &id, error) ||
          !check_unique (loader, seen, object, id, what, error) ||
          !get_string (loader, object, "label", what, TRUE, TRUE, &label, error))
        return FALSE;

      zone.id = g_strdup (id);
      zone.label = translate (label);
      g_array_append_val (self->zones, zone);
    }

  return TRUE;
}

static gboolean
check_version (Loader      *loader,
               JsonObject  *root,
               GError     **error)
{
  JsonNode *node;
  gint64 version;

  if (!(node = require_member (loader, root, "version", _("the category"), error)))
    return FALSE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return invalid (error, loader, member_line (loader, root, "version"),
                    _("“version” must be a whole number"));

  version = json_node_get_int (node);

  if (version != FORMAT_VERSION)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, version);

      return invalid (error, loader, member_line (loader, root, "version"),
                      _("version %s is not supported; this version of Resell reads category files of version %d"),
                      text, FORMAT_VERSION);
    }

  return TRUE;
}

static gboolean
load_root (ResellCategory  *self,
           Loader          *loader,
           JsonObject      *root,
           GError         **error)
{
  static const char * const allowed[] = {
    "version", "id", "name", "icon", "sku_code", "shots", "checklist", "flaws", "zones", NULL
  };
  const char *what = _("the category");
  const char *id, *name, *icon = NULL, *sku_code;

  if (!check_members (loader, root, what, allowed, error) ||
      !check_version (loader, root, error) ||
      !get_id (loader, root, what, &id, error) ||
      !get_string (loader, root, "name", what, TRUE, TRUE, &name, error) ||
      !get_string (loader, root, "icon", what, FALSE, TRUE, &icon, error) ||
      !get_string (loader, root, "sku_code", what, TRUE, TRUE, &sku_code, error))
    return FALSE;

  /* The code starts every SKU printed on labels, so keep it short and
   * unambiguous to read aloud and to scan. */
  if (!is_valid_sku_code (sku_code))
    return invalid (error, loader, member_line (loader, root, "sku_code"),
                    _("sku_code “%s” must be 2 to 4 capital letters A–Z"), sku_code);

  if (!load_shots (self, loader, root, error) ||
      !load_checklist (self, loader, root, error) ||
      !load_flaw_types (self, loader, root, error) ||
      !load_zones (self, loader, root, error))
    return FALSE;

  self->id = g_strdup (id);
  self->name = translate (name);
  self->icon_name = g_strdup (icon ? icon : DEFAULT_ICON_NAME);
  self->sku_code = g_strdup (sku_code);

  return TRUE;
}

ResellCategory *
resell_category_new_from_data (const char  *source_name,
                               const char  *data,
                               gssize       length,
                               GError     **error)
{
  g_auto(Loader) loader = { 0 };
  g_autoptr(ResellCategory) self = NULL;
  g_autoptr(GError) json_error = NULL;
  const char *invalid_utf8;
  JsonNode *root;

  g_return_val_if_fail (source_name != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = strlen (data);

  loader_init (&loader, source_name);

  /* json-glib refuses bad UTF-8 without saying where; find the line so a
   * file saved in a legacy encoding can be fixed. */
  if (!g_utf8_validate (data, length, &invalid_utf8))
    {
      guint line = 1;

      for (const char *p = data; p < invalid_utf8; p++)
        line += *p == '\n';

      invalid (error, &loader, line, _("the file is not UTF-8 text"));
      return NULL;
    }

  if (!json_parser_load_from_data (loader.parser, data, length, &json_error))
    {
      resell_json_set_syntax_error (error, json_error->domain, json_error->code,
                                    source_name, json_error);
      return NULL;
    }

  if (loader.duplicate_key != NULL)
    {
      invalid (error, &loader, loader.duplicate_line,
               _("“%s” is given twice in the same object"),
               loader.duplicate_key);
      return NULL;
    }

  root = json_parser_get_root (loader.parser);

  if (root == NULL)
    {
      invalid (error, &loader, 1, _("the file is empty"));
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      invalid (error, &loader, value_line (&loader, root),
               _("the file must contain one object in curly braces"));
      return NULL;
    }

  self = g_object_new (RESELL_TYPE_CATEGORY, NULL);
  self->source = g_strdup (source_name);

  if (!load_root (self, &loader, json_node_get_object (root), error))
    return NULL;

  return g_steal_pointer (&self);
}
