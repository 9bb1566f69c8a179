/* resell-condition-report.h — an item's condition report for buyers and
 * consignors, as a PDF and as a self-contained HTML page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "catalog/resell-catalog.h"
#include "catalog/resell-item.h"
#include "categories/resell-category.h"
#include "categories/resell-category-registry.h"
#include "grading/resell-grader.h"
#include "pricing/resell-pricing-prefs.h"

G_BEGIN_DECLS

typedef enum
{
  RESELL_REPORT_SHAPE_POINT,
  RESELL_REPORT_SHAPE_ELLIPSE,
  RESELL_REPORT_SHAPE_RECT,
} ResellReportShape;

/* One flaw as the report shows it.  The report owns this plain struct, so
 * the grading code can fill it from its own flaw type (ids already turned
 * into translated labels). */
typedef struct
{
  guint              photo_number;  /* 1-based, in the item's photo order */
  ResellReportShape  shape;
  double             x;             /* fractions 0..1 of the upright original: */
  double             y;             /* the top left corner of an ellipse's or */
  double             w;             /* rectangle's box; a point is at (x, y) */
  double             h;             /* and has w = h = 0 */
  char              *type_label;    /* "Stain" */
  char              *severity_label;/* "Major" */
  char              *zone_label;    /* "Lining", or NULL */
  char              *note;          /* or NULL */
  char              *closeup_path;  /* the flaw's own detail photo, or NULL: then a close-up is cut from the photo */
} ResellReportFlaw;

#define RESELL_TYPE_REPORT_FLAW (resell_report_flaw_get_type ())
GType             resell_report_flaw_get_type (void) G_GNUC_CONST;
ResellReportFlaw *resell_report_flaw_new      (void);
ResellReportFlaw *resell_report_flaw_copy     (const ResellReportFlaw *self);
void              resell_report_flaw_free     (ResellReportFlaw       *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ResellReportFlaw, resell_report_flaw_free)

typedef enum
{
  RESELL_REPORT_FORMAT_PDF,
  RESELL_REPORT_FORMAT_HTML,
} ResellReportFormat;

/* By the file name's extension (.pdf, .html, .htm; any case); FALSE for
 * any other. */
gboolean resell_report_format_for_path (const char         *path,
                                        ResellReportFormat *format);

#define RESELL_TYPE_CONDITION_REPORT (resell_condition_report_get_type ())
G_DECLARE_FINAL_TYPE (ResellConditionReport, resell_condition_report, RESELL, CONDITION_REPORT, GObject)

/* Properties:
 *   "item"            ResellItem   (construct-only; a copy is kept)
 *   "category-name"   string       the category's name (or its id)
 *   "grade"           string       translated grade label, or NULL when not graded
 *   "condition-text"  string       or NULL
 *   "price-line"      string       e.g. "Suggested price $120.00 (range …)", or NULL
 * Photos, flaws and reasons are set with the functions below. */

/* @photos: the item's photos in order (ResellPhoto), referenced. */
ResellConditionReport *resell_condition_report_new              (ResellItem            *item,
                                                                 GPtrArray             *photos,
                                                                 ResellCategory        *category);
/* The item and its photos from @catalog (call from a worker thread or the
 * CLI: it queries the catalog). */
ResellConditionReport *resell_condition_report_new_from_catalog (ResellCatalog         *catalog,
                                                                 ResellItem            *item,
                                                                 ResellCategory        *category,
                                                                 GError               **error);

/* Item @item_id's whole report from @catalog: its photos; its flaws, each
 * with its own close-up photo when it has one; the grade to list with (the
 * seller's override included), the rules that decided it and the condition
 * text, from its appraisal with @grader (NULL: not graded); and a price
 * line, the asking price or else the price hint for that grade with the
 * shop's @prefs (NULL: no price line).  Queries the catalog: call from a
 * worker thread or the CLI, or use the _async form. */
ResellConditionReport *resell_condition_report_load             (ResellCatalog            *catalog,
                                                                 ResellCategoryRegistry   *categories,
                                                                 ResellGrader             *grader,
                                                                 const ResellPricingPrefs *prefs,
                                                                 gint64                    item_id,
                                                                 GError                  **error);
void                   resell_condition_report_load_async       (ResellCatalog            *catalog,
                                                                 ResellCategoryRegistry   *categories,
                                                                 ResellGrader             *grader,
                                                                 const ResellPricingPrefs *prefs,
                                                                 gint64                    item_id,
                                                                 GCancellable             *cancellable,
                                                                 GAsyncReadyCallback       callback,
                                                                 gpointer                  user_data);
ResellConditionReport *resell_condition_report_load_finish      (GAsyncResult             *result,
                                                                 GError                  **error);

ResellItem            *resell_condition_report_get_item         (ResellConditionReport *self);
void                   resell_condition_report_set_grade        (ResellConditionReport *self,
                                                                 const char            *grade);
const char            *resell_condition_report_get_grade        (ResellConditionReport *self);
/* The rules that decided the grade, as sentences. */
void                   resell_condition_report_set_reasons      (ResellConditionReport *self,
                                                                 const char * const    *reasons);
const char * const    *resell_condition_report_get_reasons      (ResellConditionReport *self);
void                   resell_condition_report_set_condition_text (ResellConditionReport *self,
                                                                 const char            *text);
const char            *resell_condition_report_get_condition_text (ResellConditionReport *self);
void                   resell_condition_report_set_price_line   (ResellConditionReport *self,
                                                                 const char            *line);
const char            *resell_condition_report_get_price_line   (ResellConditionReport *self);
/* A copy of @flaw is kept. */
void                   resell_condition_report_add_flaw         (ResellConditionReport *self,
                                                                 const ResellReportFlaw *flaw);
guint                  resell_condition_report_get_n_flaws      (ResellConditionReport *self);
guint                  resell_condition_report_get_n_photos     (ResellConditionReport *self);

/* Writes the report atomically: a PDF (A4, cairo) or one HTML file with
 * everything inline (CSS, the photos as data: URIs, the QR code and the
 * flaw shapes as inline SVG) and nothing loaded from anywhere.  The
 * pictures are listing renders (libvips, private metadata stripped: no
 * GPS, serial numbers or owner), at most 800 px.  Slow: run from a worker
 * thread, or use the _async version. */
gboolean               resell_condition_report_write            (ResellConditionReport *self,
                                                                 const char            *path,
                                                                 ResellReportFormat     format,
                                                                 GCancellable          *cancellable,
                                                                 GError               **error);
void                   resell_condition_report_write_async      (ResellConditionReport *self,
                                                                 const char            *path,
                                                                 ResellReportFormat     format,
                                                                 GCancellable          *cancellable,
                                                                 GAsyncReadyCallback    callback,
                                                                 gpointer               user_data);
gboolean               resell_condition_report_write_finish     (ResellConditionReport *self,
                                                                 GAsyncResult          *result,
                                                                 GError               **error);

G_END_DECLS
