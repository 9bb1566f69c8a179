/* resell-studio-private.h — what the studio's files share
 *
 * The studio is split by concern: resell-studio.c (the object, what is
 * shown, loading the item), resell-studio-camera.c (connecting the camera,
 * its events, arriving shots) and resell-studio-actions.c (the "studio."
 * actions, capture and import among them, and the keys).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "studio/resell-camera-controls.h"
#include "studio/resell-camera-status.h"
#include "studio/resell-check-panel.h"
#include "studio/resell-shot-list.h"
#include "studio/resell-studio.h"
#include "intake/resell-capture-session.h"
#include "studio/resell-studio-stage.h"

G_BEGIN_DECLS

struct _ResellStudio
{
  AdwBin                parent_instance;

  ResellSettings       *settings;
  ResellCatalog        *catalog;
  ResellImporter       *importer;
  ResellCameraMonitor  *monitor;

  ResellCaptureSession *session;         /* the item shot: its shots, photos, checks, mode */
  gboolean              choosing;        /* the shot list tells the session its choice */
  GCancellable         *cancellable;     /* work for the item shown */
  GCancellable         *attach_cancellable; /* attaches: only when the studio goes */
  GCancellable         *connect_cancellable;

  ResellCamera         *camera;
  GBinding             *delete_binding;
  GError               *connect_error;   /* the last connection failure of camera */
  gboolean              connecting;
  gboolean              active;          /* open and shown */
  guint                 n_capturing;

  /* The label offer (resell-studio-label.c) */
  gboolean              scan_next_shot;  /* the next photo attached is read for a label */
  gboolean              list_complete;   /* every shot of the list had a photo at the last one */
  ResellItem           *label_item;      /* the other item whose label a photo shows */
  gint64                label_photo_id;  /* that photo, in the item shown */
  /* The flaws of the item shown, for "Close-up of a Flaw" */
  GCancellable         *flaws_cancellable;

  /* Template children */
  AdwWindowTitle       *window_title;
  GtkToggleButton      *live_button;
  GtkMenuButton        *settings_button;
  ResellCameraControls *camera_controls;
  GtkRevealer          *banner_revealer;
  GtkSpinner           *banner_spinner;
  GtkLabel             *banner_label;
  GtkButton            *banner_button;
  GtkRevealer          *label_revealer;
  GtkLabel             *label_offer_label;
  GtkButton            *label_keep_button;
  GtkButton            *label_switch_button;
  ResellShotList       *shot_list;
  GtkLabel             *shot_title_label;
  GtkLabel             *guidance_label;
  ResellStudioStage    *stage;
  ResellCheckPanel     *check_panel;
  GtkRevealer          *mode_revealer;
  GtkLabel             *mode_label;
  GtkButton            *capture_button;
  GtkStack             *capture_icon_stack;
  GtkSpinner           *capture_spinner;
  ResellCameraStatus   *camera_status;
  GtkToggleButton      *onion_button;
  GtkScale             *opacity_scale;
  GtkAdjustment        *opacity_adjustment;
  GMenu                *flaws_menu;
};

/* resell-studio.c */

ResellItem    *_resell_studio_get_item              (ResellStudio     *self);
const char    *_resell_studio_get_originals_dir     (ResellStudio     *self);
/* Stays until dismissed: for what went wrong. */
void           _resell_studio_show_message          (ResellStudio     *self,
                                                     const char       *message);
ResellShotRow *_resell_studio_current_row           (ResellStudio     *self);
void           _resell_studio_update_empty_page     (ResellStudio     *self);
void           _resell_studio_refresh_display       (ResellStudio     *self);
void           _resell_studio_update_rows           (ResellStudio     *self);
void           _resell_studio_update_actions        (ResellStudio     *self);
/* Reads the item's photos; @first selects the first shot still to take. */
void           _resell_studio_load_photos           (ResellStudio     *self,
                                                     gboolean          first);

/* resell-studio-camera.c */

void           _resell_studio_handle_shot           (ResellStudio     *self,
                                                     ResellCameraShot *shot);
void           _resell_studio_update_capturing      (ResellStudio     *self);
void           _resell_studio_update_camera_status  (ResellStudio     *self);
void           _resell_studio_connect_camera        (ResellStudio     *self);
void           _resell_studio_sync_download_dir     (ResellStudio     *self);
void           _resell_studio_adopt_camera          (ResellStudio     *self,
                                                     ResellCamera     *camera);
/* Takes the monitor's default camera and connects to it if it is not. */
void           _resell_studio_refresh_camera        (ResellStudio     *self);
void           _resell_studio_on_cameras_changed    (ResellStudio     *self);

/* resell-studio-label.c */

void           _resell_studio_label_init            (ResellStudio     *self);
/* A new shoot: its first photo will be looked at for an item's label. */
void           _resell_studio_label_reset           (ResellStudio     *self);
/* @photo (its file at @path) was attached to the item shown: read for a
 * label when it is the first of the shoot, or the first after the one
 * that completed the shot list. */
void           _resell_studio_label_photo_attached  (ResellStudio     *self,
                                                     ResellPhoto      *photo,
                                                     const char       *path);
gboolean       _resell_studio_label_offer_shown     (ResellStudio     *self);
void           _resell_studio_class_label_init      (ResellStudioClass *klass);

/* resell-studio-actions.c */

void           _resell_studio_class_actions_init    (ResellStudioClass *klass);
/* The keys and dropping files on the studio. */
void           _resell_studio_actions_init          (ResellStudio     *self);

G_END_DECLS
