/* resell-core.h — the Resell core library (no GTK)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "camera/resell-camera.h"
#include "camera/resell-camera-error.h"
#include "camera/resell-camera-monitor.h"
#include "camera/resell-camera-setting.h"
#include "camera/resell-camera-shot.h"
#include "catalog/resell-catalog.h"
#include "catalog/resell-catalog-async.h"
#include "catalog/resell-catalog-flaws.h"
#include "catalog/resell-flaw.h"
#include "catalog/resell-catalog-grading.h"
#include "catalog/resell-item.h"
#include "catalog/resell-item-saver.h"
#include "catalog/resell-item-list.h"
#include "catalog/resell-photo.h"
#include "categories/resell-category.h"
#include "categories/resell-category-registry.h"
#include "documents/resell-condition-report.h"
#include "documents/resell-label.h"
#include "documents/resell-qr-code.h"
#include "documents/resell-qr-scan.h"
#include "grading/resell-appraisal.h"
#include "grading/resell-condition.h"
#include "grading/resell-condition-text.h"
#include "grading/resell-grade-keeper.h"
#include "grading/resell-grade-result.h"
#include "grading/resell-grader.h"
#include "grading/resell-grading-rules.h"
#include "grading/resell-ready-check.h"
#include "intake/resell-importer.h"
#include "listing/resell-listing-exporter.h"
#include "listing/resell-listing-preview.h"
#include "listing/resell-listing-profile.h"
#include "listing/resell-listing-renderer.h"
#include "imaging/resell-photo-edits.h"
#include "imaging/resell-shot-check.h"
#include "imaging/resell-thumbnailer.h"
#include "storage/resell-atomic-file.h"
#include "storage/resell-cache-trim.h"
#include "resell-context.h"

G_BEGIN_DECLS

/* Call once per process before using the core: starts libvips (with a
 * decompression-bomb-safe configuration) and gettext for the core's strings.
 * @argv0 may be NULL.  Returns FALSE with @error if libvips cannot start. */
gboolean resell_core_init (const char *argv0, GError **error);

G_END_DECLS
