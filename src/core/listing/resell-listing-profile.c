/* resell-listing-profile.c — how a marketplace wants its photos
 *
 * A profile is one flat JSON object (data/profiles/<id>.json):
 *
 *   { "version": 1, "id": "ebay", "name": "eBay", "long_edge": 1600,
 *     "square": true, "margin": 0.06, "quality": 88, "min_quality": 70,
 *     "max_bytes": 2000000, "max_photos": 24, "min_long_edge": 500,
 *     "max_megapixels": 100 }
 *
 * Every key above is required and no other is accepted, so a typo never
 * silently falls back to a default.  Two keys came later and are optional,
 * so files written before them keep loading unchanged: "format" ("jpeg",
 * the default, or "webp") and "internal" (false by default).  Errors read
 * "<source>:<line>: <what is wrong>", like the category loader's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-listing-profile"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "listing/resell-listing-profile.h"
#include "resell-json-private.h"

#define FORMAT_VERSION 1
#define BUILTIN_RESOURCE_PATH "/com/example/Resell/profiles/"

struct _ResellListingProfile
{
  GObject  parent_instance;

  char    *id;
  char    *name;
  char    *digest;
  int      long_edge;
  gboolean square;
  double   margin;
  int      quality;
  int      min_quality;
  gint64   max_bytes;
  int      max_photos;
  int      min_long_edge;
  double   max_megapixels;
  ResellListingFormat format;
  gboolean internal;
};

G_DEFINE_FINAL_TYPE (ResellListingProfile, resell_listing_profile, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (ResellListingFormat, resell_listing_format,
  G_DEFINE_ENUM_VALUE (RESELL_LISTING_FORMAT_JPEG, "jpeg"),
  G_DEFINE_ENUM_VALUE (RESELL_LISTING_FORMAT_WEBP, "webp"))

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_LONG_EDGE,
  PROP_SQUARE,
  PROP_MARGIN,
  PROP_QUALITY,
  PROP_MIN_QUALITY,
  PROP_MAX_BYTES,
  PROP_MAX_PHOTOS,
  PROP_MIN_LONG_EDGE,
  PROP_MAX_MEGAPIXELS,
  PROP_FORMAT,
  PROP_INTERNAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
resell_listing_profile_finalize (GObject *object)
{
  ResellListingProfile *self = (ResellListingProfile *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->digest, g_free);

  G_OBJECT_CLASS (resell_listing_profile_parent_class)->finalize (object);
}

static void
resell_listing_profile_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  ResellListingProfile *self = RESELL_LISTING_PROFILE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_LONG_EDGE:
      g_value_set_int (value, self->long_edge);
      break;

    case PROP_SQUARE:
      g_value_set_boolean (value, self->square);
      break;

    case PROP_MARGIN:
      g_value_set_double (value, self->margin);
      break;

    case PROP_QUALITY:
      g_value_set_int (value, self->quality);
      break;

    case PROP_MIN_QUALITY:
      g_value_set_int (value, self->min_quality);
      break;

    case PROP_MAX_BYTES:
      g_value_set_int64 (value, self->max_bytes);
      break;

    case PROP_MAX_PHOTOS:
      g_value_set_int (value, self->max_photos);
      break;

    case PROP_MIN_LONG_EDGE:
      g_value_set_int (value, self->min_long_edge);
      break;

    case PROP_MAX_MEGAPIXELS:
      g_value_set_double (value, self->max_megapixels);
      break;

    case PROP_FORMAT:
      g_value_set_enum (value, self->format);
      break;

    case PROP_INTERNAL:
      g_value_set_boolean (value, self->internal);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_listing_profile_class_init (ResellListingProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = resell_listing_profile_finalize;
  object_class->get_property = resell_listing_profile_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_LONG_EDGE] =
    g_param_spec_int ("long-edge", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_SQUARE] =
    g_param_spec_boolean ("square", NULL, NULL, FALSE, flags);
  properties[PROP_MARGIN] =
    g_param_spec_double ("margin", NULL, NULL, 0.0, 1.0, 0.0, flags);
  properties[PROP_QUALITY] =
    g_param_spec_int ("quality", NULL, NULL, 0, 100, 0, flags);
  properties[PROP_MIN_QUALITY] =
    g_param_spec_int ("min-quality", NULL, NULL, 0, 100, 0, flags);
  properties[PROP_MAX_BYTES] =
    g_param_spec_int64 ("max-bytes", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_MAX_PHOTOS] =
    g_param_spec_int ("max-photos", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_MIN_LONG_EDGE] =
    g_param_spec_int ("min-long-edge", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_MAX_MEGAPIXELS] =
    g_param_spec_double ("max-megapixels", NULL, NULL, 0.0, G_MAXDOUBLE, 0.0, flags);
  properties[PROP_FORMAT] =
    g_param_spec_enum ("format", NULL, NULL,
                       RESELL_TYPE_LISTING_FORMAT, RESELL_LISTING_FORMAT_JPEG, flags);
  properties[PROP_INTERNAL] =
    g_param_spec_boolean ("internal", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
resell_listing_profile_init (ResellListingProfile *self)
{
}

const char *
resell_listing_profile_get_id (ResellListingProfile *self)
{
  g_return_val_if_fail (RESELL_IS_LISTING_PROFILE (self), NULL);
  return self->id;
}

const char *
resell_listing_profile_get_name (ResellListingProfile *self)
{
  g_return_val_if_fail (RESELL_IS_LISTING_PROFILE (self), NULL);
  return self->name;
}

int
resell_listing_profile_get_long_edge (ResellListingProfile *self)
{
  g_return_val_if_fail (RESELL_IS_LISTING_PROFILE (self), 0);
  return self->long_edge;
}

gboolean
resell_listing_profile_get_square (ResellListingProfile *self)
{
  g_return_val_if_fail (RESELL_IS_LISTING_PROFILE (self), FALSE);
  return self->square;
}

double
resell_listing_profile_get_margin (ResellListingProfile *self)
{
  g_return_val_if_fail (RESELL_IS_LISTING_PROFILE (self), 0.0);
  return self->margin;
}

int
resell_listing_profile_get_quality (ResellListingProfile *self)
{
  g_return_val_if_fail (RESELL_IS_LISTING_PROFILE (self), 0);
  return self->quality;
}

int
resell_listing_profile_get_min_quality (ResellListingProfile *self)
{
  g_return_val_if_fail (RESELL_IS_LISTING_PROFILE (self), 0);
  return self->min_quality;
}

gint64
resell_listing_profile_get_max_bytes (ResellListingProfile *self)
{
  g_return_val_if_fail (RESELL_IS_LISTING_PROFILE (self), 0);
  return self->max_bytes;
}

int
resell_listing_profile_get_max_photos (ResellListingProfile *self)
{
  g_return_val_if_fail (RESELL_IS_LISTING_PROFILE (self), 0);
  return self->max_photos;
}

int
resell_listing_profile_get_min_long_edge (ResellListingProfile *self)
{
  g_return_val_if_fail (RESELL_IS_LISTING_PROFILE (self), 0);
  return self->min_long_edge;
}

double
resell_listing_profile_get_max_megapixels (ResellListingProfile *self)
{
  g_return_val_if_fail (RESELL_IS_LISTING_PROFILE (self), 0.0);
  return self->max_megapixels;
}

const char *
resell_listing_profile_get_digest (ResellListingProfile *self)
{
  g_return_val_if_fail (RESELL_IS_LISTING_PROFILE (self), NULL);
  return self->digest;
}

ResellListingFormat
resell_listing_profile_get_format (ResellListingProfile *self)
{
  g_return_val_if_fail (RESELL_IS_LISTING_PROFILE (self), RESELL_LISTING_FORMAT_JPEG);
  return self->format;
}

const char *
resell_listing_profile_get_extension (ResellListingProfile *self)
{
  g_return_val_if_fail (RESELL_IS_LISTING_PROFILE (self), NULL);
  return self->format == RESELL_LISTING_FORMAT_WEBP ? "webp" : "jpg";
}

const char *
resell_listing_profile_get_mime_type (ResellListingProfile *self)
{
  g_return_val_if_fail (RESELL_IS_LISTING_PROFILE (self), NULL);
  return self->format == RESELL_LISTING_FORMAT_WEBP ? "image/webp" : "image/jpeg";
}

gboolean
resell_listing_profile_get_internal (ResellListingProfile *self)
{
  g_return_val_if_fail (RESELL_IS_LISTING_PROFILE (self), FALSE);
  return self->internal;
}

char *
resell_listing_profile_dup_summary (ResellListingProfile *self)
{
  g_autofree char *photos = NULL;
  const char *format;

  g_return_val_if_fail (RESELL_IS_LISTING_PROFILE (self), NULL);

  /* Names of file formats, the same in every language. */
  format = self->format == RESELL_LISTING_FORMAT_WEBP ? "WebP" : "JPEG";

  /* TRANSLATORS: the end of a photo profile's summary, as in "1600 px
   * square JPEG, up to 24 photos" */
  photos = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "up to %d photo", "up to %d photos",
                                         self->max_photos),
                            self->max_photos);

  if (self->square)
    {
      /* TRANSLATORS: a photo profile's summary, "1600 px square JPEG, up
       * to 24 photos": pixels of a side, then "JPEG" or "WebP", then "up
       * to 24 photos" */
      return g_strdup_printf (_("%d px square %s, %s"), self->long_edge, format, photos);
    }

  /* TRANSLATORS: a photo profile's summary, "2048 px WebP, up to 50
   * photos": pixels of the longer side, then "JPEG" or "WebP", then "up to
   * 50 photos" */
  return g_strdup_printf (_("%d px %s, %s"), self->long_edge, format, photos);
}

/* ------------------------------------------------------------------------
 * Loading
 * ------------------------------------------------------------------------ */

typedef struct
{
  const char *source;
  JsonParser *parser;
  guint       depth;           /* of objects, while parsing */
  guint       root_line;
  GHashTable *member_lines;    /* root member → line, as GUINT_TO_POINTER */
  char       *duplicate_key;
  guint       duplicate_line;
} Loader;

static void
loader_clear (Loader *loader)
{
  g_clear_pointer (&loader->member_lines, g_hash_table_unref);
  g_clear_pointer (&loader->duplicate_key, g_free);
  g_clear_object (&loader->parser);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Loader, loader_clear)

static void
on_object_start (JsonParser *parser,
                 Loader     *loader)
{
  if (loader->depth++ == 0)
    loader->root_line = json_parser_get_current_line (parser);
}

static void
on_object_end (JsonParser *parser,
               JsonObject *object,
               Loader     *loader)
{
  if (loader->depth > 0)
    loader->depth--;
}

/* Members are reported once their value is parsed: the line is close
 * enough (it is exact for the scalars a profile holds). */
static void
on_object_member (JsonParser *parser,
                  JsonObject *object,
                  const char *member_name,
                  Loader     *loader)
{
  guint line = json_parser_get_current_line (parser);

  if (loader->depth != 1)
    return;

  resell_json_note_member (loader->member_lines, member_name, line,
                           &loader->duplicate_key, &loader->duplicate_line);
}

static void
loader_init (Loader     *loader,
             const char *source)
{
  loader->source = source;
  loader->parser = json_parser_new ();
  loader->member_lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  loader->root_line = 1;

  g_signal_connect (loader->parser, "object-start", G_CALLBACK (on_object_start), loader);
  g_signal_connect (loader->parser, "object-end", G_CALLBACK (on_object_end), loader);
  g_signal_connect (loader->parser, "object-member", G_CALLBACK (on_object_member), loader);
}

static guint
member_line (Loader     *loader,
             const char *member)
{
  gpointer line;

  if (member != NULL &&
      g_hash_table_lookup_extended (loader->member_lines, member, NULL, &line))
    return GPOINTER_TO_UINT (line);

  return loader->root_line;
}

G_GNUC_PRINTF (4, 5)
static gboolean
invalid (GError     **error,
         Loader      *loader,
         const char  *member,
         const char  *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               "%s:%u: %s", loader->source, member_line (loader, member), message);

  return FALSE;
}

static gboolean
check_members (Loader      *loader,
               JsonObject  *root,
               GError     **error)
{
  static const char * const allowed[] = {
    "version", "id", "name", "long_edge", "square", "margin", "quality",
    "min_quality", "max_bytes", "max_photos", "min_long_edge", "max_megapixels",
    "format", "internal", NULL
  };
  g_autoptr(GList) members = json_object_get_members (root);

  for (const GList *l = members; l; l = l->next)
    {
      if (!g_strv_contains (allowed, l->data))
        {
          g_autofree char *expected = g_strjoinv (", ", (char **)allowed);

          /* TRANSLATORS: the first %s is a key in the file, the second
           * lists the keys allowed. */
          return invalid (error, loader, l->data,
                          _("unknown key “%s” in the photo profile (expected one of: %s)"),
                          (const char *)l->data, expected);
        }
    }

  return TRUE;
}

static gboolean
check_required (Loader      *loader,
                JsonObject  *root,
                GError     **error)
{
  static const char * const required[] = {
    "id", "name", "long_edge", "square", "margin", "quality", "min_quality",
    "max_bytes", "max_photos", "min_long_edge", "max_megapixels", NULL
  };

  for (guint i = 0; required[i] != NULL; i++)
    {
      if (!json_object_has_member (root, required[i]))
        return invalid (error, loader, NULL,
                        _("the photo profile has no “%s”"), required[i]);
    }

  return TRUE;
}

static gboolean
is_valid_id (const char *id)
{
  if (id[0] == '\0' || strlen (id) > 64)
    return FALSE;

  for (const char *p = id; *p; p++)
    {
      if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
        return FALSE;
    }

  return TRUE;
}

static gboolean
get_string (Loader       *loader,
            JsonObject   *root,
            const char   *member,
            const char  **out,
            GError      **error)
{
  JsonNode *node = json_object_get_member (root, member);
  const char *value;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return invalid (error, loader, member, _("“%s” must be text in quotes"), member);

  value = json_node_get_string (node);
  if (value[0] == '\0')
    return invalid (error, loader, member, _("“%s” is empty"), member);

  *out = value;

  return TRUE;
}

static gboolean
get_boolean (Loader      *loader,
             JsonObject  *root,
             const char  *member,
             gboolean    *out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (root, member);

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return invalid (error, loader, member, _("“%s” must be true or false"), member);

  *out = json_node_get_boolean (node);

  return TRUE;
}

/* A whole number within [min, max]. */
static gboolean
get_integer (Loader      *loader,
             JsonObject  *root,
             const char  *member,
             gint64       min,
             gint64       max,
             gint64      *out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (root, member);
  gint64 value;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return invalid (error, loader, member, _("“%s” must be a whole number"), member);

  value = json_node_get_int (node);

  if (value < min || value > max)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);
      g_autofree char *min_text = g_strdup_printf ("%" G_GINT64_FORMAT, min);
      g_autofree char *max_text = g_strdup_printf ("%" G_GINT64_FORMAT, max);

      /* TRANSLATORS: "“quality” is 120; it must be between 1 and 100" */
      return invalid (error, loader, member, _("“%s” is %s; it must be between %s and %s"),
                      member, text, min_text, max_text);
    }

  *out = value;

  return TRUE;
}

/* A number (whole or not) within [min, max]. */
static gboolean
get_double (Loader      *loader,
            JsonObject  *root,
            const char  *member,
            double       min,
            double       max,
            double      *out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (root, member);
  double value;
  GType type;

  type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    return invalid (error, loader, member, _("“%s” must be a number"), member);

  value = json_node_get_double (node);

  if (!isfinite (value) || value < min || value > max)
    {
      char text[G_ASCII_DTOSTR_BUF_SIZE];
      char min_text[G_ASCII_DTOSTR_BUF_SIZE];
      char max_text[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (text, sizeof text, "%g", value);
      g_ascii_formatd (min_text, sizeof min_text, "%g", min);
      g_ascii_formatd (max_text, sizeof max_text, "%g", max);

      return invalid (error, loader, member, _("“%s” is %s; it must be between %s and %s"),
                      member, text, min_text, max_text);
    }

  *out = value;

  return TRUE;
}

/* "format": absent means JPEG, the only format before the key existed. */
static gboolean
get_format (Loader               *loader,
            JsonObject           *root,
            ResellListingFormat  *out,
            GError              **error)
{
  const char *value;

  if (!json_object_has_member (root, "format"))
    {
      *out = RESELL_LISTING_FORMAT_JPEG;
      return TRUE;
    }

  if (!get_string (loader, root, "format", &value, error))
    return FALSE;

  if (g_str_equal (value, "jpeg"))
    *out = RESELL_LISTING_FORMAT_JPEG;
  else if (g_str_equal (value, "webp"))
    *out = RESELL_LISTING_FORMAT_WEBP;
  else
    {
      /* TRANSLATORS: "“format” is “png”; it must be “jpeg” or “webp”"; the
       * key and the two values are as written in the file, not translated */
      return invalid (error, loader, "format",
                      _("“%s” is “%s”; it must be “%s” or “%s”"),
                      "format", value, "jpeg", "webp");
    }

  return TRUE;
}

/* Every setting but the display name and "internal", in a fixed order and
 * a fixed number format (never the locale's), hashed: the same settings
 * give the same digest on every machine and in every language.  The format
 * is appended only when it is not JPEG, so the digests of profiles from
 * before the key existed, and the images cached under them, stay valid.
 * "internal" only decides where the profile is offered, never a byte of an
 * image: a change to it must not throw the cache away. */
static char *
compute_digest (ResellListingProfile *self)
{
  char margin[G_ASCII_DTOSTR_BUF_SIZE];
  char megapixels[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *canonical = NULL;
  g_autofree char *sha = NULL;

  g_ascii_formatd (margin, sizeof margin, "%.6f", self->margin);
  g_ascii_formatd (megapixels, sizeof megapixels, "%.3f", self->max_megapixels);

  canonical = g_strdup_printf ("profile-v%d|%s|%d|%d|%s|%d|%d|%" G_GINT64_FORMAT "|%d|%d|%s",
                               FORMAT_VERSION, self->id, self->long_edge, self->square ? 1 : 0,
                               margin, self->quality, self->min_quality, self->max_bytes,
                               self->max_photos, self->min_long_edge, megapixels);
  if (self->format == RESELL_LISTING_FORMAT_WEBP)
    {
      g_autofree char *jpeg_canonical = g_steal_pointer (&canonical);

      canonical = g_strconcat (jpeg_canonical, "|webp", NULL);
    }
  sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, canonical, -1);

  return g_strndup (sha, 16);
}

static gboolean
load_root (ResellListingProfile  *self,
           Loader                *loader,
           JsonObject            *root,
           GError               **error)
{
  const char *id, *name;
  gint64 version = 0, long_edge = 0, quality = 0, min_quality = 0, max_bytes = 0;
  gint64 max_photos = 0, min_long_edge = 0;
  gboolean square = FALSE, internal = FALSE;
  double margin = 0.0, max_megapixels = 0.0;
  ResellListingFormat format = RESELL_LISTING_FORMAT_JPEG;

  /* An unknown key first (a typo explains the rest), then the version
   * (a newer file may have other keys), then what is missing. */
  if (!check_members (loader, root, error))
    return FALSE;

  if (!json_object_has_member (root, "version"))
    return invalid (error, loader, NULL, _("the photo profile has no “%s”"), "version");

  if (!get_integer (loader, root, "version", G_MININT64, G_MAXINT64, &version, error))
    return FALSE;

  if (version != FORMAT_VERSION)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, version);

      return invalid (error, loader, "version",
                      _("version %s is not supported; this version of Resell reads photo profiles of version %d"),
                      text, FORMAT_VERSION);
    }

  if (!check_required (loader, root, error) ||
      !get_string (loader, root, "id", &id, error) ||
      !get_string (loader, root, "name", &name, error))
    return FALSE;

  if (!is_valid_id (id))
    return invalid (error, loader, "id",
                    _("“%s” is not a valid id: use lowercase letters a–z, digits and “-”"), id);

  /* The limits keep the renderer's arithmetic and memory sane: no listing
   * needs a 10,000 px photo, and a 1 px one is a mistake. */
  if (!get_integer (loader, root, "long_edge", 64, 10000, &long_edge, error) ||
      !get_boolean (loader, root, "square", &square, error) ||
      !get_double (loader, root, "margin", 0.0, 0.25, &margin, error) ||
      !get_integer (loader, root, "quality", 10, 100, &quality, error) ||
      !get_integer (loader, root, "min_quality", 10, quality, &min_quality, error) ||
      !get_integer (loader, root, "max_bytes", 0, G_GINT64_CONSTANT (1) << 32, &max_bytes, error) ||
      !get_integer (loader, root, "max_photos", 1, 1000, &max_photos, error) ||
      !get_integer (loader, root, "min_long_edge", 1, long_edge, &min_long_edge, error) ||
      !get_double (loader, root, "max_megapixels", 1.0, 1000.0, &max_megapixels, error) ||
      !get_format (loader, root, &format, error))
    return FALSE;

  if (json_object_has_member (root, "internal") &&
      !get_boolean (loader, root, "internal", &internal, error))
    return FALSE;

  /* 0 means no cap; a cap a JPEG cannot meet at all is a mistake. */
  if (max_bytes > 0 && max_bytes < 10000)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, max_bytes);

      return invalid (error, loader, "max_bytes",
                      _("“max_bytes” is %s; it must be 0 (no limit) or at least 10000"), text);
    }

  self->id = g_strdup (id);
  self->name = g_strdup (name);
  self->long_edge = long_edge;
  self->square = square;
  self->margin = margin;
  self->quality = quality;
  self->min_quality = min_quality;
  self->max_bytes = max_bytes;
  self->max_photos = max_photos;
  self->min_long_edge = min_long_edge;
  self->max_megapixels = max_megapixels;
  self->format = format;
  self->internal = internal;
  self->digest = compute_digest (self);

  return TRUE;
}

ResellListingProfile *
resell_listing_profile_new_from_data (const char  *source_name,
                                      const char  *data,
                                      gssize       length,
                                      GError     **error)
{
  g_auto(Loader) loader = { 0 };
  g_autoptr(ResellListingProfile) self = NULL;
  g_autoptr(GError) json_error = NULL;
  JsonNode *root;

  g_return_val_if_fail (source_name != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (data == NULL)
    data = "";
  if (length < 0)
    length = strlen (data);

  loader_init (&loader, source_name);

  if (!g_utf8_validate (data, length, NULL))
    {
      invalid (error, &loader, NULL, "%s", _("the file is not UTF-8 text"));
      return NULL;
    }

  if (!json_parser_load_from_data (loader.parser, data, length, &json_error))
    {
      resell_json_set_syntax_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                    source_name, json_error);
      return NULL;
    }

  if (loader.duplicate_key != NULL)
    {
      g_autofree char *message = NULL;

      /* json-glib keeps the last of two equal keys without a word. */
      message = g_strdup_printf (_("“%s” is given twice"), loader.duplicate_key);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s:%u: %s", source_name, loader.duplicate_line, message);
      return NULL;
    }

  root = json_parser_get_root (loader.parser);

  if (root == NULL)
    {
      invalid (error, &loader, NULL, "%s", _("the file is empty"));
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      invalid (error, &loader, NULL, "%s", _("the file must contain one object in curly braces"));
      return NULL;
    }

  self = g_object_new (RESELL_TYPE_LISTING_PROFILE, NULL);

  if (!load_root (self, &loader, json_node_get_object (root), error))
    return NULL;

  return g_steal_pointer (&self);
}

ResellListingProfile *
resell_listing_profile_load_builtin (const char  *id,
                                     GError     **error)
{
  g_autoptr(ResellListingProfile) self = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = NULL;
  g_autofree char *uri = NULL;
  const char *data;
  gsize length;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The id becomes part of a resource path: nothing but an id gets in. */
  if (!is_valid_id (id) ||
      !(path = g_strconcat (BUILTIN_RESOURCE_PATH, id, ".json", NULL)) ||
      !(bytes = g_resources_lookup_data (path, 0, NULL)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("There is no built-in photo profile “%s”."), id);
      return NULL;
    }

  uri = g_strconcat ("resource://", path, NULL);
  data = g_bytes_get_data (bytes, &length);

  if (!(self = resell_listing_profile_new_from_data (uri, data, length, error)))
    return NULL;

  if (!g_str_equal (self->id, id))
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("the id is “%s”, not “%s” as the file name says"),
                                 self->id, id);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s:1: %s", uri, message);
      return NULL;
    }

  return g_steal_pointer (&self);
}

/* eBay first: it is the marketplace Resell is made around and the default
 * everywhere; the others by their names as people read them. */
static int
compare_for_choosing (gconstpointer a,
                      gconstpointer b)
{
  ResellListingProfile *pa = *(ResellListingProfile **)a;
  ResellListingProfile *pb = *(ResellListingProfile **)b;
  gboolean a_ebay = g_str_equal (pa->id, "ebay");
  gboolean b_ebay = g_str_equal (pb->id, "ebay");
  int order;

  if (a_ebay != b_ebay)
    return a_ebay ? -1 : 1;

  order = g_utf8_collate (pa->name, pb->name);
  if (order != 0)
    return order;

  /* Two equal names still list in the same order every time. */
  return strcmp (pa->id, pb->id);
}

GPtrArray *
resell_listing_profile_list_builtin (GError **error)
{
  g_autoptr(GPtrArray) profiles = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(GStrv) names = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The folder is compiled into the core: it can only be missing from a
   * broken build, which then simply has no profile to offer. */
  names = g_resources_enumerate_children (BUILTIN_RESOURCE_PATH, 0, NULL);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autoptr(ResellListingProfile) profile = NULL;
      g_autofree char *id = NULL;

      if (!g_str_has_suffix (names[i], ".json"))
        continue;

      id = g_strndup (names[i], strlen (names[i]) - strlen (".json"));
      profile = resell_listing_profile_load_builtin (id, error);
      if (profile == NULL)
        return NULL;

      if (!profile->internal)
        g_ptr_array_add (profiles, g_steal_pointer (&profile));
    }

  g_ptr_array_sort (profiles, compare_for_choosing);

  return g_steal_pointer (&profiles);
}
