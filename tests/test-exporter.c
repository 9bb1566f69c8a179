/* test-exporter.c — batches of listing images: worker pool, cache, progress,
 * cancellation, atomic outputs
 *
 * Every fixture image is made here with libvips, so no binary files live in
 * the repository.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <vips/vips.h>

#include "resell-core.h"
#include "resell-test-utils.h"
#include "listing/resell-listing-exporter.h"
#include "listing/resell-listing-renderer.h"

#define N_GOOD 6

typedef struct
{
  char                  *root;
  char                  *src_dir;
  char                  *out_dir;
  char                  *cache_dir;
  char                  *listing_dir;
  ResellListingProfile  *profile;
} Fixture;

/* Fixture images ---------------------------------------------------------- */

/* A product (a coloured block) on a light, plain backdrop, like a studio
 * shot; @seed moves and colours it so every photo has its own bytes. */
static GBytes *
make_photo (int width,
            int height,
            int seed)
{
  VipsImage *black = NULL;
  VipsImage *light = NULL;
  VipsImage *image = NULL;
  VipsImage *memory = NULL;
  double ink[3] = { (seed * 37) % 200, 60 + (seed * 11) % 120, 40 };
  void *buf = NULL;
  size_t len = 0;

  g_assert_cmpint (vips_black (&black, width, height, "bands", 3, NULL), ==, 0);
  g_assert_cmpint (vips_linear1 (black, &light, 1.0, 236.0, NULL), ==, 0);
  g_assert_cmpint (vips_cast (light, &image, VIPS_FORMAT_UCHAR, NULL), ==, 0);
  memory = vips_image_copy_memory (image);
  g_assert_nonnull (memory);

  g_assert_cmpint (vips_draw_rect (memory, ink, 3,
                                   width / 5 + (seed % 5) * 10, height / 5 + (seed % 3) * 10,
                                   width / 2, height / 2,
                                   "fill", TRUE, NULL), ==, 0);

  g_assert_cmpint (vips_jpegsave_buffer (memory, &buf, &len, "Q", 90, NULL), ==, 0);

  g_object_unref (black);
  g_object_unref (light);
  g_object_unref (image);
  g_object_unref (memory);

  return g_bytes_new_with_free_func (buf, len, g_free, buf);
}

/* The file is a whole JPEG that decodes to the end without a warning, of
 * at most the profile's long edge. */
static void
assert_decodes (Fixture    *f,
                const char *path)
{
  VipsImage *image = NULL;
  double avg = 0;
  int long_edge = resell_listing_profile_get_long_edge (f->profile);

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (vips_jpegload (path, &image, "fail_on", VIPS_FAIL_ON_WARNING, NULL), ==, 0);
  g_assert_cmpint (vips_avg (image, &avg, NULL), ==, 0);
  g_assert_cmpint (MAX (image->Xsize, image->Ysize), <=, long_edge);
  g_assert_cmpint (MIN (image->Xsize, image->Ysize), >, 0);
  g_object_unref (image);
}

/* Fixture ---------------------------------------------------------------- */

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->root = g_dir_make_tmp ("resell-exporter-XXXXXX", &error);
  g_assert_no_error (error);

  f->src_dir = g_build_filename (f->root, "photos", NULL);
  f->out_dir = g_build_filename (f->root, "listing images", NULL);
  f->cache_dir = g_build_filename (f->root, "cache", NULL);
  f->listing_dir = g_build_filename (f->cache_dir, "listing", NULL);
  g_assert_no_errno (g_mkdir (f->src_dir, 0755));

  f->profile = resell_listing_profile_load_builtin ("ebay", &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->profile);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->profile);

  resell_test_remove_tree (f->root);

  g_free (f->root);
  g_free (f->src_dir);
  g_free (f->out_dir);
  g_free (f->cache_dir);
  g_free (f->listing_dir);
}

/* Jobs -------------------------------------------------------------------- */

static GPtrArray *
jobs_new (void)
{
  return g_ptr_array_new_with_free_func (g_object_unref);
}

static ResellListingJob *
job_at (GPtrArray *jobs,
        guint      i)
{
  return g_ptr_array_index (jobs, i);
}

static char *
output_path_for (Fixture    *f,
                 const char *original_path)
{
  g_autofree char *base = g_path_get_basename (original_path);
  char *dot = strrchr (base, '.');
  g_autofree char *name = NULL;

  if (dot != NULL)
    *dot = '\0';
  name = g_strconcat (base, ".jpg", NULL);

  return g_build_filename (f->out_dir, name, NULL);
}

static void
add_job (Fixture    *f,
         GPtrArray  *jobs,
         const char *original_path,
         gboolean    with_sha256)
{
  g_autofree char *out = output_path_for (f, original_path);
  g_autofree char *sha256 = NULL;

  if (with_sha256)
    {
      g_autoptr(GError) error = NULL;

      sha256 = resell_file_compute_sha256 (original_path, NULL, &error);
      g_assert_no_error (error);
    }

  g_ptr_array_add (jobs, resell_listing_job_new (original_path, sha256, NULL, out));
}

/* Eight photos: six good ones and, third and sixth, two that are not
 * pictures at all.  Returns the original paths. */
static GPtrArray *
make_batch_photos (Fixture *f)
{
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  int seed = 1;

  for (guint i = 0; i < N_GOOD + 2; i++)
    {
      g_autofree char *name = NULL;

      if (i == 2)
        {
          g_ptr_array_add (paths, resell_test_write_file (f->src_dir, "empty.jpg", "", 0));
          continue;
        }
      if (i == 5)
        {
          const char text[] = "A shopping list, not a photo.\n";

          g_ptr_array_add (paths, resell_test_write_file (f->src_dir, "notes.jpg", text, sizeof text - 1));
          continue;
        }

      {
        g_autoptr(GBytes) photo = make_photo (i % 2 ? 900 : 700, i % 2 ? 700 : 900, seed++);

        name = g_strdup_printf ("IMG_%04u.jpg", i + 1);
        g_ptr_array_add (paths, resell_test_write_bytes (f->src_dir, name, photo));
      }
    }

  return paths;
}

static gboolean
is_bad (guint i)
{
  return i == 2 || i == 5;
}

/* Progress ------------------------------------------------------------------ */

typedef struct
{
  GArray       *values;        /* guint: every n-done notified */
  GThread      *thread;        /* the thread that must see the notifications */
  gboolean      wrong_thread;
  guint         n_total_seen;
  GCancellable *cancel_at;     /* cancelled once n-done reaches cancel_after */
  guint         cancel_after;
} Progress;

static void
on_n_done (ResellListingExporter *exporter,
           GParamSpec            *pspec,
           Progress              *progress)
{
  guint n_done = resell_listing_exporter_get_n_done (exporter);

  if (g_thread_self () != progress->thread)
    progress->wrong_thread = TRUE;

  g_array_append_val (progress->values, n_done);
  progress->n_total_seen = resell_listing_exporter_get_n_total (exporter);

  if (progress->cancel_at != NULL && n_done >= progress->cancel_after)
    g_cancellable_cancel (progress->cancel_at);
}

static void
progress_init (Progress              *progress,
               ResellListingExporter *exporter)
{
  memset (progress, 0, sizeof *progress);
  progress->values = g_array_new (FALSE, FALSE, sizeof (guint));
  progress->thread = g_thread_self ();
  g_signal_connect (exporter, "notify::n-done", G_CALLBACK (on_n_done), progress);
}

static void
progress_clear (Progress              *progress,
                ResellListingExporter *exporter)
{
  g_signal_handlers_disconnect_by_func (exporter, on_n_done, progress);
  g_array_unref (progress->values);
}

/* Notified on the right thread, never going back, ending at @n_total. */
static void
assert_progress_complete (Progress *progress,
                          guint     n_total)
{
  g_assert_false (progress->wrong_thread);
  g_assert_cmpuint (progress->values->len, >, 0);
  for (guint i = 1; i < progress->values->len; i++)
    g_assert_cmpuint (g_array_index (progress->values, guint, i), >,
                      g_array_index (progress->values, guint, i - 1));
  g_assert_cmpuint (g_array_index (progress->values, guint, progress->values->len - 1), ==, n_total);
  g_assert_cmpuint (progress->n_total_seen, ==, n_total);
}

/* Tests ------------------------------------------------------------------ */

static void
run_ok (ResellListingExporter *exporter,
        GPtrArray             *jobs)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (resell_listing_exporter_run (exporter, jobs, NULL, &error));
  g_assert_no_error (error);
}

static void
test_batch_and_cache (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(ResellListingExporter) exporter = NULL;
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) signed_jobs = NULL;
  g_autoptr(GPtrArray) first_outputs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  Progress progress;

  resell_test_allow_vips_warnings ();

  paths = make_batch_photos (f);
  exporter = resell_listing_exporter_new (f->cache_dir, f->profile, 0);
  progress_init (&progress, exporter);

  /* First run: everything rendered, the two bad files fail by name. */
  jobs = jobs_new ();
  for (guint i = 0; i < paths->len; i++)
    add_job (f, jobs, g_ptr_array_index (paths, i), FALSE);

  run_ok (exporter, jobs);

  assert_progress_complete (&progress, paths->len);
  g_assert_cmpuint (resell_listing_exporter_get_n_done (exporter), ==, paths->len);
  g_assert_cmpuint (resell_listing_exporter_get_n_total (exporter), ==, paths->len);

  for (guint i = 0; i < jobs->len; i++)
    {
      ResellListingJob *job = job_at (jobs, i);
      const char *out = resell_listing_job_get_output_path (job);

      if (is_bad (i))
        {
          g_autofree char *name = g_path_get_basename (g_ptr_array_index (paths, i));

          g_assert_cmpint (resell_listing_job_get_status (job), ==, RESELL_LISTING_JOB_FAILED);
          g_assert_nonnull (resell_listing_job_get_message (job));
          g_test_message ("failed as expected: %s", resell_listing_job_get_message (job));
          g_assert_nonnull (strstr (resell_listing_job_get_message (job), name));
          g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
          g_ptr_array_add (first_outputs, NULL);
        }
      else
        {
          g_assert_cmpint (resell_listing_job_get_status (job), ==, RESELL_LISTING_JOB_DONE);
          g_assert_null (resell_listing_job_get_message (job));
          assert_decodes (f, out);
          g_ptr_array_add (first_outputs, resell_test_read_bytes (out));
        }
    }

  g_assert_cmpuint (resell_test_count_files (f->out_dir), ==, N_GOOD);
  g_assert_cmpuint (resell_test_count_files (f->listing_dir), ==, N_GOOD);

  /* Second run, the same recipe: every good one from the cache, byte for
   * byte, whether the sha256 is given or computed. */
  g_array_set_size (progress.values, 0);
  again = jobs_new ();
  for (guint i = 0; i < paths->len; i++)
    add_job (f, again, g_ptr_array_index (paths, i), i % 2 == 0);

  run_ok (exporter, again);
  assert_progress_complete (&progress, paths->len);

  for (guint i = 0; i < again->len; i++)
    {
      ResellListingJob *job = job_at (again, i);
      g_autoptr(GBytes) now = NULL;

      if (is_bad (i))
        {
          g_assert_cmpint (resell_listing_job_get_status (job), ==, RESELL_LISTING_JOB_FAILED);
          continue;
        }

      g_assert_cmpint (resell_listing_job_get_status (job), ==, RESELL_LISTING_JOB_CACHED);
      now = resell_test_read_bytes (resell_listing_job_get_output_path (job));
      g_assert_true (g_bytes_equal (now, g_ptr_array_index (first_outputs, i)));
    }

  /* A copyright line is part of the recipe: rendered anew, and the earlier
   * outputs replaced. */
  resell_listing_exporter_set_copyright (exporter, "© 2026 Test Seller");
  signed_jobs = jobs_new ();
  for (guint i = 0; i < paths->len; i++)
    add_job (f, signed_jobs, g_ptr_array_index (paths, i), FALSE);

  run_ok (exporter, signed_jobs);

  for (guint i = 0; i < signed_jobs->len; i++)
    {
      ResellListingJob *job = job_at (signed_jobs, i);
      g_autoptr(GBytes) now = NULL;

      if (is_bad (i))
        continue;

      g_assert_cmpint (resell_listing_job_get_status (job), ==, RESELL_LISTING_JOB_DONE);
      assert_decodes (f, resell_listing_job_get_output_path (job));
      now = resell_test_read_bytes (resell_listing_job_get_output_path (job));
      g_assert_false (g_bytes_equal (now, g_ptr_array_index (first_outputs, i)));
    }

  /* Both recipes cached; nothing half-written anywhere. */
  g_assert_cmpuint (resell_test_count_files (f->listing_dir), ==, 2 * N_GOOD);
  g_assert_cmpuint (resell_test_count_files (f->out_dir), ==, N_GOOD);
  resell_test_assert_no_temporary_files (f->out_dir);
  resell_test_assert_no_temporary_files (f->listing_dir);

  progress_clear (&progress, exporter);
  g_assert_finalize_object (g_steal_pointer (&exporter));
}

static GPtrArray *
make_good_jobs (Fixture *f,
                guint    n)
{
  GPtrArray *jobs = jobs_new ();

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GBytes) photo = make_photo (900, 700, 100 + i);
      g_autofree char *name = g_strdup_printf ("shot-%02u.jpg", i);
      g_autofree char *path = resell_test_write_bytes (f->src_dir, name, photo);

      add_job (f, jobs, path, FALSE);
    }

  return jobs;
}

static void
assert_cancelled_batch (Fixture   *f,
                        GPtrArray *jobs)
{
  guint n_cancelled = 0;

  for (guint i = 0; i < jobs->len; i++)
    {
      ResellListingJob *job = job_at (jobs, i);
      const char *out = resell_listing_job_get_output_path (job);

      switch (resell_listing_job_get_status (job))
        {
        case RESELL_LISTING_JOB_DONE:
        case RESELL_LISTING_JOB_CACHED:
          /* Finished before the cancel: whole. */
          assert_decodes (f, out);
          break;

        case RESELL_LISTING_JOB_CANCELLED:
          n_cancelled++;
          g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
          break;

        case RESELL_LISTING_JOB_PENDING:
        case RESELL_LISTING_JOB_FAILED:
        default:
          g_error ("job %u ended %d (%s)", i, resell_listing_job_get_status (job),
                   resell_listing_job_get_message (job));
        }
    }

  g_assert_cmpuint (n_cancelled, >=, 1);

  resell_test_assert_no_temporary_files (f->out_dir);
  resell_test_assert_no_temporary_files (f->listing_dir);
}

static void
test_cancel_from_progress (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(ResellListingExporter) exporter = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) jobs = make_good_jobs (f, 8);
  g_autoptr(GError) error = NULL;
  Progress progress;

  /* One worker: the first job ends long before the last could. */
  exporter = resell_listing_exporter_new (f->cache_dir, f->profile, 1);
  progress_init (&progress, exporter);
  progress.cancel_at = cancellable;
  progress.cancel_after = 1;

  g_assert_false (resell_listing_exporter_run (exporter, jobs, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* Every job is accounted for, cancelled ones included. */
  assert_progress_complete (&progress, jobs->len);
  assert_cancelled_batch (f, jobs);

  progress_clear (&progress, exporter);
  g_assert_finalize_object (g_steal_pointer (&exporter));
}

static void
test_cancelled_before (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(ResellListingExporter) exporter = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) jobs = make_good_jobs (f, 3);
  g_autoptr(GError) error = NULL;

  exporter = resell_listing_exporter_new (f->cache_dir, f->profile, 2);
  g_cancellable_cancel (cancellable);

  g_assert_false (resell_listing_exporter_run (exporter, jobs, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  for (guint i = 0; i < jobs->len; i++)
    g_assert_cmpint (resell_listing_job_get_status (job_at (jobs, i)), ==, RESELL_LISTING_JOB_CANCELLED);
  g_assert_false (g_file_test (f->out_dir, G_FILE_TEST_EXISTS));

  g_assert_finalize_object (g_steal_pointer (&exporter));
}

typedef struct
{
  GMainLoop *loop;
  gboolean   ret;
  GError    *error;
  guint      n_done_at_finish;
} AsyncResult;

static void
on_run_finished (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  AsyncResult *r = user_data;
  ResellListingExporter *exporter = RESELL_LISTING_EXPORTER (object);

  r->ret = resell_listing_exporter_run_finish (exporter, result, &r->error);
  r->n_done_at_finish = resell_listing_exporter_get_n_done (exporter);
  g_main_loop_quit (r->loop);
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(ResellListingExporter) exporter = NULL;
  g_autoptr(GPtrArray) jobs = make_good_jobs (f, 5);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  AsyncResult r = { loop, FALSE, NULL, 0 };
  Progress progress;

  exporter = resell_listing_exporter_new (f->cache_dir, f->profile, 2);
  progress_init (&progress, exporter);

  resell_listing_exporter_run_async (exporter, jobs, NULL, on_run_finished, &r);
  /* Started at once, on this thread. */
  g_assert_cmpuint (resell_listing_exporter_get_n_total (exporter), ==, jobs->len);
  g_main_loop_run (loop);

  g_assert_no_error (r.error);
  g_assert_true (r.ret);
  /* All progress arrived on the main loop's thread, before the result. */
  g_assert_cmpuint (r.n_done_at_finish, ==, jobs->len);
  assert_progress_complete (&progress, jobs->len);

  for (guint i = 0; i < jobs->len; i++)
    {
      g_assert_cmpint (resell_listing_job_get_status (job_at (jobs, i)), ==, RESELL_LISTING_JOB_DONE);
      assert_decodes (f, resell_listing_job_get_output_path (job_at (jobs, i)));
    }

  progress_clear (&progress, exporter);
  resell_test_assert_finalize_soon (g_steal_pointer (&exporter));
}

static void
test_async_cancel (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(ResellListingExporter) exporter = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) jobs = make_good_jobs (f, 8);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  AsyncResult r = { loop, FALSE, NULL, 0 };
  Progress progress;

  exporter = resell_listing_exporter_new (f->cache_dir, f->profile, 1);
  progress_init (&progress, exporter);
  progress.cancel_at = cancellable;
  progress.cancel_after = 1;

  resell_listing_exporter_run_async (exporter, jobs, cancellable, on_run_finished, &r);
  g_main_loop_run (loop);

  g_assert_false (r.ret);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&r.error);
  assert_progress_complete (&progress, jobs->len);
  assert_cancelled_batch (f, jobs);

  progress_clear (&progress, exporter);
  resell_test_assert_finalize_soon (g_steal_pointer (&exporter));
}

/* Opens the writing end of the FIFO at @path if a worker has its reading
 * end open (or is blocked opening it); -1 otherwise. */
static int
open_fifo_writer (const char *path)
{
  int fd = g_open (path, O_WRONLY | O_NONBLOCK | O_CLOEXEC, 0);

  if (fd < 0)
    {
      g_assert_cmpint (errno, ==, ENXIO);
      return -1;
    }

  /* Blocking writes from here on: the worker drains the pipe. */
  g_assert_no_errno (fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) & ~O_NONBLOCK));

  return fd;
}

static void
write_all (int     fd,
           GBytes *bytes)
{
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  while (len > 0)
    {
      ssize_t n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      g_assert_cmpint (n, >, 0);
      data += n;
      len -= n;
    }
}

/* Two workers really work at once.  Each original is a FIFO, so the worker
 * hashing it stays blocked until this test writes the photo into it: both
 * FIFOs having a reader at the same moment proves two jobs in flight, with
 * no timing involved.  Then each path is replaced by the real photo (the
 * open FIFOs live on), the same bytes are fed in, and the jobs complete. */
static void
test_two_workers_at_once (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(ResellListingExporter) exporter = NULL;
  g_autoptr(GPtrArray) jobs = jobs_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  AsyncResult r = { loop, FALSE, NULL, 0 };
  const char *names[2] = { "fifo-a.jpg", "fifo-b.jpg" };
  char *fifo_paths[2];
  GBytes *photos[2];
  int fds[2] = { -1, -1 };
  gint64 deadline;

  for (guint i = 0; i < 2; i++)
    {
      fifo_paths[i] = g_build_filename (f->src_dir, names[i], NULL);
      g_assert_no_errno (mkfifo (fifo_paths[i], 0600));
      photos[i] = make_photo (900, 700, 40 + i);
      add_job (f, jobs, fifo_paths[i], FALSE);
    }

  exporter = resell_listing_exporter_new (f->cache_dir, f->profile, 2);
  resell_listing_exporter_run_async (exporter, jobs, NULL, on_run_finished, &r);

  /* Far longer than starting two threads can take. */
  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while ((fds[0] < 0 || fds[1] < 0) && g_get_monotonic_time () < deadline)
    {
      for (guint i = 0; i < 2; i++)
        if (fds[i] < 0)
          fds[i] = open_fifo_writer (fifo_paths[i]);

      if (fds[0] < 0 || fds[1] < 0)
        g_usleep (5000);
    }

  if (fds[0] < 0 || fds[1] < 0)
    g_error ("the two photos were never read at the same time (with two workers)");

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *tmp_name = g_strconcat (names[i], ".real", NULL);
      g_autofree char *tmp_path = resell_test_write_bytes (f->src_dir, tmp_name, photos[i]);

      g_assert_no_errno (g_rename (tmp_path, fifo_paths[i]));
    }

  for (guint i = 0; i < 2; i++)
    {
      write_all (fds[i], photos[i]);
      g_assert_no_errno (close (fds[i]));
    }

  g_main_loop_run (loop);
  g_assert_no_error (r.error);
  g_assert_true (r.ret);

  for (guint i = 0; i < 2; i++)
    {
      ResellListingJob *job = job_at (jobs, i);

      g_assert_cmpint (resell_listing_job_get_status (job), ==, RESELL_LISTING_JOB_DONE);
      assert_decodes (f, resell_listing_job_get_output_path (job));
      g_free (fifo_paths[i]);
      g_bytes_unref (photos[i]);
    }

  resell_test_assert_finalize_soon (g_steal_pointer (&exporter));
}

static void
test_outputs (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(ResellListingExporter) exporter = NULL;
  g_autoptr(GBytes) photo = make_photo (900, 700, 7);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GPtrArray) jobs = jobs_new ();
  g_autofree char *original = resell_test_write_bytes (f->src_dir, "bag.jpg", photo);
  g_autofree char *nested = g_build_filename (f->out_dir, "a", "b", "bag.jpg", NULL);
  g_autofree char *stale = NULL;
  struct stat st;

  /* A stale file in the way is replaced by the whole new image. */
  g_assert_no_errno (g_mkdir (f->out_dir, 0755));
  stale = resell_test_write_file (f->out_dir, "bag.jpg", "old", 3);

  exporter = resell_listing_exporter_new (f->cache_dir, f->profile, 2);

  g_ptr_array_add (jobs, resell_listing_job_new (original, NULL, NULL, stale));
  /* Folders that do not exist yet are made. */
  g_ptr_array_add (jobs, resell_listing_job_new (original, NULL, NULL, nested));
  /* Never over the original itself. */
  g_ptr_array_add (jobs, resell_listing_job_new (original, NULL, NULL, original));

  run_ok (exporter, jobs);

  g_assert_cmpint (resell_listing_job_get_status (job_at (jobs, 0)), !=, RESELL_LISTING_JOB_FAILED);
  assert_decodes (f, stale);
  g_assert_cmpint (resell_listing_job_get_status (job_at (jobs, 1)), !=, RESELL_LISTING_JOB_FAILED);
  assert_decodes (f, nested);

  g_assert_cmpint (resell_listing_job_get_status (job_at (jobs, 2)), ==, RESELL_LISTING_JOB_FAILED);
  g_assert_nonnull (strstr (resell_listing_job_get_message (job_at (jobs, 2)), "bag.jpg"));
  after = resell_test_read_bytes (original);
  g_assert_true (g_bytes_equal (photo, after));

  g_assert_no_errno (g_stat (stale, &st));
  g_assert_cmpint (st.st_size, >, 3);
  resell_test_assert_no_temporary_files (f->out_dir);

  g_assert_finalize_object (g_steal_pointer (&exporter));
}

static void
test_empty_batch (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(ResellListingExporter) exporter = NULL;
  g_autoptr(GPtrArray) jobs = jobs_new ();
  guint n_workers = 0;

  exporter = resell_listing_exporter_new (NULL, f->profile, 0);
  g_object_get (exporter, "n-workers", &n_workers, NULL);
  g_assert_cmpuint (n_workers, ==, 0);

  run_ok (exporter, jobs);
  g_assert_cmpuint (resell_listing_exporter_get_n_total (exporter), ==, 0);
  g_assert_cmpuint (resell_listing_exporter_get_n_done (exporter), ==, 0);

  g_assert_finalize_object (g_steal_pointer (&exporter));
}

/* The one file in @dir whose name ends in @suffix; fails if not exactly one. */
static char *
only_file_ending (const char *dir,
                  const char *suffix)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  char *found = NULL;
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      if (!g_str_has_suffix (name, suffix))
        continue;
      g_assert_null (found);
      found = g_build_filename (dir, name, NULL);
    }
  g_assert_nonnull (found);

  return found;
}

/* A WebP profile: cached as .webp, recognised whole when read back, and a
 * damaged cache entry is rendered again rather than copied out. */
static void
test_webp_cache (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResellListingProfile) web_shop = resell_listing_profile_load_builtin ("web-shop", &error);
  g_autoptr(ResellListingExporter) exporter = NULL;
  g_autoptr(GBytes) photo = make_photo (1200, 900, 3);
  g_autofree char *original = resell_test_write_bytes (f->src_dir, "bag.jpg", photo);
  g_autofree char *out = g_build_filename (f->out_dir, "bag.webp", NULL);
  g_autofree char *cached = NULL;
  g_autoptr(GBytes) first = NULL;
  const guint8 *bytes;
  gsize len;

  g_assert_no_error (error);
  exporter = resell_listing_exporter_new (f->cache_dir, web_shop, 1);

  for (guint round = 0; round < 3; round++)
    {
      g_autoptr(GPtrArray) jobs = jobs_new ();
      g_autoptr(GBytes) now = NULL;
      ResellListingJobStatus expected = round == 1 ? RESELL_LISTING_JOB_CACHED : RESELL_LISTING_JOB_DONE;

      g_ptr_array_add (jobs, resell_listing_job_new (original, NULL, NULL, out));
      run_ok (exporter, jobs);
      g_assert_cmpint (resell_listing_job_get_status (job_at (jobs, 0)), ==, expected);

      now = resell_test_read_bytes (out);
      bytes = g_bytes_get_data (now, &len);
      g_assert_cmpuint (len, >, 12);
      g_assert_cmpmem (bytes, 4, "RIFF", 4);
      g_assert_cmpmem (bytes + 8, 4, "WEBP", 4);

      g_clear_pointer (&cached, g_free);
      cached = only_file_ending (f->listing_dir, ".webp");
      g_assert_cmpuint (resell_test_count_files (f->listing_dir), ==, 1);

      if (first == NULL)
        first = g_bytes_ref (now);
      else
        g_assert_true (g_bytes_equal (now, first));

      /* Cut short, as a disk might leave it: not a whole WebP any more. */
      if (round == 1)
        g_assert_no_errno (truncate (cached, len / 2));
    }

  resell_test_assert_no_temporary_files (f->out_dir);
  resell_test_assert_no_temporary_files (f->listing_dir);
  g_assert_finalize_object (g_steal_pointer (&exporter));
}

/* An item's listing: its photos in order, then a close-up of each flaw,
 * what the seller left out left out, and what is over the profile's limit
 * counted. */

static ResellPhoto *
item_photo (Fixture    *f,
            gint64      id,
            const char *slot,
            int         seed)
{
  g_autoptr(GBytes) bytes = make_photo (1200, 800, seed);
  g_autofree char *name = g_strdup_printf ("photo-%d.jpg", seed);
  g_autofree char *path = resell_test_write_bytes (f->src_dir, name, bytes);
  ResellPhoto *photo = resell_photo_new ();

  resell_photo_set_id (photo, id);
  resell_photo_set_item_id (photo, 1);
  resell_photo_set_slot (photo, slot);
  resell_photo_set_path (photo, path);
  return photo;
}

static ResellFlaw *
item_flaw (gint64          id,
           gint64          photo_id,
           const char     *type_id,
           ResellFlawShape shape,
           double          x,
           double          y,
           double          width,
           double          height)
{
  ResellFlaw *flaw = resell_flaw_new ();

  resell_flaw_set_id (flaw, id);
  resell_flaw_set_item_id (flaw, 1);
  resell_flaw_set_photo_id (flaw, photo_id);
  resell_flaw_set_type_id (flaw, type_id);
  resell_flaw_set_geometry (flaw, shape, x, y, width, height);
  return flaw;
}

static char *
job_names (GPtrArray *jobs)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < jobs->len; i++)
    {
      g_autofree char *base = g_path_get_basename (resell_listing_job_get_output_path (g_ptr_array_index (jobs, i)));

      g_string_append_printf (names, "%s%s", i > 0 ? " " : "", base);
    }
  return g_string_free (names, FALSE);
}

static GHashTable *
id_set (gint64 first,
        ...)
{
  GHashTable *set = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  va_list args;

  va_start (args, first);
  for (gint64 id = first; id != 0; id = va_arg (args, gint64))
    g_hash_table_add (set, g_memdup2 (&id, sizeof id));
  va_end (args);
  return set;
}

static double
image_average (const char *path)
{
  VipsImage *image = NULL;
  double avg = 0;

  g_assert_cmpint (vips_jpegload (path, &image, "fail_on", VIPS_FAIL_ON_WARNING, NULL), ==, 0);
  g_assert_cmpint (vips_avg (image, &avg, NULL), ==, 0);
  g_object_unref (image);
  return avg;
}

static void
test_item_with_flaws (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(ResellListingProfile) profile =
    resell_test_inline_profile ("{\"version\":1,\"id\":\"four\",\"name\":\"Four\",\"long_edge\":600,"
                                "\"square\":true,\"margin\":0.06,\"quality\":88,\"min_quality\":70,"
                                "\"max_bytes\":0,\"max_photos\":4,\"min_long_edge\":500,\"max_megapixels\":100}");
  g_autoptr(ResellListingExporter) exporter = resell_listing_exporter_new (f->cache_dir, profile, 2);
  g_autoptr(GPtrArray) photos = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) flaws = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GHashTable) no_extra = id_set (13, (gint64) 0);
  g_autoptr(GHashTable) no_scuff = id_set (21, (gint64) 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;
  g_autofree char *stain_path = NULL;
  g_autofree char *scuff_path = NULL;
  g_autoptr(GPtrArray) over = NULL;

  g_ptr_array_add (photos, item_photo (f, 11, "front", 0));
  g_ptr_array_add (photos, item_photo (f, 12, "back", 1));
  g_ptr_array_add (photos, item_photo (f, 13, NULL, 2));
  /* The scuff on the backdrop in a corner, the stain on the product. */
  g_ptr_array_add (flaws, item_flaw (21, 11, "scuff", RESELL_FLAW_SHAPE_POINT, 0.05, 0.9, 0, 0));
  g_ptr_array_add (flaws, item_flaw (22, 12, "stain", RESELL_FLAW_SHAPE_RECT, 0.4, 0.4, 0.1, 0.1));
  /* A flaw whose photo is not in the listing has no close-up. */
  g_ptr_array_add (flaws, item_flaw (23, 99, "hole", RESELL_FLAW_SHAPE_POINT, 0.5, 0.5, 0, 0));

  /* Three photos and two close-ups, four allowed: the last is over. */
  jobs = resell_listing_exporter_plan_item (exporter, photos, flaws, NULL, NULL, FALSE, f->out_dir, NULL, &over);
  names = job_names (jobs);
  g_assert_cmpstr (names, ==, "01-front.jpg 02-back.jpg 03-extra.jpg 04-flaw-scuff.jpg");
  g_assert_cmpuint (over->len, ==, 1);
  /* The stain's close-up is what is over, named as the flaw it is. */
  g_assert_true (RESELL_IS_FLAW (g_ptr_array_index (over, 0)));
  g_assert_cmpint (resell_flaw_get_id (g_ptr_array_index (over, 0)), ==, 22);
  g_assert_cmpint (resell_listing_job_get_photo_id (g_ptr_array_index (jobs, 1)), ==, 12);
  g_assert_cmpint (resell_listing_job_get_flaw_id (g_ptr_array_index (jobs, 1)), ==, 0);
  g_assert_cmpint (resell_listing_job_get_photo_id (g_ptr_array_index (jobs, 3)), ==, 11);
  g_assert_cmpint (resell_listing_job_get_flaw_id (g_ptr_array_index (jobs, 3)), ==, 21);
  g_assert_false (resell_listing_job_is_flaw_closeup (g_ptr_array_index (jobs, 2)));
  g_assert_true (resell_listing_job_is_flaw_closeup (g_ptr_array_index (jobs, 3)));
  g_clear_pointer (&jobs, g_ptr_array_unref);
  g_clear_pointer (&names, g_free);
  g_clear_pointer (&over, g_ptr_array_unref);

  /* The seller drops the extra photo: everything fits. */
  jobs = resell_listing_exporter_plan_item (exporter, photos, flaws, no_extra, NULL, FALSE, f->out_dir, NULL, &over);
  names = job_names (jobs);
  g_assert_cmpstr (names, ==, "01-front.jpg 02-back.jpg 03-flaw-scuff.jpg 04-flaw-stain.jpg");
  g_assert_cmpuint (over->len, ==, 0);
  g_clear_pointer (&jobs, g_ptr_array_unref);
  g_clear_pointer (&names, g_free);
  g_clear_pointer (&over, g_ptr_array_unref);

  /* Or a close-up. */
  jobs = resell_listing_exporter_plan_item (exporter, photos, flaws, NULL, no_scuff, FALSE, f->out_dir, NULL, &over);
  names = job_names (jobs);
  g_assert_cmpstr (names, ==, "01-front.jpg 02-back.jpg 03-extra.jpg 04-flaw-stain.jpg");
  g_assert_cmpuint (over->len, ==, 0);
  g_clear_pointer (&jobs, g_ptr_array_unref);
  g_clear_pointer (&names, g_free);

  /* A prefix goes before every name, as the command line's SKU does. */
  jobs = resell_listing_exporter_plan_item (exporter, photos, flaws, NULL, no_scuff, FALSE, f->out_dir, "A-7-", NULL);
  names = job_names (jobs);
  g_assert_cmpstr (names, ==, "A-7-01-front.jpg A-7-02-back.jpg A-7-03-extra.jpg A-7-04-flaw-stain.jpg");
  g_clear_pointer (&jobs, g_ptr_array_unref);

  /* Made: every file a whole JPEG, the close-ups square and of their spot. */
  jobs = resell_listing_exporter_plan_item (exporter, photos, flaws, no_extra, NULL, FALSE, f->out_dir, NULL, NULL);
  g_assert_true (resell_listing_exporter_run (exporter, jobs, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < jobs->len; i++)
    {
      ResellListingJob *job = g_ptr_array_index (jobs, i);

      g_assert_cmpstr (resell_listing_job_get_message (job), ==, NULL);
      g_assert_cmpint (resell_listing_job_get_status (job), ==, RESELL_LISTING_JOB_DONE);
    }

  scuff_path = g_build_filename (f->out_dir, "03-flaw-scuff.jpg", NULL);
  stain_path = g_build_filename (f->out_dir, "04-flaw-stain.jpg", NULL);
  {
    VipsImage *image = NULL;

    g_assert_cmpint (vips_jpegload (stain_path, &image, NULL), ==, 0);
    g_assert_cmpint (image->Xsize, ==, image->Ysize);
    g_assert_cmpint (image->Xsize, <=, 600);
    g_object_unref (image);
  }
  /* The backdrop is light (236); the product's block is darker. */
  g_assert_cmpfloat (image_average (scuff_path), >, 225.0);
  g_assert_cmpfloat (image_average (stain_path), <, 160.0);

  /* The ring changes the picture. */
  {
    g_autoptr(GBytes) plain = resell_flaw_closeup_render_box (resell_photo_get_path (g_ptr_array_index (photos, 1)),
                                                              0.4, 0.4, 0.1, 0.1, FALSE, 300, NULL, &error);
    g_autoptr(GBytes) ringed = resell_flaw_closeup_render_box (resell_photo_get_path (g_ptr_array_index (photos, 1)),
                                                               0.4, 0.4, 0.1, 0.1, TRUE, 300, NULL, &error);

    g_assert_no_error (error);
    g_assert_nonnull (plain);
    g_assert_nonnull (ringed);
    g_assert_false (g_bytes_equal (plain, ringed));
  }

  /* Edits that cannot be read fail that photo, never publish it unedited. */
  g_clear_pointer (&jobs, g_ptr_array_unref);
  resell_photo_set_edits (g_ptr_array_index (photos, 0), "{\"rotate\": 45}");
  jobs = resell_listing_exporter_plan_item (exporter, photos, NULL, no_extra, NULL, FALSE, f->out_dir, NULL, NULL);
  g_assert_true (resell_listing_exporter_run (exporter, jobs, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (resell_listing_job_get_status (g_ptr_array_index (jobs, 0)), ==, RESELL_LISTING_JOB_FAILED);
  g_assert_nonnull (strstr (resell_listing_job_get_message (g_ptr_array_index (jobs, 0)), "could not be read"));
  g_assert_cmpint (resell_listing_job_get_status (g_ptr_array_index (jobs, 1)), !=, RESELL_LISTING_JOB_FAILED);

  resell_test_assert_no_temporary_files (f->out_dir);
  g_clear_pointer (&jobs, g_ptr_array_unref);
  g_assert_finalize_object (g_steal_pointer (&exporter));
}

int
main (int   argc,
      char *argv[])
{
  /* The default cache folder must never be the user's.  Set before any
   * thread runs. */
  g_setenv ("RESELL_CACHE_DIR", "/nonexistent/resell-test-cache", TRUE);

  resell_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/exporter/batch-and-cache", test_batch_and_cache);
  ADD ("/exporter/cancel-from-progress", test_cancel_from_progress);
  ADD ("/exporter/cancelled-before", test_cancelled_before);
  ADD ("/exporter/async", test_async);
  ADD ("/exporter/async-cancel", test_async_cancel);
  ADD ("/exporter/two-workers-at-once", test_two_workers_at_once);
  ADD ("/exporter/outputs", test_outputs);
  ADD ("/exporter/empty-batch", test_empty_batch);
  ADD ("/exporter/webp-cache", test_webp_cache);
  ADD ("/exporter/item-with-flaws", test_item_with_flaws);

#undef ADD

  return g_test_run ();
}
