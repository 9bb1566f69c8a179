#!/usr/bin/env bash
# test-cli-grading.sh — TAP test of "resell-cli grade" against a throw-away
# catalog: answers stored, the grade with its deciding rules, the eBay
# condition, the override with its reason, and mistakes refused.
#
# Usage: test-cli-grading.sh /path/to/resell-cli
# Needs: python3 (to read the --json output).
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

CLI=${1:?usage: test-cli-grading.sh /path/to/resell-cli}

. "$(dirname "$0")/test-lib.sh" cli-grading

# Never the user's own rules.
export RESELL_GRADING_DIR="$TMP/grading"
mkdir -p "$RESELL_GRADING_DIR"

echo "1..12"

# json_check FILE PYTHON-EXPR : EXPR sees the parsed document as `d`.
json_check () {
  command -v python3 >/dev/null 2>&1 || return 1
  python3 -c '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
sys.exit(0 if eval("(" + sys.argv[2] + ")") else 1)
' "$1" "$2"
}

run add add --category handbags --title "Tabby 26"
sku=$(tail -n 1 "$TMP/add.out")

# 1-2: answers give the grade, with the rule that decided it, in words.
run answers grade "$sku" --answer used=few-times --answer odour=faint
check "grade prints the grade and the deciding rule in words" \
  sh -c '[ "$0" -eq 0 ] && grep -q "^Grade: *Very good" "$1" && grep -q "A faint smell caps the grade at Very good" "$1"' \
  "$status" "$TMP/answers.out"
check "grade prints the eBay condition and the condition text" \
  sh -c 'grep -q "ebay: USED_EXCELLENT" "$0" && grep -q "A faint smell remains." "$0"' "$TMP/answers.out"

# 3: the answers were stored: a later call without them sees them.
run stored grade "$sku" --json
check "answers are kept in the catalog (--json)" \
  json_check "$TMP/stored.out" \
  'd["answers"] == {"used": "few-times", "odour": "faint"} and d["grade"] == "very-good"
   and [r["rule"] for r in d["reasons"] if r["deciding"]] == ["faint-odour"]
   and d["marketplaces"]["ebay"] == "USED_EXCELLENT" and "shape" in d["unanswered"]'

# 4: an answer that makes the item For parts is not a condition eBay clothing takes.
run add2 add --category clothing --title "Wool coat"
sku2=$(tail -n 1 "$TMP/add2.out")
run nomap grade "$sku2" --answer tags=no --answer worn=heavily --override for-parts --reason "Torn through" --json
check "a grade with no eBay condition maps to null and says so" \
  json_check "$TMP/nomap.out" 'd["grade"] == "for-parts" and d["marketplaces"]["ebay"] is None'
run nomap_text grade "$sku2"
check "the text output says no condition is allowed" \
  grep -q "ebay: none allowed for this grade" "$TMP/nomap_text.out"

# 6-7: override with reason, who and when; and clearing it.
run override grade "$sku" --override good --reason "Scuffs on the base" --json
check "an override is kept with its reason, who and when" \
  json_check "$TMP/override.out" \
  'd["grade"] == "good" and d["rules_grade"] == "very-good" and d["override"]["reason"] == "Scuffs on the base"
   and d["override"]["by"] and d["override"]["at"]'
run clear grade "$sku" --clear-override --json
check "--clear-override goes back to the rules' grade" \
  json_check "$TMP/clear.out" 'd["grade"] == "very-good" and d["override"] is None'

# 8-11: mistakes are usage errors, and nothing is stored.
run noreason grade "$sku" --override fair
check "an override without --reason is refused (exit 2)" [ "$status" -eq 2 ]
run badgrade grade "$sku" --override pristine --reason x
check "an unknown grade is refused (exit 2)" \
  sh -c '[ "$0" -eq 2 ] && grep -q "pristine" "$1"' "$status" "$TMP/badgrade.err"
run badanswer grade "$sku" --answer used=bogus
check "an unknown answer is refused, naming the answers there are (exit 2)" \
  sh -c '[ "$0" -eq 2 ] && grep -q "few-times" "$1"' "$status" "$TMP/badanswer.err"
run badsku grade RS-000000-999
check "an unknown SKU fails (exit 1)" [ "$status" -eq 1 ]

# 12: a broken rules file of the user's is skipped: the built-in rules grade.
printf '{\n  "version": 1,\n  "category": "handbags",\n  "rules": [ oops ]\n}\n' >"$RESELL_GRADING_DIR/handbags.json"
run broken grade "$sku" --json
check "a malformed rules file does not stop grading" \
  json_check "$TMP/broken.out" 'd["grade"] == "very-good"'

exit $((failed > 0))
