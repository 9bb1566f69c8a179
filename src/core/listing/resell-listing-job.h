/* resell-listing-job.h — one photo for ResellListingExporter: where it
 * comes from, where its listing image goes, and how that went
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

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
/* A close-up of a flaw instead of a listing image: the box @x, @y, @width,
 * @height (0..1 of the upright original; a point has no size) with as much
 * again around it, from the full-resolution original, as a JPEG at most
 * @size pixels square, with a ring round the flaw when @ring. */
ResellListingJob *resell_listing_job_new_flaw_closeup (const char           *original_path,
                                                       double                x,
                                                       double                y,
                                                       double                width,
                                                       double                height,
                                                       gboolean              ring,
                                                       int                   size,
                                                       const char           *output_path);
gboolean          resell_listing_job_is_flaw_closeup  (ResellListingJob *self);
const char       *resell_listing_job_get_original_path (ResellListingJob *self);
const char       *resell_listing_job_get_output_path   (ResellListingJob *self);
/* The photo and the flaw (of a close-up) a job planned by
 * resell_listing_exporter_plan_item() is of; 0 when none. */
gint64            resell_listing_job_get_photo_id      (ResellListingJob *self);
gint64            resell_listing_job_get_flaw_id       (ResellListingJob *self);

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

G_END_DECLS
