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
  ResellItemPage       *self;
  ResellListingProfile *profile;
  GPtrArray            *photos;      /* ResellPhoto: the item's, as the export started */
  GPtrArray            *flaws;       /* ResellFlaw, once listed */
  GHashTable           *exclude_photos; /* gint64 ids the seller left out */
  GHashTable           *exclude_flaws;
  gboolean              ring;        /* a ring round each flaw on its close-up */
  GPtrArray            *jobs;
  char                 *folder_path;
  char                 *folder_uri;
  char                 *title;
  char                 *sku;
  guint                 skipped;     /* left out by the seller */
} ExportRun;

static void
export_run_free (ExportRun *run)
{
  g_object_unref (run->self);
  g_clear_object (&run->profile);
  g_clear_pointer (&run->photos, g_ptr_array_unref);
  g_clear_pointer (&run->flaws, g_ptr_array_unref);
  g_clear_pointer (&run->exclude_photos, g_hash_table_unref);
  g_clear_pointer (&run->exclude_flaws, g_hash_table_unref);
  g_clear_pointer (&run->jobs, g_ptr_array_unref);
  g_free (run->folder_path);
  g_free (run->folder_uri);
  g_free (run->title);
  g_free (run->sku);
  g_free (run);
}

/* The page is free to start another export. */
static void
export_ended (ResellItemPage *self)
{
  g_clear_object (&self->exporter);
  g_clear_pointer (&self->export_title, g_free);
  gtk_revealer_set_reveal_child (self->export_revealer, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "item.export-listing", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "item.export-listing-for", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "item.cancel-export", FALSE);
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

  export_ended (self);

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
        /* Translators: the first %u counts saved images, the second the photos and close-ups the seller left out */
        message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%u listing images saved; %u left out as chosen",
                                                "%u listing images saved; %u left out as chosen",
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
run_export (ExportRun *run)
{
  ResellItemPage *self = run->self;

  g_free (self->export_title);
  self->export_title = g_strdup (run->title);
  update_export_progress (self);
  gtk_progress_bar_set_fraction (self->export_progress, 0.0);
  gtk_revealer_set_reveal_child (self->export_revealer, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "item.cancel-export", TRUE);

  resell_listing_exporter_run_async (self->exporter, run->jobs, self->export_cancellable, export_done_cb, run);
}

/* The exporter's plan with what the seller left out; returns what is still
 * over the marketplace's limit. */
static GPtrArray *
plan_export (ExportRun *run)
{
  g_autoptr(GPtrArray) over = NULL;
  g_autofree char *prefix = g_strconcat (run->sku, "-", NULL);

  g_clear_pointer (&run->jobs, g_ptr_array_unref);
  /* Marketplaces show photos in file-name order: the plan numbers them. */
  run->jobs = resell_listing_exporter_plan_item (run->self->exporter, run->photos, run->flaws,
                                                 run->exclude_photos, run->exclude_flaws, run->ring,
                                                 run->folder_path, prefix, &over);
  run->skipped = g_hash_table_size (run->exclude_photos) + g_hash_table_size (run->exclude_flaws);
  return g_steal_pointer (&over);
}

/* The leave-out dialog: one check button per photo and per close-up, all
 * in at first, so nothing is dropped unless the seller says so. */
typedef struct
{
  ExportRun     *run;
  AdwMessageDialog *dialog;
  GtkLabel      *count_label;
  GtkCheckButton *ring_check;
  GPtrArray     *photo_checks;   /* GtkCheckButton per run->photos */
  GPtrArray     *flaw_checks;    /* GtkCheckButton per run->flaws, NULL where it has no photo */
} LeaveOut;

static void
leave_out_free (LeaveOut *leave)
{
  if (leave->run != NULL)
    export_run_free (leave->run);
  g_ptr_array_unref (leave->photo_checks);
  g_ptr_array_unref (leave->flaw_checks);
  g_free (leave);
}

static int
photo_index (GPtrArray *photos,
             gint64     photo_id)
{
  for (guint i = 0; i < photos->len; i++)
    if (resell_photo_get_id (g_ptr_array_index (photos, i)) == photo_id)
      return (int) i;
  return -1;
}

static void
leave_out_update (LeaveOut *leave)
{
  guint max_photos = resell_listing_profile_get_max_photos (leave->run->profile);
  guint n = 0;
  g_autofree char *text = NULL;

  for (guint i = 0; i < leave->photo_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (leave->photo_checks, i)))
      n++;
  for (guint i = 0; i < leave->flaw_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (leave->flaw_checks, i);
      ResellFlaw *flaw = g_ptr_array_index (leave->run->flaws, i);
      int photo;

      if (check == NULL)
        continue;
      /* A close-up goes with its photo. */
      photo = photo_index (leave->run->photos, resell_flaw_get_photo_id (flaw));
      gtk_widget_set_sensitive (GTK_WIDGET (check),
                                gtk_check_button_get_active (g_ptr_array_index (leave->photo_checks, photo)));
      if (gtk_widget_get_sensitive (GTK_WIDGET (check)) && gtk_check_button_get_active (check))
        n++;
    }

  if (n > max_photos)
    /* Translators: "26 of at most 24 photos: leave out 2 more" */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u of at most %u photos: leave out %u more",
                                         "%u of at most %u photos: leave out %u more",
                                         n - max_photos),
                            n, max_photos, n - max_photos);
  else
    /* Translators: "24 of at most 24 photos" */
    text = g_strdup_printf (_("%u of at most %u photos"), n, max_photos);
  gtk_label_set_label (leave->count_label, text);
  adw_message_dialog_set_response_enabled (leave->dialog, "export", n > 0 && n <= max_photos);
}

static void
leave_out_response (AdwMessageDialog *dialog,
                    const char       *response,
                    LeaveOut         *leave)
{
  ExportRun *run = leave->run;
  g_autoptr(GPtrArray) over = NULL;

  if (run->self->export_cancellable == NULL)   /* the page is gone */
    return;
  if (g_strcmp0 (response, "export") != 0)
    {
      export_ended (run->self);
      return;
    }

  for (guint i = 0; i < leave->photo_checks->len; i++)
    if (!gtk_check_button_get_active (g_ptr_array_index (leave->photo_checks, i)))
      {
        gint64 id = resell_photo_get_id (g_ptr_array_index (run->photos, i));

        g_hash_table_add (run->exclude_photos, g_memdup2 (&id, sizeof id));
      }
  for (guint i = 0; i < leave->flaw_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (leave->flaw_checks, i);

      if (check != NULL && !gtk_check_button_get_active (check))
        {
          gint64 id = resell_flaw_get_id (g_ptr_array_index (run->flaws, i));

          g_hash_table_add (run->exclude_flaws, g_memdup2 (&id, sizeof id));
        }
    }
  run->ring = gtk_check_button_get_active (leave->ring_check);

  over = plan_export (run);
  /* The dialog allowed it only within the limit; the plan agrees. */
  g_warn_if_fail (over->len == 0);
  leave->run = NULL;
  run_export (run);
}

static void
ask_what_to_leave_out (ExportRun *run)
{
  ResellItemPage *self = run->self;
  ResellCategory *category = _resell_item_page_get_selected_category (self);
  LeaveOut *leave = g_new0 (LeaveOut, 1);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *box, *scroller, *list, *label, *ring;
  GtkWidget *dialog;

  leave->run = run;
  leave->photo_checks = g_ptr_array_new ();
  leave->flaw_checks = g_ptr_array_new ();

  /* Translators: %s is a marketplace, e.g. "eBay" */
  heading = g_strdup_printf (_("Too Many Photos for %s"), resell_listing_profile_get_name (run->profile));
  /* Translators: %s is a marketplace, %d its photo limit */
  body = g_strdup_printf (_("%s takes at most %d photos per listing, counting a close-up of each flaw. "
                            "Choose which to leave out."),
                          resell_listing_profile_get_name (run->profile),
                          resell_listing_profile_get_max_photos (run->profile));
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading, body);
  leave->dialog = ADW_MESSAGE_DIALOG (dialog);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 240);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 360);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  gtk_box_append (GTK_BOX (box), scroller);

  for (guint i = 0; i < run->photos->len; i++)
    {
      ResellPhoto *photo = g_ptr_array_index (run->photos, i);
      const char *slot = resell_photo_get_slot (photo);
      const ResellShot *shot = category != NULL && slot != NULL ? resell_category_find_shot (category, slot) : NULL;
      g_autofree char *text = NULL;
      GtkWidget *check;

      /* Translators: a photo in the list of what to leave out: "Photo 3 · Back" */
      text = g_strdup_printf (_("Photo %u · %s"), i + 1, shot != NULL ? shot->label : _("Extra"));
      check = gtk_check_button_new_with_label (text);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (leave_out_update), leave);
      gtk_box_append (GTK_BOX (list), check);
      g_ptr_array_add (leave->photo_checks, check);
    }
  for (guint i = 0; i < run->flaws->len; i++)
    {
      ResellFlaw *flaw = g_ptr_array_index (run->flaws, i);
      int photo = photo_index (run->photos, resell_flaw_get_photo_id (flaw));
      const ResellFlawType *type = category != NULL ? resell_category_find_flaw_type (category, resell_flaw_get_type_id (flaw)) : NULL;
      g_autofree char *text = NULL;
      GtkWidget *check;

      if (photo < 0)
        {
          g_ptr_array_add (leave->flaw_checks, NULL);
          continue;
        }
      /* Translators: a flaw's close-up in the list of what to leave out: "Close-up · Stain, Major (photo 3)" */
      text = g_strdup_printf (_("Close-up · %s, %s (photo %d)"),
                              type != NULL ? type->label : resell_flaw_get_type_id (flaw),
                              resell_flaw_severity_get_label (resell_flaw_get_severity (flaw)),
                              photo + 1);
      check = gtk_check_button_new_with_label (text);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (leave_out_update), leave);
      gtk_box_append (GTK_BOX (list), check);
      g_ptr_array_add (leave->flaw_checks, check);
    }

  label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  leave->count_label = GTK_LABEL (label);
  gtk_box_append (GTK_BOX (box), label);

  ring = gtk_check_button_new_with_mnemonic (_("Mark Each Flaw With a _Ring"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (ring), run->ring);
  leave->ring_check = GTK_CHECK_BUTTON (ring);
  gtk_box_append (GTK_BOX (box), ring);

  adw_message_dialog_set_extra_child (leave->dialog, box);
  adw_message_dialog_add_responses (leave->dialog, "cancel", _("_Cancel"), "export", _("_Export"), NULL);
  adw_message_dialog_set_response_appearance (leave->dialog, "export", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (leave->dialog, "export");
  adw_message_dialog_set_close_response (leave->dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (leave_out_response), leave);
  g_object_set_data_full (G_OBJECT (dialog), "resell-leave-out", leave, (GDestroyNotify) leave_out_free);
  leave_out_update (leave);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_flaws_listed_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  ExportRun *run = user_data;
  ResellItemPage *self = run->self;
  g_autoptr(GPtrArray) over = NULL;
  g_autoptr(GError) error = NULL;

  run->flaws = resell_catalog_list_flaws_finish (RESELL_CATALOG (object), result, &error);
  if (self->export_cancellable == NULL)   /* the page is gone */
    {
      export_run_free (run);
      return;
    }
  if (run->flaws == NULL)
    {
      export_ended (self);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _resell_item_page_show_message (self, error->message);
      export_run_free (run);
      return;
    }

  over = plan_export (run);
  if (over->len > 0)
    ask_what_to_leave_out (run);
  else
    run_export (run);
}

static void
start_export (ResellItemPage       *self,
              ResellListingProfile *profile,
              GFile                *folder)
{
  ResellCatalog *catalog = _resell_item_page_get_catalog (self);
  ExportRun *run;

  if (self->draft == NULL || self->photos == NULL || self->exporter != NULL || catalog == NULL)
    return;

  if (self->photos->len == 0)
    {
      resell_ui_show_toast (GTK_WIDGET (self), _("This item has no photos yet"));
      return;
    }

  run = g_new0 (ExportRun, 1);
  run->folder_path = g_file_get_path (folder);
  if (run->folder_path == NULL)
    {
      g_free (run);
      resell_ui_show_toast (GTK_WIDGET (self), _("Listing images can only be saved to a local folder"));
      return;
    }

  run->self = g_object_ref (self);
  run->profile = g_object_ref (profile);
  /* The photos as they are now: the page may show another item meanwhile. */
  run->photos = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->photos->len; i++)
    g_ptr_array_add (run->photos, g_object_ref (g_ptr_array_index (self->photos, i)));
  run->exclude_photos = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  run->exclude_flaws = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  run->ring = TRUE;
  run->folder_uri = g_file_get_uri (folder);
  run->title = resell_item_dup_display_title (self->draft);
  run->sku = g_strdup (resell_item_get_sku (self->draft));

  /* The exporter is made now: it owns the plan's photo limit, and its
   * being there keeps a second export from starting meanwhile. */
  self->exporter = resell_listing_exporter_new (resell_thumbnailer_get_cache_dir (self->thumbnailer), profile, 0);
  if (self->settings != NULL)
    resell_listing_exporter_set_copyright (self->exporter, resell_settings_get_copyright (self->settings));
  g_signal_connect_object (self->exporter, "notify::n-done", G_CALLBACK (update_export_progress), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->exporter, "notify::n-total", G_CALLBACK (update_export_progress), self, G_CONNECT_SWAPPED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "item.export-listing", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "item.export-listing-for", FALSE);

  /* Each flaw's close-up follows the photos. */
  g_cancellable_reset (self->export_cancellable);
  resell_catalog_list_flaws_async (catalog, resell_item_get_id (self->draft), self->export_cancellable,
                                   export_flaws_listed_cb, run);
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
