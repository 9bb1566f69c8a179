/* resell-item-page-private.h — what the item page's files share
 *
 * The page is split by concern: resell-item-page.c (the object, the form
 * and saving), resell-item-page-photos.c (the photo grid, the shot list,
 * drag and drop, import, the photo editor) and resell-item-page-actions.c
 * (the "item." actions and the listing-image export they start).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "grading/resell-condition-panel.h"
#include "item/resell-item-page.h"
#include "pricing/resell-value-panel.h"

G_BEGIN_DECLS

struct _ResellItemPage
{
  AdwBin                  parent_instance;

  ResellContext          *context;
  ResellSettings         *settings;
  ResellCategoryRegistry *categories;   /* the context's */
  ResellThumbnailer      *thumbnailer;  /* the context's */
  ResellItemSaver        *saver;        /* made with the catalog */

  ResellItem             *draft;         /* the page's own copy of the shown item */
  ResellItem             *listed;        /* the shown item as the catalog's list keeps it:
                                          * its grade and asking price follow their writers */
  GPtrArray              *photos;        /* ResellPhoto of the shown item */
  GCancellable           *cancellable;   /* for work about the shown item */
  GCancellable           *thumbs_cancellable; /* for the photo tiles shown now */
  char                   *shots_shown;   /* what the shot list shows: shot ids and done */
  GCancellable           *import_cancellable; /* imports, cancelled only when the page goes */
  GHashTable             *importing;     /* ids (gint64) of items with an import running */
  ResellListingExporter  *exporter;      /* while an export runs */
  char                   *export_title;  /* the title of the item being exported */
  ResellListingProfile   *export_profile; /* chosen, while the folder chooser is open */
  GCancellable           *export_cancellable;
  guint                   save_source;
  gboolean                loading;

  /* Template children */
  AdwWindowTitle         *window_title;
  GtkRevealer            *export_revealer;
  GtkLabel               *export_label;
  GtkProgressBar         *export_progress;
  GtkButton              *import_button;
  GtkScrolledWindow      *scroller;
  GtkWidget              *content;
  AdwPreferencesGroup    *photos_group;
  GtkStack               *photos_stack;
  GtkFlowBox             *photo_flow;
  AdwPreferencesGroup    *shots_group;
  GtkListBox             *shots_list;
  ResellConditionPanel   *condition_panel;
  AdwActionRow           *sku_row;
  AdwComboRow            *category_row;
  AdwEntryRow            *title_row;
  AdwEntryRow            *brand_row;
  AdwEntryRow            *model_row;
  AdwEntryRow            *size_row;
  AdwEntryRow            *colour_row;
  AdwEntryRow            *material_row;
  AdwComboRow            *state_row;
  AdwEntryRow            *consignor_row;
  GtkTextView            *notes_view;
  ResellValuePanel       *value_panel;
  GMenu                  *export_menu;
};

/* resell-item-page.c */

/* NULL until the context has loaded the catalog. */
ResellCatalog  *_resell_item_page_get_catalog            (ResellItemPage       *self);
void            _resell_item_page_show_message           (ResellItemPage       *self,
                                                          const char           *message);
ResellCategory *_resell_item_page_get_selected_category  (ResellItemPage       *self);

/* resell-item-page-documents.c */

void            _resell_item_page_class_documents_init   (ResellItemPageClass  *klass);

/* resell-item-page-photos.c */

void            _resell_item_page_class_photos_init      (ResellItemPageClass  *klass);
void            _resell_item_page_photos_init            (ResellItemPage       *self);
void            _resell_item_page_rebuild_shot_list      (ResellItemPage       *self);
/* Shows @photos (a new reference is taken), or none when NULL. */
void            _resell_item_page_show_photos            (ResellItemPage       *self,
                                                          GPtrArray            *photos);
void            _resell_item_page_reload_photos          (ResellItemPage       *self);
void            _resell_item_page_update_import_button   (ResellItemPage       *self);
ResellPhoto    *_resell_item_page_find_photo             (ResellItemPage       *self,
                                                          gint64                photo_id);
/* Callback of the catalog's photo update and removal; @user_data is a
 * reference on the page. */
void            _resell_item_page_photo_op_done          (GObject              *object,
                                                          GAsyncResult         *result,
                                                          gpointer              user_data);
void            _resell_item_page_store_photo_edits      (ResellItemPage       *self,
                                                          ResellPhoto          *photo,
                                                          const char           *json);
void            _resell_item_page_open_photo_editor      (ResellItemPage       *self,
                                                          gint64                photo_id);

/* resell-item-page-actions.c */

void            _resell_item_page_class_actions_init     (ResellItemPageClass  *klass);
void            _resell_item_page_fill_export_menu       (ResellItemPage       *self);

G_END_DECLS
