/* resell-flaw-editor.c
 *
 * The window's GListStore is what it shows; every change is made there at
 * once and sent to the catalog, whose "flaws-changed" then brings the
 * stored list back (also after the command-line tool or another window
 * changed it).  A reload waits while writes are on their way, so a stale
 * list never replaces a newer one.
 *
 * Undo keeps copies of the flaw before and after each change.  Undoing a
 * deletion stores the flaw again under a new id, so ids in the history
 * are renamed when the catalog gives one (remap_id()).
 *
 * One file, though over 1,000 lines: the list, the detail rows, the
 * history and the catalog writes all change the same store and the same
 * selection under the same "syncing" guard, which a split would have to
 * share through a private header.  The sections (history, catalog writes,
 * reading the catalog, photos, the list, the details, the view, actions)
 * are the map.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-flaw-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "flaws/resell-flaw-editor.h"
#include "flaws/resell-flaw-view.h"

/* A type every category can use when it lists none. */
#define FALLBACK_TYPE "other"

typedef struct
{
  ResellFlaw *before;   /* NULL: the change added it */
  ResellFlaw *after;    /* NULL: the change removed it */
  gboolean    note;     /* a note edit: typing goes into one step */
} Change;

struct _ResellFlawEditor
{
  AdwWindow       parent_instance;

  ResellContext  *context;
  ResellCatalog  *catalog;
  ResellItem     *item;
  ResellCategory *category;       /* NULL when the item has none or it is unknown */
  gint64          first_photo_id;

  GPtrArray      *photos;         /* ResellPhoto, in order */
  guint           photo_index;
  GListStore     *flaws;
  GPtrArray      *type_ids;       /* char *, beside the type row's strings */
  GPtrArray      *zone_ids;       /* char *, beside the zone row's strings; [0] is "" */

  GQueue          undo;           /* Change *, newest first */
  GQueue          redo;
  char           *next_type_id;   /* what a new flaw is: the last chosen */
  ResellFlawSeverity next_severity;

  GCancellable   *cancellable;    /* reads; cancelled when the window goes */
  guint           writes;         /* catalog writes under way */
  gboolean        reload_wanted;
  gboolean        loading;        /* filling the detail rows: not the seller's change */
  gboolean        syncing;        /* selecting in one of view and list for the other */

  /* Template children */
  AdwToastOverlay *toast_overlay;
  AdwWindowTitle *window_title;
  GtkLabel       *photo_label;
  ResellFlawView *view;
  GtkSpinner     *spinner;
  GtkLabel       *error_label;
  GtkListBox     *flaw_list;
  AdwPreferencesGroup *details_group;
  AdwComboRow    *type_row;
  AdwComboRow    *severity_row;
  AdwComboRow    *zone_row;
  AdwEntryRow    *note_row;
};

G_DEFINE_FINAL_TYPE (ResellFlawEditor, resell_flaw_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_ITEM,
  PROP_PHOTO_ID,
  PROP_TOOL,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct
{
  const char     *id;
  ResellFlawTool  tool;
} tools[] = {
  { "select",  RESELL_FLAW_TOOL_SELECT },
  { "point",   RESELL_FLAW_TOOL_POINT },
  { "ellipse", RESELL_FLAW_TOOL_ELLIPSE },
  { "rect",    RESELL_FLAW_TOOL_RECT },
};

static void reload_flaws (ResellFlawEditor *self);
static void update_details (ResellFlawEditor *self);

/* Small helpers */

static void
change_free (Change *change)
{
  g_clear_object (&change->before);
  g_clear_object (&change->after);
  g_free (change);
}

static ResellFlaw *
find_flaw (ResellFlawEditor *self,
           gint64            flaw_id,
           guint            *position)
{
  if (flaw_id == 0)
    return NULL;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->flaws)); i++)
    {
      g_autoptr(ResellFlaw) flaw = g_list_model_get_item (G_LIST_MODEL (self->flaws), i);

      if (resell_flaw_get_id (flaw) == flaw_id)
        {
          if (position != NULL)
            *position = i;
          return flaw;   /* the store keeps a reference */
        }
    }
  return NULL;
}

static ResellFlaw *
get_selected (ResellFlawEditor *self)
{
  return find_flaw (self, resell_flaw_view_get_selected_id (self->view), NULL);
}

static int
photo_number (ResellFlawEditor *self,
              gint64            photo_id)
{
  for (guint i = 0; self->photos != NULL && i < self->photos->len; i++)
    if (resell_photo_get_id (g_ptr_array_index (self->photos, i)) == photo_id)
      return (int) i + 1;
  return 0;
}

static const char *
type_label (ResellFlawEditor *self,
            const char       *type_id)
{
  const ResellFlawType *type = NULL;

  if (self->category != NULL)
    type = resell_category_find_flaw_type (self->category, type_id);
  if (type != NULL)
    return type->label;
  if (g_strcmp0 (type_id, FALLBACK_TYPE) == 0)
    return _("Other");
  return type_id;
}

static const char *
zone_label (ResellFlawEditor *self,
            const char       *zone_id)
{
  const ResellZone *zone = NULL;

  if (zone_id == NULL || zone_id[0] == '\0')
    return NULL;
  if (self->category != NULL)
    zone = resell_category_find_zone (self->category, zone_id);
  return zone != NULL ? zone->label : zone_id;
}

static void
copy_fields (ResellFlaw *to,
             ResellFlaw *from)
{
  resell_flaw_set_photo_id (to, resell_flaw_get_photo_id (from));
  resell_flaw_set_type_id (to, resell_flaw_get_type_id (from));
  resell_flaw_set_severity (to, resell_flaw_get_severity (from));
  resell_flaw_set_zone_id (to, resell_flaw_get_zone_id (from));
  resell_flaw_set_note (to, resell_flaw_get_note (from));
  resell_flaw_set_geometry (to, resell_flaw_get_shape (from),
                            resell_flaw_get_x (from), resell_flaw_get_y (from),
                            resell_flaw_get_width (from), resell_flaw_get_height (from));
}

/* Busy and errors */

static void
writes_changed (ResellFlawEditor *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  if (self->writes == 0 && self->reload_wanted)
    reload_flaws (self);
}

static void
show_error (ResellFlawEditor *self,
            const char       *message)
{
  AdwToast *toast = adw_toast_new (message);

  /* Not stored: it must not pass unseen. */
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* The undo history */

static void
remap_id (ResellFlawEditor *self,
          gint64            old_id,
          gint64            new_id)
{
  GQueue *queues[] = { &self->undo, &self->redo };

  if (old_id == 0)
    return;
  for (guint q = 0; q < G_N_ELEMENTS (queues); q++)
    for (GList *l = queues[q]->head; l != NULL; l = l->next)
      {
        Change *change = l->data;

        if (change->before != NULL && resell_flaw_get_id (change->before) == old_id)
          resell_flaw_set_id (change->before, new_id);
        if (change->after != NULL && resell_flaw_get_id (change->after) == old_id)
          resell_flaw_set_id (change->after, new_id);
      }
}

static void
update_undo_actions (ResellFlawEditor *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "flaws.undo", !g_queue_is_empty (&self->undo));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "flaws.redo", !g_queue_is_empty (&self->redo));
}

static void
push_change (ResellFlawEditor *self,
             ResellFlaw       *before,
             ResellFlaw       *after,
             gboolean          note)
{
  Change *top = g_queue_peek_head (&self->undo);
  Change *change;

  g_queue_clear_full (&self->redo, (GDestroyNotify) change_free);

  /* Typing a note is one step, not one per letter. */
  if (note && top != NULL && top->note && top->after != NULL && after != NULL &&
      resell_flaw_get_id (top->after) == resell_flaw_get_id (after))
    {
      g_set_object (&top->after, after);
      update_undo_actions (self);
      return;
    }

  change = g_new0 (Change, 1);
  change->before = before != NULL ? resell_flaw_copy (before) : NULL;
  change->after = after != NULL ? resell_flaw_copy (after) : NULL;
  change->note = note;
  g_queue_push_head (&self->undo, change);
  update_undo_actions (self);
}

/* Catalog writes */

typedef struct
{
  ResellFlawEditor *self;      /* a reference: writes outlive the window */
  ResellFlaw       *flaw;      /* the store's object, for an add */
  gint64            old_id;    /* the id it had in the history, for an add */
  gboolean          select;
} WriteData;

static void
write_data_free (WriteData *data)
{
  g_clear_object (&data->flaw);
  g_object_unref (data->self);
  g_free (data);
}

static WriteData *
write_begin (ResellFlawEditor *self)
{
  WriteData *data = g_new0 (WriteData, 1);

  data->self = g_object_ref (self);
  self->writes++;
  writes_changed (self);
  return data;
}

static void
write_end (WriteData *data,
           GError    *error)
{
  ResellFlawEditor *self = data->self;

  if (error != NULL && self->view == NULL)
    g_warning ("A flaw was not stored: %s", error->message);
  else if (error != NULL)
    {
      show_error (self, error->message);
      /* What the window shows may not be what is stored: show what is. */
      self->reload_wanted = TRUE;
    }
  self->writes--;
  if (self->view != NULL)
    writes_changed (self);
  write_data_free (data);
}

static void
add_done (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  WriteData *data = user_data;
  ResellFlawEditor *self = data->self;
  g_autoptr(ResellFlaw) stored = NULL;
  g_autoptr(GError) error = NULL;

  stored = resell_catalog_add_flaw_finish (RESELL_CATALOG (object), result, &error);
  /* Stored after the window closed: nothing left to show it in. */
  if (self->view == NULL)
    {
      write_end (data, NULL);
      return;
    }
  if (stored != NULL)
    {
      gint64 id = resell_flaw_get_id (stored);

      resell_flaw_set_id (data->flaw, id);
      if (data->old_id != 0)
        remap_id (self, data->old_id, id);
      else
        push_change (self, NULL, data->flaw, FALSE);
      if (data->select)
        resell_flaw_view_set_selected_id (self->view, id);
    }
  else
    {
      guint position;

      /* Not stored: it does not stay on the photo either. */
      if (g_list_store_find (self->flaws, data->flaw, &position))
        {
          self->syncing = TRUE;
          g_list_store_remove (self->flaws, position);
          self->syncing = FALSE;
        }
    }
  write_end (data, error);
}

/* Adds a copy of @flaw (its id is that in the history, or 0 for a new
 * flaw, which then becomes a step of the history). */
static void
store_add (ResellFlawEditor *self,
           ResellFlaw       *flaw,
           gboolean          select)
{
  WriteData *data = write_begin (self);

  data->flaw = resell_flaw_copy (flaw);
  data->old_id = resell_flaw_get_id (flaw);
  data->select = select;
  resell_flaw_set_id (data->flaw, 0);
  self->syncing = TRUE;
  g_list_store_append (self->flaws, data->flaw);
  self->syncing = FALSE;
  resell_catalog_add_flaw_async (self->catalog, data->flaw, NULL, add_done, data);
}

static void
update_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  resell_catalog_update_flaw_finish (RESELL_CATALOG (object), result, &error);
  write_end (user_data, error);
}

static void
remove_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  resell_catalog_remove_flaw_finish (RESELL_CATALOG (object), result, &error);
  write_end (user_data, error);
}

/* Makes the stored flaw with @values's id like @values, in the window and
 * the catalog. */
static void
store_update (ResellFlawEditor *self,
              ResellFlaw       *values)
{
  ResellFlaw *flaw = find_flaw (self, resell_flaw_get_id (values), NULL);
  guint position;

  if (flaw == NULL)
    return;

  copy_fields (flaw, values);
  /* The row shows the new type and severity. */
  if (g_list_store_find (self->flaws, flaw, &position))
    {
      /* Its row is made anew: not the seller unselecting it. */
      self->syncing = TRUE;
      g_list_model_items_changed (G_LIST_MODEL (self->flaws), position, 1, 1);
      self->syncing = FALSE;
    }
  resell_catalog_update_flaw_async (self->catalog, flaw, NULL, update_done, write_begin (self));
}

static void
store_remove (ResellFlawEditor *self,
              gint64            flaw_id)
{
  guint position, n_after;

  if (find_flaw (self, flaw_id, &position) == NULL)
    return;

  if (resell_flaw_view_get_selected_id (self->view) == flaw_id)
    resell_flaw_view_set_selected_id (self->view, 0);
  self->syncing = TRUE;
  g_list_store_remove (self->flaws, position);
  /* The rows after it are numbered one less now. */
  n_after = g_list_model_get_n_items (G_LIST_MODEL (self->flaws)) - position;
  if (n_after > 0)
    g_list_model_items_changed (G_LIST_MODEL (self->flaws), position, n_after, n_after);
  self->syncing = FALSE;
  resell_catalog_remove_flaw_async (self->catalog, flaw_id, NULL, remove_done, write_begin (self));
}

/* A change the seller made to the selected flaw: kept for undo, stored. */
static void
change_selected (ResellFlawEditor *self,
                 ResellFlaw       *after,
                 gboolean          note)
{
  ResellFlaw *flaw = find_flaw (self, resell_flaw_get_id (after), NULL);

  if (flaw == NULL)
    return;
  push_change (self, flaw, after, note);
  store_update (self, after);
}

/* Reading the catalog */

static void
list_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GPtrArray) flaws = NULL;
  g_autoptr(GError) error = NULL;
  ResellFlawEditor *self;

  flaws = resell_catalog_list_flaws_finish (RESELL_CATALOG (object), result, &error);
  if (flaws == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = RESELL_FLAW_EDITOR (user_data);
  gtk_spinner_stop (self->spinner);
  if (flaws == NULL)
    {
      show_error (self, error->message);
      return;
    }
  /* A write started since: its own reload will come. */
  if (self->writes > 0)
    {
      self->reload_wanted = TRUE;
      return;
    }

  {
    gint64 selected = resell_flaw_view_get_selected_id (self->view);

    self->syncing = TRUE;
    g_list_store_splice (self->flaws, 0, g_list_model_get_n_items (G_LIST_MODEL (self->flaws)),
                         flaws->pdata, flaws->len);
    self->syncing = FALSE;
    resell_flaw_view_set_selected_id (self->view, find_flaw (self, selected, NULL) ? selected : 0);
    update_details (self);
  }
}

static void
reload_flaws (ResellFlawEditor *self)
{
  self->reload_wanted = FALSE;
  resell_catalog_list_flaws_async (self->catalog, resell_item_get_id (self->item), self->cancellable,
                                   list_done, self);
}

static void
on_flaws_changed (ResellFlawEditor *self,
                  gint64            item_id)
{
  if (item_id != resell_item_get_id (self->item))
    return;
  if (self->writes > 0)
    self->reload_wanted = TRUE;
  else
    reload_flaws (self);
}

/* Photos */

static void
show_photo (ResellFlawEditor *self,
            guint             index)
{
  ResellPhoto *photo;
  g_autofree char *label = NULL;

  if (self->photos == NULL || self->photos->len == 0)
    {
      gtk_label_set_label (self->photo_label, _("No photos"));
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "flaws.previous-photo", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "flaws.next-photo", FALSE);
      return;
    }

  self->photo_index = MIN (index, self->photos->len - 1);
  photo = g_ptr_array_index (self->photos, self->photo_index);
  /* Translators: which photo of the item the flaws are marked on */
  label = g_strdup_printf (_("Photo %u of %u"), self->photo_index + 1, self->photos->len);
  gtk_label_set_label (self->photo_label, label);
  gtk_spinner_start (self->spinner);
  resell_flaw_view_set_photo (self->view, resell_photo_get_id (photo), resell_photo_get_path (photo),
                              resell_photo_get_width (photo), resell_photo_get_height (photo),
                              resell_photo_get_edits (photo));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "flaws.previous-photo", self->photo_index > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "flaws.next-photo",
                                 self->photo_index + 1 < self->photos->len);

  /* A flaw on another photo is not selected on this one. */
  {
    ResellFlaw *selected = get_selected (self);

    if (selected != NULL && resell_flaw_get_photo_id (selected) != resell_photo_get_id (photo))
      resell_flaw_view_set_selected_id (self->view, 0);
  }
}

static void
photos_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GPtrArray) photos = NULL;
  g_autoptr(GError) error = NULL;
  ResellFlawEditor *self;
  guint index = 0;

  photos = resell_catalog_list_photos_finish (RESELL_CATALOG (object), result, &error);
  if (photos == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = RESELL_FLAW_EDITOR (user_data);
  if (photos == NULL)
    {
      show_error (self, error->message);
      return;
    }

  g_clear_pointer (&self->photos, g_ptr_array_unref);
  self->photos = g_ptr_array_ref (photos);
  for (guint i = 0; i < photos->len; i++)
    if (resell_photo_get_id (g_ptr_array_index (photos, i)) == self->first_photo_id)
      index = i;
  show_photo (self, index);
  /* The rows say "photo 3": they can now. */
  self->syncing = TRUE;
  g_list_model_items_changed (G_LIST_MODEL (self->flaws), 0,
                              g_list_model_get_n_items (G_LIST_MODEL (self->flaws)),
                              g_list_model_get_n_items (G_LIST_MODEL (self->flaws)));
  self->syncing = FALSE;
}

static void
on_view_ready (ResellFlawEditor *self)
{
  const char *error = resell_flaw_view_get_error (self->view);

  if (resell_flaw_view_get_ready (self->view) || error != NULL)
    gtk_spinner_stop (self->spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
  gtk_label_set_label (self->error_label, error != NULL ? error : "");
}

/* The list */

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  ResellFlawEditor *self = user_data;
  ResellFlaw *flaw = item;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  const char *zone = zone_label (self, resell_flaw_get_zone_id (flaw));
  int number = photo_number (self, resell_flaw_get_photo_id (flaw));
  const char *note = resell_flaw_get_note (flaw);
  guint position;

  /* Translators: a flaw in the list: its type and severity, e.g. "Stain, Major" */
  title = g_strdup_printf (_("%s, %s"), type_label (self, resell_flaw_get_type_id (flaw)),
                           resell_flaw_severity_get_label (resell_flaw_get_severity (flaw)));
  if (number > 0)
    /* Translators: where a flaw is marked, in the list of flaws */
    g_string_append_printf (subtitle, _("Photo %d"), number);
  if (zone != NULL)
    g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? " · " : "", zone);
  if (note != NULL && note[0] != '\0')
    g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? " · " : "", note);
  /* Whether the listing has its close-up photo, or still needs one shot. */
  if (resell_flaw_get_detail_photo_id (flaw) != 0)
    {
      int detail = photo_number (self, resell_flaw_get_detail_photo_id (flaw));
      GtkWidget *icon = gtk_image_new_from_icon_name ("camera-photo-symbolic");

      g_string_append (subtitle, subtitle->len > 0 ? " · " : "");
      if (detail > 0)
        /* Translators: in the list of flaws, the photo that is a flaw's close-up */
        g_string_append_printf (subtitle, _("Close-up: photo %d"), detail);
      else
        g_string_append (subtitle, _("Has a close-up"));
      gtk_widget_set_tooltip_text (icon, _("Has a close-up photo"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Has a close-up photo"), -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
    }

  /* The number drawn beside it on the photo. */
  if (g_list_store_find (self->flaws, flaw, &position))
    {
      g_autofree char *number_text = g_strdup_printf ("%u", position + 1);
      GtkWidget *number_label = gtk_label_new (number_text);

      gtk_widget_add_css_class (number_label, "numeric");
      gtk_widget_add_css_class (number_label, "dim-label");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), number_label);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  g_object_set_data_full (G_OBJECT (row), "flaw-id", g_memdup2 (&(gint64) { resell_flaw_get_id (flaw) }, sizeof (gint64)), g_free);
  return row;
}

static gint64
row_flaw_id (GtkListBoxRow *row)
{
  gint64 *id = row != NULL ? g_object_get_data (G_OBJECT (row), "flaw-id") : NULL;

  return id != NULL ? *id : 0;
}

static void
select_row_of (ResellFlawEditor *self,
               gint64            flaw_id)
{
  guint position;

  self->syncing = TRUE;
  if (flaw_id != 0 && find_flaw (self, flaw_id, &position) != NULL)
    gtk_list_box_select_row (self->flaw_list, gtk_list_box_get_row_at_index (self->flaw_list, position));
  else
    gtk_list_box_unselect_all (self->flaw_list);
  self->syncing = FALSE;
}

static void
on_row_selected (ResellFlawEditor *self,
                 GtkListBoxRow    *row)
{
  ResellFlaw *flaw;
  gint64 id = row_flaw_id (row);

  if (self->syncing)
    return;

  /* A flaw on another photo brings that photo. */
  if ((flaw = find_flaw (self, id, NULL)) != NULL &&
      resell_flaw_get_photo_id (flaw) != resell_flaw_view_get_photo_id (self->view))
    {
      int number = photo_number (self, resell_flaw_get_photo_id (flaw));

      if (number > 0)
        show_photo (self, number - 1);
    }
  resell_flaw_view_set_selected_id (self->view, id);
}

static void
on_items_changed (ResellFlawEditor *self)
{
  /* Rows are made anew: select the selected one again. */
  select_row_of (self, resell_flaw_view_get_selected_id (self->view));
}

/* The selected flaw's details */

static void
fill_type_row (ResellFlawEditor *self,
               const char       *current)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint selected = 0;

  g_ptr_array_set_size (self->type_ids, 0);
  for (guint i = 0; self->category != NULL && i < resell_category_get_n_flaw_types (self->category); i++)
    {
      const ResellFlawType *type = resell_category_get_flaw_type (self->category, i);

      g_ptr_array_add (self->type_ids, g_strdup (type->id));
      gtk_string_list_append (labels, type->label);
    }
  /* One the category does not know (another category's, or none): kept. */
  if (current != NULL && (self->category == NULL || resell_category_find_flaw_type (self->category, current) == NULL))
    {
      g_ptr_array_add (self->type_ids, g_strdup (current));
      gtk_string_list_append (labels, type_label (self, current));
    }
  for (guint i = 0; i < self->type_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->type_ids, i), current) == 0)
      selected = i;

  adw_combo_row_set_model (self->type_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->type_row, selected);
}

static void
fill_zone_row (ResellFlawEditor *self,
               const char       *current)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint n_zones = self->category != NULL ? resell_category_get_n_zones (self->category) : 0;
  guint selected = 0;

  g_ptr_array_set_size (self->zone_ids, 0);
  g_ptr_array_add (self->zone_ids, g_strdup (""));
  /* Translators: a flaw's zone when it is not on any one part of the item */
  gtk_string_list_append (labels, _("Not Given"));
  for (guint i = 0; i < n_zones; i++)
    {
      const ResellZone *zone = resell_category_get_zone (self->category, i);

      g_ptr_array_add (self->zone_ids, g_strdup (zone->id));
      gtk_string_list_append (labels, zone->label);
    }
  if (current != NULL && current[0] != '\0' &&
      (self->category == NULL || resell_category_find_zone (self->category, current) == NULL))
    {
      g_ptr_array_add (self->zone_ids, g_strdup (current));
      gtk_string_list_append (labels, current);
    }
  for (guint i = 0; i < self->zone_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->zone_ids, i), current) == 0)
      selected = i;

  adw_combo_row_set_model (self->zone_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->zone_row, selected);
  /* A category without zones has nothing to choose from. */
  gtk_widget_set_visible (GTK_WIDGET (self->zone_row), self->zone_ids->len > 1);
}

static void
update_details (ResellFlawEditor *self)
{
  ResellFlaw *flaw = get_selected (self);

  self->loading = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->details_group), flaw != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "flaws.delete", flaw != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "flaws.shoot-closeup",
                                 flaw != NULL && gtk_window_get_transient_for (GTK_WINDOW (self)) != NULL);
  fill_type_row (self, flaw != NULL ? resell_flaw_get_type_id (flaw) : self->next_type_id);
  fill_zone_row (self, flaw != NULL ? resell_flaw_get_zone_id (flaw) : "");
  adw_combo_row_set_selected (self->severity_row,
                              flaw != NULL ? resell_flaw_get_severity (flaw) : self->next_severity);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->note_row)),
                 flaw != NULL ? resell_flaw_get_note (flaw) : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->note_row), flaw != NULL ? resell_flaw_get_note (flaw) : "");
  self->loading = FALSE;
}

static void
on_selected_id_changed (ResellFlawEditor *self)
{
  select_row_of (self, resell_flaw_view_get_selected_id (self->view));
  update_details (self);
}

static void
on_type_selected (ResellFlawEditor *self)
{
  guint index = adw_combo_row_get_selected (self->type_row);
  ResellFlaw *flaw = get_selected (self);
  g_autoptr(ResellFlaw) after = NULL;
  const char *type_id;

  if (self->loading || index >= self->type_ids->len)
    return;

  type_id = g_ptr_array_index (self->type_ids, index);
  /* The next flaw is likely of the same kind. */
  g_free (self->next_type_id);
  self->next_type_id = g_strdup (type_id);
  if (flaw == NULL || g_strcmp0 (resell_flaw_get_type_id (flaw), type_id) == 0)
    return;

  after = resell_flaw_copy (flaw);
  resell_flaw_set_type_id (after, type_id);
  change_selected (self, after, FALSE);
}

static void
on_severity_selected (ResellFlawEditor *self)
{
  ResellFlawSeverity severity = adw_combo_row_get_selected (self->severity_row);
  ResellFlaw *flaw = get_selected (self);
  g_autoptr(ResellFlaw) after = NULL;

  if (self->loading || severity > RESELL_FLAW_SEVERITY_MAJOR)
    return;

  self->next_severity = severity;
  if (flaw == NULL || resell_flaw_get_severity (flaw) == severity)
    return;

  after = resell_flaw_copy (flaw);
  resell_flaw_set_severity (after, severity);
  change_selected (self, after, FALSE);
}

static void
on_zone_selected (ResellFlawEditor *self)
{
  guint index = adw_combo_row_get_selected (self->zone_row);
  ResellFlaw *flaw = get_selected (self);
  g_autoptr(ResellFlaw) after = NULL;
  const char *zone_id;

  if (self->loading || flaw == NULL || index >= self->zone_ids->len)
    return;

  zone_id = g_ptr_array_index (self->zone_ids, index);
  if (g_strcmp0 (resell_flaw_get_zone_id (flaw), zone_id) == 0)
    return;

  after = resell_flaw_copy (flaw);
  resell_flaw_set_zone_id (after, zone_id);
  change_selected (self, after, FALSE);
}

static void
on_note_changed (ResellFlawEditor *self)
{
  const char *note = gtk_editable_get_text (GTK_EDITABLE (self->note_row));
  ResellFlaw *flaw = get_selected (self);
  g_autoptr(ResellFlaw) after = NULL;

  if (self->loading || flaw == NULL || g_strcmp0 (resell_flaw_get_note (flaw), note) == 0)
    return;

  after = resell_flaw_copy (flaw);
  resell_flaw_set_note (after, note);
  change_selected (self, after, TRUE);
}

/* What the view asks for */

static void
on_create_flaw (ResellFlawEditor *self,
                int               shape,
                double            x,
                double            y,
                double            width,
                double            height)
{
  g_autoptr(ResellFlaw) flaw = resell_flaw_new ();

  resell_flaw_set_item_id (flaw, resell_item_get_id (self->item));
  resell_flaw_set_photo_id (flaw, resell_flaw_view_get_photo_id (self->view));
  resell_flaw_set_type_id (flaw, self->next_type_id);
  resell_flaw_set_severity (flaw, self->next_severity);
  resell_flaw_set_geometry (flaw, shape, x, y, width, height);
  store_add (self, flaw, TRUE);
}

static void
on_change_flaw (ResellFlawEditor *self,
                gint64            flaw_id,
                double            x,
                double            y,
                double            width,
                double            height)
{
  ResellFlaw *flaw = find_flaw (self, flaw_id, NULL);
  g_autoptr(ResellFlaw) after = NULL;

  if (flaw == NULL)
    return;

  after = resell_flaw_copy (flaw);
  resell_flaw_set_geometry (after, resell_flaw_get_shape (flaw), x, y, width, height);
  change_selected (self, after, FALSE);
}

/* Actions */

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  ResellFlawEditor *self = RESELL_FLAW_EDITOR (widget);
  Change *change = g_queue_pop_head (&self->undo);

  if (change == NULL)
    return;

  if (change->before == NULL)
    store_remove (self, resell_flaw_get_id (change->after));
  else if (change->after == NULL)
    store_add (self, change->before, TRUE);
  else
    {
      store_update (self, change->before);
      resell_flaw_view_set_selected_id (self->view, resell_flaw_get_id (change->before));
    }
  g_queue_push_head (&self->redo, change);
  update_undo_actions (self);
  update_details (self);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  ResellFlawEditor *self = RESELL_FLAW_EDITOR (widget);
  Change *change = g_queue_pop_head (&self->redo);

  if (change == NULL)
    return;

  if (change->before == NULL)
    store_add (self, change->after, TRUE);
  else if (change->after == NULL)
    store_remove (self, resell_flaw_get_id (change->before));
  else
    {
      store_update (self, change->after);
      resell_flaw_view_set_selected_id (self->view, resell_flaw_get_id (change->after));
    }
  g_queue_push_head (&self->undo, change);
  update_undo_actions (self);
  update_details (self);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  ResellFlawEditor *self = RESELL_FLAW_EDITOR (widget);
  ResellFlaw *flaw = get_selected (self);
  gint64 id;

  if (flaw == NULL)
    return;

  id = resell_flaw_get_id (flaw);
  push_change (self, flaw, NULL, FALSE);
  resell_flaw_view_set_selected_id (self->view, 0);
  store_remove (self, id);
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

static gboolean
close_when_idle (gpointer user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

/* The studio is the main window's: it opens there on the item, armed, and
 * this window closes so the seller sees it (every change is stored). */
static void
shoot_closeup_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  ResellFlawEditor *self = RESELL_FLAW_EDITOR (widget);
  ResellFlaw *flaw = get_selected (self);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (flaw == NULL || parent == NULL)
    return;

  /* Closed once the click that got here has returned: an accessibility
   * client's "click" is answered after the handler, about this window. */
  if (gtk_widget_activate_action (GTK_WIDGET (parent), "win.shoot-flaw-closeup", "x", resell_flaw_get_id (flaw)))
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_when_idle, g_object_ref (self), g_object_unref);
}

static void
photo_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  ResellFlawEditor *self = RESELL_FLAW_EDITOR (widget);

  if (self->photos == NULL || self->photos->len == 0)
    return;
  if (g_str_equal (action_name, "flaws.next-photo") && self->photo_index + 1 < self->photos->len)
    show_photo (self, self->photo_index + 1);
  else if (g_str_equal (action_name, "flaws.previous-photo") && self->photo_index > 0)
    show_photo (self, self->photo_index - 1);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  ResellFlawEditor *self = RESELL_FLAW_EDITOR (widget);

  if (g_str_equal (action_name, "flaws.zoom-in"))
    resell_flaw_view_zoom_in (self->view);
  else if (g_str_equal (action_name, "flaws.zoom-out"))
    resell_flaw_view_zoom_out (self->view);
  else if (g_str_equal (action_name, "flaws.zoom-actual"))
    resell_flaw_view_set_zoom (self->view, 1.0);
  else
    resell_flaw_view_zoom_to_fit (self->view);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  ResellFlawEditor *self = RESELL_FLAW_EDITOR (widget);

  /* From the keyboard with the select tool: a rectangle. */
  if (resell_flaw_view_get_tool (self->view) == RESELL_FLAW_TOOL_SELECT)
    resell_flaw_view_set_tool (self->view, RESELL_FLAW_TOOL_RECT);
  resell_flaw_view_add_at_center (self->view);
}

static void
focus_photo_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  gtk_widget_grab_focus (GTK_WIDGET (RESELL_FLAW_EDITOR (widget)->view));
}

/* Public */

ResellFlawEditor *
resell_flaw_editor_new (GtkWindow     *parent,
                        ResellContext *context,
                        ResellItem    *item,
                        gint64         photo_id)
{
  g_return_val_if_fail (RESELL_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (RESELL_IS_ITEM (item), NULL);

  return g_object_new (RESELL_TYPE_FLAW_EDITOR,
                       "transient-for", parent,
                       "context", context,
                       "item", item,
                       "photo-id", photo_id,
                       NULL);
}

ResellFlawView *
resell_flaw_editor_get_view (ResellFlawEditor *self)
{
  g_return_val_if_fail (RESELL_IS_FLAW_EDITOR (self), NULL);
  return self->view;
}

GListModel *
resell_flaw_editor_get_flaws (ResellFlawEditor *self)
{
  g_return_val_if_fail (RESELL_IS_FLAW_EDITOR (self), NULL);
  return G_LIST_MODEL (self->flaws);
}

gboolean
resell_flaw_editor_get_busy (ResellFlawEditor *self)
{
  g_return_val_if_fail (RESELL_IS_FLAW_EDITOR (self), FALSE);
  return self->writes > 0;
}

/* GObject */

static void
resell_flaw_editor_constructed (GObject *object)
{
  ResellFlawEditor *self = (ResellFlawEditor *)object;
  g_autofree char *subtitle = NULL;
  const char *title;

  G_OBJECT_CLASS (resell_flaw_editor_parent_class)->constructed (object);

  g_return_if_fail (self->context != NULL && self->item != NULL);

  self->catalog = g_object_ref (resell_context_get_catalog (self->context));
  /* An item of no category (or one whose file is gone) still gets flaws,
   * of the fallback type. */
  if (resell_item_get_category (self->item) != NULL)
    self->category = resell_category_registry_lookup (resell_context_get_categories (self->context),
                                                      resell_item_get_category (self->item));
  if (self->category != NULL)
    g_object_ref (self->category);

  /* New flaws start as the category's first type. */
  if (self->category != NULL && resell_category_get_n_flaw_types (self->category) > 0)
    self->next_type_id = g_strdup (resell_category_get_flaw_type (self->category, 0)->id);
  else
    self->next_type_id = g_strdup (FALLBACK_TYPE);

  title = resell_item_get_title (self->item);
  adw_window_title_set_title (self->window_title,
                              title != NULL && title[0] != '\0' ? title : _("Flaws"));
  /* Translators: the flaw window's subtitle, with the item's SKU */
  subtitle = g_strdup_printf (_("Flaws of %s"), resell_item_get_sku (self->item));
  adw_window_title_set_subtitle (self->window_title, subtitle);

  g_signal_connect_object (self->catalog, "flaws-changed", G_CALLBACK (on_flaws_changed), self,
                           G_CONNECT_SWAPPED);

  update_details (self);
  gtk_spinner_start (self->spinner);
  resell_catalog_list_photos_async (self->catalog, resell_item_get_id (self->item), self->cancellable,
                                    photos_done, self);
  reload_flaws (self);
}

static void
resell_flaw_editor_dispose (GObject *object)
{
  ResellFlawEditor *self = (ResellFlawEditor *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->catalog != NULL)
    g_signal_handlers_disconnect_by_data (self->catalog, self);
  /* The rows and the view go: not a change of selection. */
  if (self->view != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->flaw_list, self);
      g_signal_handlers_disconnect_by_data (self->view, self);
      g_signal_handlers_disconnect_by_data (self->flaws, self);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), RESELL_TYPE_FLAW_EDITOR);

  G_OBJECT_CLASS (resell_flaw_editor_parent_class)->dispose (object);
}

static void
resell_flaw_editor_finalize (GObject *object)
{
  ResellFlawEditor *self = (ResellFlawEditor *)object;

  g_queue_clear_full (&self->undo, (GDestroyNotify) change_free);
  g_queue_clear_full (&self->redo, (GDestroyNotify) change_free);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);
  g_clear_object (&self->catalog);
  g_clear_object (&self->item);
  g_clear_object (&self->category);
  g_clear_object (&self->flaws);
  g_clear_pointer (&self->photos, g_ptr_array_unref);
  g_clear_pointer (&self->type_ids, g_ptr_array_unref);
  g_clear_pointer (&self->zone_ids, g_ptr_array_unref);
  g_free (self->next_type_id);

  G_OBJECT_CLASS (resell_flaw_editor_parent_class)->finalize (object);
}

static const char *
tool_to_string (ResellFlawTool tool)
{
  for (guint i = 0; i < G_N_ELEMENTS (tools); i++)
    if (tools[i].tool == tool)
      return tools[i].id;
  return "select";
}

static void
resell_flaw_editor_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ResellFlawEditor *self = RESELL_FLAW_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    case PROP_PHOTO_ID:
      g_value_set_int64 (value, self->first_photo_id);
      break;
    case PROP_TOOL:
      /* Asked by the "flaws.tool" action before the template is made too. */
      g_value_set_string (value, self->view != NULL ? tool_to_string (resell_flaw_view_get_tool (self->view)) : "select");
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->writes > 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_flaw_editor_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  ResellFlawEditor *self = RESELL_FLAW_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_ITEM:
      self->item = g_value_dup_object (value);
      break;
    case PROP_PHOTO_ID:
      self->first_photo_id = g_value_get_int64 (value);
      break;
    case PROP_TOOL:
      for (guint i = 0; i < G_N_ELEMENTS (tools); i++)
        if (self->view != NULL && g_strcmp0 (tools[i].id, g_value_get_string (value)) == 0)
          resell_flaw_view_set_tool (self->view, tools[i].tool);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
on_tool_changed (ResellFlawEditor *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOOL]);
}

static void
resell_flaw_editor_class_init (ResellFlawEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = resell_flaw_editor_constructed;
  object_class->dispose = resell_flaw_editor_dispose;
  object_class->finalize = resell_flaw_editor_finalize;
  object_class->get_property = resell_flaw_editor_get_property;
  object_class->set_property = resell_flaw_editor_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, RESELL_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, RESELL_TYPE_ITEM,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PHOTO_ID] =
    g_param_spec_int64 ("photo-id", NULL, NULL, 0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TOOL] =
    g_param_spec_string ("tool", NULL, NULL, "select",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (RESELL_TYPE_FLAW_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Resell/ui/resell-flaw-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, ResellFlawEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ResellFlawEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, ResellFlawEditor, photo_label);
  gtk_widget_class_bind_template_child (widget_class, ResellFlawEditor, view);
  gtk_widget_class_bind_template_child (widget_class, ResellFlawEditor, spinner);
  gtk_widget_class_bind_template_child (widget_class, ResellFlawEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, ResellFlawEditor, flaw_list);
  gtk_widget_class_bind_template_child (widget_class, ResellFlawEditor, details_group);
  gtk_widget_class_bind_template_child (widget_class, ResellFlawEditor, type_row);
  gtk_widget_class_bind_template_child (widget_class, ResellFlawEditor, severity_row);
  gtk_widget_class_bind_template_child (widget_class, ResellFlawEditor, zone_row);
  gtk_widget_class_bind_template_child (widget_class, ResellFlawEditor, note_row);

  gtk_widget_class_install_property_action (widget_class, "flaws.tool", "tool");
  gtk_widget_class_install_action (widget_class, "flaws.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "flaws.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "flaws.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "flaws.shoot-closeup", NULL, shoot_closeup_action);
  gtk_widget_class_install_action (widget_class, "flaws.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "flaws.focus-photo", NULL, focus_photo_action);
  gtk_widget_class_install_action (widget_class, "flaws.previous-photo", NULL, photo_action);
  gtk_widget_class_install_action (widget_class, "flaws.next-photo", NULL, photo_action);
  gtk_widget_class_install_action (widget_class, "flaws.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "flaws.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "flaws.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "flaws.zoom-actual", NULL, zoom_action);

  /* Single letters reach the window only when no entry took them. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, 0, "flaws.tool", "s", "select");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, 0, "flaws.tool", "s", "point");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, 0, "flaws.tool", "s", "ellipse");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, 0, "flaws.tool", "s", "rect");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "flaws.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "flaws.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "flaws.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_y, GDK_CONTROL_MASK, "flaws.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "flaws.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "flaws.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "flaws.add", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, "flaws.shoot-closeup", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "flaws.previous-photo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "flaws.next-photo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "flaws.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "flaws.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "flaws.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "flaws.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "flaws.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "flaws.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK, "flaws.zoom-actual", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "flaws.focus-photo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
resell_flaw_editor_init (ResellFlawEditor *self)
{
  g_autoptr(GtkStringList) severities = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->flaws = g_list_store_new (RESELL_TYPE_FLAW);
  self->type_ids = g_ptr_array_new_with_free_func (g_free);
  self->zone_ids = g_ptr_array_new_with_free_func (g_free);
  self->next_severity = RESELL_FLAW_SEVERITY_MINOR;
  g_queue_init (&self->undo);
  g_queue_init (&self->redo);

  for (int s = RESELL_FLAW_SEVERITY_MINOR; s <= RESELL_FLAW_SEVERITY_MAJOR; s++)
    gtk_string_list_append (severities, resell_flaw_severity_get_label (s));
  adw_combo_row_set_model (self->severity_row, G_LIST_MODEL (severities));

  resell_flaw_view_set_flaws (self->view, G_LIST_MODEL (self->flaws));
  gtk_list_box_bind_model (self->flaw_list, G_LIST_MODEL (self->flaws), create_row, self, NULL);

  g_signal_connect_object (self->flaws, "items-changed", G_CALLBACK (on_items_changed), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->flaw_list, "row-selected", G_CALLBACK (on_row_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "notify::selected-id", G_CALLBACK (on_selected_id_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "notify::tool", G_CALLBACK (on_tool_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "notify::ready", G_CALLBACK (on_view_ready), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "notify::error", G_CALLBACK (on_view_ready), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "create-flaw", G_CALLBACK (on_create_flaw), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "change-flaw", G_CALLBACK (on_change_flaw), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->type_row, "notify::selected", G_CALLBACK (on_type_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->severity_row, "notify::selected", G_CALLBACK (on_severity_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->zone_row, "notify::selected", G_CALLBACK (on_zone_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->note_row, "changed", G_CALLBACK (on_note_changed), self, G_CONNECT_SWAPPED);

  update_undo_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
}
