/* resell-cli-builtins-documents.c — the document commands: label (an
 * item's SKU label as PDF) and report (its condition report, PDF or HTML)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "resell-cli-builtins.h"
#include "resell-cli-common.h"
#include "resell-cli-output.h"

static void
print_written (ResellCliGlobals *globals,
               const char       *kind,
               const char       *format,
               const char       *sku,
               const char       *path)
{
  g_autofree char *shown = resell_cli_dup_utf8_path (path);

  if (globals->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autofree char *absolute = g_canonicalize_filename (path, NULL);
      g_autofree char *absolute_utf8 = resell_cli_dup_utf8_path (absolute);

      json_builder_begin_object (builder);
      resell_cli_json_add_string (builder, "sku", sku);
      resell_cli_json_add_string (builder, "document", kind);
      resell_cli_json_add_string (builder, "format", format);
      resell_cli_json_add_string (builder, "path", absolute_utf8);
      json_builder_end_object (builder);
      resell_cli_print_json (builder);
    }
  else
    g_print ("%s\n", shown);
}

/* ------------------------------------------------------------------ */
/* label                                                              */
/* ------------------------------------------------------------------ */

ResellCliStatus
resell_cli_builtin_label (ResellCliGlobals *globals,
                          int               argc,
                          char            **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(ResellItem) item = NULL;
  g_autoptr(ResellLabel) label = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *size_str = NULL;
  ResellCliGlobals local = { NULL, FALSE };
  ResellCliStatus status = RESELL_CLI_EXIT_OK;
  ResellCatalog *catalog = NULL;
  ResellCategoryRegistry *registry = NULL;
  ResellCategory *category = NULL;
  ResellLabelSize size = RESELL_LABEL_SIZE_62X29;
  const GOptionEntry entries[] = {
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf,
      N_("Write the label to this PDF file"), N_("FILE") },
    { "size", 0, 0, G_OPTION_ARG_STRING, &size_str,
      N_("Label size in millimetres: 62x29 (default) or 57x32"), N_("SIZE") },
    { NULL }
  };

  context = resell_cli_command_context_new ("label", _("SKU"),
                                            _("Make an item’s label: its SKU as a QR code, the title and the category."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  resell_cli_add_global_entries (context, &local);
  if (!resell_cli_parse_command_line (context, globals, &local, &argc, &argv, &status))
    return status;

  if (argc != 2)
    return resell_cli_usage_error (argv[0], _("Give the SKU of one item."));
  if (pdf == NULL)
    return resell_cli_usage_error (argv[0], _("Say where to write the label with --pdf FILE."));
  if (size_str != NULL && !resell_label_size_from_string (size_str, &size))
    return resell_cli_usage_error (argv[0], _("Unknown label size (use 62x29 or 57x32)."));

  status = resell_cli_open_item_and_category (globals, argv[1], &catalog, &item, &registry, &category);
  if (status != RESELL_CLI_EXIT_OK)
    return status;

  label = resell_label_new_for_item (item, category);
  resell_label_set_size (label, size);
  resell_label_write_pdf_async (label, pdf, NULL, resell_cli_got_async_result, &result);
  if (!resell_label_write_pdf_finish (label, resell_cli_wait_for_result (&result), &error))
    {
      g_printerr ("%s: %s\n", RESELL_CLI_PROGRAM_NAME, error->message);
      return RESELL_CLI_EXIT_RUNTIME;
    }

  print_written (globals, "label", "pdf", resell_item_get_sku (item), pdf);
  return RESELL_CLI_EXIT_OK;
}

/* ------------------------------------------------------------------ */
/* report                                                             */
/* ------------------------------------------------------------------ */

ResellCliStatus
resell_cli_builtin_report (ResellCliGlobals *globals,
                           int               argc,
                           char            **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(ResellItem) item = NULL;
  g_autoptr(ResellConditionReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *html = NULL;
  ResellCliGlobals local = { NULL, FALSE };
  ResellCliStatus status = RESELL_CLI_EXIT_OK;
  ResellCatalog *catalog = NULL;
  ResellCategoryRegistry *registry = NULL;
  ResellCategory *category = NULL;
  ResellPricingPrefs prefs = { "", };
  const char *path;
  ResellReportFormat format;
  const GOptionEntry entries[] = {
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf,
      N_("Write the report as a PDF file"), N_("FILE") },
    { "html", 0, 0, G_OPTION_ARG_FILENAME, &html,
      N_("Write the report as one self-contained HTML page"), N_("FILE") },
    { NULL }
  };

  context = resell_cli_command_context_new ("report", _("SKU"),
                                            _("Make an item’s condition report: fields, photos, flaws, grade and provenance."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  resell_cli_add_global_entries (context, &local);
  if (!resell_cli_parse_command_line (context, globals, &local, &argc, &argv, &status))
    return status;

  if (argc != 2)
    return resell_cli_usage_error (argv[0], _("Give the SKU of one item."));
  if ((pdf == NULL) == (html == NULL))
    return resell_cli_usage_error (argv[0], _("Give one of --pdf FILE or --html FILE."));
  path = pdf != NULL ? pdf : html;
  format = pdf != NULL ? RESELL_REPORT_FORMAT_PDF : RESELL_REPORT_FORMAT_HTML;

  status = resell_cli_open_item_and_category (globals, argv[1], &catalog, &item, &registry, &category);
  if (status != RESELL_CLI_EXIT_OK)
    return status;

  /* The same report the item page saves: grade, reasons, condition text
   * and price from the item's appraisal and price hint. */
  resell_pricing_prefs_load (&prefs, resell_context_get_settings (resell_cli_get_context (globals)));
  report = resell_condition_report_load (catalog, registry,
                                         resell_context_get_grader (resell_cli_get_context (globals)),
                                         &prefs, resell_item_get_id (item), &error);
  resell_pricing_prefs_clear (&prefs);
  if (report == NULL ||
      !resell_condition_report_write (report, path, format, NULL, &error))
    {
      g_printerr ("%s: %s\n", RESELL_CLI_PROGRAM_NAME, error->message);
      return RESELL_CLI_EXIT_RUNTIME;
    }

  print_written (globals, "report", pdf != NULL ? "pdf" : "html", resell_item_get_sku (item), path);
  return RESELL_CLI_EXIT_OK;
}
