/* resell-listing-job.c — one photo for the listing exporter to make a
 * listing image of, and how that went
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-listing-job"

#include "config.h"

#include "listing/resell-listing-job-private.h"

G_DEFINE_FINAL_TYPE (ResellListingJob, resell_listing_job, G_TYPE_OBJECT)

enum {
  JOB_PROP_0,
  JOB_PROP_ORIGINAL_PATH,
  JOB_PROP_OUTPUT_PATH,
  JOB_N_PROPS
};

static GParamSpec *job_properties[JOB_N_PROPS];

static void
resell_listing_job_finalize (GObject *object)
{
  ResellListingJob *self = (ResellListingJob *)object;

  g_clear_pointer (&self->original_path, g_free);
  g_clear_pointer (&self->sha256, g_free);
  g_clear_pointer (&self->edits, resell_photo_edits_free);
  g_clear_pointer (&self->output_path, g_free);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->refusal, g_free);

  G_OBJECT_CLASS (resell_listing_job_parent_class)->finalize (object);
}

static void
resell_listing_job_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ResellListingJob *self = RESELL_LISTING_JOB (object);

  switch (prop_id)
    {
    case JOB_PROP_ORIGINAL_PATH:
      g_value_set_string (value, self->original_path);
      break;

    case JOB_PROP_OUTPUT_PATH:
      g_value_set_string (value, self->output_path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_listing_job_class_init (ResellListingJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = resell_listing_job_finalize;
  object_class->get_property = resell_listing_job_get_property;

  job_properties[JOB_PROP_ORIGINAL_PATH] =
    g_param_spec_string ("original-path", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  job_properties[JOB_PROP_OUTPUT_PATH] =
    g_param_spec_string ("output-path", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, JOB_N_PROPS, job_properties);
}

static void
resell_listing_job_init (ResellListingJob *self)
{
  self->status = RESELL_LISTING_JOB_PENDING;
}

ResellListingJob *
resell_listing_job_new (const char             *original_path,
                        const char             *sha256,
                        const ResellPhotoEdits *edits,
                        const char             *output_path)
{
  ResellListingJob *self;

  g_return_val_if_fail (original_path != NULL && *original_path != '\0', NULL);
  g_return_val_if_fail (output_path != NULL && *output_path != '\0', NULL);

  self = g_object_new (RESELL_TYPE_LISTING_JOB, NULL);
  self->original_path = g_strdup (original_path);
  self->sha256 = sha256 != NULL && *sha256 != '\0' ? g_ascii_strdown (sha256, -1) : NULL;
  /* Always a full set of edits, so the recipe key and the render see the
   * same values whether the caller gave defaults or NULL. */
  self->edits = edits != NULL ? resell_photo_edits_copy (edits) : resell_photo_edits_new ();
  self->output_path = g_strdup (output_path);

  return self;
}

const char *
resell_listing_job_get_original_path (ResellListingJob *self)
{
  g_return_val_if_fail (RESELL_IS_LISTING_JOB (self), NULL);

  return self->original_path;
}

const char *
resell_listing_job_get_output_path (ResellListingJob *self)
{
  g_return_val_if_fail (RESELL_IS_LISTING_JOB (self), NULL);

  return self->output_path;
}

gint64
resell_listing_job_get_photo_id (ResellListingJob *self)
{
  g_return_val_if_fail (RESELL_IS_LISTING_JOB (self), 0);

  return self->photo_id;
}

gint64
resell_listing_job_get_flaw_id (ResellListingJob *self)
{
  g_return_val_if_fail (RESELL_IS_LISTING_JOB (self), 0);

  return self->flaw_id;
}

ResellListingJobStatus
resell_listing_job_get_status (ResellListingJob *self)
{
  g_return_val_if_fail (RESELL_IS_LISTING_JOB (self), RESELL_LISTING_JOB_FAILED);

  return self->status;
}

const char *
resell_listing_job_get_message (ResellListingJob *self)
{
  g_return_val_if_fail (RESELL_IS_LISTING_JOB (self), NULL);

  return self->message;
}

ResellListingJob *
resell_listing_job_new_flaw_closeup (const char *original_path,
                                     double      x,
                                     double      y,
                                     double      width,
                                     double      height,
                                     gboolean    ring,
                                     int         size,
                                     const char *output_path)
{
  ResellListingJob *self;

  g_return_val_if_fail (original_path != NULL && *original_path != '\0', NULL);
  g_return_val_if_fail (output_path != NULL && *output_path != '\0', NULL);

  self = g_object_new (RESELL_TYPE_LISTING_JOB, NULL);
  self->original_path = g_strdup (original_path);
  self->edits = resell_photo_edits_new ();
  self->output_path = g_strdup (output_path);
  self->closeup = TRUE;
  self->box[0] = x;
  self->box[1] = y;
  self->box[2] = width;
  self->box[3] = height;
  self->ring = ring;
  self->size = size;

  return self;
}

gboolean
resell_listing_job_is_flaw_closeup (ResellListingJob *self)
{
  g_return_val_if_fail (RESELL_IS_LISTING_JOB (self), FALSE);

  return self->closeup;
}
