# Contribution levels, loss makers, the Stobachoff curve and the portfolio on a
# wholesaler's export (tests/profit/: a German ERP export with Rohertrag,
# Rabatt and Fracht, the customers' own costs, a master list with each
# customer's potential), against awk over the raw files (sourced by tests/run.sh).

tmp=$(mktemp -d)
fx="$top/tests/profit"
"$bin/cm-import" -q --cost Rabatt=Rabatt --cost Fracht=Fracht --cost-per-order 12.50 --cost-per-return 8 \
	--customer-costs "$fx/kundenkosten.csv" --customers "$fx/kunden.csv" "$fx/umsatz.csv" >"$tmp/cust.csv" ||
	fail "profit: cm-import failed"
"$bin/cm-segment" -q --abc-by db3 "$tmp/cust.csv" >"$tmp/seg.csv" || fail "profit: cm-segment failed"
"$bin/cm-report" -f json "$tmp/seg.csv" >"$tmp/rep.json" 2>/dev/null || fail "profit: cm-report failed"

# Each customer's levels in cents, by hand: DB I the Rohertrag; DB II less
# Rabatt, Fracht, 12.50 per order (a Belegnr with goods) and 8.00 per credit
# line; DB III less the own costs.  Then ABC by DB III (A while the share
# before the customer is under 50%, B under 75%), the potential's terciles
# (potential - revenue; cut points at positions n/3 and 2n/3 ascending), the
# portfolio cell, the loss makers and the curve's key points.
LC_ALL=C awk -F';' -v own="$fx/kundenkosten.csv" -v master="$fx/kunden.csv" -v cells="$tmp/want.cells" '
	function cents(s) { gsub(/\r|\./, "", s); sub(",", ".", s); return s < 0 ? int(s * 100 - 0.5) : int(s * 100 + 0.5) }
	function money(c) { return sprintf("%.2f", c / 100) }
	BEGIN {
		while ((getline l < own) > 0) if (++no > 1) { split(l, f, ";"); cost[f[1]] += cents(f[3]) }
		while ((getline l < master) > 0) if (++nm > 1) { split(l, f, ";"); sub("\r", "", f[3]); pot[f[1]] = f[3] }
	}
	NR > 1 {
		id = $3; rev[id] += cents($5); m[id] += cents($6); oc[id] += cents($7) + cents($8)
		if (cents($5) < 0) ret[id]++; else if (!((id, $2) in order)) { order[id, $2] = 1; orders[id]++ }
	}
	END {
		n = 0
		for (id in rev) {
			ids[++n] = id
			db2[id] = m[id] - oc[id] - 1250 * orders[id] - 800 * ret[id]
			db3[id] = db2[id] - cost[id]
			if (db3[id] > 0) total += db3[id]; else if (db3[id] < 0) { losers++; lost -= db3[id] }
			sum += db3[id]
			open[id] = pot[id] - rev[id] / 100
		}
		# ABC: customers by DB III, descending (insertion sort: a few dozen)
		for (i = 1; i <= n; i++) { s[i] = ids[i]; for (j = i; j > 1 && db3[s[j]] > db3[s[j - 1]]; j--) { t = s[j]; s[j] = s[j - 1]; s[j - 1] = t } }
		cum = 0
		for (i = 1; i <= n; i++) { id = s[i]
			abc[id] = db3[id] <= 0 ? "C" : cum / total < 0.5 ? "A" : cum / total < 0.75 ? "B" : "C"
			if (db3[id] > 0) cum += db3[id] }
		# potential terciles
		for (i = 1; i <= n; i++) { p[i] = open[ids[i]]; for (j = i; j > 1 && p[j] < p[j - 1]; j--) { t = p[j]; p[j] = p[j - 1]; p[j - 1] = t } }
		cut1 = p[int(n / 3) + 1]; cut2 = p[int(2 * n / 3) + 1]
		split("low medium high", pc, " ")
		cell["A", 1] = "cash"; cell["A", 2] = "star"; cell["A", 3] = "star"
		cell["B", 1] = "cash"; cell["B", 2] = "maintain"; cell["B", 3] = "development"
		cell["C", 1] = "take_along"; cell["C", 2] = "take_along"; cell["C", 3] = "development"
		for (i = 1; i <= n; i++) { id = ids[i]; k = 1 + (open[id] > cut1) + (open[id] > cut2)
			printf "%s,%s,%s,%s,%s,%s,%s,%s,%.4f\n", id, money(m[id]), money(db2[id]), money(db3[id]), abc[id],
				db3[id] < 0 ? "yes" : "no", pc[k], cell[abc[id], k], rev[id] / 100 / pot[id] > "/dev/stderr"
			cn[cell[abc[id], k] " " abc[id] " " pc[k]]++; cr[cell[abc[id], k] " " abc[id] " " pc[k]] += rev[id] }
		for (c in cn) printf "%s %d %s\n", c, cn[c], money(cr[c]) > cells
		printf "%s %s %s %d %s\n", money(sum), money(total), sprintf("%.6f", total / sum), losers, money(lost)
	}' "$fx/umsatz.csv" 2>"$tmp/want.csv" >"$tmp/want.points"
sort -o "$tmp/want.csv" "$tmp/want.csv"

# What the tools wrote, by column name (the strategy column holds quoted commas: Python's csv reads it).
python3 -c '
import csv, sys
for r in csv.DictReader(open(sys.argv[1])):
	print(",".join(r[k] for k in ("customer_id", "margin", "db2", "db3", "abc", "loss_maker", "potential_class",
				    "portfolio_cell", "share_of_wallet")))' "$tmp/seg.csv" | sort >"$tmp/got.csv"
if [ "$(wc -l <"$tmp/want.csv")" -eq 36 ] && cmp -s "$tmp/want.csv" "$tmp/got.csv"; then pass; else
	fail "profit: levels, ABC by db3, potential and cells differ from awk: $(diff "$tmp/want.csv" "$tmp/got.csv" | head -4)"
fi
# The fixture is made to hold loss makers of both kinds (thin margin and heavy freight; own costs) and every level.
if [ "$(cut -d, -f6 "$tmp/want.csv" | grep -c yes)" -ge 2 ] && grep -q ',A,.*,star,' "$tmp/want.csv" &&
	grep -q ',C,.*,development,' "$tmp/want.csv"; then pass; else fail "profit: the fixture lost its loss makers or cells"; fi

# The report's key points of the Stobachoff curve, and its totals.
got=$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))["sections"]
p = dict(d["stobachoff_points"]["rows"]); k = dict(d["key_figures"]["rows"])
print("%.2f %.2f %.6f %d %.2f" % (p["contribution_total"], p["contribution_of_gainers"], p["peak_share"],
	p["customers_past_peak"], p["profit_lost"]))
print("%.2f %d %.2f" % (k["db3"], k["loss_makers"], k["loss_makers_destroy"]))' "$tmp/rep.json" 2>&1)
want=$(cat "$tmp/want.points")
want_k=$(echo "$want" | awk '{ print $1, $4, $5 }')
if [ "$got" = "$(printf '%s\n%s' "$want" "$want_k")" ]; then pass; else fail "profit: report key points '$got', awk '$want'"; fi

# The portfolio in the report: customers and revenue per cell, as awk sums them.
got=$(python3 -c '
import json, sys
for r in json.load(open(sys.argv[1]))["sections"]["portfolio"]["rows"]:
	if r[3]: print("%s %s %s %d %.2f" % (r[0], r[1], r[2], r[3], r[4]))' "$tmp/rep.json" | sort)
want=$(sort "$tmp/want.cells")
if [ -n "$want" ] && [ "$got" = "$want" ]; then pass; else fail "profit: portfolio cells '$got', awk '$want'"; fi

# --abc-by db3 is said in the report; a table without levels leaves the curve out, saying why.
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))["sections"]["abc"]; sys.exit(0 if "db3" in (d.get("note") or "") else 1)' \
	"$tmp/rep.json"; then pass; else fail "profit: the ABC table does not say it is by db3"; fi
cut -d';' -f1-5 "$fx/umsatz.csv" | "$bin/cm-import" -q | "$bin/cm-segment" -q | "$bin/cm-report" -v -f json >/dev/null 2>"$tmp/none.err"
if grep -q "stobachoff: no contribution column" "$tmp/none.err"; then pass; else fail "profit: no levels, yet no word on the curve: $(cat "$tmp/none.err")"; fi

# A German master list: the potential 120.000,00 is 120000 in the table.
printf 'Kundennr;Potenzial\r\nK1001;120.000,00\r\nK1002;1.500\r\n' >"$tmp/de.csv"
if "$bin/cm-import" -q --customers "$tmp/de.csv" "$fx/umsatz.csv" | awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	$1 == "K1001" { a = $c["potential"] } $1 == "K1002" { b = $c["potential"] } END { exit !(a == "120000" && b == "1500") }'
then pass; else fail "profit: a German potential column is not read as such"; fi
printf 'Kundennr;potential\nK1001;viel\n' >"$tmp/bad.csv"
"$bin/cm-import" -q --customers "$tmp/bad.csv" "$fx/umsatz.csv" >/dev/null 2>"$tmp/bad.err"
if [ $? -eq 1 ] && grep -q "bad.csv:2: invalid number 'viel' in column 'potential'" "$tmp/bad.err"; then pass; else
	fail "profit: a bad potential: $(cat "$tmp/bad.err")"; fi
rm -rf "$tmp"
