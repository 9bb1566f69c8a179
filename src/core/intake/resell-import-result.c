/* resell-import-result.c — what became of one file of an import or attach
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "resell-importer"

#include "config.h"

#include "intake/resell-import-result.h"
#include "intake/resell-importer-private.h"

G_DEFINE_ENUM_TYPE (ResellImportStatus, resell_import_status,
  G_DEFINE_ENUM_VALUE (RESELL_IMPORT_STATUS_IMPORTED, "imported"),
  G_DEFINE_ENUM_VALUE (RESELL_IMPORT_STATUS_DUPLICATE, "duplicate"),
  G_DEFINE_ENUM_VALUE (RESELL_IMPORT_STATUS_FAILED, "failed"))

struct _ResellImportResult
{
  GObject             parent_instance;

  GFile              *source;
  ResellPhoto        *photo;
  char               *message;
  ResellShotReport   *report;
  ResellImportStatus  status;
};

G_DEFINE_FINAL_TYPE (ResellImportResult, resell_import_result, G_TYPE_OBJECT)

enum {
  RESULT_PROP_0,
  RESULT_PROP_SOURCE,
  RESULT_PROP_STATUS,
  RESULT_PROP_PHOTO,
  RESULT_PROP_MESSAGE,
  RESULT_PROP_REPORT,
  RESULT_N_PROPS
};

static GParamSpec *result_properties[RESULT_N_PROPS];

static void
resell_import_result_finalize (GObject *object)
{
  ResellImportResult *self = (ResellImportResult *)object;

  g_clear_object (&self->source);
  g_clear_object (&self->photo);
  g_clear_pointer (&self->message, g_free);
  g_clear_object (&self->report);

  G_OBJECT_CLASS (resell_import_result_parent_class)->finalize (object);
}

static void
resell_import_result_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  ResellImportResult *self = RESELL_IMPORT_RESULT (object);

  switch (prop_id)
    {
    case RESULT_PROP_SOURCE:
      g_value_set_object (value, self->source);
      break;

    case RESULT_PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case RESULT_PROP_PHOTO:
      g_value_set_object (value, self->photo);
      break;

    case RESULT_PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;

    case RESULT_PROP_REPORT:
      g_value_set_object (value, self->report);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_import_result_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  ResellImportResult *self = RESELL_IMPORT_RESULT (object);

  switch (prop_id)
    {
    case RESULT_PROP_SOURCE:
      self->source = g_value_dup_object (value);
      break;

    case RESULT_PROP_STATUS:
      self->status = g_value_get_enum (value);
      break;

    case RESULT_PROP_PHOTO:
      self->photo = g_value_dup_object (value);
      break;

    case RESULT_PROP_MESSAGE:
      self->message = g_value_dup_string (value);
      break;

    case RESULT_PROP_REPORT:
      self->report = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resell_import_result_class_init (ResellImportResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = resell_import_result_finalize;
  object_class->get_property = resell_import_result_get_property;
  object_class->set_property = resell_import_result_set_property;

  result_properties[RESULT_PROP_SOURCE] =
    g_param_spec_object ("source", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  result_properties[RESULT_PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       RESELL_TYPE_IMPORT_STATUS,
                       RESELL_IMPORT_STATUS_FAILED,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  result_properties[RESULT_PROP_PHOTO] =
    g_param_spec_object ("photo", NULL, NULL,
                         RESELL_TYPE_PHOTO,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  result_properties[RESULT_PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  result_properties[RESULT_PROP_REPORT] =
    g_param_spec_object ("report", NULL, NULL,
                         RESELL_TYPE_SHOT_REPORT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, RESULT_N_PROPS, result_properties);
}

static void
resell_import_result_init (ResellImportResult *self)
{
  self->status = RESELL_IMPORT_STATUS_FAILED;
}

ResellImportResult *
_resell_import_result_new (GFile              *source,
                           ResellImportStatus  status,
                           ResellPhoto        *photo,
                           const char         *message)
{
  return g_object_new (RESELL_TYPE_IMPORT_RESULT,
                       "source", source,
                       "status", status,
                       "photo", photo,
                       "message", message,
                       NULL);
}

ResellImportResult *
_resell_import_result_new_imported (GFile            *source,
                                    ResellPhoto      *photo,
                                    ResellShotReport *report)
{
  return g_object_new (RESELL_TYPE_IMPORT_RESULT,
                       "source", source,
                       "status", RESELL_IMPORT_STATUS_IMPORTED,
                       "photo", photo,
                       "report", report,
                       NULL);
}

ResellImportResult *
_resell_import_result_new_failed (GFile      *source,
                                  const char *message)
{
  return _resell_import_result_new (source, RESELL_IMPORT_STATUS_FAILED, NULL, message);
}

GFile *
resell_import_result_get_source (ResellImportResult *self)
{
  g_return_val_if_fail (RESELL_IS_IMPORT_RESULT (self), NULL);

  return self->source;
}

ResellImportStatus
resell_import_result_get_status (ResellImportResult *self)
{
  g_return_val_if_fail (RESELL_IS_IMPORT_RESULT (self), RESELL_IMPORT_STATUS_FAILED);

  return self->status;
}

ResellPhoto *
resell_import_result_get_photo (ResellImportResult *self)
{
  g_return_val_if_fail (RESELL_IS_IMPORT_RESULT (self), NULL);

  return self->photo;
}

const char *
resell_import_result_get_message (ResellImportResult *self)
{
  g_return_val_if_fail (RESELL_IS_IMPORT_RESULT (self), NULL);

  return self->message;
}

ResellShotReport *
resell_import_result_get_report (ResellImportResult *self)
{
  g_return_val_if_fail (RESELL_IS_IMPORT_RESULT (self), NULL);

  return self->report;
}
