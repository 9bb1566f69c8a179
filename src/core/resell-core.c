/* resell-core.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <vips/vips.h>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "resell-core.h"

/* libvips warns ("error in tile 0 x 304") when it meets a damaged picture,
 * besides the error the core turns into a sentence naming the file: the
 * person gets the sentence, the warning is for debugging only.  (Nothing is
 * logged from inside the handler: that would recurse.) */
static void
on_vips_warning (const char     *log_domain,
                 GLogLevelFlags  log_level,
                 const char     *message,
                 gpointer        user_data)
{
  if (g_getenv ("G_MESSAGES_DEBUG") != NULL)
    g_printerr ("libvips: %s\n", message);
}

/* A damaged photo off a camera card must not stop the app even when
 * warnings are made fatal (G_DEBUG=fatal-warnings, as in the window tests):
 * libvips' warnings are expected there, every other fatal message still
 * aborts.  GLib offers this hook only under the g_test name. */
static gboolean
on_fatal_log (const char     *log_domain,
              GLogLevelFlags  log_level,
              const char     *message,
              gpointer        user_data)
{
  return !(g_strcmp0 (log_domain, "VIPS") == 0 && (log_level & G_LOG_LEVEL_WARNING));
}

gboolean
resell_core_init (const char  *argv0,
                  GError     **error)
{
  static gsize initialized = 0;
  static gboolean ok = FALSE;

  if (g_once_init_enter (&initialized))
    {
      bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

      ok = VIPS_INIT (argv0 ? argv0 : "resell") == 0;
      if (ok)
        {
          /* Imaging runs on our own pool: several photos at once with one
           * libvips thread each beats one photo on many threads. */
          vips_concurrency_set (1);
          /* Thumbnails come from a few photos at a time; the operation cache
           * would only hold on to big decoded images. */
          vips_cache_set_max (0);
#ifdef __GLIBC__
          /* A decoded photo is tens of megabytes.  glibc raises its mmap
           * threshold after the first such buffer is freed, and from then
           * on keeps freed pictures in each worker thread's arena: a
           * two-worker export peaked at 165 MB instead of 105.  A fixed
           * threshold gives each big buffer its own mapping, returned to
           * the system when it is freed. */
          mallopt (M_MMAP_THRESHOLD, 1024 * 1024);
#endif

          g_log_set_handler ("VIPS", G_LOG_LEVEL_WARNING | G_LOG_FLAG_FATAL,
                             on_vips_warning, NULL);
          g_test_log_set_fatal_handler (on_fatal_log, NULL);
        }

      g_once_init_leave (&initialized, 1);
    }

  if (!ok)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The image library could not start: %s"),
                   vips_error_buffer ());
      return FALSE;
    }

  return TRUE;
}
