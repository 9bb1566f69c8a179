/* resell-test-utils.h — helpers shared by the core tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libexif/exif-data.h>
#include <vips/vips.h>

#include "resell-core.h"
#include "imaging/resell-image-probe-private.h"
#include "imaging/resell-photo-edits.h"
#include "listing/resell-listing-profile.h"
#include "listing/resell-listing-renderer.h"

G_BEGIN_DECLS

/* Files and folders ------------------------------------------------------- */

void      resell_test_remove_tree                (const char *path);
void      resell_test_remove_path                (const char *path);
char     *resell_test_write_file                 (const char *dir,
                                                  const char *name,
                                                  const void *data,
                                                  gsize       len);
char     *resell_test_write_bytes                (const char *dir,
                                                  const char *name,
                                                  GBytes     *bytes);
GBytes   *resell_test_read_bytes                 (const char *path);
guint     resell_test_count_files                (const char *dir);
void      resell_test_assert_no_temporary_files  (const char *dir);

/* Test programs ----------------------------------------------------------- */

void      resell_test_init                       (int        *argc,
                                                  char     ***argv);
int       resell_test_run                        (void);

/* Environment ------------------------------------------------------------- */

char     *resell_test_make_private_home          (const char *tmpl);

/* Main loop --------------------------------------------------------------- */

void      resell_test_drain_main_context         (void);
void      resell_test_iterate_until              (guint      *counter,
                                                  guint       wanted);
void      resell_test_got_result                 (GObject       *object,
                                                  GAsyncResult  *result,
                                                  gpointer       user_data);
GAsyncResult *resell_test_wait_for               (GAsyncResult **slot);

/* Signals ----------------------------------------------------------------- */

void      resell_test_count_notify_cb            (GObject    *object,
                                                  GParamSpec *pspec,
                                                  guint      *count);

/* Logging ----------------------------------------------------------------- */

void      resell_test_allow_vips_warnings        (void);
/* Drops the last reference to @object and asserts it is finalized within
 * 10 s.  A GTask run in a thread drops its last reference (and so its
 * source object's) on the worker, just after the callback ran on the main
 * context: this gives it that moment rather than fail on a race that is
 * not a leak. */
void      resell_test_assert_finalize_soon       (gpointer    object);

/* Listing images (test-listing*.c) --------------------------------------- */

extern const char resell_test_free_shape_profile[];

VipsImage *resell_test_flat_image (int    width,
                                   int    height,
                                   double r,
                                   double g,
                                   double b);

void resell_test_fill_rect (VipsImage *image,
                            int        x,
                            int        y,
                            int        width,
                            int        height,
                            double     r,
                            double     g,
                            double     b);

VipsImage *resell_test_product_scene (int width,
                                      int height);

GBytes *resell_test_product_jpeg (double backdrop,
                                  int    seed);

GBytes *resell_test_save_jpeg (VipsImage *image,
                               int        quality);

GBytes *resell_test_splice_segments (GBytes     *jpeg,
                                     guint8      marker,
                                     const void *payload,
                                     gsize       payload_len);

void resell_test_add_ascii (ExifData   *ed,
                            ExifIfd     ifd,
                            ExifTag     tag,
                            const char *value);

void resell_test_add_raw (ExifData     *ed,
                          ExifIfd       ifd,
                          ExifTag       tag,
                          ExifFormat    format,
                          gulong        components,
                          const guint8 *bytes,
                          gsize         size);

GBytes *resell_test_private_exif (int orientation);

GBytes *resell_test_with_private_metadata (GBytes *jpeg,
                                           int     orientation);

/* The picture as a person sees it: 4000 × 6000 (portrait), a product of
 * 1600 × 3000 in the middle with a red band along its top.  Stored as a
 * camera held upright stores it: 6000 × 4000 with EXIF Orientation 6. */
#define RESELL_TEST_BIG_SHOWN_W 4000
#define RESELL_TEST_BIG_SHOWN_H 6000
#define RESELL_TEST_BIG_PRODUCT_X 1200
#define RESELL_TEST_BIG_PRODUCT_Y 1500
#define RESELL_TEST_BIG_PRODUCT_W 1600
#define RESELL_TEST_BIG_PRODUCT_H 3000
#define RESELL_TEST_BIG_MARKER_H 300

/* get_big_fixture()'s picture, made once; main() frees it. */
extern GBytes *resell_test_big_fixture;

GBytes *resell_test_get_big_fixture (void);

VipsImage *resell_test_decode (GBytes *jpeg);

void resell_test_region_mean (VipsImage *image,
                              int        x,
                              int        y,
                              int        width,
                              int        height,
                              double     out[3]);

void resell_test_pixel (VipsImage *image,
                        int        x,
                        int        y,
                        double     out[3]);

#define resell_test_assert_colour(c, r, g, b, tolerance) \
  G_STMT_START { \
    g_assert_cmpfloat_with_epsilon ((c)[0], (r), (tolerance)); \
    g_assert_cmpfloat_with_epsilon ((c)[1], (g), (tolerance)); \
    g_assert_cmpfloat_with_epsilon ((c)[2], (b), (tolerance)); \
  } G_STMT_END

JsonObject *resell_test_run_exiftool (const char *path);

gboolean resell_test_has_tag_containing (JsonObject *tags,
                                         const char *needle);

void resell_test_assert_metadata_clean (JsonObject *tags,
                                        const char *copyright);

ResellListingProfile *resell_test_ebay_profile (void);

ResellListingProfile *resell_test_inline_profile (const char *json);

ResellPhotoEdits *resell_test_plain_edits (void);

VipsImage *resell_test_render_ok (const char             *path,
                                  const ResellPhotoEdits *edits,
                                  ResellListingProfile   *profile,
                                  const char             *copyright,
                                  ResellListingInfo      *info);

typedef struct
{
  char *dir;
} ResellTestDirFixture;

void resell_test_dir_fixture_setup    (ResellTestDirFixture *f,
                                       gconstpointer         data);

void resell_test_dir_fixture_teardown (ResellTestDirFixture *f,
                                       gconstpointer         data);

typedef void (*ResellTestDirFunc) (ResellTestDirFixture *f,
                                   gconstpointer         data);

void resell_test_add_dir_test (const char        *path,
                               ResellTestDirFunc  func);

G_END_DECLS
