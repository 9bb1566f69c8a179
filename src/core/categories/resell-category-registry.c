/* resell-category-registry.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-category-registry"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "categories/resell-category-registry.h"

/* Built-in categories, compiled into every program that links the core
 * (data/resell-core.gresource.xml). */
#define BUILTIN_RESOURCE_PATH "/com/example/Resell/categories/"

struct _ResellCategoryRegistry
{
  GObject    parent_instance;

  /* Of ResellCategory, sorted by name.  A handful of categories: linear
   * searches are cheaper than keeping an index in step. */
  GPtrArray *items;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ResellCategoryRegistry, resell_category_registry, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
resell_category_registry_get_item_type (GListModel *model)
{
  return RESELL_TYPE_CATEGORY;
}

static guint
resell_category_registry_get_n_items (GListModel *model)
{
  ResellCategoryRegistry *self = RESELL_CATEGORY_REGISTRY (model);

  return self->items->len;
}

static gpointer
resell_category_registry_get_item (GListModel *model,
                                   guint       position)
{
  ResellCategoryRegistry *self = RESELL_CATEGORY_REGISTRY (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = resell_category_registry_get_item_type;
  iface->get_n_items = resell_category_registry_get_n_items;
  iface->get_item = resell_category_registry_get_item;
}

static void
resell_category_registry_finalize (GObject *object)
{
  ResellCategoryRegistry *self = (ResellCategoryRegistry *)object;

  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (resell_category_registry_parent_class)->finalize (object);
}

static void
resell_category_registry_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  ResellCategoryRegistry *self = RESELL_CATEGORY_REGISTRY (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_category_registry_class_init (ResellCategoryRegistryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = resell_category_registry_finalize;
  object_class->get_property = resell_category_registry_get_property;

  /* So a "no categories" placeholder can bind to it, like GListStore's. */
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
resell_category_registry_init (ResellCategoryRegistry *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

ResellCategoryRegistry *
resell_category_registry_new (void)
{
  return g_object_new (RESELL_TYPE_CATEGORY_REGISTRY, NULL);
}

/* Sorted by the (translated) name people read; the id breaks ties so the
 * order never depends on which file happened to load first. */
static int
compare_categories (ResellCategory *a,
                    ResellCategory *b)
{
  int ret = g_utf8_collate (resell_category_get_name (a), resell_category_get_name (b));

  if (ret == 0)
    ret = strcmp (resell_category_get_id (a), resell_category_get_id (b));

  return ret;
}

static guint
sorted_position (ResellCategoryRegistry *self,
                 ResellCategory         *category)
{
  guint lo = 0;
  guint hi = self->items->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (compare_categories (g_ptr_array_index (self->items, mid), category) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

guint
resell_category_registry_find_position (ResellCategoryRegistry *self,
                                        const char             *id)
{
  g_return_val_if_fail (RESELL_IS_CATEGORY_REGISTRY (self), G_MAXUINT);
  g_return_val_if_fail (id != NULL, G_MAXUINT);

  for (guint i = 0; i < self->items->len; i++)
    {
      if (g_str_equal (resell_category_get_id (g_ptr_array_index (self->items, i)), id))
        return i;
    }

  return G_MAXUINT;
}

ResellCategory *
resell_category_registry_lookup (ResellCategoryRegistry *self,
                                 const char             *id)
{
  guint position;

  g_return_val_if_fail (RESELL_IS_CATEGORY_REGISTRY (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  position = resell_category_registry_find_position (self, id);
  if (position == G_MAXUINT)
    return NULL;

  return g_ptr_array_index (self->items, position);
}

/* Adds @category, replacing the one with the same id if any: that is how a
 * user's file overrides a built-in one. */
void
resell_category_registry_add (ResellCategoryRegistry *self,
                              ResellCategory         *category)
{
  guint old_position;
  guint position;

  g_return_if_fail (RESELL_IS_CATEGORY_REGISTRY (self));
  g_return_if_fail (RESELL_IS_CATEGORY (category));

  old_position = resell_category_registry_find_position (self, resell_category_get_id (category));

  if (old_position != G_MAXUINT)
    {
      /* Held until the list has told its views about the change. */
      G_GNUC_UNUSED g_autoptr(ResellCategory) old = g_ptr_array_steal_index (self->items, old_position);

      position = sorted_position (self, category);
      g_ptr_array_insert (self->items, position, g_object_ref (category));

      /* Same place (the usual case, a name kept): one replacement. */
      if (position == old_position)
        {
          g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
        }
      else
        {
          /* Report the removal against the list as it was, then the
           * insertion against the list after the removal. */
          g_list_model_items_changed (G_LIST_MODEL (self), old_position, 1, 0);
          g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
        }

      return;
    }

  position = sorted_position (self, category);
  g_ptr_array_insert (self->items, position, g_object_ref (category));
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
add_problem (GPtrArray  *problems,
             const char *message)
{
  if (problems != NULL)
    g_ptr_array_add (problems, g_strdup (message));
  else
    g_debug ("%s", message);
}

/* Returns whether a category was loaded from @data. */
static gboolean
load_one (ResellCategoryRegistry *self,
          const char             *source,
          const char             *data,
          gsize                   length,
          GHashTable             *loaded_here,
          GPtrArray              *problems)
{
  g_autoptr(ResellCategory) category = NULL;
  g_autoptr(GError) error = NULL;
  const char *id;
  const char *earlier;

  if (!(category = resell_category_new_from_data (source, data, length, &error)))
    {
      add_problem (problems, error->message);
      return FALSE;
    }

  id = resell_category_get_id (category);

  /* Two files in one place defining the same id is a mistake (a copy
   * left behind); the later one wins, as it would across places, but say
   * so. */
  if ((earlier = g_hash_table_lookup (loaded_here, id)))
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("%s: category “%s” is also defined in %s; using this file"),
                                 source, id, earlier);
      add_problem (problems, message);
    }

  g_hash_table_insert (loaded_here, g_strdup (id), g_strdup (source));
  resell_category_registry_add (self, category);

  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

/* Loads the *.json files of @dir in name order, so which of two clashing
 * files wins does not depend on the file system.  Returns how many
 * categories were loaded; a missing directory loads none and is no
 * problem (nobody has to create it). */
static guint
load_directory (ResellCategoryRegistry *self,
                const char             *dir,
                GPtrArray              *problems)
{
  g_autoptr(GHashTable) loaded_here = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) gdir = NULL;
  const char *name;
  guint n_loaded = 0;

  if (!(gdir = g_dir_open (dir, 0, &error)))
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          g_autofree char *message = NULL;

          message = g_strdup_printf (_("Could not read the category folder %s: %s"),
                                     dir, error->message);
          add_problem (problems, message);
        }

      return 0;
    }

  while ((name = g_dir_read_name (gdir)))
    {
      /* Editors' backups ("x.json~") and hidden files (".x.json.swp" or
       * half-written copies) do not end in .json or start with a dot. */
      if (g_str_has_suffix (name, ".json") && name[0] != '.')
        g_ptr_array_add (names, g_strdup (name));
    }

  g_ptr_array_sort (names, compare_strings);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (!g_file_get_contents (path, &contents, &length, &error))
        {
          /* The GError already names the file. */
          add_problem (problems, error->message);
          g_clear_error (&error);
          continue;
        }

      if (load_one (self, path, contents, length, loaded_here, problems))
        n_loaded++;
    }

  return n_loaded;
}

static guint
load_builtin (ResellCategoryRegistry *self,
              GPtrArray              *problems)
{
  g_autoptr(GHashTable) loaded_here = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) names = NULL;
  g_autoptr(GError) error = NULL;
  guint n_loaded = 0;

  if (!(names = g_resources_enumerate_children (BUILTIN_RESOURCE_PATH, 0, &error)))
    {
      /* Only a broken build gets here: the resource is linked into every
       * program using the core. */
      g_critical ("Built-in categories are missing: %s", error->message);
      return 0;
    }

  qsort (names, g_strv_length (names), sizeof (char *), compare_strings);

  for (guint i = 0; names[i]; i++)
    {
      g_autofree char *path = g_strconcat (BUILTIN_RESOURCE_PATH, names[i], NULL);
      g_autofree char *uri = NULL;
      g_autoptr(GBytes) bytes = NULL;
      gsize length;
      const char *data;

      if (!g_str_has_suffix (names[i], ".json"))
        continue;

      if (!(bytes = g_resources_lookup_data (path, 0, &error)))
        {
          add_problem (problems, error->message);
          g_clear_error (&error);
          continue;
        }

      /* The URI is what GFile would accept, and tells apart a built-in
       * from a user's file of the same name in messages. */
      uri = g_strconcat ("resource://", path, NULL);
      data = g_bytes_get_data (bytes, &length);

      if (load_one (self, uri, data, length, loaded_here, problems))
        n_loaded++;
    }

  return n_loaded;
}

static char *
user_categories_dir (void)
{
  const char *dir = g_getenv ("RESELL_CATEGORIES_DIR");

  if (dir != NULL && dir[0] != '\0')
    return g_strdup (dir);

  return g_build_filename (g_get_user_data_dir (), "resell", "categories", NULL);
}

/* Returns FALSE only when nothing at all could be loaded: the built-in
 * categories alone make the app usable, so a broken file of the user's is
 * a problem to show, not a failure. */
gboolean
resell_category_registry_load_default (ResellCategoryRegistry  *self,
                                       GPtrArray               *problems,
                                       GError                 **error)
{
  g_autofree char *user_dir = NULL;
  guint n_loaded;

  g_return_val_if_fail (RESELL_IS_CATEGORY_REGISTRY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  user_dir = user_categories_dir ();

  /* Built-ins first, so the user's files replace them by id. */
  n_loaded = load_builtin (self, problems);
  n_loaded += load_directory (self, user_dir, problems);

  if (n_loaded == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("No product categories could be loaded"));
      return FALSE;
    }

  return TRUE;
}

/* Returns FALSE only when this call loaded nothing *and* something went
 * wrong: an empty or missing folder is simply no extra categories, while a
 * folder whose every file is broken deserves an error as well as the
 * problems listed. */
gboolean
resell_category_registry_load_directory (ResellCategoryRegistry  *self,
                                         const char              *dir,
                                         GPtrArray               *problems,
                                         GError                 **error)
{
  g_autoptr(GPtrArray) own_problems = NULL;
  guint n_problems_before;
  guint n_loaded;

  g_return_val_if_fail (RESELL_IS_CATEGORY_REGISTRY (self), FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Count problems even when the caller does not want them. */
  if (problems == NULL)
    problems = own_problems = g_ptr_array_new_with_free_func (g_free);

  n_problems_before = problems->len;
  n_loaded = load_directory (self, dir, problems);

  if (n_loaded == 0 && problems->len > n_problems_before)
    {
      g_set_error (error, RESELL_CATEGORY_ERROR, RESELL_CATEGORY_ERROR_INVALID,
                   _("No category could be loaded from %s"), dir);
      return FALSE;
    }

  return TRUE;
}
