/* resell-capture-session-private.h — what the capture session's files share
 *
 * resell-capture-session.c holds the object, the shot chosen, the modes,
 * attaching and reordering; resell-capture-session-load.c reads the item's
 * photos and the onion skins on workers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "intake/resell-capture-session.h"

G_BEGIN_DECLS

struct _ResellCaptureSession
{
  GObject            parent_instance;

  ResellCatalog     *catalog;
  ResellImporter    *importer;

  ResellItem        *item;          /* a copy of the item shot */
  ResellCategory    *category;
  ResellShotPlan    *plan;          /* its photos, by position, and its shots */
  char              *originals_dir;
  GHashTable        *reports;       /* photo id → ResellShotReport */
  GHashTable        *onion;         /* slot → ResellPhoto of an earlier item */
  GHashTable        *handled;       /* paths of shots already being attached */

  ResellCaptureMode  mode;
  gint64             retake_photo_id;
  gint64             closeup_flaw_id;  /* FLAW_CLOSEUP: the flaw the next photo shows */
  char              *current_slot;
  gint64             current_extra_id;
  ResellPhoto       *last_capture;

  /* A photo on its way to this shot (slot, or extra photo it retakes),
   * from this file. */
  char              *pending_slot;
  gint64             pending_extra_id;
  char              *pending_path;
};

/* Photo id (gint64) → ResellShotReport. */
GHashTable *_resell_capture_session_new_report_table (void);
void        _resell_capture_session_put_report       (GHashTable       *reports,
                                                      ResellPhoto      *photo,
                                                      ResellShotReport *report);

G_END_DECLS
