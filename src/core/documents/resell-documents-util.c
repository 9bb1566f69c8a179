/* resell-documents-util.c — PDF output and text layout shared by labels
 * and condition reports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-documents"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>

#include "documents/resell-documents-private.h"

static cairo_status_t
append_to_sink (void                *closure,
                const unsigned char *data,
                unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

cairo_surface_t *
resell_documents_pdf_surface_new (double      width_pt,
                                  double      height_pt,
                                  GByteArray *sink)
{
  cairo_surface_t *surface;

  surface = cairo_pdf_surface_create_for_stream (append_to_sink, sink, width_pt, height_pt);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Resell " PACKAGE_VERSION);
  return surface;
}

gboolean
resell_documents_pdf_save (cairo_surface_t *surface,
                           GByteArray      *sink,
                           const char      *path,
                           GError         **error)
{
  cairo_status_t status;

  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *name = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not make the PDF “%s”: %s"),
                   name, cairo_status_to_string (status));
      return FALSE;
    }

  return g_file_set_contents_full (path, (const char *) sink->data, sink->len,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0644, error);
}

PangoLayout *
resell_documents_layout_new (cairo_t    *cr,
                             const char *text,
                             const char *family,
                             PangoWeight weight,
                             double      size,
                             double      width,
                             int         max_lines)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_new ();

  pango_font_description_set_family (desc, family);
  pango_font_description_set_weight (desc, weight);
  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);

  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (max_lines > 0)
    {
      /* A negative height is a number of lines. */
      pango_layout_set_height (layout, -max_lines);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  return layout;
}
