/* resell-item-page-documents.c — the item menu's Print Label… and Save
 * Condition Report…: the label is drawn by the core's ResellLabel, the
 * report built from the catalog and written by the core's
 * ResellConditionReport in its own threads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-item-page"

#include "config.h"

#include <glib/gi18n.h>

#include "item/resell-item-page-private.h"
#include "common/resell-ui-util.h"

/* ------------------------------------------------------------------------
 * Print Label…
 * ------------------------------------------------------------------------ */

static void
draw_label_page_cb (GtkPrintOperation *operation,
                    GtkPrintContext   *context,
                    int                page_nr,
                    ResellLabel       *label)
{
  g_autoptr(GError) error = NULL;

  /* Vector drawing only, no files: cheap enough for the UI thread, and
   * the same function the CLI's PDF uses. */
  if (!resell_label_draw (label, gtk_print_context_get_cairo_context (context),
                          gtk_print_context_get_width (context),
                          gtk_print_context_get_height (context),
                          &error))
    g_warning ("Could not draw the label of %s: %s", resell_label_get_sku (label), error->message);
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               ResellItemPage          *self)
{
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;

      gtk_print_operation_get_error (operation, &error);
      _resell_item_page_show_message (self, error->message);
    }
  g_object_unref (operation);
}

static void
print_label_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  ResellItemPage *self = RESELL_ITEM_PAGE (widget);
  g_autoptr(ResellLabel) label = NULL;
  g_autoptr(GtkPageSetup) page_setup = NULL;
  g_autoptr(GtkPaperSize) paper = NULL;
  g_autoptr(GError) error = NULL;
  GtkPrintOperation *operation;
  double width_mm, height_mm;

  if (self->draft == NULL)
    return;

  label = resell_label_new_for_item (self->draft, _resell_item_page_get_selected_category (self));
  resell_label_size_get_mm (resell_label_get_size (label), &width_mm, &height_mm);

  /* The label roll's own size, edge to edge; the print dialog still
   * offers other paper and Print to File (PDF). */
  paper = gtk_paper_size_new_custom ("resell-label", _("Label"), width_mm, height_mm, GTK_UNIT_MM);
  page_setup = gtk_page_setup_new ();
  gtk_page_setup_set_paper_size_and_default_margins (page_setup, paper);
  gtk_page_setup_set_orientation (page_setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_page_setup_set_top_margin (page_setup, 0, GTK_UNIT_MM);
  gtk_page_setup_set_bottom_margin (page_setup, 0, GTK_UNIT_MM);
  gtk_page_setup_set_left_margin (page_setup, 0, GTK_UNIT_MM);
  gtk_page_setup_set_right_margin (page_setup, 0, GTK_UNIT_MM);

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_job_name (operation, resell_label_get_sku (label));
  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_default_page_setup (operation, page_setup);
  gtk_print_operation_set_allow_async (operation, TRUE);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect_data (operation, "draw-page", G_CALLBACK (draw_label_page_cb),
                         g_steal_pointer (&label), (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  g_signal_connect_object (operation, "done", G_CALLBACK (print_done_cb), self, 0);

  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (gtk_widget_get_root (widget)), &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      _resell_item_page_show_message (self, error->message);
      g_object_unref (operation);
    }
  /* Otherwise "done" releases the operation. */
}

/* ------------------------------------------------------------------------
 * Save Condition Report…
 * ------------------------------------------------------------------------ */

/* What a save is about, carried from the chooser through the three
 * steps: the page's edits saved, the report built, the file written. */
typedef struct
{
  ResellItemPage     *page;
  gint64              item_id;
  char               *path;
  ResellReportFormat  format;
} ReportJob;

static void
report_job_free (ReportJob *job)
{
  g_clear_object (&job->page);
  g_free (job->path);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReportJob, report_job_free)

static void
report_written_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(ReportJob) job = user_data;
  g_autoptr(GError) error = NULL;

  if (!resell_condition_report_write_finish (RESELL_CONDITION_REPORT (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _resell_item_page_show_message (job->page, error->message);
      return;
    }
  resell_ui_show_toast (GTK_WIDGET (job->page), _("Condition report saved"));
}

static void
report_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ReportJob) job = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ResellConditionReport) report = resell_condition_report_load_finish (result, &error);
  ResellItemPage *self = job->page;
  ReportJob *writing;

  if (report == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _resell_item_page_show_message (self, error->message);
      return;
    }
  /* The job goes on to the last step, with its path. */
  writing = g_steal_pointer (&job);
  resell_condition_report_write_async (report, writing->path, writing->format, self->cancellable,
                                       report_written_cb, writing);
}

static void
load_report (ReportJob *job)
{
  ResellItemPage *self = job->page;
  ResellCatalog *catalog = _resell_item_page_get_catalog (self);
  ResellPricingPrefs prefs = { "", };

  if (catalog == NULL)
    {
      report_job_free (job);
      return;
    }

  /* Everything in the report comes from the core, in its thread: the
   * same report as resell-cli report. */
  resell_pricing_prefs_load (&prefs, resell_context_get_settings (self->context));
  resell_condition_report_load_async (catalog, self->categories, resell_context_get_grader (self->context),
                                      &prefs, job->item_id, self->cancellable,
                                      report_loaded_cb, job);
  resell_pricing_prefs_clear (&prefs);
}

static void
report_edits_saved_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(ReportJob) job = user_data;
  g_autoptr(GError) error = NULL;

  /* A failed save is reported by the page already; the report is still
   * made from what the catalog holds. */
  if (!resell_item_saver_flush_finish (RESELL_ITEM_SAVER (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  load_report (g_steal_pointer (&job));
}

static void
report_chooser_response (GtkNativeDialog *chooser,
                         int              response,
                         ResellItemPage  *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->draft != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
      ResellReportFormat format;

      if (path != NULL && !resell_report_format_for_path (path, &format))
        {
          /* No known extension: a PDF, named so. */
          char *with_pdf = g_strconcat (path, ".pdf", NULL);

          g_free (path);
          path = with_pdf;
          format = RESELL_REPORT_FORMAT_PDF;
        }
      if (path != NULL)
        {
          ReportJob *job = g_new0 (ReportJob, 1);

          job->page = g_object_ref (self);
          job->item_id = resell_item_get_id (self->draft);
          job->path = g_steal_pointer (&path);
          job->format = format;
          /* The report is read from the catalog: the page's last edits
           * land there first (the saver exists once the page saved any). */
          if (self->saver != NULL)
            resell_item_saver_flush_async (self->saver, self->cancellable, report_edits_saved_cb, job);
          else
            load_report (job);
        }
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
save_report_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  ResellItemPage *self = RESELL_ITEM_PAGE (widget);
  g_autoptr(GtkFileFilter) pdf = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) html = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (self->draft == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Save Condition Report"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_file_filter_set_name (pdf, _("PDF document"));
  gtk_file_filter_add_suffix (pdf, "pdf");
  gtk_file_filter_set_name (html, _("Web page (one file)"));
  gtk_file_filter_add_suffix (html, "html");
  gtk_file_filter_add_suffix (html, "htm");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), pdf);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), html);
  /* TRANSLATORS: the suggested file name of a condition report; %s is the SKU */
  name = g_strdup_printf (_("%s condition report.pdf"), resell_item_get_sku (self->draft));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (report_chooser_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
_resell_item_page_class_documents_init (ResellItemPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "item.print-label", NULL, print_label_action);
  gtk_widget_class_install_action (widget_class, "item.save-report", NULL, save_report_action);
}
