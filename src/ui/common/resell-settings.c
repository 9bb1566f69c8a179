/* resell-settings.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-settings"

#include "config.h"

#include "common/resell-settings.h"

struct _ResellSettings
{
  GObject    parent_instance;
  GSettings *settings;
  char      *browser_view;
  char      *sort_order;
  char      *sku_prefix;
  char      *default_category;
  char      *last_category;
  char      *copyright;
  char      *capture_key;
  char      *listing_profile;
  gboolean   delete_from_card;
  gboolean   onion_skin;
  int        onion_skin_opacity;
};

G_DEFINE_FINAL_TYPE (ResellSettings, resell_settings, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BROWSER_VIEW,
  PROP_SORT_ORDER,
  PROP_SKU_PREFIX,
  PROP_DEFAULT_CATEGORY,
  PROP_LAST_CATEGORY,
  PROP_COPYRIGHT,
  PROP_CAPTURE_KEY,
  PROP_LISTING_PROFILE,
  PROP_DELETE_FROM_CARD,
  PROP_ONION_SKIN,
  PROP_ONION_SKIN_OPACITY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Property id → the string field that holds it. */
static char **
field_for_prop (ResellSettings *self,
                guint           prop_id)
{
  switch (prop_id)
    {
    case PROP_BROWSER_VIEW:     return &self->browser_view;
    case PROP_SORT_ORDER:       return &self->sort_order;
    case PROP_SKU_PREFIX:       return &self->sku_prefix;
    case PROP_DEFAULT_CATEGORY: return &self->default_category;
    case PROP_LAST_CATEGORY:    return &self->last_category;
    case PROP_COPYRIGHT:        return &self->copyright;
    case PROP_CAPTURE_KEY:      return &self->capture_key;
    case PROP_LISTING_PROFILE:  return &self->listing_profile;
    default:                    return NULL;
    }
}

static void
set_string (ResellSettings *self,
            guint           prop_id,
            const char     *value)
{
  char **field = field_for_prop (self, prop_id);

  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value ? value : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
resell_settings_finalize (GObject *object)
{
  ResellSettings *self = (ResellSettings *)object;

  g_clear_object (&self->settings);
  g_clear_pointer (&self->browser_view, g_free);
  g_clear_pointer (&self->sort_order, g_free);
  g_clear_pointer (&self->sku_prefix, g_free);
  g_clear_pointer (&self->default_category, g_free);
  g_clear_pointer (&self->last_category, g_free);
  g_clear_pointer (&self->copyright, g_free);
  g_clear_pointer (&self->capture_key, g_free);
  g_clear_pointer (&self->listing_profile, g_free);

  G_OBJECT_CLASS (resell_settings_parent_class)->finalize (object);
}

static void
resell_settings_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ResellSettings *self = RESELL_SETTINGS (object);
  char **field = field_for_prop (self, prop_id);

  switch (prop_id)
    {
    case PROP_DELETE_FROM_CARD:
      g_value_set_boolean (value, self->delete_from_card);
      break;
    case PROP_ONION_SKIN:
      g_value_set_boolean (value, self->onion_skin);
      break;
    case PROP_ONION_SKIN_OPACITY:
      g_value_set_int (value, self->onion_skin_opacity);
      break;
    default:
      if (field == NULL)
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      else
        g_value_set_string (value, *field);
    }
}

static void
set_boolean (ResellSettings *self,
             guint           prop_id,
             gboolean       *field,
             gboolean        value)
{
  value = !!value;
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
resell_settings_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  ResellSettings *self = RESELL_SETTINGS (object);

  switch (prop_id)
    {
    case PROP_DELETE_FROM_CARD:
      set_boolean (self, prop_id, &self->delete_from_card, g_value_get_boolean (value));
      break;
    case PROP_ONION_SKIN:
      set_boolean (self, prop_id, &self->onion_skin, g_value_get_boolean (value));
      break;
    case PROP_ONION_SKIN_OPACITY:
      if (self->onion_skin_opacity != g_value_get_int (value))
        {
          self->onion_skin_opacity = g_value_get_int (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      if (field_for_prop (self, prop_id) == NULL)
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      else
        set_string (self, prop_id, g_value_get_string (value));
    }
}

static void
resell_settings_class_init (ResellSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = resell_settings_finalize;
  object_class->get_property = resell_settings_get_property;
  object_class->set_property = resell_settings_set_property;

#define STRING_PROP(id, name) \
  properties[id] = g_param_spec_string (name, NULL, NULL, "", \
                                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS))
  STRING_PROP (PROP_BROWSER_VIEW, "browser-view");
  STRING_PROP (PROP_SORT_ORDER, "sort-order");
  STRING_PROP (PROP_SKU_PREFIX, "sku-prefix");
  STRING_PROP (PROP_DEFAULT_CATEGORY, "default-category");
  STRING_PROP (PROP_LAST_CATEGORY, "last-category");
  STRING_PROP (PROP_COPYRIGHT, "copyright");
  STRING_PROP (PROP_CAPTURE_KEY, "capture-key");
  STRING_PROP (PROP_LISTING_PROFILE, "listing-profile");
#undef STRING_PROP
  properties[PROP_DELETE_FROM_CARD] =
    g_param_spec_boolean ("delete-from-card", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ONION_SKIN] =
    g_param_spec_boolean ("onion-skin", NULL, NULL, TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ONION_SKIN_OPACITY] =
    g_param_spec_int ("onion-skin-opacity", NULL, NULL, 0, 100, 40,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
resell_settings_init (ResellSettings *self)
{
  self->browser_view = g_strdup ("grid");
  self->sort_order = g_strdup ("updated");
  self->sku_prefix = g_strdup ("RS");
  self->default_category = g_strdup ("");
  self->last_category = g_strdup ("");
  self->copyright = g_strdup ("");
  self->capture_key = g_strdup ("");
  self->listing_profile = g_strdup ("ebay");
  self->onion_skin = TRUE;
  self->onion_skin_opacity = 40;

  self->settings = g_settings_new (APP_ID);

  for (guint i = 1; i < N_PROPS; i++)
    {
      const char *name = g_param_spec_get_name (properties[i]);
      g_settings_bind (self->settings, name, self, name, G_SETTINGS_BIND_DEFAULT);
    }
}

ResellSettings *
resell_settings_new (void)
{
  return g_object_new (RESELL_TYPE_SETTINGS, NULL);
}

GSettings *
resell_settings_get_gsettings (ResellSettings *self)
{
  g_return_val_if_fail (RESELL_IS_SETTINGS (self), NULL);
  return self->settings;
}

const char *
resell_settings_get_browser_view (ResellSettings *self)
{
  g_return_val_if_fail (RESELL_IS_SETTINGS (self), NULL);
  return self->browser_view;
}

void
resell_settings_set_browser_view (ResellSettings *self,
                                  const char     *view)
{
  g_return_if_fail (RESELL_IS_SETTINGS (self));
  set_string (self, PROP_BROWSER_VIEW, view);
}

const char *
resell_settings_get_sort_order (ResellSettings *self)
{
  g_return_val_if_fail (RESELL_IS_SETTINGS (self), NULL);
  return self->sort_order;
}

void
resell_settings_set_sort_order (ResellSettings *self,
                                const char     *order)
{
  g_return_if_fail (RESELL_IS_SETTINGS (self));
  set_string (self, PROP_SORT_ORDER, order);
}

const char *
resell_settings_get_sku_prefix (ResellSettings *self)
{
  g_return_val_if_fail (RESELL_IS_SETTINGS (self), NULL);
  return self->sku_prefix;
}

const char *
resell_settings_get_default_category (ResellSettings *self)
{
  g_return_val_if_fail (RESELL_IS_SETTINGS (self), NULL);
  return self->default_category;
}

const char *
resell_settings_get_last_category (ResellSettings *self)
{
  g_return_val_if_fail (RESELL_IS_SETTINGS (self), NULL);
  return self->last_category;
}

void
resell_settings_set_last_category (ResellSettings *self,
                                   const char     *category)
{
  g_return_if_fail (RESELL_IS_SETTINGS (self));
  set_string (self, PROP_LAST_CATEGORY, category);
}

const char *
resell_settings_get_new_item_category (ResellSettings *self)
{
  g_return_val_if_fail (RESELL_IS_SETTINGS (self), NULL);

  if (self->default_category[0] != '\0')
    return self->default_category;
  return self->last_category;
}

const char *
resell_settings_get_copyright (ResellSettings *self)
{
  g_return_val_if_fail (RESELL_IS_SETTINGS (self), NULL);
  return self->copyright;
}

const char *
resell_settings_get_capture_key (ResellSettings *self)
{
  g_return_val_if_fail (RESELL_IS_SETTINGS (self), NULL);
  return self->capture_key;
}

void
resell_settings_set_capture_key (ResellSettings *self,
                                 const char     *key_name)
{
  g_return_if_fail (RESELL_IS_SETTINGS (self));
  set_string (self, PROP_CAPTURE_KEY, key_name);
}

gboolean
resell_settings_get_delete_from_card (ResellSettings *self)
{
  g_return_val_if_fail (RESELL_IS_SETTINGS (self), FALSE);
  return self->delete_from_card;
}

void
resell_settings_set_delete_from_card (ResellSettings *self,
                                      gboolean        delete_from_card)
{
  g_return_if_fail (RESELL_IS_SETTINGS (self));
  set_boolean (self, PROP_DELETE_FROM_CARD, &self->delete_from_card, delete_from_card);
}

gboolean
resell_settings_get_onion_skin (ResellSettings *self)
{
  g_return_val_if_fail (RESELL_IS_SETTINGS (self), FALSE);
  return self->onion_skin;
}

int
resell_settings_get_onion_skin_opacity (ResellSettings *self)
{
  g_return_val_if_fail (RESELL_IS_SETTINGS (self), 40);
  return self->onion_skin_opacity;
}

const char *
resell_settings_get_listing_profile (ResellSettings *self)
{
  g_return_val_if_fail (RESELL_IS_SETTINGS (self), NULL);
  return self->listing_profile;
}

void
resell_settings_set_listing_profile (ResellSettings *self,
                                     const char     *profile_id)
{
  g_return_if_fail (RESELL_IS_SETTINGS (self));
  set_string (self, PROP_LISTING_PROFILE, profile_id);
}
