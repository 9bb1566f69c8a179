/* resell-camera-error.c — libgphoto2 results as sentences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-camera-error"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <gio/gio.h>

#include "camera/resell-camera-private.h"

G_DEFINE_QUARK (resell-camera-error-quark, resell_camera_error)

gboolean
resell_camera_gp_result_is_gone (int gp_result)
{
  switch (gp_result)
    {
    case GP_ERROR_IO:
    case GP_ERROR_IO_READ:
    case GP_ERROR_IO_WRITE:
    case GP_ERROR_IO_UPDATE:
    case GP_ERROR_IO_INIT:
    case GP_ERROR_IO_USB_FIND:
    case GP_ERROR_MODEL_NOT_FOUND:
    case GP_ERROR_TIMEOUT:
      return TRUE;

    default:
      return FALSE;
    }
}

/* The driver's own words are often the most precise thing we have ("Sorry,
 * your Nikon camera does not support LiveView mode"), but they are English
 * and terse, so they only ever follow our sentence, never replace it. */
static void
set_sentence (GError           **error,
              GQuark             domain,
              int                code,
              const char        *sentence,
              const char        *camera_message)
{
  g_autofree char *said = NULL;

  if (camera_message != NULL)
    {
      gsize len;

      said = g_strstrip (g_strdup (camera_message));
      len = strlen (said);

      /* Our sentence closes the quote with its own full stop. */
      while (len > 0 && (said[len - 1] == '.' || said[len - 1] == '\n'))
        said[--len] = '\0';
    }

  if (said != NULL && said[0] != '\0')
    {
      /* Translators: the first %s is a full sentence, the second what the
       * camera itself reported, in its own (often English) words. */
      g_set_error (error, domain, code, _("%s The camera said: “%s”."), sentence, said);
    }
  else
    g_set_error_literal (error, domain, code, sentence);
}

void
resell_camera_set_gp_error (GError         **error,
                            int              gp_result,
                            ResellCameraOp   op,
                            const char      *camera_message)
{
  GQuark domain = RESELL_CAMERA_ERROR;
  const char *sentence;
  int code;

  g_return_if_fail (gp_result < 0);

  switch (gp_result)
    {
    case GP_ERROR_CANCEL:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _("The camera operation was cancelled."));
      return;

    case GP_ERROR_IO_USB_CLAIM:
    case GP_ERROR_IO_LOCK:
      code = RESELL_CAMERA_ERROR_BUSY;
      sentence = _("Another program is using the camera. Close the program that has it open "
                   "(for example Files or Shotwell), then connect again.");
      break;

    case GP_ERROR_CAMERA_BUSY:
      code = RESELL_CAMERA_ERROR_BUSY;
      sentence = _("The camera is busy. Wait a moment and try again.");
      break;

    case GP_ERROR_NO_SPACE:
      /* A download has no room on the computer's disk: the photo is still
       * on the card. */
      if (op == RESELL_CAMERA_OP_DOWNLOAD)
        {
          code = RESELL_CAMERA_ERROR_SAVE_FAILED;
          sentence = _("There is no space left on this computer for the photo. It is still on "
                       "the camera’s card: free some space, then download it again.");
        }
      else
        {
          code = RESELL_CAMERA_ERROR_CARD_FULL;
          sentence = _("The camera’s card is full. Free some space on it or put in another card, "
                       "then take the photo again.");
        }
      break;

    case GP_ERROR_NO_MEMORY:
      /* ptp2 answers a store-full event during capture with this code
       * ("Camera memorycard ran full during capture"); the computer running
       * out of memory would have aborted long before. */
      if (op == RESELL_CAMERA_OP_CAPTURE)
        {
          code = RESELL_CAMERA_ERROR_CARD_FULL;
          sentence = _("The camera’s card is full. Free some space on it or put in another card, "
                       "then take the photo again.");
        }
      else
        {
          code = RESELL_CAMERA_ERROR_FAILED;
          sentence = _("The camera ran out of memory. Switch it off and on, then try again.");
        }
      break;

    case GP_ERROR_NOT_SUPPORTED:
      code = RESELL_CAMERA_ERROR_NOT_SUPPORTED;
      if (op == RESELL_CAMERA_OP_PREVIEW)
        sentence = _("This camera has no live view.");
      else if (op == RESELL_CAMERA_OP_CAPTURE)
        sentence = _("This camera cannot take photos when asked by the computer. "
                     "Use the camera’s own shutter button instead.");
      else
        sentence = _("This camera cannot do that.");
      break;

    case GP_ERROR_BAD_PARAMETERS:
      code = RESELL_CAMERA_ERROR_BAD_VALUE;
      sentence = _("The camera refused this value. Choose another one.");
      break;

    case GP_ERROR_FILE_NOT_FOUND:
    case GP_ERROR_DIRECTORY_NOT_FOUND:
      code = RESELL_CAMERA_ERROR_FAILED;
      sentence = _("The photo is no longer on the camera’s card. Take it again.");
      break;

    case GP_ERROR_PATH_NOT_ABSOLUTE:
    case GP_ERROR_FILE_EXISTS:
    case GP_ERROR_DIRECTORY_EXISTS:
      code = RESELL_CAMERA_ERROR_NO_CARD;
      sentence = _("The camera could not write to its card. Check that a card is in the camera "
                   "and that it is not locked.");
      break;

    default:
      if (resell_camera_gp_result_is_gone (gp_result))
        {
          if (op == RESELL_CAMERA_OP_CONNECT || op == RESELL_CAMERA_OP_DETECT)
            {
              code = RESELL_CAMERA_ERROR_NOT_FOUND;
              sentence = _("The camera could not be found. Check that it is plugged in and "
                           "switched on, then try again.");
            }
          else
            {
              code = RESELL_CAMERA_ERROR_DISCONNECTED;
              sentence = _("The camera stopped answering. Check that it is still plugged in and "
                           "switched on; it reconnects by itself when it is back.");
            }
        }
      else
        {
          g_autofree char *what = NULL;

          code = RESELL_CAMERA_ERROR_FAILED;
          /* Translators: %s is libgphoto2's short name for the problem. */
          what = g_strdup_printf (_("The camera reported a problem (%s). Try again; if it keeps "
                                    "happening, switch the camera off and on."),
                                  gp_result_as_string (gp_result));
          set_sentence (error, domain, code, what, camera_message);
          return;
        }
      break;
    }

  set_sentence (error, domain, code, sentence, camera_message);
}
