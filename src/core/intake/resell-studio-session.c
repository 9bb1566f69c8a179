/* resell-studio-session.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-studio-session"

#include "config.h"

#include "intake/resell-studio-session.h"

/* Items looked at for the onion skin before giving up on a shot. */
#define ONION_MAX_ITEMS 40

struct _ResellStudioSession
{
  GObject         parent_instance;

  ResellCategory *category;
  GPtrArray      *photos;    /* ResellPhoto of the item, by position */
  GHashTable     *reports;   /* photo id → ResellShotReport */
  GHashTable     *claimed;   /* slot → number of photos on their way to it */
  GHashTable     *onion;     /* slot → ResellPhoto of an earlier item, or NULL */
};

G_DEFINE_FINAL_TYPE (ResellStudioSession, resell_studio_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CATEGORY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GHashTable *
resell_studio_session_new_report_table (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
}

ResellStudioSession *
resell_studio_session_new (void)
{
  return g_object_new (RESELL_TYPE_STUDIO_SESSION, NULL);
}

void
resell_studio_session_reset (ResellStudioSession *self,
                             ResellCategory      *category)
{
  g_return_if_fail (RESELL_IS_STUDIO_SESSION (self));

  g_ptr_array_set_size (self->photos, 0);
  g_hash_table_remove_all (self->reports);
  g_hash_table_remove_all (self->claimed);
  g_clear_pointer (&self->onion, g_hash_table_unref);
  if (g_set_object (&self->category, category))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATEGORY]);
}

ResellCategory *
resell_studio_session_get_category (ResellStudioSession *self)
{
  g_return_val_if_fail (RESELL_IS_STUDIO_SESSION (self), NULL);
  return self->category;
}

GPtrArray *
resell_studio_session_get_photos (ResellStudioSession *self)
{
  g_return_val_if_fail (RESELL_IS_STUDIO_SESSION (self), NULL);
  return self->photos;
}

void
resell_studio_session_set_photos (ResellStudioSession *self,
                                  GPtrArray           *photos,
                                  GHashTable          *reports)
{
  g_return_if_fail (RESELL_IS_STUDIO_SESSION (self));
  g_return_if_fail (photos != NULL && reports != NULL);

  g_clear_pointer (&self->photos, g_ptr_array_unref);
  self->photos = photos;
  g_clear_pointer (&self->reports, g_hash_table_unref);
  self->reports = reports;
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

void
resell_studio_session_add_photo (ResellStudioSession *self,
                                 ResellPhoto         *photo,
                                 ResellShotReport    *report,
                                 gint64               replaces)
{
  g_return_if_fail (RESELL_IS_STUDIO_SESSION (self));
  g_return_if_fail (RESELL_IS_PHOTO (photo));

  if (replaces != 0)
    {
      ResellPhoto *old = resell_studio_session_photo_by_id (self, replaces);

      if (old != NULL)
        g_ptr_array_remove (self->photos, old);
    }
  g_ptr_array_add (self->photos, g_object_ref (photo));
  g_ptr_array_sort (self->photos, compare_position);

  if (report != NULL)
    {
      gint64 *key = g_new (gint64, 1);

      *key = resell_photo_get_id (photo);
      g_hash_table_replace (self->reports, key, g_object_ref (report));
    }
}

ResellShotReport *
resell_studio_session_get_report (ResellStudioSession *self,
                                  ResellPhoto         *photo)
{
  gint64 id;

  g_return_val_if_fail (RESELL_IS_STUDIO_SESSION (self), NULL);

  if (photo == NULL)
    return NULL;
  id = resell_photo_get_id (photo);
  return g_hash_table_lookup (self->reports, &id);
}

gboolean
resell_studio_session_photo_failed (ResellStudioSession *self,
                                    ResellPhoto         *photo)
{
  ResellShotReport *report = resell_studio_session_get_report (self, photo);

  return report != NULL && !resell_shot_report_get_passed (report);
}

ResellPhoto *
resell_studio_session_photo_by_id (ResellStudioSession *self,
                                   gint64               id)
{
  g_return_val_if_fail (RESELL_IS_STUDIO_SESSION (self), NULL);

  for (guint i = 0; i < self->photos->len; i++)
    if (resell_photo_get_id (g_ptr_array_index (self->photos, i)) == id)
      return g_ptr_array_index (self->photos, i);
  return NULL;
}

ResellPhoto *
resell_studio_session_photo_for_slot (ResellStudioSession *self,
                                      const char          *slot)
{
  g_return_val_if_fail (RESELL_IS_STUDIO_SESSION (self), NULL);

  if (slot == NULL)
    return NULL;
  for (guint i = 0; i < self->photos->len; i++)
    if (g_strcmp0 (resell_photo_get_slot (g_ptr_array_index (self->photos, i)), slot) == 0)
      return g_ptr_array_index (self->photos, i);
  return NULL;
}

int
resell_studio_session_photo_index (ResellStudioSession *self,
                                   ResellPhoto         *photo)
{
  g_return_val_if_fail (RESELL_IS_STUDIO_SESSION (self), -1);

  for (guint i = 0; i < self->photos->len; i++)
    if (g_ptr_array_index (self->photos, i) == photo)
      return (int) i;
  return -1;
}

GPtrArray *
resell_studio_session_dup_extras (ResellStudioSession *self)
{
  GPtrArray *extras = g_ptr_array_new ();

  g_return_val_if_fail (RESELL_IS_STUDIO_SESSION (self), extras);

  for (guint i = 0; i < self->photos->len; i++)
    {
      ResellPhoto *photo = g_ptr_array_index (self->photos, i);
      const char *slot = resell_photo_get_slot (photo);

      /* Extra, or filling a shot this category does not have. */
      if (slot == NULL || self->category == NULL || resell_category_find_shot (self->category, slot) == NULL)
        g_ptr_array_add (extras, photo);
    }
  return extras;
}

guint
resell_studio_session_count_filled (ResellStudioSession *self,
                                    guint               *n_shots)
{
  guint total, filled = 0;

  g_return_val_if_fail (RESELL_IS_STUDIO_SESSION (self), 0);

  total = self->category ? resell_category_get_n_shots (self->category) : 0;
  for (guint i = 0; i < total; i++)
    if (resell_studio_session_photo_for_slot (self, resell_category_get_shot (self->category, i)->id) != NULL)
      filled++;

  if (n_shots != NULL)
    *n_shots = total;
  return filled;
}

gboolean
resell_studio_session_is_claimed (ResellStudioSession *self,
                                  const char          *slot)
{
  g_return_val_if_fail (RESELL_IS_STUDIO_SESSION (self), FALSE);

  return slot != NULL && GPOINTER_TO_INT (g_hash_table_lookup (self->claimed, slot)) > 0;
}

void
resell_studio_session_claim (ResellStudioSession *self,
                             const char          *slot,
                             int                  delta)
{
  int n;

  g_return_if_fail (RESELL_IS_STUDIO_SESSION (self));

  if (slot == NULL)
    return;
  n = GPOINTER_TO_INT (g_hash_table_lookup (self->claimed, slot)) + delta;
  if (n <= 0)
    g_hash_table_remove (self->claimed, slot);
  else
    g_hash_table_replace (self->claimed, g_strdup (slot), GINT_TO_POINTER (n));
}

/* Loading */

typedef struct
{
  ResellCatalog *catalog;
  ResellItem    *item;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->catalog);
  g_clear_object (&data->item);
  g_free (data);
}

/* Runs @func on a worker with the catalog and a copy of the item. */
static void
run_load_task (ResellStudioSession *self,
               ResellCatalog       *catalog,
               ResellItem          *item,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data,
               gpointer             source_tag,
               GTaskThreadFunc      func)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  LoadData *data = g_new0 (LoadData, 1);

  data->catalog = g_object_ref (catalog);
  data->item = resell_item_copy (item);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, func);
}

typedef struct
{
  GPtrArray  *photos;
  GHashTable *reports;
  char       *originals_dir;
} PhotosResult;

static void
photos_result_free (PhotosResult *r)
{
  g_clear_pointer (&r->photos, g_ptr_array_unref);
  g_clear_pointer (&r->reports, g_hash_table_unref);
  g_free (r->originals_dir);
  g_free (r);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  PhotosResult *r = g_new0 (PhotosResult, 1);
  GError *error = NULL;

  r->originals_dir = resell_catalog_dup_originals_dir (data->catalog, resell_item_get_sku (data->item), &error);
  if (r->originals_dir != NULL)
    r->photos = resell_catalog_list_photos (data->catalog, resell_item_get_id (data->item), &error);
  if (r->photos == NULL)
    {
      photos_result_free (r);
      g_task_return_error (task, error);
      return;
    }

  r->reports = resell_studio_session_new_report_table ();
  for (guint i = 0; i < r->photos->len; i++)
    {
      ResellPhoto *photo = g_ptr_array_index (r->photos, i);
      ResellShotReport *report = resell_shot_report_new_from_json (resell_photo_get_checks (photo));

      if (report != NULL)
        {
          gint64 *key = g_new (gint64, 1);

          *key = resell_photo_get_id (photo);
          g_hash_table_insert (r->reports, key, report);
        }
    }

  g_task_return_pointer (task, r, (GDestroyNotify) photos_result_free);
}

void
resell_studio_session_load_async (ResellStudioSession *self,
                                  ResellCatalog       *catalog,
                                  ResellItem          *item,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (RESELL_IS_STUDIO_SESSION (self));
  g_return_if_fail (RESELL_IS_CATALOG (catalog));
  g_return_if_fail (RESELL_IS_ITEM (item));

  run_load_task (self, catalog, item, cancellable, callback, user_data,
                 resell_studio_session_load_async, load_thread);
}

char *
resell_studio_session_load_finish (ResellStudioSession  *self,
                                   GAsyncResult         *result,
                                   GError              **error)
{
  PhotosResult *r;
  char *originals_dir;

  g_return_val_if_fail (RESELL_IS_STUDIO_SESSION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  r = g_task_propagate_pointer (G_TASK (result), error);
  if (r == NULL)
    return NULL;

  resell_studio_session_set_photos (self, g_steal_pointer (&r->photos), g_steal_pointer (&r->reports));
  originals_dir = g_steal_pointer (&r->originals_dir);
  photos_result_free (r);
  return originals_dir;
}

static void
onion_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  LoadData *data = task_data;
  ResellItem *item = data->item;
  g_autoptr(GPtrArray) items = NULL;
  GHashTable *onion = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  GError *error = NULL;
  guint looked = 0;

  items = resell_catalog_list_items (data->catalog, &error);
  if (items == NULL)
    {
      g_hash_table_unref (onion);
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < items->len && looked < ONION_MAX_ITEMS; i++)
    {
      ResellItem *other = g_ptr_array_index (items, i);
      g_autoptr(GPtrArray) photos = NULL;

      if (g_cancellable_is_cancelled (cancellable))
        break;
      if (resell_item_get_id (other) == resell_item_get_id (item) ||
          g_strcmp0 (resell_item_get_category (other), resell_item_get_category (item)) != 0 ||
          resell_item_get_photo_count (other) == 0)
        continue;

      looked++;
      photos = resell_catalog_list_photos (data->catalog, resell_item_get_id (other), NULL);
      for (guint j = 0; photos != NULL && j < photos->len; j++)
        {
          ResellPhoto *photo = g_ptr_array_index (photos, j);
          const char *slot = resell_photo_get_slot (photo);

          if (slot != NULL && !g_hash_table_contains (onion, slot))
            g_hash_table_insert (onion, g_strdup (slot), g_object_ref (photo));
        }
    }

  g_task_return_pointer (task, onion, (GDestroyNotify) g_hash_table_unref);
}

void
resell_studio_session_find_onion_async (ResellStudioSession *self,
                                        ResellCatalog       *catalog,
                                        ResellItem          *item,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (RESELL_IS_STUDIO_SESSION (self));
  g_return_if_fail (RESELL_IS_CATALOG (catalog));
  g_return_if_fail (RESELL_IS_ITEM (item));

  run_load_task (self, catalog, item, cancellable, callback, user_data,
                 resell_studio_session_find_onion_async, onion_thread);
}

gboolean
resell_studio_session_find_onion_finish (ResellStudioSession  *self,
                                         GAsyncResult         *result,
                                         GError              **error)
{
  GHashTable *onion;

  g_return_val_if_fail (RESELL_IS_STUDIO_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  onion = g_task_propagate_pointer (G_TASK (result), error);
  if (onion == NULL)
    return FALSE;

  g_clear_pointer (&self->onion, g_hash_table_unref);
  self->onion = onion;
  return TRUE;
}

ResellPhoto *
resell_studio_session_get_onion (ResellStudioSession *self,
                                 const char          *slot)
{
  g_return_val_if_fail (RESELL_IS_STUDIO_SESSION (self), NULL);

  if (slot == NULL || self->onion == NULL)
    return NULL;
  return g_hash_table_lookup (self->onion, slot);
}

static void
resell_studio_session_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ResellStudioSession *self = RESELL_STUDIO_SESSION (object);

  switch (prop_id)
    {
    case PROP_CATEGORY:
      g_value_set_object (value, self->category);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_studio_session_finalize (GObject *object)
{
  ResellStudioSession *self = RESELL_STUDIO_SESSION (object);

  g_clear_object (&self->category);
  g_clear_pointer (&self->photos, g_ptr_array_unref);
  g_clear_pointer (&self->reports, g_hash_table_unref);
  g_clear_pointer (&self->claimed, g_hash_table_unref);
  g_clear_pointer (&self->onion, g_hash_table_unref);

  G_OBJECT_CLASS (resell_studio_session_parent_class)->finalize (object);
}

static void
resell_studio_session_class_init (ResellStudioSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = resell_studio_session_finalize;
  object_class->get_property = resell_studio_session_get_property;

  properties[PROP_CATEGORY] =
    g_param_spec_object ("category", NULL, NULL, RESELL_TYPE_CATEGORY,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
resell_studio_session_init (ResellStudioSession *self)
{
  self->photos = g_ptr_array_new_with_free_func (g_object_unref);
  self->reports = resell_studio_session_new_report_table ();
  self->claimed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}
