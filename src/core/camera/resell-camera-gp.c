/* resell-camera-gp.c — libgphoto2's driver lists, shared by every camera
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-camera-gp"

#include "config.h"

#include "camera/resell-camera-private.h"

/* Held around everything that may load or unload a driver: libltdl keeps
 * global state without locks of its own, and the port list grows on
 * lookups.  Camera threads and the monitor's worker run concurrently. */
static GMutex gp_lock;

/* Loading every camera driver's abilities takes a while (hundreds of
 * shared objects): done once per process, on whichever worker needs it
 * first, never on the main loop. */
static CameraAbilitiesList *abilities_list;

/* A snapshot of the ports present when it was loaded; the USB driver lists
 * each device by bus address, which changes on every re-plug, so detection
 * reloads it and opening a camera uses the latest one. */
static GPPortInfoList *port_list;

static int
ensure_abilities_locked (GPContext *context)
{
  int ret;

  if (abilities_list != NULL)
    return GP_OK;

  if ((ret = gp_abilities_list_new (&abilities_list)) < GP_OK)
    return ret;

  if ((ret = gp_abilities_list_load (abilities_list, context)) < GP_OK)
    {
      gp_abilities_list_free (abilities_list);
      abilities_list = NULL;
      return ret;
    }

  g_debug ("Loaded the abilities of %d camera models",
           gp_abilities_list_count (abilities_list));

  return GP_OK;
}

static int
reload_ports_locked (void)
{
  GPPortInfoList *list = NULL;
  int ret;

  if ((ret = gp_port_info_list_new (&list)) < GP_OK)
    return ret;

  if ((ret = gp_port_info_list_load (list)) < GP_OK)
    {
      gp_port_info_list_free (list);
      return ret;
    }

  if (port_list != NULL)
    gp_port_info_list_free (port_list);
  port_list = list;

  return GP_OK;
}

int
resell_camera_gp_detect (CameraList *list,
                         GPContext  *context)
{
  int ret;

  g_mutex_lock (&gp_lock);

  if ((ret = ensure_abilities_locked (context)) >= GP_OK &&
      (ret = reload_ports_locked ()) >= GP_OK)
    ret = gp_abilities_list_detect (abilities_list, port_list, list, context);

  g_mutex_unlock (&gp_lock);

  return ret;
}

int
resell_camera_gp_open (Camera          *camera,
                       const char      *model,
                       const char      *port,
                       CameraAbilities *abilities,
                       GPContext       *context)
{
  GPPortInfo info;
  int index;
  int ret;

  g_mutex_lock (&gp_lock);

  if ((ret = ensure_abilities_locked (context)) < GP_OK)
    goto out;

  if (port_list == NULL && (ret = reload_ports_locked ()) < GP_OK)
    goto out;

  if ((index = gp_abilities_list_lookup_model (abilities_list, model)) < GP_OK)
    {
      ret = GP_ERROR_MODEL_NOT_FOUND;
      goto out;
    }

  if ((ret = gp_abilities_list_get_abilities (abilities_list, index, abilities)) < GP_OK ||
      (ret = gp_camera_set_abilities (camera, *abilities)) < GP_OK)
    goto out;

  /* A port the list has not seen (a camera plugged in after the last
   * detection) is matched against the drivers' generic patterns. */
  index = gp_port_info_list_lookup_path (port_list, port);
  if (index < GP_OK && reload_ports_locked () >= GP_OK)
    index = gp_port_info_list_lookup_path (port_list, port);

  if (index < GP_OK)
    {
      ret = GP_ERROR_IO_USB_FIND;
      goto out;
    }

  /* gp_camera_set_port_info copies the info, so a later reload of the
   * list cannot pull it from under the camera. */
  if ((ret = gp_port_info_list_get_info (port_list, index, &info)) < GP_OK ||
      (ret = gp_camera_set_port_info (camera, info)) < GP_OK)
    goto out;

  ret = gp_camera_init (camera, context);

out:
  g_mutex_unlock (&gp_lock);

  return ret;
}

void
resell_camera_gp_close (Camera    **camera,
                        GPContext  *context)
{
  if (*camera == NULL)
    return;

  g_mutex_lock (&gp_lock);
  gp_camera_exit (*camera, context);
  gp_camera_unref (*camera);
  *camera = NULL;
  g_mutex_unlock (&gp_lock);
}
