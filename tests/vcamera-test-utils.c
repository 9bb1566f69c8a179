/* vcamera-test-utils.c — libgphoto2's virtual camera for the camera tests
 *
 * meson builds the camera into <builddir>/vcamera before the tests that
 * need it (tests/vcamera/build-vcamera): its port driver in iolibs/, its
 * card in store/.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <dlfcn.h>

#include <glib/gstdio.h>

#include "vcamera-test-utils.h"

static char *vcamera_dir;
static char *card_jpeg;     /* the card's first JPEG: every capture copies it */

/* A missing virtual camera is a failure, never a skip. */
static void
fail_without_vcamera (void)
{
  g_test_fail_printf ("The virtual camera is not in %s: meson test builds it with "
                      "tests/vcamera/build-vcamera; see its output", vcamera_dir);
}

/* Finds the virtual camera in $RESELL_BUILD_DIR/vcamera.  When it is there,
 * points libgphoto2 at its port driver and returns TRUE.  When it is not,
 * adds the case @missing_path, which fails saying so, and returns FALSE:
 * main() then runs that case alone.  Call after g_test_init(). */
gboolean
resell_test_vcamera_init (const char *missing_path)
{
  const char *build_dir = g_getenv ("RESELL_BUILD_DIR");
  g_autofree char *iolibs = NULL;
  g_autofree char *iolib = NULL;

  vcamera_dir = g_build_filename (build_dir != NULL ? build_dir : ".", "vcamera", NULL);
  iolibs = g_build_filename (vcamera_dir, "iolibs", NULL);
  iolib = g_build_filename (iolibs, "vusb.so", NULL);
  card_jpeg = g_build_filename (vcamera_dir, "store", "DCIM", "100NIKON", "DSC_0001.JPG", NULL);

  if (!g_file_test (iolib, G_FILE_TEST_EXISTS) || !g_file_test (card_jpeg, G_FILE_TEST_EXISTS))
    {
      g_test_add_func (missing_path, fail_without_vcamera);
      return FALSE;
    }

  /* Only the virtual port driver: libgphoto2 reads this when it first
   * loads its port drivers, and no real camera on this machine gets
   * involved. */
  g_setenv ("IOLIBS", iolibs, TRUE);

  /* Kept loaded when libgphoto2 closes it: the virtual camera leaks a few
   * buffers of its own (see lsan.supp), and LeakSanitizer can only name
   * the module they come from while it is still mapped. */
  if (dlopen (iolib, RTLD_NOW | RTLD_NODELETE) == NULL)
    g_error ("Could not load %s: %s", iolib, dlerror ());

  return TRUE;
}

/* Frees what resell_test_vcamera_init() found, at the end of main(). */
void
resell_test_vcamera_clear (void)
{
  g_clear_pointer (&vcamera_dir, g_free);
  g_clear_pointer (&card_jpeg, g_free);
}

const char *
resell_test_vcamera_get_card_jpeg (void)
{
  return card_jpeg;
}

/* Puts a new picture on the card: the next shot is a copy of these bytes.
 * The virtual camera reads the size of its files once per process, when
 * first opened, and the bytes at each download. */
void
resell_test_vcamera_set_card_picture (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (card_jpeg, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
}
