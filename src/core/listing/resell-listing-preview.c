/* resell-listing-preview.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-listing-preview"

#include "config.h"

#include <errno.h>

#include "imaging/resell-photo-edits.h"
#include "listing/resell-listing-preview.h"
#include "listing/resell-listing-profile.h"
#include "listing/resell-listing-renderer.h"
#include "storage/resell-atomic-file.h"

char *
resell_listing_preview_dup_key (const char *sha256,
                                const char *edits_json)
{
  g_autoptr(ResellListingProfile) profile = NULL;
  g_autoptr(ResellPhotoEdits) edits = NULL;

  g_return_val_if_fail (sha256 != NULL, NULL);

  if (edits_json == NULL || edits_json[0] == '\0')
    return NULL;

  if (!(profile = resell_listing_profile_load_builtin ("preview", NULL)) ||
      !(edits = resell_photo_edits_from_json (edits_json, NULL)))
    return NULL;

  return resell_listing_recipe_key (sha256, edits, profile, NULL);
}

char *
resell_listing_preview_ensure (const char    *cache_dir,
                               const char    *original_path,
                               const char    *edits_json,
                               const char    *key,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_autoptr(ResellListingProfile) profile = NULL;
  g_autoptr(ResellPhotoEdits) edits = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(ResellAtomicFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (cache_dir != NULL && original_path != NULL, NULL);
  g_return_val_if_fail (edits_json != NULL && key != NULL, NULL);

  dir = g_build_filename (cache_dir, "previews", NULL);
  name = g_strdup_printf ("%s.jpg", key);
  path = g_build_filename (dir, name, NULL);

  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&path);

  if (!(profile = resell_listing_profile_load_builtin ("preview", error)) ||
      !(edits = resell_photo_edits_from_json (edits_json, error)) ||
      !(bytes = resell_listing_render (original_path, edits, profile, NULL, NULL, cancellable, error)))
    return NULL;

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int errsv = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   "%s: %s", dir, g_strerror (errsv));
      return NULL;
    }

  /* Two requests for one preview may race; the second finds it written. */
  file = resell_atomic_file_new (dir, name, &local_error);
  if (file == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        return g_steal_pointer (&path);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (!resell_atomic_file_write (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error))
    return NULL;

  /* Written by the other request while this one rendered: keep that one
   * rather than commit a "key-2.jpg" that nothing would look up. */
  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      resell_atomic_file_abort (file);
      return g_steal_pointer (&path);
    }

  if (!resell_atomic_file_commit (file, error))
    return NULL;

  return g_strdup (resell_atomic_file_get_path (file));
}
