/* vcamera-dir.c — where libgphoto2's virtual camera finds its card.
 *
 * Upstream compiles the card's folder into vusb.so, so a build folder that
 * is moved or copied would read the card of the tree it was built in.  Here
 * the folder is looked up each time the camera is created instead:
 * $VCAMERADIR when it is set (the tests set it), else the "store" folder
 * beside the "iolibs" folder that holds this vusb.so.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vcamera-dir.h"

char *
resell_vcamera_dir (void)
{
  /* vcamera.c copies the path it is given, so one buffer will do. */
  static char dir[PATH_MAX];
  const char *env = getenv ("VCAMERADIR");
  Dl_info info;
  char *slash;

  if (env != NULL && env[0] != '\0')
    {
      snprintf (dir, sizeof dir, "%s", env);
      return dir;
    }

  /* DEST/iolibs/vusb.so → DEST/store */
  if (dladdr ((void *) resell_vcamera_dir, &info) == 0 || info.dli_fname == NULL
      || realpath (info.dli_fname, dir) == NULL)
    {
      fprintf (stderr, "vusb: cannot tell where vusb.so is; set VCAMERADIR to the card's folder\n");
      dir[0] = '\0';
      return dir;
    }
  for (int i = 0; i < 2; i++)
    {
      slash = strrchr (dir, '/');
      if (slash == NULL)
        break;
      *slash = '\0';
    }
  if (strlen (dir) + strlen ("/store") >= sizeof dir)
    {
      fprintf (stderr, "vusb: path of vusb.so too long; set VCAMERADIR to the card's folder\n");
      dir[0] = '\0';
      return dir;
    }
  strcat (dir, "/store");

  return dir;
}
