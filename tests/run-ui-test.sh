#!/usr/bin/env bash
# Runs tests/test-ui.py against the real app in a private X server (Xvfb)
# and a private D-Bus session, where the AT-SPI registry starts on demand.
#   run-ui-test.sh /path/to/resell /path/to/test-ui.py
set -euo pipefail

app=${1:?resell executable}
script=${2:?test script}

for tool in Xvfb dbus-run-session /usr/bin/python3; do
  if ! command -v "$tool" >/dev/null; then
    echo "FAIL: $tool is not installed (build-aux/install-deps installs it)"
    exit 1
  fi
done
/usr/bin/python3 -c 'import gi; gi.require_version("Atspi", "2.0"); from gi.repository import Atspi' 2>/dev/null || {
  echo "FAIL: python3 AT-SPI bindings missing (build-aux/install-deps installs them)"; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/home" "$work/data" "$work/cache" "$work/config" "$work/runtime"
chmod 700 "$work/runtime"

export HOME="$work/home"
export XDG_DATA_HOME="$work/home/.local/share"
export XDG_CONFIG_HOME="$work/config"
export XDG_CACHE_HOME="$work/cache"
export XDG_RUNTIME_DIR="$work/runtime"
export RESELL_DATA_DIR="$work/data"
export RESELL_CACHE_DIR="$work/cache/resell"
export GTK_A11Y=atspi
export GDK_BACKEND=x11
export GSK_RENDERER=cairo
export NO_AT_BRIDGE=0
unset NO_AT_BRIDGE
# GTK and its libraries keep caches for the life of the process; the leak
# checker is for the core tests.  Other sanitizer checks stay on.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
export RESELL_APP="$app"
export RESELL_TEST_WORK="$work"
# The scripts import tests/atspi_util.py: no bytecode in the source tree.
export PYTHONDONTWRITEBYTECODE=1

# A private X server on a display number of its own.  -noreset: by default
# Xvfb resets when its last client leaves, and the AT-SPI bus launcher's
# brief visit at start-up would then drop the app's first connection.  Numbers are drawn at
# random from a high range, and one is used only once its server is up and
# its socket is there, so runs side by side never share (or kill) a display.
xvfb=""
trap '[ -n "$xvfb" ] && { kill $xvfb 2>/dev/null; wait $xvfb 2>/dev/null; }; rm -rf "$work"' EXIT
for attempt in $(seq 10); do
  n=$(( 100 + (RANDOM % 800) ))
  [ -e "/tmp/.X$n-lock" ] || [ -e "/tmp/.X11-unix/X$n" ] && continue
  Xvfb ":$n" -screen 0 1280x900x24 -nolisten tcp -noreset 2>"$work/xvfb.log" &
  xvfb=$!
  for _ in $(seq 100); do
    [ -S "/tmp/.X11-unix/X$n" ] && break
    kill -0 $xvfb 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 $xvfb 2>/dev/null && [ -S "/tmp/.X11-unix/X$n" ]; then
    export DISPLAY=":$n"
    break
  fi
  wait $xvfb 2>/dev/null
  xvfb=""
done
[ -n "$xvfb" ] || { echo "Xvfb did not start:"; cat "$work/xvfb.log"; exit 1; }

# Every warning and critical of the app (and of the test's own AT-SPI
# client) fails the test, read from their log after the run rather than
# made fatal at once: GTK 4.8's AT-SPI code (Debian 12) answers a query for
# a widget whose accessible is not registered yet with a NULL object path,
# which GLib reports as a critical ("g_variant_is_object_path: assertion
# 'string != NULL' failed", fixed in later GTK).  A test that polls the tree
# while the app adds or removes widgets meets it now and then; fatal, it
# killed the app under test.  That line, and the client's "Error in
# GetItems" that the broken answer causes (libatspi logs it in the Atspi or
# the dbind domain, as a window comes or goes), are allowed; any other warning or
# critical fails the run and is shown.
export G_DEBUG=gc-friendly
status=0
dbus-run-session -- /usr/bin/python3 "$script" 2>"$work/stderr.log" || status=$?
cat "$work/stderr.log" >&2
known_gtk_bug="GLib-CRITICAL \*\*: [0-9:.]*: g_variant_is_object_path: assertion 'string != NULL' failed|(Atspi|dbind)-WARNING \*\*: [0-9:.]*: (AT-SPI: )?Error in GetItems"
if grep -E -- '(WARNING|CRITICAL) \*\*:' "$work/stderr.log" | grep -v -E -- "$known_gtk_bug" > "$work/warnings.log"; then
  echo "not ok - warnings or criticals were logged:"
  sed 's/^/#   /' "$work/warnings.log"
  [ $status -ne 0 ] || status=1
fi
if [ $status -ne 0 ]; then
  echo "# Xvfb on $DISPLAY said:"; sed 's/^/#   /' "$work/xvfb.log"
fi
exit $status
