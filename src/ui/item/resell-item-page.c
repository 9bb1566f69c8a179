/* resell-item-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-item-page"

#include "config.h"

#include <glib/gi18n.h>

#include "item/resell-item-page.h"
#include "editor/resell-photo-editor.h"
#include "common/resell-thumbnail-loader.h"
#include "common/resell-ui-util.h"
#include "intake/resell-shot-plan.h"

/* Saving waits for a pause in typing so each keystroke is not a disk write. */
#define SAVE_DELAY_MS 400

#define PHOTO_TILE_SIZE 144

/* The states a seller sets by hand; later ones come from the upload queue. */
static const ResellItemState editable_states[] = {
  RESELL_ITEM_STATE_DRAFT,
  RESELL_ITEM_STATE_READY,
};

struct _ResellItemPage
{
  AdwBin                  parent_instance;

  ResellContext          *context;
  ResellSettings         *settings;
  ResellCategoryRegistry *categories;   /* the context's */
  ResellThumbnailer      *thumbnailer;  /* the context's */
  ResellItemSaver        *saver;        /* made with the catalog */

  ResellItem             *draft;         /* the page's own copy of the shown item */
  GPtrArray              *photos;        /* ResellPhoto of the shown item */
  GCancellable           *cancellable;   /* for work about the shown item */
  GCancellable           *thumbs_cancellable; /* for the photo tiles shown now */
  GCancellable           *import_cancellable; /* imports, cancelled only when the page goes */
  GHashTable             *importing;     /* ids (gint64) of items with an import running */
  ResellListingExporter  *exporter;      /* while an export runs */
  char                   *export_title;  /* the title of the item being exported */
  ResellListingProfile   *export_profile; /* chosen, while the folder chooser is open */
  GCancellable           *export_cancellable;
  guint                   save_source;
  gboolean                loading;

  /* Template children */
  AdwWindowTitle         *window_title;
  GtkRevealer            *export_revealer;
  GtkLabel               *export_label;
  GtkProgressBar         *export_progress;
  GtkButton              *import_button;
  GtkScrolledWindow      *scroller;
  GtkWidget              *content;
  AdwPreferencesGroup    *photos_group;
  GtkStack               *photos_stack;
  GtkFlowBox             *photo_flow;
  AdwPreferencesGroup    *shots_group;
  GtkListBox             *shots_list;
  AdwActionRow           *sku_row;
  AdwComboRow            *category_row;
  AdwEntryRow            *title_row;
  AdwEntryRow            *brand_row;
  AdwEntryRow            *model_row;
  AdwEntryRow            *size_row;
  AdwEntryRow            *colour_row;
  AdwEntryRow            *material_row;
  AdwComboRow            *state_row;
  AdwEntryRow            *consignor_row;
  GtkTextView            *notes_view;
  GMenu                  *export_menu;
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
static ResellCatalog *
get_catalog (ResellItemPage *self)
{
  return self->context != NULL ? resell_context_get_catalog (self->context) : NULL;
}

static void
show_message (ResellItemPage *self,
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
  show_message (self, message);
}

static void
queue_save (ResellItemPage *self)
{
  ResellCatalog *catalog = get_catalog (self);

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

static ResellCategory *
get_selected_category (ResellItemPage *self)
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
    resell_item_set_state (self->draft, editable_states[state_pos]);

  update_title (self);

  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, save_timeout, self);
}

/* Photos and shot list */

static const char *
slot_label (ResellItemPage *self,
            ResellPhoto    *photo)
{
  ResellCategory *category = get_selected_category (self);
  const char *slot = resell_photo_get_slot (photo);
  const ResellShot *shot;

  if (slot == NULL)
    return _("Extra");
  if (category != NULL && (shot = resell_category_find_shot (category, slot)))
    return shot->label;
  return slot;
}

static void
tile_thumbnail_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  GtkImage *image;

  texture = resell_thumbnail_load_finish (result, &error);
  if (texture == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No thumbnail: %s", error->message);
      return;
    }

  /* Not cancelled, so the page and the tile are still there. */
  image = GTK_IMAGE (user_data);
  gtk_image_set_from_paintable (image, GDK_PAINTABLE (texture));
}

static GtkWidget *
create_photo_menu_button (ResellPhoto *photo)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) edits = g_menu_new ();
  g_autoptr(GMenu) removal = g_menu_new ();
  gint64 id = resell_photo_get_id (photo);
  GtkWidget *button;

  {
    g_autoptr(GMenuItem) edit = g_menu_item_new (_("_Edit…"), NULL);
    g_autoptr(GMenuItem) left = g_menu_item_new (_("Rotate _Left"), NULL);
    g_autoptr(GMenuItem) right = g_menu_item_new (_("Rotate _Right"), NULL);
    g_autoptr(GMenuItem) remove = g_menu_item_new (_("_Remove From Item"), NULL);

    g_menu_item_set_action_and_target_value (edit, "item.edit-photo", g_variant_new_int64 (id));
    g_menu_item_set_action_and_target_value (left, "item.rotate-photo", g_variant_new ("(xi)", id, 270));
    g_menu_item_set_action_and_target_value (right, "item.rotate-photo", g_variant_new ("(xi)", id, 90));
    g_menu_item_set_action_and_target_value (remove, "item.remove-photo", g_variant_new_int64 (id));
    g_menu_append_item (edits, edit);
    g_menu_append_item (edits, left);
    g_menu_append_item (edits, right);
    g_menu_append_item (removal, remove);
  }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (edits));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (removal));

  button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Photo Menu"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Photo Menu"), -1);
  return button;
}

static GtkWidget *
create_photo_tile (ResellItemPage *self,
                   ResellPhoto    *photo)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  /* A GtkImage, not a GtkPicture: its size is the tile's, whatever the
   * thumbnail's own size, and the whole photo shows. */
  GtkWidget *picture = gtk_image_new ();
  GtkWidget *label = gtk_label_new (slot_label (self, photo));
  GtkWidget *footer;
  g_autofree char *tooltip = NULL;
  g_autofree char *accessible = NULL;

  gtk_widget_add_css_class (box, "photo-tile");
  /* Activating the tile (double-click, Enter) opens the photo editor. */
  g_object_set_data_full (G_OBJECT (box), "photo", g_object_ref (photo), g_object_unref);
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_image_set_pixel_size (GTK_IMAGE (picture), PHOTO_TILE_SIZE);
  gtk_widget_add_css_class (picture, "placeholder");
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), picture);
  footer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_box_append (GTK_BOX (footer), label);
  gtk_box_append (GTK_BOX (footer), create_photo_menu_button (photo));
  gtk_box_append (GTK_BOX (box), footer);

  /* Translators: a photo's file name and its size in pixels */
  tooltip = g_strdup_printf (_("%s — %d × %d"),
                             resell_photo_get_original_name (photo),
                             resell_photo_get_width (photo),
                             resell_photo_get_height (photo));
  gtk_widget_set_tooltip_text (box, tooltip);
  /* Translators: accessible name of a photo: the shot it fills and its file name */
  accessible = g_strdup_printf (_("%s photo, %s"), slot_label (self, photo), resell_photo_get_original_name (photo));
  gtk_accessible_update_property (GTK_ACCESSIBLE (picture), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

  /* Edited photos show as their listing image will look. */
  if (self->thumbnailer != NULL)
    resell_thumbnail_load_edited_async (self->thumbnailer,
                                        resell_photo_get_path (photo),
                                        resell_photo_get_sha256 (photo),
                                        resell_photo_get_edits (photo),
                                        self->thumbs_cancellable,
                                        tile_thumbnail_cb, picture);

  return box;
}

static void
rebuild_shot_list (ResellItemPage *self)
{
  ResellCategory *category = get_selected_category (self);
  g_autoptr(ResellShotPlan) plan = resell_shot_plan_new (category, self->photos);
  guint n_shots = resell_shot_plan_get_n_shots (plan);
  guint filled = resell_shot_plan_get_n_filled (plan);
  guint missing_required = resell_shot_plan_count_missing_required (plan);
  g_autofree char *description = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->shots_list))))
    gtk_list_box_remove (self->shots_list, child);

  for (guint i = 0; i < n_shots; i++)
    {
      const ResellShot *shot = resell_category_get_shot (category, i);
      gboolean done = resell_shot_plan_is_filled (plan, shot->id);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name (done ? "emblem-ok-symbolic" : "camera-photo-symbolic");
      GtkWidget *status = gtk_label_new (done ? _("Done") : shot->required ? _("Required") : _("Optional"));
      g_autofree char *title = g_markup_escape_text (shot->label, -1);
      g_autofree char *subtitle = g_markup_escape_text (shot->guidance, -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_add_css_class (icon, "status");
      if (!done)
        gtk_widget_add_css_class (icon, "dim-label");
      gtk_widget_add_css_class (status, done ? "success" : "dim-label");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), status);
      gtk_widget_add_css_class (row, "shot-row");
      if (done)
        gtk_widget_add_css_class (row, "filled");
      gtk_list_box_append (self->shots_list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->shots_group), n_shots > 0);

  if (missing_required > 0)
    /* Translators: "4 of 9 shots taken, 3 required still missing" */
    description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%u of %u shots taken, %u required still missing",
                                                "%u of %u shots taken, %u required still missing",
                                                missing_required),
                                   filled, n_shots, missing_required);
  else if (n_shots > 0)
    description = g_strdup_printf (_("%u of %u shots taken, every required shot is there"), filled, n_shots);
  adw_preferences_group_set_description (self->shots_group, description);
}

static void
show_photos (ResellItemPage *self,
             GPtrArray      *photos)
{
  g_autofree char *description = NULL;
  GtkWidget *child;

  /* Tiles go away here, so their pending thumbnails must not land. */
  g_cancellable_cancel (self->thumbs_cancellable);
  g_clear_object (&self->thumbs_cancellable);
  self->thumbs_cancellable = g_cancellable_new ();

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->photo_flow))))
    gtk_flow_box_remove (self->photo_flow, child);
  g_clear_pointer (&self->photos, g_ptr_array_unref);

  self->photos = photos ? g_ptr_array_ref (photos) : g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < self->photos->len; i++)
    gtk_flow_box_append (self->photo_flow, create_photo_tile (self, g_ptr_array_index (self->photos, i)));

  gtk_stack_set_visible_child_name (self->photos_stack, self->photos->len > 0 ? "photos" : "empty");

  if (self->photos->len > 0)
    description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u photo", "%u photos", self->photos->len),
                                   self->photos->len);
  adw_preferences_group_set_description (self->photos_group, description);

  rebuild_shot_list (self);
}

static void
photos_listed_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GPtrArray) photos = NULL;
  g_autoptr(GError) error = NULL;
  ResellItemPage *self;

  photos = resell_catalog_list_photos_finish (RESELL_CATALOG (object), result, &error);
  if (photos == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Not cancelled: the page still shows the item this was for. */
  self = RESELL_ITEM_PAGE (user_data);
  if (photos == NULL)
    show_message (self, error->message);
  show_photos (self, photos);
}

/* Reads the item's photos off the UI thread: the catalog may be busy with
 * another writer (an import, the command-line tool) for a while. */
static void
reload_photos (ResellItemPage *self)
{
  ResellCatalog *catalog = get_catalog (self);

  if (self->draft == NULL || catalog == NULL)
    {
      show_photos (self, NULL);
      return;
    }

  resell_catalog_list_photos_async (catalog, resell_item_get_id (self->draft),
                                    self->cancellable, photos_listed_cb, self);
}

static void
on_category_selected (ResellItemPage *self)
{
  ResellCategory *category = get_selected_category (self);

  if (self->loading || self->draft == NULL || category == NULL)
    return;

  resell_item_set_category (self->draft, resell_category_get_id (category));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->category_row), NULL);
  if (self->settings != NULL)
    resell_settings_set_last_category (self->settings, resell_category_get_id (category));

  rebuild_shot_list (self);
  reload_photos (self);

  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, save_timeout, self);
}

/* Import
 *
 * An import belongs to its item, not to the page: it goes on when the
 * seller moves to another item, and reports by the item's name then.  One
 * import at a time per item, so two never fill the same shots.
 */

typedef struct
{
  ResellItemPage *self;
  gint64          item_id;
  char           *title;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_object_unref (job->self);
  g_free (job->title);
  g_free (job);
}

static gboolean
is_importing (ResellItemPage *self,
              gint64          item_id)
{
  return g_hash_table_contains (self->importing, &item_id);
}

static void
update_import_button (ResellItemPage *self)
{
  gboolean busy = self->draft != NULL && is_importing (self, resell_item_get_id (self->draft));

  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), !busy);
  gtk_button_set_label (self->import_button, busy ? _("Importing…") : _("_Import Photos…"));
  /* GTK 4.8 names the button by its raw label, mnemonic underscore and all. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->import_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  busy ? _("Importing…") : _("Import Photos…"),
                                  -1);
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  ImportJob *job = user_data;
  ResellItemPage *self = job->self;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) failures = g_string_new (NULL);
  guint imported = 0, duplicates = 0, failed;
  gboolean shown;

  results = resell_importer_import_finish (RESELL_IMPORTER (object), result, &error);

  if (self->importing == NULL)   /* the page is gone */
    {
      import_job_free (job);
      return;
    }

  g_hash_table_remove (self->importing, &job->item_id);
  shown = self->draft != NULL && resell_item_get_id (self->draft) == job->item_id;
  update_import_button (self);

  if (results == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, error->message);
      import_job_free (job);
      return;
    }

  failed = resell_ui_count_import_results (results, &imported, &duplicates, failures);

  if (shown)
    reload_photos (self);

  if (failed > 0)
    {
      GtkWindow *parent = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
      g_autofree char *body = NULL;
      g_autofree char *heading = NULL;
      GtkWidget *dialog;

      if (imported + duplicates > 0)
        /* Translators: %s lists the files that failed and why, one per line */
        body = g_strdup_printf (_("%s\n\nThe other photos were imported."), failures->str);
      else
        body = g_strdup (failures->str);

      /* Translators: %s is an item's title */
      heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "A File Was Not Imported Into “%s”",
                                              "Some Files Were Not Imported Into “%s”",
                                              failed),
                                 job->title);
      dialog = adw_message_dialog_new (parent, heading, body);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
  else if (imported > 0 || duplicates > 0)
    {
      g_autofree char *counts = resell_ui_format_imported (imported, duplicates);
      g_autofree char *message = NULL;

      if (shown)
        message = g_steal_pointer (&counts);
      else
        /* Translators: the first %s is e.g. "3 photos imported", the second an item's title */
        message = g_strdup_printf (_("%s into “%s”"), counts, job->title);
      resell_ui_show_toast (GTK_WIDGET (self), message);
    }

  import_job_free (job);
}

void
resell_item_page_import (ResellItemPage *self,
                         GPtrArray      *files)
{
  ImportJob *job;
  gint64 *key;

  g_return_if_fail (RESELL_IS_ITEM_PAGE (self));

  if (self->draft == NULL || resell_context_get_importer (self->context) == NULL ||
      files == NULL || files->len == 0)
    return;

  if (is_importing (self, resell_item_get_id (self->draft)))
    {
      resell_ui_show_toast (GTK_WIDGET (self), _("Photos are still being imported into this item. Add more once they are in."));
      return;
    }

  /* The item must exist with its latest details before photos attach to it. */
  resell_item_page_flush (self);

  key = g_new (gint64, 1);
  *key = resell_item_get_id (self->draft);
  g_hash_table_add (self->importing, key);
  update_import_button (self);

  job = g_new0 (ImportJob, 1);
  job->self = g_object_ref (self);
  job->item_id = *key;
  job->title = resell_item_dup_display_title (self->draft);

  resell_importer_import_async (resell_context_get_importer (self->context), self->draft, get_selected_category (self),
                                files, self->import_cancellable, import_done_cb, job);
}

static void
import_chosen (GtkWidget *widget,
               GPtrArray *files)
{
  resell_item_page_import (RESELL_ITEM_PAGE (widget), files);
}

void
resell_item_page_choose_import (ResellItemPage *self,
                                gboolean        folder)
{
  g_return_if_fail (RESELL_IS_ITEM_PAGE (self));

  if (self->draft == NULL)
    return;

  resell_ui_choose_photos (GTK_WIDGET (self),
                           folder ? RESELL_UI_CHOOSE_FOLDER : RESELL_UI_CHOOSE_ALL_FILES,
                           import_chosen);
}

static gboolean
on_drop (GtkDropTarget  *target,
         const GValue   *value,
         double          x,
         double          y,
         ResellItemPage *self)
{
  g_autoptr(GPtrArray) files = NULL;

  gtk_widget_remove_css_class (self->content, "drop-highlight");

  files = resell_ui_files_from_drop (value);
  if (files == NULL)
    return FALSE;

  if (self->draft == NULL || files->len == 0)
    return FALSE;

  /* Refused while this item's import runs: the import says why. */
  if (is_importing (self, resell_item_get_id (self->draft)))
    {
      resell_item_page_import (self, files);
      return FALSE;
    }

  resell_item_page_import (self, files);
  return TRUE;
}

static GdkDragAction
on_drop_enter (GtkDropTarget  *target,
               double          x,
               double          y,
               ResellItemPage *self)
{
  gtk_widget_add_css_class (self->content, "drop-highlight");
  return GDK_ACTION_COPY;
}

static void
on_drop_leave (GtkDropTarget  *target,
               ResellItemPage *self)
{
  gtk_widget_remove_css_class (self->content, "drop-highlight");
}

/* Photo edits: kept apart from the original, applied to listing images. */

static ResellPhoto *
find_photo (ResellItemPage *self,
            gint64          photo_id)
{
  for (guint i = 0; self->photos != NULL && i < self->photos->len; i++)
    if (resell_photo_get_id (g_ptr_array_index (self->photos, i)) == photo_id)
      return g_ptr_array_index (self->photos, i);
  return NULL;
}

static void
photo_op_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(ResellItemPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (g_task_get_source_tag (G_TASK (result)) == resell_catalog_remove_photo_async)
    ok = resell_catalog_remove_photo_finish (RESELL_CATALOG (object), result, &error);
  else
    ok = resell_catalog_update_photo_finish (RESELL_CATALOG (object), result, &error);

  if (!ok && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_message (self, error->message);

  /* Also after a failure: the page shows what the catalog holds, not the
   * edits that were given to it (store_photo_edits). */
  if (self->draft != NULL)
    reload_photos (self);
}

/* Stores new edits for @photo off the UI thread (the catalog writes a
 * copy taken now); the tiles are made again when it has landed, so the
 * preview follows.  The page's own photo takes them at once: a second turn
 * or the editor opened again before the write lands starts from these
 * edits, not the ones before. */
static void
store_photo_edits (ResellItemPage *self,
                   ResellPhoto    *photo,
                   const char     *json)
{
  resell_photo_set_edits (photo, json);
  resell_catalog_update_photo_async (get_catalog (self), photo, NULL, photo_op_done, g_object_ref (self));
}

static void
rotate_photo_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  ResellItemPage *self = RESELL_ITEM_PAGE (widget);
  g_autoptr(ResellPhotoEdits) edits = NULL;
  g_autofree char *json = NULL;
  ResellPhoto *photo;
  gint64 photo_id;
  int quarter;

  g_variant_get (param, "(xi)", &photo_id, &quarter);
  if (get_catalog (self) == NULL || (photo = find_photo (self, photo_id)) == NULL)
    return;

  edits = resell_photo_edits_from_json (resell_photo_get_edits (photo), NULL);
  if (edits == NULL)
    edits = resell_photo_edits_new ();
  edits->rotate = (edits->rotate + quarter) % 360;
  /* A crop was drawn on the old orientation; it no longer fits. */
  edits->has_crop = FALSE;
  json = resell_photo_edits_to_json (edits);

  store_photo_edits (self, photo, json);
}

/* The photo editor */

static void
on_photo_edits_saved (ResellPhotoEditor *editor,
                      const char        *json,
                      ResellItemPage    *self)
{
  gint64 *photo_id = g_object_get_data (G_OBJECT (editor), "photo-id");
  ResellPhoto *photo;

  /* The photo may have gone meanwhile (removed from the command line). */
  if (get_catalog (self) == NULL || (photo = find_photo (self, *photo_id)) == NULL)
    return;

  if (g_strcmp0 (resell_photo_get_edits (photo), json) != 0)
    store_photo_edits (self, photo, json);
}

static void
open_photo_editor (ResellItemPage *self,
                   gint64          photo_id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  ResellPhotoEditor *editor;
  ResellPhoto *photo;

  if (get_catalog (self) == NULL || (photo = find_photo (self, photo_id)) == NULL)
    return;

  editor = resell_photo_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                    self->thumbnailer,
                                    resell_photo_get_path (photo),
                                    resell_photo_get_sha256 (photo),
                                    resell_photo_get_width (photo),
                                    resell_photo_get_height (photo),
                                    resell_photo_get_edits (photo));
  g_object_set_data_full (G_OBJECT (editor), "photo-id",
                          g_memdup2 (&photo_id, sizeof photo_id), g_free);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_photo_edits_saved), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
edit_photo_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  open_photo_editor (RESELL_ITEM_PAGE (widget), g_variant_get_int64 (param));
}

static void
on_photo_activated (ResellItemPage  *self,
                    GtkFlowBoxChild *child)
{
  ResellPhoto *photo = g_object_get_data (G_OBJECT (gtk_flow_box_child_get_child (child)), "photo");

  if (photo != NULL)
    open_photo_editor (self, resell_photo_get_id (photo));
}

static void
remove_photo_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  ResellItemPage *self = RESELL_ITEM_PAGE (widget);
  ResellPhoto *photo;

  if (get_catalog (self) == NULL || (photo = find_photo (self, g_variant_get_int64 (param))) == NULL)
    return;

  /* The original file stays in the item's folder: only the row goes. */
  resell_catalog_remove_photo_async (get_catalog (self), resell_photo_get_id (photo),
                                     NULL, photo_op_done, g_object_ref (self));
}

/* Listing images
 *
 * The export belongs to the page, not the item shown: it goes on while the
 * seller moves on, with its progress at the top of the page.  Outputs are
 * written atomically and cached by recipe, so running it again after a
 * cancel or a crash only renders what is missing.
 */

typedef struct
{
  ResellItemPage *self;
  GPtrArray      *jobs;
  char           *folder_uri;
  char           *title;
  guint           skipped;    /* photos beyond the marketplace's limit */
} ExportRun;

static void
export_run_free (ExportRun *run)
{
  g_object_unref (run->self);
  g_ptr_array_unref (run->jobs);
  g_free (run->folder_uri);
  g_free (run->title);
  g_free (run);
}

static void
update_export_progress (ResellItemPage *self)
{
  guint done, total;
  g_autofree char *text = NULL;

  if (self->exporter == NULL)
    return;

  done = resell_listing_exporter_get_n_done (self->exporter);
  total = resell_listing_exporter_get_n_total (self->exporter);
  /* Translators: "Listing images of “Wool coat”: 3 of 9" */
  text = g_strdup_printf (_("Listing images of “%s”: %u of %u"), self->export_title, done, total);
  gtk_label_set_label (self->export_label, text);
  gtk_progress_bar_set_fraction (self->export_progress, total > 0 ? (double) done / total : 0.0);
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  ExportRun *run = user_data;
  ResellItemPage *self = run->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) failures = g_string_new (NULL);
  guint written = 0, failed = 0;
  gboolean ok;

  ok = resell_listing_exporter_run_finish (RESELL_LISTING_EXPORTER (object), result, &error);

  if (self->export_cancellable == NULL)   /* the page is gone */
    {
      export_run_free (run);
      return;
    }

  g_clear_object (&self->exporter);
  g_clear_pointer (&self->export_title, g_free);
  gtk_revealer_set_reveal_child (self->export_revealer, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "item.export-listing", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "item.export-listing-for", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "item.cancel-export", FALSE);

  for (guint i = 0; i < run->jobs->len; i++)
    {
      ResellListingJob *job = g_ptr_array_index (run->jobs, i);

      switch (resell_listing_job_get_status (job))
        {
        case RESELL_LISTING_JOB_DONE:
        case RESELL_LISTING_JOB_CACHED:
          written++;
          break;
        case RESELL_LISTING_JOB_FAILED:
          failed++;
          if (failures->len > 0)
            g_string_append_c (failures, '\n');
          g_string_append (failures, resell_listing_job_get_message (job));
          break;
        case RESELL_LISTING_JOB_PENDING:
        case RESELL_LISTING_JOB_CANCELLED:
        default:
          break;
        }
    }

  if (!ok && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_message (self, error->message);

  if (failed > 0)
    {
      GtkWindow *parent = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
      g_autofree char *heading = NULL;
      GtkWidget *dialog;

      /* Translators: %s is an item's title */
      heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "A Listing Image of “%s” Could Not Be Made",
                                              "Some Listing Images of “%s” Could Not Be Made",
                                              failed),
                                 run->title);
      dialog = adw_message_dialog_new (parent, heading, failures->str);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }

  if (written > 0)
    {
      g_autofree char *message = NULL;
      g_autofree char *escaped = NULL;
      AdwToast *toast;

      if (run->skipped > 0)
        /* Translators: the first %u counts saved images, the second the photos left out (over the marketplace's limit) */
        message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%u listing images saved; %u photo is over the marketplace’s limit and was left out",
                                                "%u listing images saved; %u photos are over the marketplace’s limit and were left out",
                                                run->skipped),
                                   written, run->skipped);
      else
        message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u listing image saved", "%u listing images saved", written),
                                   written);

      escaped = g_markup_escape_text (message, -1);
      toast = adw_toast_new (escaped);
      adw_toast_set_button_label (toast, _("_Open Folder"));
      adw_toast_set_action_name (toast, "win.open-folder");
      adw_toast_set_action_target_value (toast, g_variant_new_string (run->folder_uri));
      if (resell_ui_get_window (GTK_WIDGET (self)) != NULL)
        resell_window_add_toast (resell_ui_get_window (GTK_WIDGET (self)), toast);
      else
        g_object_unref (g_object_ref_sink (toast));
    }

  export_run_free (run);
}

static void
start_export (ResellItemPage       *self,
              ResellListingProfile *profile,
              GFile                *folder)
{
  g_autofree char *folder_path = g_file_get_path (folder);
  ExportRun *run;
  guint max_photos;

  if (self->draft == NULL || self->photos == NULL || self->exporter != NULL)
    return;

  if (self->photos->len == 0)
    {
      resell_ui_show_toast (GTK_WIDGET (self), _("This item has no photos yet"));
      return;
    }

  if (folder_path == NULL)
    {
      resell_ui_show_toast (GTK_WIDGET (self), _("Listing images can only be saved to a local folder"));
      return;
    }

  run = g_new0 (ExportRun, 1);
  run->self = g_object_ref (self);
  run->jobs = g_ptr_array_new_with_free_func (g_object_unref);
  run->folder_uri = g_file_get_uri (folder);
  run->title = resell_item_dup_display_title (self->draft);

  max_photos = resell_listing_profile_get_max_photos (profile);
  for (guint i = 0; i < self->photos->len; i++)
    {
      ResellPhoto *photo = g_ptr_array_index (self->photos, i);
      g_autoptr(ResellPhotoEdits) edits = NULL;
      g_autofree char *name = NULL;
      g_autofree char *output = NULL;

      if (i >= max_photos)
        {
          run->skipped++;
          continue;
        }

      edits = resell_photo_edits_from_json (resell_photo_get_edits (photo), NULL);
      /* Marketplaces show photos in file-name order: number them. */
      name = g_strdup_printf ("%s-%02u-%s.%s",
                              resell_item_get_sku (self->draft), i + 1,
                              resell_photo_get_slot (photo) ? resell_photo_get_slot (photo) : "extra",
                              resell_listing_profile_get_extension (profile));
      output = g_build_filename (folder_path, name, NULL);
      g_ptr_array_add (run->jobs, resell_listing_job_new (resell_photo_get_path (photo),
                                                          resell_photo_get_sha256 (photo),
                                                          edits, output));
    }

  self->exporter = resell_listing_exporter_new (resell_thumbnailer_get_cache_dir (self->thumbnailer), profile, 0);
  if (self->settings != NULL)
    resell_listing_exporter_set_copyright (self->exporter, resell_settings_get_copyright (self->settings));
  g_signal_connect_object (self->exporter, "notify::n-done", G_CALLBACK (update_export_progress), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->exporter, "notify::n-total", G_CALLBACK (update_export_progress), self, G_CONNECT_SWAPPED);

  g_free (self->export_title);
  self->export_title = g_strdup (run->title);
  update_export_progress (self);
  gtk_progress_bar_set_fraction (self->export_progress, 0.0);
  gtk_revealer_set_reveal_child (self->export_revealer, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "item.export-listing", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "item.export-listing-for", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "item.cancel-export", TRUE);

  g_cancellable_reset (self->export_cancellable);
  resell_listing_exporter_run_async (self->exporter, run->jobs, self->export_cancellable, export_done_cb, run);
}

static void
export_chooser_response (GtkNativeDialog *chooser,
                         int              response,
                         ResellItemPage  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (folder != NULL && self->export_profile != NULL)
        start_export (self, self->export_profile, folder);
    }

  g_clear_object (&self->export_profile);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

/* Item menu → Export Listing Images → one entry per marketplace profile:
 * the profiles are data files, so a new one shows up without code. */
static void
fill_export_menu (ResellItemPage *self)
{
  GListModel *profiles = resell_context_get_profiles (self->context);
  guint n = g_list_model_get_n_items (profiles);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ResellListingProfile) profile = g_list_model_get_item (profiles, i);
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *label = NULL;

      /* Translators: a marketplace in the Export Listing Images menu, e.g. "eBay…" */
      label = g_strdup_printf (_("%s…"), resell_listing_profile_get_name (profile));
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "item.export-listing-for",
                                               g_variant_new_string (resell_listing_profile_get_id (profile)));
      g_menu_append_item (self->export_menu, item);
    }
}

static void
export_listing_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  ResellItemPage *self = RESELL_ITEM_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  GtkFileChooserNative *chooser;
  const char *id = NULL;

  if (self->draft == NULL || self->exporter != NULL || self->export_profile != NULL)
    return;

  /* From the menu: that marketplace, remembered for Ctrl+E. */
  if (param != NULL)
    {
      id = g_variant_get_string (param, NULL);
      if (self->settings != NULL)
        resell_settings_set_listing_profile (self->settings, id);
    }
  else if (self->settings != NULL)
    id = resell_settings_get_listing_profile (self->settings);

  if (id == NULL || id[0] == '\0')
    id = "ebay";

  self->export_profile = resell_context_lookup_profile (self->context, id, &error);
  if (self->export_profile == NULL && param == NULL)
    {
      /* A remembered profile this version no longer has. */
      g_clear_error (&error);
      self->export_profile = resell_context_lookup_profile (self->context, "ebay", &error);
    }
  if (self->export_profile == NULL)
    {
      show_message (self, error->message);
      return;
    }

  /* Translators: %s is a marketplace, e.g. "eBay" */
  title = g_strdup_printf (_("Save Listing Images for %s To"),
                           resell_listing_profile_get_name (self->export_profile));
  chooser = gtk_file_chooser_native_new (title,
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Save Here"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (export_chooser_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
cancel_export_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  g_cancellable_cancel (RESELL_ITEM_PAGE (widget)->export_cancellable);
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
  if (item == NULL)
    {
      show_photos (self, NULL);
      return;
    }

  {
    gint64 id = resell_item_get_id (item);
    ResellItem *unsaved = self->saver ? resell_item_saver_lookup (self->saver, id) : NULL;

    /* A save of this item may still be on its way to the catalog. */
    self->draft = resell_item_copy (unsaved ? unsaved : item);
    item = self->draft;
  }
  self->loading = TRUE;

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
  update_import_button (self);
  show_photos (self, NULL);
  reload_photos (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

void
resell_item_page_reload_photos (ResellItemPage *self)
{
  g_return_if_fail (RESELL_IS_ITEM_PAGE (self));
  reload_photos (self);
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

  self->categories = g_object_ref (resell_context_get_categories (self->context));
  self->thumbnailer = g_object_ref (resell_context_get_thumbnailer (self->context));

  fill_export_menu (self);

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
copy_sku_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  ResellItemPage *self = RESELL_ITEM_PAGE (widget);

  if (self->draft == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), resell_item_get_sku (self->draft));
  resell_ui_show_toast (GTK_WIDGET (self), _("SKU copied"));
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
  gtk_widget_class_bind_template_child (widget_class, ResellItemPage, export_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_category_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_photo_activated);

  gtk_widget_class_install_action (widget_class, "item.copy-sku", NULL, copy_sku_action);
  gtk_widget_class_install_action (widget_class, "item.export-listing", NULL, export_listing_action);
  gtk_widget_class_install_action (widget_class, "item.export-listing-for", "s", export_listing_action);
  gtk_widget_class_install_action (widget_class, "item.edit-photo", "x", edit_photo_action);
  gtk_widget_class_install_action (widget_class, "item.rotate-photo", "(xi)", rotate_photo_action);
  gtk_widget_class_install_action (widget_class, "item.remove-photo", "x", remove_photo_action);
  gtk_widget_class_install_action (widget_class, "item.cancel-export", NULL, cancel_export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "item.export-listing", NULL);
}

static void
resell_item_page_init (ResellItemPage *self)
{
  g_autoptr(GtkStringList) states = gtk_string_list_new (NULL);
  GtkDropTarget *drop;

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

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  g_signal_connect (drop, "enter", G_CALLBACK (on_drop_enter), self);
  g_signal_connect (drop, "leave", G_CALLBACK (on_drop_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}
