/* resell-catalog-grading.h — what the seller said about an item's
 * condition: checklist answers, a grade override with its reason, who and
 * when, and the condition text when they edited it.  Grade and condition
 * ids are kept as text here: the catalog knows nothing of the scale.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "catalog/resell-catalog.h"

G_BEGIN_DECLS

typedef struct
{
  GHashTable *answers;          /* question id → answer id (both char*) */
  char       *override_grade;   /* condition id ("good"), or NULL when not overridden */
  char       *override_reason;
  char       *override_by;      /* the person's name */
  gint64      override_at;      /* µs since the epoch; 0 when not overridden */
  char       *condition_text;   /* the seller's own text, or NULL: written from the flaws */
  gint64      text_edited_at;   /* µs since the epoch; 0 when not edited */
} ResellItemGrading;

#define RESELL_TYPE_ITEM_GRADING (resell_item_grading_get_type ())
GType              resell_item_grading_get_type (void) G_GNUC_CONST;
ResellItemGrading *resell_item_grading_new      (void);
ResellItemGrading *resell_item_grading_copy     (const ResellItemGrading *grading);
void               resell_item_grading_free     (ResellItemGrading       *grading);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ResellItemGrading, resell_item_grading_free)

/* The item's record; an empty one when nothing was said yet.  Fails with
 * RESELL_CATALOG_ERROR_NOT_FOUND for an unknown item. */
ResellItemGrading *resell_catalog_get_grading          (ResellCatalog  *self,
                                                        gint64          item_id,
                                                        GError        **error);
/* Stores @answers (question id → answer id) over the existing ones; an
 * empty answer id ("") forgets that question's answer. */
gboolean           resell_catalog_set_answers          (ResellCatalog  *self,
                                                        gint64          item_id,
                                                        GHashTable     *answers,
                                                        GError        **error);
/* Overrides the grade (@grade_id a condition id, @reason required and not
 * empty, @who the person) or, with @grade_id NULL, clears the override. */
gboolean           resell_catalog_set_grade_override   (ResellCatalog  *self,
                                                        gint64          item_id,
                                                        const char     *grade_id,
                                                        const char     *reason,
                                                        const char     *who,
                                                        GError        **error);
/* Keeps the seller's own condition text, marked edited; NULL drops the edit
 * so the text is written from the flaws again ("Regenerate"). */
gboolean           resell_catalog_set_condition_text   (ResellCatalog  *self,
                                                        gint64          item_id,
                                                        const char     *text,
                                                        GError        **error);

/* Stores item @item_id's effective grade (a condition id, or NULL: not
 * graded) as lists show it.  Writes, and emits item-changed, only when the
 * stored grade differs, so that whoever keeps it in step with item-changed
 * comes to rest.  @changed (may be NULL) says whether it wrote.  Does not
 * touch updated_at: the grade follows from what the seller said. */
gboolean           resell_catalog_set_item_grade       (ResellCatalog  *self,
                                                        gint64          item_id,
                                                        const char     *grade_id,
                                                        gboolean       *changed,
                                                        GError        **error);

/* Every item's record at once (items with nothing said are absent):
 * item id (gint64*) → ResellItemGrading*.  For grading a whole catalog
 * without a query per item. */
GHashTable        *resell_catalog_list_gradings        (ResellCatalog  *self,
                                                        GError        **error);

/* A flaw as grading reads it: what, how bad, where, and the number of its
 * photo in the item's photo order (1-based). */
typedef struct
{
  gint64  item_id;
  char   *type_id;
  char   *severity;     /* "minor", "moderate", "major" */
  char   *zone_id;      /* NULL when none */
  guint   photo_number;
} ResellGradingFlawRow;

/* The flaws of item @item_id, or of every item when @item_id is 0, ordered
 * by item; element type ResellGradingFlawRow (the array frees them). */
GArray            *resell_catalog_list_grading_flaws   (ResellCatalog  *self,
                                                        gint64          item_id,
                                                        GError        **error);

/* The same on the catalog's ordered worker.  Each write emits
 * ResellCatalog::item-changed for the item once committed. */
void               resell_catalog_get_grading_async    (ResellCatalog        *self,
                                                        gint64                item_id,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
ResellItemGrading *resell_catalog_get_grading_finish   (ResellCatalog        *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void               resell_catalog_set_answers_async    (ResellCatalog        *self,
                                                        gint64                item_id,
                                                        GHashTable           *answers,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean           resell_catalog_set_answers_finish   (ResellCatalog        *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void               resell_catalog_set_grade_override_async  (ResellCatalog        *self,
                                                             gint64                item_id,
                                                             const char           *grade_id,
                                                             const char           *reason,
                                                             const char           *who,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean           resell_catalog_set_grade_override_finish (ResellCatalog        *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
void               resell_catalog_set_condition_text_async  (ResellCatalog        *self,
                                                             gint64                item_id,
                                                             const char           *text,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean           resell_catalog_set_condition_text_finish (ResellCatalog        *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);

G_END_DECLS
