#!/usr/bin/env bash
# test-cli-ready.sh — TAP test of the grade and asking price in "resell-cli
# list" (columns, --json, --grade) and of the ready rule on "add --state
# ready", against a throw-away catalog.
#
# Usage: test-cli-ready.sh /path/to/resell-cli
# Needs: python3 (to read the --json output).
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

CLI=${1:?usage: test-cli-ready.sh /path/to/resell-cli}

. "$(dirname "$0")/test-lib.sh" cli-ready

export RESELL_GRADING_DIR="$TMP/grading"
mkdir -p "$RESELL_GRADING_DIR"

echo "1..9"

json_check () {
  command -v python3 >/dev/null 2>&1 || return 1
  python3 -c '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
sys.exit(0 if eval("(" + sys.argv[2] + ")") else 1)
' "$1" "$2"
}

SENTENCE="Not ready yet: no grade (answer the condition checklist or set a grade), no asking price."

# 1: a new item cannot start as ready: the same sentence as the item page,
# and nothing is added.
run ready add --category handbags --title "Ready at once" --state ready
ready_status=$status
run after_ready list --json
check "add --state ready is refused, saying what is missing, and adds nothing" \
  sh -c '[ "$0" -eq 1 ] && grep -qF "$1" "$2" && [ ! -s "$3" ] && python3 -c "import json,sys; sys.exit(0 if json.load(open(sys.argv[1])) == [] else 1)" "$4"' \
  "$ready_status" "$SENTENCE" "$TMP/ready.err" "$TMP/ready.out" "$TMP/after_ready.out"

run add add --category handbags --title "Tabby 26"
sku=$(tail -n 1 "$TMP/add.out")
run add2 add --category handbags --title "Saddle bag"
sku2=$(tail -n 1 "$TMP/add2.out")

# 2: not graded and not priced yet: null in JSON, a dash in the table.
run fresh list --json
check "list --json has grade and list_price, null until set" \
  json_check "$TMP/fresh.out" "len(d) == 2 and all(i['grade'] is None and i['list_price'] is None for i in d)"
run fresh_table list
check "the table has GRADE and PRICE columns with a dash for none" \
  sh -c 'head -n 1 "$0" | grep -Eq "^SKU +STATE +GRADE +PRICE +CATEGORY +TITLE +PHOTOS$" &&
         grep -F -- "$1" "$0" | grep -Eq "^$1 +draft +- +- +handbags +Tabby 26 +0$"' "$TMP/fresh_table.out" "$sku"

# 3: a half-answered checklist is no grade; the whole of it is.
run half grade "$sku" --answer used=few-times
run half_list list --json
check "a checklist half answered leaves the item without a grade" \
  json_check "$TMP/half_list.out" "[i['grade'] for i in d if i['sku'] == '$sku'] == [None]"

run all grade "$sku" --answer shape=as-new --answer lining=clean --answer hardware-works=all \
  --answer handles=like-new --answer odour=no --answer extras=all
run graded list --grade excellent --json
check "list --grade shows the items stored with that grade" \
  json_check "$TMP/graded.out" "[i['sku'] for i in d] == ['$sku'] and d[0]['grade'] == 'excellent'"

run none list --grade none --json
check "list --grade none shows the items not graded" \
  json_check "$TMP/none.out" "[i['sku'] for i in d] == ['$sku2']"

# 4: the override is the grade the list shows.
run override grade "$sku2" --override fair --reason "Scuffed corners"
run overridden list --grade fair --json
check "an override is stored as the item's grade" \
  json_check "$TMP/overridden.out" "[i['sku'] for i in d] == ['$sku2']"

# 5: the asking price in the list.
run price price "$sku" --set 125.00 --currency EUR
run priced list --json
check "list --json has the asking price in minor units" \
  json_check "$TMP/priced.out" "[i['list_price'] for i in d if i['sku'] == '$sku'] == [{'minor': 12500, 'currency': 'EUR'}]"

run badgrade list --grade shiny
check "list with an unknown grade is a usage error (exit 2)" [ "$status" -eq 2 ]

exit $((failed > 0))
