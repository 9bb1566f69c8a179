/* resell-shot-check.h — is this shot usable?  Sharpness, exposure,
 * backdrop and resolution, measured the moment a photo arrives
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "categories/resell-category.h"

G_BEGIN_DECLS

/* Below this long edge (pixels, as stored) a photo fails the resolution
 * check: marketplaces zoom to 1600 px. */
#define RESELL_SHOT_MIN_LONG_EDGE 1600

/* Below this sharpness (see "sharpness" below) a photo is blurred.
 * Calibrated on sharp and blurred pairs: docs/checks.md. */
#define RESELL_SHOT_SHARPNESS_MIN 21.0

#define RESELL_TYPE_SHOT_REPORT (resell_shot_report_get_type ())
G_DECLARE_FINAL_TYPE (ResellShotReport, resell_shot_report, RESELL, SHOT_REPORT, GObject)

/* Properties (read-only):
 *   "passed"              gboolean  every check that applies passed
 *   "readable"            gboolean  FALSE when the file could not be decoded
 *                                   (corrupt, truncated, not a picture)
 *   "sharpness"           double    variance of the Laplacian of the reduced
 *                                   luminance image; higher is sharper.
 *                                   Taken per direction (the Laplacian's
 *                                   x and y second differences and the two
 *                                   diagonals), per tile relative to the
 *                                   tile's own contrast (×100), over the
 *                                   sharpest fifth of the tiles with
 *                                   content; the least sharp direction
 *                                   counts, so camera shake shows.  See
 *                                   docs/checks.md.
 *   "sharp"               gboolean
 *   "highlights-clipped"  double    fraction of pixels at the top of the range
 *   "shadows-clipped"     double    fraction at the bottom
 *   "exposure-ok"         gboolean
 *   "backdrop-checked"    gboolean  the shot expects a white backdrop
 *   "backdrop-level"      double    mean lightness (0–100) of the border band
 *   "backdrop-unevenness" double    spread of lightness across that band
 *   "backdrop-ok"         gboolean  (TRUE when not checked)
 *   "width" "height"      gint      pixels as stored
 *   "resolution-ok"       gboolean
 * Problems, as translated sentences that say what to do ("The photo is
 * blurred: hold the camera still or focus on the item, then retake."), in
 * the order shown to the person.  Empty when passed. */
gboolean            resell_shot_report_get_passed        (ResellShotReport *self);
gboolean            resell_shot_report_get_readable      (ResellShotReport *self);
double              resell_shot_report_get_sharpness     (ResellShotReport *self);
gboolean            resell_shot_report_get_sharp         (ResellShotReport *self);
double              resell_shot_report_get_highlights_clipped (ResellShotReport *self);
double              resell_shot_report_get_shadows_clipped (ResellShotReport *self);
gboolean            resell_shot_report_get_exposure_ok   (ResellShotReport *self);
gboolean            resell_shot_report_get_backdrop_checked (ResellShotReport *self);
double              resell_shot_report_get_backdrop_level (ResellShotReport *self);
double              resell_shot_report_get_backdrop_unevenness (ResellShotReport *self);
gboolean            resell_shot_report_get_backdrop_ok   (ResellShotReport *self);
int                 resell_shot_report_get_width         (ResellShotReport *self);
int                 resell_shot_report_get_height        (ResellShotReport *self);
gboolean            resell_shot_report_get_resolution_ok (ResellShotReport *self);
const char * const *resell_shot_report_get_problems      (ResellShotReport *self);
/* The same problems as stable ids, in the same order ("blurred",
 * "highlights-clipped", "backdrop-dark"…; see resell-shot-check.c), for
 * code that reacts to a kind of problem rather than shows it. */
const char * const *resell_shot_report_get_problem_ids   (ResellShotReport *self);

/* The JSON stored in a photo's "checks" column, and back.  from_json
 * returns NULL for NULL or unparsable text (an older photo: not checked). */
char               *resell_shot_report_to_json           (ResellShotReport *self);
ResellShotReport   *resell_shot_report_new_from_json     (const char       *json);

/* Checks the photo at @path.  @backdrop is what the shot list expects
 * (RESELL_BACKDROP_WHITE turns on the backdrop check).  A file that cannot
 * be decoded is not an error: the report says readable = FALSE with a
 * problem sentence.  Errors only for cancellation or a file that cannot be
 * opened at all.  Decodes with shrink-on-load, so a 24 MP JPEG costs one
 * reduced decode. */
ResellShotReport   *resell_shot_check_file               (const char       *path,
                                                          ResellBackdrop    backdrop,
                                                          GCancellable     *cancellable,
                                                          GError          **error);
/* The same on the imaging pool. */
void                resell_shot_check_file_async         (const char          *path,
                                                          ResellBackdrop       backdrop,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
ResellShotReport   *resell_shot_check_file_finish        (GAsyncResult        *result,
                                                          GError             **error);

G_END_DECLS
