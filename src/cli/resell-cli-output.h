/* resell-cli-output.h — what the resell-cli commands print: messages,
 * tables, fields and the JSON of items, photos, imports and shot checks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "resell-core.h"

#include "resell-cli-common.h"

G_BEGIN_DECLS

/* A "Label:  value" line of resell_cli_print_fields(); @value is owned by
 * the caller. */
typedef struct
{
  const char *label;
  char       *value;
} ResellCliField;

void            resell_cli_print_error                (const char *format,
                                                       ...) G_GNUC_PRINTF (1, 2);
void            resell_cli_print_warning              (const char *message);
ResellCliStatus resell_cli_usage_error                (const char *command,
                                                       const char *message);
void            resell_cli_print_json                 (JsonBuilder *builder);
char           *resell_cli_dup_utf8_path              (const char *path);
void            resell_cli_json_add_string            (JsonBuilder *builder,
                                                       const char  *name,
                                                       const char  *value);
void            resell_cli_json_add_path              (JsonBuilder *builder,
                                                       const char  *name,
                                                       const char  *path);
void            resell_cli_json_add_int               (JsonBuilder *builder,
                                                       const char  *name,
                                                       gint64       value);
const char     *resell_cli_enum_nick                  (GType       type,
                                                       int         value,
                                                       const char *fallback);
void            resell_cli_json_add_time              (JsonBuilder *builder,
                                                       const char  *name,
                                                       gint64       usec);
char           *resell_cli_format_local_time          (gint64 usec);
char           *resell_cli_dup_ellipsized             (const char *text,
                                                       gsize       max);
GPtrArray      *resell_cli_table_new                  (const char *first_heading,
                                                       ...) G_GNUC_NULL_TERMINATED;
void            resell_cli_table_add_row              (GPtrArray *rows,
                                                       ...);
void            resell_cli_print_table                (GPtrArray *rows,
                                                       guint      n_columns);
void            resell_cli_print_fields               (const ResellCliField *fields,
                                                       guint                 n_fields,
                                                       const char           *indent);
void            resell_cli_json_add_item_members      (JsonBuilder *builder,
                                                       ResellItem  *item);
void            resell_cli_json_add_item              (JsonBuilder *builder,
                                                       ResellItem  *item);
void            resell_cli_json_add_checks            (JsonBuilder *builder,
                                                       const char  *name,
                                                       const char  *checks_json);
void            resell_cli_json_add_problem_sentences (JsonBuilder      *builder,
                                                       const char       *name,
                                                       ResellShotReport *report);
char           *resell_cli_dup_checks_summary         (const char *checks_json);
void            resell_cli_json_add_photo             (JsonBuilder       *builder,
                                                       ResellPhoto       *photo,
                                                       ResellThumbnailer *thumbnailer);
const char     *resell_cli_slot_or_extra              (ResellPhoto *photo);
void            resell_cli_json_add_import_status     (JsonBuilder        *builder,
                                                       ResellImportResult *result);
void            resell_cli_json_add_import_photo      (JsonBuilder       *builder,
                                                       ResellPhoto       *photo,
                                                       ResellThumbnailer *thumbnailer);
void            resell_cli_print_import_failure       (const char *message,
                                                       const char *name);
const char     *resell_cli_report_status              (ResellShotReport *report);
char           *resell_cli_dup_report_measures        (ResellShotReport *report);
void            resell_cli_print_report_problems      (ResellShotReport *report);

G_END_DECLS
