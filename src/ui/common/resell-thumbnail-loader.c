/* resell-thumbnail-loader.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-thumbnail-loader"

#include "config.h"

#include "common/resell-thumbnail-loader.h"

/* A few hundred thumbnails of 320 px are ~100 MB decoded at worst; keep
 * fewer, enough for a couple of screens of grid. */
#define MAX_CACHED 240

static GHashTable *cache;   /* sha256 → GdkTexture */
static GQueue      order;   /* sha256 strings owned by cache keys, oldest first */

typedef struct
{
  ResellThumbnailer *thumbnailer;
  char              *original_path;
  char              *sha256;
  char              *edits_json;   /* NULL for a plain thumbnail */
  char              *cache_key;    /* sha256, or the preview's recipe key */
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->thumbnailer);
  g_free (data->original_path);
  g_free (data->sha256);
  g_free (data->edits_json);
  g_free (data->cache_key);
  g_free (data);
}

GdkTexture *
resell_thumbnail_lookup (const char *sha256)
{
  if (cache == NULL || sha256 == NULL)
    return NULL;

  return g_hash_table_lookup (cache, sha256);
}

static void
cache_insert (const char *sha256,
              GdkTexture *texture)
{
  char *key;

  if (cache == NULL)
    cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  if (g_hash_table_contains (cache, sha256))
    return;

  key = g_strdup (sha256);
  g_hash_table_insert (cache, key, g_object_ref (texture));
  g_queue_push_tail (&order, key);

  while (g_queue_get_length (&order) > MAX_CACHED)
    {
      char *oldest = g_queue_pop_head (&order);
      g_hash_table_remove (cache, oldest);
    }
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autofree char *path = NULL;
  GdkTexture *texture;
  GError *error = NULL;

  if (data->edits_json != NULL)
    path = resell_listing_preview_ensure (resell_thumbnailer_get_cache_dir (data->thumbnailer),
                                          data->original_path, data->edits_json, data->cache_key,
                                          cancellable, &error);
  else
    path = resell_thumbnailer_ensure (data->thumbnailer, data->original_path, data->sha256, cancellable, &error);
  if (path == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  texture = gdk_texture_new_from_filename (path, &error);
  if (texture == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, texture, g_object_unref);
}

static void
load_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  LoadData *data = g_task_get_task_data (outer);
  GError *error = NULL;
  GdkTexture *texture;

  texture = g_task_propagate_pointer (G_TASK (result), &error);
  if (texture == NULL)
    {
      g_task_return_error (outer, error);
      return;
    }

  cache_insert (data->cache_key, texture);
  g_task_return_pointer (outer, texture, g_object_unref);
}

void
resell_thumbnail_load_edited_async (ResellThumbnailer   *thumbnailer,
                                    const char          *original_path,
                                    const char          *sha256,
                                    const char          *edits_json,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;
  g_autofree char *key = NULL;
  GdkTexture *cached;
  LoadData *data;

  g_return_if_fail (RESELL_IS_THUMBNAILER (thumbnailer));
  g_return_if_fail (sha256 != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, resell_thumbnail_load_async);

  /* Unreadable edits fall back to the plain thumbnail. */
  if ((key = resell_listing_preview_dup_key (sha256, edits_json)) == NULL)
    key = g_strdup (sha256);
  if ((cached = resell_thumbnail_lookup (key)))
    {
      g_task_return_pointer (task, g_object_ref (cached), g_object_unref);
      return;
    }

  data = g_new0 (LoadData, 1);
  data->thumbnailer = g_object_ref (thumbnailer);
  data->original_path = g_strdup (original_path);
  data->sha256 = g_strdup (sha256);
  data->edits_json = g_strcmp0 (key, sha256) != 0 ? g_strdup (edits_json) : NULL;
  data->cache_key = g_steal_pointer (&key);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);

  /* The worker gets its own task so a thumbnail, worth keeping for the
   * next time, is finished and cached on the UI thread even when the
   * caller has been cancelled meanwhile.  An edited preview is made for
   * edits that are changing (the photo editor asks after every pause):
   * a cancel stops its render, so a superseded one costs nothing more. */
  worker = g_task_new (NULL, data->edits_json != NULL ? cancellable : NULL,
                       load_done, g_steal_pointer (&task));
  g_task_set_task_data (worker, data, NULL);
  g_task_run_in_thread (worker, load_thread);
}

void
resell_thumbnail_load_async (ResellThumbnailer   *thumbnailer,
                             const char          *original_path,
                             const char          *sha256,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  resell_thumbnail_load_edited_async (thumbnailer, original_path, sha256, NULL,
                                      cancellable, callback, user_data);
}

GdkTexture *
resell_thumbnail_load_finish (GAsyncResult  *result,
                              GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
