/* resell-test-utils.c — helpers shared by the core tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>
#include <glib-object.h>
#include <json-glib/json-glib.h>
#include <libexif/exif-data.h>
#include <vips/vips.h>

#include "resell-test-utils.h"

/* Test programs ----------------------------------------------------------- */

/* What every core test program does first: GLib's test framework, then the
 * core library as the app starts it (libvips without its operation cache). */
void
resell_test_init (int    *argc,
                  char ***argv)
{
  g_autoptr(GError) error = NULL;

  g_test_init (argc, argv, NULL);

  if (!resell_core_init (NULL, &error))
    g_error ("%s", error->message);
}

/* Runs the cases, then frees the big picture resell_test_get_big_fixture()
 * made if a case asked for it, so the leak checker sees nothing left. */
int
resell_test_run (void)
{
  int ret;

  ret = g_test_run ();

  g_clear_pointer (&resell_test_big_fixture, g_bytes_unref);

  return ret;
}

/* Files and folders ------------------------------------------------------- */

/* Removes the folder @path and everything in it; every removal must work. */
void
resell_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  /* Tests may have left a folder read-only; give it back first. */
  g_chmod (path, 0700);

  if ((dir = g_dir_open (path, 0, NULL)))
    {
      while ((name = g_dir_read_name (dir)))
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) &&
              !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            resell_test_remove_tree (child);
          else
            g_assert_no_errno (g_unlink (child));
        }
    }

  g_assert_no_errno (g_rmdir (path));
}

/* Removes @path, a file or a whole folder; nothing if it does not exist. */
void
resell_test_remove_path (const char *path)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return;

  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          resell_test_remove_path (child);
        }

      g_assert_no_errno (g_rmdir (path));
    }
  else
    {
      g_assert_no_errno (g_unlink (path));
    }
}

char *
resell_test_write_file (const char *dir,
                        const char *name,
                        const void *data,
                        gsize       len)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);

  return path;
}

char *
resell_test_write_bytes (const char *dir,
                         const char *name,
                         GBytes     *bytes)
{
  return resell_test_write_file (dir, name, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

GBytes *
resell_test_read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, len);
}

/* Entries in @dir, hidden ones included; 0 if it does not exist. */
guint
resell_test_count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  if (d == NULL)
    return 0;

  while (g_dir_read_name (d))
    n++;

  return n;
}

/* No half-written file (hidden temporary, ".part") is left in @dir. */
void
resell_test_assert_no_temporary_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;

  while ((name = g_dir_read_name (d)))
    {
      if (name[0] == '.' || g_str_has_suffix (name, ".part"))
        g_error ("temporary file %s left in %s", name, dir);
    }
}

/* Environment ------------------------------------------------------------- */

static const struct {
  const char *name;
  const char *subdir;
} xdg_vars[] = {
  { "XDG_DATA_HOME", "data" },
  { "XDG_CONFIG_HOME", "config" },
  { "XDG_CACHE_HOME", "cache" },
  { "XDG_STATE_HOME", "state" },
};

/* One private home for the whole run, made from the g_dir_make_tmp()
 * template @tmpl, with the XDG folders inside it; to be called in main()
 * before GLib first reads these variables, so nothing can touch the user's
 * real catalog.  Not G_TEST_OPTION_ISOLATE_DIRS: GLib 2.74's
 * g_set_user_dirs() leaks the names it replaces for every test, which fails
 * the LeakSanitizer build.  Returns the home, for resell_test_remove_path()
 * at the end. */
char *
resell_test_make_private_home (const char *tmpl)
{
  char *home = g_dir_make_tmp (tmpl, NULL);

  g_assert_nonnull (home);
  g_setenv ("HOME", home, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (xdg_vars); i++)
    {
      g_autofree char *dir = g_build_filename (home, xdg_vars[i].subdir, NULL);
      g_setenv (xdg_vars[i].name, dir, TRUE);
    }
  g_unsetenv ("RESELL_DATA_DIR");

  return home;
}

/* Main loop --------------------------------------------------------------- */

void
resell_test_drain_main_context (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
timeout_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the default context until *@counter reaches @wanted. */
void
resell_test_iterate_until (guint *counter,
                           guint  wanted)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (10, timeout_cb, &timed_out);

  while (*counter < wanted && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (timed_out);
  g_source_remove (id);
}

/* A GAsyncReadyCallback that keeps a reference to @result in the
 * GAsyncResult * that @user_data points to, for resell_test_wait_for(). */
void
resell_test_got_result (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

/* Iterates the main context until *@slot holds a result; returns it. */
GAsyncResult *
resell_test_wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

/* Signals ----------------------------------------------------------------- */

/* A "notify" handler that counts the emissions in *@count. */
void
resell_test_count_notify_cb (GObject    *object,
                             GParamSpec *pspec,
                             guint      *count)
{
  (*count)++;
}

/* Logging ----------------------------------------------------------------- */

/* libvips reports decode errors of hostile input twice: in its error buffer
 * (which the core turns into a sentence) and as a g_warning ("error in tile
 * …") from its tile cache that it offers no way to turn off.  Tests that
 * feed such files on purpose call resell_test_allow_vips_warnings(), so only
 * that one domain's warnings may pass; every other warning stays fatal. */
static gboolean
fatal_log_handler (const char     *log_domain,
                   GLogLevelFlags  log_level,
                   const char     *message,
                   gpointer        user_data)
{
  if (g_strcmp0 (log_domain, "VIPS") == 0 && (log_level & G_LOG_LEVEL_WARNING))
    return FALSE;

  return TRUE;
}

/* Instead of GTest's handler, which would print "Bail out!" for it. */
static void
vips_warning_handler (const char     *log_domain,
                      GLogLevelFlags  log_level,
                      const char     *message,
                      gpointer        user_data)
{
  g_test_message ("libvips warned (expected for damaged files): %s", message);
}

void
resell_test_allow_vips_warnings (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      g_log_set_handler ("VIPS", G_LOG_LEVEL_WARNING | G_LOG_FLAG_FATAL,
                         vips_warning_handler, NULL);
      g_once_init_leave (&done, 1);
    }

  /* GTest resets the fatal handler before every test case, so it is set
   * again by each case that asks. */
  g_test_log_set_fatal_handler (fatal_log_handler, NULL);
}

void
resell_test_assert_finalize_soon (gpointer object)
{
  gpointer weak = object;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  g_object_add_weak_pointer (object, &weak);
  g_object_unref (object);

  while (weak != NULL && g_get_monotonic_time () < deadline)
    {
      resell_test_drain_main_context ();
      g_usleep (1000);
    }

  if (weak != NULL)
    g_error ("%s %p was not finalized", G_OBJECT_TYPE_NAME (weak), weak);
}

/* Listing images ---------------------------------------------------------- */

/* Every picture is made here with libvips (and libexif for the EXIF a
 * camera would write), so no binary files live in the repository. */

/* A profile like eBay's but not square, for checking shapes. */
const char resell_test_free_shape_profile[] =
  "{\"version\":1,\"id\":\"free\",\"name\":\"Free shape\",\"long_edge\":1600,"
  "\"square\":false,\"margin\":0.06,\"quality\":88,\"min_quality\":70,"
  "\"max_bytes\":0,\"max_photos\":24,\"min_long_edge\":500,\"max_megapixels\":100}";

VipsImage *
resell_test_flat_image (int    width,
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

void
resell_test_fill_rect (VipsImage *image,
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
VipsImage *
resell_test_product_scene (int width,
                           int height)
{
  VipsImage *image = resell_test_flat_image (width, height, 235, 235, 235);

  resell_test_fill_rect (image, width / 4, height / 4, width / 2, height / 2, 90, 80, 70);

  return image;
}

/* A 1600×1067 product shot: a textured box on a backdrop of @backdrop
 * (luma), sharp.  Passes every check on a white backdrop at 238. */
GBytes *
resell_test_product_jpeg (double backdrop,
                          int    seed)
{
  VipsImage *bg = NULL, *texture = NULL, *mask = NULL, *black = NULL;
  VipsImage *scene = NULL, *image = NULL;
  double ink[1] = { 255 };
  void *buf = NULL;
  size_t len = 0;

  g_assert_cmpint (vips_black (&black, 1600, 1067, NULL), ==, 0);
  g_assert_cmpint (vips_linear1 (black, &bg, 1.0, backdrop, NULL), ==, 0);
  g_assert_cmpint (vips_gaussnoise (&texture, 1600, 1067, "mean", 110.0, "sigma", 30.0,
                                    "seed", seed, NULL), ==, 0);
  mask = vips_image_copy_memory (black);
  g_assert_nonnull (mask);
  g_assert_cmpint (vips_draw_rect (mask, ink, 1, 450, 250, 700, 560, "fill", TRUE, NULL), ==, 0);
  g_assert_cmpint (vips_ifthenelse (mask, texture, bg, &scene, NULL), ==, 0);
  g_assert_cmpint (vips_cast (scene, &image, VIPS_FORMAT_UCHAR, NULL), ==, 0);
  g_assert_cmpint (vips_jpegsave_buffer (image, &buf, &len, "Q", 90, NULL), ==, 0);

  g_object_unref (black);
  g_object_unref (bg);
  g_object_unref (texture);
  g_object_unref (mask);
  g_object_unref (scene);
  g_object_unref (image);

  return g_bytes_new_with_free_func (buf, len, g_free, buf);
}

GBytes *
resell_test_save_jpeg (VipsImage *image,
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
GBytes *
resell_test_splice_segments (GBytes     *jpeg,
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

void
resell_test_add_ascii (ExifData   *ed,
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

void
resell_test_add_raw (ExifData     *ed,
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
GBytes *
resell_test_private_exif (int orientation)
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

  resell_test_add_ascii (ed, EXIF_IFD_0, EXIF_TAG_MAKE, "ACME");
  resell_test_add_ascii (ed, EXIF_IFD_0, EXIF_TAG_MODEL, "ACME Shooter 5");
  resell_test_add_ascii (ed, EXIF_IFD_0, EXIF_TAG_ARTIST, "Jane Private");
  exif_set_short (orientation_bytes, order, orientation);
  resell_test_add_raw (ed, EXIF_IFD_0, EXIF_TAG_ORIENTATION, EXIF_FORMAT_SHORT, 1, orientation_bytes, 2);

  resell_test_add_ascii (ed, EXIF_IFD_EXIF, EXIF_TAG_DATE_TIME_ORIGINAL, "2024:03:01 10:11:12");
  resell_test_add_ascii (ed, EXIF_IFD_EXIF, EXIF_TAG_BODY_SERIAL_NUMBER, "BODY123456");
  resell_test_add_ascii (ed, EXIF_IFD_EXIF, EXIF_TAG_LENS_SERIAL_NUMBER, "LENS654321");
  resell_test_add_ascii (ed, EXIF_IFD_EXIF, EXIF_TAG_CAMERA_OWNER_NAME, "Jane Owner");
  resell_test_add_raw (ed, EXIF_IFD_EXIF, EXIF_TAG_MAKER_NOTE, EXIF_FORMAT_UNDEFINED,
                       sizeof maker_note, maker_note, sizeof maker_note);

  resell_test_add_raw (ed, EXIF_IFD_GPS, (ExifTag)EXIF_TAG_GPS_VERSION_ID, EXIF_FORMAT_BYTE, 4, gps_version, 4);
  resell_test_add_ascii (ed, EXIF_IFD_GPS, (ExifTag)EXIF_TAG_GPS_LATITUDE_REF, "N");
  exif_set_rational (latitude, order, (ExifRational) { 51, 1 });
  exif_set_rational (latitude + 8, order, (ExifRational) { 30, 1 });
  exif_set_rational (latitude + 16, order, (ExifRational) { 1234, 100 });
  resell_test_add_raw (ed, EXIF_IFD_GPS, (ExifTag)EXIF_TAG_GPS_LATITUDE, EXIF_FORMAT_RATIONAL, 3, latitude, 24);

  /* The thumbnail; libexif frees it with free(). */
  thumb_image = resell_test_flat_image (160, 120, 200, 10, 10);
  thumbnail = resell_test_save_jpeg (thumb_image, 80);
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

GBytes *
resell_test_with_private_metadata (GBytes *jpeg,
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
  g_autoptr(GBytes) exif = resell_test_private_exif (orientation);
  g_autoptr(GBytes) with_iptc = NULL;
  g_autoptr(GBytes) with_xmp = NULL;

  /* Spliced in reverse, each right after SOI: EXIF ends up first. */
  with_iptc = resell_test_splice_segments (jpeg, 0xed, iptc, sizeof iptc - 1);
  with_xmp = resell_test_splice_segments (with_iptc, 0xe1, xmp, sizeof xmp - 1);

  return resell_test_splice_segments (with_xmp, 0xe1, g_bytes_get_data (exif, NULL), g_bytes_get_size (exif));
}

GBytes *resell_test_big_fixture;

GBytes *
resell_test_get_big_fixture (void)
{
  if (resell_test_big_fixture == NULL)
    {
      g_autoptr(VipsImage) shown = resell_test_flat_image (RESELL_TEST_BIG_SHOWN_W, RESELL_TEST_BIG_SHOWN_H, 235, 235, 235);
      g_autoptr(VipsImage) stored = NULL;
      g_autoptr(GBytes) plain = NULL;

      resell_test_fill_rect (shown, RESELL_TEST_BIG_PRODUCT_X, RESELL_TEST_BIG_PRODUCT_Y, RESELL_TEST_BIG_PRODUCT_W, RESELL_TEST_BIG_PRODUCT_H, 90, 80, 70);
      resell_test_fill_rect (shown, RESELL_TEST_BIG_PRODUCT_X, RESELL_TEST_BIG_PRODUCT_Y, RESELL_TEST_BIG_PRODUCT_W, RESELL_TEST_BIG_MARKER_H, 200, 30, 30);

      /* Orientation 6 says "turn me a quarter clockwise to show me". */
      g_assert_cmpint (vips_rot (shown, &stored, VIPS_ANGLE_D270, NULL), ==, 0);
      g_assert_cmpint (vips_image_get_width (stored), ==, 6000);

      plain = resell_test_save_jpeg (stored, 90);
      resell_test_big_fixture = resell_test_with_private_metadata (plain, 6);
    }

  return resell_test_big_fixture;
}

VipsImage *
resell_test_decode (GBytes *jpeg)
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
void
resell_test_region_mean (VipsImage *image,
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

void
resell_test_pixel (VipsImage *image,
                   int        x,
                   int        y,
                   double     out[3])
{
  resell_test_region_mean (image, x, y, 1, 1, out);
}

/* Everything exiftool finds in @path, one member per tag, named
 * "Group:Tag" (-G1) with numeric values (-n); NULL when exiftool is not
 * installed. */
JsonObject *
resell_test_run_exiftool (const char *path)
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

gboolean
resell_test_has_tag_containing (JsonObject *tags,
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
void
resell_test_assert_metadata_clean (JsonObject *tags,
                                   const char *copyright)
{
  static const char * const forbidden[] = {
    "GPS", "SerialNumber", "Artist", "OwnerName", "MakerNote", "Thumbnail",
    "IFD1:", "XMP", "IPTC", "Photoshop", "ICC", "Make", "Model", "DateTimeOriginal",
    "By-line", "Creator",
  };

  for (guint i = 0; i < G_N_ELEMENTS (forbidden); i++)
    {
      if (resell_test_has_tag_containing (tags, forbidden[i]))
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
      g_assert_false (resell_test_has_tag_containing (tags, "Copyright"));
    }
}

ResellListingProfile *
resell_test_ebay_profile (void)
{
  g_autoptr(GError) error = NULL;
  ResellListingProfile *profile = resell_listing_profile_load_builtin ("ebay", &error);

  g_assert_no_error (error);
  g_assert_nonnull (profile);

  return profile;
}

ResellListingProfile *
resell_test_inline_profile (const char *json)
{
  g_autoptr(GError) error = NULL;
  ResellListingProfile *profile = resell_listing_profile_new_from_data ("inline.json", json, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (profile);

  return profile;
}

ResellPhotoEdits *
resell_test_plain_edits (void)
{
  ResellPhotoEdits *edits = resell_photo_edits_new ();

  edits->auto_trim = FALSE;
  edits->whiten = FALSE;

  return edits;
}

VipsImage *
resell_test_render_ok (const char             *path,
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

  return resell_test_decode (bytes);
}

void
resell_test_dir_fixture_setup (ResellTestDirFixture *f,
                               gconstpointer         data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("resell-listing-XXXXXX", &error);
  g_assert_no_error (error);
}

void
resell_test_dir_fixture_teardown (ResellTestDirFixture *f,
                                  gconstpointer         data)
{
  resell_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* Adds the case @func at @path, run in a fresh private folder. */
void
resell_test_add_dir_test (const char        *path,
                          ResellTestDirFunc  func)
{
  g_test_add (path, ResellTestDirFixture, NULL,
              resell_test_dir_fixture_setup, func,
              resell_test_dir_fixture_teardown);
}
