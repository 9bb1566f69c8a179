/* resell-camera-monitor.c — which cameras are plugged in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-camera-monitor"

#include "config.h"

#ifdef HAVE_GUDEV
# include <gudev/gudev.h>
#endif

#include "camera/resell-camera-config-private.h"
#include "camera/resell-camera-monitor.h"

/* USB devices come and go in bursts (a camera is several interfaces, and
 * some switch modes once on), so detection waits for a quiet moment. */
#define RESCAN_DELAY_MS 500

typedef struct
{
  ResellCameraMonitor *monitor;   /* unowned: the entry dies with it */
  ResellCamera        *camera;
  gulong               state_handler;
  ResellCameraState    last_state;
  /* Reconnect when next found: lost while connected, or unplugged. */
  gboolean             needs_reconnect;
} Entry;

struct _ResellCameraMonitor
{
  GObject        parent_instance;

  GMainContext  *main_context;
  GCancellable  *cancellable;
  GPtrArray     *entries;          /* of Entry, in list order */
  GHashTable    *present;          /* ResellCamera* seen by the last scan */
  GSource       *rescan_source;
  guint          n_connected;
  gboolean       scanning;
  gboolean       rescan_queued;
#ifdef HAVE_GUDEV
  GUdevClient   *udev;
#endif
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ResellCameraMonitor, resell_camera_monitor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_SCANNING,
  PROP_N_CONNECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SCANNED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What a detection pass found on its worker. */
typedef struct
{
  char *model;
  char *port;
  char *serial;   /* only for cameras that may be a known one re-plugged */
} Detected;

typedef struct
{
  GHashTable *probe_models;   /* models of disconnected cameras with a serial */
  GHashTable *known_ports;    /* "model\nport" of every camera in the list */
} ScanJob;

static void
detected_free (gpointer data)
{
  Detected *d = data;

  g_free (d->model);
  g_free (d->port);
  g_free (d->serial);
  g_free (d);
}

static void
scan_job_free (gpointer data)
{
  ScanJob *job = data;

  g_hash_table_unref (job->probe_models);
  g_hash_table_unref (job->known_ports);
  g_free (job);
}

static char *
port_key (const char *model,
          const char *port)
{
  return g_strconcat (model, "\n", port, NULL);
}

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_clear_signal_handler (&entry->state_handler, entry->camera);
  g_object_unref (entry->camera);
  g_free (entry);
}

static Entry *
find_entry (ResellCameraMonitor *self,
            ResellCamera        *camera)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (entry->camera == camera)
        return entry;
    }

  return NULL;
}

static gboolean
state_is_connected (ResellCameraState state)
{
  return state == RESELL_CAMERA_STATE_READY || state == RESELL_CAMERA_STATE_BUSY;
}

static void
update_n_connected (ResellCameraMonitor *self)
{
  guint n = 0;

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (state_is_connected (resell_camera_get_state (entry->camera)))
        n++;
    }

  if (n == self->n_connected)
    return;

  self->n_connected = n;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CONNECTED]);
}

static void
set_scanning (ResellCameraMonitor *self,
              gboolean             scanning)
{
  if (self->scanning == scanning)
    return;

  self->scanning = scanning;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCANNING]);
}

/* Worker: detection ---------------------------------------------------------- */

/* Opens a camera just long enough to read its serial number.  Only done
 * for a port no camera object owns, when a camera of that model is waiting
 * to come back: that is the only way to tell a re-plugged camera on a new
 * port from another camera of the same model. */
static char *
probe_serial (const char *model,
              const char *port,
              GPContext  *context)
{
  CameraAbilities abilities;
  Camera *camera = NULL;
  char *serial = NULL;
  int ret;

  gp_camera_new (&camera);

  if (resell_camera_gp_open (camera, model, port, &abilities, context) >= GP_OK)
    serial = resell_camera_config_dup_text (camera, context, "serialnumber", &ret);

  resell_camera_gp_close (&camera, context);

  return serial;
}

static void
scan_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ScanJob *job = task_data;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (detected_free);
  GPContext *context = gp_context_new ();
  CameraList *list = NULL;
  int ret;

  gp_list_new (&list);
  ret = resell_camera_gp_detect (list, context);

  if (ret < GP_OK)
    {
      GError *error = NULL;

      resell_camera_set_gp_error (&error, ret, RESELL_CAMERA_OP_DETECT, NULL);
      gp_list_free (list);
      gp_context_unref (context);
      g_task_return_error (task, error);
      return;
    }

  for (int i = 0; i < gp_list_count (list); i++)
    {
      const char *model = NULL;
      const char *port = NULL;
      Detected *d;

      if (gp_list_get_name (list, i, &model) < GP_OK || gp_list_get_value (list, i, &port) < GP_OK ||
          model == NULL || port == NULL)
        continue;

      d = g_new0 (Detected, 1);
      d->model = g_strdup (model);
      d->port = g_strdup (port);

      if (g_hash_table_contains (job->probe_models, model) && !g_cancellable_is_cancelled (cancellable))
        {
          g_autofree char *key = port_key (model, port);

          if (!g_hash_table_contains (job->known_ports, key))
            d->serial = probe_serial (model, port, context);
        }

      g_ptr_array_add (found, d);
    }

  gp_list_free (list);
  gp_context_unref (context);

  g_task_return_pointer (task, g_steal_pointer (&found), (GDestroyNotify)g_ptr_array_unref);
}

/* Main context: applying a scan ------------------------------------------------ */

static void on_camera_state (ResellCamera        *camera,
                             GParamSpec          *pspec,
                             ResellCameraMonitor *self);

static Entry *
add_camera (ResellCameraMonitor *self,
            const char          *model,
            const char          *port)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->monitor = self;
  entry->camera = resell_camera_new (model, port);
  entry->last_state = RESELL_CAMERA_STATE_DISCONNECTED;
  entry->state_handler = g_signal_connect (entry->camera, "notify::state",
                                           G_CALLBACK (on_camera_state), self);
  g_ptr_array_add (self->entries, entry);

  g_debug ("Found %s at %s", model, port);

  g_list_model_items_changed (G_LIST_MODEL (self), self->entries->len - 1, 0, 1);

  return entry;
}

static Entry *
find_by_port (ResellCameraMonitor *self,
              const Detected      *d)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (g_strcmp0 (resell_camera_get_model (entry->camera), d->model) == 0 &&
          g_strcmp0 (resell_camera_get_port (entry->camera), d->port) == 0)
        return entry;
    }

  return NULL;
}

static Entry *
find_by_serial (ResellCameraMonitor *self,
                const Detected      *d)
{
  if (d->serial == NULL)
    return NULL;

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (resell_camera_get_state (entry->camera) == RESELL_CAMERA_STATE_DISCONNECTED &&
          g_strcmp0 (resell_camera_get_model (entry->camera), d->model) == 0 &&
          g_strcmp0 (resell_camera_get_serial (entry->camera), d->serial) == 0)
        return entry;
    }

  return NULL;
}

static void schedule_rescan (ResellCameraMonitor *self);

static void
apply_scan (ResellCameraMonitor *self,
            GPtrArray           *found)
{
  g_autoptr(GHashTable) present = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < found->len; i++)
    {
      const Detected *d = g_ptr_array_index (found, i);
      Entry *entry = find_by_port (self, d);

      if (entry == NULL && (entry = find_by_serial (self, d)) != NULL)
        {
          g_debug ("%s (serial %s) is back, now at %s", d->model, d->serial, d->port);
          resell_camera_set_port (entry->camera, d->port);
          entry->needs_reconnect = TRUE;
        }

      if (entry == NULL)
        entry = add_camera (self, d->model, d->port);

      g_hash_table_add (present, entry->camera);

      if (entry->needs_reconnect &&
          resell_camera_get_state (entry->camera) == RESELL_CAMERA_STATE_DISCONNECTED &&
          resell_camera_get_wants_connection (entry->camera))
        {
          /* Once per return: a camera that then fails to open stays
           * disconnected (with its error) until it is plugged in again. */
          entry->needs_reconnect = FALSE;
          resell_camera_connect_async (entry->camera, self->cancellable, NULL, NULL);
        }
    }

  /* Unplugged while connected: closed, kept in the list, and reconnected
   * when it is found again. */
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (!g_hash_table_contains (present, entry->camera) &&
          state_is_connected (resell_camera_get_state (entry->camera)))
        {
          g_debug ("%s at %s is gone", resell_camera_get_model (entry->camera),
                   resell_camera_get_port (entry->camera));
          entry->needs_reconnect = TRUE;
          resell_camera_mark_gone (entry->camera);
        }
    }

  g_hash_table_unref (self->present);
  self->present = g_steal_pointer (&present);
}

static void
scan_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  ResellCameraMonitor *self = RESELL_CAMERA_MONITOR (object);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;

  found = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (found != NULL)
    apply_scan (self, found);
  else
    g_debug ("Camera detection failed: %s", error->message);

  set_scanning (self, FALSE);
  g_signal_emit (self, signals[SCANNED], 0);

  if (self->rescan_queued)
    {
      self->rescan_queued = FALSE;
      resell_camera_monitor_rescan (self);
    }
}

/* Main context: triggers ------------------------------------------------------- */

static gboolean
rescan_timeout_cb (gpointer user_data)
{
  ResellCameraMonitor *self = user_data;

  g_clear_pointer (&self->rescan_source, g_source_unref);
  resell_camera_monitor_rescan (self);

  return G_SOURCE_REMOVE;
}

/* Restarts the delay on every call: a burst of changes gives one scan. */
static void
schedule_rescan (ResellCameraMonitor *self)
{
  if (self->rescan_source != NULL)
    {
      g_source_destroy (self->rescan_source);
      g_clear_pointer (&self->rescan_source, g_source_unref);
    }

  self->rescan_source = g_timeout_source_new (RESCAN_DELAY_MS);
  g_source_set_static_name (self->rescan_source, "[resell] camera rescan");
  g_source_set_callback (self->rescan_source, rescan_timeout_cb, self, NULL);
  g_source_attach (self->rescan_source, self->main_context);
}

static void
on_camera_state (ResellCamera        *camera,
                 GParamSpec          *pspec,
                 ResellCameraMonitor *self)
{
  Entry *entry = find_entry (self, camera);
  ResellCameraState state = resell_camera_get_state (camera);

  if (entry == NULL)
    return;

  /* A camera that stops answering while in use was most likely unplugged
   * or switched off: look again, and bring it back when it returns. */
  if (state == RESELL_CAMERA_STATE_DISCONNECTED && state_is_connected (entry->last_state) &&
      resell_camera_get_wants_connection (camera))
    {
      entry->needs_reconnect = TRUE;
      schedule_rescan (self);
    }

  entry->last_state = state;
  update_n_connected (self);
}

#ifdef HAVE_GUDEV
static void
on_uevent (GUdevClient         *client,
           const char          *action,
           GUdevDevice         *device,
           ResellCameraMonitor *self)
{
  /* Interfaces come with their device; the device alone is enough. */
  if (g_strcmp0 (g_udev_device_get_devtype (device), "usb_device") != 0)
    return;

  if (g_strcmp0 (action, "add") == 0)
    {
      /* Each plug-in is one more chance for cameras that want to be
       * connected, even those whose last attempt failed. */
      for (guint i = 0; i < self->entries->len; i++)
        {
          Entry *entry = g_ptr_array_index (self->entries, i);

          if (resell_camera_get_wants_connection (entry->camera))
            entry->needs_reconnect = TRUE;
        }

      schedule_rescan (self);
    }
  else if (g_strcmp0 (action, "remove") == 0)
    schedule_rescan (self);
}
#endif

/* GListModel ------------------------------------------------------------------- */

static GType
list_model_get_item_type (GListModel *model)
{
  return RESELL_TYPE_CAMERA;
}

static guint
list_model_get_n_items (GListModel *model)
{
  ResellCameraMonitor *self = RESELL_CAMERA_MONITOR (model);

  return self->entries->len;
}

static gpointer
list_model_get_item (GListModel *model,
                     guint       position)
{
  ResellCameraMonitor *self = RESELL_CAMERA_MONITOR (model);
  Entry *entry;

  if (position >= self->entries->len)
    return NULL;

  entry = g_ptr_array_index (self->entries, position);

  return g_object_ref (entry->camera);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_model_get_item_type;
  iface->get_n_items = list_model_get_n_items;
  iface->get_item = list_model_get_item;
}

/* GObject ---------------------------------------------------------------------- */

static void
resell_camera_monitor_constructed (GObject *object)
{
  ResellCameraMonitor *self = (ResellCameraMonitor *)object;

  G_OBJECT_CLASS (resell_camera_monitor_parent_class)->constructed (object);

#ifdef HAVE_GUDEV
  {
    static const char * const subsystems[] = { "usb", NULL };

    self->udev = g_udev_client_new (subsystems);
    g_signal_connect_object (self->udev, "uevent", G_CALLBACK (on_uevent), self, 0);
  }
#endif

  resell_camera_monitor_rescan (self);
}

static void
resell_camera_monitor_dispose (GObject *object)
{
  ResellCameraMonitor *self = (ResellCameraMonitor *)object;

  g_cancellable_cancel (self->cancellable);

  if (self->rescan_source != NULL)
    {
      g_source_destroy (self->rescan_source);
      g_clear_pointer (&self->rescan_source, g_source_unref);
    }

#ifdef HAVE_GUDEV
  g_clear_object (&self->udev);
#endif

  g_hash_table_remove_all (self->present);
  g_ptr_array_set_size (self->entries, 0);

  G_OBJECT_CLASS (resell_camera_monitor_parent_class)->dispose (object);
}

static void
resell_camera_monitor_finalize (GObject *object)
{
  ResellCameraMonitor *self = (ResellCameraMonitor *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->present, g_hash_table_unref);
  g_clear_pointer (&self->main_context, g_main_context_unref);

  G_OBJECT_CLASS (resell_camera_monitor_parent_class)->finalize (object);
}

static void
resell_camera_monitor_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ResellCameraMonitor *self = RESELL_CAMERA_MONITOR (object);

  switch (prop_id)
    {
    case PROP_SCANNING:
      g_value_set_boolean (value, self->scanning);
      break;

    case PROP_N_CONNECTED:
      g_value_set_uint (value, self->n_connected);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_camera_monitor_class_init (ResellCameraMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = resell_camera_monitor_constructed;
  object_class->dispose = resell_camera_monitor_dispose;
  object_class->finalize = resell_camera_monitor_finalize;
  object_class->get_property = resell_camera_monitor_get_property;

  properties[PROP_SCANNING] =
    g_param_spec_boolean ("scanning", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_CONNECTED] =
    g_param_spec_uint ("n-connected", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SCANNED] =
    g_signal_new ("scanned",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
resell_camera_monitor_init (ResellCameraMonitor *self)
{
  self->main_context = g_main_context_ref_thread_default ();
  self->cancellable = g_cancellable_new ();
  self->entries = g_ptr_array_new_with_free_func (entry_free);
  self->present = g_hash_table_new (NULL, NULL);
}

ResellCameraMonitor *
resell_camera_monitor_new (void)
{
  return g_object_new (RESELL_TYPE_CAMERA_MONITOR, NULL);
}

void
resell_camera_monitor_rescan (ResellCameraMonitor *self)
{
  g_autoptr(GTask) task = NULL;
  ScanJob *job;

  g_return_if_fail (RESELL_IS_CAMERA_MONITOR (self));

  /* One pass at a time; a request during a pass gets one more after it. */
  if (self->scanning)
    {
      self->rescan_queued = TRUE;
      return;
    }

  job = g_new0 (ScanJob, 1);
  job->probe_models = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  job->known_ports = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);
      ResellCamera *camera = entry->camera;

      g_hash_table_add (job->known_ports,
                        port_key (resell_camera_get_model (camera), resell_camera_get_port (camera)));

      if (resell_camera_get_state (camera) == RESELL_CAMERA_STATE_DISCONNECTED &&
          resell_camera_get_serial (camera) != NULL)
        g_hash_table_add (job->probe_models, g_strdup (resell_camera_get_model (camera)));
    }

  set_scanning (self, TRUE);

  task = g_task_new (self, self->cancellable, scan_done, NULL);
  g_task_set_source_tag (task, resell_camera_monitor_rescan);
  g_task_set_name (task, "[resell] camera detection");
  g_task_set_task_data (task, job, scan_job_free);
  g_task_run_in_thread (task, scan_thread);
}

gboolean
resell_camera_monitor_get_scanning (ResellCameraMonitor *self)
{
  g_return_val_if_fail (RESELL_IS_CAMERA_MONITOR (self), FALSE);

  return self->scanning;
}

guint
resell_camera_monitor_get_n_connected (ResellCameraMonitor *self)
{
  g_return_val_if_fail (RESELL_IS_CAMERA_MONITOR (self), 0);

  return self->n_connected;
}

ResellCamera *
resell_camera_monitor_get_default (ResellCameraMonitor *self)
{
  g_return_val_if_fail (RESELL_IS_CAMERA_MONITOR (self), NULL);

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (state_is_connected (resell_camera_get_state (entry->camera)))
        return entry->camera;
    }

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (g_hash_table_contains (self->present, entry->camera))
        return entry->camera;
    }

  return NULL;
}
