/* resell-importer.c — bring photo files into an item
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
#include "intake/resell-importer.h"

#define COPY_BLOCK_SIZE (256 * 1024)

/* Keeps "NNN-name" plus the atomic file's ".….XXXXXX.part" well inside the
 * 255 bytes most filesystems allow in a name. */
#define MAX_NAME_BYTES 200

/* Extensions that say "photo" even when the content type is unknown or
 * wrong; such files are tried, and a fake one gets a FAILED result rather
 * than silently vanishing from a folder import. */
static const char * const image_extensions[] = {
  "jpg", "jpeg", "jpe", "jfif", "png", "webp", "tif", "tiff", "heic", "heif", "avif",
};


/* ResellImportResult ----------------------------------------------------- */

G_DEFINE_ENUM_TYPE (ResellImportStatus, resell_import_status,
  G_DEFINE_ENUM_VALUE (RESELL_IMPORT_STATUS_IMPORTED, "imported"),
  G_DEFINE_ENUM_VALUE (RESELL_IMPORT_STATUS_DUPLICATE, "duplicate"),
  G_DEFINE_ENUM_VALUE (RESELL_IMPORT_STATUS_FAILED, "failed"))

struct _ResellImportResult
{
  GObject             parent_instance;

  GFile              *source;
  ResellPhoto        *photo;
  char               *message;
  ResellShotReport   *report;
  ResellImportStatus  status;
};

G_DEFINE_FINAL_TYPE (ResellImportResult, resell_import_result, G_TYPE_OBJECT)

enum {
  RESULT_PROP_0,
  RESULT_PROP_SOURCE,
  RESULT_PROP_STATUS,
  RESULT_PROP_PHOTO,
  RESULT_PROP_MESSAGE,
  RESULT_PROP_REPORT,
  RESULT_N_PROPS
};

static GParamSpec *result_properties[RESULT_N_PROPS];

static void
resell_import_result_finalize (GObject *object)
{
  ResellImportResult *self = (ResellImportResult *)object;

  g_clear_object (&self->source);
  g_clear_object (&self->photo);
  g_clear_pointer (&self->message, g_free);
  g_clear_object (&self->report);

  G_OBJECT_CLASS (resell_import_result_parent_class)->finalize (object);
}

static void
resell_import_result_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  ResellImportResult *self = RESELL_IMPORT_RESULT (object);

  switch (prop_id)
    {
    case RESULT_PROP_SOURCE:
      g_value_set_object (value, self->source);
      break;

    case RESULT_PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case RESULT_PROP_PHOTO:
      g_value_set_object (value, self->photo);
      break;

    case RESULT_PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;

    case RESULT_PROP_REPORT:
      g_value_set_object (value, self->report);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_import_result_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  ResellImportResult *self = RESELL_IMPORT_RESULT (object);

  switch (prop_id)
    {
    case RESULT_PROP_SOURCE:
      self->source = g_value_dup_object (value);
      break;

    case RESULT_PROP_STATUS:
      self->status = g_value_get_enum (value);
      break;

    case RESULT_PROP_PHOTO:
      self->photo = g_value_dup_object (value);
      break;

    case RESULT_PROP_MESSAGE:
      self->message = g_value_dup_string (value);
      break;

    case RESULT_PROP_REPORT:
      self->report = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_import_result_class_init (ResellImportResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = resell_import_result_finalize;
  object_class->get_property = resell_import_result_get_property;
  object_class->set_property = resell_import_result_set_property;

  result_properties[RESULT_PROP_SOURCE] =
    g_param_spec_object ("source", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  result_properties[RESULT_PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       RESELL_TYPE_IMPORT_STATUS,
                       RESELL_IMPORT_STATUS_FAILED,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  result_properties[RESULT_PROP_PHOTO] =
    g_param_spec_object ("photo", NULL, NULL,
                         RESELL_TYPE_PHOTO,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  result_properties[RESULT_PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  result_properties[RESULT_PROP_REPORT] =
    g_param_spec_object ("report", NULL, NULL,
                         RESELL_TYPE_SHOT_REPORT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, RESULT_N_PROPS, result_properties);
}

static void
resell_import_result_init (ResellImportResult *self)
{
  self->status = RESELL_IMPORT_STATUS_FAILED;
}

static ResellImportResult *
result_new (GFile              *source,
            ResellImportStatus  status,
            ResellPhoto        *photo,
            const char         *message)
{
  return g_object_new (RESELL_TYPE_IMPORT_RESULT,
                       "source", source,
                       "status", status,
                       "photo", photo,
                       "message", message,
                       NULL);
}

static ResellImportResult *
result_new_imported (GFile            *source,
                     ResellPhoto      *photo,
                     ResellShotReport *report)
{
  return g_object_new (RESELL_TYPE_IMPORT_RESULT,
                       "source", source,
                       "status", RESELL_IMPORT_STATUS_IMPORTED,
                       "photo", photo,
                       "report", report,
                       NULL);
}

static ResellImportResult *
result_new_failed (GFile      *source,
                   const char *message)
{
  return result_new (source, RESELL_IMPORT_STATUS_FAILED, NULL, message);
}

GFile *
resell_import_result_get_source (ResellImportResult *self)
{
  g_return_val_if_fail (RESELL_IS_IMPORT_RESULT (self), NULL);

  return self->source;
}

ResellImportStatus
resell_import_result_get_status (ResellImportResult *self)
{
  g_return_val_if_fail (RESELL_IS_IMPORT_RESULT (self), RESELL_IMPORT_STATUS_FAILED);

  return self->status;
}

ResellPhoto *
resell_import_result_get_photo (ResellImportResult *self)
{
  g_return_val_if_fail (RESELL_IS_IMPORT_RESULT (self), NULL);

  return self->photo;
}

const char *
resell_import_result_get_message (ResellImportResult *self)
{
  g_return_val_if_fail (RESELL_IS_IMPORT_RESULT (self), NULL);

  return self->message;
}

ResellShotReport *
resell_import_result_get_report (ResellImportResult *self)
{
  g_return_val_if_fail (RESELL_IS_IMPORT_RESULT (self), NULL);

  return self->report;
}


/* ResellImporter --------------------------------------------------------- */

struct _ResellImporter
{
  GObject            parent_instance;

  ResellCatalog     *catalog;
  ResellThumbnailer *thumbnailer;
};

G_DEFINE_FINAL_TYPE (ResellImporter, resell_importer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CATALOG,
  PROP_THUMBNAILER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Everything one import needs, taken from the caller's objects up front so
 * the worker thread never reads a ResellItem the UI may be editing. */
typedef struct
{
  gint64          item_id;
  char           *sku;
  ResellCategory *category;
  GPtrArray      *files;
} ImportRequest;

static void
import_request_free (ImportRequest *request)
{
  g_free (request->sku);
  g_clear_object (&request->category);
  g_clear_pointer (&request->files, g_ptr_array_unref);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ImportRequest, import_request_free)

/* State of one run through the list. */
typedef struct
{
  ResellImporter *self;
  ImportRequest  *request;
  char           *originals_dir;
  ResellShotPlan *plan;           /* the item's photos so far, this batch's included */
  int             next_number;    /* the NNN of the next "NNN-name" */
} ImportRun;

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
      g_ptr_array_add (out, result_new_failed (folder, message));
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
static ResellAtomicFile *
copy_original (ImportRun     *run,
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

static void
remove_copy (const char *path)
{
  /* Only ever a file this import just created, which no row points at. */
  if (g_unlink (path) != 0)
    g_debug ("Could not remove %s: %s", path, g_strerror (errno));
}

/* What the shot list asks of @slot's backdrop. */
static ResellBackdrop
slot_backdrop (ResellCategory *category,
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
typedef struct
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
} PendingCheck;

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

static PendingCheck *
pending_check_start (const char     *path,
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
static VipsImage *
pending_check_take_decoded (PendingCheck *check)
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
static ResellShotReport *
pending_check_finish (PendingCheck  *check,
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
static void
ensure_thumbnail (ResellImporter *self,
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
      return result_new_failed (source, message);
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
      return result_new_failed (source, message);
    }

  if (existing != NULL)
    {
      message = g_strdup_printf (_("“%s” is already in this item."), display);
      return result_new (source, RESELL_IMPORT_STATUS_DUPLICATE, existing, message);
    }

  copy = copy_original (run, path, cancellable, &local_error);
  if (copy == NULL)
    goto failed_with_error;

  /* The hash of the bytes that went into the copy must be the hash the
   * duplicate check used: otherwise the file changed under us (a camera
   * card still being written, a sync client) and the copy is not the
   * photo that was checked. */
  if (g_strcmp0 (resell_atomic_file_get_sha256 (copy), sha256) != 0)
    {
      remove_copy (resell_atomic_file_get_path (copy));
      message = g_strdup_printf (_("“%s” changed while it was being copied. Import it again once nothing is writing to it."),
                                 display);
      return result_new_failed (source, message);
    }

  /* The first open shot of the list, or NULL: an extra photo. */
  slot = resell_shot_plan_next_open (run->plan, NULL);

  /* The same checks as a shot from the camera, against what the slot it
   * fills expects; on the copy, the bytes that are kept. */
  check = pending_check_start (resell_atomic_file_get_path (copy),
                               slot_backdrop (run->request->category, slot),
                               cancellable);
  ensure_thumbnail (self, resell_atomic_file_get_path (copy), NULL, sha256, cancellable);
  report = pending_check_finish (check, &local_error);

  if (report == NULL)
    {
      remove_copy (resell_atomic_file_get_path (copy));
      goto failed_with_error;
    }

  /* The probe decoded it, so this is a file that changed since. */
  if (!resell_shot_report_get_readable (report))
    {
      remove_copy (resell_atomic_file_get_path (copy));
      message = describe_unreadable (report, display);
      return result_new_failed (source, message);
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
      remove_copy (resell_atomic_file_get_path (copy));
      message = g_strdup_printf (_("Could not add “%s” to the item: %s"),
                                 display, local_error->message);
      return result_new_failed (source, message);
    }

  resell_shot_plan_add (run->plan, photo, 0);
  run->next_number++;

  return result_new_imported (source, photo, report);

failed_with_error:
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  /* The probe's, the hash's and the copy's messages are already sentences
   * naming the file. */
  return result_new_failed (source, local_error->message);
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

static gboolean
check_item (ResellItem  *item,
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

  if (!check_item (item, error))
    return NULL;

  request = import_request_new (item, category, files);

  return import_run (self, request, cancellable, error);
}

/* Below, with attach_run(): one thread function for both kinds of task. */
static void importer_worker (GTask        *task,
                             gpointer      source_object,
                             gpointer      task_data,
                             GCancellable *cancellable);

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

  if (!check_item (item, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_set_task_data (task, import_request_new (item, category, files),
                        (GDestroyNotify)import_request_free);
  g_task_run_in_thread (task, importer_worker);
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


/* Attaching one shot ----------------------------------------------------- */

/* Everything one attach needs, taken from the caller's objects up front,
 * as for an import. */
typedef struct
{
  gint64          item_id;
  char           *sku;
  ResellCategory *category;
  char           *slot;
  GFile          *file;
  gboolean        file_in_item;
  gint64          replace_photo_id;
} AttachRequest;

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

static ResellImportResult *
attach_run (ResellImporter  *self,
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
      return result_new_failed (request->file, message);
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
      check = pending_check_start (stored_path,
                                   slot_backdrop (request->category, request->slot),
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
          ResellShotReport *unused = pending_check_finish (g_steal_pointer (&check), NULL);

          g_clear_object (&unused);
        }
      message = g_strdup_printf (_("“%s” is already in this item."), display);
      return result_new (request->file, RESELL_IMPORT_STATUS_DUPLICATE, existing, message);
    }

  if (!request->file_in_item)
    {
      ImportRun run = { 0 };

      run.self = self;
      run.originals_dir = originals_dir;
      if (!next_original_number (self, request->item_id, &run.next_number, &local_error))
        goto failed_with_error;

      copy = copy_original (&run, path, cancellable, &local_error);
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
      check = pending_check_start (stored_path,
                                   slot_backdrop (request->category, request->slot),
                                   cancellable);
    }

  read_exif (stored_path, &captured_at, &camera_model);

  /* The thumbnail from the check's decode, made here while the check
   * measures on its own thread. */
  decoded = pending_check_take_decoded (check);
  if (decoded != NULL)
    ensure_thumbnail (self, stored_path, decoded, sha256, cancellable);

  report = pending_check_finish (g_steal_pointer (&check), &local_error);
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
    ensure_thumbnail (self, stored_path, NULL, sha256, cancellable);

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

  return result_new_imported (request->file, photo, report);

failed_with_error:
  if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    message = g_strdup (local_error->message);

failed:
  if (check != NULL)
    {
      ResellShotReport *unused = pending_check_finish (check, NULL);

      g_clear_object (&unused);
    }

  /* A copy without a row would be invisible yet take space forever. */
  if (copy != NULL && resell_atomic_file_get_path (copy) != NULL)
    remove_copy (resell_atomic_file_get_path (copy));

  if (message == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return result_new_failed (request->file, message);
}

/* The thread of an import or of an attach, as the task's source tag says. */
static void
importer_worker (GTask        *task,
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
      result = attach_run (source_object, task_data, cancellable, &error);
      result_free = g_object_unref;
    }

  if (result != NULL)
    g_task_return_pointer (task, result, result_free);
  else
    g_task_return_error (task, error);
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

  if (!check_item (item, &error))
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
  g_task_run_in_thread (task, importer_worker);
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
