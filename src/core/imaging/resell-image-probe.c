/* resell-image-probe.c — is this file a photo Resell can use?
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-image-probe"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libexif/exif-data.h>
#include <vips/vips.h>

#include "imaging/resell-image-probe-private.h"

/* Real EXIF blocks are a few KiB (64 KiB at most in a JPEG); anything much
 * bigger is not worth parsing. */
#define MAX_EXIF_SIZE (4 * 1024 * 1024)

/* Only the formats cameras and phones write.  libvips (through its
 * ImageMagick, poppler, librsvg… modules) would open far more — PDF, SVG,
 * PostScript, CSV — which are not photos and widen what hostile files can
 * reach. */
static const char * const allowed_loaders[] = {
  "VipsForeignLoadJpeg",
  "VipsForeignLoadPng",
  "VipsForeignLoadSpng",
  "VipsForeignLoadWebp",
  "VipsForeignLoadTiff",
  "VipsForeignLoadHeif",
};

void
resell_image_info_free (ResellImageInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->camera_model);
  g_free (info->loader);
  g_free (info);
}

/* libvips keeps one error log for the whole process: read what it said for
 * the logs, and clear it so it never piles up or surfaces in a sentence
 * meant for a person. */
void
resell_image_clear_vips_error (const char *what,
                               const char *path)
{
  g_debug ("%s %s: %s", what, path, vips_error_buffer ());
  vips_error_clear ();
}

static gboolean
loader_is_allowed (const char *loader)
{
  for (guint i = 0; i < G_N_ELEMENTS (allowed_loaders); i++)
    {
      if (g_str_has_prefix (loader, allowed_loaders[i]))
        return TRUE;
    }

  return FALSE;
}

static gboolean
loader_is_jpeg (const char *loader)
{
  return g_str_has_prefix (loader, "VipsForeignLoadJpeg");
}

static void
set_not_a_picture (GError     **error,
                   const char  *display)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
               _("“%s” is not a picture: its contents are not an image format Resell reads."),
               display);
}

static void
set_damaged (GError     **error,
             const char  *display)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("“%s” is damaged: the picture data ends early or is corrupt."),
               display);
}

/* Loads from a VipsSource rather than a file name: vips_image_new_from_file()
 * would read "[…]" in a name such as "bag[1].jpg" as load options. */
static VipsImage *
load_image (const char *path,
            gboolean    shrink)
{
  g_autoptr(VipsSource) source = vips_source_new_from_file (path);

  if (source == NULL)
    return NULL;

  /* fail_on=ERROR stops on truncation and corrupt data, which is what
   * "damaged" means; WARNING (what the old "fail" option meant) would also
   * refuse the harmless quirks many phones write, such as extra bytes
   * before a marker. */
  if (shrink)
    return vips_image_new_from_source (source, "",
                                       "access", VIPS_ACCESS_SEQUENTIAL,
                                       "fail_on", VIPS_FAIL_ON_ERROR,
                                       "shrink", 8,
                                       NULL);

  return vips_image_new_from_source (source, "",
                                     "access", VIPS_ACCESS_SEQUENTIAL,
                                     "fail_on", VIPS_FAIL_ON_ERROR,
                                     NULL);
}

/* Decodes every pixel so that a file cut short or corrupt past its header
 * is caught now, not when the listing images are made.  A JPEG is decoded
 * at 1/8 scale: libjpeg still reads and checks all the entropy-coded data,
 * but skips most of the inverse DCT, so even a 24 MP photo takes a few ms. */
static gboolean
decode_fully (const char *path,
              gboolean    is_jpeg)
{
  g_autoptr(VipsImage) image = load_image (path, is_jpeg);
  double avg;

  if (image == NULL)
    return FALSE;

  return vips_avg (image, &avg, NULL) == 0;
}

static char *
dup_ascii_entry (ExifData *ed,
                 ExifIfd   ifd,
                 ExifTag   tag)
{
  ExifEntry *entry = exif_content_get_entry (ed->ifd[ifd], tag);
  g_autofree char *str = NULL;
  gsize len;

  if (entry == NULL || entry->format != EXIF_FORMAT_ASCII ||
      entry->data == NULL || entry->size == 0)
    return NULL;

  /* Never trust the terminating NUL to be there, nor the size to be sane. */
  len = strnlen ((const char *)entry->data, MIN (entry->size, 256));
  str = g_strndup ((const char *)entry->data, len);
  g_strstrip (str);

  if (str[0] == '\0')
    return NULL;

  if (!g_utf8_validate (str, -1, NULL))
    return g_utf8_make_valid (str, -1);

  return g_steal_pointer (&str);
}

static gboolean
parse_digits (const char *s,
              guint       n,
              int        *out)
{
  int v = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
      v = v * 10 + (s[i] - '0');
    }

  *out = v;
  return TRUE;
}

/* "2023:11:23 14:05:09", as the camera's clock showed it.  Cameras have no
 * idea of time zones unless OffsetTimeOriginal ("+01:00", EXIF 2.31) says
 * so; otherwise the photo was almost surely taken where the seller is. */
static gint64
parse_exif_datetime (const char *datetime,
                     const char *offset,
                     const char *subsec)
{
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) dt = NULL;
  int year, month, day, hour, minute, second;
  gint64 usec = 0;

  if (datetime == NULL || strlen (datetime) < 19 ||
      datetime[4] != ':' || datetime[7] != ':' || datetime[10] != ' ' ||
      datetime[13] != ':' || datetime[16] != ':' ||
      !parse_digits (datetime, 4, &year) ||
      !parse_digits (datetime + 5, 2, &month) ||
      !parse_digits (datetime + 8, 2, &day) ||
      !parse_digits (datetime + 11, 2, &hour) ||
      !parse_digits (datetime + 14, 2, &minute) ||
      !parse_digits (datetime + 17, 2, &second))
    return 0;

  /* "0000:00:00 00:00:00" is what cameras write with an unset clock. */
  if (year < 1900)
    return 0;

  if (offset != NULL && (offset[0] == '+' || offset[0] == '-'))
    tz = g_time_zone_new_identifier (offset);
  if (tz == NULL)
    tz = g_time_zone_new_local ();

  dt = g_date_time_new (tz, year, month, day, hour, minute, second);
  if (dt == NULL)
    return 0;

  /* SubSecTimeOriginal ("37" = .37 s) keeps burst shots in order. */
  if (subsec != NULL)
    {
      gint64 scale = 100000;

      for (const char *p = subsec; *p && g_ascii_isdigit (*p) && scale > 0; p++, scale /= 10)
        usec += (*p - '0') * scale;
    }

  return g_date_time_to_unix (dt) * G_USEC_PER_SEC + usec;
}

/* Words that name the company rather than the brand: "NIKON CORPORATION",
 * "OLYMPUS IMAGING CORP.", "PENTAX Corporation", "EASTMAN KODAK COMPANY". */
static const char * const company_words[] = {
  "corporation", "corp.", "corp", "imaging", "optical", "company",
  "co.", "co.,ltd", "co.,ltd.", "co.,", "ltd", "ltd.", "inc", "inc.",
};

static char *
dup_brand (const char *make)
{
  g_auto(GStrv) words = g_strsplit (make, " ", -1);
  g_autoptr(GString) brand = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      gboolean company = FALSE;

      if (words[i][0] == '\0')
        continue;

      for (guint j = 0; j < G_N_ELEMENTS (company_words); j++)
        {
          if (g_ascii_strcasecmp (words[i], company_words[j]) == 0)
            company = TRUE;
        }

      /* Keep the first word whatever it is: the brand is never empty. */
      if (company && brand->len > 0)
        break;

      if (brand->len > 0)
        g_string_append_c (brand, ' ');
      g_string_append (brand, words[i]);
    }

  return g_string_free (g_steal_pointer (&brand), FALSE);
}

/* "Canon" + "Canon EOS R6" → "Canon EOS R6"; "NIKON CORPORATION" +
 * "NIKON D750" → "NIKON D750"; "Apple" + "iPhone 12" → "Apple iPhone 12". */
static char *
combine_make_model (const char *make,
                    const char *model)
{
  g_autofree char *brand = NULL;
  gsize brand_len;

  if (make == NULL)
    return g_strdup (model);

  brand = dup_brand (make);

  if (model == NULL)
    return g_steal_pointer (&brand);

  brand_len = strlen (brand);
  if (g_ascii_strncasecmp (model, brand, brand_len) == 0 &&
      (model[brand_len] == '\0' || model[brand_len] == ' ' || model[brand_len] == '-'))
    return g_strdup (model);

  return g_strdup_printf ("%s %s", brand, model);
}

void
resell_image_parse_exif (const guint8  *data,
                         gsize          len,
                         gint64        *captured_at,
                         char         **camera_model)
{
  static const guint8 exif_header[] = { 'E', 'x', 'i', 'f', 0, 0 };
  g_autofree guint8 *with_header = NULL;
  g_autofree char *datetime = NULL;
  g_autofree char *offset = NULL;
  g_autofree char *subsec = NULL;
  g_autofree char *make = NULL;
  g_autofree char *model = NULL;
  ExifData *ed;

  g_return_if_fail (captured_at != NULL);
  g_return_if_fail (camera_model != NULL);

  *captured_at = 0;
  *camera_model = NULL;

  if (data == NULL || len < 8 || len > MAX_EXIF_SIZE)
    return;

  /* JPEG APP1 blocks start with "Exif\0\0"; PNG eXIf and some HEIF blocks
   * are the bare TIFF structure, which libexif does not recognise alone. */
  if (memcmp (data, exif_header, sizeof exif_header) != 0)
    {
      with_header = g_malloc (len + sizeof exif_header);
      memcpy (with_header, exif_header, sizeof exif_header);
      memcpy (with_header + sizeof exif_header, data, len);
      data = with_header;
      len += sizeof exif_header;
    }

  ed = exif_data_new ();
  if (ed == NULL)
    return;

  /* FOLLOW_SPECIFICATION would "fix" the data by inventing mandatory tags,
   * e.g. a DateTime of now: we want only what the camera wrote. */
  exif_data_unset_option (ed, EXIF_DATA_OPTION_FOLLOW_SPECIFICATION);
  exif_data_load_data (ed, data, len);

  datetime = dup_ascii_entry (ed, EXIF_IFD_EXIF, EXIF_TAG_DATE_TIME_ORIGINAL);
  offset = dup_ascii_entry (ed, EXIF_IFD_EXIF, EXIF_TAG_OFFSET_TIME_ORIGINAL);
  subsec = dup_ascii_entry (ed, EXIF_IFD_EXIF, EXIF_TAG_SUB_SEC_TIME_ORIGINAL);
  make = dup_ascii_entry (ed, EXIF_IFD_0, EXIF_TAG_MAKE);
  model = dup_ascii_entry (ed, EXIF_IFD_0, EXIF_TAG_MODEL);

  exif_data_unref (ed);

  *captured_at = parse_exif_datetime (datetime, offset, subsec);
  *camera_model = combine_make_model (make, model);
}

VipsSource *
resell_image_open (const char   *path,
                   const char  **out_loader,
                   GError      **error)
{
  g_autoptr(VipsSource) source = NULL;
  g_autofree char *display = NULL;
  const char *loader;
  struct stat st;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  display = g_filename_display_basename (path);

  /* Opening first gives the real reason (missing, permission denied) where
   * libvips would only say it could not load the file. */
  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0 || fstat (fd, &st) != 0)
    {
      int saved_errno = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not read “%s”: %s."),
                   display, g_strerror (saved_errno));
      return NULL;
    }
  close (fd);

  if (!S_ISREG (st.st_mode))
    {
      set_not_a_picture (error, display);
      return NULL;
    }

  if (st.st_size == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” is empty: there is no picture in it."),
                   display);
      return NULL;
    }

  /* Sniffs the first bytes, never trusts the extension. */
  source = vips_source_new_from_file (path);
  if (source == NULL)
    {
      resell_image_clear_vips_error ("Could not open", path);
      set_not_a_picture (error, display);
      return NULL;
    }

  loader = vips_foreign_find_load_source (source);
  if (loader == NULL || !loader_is_allowed (loader))
    {
      if (loader == NULL)
        resell_image_clear_vips_error ("No loader for", path);
      else
        g_debug ("Refusing %s: loader %s is not for photos", path, loader);
      set_not_a_picture (error, display);
      return NULL;
    }

  if (out_loader != NULL)
    *out_loader = loader;

  return g_steal_pointer (&source);
}

ResellImageInfo *
resell_image_probe (const char    *path,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(ResellImageInfo) info = NULL;
  g_autoptr(VipsImage) header = NULL;
  g_autoptr(VipsSource) source = NULL;
  g_autofree char *display = NULL;
  const char *loader = NULL;
  guint64 pixels;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);

  display = g_filename_display_basename (path);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (!(source = resell_image_open (path, &loader, error)))
    return NULL;

  info = g_new0 (ResellImageInfo, 1);
  info->loader = g_strdup (loader);

  /* Only the header is read here: the pixel count must be checked before
   * anything is decoded, or a hostile PNG claiming 100k × 100k pixels
   * would be decoded first. */
  header = load_image (path, FALSE);
  if (header == NULL)
    {
      resell_image_clear_vips_error ("Could not read the header of", path);
      set_damaged (error, display);
      return NULL;
    }

  info->width = vips_image_get_width (header);
  info->height = vips_image_get_height (header);

  pixels = (guint64)info->width * (guint64)info->height;
  if (pixels > RESELL_IMAGE_PROBE_MAX_PIXELS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s” is too large (%u megapixels; the limit is %u)."),
                   display,
                   (guint)MIN (pixels / 1000000, G_MAXUINT),
                   (guint)(RESELL_IMAGE_PROBE_MAX_PIXELS / 1000000));
      return NULL;
    }

  if (vips_image_get_typeof (header, VIPS_META_EXIF_NAME) != 0)
    {
      const void *exif = NULL;
      size_t exif_len = 0;

      if (vips_image_get_blob (header, VIPS_META_EXIF_NAME, &exif, &exif_len) == 0)
        resell_image_parse_exif (exif, exif_len, &info->captured_at, &info->camera_model);
      else
        resell_image_clear_vips_error ("Could not get the EXIF of", path);
    }

  g_clear_object (&header);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (!decode_fully (path, loader_is_jpeg (loader)))
    {
      resell_image_clear_vips_error ("Could not decode", path);
      set_damaged (error, display);
      return NULL;
    }

  return g_steal_pointer (&info);
}
