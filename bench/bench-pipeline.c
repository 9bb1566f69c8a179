/* bench-pipeline.c — listing images for a batch of photos, in process, the
 * way the app makes them: a ResellListingExporter and its worker pool, a
 * fresh cache (so every photo is rendered, none copied), one run.
 *
 * Usage: bench-pipeline [--plain] [--workers N] [--profile ID] OUT_DIR PHOTO…
 *
 *   --plain      the plain resize path: the profile with square=false and
 *                edits with auto_trim and whiten off
 *   --workers N  worker threads (default 2; 0 = one per core)
 *   --profile ID built-in profile (default ebay)
 *
 * OUT_DIR must not exist yet; the listing images go to OUT_DIR/NNNN.jpg and
 * the exporter's cache to OUT_DIR/cache.  The originals' sha256 are computed
 * before the clock starts, as the catalog already knows them in the app.
 * Prints
 *   pipeline-photos: <photos given>
 *   pipeline-done: <rendered>  pipeline-failed: <failed>  (failures on stderr)
 *   pipeline-hash-ms: <sha256 of every original, not in the timing>
 *   pipeline-ms: <wall time of resell_listing_exporter_run>
 *   pipeline-photos-per-s: <rendered photos / wall time>
 *   pipeline-cpu-ms: <user + system CPU time of the process during the run>
 *   pipeline-baseline-rss-kib: <resident memory before the run>
 *   pipeline-peak-rss-kib: <getrusage ru_maxrss of the process>
 *   pipeline-output: <W>x<H> <bytes> (first listing image)
 * Timings are printed, never judged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bench-pipeline"

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include <json-glib/json-glib.h>
#include <vips/vips.h>

#include "resell-core.h"
#include "listing/resell-listing-exporter.h"
#include "listing/resell-listing-profile.h"
#include "imaging/resell-photo-edits.h"

static long
current_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "\nVmRSS:");
  return line != NULL ? strtol (line + strlen ("\nVmRSS:"), NULL, 10) : -1;
}

static double
cpu_us (const struct timeval *tv)
{
  return tv->tv_sec * 1e6 + tv->tv_usec;
}

static char *
sha256_of_file (const char  *path,
                GError     **error)
{
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, error);

  if (mapped == NULL)
    return NULL;
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                      (const guchar *) g_mapped_file_get_contents (mapped),
                                      g_mapped_file_get_length (mapped));
}

/* The built-in profile with square padding off: the plain resize path. */
static ResellListingProfile *
load_plain_profile (const char  *id,
                    GError     **error)
{
  g_autofree char *resource = g_strdup_printf ("/com/example/Resell/profiles/%s.json", id);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *plain_id = g_strdup_printf ("%s-plain", id);
  g_autofree char *data = NULL;
  JsonObject *object;

  bytes = g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;
  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   g_bytes_get_size (bytes), error))
    return NULL;

  object = json_node_get_object (json_parser_get_root (parser));
  json_object_set_string_member (object, "id", plain_id);
  json_object_set_boolean_member (object, "square", FALSE);

  json_generator_set_root (generator, json_parser_get_root (parser));
  data = json_generator_to_data (generator, NULL);
  return resell_listing_profile_new_from_data (plain_id, data, -1, error);
}

int
main (int   argc,
      char *argv[])
{
  gboolean plain = FALSE;
  int n_workers = 2;
  g_autofree char *profile_id = NULL;
  const GOptionEntry entries[] = {
    { "plain", 0, 0, G_OPTION_ARG_NONE, &plain, "Plain resize: no square padding, trim or whitening", NULL },
    { "workers", 0, 0, G_OPTION_ARG_INT, &n_workers, "Worker threads (default 2, 0 = one per core)", "N" },
    { "profile", 0, 0, G_OPTION_ARG_STRING, &profile_id, "Built-in profile (default ebay)", "ID" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("OUT_DIR PHOTO…");
  g_autoptr(GError) error = NULL;
  g_autoptr(ResellListingProfile) profile = NULL;
  g_autoptr(ResellListingExporter) exporter = NULL;
  g_autoptr(ResellPhotoEdits) edits = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  g_autofree char *cache_dir = NULL;
  const char *out_dir;
  struct rusage usage, usage_before;
  gint64 start, hash_us, run_us;
  long baseline_kib;
  guint n_done = 0, n_failed = 0;
  gboolean ok;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  if (argc < 3 || n_workers < 0)
    {
      g_printerr ("Usage: %s [--plain] [--workers N] [--profile ID] OUT_DIR PHOTO…\n", argv[0]);
      return EXIT_FAILURE;
    }
  if (profile_id == NULL)
    profile_id = g_strdup ("ebay");

  if (!resell_core_init (argv[0], &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  out_dir = argv[1];
  if (g_file_test (out_dir, G_FILE_TEST_EXISTS))
    {
      g_printerr ("%s exists already; give a new folder\n", out_dir);
      return EXIT_FAILURE;
    }
  cache_dir = g_build_filename (out_dir, "cache", NULL);
  if (g_mkdir_with_parents (cache_dir, 0700) != 0)
    {
      g_printerr ("Cannot make %s: %s\n", cache_dir, g_strerror (errno));
      return EXIT_FAILURE;
    }

  profile = plain ? load_plain_profile (profile_id, &error)
                  : resell_listing_profile_load_builtin (profile_id, &error);
  if (profile == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  edits = resell_photo_edits_new ();
  if (plain)
    {
      edits->auto_trim = FALSE;
      edits->whiten = FALSE;
    }

  /* The catalog knows each original's sha256; hash before the clock runs. */
  start = g_get_monotonic_time ();
  jobs = g_ptr_array_new_with_free_func (g_object_unref);
  for (int i = 2; i < argc; i++)
    {
      g_autofree char *sha256 = sha256_of_file (argv[i], &error);
      g_autofree char *name = g_strdup_printf ("%04d.jpg", i - 1);
      g_autofree char *output = g_build_filename (out_dir, name, NULL);

      if (sha256 == NULL)
        {
          g_printerr ("%s\n", error->message);
          return EXIT_FAILURE;
        }
      g_ptr_array_add (jobs, resell_listing_job_new (argv[i], sha256, edits, output));
    }
  hash_us = g_get_monotonic_time () - start;

  exporter = resell_listing_exporter_new (cache_dir, profile, n_workers);
  baseline_kib = current_rss_kib ();

  getrusage (RUSAGE_SELF, &usage_before);
  start = g_get_monotonic_time ();
  ok = resell_listing_exporter_run (exporter, jobs, NULL, &error);
  run_us = g_get_monotonic_time () - start;
  getrusage (RUSAGE_SELF, &usage);

  if (!ok)
    {
      g_printerr ("The batch stopped: %s\n", error->message);
      return EXIT_FAILURE;
    }

  for (guint i = 0; i < jobs->len; i++)
    {
      ResellListingJob *job = g_ptr_array_index (jobs, i);

      switch (resell_listing_job_get_status (job))
        {
        case RESELL_LISTING_JOB_DONE:
          n_done++;
          break;
        case RESELL_LISTING_JOB_CACHED:
          /* Same recipe twice in the batch: not a render, not counted. */
          g_printerr ("%s: copied from the cache\n", resell_listing_job_get_original_path (job));
          break;
        case RESELL_LISTING_JOB_PENDING:
        case RESELL_LISTING_JOB_FAILED:
        case RESELL_LISTING_JOB_CANCELLED:
        default:
          n_failed++;
          g_printerr ("%s: %s\n", resell_listing_job_get_original_path (job),
                      resell_listing_job_get_message (job) ? resell_listing_job_get_message (job) : "not done");
          break;
        }
    }

  g_print ("pipeline-profile: %s%s, %d worker(s)\n", profile_id, plain ? " plain" : "", n_workers);
  g_print ("pipeline-photos: %u\n", jobs->len);
  g_print ("pipeline-done: %u\n", n_done);
  g_print ("pipeline-failed: %u\n", n_failed);
  g_print ("pipeline-hash-ms: %.1f\n", hash_us / 1000.0);
  g_print ("pipeline-ms: %.1f\n", run_us / 1000.0);
  g_print ("pipeline-photos-per-s: %.2f\n", run_us > 0 ? n_done / (run_us / 1e6) : 0.0);
  g_print ("pipeline-cpu-ms: %.1f\n",
           (cpu_us (&usage.ru_utime) + cpu_us (&usage.ru_stime) -
            cpu_us (&usage_before.ru_utime) - cpu_us (&usage_before.ru_stime)) / 1000.0);
  g_print ("pipeline-baseline-rss-kib: %ld\n", baseline_kib);
  g_print ("pipeline-peak-rss-kib: %ld\n", usage.ru_maxrss);

  for (guint i = 0; i < jobs->len; i++)
    {
      ResellListingJob *job = g_ptr_array_index (jobs, i);
      const char *output = resell_listing_job_get_output_path (job);
      VipsImage *image;
      GStatBuf st;

      if (resell_listing_job_get_status (job) != RESELL_LISTING_JOB_DONE)
        continue;
      image = vips_image_new_from_file (output, NULL);
      if (image != NULL && g_stat (output, &st) == 0)
        g_print ("pipeline-output: %dx%d %" G_GINT64_FORMAT " bytes (%s)\n",
                 vips_image_get_width (image), vips_image_get_height (image),
                 (gint64) st.st_size, output);
      g_clear_object (&image);
      break;
    }

  return n_failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
