/* resell-condition-panel.c
 *
 * Everything shown comes from one ResellAppraisal, loaded off the UI thread
 * and loaded again whenever the catalog says the item or its flaws changed
 * (including after the panel's own writes), so the grade on screen is
 * always the one the rules give for what is stored.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-condition-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "grading/resell-condition-panel.h"

struct _ResellConditionPanel
{
  GtkBox           parent_instance;

  ResellContext   *context;
  ResellCatalog   *catalog;          /* the context's, once loaded */
  gulong           item_changed_id;
  gulong           flaws_changed_id;
  gint64           item_id;
  GCancellable    *cancellable;      /* loads and writes for the shown item */
  ResellAppraisal *appraisal;        /* what is shown */
  char            *checklist_of;     /* category id the checklist rows are for */
  GPtrArray       *rows;             /* AdwComboRow per question, in checklist order */
  gboolean         updating;         /* rows and text set by the panel, not the seller */
  gboolean         text_dirty;       /* the seller typed since the last save */

  /* Template children */
  GtkLabel        *grade_label;
  GtkLabel        *reasons_label;
  GtkLabel        *marketplace_label;
  GtkLabel        *override_label;
  GtkButton       *override_button;
  GtkButton       *clear_override_button;
  GtkListBox      *checklist_list;
  GtkLabel        *edited_label;
  GtkTextView     *text_view;
  GtkLabel        *count_label;
  GtkButton       *save_text_button;
  GtkButton       *regenerate_button;
};

G_DEFINE_FINAL_TYPE (ResellConditionPanel, resell_condition_panel, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_ITEM_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void reload (ResellConditionPanel *self);

/* ------------------------------------------------------------------------
 * Showing an appraisal
 * ------------------------------------------------------------------------ */

static void
update_count (ResellConditionPanel *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_autofree char *count = NULL;
  glong n;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  n = g_utf8_strlen (text, -1);

  /* TRANSLATORS: characters used of eBay's limit, "312 / 1000 characters" */
  count = g_strdup_printf (_("%ld / %d characters"), n, RESELL_CONDITION_TEXT_MAX_CHARS);
  gtk_label_set_label (self->count_label, count);

  if (n > RESELL_CONDITION_TEXT_MAX_CHARS)
    gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->count_label), "error");
}

static void
on_answer_selected (ResellConditionPanel *self,
                    GParamSpec           *pspec,
                    AdwComboRow          *row);

static void
build_checklist (ResellConditionPanel *self,
                 ResellCategory       *category)
{
  GtkWidget *child;

  if (g_strcmp0 (self->checklist_of, resell_category_get_id (category)) == 0)
    return;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->checklist_list))))
    gtk_list_box_remove (self->checklist_list, child);
  g_ptr_array_set_size (self->rows, 0);

  for (guint q = 0; q < resell_category_get_n_questions (category); q++)
    {
      const ResellCheckQuestion *question = resell_category_get_question (category, q);
      g_autoptr(GtkStringList) answers = gtk_string_list_new (NULL);
      AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());

      /* The first entry keeps "not answered" distinct from any answer. */
      gtk_string_list_append (answers, _("Not answered"));
      for (guint a = 0; question->answers[a] != NULL; a++)
        gtk_string_list_append (answers, question->answers[a]);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), question->question);
      adw_combo_row_set_model (row, G_LIST_MODEL (answers));
      g_object_set_data_full (G_OBJECT (row), "question-id", g_strdup (question->id), g_free);
      g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_answer_selected), self,
                               G_CONNECT_SWAPPED);
      gtk_list_box_append (self->checklist_list, GTK_WIDGET (row));
      g_ptr_array_add (self->rows, row);
    }

  g_free (self->checklist_of);
  self->checklist_of = g_strdup (resell_category_get_id (category));
}

static void
show_appraisal (ResellConditionPanel *self)
{
  ResellAppraisal *appraisal = self->appraisal;
  ResellGradeResult *result = resell_appraisal_get_result (appraisal);
  const ResellItemGrading *stored = resell_appraisal_get_stored (appraisal);
  ResellCondition grade = resell_appraisal_get_grade (appraisal);
  const char * const *unanswered = resell_grade_result_get_unanswered (result);
  g_autofree char *deciding = resell_grade_result_dup_deciding_text (result);
  g_autoptr(GString) reasons = g_string_new (deciding);
  const char *ebay = resell_appraisal_get_condition_for (appraisal, "ebay");
  guint n_unanswered = g_strv_length ((char **)unanswered);

  self->updating = TRUE;

  build_checklist (self, resell_appraisal_get_category (appraisal));
  for (guint i = 0; i < self->rows->len; i++)
    {
      AdwComboRow *row = g_ptr_array_index (self->rows, i);
      const char *question_id = g_object_get_data (G_OBJECT (row), "question-id");
      const ResellCheckQuestion *question =
        resell_category_find_question (resell_appraisal_get_category (appraisal), question_id);
      const char *answer_id = g_hash_table_lookup (stored->answers, question_id);
      int index = answer_id ? resell_check_question_find_answer (question, answer_id) : -1;

      adw_combo_row_set_selected (row, (guint)(index + 1));
    }

  gtk_label_set_label (self->grade_label, resell_condition_get_label (grade));

  if (n_unanswered > 0)
    {
      /* TRANSLATORS: checklist questions left unanswered */
      g_autofree char *sentence = g_strdup_printf (ngettext ("%u question is not answered yet.",
                                                             "%u questions are not answered yet.",
                                                             n_unanswered), n_unanswered);

      g_string_append_printf (reasons, "%s%s", reasons->len ? "\n" : "", sentence);
    }
  gtk_label_set_label (self->reasons_label, reasons->str);

  if (ebay != NULL)
    {
      /* TRANSLATORS: %s is eBay's condition name, "PRE_OWNED_FAIR" */
      g_autofree char *text = g_strdup_printf (_("eBay condition: %s"), ebay);

      gtk_label_set_label (self->marketplace_label, text);
    }
  else
    gtk_label_set_label (self->marketplace_label, _("No eBay condition for this grade in this category"));

  gtk_widget_set_visible (GTK_WIDGET (self->override_label), resell_appraisal_is_overridden (appraisal));
  gtk_widget_set_visible (GTK_WIDGET (self->clear_override_button), resell_appraisal_is_overridden (appraisal));
  if (resell_appraisal_is_overridden (appraisal))
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (stored->override_at / G_USEC_PER_SEC);
      g_autofree char *date = when ? g_date_time_format (when, "%x %H:%M") : g_strdup ("");
      /* TRANSLATORS: "Overridden by Sam on 06/12/26 23:20 (the rules say Fair): Stain lifts" */
      g_autofree char *text = g_strdup_printf (_("Overridden by %s on %s (the rules say %s): %s"),
                                               stored->override_by ? stored->override_by : "",
                                               date,
                                               resell_condition_get_label (resell_grade_result_get_grade (result)),
                                               stored->override_reason ? stored->override_reason : "");

      gtk_label_set_label (self->override_label, text);
    }

  /* Never replace what the seller is typing. */
  if (!self->text_dirty)
    {
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view),
                                resell_appraisal_get_condition_text (appraisal), -1);
      gtk_widget_set_sensitive (GTK_WIDGET (self->save_text_button), FALSE);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->edited_label), resell_appraisal_is_text_edited (appraisal));
  gtk_widget_set_sensitive (GTK_WIDGET (self->regenerate_button), resell_appraisal_is_text_edited (appraisal));
  update_count (self);

  self->updating = FALSE;
}

static void
on_appraisal_loaded (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(ResellConditionPanel) self = user_data;
  g_autoptr(ResellAppraisal) appraisal = NULL;
  g_autoptr(GError) error = NULL;

  appraisal = resell_appraisal_load_finish (result, &error);

  if (appraisal == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_label_set_label (self->grade_label, _("No grade"));
          gtk_label_set_label (self->reasons_label, error->message);
        }
      return;
    }

  /* An answer for an item no longer shown. */
  if (resell_appraisal_get_item_id (appraisal) != self->item_id)
    return;

  g_set_object (&self->appraisal, appraisal);
  show_appraisal (self);
}

static void
reload (ResellConditionPanel *self)
{
  if (self->context == NULL || self->item_id <= 0 || self->catalog == NULL)
    return;

  resell_appraisal_load_async (resell_context_get_grader (self->context),
                               resell_context_get_categories (self->context),
                               self->catalog, self->item_id, self->cancellable,
                               on_appraisal_loaded, g_object_ref (self));
}

/* ------------------------------------------------------------------------
 * The seller's changes
 * ------------------------------------------------------------------------ */

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not save the item’s condition: %s", error->message);

  /* The catalog's item-changed brings the new grade. */
}

static void
on_answer_selected (ResellConditionPanel *self,
                    GParamSpec           *pspec,
                    AdwComboRow          *row)
{
  g_autoptr(GHashTable) answers = NULL;
  const ResellCheckQuestion *question;
  guint selected;

  if (self->updating || self->appraisal == NULL)
    return;

  question = resell_category_find_question (resell_appraisal_get_category (self->appraisal),
                                            g_object_get_data (G_OBJECT (row), "question-id"));
  if (question == NULL)
    return;

  selected = adw_combo_row_get_selected (row);
  answers = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (answers, question->id,
                       selected > 0 && selected != GTK_INVALID_LIST_POSITION
                       ? question->answer_ids[selected - 1] : (char *)"");

  resell_catalog_set_answers_async (self->catalog, self->item_id, answers, self->cancellable,
                                    on_written, NULL);
}

static void
on_override_response (AdwMessageDialog     *dialog,
                      const char           *response,
                      ResellConditionPanel *self)
{
  GtkDropDown *grades = g_object_get_data (G_OBJECT (dialog), "grades");
  GtkEditable *reason = g_object_get_data (G_OBJECT (dialog), "reason");
  guint selected;

  if (!g_str_equal (response, "override") || self->catalog == NULL)
    return;

  selected = gtk_drop_down_get_selected (grades);
  if (selected >= RESELL_N_CONDITIONS)
    return;

  /* Who: the person logged in, as the core fills in. */
  resell_catalog_set_grade_override_async (self->catalog, self->item_id,
                                           resell_condition_to_id ((ResellCondition)selected),
                                           gtk_editable_get_text (reason), NULL,
                                           self->cancellable, on_written, NULL);
}

static void
on_reason_changed (GtkEditable      *reason,
                   AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (reason)));

  /* An override is only kept with its reason. */
  adw_message_dialog_set_response_enabled (dialog, "override", text[0] != '\0');
}

static void
on_override_clicked (ResellConditionPanel *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *box, *grades, *reason;
  AdwMessageDialog *dialog;
  GtkRoot *root;

  if (self->appraisal == NULL)
    return;

  for (guint c = 0; c < RESELL_N_CONDITIONS; c++)
    gtk_string_list_append (labels, resell_condition_get_label ((ResellCondition)c));

  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Override the Grade?"),
                                                       _("The grade you choose is listed instead of the one the rules give. "
                                                         "Say why: the reason is kept with your name and the time.")));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  grades = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (labels)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (grades), resell_appraisal_get_grade (self->appraisal));
  gtk_accessible_update_property (GTK_ACCESSIBLE (grades), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Grade"), -1);
  reason = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (reason), _("Reason"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (reason), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason"), -1);
  gtk_box_append (GTK_BOX (box), grades);
  gtk_box_append (GTK_BOX (box), reason);
  adw_message_dialog_set_extra_child (dialog, box);

  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "override", _("_Override"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "override", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "override", FALSE);
  adw_message_dialog_set_default_response (dialog, "override");
  adw_message_dialog_set_close_response (dialog, "cancel");

  g_object_set_data (G_OBJECT (dialog), "grades", grades);
  g_object_set_data (G_OBJECT (dialog), "reason", reason);
  g_signal_connect (reason, "changed", G_CALLBACK (on_reason_changed), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_override_response), self, 0);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_clear_override_clicked (ResellConditionPanel *self)
{
  if (self->catalog == NULL)
    return;

  resell_catalog_set_grade_override_async (self->catalog, self->item_id, NULL, NULL, NULL,
                                           self->cancellable, on_written, NULL);
}

static void
on_text_changed (ResellConditionPanel *self)
{
  update_count (self);

  if (self->updating)
    return;

  self->text_dirty = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_text_button), TRUE);
}

static void
on_save_text_clicked (ResellConditionPanel *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  if (self->catalog == NULL)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  self->text_dirty = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_text_button), FALSE);

  resell_catalog_set_condition_text_async (self->catalog, self->item_id, text,
                                           self->cancellable, on_written, NULL);
}

static void
on_regenerate_clicked (ResellConditionPanel *self)
{
  if (self->catalog == NULL)
    return;

  /* Dropping the edit: the text is written from the flaws again. */
  self->text_dirty = FALSE;
  resell_catalog_set_condition_text_async (self->catalog, self->item_id, NULL,
                                           self->cancellable, on_written, NULL);
}

/* ------------------------------------------------------------------------
 * Following the catalog
 * ------------------------------------------------------------------------ */

static void
on_item_changed (ResellConditionPanel *self,
                 ResellItem           *item)
{
  if (item != NULL && resell_item_get_id (item) == self->item_id)
    reload (self);
}

static void
on_flaws_changed (ResellConditionPanel *self,
                  gint64                item_id)
{
  if (item_id == self->item_id)
    reload (self);
}

static void
attach_catalog (ResellConditionPanel *self)
{
  ResellCatalog *catalog = self->context ? resell_context_get_catalog (self->context) : NULL;

  if (catalog == self->catalog)
    return;

  if (self->catalog != NULL)
    {
      g_clear_signal_handler (&self->item_changed_id, self->catalog);
      g_clear_signal_handler (&self->flaws_changed_id, self->catalog);
      g_clear_object (&self->catalog);
    }

  if (catalog == NULL)
    return;

  self->catalog = g_object_ref (catalog);
  self->item_changed_id = g_signal_connect_object (catalog, "item-changed",
                                                   G_CALLBACK (on_item_changed), self, G_CONNECT_SWAPPED);
  self->flaws_changed_id = g_signal_connect_object (catalog, "flaws-changed",
                                                    G_CALLBACK (on_flaws_changed), self, G_CONNECT_SWAPPED);
}

void
resell_condition_panel_set_item_id (ResellConditionPanel *self,
                                    gint64                item_id)
{
  g_return_if_fail (RESELL_IS_CONDITION_PANEL (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (self->item_id != item_id)
    {
      self->item_id = item_id;
      self->text_dirty = FALSE;
      g_clear_object (&self->appraisal);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM_ID]);
    }

  attach_catalog (self);
  reload (self);
}

gint64
resell_condition_panel_get_item_id (ResellConditionPanel *self)
{
  g_return_val_if_fail (RESELL_IS_CONDITION_PANEL (self), 0);

  return self->item_id;
}

void
resell_condition_panel_set_context (ResellConditionPanel *self,
                                    ResellContext        *context)
{
  g_return_if_fail (RESELL_IS_CONDITION_PANEL (self));

  if (g_set_object (&self->context, context))
    {
      attach_catalog (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
    }
}

ResellContext *
resell_condition_panel_get_context (ResellConditionPanel *self)
{
  g_return_val_if_fail (RESELL_IS_CONDITION_PANEL (self), NULL);

  return self->context;
}

/* ------------------------------------------------------------------------
 * GObject
 * ------------------------------------------------------------------------ */

static void
resell_condition_panel_dispose (GObject *object)
{
  ResellConditionPanel *self = RESELL_CONDITION_PANEL (object);

  g_cancellable_cancel (self->cancellable);
  if (self->catalog != NULL)
    {
      g_clear_signal_handler (&self->item_changed_id, self->catalog);
      g_clear_signal_handler (&self->flaws_changed_id, self->catalog);
    }
  g_clear_object (&self->catalog);
  g_clear_object (&self->context);
  g_clear_object (&self->appraisal);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->checklist_of, g_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), RESELL_TYPE_CONDITION_PANEL);

  G_OBJECT_CLASS (resell_condition_panel_parent_class)->dispose (object);
}

static void
resell_condition_panel_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  ResellConditionPanel *self = RESELL_CONDITION_PANEL (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_ITEM_ID:
      g_value_set_int64 (value, self->item_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_condition_panel_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  ResellConditionPanel *self = RESELL_CONDITION_PANEL (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      resell_condition_panel_set_context (self, g_value_get_object (value));
      break;

    case PROP_ITEM_ID:
      resell_condition_panel_set_item_id (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_condition_panel_class_init (ResellConditionPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = resell_condition_panel_dispose;
  object_class->get_property = resell_condition_panel_get_property;
  object_class->set_property = resell_condition_panel_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         RESELL_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ITEM_ID] =
    g_param_spec_int64 ("item-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Resell/ui/resell-condition-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, ResellConditionPanel, grade_label);
  gtk_widget_class_bind_template_child (widget_class, ResellConditionPanel, reasons_label);
  gtk_widget_class_bind_template_child (widget_class, ResellConditionPanel, marketplace_label);
  gtk_widget_class_bind_template_child (widget_class, ResellConditionPanel, override_label);
  gtk_widget_class_bind_template_child (widget_class, ResellConditionPanel, override_button);
  gtk_widget_class_bind_template_child (widget_class, ResellConditionPanel, clear_override_button);
  gtk_widget_class_bind_template_child (widget_class, ResellConditionPanel, checklist_list);
  gtk_widget_class_bind_template_child (widget_class, ResellConditionPanel, edited_label);
  gtk_widget_class_bind_template_child (widget_class, ResellConditionPanel, text_view);
  gtk_widget_class_bind_template_child (widget_class, ResellConditionPanel, count_label);
  gtk_widget_class_bind_template_child (widget_class, ResellConditionPanel, save_text_button);
  gtk_widget_class_bind_template_child (widget_class, ResellConditionPanel, regenerate_button);
  gtk_widget_class_bind_template_callback (widget_class, on_override_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_override_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_save_text_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_regenerate_clicked);
}

static void
resell_condition_panel_init (ResellConditionPanel *self)
{
  self->rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (gtk_text_view_get_buffer (self->text_view), "changed",
                           G_CALLBACK (on_text_changed), self, G_CONNECT_SWAPPED);
  gtk_label_set_label (self->grade_label, _("No grade"));
}
