/* resell-item-page-photos.c — the item page's photos: the grid of tiles,
 * the shot list, import (buttons, drag and drop) and the photo editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-item-page"

#include "config.h"

#include <glib/gi18n.h>

#include "item/resell-item-page-private.h"
#include "editor/resell-photo-editor.h"
#include "common/resell-thumbnail-loader.h"
#include "common/resell-ui-util.h"
#include "intake/resell-shot-plan.h"

#define PHOTO_TILE_SIZE 144

/* Photos and shot list */

static const char *
slot_label (ResellItemPage *self,
            ResellPhoto    *photo)
{
  ResellCategory *category = _resell_item_page_get_selected_category (self);
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
    g_autoptr(GMenuItem) flaws = g_menu_item_new (_("Mark _Flaws…"), NULL);
    g_autoptr(GMenuItem) remove = g_menu_item_new (_("_Remove From Item"), NULL);

    g_menu_item_set_action_and_target_value (edit, "item.edit-photo", g_variant_new_int64 (id));
    g_menu_item_set_action_and_target_value (left, "item.rotate-photo", g_variant_new ("(xi)", id, 270));
    g_menu_item_set_action_and_target_value (right, "item.rotate-photo", g_variant_new ("(xi)", id, 90));
    g_menu_item_set_action_and_target_value (flaws, "item.mark-flaws", g_variant_new_int64 (id));
    g_menu_item_set_action_and_target_value (remove, "item.remove-photo", g_variant_new_int64 (id));
    g_menu_append_item (edits, edit);
    g_menu_append_item (edits, left);
    g_menu_append_item (edits, right);
    g_menu_append_item (edits, flaws);
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

/* Shows @photo in the tile @box: what it fills, its name, its thumbnail.
 * Also used on a tile that showed an earlier version of the same photo. */
static void
fill_photo_tile (ResellItemPage *self,
                 GtkWidget      *box,
                 ResellPhoto    *photo)
{
  GtkWidget *picture = g_object_get_data (G_OBJECT (box), "picture");
  GtkWidget *label = g_object_get_data (G_OBJECT (box), "label");
  g_autofree char *tooltip = NULL;
  g_autofree char *accessible = NULL;

  /* Activating the tile (double-click, Enter) opens the photo editor. */
  g_object_set_data_full (G_OBJECT (box), "photo", g_object_ref (photo), g_object_unref);
  gtk_label_set_label (GTK_LABEL (label), slot_label (self, photo));

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
}

static GtkWidget *
create_photo_tile (ResellItemPage *self,
                   ResellPhoto    *photo)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  /* A GtkImage, not a GtkPicture: its size is the tile's, whatever the
   * thumbnail's own size, and the whole photo shows. */
  GtkWidget *picture = gtk_image_new ();
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *footer;

  gtk_widget_add_css_class (box, "photo-tile");
  g_object_set_data (G_OBJECT (box), "picture", picture);
  g_object_set_data (G_OBJECT (box), "label", label);
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

  fill_photo_tile (self, box, photo);

  return box;
}

/* TRUE when @a and @b hold the same photos (by id) in the same order. */
static gboolean
same_photos (GPtrArray *a,
             GPtrArray *b)
{
  if (a == NULL || b == NULL || a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    {
      if (resell_photo_get_id (g_ptr_array_index (a, i)) != resell_photo_get_id (g_ptr_array_index (b, i)))
        return FALSE;
    }

  return TRUE;
}

void
_resell_item_page_rebuild_shot_list (ResellItemPage *self)
{
  ResellCategory *category = _resell_item_page_get_selected_category (self);
  g_autoptr(ResellShotPlan) plan = resell_shot_plan_new (category, self->photos);
  guint n_shots = resell_shot_plan_get_n_shots (plan);
  guint filled = resell_shot_plan_get_n_filled (plan);
  guint missing_required = resell_shot_plan_count_missing_required (plan);
  g_autofree char *description = NULL;
  GString *shown = g_string_new (category != NULL ? resell_category_get_id (category) : "");
  GtkWidget *child;

  /* Rows are made anew only when the list changes (see show_photos). */
  for (guint i = 0; i < n_shots; i++)
    {
      const ResellShot *shot = resell_category_get_shot (category, i);

      g_string_append_printf (shown, "|%s:%d", shot->id, resell_shot_plan_is_filled (plan, shot->id));
    }
  if (g_strcmp0 (shown->str, self->shots_shown) == 0)
    {
      g_string_free (shown, TRUE);
      return;
    }
  g_free (self->shots_shown);
  self->shots_shown = g_string_free (shown, FALSE);

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

void
_resell_item_page_show_photos (ResellItemPage *self,
                               GPtrArray      *photos)
{
  g_autofree char *description = NULL;
  GtkWidget *child;

  /* Tiles go away here, so their pending thumbnails must not land. */
  g_cancellable_cancel (self->thumbs_cancellable);
  g_clear_object (&self->thumbs_cancellable);
  self->thumbs_cancellable = g_cancellable_new ();

  /* The same photos as shown (after an edit, a turn, a save): each tile
   * shows its photo's new version in place.  Tiles are made anew only when
   * photos came, went or moved; fewer widgets coming and going also keeps
   * GTK 4.8's accessibility tree out of a state where it answers a screen
   * reader with a broken reference and the app crashes. */
  if (photos != NULL && same_photos (self->photos, photos))
    {
      guint i = 0;

      g_clear_pointer (&self->photos, g_ptr_array_unref);
      self->photos = g_ptr_array_ref (photos);
      for (child = gtk_widget_get_first_child (GTK_WIDGET (self->photo_flow));
           child != NULL;
           child = gtk_widget_get_next_sibling (child), i++)
        fill_photo_tile (self, gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child)),
                         g_ptr_array_index (self->photos, i));
    }
  else
    {
      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->photo_flow))))
        gtk_flow_box_remove (self->photo_flow, child);
      g_clear_pointer (&self->photos, g_ptr_array_unref);

      self->photos = photos ? g_ptr_array_ref (photos) : g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < self->photos->len; i++)
        gtk_flow_box_append (self->photo_flow, create_photo_tile (self, g_ptr_array_index (self->photos, i)));
    }

  gtk_stack_set_visible_child_name (self->photos_stack, self->photos->len > 0 ? "photos" : "empty");

  if (self->photos->len > 0)
    description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u photo", "%u photos", self->photos->len),
                                   self->photos->len);
  adw_preferences_group_set_description (self->photos_group, description);

  _resell_item_page_rebuild_shot_list (self);
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
    _resell_item_page_show_message (self, error->message);
  _resell_item_page_show_photos (self, photos);
}

/* Reads the item's photos off the UI thread: the catalog may be busy with
 * another writer (an import, the command-line tool) for a while. */
void
_resell_item_page_reload_photos (ResellItemPage *self)
{
  ResellCatalog *catalog = _resell_item_page_get_catalog (self);

  if (self->draft == NULL || catalog == NULL)
    {
      _resell_item_page_show_photos (self, NULL);
      return;
    }

  resell_catalog_list_photos_async (catalog, resell_item_get_id (self->draft),
                                    self->cancellable, photos_listed_cb, self);
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

void
_resell_item_page_update_import_button (ResellItemPage *self)
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
  _resell_item_page_update_import_button (self);

  if (results == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _resell_item_page_show_message (self, error->message);
      import_job_free (job);
      return;
    }

  failed = resell_ui_count_import_results (results, &imported, &duplicates, failures);

  if (shown)
    _resell_item_page_reload_photos (self);

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
  _resell_item_page_update_import_button (self);

  job = g_new0 (ImportJob, 1);
  job->self = g_object_ref (self);
  job->item_id = *key;
  job->title = resell_item_dup_display_title (self->draft);

  resell_importer_import_async (resell_context_get_importer (self->context), self->draft, _resell_item_page_get_selected_category (self),
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

ResellPhoto *
_resell_item_page_find_photo (ResellItemPage *self,
                              gint64          photo_id)
{
  for (guint i = 0; self->photos != NULL && i < self->photos->len; i++)
    if (resell_photo_get_id (g_ptr_array_index (self->photos, i)) == photo_id)
      return g_ptr_array_index (self->photos, i);
  return NULL;
}

void
_resell_item_page_photo_op_done (GObject      *object,
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
    _resell_item_page_show_message (self, error->message);

  /* Also after a failure: the page shows what the catalog holds, not the
   * edits that were given to it (_resell_item_page_store_photo_edits). */
  if (self->draft != NULL)
    _resell_item_page_reload_photos (self);
}

/* Stores new edits for @photo off the UI thread (the catalog writes a
 * copy taken now); the tiles are made again when it has landed, so the
 * preview follows.  The page's own photo takes them at once: a second turn
 * or the editor opened again before the write lands starts from these
 * edits, not the ones before. */
void
_resell_item_page_store_photo_edits (ResellItemPage *self,
                                     ResellPhoto    *photo,
                                     const char     *json)
{
  resell_photo_set_edits (photo, json);
  resell_catalog_update_photo_async (_resell_item_page_get_catalog (self), photo, NULL, _resell_item_page_photo_op_done, g_object_ref (self));
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
  if (_resell_item_page_get_catalog (self) == NULL || (photo = _resell_item_page_find_photo (self, *photo_id)) == NULL)
    return;

  if (g_strcmp0 (resell_photo_get_edits (photo), json) != 0)
    _resell_item_page_store_photo_edits (self, photo, json);
}

void
_resell_item_page_open_photo_editor (ResellItemPage *self,
                                     gint64          photo_id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  ResellPhotoEditor *editor;
  ResellPhoto *photo;

  if (_resell_item_page_get_catalog (self) == NULL || (photo = _resell_item_page_find_photo (self, photo_id)) == NULL)
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
on_photo_activated (ResellItemPage  *self,
                    GtkFlowBoxChild *child)
{
  ResellPhoto *photo = g_object_get_data (G_OBJECT (gtk_flow_box_child_get_child (child)), "photo");

  if (photo != NULL)
    _resell_item_page_open_photo_editor (self, resell_photo_get_id (photo));
}

void
resell_item_page_reload_photos (ResellItemPage *self)
{
  g_return_if_fail (RESELL_IS_ITEM_PAGE (self));
  _resell_item_page_reload_photos (self);
}


void
_resell_item_page_class_photos_init (ResellItemPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_bind_template_callback (widget_class, on_photo_activated);
}

/* Photos dropped anywhere on the page are imported into the item. */
void
_resell_item_page_photos_init (ResellItemPage *self)
{
  GtkDropTarget *drop;

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  g_signal_connect (drop, "enter", G_CALLBACK (on_drop_enter), self);
  g_signal_connect (drop, "leave", G_CALLBACK (on_drop_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}
