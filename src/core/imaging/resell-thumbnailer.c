/* resell-thumbnailer.c — small previews of originals, cached by sha256
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-thumbnailer"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <vips/vips.h>

#include "resell-core.h"
#include "imaging/resell-image-probe-private.h"
#include "imaging/resell-thumbnailer-private.h"

struct _ResellThumbnailer
{
  GObject     parent_instance;

  char       *cache_dir;
  char       *thumbnails_dir;

  /* sha256 → GPtrArray of GTask waiting for the job already making that
   * thumbnail.  Tasks are returned from the worker, each in its own
   * caller's main context (GTask takes care of that). */
  GMutex      pending_lock;
  GHashTable *pending;
};

G_DEFINE_FINAL_TYPE (ResellThumbnailer, resell_thumbnailer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CACHE_DIR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  char *original_path;
  char *sha256;
} EnsureJob;

static void
ensure_job_free (EnsureJob *job)
{
  g_free (job->original_path);
  g_free (job->sha256);
  g_free (job);
}

char *
resell_thumbnailer_dup_default_cache_dir (void)
{
  const char *env = g_getenv ("RESELL_CACHE_DIR");

  if (env != NULL && env[0] != '\0')
    return g_strdup (env);

  return g_build_filename (g_get_user_cache_dir (), "resell", NULL);
}

static void
resell_thumbnailer_constructed (GObject *object)
{
  ResellThumbnailer *self = (ResellThumbnailer *)object;

  G_OBJECT_CLASS (resell_thumbnailer_parent_class)->constructed (object);

  if (self->cache_dir == NULL)
    self->cache_dir = resell_thumbnailer_dup_default_cache_dir ();

  self->thumbnails_dir = g_build_filename (self->cache_dir, "thumbnails", NULL);
}

static void
resell_thumbnailer_finalize (GObject *object)
{
  ResellThumbnailer *self = (ResellThumbnailer *)object;

  /* Every waiting task holds a reference on us, so none can be left. */
  g_assert (g_hash_table_size (self->pending) == 0);

  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_mutex_clear (&self->pending_lock);
  g_clear_pointer (&self->cache_dir, g_free);
  g_clear_pointer (&self->thumbnails_dir, g_free);

  G_OBJECT_CLASS (resell_thumbnailer_parent_class)->finalize (object);
}

static void
resell_thumbnailer_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ResellThumbnailer *self = RESELL_THUMBNAILER (object);

  switch (prop_id)
    {
    case PROP_CACHE_DIR:
      g_value_set_string (value, self->cache_dir);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_thumbnailer_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  ResellThumbnailer *self = RESELL_THUMBNAILER (object);

  switch (prop_id)
    {
    case PROP_CACHE_DIR:
      self->cache_dir = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_thumbnailer_class_init (ResellThumbnailerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = resell_thumbnailer_constructed;
  object_class->finalize = resell_thumbnailer_finalize;
  object_class->get_property = resell_thumbnailer_get_property;
  object_class->set_property = resell_thumbnailer_set_property;

  properties[PROP_CACHE_DIR] =
    g_param_spec_string ("cache-dir", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
resell_thumbnailer_init (ResellThumbnailer *self)
{
  g_mutex_init (&self->pending_lock);
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal,
                                         g_free, (GDestroyNotify)g_ptr_array_unref);
}

ResellThumbnailer *
resell_thumbnailer_new (const char *cache_dir)
{
  return g_object_new (RESELL_TYPE_THUMBNAILER,
                       "cache-dir", cache_dir,
                       NULL);
}

const char *
resell_thumbnailer_get_cache_dir (ResellThumbnailer *self)
{
  g_return_val_if_fail (RESELL_IS_THUMBNAILER (self), NULL);

  return self->cache_dir;
}

/* The sha256 becomes a file name: accept only what a sha256 can be, so a
 * bad caller can never make us write outside the cache. */
static gboolean
sha256_is_valid (const char *sha256)
{
  if (sha256 == NULL || strlen (sha256) != 64)
    return FALSE;

  for (const char *p = sha256; *p; p++)
    {
      if (!g_ascii_isxdigit (*p))
        return FALSE;
    }

  return TRUE;
}

static char *
build_thumbnail_path (ResellThumbnailer *self,
                      const char        *sha256)
{
  g_autofree char *name = g_strconcat (sha256, ".jpg", NULL);

  return g_build_filename (self->thumbnails_dir, name, NULL);
}

char *
resell_thumbnailer_lookup (ResellThumbnailer *self,
                           const char        *sha256)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (RESELL_IS_THUMBNAILER (self), NULL);
  g_return_val_if_fail (sha256_is_valid (sha256), NULL);

  path = build_thumbnail_path (self, sha256);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return NULL;

  return g_steal_pointer (&path);
}

/* 8-bit sRGB or grey without alpha: what a camera's JPEG decodes to. */
static gboolean
is_plain (VipsImage *image)
{
  VipsInterpretation interpretation = vips_image_guess_interpretation (image);

  return vips_image_get_format (image) == VIPS_FORMAT_UCHAR &&
         !vips_image_hasalpha (image) &&
         (interpretation == VIPS_INTERPRETATION_sRGB || interpretation == VIPS_INTERPRETATION_B_W);
}

/* vips_thumbnail_image() reduces through vips_resize(), whose integer
 * pre-shrink makes 1500 → 320 px cost about 85 ms of CPU in libvips 8.14,
 * against 9 ms for one vips_reduce() (the same Lanczos 3 kernel) straight
 * to the size.  So a plain decode is reduced here first, its metadata
 * (orientation, ICC profile) carried along, and vips_thumbnail_image()
 * only has the colour and the rotation left to do; anything else it does
 * all of itself. */
static VipsImage *
reduce_for_thumbnail (VipsImage *image)
{
  int long_edge = MAX (vips_image_get_width (image), vips_image_get_height (image));
  VipsImage *reduced = NULL;
  double factor;

  if (long_edge <= RESELL_THUMBNAIL_SIZE || !is_plain (image))
    return g_object_ref (image);

  factor = (double)long_edge / RESELL_THUMBNAIL_SIZE;
  if (vips_reduce (image, &reduced, factor, factor, NULL) != 0)
    return NULL;

  return reduced;
}

/* The thumbnail of @source (the original file) or of @image (a decode of it
 * in memory), as a JPEG at @thumbnail_path. */
static gboolean
make_thumbnail (VipsSource  *source,
                VipsImage   *image,
                const char  *thumbnail_path,
                GError     **error)
{
  g_autoptr(VipsImage) thumb = NULL;
  g_autoptr(VipsImage) reduced = NULL;
  /* Photos in Adobe RGB or Display P3 would look dull in GTK without the
   * move to sRGB, which needs lcms (no profile: no move). */
  const char *profile = vips_icc_present () ? "srgb" : NULL;
  void *buf = NULL;
  size_t len = 0;
  gboolean ret;
  int res;

  /* From a file, shrink-on-load makes this fast even from a 24 MP JPEG;
   * from an image, it is reduced already.  The box keeps the long edge at
   * RESELL_THUMBNAIL_SIZE whatever the orientation, and the EXIF
   * orientation is applied (auto-rotate is the default). */
  if (source != NULL)
    res = vips_thumbnail_source (source, &thumb, RESELL_THUMBNAIL_SIZE,
                                 "height", RESELL_THUMBNAIL_SIZE,
                                 "size", VIPS_SIZE_BOTH,
                                 "export_profile", profile,
                                 NULL);
  else if (!(reduced = reduce_for_thumbnail (image)))
    res = -1;
  else
    {
      /* sRGB with no profile saying otherwise is what the move gives:
       * skip its round trip through XYZ (half the work left here). */
      if (is_plain (reduced) && vips_image_get_bands (reduced) == 3 &&
          !vips_image_get_typeof (reduced, VIPS_META_ICC_NAME))
        profile = NULL;

      res = vips_thumbnail_image (reduced, &thumb, RESELL_THUMBNAIL_SIZE,
                                  "height", RESELL_THUMBNAIL_SIZE,
                                  "size", VIPS_SIZE_BOTH,
                                  "export_profile", profile,
                                  NULL);
    }
  if (res != 0)
    return FALSE;

  /* strip: the thumbnail needs no metadata, and must not carry a photo's
   * GPS position into the cache. */
  if (vips_jpegsave_buffer (thumb, &buf, &len,
                            "Q", 85,
                            "strip", TRUE,
                            "optimize_coding", TRUE,
                            NULL) != 0)
    return FALSE;

  /* Written beside and renamed into place, so a reader never sees half a
   * thumbnail; two workers racing on one sha256 write the same picture. */
  ret = g_file_set_contents_full (thumbnail_path, buf, len,
                                  G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
  g_free (buf);

  return ret;
}

/* The cached thumbnail for @sha256, made from @original_path or @image
 * when it is not there yet. */
static char *
ensure_cached (ResellThumbnailer  *self,
               const char         *original_path,
               VipsImage          *image,
               const char         *sha256,
               GCancellable       *cancellable,
               GError            **error)
{
  g_autofree char *path = build_thumbnail_path (self, sha256);
  g_autoptr(VipsSource) source = NULL;
  g_autoptr(GError) local_error = NULL;

  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&path);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* The app starts libvips in the background; wait for it here if needed. */
  if (!resell_core_init (NULL, error))
    return NULL;

  if (g_mkdir_with_parents (self->thumbnails_dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder for previews: %s."),
                   g_strerror (saved_errno));
      return NULL;
    }

  /* A source, not a file name: libvips would parse "[…]" in a name. */
  if (original_path != NULL)
    source = vips_source_new_from_file (original_path);

  if ((original_path == NULL || source != NULL) &&
      make_thumbnail (source, image, path, &local_error))
    return g_steal_pointer (&path);

  /* Writing it failed, which says why itself. */
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  resell_image_clear_vips_error ("Could not make a thumbnail of",
                                 original_path != NULL ? original_path : "a decoded photo");
  if (original_path != NULL)
    {
      g_autofree char *display = g_filename_display_basename (original_path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not make a preview of “%s”."),
                   display);
    }
  else
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                         _("Could not make a preview of the photo."));

  return NULL;
}

char *
resell_thumbnailer_ensure (ResellThumbnailer  *self,
                           const char         *original_path,
                           const char         *sha256,
                           GCancellable       *cancellable,
                           GError            **error)
{
  g_return_val_if_fail (RESELL_IS_THUMBNAILER (self), NULL);
  g_return_val_if_fail (original_path != NULL, NULL);
  g_return_val_if_fail (sha256_is_valid (sha256), NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);

  return ensure_cached (self, original_path, NULL, sha256, cancellable, error);
}

char *
resell_thumbnailer_store_image (ResellThumbnailer  *self,
                                VipsImage          *image,
                                const char         *sha256,
                                GCancellable       *cancellable,
                                GError            **error)
{
  g_return_val_if_fail (RESELL_IS_THUMBNAILER (self), NULL);
  g_return_val_if_fail (VIPS_IS_IMAGE (image), NULL);
  g_return_val_if_fail (sha256_is_valid (sha256), NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);

  return ensure_cached (self, NULL, image, sha256, cancellable, error);
}

static void
ensure_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ResellThumbnailer *self = source_object;
  EnsureJob *job = task_data;
  g_autoptr(GPtrArray) waiting = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *key = NULL;

  /* The job is shared: one caller cancelling must not fail the others,
   * so the work itself ignores cancellation (it is short).  A cancelled
   * caller still gets G_IO_ERROR_CANCELLED from its own task. */
  path = resell_thumbnailer_ensure (self, job->original_path, job->sha256, NULL, &error);

  g_mutex_lock (&self->pending_lock);
  g_hash_table_steal_extended (self->pending, job->sha256,
                               (gpointer *)&key, (gpointer *)&waiting);
  g_mutex_unlock (&self->pending_lock);

  /* Every task that asked meanwhile gets the same answer (this one last:
   * returning it may drop the last reference to us). */
  for (guint i = 0; waiting != NULL && i < waiting->len; i++)
    {
      GTask *other = g_ptr_array_index (waiting, i);

      if (other == task)
        continue;

      if (path != NULL)
        g_task_return_pointer (other, g_strdup (path), g_free);
      else
        g_task_return_error (other, g_error_copy (error));
    }

  if (path != NULL)
    g_task_return_pointer (task, g_steal_pointer (&path), g_free);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

void
resell_thumbnailer_ensure_async (ResellThumbnailer   *self,
                                 const char          *original_path,
                                 const char          *sha256,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *cached = NULL;
  GPtrArray *waiting;
  EnsureJob *job;

  g_return_if_fail (RESELL_IS_THUMBNAILER (self));
  g_return_if_fail (original_path != NULL);
  g_return_if_fail (sha256_is_valid (sha256));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, resell_thumbnailer_ensure_async);

  /* Most requests are for thumbnails made long ago: answer those without
   * a thread hop. */
  if ((cached = resell_thumbnailer_lookup (self, sha256)))
    {
      g_task_return_pointer (task, g_steal_pointer (&cached), g_free);
      return;
    }

  g_mutex_lock (&self->pending_lock);

  waiting = g_hash_table_lookup (self->pending, sha256);
  if (waiting != NULL)
    {
      /* Already being made: wait for that job instead of decoding twice. */
      g_ptr_array_add (waiting, g_object_ref (task));
      g_mutex_unlock (&self->pending_lock);
      return;
    }

  waiting = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (waiting, g_object_ref (task));
  g_hash_table_insert (self->pending, g_strdup (sha256), waiting);

  g_mutex_unlock (&self->pending_lock);

  job = g_new0 (EnsureJob, 1);
  job->original_path = g_strdup (original_path);
  job->sha256 = g_strdup (sha256);
  g_task_set_task_data (task, job, (GDestroyNotify)ensure_job_free);
  g_task_run_in_thread (task, ensure_worker);
}

char *
resell_thumbnailer_ensure_finish (ResellThumbnailer  *self,
                                  GAsyncResult       *result,
                                  GError            **error)
{
  g_return_val_if_fail (RESELL_IS_THUMBNAILER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
