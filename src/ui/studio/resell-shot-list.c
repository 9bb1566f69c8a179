/* resell-shot-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-shot-list"

#include "config.h"

#include <glib/gi18n.h>

#include "studio/resell-shot-list.h"
#include "common/resell-thumbnail-loader.h"

struct _ResellShotList
{
  AdwBin                parent_instance;

  ResellCaptureSession *session;
  ResellThumbnailer    *thumbnailer;
  ResellShotRow        *current;

  /* Template children */
  GtkListBox           *list;
};

G_DEFINE_FINAL_TYPE (ResellShotList, resell_shot_list, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_THUMBNAILER,
  PROP_CURRENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static ResellShotPlan *
get_plan (ResellShotList *self)
{
  return resell_capture_session_get_plan (self->session);
}

ResellShotRow *
resell_shot_list_get_current (ResellShotList *self)
{
  g_return_val_if_fail (RESELL_IS_SHOT_LIST (self), NULL);
  return self->current;
}

ResellShotRow *
resell_shot_list_get_row (ResellShotList *self,
                          int             index)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (RESELL_IS_SHOT_LIST (self), NULL);

  row = index >= 0 ? gtk_list_box_get_row_at_index (self->list, index) : NULL;
  return row ? RESELL_SHOT_ROW (row) : NULL;
}

ResellPhoto *
resell_shot_list_photo_for_row (ResellShotList *self,
                                ResellShotRow  *row)
{
  g_return_val_if_fail (RESELL_IS_SHOT_LIST (self), NULL);

  if (row == NULL || self->session == NULL)
    return NULL;
  if (resell_shot_row_get_shot_id (row) == NULL)
    return resell_shot_plan_photo_by_id (get_plan (self), resell_shot_row_get_photo_id (row));
  return resell_shot_plan_photo_for_slot (get_plan (self), resell_shot_row_get_shot_id (row));
}

ResellShotRow *
resell_shot_list_row_for_slot (ResellShotList *self,
                               const char     *slot)
{
  g_return_val_if_fail (RESELL_IS_SHOT_LIST (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (RESELL_IS_SHOT_ROW (child) && resell_shot_row_get_shot_id (RESELL_SHOT_ROW (child)) != NULL &&
        g_strcmp0 (resell_shot_row_get_shot_id (RESELL_SHOT_ROW (child)), slot) == 0)
      return RESELL_SHOT_ROW (child);
  return NULL;
}

ResellShotRow *
resell_shot_list_row_for_photo (ResellShotList *self,
                                ResellPhoto    *photo)
{
  const char *slot;

  g_return_val_if_fail (RESELL_IS_SHOT_LIST (self), NULL);
  g_return_val_if_fail (RESELL_IS_PHOTO (photo), NULL);

  slot = resell_photo_get_slot (photo);
  if (slot != NULL && resell_shot_list_row_for_slot (self, slot) != NULL)
    return resell_shot_list_row_for_slot (self, slot);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (RESELL_IS_SHOT_ROW (child) &&
        resell_shot_row_get_photo_id (RESELL_SHOT_ROW (child)) == resell_photo_get_id (photo))
      return RESELL_SHOT_ROW (child);
  return NULL;
}

ResellShotRow *
resell_shot_list_next_unfilled (ResellShotList *self,
                                ResellShotRow  *row)
{
  const char *next;

  g_return_val_if_fail (RESELL_IS_SHOT_LIST (self), NULL);

  if (self->session == NULL)
    return NULL;
  next = resell_shot_plan_next_open (get_plan (self), row ? resell_shot_row_get_shot_id (row) : NULL);
  return next ? resell_shot_list_row_for_slot (self, next) : NULL;
}

/* Rows */

typedef struct
{
  GWeakRef  row;
  char     *key;
} ThumbJob;

static void
thumb_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ThumbJob *job = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ResellShotRow) row = NULL;

  texture = resell_thumbnail_load_finish (result, &error);
  row = g_weak_ref_get (&job->row);

  if (texture != NULL && row != NULL &&
      g_strcmp0 (resell_shot_row_get_thumbnail_key (row), job->key) == 0)
    resell_shot_row_set_thumbnail (row, GDK_PAINTABLE (texture));
  else if (texture == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("No thumbnail: %s", error->message);

  g_weak_ref_clear (&job->row);
  g_free (job->key);
  g_free (job);
}

static void
update_row (ResellShotList *self,
            ResellShotRow  *row,
            GCancellable   *cancellable)
{
  ResellPhoto *photo = resell_shot_list_photo_for_row (self, row);
  const char *slot = resell_shot_row_get_shot_id (row);
  const char *sha = photo ? resell_photo_get_sha256 (photo) : NULL;

  if (resell_shot_plan_is_claimed (get_plan (self), slot))
    resell_shot_row_set_status (row, RESELL_SHOT_ROW_WORKING);
  else if (photo == NULL)
    resell_shot_row_set_status (row, RESELL_SHOT_ROW_EMPTY);
  else
    resell_shot_row_set_status (row, resell_capture_session_photo_failed (self->session, photo)
                                     ? RESELL_SHOT_ROW_FAILED : RESELL_SHOT_ROW_DONE);

  resell_shot_row_set_position (row, photo ? resell_shot_plan_photo_index (get_plan (self), photo) + 1 : 0);

  if (g_strcmp0 (resell_shot_row_get_thumbnail_key (row), sha) != 0)
    {
      GdkTexture *cached = resell_thumbnail_lookup (sha);

      resell_shot_row_set_thumbnail_key (row, sha);
      if (cached != NULL)
        resell_shot_row_set_thumbnail (row, GDK_PAINTABLE (cached));
      else if (photo != NULL && self->thumbnailer != NULL)
        {
          ThumbJob *job = g_new0 (ThumbJob, 1);

          g_weak_ref_init (&job->row, row);
          job->key = g_strdup (sha);
          resell_thumbnail_load_async (self->thumbnailer, resell_photo_get_path (photo), sha,
                                       cancellable, thumb_loaded_cb, job);
        }
    }
}

/* Extra photos get a row each, after the category's shots, in the item's
 * photo order.  Rebuilt only when the set of extras changed. */
static void
sync_extra_rows (ResellShotList *self)
{
  g_autoptr(GPtrArray) extras = resell_shot_plan_dup_extras (get_plan (self));
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  gint64 current_id = 0;
  gboolean same = TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (RESELL_IS_SHOT_ROW (child) && resell_shot_row_get_shot_id (RESELL_SHOT_ROW (child)) == NULL)
      g_ptr_array_add (rows, child);

  if (rows->len != extras->len)
    same = FALSE;
  for (guint i = 0; same && i < rows->len; i++)
    same = resell_shot_row_get_photo_id (g_ptr_array_index (rows, i)) ==
           resell_photo_get_id (g_ptr_array_index (extras, i));
  if (same)
    return;

  if (self->current != NULL && resell_shot_row_get_shot_id (self->current) == NULL)
    current_id = resell_shot_row_get_photo_id (self->current);

  /* The chosen row going away is not a choice: no notification until a
   * row is chosen again. */
  for (guint i = 0; i < rows->len; i++)
    {
      if (g_ptr_array_index (rows, i) == (gpointer) self->current)
        self->current = NULL;
      gtk_list_box_remove (self->list, g_ptr_array_index (rows, i));
    }

  for (guint i = 0; i < extras->len; i++)
    {
      ResellPhoto *photo = g_ptr_array_index (extras, i);
      g_autofree char *label = NULL;
      ResellShotRow *row;

      /* Translators: an extra photo beyond the shot list, numbered */
      label = g_strdup_printf (_("Detail %u"), i + 1);
      row = resell_shot_row_new (NULL, label, FALSE, resell_photo_get_id (photo));
      gtk_list_box_append (self->list, GTK_WIDGET (row));
      if (current_id != 0 && resell_photo_get_id (photo) == current_id)
        gtk_list_box_select_row (self->list, GTK_LIST_BOX_ROW (row));
    }
}

void
resell_shot_list_update (ResellShotList *self,
                         GCancellable   *cancellable)
{
  g_return_if_fail (RESELL_IS_SHOT_LIST (self));

  if (self->session == NULL)
    return;

  sync_extra_rows (self);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (RESELL_IS_SHOT_ROW (child))
      update_row (self, RESELL_SHOT_ROW (child), cancellable);

  if (self->current == NULL)
    {
      GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->list, 0);

      if (first != NULL)
        gtk_list_box_select_row (self->list, first);
    }
}

void
resell_shot_list_rebuild (ResellShotList *self)
{
  ResellCategory *category;
  GtkWidget *child;
  guint n;

  g_return_if_fail (RESELL_IS_SHOT_LIST (self));

  category = self->session ? resell_capture_session_get_category (self->session) : NULL;
  n = category ? resell_category_get_n_shots (category) : 0;

  self->current = NULL;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))))
    gtk_list_box_remove (self->list, child);

  for (guint i = 0; i < n; i++)
    {
      const ResellShot *shot = resell_category_get_shot (category, i);

      gtk_list_box_append (self->list,
                           GTK_WIDGET (resell_shot_row_new (shot->id, shot->label, shot->required, 0)));
    }
}

void
resell_shot_list_select (ResellShotList *self,
                         ResellShotRow  *row)
{
  GtkRoot *root;
  GtkWidget *focus;

  g_return_if_fail (RESELL_IS_SHOT_LIST (self));

  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root ? gtk_root_get_focus (root) : NULL;

  if (row == NULL)
    return;

  gtk_list_box_select_row (self->list, GTK_LIST_BOX_ROW (row));
  /* Keep the keyboard where it was, unless it was in the list. */
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list)))
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

void
resell_shot_list_select_first_unfilled (ResellShotList *self)
{
  ResellShotRow *first;
  ResellShotRow *row;

  g_return_if_fail (RESELL_IS_SHOT_LIST (self));

  first = resell_shot_list_get_row (self, 0);
  if (first == NULL)
    return;

  if (resell_shot_row_get_shot_id (first) != NULL &&
      resell_shot_list_photo_for_row (self, first) == NULL)
    row = first;
  else
    row = resell_shot_list_next_unfilled (self, first);
  resell_shot_list_select (self, row ? row : first);
}

static void
on_row_selected (ResellShotList *self,
                 GtkListBoxRow  *row)
{
  ResellShotRow *shot_row = row ? RESELL_SHOT_ROW (row) : NULL;

  if (shot_row == self->current)
    return;

  self->current = shot_row;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
}

/* Properties */

void
resell_shot_list_set_session (ResellShotList       *self,
                              ResellCaptureSession *session)
{
  g_return_if_fail (RESELL_IS_SHOT_LIST (self));

  if (g_set_object (&self->session, session))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

void
resell_shot_list_set_thumbnailer (ResellShotList    *self,
                                  ResellThumbnailer *thumbnailer)
{
  g_return_if_fail (RESELL_IS_SHOT_LIST (self));

  if (g_set_object (&self->thumbnailer, thumbnailer))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THUMBNAILER]);
}

static void
resell_shot_list_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ResellShotList *self = RESELL_SHOT_LIST (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_THUMBNAILER:
      g_value_set_object (value, self->thumbnailer);
      break;
    case PROP_CURRENT:
      g_value_set_object (value, self->current);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_shot_list_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ResellShotList *self = RESELL_SHOT_LIST (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      resell_shot_list_set_session (self, g_value_get_object (value));
      break;
    case PROP_THUMBNAILER:
      resell_shot_list_set_thumbnailer (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_shot_list_dispose (GObject *object)
{
  ResellShotList *self = RESELL_SHOT_LIST (object);

  self->current = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), RESELL_TYPE_SHOT_LIST);
  g_clear_object (&self->session);
  g_clear_object (&self->thumbnailer);

  G_OBJECT_CLASS (resell_shot_list_parent_class)->dispose (object);
}

static void
resell_shot_list_class_init (ResellShotListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = resell_shot_list_dispose;
  object_class->get_property = resell_shot_list_get_property;
  object_class->set_property = resell_shot_list_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, RESELL_TYPE_CAPTURE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_THUMBNAILER] =
    g_param_spec_object ("thumbnailer", NULL, NULL, RESELL_TYPE_THUMBNAILER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CURRENT] =
    g_param_spec_object ("current", NULL, NULL, RESELL_TYPE_SHOT_ROW,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Resell/ui/resell-shot-list.ui");
  gtk_widget_class_bind_template_child (widget_class, ResellShotList, list);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected);
}

static void
resell_shot_list_init (ResellShotList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
