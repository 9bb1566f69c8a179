/* test-shot-check.c — checks on arrival: sharpness, exposure, backdrop,
 * resolution, and files that are not photos at all
 *
 * The photos are drawn here with libvips: a product (an outline, a fabric
 * weave, leather grain, stitching and a barcode label) on a near-white
 * backdrop with camera noise, at 24 MP and at 1600×1067, then blurred the
 * ways real shots are (out of focus, camera shake).  The calibration test
 * prints every measured value (see docs/checks.md).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <vips/vips.h>

#include "resell-core.h"
#include "resell-test-utils.h"
#include "imaging/resell-image-probe-private.h"
#include "imaging/resell-shot-check-private.h"

/* How far from the threshold every calibration photo must measure: blurred
 * ones at most threshold / MARGIN, sharp ones at least threshold × MARGIN. */
#define MARGIN 1.25

static const double sharpness_threshold = RESELL_SHOT_SHARPNESS_MIN;

static char *tmp_dir;

/* Scenes ----------------------------------------------------------------- */

typedef enum
{
  BLUR_NONE,
  BLUR_GAUSSIAN,     /* out of focus */
  BLUR_MOTION,       /* camera shake, horizontal */
  BLUR_MOTION_DIAG,  /* camera shake, diagonal */
} BlurKind;

typedef struct
{
  double   backdrop;    /* backdrop luma, 0–255 */
  double   falloff;     /* luma lost from the left edge to the right edge */
  double   exposure;    /* scales the whole scene (1 = as lit) */
  gboolean empty;       /* the backdrop alone */
  gboolean low_contrast; /* a cream item with tone-on-tone print and thread */
} SceneSpec;

static const SceneSpec normal_scene = { .backdrop = 238, .exposure = 1.0 };
static const SceneSpec cream_scene = { .backdrop = 238, .exposure = 1.0, .low_contrast = TRUE };

static void
check_vips (int res)
{
  if (res != 0)
    g_error ("libvips: %s", vips_error_buffer ());
}

static VipsImage *
take (VipsImage **image)
{
  return g_steal_pointer (image);
}

/* Replaces *@image by @result, dropping the old one. */
static void
step (VipsImage **image,
      VipsImage  *result)
{
  g_object_unref (*image);
  *image = result;
}

/* A uchar 1-band image in memory to draw on. */
static VipsImage *
canvas (int width,
        int height)
{
  VipsImage *black = NULL;
  VipsImage *memory;

  check_vips (vips_black (&black, width, height, NULL));
  memory = vips_image_copy_memory (black);
  g_assert_nonnull (memory);
  g_object_unref (black);

  return memory;
}

/* The scene at @width × @height (3:2), sharp, as 3-band float sRGB values
 * without noise.  Sizes of things scale with the width, as they do on a
 * sensor of that width; the finest detail is a weave of 12 px at 6000. */
static VipsImage *
draw_scene (int              width,
            int              height,
            const SceneSpec *spec)
{
  double k = width / 6000.0;
  VipsImage *t = NULL;
  VipsImage *xy = NULL, *x = NULL, *y = NULL;
  VipsImage *weave = NULL, *grain = NULL, *texture = NULL, *product = NULL;
  VipsImage *backdrop = NULL, *mask = NULL, *scene = NULL;
  double ink[1] = { 255 };
  int px = width * 27 / 100, py = height * 20 / 100;
  int pw = width * 46 / 100, ph = height * 60 / 100;
  int radius = pw / 8;

  /* Backdrop: a level, a falloff from the left, a slight warm cast. */
  check_vips (vips_xyz (&xy, width, height, NULL));
  check_vips (vips_extract_band (xy, &x, 0, NULL));
  check_vips (vips_extract_band (xy, &y, 1, NULL));
  check_vips (vips_linear1 (x, &t, -spec->falloff / width, spec->backdrop, NULL));
  backdrop = take (&t);
  {
    double a[3] = { 1.0, 1.0, 1.0 };
    double b[3] = { 0.0, -1.0, -3.0 };

    check_vips (vips_linear (backdrop, &t, a, b, 3, NULL));
    step (&backdrop, take (&t));
  }

  if (spec->empty)
    {
      scene = take (&backdrop);
      goto exposure;
    }

  /* Texture: a fabric weave (period 12 px at 6000), leather grain
   * (noise blurred to a few px), on a mid-brown. */
  check_vips (vips_linear1 (x, &t, 360.0 / (12.0 * k), 0.0, NULL));
  check_vips (vips_math (t, &weave, VIPS_OPERATION_MATH_SIN, NULL));
  g_clear_object (&t);
  {
    VipsImage *wy = NULL, *sy = NULL;

    check_vips (vips_linear1 (y, &wy, 360.0 / (12.0 * k), 0.0, NULL));
    check_vips (vips_math (wy, &sy, VIPS_OPERATION_MATH_SIN, NULL));
    check_vips (vips_multiply (weave, sy, &t, NULL));
    step (&weave, take (&t));
    g_object_unref (wy);
    g_object_unref (sy);
  }
  check_vips (vips_gaussnoise (&t, width, height, "sigma", 1.0, "mean", 0.0, "seed", 7, NULL));
  check_vips (vips_gaussblur (t, &grain, MAX (0.6, 2.5 * k), NULL));
  g_clear_object (&t);
  check_vips (vips_linear1 (weave, &t, spec->low_contrast ? 5.0 : 18.0, 0.0, NULL));
  step (&weave, take (&t));
  check_vips (vips_linear1 (grain, &t, spec->low_contrast ? 15.0 : 60.0, 0.0, NULL));
  step (&grain, take (&t));
  check_vips (vips_add (weave, grain, &texture, NULL));
  {
    double a[3] = { 1.0, 0.75, 0.55 };
    double b[3] = { 130.0, 88.0, 60.0 };
    /* Cream: little contrast against the backdrop. */
    if (spec->low_contrast)
      {
        b[0] = 205;
        b[1] = 195;
        b[2] = 180;
      }

    check_vips (vips_linear (texture, &product, a, b, 3, NULL));
  }

  /* The product's outline: a rounded box, a handle. */
  mask = canvas (width, height);
  check_vips (vips_draw_rect (mask, ink, 1, px + radius, py, pw - 2 * radius, ph, "fill", TRUE, NULL));
  check_vips (vips_draw_rect (mask, ink, 1, px, py + radius, pw, ph - 2 * radius, "fill", TRUE, NULL));
  check_vips (vips_draw_circle (mask, ink, 1, px + radius, py + radius, radius, "fill", TRUE, NULL));
  check_vips (vips_draw_circle (mask, ink, 1, px + pw - radius, py + radius, radius, "fill", TRUE, NULL));
  check_vips (vips_draw_circle (mask, ink, 1, px + radius, py + ph - radius, radius, "fill", TRUE, NULL));
  check_vips (vips_draw_circle (mask, ink, 1, px + pw - radius, py + ph - radius, radius, "fill", TRUE, NULL));
  check_vips (vips_draw_circle (mask, ink, 1, px + pw / 2, py, pw / 4, NULL));
  check_vips (vips_draw_circle (mask, ink, 1, px + pw / 2, py, pw / 4 - MAX (2, (int)(40 * k)), NULL));

  check_vips (vips_ifthenelse (mask, product, backdrop, &scene, NULL));

  /* Stitching (dark thread, dashed) a little inside the outline, and a
   * white label with a barcode: the crisp detail a buyer zooms into. */
  {
    VipsImage *memory = NULL;
    double thread[3] = { 40, 28, 20 };
    double white[3] = { 245, 245, 242 };
    double black[3] = { 20, 20, 20 };
    /* Tone on tone: a pale print, a matching thread. */
    if (spec->low_contrast)
      {
        black[0] = black[1] = black[2] = 200;
        thread[0] = 185;
        thread[1] = 175;
        thread[2] = 165;
      }
    int inset = (int)(60 * k);
    int dash = MAX (3, (int)(36 * k));
    int thick = MAX (1, (int)(6 * k));
    int lx = px + pw / 3, ly = py + ph / 2, lw = pw / 3, lh = ph / 5;
    guint32 state = 12345;

    check_vips (vips_cast (scene, &t, VIPS_FORMAT_FLOAT, NULL));
    memory = vips_image_copy_memory (t);
    g_assert_nonnull (memory);
    g_clear_object (&t);

    for (int xx = px + radius; xx < px + pw - radius; xx += 2 * dash)
      {
        check_vips (vips_draw_rect (memory, thread, 3, xx, py + inset, dash, thick, "fill", TRUE, NULL));
        check_vips (vips_draw_rect (memory, thread, 3, xx, py + ph - inset, dash, thick, "fill", TRUE, NULL));
      }
    for (int yy = py + radius; yy < py + ph - radius; yy += 2 * dash)
      {
        check_vips (vips_draw_rect (memory, thread, 3, px + inset, yy, thick, dash, "fill", TRUE, NULL));
        check_vips (vips_draw_rect (memory, thread, 3, px + pw - inset, yy, thick, dash, "fill", TRUE, NULL));
      }

    check_vips (vips_draw_rect (memory, white, 3, lx, ly, lw, lh, "fill", TRUE, NULL));
    for (int xx = lx + lw / 10; xx < lx + lw * 9 / 10; )
      {
        int bar;

        state = state * 1103515245u + 12345u;
        bar = MAX (1, (int)((8 + (state >> 16) % 17) * k));
        check_vips (vips_draw_rect (memory, black, 3, xx, ly + lh / 6, bar, lh * 2 / 3, "fill", TRUE, NULL));
        state = state * 1103515245u + 12345u;
        xx += bar + MAX (1, (int)((8 + (state >> 16) % 13) * k));
      }

    step (&scene, memory);
  }

exposure:
  if (spec->exposure != 1.0)
    {
      check_vips (vips_linear1 (scene, &t, spec->exposure, 0.0, NULL));
      step (&scene, take (&t));
    }

  g_clear_object (&xy);
  g_clear_object (&x);
  g_clear_object (&y);
  g_clear_object (&weave);
  g_clear_object (&grain);
  g_clear_object (&texture);
  g_clear_object (&product);
  g_clear_object (&backdrop);
  g_clear_object (&mask);

  /* 8-bit, as a camera's pixels are (and libvips blurs those with its
   * fast integer paths), in memory: every variant starts from the same
   * pixels. */
  check_vips (vips_cast (scene, &t, VIPS_FORMAT_UCHAR, NULL));
  step (&scene, take (&t));
  t = vips_image_copy_memory (scene);
  g_assert_nonnull (t);
  g_object_unref (scene);

  return t;
}

/* A horizontal (or diagonal) line of @length px: camera shake. */
static VipsImage *
motion_kernel (int      length,
               gboolean diagonal)
{
  int size = MAX (1, length) | 1;
  VipsImage *kernel = vips_image_new_matrix (size, diagonal ? size : 1);

  for (int i = 0; i < size; i++)
    *VIPS_MATRIX (kernel, i, diagonal ? i : 0) = 1.0;
  vips_image_set_double (kernel, "scale", size);
  vips_image_set_double (kernel, "offset", 0.0);

  return kernel;
}

/* @scene blurred, with sensor noise, as an 8-bit sRGB JPEG at @path.
 * @amount: the gaussian's sigma or the shake's length, in px of @scene. */
static void
write_photo (VipsImage  *scene,
             BlurKind    blur,
             double      amount,
             double      noise,
             const char *path)
{
  VipsImage *image = g_object_ref (scene);
  VipsImage *t = NULL;

  switch (blur)
    {
    case BLUR_GAUSSIAN:
      check_vips (vips_gaussblur (image, &t, amount, NULL));
      step (&image, take (&t));
      break;

    case BLUR_MOTION:
    case BLUR_MOTION_DIAG:
      {
        VipsImage *kernel = motion_kernel ((int)amount, blur == BLUR_MOTION_DIAG);

        check_vips (vips_conv (image, &t, kernel, "precision", VIPS_PRECISION_INTEGER, NULL));
        step (&image, take (&t));
        g_object_unref (kernel);
      }
      break;

    case BLUR_NONE:
    default:
      break;
    }

  if (noise > 0)
    {
      VipsImage *n = NULL;

      check_vips (vips_gaussnoise (&n, vips_image_get_width (image), vips_image_get_height (image),
                                   "sigma", noise, "mean", 0.0, "seed", 42, NULL));
      check_vips (vips_add (image, n, &t, NULL));
      step (&image, take (&t));
      g_object_unref (n);
    }

  check_vips (vips_cast (image, &t, VIPS_FORMAT_UCHAR, NULL));
  step (&image, take (&t));
  check_vips (vips_copy (image, &t, "interpretation", VIPS_INTERPRETATION_sRGB, NULL));
  step (&image, take (&t));
  check_vips (vips_jpegsave (image, path, "Q", 92, NULL));

  g_object_unref (image);
}

static char *
photo_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

static ResellShotReport *
check (const char     *path,
       ResellBackdrop  backdrop)
{
  g_autoptr(GError) error = NULL;
  ResellShotReport *report = resell_shot_check_file (path, backdrop, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);

  return report;
}

static gboolean
has_problem (ResellShotReport *report,
             const char       *id)
{
  return g_strv_contains (resell_shot_report_get_problem_ids (report), id);
}

static void
log_report (const char       *what,
            ResellShotReport *report)
{
  g_test_message ("%-38s sharpness %6.1f  highlights %.4f  shadows %.4f  backdrop L* %5.1f ± %4.1f  %s",
                  what,
                  resell_shot_report_get_sharpness (report),
                  resell_shot_report_get_highlights_clipped (report),
                  resell_shot_report_get_shadows_clipped (report),
                  resell_shot_report_get_backdrop_level (report),
                  resell_shot_report_get_backdrop_unevenness (report),
                  resell_shot_report_get_passed (report) ? "passed" : "failed");
}

/* A 1600×1067 photo of @spec, sharp, with the noise a photo of that size
 * has (about what a camera's own resize to that size leaves). */
static char *
make_small_photo (const char      *name,
                  const SceneSpec *spec)
{
  g_autoptr(VipsImage) scene = draw_scene (1600, 1067, spec);
  char *path = photo_path (name);

  write_photo (scene, BLUR_NONE, 0, 1.5, path);

  return path;
}

/* Tests ------------------------------------------------------------------ */

typedef struct
{
  const char *name;
  BlurKind    blur;
  double      amount;
} Variant;

/* @scene: the 24 MP scene; the small size is made from it, as a camera's
 * or a phone's own resize makes it: real detail down to the pixel. */
static void
calibrate_size (const SceneSpec *spec,
                VipsImage       *scene,
                int              width,
                int              height,
                const Variant   *variants,
                guint            n_variants,
                double           noise,
                double          *min_sharp,
                double          *max_blurred)
{
  g_autoptr(VipsImage) small = NULL;

  if (width != vips_image_get_width (scene))
    {
      g_autoptr(VipsImage) resized = NULL;

      check_vips (vips_resize (scene, &resized, (double)width / vips_image_get_width (scene), NULL));
      g_assert_cmpint (vips_image_get_height (resized), ==, height);
      small = vips_image_copy_memory (resized);
      g_assert_nonnull (small);
    }

  for (guint i = 0; i < n_variants; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s-%dx%d-%s.jpg", spec->low_contrast ? "cream" : "brown",
                                               width, height, variants[i].name);
      g_autofree char *path = photo_path (name);
      g_autoptr(ResellShotReport) report = NULL;
      double sharpness;

      write_photo (small ? small : scene, variants[i].blur, variants[i].amount, noise, path);
      report = check (path, RESELL_BACKDROP_WHITE);
      log_report (name, report);

      sharpness = resell_shot_report_get_sharpness (report);
      g_assert_true (resell_shot_report_get_readable (report));
      g_assert_cmpint (resell_shot_report_get_width (report), ==, width);
      g_assert_cmpint (resell_shot_report_get_height (report), ==, height);
      g_assert_true (resell_shot_report_get_exposure_ok (report));
      g_assert_true (resell_shot_report_get_backdrop_ok (report));
      g_assert_true (resell_shot_report_get_resolution_ok (report));

      if (variants[i].blur == BLUR_NONE)
        {
          g_assert_true (resell_shot_report_get_sharp (report));
          g_assert_true (resell_shot_report_get_passed (report));
          g_assert_cmpuint (g_strv_length ((GStrv)resell_shot_report_get_problems (report)), ==, 0);
          *min_sharp = MIN (*min_sharp, sharpness);
        }
      else
        {
          g_assert_false (resell_shot_report_get_sharp (report));
          g_assert_false (resell_shot_report_get_passed (report));
          g_assert_true (has_problem (report, "blurred"));
          *max_blurred = MAX (*max_blurred, sharpness);
        }

      g_unlink (path);
    }
}

static void
test_calibration (void)
{
  static const Variant large[] = {
    { "sharp", BLUR_NONE, 0 },
    { "gaussian-3", BLUR_GAUSSIAN, 3 },
    { "gaussian-6", BLUR_GAUSSIAN, 6 },
    { "shake-h-24", BLUR_MOTION, 24 },
    { "shake-diag-24", BLUR_MOTION_DIAG, 24 },
  };
  /* The same blurs as seen on a 1600 px photo, and a stronger one. */
  static const Variant small[] = {
    { "sharp", BLUR_NONE, 0 },
    { "gaussian-0.8", BLUR_GAUSSIAN, 0.8 },
    { "gaussian-1.5", BLUR_GAUSSIAN, 1.5 },
    { "gaussian-3", BLUR_GAUSSIAN, 3 },
    { "shake-h-7", BLUR_MOTION, 7 },
    { "shake-diag-7", BLUR_MOTION_DIAG, 7 },
  };
  const SceneSpec *contents[] = { &normal_scene, &cream_scene };
  double min_sharp = G_MAXDOUBLE;
  double max_blurred = 0.0;

  /* A brown bag with a black-on-white label, and a cream one with
   * tone-on-tone print: the threshold must hold for both. */
  for (guint i = 0; i < G_N_ELEMENTS (contents); i++)
    {
      g_autoptr(VipsImage) scene = NULL;
      gint64 start = g_get_monotonic_time ();

      scene = draw_scene (6000, 4000, contents[i]);
      g_test_message ("6000x4000 scene drawn in %.1f s", (g_get_monotonic_time () - start) / 1e6);

      calibrate_size (contents[i], scene, 6000, 4000, large, G_N_ELEMENTS (large), 2.8,
                      &min_sharp, &max_blurred);
      calibrate_size (contents[i], scene, 1600, 1067, small, G_N_ELEMENTS (small), 1.5,
                      &min_sharp, &max_blurred);
    }

  g_test_message ("sharp photos from %.1f, blurred ones up to %.1f; threshold %.1f",
                  min_sharp, max_blurred, sharpness_threshold);

  /* Every pair apart, with room on both sides of the threshold. */
  g_assert_cmpfloat (min_sharp, >=, sharpness_threshold * MARGIN);
  g_assert_cmpfloat (max_blurred, <=, sharpness_threshold / MARGIN);
}

static void
test_empty_frame (void)
{
  static const SceneSpec empty = { .backdrop = 238, .exposure = 1.0, .empty = TRUE };
  g_autofree char *path = make_small_photo ("empty.jpg", &empty);
  g_autoptr(ResellShotReport) report = check (path, RESELL_BACKDROP_WHITE);
  const char * const *problems = resell_shot_report_get_problems (report);

  log_report ("empty", report);

  /* A shot of the backdrop alone is useless, however well exposed. */
  g_assert_true (resell_shot_report_get_readable (report));
  g_assert_false (resell_shot_report_get_sharp (report));
  g_assert_false (resell_shot_report_get_passed (report));
  g_assert_true (resell_shot_report_get_exposure_ok (report));
  g_assert_true (resell_shot_report_get_backdrop_ok (report));
  g_assert_true (has_problem (report, "nothing-in-focus"));
  g_assert_false (has_problem (report, "blurred"));
  g_assert_cmpuint (g_strv_length ((GStrv)problems), ==, 1);
  g_test_message ("%s", problems[0]);
}

static void
test_exposure (void)
{
  static const SceneSpec blown = { .backdrop = 238, .exposure = 1.3 };
  static const SceneSpec dark = { .backdrop = 238, .exposure = 0.05 };
  static const SceneSpec bright = { .backdrop = 249, .exposure = 1.0 };
  g_autofree char *blown_path = make_small_photo ("blown.jpg", &blown);
  g_autofree char *dark_path = make_small_photo ("dark.jpg", &dark);
  g_autofree char *bright_path = make_small_photo ("bright.jpg", &bright);
  g_autoptr(ResellShotReport) over = check (blown_path, RESELL_BACKDROP_ANY);
  g_autoptr(ResellShotReport) under = check (dark_path, RESELL_BACKDROP_ANY);
  g_autoptr(ResellShotReport) under_on_black = check (dark_path, RESELL_BACKDROP_BLACK);
  g_autoptr(ResellShotReport) ok = check (bright_path, RESELL_BACKDROP_WHITE);

  log_report ("over-exposed (x1.3)", over);
  log_report ("under-exposed (x0.05)", under);
  log_report ("backdrop at 249", ok);

  /* Blown: the backdrop is 255 across the frame. */
  g_assert_false (resell_shot_report_get_exposure_ok (over));
  g_assert_false (resell_shot_report_get_passed (over));
  g_assert_cmpfloat (resell_shot_report_get_highlights_clipped (over), >, 0.3);
  g_assert_true (has_problem (over, "highlights-clipped"));
  g_assert_false (has_problem (over, "shadows-clipped"));
  g_test_message ("%s", resell_shot_report_get_problems (over)[0]);

  g_assert_false (resell_shot_report_get_exposure_ok (under));
  g_assert_false (resell_shot_report_get_passed (under));
  g_assert_cmpfloat (resell_shot_report_get_shadows_clipped (under), >, 0.05);
  g_assert_true (has_problem (under, "shadows-clipped"));
  g_assert_false (has_problem (under, "highlights-clipped"));

  /* On a black backdrop black is what was asked for. */
  g_assert_true (resell_shot_report_get_exposure_ok (under_on_black));

  /* A white backdrop lit bright but not blown is what the studio wants. */
  g_assert_true (resell_shot_report_get_exposure_ok (ok));
  g_assert_true (resell_shot_report_get_passed (ok));
}

static void
test_backdrop (void)
{
  static const SceneSpec grey = { .backdrop = 175, .exposure = 1.0 };
  static const SceneSpec uneven = { .backdrop = 240, .falloff = 60, .exposure = 1.0 };
  static const SceneSpec slight = { .backdrop = 240, .falloff = 12, .exposure = 1.0 };
  g_autofree char *grey_path = make_small_photo ("grey.jpg", &grey);
  g_autofree char *uneven_path = make_small_photo ("uneven.jpg", &uneven);
  g_autofree char *slight_path = make_small_photo ("slight.jpg", &slight);
  g_autoptr(ResellShotReport) grey_white = check (grey_path, RESELL_BACKDROP_WHITE);
  g_autoptr(ResellShotReport) grey_any = check (grey_path, RESELL_BACKDROP_ANY);
  g_autoptr(ResellShotReport) uneven_white = check (uneven_path, RESELL_BACKDROP_WHITE);
  g_autoptr(ResellShotReport) uneven_any = check (uneven_path, RESELL_BACKDROP_ANY);
  g_autoptr(ResellShotReport) slight_white = check (slight_path, RESELL_BACKDROP_WHITE);

  log_report ("grey backdrop (175), white expected", grey_white);
  log_report ("falloff 240 to 180, white expected", uneven_white);
  log_report ("falloff 240 to 228, white expected", slight_white);

  g_assert_true (resell_shot_report_get_backdrop_checked (grey_white));
  g_assert_false (resell_shot_report_get_backdrop_ok (grey_white));
  g_assert_false (resell_shot_report_get_passed (grey_white));
  g_assert_true (has_problem (grey_white, "backdrop-dark"));
  g_assert_cmpfloat (resell_shot_report_get_backdrop_level (grey_white), <, 80);

  /* When the shot list does not ask for white, grey is fine. */
  g_assert_false (resell_shot_report_get_backdrop_checked (grey_any));
  g_assert_true (resell_shot_report_get_backdrop_ok (grey_any));
  g_assert_true (resell_shot_report_get_passed (grey_any));

  g_assert_false (resell_shot_report_get_backdrop_ok (uneven_white));
  g_assert_true (has_problem (uneven_white, "backdrop-uneven"));
  g_assert_false (has_problem (uneven_white, "backdrop-dark"));
  g_assert_true (resell_shot_report_get_passed (uneven_any));

  /* A little falloff, as every real sweep has, passes. */
  g_assert_true (resell_shot_report_get_backdrop_ok (slight_white));
  g_assert_true (resell_shot_report_get_passed (slight_white));
}

static void
test_resolution (void)
{
  g_autoptr(VipsImage) scene = draw_scene (1200, 800, &normal_scene);
  g_autofree char *path = photo_path ("small.jpg");
  g_autoptr(ResellShotReport) report = NULL;
  const char * const *problems;

  write_photo (scene, BLUR_NONE, 0, 1.5, path);
  report = check (path, RESELL_BACKDROP_WHITE);
  log_report ("1200x800", report);

  g_assert_cmpint (resell_shot_report_get_width (report), ==, 1200);
  g_assert_cmpint (resell_shot_report_get_height (report), ==, 800);
  g_assert_false (resell_shot_report_get_resolution_ok (report));
  g_assert_false (resell_shot_report_get_passed (report));
  g_assert_true (resell_shot_report_get_sharp (report));

  problems = resell_shot_report_get_problems (report);
  g_assert_cmpuint (g_strv_length ((GStrv)problems), ==, 1);
  g_assert_true (has_problem (report, "too-small"));
  g_test_message ("%s", problems[0]);
  g_assert_nonnull (strstr (problems[0], "1200"));
}

static void
assert_unreadable (const char *path)
{
  g_autoptr(ResellShotReport) report = check (path, RESELL_BACKDROP_WHITE);
  const char * const *problems = resell_shot_report_get_problems (report);

  g_assert_false (resell_shot_report_get_readable (report));
  g_assert_false (resell_shot_report_get_passed (report));
  g_assert_cmpuint (g_strv_length ((GStrv)problems), ==, 1);
  g_assert_cmpstr (problems[0], ==,
                   "The photo could not be read (the file is damaged or incomplete): retake it.");
  g_assert_true (has_problem (report, "unreadable"));
}

static void
test_unreadable (void)
{
  g_autoptr(VipsImage) scene = draw_scene (1600, 1067, &normal_scene);
  g_autofree char *good = photo_path ("good.jpg");
  g_autofree char *truncated = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *text = NULL;
  g_autofree char *missing = photo_path ("missing.jpg");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ResellShotReport) report = NULL;

  resell_test_allow_vips_warnings ();

  write_photo (scene, BLUR_NONE, 0, 1.5, good);
  bytes = resell_test_read_bytes (good);

  /* A download cut short: the header is fine, the pixels stop at 60 %. */
  truncated = resell_test_write_file (tmp_dir, "truncated.jpg", g_bytes_get_data (bytes, NULL),
                                      g_bytes_get_size (bytes) * 6 / 10);
  empty = resell_test_write_file (tmp_dir, "empty.jpg", "", 0);
  text = resell_test_write_file (tmp_dir, "notes.jpg", "not a photo\n", 12);

  assert_unreadable (truncated);
  assert_unreadable (empty);
  assert_unreadable (text);

  /* The file's size is known from its header even when its pixels are not. */
  report = check (truncated, RESELL_BACKDROP_ANY);
  g_assert_cmpint (resell_shot_report_get_width (report), ==, 1600);

  /* Not there at all: nothing to report on, an error for the caller. */
  g_assert_null (resell_shot_check_file (missing, RESELL_BACKDROP_ANY, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
assert_reports_equal (ResellShotReport *a,
                      ResellShotReport *b)
{
  const char * const *pa = resell_shot_report_get_problems (a);
  const char * const *pb = resell_shot_report_get_problems (b);

  g_assert_cmpint (resell_shot_report_get_passed (a), ==, resell_shot_report_get_passed (b));
  g_assert_cmpint (resell_shot_report_get_readable (a), ==, resell_shot_report_get_readable (b));
  g_assert_cmpfloat_with_epsilon (resell_shot_report_get_sharpness (a),
                                  resell_shot_report_get_sharpness (b), 1e-6);
  g_assert_cmpint (resell_shot_report_get_sharp (a), ==, resell_shot_report_get_sharp (b));
  g_assert_cmpfloat_with_epsilon (resell_shot_report_get_highlights_clipped (a),
                                  resell_shot_report_get_highlights_clipped (b), 1e-9);
  g_assert_cmpfloat_with_epsilon (resell_shot_report_get_shadows_clipped (a),
                                  resell_shot_report_get_shadows_clipped (b), 1e-9);
  g_assert_cmpint (resell_shot_report_get_exposure_ok (a), ==, resell_shot_report_get_exposure_ok (b));
  g_assert_cmpint (resell_shot_report_get_backdrop_checked (a), ==, resell_shot_report_get_backdrop_checked (b));
  g_assert_cmpfloat_with_epsilon (resell_shot_report_get_backdrop_level (a),
                                  resell_shot_report_get_backdrop_level (b), 1e-9);
  g_assert_cmpfloat_with_epsilon (resell_shot_report_get_backdrop_unevenness (a),
                                  resell_shot_report_get_backdrop_unevenness (b), 1e-9);
  g_assert_cmpint (resell_shot_report_get_backdrop_ok (a), ==, resell_shot_report_get_backdrop_ok (b));
  g_assert_cmpint (resell_shot_report_get_width (a), ==, resell_shot_report_get_width (b));
  g_assert_cmpint (resell_shot_report_get_height (a), ==, resell_shot_report_get_height (b));
  g_assert_cmpint (resell_shot_report_get_resolution_ok (a), ==, resell_shot_report_get_resolution_ok (b));
  g_assert_true (g_strv_equal ((const char **)pa, (const char **)pb));
  g_assert_true (g_strv_equal ((const char **)resell_shot_report_get_problem_ids (a),
                               (const char **)resell_shot_report_get_problem_ids (b)));
}

static void
test_json (void)
{
  static const SceneSpec grey_uneven = { .backdrop = 200, .falloff = 60, .exposure = 1.0 };
  g_autoptr(VipsImage) scene = draw_scene (1200, 800, &grey_uneven);
  g_autofree char *path = photo_path ("json.jpg");
  g_autofree char *good = make_small_photo ("json-good.jpg", &normal_scene);
  const char *paths[] = { path, good };

  write_photo (scene, BLUR_GAUSSIAN, 3, 1.5, path);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(ResellShotReport) report = check (paths[i], RESELL_BACKDROP_WHITE);
      g_autoptr(ResellShotReport) back = NULL;
      g_autofree char *json = resell_shot_report_to_json (report);
      g_autofree char *again = NULL;

      g_test_message ("%s", json);
      g_assert_nonnull (strstr (json, "\"version\":1"));

      back = resell_shot_report_new_from_json (json);
      g_assert_nonnull (back);
      assert_reports_equal (report, back);

      again = resell_shot_report_to_json (back);
      g_assert_cmpstr (json, ==, again);
    }

  /* Several problems at once, in the order they are shown. */
  {
    g_autoptr(ResellShotReport) report = check (path, RESELL_BACKDROP_WHITE);
    const char * const *ids = resell_shot_report_get_problem_ids (report);

    g_assert_cmpuint (g_strv_length ((GStrv)ids), ==, 4);
    g_assert_cmpstr (ids[0], ==, "blurred");
    g_assert_cmpstr (ids[1], ==, "backdrop-dark");
    g_assert_cmpstr (ids[2], ==, "backdrop-uneven");
    g_assert_cmpstr (ids[3], ==, "too-small");
    g_assert_cmpuint (g_strv_length ((GStrv)resell_shot_report_get_problems (report)), ==, 4);
  }

  /* Not checked (an older photo), or not ours. */
  g_assert_null (resell_shot_report_new_from_json (NULL));
  g_assert_null (resell_shot_report_new_from_json (""));
  g_assert_null (resell_shot_report_new_from_json ("{\"passed\":"));
  g_assert_null (resell_shot_report_new_from_json ("[1,2]"));

  /* Hostile or newer text: numbers kept in range, unknown problems
   * skipped, and what was stored as failed stays failed. */
  {
    g_autoptr(ResellShotReport) odd = resell_shot_report_new_from_json (
      "{\"version\":9,\"passed\":false,\"readable\":true,\"sharpness\":-5,\"sharp\":true,"
      "\"highlights_clipped\":7,\"exposure_ok\":true,\"backdrop_ok\":true,"
      "\"width\":\"wide\",\"resolution_ok\":true,\"problems\":[\"glare\",3,\"blurred\"]}");

    g_assert_nonnull (odd);
    g_assert_false (resell_shot_report_get_passed (odd));
    g_assert_cmpfloat (resell_shot_report_get_sharpness (odd), ==, 0.0);
    g_assert_cmpfloat (resell_shot_report_get_highlights_clipped (odd), ==, 1.0);
    g_assert_cmpint (resell_shot_report_get_width (odd), ==, 0);
    g_assert_cmpuint (g_strv_length ((GStrv)resell_shot_report_get_problems (odd)), ==, 1);
    g_assert_cmpstr (resell_shot_report_get_problem_ids (odd)[0], ==, "blurred");
  }

  {
    g_autoptr(ResellShotReport) odd = resell_shot_report_new_from_json (
      "{\"passed\":true,\"readable\":true,\"problems\":{\"a\":1},\"sharpness\":[1]}");

    g_assert_nonnull (odd);
    g_assert_cmpuint (g_strv_length ((GStrv)resell_shot_report_get_problems (odd)), ==, 0);
    g_assert_cmpfloat (resell_shot_report_get_sharpness (odd), ==, 0.0);
  }
}

typedef struct
{
  guint      calls;
  VipsImage *image;
} Decoded;

static void
on_decoded (VipsImage *image,
            gpointer   user_data)
{
  Decoded *decoded = user_data;

  decoded->calls++;
  g_set_object (&decoded->image, image);
}

/* resell_shot_check_file_full() on @path: the report is the plain check's,
 * and the decode is handed over exactly once. */
static ResellShotReport *
check_full (const char *path,
            Decoded    *decoded)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResellShotReport) plain = check (path, RESELL_BACKDROP_WHITE);
  ResellShotReport *report;

  report = resell_shot_check_file_full (path, RESELL_BACKDROP_WHITE, on_decoded, decoded,
                                        NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpuint (decoded->calls, ==, 1);
  assert_reports_equal (report, plain);

  return report;
}

/* The check's one decode, handed to the caller (the importer makes the
 * thumbnail from it): in memory, as stored, reduced by shrink-on-load
 * only. */
static void
test_decoded (void)
{
  g_autoptr(VipsImage) noise = NULL;
  g_autoptr(VipsImage) photo = NULL;
  g_autofree char *small = make_small_photo ("decoded-small.jpg", &normal_scene);
  g_autofree char *large = photo_path ("decoded-large.jpg");
  g_autofree char *text = resell_test_write_file (tmp_dir, "decoded.jpg", "not a photo\n", 12);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  Decoded decoded = { 0 };

  /* 1600 px: no shrink keeps 1500, decoded whole. */
  g_object_unref (check_full (small, &decoded));
  g_assert_nonnull (decoded.image);
  g_assert_cmpint (vips_image_get_width (decoded.image), ==, 1600);
  g_assert_cmpint (vips_image_get_height (decoded.image), ==, 1067);
  g_assert_cmpint (vips_image_get_bands (decoded.image), ==, 3);
  g_clear_object (&decoded.image);
  decoded.calls = 0;

  /* 3000 × 2000, stored with EXIF orientation 6: libjpeg's 1/2, not
   * rotated, the orientation kept for whoever turns it upright. */
  check_vips (vips_gaussnoise (&noise, 3000, 2000, "mean", 128.0, "sigma", 40.0, NULL));
  check_vips (vips_cast (noise, &photo, VIPS_FORMAT_UCHAR, NULL));
  vips_image_set_int (photo, VIPS_META_ORIENTATION, 6);
  check_vips (vips_jpegsave (photo, large, "Q", 90, NULL));
  g_object_unref (check_full (large, &decoded));
  g_assert_nonnull (decoded.image);
  g_assert_cmpint (vips_image_get_width (decoded.image), ==, 1500);
  g_assert_cmpint (vips_image_get_height (decoded.image), ==, 1000);
  g_assert_cmpint (vips_image_get_orientation (decoded.image), ==, 6);
  g_clear_object (&decoded.image);
  decoded.calls = 0;

  /* Nothing to share: told so, once. */
  resell_test_allow_vips_warnings ();
  g_object_unref (check_full (text, &decoded));
  g_assert_null (decoded.image);
  decoded.calls = 0;

  g_cancellable_cancel (cancellable);
  g_assert_null (resell_shot_check_file_full (small, RESELL_BACKDROP_ANY, on_decoded, &decoded,
                                              cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (decoded.calls, ==, 1);
  g_assert_null (decoded.image);
}

static void
on_checked (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (source);
  *out = g_object_ref (result);
}

static void
test_async (void)
{
  g_autofree char *path = make_small_photo ("async.jpg", &normal_scene);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ResellShotReport) report = NULL;
  g_autoptr(ResellShotReport) sync_report = check (path, RESELL_BACKDROP_WHITE);
  g_autoptr(GError) error = NULL;

  resell_shot_check_file_async (path, RESELL_BACKDROP_WHITE, NULL, on_checked, &result);
  report = resell_shot_check_file_finish (resell_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_true (resell_shot_report_get_passed (report));
  assert_reports_equal (report, sync_report);
}

static void
test_cancel (void)
{
  g_autofree char *path = make_small_photo ("cancel.jpg", &normal_scene);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);

  g_assert_null (resell_shot_check_file (path, RESELL_BACKDROP_ANY, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  resell_shot_check_file_async (path, RESELL_BACKDROP_ANY, cancellable, on_checked, &result);
  g_assert_null (resell_shot_check_file_finish (resell_test_wait_for (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  resell_test_init (&argc, &argv);

  /* Drawing 24 MP scenes is the slow part of this test: let libvips use
   * the cores for that (the checks themselves run as in the app). */
  vips_concurrency_set (2);

  tmp_dir = g_dir_make_tmp ("resell-shot-check-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/shot-check/calibration", test_calibration);
  g_test_add_func ("/shot-check/empty-frame", test_empty_frame);
  g_test_add_func ("/shot-check/exposure", test_exposure);
  g_test_add_func ("/shot-check/backdrop", test_backdrop);
  g_test_add_func ("/shot-check/resolution", test_resolution);
  g_test_add_func ("/shot-check/unreadable", test_unreadable);
  g_test_add_func ("/shot-check/json", test_json);
  g_test_add_func ("/shot-check/decoded", test_decoded);
  g_test_add_func ("/shot-check/async", test_async);
  g_test_add_func ("/shot-check/cancel", test_cancel);

  ret = g_test_run ();

  resell_test_remove_tree (tmp_dir);
  g_free (tmp_dir);

  return ret;
}
