/* resell-documents-private.h — shared by the documents module's files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>
#include <pango/pangocairo.h>

G_BEGIN_DECLS

#define RESELL_MM_TO_PT(mm) ((mm) * 72.0 / 25.4)

/* A PDF surface whose bytes go to @sink (so the file is written in one
 * atomic step afterwards, and a failed document leaves no half file). */
cairo_surface_t *resell_documents_pdf_surface_new (double      width_pt,
                                                   double      height_pt,
                                                   GByteArray *sink);
/* Finishes @surface and writes @sink to @path atomically; FALSE with a
 * translated @error naming the file when cairo or the disk failed. */
gboolean         resell_documents_pdf_save        (cairo_surface_t *surface,
                                                   GByteArray      *sink,
                                                   const char      *path,
                                                   GError         **error);
/* A layout of @text in @family at @size user units (absolute, so the same
 * in a PDF's points and a print context's units), @width wide, at most
 * @max_lines lines (0: no limit), ellipsized at the end. */
PangoLayout     *resell_documents_layout_new      (cairo_t    *cr,
                                                   const char *text,
                                                   const char *family,
                                                   PangoWeight weight,
                                                   double      size,
                                                   double      width,
                                                   int         max_lines);

G_END_DECLS
