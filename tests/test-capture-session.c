/* test-capture-session.c — the studio's workflow without the window:
 * libgphoto2's virtual camera (see test-camera.c) takes the photos, the
 * capture session attaches them to the shots of a category, moves on
 * through the list, replaces a photo on a retake, adds extras and arms a
 * retake when a photo fails its checks.
 *
 * The virtual camera reads the size of its card's files once per process
 * and their bytes at each download: every picture here is padded to one
 * size and put on the card before the shot.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <vips/vips.h>

#include "resell-core.h"
#include "resell-test-utils.h"
#include "vcamera-test-utils.h"
#include "intake/resell-capture-session.h"

/* Shots front and back want a white backdrop; the label any. */
static const char category_json[] =
  "{\"version\":1,\"id\":\"test\",\"name\":\"Test\",\"icon\":\"package-x-generic-symbolic\","
  "\"sku_code\":\"TST\","
  "\"shots\":[{\"id\":\"front\",\"label\":\"Front\",\"guidance\":\"g\",\"required\":true,\"backdrop\":\"white\"},"
  "{\"id\":\"back\",\"label\":\"Back\",\"guidance\":\"g\",\"required\":true,\"backdrop\":\"white\"},"
  "{\"id\":\"label\",\"label\":\"Label\",\"guidance\":\"g\",\"required\":false,\"backdrop\":\"any\"}],"
  "\"checklist\":[{\"id\":\"q\",\"question\":\"Q?\",\"answers\":[\"Yes\",\"No\"]}],"
  "\"flaws\":[{\"id\":\"stain\",\"label\":\"Stain\",\"description\":\"d\"}]}";

#define N_GOOD 5

static GBytes *starter;          /* the card as build-vcamera made it */
static GBytes *good[N_GOOD];     /* pass every check on white */
static GBytes *grey;             /* a grey backdrop: fails on a white shot */

typedef struct
{
  char                 *root;
  ResellCatalog        *catalog;
  ResellThumbnailer    *thumbnailer;
  ResellImporter       *importer;
  ResellCategory       *category;
  ResellItem           *item;
  ResellCamera         *camera;
  ResellCaptureSession *session;
} Fixture;

/* Pictures ---------------------------------------------------------------- */

/* @bytes followed by zeros up to @size: a JPEG decoder stops at its end
 * marker, and every picture the camera gives is @size bytes. */
static GBytes *
pad_to (GBytes *bytes,
        gsize   size)
{
  guint8 *data = g_malloc0 (size);

  g_assert_cmpuint (g_bytes_get_size (bytes), <=, size);
  memcpy (data, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_bytes_unref (bytes);
  return g_bytes_new_take (data, size);
}

/* Async helpers ----------------------------------------------------------- */

/* Takes @picture with the camera and gives it to the session; returns
 * what the session attached. */
static ResellImportResult *
shoot (Fixture *f,
       GBytes  *picture)
{
  g_autoptr(GAsyncResult) captured = NULL;
  g_autoptr(GAsyncResult) attached = NULL;
  g_autoptr(ResellCameraShot) shot = NULL;
  g_autoptr(GError) error = NULL;
  ResellImportResult *result;
  const char *dir = resell_capture_session_get_originals_dir (f->session);

  g_assert_nonnull (dir);
  resell_test_vcamera_set_card_picture (picture);
  resell_camera_capture_async (f->camera, dir, NULL, resell_test_got_result, &captured);
  shot = resell_camera_capture_finish (f->camera, resell_test_wait_for (&captured), &error);
  g_assert_no_error (error);
  g_assert_nonnull (shot);
  g_assert_true (g_str_has_prefix (resell_camera_shot_get_path (shot), dir));

  resell_capture_session_attach_async (f->session, resell_camera_shot_get_path (shot), NULL,
                                       resell_test_got_result, &attached);
  /* On its way: the shot it goes to is claimed meanwhile. */
  result = resell_capture_session_attach_finish (f->session, resell_test_wait_for (&attached), &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpint (resell_import_result_get_status (result), ==, RESELL_IMPORT_STATUS_IMPORTED);
  return result;
}

static ResellPhoto *
photo_of (ResellImportResult *result)
{
  return resell_import_result_get_photo (result);
}

static gboolean
passed (ResellImportResult *result)
{
  return resell_shot_report_get_passed (resell_import_result_get_report (result));
}

/* The catalog's photos of the item, by position, as "slot|slot|-" ("-" an
 * extra). */
static char *
catalog_slots (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) photos = resell_catalog_list_photos (f->catalog, resell_item_get_id (f->item), &error);
  GString *s = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < photos->len; i++)
    {
      const char *slot = resell_photo_get_slot (g_ptr_array_index (photos, i));

      g_string_append_printf (s, "%s%s", i > 0 ? "|" : "", slot ? slot : "-");
    }
  return g_string_free (s, FALSE);
}

/* Fixture ------------------------------------------------------------------ */

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *cache_dir = NULL;

  f->root = g_dir_make_tmp ("resell-capture-XXXXXX", &error);
  g_assert_no_error (error);
  data_dir = g_build_filename (f->root, "data", NULL);
  cache_dir = g_build_filename (f->root, "cache", NULL);

  f->catalog = resell_catalog_open (data_dir, &error);
  g_assert_no_error (error);
  f->thumbnailer = resell_thumbnailer_new (cache_dir);
  f->importer = resell_importer_new (f->catalog, f->thumbnailer);
  f->category = resell_category_new_from_data ("test.json", category_json, -1, &error);
  g_assert_no_error (error);

  f->item = resell_item_new ();
  resell_item_set_category (f->item, "test");
  resell_item_set_title (f->item, "Leather bag");
  g_assert_true (resell_catalog_insert_item (f->catalog, f->item, &error));
  g_assert_no_error (error);

  /* The card holds a picture of the size every shot will have before the
   * camera is first opened. */
  resell_test_vcamera_set_card_picture (good[0]);
  f->camera = resell_camera_new (RESELL_TEST_VCAMERA_MODEL, RESELL_TEST_VCAMERA_PORT);
  resell_camera_connect_async (f->camera, NULL, resell_test_got_result, &result);
  resell_camera_connect_finish (f->camera, resell_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  f->session = resell_capture_session_new ();
  resell_capture_session_set_context (f->session, f->catalog, f->importer);
  resell_capture_session_reset (f->session, f->item, f->category);
  resell_capture_session_load_async (f->session, NULL, resell_test_got_result, &result);
  g_assert_true (resell_capture_session_load_finish (f->session, resell_test_wait_for (&result), &error));
  g_assert_no_error (error);
  g_assert_nonnull (resell_capture_session_get_originals_dir (f->session));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  resell_camera_disconnect (f->camera);
  g_clear_object (&f->camera);
  resell_test_drain_main_context ();

  g_assert_finalize_object (f->session);
  resell_test_assert_finalize_soon (f->importer);
  resell_test_assert_finalize_soon (f->thumbnailer);
  g_assert_finalize_object (f->item);
  g_assert_finalize_object (f->category);
  g_assert_finalize_object (f->catalog);
  resell_test_remove_tree (f->root);
  g_free (f->root);
}

/* Cases -------------------------------------------------------------------- */

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *counter)
{
  (*counter)++;
}

/* Each photo fills the shot chosen and the session moves on to the next
 * open one; once every shot is taken, photos are extras. */
static void
test_advances (Fixture       *f,
               gconstpointer  data)
{
  ResellShotPlan *plan = resell_capture_session_get_plan (f->session);
  g_autoptr(ResellImportResult) r1 = NULL;
  g_autoptr(ResellImportResult) r2 = NULL;
  g_autoptr(ResellImportResult) r3 = NULL;
  g_autoptr(ResellImportResult) r4 = NULL;
  g_autoptr(GPtrArray) extras = NULL;
  g_autofree char *slots = NULL;
  guint n_current_notes = 0, n_filled_notes = 0;

  g_signal_connect (f->session, "notify::current-slot", G_CALLBACK (count_notify), &n_current_notes);
  g_signal_connect (f->session, "notify::n-filled", G_CALLBACK (count_notify), &n_filled_notes);

  resell_capture_session_set_current (f->session, "front", 0);
  g_assert_cmpuint (n_current_notes, ==, 1);

  r1 = shoot (f, good[0]);
  g_assert_true (passed (r1));
  g_assert_cmpstr (resell_photo_get_slot (photo_of (r1)), ==, "front");
  g_assert_cmpstr (resell_capture_session_get_current_slot (f->session), ==, "back");
  g_assert_false (resell_shot_plan_is_claimed (plan, "front"));
  g_assert_true (resell_capture_session_get_last_capture (f->session) == photo_of (r1));
  g_assert_cmpuint (n_current_notes, ==, 2);
  g_assert_cmpuint (n_filled_notes, ==, 1);

  r2 = shoot (f, good[1]);
  g_assert_cmpstr (resell_photo_get_slot (photo_of (r2)), ==, "back");
  g_assert_cmpstr (resell_capture_session_get_current_slot (f->session), ==, "label");

  r3 = shoot (f, good[2]);
  g_assert_cmpstr (resell_photo_get_slot (photo_of (r3)), ==, "label");
  /* Nothing open any more: the session stays on the last shot. */
  g_assert_cmpstr (resell_capture_session_get_current_slot (f->session), ==, "label");
  g_assert_cmpuint (resell_shot_plan_get_n_filled (plan), ==, 3);

  r4 = shoot (f, good[3]);
  g_assert_null (resell_photo_get_slot (photo_of (r4)));
  extras = resell_shot_plan_dup_extras (plan);
  g_assert_cmpuint (extras->len, ==, 1);
  g_assert_true (g_ptr_array_index (extras, 0) == photo_of (r4));
  g_assert_cmpuint (n_filled_notes, ==, 3);

  slots = catalog_slots (f);
  g_assert_cmpstr (slots, ==, "front|back|label|-");

  /* Reordering: at once in the session, then in the catalog. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *moved = NULL;

    resell_capture_session_move_photo_async (f->session, photo_of (r2), -1, NULL, resell_test_got_result, &result);
    g_assert_cmpint (resell_shot_plan_photo_index (plan, photo_of (r2)), ==, 0);
    g_assert_true (resell_capture_session_move_photo_finish (f->session, resell_test_wait_for (&result), &error));
    g_assert_no_error (error);
    moved = catalog_slots (f);
    g_assert_cmpstr (moved, ==, "back|front|label|-");
  }
}

/* A retake replaces the photo of the shot it was armed for, in its place. */
static void
test_retake (Fixture       *f,
             gconstpointer  data)
{
  ResellShotPlan *plan = resell_capture_session_get_plan (f->session);
  g_autoptr(ResellImportResult) first = NULL;
  g_autoptr(ResellImportResult) back = NULL;
  g_autoptr(ResellImportResult) again = NULL;
  g_autofree char *slots = NULL;
  gint64 first_id;

  resell_capture_session_set_current (f->session, "front", 0);
  first = shoot (f, good[0]);
  back = shoot (f, good[1]);
  first_id = resell_photo_get_id (photo_of (first));
  g_assert_cmpstr (resell_capture_session_get_current_slot (f->session), ==, "label");

  /* Nothing to retake on an empty shot... but the photo taken last. */
  g_assert_true (resell_capture_session_retake (f->session) == photo_of (back));
  g_assert_cmpstr (resell_capture_session_get_current_slot (f->session), ==, "back");
  g_assert_cmpint (resell_capture_session_get_mode (f->session), ==, RESELL_CAPTURE_MODE_RETAKE);

  /* A retake belongs to its shot: choosing another ends it. */
  resell_capture_session_set_current (f->session, "front", 0);
  g_assert_cmpint (resell_capture_session_get_mode (f->session), ==, RESELL_CAPTURE_MODE_NEXT);
  g_assert_cmpint (resell_capture_session_get_retake_photo_id (f->session), ==, 0);

  g_assert_true (resell_capture_session_retake (f->session) == photo_of (first));
  g_assert_cmpint (resell_capture_session_get_retake_photo_id (f->session), ==, first_id);

  again = shoot (f, good[2]);
  g_assert_cmpstr (resell_photo_get_slot (photo_of (again)), ==, "front");
  g_assert_true (resell_shot_plan_photo_for_slot (plan, "front") == photo_of (again));
  g_assert_null (resell_shot_plan_photo_by_id (plan, first_id));
  g_assert_cmpint (resell_shot_plan_photo_index (plan, photo_of (again)), ==, 0);
  g_assert_cmpuint (resell_shot_plan_get_n_photos (plan), ==, 2);
  g_assert_cmpint (resell_capture_session_get_mode (f->session), ==, RESELL_CAPTURE_MODE_NEXT);
  /* Moved on past the shots taken. */
  g_assert_cmpstr (resell_capture_session_get_current_slot (f->session), ==, "label");

  slots = catalog_slots (f);
  g_assert_cmpstr (slots, ==, "front|back");
}

/* In extra mode the next photo is an extra whatever shot is open; then
 * the mode is back to the shot list. */
static void
test_extra (Fixture       *f,
            gconstpointer  data)
{
  ResellShotPlan *plan = resell_capture_session_get_plan (f->session);
  g_autoptr(ResellImportResult) extra = NULL;
  g_autoptr(ResellImportResult) front = NULL;
  g_autoptr(GPtrArray) extras = NULL;
  g_autofree char *slots = NULL;

  resell_capture_session_set_current (f->session, "front", 0);
  resell_capture_session_set_mode (f->session, RESELL_CAPTURE_MODE_EXTRA);

  extra = shoot (f, good[0]);
  g_assert_null (resell_photo_get_slot (photo_of (extra)));
  g_assert_false (resell_shot_plan_is_filled (plan, "front"));
  g_assert_cmpint (resell_capture_session_get_mode (f->session), ==, RESELL_CAPTURE_MODE_NEXT);
  /* Still on the front, which is still open. */
  g_assert_cmpstr (resell_capture_session_get_current_slot (f->session), ==, "front");
  extras = resell_shot_plan_dup_extras (plan);
  g_assert_cmpuint (extras->len, ==, 1);

  front = shoot (f, good[1]);
  g_assert_cmpstr (resell_photo_get_slot (photo_of (front)), ==, "front");
  g_assert_cmpstr (resell_capture_session_get_current_slot (f->session), ==, "back");

  slots = catalog_slots (f);
  g_assert_cmpstr (slots, ==, "-|front");
}

/* "Close-up of this flaw": the next photo is an extra (this category has
 * no shot for flaws) and becomes the flaw's detail photo; the shot chosen
 * stays chosen and the mode goes back to the shot list. */
static void
test_flaw_closeup (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(ResellImportResult) front = NULL;
  g_autoptr(ResellImportResult) closeup = NULL;
  g_autoptr(ResellFlaw) flaw = resell_flaw_new ();
  g_autoptr(ResellFlaw) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *slots = NULL;

  resell_capture_session_set_current (f->session, "front", 0);
  front = shoot (f, good[0]);
  g_assert_cmpstr (resell_capture_session_get_current_slot (f->session), ==, "back");

  resell_flaw_set_item_id (flaw, resell_item_get_id (f->item));
  resell_flaw_set_photo_id (flaw, resell_photo_get_id (photo_of (front)));
  resell_flaw_set_type_id (flaw, "stain");
  resell_flaw_set_geometry (flaw, RESELL_FLAW_SHAPE_POINT, 0.4, 0.6, 0, 0);
  g_assert_true (resell_catalog_add_flaw (f->catalog, flaw, &error));
  g_assert_no_error (error);

  resell_capture_session_arm_flaw_closeup (f->session, resell_flaw_get_id (flaw));
  g_assert_cmpint (resell_capture_session_get_mode (f->session), ==, RESELL_CAPTURE_MODE_FLAW_CLOSEUP);
  g_assert_cmpint (resell_capture_session_get_closeup_flaw_id (f->session), ==, resell_flaw_get_id (flaw));

  closeup = shoot (f, good[1]);
  g_assert_null (resell_photo_get_slot (photo_of (closeup)));
  g_assert_cmpint (resell_capture_session_get_mode (f->session), ==, RESELL_CAPTURE_MODE_NEXT);
  g_assert_cmpint (resell_capture_session_get_closeup_flaw_id (f->session), ==, 0);
  g_assert_cmpstr (resell_capture_session_get_current_slot (f->session), ==, "back");

  stored = resell_catalog_lookup_flaw (f->catalog, resell_flaw_get_id (flaw), &error);
  g_assert_no_error (error);
  g_assert_cmpint (resell_flaw_get_detail_photo_id (stored), ==, resell_photo_get_id (photo_of (closeup)));

  slots = catalog_slots (f);
  g_assert_cmpstr (slots, ==, "front|-");

  /* Another mode disarms it. */
  resell_capture_session_arm_flaw_closeup (f->session, resell_flaw_get_id (flaw));
  resell_capture_session_set_mode (f->session, RESELL_CAPTURE_MODE_EXTRA);
  g_assert_cmpint (resell_capture_session_get_closeup_flaw_id (f->session), ==, 0);
}

/* A photo that fails its checks keeps the session on its shot, with the
 * retake armed: the next photo replaces it. */
static void
test_failed_check (Fixture       *f,
                   gconstpointer  data)
{
  ResellShotPlan *plan = resell_capture_session_get_plan (f->session);
  g_autoptr(ResellImportResult) bad = NULL;
  g_autoptr(ResellImportResult) fixed = NULL;
  g_autofree char *slots = NULL;

  resell_capture_session_set_current (f->session, "front", 0);
  bad = shoot (f, grey);
  g_assert_false (passed (bad));
  g_assert_cmpstr (resell_photo_get_slot (photo_of (bad)), ==, "front");
  g_assert_cmpstr (resell_capture_session_get_current_slot (f->session), ==, "front");
  g_assert_cmpint (resell_capture_session_get_mode (f->session), ==, RESELL_CAPTURE_MODE_RETAKE);
  g_assert_cmpint (resell_capture_session_get_retake_photo_id (f->session), ==,
                   resell_photo_get_id (photo_of (bad)));
  g_assert_true (resell_capture_session_photo_failed (f->session, photo_of (bad)));

  fixed = shoot (f, good[0]);
  g_assert_true (passed (fixed));
  g_assert_true (resell_shot_plan_photo_for_slot (plan, "front") == photo_of (fixed));
  g_assert_false (resell_capture_session_photo_failed (f->session, photo_of (fixed)));
  g_assert_cmpuint (resell_shot_plan_get_n_photos (plan), ==, 1);
  g_assert_cmpint (resell_capture_session_get_mode (f->session), ==, RESELL_CAPTURE_MODE_NEXT);
  g_assert_cmpstr (resell_capture_session_get_current_slot (f->session), ==, "back");

  slots = catalog_slots (f);
  g_assert_cmpstr (slots, ==, "front");
}

/* Opening the item again brings back each photo's check report, so a
 * failed shot is still shown as failed and offered for a retake. */
static void
test_reload_keeps_reports (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(ResellImportResult) bad = NULL;
  g_autoptr(ResellImportResult) good_shot = NULL;
  g_autoptr(ResellCaptureSession) again = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  ResellShotPlan *plan;
  ResellPhoto *reloaded_bad;
  ResellPhoto *reloaded_good;

  resell_capture_session_set_current (f->session, "front", 0);
  bad = shoot (f, grey);
  g_assert_false (passed (bad));
  resell_capture_session_set_mode (f->session, RESELL_CAPTURE_MODE_NEXT);
  resell_capture_session_set_current (f->session, "back", 0);
  good_shot = shoot (f, good[1]);
  g_assert_true (passed (good_shot));

  again = resell_capture_session_new ();
  resell_capture_session_set_context (again, f->catalog, f->importer);
  resell_capture_session_reset (again, f->item, f->category);
  resell_capture_session_load_async (again, NULL, resell_test_got_result, &result);
  g_assert_true (resell_capture_session_load_finish (again, resell_test_wait_for (&result), &error));
  g_assert_no_error (error);

  plan = resell_capture_session_get_plan (again);
  reloaded_bad = resell_shot_plan_photo_for_slot (plan, "front");
  reloaded_good = resell_shot_plan_photo_for_slot (plan, "back");
  g_assert_nonnull (reloaded_bad);
  g_assert_nonnull (reloaded_good);
  g_assert_cmpint (resell_photo_get_id (reloaded_bad), ==, resell_photo_get_id (photo_of (bad)));
  g_assert_nonnull (resell_capture_session_get_report (again, reloaded_bad));
  g_assert_nonnull (resell_capture_session_get_report (again, reloaded_good));
  g_assert_true (resell_capture_session_photo_failed (again, reloaded_bad));
  g_assert_false (resell_capture_session_photo_failed (again, reloaded_good));
}

/* A load that finishes after the session moved on to another item never
 * puts the first item's photos in the plan. */
static void
test_late_load_for_other_item (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(ResellImportResult) shot = NULL;
  g_autoptr(ResellCaptureSession) session = NULL;
  g_autoptr(ResellItem) other = resell_item_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  resell_capture_session_set_current (f->session, "front", 0);
  shot = shoot (f, good[0]);
  g_assert_true (passed (shot));

  resell_item_set_category (other, "test");
  resell_item_set_title (other, "Canvas bag");
  g_assert_true (resell_catalog_insert_item (f->catalog, other, &error));
  g_assert_no_error (error);

  session = resell_capture_session_new ();
  resell_capture_session_set_context (session, f->catalog, f->importer);
  resell_capture_session_reset (session, f->item, f->category);
  resell_capture_session_load_async (session, NULL, resell_test_got_result, &result);
  /* The person opens the other item before the first load answers. */
  resell_capture_session_reset (session, other, f->category);

  g_assert_false (resell_capture_session_load_finish (session, resell_test_wait_for (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (resell_shot_plan_get_n_photos (resell_capture_session_get_plan (session)), ==, 0);
  g_assert_cmpint (resell_item_get_id (resell_capture_session_get_item (session)), ==, resell_item_get_id (other));
}

/* The capture's result and the camera's event name the same file: it is
 * attached once. */
static void
test_same_file_once (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(ResellImportResult) first = NULL;
  g_autoptr(ResellImportResult) second = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *slots = NULL;

  resell_capture_session_set_current (f->session, "front", 0);
  first = shoot (f, good[0]);

  resell_capture_session_attach_async (f->session, resell_photo_get_path (photo_of (first)), NULL,
                                       resell_test_got_result, &result);
  second = resell_capture_session_attach_finish (f->session, resell_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_null (second);
  g_assert_cmpstr (resell_capture_session_get_current_slot (f->session), ==, "back");

  slots = catalog_slots (f);
  g_assert_cmpstr (slots, ==, "front");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  gsize size = 0;
  int ret;

  g_test_init (&argc, &argv, NULL);

  if (!resell_test_vcamera_init ("/capture-session/virtual-camera"))
    {
      ret = g_test_run ();
      resell_test_vcamera_clear ();
      return ret;
    }

  g_assert_true (resell_core_init (NULL, &error));
  g_assert_no_error (error);

  starter = resell_test_read_bytes (resell_test_vcamera_get_card_jpeg ());
  for (guint i = 0; i < N_GOOD; i++)
    good[i] = resell_test_product_jpeg (238, (int) i + 1);
  grey = resell_test_product_jpeg (170, 100);
  for (guint i = 0; i < N_GOOD; i++)
    size = MAX (size, g_bytes_get_size (good[i]));
  size = MAX (size, g_bytes_get_size (grey)) + 64;
  for (guint i = 0; i < N_GOOD; i++)
    good[i] = pad_to (good[i], size);
  grey = pad_to (grey, size);

  g_test_add ("/capture-session/advances", Fixture, NULL, fixture_setup, test_advances, fixture_teardown);
  g_test_add ("/capture-session/retake", Fixture, NULL, fixture_setup, test_retake, fixture_teardown);
  g_test_add ("/capture-session/extra", Fixture, NULL, fixture_setup, test_extra, fixture_teardown);
  g_test_add ("/capture-session/flaw-closeup", Fixture, NULL, fixture_setup, test_flaw_closeup, fixture_teardown);
  g_test_add ("/capture-session/failed-check", Fixture, NULL, fixture_setup, test_failed_check, fixture_teardown);
  g_test_add ("/capture-session/same-file-once", Fixture, NULL, fixture_setup, test_same_file_once, fixture_teardown);
  g_test_add ("/capture-session/reload-keeps-reports", Fixture, NULL, fixture_setup, test_reload_keeps_reports, fixture_teardown);
  g_test_add ("/capture-session/late-load-for-other-item", Fixture, NULL, fixture_setup, test_late_load_for_other_item, fixture_teardown);

  ret = g_test_run ();

  /* The card as it was, for the other camera tests. */
  resell_test_vcamera_set_card_picture (starter);
  g_bytes_unref (starter);
  for (guint i = 0; i < N_GOOD; i++)
    g_bytes_unref (good[i]);
  g_bytes_unref (grey);
  resell_test_vcamera_clear ();
  return ret;
}
