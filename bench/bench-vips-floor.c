/* bench-vips-floor.c — the least any libvips pipeline does for a listing
 * image, as a ceiling for ours: what libvips 8.14 itself costs on this
 * machine, measured in the same run as the pipeline and ImageMagick.
 *
 * Usage: bench-vips-floor [--decode-only] [--workers N] OUT_DIR PHOTO…
 *
 * Per photo, on N worker threads (default 2) with one libvips thread each,
 * as the exporter runs: decode at half size while loading (jpegload
 * shrink=2), one vips_resize() with Lanczos 2 into a 1408 px box, a 3 × 3
 * integer sharpening convolution, a 1600 × 1600 white canvas, JPEG at
 * quality 88 with optimised Huffman tables and no metadata, written to
 * OUT_DIR/NNNN.jpg.  No orientation, no ICC move, no backdrop analysis, no
 * trim, no whitening, no EXIF work, no cache, no atomic write: everything
 * our recipe adds is left out, so no libvips pipeline of the recipe can
 * beat this figure.  --decode-only stops after the half-size decode into
 * memory: libvips' own decode floor.
 *
 * Prints
 *   floor-photos-per-s: <photos / wall time>
 *   floor-cpu-ms: <user + system CPU of the process during the run>
 *   floor-peak-rss-kib: <getrusage ru_maxrss>
 * Timings are printed, never judged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bench-vips-floor"

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/resource.h>

#include <glib/gstdio.h>
#include <vips/vips.h>

#include "resell-core.h"
#include "imaging/resell-image-probe-private.h"   /* g_autoptr for VipsImage, VipsArrayDouble */

#define BOX 1408
#define CANVAS 1600

typedef struct
{
  const char *out_dir;
  gboolean    decode_only;
  gint        n_failed;
} Run;

static double
cpu_us (const struct timeval *tv)
{
  return tv->tv_sec * 1e6 + tv->tv_usec;
}

static gboolean
floor_one (const char *path,
           const char *output,
           gboolean    decode_only)
{
  g_autoptr(VipsImage) loaded = NULL;
  g_autoptr(VipsImage) decoded = NULL;
  g_autoptr(VipsImage) resized = NULL;
  g_autoptr(VipsImage) sharpened = NULL;
  g_autoptr(VipsImage) canvas = NULL;
  g_autoptr(VipsImage) mask = NULL;
  g_autoptr(VipsArrayDouble) white = NULL;
  double background[3] = { 255.0, 255.0, 255.0 };
  double scale;
  int w, h;

  loaded = vips_image_new_from_file (path, "shrink", 2, "access", VIPS_ACCESS_SEQUENTIAL, NULL);
  if (loaded == NULL)
    return FALSE;

  if (decode_only)
    return (decoded = vips_image_copy_memory (loaded)) != NULL;

  w = vips_image_get_width (loaded);
  h = vips_image_get_height (loaded);
  scale = (double) BOX / MAX (w, h);

  mask = vips_image_new_matrixv (3, 3,
                                 0.0, -1.0, 0.0,
                                 -1.0, 12.0, -1.0,
                                 0.0, -1.0, 0.0);
  vips_image_set_double (mask, "scale", 8.0);
  white = vips_array_double_new (background, 3);

  if (vips_resize (loaded, &resized, scale, "kernel", VIPS_KERNEL_LANCZOS2, NULL) != 0 ||
      vips_conv (resized, &sharpened, mask, "precision", VIPS_PRECISION_INTEGER, NULL) != 0 ||
      vips_embed (sharpened, &canvas,
                  (CANVAS - vips_image_get_width (sharpened)) / 2,
                  (CANVAS - vips_image_get_height (sharpened)) / 2,
                  CANVAS, CANVAS,
                  "extend", VIPS_EXTEND_BACKGROUND, "background", white, NULL) != 0)
    return FALSE;

  return vips_jpegsave (canvas, output,
                        "Q", 88, "optimize_coding", TRUE, "strip", TRUE, NULL) == 0;
}

static void
worker (gpointer data,
        gpointer user_data)
{
  char **job = data;
  Run *run = user_data;

  if (!floor_one (job[0], job[1], run->decode_only))
    {
      g_printerr ("%s: %s\n", job[0], vips_error_buffer ());
      vips_error_clear ();
      g_atomic_int_inc (&run->n_failed);
    }
  g_strfreev (job);
}

int
main (int   argc,
      char *argv[])
{
  gboolean decode_only = FALSE;
  int n_workers = 2;
  const GOptionEntry entries[] = {
    { "decode-only", 0, 0, G_OPTION_ARG_NONE, &decode_only, "Only the half-size decode into memory", NULL },
    { "workers", 0, 0, G_OPTION_ARG_INT, &n_workers, "Worker threads (default 2)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("OUT_DIR PHOTO…");
  g_autoptr(GError) error = NULL;
  GThreadPool *pool;
  struct rusage usage, usage_before;
  Run run = { 0 };
  gint64 start, run_us;
  int n;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  if (argc < 3 || n_workers < 1)
    {
      g_printerr ("Usage: %s [--decode-only] [--workers N] OUT_DIR PHOTO…\n", argv[0]);
      return EXIT_FAILURE;
    }

  /* The same libvips set-up as the app: one thread per operation, no
   * operation cache, big buffers in their own mappings. */
  if (!resell_core_init (argv[0], &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  run.out_dir = argv[1];
  run.decode_only = decode_only;
  if (g_mkdir_with_parents (run.out_dir, 0700) != 0)
    {
      g_printerr ("Cannot make %s: %s\n", run.out_dir, g_strerror (errno));
      return EXIT_FAILURE;
    }

  pool = g_thread_pool_new (worker, &run, n_workers, TRUE, &error);
  if (pool == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  getrusage (RUSAGE_SELF, &usage_before);
  start = g_get_monotonic_time ();
  for (int i = 2; i < argc; i++)
    {
      g_autofree char *name = g_strdup_printf ("%04d.jpg", i - 1);
      char **job = g_new0 (char *, 3);

      job[0] = g_strdup (argv[i]);
      job[1] = g_build_filename (run.out_dir, name, NULL);
      g_thread_pool_push (pool, job, NULL);
    }
  g_thread_pool_free (pool, FALSE, TRUE);
  run_us = g_get_monotonic_time () - start;
  getrusage (RUSAGE_SELF, &usage);

  n = argc - 2 - g_atomic_int_get (&run.n_failed);
  g_print ("floor-mode: %s, %d worker(s)\n", decode_only ? "decode only" : "decode, resize, sharpen, pad, save", n_workers);
  g_print ("floor-done: %d\n", n);
  g_print ("floor-failed: %d\n", g_atomic_int_get (&run.n_failed));
  g_print ("floor-photos-per-s: %.2f\n", run_us > 0 ? n / (run_us / 1e6) : 0.0);
  g_print ("floor-cpu-ms: %.1f\n",
           (cpu_us (&usage.ru_utime) + cpu_us (&usage.ru_stime) -
            cpu_us (&usage_before.ru_utime) - cpu_us (&usage_before.ru_stime)) / 1000.0);
  g_print ("floor-peak-rss-kib: %ld\n", usage.ru_maxrss);

  return g_atomic_int_get (&run.n_failed) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
