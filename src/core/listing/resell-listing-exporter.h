/* resell-listing-exporter.h — listing images for many photos at once, on a
 * worker pool that uses every core, cached by recipe, cancellable, with
 * progress
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "listing/resell-listing-job.h"
#include "listing/resell-listing-profile.h"
#include "catalog/resell-flaw.h"
#include "catalog/resell-photo.h"

G_BEGIN_DECLS

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

/* What an item's listing holds, for a run: a job per photo of @photos
 * (ResellPhoto, in the item's order), then a close-up per flaw of @flaws
 * (ResellFlaw, in order; a flaw whose photo is not in @photos is skipped),
 * written to @output_dir as "<prefix>NN-<slot>.<ext>" ("NN-extra" for a
 * photo of no slot) and "<prefix>NN-flaw-<type>.jpg", NN counting from 01
 * in that order; @name_prefix (may be NULL; never holds a '/') is put
 * before each name as given.  Photos and flaws whose ids are in
 * @exclude_photos / @exclude_flaws (sets of gint64 keys, g_int64_hash;
 * either may be NULL) are left out, as the seller chose.  This is the one
 * owner of the profile's photo limit: what still does not fit under it is
 * left out from the end and, when @out_over is not NULL, set there as a
 * new array of the ResellPhoto and ResellFlaw objects left out, in the
 * listing's order, so a window can ask the seller which to drop and a
 * report can name them.  @ring marks each flaw on its close-up.  Returns
 * the jobs (ResellListingJob, each knowing its photo and flaw ids), ready
 * for run(). */
GPtrArray *resell_listing_exporter_plan_item (ResellListingExporter *self,
                                              GPtrArray             *photos,
                                              GPtrArray             *flaws,
                                              GHashTable            *exclude_photos,
                                              GHashTable            *exclude_flaws,
                                              gboolean               ring,
                                              const char            *output_dir,
                                              const char            *name_prefix,
                                              GPtrArray            **out_over);

G_END_DECLS
