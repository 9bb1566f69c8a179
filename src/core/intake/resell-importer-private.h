/* resell-importer-private.h — what the importer's files share
 *
 * The importer is split by concern: resell-importer.c (the object, and
 * importing files and folders), resell-importer-attach.c (attaching one
 * shot, from the studio), resell-importer-originals.c (what both do to a
 * photo: the copy into the item's originals, its check on arrival, its
 * thumbnail) and resell-import-result.c (the result of one file).
 * Includes libvips: for src/core/intake/ only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <vips/vips.h>

#include "intake/resell-importer.h"
#include "intake/resell-shot-plan.h"
#include "storage/resell-atomic-file.h"

G_BEGIN_DECLS

struct _ResellImporter
{
  GObject            parent_instance;

  ResellCatalog     *catalog;
  ResellThumbnailer *thumbnailer;
};

/* Everything one import needs, taken from the caller's objects up front so
 * the worker thread never reads a ResellItem the UI may be editing. */
typedef struct
{
  gint64          item_id;
  char           *sku;
  ResellCategory *category;
  GPtrArray      *files;
} ImportRequest;

/* State of one run through the list. */
typedef struct
{
  ResellImporter *self;
  ImportRequest  *request;
  char           *originals_dir;
  ResellShotPlan *plan;           /* the item's photos so far, this batch's included */
  int             next_number;    /* the NNN of the next "NNN-name" */
} ImportRun;

/* The check of one photo on a thread of its own (resell-importer-originals.c). */
typedef struct _PendingCheck PendingCheck;

/* resell-import-result.c */

ResellImportResult *_resell_import_result_new                   (GFile              *source,
                                                                 ResellImportStatus  status,
                                                                 ResellPhoto        *photo,
                                                                 const char         *message);
ResellImportResult *_resell_import_result_new_imported          (GFile              *source,
                                                                 ResellPhoto        *photo,
                                                                 ResellShotReport   *report);
ResellImportResult *_resell_import_result_new_failed            (GFile              *source,
                                                                 const char         *message);

/* resell-importer.c */

gboolean            _resell_importer_check_item                 (ResellItem         *item,
                                                                 GError            **error);
/* The thread of an import or of an attach, as the task's source tag says. */
void                _resell_importer_worker                     (GTask              *task,
                                                                 gpointer            source_object,
                                                                 gpointer            task_data,
                                                                 GCancellable       *cancellable);

/* resell-importer-attach.c */

/* The task data of resell_importer_attach_async(). */
typedef struct _AttachRequest AttachRequest;

ResellImportResult *_resell_importer_attach_run                 (ResellImporter     *self,
                                                                 AttachRequest      *request,
                                                                 GCancellable       *cancellable,
                                                                 GError            **error);

/* resell-importer-originals.c */

ResellAtomicFile   *_resell_importer_copy_original              (ImportRun          *run,
                                                                 const char         *path,
                                                                 GCancellable       *cancellable,
                                                                 GError            **error);
void                _resell_importer_remove_copy                (const char         *path);
ResellBackdrop      _resell_importer_slot_backdrop              (ResellCategory     *category,
                                                                 const char         *slot);
PendingCheck       *_resell_importer_pending_check_start        (const char         *path,
                                                                 ResellBackdrop      backdrop,
                                                                 GCancellable       *cancellable);
VipsImage          *_resell_importer_pending_check_take_decoded (PendingCheck       *check);
ResellShotReport   *_resell_importer_pending_check_finish       (PendingCheck       *check,
                                                                 GError            **error);
void                _resell_importer_ensure_thumbnail           (ResellImporter     *self,
                                                                 const char         *path,
                                                                 VipsImage          *decoded,
                                                                 const char         *sha256,
                                                                 GCancellable       *cancellable);

G_END_DECLS
