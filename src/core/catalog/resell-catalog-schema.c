/* resell-catalog-schema.c — the catalog's schema as a list of migrations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-catalog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "catalog/resell-catalog-private.h"

typedef struct
{
  /* Run first, in the step's transaction; may hold several statements. */
  const char *sql;
  /* For what SQL alone cannot express (rewriting data in C); may be NULL. */
  gboolean  (*apply) (sqlite3  *db,
                      GError  **error);
} MigrationStep;

/* migrations[i] takes a database from version i to version i + 1.  Steps
 * are history: once released, a step never changes; a new schema is a new
 * entry at the end and a bump of RESELL_CATALOG_SCHEMA_VERSION. */
static const MigrationStep migrations[] = {
  /* 1: the first catalog. */
  {
    "CREATE TABLE items ("
    "  id          INTEGER PRIMARY KEY,"
    "  sku         TEXT    NOT NULL UNIQUE,"
    "  category    TEXT    NOT NULL DEFAULT '',"
    "  brand       TEXT    NOT NULL DEFAULT '',"
    "  model       TEXT    NOT NULL DEFAULT '',"
    "  title       TEXT    NOT NULL DEFAULT '',"
    "  size        TEXT    NOT NULL DEFAULT '',"
    "  colour      TEXT    NOT NULL DEFAULT '',"
    "  material    TEXT    NOT NULL DEFAULT '',"
    "  notes       TEXT    NOT NULL DEFAULT '',"
    "  consignor   TEXT    NOT NULL DEFAULT '',"
    "  state       TEXT    NOT NULL DEFAULT 'draft'"
    "              CHECK (state IN ('draft', 'ready', 'queued', 'uploading', 'submitted')),"
    "  created_at  INTEGER NOT NULL,"
    "  updated_at  INTEGER NOT NULL"
    ");"
    "CREATE TABLE photos ("
    "  id            INTEGER PRIMARY KEY,"
    "  item_id       INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,"
    "  slot          TEXT,"
    "  position      INTEGER NOT NULL DEFAULT 0,"
    "  path          TEXT    NOT NULL,"
    "  original_name TEXT,"
    "  sha256        TEXT    NOT NULL,"
    "  width         INTEGER NOT NULL DEFAULT 0,"
    "  height        INTEGER NOT NULL DEFAULT 0,"
    "  captured_at   INTEGER NOT NULL DEFAULT 0,"
    "  camera_model  TEXT,"
    "  checks        TEXT,"
    "  added_at      INTEGER NOT NULL,"
    "  UNIQUE (item_id, sha256)"
    ");",
    NULL,
  },

  /* 2: a trash instead of deleting at once, SKU sequences that survive
   * deletions, and indexes for the item list (newest first, with its
   * cover photo). */
  {
    "ALTER TABLE items ADD COLUMN trashed_at INTEGER;"
    "CREATE TABLE sku_counters ("
    "  day   TEXT    PRIMARY KEY,"
    "  next  INTEGER NOT NULL"
    ");"
    "CREATE INDEX items_updated_at ON items (updated_at);"
    "CREATE INDEX photos_item_position ON photos (item_id, position);",
    NULL,
  },

  /* 3: the seller's edits to a photo (rotation, crop, …), kept apart from
   * the untouched original.  NULL means the defaults, so the photos of an
   * older catalog need no rewrite. */
  {
    "ALTER TABLE photos ADD COLUMN edits TEXT;",
    NULL,
  },

  /* 4: flaws marked on photos, in fractions of the upright original.  A
   * flaw goes with the photo it is marked on; its close-up photo only
   * unlinks.  Indexes on every reference, so a photo's removal finds its
   * flaws without reading them all. */
  {
    "CREATE TABLE flaws ("
    "  id              INTEGER PRIMARY KEY,"
    "  item_id         INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,"
    "  photo_id        INTEGER NOT NULL REFERENCES photos (id) ON DELETE CASCADE,"
    "  type_id         TEXT    NOT NULL,"
    "  severity        TEXT    NOT NULL CHECK (severity IN ('minor', 'moderate', 'major')),"
    "  zone_id         TEXT    NOT NULL DEFAULT '',"
    "  shape           TEXT    NOT NULL CHECK (shape IN ('point', 'ellipse', 'rect')),"
    "  x               REAL    NOT NULL,"
    "  y               REAL    NOT NULL,"
    "  width           REAL    NOT NULL DEFAULT 0,"
    "  height          REAL    NOT NULL DEFAULT 0,"
    "  note            TEXT    NOT NULL DEFAULT '',"
    "  detail_photo_id INTEGER REFERENCES photos (id) ON DELETE SET NULL,"
    "  created_at      INTEGER NOT NULL,"
    "  updated_at      INTEGER NOT NULL"
    ");"
    "CREATE INDEX flaws_item ON flaws (item_id);"
    "CREATE INDEX flaws_photo ON flaws (photo_id);"
    "CREATE INDEX flaws_detail_photo ON flaws (detail_photo_id);",
    NULL,
  },

  /* 5: grading: the checklist answers by question id, and what the seller
   * decided themselves: a grade override with its reason, who and when, and
   * their own condition text (NULL: written from the flaws). */
  {
    "CREATE TABLE item_answers ("
    "  item_id     INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,"
    "  question_id TEXT    NOT NULL,"
    "  answer_id   TEXT    NOT NULL,"
    "  PRIMARY KEY (item_id, question_id)"
    ");"
    "CREATE TABLE item_grading ("
    "  item_id         INTEGER PRIMARY KEY REFERENCES items (id) ON DELETE CASCADE,"
    "  override_grade  TEXT,"
    "  override_reason TEXT,"
    "  override_by     TEXT,"
    "  override_at     INTEGER,"
    "  condition_text  TEXT,"
    "  text_edited_at  INTEGER"
    ");",
    NULL,
  },

  /* 6: comparable sales for the price estimator, and the seller's asking
   * price on each item.  Names compare without case ("Coach" = "coach").
   * One index per level of the estimator (model, brand, category within a
   * currency), each ending in sold_at: a level reads only its newest
   * sales instead of sorting, or scanning, a whole brand or category. */
  {
    "CREATE TABLE comps ("
    "  id            INTEGER PRIMARY KEY,"
    "  source        TEXT    NOT NULL CHECK (source IN ('csv', 'manual', 'sale')),"
    "  category      TEXT    NOT NULL DEFAULT '' COLLATE NOCASE,"
    "  brand         TEXT    NOT NULL DEFAULT '' COLLATE NOCASE,"
    "  model         TEXT    NOT NULL DEFAULT '' COLLATE NOCASE,"
    "  grade         TEXT    NOT NULL DEFAULT '',"
    "  price_minor   INTEGER NOT NULL CHECK (price_minor > 0),"
    "  currency      TEXT    NOT NULL CHECK (length (currency) = 3),"
    "  sold_at       INTEGER NOT NULL,"
    "  reference     TEXT    NOT NULL DEFAULT '',"
    "  imported_from TEXT    NOT NULL DEFAULT '',"
    "  created_at    INTEGER NOT NULL"
    ");"
    "CREATE INDEX comps_model ON comps (currency, category, brand, model, sold_at);"
    "CREATE INDEX comps_brand ON comps (currency, category, brand, sold_at);"
    "CREATE INDEX comps_category ON comps (currency, category, sold_at);"
    "ALTER TABLE items ADD COLUMN list_price_minor INTEGER;"
    "ALTER TABLE items ADD COLUMN list_price_currency TEXT;",
    NULL,
  },

  /* 7: each item's effective grade (a condition id, NULL when not graded),
   * kept by the grade keeper so that lists and filters of 10,000 items
   * need not grade every item at start-up. */
  {
    "ALTER TABLE items ADD COLUMN grade TEXT;",
    NULL,
  },
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == RESELL_CATALOG_SCHEMA_VERSION);

gboolean
resell_catalog_set_sqlite_error (GError     **error,
                                 sqlite3     *db,
                                 int          rc,
                                 const char  *db_path)
{
  const char *detail;

  /* The connection's message names the table or constraint; the generic
   * one is all there is when opening failed. */
  if (db != NULL && sqlite3_errcode (db) == (rc & 0xff))
    detail = sqlite3_errmsg (db);
  else
    detail = sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_CORRUPT,
                   _("The catalog file “%s” is damaged and cannot be used (%s). "
                     "Restore it from a backup, or move it aside to start a new catalog."),
                   db_path, detail);
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_BUSY,
                   _("The catalog “%s” is being changed by another program. "
                     "Try again in a moment."),
                   db_path);
      break;

    case SQLITE_CONSTRAINT:
      g_set_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_CONSTRAINT,
                   _("The change conflicts with what the catalog already holds (%s)."),
                   detail);
      break;

    case SQLITE_FULL:
      g_set_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_FAILED,
                   _("There is no space left on the disk to save the catalog “%s”."),
                   db_path);
      break;

    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
    case SQLITE_AUTH:
      g_set_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_FAILED,
                   _("The catalog file “%s” cannot be opened for writing (%s)."),
                   db_path, detail);
      break;

    case SQLITE_IOERR:
      g_set_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_FAILED,
                   _("The catalog file “%s” could not be read or written (%s)."),
                   db_path, detail);
      break;

    default:
      g_set_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_FAILED,
                   _("The catalog “%s” reported an error (%s)."),
                   db_path, detail);
      break;
    }

  return FALSE;
}

static int
read_user_version (sqlite3 *db,
                   int     *version)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *version = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
    }

  sqlite3_finalize (stmt);

  return rc;
}

static gboolean
check_not_too_new (int          version,
                   const char  *db_path,
                   GError     **error)
{
  if (version <= RESELL_CATALOG_SCHEMA_VERSION)
    return TRUE;

  g_set_error (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_TOO_NEW,
               _("The catalog “%s” was written by a newer version of Resell "
                 "(catalog version %d; this version understands up to %d). "
                 "Update Resell to open it."),
               db_path, version, RESELL_CATALOG_SCHEMA_VERSION);

  return FALSE;
}

static void
rollback_quietly (sqlite3 *db)
{
  /* A failed statement may already have ended the transaction. */
  if (!sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
}

/* Applies migrations[index] unless another process got there first: the
 * version is read again under the write lock so that two Resells opening
 * the same old catalog at once migrate it only once. */
static gboolean
apply_step (sqlite3     *db,
            const char  *db_path,
            guint        index,
            GError     **error)
{
  const MigrationStep *step = &migrations[index];
  int to_version = (int) index + 1;
  g_autofree char *set_version = NULL;
  int version = 0;
  int rc;

  rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return resell_catalog_set_sqlite_error (error, db, rc, db_path);

  rc = read_user_version (db, &version);
  if (rc != SQLITE_OK)
    goto sqlite_failed;

  if (!check_not_too_new (version, db_path, error))
    goto failed;

  if (version >= to_version)
    {
      rollback_quietly (db);
      return TRUE;
    }

  g_debug ("Migrating catalog %s from version %d to %d", db_path, version, to_version);

  if (step->sql != NULL)
    {
      rc = sqlite3_exec (db, step->sql, NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        goto sqlite_failed;
    }

  if (step->apply != NULL && !step->apply (db, error))
    goto failed;

  /* user_version lives in the file header, which is part of the
   * transaction: the step and its version number commit together. */
  set_version = g_strdup_printf ("PRAGMA user_version = %d", to_version);
  rc = sqlite3_exec (db, set_version, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    goto sqlite_failed;

  rc = sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    goto sqlite_failed;

  return TRUE;

sqlite_failed:
  resell_catalog_set_sqlite_error (error, db, rc, db_path);
failed:
  rollback_quietly (db);
  return FALSE;
}

gboolean
resell_catalog_schema_migrate (sqlite3     *db,
                               const char  *db_path,
                               int          target_version,
                               int         *out_version,
                               GError     **error)
{
  int version = 0;
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (db_path != NULL, FALSE);
  g_return_val_if_fail (target_version >= 0 && target_version <= RESELL_CATALOG_SCHEMA_VERSION, FALSE);

  /* A quick look first, so a newer catalog is refused without ever taking
   * the write lock on it. */
  rc = read_user_version (db, &version);
  if (rc != SQLITE_OK)
    return resell_catalog_set_sqlite_error (error, db, rc, db_path);

  if (!check_not_too_new (version, db_path, error))
    return FALSE;

  for (int i = version; i < target_version; i++)
    {
      if (!apply_step (db, db_path, (guint) i, error))
        return FALSE;
    }

  rc = read_user_version (db, &version);
  if (rc != SQLITE_OK)
    return resell_catalog_set_sqlite_error (error, db, rc, db_path);

  if (out_version != NULL)
    *out_version = version;

  return TRUE;
}
