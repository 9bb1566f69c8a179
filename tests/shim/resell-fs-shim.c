/* resell-fs-shim.c — an LD_PRELOAD library that records what a program
 * asks of the file system, so a test can check the order of a save:
 * data written, file fsynced, renamed into place, folder fsynced.
 *
 * Environment:
 *   RESELL_FS_SHIM_LOG_FD      a descriptor open for appending (the test
 *                              opens it: `3>>log`); one line per call:
 *                              "<call>\t<path>[\t<path or bytes>]\n"
 *   RESELL_FS_SHIM_KILL_RENAME raise SIGKILL instead of renaming a file
 *                              whose name ends with this (e.g. ".part"),
 *                              as a power cut or the OOM killer would
 *
 * Only calls on regular files and folders are logged (not pipes, sockets,
 * terminals).  The log is written with one write(2) per line through the
 * real write(), never with stdio or malloc: it works inside ASan builds
 * (libasan first in LD_PRELOAD, then this) and from any thread.  Not built
 * with sanitizers itself: it runs before and beneath them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE

#include "config.h"

/* The shim defines open() and open64(), pwrite() and pwrite64() apart:
 * with 64-bit offsets forced, the headers would rename the first of each
 * pair to the second. */
#undef _FILE_OFFSET_BITS

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#define LINE_MAX_BYTES (3 * PATH_MAX + 64)

/* Exported by the shim: the only functions it defines for the program. */
#define SHIM_EXPORT __attribute__ ((visibility ("default")))

static ssize_t (*real_write) (int, const void *, size_t);

static ssize_t
call_real_write (int         fd,
                 const void *buf,
                 size_t      len)
{
  if (real_write == NULL)
    real_write = (ssize_t (*) (int, const void *, size_t)) dlsym (RTLD_NEXT, "write");

  return real_write (fd, buf, len);
}

static int
log_fd (void)
{
  const char *value = getenv ("RESELL_FS_SHIM_LOG_FD");

  return value != NULL && value[0] != '\0' ? atoi (value) : -1;
}

/* The path behind @fd, or "" when it is not a regular file or folder (or
 * is the log itself). */
static void
fd_path (int     fd,
         char   *buf,
         size_t  size)
{
  char link[64];
  struct stat st;
  ssize_t n;

  buf[0] = '\0';

  if (fd < 0 || fd == log_fd ())
    return;

  if (fstat (fd, &st) != 0 || !(S_ISREG (st.st_mode) || S_ISDIR (st.st_mode)))
    return;

  snprintf (link, sizeof link, "/proc/self/fd/%d", fd);
  n = readlink (link, buf, size - 1);
  buf[n > 0 ? n : 0] = '\0';
}

/* @name as seen from @dir_fd, made absolute. */
static void
at_path (int         dir_fd,
         const char *name,
         char       *buf,
         size_t      size)
{
  char dir[PATH_MAX];

  if (name == NULL)
    {
      buf[0] = '\0';
      return;
    }

  if (name[0] == '/')
    {
      snprintf (buf, size, "%s", name);
      return;
    }

  if (dir_fd == AT_FDCWD)
    {
      if (getcwd (dir, sizeof dir) == NULL)
        dir[0] = '\0';
    }
  else
    fd_path (dir_fd, dir, sizeof dir);

  snprintf (buf, size, "%s/%s", dir, name);
}

static void
log_line (const char *call,
          const char *a,
          const char *b)
{
  char line[LINE_MAX_BYTES];
  int fd = log_fd ();
  int saved_errno = errno;
  int len;

  if (fd < 0 || a == NULL || a[0] == '\0')
    return;

  if (b != NULL)
    len = snprintf (line, sizeof line, "%s\t%s\t%s\n", call, a, b);
  else
    len = snprintf (line, sizeof line, "%s\t%s\n", call, a);

  if (len > 0)
    call_real_write (fd, line, (size_t) len < sizeof line ? (size_t) len : sizeof line - 1);

  errno = saved_errno;
}

static void
log_fd_call (const char *call,
             int         fd)
{
  char path[PATH_MAX];

  if (log_fd () < 0)
    return;

  fd_path (fd, path, sizeof path);
  log_line (call, path, NULL);
}

static void
log_rename (const char *call,
            int         old_dir_fd,
            const char *old_name,
            int         new_dir_fd,
            const char *new_name)
{
  const char *kill_suffix = getenv ("RESELL_FS_SHIM_KILL_RENAME");
  char from[PATH_MAX + 256];
  char to[PATH_MAX + 256];

  at_path (old_dir_fd, old_name, from, sizeof from);
  at_path (new_dir_fd, new_name, to, sizeof to);
  log_line (call, from, to);

  if (kill_suffix != NULL && kill_suffix[0] != '\0')
    {
      size_t len = strlen (from);
      size_t suffix_len = strlen (kill_suffix);

      if (len >= suffix_len && strcmp (from + len - suffix_len, kill_suffix) == 0)
        {
          log_line ("killed", from, NULL);
          raise (SIGKILL);
        }
    }
}

/* The next definition of @name: libc's, or a sanitizer's. */
#define REAL(name) \
  static __typeof__ (&name) real_##name; \
  if (real_##name == NULL) \
    real_##name = (__typeof__ (&name)) dlsym (RTLD_NEXT, #name)

SHIM_EXPORT int
fsync (int fd)
{
  REAL (fsync);
  int ret = real_fsync (fd);

  log_fd_call (ret == 0 ? "fsync" : "fsync-failed", fd);

  return ret;
}

SHIM_EXPORT int
fdatasync (int fd)
{
  REAL (fdatasync);
  int ret = real_fdatasync (fd);

  log_fd_call (ret == 0 ? "fdatasync" : "fdatasync-failed", fd);

  return ret;
}

SHIM_EXPORT ssize_t
write (int         fd,
       const void *buf,
       size_t      len)
{
  ssize_t ret = call_real_write (fd, buf, len);

  if (ret > 0)
    log_fd_call ("write", fd);

  return ret;
}

SHIM_EXPORT ssize_t
pwrite64 (int         fd,
          const void *buf,
          size_t      len,
          off_t       offset)
{
  REAL (pwrite64);
  ssize_t ret = real_pwrite64 (fd, buf, len, offset);

  if (ret > 0)
    log_fd_call ("write", fd);

  return ret;
}

SHIM_EXPORT ssize_t
pwrite (int         fd,
        const void *buf,
        size_t      len,
        off_t       offset)
{
  REAL (pwrite);
  ssize_t ret = real_pwrite (fd, buf, len, offset);

  if (ret > 0)
    log_fd_call ("write", fd);

  return ret;
}

SHIM_EXPORT int
rename (const char *from,
        const char *to)
{
  REAL (rename);

  log_rename ("rename", AT_FDCWD, from, AT_FDCWD, to);

  return real_rename (from, to);
}

SHIM_EXPORT int
renameat (int         old_dir_fd,
          const char *from,
          int         new_dir_fd,
          const char *to)
{
  REAL (renameat);

  log_rename ("rename", old_dir_fd, from, new_dir_fd, to);

  return real_renameat (old_dir_fd, from, new_dir_fd, to);
}

SHIM_EXPORT int
renameat2 (int           old_dir_fd,
           const char   *from,
           int           new_dir_fd,
           const char   *to,
           unsigned int  flags)
{
  REAL (renameat2);

  log_rename ("rename", old_dir_fd, from, new_dir_fd, to);

  return real_renameat2 (old_dir_fd, from, new_dir_fd, to, flags);
}

/* Opens that create a file are logged, so the log shows where a temporary
 * file began. */
static int
open_common (const char *call,
             int         dir_fd,
             const char *path,
             int         flags,
             mode_t      mode)
{
  typedef int (*OpenatFunc) (int, const char *, int, ...);
  static OpenatFunc real_openat;
  char full[PATH_MAX + 256];
  int fd;

  if (real_openat == NULL)
    real_openat = (OpenatFunc) dlsym (RTLD_NEXT, "openat");

  fd = real_openat (dir_fd, path, flags, mode);

  if (fd >= 0 && (flags & O_CREAT) && log_fd () >= 0)
    {
      at_path (dir_fd, path, full, sizeof full);
      log_line (call, full, NULL);
    }

  return fd;
}

static mode_t
mode_arg (int     flags,
          va_list ap)
{
  return (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE ? (mode_t) va_arg (ap, int) : 0;
}

SHIM_EXPORT int
open (const char *path,
      int         flags,
      ...)
{
  va_list ap;
  mode_t mode;

  va_start (ap, flags);
  mode = mode_arg (flags, ap);
  va_end (ap);

  return open_common ("create", AT_FDCWD, path, flags, mode);
}

SHIM_EXPORT int
open64 (const char *path,
        int         flags,
        ...)
{
  va_list ap;
  mode_t mode;

  va_start (ap, flags);
  mode = mode_arg (flags, ap);
  va_end (ap);

  return open_common ("create", AT_FDCWD, path, flags, mode);
}

SHIM_EXPORT int
openat (int         dir_fd,
        const char *path,
        int         flags,
        ...)
{
  va_list ap;
  mode_t mode;

  va_start (ap, flags);
  mode = mode_arg (flags, ap);
  va_end (ap);

  return open_common ("create", dir_fd, path, flags, mode);
}

SHIM_EXPORT int
openat64 (int         dir_fd,
          const char *path,
          int         flags,
          ...)
{
  va_list ap;
  mode_t mode;

  va_start (ap, flags);
  mode = mode_arg (flags, ap);
  va_end (ap);

  return open_common ("create", dir_fd, path, flags, mode);
}
