#!/usr/bin/env bash
# test-cli-pricing.sh — TAP test of resell-cli's price commands (comps,
# price, backtest) against a throw-away catalog.
#
# Usage: test-cli-pricing.sh /path/to/resell-cli
# Needs python3 to read the JSON.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

CLI=${1:?usage: test-cli-pricing.sh /path/to/resell-cli}

. "$(dirname "$0")/test-lib.sh" cli-pricing

echo "1..20"

# json_check FILE PYTHON-EXPR : EXPR sees the parsed document as `d`.
json_check () {
  python3 -c '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
sys.exit(0 if eval(sys.argv[2]) else 1)
' "$1" "$2"
}

cat >"$TMP/sales.csv" <<'CSV'
Brand,Model,Category,Condition,Sold Price,Currency,Date Sold,URL
Coach,Tabby,handbags,very-good,350.00,USD,2026-11-01,https://example.com/1
Coach,Tabby,handbags,very-good,360.00,USD,2026-11-10,
Coach,Tabby,handbags,very-good,340.00,USD,2026-11-15,
Coach,Tabby,handbags,very-good,370.00,USD,2026-11-20,
Coach,Tabby,handbags,very-good,355.00,USD,2026-11-25,
Coach,Tabby,handbags,very-good,"1.234,00",EUR,2026-11-25,
CSV

cat >"$TMP/bad.csv" <<'CSV'
Brand,Model,Category,Price,Currency,Sold
Coach,Tabby,handbags,100,USD,2026-11-01
Coach,Tabby,handbags,cheap,USD,2026-11-01
Coach,Tabby,handbags,100,USD,someday
CSV

cat >"$TMP/mapped.csv" <<'CSV'
Designer,Item,Paid,When
Gucci,Jackie,900,2026-11-01
CSV

# 1-3: import a good file, another currency kept as it is.
run import comps import "$TMP/sales.csv" --json
check "comps import: a good file imports every row" \
  json_check "$TMP/import.out" 'd["imported"] == 6 and d["problems"] == []'
run list comps list --json
check "comps list: the rows, newest first, amounts in minor units" \
  json_check "$TMP/list.out" 'len(d) == 6 and d[0]["sold_at"] == "2026-11-25" and {"minor": 35000, "currency": "USD"} in [c["price"] for c in d]'
check "comps import: another currency is kept, not converted" \
  json_check "$TMP/list.out" '[c["price"] for c in d if c["price"]["currency"] == "EUR"] == [{"minor": 123400, "currency": "EUR"}]'

# 4-6: bad rows are reported by line and nothing is imported.
run bad comps import "$TMP/bad.csv"
check "comps import: a file with bad rows fails (exit 1)" [ "$status" -eq 1 ]
check "comps import: each bad row is named by its line" \
  sh -c 'grep -q "line 3: .*cheap" "$0" && grep -q "line 4: .*someday" "$0" && ! grep -q "line 2" "$0"' "$TMP/bad.err"
run list2 comps list --json
check "comps import: nothing of the bad file was imported" json_check "$TMP/list2.out" 'len(d) == 6'

# 7: a mapping.
run mapped comps import "$TMP/mapped.csv" --map Item=model --map Paid=price --map When=sold_at \
  --currency USD --category handbags --json
check "comps import --map: named columns are read as the given fields" \
  json_check "$TMP/mapped.out" 'd["imported"] == 1'

# 8-9: manual entry.
run add comps add --category handbags --brand Coach --model Tabby --grade "Very good" \
  --price 365 --currency USD --sold 2026-11-28 --json
check "comps add: a sale entered by hand" \
  json_check "$TMP/add.out" 'd["source"] == "manual" and d["price"] == {"minor": 36500, "currency": "USD"} and d["grade"] == "very-good"'
run addbad comps add --category handbags --price 12.3456 --currency USD
check "comps add: an amount with too many decimals is a usage error" [ "$status" -eq 2 ]

# 10-13: price.
run item add --category handbags --brand Coach --model Tabby --consignor "Ann Smith" --title "Tabby 26"
SKU=$(cat "$TMP/item.out")
run price price "$SKU" --grade very-good --json
check "price: a suggested price from the model's comps, in minor units" \
  json_check "$TMP/price.out" 'd["level"] == "model" and d["suggested"]["currency"] == "USD" and 34000 <= d["suggested"]["minor"] <= 37000 and d["low"]["minor"] <= d["suggested"]["minor"] <= d["high"]["minor"]'
check "price: the comps used are listed with their weights" \
  json_check "$TMP/price.out" 'len(d["comps"]) == 6 and abs(sum(c["weight"] for c in d["comps"]) - 1) < 1e-9 and all(c["price"]["currency"] == "USD" for c in d["comps"])'
check "price: fees, the consignor's share and the payout add up to the price" \
  json_check "$TMP/price.out" '(lambda p: p["fees_total"]["minor"] == sum(f["amount"]["minor"] for f in p["fees"]) and p["fees_total"]["minor"] + p["consignor"]["minor"] + p["seller"]["minor"] == p["price"]["minor"] and p["consignor"]["minor"] > 0)(d["payout"])'
run setprice price "$SKU" --set 399.00 --json
check "price --set: the asking price is stored and the payout follows it" \
  json_check "$TMP/setprice.out" 'd["asking"] == {"minor": 39900, "currency": "USD"} and d["payout"]["price"]["minor"] == 39900'

# 14: no comps, no number.
run other add --category shoes --brand Nike --model Dunk
run noprice price "$(cat "$TMP/other.out")" --json
check "price: without comps there is no price, and the sentence says so" \
  json_check "$TMP/noprice.out" 'd["suggested"] is None and d["confidence"] == "none" and "No comparable sales" in d["sentence"] and d["sentence"].endswith("The item’s grade is Good.") and d["payout"] is None'

# 15-16: backtest.
run backtest backtest "$TMP/sales.csv" --json
check "backtest: leave-one-out estimates and their median error" \
  json_check "$TMP/backtest.out" 'd["rows"] == 6 and d["estimated"] == 5 and d["without_price"] == 1 and 0 < d["mdape_bp"] < 1000'
run backtestbad backtest "$TMP/bad.csv"
check "backtest: a file with bad rows is refused, naming the lines" \
  sh -c '[ "$0" -eq 1 ] && grep -q "line 3" "$1"' "$status" "$TMP/backtestbad.err"

# 17-20: the item's own grade reaches the price.  Comps of one model in
# two grades far apart; the item graded one way, then the other.
cat >"$TMP/rogue.csv" <<'CSV'
Brand,Model,Category,Condition,Sold Price,Currency,Date Sold
Coach,Rogue,handbags,excellent,500.00,USD,2026-11-01
Coach,Rogue,handbags,excellent,510.00,USD,2026-11-05
Coach,Rogue,handbags,excellent,490.00,USD,2026-11-09
Coach,Rogue,handbags,excellent,505.00,USD,2026-11-13
Coach,Rogue,handbags,fair,300.00,USD,2026-11-02
Coach,Rogue,handbags,fair,310.00,USD,2026-11-06
Coach,Rogue,handbags,fair,290.00,USD,2026-11-10
Coach,Rogue,handbags,fair,305.00,USD,2026-11-14
CSV
run rogueimport comps import "$TMP/rogue.csv"
run rogue add --category handbags --brand Coach --model Rogue
ROGUE=$(cat "$TMP/rogue.out")
run graded1 grade "$ROGUE" --answer used=few-times
run excellent price "$ROGUE" --json
check "price: without --grade, the item's grade (Excellent, from its answers) prices it" \
  json_check "$TMP/excellent.out" 'd["grade"] == "excellent" and d["grade_source"] == "appraisal" and 45000 <= d["suggested"]["minor"] <= 55000 and "Excellent" in d["sentence"]'
run graded2 grade "$ROGUE" --answer shape=collapsed
run fair price "$ROGUE" --json
check "price: graded down to Fair, the same item is priced from the Fair sales" \
  json_check "$TMP/fair.out" 'd["grade"] == "fair" and 27000 <= d["suggested"]["minor"] <= 33000 and "Fair" in d["sentence"]'
run overridden grade "$ROGUE" --override excellent --reason "Reshaped by a restorer"
run byhand price "$ROGUE" --json
check "price: a grade set by hand prices it, and the sentence says so" \
  json_check "$TMP/byhand.out" 'd["grade"] == "excellent" and d["grade_source"] == "override" and d["suggested"]["minor"] >= 45000 and "set by hand" in d["sentence"]'
run asked price "$ROGUE" --grade fair --json
check "price --grade: the grade asked for wins over the item's" \
  json_check "$TMP/asked.out" 'd["grade"] == "fair" and d["grade_source"] == "given" and d["suggested"]["minor"] <= 33000'

[ "$failed" -eq 0 ]
