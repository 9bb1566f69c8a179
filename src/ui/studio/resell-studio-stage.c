/* resell-studio-stage.c
 *
 * Photos are decoded at display size on workers and the last few kept, so
 * going back and forth between shots costs setting a texture.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-studio-stage"

#include "config.h"

#include <glib/gi18n.h>

#include "studio/resell-studio-stage.h"
#include "common/resell-thumbnail-loader.h"

/* Long edge of the big picture's texture: sharp on a large screen, and a
 * quarter-scale JPEG decode of a 24 MP photo. */
#define DISPLAY_SIZE 1600
/* Decoded photos kept for going back and forth between shots. */
#define MAX_TEXTURES 8

struct _ResellStudioStage
{
  AdwBin         parent_instance;

  /* The scene */
  ResellPhoto   *photo;
  char          *pending_path;
  ResellPhoto   *last_photo;
  char          *last_label;
  ResellPhoto   *onion_photo;

  ResellPhoto   *subject;
  char          *subject_label;

  GHashTable    *textures;        /* path → GdkTexture at display size */
  GQueue         texture_order;   /* paths (owned by textures' keys), oldest first */
  GHashTable    *decoding;        /* paths being decoded */
  GCancellable  *cancellable;     /* decodes: only when the stage goes */

  ResellCamera  *camera;
  GCancellable  *live_cancellable;
  gboolean       live_view;
  gboolean       live_in_flight;
  gboolean       live_unsupported;
  GdkTexture    *live_frame;

  gboolean       onion_skin;
  double         onion_opacity;

  /* Template children */
  GtkStack      *view_stack;
  AdwStatusPage *empty_page;
  GtkPicture    *picture;
  GtkPicture    *onion_picture;
  GtkLabel      *picture_caption;
  GtkLabel      *live_message;
};

G_DEFINE_FINAL_TYPE (ResellStudioStage, resell_studio_stage, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CAMERA,
  PROP_LIVE_VIEW,
  PROP_LIVE_UNSUPPORTED,
  PROP_ONION_SKIN,
  PROP_ONION_OPACITY,
  PROP_SUBJECT,
  PROP_SUBJECT_LABEL,
  N_PROPS
};

enum { SIGNAL_TOAST, N_SIGNALS };

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void render (ResellStudioStage *self);

/* Textures at display size, decoded off the UI thread */

static GdkTexture *
decode_display_texture (const char  *path,
                        GError     **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GdkPixbuf) turned = NULL;

  /* The JPEG loader decodes at 1/2, 1/4 or 1/8 scale when asked for a
   * smaller size, so a 24 MP photo is never decoded whole. */
  pixbuf = gdk_pixbuf_new_from_file_at_scale (path, DISPLAY_SIZE, DISPLAY_SIZE, TRUE, error);
  if (pixbuf == NULL)
    return NULL;
  turned = gdk_pixbuf_apply_embedded_orientation (pixbuf);
  return gdk_texture_new_for_pixbuf (turned ? turned : pixbuf);
}

static void
decode_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  GdkTexture *texture;

  if (g_task_return_error_if_cancelled (task))
    return;

  texture = decode_display_texture (task_data, &error);
  if (texture == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, texture, g_object_unref);
}

static void
cache_texture (ResellStudioStage *self,
               const char        *path,
               GdkTexture        *texture)
{
  char *key;

  if (g_hash_table_contains (self->textures, path))
    return;

  key = g_strdup (path);
  g_hash_table_insert (self->textures, key, g_object_ref (texture));
  g_queue_push_tail (&self->texture_order, key);
  while (g_queue_get_length (&self->texture_order) > MAX_TEXTURES)
    g_hash_table_remove (self->textures, g_queue_pop_head (&self->texture_order));
}

static void
decoded_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  ResellStudioStage *self = RESELL_STUDIO_STAGE (object);
  const char *path = g_task_get_task_data (G_TASK (result));
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = g_task_propagate_pointer (G_TASK (result), &error);
  if (self->decoding == NULL)
    return;   /* disposed */
  g_hash_table_remove (self->decoding, path);

  if (texture == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Cannot show %s: %s", path, error->message);
      return;
    }

  cache_texture (self, path, texture);
  render (self);
}

/* The texture for @path if decoded, else NULL and the decode is started. */
static GdkTexture *
want_texture (ResellStudioStage *self,
              const char        *path)
{
  GdkTexture *texture;
  g_autoptr(GTask) task = NULL;

  if (path == NULL)
    return NULL;

  texture = g_hash_table_lookup (self->textures, path);
  if (texture != NULL || g_hash_table_contains (self->decoding, path))
    return texture;

  g_hash_table_add (self->decoding, g_strdup (path));
  task = g_task_new (self, self->cancellable, decoded_cb, NULL);
  g_task_set_source_tag (task, want_texture);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, decode_thread);
  return NULL;
}

/* The big picture, falling back on the small cached thumbnail while the
 * photo itself is being decoded. */
static GdkPaintable *
paintable_for_photo (ResellStudioStage *self,
                     ResellPhoto       *photo)
{
  GdkTexture *texture = want_texture (self, resell_photo_get_path (photo));

  if (texture == NULL)
    texture = resell_thumbnail_lookup (resell_photo_get_sha256 (photo));
  return texture ? GDK_PAINTABLE (texture) : NULL;
}

/* What is shown */

static void
set_subject (ResellStudioStage *self,
             ResellPhoto       *subject,
             const char        *label)
{
  gboolean label_changed = g_strcmp0 (self->subject_label, label) != 0;

  if (label_changed)
    {
      g_free (self->subject_label);
      self->subject_label = g_strdup (label);
    }

  g_object_freeze_notify (G_OBJECT (self));
  if (g_set_object (&self->subject, subject))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBJECT]);
  if (label_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBJECT_LABEL]);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
render (ResellStudioStage *self)
{
  GdkPaintable *main = NULL;
  GdkPaintable *onion = NULL;
  ResellPhoto *subject = NULL;
  const char *subject_label = NULL;
  g_autofree char *caption = NULL;

  if (self->live_view && self->live_frame != NULL)
    {
      main = GDK_PAINTABLE (self->live_frame);
      caption = g_strdup (_("Live view"));
      subject = self->photo;
    }
  else if (self->pending_path != NULL &&
           (main = (GdkPaintable *) want_texture (self, self->pending_path)) != NULL)
    {
      caption = g_strdup (_("Checking…"));
    }
  else if (self->photo != NULL)
    {
      main = paintable_for_photo (self, self->photo);
      subject = self->photo;
    }
  else if (self->last_photo != NULL)
    {
      main = paintable_for_photo (self, self->last_photo);
      subject = self->last_photo;
      subject_label = self->last_label;
      /* Translators: shown over the photo taken last, %s is its shot's name */
      caption = subject_label ? g_strdup_printf (_("Last photo: %s"), subject_label) : g_strdup (_("Last photo"));
    }

  if (self->onion_skin && self->onion_photo != NULL)
    onion = paintable_for_photo (self, self->onion_photo);

  gtk_picture_set_paintable (self->picture, main);
  gtk_picture_set_paintable (self->onion_picture, onion);
  gtk_widget_set_visible (GTK_WIDGET (self->onion_picture), onion != NULL);
  gtk_widget_set_opacity (GTK_WIDGET (self->onion_picture), self->onion_opacity / 100.0);
  if (main == NULL && onion != NULL && caption == NULL)
    caption = g_strdup (_("Onion skin: this shot of the previous item"));
  gtk_label_set_label (self->picture_caption, caption ? caption : "");
  gtk_widget_set_visible (GTK_WIDGET (self->picture_caption), caption != NULL);

  gtk_stack_set_visible_child_name (self->view_stack, main != NULL || onion != NULL ? "picture" : "empty");

  set_subject (self, subject, subject_label);
}

void
resell_studio_stage_set_scene (ResellStudioStage            *self,
                               const ResellStudioStageScene *scene)
{
  g_return_if_fail (RESELL_IS_STUDIO_STAGE (self));
  g_return_if_fail (scene != NULL);

  g_set_object (&self->photo, scene->photo);
  g_set_object (&self->last_photo, scene->last_photo);
  g_set_object (&self->onion_photo, scene->onion_photo);
  if (self->pending_path != scene->pending_path)
    {
      g_free (self->pending_path);
      self->pending_path = g_strdup (scene->pending_path);
    }
  if (self->last_label != scene->last_label)
    {
      g_free (self->last_label);
      self->last_label = g_strdup (scene->last_label);
    }

  render (self);
}

void
resell_studio_stage_set_ready (ResellStudioStage *self,
                               gboolean           ready,
                               const char        *shot_label)
{
  g_autofree char *title = NULL;
  const char *description;

  g_return_if_fail (RESELL_IS_STUDIO_STAGE (self));

  if (ready)
    {
      /* Translators: %s is a shot's name, e.g. "Front" */
      title = shot_label ? g_strdup_printf (_("Ready for “%s”"), shot_label) : g_strdup (_("Ready"));
      description = _("Press Space or Capture, or use the camera’s own shutter.");
      adw_status_page_set_icon_name (self->empty_page, "camera-photo-symbolic");
    }
  else
    {
      title = g_strdup (_("No Photo Yet"));
      description = _("Connect a camera, or import photos into this item’s shots.");
      adw_status_page_set_icon_name (self->empty_page, "camera-disabled-symbolic");
    }

  adw_status_page_set_title (self->empty_page, title);
  adw_status_page_set_description (self->empty_page, description);
}

void
resell_studio_stage_preload (ResellStudioStage *self,
                             const char        *path)
{
  g_return_if_fail (RESELL_IS_STUDIO_STAGE (self));

  want_texture (self, path);
}

ResellPhoto *
resell_studio_stage_get_subject (ResellStudioStage *self)
{
  g_return_val_if_fail (RESELL_IS_STUDIO_STAGE (self), NULL);
  return self->subject;
}

const char *
resell_studio_stage_get_subject_label (ResellStudioStage *self)
{
  g_return_val_if_fail (RESELL_IS_STUDIO_STAGE (self), NULL);
  return self->subject_label;
}

/* Live view: one frame in flight, decoded on a worker. */

static void request_frame (ResellStudioStage *self);

static void
set_live_unsupported (ResellStudioStage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->live_message), TRUE);
  if (self->live_unsupported)
    return;
  self->live_unsupported = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIVE_UNSUPPORTED]);
}

static void
frame_decode_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  GError *error = NULL;
  GdkTexture *texture = gdk_texture_new_from_bytes (task_data, &error);

  if (texture == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, texture, g_object_unref);
}

static void
frame_decoded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  ResellStudioStage *self = RESELL_STUDIO_STAGE (object);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->textures == NULL)
    return;

  self->live_in_flight = FALSE;
  if (texture != NULL && self->live_view)
    {
      g_set_object (&self->live_frame, texture);
      render (self);
    }
  request_frame (self);
}

static void
preview_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(ResellStudioStage) self = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;

  bytes = resell_camera_preview_finish (RESELL_CAMERA (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->live_in_flight = FALSE;

  if (bytes == NULL)
    {
      resell_studio_stage_set_live_view (self, FALSE);
      if (g_error_matches (error, RESELL_CAMERA_ERROR, RESELL_CAMERA_ERROR_NOT_SUPPORTED))
        set_live_unsupported (self);
      else
        g_signal_emit (self, signals[SIGNAL_TOAST], 0, error->message);
      return;
    }

  if (!self->live_view)
    return;

  self->live_in_flight = TRUE;
  task = g_task_new (self, self->live_cancellable, frame_decoded_cb, NULL);
  g_task_set_source_tag (task, preview_cb);
  g_task_set_task_data (task, g_steal_pointer (&bytes), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (task, frame_decode_thread);
}

static void
request_frame (ResellStudioStage *self)
{
  if (!self->live_view || self->live_in_flight || self->camera == NULL)
    return;

  self->live_in_flight = TRUE;
  resell_camera_preview_async (self->camera, self->live_cancellable, preview_cb, g_object_ref (self));
}

gboolean
resell_studio_stage_get_live_view (ResellStudioStage *self)
{
  g_return_val_if_fail (RESELL_IS_STUDIO_STAGE (self), FALSE);
  return self->live_view;
}

void
resell_studio_stage_set_live_view (ResellStudioStage *self,
                                   gboolean           live_view)
{
  g_return_if_fail (RESELL_IS_STUDIO_STAGE (self));

  live_view = !!live_view;
  if (self->live_view == live_view)
    return;

  if (live_view && (self->camera == NULL || !resell_camera_get_has_live_view (self->camera) ||
                    self->live_unsupported))
    {
      /* Say so rather than do nothing; the toggle stays off. */
      set_live_unsupported (self);
      g_signal_emit (self, signals[SIGNAL_TOAST], 0,
                     _("This camera has no live view — the last photo is shown instead"));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIVE_VIEW]);
      return;
    }

  self->live_view = live_view;
  if (live_view)
    request_frame (self);
  else
    {
      g_cancellable_cancel (self->live_cancellable);
      g_clear_object (&self->live_cancellable);
      self->live_cancellable = g_cancellable_new ();
      self->live_in_flight = FALSE;
      g_clear_object (&self->live_frame);
    }

  render (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIVE_VIEW]);
}

gboolean
resell_studio_stage_get_live_unsupported (ResellStudioStage *self)
{
  g_return_val_if_fail (RESELL_IS_STUDIO_STAGE (self), FALSE);
  return self->live_unsupported;
}

ResellCamera *
resell_studio_stage_get_camera (ResellStudioStage *self)
{
  g_return_val_if_fail (RESELL_IS_STUDIO_STAGE (self), NULL);
  return self->camera;
}

/* A new camera may have live view where the last one had none. */
void
resell_studio_stage_set_camera (ResellStudioStage *self,
                                ResellCamera      *camera)
{
  g_return_if_fail (RESELL_IS_STUDIO_STAGE (self));
  g_return_if_fail (camera == NULL || RESELL_IS_CAMERA (camera));

  if (self->camera == camera)
    return;

  resell_studio_stage_set_live_view (self, FALSE);
  g_set_object (&self->camera, camera);
  gtk_widget_set_visible (GTK_WIDGET (self->live_message), FALSE);
  if (self->live_unsupported)
    {
      self->live_unsupported = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIVE_UNSUPPORTED]);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAMERA]);
}

/* The onion skin */

gboolean
resell_studio_stage_get_onion_skin (ResellStudioStage *self)
{
  g_return_val_if_fail (RESELL_IS_STUDIO_STAGE (self), FALSE);
  return self->onion_skin;
}

void
resell_studio_stage_set_onion_skin (ResellStudioStage *self,
                                    gboolean           onion_skin)
{
  g_return_if_fail (RESELL_IS_STUDIO_STAGE (self));

  onion_skin = !!onion_skin;
  if (self->onion_skin == onion_skin)
    return;
  self->onion_skin = onion_skin;
  render (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONION_SKIN]);
}

double
resell_studio_stage_get_onion_opacity (ResellStudioStage *self)
{
  g_return_val_if_fail (RESELL_IS_STUDIO_STAGE (self), 0.0);
  return self->onion_opacity;
}

void
resell_studio_stage_set_onion_opacity (ResellStudioStage *self,
                                       double             opacity)
{
  g_return_if_fail (RESELL_IS_STUDIO_STAGE (self));

  opacity = CLAMP (opacity, 0.0, 100.0);
  if (self->onion_opacity == opacity)
    return;
  self->onion_opacity = opacity;
  render (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONION_OPACITY]);
}

/* Life */

static void
resell_studio_stage_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ResellStudioStage *self = RESELL_STUDIO_STAGE (object);

  switch (prop_id)
    {
    case PROP_CAMERA:
      g_value_set_object (value, self->camera);
      break;
    case PROP_LIVE_VIEW:
      g_value_set_boolean (value, self->live_view);
      break;
    case PROP_LIVE_UNSUPPORTED:
      g_value_set_boolean (value, self->live_unsupported);
      break;
    case PROP_ONION_SKIN:
      g_value_set_boolean (value, self->onion_skin);
      break;
    case PROP_ONION_OPACITY:
      g_value_set_double (value, self->onion_opacity);
      break;
    case PROP_SUBJECT:
      g_value_set_object (value, self->subject);
      break;
    case PROP_SUBJECT_LABEL:
      g_value_set_string (value, self->subject_label);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_studio_stage_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  ResellStudioStage *self = RESELL_STUDIO_STAGE (object);

  switch (prop_id)
    {
    case PROP_CAMERA:
      resell_studio_stage_set_camera (self, g_value_get_object (value));
      break;
    case PROP_LIVE_VIEW:
      resell_studio_stage_set_live_view (self, g_value_get_boolean (value));
      break;
    case PROP_ONION_SKIN:
      resell_studio_stage_set_onion_skin (self, g_value_get_boolean (value));
      break;
    case PROP_ONION_OPACITY:
      resell_studio_stage_set_onion_opacity (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_studio_stage_dispose (GObject *object)
{
  ResellStudioStage *self = RESELL_STUDIO_STAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->live_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), RESELL_TYPE_STUDIO_STAGE);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->live_cancellable);
  g_clear_object (&self->live_frame);
  g_clear_object (&self->camera);
  g_clear_object (&self->photo);
  g_clear_object (&self->last_photo);
  g_clear_object (&self->onion_photo);
  g_clear_object (&self->subject);
  g_clear_pointer (&self->pending_path, g_free);
  g_clear_pointer (&self->last_label, g_free);
  g_clear_pointer (&self->subject_label, g_free);
  g_queue_clear (&self->texture_order);
  g_clear_pointer (&self->textures, g_hash_table_unref);
  g_clear_pointer (&self->decoding, g_hash_table_unref);

  G_OBJECT_CLASS (resell_studio_stage_parent_class)->dispose (object);
}

static void
resell_studio_stage_class_init (ResellStudioStageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = resell_studio_stage_dispose;
  object_class->get_property = resell_studio_stage_get_property;
  object_class->set_property = resell_studio_stage_set_property;

  properties[PROP_CAMERA] =
    g_param_spec_object ("camera", NULL, NULL, RESELL_TYPE_CAMERA,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LIVE_VIEW] =
    g_param_spec_boolean ("live-view", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LIVE_UNSUPPORTED] =
    g_param_spec_boolean ("live-unsupported", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ONION_SKIN] =
    g_param_spec_boolean ("onion-skin", NULL, NULL, TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ONION_OPACITY] =
    g_param_spec_double ("onion-opacity", NULL, NULL, 0.0, 100.0, 40.0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SUBJECT] =
    g_param_spec_object ("subject", NULL, NULL, RESELL_TYPE_PHOTO,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SUBJECT_LABEL] =
    g_param_spec_string ("subject-label", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_TOAST] =
    g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Resell/ui/resell-studio-stage.ui");
  gtk_widget_class_bind_template_child (widget_class, ResellStudioStage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, ResellStudioStage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, ResellStudioStage, picture);
  gtk_widget_class_bind_template_child (widget_class, ResellStudioStage, onion_picture);
  gtk_widget_class_bind_template_child (widget_class, ResellStudioStage, picture_caption);
  gtk_widget_class_bind_template_child (widget_class, ResellStudioStage, live_message);
}

static void
resell_studio_stage_init (ResellStudioStage *self)
{
  self->onion_skin = TRUE;
  self->onion_opacity = 40.0;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->live_cancellable = g_cancellable_new ();
  self->textures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->decoding = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  resell_studio_stage_set_ready (self, FALSE, NULL);
}
