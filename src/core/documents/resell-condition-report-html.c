/* resell-condition-report-html.c — the condition report as one
 * self-contained HTML page
 *
 * Everything is inline: the CSS, the pictures as base64 data: URIs, the QR
 * code and the flaw shapes as SVG elements.  Nothing is fetched when the
 * page is opened, so it works offline, attached to an e-mail, and tells no
 * server who read it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-documents"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "documents/resell-condition-report-private.h"
#include "documents/resell-qr-code.h"

static const char style[] =
  "body{font-family:sans-serif;margin:2em auto;max-width:60em;padding:0 1em;color:#222}"
  "header{display:flex;justify-content:space-between;align-items:flex-start;gap:1em}"
  "h1{margin:0 0 .2em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:1.6em}"
  "dl.fields{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em}"
  "dl.fields dt{font-weight:bold}dl.fields dd{margin:0}"
  ".grade{font-size:1.3em;font-weight:bold}"
  ".photos{display:grid;grid-template-columns:repeat(auto-fill,minmax(14em,1fr));gap:1em}"
  "figure{margin:0}figure img{width:100%;height:auto;display:block}"
  "figcaption{font-size:.85em;color:#555;margin-top:.3em}"
  ".map{position:relative;display:inline-block;max-width:100%}"
  ".map img{display:block;max-width:100%;height:auto}"
  ".map svg{position:absolute;left:0;top:0;width:100%;height:100%}"
  ".flaw{display:flex;gap:1em;align-items:flex-start;margin:1em 0}"
  ".flaw img{width:12em;height:auto}"
  ".sku{font-family:monospace}";

static void
append_escaped (GString    *html,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  g_string_append (html, escaped);
}

/* Text with its line breaks kept. */
static void
append_paragraphs (GString    *html,
                   const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (*g_strstrip (lines[i]) == '\0')
        continue;
      g_string_append (html, "<p>");
      append_escaped (html, lines[i]);
      g_string_append (html, "</p>\n");
    }
}

static void
append_img (GString    *html,
            GBytes     *jpeg,
            int         width,
            int         height,
            const char *alt)
{
  g_autofree char *base64 = g_base64_encode (g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg));

  g_string_append (html, "<img src=\"data:image/jpeg;base64,");
  g_string_append (html, base64);
  g_string_append (html, "\"");
  if (width > 0 && height > 0)
    g_string_append_printf (html, " width=\"%d\" height=\"%d\"", width, height);
  g_string_append (html, " alt=\"");
  append_escaped (html, alt);
  g_string_append (html, "\">");
}

static void
append_flaw_shape (GString                *html,
                   const ResellReportFlaw *flaw,
                   guint                   number,
                   int                     width,
                   int                     height)
{
  /* In the picture's pixels, so circles stay round. */
  switch (flaw->shape)
    {
    case RESELL_REPORT_SHAPE_RECT:
      g_string_append_printf (html, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>",
                              flaw->x * width, flaw->y * height, flaw->w * width, flaw->h * height);
      break;
    case RESELL_REPORT_SHAPE_ELLIPSE:
      g_string_append_printf (html, "<ellipse cx=\"%.1f\" cy=\"%.1f\" rx=\"%.1f\" ry=\"%.1f\"/>",
                              (flaw->x + flaw->w / 2) * width, (flaw->y + flaw->h / 2) * height,
                              flaw->w * width / 2, flaw->h * height / 2);
      break;
    case RESELL_REPORT_SHAPE_POINT:
    default:
      g_string_append_printf (html, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\"/>",
                              flaw->x * width, flaw->y * height, MAX (width, height) * 0.015);
      break;
    }
  g_string_append_printf (html,
                          "<text x=\"%.1f\" y=\"%.1f\" fill=\"#d91a1a\" stroke=\"none\" "
                          "font-size=\"%d\" font-weight=\"bold\">%u</text>",
                          flaw->x * width + 4, flaw->y * height - 4, MAX (12, height / 30), number);
}

static void
append_flaw_entry (GString                *html,
                   const ResellReportFlaw *flaw,
                   guint                   number,
                   GBytes                 *closeup)
{
  g_autofree char *summary = resell_report_flaw_dup_summary (flaw);

  g_string_append (html, "<div class=\"flaw\">");
  if (closeup != NULL)
    {
      g_autofree char *alt = g_strdup_printf (_("Close-up of flaw %u"), number);

      append_img (html, closeup, 0, 0, alt);
    }
  g_string_append_printf (html, "<div><strong>%u. ", number);
  append_escaped (html, summary);
  g_string_append (html, "</strong>");
  if (flaw->note != NULL && *flaw->note != '\0')
    {
      g_string_append (html, "<br>");
      append_escaped (html, flaw->note);
    }
  g_string_append (html, "</div></div>\n");
}

gboolean
resell_condition_report_write_html (ResellConditionReport  *self,
                                    ResellReportRenders    *renders,
                                    const char             *path,
                                    GError                **error)
{
  ResellItem *item = resell_condition_report_get_item (self);
  g_autoptr(GString) html = g_string_new (NULL);
  g_autofree char *title = resell_item_dup_display_title (item);
  g_autofree char *qr = NULL;
  g_auto(GStrv) fields = resell_condition_report_dup_fields (self);
  const char *grade = resell_condition_report_get_grade (self);
  const char * const *reasons = resell_condition_report_get_reasons (self);
  const char *text = resell_condition_report_get_condition_text (self);
  const char *price = resell_condition_report_get_price_line (self);
  guint n_flaws = resell_condition_report_get_n_flaws (self);

  qr = resell_qr_code_dup_svg (resell_item_get_sku (item), 128, error);
  if (qr == NULL)
    return FALSE;

  g_string_append (html, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n");
  /* No referrer, no scripts, nothing from elsewhere, even if a viewer
   * were to follow something. */
  g_string_append (html, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                         "img-src data:; style-src 'unsafe-inline'\">\n");
  g_string_append (html, "<meta name=\"viewport\" content=\"width=device-width\">\n<title>");
  {
    g_autofree char *page_title = g_strdup_printf (_("Condition report %s"), resell_item_get_sku (item));

    append_escaped (html, page_title);
  }
  g_string_append_printf (html, "</title>\n<style>%s</style>\n</head><body>\n", style);

  g_string_append (html, "<header><div><h1>");
  append_escaped (html, _("Condition report"));
  g_string_append (html, "</h1><p class=\"title\">");
  append_escaped (html, title);
  g_string_append (html, "</p><p class=\"sku\">");
  append_escaped (html, resell_item_get_sku (item));
  g_string_append (html, "</p></div>");
  g_string_append (html, qr);
  g_string_append (html, "</header>\n");

  g_string_append (html, "<dl class=\"fields\">\n");
  for (guint i = 0; fields[i] != NULL && fields[i + 1] != NULL; i += 2)
    {
      g_string_append (html, "<dt>");
      append_escaped (html, fields[i]);
      g_string_append (html, "</dt><dd>");
      append_escaped (html, fields[i + 1]);
      g_string_append (html, "</dd>\n");
    }
  g_string_append (html, "</dl>\n");

  g_string_append (html, "<h2>");
  append_escaped (html, _("Grade"));
  g_string_append (html, "</h2>\n<p class=\"grade\">");
  append_escaped (html, grade != NULL ? grade : _("Not graded yet"));
  g_string_append (html, "</p>\n");
  if (reasons != NULL && reasons[0] != NULL)
    {
      g_string_append (html, "<ul class=\"reasons\">\n");
      for (guint i = 0; reasons[i] != NULL; i++)
        {
          g_string_append (html, "<li>");
          append_escaped (html, reasons[i]);
          g_string_append (html, "</li>\n");
        }
      g_string_append (html, "</ul>\n");
    }

  if (text != NULL)
    {
      g_string_append (html, "<h2>");
      append_escaped (html, _("Condition"));
      g_string_append (html, "</h2>\n");
      append_paragraphs (html, text);
    }
  if (price != NULL)
    {
      g_string_append (html, "<h2>");
      append_escaped (html, _("Price"));
      g_string_append (html, "</h2>\n");
      append_paragraphs (html, price);
    }

  g_string_append (html, "<h2>");
  append_escaped (html, _("Photos"));
  g_string_append (html, "</h2>\n");
  if (renders->photos->len == 0)
    {
      g_string_append (html, "<p>");
      append_escaped (html, _("No photos yet."));
      g_string_append (html, "</p>\n");
    }
  else
    g_string_append (html, "<div class=\"photos\">\n");
  for (guint i = 0; i < renders->photos->len; i++)
    {
      ResellReportPhoto *rp = g_ptr_array_index (renders->photos, i);
      const char *camera = resell_photo_get_camera_model (rp->photo);
      g_autofree char *name = g_strdup_printf (_("Photo %u"), rp->number);

      g_string_append (html, "<figure>");
      if (rp->listing != NULL)
        append_img (html, rp->listing, rp->listing_w, rp->listing_h, name);
      else
        {
          g_autofree char *base = g_path_get_basename (resell_photo_get_path (rp->photo));
          g_autofree char *missing = g_strdup_printf (_("“%s” could not be read."), base);

          append_escaped (html, missing);
        }
      g_string_append (html, "<figcaption>");
      append_escaped (html, name);
      if (rp->captured != NULL)
        {
          g_string_append (html, "<br>");
          append_escaped (html, rp->captured);
        }
      if (camera != NULL && *camera != '\0')
        {
          g_string_append (html, "<br>");
          append_escaped (html, camera);
        }
      g_string_append (html, "</figcaption></figure>\n");
    }
  if (renders->photos->len > 0)
    g_string_append (html, "</div>\n");

  g_string_append (html, "<h2>");
  append_escaped (html, _("Flaws"));
  g_string_append (html, "</h2>\n");
  if (n_flaws == 0)
    {
      g_string_append (html, "<p>");
      append_escaped (html, _("No flaws recorded."));
      g_string_append (html, "</p>\n");
    }
  for (guint p = 0; p < renders->photos->len; p++)
    {
      ResellReportPhoto *rp = g_ptr_array_index (renders->photos, p);
      g_autofree char *name = NULL;

      if (rp->whole == NULL)
        continue;
      name = g_strdup_printf (_("Photo %u"), rp->number);
      g_string_append (html, "<h3>");
      append_escaped (html, name);
      g_string_append (html, "</h3>\n<div class=\"map\">");
      append_img (html, rp->whole, rp->whole_w, rp->whole_h, name);
      g_string_append_printf (html,
                              "<svg viewBox=\"0 0 %d %d\" fill=\"none\" stroke=\"#d91a1a\" "
                              "stroke-width=\"%d\" aria-hidden=\"true\">",
                              rp->whole_w, rp->whole_h, MAX (2, rp->whole_w / 200));
      for (guint f = 0; f < n_flaws; f++)
        {
          const ResellReportFlaw *flaw = resell_condition_report_get_flaw (self, f);

          if (flaw->photo_number == rp->number)
            append_flaw_shape (html, flaw, f + 1, rp->whole_w, rp->whole_h);
        }
      g_string_append (html, "</svg></div>\n");
      for (guint f = 0; f < n_flaws; f++)
        {
          const ResellReportFlaw *flaw = resell_condition_report_get_flaw (self, f);

          if (flaw->photo_number == rp->number)
            append_flaw_entry (html, flaw, f + 1, g_ptr_array_index (renders->closeups, f));
        }
    }
  /* Flaws whose photo could not be rendered are still listed. */
  for (guint f = 0; f < n_flaws; f++)
    {
      const ResellReportFlaw *flaw = resell_condition_report_get_flaw (self, f);
      ResellReportPhoto *rp = NULL;

      if (flaw->photo_number >= 1 && flaw->photo_number <= renders->photos->len)
        rp = g_ptr_array_index (renders->photos, flaw->photo_number - 1);
      if (rp == NULL || rp->whole == NULL)
        append_flaw_entry (html, flaw, f + 1, g_ptr_array_index (renders->closeups, f));
    }

  g_string_append (html, "</body></html>\n");

  return g_file_set_contents_full (path, html->str, html->len,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0644, error);
}
