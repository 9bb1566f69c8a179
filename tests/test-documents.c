/* test-documents.c — SKU labels, scanning labels in photos, condition
 * reports: read back with the tools a buyer or a shop would use (pdftotext,
 * pdftoppm + zbarimg, exiftool)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo.h>
#include <string.h>
#include <vips/vips.h>

#include "resell-core.h"
#include "catalog/resell-catalog-comps.h"
#include "documents/resell-condition-report-private.h"
#include "imaging/resell-image-probe-private.h"
#include "catalog-test-utils.h"
#include "resell-test-utils.h"

/* Runs @argv, returns its stdout; fails the test when it cannot run. */
static char *
run_tool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  g_autofree char *found = g_find_program_in_path (argv[0]);
  char *out = NULL;
  int wait_status = 0;

  if (found == NULL)
    g_error ("%s is needed for this test (poppler-utils, zbar-tools)", argv[0]);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &out, &err, &wait_status, &error);
  g_assert_no_error (error);
  return out;
}

static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", pdf, "-", NULL };

  return run_tool (argv);
}

/* The QR codes zbarimg finds on the PDF's first page at 300 dpi. */
static char *
pdf_qr_codes (const char *pdf,
              const char *dir)
{
  g_autofree char *prefix = g_build_filename (dir, "page", NULL);
  g_autofree char *png = g_strconcat (prefix, ".png", NULL);
  const char *ppm[] = { "pdftoppm", "-png", "-r", "300", "-f", "1", "-l", "1", "-singlefile", pdf, prefix, NULL };
  const char *zbar[] = { "zbarimg", "-q", "--raw", png, NULL };
  g_autofree char *ignored = run_tool (ppm);

  g_assert_true (g_file_test (png, G_FILE_TEST_EXISTS));
  return run_tool (zbar);
}

/* A worker thread drops its reference to the catalog (in its task's data)
 * just after the callback ran, and the catalog's signals wait on the main
 * context: both done before the fixture checks that nothing else holds
 * the catalog. */
static void
wait_for_catalog_released (ResellTestCatalogFixture *f)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (g_atomic_int_get (&G_OBJECT (f->catalog)->ref_count) > 1 && g_get_monotonic_time () < deadline)
    {
      resell_test_drain_main_context ();
      g_usleep (1000);
    }
}

/* ------------------------------------------------------------------------
 * Labels
 * ------------------------------------------------------------------------ */

static void
test_label_pdf (void)
{
  g_autofree char *dir = g_dir_make_tmp ("resell-label-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "label.pdf", NULL);
  g_autoptr(ResellLabel) label = resell_label_new ("RS-261206-042", "Coach Tabby shoulder bag", "Handbags");
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *text = NULL;
  g_autofree char *codes = NULL;

  /* 13 characters fit version 1 (21 modules) at level M; the quiet zone
   * of four modules on each side makes 29. */
  g_assert_cmpint (resell_qr_code_get_width ("RS-261206-042"), ==, 21 + 2 * 4);

  resell_label_write_pdf_async (label, pdf, NULL, resell_test_got_result, &result);
  g_assert_true (resell_label_write_pdf_finish (label, resell_test_wait_for (&result), &error));
  g_assert_no_error (error);

  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "RS-261206-042"));
  g_assert_nonnull (strstr (text, "Coach Tabby"));
  g_assert_nonnull (strstr (text, "Handbags"));

  codes = pdf_qr_codes (pdf, dir);
  g_assert_cmpstr (g_strstrip (codes), ==, "RS-261206-042");

  /* The other size reads back as well. */
  resell_label_set_size (label, RESELL_LABEL_SIZE_57X32);
  g_assert_true (resell_label_write_pdf (label, pdf, &error));
  g_assert_no_error (error);
  g_free (codes);
  codes = pdf_qr_codes (pdf, dir);
  g_assert_cmpstr (g_strstrip (codes), ==, "RS-261206-042");

  resell_test_remove_tree (dir);
}

/* ------------------------------------------------------------------------
 * Scanning
 * ------------------------------------------------------------------------ */

/* A photo-like JPEG of @width × @height (noise, a product, a backdrop)
 * with @sku's label, @label_w pixels wide, at (@x, @y). */
static char *
write_photo_with_label (const char *dir,
                        const char *name,
                        const char *sku,
                        int         width,
                        int         height,
                        int         label_w,
                        int         x,
                        int         y)
{
  g_autoptr(ResellLabel) label = NULL;
  g_autoptr(VipsImage) scene = NULL;
  g_autoptr(VipsImage) label_image = NULL;
  g_autoptr(VipsImage) label_rgb = NULL;
  g_autoptr(VipsImage) composed = NULL;
  g_autoptr(GBytes) jpeg = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *png = g_build_filename (dir, "label.png", NULL);
  int label_h = label_w * 29 / 62;
  cairo_surface_t *surface;
  cairo_t *cr;

  scene = resell_test_product_scene (width, height);

  if (sku != NULL)
    {
      label = resell_label_new (sku, "A bag", "Handbags");
      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, label_w, label_h);
      cr = cairo_create (surface);
      g_assert_true (resell_label_draw (label, cr, label_w, label_h, &error));
      g_assert_no_error (error);
      cairo_destroy (cr);
      g_assert_cmpint (cairo_surface_write_to_png (surface, png), ==, CAIRO_STATUS_SUCCESS);
      cairo_surface_destroy (surface);

      label_image = vips_image_new_from_file (png, NULL);
      g_assert_nonnull (label_image);
      g_assert_cmpint (vips_extract_band (label_image, &label_rgb, 0, "n", 3, NULL), ==, 0);
      g_assert_cmpint (vips_insert (scene, label_rgb, &composed, x, y, NULL), ==, 0);
    }
  else
    composed = g_object_ref (scene);

  jpeg = resell_test_save_jpeg (composed, 90);
  return resell_test_write_bytes (dir, name, jpeg);
}

static void
test_scan_photo (ResellTestCatalogFixture *f,
                 gconstpointer             data)
{
  g_autoptr(ResellItem) item = resell_test_insert_item (f->catalog, "Labelled bag");
  g_autoptr(ResellItem) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *photo = NULL;
  g_autofree char *sku = NULL;

  /* A label filling a fair part of the frame: found in the quick pass. */
  photo = write_photo_with_label (f->dir, "near.jpg", resell_item_get_sku (item), 3000, 2000, 700, 200, 1200);
  sku = resell_qr_scan_file (photo, f->catalog, &found, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sku, ==, resell_item_get_sku (item));
  g_assert_nonnull (found);
  g_assert_cmpint (resell_item_get_id (found), ==, resell_item_get_id (item));

  /* The same off the calling thread, as the studio asks. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(ResellItem) async_found = NULL;
    g_autofree char *async_sku = NULL;

    resell_qr_scan_file_async (photo, f->catalog, NULL, resell_test_got_result, &result);
    async_sku = resell_qr_scan_file_finish (resell_test_wait_for (&result), &async_found, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (async_sku, ==, resell_item_get_sku (item));
    g_assert_nonnull (async_found);
    g_assert_cmpint (resell_item_get_id (async_found), ==, resell_item_get_id (item));
  }

  wait_for_catalog_released (f);
}

static void
test_scan_small_label (ResellTestCatalogFixture *f,
                       gconstpointer             data)
{
  g_autoptr(ResellItem) item = resell_test_insert_item (f->catalog, "Far bag");
  g_autoptr(GError) error = NULL;
  g_autofree char *photo = NULL;
  g_autofree char *sku = NULL;

  /* A small label in a 6000 px photo: its modules are about one pixel at
   * the quick pass's size, so only the full-resolution pass reads it. */
  photo = write_photo_with_label (f->dir, "far.jpg", resell_item_get_sku (item), 6000, 4000, 260, 5000, 3500);
  sku = resell_qr_scan_file (photo, f->catalog, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sku, ==, resell_item_get_sku (item));
}

static void
test_scan_nothing (ResellTestCatalogFixture *f,
                   gconstpointer             data)
{
  g_autoptr(ResellItem) item = resell_test_insert_item (f->catalog, "Some bag");
  g_autoptr(ResellItem) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *stranger = NULL;
  g_autofree char *text = NULL;
  g_autofree char *sku = NULL;
  g_auto(GStrv) codes = NULL;

  plain = write_photo_with_label (f->dir, "plain.jpg", NULL, 1600, 1200, 0, 0, 0);
  sku = resell_qr_scan_file (plain, f->catalog, &found, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (sku);
  g_assert_null (found);

  /* A QR code that is no item's SKU is read, and passed over. */
  stranger = write_photo_with_label (f->dir, "stranger.jpg", "RS-999999-999", 1600, 1200, 600, 100, 100);
  codes = resell_qr_scan_codes (stranger, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (codes), ==, 1);
  g_assert_cmpstr (codes[0], ==, "RS-999999-999");
  sku = resell_qr_scan_file (stranger, f->catalog, &found, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (sku);
  g_assert_null (found);

  /* Not a picture: an error naming it. */
  text = resell_test_write_file (f->dir, "notes.jpg", "not a picture", 13);
  resell_test_allow_vips_warnings ();
  sku = resell_qr_scan_file (text, f->catalog, NULL, NULL, &error);
  g_assert_null (sku);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "notes.jpg"));
}

/* ------------------------------------------------------------------------
 * Condition report
 * ------------------------------------------------------------------------ */

static ResellConditionReport *
make_report (ResellTestCatalogFixture *f,
             ResellItem              **out_item)
{
  g_autoptr(ResellItem) item = resell_test_insert_item (f->catalog, "Coach Tabby shoulder bag");
  g_autoptr(ResellPhoto) photo = resell_photo_new ();
  g_autoptr(GBytes) plain = resell_test_product_jpeg (235, 3);
  g_autoptr(GBytes) private_jpeg = resell_test_with_private_metadata (plain, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *originals = resell_catalog_dup_originals_dir (f->catalog, resell_item_get_sku (item), &error);
  g_autofree char *path = resell_test_write_bytes (originals, "front.jpg", private_jpeg);
  ResellConditionReport *report;
  ResellReportFlaw flaw = { 0 };
  const char *reasons[] = { "A major stain caps the grade at Good.", NULL };

  resell_photo_set_item_id (photo, resell_item_get_id (item));
  resell_photo_set_path (photo, path);
  resell_photo_set_sha256 (photo, "0123");
  resell_photo_set_camera_model (photo, "ACME Shooter 5");
  resell_photo_set_captured_at (photo, G_GINT64_CONSTANT (1709287872) * G_USEC_PER_SEC);
  g_assert_true (resell_catalog_insert_photo (f->catalog, photo, &error));
  g_assert_no_error (error);

  report = resell_condition_report_new_from_catalog (f->catalog, item, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (resell_condition_report_get_n_photos (report), ==, 1);

  resell_condition_report_set_grade (report, "Good");
  resell_condition_report_set_reasons (report, reasons);
  resell_condition_report_set_condition_text (report, "Small stain on the lining, see photo 1.");

  flaw.photo_number = 1;
  flaw.shape = RESELL_REPORT_SHAPE_ELLIPSE;
  flaw.x = 0.35;
  flaw.y = 0.3;
  flaw.w = 0.1;
  flaw.h = 0.1;
  flaw.type_label = (char *) "Stain";
  flaw.severity_label = (char *) "Major";
  flaw.zone_label = (char *) "Lining";
  flaw.note = (char *) "Ink, the size of a coin";
  resell_condition_report_add_flaw (report, &flaw);

  *out_item = g_steal_pointer (&item);
  return report;
}

static void
assert_no_private_bytes (const char *data,
                         gsize       len)
{
  static const char * const planted[] = { "BODY123456", "LENS654321", "Jane Owner", "Jane Private", NULL };

  for (guint i = 0; planted[i] != NULL; i++)
    g_assert_null (g_strstr_len (data, len, planted[i]));
}

static void
test_report_pdf (ResellTestCatalogFixture *f,
                 gconstpointer             data)
{
  g_autoptr(ResellItem) item = NULL;
  g_autoptr(ResellConditionReport) report = make_report (f, &item);
  g_autofree char *pdf = g_build_filename (f->dir, "report.pdf", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *codes = NULL;
  g_autofree char *bytes = NULL;
  gsize len;

  resell_condition_report_write_async (report, pdf, RESELL_REPORT_FORMAT_PDF, NULL,
                                       resell_test_got_result, &result);
  g_assert_true (resell_condition_report_write_finish (report, resell_test_wait_for (&result), &error));
  g_assert_no_error (error);

  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, resell_item_get_sku (item)));
  g_assert_nonnull (strstr (text, "Coach Tabby shoulder bag"));
  g_assert_nonnull (strstr (text, "Good"));
  g_assert_nonnull (strstr (text, "A major stain caps the grade at Good."));
  g_assert_nonnull (strstr (text, "Stain · Major · Lining"));
  g_assert_nonnull (strstr (text, "Ink, the size of a coin"));
  g_assert_nonnull (strstr (text, "ACME Shooter 5"));

  codes = pdf_qr_codes (pdf, f->dir);
  g_assert_cmpstr (g_strstrip (codes), ==, resell_item_get_sku (item));

  g_assert_true (g_file_get_contents (pdf, &bytes, &len, NULL));
  assert_no_private_bytes (bytes, len);
}

static void
test_report_html (ResellTestCatalogFixture *f,
                  gconstpointer             data)
{
  g_autoptr(ResellItem) item = NULL;
  g_autoptr(ResellConditionReport) report = make_report (f, &item);
  g_autofree char *html_path = g_build_filename (f->dir, "report.html", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) data_uri = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *html = NULL;
  g_autofree char *stripped = NULL;
  guint n_images = 0;
  gsize len;

  g_assert_true (resell_condition_report_write (report, html_path, RESELL_REPORT_FORMAT_HTML, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (html_path, &html, &len, NULL));

  g_assert_nonnull (strstr (html, resell_item_get_sku (item)));
  g_assert_nonnull (strstr (html, "Stain · Major · Lining"));
  g_assert_nonnull (strstr (html, "<ellipse"));
  g_assert_nonnull (strstr (html, "aria-label=\"QR code of "));
  assert_no_private_bytes (html, len);

  /* Every picture is a data: URI of a JPEG with no private metadata. */
  data_uri = g_regex_new ("data:image/jpeg;base64,([A-Za-z0-9+/=]+)", 0, 0, NULL);
  g_regex_match (data_uri, html, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *b64 = g_match_info_fetch (match, 1);
      g_autofree char *name = g_strdup_printf ("embedded-%u.jpg", n_images);
      g_autofree char *path = NULL;
      g_autoptr(JsonObject) tags = NULL;
      gsize jpeg_len;
      g_autofree guchar *jpeg = g_base64_decode (b64, &jpeg_len);
      g_autoptr(GBytes) jpeg_bytes = g_bytes_new (jpeg, jpeg_len);

      assert_no_private_bytes ((const char *) jpeg, jpeg_len);
      path = resell_test_write_bytes (f->dir, name, jpeg_bytes);
      tags = resell_test_run_exiftool (path);
      g_assert_nonnull (tags);
      resell_test_assert_metadata_clean (tags, NULL);
      n_images++;
      g_match_info_next (match, NULL);
    }
  /* The photo, its flaw map and the flaw's close-up. */
  g_assert_cmpuint (n_images, ==, 3);

  /* Nothing to load from anywhere once the pictures are set aside. */
  stripped = g_regex_replace (data_uri, html, -1, 0, "data:", 0, NULL);
  g_assert_null (strstr (stripped, "http://"));
  g_assert_null (strstr (stripped, "https://"));
  g_assert_null (strstr (stripped, "//"));
  g_assert_null (strstr (stripped, "<script"));
  g_assert_null (strstr (stripped, "<link"));
}

/* A flaw of @photo's item, marked on @photo; returns its id. */
static gint64
add_report_flaw (ResellCatalog      *catalog,
                 ResellPhoto        *photo,
                 const char         *type_id,
                 ResellFlawSeverity  severity,
                 const char         *zone_id)
{
  g_autoptr(ResellFlaw) flaw = resell_flaw_new ();
  g_autoptr(GError) error = NULL;

  resell_flaw_set_item_id (flaw, resell_photo_get_item_id (photo));
  resell_flaw_set_photo_id (flaw, resell_photo_get_id (photo));
  resell_flaw_set_type_id (flaw, type_id);
  resell_flaw_set_severity (flaw, severity);
  resell_flaw_set_zone_id (flaw, zone_id);
  resell_flaw_set_geometry (flaw, RESELL_FLAW_SHAPE_RECT, 0.1, 0.2, 0.3, 0.25);
  g_assert_true (resell_catalog_add_flaw (catalog, flaw, &error));
  g_assert_no_error (error);

  return resell_flaw_get_id (flaw);
}

static ResellConditionReport *
load_report (ResellTestCatalogFixture *f,
             ResellCategoryRegistry   *categories,
             ResellGrader             *grader,
             const ResellPricingPrefs *prefs,
             gint64                    item_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  ResellConditionReport *report;

  resell_condition_report_load_async (f->catalog, categories, grader, prefs, item_id, NULL,
                                      resell_test_got_result, &result);
  report = resell_condition_report_load_finish (resell_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);

  return report;
}

/* The report built from the catalog: the flaws with their photo numbers
 * and close-ups, the grade the rules give with the deciding rule, the
 * condition text, an override and the asking price. */
static void
test_report_load (ResellTestCatalogFixture *f,
                  gconstpointer             data)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(ResellCategoryRegistry) categories = resell_category_registry_new ();
  g_autoptr(ResellGrader) grader = resell_grader_new ();
  g_autoptr(ResellItem) item = resell_test_insert_item (f->catalog, "Tabby 26");
  g_autoptr(ResellPhoto) front = resell_test_insert_photo (f->catalog, item, "front.jpg", "aa");
  g_autoptr(ResellPhoto) lining = resell_test_insert_photo (f->catalog, item, "lining.jpg", "bb");
  g_autoptr(ResellPhoto) closeup = resell_test_insert_photo (f->catalog, item, "closeup.jpg", "cc");
  g_autoptr(GHashTable) answers = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(ResellConditionReport) graded = NULL;
  g_autoptr(ResellConditionReport) overridden = NULL;
  g_autoptr(GError) error = NULL;
  ResellPricingPrefs prefs = { "USD", (char *) "ebay", (char *) "net:40", 180 };
  const char * const *reasons;
  const ResellReportFlaw *flaw;
  gint64 id = resell_item_get_id (item);
  gint64 stain;

  g_setenv ("RESELL_CATEGORIES_DIR", "/nonexistent", TRUE);
  g_setenv ("RESELL_GRADING_DIR", "/nonexistent", TRUE);
  g_assert_true (resell_category_registry_load_default (categories, problems, &error));
  resell_grader_load_default (grader, categories, problems);
  g_assert_cmpuint (problems->len, ==, 0);

  g_hash_table_insert (answers, (char *) "used", (char *) "few-times");
  g_assert_true (resell_catalog_set_answers (f->catalog, id, answers, &error));
  add_report_flaw (f->catalog, front, "scuff", RESELL_FLAW_SEVERITY_MINOR, "");
  stain = add_report_flaw (f->catalog, lining, "stain", RESELL_FLAW_SEVERITY_MAJOR, "lining");
  g_assert_true (resell_catalog_set_flaw_detail_photo (f->catalog, stain, resell_photo_get_id (closeup), &error));
  g_assert_no_error (error);
  g_assert_true (resell_catalog_set_list_price (f->catalog, id, 12000, "USD", &error));
  g_assert_no_error (error);

  graded = load_report (f, categories, grader, &prefs, id);
  g_assert_cmpuint (resell_condition_report_get_n_photos (graded), ==, 3);
  g_assert_cmpstr (resell_condition_report_get_grade (graded), ==, "Fair");
  reasons = resell_condition_report_get_reasons (graded);
  g_assert_nonnull (reasons);
  g_assert_nonnull (strstr (reasons[0], "stain"));
  g_assert_nonnull (strstr (resell_condition_report_get_condition_text (graded), "see photo 2"));
  g_assert_cmpstr (resell_condition_report_get_price_line (graded), ==, "Asking price $120.00");

  /* In photo order; the stain's close-up is the photo shot of it. */
  g_assert_cmpuint (resell_condition_report_get_n_flaws (graded), ==, 2);
  flaw = resell_condition_report_get_flaw (graded, 0);
  g_assert_cmpuint (flaw->photo_number, ==, 1);
  g_assert_cmpstr (flaw->type_label, ==, "Scuff");
  g_assert_null (flaw->zone_label);
  g_assert_null (flaw->closeup_path);
  flaw = resell_condition_report_get_flaw (graded, 1);
  g_assert_cmpuint (flaw->photo_number, ==, 2);
  g_assert_cmpint (flaw->shape, ==, RESELL_REPORT_SHAPE_RECT);
  g_assert_cmpfloat_with_epsilon (flaw->w, 0.3, 1e-9);
  g_assert_cmpstr (flaw->type_label, ==, "Stain");
  g_assert_cmpstr (flaw->severity_label, ==, "Major");
  g_assert_cmpstr (flaw->zone_label, ==, "Lining");
  g_assert_cmpstr (flaw->closeup_path, ==, resell_photo_get_path (closeup));

  /* Set by hand: the override's grade, its reason first. */
  g_assert_true (resell_catalog_set_grade_override (f->catalog, id, "good", "Stain lifted with a cleaner", "Ann",
                                                    &error));
  g_assert_no_error (error);
  overridden = load_report (f, categories, grader, NULL, id);
  g_assert_cmpstr (resell_condition_report_get_grade (overridden), ==, "Good");
  reasons = resell_condition_report_get_reasons (overridden);
  g_assert_nonnull (strstr (reasons[0], "Stain lifted with a cleaner"));
  g_assert_null (resell_condition_report_get_price_line (overridden));

  wait_for_catalog_released (f);
}

static void
test_report_format_for_path (void)
{
  ResellReportFormat format;

  g_assert_true (resell_report_format_for_path ("/tmp/a.PDF", &format));
  g_assert_cmpint (format, ==, RESELL_REPORT_FORMAT_PDF);
  g_assert_true (resell_report_format_for_path ("a.htm", &format));
  g_assert_cmpint (format, ==, RESELL_REPORT_FORMAT_HTML);
  g_assert_false (resell_report_format_for_path ("a.txt", &format));
}

int
main (int    argc,
      char **argv)
{
  resell_test_init (&argc, &argv);

  g_test_add_func ("/documents/label/pdf", test_label_pdf);
  g_test_add ("/documents/scan/photo", ResellTestCatalogFixture, NULL,
              resell_test_catalog_fixture_set_up, test_scan_photo, resell_test_catalog_fixture_tear_down);
  g_test_add ("/documents/scan/small-label", ResellTestCatalogFixture, NULL,
              resell_test_catalog_fixture_set_up, test_scan_small_label, resell_test_catalog_fixture_tear_down);
  g_test_add ("/documents/scan/nothing", ResellTestCatalogFixture, NULL,
              resell_test_catalog_fixture_set_up, test_scan_nothing, resell_test_catalog_fixture_tear_down);
  g_test_add ("/documents/report/pdf", ResellTestCatalogFixture, NULL,
              resell_test_catalog_fixture_set_up, test_report_pdf, resell_test_catalog_fixture_tear_down);
  g_test_add ("/documents/report/html", ResellTestCatalogFixture, NULL,
              resell_test_catalog_fixture_set_up, test_report_html, resell_test_catalog_fixture_tear_down);
  g_test_add ("/documents/report/load", ResellTestCatalogFixture, NULL,
              resell_test_catalog_fixture_set_up, test_report_load, resell_test_catalog_fixture_tear_down);
  g_test_add_func ("/documents/report/format", test_report_format_for_path);

  return resell_test_run ();
}
