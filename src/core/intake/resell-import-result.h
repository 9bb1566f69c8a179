/* resell-import-result.h — what became of one file of an import, or of an
 * attached shot
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "catalog/resell-photo.h"
#include "imaging/resell-shot-check.h"

G_BEGIN_DECLS

typedef enum
{
  RESELL_IMPORT_STATUS_IMPORTED,
  RESELL_IMPORT_STATUS_DUPLICATE,  /* same bytes already in this item: skipped */
  RESELL_IMPORT_STATUS_FAILED,     /* not an image, corrupt, empty, unreadable… */
} ResellImportStatus;

#define RESELL_TYPE_IMPORT_STATUS (resell_import_status_get_type ())
GType resell_import_status_get_type (void) G_GNUC_CONST;

#define RESELL_TYPE_IMPORT_RESULT (resell_import_result_get_type ())
G_DECLARE_FINAL_TYPE (ResellImportResult, resell_import_result, RESELL, IMPORT_RESULT, GObject)

GFile              *resell_import_result_get_source  (ResellImportResult *self);
ResellImportStatus  resell_import_result_get_status  (ResellImportResult *self);
/* The stored photo (IMPORTED), or the existing one (DUPLICATE), else NULL. */
ResellPhoto        *resell_import_result_get_photo   (ResellImportResult *self);
/* A translated sentence naming the file, e.g. "“IMG_2041.jpg” is not a picture Resell can read (the file is empty)." NULL when imported. */
const char         *resell_import_result_get_message (ResellImportResult *self);
/* The checks run on arrival (sharpness, exposure, backdrop, resolution),
 * also stored as the photo's "checks"; NULL unless IMPORTED. */
ResellShotReport   *resell_import_result_get_report  (ResellImportResult *self);

G_END_DECLS
