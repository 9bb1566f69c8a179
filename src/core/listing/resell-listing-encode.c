/* resell-listing-encode.c — a listing image's bytes: every metadata field
 * dropped, EXIF rebuilt with libexif for a copyright line, JPEG or WebP
 * stepping the quality down to meet a byte cap; and the same metadata
 * policy applied to any JPEG (resell_listing_clean_metadata())
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One log domain for all of the renderer's files, so that
 * G_MESSAGES_DEBUG=resell-listing-renderer shows all it says. */
#define G_LOG_DOMAIN "resell-listing-renderer"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <libexif/exif-data.h>
#include <vips/vips.h>
#ifdef HAVE_WEBPMUX
#include <webp/mux.h>
#endif

#include "imaging/resell-image-probe-private.h"
#include "listing/resell-listing-renderer.h"
#include "listing/resell-listing-renderer-private.h"

#define QUALITY_STEP 4
/* libwebp's effort (its "method", 0–6).  libvips' default, 4, took 186 ms
 * to encode a 1600 × 1600 listing image on one thread here, more than half
 * of a whole eBay-sized render; 2 took 68 ms (JPEG: 15) for files 8 %
 * larger, and 3 costs as much as 4 (docs/listing-images.md has the
 * numbers).  Meeting a byte cap may encode several times, so the time
 * matters more than those 8 %. */
#define WEBP_EFFORT 2
#define CLEAN_QUALITY 92
#define MAX_COPYRIGHT_BYTES 200

/* ------------------------------------------------------------------------
 * Metadata, JPEG and WebP
 * ------------------------------------------------------------------------ */

/* One line of printable UTF-8, at most MAX_COPYRIGHT_BYTES; NULL when
 * nothing is left. */
char *
resell_listing_sanitize_copyright (const char *copyright)
{
  g_autofree char *valid = NULL;
  GString *text;
  const char *p;

  if (copyright == NULL)
    return NULL;

  valid = g_utf8_make_valid (copyright, -1);
  text = g_string_new (NULL);

  for (p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      char buf[6];
      int len;

      if (g_unichar_iscntrl (c) || c == 0xfeff)
        c = ' ';

      len = g_unichar_to_utf8 (c, buf);
      if (text->len + len > MAX_COPYRIGHT_BYTES)
        break;
      g_string_append_len (text, buf, len);
    }

  g_strstrip (text->str);
  text->len = strlen (text->str);

  if (text->len == 0)
    {
      g_string_free (text, TRUE);
      return NULL;
    }

  return g_string_free (text, FALSE);
}

static ExifEntry *
add_entry (ExifData  *ed,
           ExifMem   *mem,
           ExifIfd    ifd,
           ExifTag    tag)
{
  ExifEntry *entry = exif_entry_new_mem (mem);

  entry->tag = tag;
  exif_content_add_entry (ed->ifd[ifd], entry);
  exif_entry_unref (entry);

  return entry;
}

/* The whole EXIF block a listing image carries: Orientation 1 (the pixels
 * are upright), ColorSpace sRGB, and the copyright line.  Built with
 * libexif; returns the APP1 payload ("Exif\0\0…"), free with free(). */
static gboolean
build_exif (const char     *copyright,
            unsigned char **out_data,
            unsigned int   *out_len)
{
  ExifMem *mem = exif_mem_new_default ();
  ExifData *ed = exif_data_new_mem (mem);
  ExifByteOrder order = EXIF_BYTE_ORDER_INTEL;
  ExifEntry *entry;
  gsize len = strlen (copyright) + 1;

  /* No "fixing": libexif would add a DateTime of now and more. */
  exif_data_unset_option (ed, EXIF_DATA_OPTION_FOLLOW_SPECIFICATION);
  exif_data_set_byte_order (ed, order);
  exif_data_set_data_type (ed, EXIF_DATA_TYPE_COMPRESSED);

  entry = add_entry (ed, mem, EXIF_IFD_0, EXIF_TAG_ORIENTATION);
  exif_entry_initialize (entry, EXIF_TAG_ORIENTATION);
  exif_set_short (entry->data, order, 1);

  entry = add_entry (ed, mem, EXIF_IFD_EXIF, EXIF_TAG_COLOR_SPACE);
  exif_entry_initialize (entry, EXIF_TAG_COLOR_SPACE);
  exif_set_short (entry->data, order, 1);

  /* Copyright is ASCII in EXIF 2.3; like exiftool and most tools, we
   * store UTF-8 so "©" and names with accents survive. */
  entry = add_entry (ed, mem, EXIF_IFD_0, EXIF_TAG_COPYRIGHT);
  entry->format = EXIF_FORMAT_ASCII;
  entry->components = len;
  entry->size = len;
  entry->data = exif_mem_alloc (mem, len);
  if (entry->data != NULL)
    memcpy (entry->data, copyright, len);

  *out_data = NULL;
  *out_len = 0;
  exif_data_save_data (ed, out_data, out_len);

  exif_data_unref (ed);
  exif_mem_unref (mem);

  return *out_data != NULL && *out_len > 0;
}

/* A copy of @in that carries no metadata but what the policy keeps.
 * Every field libvips read from the original goes: EXIF (GPS, serial
 * numbers, owner, maker notes, the thumbnail), XMP, IPTC, Photoshop
 * blocks, ICC profile (the pixels are sRGB now, and a JPEG or WebP
 * without a profile is read as sRGB), comments.  With a copyright line, a
 * fresh EXIF block from libexif is attached; libvips then re-reads it and adds
 * only the fields EXIF requires (resolution, EXIF version, pixel size,
 * orientation from our "orientation" 1), keeping our Copyright and
 * ColorSpace.  *@strip says whether the save may drop everything. */
static VipsImage *
clean_copy (VipsImage  *in,
            const char *copyright,
            gboolean   *strip)
{
  g_auto(GStrv) fields = NULL;
  VipsImage *out;
  unsigned char *exif = NULL;
  unsigned int exif_len = 0;

  if (vips_copy (in, &out, NULL) != 0)
    return NULL;

  fields = vips_image_get_fields (out);
  for (guint i = 0; fields != NULL && fields[i] != NULL; i++)
    vips_image_remove (out, fields[i]);

  *strip = TRUE;

  if (copyright != NULL && build_exif (copyright, &exif, &exif_len))
    {
      vips_image_set_blob_copy (out, VIPS_META_EXIF_NAME, exif, exif_len);
      vips_image_set_int (out, VIPS_META_ORIENTATION, 1);
      *strip = FALSE;
    }

  free (exif);

  return out;
}

static int
save_jpeg (VipsImage *image,
           gboolean   strip,
           int        quality,
           void     **buf,
           size_t    *len)
{
  return vips_jpegsave_buffer (image, buf, len,
                               "Q", quality,
                               "optimize_coding", TRUE,
                               "interlace", FALSE,
                               "strip", strip,
                               NULL);
}

#ifdef HAVE_WEBPMUX
/* libvips 8.14 writes its own EXIF block into a WebP whatever "strip"
 * says, and keeps the "Exif\0\0" header of the JPEG form in it, which the
 * WebP container does not have (exiftool warns, stricter readers lose the
 * copyright line).  So the metadata chunks are set through libwebpmux
 * after the encode: none at all, or with a copyright line the EXIF block
 * clean_copy() made, as bare TIFF data. */
static int
save_webp (VipsImage *image,
           gboolean   strip,
           int        quality,
           void     **buf,
           size_t    *len)
{
  static const char * const dropped[] = { "EXIF", "XMP ", "ICCP" };
  static const guint8 exif_header[6] = { 'E', 'x', 'i', 'f', 0, 0 };
  void *encoded = NULL;
  size_t encoded_len = 0;
  WebPData data = { 0 };
  WebPData assembled = { 0 };
  WebPMux *mux;
  WebPMuxError status = WEBP_MUX_OK;

  if (vips_webpsave_buffer (image, &encoded, &encoded_len,
                            "Q", quality,
                            "effort", WEBP_EFFORT,
                            "strip", TRUE,
                            NULL) != 0)
    return -1;

  data.bytes = encoded;
  data.size = encoded_len;
  mux = WebPMuxCreate (&data, 1);
  g_free (encoded);
  if (mux == NULL)
    {
      vips_error ("resell", "%s", "libwebpmux could not read the encoded image");
      return -1;
    }

  for (guint i = 0; i < G_N_ELEMENTS (dropped) && status == WEBP_MUX_OK; i++)
    {
      status = WebPMuxDeleteChunk (mux, dropped[i]);
      if (status == WEBP_MUX_NOT_FOUND)
        status = WEBP_MUX_OK;
    }

  if (status == WEBP_MUX_OK && !strip && vips_image_get_typeof (image, VIPS_META_EXIF_NAME))
    {
      const void *exif = NULL;
      size_t exif_len = 0;

      if (vips_image_get_blob (image, VIPS_META_EXIF_NAME, &exif, &exif_len) == 0)
        {
          WebPData chunk = { exif, exif_len };

          if (exif_len > sizeof exif_header && memcmp (exif, exif_header, sizeof exif_header) == 0)
            {
              chunk.bytes += sizeof exif_header;
              chunk.size -= sizeof exif_header;
            }
          status = WebPMuxSetChunk (mux, "EXIF", &chunk, 1);
        }
    }

  /* With no metadata left this is the simple format cwebp writes. */
  if (status == WEBP_MUX_OK)
    status = WebPMuxAssemble (mux, &assembled);
  WebPMuxDelete (mux);

  if (status != WEBP_MUX_OK)
    {
      WebPDataClear (&assembled);
      vips_error ("resell", "libwebpmux could not write the metadata (error %d)", (int)status);
      return -1;
    }

  *buf = g_memdup2 (assembled.bytes, assembled.size);
  *len = assembled.size;
  WebPDataClear (&assembled);

  return 0;
}
#else
static int
save_webp (VipsImage *image,
           gboolean   strip,
           int        quality,
           void     **buf,
           size_t    *len)
{
  vips_error ("resell", "%s", "built without libwebpmux");
  return -1;
}
#endif

/* libvips may be built without libwebp (a distribution's minimal build, a
 * Flatpak module with fewer options), and Resell without libwebpmux. */
gboolean
resell_listing_can_save_webp (void)
{
#ifdef HAVE_WEBPMUX
  return vips_type_find ("VipsOperation", "webpsave_buffer") != 0;
#else
  return FALSE;
#endif
}

/* Saves as @format at @quality, then 4 lower each time while the file is
 * above @max_bytes (0: no cap), down to @min_quality; the last try is kept
 * even if still too big (it is the smallest). */
GBytes *
resell_listing_encode (VipsImage            *image,
                       ResellListingFormat   format,
                       const char           *copyright,
                       int                   quality,
                       int                   min_quality,
                       gint64                max_bytes,
                       int                  *out_quality,
                       GCancellable         *cancellable,
                       GError              **error)
{
  g_autoptr(VipsImage) clean = NULL;
  gboolean strip = TRUE;
  void *buf = NULL;
  size_t len = 0;
  int q = quality;

  if (!(clean = clean_copy (image, copyright, &strip)))
    return NULL;

  for (;;)
    {
      int status;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          g_free (buf);
          return NULL;
        }

      g_free (buf);
      buf = NULL;

      if (format == RESELL_LISTING_FORMAT_WEBP)
        status = save_webp (clean, strip, q, &buf, &len);
      else
        status = save_jpeg (clean, strip, q, &buf, &len);
      if (status != 0)
        return NULL;

      if (max_bytes <= 0 || (gint64)len <= max_bytes || q <= min_quality)
        break;

      q = MAX (min_quality, q - QUALITY_STEP);
    }

  if (out_quality != NULL)
    *out_quality = q;

  return g_bytes_new_take (buf, len);
}

/* ------------------------------------------------------------------------
 * Metadata cleaning
 * ------------------------------------------------------------------------ */

GBytes *
resell_listing_clean_metadata (GBytes      *jpeg,
                               const char  *copyright,
                               GError     **error)
{
  g_autoptr(VipsImage) image = NULL;
  g_autoptr(VipsImage) srgb = NULL;
  g_autoptr(VipsImage) memory = NULL;
  g_autoptr(VipsImage) upright = NULL;
  g_autofree char *clean_copyright = NULL;
  const char *loader;
  const void *data;
  gsize len;
  double megapixels;
  GBytes *out;

  g_return_val_if_fail (jpeg != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!resell_listing_init_core (error))
    return NULL;

  data = g_bytes_get_data (jpeg, &len);

  if (data == NULL || len == 0 ||
      !(loader = vips_foreign_find_load_buffer (data, len)) ||
      !g_str_has_prefix (loader, "VipsForeignLoadJpeg"))
    {
      resell_image_clear_vips_error ("Not a JPEG:", "(buffer)");
      g_set_error_literal (error, RESELL_LISTING_ERROR, RESELL_LISTING_ERROR_UNREADABLE,
                           _("The picture is not a JPEG image."));
      return NULL;
    }

  image = vips_image_new_from_buffer (data, len, "",
                                      "access", VIPS_ACCESS_SEQUENTIAL,
                                      "fail_on", VIPS_FAIL_ON_ERROR,
                                      NULL);
  if (image == NULL)
    {
      resell_image_clear_vips_error ("Could not read the header of", "(buffer)");
      g_set_error_literal (error, RESELL_LISTING_ERROR, RESELL_LISTING_ERROR_UNREADABLE,
                           _("The JPEG image is damaged."));
      return NULL;
    }

  megapixels = (double)vips_image_get_width (image) * vips_image_get_height (image) / 1e6;
  if (megapixels > RESELL_IMAGE_PROBE_MAX_PIXELS / 1e6)
    {
      g_set_error (error, RESELL_LISTING_ERROR, RESELL_LISTING_ERROR_TOO_LARGE,
                   _("The JPEG image is too large (%.0f megapixels; the limit is %.0f)."),
                   megapixels, RESELL_IMAGE_PROBE_MAX_PIXELS / 1e6);
      return NULL;
    }

  /* Dropping the orientation or the ICC profile would change how the
   * picture looks, so both are applied to the pixels first.  Upright
   * pictures stream from decoder to encoder; turning one needs it all in
   * memory. */
  if (!(srgb = resell_listing_to_srgb (image)))
    goto damaged;

  if (vips_image_get_orientation (image) != 1)
    {
      if (!(memory = resell_listing_compute_to_memory (srgb, NULL)) ||
          vips_autorot (memory, &upright, NULL) != 0)
        goto damaged;
    }
  else
    {
      upright = g_object_ref (srgb);
    }

  clean_copyright = resell_listing_sanitize_copyright (copyright);

  /* No cancellable, so resell_listing_encode() fails only in libvips: when streaming,
   * that is where damaged data shows. */
  if (!(out = resell_listing_encode (upright, RESELL_LISTING_FORMAT_JPEG, clean_copyright,
                                     CLEAN_QUALITY, CLEAN_QUALITY, 0, NULL, NULL, NULL)))
    goto damaged;

  return out;

damaged:
  resell_image_clear_vips_error ("Could not decode", "(buffer)");
  g_set_error_literal (error, RESELL_LISTING_ERROR, RESELL_LISTING_ERROR_UNREADABLE,
                       _("The JPEG image is damaged."));
  return NULL;
}
