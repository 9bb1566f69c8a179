#!/usr/bin/env bash
# Window start-up with a big catalog: time from launching `resell` to the
# first frame that shows the browser filled with the catalog's items, and the
# process's peak memory then.  Measured for 10,000 items and, as the peer in
# the same run, for an empty catalog (the app's own floor).  Prints; never asserts.
#
#   bench/startup.sh [BUILD_DIR] [N_ITEMS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-_build}
n=${2:-10000}
runs=${3:-5}

[ -x "$build/src/ui/resell" ] || { echo "build first: meson compile -C $build"; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/big" "$work/empty" "$work/cache" "$work/home"

"$build/bench/bench-catalog-fill" "$work/big" "$n"

measure () {  # DATA_DIR → prints "ms kib" per run
  local data=$1
  for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    line=$(HOME="$work/home" XDG_CACHE_HOME="$work/cache" RESELL_DATA_DIR="$data" \
           RESELL_CACHE_DIR="$work/cache" GSETTINGS_BACKEND=memory \
           GSETTINGS_SCHEMA_DIR="$build/data" RESELL_REPORT_STARTUP=quit GDK_BACKEND=x11 \
           "$build/src/ui/resell" 2>/dev/null | grep -m1 '^resell-startup:')
    end=$(date +%s%N)
    kib=$(sed -n 's/.*peak-rss-kib=\([0-9]*\).*/\1/p' <<<"$line")
    echo "$(( (end - start) / 1000000 )) $kib"
  done
}

median () { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

run_all () {
  big=$(measure "$work/big")
  empty=$(measure "$work/empty")
  big_ms=$(cut -d' ' -f1 <<<"$big" | median)
  big_kib=$(cut -d' ' -f2 <<<"$big" | median)
  empty_ms=$(cut -d' ' -f1 <<<"$empty" | median)
  empty_kib=$(cut -d' ' -f2 <<<"$empty" | median)
  echo "first frame, $n items:   ${big_ms} ms, peak RSS $((big_kib / 1024)) MB (median of $runs)"
  echo "first frame, empty:      ${empty_ms} ms, peak RSS $((empty_kib / 1024)) MB (median of $runs)"
  awk -v b="$big_ms" -v e="$empty_ms" 'BEGIN { printf "ratio %d items / empty: %.2fx time\n", '"$n"', b / e }'
  echo "renderer: ${GSK_RENDERER:-GTK default}"
  echo "goal: under 500 ms and under 150 MB for $n items"
}

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  Xvfb -displayfd 5 -screen 0 1280x900x24 -nolisten tcp -noreset 5>"$work/display" 2>/dev/null &
  xvfb=$!
  trap 'kill $xvfb 2>/dev/null; wait $xvfb 2>/dev/null; rm -rf "$work"' EXIT
  for _ in $(seq 100); do [ -s "$work/display" ] && break; sleep 0.1; done
  export DISPLAY=":$(head -n1 "$work/display")"
fi
run_all
