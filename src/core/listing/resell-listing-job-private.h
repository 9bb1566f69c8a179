/* resell-listing-job-private.h — a job's fields, which the exporter's
 * workers fill in as they run it.  Included by resell-listing-job.c and
 * resell-listing-exporter.c only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "listing/resell-listing-job.h"

G_BEGIN_DECLS

struct _ResellListingJob
{
  GObject                 parent_instance;

  char                   *original_path;
  char                   *sha256;
  ResellPhotoEdits       *edits;
  char                   *output_path;

  /* A flaw's close-up rather than a listing image of the photo. */
  gboolean                closeup;
  double                  box[4];      /* x, y, width, height of the upright original */
  gboolean                ring;
  int                     size;

  /* What the job is of, when planned for an item: its photo, and the flaw
   * of a close-up (0 otherwise). */
  gint64                  photo_id;
  gint64                  flaw_id;

  /* Set when planned: why this photo must not be made (its edits cannot
   * be read); the run fails the job with it rather than publish the photo
   * without the crop or turn the seller chose. */
  char                   *refusal;

  /* Written by a worker while the job runs, read by the caller after. */
  ResellListingJobStatus  status;
  char                   *message;
};

G_END_DECLS
