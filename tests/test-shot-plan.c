/* test-shot-plan.c — which photo fills which shot, what is open next,
 * what is an extra, and what additions, removals and retakes change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "resell-core.h"
#include "intake/resell-shot-plan.h"

/* front (required), back (required), label, detail */
static const char category_json[] =
  "{\"version\":1,\"id\":\"test\",\"name\":\"Test\",\"icon\":\"package-x-generic-symbolic\","
  "\"sku_code\":\"TST\","
  "\"shots\":[{\"id\":\"front\",\"label\":\"Front\",\"guidance\":\"g\",\"required\":true,\"backdrop\":\"white\"},"
  "{\"id\":\"back\",\"label\":\"Back\",\"guidance\":\"g\",\"required\":true,\"backdrop\":\"white\"},"
  "{\"id\":\"label\",\"label\":\"Label\",\"guidance\":\"g\",\"required\":false,\"backdrop\":\"any\"},"
  "{\"id\":\"detail\",\"label\":\"Detail\",\"guidance\":\"g\",\"required\":false,\"backdrop\":\"any\"}],"
  "\"checklist\":[{\"id\":\"q\",\"question\":\"Q?\",\"answers\":[\"Yes\",\"No\"]}],"
  "\"flaws\":[{\"id\":\"stain\",\"label\":\"Stain\",\"description\":\"d\"}]}";

static ResellCategory *
make_category (void)
{
  g_autoptr(GError) error = NULL;
  ResellCategory *category = resell_category_new_from_data ("test.json", category_json, -1, &error);

  g_assert_no_error (error);
  return category;
}

static ResellPhoto *
make_photo (gint64      id,
            const char *slot,
            int         position)
{
  ResellPhoto *photo = resell_photo_new ();

  resell_photo_set_id (photo, id);
  resell_photo_set_slot (photo, slot);
  resell_photo_set_position (photo, position);
  return photo;
}

/* Photos given as "slot" strings ("" or NULL: an extra), ids 1, 2, … and
 * positions in that order. */
static GPtrArray *
make_photos (const char * const *slots,
             guint               n)
{
  GPtrArray *photos = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (photos, make_photo (i + 1, slots[i], (int) i + 1));
  return photos;
}

/* Table ------------------------------------------------------------------ */

typedef struct
{
  const char *name;
  gboolean    with_category;
  const char *slots[6];        /* the item's photos, NULL-terminated unless extras */
  guint       n_photos;
  const char *claimed[3];      /* NULL-terminated */
  guint       n_filled;
  guint       n_missing_required;
  const char *next_from_start;
  const char *after;           /* asked as next_open (after) */
  const char *next_after;
  gint64      extras[6];       /* photo ids, 0-terminated */
  const char *filled_by[4];    /* per shot front, back, label, detail: "id" or NULL */
} PlanCase;

static const PlanCase cases[] = {
  { "empty", TRUE, { NULL }, 0, { NULL }, 0, 2, "front", "front", "back", { 0 },
    { NULL, NULL, NULL, NULL } },
  { "partly-filled", TRUE, { "front", "label" }, 2, { NULL }, 2, 1, "back", "back", "detail", { 0 },
    { "1", NULL, "2", NULL } },
  { "wraps-round", TRUE, { "back", "label" }, 2, { NULL }, 2, 1, "front", "detail", "front", { 0 },
    { NULL, "1", "2", NULL } },
  { "extras", TRUE, { "front", NULL, "back", NULL }, 4, { NULL }, 2, 0, "label", NULL, "label", { 2, 4, 0 },
    { "1", "3", NULL, NULL } },
  { "all-taken", TRUE, { "front", "back", "label", "detail", NULL }, 5, { NULL }, 4, 0, NULL, "front", NULL,
    { 5, 0 }, { "1", "2", "3", "4" } },
  { "claims", TRUE, { "front" }, 1, { "back", "label", NULL }, 1, 1, "detail", "front", "detail", { 0 },
    { "1", NULL, NULL, NULL } },
  { "claims-all", TRUE, { "front", "back" }, 2, { "label", "detail", NULL }, 2, 0, NULL, NULL, NULL, { 0 },
    { "1", "2", NULL, NULL } },
  /* The first photo with a slot fills it; a second one waits behind it. */
  { "two-for-one-shot", TRUE, { "front", "front" }, 2, { NULL }, 1, 1, "back", "front", "back", { 0 },
    { "1", NULL, NULL, NULL } },
  { "no-category", FALSE, { "front", NULL, "back" }, 3, { NULL }, 0, 0, NULL, "front", NULL, { 1, 2, 3, 0 },
    { NULL, NULL, NULL, NULL } },
  /* A slot the category does not have (any more): an extra, fills nothing. */
  { "slot-gone", TRUE, { "strap", "front" }, 2, { NULL }, 1, 1, "back", "strap", "back", { 1, 0 },
    { "2", NULL, NULL, NULL } },
};

static const char * const shot_ids[] = { "front", "back", "label", "detail" };

static void
test_table (gconstpointer data)
{
  const PlanCase *c = data;
  g_autoptr(ResellCategory) category = c->with_category ? make_category () : NULL;
  g_autoptr(GPtrArray) photos = make_photos (c->slots, c->n_photos);
  g_autoptr(ResellShotPlan) plan = resell_shot_plan_new (category, photos);
  g_autoptr(GPtrArray) extras = NULL;
  guint n_extras = 0;

  for (guint i = 0; c->claimed[i] != NULL; i++)
    resell_shot_plan_claim (plan, c->claimed[i], 1);

  g_assert_cmpuint (resell_shot_plan_get_n_shots (plan), ==, c->with_category ? 4 : 0);
  g_assert_cmpuint (resell_shot_plan_get_n_photos (plan), ==, c->n_photos);
  g_assert_cmpuint (resell_shot_plan_get_n_filled (plan), ==, c->n_filled);
  g_assert_cmpuint (resell_shot_plan_count_missing_required (plan), ==, c->n_missing_required);
  g_assert_cmpstr (resell_shot_plan_next_open (plan, NULL), ==, c->next_from_start);
  g_assert_cmpstr (resell_shot_plan_next_open (plan, c->after), ==, c->next_after);

  for (guint s = 0; s < G_N_ELEMENTS (shot_ids); s++)
    {
      ResellPhoto *photo = resell_shot_plan_photo_for_slot (plan, shot_ids[s]);
      g_autofree char *id = photo ? g_strdup_printf ("%" G_GINT64_FORMAT, resell_photo_get_id (photo)) : NULL;

      /* Without a category nothing fills a shot, whatever the slots say. */
      if (!c->with_category)
        {
          g_assert_false (resell_shot_plan_has_shot (plan, shot_ids[s]));
          continue;
        }
      g_assert_cmpstr (id, ==, c->filled_by[s]);
      g_assert_cmpint (resell_shot_plan_is_filled (plan, shot_ids[s]), ==, c->filled_by[s] != NULL);
    }

  extras = resell_shot_plan_dup_extras (plan);
  while (c->extras[n_extras] != 0)
    n_extras++;
  g_assert_cmpuint (extras->len, ==, n_extras);
  for (guint i = 0; i < extras->len; i++)
    {
      g_assert_cmpint (resell_photo_get_id (g_ptr_array_index (extras, i)), ==, c->extras[i]);
      g_assert_true (resell_shot_plan_is_extra (plan, g_ptr_array_index (extras, i)));
    }
}

/* Changes ---------------------------------------------------------------- */

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *counter)
{
  (*counter)++;
}

static void
test_add_and_remove (void)
{
  g_autoptr(ResellCategory) category = make_category ();
  g_autoptr(ResellShotPlan) plan = resell_shot_plan_new (category, NULL);
  g_autoptr(ResellPhoto) front = make_photo (10, "front", 1);
  g_autoptr(ResellPhoto) extra = make_photo (11, NULL, 2);
  g_autoptr(ResellPhoto) back = make_photo (12, "back", 3);
  guint n_filled_notes = 0;

  g_signal_connect (plan, "notify::n-filled", G_CALLBACK (count_notify), &n_filled_notes);

  g_assert_cmpstr (resell_shot_plan_add (plan, front, 0), ==, "front");
  g_assert_cmpuint (n_filled_notes, ==, 1);
  g_assert_cmpstr (resell_shot_plan_next_open (plan, NULL), ==, "back");

  /* An extra changes no shot. */
  g_assert_null (resell_shot_plan_add (plan, extra, 0));
  g_assert_cmpuint (n_filled_notes, ==, 1);
  g_assert_cmpuint (resell_shot_plan_get_n_photos (plan), ==, 2);

  g_assert_cmpstr (resell_shot_plan_add (plan, back, 0), ==, "back");
  g_assert_cmpuint (resell_shot_plan_get_n_filled (plan), ==, 2);
  g_assert_cmpstr (resell_shot_plan_next_open (plan, "back"), ==, "label");
  g_assert_cmpint (resell_shot_plan_photo_index (plan, back), ==, 2);

  /* Removing the front opens it again. */
  g_assert_true (resell_shot_plan_remove (plan, 10));
  g_assert_false (resell_shot_plan_remove (plan, 10));
  g_assert_cmpuint (resell_shot_plan_get_n_filled (plan), ==, 1);
  g_assert_cmpuint (n_filled_notes, ==, 3);
  g_assert_null (resell_shot_plan_photo_for_slot (plan, "front"));
  g_assert_cmpstr (resell_shot_plan_next_open (plan, NULL), ==, "front");
  g_assert_cmpint (resell_shot_plan_photo_index (plan, back), ==, 1);
}

/* A retake replaces the shot's photo and takes its place. */
static void
test_retake (void)
{
  const char *slots[] = { "front", "back", NULL };
  g_autoptr(ResellCategory) category = make_category ();
  g_autoptr(GPtrArray) photos = make_photos (slots, 3);
  g_autoptr(ResellShotPlan) plan = resell_shot_plan_new (category, photos);
  g_autoptr(ResellPhoto) retake = make_photo (20, "front", 1);
  guint n_filled_notes = 0;

  g_signal_connect (plan, "notify::n-filled", G_CALLBACK (count_notify), &n_filled_notes);

  g_assert_cmpstr (resell_shot_plan_add (plan, retake, 1), ==, "front");
  g_assert_true (resell_shot_plan_photo_for_slot (plan, "front") == retake);
  g_assert_null (resell_shot_plan_photo_by_id (plan, 1));
  g_assert_cmpint (resell_shot_plan_photo_index (plan, retake), ==, 0);
  g_assert_cmpuint (resell_shot_plan_get_n_photos (plan), ==, 3);
  g_assert_cmpuint (resell_shot_plan_get_n_filled (plan), ==, 2);
  /* Still two of four: nothing to notify. */
  g_assert_cmpuint (n_filled_notes, ==, 0);

  /* A retake of an extra photo stays an extra, in its place. */
  {
    g_autoptr(ResellPhoto) extra_retake = make_photo (21, NULL, 3);
    g_autoptr(GPtrArray) extras = NULL;

    g_assert_null (resell_shot_plan_add (plan, extra_retake, 3));
    extras = resell_shot_plan_dup_extras (plan);
    g_assert_cmpuint (extras->len, ==, 1);
    g_assert_true (g_ptr_array_index (extras, 0) == extra_retake);
  }
}

static void
test_claims (void)
{
  g_autoptr(ResellCategory) category = make_category ();
  g_autoptr(ResellShotPlan) plan = resell_shot_plan_new (category, NULL);

  resell_shot_plan_claim (plan, "front", 1);
  resell_shot_plan_claim (plan, "front", 1);
  g_assert_true (resell_shot_plan_is_claimed (plan, "front"));
  g_assert_cmpstr (resell_shot_plan_next_open (plan, NULL), ==, "back");

  /* Two on their way: one arriving still leaves a claim. */
  resell_shot_plan_claim (plan, "front", -1);
  g_assert_true (resell_shot_plan_is_claimed (plan, "front"));
  resell_shot_plan_claim (plan, "front", -1);
  g_assert_false (resell_shot_plan_is_claimed (plan, "front"));
  g_assert_cmpstr (resell_shot_plan_next_open (plan, NULL), ==, "front");

  /* A claim does not fill. */
  resell_shot_plan_claim (plan, "back", 1);
  g_assert_false (resell_shot_plan_is_filled (plan, "back"));
  g_assert_cmpuint (resell_shot_plan_get_n_filled (plan), ==, 0);
  resell_shot_plan_clear_claims (plan);
  g_assert_false (resell_shot_plan_is_claimed (plan, "back"));

  /* Extras are never claimed. */
  resell_shot_plan_claim (plan, NULL, 1);
  g_assert_false (resell_shot_plan_is_claimed (plan, NULL));
}

static void
test_move (void)
{
  const char *slots[] = { "front", NULL, "back" };
  g_autoptr(ResellCategory) category = make_category ();
  g_autoptr(GPtrArray) photos = make_photos (slots, 3);
  g_autoptr(ResellShotPlan) plan = resell_shot_plan_new (category, photos);
  ResellPhoto *back = resell_shot_plan_photo_by_id (plan, 3);

  g_assert_true (resell_shot_plan_move (plan, back, 0));
  g_assert_cmpint (resell_shot_plan_photo_index (plan, back), ==, 0);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (resell_photo_get_position (g_ptr_array_index (resell_shot_plan_get_photos (plan), i)), ==, i);
  g_assert_cmpint (resell_photo_get_id (g_ptr_array_index (resell_shot_plan_get_photos (plan), 1)), ==, 1);
  g_assert_false (resell_shot_plan_move (plan, back, 3));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/shot-plan/table/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], test_table);
    }
  g_test_add_func ("/shot-plan/add-and-remove", test_add_and_remove);
  g_test_add_func ("/shot-plan/retake", test_retake);
  g_test_add_func ("/shot-plan/claims", test_claims);
  g_test_add_func ("/shot-plan/move", test_move);

  return g_test_run ();
}
