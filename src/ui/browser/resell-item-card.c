/* resell-item-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-item-card"

#include "config.h"

#include <glib/gi18n.h>

#include "browser/resell-item-card.h"
#include "common/resell-thumbnail-loader.h"

struct _ResellItemCard
{
  GtkWidget          parent_instance;

  ResellItem        *item;
  ResellThumbnailer *thumbnailer;
  GCancellable      *cancellable;
  gulong             notify_id;

  GtkWidget         *box;
  GtkStack          *picture_stack;
  GtkPicture        *picture;
  GtkLabel          *title_label;
  GtkLabel          *subtitle_label;
};

G_DEFINE_FINAL_TYPE (ResellItemCard, resell_item_card, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ITEM,
  PROP_THUMBNAILER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
thumbnail_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  ResellItemCard *self;

  texture = resell_thumbnail_load_finish (result, &error);
  if (texture == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No thumbnail: %s", error->message);
      return;
    }

  self = RESELL_ITEM_CARD (user_data);
  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
  gtk_stack_set_visible_child_name (self->picture_stack, "picture");
}

static void
update_picture (ResellItemCard *self)
{
  const char *sha256 = self->item ? resell_item_get_cover_sha256 (self->item) : NULL;
  GdkTexture *cached;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (sha256 == NULL || self->thumbnailer == NULL)
    {
      gtk_picture_set_paintable (self->picture, NULL);
      gtk_stack_set_visible_child_name (self->picture_stack, "placeholder");
      return;
    }

  if ((cached = resell_thumbnail_lookup (sha256)))
    {
      gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (cached));
      gtk_stack_set_visible_child_name (self->picture_stack, "picture");
      return;
    }

  gtk_picture_set_paintable (self->picture, NULL);
  gtk_stack_set_visible_child_name (self->picture_stack, "placeholder");

  /* The callback only runs while the card lives: cancelling on rebind and
   * dispose guarantees it (GTask returns "cancelled" then, and we ignore it). */
  self->cancellable = g_cancellable_new ();
  resell_thumbnail_load_async (self->thumbnailer,
                               resell_item_get_cover_path (self->item),
                               sha256, self->cancellable,
                               thumbnail_loaded_cb, self);
}

static void
update_labels (ResellItemCard *self)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  ResellCondition condition;

  if (self->item == NULL)
    return;

  title = resell_item_dup_display_title (self->item);
  /* Translators: an item's SKU and its state, e.g. "RS-261123-001 · Draft" */
  subtitle = g_strdup_printf (_("%s · %s"),
                              resell_item_get_sku (self->item),
                              resell_item_state_get_label (resell_item_get_state (self->item)));

  /* The grade kept with the item, when it has one: a seller scanning the
   * grid sees which items still need grading. */
  if (resell_condition_from_id (resell_item_get_grade (self->item), &condition))
    {
      char *with_grade;

      /* Translators: the card's subtitle and the item's grade, e.g. "RS-261123-001 · Draft · Very good" */
      with_grade = g_strdup_printf (_("%s · %s"), subtitle, resell_condition_get_label (condition));
      g_free (subtitle);
      subtitle = with_grade;
    }

  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->subtitle_label, subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
}

static void
on_item_notify (ResellItemCard *self,
                GParamSpec     *pspec)
{
  update_labels (self);
  if (g_str_equal (pspec->name, "cover-sha256"))
    update_picture (self);
}

void
resell_item_card_set_item (ResellItemCard *self,
                           ResellItem     *item)
{
  g_return_if_fail (RESELL_IS_ITEM_CARD (self));

  if (self->item == item)
    return;

  if (self->item != NULL)
    g_clear_signal_handler (&self->notify_id, self->item);

  g_set_object (&self->item, item);

  if (item != NULL)
    self->notify_id = g_signal_connect_object (item, "notify", G_CALLBACK (on_item_notify),
                                               self, G_CONNECT_SWAPPED);

  update_labels (self);
  update_picture (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

ResellItem *
resell_item_card_get_item (ResellItemCard *self)
{
  g_return_val_if_fail (RESELL_IS_ITEM_CARD (self), NULL);
  return self->item;
}

static void
resell_item_card_dispose (GObject *object)
{
  ResellItemCard *self = (ResellItemCard *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->item != NULL)
    g_clear_signal_handler (&self->notify_id, self->item);
  g_clear_object (&self->item);
  g_clear_object (&self->thumbnailer);

  gtk_widget_dispose_template (GTK_WIDGET (self), RESELL_TYPE_ITEM_CARD);

  G_OBJECT_CLASS (resell_item_card_parent_class)->dispose (object);
}

static void
resell_item_card_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ResellItemCard *self = RESELL_ITEM_CARD (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    case PROP_THUMBNAILER:
      g_value_set_object (value, self->thumbnailer);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_item_card_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ResellItemCard *self = RESELL_ITEM_CARD (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      resell_item_card_set_item (self, g_value_get_object (value));
      break;
    case PROP_THUMBNAILER:
      self->thumbnailer = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_item_card_class_init (ResellItemCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = resell_item_card_dispose;
  object_class->get_property = resell_item_card_get_property;
  object_class->set_property = resell_item_card_set_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, RESELL_TYPE_ITEM,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_THUMBNAILER] =
    g_param_spec_object ("thumbnailer", NULL, NULL, RESELL_TYPE_THUMBNAILER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Resell/ui/resell-item-card.ui");
  gtk_widget_class_bind_template_child (widget_class, ResellItemCard, box);
  gtk_widget_class_bind_template_child (widget_class, ResellItemCard, picture_stack);
  gtk_widget_class_bind_template_child (widget_class, ResellItemCard, picture);
  gtk_widget_class_bind_template_child (widget_class, ResellItemCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, ResellItemCard, subtitle_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
resell_item_card_init (ResellItemCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
resell_item_card_new (ResellThumbnailer *thumbnailer)
{
  return g_object_new (RESELL_TYPE_ITEM_CARD, "thumbnailer", thumbnailer, NULL);
}
