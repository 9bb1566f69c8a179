/* fuzz-metadata.c — libFuzzer target over the listing images' metadata path.
 *
 * Each input is an EXIF blob (the TIFF structure, with or without the
 * "Exif\0\0" header) attached as the APP1 segment of a small valid JPEG
 * made once with libvips.  The JPEG goes through
 * resell_listing_clean_metadata(); whatever comes out is parsed again with
 * libexif, and the target aborts if anything private survived: the GPS IFD,
 * body or lens serial numbers, owner or artist, maker notes, an embedded
 * thumbnail, or an orientation other than 1.  A clear error for a hostile
 * blob is fine; a NULL without one is not.
 *
 * Built only with -Dfuzzing=true and clang; run by .ci/fuzz.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fuzz-metadata"

#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libexif/exif-data.h>
#include <vips/vips.h>

#include "resell-core.h"
#include "listing/resell-listing-renderer.h"

#define APP1_MAX_PAYLOAD (65535 - 2)

static const guint8 exif_header[6] = { 'E', 'x', 'i', 'f', 0, 0 };
static guint8 *base_jpeg;
static gsize base_jpeg_len;

static void
fail (const char *what)
{
  fprintf (stderr, "fuzz-metadata: %s\n", what);
  abort ();
}

/* Checks one Exif APP1 payload (starting "Exif\0\0") of the cleaned JPEG. */
static void
check_exif_segment (const guint8 *payload,
                    gsize         len)
{
  static const ExifTag private_tags[] = {
    EXIF_TAG_BODY_SERIAL_NUMBER,
    EXIF_TAG_LENS_SERIAL_NUMBER,
    EXIF_TAG_CAMERA_OWNER_NAME,
    EXIF_TAG_ARTIST,
    EXIF_TAG_MAKER_NOTE,
    (ExifTag) 0xc62f,            /* DNG CameraSerialNumber */
  };
  ExifData *data = exif_data_new ();
  ExifEntry *entry;

  if (data == NULL)
    fail ("out of memory");
  /* See the segment as written: no tags dropped or added by libexif. */
  exif_data_unset_option (data, EXIF_DATA_OPTION_IGNORE_UNKNOWN_TAGS);
  exif_data_unset_option (data, EXIF_DATA_OPTION_FOLLOW_SPECIFICATION);
  exif_data_load_data (data, payload, len);

  if (data->ifd[EXIF_IFD_GPS]->count != 0)
    fail ("GPS tags survived the metadata cleaning");
  for (int ifd = 0; ifd < EXIF_IFD_COUNT; ifd++)
    for (gsize i = 0; i < G_N_ELEMENTS (private_tags); i++)
      if (exif_content_get_entry (data->ifd[ifd], private_tags[i]) != NULL)
        fail ("a serial number, owner, artist or maker note survived the metadata cleaning");
  if (data->data != NULL || data->size != 0)
    fail ("an embedded thumbnail survived the metadata cleaning");

  entry = exif_content_get_entry (data->ifd[EXIF_IFD_0], EXIF_TAG_ORIENTATION);
  if (entry != NULL && entry->format == EXIF_FORMAT_SHORT && entry->components == 1 &&
      entry->data != NULL && entry->size >= 2 &&
      exif_get_short (entry->data, exif_data_get_byte_order (data)) != 1)
    fail ("the orientation is not 1 after cleaning");

  exif_data_unref (data);
}

/* Walks the cleaned JPEG's segments up to the scan and checks every Exif
 * APP1 segment in it (libexif alone would only look at the first). */
static void
check_output (GBytes *jpeg)
{
  gsize len;
  const guint8 *p = g_bytes_get_data (jpeg, &len);
  gsize pos = 2;
  guint n_exif = 0;

  if (len < 4 || p[0] != 0xff || p[1] != 0xd8)
    fail ("the cleaned image does not start as a JPEG");

  while (pos + 4 <= len)
    {
      guint8 marker;
      gsize seg_len;

      if (p[pos] != 0xff)
        fail ("the cleaned JPEG's segments are broken");
      marker = p[pos + 1];
      if (marker == 0xff)
        {
          pos++;
          continue;
        }
      if (marker == 0xda || marker == 0xd9)
        break;                                  /* start of scan / end */
      seg_len = ((gsize) p[pos + 2] << 8) | p[pos + 3];
      if (seg_len < 2 || pos + 2 + seg_len > len)
        fail ("a segment of the cleaned JPEG runs past its end");
      if (marker == 0xe1 && seg_len - 2 >= sizeof exif_header &&
          memcmp (p + pos + 4, exif_header, sizeof exif_header) == 0)
        {
          n_exif++;
          check_exif_segment (p + pos + 4, seg_len - 2);
        }
      pos += 2 + seg_len;
    }

  if (n_exif > 1)
    fail ("the cleaned JPEG has more than one Exif segment");
}

/* The base JPEG with an APP1 segment holding @data right after SOI. */
static GBytes *
jpeg_with_exif (const guint8 *data,
                gsize         size)
{
  gboolean has_header = size >= sizeof exif_header &&
                        memcmp (data, exif_header, sizeof exif_header) == 0;
  gsize payload = size + (has_header ? 0 : sizeof exif_header);
  guint8 *out;
  gsize pos = 0;

  if (payload > APP1_MAX_PAYLOAD)
    {
      size -= payload - APP1_MAX_PAYLOAD;
      payload = APP1_MAX_PAYLOAD;
    }

  out = g_malloc (base_jpeg_len + 4 + payload);
  out[pos++] = 0xff;
  out[pos++] = 0xd8;
  out[pos++] = 0xff;
  out[pos++] = 0xe1;
  out[pos++] = (payload + 2) >> 8;
  out[pos++] = (payload + 2) & 0xff;
  if (!has_header)
    {
      memcpy (out + pos, exif_header, sizeof exif_header);
      pos += sizeof exif_header;
    }
  memcpy (out + pos, data, size);
  pos += size;
  memcpy (out + pos, base_jpeg + 2, base_jpeg_len - 2);
  pos += base_jpeg_len - 2;

  return g_bytes_new_take (out, pos);
}

static void
clean_one (const guint8 *data,
           gsize         size)
{
  g_autoptr(GBytes) input = jpeg_with_exif (data, size);
  g_autoptr(GBytes) output = NULL;
  g_autoptr(GError) error = NULL;
  /* Half the inputs ask for a copyright line, the only text written. */
  const char *copyright = (size & 1) ? "© 2024 Jane Seller" : NULL;

  output = resell_listing_clean_metadata (input, copyright, &error);
  if (output == NULL)
    {
      if (error == NULL || error->message == NULL || error->message[0] == '\0')
        fail ("resell_listing_clean_metadata() failed without an error message");
      return;
    }
  if (error != NULL)
    fail ("resell_listing_clean_metadata() returned an image and set an error");

  check_output (output);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  VipsImage *image = NULL;
  VipsImage *three = NULL;
  VipsImage *coloured = NULL;
  void *buffer = NULL;
  size_t length = 0;
  static const guint8 warm_up[] = { 'I', 'I', 42, 0, 8, 0, 0, 0, 0, 0 };

  if (!resell_core_init ((*argv)[0], &error))
    fail (error->message);

  /* 64x48, three bands of gradients: small, valid, no metadata. */
  if (vips_xyz (&image, 64, 48, NULL) != 0 ||
      vips_bandjoin_const1 (image, &three, 40.0, NULL) != 0 ||
      vips_linear1 (three, &coloured, 2.0, 10.0, "uchar", TRUE, NULL) != 0 ||
      vips_jpegsave_buffer (coloured, &buffer, &length, "strip", TRUE, "Q", 80, NULL) != 0)
    fail (vips_error_buffer ());
  g_object_unref (coloured);
  g_object_unref (three);
  g_object_unref (image);

  if (length < 4 || ((guint8 *) buffer)[0] != 0xff || ((guint8 *) buffer)[1] != 0xd8)
    fail ("libvips made no JPEG");
  base_jpeg = g_memdup2 (buffer, length);
  base_jpeg_len = length;
  g_free (buffer);

  /* One-time set-up inside the core (types, quarks) happens here, not in
   * the first input, so the leak checker only sees per-input allocations. */
  clean_one (warm_up, sizeof warm_up);
  clean_one (warm_up, sizeof warm_up - 1);

  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  clean_one (data, size);
  return 0;
}
