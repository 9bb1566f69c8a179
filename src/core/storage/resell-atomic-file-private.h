/* resell-atomic-file-private.h — the file helpers that the importer shares
 * with the atomic file, so that a copy reads and names files the way the
 * atomic file does.  Not for the app.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "storage/resell-atomic-file.h"

G_BEGIN_DECLS

/* How many names to try before giving up: far more than a person would
 * ever import of one file, few enough to end a loop on a broken fs. */
#define RESELL_FILE_MAX_NAME_ATTEMPTS 1000

/* The name to try on the @attempt-th go, counting from 1: @name itself,
 * then "IMG_1-2.jpg", "IMG_1-3.jpg"…  A leading dot is not an extension. */
char     *resell_file_dup_candidate_name (const char  *name,
                                          guint        attempt);

/* Receives the blocks of resell_file_read_blocks(); returning FALSE with
 * @error set stops the read. */
typedef gboolean (*ResellFileBlockFunc) (const guint8  *data,
                                         gsize          len,
                                         gpointer       user_data,
                                         GError       **error);

/* Reads @path from start to end in blocks of at most @block_size bytes and
 * hands each to @func.  Read errors are sentences naming the file. */
gboolean  resell_file_read_blocks        (const char           *path,
                                          gsize                 block_size,
                                          ResellFileBlockFunc   func,
                                          gpointer              user_data,
                                          GCancellable         *cancellable,
                                          GError              **error);

G_END_DECLS
