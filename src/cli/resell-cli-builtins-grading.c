/* resell-cli-builtins-grading.c — the grade command: checklist answers, the
 * grade with the rules that decided it, marketplace conditions and the
 * condition text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "resell-cli-builtins.h"
#include "resell-cli-common.h"
#include "resell-cli-output.h"

static const char *
reason_kind (ResellGradeReasonKind kind)
{
  switch (kind)
    {
    case RESELL_GRADE_REASON_DEFAULT:
      return "default";
    case RESELL_GRADE_REASON_SET:
      return "set";
    case RESELL_GRADE_REASON_CAP:
      return "cap";
    default:
      g_assert_not_reached ();
    }
}

/* "used=few-times" pairs, checked against the category's checklist so a
 * typo is refused rather than stored. */
static GHashTable *
parse_answers (char          **pairs,
               ResellCategory *category,
               char          **message)
{
  g_autoptr(GHashTable) answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; pairs != NULL && pairs[i] != NULL; i++)
    {
      const char *equals = strchr (pairs[i], '=');
      g_autofree char *question_id = NULL;
      const ResellCheckQuestion *question;
      const char *answer_id;

      if (equals == NULL)
        {
          *message = g_strdup_printf (_("“%s” is not QUESTION=ANSWER."), pairs[i]);
          return NULL;
        }

      question_id = g_strndup (pairs[i], equals - pairs[i]);
      answer_id = equals + 1;
      question = resell_category_find_question (category, question_id);

      if (question == NULL)
        {
          g_autoptr(GString) known = g_string_new (NULL);

          for (guint q = 0; q < resell_category_get_n_questions (category); q++)
            g_string_append_printf (known, "%s%s", q ? ", " : "",
                                    resell_category_get_question (category, q)->id);
          *message = g_strdup_printf (_("The category “%s” has no question “%s” (questions: %s)."),
                                      resell_category_get_id (category), question_id, known->str);
          return NULL;
        }

      /* An empty answer forgets the stored one. */
      if (answer_id[0] != '\0' && resell_check_question_find_answer (question, answer_id) < 0)
        {
          g_autofree char *known = g_strjoinv (", ", question->answer_ids);

          *message = g_strdup_printf (_("The question “%s” has no answer “%s” (answers: %s)."),
                                      question_id, answer_id, known);
          return NULL;
        }

      g_hash_table_replace (answers, g_steal_pointer (&question_id), g_strdup (answer_id));
    }

  return g_steal_pointer (&answers);
}

static void
print_json (ResellItem      *item,
            ResellAppraisal *appraisal)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  ResellGradeResult *result = resell_appraisal_get_result (appraisal);
  const ResellItemGrading *stored = resell_appraisal_get_stored (appraisal);
  ResellCategory *category = resell_appraisal_get_category (appraisal);
  ResellCondition grade = resell_appraisal_get_grade (appraisal);
  const char * const *unanswered = resell_grade_result_get_unanswered (result);

  json_builder_begin_object (builder);
  resell_cli_json_add_string (builder, "sku", resell_item_get_sku (item));
  resell_cli_json_add_string (builder, "category", resell_category_get_id (category));
  resell_cli_json_add_string (builder, "grade", resell_condition_to_id (grade));
  resell_cli_json_add_string (builder, "grade_label", resell_condition_get_label (grade));
  resell_cli_json_add_string (builder, "rules_grade",
                              resell_condition_to_id (resell_grade_result_get_grade (result)));

  json_builder_set_member_name (builder, "reasons");
  json_builder_begin_array (builder);
  for (guint i = 0; i < resell_grade_result_get_n_reasons (result); i++)
    {
      const ResellGradeReason *reason = resell_grade_result_get_reason (result, i);

      json_builder_begin_object (builder);
      resell_cli_json_add_string (builder, "rule", reason->rule_id);
      resell_cli_json_add_string (builder, "kind", reason_kind (reason->kind));
      resell_cli_json_add_string (builder, "grade", resell_condition_to_id (reason->grade));
      resell_cli_json_add_string (builder, "explanation", reason->explanation);
      json_builder_set_member_name (builder, "deciding");
      json_builder_add_boolean_value (builder, reason->deciding);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "override");
  if (resell_appraisal_is_overridden (appraisal))
    {
      json_builder_begin_object (builder);
      resell_cli_json_add_string (builder, "grade", stored->override_grade);
      resell_cli_json_add_string (builder, "reason", stored->override_reason);
      resell_cli_json_add_string (builder, "by", stored->override_by);
      resell_cli_json_add_time (builder, "at", stored->override_at);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);

  /* null: the marketplace allows no condition for this grade here. */
  json_builder_set_member_name (builder, "marketplaces");
  json_builder_begin_object (builder);
  for (guint i = 0; i < resell_grade_result_get_n_marketplaces (result); i++)
    {
      const char *marketplace = resell_grade_result_get_marketplace (result, i);
      const char *condition = resell_appraisal_get_condition_for (appraisal, marketplace);

      json_builder_set_member_name (builder, marketplace);
      if (condition != NULL)
        json_builder_add_string_value (builder, condition);
      else
        json_builder_add_null_value (builder);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "answers");
  json_builder_begin_object (builder);
  for (guint q = 0; q < resell_category_get_n_questions (category); q++)
    {
      const ResellCheckQuestion *question = resell_category_get_question (category, q);
      const char *answer = g_hash_table_lookup (stored->answers, question->id);

      if (answer != NULL)
        {
          json_builder_set_member_name (builder, question->id);
          json_builder_add_string_value (builder, answer);
        }
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "unanswered");
  json_builder_begin_array (builder);
  for (guint i = 0; unanswered[i] != NULL; i++)
    json_builder_add_string_value (builder, unanswered[i]);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "flaws");
  json_builder_add_int_value (builder, resell_appraisal_get_n_flaws (appraisal));
  resell_cli_json_add_string (builder, "condition_text", resell_appraisal_get_condition_text (appraisal));
  json_builder_set_member_name (builder, "condition_text_edited");
  json_builder_add_boolean_value (builder, resell_appraisal_is_text_edited (appraisal));
  json_builder_end_object (builder);

  resell_cli_print_json (builder);
}

static void
print_text (ResellItem      *item,
            ResellAppraisal *appraisal)
{
  ResellGradeResult *result = resell_appraisal_get_result (appraisal);
  const ResellItemGrading *stored = resell_appraisal_get_stored (appraisal);
  const char * const *unanswered = resell_grade_result_get_unanswered (result);
  g_autofree char *deciding = resell_grade_result_dup_deciding_text (result);
  g_autoptr(GString) conditions = g_string_new (NULL);
  g_autofree char *override = NULL;
  g_autofree char *unanswered_text = g_strjoinv (", ", (char **)unanswered);

  for (guint i = 0; i < resell_grade_result_get_n_marketplaces (result); i++)
    {
      const char *marketplace = resell_grade_result_get_marketplace (result, i);
      const char *condition = resell_appraisal_get_condition_for (appraisal, marketplace);

      /* TRANSLATORS: "ebay: PRE_OWNED_FAIR" or "ebay: none allowed for this grade" */
      g_string_append_printf (conditions, "%s%s: %s", i ? "; " : "", marketplace,
                              condition ? condition : _("none allowed for this grade"));
    }

  if (resell_appraisal_is_overridden (appraisal))
    {
      g_autofree char *when = resell_cli_format_local_time (stored->override_at);

      /* TRANSLATORS: "Good (by Sam, 2026-12-06 23:20): Stain lifts with cleaning" */
      override = g_strdup_printf (_("%s (by %s, %s): %s"),
                                  resell_condition_get_label (resell_appraisal_get_grade (appraisal)),
                                  stored->override_by, when, stored->override_reason);
    }

  {
    ResellCliField fields[] = {
      { _("SKU"), g_strdup (resell_item_get_sku (item)) },
      { _("Grade"), g_strdup (resell_condition_get_label (resell_appraisal_get_grade (appraisal))) },
      { _("By the rules"), g_strdup (resell_condition_get_label (resell_grade_result_get_grade (result))) },
      { _("Decided by"), g_steal_pointer (&deciding) },
      { _("Override"), g_strdup (override ? override : _("none")) },
      { _("Marketplaces"), g_strdup (conditions->str) },
      { _("Unanswered"), g_strdup (unanswered_text[0] ? unanswered_text : _("none")) },
      { resell_appraisal_is_text_edited (appraisal) ? _("Condition (edited)") : _("Condition"),
        g_strdup (resell_appraisal_get_condition_text (appraisal)) },
    };

    resell_cli_print_fields (fields, G_N_ELEMENTS (fields), "");
    for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
      g_free (fields[i].value);
  }
}

ResellCliStatus
resell_cli_builtin_grade (ResellCliGlobals *globals,
                          int               argc,
                          char            **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(ResellItem) item = NULL;
  g_autoptr(ResellAppraisal) appraisal = NULL;
  g_autoptr(GHashTable) answers = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) answer_args = NULL;
  g_autofree char *override = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *message = NULL;
  gboolean clear_override = FALSE;
  ResellCliGlobals local = { NULL, FALSE };
  ResellCliStatus status = RESELL_CLI_EXIT_OK;
  ResellCategoryRegistry *registry = NULL;
  ResellCategory *category = NULL;
  ResellCatalog *catalog = NULL;
  ResellCondition grade;
  const GOptionEntry entries[] = {
    { "answer", 'a', 0, G_OPTION_ARG_STRING_ARRAY, &answer_args,
      N_("Answer a checklist question (repeatable; an empty answer forgets it)"), N_("QUESTION=ANSWER") },
    { "override", 0, 0, G_OPTION_ARG_STRING, &override,
      N_("Override the grade (new-with-tags … for-parts); needs --reason"), N_("GRADE") },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason,
      N_("Why the grade is overridden"), N_("TEXT") },
    { "clear-override", 0, 0, G_OPTION_ARG_NONE, &clear_override,
      N_("Go back to the grade the rules give"), NULL },
    { NULL }
  };

  context = resell_cli_command_context_new ("grade", _("SKU"),
                                            _("Grade an item from its checklist answers and marked flaws: "
                                              "prints the grade, the rules that decided it, the condition "
                                              "each marketplace would get and the condition text."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  resell_cli_add_global_entries (context, &local);
  if (!resell_cli_parse_command_line (context, globals, &local, &argc, &argv, &status))
    return status;

  if (argc != 2)
    return resell_cli_usage_error (argv[0], _("Give the SKU of one item."));

  if (override != NULL && !resell_condition_from_id (override, &grade))
    {
      message = g_strdup_printf (_("Unknown grade “%s” (use new-with-tags, new-without-tags, new-with-defects, "
                                   "like-new, excellent, very-good, good, fair or for-parts)."), override);
      return resell_cli_usage_error (argv[0], message);
    }

  if (override != NULL && (reason == NULL || g_strstrip (reason)[0] == '\0'))
    return resell_cli_usage_error (argv[0], _("An override needs --reason: say why."));

  if (override != NULL && clear_override)
    return resell_cli_usage_error (argv[0], _("Give --override or --clear-override, not both."));

  status = resell_cli_open_item_and_category (globals, argv[1], &catalog, &item, &registry, &category);
  if (status != RESELL_CLI_EXIT_OK)
    return status;

  if (category == NULL)
    {
      resell_cli_print_error (_("The item’s category “%s” is not known."), resell_item_get_category (item));
      return RESELL_CLI_EXIT_RUNTIME;
    }

  if (!(answers = parse_answers (answer_args, category, &message)))
    return resell_cli_usage_error (argv[0], message);

  if ((g_hash_table_size (answers) > 0 &&
       !resell_catalog_set_answers (catalog, resell_item_get_id (item), answers, &error)) ||
      (override != NULL &&
       !resell_catalog_set_grade_override (catalog, resell_item_get_id (item), override, reason, NULL, &error)) ||
      (clear_override &&
       !resell_catalog_set_grade_override (catalog, resell_item_get_id (item), NULL, NULL, NULL, &error)))
    {
      resell_cli_print_error ("%s", error->message);
      return RESELL_CLI_EXIT_RUNTIME;
    }

  appraisal = resell_appraisal_load (resell_context_get_grader (resell_cli_get_context (globals)),
                                     registry, catalog, resell_item_get_id (item), &error);
  if (appraisal == NULL)
    {
      resell_cli_print_error ("%s", error->message);
      return RESELL_CLI_EXIT_RUNTIME;
    }

  if (globals->json)
    print_json (item, appraisal);
  else
    print_text (item, appraisal);

  resell_cli_flush_main_context ();

  return RESELL_CLI_EXIT_OK;
}
