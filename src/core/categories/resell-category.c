/* resell-category.c — one category: its shot list, condition checklist
 * and flaw types, read-only once loaded.  Reading a category file, with
 * the line of every mistake, is resell-category-loader.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-category"

#include "config.h"

#include "categories/resell-category-private.h"

G_DEFINE_FINAL_TYPE (ResellCategory, resell_category, G_TYPE_OBJECT)

G_DEFINE_QUARK (resell-category-error-quark, resell_category_error)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_ICON_NAME,
  PROP_SKU_CODE,
  PROP_SOURCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
shot_clear (gpointer data)
{
  ResellShot *shot = data;

  g_clear_pointer (&shot->id, g_free);
  g_clear_pointer (&shot->label, g_free);
  g_clear_pointer (&shot->guidance, g_free);
}

static void
question_clear (gpointer data)
{
  ResellCheckQuestion *question = data;

  g_clear_pointer (&question->id, g_free);
  g_clear_pointer (&question->question, g_free);
  g_clear_pointer (&question->answers, g_strfreev);
  g_clear_pointer (&question->answer_ids, g_strfreev);
}

static void
zone_clear (gpointer data)
{
  ResellZone *zone = data;

  g_clear_pointer (&zone->id, g_free);
  g_clear_pointer (&zone->label, g_free);
}

static void
flaw_type_clear (gpointer data)
{
  ResellFlawType *flaw_type = data;

  g_clear_pointer (&flaw_type->id, g_free);
  g_clear_pointer (&flaw_type->label, g_free);
  g_clear_pointer (&flaw_type->description, g_free);
}

static void
resell_category_finalize (GObject *object)
{
  ResellCategory *self = (ResellCategory *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->icon_name, g_free);
  g_clear_pointer (&self->sku_code, g_free);
  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->shots, g_array_unref);
  g_clear_pointer (&self->questions, g_array_unref);
  g_clear_pointer (&self->flaw_types, g_array_unref);
  g_clear_pointer (&self->zones, g_array_unref);

  G_OBJECT_CLASS (resell_category_parent_class)->finalize (object);
}

static void
resell_category_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ResellCategory *self = RESELL_CATEGORY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_ICON_NAME:
      g_value_set_string (value, self->icon_name);
      break;

    case PROP_SKU_CODE:
      g_value_set_string (value, self->sku_code);
      break;

    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_category_class_init (ResellCategoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = resell_category_finalize;
  object_class->get_property = resell_category_get_property;

  /* Read-only: a category is the content of one file, fixed once loaded.
   * Editing a category means editing the file and loading it again. */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_SKU_CODE] =
    g_param_spec_string ("sku-code", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
resell_category_init (ResellCategory *self)
{
  self->shots = g_array_new (FALSE, TRUE, sizeof (ResellShot));
  g_array_set_clear_func (self->shots, shot_clear);

  self->questions = g_array_new (FALSE, TRUE, sizeof (ResellCheckQuestion));
  g_array_set_clear_func (self->questions, question_clear);

  self->flaw_types = g_array_new (FALSE, TRUE, sizeof (ResellFlawType));
  g_array_set_clear_func (self->flaw_types, flaw_type_clear);
  self->zones = g_array_new (FALSE, TRUE, sizeof (ResellZone));
  g_array_set_clear_func (self->zones, zone_clear);
}

const char *
resell_category_get_id (ResellCategory *self)
{
  g_return_val_if_fail (RESELL_IS_CATEGORY (self), NULL);

  return self->id;
}

const char *
resell_category_get_name (ResellCategory *self)
{
  g_return_val_if_fail (RESELL_IS_CATEGORY (self), NULL);

  return self->name;
}

const char *
resell_category_get_icon_name (ResellCategory *self)
{
  g_return_val_if_fail (RESELL_IS_CATEGORY (self), NULL);

  return self->icon_name;
}

const char *
resell_category_get_sku_code (ResellCategory *self)
{
  g_return_val_if_fail (RESELL_IS_CATEGORY (self), NULL);

  return self->sku_code;
}

const char *
resell_category_get_source (ResellCategory *self)
{
  g_return_val_if_fail (RESELL_IS_CATEGORY (self), NULL);

  return self->source;
}

guint
resell_category_get_n_shots (ResellCategory *self)
{
  g_return_val_if_fail (RESELL_IS_CATEGORY (self), 0);

  return self->shots->len;
}

const ResellShot *
resell_category_get_shot (ResellCategory *self,
                          guint           index)
{
  g_return_val_if_fail (RESELL_IS_CATEGORY (self), NULL);
  g_return_val_if_fail (index < self->shots->len, NULL);

  return &g_array_index (self->shots, ResellShot, index);
}

const ResellShot *
resell_category_find_shot (ResellCategory *self,
                           const char     *shot_id)
{
  g_return_val_if_fail (RESELL_IS_CATEGORY (self), NULL);
  g_return_val_if_fail (shot_id != NULL, NULL);

  for (guint i = 0; i < self->shots->len; i++)
    {
      const ResellShot *shot = &g_array_index (self->shots, ResellShot, i);

      if (g_str_equal (shot->id, shot_id))
        return shot;
    }

  return NULL;
}

guint
resell_category_get_n_questions (ResellCategory *self)
{
  g_return_val_if_fail (RESELL_IS_CATEGORY (self), 0);

  return self->questions->len;
}

const ResellCheckQuestion *
resell_category_get_question (ResellCategory *self,
                              guint           index)
{
  g_return_val_if_fail (RESELL_IS_CATEGORY (self), NULL);
  g_return_val_if_fail (index < self->questions->len, NULL);

  return &g_array_index (self->questions, ResellCheckQuestion, index);
}

const ResellCheckQuestion *
resell_category_find_question (ResellCategory *self,
                               const char     *question_id)
{
  g_return_val_if_fail (RESELL_IS_CATEGORY (self), NULL);
  g_return_val_if_fail (question_id != NULL, NULL);

  for (guint i = 0; i < self->questions->len; i++)
    {
      const ResellCheckQuestion *question = &g_array_index (self->questions, ResellCheckQuestion, i);

      if (g_str_equal (question->id, question_id))
        return question;
    }

  return NULL;
}

int
resell_check_question_find_answer (const ResellCheckQuestion *question,
                                   const char                *answer_id)
{
  g_return_val_if_fail (question != NULL, -1);
  g_return_val_if_fail (answer_id != NULL, -1);

  for (guint i = 0; question->answer_ids[i] != NULL; i++)
    {
      if (g_str_equal (question->answer_ids[i], answer_id))
        return (int)i;
    }

  return -1;
}

guint
resell_category_get_n_flaw_types (ResellCategory *self)
{
  g_return_val_if_fail (RESELL_IS_CATEGORY (self), 0);

  return self->flaw_types->len;
}

const ResellFlawType *
resell_category_get_flaw_type (ResellCategory *self,
                               guint           index)
{
  g_return_val_if_fail (RESELL_IS_CATEGORY (self), NULL);
  g_return_val_if_fail (index < self->flaw_types->len, NULL);

  return &g_array_index (self->flaw_types, ResellFlawType, index);
}

const ResellFlawType *
resell_category_find_flaw_type (ResellCategory *self,
                                const char     *flaw_id)
{
  g_return_val_if_fail (RESELL_IS_CATEGORY (self), NULL);
  g_return_val_if_fail (flaw_id != NULL, NULL);

  for (guint i = 0; i < self->flaw_types->len; i++)
    {
      const ResellFlawType *flaw_type = &g_array_index (self->flaw_types, ResellFlawType, i);

      if (g_str_equal (flaw_type->id, flaw_id))
        return flaw_type;
    }

  return NULL;
}

guint
resell_category_get_n_zones (ResellCategory *self)
{
  g_return_val_if_fail (RESELL_IS_CATEGORY (self), 0);

  return self->zones->len;
}

const ResellZone *
resell_category_get_zone (ResellCategory *self,
                          guint           index)
{
  g_return_val_if_fail (RESELL_IS_CATEGORY (self), NULL);
  g_return_val_if_fail (index < self->zones->len, NULL);

  return &g_array_index (self->zones, ResellZone, index);
}

const ResellZone *
resell_category_find_zone (ResellCategory *self,
                           const char     *zone_id)
{
  g_return_val_if_fail (RESELL_IS_CATEGORY (self), NULL);
  g_return_val_if_fail (zone_id != NULL, NULL);

  for (guint i = 0; i < self->zones->len; i++)
    {
      const ResellZone *zone = &g_array_index (self->zones, ResellZone, i);

      if (g_str_equal (zone->id, zone_id))
        return zone;
    }

  return NULL;
}
