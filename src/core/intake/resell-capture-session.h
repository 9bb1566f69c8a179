/* resell-capture-session.h — the workflow of shooting one item: which
 * shot the next photo goes to (the current one, the next open one, an
 * extra, or a retake of a photo), attaching each arriving shot through
 * the importer, moving on through the shot list or arming a retake when a
 * photo fails its checks; plus what the studio shows of the item: its
 * photos in the listing's order (a ResellShotPlan), their check reports
 * and the previous item's photo of each shot (the onion skin).
 *
 * No widgets: the studio binds to its properties and calls its methods,
 * and tests drive it headless with a camera.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "resell-core.h"
#include "intake/resell-shot-plan.h"

G_BEGIN_DECLS

typedef enum
{
  RESELL_CAPTURE_MODE_NEXT,    /* the next photo fills the current (or next open) shot */
  RESELL_CAPTURE_MODE_RETAKE,  /* the next photo replaces the retake photo */
  RESELL_CAPTURE_MODE_EXTRA,   /* the next photo is an extra detail shot */
  RESELL_CAPTURE_MODE_FLAW_CLOSEUP, /* the next photo is a flaw's close-up */
} ResellCaptureMode;

#define RESELL_TYPE_CAPTURE_MODE (resell_capture_mode_get_type ())
GType resell_capture_mode_get_type (void) G_GNUC_CONST;

#define RESELL_TYPE_CAPTURE_SESSION (resell_capture_session_get_type ())
G_DECLARE_FINAL_TYPE (ResellCaptureSession, resell_capture_session, RESELL, CAPTURE_SESSION, GObject)

/* Properties, all notified:
 *   "catalog", "importer"  where photos are read from and attached through
 *   "item"                 ResellItem, read-only: a copy of the item shot
 *   "category"             ResellCategory, read-only: its shot list, or NULL
 *   "mode"                 ResellCaptureMode, read-only (set_mode(), arm_retake())
 *   "retake-photo-id"      gint64, read-only: the photo a retake replaces, or 0
 *   "closeup-flaw-id"      gint64, read-only: the flaw whose close-up comes next, or 0
 *   "current-slot"         string, read-only: the shot chosen, or NULL
 *   "current-extra-id"     gint64, read-only: the extra photo chosen, or 0
 *   "last-capture"         ResellPhoto, read-only: the photo that arrived last
 *   "n-filled", "n-shots", "n-photos"  guint, read-only: the plan's counts */
ResellCaptureSession *resell_capture_session_new          (void);

void              resell_capture_session_set_context      (ResellCaptureSession *self,
                                                           ResellCatalog        *catalog,
                                                           ResellImporter       *importer);

/* Starts over on @item (copied) with @category's shot list (NULL: every
 * photo is an extra one): no photos, reports, claims or onion skins until
 * loaded, mode NEXT, nothing chosen. */
void              resell_capture_session_reset            (ResellCaptureSession *self,
                                                           ResellItem           *item,
                                                           ResellCategory       *category);
ResellItem       *resell_capture_session_get_item         (ResellCaptureSession *self);
ResellCategory   *resell_capture_session_get_category     (ResellCaptureSession *self);
/* The item's photos and shots.  Replaced by reset(). */
ResellShotPlan   *resell_capture_session_get_plan         (ResellCaptureSession *self);
/* Where the item's photos are saved; NULL until loaded. */
const char       *resell_capture_session_get_originals_dir (ResellCaptureSession *self);

ResellShotReport *resell_capture_session_get_report       (ResellCaptureSession *self,
                                                           ResellPhoto          *photo);
gboolean          resell_capture_session_photo_failed     (ResellCaptureSession *self,
                                                           ResellPhoto          *photo);

/* The shot chosen: a shot of the list (@slot), an extra photo (@extra_id,
 * with @slot NULL), or nothing.  A retake belongs to the photo it was
 * armed for: choosing anything else ends it. */
void              resell_capture_session_set_current      (ResellCaptureSession *self,
                                                           const char           *slot,
                                                           gint64                extra_id);
const char       *resell_capture_session_get_current_slot (ResellCaptureSession *self);
gint64            resell_capture_session_get_current_extra_id (ResellCaptureSession *self);
/* The photo of the shot chosen, or NULL. */
ResellPhoto      *resell_capture_session_get_current_photo (ResellCaptureSession *self);
ResellPhoto      *resell_capture_session_get_last_capture (ResellCaptureSession *self);

/* NEXT or EXTRA; a retake is armed with arm_retake(). */
void              resell_capture_session_set_mode         (ResellCaptureSession *self,
                                                           ResellCaptureMode     mode);
ResellCaptureMode resell_capture_session_get_mode         (ResellCaptureSession *self);
void              resell_capture_session_arm_retake       (ResellCaptureSession *self,
                                                           ResellPhoto          *photo);
gint64            resell_capture_session_get_retake_photo_id (ResellCaptureSession *self);
/* Arms a retake of the chosen shot's photo or, when it has none, of the
 * photo taken last (which becomes the one chosen).  Returns the photo, or
 * NULL when there is nothing to retake. */
ResellPhoto      *resell_capture_session_retake           (ResellCaptureSession *self);

/* The file of a photo on its way to the shot chosen, or NULL. */
const char       *resell_capture_session_get_pending_path (ResellCaptureSession *self);

/* Attaches the shot saved at @path (in the item's originals folder) to
 * the shot the mode says, checks it and stores it, through the importer
 * on a worker; meanwhile that shot is claimed.  When it arrived for the
 * shot chosen, the session then moves on to the next open shot, or arms
 * a retake of it if it failed its checks.  The same @path twice (the
 * capture's result and the camera's event) is attached once: finish()
 * returns NULL without an error for the second.  Otherwise finish()
 * returns the importer's result (failed and duplicate included). */
void                resell_capture_session_attach_async   (ResellCaptureSession *self,
                                                           const char           *path,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
ResellImportResult *resell_capture_session_attach_finish  (ResellCaptureSession *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);

/* Moves @photo one place earlier (@step -1) or later (+1) in the item's
 * order (the listing's): at once in the plan, then in the catalog on a
 * worker, in one transaction. */
void              resell_capture_session_move_photo_async (ResellCaptureSession *self,
                                                           ResellPhoto          *photo,
                                                           int                   step,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
gboolean          resell_capture_session_move_photo_finish (ResellCaptureSession *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);

/* Reads the item's photos, their check reports and its originals folder
 * (created if missing) from the catalog on a worker; finish() puts them
 * in the session. */
void              resell_capture_session_load_async       (ResellCaptureSession  *self,
                                                           GCancellable          *cancellable,
                                                           GAsyncReadyCallback    callback,
                                                           gpointer               user_data);
gboolean          resell_capture_session_load_finish      (ResellCaptureSession  *self,
                                                           GAsyncResult          *result,
                                                           GError               **error);

/* Finds, for each shot, the photo of the most recently updated other item
 * of the category that has one, on a worker.  finish() keeps them for
 * get_onion(). */
void              resell_capture_session_find_onion_async  (ResellCaptureSession  *self,
                                                            GCancellable          *cancellable,
                                                            GAsyncReadyCallback    callback,
                                                            gpointer               user_data);
gboolean          resell_capture_session_find_onion_finish (ResellCaptureSession  *self,
                                                            GAsyncResult          *result,
                                                            GError               **error);
/* The previous item's photo of @slot, or NULL. */
ResellPhoto      *resell_capture_session_get_onion        (ResellCaptureSession *self,
                                                           const char           *slot);

/* Makes the next capture the close-up of flaw @flaw_id (a flaw of the
 * item): it is attached to the item's "flaws" shot when the category has
 * one that is still empty, else as an extra photo, and becomes the flaw's
 * detail photo; then the mode goes back to NEXT.  Choosing another shot or
 * mode ends it.  @flaw_id 0 disarms. */
void              resell_capture_session_arm_flaw_closeup (ResellCaptureSession *self,
                                                           gint64                flaw_id);
gint64            resell_capture_session_get_closeup_flaw_id (ResellCaptureSession *self);

G_END_DECLS
