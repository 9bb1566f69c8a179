/* resell-camera-settings.c — the owner thread's side of the camera's
 * settings: reading, listing and writing them through
 * resell-camera-config.c, and what a failure there means
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One log domain for all of the camera's files, so that
 * G_MESSAGES_DEBUG=resell-camera shows all it says. */
#define G_LOG_DOMAIN "resell-camera"

#include "config.h"

#include "camera/resell-camera-config-private.h"
#include "camera/resell-camera-private.h"

/* Owner thread: settings (resell-camera-config.c) ----------------------- */

/* The config calls leave a failure of the camera itself to us
 * (@gp_result < GP_OK): only this thread knows whether the command was
 * cancelled and what the driver said, and it must close a camera that is
 * gone.  Their own refusals come with @error already set. */
static void
settings_failed (Worker  *w,
                 int      gp_result,
                 GError **error)
{
  g_autoptr(GError) local_error = NULL;

  if (gp_result >= GP_OK)
    return;

  _resell_camera_set_gp_error (w, &local_error, gp_result, RESELL_CAMERA_OP_SETTINGS);
  _resell_camera_check_gone (w, gp_result, local_error);
  g_propagate_error (error, g_steal_pointer (&local_error));
}

/* The value of a text or choice config, or NULL (also when the camera was
 * lost while asking: check w->gp after). */
char *
_resell_camera_read_text (Worker     *w,
                          const char *name)
{
  char *text;
  int ret;

  if (w->gp == NULL)
    return NULL;

  text = resell_camera_config_dup_text (w->gp, w->context, name, &ret);
  settings_failed (w, ret, NULL);

  return text;
}

void
_resell_camera_run_settings (Worker  *w,
                             Command *cmd)
{
  g_autoptr(GError) error = NULL;
  int ret = GP_OK;

  switch (cmd->kind)
    {
    case CMD_LIST_SETTINGS:
      {
        GPtrArray *settings = resell_camera_config_list (w->gp, w->context, &ret);

        if (settings != NULL)
          {
            g_task_return_pointer (cmd->task, settings, (GDestroyNotify)g_ptr_array_unref);
            return;
          }
      }
      break;

    case CMD_GET_SETTING:
      {
        ResellCameraSetting *setting = resell_camera_config_read (w->gp, w->context, cmd->name,
                                                                  &ret, &error);

        if (setting != NULL)
          {
            g_task_return_pointer (cmd->task, setting, g_object_unref);
            return;
          }
      }
      break;

    case CMD_SET_SETTING:
      if (resell_camera_config_write (w->gp, w->context, cmd->name, cmd->value, &ret, &error))
        {
          g_task_return_boolean (cmd->task, TRUE);
          return;
        }
      break;

    case CMD_CONNECT:
    case CMD_DISCONNECT:
    case CMD_CAPTURE:
    case CMD_DOWNLOAD:
    case CMD_PREVIEW:
    case CMD_QUIT:
    default:
      g_assert_not_reached ();
    }

  settings_failed (w, ret, &error);
  g_task_return_error (cmd->task, g_steal_pointer (&error));
}
