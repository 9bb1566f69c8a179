/* resell-listing-exporter.h — listing images for many photos at once, on a
 * worker pool that uses every core, cached by recipe, cancellable, with
 * progress
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "listing/resell-listing-profile.h"
#include "imaging/resell-photo-edits.h"

G_BEGIN_DECLS

#define RESELL_TYPE_LISTING_JOB (resell_listing_job_get_type ())
G_DECLARE_FINAL_TYPE (ResellListingJob, resell_listing_job, RESELL, LISTING_JOB, GObject)

/* One photo to export.  @output_path is where the listing image goes
 * (written atomically; an existing file is replaced only by a complete new
 * one).  @sha256 may be NULL: it is computed then. */
ResellListingJob *resell_listing_job_new            (const char             *original_path,
                                                     const char             *sha256,
                                                     const ResellPhotoEdits *edits,
                                                     const char             *output_path);
const char       *resell_listing_job_get_original_path (ResellListingJob *self);
const char       *resell_listing_job_get_output_path   (ResellListingJob *self);

typedef enum
{
  RESELL_LISTING_JOB_PENDING,
  RESELL_LISTING_JOB_DONE,       /* rendered now */
  RESELL_LISTING_JOB_CACHED,     /* same recipe as before: copied from the cache */
  RESELL_LISTING_JOB_FAILED,
  RESELL_LISTING_JOB_CANCELLED,
} ResellListingJobStatus;

ResellListingJobStatus resell_listing_job_get_status  (ResellListingJob *self);
/* A translated sentence naming the file, when FAILED. */
const char            *resell_listing_job_get_message (ResellListingJob *self);

#define RESELL_TYPE_LISTING_EXPORTER (resell_listing_exporter_get_type ())
G_DECLARE_FINAL_TYPE (ResellListingExporter, resell_listing_exporter, RESELL, LISTING_EXPORTER, GObject)

/* Properties: "cache-dir" (construct-only; listing images are cached in
 * <cache-dir>/listing/<recipe-key>.jpg, or .webp for a WebP profile),
 * "profile" (construct-only),
 * "copyright" (string or NULL), "n-workers" (construct-only, 0 = number of
 * cores), and while running, notified on the caller's main context:
 * "n-done" and "n-total" (uint). */
ResellListingExporter *resell_listing_exporter_new          (const char            *cache_dir,
                                                             ResellListingProfile  *profile,
                                                             guint                  n_workers);
void                   resell_listing_exporter_set_copyright (ResellListingExporter *self,
                                                             const char            *copyright);
guint                  resell_listing_exporter_get_n_done   (ResellListingExporter *self);
guint                  resell_listing_exporter_get_n_total  (ResellListingExporter *self);

/* Runs @jobs (ResellListingJob); every job ends DONE, CACHED, FAILED or
 * CANCELLED — a bad photo never stops the batch.  Returns FALSE with
 * G_IO_ERROR_CANCELLED when cancelled (finished jobs stay written). */
gboolean resell_listing_exporter_run        (ResellListingExporter  *self,
                                             GPtrArray              *jobs,
                                             GCancellable           *cancellable,
                                             GError                **error);
void     resell_listing_exporter_run_async  (ResellListingExporter  *self,
                                             GPtrArray              *jobs,
                                             GCancellable           *cancellable,
                                             GAsyncReadyCallback     callback,
                                             gpointer                user_data);
gboolean resell_listing_exporter_run_finish (ResellListingExporter  *self,
                                             GAsyncResult           *result,
                                             GError                **error);

G_END_DECLS
