/* resell-shot-check-private.h — for the core only: the shot check handing
 * its decode over (the app never sees a VipsImage, so no public header
 * includes libvips), and the report's fields, which the check fills in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <vips/vips.h>

#include "imaging/resell-shot-check.h"

G_BEGIN_DECLS

/* Called once by resell_shot_check_file_full(), on the thread that checks:
 * with the photo as soon as it is decoded, before anything is measured, so
 * that other work (the thumbnail) can be made from the same decode while
 * the measures run; or with NULL when there is no decode to share (the file
 * is not readable or too large, the check was cancelled, or the decode is
 * too big to keep in memory, as a 24 MP PNG is).  @image is in memory, as
 * stored (not rotated: its EXIF orientation and ICC profile are in its
 * metadata), reduced only by shrink-on-load: a JPEG at the largest of 1/2,
 * 1/4, 1/8 that keeps 1500 px on the long edge, so a 24 MP one is 1500 ×
 * 1000.  Take a reference to keep it.  Read-only: the check reads it on its
 * own thread meanwhile. */
typedef void      (*ResellShotDecodedFunc)                (VipsImage        *image,
                                                          gpointer          user_data);

/* resell_shot_check_file(), handing its decode to @decoded_func (may be
 * NULL) as said above. */
ResellShotReport   *resell_shot_check_file_full          (const char            *path,
                                                          ResellBackdrop         backdrop,
                                                          ResellShotDecodedFunc  decoded_func,
                                                          gpointer               user_data,
                                                          GCancellable          *cancellable,
                                                          GError               **error);

/* For resell-shot-check.c and resell-shot-report.c: the check fills in
 * the report. */

/* Why a shot failed, as stored in the JSON: the sentences are made again
 * when a report is loaded, in the language of the day. */
#define PROBLEM_UNREADABLE         "unreadable"
#define PROBLEM_TOO_LARGE          "too-large"
#define PROBLEM_NOTHING_IN_FOCUS   "nothing-in-focus"
#define PROBLEM_BLURRED            "blurred"
#define PROBLEM_HIGHLIGHTS_CLIPPED "highlights-clipped"
#define PROBLEM_SHADOWS_CLIPPED    "shadows-clipped"
#define PROBLEM_BACKDROP_DARK      "backdrop-dark"
#define PROBLEM_BACKDROP_UNEVEN    "backdrop-uneven"
#define PROBLEM_TOO_SMALL          "too-small"

struct _ResellShotReport
{
  GObject    parent_instance;

  double     sharpness;
  double     highlights_clipped;
  double     shadows_clipped;
  double     backdrop_level;
  double     backdrop_unevenness;
  int        width;
  int        height;

  guint      passed : 1;
  guint      readable : 1;
  guint      sharp : 1;
  guint      exposure_ok : 1;
  guint      backdrop_checked : 1;
  guint      backdrop_ok : 1;
  guint      resolution_ok : 1;

  GPtrArray *problem_ids;   /* NULL-terminated, static strings */
  GStrv      problems;      /* the sentences, made from problem_ids */
};

/* resell-shot-report.c */
void              _resell_shot_report_add_problem    (ResellShotReport *self,
                                                      const char       *id);
void              _resell_shot_report_finish         (ResellShotReport *self);
ResellShotReport *_resell_shot_report_new_unreadable (int         width,
                                                      int         height,
                                                      const char *problem);

G_END_DECLS
