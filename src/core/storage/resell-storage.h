/* resell-storage.h — the few file-system steps that make a save survive a
 * power cut, written once: fsync a file, fsync a folder, a temporary file
 * named the app's way, rename into place and sync, remove a folder tree,
 * and the sweep of temporary files that a killed save left behind.
 *
 * Plain functions for workers: every one of them blocks on the disk.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A temporary file is "." + the final name + "." + six letters or digits
 * + ".part": hidden, so neither the app nor a file manager takes a
 * half-written photo for a real one. */
#define RESELL_STORAGE_TEMP_SUFFIX ".part"

/* How old (by modification time) a temporary file must be before the sweep
 * may take it as abandoned; see resell-storage.c for why this long. */
#define RESELL_STORAGE_TEMP_MAX_AGE_SECONDS (60 * 60)

/* fsync(@fd), again when interrupted.  Returns 0 or the errno, so that the
 * caller words the failure for the person (which photo, which disk). */
int       resell_storage_sync_fd          (int            fd);

/* Syncs the folder open as @dir_fd, so that the names created, renamed or
 * removed in it survive a power cut.  Returns 0 or the errno; a filesystem
 * that cannot sync a folder at all (EINVAL, ENOTSUP) counts as done. */
int       resell_storage_sync_folder_fd   (int            dir_fd);

/* The same for the folder @dir; @error says which folder. */
gboolean  resell_storage_sync_folder      (const char    *dir,
                                           GError       **error);

/* Creates "@dir/.@name.XXXXXX.part", open for reading and writing, and
 * returns its descriptor, or -1 with errno set.  *@out_path (may be NULL)
 * receives its full path. */
int       resell_storage_open_temp        (const char    *dir,
                                           const char    *name,
                                           char         **out_path);

/* Renames @from to @to, replacing @to, then syncs @to's folder.  Returns 0
 * or the rename's errno: once the rename is done the file is in place, so
 * a folder that refuses to sync is only logged. */
int       resell_storage_rename_and_sync  (const char    *from,
                                           const char    *to);

/* Deletes @path and everything below it without following symbolic links,
 * so a link inside an item's folder can never take other files with it.
 * A missing @path is already removed. */
gboolean  resell_storage_remove_tree      (const char    *path,
                                           GError       **error);

/* TRUE when @name is one of the app's temporary files (see above). */
gboolean  resell_storage_is_temp_name     (const char    *name);

/* Removes the app's temporary files directly in @dir whose modification
 * time is at least @min_age_seconds before now; anything else (other
 * names, folders, links, newer files) is left alone.  Each file removed is
 * logged.  A missing @dir has nothing to sweep.  *@out_removed (may be
 * NULL) counts the files removed. */
gboolean  resell_storage_sweep_temp_files (const char    *dir,
                                           gint64         min_age_seconds,
                                           guint         *out_removed,
                                           GError       **error);

G_END_DECLS
