/* resell-studio.c — the tethered studio
 *
 * The studio never talks to libgphoto2 or SQLite itself: the camera's own
 * thread (ResellCamera) takes and downloads photos, the importer attaches
 * them to their shot and checks them on a worker, and the catalog is read
 * on workers.  On the UI thread an arriving photo costs setting a texture
 * that was decoded elsewhere.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-studio"

#include <glib/gi18n.h>

#include "resell-camera-controls.h"
#include "resell-shot-row.h"
#include "resell-studio.h"
#include "resell-thumbnail-loader.h"
#include "resell-window.h"

/* Long edge of the big picture's texture: sharp on a large screen, and a
 * quarter-scale JPEG decode of a 24 MP photo. */
#define DISPLAY_SIZE 1600
/* Decoded photos kept for going back and forth between shots. */
#define MAX_TEXTURES 8
/* Items looked at for the onion skin before giving up on a shot. */
#define ONION_MAX_ITEMS 40

typedef enum
{
  MODE_NEXT,      /* the next photo fills the current (or next free) shot */
  MODE_RETAKE,    /* the next photo replaces retake_photo_id */
  MODE_EXTRA,     /* the next photo is an extra detail shot */
} CaptureMode;

struct _ResellStudio
{
  AdwBin                parent_instance;

  ResellSettings       *settings;
  ResellThumbnailer    *thumbnailer;
  ResellCatalog        *catalog;
  ResellImporter       *importer;
  ResellCameraMonitor  *monitor;

  ResellItem           *item;            /* a copy of the item being shot */
  ResellCategory       *category;        /* its shot list, or NULL */
  char                 *originals_dir;   /* where photos of the item are saved */
  GPtrArray            *photos;          /* ResellPhoto of the item, by position */
  GHashTable           *reports;         /* photo id → ResellShotReport */
  GHashTable           *onion;           /* slot → ResellPhoto of an earlier item */
  GHashTable           *claimed;         /* slot → number of photos on their way to it */
  GHashTable           *handled;         /* paths of shots already being attached */
  GHashTable           *textures;        /* path → GdkTexture at display size */
  GQueue                texture_order;   /* paths (owned by textures' keys), oldest first */
  GHashTable           *decoding;        /* paths being decoded */
  GCancellable         *cancellable;     /* work for the item shown */
  GCancellable         *attach_cancellable; /* attaches: only when the studio goes */
  GCancellable         *live_cancellable;
  GCancellable         *connect_cancellable;

  ResellCamera         *camera;
  GBinding             *delete_binding;
  GError               *connect_error;   /* the last connection failure of camera */
  gboolean              connecting;
  gboolean              active;          /* open and shown */
  guint                 n_capturing;

  ResellShotRow        *current;
  ResellShotRow        *pending_row;     /* a photo for it is arriving ... */
  char                 *pending_path;    /* ... from this file, shown at once */
  ResellPhoto          *last_capture;    /* the photo that arrived last */

  CaptureMode           mode;
  gint64                retake_photo_id;
  char                 *retake_slot;

  gboolean              onion_skin;
  gboolean              live_view;
  gboolean              live_in_flight;
  gboolean              live_unsupported;
  GdkTexture           *live_frame;

  /* Template children */
  AdwWindowTitle       *window_title;
  GtkToggleButton      *live_button;
  GtkMenuButton        *settings_button;
  ResellCameraControls *camera_controls;
  GtkRevealer          *banner_revealer;
  GtkSpinner           *banner_spinner;
  GtkLabel             *banner_label;
  GtkButton            *banner_button;
  GtkListBox           *shot_list;
  GtkLabel             *shot_title_label;
  GtkLabel             *guidance_label;
  GtkStack             *view_stack;
  AdwStatusPage        *empty_page;
  GtkPicture           *picture;
  GtkPicture           *onion_picture;
  GtkLabel             *picture_caption;
  GtkLabel             *live_message;
  GtkWidget            *check_box;
  GtkImage             *check_icon;
  GtkLabel             *check_title;
  GtkLabel             *check_problems;
  GtkButton            *retake_button;
  GtkRevealer          *mode_revealer;
  GtkLabel             *mode_label;
  GtkButton            *capture_button;
  GtkStack             *capture_icon_stack;
  GtkSpinner           *capture_spinner;
  GtkImage             *camera_icon;
  GtkLabel             *camera_model_label;
  GtkLabel             *camera_state_label;
  GtkLabel             *camera_details_label;
  GtkToggleButton      *onion_button;
  GtkScale             *opacity_scale;
  GtkAdjustment        *opacity_adjustment;
};

G_DEFINE_FINAL_TYPE (ResellStudio, resell_studio, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_ONION_SKIN,
  PROP_LIVE_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void refresh_display (ResellStudio *self);
static void update_rows (ResellStudio *self);
static void update_actions (ResellStudio *self);
static void update_camera_status (ResellStudio *self);
static void set_live_view (ResellStudio *self, gboolean live_view);
static void set_mode (ResellStudio *self, CaptureMode mode);

/* Messages */

static ResellWindow *
get_window (ResellStudio *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return RESELL_IS_WINDOW (root) ? RESELL_WINDOW (root) : NULL;
}

/* Stays until dismissed: for what went wrong. */
static void
show_message (ResellStudio *self,
              const char   *message)
{
  ResellWindow *window = get_window (self);

  if (window != NULL)
    resell_window_show_message (window, message);
  else
    g_message ("%s", message);
}

static void
show_toast (ResellStudio *self,
            const char   *message)
{
  ResellWindow *window = get_window (self);
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  if (window != NULL)
    resell_window_add_toast (window, adw_toast_new (escaped));
}

/* Photos and shots */

static ResellShotReport *
report_for (ResellStudio *self,
            ResellPhoto  *photo)
{
  gint64 id;

  if (photo == NULL)
    return NULL;
  id = resell_photo_get_id (photo);
  return g_hash_table_lookup (self->reports, &id);
}

static void
store_report (ResellStudio     *self,
              gint64            photo_id,
              ResellShotReport *report)
{
  gint64 *key = g_new (gint64, 1);

  *key = photo_id;
  g_hash_table_replace (self->reports, key, g_object_ref (report));
}

static gboolean
photo_failed (ResellStudio *self,
              ResellPhoto  *photo)
{
  ResellShotReport *report = report_for (self, photo);

  return report != NULL && !resell_shot_report_get_passed (report);
}

static ResellPhoto *
photo_by_id (ResellStudio *self,
             gint64        id)
{
  for (guint i = 0; self->photos != NULL && i < self->photos->len; i++)
    if (resell_photo_get_id (g_ptr_array_index (self->photos, i)) == id)
      return g_ptr_array_index (self->photos, i);
  return NULL;
}

/* The photo filling @slot: the first in the item's order. */
static ResellPhoto *
photo_for_slot (ResellStudio *self,
                const char   *slot)
{
  if (slot == NULL)
    return NULL;
  for (guint i = 0; self->photos != NULL && i < self->photos->len; i++)
    if (g_strcmp0 (resell_photo_get_slot (g_ptr_array_index (self->photos, i)), slot) == 0)
      return g_ptr_array_index (self->photos, i);
  return NULL;
}

static ResellPhoto *
photo_for_row (ResellStudio  *self,
               ResellShotRow *row)
{
  if (row == NULL)
    return NULL;
  if (resell_shot_row_get_shot_id (row) == NULL)
    return photo_by_id (self, resell_shot_row_get_photo_id (row));
  return photo_for_slot (self, resell_shot_row_get_shot_id (row));
}

static int
photo_index (ResellStudio *self,
             ResellPhoto  *photo)
{
  for (guint i = 0; self->photos != NULL && i < self->photos->len; i++)
    if (g_ptr_array_index (self->photos, i) == photo)
      return (int) i;
  return -1;
}

static gboolean
is_claimed (ResellStudio *self,
            const char   *slot)
{
  return slot != NULL && GPOINTER_TO_INT (g_hash_table_lookup (self->claimed, slot)) > 0;
}

static void
claim (ResellStudio *self,
       const char   *slot,
       int           delta)
{
  int n;

  if (slot == NULL)
    return;
  n = GPOINTER_TO_INT (g_hash_table_lookup (self->claimed, slot)) + delta;
  if (n <= 0)
    g_hash_table_remove (self->claimed, slot);
  else
    g_hash_table_replace (self->claimed, g_strdup (slot), GINT_TO_POINTER (n));
}

static const ResellShot *
shot_for_row (ResellStudio  *self,
              ResellShotRow *row)
{
  const char *id = row ? resell_shot_row_get_shot_id (row) : NULL;

  if (id == NULL || self->category == NULL)
    return NULL;
  return resell_category_find_shot (self->category, id);
}

static ResellShotRow *
row_for_slot (ResellStudio *self,
              const char   *slot)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->shot_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (RESELL_IS_SHOT_ROW (child) && resell_shot_row_get_shot_id (RESELL_SHOT_ROW (child)) != NULL &&
        g_strcmp0 (resell_shot_row_get_shot_id (RESELL_SHOT_ROW (child)), slot) == 0)
      return RESELL_SHOT_ROW (child);
  return NULL;
}

static ResellShotRow *
row_for_photo (ResellStudio *self,
               ResellPhoto  *photo)
{
  const char *slot = resell_photo_get_slot (photo);

  if (slot != NULL && row_for_slot (self, slot) != NULL)
    return row_for_slot (self, slot);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->shot_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (RESELL_IS_SHOT_ROW (child) &&
        resell_shot_row_get_photo_id (RESELL_SHOT_ROW (child)) == resell_photo_get_id (photo))
      return RESELL_SHOT_ROW (child);
  return NULL;
}

static guint
count_filled (ResellStudio *self,
              guint        *n_shots)
{
  guint total = self->category ? resell_category_get_n_shots (self->category) : 0;
  guint filled = 0;

  for (guint i = 0; i < total; i++)
    if (photo_for_slot (self, resell_category_get_shot (self->category, i)->id) != NULL)
      filled++;

  if (n_shots != NULL)
    *n_shots = total;
  return filled;
}

/* The next shot after @row (wrapping round) that has no photo and none on
 * its way, or NULL when every shot is taken. */
static ResellShotRow *
next_unfilled (ResellStudio  *self,
               ResellShotRow *row)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  int start = -1;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->shot_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (RESELL_IS_SHOT_ROW (child) && resell_shot_row_get_shot_id (RESELL_SHOT_ROW (child)) != NULL)
      {
        if (RESELL_SHOT_ROW (child) == row)
          start = rows->len;
        g_ptr_array_add (rows, child);
      }

  for (guint k = 1; k <= rows->len; k++)
    {
      ResellShotRow *candidate = g_ptr_array_index (rows, (start + k) % rows->len);
      const char *slot = resell_shot_row_get_shot_id (candidate);

      if (candidate == row && start >= 0)
        continue;
      if (photo_for_slot (self, slot) == NULL && !is_claimed (self, slot))
        return candidate;
    }
  return NULL;
}

static void
update_title (ResellStudio *self)
{
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  guint n_shots, filled;

  if (self->item == NULL)
    return;

  name = resell_item_dup_display_title (self->item);
  /* Translators: the studio's title, %s is the item's title or SKU */
  title = g_strdup_printf (_("Shoot — %s"), name);
  adw_window_title_set_title (self->window_title, title);

  filled = count_filled (self, &n_shots);
  if (n_shots > 0)
    /* Translators: shots taken of the category's shot list, e.g. "6 of 9" */
    subtitle = g_strdup_printf (_("%u of %u"), filled, n_shots);
  else
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u photo", "%u photos",
                                             self->photos ? self->photos->len : 0),
                                self->photos ? self->photos->len : 0);
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

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
cache_texture (ResellStudio *self,
               const char   *path,
               GdkTexture   *texture)
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
  ResellStudio *self = RESELL_STUDIO (object);
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
  refresh_display (self);
}

/* The texture for @path if decoded, else NULL and the decode is started. */
static GdkTexture *
want_texture (ResellStudio *self,
              const char   *path)
{
  GdkTexture *texture;
  g_autoptr(GTask) task = NULL;

  if (path == NULL)
    return NULL;

  texture = g_hash_table_lookup (self->textures, path);
  if (texture != NULL || g_hash_table_contains (self->decoding, path))
    return texture;

  g_hash_table_add (self->decoding, g_strdup (path));
  task = g_task_new (self, self->attach_cancellable, decoded_cb, NULL);
  g_task_set_source_tag (task, want_texture);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, decode_thread);
  return NULL;
}

/* The big picture, falling back on the small cached thumbnail while the
 * photo itself is being decoded. */
static GdkPaintable *
paintable_for_photo (ResellStudio *self,
                     ResellPhoto  *photo)
{
  GdkTexture *texture = want_texture (self, resell_photo_get_path (photo));

  if (texture == NULL)
    texture = resell_thumbnail_lookup (resell_photo_get_sha256 (photo));
  return texture ? GDK_PAINTABLE (texture) : NULL;
}

/* What is shown */

static void
show_report (ResellStudio     *self,
             ResellPhoto      *photo,
             ResellShotReport *report,
             const char       *about)
{
  g_autofree char *title = NULL;
  g_autofree char *details = NULL;

  if (photo == NULL)
    {
      gtk_widget_set_visible (self->check_box, FALSE);
      return;
    }

  gtk_widget_set_visible (self->check_box, TRUE);
  gtk_widget_remove_css_class (self->check_box, "passed");
  gtk_widget_remove_css_class (self->check_box, "failed");
  gtk_widget_remove_css_class (GTK_WIDGET (self->retake_button), "suggested-action");

  if (report == NULL)
    {
      gtk_image_set_from_icon_name (self->check_icon, "dialog-question-symbolic");
      title = about ? g_strdup_printf (_("%s: not checked"), about) : g_strdup (_("This photo was not checked"));
      gtk_label_set_label (self->check_title, title);
      gtk_widget_set_visible (GTK_WIDGET (self->check_problems), FALSE);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->check_title), NULL);
      return;
    }

  /* Translators: the numbers behind a photo's checks, shown as a tooltip */
  details = g_strdup_printf (_("Sharpness %.0f · highlights clipped %.1f %% · shadows clipped %.1f %% · %d × %d pixels"),
                             resell_shot_report_get_sharpness (report),
                             100.0 * resell_shot_report_get_highlights_clipped (report),
                             100.0 * resell_shot_report_get_shadows_clipped (report),
                             resell_shot_report_get_width (report),
                             resell_shot_report_get_height (report));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->check_title), details);

  if (resell_shot_report_get_passed (report))
    {
      gtk_widget_add_css_class (self->check_box, "passed");
      gtk_image_set_from_icon_name (self->check_icon, "emblem-ok-symbolic");
      /* Translators: %s is a shot's name, e.g. "Front" */
      title = about ? g_strdup_printf (_("%s: every check passed"), about) : g_strdup (_("Every check passed"));
      gtk_label_set_label (self->check_title, title);
      gtk_widget_set_visible (GTK_WIDGET (self->check_problems), FALSE);
    }
  else
    {
      const char * const *problems = resell_shot_report_get_problems (report);
      g_autofree char *text = problems ? g_strjoinv ("\n", (char **) problems) : NULL;

      gtk_widget_add_css_class (self->check_box, "failed");
      gtk_widget_add_css_class (GTK_WIDGET (self->retake_button), "suggested-action");
      gtk_image_set_from_icon_name (self->check_icon, "dialog-warning-symbolic");
      /* Translators: %s is a shot's name, e.g. "Front" */
      title = about ? g_strdup_printf (_("%s needs a retake"), about) : g_strdup (_("This shot needs a retake"));
      gtk_label_set_label (self->check_title, title);
      gtk_label_set_label (self->check_problems, text ? text : "");
      gtk_widget_set_visible (GTK_WIDGET (self->check_problems), text != NULL && text[0] != '\0');
    }
}

static void
show_guidance (ResellStudio *self)
{
  const ResellShot *shot = shot_for_row (self, self->current);

  if (shot != NULL)
    {
      gtk_label_set_label (self->shot_title_label, shot->label);
      gtk_label_set_label (self->guidance_label, shot->guidance);
    }
  else if (self->current != NULL)
    {
      gtk_label_set_label (self->shot_title_label, resell_shot_row_get_label (self->current));
      gtk_label_set_label (self->guidance_label,
                           _("A close-up of anything a buyer should see: a logo, the texture, wear."));
    }
  else
    {
      gtk_label_set_label (self->shot_title_label, _("Extra Photos"));
      gtk_label_set_label (self->guidance_label,
                           _("This item’s category has no shot list: every photo is added as an extra one."));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->guidance_label),
                          gtk_label_get_label (self->guidance_label)[0] != '\0');
}

static void
update_empty_page (ResellStudio *self)
{
  const ResellShot *shot = shot_for_row (self, self->current);
  g_autofree char *title = NULL;
  const char *description;

  if (self->camera != NULL && resell_camera_get_state (self->camera) >= RESELL_CAMERA_STATE_READY)
    {
      /* Translators: %s is a shot's name, e.g. "Front" */
      title = shot ? g_strdup_printf (_("Ready for “%s”"), shot->label) : g_strdup (_("Ready"));
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

static void
refresh_display (ResellStudio *self)
{
  ResellPhoto *photo = photo_for_row (self, self->current);
  GdkPaintable *main = NULL;
  GdkPaintable *onion = NULL;
  ResellPhoto *described = NULL;
  g_autofree char *caption = NULL;
  const char *about = NULL;
  const char *slot = self->current ? resell_shot_row_get_shot_id (self->current) : NULL;

  if (self->item == NULL)
    return;

  if (self->live_view && self->live_frame != NULL)
    {
      main = GDK_PAINTABLE (self->live_frame);
      caption = g_strdup (_("Live view"));
      described = photo;
    }
  else if (self->pending_row != NULL && self->pending_row == self->current &&
           (main = (GdkPaintable *) want_texture (self, self->pending_path)) != NULL)
    {
      caption = g_strdup (_("Checking…"));
    }
  else if (photo != NULL)
    {
      main = paintable_for_photo (self, photo);
      described = photo;
    }
  else if (self->last_capture != NULL)
    {
      ResellShotRow *row = row_for_photo (self, self->last_capture);

      main = paintable_for_photo (self, self->last_capture);
      described = self->last_capture;
      about = row ? resell_shot_row_get_label (row) : NULL;
      /* Translators: shown over the photo taken last, %s is its shot's name */
      caption = about ? g_strdup_printf (_("Last photo: %s"), about) : g_strdup (_("Last photo"));
    }

  if (self->onion_skin && slot != NULL && self->onion != NULL)
    {
      ResellPhoto *earlier = g_hash_table_lookup (self->onion, slot);

      if (earlier != NULL)
        onion = paintable_for_photo (self, earlier);
    }

  gtk_picture_set_paintable (self->picture, main);
  gtk_picture_set_paintable (self->onion_picture, onion);
  gtk_widget_set_visible (GTK_WIDGET (self->onion_picture), onion != NULL);
  gtk_widget_set_opacity (GTK_WIDGET (self->onion_picture),
                          gtk_adjustment_get_value (self->opacity_adjustment) / 100.0);
  if (main == NULL && onion != NULL && caption == NULL)
    caption = g_strdup (_("Onion skin: this shot of the previous item"));
  gtk_label_set_label (self->picture_caption, caption ? caption : "");
  gtk_widget_set_visible (GTK_WIDGET (self->picture_caption), caption != NULL);

  update_empty_page (self);
  gtk_stack_set_visible_child_name (self->view_stack, main != NULL || onion != NULL ? "picture" : "empty");

  show_report (self, described, report_for (self, described), about);
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
update_row (ResellStudio  *self,
            ResellShotRow *row)
{
  ResellPhoto *photo = photo_for_row (self, row);
  const char *slot = resell_shot_row_get_shot_id (row);
  const char *sha = photo ? resell_photo_get_sha256 (photo) : NULL;

  if (is_claimed (self, slot))
    resell_shot_row_set_status (row, RESELL_SHOT_ROW_WORKING);
  else if (photo == NULL)
    resell_shot_row_set_status (row, RESELL_SHOT_ROW_EMPTY);
  else
    resell_shot_row_set_status (row, photo_failed (self, photo) ? RESELL_SHOT_ROW_FAILED : RESELL_SHOT_ROW_DONE);

  resell_shot_row_set_position (row, photo ? photo_index (self, photo) + 1 : 0);

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
                                       self->cancellable, thumb_loaded_cb, job);
        }
    }
}

static GPtrArray *
extra_photos (ResellStudio *self)
{
  GPtrArray *extras = g_ptr_array_new ();

  for (guint i = 0; self->photos != NULL && i < self->photos->len; i++)
    {
      ResellPhoto *photo = g_ptr_array_index (self->photos, i);
      const char *slot = resell_photo_get_slot (photo);

      /* Extra, or filling a shot this category does not have. */
      if (slot == NULL || self->category == NULL || resell_category_find_shot (self->category, slot) == NULL)
        g_ptr_array_add (extras, photo);
    }
  return extras;
}

/* Extra photos get a row each, after the category's shots, in the item's
 * photo order.  Rebuilt only when the set of extras changed. */
static void
sync_extra_rows (ResellStudio *self)
{
  g_autoptr(GPtrArray) extras = extra_photos (self);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  gint64 current_id = 0;
  gboolean same = TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->shot_list));
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

  for (guint i = 0; i < rows->len; i++)
    {
      if (g_ptr_array_index (rows, i) == (gpointer) self->pending_row)
        self->pending_row = NULL;
      if (g_ptr_array_index (rows, i) == (gpointer) self->current)
        self->current = NULL;
      gtk_list_box_remove (self->shot_list, g_ptr_array_index (rows, i));
    }

  for (guint i = 0; i < extras->len; i++)
    {
      ResellPhoto *photo = g_ptr_array_index (extras, i);
      g_autofree char *label = NULL;
      ResellShotRow *row;

      /* Translators: an extra photo beyond the shot list, numbered */
      label = g_strdup_printf (_("Detail %u"), i + 1);
      row = resell_shot_row_new (NULL, label, FALSE, resell_photo_get_id (photo));
      gtk_list_box_append (self->shot_list, GTK_WIDGET (row));
      if (current_id != 0 && resell_photo_get_id (photo) == current_id)
        gtk_list_box_select_row (self->shot_list, GTK_LIST_BOX_ROW (row));
    }
}

static void
update_rows (ResellStudio *self)
{
  sync_extra_rows (self);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->shot_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (RESELL_IS_SHOT_ROW (child))
      update_row (self, RESELL_SHOT_ROW (child));

  if (self->current == NULL)
    {
      GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->shot_list, 0);

      if (first != NULL)
        gtk_list_box_select_row (self->shot_list, first);
    }

  update_title (self);
  update_actions (self);
}

static void
rebuild_rows (ResellStudio *self)
{
  GtkWidget *child;
  guint n = self->category ? resell_category_get_n_shots (self->category) : 0;

  self->current = NULL;
  self->pending_row = NULL;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->shot_list))))
    gtk_list_box_remove (self->shot_list, child);

  for (guint i = 0; i < n; i++)
    {
      const ResellShot *shot = resell_category_get_shot (self->category, i);

      gtk_list_box_append (self->shot_list,
                           GTK_WIDGET (resell_shot_row_new (shot->id, shot->label, shot->required, 0)));
    }
}

static void
select_row (ResellStudio  *self,
            ResellShotRow *row)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));

  if (row == NULL)
    return;

  gtk_list_box_select_row (self->shot_list, GTK_LIST_BOX_ROW (row));
  /* Keep the keyboard where it was, unless it was in the list. */
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->shot_list)))
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

/* The first shot without a photo, else the first shot. */
static void
select_first_unfilled (ResellStudio *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->shot_list, 0);
  ResellShotRow *row;

  if (first == NULL)
    return;

  if (resell_shot_row_get_shot_id (RESELL_SHOT_ROW (first)) != NULL &&
      photo_for_row (self, RESELL_SHOT_ROW (first)) == NULL)
    row = RESELL_SHOT_ROW (first);
  else
    row = next_unfilled (self, RESELL_SHOT_ROW (first));
  select_row (self, row ? row : RESELL_SHOT_ROW (first));
}

static void
on_row_selected (ResellStudio  *self,
                 GtkListBoxRow *row)
{
  ResellShotRow *shot_row = row ? RESELL_SHOT_ROW (row) : NULL;

  if (shot_row == self->current)
    return;

  self->current = shot_row;

  /* A retake belongs to the shot it was asked for. */
  if (self->mode == MODE_RETAKE)
    {
      ResellPhoto *photo = photo_for_row (self, shot_row);

      if (photo == NULL || resell_photo_get_id (photo) != self->retake_photo_id)
        set_mode (self, MODE_NEXT);
    }

  show_guidance (self);
  refresh_display (self);
  update_actions (self);
}

/* Actions and modes */

static void
update_actions (ResellStudio *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  ResellPhoto *photo = photo_for_row (self, self->current);
  gboolean camera_ready = self->camera != NULL &&
                          resell_camera_get_state (self->camera) >= RESELL_CAMERA_STATE_READY;
  int index = photo ? photo_index (self, photo) : -1;

  gtk_widget_action_set_enabled (widget, "studio.capture",
                                 camera_ready && self->item != NULL && self->originals_dir != NULL);
  gtk_widget_action_set_enabled (widget, "studio.retake", photo != NULL || self->last_capture != NULL);
  gtk_widget_action_set_enabled (widget, "studio.skip", self->current != NULL);
  gtk_widget_action_set_enabled (widget, "studio.move-earlier", index > 0);
  gtk_widget_action_set_enabled (widget, "studio.move-later",
                                 index >= 0 && (guint) index + 1 < self->photos->len);
  gtk_widget_action_set_enabled (widget, "studio.cancel-mode", self->mode != MODE_NEXT);
  gtk_widget_action_set_enabled (widget, "studio.import", self->item != NULL && self->importer != NULL);
  gtk_widget_action_set_enabled (widget, "studio.live-view", camera_ready);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->live_button),
                               self->camera != NULL && (!resell_camera_get_has_live_view (self->camera) ||
                                                        self->live_unsupported)
                               ? _("This camera has no live view")
                               : _("Live View (L)"));
}

static void
set_mode (ResellStudio *self,
          CaptureMode   mode)
{
  g_autofree char *text = NULL;

  self->mode = mode;
  if (mode != MODE_RETAKE)
    {
      self->retake_photo_id = 0;
      g_clear_pointer (&self->retake_slot, g_free);
    }

  if (mode == MODE_RETAKE)
    {
      ResellPhoto *photo = photo_by_id (self, self->retake_photo_id);
      ResellShotRow *row = photo ? row_for_photo (self, photo) : NULL;

      /* Translators: %s is a shot's name, e.g. "Front" */
      text = g_strdup_printf (_("Retake: the next photo replaces “%s”"),
                              row ? resell_shot_row_get_label (row) : _("this photo"));
    }
  else if (mode == MODE_EXTRA)
    text = g_strdup (_("The next photo is an extra detail shot"));

  if (text != NULL)
    gtk_label_set_label (self->mode_label, text);
  gtk_revealer_set_reveal_child (self->mode_revealer, text != NULL);
  update_actions (self);
}

static void
arm_retake (ResellStudio *self,
            ResellPhoto  *photo)
{
  self->retake_photo_id = resell_photo_get_id (photo);
  g_free (self->retake_slot);
  self->retake_slot = g_strdup (resell_photo_get_slot (photo));
  set_mode (self, MODE_RETAKE);
}

static void
retake_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  ResellStudio *self = RESELL_STUDIO (widget);
  ResellPhoto *photo = photo_for_row (self, self->current);

  /* Nothing here yet: retake what is on screen, the photo taken last. */
  if (photo == NULL && self->last_capture != NULL)
    {
      photo = self->last_capture;
      select_row (self, row_for_photo (self, photo));
    }

  if (photo == NULL)
    {
      show_toast (self, _("This shot has no photo to retake yet"));
      return;
    }

  arm_retake (self, photo);
}

static void
extra_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  ResellStudio *self = RESELL_STUDIO (widget);

  set_mode (self, self->mode == MODE_EXTRA ? MODE_NEXT : MODE_EXTRA);
}

static void
cancel_mode_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  set_mode (RESELL_STUDIO (widget), MODE_NEXT);
}

static void
skip_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  ResellStudio *self = RESELL_STUDIO (widget);
  ResellShotRow *next = next_unfilled (self, self->current);

  if (next == NULL && self->current != NULL)
    {
      GtkListBoxRow *after = gtk_list_box_get_row_at_index (self->shot_list,
                                                            gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (self->current)) + 1);
      next = after ? RESELL_SHOT_ROW (after) : NULL;
    }
  if (next != NULL)
    select_row (self, next);
}

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  ResellStudio *self = RESELL_STUDIO (widget);
  int step = g_str_equal (action_name, "studio.previous-shot") ? -1 : 1;
  int index = self->current ? gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (self->current)) : -1;
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->shot_list, MAX (0, index + step));

  if (row != NULL)
    select_row (self, RESELL_SHOT_ROW (row));
}

/* Reordering: the photo of the current shot moves one place earlier or
 * later in the item's photo order (the order of the listing). */

static void
reorder_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GPtrArray *changed = task_data;
  GError *error = NULL;

  for (guint i = 0; i < changed->len; i++)
    if (!resell_catalog_update_photo (source_object, g_ptr_array_index (changed, i), &error))
      {
        g_task_return_error (task, error);
        return;
      }
  g_task_return_boolean (task, TRUE);
}

static void
reorder_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(ResellStudio) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_message (self, error->message);
}

static ResellPhoto *
copy_photo (ResellPhoto *photo)
{
  ResellPhoto *copy = resell_photo_new ();

  resell_photo_set_id (copy, resell_photo_get_id (photo));
  resell_photo_set_item_id (copy, resell_photo_get_item_id (photo));
  resell_photo_set_slot (copy, resell_photo_get_slot (photo));
  resell_photo_set_position (copy, resell_photo_get_position (photo));
  resell_photo_set_path (copy, resell_photo_get_path (photo));
  resell_photo_set_original_name (copy, resell_photo_get_original_name (photo));
  resell_photo_set_sha256 (copy, resell_photo_get_sha256 (photo));
  resell_photo_set_width (copy, resell_photo_get_width (photo));
  resell_photo_set_height (copy, resell_photo_get_height (photo));
  resell_photo_set_captured_at (copy, resell_photo_get_captured_at (photo));
  resell_photo_set_camera_model (copy, resell_photo_get_camera_model (photo));
  resell_photo_set_checks (copy, resell_photo_get_checks (photo));
  resell_photo_set_added_at (copy, resell_photo_get_added_at (photo));
  resell_photo_set_edits (copy, resell_photo_get_edits (photo));
  return copy;
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  ResellStudio *self = RESELL_STUDIO (widget);
  ResellPhoto *photo = photo_for_row (self, self->current);
  int index = photo ? photo_index (self, photo) : -1;
  int other = index + (g_str_equal (action_name, "studio.move-earlier") ? -1 : 1);
  g_autoptr(GPtrArray) changed = NULL;
  g_autoptr(GTask) task = NULL;

  if (index < 0 || other < 0 || (guint) other >= self->photos->len || self->catalog == NULL)
    return;

  /* Swap in the list, then give every photo its place as its position, so
   * equal or gapped positions from older imports come out in order too. */
  {
    gpointer tmp = self->photos->pdata[index];
    self->photos->pdata[index] = self->photos->pdata[other];
    self->photos->pdata[other] = tmp;
  }

  changed = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->photos->len; i++)
    {
      ResellPhoto *p = g_ptr_array_index (self->photos, i);

      if (resell_photo_get_position (p) != (int) i)
        {
          resell_photo_set_position (p, (int) i);
          g_ptr_array_add (changed, copy_photo (p));
        }
    }

  update_rows (self);

  task = g_task_new (self->catalog, self->attach_cancellable, reorder_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, move_action);
  g_task_set_task_data (task, g_steal_pointer (&changed), (GDestroyNotify) g_ptr_array_unref);
  g_task_run_in_thread (task, reorder_thread);
}

/* Arriving shots */

typedef struct
{
  ResellStudio  *self;
  gint64         item_id;
  char          *slot;
  char          *path;
  gint64         replace_photo_id;
  gint64         arrived_at;
  gboolean       for_current;
} AttachJob;

static void
attach_job_free (AttachJob *job)
{
  g_object_unref (job->self);
  g_free (job->slot);
  g_free (job->path);
  g_free (job);
}

static gint
compare_position (gconstpointer a,
                  gconstpointer b)
{
  ResellPhoto *pa = *(ResellPhoto **) a;
  ResellPhoto *pb = *(ResellPhoto **) b;
  int d = resell_photo_get_position (pa) - resell_photo_get_position (pb);

  if (d != 0)
    return d;
  return resell_photo_get_id (pa) < resell_photo_get_id (pb) ? -1 : 1;
}

static void
attach_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  AttachJob *job = user_data;
  ResellStudio *self = job->self;
  g_autoptr(ResellImportResult) attached = NULL;
  g_autoptr(GError) error = NULL;
  ResellShotRow *row = NULL;
  ResellPhoto *photo;
  ResellShotReport *report;
  gboolean same_item;

  attached = resell_importer_attach_finish (RESELL_IMPORTER (object), result, &error);

  if (self->claimed == NULL)   /* disposed */
    {
      attach_job_free (job);
      return;
    }

  same_item = self->item != NULL && resell_item_get_id (self->item) == job->item_id;
  if (same_item)
    claim (self, job->slot, -1);
  if (same_item && self->pending_row != NULL && g_strcmp0 (self->pending_path, job->path) == 0)
    {
      self->pending_row = NULL;
      g_clear_pointer (&self->pending_path, g_free);
    }

  if (attached == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, error->message);
      if (same_item)
        {
          update_rows (self);
          refresh_display (self);
        }
      attach_job_free (job);
      return;
    }

  switch (resell_import_result_get_status (attached))
    {
    case RESELL_IMPORT_STATUS_FAILED:
      show_message (self, resell_import_result_get_message (attached));
      break;
    case RESELL_IMPORT_STATUS_DUPLICATE:
      show_toast (self, _("That photo is already in this item: take another one"));
      break;
    case RESELL_IMPORT_STATUS_IMPORTED:
    default:
      if (!same_item)
        break;

      photo = resell_import_result_get_photo (attached);
      report = resell_import_result_get_report (attached);

      if (job->replace_photo_id != 0)
        {
          ResellPhoto *old = photo_by_id (self, job->replace_photo_id);

          if (self->last_capture != NULL && resell_photo_get_id (self->last_capture) == job->replace_photo_id)
            g_clear_object (&self->last_capture);
          if (old != NULL)
            g_ptr_array_remove (self->photos, old);
        }
      g_ptr_array_add (self->photos, g_object_ref (photo));
      g_ptr_array_sort (self->photos, compare_position);
      if (report != NULL)
        store_report (self, resell_photo_get_id (photo), report);
      g_set_object (&self->last_capture, photo);

      update_rows (self);
      row = row_for_photo (self, photo);

      if (job->for_current && row != NULL && (row == self->current || self->current == NULL ||
                                              resell_shot_row_get_shot_id (row) == NULL))
        {
          if (report != NULL && !resell_shot_report_get_passed (report))
            {
              /* Stay, and make the next photo the retake. */
              select_row (self, row);
              arm_retake (self, photo);
            }
          else if (resell_shot_row_get_shot_id (row) != NULL)
            {
              ResellShotRow *next = next_unfilled (self, row);

              select_row (self, next ? next : row);
            }
        }

      if (job->arrived_at > 0)
        g_debug ("shot to screen: %.0f ms (%s)",
                 (g_get_monotonic_time () - job->arrived_at) / 1000.0, job->path);
      break;
    }

  if (same_item)
    {
      update_rows (self);
      refresh_display (self);
    }
  attach_job_free (job);
}

static void
handle_shot (ResellStudio     *self,
             ResellCameraShot *shot)
{
  const char *path = resell_camera_shot_get_path (shot);
  g_autoptr(GFile) file = NULL;
  ResellShotRow *target = NULL;
  AttachJob *job;

  if (self->item == NULL || self->importer == NULL || path == NULL)
    return;
  /* The same file reported twice (the capture's result and an event). */
  if (g_hash_table_contains (self->handled, path))
    return;
  g_hash_table_add (self->handled, g_strdup (path));

  job = g_new0 (AttachJob, 1);
  job->self = g_object_ref (self);
  job->item_id = resell_item_get_id (self->item);
  job->path = g_strdup (path);
  job->arrived_at = resell_camera_shot_get_arrived_at (shot);

  if (self->mode == MODE_EXTRA)
    {
      set_mode (self, MODE_NEXT);
      job->for_current = TRUE;
    }
  else if (self->mode == MODE_RETAKE && photo_by_id (self, self->retake_photo_id) != NULL)
    {
      ResellPhoto *old = photo_by_id (self, self->retake_photo_id);

      job->slot = g_strdup (resell_photo_get_slot (old));
      job->replace_photo_id = self->retake_photo_id;
      target = row_for_photo (self, old);
      set_mode (self, MODE_NEXT);
    }
  else
    {
      const char *slot = self->current ? resell_shot_row_get_shot_id (self->current) : NULL;

      if (slot != NULL && photo_for_slot (self, slot) == NULL && !is_claimed (self, slot))
        target = self->current;
      else
        target = next_unfilled (self, self->current);
      /* Every shot taken: an extra detail shot. */
      job->slot = target ? g_strdup (resell_shot_row_get_shot_id (target)) : NULL;
      set_mode (self, MODE_NEXT);
    }

  job->for_current = job->for_current || (target != NULL && target == self->current);
  claim (self, job->slot, 1);

  /* Decode for the screen beside the checks, not after them. */
  if (job->for_current && target != NULL)
    {
      self->pending_row = target;
      g_free (self->pending_path);
      self->pending_path = g_strdup (path);
    }
  want_texture (self, path);

  update_rows (self);

  file = g_file_new_for_path (path);
  resell_importer_attach_async (self->importer, self->item, self->category, job->slot, file,
                                TRUE, job->replace_photo_id, self->attach_cancellable,
                                attach_done_cb, job);
}

static void
update_capturing (ResellStudio *self)
{
  gtk_spinner_set_spinning (self->capture_spinner, self->n_capturing > 0);
  gtk_stack_set_visible_child (self->capture_icon_stack,
                               self->n_capturing > 0 ? GTK_WIDGET (self->capture_spinner)
                                                     : gtk_widget_get_first_child (GTK_WIDGET (self->capture_icon_stack)));
}

typedef struct
{
  ResellStudio *self;
  gint64        item_id;
} CaptureJob;

static void
capture_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CaptureJob *job = user_data;
  g_autoptr(ResellStudio) self = job->self;
  g_autoptr(ResellCameraShot) shot = NULL;
  g_autoptr(GError) error = NULL;
  gint64 item_id = job->item_id;

  g_free (job);
  shot = resell_camera_capture_finish (RESELL_CAMERA (object), result, &error);

  if (self->claimed == NULL)
    return;

  if (self->n_capturing > 0)
    self->n_capturing--;
  update_capturing (self);

  if (shot == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, error->message);
      return;
    }

  /* Saved into an item the studio has left meanwhile: attach it there. */
  if (self->item == NULL || resell_item_get_id (self->item) != item_id)
    {
      g_message ("A photo arrived for an item no longer shown: %s", resell_camera_shot_get_path (shot));
      return;
    }

  handle_shot (self, shot);
}

static void
capture_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  ResellStudio *self = RESELL_STUDIO (widget);
  CaptureJob *job;

  if (self->item == NULL || self->originals_dir == NULL)
    return;

  if (self->camera == NULL || resell_camera_get_state (self->camera) < RESELL_CAMERA_STATE_READY)
    {
      show_toast (self, _("No camera is connected"));
      return;
    }

  job = g_new0 (CaptureJob, 1);
  job->self = g_object_ref (self);
  job->item_id = resell_item_get_id (self->item);
  self->n_capturing++;
  update_capturing (self);
  resell_camera_capture_async (self->camera, self->originals_dir, self->attach_cancellable,
                               capture_done_cb, job);
}

static void
on_shot_added (ResellCamera     *camera,
               ResellCameraShot *shot,
               ResellStudio     *self)
{
  if (self->active)
    handle_shot (self, shot);
}

/* Live view: one frame in flight, decoded on a worker. */

static void request_frame (ResellStudio *self);

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
  ResellStudio *self = RESELL_STUDIO (object);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->claimed == NULL)
    return;

  self->live_in_flight = FALSE;
  if (texture != NULL && self->live_view)
    {
      g_set_object (&self->live_frame, texture);
      refresh_display (self);
    }
  request_frame (self);
}

static void
preview_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(ResellStudio) self = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;

  bytes = resell_camera_preview_finish (RESELL_CAMERA (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->live_in_flight = FALSE;

  if (bytes == NULL)
    {
      set_live_view (self, FALSE);
      if (g_error_matches (error, RESELL_CAMERA_ERROR, RESELL_CAMERA_ERROR_NOT_SUPPORTED))
        {
          self->live_unsupported = TRUE;
          gtk_widget_set_visible (GTK_WIDGET (self->live_message), TRUE);
          update_actions (self);
        }
      else
        show_toast (self, error->message);
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
request_frame (ResellStudio *self)
{
  if (!self->live_view || self->live_in_flight || self->camera == NULL || !self->active)
    return;

  self->live_in_flight = TRUE;
  resell_camera_preview_async (self->camera, self->live_cancellable, preview_cb, g_object_ref (self));
}

static void
set_live_view (ResellStudio *self,
               gboolean      live_view)
{
  live_view = !!live_view;
  if (self->live_view == live_view)
    return;

  if (live_view && (self->camera == NULL || !resell_camera_get_has_live_view (self->camera) ||
                    self->live_unsupported))
    {
      /* Say so rather than do nothing; the toggle stays off. */
      self->live_unsupported = TRUE;
      gtk_widget_set_visible (GTK_WIDGET (self->live_message), TRUE);
      show_toast (self, _("This camera has no live view — the last photo is shown instead"));
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

  refresh_display (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIVE_VIEW]);
}

/* The camera */

static void connect_camera (ResellStudio *self);

static void
update_camera_status (ResellStudio *self)
{
  ResellCamera *camera = self->camera;
  ResellCameraState state = camera ? resell_camera_get_state (camera) : RESELL_CAMERA_STATE_DISCONNECTED;
  g_autofree char *banner = NULL;
  g_autofree char *details = NULL;
  const char *state_text;
  const char *button = NULL;
  const char *button_action = NULL;
  gboolean busy = FALSE;

  if (camera == NULL)
    {
      gtk_label_set_label (self->camera_model_label, _("No camera"));
      state_text = "";
      if (self->monitor != NULL && resell_camera_monitor_get_scanning (self->monitor))
        {
          banner = g_strdup (_("Looking for a camera…"));
          busy = TRUE;
        }
      else
        {
          banner = g_strdup (_("No camera found. Connect a camera by USB and switch it on, or import photos."));
          button = _("Import Photos…");
          button_action = "studio.import";
        }
    }
  else
    {
      gtk_label_set_label (self->camera_model_label, resell_camera_get_model (camera));

      switch (state)
        {
        case RESELL_CAMERA_STATE_READY:
          state_text = _("Ready");
          break;
        case RESELL_CAMERA_STATE_BUSY:
          state_text = _("Busy");
          break;
        case RESELL_CAMERA_STATE_CONNECTING:
          state_text = _("Connecting…");
          break;
        case RESELL_CAMERA_STATE_DISCONNECTED:
        default:
          state_text = self->connecting ? _("Connecting…") : _("Not connected");
          break;
        }

      if (state == RESELL_CAMERA_STATE_CONNECTING || (state == RESELL_CAMERA_STATE_DISCONNECTED && self->connecting))
        {
          /* Translators: %s is a camera model */
          banner = g_strdup_printf (_("Connecting to %s…"), resell_camera_get_model (camera));
          busy = TRUE;
        }
      else if (state == RESELL_CAMERA_STATE_DISCONNECTED)
        {
          if (self->connect_error != NULL)
            banner = g_strdup (self->connect_error->message);
          else if (resell_camera_get_last_error (camera) != NULL)
            banner = g_strdup (resell_camera_get_last_error (camera));
          else
            /* Translators: %s is a camera model */
            banner = g_strdup_printf (_("%s is not connected. Plug it in and switch it on, or import photos."),
                                      resell_camera_get_model (camera));
          button = _("Try Again");
          button_action = "studio.try-again";
        }
      else
        {
          const char *battery = resell_camera_get_battery_level (camera);
          gint64 free_bytes = resell_camera_get_free_bytes (camera);
          int free_images = resell_camera_get_free_images (camera);
          g_autoptr(GString) text = g_string_new (NULL);

          if (battery != NULL && battery[0] != '\0')
            /* Translators: %s is a battery level as the camera says it, e.g. "50%" */
            g_string_append_printf (text, _("Battery %s"), battery);
          if (free_images >= 0)
            {
              if (text->len > 0)
                g_string_append (text, " · ");
              g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%d photo left", "%d photos left",
                                                         free_images),
                                      free_images);
            }
          if (free_bytes >= 0)
            {
              g_autofree char *size = g_format_size (free_bytes);

              if (text->len > 0)
                g_string_append (text, " · ");
              /* Translators: %s is a size, e.g. "12.3 GB" */
              g_string_append_printf (text, _("%s free"), size);
            }
          details = g_string_free (g_steal_pointer (&text), FALSE);
        }
    }

  gtk_label_set_label (self->camera_state_label, state_text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->camera_state_label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->camera_state_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->camera_state_label),
                            state >= RESELL_CAMERA_STATE_READY ? "success" : "dim-label");
  gtk_label_set_label (self->camera_details_label, details ? details : "");
  gtk_widget_set_visible (GTK_WIDGET (self->camera_details_label), details != NULL && details[0] != '\0');
  gtk_image_set_from_icon_name (self->camera_icon,
                                state >= RESELL_CAMERA_STATE_READY ? "camera-photo-symbolic" : "camera-disabled-symbolic");

  gtk_label_set_label (self->banner_label, banner ? banner : "");
  gtk_widget_set_visible (GTK_WIDGET (self->banner_spinner), busy);
  gtk_spinner_set_spinning (self->banner_spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->banner_button), button != NULL);
  if (button != NULL)
    {
      gtk_button_set_label (self->banner_button, button);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->banner_button), button_action);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->banner_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, button, -1);
    }
  gtk_revealer_set_reveal_child (self->banner_revealer, banner != NULL);

  if (state < RESELL_CAMERA_STATE_READY && self->live_view)
    set_live_view (self, FALSE);

  update_empty_page (self);
  update_actions (self);
}

static void
connect_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(ResellStudio) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!resell_camera_connect_finish (RESELL_CAMERA (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (RESELL_CAMERA (object) != self->camera)
    return;

  self->connecting = FALSE;
  g_clear_error (&self->connect_error);
  if (error != NULL)
    self->connect_error = g_steal_pointer (&error);

  update_camera_status (self);
  refresh_display (self);
}

static void
connect_camera (ResellStudio *self)
{
  if (self->camera == NULL || self->connecting || !self->active)
    return;

  self->connecting = TRUE;
  g_clear_error (&self->connect_error);
  resell_camera_connect_async (self->camera, self->connect_cancellable, connect_done_cb, g_object_ref (self));
  update_camera_status (self);
}

static void
try_again_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  ResellStudio *self = RESELL_STUDIO (widget);

  if (self->camera == NULL && self->monitor != NULL)
    {
      resell_camera_monitor_rescan (self->monitor);
      return;
    }
  g_clear_error (&self->connect_error);
  connect_camera (self);
}

static void
on_camera_changed (ResellStudio *self)
{
  update_camera_status (self);
  refresh_display (self);
}

static void
on_camera_failed (ResellCamera *camera,
                  GError       *error,
                  ResellStudio *self)
{
  if (self->active && error != NULL)
    show_message (self, error->message);
}

static void
sync_download_dir (ResellStudio *self)
{
  if (self->camera != NULL)
    resell_camera_set_download_dir (self->camera, self->active ? self->originals_dir : NULL);
}

static void
adopt_camera (ResellStudio *self,
              ResellCamera *camera)
{
  if (self->camera == camera)
    return;

  if (self->camera != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->camera, self);
      resell_camera_set_download_dir (self->camera, NULL);
      g_clear_pointer (&self->delete_binding, g_binding_unbind);
      g_cancellable_cancel (self->connect_cancellable);
      g_clear_object (&self->connect_cancellable);
      set_live_view (self, FALSE);
    }

  g_set_object (&self->camera, camera);
  self->connect_cancellable = g_cancellable_new ();
  self->connecting = FALSE;
  self->live_unsupported = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->live_message), FALSE);
  g_clear_error (&self->connect_error);
  resell_camera_controls_set_camera (self->camera_controls, camera);

  if (camera == NULL)
    return;

  g_signal_connect_swapped (camera, "notify::state", G_CALLBACK (on_camera_changed), self);
  g_signal_connect_swapped (camera, "notify::model", G_CALLBACK (update_camera_status), self);
  g_signal_connect_swapped (camera, "notify::battery-level", G_CALLBACK (update_camera_status), self);
  g_signal_connect_swapped (camera, "notify::free-bytes", G_CALLBACK (update_camera_status), self);
  g_signal_connect_swapped (camera, "notify::free-images", G_CALLBACK (update_camera_status), self);
  g_signal_connect_swapped (camera, "notify::has-live-view", G_CALLBACK (update_actions), self);
  g_signal_connect (camera, "shot-added", G_CALLBACK (on_shot_added), self);
  g_signal_connect (camera, "failed", G_CALLBACK (on_camera_failed), self);

  if (self->settings != NULL)
    self->delete_binding = g_object_bind_property (self->settings, "delete-from-card",
                                                   camera, "delete-from-card", G_BINDING_SYNC_CREATE);
  sync_download_dir (self);
}

/* Takes the monitor's default camera and connects to it if it is not. */
static void
refresh_camera (ResellStudio *self)
{
  ResellCamera *camera;

  if (!self->active || self->monitor == NULL)
    return;

  camera = resell_camera_monitor_get_default (self->monitor);
  adopt_camera (self, camera);

  if (camera != NULL && resell_camera_get_state (camera) == RESELL_CAMERA_STATE_DISCONNECTED &&
      self->connect_error == NULL)
    connect_camera (self);

  update_camera_status (self);
}

static void
on_cameras_changed (ResellStudio *self)
{
  /* A camera came or went: worth trying again after a failure. */
  if (self->camera != NULL && resell_camera_get_state (self->camera) == RESELL_CAMERA_STATE_DISCONNECTED)
    g_clear_error (&self->connect_error);
  refresh_camera (self);
}

static void
on_settings_popover_show (ResellStudio *self)
{
  resell_camera_controls_refresh (self->camera_controls);
}

static void
on_camera_controls_error (ResellStudio *self,
                          const char   *message)
{
  show_toast (self, message);
}

/* Loading the item's photos, and the onion skins */

typedef struct
{
  GPtrArray  *photos;
  GHashTable *reports;
  char       *originals_dir;
} PhotosResult;

static void
photos_result_free (PhotosResult *r)
{
  g_clear_pointer (&r->photos, g_ptr_array_unref);
  g_clear_pointer (&r->reports, g_hash_table_unref);
  g_free (r->originals_dir);
  g_free (r);
}

static GHashTable *
new_report_table (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
}

static void
list_photos_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  ResellItem *item = task_data;
  PhotosResult *r = g_new0 (PhotosResult, 1);
  GError *error = NULL;

  r->originals_dir = resell_catalog_dup_originals_dir (source_object, resell_item_get_sku (item), &error);
  if (r->originals_dir != NULL)
    r->photos = resell_catalog_list_photos (source_object, resell_item_get_id (item), &error);
  if (r->photos == NULL)
    {
      photos_result_free (r);
      g_task_return_error (task, error);
      return;
    }

  r->reports = new_report_table ();
  for (guint i = 0; i < r->photos->len; i++)
    {
      ResellPhoto *photo = g_ptr_array_index (r->photos, i);
      ResellShotReport *report = resell_shot_report_new_from_json (resell_photo_get_checks (photo));

      if (report != NULL)
        {
          gint64 *key = g_new (gint64, 1);

          *key = resell_photo_get_id (photo);
          g_hash_table_insert (r->reports, key, report);
        }
    }

  g_task_return_pointer (task, r, (GDestroyNotify) photos_result_free);
}

static void
photos_listed_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  ResellStudio *self = user_data;
  g_autoptr(GError) error = NULL;
  PhotosResult *r;
  gboolean first = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (result), "first-load"));

  r = g_task_propagate_pointer (G_TASK (result), &error);
  if (r == NULL)
    {
      /* Not cancelled: the studio still shows the item. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, error->message);
      return;
    }

  g_clear_pointer (&self->photos, g_ptr_array_unref);
  self->photos = g_steal_pointer (&r->photos);
  g_clear_pointer (&self->reports, g_hash_table_unref);
  self->reports = g_steal_pointer (&r->reports);
  g_free (self->originals_dir);
  self->originals_dir = g_steal_pointer (&r->originals_dir);
  photos_result_free (r);

  sync_download_dir (self);
  update_rows (self);
  if (first)
    select_first_unfilled (self);
  show_guidance (self);
  refresh_display (self);
}

static void
load_photos (ResellStudio *self,
             gboolean      first)
{
  g_autoptr(GTask) task = NULL;

  if (self->item == NULL || self->catalog == NULL)
    return;

  task = g_task_new (self->catalog, self->cancellable, photos_listed_cb, self);
  g_task_set_source_tag (task, load_photos);
  g_object_set_data (G_OBJECT (task), "first-load", GINT_TO_POINTER (first));
  g_task_set_task_data (task, resell_item_copy (self->item), g_object_unref);
  g_task_run_in_thread (task, list_photos_thread);
}

/* For each shot, the photo of the most recently updated other item of the
 * same category that has one. */
static void
onion_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ResellItem *item = task_data;
  g_autoptr(GPtrArray) items = NULL;
  GHashTable *onion = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  GError *error = NULL;
  guint looked = 0;

  items = resell_catalog_list_items (source_object, &error);
  if (items == NULL)
    {
      g_hash_table_unref (onion);
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < items->len && looked < ONION_MAX_ITEMS; i++)
    {
      ResellItem *other = g_ptr_array_index (items, i);
      g_autoptr(GPtrArray) photos = NULL;

      if (g_cancellable_is_cancelled (cancellable))
        break;
      if (resell_item_get_id (other) == resell_item_get_id (item) ||
          g_strcmp0 (resell_item_get_category (other), resell_item_get_category (item)) != 0 ||
          resell_item_get_photo_count (other) == 0)
        continue;

      looked++;
      photos = resell_catalog_list_photos (source_object, resell_item_get_id (other), NULL);
      for (guint j = 0; photos != NULL && j < photos->len; j++)
        {
          ResellPhoto *photo = g_ptr_array_index (photos, j);
          const char *slot = resell_photo_get_slot (photo);

          if (slot != NULL && !g_hash_table_contains (onion, slot))
            g_hash_table_insert (onion, g_strdup (slot), g_object_ref (photo));
        }
    }

  g_task_return_pointer (task, onion, (GDestroyNotify) g_hash_table_unref);
}

static void
onion_found_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  ResellStudio *self = user_data;
  g_autoptr(GError) error = NULL;
  GHashTable *onion;

  onion = g_task_propagate_pointer (G_TASK (result), &error);
  if (onion == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No onion skins: %s", error->message);
      return;
    }

  g_clear_pointer (&self->onion, g_hash_table_unref);
  self->onion = onion;
  refresh_display (self);
}

/* Importing files (no camera, or on top of one) */

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ResellStudio) self = user_data;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) failures = g_string_new (NULL);
  guint imported = 0;

  results = resell_importer_import_finish (RESELL_IMPORTER (object), result, &error);
  if (results == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, error->message);
      return;
    }

  for (guint i = 0; i < results->len; i++)
    {
      ResellImportResult *r = g_ptr_array_index (results, i);

      if (resell_import_result_get_status (r) == RESELL_IMPORT_STATUS_IMPORTED)
        imported++;
      else if (resell_import_result_get_status (r) == RESELL_IMPORT_STATUS_FAILED)
        {
          if (failures->len > 0)
            g_string_append_c (failures, '\n');
          g_string_append (failures, resell_import_result_get_message (r));
        }
    }

  if (failures->len > 0)
    show_message (self, failures->str);
  else if (imported > 0)
    {
      g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u photo imported",
                                                               "%u photos imported", imported),
                                                  imported);
      show_toast (self, message);
    }

  if (self->item != NULL && !g_cancellable_is_cancelled (self->cancellable))
    load_photos (self, TRUE);
}

static void
import_files (ResellStudio *self,
              GPtrArray    *files)
{
  if (self->item == NULL || self->importer == NULL || files->len == 0)
    return;

  resell_importer_import_async (self->importer, self->item, self->category, files,
                                self->attach_cancellable, import_done_cb, g_object_ref (self));
}

static void
chooser_response (GtkNativeDialog *chooser,
                  int              response,
                  ResellStudio    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) chosen = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < g_list_model_get_n_items (chosen); i++)
        g_ptr_array_add (files, g_list_model_get_item (chosen, i));
      import_files (self, files);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  ResellStudio *self = RESELL_STUDIO (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->item == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Import Photos"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Photos"));
  gtk_file_filter_add_mime_type (filter, "image/*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         ResellStudio  *self)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  for (GSList *l = g_value_get_boxed (value); l != NULL; l = l->next)
    g_ptr_array_add (files, g_object_ref (l->data));
  import_files (self, files);
  return files->len > 0;
}

/* Keys: single letters work wherever the keyboard is in the studio, except
 * in a text field or a popover. */

static gboolean
focus_takes_keys (ResellStudio *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL)
    return FALSE;
  if (GTK_IS_EDITABLE (focus) || GTK_IS_TEXT_VIEW (focus))
    return TRUE;
  return gtk_widget_get_ancestor (focus, GTK_TYPE_POPOVER) != NULL;
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                ResellStudio          *self)
{
  GdkModifierType mods = state & gtk_accelerator_get_default_mod_mask ();
  GtkWidget *widget = GTK_WIDGET (self);
  const char *pedal = self->settings ? resell_settings_get_capture_key (self->settings) : NULL;
  const char *action = NULL;

  if (!self->active || focus_takes_keys (self))
    return FALSE;

  if (pedal != NULL && pedal[0] != '\0' && mods == 0 &&
      gdk_keyval_to_lower (keyval) == gdk_keyval_to_lower (gdk_keyval_from_name (pedal)))
    action = "studio.capture";
  else if (mods == 0)
    switch (keyval)
      {
      case GDK_KEY_space:     action = "studio.capture"; break;
      case GDK_KEY_r:
      case GDK_KEY_R:         action = "studio.retake"; break;
      case GDK_KEY_s:
      case GDK_KEY_S:         action = "studio.skip"; break;
      case GDK_KEY_e:
      case GDK_KEY_E:         action = "studio.extra"; break;
      case GDK_KEY_o:
      case GDK_KEY_O:         action = "studio.onion-skin"; break;
      case GDK_KEY_l:
      case GDK_KEY_L:         action = "studio.live-view"; break;
      case GDK_KEY_Up:        action = "studio.previous-shot"; break;
      case GDK_KEY_Down:      action = "studio.next-shot"; break;
      case GDK_KEY_Escape:
        action = self->mode != MODE_NEXT ? "studio.cancel-mode" : "win.leave-studio";
        break;
      default:
        break;
      }
  else if (mods == GDK_ALT_MASK)
    switch (keyval)
      {
      case GDK_KEY_Up:   action = "studio.move-earlier"; break;
      case GDK_KEY_Down: action = "studio.move-later"; break;
      case GDK_KEY_Left: action = "win.leave-studio"; break;
      default: break;
      }

  if (action == NULL)
    return FALSE;

  gtk_widget_activate_action (widget, action, NULL);
  return TRUE;
}

/* Properties */

static void
set_onion_skin (ResellStudio *self,
                gboolean      onion_skin)
{
  onion_skin = !!onion_skin;
  if (self->onion_skin == onion_skin)
    return;
  self->onion_skin = onion_skin;
  gtk_widget_set_sensitive (GTK_WIDGET (self->opacity_scale), onion_skin);
  refresh_display (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONION_SKIN]);
}

static void
resell_studio_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  ResellStudio *self = RESELL_STUDIO (object);

  switch (prop_id)
    {
    case PROP_ONION_SKIN:
      g_value_set_boolean (value, self->onion_skin);
      break;
    case PROP_LIVE_VIEW:
      g_value_set_boolean (value, self->live_view);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_studio_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  ResellStudio *self = RESELL_STUDIO (object);

  switch (prop_id)
    {
    case PROP_ONION_SKIN:
      set_onion_skin (self, g_value_get_boolean (value));
      break;
    case PROP_LIVE_VIEW:
      set_live_view (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
on_opacity_changed (ResellStudio *self)
{
  refresh_display (self);
}

/* Life */

static void
resell_studio_dispose (GObject *object)
{
  ResellStudio *self = (ResellStudio *)object;

  adopt_camera (self, NULL);
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->attach_cancellable);
  g_cancellable_cancel (self->live_cancellable);
  g_cancellable_cancel (self->connect_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), RESELL_TYPE_STUDIO);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->attach_cancellable);
  g_clear_object (&self->live_cancellable);
  g_clear_object (&self->connect_cancellable);
  g_clear_object (&self->live_frame);
  g_clear_object (&self->last_capture);
  g_clear_object (&self->item);
  g_clear_object (&self->category);
  g_clear_object (&self->monitor);
  g_clear_object (&self->importer);
  g_clear_object (&self->catalog);
  g_clear_object (&self->thumbnailer);
  g_clear_object (&self->settings);
  g_clear_error (&self->connect_error);
  g_clear_pointer (&self->photos, g_ptr_array_unref);
  g_clear_pointer (&self->reports, g_hash_table_unref);
  g_clear_pointer (&self->onion, g_hash_table_unref);
  g_clear_pointer (&self->claimed, g_hash_table_unref);
  g_clear_pointer (&self->handled, g_hash_table_unref);
  g_queue_clear (&self->texture_order);
  g_clear_pointer (&self->textures, g_hash_table_unref);
  g_clear_pointer (&self->decoding, g_hash_table_unref);
  g_clear_pointer (&self->originals_dir, g_free);
  g_clear_pointer (&self->pending_path, g_free);
  g_clear_pointer (&self->retake_slot, g_free);

  G_OBJECT_CLASS (resell_studio_parent_class)->dispose (object);
}

static void
resell_studio_class_init (ResellStudioClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = resell_studio_dispose;
  object_class->get_property = resell_studio_get_property;
  object_class->set_property = resell_studio_set_property;

  properties[PROP_ONION_SKIN] =
    g_param_spec_boolean ("onion-skin", NULL, NULL, TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LIVE_VIEW] =
    g_param_spec_boolean ("live-view", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (RESELL_TYPE_CAMERA_CONTROLS);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Resell/ui/resell-studio.ui");
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, window_title);
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, live_button);
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, settings_button);
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, camera_controls);
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, banner_spinner);
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, banner_label);
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, banner_button);
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, shot_list);
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, shot_title_label);
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, guidance_label);
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, view_stack);
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, empty_page);
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, picture);
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, onion_picture);
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, picture_caption);
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, live_message);
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, check_box);
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, check_icon);
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, check_title);
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, check_problems);
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, retake_button);
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, mode_revealer);
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, mode_label);
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, capture_button);
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, capture_icon_stack);
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, capture_spinner);
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, camera_icon);
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, camera_model_label);
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, camera_state_label);
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, camera_details_label);
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, onion_button);
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, opacity_scale);
  gtk_widget_class_bind_template_child (widget_class, ResellStudio, opacity_adjustment);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_settings_popover_show);
  gtk_widget_class_bind_template_callback (widget_class, on_camera_controls_error);

  gtk_widget_class_install_action (widget_class, "studio.capture", NULL, capture_action);
  gtk_widget_class_install_action (widget_class, "studio.retake", NULL, retake_action);
  gtk_widget_class_install_action (widget_class, "studio.skip", NULL, skip_action);
  gtk_widget_class_install_action (widget_class, "studio.extra", NULL, extra_action);
  gtk_widget_class_install_action (widget_class, "studio.cancel-mode", NULL, cancel_mode_action);
  gtk_widget_class_install_action (widget_class, "studio.previous-shot", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "studio.next-shot", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "studio.move-earlier", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "studio.move-later", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "studio.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "studio.try-again", NULL, try_again_action);
  gtk_widget_class_install_property_action (widget_class, "studio.onion-skin", "onion-skin");
  gtk_widget_class_install_property_action (widget_class, "studio.live-view", "live-view");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "studio.move-earlier", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "studio.move-later", NULL);
}

static void
resell_studio_init (ResellStudio *self)
{
  GtkEventController *keys;
  GtkDropTarget *drop;

  self->onion_skin = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->attach_cancellable = g_cancellable_new ();
  self->live_cancellable = g_cancellable_new ();
  self->connect_cancellable = g_cancellable_new ();
  self->photos = g_ptr_array_new_with_free_func (g_object_unref);
  self->reports = new_report_table ();
  self->claimed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->handled = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->textures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->decoding = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_signal_connect_swapped (self->opacity_adjustment, "value-changed", G_CALLBACK (on_opacity_changed), self);

  /* Capture phase: Space captures even when a button or a row has the
   * keyboard, and a pedal's key is never taken by the focused widget. */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  update_capturing (self);
  update_camera_status (self);
  update_actions (self);
}

void
resell_studio_set_app_context (ResellStudio      *self,
                               ResellSettings    *settings,
                               ResellThumbnailer *thumbnailer)
{
  g_return_if_fail (RESELL_IS_STUDIO (self));

  g_set_object (&self->settings, settings);
  g_set_object (&self->thumbnailer, thumbnailer);

  if (settings != NULL)
    {
      g_object_bind_property (settings, "onion-skin", self, "onion-skin",
                              G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
      g_object_bind_property (settings, "onion-skin-opacity", self->opacity_adjustment, "value",
                              G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
    }
}

void
resell_studio_set_context (ResellStudio   *self,
                           ResellCatalog  *catalog,
                           ResellImporter *importer)
{
  g_return_if_fail (RESELL_IS_STUDIO (self));

  g_set_object (&self->catalog, catalog);
  g_set_object (&self->importer, importer);
}

void
resell_studio_open (ResellStudio        *self,
                    ResellItem          *item,
                    ResellCategory      *category,
                    ResellCameraMonitor *monitor)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (RESELL_IS_STUDIO (self));
  g_return_if_fail (RESELL_IS_ITEM (item));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  g_clear_object (&self->item);
  self->item = resell_item_copy (item);
  g_set_object (&self->category, category);
  g_clear_pointer (&self->originals_dir, g_free);
  g_ptr_array_set_size (self->photos, 0);
  g_hash_table_remove_all (self->reports);
  g_hash_table_remove_all (self->claimed);
  g_clear_pointer (&self->onion, g_hash_table_unref);
  g_clear_object (&self->last_capture);
  g_clear_pointer (&self->pending_path, g_free);
  set_mode (self, MODE_NEXT);
  self->active = TRUE;

  rebuild_rows (self);
  update_rows (self);
  show_guidance (self);
  refresh_display (self);
  load_photos (self, TRUE);

  if (self->catalog != NULL && resell_item_get_category (item)[0] != '\0')
    {
      task = g_task_new (self->catalog, self->cancellable, onion_found_cb, self);
      g_task_set_source_tag (task, resell_studio_open);
      g_task_set_task_data (task, resell_item_copy (item), g_object_unref);
      g_task_run_in_thread (task, onion_thread);
    }

  if (self->monitor != monitor)
    {
      if (self->monitor != NULL)
        g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_set_object (&self->monitor, monitor);
      if (monitor != NULL)
        {
          g_signal_connect_swapped (monitor, "items-changed", G_CALLBACK (on_cameras_changed), self);
          g_signal_connect_swapped (monitor, "notify::scanning", G_CALLBACK (refresh_camera), self);
          g_signal_connect_swapped (monitor, "notify::n-connected", G_CALLBACK (refresh_camera), self);
        }
    }

  /* Coming back after a failure is a new try. */
  g_clear_error (&self->connect_error);
  refresh_camera (self);
  update_camera_status (self);

  /* The keys of the studio work while the keyboard is in it. */
  if (!gtk_widget_grab_focus (GTK_WIDGET (self->capture_button)) && self->current != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->current));
}

void
resell_studio_close (ResellStudio *self)
{
  g_return_if_fail (RESELL_IS_STUDIO (self));

  self->active = FALSE;
  set_live_view (self, FALSE);
  set_mode (self, MODE_NEXT);
  sync_download_dir (self);
  /* Reads for the item stop; photos on their way are still attached. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

ResellItem *
resell_studio_get_item (ResellStudio *self)
{
  g_return_val_if_fail (RESELL_IS_STUDIO (self), NULL);
  return self->item;
}
