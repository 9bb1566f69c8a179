/* bench-catalog-fill.c — fills a catalog with realistic items, then times
 * what the window does at start: open the catalog and list every item.
 *
 * Usage: bench-catalog-fill DIR N
 *
 * Tops the catalog in DIR up to N items (most with photos), in batches of
 * one transaction each, then prints
 *   catalog-items: <count>
 *   catalog-fill-ms: <time spent filling>
 *   catalog-open-list-ms: <open + list_items, first time in this process>
 *   catalog-open-ms: <the open part of it>
 *   catalog-open-list-warm-ms, catalog-open-warm-ms: <the same again>
 * Timings are printed, never judged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bench-catalog-fill"

#include "config.h"

#include <stdlib.h>

#include "resell-core.h"
#include "catalog/resell-catalog-hooks.h"

#define BATCH_SIZE 500

typedef struct
{
  const char         *id;
  const char * const *brands;
  const char * const *nouns;
  const char * const *sizes;
  const char * const *materials;
} Category;

static const char * const clothing_brands[] = { "Levi's", "Patagonia", "Barbour", "Acne Studios", "COS", "Ralph Lauren", "Arc'teryx", "Sézane", NULL };
static const char * const clothing_nouns[] = { "denim jacket", "wool coat", "waxed jacket", "cashmere jumper", "linen shirt", "fleece", "midi dress", "chinos", NULL };
static const char * const clothing_sizes[] = { "XS", "S", "M", "L", "XL", "UK 10", "EU 38", "W32 L32", NULL };
static const char * const clothing_materials[] = { "Cotton", "Wool", "Cashmere", "Linen", "Polyester", "Waxed cotton", NULL };

static const char * const shoes_brands[] = { "Dr. Martens", "Church's", "Nike", "Birkenstock", "Veja", "Tricker's", "Salomon", NULL };
static const char * const shoes_nouns[] = { "Chelsea boots", "Oxford shoes", "trainers", "sandals", "brogues", "hiking boots", "loafers", NULL };
static const char * const shoes_sizes[] = { "UK 6", "UK 7", "UK 8", "UK 9", "EU 40", "EU 42", "US 10", NULL };
static const char * const shoes_materials[] = { "Calf leather", "Suede", "Canvas", "Mesh", "Nubuck", NULL };

static const char * const bags_brands[] = { "Louis Vuitton", "Chanel", "Hermès", "Mulberry", "Gucci", "Longchamp", "Prada", NULL };
static const char * const bags_nouns[] = { "Speedy 30", "Classic Flap", "Bayswater", "Le Pliage tote", "crossbody bag", "clutch", "backpack", NULL };
static const char * const bags_sizes[] = { "Small", "Medium", "Large", "One size", NULL };
static const char * const bags_materials[] = { "Coated canvas", "Lambskin", "Grained leather", "Nylon", "Saffiano leather", NULL };

static const char * const electronics_brands[] = { "Sony", "Apple", "Bose", "Canon", "Nintendo", "Garmin", "Fujifilm", NULL };
static const char * const electronics_nouns[] = { "WH-1000XM4 headphones", "iPad Air", "QuietComfort 45", "EOS R6 body", "Switch OLED", "Forerunner 255", "X100V", NULL };
static const char * const electronics_sizes[] = { "", "64 GB", "128 GB", "256 GB", NULL };
static const char * const electronics_materials[] = { "", "Aluminium", "Plastic", NULL };

static const char * const watches_brands[] = { "Omega", "Seiko", "Tudor", "Cartier", "Pandora", "Tiffany & Co.", NULL };
static const char * const watches_nouns[] = { "Seamaster 300", "Presage Cocktail Time", "Black Bay 58", "Love bracelet", "charm bracelet", "silver pendant", NULL };
static const char * const watches_sizes[] = { "39 mm", "41 mm", "17 cm", "45 cm chain", "One size", NULL };
static const char * const watches_materials[] = { "Stainless steel", "18k gold", "Sterling silver", "Titanium", NULL };

static const char * const books_brands[] = { "Penguin", "Faber & Faber", "Taschen", "Criterion", "Blue Note", NULL };
static const char * const books_nouns[] = { "first edition", "art book", "box set", "vinyl LP", "signed copy", "Blu-ray collection", NULL };
static const char * const books_sizes[] = { "", "Hardback", "Paperback", "12\"", NULL };
static const char * const books_materials[] = { "", "Paper", "Vinyl", NULL };

static const char * const home_brands[] = { "Le Creuset", "Iittala", "Dualit", "Alessi", "Orrefors", "Denby", NULL };
static const char * const home_nouns[] = { "casserole dish", "Aalto vase", "4-slice toaster", "kettle", "crystal tumblers", "dinner set", NULL };
static const char * const home_sizes[] = { "", "24 cm", "Set of 4", "Set of 6", NULL };
static const char * const home_materials[] = { "Cast iron", "Glass", "Stainless steel", "Stoneware", "Crystal", NULL };

static const Category categories[] = {
  { "clothing", clothing_brands, clothing_nouns, clothing_sizes, clothing_materials },
  { "shoes", shoes_brands, shoes_nouns, shoes_sizes, shoes_materials },
  { "handbags", bags_brands, bags_nouns, bags_sizes, bags_materials },
  { "electronics", electronics_brands, electronics_nouns, electronics_sizes, electronics_materials },
  { "watches-jewellery", watches_brands, watches_nouns, watches_sizes, watches_materials },
  { "books-media", books_brands, books_nouns, books_sizes, books_materials },
  { "home-goods", home_brands, home_nouns, home_sizes, home_materials },
};

static const char * const colours[] = { "Black", "Navy", "Brown", "Tan", "White", "Red", "Green", "Grey", "Beige", "Gold", "Silver", NULL };
static const char * const notes[] = {
  "",
  "Light wear on corners, see photos.",
  "Small mark on lining.",
  "Original box and dust bag included.",
  "Tested and working; battery holds a full day.",
  "Minor scratches on the case back.",
  "Pilling under the arms, otherwise excellent.",
  NULL
};
static const char * const consignors[] = { "", "", "", "Ana Lopez", "C-0042", "J. Smith", "Maison Dupont", NULL };
static const char * const slots[] = { "front", "back", "left", "right", "base", "interior", "label", "detail", NULL };

static const char *
pick (GRand              *rand,
      const char * const *strings)
{
  return strings[g_rand_int_range (rand, 0, (gint32) g_strv_length ((char **) strings))];
}

static ResellItemState
pick_state (GRand *rand)
{
  int roll = g_rand_int_range (rand, 0, 100);

  if (roll < 50)
    return RESELL_ITEM_STATE_DRAFT;
  if (roll < 70)
    return RESELL_ITEM_STATE_READY;
  if (roll < 80)
    return RESELL_ITEM_STATE_QUEUED;
  if (roll < 85)
    return RESELL_ITEM_STATE_UPLOADING;
  return RESELL_ITEM_STATE_SUBMITTED;
}

typedef struct
{
  GRand *rand;
  guint  n;
} Batch;

static gboolean
fill_batch (ResellCatalog  *catalog,
            gpointer        user_data,
            GError        **error)
{
  Batch *batch = user_data;

  for (guint i = 0; i < batch->n; i++)
    {
      const Category *category = &categories[g_rand_int_range (batch->rand, 0, G_N_ELEMENTS (categories))];
      g_autoptr(ResellItem) item = resell_item_new ();
      const char *brand = pick (batch->rand, category->brands);
      const char *noun = pick (batch->rand, category->nouns);
      const char *colour = pick (batch->rand, colours);
      g_autofree char *title = g_strdup_printf ("%s %s, %s", brand, noun, colour);
      g_autofree char *originals = NULL;
      guint n_photos;
      guint first_number = (guint) g_rand_int_range (batch->rand, 1, 9000);

      resell_item_set_category (item, category->id);
      resell_item_set_brand (item, brand);
      resell_item_set_model (item, noun);
      resell_item_set_title (item, title);
      resell_item_set_size (item, pick (batch->rand, category->sizes));
      resell_item_set_colour (item, colour);
      resell_item_set_material (item, pick (batch->rand, category->materials));
      resell_item_set_notes (item, pick (batch->rand, notes));
      resell_item_set_consignor (item, pick (batch->rand, consignors));
      resell_item_set_state (item, pick_state (batch->rand));

      if (!resell_catalog_insert_item (catalog, item, error))
        return FALSE;

      /* Most items have been shot; drafts may not be yet.  Rows only: the
       * list reads the cover's path, not its pixels. */
      n_photos = g_rand_int_range (batch->rand, 0, 100) < 80
                 ? (guint) g_rand_int_range (batch->rand, 1, 12) : 0;
      if (n_photos > 0)
        originals = g_build_filename (resell_catalog_get_data_dir (catalog),
                                      "items", resell_item_get_sku (item), "originals", NULL);

      for (guint p = 0; p < n_photos; p++)
        {
          g_autoptr(ResellPhoto) photo = resell_photo_new ();
          g_autofree char *name = g_strdup_printf ("IMG_%04u.JPG", first_number + p);
          g_autofree char *path = g_build_filename (originals, name, NULL);
          g_autofree char *sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, path, -1);

          resell_photo_set_item_id (photo, resell_item_get_id (item));
          resell_photo_set_slot (photo, p < g_strv_length ((char **) slots) ? slots[p] : NULL);
          resell_photo_set_path (photo, path);
          resell_photo_set_original_name (photo, name);
          resell_photo_set_sha256 (photo, sha256);
          resell_photo_set_width (photo, 6000);
          resell_photo_set_height (photo, 4000);
          resell_photo_set_camera_model (photo, "Canon EOS R6");

          if (!resell_catalog_insert_photo (catalog, photo, error))
            return FALSE;
        }
    }

  return TRUE;
}

/* Returns open + list in ms, and the open part alone in @open_ms. */
static double
open_and_list (const char  *dir,
               guint       *n_items,
               double      *open_ms,
               GError     **error)
{
  g_autoptr(ResellCatalog) catalog = NULL;
  g_autoptr(GPtrArray) items = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 opened;
  gint64 end;

  catalog = resell_catalog_open (dir, error);
  if (catalog == NULL)
    return -1;
  opened = g_get_monotonic_time ();

  items = resell_catalog_list_items (catalog, error);
  if (items == NULL)
    return -1;

  end = g_get_monotonic_time ();
  *n_items = items->len;
  *open_ms = (opened - start) / 1000.0;

  return (end - start) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ResellCatalog) catalog = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = NULL;
  guint64 wanted;
  guint existing;
  guint n_items = 0;
  gint64 start;
  double fill_ms;
  double cold_ms;
  double cold_open_ms = 0;
  double warm_ms;
  double warm_open_ms = 0;

  if (argc != 3)
    {
      g_printerr ("Usage: %s DIR N\n", argv[0]);
      return EXIT_FAILURE;
    }

  if (!g_ascii_string_to_unsigned (argv[2], 10, 0, G_MAXUINT, &wanted, &error))
    {
      g_printerr ("%s: %s\n", argv[2], error->message);
      return EXIT_FAILURE;
    }

  catalog = resell_catalog_open (argv[1], &error);
  if (catalog == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  existing = resell_catalog_count_items (catalog, &error);
  if (error != NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  /* Seeded, so that two runs compare like with like. */
  rand = g_rand_new_with_seed (20231123 + existing);

  start = g_get_monotonic_time ();
  for (guint64 done = existing; done < wanted; done += BATCH_SIZE)
    {
      Batch batch = { rand, (guint) MIN (BATCH_SIZE, wanted - done) };

      if (!resell_catalog_run_in_transaction (catalog, fill_batch, &batch, &error))
        {
          g_printerr ("%s\n", error->message);
          return EXIT_FAILURE;
        }
    }
  fill_ms = (g_get_monotonic_time () - start) / 1000.0;

  /* Only the files on disk carry over, as when the app starts. */
  g_clear_object (&catalog);

  cold_ms = open_and_list (argv[1], &n_items, &cold_open_ms, &error);
  if (cold_ms < 0)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  warm_ms = open_and_list (argv[1], &n_items, &warm_open_ms, &error);
  if (warm_ms < 0)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  g_print ("catalog-items: %u\n", n_items);
  g_print ("catalog-fill-ms: %.1f\n", fill_ms);
  g_print ("catalog-open-list-ms: %.1f\n", cold_ms);
  g_print ("catalog-open-ms: %.1f\n", cold_open_ms);
  g_print ("catalog-open-list-warm-ms: %.1f\n", warm_ms);
  g_print ("catalog-open-warm-ms: %.1f\n", warm_open_ms);

  return EXIT_SUCCESS;
}
