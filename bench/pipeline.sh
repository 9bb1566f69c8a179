#!/usr/bin/env bash
# Listing images from 24-megapixel photos: this pipeline against ImageMagick
# on the same recipe and against the machine's JPEG-decode floor, in one run.
#
#   bench/pipeline.sh [BUILD_DIR] [N_PHOTOS] [RUNS]      (defaults: _build 20 3)
#
# Makes N 6000x4000 JPEGs (~5 MB each: a product on a near-white backdrop,
# with camera noise, EXIF orientation 1/6/8, GPS, body and lens serials, owner,
# a thumbnail) with the vips CLI and exiftool, cached in
# ${RESELL_BENCH_WORK:-BUILD_DIR/bench-work}, then measures in RUNS rounds,
# each contender once a round (median photos/s, highest peak RSS), all with
# two photos at a time:
#   a. the pipeline in process: bench-pipeline, ResellListingExporter with two
#      workers, eBay profile (trim, whiten, square, 1600 px), fresh cache;
#   b. the plain resize path: the same without trim, whitening or square;
#   c. ImageMagick `convert` doing the same recipe (auto-orient, trim with
#      fuzz, whiten with -level, resize, square white extent, unsharp, strip,
#      quality 88) through `xargs -P2`, with the jpeg:size hint and without;
#   d. `djpeg -scale 1/2` over the same files, the decode floor;
#   e. bench-vips-floor: the least any libvips pipeline does for this output
#      (half-size decode, one resize, 3x3 sharpening, white square, JPEG; no
#      orientation, analysis, trim, whitening or metadata work), two workers:
#      a ceiling for the pipeline, and with --decode-only libvips' own
#      half-size decode into memory.
# Peak RSS: the pipeline's whole process (getrusage); the highest of the
# per-photo processes for convert and djpeg (/usr/bin/time, else /proc).
# CPU time per photo (user + system; the pipeline's process during the
# batch, the sum of the per-photo processes for the others): what each
# photo costs whatever else the machine is doing, so its ratios hold on a
# busy machine where the photos/s do not.  Needs GNU time for convert and
# djpeg.  Page cache warmed before each measurement.  Prints; never asserts.
set -euo pipefail

self=$(realpath "$0")

# --- one photo through ImageMagick or djpeg, with its peak RSS (xargs calls this)
if [ "${1:-}" = "--one" ]; then
  shift
  rss_file=$1; shift
  if [ -x /usr/bin/time ] && /usr/bin/time -f %M -o /dev/null true 2>/dev/null; then
    exec /usr/bin/time -f '%M %U %S' -o "$rss_file" "$@"
  fi
  # No GNU time: poll the high-water mark until the process ends.
  "$@" & pid=$!
  hwm=0
  while kill -0 "$pid" 2>/dev/null; do
    v=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
    [ -n "$v" ] && hwm=$v
    sleep 0.005
  done
  rc=0; wait "$pid" || rc=$?
  echo "$hwm" >"$rss_file"
  exit $rc
fi

cd "$(dirname "$self")/.."
build=${1:-_build}
n=${2:-20}
runs=${3:-3}
bench_exe=$build/bench/bench-pipeline
floor_exe=$build/bench/bench-vips-floor

for tool in vips exiftool djpeg; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: run build-aux/install-deps"; exit 1; }
done

work=${RESELL_BENCH_WORK:-$build/bench-work}
photos=$work/photos-v1
mkdir -p "$photos"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# ---------------------------------------------------------------- photos
# Scene drawn upright, then stored rotated for orientation 6 and 8 as a
# camera held sideways would.
make_photo () {  # INDEX OUT TEXTURE
  local i=$1 out=$2 tex=$3
  local d=$work/gen-$i
  rm -rf "$d"; mkdir -p "$d"
  local orient w h
  case $((i % 4)) in
    1) orient=6 ;;
    3) orient=8 ;;
    *) orient=1 ;;
  esac
  if [ "$orient" = 1 ]; then w=6000; h=4000; else w=4000; h=6000; fi
  local u=4000 k=$((80 + 6 * (i % 5)))                 # product scale, percent
  local cx=$((w / 2 + (i % 3 - 1) * u / 20)) cy=$((h / 2 + (i % 2) * u / 25))

  # Texture: a fractal surface, shifted per photo; product colours.
  if [ "$orient" = 1 ]; then
    vips wrap "$tex" "$d/t.v" --x $((i * 977)) --y $((i * 613))
  else
    vips rot "$tex" "$d/r.v" d90
    vips wrap "$d/r.v" "$d/t.v" --x $((i * 613)) --y $((i * 977))
  fi
  local colours=("0.30 0.22 0.16|120 78 50" "0.20 0.20 0.24|45 48 60" "0.28 0.12 0.10|150 40 35"
                 "0.18 0.24 0.18|70 95 60" "0.26 0.24 0.20|190 170 140")
  local c=${colours[$((i % 5))]}
  vips linear "$d/t.v" "$d/prod.v" "${c%|*}" "${c#*|}"

  # Mask: a bag, a box or a bottle.
  vips black "$d/m.v" "$w" "$h"
  case $((i % 3)) in
    0)  local bw=$((u * 65 * k / 10000)) bh=$((u * 48 * k / 10000))
        local top=$((cy - bh / 2 + u * 8 / 100))
        vips draw_circle "$d/m.v" 255 "$cx" "$top" $((u * 17 * k / 10000)) --fill
        vips draw_circle "$d/m.v" 0 "$cx" "$top" $((u * 13 * k / 10000)) --fill
        vips draw_rect "$d/m.v" 255 $((cx - bw / 2)) "$top" "$bw" "$bh" --fill ;;
    1)  local bw=$((u * 60 * k / 10000)) bh=$((u * 52 * k / 10000))
        vips draw_rect "$d/m.v" 255 $((cx - bw / 2)) $((cy - bh / 2)) "$bw" "$bh" --fill
        vips draw_rect "$d/m.v" 255 $((cx - bw * 53 / 100)) $((cy - bh / 2 - u * 6 / 100)) \
          $((bw * 106 / 100)) $((u * 8 / 100)) --fill ;;
    2)  local bw=$((u * 30 * k / 10000)) bh=$((u * 50 * k / 10000))
        local top=$((cy - bh / 2 + u * 12 / 100))
        vips draw_rect "$d/m.v" 255 $((cx - bw / 2)) "$top" "$bw" "$bh" --fill
        vips draw_circle "$d/m.v" 255 "$cx" "$top" $((bw / 2)) --fill
        vips draw_rect "$d/m.v" 255 $((cx - bw / 6)) $((top - bw / 2 - u * 15 / 100)) \
          $((bw / 3)) $((u * 16 / 100)) --fill ;;
  esac
  vips gaussblur "$d/m.v" "$d/mb.v" 1.5 --precision integer

  # Backdrop: ~238 grey, a soft shadow under the product, a slight warm cast.
  vips shrink "$d/m.v" "$d/ms.v" 8 8
  vips gaussblur "$d/ms.v" "$d/msb.v" 10
  vips resize "$d/msb.v" "$d/sh.v" 8
  vips linear "$d/sh.v" "$d/sh2.v" " -0.06" 0
  vips gaussnoise "$d/bg.v" "$w" "$h" --mean 238 --sigma 1.5 --seed "$i"
  vips add "$d/bg.v" "$d/sh2.v" "$d/bg2.v"
  vips linear "$d/bg2.v" "$d/bg3.v" "1 1 1" "0 -1 -3"
  vips ifthenelse "$d/mb.v" "$d/prod.v" "$d/bg3.v" "$d/comp.v" --blend

  # Sensor noise over everything; 8-bit sRGB; stored as the camera would.
  vips gaussnoise "$d/n.v" "$w" "$h" --mean 0 --sigma 2.8 --seed $((i + 1000))
  vips add "$d/comp.v" "$d/n.v" "$d/c2.v"
  vips cast "$d/c2.v" "$d/c3.v" uchar
  vips copy "$d/c3.v" "$d/c4.v" --interpretation srgb
  case $orient in
    6) vips rot "$d/c4.v" "$d/c5.v" d270 ;;
    8) vips rot "$d/c4.v" "$d/c5.v" d90 ;;
    *) mv "$d/c4.v" "$d/c5.v" ;;
  esac
  vips jpegsave "$d/c5.v" "$d/p.jpg" --Q 92 --strip
  vips thumbnail "$d/p.jpg" "$d/thumb.jpg" 160

  exiftool -q -overwrite_original -Make=Canon -Model="Canon EOS R6" \
    -Orientation#="$orient" -ColorSpace=sRGB \
    -DateTimeOriginal="2024:05:$(printf %02d $((i % 28 + 1))) 10:$(printf %02d $((i % 60))):00" \
    -SerialNumber="0831000$((1234 + i))" -LensSerialNumber="LS98765$i" \
    -OwnerName="Jane Seller" -Artist="Jane Seller" -ImageUniqueID="$(printf %032x "$i")" \
    -GPSLatitude=51.5072 -GPSLatitudeRef=N -GPSLongitude=0.1276 -GPSLongitudeRef=W \
    -GPSAltitude=35 -GPSAltitudeRef=0 "-ThumbnailImage<=$d/thumb.jpg" "$d/p.jpg"
  mv "$d/p.jpg" "$out"
  rm -rf "$d"
}

missing=()
for i in $(seq 1 "$n"); do
  f=$(printf '%s/photo-%03d.jpg' "$photos" "$i")
  [ -s "$f" ] || missing+=("$i")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "making ${#missing[@]} test photos in $photos (once; a few minutes)…"
  vips fractsurf "$work/texture.v" 6000 4000 2.5
  pids=()
  for i in "${missing[@]}"; do
    make_photo "$i" "$(printf '%s/photo-%03d.jpg' "$photos" "$i")" "$work/texture.v" >"$work/gen-$i.log" 2>&1 &
    pids+=($!)
    if [ ${#pids[@]} -ge 2 ]; then
      for p in "${pids[@]}"; do wait "$p" || { echo "making a photo failed: see $work/gen-*.log"; exit 1; }; done
      pids=()
    fi
  done
  for p in "${pids[@]}"; do wait "$p" || { echo "making a photo failed: see $work/gen-*.log"; exit 1; }; done
  rm -f "$work/texture.v" "$work"/gen-*.log
fi

[ -x "$bench_exe" ] || { echo "build first: meson compile -C $build bench/bench-pipeline"; exit 1; }
[ -x "$floor_exe" ] || { echo "build first: meson compile -C $build bench/bench-vips-floor"; exit 1; }

files=()
for i in $(seq 1 "$n"); do files+=("$(printf '%s/photo-%03d.jpg' "$photos" "$i")"); done
total_bytes=$(cat "${files[@]}" | wc -c)
first=${files[0]}

median () { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
highest () { sort -g | tail -n1; }
warm () { cat "${files[@]}" >/dev/null; }
now_ns () { date +%s%N; }

echo "photos: $n x $(vipsheader -f width "$first")x$(vipsheader -f height "$first") JPEG," \
     "$(awk -v b="$total_bytes" -v n="$n" 'BEGIN {printf "%.1f", b / n / 1e6}') MB average," \
     "EXIF orientation/GPS/serials ($photos)"
echo "machine: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)," \
     "$(awk '/MemTotal/ {printf "%d MB", $2 / 1024}' /proc/meminfo) RAM; $runs rounds (median photos/s, highest RSS)"
echo

# ------------------------------------------------------------- contenders
# Rounds: every contender once per round, so a busy spell on the machine
# hits all of them alike; medians over the rounds.
mkdir -p "$tmp/res"
record () {  # KEY RATE RSS_KIB [CPU_MS_PER_PHOTO]
  echo "$2" >>"$tmp/res/$1.rate"
  echo "$3" >>"$tmp/res/$1.rss"
  [ -n "${4:-}" ] && echo "$4" >>"$tmp/res/$1.cpu"
  return 0
}

measure_pipeline () {  # KEY ROUND [bench-pipeline options]
  local key=$1 r=$2 out; shift 2
  warm
  out=$("$bench_exe" --workers 2 "$@" "$tmp/$key-$r" "${files[@]}") || {
    echo "$key: bench-pipeline failed"; echo "$out"; return 1; }
  record "$key" "$(sed -n 's/^pipeline-photos-per-s: //p' <<<"$out")" \
                "$(sed -n 's/^pipeline-peak-rss-kib: //p' <<<"$out")" \
                "$(awk -v n="$n" '/^pipeline-cpu-ms: / {printf "%.1f", $2 / n}' <<<"$out")"
  [ "$r" = 1 ] && sed -n 's/^pipeline-output: \([0-9x]*\) \([0-9]*\) bytes.*/\1, \2 bytes/p' <<<"$out" >"$tmp/$key.output"
  [ "$r" = "$runs" ] || rm -rf "$tmp/$key-$r"
}

measure_floor () {  # KEY ROUND [bench-vips-floor options]
  local key=$1 r=$2 out; shift 2
  warm
  out=$("$floor_exe" --workers 2 "$@" "$tmp/$key-$r" "${files[@]}") || {
    echo "$key: bench-vips-floor failed"; echo "$out"; return 1; }
  record "$key" "$(sed -n 's/^floor-photos-per-s: //p' <<<"$out")" \
                "$(sed -n 's/^floor-peak-rss-kib: //p' <<<"$out")" \
                "$(awk -v n="$n" '/^floor-cpu-ms: / {printf "%.1f", $2 / n}' <<<"$out")"
  rm -rf "$tmp/$key-$r"
}

measure_parallel () {  # KEY COMMAND (run as COMMAND FILE OUT per photo, two at a time)
  local key=$1 cmd=$2 start end b
  rm -rf "$tmp/$key-par"; mkdir -p "$tmp/$key-par/out" "$tmp/$key-par/rss"
  warm
  start=$(now_ns)
  for f in "${files[@]}"; do
    b=$(basename "$f" .jpg)
    printf '%s\0%s\0%s\0%s\0' "$tmp/$key-par/rss/$b" "$cmd" "$f" "$tmp/$key-par/out/$b.jpg"
  done | xargs -0 -n4 -P2 "$self" --one >/dev/null 2>"$tmp/$key-par/err" \
    || { echo "$key: failed"; head -5 "$tmp/$key-par/err"; return 1; }
  end=$(now_ns)
  record "$key" "$(awk -v n="$n" -v ns=$((end - start)) 'BEGIN {printf "%.3f", n / (ns / 1e9)}')" \
                "$(cat "$tmp/$key-par/rss"/* | awk '{print $1}' | highest)" \
                "$(cat "$tmp/$key-par/rss"/* | awk -v n="$n" 'NF >= 3 {c += $2 + $3; k++} END {if (k == n) printf "%.1f", c * 1000 / n}')"
}

im=""
for c in /usr/bin/convert "$(command -v convert || true)" "$(command -v magick || true)"; do
  [ -n "$c" ] && [ -x "$c" ] && "$c" -version 2>/dev/null | grep -q ImageMagick && { im=$c; break; }
done

# The hint: ImageMagick 6 shrinks a JPEG on decode only by a whole factor
# that keeps both sides at or above the hint, so for 3:2 photos
# jpeg:size=3200x3200 decodes 6000x4000 at full size; 1600x1600 (the
# listing's long edge) decodes at 3000x2000, the pipeline's own half-size
# decode.  Override with IM_HINT.
im_hint=${IM_HINT:-1600x1600}
margin_box=1408   # 1600 less the profile's 6 % margin on each side
im_recipe=(-auto-orient -fuzz 8% -trim +repage -resize "${margin_box}x${margin_box}"
           -level "0%,93%" -background white -gravity center -extent 1600x1600
           -unsharp 0x0.8+0.6+0 -strip -quality 88)
if [ -n "$im" ]; then
  decoded=$("$im" -define jpeg:size="$im_hint" "$first" -format '%wx%h' info:)
  # One thread per process, two processes: as the pipeline's two workers.
  export MAGICK_THREAD_LIMIT=${MAGICK_THREAD_LIMIT:-1}
  cat >"$tmp/im-hint" <<EOF
#!/bin/sh
exec "$im" -define jpeg:size=$im_hint "\$1" ${im_recipe[*]} "\$2"
EOF
  cat >"$tmp/im-plain" <<EOF
#!/bin/sh
exec "$im" "\$1" ${im_recipe[*]} "\$2"
EOF
  chmod +x "$tmp/im-hint" "$tmp/im-plain"
fi
cat >"$tmp/djpeg-half" <<'EOF'
#!/bin/sh
exec djpeg -scale 1/2 -outfile /dev/null "$1"
EOF
chmod +x "$tmp/djpeg-half"

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for r in $(seq "$runs"); do
  [ -t 1 ] && printf 'round %d of %d…\r' "$r" "$runs"
  measure_pipeline pipe "$r" --profile ebay
  measure_pipeline plain "$r" --plain --profile ebay
  if [ -n "$im" ]; then
    measure_parallel im "$tmp/im-hint"
    measure_parallel imnohint "$tmp/im-plain"
  fi
  measure_parallel djpeg "$tmp/djpeg-half"
  measure_floor floor "$r"
  measure_floor vdecode "$r" --decode-only
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
[ -t 1 ] && printf '%20s\r' ''

# ------------------------------------------------------------------ report
rate_of () { median <"$tmp/res/$1.rate"; }
rss_mb_of () { highest <"$tmp/res/$1.rss" | awk '{printf "%.0f", $1 / 1024}'; }
cpu_of () { [ -s "$tmp/res/$1.cpu" ] && median <"$tmp/res/$1.cpu"; }
row () {  # KEY LABEL RSS-NOTE
  printf '%-36s %6.2f photos/s   peak RSS %4d MB %-15s [rounds: %s]\n' "$2" \
    "$(rate_of "$1")" "$(rss_mb_of "$1")" "$3" "$(paste -sd, "$tmp/res/$1.rate")"
}
cpu_row () {  # KEY LABEL
  if [ -s "$tmp/res/$1.cpu" ]; then
    printf '%-36s %6.0f ms CPU a photo   [rounds: %s]\n' "$2" "$(cpu_of "$1")" "$(paste -sd, "$tmp/res/$1.cpu")"
  else
    printf '%-36s  (no CPU time: needs GNU time)\n' "$2"
  fi
}

row pipe "a. pipeline, eBay, 2 workers" "(process)"
row plain "b. plain resize, 2 workers" "(process)"
if [ -n "$im" ]; then
  row im "c. ImageMagick, jpeg:size=$im_hint" "(per process)"
  row imnohint "c. ImageMagick, no hint" "(per process)"
else
  echo "c. ImageMagick: not installed (no convert printing 'ImageMagick'); its rows are skipped"
fi
row djpeg "d. djpeg -scale 1/2 (decode floor)" "(per process)"
row floor "e. libvips floor, 2 workers" "(process)"
row vdecode "e. libvips half-size decode only" "(process)"
echo
echo "CPU time per photo (user + system, median over the rounds):"
cpu_row pipe "a. pipeline, eBay"
cpu_row plain "b. plain resize"
if [ -n "$im" ]; then
  cpu_row im "c. ImageMagick, jpeg:size=$im_hint"
  cpu_row imnohint "c. ImageMagick, no hint"
fi
cpu_row djpeg "d. djpeg -scale 1/2"
cpu_row floor "e. libvips floor"
cpu_row vdecode "e. libvips half-size decode only"

echo
echo "listing image (pipeline): $(cat "$tmp/pipe.output"); plain: $(cat "$tmp/plain.output")"
leaks=$(exiftool -q -q -s -s -s -GPS:all -SerialNumber -LensSerialNumber -OwnerName -Artist -ThumbnailImage \
        "$tmp/pipe-$runs"/*.jpg 2>/dev/null | head -3)
if [ -z "$leaks" ]; then
  echo "metadata (exiftool over the pipeline's output): no GPS, serials, owner, artist or thumbnail"
else
  echo "metadata (exiftool over the pipeline's output): LEAKED: $leaks"
fi
if [ -n "$im" ]; then
  im_out=$(vipsheader -f width "$tmp/im-par/out/photo-001.jpg")x$(vipsheader -f height "$tmp/im-par/out/photo-001.jpg")
  echo "ImageMagick: $("$im" -version | head -1 | cut -d' ' -f2-3), MAGICK_THREAD_LIMIT=$MAGICK_THREAD_LIMIT," \
       "jpeg:size=$im_hint decodes at $decoded, output $im_out"
  echo "ImageMagick recipe: convert -define jpeg:size=$im_hint IN ${im_recipe[*]} OUT"
fi
echo "load average before: $load_before; after: $load_after"
echo

ratio () {  # LABEL NUM_KEY DEN_KEY GOAL
  local per
  per=$(paste -d' ' "$tmp/res/$2.rate" "$tmp/res/$3.rate" | awk '{printf "%s%.2f", (NR > 1 ? "," : ""), $1 / $2}')
  awk -v p="$(rate_of "$2")" -v q="$(rate_of "$3")" -v l="$1" -v g="$4" -v per="$per" \
    'BEGIN {printf "%-36s %5.2f  %-14s [per round: %s]\n", l, p / q, g, per}'
}
if [ -n "$im" ]; then
  ratio "pipeline / ImageMagick with hint:" pipe im "(goal >= 5)"
  ratio "pipeline / ImageMagick without:" pipe imnohint ""
else
  echo "pipeline / ImageMagick with hint:   skipped (ImageMagick not installed)"
fi
ratio "plain resize / djpeg floor:" plain djpeg "(goal >= 0.5)"
ratio "pipeline / djpeg floor:" pipe djpeg ""
if [ -n "$im" ]; then
  ratio "libvips floor / ImageMagick with hint:" floor im "(the most any libvips pipeline of this recipe reaches)"
  ratio "libvips decode only / ImageMagick:" vdecode im ""
fi
ratio "pipeline / libvips floor:" pipe floor ""
echo "pipeline peak RSS, 2 workers:        $(rss_mb_of pipe) MB  (goal < 150 MB; plain path $(rss_mb_of plain) MB)"
cpu_ratio () {  # LABEL SLOW_KEY FAST_KEY GOAL: the same ratio from CPU time per photo
  if [ -s "$tmp/res/$2.cpu" ] && [ -s "$tmp/res/$3.cpu" ]; then
    awk -v s="$(cpu_of "$2")" -v f="$(cpu_of "$3")" -v l="$1" -v g="$4" \
      'BEGIN {printf "%-36s %5.2f  %s\n", l, s / f, g}'
  fi
}
echo
echo "the same ratios from CPU time per photo (less sensitive to other work on the machine; equal to the"
echo "photos/s ratios when each contender keeps both cores busy):"
[ -n "$im" ] && cpu_ratio "pipeline / ImageMagick with hint:" im pipe "(goal >= 5)"
cpu_ratio "plain resize / djpeg floor:" djpeg plain "(goal >= 0.5)"
[ -n "$im" ] && cpu_ratio "libvips floor / ImageMagick with hint:" im floor ""
[ -n "$im" ] && cpu_ratio "libvips decode only / ImageMagick:" im vdecode ""
cpu_ratio "pipeline / libvips floor:" floor pipe ""
