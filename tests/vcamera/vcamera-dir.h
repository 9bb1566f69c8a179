/* vcamera-dir.h — forced into libgphoto2's vcamera.c when build-vcamera
 * compiles it, with VCAMERADIR defined as a call to this function instead of
 * upstream's compiled-in string, so the card is found at run time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

char *resell_vcamera_dir (void) __attribute__ ((visibility ("hidden")));
