/* test-camera.c — the camera subsystem against libgphoto2's own virtual
 * camera (a Nikon D750 emulated behind a virtual USB port, driven by the
 * real ptp2 driver), built by meson with tests/vcamera/build-vcamera.
 *
 * Every case runs in its own process: the virtual camera declares its card
 * full after about 26 captures per process, and its card (one folder of the
 * build tree) is shared, so the cases also run one at a time.
 *
 * Over 1,000 lines on purpose: one fixture (the virtual camera and its card)
 * and the table of cases run against it; a second program would have to
 * share the card and run serially with this one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <dlfcn.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <vips/vips.h>

#include "resell-core.h"
#include "resell-test-utils.h"
#include "vcamera-test-utils.h"

/* resell_camera_mark_gone(): what the monitor does to a camera that is no
 * longer detected, here to act out an unplug. */
#include "camera/resell-camera-private.h"

static GBytes *original;    /* the picture every case starts from (parent only) */

typedef struct
{
  char         *dir;        /* where photos are saved */
  ResellCamera *camera;
  GBytes       *picture;    /* on the card since connecting, if the case chose one */
} Fixture;

/* A picture to put on the card before the camera is opened: the virtual
 * camera reads the size of its files once per process, when first opened,
 * and the bytes at each download. */
typedef struct
{
  GBytes *(*make) (void);
} Card;

/* The computer's disk, full on demand ------------------------------------ */

/* While set, every write() of this process into a file under this folder
 * fails with ENOSPC, as on a full disk.  This definition takes the place of
 * the C library's for the core and libgphoto2 alike. */
static char *full_disk_dir;
G_LOCK_DEFINE_STATIC (full_disk);

static gboolean
fd_is_on_full_disk (int fd)
{
  char link[64];
  char target[4096];
  ssize_t len;
  gboolean full;

  G_LOCK (full_disk);
  if (full_disk_dir == NULL)
    {
      G_UNLOCK (full_disk);
      return FALSE;
    }

  g_snprintf (link, sizeof link, "/proc/self/fd/%d", fd);
  len = readlink (link, target, sizeof target - 1);
  if (len < 0)
    len = 0;
  target[len] = '\0';
  full = g_str_has_prefix (target, full_disk_dir) && target[strlen (full_disk_dir)] == '/';
  G_UNLOCK (full_disk);

  return full;
}

ssize_t
write (int         fd,
       const void *buf,
       size_t      count)
{
  static ssize_t (*real_write) (int, const void *, size_t);

  if (real_write == NULL)
    real_write = (ssize_t (*) (int, const void *, size_t)) dlsym (RTLD_NEXT, "write");

  if (fd_is_on_full_disk (fd))
    {
      errno = ENOSPC;
      return -1;
    }

  return real_write (fd, buf, count);
}

static void
set_disk_full (const char *dir)
{
  G_LOCK (full_disk);
  g_free (full_disk_dir);
  full_disk_dir = g_strdup (dir);
  G_UNLOCK (full_disk);
}

/* Helpers ---------------------------------------------------------------- */

static void
assert_sentence (const GError *error)
{
  g_assert_nonnull (error);
  g_assert_nonnull (error->message);
  g_assert_cmpuint (strlen (error->message), >, 10);
  g_assert_null (strstr (error->message, "(null)"));
  g_test_message ("error: %s", error->message);
}

/* Puts a new picture on the card; returns a reference to it. */
static GBytes *
set_card_picture (GBytes *bytes)
{
  resell_test_vcamera_set_card_picture (bytes);

  return g_bytes_ref (bytes);
}

/* A picture of the same size as the card's (the virtual camera reads the
 * size when it is opened and the bytes when a shot is downloaded): the
 * starter JPEG with @tag written over the middle of its scan data. */
static GBytes *
make_picture (const char *tag)
{
  static GBytes *starter;
  GByteArray *array;

  if (starter == NULL)
    starter = resell_test_read_bytes (resell_test_vcamera_get_card_jpeg ());

  array = g_byte_array_new ();
  g_byte_array_append (array, g_bytes_get_data (starter, NULL), g_bytes_get_size (starter));
  g_assert_cmpuint (array->len, >, 2 * strlen (tag));
  memcpy (array->data + array->len / 2, tag, strlen (tag));

  return g_byte_array_free_to_bytes (array);
}

static char *
sha256_of (GBytes *bytes)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

static void
assert_file_equals (const char *path,
                    GBytes     *expected)
{
  g_autoptr(GBytes) actual = resell_test_read_bytes (path);

  g_assert_true (g_bytes_equal (actual, expected));
}

static void
connect_camera (ResellCamera *camera)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  resell_camera_connect_async (camera, NULL, resell_test_got_result, &result);
  resell_camera_connect_finish (camera, resell_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (resell_camera_get_state (camera), ==, RESELL_CAMERA_STATE_READY);
}

static ResellCameraShot *
capture (ResellCamera  *camera,
         const char    *dir,
         GCancellable  *cancellable,
         GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  resell_camera_capture_async (camera, dir, cancellable, resell_test_got_result, &result);

  return resell_camera_capture_finish (camera, resell_test_wait_for (&result), error);
}

static ResellCameraShot *
download (ResellCamera  *camera,
          const char    *folder,
          const char    *name,
          const char    *dir,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  resell_camera_download_async (camera, folder, name, dir, cancellable, resell_test_got_result, &result);

  return resell_camera_download_finish (camera, resell_test_wait_for (&result), error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("resell-camera-XXXXXX", &error);
  g_assert_no_error (error);

  if (!g_test_subprocess ())
    return;

  if (data != NULL)
    {
      const Card *card = data;

      f->picture = set_card_picture (card->make ());
      g_bytes_unref (f->picture);
    }

  f->camera = resell_camera_new (RESELL_TEST_VCAMERA_MODEL, RESELL_TEST_VCAMERA_PORT);
  connect_camera (f->camera);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->camera != NULL)
    {
      resell_camera_disconnect (f->camera);
      g_clear_object (&f->camera);
    }

  resell_test_remove_tree (f->dir);
  g_free (f->dir);
  g_clear_pointer (&f->picture, g_bytes_unref);
}

/* In the parent: runs this very test again in a child process. */
static gboolean
run_in_subprocess (void)
{
  if (g_test_subprocess ())
    return FALSE;

  /* Each case starts from the card as built, whatever the last one left. */
  g_bytes_unref (set_card_picture (original));

  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  return TRUE;
}

/* Cases -------------------------------------------------------------------- */

static void
count_scan (ResellCameraMonitor *monitor,
            guint               *n_scanned)
{
  (*n_scanned)++;
}

static void
test_detect (void)
{
  g_autoptr(ResellCameraMonitor) monitor = NULL;
  g_autoptr(ResellCamera) camera = NULL;
  guint n_scanned = 0;

  if (run_in_subprocess ())
    return;

  monitor = resell_camera_monitor_new ();
  g_signal_connect (monitor, "scanned", G_CALLBACK (count_scan), &n_scanned);

  /* Detection runs on a worker: the main loop is free meanwhile. */
  g_assert_true (resell_camera_monitor_get_scanning (monitor));
  resell_test_iterate_until (&n_scanned, 1);
  g_assert_false (resell_camera_monitor_get_scanning (monitor));

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (monitor)), ==, 1);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (monitor)) == RESELL_TYPE_CAMERA);
  camera = g_list_model_get_item (G_LIST_MODEL (monitor), 0);
  g_assert_cmpstr (resell_camera_get_model (camera), ==, RESELL_TEST_VCAMERA_MODEL);
  g_assert_cmpstr (resell_camera_get_port (camera), ==, RESELL_TEST_VCAMERA_PORT);
  g_assert_cmpint (resell_camera_get_state (camera), ==, RESELL_CAMERA_STATE_DISCONNECTED);
  g_assert_true (resell_camera_monitor_get_default (monitor) == camera);
  g_assert_cmpuint (resell_camera_monitor_get_n_connected (monitor), ==, 0);

  /* Nothing touches the camera before connect. */
  g_assert_null (resell_camera_get_serial (camera));

  connect_camera (camera);
  g_assert_cmpstr (resell_camera_get_serial (camera), ==, "0.1");
  g_assert_cmpuint (resell_camera_monitor_get_n_connected (monitor), ==, 1);

  /* Found again, the same object, still connected. */
  resell_camera_monitor_rescan (monitor);
  resell_test_iterate_until (&n_scanned, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (monitor)), ==, 1);
  g_assert_cmpint (resell_camera_get_state (camera), ==, RESELL_CAMERA_STATE_READY);

  resell_camera_disconnect (camera);
}

static void
test_connect (Fixture       *f,
              gconstpointer  data)
{
  if (run_in_subprocess ())
    return;

  g_assert_cmpstr (resell_camera_get_serial (f->camera), ==, "0.1");
  g_assert_cmpstr (resell_camera_get_battery_level (f->camera), ==, "50%");
  g_assert_cmpint (resell_camera_get_free_bytes (f->camera), >, 0);
  g_assert_cmpint (resell_camera_get_free_images (f->camera), >, 0);
  g_assert_null (resell_camera_get_last_error (f->camera));
  /* The driver claims live view for the whole family. */
  g_assert_true (resell_camera_get_has_live_view (f->camera));
}

static ResellCameraSetting *
find_role (GPtrArray  *settings,
           const char *role)
{
  for (guint i = 0; i < settings->len; i++)
    if (g_str_equal (resell_camera_setting_get_role (g_ptr_array_index (settings, i)), role))
      return g_ptr_array_index (settings, i);

  return NULL;
}

static void
test_settings (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) settings = NULL;
  g_autoptr(ResellCameraSetting) setting = NULL;
  g_autoptr(GError) error = NULL;
  ResellCameraSetting *aperture;
  const char * const *choices;

  if (run_in_subprocess ())
    return;

  resell_camera_list_settings_async (f->camera, NULL, resell_test_got_result, &result);
  settings = resell_camera_list_settings_finish (f->camera, resell_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  aperture = find_role (settings, "aperture");
  g_assert_nonnull (aperture);
  g_assert_cmpstr (resell_camera_setting_get_name (aperture), ==, "f-number");
  g_assert_cmpint (resell_camera_setting_get_kind (aperture), ==, RESELL_CAMERA_SETTING_CHOICE);
  choices = resell_camera_setting_get_choices (aperture);
  g_assert_true (g_strv_contains (choices, "f/2.8"));
  g_assert_true (g_strv_contains (choices, "f/4"));
  g_assert_nonnull (find_role (settings, "shutter-speed"));
  /* "capturetarget" is where photos go, not their format. */
  for (guint i = 0; i < settings->len; i++)
    g_assert_cmpstr (resell_camera_setting_get_name (g_ptr_array_index (settings, i)), !=, "capturetarget");

  resell_camera_set_setting_async (f->camera, "f-number", "f/4", NULL, resell_test_got_result, &result);
  resell_camera_set_setting_finish (f->camera, resell_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  resell_camera_get_setting_async (f->camera, "f-number", NULL, resell_test_got_result, &result);
  setting = resell_camera_get_setting_finish (f->camera, resell_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpstr (resell_camera_setting_get_value (setting), ==, "f/4");
  g_assert_cmpstr (resell_camera_setting_get_role (setting), ==, "aperture");

  /* The virtual camera itself would take this; we must not. */
  resell_camera_set_setting_async (f->camera, "f-number", "f/99", NULL, resell_test_got_result, &result);
  g_assert_false (resell_camera_set_setting_finish (f->camera, resell_test_wait_for (&result), &error));
  g_assert_error (error, RESELL_CAMERA_ERROR, RESELL_CAMERA_ERROR_BAD_VALUE);
  assert_sentence (error);
  g_clear_error (&error);
  g_clear_object (&result);

  resell_camera_get_setting_async (f->camera, "no-such-setting", NULL, resell_test_got_result, &result);
  g_assert_null (resell_camera_get_setting_finish (f->camera, resell_test_wait_for (&result), &error));
  g_assert_error (error, RESELL_CAMERA_ERROR, RESELL_CAMERA_ERROR_NOT_SUPPORTED);
  assert_sentence (error);
}

static void
test_capture_twice (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(ResellCameraShot) shot1 = NULL;
  g_autoptr(ResellCameraShot) shot2 = NULL;
  g_autofree char *sha1 = NULL;
  g_autofree char *sha2 = NULL;
  g_autoptr(GError) error = NULL;

  if (run_in_subprocess ())
    return;

  first = make_picture ("first");
  g_bytes_unref (set_card_picture (first));
  shot1 = capture (f->camera, f->dir, NULL, &error);
  g_assert_no_error (error);

  second = make_picture ("second");
  g_bytes_unref (set_card_picture (second));
  shot2 = capture (f->camera, f->dir, NULL, &error);
  g_assert_no_error (error);

  sha1 = sha256_of (first);
  sha2 = sha256_of (second);
  g_assert_cmpstr (resell_camera_shot_get_sha256 (shot1), ==, sha1);
  g_assert_cmpstr (resell_camera_shot_get_sha256 (shot2), ==, sha2);
  g_assert_cmpstr (sha1, !=, sha2);
  assert_file_equals (resell_camera_shot_get_path (shot1), first);
  assert_file_equals (resell_camera_shot_get_path (shot2), second);
  g_assert_cmpstr (resell_camera_shot_get_path (shot1), !=, resell_camera_shot_get_path (shot2));
  g_assert_true (g_str_has_prefix (resell_camera_shot_get_path (shot1), f->dir));
  g_assert_false (resell_camera_shot_get_from_camera_shutter (shot1));
  g_assert_null (resell_camera_shot_get_companion_path (shot1));
  g_assert_nonnull (resell_camera_shot_get_camera_name (shot1));
  g_assert_cmpint (resell_camera_shot_get_arrived_at (shot1), >, 0);

  g_assert_cmpuint (resell_test_count_files (f->dir), ==, 2);
  resell_test_assert_no_temporary_files (f->dir);
  g_assert_cmpint (resell_camera_get_state (f->camera), ==, RESELL_CAMERA_STATE_READY);
}

static void
count_shot (ResellCamera      *camera,
            ResellCameraShot  *shot,
            GPtrArray         *shots)
{
  g_ptr_array_add (shots, g_object_ref (shot));
}

static void
test_camera_shutter (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) shots = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) picture = make_picture ("camera-shutter");
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = sha256_of (picture);
  ResellCameraShot *shot;

  if (run_in_subprocess ())
    return;

  g_bytes_unref (set_card_picture (picture));
  resell_camera_set_download_dir (f->camera, f->dir);
  g_signal_connect (f->camera, "shot-added", G_CALLBACK (count_shot), shots);

  /* The virtual camera's way of having its own button pressed: PTP event
   * ObjectAdded after 16 ms.  No capture call is made. */
  resell_camera_set_setting_async (f->camera, "opcode", "0x9999,0x0,0x10", NULL, resell_test_got_result, &result);
  resell_camera_set_setting_finish (f->camera, resell_test_wait_for (&result), &error);
  g_assert_no_error (error);

  resell_test_iterate_until (&shots->len, 1);

  shot = g_ptr_array_index (shots, 0);
  g_assert_true (resell_camera_shot_get_from_camera_shutter (shot));
  g_assert_cmpstr (resell_camera_shot_get_sha256 (shot), ==, sha);
  g_assert_true (g_str_has_prefix (resell_camera_shot_get_path (shot), f->dir));
  assert_file_equals (resell_camera_shot_get_path (shot), picture);
  g_assert_cmpuint (resell_test_count_files (f->dir), ==, 1);
  resell_test_assert_no_temporary_files (f->dir);
}

static GBytes *
make_truncated_picture (void)
{
  g_autoptr(GBytes) whole = make_picture ("");

  return g_bytes_new_from_bytes (whole, 0, g_bytes_get_size (whole) / 2);
}

static const Card truncated_card = { make_truncated_picture };

static void
test_corrupt_jpeg (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(ResellCameraShot) shot = NULL;
  g_autoptr(GError) error = NULL;

  if (run_in_subprocess ())
    return;

  /* Judging the picture is the shot check's job: the download itself must
   * be byte-exact whatever the bytes are. */
  shot = capture (f->camera, f->dir, NULL, &error);
  g_assert_no_error (error);
  assert_file_equals (resell_camera_shot_get_path (shot), f->picture);
  resell_test_assert_no_temporary_files (f->dir);
}

/* Watches the download folder from a thread and cancels as soon as a file
 * there has part of the photo: the transfer is then under way and cannot
 * have finished, so the cancel must win. */
typedef struct
{
  const char   *dir;
  gsize         full_size;
  GCancellable *cancellable;
  gint          stop;
  gboolean      seen_partial;
} PartialWatch;

static gpointer
cancel_on_partial_file (gpointer data)
{
  PartialWatch *watch = data;

  while (!g_atomic_int_get (&watch->stop))
    {
      g_autoptr(GDir) dir = g_dir_open (watch->dir, 0, NULL);
      const char *entry;

      while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (watch->dir, entry, NULL);
          GStatBuf st;

          if (g_stat (path, &st) == 0 && st.st_size > 0 && (gsize) st.st_size < watch->full_size)
            {
              g_cancellable_cancel (watch->cancellable);
              watch->seen_partial = TRUE;
              return NULL;
            }
        }
      g_usleep (200);
    }

  return NULL;
}

/* Takes a photo (@camera_name NULL) or downloads the card's @camera_name,
 * cancelled while its bytes arrive; the outcome must be the cancel, with
 * nothing left in the folder.  Tries again when the transfer was too quick
 * to be caught under way; each try is its own capture or download. */
static void
cancel_during_transfer_and_check (Fixture      *f,
                                  GCancellable *cancellable,
                                  const char   *camera_name)
{
  for (guint attempt = 1; attempt <= 5; attempt++)
    {
      g_autoptr(ResellCameraShot) shot = NULL;
      g_autoptr(GError) error = NULL;
      PartialWatch watch = { f->dir, g_bytes_get_size (f->picture), cancellable, 0, FALSE };
      GThread *thread;

      g_cancellable_reset (cancellable);
      thread = g_thread_new ("watch", cancel_on_partial_file, &watch);
      if (camera_name == NULL)
        shot = capture (f->camera, f->dir, cancellable, &error);
      else
        shot = download (f->camera, "/store_00010001/DCIM/100NIKON", camera_name, f->dir, cancellable, &error);
      g_atomic_int_set (&watch.stop, 1);
      g_thread_join (thread);

      if (!watch.seen_partial)
        {
          g_test_message ("try %u: the transfer was over before it was seen under way", attempt);
          resell_test_remove_tree (f->dir);
          g_assert_cmpint (g_mkdir (f->dir, 0700), ==, 0);
          continue;
        }

      g_assert_null (shot);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_cmpuint (resell_test_count_files (f->dir), ==, 0);
      resell_test_assert_no_temporary_files (f->dir);
      g_assert_cmpint (resell_camera_get_state (f->camera), ==, RESELL_CAMERA_STATE_READY);
      return;
    }

  g_error ("the transfer was never seen under way in 5 tries");
}

/* A big file, so that the download is under way when the cancel comes. */
static GBytes *
make_big_picture (void)
{
  g_autoptr(GBytes) starter = make_picture ("");
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  GByteArray *big = g_byte_array_new ();

  g_byte_array_append (big, g_bytes_get_data (starter, NULL), g_bytes_get_size (starter));
  for (guint i = 0; i < 16 * 1024 * 1024 / 4; i++)
    {
      guint32 word = g_rand_int (rand);

      g_byte_array_append (big, (const guint8 *)&word, sizeof word);
    }

  return g_byte_array_free_to_bytes (big);
}

static const Card big_card = { make_big_picture };

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(ResellCameraShot) shot = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) other = NULL;
  GByteArray *array;

  if (run_in_subprocess ())
    return;

  /* Cancelled while the shot streams in. */
  cancel_during_transfer_and_check (f, cancellable, NULL);

  /* Cancelled while the card's own file streams in. */
  cancel_during_transfer_and_check (f, cancellable, "DSC_0001.JPG");

  /* Cancelled before it starts. */
  g_cancellable_reset (cancellable);
  g_cancellable_cancel (cancellable);
  shot = capture (f->camera, f->dir, cancellable, &error);
  g_assert_null (shot);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (resell_test_count_files (f->dir), ==, 0);
  g_clear_error (&error);

  /* The camera still works, and sends the picture now on the card. */
  array = g_byte_array_new ();
  g_byte_array_append (array, g_bytes_get_data (f->picture, NULL), g_bytes_get_size (f->picture));
  memcpy (array->data + array->len - 64, "after the cancel", 16);
  other = set_card_picture (g_byte_array_free_to_bytes (array));
  g_bytes_unref (other);
  shot = capture (f->camera, f->dir, NULL, &error);
  g_assert_no_error (error);
  assert_file_equals (resell_camera_shot_get_path (shot), other);
  resell_test_assert_no_temporary_files (f->dir);
}

static void
test_card_full (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) shots = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) pictures = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  g_autoptr(GError) error = NULL;

  if (run_in_subprocess ())
    return;

  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *tag = g_strdup_printf ("shot %u", i);
      g_autoptr(GBytes) picture = make_picture (tag);
      ResellCameraShot *shot;

      g_bytes_unref (set_card_picture (picture));
      shot = capture (f->camera, f->dir, NULL, &error);
      if (shot == NULL)
        break;

      g_ptr_array_add (shots, shot);
      g_ptr_array_add (pictures, g_bytes_ref (picture));
    }

  g_test_message ("card full after %u captures", shots->len);
  g_assert_error (error, RESELL_CAMERA_ERROR, RESELL_CAMERA_ERROR_CARD_FULL);
  assert_sentence (error);
  g_assert_cmpuint (shots->len, >=, 20);
  g_assert_cmpstr (resell_camera_get_last_error (f->camera), ==, error->message);
  /* Still connected: another card, and shooting goes on. */
  g_assert_cmpint (resell_camera_get_state (f->camera), ==, RESELL_CAMERA_STATE_READY);

  /* Nothing lost: every earlier shot whole, and only those. */
  g_assert_cmpuint (resell_test_count_files (f->dir), ==, shots->len);
  resell_test_assert_no_temporary_files (f->dir);
  for (guint i = 0; i < shots->len; i++)
    {
      ResellCameraShot *shot = g_ptr_array_index (shots, i);
      g_autofree char *expected = sha256_of (g_ptr_array_index (pictures, i));
      g_autofree char *actual = resell_file_compute_sha256 (resell_camera_shot_get_path (shot), NULL, NULL);

      g_assert_cmpstr (actual, ==, expected);
      g_assert_cmpstr (resell_camera_shot_get_sha256 (shot), ==, expected);
    }
}

/* The computer's disk is full when a photo arrives: a sentence that says
 * so (not "the camera stopped answering"), the camera still ready, no
 * partial file, and shooting goes on once there is room. */
static void
test_disk_full (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GBytes) picture = make_picture ("disk full");
  g_autoptr(GBytes) after = make_picture ("room again");
  g_autoptr(ResellCameraShot) shot = NULL;
  g_autoptr(GError) error = NULL;

  if (run_in_subprocess ())
    return;

  g_bytes_unref (set_card_picture (picture));
  set_disk_full (f->dir);
  shot = capture (f->camera, f->dir, NULL, &error);
  set_disk_full (NULL);

  g_assert_null (shot);
  g_assert_error (error, RESELL_CAMERA_ERROR, RESELL_CAMERA_ERROR_SAVE_FAILED);
  assert_sentence (error);
  g_assert_nonnull (strstr (error->message, "no space left on this computer"));
  g_assert_nonnull (strstr (error->message, "still on the camera’s card"));
  g_assert_cmpint (resell_camera_get_state (f->camera), ==, RESELL_CAMERA_STATE_READY);
  g_assert_cmpuint (resell_test_count_files (f->dir), ==, 0);
  resell_test_assert_no_temporary_files (f->dir);
  g_clear_error (&error);

  /* The card's own file comes down whole once there is room, and so does
   * the next shot. */
  shot = download (f->camera, "/store_00010001/DCIM/100NIKON", "DSC_0001.JPG", f->dir, NULL, &error);
  g_assert_no_error (error);
  assert_file_equals (resell_camera_shot_get_path (shot), picture);
  g_clear_object (&shot);

  g_bytes_unref (set_card_picture (after));
  shot = capture (f->camera, f->dir, NULL, &error);
  g_assert_no_error (error);
  assert_file_equals (resell_camera_shot_get_path (shot), after);
  resell_test_assert_no_temporary_files (f->dir);
}

static void
test_preview (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) frame = NULL;

  if (run_in_subprocess ())
    return;

  g_assert_true (resell_camera_get_has_live_view (f->camera));

  resell_camera_preview_async (f->camera, NULL, resell_test_got_result, &result);
  frame = resell_camera_preview_finish (f->camera, resell_test_wait_for (&result), &error);
  g_assert_null (frame);
  g_assert_error (error, RESELL_CAMERA_ERROR, RESELL_CAMERA_ERROR_NOT_SUPPORTED);
  assert_sentence (error);
  g_assert_false (resell_camera_get_has_live_view (f->camera));
  g_clear_error (&error);
  g_clear_object (&result);

  /* Answered without asking the camera again. */
  resell_camera_preview_async (f->camera, NULL, resell_test_got_result, &result);
  frame = resell_camera_preview_finish (f->camera, resell_test_wait_for (&result), &error);
  g_assert_error (error, RESELL_CAMERA_ERROR, RESELL_CAMERA_ERROR_NOT_SUPPORTED);

  /* The camera is fine otherwise. */
  g_assert_cmpint (resell_camera_get_state (f->camera), ==, RESELL_CAMERA_STATE_READY);
}

static void
test_disconnect (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GAsyncResult) queued = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) settings = NULL;
  g_autoptr(ResellCameraShot) shot = NULL;
  g_autoptr(GError) error = NULL;

  if (run_in_subprocess ())
    return;

  /* Queued before the disconnect: fails, does not run. */
  resell_camera_list_settings_async (f->camera, NULL, resell_test_got_result, &queued);
  resell_camera_disconnect (f->camera);
  settings = resell_camera_list_settings_finish (f->camera, resell_test_wait_for (&queued), &error);
  g_assert_null (settings);
  g_assert_error (error, RESELL_CAMERA_ERROR, RESELL_CAMERA_ERROR_NOT_READY);
  assert_sentence (error);
  g_clear_error (&error);

  shot = capture (f->camera, f->dir, NULL, &error);
  g_assert_null (shot);
  g_assert_error (error, RESELL_CAMERA_ERROR, RESELL_CAMERA_ERROR_NOT_READY);
  g_assert_cmpint (resell_camera_get_state (f->camera), ==, RESELL_CAMERA_STATE_DISCONNECTED);
  g_assert_cmpuint (resell_test_count_files (f->dir), ==, 0);
  g_clear_error (&error);

  /* And it can be connected again. */
  connect_camera (f->camera);
  resell_camera_list_settings_async (f->camera, NULL, resell_test_got_result, &result);
  settings = resell_camera_list_settings_finish (f->camera, resell_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (settings->len, >, 0);
}

static void
count_state (ResellCamera *camera,
             GParamSpec   *pspec,
             guint        *n_ready)
{
  if (resell_camera_get_state (camera) == RESELL_CAMERA_STATE_READY)
    (*n_ready)++;
}

/* A camera lost while in use (here: as if its I/O had failed) makes the
 * monitor look again, and comes back by itself once found. */
static void
test_reconnect (void)
{
  g_autoptr(ResellCameraMonitor) monitor = NULL;
  ResellCamera *camera;
  guint n_scanned = 0;
  guint n_ready = 0;

  if (run_in_subprocess ())
    return;

  monitor = resell_camera_monitor_new ();
  g_signal_connect (monitor, "scanned", G_CALLBACK (count_scan), &n_scanned);
  resell_test_iterate_until (&n_scanned, 1);

  camera = resell_camera_monitor_get_default (monitor);
  g_assert_nonnull (camera);
  g_signal_connect (camera, "notify::state", G_CALLBACK (count_state), &n_ready);
  connect_camera (camera);
  g_assert_cmpuint (n_ready, ==, 1);

  resell_camera_mark_gone (camera);
  resell_test_iterate_until (&n_ready, 2);

  g_assert_cmpuint (n_scanned, >=, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (monitor)), ==, 1);
  g_assert_cmpstr (resell_camera_get_serial (camera), ==, "0.1");
  g_assert_cmpuint (resell_camera_monitor_get_n_connected (monitor), ==, 1);

  /* Disconnected on purpose: stays so. */
  resell_camera_disconnect (camera);
  while (resell_camera_get_state (camera) != RESELL_CAMERA_STATE_DISCONNECTED)
    g_main_context_iteration (NULL, TRUE);
  resell_camera_monitor_rescan (monitor);
  resell_test_iterate_until (&n_scanned, n_scanned + 1);
  g_assert_cmpint (resell_camera_get_state (camera), ==, RESELL_CAMERA_STATE_DISCONNECTED);
  g_assert_cmpuint (resell_camera_monitor_get_n_connected (monitor), ==, 0);
}

static void
test_no_camera (void)
{
  g_autoptr(ResellCamera) camera = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (run_in_subprocess ())
    return;

  /* Only the virtual USB port driver is loaded: no such port here. */
  camera = resell_camera_new (RESELL_TEST_VCAMERA_MODEL, "serial:/dev/ttyS99");
  resell_camera_connect_async (camera, NULL, resell_test_got_result, &result);
  g_assert_false (resell_camera_connect_finish (camera, resell_test_wait_for (&result), &error));
  g_assert_error (error, RESELL_CAMERA_ERROR, RESELL_CAMERA_ERROR_NOT_FOUND);
  assert_sentence (error);
  g_assert_cmpint (resell_camera_get_state (camera), ==, RESELL_CAMERA_STATE_DISCONNECTED);
  g_assert_cmpstr (resell_camera_get_last_error (camera), ==, error->message);
}

/* The gvfs step of a connect, with nothing mounted: it must call back
 * (else the connect would wait forever) on the default main context. */
static void
test_gvfs_no_mounts (void)
{
  g_autoptr(GAsyncResult) result = NULL;

  if (run_in_subprocess ())
    return;

  /* The plain Unix volume monitor: no session bus or gvfs daemons here. */
  g_setenv ("GIO_USE_VOLUME_MONITOR", "unix", TRUE);

  /* As when run from an idle on the default context, as the camera does. */
  g_assert_true (g_main_context_acquire (NULL));
  resell_camera_gvfs_unmount_async (RESELL_TEST_VCAMERA_PORT, NULL, resell_test_got_result, &result);
  g_main_context_release (NULL);
  g_assert_cmpuint (resell_camera_gvfs_unmount_finish (resell_test_wait_for (&result)), ==, 0);
}

/* Like build-vcamera's own starter, but made here, so that a run killed
 * half-way (leaving a truncated or huge card) cannot spoil the next one. */
static GBytes *
make_starter_picture (void)
{
  g_autoptr(GError) error = NULL;
  VipsImage *black = NULL;
  void *buf = NULL;
  size_t len = 0;

  g_assert_true (resell_core_init (NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (vips_black (&black, 1200, 800, "bands", 3, NULL), ==, 0);
  g_assert_cmpint (vips_jpegsave_buffer (black, &buf, &len, NULL), ==, 0);
  g_object_unref (black);

  return g_bytes_new_take (buf, len);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  if (!resell_test_vcamera_init ("/camera/virtual-camera"))
    {
      ret = g_test_run ();
      resell_test_vcamera_clear ();
      return ret;
    }

  if (!g_test_subprocess ())
    original = make_starter_picture ();

  g_test_add_func ("/camera/detect", test_detect);
  g_test_add_func ("/camera/no-camera", test_no_camera);
  g_test_add_func ("/camera/reconnect", test_reconnect);
  g_test_add_func ("/camera/gvfs-no-mounts", test_gvfs_no_mounts);
  g_test_add ("/camera/connect", Fixture, NULL, fixture_setup, test_connect, fixture_teardown);
  g_test_add ("/camera/settings", Fixture, NULL, fixture_setup, test_settings, fixture_teardown);
  g_test_add ("/camera/capture-twice", Fixture, NULL, fixture_setup, test_capture_twice, fixture_teardown);
  g_test_add ("/camera/camera-shutter", Fixture, NULL, fixture_setup, test_camera_shutter, fixture_teardown);
  g_test_add ("/camera/corrupt-jpeg", Fixture, &truncated_card, fixture_setup, test_corrupt_jpeg, fixture_teardown);
  g_test_add ("/camera/cancel", Fixture, &big_card, fixture_setup, test_cancel, fixture_teardown);
  g_test_add ("/camera/card-full", Fixture, NULL, fixture_setup, test_card_full, fixture_teardown);
  g_test_add ("/camera/disk-full", Fixture, NULL, fixture_setup, test_disk_full, fixture_teardown);
  g_test_add ("/camera/preview", Fixture, NULL, fixture_setup, test_preview, fixture_teardown);
  g_test_add ("/camera/disconnect", Fixture, NULL, fixture_setup, test_disconnect, fixture_teardown);

  ret = g_test_run ();

  /* The card as build-vcamera made it, for the next run. */
  if (original != NULL)
    {
      g_bytes_unref (set_card_picture (original));
      g_clear_pointer (&original, g_bytes_unref);
    }

  resell_test_vcamera_clear ();

  return ret;
}
