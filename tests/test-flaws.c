/* test-flaws.c — flaws: the object, their storage in the catalog, and
 * their place on a photo through the seller's turns and crops
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "resell-core.h"
#include "catalog-test-utils.h"
#include "resell-test-utils.h"
#include "listing/resell-listing-renderer.h"

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

/* A retake replaces the photo: the flaws marked on it (and a close-up it
 * was) move to the new picture, with their ids, rather than vanish. */
static void
test_retake_keeps_flaws (ResellTestCatalogFixture *f,
                         gconstpointer             data)
{
  g_autoptr(ResellItem) item = resell_test_insert_item (f->catalog, "Coat");
  g_autoptr(ResellPhoto) front = resell_test_insert_photo (f->catalog, item, "a.jpg", "aaaa");
  g_autoptr(ResellPhoto) back = resell_test_insert_photo (f->catalog, item, "b.jpg", "bbbb");
  g_autoptr(ResellFlaw) on_front = make_flaw (item, front, "stain", RESELL_FLAW_SHAPE_RECT, 0.1, 0.1, 0.2, 0.2);
  g_autoptr(ResellFlaw) on_back = make_flaw (item, back, "hole", RESELL_FLAW_SHAPE_POINT, 0.5, 0.5, 0, 0);
  g_autoptr(ResellPhoto) retake = resell_photo_new ();
  g_autoptr(GPtrArray) flaws = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  gint64 changed = 0;

  /* The front is also the close-up of the hole on the back. */
  resell_flaw_set_detail_photo_id (on_back, resell_photo_get_id (front));
  g_assert_true (resell_catalog_add_flaw (f->catalog, on_front, &error));
  g_assert_true (resell_catalog_add_flaw (f->catalog, on_back, &error));
  g_assert_no_error (error);
  resell_test_drain_main_context ();
  g_signal_connect (f->catalog, "flaws-changed", G_CALLBACK (flaws_changed_cb), &changed);

  dir = resell_catalog_dup_originals_dir (f->catalog, resell_item_get_sku (item), &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "a2.jpg", NULL);
  g_assert_true (g_file_set_contents (path, "cccc", -1, NULL));
  resell_photo_set_item_id (retake, resell_item_get_id (item));
  resell_photo_set_path (retake, path);
  resell_photo_set_sha256 (retake, "cccc");
  g_assert_true (resell_catalog_replace_photo (f->catalog, retake, resell_photo_get_id (front), &error));
  g_assert_no_error (error);

  flaws = resell_catalog_list_flaws (f->catalog, resell_item_get_id (item), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (flaws->len, ==, 2);
  g_assert_cmpint (resell_flaw_get_id (g_ptr_array_index (flaws, 0)), ==, resell_flaw_get_id (on_front));
  g_assert_cmpint (resell_flaw_get_photo_id (g_ptr_array_index (flaws, 0)), ==, resell_photo_get_id (retake));
  g_assert_cmpfloat (resell_flaw_get_width (g_ptr_array_index (flaws, 0)), ==, 0.2);
  g_assert_cmpint (resell_flaw_get_photo_id (g_ptr_array_index (flaws, 1)), ==, resell_photo_get_id (back));
  g_assert_cmpint (resell_flaw_get_detail_photo_id (g_ptr_array_index (flaws, 1)), ==, resell_photo_get_id (retake));

  resell_test_drain_main_context ();
  g_assert_cmpint (changed, ==, resell_item_get_id (item));
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

/* The _async forms a window uses: a copy is written (the caller's object
 * may change meanwhile), in the order called. */
static void
test_flaw_async (ResellTestCatalogFixture *f,
                 gconstpointer             data)
{
  g_autoptr(ResellItem) item = resell_test_insert_item (f->catalog, "Scarf");
  g_autoptr(ResellPhoto) photo = resell_test_insert_photo (f->catalog, item, "a.jpg", "aaaa");
  g_autoptr(ResellPhoto) closeup = resell_test_insert_photo (f->catalog, item, "b.jpg", "bbbb");
  g_autoptr(ResellFlaw) flaw = make_flaw (item, photo, "snag", RESELL_FLAW_SHAPE_POINT, 0.3, 0.3, 0, 0);
  g_autoptr(ResellFlaw) stored = NULL;
  g_autoptr(GAsyncResult) added = NULL;
  g_autoptr(GAsyncResult) updated = NULL;
  g_autoptr(GAsyncResult) linked = NULL;
  g_autoptr(GAsyncResult) listed = NULL;
  g_autoptr(GAsyncResult) removed = NULL;
  g_autoptr(GPtrArray) flaws = NULL;
  g_autoptr(GError) error = NULL;

  resell_catalog_add_flaw_async (f->catalog, flaw, NULL, resell_test_got_result, &added);
  resell_flaw_set_type_id (flaw, "changed after the call");
  stored = resell_catalog_add_flaw_finish (f->catalog, resell_test_wait_for (&added), &error);
  g_assert_no_error (error);
  g_assert_cmpint (resell_flaw_get_id (stored), >, 0);
  g_assert_cmpstr (resell_flaw_get_type_id (stored), ==, "snag");
  g_assert_cmpint (resell_flaw_get_id (flaw), ==, 0);

  /* Update, link and list queued at once: the list sees both. */
  resell_flaw_set_severity (stored, RESELL_FLAW_SEVERITY_MAJOR);
  resell_catalog_update_flaw_async (f->catalog, stored, NULL, resell_test_got_result, &updated);
  resell_catalog_set_flaw_detail_photo_async (f->catalog, resell_flaw_get_id (stored), resell_photo_get_id (closeup),
                                              NULL, resell_test_got_result, &linked);
  resell_catalog_list_flaws_async (f->catalog, resell_item_get_id (item), NULL, resell_test_got_result, &listed);
  g_assert_true (resell_catalog_update_flaw_finish (f->catalog, resell_test_wait_for (&updated), &error));
  g_assert_no_error (error);
  g_assert_true (resell_catalog_set_flaw_detail_photo_finish (f->catalog, resell_test_wait_for (&linked), &error));
  g_assert_no_error (error);
  flaws = resell_catalog_list_flaws_finish (f->catalog, resell_test_wait_for (&listed), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (flaws->len, ==, 1);
  g_assert_cmpint (resell_flaw_get_severity (g_ptr_array_index (flaws, 0)), ==, RESELL_FLAW_SEVERITY_MAJOR);
  g_assert_cmpint (resell_flaw_get_detail_photo_id (g_ptr_array_index (flaws, 0)), ==, resell_photo_get_id (closeup));

  resell_catalog_remove_flaw_async (f->catalog, resell_flaw_get_id (stored), NULL, resell_test_got_result, &removed);
  g_assert_true (resell_catalog_remove_flaw_finish (f->catalog, resell_test_wait_for (&removed), &error));
  g_assert_no_error (error);
  g_clear_pointer (&flaws, g_ptr_array_unref);
  flaws = resell_catalog_list_flaws (f->catalog, resell_item_get_id (item), &error);
  g_assert_cmpuint (flaws->len, ==, 0);

  /* The results hold the catalog; the worker lets go of its last task a
   * moment after the callback ran. */
  g_clear_object (&added);
  g_clear_object (&updated);
  g_clear_object (&linked);
  g_clear_object (&listed);
  g_clear_object (&removed);
  resell_test_drain_main_context ();
  resell_test_assert_finalize_soon (g_steal_pointer (&f->catalog));
}

/* The centre of the dark pixels of @jpeg, as fractions of its size. */
static void
dark_centre (GBytes *jpeg,
             double *out_x,
             double *out_y)
{
  g_autoptr(VipsImage) image = NULL;
  g_autoptr(VipsImage) memory = NULL;
  double sx = 0, sy = 0, n = 0;
  gsize len;
  const void *data = g_bytes_get_data (jpeg, &len);

  g_assert_cmpint (vips_jpegload_buffer ((void *) data, len, &image, NULL), ==, 0);
  memory = vips_image_copy_memory (image);
  g_assert_nonnull (memory);

  for (int y = 0; y < memory->Ysize; y++)
    for (int x = 0; x < memory->Xsize; x++)
      {
        const guint8 *p = VIPS_IMAGE_ADDR (memory, x, y);

        if (p[0] < 100)
          {
            sx += x + 0.5;
            sy += y + 0.5;
            n++;
          }
      }

  g_assert_cmpfloat (n, >, 0);
  *out_x = sx / n / memory->Xsize;
  *out_y = sy / n / memory->Ysize;
}

/* The mapping agrees with the renderer itself: a dark mark drawn on the
 * original is found in the listing image where the mapping says. */
static void
test_mapping_matches_renderer (void)
{
  g_autoptr(ResellListingProfile) profile =
    resell_test_inline_profile ("{\"version\":1,\"id\":\"plain\",\"name\":\"Plain\",\"long_edge\":1000,"
                                "\"square\":false,\"margin\":0,\"quality\":92,\"min_quality\":80,"
                                "\"max_bytes\":0,\"max_photos\":24,\"min_long_edge\":500,\"max_megapixels\":100}");
  g_autoptr(ResellPhotoEdits) edits = resell_photo_edits_new ();
  g_autoptr(VipsImage) picture = resell_test_flat_image (1200, 800, 240, 240, 240);
  g_autoptr(GBytes) original = NULL;
  g_autoptr(GBytes) rendered = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("resell-flaws-XXXXXX", NULL);
  g_autofree char *path = NULL;
  double ex, ey, fx, fy;

  /* A mark centred on (0.4, 0.3) of the upright original. */
  resell_test_fill_rect (picture, 480 - 12, 240 - 12, 24, 24, 10, 10, 10);
  original = resell_test_save_jpeg (picture, 95);
  path = resell_test_write_bytes (dir, "marked.jpg", original);

  edits->auto_trim = FALSE;
  edits->whiten = FALSE;
  edits->rotate = 90;
  edits->straighten = 6.0;
  edits->has_crop = TRUE;
  edits->crop_x = 0.1;
  edits->crop_y = 0.05;
  edits->crop_width = 0.8;
  edits->crop_height = 0.7;

  {
    int w = 0, h = 0;

    g_assert_true (resell_listing_read_upright_size (path, &w, &h, &error));
    g_assert_no_error (error);
    g_assert_cmpint (w, ==, 1200);
    g_assert_cmpint (h, ==, 800);
  }
  /* Stored landscape with EXIF orientation 6: upright, it stands portrait. */
  {
    g_autoptr(GBytes) turned = resell_test_with_private_metadata (original, 6);
    g_autofree char *turned_path = resell_test_write_bytes (dir, "turned.jpg", turned);
    int w = 0, h = 0;

    g_assert_true (resell_listing_read_upright_size (turned_path, &w, &h, &error));
    g_assert_no_error (error);
    g_assert_cmpint (w, ==, 800);
    g_assert_cmpint (h, ==, 1200);
  }

  rendered = resell_listing_render (path, edits, profile, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rendered);

  g_assert_true (resell_photo_edits_upright_to_edited (edits, 1200, 800, 0.4, 0.3, &ex, &ey));
  dark_centre (rendered, &fx, &fy);
  g_test_message ("mapped (%.4f, %.4f), found (%.4f, %.4f)", ex, ey, fx, fy);
  g_assert_cmpfloat_with_epsilon (fx, ex, 0.005);
  g_assert_cmpfloat_with_epsilon (fy, ey, 0.005);

  resell_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  resell_test_init (&argc, &argv);

  g_test_add_func ("/flaws/object", test_flaw_object);
  g_test_add ("/flaws/storage", ResellTestCatalogFixture, NULL,
              resell_test_catalog_fixture_set_up, test_flaw_storage, resell_test_catalog_fixture_tear_down);
  g_test_add ("/flaws/async", ResellTestCatalogFixture, NULL,
              resell_test_catalog_fixture_set_up, test_flaw_async, resell_test_catalog_fixture_tear_down);
  g_test_add ("/flaws/retake-keeps-flaws", ResellTestCatalogFixture, NULL,
              resell_test_catalog_fixture_set_up, test_retake_keeps_flaws, resell_test_catalog_fixture_tear_down);
  g_test_add_func ("/flaws/mapping", test_mapping_cases);
  g_test_add_func ("/flaws/mapping-matches-renderer", test_mapping_matches_renderer);
  g_test_add ("/flaws/survive-turn-and-crop", ResellTestCatalogFixture, NULL,
              resell_test_catalog_fixture_set_up, test_flaw_survives_edits, resell_test_catalog_fixture_tear_down);

  return g_test_run ();
}
