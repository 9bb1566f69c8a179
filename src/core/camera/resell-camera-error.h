/* resell-camera-error.h — what went wrong with a camera, in words a
 * photographer understands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RESELL_CAMERA_ERROR (resell_camera_error_quark ())
GQuark resell_camera_error_quark (void);

/* Every GError in this domain carries a complete, translated sentence that
 * says what happened and what to do ("The camera's card is full. Free some
 * space on it or put in another card."), never a bare libgphoto2 code and
 * never "(null)".  Cancellation is G_IO_ERROR_CANCELLED instead. */
typedef enum
{
  RESELL_CAMERA_ERROR_NOT_FOUND,       /* no camera, or this one is gone */
  RESELL_CAMERA_ERROR_DISCONNECTED,    /* unplugged or switched off while in use */
  RESELL_CAMERA_ERROR_BUSY,            /* another program holds the camera */
  RESELL_CAMERA_ERROR_CARD_FULL,       /* no room left on the camera's card */
  RESELL_CAMERA_ERROR_NO_CARD,         /* no card, or it cannot be written */
  RESELL_CAMERA_ERROR_NOT_SUPPORTED,   /* this camera cannot do that (e.g. live view) */
  RESELL_CAMERA_ERROR_BAD_VALUE,       /* a setting value the camera refuses */
  RESELL_CAMERA_ERROR_NOT_READY,       /* not connected (yet), or no destination set */
  RESELL_CAMERA_ERROR_SAVE_FAILED,     /* the downloaded photo could not be written here */
  RESELL_CAMERA_ERROR_FAILED,          /* anything else; the message says what */
} ResellCameraError;

G_END_DECLS
