/* resell-core.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-core"

#include <glib/gi18n-lib.h>
#include <vips/vips.h>

#include "resell-core.h"

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
