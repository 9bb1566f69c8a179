/* resell-storage.c — fsync, temporary files, rename and sync, removal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-storage"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "storage/resell-storage.h"

/* The XXXXXX that g_mkstemp() fills in. */
#define TEMP_RANDOM_CHARS 6

int
resell_storage_sync_fd (int fd)
{
  g_return_val_if_fail (fd >= 0, EBADF);

  while (fsync (fd) != 0)
    {
      if (errno != EINTR)
        return errno;
    }

  return 0;
}

int
resell_storage_sync_folder_fd (int dir_fd)
{
  int err = resell_storage_sync_fd (dir_fd);

  /* Some filesystems cannot sync a folder at all; the folder is there,
   * which is all they promise. */
  if (err == EINVAL || err == ENOTSUP)
    {
      g_debug ("Could not fsync a folder: %s", g_strerror (err));
      return 0;
    }

  return err;
}

gboolean
resell_storage_sync_folder (const char  *dir,
                            GError     **error)
{
  int fd;
  int errsv;

  g_return_val_if_fail (dir != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (fd < 0)
    errsv = errno;
  else
    {
      errsv = resell_storage_sync_folder_fd (fd);
      close (fd);
    }

  if (errsv == 0)
    return TRUE;

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
               _("The folder “%s” could not be saved to disk: %s."),
               dir, g_strerror (errsv));

  return FALSE;
}

int
resell_storage_open_temp (const char  *dir,
                          const char  *name,
                          char       **out_path)
{
  g_autofree char *tmpl = NULL;
  int fd;

  g_return_val_if_fail (dir != NULL, -1);
  g_return_val_if_fail (name != NULL && name[0] != '\0', -1);

  tmpl = g_strdup_printf ("%s/.%s.XXXXXX" RESELL_STORAGE_TEMP_SUFFIX, dir, name);
  fd = g_mkstemp_full (tmpl, O_RDWR | O_CLOEXEC, 0644);

  if (fd >= 0 && out_path != NULL)
    *out_path = g_steal_pointer (&tmpl);

  return fd;
}

int
resell_storage_rename_and_sync (const char *from,
                                const char *to)
{
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (from != NULL, EINVAL);
  g_return_val_if_fail (to != NULL, EINVAL);

  if (g_rename (from, to) != 0)
    return errno;

  /* The rename lives in the folder: without this a power cut could bring
   * back the old file, or forget the new one. */
  dir = g_path_get_dirname (to);
  if (!resell_storage_sync_folder (dir, &error))
    g_debug ("%s", error->message);

  return 0;
}

static gboolean
set_remove_error (const char  *path,
                  int          errsv,
                  GError     **error)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
               _("“%s” could not be deleted: %s."), path, g_strerror (errsv));

  return FALSE;
}

gboolean
resell_storage_remove_tree (const char  *path,
                            GError     **error)
{
  GStatBuf st;

  g_return_val_if_fail (path != NULL, FALSE);

  if (g_lstat (path, &st) != 0)
    {
      if (errno == ENOENT)
        return TRUE;

      return set_remove_error (path, errno, error);
    }

  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, error);
      const char *name;

      if (dir == NULL)
        return FALSE;

      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (!resell_storage_remove_tree (child, error))
            return FALSE;
        }

      if (g_rmdir (path) != 0)
        return set_remove_error (path, errno, error);

      return TRUE;
    }

  if (g_unlink (path) != 0)
    return set_remove_error (path, errno, error);

  return TRUE;
}

gboolean
resell_storage_is_temp_name (const char *name)
{
  gsize len;
  gsize random_start;

  g_return_val_if_fail (name != NULL, FALSE);

  len = strlen (name);

  /* "." + at least one character of the final name + "." + XXXXXX + ".part" */
  if (len < 1 + 1 + 1 + TEMP_RANDOM_CHARS + strlen (RESELL_STORAGE_TEMP_SUFFIX) ||
      name[0] != '.' ||
      !g_str_has_suffix (name, RESELL_STORAGE_TEMP_SUFFIX))
    return FALSE;

  random_start = len - strlen (RESELL_STORAGE_TEMP_SUFFIX) - TEMP_RANDOM_CHARS;
  if (name[random_start - 1] != '.')
    return FALSE;

  for (gsize i = random_start; i < random_start + TEMP_RANDOM_CHARS; i++)
    {
      if (!g_ascii_isalnum (name[i]))
        return FALSE;
    }

  return TRUE;
}

/* Which temporary files are abandoned: those not modified for at least
 * @min_age_seconds (RESELL_STORAGE_TEMP_MAX_AGE_SECONDS, an hour, for the
 * catalog).  A live writer (the camera download, an import, an export, in
 * this process or in another one such as resell-cli) writes its temporary
 * file from start to end and renames it at once, so its modification time
 * is never more than one stalled read or fsync old: seconds, minutes on a
 * hung network share.  An hour leaves a wide margin.  Should a writer still
 * lose its file (say, a laptop suspended mid-save for longer), its rename
 * fails and the save is reported as failed: nothing is lost silently, and
 * no photo ever appears under its final name half-written. */
static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

gboolean
resell_storage_sweep_temp_files (const char  *dir,
                                 gint64       min_age_seconds,
                                 guint       *out_removed,
                                 GError     **error)
{
  g_autoptr(GDir) d = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  gint64 now;
  guint removed = 0;

  g_return_val_if_fail (dir != NULL, FALSE);
  g_return_val_if_fail (min_age_seconds >= 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (out_removed != NULL)
    *out_removed = 0;

  d = g_dir_open (dir, 0, &local_error);
  if (d == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;

      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  now = g_get_real_time () / G_USEC_PER_SEC;

  /* By name, so the log reads the same on every file system. */
  while ((name = g_dir_read_name (d)) != NULL)
    {
      if (resell_storage_is_temp_name (name))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = NULL;
      GStatBuf st;

      name = g_ptr_array_index (names, i);

      path = g_build_filename (dir, name, NULL);

      /* lstat: a link or a folder with such a name is not ours. */
      if (g_lstat (path, &st) != 0 || !S_ISREG (st.st_mode))
        continue;

      /* A time in the future (a clock set back) is not "old". */
      if (now - (gint64) st.st_mtime < min_age_seconds)
        continue;

      if (g_unlink (path) != 0)
        {
          if (errno != ENOENT)
            g_debug ("Could not remove %s: %s", path, g_strerror (errno));
          continue;
        }

      g_message ("Removed %s, left behind by a save that was interrupted", path);
      removed++;
    }

  if (out_removed != NULL)
    *out_removed = removed;

  return TRUE;
}
