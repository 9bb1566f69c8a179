/* resell-camera.c — one camera, driven by its own owner thread
 *
 * The object lives on the thread that made it (normally the main thread);
 * libgphoto2 is only ever called on the camera's own thread.  The two talk
 * through a queue of commands one way, and idle sources attached to the
 * creator's main context the other way (results through GTask, property
 * changes and signals through Update).  The thread never holds a strong
 * reference of its own to the object, only a weak one; the tasks of queued
 * commands hold it while they wait.  So dropping the last reference, once
 * those are done, ends the thread.
 *
 * The config widgets (settings) are in resell-camera-config.c, the gvfs
 * step of a connect in resell-camera-gvfs.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-camera"

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "storage/resell-atomic-file-private.h"

#include "camera/resell-camera-config-private.h"
#include "camera/resell-camera-private.h"

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

/* What a public call passes to its command; the strings are copied. */
typedef struct
{
  const char *model;
  const char *port;
  const char *folder;
  const char *name;
  const char *value;
  const char *dest_dir;
} CommandArgs;

/* A file the camera reported on its own, waiting for its RAW or JPEG twin. */
typedef struct
{
  char  *folder;
  char  *name;
  guint  drain;           /* the drain that reported it */
} PendingFile;

typedef struct
{
  /* Shared by both threads, each safe on its own: the count is atomic,
   * GAsyncQueue locks itself, main_context is set before the thread starts
   * and never changes, and the weak reference is only resolved on that
   * context (in apply_update), never on the camera's thread. */
  gatomicrefcount  ref_count;
  GAsyncQueue     *queue;
  GMainContext    *main_context;
  GWeakRef         camera;

  /* The only shared fields that change, hence the lock: the main thread
   * sets them whenever the app likes, and the owner thread reads them when
   * a photo arrives, which it cannot wait for a command to tell it. */
  GMutex           lock;
  char            *download_dir;
  gboolean         delete_from_card;

  /* Everything below belongs to the owner thread alone: the main thread
   * learns of it only through Updates, and gives orders only through the
   * queue.  That includes the libgphoto2 callbacks, which libgphoto2 calls
   * on the thread making the gp_* call. */
  Camera          *gp;
  GPContext       *context;
  CameraAbilities  abilities;
  char            *gp_message;        /* the driver's last error text */
  /* Borrowed from the running command's task, which outlives the command;
   * NULL between commands, so that a cancelled command cannot cut short
   * the event watch that follows it.  Any thread may cancel it: GCancellable
   * is thread-safe, and libgphoto2 polls it through context_cancel_func. */
  GCancellable    *cancellable;
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

/* Shared by all cameras: only the order matters, and a global counter
 * keeps it without a lock (atomic increments). */
static guint command_seq;

/* Commands ---------------------------------------------------------------- */

static Command *
command_new (CommandKind        kind,
             GTask             *task,
             const CommandArgs *args)
{
  Command *cmd = g_new0 (Command, 1);

  cmd->kind = kind;
  cmd->task = task;
  cmd->seq = (guint)g_atomic_int_add ((int *)&command_seq, 1) + 1;

  if (args != NULL)
    {
      cmd->model = g_strdup (args->model);
      cmd->port = g_strdup (args->port);
      cmd->folder = g_strdup (args->folder);
      cmd->name = g_strdup (args->name);
      cmd->value = g_strdup (args->value);
      cmd->dest_dir = g_strdup (args->dest_dir);
    }

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

/* An idle source rather than g_main_context_invoke(): invoke would run
 * @func right here, on the camera's thread, whenever @context is the
 * global default and happens to be free.  Default priority, like GTask's
 * results, so that updates and results arrive in the order they were sent. */
static void
post_to_context (GMainContext   *context,
                 GSourceFunc     func,
                 gpointer        data,
                 GDestroyNotify  destroy,
                 const char     *name)
{
  GSource *source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, destroy);
  g_source_set_static_name (source, name);
  g_source_attach (source, context);
  g_source_unref (source);
}

static gboolean apply_update (gpointer data);

static void
update_post (Update *u)
{
  post_to_context (u->worker->main_context, apply_update, u, update_free,
                   "[resell] camera update");
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

/* Owner thread: settings (resell-camera-config.c) ----------------------- */

/* The config calls leave a failure of the camera itself to us
 * (@gp_result < GP_OK): only this thread knows whether the command was
 * cancelled and what the driver said, and it must close a camera that is
 * gone.  Their own refusals come with @error already set. */
static void
settings_failed (Worker  *w,
                 int      gp_result,
                 GError **error)
{
  g_autoptr(GError) local_error = NULL;

  if (gp_result >= GP_OK)
    return;

  set_gp_error (w, &local_error, gp_result, RESELL_CAMERA_OP_SETTINGS);
  check_gone (w, gp_result, local_error);
  g_propagate_error (error, g_steal_pointer (&local_error));
}

/* The value of a text or choice config, or NULL (also when the camera was
 * lost while asking: check w->gp after). */
static char *
read_text (Worker     *w,
           const char *name)
{
  char *text;
  int ret;

  if (w->gp == NULL)
    return NULL;

  text = resell_camera_config_dup_text (w->gp, w->context, name, &ret);
  settings_failed (w, ret, NULL);

  return text;
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

  /* The battery read may have found the camera gone. */
  if (w->gp == NULL ||
      gp_camera_get_storageinfo (w->gp, &storages, &n_storages, w->context) < GP_OK)
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

/* After a command that used the camera: battery and card space change
 * with every photo, and the camera is READY again.  Nothing is posted for
 * a camera lost meanwhile, lose_camera() has said DISCONNECTED: a READY
 * after that would leave the object claiming a camera that is closed. */
static void
post_ready (Worker       *w,
            const GError *error)
{
  Update *u;

  if (w->gp == NULL)
    return;

  u = update_new (w);
  read_status (w, u);

  if (w->gp == NULL)
    {
      update_free (u);
      return;
    }

  update_set_state (u, RESELL_CAMERA_STATE_READY);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    update_set_last_error (u, error->message);
  update_post (u);
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

/* A RAW and a JPEG of one photo share their folder and stem. */
static gboolean
is_same_photo (const PendingFile *file,
               const char        *folder,
               const char        *stem)
{
  g_autofree char *file_stem = dup_stem (file->name);

  return g_str_equal (file->folder, folder) && g_str_equal (file_stem, stem);
}

static void
set_save_error (GError       **error,
                const GError  *cause)
{
  /* The atomic file's sentence already names the photo and says what to do. */
  g_set_error_literal (error, RESELL_CAMERA_ERROR, RESELL_CAMERA_ERROR_SAVE_FAILED, cause->message);
}

/* Where a download's bytes go: written here rather than by libgphoto2
 * from a descriptor, so that a failing write (the computer's disk full)
 * is known as ours, with its errno.  From a descriptor, libgphoto2 only
 * says "error writing to the port" for it, which reads as the camera gone. */
typedef struct
{
  int fd;
  int saved_errno;
} SaveSink;

static int
save_sink_write (void          *priv,
                 unsigned char *data,
                 uint64_t      *len)
{
  SaveSink *sink = priv;
  uint64_t done = 0;

  /* After a failed write the rest of the file is still taken off the
   * wire and dropped: a transfer cut short leaves ptp2's session out of
   * step with the camera (see context_cancel_func). */
  while (sink->saved_errno == 0 && done < *len)
    {
      ssize_t n = write (sink->fd, data + done, *len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        sink->saved_errno = errno;
      else
        done += (uint64_t) n;
    }

  return GP_OK;
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
  CameraFileHandler save_sink = { NULL, NULL, save_sink_write };
  SaveSink sink = { -1, 0 };
  CameraFile *camera_file = NULL;
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

  sink.fd = resell_atomic_file_get_fd (file);
  if ((ret = gp_file_new_from_handler (&camera_file, &save_sink, &sink)) < GP_OK)
    {
      set_gp_error (w, error, ret, RESELL_CAMERA_OP_DOWNLOAD);
      return NULL;
    }

  w->in_transfer = TRUE;
  ret = gp_camera_file_get (w->gp, folder, name, GP_FILE_TYPE_NORMAL, camera_file, w->context);
  w->in_transfer = FALSE;
  gp_file_unref (camera_file);

  /* The computer could not take the photo: the camera is fine, and the
   * photo is still on its card. */
  if (sink.saved_errno != 0 && !g_cancellable_is_cancelled (w->cancellable))
    {
      if (sink.saved_errno == ENOSPC)
        resell_camera_set_gp_error (error, GP_ERROR_NO_SPACE, RESELL_CAMERA_OP_DOWNLOAD, NULL);
      else
        g_set_error (error, RESELL_CAMERA_ERROR, RESELL_CAMERA_ERROR_SAVE_FAILED,
                     _("Could not save “%s”: %s."), display, g_strerror (sink.saved_errno));
      return NULL;
    }

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
/* The photo is safe here; a card that refuses to let go of it only means
 * it stays there too. */
static void
delete_quietly (Worker     *w,
                const char *folder,
                const char *name)
{
  int ret;

  if (w->gp != NULL && (ret = gp_camera_file_delete (w->gp, folder, name, w->context)) < GP_OK)
    g_debug ("Could not delete %s/%s from the card: %s", folder, name, gp_result_as_string (ret));
}

static ResellCameraShot *
download_shot (Worker      *w,
               const char  *folder,
               const char  *name,
               const char  *companion_folder,
               const char  *companion_name,
               const char  *dest_dir,
               gboolean     from_camera_shutter,
               GError     **error)
{
  g_autoptr(ResellAtomicFile) file = NULL;
  g_autoptr(ResellAtomicFile) companion = NULL;
  const char *companion_path = NULL;
  gboolean delete_from_card;

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

  /* Read now rather than when the command was queued: unticking the
   * setting meanwhile must keep the photo on the card. */
  g_mutex_lock (&w->lock);
  delete_from_card = w->delete_from_card;
  g_mutex_unlock (&w->lock);

  if (delete_from_card)
    {
      delete_quietly (w, folder, name);
      if (companion_name != NULL)
        delete_quietly (w, companion_folder, companion_name);
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

  if (w->pending->len == 0)
    return;

  g_mutex_lock (&w->lock);
  dest_dir = g_strdup (w->download_dir);
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

          if (!is_same_photo (file, first->folder, stem))
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
                            dest_dir, TRUE, &error);

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

/* gvfs: from the owner thread to the main context and back -------------- */

typedef struct
{
  Worker  *worker;
  Command *cmd;
} GvfsRequest;

static void
gvfs_unmounted_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GvfsRequest *req = user_data;

  resell_camera_gvfs_unmount_finish (result);

  /* Back with its original number, so that a disconnect asked for
   * meanwhile still wins. */
  g_async_queue_push (req->worker->queue, g_steal_pointer (&req->cmd));

  worker_unref (req->worker);
  g_free (req);
}

static gboolean
gvfs_unmount_cb (gpointer data)
{
  GvfsRequest *req = data;

  resell_camera_gvfs_unmount_async (req->cmd->port, g_task_get_cancellable (req->cmd->task),
                                    gvfs_unmounted_cb, req);

  return G_SOURCE_REMOVE;
}

/* Hands a connect to the global default main context, the only place
 * GVolumeMonitor may be used (not the creator's context, which may be a
 * thread-default one).  The command comes back through the queue; its
 * task holds the camera, so the thread is still there to take it. */
static void
hand_to_gvfs (Worker  *w,
              Command *cmd)
{
  GvfsRequest *req = g_new0 (GvfsRequest, 1);

  req->worker = worker_ref (w);
  req->cmd = cmd;
  post_to_context (g_main_context_default (), gvfs_unmount_cb, req, NULL,
                   "[resell] camera gvfs unmount");
}

/* Owner thread: commands --------------------------------------------------- */

static void
reset_session (Worker *w)
{
  g_hash_table_remove_all (w->known_files);
  g_ptr_array_set_size (w->pending, 0);
  w->event_errors = 0;
}

/* Returns @result (freed with @destroy), or else @error. */
static void
command_return (Command        *cmd,
                gpointer        result,
                GDestroyNotify  destroy,
                GError         *error)
{
  if (result != NULL)
    {
      g_assert (error == NULL);
      g_task_return_pointer (cmd->task, result, destroy);
    }
  else
    g_task_return_error (cmd->task, error);
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
       * which holds the USB device.  Once only: if it still holds it, the
       * error says to close the program that has it. */
      cmd->retried = TRUE;
      hand_to_gvfs (w, cmd);
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

  /* Opened, then lost while reading it: lose_camera() has posted
   * DISCONNECTED with its sentence, and a READY must not follow. */
  if (w->gp == NULL)
    {
      update_free (u);
      resell_camera_set_gp_error (&error, GP_ERROR_IO_USB_FIND, RESELL_CAMERA_OP_CONNECT, NULL);
      g_task_return_error (cmd->task, g_steal_pointer (&error));
      return TRUE;
    }

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

      if (is_same_photo (file, folder, stem) && is_jpeg (file->name) != is_jpeg (name))
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

          /* The drain must not stop at once on the cancel it is clearing
           * up after. */
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

  /* The JPEG is the shot; a RAW rides along as its companion. */
  if (twin != NULL && is_jpeg (twin->name))
    shot = download_shot (w, twin->folder, twin->name, path.folder, path.name,
                          cmd->dest_dir, FALSE, &error);
  else
    shot = download_shot (w, path.folder, path.name,
                          twin != NULL ? twin->folder : NULL, twin != NULL ? twin->name : NULL,
                          cmd->dest_dir, FALSE, &error);

out:
  g_clear_pointer (&twin, pending_file_free);
  post_ready (w, error);
  command_return (cmd, shot, g_object_unref, g_steal_pointer (&error));
}

static void
run_download (Worker  *w,
              Command *cmd)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = file_key (cmd->folder, cmd->name);
  ResellCameraShot *shot;

  g_hash_table_add (w->known_files, g_steal_pointer (&key));

  post_state (w, RESELL_CAMERA_STATE_BUSY);

  shot = download_shot (w, cmd->folder, cmd->name, NULL, NULL, cmd->dest_dir, FALSE, &error);

  /* A failed download leaves last-error alone: the caller has the error,
   * and the camera itself is fine. */
  post_ready (w, NULL);
  command_return (cmd, shot, g_object_unref, g_steal_pointer (&error));
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
      command_return (cmd, NULL, NULL, g_steal_pointer (&error));
      return;
    }

  gp_file_get_data_and_size (file, &data, &size);
  bytes = g_bytes_new (data, size);
  gp_file_unref (file);

  command_return (cmd, bytes, (GDestroyNotify)g_bytes_unref, NULL);
}

static void
run_settings (Worker  *w,
              Command *cmd)
{
  g_autoptr(GError) error = NULL;
  int ret = GP_OK;

  switch (cmd->kind)
    {
    case CMD_LIST_SETTINGS:
      {
        GPtrArray *settings = resell_camera_config_list (w->gp, w->context, &ret);

        if (settings != NULL)
          {
            g_task_return_pointer (cmd->task, settings, (GDestroyNotify)g_ptr_array_unref);
            return;
          }
      }
      break;

    case CMD_GET_SETTING:
      {
        ResellCameraSetting *setting = resell_camera_config_read (w->gp, w->context, cmd->name,
                                                                  &ret, &error);

        if (setting != NULL)
          {
            g_task_return_pointer (cmd->task, setting, g_object_unref);
            return;
          }
      }
      break;

    case CMD_SET_SETTING:
      if (resell_camera_config_write (w->gp, w->context, cmd->name, cmd->value, &ret, &error))
        {
          g_task_return_boolean (cmd->task, TRUE);
          return;
        }
      break;

    case CMD_CONNECT:
    case CMD_DISCONNECT:
    case CMD_CAPTURE:
    case CMD_DOWNLOAD:
    case CMD_PREVIEW:
    case CMD_QUIT:
    default:
      g_assert_not_reached ();
    }

  settings_failed (w, ret, &error);
  g_task_return_error (cmd->task, g_steal_pointer (&error));
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
    case CMD_GET_SETTING:
    case CMD_SET_SETTING:
      run_settings (w, cmd);
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

  return G_SOURCE_REMOVE;
}

/* GObject ------------------------------------------------------------------ */

static void
resell_camera_finalize (GObject *object)
{
  ResellCamera *self = (ResellCamera *)object;

  /* Every command holding a task holds a reference to us, so only
   * task-less ones can still be queued: the quit comes after them. */
  g_async_queue_push (self->worker->queue, command_new (CMD_QUIT, NULL, NULL));

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

static GTask *
command_task_new (ResellCamera        *self,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data,
                  gpointer             source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_name (task, "[resell] camera command");

  return task;
}

/* The one way in for every _async: the owner thread runs the command and
 * returns the task; its result arrives on the caller's main context. */
static void
queue_command (ResellCamera        *self,
               CommandKind          kind,
               const CommandArgs   *args,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data,
               gpointer             source_tag)
{
  GTask *task;

  g_return_if_fail (RESELL_IS_CAMERA (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = command_task_new (self, cancellable, callback, user_data, source_tag);
  g_async_queue_push (self->worker->queue, command_new (kind, task, args));
}

/* The one check for every _finish: @result is a task of @self, made by
 * the _async call @source_tag. */
static gboolean
is_command_result (ResellCamera *self,
                   GAsyncResult *result,
                   gpointer      source_tag)
{
  return RESELL_IS_CAMERA (self) &&
         g_task_is_valid (result, self) &&
         g_task_get_source_tag (G_TASK (result)) == source_tag;
}

void
resell_camera_connect_async (ResellCamera        *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (RESELL_IS_CAMERA (self));

  self->wants_connection = TRUE;
  queue_command (self, CMD_CONNECT, &(CommandArgs) { .model = self->model, .port = self->port },
                 cancellable, callback, user_data, resell_camera_connect_async);
}

gboolean
resell_camera_connect_finish (ResellCamera  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (is_command_result (self, result, resell_camera_connect_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
close_camera (ResellCamera *self)
{
  /* Ahead of everything queued: those commands fail, not run. */
  g_async_queue_push_front (self->worker->queue, command_new (CMD_DISCONNECT, NULL, NULL));
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
  if (dest_dir == NULL)
    {
      g_autoptr(GTask) task = NULL;

      g_return_if_fail (RESELL_IS_CAMERA (self));

      task = command_task_new (self, cancellable, callback, user_data, resell_camera_capture_async);
      g_task_return_new_error (task, RESELL_CAMERA_ERROR, RESELL_CAMERA_ERROR_NOT_READY,
                               _("There is no folder to save the photo in. Open an item first."));
      return;
    }

  queue_command (self, CMD_CAPTURE, &(CommandArgs) { .dest_dir = dest_dir },
                 cancellable, callback, user_data, resell_camera_capture_async);
}

ResellCameraShot *
resell_camera_capture_finish (ResellCamera  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (is_command_result (self, result, resell_camera_capture_async), NULL);

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
  g_return_if_fail (camera_folder != NULL);
  g_return_if_fail (camera_name != NULL);
  g_return_if_fail (dest_dir != NULL);

  queue_command (self, CMD_DOWNLOAD,
                 &(CommandArgs) { .folder = camera_folder, .name = camera_name, .dest_dir = dest_dir },
                 cancellable, callback, user_data, resell_camera_download_async);
}

ResellCameraShot *
resell_camera_download_finish (ResellCamera  *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (is_command_result (self, result, resell_camera_download_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
resell_camera_preview_async (ResellCamera        *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  queue_command (self, CMD_PREVIEW, NULL, cancellable, callback, user_data,
                 resell_camera_preview_async);
}

GBytes *
resell_camera_preview_finish (ResellCamera  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (is_command_result (self, result, resell_camera_preview_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
resell_camera_list_settings_async (ResellCamera        *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  queue_command (self, CMD_LIST_SETTINGS, NULL, cancellable, callback, user_data,
                 resell_camera_list_settings_async);
}

GPtrArray *
resell_camera_list_settings_finish (ResellCamera  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (is_command_result (self, result, resell_camera_list_settings_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
resell_camera_get_setting_async (ResellCamera        *self,
                                 const char          *name,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (name != NULL);

  queue_command (self, CMD_GET_SETTING, &(CommandArgs) { .name = name },
                 cancellable, callback, user_data, resell_camera_get_setting_async);
}

ResellCameraSetting *
resell_camera_get_setting_finish (ResellCamera  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (is_command_result (self, result, resell_camera_get_setting_async), NULL);

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
  g_return_if_fail (name != NULL);
  g_return_if_fail (value != NULL);

  queue_command (self, CMD_SET_SETTING, &(CommandArgs) { .name = name, .value = value },
                 cancellable, callback, user_data, resell_camera_set_setting_async);
}

gboolean
resell_camera_set_setting_finish (ResellCamera  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (is_command_result (self, result, resell_camera_set_setting_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
