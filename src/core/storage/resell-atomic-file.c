/* resell-atomic-file.c — write a file so that it is either complete or absent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-atomic-file"

/* renameat2() and RENAME_NOREPLACE */
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "storage/resell-atomic-file-private.h"
#include "storage/resell-storage.h"

#ifndef RENAME_NOREPLACE
# define RENAME_NOREPLACE (1 << 0)
#endif

#define BLOCK_SIZE (64 * 1024)

struct _ResellAtomicFile
{
  GObject    parent_instance;

  char      *dir;
  char      *name;        /* the name asked for */
  char      *tmp_name;    /* ".<name>.XXXXXX.part", relative to dir_fd */
  char      *path;        /* final path, once committed */
  char      *sha256;      /* hex, once committed */
  GChecksum *checksum;
  goffset    size;
  int        fd;
  int        dir_fd;
  guint      committed : 1;
  guint      failed : 1;  /* a write failed: the bytes are not what the caller meant */
};

G_DEFINE_FINAL_TYPE (ResellAtomicFile, resell_atomic_file, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_SHA256,
  PROP_SIZE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Sets @error from @saved_errno with a sentence naming @name: the person
 * sees which photo could not be saved, and what to do about it. */
static void
set_error_from_errno (GError     **error,
                      int          saved_errno,
                      const char  *name)
{
  GIOErrorEnum code = g_io_error_from_errno (saved_errno);

  if (saved_errno == ENOSPC || saved_errno == EDQUOT)
    g_set_error (error, G_IO_ERROR, code,
                 _("Not enough space to save “%s”. Free up some disk space and try again."),
                 name);
  else if (saved_errno == EROFS)
    g_set_error (error, G_IO_ERROR, code,
                 _("Could not save “%s”: the disk is read-only."),
                 name);
  else
    g_set_error (error, G_IO_ERROR, code,
                 _("Could not save “%s”: %s."),
                 name, g_strerror (saved_errno));
}

static int
close_fd (int *fd)
{
  int ret = 0;

  if (*fd >= 0)
    {
      /* Never retry close() on EINTR: on Linux the fd is gone either way,
       * and a retry could close a descriptor another thread just opened. */
      ret = close (*fd);
      *fd = -1;
    }

  return ret;
}

static void
resell_atomic_file_finalize (GObject *object)
{
  ResellAtomicFile *self = (ResellAtomicFile *)object;

  resell_atomic_file_abort (self);
  close_fd (&self->dir_fd);

  g_clear_pointer (&self->checksum, g_checksum_free);
  g_clear_pointer (&self->dir, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->tmp_name, g_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->sha256, g_free);

  G_OBJECT_CLASS (resell_atomic_file_parent_class)->finalize (object);
}

static void
resell_atomic_file_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ResellAtomicFile *self = RESELL_ATOMIC_FILE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_SHA256:
      g_value_set_string (value, self->sha256);
      break;

    case PROP_SIZE:
      g_value_set_int64 (value, self->size);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_atomic_file_class_init (ResellAtomicFileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = resell_atomic_file_finalize;
  object_class->get_property = resell_atomic_file_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SHA256] =
    g_param_spec_string ("sha256", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SIZE] =
    g_param_spec_int64 ("size", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
resell_atomic_file_init (ResellAtomicFile *self)
{
  self->fd = -1;
  self->dir_fd = -1;
  self->checksum = g_checksum_new (G_CHECKSUM_SHA256);
}

static gboolean
name_is_valid (const char *name)
{
  return name != NULL &&
         name[0] != '\0' &&
         strchr (name, '/') == NULL &&
         strcmp (name, ".") != 0 &&
         strcmp (name, "..") != 0;
}

/* Returns 0 when @name is free, EEXIST when taken, another errno when the
 * folder cannot be looked into. */
static int
check_name_free (int         dir_fd,
                 const char *name)
{
  struct stat st;

  /* AT_SYMLINK_NOFOLLOW: a dangling symlink still takes the name. */
  if (fstatat (dir_fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0)
    return EEXIST;

  return errno == ENOENT ? 0 : errno;
}

ResellAtomicFile *
resell_atomic_file_new (const char  *dir,
                        const char  *name,
                        GError     **error)
{
  g_autoptr(ResellAtomicFile) self = NULL;
  g_autofree char *tmpl = NULL;
  g_autofree char *display = NULL;
  const char *base;
  int err;

  g_return_val_if_fail (dir != NULL, NULL);
  g_return_val_if_fail (name_is_valid (name), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (RESELL_TYPE_ATOMIC_FILE, NULL);
  self->dir = g_strdup (dir);
  self->name = g_strdup (name);
  display = g_filename_display_name (name);

  /* Kept open for the life of the file so the commit renames and fsyncs in
   * the very folder we started in, even if it is renamed meanwhile. */
  self->dir_fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (self->dir_fd < 0)
    {
      set_error_from_errno (error, errno, display);
      return NULL;
    }

  err = check_name_free (self->dir_fd, name);
  if (err != 0 && err != EEXIST)
    {
      set_error_from_errno (error, err, display);
      return NULL;
    }
  else if (err == EEXIST)
    {
      g_autofree char *dir_name = g_filename_display_basename (dir);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("Could not save “%s”: a file of that name is already in “%s”."),
                   display, dir_name);
      return NULL;
    }

  /* Hidden and with a .part suffix so that neither the app nor a file
   * manager mistakes a half-written photo for a real one. */
  self->fd = resell_storage_open_temp (dir, name, &tmpl);
  if (self->fd < 0)
    {
      set_error_from_errno (error, errno, display);
      return NULL;
    }

  base = strrchr (tmpl, '/');
  self->tmp_name = g_strdup (base + 1);

  return g_steal_pointer (&self);
}

int
resell_atomic_file_get_fd (ResellAtomicFile *self)
{
  g_return_val_if_fail (RESELL_IS_ATOMIC_FILE (self), -1);

  return self->fd;
}

static gboolean
check_writable (ResellAtomicFile  *self,
                GError           **error)
{
  if (self->committed || self->fd < 0)
    {
      g_autofree char *display = g_filename_display_name (self->name);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED,
                   _("Could not save “%s”: the file was already closed."),
                   display);
      return FALSE;
    }

  if (self->failed)
    {
      g_autofree char *display = g_filename_display_name (self->name);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not save “%s”: an earlier write failed."),
                   display);
      return FALSE;
    }

  return TRUE;
}

static void
fail_with_errno (ResellAtomicFile  *self,
                 int                saved_errno,
                 GError           **error)
{
  g_autofree char *display = g_filename_display_name (self->name);

  self->failed = TRUE;
  set_error_from_errno (error, saved_errno, display);
}

gboolean
resell_atomic_file_write (ResellAtomicFile  *self,
                          const void        *data,
                          gsize              len,
                          GError           **error)
{
  const guint8 *p = data;
  gsize remaining = len;

  g_return_val_if_fail (RESELL_IS_ATOMIC_FILE (self), FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  if (!check_writable (self, error))
    return FALSE;

  while (remaining > 0)
    {
      ssize_t n = write (self->fd, p, MIN (remaining, (gsize)G_MAXSSIZE));

      if (n < 0)
        {
          if (errno == EINTR)
            continue;

          fail_with_errno (self, errno, error);
          return FALSE;
        }

      if (n == 0)
        {
          /* write() returning 0 for a non-empty buffer means the device
           * took nothing; treat it as full rather than spin. */
          fail_with_errno (self, ENOSPC, error);
          return FALSE;
        }

      /* Hash what actually reached the file, as it goes, so the sha256 is
       * of the written bytes without reading them back. */
      g_checksum_update (self->checksum, p, n);
      self->size += n;
      p += n;
      remaining -= n;
    }

  return TRUE;
}

/**
 * resell_atomic_file_note_written:
 *
 * Accounts for bytes that a producer wrote straight to the descriptor from
 * resell_atomic_file_get_fd(): they are read back from where the known
 * bytes end, added to the sha256 and the size.
 */
gboolean
resell_atomic_file_note_written (ResellAtomicFile  *self,
                                 GError           **error)
{
  g_autofree guint8 *buf = NULL;
  struct stat st;

  g_return_val_if_fail (RESELL_IS_ATOMIC_FILE (self), FALSE);

  if (!check_writable (self, error))
    return FALSE;

  if (fstat (self->fd, &st) != 0)
    {
      fail_with_errno (self, errno, error);
      return FALSE;
    }

  buf = g_malloc (BLOCK_SIZE);

  while (self->size < st.st_size)
    {
      ssize_t n = pread (self->fd, buf, MIN ((goffset)BLOCK_SIZE, st.st_size - self->size), self->size);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;

          fail_with_errno (self, errno, error);
          return FALSE;
        }

      if (n == 0)
        break;

      g_checksum_update (self->checksum, buf, n);
      self->size += n;
    }

  /* Later writes through resell_atomic_file_write() must append. */
  if (lseek (self->fd, self->size, SEEK_SET) < 0)
    {
      fail_with_errno (self, errno, error);
      return FALSE;
    }

  return TRUE;
}

gboolean
resell_atomic_file_splice (ResellAtomicFile  *self,
                           GInputStream      *stream,
                           GCancellable      *cancellable,
                           GError           **error)
{
  g_autofree guint8 *buf = NULL;

  g_return_val_if_fail (RESELL_IS_ATOMIC_FILE (self), FALSE);
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), FALSE);

  if (!check_writable (self, error))
    return FALSE;

  buf = g_malloc (BLOCK_SIZE);

  for (;;)
    {
      gssize n;

      /* Not every stream checks (memory streams never do), and a long
       * copy must stop promptly when the window closes. */
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      n = g_input_stream_read (stream, buf, BLOCK_SIZE, cancellable, error);

      if (n < 0)
        return FALSE;

      if (n == 0)
        return TRUE;

      if (!resell_atomic_file_write (self, buf, n, error))
        return FALSE;
    }
}

char *
resell_file_dup_candidate_name (const char *name,
                                guint       attempt)
{
  const char *dot;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (attempt >= 1, NULL);

  if (attempt == 1)
    return g_strdup (name);

  dot = strrchr (name, '.');
  if (dot == NULL || dot == name)
    return g_strdup_printf ("%s-%u", name, attempt);

  return g_strdup_printf ("%.*s-%u%s", (int)(dot - name), name, attempt, dot);
}

/* Moves the temporary file to @name unless that name exists.
 * Returns 0, or an errno (EEXIST when taken). */
static int
move_into_place (ResellAtomicFile *self,
                 const char       *name)
{
  if (renameat2 (self->dir_fd, self->tmp_name, self->dir_fd, name, RENAME_NOREPLACE) == 0)
    return 0;

  /* EINVAL/ENOSYS: the filesystem or kernel has no RENAME_NOREPLACE (e.g.
   * some FUSE and network mounts); link() has the same never-replace
   * guarantee and works nearly everywhere else. */
  if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
    return errno;

  if (linkat (self->dir_fd, self->tmp_name, self->dir_fd, name, 0) == 0)
    {
      if (unlinkat (self->dir_fd, self->tmp_name, 0) != 0)
        g_debug ("Could not remove %s after linking it: %s",
                 self->tmp_name, g_strerror (errno));
      return 0;
    }

  if (errno != EPERM && errno != ENOTSUP && errno != ENOSYS)
    return errno;

  /* No hard links either (FAT, some FUSE): the best left is to look before
   * renaming.  The window is tiny and only this app writes here. */
  {
    int err = check_name_free (self->dir_fd, name);

    if (err != 0)
      return err;
  }

  if (renameat (self->dir_fd, self->tmp_name, self->dir_fd, name) == 0)
    return 0;

  return errno;
}

gboolean
resell_atomic_file_commit (ResellAtomicFile  *self,
                           GError           **error)
{
  g_autofree char *final_name = NULL;
  int err = 0;

  g_return_val_if_fail (RESELL_IS_ATOMIC_FILE (self), FALSE);

  if (!check_writable (self, error))
    return FALSE;

  /* The data must be on disk before the name points at it, or a crash
   * could leave a complete-looking name over empty blocks. */
  if ((err = resell_storage_sync_fd (self->fd)) != 0)
    {
      fail_with_errno (self, err, error);
      return FALSE;
    }

  /* NFS and some FUSE filesystems report write errors only at close. */
  if (close_fd (&self->fd) != 0 && errno != EINTR)
    {
      fail_with_errno (self, errno, error);
      return FALSE;
    }

  for (guint attempt = 1; attempt <= RESELL_FILE_MAX_NAME_ATTEMPTS; attempt++)
    {
      g_clear_pointer (&final_name, g_free);
      final_name = resell_file_dup_candidate_name (self->name, attempt);

      err = move_into_place (self, final_name);
      if (err != EEXIST)
        break;
    }

  if (err != 0)
    {
      fail_with_errno (self, err, error);
      return FALSE;
    }

  /* The rename itself lives in the folder: without this a power cut could
   * forget that the file was ever there.  The file is in place and
   * complete either way: nothing to undo, so a failure is only noted. */
  if ((err = resell_storage_sync_folder_fd (self->dir_fd)) != 0)
    g_debug ("Could not fsync %s: %s", self->dir, g_strerror (err));

  self->committed = TRUE;
  g_clear_pointer (&self->tmp_name, g_free);
  self->path = g_build_filename (self->dir, final_name, NULL);
  self->sha256 = g_strdup (g_checksum_get_string (self->checksum));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHA256]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIZE]);

  return TRUE;
}

void
resell_atomic_file_abort (ResellAtomicFile *self)
{
  g_return_if_fail (RESELL_IS_ATOMIC_FILE (self));

  if (self->committed)
    return;

  close_fd (&self->fd);

  if (self->tmp_name != NULL && self->dir_fd >= 0)
    {
      if (unlinkat (self->dir_fd, self->tmp_name, 0) != 0 && errno != ENOENT)
        g_debug ("Could not remove %s/%s: %s",
                 self->dir, self->tmp_name, g_strerror (errno));
    }

  g_clear_pointer (&self->tmp_name, g_free);
}

const char *
resell_atomic_file_get_path (ResellAtomicFile *self)
{
  g_return_val_if_fail (RESELL_IS_ATOMIC_FILE (self), NULL);

  return self->path;
}

const char *
resell_atomic_file_get_sha256 (ResellAtomicFile *self)
{
  g_return_val_if_fail (RESELL_IS_ATOMIC_FILE (self), NULL);

  return self->sha256;
}

goffset
resell_atomic_file_get_size (ResellAtomicFile *self)
{
  g_return_val_if_fail (RESELL_IS_ATOMIC_FILE (self), 0);

  return self->size;
}

static gboolean
set_read_error (GError     **error,
                int          saved_errno,
                const char  *path)
{
  g_autofree char *display = g_filename_display_basename (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Could not read “%s”: %s."),
               display, g_strerror (saved_errno));

  return FALSE;
}

gboolean
resell_file_read_blocks (const char           *path,
                         gsize                 block_size,
                         ResellFileBlockFunc   func,
                         gpointer              user_data,
                         GCancellable         *cancellable,
                         GError              **error)
{
  g_autofree guint8 *buf = NULL;
  gboolean ok = FALSE;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (block_size > 0, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), FALSE);

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    return set_read_error (error, errno, path);

  /* Tell the kernel we stream once: read-ahead up, cache pressure down. */
  (void) posix_fadvise (fd, 0, 0, POSIX_FADV_SEQUENTIAL);

  buf = g_malloc (block_size);

  for (;;)
    {
      ssize_t n;

      /* A read from a regular file never waits for the cancellable: check
       * it between blocks so a long file stops promptly. */
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        break;

      n = read (fd, buf, block_size);

      if (n < 0 && errno == EINTR)
        continue;

      if (n < 0)
        {
          set_read_error (error, errno, path);
          break;
        }

      if (n == 0)
        {
          ok = TRUE;
          break;
        }

      if (!func (buf, n, user_data, error))
        break;
    }

  close (fd);

  return ok;
}

static gboolean
checksum_block_cb (const guint8  *data,
                   gsize          len,
                   gpointer       user_data,
                   GError       **error)
{
  g_checksum_update (user_data, data, len);

  return TRUE;
}

char *
resell_file_compute_sha256 (const char    *path,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(GChecksum) checksum = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);

  checksum = g_checksum_new (G_CHECKSUM_SHA256);

  if (!resell_file_read_blocks (path, BLOCK_SIZE, checksum_block_cb, checksum,
                                cancellable, error))
    return NULL;

  return g_strdup (g_checksum_get_string (checksum));
}
