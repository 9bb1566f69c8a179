/* resell-importer.c — bring photo files into an item
 *
 * Importing files and folders; attaching one shot is in
 * resell-importer-attach.c, the copy into the item and the check on
 * arrival in resell-importer-originals.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-importer"

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "resell-core.h"
#include "storage/resell-atomic-file-private.h"

#include "imaging/resell-image-probe-private.h"
#include "imaging/resell-shot-check-private.h"
#include "imaging/resell-thumbnailer-private.h"
#include "intake/resell-shot-plan.h"
#include "intake/resell-importer-private.h"

/* Extensions that say "photo" even when the content type is unknown or
 * wrong; such files are tried, and a fake one gets a FAILED result rather
 * than silently vanishing from a folder import. */
static const char * const image_extensions[] = {
  "jpg", "jpeg", "jpe", "jfif", "png", "webp", "tif", "tiff", "heic", "heif", "avif",
};

G_DEFINE_FINAL_TYPE (ResellImporter, resell_importer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CATALOG,
  PROP_THUMBNAILER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
import_request_free (ImportRequest *request)
{
  g_free (request->sku);
  g_clear_object (&request->category);
  g_clear_pointer (&request->files, g_ptr_array_unref);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ImportRequest, import_request_free)

static void
resell_importer_dispose (GObject *object)
{
  ResellImporter *self = (ResellImporter *)object;

  g_clear_object (&self->catalog);
  g_clear_object (&self->thumbnailer);

  G_OBJECT_CLASS (resell_importer_parent_class)->dispose (object);
}

static void
resell_importer_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ResellImporter *self = RESELL_IMPORTER (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;

    case PROP_THUMBNAILER:
      g_value_set_object (value, self->thumbnailer);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_importer_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  ResellImporter *self = RESELL_IMPORTER (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      self->catalog = g_value_dup_object (value);
      break;

    case PROP_THUMBNAILER:
      self->thumbnailer = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_importer_class_init (ResellImporterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = resell_importer_dispose;
  object_class->get_property = resell_importer_get_property;
  object_class->set_property = resell_importer_set_property;

  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL,
                         RESELL_TYPE_CATALOG,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* May be NULL: then no thumbnails are made at import. */
  properties[PROP_THUMBNAILER] =
    g_param_spec_object ("thumbnailer", NULL, NULL,
                         RESELL_TYPE_THUMBNAILER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
resell_importer_init (ResellImporter *self)
{
}

ResellImporter *
resell_importer_new (ResellCatalog     *catalog,
                     ResellThumbnailer *thumbnailer)
{
  g_return_val_if_fail (RESELL_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (!thumbnailer || RESELL_IS_THUMBNAILER (thumbnailer), NULL);

  return g_object_new (RESELL_TYPE_IMPORTER,
                       "catalog", catalog,
                       "thumbnailer", thumbnailer,
                       NULL);
}

/* GIO's own messages repeat the path ("Error opening directory “/home/…”:
 * Permission denied"); the sentences here already name the file, so keep
 * only the reason for the common cases. */
static const char *
describe_error (const GError *error)
{
  if (error->domain == G_IO_ERROR)
    {
      switch (error->code)
        {
        case G_IO_ERROR_PERMISSION_DENIED:
          return g_strerror (EACCES);
        case G_IO_ERROR_NOT_FOUND:
          return g_strerror (ENOENT);
        case G_IO_ERROR_NOT_DIRECTORY:
          return g_strerror (ENOTDIR);
        default:
          break;
        }
    }

  return error->message;
}

gboolean
resell_importer_name_looks_like_photo (const char *name)
{
  const char *dot = strrchr (name, '.');

  if (dot == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (image_extensions); i++)
    {
      if (g_ascii_strcasecmp (dot + 1, image_extensions[i]) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
looks_like_image (GFileInfo *info)
{
  const char *name = g_file_info_get_name (info);
  const char *content_type;

  /* Hidden files are never photos a person picked: "._IMG_1.jpg" is macOS
   * metadata, ".IMG_1.jpg.abc123.part" a download in progress. */
  if (name == NULL || name[0] == '.')
    return FALSE;

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    return FALSE;

  if (resell_importer_name_looks_like_photo (name))
    return TRUE;

  content_type = g_file_info_get_content_type (info);
  if (content_type != NULL)
    {
      g_autofree char *mime = g_content_type_get_mime_type (content_type);

      if (mime != NULL && g_str_has_prefix (mime, "image/"))
        return TRUE;
    }

  return FALSE;
}

typedef struct
{
  GFile *file;
  char  *collate_key;
} FolderEntry;

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const FolderEntry *ea = a;
  const FolderEntry *eb = b;

  return strcmp (ea->collate_key, eb->collate_key);
}

/* Appends to @out (GFile or, for a folder that cannot be read, a FAILED
 * ResellImportResult) what @folder holds, sorted by name the way a file
 * manager shows it ("IMG_2" before "IMG_10"). */
static gboolean
expand_folder (GFile         *folder,
               GPtrArray     *out,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GArray) entries = NULL;
  g_autoptr(GError) local_error = NULL;

  enumerator = g_file_enumerate_children (folder,
                                          G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                          G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE,
                                          G_FILE_QUERY_INFO_NONE,
                                          cancellable, &local_error);

  entries = g_array_new (FALSE, FALSE, sizeof (FolderEntry));

  while (enumerator != NULL)
    {
      GFileInfo *info = NULL;
      GFile *child = NULL;

      if (!g_file_enumerator_iterate (enumerator, &info, &child, cancellable, &local_error))
        break;

      if (info == NULL)
        break;

      if (looks_like_image (info))
        {
          FolderEntry entry;

          entry.file = g_object_ref (child);
          entry.collate_key = g_utf8_collate_key_for_filename (g_file_info_get_name (info), -1);
          g_array_append_val (entries, entry);
        }
    }

  if (local_error != NULL)
    {
      g_autofree char *name = g_file_get_basename (folder);
      g_autofree char *display = g_filename_display_name (name);
      g_autofree char *message = NULL;

      for (guint i = 0; i < entries->len; i++)
        {
          FolderEntry *entry = &g_array_index (entries, FolderEntry, i);

          g_object_unref (entry->file);
          g_free (entry->collate_key);
        }

      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      /* One result for the folder: the photos in it are unknown, but the
       * person must learn that they were not imported, and why. */
      message = g_strdup_printf (_("Could not open the folder “%s”: %s."),
                                 display, describe_error (local_error));
      g_ptr_array_add (out, _resell_import_result_new_failed (folder, message));
      return TRUE;
    }

  g_array_sort (entries, compare_entries);

  for (guint i = 0; i < entries->len; i++)
    {
      FolderEntry *entry = &g_array_index (entries, FolderEntry, i);

      g_ptr_array_add (out, entry->file);
      g_free (entry->collate_key);
    }

  return TRUE;
}

/* A sentence for a photo the check could not decode, naming the file as
 * the import's messages do. */
static char *
describe_unreadable (ResellShotReport *report,
                     const char       *display)
{
  const char * const *problems = resell_shot_report_get_problems (report);

  return g_strdup_printf (_("“%s”: %s"), display,
                          problems[0] != NULL ? problems[0] : "");
}

/* Imports one file.  Returns its result; NULL with @error only when
 * cancelled. */
static ResellImportResult *
import_file (ImportRun     *run,
             GFile         *source,
             GCancellable  *cancellable,
             GError       **error)
{
  ResellImporter *self = run->self;
  g_autoptr(ResellImageInfo) info = NULL;
  g_autoptr(ResellAtomicFile) copy = NULL;
  g_autoptr(ResellPhoto) existing = NULL;
  g_autoptr(ResellPhoto) photo = NULL;
  g_autoptr(ResellShotReport) report = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = g_file_get_path (source);
  g_autofree char *basename = g_file_get_basename (source);
  g_autofree char *display = g_filename_display_name (basename ? basename : "");
  g_autofree char *sha256 = NULL;
  g_autofree char *message = NULL;
  g_autofree char *checks = NULL;
  PendingCheck *check;
  const char *slot;

  if (path == NULL)
    {
      g_autofree char *uri_display = g_file_get_parse_name (source);

      message = g_strdup_printf (_("Could not read “%s”: only files on this computer can be imported."),
                                 uri_display);
      return _resell_import_result_new_failed (source, message);
    }

  info = resell_image_probe (path, cancellable, &local_error);
  if (info == NULL)
    goto failed_with_error;

  sha256 = resell_file_compute_sha256 (path, cancellable, &local_error);
  if (sha256 == NULL)
    goto failed_with_error;

  /* Also catches a file given twice in one batch: the first copy already
   * has its row by now. */
  existing = resell_catalog_find_photo_by_sha256 (self->catalog, run->request->item_id,
                                                  sha256, &local_error);
  if (local_error != NULL)
    {
      message = g_strdup_printf (_("Could not check whether “%s” is already in this item: %s"),
                                 display, local_error->message);
      return _resell_import_result_new_failed (source, message);
    }

  if (existing != NULL)
    {
      message = g_strdup_printf (_("“%s” is already in this item."), display);
      return _resell_import_result_new (source, RESELL_IMPORT_STATUS_DUPLICATE, existing, message);
    }

  copy = _resell_importer_copy_original (run, path, cancellable, &local_error);
  if (copy == NULL)
    goto failed_with_error;

  /* The hash of the bytes that went into the copy must be the hash the
   * duplicate check used: otherwise the file changed under us (a camera
   * card still being written, a sync client) and the copy is not the
   * photo that was checked. */
  if (g_strcmp0 (resell_atomic_file_get_sha256 (copy), sha256) != 0)
    {
      _resell_importer_remove_copy (resell_atomic_file_get_path (copy));
      message = g_strdup_printf (_("“%s” changed while it was being copied. Import it again once nothing is writing to it."),
                                 display);
      return _resell_import_result_new_failed (source, message);
    }

  /* The first open shot of the list, or NULL: an extra photo. */
  slot = resell_shot_plan_next_open (run->plan, NULL);

  /* The same checks as a shot from the camera, against what the slot it
   * fills expects; on the copy, the bytes that are kept. */
  check = _resell_importer_pending_check_start (resell_atomic_file_get_path (copy),
                                                _resell_importer_slot_backdrop (run->request->category, slot),
                                                cancellable);
  _resell_importer_ensure_thumbnail (self, resell_atomic_file_get_path (copy), NULL, sha256, cancellable);
  report = _resell_importer_pending_check_finish (check, &local_error);

  if (report == NULL)
    {
      _resell_importer_remove_copy (resell_atomic_file_get_path (copy));
      goto failed_with_error;
    }

  /* The probe decoded it, so this is a file that changed since. */
  if (!resell_shot_report_get_readable (report))
    {
      _resell_importer_remove_copy (resell_atomic_file_get_path (copy));
      message = describe_unreadable (report, display);
      return _resell_import_result_new_failed (source, message);
    }

  checks = resell_shot_report_to_json (report);

  photo = resell_photo_new ();
  resell_photo_set_item_id (photo, run->request->item_id);
  resell_photo_set_slot (photo, slot);
  resell_photo_set_path (photo, resell_atomic_file_get_path (copy));
  resell_photo_set_original_name (photo, display);
  resell_photo_set_sha256 (photo, sha256);
  resell_photo_set_width (photo, info->width);
  resell_photo_set_height (photo, info->height);
  resell_photo_set_captured_at (photo, info->captured_at);
  resell_photo_set_camera_model (photo, info->camera_model);
  resell_photo_set_checks (photo, checks);

  if (!resell_catalog_insert_photo (self->catalog, photo, &local_error))
    {
      /* A copy without a row would be invisible yet take space forever. */
      _resell_importer_remove_copy (resell_atomic_file_get_path (copy));
      message = g_strdup_printf (_("Could not add “%s” to the item: %s"),
                                 display, local_error->message);
      return _resell_import_result_new_failed (source, message);
    }

  resell_shot_plan_add (run->plan, photo, 0);
  run->next_number++;

  return _resell_import_result_new_imported (source, photo, report);

failed_with_error:
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  /* The probe's, the hash's and the copy's messages are already sentences
   * naming the file. */
  return _resell_import_result_new_failed (source, local_error->message);
}

static GPtrArray *
import_run (ResellImporter  *self,
            ImportRequest   *request,
            GCancellable    *cancellable,
            GError         **error)
{
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) work = NULL;
  g_autoptr(GPtrArray) existing = NULL;
  g_autoptr(ResellShotPlan) plan = NULL;
  g_autofree char *originals_dir = NULL;
  ImportRun run = { 0 };
  int max_position = 0;

  /* The app starts libvips in the background; wait for it here if needed.
   * Here rather than in the callers so that both the synchronous and the
   * asynchronous import (on its worker) do. */
  if (!resell_core_init (NULL, error))
    return NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  originals_dir = resell_catalog_dup_originals_dir (self->catalog, request->sku, error);
  if (originals_dir == NULL)
    return NULL;

  /* Refuse the whole batch now rather than fail every file the same way. */
  if (g_access (originals_dir, W_OK | X_OK) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not save photos into the folder of item %s: %s."),
                   request->sku, g_strerror (saved_errno));
      return NULL;
    }

  existing = resell_catalog_list_photos (self->catalog, request->item_id, error);
  if (existing == NULL)
    return NULL;

  plan = resell_shot_plan_new (request->category, existing);
  for (guint i = 0; i < existing->len; i++)
    max_position = MAX (max_position, resell_photo_get_position (g_ptr_array_index (existing, i)));

  run.self = self;
  run.request = request;
  run.originals_dir = originals_dir;
  run.plan = plan;
  run.next_number = MAX ((int)existing->len, max_position) + 1;

  /* Folders first become their files, in order, so every file gets one
   * result in the order the person sees them. */
  work = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < request->files->len; i++)
    {
      GFile *file = g_ptr_array_index (request->files, i);

      if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, cancellable) == G_FILE_TYPE_DIRECTORY)
        {
          if (!expand_folder (file, work, cancellable, error))
            return NULL;
        }
      else
        g_ptr_array_add (work, g_object_ref (file));
    }

  results = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < work->len; i++)
    {
      gpointer entry = g_ptr_array_index (work, i);
      ResellImportResult *result;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      if (RESELL_IS_IMPORT_RESULT (entry))
        {
          g_ptr_array_add (results, g_object_ref (entry));
          continue;
        }

      result = import_file (&run, G_FILE (entry), cancellable, error);
      if (result == NULL)
        return NULL;

      g_ptr_array_add (results, result);
    }

  return g_steal_pointer (&results);
}

static gpointer
ref_object (gconstpointer object,
            gpointer      user_data)
{
  return g_object_ref ((gpointer)object);
}

static ImportRequest *
import_request_new (ResellItem     *item,
                    ResellCategory *category,
                    GPtrArray      *files)
{
  ImportRequest *request = g_new0 (ImportRequest, 1);

  request->item_id = resell_item_get_id (item);
  request->sku = g_strdup (resell_item_get_sku (item));
  request->category = category ? g_object_ref (category) : NULL;
  /* A copy: the caller may change its array while the worker runs. */
  request->files = g_ptr_array_copy (files, ref_object, NULL);
  g_ptr_array_set_free_func (request->files, g_object_unref);

  return request;
}

gboolean
_resell_importer_check_item (ResellItem  *item,
                             GError     **error)
{
  const char *sku = resell_item_get_sku (item);

  if (resell_item_get_id (item) > 0 && sku != NULL && sku[0] != '\0')
    return TRUE;

  /* A programming error rather than the person's, but cheap to report. */
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("Save the item before adding photos to it."));
  return FALSE;
}

GPtrArray *
resell_importer_import (ResellImporter  *self,
                        ResellItem      *item,
                        ResellCategory  *category,
                        GPtrArray       *files,
                        GCancellable    *cancellable,
                        GError         **error)
{
  g_autoptr(ImportRequest) request = NULL;

  g_return_val_if_fail (RESELL_IS_IMPORTER (self), NULL);
  g_return_val_if_fail (RESELL_IS_ITEM (item), NULL);
  g_return_val_if_fail (!category || RESELL_IS_CATEGORY (category), NULL);
  g_return_val_if_fail (files != NULL, NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);

  if (!_resell_importer_check_item (item, error))
    return NULL;

  request = import_request_new (item, category, files);

  return import_run (self, request, cancellable, error);
}

void
resell_importer_import_async (ResellImporter      *self,
                              ResellItem          *item,
                              ResellCategory      *category,
                              GPtrArray           *files,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (RESELL_IS_IMPORTER (self));
  g_return_if_fail (RESELL_IS_ITEM (item));
  g_return_if_fail (!category || RESELL_IS_CATEGORY (category));
  g_return_if_fail (files != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, resell_importer_import_async);

  if (!_resell_importer_check_item (item, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_set_task_data (task, import_request_new (item, category, files),
                        (GDestroyNotify)import_request_free);
  g_task_run_in_thread (task, _resell_importer_worker);
}

GPtrArray *
resell_importer_import_finish (ResellImporter  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (RESELL_IS_IMPORTER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}


/* The thread of an import or of an attach, as the task's source tag says. */
void
_resell_importer_worker (GTask        *task,
                         gpointer      source_object,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  GError *error = NULL;
  gpointer result;
  GDestroyNotify result_free;

  if (g_task_get_source_tag (task) == resell_importer_import_async)
    {
      result = import_run (source_object, task_data, cancellable, &error);
      result_free = (GDestroyNotify)g_ptr_array_unref;
    }
  else
    {
      result = _resell_importer_attach_run (source_object, task_data, cancellable, &error);
      result_free = g_object_unref;
    }

  if (result != NULL)
    g_task_return_pointer (task, result, result_free);
  else
    g_task_return_error (task, error);
}
