/* resell-check-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-check-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "studio/resell-check-panel.h"

struct _ResellCheckPanel
{
  GtkBox            parent_instance;

  ResellShotReport *report;
  char             *about;

  /* Template children */
  GtkImage         *check_icon;
  GtkLabel         *check_title;
  GtkLabel         *check_problems;
  GtkButton        *retake_button;
};

G_DEFINE_FINAL_TYPE (ResellCheckPanel, resell_check_panel, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_REPORT,
  PROP_ABOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update (ResellCheckPanel *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  ResellShotReport *report = self->report;
  const char *about = self->about;
  g_autofree char *title = NULL;
  g_autofree char *details = NULL;

  gtk_widget_remove_css_class (widget, "passed");
  gtk_widget_remove_css_class (widget, "failed");
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
      gtk_widget_add_css_class (widget, "passed");
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

      gtk_widget_add_css_class (widget, "failed");
      gtk_widget_add_css_class (GTK_WIDGET (self->retake_button), "suggested-action");
      gtk_image_set_from_icon_name (self->check_icon, "dialog-warning-symbolic");
      /* Translators: %s is a shot's name, e.g. "Front" */
      title = about ? g_strdup_printf (_("%s needs a retake"), about) : g_strdup (_("This shot needs a retake"));
      gtk_label_set_label (self->check_title, title);
      gtk_label_set_label (self->check_problems, text ? text : "");
      gtk_widget_set_visible (GTK_WIDGET (self->check_problems), text != NULL && text[0] != '\0');
    }
}

ResellShotReport *
resell_check_panel_get_report (ResellCheckPanel *self)
{
  g_return_val_if_fail (RESELL_IS_CHECK_PANEL (self), NULL);
  return self->report;
}

const char *
resell_check_panel_get_about (ResellCheckPanel *self)
{
  g_return_val_if_fail (RESELL_IS_CHECK_PANEL (self), NULL);
  return self->about;
}

void
resell_check_panel_set_report (ResellCheckPanel *self,
                               ResellShotReport *report,
                               const char       *about)
{
  gboolean report_changed, about_changed;

  g_return_if_fail (RESELL_IS_CHECK_PANEL (self));

  report_changed = g_set_object (&self->report, report);
  about_changed = g_strcmp0 (self->about, about) != 0;
  if (about_changed)
    {
      g_free (self->about);
      self->about = g_strdup (about);
    }

  /* Always: the same report may be shown for another photo. */
  update (self);

  if (report_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPORT]);
  if (about_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ABOUT]);
}

static void
resell_check_panel_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ResellCheckPanel *self = RESELL_CHECK_PANEL (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      g_value_set_object (value, self->report);
      break;
    case PROP_ABOUT:
      g_value_set_string (value, self->about);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_check_panel_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  ResellCheckPanel *self = RESELL_CHECK_PANEL (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      resell_check_panel_set_report (self, g_value_get_object (value), self->about);
      break;
    case PROP_ABOUT:
      resell_check_panel_set_report (self, self->report, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_check_panel_dispose (GObject *object)
{
  ResellCheckPanel *self = RESELL_CHECK_PANEL (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RESELL_TYPE_CHECK_PANEL);
  g_clear_object (&self->report);
  g_clear_pointer (&self->about, g_free);

  G_OBJECT_CLASS (resell_check_panel_parent_class)->dispose (object);
}

static void
resell_check_panel_class_init (ResellCheckPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = resell_check_panel_dispose;
  object_class->get_property = resell_check_panel_get_property;
  object_class->set_property = resell_check_panel_set_property;

  properties[PROP_REPORT] =
    g_param_spec_object ("report", NULL, NULL, RESELL_TYPE_SHOT_REPORT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ABOUT] =
    g_param_spec_string ("about", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Resell/ui/resell-check-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, ResellCheckPanel, check_icon);
  gtk_widget_class_bind_template_child (widget_class, ResellCheckPanel, check_title);
  gtk_widget_class_bind_template_child (widget_class, ResellCheckPanel, check_problems);
  gtk_widget_class_bind_template_child (widget_class, ResellCheckPanel, retake_button);
}

static void
resell_check_panel_init (ResellCheckPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
