/* resell-cli-builtins-camera.c — the camera commands: cameras and capture
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-cli"

#include "config.h"

#include <signal.h>

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <json-glib/json-glib.h>

#include "resell-cli-builtins.h"
#include "resell-cli-common.h"
#include "resell-cli-output.h"
#include "intake/resell-shot-plan.h"

/* ------------------------------------------------------------------ */
/* cameras and capture                                                */
/* ------------------------------------------------------------------ */

/* How long detection may take before the commands give up. */
#define CAMERA_DETECT_TIMEOUT_S 30

static void
on_cameras_scanned (ResellCameraMonitor *monitor,
                    gboolean            *scanned)
{
  *scanned = TRUE;
}

static gboolean
on_detect_timeout (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;

  return G_SOURCE_REMOVE;
}

/* Detects the cameras plugged in (on libgphoto2's worker) and returns the
 * monitor once a detection pass is done, or NULL (error printed) when it
 * took too long. */
static ResellCameraMonitor *
detect_cameras (void)
{
  g_autoptr(ResellCameraMonitor) monitor = resell_camera_monitor_new ();
  gboolean scanned = FALSE;
  gboolean timed_out = FALSE;
  gulong handler;
  guint timeout_id;

  handler = g_signal_connect (monitor, "scanned", G_CALLBACK (on_cameras_scanned), &scanned);
  timeout_id = g_timeout_add_seconds (CAMERA_DETECT_TIMEOUT_S, on_detect_timeout, &timed_out);

  while (!scanned && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  g_signal_handler_disconnect (monitor, handler);
  if (!timed_out)
    g_source_remove (timeout_id);

  if (!scanned)
    {
      resell_cli_print_error (ngettext ("Looking for cameras took longer than %d second. "
                                        "Unplug the camera and plug it in again, then try again.",
                                        "Looking for cameras took longer than %d seconds. "
                                        "Unplug the camera and plug it in again, then try again.",
                                        CAMERA_DETECT_TIMEOUT_S),
                              CAMERA_DETECT_TIMEOUT_S);
      return NULL;
    }

  return g_steal_pointer (&monitor);
}

static const char *
camera_setting_kind_to_string (ResellCameraSettingKind kind)
{
  switch (kind)
    {
    case RESELL_CAMERA_SETTING_CHOICE:
      return "choice";
    case RESELL_CAMERA_SETTING_TEXT:
      return "text";
    case RESELL_CAMERA_SETTING_TOGGLE:
      return "toggle";
    case RESELL_CAMERA_SETTING_RANGE:
    default:
      return "range";
    }
}

/* What "cameras --connect" found out about one camera. */
typedef struct
{
  ResellCamera *camera;
  gboolean      connected;
  GError       *error;      /* of connecting */
  GPtrArray    *settings;   /* of ResellCameraSetting, or NULL */
  GError       *settings_error;
} CameraInfo;

static void
camera_info_free (CameraInfo *info)
{
  g_clear_object (&info->camera);
  g_clear_error (&info->error);
  g_clear_pointer (&info->settings, g_ptr_array_unref);
  g_clear_error (&info->settings_error);
  g_free (info);
}

static gboolean
connect_camera (ResellCamera  *camera,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  resell_camera_connect_async (camera, cancellable, resell_cli_got_async_result, &result);

  return resell_camera_connect_finish (camera, resell_cli_wait_for_result (&result), error);
}

static void
json_add_camera (JsonBuilder *builder,
                 CameraInfo  *info,
                 gboolean     connect)
{
  ResellCamera *camera = info->camera;

  json_builder_begin_object (builder);
  resell_cli_json_add_string (builder, "model", resell_camera_get_model (camera));
  resell_cli_json_add_string (builder, "port", resell_camera_get_port (camera));

  if (connect)
    {
      json_builder_set_member_name (builder, "connected");
      json_builder_add_boolean_value (builder, info->connected);
      resell_cli_json_add_string (builder, "error", info->error != NULL ? info->error->message : NULL);
    }

  if (info->connected)
    {
      gint64 free_bytes = resell_camera_get_free_bytes (camera);
      int free_images = resell_camera_get_free_images (camera);

      resell_cli_json_add_string (builder, "serial", resell_camera_get_serial (camera));
      resell_cli_json_add_string (builder, "battery_level", resell_camera_get_battery_level (camera));
      json_builder_set_member_name (builder, "free_bytes");
      if (free_bytes >= 0)
        json_builder_add_int_value (builder, free_bytes);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "free_images");
      if (free_images >= 0)
        json_builder_add_int_value (builder, free_images);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "has_live_view");
      json_builder_add_boolean_value (builder, resell_camera_get_has_live_view (camera));

      resell_cli_json_add_string (builder, "settings_error",
                                  info->settings_error != NULL ? info->settings_error->message : NULL);
      json_builder_set_member_name (builder, "settings");
      json_builder_begin_array (builder);
      for (guint i = 0; info->settings != NULL && i < info->settings->len; i++)
        {
          ResellCameraSetting *setting = g_ptr_array_index (info->settings, i);
          const char * const *choices = resell_camera_setting_get_choices (setting);

          json_builder_begin_object (builder);
          resell_cli_json_add_string (builder, "name", resell_camera_setting_get_name (setting));
          resell_cli_json_add_string (builder, "role", resell_camera_setting_get_role (setting));
          resell_cli_json_add_string (builder, "label", resell_camera_setting_get_label (setting));
          resell_cli_json_add_string (builder, "kind",
                                      camera_setting_kind_to_string (resell_camera_setting_get_kind (setting)));
          resell_cli_json_add_string (builder, "value", resell_camera_setting_get_value (setting));
          json_builder_set_member_name (builder, "read_only");
          json_builder_add_boolean_value (builder, resell_camera_setting_get_read_only (setting));
          json_builder_set_member_name (builder, "choices");
          json_builder_begin_array (builder);
          for (guint c = 0; choices != NULL && choices[c] != NULL; c++)
            json_builder_add_string_value (builder, choices[c]);
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }

  json_builder_end_object (builder);
}

static void
print_camera (CameraInfo *info)
{
  ResellCamera *camera = info->camera;
  gint64 free_bytes;
  int free_images;
  g_autofree char *space = NULL;

  /* TRANSLATORS: a camera's model and port, e.g. "Nikon DSC D750 (usb:001,005)" */
  g_print (_("%s (%s)"), resell_camera_get_model (camera), resell_camera_get_port (camera));
  g_print ("\n");

  if (!info->connected)
    {
      /* TRANSLATORS: "Could not connect: <the camera's sentence>" */
      g_print ("  ");
      g_print (_("Could not connect: %s"), info->error != NULL ? info->error->message : "");
      g_print ("\n");
      return;
    }

  free_bytes = resell_camera_get_free_bytes (camera);
  free_images = resell_camera_get_free_images (camera);
  if (free_bytes >= 0)
    {
      g_autofree char *size = g_format_size (free_bytes);

      if (free_images >= 0)
        /* TRANSLATORS: free space on the card, e.g. "1.2 GB (about 345 photos)" */
        space = g_strdup_printf (ngettext ("%s (about %d photo)", "%s (about %d photos)", free_images),
                                 size, free_images);
      else
        space = g_steal_pointer (&size);
    }
  else if (free_images >= 0)
    space = g_strdup_printf (ngettext ("about %d photo", "about %d photos", free_images), free_images);

  {
    ResellCliField fields[] = {
      { _("Serial"), g_strdup (resell_camera_get_serial (camera)) },
      { _("Battery"), g_strdup (resell_camera_get_battery_level (camera)) },
      /* TRANSLATORS: free space on the camera's card */
      { _("Free space"), g_steal_pointer (&space) },
      { _("Live view"), g_strdup (resell_camera_get_has_live_view (camera) ? _("yes") : _("no")) },
    };

    if (fields[0].value == NULL)
      fields[0].value = g_strdup (_("unknown"));
    if (fields[1].value == NULL)
      fields[1].value = g_strdup (_("unknown"));
    if (fields[2].value == NULL)
      fields[2].value = g_strdup (_("unknown"));
    resell_cli_print_fields (fields, G_N_ELEMENTS (fields), "  ");
    for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
      g_free (fields[i].value);
  }

  if (info->settings_error != NULL)
    {
      g_print ("  ");
      /* TRANSLATORS: "Settings: <why they could not be read>" */
      g_print (_("Settings: %s"), info->settings_error->message);
      g_print ("\n");
    }
  else if (info->settings != NULL && info->settings->len > 0)
    {
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

      g_print ("  %s\n", _("Settings:"));
      for (guint i = 0; i < info->settings->len; i++)
        {
          ResellCameraSetting *setting = g_ptr_array_index (info->settings, i);
          const char * const *choices = resell_camera_setting_get_choices (setting);
          const char *value = resell_camera_setting_get_value (setting);
          const char *label = resell_camera_setting_get_label (setting);
          char **row = g_new0 (char *, 4);

          row[0] = g_strdup_printf ("    %s", label != NULL && *label != '\0'
                                              ? label : resell_camera_setting_get_name (setting));
          row[1] = g_strdup (value != NULL ? value : "");
          if (resell_camera_setting_get_read_only (setting))
            /* TRANSLATORS: a camera setting that cannot be changed from the computer */
            row[2] = g_strdup (_("(read-only)"));
          else if (choices != NULL && choices[0] != NULL)
            {
              g_autofree char *joined = g_strjoinv (", ", (char **) choices);

              /* TRANSLATORS: the values a camera setting can take */
              row[2] = g_strdup_printf (_("(choices: %s)"), joined);
            }
          else
            row[2] = g_strdup ("");
          g_ptr_array_add (rows, row);
        }
      resell_cli_print_table (rows, 3);
    }
}

ResellCliStatus
resell_cli_builtin_cameras (ResellCliGlobals *globals,
                            int               argc,
                            char            **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(ResellCameraMonitor) monitor = NULL;
  g_autoptr(GPtrArray) infos = NULL;
  ResellCliGlobals local = { NULL, FALSE };
  ResellCliStatus status = RESELL_CLI_EXIT_OK;
  gboolean connect = FALSE;
  guint n_failed = 0;
  guint n;
  const GOptionEntry entries[] = {
    { "connect", 'c', 0, G_OPTION_ARG_NONE, &connect,
      N_("Also connect to each camera and show its serial number, battery, free space and settings"), NULL },
    { NULL }
  };

  context = resell_cli_command_context_new ("cameras", NULL,
                                            _("List the cameras plugged in (through libgphoto2), with their "
                                              "model and port."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  resell_cli_add_global_entries (context, &local);
  if (!resell_cli_parse_command_line (context, globals, &local, &argc, &argv, &status))
    return status;

  if (argc > 1)
    return resell_cli_usage_error (argv[0], _("“cameras” takes no arguments."));

  monitor = detect_cameras ();
  if (monitor == NULL)
    return RESELL_CLI_EXIT_RUNTIME;

  infos = g_ptr_array_new_with_free_func ((GDestroyNotify) camera_info_free);
  n = g_list_model_get_n_items (G_LIST_MODEL (monitor));
  for (guint i = 0; i < n; i++)
    {
      CameraInfo *info = g_new0 (CameraInfo, 1);

      info->camera = g_list_model_get_item (G_LIST_MODEL (monitor), i);
      g_ptr_array_add (infos, info);

      if (!connect)
        continue;

      /* One at a time: each camera has its own thread, but two cameras of
       * one model would only confuse the person reading the output. */
      info->connected = connect_camera (info->camera, NULL, &info->error);
      if (!info->connected)
        {
          n_failed++;
          continue;
        }

      {
        g_autoptr(GAsyncResult) result = NULL;

        resell_camera_list_settings_async (info->camera, NULL, resell_cli_got_async_result, &result);
        info->settings = resell_camera_list_settings_finish (info->camera,
                                                             resell_cli_wait_for_result (&result),
                                                             &info->settings_error);
      }

      resell_camera_disconnect (info->camera);
    }

  if (globals->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < infos->len; i++)
        json_add_camera (builder, g_ptr_array_index (infos, i), connect);
      json_builder_end_array (builder);
      resell_cli_print_json (builder);
    }
  else if (infos->len == 0)
    {
      g_printerr ("%s\n", _("No camera found. Check that it is plugged in and switched on, "
                            "and not set to a mass-storage (USB drive) mode."));
    }
  else if (!connect)
    {
      g_autoptr(GPtrArray) rows = resell_cli_table_new (_("MODEL"), _("PORT"), NULL);

      for (guint i = 0; i < infos->len; i++)
        {
          CameraInfo *info = g_ptr_array_index (infos, i);

          resell_cli_table_add_row (rows,
                                    g_strdup (resell_camera_get_model (info->camera)),
                                    g_strdup (resell_camera_get_port (info->camera)));
        }

      resell_cli_print_table (rows, 2);
    }
  else
    {
      for (guint i = 0; i < infos->len; i++)
        {
          if (i > 0)
            g_print ("\n");
          print_camera (g_ptr_array_index (infos, i));
        }
    }

  /* Each camera's thread ends with its last reference. */
  g_clear_pointer (&infos, g_ptr_array_unref);
  g_clear_object (&monitor);
  resell_cli_flush_main_context ();

  return n_failed > 0 ? RESELL_CLI_EXIT_RUNTIME : RESELL_CLI_EXIT_OK;
}

/* The shot ids, for a message. */
static char *
dup_shot_ids (ResellCategory *category)
{
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint s = 0; s < resell_category_get_n_shots (category); s++)
    {
      if (ids->len > 0)
        g_string_append (ids, ", ");
      g_string_append (ids, resell_category_get_shot (category, s)->id);
    }

  return g_string_free (g_steal_pointer (&ids), FALSE);
}

/* One photo taken by "capture": what became of it. */
typedef struct
{
  char               *path;      /* where the camera's file was saved */
  ResellImportResult *result;    /* NULL when attaching failed outright */
  gboolean            replaced;  /* it took the place of an earlier photo */
} Capture;

static void
capture_free (Capture *capture)
{
  g_free (capture->path);
  g_clear_object (&capture->result);
  g_free (capture);
}

static void
json_add_capture (JsonBuilder       *builder,
                  Capture           *capture,
                  ResellThumbnailer *thumbnailer)
{
  ResellImportResult *result = capture->result;
  ResellPhoto *photo = resell_import_result_get_photo (result);

  json_builder_begin_object (builder);
  resell_cli_json_add_path (builder, "file", capture->path);
  resell_cli_json_add_import_status (builder, result);
  json_builder_set_member_name (builder, "replaced");
  json_builder_add_boolean_value (builder, capture->replaced);
  resell_cli_json_add_problem_sentences (builder, "problems", resell_import_result_get_report (result));
  resell_cli_json_add_import_photo (builder, photo, thumbnailer);
  json_builder_end_object (builder);
}

/* Prints what became of one photo. */
static void
print_capture (Capture *capture)
{
  ResellImportResult *result = capture->result;
  ResellPhoto *photo = resell_import_result_get_photo (result);
  ResellShotReport *report = resell_import_result_get_report (result);
  const char *message = resell_import_result_get_message (result);
  g_autofree char *name = g_filename_display_basename (capture->path);

  switch (resell_import_result_get_status (result))
    {
    case RESELL_IMPORT_STATUS_IMPORTED:
      if (report != NULL && !resell_shot_report_get_passed (report))
        /* TRANSLATORS: "captured DSC_0001.JPG → front, checks failed:"; the problems follow */
        g_print (_("captured %s → %s, checks failed:"), name, resell_cli_slot_or_extra (photo));
      else if (report != NULL)
        /* TRANSLATORS: "captured DSC_0001.JPG → front, checks passed" */
        g_print (_("captured %s → %s, checks passed"), name, resell_cli_slot_or_extra (photo));
      else
        g_print (_("captured %s → %s"), name, resell_cli_slot_or_extra (photo));
      if (capture->replaced)
        /* TRANSLATORS: after "captured DSC_0001.JPG → front": the earlier photo of the shot is out of the item */
        g_print (" %s", _("(replaces the earlier photo)"));
      g_print ("\n");
      if (report != NULL)
        resell_cli_print_report_problems (report);
      break;

    case RESELL_IMPORT_STATUS_DUPLICATE:
      /* TRANSLATORS: "duplicate DSC_0002.JPG: the same picture as the photo in front" */
      g_print (_("duplicate %s: the same picture as the photo in %s"), name,
               photo != NULL ? resell_cli_slot_or_extra (photo) : _("extra photo"));
      g_print ("\n");
      break;

    case RESELL_IMPORT_STATUS_FAILED:
    default:
      resell_cli_print_import_failure (message, name);
      break;
    }
}

ResellCliStatus
resell_cli_builtin_capture (ResellCliGlobals *globals,
                            int               argc,
                            char            **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(ResellItem) item = NULL;
  g_autoptr(ResellCameraMonitor) monitor = NULL;
  g_autoptr(ResellCamera) camera = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GPtrArray) captures = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *slot_opt = NULL;
  g_autofree char *originals_dir = NULL;
  g_autofree char *failure = NULL;
  ResellCliGlobals local = { NULL, FALSE };
  ResellCategory *category = NULL;
  ResellCliStatus status = RESELL_CLI_EXIT_OK;
  ResellCategoryRegistry *registry = NULL;
  ResellCatalog *catalog = NULL;
  ResellThumbnailer *thumbnailer;
  ResellImporter *importer;
  const char *sku;
  guint sigint_id, sigterm_id;
  guint n_failed = 0;
  int count = 1;
  const GOptionEntry entries[] = {
    { "count", 'n', 0, G_OPTION_ARG_INT, &count,
      N_("How many photos to take, one after the other (default 1)"), N_("N") },
    { "slot", 's', 0, G_OPTION_ARG_STRING, &slot_opt,
      N_("The shot the first photo is for, e.g. front (default: the next empty one); "
         "a photo already there is replaced"), N_("SHOT_ID") },
    { NULL }
  };

  context = resell_cli_command_context_new ("capture", _("SKU"),
                                            _("Take photos with the camera plugged in and add them to an item: "
                                              "each is saved in the item’s folder, checked, and fills the next "
                                              "empty shot of the item’s category (then becomes an extra photo)."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  resell_cli_add_global_entries (context, &local);
  if (!resell_cli_parse_command_line (context, globals, &local, &argc, &argv, &status))
    return status;

  if (argc != 2)
    return resell_cli_usage_error (argv[0], _("Give the SKU of one item."));
  if (count < 1 || count > 999)
    return resell_cli_usage_error (argv[0], _("--count must be between 1 and 999."));
  if (slot_opt != NULL && *slot_opt == '\0')
    return resell_cli_usage_error (argv[0], _("--slot must not be empty."));

  sku = argv[1];

  status = resell_cli_open_item_and_category (globals, sku, &catalog, &item, &registry, &category);
  if (status != RESELL_CLI_EXIT_OK)
    return status;

  /* --slot must name a shot of the item's category. */
  if (slot_opt != NULL)
    {
      if (category == NULL)
        {
          resell_cli_print_error (_("The item’s category “%s” is unknown, so it has no shot “%s”."),
                                  resell_item_get_category (item), slot_opt);
          return RESELL_CLI_EXIT_RUNTIME;
        }
      if (resell_category_find_shot (category, slot_opt) == NULL)
        {
          g_autofree char *known = dup_shot_ids (category);

          resell_cli_print_error (_("The category “%s” has no shot “%s”. Its shots: %s."),
                                  resell_category_get_id (category), slot_opt, known);
          return RESELL_CLI_EXIT_RUNTIME;
        }
    }
  else if (category == NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("The item’s category “%s” is unknown: the photos are added as extra photos."),
                         resell_item_get_category (item));
      resell_cli_print_warning (message);
    }

  originals_dir = resell_catalog_dup_originals_dir (catalog, resell_item_get_sku (item), &error);
  if (originals_dir == NULL)
    {
      resell_cli_print_error (_("Could not make the folder for the photos of “%s”: %s"),
                              sku, error->message);
      return RESELL_CLI_EXIT_RUNTIME;
    }

  monitor = detect_cameras ();
  if (monitor == NULL)
    return RESELL_CLI_EXIT_RUNTIME;

  camera = resell_camera_monitor_get_default (monitor);
  if (camera == NULL)
    {
      resell_cli_print_error ("%s", _("No camera found. Check that it is plugged in and switched on, "
                                      "and not set to a mass-storage (USB drive) mode."));
      return RESELL_CLI_EXIT_RUNTIME;
    }
  g_object_ref (camera);

  /* Ctrl-C stops the photo being taken (nothing half-saved is left; a
   * photo the camera took anyway stays on its card) and those after it. */
  cancellable = g_cancellable_new ();
  sigint_id = g_unix_signal_add (SIGINT, resell_cli_on_interrupt, cancellable);
  sigterm_id = g_unix_signal_add (SIGTERM, resell_cli_on_interrupt, cancellable);

  /* The app's importer: checks, thumbnails and the catalog row, as for
   * a photo taken in the studio. */
  importer = resell_context_get_importer (resell_cli_get_context (globals));
  thumbnailer = resell_context_get_thumbnailer (resell_cli_get_context (globals));
  captures = g_ptr_array_new_with_free_func ((GDestroyNotify) capture_free);

  /* The photos stay on the card: the camera is only ever copied from. */
  resell_camera_set_delete_from_card (camera, FALSE);

  if (!connect_camera (camera, cancellable, &error))
    {
      failure = g_strdup (error->message);
      goto out;
    }

  for (int i = 0; i < count; i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(ResellCameraShot) shot = NULL;
      g_autoptr(GPtrArray) photos = NULL;
      g_autoptr(ResellShotPlan) plan = NULL;
      g_autoptr(GFile) file = NULL;
      const char *slot;
      gint64 replace_id = 0;
      Capture *capture;

      resell_camera_capture_async (camera, originals_dir, cancellable, resell_cli_got_async_result, &result);
      shot = resell_camera_capture_finish (camera, resell_cli_wait_for_result (&result), &error);
      g_clear_object (&result);
      if (shot == NULL)
        {
          /* The camera's sentences are whole; a cancellation is ours. */
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            failure = g_strdup (_("Interrupted: no more photos were taken."));
          else
            failure = g_strdup (error->message);
          break;
        }

      photos = resell_catalog_list_photos (catalog, resell_item_get_id (item), &error);
      if (photos == NULL)
        {
          g_autofree char *display = g_filename_display_name (resell_camera_shot_get_path (shot));

          failure = g_strdup_printf (_("Could not list the photos of “%s”: %s The photo just taken is kept in “%s”."),
                                     sku, error->message, display);
          break;
        }

      /* The first photo goes to --slot, replacing what is there; the
       * others fill the next open shots. */
      plan = resell_shot_plan_new (category, photos);
      if (i == 0 && slot_opt != NULL)
        {
          ResellPhoto *old = resell_shot_plan_photo_for_slot (plan, slot_opt);

          slot = slot_opt;
          replace_id = old != NULL ? resell_photo_get_id (old) : 0;
        }
      else
        slot = resell_shot_plan_next_open (plan, NULL);

      /* Not cancellable: a photo saved in the item's folder gets its row. */
      file = g_file_new_for_path (resell_camera_shot_get_path (shot));
      resell_importer_attach_async (importer, item, category, slot, file, TRUE, replace_id,
                                    NULL, resell_cli_got_async_result, &result);

      capture = g_new0 (Capture, 1);
      capture->path = g_strdup (resell_camera_shot_get_path (shot));
      capture->result = resell_importer_attach_finish (importer, resell_cli_wait_for_result (&result),
                                                       &error);
      if (capture->result == NULL)
        {
          g_autofree char *display = g_filename_display_name (capture->path);

          failure = g_strdup_printf (_("Could not add the photo to “%s”: %s The photo is kept in “%s”."),
                                     sku, error->message, display);
          capture_free (capture);
          break;
        }

      capture->replaced = replace_id != 0 &&
                          resell_import_result_get_status (capture->result) == RESELL_IMPORT_STATUS_IMPORTED;
      g_ptr_array_add (captures, capture);

      if (resell_import_result_get_status (capture->result) == RESELL_IMPORT_STATUS_FAILED)
        n_failed++;
      if (!globals->json)
        print_capture (capture);

      if (g_cancellable_is_cancelled (cancellable) && i + 1 < count)
        {
          failure = g_strdup (_("Interrupted: no more photos were taken."));
          break;
        }
    }

out:
  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);

  if (globals->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < captures->len; i++)
        json_add_capture (builder, g_ptr_array_index (captures, i), thumbnailer);
      json_builder_end_array (builder);
      resell_cli_print_json (builder);
    }

  if (failure != NULL)
    resell_cli_print_error ("%s", failure);

  resell_camera_disconnect (camera);
  g_clear_object (&camera);
  g_clear_object (&monitor);
  resell_cli_flush_main_context ();

  return failure != NULL || n_failed > 0 ? RESELL_CLI_EXIT_RUNTIME : RESELL_CLI_EXIT_OK;
}
