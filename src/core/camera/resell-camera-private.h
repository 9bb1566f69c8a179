/* resell-camera-private.h — what the camera objects share about
 * libgphoto2.  Not for the app: nothing outside src/core/camera/ includes
 * libgphoto2's headers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gphoto2/gphoto2.h>

#include "camera/resell-camera.h"

G_BEGIN_DECLS

/* What was being done when libgphoto2 failed: the same code means
 * different things (an I/O error while opening is "not found", while
 * connected it is "unplugged"; GP_ERROR_NO_MEMORY from a capture is the
 * ptp2 driver's way of saying the card ran full). */
typedef enum
{
  RESELL_CAMERA_OP_DETECT,
  RESELL_CAMERA_OP_CONNECT,
  RESELL_CAMERA_OP_CAPTURE,
  RESELL_CAMERA_OP_DOWNLOAD,
  RESELL_CAMERA_OP_PREVIEW,
  RESELL_CAMERA_OP_SETTINGS,
  RESELL_CAMERA_OP_EVENTS,
} ResellCameraOp;

/* Sets @error from a libgphoto2 result: RESELL_CAMERA_ERROR with a
 * sentence, or G_IO_ERROR_CANCELLED for GP_ERROR_CANCEL.  @camera_message
 * is what the camera driver reported through the context's error func
 * (may be NULL); it is added to the sentence when it says something. */
void      resell_camera_set_gp_error        (GError         **error,
                                             int              gp_result,
                                             ResellCameraOp   op,
                                             const char      *camera_message);

/* TRUE when @gp_result means the camera is gone (unplugged, switched off). */
gboolean  resell_camera_gp_result_is_gone   (int              gp_result);

/* libgphoto2 loads its camera and port drivers with libltdl, which is not
 * thread-safe, and the port list is changed by lookups.  Everything that
 * loads or unloads drivers (detection, gp_camera_init, gp_camera_exit,
 * freeing a camera) goes through these, under one process-wide lock. */

/* Detects the cameras plugged in now: @list gets (model, port) pairs.
 * Loads the abilities list the first time (once per process) and the port
 * list afresh, since it is a snapshot of the USB addresses present. */
int       resell_camera_gp_detect           (CameraList      *list,
                                             GPContext       *context);
/* Sets up @camera for @model at @port and opens it (gp_camera_init).
 * @abilities receives the model's abilities. */
int       resell_camera_gp_open             (Camera          *camera,
                                             const char      *model,
                                             const char      *port,
                                             CameraAbilities *abilities,
                                             GPContext       *context);
/* gp_camera_exit and gp_camera_unref; *camera is set to NULL. */
void      resell_camera_gp_close            (Camera         **camera,
                                             GPContext       *context);

/* For ResellCamera: gvfs (resell-camera-gvfs.c). */

/* Unmounts the gphoto2:// mount that holds the camera at @port (or every
 * gphoto2 mount when none names that port), then calls back.  Call it on
 * the global default main context only, from the thread that iterates it:
 * GVolumeMonitor must not be used anywhere else.  Never fails; finish
 * gives how many mounts were unmounted. */
void      resell_camera_gvfs_unmount_async  (const char          *port,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
guint     resell_camera_gvfs_unmount_finish (GAsyncResult        *result);

/* For ResellCameraMonitor. */

/* Moves a camera that is not connected to the port it was found on again. */
void      resell_camera_set_port            (ResellCamera    *self,
                                             const char      *port);
/* TRUE from connect until an explicit resell_camera_disconnect(): such a
 * camera is reconnected when it is found again. */
gboolean  resell_camera_get_wants_connection (ResellCamera   *self);
/* The camera is no longer plugged in: closes it like disconnect, but keeps
 * wanting the connection so that it comes back by itself. */
void      resell_camera_mark_gone           (ResellCamera    *self);

G_END_DECLS
