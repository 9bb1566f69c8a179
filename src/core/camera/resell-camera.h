/* resell-camera.h — one camera, driven by its own owner thread
 *
 * Every libgphoto2 call for a camera happens on that camera's thread, one
 * command at a time, taken from a queue.  Between commands the thread
 * watches the camera's events (gp_camera_wait_for_event with a short
 * timeout, drained until it times out), so a photo taken with the camera's
 * own shutter is downloaded and reported without anyone asking.  Results
 * and signals are delivered on the main context of the thread that created
 * the camera.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "camera/resell-camera-error.h"
#include "camera/resell-camera-setting.h"
#include "camera/resell-camera-shot.h"

G_BEGIN_DECLS

typedef enum
{
  RESELL_CAMERA_STATE_DISCONNECTED,  /* not connected, or unplugged */
  RESELL_CAMERA_STATE_CONNECTING,
  RESELL_CAMERA_STATE_READY,
  RESELL_CAMERA_STATE_BUSY,          /* capturing, downloading, … */
} ResellCameraState;

#define RESELL_TYPE_CAMERA_STATE (resell_camera_state_get_type ())
GType resell_camera_state_get_type (void) G_GNUC_CONST;

#define RESELL_TYPE_CAMERA (resell_camera_get_type ())
G_DECLARE_FINAL_TYPE (ResellCamera, resell_camera, RESELL, CAMERA, GObject)

/* Properties (read-only unless said; notified on the creator's main context):
 *   "model"          string  as libgphoto2 detected it ("Nikon DSC D750")
 *   "port"           string  "usb:001,005"; changes when a re-plugged camera
 *                            is found again on another port
 *   "serial"         string  the camera's serial number once connected, else NULL
 *   "state"          ResellCameraState
 *   "has-live-view"  gboolean  the camera can stream preview frames
 *   "battery-level"  string  as the camera says it ("50%"), or NULL
 *   "free-bytes"     gint64  free space on the card, -1 when unknown
 *   "free-images"    gint    photos that still fit as the camera estimates, -1 when unknown
 *   "last-error"     string  the sentence of the last failure, or NULL
 *   "download-dir"   string  (read-write) where photos taken with the camera's
 *                            own shutter are saved; while NULL they are left
 *                            on the card and not reported
 *   "delete-from-card" gboolean (read-write, default FALSE) remove each photo
 *                            from the card once it is saved here, never before
 *
 * Signals:
 *   "shot-added" (ResellCameraShot *shot)
 *       a photo taken with the camera's own shutter was saved into
 *       download-dir (a RAW+JPEG pair arrives as one shot)
 *   "failed" (GError *error)
 *       the event watch hit an error nobody asked for (unplugged, card
 *       full, a download that failed); the camera stays usable if it can */

/* Normally made by ResellCameraMonitor.  Nothing touches the camera until
 * resell_camera_connect_async(). */
ResellCamera      *resell_camera_new                 (const char          *model,
                                                      const char          *port);

const char        *resell_camera_get_model           (ResellCamera        *self);
const char        *resell_camera_get_port            (ResellCamera        *self);
const char        *resell_camera_get_serial          (ResellCamera        *self);
ResellCameraState  resell_camera_get_state           (ResellCamera        *self);
gboolean           resell_camera_get_has_live_view   (ResellCamera        *self);
const char        *resell_camera_get_battery_level   (ResellCamera        *self);
gint64             resell_camera_get_free_bytes      (ResellCamera        *self);
int                resell_camera_get_free_images     (ResellCamera        *self);
const char        *resell_camera_get_last_error      (ResellCamera        *self);
const char        *resell_camera_get_download_dir    (ResellCamera        *self);
void               resell_camera_set_download_dir    (ResellCamera        *self,
                                                      const char          *dir);
gboolean           resell_camera_get_delete_from_card (ResellCamera       *self);
void               resell_camera_set_delete_from_card (ResellCamera       *self,
                                                      gboolean             delete_from_card);

/* Opens the camera (gp_camera_init), reads its serial, abilities, battery
 * and card space, and starts watching its events.  If another program holds
 * the USB device (GNOME's file manager mounts cameras through gvfs), that
 * gphoto2:// mount is unmounted through GIO and the open retried once. */
void               resell_camera_connect_async       (ResellCamera        *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean           resell_camera_connect_finish      (ResellCamera        *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);
/* Closes the camera (pending commands fail with NOT_READY) and stops its
 * thread's event watch.  Safe to call in any state. */
void               resell_camera_disconnect          (ResellCamera        *self);

/* Takes a photo and saves it into @dest_dir: streamed to a file descriptor
 * under a temporary name, fsync, rename (never over an existing file, the
 * camera's file name kept where free), and only then removed from the card
 * when "delete-from-card" is set.  Cancelling stops the download and leaves
 * no partial file. */
void               resell_camera_capture_async       (ResellCamera        *self,
                                                      const char          *dest_dir,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
ResellCameraShot  *resell_camera_capture_finish      (ResellCamera        *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/* Downloads a file already on the card (e.g. one the event watch reported
 * while no download-dir was set) the same safe way. */
void               resell_camera_download_async      (ResellCamera        *self,
                                                      const char          *camera_folder,
                                                      const char          *camera_name,
                                                      const char          *dest_dir,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
ResellCameraShot  *resell_camera_download_finish     (ResellCamera        *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/* One live-view frame (JPEG bytes, as the camera sends them).  Fails with
 * RESELL_CAMERA_ERROR_NOT_SUPPORTED on cameras without live view.  Callers
 * keep one frame in flight: ask for the next when this one is back. */
void               resell_camera_preview_async       (ResellCamera        *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
GBytes            *resell_camera_preview_finish      (ResellCamera        *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/* The settings a photographer needs, those of iso, aperture,
 * shutter-speed, white-balance and image-format that this camera exposes,
 * read fresh from the camera.  GPtrArray of ResellCameraSetting. */
void               resell_camera_list_settings_async (ResellCamera        *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
GPtrArray         *resell_camera_list_settings_finish (ResellCamera       *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);
/* Any setting by its config name ("f-number", "opcode", …), one value. */
void               resell_camera_get_setting_async   (ResellCamera        *self,
                                                      const char          *name,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
ResellCameraSetting *resell_camera_get_setting_finish (ResellCamera       *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);
/* Writes one value (gp_camera_set_single_config); fails with BAD_VALUE for
 * a value the setting does not offer or the camera refuses. */
void               resell_camera_set_setting_async   (ResellCamera        *self,
                                                      const char          *name,
                                                      const char          *value,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean           resell_camera_set_setting_finish  (ResellCamera        *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

G_END_DECLS
