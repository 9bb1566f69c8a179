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

G_END_DECLS
