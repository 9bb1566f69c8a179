/* resell-item-page-actions.c — the item page's "item." actions: the SKU,
 * a photo's menu, and exporting listing images
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-item-page"

#include "config.h"

#include <glib/gi18n.h>

#include "item/resell-item-page-private.h"
#include "common/resell-ui-util.h"
#include "flaws/resell-flaw-editor.h"

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
  if (_resell_item_page_get_catalog (self) == NULL || (photo = _resell_item_page_find_photo (self, photo_id)) == NULL)
    return;

  edits = resell_photo_edits_from_json (resell_photo_get_edits (photo), NULL);
  if (edits == NULL)
    edits = resell_photo_edits_new ();
  edits->rotate = (edits->rotate + quarter) % 360;
  /* A crop was drawn on the old orientation; it no longer fits. */
  edits->has_crop = FALSE;
  json = resell_photo_edits_to_json (edits);

  _resell_item_page_store_photo_edits (self, photo, json);
}

static void
edit_photo_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  _resell_item_page_open_photo_editor (RESELL_ITEM_PAGE (widget), g_variant_get_int64 (param));
}

/* "item.mark-flaws" (a photo id) and "item.flaws" (the first photo). */
static void
mark_flaws_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  ResellItemPage *self = RESELL_ITEM_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  ResellFlawEditor *editor;

  if (self->draft == NULL || resell_item_get_id (self->draft) == 0 || _resell_item_page_get_catalog (self) == NULL)
    return;

  editor = resell_flaw_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->context, self->draft,
                                   param != NULL ? g_variant_get_int64 (param) : 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
remove_photo_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  ResellItemPage *self = RESELL_ITEM_PAGE (widget);
  ResellPhoto *photo;

  if (_resell_item_page_get_catalog (self) == NULL || (photo = _resell_item_page_find_photo (self, g_variant_get_int64 (param))) == NULL)
    return;

  /* The original file stays in the item's folder: only the row goes. */
  resell_catalog_remove_photo_async (_resell_item_page_get_catalog (self), resell_photo_get_id (photo),
                                     NULL, _resell_item_page_photo_op_done, g_object_ref (self));
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
    _resell_item_page_show_message (self, error->message);

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
void
_resell_item_page_fill_export_menu (ResellItemPage *self)
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
      _resell_item_page_show_message (self, error->message);
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


void
_resell_item_page_class_actions_init (ResellItemPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);


  gtk_widget_class_install_action (widget_class, "item.copy-sku", NULL, copy_sku_action);
  gtk_widget_class_install_action (widget_class, "item.export-listing", NULL, export_listing_action);
  gtk_widget_class_install_action (widget_class, "item.export-listing-for", "s", export_listing_action);
  gtk_widget_class_install_action (widget_class, "item.edit-photo", "x", edit_photo_action);
  gtk_widget_class_install_action (widget_class, "item.rotate-photo", "(xi)", rotate_photo_action);
  gtk_widget_class_install_action (widget_class, "item.remove-photo", "x", remove_photo_action);
  gtk_widget_class_install_action (widget_class, "item.mark-flaws", "x", mark_flaws_action);
  gtk_widget_class_install_action (widget_class, "item.flaws", NULL, mark_flaws_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "item.flaws", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "item.flaws", NULL);
  gtk_widget_class_install_action (widget_class, "item.cancel-export", NULL, cancel_export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "item.export-listing", NULL);
}
