#!/usr/bin/env bash
# test-cli-documents.sh — TAP test of resell-cli's label and report
# commands against a throw-away catalog.
#
# Usage: test-cli-documents.sh /path/to/resell-cli
# Needs: vips (libvips-tools), exiftool, pdftotext and pdftoppm
# (poppler-utils), zbarimg (zbar-tools), python3.  A missing one fails the
# cases that need it, naming it: never a skip.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

CLI=${1:?usage: test-cli-documents.sh /path/to/resell-cli}

. "$(dirname "$0")/test-lib.sh" cli-documents

PLAN=20
echo "1..$PLAN"

need () {
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || { echo "$tool"; return 1; }
  done
  return 0
}

# --- fixture: an item whose original photo carries GPS, serial and owner ---
PICS="$TMP/pictures"
mkdir -p "$PICS"
run add add --category handbags --title "Coach Tabby shoulder bag" --brand Coach --colour Black
SKU=$(tail -n 1 "$TMP/add.out")
check "add prints a SKU" [ "$status" -eq 0 -a -n "$SKU" ]

fixture_ok=0
if missing_tool=$(need vips exiftool) &&
   vips gaussnoise "$PICS/noise.v" 1200 800 --mean 128 --sigma 30 >/dev/null 2>&1 &&
   vips bandjoin "$PICS/noise.v $PICS/noise.v $PICS/noise.v" "$PICS/noise3.v" >/dev/null 2>&1 &&
   vips cast "$PICS/noise3.v" "$PICS/front.jpg" uchar >/dev/null 2>&1 &&
   exiftool -q -overwrite_original -GPSLatitude=48.8584 -GPSLatitudeRef=N \
     -GPSLongitude=2.2945 -GPSLongitudeRef=E -SerialNumber=SN123456 \
     -OwnerName="Jo Bloggs" -Make=ACME -Model="Shooter 5" \
     -DateTimeOriginal="2024:03:01 10:11:12" "$PICS/front.jpg" >/dev/null 2>&1 &&
   exiftool -s -GPSLatitude -SerialNumber "$PICS/front.jpg" | grep -q SerialNumber; then
  run import import "$SKU" "$PICS/front.jpg"
  [ "$status" -eq 0 ] && fixture_ok=1
fi
if [ "$fixture_ok" = 1 ]; then
  ok "a photo with GPS, serial number and owner is imported"
else
  missing "a photo with GPS, serial number and owner is imported" "${missing_tool:-vips or exiftool failed}"
fi

# --- label ------------------------------------------------------------------
run label label "$SKU" --pdf "$TMP/label.pdf" --json
check "label --pdf --json writes the PDF and says where" \
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if d["sku"]==sys.argv[2] and d["document"]=="label" and d["path"].endswith("label.pdf") else 1)' \
  "$TMP/label.out" "$SKU"

if tool=$(need pdftotext pdftoppm zbarimg); then
  pdftotext "$TMP/label.pdf" "$TMP/label.txt"
  check "the label shows the SKU, the title and the category" \
    sh -c 'grep -q "$1" "$2" && grep -q "Coach Tabby" "$2" && grep -q "Handbags" "$2"' _ "$SKU" "$TMP/label.txt"
  pdftoppm -png -r 300 -singlefile "$TMP/label.pdf" "$TMP/label"
  check "the label's QR code reads back as the SKU (zbarimg)" \
    sh -c '[ "$(zbarimg -q --raw "$1")" = "$2" ]' _ "$TMP/label.png" "$SKU"
else
  missing "the label shows the SKU, the title and the category" "$tool"
  missing "the label's QR code reads back as the SKU (zbarimg)" "$tool"
fi

run label_usage label "$SKU"
check "label without --pdf is a usage error (exit 2)" [ "$status" -eq 2 ]
run label_unknown label RS-000000-000 --pdf "$TMP/nope.pdf"
check "label of an unknown SKU fails, writing nothing" \
  sh -c '[ "$0" -eq 1 ] && [ ! -e "$1" ]' "$status" "$TMP/nope.pdf"

# --- report -----------------------------------------------------------------
run report_pdf report "$SKU" --pdf "$TMP/report.pdf"
if tool=$(need pdftotext pdftoppm zbarimg); then
  pdftotext "$TMP/report.pdf" "$TMP/report.txt"
  check "the report's PDF shows the SKU, title, grade section and camera" \
    sh -c '[ "$0" -eq 0 ] && grep -q "$1" "$2" && grep -q "Coach Tabby shoulder bag" "$2" &&
           grep -q "Grade" "$2" && grep -q "ACME Shooter 5" "$2"' "$status" "$SKU" "$TMP/report.txt"
  pdftoppm -png -r 300 -f 1 -l 1 -singlefile "$TMP/report.pdf" "$TMP/report"
  check "the report's QR code reads back as the SKU (zbarimg)" \
    sh -c '[ "$(zbarimg -q --raw "$1")" = "$2" ]' _ "$TMP/report.png" "$SKU"
else
  missing "the report's PDF shows the SKU, title, grade section and camera" "$tool"
  missing "the report's QR code reads back as the SKU (zbarimg)" "$tool"
fi
check "the report's PDF holds no serial number, owner or GPS" \
  sh -c '! grep -a -q -e SN123456 -e "Jo Bloggs" -e "48.8584" "$0"' "$TMP/report.pdf"

run report_html report "$SKU" --html "$TMP/report.html" --json
check "report --html --json says what it wrote" \
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if d["format"]=="html" and d["document"]=="report" else 1)' \
  "$TMP/report_html.out"

# The pictures set aside, nothing may point anywhere: no http(s)://, no
# protocol-relative //, no scripts or links.
sed -E 's#data:image/jpeg;base64,[A-Za-z0-9+/=]+#data:#g' "$TMP/report.html" >"$TMP/report-stripped.html"
check "the HTML loads nothing from anywhere" \
  sh -c '! grep -q -i -E "https?:|//|<script|<link|url\(" "$0" && grep -q "data:" "$0"' "$TMP/report-stripped.html"

# Each embedded picture decoded and read by exiftool: no GPS, serial or owner.
mkdir -p "$TMP/embedded"
python3 - "$TMP/report.html" "$TMP/embedded" <<'PY'
import base64, re, sys
html = open(sys.argv[1], encoding="utf-8").read()
for i, b64 in enumerate(re.findall(r"data:image/jpeg;base64,([A-Za-z0-9+/=]+)", html)):
    open(f"{sys.argv[2]}/{i}.jpg", "wb").write(base64.b64decode(b64))
PY
n_embedded=$(ls "$TMP/embedded" | wc -l)
if tool=$(need exiftool); then
  exiftool -a -s -G1 -gps:all -SerialNumber -InternalSerialNumber -OwnerName "$TMP/embedded" >"$TMP/embedded.txt" 2>&1
  check "the HTML's $n_embedded pictures carry no GPS, serial number or owner (exiftool)" \
    sh -c '[ "$0" -ge 1 ] && ! grep -q -E "GPS|Serial|Owner" "$1"' "$n_embedded" "$TMP/embedded.txt"
  exiftool -a -s -G1 -gps:all -SerialNumber -OwnerName "$PICS/front.jpg" >"$TMP/original.txt" 2>&1
  check "while the original does carry them (the check can fail)" \
    sh -c 'grep -q GPS "$0" && grep -q SerialNumber "$0" && grep -q OwnerName "$0"' "$TMP/original.txt"
else
  missing "the HTML's pictures carry no GPS, serial number or owner (exiftool)" "$tool"
  missing "while the original does carry them (the check can fail)" "$tool"
fi

run report_usage report "$SKU" --pdf "$TMP/a.pdf" --html "$TMP/a.html"
check "report with both --pdf and --html is a usage error (exit 2)" [ "$status" -eq 2 ]

# --- the report from the item's flaws, grade and price -------------------------
# A major stain marked on photo 1 and the checklist's first answer: the
# rules grade the bag Fair, and the report says why, lists the flaw and
# carries the condition text pointing at the photo.
run flaw flaw add "$SKU" --photo 1 --type stain --severity major --zone lining --rect 0.1,0.1,0.2,0.2 --note "Ink dot"
run answer grade "$SKU" --answer used=few-times
run asking price "$SKU" --set 120.00
check "a flaw, a checklist answer and an asking price are stored" \
  sh -c '[ "$0" -eq 0 ] && grep -q "Fair" "$1"' "$status" "$TMP/answer.out"

run graded_pdf report "$SKU" --pdf "$TMP/graded.pdf"
if tool=$(need pdftotext); then
  # One line per file, so a sentence the PDF wraps still matches.
  pdftotext "$TMP/graded.pdf" - | tr '\n' ' ' | tr -s ' ' >"$TMP/graded.txt"
  check "the report's PDF shows the item's grade and the rule that decided it" \
    sh -c '[ "$0" -eq 0 ] && grep -q "Grade Fair" "$1" &&
           grep -q "A stain bigger than a coin caps the grade at Fair" "$1"' "$status" "$TMP/graded.txt"
  check "the report's PDF lists the flaw by type and the condition text with its photo number" \
    sh -c 'grep -q "Stain · Major · Lining" "$0" && grep -q "Ink dot" "$0" &&
           grep -q "Used only a few times. Large stain on the lining, see photo 1." "$0"' "$TMP/graded.txt"
  check "the report's PDF shows the asking price" grep -q 'Asking price \$120.00' "$TMP/graded.txt"
else
  for what in "the item's grade and the deciding rule" "the flaw and the condition text" "the asking price"; do
    missing "the report's PDF shows $what" "$tool"
  done
fi

run graded_html report "$SKU" --html "$TMP/graded.html"
check "the report's HTML shows the same grade, rule, flaw, condition text and price" \
  sh -c '[ "$0" -eq 0 ] && grep -q "<p class=\"grade\">Fair</p>" "$1" &&
         grep -q "<li>A stain bigger than a coin caps the grade at Fair</li>" "$1" &&
         grep -q "Stain · Major · Lining" "$1" &&
         grep -q "see photo 1\." "$1" && grep -q "Asking price \$120.00" "$1"' "$status" "$TMP/graded.html"

[ "$n" -eq "$PLAN" ] || echo "# ran $n cases, planned $PLAN" >&2
[ "$failed" -eq 0 ]
