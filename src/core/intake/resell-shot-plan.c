/* resell-shot-plan.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-shot-plan"

#include "config.h"

#include "intake/resell-shot-plan.h"

struct _ResellShotPlan
{
  GObject         parent_instance;

  ResellCategory *category;
  GPtrArray      *photos;    /* ResellPhoto, in the item's order */
  GHashTable     *claimed;   /* slot → number of photos on their way to it */
  guint           n_filled;  /* kept to notify only real changes */
  guint           n_photos;
};

G_DEFINE_FINAL_TYPE (ResellShotPlan, resell_shot_plan, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CATEGORY,
  PROP_N_SHOTS,
  PROP_N_FILLED,
  PROP_N_PHOTOS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

ResellShotPlan *
resell_shot_plan_new (ResellCategory *category,
                      GPtrArray      *photos)
{
  ResellShotPlan *self;

  g_return_val_if_fail (category == NULL || RESELL_IS_CATEGORY (category), NULL);

  self = g_object_new (RESELL_TYPE_SHOT_PLAN, "category", category, NULL);
  if (photos != NULL)
    resell_shot_plan_set_photos (self, photos);
  return self;
}

ResellCategory *
resell_shot_plan_get_category (ResellShotPlan *self)
{
  g_return_val_if_fail (RESELL_IS_SHOT_PLAN (self), NULL);
  return self->category;
}

GPtrArray *
resell_shot_plan_get_photos (ResellShotPlan *self)
{
  g_return_val_if_fail (RESELL_IS_SHOT_PLAN (self), NULL);
  return self->photos;
}

guint
resell_shot_plan_get_n_shots (ResellShotPlan *self)
{
  g_return_val_if_fail (RESELL_IS_SHOT_PLAN (self), 0);
  return self->category != NULL ? resell_category_get_n_shots (self->category) : 0;
}

guint
resell_shot_plan_get_n_filled (ResellShotPlan *self)
{
  g_return_val_if_fail (RESELL_IS_SHOT_PLAN (self), 0);
  return self->n_filled;
}

guint
resell_shot_plan_get_n_photos (ResellShotPlan *self)
{
  g_return_val_if_fail (RESELL_IS_SHOT_PLAN (self), 0);
  return self->photos->len;
}

ResellPhoto *
resell_shot_plan_photo_for_slot (ResellShotPlan *self,
                                 const char     *slot)
{
  g_return_val_if_fail (RESELL_IS_SHOT_PLAN (self), NULL);

  if (slot == NULL)
    return NULL;
  for (guint i = 0; i < self->photos->len; i++)
    if (g_strcmp0 (resell_photo_get_slot (g_ptr_array_index (self->photos, i)), slot) == 0)
      return g_ptr_array_index (self->photos, i);
  return NULL;
}

gboolean
resell_shot_plan_has_shot (ResellShotPlan *self,
                           const char     *slot)
{
  g_return_val_if_fail (RESELL_IS_SHOT_PLAN (self), FALSE);

  return slot != NULL && self->category != NULL &&
         resell_category_find_shot (self->category, slot) != NULL;
}

gboolean
resell_shot_plan_is_filled (ResellShotPlan *self,
                            const char     *slot)
{
  g_return_val_if_fail (RESELL_IS_SHOT_PLAN (self), FALSE);

  return resell_shot_plan_photo_for_slot (self, slot) != NULL;
}

guint
resell_shot_plan_count_missing_required (ResellShotPlan *self)
{
  guint missing = 0;

  g_return_val_if_fail (RESELL_IS_SHOT_PLAN (self), 0);

  for (guint i = 0; i < resell_shot_plan_get_n_shots (self); i++)
    {
      const ResellShot *shot = resell_category_get_shot (self->category, i);

      if (shot->required && !resell_shot_plan_is_filled (self, shot->id))
        missing++;
    }
  return missing;
}

ResellPhoto *
resell_shot_plan_photo_by_id (ResellShotPlan *self,
                              gint64          id)
{
  g_return_val_if_fail (RESELL_IS_SHOT_PLAN (self), NULL);

  for (guint i = 0; i < self->photos->len; i++)
    if (resell_photo_get_id (g_ptr_array_index (self->photos, i)) == id)
      return g_ptr_array_index (self->photos, i);
  return NULL;
}

int
resell_shot_plan_photo_index (ResellShotPlan *self,
                              ResellPhoto    *photo)
{
  guint index;

  g_return_val_if_fail (RESELL_IS_SHOT_PLAN (self), -1);

  if (photo == NULL || !g_ptr_array_find (self->photos, photo, &index))
    return -1;
  return (int) index;
}

gboolean
resell_shot_plan_is_extra (ResellShotPlan *self,
                           ResellPhoto    *photo)
{
  g_return_val_if_fail (RESELL_IS_SHOT_PLAN (self), FALSE);
  g_return_val_if_fail (RESELL_IS_PHOTO (photo), FALSE);

  /* A second photo with a shot's slot is not an extra: it waits behind the
   * first and fills the shot when the first goes. */
  return !resell_shot_plan_has_shot (self, resell_photo_get_slot (photo));
}

GPtrArray *
resell_shot_plan_dup_extras (ResellShotPlan *self)
{
  GPtrArray *extras = g_ptr_array_new ();

  g_return_val_if_fail (RESELL_IS_SHOT_PLAN (self), extras);

  for (guint i = 0; i < self->photos->len; i++)
    if (resell_shot_plan_is_extra (self, g_ptr_array_index (self->photos, i)))
      g_ptr_array_add (extras, g_ptr_array_index (self->photos, i));
  return extras;
}

static gboolean
is_open (ResellShotPlan *self,
         const char     *slot)
{
  return !resell_shot_plan_is_filled (self, slot) && !resell_shot_plan_is_claimed (self, slot);
}

const char *
resell_shot_plan_next_open (ResellShotPlan *self,
                            const char     *after)
{
  guint n, start = 0;

  g_return_val_if_fail (RESELL_IS_SHOT_PLAN (self), NULL);

  n = resell_shot_plan_get_n_shots (self);
  for (guint i = 0; after != NULL && i < n; i++)
    if (g_str_equal (resell_category_get_shot (self->category, i)->id, after))
      {
        start = i + 1;
        break;
      }

  /* After a shot: the ones after it, then round to the start, never the
   * shot itself (n - 1 candidates); otherwise every shot from the start. */
  for (guint k = 0; k < n; k++)
    {
      const ResellShot *shot = resell_category_get_shot (self->category, (start + k) % n);

      if (after != NULL && g_str_equal (shot->id, after))
        continue;
      if (is_open (self, shot->id))
        return shot->id;
    }
  return NULL;
}

gboolean
resell_shot_plan_is_claimed (ResellShotPlan *self,
                             const char     *slot)
{
  g_return_val_if_fail (RESELL_IS_SHOT_PLAN (self), FALSE);

  return slot != NULL && GPOINTER_TO_INT (g_hash_table_lookup (self->claimed, slot)) > 0;
}

void
resell_shot_plan_claim (ResellShotPlan *self,
                        const char     *slot,
                        int             delta)
{
  int n;

  g_return_if_fail (RESELL_IS_SHOT_PLAN (self));

  if (slot == NULL)
    return;
  n = GPOINTER_TO_INT (g_hash_table_lookup (self->claimed, slot)) + delta;
  if (n <= 0)
    g_hash_table_remove (self->claimed, slot);
  else
    g_hash_table_replace (self->claimed, g_strdup (slot), GINT_TO_POINTER (n));
}

void
resell_shot_plan_clear_claims (ResellShotPlan *self)
{
  g_return_if_fail (RESELL_IS_SHOT_PLAN (self));
  g_hash_table_remove_all (self->claimed);
}

/* Changes */

/* Recounts after a change and notifies what moved. */
static void
recount (ResellShotPlan *self)
{
  guint filled = 0;

  for (guint i = 0; i < resell_shot_plan_get_n_shots (self); i++)
    if (resell_shot_plan_is_filled (self, resell_category_get_shot (self->category, i)->id))
      filled++;

  if (filled != self->n_filled)
    {
      self->n_filled = filled;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_FILLED]);
    }
  if (self->photos->len != self->n_photos)
    {
      self->n_photos = self->photos->len;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PHOTOS]);
    }
}

void
resell_shot_plan_set_photos (ResellShotPlan *self,
                             GPtrArray      *photos)
{
  g_return_if_fail (RESELL_IS_SHOT_PLAN (self));
  g_return_if_fail (photos != NULL);

  /* @photos may be our own array: nothing to change then. */
  if (photos != self->photos)
    {
      g_ptr_array_set_size (self->photos, 0);
      for (guint i = 0; i < photos->len; i++)
        g_ptr_array_add (self->photos, g_object_ref (g_ptr_array_index (photos, i)));
    }
  recount (self);
}

static gint
compare_position (gconstpointer a,
                  gconstpointer b)
{
  ResellPhoto *pa = *(ResellPhoto **) a;
  ResellPhoto *pb = *(ResellPhoto **) b;
  int d = resell_photo_get_position (pa) - resell_photo_get_position (pb);

  if (d != 0)
    return d;
  return resell_photo_get_id (pa) < resell_photo_get_id (pb) ? -1 : 1;
}

const char *
resell_shot_plan_add (ResellShotPlan *self,
                      ResellPhoto    *photo,
                      gint64          replaces)
{
  ResellPhoto *old;

  g_return_val_if_fail (RESELL_IS_SHOT_PLAN (self), NULL);
  g_return_val_if_fail (RESELL_IS_PHOTO (photo), NULL);

  if (replaces != 0 && (old = resell_shot_plan_photo_by_id (self, replaces)) != NULL)
    g_ptr_array_remove (self->photos, old);
  g_ptr_array_add (self->photos, g_object_ref (photo));
  /* Stable for equal positions: the earlier id first, as the catalog
   * lists them. */
  g_ptr_array_sort (self->photos, compare_position);
  recount (self);

  return resell_shot_plan_is_extra (self, photo) ? NULL : resell_photo_get_slot (photo);
}

gboolean
resell_shot_plan_remove (ResellShotPlan *self,
                         gint64          id)
{
  ResellPhoto *photo;

  g_return_val_if_fail (RESELL_IS_SHOT_PLAN (self), FALSE);

  photo = resell_shot_plan_photo_by_id (self, id);
  if (photo == NULL)
    return FALSE;
  g_ptr_array_remove (self->photos, photo);
  recount (self);
  return TRUE;
}

gboolean
resell_shot_plan_move (ResellShotPlan *self,
                       ResellPhoto    *photo,
                       guint           new_index)
{
  int index;

  g_return_val_if_fail (RESELL_IS_SHOT_PLAN (self), FALSE);
  g_return_val_if_fail (RESELL_IS_PHOTO (photo), FALSE);

  index = resell_shot_plan_photo_index (self, photo);
  if (index < 0 || new_index >= self->photos->len)
    return FALSE;

  g_ptr_array_steal_index (self->photos, index);
  g_ptr_array_insert (self->photos, (int) new_index, photo);
  /* Equal or gapped positions from older imports come out in order too. */
  for (guint i = 0; i < self->photos->len; i++)
    resell_photo_set_position (g_ptr_array_index (self->photos, i), (int) i);
  /* Which photo fills a shot can change: two with one slot swapped. */
  recount (self);
  return TRUE;
}

/* GObject */

static void
resell_shot_plan_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ResellShotPlan *self = RESELL_SHOT_PLAN (object);

  switch (prop_id)
    {
    case PROP_CATEGORY:
      g_value_set_object (value, self->category);
      break;
    case PROP_N_SHOTS:
      g_value_set_uint (value, resell_shot_plan_get_n_shots (self));
      break;
    case PROP_N_FILLED:
      g_value_set_uint (value, self->n_filled);
      break;
    case PROP_N_PHOTOS:
      g_value_set_uint (value, self->photos->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_shot_plan_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ResellShotPlan *self = RESELL_SHOT_PLAN (object);

  switch (prop_id)
    {
    case PROP_CATEGORY:
      self->category = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_shot_plan_finalize (GObject *object)
{
  ResellShotPlan *self = RESELL_SHOT_PLAN (object);

  g_clear_object (&self->category);
  g_clear_pointer (&self->photos, g_ptr_array_unref);
  g_clear_pointer (&self->claimed, g_hash_table_unref);

  G_OBJECT_CLASS (resell_shot_plan_parent_class)->finalize (object);
}

static void
resell_shot_plan_class_init (ResellShotPlanClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = resell_shot_plan_finalize;
  object_class->get_property = resell_shot_plan_get_property;
  object_class->set_property = resell_shot_plan_set_property;

  properties[PROP_CATEGORY] =
    g_param_spec_object ("category", NULL, NULL, RESELL_TYPE_CATEGORY,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_SHOTS] =
    g_param_spec_uint ("n-shots", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_FILLED] =
    g_param_spec_uint ("n-filled", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_PHOTOS] =
    g_param_spec_uint ("n-photos", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
resell_shot_plan_init (ResellShotPlan *self)
{
  self->photos = g_ptr_array_new_with_free_func (g_object_unref);
  self->claimed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}
