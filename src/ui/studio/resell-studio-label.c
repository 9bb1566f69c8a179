/* resell-studio-label.c — the first photo of a shoot read for an item's
 * label, and the offer to shoot that item instead
 *
 * A station shooting a pile of labelled items photographs each label
 * first.  When that photo shows the SKU label of another item of the
 * catalog, a bar offers to switch the studio to it; the label photo then
 * leaves the item it landed in (it shows a label, not the product).
 *
 * Only the first photo of a shoot is read, and the one after the photo
 * that completed the shot list (the next item's label, in a pile): zbar
 * on a full-size photo is not free, and the other photos are the
 * product's.  The reading runs in the
 * core's GTask thread (documents/resell-qr-scan.c); the studio only starts
 * it and shows what it found.  The studio does not know the categories:
 * it asks its owner to open the other item with "switch-item".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-studio"

#include "config.h"

#include <glib/gi18n.h>

#include "studio/resell-studio-private.h"
#include "common/resell-ui-util.h"
#include "documents/resell-qr-scan.h"

enum {
  SWITCH_ITEM,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
hide_offer (ResellStudio *self)
{
  g_clear_object (&self->label_item);
  self->label_photo_id = 0;
  gtk_revealer_set_reveal_child (self->label_revealer, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "studio.switch-to-label", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "studio.keep-shooting", FALSE);
}

/* A closed revealer keeps its child's text, which assistive technology
 * would still read: the offer is emptied once the bar has slid away. */
static void
on_label_revealed (ResellStudio *self)
{
  if (!gtk_revealer_get_child_revealed (self->label_revealer) && self->label_item == NULL)
    {
      gtk_label_set_label (self->label_offer_label, "");
      gtk_button_set_label (self->label_switch_button, "");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->label_switch_button), GTK_ACCESSIBLE_PROPERTY_LABEL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->label_switch_button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

void
_resell_studio_label_init (ResellStudio *self)
{
  g_signal_connect_swapped (self->label_revealer, "notify::child-revealed",
                            G_CALLBACK (on_label_revealed), self);
  _resell_studio_label_reset (self);
}

void
_resell_studio_label_reset (ResellStudio *self)
{
  self->scan_next_shot = TRUE;
  self->list_complete = FALSE;
  hide_offer (self);
}

gboolean
_resell_studio_label_offer_shown (ResellStudio *self)
{
  return self->label_item != NULL;
}

static void
show_offer (ResellStudio *self,
            ResellItem   *item,
            gint64        photo_id)
{
  const char *sku = resell_item_get_sku (item);
  g_autofree char *title = resell_item_dup_display_title (item);
  g_autofree char *text = NULL;
  g_autofree char *button = NULL;

  g_set_object (&self->label_item, item);
  self->label_photo_id = photo_id;

  if (g_strcmp0 (title, sku) != 0)
    /* Translators: the first %s is an item's SKU, the second its title */
    text = g_strdup_printf (_("This photo shows the label of %s (%s). Shoot that item instead?"), sku, title);
  else
    /* Translators: %s is an item's SKU */
    text = g_strdup_printf (_("This photo shows the label of %s. Shoot that item instead?"), sku);
  /* Translators: %s is an item's SKU; a button of the studio */
  button = g_strdup_printf (_("Switch to %s"), sku);

  gtk_label_set_label (self->label_offer_label, text);
  gtk_button_set_label (self->label_switch_button, button);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->label_switch_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, button,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->label_keep_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Keep Shooting Here"),
                                  -1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "studio.switch-to-label", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "studio.keep-shooting", TRUE);
  gtk_revealer_set_reveal_child (self->label_revealer, TRUE);
}

typedef struct
{
  ResellStudio *self;
  gint64        item_id;   /* the item shown when the photo arrived */
  gint64        photo_id;
} ScanJob;

static void
scan_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  ScanJob *job = user_data;
  g_autoptr(ResellStudio) self = job->self;
  gint64 item_id = job->item_id;
  gint64 photo_id = job->photo_id;
  g_autoptr(ResellItem) item = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sku = NULL;
  ResellItem *shown;

  g_free (job);
  sku = resell_qr_scan_file_finish (result, &item, &error);

  if (self->session == NULL)   /* disposed */
    return;

  if (sku == NULL)
    {
      /* A photo that cannot be read was reported by its checks already. */
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No label read: %s", error->message);
      return;
    }

  /* The studio has moved on to another item meanwhile (its cancellable
   * was cancelled, but the result may have been on its way). */
  shown = _resell_studio_get_item (self);
  if (shown == NULL || resell_item_get_id (shown) != item_id || item == NULL)
    return;

  if (resell_item_get_id (item) == item_id)
    {
      resell_ui_show_toast (GTK_WIDGET (self), _("Label recognised: this is the item shown"));
      return;
    }

  show_offer (self, item, photo_id);
}

void
_resell_studio_label_photo_attached (ResellStudio *self,
                                     ResellPhoto  *photo,
                                     const char   *path)
{
  ResellShotPlan *plan = resell_capture_session_get_plan (self->session);
  gboolean was_complete = self->list_complete;
  ScanJob *job;

  if (self->catalog == NULL || photo == NULL || path == NULL || _resell_studio_get_item (self) == NULL ||
      resell_photo_get_item_id (photo) != resell_item_get_id (_resell_studio_get_item (self)))
    return;

  /* The photo after the one that completed the shot list is a new shoot
   * too: a station shooting a pile photographs the next item's label
   * there.  Only that one: extra detail shots after it are not read. */
  self->list_complete = resell_shot_plan_get_n_shots (plan) > 0 &&
                        resell_shot_plan_get_n_filled (plan) == resell_shot_plan_get_n_shots (plan);
  if (!self->scan_next_shot)
    {
      self->scan_next_shot = self->list_complete && !was_complete;
      return;
    }

  self->scan_next_shot = FALSE;

  job = g_new0 (ScanJob, 1);
  job->self = g_object_ref (self);
  job->item_id = resell_photo_get_item_id (photo);
  job->photo_id = resell_photo_get_id (photo);
  /* Cancelled when the studio leaves the item. */
  resell_qr_scan_file_async (path, self->catalog, self->cancellable, scan_done_cb, job);
}

static void
label_photo_removed_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(ResellStudio) self = user_data;
  g_autoptr(GError) error = NULL;

  /* Gone already (retaken, or removed from the item page): as wanted. */
  if (!resell_catalog_remove_photo_finish (RESELL_CATALOG (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      !g_error_matches (error, RESELL_CATALOG_ERROR, RESELL_CATALOG_ERROR_NOT_FOUND))
    _resell_studio_show_message (self, error->message);
}

static void
switch_to_label_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  ResellStudio *self = RESELL_STUDIO (widget);
  g_autoptr(ResellItem) item = NULL;

  if (self->label_item == NULL)
    return;

  item = g_object_ref (self->label_item);

  /* The label photo leaves the item it landed in; its file stays in that
   * item's folder, as every removed photo's does.  Not tied to the item
   * shown: the studio changes item at once. */
  if (self->catalog != NULL && self->label_photo_id > 0)
    resell_catalog_remove_photo_async (self->catalog, self->label_photo_id, self->attach_cancellable,
                                       label_photo_removed_cb, g_object_ref (self));
  hide_offer (self);

  g_signal_emit (self, signals[SWITCH_ITEM], 0, item);
}

static void
keep_shooting_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  ResellStudio *self = RESELL_STUDIO (widget);

  hide_offer (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->capture_button));
}

void
_resell_studio_class_label_init (ResellStudioClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /**
   * ResellStudio::switch-item:
   * @item: the item whose label was photographed
   *
   * The seller chose to shoot @item instead: the owner opens the studio
   * on it (it knows the item's category).
   */
  signals[SWITCH_ITEM] =
    g_signal_new ("switch-item",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, RESELL_TYPE_ITEM);

  gtk_widget_class_install_action (widget_class, "studio.switch-to-label", NULL, switch_to_label_action);
  gtk_widget_class_install_action (widget_class, "studio.keep-shooting", NULL, keep_shooting_action);
}
