/* resell-condition-report-private.h — shared by the report's files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "catalog/resell-photo.h"
#include "documents/resell-condition-report.h"

G_BEGIN_DECLS

/* One photo of the report, rendered. */
typedef struct
{
  ResellPhoto *photo;
  guint        number;       /* 1-based */
  GBytes      *listing;      /* JPEG with the seller's edits, or NULL when it could not be read */
  int          listing_w;
  int          listing_h;
  GBytes      *whole;        /* JPEG of the whole upright original (no edits, no trim), for
                              * the flaw map: only for photos with flaws */
  int          whole_w;
  int          whole_h;
  char        *captured;     /* formatted capture date, or NULL */
} ResellReportPhoto;

typedef struct
{
  GPtrArray *photos;         /* ResellReportPhoto */
  GPtrArray *closeups;       /* GBytes (JPEG) or NULL, one per flaw */
} ResellReportRenders;

/* Everything the writers need, made once per write (in the worker). */
ResellReportRenders *resell_report_renders_new   (ResellConditionReport *self,
                                                  GCancellable          *cancellable,
                                                  GError               **error);
void                 resell_report_renders_free  (ResellReportRenders   *renders);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ResellReportRenders, resell_report_renders_free)

const ResellReportFlaw *resell_condition_report_get_flaw (ResellConditionReport *self,
                                                          guint                  index);
const char            *resell_condition_report_get_category_name (ResellConditionReport *self);

/* The item's fields shown in both formats, as label/value pairs (values
 * never empty); free with g_strfreev. */
GStrv                  resell_condition_report_dup_fields (ResellConditionReport *self);
/* "Stain · Major · Lining" */
char                  *resell_report_flaw_dup_summary (const ResellReportFlaw *flaw);

gboolean               resell_condition_report_write_pdf  (ResellConditionReport *self,
                                                           ResellReportRenders   *renders,
                                                           const char            *path,
                                                           GError               **error);
gboolean               resell_condition_report_write_html (ResellConditionReport *self,
                                                           ResellReportRenders   *renders,
                                                           const char            *path,
                                                           GError               **error);

G_END_DECLS
