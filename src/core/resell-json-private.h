/* resell-json-private.h — shared by the core's JSON file loaders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void resell_json_set_syntax_error (GError       **error,
                                   GQuark         domain,
                                   int            code,
                                   const char    *source,
                                   const GError  *json_error);

void resell_json_note_member      (GHashTable    *member_lines,
                                   const char    *member_name,
                                   guint          line,
                                   char         **duplicate_key,
                                   guint         *duplicate_line);

G_END_DECLS
