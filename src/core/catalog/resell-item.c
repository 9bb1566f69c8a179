/* resell-item.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-item"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "catalog/resell-item.h"
#include "catalog/resell-item-private.h"

struct _ResellItem
{
  GObject          parent_instance;

  gint64           id;
  /* NULL stands for "" so that thousands of loaded items do not each carry
   * ten empty allocations; getters hide the difference. */
  char            *sku;
  char            *category;
  char            *brand;
  char            *model;
  char            *title;
  char            *size;
  char            *colour;
  char            *material;
  char            *notes;
  char            *consignor;
  ResellItemState  state;
  gint64           created_at;
  gint64           updated_at;
  guint            photo_count;
  char            *cover_path;
  char            *cover_sha256;
  /* Kept by the grade keeper and the price writers, read with the item so
   * that lists show them without a query per row. */
  char            *grade;
  gint64           list_price_minor;
  char            *list_price_currency;
};

G_DEFINE_FINAL_TYPE (ResellItem, resell_item, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (ResellItemState, resell_item_state,
  G_DEFINE_ENUM_VALUE (RESELL_ITEM_STATE_DRAFT, "draft"),
  G_DEFINE_ENUM_VALUE (RESELL_ITEM_STATE_READY, "ready"),
  G_DEFINE_ENUM_VALUE (RESELL_ITEM_STATE_QUEUED, "queued"),
  G_DEFINE_ENUM_VALUE (RESELL_ITEM_STATE_UPLOADING, "uploading"),
  G_DEFINE_ENUM_VALUE (RESELL_ITEM_STATE_SUBMITTED, "submitted"))

enum {
  PROP_0,
  PROP_ID,
  PROP_SKU,
  PROP_CATEGORY,
  PROP_BRAND,
  PROP_MODEL,
  PROP_TITLE,
  PROP_SIZE,
  PROP_COLOUR,
  PROP_MATERIAL,
  PROP_NOTES,
  PROP_CONSIGNOR,
  PROP_STATE,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_PHOTO_COUNT,
  PROP_COVER_PATH,
  PROP_COVER_SHA256,
  PROP_GRADE,
  PROP_LIST_PRICE_MINOR,
  PROP_LIST_PRICE_CURRENCY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The strings the catalog stores; they must match the CHECK constraint in
 * resell-catalog-schema.c, so they are spelled out rather than taken from
 * the GEnum nicks. */
static const char * const state_strings[] = {
  [RESELL_ITEM_STATE_DRAFT] = "draft",
  [RESELL_ITEM_STATE_READY] = "ready",
  [RESELL_ITEM_STATE_QUEUED] = "queued",
  [RESELL_ITEM_STATE_UPLOADING] = "uploading",
  [RESELL_ITEM_STATE_SUBMITTED] = "submitted",
};

const char *
resell_item_state_to_string (ResellItemState state)
{
  g_return_val_if_fail (state <= RESELL_ITEM_STATE_SUBMITTED, NULL);

  return state_strings[state];
}

gboolean
resell_item_state_from_string (const char      *str,
                               ResellItemState *state)
{
  g_return_val_if_fail (state != NULL, FALSE);

  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (state_strings); i++)
    {
      if (g_str_equal (str, state_strings[i]))
        {
          *state = (ResellItemState) i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
resell_item_state_get_label (ResellItemState state)
{
  switch (state)
    {
    case RESELL_ITEM_STATE_DRAFT:
      return _("Draft");
    case RESELL_ITEM_STATE_READY:
      return _("Ready");
    case RESELL_ITEM_STATE_QUEUED:
      return _("Queued");
    case RESELL_ITEM_STATE_UPLOADING:
      return _("Uploading");
    case RESELL_ITEM_STATE_SUBMITTED:
      return _("Submitted");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Stores @value in @field and notifies @prop_id when it differs.  With
 * @empty_is_null, "" and NULL are the same value (and stored as NULL). */
static void
item_set_string (ResellItem  *self,
                 char       **field,
                 const char  *value,
                 gboolean     empty_is_null,
                 guint        prop_id)
{
  if (empty_is_null && value != NULL && value[0] == '\0')
    value = NULL;

  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static inline const char *
non_null (const char *str)
{
  return str != NULL ? str : "";
}

static void
resell_item_finalize (GObject *object)
{
  ResellItem *self = (ResellItem *)object;

  g_free (self->sku);
  g_free (self->category);
  g_free (self->brand);
  g_free (self->model);
  g_free (self->title);
  g_free (self->size);
  g_free (self->colour);
  g_free (self->material);
  g_free (self->notes);
  g_free (self->consignor);
  g_free (self->cover_path);
  g_free (self->cover_sha256);
  g_free (self->grade);
  g_free (self->list_price_currency);

  G_OBJECT_CLASS (resell_item_parent_class)->finalize (object);
}

static void
resell_item_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  ResellItem *self = RESELL_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_SKU:
      g_value_set_string (value, resell_item_get_sku (self));
      break;
    case PROP_CATEGORY:
      g_value_set_string (value, resell_item_get_category (self));
      break;
    case PROP_BRAND:
      g_value_set_string (value, resell_item_get_brand (self));
      break;
    case PROP_MODEL:
      g_value_set_string (value, resell_item_get_model (self));
      break;
    case PROP_TITLE:
      g_value_set_string (value, resell_item_get_title (self));
      break;
    case PROP_SIZE:
      g_value_set_string (value, resell_item_get_size (self));
      break;
    case PROP_COLOUR:
      g_value_set_string (value, resell_item_get_colour (self));
      break;
    case PROP_MATERIAL:
      g_value_set_string (value, resell_item_get_material (self));
      break;
    case PROP_NOTES:
      g_value_set_string (value, resell_item_get_notes (self));
      break;
    case PROP_CONSIGNOR:
      g_value_set_string (value, resell_item_get_consignor (self));
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;
    case PROP_UPDATED_AT:
      g_value_set_int64 (value, self->updated_at);
      break;
    case PROP_PHOTO_COUNT:
      g_value_set_uint (value, self->photo_count);
      break;
    case PROP_COVER_PATH:
      g_value_set_string (value, self->cover_path);
      break;
    case PROP_COVER_SHA256:
      g_value_set_string (value, self->cover_sha256);
      break;
    case PROP_GRADE:
      g_value_set_string (value, self->grade);
      break;
    case PROP_LIST_PRICE_MINOR:
      g_value_set_int64 (value, self->list_price_minor);
      break;
    case PROP_LIST_PRICE_CURRENCY:
      g_value_set_string (value, self->list_price_currency);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_item_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  ResellItem *self = RESELL_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      resell_item_set_id (self, g_value_get_int64 (value));
      break;
    case PROP_SKU:
      resell_item_set_sku (self, g_value_get_string (value));
      break;
    case PROP_CATEGORY:
      resell_item_set_category (self, g_value_get_string (value));
      break;
    case PROP_BRAND:
      resell_item_set_brand (self, g_value_get_string (value));
      break;
    case PROP_MODEL:
      resell_item_set_model (self, g_value_get_string (value));
      break;
    case PROP_TITLE:
      resell_item_set_title (self, g_value_get_string (value));
      break;
    case PROP_SIZE:
      resell_item_set_size (self, g_value_get_string (value));
      break;
    case PROP_COLOUR:
      resell_item_set_colour (self, g_value_get_string (value));
      break;
    case PROP_MATERIAL:
      resell_item_set_material (self, g_value_get_string (value));
      break;
    case PROP_NOTES:
      resell_item_set_notes (self, g_value_get_string (value));
      break;
    case PROP_CONSIGNOR:
      resell_item_set_consignor (self, g_value_get_string (value));
      break;
    case PROP_STATE:
      resell_item_set_state (self, g_value_get_enum (value));
      break;
    case PROP_CREATED_AT:
      resell_item_set_created_at (self, g_value_get_int64 (value));
      break;
    case PROP_UPDATED_AT:
      resell_item_set_updated_at (self, g_value_get_int64 (value));
      break;
    case PROP_PHOTO_COUNT:
      resell_item_set_photo_count (self, g_value_get_uint (value));
      break;
    case PROP_COVER_PATH:
      resell_item_set_cover_path (self, g_value_get_string (value));
      break;
    case PROP_COVER_SHA256:
      resell_item_set_cover_sha256 (self, g_value_get_string (value));
      break;
    case PROP_GRADE:
      resell_item_set_grade (self, g_value_get_string (value));
      break;
    case PROP_LIST_PRICE_MINOR:
      resell_item_set_list_price (self, g_value_get_int64 (value), self->list_price_currency);
      break;
    case PROP_LIST_PRICE_CURRENCY:
      resell_item_set_list_price (self, self->list_price_minor, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_pspec (const char *name,
              const char *nick)
{
  return g_param_spec_string (name, nick, NULL, "",
                              (G_PARAM_READWRITE |
                               G_PARAM_EXPLICIT_NOTIFY |
                               G_PARAM_STATIC_STRINGS));
}

static void
resell_item_class_init (ResellItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = resell_item_finalize;
  object_class->get_property = resell_item_get_property;
  object_class->set_property = resell_item_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", "Id", NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_SKU] = string_pspec ("sku", "SKU");
  properties[PROP_CATEGORY] = string_pspec ("category", "Category");
  properties[PROP_BRAND] = string_pspec ("brand", "Brand");
  properties[PROP_MODEL] = string_pspec ("model", "Model");
  properties[PROP_TITLE] = string_pspec ("title", "Title");
  properties[PROP_SIZE] = string_pspec ("size", "Size");
  properties[PROP_COLOUR] = string_pspec ("colour", "Colour");
  properties[PROP_MATERIAL] = string_pspec ("material", "Material");
  properties[PROP_NOTES] = string_pspec ("notes", "Notes");
  properties[PROP_CONSIGNOR] = string_pspec ("consignor", "Consignor");
  properties[PROP_STATE] =
    g_param_spec_enum ("state", "State", NULL,
                       RESELL_TYPE_ITEM_STATE, RESELL_ITEM_STATE_DRAFT, flags);
  properties[PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", "Created at", NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_UPDATED_AT] =
    g_param_spec_int64 ("updated-at", "Updated at", NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_PHOTO_COUNT] =
    g_param_spec_uint ("photo-count", "Photo count", NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_COVER_PATH] =
    g_param_spec_string ("cover-path", "Cover path", NULL, NULL, flags);
  properties[PROP_COVER_SHA256] =
    g_param_spec_string ("cover-sha256", "Cover SHA-256", NULL, NULL, flags);
  properties[PROP_GRADE] =
    g_param_spec_string ("grade", "Grade", NULL, NULL, flags);
  properties[PROP_LIST_PRICE_MINOR] =
    g_param_spec_int64 ("list-price-minor", "List price (minor units)", NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_LIST_PRICE_CURRENCY] =
    g_param_spec_string ("list-price-currency", "List price currency", NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
resell_item_init (ResellItem *self)
{
  self->state = RESELL_ITEM_STATE_DRAFT;
}

ResellItem *
resell_item_new (void)
{
  return g_object_new (RESELL_TYPE_ITEM, NULL);
}

static char *
dup_non_empty (const char *str)
{
  return str != NULL && str[0] != '\0' ? g_strdup (str) : NULL;
}

ResellItem *
resell_item_new_from_fields (const ResellItemFields *fields)
{
  ResellItem *self;

  g_return_val_if_fail (fields != NULL, NULL);
  g_return_val_if_fail (fields->state <= RESELL_ITEM_STATE_SUBMITTED, NULL);

  self = resell_item_new ();

  self->id = fields->id;
  self->sku = dup_non_empty (fields->sku);
  self->category = dup_non_empty (fields->category);
  self->brand = dup_non_empty (fields->brand);
  self->model = dup_non_empty (fields->model);
  self->title = dup_non_empty (fields->title);
  self->size = dup_non_empty (fields->size);
  self->colour = dup_non_empty (fields->colour);
  self->material = dup_non_empty (fields->material);
  self->notes = dup_non_empty (fields->notes);
  self->consignor = dup_non_empty (fields->consignor);
  self->state = fields->state;
  self->created_at = fields->created_at;
  self->updated_at = fields->updated_at;
  self->photo_count = fields->photo_count;
  self->cover_path = g_strdup (fields->cover_path);
  self->cover_sha256 = g_strdup (fields->cover_sha256);
  self->grade = dup_non_empty (fields->grade);
  if (fields->list_price_minor > 0 && fields->list_price_currency != NULL)
    {
      self->list_price_minor = fields->list_price_minor;
      self->list_price_currency = g_strdup (fields->list_price_currency);
    }

  return self;
}

ResellItem *
resell_item_copy (ResellItem *self)
{
  ResellItem *copy;

  g_return_val_if_fail (RESELL_IS_ITEM (self), NULL);

  copy = resell_item_new ();
  resell_item_update_from (copy, self);

  return copy;
}

void
resell_item_update_from (ResellItem *self,
                         ResellItem *from)
{
  g_return_if_fail (RESELL_IS_ITEM (self));
  g_return_if_fail (RESELL_IS_ITEM (from));

  if (self == from)
    return;

  /* One batch of notifications, so bindings see a consistent item. */
  g_object_freeze_notify (G_OBJECT (self));

  resell_item_set_id (self, from->id);
  resell_item_set_sku (self, from->sku);
  resell_item_set_category (self, from->category);
  resell_item_set_brand (self, from->brand);
  resell_item_set_model (self, from->model);
  resell_item_set_title (self, from->title);
  resell_item_set_size (self, from->size);
  resell_item_set_colour (self, from->colour);
  resell_item_set_material (self, from->material);
  resell_item_set_notes (self, from->notes);
  resell_item_set_consignor (self, from->consignor);
  resell_item_set_state (self, from->state);
  resell_item_set_created_at (self, from->created_at);
  resell_item_set_updated_at (self, from->updated_at);
  resell_item_set_photo_count (self, from->photo_count);
  resell_item_set_cover_path (self, from->cover_path);
  resell_item_set_cover_sha256 (self, from->cover_sha256);
  resell_item_set_grade (self, from->grade);
  resell_item_set_list_price (self, from->list_price_minor, from->list_price_currency);

  g_object_thaw_notify (G_OBJECT (self));
}

gint64
resell_item_get_id (ResellItem *self)
{
  g_return_val_if_fail (RESELL_IS_ITEM (self), 0);

  return self->id;
}

void
resell_item_set_id (ResellItem *self,
                    gint64      id)
{
  g_return_if_fail (RESELL_IS_ITEM (self));
  g_return_if_fail (id >= 0);

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

#define DEFINE_STRING_ACCESSORS(field, PROP)                                  \
const char *                                                                  \
resell_item_get_##field (ResellItem *self)                                    \
{                                                                             \
  g_return_val_if_fail (RESELL_IS_ITEM (self), NULL);                         \
  return non_null (self->field);                                              \
}                                                                             \
                                                                              \
void                                                                          \
resell_item_set_##field (ResellItem *self,                                    \
                         const char *value)                                   \
{                                                                             \
  g_return_if_fail (RESELL_IS_ITEM (self));                                   \
  item_set_string (self, &self->field, value, TRUE, PROP);                    \
}

DEFINE_STRING_ACCESSORS (sku, PROP_SKU)
DEFINE_STRING_ACCESSORS (category, PROP_CATEGORY)
DEFINE_STRING_ACCESSORS (brand, PROP_BRAND)
DEFINE_STRING_ACCESSORS (model, PROP_MODEL)
DEFINE_STRING_ACCESSORS (title, PROP_TITLE)
DEFINE_STRING_ACCESSORS (size, PROP_SIZE)
DEFINE_STRING_ACCESSORS (colour, PROP_COLOUR)
DEFINE_STRING_ACCESSORS (material, PROP_MATERIAL)
DEFINE_STRING_ACCESSORS (notes, PROP_NOTES)
DEFINE_STRING_ACCESSORS (consignor, PROP_CONSIGNOR)

#undef DEFINE_STRING_ACCESSORS

ResellItemState
resell_item_get_state (ResellItem *self)
{
  g_return_val_if_fail (RESELL_IS_ITEM (self), RESELL_ITEM_STATE_DRAFT);

  return self->state;
}

void
resell_item_set_state (ResellItem      *self,
                       ResellItemState  state)
{
  g_return_if_fail (RESELL_IS_ITEM (self));
  g_return_if_fail (state <= RESELL_ITEM_STATE_SUBMITTED);

  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

gint64
resell_item_get_created_at (ResellItem *self)
{
  g_return_val_if_fail (RESELL_IS_ITEM (self), 0);

  return self->created_at;
}

void
resell_item_set_created_at (ResellItem *self,
                            gint64      usec)
{
  g_return_if_fail (RESELL_IS_ITEM (self));

  if (self->created_at == usec)
    return;

  self->created_at = usec;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_AT]);
}

gint64
resell_item_get_updated_at (ResellItem *self)
{
  g_return_val_if_fail (RESELL_IS_ITEM (self), 0);

  return self->updated_at;
}

void
resell_item_set_updated_at (ResellItem *self,
                            gint64      usec)
{
  g_return_if_fail (RESELL_IS_ITEM (self));

  if (self->updated_at == usec)
    return;

  self->updated_at = usec;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
}

guint
resell_item_get_photo_count (ResellItem *self)
{
  g_return_val_if_fail (RESELL_IS_ITEM (self), 0);

  return self->photo_count;
}

void
resell_item_set_photo_count (ResellItem *self,
                             guint       count)
{
  g_return_if_fail (RESELL_IS_ITEM (self));

  if (self->photo_count == count)
    return;

  self->photo_count = count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHOTO_COUNT]);
}

const char *
resell_item_get_cover_path (ResellItem *self)
{
  g_return_val_if_fail (RESELL_IS_ITEM (self), NULL);

  return self->cover_path;
}

void
resell_item_set_cover_path (ResellItem *self,
                            const char *path)
{
  g_return_if_fail (RESELL_IS_ITEM (self));

  item_set_string (self, &self->cover_path, path, FALSE, PROP_COVER_PATH);
}

const char *
resell_item_get_cover_sha256 (ResellItem *self)
{
  g_return_val_if_fail (RESELL_IS_ITEM (self), NULL);

  return self->cover_sha256;
}

void
resell_item_set_cover_sha256 (ResellItem *self,
                              const char *sha256)
{
  g_return_if_fail (RESELL_IS_ITEM (self));

  item_set_string (self, &self->cover_sha256, sha256, FALSE, PROP_COVER_SHA256);
}

const char *
resell_item_get_grade (ResellItem *self)
{
  g_return_val_if_fail (RESELL_IS_ITEM (self), NULL);

  return self->grade;
}

void
resell_item_set_grade (ResellItem *self,
                       const char *grade)
{
  g_return_if_fail (RESELL_IS_ITEM (self));

  item_set_string (self, &self->grade, grade, TRUE, PROP_GRADE);
}

gboolean
resell_item_get_list_price (ResellItem  *self,
                            gint64      *minor,
                            const char **currency)
{
  g_return_val_if_fail (RESELL_IS_ITEM (self), FALSE);

  if (minor != NULL)
    *minor = self->list_price_minor;
  if (currency != NULL)
    *currency = self->list_price_currency;

  return self->list_price_minor > 0 && self->list_price_currency != NULL;
}

void
resell_item_set_list_price (ResellItem *self,
                            gint64      minor,
                            const char *currency)
{
  g_return_if_fail (RESELL_IS_ITEM (self));
  g_return_if_fail (minor >= 0);

  g_object_freeze_notify (G_OBJECT (self));

  if (self->list_price_minor != minor)
    {
      self->list_price_minor = minor;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIST_PRICE_MINOR]);
    }
  item_set_string (self, &self->list_price_currency, currency, TRUE, PROP_LIST_PRICE_CURRENCY);

  g_object_thaw_notify (G_OBJECT (self));
}

static gboolean
is_blank (const char *str)
{
  if (str == NULL)
    return TRUE;

  for (; *str != '\0'; str = g_utf8_next_char (str))
    {
      if (!g_unichar_isspace (g_utf8_get_char (str)))
        return FALSE;
    }

  return TRUE;
}

char *
resell_item_dup_display_title (ResellItem *self)
{
  g_return_val_if_fail (RESELL_IS_ITEM (self), NULL);

  if (!is_blank (self->title))
    return g_strstrip (g_strdup (self->title));

  if (!is_blank (self->brand) || !is_blank (self->model))
    {
      g_autofree char *brand = g_strstrip (g_strdup (non_null (self->brand)));
      g_autofree char *model = g_strstrip (g_strdup (non_null (self->model)));

      if (brand[0] == '\0')
        return g_steal_pointer (&model);
      if (model[0] == '\0')
        return g_steal_pointer (&brand);

      return g_strdup_printf ("%s %s", brand, model);
    }

  return g_strdup (non_null (self->sku));
}

static gboolean
field_matches (const char *field,
               const char *needle_casefold)
{
  g_autofree char *folded = NULL;

  if (field == NULL)
    return FALSE;

  folded = g_utf8_casefold (field, -1);

  return strstr (folded, needle_casefold) != NULL;
}

gboolean
resell_item_matches (ResellItem *self,
                     const char *needle_casefold)
{
  g_return_val_if_fail (RESELL_IS_ITEM (self), FALSE);

  if (needle_casefold == NULL || needle_casefold[0] == '\0')
    return TRUE;

  return field_matches (self->title, needle_casefold) ||
         field_matches (self->brand, needle_casefold) ||
         field_matches (self->model, needle_casefold) ||
         field_matches (self->sku, needle_casefold) ||
         field_matches (self->notes, needle_casefold) ||
         field_matches (self->consignor, needle_casefold) ||
         field_matches (self->colour, needle_casefold) ||
         field_matches (self->material, needle_casefold) ||
         field_matches (self->size, needle_casefold);
}
