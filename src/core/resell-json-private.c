/* resell-json-private.c — shared by the core's JSON file loaders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "resell-json-private.h"

/* json-glib reports syntax errors as "<data>:LINE:COLUMN: message" when it
 * parses from memory.  Turn that into our "source:LINE: message", set in
 * @domain with @code. */
void
resell_json_set_syntax_error (GError       **error,
                              GQuark         domain,
                              int            code,
                              const char    *source,
                              const GError  *json_error)
{
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;

  regex = g_regex_new ("^<data>:(\\d+):\\d+: (.*)$", G_REGEX_DOTALL, 0, NULL);

  if (g_regex_match (regex, json_error->message, 0, &match))
    {
      g_autofree char *line = g_match_info_fetch (match, 1);
      g_autofree char *message = g_match_info_fetch (match, 2);

      g_set_error (error, domain, code, "%s:%s: %s", source, line, message);
    }
  else
    {
      /* Not located by json-glib; the file's start is the honest answer. */
      g_set_error (error, domain, code, "%s:1: %s", source, json_error->message);
    }
}

/* Notes that @member_name was read at @line in an object whose members so far
 * are @member_lines (name → line, as GUINT_TO_POINTER).  json-glib keeps only
 * the last of two equal keys, so the loaders catch a key given twice here and
 * report the first such key with its line. */
void
resell_json_note_member (GHashTable  *member_lines,
                         const char  *member_name,
                         guint        line,
                         char       **duplicate_key,
                         guint       *duplicate_line)
{
  if (g_hash_table_contains (member_lines, member_name))
    {
      if (*duplicate_key == NULL)
        {
          *duplicate_key = g_strdup (member_name);
          *duplicate_line = line;
        }
      return;
    }

  g_hash_table_insert (member_lines, g_strdup (member_name), GUINT_TO_POINTER (line));
}
