/* resell-test-utils.h — helpers shared by the core tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Files and folders ------------------------------------------------------- */

void      resell_test_remove_tree                (const char *path);
void      resell_test_remove_path                (const char *path);
char     *resell_test_write_file                 (const char *dir,
                                                  const char *name,
                                                  const void *data,
                                                  gsize       len);
char     *resell_test_write_bytes                (const char *dir,
                                                  const char *name,
                                                  GBytes     *bytes);
GBytes   *resell_test_read_bytes                 (const char *path);
guint     resell_test_count_files                (const char *dir);
void      resell_test_assert_no_temporary_files  (const char *dir);

/* Environment ------------------------------------------------------------- */

char     *resell_test_make_private_home          (const char *tmpl);

/* Main loop --------------------------------------------------------------- */

void      resell_test_drain_main_context         (void);
void      resell_test_iterate_until              (guint      *counter,
                                                  guint       wanted);

/* Logging ----------------------------------------------------------------- */

void      resell_test_allow_vips_warnings        (void);
/* Drops the last reference to @object and asserts it is finalized within
 * 10 s.  A GTask run in a thread drops its last reference (and so its
 * source object's) on the worker, just after the callback ran on the main
 * context: this gives it that moment rather than fail on a race that is
 * not a leak. */
void      resell_test_assert_finalize_soon       (gpointer    object);

G_END_DECLS
