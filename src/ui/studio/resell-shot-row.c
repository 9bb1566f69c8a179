/* resell-shot-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-shot-row"

#include "config.h"

#include <glib/gi18n.h>

#include "studio/resell-shot-row.h"

struct _ResellShotRow
{
  GtkListBoxRow        parent_instance;

  char                *shot_id;
  char                *label;
  char                *thumbnail_key;
  gboolean             required;
  gint64               photo_id;
  ResellShotRowStatus  status;

  /* Template children */
  GtkStack            *status_stack;
  GtkImage            *status_icon;
  GtkSpinner          *spinner;
  GtkStack            *thumb_stack;
  GtkImage            *thumbnail;
  GtkLabel            *title_label;
  GtkLabel            *caption_label;
  GtkLabel            *position_label;
};

G_DEFINE_FINAL_TYPE (ResellShotRow, resell_shot_row, GTK_TYPE_LIST_BOX_ROW)

static void
resell_shot_row_finalize (GObject *object)
{
  ResellShotRow *self = (ResellShotRow *)object;

  g_free (self->shot_id);
  g_free (self->label);
  g_free (self->thumbnail_key);

  G_OBJECT_CLASS (resell_shot_row_parent_class)->finalize (object);
}

static void
resell_shot_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RESELL_TYPE_SHOT_ROW);

  G_OBJECT_CLASS (resell_shot_row_parent_class)->dispose (object);
}

static void
resell_shot_row_class_init (ResellShotRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = resell_shot_row_finalize;
  object_class->dispose = resell_shot_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Resell/ui/resell-shot-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ResellShotRow, status_stack);
  gtk_widget_class_bind_template_child (widget_class, ResellShotRow, status_icon);
  gtk_widget_class_bind_template_child (widget_class, ResellShotRow, spinner);
  gtk_widget_class_bind_template_child (widget_class, ResellShotRow, thumb_stack);
  gtk_widget_class_bind_template_child (widget_class, ResellShotRow, thumbnail);
  gtk_widget_class_bind_template_child (widget_class, ResellShotRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, ResellShotRow, caption_label);
  gtk_widget_class_bind_template_child (widget_class, ResellShotRow, position_label);
}

static void
resell_shot_row_init (ResellShotRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static const char *
status_text (ResellShotRow *self)
{
  switch (self->status)
    {
    case RESELL_SHOT_ROW_DONE:    return _("Done");
    case RESELL_SHOT_ROW_FAILED:  return _("Check failed");
    case RESELL_SHOT_ROW_WORKING: return _("Arriving…");
    case RESELL_SHOT_ROW_EMPTY:
    default:
      if (self->shot_id == NULL)
        return _("Extra");
      return self->required ? _("Required") : _("Optional");
    }
}

static void
update_status (ResellShotRow *self)
{
  const char *icon;

  gtk_widget_remove_css_class (GTK_WIDGET (self), "done");
  gtk_widget_remove_css_class (GTK_WIDGET (self), "failed");

  switch (self->status)
    {
    case RESELL_SHOT_ROW_DONE:
      icon = "emblem-ok-symbolic";
      gtk_widget_add_css_class (GTK_WIDGET (self), "done");
      break;
    case RESELL_SHOT_ROW_FAILED:
      icon = "dialog-warning-symbolic";
      gtk_widget_add_css_class (GTK_WIDGET (self), "failed");
      break;
    case RESELL_SHOT_ROW_WORKING:
    case RESELL_SHOT_ROW_EMPTY:
    default:
      icon = "radio-symbolic";
      break;
    }

  gtk_image_set_from_icon_name (self->status_icon, icon);
  gtk_spinner_set_spinning (self->spinner, self->status == RESELL_SHOT_ROW_WORKING);
  gtk_stack_set_visible_child (self->status_stack,
                               self->status == RESELL_SHOT_ROW_WORKING ? GTK_WIDGET (self->spinner)
                                                                       : GTK_WIDGET (self->status_icon));
  gtk_label_set_label (self->caption_label, status_text (self));
  /* Screen readers hear the shot's name, then how it stands. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, status_text (self),
                                  -1);
}

ResellShotRow *
resell_shot_row_new (const char *shot_id,
                     const char *label,
                     gboolean    required,
                     gint64      photo_id)
{
  ResellShotRow *self = g_object_new (RESELL_TYPE_SHOT_ROW, NULL);

  self->shot_id = g_strdup (shot_id);
  self->label = g_strdup (label);
  self->required = required;
  self->photo_id = photo_id;
  gtk_label_set_label (self->title_label, label);
  if (required)
    gtk_widget_add_css_class (GTK_WIDGET (self), "required");
  update_status (self);
  return self;
}

const char *
resell_shot_row_get_shot_id (ResellShotRow *self)
{
  g_return_val_if_fail (RESELL_IS_SHOT_ROW (self), NULL);
  return self->shot_id;
}

const char *
resell_shot_row_get_label (ResellShotRow *self)
{
  g_return_val_if_fail (RESELL_IS_SHOT_ROW (self), NULL);
  return self->label;
}

gboolean
resell_shot_row_get_required (ResellShotRow *self)
{
  g_return_val_if_fail (RESELL_IS_SHOT_ROW (self), FALSE);
  return self->required;
}

gint64
resell_shot_row_get_photo_id (ResellShotRow *self)
{
  g_return_val_if_fail (RESELL_IS_SHOT_ROW (self), 0);
  return self->photo_id;
}

ResellShotRowStatus
resell_shot_row_get_status (ResellShotRow *self)
{
  g_return_val_if_fail (RESELL_IS_SHOT_ROW (self), RESELL_SHOT_ROW_EMPTY);
  return self->status;
}

void
resell_shot_row_set_status (ResellShotRow       *self,
                            ResellShotRowStatus  status)
{
  g_return_if_fail (RESELL_IS_SHOT_ROW (self));

  if (self->status == status)
    return;
  self->status = status;
  update_status (self);
}

void
resell_shot_row_set_position (ResellShotRow *self,
                              int            position)
{
  g_autofree char *text = NULL;

  g_return_if_fail (RESELL_IS_SHOT_ROW (self));

  if (position > 0)
    /* Translators: a photo's place in the item's photo order, e.g. "#3" */
    text = g_strdup_printf (_("#%d"), position);
  gtk_label_set_label (self->position_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->position_label), text != NULL);
}

void
resell_shot_row_set_thumbnail (ResellShotRow *self,
                               GdkPaintable  *paintable)
{
  g_return_if_fail (RESELL_IS_SHOT_ROW (self));

  gtk_image_set_from_paintable (self->thumbnail, paintable);
  gtk_stack_set_visible_child_name (self->thumb_stack, paintable != NULL ? "photo" : "placeholder");
}

const char *
resell_shot_row_get_thumbnail_key (ResellShotRow *self)
{
  g_return_val_if_fail (RESELL_IS_SHOT_ROW (self), NULL);
  return self->thumbnail_key;
}

void
resell_shot_row_set_thumbnail_key (ResellShotRow *self,
                                   const char    *key)
{
  g_return_if_fail (RESELL_IS_SHOT_ROW (self));

  if (g_strcmp0 (self->thumbnail_key, key) == 0)
    return;
  g_free (self->thumbnail_key);
  self->thumbnail_key = g_strdup (key);
  if (key == NULL)
    resell_shot_row_set_thumbnail (self, NULL);
}
