/* resell-listing-exporter.c — listing images for many photos at once
 *
 * How a run goes:
 *
 *  - The caller's thread (run) or a GTask thread (run_async) starts a pool
 *    of exclusive worker threads, hands it every job and waits.  Each
 *    worker takes one photo at a time: several photos at once with one
 *    libvips thread each is faster than one photo on several threads.
 *  - A job: sha256 of the original (when the caller did not know it), the
 *    recipe key, then either a copy of <cache-dir>/listing/<key>.<ext>
 *    (CACHED; .jpg or .webp, the profile's format) or a render that is stored in the cache and written out
 *    (DONE).  The output replaces an existing file only by a complete new
 *    one: temporary file beside it, fsync, rename.  A bad photo ends FAILED
 *    with the renderer's sentence; the batch goes on.
 *  - Cancellation is looked at before each job and passed to the render: the
 *    jobs not finished yet end CANCELLED, the finished ones stay written.
 *  - Progress ("n-done", "n-total") is only ever changed and notified on
 *    the caller's thread.  run() waits on a condition and notifies from its
 *    own thread as jobs finish, so a handler may cancel the run; run_async()
 *    notifies from idle sources on the main context that was the thread
 *    default when it was called, queued before the task's own result.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-listing-exporter"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "resell-core.h"
#include "storage/resell-atomic-file.h"
#include "storage/resell-storage.h"

#include "listing/resell-listing-exporter.h"
#include "listing/resell-listing-job-private.h"
#include "listing/resell-listing-renderer.h"

/* Listing images are at most a few megabytes (the profile's byte cap);
 * anything far bigger under the cache's name is not one of ours. */
#define MAX_CACHED_BYTES (64 * 1024 * 1024)

struct _ResellListingExporter
{
  GObject               parent_instance;

  char                 *cache_dir;
  char                 *listing_dir;
  ResellListingProfile *profile;
  char                 *copyright;
  guint                 n_workers;

  /* Progress, only touched on the caller's thread. */
  guint                 n_done;
  guint                 n_total;
  guint                 generation;  /* which run the progress belongs to */

  int                   running;     /* atomic: a run is under way */
};

G_DEFINE_FINAL_TYPE (ResellListingExporter, resell_listing_exporter, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CACHE_DIR,
  PROP_PROFILE,
  PROP_COPYRIGHT,
  PROP_N_WORKERS,
  PROP_N_DONE,
  PROP_N_TOTAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* One run: what the workers share.  Everything they read is taken from the
 * exporter when the run starts, so the caller may change the copyright or
 * drop its references meanwhile. */
typedef struct
{
  ResellListingExporter *self;
  GPtrArray             *jobs;          /* ResellListingJob, our own array */
  ResellListingProfile  *profile;
  char                  *copyright;
  char                  *listing_dir;   /* NULL: the cache is not usable this run */
  GCancellable          *cancellable;
  GMainContext          *notify_context; /* NULL: notify from the waiting thread */
  guint                  generation;

  GMutex                 lock;
  GCond                  cond;
  guint                  n_finished;    /* under lock */
} ExportRun;

static void
export_run_free (ExportRun *run)
{
  g_clear_object (&run->self);
  g_clear_pointer (&run->jobs, g_ptr_array_unref);
  g_clear_object (&run->profile);
  g_clear_pointer (&run->copyright, g_free);
  g_clear_pointer (&run->listing_dir, g_free);
  g_clear_object (&run->cancellable);
  g_clear_pointer (&run->notify_context, g_main_context_unref);
  g_mutex_clear (&run->lock);
  g_cond_clear (&run->cond);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExportRun, export_run_free)

static void
resell_listing_exporter_constructed (GObject *object)
{
  ResellListingExporter *self = (ResellListingExporter *)object;

  G_OBJECT_CLASS (resell_listing_exporter_parent_class)->constructed (object);

  if (self->cache_dir == NULL)
    self->cache_dir = resell_thumbnailer_dup_default_cache_dir ();

  self->listing_dir = g_build_filename (self->cache_dir, "listing", NULL);

  if (self->profile == NULL)
    g_critical ("A ResellListingExporter needs a profile");
}

static void
resell_listing_exporter_finalize (GObject *object)
{
  ResellListingExporter *self = (ResellListingExporter *)object;

  g_clear_pointer (&self->cache_dir, g_free);
  g_clear_pointer (&self->listing_dir, g_free);
  g_clear_object (&self->profile);
  g_clear_pointer (&self->copyright, g_free);

  G_OBJECT_CLASS (resell_listing_exporter_parent_class)->finalize (object);
}

static void
resell_listing_exporter_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  ResellListingExporter *self = RESELL_LISTING_EXPORTER (object);

  switch (prop_id)
    {
    case PROP_CACHE_DIR:
      g_value_set_string (value, self->cache_dir);
      break;

    case PROP_PROFILE:
      g_value_set_object (value, self->profile);
      break;

    case PROP_COPYRIGHT:
      g_value_set_string (value, self->copyright);
      break;

    case PROP_N_WORKERS:
      g_value_set_uint (value, self->n_workers);
      break;

    case PROP_N_DONE:
      g_value_set_uint (value, self->n_done);
      break;

    case PROP_N_TOTAL:
      g_value_set_uint (value, self->n_total);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_listing_exporter_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  ResellListingExporter *self = RESELL_LISTING_EXPORTER (object);

  switch (prop_id)
    {
    case PROP_CACHE_DIR:
      self->cache_dir = g_value_dup_string (value);
      break;

    case PROP_PROFILE:
      self->profile = g_value_dup_object (value);
      break;

    case PROP_COPYRIGHT:
      resell_listing_exporter_set_copyright (self, g_value_get_string (value));
      break;

    case PROP_N_WORKERS:
      self->n_workers = g_value_get_uint (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_listing_exporter_class_init (ResellListingExporterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = resell_listing_exporter_constructed;
  object_class->finalize = resell_listing_exporter_finalize;
  object_class->get_property = resell_listing_exporter_get_property;
  object_class->set_property = resell_listing_exporter_set_property;

  /* NULL: the default cache folder ($RESELL_CACHE_DIR, else the user's). */
  properties[PROP_CACHE_DIR] =
    g_param_spec_string ("cache-dir", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL,
                         RESELL_TYPE_LISTING_PROFILE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* Taken when a run starts: changing it meanwhile affects the next run. */
  properties[PROP_COPYRIGHT] =
    g_param_spec_string ("copyright", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_WORKERS] =
    g_param_spec_uint ("n-workers", NULL, NULL,
                       0, 1024, 0,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_DONE] =
    g_param_spec_uint ("n-done", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_TOTAL] =
    g_param_spec_uint ("n-total", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
resell_listing_exporter_init (ResellListingExporter *self)
{
}

ResellListingExporter *
resell_listing_exporter_new (const char           *cache_dir,
                             ResellListingProfile *profile,
                             guint                 n_workers)
{
  g_return_val_if_fail (RESELL_IS_LISTING_PROFILE (profile), NULL);

  return g_object_new (RESELL_TYPE_LISTING_EXPORTER,
                       "cache-dir", cache_dir,
                       "profile", profile,
                       "n-workers", n_workers,
                       NULL);
}

void
resell_listing_exporter_set_copyright (ResellListingExporter *self,
                                       const char            *copyright)
{
  g_return_if_fail (RESELL_IS_LISTING_EXPORTER (self));

  /* "" and NULL both mean no copyright line: one cache entry, not two. */
  if (copyright != NULL && *copyright == '\0')
    copyright = NULL;

  if (g_strcmp0 (self->copyright, copyright) == 0)
    return;

  g_free (self->copyright);
  self->copyright = g_strdup (copyright);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COPYRIGHT]);
}

guint
resell_listing_exporter_get_n_done (ResellListingExporter *self)
{
  g_return_val_if_fail (RESELL_IS_LISTING_EXPORTER (self), 0);

  return self->n_done;
}

guint
resell_listing_exporter_get_n_total (ResellListingExporter *self)
{
  g_return_val_if_fail (RESELL_IS_LISTING_EXPORTER (self), 0);

  return self->n_total;
}


/* Progress --------------------------------------------------------------- */

/* On the caller's thread. */
static void
set_progress (ResellListingExporter *self,
              guint                  generation,
              guint                  n_done,
              guint                  n_total)
{
  /* Left over from an earlier run: a newer one owns the numbers. */
  if (generation != self->generation)
    return;

  g_object_freeze_notify (G_OBJECT (self));

  if (self->n_total != n_total)
    {
      self->n_total = n_total;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_TOTAL]);
    }

  if (self->n_done != n_done)
    {
      self->n_done = n_done;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DONE]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

typedef struct
{
  ResellListingExporter *self;
  guint                  generation;
  guint                  n_done;
  guint                  n_total;
} ProgressUpdate;

static gboolean
progress_update_dispatch (gpointer data)
{
  ProgressUpdate *update = data;

  set_progress (update->self, update->generation, update->n_done, update->n_total);

  return G_SOURCE_REMOVE;
}

static void
progress_update_free (gpointer data)
{
  ProgressUpdate *update = data;

  g_object_unref (update->self);
  g_free (update);
}

/* From the thread that waits on the workers. */
static void
report_progress (ExportRun *run,
                 guint      n_done)
{
  if (run->notify_context == NULL)
    {
      set_progress (run->self, run->generation, n_done, run->jobs->len);
    }
  else
    {
      g_autoptr(GSource) source = g_idle_source_new ();
      ProgressUpdate *update = g_new0 (ProgressUpdate, 1);

      update->self = g_object_ref (run->self);
      update->generation = run->generation;
      update->n_done = n_done;
      update->n_total = run->jobs->len;

      /* The priority GTask returns at: the updates run before the result. */
      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_static_name (source, "[resell] listing export progress");
      g_source_set_callback (source, progress_update_dispatch, update, progress_update_free);
      g_source_attach (source, run->notify_context);
    }
}


/* Files ------------------------------------------------------------------ */

/* A recipe key becomes a file name: only ever hex. */
static gboolean
key_is_valid (const char *key)
{
  if (key == NULL || *key == '\0' || strlen (key) > 128)
    return FALSE;

  for (const char *p = key; *p; p++)
    if (!g_ascii_isxdigit (*p))
      return FALSE;

  return TRUE;
}

/* A JPEG starts with SOI and ends with EOI (after the writer's padding, if
 * any).  Cheap proof that a cache entry is whole. */
static gboolean
looks_like_complete_jpeg (GBytes *bytes)
{
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  if (len < 4 || data[0] != 0xFF || data[1] != 0xD8)
    return FALSE;

  while (len > 2 && data[len - 1] == 0x00)
    len--;

  return data[len - 2] == 0xFF && data[len - 1] == 0xD9;
}

/* A WebP is a RIFF file: "RIFF", the size of what follows (little-endian,
 * padded to even), "WEBP".  A truncated one is shorter than it says. */
static gboolean
looks_like_complete_webp (GBytes *bytes)
{
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  guint32 riff_size;

  if (len < 12 || memcmp (data, "RIFF", 4) != 0 || memcmp (data + 8, "WEBP", 4) != 0)
    return FALSE;

  riff_size = (guint32)data[4] | (guint32)data[5] << 8 |
              (guint32)data[6] << 16 | (guint32)data[7] << 24;

  return (guint64)riff_size + 8 == len;
}

static gboolean
looks_like_complete (GBytes              *bytes,
                     ResellListingFormat  format)
{
  if (format == RESELL_LISTING_FORMAT_WEBP)
    return looks_like_complete_webp (bytes);

  return looks_like_complete_jpeg (bytes);
}

/* The file a recipe is cached in: the key and the format's extension. */
static char *
cached_name (const char           *key,
             ResellListingProfile *profile)
{
  return g_strconcat (key, ".", resell_listing_profile_get_extension (profile), NULL);
}

/* The listing image cached under @key, or NULL. */
static GBytes *
read_cached (const char           *listing_dir,
             const char           *key,
             ResellListingProfile *profile)
{
  g_autofree char *name = cached_name (key, profile);
  g_autofree char *path = g_build_filename (listing_dir, name, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;
  struct stat st;

  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode) || st.st_size > MAX_CACHED_BYTES)
    return NULL;

  if (!g_file_get_contents (path, &contents, &len, &error))
    {
      g_debug ("Could not read the cached %s: %s", path, error->message);
      return NULL;
    }

  bytes = g_bytes_new_take (contents, len);
  if (!looks_like_complete (bytes, resell_listing_profile_get_format (profile)))
    {
      /* Never written like this by us (writes are atomic): damaged on disk.
       * Out of the way, so the render below can take its place. */
      g_debug ("Cached %s is damaged, rendering again", path);
      g_unlink (path);
      return NULL;
    }

  return g_steal_pointer (&bytes);
}

/* Best effort: a failure only costs a render next time. */
static void
store_cached (const char           *listing_dir,
              const char           *key,
              ResellListingProfile *profile,
              GBytes               *bytes)
{
  g_autofree char *name = cached_name (key, profile);
  g_autoptr(ResellAtomicFile) file = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  const void *data = g_bytes_get_data (bytes, &len);

  file = resell_atomic_file_new (listing_dir, name, &error);
  if (file == NULL)
    {
      /* EXISTS: another worker rendered the same recipe meanwhile. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        g_debug ("Could not cache %s: %s", name, error->message);
      return;
    }

  if (!resell_atomic_file_write (file, data, len, &error) ||
      !resell_atomic_file_commit (file, &error))
    {
      g_debug ("Could not cache %s: %s", name, error->message);
      resell_atomic_file_abort (file);
      return;
    }

  /* The name was taken between our check and the rename (a racing
   * worker): the same bytes are cached already, drop our "key-2.jpg". */
  if (g_strcmp0 (strrchr (resell_atomic_file_get_path (file), '/') + 1, name) != 0)
    g_unlink (resell_atomic_file_get_path (file));
}

static void
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *output_path)
{
  g_autofree char *display = g_filename_display_basename (output_path);
  GIOErrorEnum code = g_io_error_from_errno (saved_errno);

  if (saved_errno == ENOSPC || saved_errno == EDQUOT)
    g_set_error (error, G_IO_ERROR, code,
                 _("Not enough space to save the listing image “%s”. Free up some disk space and try again."),
                 display);
  else if (saved_errno == EROFS)
    g_set_error (error, G_IO_ERROR, code,
                 _("Could not save the listing image “%s”: the disk is read-only."),
                 display);
  else
    g_set_error (error, G_IO_ERROR, code,
                 _("Could not save the listing image “%s”: %s."),
                 display, g_strerror (saved_errno));
}

/* Writes @bytes to @path so that @path is always either what it was or
 * all of @bytes: a hidden temporary file in the same folder, fsynced, then
 * renamed over @path, and the folder fsynced.  (ResellAtomicFile never
 * replaces a file; an export must, when the seller exports again.) */
static gboolean
replace_file_contents (const char  *path,
                       GBytes      *bytes,
                       GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmp_path = NULL;
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  int saved_errno = 0;
  int fd;

  /* Named like ResellAtomicFile's, so nobody takes it for a real photo. */
  fd = resell_storage_open_temp (dir, base, &tmp_path);
  if (fd < 0)
    {
      set_errno_error (error, errno, path);
      return FALSE;
    }

  while (len > 0)
    {
      ssize_t n = write (fd, data, MIN (len, (gsize) G_MAXSSIZE));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          saved_errno = n < 0 ? errno : ENOSPC;
          goto failed;
        }

      data += n;
      len -= n;
    }

  /* Data on disk before the name points at it. */
  if ((saved_errno = resell_storage_sync_fd (fd)) != 0)
    goto failed;

  if (close (fd) != 0 && errno != EINTR)
    {
      fd = -1;
      saved_errno = errno;
      goto failed;
    }
  fd = -1;

  if ((saved_errno = resell_storage_rename_and_sync (tmp_path, path)) != 0)
    goto failed;

  return TRUE;

failed:
  if (fd >= 0)
    close (fd);
  g_unlink (tmp_path);
  set_errno_error (error, saved_errno, path);
  return FALSE;
}

/* TRUE when @output_path is the original itself (or a link to it): an
 * export must never replace an original. */
static gboolean
is_same_file (const char *original_path,
              const char *output_path)
{
  struct stat a, b;

  if (g_stat (original_path, &a) != 0 || g_stat (output_path, &b) != 0)
    return FALSE;

  return a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

static gboolean
write_output (ResellListingJob  *job,
              GBytes            *bytes,
              GError           **error)
{
  g_autofree char *dir = g_path_get_dirname (job->output_path);

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (dir);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder “%s” for listing images: %s."),
                   display, g_strerror (saved_errno));
      return FALSE;
    }

  return replace_file_contents (job->output_path, bytes, error);
}


/* Workers ---------------------------------------------------------------- */

/* On a worker thread.  Never stops at an error: it becomes the job's
 * status and message. */
static void
process_job (ExportRun        *run,
             ResellListingJob *job)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *key = NULL;
  ResellListingJobStatus status = RESELL_LISTING_JOB_FAILED;
  ResellListingInfo info = { 0, };

  if (g_cancellable_set_error_if_cancelled (run->cancellable, &error))
    goto out;

  if (is_same_file (job->original_path, job->output_path))
    {
      g_autofree char *display = g_filename_display_basename (job->original_path);

      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("The listing image of “%s” would replace the original: choose another folder."),
                   display);
      goto out;
    }

  sha256 = job->sha256 != NULL
         ? g_strdup (job->sha256)
         : resell_file_compute_sha256 (job->original_path, run->cancellable, &error);
  if (sha256 == NULL)
    goto out;

  key = resell_listing_recipe_key (sha256, job->edits, run->profile, run->copyright);
  if (!key_is_valid (key))
    {
      g_debug ("Unusable recipe key “%s” for %s: not caching", key, job->original_path);
      g_clear_pointer (&key, g_free);
    }

  if (key != NULL && run->listing_dir != NULL &&
      (bytes = read_cached (run->listing_dir, key, run->profile)) != NULL)
    {
      if (write_output (job, bytes, &error))
        status = RESELL_LISTING_JOB_CACHED;
      goto out;
    }

  bytes = resell_listing_render (job->original_path, job->edits, run->profile,
                                 run->copyright, &info, run->cancellable, &error);
  if (bytes == NULL)
    {
      if (error == NULL)
        {
          g_autofree char *display = g_filename_display_basename (job->original_path);

          g_set_error (&error, RESELL_LISTING_ERROR, RESELL_LISTING_ERROR_FAILED,
                       _("Could not make the listing image of “%s”."), display);
        }
      goto out;
    }

  if (key != NULL && run->listing_dir != NULL)
    store_cached (run->listing_dir, key, run->profile, bytes);

  /* Rendered: written even if a cancel arrives now, it costs little more. */
  g_clear_error (&error);
  if (write_output (job, bytes, &error))
    status = RESELL_LISTING_JOB_DONE;

out:
  if (status == RESELL_LISTING_JOB_FAILED &&
      (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
       g_cancellable_is_cancelled (run->cancellable)))
    status = RESELL_LISTING_JOB_CANCELLED;

  job->status = status;
  g_clear_pointer (&job->message, g_free);
  if (status == RESELL_LISTING_JOB_FAILED)
    job->message = g_strdup (error != NULL ? error->message : _("Unknown error."));

  if (status == RESELL_LISTING_JOB_FAILED)
    g_debug ("%s: %s", job->original_path, job->message);
}

static void
worker_func (gpointer data,
             gpointer user_data)
{
  ResellListingJob *job = data;
  ExportRun *run = user_data;

  process_job (run, job);

  g_mutex_lock (&run->lock);
  run->n_finished++;
  g_cond_signal (&run->cond);
  g_mutex_unlock (&run->lock);
}

static guint
count_workers (ResellListingExporter *self,
               guint                  n_jobs)
{
  guint n = self->n_workers > 0 ? self->n_workers : g_get_num_processors ();

  return CLAMP (n, 1, MAX (n_jobs, 1));
}

/* The core of both run() and run_async(): on the caller's thread or a
 * GTask thread; returns when every job has ended. */
static gboolean
export_run_execute (ExportRun  *run,
                    GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  GThreadPool *pool;
  guint n_jobs = run->jobs->len;
  guint reported = 0;

  if (n_jobs == 0)
    return !g_cancellable_set_error_if_cancelled (run->cancellable, error);

  /* The app starts libvips in the background; wait for it here if needed. */
  if (!resell_core_init (NULL, error))
    return FALSE;

  if (g_mkdir_with_parents (run->listing_dir, 0700) != 0)
    {
      g_debug ("Could not create %s, not caching: %s", run->listing_dir, g_strerror (errno));
      g_clear_pointer (&run->listing_dir, g_free);
    }

  for (guint i = 0; i < n_jobs; i++)
    {
      ResellListingJob *job = g_ptr_array_index (run->jobs, i);

      job->status = RESELL_LISTING_JOB_PENDING;
      g_clear_pointer (&job->message, g_free);
    }

  /* Exclusive threads, started now and joined below: no worker outlives
   * the run, and none is shared with unrelated work. */
  pool = g_thread_pool_new (worker_func, run, count_workers (run->self, n_jobs), TRUE, &local_error);
  if (pool == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not start the workers for listing images: %s"),
                   local_error->message);
      return FALSE;
    }

  for (guint i = 0; i < n_jobs; i++)
    g_thread_pool_push (pool, g_ptr_array_index (run->jobs, i), NULL);

  g_mutex_lock (&run->lock);
  while (reported < n_jobs)
    {
      while (run->n_finished == reported)
        g_cond_wait (&run->cond, &run->lock);

      reported = run->n_finished;

      /* Not under the lock: a handler may take its time, or cancel. */
      g_mutex_unlock (&run->lock);
      report_progress (run, reported);
      g_mutex_lock (&run->lock);
    }
  g_mutex_unlock (&run->lock);

  g_thread_pool_free (pool, FALSE, TRUE);

  return !g_cancellable_set_error_if_cancelled (run->cancellable, error);
}

static ExportRun *
export_run_new (ResellListingExporter *self,
                GPtrArray             *jobs,
                GCancellable          *cancellable,
                GMainContext          *notify_context)
{
  ExportRun *run = g_new0 (ExportRun, 1);

  run->self = g_object_ref (self);
  run->jobs = g_ptr_array_new_full (jobs->len, g_object_unref);
  for (guint i = 0; i < jobs->len; i++)
    g_ptr_array_add (run->jobs, g_object_ref (g_ptr_array_index (jobs, i)));
  run->profile = g_object_ref (self->profile);
  run->copyright = g_strdup (self->copyright);
  run->listing_dir = g_strdup (self->listing_dir);
  run->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  run->notify_context = notify_context != NULL ? g_main_context_ref (notify_context) : NULL;
  g_mutex_init (&run->lock);
  g_cond_init (&run->cond);

  /* A new run owns the progress from now on. */
  run->generation = ++self->generation;
  set_progress (self, run->generation, 0, jobs->len);

  return run;
}

static gboolean
check_jobs (GPtrArray *jobs)
{
  for (guint i = 0; i < jobs->len; i++)
    if (!RESELL_IS_LISTING_JOB (g_ptr_array_index (jobs, i)))
      return FALSE;

  return TRUE;
}

static gboolean
begin_running (ResellListingExporter  *self,
               GError                **error)
{
  if (!g_atomic_int_compare_and_exchange (&self->running, FALSE, TRUE))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PENDING,
                           _("Listing images are already being made."));
      return FALSE;
    }

  return TRUE;
}

/**
 * resell_listing_exporter_run:
 *
 * Blocks until every job has ended.  Progress is notified from this thread
 * while it waits (as each job ends), so a "notify::n-done" handler may
 * cancel @cancellable.  Jobs may not be read until this returns.
 */
gboolean
resell_listing_exporter_run (ResellListingExporter  *self,
                             GPtrArray              *jobs,
                             GCancellable           *cancellable,
                             GError                **error)
{
  g_autoptr(ExportRun) run = NULL;
  gboolean ret;

  g_return_val_if_fail (RESELL_IS_LISTING_EXPORTER (self), FALSE);
  g_return_val_if_fail (jobs != NULL && check_jobs (jobs), FALSE);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!begin_running (self, error))
    return FALSE;

  run = export_run_new (self, jobs, cancellable, NULL);
  ret = export_run_execute (run, error);

  g_atomic_int_set (&self->running, FALSE);

  return ret;
}

static void
run_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ResellListingExporter *self = source_object;
  ExportRun *run = task_data;
  GError *error = NULL;
  gboolean ret;

  ret = export_run_execute (run, &error);

  /* Before the result reaches the caller, who may start the next run. */
  g_atomic_int_set (&self->running, FALSE);

  if (ret)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * resell_listing_exporter_run_async:
 *
 * Runs @jobs off the calling thread.  Progress is notified on the main
 * context that is the thread default now, before @callback is called
 * there.  Jobs may not be read until then.
 */
void
resell_listing_exporter_run_async (ResellListingExporter *self,
                                   GPtrArray             *jobs,
                                   GCancellable          *cancellable,
                                   GAsyncReadyCallback    callback,
                                   gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GMainContext) context = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (RESELL_IS_LISTING_EXPORTER (self));
  g_return_if_fail (jobs != NULL && check_jobs (jobs));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, resell_listing_exporter_run_async);
  g_task_set_name (task, "[resell] listing export");

  if (!begin_running (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  context = g_main_context_ref_thread_default ();
  g_task_set_task_data (task, export_run_new (self, jobs, cancellable, context),
                        (GDestroyNotify) export_run_free);
  g_task_run_in_thread (task, run_in_thread);
}

gboolean
resell_listing_exporter_run_finish (ResellListingExporter  *self,
                                    GAsyncResult           *result,
                                    GError                **error)
{
  g_return_val_if_fail (RESELL_IS_LISTING_EXPORTER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == resell_listing_exporter_run_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

GPtrArray *
resell_listing_exporter_plan_item (ResellListingExporter *self,
                                   GPtrArray             *photos,
                                   GPtrArray             *flaws,
                                   GHashTable            *exclude_photos,
                                   GHashTable            *exclude_flaws,
                                   gboolean               ring,
                                   const char            *output_dir,
                                   guint                 *out_n_over)
{
  /* FIXME: first commit of the API only. */
  g_return_val_if_reached (NULL);
}
