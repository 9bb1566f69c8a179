/* vcamera-test-utils.h — libgphoto2's virtual camera for the camera tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The camera build-vcamera emulates, and where it is plugged in. */
#define RESELL_TEST_VCAMERA_MODEL "Nikon DSC D750"
#define RESELL_TEST_VCAMERA_PORT  "usb:001,001"

gboolean    resell_test_vcamera_init             (const char *missing_path);
void        resell_test_vcamera_clear            (void);
const char *resell_test_vcamera_get_card_jpeg    (void);
void        resell_test_vcamera_set_card_picture (GBytes     *bytes);

G_END_DECLS
