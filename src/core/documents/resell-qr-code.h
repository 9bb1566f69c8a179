/* resell-qr-code.h — SKU QR codes drawn as vector squares with cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* The quiet zone the QR specification asks for around the code, in modules. */
#define RESELL_QR_QUIET_ZONE 4

/* Draws @text as a QR code (error correction level M, so a scuffed label
 * still reads) filling the square at (@x, @y) of side @size in user units,
 * quiet zone included: a white square with the dark modules as filled
 * rectangles, so the code stays crisp at any size and in a PDF.  Returns
 * FALSE with @error when the text cannot be encoded (too long, out of
 * memory). */
gboolean resell_qr_code_draw      (cairo_t     *cr,
                                   const char  *text,
                                   double       x,
                                   double       y,
                                   double       size,
                                   GError     **error);

/* @text as a QR code in an inline SVG element (no namespace URL, nothing
 * to load: for HTML pages that must work offline), @size CSS pixels wide,
 * quiet zone included.  NULL with @error as for resell_qr_code_draw(). */
char    *resell_qr_code_dup_svg   (const char  *text,
                                   int          size,
                                   GError     **error);

/* The number of modules across the code for @text, quiet zone included, or
 * 0 when it cannot be encoded. */
int      resell_qr_code_get_width (const char  *text);

G_END_DECLS
