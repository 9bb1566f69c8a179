/* resell-listing-profile.h — how a marketplace wants its photos: size,
 * shape, file format, quality, file size and count.  Loaded from
 * data/profiles/<id>.json.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RESELL_TYPE_LISTING_PROFILE (resell_listing_profile_get_type ())
G_DECLARE_FINAL_TYPE (ResellListingProfile, resell_listing_profile, RESELL, LISTING_PROFILE, GObject)

/* Read-only properties:
 *   "id" ("ebay"), "name" ("eBay"),
 *   "long-edge"     int, pixels of the longer side of a listing image (eBay: 1600)
 *   "square"        boolean, pad to a square in the backdrop colour
 *   "margin"        double, space around a trimmed product, fraction of the long edge (e.g. 0.06)
 *   "quality"       int, JPEG or WebP quality to start from (e.g. 88)
 *   "min-quality"   int, lowest quality when stepping down to meet the byte cap
 *   "max-bytes"     gint64, byte cap per image, 0 for none
 *   "max-photos"    int, photos per listing (eBay: 24)
 *   "min-long-edge" int, smallest original long edge accepted (eBay: 500)
 *   "max-megapixels" double, originals above this are refused (decompression bombs)
 *   "format"        ResellListingFormat, the file format of the listing images
 *   "internal"      boolean, used by Resell itself, never offered to the seller
 */
const char *resell_listing_profile_get_id             (ResellListingProfile *self);
const char *resell_listing_profile_get_name           (ResellListingProfile *self);
int         resell_listing_profile_get_long_edge      (ResellListingProfile *self);
gboolean    resell_listing_profile_get_square         (ResellListingProfile *self);
double      resell_listing_profile_get_margin         (ResellListingProfile *self);
int         resell_listing_profile_get_quality        (ResellListingProfile *self);
int         resell_listing_profile_get_min_quality    (ResellListingProfile *self);
gint64      resell_listing_profile_get_max_bytes      (ResellListingProfile *self);
int         resell_listing_profile_get_max_photos     (ResellListingProfile *self);
int         resell_listing_profile_get_min_long_edge  (ResellListingProfile *self);
double      resell_listing_profile_get_max_megapixels (ResellListingProfile *self);
/* A short stable string of every setting, part of the cache key. */
const char *resell_listing_profile_get_digest         (ResellListingProfile *self);

/* The file format of the listing images: optional key "format", "jpeg"
 * (the default) or "webp". */
typedef enum
{
  RESELL_LISTING_FORMAT_JPEG,
  RESELL_LISTING_FORMAT_WEBP,
} ResellListingFormat;

#define RESELL_TYPE_LISTING_FORMAT (resell_listing_format_get_type ())
GType resell_listing_format_get_type (void) G_GNUC_CONST;

ResellListingFormat resell_listing_profile_get_format    (ResellListingProfile *self);
/* "jpg" or "webp": the extension for file names, without the dot. */
const char *resell_listing_profile_get_extension      (ResellListingProfile *self);
/* "image/jpeg" or "image/webp". */
const char *resell_listing_profile_get_mime_type      (ResellListingProfile *self);
/* Optional key "internal" (default false): a profile Resell uses itself
 * (the UI's previews), never offered to the seller as a marketplace. */
gboolean    resell_listing_profile_get_internal       (ResellListingProfile *self);
/* A one-line summary for menus and the CLI, e.g. "1600 px square JPEG,
 * up to 24 photos" (translated). */
char       *resell_listing_profile_dup_summary        (ResellListingProfile *self);

/* Parses and validates a profile file (json-glib); errors name the source. */
ResellListingProfile *resell_listing_profile_new_from_data (const char  *source_name,
                                                            const char  *data,
                                                            gssize       length,
                                                            GError     **error);
/* A profile built into the core (GResource /com/example/Resell/profiles/<id>.json). */
ResellListingProfile *resell_listing_profile_load_builtin  (const char  *id,
                                                            GError     **error);
/* The built-in profiles a seller can choose (not the internal ones),
 * eBay first, then by name. */
GPtrArray            *resell_listing_profile_list_builtin  (GError     **error);

G_END_DECLS
