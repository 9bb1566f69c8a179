/* resell-photo-editor.c
 *
 * The editor only changes a ResellPhotoEdits of its own; the original is
 * never touched, and nothing reaches the catalog until Save, when whoever
 * opened the editor stores the JSON it is given.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-photo-editor"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "editor/resell-crop-view.h"
#include "editor/resell-photo-editor.h"
#include "common/resell-thumbnail-loader.h"

/* The listing preview goes through the whole listing pipeline: wait for a
 * pause in the seller's changes rather than render every step of a drag. */
#define PREVIEW_DELAY_MS 300

struct _ResellPhotoEditor
{
  AdwWindow          parent_instance;

  ResellThumbnailer *thumbnailer;
  char              *original_path;
  char              *sha256;
  int                original_width;
  int                original_height;
  char              *initial_edits;   /* as given, for the construct property */

  ResellPhotoEdits  *edits;           /* as they stand */
  GCancellable      *preview_cancellable;
  guint              preview_source;
  gboolean           loading;

  /* Template children */
  GtkStack          *picture_stack;
  ResellCropView    *crop_view;
  GtkSpinner        *render_spinner;
  AdwStatusPage     *error_page;
  GtkPicture        *preview_picture;
  GtkSpinner        *preview_spinner;
  GtkLabel          *preview_error_label;
  GtkScale          *straighten_scale;
  GtkSwitch         *trim_switch;
  GtkSwitch         *whiten_switch;
};

G_DEFINE_FINAL_TYPE (ResellPhotoEditor, resell_photo_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_THUMBNAILER,
  PROP_ORIGINAL_PATH,
  PROP_SHA256,
  PROP_ORIGINAL_WIDTH,
  PROP_ORIGINAL_HEIGHT,
  PROP_EDITS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The crop presets: width to height in pixels. */
static const struct
{
  const char *id;
  double      aspect;
} crop_shapes[] = {
  { "square", 1.0 },
  { "4:3",    4.0 / 3.0 },
  { "3:4",    3.0 / 4.0 },
};

/* The listing preview */

static void
preview_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  ResellPhotoEditor *self;

  texture = resell_thumbnail_load_finish (result, &error);
  if (texture == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Not cancelled: the editor is still open, and these are still its edits. */
  self = RESELL_PHOTO_EDITOR (user_data);
  gtk_spinner_stop (self->preview_spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_error_label), texture == NULL);

  if (texture == NULL)
    {
      gtk_label_set_label (self->preview_error_label, error->message);
      gtk_picture_set_paintable (self->preview_picture, NULL);
      return;
    }

  gtk_picture_set_paintable (self->preview_picture, GDK_PAINTABLE (texture));
}

static gboolean
start_preview (gpointer user_data)
{
  ResellPhotoEditor *self = user_data;
  g_autofree char *json = resell_photo_edits_to_json (self->edits);

  self->preview_source = 0;
  self->preview_cancellable = g_cancellable_new ();
  resell_thumbnail_load_edited_async (self->thumbnailer, self->original_path, self->sha256, json,
                                      self->preview_cancellable, preview_done, self);
  return G_SOURCE_REMOVE;
}

static void
queue_preview (ResellPhotoEditor *self,
               guint              delay_ms)
{
  g_clear_handle_id (&self->preview_source, g_source_remove);
  /* A preview of edits that have changed since is of no use. */
  g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);

  if (self->thumbnailer == NULL || self->original_path == NULL || self->sha256 == NULL)
    return;

  gtk_spinner_start (self->preview_spinner);
  self->preview_source = g_timeout_add (delay_ms, start_preview, self);
}

static void
edits_changed (ResellPhotoEditor *self)
{
  if (!self->loading)
    queue_preview (self, PREVIEW_DELAY_MS);
}

/* The controls */

static void
read_crop (ResellPhotoEditor *self)
{
  ResellPhotoEdits *edits = self->edits;

  edits->has_crop = resell_crop_view_get_crop (self->crop_view,
                                               &edits->crop_x, &edits->crop_y,
                                               &edits->crop_width, &edits->crop_height);
  if (!edits->has_crop)
    {
      edits->crop_x = edits->crop_y = 0.0;
      edits->crop_width = edits->crop_height = 1.0;
    }
}

static void
on_crop_changed (ResellPhotoEditor *self)
{
  read_crop (self);
  edits_changed (self);
}

static void
on_straighten_changed (ResellPhotoEditor *self)
{
  /* Tenths of a degree, as the scale shows them. */
  double degrees = round (gtk_range_get_value (GTK_RANGE (self->straighten_scale)) * 10.0) / 10.0;

  if (self->loading)
    return;

  self->edits->straighten = degrees;
  /* A crop made to a shape is made to it again: it may change the crop. */
  resell_crop_view_set_straighten (self->crop_view, degrees);
  read_crop (self);
  edits_changed (self);
}

static void
on_trim_toggled (ResellPhotoEditor *self)
{
  if (self->loading)
    return;

  self->edits->auto_trim = gtk_switch_get_active (self->trim_switch);
  edits_changed (self);
}

static void
on_whiten_toggled (ResellPhotoEditor *self)
{
  if (self->loading)
    return;

  self->edits->whiten = gtk_switch_get_active (self->whiten_switch);
  edits_changed (self);
}

static void
update_picture_state (ResellPhotoEditor *self)
{
  const char *error = resell_crop_view_get_error (self->crop_view);
  gboolean ready = resell_crop_view_get_ready (self->crop_view);

  if (error != NULL)
    adw_status_page_set_description (self->error_page, error);
  gtk_stack_set_visible_child_name (self->picture_stack, error != NULL ? "error" : "picture");

  /* A crop of a shape needs the picture's shape. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.crop-to", ready && error == NULL);
}

static void
on_render_error (ResellPhotoEditor *self)
{
  update_picture_state (self);
}

static void
on_render_busy (ResellPhotoEditor *self)
{
  gboolean busy = resell_crop_view_get_busy (self->crop_view);

  gtk_widget_set_visible (GTK_WIDGET (self->render_spinner), busy);
  gtk_spinner_set_spinning (self->render_spinner, busy);
}

static char *
format_degrees (GtkScale *scale,
                double    value,
                gpointer  user_data)
{
  /* Translators: the straightening in degrees, e.g. "-2.5°" */
  return g_strdup_printf (_("%.1f°"), value);
}

/* Shows @json in the controls and starts the pictures. */
static void
load_edits (ResellPhotoEditor *self,
            const char        *json)
{
  g_autoptr(GError) error = NULL;
  ResellPhotoEdits *edits;

  edits = resell_photo_edits_from_json (json, &error);
  if (edits == NULL)
    {
      /* Edits this version cannot read: start again from none rather than
       * refuse to edit the photo. */
      g_debug ("Starting from no edits: %s", error->message);
      edits = resell_photo_edits_new ();
    }
  g_clear_pointer (&self->edits, resell_photo_edits_free);
  self->edits = edits;

  self->loading = TRUE;
  gtk_range_set_value (GTK_RANGE (self->straighten_scale), edits->straighten);
  gtk_switch_set_active (self->trim_switch, edits->auto_trim);
  gtk_switch_set_active (self->whiten_switch, edits->whiten);
  resell_crop_view_set_original (self->crop_view, self->original_path,
                                 self->original_width, self->original_height);
  resell_crop_view_set_rotate (self->crop_view, edits->rotate);
  resell_crop_view_set_straighten (self->crop_view, edits->straighten);
  resell_crop_view_set_crop (self->crop_view, edits->has_crop,
                             edits->crop_x, edits->crop_y, edits->crop_width, edits->crop_height);
  self->loading = FALSE;

  update_picture_state (self);
  queue_preview (self, 0);
}

/* Actions */

static void
rotate_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  ResellPhotoEditor *self = RESELL_PHOTO_EDITOR (widget);

  self->edits->rotate = (self->edits->rotate + g_variant_get_int32 (param)) % 360;
  /* The crop was drawn on the picture standing the other way; the view
   * drops it too. */
  resell_crop_view_set_rotate (self->crop_view, self->edits->rotate);
  read_crop (self);
  edits_changed (self);
}

static void
crop_to_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  ResellPhotoEditor *self = RESELL_PHOTO_EDITOR (widget);
  const char *id = g_variant_get_string (param, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (crop_shapes); i++)
    if (g_str_equal (crop_shapes[i].id, id))
      resell_crop_view_crop_to_aspect (self->crop_view, crop_shapes[i].aspect);
}

static void
reset_crop_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  resell_crop_view_reset_crop (RESELL_PHOTO_EDITOR (widget)->crop_view);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  ResellPhotoEditor *self = RESELL_PHOTO_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;

  /* The controls keep every value in range; this is the last guard before
   * the catalog. */
  if (!resell_photo_edits_validate (self->edits, &error))
    {
      gtk_label_set_label (self->preview_error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->preview_error_label), TRUE);
      return;
    }

  json = resell_photo_edits_to_json (self->edits);
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, json);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  gtk_window_destroy (GTK_WINDOW (widget));
}

/* Public */

ResellPhotoEditor *
resell_photo_editor_new (GtkWindow         *parent,
                         ResellThumbnailer *thumbnailer,
                         const char        *original_path,
                         const char        *sha256,
                         int                original_width,
                         int                original_height,
                         const char        *edits_json)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RESELL_IS_THUMBNAILER (thumbnailer), NULL);
  g_return_val_if_fail (original_path != NULL, NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);

  return g_object_new (RESELL_TYPE_PHOTO_EDITOR,
                       "transient-for", parent,
                       "thumbnailer", thumbnailer,
                       "original-path", original_path,
                       "sha256", sha256,
                       "original-width", original_width,
                       "original-height", original_height,
                       "edits", edits_json,
                       NULL);
}

char *
resell_photo_editor_dup_edits (ResellPhotoEditor *self)
{
  g_return_val_if_fail (RESELL_IS_PHOTO_EDITOR (self), NULL);

  return resell_photo_edits_to_json (self->edits);
}

/* GObject */

static void
resell_photo_editor_constructed (GObject *object)
{
  ResellPhotoEditor *self = (ResellPhotoEditor *)object;

  G_OBJECT_CLASS (resell_photo_editor_parent_class)->constructed (object);

  load_edits (self, self->initial_edits);
  /* The picture takes the keys first: the arrows move the crop at once. */
  gtk_widget_grab_focus (GTK_WIDGET (self->crop_view));
}

static void
resell_photo_editor_dispose (GObject *object)
{
  ResellPhotoEditor *self = (ResellPhotoEditor *)object;

  g_clear_handle_id (&self->preview_source, g_source_remove);
  g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), RESELL_TYPE_PHOTO_EDITOR);
  g_clear_object (&self->thumbnailer);

  G_OBJECT_CLASS (resell_photo_editor_parent_class)->dispose (object);
}

static void
resell_photo_editor_finalize (GObject *object)
{
  ResellPhotoEditor *self = (ResellPhotoEditor *)object;

  g_free (self->original_path);
  g_free (self->sha256);
  g_free (self->initial_edits);
  g_clear_pointer (&self->edits, resell_photo_edits_free);

  G_OBJECT_CLASS (resell_photo_editor_parent_class)->finalize (object);
}

static void
resell_photo_editor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ResellPhotoEditor *self = RESELL_PHOTO_EDITOR (object);

  switch (prop_id)
    {
    case PROP_THUMBNAILER:
      g_value_set_object (value, self->thumbnailer);
      break;
    case PROP_ORIGINAL_PATH:
      g_value_set_string (value, self->original_path);
      break;
    case PROP_SHA256:
      g_value_set_string (value, self->sha256);
      break;
    case PROP_ORIGINAL_WIDTH:
      g_value_set_int (value, self->original_width);
      break;
    case PROP_ORIGINAL_HEIGHT:
      g_value_set_int (value, self->original_height);
      break;
    case PROP_EDITS:
      g_value_take_string (value, self->edits ? resell_photo_edits_to_json (self->edits)
                                              : g_strdup (self->initial_edits));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_photo_editor_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  ResellPhotoEditor *self = RESELL_PHOTO_EDITOR (object);

  switch (prop_id)
    {
    case PROP_THUMBNAILER:
      g_set_object (&self->thumbnailer, g_value_get_object (value));
      break;
    case PROP_ORIGINAL_PATH:
      g_free (self->original_path);
      self->original_path = g_value_dup_string (value);
      break;
    case PROP_SHA256:
      g_free (self->sha256);
      self->sha256 = g_value_dup_string (value);
      break;
    case PROP_ORIGINAL_WIDTH:
      self->original_width = g_value_get_int (value);
      break;
    case PROP_ORIGINAL_HEIGHT:
      self->original_height = g_value_get_int (value);
      break;
    case PROP_EDITS:
      g_free (self->initial_edits);
      self->initial_edits = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_photo_editor_class_init (ResellPhotoEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = resell_photo_editor_constructed;
  object_class->dispose = resell_photo_editor_dispose;
  object_class->finalize = resell_photo_editor_finalize;
  object_class->get_property = resell_photo_editor_get_property;
  object_class->set_property = resell_photo_editor_set_property;

  properties[PROP_THUMBNAILER] =
    g_param_spec_object ("thumbnailer", NULL, NULL, RESELL_TYPE_THUMBNAILER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ORIGINAL_PATH] =
    g_param_spec_string ("original-path", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SHA256] =
    g_param_spec_string ("sha256", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ORIGINAL_WIDTH] =
    g_param_spec_int ("original-width", NULL, NULL, 0, G_MAXINT, 0,
                      (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ORIGINAL_HEIGHT] =
    g_param_spec_int ("original-height", NULL, NULL, 0, G_MAXINT, 0,
                      (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_EDITS] =
    g_param_spec_string ("edits", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (RESELL_TYPE_CROP_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Resell/ui/resell-photo-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, ResellPhotoEditor, picture_stack);
  gtk_widget_class_bind_template_child (widget_class, ResellPhotoEditor, crop_view);
  gtk_widget_class_bind_template_child (widget_class, ResellPhotoEditor, render_spinner);
  gtk_widget_class_bind_template_child (widget_class, ResellPhotoEditor, error_page);
  gtk_widget_class_bind_template_child (widget_class, ResellPhotoEditor, preview_picture);
  gtk_widget_class_bind_template_child (widget_class, ResellPhotoEditor, preview_spinner);
  gtk_widget_class_bind_template_child (widget_class, ResellPhotoEditor, preview_error_label);
  gtk_widget_class_bind_template_child (widget_class, ResellPhotoEditor, straighten_scale);
  gtk_widget_class_bind_template_child (widget_class, ResellPhotoEditor, trim_switch);
  gtk_widget_class_bind_template_child (widget_class, ResellPhotoEditor, whiten_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_crop_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_render_error);
  gtk_widget_class_bind_template_callback (widget_class, on_straighten_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_trim_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_whiten_toggled);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "editor.rotate", "i", rotate_action);
  gtk_widget_class_install_action (widget_class, "editor.crop-to", "s", crop_to_action);
  gtk_widget_class_install_action (widget_class, "editor.reset-crop", NULL, reset_crop_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
resell_photo_editor_init (ResellPhotoEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_scale_set_format_value_func (self->straighten_scale, format_degrees, NULL, NULL);
  g_signal_connect_object (self->crop_view, "notify::busy",
                           G_CALLBACK (on_render_busy), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->crop_view, "notify::ready",
                           G_CALLBACK (update_picture_state), self, G_CONNECT_SWAPPED);
  on_render_busy (self);
}
