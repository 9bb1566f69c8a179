/* resell-cli-builtins-import.c — the import command: photo files and
 * folders into an item
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

/* ------------------------------------------------------------------ */
/* import                                                             */
/* ------------------------------------------------------------------ */

ResellCliStatus
resell_cli_builtin_import (ResellCliGlobals *globals,
                           int               argc,
                           char            **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(ResellItem) item = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  ResellCliGlobals local = { NULL, FALSE };
  ResellCategory *category = NULL;
  ResellCliStatus status = RESELL_CLI_EXIT_OK;
  ResellCategoryRegistry *registry = NULL;
  ResellCatalog *catalog = NULL;
  ResellThumbnailer *thumbnailer;
  ResellImporter *importer;
  const char *sku;
  guint n_failed = 0;

  context = resell_cli_command_context_new ("import", _("SKU FILE|FOLDER…"),
                                            _("Import photo files, or the pictures in folders, into an item. "
                                              "Each photo fills the next empty shot of the item’s category."));
  resell_cli_add_global_entries (context, &local);
  if (!resell_cli_parse_command_line (context, globals, &local, &argc, &argv, &status))
    return status;

  if (argc < 2)
    return resell_cli_usage_error (argv[0], _("Give the SKU of the item and the files to import."));
  if (argc < 3)
    return resell_cli_usage_error (argv[0], _("Give at least one file or folder to import."));

  sku = argv[1];

  status = resell_cli_open_item_and_category (globals, sku, &catalog, &item, &registry, &category);
  if (status != RESELL_CLI_EXIT_OK)
    return status;
  if (category == NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("The item’s category “%s” is unknown: the photos are imported as extra photos."),
                         resell_item_get_category (item));
      resell_cli_print_warning (message);
    }

  files = g_ptr_array_new_with_free_func (g_object_unref);
  for (int i = 2; i < argc; i++)
    g_ptr_array_add (files, g_file_new_for_commandline_arg (argv[i]));

  /* The app's importer, feeding the thumbnails the app shows. */
  importer = resell_context_get_importer (resell_cli_get_context (globals));
  thumbnailer = resell_context_get_thumbnailer (resell_cli_get_context (globals));

  results = resell_importer_import (importer, item, category, files, NULL, &error);
  if (results == NULL)
    {
      resell_cli_print_error (_("Could not import into “%s”: %s"), sku,
                              error != NULL ? error->message : _("unknown error"));
      resell_cli_flush_main_context ();
      return RESELL_CLI_EXIT_RUNTIME;
    }

  if (results->len == 0)
    resell_cli_print_warning (_("No picture files found: nothing was imported."));

  if (globals->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < results->len; i++)
        {
          ResellImportResult *result = g_ptr_array_index (results, i);
          ResellImportStatus result_status = resell_import_result_get_status (result);
          GFile *source = resell_import_result_get_source (result);
          ResellPhoto *photo = resell_import_result_get_photo (result);
          g_autofree char *path = source != NULL ? g_file_get_path (source) : NULL;
          g_autofree char *uri = NULL;

          if (result_status == RESELL_IMPORT_STATUS_FAILED)
            n_failed++;

          json_builder_begin_object (builder);
          if (path != NULL)
            resell_cli_json_add_path (builder, "file", path);
          else
            {
              uri = source != NULL ? g_file_get_uri (source) : NULL;
              resell_cli_json_add_string (builder, "file", uri);
            }
          resell_cli_json_add_import_status (builder, result);
          resell_cli_json_add_import_photo (builder, photo, thumbnailer);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      resell_cli_print_json (builder);
    }
  else
    {
      for (guint i = 0; i < results->len; i++)
        {
          ResellImportResult *result = g_ptr_array_index (results, i);
          GFile *source = resell_import_result_get_source (result);
          ResellPhoto *photo = resell_import_result_get_photo (result);
          const char *message = resell_import_result_get_message (result);
          g_autofree char *name = NULL;

          name = source != NULL ? g_file_get_parse_name (source) : g_strdup ("?");
          if (source != NULL && g_file_is_native (source))
            {
              g_autofree char *basename = g_file_get_basename (source);

              if (basename != NULL)
                {
                  g_free (name);
                  name = g_filename_display_name (basename);
                }
            }

          switch (resell_import_result_get_status (result))
            {
            case RESELL_IMPORT_STATUS_IMPORTED:
              /* TRANSLATORS: "imported IMG_2041.jpg → front" (the shot it filled) */
              g_print (_("imported %s → %s"), name,
                       photo != NULL ? resell_cli_slot_or_extra (photo) : _("extra photo"));
              g_print ("\n");
              break;

            case RESELL_IMPORT_STATUS_DUPLICATE:
              /* TRANSLATORS: the file's bytes are already a photo of this item */
              g_print (_("duplicate %s"), name);
              g_print ("\n");
              break;

            case RESELL_IMPORT_STATUS_FAILED:
            default:
              n_failed++;
              resell_cli_print_import_failure (message, name);
              break;
            }
        }
    }

  resell_cli_flush_main_context ();

  return n_failed > 0 ? RESELL_CLI_EXIT_RUNTIME : RESELL_CLI_EXIT_OK;
}
