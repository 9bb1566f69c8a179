/* resell-condition-report-pdf.c — the condition report as an A4 PDF (cairo)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-documents"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <vips/vips.h>

#include "documents/resell-condition-report-private.h"
#include "documents/resell-documents-private.h"
#include "documents/resell-qr-code.h"
#include "imaging/resell-image-probe-private.h"

#define PAGE_W 595.28
#define PAGE_H 841.89
#define MARGIN 42.0
#define CONTENT_W (PAGE_W - 2 * MARGIN)
#define GAP 10.0
#define QR_SIDE 84.0
#define PHOTO_COLUMNS 3
#define CLOSEUP_SIDE 110.0

typedef struct
{
  cairo_t *cr;
  double y;
} Page;

/* A cairo surface of a JPEG listing render.  The JPEG's own bytes are
 * attached, so the PDF embeds them as they are (small, and already
 * stripped of private metadata) instead of a re-encoding of the pixels. */
static cairo_surface_t *
surface_from_jpeg (GBytes *jpeg)
{
  g_autoptr(VipsImage) image = NULL;
  g_autoptr(VipsImage) srgb = NULL;
  g_autoptr(VipsImage) rgb = NULL;
  g_autoptr(VipsImage) bytes = NULL;
  cairo_surface_t *surface;
  guint8 *pixels, *dest;
  size_t size;
  int width, height, stride;

  image = vips_image_new_from_buffer (g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg), "", NULL);
  if (image == NULL ||
      vips_colourspace (image, &srgb, VIPS_INTERPRETATION_sRGB, NULL) != 0 ||
      vips_extract_band (srgb, &rgb, 0, "n", 3, NULL) != 0 ||
      vips_cast_uchar (rgb, &bytes, NULL) != 0)
    {
      vips_error_clear ();
      return NULL;
    }

  pixels = vips_image_write_to_memory (bytes, &size);
  if (pixels == NULL)
    {
      vips_error_clear ();
      return NULL;
    }

  width = vips_image_get_width (bytes);
  height = vips_image_get_height (bytes);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  stride = cairo_image_surface_get_stride (surface);
  dest = cairo_image_surface_get_data (surface);
  cairo_surface_flush (surface);
  for (int row = 0; row < height; row++)
    {
      guint32 *out = (guint32 *) (gpointer) (dest + (gsize) row * stride);
      const guint8 *in = pixels + (gsize) row * width * 3;

      for (int col = 0; col < width; col++)
        out[col] = 0xff000000u | ((guint32) in[3 * col] << 16) | ((guint32) in[3 * col + 1] << 8) | in[3 * col + 2];
    }
  cairo_surface_mark_dirty (surface);
  g_free (pixels);

  cairo_surface_set_mime_data (surface, CAIRO_MIME_TYPE_JPEG,
                               g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg),
                               (cairo_destroy_func_t) g_bytes_unref, g_bytes_ref (jpeg));
  return surface;
}

static void
new_page_if_needed (Page   *page,
                    double  needed)
{
  if (page->y + needed <= PAGE_H - MARGIN || page->y <= MARGIN)
    return;
  cairo_show_page (page->cr);
  page->y = MARGIN;
}

/* Shows @text at the cursor, wrapped to @width, and moves the cursor down. */
static void
show_text (Page        *page,
           double       x,
           double       width,
           const char  *text,
           PangoWeight  weight,
           double       size)
{
  g_autoptr(PangoLayout) layout = NULL;
  int height;

  layout = resell_documents_layout_new (page->cr, text, "Sans", weight, size, width, 0);
  pango_layout_get_size (layout, NULL, &height);
  new_page_if_needed (page, (double) height / PANGO_SCALE);
  cairo_set_source_rgb (page->cr, 0, 0, 0);
  cairo_move_to (page->cr, x, page->y);
  pango_cairo_show_layout (page->cr, layout);
  page->y += (double) height / PANGO_SCALE;
}

static void
show_heading (Page       *page,
              const char *text)
{
  page->y += GAP * 1.5;
  /* A heading is never the last line of a page. */
  new_page_if_needed (page, 60);
  show_text (page, MARGIN, CONTENT_W, text, PANGO_WEIGHT_BOLD, 13);
  page->y += GAP / 2;
}

/* Draws @surface fitted into the box (x, y, w, h), keeping its aspect;
 * returns the drawn rectangle through @out_*. */
static void
draw_picture (cairo_t         *cr,
              cairo_surface_t *surface,
              double           x,
              double           y,
              double           w,
              double           h,
              double          *out_x,
              double          *out_y,
              double          *out_w,
              double          *out_h)
{
  double sw = cairo_image_surface_get_width (surface);
  double sh = cairo_image_surface_get_height (surface);
  double scale = MIN (w / sw, h / sh);
  double dw = sw * scale, dh = sh * scale;
  double dx = x + (w - dw) / 2, dy = y;

  cairo_save (cr);
  cairo_translate (cr, dx, dy);
  cairo_scale (cr, scale, scale);
  cairo_set_source_surface (cr, surface, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_paint (cr);
  cairo_restore (cr);

  if (out_x) *out_x = dx;
  if (out_y) *out_y = dy;
  if (out_w) *out_w = dw;
  if (out_h) *out_h = dh;
}

static void
draw_header (ResellConditionReport  *self,
             Page                   *page,
             GError                **error_unused)
{
  ResellItem *item = resell_condition_report_get_item (self);
  g_autofree char *title = resell_item_dup_display_title (item);
  double top = page->y;

  /* The QR code says which item this is to anyone with a phone, and to
   * the studio's scanner. */
  resell_qr_code_draw (page->cr, resell_item_get_sku (item), PAGE_W - MARGIN - QR_SIDE, top, QR_SIDE, NULL);

  show_text (page, MARGIN, CONTENT_W - QR_SIDE - GAP, _("Condition report"), PANGO_WEIGHT_BOLD, 20);
  page->y += 4;
  show_text (page, MARGIN, CONTENT_W - QR_SIDE - GAP, title, PANGO_WEIGHT_NORMAL, 14);
  page->y += 2;
  show_text (page, MARGIN, CONTENT_W - QR_SIDE - GAP, resell_item_get_sku (item), PANGO_WEIGHT_NORMAL, 10);
  page->y = MAX (page->y, top + QR_SIDE);
}

static void
draw_fields (ResellConditionReport *self,
             Page                  *page)
{
  g_auto(GStrv) fields = resell_condition_report_dup_fields (self);

  page->y += GAP;
  for (guint i = 0; fields[i] != NULL && fields[i + 1] != NULL; i += 2)
    {
      double row_y = page->y;
      double after_value;

      show_text (page, MARGIN + 90, CONTENT_W - 90, fields[i + 1], PANGO_WEIGHT_NORMAL, 10);
      after_value = page->y;
      /* The value may have started a new page. */
      page->y = after_value < row_y ? MARGIN : row_y;
      show_text (page, MARGIN, 85, fields[i], PANGO_WEIGHT_BOLD, 10);
      page->y = MAX (page->y, after_value) + 2;
    }
}

static void
draw_grade (ResellConditionReport *self,
            Page                  *page)
{
  const char *grade = resell_condition_report_get_grade (self);
  const char * const *reasons = resell_condition_report_get_reasons (self);
  const char *text = resell_condition_report_get_condition_text (self);
  const char *price = resell_condition_report_get_price_line (self);

  show_heading (page, _("Grade"));
  show_text (page, MARGIN, CONTENT_W, grade != NULL ? grade : _("Not graded yet"),
             PANGO_WEIGHT_BOLD, 12);
  for (guint i = 0; reasons != NULL && reasons[i] != NULL; i++)
    {
      g_autofree char *line = g_strdup_printf ("• %s", reasons[i]);

      page->y += 2;
      show_text (page, MARGIN + 8, CONTENT_W - 8, line, PANGO_WEIGHT_NORMAL, 10);
    }

  if (text != NULL)
    {
      show_heading (page, _("Condition"));
      show_text (page, MARGIN, CONTENT_W, text, PANGO_WEIGHT_NORMAL, 10);
    }
  if (price != NULL)
    {
      show_heading (page, _("Price"));
      show_text (page, MARGIN, CONTENT_W, price, PANGO_WEIGHT_NORMAL, 10);
    }
}

static char *
dup_provenance (ResellReportPhoto *rp)
{
  const char *camera = resell_photo_get_camera_model (rp->photo);
  GString *line = g_string_new (NULL);

  /* TRANSLATORS: a photo's number in the report */
  g_string_append_printf (line, _("Photo %u"), rp->number);
  if (rp->captured != NULL)
    g_string_append_printf (line, "\n%s", rp->captured);
  if (camera != NULL && *camera != '\0')
    g_string_append_printf (line, "\n%s", camera);
  return g_string_free (line, FALSE);
}

static void
draw_photos (ResellConditionReport *self,
             ResellReportRenders   *renders,
             Page                  *page)
{
  double cell = (CONTENT_W - (PHOTO_COLUMNS - 1) * GAP) / PHOTO_COLUMNS;
  double row_bottom = page->y;

  show_heading (page, _("Photos"));
  if (renders->photos->len == 0)
    {
      show_text (page, MARGIN, CONTENT_W, _("No photos yet."), PANGO_WEIGHT_NORMAL, 10);
      return;
    }

  for (guint i = 0; i < renders->photos->len; i++)
    {
      ResellReportPhoto *rp = g_ptr_array_index (renders->photos, i);
      guint column = i % PHOTO_COLUMNS;
      double x = MARGIN + column * (cell + GAP);
      double row_top;
      double drawn_h = cell / 2;
      g_autofree char *caption = dup_provenance (rp);

      if (column == 0)
        {
          page->y = MAX (page->y, row_bottom);
          new_page_if_needed (page, cell + 40);
          row_bottom = page->y;
        }
      row_top = page->y;

      if (rp->listing != NULL)
        {
          cairo_surface_t *surface = surface_from_jpeg (rp->listing);

          if (surface != NULL)
            {
              draw_picture (page->cr, surface, x, row_top, cell, cell, NULL, NULL, NULL, &drawn_h);
              cairo_surface_destroy (surface);
            }
        }
      else
        {
          g_autofree char *name = g_path_get_basename (resell_photo_get_path (rp->photo));
          g_autofree char *missing = g_strdup_printf (_("“%s” could not be read."), name);

          show_text (page, x, cell, missing, PANGO_WEIGHT_NORMAL, 9);
        }

      page->y = row_top + drawn_h + 3;
      show_text (page, x, cell, caption, PANGO_WEIGHT_NORMAL, 8);
      row_bottom = MAX (row_bottom, page->y + GAP);
      page->y = row_top;
    }
  page->y = row_bottom;
}

static void
trace_flaw (cairo_t                *cr,
            const ResellReportFlaw *flaw,
            double                  x,
            double                  y,
            double                  w,
            double                  h)
{
  switch (flaw->shape)
    {
    case RESELL_REPORT_SHAPE_RECT:
      cairo_rectangle (cr, x + flaw->x * w, y + flaw->y * h, flaw->w * w, flaw->h * h);
      break;
    case RESELL_REPORT_SHAPE_ELLIPSE:
      cairo_save (cr);
      cairo_translate (cr, x + (flaw->x + flaw->w / 2) * w, y + (flaw->y + flaw->h / 2) * h);
      cairo_scale (cr, MAX (flaw->w * w / 2, 0.5), MAX (flaw->h * h / 2, 0.5));
      cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
      cairo_restore (cr);
      break;
    case RESELL_REPORT_SHAPE_POINT:
    default:
      cairo_new_sub_path (cr);
      cairo_arc (cr, x + flaw->x * w, y + flaw->y * h, 6, 0, 2 * G_PI);
      break;
    }
}

static void
draw_flaw_number (cairo_t *cr,
                  guint    number,
                  double   cx,
                  double   cy)
{
  g_autofree char *text = g_strdup_printf ("%u", number);
  g_autoptr(PangoLayout) layout = resell_documents_layout_new (cr, text, "Sans", PANGO_WEIGHT_BOLD, 8, 20, 1);
  int lw, lh;

  cairo_set_source_rgb (cr, 0.85, 0.1, 0.1);
  cairo_arc (cr, cx, cy, 7, 0, 2 * G_PI);
  cairo_fill (cr);
  pango_layout_get_pixel_size (layout, &lw, &lh);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_move_to (cr, cx - lw / 2.0, cy - lh / 2.0);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_flaws (ResellConditionReport *self,
            ResellReportRenders   *renders,
            Page                  *page)
{
  guint n_flaws = resell_condition_report_get_n_flaws (self);

  show_heading (page, _("Flaws"));
  if (n_flaws == 0)
    {
      show_text (page, MARGIN, CONTENT_W, _("No flaws recorded."), PANGO_WEIGHT_NORMAL, 10);
      return;
    }

  for (guint p = 0; p < renders->photos->len; p++)
    {
      ResellReportPhoto *rp = g_ptr_array_index (renders->photos, p);
      cairo_surface_t *surface;
      double ix, iy, iw, ih;
      g_autofree char *caption = NULL;

      if (rp->whole == NULL)
        continue;
      surface = surface_from_jpeg (rp->whole);
      if (surface == NULL)
        continue;

      new_page_if_needed (page, CONTENT_W * 0.6 + 30);
      caption = g_strdup_printf (_("Photo %u"), rp->number);
      show_text (page, MARGIN, CONTENT_W, caption, PANGO_WEIGHT_BOLD, 10);
      page->y += 3;
      draw_picture (page->cr, surface, MARGIN, page->y, CONTENT_W * 0.6, CONTENT_W * 0.6,
                    &ix, &iy, &iw, &ih);
      cairo_surface_destroy (surface);

      for (guint f = 0; f < n_flaws; f++)
        {
          const ResellReportFlaw *flaw = resell_condition_report_get_flaw (self, f);

          if (flaw->photo_number != rp->number)
            continue;
          cairo_set_source_rgb (page->cr, 0.85, 0.1, 0.1);
          cairo_set_line_width (page->cr, 2);
          trace_flaw (page->cr, flaw, ix, iy, iw, ih);
          cairo_stroke (page->cr);
          draw_flaw_number (page->cr, f + 1,
                            ix + flaw->x * iw,
                            iy + flaw->y * ih);
        }
      page->y = iy + ih + GAP;

      for (guint f = 0; f < n_flaws; f++)
        {
          const ResellReportFlaw *flaw = resell_condition_report_get_flaw (self, f);
          GBytes *closeup = g_ptr_array_index (renders->closeups, f);
          g_autofree char *summary = NULL;
          g_autofree char *line = NULL;
          double top, text_x = MARGIN;

          if (flaw->photo_number != rp->number)
            continue;

          new_page_if_needed (page, CLOSEUP_SIDE + GAP);
          top = page->y;
          if (closeup != NULL)
            {
              cairo_surface_t *closeup_surface = surface_from_jpeg (closeup);

              if (closeup_surface != NULL)
                {
                  draw_picture (page->cr, closeup_surface, MARGIN, top, CLOSEUP_SIDE, CLOSEUP_SIDE,
                                NULL, NULL, NULL, NULL);
                  cairo_surface_destroy (closeup_surface);
                  text_x = MARGIN + CLOSEUP_SIDE + GAP;
                }
            }

          summary = resell_report_flaw_dup_summary (flaw);
          line = g_strdup_printf ("%u. %s", f + 1, summary);
          show_text (page, text_x, MARGIN + CONTENT_W - text_x, line, PANGO_WEIGHT_BOLD, 10);
          if (flaw->note != NULL && *flaw->note != '\0')
            show_text (page, text_x, MARGIN + CONTENT_W - text_x, flaw->note, PANGO_WEIGHT_NORMAL, 10);
          page->y = MAX (page->y, text_x > MARGIN ? top + CLOSEUP_SIDE : page->y) + GAP;
        }
    }

  /* Flaws on photos that could not be rendered are still listed. */
  for (guint f = 0; f < n_flaws; f++)
    {
      const ResellReportFlaw *flaw = resell_condition_report_get_flaw (self, f);
      ResellReportPhoto *rp = NULL;
      g_autofree char *summary = NULL;
      g_autofree char *line = NULL;

      if (flaw->photo_number >= 1 && flaw->photo_number <= renders->photos->len)
        rp = g_ptr_array_index (renders->photos, flaw->photo_number - 1);
      if (rp != NULL && rp->whole != NULL)
        continue;
      summary = resell_report_flaw_dup_summary (flaw);
      line = g_strdup_printf ("%u. %s", f + 1, summary);
      show_text (page, MARGIN, CONTENT_W, line, PANGO_WEIGHT_BOLD, 10);
      if (flaw->note != NULL && *flaw->note != '\0')
        show_text (page, MARGIN, CONTENT_W, flaw->note, PANGO_WEIGHT_NORMAL, 10);
      page->y += GAP;
    }
}

gboolean
resell_condition_report_write_pdf (ResellConditionReport  *self,
                                   ResellReportRenders    *renders,
                                   const char             *path,
                                   GError                **error)
{
  g_autoptr(GByteArray) sink = g_byte_array_new ();
  ResellItem *item = resell_condition_report_get_item (self);
  g_autofree char *title = NULL;
  cairo_surface_t *surface;
  Page page = { NULL, MARGIN };
  gboolean ok;

  surface = resell_documents_pdf_surface_new (PAGE_W, PAGE_H, sink);
  title = g_strdup_printf (_("Condition report %s"), resell_item_get_sku (item));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  page.cr = cairo_create (surface);

  draw_header (self, &page, NULL);
  draw_fields (self, &page);
  draw_grade (self, &page);
  draw_photos (self, renders, &page);
  draw_flaws (self, renders, &page);
  cairo_show_page (page.cr);
  cairo_destroy (page.cr);

  ok = resell_documents_pdf_save (surface, sink, path, error);
  cairo_surface_destroy (surface);
  return ok;
}
