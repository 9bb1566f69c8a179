/* test-flaws.c — flaws: the object, their storage in the catalog, and
 * their place on a photo through the seller's turns and crops
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "resell-core.h"
#include "catalog-test-utils.h"
#include "resell-test-utils.h"

/* The test photos are 6000 × 4000 with no EXIF orientation: upright as stored. */
#define PHOTO_WIDTH 6000.0
#define PHOTO_HEIGHT 4000.0

static ResellFlaw *
make_flaw (ResellItem      *item,
           ResellPhoto     *photo,
           const char      *type_id,
           ResellFlawShape  shape,
           double           x,
           double           y,
           double           width,
           double           height)
{
  ResellFlaw *flaw = resell_flaw_new ();

  resell_flaw_set_item_id (flaw, resell_item_get_id (item));
  resell_flaw_set_photo_id (flaw, resell_photo_get_id (photo));
  resell_flaw_set_type_id (flaw, type_id);
  resell_flaw_set_geometry (flaw, shape, x, y, width, height);

  return flaw;
}

static void
test_flaw_object (void)
{
  g_autoptr(ResellFlaw) flaw = resell_flaw_new ();
  g_autoptr(ResellFlaw) copy = NULL;
  g_autoptr(GError) error = NULL;
  ResellFlawSeverity severity;
  ResellFlawShape shape;

  /* The ids everyone shares. */
  g_assert_cmpstr (resell_flaw_severity_to_string (RESELL_FLAW_SEVERITY_MINOR), ==, "minor");
  g_assert_cmpstr (resell_flaw_severity_to_string (RESELL_FLAW_SEVERITY_MODERATE), ==, "moderate");
  g_assert_cmpstr (resell_flaw_severity_to_string (RESELL_FLAW_SEVERITY_MAJOR), ==, "major");
  g_assert_true (resell_flaw_severity_from_string ("major", &severity));
  g_assert_cmpint (severity, ==, RESELL_FLAW_SEVERITY_MAJOR);
  g_assert_false (resell_flaw_severity_from_string ("Major", &severity));
  g_assert_false (resell_flaw_severity_from_string (NULL, &severity));
  g_assert_true (resell_flaw_shape_from_string ("ellipse", &shape));
  g_assert_cmpint (shape, ==, RESELL_FLAW_SHAPE_ELLIPSE);
  g_assert_cmpstr (resell_flaw_shape_to_string (RESELL_FLAW_SHAPE_RECT), ==, "rect");
  g_assert_cmpstr (resell_flaw_shape_to_string (RESELL_FLAW_SHAPE_POINT), ==, "point");
  g_assert_false (resell_flaw_shape_from_string ("circle", &shape));

  /* Strings are never NULL. */
  g_assert_cmpstr (resell_flaw_get_zone_id (flaw), ==, "");
  resell_flaw_set_note (flaw, NULL);
  g_assert_cmpstr (resell_flaw_get_note (flaw), ==, "");

  /* No type yet. */
  g_assert_false (resell_flaw_is_valid (flaw, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  resell_flaw_set_type_id (flaw, "stain");
  resell_flaw_set_geometry (flaw, RESELL_FLAW_SHAPE_POINT, 0.5, 0.5, 0, 0);
  g_assert_true (resell_flaw_is_valid (flaw, &error));
  g_assert_no_error (error);

  /* A point with a size, a box with none, a box past the edge, NaN. */
  resell_flaw_set_geometry (flaw, RESELL_FLAW_SHAPE_POINT, 0.5, 0.5, 0.1, 0);
  g_assert_false (resell_flaw_is_valid (flaw, NULL));
  resell_flaw_set_geometry (flaw, RESELL_FLAW_SHAPE_RECT, 0.5, 0.5, 0, 0.1);
  g_assert_false (resell_flaw_is_valid (flaw, NULL));
  resell_flaw_set_geometry (flaw, RESELL_FLAW_SHAPE_ELLIPSE, 0.5, 0.5, 0.6, 0.1);
  g_assert_false (resell_flaw_is_valid (flaw, NULL));
  resell_flaw_set_geometry (flaw, RESELL_FLAW_SHAPE_RECT, -0.01, 0.5, 0.1, 0.1);
  g_assert_false (resell_flaw_is_valid (flaw, NULL));
  resell_flaw_set_geometry (flaw, RESELL_FLAW_SHAPE_RECT, NAN, 0.5, 0.1, 0.1);
  g_assert_false (resell_flaw_is_valid (flaw, NULL));
  /* Up to the very edge is inside. */
  resell_flaw_set_geometry (flaw, RESELL_FLAW_SHAPE_RECT, 0.7, 0.9, 0.3, 0.1);
  g_assert_true (resell_flaw_is_valid (flaw, NULL));

  resell_flaw_set_id (flaw, 12);
  resell_flaw_set_severity (flaw, RESELL_FLAW_SEVERITY_MODERATE);
  resell_flaw_set_zone_id (flaw, "lining");
  resell_flaw_set_note (flaw, "near the zip");
  resell_flaw_set_detail_photo_id (flaw, 7);
  copy = resell_flaw_copy (flaw);
  g_assert_cmpint (resell_flaw_get_id (copy), ==, 12);
  g_assert_cmpstr (resell_flaw_get_type_id (copy), ==, "stain");
  g_assert_cmpint (resell_flaw_get_severity (copy), ==, RESELL_FLAW_SEVERITY_MODERATE);
  g_assert_cmpstr (resell_flaw_get_zone_id (copy), ==, "lining");
  g_assert_cmpint (resell_flaw_get_shape (copy), ==, RESELL_FLAW_SHAPE_RECT);
  g_assert_cmpfloat (resell_flaw_get_x (copy), ==, 0.7);
  g_assert_cmpfloat (resell_flaw_get_height (copy), ==, 0.1);
  g_assert_cmpstr (resell_flaw_get_note (copy), ==, "near the zip");
  g_assert_cmpint (resell_flaw_get_detail_photo_id (copy), ==, 7);
}

static void
flaws_changed_cb (ResellCatalog *catalog,
                  gint64         item_id,
                  gint64        *last)
{
  *last = item_id;
}

static void
test_flaw_storage (ResellTestCatalogFixture *f,
                   gconstpointer             data)
{
  g_autoptr(ResellItem) item = resell_test_insert_item (f->catalog, "Tote");
  g_autoptr(ResellItem) other = resell_test_insert_item (f->catalog, "Other");
  g_autoptr(ResellPhoto) first = resell_test_insert_photo (f->catalog, item, "a.jpg", "aaaa");
  g_autoptr(ResellPhoto) second = resell_test_insert_photo (f->catalog, item, "b.jpg", "bbbb");
  g_autoptr(ResellPhoto) closeup = resell_test_insert_photo (f->catalog, item, "c.jpg", "cccc");
  g_autoptr(ResellPhoto) foreign = resell_test_insert_photo (f->catalog, other, "d.jpg", "dddd");
  g_autoptr(ResellFlaw) on_second = make_flaw (item, second, "stain", RESELL_FLAW_SHAPE_RECT, 0.1, 0.2, 0.3, 0.4);
  g_autoptr(ResellFlaw) on_first = make_flaw (item, first, "scuff", RESELL_FLAW_SHAPE_POINT, 0.5, 0.5, 0, 0);
  g_autoptr(ResellFlaw) wrong = make_flaw (item, foreign, "scuff", RESELL_FLAW_SHAPE_POINT, 0.5, 0.5, 0, 0);
  g_autoptr(ResellFlaw) stored = NULL;
  g_autoptr(ResellItem) reread = NULL;
  g_autoptr(GPtrArray) flaws = NULL;
  g_autoptr(GError) error = NULL;
  gint64 changed = 0;
  gint64 before = resell_item_get_updated_at (item);

  g_signal_connect (f->catalog, "flaws-changed", G_CALLBACK (flaws_changed_cb), &changed);

  resell_flaw_set_severity (on_second, RESELL_FLAW_SEVERITY_MAJOR);
  resell_flaw_set_zone_id (on_second, "lining");
  resell_flaw_set_note (on_second, "ink");
  g_assert_true (resell_catalog_add_flaw (f->catalog, on_second, &error));
  g_assert_no_error (error);
  g_assert_cmpint (resell_flaw_get_id (on_second), >, 0);
  g_assert_cmpint (resell_flaw_get_created_at (on_second), >, 0);
  g_assert_true (resell_catalog_add_flaw (f->catalog, on_first, &error));
  g_assert_no_error (error);

  /* Signals come on the catalog's main context, after the commit. */
  g_assert_cmpint (changed, ==, 0);
  resell_test_drain_main_context ();
  g_assert_cmpint (changed, ==, resell_item_get_id (item));

  /* Adding touched the item. */
  reread = resell_catalog_lookup_item (f->catalog, resell_item_get_id (item), &error);
  g_assert_no_error (error);
  g_assert_cmpint (resell_item_get_updated_at (reread), >, before);

  /* A flaw on another item's photo is refused, and nothing is stored. */
  g_assert_false (resell_catalog_add_flaw (f->catalog, wrong, &error));
  g_assert_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpint (resell_flaw_get_id (wrong), ==, 0);

  /* Ordered by the photo's place, not by when it was marked. */
  flaws = resell_catalog_list_flaws (f->catalog, resell_item_get_id (item), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (flaws->len, ==, 2);
  g_assert_cmpint (resell_flaw_get_id (g_ptr_array_index (flaws, 0)), ==, resell_flaw_get_id (on_first));
  stored = g_object_ref (g_ptr_array_index (flaws, 1));
  g_assert_cmpstr (resell_flaw_get_type_id (stored), ==, "stain");
  g_assert_cmpint (resell_flaw_get_severity (stored), ==, RESELL_FLAW_SEVERITY_MAJOR);
  g_assert_cmpstr (resell_flaw_get_zone_id (stored), ==, "lining");
  g_assert_cmpint (resell_flaw_get_shape (stored), ==, RESELL_FLAW_SHAPE_RECT);
  g_assert_cmpfloat (resell_flaw_get_x (stored), ==, 0.1);
  g_assert_cmpfloat (resell_flaw_get_y (stored), ==, 0.2);
  g_assert_cmpfloat (resell_flaw_get_width (stored), ==, 0.3);
  g_assert_cmpfloat (resell_flaw_get_height (stored), ==, 0.4);
  g_assert_cmpstr (resell_flaw_get_note (stored), ==, "ink");
  g_assert_cmpint (resell_flaw_get_detail_photo_id (stored), ==, 0);
  g_clear_pointer (&flaws, g_ptr_array_unref);

  /* Moving the second photo first reorders the flaws. */
  g_assert_true (resell_catalog_move_photo (f->catalog, resell_photo_get_id (second), 0, &error));
  g_assert_no_error (error);
  flaws = resell_catalog_list_flaws (f->catalog, resell_item_get_id (item), &error);
  g_assert_cmpint (resell_flaw_get_id (g_ptr_array_index (flaws, 0)), ==, resell_flaw_get_id (on_second));
  g_clear_pointer (&flaws, g_ptr_array_unref);

  /* Update. */
  resell_flaw_set_severity (stored, RESELL_FLAW_SEVERITY_MINOR);
  resell_flaw_set_geometry (stored, RESELL_FLAW_SHAPE_ELLIPSE, 0.2, 0.2, 0.1, 0.1);
  g_assert_true (resell_catalog_update_flaw (f->catalog, stored, &error));
  g_assert_no_error (error);
  g_clear_object (&stored);
  stored = resell_catalog_lookup_flaw (f->catalog, resell_flaw_get_id (on_second), &error);
  g_assert_no_error (error);
  g_assert_cmpint (resell_flaw_get_severity (stored), ==, RESELL_FLAW_SEVERITY_MINOR);
  g_assert_cmpint (resell_flaw_get_shape (stored), ==, RESELL_FLAW_SHAPE_ELLIPSE);
  g_assert_cmpfloat (resell_flaw_get_width (stored), ==, 0.1);
  g_clear_object (&stored);

  /* The close-up: linked, then unlinked when its photo goes. */
  g_assert_false (resell_catalog_set_flaw_detail_photo (f->catalog, resell_flaw_get_id (on_second),
                                                        resell_photo_get_id (foreign), &error));
  g_assert_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_true (resell_catalog_set_flaw_detail_photo (f->catalog, resell_flaw_get_id (on_second),
                                                       resell_photo_get_id (closeup), &error));
  g_assert_no_error (error);
  stored = resell_catalog_lookup_flaw (f->catalog, resell_flaw_get_id (on_second), &error);
  g_assert_cmpint (resell_flaw_get_detail_photo_id (stored), ==, resell_photo_get_id (closeup));
  g_clear_object (&stored);
  g_assert_true (resell_catalog_remove_photo (f->catalog, resell_photo_get_id (closeup), &error));
  g_assert_no_error (error);
  stored = resell_catalog_lookup_flaw (f->catalog, resell_flaw_get_id (on_second), &error);
  g_assert_no_error (error);
  g_assert_cmpint (resell_flaw_get_detail_photo_id (stored), ==, 0);
  g_clear_object (&stored);

  /* A flaw goes with the photo it is marked on, and the window hears of it. */
  resell_test_drain_main_context ();
  changed = 0;
  g_assert_true (resell_catalog_remove_photo (f->catalog, resell_photo_get_id (first), &error));
  g_assert_no_error (error);
  resell_test_drain_main_context ();
  g_assert_cmpint (changed, ==, resell_item_get_id (item));
  flaws = resell_catalog_list_flaws (f->catalog, resell_item_get_id (item), &error);
  g_assert_cmpuint (flaws->len, ==, 1);
  g_clear_pointer (&flaws, g_ptr_array_unref);

  /* Remove; a second time it is gone. */
  changed = 0;
  g_assert_true (resell_catalog_remove_flaw (f->catalog, resell_flaw_get_id (on_second), &error));
  g_assert_no_error (error);
  g_assert_false (resell_catalog_remove_flaw (f->catalog, resell_flaw_get_id (on_second), &error));
  g_assert_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_NOT_FOUND);
  g_clear_error (&error);
  resell_test_drain_main_context ();
  g_assert_cmpint (changed, ==, resell_item_get_id (item));
  flaws = resell_catalog_list_flaws (f->catalog, resell_item_get_id (item), &error);
  g_assert_cmpuint (flaws->len, ==, 0);

  g_signal_handlers_disconnect_by_func (f->catalog, flaws_changed_cb, &changed);
}

static void
assert_maps (const ResellPhotoEdits *edits,
             double                  x,
             double                  y,
             double                  expect_x,
             double                  expect_y,
             gboolean                expect_inside)
{
  double ex, ey, ux, uy;

  g_assert_true (resell_photo_edits_upright_to_edited (edits, PHOTO_WIDTH, PHOTO_HEIGHT, x, y, &ex, &ey)
                 == expect_inside);
  g_assert_cmpfloat_with_epsilon (ex, expect_x, 1e-9);
  g_assert_cmpfloat_with_epsilon (ey, expect_y, 1e-9);

  /* And back to the same spot of the upright original. */
  resell_photo_edits_edited_to_upright (edits, PHOTO_WIDTH, PHOTO_HEIGHT, ex, ey, &ux, &uy);
  g_assert_cmpfloat_with_epsilon (ux, x, 1e-9);
  g_assert_cmpfloat_with_epsilon (uy, y, 1e-9);
}

/* Hand-computed: turning clockwise by a quarter takes (x, y) to (1 - y, x);
 * a crop takes u to (u - crop_x) / crop_width. */
static void
test_mapping_cases (void)
{
  g_autoptr(ResellPhotoEdits) edits = resell_photo_edits_new ();
  double w, h;

  assert_maps (edits, 0.25, 0.2, 0.25, 0.2, TRUE);

  edits->rotate = 90;
  assert_maps (edits, 0.25, 0.2, 0.8, 0.25, TRUE);
  assert_maps (edits, 0.0, 0.0, 1.0, 0.0, TRUE);
  edits->rotate = 180;
  assert_maps (edits, 0.25, 0.2, 0.75, 0.8, TRUE);
  edits->rotate = 270;
  assert_maps (edits, 0.25, 0.2, 0.2, 0.75, TRUE);
  assert_maps (edits, 0.0, 0.0, 0.0, 1.0, TRUE);

  /* Turned, then the right half of the top half kept. */
  edits->rotate = 90;
  edits->has_crop = TRUE;
  edits->crop_x = 0.5;
  edits->crop_y = 0.0;
  edits->crop_width = 0.5;
  edits->crop_height = 0.5;
  assert_maps (edits, 0.25, 0.2, 0.6, 0.5, TRUE);
  /* The upright original's bottom-left corner is now the bottom left of
   * the turned picture, cropped away. */
  assert_maps (edits, 0.0, 1.0, -1.0, 0.0, FALSE);
  resell_photo_edits_edited_size (edits, PHOTO_WIDTH, PHOTO_HEIGHT, &w, &h);
  g_assert_cmpfloat_with_epsilon (w, 2000.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (h, 3000.0, 1e-9);

  /* Straightened: the centre stays the centre, and a point a little right
   * of it goes down by the angle (clockwise, y down). */
  edits->rotate = 0;
  edits->has_crop = FALSE;
  edits->straighten = 10.0;
  {
    double kw, kh, ex, ey;
    double a = 10.0 * G_PI / 180.0;

    assert_maps (edits, 0.5, 0.5, 0.5, 0.5, TRUE);
    resell_photo_edits_straightened_size (PHOTO_WIDTH, PHOTO_HEIGHT, 10.0, &kw, &kh);
    /* 600 px right of the centre. */
    g_assert_true (resell_photo_edits_upright_to_edited (edits, PHOTO_WIDTH, PHOTO_HEIGHT, 0.6, 0.5, &ex, &ey));
    g_assert_cmpfloat_with_epsilon (ex, 0.5 + 600.0 * cos (a) / kw, 1e-9);
    g_assert_cmpfloat_with_epsilon (ey, 0.5 + 600.0 * sin (a) / kh, 1e-9);
    assert_maps (edits, 0.6, 0.5, ex, ey, TRUE);
    /* A corner is outside what straightening keeps. */
    g_assert_false (resell_photo_edits_upright_to_edited (edits, PHOTO_WIDTH, PHOTO_HEIGHT, 0.0, 0.0, &ex, &ey));
  }

  /* Every step at once, both ways, over a grid. */
  edits->rotate = 270;
  edits->straighten = -7.5;
  edits->has_crop = TRUE;
  edits->crop_x = 0.1;
  edits->crop_y = 0.2;
  edits->crop_width = 0.6;
  edits->crop_height = 0.7;
  for (double x = 0.05; x < 1.0; x += 0.1)
    for (double y = 0.05; y < 1.0; y += 0.1)
      {
        double ex, ey, ux, uy;

        resell_photo_edits_upright_to_edited (edits, PHOTO_WIDTH, PHOTO_HEIGHT, x, y, &ex, &ey);
        resell_photo_edits_edited_to_upright (edits, PHOTO_WIDTH, PHOTO_HEIGHT, ex, ey, &ux, &uy);
        g_assert_cmpfloat_with_epsilon (ux, x, 1e-9);
        g_assert_cmpfloat_with_epsilon (uy, y, 1e-9);
      }
}

/* The case: a flaw stored, its photo turned and cropped in the
 * editor (saved through the catalog), the flaw still on the same spot of
 * the upright original, and drawn where that spot now is. */
static void
test_flaw_survives_edits (ResellTestCatalogFixture *f,
                          gconstpointer             data)
{
  g_autoptr(ResellItem) item = resell_test_insert_item (f->catalog, "Boots");
  g_autoptr(ResellPhoto) photo = resell_test_insert_photo (f->catalog, item, "a.jpg", "aaaa");
  g_autoptr(ResellFlaw) flaw = make_flaw (item, photo, "scuff", RESELL_FLAW_SHAPE_RECT, 0.2, 0.1, 0.1, 0.2);
  g_autoptr(ResellPhotoEdits) edits = resell_photo_edits_new ();
  g_autoptr(ResellPhotoEdits) stored_edits = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  g_autoptr(GPtrArray) flaws = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  ResellFlaw *stored;
  double cx, cy, ex, ey, ux, uy;

  g_assert_true (resell_catalog_add_flaw (f->catalog, flaw, &error));
  g_assert_no_error (error);

  edits->rotate = 90;
  edits->has_crop = TRUE;
  edits->crop_x = 0.5;
  edits->crop_y = 0.0;
  edits->crop_width = 0.5;
  edits->crop_height = 0.5;
  json = resell_photo_edits_to_json (edits);
  resell_photo_set_edits (photo, json);
  g_assert_true (resell_catalog_update_photo (f->catalog, photo, &error));
  g_assert_no_error (error);

  flaws = resell_catalog_list_flaws (f->catalog, resell_item_get_id (item), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (flaws->len, ==, 1);
  stored = g_ptr_array_index (flaws, 0);
  g_assert_cmpfloat (resell_flaw_get_x (stored), ==, 0.2);
  g_assert_cmpfloat (resell_flaw_get_y (stored), ==, 0.1);
  g_assert_cmpfloat (resell_flaw_get_width (stored), ==, 0.1);
  g_assert_cmpfloat (resell_flaw_get_height (stored), ==, 0.2);

  photos = resell_catalog_list_photos (f->catalog, resell_item_get_id (item), &error);
  g_assert_no_error (error);
  stored_edits = resell_photo_edits_from_json (resell_photo_get_edits (g_ptr_array_index (photos, 0)), &error);
  g_assert_no_error (error);

  /* Centre (0.25, 0.2): turned to (0.8, 0.25), cropped to (0.6, 0.5). */
  resell_flaw_get_center (stored, &cx, &cy);
  g_assert_cmpfloat_with_epsilon (cx, 0.25, 1e-12);
  g_assert_cmpfloat_with_epsilon (cy, 0.2, 1e-12);
  g_assert_true (resell_photo_edits_upright_to_edited (stored_edits, PHOTO_WIDTH, PHOTO_HEIGHT, cx, cy, &ex, &ey));
  g_assert_cmpfloat_with_epsilon (ex, 0.6, 1e-9);
  g_assert_cmpfloat_with_epsilon (ey, 0.5, 1e-9);
  /* Its top-left corner (0.2, 0.1) is now the top right of its box: (0.9, 0.2) → (0.8, 0.4). */
  g_assert_true (resell_photo_edits_upright_to_edited (stored_edits, PHOTO_WIDTH, PHOTO_HEIGHT, 0.2, 0.1, &ex, &ey));
  g_assert_cmpfloat_with_epsilon (ex, 0.8, 1e-9);
  g_assert_cmpfloat_with_epsilon (ey, 0.4, 1e-9);
  resell_photo_edits_edited_to_upright (stored_edits, PHOTO_WIDTH, PHOTO_HEIGHT, ex, ey, &ux, &uy);
  g_assert_cmpfloat_with_epsilon (ux, 0.2, 1e-9);
  g_assert_cmpfloat_with_epsilon (uy, 0.1, 1e-9);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/flaws/object", test_flaw_object);
  g_test_add ("/flaws/storage", ResellTestCatalogFixture, NULL,
              resell_test_catalog_fixture_set_up, test_flaw_storage, resell_test_catalog_fixture_tear_down);
  g_test_add_func ("/flaws/mapping", test_mapping_cases);
  g_test_add ("/flaws/survive-turn-and-crop", ResellTestCatalogFixture, NULL,
              resell_test_catalog_fixture_set_up, test_flaw_survives_edits, resell_test_catalog_fixture_tear_down);

  return g_test_run ();
}
