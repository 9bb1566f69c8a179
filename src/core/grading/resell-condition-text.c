/* resell-condition-text.c — writing the condition description
 *
 * The phrases for a flaw come from the rules file's "phrases" (translated
 * like every data string), else from the flaw's label with a word for its
 * severity.  Flaws of the same type in the same zone make one sentence
 * with all their photo numbers, which is how sellers write it by hand.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-grading"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "grading/resell-condition-text.h"
#include "grading/resell-grading-rules-private.h"

typedef struct
{
  const char     *type_id;
  const char     *zone_id;
  ResellSeverity  severity;     /* the worst of the group */
  guint           count;
  GArray         *photos;       /* of guint, sorted, unique, no 0 */
} Group;

static void
group_clear (gpointer data)
{
  Group *group = data;

  g_clear_pointer (&group->photos, g_array_unref);
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint ua = *(const guint *)a, ub = *(const guint *)b;

  return ua < ub ? -1 : ua > ub;
}

static int
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const Group *ga = a, *gb = b;
  guint pa, pb;

  if (ga->severity != gb->severity)
    return (int)gb->severity - (int)ga->severity;

  pa = ga->photos->len ? g_array_index (ga->photos, guint, 0) : G_MAXUINT;
  pb = gb->photos->len ? g_array_index (gb->photos, guint, 0) : G_MAXUINT;
  if (pa != pb)
    return pa < pb ? -1 : 1;

  return g_strcmp0 (ga->type_id, gb->type_id);
}

static GArray *
group_flaws (const ResellGradeFlaw *flaws,
             guint                  n_flaws)
{
  GArray *groups = g_array_new (FALSE, TRUE, sizeof (Group));

  g_array_set_clear_func (groups, group_clear);

  for (guint i = 0; i < n_flaws; i++)
    {
      const ResellGradeFlaw *flaw = &flaws[i];
      ResellSeverity severity = RESELL_SEVERITY_MINOR;
      Group *group = NULL;

      if (flaw->type_id == NULL)
        continue;

      resell_severity_from_id (flaw->severity_id, &severity);

      for (guint j = 0; j < groups->len && group == NULL; j++)
        {
          Group *g = &g_array_index (groups, Group, j);

          if (g_str_equal (g->type_id, flaw->type_id) && g_strcmp0 (g->zone_id, flaw->zone_id) == 0)
            group = g;
        }

      if (group == NULL)
        {
          Group new_group = { flaw->type_id, flaw->zone_id, severity, 0, g_array_new (FALSE, FALSE, sizeof (guint)) };

          g_array_append_val (groups, new_group);
          group = &g_array_index (groups, Group, groups->len - 1);
        }

      group->count++;
      group->severity = MAX (group->severity, severity);

      if (flaw->photo_number > 0)
        {
          gboolean seen = FALSE;

          for (guint k = 0; k < group->photos->len && !seen; k++)
            seen = g_array_index (group->photos, guint, k) == flaw->photo_number;

          if (!seen)
            g_array_append_val (group->photos, flaw->photo_number);
        }
    }

  for (guint j = 0; j < groups->len; j++)
    g_array_sort (g_array_index (groups, Group, j).photos, compare_uint);

  g_array_sort (groups, compare_groups);

  return groups;
}

/* "Lining" → "lining": the label starts a list entry, here it ends a
 * phrase.  Left alone when the second letter is a capital too ("USB port"). */
static char *
lower_first (const char *label)
{
  const char *second = g_utf8_next_char (label);
  g_autofree char *first = NULL;

  if (!g_unichar_isupper (g_utf8_get_char (label)) || g_unichar_isupper (g_utf8_get_char (second)))
    return g_strdup (label);

  first = g_utf8_strdown (label, second - label);

  return g_strconcat (first, second, NULL);
}

static char *
zone_words (ResellGradingRules *rules,
            const char         *zone_id)
{
  const ResellZone *zone = resell_category_find_zone (rules->category, zone_id);

  if (zone != NULL)
    return lower_first (zone->label);

  /* A zone the category does not list (an older flaw): its id reads well
   * enough, "handle-base" → "handle base". */
  return g_strdelimit (g_strdup (zone_id), "-_", ' ');
}

/* "Slight stain", from the rules' phrases or the flaw's own label. */
static char *
flaw_phrase (ResellGradingRules *rules,
             const Group        *group)
{
  ResellFlawPhrases *phrases = g_hash_table_lookup (rules->phrases, group->type_id);
  const ResellFlawType *type;
  g_autofree char *label = NULL;

  if (phrases != NULL && phrases->by_severity[group->severity] != NULL)
    return g_strdup (phrases->by_severity[group->severity]);

  type = resell_category_find_flaw_type (rules->category, group->type_id);
  /* The label starts a list entry ("Stain"); here it follows an adjective. */
  label = lower_first (type ? type->label : group->type_id);

  switch (group->severity)
    {
    case RESELL_SEVERITY_MINOR:
      /* TRANSLATORS: a minor flaw: "Slight stain" */
      return g_strdup_printf (_("Slight %s"), label);

    case RESELL_SEVERITY_MODERATE:
      /* TRANSLATORS: a moderate flaw: "Noticeable stain" */
      return g_strdup_printf (_("Noticeable %s"), label);

    case RESELL_SEVERITY_MAJOR:
      /* TRANSLATORS: a major flaw: "Significant stain" */
      return g_strdup_printf (_("Significant %s"), label);

    default:
      g_assert_not_reached ();
    }
}

/* "7", "4 and 5", "2, 4 and 5" */
static char *
photo_list (GArray *photos)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < photos->len; i++)
    {
      if (i > 0 && i == photos->len - 1)
        /* TRANSLATORS: between the last two photo numbers: "4 and 5" */
        g_string_append (text, _(" and "));
      else if (i > 0)
        g_string_append (text, ", ");

      g_string_append_printf (text, "%u", g_array_index (photos, guint, i));
    }

  return g_string_free (text, FALSE);
}

static char *
group_sentence (ResellGradingRules *rules,
                const Group        *group)
{
  g_autofree char *phrase = flaw_phrase (rules, group);
  g_autofree char *zone = group->zone_id ? zone_words (rules, group->zone_id) : NULL;
  g_autofree char *where = NULL;
  g_autofree char *photos = photo_list (group->photos);

  if (group->count > 1 && zone != NULL)
    /* TRANSLATORS: "Slight stain in 3 places on the lining" */
    where = g_strdup_printf (_("%s in %u places on the %s"), phrase, group->count, zone);
  else if (group->count > 1)
    /* TRANSLATORS: "Slight stain in 3 places" */
    where = g_strdup_printf (_("%s in %u places"), phrase, group->count);
  else if (zone != NULL)
    /* TRANSLATORS: "Slight stain on the lining" */
    where = g_strdup_printf (_("%s on the %s"), phrase, zone);
  else
    where = g_strdup (phrase);

  if (group->photos->len == 0)
    return g_strdup_printf ("%s.", where);

  if (group->photos->len == 1)
    /* TRANSLATORS: "Slight stain on the lining, see photo 7." */
    return g_strdup_printf (_("%s, see photo %s."), where, photos);

  /* TRANSLATORS: "Slight wear in 2 places on the corners, photos 4 and 5." */
  return g_strdup_printf (_("%s, photos %s."), where, photos);
}

static char *
more_flaws_sentence (guint n)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "And %u more flaw, see the photos.",
                                       "And %u more flaws, see the photos.", n), n);
}

char *
resell_condition_text_write (ResellGradingRules    *rules,
                             GHashTable            *answers,
                             const ResellGradeFlaw *flaws,
                             guint                  n_flaws,
                             guint                  max_chars)
{
  g_autoptr(GPtrArray) sentences = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) counts = g_array_new (FALSE, TRUE, sizeof (guint));  /* flaws per sentence */
  g_autoptr(GArray) groups = NULL;
  GString *text;
  guint total = 0, remaining_flaws = 0, kept;

  g_return_val_if_fail (RESELL_IS_GRADING_RULES (rules), NULL);
  g_return_val_if_fail (flaws != NULL || n_flaws == 0, NULL);

  if (max_chars == 0)
    max_chars = RESELL_CONDITION_TEXT_MAX_CHARS;

  /* What the checklist says comes first: it is short and about the whole
   * item; flaws follow, and are what gets cut when it is too long. */
  {
    for (guint i = 0; i < rules->rules->len; i++)
      {
        const ResellGradingRule *rule = g_ptr_array_index (rules->rules, i);
        gboolean holds = TRUE;
        guint zero = 0;

        if (rule->text == NULL || rule->flaw_test != NULL)
          continue;

        for (guint j = 0; j < rule->answer_tests->len && holds; j++)
          {
            const ResellAnswerTest *test = &g_array_index (rule->answer_tests, ResellAnswerTest, j);
            const char *answer_id = answers ? g_hash_table_lookup (answers, test->question->id) : NULL;
            int index = answer_id ? resell_check_question_find_answer (test->question, answer_id) : -1;

            holds = index >= 0 && (test->answers & (1u << index)) != 0;
          }

        if (holds)
          {
            g_ptr_array_add (sentences, g_strdup (rule->text));
            g_array_append_val (counts, zero);
          }
      }
  }

  groups = group_flaws (flaws, n_flaws);

  for (guint i = 0; i < groups->len; i++)
    {
      const Group *group = &g_array_index (groups, Group, i);

      g_ptr_array_add (sentences, group_sentence (rules, group));
      g_array_append_val (counts, group->count);
    }

  for (guint i = 0; i < sentences->len; i++)
    total += g_utf8_strlen (g_ptr_array_index (sentences, i), -1) + (i > 0);

  kept = sentences->len;

  if (total > max_chars)
    {
      /* Drop whole sentences from the end until what is left, a space and
       * the "and N more" sentence fit. */
      for (guint i = 0; i < sentences->len; i++)
        remaining_flaws += g_array_index (counts, guint, i);

      while (kept > 0)
        {
          g_autofree char *tail = NULL;
          guint length = 0, dropped = 0;

          kept--;
          for (guint i = kept; i < sentences->len; i++)
            dropped += g_array_index (counts, guint, i);
          for (guint i = 0; i < kept; i++)
            length += g_utf8_strlen (g_ptr_array_index (sentences, i), -1) + (i > 0);

          tail = more_flaws_sentence (dropped);
          if (length + (kept > 0) + g_utf8_strlen (tail, -1) <= max_chars)
            {
              remaining_flaws = dropped;
              break;
            }
        }
    }

  text = g_string_new (NULL);

  for (guint i = 0; i < kept; i++)
    {
      if (i > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, g_ptr_array_index (sentences, i));
    }

  if (kept < sentences->len)
    {
      g_autofree char *tail = more_flaws_sentence (remaining_flaws);

      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, tail);
    }

  return g_string_free (text, FALSE);
}
