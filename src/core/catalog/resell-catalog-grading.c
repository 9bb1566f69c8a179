/* resell-catalog-grading.c — checklist answers, grade overrides and edited
 * condition texts, per item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-catalog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "catalog/resell-catalog-grading.h"
#include "catalog/resell-catalog-private.h"

G_DEFINE_BOXED_TYPE (ResellItemGrading, resell_item_grading,
                     resell_item_grading_copy, resell_item_grading_free)

ResellItemGrading *
resell_item_grading_new (void)
{
  ResellItemGrading *grading = g_new0 (ResellItemGrading, 1);

  grading->answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  return grading;
}

ResellItemGrading *
resell_item_grading_copy (const ResellItemGrading *grading)
{
  ResellItemGrading *copy = resell_item_grading_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, grading->answers);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->answers, g_strdup (key), g_strdup (value));

  copy->override_grade = g_strdup (grading->override_grade);
  copy->override_reason = g_strdup (grading->override_reason);
  copy->override_by = g_strdup (grading->override_by);
  copy->override_at = grading->override_at;
  copy->condition_text = g_strdup (grading->condition_text);
  copy->text_edited_at = grading->text_edited_at;

  return copy;
}

void
resell_item_grading_free (ResellItemGrading *grading)
{
  if (grading == NULL)
    return;

  g_hash_table_unref (grading->answers);
  g_free (grading->override_grade);
  g_free (grading->override_reason);
  g_free (grading->override_by);
  g_free (grading->condition_text);
  g_free (grading);
}

/* Fails for an unknown item, so that writes for one are not silently lost. */
static gboolean
check_item_locked (ResellCatalog  *self,
                   gint64          item_id,
                   GError        **error)
{
  g_autoptr(ResellItem) item = resell_catalog_read_item (self, item_id, NULL, error);

  return item != NULL;
}

ResellItemGrading *
resell_catalog_get_grading (ResellCatalog  *self,
                            gint64          item_id,
                            GError        **error)
{
  g_autoptr(ResellItemGrading) grading = resell_item_grading_new ();
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(ResellCatalogStmt) answers = NULL;
  g_autoptr(ResellCatalogStmt) record = NULL;
  int rc;

  g_return_val_if_fail (RESELL_IS_CATALOG (self), NULL);
  g_return_val_if_fail (item_id > 0, NULL);

  locker = g_rec_mutex_locker_new (&self->lock);

  answers = resell_catalog_prepare (self,
                                    "SELECT question_id, answer_id FROM item_answers WHERE item_id = ?1",
                                    error);
  if (answers == NULL)
    return NULL;

  sqlite3_bind_int64 (answers, 1, item_id);
  while ((rc = sqlite3_step (answers)) == SQLITE_ROW)
    g_hash_table_insert (grading->answers,
                         g_strdup (resell_catalog_column_text (answers, 0)),
                         g_strdup (resell_catalog_column_text (answers, 1)));
  if (rc != SQLITE_DONE)
    {
      resell_catalog_sqlite_error (self, rc, error);
      return NULL;
    }

  record = resell_catalog_prepare (self,
                                   "SELECT override_grade, override_reason, override_by, override_at,"
                                   "       condition_text, text_edited_at"
                                   "  FROM item_grading WHERE item_id = ?1",
                                   error);
  if (record == NULL)
    return NULL;

  sqlite3_bind_int64 (record, 1, item_id);
  rc = sqlite3_step (record);
  if (rc == SQLITE_ROW)
    {
      grading->override_grade = g_strdup ((const char *)sqlite3_column_text (record, 0));
      grading->override_reason = g_strdup ((const char *)sqlite3_column_text (record, 1));
      grading->override_by = g_strdup ((const char *)sqlite3_column_text (record, 2));
      grading->override_at = sqlite3_column_int64 (record, 3);
      grading->condition_text = g_strdup ((const char *)sqlite3_column_text (record, 4));
      grading->text_edited_at = sqlite3_column_int64 (record, 5);
    }
  else if (rc != SQLITE_DONE)
    {
      resell_catalog_sqlite_error (self, rc, error);
      return NULL;
    }

  /* Nothing said yet, or no such item: only the second is an error.  Asked
   * only now, as reading the item costs more than the two queries. */
  if (rc == SQLITE_DONE && g_hash_table_size (grading->answers) == 0 &&
      !check_item_locked (self, item_id, error))
    return NULL;

  return g_steal_pointer (&grading);
}

static ResellItemGrading *
lookup_or_add (GHashTable *gradings,
               gint64      item_id)
{
  ResellItemGrading *grading = g_hash_table_lookup (gradings, &item_id);

  if (grading == NULL)
    {
      gint64 *key = g_new (gint64, 1);

      *key = item_id;
      grading = resell_item_grading_new ();
      g_hash_table_insert (gradings, key, grading);
    }

  return grading;
}

GHashTable *
resell_catalog_list_gradings (ResellCatalog  *self,
                              GError        **error)
{
  g_autoptr(GHashTable) gradings = NULL;
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(ResellCatalogStmt) answers = NULL;
  g_autoptr(ResellCatalogStmt) records = NULL;
  int rc;

  g_return_val_if_fail (RESELL_IS_CATALOG (self), NULL);

  gradings = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                    (GDestroyNotify)resell_item_grading_free);
  locker = g_rec_mutex_locker_new (&self->lock);

  if (!(answers = resell_catalog_prepare (self, "SELECT item_id, question_id, answer_id FROM item_answers", error)))
    return NULL;

  while ((rc = sqlite3_step (answers)) == SQLITE_ROW)
    g_hash_table_insert (lookup_or_add (gradings, sqlite3_column_int64 (answers, 0))->answers,
                         g_strdup (resell_catalog_column_text (answers, 1)),
                         g_strdup (resell_catalog_column_text (answers, 2)));
  if (rc != SQLITE_DONE)
    {
      resell_catalog_sqlite_error (self, rc, error);
      return NULL;
    }

  records = resell_catalog_prepare (self,
                                    "SELECT item_id, override_grade, override_reason, override_by, override_at,"
                                    "       condition_text, text_edited_at FROM item_grading",
                                    error);
  if (records == NULL)
    return NULL;

  while ((rc = sqlite3_step (records)) == SQLITE_ROW)
    {
      ResellItemGrading *grading = lookup_or_add (gradings, sqlite3_column_int64 (records, 0));

      grading->override_grade = g_strdup ((const char *)sqlite3_column_text (records, 1));
      grading->override_reason = g_strdup ((const char *)sqlite3_column_text (records, 2));
      grading->override_by = g_strdup ((const char *)sqlite3_column_text (records, 3));
      grading->override_at = sqlite3_column_int64 (records, 4);
      grading->condition_text = g_strdup ((const char *)sqlite3_column_text (records, 5));
      grading->text_edited_at = sqlite3_column_int64 (records, 6);
    }
  if (rc != SQLITE_DONE)
    {
      resell_catalog_sqlite_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&gradings);
}

static void
flaw_row_clear (gpointer data)
{
  ResellGradingFlawRow *row = data;

  g_free (row->type_id);
  g_free (row->severity);
  g_free (row->zone_id);
}

GArray *
resell_catalog_list_grading_flaws (ResellCatalog  *self,
                                   gint64          item_id,
                                   GError        **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(ResellCatalogStmt) stmt = NULL;
  g_autoptr(GArray) rows = NULL;
  int rc;

  g_return_val_if_fail (RESELL_IS_CATALOG (self), NULL);
  g_return_val_if_fail (item_id >= 0, NULL);

  locker = g_rec_mutex_locker_new (&self->lock);

  /* A photo's number is its place in the item's photo order, the order
   * resell_catalog_list_photos() gives and listings use. */
  /* Two texts rather than "?1 = 0 OR …", which SQLite cannot use an index
   * for: one item's flaws must not read every photo. */
  stmt = resell_catalog_prepare (self,
                                 item_id > 0
                                 ? "SELECT f.item_id, f.type_id, f.severity, f.zone_id, n.number"
                                   "  FROM flaws f JOIN"
                                   "       (SELECT id, row_number () OVER (ORDER BY position, id) AS number"
                                   "          FROM photos WHERE item_id = ?1) n ON n.id = f.photo_id"
                                   " WHERE f.item_id = ?1"
                                   " ORDER BY n.number, f.id"
                                 : "SELECT f.item_id, f.type_id, f.severity, f.zone_id, n.number"
                                   "  FROM flaws f JOIN"
                                   "       (SELECT id, row_number () OVER (PARTITION BY item_id ORDER BY position, id) AS number"
                                   "          FROM photos) n ON n.id = f.photo_id"
                                   " ORDER BY f.item_id, n.number, f.id",
                                 error);
  if (stmt == NULL)
    return NULL;

  if (item_id > 0)
    sqlite3_bind_int64 (stmt, 1, item_id);
  rows = g_array_new (FALSE, TRUE, sizeof (ResellGradingFlawRow));
  g_array_set_clear_func (rows, flaw_row_clear);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *zone = resell_catalog_column_text (stmt, 3);
      ResellGradingFlawRow row = {
        sqlite3_column_int64 (stmt, 0),
        g_strdup (resell_catalog_column_text (stmt, 1)),
        g_strdup (resell_catalog_column_text (stmt, 2)),
        zone && zone[0] ? g_strdup (zone) : NULL,
        (guint)sqlite3_column_int64 (stmt, 4),
      };

      g_array_append_val (rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      resell_catalog_sqlite_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&rows);
}

static gboolean
set_answers_locked (ResellCatalog  *self,
                    gint64          item_id,
                    GHashTable     *answers,
                    GError        **error)
{
  GHashTableIter iter;
  gpointer key, value;

  if (!check_item_locked (self, item_id, error))
    return FALSE;

  g_hash_table_iter_init (&iter, answers);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr(ResellCatalogStmt) stmt = NULL;
      const char *answer_id = value;

      if (answer_id == NULL || answer_id[0] == '\0')
        stmt = resell_catalog_prepare (self,
                                       "DELETE FROM item_answers WHERE item_id = ?1 AND question_id = ?2",
                                       error);
      else
        stmt = resell_catalog_prepare (self,
                                       "INSERT INTO item_answers (item_id, question_id, answer_id) VALUES (?1, ?2, ?3)"
                                       " ON CONFLICT (item_id, question_id) DO UPDATE SET answer_id = excluded.answer_id",
                                       error);
      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, item_id);
      sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
      if (answer_id != NULL && answer_id[0] != '\0')
        sqlite3_bind_text (stmt, 3, answer_id, -1, SQLITE_TRANSIENT);

      if (!resell_catalog_step_done (self, stmt, error))
        return FALSE;
    }

  return resell_catalog_queue_item_event (self, RESELL_CATALOG_EVENT_CHANGED, item_id, error);
}

gboolean
resell_catalog_set_answers (ResellCatalog  *self,
                            gint64          item_id,
                            GHashTable     *answers,
                            GError        **error)
{
  guint mark;

  g_return_val_if_fail (RESELL_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (item_id > 0, FALSE);
  g_return_val_if_fail (answers != NULL, FALSE);

  if (!resell_catalog_txn_begin (self, &mark, error))
    return FALSE;

  return resell_catalog_txn_end (self, mark, set_answers_locked (self, item_id, answers, error), error);
}

static gboolean
set_item_grade_locked (ResellCatalog  *self,
                       gint64          item_id,
                       const char     *grade_id,
                       gboolean       *changed,
                       GError        **error)
{
  g_autoptr(ResellCatalogStmt) stmt = NULL;

  if (!check_item_locked (self, item_id, error))
    return FALSE;

  stmt = resell_catalog_prepare (self,
                                 "UPDATE items SET grade = ?2 WHERE id = ?1 AND grade IS NOT ?2",
                                 error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, item_id);
  sqlite3_bind_text (stmt, 2, grade_id, -1, SQLITE_TRANSIENT);

  if (!resell_catalog_step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    return TRUE;

  *changed = TRUE;

  return resell_catalog_queue_item_event (self, RESELL_CATALOG_EVENT_CHANGED, item_id, error);
}

gboolean
resell_catalog_set_item_grade (ResellCatalog  *self,
                               gint64          item_id,
                               const char     *grade_id,
                               gboolean       *changed,
                               GError        **error)
{
  gboolean dummy = FALSE;
  guint mark;

  g_return_val_if_fail (RESELL_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (item_id > 0, FALSE);

  if (changed == NULL)
    changed = &dummy;
  *changed = FALSE;

  if (!resell_catalog_txn_begin (self, &mark, error))
    return FALSE;

  return resell_catalog_txn_end (self, mark,
                                 set_item_grade_locked (self, item_id, grade_id, changed, error),
                                 error);
}

/* The row exists once anything but answers was said. */
static gboolean
ensure_record_locked (ResellCatalog  *self,
                      gint64          item_id,
                      GError        **error)
{
  g_autoptr(ResellCatalogStmt) stmt = NULL;

  stmt = resell_catalog_prepare (self,
                                 "INSERT OR IGNORE INTO item_grading (item_id) VALUES (?1)",
                                 error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, item_id);

  return resell_catalog_step_done (self, stmt, error);
}

static gboolean
set_override_locked (ResellCatalog  *self,
                     gint64          item_id,
                     const char     *grade_id,
                     const char     *reason,
                     const char     *who,
                     GError        **error)
{
  g_autoptr(ResellCatalogStmt) stmt = NULL;

  if (!check_item_locked (self, item_id, error) ||
      !ensure_record_locked (self, item_id, error))
    return FALSE;

  stmt = resell_catalog_prepare (self,
                                 "UPDATE item_grading SET override_grade = ?2, override_reason = ?3,"
                                 " override_by = ?4, override_at = ?5 WHERE item_id = ?1",
                                 error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, item_id);
  if (grade_id != NULL)
    {
      sqlite3_bind_text (stmt, 2, grade_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, reason, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, who, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 5, resell_catalog_now_usec ());
    }

  if (!resell_catalog_step_done (self, stmt, error))
    return FALSE;

  return resell_catalog_queue_item_event (self, RESELL_CATALOG_EVENT_CHANGED, item_id, error);
}

gboolean
resell_catalog_set_grade_override (ResellCatalog  *self,
                                   gint64          item_id,
                                   const char     *grade_id,
                                   const char     *reason,
                                   const char     *who,
                                   GError        **error)
{
  guint mark;

  g_return_val_if_fail (RESELL_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (item_id > 0, FALSE);

  /* An override without a reason is exactly what a buyer's dispute or a
   * consignor's question cannot be answered from. */
  if (grade_id != NULL)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (reason ? reason : ""));

      if (stripped[0] == '\0')
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("Say why the grade is overridden"));
          return FALSE;
        }
    }

  if (grade_id != NULL && (who == NULL || who[0] == '\0'))
    who = g_get_real_name ();

  if (!resell_catalog_txn_begin (self, &mark, error))
    return FALSE;

  return resell_catalog_txn_end (self, mark,
                                 set_override_locked (self, item_id, grade_id, reason, who, error),
                                 error);
}

static gboolean
set_text_locked (ResellCatalog  *self,
                 gint64          item_id,
                 const char     *text,
                 GError        **error)
{
  g_autoptr(ResellCatalogStmt) stmt = NULL;

  if (!check_item_locked (self, item_id, error) ||
      !ensure_record_locked (self, item_id, error))
    return FALSE;

  stmt = resell_catalog_prepare (self,
                                 "UPDATE item_grading SET condition_text = ?2, text_edited_at = ?3 WHERE item_id = ?1",
                                 error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, item_id);
  if (text != NULL)
    {
      sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, resell_catalog_now_usec ());
    }

  if (!resell_catalog_step_done (self, stmt, error))
    return FALSE;

  return resell_catalog_queue_item_event (self, RESELL_CATALOG_EVENT_CHANGED, item_id, error);
}

gboolean
resell_catalog_set_condition_text (ResellCatalog  *self,
                                   gint64          item_id,
                                   const char     *text,
                                   GError        **error)
{
  guint mark;

  g_return_val_if_fail (RESELL_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (item_id > 0, FALSE);

  if (!resell_catalog_txn_begin (self, &mark, error))
    return FALSE;

  return resell_catalog_txn_end (self, mark, set_text_locked (self, item_id, text, error), error);
}

/* ------------------------------------------------------------------------
 * On a worker
 *
 * One worker for these calls, in the order they were made: an answer
 * changed twice quickly must end as the second.
 * ------------------------------------------------------------------------ */

typedef enum
{
  OP_GET,
  OP_SET_ANSWERS,
  OP_SET_OVERRIDE,
  OP_SET_TEXT,
} Op;

typedef struct
{
  Op          op;
  gint64      item_id;
  GHashTable *answers;
  char       *grade_id;
  char       *reason;
  char       *who;
  char       *text;
} Job;

static void
job_free (Job *job)
{
  g_clear_pointer (&job->answers, g_hash_table_unref);
  g_free (job->grade_id);
  g_free (job->reason);
  g_free (job->who);
  g_free (job->text);
  g_free (job);
}

static void
ordered_worker (gpointer data,
                gpointer user_data)
{
  g_autoptr(GTask) task = data;
  ResellCatalog *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);
  GError *error = NULL;
  ResellItemGrading *grading;
  gboolean ok = FALSE;

  switch (job->op)
    {
    case OP_GET:
      if ((grading = resell_catalog_get_grading (self, job->item_id, &error)))
        {
          g_task_return_pointer (task, grading, (GDestroyNotify)resell_item_grading_free);
          return;
        }
      break;

    case OP_SET_ANSWERS:
      ok = resell_catalog_set_answers (self, job->item_id, job->answers, &error);
      break;

    case OP_SET_OVERRIDE:
      ok = resell_catalog_set_grade_override (self, job->item_id, job->grade_id,
                                              job->reason, job->who, &error);
      break;

    case OP_SET_TEXT:
      ok = resell_catalog_set_condition_text (self, job->item_id, job->text, &error);
      break;

    default:
      g_assert_not_reached ();
    }

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
run_job (ResellCatalog       *self,
         Job                 *job,
         gpointer             source_tag,
         GCancellable        *cancellable,
         GAsyncReadyCallback  callback,
         gpointer             user_data)
{
  static GThreadPool *pool;
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  if (g_once_init_enter (&pool))
    g_once_init_leave (&pool, g_thread_pool_new (ordered_worker, NULL, 1, FALSE, NULL));

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, (GDestroyNotify)job_free);
  g_thread_pool_push (pool, g_steal_pointer (&task), NULL);
}

static Job *
job_new (Op     op,
         gint64 item_id)
{
  Job *job = g_new0 (Job, 1);

  job->op = op;
  job->item_id = item_id;

  return job;
}

/* The three setters' results are a plain success or an error. */
static gboolean
finish_boolean (ResellCatalog  *self,
                GAsyncResult   *result,
                GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
resell_catalog_get_grading_async (ResellCatalog       *self,
                                  gint64               item_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (RESELL_IS_CATALOG (self));

  run_job (self, job_new (OP_GET, item_id), resell_catalog_get_grading_async,
           cancellable, callback, user_data);
}

ResellItemGrading *
resell_catalog_get_grading_finish (ResellCatalog  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
resell_catalog_set_answers_async (ResellCatalog       *self,
                                  gint64               item_id,
                                  GHashTable          *answers,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  Job *job;
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (RESELL_IS_CATALOG (self));
  g_return_if_fail (answers != NULL);

  /* Copied now: the caller may change its table while the worker runs. */
  job = job_new (OP_SET_ANSWERS, item_id);
  job->answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_iter_init (&iter, answers);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (job->answers, g_strdup (key), g_strdup (value));

  run_job (self, job, resell_catalog_set_answers_async, cancellable, callback, user_data);
}

gboolean
resell_catalog_set_answers_finish (ResellCatalog  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  return finish_boolean (self, result, error);
}

void
resell_catalog_set_grade_override_async (ResellCatalog       *self,
                                         gint64               item_id,
                                         const char          *grade_id,
                                         const char          *reason,
                                         const char          *who,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  Job *job;

  g_return_if_fail (RESELL_IS_CATALOG (self));

  job = job_new (OP_SET_OVERRIDE, item_id);
  job->grade_id = g_strdup (grade_id);
  job->reason = g_strdup (reason);
  job->who = g_strdup (who);

  run_job (self, job, resell_catalog_set_grade_override_async, cancellable, callback, user_data);
}

gboolean
resell_catalog_set_grade_override_finish (ResellCatalog  *self,
                                          GAsyncResult   *result,
                                          GError        **error)
{
  return finish_boolean (self, result, error);
}

void
resell_catalog_set_condition_text_async (ResellCatalog       *self,
                                         gint64               item_id,
                                         const char          *text,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  Job *job;

  g_return_if_fail (RESELL_IS_CATALOG (self));

  job = job_new (OP_SET_TEXT, item_id);
  job->text = g_strdup (text);

  run_job (self, job, resell_catalog_set_condition_text_async, cancellable, callback, user_data);
}

gboolean
resell_catalog_set_condition_text_finish (ResellCatalog  *self,
                                          GAsyncResult   *result,
                                          GError        **error)
{
  return finish_boolean (self, result, error);
}
