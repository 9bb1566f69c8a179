/* resell-cli-builtins-items.c — the item commands: list, add, show and
 * categories
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
#include "pricing/resell-payout-rates.h"

/* ------------------------------------------------------------------ */
/* list                                                               */
/* ------------------------------------------------------------------ */

ResellCliStatus
resell_cli_builtin_list (ResellCliGlobals *globals,
                         int               argc,
                         char            **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *state_str = NULL;
  g_autofree char *category = NULL;
  g_autofree char *search = NULL;
  g_autofree char *needle = NULL;
  g_autofree char *grade = NULL;
  ResellCliGlobals local = { NULL, FALSE };
  ResellItemState state = RESELL_ITEM_STATE_DRAFT;
  ResellCondition condition;
  ResellCliStatus status = RESELL_CLI_EXIT_OK;
  ResellCatalog *catalog;
  const GOptionEntry entries[] = {
    { "state", 's', 0, G_OPTION_ARG_STRING, &state_str,
      N_("Only items in this state (draft, ready, queued, uploading, submitted)"), N_("STATE") },
    { "category", 'c', 0, G_OPTION_ARG_STRING, &category,
      N_("Only items of this category"), N_("ID") },
    { "search", 'q', 0, G_OPTION_ARG_STRING, &search,
      N_("Only items whose title, brand, model, SKU, notes… contain TEXT"), N_("TEXT") },
    { "grade", 'g', 0, G_OPTION_ARG_STRING, &grade,
      N_("Only items of this grade (like-new, excellent, …), or “none” for items not graded"), N_("GRADE") },
    { NULL }
  };

  context = resell_cli_command_context_new ("list", NULL, _("List the items in the catalog, newest change first."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  resell_cli_add_global_entries (context, &local);
  if (!resell_cli_parse_command_line (context, globals, &local, &argc, &argv, &status))
    return status;

  if (argc > 1)
    return resell_cli_usage_error (argv[0], _("“list” takes no arguments."));

  if (state_str != NULL && !resell_item_state_from_string (state_str, &state))
    {
      g_autofree char *message =
        g_strdup_printf (_("Unknown state “%s” (use draft, ready, queued, uploading or submitted)."),
                         state_str);
      return resell_cli_usage_error (argv[0], message);
    }

  if (grade != NULL && !g_str_equal (grade, "none") && !resell_condition_from_id (grade, &condition))
    {
      g_autofree char *message =
        g_strdup_printf (_("Unknown grade “%s” (use new-with-tags, new-without-tags, new-with-defects, "
                           "like-new, excellent, very-good, good, fair, for-parts or none)."),
                         grade);
      return resell_cli_usage_error (argv[0], message);
    }

  if (search != NULL)
    needle = g_utf8_casefold (search, -1);

  catalog = resell_cli_load_catalog (globals);
  if (catalog == NULL)
    return RESELL_CLI_EXIT_RUNTIME;

  items = resell_catalog_list_items (catalog, &error);
  if (items == NULL)
    {
      resell_cli_print_error (_("Could not list the items: %s"), error->message);
      return RESELL_CLI_EXIT_RUNTIME;
    }

  shown = g_ptr_array_new ();
  for (guint i = 0; i < items->len; i++)
    {
      ResellItem *item = g_ptr_array_index (items, i);

      if (state_str != NULL && resell_item_get_state (item) != state)
        continue;
      if (category != NULL && g_strcmp0 (resell_item_get_category (item), category) != 0)
        continue;
      if (needle != NULL && !resell_item_matches (item, needle))
        continue;
      /* The grade stored with the item (kept by the app's grade keeper). */
      if (grade != NULL &&
          g_strcmp0 (resell_item_get_grade (item), g_str_equal (grade, "none") ? NULL : grade) != 0)
        continue;

      g_ptr_array_add (shown, item);
    }

  if (globals->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < shown->len; i++)
        resell_cli_json_add_item (builder, g_ptr_array_index (shown, i));
      json_builder_end_array (builder);
      resell_cli_print_json (builder);
    }
  else if (shown->len > 0)
    {
      g_autoptr(GPtrArray) rows = resell_cli_table_new (_("SKU"), _("STATE"), _("GRADE"), _("PRICE"),
                                                        _("CATEGORY"), _("TITLE"), _("PHOTOS"), NULL);

      for (guint i = 0; i < shown->len; i++)
        {
          ResellItem *item = g_ptr_array_index (shown, i);
          g_autofree char *title = resell_item_dup_display_title (item);
          char *price = resell_item_dup_price_text (item);

          resell_cli_table_add_row (rows,
                                    g_strdup (resell_item_get_sku (item)),
                                    g_strdup (resell_item_state_to_string (resell_item_get_state (item))),
                                    g_strdup (resell_item_get_grade (item) != NULL ? resell_item_get_grade (item) : "-"),
                                    price != NULL ? price : g_strdup ("-"),
                                    g_strdup (resell_item_get_category (item)),
                                    resell_cli_dup_ellipsized (title != NULL ? title : "", 50),
                                    g_strdup_printf ("%u", resell_item_get_photo_count (item)));
        }

      resell_cli_print_table (rows, 7);
    }
  else if (items->len == 0)
    {
      g_printerr ("%s\n", _("The catalog is empty."));
    }
  else
    {
      g_printerr ("%s\n", _("No items match."));
    }

  resell_cli_flush_main_context ();

  return RESELL_CLI_EXIT_OK;
}

/* ------------------------------------------------------------------ */
/* add                                                                */
/* ------------------------------------------------------------------ */

/* The SKU prefix the seller set in the app's preferences; NULL when
 * there is none (the catalog's default applies). */
static char *
dup_configured_sku_prefix (ResellContext *context)
{
  GSettings *settings = resell_context_get_settings (context);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autofree char *prefix = NULL;

  if (settings == NULL)
    return NULL;

  /* An older schema installed system-wide may lack the key. */
  g_object_get (settings, "settings-schema", &schema, NULL);
  if (!g_settings_schema_has_key (schema, "sku-prefix"))
    return NULL;

  prefix = g_settings_get_string (settings, "sku-prefix");
  if (prefix == NULL || *g_strstrip (prefix) == '\0')
    return NULL;

  return g_steal_pointer (&prefix);
}

ResellCliStatus
resell_cli_builtin_add (ResellCliGlobals *globals,
                        int               argc,
                        char            **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(ResellItem) item = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *category = NULL;
  g_autofree char *title = NULL;
  g_autofree char *brand = NULL;
  g_autofree char *model = NULL;
  g_autofree char *size = NULL;
  g_autofree char *colour = NULL;
  g_autofree char *material = NULL;
  g_autofree char *notes = NULL;
  g_autofree char *consignor = NULL;
  g_autofree char *state_str = NULL;
  g_autofree char *sku_prefix = NULL;
  ResellCliGlobals local = { NULL, FALSE };
  ResellItemState state = RESELL_ITEM_STATE_DRAFT;
  ResellCliStatus status = RESELL_CLI_EXIT_OK;
  ResellCategoryRegistry *registry;
  ResellCatalog *catalog;
  const GOptionEntry entries[] = {
    { "category", 'c', 0, G_OPTION_ARG_STRING, &category,
      N_("Category id, e.g. handbags (required; see “resell-cli categories”)"), N_("ID") },
    { "title", 't', 0, G_OPTION_ARG_STRING, &title, N_("Title"), N_("TEXT") },
    { "brand", 'b', 0, G_OPTION_ARG_STRING, &brand, N_("Brand"), N_("TEXT") },
    { "model", 'm', 0, G_OPTION_ARG_STRING, &model, N_("Model"), N_("TEXT") },
    { "size", 0, 0, G_OPTION_ARG_STRING, &size, N_("Size"), N_("TEXT") },
    { "colour", 0, 0, G_OPTION_ARG_STRING, &colour, N_("Colour"), N_("TEXT") },
    { "material", 0, 0, G_OPTION_ARG_STRING, &material, N_("Material"), N_("TEXT") },
    { "notes", 'n', 0, G_OPTION_ARG_STRING, &notes, N_("Notes"), N_("TEXT") },
    { "consignor", 0, 0, G_OPTION_ARG_STRING, &consignor,
      N_("Consignor the item belongs to"), N_("NAME") },
    { "state", 's', 0, G_OPTION_ARG_STRING, &state_str,
      N_("Initial state: draft (default) or ready (refused until the item has a grade and an asking price)"), N_("STATE") },
    { "sku-prefix", 0, 0, G_OPTION_ARG_STRING, &sku_prefix,
      N_("Letters that start the generated SKU (default: the app’s setting, else RS)"), N_("PREFIX") },
    { NULL }
  };

  context = resell_cli_command_context_new ("add", NULL, _("Add an item and print its new SKU."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  resell_cli_add_global_entries (context, &local);
  if (!resell_cli_parse_command_line (context, globals, &local, &argc, &argv, &status))
    return status;

  if (argc > 1)
    return resell_cli_usage_error (argv[0], _("“add” takes no arguments: give the fields as options."));

  if (category == NULL || *category == '\0')
    return resell_cli_usage_error (argv[0], _("--category is required."));

  if (state_str != NULL)
    {
      if (!resell_item_state_from_string (state_str, &state) ||
          (state != RESELL_ITEM_STATE_DRAFT && state != RESELL_ITEM_STATE_READY))
        {
          g_autofree char *message =
            g_strdup_printf (_("A new item can only be draft or ready, not “%s”."), state_str);
          return resell_cli_usage_error (argv[0], message);
        }
    }

  if (sku_prefix != NULL)
    {
      g_strstrip (sku_prefix);
      if (*sku_prefix == '\0')
        return resell_cli_usage_error (argv[0], _("--sku-prefix must not be empty."));
      for (const char *p = sku_prefix; *p != '\0'; p++)
        if (!g_ascii_isupper (*p) && !g_ascii_isdigit (*p))
          return resell_cli_usage_error (argv[0], _("--sku-prefix may only hold capital letters A–Z and digits."));
    }

  registry = resell_cli_load_categories (globals);
  if (registry == NULL)
    return RESELL_CLI_EXIT_RUNTIME;

  if (resell_category_registry_lookup (registry, category) == NULL)
    {
      g_autofree char *known = resell_cli_dup_category_ids (registry);

      resell_cli_print_error (_("Unknown category “%s”. Known categories: %s."), category, known);
      return RESELL_CLI_EXIT_RUNTIME;
    }

  catalog = resell_cli_load_catalog (globals);
  if (catalog == NULL)
    return RESELL_CLI_EXIT_RUNTIME;

  if (sku_prefix == NULL)
    sku_prefix = dup_configured_sku_prefix (resell_cli_get_context (globals));
  if (sku_prefix != NULL)
    resell_catalog_set_sku_prefix (catalog, sku_prefix);

  item = resell_item_new ();
  resell_item_set_category (item, category);
  resell_item_set_state (item, state);
  if (title != NULL)
    resell_item_set_title (item, title);
  if (brand != NULL)
    resell_item_set_brand (item, brand);
  if (model != NULL)
    resell_item_set_model (item, model);
  if (size != NULL)
    resell_item_set_size (item, size);
  if (colour != NULL)
    resell_item_set_colour (item, colour);
  if (material != NULL)
    resell_item_set_material (item, material);
  if (notes != NULL)
    resell_item_set_notes (item, notes);
  if (consignor != NULL)
    resell_item_set_consignor (item, consignor);

  /* The same rule, and sentence, as the item page: a new item has neither
   * a grade nor an asking price yet. */
  if (state == RESELL_ITEM_STATE_READY && !resell_item_ensure_ready (item, &error))
    {
      resell_cli_print_error ("%s", error->message);
      return RESELL_CLI_EXIT_RUNTIME;
    }

  if (!resell_catalog_insert_item (catalog, item, &error))
    {
      resell_cli_print_error (_("Could not add the item: %s"), error->message);
      resell_cli_flush_main_context ();
      return RESELL_CLI_EXIT_RUNTIME;
    }

  if (globals->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      resell_cli_json_add_item (builder, item);
      resell_cli_print_json (builder);
    }
  else
    {
      g_print ("%s\n", resell_item_get_sku (item));
    }

  resell_cli_flush_main_context ();

  return RESELL_CLI_EXIT_OK;
}

/* ------------------------------------------------------------------ */
/* show                                                               */
/* ------------------------------------------------------------------ */

ResellCliStatus
resell_cli_builtin_show (ResellCliGlobals *globals,
                         int               argc,
                         char            **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(ResellItem) item = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  ResellCliGlobals local = { NULL, FALSE };
  ResellCliStatus status = RESELL_CLI_EXIT_OK;
  ResellThumbnailer *thumbnailer;
  ResellCatalog *catalog;

  context = resell_cli_command_context_new ("show", _("SKU"), _("Show an item and its photos."));
  resell_cli_add_global_entries (context, &local);
  if (!resell_cli_parse_command_line (context, globals, &local, &argc, &argv, &status))
    return status;

  if (argc != 2)
    return resell_cli_usage_error (argv[0], _("Give the SKU of one item."));

  catalog = resell_cli_open_item_photos (globals, argv[1], &item, &photos);
  if (catalog == NULL)
    return RESELL_CLI_EXIT_RUNTIME;

  /* To name the photos' thumbnails, where the app made them. */
  thumbnailer = resell_context_get_thumbnailer (resell_cli_get_context (globals));

  if (globals->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      resell_cli_json_add_item_members (builder, item);
      json_builder_set_member_name (builder, "photos");
      json_builder_begin_array (builder);
      for (guint i = 0; i < photos->len; i++)
        resell_cli_json_add_photo (builder, g_ptr_array_index (photos, i), thumbnailer);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      resell_cli_print_json (builder);
    }
  else
    {
      ResellCliField fields[] = {
        { _("SKU"), g_strdup (resell_item_get_sku (item)) },
        { _("Title"), g_strdup (resell_item_get_title (item)) },
        { _("Category"), g_strdup (resell_item_get_category (item)) },
        { _("State"), g_strdup (resell_item_state_get_label (resell_item_get_state (item))) },
        { _("Brand"), g_strdup (resell_item_get_brand (item)) },
        { _("Model"), g_strdup (resell_item_get_model (item)) },
        { _("Size"), g_strdup (resell_item_get_size (item)) },
        { _("Colour"), g_strdup (resell_item_get_colour (item)) },
        { _("Material"), g_strdup (resell_item_get_material (item)) },
        { _("Consignor"), g_strdup (resell_item_get_consignor (item)) },
        { _("Notes"), g_strdup (resell_item_get_notes (item)) },
        { _("Created"), resell_cli_format_local_time (resell_item_get_created_at (item)) },
        { _("Updated"), resell_cli_format_local_time (resell_item_get_updated_at (item)) },
        { _("Photos"), g_strdup_printf ("%u", photos->len) },
      };

      resell_cli_print_fields (fields, G_N_ELEMENTS (fields), "");
      for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
        g_free (fields[i].value);

      for (guint i = 0; i < photos->len; i++)
        {
          ResellPhoto *photo = g_ptr_array_index (photos, i);
          g_autofree char *path = resell_cli_dup_utf8_path (resell_photo_get_path (photo));
          ResellCliField photo_fields[] = {
            { _("Path"), g_steal_pointer (&path) },
            { _("SHA-256"), g_strdup (resell_photo_get_sha256 (photo)) },
            /* TRANSLATORS: width × height in pixels */
            { _("Size"), g_strdup_printf (_("%d × %d"),
                                          resell_photo_get_width (photo),
                                          resell_photo_get_height (photo)) },
            { _("Captured"), resell_cli_format_local_time (resell_photo_get_captured_at (photo)) },
            { _("Camera"), g_strdup (resell_photo_get_camera_model (photo)) },
            /* TRANSLATORS: the result of the shot checks: "passed" or the problems */
            { _("Checks"), resell_cli_dup_checks_summary (resell_photo_get_checks (photo)) },
          };

          g_autofree char *original_name = resell_cli_dup_utf8_path (resell_photo_get_original_name (photo));

          if (original_name != NULL && *original_name != '\0')
            g_print ("\n%u. %s (%s)\n", i + 1, resell_cli_slot_or_extra (photo), original_name);
          else
            g_print ("\n%u. %s\n", i + 1, resell_cli_slot_or_extra (photo));
          if (photo_fields[3].value == NULL)
            photo_fields[3].value = g_strdup (_("unknown"));
          if (photo_fields[4].value == NULL)
            photo_fields[4].value = g_strdup (_("unknown"));
          resell_cli_print_fields (photo_fields, G_N_ELEMENTS (photo_fields), "   ");
          for (guint j = 0; j < G_N_ELEMENTS (photo_fields); j++)
            g_free (photo_fields[j].value);
        }
    }

  resell_cli_flush_main_context ();

  return RESELL_CLI_EXIT_OK;
}

/* ------------------------------------------------------------------ */
/* categories                                                         */
/* ------------------------------------------------------------------ */

ResellCliStatus
resell_cli_builtin_categories (ResellCliGlobals *globals,
                               int               argc,
                               char            **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  ResellCliGlobals local = { NULL, FALSE };
  ResellCliStatus status = RESELL_CLI_EXIT_OK;
  ResellCategoryRegistry *registry;
  GListModel *model;
  guint n;

  context = resell_cli_command_context_new ("categories", NULL,
                                            _("List the categories: their ids, names and number of shots. "
                                              "Problems in category files are reported as warnings."));
  resell_cli_add_global_entries (context, &local);
  if (!resell_cli_parse_command_line (context, globals, &local, &argc, &argv, &status))
    return status;

  if (argc > 1)
    return resell_cli_usage_error (argv[0], _("“categories” takes no arguments."));

  registry = resell_cli_load_categories (globals);
  if (registry == NULL)
    return RESELL_CLI_EXIT_RUNTIME;

  model = G_LIST_MODEL (registry);
  n = g_list_model_get_n_items (model);

  if (globals->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(ResellCategory) category = g_list_model_get_item (model, i);
          guint n_shots = resell_category_get_n_shots (category);

          json_builder_begin_object (builder);
          resell_cli_json_add_string (builder, "id", resell_category_get_id (category));
          resell_cli_json_add_string (builder, "name", resell_category_get_name (category));
          resell_cli_json_add_string (builder, "sku_code", resell_category_get_sku_code (category));
          resell_cli_json_add_string (builder, "icon_name", resell_category_get_icon_name (category));
          resell_cli_json_add_path (builder, "source", resell_category_get_source (category));
          resell_cli_json_add_int (builder, "shot_count", n_shots);
          json_builder_set_member_name (builder, "shots");
          json_builder_begin_array (builder);
          for (guint s = 0; s < n_shots; s++)
            {
              const ResellShot *shot = resell_category_get_shot (category, s);

              json_builder_begin_object (builder);
              resell_cli_json_add_string (builder, "id", shot->id);
              resell_cli_json_add_string (builder, "label", shot->label);
              json_builder_set_member_name (builder, "required");
              json_builder_add_boolean_value (builder, shot->required);
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      resell_cli_print_json (builder);
    }
  else
    {
      g_autoptr(GPtrArray) rows = resell_cli_table_new (_("ID"), _("NAME"), _("SHOTS"), NULL);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(ResellCategory) category = g_list_model_get_item (model, i);

          resell_cli_table_add_row (rows,
                                    g_strdup (resell_category_get_id (category)),
                                    g_strdup (resell_category_get_name (category)),
                                    g_strdup_printf ("%u", resell_category_get_n_shots (category)));
        }

      resell_cli_print_table (rows, 3);
    }

  return RESELL_CLI_EXIT_OK;
}
