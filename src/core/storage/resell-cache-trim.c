/* resell-cache-trim.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-cache-trim"

#include "config.h"

#include <errno.h>

#include <glib/gstdio.h>

#include "storage/resell-cache-trim.h"
#include "storage/resell-storage.h"

typedef struct
{
  char    *path;
  guint64  size;
  guint64  mtime;   /* seconds */
} Entry;

static void
entry_clear (gpointer data)
{
  Entry *entry = data;

  g_free (entry->path);
}

/* Newest first: the kept ones come first, the ones to delete last. */
static int
newest_first (gconstpointer a,
              gconstpointer b)
{
  const Entry *ea = a;
  const Entry *eb = b;

  if (ea->mtime != eb->mtime)
    return ea->mtime > eb->mtime ? -1 : 1;
  return g_strcmp0 (ea->path, eb->path);
}

gboolean
resell_cache_trim (const char    *dir,
                   guint64        max_bytes,
                   guint         *out_removed,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GArray) entries = NULL;
  g_autoptr(GError) local_error = NULL;
  guint64 kept = 0;
  guint removed = 0;

  g_return_val_if_fail (dir != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (out_removed != NULL)
    *out_removed = 0;

  /* A preview or listing image whose writer was killed leaves its hidden
   * temporary file behind, which the trim below never counts or removes:
   * swept here once it is old enough that no live writer owns it. */
  if (!resell_storage_sweep_temp_files (dir, RESELL_STORAGE_TEMP_MAX_AGE_SECONDS, NULL, &local_error))
    {
      g_debug ("Could not sweep %s: %s", dir, local_error->message);
      g_clear_error (&local_error);
    }

  folder = g_file_new_for_path (dir);
  children = g_file_enumerate_children (folder,
                                        G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                        G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                                        G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                        cancellable, &local_error);
  if (children == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_array_set_clear_func (entries, entry_clear);

  for (;;)
    {
      GFileInfo *info = NULL;
      const char *name;
      Entry entry;

      if (!g_file_enumerator_iterate (children, &info, NULL, cancellable, error))
        return FALSE;
      if (info == NULL)
        break;

      name = g_file_info_get_name (info);
      if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR || name[0] == '.')
        continue;

      entry.path = g_build_filename (dir, name, NULL);
      entry.size = g_file_info_get_size (info);
      entry.mtime = g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED);
      g_array_append_val (entries, entry);
    }

  g_array_sort (entries, newest_first);

  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = &g_array_index (entries, Entry, i);

      if (kept + entry->size <= max_bytes)
        {
          kept += entry->size;
          continue;
        }

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      /* Gone already (another Resell trimming too) is as good as deleted. */
      if (g_unlink (entry->path) != 0 && errno != ENOENT)
        {
          int errsv = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                       "%s: %s", entry->path, g_strerror (errsv));
          return FALSE;
        }
      removed++;
    }

  if (out_removed != NULL)
    *out_removed = removed;

  return TRUE;
}

typedef struct
{
  char    *dir;
  guint64  max_bytes;
} TrimData;

static void
trim_data_free (TrimData *data)
{
  g_free (data->dir);
  g_free (data);
}

static void
trim_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TrimData *data = task_data;
  GError *error = NULL;
  guint removed = 0;

  if (!resell_cache_trim (data->dir, data->max_bytes, &removed, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_int (task, removed);
}

void
resell_cache_trim_async (const char          *dir,
                         guint64              max_bytes,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  TrimData *data;

  g_return_if_fail (dir != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, resell_cache_trim_async);

  data = g_new0 (TrimData, 1);
  data->dir = g_strdup (dir);
  data->max_bytes = max_bytes;
  g_task_set_task_data (task, data, (GDestroyNotify) trim_data_free);
  /* Deleting is not undone by a cancel; each file goes or stays whole. */
  g_task_run_in_thread (task, trim_thread);
}

gboolean
resell_cache_trim_finish (GAsyncResult  *result,
                          guint         *out_removed,
                          GError       **error)
{
  gssize removed;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  removed = g_task_propagate_int (G_TASK (result), error);
  if (removed < 0)
    return FALSE;

  if (out_removed != NULL)
    *out_removed = (guint) removed;

  return TRUE;
}
