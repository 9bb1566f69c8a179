/* resell-importer.h — bring photo files into an item: verified as images,
 * copied atomically into the item's originals, deduplicated by sha256,
 * described (size, EXIF capture time and camera) and thumbnailed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "catalog/resell-catalog.h"
#include "categories/resell-category.h"
#include "imaging/resell-shot-check.h"
#include "imaging/resell-thumbnailer.h"
#include "intake/resell-import-result.h"

G_BEGIN_DECLS

#define RESELL_TYPE_IMPORTER (resell_importer_get_type ())
G_DECLARE_FINAL_TYPE (ResellImporter, resell_importer, RESELL, IMPORTER, GObject)

/* Properties "catalog", "thumbnailer" (construct-only). */
ResellImporter *resell_importer_new           (ResellCatalog       *catalog,
                                               ResellThumbnailer   *thumbnailer);

/* Imports @files (GFile; a folder means its image files, sorted by name,
 * not recursive) into @item.  When @category is given, each imported photo
 * takes the first shot slot of the category's list that the item has not
 * filled yet; otherwise (or once all are filled) it is an extra photo.
 * Each photo is checked as a shot is (resell_shot_check_file(), against
 * the backdrop its slot expects) and stored with its report.
 * Never stops at a bad file: every file gets a result, in order.
 * Returns a GPtrArray of ResellImportResult; NULL with @error only when
 * nothing could be done at all (e.g. cancelled, item's folder not writable). */
GPtrArray      *resell_importer_import        (ResellImporter      *self,
                                               ResellItem          *item,
                                               ResellCategory      *category,
                                               GPtrArray           *files,
                                               GCancellable        *cancellable,
                                               GError             **error);
/* The same on a worker thread; progress is not reported per file yet. */
void            resell_importer_import_async  (ResellImporter      *self,
                                               ResellItem          *item,
                                               ResellCategory      *category,
                                               GPtrArray           *files,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
GPtrArray      *resell_importer_import_finish (ResellImporter      *self,
                                               GAsyncResult        *result,
                                               GError             **error);

/* Puts one photo into @slot of @item (NULL @slot: an extra photo) and
 * checks it against the shot's expectations (its backdrop from @category),
 * thumbnails it, and stores it with its report — all on a worker.
 * @file_in_item: TRUE when @file is already saved in the item's originals
 * folder (a camera download, kept where it is); FALSE to copy it in as an
 * import does.  @replace_photo_id, when not 0, is the photo this one
 * retakes: it is removed from the item only after the new photo is stored
 * (its original file stays on disk), and the new photo takes its position.
 * The result's photo has its slot, checks and position set. */
void                resell_importer_attach_async  (ResellImporter      *self,
                                                   ResellItem          *item,
                                                   ResellCategory      *category,
                                                   const char          *slot,
                                                   GFile               *file,
                                                   gboolean             file_in_item,
                                                   gint64               replace_photo_id,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
ResellImportResult *resell_importer_attach_finish (ResellImporter      *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/* TRUE when @name ends in an extension cameras and editors give photos
 * (.jpg, .heic, .tiff…), whatever the content turns out to be. */
gboolean        resell_importer_name_looks_like_photo (const char *name);

G_END_DECLS
