/* resell-camera-config.c — a camera's settings as libgphoto2 config widgets
 *
 * Runs on ResellCamera's owner thread; see resell-camera-config-private.h
 * for how failures are split between this file and the thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-camera-config"

#include "config.h"

#include <stdlib.h>

#include <glib/gi18n-lib.h>

#include "camera/resell-camera-config-private.h"

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

/* A lookup, its widget, and what has to be freed for it. */
typedef struct
{
  CameraWidget *tree;     /* the whole config, fetched once if needed */
  CameraWidget *owned;    /* a single widget from gp_camera_get_single_config */
  CameraWidget *widget;   /* the one found: *owned, or inside *tree */
} Lookup;

static void
lookup_clear (Lookup *lookup)
{
  if (lookup->owned != NULL)
    gp_widget_free (lookup->owned);
  if (lookup->tree != NULL)
    gp_widget_free (lookup->tree);
  *lookup = (Lookup) { NULL, NULL, NULL };
}

/* A lookup that failed because of the camera rather than the name: the
 * caller passes it on for the owner thread to word.  Any other failure
 * means the camera has no config of that name. */
static gboolean
is_camera_failure (int ret)
{
  return resell_camera_gp_result_is_gone (ret) || ret == GP_ERROR_CANCEL;
}

/* Finds the widget of config @name.  One value at a time where the driver
 * can (gp_camera_get_single_config), since fetching the whole tree takes
 * seconds on some cameras; else from the whole tree, which is fetched once
 * and kept in @lookup for further names. */
static int
find_widget (Camera     *camera,
             GPContext  *context,
             const char *name,
             Lookup     *lookup)
{
  int ret;

  if (lookup->owned != NULL)
    gp_widget_free (lookup->owned);
  lookup->owned = NULL;
  lookup->widget = NULL;

  if (lookup->tree == NULL)
    {
      ret = gp_camera_get_single_config (camera, name, &lookup->owned, context);
      if (ret >= GP_OK)
        {
          lookup->widget = lookup->owned;
          return ret;
        }

      if (resell_camera_gp_result_is_gone (ret))
        return ret;

      if ((ret = gp_camera_get_config (camera, &lookup->tree, context)) < GP_OK)
        return ret;
    }

  ret = gp_widget_get_child_by_name (lookup->tree, name, &lookup->widget);
  if (ret < GP_OK)
    ret = gp_widget_get_child_by_label (lookup->tree, name, &lookup->widget);

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

static void
set_no_such_setting (GError     **error,
                     const char  *name)
{
  g_set_error (error, RESELL_CAMERA_ERROR, RESELL_CAMERA_ERROR_NOT_SUPPORTED,
               _("This camera has no setting called “%s”."), name);
}

static GStrv
dup_choices (CameraWidget *widget)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  int n = gp_widget_count_choices (widget);

  for (int i = 0; i < n; i++)
    {
      const char *choice = NULL;

      if (gp_widget_get_choice (widget, i, &choice) >= GP_OK && choice != NULL)
        g_strv_builder_add (builder, choice);
    }

  return g_strv_builder_end (builder);
}

/* NULL for widgets that hold no value (windows, sections, buttons). */
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
      g_auto(GStrv) choices = dup_choices (widget);

      resell_camera_setting_set_choices (setting, (const char * const *)choices);
    }

  return g_steal_pointer (&setting);
}

ResellCameraSetting *
resell_camera_config_read (Camera      *camera,
                           GPContext   *context,
                           const char  *name,
                           int         *gp_result,
                           GError     **error)
{
  Lookup lookup = { NULL, NULL, NULL };
  ResellCameraSetting *setting = NULL;
  int ret;

  *gp_result = GP_OK;

  ret = find_widget (camera, context, name, &lookup);
  if (ret >= GP_OK)
    setting = setting_from_widget (lookup.widget, name, role_for_name (name));
  else if (is_camera_failure (ret))
    *gp_result = ret;

  if (setting == NULL && *gp_result >= GP_OK)
    set_no_such_setting (error, name);

  lookup_clear (&lookup);

  return setting;
}

char *
resell_camera_config_dup_text (Camera     *camera,
                               GPContext  *context,
                               const char *name,
                               int        *gp_result)
{
  g_autoptr(ResellCameraSetting) setting = resell_camera_config_read (camera, context, name,
                                                                      gp_result, NULL);
  const char *value = setting != NULL ? resell_camera_setting_get_value (setting) : NULL;

  if (value == NULL || value[0] == '\0')
    return NULL;

  return g_strstrip (g_strdup (value));
}

GPtrArray *
resell_camera_config_list (Camera    *camera,
                           GPContext *context,
                           int       *gp_result)
{
  g_autoptr(GPtrArray) settings = g_ptr_array_new_with_free_func (g_object_unref);
  Lookup lookup = { NULL, NULL, NULL };

  *gp_result = GP_OK;

  for (guint i = 0; i < G_N_ELEMENTS (setting_roles); i++)
    {
      for (guint j = 0; setting_roles[i].names[j] != NULL; j++)
        {
          const char *name = setting_roles[i].names[j];
          ResellCameraSetting *setting = NULL;
          int ret;

          ret = find_widget (camera, context, name, &lookup);
          if (is_camera_failure (ret))
            {
              *gp_result = ret;
              lookup_clear (&lookup);
              return NULL;
            }

          if (ret >= GP_OK)
            setting = setting_from_widget (lookup.widget, name, setting_roles[i].role);

          if (setting != NULL)
            {
              g_ptr_array_add (settings, setting);
              break;
            }
        }
    }

  lookup_clear (&lookup);

  return g_steal_pointer (&settings);
}

/* Checked before writing because cameras accept values they do not offer
 * (the virtual one takes "f/99") and then behave in undefined ways. */
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
        g_auto(GStrv) choices = dup_choices (widget);

        if (g_strv_contains ((const char * const *)choices, value))
          return TRUE;

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

/* @value has passed validate_value(). */
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

/* Sends the changed widget in @lookup to the camera. */
static int
write_widget (Camera     *camera,
              GPContext  *context,
              const char *name,
              const char *value,
              Lookup     *lookup)
{
  int ret;

  if (lookup->owned == NULL)
    return gp_camera_set_config (camera, lookup->tree, context);

  ret = gp_camera_set_single_config (camera, name, lookup->owned, context);
  if (ret != GP_ERROR_NOT_SUPPORTED)
    return ret;

  /* A driver may write a whole tree only.  (libgphoto2 already emulates
   * set_single_config with the tree for drivers that lack it, so this is
   * for drivers that refuse it for one config.)  The tree is fetched
   * explicitly: find_widget() would take the single widget again. */
  if ((ret = gp_camera_get_config (camera, &lookup->tree, context)) < GP_OK ||
      (ret = find_widget (camera, context, name, lookup)) < GP_OK ||
      (ret = widget_set_value (lookup->widget, value)) < GP_OK)
    return ret;

  return gp_camera_set_config (camera, lookup->tree, context);
}

gboolean
resell_camera_config_write (Camera      *camera,
                            GPContext   *context,
                            const char  *name,
                            const char  *value,
                            int         *gp_result,
                            GError     **error)
{
  Lookup lookup = { NULL, NULL, NULL };
  gboolean ok = FALSE;
  int ret;

  *gp_result = GP_OK;

  ret = find_widget (camera, context, name, &lookup);
  if (ret < GP_OK)
    {
      if (is_camera_failure (ret))
        *gp_result = ret;
      else
        set_no_such_setting (error, name);
    }
  else if (validate_value (lookup.widget, name, value, error))
    {
      if ((ret = widget_set_value (lookup.widget, value)) >= GP_OK)
        ret = write_widget (camera, context, name, value, &lookup);

      *gp_result = ret;
      ok = ret >= GP_OK;
    }

  lookup_clear (&lookup);

  return ok;
}
