/* resell-studio-stage.h — the studio's big picture: the camera's live view
 * (one frame in flight, decoded off the UI thread), the photo of the shot
 * chosen or the one taken last, the previous item's shot as an onion skin
 * over it, or a status page when there is nothing to show
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "resell-core.h"
#include "camera/resell-camera.h"

G_BEGIN_DECLS

#define RESELL_TYPE_STUDIO_STAGE (resell_studio_stage_get_type ())
G_DECLARE_FINAL_TYPE (ResellStudioStage, resell_studio_stage, RESELL, STUDIO_STAGE, AdwBin)

/* What the studio wants shown.  The stage keeps its own references. */
typedef struct
{
  ResellPhoto *photo;          /* the photo of the shot chosen, or NULL */
  const char  *pending_path;   /* a photo arriving for that shot, shown once decoded */
  ResellPhoto *last_photo;     /* shown when the shot has no photo: the one taken last */
  const char  *last_label;     /* the shot @last_photo fills, or NULL */
  ResellPhoto *onion_photo;    /* the previous item's photo of this shot, or NULL */
} ResellStudioStageScene;

/* Properties:
 *   "camera"            ResellCamera, for live view
 *   "live-view"         boolean: frames from the camera replace the photo;
 *                       turning it on without a camera that can stays off,
 *                       says so in a toast and sets live-unsupported
 *   "live-unsupported"  boolean, read-only: the camera said it has no live view
 *   "onion-skin"        boolean: show onion_photo over the picture
 *   "onion-opacity"     double, 0–100
 *   "subject"           ResellPhoto, read-only: the photo the picture is of
 *                       (NULL while an arriving photo is checked), for the
 *                       check panel; "subject-label" names its shot when it
 *                       is the last photo rather than the chosen shot's
 * Signal "toast" (const char *message): something to say in passing. */
void          resell_studio_stage_set_scene          (ResellStudioStage            *self,
                                                      const ResellStudioStageScene *scene);
/* The status page shown without a picture: ready (camera connected) for
 * the shot called @shot_label (NULL: any shot). */
void          resell_studio_stage_set_ready          (ResellStudioStage            *self,
                                                      gboolean                      ready,
                                                      const char                   *shot_label);
/* Starts decoding @path at display size, for it to be ready when wanted. */
void          resell_studio_stage_preload            (ResellStudioStage            *self,
                                                      const char                   *path);

ResellCamera *resell_studio_stage_get_camera         (ResellStudioStage            *self);
void          resell_studio_stage_set_camera         (ResellStudioStage            *self,
                                                      ResellCamera                 *camera);
gboolean      resell_studio_stage_get_live_view      (ResellStudioStage            *self);
void          resell_studio_stage_set_live_view      (ResellStudioStage            *self,
                                                      gboolean                      live_view);
gboolean      resell_studio_stage_get_live_unsupported (ResellStudioStage          *self);
gboolean      resell_studio_stage_get_onion_skin     (ResellStudioStage            *self);
void          resell_studio_stage_set_onion_skin     (ResellStudioStage            *self,
                                                      gboolean                      onion_skin);
double        resell_studio_stage_get_onion_opacity  (ResellStudioStage            *self);
void          resell_studio_stage_set_onion_opacity  (ResellStudioStage            *self,
                                                      double                        opacity);
ResellPhoto  *resell_studio_stage_get_subject        (ResellStudioStage            *self);
const char   *resell_studio_stage_get_subject_label  (ResellStudioStage            *self);

G_END_DECLS
