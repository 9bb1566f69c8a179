/* resell-image-probe-private.h — is this file a photo Resell can use?
 *
 * Checks a file the way the importer needs before copying it: not empty, a
 * format Resell reads, not a decompression bomb, decodable to the end; and
 * reads what the catalog keeps about it (size, EXIF capture time, camera).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <vips/vips.h>

G_BEGIN_DECLS

/* libvips 8.14 declares no g_autoptr() cleanups for its objects. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VipsImage, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VipsSource, g_object_unref)

static inline void
resell_vips_array_double_unref (VipsArrayDouble *array)
{
  vips_area_unref (VIPS_AREA (array));
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VipsArrayDouble, resell_vips_array_double_unref)

/* Larger than any camera sensor sold today (the biggest are ~150 MP), far
 * smaller than the 1 Gpx a hostile PNG header can claim. */
#define RESELL_IMAGE_PROBE_MAX_PIXELS (200 * 1000 * 1000)

typedef struct _ResellImageInfo
{
  int     width;         /* pixels, as stored (before EXIF orientation) */
  int     height;
  gint64  captured_at;   /* unix µs from EXIF DateTimeOriginal, 0 when unknown */
  char   *camera_model;  /* "Canon EOS R6", or NULL */
  char   *loader;        /* libvips loader, e.g. "jpegload" (for logs) */
} ResellImageInfo;

void             resell_image_info_free (ResellImageInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ResellImageInfo, resell_image_info_free)

/* Decodes all of @path (at a reduced scale where the format allows it) and
 * reads its metadata.  Errors are G_IO_ERROR with a translated sentence
 * naming the file:
 *   empty, damaged              G_IO_ERROR_INVALID_DATA
 *   not a picture, too large    G_IO_ERROR_NOT_SUPPORTED
 *   unreadable                  from errno (NOT_FOUND, PERMISSION_DENIED…)
 *   cancelled                   G_IO_ERROR_CANCELLED
 * Thread-safe: may run on several workers at once. */
ResellImageInfo *resell_image_probe     (const char       *path,
                                         GCancellable     *cancellable,
                                         GError          **error);

/* Opens @path to decode it: a regular, non-empty file whose first bytes
 * (never its extension) say it is a format Resell reads.  Returns a source
 * at its start, and the libvips loader in @out_loader (a static string such
 * as "VipsForeignLoadJpegSource").  Errors as resell_image_probe()'s. */
VipsSource      *resell_image_open      (const char       *path,
                                         const char      **out_loader,
                                         GError          **error);

/* Logs what libvips said about @path (at debug level) and clears its
 * process-wide error buffer, so messages never pile up or reach a person. */
void             resell_image_clear_vips_error (const char *what,
                                                const char *path);

/* Reads DateTimeOriginal and Make/Model from a raw EXIF block (with or
 * without the "Exif\0\0" header).  Hostile data is ignored, never trusted.
 * Exposed for tests. */
void             resell_image_parse_exif (const guint8    *data,
                                          gsize            len,
                                          gint64          *captured_at,
                                          char           **camera_model);

G_END_DECLS
