/* test-item.c — the item and photo value objects, without a catalog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "resell-core.h"
#include "resell-test-utils.h"

/* ResellItem */

static void
test_item_properties (void)
{
  g_autoptr(ResellItem) item = resell_item_new ();
  g_autoptr(ResellItem) copy = NULL;
  g_autoptr(ResellItem) other = NULL;
  guint notifies = 0;
  g_autofree char *sku = NULL;

  g_assert_cmpstr (resell_item_get_title (item), ==, "");
  g_assert_cmpstr (resell_item_get_sku (item), ==, "");
  g_assert_null (resell_item_get_cover_path (item));
  g_object_get (item, "sku", &sku, NULL);
  g_assert_cmpstr (sku, ==, "");

  g_signal_connect (item, "notify", G_CALLBACK (resell_test_count_notify_cb), &notifies);

  resell_item_set_title (item, "Speedy 30");
  g_assert_cmpuint (notifies, ==, 1);
  resell_item_set_title (item, "Speedy 30");
  g_assert_cmpuint (notifies, ==, 1);
  resell_item_set_title (item, NULL);
  g_assert_cmpuint (notifies, ==, 2);
  g_assert_cmpstr (resell_item_get_title (item), ==, "");
  resell_item_set_title (item, "");
  g_assert_cmpuint (notifies, ==, 2);

  resell_item_set_state (item, RESELL_ITEM_STATE_READY);
  resell_item_set_state (item, RESELL_ITEM_STATE_READY);
  g_assert_cmpuint (notifies, ==, 3);
  g_object_set (item, "brand", "Louis Vuitton", "photo-count", 3u, NULL);
  g_assert_cmpuint (notifies, ==, 5);

  copy = resell_item_copy (item);
  g_assert_cmpstr (resell_item_get_brand (copy), ==, "Louis Vuitton");
  g_assert_cmpuint (resell_item_get_photo_count (copy), ==, 3);
  g_assert_cmpint (resell_item_get_state (copy), ==, RESELL_ITEM_STATE_READY);

  /* Copying an identical item onto it changes nothing, so says nothing. */
  resell_item_update_from (item, copy);
  g_assert_cmpuint (notifies, ==, 5);

  other = resell_item_new ();
  resell_item_set_model (other, "Neverfull");
  resell_item_update_from (item, other);
  g_assert_cmpstr (resell_item_get_model (item), ==, "Neverfull");
  g_assert_cmpstr (resell_item_get_brand (item), ==, "");
  g_assert_cmpint (resell_item_get_state (item), ==, RESELL_ITEM_STATE_DRAFT);
}

static void
test_item_state (void)
{
  ResellItemState state;
  GEnumClass *klass;

  g_assert_cmpstr (resell_item_state_to_string (RESELL_ITEM_STATE_DRAFT), ==, "draft");
  g_assert_cmpstr (resell_item_state_to_string (RESELL_ITEM_STATE_SUBMITTED), ==, "submitted");
  g_assert_true (resell_item_state_from_string ("uploading", &state));
  g_assert_cmpint (state, ==, RESELL_ITEM_STATE_UPLOADING);
  g_assert_false (resell_item_state_from_string ("sold", &state));
  g_assert_false (resell_item_state_from_string (NULL, &state));
  g_assert_cmpstr (resell_item_state_get_label (RESELL_ITEM_STATE_QUEUED), ==, "Queued");

  klass = g_type_class_ref (RESELL_TYPE_ITEM_STATE);
  g_assert_cmpuint (klass->n_values, ==, 5);
  g_assert_cmpstr (g_enum_get_value (klass, RESELL_ITEM_STATE_READY)->value_nick, ==, "ready");
  g_type_class_unref (klass);
}

static void
test_item_display_and_match (void)
{
  g_autoptr(ResellItem) item = resell_item_new ();
  g_autofree char *title1 = NULL;
  g_autofree char *title2 = NULL;
  g_autofree char *title3 = NULL;
  g_autofree char *needle = g_utf8_casefold ("ÉTÉ", -1);

  resell_item_set_sku (item, "RS-240101-001");
  title1 = resell_item_dup_display_title (item);
  g_assert_cmpstr (title1, ==, "RS-240101-001");

  resell_item_set_brand (item, "Hermès");
  resell_item_set_model (item, "Kelly");
  title2 = resell_item_dup_display_title (item);
  g_assert_cmpstr (title2, ==, "Hermès Kelly");

  resell_item_set_title (item, "  Kelly 28 in gold  ");
  title3 = resell_item_dup_display_title (item);
  g_assert_cmpstr (title3, ==, "Kelly 28 in gold");

  g_assert_true (resell_item_matches (item, "kelly"));
  g_assert_true (resell_item_matches (item, "hermès"));
  g_assert_true (resell_item_matches (item, "240101"));
  g_assert_false (resell_item_matches (item, "chanel"));
  g_assert_false (resell_item_matches (item, needle));
  resell_item_set_notes (item, "Worn one summer (été)");
  g_assert_true (resell_item_matches (item, needle));
  resell_item_set_consignor (item, "Ana Lopez");
  g_assert_true (resell_item_matches (item, "lopez"));
}

static void
test_photo_properties (void)
{
  g_autoptr(ResellPhoto) photo = resell_photo_new ();
  guint notifies = 0;

  g_signal_connect (photo, "notify", G_CALLBACK (resell_test_count_notify_cb), &notifies);

  g_assert_null (resell_photo_get_slot (photo));
  resell_photo_set_slot (photo, "front");
  resell_photo_set_slot (photo, "front");
  g_assert_cmpuint (notifies, ==, 1);
  resell_photo_set_slot (photo, "");
  g_assert_null (resell_photo_get_slot (photo));
  g_assert_cmpuint (notifies, ==, 2);

  g_object_set (photo, "width", 10, "height", 20, "captured-at", G_GINT64_CONSTANT (5), NULL);
  g_assert_cmpint (resell_photo_get_width (photo), ==, 10);
  g_assert_cmpint (resell_photo_get_height (photo), ==, 20);
  g_assert_cmpint (resell_photo_get_captured_at (photo), ==, 5);
  g_assert_cmpuint (notifies, ==, 5);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/item/properties", test_item_properties);
  g_test_add_func ("/item/state", test_item_state);
  g_test_add_func ("/item/display-and-match", test_item_display_and_match);
  g_test_add_func ("/photo/properties", test_photo_properties);

  return g_test_run ();
}
