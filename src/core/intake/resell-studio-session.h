/* resell-studio-session.h — what the studio knows of the item being shot:
 * its shot list, its photos in the listing's order, their check reports,
 * the shots with a photo on its way, and the previous item's photo of each
 * shot (the onion skin).  No widgets: the studio loads it from the catalog
 * (on workers) and adds what the importer attaches; the shot list and the
 * studio read it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "resell-core.h"

G_BEGIN_DECLS

#define RESELL_TYPE_STUDIO_SESSION (resell_studio_session_get_type ())
G_DECLARE_FINAL_TYPE (ResellStudioSession, resell_studio_session, RESELL, STUDIO_SESSION, GObject)

ResellStudioSession *resell_studio_session_new            (void);

/* Forgets the photos, reports, claims and onion skins, for an item with @category's
 * shot list (NULL: every photo is an extra one).  Property "category". */
void              resell_studio_session_reset          (ResellStudioSession *self,
                                                        ResellCategory      *category);
ResellCategory   *resell_studio_session_get_category   (ResellStudioSession *self);

/* The photos (ResellPhoto) by position.  The array is the session's: the
 * studio reorders it in place. */
GPtrArray        *resell_studio_session_get_photos     (ResellStudioSession *self);
/* Takes over @photos (ordered by position) and @reports (photo id as a
 * gint64 key → ResellShotReport, see new_report_table()). */
void              resell_studio_session_set_photos     (ResellStudioSession *self,
                                                        GPtrArray           *photos,
                                                        GHashTable          *reports);
/* Adds @photo in its place by position, with its @report (may be NULL),
 * removing the photo @replaces (0: none) first. */
void              resell_studio_session_add_photo      (ResellStudioSession *self,
                                                        ResellPhoto         *photo,
                                                        ResellShotReport    *report,
                                                        gint64               replaces);
GHashTable       *resell_studio_session_new_report_table (void);

ResellShotReport *resell_studio_session_get_report     (ResellStudioSession *self,
                                                        ResellPhoto         *photo);
gboolean          resell_studio_session_photo_failed   (ResellStudioSession *self,
                                                        ResellPhoto         *photo);
ResellPhoto      *resell_studio_session_photo_by_id    (ResellStudioSession *self,
                                                        gint64               id);
/* The photo filling @slot: the first in the item's order. */
ResellPhoto      *resell_studio_session_photo_for_slot (ResellStudioSession *self,
                                                        const char          *slot);
int               resell_studio_session_photo_index    (ResellStudioSession *self,
                                                        ResellPhoto         *photo);
/* Photos of no shot of the category, in the item's order.  Container only. */
GPtrArray        *resell_studio_session_dup_extras     (ResellStudioSession *self);
/* How many of the category's shots have a photo; @n_shots, of how many. */
guint             resell_studio_session_count_filled   (ResellStudioSession *self,
                                                        guint               *n_shots);

/* Photos on their way to @slot: claim (+1) when a photo is sent to it,
 * release (-1) when it arrived or failed. */
gboolean          resell_studio_session_is_claimed     (ResellStudioSession *self,
                                                        const char          *slot);
void              resell_studio_session_claim          (ResellStudioSession *self,
                                                        const char          *slot,
                                                        int                  delta);

/* Reads @item's photos, their check reports and its originals folder
 * (created if missing) from @catalog on a worker.  finish() puts the photos
 * and reports in the session and returns the folder. */
void              resell_studio_session_load_async     (ResellStudioSession  *self,
                                                        ResellCatalog        *catalog,
                                                        ResellItem           *item,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
char             *resell_studio_session_load_finish    (ResellStudioSession  *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

/* Finds, for each shot, the photo of the most recently updated other item
 * of @item's category that has one, on a worker.  finish() keeps them for
 * get_onion(). */
void              resell_studio_session_find_onion_async  (ResellStudioSession  *self,
                                                           ResellCatalog        *catalog,
                                                           ResellItem           *item,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
gboolean          resell_studio_session_find_onion_finish (ResellStudioSession  *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);
/* The previous item's photo of @slot, or NULL. */
ResellPhoto      *resell_studio_session_get_onion      (ResellStudioSession *self,
                                                        const char          *slot);

G_END_DECLS
