/* resell-item-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-item-list"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "catalog/resell-item-list.h"

typedef enum
{
  CHANGE_ADDED,
  CHANGE_CHANGED,
  CHANGE_REMOVED,
} ChangeKind;

/* A catalog signal heard while the items were being read. */
typedef struct
{
  ChangeKind  kind;
  gint64      id;
  ResellItem *item;
} Change;

struct _ResellItemList
{
  GObject        parent_instance;

  ResellCatalog *catalog;
  gulong         added_handler;
  gulong         changed_handler;
  gulong         removed_handler;

  /* ResellItem, in model order. */
  GPtrArray     *items;
  /* gint64 id → ResellItem (owned by @items). */
  GHashTable    *by_id;

  /* Signals that arrived while a load was reading on its thread.  The
   * snapshot may or may not include each of them, so all are replayed on
   * top of it, in order; replaying is idempotent, so the result is the
   * catalog as it stands. */
  GPtrArray     *backlog;

  guint          loading : 1;
  guint          loaded : 1;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ResellItemList, resell_item_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_CATALOG,
  PROP_LOADED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
change_free (gpointer data)
{
  Change *change = data;

  g_clear_object (&change->item);
  g_free (change);
}

static GType
resell_item_list_get_item_type (GListModel *model)
{
  return RESELL_TYPE_ITEM;
}

static guint
resell_item_list_get_n_items (GListModel *model)
{
  ResellItemList *self = RESELL_ITEM_LIST (model);

  return self->items->len;
}

static gpointer
resell_item_list_get_item (GListModel *model,
                           guint       position)
{
  ResellItemList *self = RESELL_ITEM_LIST (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = resell_item_list_get_item_type;
  iface->get_n_items = resell_item_list_get_n_items;
  iface->get_item = resell_item_list_get_item;
}

static void
index_item (ResellItemList *self,
            ResellItem     *item)
{
  gint64 id = resell_item_get_id (item);

  g_hash_table_insert (self->by_id, g_memdup2 (&id, sizeof id), item);
}

static gboolean
items_equal (ResellItem *a,
             ResellItem *b)
{
  return resell_item_get_id (a) == resell_item_get_id (b) &&
         resell_item_get_state (a) == resell_item_get_state (b) &&
         resell_item_get_created_at (a) == resell_item_get_created_at (b) &&
         resell_item_get_updated_at (a) == resell_item_get_updated_at (b) &&
         resell_item_get_photo_count (a) == resell_item_get_photo_count (b) &&
         g_str_equal (resell_item_get_sku (a), resell_item_get_sku (b)) &&
         g_str_equal (resell_item_get_category (a), resell_item_get_category (b)) &&
         g_str_equal (resell_item_get_brand (a), resell_item_get_brand (b)) &&
         g_str_equal (resell_item_get_model (a), resell_item_get_model (b)) &&
         g_str_equal (resell_item_get_title (a), resell_item_get_title (b)) &&
         g_str_equal (resell_item_get_size (a), resell_item_get_size (b)) &&
         g_str_equal (resell_item_get_colour (a), resell_item_get_colour (b)) &&
         g_str_equal (resell_item_get_material (a), resell_item_get_material (b)) &&
         g_str_equal (resell_item_get_notes (a), resell_item_get_notes (b)) &&
         g_str_equal (resell_item_get_consignor (a), resell_item_get_consignor (b)) &&
         g_strcmp0 (resell_item_get_cover_path (a), resell_item_get_cover_path (b)) == 0 &&
         g_strcmp0 (resell_item_get_cover_sha256 (a), resell_item_get_cover_sha256 (b)) == 0;
}

/* Copies @stored onto the shown instance.  A replayed signal often brings
 * nothing new; then rows are not rebuilt for it. */
static void
update_shown (ResellItemList *self,
              ResellItem     *shown,
              guint           position,
              ResellItem     *stored)
{
  if (items_equal (shown, stored))
    return;

  resell_item_update_from (shown, stored);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
}

static void
apply_added (ResellItemList *self,
             ResellItem     *stored)
{
  ResellItem *existing;
  guint position;

  existing = resell_item_list_find_by_id (self, resell_item_get_id (stored), &position);
  if (existing != NULL)
    {
      update_shown (self, existing, position, stored);
      return;
    }

  /* Our own copy: every listener of the catalog gets the same instance,
   * and this one will be changed in place from now on. */
  existing = resell_item_copy (stored);
  g_ptr_array_insert (self->items, 0, existing);
  index_item (self, existing);

  g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, 1);
}

static void
apply_changed (ResellItemList *self,
               ResellItem     *stored)
{
  ResellItem *existing;
  guint position;

  /* Items outside the list (trashed ones) come back through item-added. */
  existing = resell_item_list_find_by_id (self, resell_item_get_id (stored), &position);
  if (existing == NULL)
    return;

  update_shown (self, existing, position, stored);
}

static void
apply_removed (ResellItemList *self,
               gint64          id)
{
  guint position;

  if (resell_item_list_find_by_id (self, id, &position) == NULL)
    return;

  g_hash_table_remove (self->by_id, &id);
  g_ptr_array_remove_index (self->items, position);

  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
}

static void
apply_change (ResellItemList *self,
              Change         *change)
{
  switch (change->kind)
    {
    case CHANGE_ADDED:
      apply_added (self, change->item);
      break;
    case CHANGE_CHANGED:
      apply_changed (self, change->item);
      break;
    case CHANGE_REMOVED:
      apply_removed (self, change->id);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Before the first load the model is empty and the load will read the
 * item anyway; during a load the change waits for the snapshot. */
static void
handle_change (ResellItemList *self,
               ChangeKind      kind,
               gint64          id,
               ResellItem     *item)
{
  if (self->loading)
    {
      Change *change = g_new0 (Change, 1);

      change->kind = kind;
      change->id = id;
      change->item = item != NULL ? g_object_ref (item) : NULL;
      g_ptr_array_add (self->backlog, change);
    }
  else if (self->loaded)
    {
      Change change = { kind, id, item };

      apply_change (self, &change);
    }
}

static void
item_added_cb (ResellItemList *self,
               ResellItem     *item)
{
  handle_change (self, CHANGE_ADDED, resell_item_get_id (item), item);
}

static void
item_changed_cb (ResellItemList *self,
                 ResellItem     *item)
{
  handle_change (self, CHANGE_CHANGED, resell_item_get_id (item), item);
}

static void
item_removed_cb (ResellItemList *self,
                 gint64          id)
{
  handle_change (self, CHANGE_REMOVED, id, NULL);
}

static void
resell_item_list_constructed (GObject *object)
{
  ResellItemList *self = (ResellItemList *)object;

  G_OBJECT_CLASS (resell_item_list_parent_class)->constructed (object);

  g_return_if_fail (RESELL_IS_CATALOG (self->catalog));

  /* From the start, not after loading: a change committed while the load
   * reads must not fall between the snapshot and the subscription. */
  self->added_handler =
    g_signal_connect_swapped (self->catalog, "item-added", G_CALLBACK (item_added_cb), self);
  self->changed_handler =
    g_signal_connect_swapped (self->catalog, "item-changed", G_CALLBACK (item_changed_cb), self);
  self->removed_handler =
    g_signal_connect_swapped (self->catalog, "item-removed", G_CALLBACK (item_removed_cb), self);
}

static void
resell_item_list_dispose (GObject *object)
{
  ResellItemList *self = (ResellItemList *)object;

  if (self->catalog != NULL)
    {
      g_clear_signal_handler (&self->added_handler, self->catalog);
      g_clear_signal_handler (&self->changed_handler, self->catalog);
      g_clear_signal_handler (&self->removed_handler, self->catalog);
      g_clear_object (&self->catalog);
    }

  G_OBJECT_CLASS (resell_item_list_parent_class)->dispose (object);
}

static void
resell_item_list_finalize (GObject *object)
{
  ResellItemList *self = (ResellItemList *)object;

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->backlog, g_ptr_array_unref);

  G_OBJECT_CLASS (resell_item_list_parent_class)->finalize (object);
}

static void
resell_item_list_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ResellItemList *self = RESELL_ITEM_LIST (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_item_list_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ResellItemList *self = RESELL_ITEM_LIST (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      self->catalog = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_item_list_class_init (ResellItemListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = resell_item_list_constructed;
  object_class->dispose = resell_item_list_dispose;
  object_class->finalize = resell_item_list_finalize;
  object_class->get_property = resell_item_list_get_property;
  object_class->set_property = resell_item_list_set_property;

  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", "Catalog", NULL,
                         RESELL_TYPE_CATALOG,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", "Loaded", NULL,
                          FALSE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
resell_item_list_init (ResellItemList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->backlog = g_ptr_array_new_with_free_func (change_free);
}

ResellItemList *
resell_item_list_new (ResellCatalog *catalog)
{
  g_return_val_if_fail (RESELL_IS_CATALOG (catalog), NULL);

  return g_object_new (RESELL_TYPE_ITEM_LIST,
                       "catalog", catalog,
                       NULL);
}

ResellCatalog *
resell_item_list_get_catalog (ResellItemList *self)
{
  g_return_val_if_fail (RESELL_IS_ITEM_LIST (self), NULL);

  return self->catalog;
}

gboolean
resell_item_list_get_loaded (ResellItemList *self)
{
  g_return_val_if_fail (RESELL_IS_ITEM_LIST (self), FALSE);

  return self->loaded;
}

ResellItem *
resell_item_list_find_by_id (ResellItemList *self,
                             gint64          id,
                             guint          *position)
{
  ResellItem *item;

  g_return_val_if_fail (RESELL_IS_ITEM_LIST (self), NULL);

  item = g_hash_table_lookup (self->by_id, &id);
  if (item == NULL)
    return NULL;

  /* A linear scan of pointers: microseconds for 10,000 items, and cheaper
   * than keeping positions up to date on every insertion at the top. */
  if (position != NULL && !g_ptr_array_find (self->items, item, position))
    g_assert_not_reached ();

  return item;
}

/* Replaces the contents with @loaded in one change, keeping the instances
 * of items already shown so that widgets bound to them stay bound. */
static void
splice_loaded (ResellItemList *self,
               GPtrArray      *loaded)
{
  g_autoptr(GPtrArray) old_items = NULL;
  GPtrArray *items;
  guint old_len = self->items->len;

  items = g_ptr_array_new_full (loaded->len, g_object_unref);

  for (guint i = 0; i < loaded->len; i++)
    {
      ResellItem *item = g_ptr_array_index (loaded, i);
      ResellItem *existing = resell_item_list_find_by_id (self, resell_item_get_id (item), NULL);

      if (existing != NULL)
        {
          resell_item_update_from (existing, item);
          item = existing;
        }

      g_ptr_array_add (items, g_object_ref (item));
    }

  old_items = g_steal_pointer (&self->items);
  self->items = items;

  g_hash_table_remove_all (self->by_id);
  for (guint i = 0; i < items->len; i++)
    index_item (self, g_ptr_array_index (items, i));

  if (old_len > 0 || items->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, items->len);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_autoptr(ResellCatalog) catalog = g_object_ref (task_data);
  GError *error = NULL;
  GPtrArray *items;

  /* The pool thread keeps its reference to the task for a moment after the
   * callback has run; holding nothing else makes the list and catalog die
   * on the main thread, when their owners let go. */
  g_task_set_task_data (task, NULL, NULL);

  if (g_task_return_error_if_cancelled (task))
    return;

  items = resell_catalog_list_items (catalog, &error);
  if (items == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, items, (GDestroyNotify) g_ptr_array_unref);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ResellItemList *self = g_task_get_source_object (task);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) backlog = NULL;
  GError *error = NULL;

  self->loading = FALSE;
  backlog = g_steal_pointer (&self->backlog);
  self->backlog = g_ptr_array_new_with_free_func (change_free);

  items = g_task_propagate_pointer (G_TASK (result), &error);
  if (items == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  splice_loaded (self, items);

  for (guint i = 0; i < backlog->len; i++)
    apply_change (self, g_ptr_array_index (backlog, i));

  if (!self->loaded)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }

  g_task_return_boolean (task, TRUE);
}

void
resell_item_list_load_async (ResellItemList      *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) read_task = NULL;

  g_return_if_fail (RESELL_IS_ITEM_LIST (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, resell_item_list_load_async);

  if (self->loading)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("The items are already being loaded."));
      return;
    }

  self->loading = TRUE;

  /* The read runs on a thread; the model changes on this thread, in
   * load_done_cb(), before the caller hears of it. */
  read_task = g_task_new (NULL, cancellable, load_done_cb, g_steal_pointer (&task));
  g_task_set_source_tag (read_task, load_thread);
  g_task_set_task_data (read_task, g_object_ref (self->catalog), g_object_unref);
  g_task_run_in_thread (read_task, load_thread);
}

gboolean
resell_item_list_load_finish (ResellItemList  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (RESELL_IS_ITEM_LIST (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
