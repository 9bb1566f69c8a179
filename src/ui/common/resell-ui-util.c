/* resell-ui-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-ui-util"

#include "config.h"

#include <glib/gi18n.h>

#include "common/resell-ui-util.h"

ResellWindow *
resell_ui_get_window (GtkWidget *widget)
{
  GtkRoot *root;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  root = gtk_widget_get_root (widget);
  return RESELL_IS_WINDOW (root) ? RESELL_WINDOW (root) : NULL;
}

gboolean
resell_ui_show_message (GtkWidget  *widget,
                        const char *message)
{
  ResellWindow *window = resell_ui_get_window (widget);

  if (window == NULL)
    return FALSE;

  resell_window_show_message (window, message);
  return TRUE;
}

void
resell_ui_show_toast (GtkWidget  *widget,
                      const char *message)
{
  ResellWindow *window = resell_ui_get_window (widget);
  g_autofree char *escaped = NULL;

  /* Toast titles are markup in libadwaita 1.2: file names may hold "&". */
  if (window != NULL)
    {
      escaped = g_markup_escape_text (message, -1);
      resell_window_add_toast (window, adw_toast_new (escaped));
    }
}

/* Choosing photos */

typedef struct
{
  GtkWidget         *widget;
  ResellUiFilesFunc  func;
} ChooseJob;

static void
chooser_response (GtkNativeDialog *chooser,
                  int              response,
                  ChooseJob       *job)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) chosen = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
      guint n = g_list_model_get_n_items (chosen);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (files, g_list_model_get_item (chosen, i));
      if (files->len > 0)
        job->func (job->widget, files);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (job->widget);
  g_free (job);
}

void
resell_ui_choose_photos (GtkWidget           *widget,
                         ResellUiChooseFlags  flags,
                         ResellUiFilesFunc    func)
{
  gboolean folder = (flags & RESELL_UI_CHOOSE_FOLDER) != 0;
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = NULL;
  ChooseJob *job;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (func != NULL);

  chooser = gtk_file_chooser_native_new (folder ? _("Import a Folder of Photos") : _("Import Photos"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         folder ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER : GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);

  if (!folder)
    {
      filter = gtk_file_filter_new ();
      gtk_file_filter_set_name (filter, _("Photos"));
      gtk_file_filter_add_mime_type (filter, "image/*");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
      g_clear_object (&filter);
    }

  if (!folder && (flags & RESELL_UI_CHOOSE_ALL_FILES) != 0)
    {
      /* Cameras and editors sometimes write files no MIME sniffer knows;
       * the importer checks every file itself. */
      filter = gtk_file_filter_new ();
      gtk_file_filter_set_name (filter, _("All Files"));
      gtk_file_filter_add_pattern (filter, "*");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
    }

  job = g_new0 (ChooseJob, 1);
  job->widget = g_object_ref (widget);
  job->func = func;
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

GPtrArray *
resell_ui_files_from_drop (const GValue *value)
{
  GPtrArray *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return NULL;

  files = g_ptr_array_new_with_free_func (g_object_unref);
  for (GSList *l = g_value_get_boxed (value); l != NULL; l = l->next)
    g_ptr_array_add (files, g_object_ref (l->data));
  return files;
}

/* What an import did */

guint
resell_ui_count_import_results (GPtrArray *results,
                                guint     *imported,
                                guint     *duplicates,
                                GString   *failures)
{
  guint n_imported = 0, n_duplicates = 0, n_failed = 0;

  g_return_val_if_fail (results != NULL, 0);

  for (guint i = 0; i < results->len; i++)
    {
      ResellImportResult *r = g_ptr_array_index (results, i);

      switch (resell_import_result_get_status (r))
        {
        case RESELL_IMPORT_STATUS_IMPORTED:
          n_imported++;
          break;
        case RESELL_IMPORT_STATUS_DUPLICATE:
          n_duplicates++;
          break;
        case RESELL_IMPORT_STATUS_FAILED:
        default:
          n_failed++;
          if (failures != NULL)
            {
              if (failures->len > 0)
                g_string_append_c (failures, '\n');
              g_string_append (failures, resell_import_result_get_message (r));
            }
          break;
        }
    }

  if (imported != NULL)
    *imported = n_imported;
  if (duplicates != NULL)
    *duplicates = n_duplicates;
  return n_failed;
}

char *
resell_ui_format_imported (guint imported,
                           guint duplicates)
{
  if (duplicates == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u photo imported", "%u photos imported", imported),
                            imported);

  /* Translators: "2 photos imported, 1 was already in this item" (the second part is about duplicates) */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u imported, %u was already in this item",
                                       "%u imported, %u were already in this item",
                                       duplicates),
                          imported, duplicates);
}
