/* resell-category.h — a category of goods: its shot list, condition checklist
 * and flaw types, loaded from a data file (data/categories/<id>.json).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  RESELL_BACKDROP_ANY,     /* "any"   */
  RESELL_BACKDROP_WHITE,   /* "white" */
  RESELL_BACKDROP_GREY,    /* "grey"  */
  RESELL_BACKDROP_BLACK,   /* "black" */
} ResellBackdrop;

/* The backdrop named as in category files ("any", "white", "grey",
 * "black"); FALSE for any other text. */
gboolean resell_backdrop_from_name (const char     *name,
                                    ResellBackdrop *out);

typedef struct _ResellShot
{
  char           *id;        /* "front" */
  char           *label;     /* "Front" (translated) */
  char           *guidance;  /* "Whole bag, straps up, centred, lens at handle height" */
  gboolean        required;
  ResellBackdrop  backdrop;
} ResellShot;

typedef struct _ResellCheckQuestion
{
  char   *id;                /* "odour" */
  char   *question;          /* "Does it smell of smoke, perfume or damp?" */
  char  **answers;           /* NULL-terminated, e.g. { "No", "Faint", "Strong" } */
  char  **answer_ids;        /* NULL-terminated, same length: stable ids that
                              * grading rules and stored answers refer to,
                              * from "answer_ids" or, when the file has none,
                              * "1", "2", … by position */
} ResellCheckQuestion;

typedef struct _ResellFlawType
{
  char   *id;                /* "stain" */
  char   *label;             /* "Stain" */
  char   *description;       /* how to judge it; may be "" */
} ResellFlawType;

/* Where on the item a flaw is ("lining", "sole", "strap"): optional,
 * the category's "zones" list. */
typedef struct _ResellZone
{
  char   *id;                /* "lining" */
  char   *label;             /* "Lining" (translated) */
} ResellZone;

#define RESELL_TYPE_CATEGORY (resell_category_get_type ())
G_DECLARE_FINAL_TYPE (ResellCategory, resell_category, RESELL, CATEGORY, GObject)

/* Properties (read-only): "id", "name", "icon-name", "sku-code" (e.g. "BAG"), "source" (file it came from). */
const char               *resell_category_get_id         (ResellCategory *self);
const char               *resell_category_get_name       (ResellCategory *self);
const char               *resell_category_get_icon_name  (ResellCategory *self);
const char               *resell_category_get_sku_code   (ResellCategory *self);
const char               *resell_category_get_source     (ResellCategory *self);

guint                     resell_category_get_n_shots    (ResellCategory *self);
const ResellShot         *resell_category_get_shot       (ResellCategory *self, guint index);
const ResellShot         *resell_category_find_shot      (ResellCategory *self, const char *shot_id);
guint                     resell_category_get_n_questions (ResellCategory *self);
const ResellCheckQuestion *resell_category_get_question  (ResellCategory *self, guint index);
const ResellCheckQuestion *resell_category_find_question (ResellCategory *self, const char *question_id);
/* Index of @answer_id in @question's answers, or -1. */
int                       resell_check_question_find_answer (const ResellCheckQuestion *question,
                                                             const char                *answer_id);
guint                     resell_category_get_n_flaw_types (ResellCategory *self);
const ResellFlawType     *resell_category_get_flaw_type  (ResellCategory *self, guint index);
const ResellFlawType     *resell_category_find_flaw_type (ResellCategory *self, const char *flaw_id);
/* 0 when the category has no zones. */
guint                     resell_category_get_n_zones    (ResellCategory *self);
const ResellZone         *resell_category_get_zone       (ResellCategory *self, guint index);
const ResellZone         *resell_category_find_zone      (ResellCategory *self, const char *zone_id);

/* Parses and validates one category file.  Errors (G_IO_ERROR or JSON
 * parser errors, domain RESELL_CATEGORY_ERROR for invalid content) name the
 * file and line: "handbags.json:42: shot “front” has no label". */
#define RESELL_CATEGORY_ERROR (resell_category_error_quark ())
typedef enum { RESELL_CATEGORY_ERROR_INVALID } ResellCategoryError;
GQuark                    resell_category_error_quark    (void);

ResellCategory           *resell_category_new_from_data  (const char  *source_name,
                                                          const char  *data,
                                                          gssize       length,
                                                          GError     **error);

G_END_DECLS
