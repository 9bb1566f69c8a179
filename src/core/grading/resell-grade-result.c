/* resell-grade-result.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-grading"

#include "config.h"

#include "grading/resell-grade-result-private.h"

G_DEFINE_FINAL_TYPE (ResellGradeResult, resell_grade_result, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_GRADE,
  PROP_CATEGORY_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
resell_grade_result_finalize (GObject *object)
{
  ResellGradeResult *self = RESELL_GRADE_RESULT (object);

  g_clear_pointer (&self->category_id, g_free);
  g_clear_pointer (&self->reasons, g_array_unref);
  g_clear_pointer (&self->unanswered, g_ptr_array_unref);
  g_clear_pointer (&self->marketplaces, g_ptr_array_unref);
  g_clear_pointer (&self->conditions, g_ptr_array_unref);
  g_clear_object (&self->keep);

  G_OBJECT_CLASS (resell_grade_result_parent_class)->finalize (object);
}

static void
resell_grade_result_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ResellGradeResult *self = RESELL_GRADE_RESULT (object);

  switch (prop_id)
    {
    case PROP_GRADE:
      g_value_set_int (value, self->grade);
      break;

    case PROP_CATEGORY_ID:
      g_value_set_string (value, self->category_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_grade_result_class_init (ResellGradeResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = resell_grade_result_finalize;
  object_class->get_property = resell_grade_result_get_property;

  properties[PROP_GRADE] =
    g_param_spec_int ("grade", NULL, NULL,
                      0, RESELL_N_CONDITIONS - 1, RESELL_CONDITION_GOOD,
                      (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_CATEGORY_ID] =
    g_param_spec_string ("category-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
resell_grade_result_init (ResellGradeResult *self)
{
  self->reasons = g_array_new (FALSE, TRUE, sizeof (ResellGradeReason));
  self->unanswered = g_ptr_array_new ();
  self->marketplaces = g_ptr_array_new_with_free_func (g_free);
  self->conditions = g_ptr_array_new_with_free_func (g_free);
}

ResellGradeResult *
resell_grade_result_new (GObject    *keep,
                         const char *category_id)
{
  ResellGradeResult *self = g_object_new (RESELL_TYPE_GRADE_RESULT, NULL);

  self->keep = g_object_ref (keep);
  self->category_id = g_strdup (category_id);

  return self;
}

ResellCondition
resell_grade_result_get_grade (ResellGradeResult *self)
{
  g_return_val_if_fail (RESELL_IS_GRADE_RESULT (self), RESELL_CONDITION_GOOD);

  return self->grade;
}

const char *
resell_grade_result_get_category_id (ResellGradeResult *self)
{
  g_return_val_if_fail (RESELL_IS_GRADE_RESULT (self), NULL);

  return self->category_id;
}

guint
resell_grade_result_get_n_reasons (ResellGradeResult *self)
{
  g_return_val_if_fail (RESELL_IS_GRADE_RESULT (self), 0);

  return self->reasons->len;
}

const ResellGradeReason *
resell_grade_result_get_reason (ResellGradeResult *self,
                                guint              index)
{
  g_return_val_if_fail (RESELL_IS_GRADE_RESULT (self), NULL);
  g_return_val_if_fail (index < self->reasons->len, NULL);

  return &g_array_index (self->reasons, ResellGradeReason, index);
}

char *
resell_grade_result_dup_deciding_text (ResellGradeResult *self)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (RESELL_IS_GRADE_RESULT (self), NULL);

  for (guint i = 0; i < self->reasons->len; i++)
    {
      const ResellGradeReason *reason = &g_array_index (self->reasons, ResellGradeReason, i);

      if (!reason->deciding)
        continue;

      if (text->len > 0)
        g_string_append (text, " ");

      g_string_append (text, reason->explanation);

      /* Explanations are sentences; end each so they read as a list. */
      if (!g_str_has_suffix (reason->explanation, "."))
        g_string_append_c (text, '.');
    }

  return g_string_free (text, FALSE);
}

const char * const *
resell_grade_result_get_unanswered (ResellGradeResult *self)
{
  g_return_val_if_fail (RESELL_IS_GRADE_RESULT (self), NULL);

  return (const char * const *)self->unanswered->pdata;
}

guint
resell_grade_result_get_n_marketplaces (ResellGradeResult *self)
{
  g_return_val_if_fail (RESELL_IS_GRADE_RESULT (self), 0);

  return self->marketplaces->len;
}

const char *
resell_grade_result_get_marketplace (ResellGradeResult *self,
                                     guint              index)
{
  g_return_val_if_fail (RESELL_IS_GRADE_RESULT (self), NULL);
  g_return_val_if_fail (index < self->marketplaces->len, NULL);

  return g_ptr_array_index (self->marketplaces, index);
}

const char *
resell_grade_result_get_condition_for (ResellGradeResult *self,
                                       const char        *marketplace)
{
  g_return_val_if_fail (RESELL_IS_GRADE_RESULT (self), NULL);
  g_return_val_if_fail (marketplace != NULL, NULL);

  for (guint i = 0; i < self->marketplaces->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (self->marketplaces, i), marketplace))
        return g_ptr_array_index (self->conditions, i);
    }

  return NULL;
}
