/* resell-camera.c — one camera, driven by its own owner thread
 *
 * The object lives on the thread that made it (normally the main thread);
 * libgphoto2 is only ever called on the camera's own thread.  The two talk
 * through a queue of commands one way, and idle sources attached to the
 * creator's main context the other way (results through GTask, property
 * changes and signals through Update).  The thread never holds a strong
 * reference to the object, only a weak one, so dropping the last reference
 * ends the thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-camera"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "storage/resell-atomic-file-private.h"

#include "resell-camera-private.h"

/* How long one gp_camera_wait_for_event call may block between commands:
 * short enough that a command waits little, long enough not to spin.  (The
 * ptp2 driver may take a little longer than asked.) */
#define EVENT_TIMEOUT_MS 50

/* Consecutive event-watch errors after which the camera is taken for gone,
 * so a camera that only answers errors cannot make the thread spin. */
#define MAX_EVENT_ERRORS 3

typedef enum
{
  CMD_CONNECT,
  CMD_DISCONNECT,
  CMD_CAPTURE,
  CMD_DOWNLOAD,
  CMD_PREVIEW,
  CMD_LIST_SETTINGS,
  CMD_GET_SETTING,
  CMD_SET_SETTING,
  CMD_QUIT,
} CommandKind;

typedef struct
{
  CommandKind  kind;
  /* Order of creation: a disconnect fails every command made before it. */
  guint        seq;
  GTask       *task;      /* NULL for disconnect and quit */
  char        *model;     /* connect */
  char        *port;      /* connect */
  char        *folder;    /* download */
  char        *name;      /* download, get and set setting */
  char        *value;     /* set setting */
  char        *dest_dir;  /* capture, download */
  gboolean     retried;   /* connect, after gvfs was asked to let go */
} Command;

/* A file the camera reported on its own, waiting for its RAW or JPEG twin. */
typedef struct
{
  char  *folder;
  char  *name;
  guint  drain;           /* the drain that reported it */
} PendingFile;

typedef struct
{
  gatomicrefcount  ref_count;
  GAsyncQueue     *queue;
  GMainContext    *main_context;
  GWeakRef         camera;

  /* Read by the thread when a photo arrives by itself; set from the main
   * thread at any time. */
  GMutex           lock;
  char            *download_dir;
  gboolean         delete_from_card;

  /* Everything below belongs to the owner thread alone. */
  Camera          *gp;
  GPContext       *context;
  CameraAbilities  abilities;
  char            *gp_message;        /* the driver's last error text */
  GCancellable    *cancellable;       /* of the command running now */
  gboolean         live_view;
  guint            discard_before;    /* commands older than this seq fail */
  GHashTable      *known_files;       /* "folder/name" seen or taken here */
  GPtrArray       *pending;           /* of PendingFile */
  guint            drain;
  guint            event_errors;
  gboolean         in_transfer;       /* a file is streaming off the card */
} Worker;

/* What the thread tells the object, applied on the creator's context. */
enum {
  UPDATE_STATE         = 1 << 0,
  UPDATE_SERIAL        = 1 << 1,
  UPDATE_LIVE_VIEW     = 1 << 2,
  UPDATE_BATTERY       = 1 << 3,
  UPDATE_STORAGE       = 1 << 4,
  UPDATE_LAST_ERROR    = 1 << 5,
};

typedef struct
{
  Worker            *worker;
  guint              fields;
  ResellCameraState  state;
  char              *serial;
  gboolean           has_live_view;
  char              *battery_level;
  gint64             free_bytes;
  int                free_images;
  char              *last_error;
  ResellCameraShot  *shot;          /* emit "shot-added" */
  GError            *failed;        /* emit "failed" */
  Command           *gvfs_command;  /* unmount gvfs, then queue this again */
} Update;

struct _ResellCamera
{
  GObject            parent_instance;

  Worker            *worker;
  GThread           *thread;

  char              *model;
  char              *port;
  char              *serial;
  char              *battery_level;
  char              *last_error;
  char              *download_dir;
  gint64             free_bytes;
  int                free_images;
  ResellCameraState  state;
  gboolean           has_live_view;
  gboolean           delete_from_card;
  gboolean           wants_connection;
};

G_DEFINE_FINAL_TYPE (ResellCamera, resell_camera, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (ResellCameraState, resell_camera_state,
  G_DEFINE_ENUM_VALUE (RESELL_CAMERA_STATE_DISCONNECTED, "disconnected"),
  G_DEFINE_ENUM_VALUE (RESELL_CAMERA_STATE_CONNECTING, "connecting"),
  G_DEFINE_ENUM_VALUE (RESELL_CAMERA_STATE_READY, "ready"),
  G_DEFINE_ENUM_VALUE (RESELL_CAMERA_STATE_BUSY, "busy"))

enum {
  PROP_0,
  PROP_MODEL,
  PROP_PORT,
  PROP_SERIAL,
  PROP_STATE,
  PROP_HAS_LIVE_VIEW,
  PROP_BATTERY_LEVEL,
  PROP_FREE_BYTES,
  PROP_FREE_IMAGES,
  PROP_LAST_ERROR,
  PROP_DOWNLOAD_DIR,
  PROP_DELETE_FROM_CARD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SHOT_ADDED,
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The roles a photographer needs, each with the config names cameras use
 * for it, most common first.  "capturetarget" is where the camera stores
 * photos (card or RAM), not their format, so it is not listed. */
static const struct {
  const char *role;
  const char *names[3];
} setting_roles[] = {
  { "iso",           { "iso", "isospeed", NULL } },
  { "aperture",      { "f-number", "aperture", NULL } },
  { "shutter-speed", { "shutterspeed", "shutterspeed2", NULL } },
  { "white-balance", { "whitebalance", NULL } },
  { "image-format",  { "imageformat", "imagequality", NULL } },
};

static guint command_seq;

/* Commands ---------------------------------------------------------------- */

static Command *
command_new (CommandKind kind,
             GTask       *task)
{
  Command *cmd = g_new0 (Command, 1);

  cmd->kind = kind;
  cmd->task = task;
  cmd->seq = (guint)g_atomic_int_add ((int *)&command_seq, 1) + 1;

  return cmd;
}

static void
command_free (gpointer data)
{
  Command *cmd = data;

  g_clear_object (&cmd->task);
  g_free (cmd->model);
  g_free (cmd->port);
  g_free (cmd->folder);
  g_free (cmd->name);
  g_free (cmd->value);
  g_free (cmd->dest_dir);
  g_free (cmd);
}

/* Worker ------------------------------------------------------------------ */

static void
pending_file_free (gpointer data)
{
  PendingFile *file = data;

  g_free (file->folder);
  g_free (file->name);
  g_free (file);
}

static Worker *
worker_new (ResellCamera *camera)
{
  Worker *w = g_new0 (Worker, 1);

  g_atomic_ref_count_init (&w->ref_count);
  w->queue = g_async_queue_new_full (command_free);
  w->main_context = g_main_context_ref_thread_default ();
  g_weak_ref_init (&w->camera, camera);
  g_mutex_init (&w->lock);
  w->known_files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  w->pending = g_ptr_array_new_with_free_func (pending_file_free);

  return w;
}

static Worker *
worker_ref (Worker *w)
{
  g_atomic_ref_count_inc (&w->ref_count);

  return w;
}

static void
worker_unref (Worker *w)
{
  if (!g_atomic_ref_count_dec (&w->ref_count))
    return;

  g_assert (w->gp == NULL);

  g_async_queue_unref (w->queue);
  g_main_context_unref (w->main_context);
  g_weak_ref_clear (&w->camera);
  g_mutex_clear (&w->lock);
  g_free (w->download_dir);
  g_free (w->gp_message);
  g_hash_table_unref (w->known_files);
  g_ptr_array_unref (w->pending);
  g_free (w);
}

/* Updates: from the thread to the object ---------------------------------- */

static Update *
update_new (Worker *w)
{
  Update *u = g_new0 (Update, 1);

  u->worker = worker_ref (w);

  return u;
}

static void
update_free (gpointer data)
{
  Update *u = data;

  g_free (u->serial);
  g_free (u->battery_level);
  g_free (u->last_error);
  g_clear_object (&u->shot);
  g_clear_error (&u->failed);
  g_clear_pointer (&u->gvfs_command, command_free);
  worker_unref (u->worker);
  g_free (u);
}

static void
update_set_state (Update            *u,
                  ResellCameraState  state)
{
  u->fields |= UPDATE_STATE;
  u->state = state;
}

static void
update_set_last_error (Update     *u,
                       const char *message)
{
  u->fields |= UPDATE_LAST_ERROR;
  g_free (u->last_error);
  u->last_error = g_strdup (message);
}

static gboolean apply_update (gpointer data);

/* An idle source rather than g_main_context_invoke(): invoke would run the
 * update right here, on the camera's thread, whenever the creator's
 * context is the global default and happens to be free. */
static void
update_post (Update *u)
{
  GSource *source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, apply_update, u, update_free);
  g_source_set_static_name (source, "[resell] camera update");
  g_source_attach (source, u->worker->main_context);
  g_source_unref (source);
}

static void
post_state (Worker            *w,
            ResellCameraState  state)
{
  Update *u = update_new (w);

  update_set_state (u, state);
  update_post (u);
}

/* Owner thread: libgphoto2 context ----------------------------------------- */

static void
context_error_func (GPContext  *context,
                    const char *text,
                    void       *data)
{
  Worker *w = data;

  g_debug ("Camera error: %s", text);

  /* Kept for the sentence: the driver often knows best what went wrong. */
  g_free (w->gp_message);
  w->gp_message = g_strdup (text);
}

static void
context_status_func (GPContext  *context,
                     const char *text,
                     void       *data)
{
  g_debug ("Camera status: %s", text);
}

static void
context_message_func (GPContext  *context,
                      const char *text,
                      void       *data)
{
  Worker *w = data;

  g_debug ("Camera message: %s", text);

  if (w->gp_message == NULL)
    w->gp_message = g_strdup (text);
}

/* libgphoto2 asks this while it waits on the camera; the answer comes
 * from the running command's GCancellable, which any thread may cancel.
 *
 * Not while a file streams off the card, though: ptp2 then cuts the
 * transfer and asks the camera to drop the rest, which not every camera
 * does.  The virtual one answers the next request with the rest of the
 * file, and the session never recovers (even closing it hangs).  A photo
 * takes well under a second to transfer, so the cancel waits for its end
 * and the downloaded file is thrown away (see save_file). */
static GPContextFeedback
context_cancel_func (GPContext *context,
                     void      *data)
{
  Worker *w = data;

  if (w->cancellable != NULL && !w->in_transfer && g_cancellable_is_cancelled (w->cancellable))
    return GP_CONTEXT_FEEDBACK_CANCEL;

  return GP_CONTEXT_FEEDBACK_OK;
}

/* Sets @error from @ret, as cancellation when the command was cancelled:
 * drivers answer a cancel in various ways (ptp2 sometimes with an I/O
 * error), and the caller asked for it either way. */
static void
set_gp_error (Worker          *w,
              GError         **error,
              int              ret,
              ResellCameraOp   op)
{
  if (w->cancellable != NULL && g_cancellable_is_cancelled (w->cancellable))
    ret = GP_ERROR_CANCEL;

  resell_camera_set_gp_error (error, ret, op, w->gp_message);
}

static void
set_not_connected (GError **error)
{
  g_set_error_literal (error, RESELL_CAMERA_ERROR, RESELL_CAMERA_ERROR_NOT_READY,
                       _("The camera is not connected. Connect it, then try again."));
}

/* Closes the camera after it stopped answering: nothing more can be done
 * with it until the monitor finds it again. */
static void
lose_camera (Worker       *w,
             const GError *error,
             gboolean      emit_failed)
{
  Update *u;

  /* Files still waiting for their twin stay listed (a download may be
   * using their names right now); the next connect starts afresh. */
  resell_camera_gp_close (&w->gp, w->context);

  u = update_new (w);
  update_set_state (u, RESELL_CAMERA_STATE_DISCONNECTED);
  update_set_last_error (u, error->message);
  if (emit_failed)
    u->failed = g_error_copy (error);
  update_post (u);
}

/* After a failed command: a camera that is gone is closed. */
static void
check_gone (Worker       *w,
            int           ret,
            const GError *error)
{
  if (w->gp != NULL && resell_camera_gp_result_is_gone (ret) &&
      !(w->cancellable != NULL && g_cancellable_is_cancelled (w->cancellable)))
    lose_camera (w, error, FALSE);
}

/* Owner thread: settings --------------------------------------------------- */

/* Finds the widget of config @name.  One value at a time where the driver
 * can (gp_camera_get_single_config); else from the whole tree, which is
 * fetched once into *tree and kept for further lookups.  *widget belongs to
 * *owned (the single widget) or to *tree. */
static int
find_widget (Worker        *w,
             const char    *name,
             CameraWidget **tree,
             CameraWidget **owned,
             CameraWidget **widget)
{
  int ret;

  *owned = NULL;
  *widget = NULL;

  if (*tree == NULL)
    {
      ret = gp_camera_get_single_config (w->gp, name, owned, w->context);
      if (ret >= GP_OK)
        {
          *widget = *owned;
          return ret;
        }

      if (resell_camera_gp_result_is_gone (ret))
        return ret;

      if ((ret = gp_camera_get_config (w->gp, tree, w->context)) < GP_OK)
        return ret;
    }

  ret = gp_widget_get_child_by_name (*tree, name, widget);
  if (ret < GP_OK)
    ret = gp_widget_get_child_by_label (*tree, name, widget);

  return ret;
}

static const char *
role_for_name (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (setting_roles); i++)
    for (guint j = 0; setting_roles[i].names[j] != NULL; j++)
      if (g_str_equal (setting_roles[i].names[j], name))
        return setting_roles[i].role;

  return name;
}

static ResellCameraSetting *
setting_from_widget (CameraWidget *widget,
                     const char   *name,
                     const char   *role)
{
  g_autoptr(ResellCameraSetting) setting = NULL;
  g_autofree char *value = NULL;
  ResellCameraSettingKind kind;
  CameraWidgetType type;
  const char *label = NULL;
  int read_only = 0;

  if (gp_widget_get_type (widget, &type) < GP_OK)
    return NULL;

  gp_widget_get_label (widget, &label);
  gp_widget_get_readonly (widget, &read_only);

  switch (type)
    {
    case GP_WIDGET_RADIO:
    case GP_WIDGET_MENU:
    case GP_WIDGET_TEXT:
      {
        const char *text = NULL;

        gp_widget_get_value (widget, &text);
        value = g_strdup (text != NULL ? text : "");
        kind = type == GP_WIDGET_TEXT ? RESELL_CAMERA_SETTING_TEXT : RESELL_CAMERA_SETTING_CHOICE;
      }
      break;

    case GP_WIDGET_TOGGLE:
      {
        int on = 0;

        gp_widget_get_value (widget, &on);
        value = g_strdup (on ? "1" : "0");
        kind = RESELL_CAMERA_SETTING_TOGGLE;
      }
      break;

    case GP_WIDGET_RANGE:
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];
        float number = 0;

        gp_widget_get_value (widget, &number);
        value = g_strdup (g_ascii_formatd (buf, sizeof buf, "%g", number));
        kind = RESELL_CAMERA_SETTING_RANGE;
      }
      break;

    case GP_WIDGET_DATE:
      {
        int seconds = 0;

        gp_widget_get_value (widget, &seconds);
        value = g_strdup_printf ("%d", seconds);
        kind = RESELL_CAMERA_SETTING_TEXT;
      }
      break;

    case GP_WIDGET_WINDOW:
    case GP_WIDGET_SECTION:
    case GP_WIDGET_BUTTON:
    default:
      return NULL;
    }

  setting = resell_camera_setting_new (name, role, label, kind, value, read_only != 0);

  if (kind == RESELL_CAMERA_SETTING_CHOICE)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) choices = NULL;
      int n = gp_widget_count_choices (widget);

      for (int i = 0; i < n; i++)
        {
          const char *choice = NULL;

          if (gp_widget_get_choice (widget, i, &choice) >= GP_OK && choice != NULL)
            g_strv_builder_add (builder, choice);
        }

      choices = g_strv_builder_end (builder);
      resell_camera_setting_set_choices (setting, (const char * const *)choices);
    }

  return g_steal_pointer (&setting);
}

static void
free_widgets (CameraWidget **tree,
              CameraWidget **owned)
{
  if (*owned != NULL)
    gp_widget_free (*owned);
  if (*tree != NULL)
    gp_widget_free (*tree);
  *owned = NULL;
  *tree = NULL;
}

static void
set_no_such_setting (GError     **error,
                     const char  *name)
{
  g_set_error (error, RESELL_CAMERA_ERROR, RESELL_CAMERA_ERROR_NOT_SUPPORTED,
               _("This camera has no setting called “%s”."), name);
}

static ResellCameraSetting *
read_setting (Worker      *w,
              const char  *name,
              GError     **error)
{
  CameraWidget *tree = NULL;
  CameraWidget *owned = NULL;
  CameraWidget *widget = NULL;
  ResellCameraSetting *setting = NULL;
  g_autoptr(GError) local_error = NULL;
  int ret;

  ret = find_widget (w, name, &tree, &owned, &widget);
  if (ret < GP_OK)
    {
      if (resell_camera_gp_result_is_gone (ret) || ret == GP_ERROR_CANCEL)
        {
          set_gp_error (w, &local_error, ret, RESELL_CAMERA_OP_SETTINGS);
          check_gone (w, ret, local_error);
        }
      else
        set_no_such_setting (&local_error, name);
    }
  else if ((setting = setting_from_widget (widget, name, role_for_name (name))) == NULL)
    set_no_such_setting (&local_error, name);

  free_widgets (&tree, &owned);

  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return setting;
}

/* The value of a text or choice config, or NULL. */
static char *
read_text (Worker     *w,
           const char *name)
{
  g_autoptr(ResellCameraSetting) setting = read_setting (w, name, NULL);
  const char *value;

  if (setting == NULL)
    return NULL;

  value = resell_camera_setting_get_value (setting);
  if (value == NULL || value[0] == '\0')
    return NULL;

  return g_strstrip (g_strdup (value));
}

static GPtrArray *
list_settings (Worker  *w,
               GError **error)
{
  g_autoptr(GPtrArray) settings = g_ptr_array_new_with_free_func (g_object_unref);
  CameraWidget *tree = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (setting_roles); i++)
    {
      for (guint j = 0; setting_roles[i].names[j] != NULL; j++)
        {
          const char *name = setting_roles[i].names[j];
          CameraWidget *owned = NULL;
          CameraWidget *widget = NULL;
          ResellCameraSetting *setting = NULL;
          int ret;

          ret = find_widget (w, name, &tree, &owned, &widget);
          if (ret >= GP_OK)
            setting = setting_from_widget (widget, name, setting_roles[i].role);

          if (owned != NULL)
            gp_widget_free (owned);

          if (resell_camera_gp_result_is_gone (ret) || ret == GP_ERROR_CANCEL)
            {
              if (tree != NULL)
                gp_widget_free (tree);
              set_gp_error (w, error, ret, RESELL_CAMERA_OP_SETTINGS);
              check_gone (w, ret, *error);
              return NULL;
            }

          if (setting != NULL)
            {
              g_ptr_array_add (settings, setting);
              break;
            }
        }
    }

  if (tree != NULL)
    gp_widget_free (tree);

  return g_steal_pointer (&settings);
}

static gboolean
validate_value (CameraWidget  *widget,
                const char    *name,
                const char    *value,
                GError       **error)
{
  CameraWidgetType type;
  const char *label = NULL;
  int read_only = 0;

  gp_widget_get_type (widget, &type);
  gp_widget_get_label (widget, &label);
  gp_widget_get_readonly (widget, &read_only);

  if (label == NULL || label[0] == '\0')
    label = name;

  if (read_only)
    {
      g_set_error (error, RESELL_CAMERA_ERROR, RESELL_CAMERA_ERROR_BAD_VALUE,
                   _("The camera does not allow changing “%s”."), label);
      return FALSE;
    }

  switch (type)
    {
    case GP_WIDGET_RADIO:
    case GP_WIDGET_MENU:
      {
        int n = gp_widget_count_choices (widget);

        for (int i = 0; i < n; i++)
          {
            const char *choice = NULL;

            if (gp_widget_get_choice (widget, i, &choice) >= GP_OK &&
                g_strcmp0 (choice, value) == 0)
              return TRUE;
          }

        g_set_error (error, RESELL_CAMERA_ERROR, RESELL_CAMERA_ERROR_BAD_VALUE,
                     _("“%s” is not a value this camera offers for “%s”. Choose one of the values shown."),
                     value, label);
        return FALSE;
      }

    case GP_WIDGET_TOGGLE:
      if (g_strcmp0 (value, "0") == 0 || g_strcmp0 (value, "1") == 0)
        return TRUE;

      g_set_error (error, RESELL_CAMERA_ERROR, RESELL_CAMERA_ERROR_BAD_VALUE,
                   _("“%s” can only be switched on or off."), label);
      return FALSE;

    case GP_WIDGET_RANGE:
      {
        float min = 0, max = 0, step = 0;
        char *end = NULL;
        double number = g_ascii_strtod (value, &end);

        gp_widget_get_range (widget, &min, &max, &step);

        if (end != value && *end == '\0' && number >= min && number <= max)
          return TRUE;

        g_set_error (error, RESELL_CAMERA_ERROR, RESELL_CAMERA_ERROR_BAD_VALUE,
                     _("“%s” must be a number from %g to %g."), label, (double)min, (double)max);
        return FALSE;
      }

    case GP_WIDGET_DATE:
      {
        gint64 seconds;

        if (g_ascii_string_to_signed (value, 10, G_MININT, G_MAXINT, &seconds, NULL))
          return TRUE;

        g_set_error (error, RESELL_CAMERA_ERROR, RESELL_CAMERA_ERROR_BAD_VALUE,
                     _("“%s” must be a date."), label);
        return FALSE;
      }

    case GP_WIDGET_TEXT:
      return TRUE;

    case GP_WIDGET_WINDOW:
    case GP_WIDGET_SECTION:
    case GP_WIDGET_BUTTON:
    default:
      set_no_such_setting (error, name);
      return FALSE;
    }
}

static int
widget_set_value (CameraWidget *widget,
                  const char   *value)
{
  CameraWidgetType type;

  gp_widget_get_type (widget, &type);

  switch (type)
    {
    case GP_WIDGET_TOGGLE:
    case GP_WIDGET_DATE:
      {
        int number = atoi (value);

        return gp_widget_set_value (widget, &number);
      }

    case GP_WIDGET_RANGE:
      {
        float number = (float)g_ascii_strtod (value, NULL);

        return gp_widget_set_value (widget, &number);
      }

    case GP_WIDGET_RADIO:
    case GP_WIDGET_MENU:
    case GP_WIDGET_TEXT:
    case GP_WIDGET_WINDOW:
    case GP_WIDGET_SECTION:
    case GP_WIDGET_BUTTON:
    default:
      return gp_widget_set_value (widget, value);
    }
}

static gboolean
write_setting (Worker      *w,
               const char  *name,
               const char  *value,
               GError     **error)
{
  CameraWidget *tree = NULL;
  CameraWidget *owned = NULL;
  CameraWidget *widget = NULL;
  gboolean ok = FALSE;
  int ret;

  ret = find_widget (w, name, &tree, &owned, &widget);
  if (ret < GP_OK)
    {
      if (resell_camera_gp_result_is_gone (ret) || ret == GP_ERROR_CANCEL)
        {
          set_gp_error (w, error, ret, RESELL_CAMERA_OP_SETTINGS);
          check_gone (w, ret, *error);
        }
      else
        set_no_such_setting (error, name);
      goto out;
    }

  /* Checked here because cameras accept values they do not offer (the
   * virtual one takes "f/99") and then behave in undefined ways. */
  if (!validate_value (widget, name, value, error))
    goto out;

  if ((ret = widget_set_value (widget, value)) < GP_OK)
    {
      set_gp_error (w, error, ret, RESELL_CAMERA_OP_SETTINGS);
      goto out;
    }

  if (owned != NULL)
    {
      ret = gp_camera_set_single_config (w->gp, name, owned, w->context);

      /* Older drivers only write whole trees. */
      if (ret == GP_ERROR_NOT_SUPPORTED)
        {
          gp_widget_free (owned);
          owned = NULL;
          if ((ret = find_widget (w, name, &tree, &owned, &widget)) >= GP_OK &&
              (ret = widget_set_value (widget, value)) >= GP_OK)
            ret = gp_camera_set_config (w->gp, tree, w->context);
        }
    }
  else
    ret = gp_camera_set_config (w->gp, tree, w->context);

  if (ret < GP_OK)
    {
      set_gp_error (w, error, ret, RESELL_CAMERA_OP_SETTINGS);
      check_gone (w, ret, *error);
      goto out;
    }

  ok = TRUE;

out:
  free_widgets (&tree, &owned);

  return ok;
}

/* Owner thread: status ----------------------------------------------------- */

static void
read_status (Worker *w,
             Update *u)
{
  CameraStorageInformation *storages = NULL;
  int n_storages = 0;

  u->fields |= UPDATE_BATTERY | UPDATE_STORAGE;
  u->battery_level = read_text (w, "batterylevel");
  u->free_bytes = -1;
  u->free_images = -1;

  if (gp_camera_get_storageinfo (w->gp, &storages, &n_storages, w->context) < GP_OK)
    return;

  for (int i = 0; i < n_storages; i++)
    {
      if (storages[i].fields & GP_STORAGEINFO_FREESPACEKBYTES)
        u->free_bytes = MAX (u->free_bytes, 0) + (gint64)storages[i].freekbytes * 1024;

      if (storages[i].fields & GP_STORAGEINFO_FREESPACEIMAGES)
        u->free_images = MAX (u->free_images, 0) + (int)MIN (storages[i].freeimages, (guint64)G_MAXINT);
    }

  free (storages);
}

/* Owner thread: downloads -------------------------------------------------- */

static char *
file_key (const char *folder,
          const char *name)
{
  return g_strconcat (folder, "/", name, NULL);
}

static gboolean
is_jpeg (const char *name)
{
  const char *dot = strrchr (name, '.');

  return dot != NULL && (g_ascii_strcasecmp (dot, ".jpg") == 0 ||
                         g_ascii_strcasecmp (dot, ".jpeg") == 0);
}

static char *
dup_stem (const char *name)
{
  const char *dot = strrchr (name, '.');

  return dot != NULL && dot != name ? g_strndup (name, dot - name) : g_strdup (name);
}

static void
set_save_error (GError       **error,
                const GError  *cause)
{
  /* The atomic file's sentence already names the photo and says what to do. */
  g_set_error_literal (error, RESELL_CAMERA_ERROR, RESELL_CAMERA_ERROR_SAVE_FAILED, cause->message);
}

/* Streams one file off the card into @dest_dir: temporary name, fsync,
 * rename.  On any failure nothing is left in @dest_dir. */
static ResellAtomicFile *
save_file (Worker      *w,
           const char  *folder,
           const char  *name,
           const char  *dest_dir,
           GError     **error)
{
  g_autoptr(ResellAtomicFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = g_filename_display_name (name);
  CameraFile *camera_file = NULL;
  int fd;
  int ret;

  /* The camera's own name where it is free, else "DSC_0001-2.JPG": a
   * retake never replaces the photo it retakes. */
  for (guint attempt = 1; file == NULL && attempt <= RESELL_FILE_MAX_NAME_ATTEMPTS; attempt++)
    {
      g_autofree char *candidate = resell_file_dup_candidate_name (name, attempt);

      g_clear_error (&local_error);
      file = resell_atomic_file_new (dest_dir, candidate, &local_error);

      if (file == NULL && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        break;
    }

  if (file == NULL)
    {
      set_save_error (error, local_error);
      return NULL;
    }

  /* gp_file_unref closes the descriptor it was given; the atomic file
   * keeps its own for the fsync and the sha256. */
  fd = dup (resell_atomic_file_get_fd (file));
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, RESELL_CAMERA_ERROR, RESELL_CAMERA_ERROR_SAVE_FAILED,
                   _("Could not save “%s”: %s."), display, g_strerror (saved_errno));
      return NULL;
    }

  if ((ret = gp_file_new_from_fd (&camera_file, fd)) < GP_OK)
    {
      close (fd);
      set_gp_error (w, error, ret, RESELL_CAMERA_OP_DOWNLOAD);
      return NULL;
    }

  w->in_transfer = TRUE;
  ret = gp_camera_file_get (w->gp, folder, name, GP_FILE_TYPE_NORMAL, camera_file, w->context);
  w->in_transfer = FALSE;
  gp_file_unref (camera_file);

  if (ret < GP_OK)
    {
      g_debug ("Downloading %s/%s failed: %s", folder, name, gp_result_as_string (ret));

      set_gp_error (w, error, ret, RESELL_CAMERA_OP_DOWNLOAD);
      check_gone (w, ret, *error);
      return NULL;
    }

  /* The cancel asked for during the transfer takes effect here: the
   * temporary file goes, nothing is left. */
  if (g_cancellable_set_error_if_cancelled (w->cancellable, error))
    return NULL;

  if (!resell_atomic_file_note_written (file, &local_error))
    {
      set_save_error (error, local_error);
      return NULL;
    }

  if (resell_atomic_file_get_size (file) == 0)
    {
      g_set_error (error, RESELL_CAMERA_ERROR, RESELL_CAMERA_ERROR_FAILED,
                   _("The camera sent “%s” as an empty file. Take the photo again."), display);
      return NULL;
    }

  if (!resell_atomic_file_commit (file, &local_error))
    {
      set_save_error (error, local_error);
      return NULL;
    }

  return g_steal_pointer (&file);
}

/* Downloads a shot: one file, or a JPEG with its RAW.  Both are saved or
 * neither; they are deleted from the card (if asked) only once both are. */
static ResellCameraShot *
download_shot (Worker      *w,
               const char  *folder,
               const char  *name,
               const char  *companion_folder,
               const char  *companion_name,
               const char  *dest_dir,
               gboolean     from_camera_shutter,
               gboolean     delete_from_card,
               GError     **error)
{
  g_autoptr(ResellAtomicFile) file = NULL;
  g_autoptr(ResellAtomicFile) companion = NULL;
  const char *companion_path = NULL;

  if ((file = save_file (w, folder, name, dest_dir, error)) == NULL)
    return NULL;

  if (companion_name != NULL)
    {
      if ((companion = save_file (w, companion_folder, companion_name, dest_dir, error)) == NULL)
        {
          /* Still on the card: a retry gets both. */
          g_unlink (resell_atomic_file_get_path (file));
          return NULL;
        }

      companion_path = resell_atomic_file_get_path (companion);
    }

  if (delete_from_card && w->gp != NULL)
    {
      int ret;

      /* The photo is safe here; a card that refuses to let go of it only
       * means it stays there too. */
      if ((ret = gp_camera_file_delete (w->gp, folder, name, w->context)) < GP_OK)
        g_debug ("Could not delete %s/%s from the card: %s", folder, name, gp_result_as_string (ret));

      if (companion_name != NULL &&
          (ret = gp_camera_file_delete (w->gp, companion_folder, companion_name, w->context)) < GP_OK)
        g_debug ("Could not delete %s/%s from the card: %s",
                 companion_folder, companion_name, gp_result_as_string (ret));
    }

  return resell_camera_shot_new (resell_atomic_file_get_path (file),
                                 resell_atomic_file_get_sha256 (file),
                                 companion_path,
                                 folder, name,
                                 from_camera_shutter);
}

/* Owner thread: events ----------------------------------------------------- */

static void
note_new_file (Worker           *w,
               const CameraFilePath *path)
{
  g_autofree char *key = file_key (path->folder, path->name);
  PendingFile *file;

  /* FILE_CHANGED follows FILE_ADDED on some cameras, and a capture's own
   * file may be announced again: each file is taken once. */
  if (g_hash_table_contains (w->known_files, key))
    return;

  g_hash_table_add (w->known_files, g_steal_pointer (&key));

  file = g_new0 (PendingFile, 1);
  file->folder = g_strdup (path->folder);
  file->name = g_strdup (path->name);
  file->drain = w->drain;
  g_ptr_array_add (w->pending, file);
}

/* Reads events until the camera has nothing more to say, or, with
 * @yield_to_commands, until a command is waiting: a camera chattering about
 * its settings must not hold up a capture.  What was not read stays queued
 * in the driver for the next drain.  Returns FALSE when the camera is gone. */
static gboolean
drain_events (Worker   *w,
              gboolean  yield_to_commands)
{
  for (;;)
    {
      CameraEventType type = GP_EVENT_UNKNOWN;
      void *data = NULL;
      int ret;

      ret = gp_camera_wait_for_event (w->gp, EVENT_TIMEOUT_MS, &type, &data, w->context);

      if (ret < GP_OK)
        {
          g_autoptr(GError) error = NULL;

          free (data);

          if (ret == GP_ERROR_CANCEL)
            return TRUE;

          resell_camera_set_gp_error (&error, ret, RESELL_CAMERA_OP_EVENTS, w->gp_message);
          g_debug ("Waiting for camera events failed: %s", error->message);

          if (resell_camera_gp_result_is_gone (ret) || ++w->event_errors >= MAX_EVENT_ERRORS)
            {
              lose_camera (w, error, TRUE);
              return FALSE;
            }

          return TRUE;
        }

      w->event_errors = 0;

      switch (type)
        {
        case GP_EVENT_FILE_ADDED:
        case GP_EVENT_FILE_CHANGED:
          if (data != NULL)
            note_new_file (w, data);
          break;

        case GP_EVENT_UNKNOWN:
          if (data != NULL)
            g_debug ("Camera event: %s", (const char *)data);
          break;

        case GP_EVENT_TIMEOUT:
        case GP_EVENT_FOLDER_ADDED:
        case GP_EVENT_CAPTURE_COMPLETE:
        default:
          break;
        }

      /* Every event's data is the caller's, whatever its type. */
      free (data);

      if (type == GP_EVENT_TIMEOUT)
        return TRUE;

      if (yield_to_commands && g_async_queue_length (w->queue) > 0)
        return TRUE;
    }
}

static void
post_failed (Worker       *w,
             const GError *error)
{
  Update *u = update_new (w);

  update_set_last_error (u, error->message);
  u->failed = g_error_copy (error);
  update_post (u);
}

/* Turns the files the camera announced by itself into shots: a RAW and
 * JPEG of the same name as one, a lone file once it has waited one drain
 * for a twin that did not come. */
static void
process_pending (Worker *w)
{
  g_autofree char *dest_dir = NULL;
  gboolean delete_from_card;

  if (w->pending->len == 0)
    return;

  g_mutex_lock (&w->lock);
  dest_dir = g_strdup (w->download_dir);
  delete_from_card = w->delete_from_card;
  g_mutex_unlock (&w->lock);

  if (dest_dir == NULL)
    {
      /* Left on the card; download_async can still fetch them. */
      g_ptr_array_set_size (w->pending, 0);
      return;
    }

  for (guint i = 0; i < w->pending->len && w->gp != NULL;)
    {
      PendingFile *first = g_ptr_array_index (w->pending, i);
      g_autofree char *stem = dup_stem (first->name);
      g_autoptr(ResellCameraShot) shot = NULL;
      g_autoptr(GError) error = NULL;
      PendingFile *jpeg = NULL;
      PendingFile *other = NULL;
      PendingFile *primary;
      PendingFile *companion = NULL;
      gboolean waited = TRUE;

      for (guint j = i; j < w->pending->len; j++)
        {
          PendingFile *file = g_ptr_array_index (w->pending, j);
          g_autofree char *file_stem = dup_stem (file->name);

          if (!g_str_equal (file->folder, first->folder) || !g_str_equal (file_stem, stem))
            continue;

          if (is_jpeg (file->name) && jpeg == NULL)
            jpeg = file;
          else if (!is_jpeg (file->name) && other == NULL)
            other = file;

          if (file->drain + 1 >= w->drain)
            waited = FALSE;
        }

      if (!(jpeg != NULL && other != NULL) && !waited)
        {
          i++;
          continue;
        }

      primary = jpeg != NULL ? jpeg : other;
      if (jpeg != NULL && other != NULL)
        companion = other;

      shot = download_shot (w, primary->folder, primary->name,
                            companion != NULL ? companion->folder : NULL,
                            companion != NULL ? companion->name : NULL,
                            dest_dir, TRUE, delete_from_card, &error);

      if (shot != NULL)
        {
          Update *u = update_new (w);

          u->shot = g_steal_pointer (&shot);
          update_post (u);
        }
      else if (w->gp != NULL)
        post_failed (w, error);

      g_ptr_array_remove (w->pending, primary);
      if (companion != NULL)
        g_ptr_array_remove (w->pending, companion);
    }
}

static void
watch_events (Worker *w)
{
  /* An error now is not about the last command. */
  g_clear_pointer (&w->gp_message, g_free);

  if (!drain_events (w, TRUE))
    return;

  w->drain++;
  process_pending (w);
}

/* Owner thread: commands --------------------------------------------------- */

static void
reset_session (Worker *w)
{
  g_hash_table_remove_all (w->known_files);
  g_ptr_array_set_size (w->pending, 0);
  w->event_errors = 0;
}

/* Returns FALSE when the command was handed over (to gvfs) and must not
 * be freed. */
static gboolean
run_connect (Worker  *w,
             Command *cmd)
{
  g_autoptr(GError) error = NULL;
  Update *u;
  int ret;

  if (w->gp != NULL)
    {
      g_task_return_boolean (cmd->task, TRUE);
      return TRUE;
    }

  if (g_cancellable_set_error_if_cancelled (w->cancellable, &error))
    {
      post_state (w, RESELL_CAMERA_STATE_DISCONNECTED);
      g_task_return_error (cmd->task, g_steal_pointer (&error));
      return TRUE;
    }

  post_state (w, RESELL_CAMERA_STATE_CONNECTING);

  gp_camera_new (&w->gp);
  ret = resell_camera_gp_open (w->gp, cmd->model, cmd->port, &w->abilities, w->context);

  if (ret < GP_OK)
    resell_camera_gp_close (&w->gp, w->context);

  if (ret == GP_ERROR_IO_USB_CLAIM && !cmd->retried)
    {
      /* Most likely GNOME's file manager mounted the camera through gvfs,
       * which holds the USB device.  GIO can ask it to let go, but only
       * from the main context; the command comes back here after. */
      u = update_new (w);
      cmd->retried = TRUE;
      u->gvfs_command = cmd;
      update_post (u);
      return FALSE;
    }

  if (ret < GP_OK)
    {
      set_gp_error (w, &error, ret, RESELL_CAMERA_OP_CONNECT);

      u = update_new (w);
      update_set_state (u, RESELL_CAMERA_STATE_DISCONNECTED);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        update_set_last_error (u, error->message);
      update_post (u);

      g_task_return_error (cmd->task, g_steal_pointer (&error));
      return TRUE;
    }

  reset_session (w);
  w->live_view = (w->abilities.operations & GP_OPERATION_CAPTURE_PREVIEW) != 0;

  u = update_new (w);
  u->fields |= UPDATE_SERIAL | UPDATE_LIVE_VIEW | UPDATE_LAST_ERROR;
  u->serial = read_text (w, "serialnumber");
  u->has_live_view = w->live_view;
  read_status (w, u);
  update_set_state (u, RESELL_CAMERA_STATE_READY);

  g_debug ("Connected to %s at %s, serial %s", cmd->model, cmd->port,
           u->serial != NULL ? u->serial : "unknown");

  /* The main context owns it from here. */
  update_post (u);

  g_task_return_boolean (cmd->task, TRUE);

  return TRUE;
}

static void
run_disconnect (Worker  *w,
                Command *cmd)
{
  w->discard_before = cmd->seq;
  resell_camera_gp_close (&w->gp, w->context);
  reset_session (w);
  post_state (w, RESELL_CAMERA_STATE_DISCONNECTED);
}

/* Files the camera announces right after a capture: the RAW or JPEG twin
 * of the captured file, or photos taken meanwhile with its own shutter
 * (those go to the event watch). */
static PendingFile *
take_twin (Worker     *w,
           const char *folder,
           const char *name)
{
  g_autofree char *stem = dup_stem (name);

  if (!drain_events (w, FALSE))
    return NULL;

  for (guint i = 0; i < w->pending->len; i++)
    {
      PendingFile *file = g_ptr_array_index (w->pending, i);
      g_autofree char *file_stem = dup_stem (file->name);

      if (g_str_equal (file->folder, folder) && g_str_equal (file_stem, stem) &&
          is_jpeg (file->name) != is_jpeg (name))
        return g_ptr_array_steal_index (w->pending, i);
    }

  return NULL;
}

static void
run_capture (Worker  *w,
             Command *cmd)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  ResellCameraShot *shot = NULL;
  PendingFile *twin = NULL;
  CameraFilePath path = { { 0 }, { 0 } };
  gboolean delete_from_card;
  Update *u;
  int ret;

  post_state (w, RESELL_CAMERA_STATE_BUSY);

  ret = gp_camera_capture (w->gp, GP_CAPTURE_IMAGE, &path, w->context);
  if (ret < GP_OK)
    {
      g_debug ("Capture failed: %s", gp_result_as_string (ret));
      set_gp_error (w, &error, ret, RESELL_CAMERA_OP_CAPTURE);
      check_gone (w, ret, error);

      /* A capture cancelled while the camera was already shooting still
       * makes a photo, announced a moment later: it is nobody's shot, so
       * it stays on the card rather than arrive as the camera's own. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && w->gp != NULL)
        {
          guint drain = w->drain;

          w->cancellable = NULL;
          if (drain_events (w, FALSE))
            for (guint i = w->pending->len; i > 0; i--)
              if (((PendingFile *)g_ptr_array_index (w->pending, i - 1))->drain == drain)
                g_ptr_array_remove_index (w->pending, i - 1);
        }

      goto out;
    }

  /* The event watch must not report this photo again as the camera's. */
  key = file_key (path.folder, path.name);
  g_hash_table_add (w->known_files, g_steal_pointer (&key));

  twin = take_twin (w, path.folder, path.name);
  if (w->gp == NULL)
    {
      set_not_connected (&error);
      goto out;
    }

  g_mutex_lock (&w->lock);
  delete_from_card = w->delete_from_card;
  g_mutex_unlock (&w->lock);

  /* The JPEG is the shot; a RAW rides along as its companion. */
  if (twin != NULL && is_jpeg (twin->name))
    shot = download_shot (w, twin->folder, twin->name, path.folder, path.name,
                          cmd->dest_dir, FALSE, delete_from_card, &error);
  else
    shot = download_shot (w, path.folder, path.name,
                          twin != NULL ? twin->folder : NULL, twin != NULL ? twin->name : NULL,
                          cmd->dest_dir, FALSE, delete_from_card, &error);

out:
  g_clear_pointer (&twin, pending_file_free);

  if (w->gp != NULL)
    {
      /* Battery and card space change with every photo. */
      u = update_new (w);
      read_status (w, u);
      update_set_state (u, RESELL_CAMERA_STATE_READY);
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        update_set_last_error (u, error->message);
      update_post (u);
    }

  if (shot != NULL)
    g_task_return_pointer (cmd->task, shot, g_object_unref);
  else
    g_task_return_error (cmd->task, g_steal_pointer (&error));
}

static void
run_download (Worker  *w,
              Command *cmd)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = file_key (cmd->folder, cmd->name);
  ResellCameraShot *shot;
  gboolean delete_from_card;
  Update *u;

  g_hash_table_add (w->known_files, g_steal_pointer (&key));

  g_mutex_lock (&w->lock);
  delete_from_card = w->delete_from_card;
  g_mutex_unlock (&w->lock);

  post_state (w, RESELL_CAMERA_STATE_BUSY);

  shot = download_shot (w, cmd->folder, cmd->name, NULL, NULL, cmd->dest_dir,
                        FALSE, delete_from_card, &error);

  if (w->gp != NULL)
    {
      u = update_new (w);
      read_status (w, u);
      update_set_state (u, RESELL_CAMERA_STATE_READY);
      update_post (u);
    }

  if (shot != NULL)
    g_task_return_pointer (cmd->task, shot, g_object_unref);
  else
    g_task_return_error (cmd->task, g_steal_pointer (&error));
}

static void
run_preview (Worker  *w,
             Command *cmd)
{
  g_autoptr(GError) error = NULL;
  CameraFile *file = NULL;
  const char *data = NULL;
  unsigned long size = 0;
  GBytes *bytes;
  int ret;

  if (!w->live_view)
    {
      g_task_return_new_error (cmd->task, RESELL_CAMERA_ERROR, RESELL_CAMERA_ERROR_NOT_SUPPORTED,
                               _("This camera has no live view."));
      return;
    }

  gp_file_new (&file);
  ret = gp_camera_capture_preview (w->gp, file, w->context);

  if (ret < GP_OK)
    {
      gp_file_unref (file);
      set_gp_error (w, &error, ret, RESELL_CAMERA_OP_PREVIEW);

      /* Drivers claim the ability for whole families of cameras (the
       * virtual D750 does), so the first refusal is what counts. */
      if (ret == GP_ERROR_NOT_SUPPORTED)
        {
          Update *u = update_new (w);

          w->live_view = FALSE;
          u->fields |= UPDATE_LIVE_VIEW;
          u->has_live_view = FALSE;
          update_post (u);
        }

      check_gone (w, ret, error);
      g_task_return_error (cmd->task, g_steal_pointer (&error));
      return;
    }

  gp_file_get_data_and_size (file, &data, &size);
  bytes = g_bytes_new (data, size);
  gp_file_unref (file);

  g_task_return_pointer (cmd->task, bytes, (GDestroyNotify)g_bytes_unref);
}

static void
run_command (Worker  *w,
             Command *cmd)
{
  g_autoptr(GError) error = NULL;
  gboolean owned = TRUE;

  if (cmd->kind == CMD_DISCONNECT)
    {
      run_disconnect (w, cmd);
      command_free (cmd);
      return;
    }

  g_assert (cmd->task != NULL);

  g_clear_pointer (&w->gp_message, g_free);
  w->cancellable = g_task_get_cancellable (cmd->task);

  /* Connect checks its cancellable itself: it also has a state to undo. */
  if (cmd->seq < w->discard_before)
    set_not_connected (&error);
  else if (cmd->kind != CMD_CONNECT &&
           !g_cancellable_set_error_if_cancelled (w->cancellable, &error) &&
           w->gp == NULL)
    set_not_connected (&error);

  if (error != NULL)
    {
      if (cmd->kind == CMD_CONNECT)
        post_state (w, RESELL_CAMERA_STATE_DISCONNECTED);
      g_task_return_error (cmd->task, g_steal_pointer (&error));
      goto out;
    }

  switch (cmd->kind)
    {
    case CMD_CONNECT:
      owned = run_connect (w, cmd);
      break;

    case CMD_CAPTURE:
      run_capture (w, cmd);
      break;

    case CMD_DOWNLOAD:
      run_download (w, cmd);
      break;

    case CMD_PREVIEW:
      run_preview (w, cmd);
      break;

    case CMD_LIST_SETTINGS:
      {
        GPtrArray *settings = list_settings (w, &error);

        if (settings != NULL)
          g_task_return_pointer (cmd->task, settings, (GDestroyNotify)g_ptr_array_unref);
        else
          g_task_return_error (cmd->task, g_steal_pointer (&error));
      }
      break;

    case CMD_GET_SETTING:
      {
        ResellCameraSetting *setting = read_setting (w, cmd->name, &error);

        if (setting != NULL)
          g_task_return_pointer (cmd->task, setting, g_object_unref);
        else
          g_task_return_error (cmd->task, g_steal_pointer (&error));
      }
      break;

    case CMD_SET_SETTING:
      if (write_setting (w, cmd->name, cmd->value, &error))
        g_task_return_boolean (cmd->task, TRUE);
      else
        g_task_return_error (cmd->task, g_steal_pointer (&error));
      break;

    case CMD_DISCONNECT:
    case CMD_QUIT:
    default:
      g_assert_not_reached ();
    }

out:
  w->cancellable = NULL;

  if (owned)
    command_free (cmd);
}

static gpointer
worker_thread (gpointer data)
{
  Worker *w = data;

  w->context = gp_context_new ();
  gp_context_set_error_func (w->context, context_error_func, w);
  gp_context_set_status_func (w->context, context_status_func, w);
  gp_context_set_message_func (w->context, context_message_func, w);
  gp_context_set_cancel_func (w->context, context_cancel_func, w);

  for (;;)
    {
      Command *cmd;

      /* While connected, the camera is watched between commands; the
       * event wait's own timeout paces the loop.  Otherwise there is
       * nothing to do but wait for a command. */
      if (w->gp != NULL)
        cmd = g_async_queue_try_pop (w->queue);
      else
        cmd = g_async_queue_pop (w->queue);

      if (cmd == NULL)
        {
          watch_events (w);
          continue;
        }

      if (cmd->kind == CMD_QUIT)
        {
          command_free (cmd);
          break;
        }

      run_command (w, cmd);
    }

  resell_camera_gp_close (&w->gp, w->context);
  gp_context_unref (w->context);
  w->context = NULL;
  worker_unref (w);

  return NULL;
}

/* Main context ------------------------------------------------------------- */

static void
set_string (ResellCamera  *self,
            char         **field,
            const char    *value,
            guint          prop_id)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void start_gvfs_unmount (ResellCamera *self,
                                Command      *cmd);

static gboolean
apply_update (gpointer data)
{
  Update *u = data;
  g_autoptr(ResellCamera) self = g_weak_ref_get (&u->worker->camera);

  if (self == NULL)
    return G_SOURCE_REMOVE;

  g_object_freeze_notify (G_OBJECT (self));

  if (u->fields & UPDATE_SERIAL)
    set_string (self, &self->serial, u->serial, PROP_SERIAL);

  if ((u->fields & UPDATE_LIVE_VIEW) && self->has_live_view != u->has_live_view)
    {
      self->has_live_view = u->has_live_view;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_LIVE_VIEW]);
    }

  if (u->fields & UPDATE_BATTERY)
    set_string (self, &self->battery_level, u->battery_level, PROP_BATTERY_LEVEL);

  if (u->fields & UPDATE_STORAGE)
    {
      if (self->free_bytes != u->free_bytes)
        {
          self->free_bytes = u->free_bytes;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FREE_BYTES]);
        }

      if (self->free_images != u->free_images)
        {
          self->free_images = u->free_images;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FREE_IMAGES]);
        }
    }

  if (u->fields & UPDATE_LAST_ERROR)
    set_string (self, &self->last_error, u->last_error, PROP_LAST_ERROR);

  if ((u->fields & UPDATE_STATE) && self->state != u->state)
    {
      self->state = u->state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }

  g_object_thaw_notify (G_OBJECT (self));

  if (u->shot != NULL)
    g_signal_emit (self, signals[SHOT_ADDED], 0, u->shot);

  if (u->failed != NULL)
    g_signal_emit (self, signals[FAILED], 0, u->failed);

  if (u->gvfs_command != NULL)
    start_gvfs_unmount (self, g_steal_pointer (&u->gvfs_command));

  return G_SOURCE_REMOVE;
}

/* gvfs: let go of the camera ----------------------------------------------- */

typedef struct
{
  ResellCamera *self;
  Command      *cmd;
  guint         n_pending;
} GvfsUnmount;

static void
gvfs_unmount_done (GvfsUnmount *op)
{
  Command *cmd = g_steal_pointer (&op->cmd);

  /* Pushed with its original number, so a disconnect asked for meanwhile
   * still wins. */
  g_async_queue_push (op->self->worker->queue, cmd);

  g_object_unref (op->self);
  g_free (op);
}

static void
gvfs_unmount_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GvfsUnmount *op = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_mount_get_name (G_MOUNT (object));

  if (!g_mount_unmount_with_operation_finish (G_MOUNT (object), result, &error))
    g_debug ("Could not unmount %s: %s", name, error->message);
  else
    g_debug ("Unmounted %s so that Resell can use the camera", name);

  if (--op->n_pending == 0)
    gvfs_unmount_done (op);
}

/* "usb:001,005" → "001,005", the part gvfs puts in its gphoto2:// URIs
 * ("gphoto2://[usb:001,005]/"). */
static char *
dup_usb_address (const char *port)
{
  if (port == NULL || !g_str_has_prefix (port, "usb:") || port[4] == '\0')
    return NULL;

  return g_strdup (port + 4);
}

static gboolean
is_gphoto2_mount (GMount *mount)
{
  g_autoptr(GFile) root = g_mount_get_root (mount);

  return g_file_has_uri_scheme (root, "gphoto2");
}

static gboolean
mount_matches_address (GMount     *mount,
                       const char *address)
{
  g_autoptr(GFile) root = g_mount_get_root (mount);
  g_autofree char *uri = g_file_get_uri (root);
  g_autofree char *unescaped = g_uri_unescape_string (uri, NULL);

  return address != NULL && unescaped != NULL && strstr (unescaped, address) != NULL;
}

/* Asks gvfs to unmount the camera's gphoto2:// mount, then queues the
 * connect again.  The mount is matched by USB address; when none matches
 * (gvfs versions name mounts differently), every gphoto2 mount is asked,
 * since one of them is what holds the device.  Whatever happens, the
 * connect is tried once more, and its error then says to close the other
 * program. */
static void
start_gvfs_unmount (ResellCamera *self,
                    Command      *cmd)
{
  g_autoptr(GVolumeMonitor) monitor = g_volume_monitor_get ();
  g_autofree char *address = dup_usb_address (cmd->port);
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func (g_object_unref);
  GList *mounts = g_volume_monitor_get_mounts (monitor);
  GvfsUnmount *op;

  for (GList *l = mounts; l != NULL; l = l->next)
    if (is_gphoto2_mount (l->data) && mount_matches_address (l->data, address))
      g_ptr_array_add (targets, g_object_ref (l->data));

  if (targets->len == 0)
    for (GList *l = mounts; l != NULL; l = l->next)
      if (is_gphoto2_mount (l->data))
        g_ptr_array_add (targets, g_object_ref (l->data));

  g_list_free_full (mounts, g_object_unref);

  op = g_new0 (GvfsUnmount, 1);
  op->self = g_object_ref (self);
  op->cmd = cmd;
  op->n_pending = targets->len;

  g_debug ("The camera at %s is claimed by another program; unmounting %u gphoto2 mount(s)",
           cmd->port, targets->len);

  if (targets->len == 0)
    {
      gvfs_unmount_done (op);
      return;
    }

  for (guint i = 0; i < targets->len; i++)
    g_mount_unmount_with_operation (g_ptr_array_index (targets, i),
                                    G_MOUNT_UNMOUNT_NONE, NULL,
                                    g_task_get_cancellable (cmd->task),
                                    gvfs_unmount_cb, op);
}

/* GObject ------------------------------------------------------------------ */

static void
resell_camera_finalize (GObject *object)
{
  ResellCamera *self = (ResellCamera *)object;

  /* Every command holding a task holds a reference to us, so only
   * task-less ones can still be queued: the quit comes after them. */
  g_async_queue_push (self->worker->queue, command_new (CMD_QUIT, NULL));

  /* The last reference can go on the camera's own thread (a task it
   * returned being freed there); it cannot wait for itself. */
  if (g_thread_self () == self->thread)
    g_thread_unref (self->thread);
  else
    g_thread_join (self->thread);

  worker_unref (self->worker);

  g_clear_pointer (&self->model, g_free);
  g_clear_pointer (&self->port, g_free);
  g_clear_pointer (&self->serial, g_free);
  g_clear_pointer (&self->battery_level, g_free);
  g_clear_pointer (&self->last_error, g_free);
  g_clear_pointer (&self->download_dir, g_free);

  G_OBJECT_CLASS (resell_camera_parent_class)->finalize (object);
}

static void
resell_camera_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  ResellCamera *self = RESELL_CAMERA (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_string (value, self->model);
      break;

    case PROP_PORT:
      g_value_set_string (value, self->port);
      break;

    case PROP_SERIAL:
      g_value_set_string (value, self->serial);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_HAS_LIVE_VIEW:
      g_value_set_boolean (value, self->has_live_view);
      break;

    case PROP_BATTERY_LEVEL:
      g_value_set_string (value, self->battery_level);
      break;

    case PROP_FREE_BYTES:
      g_value_set_int64 (value, self->free_bytes);
      break;

    case PROP_FREE_IMAGES:
      g_value_set_int (value, self->free_images);
      break;

    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;

    case PROP_DOWNLOAD_DIR:
      g_value_set_string (value, self->download_dir);
      break;

    case PROP_DELETE_FROM_CARD:
      g_value_set_boolean (value, self->delete_from_card);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_camera_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  ResellCamera *self = RESELL_CAMERA (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      self->model = g_value_dup_string (value);
      break;

    case PROP_PORT:
      self->port = g_value_dup_string (value);
      break;

    case PROP_DOWNLOAD_DIR:
      resell_camera_set_download_dir (self, g_value_get_string (value));
      break;

    case PROP_DELETE_FROM_CARD:
      resell_camera_set_delete_from_card (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_camera_class_init (ResellCameraClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = resell_camera_finalize;
  object_class->get_property = resell_camera_get_property;
  object_class->set_property = resell_camera_set_property;

  properties[PROP_MODEL] =
    g_param_spec_string ("model", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* Writable only through the monitor (resell_camera_set_port). */
  properties[PROP_PORT] =
    g_param_spec_string ("port", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_SERIAL] =
    g_param_spec_string ("serial", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       RESELL_TYPE_CAMERA_STATE,
                       RESELL_CAMERA_STATE_DISCONNECTED,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_HAS_LIVE_VIEW] =
    g_param_spec_boolean ("has-live-view", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_BATTERY_LEVEL] =
    g_param_spec_string ("battery-level", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_FREE_BYTES] =
    g_param_spec_int64 ("free-bytes", NULL, NULL,
                        -1, G_MAXINT64, -1,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_FREE_IMAGES] =
    g_param_spec_int ("free-images", NULL, NULL,
                      -1, G_MAXINT, -1,
                      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DOWNLOAD_DIR] =
    g_param_spec_string ("download-dir", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DELETE_FROM_CARD] =
    g_param_spec_boolean ("delete-from-card", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SHOT_ADDED] =
    g_signal_new ("shot-added",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, RESELL_TYPE_CAMERA_SHOT);

  signals[FAILED] =
    g_signal_new ("failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
resell_camera_init (ResellCamera *self)
{
  self->state = RESELL_CAMERA_STATE_DISCONNECTED;
  self->free_bytes = -1;
  self->free_images = -1;

  self->worker = worker_new (self);
  self->thread = g_thread_new ("resell-camera", worker_thread, worker_ref (self->worker));
}

ResellCamera *
resell_camera_new (const char *model,
                   const char *port)
{
  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (port != NULL, NULL);

  return g_object_new (RESELL_TYPE_CAMERA,
                       "model", model,
                       "port", port,
                       NULL);
}

const char *
resell_camera_get_model (ResellCamera *self)
{
  g_return_val_if_fail (RESELL_IS_CAMERA (self), NULL);

  return self->model;
}

const char *
resell_camera_get_port (ResellCamera *self)
{
  g_return_val_if_fail (RESELL_IS_CAMERA (self), NULL);

  return self->port;
}

void
resell_camera_set_port (ResellCamera *self,
                        const char   *port)
{
  g_return_if_fail (RESELL_IS_CAMERA (self));
  g_return_if_fail (port != NULL);

  set_string (self, &self->port, port, PROP_PORT);
}

const char *
resell_camera_get_serial (ResellCamera *self)
{
  g_return_val_if_fail (RESELL_IS_CAMERA (self), NULL);

  return self->serial;
}

ResellCameraState
resell_camera_get_state (ResellCamera *self)
{
  g_return_val_if_fail (RESELL_IS_CAMERA (self), RESELL_CAMERA_STATE_DISCONNECTED);

  return self->state;
}

gboolean
resell_camera_get_has_live_view (ResellCamera *self)
{
  g_return_val_if_fail (RESELL_IS_CAMERA (self), FALSE);

  return self->has_live_view;
}

const char *
resell_camera_get_battery_level (ResellCamera *self)
{
  g_return_val_if_fail (RESELL_IS_CAMERA (self), NULL);

  return self->battery_level;
}

gint64
resell_camera_get_free_bytes (ResellCamera *self)
{
  g_return_val_if_fail (RESELL_IS_CAMERA (self), -1);

  return self->free_bytes;
}

int
resell_camera_get_free_images (ResellCamera *self)
{
  g_return_val_if_fail (RESELL_IS_CAMERA (self), -1);

  return self->free_images;
}

const char *
resell_camera_get_last_error (ResellCamera *self)
{
  g_return_val_if_fail (RESELL_IS_CAMERA (self), NULL);

  return self->last_error;
}

const char *
resell_camera_get_download_dir (ResellCamera *self)
{
  g_return_val_if_fail (RESELL_IS_CAMERA (self), NULL);

  return self->download_dir;
}

void
resell_camera_set_download_dir (ResellCamera *self,
                                const char   *dir)
{
  g_return_if_fail (RESELL_IS_CAMERA (self));

  if (g_strcmp0 (self->download_dir, dir) == 0)
    return;

  g_free (self->download_dir);
  self->download_dir = g_strdup (dir);

  g_mutex_lock (&self->worker->lock);
  g_free (self->worker->download_dir);
  self->worker->download_dir = g_strdup (dir);
  g_mutex_unlock (&self->worker->lock);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOWNLOAD_DIR]);
}

gboolean
resell_camera_get_delete_from_card (ResellCamera *self)
{
  g_return_val_if_fail (RESELL_IS_CAMERA (self), FALSE);

  return self->delete_from_card;
}

void
resell_camera_set_delete_from_card (ResellCamera *self,
                                    gboolean      delete_from_card)
{
  g_return_if_fail (RESELL_IS_CAMERA (self));

  delete_from_card = !!delete_from_card;
  if (self->delete_from_card == delete_from_card)
    return;

  self->delete_from_card = delete_from_card;

  g_mutex_lock (&self->worker->lock);
  self->worker->delete_from_card = delete_from_card;
  g_mutex_unlock (&self->worker->lock);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELETE_FROM_CARD]);
}

gboolean
resell_camera_get_wants_connection (ResellCamera *self)
{
  g_return_val_if_fail (RESELL_IS_CAMERA (self), FALSE);

  return self->wants_connection;
}

/* Commands from the main context -------------------------------------------- */

static Command *
command_for (ResellCamera        *self,
             CommandKind          kind,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data,
             gpointer             source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_name (task, "[resell] camera command");

  return command_new (kind, task);
}

static void
push_command (ResellCamera *self,
              Command      *cmd)
{
  g_async_queue_push (self->worker->queue, cmd);
}

void
resell_camera_connect_async (ResellCamera        *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  Command *cmd;

  g_return_if_fail (RESELL_IS_CAMERA (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  self->wants_connection = TRUE;

  cmd = command_for (self, CMD_CONNECT, cancellable, callback, user_data,
                     resell_camera_connect_async);
  cmd->model = g_strdup (self->model);
  cmd->port = g_strdup (self->port);
  push_command (self, cmd);
}

gboolean
resell_camera_connect_finish (ResellCamera  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (RESELL_IS_CAMERA (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
close_camera (ResellCamera *self)
{
  /* Ahead of everything queued: those commands fail, not run. */
  g_async_queue_push_front (self->worker->queue, command_new (CMD_DISCONNECT, NULL));
}

void
resell_camera_disconnect (ResellCamera *self)
{
  g_return_if_fail (RESELL_IS_CAMERA (self));

  self->wants_connection = FALSE;
  close_camera (self);
}

void
resell_camera_mark_gone (ResellCamera *self)
{
  g_return_if_fail (RESELL_IS_CAMERA (self));

  close_camera (self);
}

void
resell_camera_capture_async (ResellCamera        *self,
                             const char          *dest_dir,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  Command *cmd;

  g_return_if_fail (RESELL_IS_CAMERA (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  cmd = command_for (self, CMD_CAPTURE, cancellable, callback, user_data,
                     resell_camera_capture_async);

  if (dest_dir == NULL)
    {
      g_task_return_new_error (cmd->task, RESELL_CAMERA_ERROR, RESELL_CAMERA_ERROR_NOT_READY,
                               _("There is no folder to save the photo in. Open an item first."));
      command_free (cmd);
      return;
    }

  cmd->dest_dir = g_strdup (dest_dir);
  push_command (self, cmd);
}

ResellCameraShot *
resell_camera_capture_finish (ResellCamera  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (RESELL_IS_CAMERA (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
resell_camera_download_async (ResellCamera        *self,
                              const char          *camera_folder,
                              const char          *camera_name,
                              const char          *dest_dir,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  Command *cmd;

  g_return_if_fail (RESELL_IS_CAMERA (self));
  g_return_if_fail (camera_folder != NULL);
  g_return_if_fail (camera_name != NULL);
  g_return_if_fail (dest_dir != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  cmd = command_for (self, CMD_DOWNLOAD, cancellable, callback, user_data,
                     resell_camera_download_async);
  cmd->folder = g_strdup (camera_folder);
  cmd->name = g_strdup (camera_name);
  cmd->dest_dir = g_strdup (dest_dir);
  push_command (self, cmd);
}

ResellCameraShot *
resell_camera_download_finish (ResellCamera  *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (RESELL_IS_CAMERA (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
resell_camera_preview_async (ResellCamera        *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (RESELL_IS_CAMERA (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  push_command (self, command_for (self, CMD_PREVIEW, cancellable, callback, user_data,
                                   resell_camera_preview_async));
}

GBytes *
resell_camera_preview_finish (ResellCamera  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (RESELL_IS_CAMERA (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
resell_camera_list_settings_async (ResellCamera        *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (RESELL_IS_CAMERA (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  push_command (self, command_for (self, CMD_LIST_SETTINGS, cancellable, callback, user_data,
                                   resell_camera_list_settings_async));
}

GPtrArray *
resell_camera_list_settings_finish (ResellCamera  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (RESELL_IS_CAMERA (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
resell_camera_get_setting_async (ResellCamera        *self,
                                 const char          *name,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  Command *cmd;

  g_return_if_fail (RESELL_IS_CAMERA (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  cmd = command_for (self, CMD_GET_SETTING, cancellable, callback, user_data,
                     resell_camera_get_setting_async);
  cmd->name = g_strdup (name);
  push_command (self, cmd);
}

ResellCameraSetting *
resell_camera_get_setting_finish (ResellCamera  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (RESELL_IS_CAMERA (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
resell_camera_set_setting_async (ResellCamera        *self,
                                 const char          *name,
                                 const char          *value,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  Command *cmd;

  g_return_if_fail (RESELL_IS_CAMERA (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (value != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  cmd = command_for (self, CMD_SET_SETTING, cancellable, callback, user_data,
                     resell_camera_set_setting_async);
  cmd->name = g_strdup (name);
  cmd->value = g_strdup (value);
  push_command (self, cmd);
}

gboolean
resell_camera_set_setting_finish (ResellCamera  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (RESELL_IS_CAMERA (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
