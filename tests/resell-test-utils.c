/* resell-test-utils.c — helpers shared by the core tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sys/stat.h>

#include <glib/gstdio.h>
#include <glib-object.h>

#include "resell-test-utils.h"

/* Files and folders ------------------------------------------------------- */

/* Removes the folder @path and everything in it; every removal must work. */
void
resell_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  /* Tests may have left a folder read-only; give it back first. */
  g_chmod (path, 0700);

  if ((dir = g_dir_open (path, 0, NULL)))
    {
      while ((name = g_dir_read_name (dir)))
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) &&
              !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            resell_test_remove_tree (child);
          else
            g_assert_no_errno (g_unlink (child));
        }
    }

  g_assert_no_errno (g_rmdir (path));
}

/* Removes @path, a file or a whole folder; nothing if it does not exist. */
void
resell_test_remove_path (const char *path)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return;

  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          resell_test_remove_path (child);
        }

      g_assert_no_errno (g_rmdir (path));
    }
  else
    {
      g_assert_no_errno (g_unlink (path));
    }
}

char *
resell_test_write_file (const char *dir,
                        const char *name,
                        const void *data,
                        gsize       len)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);

  return path;
}

char *
resell_test_write_bytes (const char *dir,
                         const char *name,
                         GBytes     *bytes)
{
  return resell_test_write_file (dir, name, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

GBytes *
resell_test_read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, len);
}

/* Entries in @dir, hidden ones included; 0 if it does not exist. */
guint
resell_test_count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  if (d == NULL)
    return 0;

  while (g_dir_read_name (d))
    n++;

  return n;
}

/* No half-written file (hidden temporary, ".part") is left in @dir. */
void
resell_test_assert_no_temporary_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;

  while ((name = g_dir_read_name (d)))
    {
      if (name[0] == '.' || g_str_has_suffix (name, ".part"))
        g_error ("temporary file %s left in %s", name, dir);
    }
}

/* Environment ------------------------------------------------------------- */

static const struct {
  const char *name;
  const char *subdir;
} xdg_vars[] = {
  { "XDG_DATA_HOME", "data" },
  { "XDG_CONFIG_HOME", "config" },
  { "XDG_CACHE_HOME", "cache" },
  { "XDG_STATE_HOME", "state" },
};

/* One private home for the whole run, made from the g_dir_make_tmp()
 * template @tmpl, with the XDG folders inside it; to be called in main()
 * before GLib first reads these variables, so nothing can touch the user's
 * real catalog.  Not G_TEST_OPTION_ISOLATE_DIRS: GLib 2.74's
 * g_set_user_dirs() leaks the names it replaces for every test, which fails
 * the LeakSanitizer build.  Returns the home, for resell_test_remove_path()
 * at the end. */
char *
resell_test_make_private_home (const char *tmpl)
{
  char *home = g_dir_make_tmp (tmpl, NULL);

  g_assert_nonnull (home);
  g_setenv ("HOME", home, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (xdg_vars); i++)
    {
      g_autofree char *dir = g_build_filename (home, xdg_vars[i].subdir, NULL);
      g_setenv (xdg_vars[i].name, dir, TRUE);
    }
  g_unsetenv ("RESELL_DATA_DIR");

  return home;
}

/* Main loop --------------------------------------------------------------- */

void
resell_test_drain_main_context (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
timeout_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the default context until *@counter reaches @wanted. */
void
resell_test_iterate_until (guint *counter,
                           guint  wanted)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (10, timeout_cb, &timed_out);

  while (*counter < wanted && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (timed_out);
  g_source_remove (id);
}

/* Logging ----------------------------------------------------------------- */

/* libvips reports decode errors of hostile input twice: in its error buffer
 * (which the core turns into a sentence) and as a g_warning ("error in tile
 * …") from its tile cache that it offers no way to turn off.  Tests that
 * feed such files on purpose call resell_test_allow_vips_warnings(), so only
 * that one domain's warnings may pass; every other warning stays fatal. */
static gboolean
fatal_log_handler (const char     *log_domain,
                   GLogLevelFlags  log_level,
                   const char     *message,
                   gpointer        user_data)
{
  if (g_strcmp0 (log_domain, "VIPS") == 0 && (log_level & G_LOG_LEVEL_WARNING))
    return FALSE;

  return TRUE;
}

/* Instead of GTest's handler, which would print "Bail out!" for it. */
static void
vips_warning_handler (const char     *log_domain,
                      GLogLevelFlags  log_level,
                      const char     *message,
                      gpointer        user_data)
{
  g_test_message ("libvips warned (expected for damaged files): %s", message);
}

void
resell_test_allow_vips_warnings (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      g_log_set_handler ("VIPS", G_LOG_LEVEL_WARNING | G_LOG_FLAG_FATAL,
                         vips_warning_handler, NULL);
      g_once_init_leave (&done, 1);
    }

  /* GTest resets the fatal handler before every test case, so it is set
   * again by each case that asks. */
  g_test_log_set_fatal_handler (fatal_log_handler, NULL);
}

void
resell_test_assert_finalize_soon (gpointer object)
{
  gpointer weak = object;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  g_object_add_weak_pointer (object, &weak);
  g_object_unref (object);

  while (weak != NULL && g_get_monotonic_time () < deadline)
    {
      resell_test_drain_main_context ();
      g_usleep (1000);
    }

  if (weak != NULL)
    g_error ("%s %p was not finalized", G_OBJECT_TYPE_NAME (weak), weak);
}
