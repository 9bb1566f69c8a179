/* resell-importer-attach.c — attaching one shot to an item: a camera's
 * download kept where it is, or one file copied in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-importer"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "resell-core.h"
#include "storage/resell-atomic-file-private.h"

#include "imaging/resell-image-probe-private.h"
#include "imaging/resell-shot-check-private.h"
#include "intake/resell-importer-private.h"

/* Everything one attach needs, taken from the caller's objects up front,
 * as for an import. */
struct _AttachRequest
{
  gint64          item_id;
  char           *sku;
  ResellCategory *category;
  char           *slot;
  GFile          *file;
  gboolean        file_in_item;
  gint64          replace_photo_id;
};

static void
attach_request_free (AttachRequest *request)
{
  g_free (request->sku);
  g_clear_object (&request->category);
  g_free (request->slot);
  g_clear_object (&request->file);
  g_free (request);
}

/* TRUE when @path is a file inside @dir (symbolic links resolved), so an
 * in-place attach can never make a row point outside the item. */
static gboolean
path_is_inside (const char *path,
                const char *dir)
{
  g_autofree char *real_path = realpath (path, NULL);
  g_autofree char *real_dir = realpath (dir, NULL);
  gsize dir_len;

  if (real_path == NULL || real_dir == NULL)
    return FALSE;

  dir_len = strlen (real_dir);

  return strncmp (real_path, real_dir, dir_len) == 0 && real_path[dir_len] == '/';
}

/* The EXIF capture time and camera, from the header alone (the check
 * decodes the pixels).  Missing or unreadable EXIF is no error. */
static void
read_exif (const char  *path,
           gint64      *captured_at,
           char       **camera_model)
{
  g_autoptr(VipsSource) source = NULL;
  g_autoptr(VipsImage) header = NULL;
  const void *exif = NULL;
  size_t exif_len = 0;

  *captured_at = 0;
  *camera_model = NULL;

  /* Through the probe's gate: only the formats Resell reads. */
  source = resell_image_open (path, NULL, NULL);
  if (source == NULL)
    return;

  header = vips_image_new_from_source (source, "",
                                       "access", VIPS_ACCESS_SEQUENTIAL,
                                       NULL);
  if (header == NULL)
    {
      resell_image_clear_vips_error ("Could not read the header of", path);
      return;
    }

  if (vips_image_get_typeof (header, VIPS_META_EXIF_NAME) != 0 &&
      vips_image_get_blob (header, VIPS_META_EXIF_NAME, &exif, &exif_len) == 0)
    resell_image_parse_exif (exif, exif_len, captured_at, camera_model);
  else
    vips_error_clear ();
}

/* The NNN of the next "NNN-name" copy in the item. */
static gboolean
next_original_number (ResellImporter  *self,
                      gint64           item_id,
                      int             *out_number,
                      GError         **error)
{
  g_autoptr(GPtrArray) existing = NULL;
  int max_position = 0;

  existing = resell_catalog_list_photos (self->catalog, item_id, error);
  if (existing == NULL)
    return FALSE;

  for (guint i = 0; i < existing->len; i++)
    max_position = MAX (max_position, resell_photo_get_position (g_ptr_array_index (existing, i)));

  *out_number = MAX ((int)existing->len, max_position) + 1;

  return TRUE;
}

ResellImportResult *
_resell_importer_attach_run (ResellImporter  *self,
                             AttachRequest   *request,
                             GCancellable    *cancellable,
                             GError         **error)
{
  g_autoptr(ResellAtomicFile) copy = NULL;
  g_autoptr(ResellPhoto) existing = NULL;
  g_autoptr(ResellPhoto) photo = NULL;
  g_autoptr(ResellShotReport) report = NULL;
  g_autoptr(VipsImage) decoded = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = g_file_get_path (request->file);
  g_autofree char *basename = g_file_get_basename (request->file);
  g_autofree char *display = g_filename_display_name (basename ? basename : "");
  g_autofree char *originals_dir = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *message = NULL;
  g_autofree char *checks = NULL;
  g_autofree char *camera_model = NULL;
  const char *stored_path = NULL;
  PendingCheck *check = NULL;
  gint64 captured_at = 0;
  gboolean stored;

  if (!resell_core_init (NULL, error))
    return NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (path == NULL)
    {
      g_autofree char *uri_display = g_file_get_parse_name (request->file);

      message = g_strdup_printf (_("Could not read “%s”: only files on this computer can be imported."),
                                 uri_display);
      return _resell_import_result_new_failed (request->file, message);
    }

  originals_dir = resell_catalog_dup_originals_dir (self->catalog, request->sku, error);
  if (originals_dir == NULL)
    return NULL;

  if (request->file_in_item)
    {
      /* A programming error rather than the person's, but a row must never
       * point outside the item's folder: the file would not move with the
       * item, nor be removed with it. */
      if (!path_is_inside (path, originals_dir))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("“%s” is not in the folder of item %s."),
                       display, request->sku);
          return NULL;
        }

      stored_path = path;

      /* The check runs while this thread hashes and thumbnails: the
       * camera's file is already where it stays. */
      check = _resell_importer_pending_check_start (stored_path,
                                                    _resell_importer_slot_backdrop (request->category, request->slot),
                                                    cancellable);

      sha256 = resell_file_compute_sha256 (stored_path, cancellable, &local_error);
      if (sha256 == NULL)
        goto failed_with_error;
    }
  else
    {
      g_autoptr(VipsSource) source = NULL;

      /* Not a picture, or empty: said now, naming the file, before it is
       * copied. */
      source = resell_image_open (path, NULL, &local_error);
      if (source == NULL)
        goto failed_with_error;
      g_clear_object (&source);

      sha256 = resell_file_compute_sha256 (path, cancellable, &local_error);
      if (sha256 == NULL)
        goto failed_with_error;
    }

  existing = resell_catalog_find_photo_by_sha256 (self->catalog, request->item_id,
                                                  sha256, &local_error);
  if (local_error != NULL)
    {
      message = g_strdup_printf (_("Could not check whether “%s” is already in this item: %s"),
                                 display, local_error->message);
      goto failed;
    }

  if (existing != NULL)
    {
      /* A camera's file stays where it is, as always: it only gets no
       * second row. */
      if (check != NULL)
        {
          ResellShotReport *unused = _resell_importer_pending_check_finish (g_steal_pointer (&check), NULL);

          g_clear_object (&unused);
        }
      message = g_strdup_printf (_("“%s” is already in this item."), display);
      return _resell_import_result_new (request->file, RESELL_IMPORT_STATUS_DUPLICATE, existing, message);
    }

  if (!request->file_in_item)
    {
      ImportRun run = { 0 };

      run.self = self;
      run.originals_dir = originals_dir;
      if (!next_original_number (self, request->item_id, &run.next_number, &local_error))
        goto failed_with_error;

      copy = _resell_importer_copy_original (&run, path, cancellable, &local_error);
      if (copy == NULL)
        goto failed_with_error;

      /* As for an import: the copy must be the bytes that were hashed. */
      if (g_strcmp0 (resell_atomic_file_get_sha256 (copy), sha256) != 0)
        {
          message = g_strdup_printf (_("“%s” changed while it was being copied. Import it again once nothing is writing to it."),
                                     display);
          goto failed;
        }

      stored_path = resell_atomic_file_get_path (copy);
      check = _resell_importer_pending_check_start (stored_path,
                                                    _resell_importer_slot_backdrop (request->category, request->slot),
                                                    cancellable);
    }

  read_exif (stored_path, &captured_at, &camera_model);

  /* The thumbnail from the check's decode, made here while the check
   * measures on its own thread. */
  decoded = _resell_importer_pending_check_take_decoded (check);
  if (decoded != NULL)
    _resell_importer_ensure_thumbnail (self, stored_path, decoded, sha256, cancellable);

  report = _resell_importer_pending_check_finish (g_steal_pointer (&check), &local_error);
  if (report == NULL)
    goto failed_with_error;

  /* A photo that cannot be decoded is no photo: no row.  The camera's
   * file stays on disk all the same (only ever a copy of ours goes). */
  if (!resell_shot_report_get_readable (report))
    {
      const char * const *problems = resell_shot_report_get_problems (report);

      message = g_strdup (problems[0]);
      goto failed;
    }

  /* No decode to share (a photo too big to keep in memory): from the
   * file, now that it is known to be readable. */
  if (decoded == NULL)
    _resell_importer_ensure_thumbnail (self, stored_path, NULL, sha256, cancellable);

  checks = resell_shot_report_to_json (report);

  photo = resell_photo_new ();
  resell_photo_set_item_id (photo, request->item_id);
  resell_photo_set_slot (photo, request->slot);
  resell_photo_set_path (photo, stored_path);
  resell_photo_set_original_name (photo, display);
  resell_photo_set_sha256 (photo, sha256);
  resell_photo_set_width (photo, resell_shot_report_get_width (report));
  resell_photo_set_height (photo, resell_shot_report_get_height (report));
  resell_photo_set_captured_at (photo, captured_at);
  resell_photo_set_camera_model (photo, camera_model);
  resell_photo_set_checks (photo, checks);

  if (request->replace_photo_id > 0)
    stored = resell_catalog_replace_photo (self->catalog, photo, request->replace_photo_id, &local_error);
  else
    stored = resell_catalog_insert_photo (self->catalog, photo, &local_error);

  if (!stored)
    {
      message = g_strdup_printf (_("Could not add “%s” to the item: %s"),
                                 display, local_error->message);
      goto failed;
    }

  return _resell_import_result_new_imported (request->file, photo, report);

failed_with_error:
  if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    message = g_strdup (local_error->message);

failed:
  if (check != NULL)
    {
      ResellShotReport *unused = _resell_importer_pending_check_finish (check, NULL);

      g_clear_object (&unused);
    }

  /* A copy without a row would be invisible yet take space forever. */
  if (copy != NULL && resell_atomic_file_get_path (copy) != NULL)
    _resell_importer_remove_copy (resell_atomic_file_get_path (copy));

  if (message == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return _resell_import_result_new_failed (request->file, message);
}

void
resell_importer_attach_async (ResellImporter      *self,
                              ResellItem          *item,
                              ResellCategory      *category,
                              const char          *slot,
                              GFile               *file,
                              gboolean             file_in_item,
                              gint64               replace_photo_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  AttachRequest *request;

  g_return_if_fail (RESELL_IS_IMPORTER (self));
  g_return_if_fail (RESELL_IS_ITEM (item));
  g_return_if_fail (!category || RESELL_IS_CATEGORY (category));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (replace_photo_id >= 0);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, resell_importer_attach_async);

  if (!_resell_importer_check_item (item, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  request = g_new0 (AttachRequest, 1);
  request->item_id = resell_item_get_id (item);
  request->sku = g_strdup (resell_item_get_sku (item));
  request->category = category ? g_object_ref (category) : NULL;
  request->slot = g_strdup (slot);
  request->file = g_object_ref (file);
  request->file_in_item = file_in_item;
  request->replace_photo_id = replace_photo_id;

  g_task_set_task_data (task, request, (GDestroyNotify)attach_request_free);
  g_task_run_in_thread (task, _resell_importer_worker);
}

ResellImportResult *
resell_importer_attach_finish (ResellImporter  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (RESELL_IS_IMPORTER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
