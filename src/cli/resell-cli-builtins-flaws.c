/* resell-cli-builtins-flaws.c — the flaw commands: flaws (list), flaw add
 * and flaw remove
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-cli"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "resell-cli-builtins.h"
#include "resell-cli-common.h"
#include "resell-cli-output.h"

/* The photo's number as the seller sees it (1-based, the item's order),
 * or 0 when it is not among @photos. */
static guint
photo_number (GPtrArray *photos,
              gint64     photo_id)
{
  for (guint i = 0; i < photos->len; i++)
    {
      if (resell_photo_get_id (g_ptr_array_index (photos, i)) == photo_id)
        return i + 1;
    }

  return 0;
}

static void
json_add_double (JsonBuilder *builder,
                 const char  *name,
                 double       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_double_value (builder, value);
}

static void
json_add_flaw (JsonBuilder    *builder,
               ResellFlaw     *flaw,
               GPtrArray      *photos,
               ResellCategory *category)
{
  const ResellFlawType *type = category ? resell_category_find_flaw_type (category, resell_flaw_get_type_id (flaw)) : NULL;
  const char *zone_id = resell_flaw_get_zone_id (flaw);
  const ResellZone *zone = category && *zone_id ? resell_category_find_zone (category, zone_id) : NULL;
  gint64 detail = resell_flaw_get_detail_photo_id (flaw);

  json_builder_begin_object (builder);
  resell_cli_json_add_int (builder, "id", resell_flaw_get_id (flaw));
  resell_cli_json_add_int (builder, "photo", photo_number (photos, resell_flaw_get_photo_id (flaw)));
  resell_cli_json_add_int (builder, "photo_id", resell_flaw_get_photo_id (flaw));
  resell_cli_json_add_string (builder, "type", resell_flaw_get_type_id (flaw));
  resell_cli_json_add_string (builder, "type_label", type ? type->label : resell_flaw_get_type_id (flaw));
  resell_cli_json_add_string (builder, "severity", resell_flaw_severity_to_string (resell_flaw_get_severity (flaw)));
  json_builder_set_member_name (builder, "zone");
  if (*zone_id)
    json_builder_add_string_value (builder, zone_id);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "zone_label");
  if (*zone_id)
    json_builder_add_string_value (builder, zone ? zone->label : zone_id);
  else
    json_builder_add_null_value (builder);
  resell_cli_json_add_string (builder, "shape", resell_flaw_shape_to_string (resell_flaw_get_shape (flaw)));
  json_add_double (builder, "x", resell_flaw_get_x (flaw));
  json_add_double (builder, "y", resell_flaw_get_y (flaw));
  json_add_double (builder, "width", resell_flaw_get_width (flaw));
  json_add_double (builder, "height", resell_flaw_get_height (flaw));
  resell_cli_json_add_string (builder, "note", resell_flaw_get_note (flaw));
  json_builder_set_member_name (builder, "detail_photo");
  if (detail > 0 && photo_number (photos, detail) > 0)
    json_builder_add_int_value (builder, photo_number (photos, detail));
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
}

/* "0.10,0.20" for a point, "0.10,0.20 0.30×0.40" for a box. */
static char *
describe_geometry (ResellFlaw *flaw)
{
  if (resell_flaw_get_shape (flaw) == RESELL_FLAW_SHAPE_POINT)
    return g_strdup_printf ("%.3f,%.3f", resell_flaw_get_x (flaw), resell_flaw_get_y (flaw));

  /* TRANSLATORS: a flaw's box on the photo: top-left corner, then width × height, as fractions */
  return g_strdup_printf (_("%.3f,%.3f %.3f×%.3f"),
                          resell_flaw_get_x (flaw), resell_flaw_get_y (flaw),
                          resell_flaw_get_width (flaw), resell_flaw_get_height (flaw));
}

static void
print_flaw (ResellFlaw     *flaw,
            GPtrArray      *photos,
            ResellCategory *category)
{
  const ResellFlawType *type = category ? resell_category_find_flaw_type (category, resell_flaw_get_type_id (flaw)) : NULL;
  const char *zone_id = resell_flaw_get_zone_id (flaw);
  const ResellZone *zone = category && *zone_id ? resell_category_find_zone (category, zone_id) : NULL;
  g_autofree char *geometry = describe_geometry (flaw);
  gint64 detail = resell_flaw_get_detail_photo_id (flaw);

  /* TRANSLATORS: "3. Stain (major), photo 2, lining — rect at 0.1,0.2 0.3×0.4" */
  g_print (_("%lld. %s (%s), photo %u"),
           (long long) resell_flaw_get_id (flaw),
           type ? type->label : resell_flaw_get_type_id (flaw),
           resell_flaw_severity_get_label (resell_flaw_get_severity (flaw)),
           photo_number (photos, resell_flaw_get_photo_id (flaw)));
  if (*zone_id)
    g_print (", %s", zone ? zone->label : zone_id);
  g_print (" — %s %s", resell_flaw_shape_to_string (resell_flaw_get_shape (flaw)), geometry);
  if (detail > 0 && photo_number (photos, detail) > 0)
    g_print (_(", close-up: photo %u"), photo_number (photos, detail));
  g_print ("\n");
  if (*resell_flaw_get_note (flaw))
    g_print ("   %s\n", resell_flaw_get_note (flaw));
}

/* ------------------------------------------------------------------ */
/* flaws                                                              */
/* ------------------------------------------------------------------ */

ResellCliStatus
resell_cli_builtin_flaws (ResellCliGlobals *globals,
                          int               argc,
                          char            **argv)
{
  g_autoptr(ResellItem) item = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  g_autoptr(GPtrArray) flaws = NULL;
  g_autoptr(GError) error = NULL;
  ResellCliGlobals local = { NULL, FALSE };
  ResellCliStatus status = RESELL_CLI_EXIT_OK;
  ResellCategoryRegistry *registry;
  ResellCategory *category = NULL;
  ResellCatalog *catalog;

  if (!resell_cli_parse_command ("flaws", _("SKU"),
                                 _("List the flaws marked on an item’s photos, in the photos’ order."),
                                 NULL, globals, &local, &argc, &argv, &status))
    return status;

  if (argc != 2)
    return resell_cli_usage_error (argv[0], _("Give the SKU of one item."));

  catalog = resell_cli_open_item_photos (globals, argv[1], &item, &photos);
  if (catalog == NULL)
    return RESELL_CLI_EXIT_RUNTIME;

  flaws = resell_catalog_list_flaws (catalog, resell_item_get_id (item), &error);
  if (flaws == NULL)
    {
      resell_cli_print_error (_("Could not list the flaws of “%s”: %s"), argv[1], error->message);
      return RESELL_CLI_EXIT_RUNTIME;
    }

  /* Only for the labels: an unknown category still lists its flaws. */
  registry = resell_cli_load_categories (globals);
  if (registry != NULL)
    category = resell_category_registry_lookup (registry, resell_item_get_category (item));

  if (globals->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      resell_cli_json_add_string (builder, "sku", resell_item_get_sku (item));
      json_builder_set_member_name (builder, "flaws");
      json_builder_begin_array (builder);
      for (guint i = 0; i < flaws->len; i++)
        json_add_flaw (builder, g_ptr_array_index (flaws, i), photos, category);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      resell_cli_print_json (builder);
    }
  else if (flaws->len == 0)
    g_print (_("No flaws marked on %s.\n"), resell_item_get_sku (item));
  else
    {
      for (guint i = 0; i < flaws->len; i++)
        print_flaw (g_ptr_array_index (flaws, i), photos, category);
    }

  return RESELL_CLI_EXIT_OK;
}

/* ------------------------------------------------------------------ */
/* flaw add / flaw remove                                             */
/* ------------------------------------------------------------------ */

/* "X,Y" or "X,Y,W,H": exactly @n numbers, each a fraction 0..1. */
static gboolean
parse_numbers (const char *text,
               guint       n,
               double     *out)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);

  if (g_strv_length (parts) != n)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *part = g_strstrip (g_strdup (parts[i]));
      char *end = NULL;

      if (*part == '\0')
        return FALSE;
      out[i] = g_ascii_strtod (part, &end);
      if (end == NULL || *end != '\0' || !isfinite (out[i]))
        return FALSE;
    }

  return TRUE;
}

/* The category's ids, "a, b, c", for messages. */
static char *
join_flaw_types (ResellCategory *category)
{
  GString *ids = g_string_new (NULL);

  for (guint i = 0; i < resell_category_get_n_flaw_types (category); i++)
    g_string_append_printf (ids, "%s%s", i > 0 ? ", " : "", resell_category_get_flaw_type (category, i)->id);

  return g_string_free (ids, FALSE);
}

static char *
join_zones (ResellCategory *category)
{
  GString *ids = g_string_new (NULL);

  for (guint i = 0; i < resell_category_get_n_zones (category); i++)
    g_string_append_printf (ids, "%s%s", i > 0 ? ", " : "", resell_category_get_zone (category, i)->id);

  return g_string_free (ids, FALSE);
}

static ResellCliStatus
flaw_add (ResellCliGlobals *globals,
          int               argc,
          char            **argv)
{
  g_autoptr(ResellItem) item = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  g_autoptr(ResellFlaw) flaw = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *type_id = NULL;
  g_autofree char *severity_str = NULL;
  g_autofree char *zone_id = NULL;
  g_autofree char *rect = NULL;
  g_autofree char *point = NULL;
  g_autofree char *ellipse = NULL;
  g_autofree char *note = NULL;
  ResellCliGlobals local = { NULL, FALSE };
  ResellCliStatus status = RESELL_CLI_EXIT_OK;
  ResellFlawSeverity severity;
  ResellFlawShape shape;
  ResellCategoryRegistry *registry;
  ResellCategory *category = NULL;
  ResellCatalog *catalog;
  const char *geometry;
  double v[4] = { 0, 0, 0, 0 };
  int photo = 0;
  const GOptionEntry entries[] = {
    { "photo", 'p', 0, G_OPTION_ARG_INT, &photo,
      N_("The photo it is marked on: its number in the item’s order, from 1"), N_("N") },
    { "type", 't', 0, G_OPTION_ARG_STRING, &type_id,
      N_("The flaw type, one of the category’s (stain, scuff…)"), N_("TYPE") },
    { "severity", 's', 0, G_OPTION_ARG_STRING, &severity_str,
      N_("minor, moderate or major"), N_("SEVERITY") },
    { "zone", 'z', 0, G_OPTION_ARG_STRING, &zone_id,
      N_("Where on the item, one of the category’s zones (lining, sole…)"), N_("ZONE") },
    { "rect", 0, 0, G_OPTION_ARG_STRING, &rect,
      N_("A rectangle: top-left corner, width and height, fractions 0–1 of the upright photo"), N_("X,Y,W,H") },
    { "ellipse", 0, 0, G_OPTION_ARG_STRING, &ellipse,
      N_("An ellipse by its bounding box, as --rect"), N_("X,Y,W,H") },
    { "point", 0, 0, G_OPTION_ARG_STRING, &point,
      N_("A point, fractions 0–1 of the upright photo"), N_("X,Y") },
    { "note", 'n', 0, G_OPTION_ARG_STRING, &note,
      N_("The seller’s words about it"), N_("TEXT") },
    { NULL }
  };

  if (!resell_cli_parse_command ("flaw add", _("SKU"),
                                 _("Mark a flaw on a photo of an item.  Coordinates are fractions "
                                   "0–1 of the photo as it stands upright, before any edit."),
                                 entries, globals, &local, &argc, &argv, &status))
    return status;

  if (argc != 2)
    return resell_cli_usage_error ("flaw add", _("Give the SKU of one item."));
  if (photo < 1)
    return resell_cli_usage_error ("flaw add", _("Say which photo with --photo N (1 is the first photo)."));
  if (type_id == NULL)
    return resell_cli_usage_error ("flaw add", _("Say what the flaw is with --type."));
  if (severity_str == NULL)
    return resell_cli_usage_error ("flaw add", _("Say how bad it is with --severity (minor, moderate or major)."));
  if (!resell_flaw_severity_from_string (severity_str, &severity))
    {
      g_autofree char *message = g_strdup_printf (_("Unknown severity “%s” (use minor, moderate or major)."), severity_str);
      return resell_cli_usage_error ("flaw add", message);
    }

  if ((rect != NULL) + (ellipse != NULL) + (point != NULL) != 1)
    return resell_cli_usage_error ("flaw add", _("Give exactly one of --rect X,Y,W,H, --ellipse X,Y,W,H or --point X,Y."));
  if (point != NULL)
    {
      shape = RESELL_FLAW_SHAPE_POINT;
      geometry = point;
    }
  else if (ellipse != NULL)
    {
      shape = RESELL_FLAW_SHAPE_ELLIPSE;
      geometry = ellipse;
    }
  else
    {
      shape = RESELL_FLAW_SHAPE_RECT;
      geometry = rect;
    }
  if (!parse_numbers (geometry, shape == RESELL_FLAW_SHAPE_POINT ? 2 : 4, v))
    {
      g_autofree char *message =
        shape == RESELL_FLAW_SHAPE_POINT
        ? g_strdup_printf (_("“%s” is not a point: give X,Y as two numbers from 0 to 1."), geometry)
        : g_strdup_printf (_("“%s” is not a box: give X,Y,W,H as four numbers from 0 to 1."), geometry);
      return resell_cli_usage_error ("flaw add", message);
    }

  catalog = resell_cli_open_item_photos (globals, argv[1], &item, &photos);
  if (catalog == NULL)
    return RESELL_CLI_EXIT_RUNTIME;

  if ((guint) photo > photos->len)
    {
      if (photos->len == 0)
        resell_cli_print_error (_("%s has no photos yet."), resell_item_get_sku (item));
      else
        resell_cli_print_error (g_dngettext (GETTEXT_PACKAGE,
                                             "There is no photo %d: %s has %u photo.",
                                             "There is no photo %d: %s has %u photos.",
                                             photos->len),
                                photo, resell_item_get_sku (item), photos->len);
      return RESELL_CLI_EXIT_RUNTIME;
    }

  /* The type and the zone are the category's words: checked against it,
   * so the grade and the condition text can rely on them. */
  registry = resell_cli_load_categories (globals);
  if (registry != NULL)
    category = resell_category_registry_lookup (registry, resell_item_get_category (item));
  if (category == NULL)
    {
      resell_cli_print_error (_("%s has no known category (“%s”), so its flaw types cannot be checked; "
                                "set its category first."),
                              resell_item_get_sku (item), resell_item_get_category (item));
      return RESELL_CLI_EXIT_RUNTIME;
    }
  if (resell_category_find_flaw_type (category, type_id) == NULL)
    {
      g_autofree char *ids = join_flaw_types (category);

      resell_cli_print_error (_("“%s” is not a flaw type of %s (use one of: %s)."),
                              type_id, resell_category_get_name (category), ids);
      return RESELL_CLI_EXIT_RUNTIME;
    }
  if (zone_id != NULL && *zone_id != '\0' && resell_category_find_zone (category, zone_id) == NULL)
    {
      g_autofree char *ids = join_zones (category);

      if (resell_category_get_n_zones (category) == 0)
        resell_cli_print_error (_("%s has no zones; leave out --zone."), resell_category_get_name (category));
      else
        resell_cli_print_error (_("“%s” is not a zone of %s (use one of: %s)."),
                                zone_id, resell_category_get_name (category), ids);
      return RESELL_CLI_EXIT_RUNTIME;
    }

  flaw = resell_flaw_new ();
  resell_flaw_set_item_id (flaw, resell_item_get_id (item));
  resell_flaw_set_photo_id (flaw, resell_photo_get_id (g_ptr_array_index (photos, photo - 1)));
  resell_flaw_set_type_id (flaw, type_id);
  resell_flaw_set_severity (flaw, severity);
  resell_flaw_set_zone_id (flaw, zone_id);
  resell_flaw_set_note (flaw, note);
  if (shape == RESELL_FLAW_SHAPE_POINT)
    resell_flaw_set_geometry (flaw, shape, v[0], v[1], 0, 0);
  else
    resell_flaw_set_geometry (flaw, shape, v[0], v[1], v[2], v[3]);

  if (!resell_flaw_is_valid (flaw, &error) ||
      !resell_catalog_add_flaw (catalog, flaw, &error))
    {
      resell_cli_print_error (_("Could not add the flaw: %s"), error->message);
      return RESELL_CLI_EXIT_RUNTIME;
    }

  if (globals->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_add_flaw (builder, flaw, photos, category);
      resell_cli_print_json (builder);
    }
  else
    print_flaw (flaw, photos, category);

  resell_cli_flush_main_context ();

  return RESELL_CLI_EXIT_OK;
}

static ResellCliStatus
flaw_remove (ResellCliGlobals *globals,
             int               argc,
             char            **argv)
{
  g_autoptr(ResellItem) item = NULL;
  g_autoptr(ResellFlaw) flaw = NULL;
  g_autoptr(GError) error = NULL;
  ResellCliGlobals local = { NULL, FALSE };
  ResellCliStatus status = RESELL_CLI_EXIT_OK;
  ResellCatalog *catalog;
  gint64 flaw_id;
  char *end = NULL;

  if (!resell_cli_parse_command ("flaw remove", _("SKU ID"),
                                 _("Remove a flaw from an item (its id as “flaws” lists it)."),
                                 NULL, globals, &local, &argc, &argv, &status))
    return status;

  if (argc != 3)
    return resell_cli_usage_error ("flaw remove", _("Give the SKU of the item and the id of the flaw."));

  flaw_id = g_ascii_strtoll (argv[2], &end, 10);
  if (end == NULL || *end != '\0' || flaw_id <= 0)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a flaw id."), argv[2]);
      return resell_cli_usage_error ("flaw remove", message);
    }

  catalog = resell_cli_load_catalog (globals);
  if (catalog == NULL)
    return RESELL_CLI_EXIT_RUNTIME;
  item = resell_cli_lookup_item (catalog, argv[1]);
  if (item == NULL)
    return RESELL_CLI_EXIT_RUNTIME;

  /* Another item's flaw, named by mistake, is left alone. */
  flaw = resell_catalog_lookup_flaw (catalog, flaw_id, &error);
  if (flaw == NULL || resell_flaw_get_item_id (flaw) != resell_item_get_id (item))
    {
      resell_cli_print_error (_("%s has no flaw %lld."), resell_item_get_sku (item), (long long) flaw_id);
      return RESELL_CLI_EXIT_RUNTIME;
    }

  if (!resell_catalog_remove_flaw (catalog, flaw_id, &error))
    {
      resell_cli_print_error (_("Could not remove the flaw: %s"), error->message);
      return RESELL_CLI_EXIT_RUNTIME;
    }

  if (globals->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      resell_cli_json_add_string (builder, "sku", resell_item_get_sku (item));
      resell_cli_json_add_int (builder, "removed", flaw_id);
      json_builder_end_object (builder);
      resell_cli_print_json (builder);
    }
  else
    g_print (_("Removed flaw %lld from %s.\n"), (long long) flaw_id, resell_item_get_sku (item));

  resell_cli_flush_main_context ();

  return RESELL_CLI_EXIT_OK;
}

ResellCliStatus
resell_cli_builtin_flaw (ResellCliGlobals *globals,
                         int               argc,
                         char            **argv)
{
  /* "flaw add …" and "flaw remove …": the action is the first word. */
  if (argc >= 2 && g_str_equal (argv[1], "add"))
    return flaw_add (globals, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "remove"))
    return flaw_remove (globals, argc - 1, argv + 1);

  return resell_cli_usage_error (argv[0], _("Use “flaw add SKU …” or “flaw remove SKU ID”."));
}
