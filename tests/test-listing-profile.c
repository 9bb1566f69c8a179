/* test-listing-profile.c — listing images: marketplace profiles and
 * recipe keys
 *
 * Every fixture is made with libvips (and libexif for the EXIF a camera
 * would write) in resell-test-utils.c, so no binary files live in the
 * repository.
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

/* Profiles ---------------------------------------------------------------- */

static void
test_profile_builtin (void)
{
  g_autoptr(ResellListingProfile) profile = resell_test_ebay_profile ();
  g_autoptr(ResellListingProfile) again = resell_test_ebay_profile ();
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
        g_autoptr(GString) json = g_string_new (resell_test_free_shape_profile);

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
    g_autoptr(ResellListingProfile) a = resell_test_inline_profile (resell_test_free_shape_profile);
    g_autoptr(GString) json = g_string_new (resell_test_free_shape_profile);
    g_autoptr(ResellListingProfile) b = NULL;

    g_string_replace (json, "\"quality\":88", "\"quality\":87", 1);
    b = resell_test_inline_profile (json->str);
    g_assert_cmpstr (resell_listing_profile_get_digest (a), !=, resell_listing_profile_get_digest (b));
  }
}

/* resell_test_free_shape_profile with @extra members added at its end. */
static char *
free_shape_with (const char *extra)
{
  g_autoptr(GString) json = g_string_new (resell_test_free_shape_profile);

  g_assert_cmpuint (g_string_replace (json, "}", extra, 1), ==, 1);

  return g_string_free (g_steal_pointer (&json), FALSE);
}

static void
test_profile_format (void)
{
  g_autoptr(ResellListingProfile) plain = resell_test_inline_profile (resell_test_free_shape_profile);
  g_autofree char *webp_json = free_shape_with (",\"format\":\"webp\"}");
  g_autofree char *jpeg_json = free_shape_with (",\"format\":\"jpeg\"}");
  g_autofree char *internal_json = free_shape_with (",\"internal\":true}");
  g_autoptr(ResellListingProfile) webp = resell_test_inline_profile (webp_json);
  g_autoptr(ResellListingProfile) jpeg = resell_test_inline_profile (jpeg_json);
  g_autoptr(ResellListingProfile) internal = resell_test_inline_profile (internal_json);
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
    g_autoptr(GString) json = g_string_new (resell_test_free_shape_profile);

    g_string_replace (json, "\"version\":1,", "\"version\":1,\n\n\"format\":\"png\",\n", 1);
    profile = resell_listing_profile_new_from_data ("lines.json", json->str, -1, &error);
    g_assert_null (profile);
    g_assert_true (g_str_has_prefix (error->message, "lines.json:3: "));
  }
}

static void
test_profile_summary (void)
{
  g_autoptr(ResellListingProfile) ebay = resell_test_ebay_profile ();
  g_autofree char *webp_json = free_shape_with (",\"format\":\"webp\"}");
  g_autoptr(ResellListingProfile) webp = resell_test_inline_profile (webp_json);
  g_autoptr(GString) one_json = g_string_new (resell_test_free_shape_profile);
  g_autoptr(ResellListingProfile) one = NULL;
  g_autofree char *ebay_summary = resell_listing_profile_dup_summary (ebay);
  g_autofree char *webp_summary = resell_listing_profile_dup_summary (webp);
  g_autofree char *one_summary = NULL;

  g_string_replace (one_json, "\"max_photos\":24", "\"max_photos\":1", 1);
  one = resell_test_inline_profile (one_json->str);
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

/* Recipe keys ------------------------------------------------------------- */

static void
test_recipe_key (void)
{
  static const char sha_a[] = "0000000000000000000000000000000000000000000000000000000000000001";
  static const char sha_b[] = "0000000000000000000000000000000000000000000000000000000000000002";
  g_autoptr(ResellListingProfile) ebay = resell_test_ebay_profile ();
  g_autoptr(ResellListingProfile) other = resell_test_inline_profile (resell_test_free_shape_profile);
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

int
main (int   argc,
      char *argv[])
{
  resell_test_init (&argc, &argv);

  g_test_add_func ("/listing/profile/builtin", test_profile_builtin);
  g_test_add_func ("/listing/profile/invalid", test_profile_invalid);
  g_test_add_func ("/listing/profile/format", test_profile_format);
  g_test_add_func ("/listing/profile/summary", test_profile_summary);
  g_test_add_func ("/listing/profile/list-builtin", test_profile_list_builtin);
  g_test_add_func ("/listing/recipe-key", test_recipe_key);

  return resell_test_run ();
}
