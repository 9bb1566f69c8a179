#!/usr/bin/env bash
# test-cli.sh — TAP test of resell-cli against a throw-away catalog.
#
# Usage: test-cli.sh /path/to/resell-cli
# Needs: vips (libvips-tools), python3, sha256sum; sqlite3 or python3 to
# put an item in the trash; exiftool to check that listing images carry no
# GPS position, serial number or owner; ImageMagick's convert for the shot
# checks; and libgphoto2's virtual camera in $RESELL_BUILD_DIR/vcamera (meson
# builds it) for the camera cases.  build-aux/install-deps installs every
# tool.  A missing one fails the cases that need it, naming it: never a skip.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

CLI=${1:?usage: test-cli.sh /path/to/resell-cli}

. "$(dirname "$0")/test-lib.sh" cli

PLAN=56
echo "1..$PLAN"

have_python=0
command -v python3 >/dev/null 2>&1 && have_python=1

# json_check FILE PYTHON-EXPR : EXPR sees the parsed document as `d`.
json_check () {
  [ "$have_python" = 1 ] || return 1
  python3 -c '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
sys.exit(0 if eval(sys.argv[2]) else 1)
' "$1" "$2"
}

# --- test pictures ----------------------------------------------------
PICS="$TMP/pictures"
mkdir -p "$PICS"
have_vips=0
if command -v vips >/dev/null 2>&1 &&
   vips black "$PICS/good.jpg" 64 48 >/dev/null 2>&1 &&
   vips black "$PICS/second.jpg" 80 60 --bands 3 >/dev/null 2>&1; then
  have_vips=1
fi
: >"$PICS/empty.jpg"
printf 'This is not a picture.\n' >"$PICS/text.jpg"

# --- 1-2: basics --------------------------------------------------------
run version --version
check "--version prints the version" \
  sh -c '[ "$0" -eq 0 ] && grep -q "^resell-cli [0-9]" "$1"' "$status" "$TMP/version.out"

run nocmd
check "no command is a usage error (exit 2)" [ "$status" -eq 2 ]

# --- 3-4: categories ------------------------------------------------------
builtin="books-media clothing electronics handbags home-goods shoes watches-jewellery"
run categories categories
categories_ok=1
for id in $builtin; do
  grep -q "^$id[[:space:]]" "$TMP/categories.out" || categories_ok=0
done
[ "$status" -eq 0 ] || categories_ok=0
if [ "$categories_ok" = 1 ]; then
  ok "categories lists the 7 built-in ids"
else
  diag "$TMP/categories.out"
  not_ok "categories lists the 7 built-in ids"
fi

run categories_json categories --json
check "categories --json has the 7 built-in ids with shot counts" \
  json_check "$TMP/categories_json.out" \
  "set('$builtin'.split()) <= {c['id'] for c in d} and all(isinstance(c['shot_count'], int) for c in d)"

# --- 5-9: add and list ----------------------------------------------------
run add add --category handbags --title "Test bag" --brand "Acme" --colour "Red"
SKU=$(head -n 1 "$TMP/add.out")
check "add exits 0" [ "$status" -eq 0 ]
check "add prints a SKU ($SKU)" \
  sh -c 'printf "%s\n" "$0" | grep -Eq "^[A-Z0-9]+-[0-9]{6}-[0-9]{3,}$"' "$SKU"

run list list
check "list shows the new item, each field in its column" \
  sh -c '[ "$0" -eq 0 ] && head -n 1 "$2" | grep -Eq "^SKU +STATE +GRADE +PRICE +CATEGORY +TITLE +PHOTOS$" &&
         grep -F -- "$1" "$2" | grep -Eq "^$1 +draft +- +- +handbags +Test bag +0$"' "$status" "$SKU" "$TMP/list.out"

run list_json list --json
check "list --json parses and holds the item's fields" \
  json_check "$TMP/list_json.out" \
  "isinstance(d, list) and any(i['sku'] == '$SKU' and i['category'] == 'handbags' and i['title'] == 'Test bag' and i['brand'] == 'Acme' and i['colour'] == 'Red' and i['state'] == 'draft' and i['photo_count'] == 0 and i['created_at'].endswith('Z') and isinstance(i['id'], int) for i in d) and all(set(['id','sku','category','brand','model','title','size','colour','material','notes','consignor','state','created_at','updated_at','photo_count']) <= set(i) for i in d)"

run add_bad add --category no-such-category --title "Nope"
check "add with an unknown category exits 1 with a message" \
  sh -c '[ "$0" -eq 1 ] && grep -q "^resell-cli: .*no-such-category" "$1" && [ ! -s "$2" ]' \
  "$status" "$TMP/add_bad.err" "$TMP/add_bad.out"

# --- 10-12: filters -------------------------------------------------------
# (A new item cannot be ready: it has no grade nor price; test-cli-ready.sh.)
run add2 add --category shoes --title "Blue trainers"
SKU2=$(head -n 1 "$TMP/add2.out")
run list_state list --state ready --json
run list_draft list --state draft --json
check "list --state shows only items in that state" \
  eval "json_check '$TMP/list_state.out' 'd == []' &&
        json_check '$TMP/list_draft.out' \"sorted(i['sku'] for i in d) == sorted(['$SKU', '$SKU2'])\""

run list_search list --search "TEST BAG" --json
check "list --search matches case-insensitively" \
  json_check "$TMP/list_search.out" "[i['sku'] for i in d] == ['$SKU']"

run list_badstate list --state sold-out
check "list with an unknown state is a usage error (exit 2)" [ "$status" -eq 2 ]

# --- 13-18: import ------------------------------------------------------------
if [ "$have_vips" = 1 ]; then
  run import import "$SKU" "$PICS/good.jpg" "$PICS/empty.jpg" "$PICS/text.jpg"
  check "import with two bad files exits 1" [ "$status" -eq 1 ]
  check "import reports the good file as imported" \
    grep -q "^imported good\.jpg" "$TMP/import.out"
  check "import names both failed files" \
    sh -c '[ "$(grep -c "^failed: " "$0")" -eq 2 ] &&
           grep "^failed: " "$0" | grep -q "empty\.jpg" &&
           grep "^failed: " "$0" | grep -q "text\.jpg"' "$TMP/import.out"
  if [ "$status" -ne 1 ]; then diag "$TMP/import.out"; fi

  run import_again import "$SKU" "$PICS/good.jpg"
  check "importing the same file again reports a duplicate and exits 0" \
    sh -c '[ "$0" -eq 0 ] && grep -q "^duplicate good\.jpg" "$1"' "$status" "$TMP/import_again.out"

  SUM=$(sha256sum "$PICS/good.jpg" | cut -d " " -f 1)
  run show show "$SKU" --json
  check "show --json lists the photo with the source's sha256" \
    json_check "$TMP/show.out" \
    "d['sku'] == '$SKU' and len(d['photos']) == 1 and d['photos'][0]['sha256'] == '$SUM' and d['photos'][0]['width'] == 64 and d['photos'][0]['height'] == 48 and d['photo_count'] == 1"

  run import_json import "$SKU" "$PICS/second.jpg" "$PICS/empty.jpg" --json
  check "import --json reports each file with its status" \
    json_check "$TMP/import_json.out" \
    "[r['status'] for r in d] == ['imported', 'failed'] and d[0]['photo']['width'] == 80 and d[1]['photo'] is None and d[1]['message'] and d[0]['file'].endswith('second.jpg')"
else
  for what in "import exit status" "import imported" "import failed names" \
              "import duplicate" "show --json sha256" "import --json"; do
    missing "$what" "the vips command (libvips-tools) is not installed or failed"
  done
fi

# --- 19-22: errors ----------------------------------------------------------
run show_unknown show NOPE-000000-000
check "show of an unknown SKU exits 1 with a message" \
  sh -c '[ "$0" -eq 1 ] && grep -q "^resell-cli: .*NOPE-000000-000" "$1"' "$status" "$TMP/show_unknown.err"

run import_unknown import NOPE-000000-000 "$PICS/empty.jpg"
check "import into an unknown SKU exits 1" [ "$status" -eq 1 ]

run import_usage import "$SKU"
check "import without files is a usage error (exit 2)" [ "$status" -eq 2 ]

run bad_option list --no-such-option
check "an unknown option is a usage error (exit 2)" [ "$status" -eq 2 ]

# --- 23-24: an item in the trash ---------------------------------------------
# The CLI has no delete command: trash the item as the app does.
trash_sql="UPDATE items SET trashed_at = CAST(strftime('%s', 'now') AS INTEGER) * 1000000 WHERE sku = '$SKU2'"
trashed=0
if command -v sqlite3 >/dev/null 2>&1; then
  sqlite3 "$RESELL_DATA_DIR/catalog.db" "$trash_sql" && trashed=1
elif [ "$have_python" = 1 ]; then
  python3 -c '
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute(sys.argv[2])
db.commit()
' "$RESELL_DATA_DIR/catalog.db" "$trash_sql" && trashed=1
fi
in_trash="The item “$SKU2” is in the trash."
if [ "$trashed" = 1 ]; then
  run show_trashed show "$SKU2"
  check "show of an item in the trash exits 1 saying so" \
    sh -c '[ "$0" -eq 1 ] && grep -qxF "resell-cli: $1" "$2" && [ ! -s "$3" ]' \
    "$status" "$in_trash" "$TMP/show_trashed.err" "$TMP/show_trashed.out"

  run import_trashed import "$SKU2" "$PICS/empty.jpg"
  check "import into an item in the trash exits 1 saying so, importing nothing" \
    sh -c '[ "$0" -eq 1 ] && grep -qxF "resell-cli: $1" "$2" && [ ! -s "$3" ] &&
           [ ! -e "$4" ]' \
    "$status" "$in_trash" "$TMP/import_trashed.err" "$TMP/import_trashed.out" \
    "$RESELL_DATA_DIR/items/$SKU2"
else
  missing "show of an item in the trash" "neither sqlite3 nor python3 could trash the item"
  missing "import into an item in the trash" "neither sqlite3 nor python3 could trash the item"
fi

# --- 25-32: listing images (process, export) -----------------------------------
SHOOT="$TMP/shoot"
OUT="$TMP/listing images"
mkdir -p "$SHOOT"
have_big=0
if [ "$have_vips" = 1 ] &&
   vips gaussnoise "$TMP/noise.v" 800 600 --mean 128 --sigma 30 >/dev/null 2>&1 &&
   vips cast "$TMP/noise.v" "$TMP/noise8.v" uchar >/dev/null 2>&1 &&
   vips crop "$TMP/noise8.v" "$SHOOT/bag.jpg" 0 0 800 600 >/dev/null 2>&1 &&
   vips crop "$TMP/noise8.v" "$TMP/front.jpg" 0 0 700 560 >/dev/null 2>&1 &&
   vips crop "$TMP/noise8.v" "$TMP/back.jpg" 10 0 700 560 >/dev/null 2>&1 &&
   vips crop "$TMP/noise8.v" "$TMP/side.jpg" 20 0 700 560 >/dev/null 2>&1; then
  have_big=1
fi
printf 'A shopping list, not a photo.\n' >"$SHOOT/list.jpg"

# The privacy check: originals that say where they were taken, the camera's
# serial number and its owner, none of which a listing image may carry.
COPYRIGHT="© Test Shop 2024"
# private_metadata FILE : prints what FILE still tells of these, by tag
# (exiftool) or by the planted values anywhere in its bytes; nothing when
# it is clean.  An unreadable file prints exiftool's error: never clean.
private_metadata () {
  exiftool -a -s -G1 -gps:all -SerialNumber -InternalSerialNumber -OwnerName "$1" 2>&1
  grep -a -o -e SN123456 -e "Jo Bloggs" -- "$1"
}
# plant_private FILE : gives FILE the GPS position, serial number and owner,
# and checks exiftool reads them back.
plant_private () {
  exiftool -q -overwrite_original -GPSLatitude=48.8584 -GPSLatitudeRef=N \
    -GPSLongitude=2.2945 -GPSLongitudeRef=E -SerialNumber=SN123456 \
    -OwnerName="Jo Bloggs" "$1" >/dev/null 2>"$TMP/exiftool.err" || return 1
  private_metadata "$1" >"$TMP/planted.txt"
  grep -q "GPSLatitude" "$TMP/planted.txt" && grep -q "SerialNumber" "$TMP/planted.txt" &&
    grep -q "OwnerName" "$TMP/planted.txt"
}
# is_private_free FILE [COPYRIGHT] : FILE has none of it, and the copyright
# line when one is given.
is_private_free () {
  local left
  left=$(private_metadata "$1")
  if [ -n "$left" ]; then
    printf '%s\n' "$1 still carries:" "$left" | diag
    return 1
  fi
  if [ -n "${2:-}" ] && [ "$(exiftool -s -s -s -Copyright "$1")" != "$2" ]; then
    echo "$1: copyright \"$(exiftool -s -s -s -Copyright "$1")\", not \"$2\"" | diag
    return 1
  fi
}
have_exiftool=0
if ! command -v exiftool >/dev/null 2>&1; then
  exiftool_missing="exiftool (libimage-exiftool-perl) is not installed"
elif [ "$have_big" = 1 ] && plant_private "$SHOOT/bag.jpg" && plant_private "$TMP/front.jpg"; then
  have_exiftool=1
else
  exiftool_missing="exiftool could not put GPS, serial number and owner in the test pictures"
  diag "$TMP/exiftool.err"
fi

# is_whole_jpeg FILE : starts with SOI, ends with EOI, and decodes.
is_whole_jpeg () {
  [ -s "$1" ] || return 1
  if [ "$have_python" = 1 ]; then
    python3 -c '
import sys
d = open(sys.argv[1], "rb").read().rstrip(b"\0")
sys.exit(0 if d[:2] == b"\xff\xd8" and d[-2:] == b"\xff\xd9" else 1)
' "$1" || return 1
  fi
  vips avg "$1" >/dev/null 2>&1
}

# only_file DIR NAME : DIR holds NAME and nothing else (no temporary files).
only_file () {
  [ "$(ls -A "$1")" = "$2" ]
}

if [ "$have_big" = 1 ]; then
  run process process --out "$OUT" "$SHOOT"
  check "process of a folder with a bad file exits 1, naming it, the good one done" \
    sh -c '[ "$0" -eq 1 ] &&
           grep -q "^done bag\.jpg → .*/bag\.jpg$" "$1" &&
           [ "$(grep -c "^failed: " "$1")" -eq 1 ] && grep "^failed: " "$1" | grep -q "list\.jpg"' \
    "$status" "$TMP/process.out"
  if [ "$status" -ne 1 ]; then diag "$TMP/process.out"; fi

  if is_whole_jpeg "$OUT/bag.jpg" && only_file "$OUT" bag.jpg; then
    ok "process wrote a whole listing image, and nothing else"
  else
    ls -la "$OUT" | diag
    not_ok "process wrote a whole listing image, and nothing else"
  fi

  if [ "$have_exiftool" = 1 ]; then
    check "the listing image carries no GPS position, serial number or owner (the original did)" \
      is_private_free "$OUT/bag.jpg"

    # With a copyright line the renderer writes EXIF again: only that line.
    run process_copyright process --copyright "$COPYRIGHT" --out "$TMP/copyright" "$SHOOT/bag.jpg"
    if [ "$status" -eq 0 ] && is_private_free "$TMP/copyright/bag.jpg" "$COPYRIGHT"; then
      ok "process --copyright: the copyright line and no GPS position, serial number or owner"
    else
      not_ok "process --copyright: the copyright line and no GPS position, serial number or owner"
    fi
  else
    missing "listing image without GPS, serial number or owner" "$exiftool_missing"
    missing "process --copyright: only the copyright line" "$exiftool_missing"
  fi

  run process_json process --json --out "$OUT" "$SHOOT/bag.jpg" "$SHOOT/list.jpg" "$SHOOT/missing.jpg"
  [ "$status" -eq 1 ] && process_json_status=ok || process_json_status=bad
  check "process --json again (exit 1): the good one from the cache, the bad ones failed with a message" \
    json_check "$TMP/process_json.out" \
    "'$process_json_status' == 'ok' and [r['status'] for r in d] == ['cached', 'failed', 'failed'] and d[0]['output'].endswith('/bag.jpg') and d[0]['message'] is None and 'list.jpg' in d[1]['message'] and 'missing.jpg' in d[2]['message'] and d[1]['file'].endswith('list.jpg')"
else
  for what in "process exit status" "process output" "process strips GPS" "process --copyright" "process --json"; do
    missing "$what" "the vips command (libvips-tools) is not installed or failed"
  done
fi

run process_usage process "$SHOOT"
check "process without --out is a usage error (exit 2)" [ "$status" -eq 2 ]

if [ "$have_big" = 1 ] && [ "$have_python" = 1 ]; then
  # A profile of one's own that takes two photos: the third must be reported.
  python3 -c '
import json, sys
p = json.load(open(sys.argv[1], encoding="utf-8"))
p.update(id="two", name="Two Photos", max_photos=2)
json.dump(p, open(sys.argv[2], "w", encoding="utf-8"))
' "${RESELL_SOURCE_DIR:-$(dirname "$0")/..}/data/profiles/ebay.json" "$TMP/two.json"
  run add_export add --category handbags --title "Export bag"
  SKU3=$(head -n 1 "$TMP/add_export.out")
  run import_export import "$SKU3" "$TMP/front.jpg" "$TMP/back.jpg" "$TMP/side.jpg"
  EXP="$TMP/export"
  run export export "$SKU3" --profile "$TMP/two.json" --out "$EXP"
  check "export writes SKU-NN-SHOT.jpg in catalog order and reports the photo over the limit" \
    sh -c '[ "$0" -eq 0 ] &&
           [ -s "$2/$1-01-front.jpg" ] && [ -s "$2/$1-02-back.jpg" ] &&
           [ "$(ls -A "$2" | wc -l)" -eq 2 ] &&
           grep -q "^skipped: .*side\.jpg" "$3" &&
           [ "$(grep -c "^done " "$3")" -eq 2 ]' "$status" "$SKU3" "$EXP" "$TMP/export.out"
  if [ "$status" -ne 0 ]; then diag "$TMP/export.out"; fi

  run export_json export "$SKU3" --json --profile "$TMP/two.json" --out "$EXP"
  check "export --json: two from the cache, one skipped" \
    json_check "$TMP/export_json.out" \
    "[r['status'] for r in d] == ['cached', 'cached', 'skipped'] and d[2]['output'] is None and d[2]['message'] and d[0]['output'].endswith('$SKU3-01-front.jpg')"

  # The front photo's original has a GPS position, serial number and owner.
  if [ "$have_exiftool" = 1 ]; then
    check "export: the listing image carries no GPS position, serial number or owner" \
      is_private_free "$EXP/$SKU3-01-front.jpg"
    run export_copyright export "$SKU3" --copyright "$COPYRIGHT" --profile "$TMP/two.json" --out "$TMP/export-copyright"
    if [ "$status" -eq 0 ] && is_private_free "$TMP/export-copyright/$SKU3-01-front.jpg" "$COPYRIGHT"; then
      ok "export --copyright: the copyright line and no GPS position, serial number or owner"
    else
      not_ok "export --copyright: the copyright line and no GPS position, serial number or owner"
    fi
  else
    missing "export without GPS, serial number or owner" "$exiftool_missing"
    missing "export --copyright: only the copyright line" "$exiftool_missing"
  fi
else
  missing "export" "vips or python3 is not installed or failed"
  missing "export --json" "vips or python3 is not installed or failed"
  missing "export without GPS, serial number or owner" "vips or python3 is not installed or failed"
  missing "export --copyright: only the copyright line" "vips or python3 is not installed or failed"
fi

run export_unknown export NOPE-000000-000 --out "$TMP/export-none"
check "export of an unknown SKU exits 1 and writes nothing" \
  sh -c '[ "$0" -eq 1 ] && [ ! -e "$1" ]' "$status" "$TMP/export-none"

# --- 33-37: marketplace profiles (profiles, WebP, Etsy) --------------------------
run profiles profiles
if [ "$status" -eq 0 ] &&
   [ "$(sed -n 2p "$TMP/profiles.out" | cut -d " " -f 1)" = ebay ] &&
   grep -q "^ebay[[:space:]]\+eBay[[:space:]]\+1600 px square JPEG, up to 24 photos$" "$TMP/profiles.out" &&
   grep -q "^etsy[[:space:]].*2000 px square JPEG, up to 10 photos$" "$TMP/profiles.out" &&
   grep -q "^web-shop[[:space:]].*2048 px WebP, up to 50 photos$" "$TMP/profiles.out" &&
   ! grep -q "^preview[[:space:]]" "$TMP/profiles.out"; then
  ok "profiles lists ebay first, etsy and web-shop, not the internal preview"
else
  diag "$TMP/profiles.out"
  not_ok "profiles lists ebay first, etsy and web-shop, not the internal preview"
fi

run profiles_json profiles --json
check "profiles --json: ids, formats, sizes and limits" \
  json_check "$TMP/profiles_json.out" \
  "[(p['id'], p['format'], p['long_edge'], p['square'], p['max_photos']) for p in d] == [('ebay', 'jpeg', 1600, True, 24), ('etsy', 'jpeg', 2000, True, 10), ('web-shop', 'webp', 2048, False, 50)] and d[1]['max_bytes'] == 10000000 and d[2]['quality'] == 82 and d[0]['name'] == 'eBay'"

# is_whole_webp FILE : a RIFF file of the size it says, holding a WebP that decodes.
is_whole_webp () {
  [ -s "$1" ] || return 1
  if [ "$have_python" = 1 ]; then
    python3 -c '
import struct, sys
d = open(sys.argv[1], "rb").read()
sys.exit(0 if d[:4] == b"RIFF" and d[8:12] == b"WEBP" and struct.unpack("<I", d[4:8])[0] + 8 == len(d) else 1)
' "$1" || return 1
  fi
  [ "$(vipsheader -f vips-loader "$1" 2>/dev/null)" = webpload ] && vips avg "$1" >/dev/null 2>&1
}

if [ "$have_big" = 1 ]; then
  WEBP_OUT="$TMP/webp"
  run process_webp process --profile web-shop --out "$WEBP_OUT" "$SHOOT/bag.jpg"
  if [ "$status" -eq 0 ] && grep -q "^done bag\.jpg → .*/bag\.webp$" "$TMP/process_webp.out" &&
     is_whole_webp "$WEBP_OUT/bag.webp" && only_file "$WEBP_OUT" bag.webp; then
    ok "process --profile web-shop writes bag.webp, a whole WebP, and nothing else"
  else
    diag "$TMP/process_webp.out"
    ls -la "$WEBP_OUT" | diag
    not_ok "process --profile web-shop writes bag.webp, a whole WebP, and nothing else"
  fi
else
  missing "process --profile web-shop" "the vips command (libvips-tools) is not installed or failed"
fi

# Etsy's 2000 px need an original at least that big: the noise, enlarged.
if [ "$have_big" = 1 ] && mkdir -p "$TMP/etsy-in" &&
   vips resize "$TMP/noise8.v" "$TMP/etsy-in/wide.jpg" 3 >/dev/null 2>&1; then
  ETSY_OUT="$TMP/etsy"
  run process_etsy process --profile etsy --out "$ETSY_OUT" "$TMP/etsy-in/wide.jpg"
  if [ "$status" -eq 0 ] && is_whole_jpeg "$ETSY_OUT/wide.jpg" &&
     [ "$(vipsheader -f width "$ETSY_OUT/wide.jpg")" = 2000 ] &&
     [ "$(vipsheader -f height "$ETSY_OUT/wide.jpg")" = 2000 ]; then
    ok "process --profile etsy writes a 2000 × 2000 JPEG"
  else
    diag "$TMP/process_etsy.out"
    vipsheader "$ETSY_OUT/wide.jpg" 2>&1 | diag
    not_ok "process --profile etsy writes a 2000 × 2000 JPEG"
  fi
else
  missing "process --profile etsy" "the vips command (libvips-tools) is not installed or failed"
fi

if [ "$have_big" = 1 ] && [ "$have_python" = 1 ]; then
  EXP_WEBP="$TMP/export-webp"
  run export_webp export "$SKU3" --profile web-shop --out "$EXP_WEBP"
  check "export --profile web-shop writes SKU-NN-SHOT.webp" \
    sh -c '[ "$0" -eq 0 ] &&
           [ -s "$2/$1-01-front.webp" ] && [ -s "$2/$1-02-back.webp" ] && [ -s "$2/$1-03-left-side.webp" ] &&
           [ "$(ls -A "$2" | wc -l)" -eq 3 ]' "$status" "$SKU3" "$EXP_WEBP"
  if [ "$status" -ne 0 ]; then diag "$TMP/export_webp.out"; fi

  # WebP's metadata goes through libwebpmux, not libvips: the same check.
  if [ "$have_exiftool" = 1 ]; then
    run export_webp_copyright export "$SKU3" --profile web-shop --copyright "$COPYRIGHT" --out "$TMP/export-webp-copyright"
    if [ "$status" -eq 0 ] && is_private_free "$TMP/export-webp-copyright/$SKU3-01-front.webp" "$COPYRIGHT"; then
      ok "export --profile web-shop --copyright: the copyright line and no GPS position, serial number or owner"
    else
      not_ok "export --profile web-shop --copyright: the copyright line and no GPS position, serial number or owner"
    fi
  else
    missing "export --profile web-shop --copyright: only the copyright line" "$exiftool_missing"
  fi
else
  missing "export --profile web-shop" "vips or python3 is not installed or failed"
  missing "export --profile web-shop --copyright: only the copyright line" "vips or python3 is not installed or failed"
fi

# --- 38-42: shot checks (check) --------------------------------------------------
# A sharp, textured object on a light backdrop (every check passes), and the
# same blurred (the sharpness check fails).  2000 × 1333 px, as a camera's.
have_convert=0
command -v convert >/dev/null 2>&1 && have_convert=1
convert_missing="ImageMagick's convert (imagemagick) is not installed"
make_shot () {  # make_shot PATH SEED [blur]
  convert -size 2000x1333 xc:#f3f3f3 \
    \( -size 800x600 -seed "$2" "plasma:hsl(30,60%,55%)-hsl(70,50%,40%)" \
       \( -size 800x600 pattern:hexagons -auto-level -negate \) \
       -compose screen -composite \) \
    -geometry +600+300 -compose over -composite \
    -fill "#202020" -pointsize 72 -annotate +640+420 "RS-$2" \
    ${3:+-blur 0x14} -quality 90 "$1"
}
SHOTS="$TMP/shots"
mkdir -p "$SHOTS"
have_shots=0
if [ "$have_convert" = 1 ] &&
   make_shot "$SHOTS/sharp.jpg" 1001 >/dev/null 2>"$TMP/convert.err" &&
   make_shot "$SHOTS/blurred.jpg" 1002 blur >/dev/null 2>>"$TMP/convert.err"; then
  have_shots=1
  # The first 20 kB of a JPEG: a header and half the picture.
  head -c 20000 "$SHOTS/sharp.jpg" >"$SHOTS/truncated.jpg"
elif [ "$have_convert" = 1 ]; then
  # convert is there but could not draw the pictures (it needs a font for
  # the text on them, for one): what it said tells why.
  convert_missing="ImageMagick's convert failed to make the test pictures: $(head -c 300 "$TMP/convert.err" | tr '\n' ' ')"
  diag "$TMP/convert.err"
fi

if [ "$have_shots" = 1 ]; then
  run check_sharp check "$SHOTS/sharp.jpg"
  check "check passes a sharp photo (exit 0) and prints its measures" \
    sh -c '[ "$0" -eq 0 ] && grep -q "^passed .*sharp\.jpg: sharpness [0-9.]* (min\. [0-9.]*), 2000 × 1333 px" "$1" &&
           [ "$(wc -l <"$1")" -eq 1 ]' "$status" "$TMP/check_sharp.out"

  run check_blurred check "$SHOTS/sharp.jpg" "$SHOTS/blurred.jpg"
  check "check of a blurred photo exits 1, reporting it failed with the blur problem" \
    sh -c '[ "$0" -eq 1 ] && grep -q "^passed .*sharp\.jpg: " "$1" &&
           grep -q "^failed .*blurred\.jpg: sharpness " "$1" &&
           grep -A9 "^failed .*blurred\.jpg" "$1" | grep -q "^  The photo is blurred: "' \
    "$status" "$TMP/check_blurred.out"
  if [ "$status" -ne 1 ]; then diag "$TMP/check_blurred.out"; fi

  run check_json check --json --backdrop white "$SHOTS/sharp.jpg" "$SHOTS/blurred.jpg"
  check "check --json gives each file's report: the blurred one failed as blurred" \
    json_check "$TMP/check_json.out" \
    "[r['status'] for r in d] == ['passed', 'failed'] and d[0]['report']['passed'] and d[0]['report']['backdrop_checked'] and d[0]['messages'] == [] and not d[1]['report']['sharp'] and d[1]['report']['sharpness'] < d[0]['report']['sharpness'] and 'blurred' in d[1]['report']['problems'] and len(d[1]['messages']) == len(d[1]['report']['problems']) and d[1]['file'].endswith('blurred.jpg')"

  run check_truncated check --json "$SHOTS/truncated.jpg" "$SHOTS/missing.jpg"
  [ "$status" -eq 1 ] && check_truncated_status=ok || check_truncated_status=bad
  check "check of a truncated JPEG and a missing file: unreadable, exit 1, no crash" \
    json_check "$TMP/check_truncated.out" \
    "'$check_truncated_status' == 'ok' and [r['status'] for r in d] == ['unreadable', 'unreadable'] and d[0]['report']['readable'] is False and d[0]['messages'] and d[1]['report'] is None and 'missing.jpg' in d[1]['messages'][0]"
else
  for what in "check of a sharp photo" "check of a blurred photo" "check --json" "check of a truncated JPEG"; do
    missing "$what" "$convert_missing"
  done
fi

run check_usage check --backdrop purple "$PICS/good.jpg"
check "check with an unknown --backdrop is a usage error (exit 2)" [ "$status" -eq 2 ]

# --- 43-51: the camera (cameras, capture) -------------------------------------------
# libgphoto2's virtual Nikon (tests/vcamera/build-vcamera, into the build
# dir by meson; its card is $VCAMERADIR): it "takes" a photo by copying the first JPEG on its card, reading
# that file's size when the camera is opened and its bytes at each capture.
# The card is shared with test-camera and test-ui-studio (this test is not
# run in parallel with them) and put back as it was at the end.
VCAMERA="${RESELL_BUILD_DIR:-}/vcamera"
CARD="${VCAMERADIR:-$VCAMERA/store}"
CARD_JPEG=
if [ -n "${RESELL_BUILD_DIR:-}" ] && [ -f "$VCAMERA/iolibs/vusb.so" ] && [ -d "$CARD/DCIM/100NIKON" ]; then
  CARD_JPEG=$(ls "$CARD/DCIM/100NIKON/"*.JPG 2>/dev/null | LC_ALL=C sort | head -n 1)
fi
have_camera=0
[ -n "$CARD_JPEG" ] && cp -p -- "$CARD_JPEG" "$TMP/card-original.jpg" && have_camera=1

restore_card () {
  if [ "$have_camera" = 1 ] && ! cmp -s "$TMP/card-original.jpg" "$CARD_JPEG"; then
    cp -- "$TMP/card-original.jpg" "$CARD_JPEG.resell-cli-test" &&
      mv -f -- "$CARD_JPEG.resell-cli-test" "$CARD_JPEG"
  fi
}
trap 'restore_card; cleanup' EXIT

# The virtual camera never frees some buffers of its own (tests/lsan.supp):
# loaded up front it stays mapped, so LeakSanitizer can name it; libasan
# must stay first when the CLI is built with it.
CAMERA_PRELOAD="$VCAMERA/iolibs/vusb.so"
asan_lib=$(ldd "$CLI" 2>/dev/null | awk '/libasan/ { print $3; exit }')
[ -n "$asan_lib" ] && CAMERA_PRELOAD="$asan_lib:$CAMERA_PRELOAD"

# camera_run NAME ARGS... : as run, with the virtual camera plugged in.
camera_run () {
  IOLIBS="$VCAMERA/iolibs" LD_PRELOAD="$CAMERA_PRELOAD${LD_PRELOAD:+:$LD_PRELOAD}" run "$@"
}

# pad_jpeg PATH SIZE : makes the JPEG exactly SIZE bytes with comment
# segments after its start marker (the camera keeps the size it read first).
pad_jpeg () {
  python3 -c '
import os, sys
path, size = sys.argv[1], int(sys.argv[2])
data = open(path, "rb").read()
assert data[:2] == b"\xff\xd8" and len(data) + 8 <= size
missing = size - len(data)
segments = b""
while missing > 0:
    total = missing if missing <= 65537 else 60000
    segments += b"\xff\xfe" + (total - 2).to_bytes(2, "big") + b"\0" * (total - 4)
    missing -= total
open(path, "wb").write(data[:2] + segments + data[2:])
assert os.path.getsize(path) == size
' "$1" "$2"
}

# load_card PICTURE : puts PICTURE on the card as its first JPEG.
load_card () {
  cp -- "$1" "$CARD_JPEG.resell-cli-test" && mv -f -- "$CARD_JPEG.resell-cli-test" "$CARD_JPEG"
}

CAMERA_CASES="cameras --json|cameras --connect --json|capture: sharp photo in front|capture --count 2: the second is a duplicate|capture of a blurred photo fills the next shot|show --json: the photos in their slots with their checks|capture --slot|capture until the card is full|capture without a camera"
fail_camera_cases () {
  local IFS='|'
  for what in $CAMERA_CASES; do
    missing "$what" "$1"
  done
}

if [ "$have_camera" != 1 ]; then
  fail_camera_cases "no virtual camera in $VCAMERA with a card in $CARD (meson test builds it with tests/vcamera/build-vcamera)"
elif [ "$have_shots" != 1 ]; then
  fail_camera_cases "$convert_missing"
elif [ "$have_python" != 1 ]; then
  fail_camera_cases "python3 is not installed"
else
  # Every picture put on the card gets the same size.
  cp -- "$SHOTS/sharp.jpg" "$TMP/card-sharp.jpg"
  cp -- "$SHOTS/blurred.jpg" "$TMP/card-blurred.jpg"
  make_shot "$TMP/card-other.jpg" 1003 >/dev/null 2>&1
  size=$(stat -c %s "$TMP/card-sharp.jpg" "$TMP/card-blurred.jpg" "$TMP/card-other.jpg" | sort -n | tail -n 1)
  size=$((size + 64))
  for picture in "$TMP/card-sharp.jpg" "$TMP/card-blurred.jpg" "$TMP/card-other.jpg"; do
    pad_jpeg "$picture" "$size"
  done
  SHARP_SUM=$(sha256sum "$TMP/card-sharp.jpg" | cut -d " " -f 1)
  BLURRED_SUM=$(sha256sum "$TMP/card-blurred.jpg" | cut -d " " -f 1)
  OTHER_SUM=$(sha256sum "$TMP/card-other.jpg" | cut -d " " -f 1)
  load_card "$TMP/card-sharp.jpg"

  camera_run cameras_json cameras --json
  check "cameras --json lists the virtual Nikon and its port" \
    json_check "$TMP/cameras_json.out" \
    "len(d) == 1 and d[0]['model'].startswith('Nikon') and d[0]['port'] == 'usb:001,001' and 'serial' not in d[0]"

  camera_run cameras_connect cameras --connect --json
  check "cameras --connect --json adds its serial, battery, free space and settings" \
    json_check "$TMP/cameras_connect.out" \
    "len(d) == 1 and d[0]['connected'] and d[0]['error'] is None and d[0]['serial'] == '0.1' and d[0]['battery_level'] == '50%' and d[0]['free_bytes'] > 0 and any(s['role'] == 'aperture' and s['value'] in s['choices'] for s in d[0]['settings'])"

  run add_camera add --category handbags --title "Camera bag"
  SKU4=$(head -n 1 "$TMP/add_camera.out")

  # Two photos in one go: the camera sends the same picture twice, and the
  # second is recognised as the same bytes (kept in the folder, no second row).
  camera_run capture capture "$SKU4" --count 2
  check "capture --count 2: the first photo fills front, checks passed (exit 0)" \
    sh -c '[ "$0" -eq 0 ] && [ "$(sed -n 1p "$1" | grep -c "^captured .* → front, checks passed$")" -eq 1 ]' \
    "$status" "$TMP/capture.out"
  check "capture --count 2: the second, the same picture, is reported a duplicate" \
    sh -c '[ "$(wc -l <"$0")" -eq 2 ] && sed -n 2p "$0" | grep -q "^duplicate .*: the same picture as the photo in front$" &&
           [ "$(ls -A "$1" | wc -l)" -eq 2 ]' \
    "$TMP/capture.out" "$RESELL_DATA_DIR/items/$SKU4/originals"
  if [ "$status" -ne 0 ]; then diag "$TMP/capture.out"; fi

  # Another picture on the card, of the same size: it fills the next shot.
  load_card "$TMP/card-blurred.jpg"
  camera_run capture_blurred capture "$SKU4" --json
  [ "$status" -eq 0 ] && capture_blurred_status=ok || capture_blurred_status=bad
  check "capture of a blurred photo fills the next shot (back), its checks failed as blurred" \
    json_check "$TMP/capture_blurred.out" \
    "'$capture_blurred_status' == 'ok' and len(d) == 1 and d[0]['status'] == 'imported' and d[0]['photo']['slot'] == 'back' and d[0]['photo']['sha256'] == '$BLURRED_SUM' and 'blurred' in d[0]['photo']['checks']['problems'] and d[0]['problems'] and not d[0]['replaced']"

  run show_camera show "$SKU4" --json
  check "show --json: the captured photos in their slots, with their checks and files" \
    json_check "$TMP/show_camera.out" \
    "[(p['slot'], p['sha256']) for p in d['photos']] == [('front', '$SHARP_SUM'), ('back', '$BLURRED_SUM')] and d['photos'][0]['checks']['passed'] and not d['photos'][1]['checks']['passed'] and not d['photos'][1]['checks']['sharp'] and all(p['path'].startswith('$RESELL_DATA_DIR/items/$SKU4/originals/') and p['width'] == 2000 for p in d['photos'])"

  # A retake of the blurred shot: the new photo takes its place.
  load_card "$TMP/card-other.jpg"
  camera_run capture_slot capture "$SKU4" --slot back
  run show_slot show "$SKU4" --json
  [ "$status" -eq 0 ] && grep -q "^captured .* → back, checks passed (replaces the earlier photo)$" "$TMP/capture_slot.out" &&
    capture_slot_status=ok || capture_slot_status=bad
  check "capture --slot back replaces the photo in that shot; its file stays in the folder" \
    json_check "$TMP/show_slot.out" \
    "'$capture_slot_status' == 'ok' and [(p['slot'], p['sha256']) for p in d['photos']] == [('front', '$SHARP_SUM'), ('back', '$OTHER_SUM')] and len(__import__('os').listdir('$RESELL_DATA_DIR/items/$SKU4/originals')) == 4"
  if [ "$capture_slot_status" != ok ]; then diag "$TMP/capture_slot.out"; fi

  # The virtual card is full after about 26 photos: the camera's sentence,
  # exit 1, and every photo taken before kept.
  run add_full add --category handbags --title "Full card"
  SKU5=$(head -n 1 "$TMP/add_full.out")
  camera_run capture_full capture "$SKU5" --count 40
  n_taken=$(grep -c "^captured \|^duplicate " "$TMP/capture_full.out")
  n_files=$(ls -A "$RESELL_DATA_DIR/items/$SKU5/originals" | wc -l)
  check "capture until the card is full: the camera's sentence, exit 1, the photos taken kept" \
    sh -c '[ "$0" -eq 1 ] && grep -q "^resell-cli: The camera’s card is full\. " "$1" &&
           [ "$2" -ge 1 ] && [ "$2" -lt 40 ] && [ "$2" -eq "$3" ]' \
    "$status" "$TMP/capture_full.err" "$n_taken" "$n_files"
  if [ "$status" -ne 1 ]; then diag "$TMP/capture_full.out"; fi

  # No camera at all: libgphoto2 given no port drivers.
  mkdir -p "$TMP/no-ports"
  IOLIBS="$TMP/no-ports" "$CLI" capture "$SKU5" >"$TMP/capture_none.out" 2>"$TMP/capture_none.err"
  status=$?
  check "capture without a camera exits 1 saying so" \
    sh -c '[ "$0" -eq 1 ] && grep -q "^resell-cli: No camera found\. " "$1" && [ ! -s "$2" ]' \
    "$status" "$TMP/capture_none.err" "$TMP/capture_none.out"

  restore_card
fi

run capture_badslot capture "$SKU" --slot no-such-shot
check "capture --slot with a shot the category lacks exits 1 naming its shots" \
  sh -c '[ "$0" -eq 1 ] && grep -q "^resell-cli: .*no-such-shot.*front, back" "$1"' \
  "$status" "$TMP/capture_badslot.err"

if [ "$n" -ne "$PLAN" ]; then
  echo "# planned $PLAN tests but ran $n" >&2
  exit 1
fi
[ "$failed" -eq 0 ]
