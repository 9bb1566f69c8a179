/* resell-atomic-file.h — write a file so that it is either complete or absent
 *
 * Writes go to a hidden temporary file in the destination folder; commit
 * fsyncs it, renames it into place without replacing an existing file, and
 * fsyncs the folder.  A crash at any moment leaves no partial file under the
 * final name.  The sha256 of the bytes written is computed on the way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define RESELL_TYPE_ATOMIC_FILE (resell_atomic_file_get_type ())
G_DECLARE_FINAL_TYPE (ResellAtomicFile, resell_atomic_file, RESELL, ATOMIC_FILE, GObject)

/* Starts writing @dir/@name.  Fails with G_IO_ERROR_EXISTS if that name is taken. */
ResellAtomicFile *resell_atomic_file_new         (const char        *dir,
                                                  const char        *name,
                                                  GError           **error);
/* The temporary file's descriptor, for producers that write to an fd
 * (e.g. a camera download); call resell_atomic_file_note_written() after. */
int               resell_atomic_file_get_fd      (ResellAtomicFile  *self);
/* Adds the bytes written to that fd since the last call to the size and
 * the sha256 (reads them back from where the known bytes end). */
gboolean          resell_atomic_file_note_written (ResellAtomicFile *self,
                                                  GError           **error);
gboolean          resell_atomic_file_write       (ResellAtomicFile  *self,
                                                  const void        *data,
                                                  gsize              len,
                                                  GError           **error);
/* Copies all of @stream into the file. */
gboolean          resell_atomic_file_splice      (ResellAtomicFile  *self,
                                                  GInputStream      *stream,
                                                  GCancellable      *cancellable,
                                                  GError           **error);
/* fsync, rename to the final name (never overwriting), fsync the folder.
 * If the final name got taken meanwhile, a free "name-2.ext" is used. */
gboolean          resell_atomic_file_commit      (ResellAtomicFile  *self,
                                                  GError           **error);
/* Removes the temporary file; also done on finalize when not committed. */
void              resell_atomic_file_abort       (ResellAtomicFile  *self);
/* After commit: the final path and the hex sha256 of the bytes. */
const char       *resell_atomic_file_get_path    (ResellAtomicFile  *self);
const char       *resell_atomic_file_get_sha256  (ResellAtomicFile  *self);
goffset           resell_atomic_file_get_size    (ResellAtomicFile  *self);

/* Hex sha256 of a whole file, streamed. */
char             *resell_file_compute_sha256     (const char        *path,
                                                  GCancellable      *cancellable,
                                                  GError           **error);

G_END_DECLS
