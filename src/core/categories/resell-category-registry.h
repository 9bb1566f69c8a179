/* resell-category-registry.h — every category known to the app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "categories/resell-category.h"

G_BEGIN_DECLS

#define RESELL_TYPE_CATEGORY_REGISTRY (resell_category_registry_get_type ())
G_DECLARE_FINAL_TYPE (ResellCategoryRegistry, resell_category_registry, RESELL, CATEGORY_REGISTRY, GObject)

/* Implements GListModel of ResellCategory, sorted by name. */
ResellCategoryRegistry *resell_category_registry_new            (void);

/* Loads the categories built into the core library (GResource
 * /com/example/Resell/categories/) and then, overriding by id, every
 * *.json in $XDG_DATA_HOME/resell/categories (or $RESELL_CATEGORIES_DIR).
 * Malformed files are skipped; their messages are appended to @problems
 * (one translated sentence each, naming file and line).  Returns FALSE only
 * when no category at all could be loaded. */
gboolean                resell_category_registry_load_default   (ResellCategoryRegistry  *self,
                                                                 GPtrArray               *problems,
                                                                 GError                 **error);
/* Loads every *.json in @dir (same rules). */
gboolean                resell_category_registry_load_directory (ResellCategoryRegistry  *self,
                                                                 const char              *dir,
                                                                 GPtrArray               *problems,
                                                                 GError                 **error);
void                    resell_category_registry_add            (ResellCategoryRegistry  *self,
                                                                 ResellCategory          *category);
ResellCategory         *resell_category_registry_lookup         (ResellCategoryRegistry  *self,
                                                                 const char              *id);
/* Position of @id in the model, or G_MAXUINT. */
guint                   resell_category_registry_find_position  (ResellCategoryRegistry  *self,
                                                                 const char              *id);

G_END_DECLS
