/* resell-ui-util.h — small pieces the app's pages share: messages in the
 * window, choosing or dropping photos to import, and counting what an
 * import did
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "resell-core.h"
#include "resell-window.h"

G_BEGIN_DECLS

/* The ResellWindow @widget is shown in, or NULL. */
ResellWindow *resell_ui_get_window         (GtkWidget           *widget);
/* Shows @message in @widget's window until dismissed (for what went
 * wrong).  FALSE when @widget is in no window: the caller logs it. */
gboolean      resell_ui_show_message       (GtkWidget           *widget,
                                            const char          *message);
/* A toast in @widget's window; @message is text, not markup.  Nothing when
 * @widget is in no window. */
void          resell_ui_show_toast         (GtkWidget           *widget,
                                            const char          *message);

typedef enum
{
  RESELL_UI_CHOOSE_PHOTOS    = 0,
  RESELL_UI_CHOOSE_FOLDER    = 1 << 0,   /* folders of photos, not files */
  RESELL_UI_CHOOSE_ALL_FILES = 1 << 1,   /* an "All Files" filter besides "Photos" */
} ResellUiChooseFlags;

/* Called with the files chosen (never an empty array). */
typedef void (*ResellUiFilesFunc) (GtkWidget *widget,
                                   GPtrArray *files);

/* Asks for photos to import with a modal file chooser over @widget's
 * window, then calls @func with them; nothing when cancelled.  @widget is
 * kept alive meanwhile. */
void          resell_ui_choose_photos      (GtkWidget           *widget,
                                            ResellUiChooseFlags  flags,
                                            ResellUiFilesFunc    func);
/* The files (GFile) of a dropped GDK_TYPE_FILE_LIST, or NULL when @value
 * holds something else. */
GPtrArray    *resell_ui_files_from_drop    (const GValue        *value);

/* Counts the ResellImportResults of an import: returns how many failed,
 * and their messages one a line in @failures (may be NULL). */
guint         resell_ui_count_import_results (GPtrArray         *results,
                                              guint             *imported,
                                              guint             *duplicates,
                                              GString           *failures);
/* "3 photos imported", or with @duplicates "2 imported, 1 was already in
 * this item". */
char         *resell_ui_format_imported    (guint                imported,
                                            guint                duplicates);

G_END_DECLS
