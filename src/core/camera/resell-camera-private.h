/* resell-camera-private.h — what the camera objects share about
 * libgphoto2.  Not for the app: nothing outside src/core/camera/ includes
 * libgphoto2's headers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gphoto2/gphoto2.h>

#include "camera/resell-camera.h"

G_BEGIN_DECLS

/* What was being done when libgphoto2 failed: the same code means
 * different things (an I/O error while opening is "not found", while
 * connected it is "unplugged"; GP_ERROR_NO_MEMORY from a capture is the
 * ptp2 driver's way of saying the card ran full). */
typedef enum
{
  RESELL_CAMERA_OP_DETECT,
  RESELL_CAMERA_OP_CONNECT,
  RESELL_CAMERA_OP_CAPTURE,
  RESELL_CAMERA_OP_DOWNLOAD,
  RESELL_CAMERA_OP_PREVIEW,
  RESELL_CAMERA_OP_SETTINGS,
  RESELL_CAMERA_OP_EVENTS,
} ResellCameraOp;

/* Sets @error from a libgphoto2 result: RESELL_CAMERA_ERROR with a
 * sentence, or G_IO_ERROR_CANCELLED for GP_ERROR_CANCEL.  @camera_message
 * is what the camera driver reported through the context's error func
 * (may be NULL); it is added to the sentence when it says something. */
void      resell_camera_set_gp_error        (GError         **error,
                                             int              gp_result,
                                             ResellCameraOp   op,
                                             const char      *camera_message);

/* TRUE when @gp_result means the camera is gone (unplugged, switched off). */
gboolean  resell_camera_gp_result_is_gone   (int              gp_result);

/* libgphoto2 loads its camera and port drivers with libltdl, which is not
 * thread-safe, and the port list is changed by lookups.  Everything that
 * loads or unloads drivers (detection, gp_camera_init, gp_camera_exit,
 * freeing a camera) goes through these, under one process-wide lock. */

/* Detects the cameras plugged in now: @list gets (model, port) pairs.
 * Loads the abilities list the first time (once per process) and the port
 * list afresh, since it is a snapshot of the USB addresses present. */
int       resell_camera_gp_detect           (CameraList      *list,
                                             GPContext       *context);
/* Sets up @camera for @model at @port and opens it (gp_camera_init).
 * @abilities receives the model's abilities. */
int       resell_camera_gp_open             (Camera          *camera,
                                             const char      *model,
                                             const char      *port,
                                             CameraAbilities *abilities,
                                             GPContext       *context);
/* gp_camera_exit and gp_camera_unref; *camera is set to NULL. */
void      resell_camera_gp_close            (Camera         **camera,
                                             GPContext       *context);

/* For ResellCamera: gvfs (resell-camera-gvfs.c). */

/* Unmounts the gphoto2:// mount that holds the camera at @port (or every
 * gphoto2 mount when none names that port), then calls back.  Call it on
 * the global default main context only, from the thread that iterates it:
 * GVolumeMonitor must not be used anywhere else.  Never fails; finish
 * gives how many mounts were unmounted. */
void      resell_camera_gvfs_unmount_async  (const char          *port,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
guint     resell_camera_gvfs_unmount_finish (GAsyncResult        *result);

/* For ResellCameraMonitor. */

/* Moves a camera that is not connected to the port it was found on again. */
void      resell_camera_set_port            (ResellCamera    *self,
                                             const char      *port);
/* TRUE from connect until an explicit resell_camera_disconnect(): such a
 * camera is reconnected when it is found again. */
gboolean  resell_camera_get_wants_connection (ResellCamera   *self);
/* The camera is no longer plugged in: closes it like disconnect, but keeps
 * wanting the connection so that it comes back by itself. */
void      resell_camera_mark_gone           (ResellCamera    *self);

/* For the camera's own files (resell-camera.c, resell-camera-worker.c,
 * resell-camera-capture.c, resell-camera-events.c,
 * resell-camera-settings.c): the owner thread and what it shares with
 * the object. */

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

/* resell-camera.c */
gboolean _resell_camera_apply_update (gpointer data);

/* resell-camera-worker.c */
Command  *_resell_camera_command_new           (CommandKind        kind,
                                                GTask             *task,
                                                const CommandArgs *args);
void      _resell_camera_pending_file_free     (gpointer data);
Worker   *_resell_camera_worker_new            (ResellCamera *camera);
Worker   *_resell_camera_worker_ref            (Worker *w);
void      _resell_camera_worker_unref          (Worker *w);
Update   *_resell_camera_update_new            (Worker *w);
void      _resell_camera_update_set_last_error (Update     *u,
                                                const char *message);
void      _resell_camera_update_post           (Update *u);
void      _resell_camera_post_state            (Worker            *w,
                                                ResellCameraState  state);
void      _resell_camera_set_gp_error          (Worker          *w,
                                                GError         **error,
                                                int              ret,
                                                ResellCameraOp   op);
void      _resell_camera_set_not_connected     (GError **error);
void      _resell_camera_lose_camera           (Worker       *w,
                                                const GError *error,
                                                gboolean      emit_failed);
void      _resell_camera_check_gone            (Worker       *w,
                                                int           ret,
                                                const GError *error);
void      _resell_camera_post_ready            (Worker       *w,
                                                const GError *error);
void      _resell_camera_command_return        (Command        *cmd,
                                                gpointer        result,
                                                GDestroyNotify  destroy,
                                                GError         *error);
gpointer  _resell_camera_worker_thread         (gpointer data);

/* resell-camera-settings.c */
char *_resell_camera_read_text    (Worker     *w,
                                   const char *name);
void  _resell_camera_run_settings (Worker  *w,
                                   Command *cmd);

/* resell-camera-capture.c */
char             *_resell_camera_file_key      (const char *folder,
                                                const char *name);
gboolean          _resell_camera_is_jpeg       (const char *name);
char             *_resell_camera_dup_stem      (const char *name);
gboolean          _resell_camera_is_same_photo (const PendingFile *file,
                                                const char        *folder,
                                                const char        *stem);
ResellCameraShot *_resell_camera_download_shot (Worker      *w,
                                                const char  *folder,
                                                const char  *name,
                                                const char  *companion_folder,
                                                const char  *companion_name,
                                                const char  *dest_dir,
                                                gboolean     from_camera_shutter,
                                                GError     **error);
void              _resell_camera_run_capture   (Worker  *w,
                                                Command *cmd);
void              _resell_camera_run_download  (Worker  *w,
                                                Command *cmd);
void              _resell_camera_run_preview   (Worker  *w,
                                                Command *cmd);

/* resell-camera-events.c */
gboolean _resell_camera_drain_events (Worker   *w,
                                      gboolean  yield_to_commands);
void     _resell_camera_watch_events (Worker *w);

G_END_DECLS
