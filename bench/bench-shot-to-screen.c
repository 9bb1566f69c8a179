/* bench-shot-to-screen.c — from a 24 MP JPEG arriving off the camera to the
 * shot shown and checked: the time resell_importer_attach_async() takes,
 * on a GMainLoop as in the app, for a file already saved in the item's
 * originals (hash, checks, thumbnail, row), with named peers measured in
 * the same run.  The check decodes the photo once (1/4 scale) and the
 * thumbnail is made from that decode while the check measures.
 *
 * Usage: bench-shot-to-screen [--shots N] WORK_DIR
 *
 * WORK_DIR must not exist yet.  A 6000×4000 product shot on a near-white
 * backdrop, with camera noise, is drawn with libvips and saved as a JPEG
 * (quality 92).  Each shot then "arrives": the same picture with a
 * different COM segment (so its sha256 differs, as two captures' do) is
 * written into the item's originals folder, and the clock runs from the
 * moment it is there until attach_finish() has returned in the main loop:
 * thumbnail written, checks done, row stored.  Each shot retakes the one
 * before (slot "front", white backdrop expected).
 *
 * Then, on the same files, one at a time: the check alone (with its one
 * decode), the thumbnail from that decode (what the attach does, into a
 * fresh cache), the thumbnail from the file with a decode of its own (what
 * the attach did before, and what the UI still does for photos that came
 * another way), the sha256 alone, and peers run as processes:
 * `vipsthumbnail` (320 px, the UI thumbnail's size) and `djpeg -scale 1/8`
 * (libjpeg's fastest full decode, the floor any check of every pixel
 * meets) and `djpeg -scale 1/4` (the scale the check decodes at).  Medians
 * and ratios are printed, never judged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bench-shot-to-screen"

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <glib/gstdio.h>
#include <vips/vips.h>

#include "resell-core.h"
#include "imaging/resell-image-probe-private.h"
#include "imaging/resell-shot-check-private.h"
#include "imaging/resell-thumbnailer-private.h"

static const char category_json[] =
  "{\"version\":1,\"id\":\"bench\",\"name\":\"Bench\",\"icon\":\"package-x-generic-symbolic\","
  "\"sku_code\":\"BEN\","
  "\"shots\":[{\"id\":\"front\",\"label\":\"Front\",\"guidance\":\"g\",\"required\":true,\"backdrop\":\"white\"}],"
  "\"checklist\":[{\"id\":\"q\",\"question\":\"Q?\",\"answers\":[\"Yes\",\"No\"]}],"
  "\"flaws\":[{\"id\":\"stain\",\"label\":\"Stain\",\"description\":\"d\"}]}";

static void
check_vips (int res)
{
  if (res != 0)
    g_error ("libvips: %s", vips_error_buffer ());
}

/* A bag-like box with a fabric weave and leather grain, stitching and a
 * barcode label, on a ~238 backdrop, camera noise over all. */
static GBytes *
draw_photo (void)
{
  const int width = 6000, height = 4000;
  VipsImage *xy = NULL, *x = NULL, *y = NULL, *sx = NULL, *sy = NULL, *t = NULL;
  VipsImage *weave = NULL, *grain = NULL, *noise = NULL, *texture = NULL, *product = NULL;
  VipsImage *backdrop = NULL, *mask = NULL, *scene = NULL, *memory = NULL, *out = NULL;
  double ink[1] = { 255 };
  double thread[3] = { 40, 28, 20 };
  double white[3] = { 245, 245, 242 };
  double black[3] = { 20, 20, 20 };
  double a[3] = { 1.0, 0.75, 0.55 };
  double b[3] = { 130.0, 88.0, 60.0 };
  double ba[3] = { 1.0, 1.0, 1.0 };
  double bb[3] = { 238.0, 237.0, 235.0 };
  int px = 1620, py = 800, pw = 2760, ph = 2400, r = 345;
  guint32 state = 12345;
  void *buf = NULL;
  size_t len = 0;

  check_vips (vips_xyz (&xy, width, height, NULL));
  check_vips (vips_extract_band (xy, &x, 0, NULL));
  check_vips (vips_extract_band (xy, &y, 1, NULL));
  check_vips (vips_linear1 (x, &t, 30.0, 0.0, NULL));
  check_vips (vips_math (t, &sx, VIPS_OPERATION_MATH_SIN, NULL));
  g_clear_object (&t);
  check_vips (vips_linear1 (y, &t, 30.0, 0.0, NULL));
  check_vips (vips_math (t, &sy, VIPS_OPERATION_MATH_SIN, NULL));
  g_clear_object (&t);
  check_vips (vips_multiply (sx, sy, &t, NULL));
  check_vips (vips_linear1 (t, &weave, 18.0, 0.0, NULL));
  g_clear_object (&t);
  check_vips (vips_gaussnoise (&t, width, height, "sigma", 1.0, "mean", 0.0, "seed", 7, NULL));
  check_vips (vips_gaussblur (t, &noise, 2.5, NULL));
  g_clear_object (&t);
  check_vips (vips_linear1 (noise, &grain, 60.0, 0.0, NULL));
  check_vips (vips_add (weave, grain, &texture, NULL));
  check_vips (vips_linear (texture, &product, a, b, 3, NULL));

  check_vips (vips_black (&t, width, height, NULL));
  check_vips (vips_linear (t, &backdrop, ba, bb, 3, NULL));
  mask = vips_image_copy_memory (t);
  g_clear_object (&t);
  check_vips (vips_draw_rect (mask, ink, 1, px + r, py, pw - 2 * r, ph, "fill", TRUE, NULL));
  check_vips (vips_draw_rect (mask, ink, 1, px, py + r, pw, ph - 2 * r, "fill", TRUE, NULL));
  for (int corner = 0; corner < 4; corner++)
    check_vips (vips_draw_circle (mask, ink, 1,
                                  corner % 2 ? px + pw - r : px + r,
                                  corner / 2 ? py + ph - r : py + r,
                                  r, "fill", TRUE, NULL));
  check_vips (vips_ifthenelse (mask, product, backdrop, &scene, NULL));

  check_vips (vips_cast (scene, &t, VIPS_FORMAT_FLOAT, NULL));
  memory = vips_image_copy_memory (t);
  g_clear_object (&t);
  for (int xx = px + r; xx < px + pw - r; xx += 72)
    {
      check_vips (vips_draw_rect (memory, thread, 3, xx, py + 60, 36, 6, "fill", TRUE, NULL));
      check_vips (vips_draw_rect (memory, thread, 3, xx, py + ph - 60, 36, 6, "fill", TRUE, NULL));
    }
  check_vips (vips_draw_rect (memory, white, 3, px + pw / 3, py + ph / 2, pw / 3, ph / 5, "fill", TRUE, NULL));
  for (int xx = px + pw / 3 + pw / 30; xx < px + pw * 2 / 3 - pw / 30; )
    {
      int bar;

      state = state * 1103515245u + 12345u;
      bar = 8 + (state >> 16) % 17;
      check_vips (vips_draw_rect (memory, black, 3, xx, py + ph / 2 + ph / 30, bar, ph / 7, "fill", TRUE, NULL));
      state = state * 1103515245u + 12345u;
      xx += bar + 8 + (state >> 16) % 13;
    }

  g_clear_object (&noise);
  check_vips (vips_gaussnoise (&noise, width, height, "sigma", 2.8, "mean", 0.0, "seed", 42, NULL));
  check_vips (vips_add (memory, noise, &t, NULL));
  check_vips (vips_cast (t, &out, VIPS_FORMAT_UCHAR, NULL));
  g_clear_object (&t);
  check_vips (vips_copy (out, &t, "interpretation", VIPS_INTERPRETATION_sRGB, NULL));
  check_vips (vips_jpegsave_buffer (t, &buf, &len, "Q", 92, NULL));

  g_clear_object (&t);
  g_clear_object (&xy);
  g_clear_object (&x);
  g_clear_object (&y);
  g_clear_object (&sx);
  g_clear_object (&sy);
  g_clear_object (&weave);
  g_clear_object (&grain);
  g_clear_object (&noise);
  g_clear_object (&texture);
  g_clear_object (&product);
  g_clear_object (&backdrop);
  g_clear_object (&mask);
  g_clear_object (&scene);
  g_clear_object (&memory);
  g_clear_object (&out);

  return g_bytes_new_with_free_func (buf, len, g_free, buf);
}

/* The photo with a COM segment right after SOI saying which shot it is:
 * the same pixels (so the same decode work), different bytes. */
static GBytes *
photo_for_shot (GBytes *photo,
                int     shot)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (photo, &len);
  g_autofree char *text = g_strdup_printf ("resell bench shot %d %" G_GINT64_FORMAT,
                                           shot, g_get_real_time ());
  gsize text_len = strlen (text);
  GByteArray *out = g_byte_array_sized_new (len + text_len + 4);
  guint8 marker[4] = { 0xFF, 0xFE, (text_len + 2) >> 8, (text_len + 2) & 0xFF };

  g_assert (len > 2 && data[0] == 0xFF && data[1] == 0xD8);
  g_byte_array_append (out, data, 2);
  g_byte_array_append (out, marker, 4);
  g_byte_array_append (out, (const guint8 *)text, text_len);
  g_byte_array_append (out, data + 2, len - 2);

  return g_byte_array_free_to_bytes (out);
}

/* User + system CPU time of the whole process so far, in ms: unlike wall
 * time, hardly affected by other work on the machine. */
static double
cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *)a;
  double db = *(const double *)b;

  return (da > db) - (da < db);
}

/* Median, p90 (nearest rank) and min of @ms, in place. */
static void
summarise (GArray *ms,
           double *median,
           double *p90,
           double *min)
{
  double *v = (double *)ms->data;
  guint n = ms->len;

  qsort (v, n, sizeof (double), compare_doubles);
  *median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  *p90 = v[MIN (n - 1, (guint)((n * 9 + 9) / 10) - 1)];
  *min = v[0];
}

static void
print_row (const char *label,
           GArray     *ms)
{
  double median, p90, min;

  summarise (ms, &median, &p90, &min);
  g_print ("%-44s median %7.1f ms   p90 %7.1f ms   min %7.1f ms\n", label, median, p90, min);
}

static double
median_of (GArray *ms)
{
  double median, p90, min;

  summarise (ms, &median, &p90, &min);
  return median;
}

/* Runs @argv to the end; returns its wall time in ms, or -1 when it could
 * not run or failed. */
static double
time_command (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  int status = 0;

  if (!g_spawn_sync (NULL, (char **)argv, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, NULL))
    return -1;

  return (g_get_monotonic_time () - start) / 1000.0;
}

/* Keeps the check's decode, for the thumbnail stage. */
static void
on_decoded (VipsImage *image,
            gpointer   user_data)
{
  VipsImage **out = user_data;

  g_set_object (out, image);
}

typedef struct
{
  GMainLoop          *loop;
  ResellImportResult *result;
  GError             *error;
} Attach;

static void
on_attached (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Attach *attach = user_data;

  attach->result = resell_importer_attach_finish (RESELL_IMPORTER (source), result, &attach->error);
  g_main_loop_quit (attach->loop);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("WORK_DIR");
  g_autoptr(GError) error = NULL;
  g_autoptr(ResellCatalog) catalog = NULL;
  g_autoptr(ResellThumbnailer) thumbnailer = NULL;
  g_autoptr(ResellThumbnailer) fresh_thumbnailer = NULL;
  g_autoptr(ResellThumbnailer) file_thumbnailer = NULL;
  g_autoptr(ResellImporter) importer = NULL;
  g_autoptr(ResellCategory) category = NULL;
  g_autoptr(ResellItem) item = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GBytes) photo = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) total = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) check = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) thumb = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) thumb_file = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) hash = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) vipsthumbnail = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) djpeg = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) djpeg4 = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *data_dir = NULL;
  g_autofree char *cache_dir = NULL;
  g_autofree char *fresh_cache_dir = NULL;
  g_autofree char *file_cache_dir = NULL;
  g_autofree char *originals = NULL;
  g_autofree char *peer_out = NULL;
  gint64 previous_id = 0;
  gint64 start;
  double cpu_total = 0.0;
  int shots = 20;
  int failed = 0;
  const char *work;
  const GOptionEntry entries[] = {
    { "shots", 0, 0, G_OPTION_ARG_INT, &shots, "Shots to time (default 20)", "N" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || shots < 1)
    {
      g_printerr ("Usage: %s [--shots N] WORK_DIR\n", argv[0]);
      return 2;
    }

  work = argv[1];
  if (g_file_test (work, G_FILE_TEST_EXISTS))
    {
      g_printerr ("%s exists already; give a new folder\n", work);
      return 2;
    }

  if (!resell_core_init (argv[0], &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  data_dir = g_build_filename (work, "data", NULL);
  cache_dir = g_build_filename (work, "cache", NULL);
  fresh_cache_dir = g_build_filename (work, "cache-stages", NULL);
  file_cache_dir = g_build_filename (work, "cache-from-file", NULL);
  peer_out = g_build_filename (work, "peer-thumb.jpg", NULL);

  catalog = resell_catalog_open (data_dir, &error);
  if (catalog == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  category = resell_category_new_from_data ("bench.json", category_json, -1, &error);
  g_assert_no_error (error);

  item = resell_item_new ();
  resell_item_set_category (item, "bench");
  resell_item_set_title (item, "Bench bag");
  if (!resell_catalog_insert_item (catalog, item, &error) ||
      !(originals = resell_catalog_dup_originals_dir (catalog, resell_item_get_sku (item), &error)))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  thumbnailer = resell_thumbnailer_new (cache_dir);
  fresh_thumbnailer = resell_thumbnailer_new (fresh_cache_dir);
  file_thumbnailer = resell_thumbnailer_new (file_cache_dir);
  importer = resell_importer_new (catalog, thumbnailer);
  loop = g_main_loop_new (NULL, FALSE);

  start = g_get_monotonic_time ();
  /* Drawing is not measured: let libvips use every core for it. */
  vips_concurrency_set (0);
  photo = draw_photo ();
  vips_concurrency_set (1);

  g_print ("photo: 6000x4000 JPEG, %.1f MB (product on a near-white backdrop, camera noise), drawn in %.1f s\n",
           g_bytes_get_size (photo) / 1e6, (g_get_monotonic_time () - start) / 1e6);
  g_print ("machine: %u cores; libvips %s, concurrency %d (as the app sets it)\n",
           g_get_num_processors (), vips_version_string (), vips_concurrency_get ());
  g_print ("shots: %d, each a retake of the one before (slot with a white backdrop)\n\n", shots);

  /* Shot to screen. */
  for (int i = 0; i < shots; i++)
    {
      g_autoptr(GBytes) bytes = photo_for_shot (photo, i);
      g_autofree char *name = g_strdup_printf ("capture-%04d.jpg", i + 1);
      g_autofree char *path = g_build_filename (originals, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      Attach attach = { .loop = loop };
      double cpu_start;
      double ms;

      /* Written (and synced, as the camera thread does) before the clock
       * starts: "arrived" is the moment the download is renamed into place. */
      if (!g_file_set_contents_full (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                     G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                     0644, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }

      cpu_start = cpu_ms ();
      start = g_get_monotonic_time ();
      resell_importer_attach_async (importer, item, category, "front", file, TRUE, previous_id,
                                    NULL, on_attached, &attach);
      g_main_loop_run (loop);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      cpu_total += cpu_ms () - cpu_start;

      if (attach.result == NULL ||
          resell_import_result_get_status (attach.result) != RESELL_IMPORT_STATUS_IMPORTED)
        {
          g_printerr ("shot %d: %s\n", i + 1,
                      attach.error ? attach.error->message
                                   : resell_import_result_get_message (attach.result));
          failed++;
        }
      else
        {
          if (i == 0)
            {
              g_autofree char *json =
                resell_shot_report_to_json (resell_import_result_get_report (attach.result));

              g_print ("checks of the photo, as stored: %s\n\n", json);
            }
          previous_id = resell_photo_get_id (resell_import_result_get_photo (attach.result));
          g_array_append_val (total, ms);
        }

      g_clear_object (&attach.result);
      g_clear_error (&attach.error);
      g_ptr_array_add (paths, g_steal_pointer (&path));
    }

  /* The stages alone, and the peers, on the same files. */
  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autofree char *sha256 = NULL;
      g_autofree char *made = NULL;
      g_autofree char *made_from_file = NULL;
      g_autoptr(ResellShotReport) report = NULL;
      g_autoptr(VipsImage) decoded = NULL;
      const char *vt_argv[] = { "vipsthumbnail", path, "--size", "320", "-o", peer_out, NULL };
      const char *dj_argv[] = { "djpeg", "-scale", "1/8", "-outfile", "/dev/null", path, NULL };
      const char *dj4_argv[] = { "djpeg", "-scale", "1/4", "-outfile", "/dev/null", path, NULL };
      double ms;

      start = g_get_monotonic_time ();
      sha256 = resell_file_compute_sha256 (path, NULL, &error);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_assert_no_error (error);
      g_array_append_val (hash, ms);

      start = g_get_monotonic_time ();
      report = resell_shot_check_file_full (path, RESELL_BACKDROP_WHITE, on_decoded, &decoded,
                                            NULL, &error);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_assert_no_error (error);
      g_assert_nonnull (decoded);
      g_array_append_val (check, ms);

      start = g_get_monotonic_time ();
      made = resell_thumbnailer_store_image (fresh_thumbnailer, decoded, sha256, NULL, &error);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_assert_no_error (error);
      g_array_append_val (thumb, ms);

      start = g_get_monotonic_time ();
      made_from_file = resell_thumbnailer_ensure (file_thumbnailer, path, sha256, NULL, &error);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_assert_no_error (error);
      g_array_append_val (thumb_file, ms);

      if ((ms = time_command (vt_argv)) >= 0)
        g_array_append_val (vipsthumbnail, ms);
      if ((ms = time_command (dj_argv)) >= 0)
        g_array_append_val (djpeg, ms);
      if ((ms = time_command (dj4_argv)) >= 0)
        g_array_append_val (djpeg4, ms);
    }

  if (total->len == 0)
    {
      g_printerr ("no shot was attached\n");
      return 1;
    }

  print_row ("shot to screen (attach, file arrived → done)", total);
  g_print ("%-44s %7.1f ms a shot, all threads (less than wall x 2: both cores busy)\n",
           "  CPU time of shot to screen", cpu_total / shots);
  print_row ("  stage: checks alone (the one decode, 1/4)", check);
  print_row ("  stage: thumbnail from the check's decode", thumb);
  print_row ("  (before: thumbnail from the file, 1/8)", thumb_file);
  print_row ("  stage: sha256 alone", hash);
  if (vipsthumbnail->len > 0)
    print_row ("peer: vipsthumbnail --size 320 (process)", vipsthumbnail);
  else
    g_print ("peer: vipsthumbnail: not found or failed; skipped\n");
  if (djpeg->len > 0)
    print_row ("peer: djpeg -scale 1/8 (process, decode floor)", djpeg);
  if (djpeg4->len > 0)
    print_row ("peer: djpeg -scale 1/4 (process, the check's scale)", djpeg4);
  else
    g_print ("peer: djpeg: not found or failed; skipped\n");

  g_print ("\n");
  g_print ("shot to screen / stages run one after another: %.2f  (below 1: the check runs beside hash + thumbnail)\n",
           median_of (total) / (median_of (check) + median_of (thumb) + median_of (hash)));
  if (vipsthumbnail->len > 0)
    g_print ("shot to screen / vipsthumbnail:                %.2f\n", median_of (total) / median_of (vipsthumbnail));
  if (djpeg->len > 0)
    g_print ("shot to screen / djpeg -scale 1/8:             %.2f\n", median_of (total) / median_of (djpeg));
  if (djpeg4->len > 0)
    g_print ("checks alone / djpeg -scale 1/4:               %.2f\n", median_of (check) / median_of (djpeg4));
  g_print ("goal: median under 300 ms (issue 3); failed shots: %d\n", failed);

  return failed > 0 ? 1 : 0;
}
