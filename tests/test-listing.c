/* test-listing.c — listing images: profiles, edits, the renderer, the
 * metadata policy (checked with exiftool), bad input, flaw close-ups
 *
 * Every fixture is made here with libvips (and libexif for the EXIF a
 * camera would write), so no binary files live in the repository.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libexif/exif-data.h>
#include <vips/vips.h>

#include "resell-core.h"
#include "resell-test-utils.h"
#include "imaging/resell-image-probe-private.h"
#include "listing/resell-listing-profile.h"
#include "listing/resell-listing-renderer.h"
#include "imaging/resell-photo-edits.h"

/* A profile like eBay's but not square, for checking shapes. */
static const char free_shape_profile[] =
  "{\"version\":1,\"id\":\"free\",\"name\":\"Free shape\",\"long_edge\":1600,"
  "\"square\":false,\"margin\":0.06,\"quality\":88,\"min_quality\":70,"
  "\"max_bytes\":0,\"max_photos\":24,\"min_long_edge\":500,\"max_megapixels\":100}";

typedef struct
{
  char *dir;
} Fixture;

/* Fixture images ---------------------------------------------------------- */

static VipsImage *
flat_image (int    width,
            int    height,
            double r,
            double g,
            double b)
{
  g_autoptr(VipsImage) black = NULL;
  g_autoptr(VipsImage) colour = NULL;
  g_autoptr(VipsImage) uchar = NULL;
  double a[3] = { 1, 1, 1 };
  double c[3] = { r, g, b };
  VipsImage *memory;

  g_assert_cmpint (vips_black (&black, width, height, "bands", 3, NULL), ==, 0);
  g_assert_cmpint (vips_linear (black, &colour, a, c, 3, NULL), ==, 0);
  g_assert_cmpint (vips_cast (colour, &uchar, VIPS_FORMAT_UCHAR, NULL), ==, 0);

  /* In memory and ours, so it can be drawn on. */
  memory = vips_image_copy_memory (uchar);
  g_assert_nonnull (memory);
  vips_image_set_int (memory, "interpretation", VIPS_INTERPRETATION_sRGB);

  return memory;
}

static void
fill_rect (VipsImage *image,
           int        x,
           int        y,
           int        width,
           int        height,
           double     r,
           double     g,
           double     b)
{
  double ink[3] = { r, g, b };

  g_assert_cmpint (vips_draw_rect (image, ink, 3, x, y, width, height, "fill", TRUE, NULL), ==, 0);
}

/* A product (a darker rectangle) on a near-white backdrop. */
static VipsImage *
product_scene (int width,
               int height)
{
  VipsImage *image = flat_image (width, height, 235, 235, 235);

  fill_rect (image, width / 4, height / 4, width / 2, height / 2, 90, 80, 70);

  return image;
}

static GBytes *
save_jpeg (VipsImage *image,
           int        quality)
{
  void *buf = NULL;
  size_t len = 0;

  /* strip: fixtures get their metadata from us, spliced in below, as a
   * camera would write it. */
  g_assert_cmpint (vips_jpegsave_buffer (image, &buf, &len, "Q", quality, "strip", TRUE, NULL), ==, 0);

  return g_bytes_new_take (buf, len);
}

/* Inserts JPEG marker segments (APPn) right after the SOI marker. */
static GBytes *
splice_segments (GBytes     *jpeg,
                 guint8      marker,
                 const void *payload,
                 gsize       payload_len)
{
  const guint8 *data;
  gsize len;
  GByteArray *out = g_byte_array_new ();
  guint8 header[4];

  data = g_bytes_get_data (jpeg, &len);
  g_assert_cmpuint (len, >, 2);
  g_assert_cmpuint (data[0], ==, 0xff);
  g_assert_cmpuint (data[1], ==, 0xd8);
  g_assert_cmpuint (payload_len + 2, <=, 0xffff);

  header[0] = 0xff;
  header[1] = marker;
  header[2] = (payload_len + 2) >> 8;
  header[3] = (payload_len + 2) & 0xff;

  g_byte_array_append (out, data, 2);
  g_byte_array_append (out, header, 4);
  g_byte_array_append (out, payload, payload_len);
  g_byte_array_append (out, data + 2, len - 2);

  return g_byte_array_free_to_bytes (out);
}

static void
add_ascii (ExifData   *ed,
           ExifIfd     ifd,
           ExifTag     tag,
           const char *value)
{
  ExifEntry *entry = exif_entry_new ();
  gsize len = strlen (value) + 1;

  entry->tag = tag;
  exif_content_add_entry (ed->ifd[ifd], entry);
  entry->format = EXIF_FORMAT_ASCII;
  entry->components = len;
  entry->size = len;
  entry->data = malloc (len);
  memcpy (entry->data, value, len);
  exif_entry_unref (entry);
}

static void
add_raw (ExifData     *ed,
         ExifIfd       ifd,
         ExifTag       tag,
         ExifFormat    format,
         gulong        components,
         const guint8 *bytes,
         gsize         size)
{
  ExifEntry *entry = exif_entry_new ();

  entry->tag = tag;
  exif_content_add_entry (ed->ifd[ifd], entry);
  entry->format = format;
  entry->components = components;
  entry->size = size;
  entry->data = malloc (size);
  memcpy (entry->data, bytes, size);
  exif_entry_unref (entry);
}

/* What a careless camera writes: where, whose, which body and lens, maker
 * notes and a thumbnail. */
static GBytes *
private_exif (int orientation)
{
  static const guint8 gps_version[4] = { 2, 3, 0, 0 };
  static const guint8 maker_note[] = "ACME\0\0\0\0secret maker note data";
  ExifData *ed = exif_data_new ();
  ExifByteOrder order = EXIF_BYTE_ORDER_INTEL;
  guint8 latitude[24];
  guint8 orientation_bytes[2];
  g_autoptr(GBytes) thumbnail = NULL;
  g_autoptr(VipsImage) thumb_image = NULL;
  unsigned char *data = NULL;
  unsigned int len = 0;
  GBytes *bytes;

  exif_data_unset_option (ed, EXIF_DATA_OPTION_FOLLOW_SPECIFICATION);
  exif_data_set_byte_order (ed, order);
  exif_data_set_data_type (ed, EXIF_DATA_TYPE_COMPRESSED);

  add_ascii (ed, EXIF_IFD_0, EXIF_TAG_MAKE, "ACME");
  add_ascii (ed, EXIF_IFD_0, EXIF_TAG_MODEL, "ACME Shooter 5");
  add_ascii (ed, EXIF_IFD_0, EXIF_TAG_ARTIST, "Jane Private");
  exif_set_short (orientation_bytes, order, orientation);
  add_raw (ed, EXIF_IFD_0, EXIF_TAG_ORIENTATION, EXIF_FORMAT_SHORT, 1, orientation_bytes, 2);

  add_ascii (ed, EXIF_IFD_EXIF, EXIF_TAG_DATE_TIME_ORIGINAL, "2024:03:01 10:11:12");
  add_ascii (ed, EXIF_IFD_EXIF, EXIF_TAG_BODY_SERIAL_NUMBER, "BODY123456");
  add_ascii (ed, EXIF_IFD_EXIF, EXIF_TAG_LENS_SERIAL_NUMBER, "LENS654321");
  add_ascii (ed, EXIF_IFD_EXIF, EXIF_TAG_CAMERA_OWNER_NAME, "Jane Owner");
  add_raw (ed, EXIF_IFD_EXIF, EXIF_TAG_MAKER_NOTE, EXIF_FORMAT_UNDEFINED,
           sizeof maker_note, maker_note, sizeof maker_note);

  add_raw (ed, EXIF_IFD_GPS, (ExifTag)EXIF_TAG_GPS_VERSION_ID, EXIF_FORMAT_BYTE, 4, gps_version, 4);
  add_ascii (ed, EXIF_IFD_GPS, (ExifTag)EXIF_TAG_GPS_LATITUDE_REF, "N");
  exif_set_rational (latitude, order, (ExifRational) { 51, 1 });
  exif_set_rational (latitude + 8, order, (ExifRational) { 30, 1 });
  exif_set_rational (latitude + 16, order, (ExifRational) { 1234, 100 });
  add_raw (ed, EXIF_IFD_GPS, (ExifTag)EXIF_TAG_GPS_LATITUDE, EXIF_FORMAT_RATIONAL, 3, latitude, 24);

  /* The thumbnail; libexif frees it with free(). */
  thumb_image = flat_image (160, 120, 200, 10, 10);
  thumbnail = save_jpeg (thumb_image, 80);
  ed->size = g_bytes_get_size (thumbnail);
  ed->data = malloc (ed->size);
  memcpy (ed->data, g_bytes_get_data (thumbnail, NULL), ed->size);

  exif_data_save_data (ed, &data, &len);
  exif_data_unref (ed);
  g_assert_nonnull (data);

  bytes = g_bytes_new (data, len);
  free (data);

  return bytes;
}

static GBytes *
with_private_metadata (GBytes *jpeg,
                       int     orientation)
{
  static const char xmp[] =
    "http://ns.adobe.com/xap/1.0/\0"
    "<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>"
    "<rdf:Description rdf:about='' xmlns:dc='http://purl.org/dc/elements/1.1/'"
    " xmlns:exif='http://ns.adobe.com/exif/1.0/'>"
    "<dc:creator><rdf:Seq><rdf:li>Jane Private</rdf:li></rdf:Seq></dc:creator>"
    "<exif:GPSLatitude>51,30.2N</exif:GPSLatitude>"
    "</rdf:Description></rdf:RDF></x:xmpmeta>";
  /* Photoshop IRB with one IPTC record, 2:80 By-line. */
  static const guint8 iptc[] = {
    'P', 'h', 'o', 't', 'o', 's', 'h', 'o', 'p', ' ', '3', '.', '0', 0,
    '8', 'B', 'I', 'M', 0x04, 0x04, 0, 0, 0, 0, 0, 12,
    0x1c, 0x02, 0x50, 0x00, 0x07, 'J', 'a', 'n', 'e', ' ', 'P', 'r', 'i',
  };
  g_autoptr(GBytes) exif = private_exif (orientation);
  g_autoptr(GBytes) with_iptc = NULL;
  g_autoptr(GBytes) with_xmp = NULL;

  /* Spliced in reverse, each right after SOI: EXIF ends up first. */
  with_iptc = splice_segments (jpeg, 0xed, iptc, sizeof iptc - 1);
  with_xmp = splice_segments (with_iptc, 0xe1, xmp, sizeof xmp - 1);

  return splice_segments (with_xmp, 0xe1, g_bytes_get_data (exif, NULL), g_bytes_get_size (exif));
}

/* The picture as a person sees it: 4000 × 6000 (portrait), a product of
 * 1600 × 3000 in the middle with a red band along its top.  Stored as a
 * camera held upright stores it: 6000 × 4000 with EXIF Orientation 6. */
#define BIG_SHOWN_W 4000
#define BIG_SHOWN_H 6000
#define BIG_PRODUCT_X 1200
#define BIG_PRODUCT_Y 1500
#define BIG_PRODUCT_W 1600
#define BIG_PRODUCT_H 3000
#define BIG_MARKER_H 300

static GBytes *big_fixture;

static GBytes *
get_big_fixture (void)
{
  if (big_fixture == NULL)
    {
      g_autoptr(VipsImage) shown = flat_image (BIG_SHOWN_W, BIG_SHOWN_H, 235, 235, 235);
      g_autoptr(VipsImage) stored = NULL;
      g_autoptr(GBytes) plain = NULL;

      fill_rect (shown, BIG_PRODUCT_X, BIG_PRODUCT_Y, BIG_PRODUCT_W, BIG_PRODUCT_H, 90, 80, 70);
      fill_rect (shown, BIG_PRODUCT_X, BIG_PRODUCT_Y, BIG_PRODUCT_W, BIG_MARKER_H, 200, 30, 30);

      /* Orientation 6 says "turn me a quarter clockwise to show me". */
      g_assert_cmpint (vips_rot (shown, &stored, VIPS_ANGLE_D270, NULL), ==, 0);
      g_assert_cmpint (vips_image_get_width (stored), ==, 6000);

      plain = save_jpeg (stored, 90);
      big_fixture = with_private_metadata (plain, 6);
    }

  return big_fixture;
}

/* Reading results --------------------------------------------------------- */

static VipsImage *
decode (GBytes *jpeg)
{
  g_autoptr(VipsImage) image = NULL;
  VipsImage *memory;
  gsize len;
  const void *data = g_bytes_get_data (jpeg, &len);

  image = vips_image_new_from_buffer (data, len, "", NULL);
  g_assert_nonnull (image);
  memory = vips_image_copy_memory (image);
  g_assert_nonnull (memory);

  return memory;
}

/* Mean of a region, per band (8-bit, in memory). */
static void
region_mean (VipsImage *image,
             int        x,
             int        y,
             int        width,
             int        height,
             double     out[3])
{
  int bands = vips_image_get_bands (image);
  double sum[3] = { 0 };

  g_assert_cmpint (vips_image_get_format (image), ==, VIPS_FORMAT_UCHAR);
  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x + width, <=, vips_image_get_width (image));
  g_assert_cmpint (y + height, <=, vips_image_get_height (image));

  for (int j = y; j < y + height; j++)
    for (int i = x; i < x + width; i++)
      {
        const guint8 *p = VIPS_IMAGE_ADDR (image, i, j);

        for (int b = 0; b < 3; b++)
          sum[b] += p[MIN (b, bands - 1)];
      }

  for (int b = 0; b < 3; b++)
    out[b] = sum[b] / ((double)width * height);
}

static void
pixel (VipsImage *image,
       int        x,
       int        y,
       double     out[3])
{
  region_mean (image, x, y, 1, 1, out);
}

#define assert_colour(c, r, g, b, tolerance) \
  G_STMT_START { \
    g_assert_cmpfloat_with_epsilon ((c)[0], (r), (tolerance)); \
    g_assert_cmpfloat_with_epsilon ((c)[1], (g), (tolerance)); \
    g_assert_cmpfloat_with_epsilon ((c)[2], (b), (tolerance)); \
  } G_STMT_END

static double
saturation (const double c[3])
{
  return MAX (MAX (c[0], c[1]), c[2]) - MIN (MIN (c[0], c[1]), c[2]);
}

/* exiftool ---------------------------------------------------------------- */

/* Everything exiftool finds in @path, one member per tag, named
 * "Group:Tag" (-G1) with numeric values (-n); NULL when exiftool is not
 * installed. */
static JsonObject *
run_exiftool (const char *path)
{
  g_autofree char *exiftool = g_find_program_in_path ("exiftool");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { NULL, "-j", "-a", "-G1", "-n", path, NULL };
  int status = 0;
  JsonNode *root;
  JsonArray *array;

  if (exiftool == NULL)
    return NULL;

  argv[0] = exiftool;
  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);

  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, 1);

  return json_object_ref (json_array_get_object_element (array, 0));
}

static gboolean
has_tag_containing (JsonObject *tags,
                    const char *needle)
{
  g_autoptr(GList) members = json_object_get_members (tags);

  for (const GList *l = members; l; l = l->next)
    {
      if (strstr (l->data, needle) != NULL)
        {
          g_test_message ("found tag %s", (const char *)l->data);
          return TRUE;
        }
    }

  return FALSE;
}

/* The policy: nothing private, upright, and the copyright if any. */
static void
assert_metadata_clean (JsonObject *tags,
                       const char *copyright)
{
  static const char * const forbidden[] = {
    "GPS", "SerialNumber", "Artist", "OwnerName", "MakerNote", "Thumbnail",
    "IFD1:", "XMP", "IPTC", "Photoshop", "ICC", "Make", "Model", "DateTimeOriginal",
    "By-line", "Creator",
  };

  for (guint i = 0; i < G_N_ELEMENTS (forbidden); i++)
    {
      if (has_tag_containing (tags, forbidden[i]))
        g_error ("listing image still has %s metadata", forbidden[i]);
    }

  if (json_object_has_member (tags, "IFD0:Orientation"))
    g_assert_cmpint (json_object_get_int_member (tags, "IFD0:Orientation"), ==, 1);

  if (copyright != NULL)
    {
      g_assert_true (json_object_has_member (tags, "IFD0:Copyright"));
      g_assert_cmpstr (json_object_get_string_member (tags, "IFD0:Copyright"), ==, copyright);
    }
  else
    {
      g_assert_false (has_tag_containing (tags, "Copyright"));
    }
}

/* Test plumbing ----------------------------------------------------------- */

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)))
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            remove_tree (child);
          else
            g_unlink (child);
        }
    }

  g_rmdir (path);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("resell-listing-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->dir);
}

static ResellListingProfile *
ebay_profile (void)
{
  g_autoptr(GError) error = NULL;
  ResellListingProfile *profile = resell_listing_profile_load_builtin ("ebay", &error);

  g_assert_no_error (error);
  g_assert_nonnull (profile);

  return profile;
}

static ResellListingProfile *
inline_profile (const char *json)
{
  g_autoptr(GError) error = NULL;
  ResellListingProfile *profile = resell_listing_profile_new_from_data ("inline.json", json, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (profile);

  return profile;
}

static ResellPhotoEdits *
plain_edits (void)
{
  ResellPhotoEdits *edits = resell_photo_edits_new ();

  edits->auto_trim = FALSE;
  edits->whiten = FALSE;

  return edits;
}

static VipsImage *
render_ok (const char             *path,
           const ResellPhotoEdits *edits,
           ResellListingProfile   *profile,
           const char             *copyright,
           ResellListingInfo      *info)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  ResellListingInfo local_info;

  bytes = resell_listing_render (path, edits, profile, copyright,
                                 info ? info : &local_info, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);

  return decode (bytes);
}

/* Profiles ---------------------------------------------------------------- */

static void
test_profile_builtin (void)
{
  g_autoptr(ResellListingProfile) profile = ebay_profile ();
  g_autoptr(ResellListingProfile) again = ebay_profile ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ResellListingProfile) missing = NULL;
  g_autofree char *id = NULL;
  const char *digest;
  int long_edge = 0;

  g_assert_cmpstr (resell_listing_profile_get_id (profile), ==, "ebay");
  g_assert_cmpstr (resell_listing_profile_get_name (profile), ==, "eBay");
  g_assert_cmpint (resell_listing_profile_get_long_edge (profile), ==, 1600);
  g_assert_true (resell_listing_profile_get_square (profile));
  g_assert_cmpfloat_with_epsilon (resell_listing_profile_get_margin (profile), 0.06, 1e-9);
  g_assert_cmpint (resell_listing_profile_get_quality (profile), ==, 88);
  g_assert_cmpint (resell_listing_profile_get_min_quality (profile), ==, 70);
  g_assert_cmpint (resell_listing_profile_get_max_bytes (profile), ==, 2000000);
  g_assert_cmpint (resell_listing_profile_get_max_photos (profile), ==, 24);
  g_assert_cmpint (resell_listing_profile_get_min_long_edge (profile), ==, 500);
  g_assert_cmpfloat_with_epsilon (resell_listing_profile_get_max_megapixels (profile), 100, 1e-9);

  g_object_get (profile, "id", &id, "long-edge", &long_edge, NULL);
  g_assert_cmpstr (id, ==, "ebay");
  g_assert_cmpint (long_edge, ==, 1600);

  digest = resell_listing_profile_get_digest (profile);
  g_assert_cmpuint (strlen (digest), ==, 16);
  g_assert_cmpstr (digest, ==, resell_listing_profile_get_digest (again));

  /* Files from before "format" and "internal": JPEG, offered to sellers,
   * and the digest they always had, so their cached images stay valid. */
  g_assert_cmpint (resell_listing_profile_get_format (profile), ==, RESELL_LISTING_FORMAT_JPEG);
  g_assert_cmpstr (resell_listing_profile_get_extension (profile), ==, "jpg");
  g_assert_cmpstr (resell_listing_profile_get_mime_type (profile), ==, "image/jpeg");
  g_assert_false (resell_listing_profile_get_internal (profile));
  g_assert_cmpstr (digest, ==, "865dc4af6902cc6e");

  missing = resell_listing_profile_load_builtin ("no-such-marketplace", &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (missing);
  g_assert_nonnull (strstr (error->message, "no-such-marketplace"));
  g_clear_error (&error);

  missing = resell_listing_profile_load_builtin ("../categories/shoes", &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (missing);

  g_assert_finalize_object (g_steal_pointer (&profile));
}

static void
test_profile_invalid (void)
{
  static const struct {
    const char *json;
    const char *expected;  /* in the message */
  } cases[] = {
    { "", "empty" },
    { "[1]", "curly braces" },
    { "{\"version\":1,", "bad.json:1:" },
    { "{\"version\":2}", "version 2" },
    { "{\"version\":1,\"id\":\"x\",\"nme\":\"X\"}", "“nme”" },
    { "{\"version\":1,\"id\":\"x\",\"name\":\"X\"}", "long_edge" },
    { "{\"version\":1,\"id\":\"x\",\"id\":\"y\",\"name\":\"X\"}", "twice" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ResellListingProfile) profile = NULL;

      profile = resell_listing_profile_new_from_data ("bad.json", cases[i].json, -1, &error);
      g_assert_null (profile);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_test_message ("%s → %s", cases[i].json, error->message);
      g_assert_true (g_str_has_prefix (error->message, "bad.json:"));
      g_assert_nonnull (strstr (error->message, cases[i].expected));
    }

  /* Each value out of range or of the wrong type, one at a time. */
  {
    static const struct {
      const char *from;
      const char *to;
      const char *expected;
    } edits[] = {
      { "\"long_edge\":1600", "\"long_edge\":20", "“long_edge” is 20" },
      { "\"long_edge\":1600", "\"long_edge\":\"1600\"", "whole number" },
      { "\"square\":false", "\"square\":1", "true or false" },
      { "\"margin\":0.06", "\"margin\":0.6", "“margin” is 0.6" },
      { "\"quality\":88", "\"quality\":120", "“quality” is 120" },
      { "\"min_quality\":70", "\"min_quality\":95", "“min_quality” is 95" },
      { "\"max_bytes\":0", "\"max_bytes\":-1", "“max_bytes” is -1" },
      { "\"max_bytes\":0", "\"max_bytes\":500", "at least 10000" },
      { "\"min_long_edge\":500", "\"min_long_edge\":2000", "“min_long_edge” is 2000" },
      { "\"max_megapixels\":100", "\"max_megapixels\":0", "“max_megapixels” is 0" },
      { "\"id\":\"free\"", "\"id\":\"Free Shape\"", "not a valid id" },
      { "\"name\":\"Free shape\"", "\"name\":\"\"", "empty" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(ResellListingProfile) profile = NULL;
        g_autoptr(GString) json = g_string_new (free_shape_profile);

        g_assert_cmpuint (g_string_replace (json, edits[i].from, edits[i].to, 1), ==, 1);
        profile = resell_listing_profile_new_from_data ("bad.json", json->str, -1, &error);
        g_assert_null (profile);
        g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
        g_test_message ("%s → %s", edits[i].to, error->message);
        g_assert_true (g_str_has_prefix (error->message, "bad.json:"));
        g_assert_nonnull (strstr (error->message, edits[i].expected));
      }
  }

  /* Line numbers point at the key. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ResellListingProfile) profile = NULL;

    profile = resell_listing_profile_new_from_data ("lines.json",
                                                    "{\n\"version\": 1,\n\"id\": \"x\",\n\"colour\": 1\n}",
                                                    -1, &error);
    g_assert_null (profile);
    g_assert_true (g_str_has_prefix (error->message, "lines.json:4:"));
  }

  /* Digests differ with any setting. */
  {
    g_autoptr(ResellListingProfile) a = inline_profile (free_shape_profile);
    g_autoptr(GString) json = g_string_new (free_shape_profile);
    g_autoptr(ResellListingProfile) b = NULL;

    g_string_replace (json, "\"quality\":88", "\"quality\":87", 1);
    b = inline_profile (json->str);
    g_assert_cmpstr (resell_listing_profile_get_digest (a), !=, resell_listing_profile_get_digest (b));
  }
}

/* free_shape_profile with @extra members added at its end. */
static char *
free_shape_with (const char *extra)
{
  g_autoptr(GString) json = g_string_new (free_shape_profile);

  g_assert_cmpuint (g_string_replace (json, "}", extra, 1), ==, 1);

  return g_string_free (g_steal_pointer (&json), FALSE);
}

static void
test_profile_format (void)
{
  g_autoptr(ResellListingProfile) plain = inline_profile (free_shape_profile);
  g_autofree char *webp_json = free_shape_with (",\"format\":\"webp\"}");
  g_autofree char *jpeg_json = free_shape_with (",\"format\":\"jpeg\"}");
  g_autofree char *internal_json = free_shape_with (",\"internal\":true}");
  g_autoptr(ResellListingProfile) webp = inline_profile (webp_json);
  g_autoptr(ResellListingProfile) jpeg = inline_profile (jpeg_json);
  g_autoptr(ResellListingProfile) internal = inline_profile (internal_json);
  ResellListingFormat format = RESELL_LISTING_FORMAT_JPEG;
  gboolean is_internal = TRUE;

  /* Absent keys: JPEG, not internal. */
  g_assert_cmpint (resell_listing_profile_get_format (plain), ==, RESELL_LISTING_FORMAT_JPEG);
  g_assert_false (resell_listing_profile_get_internal (plain));
  g_object_get (plain, "format", &format, "internal", &is_internal, NULL);
  g_assert_cmpint (format, ==, RESELL_LISTING_FORMAT_JPEG);
  g_assert_false (is_internal);

  g_assert_cmpint (resell_listing_profile_get_format (webp), ==, RESELL_LISTING_FORMAT_WEBP);
  g_assert_cmpstr (resell_listing_profile_get_extension (webp), ==, "webp");
  g_assert_cmpstr (resell_listing_profile_get_mime_type (webp), ==, "image/webp");
  g_object_get (webp, "format", &format, NULL);
  g_assert_cmpint (format, ==, RESELL_LISTING_FORMAT_WEBP);

  g_assert_true (resell_listing_profile_get_internal (internal));
  g_object_get (internal, "internal", &is_internal, NULL);
  g_assert_true (is_internal);

  /* The format changes the images, so the cache key; writing the default
   * out, or where the profile is offered, does not. */
  g_assert_cmpstr (resell_listing_profile_get_digest (plain), !=,
                   resell_listing_profile_get_digest (webp));
  g_assert_cmpstr (resell_listing_profile_get_digest (plain), ==,
                   resell_listing_profile_get_digest (jpeg));
  g_assert_cmpstr (resell_listing_profile_get_digest (plain), ==,
                   resell_listing_profile_get_digest (internal));

  /* Bad values name the key, in the loader's "<file>:<line>:" form. */
  {
    static const struct {
      const char *extra;
      const char *expected[2];
    } cases[] = {
      { ",\"format\":\"png\"}", { "“format” is “png”", "“webp”" } },
      { ",\"format\":\"JPEG\"}", { "“format” is “JPEG”", "“jpeg”" } },
      { ",\"format\":1}", { "“format”", "text in quotes" } },
      { ",\"format\":\"\"}", { "“format”", "empty" } },
      { ",\"internal\":\"yes\"}", { "“internal”", "true or false" } },
      { ",\"internal\":null}", { "“internal”", "true or false" } },
      { ",\"formats\":\"webp\"}", { "“formats”", "format, internal" } },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(ResellListingProfile) profile = NULL;
        g_autofree char *json = free_shape_with (cases[i].extra);

        profile = resell_listing_profile_new_from_data ("bad.json", json, -1, &error);
        g_assert_null (profile);
        g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
        g_test_message ("%s → %s", cases[i].extra, error->message);
        g_assert_true (g_str_has_prefix (error->message, "bad.json:1: "));
        g_assert_nonnull (strstr (error->message, cases[i].expected[0]));
        g_assert_nonnull (strstr (error->message, cases[i].expected[1]));
      }
  }

  /* The line is the key's. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ResellListingProfile) profile = NULL;
    g_autoptr(GString) json = g_string_new (free_shape_profile);

    g_string_replace (json, "\"version\":1,", "\"version\":1,\n\n\"format\":\"png\",\n", 1);
    profile = resell_listing_profile_new_from_data ("lines.json", json->str, -1, &error);
    g_assert_null (profile);
    g_assert_true (g_str_has_prefix (error->message, "lines.json:3: "));
  }
}

static void
test_profile_summary (void)
{
  g_autoptr(ResellListingProfile) ebay = ebay_profile ();
  g_autofree char *webp_json = free_shape_with (",\"format\":\"webp\"}");
  g_autoptr(ResellListingProfile) webp = inline_profile (webp_json);
  g_autoptr(GString) one_json = g_string_new (free_shape_profile);
  g_autoptr(ResellListingProfile) one = NULL;
  g_autofree char *ebay_summary = resell_listing_profile_dup_summary (ebay);
  g_autofree char *webp_summary = resell_listing_profile_dup_summary (webp);
  g_autofree char *one_summary = NULL;

  g_string_replace (one_json, "\"max_photos\":24", "\"max_photos\":1", 1);
  one = inline_profile (one_json->str);
  one_summary = resell_listing_profile_dup_summary (one);

  g_assert_cmpstr (ebay_summary, ==, "1600 px square JPEG, up to 24 photos");
  g_assert_cmpstr (webp_summary, ==, "1600 px WebP, up to 24 photos");
  g_assert_cmpstr (one_summary, ==, "1600 px JPEG, up to 1 photo");
}

static void
test_profile_list_builtin (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) profiles = resell_listing_profile_list_builtin (&error);
  g_autoptr(ResellListingProfile) preview = NULL;
  gboolean has_etsy = FALSE, has_web_shop = FALSE;

  g_assert_no_error (error);
  g_assert_nonnull (profiles);
  g_assert_cmpuint (profiles->len, >=, 3);

  g_assert_cmpstr (resell_listing_profile_get_id (g_ptr_array_index (profiles, 0)), ==, "ebay");

  for (guint i = 0; i < profiles->len; i++)
    {
      ResellListingProfile *profile = g_ptr_array_index (profiles, i);
      const char *id = resell_listing_profile_get_id (profile);

      g_test_message ("%u: %s (%s)", i, id, resell_listing_profile_get_name (profile));
      g_assert_false (resell_listing_profile_get_internal (profile));
      g_assert_cmpstr (id, !=, "preview");
      has_etsy |= g_str_equal (id, "etsy");
      has_web_shop |= g_str_equal (id, "web-shop");

      /* After eBay, by name. */
      if (i >= 2)
        g_assert_cmpint (g_utf8_collate (resell_listing_profile_get_name (g_ptr_array_index (profiles, i - 1)),
                                         resell_listing_profile_get_name (profile)), <=, 0);
    }

  g_assert_true (has_etsy);
  g_assert_true (has_web_shop);

  /* The previews' profile is built in, just not offered. */
  preview = resell_listing_profile_load_builtin ("preview", &error);
  g_assert_no_error (error);
  g_assert_true (resell_listing_profile_get_internal (preview));

  /* The two profiles' values, as docs/listing-images.md gives them. */
  {
    g_autoptr(ResellListingProfile) etsy = resell_listing_profile_load_builtin ("etsy", &error);
    g_autoptr(ResellListingProfile) web_shop = NULL;

    g_assert_no_error (error);
    g_assert_cmpstr (resell_listing_profile_get_name (etsy), ==, "Etsy");
    g_assert_cmpint (resell_listing_profile_get_long_edge (etsy), ==, 2000);
    g_assert_true (resell_listing_profile_get_square (etsy));
    g_assert_cmpint (resell_listing_profile_get_max_bytes (etsy), ==, 10000000);
    g_assert_cmpint (resell_listing_profile_get_max_photos (etsy), ==, 10);
    g_assert_cmpint (resell_listing_profile_get_format (etsy), ==, RESELL_LISTING_FORMAT_JPEG);

    web_shop = resell_listing_profile_load_builtin ("web-shop", &error);
    g_assert_no_error (error);
    g_assert_cmpint (resell_listing_profile_get_long_edge (web_shop), ==, 2048);
    g_assert_false (resell_listing_profile_get_square (web_shop));
    g_assert_cmpfloat_with_epsilon (resell_listing_profile_get_margin (web_shop), 0.04, 1e-9);
    g_assert_cmpint (resell_listing_profile_get_quality (web_shop), ==, 82);
    g_assert_cmpint (resell_listing_profile_get_min_quality (web_shop), ==, 60);
    g_assert_cmpint (resell_listing_profile_get_max_bytes (web_shop), ==, 500000);
    g_assert_cmpint (resell_listing_profile_get_max_photos (web_shop), ==, 50);
    g_assert_cmpint (resell_listing_profile_get_format (web_shop), ==, RESELL_LISTING_FORMAT_WEBP);
  }
}

/* Edits ------------------------------------------------------------------- */

static void
test_edits_json (void)
{
  g_autoptr(ResellPhotoEdits) edits = resell_photo_edits_new ();
  g_autoptr(ResellPhotoEdits) parsed = NULL;
  g_autoptr(ResellPhotoEdits) defaults = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *again = NULL;
  g_autofree char *default_json = NULL;
  static const char * const bad[] = {
    "{\"rotate\":45}",
    "{\"rotate\":90.5}",
    "{\"rotate\":99999999999}",
    "{\"straighten\":20}",
    "{\"straighten\":\"a\"}",
    "{\"crop\":{\"x\":0.5,\"y\":0,\"width\":0.6,\"height\":1}}",
    "{\"crop\":{\"x\":0,\"y\":0,\"width\":0,\"height\":1}}",
    "{\"crop\":{\"x\":-0.1,\"y\":0,\"width\":0.5,\"height\":1}}",
    "{\"crop\":{\"x\":0,\"y\":0,\"width\":0.5}}",
    "{\"crop\":[0,0,1,1]}",
    "{\"auto_trim\":1}",
    "{\"rotation\":90}",
    "[]",
    "{",
  };

  /* Defaults. */
  g_assert_cmpint (edits->rotate, ==, 0);
  g_assert_false (edits->has_crop);
  g_assert_true (edits->auto_trim);
  g_assert_true (edits->whiten);
  default_json = resell_photo_edits_to_json (edits);

  defaults = resell_photo_edits_from_json (NULL, &error);
  g_assert_no_error (error);
  g_assert_true (memcmp (defaults, edits, sizeof *edits) == 0);
  g_clear_pointer (&defaults, resell_photo_edits_free);
  defaults = resell_photo_edits_from_json ("", &error);
  g_assert_no_error (error);
  g_clear_pointer (&defaults, resell_photo_edits_free);
  defaults = resell_photo_edits_from_json ("{}", &error);
  g_assert_no_error (error);
  json = resell_photo_edits_to_json (defaults);
  g_assert_cmpstr (json, ==, default_json);
  g_clear_pointer (&json, g_free);

  /* Round trip. */
  edits->rotate = 270;
  edits->straighten = -3.25;
  edits->has_crop = TRUE;
  edits->crop_x = 0.125;
  edits->crop_y = 0.2;
  edits->crop_width = 0.5;
  edits->crop_height = 0.75;
  edits->auto_trim = FALSE;
  json = resell_photo_edits_to_json (edits);
  g_test_message ("%s", json);
  parsed = resell_photo_edits_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_cmpint (parsed->rotate, ==, 270);
  g_assert_cmpfloat (parsed->straighten, ==, -3.25);
  g_assert_true (parsed->has_crop);
  g_assert_cmpfloat (parsed->crop_x, ==, 0.125);
  g_assert_cmpfloat (parsed->crop_y, ==, 0.2);
  g_assert_cmpfloat (parsed->crop_width, ==, 0.5);
  g_assert_cmpfloat (parsed->crop_height, ==, 0.75);
  g_assert_false (parsed->auto_trim);
  g_assert_true (parsed->whiten);
  again = resell_photo_edits_to_json (parsed);
  g_assert_cmpstr (again, ==, json);

  /* A copy is equal; the boxed type works. */
  {
    g_autoptr(ResellPhotoEdits) copy = resell_photo_edits_copy (parsed);

    g_assert_true (memcmp (copy, parsed, sizeof *copy) == 0);
    g_assert_true (G_TYPE_IS_BOXED (RESELL_TYPE_PHOTO_EDITS));
  }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(ResellPhotoEdits) invalid = resell_photo_edits_from_json (bad[i], &error);

      g_assert_null (invalid);
      g_assert_error (error, RESELL_LISTING_ERROR, RESELL_LISTING_ERROR_INVALID_EDIT);
      g_test_message ("%s → %s", bad[i], error->message);
      g_clear_error (&error);
    }

  edits->rotate = 45;
  g_assert_false (resell_photo_edits_validate (edits, &error));
  g_assert_error (error, RESELL_LISTING_ERROR, RESELL_LISTING_ERROR_INVALID_EDIT);
  g_clear_error (&error);
  edits->rotate = 0;
  edits->straighten = NAN;
  g_assert_false (resell_photo_edits_validate (edits, &error));
  g_clear_error (&error);
  edits->straighten = 15;
  g_assert_true (resell_photo_edits_validate (edits, &error));
}

/* The main case ----------------------------------------------------------- */

static void
test_render_ebay (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(ResellListingProfile) profile = ebay_profile ();
  g_autofree char *path = resell_test_write_bytes (f->dir, "IMG_0001.JPG", get_big_fixture ());
  g_autoptr(VipsImage) out = NULL;
  ResellListingInfo info = { 0 };
  double product_height, product_width, top, c[3];
  int centre = 800;

  out = render_ok (path, NULL, profile, NULL, &info);

  g_assert_cmpint (info.width, ==, 1600);
  g_assert_cmpint (info.height, ==, 1600);
  g_assert_cmpint (vips_image_get_width (out), ==, 1600);
  g_assert_cmpint (vips_image_get_height (out), ==, 1600);
  g_assert_cmpint (vips_image_get_bands (out), ==, 3);
  g_assert_cmpuint (info.n_bytes, <=, 2000000);
  g_assert_cmpint (info.quality, ==, 88);
  g_assert_cmpfloat (info.backdrop, >=, 228);
  g_assert_cmpfloat (info.backdrop, <=, 242);

  /* Trimmed to the product, 6 % margin: the product's height (the longer
   * side, portrait once upright) spans 88 % of the square. */
  product_height = 1600 * 0.88;
  product_width = product_height * BIG_PRODUCT_W / BIG_PRODUCT_H;
  top = centre - product_height / 2;

  /* Backdrop whitened: corners, and beside the product (a landscape
   * product would be there). */
  pixel (out, 2, 2, c);
  g_assert_cmpfloat (MIN (MIN (c[0], c[1]), c[2]), >=, 250);
  pixel (out, 1597, 1597, c);
  g_assert_cmpfloat (MIN (MIN (c[0], c[1]), c[2]), >=, 250);
  region_mean (out, (int)(centre - product_width / 2 - 60), centre - 20, 20, 40, c);
  g_assert_cmpfloat (MIN (MIN (c[0], c[1]), c[2]), >=, 250);
  region_mean (out, (int)(centre + product_width / 2 + 40), centre - 20, 20, 40, c);
  g_assert_cmpfloat (MIN (MIN (c[0], c[1]), c[2]), >=, 250);

  /* The red band is at the top: turned the right way. */
  region_mean (out, centre - 100, (int)(top + 20), 200, 40, c);
  assert_colour (c, 200, 30, 30, 12);
  region_mean (out, centre - 100, (int)(top + product_height - 60), 200, 40, c);
  assert_colour (c, 90, 80, 70, 6);

  /* Not clipped or lightened: the product keeps its colour. */
  region_mean (out, (int)(centre - product_width / 2 + 40), centre - 200,
               (int)(product_width - 80), 500, c);
  assert_colour (c, 90, 80, 70, 4);

  /* Above and below the product: margin, white. */
  region_mean (out, centre - 100, (int)(top - 40), 200, 20, c);
  g_assert_cmpfloat (MIN (MIN (c[0], c[1]), c[2]), >=, 250);
  region_mean (out, centre - 100, (int)(top + product_height + 20), 200, 20, c);
  g_assert_cmpfloat (MIN (MIN (c[0], c[1]), c[2]), >=, 250);
}

/* Whitening off: the backdrop keeps its measured colour, and the padding
 * matches it. */
static void
test_render_no_whitening (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(ResellListingProfile) profile = ebay_profile ();
  g_autoptr(ResellPhotoEdits) edits = resell_photo_edits_new ();
  g_autoptr(VipsImage) scene = product_scene (1200, 800);
  g_autoptr(GBytes) jpeg = save_jpeg (scene, 92);
  g_autofree char *path = resell_test_write_bytes (f->dir, "scene.jpg", jpeg);
  g_autoptr(VipsImage) out = NULL;
  ResellListingInfo info = { 0 };
  double c[3];

  edits->whiten = FALSE;
  out = render_ok (path, edits, profile, NULL, &info);

  /* Trimmed: 600 × 400 product + margin → 682 square, not enlarged. */
  g_assert_cmpint (info.width, ==, info.height);
  g_assert_cmpint (info.width, >=, 600);
  g_assert_cmpint (info.width, <=, 700);

  pixel (out, 1, 1, c);
  assert_colour (c, 235, 235, 235, 4);
  pixel (out, info.width / 2, info.height / 2, c);
  assert_colour (c, 90, 80, 70, 4);
}

/* A product with detail finer than a half-scale decode keeps (a 2 px
 * checkerboard) and small in a big photo: the renderer must decode its
 * region again at full scale rather than enlarge a blurred one. */
static void
test_render_small_product (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(ResellListingProfile) profile = ebay_profile ();
  g_autoptr(VipsImage) scene = flat_image (4000, 3000, 235, 235, 235);
  g_autoptr(VipsImage) tile = NULL;
  g_autoptr(VipsImage) checker = NULL;
  g_autoptr(VipsImage) composed = NULL;
  g_autoptr(GBytes) plain = NULL;
  guint8 pattern[4 * 4 * 3];

  for (int y = 0; y < 4; y++)
    for (int x = 0; x < 4; x++)
      for (int b = 0; b < 3; b++)
        pattern[(y * 4 + x) * 3 + b] = ((x / 2 + y / 2) % 2) ? 160 : 40;

  tile = vips_image_new_from_memory_copy (pattern, sizeof pattern, 4, 4, 3, VIPS_FORMAT_UCHAR);
  g_assert_cmpint (vips_replicate (tile, &checker, 150, 100, NULL), ==, 0);
  g_assert_cmpint (vips_insert (scene, checker, &composed, 1700, 1300, NULL), ==, 0);
  plain = save_jpeg (composed, 95);

  for (int orientation = 1; orientation <= 6; orientation += 5)
    {
      g_autoptr(GBytes) jpeg = with_private_metadata (plain, orientation);
      g_autofree char *name = g_strdup_printf ("small-product-%d.jpg", orientation);
      g_autofree char *path = resell_test_write_bytes (f->dir, name, jpeg);
      g_autoptr(ResellPhotoEdits) edits = resell_photo_edits_new ();
      g_autoptr(VipsImage) out = NULL;
      g_autoptr(VipsImage) centre = NULL;
      ResellListingInfo info = { 0 };
      double deviation = 0;

      /* A crop that keeps the product moves the region's origin. */
      if (orientation != 1)
        {
          edits->has_crop = TRUE;
          edits->crop_x = 0.1;
          edits->crop_y = 0.1;
          edits->crop_width = 0.8;
          edits->crop_height = 0.8;
        }

      out = render_ok (path, edits, profile, NULL, &info);
      g_test_message ("orientation %d: %d×%d", orientation, info.width, info.height);

      /* 600 px of product plus its margin: about 700 px, never 1600. */
      g_assert_cmpint (info.width, ==, info.height);
      g_assert_cmpint (info.width, >=, 680);
      g_assert_cmpint (info.width, <=, 760);

      /* The checkerboard keeps its contrast (about 65; a half-scale
       * decode enlarged gives about 43). */
      g_assert_cmpint (vips_crop (out, &centre, info.width / 2 - 50, info.height / 2 - 50,
                                  100, 100, NULL), ==, 0);
      g_assert_cmpint (vips_deviate (centre, &deviation, NULL), ==, 0);
      g_test_message ("orientation %d: deviation %.1f", orientation, deviation);
      g_assert_cmpfloat (deviation, >, 55);
    }
}

/* Metadata ---------------------------------------------------------------- */

static void
test_metadata (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(ResellListingProfile) profile = ebay_profile ();
  g_autofree char *path = resell_test_write_bytes (f->dir, "IMG_0002.JPG", get_big_fixture ());
  g_autofree char *exiftool = g_find_program_in_path ("exiftool");
  const char *copyright = "© 2024 Jane’s Vintage (shop)";
  g_autoptr(JsonObject) original_tags = NULL;

  if (exiftool == NULL)
    {
      g_test_skip ("exiftool is not installed (package libimage-exiftool-perl)");
      return;
    }

  /* The fixture really carries what must go. */
  original_tags = run_exiftool (path);
  g_assert_true (has_tag_containing (original_tags, "GPSLatitude"));
  g_assert_true (has_tag_containing (original_tags, "SerialNumber"));
  g_assert_true (has_tag_containing (original_tags, "Artist"));
  g_assert_true (has_tag_containing (original_tags, "OwnerName"));
  g_assert_true (has_tag_containing (original_tags, "ThumbnailImage"));
  g_assert_true (has_tag_containing (original_tags, "XMP"));
  g_assert_true (has_tag_containing (original_tags, "IPTC"));
  g_assert_cmpint (json_object_get_int_member (original_tags, "IFD0:Orientation"), ==, 6);

  for (int with_copyright = 0; with_copyright <= 1; with_copyright++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(JsonObject) tags = NULL;
      g_autofree char *out_path = NULL;
      const char *line = with_copyright ? copyright : NULL;

      bytes = resell_listing_render (path, NULL, profile, line, NULL, NULL, &error);
      g_assert_no_error (error);

      out_path = resell_test_write_bytes (f->dir, with_copyright ? "listing-c.jpg" : "listing.jpg", bytes);
      tags = run_exiftool (out_path);
      assert_metadata_clean (tags, line);
    }

  /* resell_listing_clean_metadata(): the same policy on any JPEG, with
   * the orientation applied to the pixels. */
  for (int with_copyright = 0; with_copyright <= 1; with_copyright++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) clean = NULL;
      g_autoptr(JsonObject) tags = NULL;
      g_autoptr(VipsImage) image = NULL;
      g_autofree char *out_path = NULL;
      const char *line = with_copyright ? "Jane Doe" : NULL;

      clean = resell_listing_clean_metadata (get_big_fixture (), line, &error);
      g_assert_no_error (error);
      g_assert_nonnull (clean);

      out_path = resell_test_write_bytes (f->dir, "clean.jpg", clean);
      tags = run_exiftool (out_path);
      assert_metadata_clean (tags, line);

      image = decode (clean);
      g_assert_cmpint (vips_image_get_width (image), ==, BIG_SHOWN_W);
      g_assert_cmpint (vips_image_get_height (image), ==, BIG_SHOWN_H);
    }

  /* Not a JPEG. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) text = g_bytes_new_static ("hello", 5);
    g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
    g_autoptr(GBytes) clean = NULL;
    g_autoptr(VipsImage) scene = flat_image (64, 64, 1, 2, 3);
    void *buf = NULL;
    size_t len = 0;
    g_autoptr(GBytes) png = NULL;

    clean = resell_listing_clean_metadata (text, NULL, &error);
    g_assert_null (clean);
    g_assert_error (error, RESELL_LISTING_ERROR, RESELL_LISTING_ERROR_UNREADABLE);
    g_clear_error (&error);

    clean = resell_listing_clean_metadata (empty, NULL, &error);
    g_assert_null (clean);
    g_assert_error (error, RESELL_LISTING_ERROR, RESELL_LISTING_ERROR_UNREADABLE);
    g_clear_error (&error);

    g_assert_cmpint (vips_pngsave_buffer (scene, &buf, &len, NULL), ==, 0);
    png = g_bytes_new_take (buf, len);
    clean = resell_listing_clean_metadata (png, NULL, &error);
    g_assert_null (clean);
    g_assert_error (error, RESELL_LISTING_ERROR, RESELL_LISTING_ERROR_UNREADABLE);
  }
}

/* Garbage where a camera puts EXIF: ignored, never trusted or copied. */
static void
test_hostile_exif (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(ResellListingProfile) profile = ebay_profile ();
  g_autoptr(VipsImage) scene = product_scene (1200, 800);
  g_autoptr(GBytes) plain = save_jpeg (scene, 90);
  g_autofree char *exiftool = g_find_program_in_path ("exiftool");
  /* A TIFF header whose first IFD points far outside the block, and one
   * whose IFD claims 65535 entries. */
  static const guint8 bad_offset[] = {
    'E', 'x', 'i', 'f', 0, 0, 'I', 'I', 42, 0, 0xff, 0xff, 0xff, 0x7f, 0, 0,
  };
  static const guint8 bad_count[] = {
    'E', 'x', 'i', 'f', 0, 0, 'M', 'M', 0, 42, 0, 0, 0, 8, 0xff, 0xff,
    0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x06, 0x00, 0x00,
  };
  guint8 random_block[600];

  resell_test_allow_vips_warnings ();

  memcpy (random_block, "Exif\0\0", 6);
  for (gsize i = 6; i < sizeof random_block; i++)
    random_block[i] = g_test_rand_int_range (0, 256);

  {
    const struct {
      const guint8 *data;
      gsize len;
    } blocks[] = {
      { random_block, sizeof random_block },
      { random_block + 6, sizeof random_block - 6 },
      { bad_offset, sizeof bad_offset },
      { bad_count, sizeof bad_count },
    };

    for (guint i = 0; i < G_N_ELEMENTS (blocks); i++)
      {
        g_autoptr(GBytes) hostile = splice_segments (plain, 0xe1, blocks[i].data, blocks[i].len);
        g_autofree char *name = g_strdup_printf ("hostile-%u.jpg", i);
        g_autofree char *path = resell_test_write_bytes (f->dir, name, hostile);
        g_autoptr(GError) error = NULL;
        g_autoptr(GBytes) bytes = NULL;
        g_autoptr(GBytes) clean = NULL;
        ResellListingInfo info = { 0 };

        bytes = resell_listing_render (path, NULL, profile, "Jane", &info, NULL, &error);
        g_assert_no_error (error);
        g_assert_nonnull (bytes);
        g_assert_cmpint (info.width, ==, info.height);

        clean = resell_listing_clean_metadata (hostile, NULL, &error);
        g_assert_no_error (error);
        g_assert_nonnull (clean);

        if (exiftool != NULL)
          {
            g_autofree char *out_path = resell_test_write_bytes (f->dir, "out.jpg", bytes);
            g_autofree char *clean_path = resell_test_write_bytes (f->dir, "clean.jpg", clean);
            g_autoptr(JsonObject) tags = run_exiftool (out_path);
            g_autoptr(JsonObject) clean_tags = run_exiftool (clean_path);

            assert_metadata_clean (tags, "Jane");
            assert_metadata_clean (clean_tags, NULL);
          }
      }
  }
}

/* Edits ------------------------------------------------------------------- */

/* A landscape picture with a blue bar along its left edge. */
static VipsImage *
left_marked_scene (int width,
                   int height)
{
  VipsImage *image = flat_image (width, height, 235, 235, 235);

  fill_rect (image, 0, 0, width / 10, height, 20, 40, 220);

  return image;
}

static void
test_edit_rotate (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(ResellListingProfile) profile = inline_profile (free_shape_profile);
  g_autoptr(ResellPhotoEdits) edits = plain_edits ();
  g_autoptr(VipsImage) scene = left_marked_scene (1200, 800);
  g_autoptr(GBytes) jpeg = save_jpeg (scene, 92);
  g_autofree char *path = resell_test_write_bytes (f->dir, "landscape.jpg", jpeg);
  g_autoptr(VipsImage) straight = NULL;
  g_autoptr(VipsImage) turned = NULL;
  g_autoptr(VipsImage) back = NULL;
  ResellListingInfo info = { 0 };
  double c[3];

  straight = render_ok (path, edits, profile, NULL, &info);
  g_assert_cmpint (info.width, ==, 1200);
  g_assert_cmpint (info.height, ==, 800);

  /* A quarter turn clockwise: portrait, the left edge now on top. */
  edits->rotate = 90;
  turned = render_ok (path, edits, profile, NULL, &info);
  g_assert_cmpint (info.width, ==, 800);
  g_assert_cmpint (info.height, ==, 1200);
  region_mean (turned, 100, 20, 600, 60, c);
  assert_colour (c, 20, 40, 220, 8);
  region_mean (turned, 100, 1100, 600, 60, c);
  assert_colour (c, 235, 235, 235, 4);

  edits->rotate = 270;
  back = render_ok (path, edits, profile, NULL, &info);
  g_assert_cmpint (info.width, ==, 800);
  region_mean (back, 100, 1120, 600, 60, c);
  assert_colour (c, 20, 40, 220, 8);
}

static void
test_edit_crop (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(ResellListingProfile) profile = inline_profile (free_shape_profile);
  g_autoptr(ResellListingProfile) ebay = ebay_profile ();
  g_autoptr(ResellPhotoEdits) edits = plain_edits ();
  g_autoptr(VipsImage) scene = flat_image (1600, 1200, 250, 20, 20);
  g_autoptr(GBytes) jpeg = NULL;
  g_autofree char *path = NULL;
  g_autoptr(VipsImage) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) none = NULL;
  ResellListingInfo info = { 0 };
  double c[3];

  /* Quadrants: red, green / blue, yellow. */
  fill_rect (scene, 800, 0, 800, 600, 20, 220, 20);
  fill_rect (scene, 0, 600, 800, 600, 20, 20, 220);
  fill_rect (scene, 800, 600, 800, 600, 230, 220, 20);
  jpeg = save_jpeg (scene, 92);
  path = resell_test_write_bytes (f->dir, "quadrants.jpg", jpeg);

  /* The top-right quarter and a bit of the one below: 800 × 720. */
  edits->has_crop = TRUE;
  edits->crop_x = 0.5;
  edits->crop_y = 0.0;
  edits->crop_width = 0.5;
  edits->crop_height = 0.6;
  out = render_ok (path, edits, profile, NULL, &info);
  g_assert_cmpint (info.width, ==, 800);
  g_assert_cmpint (info.height, ==, 720);
  region_mean (out, 50, 50, 700, 500, c);
  assert_colour (c, 20, 220, 20, 8);
  region_mean (out, 50, 620, 700, 80, c);
  assert_colour (c, 230, 220, 20, 8);

  /* A crop that leaves too few pixels for the marketplace. */
  edits->crop_width = 0.1;
  edits->crop_height = 0.1;
  none = resell_listing_render (path, edits, ebay, NULL, NULL, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, RESELL_LISTING_ERROR, RESELL_LISTING_ERROR_TOO_SMALL);
  g_assert_nonnull (strstr (error->message, "quadrants.jpg"));
  g_clear_error (&error);

  /* An invalid one. */
  edits->crop_x = 0.95;
  edits->crop_width = 0.5;
  none = resell_listing_render (path, edits, ebay, NULL, NULL, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, RESELL_LISTING_ERROR, RESELL_LISTING_ERROR_INVALID_EDIT);
  g_assert_nonnull (strstr (error->message, "quadrants.jpg"));
}

static void
test_edit_straighten (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(ResellListingProfile) profile = ebay_profile ();
  g_autoptr(ResellPhotoEdits) edits = plain_edits ();
  g_autoptr(VipsImage) scene = flat_image (1500, 1000, 190, 190, 190);
  g_autoptr(GBytes) jpeg = NULL;
  g_autofree char *path = NULL;
  ResellListingInfo info = { 0 };

  fill_rect (scene, 500, 300, 500, 400, 90, 80, 70);
  jpeg = save_jpeg (scene, 92);
  path = resell_test_write_bytes (f->dir, "tilted.jpg", jpeg);

  for (int whiten = 0; whiten <= 1; whiten++)
    {
      g_autoptr(VipsImage) out = NULL;
      double expected = whiten ? 255 : 190;

      edits->straighten = whiten ? -5.0 : 5.0;
      edits->whiten = whiten;
      /* A grey backdrop is not whitened (below 200); a lighter one is,
       * tested below. */
      out = render_ok (path, edits, profile, NULL, &info);
      g_assert_cmpint (info.width, ==, info.height);

      /* No black corners: the uncovered corners are cropped away, the
       * padding is the backdrop. */
      for (int corner = 0; corner < 4; corner++)
        {
          int x = (corner & 1) ? info.width - 3 : 2;
          int y = (corner & 2) ? info.height - 3 : 2;
          double c[3];

          pixel (out, x, y, c);
          if (whiten)
            g_assert_cmpfloat (MIN (MIN (c[0], c[1]), c[2]), >=, 150);
          else
            assert_colour (c, expected, expected, expected, 6);
        }

      /* Nor along the edges of the picture itself. */
      for (int y = 0; y < info.height; y += 7)
        {
          double c[3];

          pixel (out, info.width / 2, y, c);
          g_assert_cmpfloat (c[0], >=, 60);
        }
    }
}

/* Bad input --------------------------------------------------------------- */

static guint32
crc32 (const guint8 *data,
       gsize         len)
{
  guint32 crc = 0xffffffff;

  for (gsize i = 0; i < len; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xedb88320 & -(crc & 1));
    }

  return ~crc;
}

/* A small PNG whose header claims @width × @height. */
static GBytes *
png_claiming (guint32 width,
              guint32 height)
{
  g_autoptr(VipsImage) image = flat_image (64, 64, 10, 20, 30);
  void *buf = NULL;
  size_t len = 0;
  guint8 *p;
  guint32 crc;

  g_assert_cmpint (vips_pngsave_buffer (image, &buf, &len, NULL), ==, 0);
  p = buf;
  g_assert_cmpint (memcmp (p + 12, "IHDR", 4), ==, 0);

  p[16] = width >> 24; p[17] = width >> 16; p[18] = width >> 8; p[19] = width;
  p[20] = height >> 24; p[21] = height >> 16; p[22] = height >> 8; p[23] = height;
  crc = crc32 (p + 12, 17);
  p[29] = crc >> 24; p[30] = crc >> 16; p[31] = crc >> 8; p[32] = crc;

  return g_bytes_new_take (buf, len);
}

/* A small JPEG whose frame header claims @width × @height. */
static GBytes *
jpeg_claiming (guint16 width,
               guint16 height)
{
  g_autoptr(VipsImage) image = flat_image (64, 64, 10, 20, 30);
  g_autoptr(GBytes) jpeg = save_jpeg (image, 90);
  gsize len = g_bytes_get_size (jpeg);
  guint8 *p = g_memdup2 (g_bytes_get_data (jpeg, NULL), len);
  gsize i = 2;

  /* Walk the marker segments to the baseline frame header. */
  while (i + 4 < len && !(p[i] == 0xff && p[i + 1] == 0xc0))
    i += 2 + ((p[i + 2] << 8) | p[i + 3]);
  g_assert_cmpuint (i + 9, <, len);

  p[i + 5] = height >> 8; p[i + 6] = height & 0xff;
  p[i + 7] = width >> 8; p[i + 8] = width & 0xff;

  return g_bytes_new_take (p, len);
}

static void
assert_render_fails (const char           *path,
                     ResellListingProfile *profile,
                     int                   code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = g_path_get_basename (path);

  bytes = resell_listing_render (path, NULL, profile, NULL, NULL, NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, RESELL_LISTING_ERROR, code);
  g_test_message ("%s: %s", name, error->message);
  g_assert_nonnull (strstr (error->message, name));
  g_assert_null (strstr (error->message, "(null)"));
  g_assert_null (strstr (error->message, "vips"));
}

static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(ResellListingProfile) profile = ebay_profile ();
  g_autoptr(VipsImage) noisy = NULL;
  g_autoptr(VipsImage) noisy_rgb = NULL;
  g_autoptr(VipsImage) noisy_uchar = NULL;
  g_autoptr(GBytes) full = NULL;
  g_autoptr(GBytes) png_bomb = png_claiming (30000, 30000);
  g_autoptr(GBytes) jpeg_bomb = jpeg_claiming (60000, 60000);
  g_autoptr(VipsImage) tiny = product_scene (300, 200);
  g_autoptr(GBytes) tiny_jpeg = save_jpeg (tiny, 90);
  g_autofree char *truncated = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *text = NULL;
  g_autofree char *bomb1 = NULL;
  g_autofree char *bomb2 = NULL;
  g_autofree char *small = NULL;
  g_autofree char *missing = NULL;

  resell_test_allow_vips_warnings ();

  g_assert_cmpint (vips_gaussnoise (&noisy, 1200, 900, "mean", 128.0, "sigma", 50.0, NULL), ==, 0);
  {
    VipsImage *bands[3] = { noisy, noisy, noisy };

    g_assert_cmpint (vips_bandjoin (bands, &noisy_rgb, 3, NULL), ==, 0);
  }
  g_assert_cmpint (vips_cast (noisy_rgb, &noisy_uchar, VIPS_FORMAT_UCHAR, NULL), ==, 0);
  full = save_jpeg (noisy_uchar, 90);

  truncated = resell_test_write_file (f->dir, "cut-short.jpg", g_bytes_get_data (full, NULL),
                          g_bytes_get_size (full) * 6 / 10);
  empty = resell_test_write_file (f->dir, "empty.jpg", "", 0);
  text = resell_test_write_file (f->dir, "notes.jpg", "Just some text, not a photo.\n", 29);
  bomb1 = resell_test_write_bytes (f->dir, "bomb.png", png_bomb);
  bomb2 = resell_test_write_bytes (f->dir, "bomb.jpg", jpeg_bomb);
  small = resell_test_write_bytes (f->dir, "thumbnail-sized.jpg", tiny_jpeg);
  missing = g_build_filename (f->dir, "not-there.jpg", NULL);

  assert_render_fails (truncated, profile, RESELL_LISTING_ERROR_UNREADABLE);

  /* With nothing to measure or trim (free shape, trim and whitening off)
   * the picture streams from the decoder into the resize, so the damage
   * is met there: still reported as a damaged file. */
  {
    g_autoptr(ResellListingProfile) free_shape = inline_profile (free_shape_profile);
    g_autoptr(ResellPhotoEdits) edits = plain_edits ();
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) bytes = NULL;

    bytes = resell_listing_render (truncated, edits, free_shape, NULL, NULL, NULL, &error);
    g_assert_null (bytes);
    g_assert_error (error, RESELL_LISTING_ERROR, RESELL_LISTING_ERROR_UNREADABLE);
    g_assert_nonnull (strstr (error->message, "cut-short.jpg"));
  }
  assert_render_fails (empty, profile, RESELL_LISTING_ERROR_UNREADABLE);
  assert_render_fails (text, profile, RESELL_LISTING_ERROR_UNREADABLE);
  assert_render_fails (missing, profile, RESELL_LISTING_ERROR_UNREADABLE);
  assert_render_fails (bomb1, profile, RESELL_LISTING_ERROR_TOO_LARGE);
  assert_render_fails (bomb2, profile, RESELL_LISTING_ERROR_TOO_LARGE);
  assert_render_fails (small, profile, RESELL_LISTING_ERROR_TOO_SMALL);

  /* The close-up refuses the same files. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) bytes = NULL;

    bytes = resell_flaw_closeup_render (bomb1, 0.5, 0.5, 0.1, TRUE, 400, NULL, &error);
    g_assert_null (bytes);
    g_assert_error (error, RESELL_LISTING_ERROR, RESELL_LISTING_ERROR_TOO_LARGE);
    g_clear_error (&error);

    bytes = resell_flaw_closeup_render (truncated, 0.5, 0.5, 0.1, TRUE, 400, NULL, &error);
    g_assert_null (bytes);
    g_assert_error (error, RESELL_LISTING_ERROR, RESELL_LISTING_ERROR_UNREADABLE);
    g_clear_error (&error);

    bytes = resell_listing_clean_metadata (jpeg_bomb, NULL, &error);
    g_assert_null (bytes);
    g_assert_error (error, RESELL_LISTING_ERROR, RESELL_LISTING_ERROR_TOO_LARGE);
    g_clear_error (&error);
  }

  /* Cleaning a JPEG cut short, upright (streamed) or not (in memory). */
  for (int orientation = 1; orientation <= 6; orientation += 5)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) tagged = with_private_metadata (full, orientation);
      g_autoptr(GBytes) cut = g_bytes_new_from_bytes (tagged, 0, g_bytes_get_size (tagged) * 6 / 10);
      g_autoptr(GBytes) bytes = resell_listing_clean_metadata (cut, NULL, &error);

      g_assert_null (bytes);
      g_assert_error (error, RESELL_LISTING_ERROR, RESELL_LISTING_ERROR_UNREADABLE);
    }
}

/* Formats ----------------------------------------------------------------- */

static void
check_format (Fixture    *f,
              const char *name,
              GBytes     *file,
              double      r,
              double      g,
              double      b,
              double      tolerance)
{
  g_autoptr(ResellListingProfile) profile = ebay_profile ();
  g_autoptr(ResellPhotoEdits) edits = plain_edits ();
  g_autofree char *path = resell_test_write_bytes (f->dir, name, file);
  g_autoptr(VipsImage) out = NULL;
  ResellListingInfo info = { 0 };
  double c[3];

  out = render_ok (path, edits, profile, NULL, &info);
  g_test_message ("%s: %d×%d, centre expected %.0f,%.0f,%.0f", name, info.width, info.height, r, g, b);
  g_assert_cmpint (info.width, ==, info.height);
  g_assert_cmpint (vips_image_get_bands (out), ==, 3);

  region_mean (out, info.width / 2 - 20, info.height / 2 - 20, 40, 40, c);
  g_test_message ("%s: centre is %.1f,%.1f,%.1f", name, c[0], c[1], c[2]);
  assert_colour (c, r, g, b, tolerance);
}

static void
test_formats (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(VipsImage) scene = product_scene (1000, 700);
  void *buf = NULL;
  size_t len = 0;

  /* PNG, TIFF. */
  {
    g_autoptr(GBytes) png = NULL;
    g_autoptr(GBytes) tiff = NULL;

    g_assert_cmpint (vips_pngsave_buffer (scene, &buf, &len, NULL), ==, 0);
    png = g_bytes_new_take (buf, len);
    check_format (f, "scene.png", png, 90, 80, 70, 3);

    g_assert_cmpint (vips_tiffsave_buffer (scene, &buf, &len, NULL), ==, 0);
    tiff = g_bytes_new_take (buf, len);
    check_format (f, "scene.tif", tiff, 90, 80, 70, 3);
  }

  /* 16-bit PNG: scaled, not clipped to white nor cut to its low byte. */
  {
    g_autoptr(VipsImage) wide = NULL;
    g_autoptr(VipsImage) ushort = NULL;
    g_autoptr(VipsImage) rgb16 = NULL;
    g_autoptr(GBytes) png16 = NULL;

    g_assert_cmpint (vips_linear1 (scene, &wide, 257.0, 0.0, NULL), ==, 0);
    g_assert_cmpint (vips_cast (wide, &ushort, VIPS_FORMAT_USHORT, NULL), ==, 0);
    g_assert_cmpint (vips_copy (ushort, &rgb16, "interpretation", VIPS_INTERPRETATION_RGB16, NULL), ==, 0);
    g_assert_cmpint (vips_pngsave_buffer (rgb16, &buf, &len, "bitdepth", 16, NULL), ==, 0);
    png16 = g_bytes_new_take (buf, len);
    check_format (f, "scene16.png", png16, 90, 80, 70, 3);

    /* 16-bit TIFF too. */
    g_assert_cmpint (vips_tiffsave_buffer (rgb16, &buf, &len, NULL), ==, 0);
    {
      g_autoptr(GBytes) tiff16 = g_bytes_new_take (buf, len);

      check_format (f, "scene16.tif", tiff16, 90, 80, 70, 3);
    }
  }

  /* Greyscale. */
  {
    g_autoptr(VipsImage) grey = NULL;
    g_autoptr(GBytes) jpeg = NULL;
    double luma = 0.2126 * 90 + 0.7152 * 80 + 0.0722 * 70;

    g_assert_cmpint (vips_colourspace (scene, &grey, VIPS_INTERPRETATION_B_W, NULL), ==, 0);
    g_assert_cmpint (vips_image_get_bands (grey), ==, 1);
    jpeg = save_jpeg (grey, 92);
    check_format (f, "grey.jpg", jpeg, luma, luma, luma, 6);
  }

  /* Alpha: the transparent surroundings become white. */
  {
    g_autoptr(VipsImage) alpha = flat_image (1000, 700, 0, 0, 0);
    g_autoptr(VipsImage) alpha1 = NULL;
    g_autoptr(VipsImage) rgba = NULL;
    g_autoptr(GBytes) png = NULL;
    g_autoptr(ResellListingProfile) profile = ebay_profile ();
    g_autoptr(ResellPhotoEdits) edits = plain_edits ();
    g_autofree char *path = NULL;
    g_autoptr(VipsImage) out = NULL;
    double c[3];

    fill_rect (alpha, 250, 175, 500, 350, 255, 255, 255);
    g_assert_cmpint (vips_extract_band (alpha, &alpha1, 0, NULL), ==, 0);
    g_assert_cmpint (vips_bandjoin2 (scene, alpha1, &rgba, NULL), ==, 0);
    g_assert_cmpint (vips_pngsave_buffer (rgba, &buf, &len, NULL), ==, 0);
    png = g_bytes_new_take (buf, len);
    check_format (f, "cutout.png", png, 90, 80, 70, 3);

    path = resell_test_write_bytes (f->dir, "cutout2.png", png);
    out = render_ok (path, edits, profile, NULL, NULL);
    pixel (out, 5, vips_image_get_height (out) / 2, c);
    assert_colour (c, 255, 255, 255, 2);
  }

  /* CMYK JPEG with a CMYK ICC profile embedded (libvips attaches its
   * built-in one when converting): the ICC path. */
  {
    g_autoptr(VipsImage) cmyk = NULL;
    g_autoptr(GBytes) jpeg = NULL;
    g_autoptr(GBytes) bare_jpeg = NULL;

    if (vips_colourspace (scene, &cmyk, VIPS_INTERPRETATION_CMYK, NULL) != 0)
      {
        vips_error_clear ();
        g_test_skip ("this libvips cannot convert to CMYK (no lcms)");
        return;
      }

    g_assert_cmpint (vips_image_get_bands (cmyk), ==, 4);
    g_assert_cmpint (vips_jpegsave_buffer (cmyk, &buf, &len, "Q", 95, NULL), ==, 0);
    jpeg = g_bytes_new_take (buf, len);
    check_format (f, "cmyk.jpg", jpeg, 90, 80, 70, 12);

    /* And without a profile: libvips' default CMYK is assumed. */
    g_assert_cmpint (vips_jpegsave_buffer (cmyk, &buf, &len, "Q", 95, "strip", TRUE, NULL), ==, 0);
    bare_jpeg = g_bytes_new_take (buf, len);
    check_format (f, "cmyk-bare.jpg", bare_jpeg, 90, 80, 70, 12);
  }
}

/* Byte cap ---------------------------------------------------------------- */

static void
test_byte_cap (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(ResellListingProfile) profile = NULL;
  g_autoptr(ResellPhotoEdits) edits = plain_edits ();
  g_autoptr(VipsImage) noise = NULL;
  g_autoptr(VipsImage) noise_rgb = NULL;
  g_autoptr(VipsImage) noise_uchar = NULL;
  g_autoptr(GBytes) jpeg = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  ResellListingInfo info = { 0 };
  const gint64 cap = 600000;

  profile = inline_profile ("{\"version\":1,\"id\":\"tight\",\"name\":\"Tight\",\"long_edge\":1600,"
                            "\"square\":false,\"margin\":0.06,\"quality\":90,\"min_quality\":50,"
                            "\"max_bytes\":600000,\"max_photos\":24,\"min_long_edge\":500,"
                            "\"max_megapixels\":100}");

  /* Noise hardly compresses: the first try is far above the cap. */
  g_assert_cmpint (vips_gaussnoise (&noise, 1600, 1200, "mean", 128.0, "sigma", 25.0, NULL), ==, 0);
  {
    VipsImage *bands[3] = { noise, noise, noise };

    g_assert_cmpint (vips_bandjoin (bands, &noise_rgb, 3, NULL), ==, 0);
  }
  g_assert_cmpint (vips_cast (noise_rgb, &noise_uchar, VIPS_FORMAT_UCHAR, NULL), ==, 0);
  jpeg = save_jpeg (noise_uchar, 95);
  path = resell_test_write_bytes (f->dir, "noise.jpg", jpeg);

  bytes = resell_listing_render (path, edits, profile, NULL, &info, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  g_test_message ("quality %d, %zu bytes", info.quality, info.n_bytes);

  g_assert_cmpuint (info.n_bytes, ==, g_bytes_get_size (bytes));
  g_assert_cmpint (info.quality, <, 90);
  g_assert_cmpint (info.quality, >=, 50);
  /* Stepped by 4 from 90, or stopped at the minimum. */
  g_assert_true ((90 - info.quality) % 4 == 0 || info.quality == 50);
  g_assert_true ((gint64)info.n_bytes <= cap || info.quality == 50);

  /* Without a cap the profile's quality is kept. */
  {
    g_autoptr(ResellListingProfile) free_shape = inline_profile (free_shape_profile);
    g_autoptr(GBytes) uncapped = NULL;

    uncapped = resell_listing_render (path, edits, free_shape, NULL, &info, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (info.quality, ==, 88);
    g_assert_cmpuint (g_bytes_get_size (uncapped), >, g_bytes_get_size (bytes));
  }
}

/* WebP ---------------------------------------------------------------------- */

static gboolean
is_webp (GBytes *bytes)
{
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  return len >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0 &&
         (gsize)(data[4] | data[5] << 8 | data[6] << 16 | (guint32)data[7] << 24) + 8 == len;
}

static gboolean
decodes_as_webp (GBytes *bytes)
{
  gsize len = 0;
  const void *data = g_bytes_get_data (bytes, &len);
  const char *loader = vips_foreign_find_load_buffer (data, len);

  return loader != NULL && g_str_has_prefix (loader, "VipsForeignLoadWebp");
}

/* The web shop's profile: the same picture as its JPEG twin, as a WebP,
 * within the byte cap, and with nothing private in it. */
static void
test_render_webp (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResellListingProfile) web_shop = resell_listing_profile_load_builtin ("web-shop", &error);
  g_autoptr(ResellListingProfile) jpeg_twin = NULL;
  g_autofree char *path = resell_test_write_bytes (f->dir, "IMG_0003.JPG", get_big_fixture ());
  g_autofree char *exiftool = g_find_program_in_path ("exiftool");
  g_autoptr(GBytes) jpeg_bytes = NULL;
  g_autoptr(VipsImage) twin = NULL;
  ResellListingInfo jpeg_info = { 0 };

  g_assert_no_error (error);

  {
    g_autoptr(GString) json = NULL;
    g_autoptr(GBytes) file = g_resources_lookup_data ("/com/example/Resell/profiles/web-shop.json", 0, &error);

    g_assert_no_error (error);
    json = g_string_new_len (g_bytes_get_data (file, NULL), g_bytes_get_size (file));
    g_assert_cmpuint (g_string_replace (json, "\"webp\"", "\"jpeg\"", 1), ==, 1);
    jpeg_twin = inline_profile (json->str);
  }

  jpeg_bytes = resell_listing_render (path, NULL, jpeg_twin, NULL, &jpeg_info, NULL, &error);
  g_assert_no_error (error);
  twin = decode (jpeg_bytes);

  for (int with_copyright = 0; with_copyright <= 1; with_copyright++)
    {
      const char *line = with_copyright ? "© 2024 Jane’s Vintage (shop)" : NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(VipsImage) image = NULL;
      g_autoptr(JsonObject) tags = NULL;
      g_autofree char *out_path = NULL;
      ResellListingInfo info = { 0 };
      double c[3], twin_c[3];

      bytes = resell_listing_render (path, NULL, web_shop, line, &info, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (bytes);
      g_test_message ("WebP %d × %d, Q%d, %zu bytes (JPEG: Q%d, %zu bytes)",
                      info.width, info.height, info.quality, info.n_bytes,
                      jpeg_info.quality, jpeg_info.n_bytes);

      g_assert_true (is_webp (bytes));
      g_assert_true (decodes_as_webp (bytes));
      g_assert_cmpuint (info.n_bytes, ==, g_bytes_get_size (bytes));
      g_assert_cmpuint (info.n_bytes, <=, 500000);
      g_assert_cmpint (info.quality, ==, 82);

      /* Portrait once upright: the long edge is the profile's, and the
       * layout is the JPEG twin's. */
      image = decode (bytes);
      g_assert_cmpint (vips_image_get_height (image), ==, 2048);
      g_assert_cmpint (vips_image_get_width (image), ==, jpeg_info.width);
      g_assert_cmpint (vips_image_get_height (image), ==, jpeg_info.height);
      g_assert_cmpint (vips_image_get_bands (image), ==, 3);
      g_assert_cmpint (info.width, ==, jpeg_info.width);

      /* The red band on top, the backdrop white: turned and whitened like
       * the JPEG. */
      region_mean (image, info.width / 2 - 100, 150, 200, 40, c);
      assert_colour (c, 208, 31, 31, 12);
      region_mean (twin, info.width / 2 - 100, 150, 200, 40, twin_c);
      assert_colour (c, twin_c[0], twin_c[1], twin_c[2], 4);
      pixel (image, 2, 2, c);
      g_assert_cmpfloat (MIN (MIN (c[0], c[1]), c[2]), >=, 248);

      if (exiftool == NULL)
        continue;

      out_path = resell_test_write_bytes (f->dir, with_copyright ? "listing-c.webp" : "listing.webp", bytes);
      tags = run_exiftool (out_path);
      /* Only the copyright needs the extended format's EXIF chunk. */
      g_assert_cmpstr (json_object_get_string_member (tags, "File:FileType"), ==,
                       with_copyright ? "Extended WEBP" : "WEBP");
      assert_metadata_clean (tags, line);
      /* The EXIF chunk as the WebP container wants it (bare TIFF data):
       * exiftool warns otherwise. */
      g_assert_false (json_object_has_member (tags, "ExifTool:Warning"));
      /* No EXIF at all without a copyright line, as for a JPEG. */
      if (!with_copyright)
        g_assert_false (has_tag_containing (tags, "IFD0:") || has_tag_containing (tags, "ExifIFD:"));
    }

  if (exiftool == NULL)
    g_test_skip ("exiftool is not installed (package libimage-exiftool-perl): metadata not checked");
}

/* A byte cap steps a WebP's quality down as it does a JPEG's. */
static void
test_render_webp_byte_cap (Fixture       *f,
                           gconstpointer  data)
{
  static const char profile_format[] =
    "{\"version\":1,\"id\":\"webp-cap\",\"name\":\"WebP\",\"long_edge\":1600,"
    "\"square\":false,\"margin\":0.06,\"quality\":90,\"min_quality\":50,"
    "\"max_bytes\":%" G_GINT64_FORMAT ",\"max_photos\":24,\"min_long_edge\":500,"
    "\"max_megapixels\":100,\"format\":\"webp\"}";
  g_autoptr(ResellListingProfile) uncapped = NULL;
  g_autoptr(ResellListingProfile) capped = NULL;
  g_autoptr(ResellPhotoEdits) edits = plain_edits ();
  g_autoptr(VipsImage) noise = NULL;
  g_autoptr(VipsImage) noise_rgb = NULL;
  g_autoptr(VipsImage) noise_uchar = NULL;
  g_autoptr(VipsImage) image = NULL;
  g_autoptr(GBytes) jpeg = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) free_bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *uncapped_json = NULL;
  g_autofree char *capped_json = NULL;
  ResellListingInfo info = { 0 };
  ResellListingInfo free_info = { 0 };
  gint64 cap;

  /* Noise hardly compresses, and lower qualities give smaller files. */
  g_assert_cmpint (vips_gaussnoise (&noise, 800, 600, "mean", 128.0, "sigma", 25.0, NULL), ==, 0);
  {
    VipsImage *bands[3] = { noise, noise, noise };

    g_assert_cmpint (vips_bandjoin (bands, &noise_rgb, 3, NULL), ==, 0);
  }
  g_assert_cmpint (vips_cast (noise_rgb, &noise_uchar, VIPS_FORMAT_UCHAR, NULL), ==, 0);
  jpeg = save_jpeg (noise_uchar, 95);
  path = resell_test_write_bytes (f->dir, "noise.jpg", jpeg);

  uncapped_json = g_strdup_printf (profile_format, (gint64)0);
  uncapped = inline_profile (uncapped_json);
  free_bytes = resell_listing_render (path, edits, uncapped, NULL, &free_info, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (free_info.quality, ==, 90);

  /* A cap a quarter below what quality 90 gives: met some steps down,
   * well before the minimum (quality 50 roughly halves the file). */
  cap = (gint64)free_info.n_bytes * 3 / 4;
  g_assert_cmpint (cap, >=, 10000);
  capped_json = g_strdup_printf (profile_format, cap);
  capped = inline_profile (capped_json);

  bytes = resell_listing_render (path, edits, capped, NULL, &info, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  g_test_message ("uncapped Q90 %zu bytes; cap %" G_GINT64_FORMAT ": Q%d, %zu bytes",
                  free_info.n_bytes, cap, info.quality, info.n_bytes);

  g_assert_true (is_webp (bytes));
  g_assert_cmpuint (info.n_bytes, ==, g_bytes_get_size (bytes));
  g_assert_cmpint ((gint64)info.n_bytes, <=, cap);
  g_assert_cmpint (info.quality, <, 90);
  g_assert_cmpint (info.quality, >, 50);
  g_assert_cmpint ((90 - info.quality) % 4, ==, 0);

  image = decode (bytes);
  g_assert_cmpint (vips_image_get_width (image), ==, 800);
  g_assert_cmpint (vips_image_get_height (image), ==, 600);
}

/* Flaw close-ups ---------------------------------------------------------- */

static void
test_closeup (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(VipsImage) scene = flat_image (1200, 800, 128, 128, 128);
  g_autoptr(GBytes) jpeg = save_jpeg (scene, 92);
  g_autofree char *path = resell_test_write_bytes (f->dir, "flaw.jpg", jpeg);
  g_autoptr(GError) error = NULL;

  for (int ring = 0; ring <= 1; ring++)
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(VipsImage) out = NULL;
      double c[3];
      int hits = 0;

      /* Radius 0.1 of the shorter side is 80 px; the close-up shows 1.5
       * times that all round, 240 px, made 200 px. */
      bytes = resell_flaw_closeup_render (path, 0.5, 0.5, 0.1, ring, 200, NULL, &error);
      g_assert_no_error (error);
      out = decode (bytes);
      g_assert_cmpint (vips_image_get_width (out), ==, 200);
      g_assert_cmpint (vips_image_get_height (out), ==, 200);

      /* The ring crosses the horizontal and vertical through the centre
       * at about 67 px from it. */
      for (int d = 60; d <= 74; d++)
        {
          pixel (out, 100 + d, 100, c);
          hits += saturation (c) > 120;
          pixel (out, 100, 100 - d, c);
          hits += saturation (c) > 120;
        }

      if (ring)
        g_assert_cmpint (hits, >=, 4);
      else
        g_assert_cmpint (hits, ==, 0);

      /* Inside the ring the picture is untouched. */
      region_mean (out, 80, 80, 40, 40, c);
      assert_colour (c, 128, 128, 128, 4);
    }

  /* Never enlarged: a close-up smaller than asked stays its size. */
  {
    g_autoptr(GBytes) bytes = resell_flaw_closeup_render (path, 0.1, 0.9, 0.02, FALSE, 800, NULL, &error);
    g_autoptr(VipsImage) out = NULL;

    g_assert_no_error (error);
    out = decode (bytes);
    g_assert_cmpint (vips_image_get_width (out), ==, 48);
    g_assert_cmpint (vips_image_get_height (out), ==, 48);
  }

  /* Bad arguments. */
  {
    g_autoptr(GBytes) bytes = resell_flaw_closeup_render (path, 1.5, 0.5, 0.1, TRUE, 200, NULL, &error);

    g_assert_null (bytes);
    g_assert_error (error, RESELL_LISTING_ERROR, RESELL_LISTING_ERROR_INVALID_EDIT);
    g_assert_nonnull (strstr (error->message, "flaw.jpg"));
  }
}

/* The flaw is found where the seller marked it on the upright picture,
 * whatever EXIF orientation the camera stored. */
/* Mean absolute difference of two pictures of the same size. */
static double
difference (VipsImage *a,
            VipsImage *b)
{
  g_autoptr(VipsImage) diff = NULL;
  g_autoptr(VipsImage) absolute = NULL;
  double mean = 0;

  g_assert_cmpint (vips_image_get_width (a), ==, vips_image_get_width (b));
  g_assert_cmpint (vips_image_get_height (a), ==, vips_image_get_height (b));
  g_assert_cmpint (vips_subtract (a, b, &diff, NULL), ==, 0);
  g_assert_cmpint (vips_abs (diff, &absolute, NULL), ==, 0);
  g_assert_cmpint (vips_avg (absolute, &mean, NULL), ==, 0);

  return mean;
}

static void
test_closeup_orientations (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(VipsImage) shown = flat_image (1200, 800, 128, 128, 128);
  g_autoptr(VipsImage) reference = NULL;

  /* A red spot at (0.3, 0.6) and a blue one to its right. */
  fill_rect (shown, 350, 470, 20, 20, 230, 20, 20);
  fill_rect (shown, 395, 470, 20, 20, 20, 20, 230);

  for (int orientation = 1; orientation <= 8; orientation++)
    {
      g_autoptr(VipsImage) a = NULL;
      g_autoptr(VipsImage) stored = NULL;
      g_autoptr(VipsImage) tagged = NULL;
      g_autoptr(GBytes) jpeg = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(VipsImage) out = NULL;
      g_autofree char *name = g_strdup_printf ("orientation-%d.jpg", orientation);
      g_autofree char *path = NULL;
      void *buf = NULL;
      size_t len = 0;
      double c[3];
      int w;

      /* Store what the camera would, given the orientation it records. */
      switch (orientation)
        {
        case 1: stored = g_object_ref (shown); break;
        case 2: g_assert_cmpint (vips_flip (shown, &stored, VIPS_DIRECTION_HORIZONTAL, NULL), ==, 0); break;
        case 3: g_assert_cmpint (vips_rot (shown, &stored, VIPS_ANGLE_D180, NULL), ==, 0); break;
        case 4: g_assert_cmpint (vips_flip (shown, &stored, VIPS_DIRECTION_VERTICAL, NULL), ==, 0); break;
        case 5:
          g_assert_cmpint (vips_rot (shown, &a, VIPS_ANGLE_D90, NULL), ==, 0);
          g_assert_cmpint (vips_flip (a, &stored, VIPS_DIRECTION_HORIZONTAL, NULL), ==, 0);
          break;
        case 6: g_assert_cmpint (vips_rot (shown, &stored, VIPS_ANGLE_D270, NULL), ==, 0); break;
        case 7:
          g_assert_cmpint (vips_rot (shown, &a, VIPS_ANGLE_D90, NULL), ==, 0);
          g_assert_cmpint (vips_flip (a, &stored, VIPS_DIRECTION_VERTICAL, NULL), ==, 0);
          break;
        case 8: g_assert_cmpint (vips_rot (shown, &stored, VIPS_ANGLE_D90, NULL), ==, 0); break;
        default: g_assert_not_reached ();
        }

      g_assert_cmpint (vips_copy (stored, &tagged, NULL), ==, 0);
      vips_image_set_int (tagged, VIPS_META_ORIENTATION, orientation);
      g_assert_cmpint (vips_jpegsave_buffer (tagged, &buf, &len, "Q", 95, NULL), ==, 0);
      jpeg = g_bytes_new_take (buf, len);
      path = resell_test_write_bytes (f->dir, name, jpeg);

      /* Radius 0.05 of 800 = 40 px: a 120 px close-up, kept at 120. */
      bytes = resell_flaw_closeup_render (path, 0.3, 0.6, 0.05, FALSE, 400, NULL, &error);
      g_assert_no_error (error);
      out = decode (bytes);
      w = vips_image_get_width (out);
      g_assert_cmpint (w, ==, 120);

      region_mean (out, w / 2 - 4, w / 2 - 4, 8, 8, c);
      g_test_message ("orientation %d: centre %.0f,%.0f,%.0f", orientation, c[0], c[1], c[2]);
      assert_colour (c, 230, 20, 20, 25);
      region_mean (out, w / 2 + 40, w / 2 - 4, 8, 8, c);
      assert_colour (c, 20, 20, 230, 25);

      /* The listing image of the same file is upright too. */
      {
        g_autoptr(ResellListingProfile) profile = inline_profile (free_shape_profile);
        g_autoptr(ResellPhotoEdits) edits = plain_edits ();
        ResellListingInfo info = { 0 };
        g_autoptr(VipsImage) listing = render_ok (path, edits, profile, NULL, &info);

        g_autoptr(VipsImage) tilted = NULL;
        double diff;

        g_assert_cmpint (info.width, ==, 1200);
        g_assert_cmpint (info.height, ==, 800);
        region_mean (listing, 355, 475, 10, 10, c);
        assert_colour (c, 230, 20, 20, 25);

        /* Straightening turns the picture as shown, whichever way (or
         * mirrored) the camera stored it; and so do the quarter turns. */
        edits->straighten = 4.0;
        edits->rotate = 90;
        tilted = render_ok (path, edits, profile, NULL, &info);
        if (reference == NULL)
          reference = g_object_ref (tilted);
        diff = difference (tilted, reference);
        g_test_message ("orientation %d: straightened differs by %.2f", orientation, diff);
        g_assert_cmpfloat (diff, <, 2.0);
      }
    }
}

/* Recipe keys ------------------------------------------------------------- */

static void
test_recipe_key (void)
{
  static const char sha_a[] = "0000000000000000000000000000000000000000000000000000000000000001";
  static const char sha_b[] = "0000000000000000000000000000000000000000000000000000000000000002";
  g_autoptr(ResellListingProfile) ebay = ebay_profile ();
  g_autoptr(ResellListingProfile) other = inline_profile (free_shape_profile);
  g_autoptr(ResellPhotoEdits) edits = resell_photo_edits_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *base = NULL;
  g_autofree char *again = NULL;
  g_autofree char *defaults = NULL;
  g_autofree char *blank = NULL;
  char *key;

  base = resell_listing_recipe_key (sha_a, edits, ebay, NULL);
  g_assert_cmpuint (strlen (base), ==, 64);
  again = resell_listing_recipe_key (sha_a, edits, ebay, NULL);
  g_assert_cmpstr (base, ==, again);
  defaults = resell_listing_recipe_key (sha_a, NULL, ebay, NULL);
  g_assert_cmpstr (base, ==, defaults);
  /* A blank line is no line. */
  blank = resell_listing_recipe_key (sha_a, NULL, ebay, "  ");
  g_assert_cmpstr (base, ==, blank);

  g_hash_table_add (seen, g_strdup (base));

#define ADD_DIFFERENT(k) \
  G_STMT_START { \
    key = (k); \
    g_assert_false (g_hash_table_contains (seen, key)); \
    g_hash_table_add (seen, key); \
  } G_STMT_END

  ADD_DIFFERENT (resell_listing_recipe_key (sha_b, edits, ebay, NULL));
  ADD_DIFFERENT (resell_listing_recipe_key (sha_a, edits, other, NULL));
  ADD_DIFFERENT (resell_listing_recipe_key (sha_a, edits, ebay, "Jane"));
  ADD_DIFFERENT (resell_listing_recipe_key (sha_a, edits, ebay, "Jane Doe"));

  edits->rotate = 90;
  ADD_DIFFERENT (resell_listing_recipe_key (sha_a, edits, ebay, NULL));
  edits->straighten = 1.5;
  ADD_DIFFERENT (resell_listing_recipe_key (sha_a, edits, ebay, NULL));
  edits->has_crop = TRUE;
  edits->crop_width = 0.5;
  ADD_DIFFERENT (resell_listing_recipe_key (sha_a, edits, ebay, NULL));
  edits->crop_x = 0.25;
  ADD_DIFFERENT (resell_listing_recipe_key (sha_a, edits, ebay, NULL));
  edits->auto_trim = FALSE;
  ADD_DIFFERENT (resell_listing_recipe_key (sha_a, edits, ebay, NULL));
  edits->whiten = FALSE;
  ADD_DIFFERENT (resell_listing_recipe_key (sha_a, edits, ebay, NULL));

#undef ADD_DIFFERENT
}

/* Threads, cancellation --------------------------------------------------- */

typedef struct
{
  const char           *path;
  ResellListingProfile *profile;
} ThreadData;

static gpointer
render_thread (gpointer data)
{
  ThreadData *td = data;
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  bytes = resell_listing_render (td->path, NULL, td->profile, "Jane", NULL, NULL, &error);
  g_assert_no_error (error);

  return bytes;
}

static void
test_threads (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(ResellListingProfile) profile = ebay_profile ();
  g_autoptr(VipsImage) scene = product_scene (2400, 1600);
  g_autoptr(GBytes) jpeg = save_jpeg (scene, 90);
  g_autofree char *path = resell_test_write_bytes (f->dir, "shared.jpg", jpeg);
  ThreadData td = { path, profile };
  GThread *threads[4];
  g_autoptr(GBytes) first = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("render", render_thread, &td);

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      g_autoptr(GBytes) bytes = g_thread_join (threads[i]);

      g_assert_nonnull (bytes);
      if (first == NULL)
        first = g_bytes_ref (bytes);
      else
        g_assert_true (g_bytes_equal (first, bytes));
    }
}

/* Watches libvips' progress reports ("eval", emitted while an image is
 * computed; the renderer's cancellation listens to the same signal) across
 * every image, through an emission hook, so that a test can see how much
 * work was done, and can cancel at a known point of it. */
typedef struct
{
  GCancellable *cancel_at_first; /* cancelled at the first report, if set */
  guint         n_reports;
  gpointer      cancelled_image;  /* the image being computed at the cancel */
  guint64       cancelled_npels;  /* its pixels done when cancelled ... */
  guint64       last_npels;       /* ... and at its last report */
  guint64       tpels;            /* its pixels in all */
} EvalWatch;

static gboolean
on_any_eval (GSignalInvocationHint *hint,
             guint                  n_values,
             const GValue          *values,
             gpointer               data)
{
  EvalWatch *watch = data;
  gpointer image = g_value_get_object (&values[0]);
  VipsProgress *progress = g_value_get_pointer (&values[1]);

  watch->n_reports++;

  if (watch->cancel_at_first != NULL && watch->cancelled_image == NULL)
    {
      watch->cancelled_image = image;
      watch->cancelled_npels = progress->npels;
      watch->tpels = progress->tpels;
      g_cancellable_cancel (watch->cancel_at_first);
    }

  if (image == watch->cancelled_image)
    watch->last_npels = progress->npels;

  return TRUE;
}

static gulong
watch_evals (EvalWatch *watch)
{
  guint signal_id = g_signal_lookup ("eval", VIPS_TYPE_IMAGE);

  g_assert_cmpuint (signal_id, !=, 0);

  return g_signal_add_emission_hook (signal_id, 0, on_any_eval, watch, NULL);
}

static void
unwatch_evals (gulong hook)
{
  g_signal_remove_emission_hook (g_signal_lookup ("eval", VIPS_TYPE_IMAGE), hook);
}

static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(ResellListingProfile) profile = ebay_profile ();
  g_autoptr(VipsImage) scene = product_scene (1200, 800);
  g_autoptr(GBytes) jpeg = save_jpeg (scene, 90);
  g_autofree char *path = resell_test_write_bytes (f->dir, "cancel.jpg", jpeg);
  g_autofree char *big = resell_test_write_bytes (f->dir, "big.jpg", get_big_fixture ());
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  EvalWatch watch = { 0 };
  gulong hook;

  /* Cancelled before it starts: not one pixel is computed. */
  g_cancellable_cancel (cancellable);
  hook = watch_evals (&watch);

  bytes = resell_listing_render (path, NULL, profile, NULL, NULL, cancellable, &error);
  g_assert_null (bytes);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  bytes = resell_flaw_closeup_render (path, 0.5, 0.5, 0.1, TRUE, 200, cancellable, &error);
  g_assert_null (bytes);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  unwatch_evals (hook);
  g_assert_cmpuint (watch.n_reports, ==, 0);

  /* Not cancelled, the big photo's render does report progress (only
   * with a cancellable: that is when the renderer asks for it), so the
   * counts here mean something. */
  {
    g_autoptr(GCancellable) never = g_cancellable_new ();

    hook = watch_evals (&watch);
    bytes = resell_listing_render (big, NULL, profile, NULL, NULL, never, &error);
  }
  unwatch_evals (hook);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  g_clear_pointer (&bytes, g_bytes_unref);
  g_assert_cmpuint (watch.n_reports, >, 0);

  /* Cancelled while decoding the big photo, at libvips' first progress
   * report: the picture being computed then is never finished. */
  {
    g_autoptr(GCancellable) during = g_cancellable_new ();

    memset (&watch, 0, sizeof watch);
    watch.cancel_at_first = during;
    hook = watch_evals (&watch);
    bytes = resell_listing_render (big, NULL, profile, NULL, NULL, during, &error);
    unwatch_evals (hook);

    g_test_message ("cancelled at %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT
                    " pixels, stopped at %" G_GUINT64_FORMAT ", %u progress reports",
                    watch.cancelled_npels, watch.tpels, watch.last_npels, watch.n_reports);
    g_assert_null (bytes);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
    g_assert_nonnull (watch.cancelled_image);
    g_assert_cmpuint (watch.cancelled_npels, <, watch.tpels);
    g_assert_cmpuint (watch.last_npels, <, watch.tpels);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  if (!resell_core_init (NULL, &error))
    g_error ("%s", error->message);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  g_test_add_func ("/listing/profile/builtin", test_profile_builtin);
  g_test_add_func ("/listing/profile/invalid", test_profile_invalid);
  g_test_add_func ("/listing/profile/format", test_profile_format);
  g_test_add_func ("/listing/profile/summary", test_profile_summary);
  g_test_add_func ("/listing/profile/list-builtin", test_profile_list_builtin);
  g_test_add_func ("/listing/edits/json", test_edits_json);
  g_test_add_func ("/listing/recipe-key", test_recipe_key);
  ADD ("/listing/render/ebay", test_render_ebay);
  ADD ("/listing/render/no-whitening", test_render_no_whitening);
  ADD ("/listing/render/small-product", test_render_small_product);
  ADD ("/listing/metadata", test_metadata);
  ADD ("/listing/metadata/hostile-exif", test_hostile_exif);
  ADD ("/listing/edits/rotate", test_edit_rotate);
  ADD ("/listing/edits/crop", test_edit_crop);
  ADD ("/listing/edits/straighten", test_edit_straighten);
  ADD ("/listing/bad-input", test_bad_input);
  ADD ("/listing/formats", test_formats);
  ADD ("/listing/byte-cap", test_byte_cap);
  ADD ("/listing/render/webp", test_render_webp);
  ADD ("/listing/render/webp-byte-cap", test_render_webp_byte_cap);
  ADD ("/listing/closeup", test_closeup);
  ADD ("/listing/closeup/orientations", test_closeup_orientations);
  ADD ("/listing/threads", test_threads);
  ADD ("/listing/cancelled", test_cancelled);

#undef ADD

  ret = g_test_run ();

  g_clear_pointer (&big_fixture, g_bytes_unref);

  return ret;
}
