/* resell-importer-originals.c — a photo coming into an item: the copy into
 * its originals, the check on arrival, the thumbnail
 *
 * Shared by importing files and attaching a shot.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-importer"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "resell-core.h"
#include "storage/resell-atomic-file-private.h"

#include "imaging/resell-shot-check-private.h"
#include "imaging/resell-thumbnailer-private.h"
#include "intake/resell-importer-private.h"

#define COPY_BLOCK_SIZE (256 * 1024)

/* Keeps "NNN-name" plus the atomic file's ".….XXXXXX.part" well inside the
 * 255 bytes most filesystems allow in a name. */
#define MAX_NAME_BYTES 200

/* "<NNN>-<name>", with an over-long name cut (at a character boundary,
 * keeping its extension) so the result fits in a file name. */
static char *
make_original_name (int         number,
                    const char *basename)
{
  g_autofree char *prefix = g_strdup_printf ("%03d-", number);
  gsize len = strlen (basename);
  const char *dot;
  gsize ext_len;
  gsize stem_max;
  const char *end;

  if (strlen (prefix) + len <= MAX_NAME_BYTES)
    return g_strconcat (prefix, basename, NULL);

  dot = strrchr (basename, '.');
  ext_len = (dot != NULL && strlen (dot) <= 16) ? strlen (dot) : 0;
  stem_max = MAX_NAME_BYTES - strlen (prefix) - ext_len;

  end = basename + stem_max;
  if (g_utf8_validate (basename, -1, NULL))
    {
      /* Step back to the start of the character @end falls in. */
      while (end > basename && (*end & 0xC0) == 0x80)
        end--;
    }

  return g_strdup_printf ("%s%.*s%s", prefix, (int)(end - basename), basename,
                          ext_len > 0 ? dot : "");
}

/* Starts @dir/@name, or "001-IMG-2.jpg" and so on when it is taken: a
 * file of that name can be left by a photo whose row was removed (its
 * original is kept on purpose). */
static ResellAtomicFile *
create_original (const char  *dir,
                 const char  *name,
                 GError     **error)
{
  for (guint attempt = 1; attempt <= RESELL_FILE_MAX_NAME_ATTEMPTS; attempt++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *candidate = resell_file_dup_candidate_name (name, attempt);
      ResellAtomicFile *file = resell_atomic_file_new (dir, candidate, &local_error);

      if (file != NULL)
        return file;

      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
               _("Could not find a free name for “%s”."), name);
  return NULL;
}

static gboolean
write_block_cb (const guint8  *data,
                gsize          len,
                gpointer       user_data,
                GError       **error)
{
  return resell_atomic_file_write (user_data, data, len, error);
}

/* Copies @path into the item's originals through an atomic file.  Returns
 * the committed file, or NULL with @error set: a sentence for the person
 * naming the original (read) or the copy ("001-IMG_1.jpg", which contains
 * the original's name, and says what to do, e.g. free space). */
ResellAtomicFile *
_resell_importer_copy_original (ImportRun     *run,
                                const char    *path,
                                GCancellable  *cancellable,
                                GError       **error)
{
  g_autoptr(ResellAtomicFile) file = NULL;
  g_autofree char *basename = g_path_get_basename (path);
  g_autofree char *name = make_original_name (run->next_number, basename);

  file = create_original (run->originals_dir, name, error);
  if (file == NULL)
    return NULL;

  /* On failure, unref aborts: no .part is left. */
  if (!resell_file_read_blocks (path, COPY_BLOCK_SIZE, write_block_cb, file, cancellable, error) ||
      !resell_atomic_file_commit (file, error))
    return NULL;

  return g_steal_pointer (&file);
}

void
_resell_importer_remove_copy (const char *path)
{
  /* Only ever a file this import just created, which no row points at. */
  if (g_unlink (path) != 0)
    g_debug ("Could not remove %s: %s", path, g_strerror (errno));
}

/* What the shot list asks of @slot's backdrop. */
ResellBackdrop
_resell_importer_slot_backdrop (ResellCategory *category,
                                const char     *slot)
{
  const ResellShot *shot;

  if (category == NULL || slot == NULL)
    return RESELL_BACKDROP_ANY;

  shot = resell_category_find_shot (category, slot);

  return shot != NULL ? shot->backdrop : RESELL_BACKDROP_ANY;
}

/* The check of one photo, on a thread of its own while this worker hashes
 * the same file.  Its decode is the only one: handed over as soon as it is
 * made, so the thumbnail is made from it here while the check measures. */
struct _PendingCheck
{
  char             *path;
  ResellBackdrop    backdrop;
  GCancellable     *cancellable;
  GThread          *thread;
  ResellShotReport *report;
  GError           *error;

  GMutex            lock;
  GCond             cond;
  gboolean          decoded_done;   /* the check has said, image or not */
  VipsImage        *decoded;
};

static void
pending_check_decoded (VipsImage *image,
                       gpointer   data)
{
  PendingCheck *check = data;

  g_mutex_lock (&check->lock);
  check->decoded = image ? g_object_ref (image) : NULL;
  check->decoded_done = TRUE;
  g_cond_signal (&check->cond);
  g_mutex_unlock (&check->lock);
}

static gpointer
pending_check_run (gpointer data)
{
  PendingCheck *check = data;

  check->report = resell_shot_check_file_full (check->path, check->backdrop,
                                               pending_check_decoded, check,
                                               check->cancellable, &check->error);

  return NULL;
}

PendingCheck *
_resell_importer_pending_check_start (const char     *path,
                                      ResellBackdrop  backdrop,
                                      GCancellable   *cancellable)
{
  PendingCheck *check = g_new0 (PendingCheck, 1);
  g_autoptr(GError) error = NULL;

  check->path = g_strdup (path);
  check->backdrop = backdrop;
  check->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  g_mutex_init (&check->lock);
  g_cond_init (&check->cond);
  check->thread = g_thread_try_new ("resell-check", pending_check_run, check, &error);

  /* Out of threads: slower, not wrong. */
  if (check->thread == NULL)
    {
      g_debug ("Checking %s on the importer's thread: %s", path, error->message);
      pending_check_run (check);
    }

  return check;
}

/* Waits for @check's decode (not for its measures).  Returns it, or NULL
 * when there is none to share. */
VipsImage *
_resell_importer_pending_check_take_decoded (PendingCheck *check)
{
  VipsImage *image;

  g_mutex_lock (&check->lock);
  while (!check->decoded_done)
    g_cond_wait (&check->cond, &check->lock);
  image = g_steal_pointer (&check->decoded);
  g_mutex_unlock (&check->lock);

  return image;
}

/* Waits for @check and frees it.  Returns its report, or NULL with @error
 * when cancelled or the file could not be opened. */
ResellShotReport *
_resell_importer_pending_check_finish (PendingCheck  *check,
                                       GError       **error)
{
  ResellShotReport *report;

  if (check->thread != NULL)
    g_thread_join (check->thread);

  report = check->report;
  if (report == NULL)
    g_propagate_error (error, check->error);

  g_free (check->path);
  g_clear_object (&check->cancellable);
  g_clear_object (&check->decoded);
  g_mutex_clear (&check->lock);
  g_cond_clear (&check->cond);
  g_free (check);

  return report;
}

/* Made now so the item's grid fills at once: from @decoded, the check's
 * decode of @path, when there is one, else from the file.  A failure only
 * means the UI makes it later (or shows a placeholder), the photo itself
 * is safe. */
void
_resell_importer_ensure_thumbnail (ResellImporter *self,
                                   const char     *path,
                                   VipsImage      *decoded,
                                   const char     *sha256,
                                   GCancellable   *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *thumb = NULL;

  if (self->thumbnailer == NULL)
    return;

  if (decoded != NULL)
    thumb = resell_thumbnailer_store_image (self->thumbnailer, decoded, sha256, cancellable, &error);
  else
    thumb = resell_thumbnailer_ensure (self->thumbnailer, path, sha256, cancellable, &error);
  if (thumb == NULL)
    g_debug ("No thumbnail for %s yet: %s", path, error->message);
}

