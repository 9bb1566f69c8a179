/* resell-shot-report.c — what the shot check found: the numbers, which
 * checks passed, the problems as sentences that say what to do, and the
 * JSON a photo keeps them in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-shot-check"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "imaging/resell-image-probe-private.h"
#include "imaging/resell-shot-check-private.h"

/* The version of the JSON written by resell_shot_report_to_json(). */
#define REPORT_JSON_VERSION 1

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
void
_resell_shot_report_add_problem (ResellShotReport *self,
                                 const char       *id)
{
  g_ptr_array_add (self->problem_ids, (gpointer)id);
}

/* Makes the sentences from the ids and the numbers, and "passed". */
void
_resell_shot_report_finish (ResellShotReport *self)
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

ResellShotReport *
_resell_shot_report_new_unreadable (int         width,
                                    int         height,
                                    const char *problem)
{
  ResellShotReport *self = g_object_new (RESELL_TYPE_SHOT_REPORT, NULL);

  self->readable = FALSE;
  self->width = width;
  self->height = height;
  _resell_shot_report_add_problem (self, problem);
  _resell_shot_report_finish (self);

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
        _resell_shot_report_add_problem (self, id);
    }

  _resell_shot_report_finish (self);

  /* What was stored wins over what the booleans give: a newer Resell may
   * have had a check this one does not know. */
  self->passed = member_boolean (object, "passed", self->passed) && self->passed;

  return self;
}
