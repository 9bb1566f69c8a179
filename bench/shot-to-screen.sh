#!/usr/bin/env bash
# Shot to screen: from a 24-megapixel JPEG arriving off the camera to its
# thumbnail written, its checks done and its row stored, through
# resell_importer_attach_async() on a main loop, as the studio does it; with
# vipsthumbnail and djpeg measured on the same files in the same run.
#
#   bench/shot-to-screen.sh [BUILD_DIR] [N_SHOTS]      (defaults: _build 20)
#
# Prints; never asserts.  See docs/benchmarks.md ("Shot to screen").
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-_build}
n=${2:-20}
exe=$build/bench/bench-shot-to-screen

[ -x "$exe" ] || { echo "build first: meson compile -C $build bench/bench-shot-to-screen"; exit 1; }
for tool in vipsthumbnail djpeg; do
  command -v "$tool" >/dev/null || echo "$tool is missing (build-aux/install-deps): its peer row is skipped"
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$exe" --shots "$n" "$work/run"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
