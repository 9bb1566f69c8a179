/* resell-shot-check.c — is this shot usable?
 *
 * One reduced decode of the photo (a 24 MP JPEG is decoded at 1/4 scale by
 * libjpeg itself), kept in memory and handed to the caller as soon as it
 * is made (the importer makes the thumbnail from it meanwhile), then
 * turned into luma, brought to MEASURE_SIZE on its long edge, and measured
 * in one pass over plain memory:
 *
 *   sharpness   variance of the Laplacian's second differences (along x,
 *               y and both diagonals), per tile, divided by the variance of
 *               the tile's luma: the share of the tile's contrast in the
 *               finest detail, so a cream bag on white and a black one are
 *               judged alike.  Per direction the mean of the sharpest fifth
 *               of the tiles that hold something (the item, not the smooth
 *               backdrop); the least sharp direction is the score, because
 *               camera shake smears one direction and leaves the other.
 *               The plain Laplacian variance could not separate a sharp
 *               low-contrast item from a blurred high-contrast one (see
 *               docs/checks.md)
 *   exposure    fractions of the frame at the top and bottom of the range
 *   backdrop    L* of blocks along the outer band of the frame: median
 *               (level) and the spread between the 10th and 90th
 *               percentile blocks (evenness)
 *   resolution  from the header: the size the file really has
 *
 * Measuring at a fixed size makes the numbers comparable across cameras:
 * the Laplacian of the same scene is far stronger at 6000 px than at
 * 1600 px.  The thresholds and how they were calibrated are in
 * docs/checks.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-shot-check"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <vips/vips.h>

#include "resell-core.h"
#include "imaging/resell-image-probe-private.h"
#include "imaging/resell-shot-check-private.h"

/* Long edge, in pixels, of the image every measure is taken on.  About the
 * listing's 1600 px, where softness shows; and exactly 1/4 of a 24 MP
 * sensor's 6000 px, so libjpeg's own 1/4 scaling does all the work. */
#define MEASURE_SIZE 1500

/* The decode is kept in memory, for the measures and for whoever the
 * check hands it to (the thumbnail), up to this size: a JPEG's reduced
 * decode is a few MB (1500 × 1000 × 3 for 24 MP), a 16 MP PNG 48 MB; a
 * larger one streams into the luma as before and is not shared. */
#define SHARED_DECODE_MAX_BYTES ((size_t)48 * 1024 * 1024)

/* Tiles the sharpness is measured in (long edge / TILES_ALONG_LONG_EDGE). */
#define TILES_ALONG_LONG_EDGE 30

/* A frame whose most detailed tile has a luma standard deviation below this
 * holds nothing: a backdrop, a lens cap.  Not "blurred" but empty. */
#define EMPTY_TILE_STDDEV 3.0

/* Tiles whose luma varies less than this (standard deviation, 0–255) are
 * smooth backdrop or shadow, left out of the sharpness. */
#define CONTENT_TILE_STDDEV 8.0

/* The share of the tiles with content that the sharpness is taken from. */
#define SHARPEST_FRACTION 0.2

/* Luma (0–255) from which a pixel counts as clipped white, and up to which
 * as clipped black.  On the reduced image sensor noise is averaged away, so
 * a white backdrop exposed at up to ~250 stays below 252 while one blown
 * to 255 in the camera stays at 255. */
#define HIGHLIGHT_LEVEL 252.0
#define SHADOW_LEVEL 5.0

/* Fractions of the frame that may be clipped: a few specular highlights
 * on hardware or a black strap's darkest folds are fine. */
#define HIGHLIGHTS_MAX 0.02
#define SHADOWS_MAX 0.05

/* The border band is this fraction of each side. */
#define BAND_FRACTION 0.08

/* Blocks along the top and bottom bands, and along each side band between
 * them. */
#define BAND_BLOCKS_ACROSS 10
#define BAND_BLOCKS_DOWN 6

/* L* (0–100).  The listing pipeline whitens backdrops from luma 200
 * (L* 80.6) up; below 82 the backdrop shows grey in the listing. */
#define BACKDROP_LEVEL_MIN 82.0

/* L* spread between the 10th and 90th percentile blocks: a falloff from
 * one light, a shadow across the sweep. */
#define BACKDROP_UNEVENNESS_MAX 10.0

/* The version of the JSON written by resell_shot_report_to_json(). */
#define REPORT_JSON_VERSION 1

/* Why a shot failed, as stored in the JSON: the sentences are made again
 * when a report is loaded, in the language of the day. */
#define PROBLEM_UNREADABLE         "unreadable"
#define PROBLEM_TOO_LARGE          "too-large"
#define PROBLEM_NOTHING_IN_FOCUS   "nothing-in-focus"
#define PROBLEM_BLURRED            "blurred"
#define PROBLEM_HIGHLIGHTS_CLIPPED "highlights-clipped"
#define PROBLEM_SHADOWS_CLIPPED    "shadows-clipped"
#define PROBLEM_BACKDROP_DARK      "backdrop-dark"
#define PROBLEM_BACKDROP_UNEVEN    "backdrop-uneven"
#define PROBLEM_TOO_SMALL          "too-small"

struct _ResellShotReport
{
  GObject    parent_instance;

  double     sharpness;
  double     highlights_clipped;
  double     shadows_clipped;
  double     backdrop_level;
  double     backdrop_unevenness;
  int        width;
  int        height;

  guint      passed : 1;
  guint      readable : 1;
  guint      sharp : 1;
  guint      exposure_ok : 1;
  guint      backdrop_checked : 1;
  guint      backdrop_ok : 1;
  guint      resolution_ok : 1;

  GPtrArray *problem_ids;   /* NULL-terminated, static strings */
  GStrv      problems;      /* the sentences, made from problem_ids */
};

G_DEFINE_FINAL_TYPE (ResellShotReport, resell_shot_report, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PASSED,
  PROP_READABLE,
  PROP_SHARPNESS,
  PROP_SHARP,
  PROP_HIGHLIGHTS_CLIPPED,
  PROP_SHADOWS_CLIPPED,
  PROP_EXPOSURE_OK,
  PROP_BACKDROP_CHECKED,
  PROP_BACKDROP_LEVEL,
  PROP_BACKDROP_UNEVENNESS,
  PROP_BACKDROP_OK,
  PROP_WIDTH,
  PROP_HEIGHT,
  PROP_RESOLUTION_OK,
  PROP_PROBLEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const known_problems[] = {
  PROBLEM_UNREADABLE,
  PROBLEM_TOO_LARGE,
  PROBLEM_NOTHING_IN_FOCUS,
  PROBLEM_BLURRED,
  PROBLEM_HIGHLIGHTS_CLIPPED,
  PROBLEM_SHADOWS_CLIPPED,
  PROBLEM_BACKDROP_DARK,
  PROBLEM_BACKDROP_UNEVEN,
  PROBLEM_TOO_SMALL,
};

static void
resell_shot_report_finalize (GObject *object)
{
  ResellShotReport *self = (ResellShotReport *)object;

  g_clear_pointer (&self->problem_ids, g_ptr_array_unref);
  g_clear_pointer (&self->problems, g_strfreev);

  G_OBJECT_CLASS (resell_shot_report_parent_class)->finalize (object);
}

static void
resell_shot_report_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ResellShotReport *self = RESELL_SHOT_REPORT (object);

  switch (prop_id)
    {
    case PROP_PASSED:
      g_value_set_boolean (value, self->passed);
      break;

    case PROP_READABLE:
      g_value_set_boolean (value, self->readable);
      break;

    case PROP_SHARPNESS:
      g_value_set_double (value, self->sharpness);
      break;

    case PROP_SHARP:
      g_value_set_boolean (value, self->sharp);
      break;

    case PROP_HIGHLIGHTS_CLIPPED:
      g_value_set_double (value, self->highlights_clipped);
      break;

    case PROP_SHADOWS_CLIPPED:
      g_value_set_double (value, self->shadows_clipped);
      break;

    case PROP_EXPOSURE_OK:
      g_value_set_boolean (value, self->exposure_ok);
      break;

    case PROP_BACKDROP_CHECKED:
      g_value_set_boolean (value, self->backdrop_checked);
      break;

    case PROP_BACKDROP_LEVEL:
      g_value_set_double (value, self->backdrop_level);
      break;

    case PROP_BACKDROP_UNEVENNESS:
      g_value_set_double (value, self->backdrop_unevenness);
      break;

    case PROP_BACKDROP_OK:
      g_value_set_boolean (value, self->backdrop_ok);
      break;

    case PROP_WIDTH:
      g_value_set_int (value, self->width);
      break;

    case PROP_HEIGHT:
      g_value_set_int (value, self->height);
      break;

    case PROP_RESOLUTION_OK:
      g_value_set_boolean (value, self->resolution_ok);
      break;

    case PROP_PROBLEMS:
      g_value_set_boxed (value, self->problems);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
boolean_property (const char *name)
{
  return g_param_spec_boolean (name, NULL, NULL, FALSE,
                               (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
}

static GParamSpec *
double_property (const char *name,
                 double      maximum)
{
  return g_param_spec_double (name, NULL, NULL, 0.0, maximum, 0.0,
                              (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
}

static GParamSpec *
int_property (const char *name)
{
  return g_param_spec_int (name, NULL, NULL, 0, G_MAXINT, 0,
                           (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
}

static void
resell_shot_report_class_init (ResellShotReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = resell_shot_report_finalize;
  object_class->get_property = resell_shot_report_get_property;

  /* The names are literals, so G_PARAM_STATIC_STRINGS holds. */
  properties[PROP_PASSED] = boolean_property ("passed");
  properties[PROP_READABLE] = boolean_property ("readable");
  properties[PROP_SHARPNESS] = double_property ("sharpness", G_MAXDOUBLE);
  properties[PROP_SHARP] = boolean_property ("sharp");
  properties[PROP_HIGHLIGHTS_CLIPPED] = double_property ("highlights-clipped", 1.0);
  properties[PROP_SHADOWS_CLIPPED] = double_property ("shadows-clipped", 1.0);
  properties[PROP_EXPOSURE_OK] = boolean_property ("exposure-ok");
  properties[PROP_BACKDROP_CHECKED] = boolean_property ("backdrop-checked");
  properties[PROP_BACKDROP_LEVEL] = double_property ("backdrop-level", 100.0);
  properties[PROP_BACKDROP_UNEVENNESS] = double_property ("backdrop-unevenness", 100.0);
  properties[PROP_BACKDROP_OK] = boolean_property ("backdrop-ok");
  properties[PROP_WIDTH] = int_property ("width");
  properties[PROP_HEIGHT] = int_property ("height");
  properties[PROP_RESOLUTION_OK] = boolean_property ("resolution-ok");
  properties[PROP_PROBLEMS] =
    g_param_spec_boxed ("problems", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
resell_shot_report_init (ResellShotReport *self)
{
  self->problem_ids = g_ptr_array_new ();
  self->backdrop_ok = TRUE;
}

gboolean
resell_shot_report_get_passed (ResellShotReport *self)
{
  g_return_val_if_fail (RESELL_IS_SHOT_REPORT (self), FALSE);

  return self->passed;
}

gboolean
resell_shot_report_get_readable (ResellShotReport *self)
{
  g_return_val_if_fail (RESELL_IS_SHOT_REPORT (self), FALSE);

  return self->readable;
}

double
resell_shot_report_get_sharpness (ResellShotReport *self)
{
  g_return_val_if_fail (RESELL_IS_SHOT_REPORT (self), 0.0);

  return self->sharpness;
}

gboolean
resell_shot_report_get_sharp (ResellShotReport *self)
{
  g_return_val_if_fail (RESELL_IS_SHOT_REPORT (self), FALSE);

  return self->sharp;
}

double
resell_shot_report_get_highlights_clipped (ResellShotReport *self)
{
  g_return_val_if_fail (RESELL_IS_SHOT_REPORT (self), 0.0);

  return self->highlights_clipped;
}

double
resell_shot_report_get_shadows_clipped (ResellShotReport *self)
{
  g_return_val_if_fail (RESELL_IS_SHOT_REPORT (self), 0.0);

  return self->shadows_clipped;
}

gboolean
resell_shot_report_get_exposure_ok (ResellShotReport *self)
{
  g_return_val_if_fail (RESELL_IS_SHOT_REPORT (self), FALSE);

  return self->exposure_ok;
}

gboolean
resell_shot_report_get_backdrop_checked (ResellShotReport *self)
{
  g_return_val_if_fail (RESELL_IS_SHOT_REPORT (self), FALSE);

  return self->backdrop_checked;
}

double
resell_shot_report_get_backdrop_level (ResellShotReport *self)
{
  g_return_val_if_fail (RESELL_IS_SHOT_REPORT (self), 0.0);

  return self->backdrop_level;
}

double
resell_shot_report_get_backdrop_unevenness (ResellShotReport *self)
{
  g_return_val_if_fail (RESELL_IS_SHOT_REPORT (self), 0.0);

  return self->backdrop_unevenness;
}

gboolean
resell_shot_report_get_backdrop_ok (ResellShotReport *self)
{
  g_return_val_if_fail (RESELL_IS_SHOT_REPORT (self), FALSE);

  return self->backdrop_ok;
}

int
resell_shot_report_get_width (ResellShotReport *self)
{
  g_return_val_if_fail (RESELL_IS_SHOT_REPORT (self), 0);

  return self->width;
}

int
resell_shot_report_get_height (ResellShotReport *self)
{
  g_return_val_if_fail (RESELL_IS_SHOT_REPORT (self), 0);

  return self->height;
}

gboolean
resell_shot_report_get_resolution_ok (ResellShotReport *self)
{
  g_return_val_if_fail (RESELL_IS_SHOT_REPORT (self), FALSE);

  return self->resolution_ok;
}

const char * const *
resell_shot_report_get_problems (ResellShotReport *self)
{
  g_return_val_if_fail (RESELL_IS_SHOT_REPORT (self), NULL);

  return (const char * const *)self->problems;
}

const char * const *
resell_shot_report_get_problem_ids (ResellShotReport *self)
{
  g_return_val_if_fail (RESELL_IS_SHOT_REPORT (self), NULL);

  return (const char * const *)self->problem_ids->pdata;
}

/* Percent of the frame, rounded, but never "0 %" for a share that failed. */
static int
percent_of (double fraction)
{
  return MAX (1, (int)lround (fraction * 100.0));
}

static char *
describe_problem (ResellShotReport *self,
                  const char       *id)
{
  if (g_str_equal (id, PROBLEM_UNREADABLE))
    return g_strdup (_("The photo could not be read (the file is damaged or incomplete): retake it."));

  if (g_str_equal (id, PROBLEM_TOO_LARGE))
    return g_strdup_printf (_("The photo is too large for Resell to read (over %u megapixels): set the camera to a smaller image size, then retake."),
                            (guint)(RESELL_IMAGE_PROBE_MAX_PIXELS / 1000000));

  if (g_str_equal (id, PROBLEM_NOTHING_IN_FOCUS))
    return g_strdup (_("Nothing in the photo is in focus: put the item in the frame and focus on it, then retake."));

  if (g_str_equal (id, PROBLEM_BLURRED))
    return g_strdup (_("The photo is blurred: hold the camera still or focus on the item, then retake."));

  if (g_str_equal (id, PROBLEM_HIGHLIGHTS_CLIPPED))
    /* Translators: %d%% is a share of the photo, e.g. "12%". */
    return g_strdup_printf (_("Parts of the photo are pure white (%d%% of it): lower the exposure or dim the lights, then retake."),
                            percent_of (self->highlights_clipped));

  if (g_str_equal (id, PROBLEM_SHADOWS_CLIPPED))
    /* Translators: %d%% is a share of the photo, e.g. "12%". */
    return g_strdup_printf (_("Parts of the photo are pure black (%d%% of it): raise the exposure or add light, then retake."),
                            percent_of (self->shadows_clipped));

  if (g_str_equal (id, PROBLEM_BACKDROP_DARK))
    return g_strdup (_("The white backdrop looks grey: add light on the backdrop or raise the exposure, then retake."));

  if (g_str_equal (id, PROBLEM_BACKDROP_UNEVEN))
    return g_strdup (_("The backdrop is unevenly lit (darker on one side or in a corner): light it from both sides, then retake."));

  if (g_str_equal (id, PROBLEM_TOO_SMALL))
    /* Translators: "%d × %d pixels", then the smallest long edge accepted. */
    return g_strdup_printf (_("The photo is too small (%d × %d pixels; marketplaces want at least %d on the long side): set the camera to its largest image size, then retake."),
                            self->width, self->height, RESELL_SHOT_MIN_LONG_EDGE);

  g_return_val_if_reached (NULL);
}

/* Records a problem (its id must be one of known_problems, a static
 * string). */
static void
report_add_problem (ResellShotReport *self,
                    const char       *id)
{
  g_ptr_array_add (self->problem_ids, (gpointer)id);
}

/* Makes the sentences from the ids and the numbers, and "passed". */
static void
report_finish (ResellShotReport *self)
{
  GPtrArray *sentences = g_ptr_array_new ();

  for (guint i = 0; i < self->problem_ids->len; i++)
    g_ptr_array_add (sentences, describe_problem (self, g_ptr_array_index (self->problem_ids, i)));
  g_ptr_array_add (sentences, NULL);
  g_ptr_array_add (self->problem_ids, NULL);

  g_clear_pointer (&self->problems, g_strfreev);
  self->problems = (GStrv)g_ptr_array_free (sentences, FALSE);

  self->passed = self->readable && self->sharp && self->exposure_ok &&
                 self->backdrop_ok && self->resolution_ok;
}

static ResellShotReport *
report_new_unreadable (int         width,
                       int         height,
                       const char *problem)
{
  ResellShotReport *self = g_object_new (RESELL_TYPE_SHOT_REPORT, NULL);

  self->readable = FALSE;
  self->width = width;
  self->height = height;
  report_add_problem (self, problem);
  report_finish (self);

  return self;
}


/* JSON ------------------------------------------------------------------- */

char *
resell_shot_report_to_json (ResellShotReport *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (RESELL_IS_SHOT_REPORT (self), NULL);

  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, REPORT_JSON_VERSION);

#define ADD_BOOLEAN(name, field) \
  json_builder_set_member_name (builder, name); \
  json_builder_add_boolean_value (builder, self->field)
#define ADD_DOUBLE(name, field) \
  json_builder_set_member_name (builder, name); \
  json_builder_add_double_value (builder, self->field)
#define ADD_INT(name, field) \
  json_builder_set_member_name (builder, name); \
  json_builder_add_int_value (builder, self->field)

  ADD_BOOLEAN ("passed", passed);
  ADD_BOOLEAN ("readable", readable);
  ADD_DOUBLE ("sharpness", sharpness);
  ADD_BOOLEAN ("sharp", sharp);
  ADD_DOUBLE ("highlights_clipped", highlights_clipped);
  ADD_DOUBLE ("shadows_clipped", shadows_clipped);
  ADD_BOOLEAN ("exposure_ok", exposure_ok);
  ADD_BOOLEAN ("backdrop_checked", backdrop_checked);
  ADD_DOUBLE ("backdrop_level", backdrop_level);
  ADD_DOUBLE ("backdrop_unevenness", backdrop_unevenness);
  ADD_BOOLEAN ("backdrop_ok", backdrop_ok);
  ADD_INT ("width", width);
  ADD_INT ("height", height);
  ADD_BOOLEAN ("resolution_ok", resolution_ok);

#undef ADD_BOOLEAN
#undef ADD_DOUBLE
#undef ADD_INT

  /* Ids, not sentences: the sentences are made again in the language the
   * app runs in when the report is read back. */
  json_builder_set_member_name (builder, "problems");
  json_builder_begin_array (builder);
  for (guint i = 0; self->problem_ids->pdata[i] != NULL; i++)
    json_builder_add_string_value (builder, self->problem_ids->pdata[i]);
  json_builder_end_array (builder);

  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

static double
member_double (JsonObject *object,
               const char *name,
               double      maximum)
{
  JsonNode *node = json_object_get_member (object, name);
  double value;

  if (node == NULL ||
      (json_node_get_value_type (node) != G_TYPE_DOUBLE &&
       json_node_get_value_type (node) != G_TYPE_INT64))
    return 0.0;

  value = json_node_get_double (node);

  /* Stored text is not trusted: keep every number in its property's range. */
  if (!isfinite (value))
    return 0.0;
  return CLAMP (value, 0.0, maximum);
}

static int
member_int (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return 0;

  return (int)CLAMP (json_node_get_int (node), 0, G_MAXINT);
}

static gboolean
member_boolean (JsonObject *object,
                const char *name,
                gboolean    fallback)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fallback;

  return json_node_get_boolean (node);
}

static const char *
known_problem (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (known_problems); i++)
    {
      if (g_strcmp0 (id, known_problems[i]) == 0)
        return known_problems[i];
    }

  return NULL;
}

ResellShotReport *
resell_shot_report_new_from_json (const char *json)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  ResellShotReport *self;
  JsonObject *object;
  JsonArray *problems;
  JsonNode *root;
  JsonNode *node;

  if (json == NULL)
    return NULL;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, json, -1, &error))
    {
      g_debug ("Ignoring stored checks: %s", error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  object = json_node_get_object (root);

  self = g_object_new (RESELL_TYPE_SHOT_REPORT, NULL);

  self->readable = member_boolean (object, "readable", FALSE);
  self->sharpness = member_double (object, "sharpness", G_MAXDOUBLE);
  self->sharp = member_boolean (object, "sharp", FALSE);
  self->highlights_clipped = member_double (object, "highlights_clipped", 1.0);
  self->shadows_clipped = member_double (object, "shadows_clipped", 1.0);
  self->exposure_ok = member_boolean (object, "exposure_ok", FALSE);
  self->backdrop_checked = member_boolean (object, "backdrop_checked", FALSE);
  self->backdrop_level = member_double (object, "backdrop_level", 100.0);
  self->backdrop_unevenness = member_double (object, "backdrop_unevenness", 100.0);
  self->backdrop_ok = member_boolean (object, "backdrop_ok", TRUE);
  self->width = member_int (object, "width");
  self->height = member_int (object, "height");
  self->resolution_ok = member_boolean (object, "resolution_ok", FALSE);

  node = json_object_get_member (object, "problems");
  problems = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  for (guint i = 0; problems != NULL && i < json_array_get_length (problems); i++)
    {
      JsonNode *element = json_array_get_element (problems, i);
      const char *id = NULL;

      if (json_node_get_value_type (element) == G_TYPE_STRING)
        id = known_problem (json_node_get_string (element));

      /* A problem a newer Resell knows about: its boolean still fails the
       * report, there is only no sentence for it here. */
      if (id != NULL)
        report_add_problem (self, id);
    }

  report_finish (self);

  /* What was stored wins over what the booleans give: a newer Resell may
   * have had a check this one does not know. */
  self->passed = member_boolean (object, "passed", self->passed) && self->passed;

  return self;
}


/* Measuring -------------------------------------------------------------- */


typedef struct
{
  float *pixels;   /* luma 0–255, row after row */
  int    width;
  int    height;
} Luma;

static void
luma_clear (Luma *luma)
{
  g_clear_pointer (&luma->pixels, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Luma, luma_clear)

/* One band of luma (Rec. 709 weights on the stored, gamma-encoded values)
 * as float 0–255, whatever the photo holds: 8 or 16 bits, grey or colour,
 * with alpha (on white, as the listing shows it), CMYK or Lab. */
static gboolean
to_luma (VipsImage  *in,
         VipsImage **out)
{
  g_autoptr(VipsImage) image = g_object_ref (in);
  VipsInterpretation interpretation;
  VipsImage *t = NULL;
  double scale;

  if (vips_image_hasalpha (image))
    {
      VipsBandFormat format = vips_image_get_format (image);
      gboolean deep = format == VIPS_FORMAT_USHORT || format == VIPS_FORMAT_SHORT;
      double max_alpha = deep ? 65535.0 : 255.0;
      /* White, except in CMYK where white is no ink. */
      double white = vips_image_guess_interpretation (image) == VIPS_INTERPRETATION_CMYK ? 0.0 : max_alpha;
      double background[4] = { white, white, white, white };
      g_autoptr(VipsArrayDouble) array =
        vips_array_double_new (background, MIN (4, vips_image_get_bands (image) - 1));
      int res;

      res = vips_flatten (image, &t, "background", array, "max_alpha", max_alpha, NULL);
      if (res != 0)
        return FALSE;
      g_set_object (&image, t);
      g_clear_object (&t);
    }

  interpretation = vips_image_guess_interpretation (image);
  if (interpretation != VIPS_INTERPRETATION_sRGB &&
      interpretation != VIPS_INTERPRETATION_RGB16 &&
      interpretation != VIPS_INTERPRETATION_B_W &&
      interpretation != VIPS_INTERPRETATION_GREY16)
    {
      if (vips_colourspace (image, &t, VIPS_INTERPRETATION_sRGB, NULL) != 0)
        return FALSE;
      g_set_object (&image, t);
      g_clear_object (&t);
    }

  scale = vips_image_get_format (image) == VIPS_FORMAT_USHORT ? 1.0 / 257.0 : 1.0;

  if (vips_image_get_bands (image) >= 3)
    {
      double weights[3] = { 0.2126 * scale, 0.7152 * scale, 0.0722 * scale };
      g_autoptr(VipsImage) rgb = NULL;
      g_autoptr(VipsImage) matrix = vips_image_new_matrix_from_array (3, 1, weights, 3);

      if (vips_image_get_bands (image) > 3)
        {
          if (vips_extract_band (image, &rgb, 0, "n", 3, NULL) != 0)
            return FALSE;
        }
      else
        rgb = g_object_ref (image);

      return vips_recomb (rgb, out, matrix, NULL) == 0;
    }
  else
    {
      g_autoptr(VipsImage) grey = NULL;

      if (vips_extract_band (image, &grey, 0, NULL) != 0)
        return FALSE;

      return vips_linear1 (grey, out, scale, 0.0, NULL) == 0;
    }
}

/* @image as luma, reduced to MEASURE_SIZE on its long edge, in memory. */
static gboolean
luma_from_image (VipsImage *image,
                 Luma      *out)
{
  g_autoptr(VipsImage) luma = NULL;
  g_autoptr(VipsImage) sized = NULL;
  g_autoptr(VipsImage) flat = NULL;
  size_t size = 0;
  int long_edge;

  if (!to_luma (image, &luma))
    return FALSE;

  long_edge = MAX (vips_image_get_width (luma), vips_image_get_height (luma));
  if (long_edge > MEASURE_SIZE)
    {
      if (vips_resize (luma, &sized, (double)MEASURE_SIZE / long_edge, NULL) != 0)
        return FALSE;
    }
  else
    sized = g_object_ref (luma);

  if (vips_cast (sized, &flat, VIPS_FORMAT_FLOAT, NULL) != 0)
    return FALSE;

  /* When @image is not in memory yet, decoding happens here, and with it
   * any error in the file's data. */
  out->pixels = vips_image_write_to_memory (flat, &size);
  if (out->pixels == NULL)
    return FALSE;

  out->width = vips_image_get_width (flat);
  out->height = vips_image_get_height (flat);
  g_assert (size == (size_t)out->width * out->height * sizeof (float));

  return TRUE;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *)a;
  double db = *(const double *)b;

  return (da > db) - (da < db);
}

/* Second differences along x, y and the two diagonals (those scaled by
 * 1/2 for their √2 spacing): the Laplacian is the sum of the first two. */
#define N_DIRECTIONS 4

static double
mean_of_top (double *values,
             int     n,
             double  fraction)
{
  int n_top = MAX (1, (int)(n * fraction));
  double sum = 0.0;

  qsort (values, n, sizeof (double), compare_doubles);
  for (int i = 0; i < n_top; i++)
    sum += values[n - 1 - i];

  return sum / n_top;
}

static void
measure_sharpness (ResellShotReport *self,
                   const Luma       *luma)
{
  int w = luma->width;
  int h = luma->height;
  int tile = MAX (8, MAX (w, h) / TILES_ALONG_LONG_EDGE);
  int tiles_x = MAX (1, (w - 2) / tile);
  int tiles_y = MAX (1, (h - 2) / tile);
  g_autofree double *ratios = g_new0 (double, (gsize)N_DIRECTIONS * tiles_x * tiles_y);
  double max_stddev = 0.0;
  int n_content = 0;

  /* Whole tiles over the interior (every difference needs a neighbour on
   * every side); a last partial row or column of tiles is left out. */
  for (int ty = 0; ty < tiles_y; ty++)
    {
      for (int tx = 0; tx < tiles_x; tx++)
        {
          int x0 = 1 + tx * tile;
          int y0 = 1 + ty * tile;
          int x1 = MIN (x0 + tile, w - 1);
          int y1 = MIN (y0 + tile, h - 1);
          double d_sum[N_DIRECTIONS] = { 0 };
          double d_sq[N_DIRECTIONS] = { 0 };
          double v_sum = 0.0, v_sq = 0.0;
          double n = (double)(x1 - x0) * (y1 - y0);
          double v_var;

          if (n <= 0)
            continue;

          for (int y = y0; y < y1; y++)
            {
              const float *row = luma->pixels + (gsize)y * w;
              const float *up = row - w;
              const float *down = row + w;

              for (int x = x0; x < x1; x++)
                {
                  double c2 = 2.0 * row[x];
                  double d[N_DIRECTIONS] = {
                    row[x - 1] + row[x + 1] - c2,
                    up[x] + down[x] - c2,
                    0.5 * (up[x - 1] + down[x + 1] - c2),
                    0.5 * (up[x + 1] + down[x - 1] - c2),
                  };

                  for (int k = 0; k < N_DIRECTIONS; k++)
                    {
                      d_sum[k] += d[k];
                      d_sq[k] += d[k] * d[k];
                    }
                  v_sum += row[x];
                  v_sq += (double)row[x] * row[x];
                }
            }

          v_var = MAX (0.0, v_sq / n - (v_sum / n) * (v_sum / n));
          max_stddev = MAX (max_stddev, sqrt (v_var));

          /* Only tiles with something in them: on a smooth backdrop the
           * ratio would measure the sensor's noise. */
          if (v_var < CONTENT_TILE_STDDEV * CONTENT_TILE_STDDEV)
            continue;

          for (int k = 0; k < N_DIRECTIONS; k++)
            {
              double d_var = MAX (0.0, d_sq[k] / n - (d_sum[k] / n) * (d_sum[k] / n));

              ratios[(gsize)k * tiles_x * tiles_y + n_content] = d_var / v_var;
            }
          n_content++;
        }
    }

  /* Per direction, the sharpest fifth of the tiles with something in
   * them (the item in focus, not the backdrop or a soft background);
   * then the direction that is least sharp, which is where camera shake
   * smears. */
  self->sharpness = 0.0;
  for (int k = 0; k < N_DIRECTIONS && n_content > 0; k++)
    {
      double s = 100.0 * mean_of_top (ratios + (gsize)k * tiles_x * tiles_y, n_content, SHARPEST_FRACTION);

      self->sharpness = k == 0 ? s : MIN (self->sharpness, s);
    }

  if (max_stddev < EMPTY_TILE_STDDEV || n_content == 0)
    {
      self->sharp = FALSE;
      report_add_problem (self, PROBLEM_NOTHING_IN_FOCUS);
    }
  else if (self->sharpness < RESELL_SHOT_SHARPNESS_MIN)
    {
      self->sharp = FALSE;
      report_add_problem (self, PROBLEM_BLURRED);
    }
  else
    self->sharp = TRUE;
}

static void
measure_exposure (ResellShotReport *self,
                  const Luma       *luma,
                  ResellBackdrop    backdrop)
{
  gsize n = (gsize)luma->width * luma->height;
  gsize highlights = 0;
  gsize shadows = 0;
  gboolean shadows_ok;

  for (gsize i = 0; i < n; i++)
    {
      float v = luma->pixels[i];

      highlights += v >= HIGHLIGHT_LEVEL;
      shadows += v <= SHADOW_LEVEL;
    }

  self->highlights_clipped = (double)highlights / n;
  self->shadows_clipped = (double)shadows / n;

  /* A black velvet backdrop is meant to be black. */
  shadows_ok = backdrop == RESELL_BACKDROP_BLACK || self->shadows_clipped <= SHADOWS_MAX;

  self->exposure_ok = self->highlights_clipped <= HIGHLIGHTS_MAX && shadows_ok;

  if (self->highlights_clipped > HIGHLIGHTS_MAX)
    report_add_problem (self, PROBLEM_HIGHLIGHTS_CLIPPED);
  if (!shadows_ok)
    report_add_problem (self, PROBLEM_SHADOWS_CLIPPED);
}

/* L* (CIE 1976, 0–100) of an sRGB-encoded luma 0–255. */
static double
lightness_of (double luma)
{
  double c = CLAMP (luma / 255.0, 0.0, 1.0);
  double y = c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
  double f = y > 216.0 / 24389.0 ? cbrt (y) : (24389.0 / 27.0 * y + 16.0) / 116.0;

  return 116.0 * f - 16.0;
}

static double
block_lightness (const Luma *luma,
                 int         x0,
                 int         y0,
                 int         x1,
                 int         y1)
{
  double sum = 0.0;

  for (int y = y0; y < y1; y++)
    {
      const float *row = luma->pixels + (gsize)y * luma->width;

      for (int x = x0; x < x1; x++)
        sum += row[x];
    }

  return lightness_of (sum / ((double)(x1 - x0) * (y1 - y0)));
}

static void
measure_backdrop (ResellShotReport *self,
                  const Luma       *luma)
{
  int w = luma->width;
  int h = luma->height;
  int band_x = MAX (1, (int)lround (w * BAND_FRACTION));
  int band_y = MAX (1, (int)lround (h * BAND_FRACTION));
  double blocks[2 * BAND_BLOCKS_ACROSS + 2 * BAND_BLOCKS_DOWN];
  int n = 0;

  /* Top and bottom bands across the whole width, the side bands between
   * them: every block is backdrop unless the item reaches the edge. */
  for (int i = 0; i < BAND_BLOCKS_ACROSS; i++)
    {
      int x0 = w * i / BAND_BLOCKS_ACROSS;
      int x1 = MAX (x0 + 1, w * (i + 1) / BAND_BLOCKS_ACROSS);

      blocks[n++] = block_lightness (luma, x0, 0, x1, band_y);
      blocks[n++] = block_lightness (luma, x0, h - band_y, x1, h);
    }

  for (int i = 0; i < BAND_BLOCKS_DOWN; i++)
    {
      int inner = h - 2 * band_y;
      int y0 = band_y + MAX (0, inner) * i / BAND_BLOCKS_DOWN;
      int y1 = MAX (y0 + 1, band_y + MAX (0, inner) * (i + 1) / BAND_BLOCKS_DOWN);

      y1 = MIN (y1, h);
      y0 = MIN (y0, y1 - 1);
      blocks[n++] = block_lightness (luma, 0, y0, band_x, y1);
      blocks[n++] = block_lightness (luma, w - band_x, y0, w, y1);
    }

  qsort (blocks, n, sizeof (double), compare_doubles);

  /* The median and the 10th–90th percentile spread: an item or its
   * shadow reaching the edge in a block or three changes neither. */
  self->backdrop_level = blocks[n / 2];
  self->backdrop_unevenness = blocks[(int)ceil ((n - 1) * 0.9)] - blocks[(int)floor ((n - 1) * 0.1)];
  self->backdrop_checked = TRUE;

  self->backdrop_ok = TRUE;
  if (self->backdrop_level < BACKDROP_LEVEL_MIN)
    {
      self->backdrop_ok = FALSE;
      report_add_problem (self, PROBLEM_BACKDROP_DARK);
    }
  if (self->backdrop_unevenness > BACKDROP_UNEVENNESS_MAX)
    {
      self->backdrop_ok = FALSE;
      report_add_problem (self, PROBLEM_BACKDROP_UNEVEN);
    }
}

static gboolean
is_unreadable_error (const GError *error)
{
  /* resell_image_open()'s "empty" and "not a picture": the file is there
   * but holds no photo.  Anything else (missing, no permission) means it
   * could not be opened at all, which the caller must hear about. */
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
}

/* Who gets the decode, called at most once. */
typedef struct
{
  ResellShotDecodedFunc func;
  gpointer              user_data;
} DecodedHandoff;

static void
handoff_decoded (DecodedHandoff *handoff,
                 VipsImage      *image)
{
  ResellShotDecodedFunc func = handoff->func;

  handoff->func = NULL;
  if (func != NULL)
    func (image, handoff->user_data);
}

/* The photo at 1/@shrink (JPEG only; the header read from @source before
 * says the size), decoded into memory when it is small enough to keep, so
 * the measures and whoever @handoff names share that one decode; else
 * left to stream into the luma as it is made. */
static VipsImage *
decode (VipsSource     *source,
        int             shrink,
        DecodedHandoff *handoff)
{
  g_autoptr(VipsImage) loaded = NULL;
  VipsImage *decoded;

  /* fail_on=ERROR: a file cut short or corrupt stops the decode, which is
   * what "could not be read" means; harmless quirks that only warn do not
   * (the probe's rule).  "shrink" only for a JPEG: the list ends before it
   * otherwise. */
  loaded = vips_image_new_from_source (source, "",
                                       "access", VIPS_ACCESS_SEQUENTIAL,
                                       "fail_on", VIPS_FAIL_ON_ERROR,
                                       shrink > 1 ? "shrink" : NULL, shrink,
                                       NULL);
  if (loaded == NULL)
    return NULL;

  if (VIPS_IMAGE_SIZEOF_IMAGE (loaded) > SHARED_DECODE_MAX_BYTES)
    return g_steal_pointer (&loaded);

  /* Decoding happens here, and with it any error in the file's data. */
  decoded = vips_image_copy_memory (loaded);
  if (decoded != NULL)
    handoff_decoded (handoff, decoded);

  return decoded;
}

static ResellShotReport *
check_file (const char      *path,
            ResellBackdrop   backdrop,
            DecodedHandoff  *handoff,
            GCancellable    *cancellable,
            GError         **error)
{
  g_autoptr(ResellShotReport) self = NULL;
  g_autoptr(VipsSource) source = NULL;
  g_autoptr(VipsImage) header = NULL;
  g_autoptr(VipsImage) image = NULL;
  g_autoptr(GError) open_error = NULL;
  g_auto(Luma) luma = { 0 };
  const char *loader = NULL;
  guint64 pixels;
  int width, height;
  int shrink = 1;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* The app starts libvips in the background; wait for it here if needed. */
  if (!resell_core_init (NULL, error))
    return NULL;

  source = resell_image_open (path, &loader, &open_error);
  if (source == NULL)
    {
      if (is_unreadable_error (open_error))
        {
          g_debug ("Not checking %s: %s", path, open_error->message);
          return report_new_unreadable (0, 0, PROBLEM_UNREADABLE);
        }

      g_propagate_error (error, g_steal_pointer (&open_error));
      return NULL;
    }

  /* The header alone first: the size the file really has, and the pixel
   * limit before anything is decoded. */
  header = vips_image_new_from_source (source, "",
                                       "access", VIPS_ACCESS_SEQUENTIAL,
                                       "fail_on", VIPS_FAIL_ON_ERROR,
                                       NULL);
  if (header == NULL)
    {
      resell_image_clear_vips_error ("Could not read the header of", path);
      return report_new_unreadable (0, 0, PROBLEM_UNREADABLE);
    }

  width = vips_image_get_width (header);
  height = vips_image_get_height (header);
  g_clear_object (&header);

  pixels = (guint64)width * (guint64)height;
  if (pixels > RESELL_IMAGE_PROBE_MAX_PIXELS)
    return report_new_unreadable (width, height, PROBLEM_TOO_LARGE);

  /* libjpeg scales by 1/2, 1/4 or 1/8 while decoding, skipping most of
   * the inverse DCT: take the largest that still leaves MEASURE_SIZE. */
  if (g_str_has_prefix (loader, "VipsForeignLoadJpeg"))
    {
      while (shrink < 8 && MAX (width, height) / (shrink * 2) >= MEASURE_SIZE)
        shrink *= 2;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (!(image = decode (source, shrink, handoff)) ||
      !luma_from_image (image, &luma))
    {
      resell_image_clear_vips_error ("Could not decode", path);
      return report_new_unreadable (width, height, PROBLEM_UNREADABLE);
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  self = g_object_new (RESELL_TYPE_SHOT_REPORT, NULL);
  self->readable = TRUE;
  self->width = width;
  self->height = height;

  /* The order the problems are shown in: what most often spoils a shot
   * first. */
  measure_sharpness (self, &luma);
  measure_exposure (self, &luma, backdrop);

  if (backdrop == RESELL_BACKDROP_WHITE)
    measure_backdrop (self, &luma);

  self->resolution_ok = MAX (width, height) >= RESELL_SHOT_MIN_LONG_EDGE;
  if (!self->resolution_ok)
    report_add_problem (self, PROBLEM_TOO_SMALL);

  report_finish (self);

  g_debug ("%s: sharpness %.1f, highlights %.4f, shadows %.4f, backdrop L* %.1f ± %.1f, %d×%d%s",
           path, self->sharpness, self->highlights_clipped, self->shadows_clipped,
           self->backdrop_level, self->backdrop_unevenness, width, height,
           self->passed ? "" : " (failed)");

  return g_steal_pointer (&self);
}

ResellShotReport *
resell_shot_check_file_full (const char             *path,
                             ResellBackdrop          backdrop,
                             ResellShotDecodedFunc   decoded_func,
                             gpointer                user_data,
                             GCancellable           *cancellable,
                             GError                **error)
{
  DecodedHandoff handoff = { decoded_func, user_data };
  ResellShotReport *report;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);

  report = check_file (path, backdrop, &handoff, cancellable, error);

  /* Whatever happened, the caller hears once. */
  handoff_decoded (&handoff, NULL);

  return report;
}

ResellShotReport *
resell_shot_check_file (const char      *path,
                        ResellBackdrop   backdrop,
                        GCancellable    *cancellable,
                        GError         **error)
{
  return resell_shot_check_file_full (path, backdrop, NULL, NULL, cancellable, error);
}

typedef struct
{
  char           *path;
  ResellBackdrop  backdrop;
} CheckJob;

static void
check_job_free (CheckJob *job)
{
  g_free (job->path);
  g_free (job);
}

static void
check_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CheckJob *job = task_data;
  GError *error = NULL;
  ResellShotReport *report;

  report = resell_shot_check_file (job->path, job->backdrop, cancellable, &error);

  if (report != NULL)
    g_task_return_pointer (task, report, g_object_unref);
  else
    g_task_return_error (task, error);
}

void
resell_shot_check_file_async (const char          *path,
                              ResellBackdrop       backdrop,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CheckJob *job;

  g_return_if_fail (path != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, resell_shot_check_file_async);

  job = g_new0 (CheckJob, 1);
  job->path = g_strdup (path);
  job->backdrop = backdrop;
  g_task_set_task_data (task, job, (GDestroyNotify)check_job_free);
  g_task_run_in_thread (task, check_worker);
}

ResellShotReport *
resell_shot_check_file_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == resell_shot_check_file_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
