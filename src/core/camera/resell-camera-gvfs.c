/* resell-camera-gvfs.c — asking gvfs to let go of a camera
 *
 * GNOME's file manager mounts cameras through gvfs, whose gphoto2 backend
 * then holds the USB device, so gp_camera_init fails with
 * GP_ERROR_IO_USB_CLAIM.  Unmounting that gphoto2:// mount makes the
 * backend release the device.
 *
 * Everything here runs on the global default main context: GVolumeMonitor
 * "is not thread-default-context aware, and so should not be used other
 * than from the main thread, with no thread-default-context active" (GIO
 * docs), and g_mount_unmount_with_operation calls back on the
 * thread-default context of its caller, which is then that same one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-camera-gvfs"

#include "config.h"

#include <string.h>

#include "camera/resell-camera-private.h"

/* "usb:001,005" → "001,005", the part gvfs puts in its gphoto2:// URIs
 * ("gphoto2://[usb:001,005]/", escaped or not depending on its version). */
static char *
dup_usb_address (const char *port)
{
  if (port == NULL || !g_str_has_prefix (port, "usb:") || port[4] == '\0')
    return NULL;

  return g_strdup (port + 4);
}

static gboolean
is_gphoto2_mount (GMount *mount)
{
  g_autoptr(GFile) root = g_mount_get_root (mount);

  return g_file_has_uri_scheme (root, "gphoto2");
}

static gboolean
mount_matches_address (GMount     *mount,
                       const char *address)
{
  g_autoptr(GFile) root = g_mount_get_root (mount);
  g_autofree char *uri = g_file_get_uri (root);
  g_autofree char *unescaped = g_uri_unescape_string (uri, NULL);

  return address != NULL && unescaped != NULL && strstr (unescaped, address) != NULL;
}

/* The mounts to unmount: the camera's own, matched by USB address; when
 * none matches (gvfs versions name mounts differently), every gphoto2
 * mount, since one of them is what holds the device. */
static GPtrArray *
find_camera_mounts (const char *port)
{
  g_autoptr(GVolumeMonitor) monitor = g_volume_monitor_get ();
  g_autofree char *address = dup_usb_address (port);
  GPtrArray *targets = g_ptr_array_new_with_free_func (g_object_unref);
  GList *mounts = g_volume_monitor_get_mounts (monitor);

  for (GList *l = mounts; l != NULL; l = l->next)
    if (is_gphoto2_mount (l->data) && mount_matches_address (l->data, address))
      g_ptr_array_add (targets, g_object_ref (l->data));

  if (targets->len == 0)
    for (GList *l = mounts; l != NULL; l = l->next)
      if (is_gphoto2_mount (l->data))
        g_ptr_array_add (targets, g_object_ref (l->data));

  g_list_free_full (mounts, g_object_unref);

  return targets;
}

typedef struct
{
  guint n_pending;
  guint n_unmounted;
} Unmount;

static void
unmount_step_done (GTask *task)
{
  Unmount *op = g_task_get_task_data (task);

  if (--op->n_pending == 0)
    g_task_return_int (task, op->n_unmounted);
}

static void
unmount_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Unmount *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_mount_get_name (G_MOUNT (object));

  /* A failure is not passed on: the caller tries the camera again either
   * way, and its error then says to close the program holding it. */
  if (g_mount_unmount_with_operation_finish (G_MOUNT (object), result, &error))
    {
      g_debug ("Unmounted %s so that Resell can use the camera", name);
      op->n_unmounted++;
    }
  else
    g_debug ("Could not unmount %s: %s", name, error->message);

  unmount_step_done (task);
}

void
resell_camera_gvfs_unmount_async (const char          *port,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) targets = NULL;
  Unmount *op;

  /* Warnings only: returning early would leave the caller waiting. */
  g_warn_if_fail (g_main_context_is_owner (g_main_context_default ()));
  g_warn_if_fail (g_main_context_get_thread_default () == NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, resell_camera_gvfs_unmount_async);
  g_task_set_name (task, "[resell] unmount camera");
  /* The caller always gets to try the camera again, cancelled or not. */
  g_task_set_check_cancellable (task, FALSE);

  op = g_new0 (Unmount, 1);
  g_task_set_task_data (task, op, g_free);

  targets = find_camera_mounts (port);
  g_debug ("The camera at %s is claimed by another program; unmounting %u gphoto2 mount(s)",
           port, targets->len);

  /* One step for the loop itself, so the task cannot return before every
   * unmount has been started, however the callbacks are scheduled. */
  op->n_pending = targets->len + 1;

  /* No GMountOperation: the core has no UI to ask with.  A mount with
   * files open then refuses (G_IO_ERROR_BUSY) rather than asking. */
  for (guint i = 0; i < targets->len; i++)
    g_mount_unmount_with_operation (g_ptr_array_index (targets, i),
                                    G_MOUNT_UNMOUNT_NONE, NULL, cancellable,
                                    unmount_cb, g_object_ref (task));

  unmount_step_done (task);
}

guint
resell_camera_gvfs_unmount_finish (GAsyncResult *result)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), 0);

  return (guint)g_task_propagate_int (G_TASK (result), NULL);
}
