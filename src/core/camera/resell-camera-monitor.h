/* resell-camera-monitor.h — which cameras are plugged in
 *
 * Loads libgphoto2's camera abilities and port lists once, detects cameras
 * on a worker thread (never the main loop), and detects again when a USB
 * device comes or goes (udev, through GUdev where built with it).  Cameras
 * are identified by serial number: a camera that is unplugged and plugged
 * back in — even on another port — is the same ResellCamera object again,
 * and is reconnected by itself if it was connected before.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "camera/resell-camera.h"

G_BEGIN_DECLS

#define RESELL_TYPE_CAMERA_MONITOR (resell_camera_monitor_get_type ())
G_DECLARE_FINAL_TYPE (ResellCameraMonitor, resell_camera_monitor, RESELL, CAMERA_MONITOR, GObject)

/* A GListModel of ResellCamera: every camera seen since start, the ones
 * unplugged kept (state DISCONNECTED) so they can come back.
 * Properties: "scanning" (gboolean), "n-connected" (guint, cameras in state
 * READY or BUSY).  Signal "scanned" after each detection pass. */
ResellCameraMonitor *resell_camera_monitor_new           (void);
/* Detects now (on a worker).  Also done at construction and on USB hotplug. */
void                 resell_camera_monitor_rescan        (ResellCameraMonitor *self);
gboolean             resell_camera_monitor_get_scanning  (ResellCameraMonitor *self);
guint                resell_camera_monitor_get_n_connected (ResellCameraMonitor *self);
/* The first connected camera, else the first detected one, else NULL. */
ResellCamera        *resell_camera_monitor_get_default   (ResellCameraMonitor *self);

G_END_DECLS
