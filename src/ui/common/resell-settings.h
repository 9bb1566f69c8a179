/* resell-settings.h — the app's preferences as an object with properties
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define RESELL_TYPE_SETTINGS (resell_settings_get_type ())
G_DECLARE_FINAL_TYPE (ResellSettings, resell_settings, RESELL, SETTINGS, GObject)

/* Properties, each bound both ways to the com.example.Resell key of the same name:
 *   "browser-view" ("grid" | "list"), "sort-order" ("updated" | "created" | "title" | "sku"),
 *   "sku-prefix", "default-category", "last-category", "copyright" (strings),
 *   "capture-key" (a GDK key name such as "Page_Down" that captures in the
 *   studio like Space — foot pedals type keys; "" for none),
 *   "listing-profile" (the built-in photo profile Ctrl+E exports with),
 *   "delete-from-card", "onion-skin" (booleans), "onion-skin-opacity" (0–100). */
ResellSettings *resell_settings_new                  (void);
GSettings      *resell_settings_get_gsettings        (ResellSettings *self);
const char     *resell_settings_get_browser_view     (ResellSettings *self);
void            resell_settings_set_browser_view     (ResellSettings *self, const char *view);
const char     *resell_settings_get_sort_order       (ResellSettings *self);
void            resell_settings_set_sort_order       (ResellSettings *self, const char *order);
const char     *resell_settings_get_sku_prefix       (ResellSettings *self);
const char     *resell_settings_get_default_category (ResellSettings *self);
const char     *resell_settings_get_last_category    (ResellSettings *self);
void            resell_settings_set_last_category    (ResellSettings *self, const char *category);
const char     *resell_settings_get_copyright        (ResellSettings *self);
/* The category a new item starts with: the default if set, else the last used. */
const char     *resell_settings_get_new_item_category (ResellSettings *self);

const char     *resell_settings_get_capture_key      (ResellSettings *self);
void            resell_settings_set_capture_key      (ResellSettings *self, const char *key_name);
const char     *resell_settings_get_listing_profile  (ResellSettings *self);
void            resell_settings_set_listing_profile  (ResellSettings *self, const char *profile_id);
gboolean        resell_settings_get_delete_from_card (ResellSettings *self);
void            resell_settings_set_delete_from_card (ResellSettings *self, gboolean delete_from_card);
gboolean        resell_settings_get_onion_skin       (ResellSettings *self);
int             resell_settings_get_onion_skin_opacity (ResellSettings *self);

G_END_DECLS
