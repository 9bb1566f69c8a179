/* resell-cli-builtins-pricing.c — the price commands: comps (import, add,
 * list), price and backtest
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-cli"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "catalog/resell-catalog-comps.h"
#include "pricing/resell-comps-import.h"
#include "pricing/resell-fee-schedule.h"
#include "pricing/resell-payout.h"
#include "pricing/resell-price-backtest.h"
#include "pricing/resell-price-estimator.h"
#include "pricing/resell-price-grade.h"
#include "pricing/resell-price-hint.h"
#include "pricing/resell-pricing-prefs.h"

#include "resell-cli-builtins.h"
#include "resell-cli-common.h"
#include "resell-cli-output.h"

static void
json_add_money (JsonBuilder       *builder,
                const char        *name,
                const ResellMoney *money)
{
  json_builder_set_member_name (builder, name);
  if (money == NULL)
    json_builder_add_null_value (builder);
  else
    resell_money_build_json (money, builder);
}

static char *
dup_money (gint64      minor,
           const char *currency)
{
  ResellMoney money = resell_money_make (minor, currency);

  return resell_money_format (&money);
}

static char *
format_date (gint64 unix_seconds)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (unix_seconds);

  return date != NULL ? g_date_time_format (date, "%Y-%m-%d") : g_strdup ("?");
}

static void
json_add_comp (JsonBuilder      *builder,
               const ResellComp *comp)
{
  g_autofree char *date = format_date (comp->sold_at);
  ResellMoney price = resell_money_make (comp->price_minor, comp->currency);

  resell_cli_json_add_int (builder, "id", comp->id);
  resell_cli_json_add_string (builder, "source", comp->source);
  resell_cli_json_add_string (builder, "category", comp->category);
  resell_cli_json_add_string (builder, "brand", comp->brand);
  resell_cli_json_add_string (builder, "model", comp->model);
  resell_cli_json_add_string (builder, "grade", comp->grade);
  json_add_money (builder, "price", &price);
  resell_cli_json_add_string (builder, "sold_at", date);
  resell_cli_json_add_string (builder, "reference", comp->reference);
}

static void
print_problems (GPtrArray *problems)
{
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    g_printerr ("  %s\n", (const char *) g_ptr_array_index (problems, i));
}

/* ------------------------------------------------------------------ */
/* comps import                                                       */
/* ------------------------------------------------------------------ */

static ResellCliStatus
comps_import (ResellCliGlobals *globals,
              int               argc,
              char            **argv)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) mapping = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *category = NULL;
  ResellCliGlobals local = { NULL, FALSE };
  ResellCliStatus status = RESELL_CLI_EXIT_OK;
  ResellCatalog *catalog;
  guint n = 0;
  const GOptionEntry entries[] = {
    { "map", 0, 0, G_OPTION_ARG_STRING_ARRAY, &mapping,
      N_("Read column COLUMN as FIELD (brand, model, category, grade, price, currency, sold_at, "
         "reference, ignore); repeat for more"), N_("COLUMN=FIELD") },
    { "currency", 0, 0, G_OPTION_ARG_STRING, &currency,
      N_("Currency of rows without one (ISO 4217, e.g. EUR)"), N_("CODE") },
    { "category", 'c', 0, G_OPTION_ARG_STRING, &category,
      N_("Category of rows without one"), N_("ID") },
    { NULL }
  };

  if (!resell_cli_parse_command ("comps import", _("FILE.csv"),
                                 _("Import comparable sales from a CSV file: all rows or none."),
                                 entries, globals, &local, &argc, &argv, &status))
    return status;

  if (argc != 2)
    return resell_cli_usage_error ("comps import", _("“comps import” takes one CSV file."));

  catalog = resell_cli_load_catalog (globals);
  if (catalog == NULL)
    return RESELL_CLI_EXIT_RUNTIME;

  {
    ResellCompsImportOptions options = { (const char * const *) mapping, currency, category };

    if (!resell_comps_import_csv (catalog, argv[1], &options, &n, &problems, &error))
      {
        if (globals->json)
          {
            g_autoptr(JsonBuilder) builder = json_builder_new ();

            json_builder_begin_object (builder);
            resell_cli_json_add_int (builder, "imported", 0);
            resell_cli_json_add_string (builder, "error", error->message);
            json_builder_set_member_name (builder, "problems");
            json_builder_begin_array (builder);
            for (guint i = 0; problems != NULL && i < problems->len; i++)
              json_builder_add_string_value (builder, g_ptr_array_index (problems, i));
            json_builder_end_array (builder);
            json_builder_end_object (builder);
            resell_cli_print_json (builder);
          }
        resell_cli_print_error ("%s", error->message);
        print_problems (problems);
        return RESELL_CLI_EXIT_RUNTIME;
      }
  }

  if (globals->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      resell_cli_json_add_int (builder, "imported", n);
      json_builder_set_member_name (builder, "problems");
      json_builder_begin_array (builder);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      resell_cli_print_json (builder);
    }
  else
    g_print (g_dngettext (GETTEXT_PACKAGE, "Imported %u comparable sale.\n",
                          "Imported %u comparable sales.\n", n), n);

  return RESELL_CLI_EXIT_OK;
}

/* ------------------------------------------------------------------ */
/* comps add                                                          */
/* ------------------------------------------------------------------ */

static ResellCliStatus
comps_add (ResellCliGlobals *globals,
           int               argc,
           char            **argv)
{
  g_autoptr(ResellComp) comp = resell_comp_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *category = NULL;
  g_autofree char *brand = NULL;
  g_autofree char *model = NULL;
  g_autofree char *grade = NULL;
  g_autofree char *price = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *sold = NULL;
  g_autofree char *reference = NULL;
  ResellCliGlobals local = { NULL, FALSE };
  ResellCliStatus status = RESELL_CLI_EXIT_OK;
  ResellPricingPrefs prefs = { "", };
  ResellCatalog *catalog;
  ResellMoney money;
  const GOptionEntry entries[] = {
    { "category", 'c', 0, G_OPTION_ARG_STRING, &category, N_("Category id (required)"), N_("ID") },
    { "brand", 'b', 0, G_OPTION_ARG_STRING, &brand, N_("Brand"), N_("TEXT") },
    { "model", 'm', 0, G_OPTION_ARG_STRING, &model, N_("Model"), N_("TEXT") },
    { "grade", 'g', 0, G_OPTION_ARG_STRING, &grade, N_("Condition id, e.g. very-good"), N_("ID") },
    { "price", 'p', 0, G_OPTION_ARG_STRING, &price, N_("Sale price, e.g. 349.00 (required)"), N_("AMOUNT") },
    { "currency", 0, 0, G_OPTION_ARG_STRING, &currency,
      N_("ISO 4217 currency (default: the shop’s)"), N_("CODE") },
    { "sold", 's', 0, G_OPTION_ARG_STRING, &sold, N_("Sale date, e.g. 2026-11-23 (default: today)"), N_("DATE") },
    { "reference", 'r', 0, G_OPTION_ARG_STRING, &reference, N_("Listing URL or note"), N_("TEXT") },
    { NULL }
  };

  if (!resell_cli_parse_command ("comps add", NULL,
                                 _("Add one comparable sale by hand."),
                                 entries, globals, &local, &argc, &argv, &status))
    return status;

  if (argc != 1)
    return resell_cli_usage_error ("comps add", _("“comps add” takes options only."));
  if (category == NULL || price == NULL)
    return resell_cli_usage_error ("comps add", _("--category and --price are required."));

  catalog = resell_cli_load_catalog (globals);
  if (catalog == NULL)
    return RESELL_CLI_EXIT_RUNTIME;

  resell_pricing_prefs_load (&prefs, resell_context_get_settings (resell_cli_get_context (globals)));
  if (currency != NULL)
    {
      g_autofree char *code = g_ascii_strup (currency, -1);

      if (!resell_currency_is_valid (code))
        {
          resell_pricing_prefs_clear (&prefs);
          return resell_cli_usage_error ("comps add", _("--currency takes an ISO 4217 code such as EUR."));
        }
      memcpy (comp->currency, code, 4);
    }
  else
    memcpy (comp->currency, prefs.currency, 4);
  resell_pricing_prefs_clear (&prefs);

  if (!resell_money_parse (price, comp->currency, &money, &error))
    return resell_cli_usage_error ("comps add", error->message);
  comp->price_minor = money.minor;

  if (sold == NULL)
    comp->sold_at = g_get_real_time () / G_USEC_PER_SEC;
  else if (!resell_comps_parse_date (sold, &comp->sold_at))
    return resell_cli_usage_error ("comps add", _("--sold takes a date such as 2026-11-23."));

  if (grade != NULL)
    {
      const char *id = resell_price_grade_from_text (grade);

      if (id == NULL)
        return resell_cli_usage_error ("comps add", _("--grade takes a condition id such as very-good."));
      g_free (comp->grade);
      comp->grade = g_strdup (id);
    }

#define SET(member) if (member != NULL) { g_free (comp->member); comp->member = g_strdup (member); }
  SET (category);
  SET (brand);
  SET (model);
  SET (reference);
#undef SET

  if (!resell_comps_add_manual (catalog, comp, &error))
    {
      resell_cli_print_error (_("Could not add the sale: %s"), error->message);
      return RESELL_CLI_EXIT_RUNTIME;
    }

  if (globals->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_add_comp (builder, comp);
      json_builder_end_object (builder);
      resell_cli_print_json (builder);
    }
  else
    {
      g_autofree char *amount = dup_money (comp->price_minor, comp->currency);

      g_print (_("Added sale %lld (%s).\n"), (long long) comp->id, amount);
    }

  return RESELL_CLI_EXIT_OK;
}

/* ------------------------------------------------------------------ */
/* comps list                                                         */
/* ------------------------------------------------------------------ */

static ResellCliStatus
comps_list (ResellCliGlobals *globals,
            int               argc,
            char            **argv)
{
  g_autoptr(GPtrArray) comps = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *category = NULL;
  g_autofree char *brand = NULL;
  g_autofree char *model = NULL;
  g_autofree char *currency = NULL;
  ResellCliGlobals local = { NULL, FALSE };
  ResellCliStatus status = RESELL_CLI_EXIT_OK;
  ResellCatalog *catalog;
  const GOptionEntry entries[] = {
    { "category", 'c', 0, G_OPTION_ARG_STRING, &category, N_("Only this category"), N_("ID") },
    { "brand", 'b', 0, G_OPTION_ARG_STRING, &brand, N_("Only this brand"), N_("TEXT") },
    { "model", 'm', 0, G_OPTION_ARG_STRING, &model, N_("Only this model"), N_("TEXT") },
    { "currency", 0, 0, G_OPTION_ARG_STRING, &currency, N_("Only this currency"), N_("CODE") },
    { NULL }
  };

  if (!resell_cli_parse_command ("comps list", NULL,
                                 _("List comparable sales, newest first."),
                                 entries, globals, &local, &argc, &argv, &status))
    return status;

  if (argc != 1)
    return resell_cli_usage_error ("comps list", _("“comps list” takes options only."));

  catalog = resell_cli_load_catalog (globals);
  if (catalog == NULL)
    return RESELL_CLI_EXIT_RUNTIME;

  {
    g_autofree char *code = currency != NULL ? g_ascii_strup (currency, -1) : NULL;
    ResellCompQuery query = { code, category, brand, model, 0, 0 };

    comps = resell_catalog_query_comps (catalog, &query, &error);
  }
  if (comps == NULL)
    {
      resell_cli_print_error (_("Could not list the sales: %s"), error->message);
      return RESELL_CLI_EXIT_RUNTIME;
    }

  if (globals->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < comps->len; i++)
        {
          json_builder_begin_object (builder);
          json_add_comp (builder, g_ptr_array_index (comps, i));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      resell_cli_print_json (builder);
    }
  else if (comps->len > 0)
    {
      g_autoptr(GPtrArray) rows = resell_cli_table_new (_("SOLD"), _("PRICE"), _("CATEGORY"), _("BRAND"),
                                                        _("MODEL"), _("GRADE"), _("SOURCE"), NULL);

      for (guint i = 0; i < comps->len; i++)
        {
          ResellComp *comp = g_ptr_array_index (comps, i);

          resell_cli_table_add_row (rows,
                                    format_date (comp->sold_at),
                                    dup_money (comp->price_minor, comp->currency),
                                    g_strdup (comp->category),
                                    resell_cli_dup_ellipsized (comp->brand, 20),
                                    resell_cli_dup_ellipsized (comp->model, 24),
                                    g_strdup (comp->grade),
                                    g_strdup (comp->source));
        }
      resell_cli_print_table (rows, 7);
    }
  else
    g_printerr ("%s\n", _("No comparable sales."));

  return RESELL_CLI_EXIT_OK;
}

ResellCliStatus
resell_cli_builtin_comps (ResellCliGlobals *globals,
                          int               argc,
                          char            **argv)
{
  if (argc >= 2 && strcmp (argv[1], "import") == 0)
    return comps_import (globals, argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "add") == 0)
    return comps_add (globals, argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "list") == 0)
    return comps_list (globals, argc - 1, argv + 1);

  return resell_cli_usage_error (NULL, _("“comps” takes import, add or list, e.g. “comps import sales.csv”."));
}

/* ------------------------------------------------------------------ */
/* price                                                              */
/* ------------------------------------------------------------------ */

static void
print_money_field (const char        *label,
                   const ResellMoney *money)
{
  g_autofree char *text = money != NULL ? resell_money_format (money) : g_strdup ("—");

  g_print ("%-16s %s\n", label, text);
}

static const char *
grade_source_to_string (ResellPriceGradeSource source)
{
  switch (source)
    {
    case RESELL_PRICE_GRADE_SOURCE_GIVEN:
      return "given";
    case RESELL_PRICE_GRADE_SOURCE_APPRAISAL:
      return "appraisal";
    case RESELL_PRICE_GRADE_SOURCE_OVERRIDE:
      return "override";
    case RESELL_PRICE_GRADE_SOURCE_NONE:
    default:
      return "none";
    }
}

ResellCliStatus
resell_cli_builtin_price (ResellCliGlobals *globals,
                          int               argc,
                          char            **argv)
{
  g_autoptr(ResellItem) item = NULL;
  g_autoptr(ResellPriceHint) hint = NULL;
  g_autoptr(ResellFeeSchedule) schedule = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *grade = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *fees_id = NULL;
  g_autofree char *set = NULL;
  ResellCliGlobals local = { NULL, FALSE };
  ResellCliStatus status = RESELL_CLI_EXIT_OK;
  ResellPricingPrefs prefs = { "", };
  ResellCategoryRegistry *registry;
  ResellCategory *category;
  ResellCatalog *catalog;
  ResellPriceEstimate *estimate;
  const ResellMoney *asking;
  const ResellPayout *payout;
  const char *payout_error;
  const GOptionEntry entries[] = {
    { "grade", 'g', 0, G_OPTION_ARG_STRING, &grade,
      N_("Price for this condition id, e.g. very-good (default: the item’s grade)"), N_("ID") },
    { "currency", 0, 0, G_OPTION_ARG_STRING, &currency, N_("Price in this currency (default: the shop’s)"), N_("CODE") },
    { "fees", 0, 0, G_OPTION_ARG_STRING, &fees_id, N_("Fee schedule, e.g. ebay or etsy (default: the shop’s)"), N_("ID") },
    { "set", 0, 0, G_OPTION_ARG_STRING, &set, N_("Set the item’s asking price first (e.g. 349.00)"), N_("AMOUNT") },
    { NULL }
  };

  if (!resell_cli_parse_command ("price", _("SKU"),
                                 _("Show an item’s price hint, its evidence, fees and expected payout."),
                                 entries, globals, &local, &argc, &argv, &status))
    return status;

  if (argc != 2)
    return resell_cli_usage_error ("price", _("“price” takes one SKU."));

  catalog = resell_cli_load_catalog (globals);
  if (catalog == NULL)
    return RESELL_CLI_EXIT_RUNTIME;
  item = resell_cli_lookup_item (catalog, argv[1]);
  if (item == NULL)
    return RESELL_CLI_EXIT_RUNTIME;
  registry = resell_cli_load_categories (globals);
  category = registry != NULL ? resell_category_registry_lookup (registry, resell_item_get_category (item)) : NULL;

  resell_pricing_prefs_load (&prefs, resell_context_get_settings (resell_cli_get_context (globals)));
  if (currency != NULL)
    {
      g_autofree char *code = g_ascii_strup (currency, -1);

      if (!resell_currency_is_valid (code))
        {
          resell_pricing_prefs_clear (&prefs);
          return resell_cli_usage_error ("price", _("--currency takes an ISO 4217 code such as EUR."));
        }
      memcpy (prefs.currency, code, 4);
    }
  if (fees_id != NULL)
    {
      g_free (prefs.fee_schedule);
      prefs.fee_schedule = g_strdup (fees_id);
    }
  if (grade != NULL && resell_price_grade_from_text (grade) == NULL)
    {
      resell_pricing_prefs_clear (&prefs);
      return resell_cli_usage_error ("price", _("--grade takes a condition id such as very-good."));
    }

  if (set != NULL)
    {
      ResellMoney amount;

      if (!resell_money_parse (set, prefs.currency, &amount, &error) || amount.minor <= 0)
        {
          resell_pricing_prefs_clear (&prefs);
          return resell_cli_usage_error ("price", error != NULL ? error->message : _("The price must be above zero."));
        }
      if (!resell_catalog_set_list_price (catalog, resell_item_get_id (item), amount.minor, amount.currency, &error))
        {
          resell_pricing_prefs_clear (&prefs);
          resell_cli_print_error (_("Could not set the price: %s"), error->message);
          return RESELL_CLI_EXIT_RUNTIME;
        }
    }

  /* The same hint the item page shows: the item's own grade unless
   * --grade names one. */
  hint = resell_price_hint_load (catalog, resell_context_get_grader (resell_cli_get_context (globals)), registry,
                                 item, grade != NULL ? resell_price_grade_from_text (grade) : NULL,
                                 category != NULL ? resell_category_get_name (category) : NULL,
                                 &prefs, &error);
  if (hint == NULL)
    {
      resell_pricing_prefs_clear (&prefs);
      resell_cli_print_error (_("Could not estimate the price: %s"), error->message);
      return RESELL_CLI_EXIT_RUNTIME;
    }
  estimate = resell_price_hint_get_estimate (hint);
  asking = resell_price_hint_get_asking (hint);
  payout = resell_price_hint_get_payout (hint);
  payout_error = resell_price_hint_get_payout_error (hint);
  if (payout != NULL)
    schedule = resell_fee_schedule_lookup (prefs.fee_schedule, NULL);
  resell_pricing_prefs_clear (&prefs);

  if (globals->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      GPtrArray *evidence = resell_price_estimate_get_evidence (estimate);

      json_builder_begin_object (builder);
      resell_cli_json_add_string (builder, "sku", resell_item_get_sku (item));
      resell_cli_json_add_string (builder, "confidence",
                                  resell_price_confidence_to_string (resell_price_estimate_get_confidence (estimate)));
      resell_cli_json_add_string (builder, "level",
                                  resell_price_level_to_string (resell_price_estimate_get_level (estimate)));
      resell_cli_json_add_string (builder, "sentence", resell_price_hint_get_sentence (hint));
      resell_cli_json_add_string (builder, "grade",
                                  resell_price_hint_get_grade (hint) != NULL ? resell_price_hint_get_grade (hint) : "");
      resell_cli_json_add_string (builder, "grade_source",
                                  grade_source_to_string (resell_price_hint_get_grade_source (hint)));
      json_add_money (builder, "suggested", resell_price_estimate_get_suggested (estimate));
      json_add_money (builder, "low", resell_price_estimate_get_low (estimate));
      json_add_money (builder, "high", resell_price_estimate_get_high (estimate));
      json_add_money (builder, "quick_sale", resell_price_estimate_get_quick_sale (estimate));
      json_add_money (builder, "asking", asking);

      json_builder_set_member_name (builder, "comps");
      json_builder_begin_array (builder);
      for (guint i = 0; i < evidence->len; i++)
        {
          ResellPriceEvidence *e = g_ptr_array_index (evidence, i);
          ResellMoney adjusted = resell_money_make (e->adjusted_minor, e->comp->currency);

          json_builder_begin_object (builder);
          json_add_comp (builder, e->comp);
          json_add_money (builder, "adjusted", &adjusted);
          json_builder_set_member_name (builder, "weight");
          json_builder_add_double_value (builder, e->weight);
          resell_cli_json_add_int (builder, "grade_bp", e->grade_bp);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);

      json_builder_set_member_name (builder, "payout");
      if (payout == NULL)
        json_builder_add_null_value (builder);
      else
        {
          json_builder_begin_object (builder);
          json_add_money (builder, "price", &payout->price);
          resell_cli_json_add_string (builder, "fee_schedule",
                                      schedule != NULL ? resell_fee_schedule_get_id (schedule) : "");
          json_builder_set_member_name (builder, "fees");
          json_builder_begin_array (builder);
          for (guint i = 0; i < payout->fee_lines->len; i++)
            {
              ResellFeeLine *line = g_ptr_array_index (payout->fee_lines, i);

              json_builder_begin_object (builder);
              resell_cli_json_add_string (builder, "id", line->id);
              resell_cli_json_add_string (builder, "label", line->label);
              json_add_money (builder, "amount", &line->amount);
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
          json_add_money (builder, "fees_total", &payout->fees);
          json_add_money (builder, "net", &payout->net);
          json_add_money (builder, "consignor", payout->has_consignor ? &payout->consignor : NULL);
          json_add_money (builder, "seller", &payout->seller);
          json_builder_end_object (builder);
        }
      if (payout_error != NULL)
        resell_cli_json_add_string (builder, "payout_error", payout_error);

      json_builder_end_object (builder);
      resell_cli_print_json (builder);
    }
  else
    {
      GPtrArray *evidence = resell_price_estimate_get_evidence (estimate);

      g_print ("%s\n", resell_price_hint_get_sentence (hint));
      g_print ("%-16s %s\n", _("Confidence:"),
               resell_price_confidence_describe (resell_price_estimate_get_confidence (estimate)));
      print_money_field (_("Suggested:"), resell_price_estimate_get_suggested (estimate));
      if (resell_price_estimate_get_has_price (estimate))
        {
          g_autofree char *low = resell_money_format (resell_price_estimate_get_low (estimate));
          g_autofree char *high = resell_money_format (resell_price_estimate_get_high (estimate));

          g_print ("%-16s %s – %s\n", _("Range:"), low, high);
        }
      print_money_field (_("Quick sale:"), resell_price_estimate_get_quick_sale (estimate));
      print_money_field (_("Asking:"), asking);

      if (payout != NULL)
        {
          for (guint i = 0; i < payout->fee_lines->len; i++)
            {
              ResellFeeLine *line = g_ptr_array_index (payout->fee_lines, i);
              g_autofree char *label = g_strconcat (line->label, ":", NULL);

              print_money_field (label, &line->amount);
            }
          if (payout->has_consignor)
            print_money_field (_("Consignor:"), &payout->consignor);
          print_money_field (_("Payout:"), &payout->seller);
        }
      else if (payout_error != NULL)
        g_print ("%-16s %s\n", _("Payout:"), payout_error);

      if (evidence->len > 0)
        {
          g_autoptr(GPtrArray) rows = resell_cli_table_new (_("SOLD"), _("PRICE"), _("ADJUSTED"), _("WEIGHT"),
                                                            _("BRAND"), _("MODEL"), _("GRADE"), NULL);

          g_print ("\n");
          for (guint i = 0; i < evidence->len; i++)
            {
              ResellPriceEvidence *e = g_ptr_array_index (evidence, i);

              resell_cli_table_add_row (rows,
                                        format_date (e->comp->sold_at),
                                        dup_money (e->comp->price_minor, e->comp->currency),
                                        dup_money (e->adjusted_minor, e->comp->currency),
                                        g_strdup_printf ("%.1f%%", e->weight * 100),
                                        resell_cli_dup_ellipsized (e->comp->brand, 20),
                                        resell_cli_dup_ellipsized (e->comp->model, 24),
                                        g_strdup (e->comp->grade));
            }
          resell_cli_print_table (rows, 7);
        }
    }

  return RESELL_CLI_EXIT_OK;
}

/* ------------------------------------------------------------------ */
/* backtest                                                           */
/* ------------------------------------------------------------------ */

ResellCliStatus
resell_cli_builtin_backtest (ResellCliGlobals *globals,
                             int               argc,
                             char            **argv)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) mapping = NULL;
  g_autofree char *currency = NULL;
  int half_life = 180;
  ResellCliGlobals local = { NULL, FALSE };
  ResellCliStatus status = RESELL_CLI_EXIT_OK;
  ResellPriceSettings settings;
  ResellPriceBacktest result;
  const GOptionEntry entries[] = {
    { "map", 0, 0, G_OPTION_ARG_STRING_ARRAY, &mapping,
      N_("Read column COLUMN as FIELD, as for “comps import”"), N_("COLUMN=FIELD") },
    { "currency", 0, 0, G_OPTION_ARG_STRING, &currency, N_("Currency of rows without one"), N_("CODE") },
    { "half-life", 0, 0, G_OPTION_ARG_INT, &half_life, N_("Days after which a sale counts half (180)"), N_("DAYS") },
    { NULL }
  };

  if (!resell_cli_parse_command ("backtest", _("FILE.csv"),
                                 _("Estimate each sale of a CSV file from the others and print the "
                                   "median absolute percentage error."),
                                 entries, globals, &local, &argc, &argv, &status))
    return status;

  if (argc != 2)
    return resell_cli_usage_error ("backtest", _("“backtest” takes one CSV file."));
  if (half_life < 1)
    return resell_cli_usage_error ("backtest", _("--half-life takes a number of days above zero."));

  resell_price_settings_init (&settings);
  settings.half_life_days = (guint) half_life;

  {
    ResellCompsImportOptions options = { (const char * const *) mapping, currency, NULL };

    if (!resell_price_backtest_csv (argv[1], &options, &settings, &result, &problems, &error))
      {
        resell_cli_print_error ("%s", error->message);
        print_problems (problems);
        return RESELL_CLI_EXIT_RUNTIME;
      }
  }

  if (globals->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      resell_cli_json_add_int (builder, "rows", result.n_rows);
      resell_cli_json_add_int (builder, "estimated", result.n_estimated);
      resell_cli_json_add_int (builder, "without_price", result.n_without_price);
      resell_cli_json_add_int (builder, "mdape_bp", result.mdape_bp);
      json_builder_set_member_name (builder, "by_level");
      json_builder_begin_object (builder);
      for (guint l = RESELL_PRICE_LEVEL_MODEL; l <= RESELL_PRICE_LEVEL_CATEGORY; l++)
        resell_cli_json_add_int (builder, resell_price_level_to_string (l), result.by_level[l]);
      json_builder_end_object (builder);
      json_builder_end_object (builder);
      resell_cli_print_json (builder);
    }
  else
    {
      g_print (_("%u sales, %u estimated from the others, %u without any other to go on.\n"),
               result.n_rows, result.n_estimated, result.n_without_price);
      g_print (_("Median absolute percentage error: %lld.%02lld%%\n"),
               (long long) (result.mdape_bp / 100), (long long) (result.mdape_bp % 100));
      g_print (_("Estimated from the model: %u, the brand: %u, the category: %u.\n"),
               result.by_level[RESELL_PRICE_LEVEL_MODEL], result.by_level[RESELL_PRICE_LEVEL_BRAND],
               result.by_level[RESELL_PRICE_LEVEL_CATEGORY]);
    }

  return RESELL_CLI_EXIT_OK;
}
