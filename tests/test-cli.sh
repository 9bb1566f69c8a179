#!/usr/bin/env bash
# test-cli.sh — TAP test of resell-cli against a throw-away catalog.
#
# Usage: test-cli.sh /path/to/resell-cli
# Needs: vips (libvips-tools), python3, sha256sum; sqlite3 or python3 to
# put an item in the trash; exiftool (optional) to check that listing images
# carry no GPS position.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

CLI=${1:?usage: test-cli.sh /path/to/resell-cli}

TMP=$(mktemp -d "${TMPDIR:-/tmp}/resell-cli-test.XXXXXX") || exit 99
cleanup () { rm -rf -- "$TMP"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

export RESELL_DATA_DIR="$TMP/data"
export RESELL_CACHE_DIR="$TMP/cache"
# Never read the user's own category overrides.
export RESELL_CATEGORIES_DIR="$TMP/categories"
export XDG_DATA_HOME="$TMP/xdg-data"
export XDG_CACHE_HOME="$TMP/xdg-cache"
export XDG_CONFIG_HOME="$TMP/xdg-config"
mkdir -p "$RESELL_CATEGORIES_DIR"

PLAN=32
echo "1..$PLAN"

n=0
failed=0
ok () {
  n=$((n + 1))
  echo "ok $n - $1"
}
not_ok () {
  n=$((n + 1))
  failed=$((failed + 1))
  echo "not ok $n - $1"
}
check () {  # check DESCRIPTION COMMAND...
  local desc=$1
  shift
  if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}
skip () {
  n=$((n + 1))
  echo "ok $n - $1 # SKIP $2"
}
diag () {
  sed 's/^/# /' "$@" >&2 || true
}

# run NAME ARGS... : runs the CLI, keeps stdout/stderr in $TMP/NAME.out/.err
# and its exit status in $status.
status=0
run () {
  local name=$1
  shift
  "$CLI" "$@" >"$TMP/$name.out" 2>"$TMP/$name.err"
  status=$?
  if [ "$status" -ne 0 ]; then
    echo "# $name: exit $status" >&2
    diag "$TMP/$name.err"
  fi
  return 0
}

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
check "list shows the new item" \
  sh -c '[ "$0" -eq 0 ] && grep -F -- "$1" "$2" | grep -q "Test bag"' "$status" "$SKU" "$TMP/list.out"

run list_json list --json
check "list --json parses and holds the item's fields" \
  json_check "$TMP/list_json.out" \
  "isinstance(d, list) and any(i['sku'] == '$SKU' and i['category'] == 'handbags' and i['title'] == 'Test bag' and i['brand'] == 'Acme' and i['colour'] == 'Red' and i['state'] == 'draft' and i['photo_count'] == 0 and i['created_at'].endswith('Z') and isinstance(i['id'], int) for i in d) and all(set(['id','sku','category','brand','model','title','size','colour','material','notes','consignor','state','created_at','updated_at','photo_count']) <= set(i) for i in d)"

run add_bad add --category no-such-category --title "Nope"
check "add with an unknown category exits 1 with a message" \
  sh -c '[ "$0" -eq 1 ] && grep -q "^resell-cli: .*no-such-category" "$1" && [ ! -s "$2" ]' \
  "$status" "$TMP/add_bad.err" "$TMP/add_bad.out"

# --- 10-12: filters -------------------------------------------------------
run add2 add --category shoes --title "Blue trainers" --state ready
SKU2=$(head -n 1 "$TMP/add2.out")
run list_state list --state ready --json
check "list --state ready shows only ready items" \
  json_check "$TMP/list_state.out" "[i['sku'] for i in d] == ['$SKU2']"

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
    skip "$what" "vips command not available"
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
  skip "show of an item in the trash" "neither sqlite3 nor python3 available"
  skip "import into an item in the trash" "neither sqlite3 nor python3 available"
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
have_exiftool=0
if command -v exiftool >/dev/null 2>&1 && [ "$have_big" = 1 ] &&
   exiftool -q -overwrite_original -GPSLatitude=48.8584 -GPSLatitudeRef=N \
     -GPSLongitude=2.2945 -GPSLongitudeRef=E -SerialNumber=SN123456 "$SHOOT/bag.jpg" >/dev/null 2>&1; then
  have_exiftool=1
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
    check "the listing image carries no GPS position or serial number (the original did)" \
      sh -c '[ -n "$(exiftool -s -s -s -GPSLatitude "$1")" ] &&
             [ -z "$(exiftool -s -s -s -gps:all -SerialNumber "$0/bag.jpg")" ]' "$OUT" "$SHOOT/bag.jpg"
  else
    skip "listing image without GPS" "exiftool not available"
  fi

  run process_json process --json --out "$OUT" "$SHOOT/bag.jpg" "$SHOOT/list.jpg" "$SHOOT/missing.jpg"
  [ "$status" -eq 1 ] && process_json_status=ok || process_json_status=bad
  check "process --json again (exit 1): the good one from the cache, the bad ones failed with a message" \
    json_check "$TMP/process_json.out" \
    "'$process_json_status' == 'ok' and [r['status'] for r in d] == ['cached', 'failed', 'failed'] and d[0]['output'].endswith('/bag.jpg') and d[0]['message'] is None and 'list.jpg' in d[1]['message'] and 'missing.jpg' in d[2]['message'] and d[1]['file'].endswith('list.jpg')"
else
  for what in "process exit status" "process output" "process strips GPS" "process --json"; do
    skip "$what" "vips command not available"
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
else
  skip "export" "vips or python3 not available"
  skip "export --json" "vips or python3 not available"
fi

run export_unknown export NOPE-000000-000 --out "$TMP/export-none"
check "export of an unknown SKU exits 1 and writes nothing" \
  sh -c '[ "$0" -eq 1 ] && [ ! -e "$1" ]' "$status" "$TMP/export-none"

if [ "$n" -ne "$PLAN" ]; then
  echo "# planned $PLAN tests but ran $n" >&2
  exit 1
fi
[ "$failed" -eq 0 ]
