/* resell-context.c — the services every part of Resell shares, made once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-context"

#include "config.h"

#include "resell-context.h"
#include "catalog/resell-catalog-async.h"
#include "storage/resell-cache-trim.h"

/* Listing images and previews are cached by recipe, so every edit leaves
 * the old ones behind; thumbnails (one per photo, costly to make again from
 * a 24 MP original) are kept.  The limits hold a few thousand of each. */
#define LISTING_CACHE_MAX_BYTES (G_GUINT64_CONSTANT (1024) * 1024 * 1024)
#define PREVIEW_CACHE_MAX_BYTES (G_GUINT64_CONSTANT (128) * 1024 * 1024)
/* Not during start-up: the window comes first. */
#define CACHE_TRIM_DELAY_SECONDS 30
/* Trashed items stay restorable this long. */
#define TRASH_KEEP_DAYS 30

struct _ResellContext
{
  GObject                 parent_instance;

  char                   *data_dir;
  char                   *cache_dir;
  ResellCategoryRegistry *categories;
  GStrv                   category_problems;
  ResellGrader           *grader;
  GStrv                   grading_problems;
  ResellThumbnailer      *thumbnailer;
  GListStore             *profiles;
  ResellCatalog          *catalog;
  ResellImporter         *importer;
  ResellGradeKeeper      *grade_keeper;
  GSettings              *settings;

  GPtrArray              *load_tasks;    /* GTask waiting for the catalog */
  GCancellable           *cancellable;   /* the context's own work, cancelled at dispose */
  guint                   trim_source;
  gboolean                upkeep;
};

G_DEFINE_FINAL_TYPE (ResellContext, resell_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DATA_DIR,
  PROP_CACHE_DIR,
  PROP_CATEGORIES,
  PROP_CATEGORY_PROBLEMS,
  PROP_THUMBNAILER,
  PROP_PROFILES,
  PROP_CATALOG,
  PROP_IMPORTER,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

ResellContext *
resell_context_new (const char *data_dir,
                    const char *cache_dir)
{
  return g_object_new (RESELL_TYPE_CONTEXT,
                       "data-dir", data_dir,
                       "cache-dir", cache_dir,
                       NULL);
}

/* Upkeep */

static void
trash_purged_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  guint n_purged = 0;

  /* Only a debug message: nothing is lost (the items stay in the trash and
   * the next start tries again), there is nothing the seller could do about
   * it (say, another process writing the catalog), and a warning would
   * abort the tests, which make warnings fatal. */
  if (!resell_catalog_purge_trash_finish (RESELL_CATALOG (object), result, &n_purged, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not empty the trash: %s", error->message);
    }
  else if (n_purged > 0)
    g_debug ("Emptied %u items from the trash", n_purged);
}

static void
grades_refreshed_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  guint n_changed = 0;

  /* Only a debug message, like the trash: the stored grades stay as they
   * were and the next change of an item regrades it. */
  if (!resell_grade_keeper_refresh_all_finish (RESELL_GRADE_KEEPER (object), result, &n_changed, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not refresh the stored grades: %s", error->message);
    }
  else if (n_changed > 0)
    g_debug ("Refreshed %u stored grades", n_changed);
}

/* The rules files may have changed since the grades were stored. */
static void
refresh_grades (ResellContext *self)
{
  resell_grade_keeper_refresh_all_async (resell_context_get_grade_keeper (self), self->cancellable,
                                         grades_refreshed_cb, NULL);
}

static void
purge_trash (ResellContext *self)
{
  gint64 before = g_get_real_time () - TRASH_KEEP_DAYS * G_TIME_SPAN_DAY;

  resell_catalog_purge_trash_async (self->catalog, before, self->cancellable, trash_purged_cb, NULL);
}

static void
cache_trimmed_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autofree char *dir = user_data;
  g_autoptr(GError) error = NULL;
  guint removed = 0;

  if (!resell_cache_trim_finish (result, &removed, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not trim the cache %s: %s", dir, error->message);
    }
  else if (removed > 0)
    g_debug ("Trimmed the cache %s: %u files deleted", dir, removed);
}

static gboolean
trim_caches (gpointer user_data)
{
  ResellContext *self = user_data;
  char *listing = g_build_filename (self->cache_dir, "listing", NULL);
  char *previews = g_build_filename (self->cache_dir, "previews", NULL);

  self->trim_source = 0;
  resell_cache_trim_async (listing, LISTING_CACHE_MAX_BYTES, self->cancellable, cache_trimmed_cb, listing);
  resell_cache_trim_async (previews, PREVIEW_CACHE_MAX_BYTES, self->cancellable, cache_trimmed_cb, previews);

  return G_SOURCE_REMOVE;
}

void
resell_context_start_upkeep (ResellContext *self)
{
  g_return_if_fail (RESELL_IS_CONTEXT (self));

  if (self->upkeep)
    return;
  self->upkeep = TRUE;

  self->trim_source = g_timeout_add_seconds (CACHE_TRIM_DELAY_SECONDS, trim_caches, self);
  if (self->catalog != NULL)
    {
      purge_trash (self);
      refresh_grades (self);
    }
}

/* The catalog */

static void
take_catalog (ResellContext *self,
              ResellCatalog *catalog)
{
  g_assert (self->catalog == NULL);

  self->catalog = catalog;
  self->importer = resell_importer_new (self->catalog, self->thumbnailer);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATALOG]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMPORTER]);

  if (self->upkeep)
    {
      purge_trash (self);
      refresh_grades (self);
    }
}

gboolean
resell_context_load_catalog (ResellContext  *self,
                             GError        **error)
{
  ResellCatalog *catalog;

  g_return_val_if_fail (RESELL_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (self->load_tasks->len == 0, FALSE);

  if (self->catalog != NULL)
    return TRUE;

  catalog = resell_catalog_open (self->data_dir, error);
  if (catalog == NULL)
    return FALSE;

  take_catalog (self, catalog);
  return TRUE;
}

static void
catalog_opened_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(ResellContext) self = user_data;
  g_autoptr(GPtrArray) tasks = NULL;
  g_autoptr(GError) error = NULL;
  ResellCatalog *catalog;

  catalog = resell_catalog_open_finish (result, &error);
  tasks = g_steal_pointer (&self->load_tasks);
  self->load_tasks = g_ptr_array_new_with_free_func (g_object_unref);

  if (catalog != NULL)
    take_catalog (self, catalog);

  for (guint i = 0; i < tasks->len; i++)
    {
      GTask *task = g_ptr_array_index (tasks, i);

      if (catalog != NULL)
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, g_error_copy (error));
    }
}

void
resell_context_load_catalog_async (ResellContext       *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (RESELL_IS_CONTEXT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, resell_context_load_catalog_async);

  if (self->catalog != NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  g_ptr_array_add (self->load_tasks, g_steal_pointer (&task));

  /* One open at a time: later callers wait for the same one.  Not with
   * the caller's cancellable, which cancels only its own wait. */
  if (self->load_tasks->len == 1)
    resell_catalog_open_async (self->data_dir, NULL, catalog_opened_cb, g_object_ref (self));
}

gboolean
resell_context_load_catalog_finish (ResellContext  *self,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  g_return_val_if_fail (RESELL_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Getters */

const char *
resell_context_get_data_dir (ResellContext *self)
{
  g_return_val_if_fail (RESELL_IS_CONTEXT (self), NULL);
  return self->data_dir;
}

const char *
resell_context_get_cache_dir (ResellContext *self)
{
  g_return_val_if_fail (RESELL_IS_CONTEXT (self), NULL);
  return self->cache_dir;
}

ResellCategoryRegistry *
resell_context_get_categories (ResellContext *self)
{
  g_return_val_if_fail (RESELL_IS_CONTEXT (self), NULL);
  return self->categories;
}

const char * const *
resell_context_get_category_problems (ResellContext *self)
{
  g_return_val_if_fail (RESELL_IS_CONTEXT (self), NULL);
  return (const char * const *) self->category_problems;
}

static void
ensure_grader (ResellContext *self)
{
  g_autoptr(GPtrArray) problems = NULL;

  if (self->grader != NULL)
    return;

  problems = g_ptr_array_new_with_free_func (g_free);
  self->grader = resell_grader_new ();
  resell_grader_load_default (self->grader, self->categories, problems);
  g_ptr_array_add (problems, NULL);
  self->grading_problems = (GStrv) g_ptr_array_steal (problems, NULL);
}

ResellGrader *
resell_context_get_grader (ResellContext *self)
{
  g_return_val_if_fail (RESELL_IS_CONTEXT (self), NULL);

  ensure_grader (self);

  return self->grader;
}

const char * const *
resell_context_get_grading_problems (ResellContext *self)
{
  g_return_val_if_fail (RESELL_IS_CONTEXT (self), NULL);

  ensure_grader (self);

  return (const char * const *) self->grading_problems;
}

ResellThumbnailer *
resell_context_get_thumbnailer (ResellContext *self)
{
  g_return_val_if_fail (RESELL_IS_CONTEXT (self), NULL);
  return self->thumbnailer;
}

GListModel *
resell_context_get_profiles (ResellContext *self)
{
  g_return_val_if_fail (RESELL_IS_CONTEXT (self), NULL);
  return G_LIST_MODEL (self->profiles);
}

ResellCatalog *
resell_context_get_catalog (ResellContext *self)
{
  g_return_val_if_fail (RESELL_IS_CONTEXT (self), NULL);
  return self->catalog;
}

ResellGradeKeeper *
resell_context_get_grade_keeper (ResellContext *self)
{
  g_return_val_if_fail (RESELL_IS_CONTEXT (self), NULL);
  g_return_val_if_fail (self->catalog != NULL, NULL);

  if (self->grade_keeper == NULL)
    {
      ensure_grader (self);
      self->grade_keeper = resell_grade_keeper_new (self->grader, self->categories, self->catalog);
    }

  return self->grade_keeper;
}

ResellImporter *
resell_context_get_importer (ResellContext *self)
{
  g_return_val_if_fail (RESELL_IS_CONTEXT (self), NULL);
  return self->importer;
}

GSettings *
resell_context_get_settings (ResellContext *self)
{
  g_return_val_if_fail (RESELL_IS_CONTEXT (self), NULL);
  return self->settings;
}

ResellListingProfile *
resell_context_lookup_profile (ResellContext  *self,
                               const char     *id,
                               GError        **error)
{
  guint n;

  g_return_val_if_fail (RESELL_IS_CONTEXT (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->profiles));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ResellListingProfile) profile = g_list_model_get_item (G_LIST_MODEL (self->profiles), i);

      if (g_strcmp0 (resell_listing_profile_get_id (profile), id) == 0)
        return g_steal_pointer (&profile);
    }

  return resell_listing_profile_load_builtin (id, error);
}

/* Construction */

/* g_settings_new() aborts on a schema that is not installed, which is
 * normal for a tool run from its build tree: those get the defaults. */
static GSettings *
dup_app_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source == NULL)
    return NULL;

  schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    return NULL;

  return g_settings_new_full (schema, NULL, NULL);
}

static void
resell_context_constructed (GObject *object)
{
  ResellContext *self = (ResellContext *)object;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) profiles = NULL;
  g_autoptr(GError) error = NULL;

  G_OBJECT_CLASS (resell_context_parent_class)->constructed (object);

  if (self->data_dir == NULL)
    self->data_dir = resell_catalog_dup_default_data_dir ();
  if (self->cache_dir == NULL)
    self->cache_dir = resell_thumbnailer_dup_default_cache_dir ();

  /* Category files are small and few; a broken one is skipped and said,
   * so the app still starts with the others. */
  if (!resell_category_registry_load_default (self->categories, problems, &error))
    g_ptr_array_add (problems, g_strdup (error->message));
  g_clear_error (&error);
  g_ptr_array_add (problems, NULL);
  self->category_problems = (GStrv) g_ptr_array_steal (problems, NULL);

  /* Grading rules are as small and read with them, before any window. */
  ensure_grader (self);

  profiles = resell_listing_profile_list_builtin (&error);
  if (profiles == NULL)
    /* They are built into the core: only a broken build gets here. */
    g_warning ("The photo profiles could not be read: %s", error->message);
  else
    g_list_store_splice (self->profiles, 0, 0, profiles->pdata, profiles->len);

  self->thumbnailer = resell_thumbnailer_new (self->cache_dir);

  self->settings = dup_app_settings ();
}

static void
resell_context_dispose (GObject *object)
{
  ResellContext *self = (ResellContext *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->trim_source, g_source_remove);

  G_OBJECT_CLASS (resell_context_parent_class)->dispose (object);
}

static void
resell_context_finalize (GObject *object)
{
  ResellContext *self = (ResellContext *)object;

  /* A load under way holds a reference: none can be waiting. */
  g_assert (self->load_tasks->len == 0);

  g_clear_pointer (&self->load_tasks, g_ptr_array_unref);
  g_clear_object (&self->importer);
  g_clear_object (&self->grade_keeper);
  g_clear_object (&self->catalog);
  g_clear_object (&self->settings);
  g_clear_object (&self->thumbnailer);
  g_clear_object (&self->profiles);
  g_clear_pointer (&self->category_problems, g_strfreev);
  g_clear_pointer (&self->grading_problems, g_strfreev);
  g_clear_object (&self->grader);
  g_clear_object (&self->categories);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->data_dir, g_free);
  g_clear_pointer (&self->cache_dir, g_free);

  G_OBJECT_CLASS (resell_context_parent_class)->finalize (object);
}

static void
resell_context_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ResellContext *self = RESELL_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_DATA_DIR:
      g_value_set_string (value, self->data_dir);
      break;
    case PROP_CACHE_DIR:
      g_value_set_string (value, self->cache_dir);
      break;
    case PROP_CATEGORIES:
      g_value_set_object (value, self->categories);
      break;
    case PROP_CATEGORY_PROBLEMS:
      g_value_set_boxed (value, self->category_problems);
      break;
    case PROP_THUMBNAILER:
      g_value_set_object (value, self->thumbnailer);
      break;
    case PROP_PROFILES:
      g_value_set_object (value, self->profiles);
      break;
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;
    case PROP_IMPORTER:
      g_value_set_object (value, self->importer);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_context_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  ResellContext *self = RESELL_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_DATA_DIR:
      self->data_dir = g_value_dup_string (value);
      break;
    case PROP_CACHE_DIR:
      self->cache_dir = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_context_class_init (ResellContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = resell_context_constructed;
  object_class->dispose = resell_context_dispose;
  object_class->finalize = resell_context_finalize;
  object_class->get_property = resell_context_get_property;
  object_class->set_property = resell_context_set_property;

  properties[PROP_DATA_DIR] =
    g_param_spec_string ("data-dir", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CACHE_DIR] =
    g_param_spec_string ("cache-dir", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CATEGORIES] =
    g_param_spec_object ("categories", NULL, NULL, RESELL_TYPE_CATEGORY_REGISTRY,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_CATEGORY_PROBLEMS] =
    g_param_spec_boxed ("category-problems", NULL, NULL, G_TYPE_STRV,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_THUMBNAILER] =
    g_param_spec_object ("thumbnailer", NULL, NULL, RESELL_TYPE_THUMBNAILER,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_PROFILES] =
    g_param_spec_object ("profiles", NULL, NULL, G_TYPE_LIST_MODEL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL, RESELL_TYPE_CATALOG,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_IMPORTER] =
    g_param_spec_object ("importer", NULL, NULL, RESELL_TYPE_IMPORTER,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
resell_context_init (ResellContext *self)
{
  self->categories = resell_category_registry_new ();
  self->profiles = g_list_store_new (RESELL_TYPE_LISTING_PROFILE);
  self->load_tasks = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();
}
