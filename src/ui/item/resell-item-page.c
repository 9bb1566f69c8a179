/* resell-item-page.c — the item page: the object, the intake form, saving
 *
 * The photo grid and import are in resell-item-page-photos.c, the actions
 * and the listing-image export in resell-item-page-actions.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-item-page"

#include "config.h"

#include <glib/gi18n.h>

#include "item/resell-item-page-private.h"
#include "common/resell-ui-util.h"

/* Saving waits for a pause in typing so each keystroke is not a disk write. */
#define SAVE_DELAY_MS 400

/* The states a seller sets by hand; later ones come from the upload queue. */
static const ResellItemState editable_states[] = {
  RESELL_ITEM_STATE_DRAFT,
  RESELL_ITEM_STATE_READY,
};

G_DEFINE_FINAL_TYPE (ResellItemPage, resell_item_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* NULL until the context has loaded the catalog. */
ResellCatalog *
_resell_item_page_get_catalog (ResellItemPage *self)
{
  return self->context != NULL ? resell_context_get_catalog (self->context) : NULL;
}

void
_resell_item_page_show_message (ResellItemPage *self,
                                const char     *message)
{
  if (!resell_ui_show_message (GTK_WIDGET (self), message))
    g_warning ("%s", message);
}

/* Saving
 *
 * The item saver writes the page's copies in order on a worker.  Until a
 * save has landed it keeps the copy: re-opening that item starts from it
 * rather than from the list (which only learns of the save once it is
 * committed), and a save that failed is tried again at the next flush.
 */

static void
on_save_failed (ResellItemSaver *saver,
                ResellItem      *item,
                GError          *error,
                ResellItemPage  *self)
{
  g_autofree char *message = NULL;

  /* Translators: %s says why, e.g. the disk is full */
  message = g_strdup_printf (_("Your changes could not be saved: %s"), error->message);
  _resell_item_page_show_message (self, message);
}

static void
queue_save (ResellItemPage *self)
{
  ResellCatalog *catalog = _resell_item_page_get_catalog (self);

  g_clear_handle_id (&self->save_source, g_source_remove);

  if (self->draft == NULL || catalog == NULL)
    return;

  if (self->saver == NULL)
    {
      self->saver = resell_item_saver_new (catalog);
      g_signal_connect (self->saver, "save-failed", G_CALLBACK (on_save_failed), self);
    }

  resell_item_saver_save (self->saver, self->draft);
}

static gboolean
save_timeout (gpointer data)
{
  ResellItemPage *self = data;

  self->save_source = 0;
  queue_save (self);
  return G_SOURCE_REMOVE;
}

void
resell_item_page_flush (ResellItemPage *self)
{
  g_return_if_fail (RESELL_IS_ITEM_PAGE (self));

  if (self->save_source != 0)
    queue_save (self);

  /* Try again what could not be saved before (a full disk, a busy catalog). */
  if (self->saver != NULL)
    resell_item_saver_flush (self->saver);
}

ResellCategory *
_resell_item_page_get_selected_category (ResellItemPage *self)
{
  return adw_combo_row_get_selected_item (self->category_row);
}

static void
update_title (ResellItemPage *self)
{
  g_autofree char *title = NULL;

  if (self->draft == NULL)
    return;

  title = resell_item_dup_display_title (self->draft);
  if (resell_item_get_title (self->draft)[0] == '\0' &&
      resell_item_get_brand (self->draft)[0] == '\0' &&
      resell_item_get_model (self->draft)[0] == '\0')
    {
      g_free (title);
      title = g_strdup (_("New Item"));
    }

  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, resell_item_get_sku (self->draft));
}

static char *
dup_notes (ResellItemPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

/* The state row's subtitle says why Ready was refused; NULL puts back the
 * hint.  The row itself goes back to the draft's state. */
static void
show_state_problem (ResellItemPage *self,
                    const char     *problem)
{
  gboolean was_loading = self->loading;

  if (problem == NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->state_row),
                                   _("Mark the item ready once its photos and details are complete"));
      gtk_widget_remove_css_class (GTK_WIDGET (self->state_row), "error");
      return;
    }

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->state_row), problem);
  gtk_widget_add_css_class (GTK_WIDGET (self->state_row), "error");

  self->loading = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (editable_states); i++)
    if (editable_states[i] == RESELL_ITEM_STATE_DRAFT)
      adw_combo_row_set_selected (self->state_row, i);
  self->loading = was_loading;
}

/* The grade keeper and the value panel write the grade and the asking
 * price beside the page's edits: the draft follows them, so the ready
 * rule reads what is stored (the saver never writes them back). */
static void
on_listed_notify (ResellItemPage *self)
{
  gint64 minor = 0;
  const char *currency = NULL;

  if (self->draft == NULL || self->listed == NULL)
    return;

  resell_item_set_grade (self->draft, resell_item_get_grade (self->listed));
  resell_item_get_list_price (self->listed, &minor, &currency);
  resell_item_set_list_price (self->draft, minor, currency);
}

static void
on_field_changed (ResellItemPage *self)
{
  g_autofree char *notes = NULL;
  guint state_pos;

  if (self->loading || self->draft == NULL)
    return;

  notes = dup_notes (self);
  state_pos = adw_combo_row_get_selected (self->state_row);

  resell_item_set_title (self->draft, row_text (self->title_row));
  resell_item_set_brand (self->draft, row_text (self->brand_row));
  resell_item_set_model (self->draft, row_text (self->model_row));
  resell_item_set_size (self->draft, row_text (self->size_row));
  resell_item_set_colour (self->draft, row_text (self->colour_row));
  resell_item_set_material (self->draft, row_text (self->material_row));
  resell_item_set_consignor (self->draft, row_text (self->consignor_row));
  resell_item_set_notes (self->draft, notes);
  /* Items further along the ladder keep their state: the row is not theirs. */
  if (gtk_widget_get_sensitive (GTK_WIDGET (self->state_row)) &&
      state_pos < G_N_ELEMENTS (editable_states))
    {
      ResellItemState wanted = editable_states[state_pos];
      g_autoptr(GError) error = NULL;

      /* The core's ready rule: say what is missing and stay a draft. */
      if (wanted == RESELL_ITEM_STATE_READY &&
          resell_item_get_state (self->draft) != RESELL_ITEM_STATE_READY &&
          !resell_item_ensure_ready (self->draft, &error))
        {
          show_state_problem (self, error->message);
          wanted = RESELL_ITEM_STATE_DRAFT;
        }
      else if (wanted == RESELL_ITEM_STATE_READY)
        show_state_problem (self, NULL);

      resell_item_set_state (self->draft, wanted);
    }

  update_title (self);

  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, save_timeout, self);
}

static void
on_category_selected (ResellItemPage *self)
{
  ResellCategory *category = _resell_item_page_get_selected_category (self);

  if (self->loading || self->draft == NULL || category == NULL)
    return;

  resell_item_set_category (self->draft, resell_category_get_id (category));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->category_row), NULL);
  if (self->settings != NULL)
    resell_settings_set_last_category (self->settings, resell_category_get_id (category));

  _resell_item_page_rebuild_shot_list (self);
  _resell_item_page_reload_photos (self);

  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, save_timeout, self);
}

/* Showing an item */

static void
set_row_text (AdwEntryRow *row,
              const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

void
resell_item_page_set_item (ResellItemPage *self,
                           ResellItem     *item)
{
  guint category_pos;

  g_return_if_fail (RESELL_IS_ITEM_PAGE (self));

  resell_item_page_flush (self);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  g_clear_object (&self->draft);
  if (self->listed != NULL)
    g_signal_handlers_disconnect_by_func (self->listed, on_listed_notify, self);
  g_clear_object (&self->listed);
  resell_condition_panel_set_item_id (self->condition_panel, item ? resell_item_get_id (item) : 0);
  resell_value_panel_set_item (self->value_panel, NULL);
  if (item == NULL)
    {
      _resell_item_page_show_photos (self, NULL);
      return;
    }

  {
    gint64 id = resell_item_get_id (item);
    ResellItem *unsaved = self->saver ? resell_item_saver_lookup (self->saver, id) : NULL;

    /* A save of this item may still be on its way to the catalog. */
    self->draft = resell_item_copy (unsaved ? unsaved : item);
    self->listed = g_object_ref (item);
    g_signal_connect_object (item, "notify::grade", G_CALLBACK (on_listed_notify), self, G_CONNECT_SWAPPED);
    g_signal_connect_object (item, "notify::list-price-minor", G_CALLBACK (on_listed_notify), self, G_CONNECT_SWAPPED);
    g_signal_connect_object (item, "notify::list-price-currency", G_CALLBACK (on_listed_notify), self, G_CONNECT_SWAPPED);
    on_listed_notify (self);
    item = self->draft;
  }
  self->loading = TRUE;
  show_state_problem (self, NULL);

  category_pos = self->categories
    ? resell_category_registry_find_position (self->categories, resell_item_get_category (item))
    : G_MAXUINT;
  /* A category whose file is gone: say so, and let the seller pick one,
   * rather than showing another category's shot list. */
  adw_combo_row_set_selected (self->category_row,
                              category_pos != G_MAXUINT ? category_pos : GTK_INVALID_LIST_POSITION);
  if (category_pos == G_MAXUINT)
    {
      g_autofree char *subtitle = NULL;

      /* Translators: %s is a category id from the catalog, e.g. "furniture" */
      subtitle = g_strdup_printf (_("Unknown category “%s”: pick one"), resell_item_get_category (item));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->category_row), subtitle);
    }
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->category_row), NULL);

  adw_action_row_set_subtitle (self->sku_row, resell_item_get_sku (item));
  set_row_text (self->title_row, resell_item_get_title (item));
  set_row_text (self->brand_row, resell_item_get_brand (item));
  set_row_text (self->model_row, resell_item_get_model (item));
  set_row_text (self->size_row, resell_item_get_size (item));
  set_row_text (self->colour_row, resell_item_get_colour (item));
  set_row_text (self->material_row, resell_item_get_material (item));
  set_row_text (self->consignor_row, resell_item_get_consignor (item));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), resell_item_get_notes (item), -1);

  for (guint i = 0; i < G_N_ELEMENTS (editable_states); i++)
    if (editable_states[i] == resell_item_get_state (item))
      adw_combo_row_set_selected (self->state_row, i);
  /* Items further along the ladder are not editable by hand. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->state_row),
                            resell_item_get_state (item) <= RESELL_ITEM_STATE_READY);

  self->loading = FALSE;

  update_title (self);
  _resell_item_page_update_import_button (self);
  _resell_item_page_show_photos (self, NULL);
  _resell_item_page_reload_photos (self);
  resell_value_panel_set_item (self->value_panel, self->draft);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

ResellItem *
resell_item_page_get_item (ResellItemPage *self)
{
  g_return_val_if_fail (RESELL_IS_ITEM_PAGE (self), NULL);
  return self->draft;
}

void
resell_item_page_focus_title (ResellItemPage *self)
{
  g_return_if_fail (RESELL_IS_ITEM_PAGE (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}

ResellItemPage *
resell_item_page_new (ResellContext  *context,
                      ResellSettings *settings)
{
  g_return_val_if_fail (RESELL_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (RESELL_IS_SETTINGS (settings), NULL);

  return g_object_new (RESELL_TYPE_ITEM_PAGE,
                       "context", context,
                       "settings", settings,
                       NULL);
}

static void
resell_item_page_constructed (GObject *object)
{
  ResellItemPage *self = (ResellItemPage *)object;
  g_autoptr(GtkExpression) name = NULL;

  G_OBJECT_CLASS (resell_item_page_parent_class)->constructed (object);

  g_return_if_fail (self->context != NULL);

  resell_condition_panel_set_context (self->condition_panel, self->context);

  self->categories = g_object_ref (resell_context_get_categories (self->context));
  self->thumbnailer = g_object_ref (resell_context_get_thumbnailer (self->context));

  _resell_item_page_fill_export_menu (self);
  resell_value_panel_set_context (self->value_panel, self->context);

  name = gtk_property_expression_new (RESELL_TYPE_CATEGORY, NULL, "name");
  adw_combo_row_set_expression (self->category_row, name);
  self->loading = TRUE;
  adw_combo_row_set_model (self->category_row, G_LIST_MODEL (self->categories));
  self->loading = FALSE;
}

static void
resell_item_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ResellItemPage *self = RESELL_ITEM_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_item_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ResellItemPage *self = RESELL_ITEM_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_item_page_dispose (GObject *object)
{
  ResellItemPage *self = (ResellItemPage *)object;

  /* Waits for queued saves: what the seller typed reaches the disk.  A
   * failure reported after this is logged by the saver. */
  resell_item_page_flush (self);
  g_clear_handle_id (&self->save_source, g_source_remove);
  if (self->saver != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->saver, self);
      resell_item_saver_wait (self->saver);
      g_clear_object (&self->saver);
    }

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->thumbs_cancellable);
  g_clear_object (&self->thumbs_cancellable);
  g_cancellable_cancel (self->import_cancellable);
  g_clear_object (&self->import_cancellable);
  g_cancellable_cancel (self->export_cancellable);
  g_clear_object (&self->export_cancellable);
  g_clear_object (&self->exporter);
  g_clear_pointer (&self->export_title, g_free);
  g_clear_object (&self->export_profile);
  g_clear_pointer (&self->importing, g_hash_table_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), RESELL_TYPE_ITEM_PAGE);

  g_clear_pointer (&self->photos, g_ptr_array_unref);
  g_clear_pointer (&self->shots_shown, g_free);
  if (self->listed != NULL)
    g_signal_handlers_disconnect_by_func (self->listed, on_listed_notify, self);
  g_clear_object (&self->listed);
  g_clear_object (&self->draft);
  g_clear_object (&self->thumbnailer);
  g_clear_object (&self->categories);
  g_clear_object (&self->settings);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (resell_item_page_parent_class)->dispose (object);
}

static void
resell_item_page_class_init (ResellItemPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = resell_item_page_constructed;
  object_class->dispose = resell_item_page_dispose;
  object_class->get_property = resell_item_page_get_property;
  object_class->set_property = resell_item_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, RESELL_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, RESELL_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (RESELL_TYPE_CONDITION_PANEL);

  g_type_ensure (RESELL_TYPE_VALUE_PANEL);
  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Resell/ui/resell-item-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ResellItemPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, ResellItemPage, export_revealer);
  gtk_widget_class_bind_template_child (widget_class, ResellItemPage, export_label);
  gtk_widget_class_bind_template_child (widget_class, ResellItemPage, export_progress);
  gtk_widget_class_bind_template_child (widget_class, ResellItemPage, import_button);
  gtk_widget_class_bind_template_child (widget_class, ResellItemPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, ResellItemPage, content);
  gtk_widget_class_bind_template_child (widget_class, ResellItemPage, photos_group);
  gtk_widget_class_bind_template_child (widget_class, ResellItemPage, photos_stack);
  gtk_widget_class_bind_template_child (widget_class, ResellItemPage, photo_flow);
  gtk_widget_class_bind_template_child (widget_class, ResellItemPage, shots_group);
  gtk_widget_class_bind_template_child (widget_class, ResellItemPage, shots_list);
  gtk_widget_class_bind_template_child (widget_class, ResellItemPage, condition_panel);
  gtk_widget_class_bind_template_child (widget_class, ResellItemPage, sku_row);
  gtk_widget_class_bind_template_child (widget_class, ResellItemPage, category_row);
  gtk_widget_class_bind_template_child (widget_class, ResellItemPage, title_row);
  gtk_widget_class_bind_template_child (widget_class, ResellItemPage, brand_row);
  gtk_widget_class_bind_template_child (widget_class, ResellItemPage, model_row);
  gtk_widget_class_bind_template_child (widget_class, ResellItemPage, size_row);
  gtk_widget_class_bind_template_child (widget_class, ResellItemPage, colour_row);
  gtk_widget_class_bind_template_child (widget_class, ResellItemPage, material_row);
  gtk_widget_class_bind_template_child (widget_class, ResellItemPage, state_row);
  gtk_widget_class_bind_template_child (widget_class, ResellItemPage, consignor_row);
  gtk_widget_class_bind_template_child (widget_class, ResellItemPage, notes_view);
  gtk_widget_class_bind_template_child (widget_class, ResellItemPage, value_panel);
  gtk_widget_class_bind_template_child (widget_class, ResellItemPage, export_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_category_selected);

  _resell_item_page_class_actions_init (klass);
  _resell_item_page_class_photos_init (klass);
  _resell_item_page_class_documents_init (klass);
}

static void
resell_item_page_init (ResellItemPage *self)
{
  g_autoptr(GtkStringList) states = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->importing = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->import_cancellable = g_cancellable_new ();
  self->export_cancellable = g_cancellable_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "item.cancel-export", FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (editable_states); i++)
    gtk_string_list_append (states, resell_item_state_get_label (editable_states[i]));
  self->loading = TRUE;
  adw_combo_row_set_model (self->state_row, G_LIST_MODEL (states));
  self->loading = FALSE;

  g_signal_connect_object (gtk_text_view_get_buffer (self->notes_view), "changed",
                           G_CALLBACK (on_field_changed), self, G_CONNECT_SWAPPED);

  _resell_item_page_photos_init (self);
}
