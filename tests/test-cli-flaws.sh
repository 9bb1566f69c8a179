#!/usr/bin/env bash
# test-cli-flaws.sh — TAP test of resell-cli's flaw commands against a
# throw-away catalog: flaws, flaw add, flaw remove.
#
# Usage: test-cli-flaws.sh /path/to/resell-cli
# Needs: vips (libvips-tools) to make the photos, python3 to read --json.
# A missing tool fails the cases that need it, naming it: never a skip.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

CLI=${1:?usage: test-cli-flaws.sh /path/to/resell-cli}

. "$(dirname "$0")/test-lib.sh" cli-flaws

PLAN=21
echo "1..$PLAN"

# json_check FILE PYTHON-EXPR : EXPR sees the parsed document as `d`.
json_check () {
  command -v python3 >/dev/null 2>&1 || return 1
  python3 -c '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
sys.exit(0 if eval(sys.argv[2]) else 1)
' "$1" "$2"
}

PICS="$TMP/pictures"
mkdir -p "$PICS"
if ! { command -v vips >/dev/null 2>&1 &&
       vips black "$PICS/one.jpg" 800 600 --bands 3 >/dev/null 2>&1 &&
       vips black "$PICS/two.jpg" 640 480 --bands 3 >/dev/null 2>&1; }; then
  while [ "$n" -lt "$PLAN" ]; do missing "flaw commands" "vips (libvips-tools)"; done
  exit 1
fi

run add add --category handbags --title "Flawed bag"
SKU=$(head -n 1 "$TMP/add.out")
run import import "$SKU" "$PICS/one.jpg" "$PICS/two.jpg"
check "an item with two photos to mark" [ "$status" -eq 0 ]

# --- 2-3: nothing marked yet -------------------------------------------------
run none flaws "$SKU"
check "flaws on an item with none says so" \
  sh -c '[ "$0" -eq 0 ] && grep -q "No flaws" "$1"' "$status" "$TMP/none.out"
run none_json flaws "$SKU" --json
check "flaws --json on an item with none is an empty list" \
  json_check "$TMP/none_json.out" "d['sku'] == '$SKU' and d['flaws'] == []"

# --- 4-7: adding --------------------------------------------------------------
run rect flaw add "$SKU" --photo 2 --type stain --severity major --zone lining \
  --rect 0.1,0.2,0.3,0.4 --note "Ink near the zip" --json
check "flaw add --rect stores a rectangle on photo 2" \
  json_check "$TMP/rect.out" \
  "d['photo'] == 2 and d['type'] == 'stain' and d['type_label'] == 'Stain' and d['severity'] == 'major' and d['zone'] == 'lining' and d['zone_label'] == 'Lining' and d['shape'] == 'rect' and (d['x'], d['y'], d['width'], d['height']) == (0.1, 0.2, 0.3, 0.4) and d['note'] == 'Ink near the zip' and d['detail_photo'] is None and d['id'] > 0"
RECT_ID=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$TMP/rect.out" 2>/dev/null)

run point flaw add "$SKU" --photo 1 --type corner-wear --severity minor --point 0.05,0.95
check "flaw add --point stores a point without a zone" \
  sh -c '[ "$0" -eq 0 ] && grep -q "Corner wear (Minor), photo 1" "$1"' "$status" "$TMP/point.out"

run ellipse flaw add "$SKU" --photo 1 --type scuff --severity moderate --ellipse 0.5,0.5,0.2,0.1
check "flaw add --ellipse stores an ellipse" [ "$status" -eq 0 ]

run list flaws "$SKU" --json
check "flaws lists them in the photos' order, then as marked" \
  json_check "$TMP/list.out" \
  "[(f['photo'], f['type'], f['shape']) for f in d['flaws']] == [(1, 'corner-wear', 'point'), (1, 'scuff', 'ellipse'), (2, 'stain', 'rect')] and d['flaws'][0]['width'] == 0 and d['flaws'][0]['zone'] is None"

# --- 8-15: refused, in words ----------------------------------------------------
run bad_type flaw add "$SKU" --photo 1 --type pilling --severity minor --point 0.5,0.5
check "a flaw type the category does not have is refused, naming the ones it has" \
  sh -c '[ "$0" -eq 1 ] && grep -q "“pilling” is not a flaw type of Handbags" "$1" && grep -q "corner-wear" "$1"' \
  "$status" "$TMP/bad_type.err"

run bad_zone flaw add "$SKU" --photo 1 --type stain --severity minor --zone sole --point 0.5,0.5
check "a zone the category does not have is refused" \
  sh -c '[ "$0" -eq 1 ] && grep -q "“sole” is not a zone of Handbags" "$1"' "$status" "$TMP/bad_zone.err"

run bad_photo flaw add "$SKU" --photo 3 --type stain --severity minor --point 0.5,0.5
check "a photo number past the item's photos is refused" \
  sh -c '[ "$0" -eq 1 ] && grep -q "There is no photo 3" "$1"' "$status" "$TMP/bad_photo.err"

run outside flaw add "$SKU" --photo 1 --type stain --severity minor --rect 0.8,0.8,0.3,0.1
check "a box past the photo's edge is refused" \
  sh -c '[ "$0" -eq 1 ] && grep -q "inside its photo" "$1"' "$status" "$TMP/outside.err"

run bad_sev flaw add "$SKU" --photo 1 --type stain --severity awful --point 0.5,0.5
check "an unknown severity is a usage error (exit 2)" \
  sh -c '[ "$0" -eq 2 ] && grep -q "awful" "$1"' "$status" "$TMP/bad_sev.err"

run two_shapes flaw add "$SKU" --photo 1 --type stain --severity minor --point 0.5,0.5 --rect 0,0,0.1,0.1
check "two shapes at once is a usage error" [ "$status" -eq 2 ]

run bad_numbers flaw add "$SKU" --photo 1 --type stain --severity minor --rect 0.1,0.2,zero,0.1
check "a box that is not four numbers is a usage error" \
  sh -c '[ "$0" -eq 2 ] && grep -q "not a box" "$1"' "$status" "$TMP/bad_numbers.err"

run after_bad flaws "$SKU" --json
check "nothing refused was stored" json_check "$TMP/after_bad.out" "len(d['flaws']) == 3"

# --- 16-18: removing --------------------------------------------------------------
run add_other add --category shoes --title "Other"
SKU2=$(head -n 1 "$TMP/add_other.out")
run wrong_item flaw remove "$SKU2" "$RECT_ID"
check "another item's flaw is not removed" \
  sh -c '[ "$0" -eq 1 ] && grep -q "has no flaw $1" "$2"' "$status" "$RECT_ID" "$TMP/wrong_item.err"

run remove flaw remove "$SKU" "$RECT_ID" --json
check "flaw remove removes it" \
  json_check "$TMP/remove.out" "d['removed'] == int('$RECT_ID') and d['sku'] == '$SKU'"

run after_remove flaws "$SKU" --json
check "the flaw is gone from the list" \
  json_check "$TMP/after_remove.out" "[f['type'] for f in d['flaws']] == ['corner-wear', 'scuff']"

# --- 19-20: the listing: photos, then a close-up of each flaw -----------------------
run export export "$SKU" --out "$TMP/listing"
check "export makes the photos, then a ringed close-up per flaw, numbered on" \
  sh -c '[ "$0" -eq 0 ] && [ -s "$1/$2-01-front.jpg" ] && [ -s "$1/$2-02-back.jpg" ] &&
         [ -s "$1/$2-03-flaw-corner-wear.jpg" ] && [ -s "$1/$2-04-flaw-scuff.jpg" ] &&
         [ "$(ls "$1" | wc -l)" -eq 4 ]' "$status" "$TMP/listing" "$SKU"
check "a close-up is a square JPEG" \
  sh -c 'w=$(vipsheader -f width "$0") && h=$(vipsheader -f height "$0") && [ "$w" -eq "$h" ] &&
         [ "$(head -c 2 "$0" | od -An -tx1 | tr -d " ")" = "ffd8" ]' "$TMP/listing/$SKU-04-flaw-scuff.jpg"

# --- 21: over the marketplace's limit, the plan says what is left out ---------------
# A profile of one's own taking three: two photos and the first close-up fit,
# the second close-up is reported skipped, as the window would ask about it.
python3 -c '
import json, sys
p = json.load(open(sys.argv[1], encoding="utf-8"))
p.update(id="three", name="Three Photos", max_photos=3)
json.dump(p, open(sys.argv[2], "w", encoding="utf-8"))
' "${RESELL_SOURCE_DIR:-$(dirname "$0")/..}/data/profiles/ebay.json" "$TMP/three.json"
run export_over export "$SKU" --profile "$TMP/three.json" --out "$TMP/listing-three" --json
check "export over the limit writes what fits and reports the close-up left out" \
  json_check "$TMP/export_over.out" \
  "[r['status'] in ('done', 'cached') for r in d] == [True, True, True, False] and d[3]['status'] == 'skipped' and d[3]['output'] is None and 'close-up of flaw' in d[3]['message'] and 'Three Photos takes at most 3' in d[3]['message'] and d[2]['output'].endswith('$SKU-03-flaw-corner-wear.jpg')"

[ "$n" -eq "$PLAN" ] || echo "# ran $n of $PLAN cases" >&2
[ "$failed" -eq 0 ] && [ "$n" -eq "$PLAN" ]
