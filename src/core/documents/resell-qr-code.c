/* resell-qr-code.c — SKU QR codes drawn as vector squares with cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-documents"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <qrencode.h>

#include "documents/resell-qr-code.h"

static QRcode *
encode (const char  *text,
        GError     **error)
{
  QRcode *code;

  g_return_val_if_fail (text != NULL && *text != '\0', NULL);

  /* Version 0: the smallest symbol that holds the text.  8-bit mode, case
   * kept, so what is scanned is exactly the SKU. */
  code = QRcode_encodeString (text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (code == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not make a QR code of “%s”: %s"),
                   text, g_strerror (saved_errno));
    }
  return code;
}

int
resell_qr_code_get_width (const char *text)
{
  QRcode *code = encode (text, NULL);
  int width;

  if (code == NULL)
    return 0;
  width = code->width + 2 * RESELL_QR_QUIET_ZONE;
  QRcode_free (code);
  return width;
}

gboolean
resell_qr_code_draw (cairo_t     *cr,
                     const char  *text,
                     double       x,
                     double       y,
                     double       size,
                     GError     **error)
{
  QRcode *code;
  double module;
  int n;

  g_return_val_if_fail (cr != NULL, FALSE);
  g_return_val_if_fail (size > 0, FALSE);

  code = encode (text, error);
  if (code == NULL)
    return FALSE;

  n = code->width;
  module = size / (n + 2 * RESELL_QR_QUIET_ZONE);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, y, size, size);
  cairo_fill (cr);

  /* One rectangle per run of dark modules in a row: fewer path elements
   * than one per module, and no hairline seams between neighbours in
   * viewers that anti-alias each rectangle's edges. */
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  for (int row = 0; row < n; row++)
    {
      const unsigned char *data = code->data + row * n;
      int col = 0;

      while (col < n)
        {
          int start;

          /* Bit 0 of each byte is the module's colour (1 = dark). */
          if ((data[col] & 1) == 0)
            {
              col++;
              continue;
            }
          start = col;
          while (col < n && (data[col] & 1) != 0)
            col++;
          cairo_rectangle (cr,
                           x + (RESELL_QR_QUIET_ZONE + start) * module,
                           y + (RESELL_QR_QUIET_ZONE + row) * module,
                           (col - start) * module,
                           module);
        }
    }
  cairo_fill (cr);
  cairo_restore (cr);

  QRcode_free (code);
  return TRUE;
}

char *
resell_qr_code_dup_svg (const char  *text,
                        int          size,
                        GError     **error)
{
  QRcode *code;
  GString *svg;
  int n, total;

  code = encode (text, error);
  if (code == NULL)
    return NULL;

  n = code->width;
  total = n + 2 * RESELL_QR_QUIET_ZONE;
  svg = g_string_new (NULL);
  /* One unit per module; crispEdges keeps the modules' edges sharp. */
  g_string_append_printf (svg,
                          "<svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                          "shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"",
                          size, size, total, total);
  {
    g_autofree char *label = g_markup_printf_escaped (_("QR code of %s"), text);

    g_string_append (svg, label);
  }
  g_string_append_printf (svg, "\"><rect width=\"%d\" height=\"%d\" fill=\"#fff\"/><path fill=\"#000\" d=\"",
                          total, total);
  for (int row = 0; row < n; row++)
    {
      const unsigned char *data = code->data + row * n;

      for (int col = 0; col < n; col++)
        {
          if ((data[col] & 1) != 0)
            g_string_append_printf (svg, "M%d %dh1v1h-1z",
                                    RESELL_QR_QUIET_ZONE + col, RESELL_QR_QUIET_ZONE + row);
        }
    }
  g_string_append (svg, "\"/></svg>");

  QRcode_free (code);
  return g_string_free (svg, FALSE);
}
