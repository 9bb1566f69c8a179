#!/usr/bin/env bash
# test-durability.sh — TAP test: saves reach the disk in the order that
# survives a power cut, and a save killed midway leaves nothing that the
# next open of the catalog does not clear.
#
# Usage: test-durability.sh /path/to/resell-cli /path/to/resell-fs-shim.so
#
# The shim (tests/shim/resell-fs-shim.c, LD_PRELOAD) logs each create,
# write, fsync and rename with its path.  For a photo saved through the
# core's atomic file (an import; a camera download) the log must show:
# the temporary file written → that file fsynced → renamed to its final
# name → its folder fsynced, all before the catalog's row is written.
# Then a capture is killed (SIGKILL, by the shim) just as it renames its
# temporary file; the leftover stays while young and goes once old.
#
# Needs: vips (libvips-tools), python3; libgphoto2's virtual camera in
# $RESELL_BUILD_DIR/vcamera for the camera cases (they fail without it).
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

CLI=${1:?usage: test-durability.sh /path/to/resell-cli /path/to/resell-fs-shim.so}
SHIM=${2:?usage: test-durability.sh /path/to/resell-cli /path/to/resell-fs-shim.so}

. "$(dirname "$0")/test-lib.sh" durability

echo "1..8"

# libasan must come first in LD_PRELOAD when the CLI is built with it; the
# shim comes after it (and after the virtual camera's port driver).
PRELOAD_BASE=
asan_lib=$(ldd "$CLI" 2>/dev/null | awk '/libasan/ { print $3; exit }')
[ -n "$asan_lib" ] && PRELOAD_BASE="$asan_lib"

VCAMERA="${RESELL_BUILD_DIR:-}/vcamera"
have_camera=0
if [ -n "${RESELL_BUILD_DIR:-}" ] && [ -f "$VCAMERA/iolibs/vusb.so" ] &&
   ls "$VCAMERA/store/DCIM/100NIKON/"*.JPG >/dev/null 2>&1; then
  have_camera=1
  PRELOAD_BASE="${PRELOAD_BASE:+$PRELOAD_BASE:}$VCAMERA/iolibs/vusb.so"
fi

# shim_run NAME LOG ARGS... : runs the CLI under the shim logging to LOG;
# stdout/stderr in $TMP/NAME.out/.err, exit status in $status.
status=0
shim_run () {
  local name=$1 log=$2
  shift 2
  IOLIBS="$VCAMERA/iolibs" LD_PRELOAD="${PRELOAD_BASE:+$PRELOAD_BASE:}$SHIM" \
    RESELL_FS_SHIM_LOG_FD=3 "$CLI" "$@" >"$TMP/$name.out" 2>"$TMP/$name.err" 3>>"$log"
  status=$?
}

# save_order LOG FOLDER : checks, in the shim's LOG, every photo saved into
# FOLDER: created as a hidden temporary, written, fsynced after its last
# write, renamed to its final name, FOLDER fsynced after the rename and
# before the catalog's next write (the photo's row).  Prints what is wrong.
save_order () {
  python3 - "$1" "$2" <<'PY'
import os, re, sys
log_path, folder = sys.argv[1], os.path.realpath(sys.argv[2])
events = [l.rstrip("\n").split("\t") for l in open(log_path)]
renames = [(i, e) for i, e in enumerate(events)
           if e[0] == "rename" and os.path.dirname(e[2]) == folder]
if not renames:
    sys.exit("no rename into %s; log:\n%s" % (folder, open(log_path).read()[-3000:]))
for r, (_, tmp, final) in renames:
    name = os.path.basename(tmp)
    if not re.fullmatch(r"\.(.+)\.[A-Za-z0-9]{6}\.part", name):
        sys.exit("renamed from %s, not a temporary file" % tmp)
    def find(pred, start=0, stop=None):
        rng = range(start, len(events) if stop is None else stop)
        return [i for i in rng if pred(events[i])]
    created = find(lambda e: e[0] == "create" and e[1] == tmp, 0, r)
    writes = find(lambda e: e[0] == "write" and e[1] == tmp, 0, r)
    syncs = find(lambda e: e[0] in ("fsync", "fdatasync") and e[1] == tmp, 0, r)
    if not created:
        sys.exit("%s: never created" % tmp)
    if not writes:
        sys.exit("%s: no data written" % tmp)
    if not syncs or syncs[-1] < writes[-1]:
        sys.exit("%s: not fsynced after its last write, before the rename" % tmp)
    folder_syncs = find(lambda e: e[0] == "fsync" and e[1] == folder, r + 1)
    if not folder_syncs:
        sys.exit("%s: its folder never fsynced after the rename" % final)
    db_writes = find(lambda e: e[0] == "write" and os.path.basename(e[1]).startswith("catalog.db"), r + 1)
    if db_writes and db_writes[0] < folder_syncs[0]:
        sys.exit("%s: the catalog was written before the folder was fsynced" % final)
PY
}

have_tools=1
command -v python3 >/dev/null 2>&1 || have_tools=0
PICS="$TMP/pictures"
mkdir -p "$PICS"
vips black "$PICS/IMG_1.jpg" 640 480 --bands 3 >/dev/null 2>&1 || have_tools=0

# --- 1-2: an import ------------------------------------------------------------
if [ "$have_tools" != 1 ]; then
  missing "import under the shim" "vips or python3 not available"
  missing "import: written, fsynced, renamed, folder fsynced, then the row" "vips or python3 not available"
else
  run add add --category handbags --title "Import bag"
  SKU=$(head -n 1 "$TMP/add.out")
  ORIGINALS="$RESELL_DATA_DIR/items/$SKU/originals"

  shim_run import "$TMP/import.log" import "$SKU" "$PICS/IMG_1.jpg"
  check "import under the shim (exit 0)" [ "$status" -eq 0 ]
  [ "$status" -ne 0 ] && diag "$TMP/import.err"
  if save_order "$TMP/import.log" "$ORIGINALS" 2>"$TMP/import.order"; then
    ok "import: written, fsynced, renamed, folder fsynced, then the row"
  else
    not_ok "import: written, fsynced, renamed, folder fsynced, then the row"
    diag "$TMP/import.order"
  fi
fi

# --- 3-8: the camera -----------------------------------------------------------
CAMERA_CASES="capture under the shim|capture: downloaded, fsynced, renamed, folder fsynced, then the row|capture killed by SIGKILL as it renames its temporary file|the killed capture left only its hidden temporary file|opening the catalog keeps a young temporary file (a save may own it)|opening the catalog sweeps the temporary file once it is old, and says so"
skip_camera_cases () {
  local IFS='|'
  for what in $CAMERA_CASES; do missing "$what" "$1"; done
}

if [ "$have_camera" != 1 ]; then
  skip_camera_cases "no virtual camera in \$RESELL_BUILD_DIR/vcamera (meson builds it with tests/vcamera/build-vcamera)"
elif [ "$have_tools" != 1 ]; then
  skip_camera_cases "vips or python3 not available"
else
  run add_camera add --category handbags --title "Camera bag"
  SKU2=$(head -n 1 "$TMP/add_camera.out")
  ORIGINALS2="$RESELL_DATA_DIR/items/$SKU2/originals"

  shim_run capture "$TMP/capture.log" capture "$SKU2"
  check "capture under the shim (exit 0)" [ "$status" -eq 0 ]
  [ "$status" -ne 0 ] && diag "$TMP/capture.err"
  if save_order "$TMP/capture.log" "$ORIGINALS2" 2>"$TMP/capture.order"; then
    ok "capture: downloaded, fsynced, renamed, folder fsynced, then the row"
  else
    not_ok "capture: downloaded, fsynced, renamed, folder fsynced, then the row"
    diag "$TMP/capture.order"
  fi

  run add_killed add --category handbags --title "Killed bag"
  SKU3=$(head -n 1 "$TMP/add_killed.out")
  ORIGINALS3="$RESELL_DATA_DIR/items/$SKU3/originals"

  RESELL_FS_SHIM_KILL_RENAME=.part shim_run killed "$TMP/killed.log" capture "$SKU3"
  # 128 + SIGKILL (9); and the shim's note that it was its doing.
  check "capture killed by SIGKILL as it renames its temporary file" \
    sh -c '[ "$0" -eq 137 ] && grep -q "^killed	" "$1"' "$status" "$TMP/killed.log"

  leftovers=$(ls -A "$ORIGINALS3" 2>/dev/null)
  check "the killed capture left only its hidden temporary file" \
    sh -c 'printf "%s\n" "$0" | grep -Eqx "\..+\.[A-Za-z0-9]{6}\.part"' "$leftovers"
  [ -n "$leftovers" ] || echo "# originals of $SKU3: empty" >&2

  run list_young list
  check "opening the catalog keeps a young temporary file (a save may own it)" \
    sh -c '[ "$0" -eq 0 ] && [ "$(ls -A "$1")" = "$2" ] && [ -n "$2" ]' \
    "$status" "$ORIGINALS3" "$leftovers"

  # Older than the sweep's hour, as if the machine had been restarted later.
  [ -n "$leftovers" ] && touch -d "2 hours ago" -- "$ORIGINALS3/$leftovers"
  run list_old list
  check "opening the catalog sweeps the temporary file once it is old, and says so" \
    sh -c '[ "$0" -eq 0 ] && [ -n "$3" ] && [ -z "$(ls -A "$1")" ] && grep -q "Removed .*/$3, " "$2"' \
    "$status" "$ORIGINALS3" "$TMP/list_old.err" "$leftovers"
fi

[ "$n" -eq 8 ] || echo "# ran $n of 8" >&2
