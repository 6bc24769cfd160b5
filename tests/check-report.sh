# cm-report: figures in every format against independent sums (sourced by tests/run.sh).

tmp=$(mktemp -d)
rep="$bin/cm-report"
"$bin/cm-import" -q "$top/samples/orders-en.csv" >"$tmp/import.csv"
"$bin/cm-clv" -q --save-model "$tmp/model.json" "$tmp/import.csv" | "$bin/cm-segment" -q >"$tmp/full.csv"

# Customers and revenue by awk over the table, in cents.
want=$(awk -F, 'NR > 1 { n++; split($12, p, "."); c += p[1] * 100 + (substr($12, 1, 1) == "-" ? -1 : 1) * substr(p[2] "00", 1, 2) }
	END { printf "%d %.2f", n, c / 100 }' "$tmp/full.csv")

for f in text markdown json csv html; do
	"$rep" -f $f --model "$tmp/model.json" "$tmp/full.csv" >"$tmp/r.$f" || fail "cm-report -f $f failed"
done
got_text=$(awk '/^Customers  / { n = $2 } /^Revenue  / { r = $2 } END { gsub(",", "", n); gsub(",", "", r); print n, r }' "$tmp/r.text")
got_md=$(awk -F'|' '$2 == " Customers " { n = $3 } $2 == " Revenue " { r = $3 } END { gsub("[, ]", "", n); gsub("[, ]", "", r); print n, r }' "$tmp/r.markdown")
got_json=$(grep -o '\["customers",[0-9.]*\]\|\["revenue",[-0-9.]*\]' "$tmp/r.json" | tr -d '[]"' | cut -d, -f2 | paste -sd' ')
got_csv=$(awk -F, '$1 == "key_figures" && $3 == "figure" { f[$2] = $4 } $1 == "key_figures" && $3 == "value" { v[$2] = $4 }
	END { for (k in f) if (f[k] == "customers") n = v[k]; else if (f[k] == "revenue") r = v[k]; print n, r }' "$tmp/r.csv")
got_html=$(sed -n 's|.*<td>Customers</td><td class="n">\([^<]*\)</td>.*|\1|p; s|.*<td>Revenue</td><td class="n">\([^<]*\)</td>.*|\1|p' "$tmp/r.html" | tr -d , | paste -sd' ')
for f in text md json csv html; do
	eval "got=\$got_$f"
	if [ "$got" = "$want" ]; then pass; else fail "report $f: customers and revenue '$got', awk '$want'"; fi
done

# Shares add up to 100% (fractions in the long CSV); lifecycle and segment counts add up to the customers.
sum_of() { awk -F, -v s="$1" -v c="$2" '$1 == s && $3 == c { t += $4 } END { printf "%.6f", t }' "$tmp/r.csv"; }
if [ "$(sum_of abc share_revenue)" = "1.000000" ] && [ "$(sum_of abc share_customers)" = "1.000000" ] &&
	[ "$(sum_of segments share_revenue)" = "1.000000" ]; then pass; else fail "shares do not add up to 100%"; fi
# A customer whose returns exceed his purchases: class shares are of the
# revenue of those with revenue (100 of 160 for A, 10 of 160 for C, as the
# concentration curve counts), not of the net total (100 of 100); with no
# revenue at all, empty.
printf '%s\n' customer_id,date,amount A,2024-01-01,100 B,2024-01-02,50 C,2024-01-03,10 D,2024-01-03,10 D,2024-01-04,-70 >"$tmp/neg.csv"
"$bin/cm-import" -q "$tmp/neg.csv" | "$bin/cm-segment" -q | "$rep" -f csv >"$tmp/neg.out"
printf '%s\n' customer_id,date,amount A,2024-01-01,10 A,2024-01-02,-10 >"$tmp/zero.csv"
"$bin/cm-import" -q "$tmp/zero.csv" | "$bin/cm-segment" -q | "$rep" -f csv >"$tmp/zero.out"
if grep -q '^abc,1,share_revenue,0.625$' "$tmp/neg.out" && grep -q '^abc,3,share_revenue,0.0625$' "$tmp/neg.out" &&
	grep -q '^abc,1,share_revenue,$' "$tmp/zero.out"; then pass
else fail "ABC revenue shares with returns: $(grep share_revenue "$tmp/neg.out" "$tmp/zero.out" | paste -sd' ')"; fi
n=$(echo "$want" | cut -d' ' -f1)
if [ "$(sum_of lifecycle customers)" = "$n.000000" ] && [ "$(sum_of segments customers)" = "$n.000000" ]
then pass; else fail "lifecycle or segment counts do not add up to $n"; fi

# A table with only cm-import's columns: the report works and says what it left out.
if "$rep" -v "$tmp/import.csv" >"$tmp/plain.txt" 2>"$tmp/plain.err" && grep -q '^Key figures$' "$tmp/plain.txt" &&
	grep -q "left out abc: no column 'abc'" "$tmp/plain.err"; then pass; else fail "report on cm-import columns only"; fi

# Retention and churn rate: of the customers who bought in the window before
# the last, the share who bought in the last, by awk over the table.
want=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	$c["orders_previous"] > 0 { n++; k += $c["orders_recent"] > 0 } END { printf "%.6f %.6f", k / n, 1 - k / n }' "$tmp/import.csv")
got=$(python3 -c 'import json,sys; k = dict(json.load(open(sys.argv[1]))["sections"]["key_figures"]["rows"]); print("%.6f %.6f" % (k["retention_rate"], k["churn_rate"]))' "$tmp/r.json")
if [ "$got" = "$want" ]; then pass; else fail "report: retention and churn '$got', awk '$want'"; fi

# Cohorts: the average retention curve as awk sums the cohort table (each
# cohort's last period, the as-of date's, left out), and every cohort said to
# deviate lies more than three binomial standard errors from it.
"$bin/cm-import" -q --cohorts "$tmp/cohorts.csv" "$top/samples/orders-en.csv" >/dev/null
"$rep" -f json --cohorts "$tmp/cohorts.csv" "$tmp/import.csv" >"$tmp/coh.json" || fail "report: --cohorts failed"
want=$(awk -F, 'NR > 1 { n[$1]++; p[$1, n[$1] - 1] = $4; size[$1] = $3 }
	END { for (c in n) for (k = 1; k < n[c] - 1; k++) { b[k] += p[c, k]; s[k] += size[c]; m[k]++ }
		for (k = 1; k in b && k <= 24; k++) printf "%d %.6f %d\n", k, b[k] / s[k], m[k] }' "$tmp/cohorts.csv")
got=$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))["sections"]
for r in d["cohort_curve"]["rows"]: print("%d %.6f %d" % tuple(r))
avg = {r[0]: r[1] for r in d["cohort_curve"]["rows"]}
sizes = {}
for line in open(sys.argv[2]).read().split()[1:]:
    f = line.split(","); sizes[f[0]] = float(f[2])
for c, p, r, a, diff in d["cohorts_deviating"]["rows"]:
    if abs(r - a) / (a * (1 - a) / sizes[c]) ** 0.5 <= 3 or abs(diff - (r - a)) > 1e-9: print("not deviating:", c, p)' \
	"$tmp/coh.json" "$tmp/cohorts.csv")
if [ -n "$want" ] && [ "$got" = "$want" ]; then pass; else fail "report: cohort curve '$got', awk '$want'"; fi

# German: labels and number formats.
if "$rep" --lang de "$tmp/full.csv" | grep -q '^Umsatz  *[0-9.]*,[0-9][0-9] €$'; then pass; else fail "--lang de"; fi

# The HTML page: well-formed (as XML, stricter than HTML), self-contained, and in a real
# browser: no console message, every section in the DOM, a screenshot.
if command -v xmllint >/dev/null 2>&1; then
	if xmllint --noout "$tmp/r.html" 2>"$tmp/xml.err"; then pass; else fail "HTML not well-formed: $(head -3 "$tmp/xml.err")"; fi
else
	echo "report: xmllint not installed (libxml2-utils): well-formedness check skipped"
fi
if grep -q '<script\|src="http\|href="http\|@import\|url(' "$tmp/r.html"; then fail "HTML fetches or runs something"; else pass; fi
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -n "$browser" ]; then
	flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
		--disable-component-update --disable-sync --user-data-dir=$tmp/profile"
	timeout 120 "$browser" $flags --enable-logging=stderr --v=0 --window-size=1100,1400 \
		--screenshot="$tmp/report.png" "file://$tmp/r.html" >/dev/null 2>"$tmp/browser.err"
	timeout 120 "$browser" $flags --dump-dom "file://$tmp/r.html" >"$tmp/dom.html" 2>/dev/null
	missing=""
	for id in key_figures abc concentration lifecycle rfm rf_grid clv_deciles top_clv valuable_at_risk segments model; do
		grep -q "<section id=\"$id\"" "$tmp/dom.html" || missing="$missing $id"
	done
	if [ -s "$tmp/report.png" ] && [ -z "$missing" ] && ! grep -qi 'CONSOLE\|Uncaught' "$tmp/browser.err"; then
		pass
		[ -n "${CM_KEEP_SCREENSHOT:-}" ] && cp "$tmp/report.png" "$CM_KEEP_SCREENSHOT"
	else
		fail "HTML in chromium: missing sections:$missing; $(grep -i 'CONSOLE' "$tmp/browser.err" | head -2)"
	fi
else
	echo "report: chromium not installed: browser check skipped (make check installs it as root)"
fi

# The full pipeline on the real exports gives every format.
data="$top/../shared/data"
if [ -d "$data/online_retail" ]; then
	"$bin/cm-import" -q --anonymous skip --exclude 'InvoiceNo=C*' "$data/online_retail/online_retail.csv.gz" |
		"$bin/cm-clv" -q | "$bin/cm-segment" -q >"$tmp/or.csv"
	ok=1
	for f in text markdown json csv html; do "$rep" -f $f "$tmp/or.csv" >/dev/null || ok=0; done
	if [ $ok = 1 ]; then pass; else fail "online retail pipeline report"; fi
fi
if [ -f "$data/cdnow/CDNOW_master.txt" ]; then
	"$bin/cm-import" -q --as-of 1998-06-30 "$data/cdnow/CDNOW_master.txt" | "$bin/cm-clv" -q | "$bin/cm-segment" -q >"$tmp/cd.csv"
	ok=1
	for f in text markdown json csv html; do "$rep" -f $f --lang de "$tmp/cd.csv" >/dev/null || ok=0; done
	# the revenue in the report is the sum over the table
	want=$(awk -F, 'NR > 1 { s += $12 } END { printf "%.2f", s }' "$tmp/cd.csv")
	got=$("$rep" -f csv "$tmp/cd.csv" | awk -F, '$1 == "key_figures" && $3 == "value" && $2 == 3 { print $4 }')
	if [ $ok = 1 ] && [ "$got" = "$want" ]; then pass; else fail "CDNOW pipeline report: revenue $got, awk $want"; fi
fi
# Since the baseline (the same export three months earlier): each key figure
# beside its value then and the change; revenue and customers against awk's
# sums over both tables.
"$bin/cm-import" -q --as-of 2024-03-31 "$top/samples/orders-en.csv" | "$bin/cm-clv" -q | "$bin/cm-segment" -q >"$tmp/base.csv"
want=$(awk -F, 'FNR > 1 { s[FILENAME == ARGV[1]] += $12; n[FILENAME == ARGV[1]]++ }
	END { printf "%d %d %.2f %.2f %.2f", n[0], n[1], s[0], s[1], s[0] - s[1] }' "$tmp/base.csv" "$tmp/full.csv")
got=$("$rep" -f json --baseline "$tmp/base.csv" "$tmp/full.csv" | python3 -c '
import json, sys
k = {r[0]: r[1:] for r in json.load(sys.stdin)["sections"]["key_figures"]["rows"]}
c, r = k["customers"], k["revenue"]
ok = all(abs(v[0] - v[1] - v[2]) < 1e-9 for v in k.values() if None not in v)
print("%d %d %.2f %.2f %.2f" % (c[0], c[1], r[0], r[1], r[2]) if ok else "change is not value - baseline")')
if [ "$got" = "$want" ]; then pass; else fail "report: key figures since the baseline '$got', awk '$want'"; fi
# The action list: A customers at risk or lost and the win-back and rescue
# segments, the most revenue first, with their names; others not.
cat >"$tmp/act.csv" <<'CSV'
customer_id,revenue,last_date,abc,lifecycle,segment,strategy,customer_name,clv
A,100.00,2024-05-01,A,at_risk,retain,keep,Anna AG,10.00
B,300.00,2024-01-01,A,lost,win_back,call,Bernd KG,1.00
C,50.00,2024-06-01,B,regular,win_back,call,Clara GmbH,5.00
D,900.00,2024-06-20,C,regular,retain,keep,Dora OHG,50.00
CSV
got=$("$rep" -f json "$tmp/act.csv" | python3 -c '
import json, sys
t = json.load(sys.stdin)["sections"]["actions"]
print(" ".join(t["columns"]), "|", " ".join("%s:%s:%s:%s" % (r[0], r[1], r[2], r[-1]) for r in t["rows"]))')
want="customer_id customer_name last_purchase revenue clv strategy | B:Bernd KG:2024-01-01:call A:Anna AG:2024-05-01:keep C:Clara GmbH:2024-06-01:call"
if [ "$got" = "$want" ]; then pass; else fail "report: the action list: $got"; fi
# CSV for a German spreadsheet: ';' between fields and decimal commas, the same cells.
"$rep" -f csv "$tmp/full.csv" >"$tmp/en.csv"
"$rep" -f csv --lang de "$tmp/full.csv" >"$tmp/de.csv"
got=$(python3 -c '
import csv, sys
en = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
de = list(csv.reader(open(sys.argv[2], encoding="utf-8"), delimiter=";"))
def num(v):
    try: return float(v.replace(",", "."))
    except ValueError: return v
bad = [i for i, (a, b) in enumerate(zip(en, de)) if a[:3] != b[:3] or (a[3] != b[3] and num(b[3]) != num(a[3]))]
commas = sum(1 for r in de if "," in r[3] and r[3].replace(",", "").lstrip("-").isdigit())
print(len(en) == len(de) and not bad and commas > 10)' "$tmp/en.csv" "$tmp/de.csv")
if [ "$got" = "True" ]; then pass; else fail "report: the German CSV differs from the English one beyond its marks"; fi
# --split-by: a cockpit per value, each customer in exactly one, all customers'
# figures beside; the parts' revenue adds up to awk's total.
"$rep" --split-by main_channel -f json -o "$tmp/split" "$tmp/full.csv"
want=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "main_channel") m = i; next }
	{ n[$m]++; s += $12 } END { k = 0; for (v in n) k++; printf "%d %d %.2f", k, NR - 1, s }' "$tmp/full.csv")
got=$(python3 -c '
import glob, json, sys
n = c = 0; r = 0.0; alls = set()
for f in sorted(glob.glob(sys.argv[1] + "/cockpit-*.json")):
    k = {row[0]: row[1:] for row in json.load(open(f))["sections"]["key_figures"]["rows"]}
    n += 1; c += k["customers"][0]; r += k["revenue"][0]; alls.add(k["customers"][1])
print("%d %d %.2f" % (n, c, r) if len(alls) == 1 and alls.pop() == c else "all customers differ")' "$tmp/split")
if [ "$got" = "$want" ] && ! "$rep" --split-by main_channel "$tmp/full.csv" >/dev/null 2>&1; then pass
else fail "report: --split-by: '$got', awk '$want'"; fi
printf 'customer_id,revenue,rep\nA,1.00,a/b\nB,2.00,a_b\nC,3.00,\n' >"$tmp/reps.csv"
"$rep" --split-by rep -o "$tmp/reps" "$tmp/reps.csv" && got=$(cd "$tmp/reps" && ls | tr '\n' ' ')
if [ "$got" = "cockpit-_.txt cockpit-a_b-2.txt cockpit-a_b.txt " ]; then pass; else fail "report: --split-by file names: $got"; fi
# The text form for a cron mail: every section there is, in both languages,
# within 80 columns (characters, not bytes), and the key figures first.
"$bin/cm-import" -q --cohorts "$tmp/coh-de.csv" "$top/samples/orders-de.csv" | "$bin/cm-clv" -q --save-model "$tmp/m-de.json" |
	"$bin/cm-segment" -q >"$tmp/de-full.csv"
for lang in en de; do
	"$rep" --lang $lang --baseline "$tmp/base.csv" --model "$tmp/m-de.json" --cohorts "$tmp/coh-de.csv" "$tmp/de-full.csv" >"$tmp/mail.$lang"
done
got=$(python3 -c '
import sys
for f in sys.argv[1:]:
    lines = open(f, encoding="utf-8").read().split("\n")
    wide = [l for l in lines if len(l) > 80]
    print(f[-2:], len(lines) > 200, len(wide), lines[3] in ("Key figures", "Kennzahlen"))' "$tmp/mail.en" "$tmp/mail.de" | tr '\n' ' ')
if [ "$got" = "en True 0 True de True 0 True " ]; then pass; else fail "report: the text form beyond 80 columns or without key figures first: $got"; fi
rm -rf "$tmp"
