# Checks against real data and its published values (sourced by tests/run.sh).
# The data lives in ../shared/data beside the project; a fresh clone has none,
# so these checks are skipped, and say so.

data="$top/../shared/data"
if [ ! -d "$data/cdnow" ]; then
	echo "realdata: skipped, $data is absent"
else
tmp=$(mktemp -d)
imp="$bin/cm-import"

# CDNOW sample, calibration to 1997-09-30, against the published BTYD summary:
# x = repeat_orders, t_x = active_days/7, T = age_days/7, zbar = avg_repeat_value.
"$imp" -q -d whitespace --no-header --id 2 --date 3 --amount 5 --as-of 1997-09-30 \
	"$data/cdnow/CDNOW_sample.txt" >"$tmp/cdnow.csv"
bad=$(awk -F, 'NR == FNR { if (FNR > 1) ref[$1 + 0] = sprintf("%d %.2f %.2f %.2f", $2, $3, $4, $5 + 1e-9); next }
	FNR > 1 { got = sprintf("%d %.2f %.2f %.2f", $5, $6 / 7 + 1e-9, $7 / 7 + 1e-9, $14 + 1e-9)
		n++; if (ref[$1 + 0] != got) { bad++; if (bad < 4) print "customer " $1 ": " got " != " ref[$1 + 0] > "/dev/stderr" } }
	END { print (n == 2357 ? 0 : 1) + bad }' "$data/cdnow/cdnow_customers_summary_with_transactions.csv" "$tmp/cdnow.csv")
if [ "$bad" = 0 ]; then pass; else fail "CDNOW summary: $bad of 2357 customers differ"; fi

# The published totals: 2,457 repeat transactions, 946 customers with a repeat.
totals=$(awk -F, 'NR > 1 { x += $5; r += ($5 > 0) } END { print x, r }' "$tmp/cdnow.csv")
if [ "$totals" = "2457 946" ]; then pass; else fail "CDNOW repeat totals $totals, published 2457 946"; fi

# Online Retail (UCI): revenue = Quantity x UnitPrice, anonymous rows skipped.
or="$data/online_retail/online_retail.csv.gz"
"$imp" --anonymous skip "$or" >"$tmp/or.csv" 2>"$tmp/or.err"
got=$(awk -F, 'NR > 1 { n++; s += $12 } END { printf "%d %.2f", n, s }' "$tmp/or.csv")
if [ "$got" = "4372 8300065.81" ]; then pass; else fail "online retail netting returns: $got"; fi
if grep -q "541909 rows read = 406829 accepted + 0 rejected + 135080 filtered (135080 without customer id); 4372 customers" "$tmp/or.err"
then pass; else fail "online retail account: $(cat "$tmp/or.err")"; fi
got=$("$imp" -q --anonymous skip --exclude 'InvoiceNo=C*' "$or" | awk -F, 'NR > 1 { n++; s += $12 } END { printf "%d %.2f", n, s }')
if [ "$got" = "4339 8911407.90" ]; then pass; else fail "online retail without cancellations: $got"; fi
# Profitability with an assumed cost of goods of 65% and 15.00 per order (an invoice):
# customers, loss makers, contribution and the Stobachoff peak against Python's
# decimals over the raw rows (tests/independent.py).
want=$(python3 "$top/tests/independent.py" profit "$or")
got=$("$imp" -q --anonymous skip --exclude 'InvoiceNo=C*' --margin-rate 0.35 --cost-per-order 15 "$or" | "$bin/cm-segment" -q |
	"$bin/cm-report" -f json | python3 -c '
import json, sys
d = json.load(sys.stdin)["sections"]; p = dict(d["stobachoff_points"]["rows"]); k = dict(d["key_figures"]["rows"])
print(int(k["customers"]), int(k["loss_makers"]), "%.2f" % p["contribution_total"], "%.6f" % p["peak_share"], "%.2f" % p["profit_lost"])')
if [ -n "$want" ] && [ "$got" = "$want" ]; then pass; else fail "online retail profitability: cm '$got', python '$want'"; fi
# Cohorts by month on Online Retail and the CDNOW master, against Python over
# the raw rows: the customers by month of first purchase, how many bought in
# each month since, and the net revenue there.
"$imp" -q --anonymous skip --exclude 'InvoiceNo=C*' --cohorts "$tmp/or-coh.csv" "$or" >/dev/null
"$imp" -q -d whitespace --id 1 --date 2 --amount 4 --cohorts "$tmp/cd-coh.csv" "$data/cdnow/CDNOW_master.txt" >/dev/null
for set in or cd; do
	if [ $set = or ]; then raw="$or"; else raw="$data/cdnow/CDNOW_master.txt"; fi
	python3 "$top/tests/independent.py" cohorts $set "$raw" >"$tmp/$set-coh.want"
	awk -F, 'NR > 1 { printf "%s,%s,%s,%s,%.2f\n", $1, $2, $3, $4, $6 }' "$tmp/$set-coh.csv" >"$tmp/$set-coh.got"
	if [ -s "$tmp/$set-coh.want" ] && cmp -s "$tmp/$set-coh.want" "$tmp/$set-coh.got"; then pass; else
		fail "cohorts of $set differ from Python: $(diff "$tmp/$set-coh.want" "$tmp/$set-coh.got" | head -3)"; fi
done

# Channels and categories on Complete Journey (stores as channels, products as
# categories) against Python over the raw rows; the same on any thread count.
cj="$data/completejourney/transactions_sample.csv.gz"
python3 "$top/tests/independent.py" mix "$cj" >"$tmp/cj-mix.want"
"$imp" -q --channel store_id --category product_id "$cj" |
	awk -F, 'NR > 1 { print $1 "," $(NF - 3) "," $(NF - 2) "," $(NF - 1) "," $NF }' >"$tmp/cj-mix.got"
if [ -s "$tmp/cj-mix.want" ] && cmp -s "$tmp/cj-mix.want" "$tmp/cj-mix.got"; then pass; else
	fail "channels and categories of Complete Journey differ from Python: $(diff "$tmp/cj-mix.want" "$tmp/cj-mix.got" | head -3)"; fi
gzip -dc "$cj" >"$tmp/cj.csv"
threads_agree cm-import 1 "2 3" "channels and categories" -q --channel store_id --category product_id "$tmp/cj.csv"

# Spreadsheet ids: 17850.0 is 17850, or kept verbatim with --keep-id.
if grep -q '^17850,' "$tmp/or.csv" && ! grep -q '^17850\.0,' "$tmp/or.csv"; then pass; else fail "17850.0 not cleaned"; fi
if "$imp" -q --anonymous skip --keep-id "$or" | grep -q '^17850\.0,'; then pass; else fail "--keep-id"; fi
# Shuffled rows, the same bytes.
gzip -dc "$or" | awk 'BEGIN { srand(5) } NR == 1 { print; next } { printf "%.12f\t%s\n", rand(), $0 | "sort | cut -f2-" }' \
	>"$tmp/or-shuf.csv"
"$imp" -q --anonymous skip "$tmp/or-shuf.csv" >"$tmp/or-shuf-out.csv"
if cmp -s "$tmp/or.csv" "$tmp/or-shuf-out.csv"; then pass; else fail "online retail shuffled differs"; fi

# The other real exports import without a rejected row.
"$imp" -q "$data/grocery/groceryElog.csv" 2>/dev/null | awk 'END { exit !(NR == 1526) }' && pass || fail "grocery: 1525 customers"
if "$imp" -q "$data/completejourney/transactions_sample.csv.gz" >/dev/null; then pass; else fail "complete journey"; fi
if "$imp" -q "$data/cdnow/CDNOW_master.txt" | awk 'END { exit !(NR == 23571) }'; then pass; else fail "CDNOW master: 23570 customers"; fi

rm -rf "$tmp"
fi
