/* resell-context.h — the services every part of Resell shares, made once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "catalog/resell-catalog.h"
#include "categories/resell-category-registry.h"
#include "grading/resell-grade-keeper.h"
#include "grading/resell-grader.h"
#include "imaging/resell-thumbnailer.h"
#include "intake/resell-importer.h"
#include "listing/resell-listing-profile.h"

G_BEGIN_DECLS

#define RESELL_TYPE_CONTEXT (resell_context_get_type ())
G_DECLARE_FINAL_TYPE (ResellContext, resell_context, RESELL, CONTEXT, GObject)

/* Properties:
 *   "data-dir"          string, construct-only: the catalog's folder
 *                       (NULL: $RESELL_DATA_DIR, else $XDG_DATA_HOME/resell)
 *   "cache-dir"         string, construct-only: thumbnails and listing images
 *                       (NULL: $RESELL_CACHE_DIR, else $XDG_CACHE_HOME/resell)
 *   "categories"        ResellCategoryRegistry, read-only
 *   "category-problems" GStrv, read-only: category files skipped, and why;
 *                       when no category at all could be loaded (the
 *                       registry is empty), the last one says so
 *   "thumbnailer"       ResellThumbnailer, read-only
 *   "profiles"          GListModel of ResellListingProfile, read-only: the
 *                       marketplaces a seller can export for
 *   "catalog"           ResellCatalog, read-only: NULL until loaded
 *   "importer"          ResellImporter, read-only: NULL until the catalog is loaded
 *   "settings"          GSettings, read-only: the seller's preferences
 *                       (APP_ID), or NULL when their schema is not installed
 *                       (say, a tool run from a build tree)
 *
 * Categories, profiles and the thumbnailer are ready when resell_context_new()
 * returns: a few small files, read before the first window so every later
 * lookup is synchronous.  The catalog may wait for the disk, for migrations
 * or for another writer, and may fail: it comes with
 * resell_context_load_catalog() or its _async form.
 *
 * Use from one thread, whose thread-default main context gets the
 * catalog's signals. */
ResellContext          *resell_context_new                  (const char           *data_dir,
                                                             const char           *cache_dir);

const char             *resell_context_get_data_dir         (ResellContext        *self);
const char             *resell_context_get_cache_dir        (ResellContext        *self);
ResellCategoryRegistry *resell_context_get_categories       (ResellContext        *self);
const char * const     *resell_context_get_category_problems (ResellContext       *self);
ResellThumbnailer      *resell_context_get_thumbnailer      (ResellContext        *self);
GListModel             *resell_context_get_profiles         (ResellContext        *self);
ResellCatalog          *resell_context_get_catalog          (ResellContext        *self);
ResellImporter         *resell_context_get_importer         (ResellContext        *self);
GSettings              *resell_context_get_settings         (ResellContext        *self);
/* Every category's grading rules, read on first use; rules files skipped,
 * and why ("file:line: what"), in resell_context_get_grading_problems(). */
ResellGrader           *resell_context_get_grader           (ResellContext        *self);
const char * const     *resell_context_get_grading_problems (ResellContext        *self);
/* Keeps each item's stored grade in step (made on first use, once the
 * catalog is loaded; the app's upkeep starts it and refreshes every grade). */
ResellGradeKeeper      *resell_context_get_grade_keeper     (ResellContext        *self);

/* The profile @id: a seller's marketplace from "profiles", else one built
 * into the core (say, an internal one), else NULL with @error. */
ResellListingProfile   *resell_context_lookup_profile       (ResellContext        *self,
                                                             const char           *id,
                                                             GError              **error);

/* Opens the catalog in the data dir (creating or migrating it) and makes
 * the importer.  Once loaded, later calls succeed at once; calls while a
 * load runs share it. */
gboolean                resell_context_load_catalog         (ResellContext        *self,
                                                             GError              **error);
void                    resell_context_load_catalog_async   (ResellContext        *self,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean                resell_context_load_catalog_finish  (ResellContext        *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);

/* For the app, not one-shot tools: empties from the trash what was
 * trashed more than 30 days ago once the catalog is loaded, and some
 * seconds after that keeps the listing-image and preview caches under
 * their limits.  Both run off the calling thread. */
void                    resell_context_start_upkeep         (ResellContext        *self);

G_END_DECLS
