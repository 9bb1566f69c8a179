/* resell-listing-exporter-plan.c — what an item's listing holds: its
 * photos in order, then a close-up of each flaw, within the profile's
 * photo limit and without what the seller chose to leave out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-listing-exporter"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "listing/resell-listing-exporter.h"
#include "listing/resell-listing-job-private.h"

/* A file name's part from a slot or a flaw type: the ids are already
 * lower-case words, but a name never leaves its folder whatever they hold. */
static char *
name_part (const char *id)
{
  GString *part = g_string_new (NULL);

  for (const char *p = id; p != NULL && *p != '\0'; p++)
    g_string_append_c (part, g_ascii_isalnum (*p) ? g_ascii_tolower (*p) : '-');
  if (part->len == 0)
    g_string_append (part, "photo");

  return g_string_free (part, FALSE);
}

static gboolean
excluded (GHashTable *set,
          gint64      id)
{
  return set != NULL && g_hash_table_contains (set, &id);
}

static ResellPhoto *
find_photo (GPtrArray *photos,
            gint64     photo_id)
{
  for (guint i = 0; i < photos->len; i++)
    {
      ResellPhoto *photo = g_ptr_array_index (photos, i);

      if (resell_photo_get_id (photo) == photo_id)
        return photo;
    }

  return NULL;
}

GPtrArray *
resell_listing_exporter_plan_item (ResellListingExporter *self,
                                   GPtrArray             *photos,
                                   GPtrArray             *flaws,
                                   GHashTable            *exclude_photos,
                                   GHashTable            *exclude_flaws,
                                   gboolean               ring,
                                   const char            *output_dir,
                                   const char            *name_prefix,
                                   GPtrArray            **out_over)
{
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) over = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(ResellListingProfile) profile = NULL;
  int max_photos;
  int size;

  g_return_val_if_fail (RESELL_IS_LISTING_EXPORTER (self), NULL);
  g_return_val_if_fail (photos != NULL, NULL);
  g_return_val_if_fail (output_dir != NULL, NULL);
  g_return_val_if_fail (name_prefix == NULL || strchr (name_prefix, G_DIR_SEPARATOR) == NULL, NULL);

  if (name_prefix == NULL)
    name_prefix = "";

  g_object_get (self, "profile", &profile, NULL);
  max_photos = resell_listing_profile_get_max_photos (profile);
  /* A close-up as sharp as the listing's photos, and never bigger. */
  size = CLAMP (resell_listing_profile_get_long_edge (profile), 16, 4096);

  for (guint i = 0; i < photos->len; i++)
    {
      ResellPhoto *photo = g_ptr_array_index (photos, i);
      g_autoptr(ResellPhotoEdits) edits = NULL;
      g_autoptr(GError) edits_error = NULL;
      g_autofree char *part = NULL;
      g_autofree char *name = NULL;
      g_autofree char *path = NULL;
      ResellListingJob *job;

      if (excluded (exclude_photos, resell_photo_get_id (photo)))
        continue;
      if (max_photos > 0 && jobs->len >= (guint) max_photos)
        {
          g_ptr_array_add (over, g_object_ref (photo));
          continue;
        }

      edits = resell_photo_edits_from_json (resell_photo_get_edits (photo), &edits_error);
      part = name_part (resell_photo_get_slot (photo) ? resell_photo_get_slot (photo) : "extra");
      name = g_strdup_printf ("%s%02u-%s.%s", name_prefix, jobs->len + 1, part,
                              resell_listing_profile_get_extension (profile));
      path = g_build_filename (output_dir, name, NULL);
      job = resell_listing_job_new (resell_photo_get_path (photo), resell_photo_get_sha256 (photo),
                                    edits, path);
      job->photo_id = resell_photo_get_id (photo);
      /* Never publish a photo without the crop or turn the seller chose:
       * the job keeps its place (and its number) and fails, saying why. */
      if (edits == NULL)
        {
          g_autofree char *display = g_filename_display_basename (resell_photo_get_path (photo));

          job->refusal = g_strdup_printf (_("The edits of “%s” could not be read: %s"),
                                          display, edits_error->message);
        }
      g_ptr_array_add (jobs, job);
    }

  for (guint i = 0; flaws != NULL && i < flaws->len; i++)
    {
      ResellFlaw *flaw = g_ptr_array_index (flaws, i);
      ResellPhoto *photo = find_photo (photos, resell_flaw_get_photo_id (flaw));
      g_autofree char *part = NULL;
      g_autofree char *name = NULL;
      g_autofree char *path = NULL;
      ResellListingJob *job;

      /* Its photo left out by the seller: the close-up goes with it. */
      if (photo == NULL || excluded (exclude_photos, resell_photo_get_id (photo)) ||
          excluded (exclude_flaws, resell_flaw_get_id (flaw)))
        continue;
      if (max_photos > 0 && jobs->len >= (guint) max_photos)
        {
          g_ptr_array_add (over, g_object_ref (flaw));
          continue;
        }

      part = name_part (resell_flaw_get_type_id (flaw));
      name = g_strdup_printf ("%s%02u-flaw-%s.jpg", name_prefix, jobs->len + 1, part);
      path = g_build_filename (output_dir, name, NULL);
      job = resell_listing_job_new_flaw_closeup (resell_photo_get_path (photo),
                                                 resell_flaw_get_x (flaw),
                                                 resell_flaw_get_y (flaw),
                                                 resell_flaw_get_width (flaw),
                                                 resell_flaw_get_height (flaw),
                                                 ring, size, path);
      job->photo_id = resell_photo_get_id (photo);
      job->flaw_id = resell_flaw_get_id (flaw);
      g_ptr_array_add (jobs, job);
    }

  if (out_over != NULL)
    *out_over = g_steal_pointer (&over);

  return g_steal_pointer (&jobs);
}
