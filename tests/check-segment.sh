# cm-segment: invariance and independent recomputation (sourced by tests/run.sh).

tmp=$(mktemp -d)
seg="$bin/cm-segment"
"$bin/cm-import" -q "$top/samples/orders-en.csv" >"$tmp/cust.csv"

# Shuffled rows give every customer the same assignment.
"$seg" -q "$tmp/cust.csv" | LC_ALL=C sort >"$tmp/a.csv"
{ head -1 "$tmp/cust.csv"; tail -n +2 "$tmp/cust.csv" | awk 'BEGIN { srand(3) } { printf "%.12f\t%s\n", rand(), $0 }' |
	sort | cut -f2-; } >"$tmp/shuf.csv"
"$seg" -q "$tmp/shuf.csv" | LC_ALL=C sort >"$tmp/b.csv"
if [ -s "$tmp/a.csv" ] && cmp -s "$tmp/a.csv" "$tmp/b.csv"; then pass; else fail "segment depends on row order"; fi

# The printed default rules, given back as files, give the same output.
"$seg" --print-rules portfolio >"$tmp/p.json"
"$seg" --print-rules rfm >"$tmp/r.json"
"$seg" -q --rules "$tmp/p.json" --rfm-rules "$tmp/r.json" "$tmp/shuf.csv" | LC_ALL=C sort >"$tmp/c.csv"
if cmp -s "$tmp/a.csv" "$tmp/c.csv"; then pass; else fail "--print-rules does not round-trip"; fi

# ABC recomputed by awk over the table sorted by revenue: equal revenues form a group
# whose class is set by the cumulative share before it (A < 50%, B < 75%).
abc_by_awk() {
	tail -n +2 "$1" | awk -F, '{ print $12 }' | sort -gr | awk '
		{ v[NR] = $1; if ($1 > 0) total += $1 }
		END { i = 1; cum = 0
			while (i <= NR) { j = i; while (j <= NR && v[j] == v[i]) j++
				c = v[i] <= 0 ? "C" : cum / total < 0.5 - 1e-12 ? "A" : cum / total < 0.75 - 1e-12 ? "B" : "C"
				for (k = i; k < j; k++) { n[c]++; if (v[k] > 0) s[c] += v[k] }
				if (v[i] > 0) cum += v[i] * (j - i); i = j }
			printf "A %d %.2f B %d %.2f C %d %.2f", n["A"], s["A"], n["B"], s["B"], n["C"], s["C"] }'
}
abc_by_tool() {
	awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		{ k = $c["abc"]; n[k]++; if ($c["revenue"] > 0) s[k] += $c["revenue"] }
		END { printf "A %d %.2f B %d %.2f C %d %.2f", n["A"], s["A"], n["B"], s["B"], n["C"], s["C"] }' "$1"
}
"$seg" -q "$tmp/cust.csv" >"$tmp/seg.csv"
if [ "$(abc_by_awk "$tmp/cust.csv")" = "$(abc_by_tool "$tmp/seg.csv")" ]; then pass
else fail "ABC on the samples: $(abc_by_tool "$tmp/seg.csv") vs awk $(abc_by_awk "$tmp/cust.csv")"; fi

# A segment name of 100 bytes with a comma and quotes is written whole (a cell
# was once cut to 63 bytes) and read whole by the portfolio rules.
long=$(printf 'x%.0s' $(seq 100))', \"q\"'
printf '{"rules": [{"segment": "%s"}]}\n' "$long" >"$tmp/long-r.json"
printf '{"rules": [{"segment": "long", "when": {"column": "rfm_segment", "op": "=", "value": "%s"}}, {"segment": "other"}]}\n' \
	"$long" >"$tmp/long-p.json"
n=$(($(wc -l <"$tmp/cust.csv") - 1))
got=$("$seg" -q --format jsonl --rfm-rules "$tmp/long-r.json" --rules "$tmp/long-p.json" "$tmp/cust.csv" |
	grep -c -F "\"rfm_segment\":\"$long\",\"lifecycle\"")
long_csv=$("$seg" -q --rfm-rules "$tmp/long-r.json" --rules "$tmp/long-p.json" "$tmp/cust.csv" | grep -c -F ',long,')
if [ "$got" -eq "$n" ] && [ "$long_csv" -eq "$n" ]; then pass
else fail "a 100-byte segment name: $got of $n rows whole in JSON Lines, $long_csv matched by the portfolio rules"; fi

data="$top/../shared/data/cdnow/CDNOW_master.txt"
if [ -f "$data" ]; then
	"$bin/cm-import" -q --as-of 1998-06-30 "$data" >"$tmp/master.csv"
	"$seg" -q "$tmp/master.csv" >"$tmp/master-seg.csv"
	want=$(abc_by_awk "$tmp/master.csv")
	got=$(abc_by_tool "$tmp/master-seg.csv")
	if [ "$want" = "$got" ]; then pass; else fail "ABC on CDNOW: $got vs awk $want"; fi
	# Shares add up: A + B + C revenue = total revenue.
	if echo "$got" | awk -v t="$(awk -F, 'NR > 1 && $12 > 0 { s += $12 } END { printf "%.2f", s }' "$tmp/master.csv")" \
		'{ d = $3 + $6 + $9 - t; exit !(d < 0.01 && d > -0.01) }'; then pass; else fail "ABC shares do not add up"; fi
else
	echo "segment: CDNOW checks skipped, $data is absent"
fi
rm -rf "$tmp"

# The man page shows the built-in portfolio rules as the tool prints them.
sed -n '/^\.ps -2$/,/^\.ps$/p' "$top/man/cm-segment.1" | sed '1d;$d' >"${TMPDIR:-/tmp}/man-rules.$$"
if "$bin/cm-segment" --print-rules portfolio | cmp -s - "${TMPDIR:-/tmp}/man-rules.$$"; then pass
else fail "man/cm-segment.1 shows other portfolio rules than --print-rules"; fi
rm -f "${TMPDIR:-/tmp}/man-rules.$$"

# A customer twice is found whether the table is sorted by id (cm writes it so,
# and the check then keeps only a list) or not: next to itself, or far apart.
tmp=$(mktemp -d)
"$bin/cm-import" -q "$top/samples/orders-en.csv" >"$tmp/t.csv"
awk 'NR == 40 { print; print; next } { print }' "$tmp/t.csv" >"$tmp/adjacent.csv"
awk 'NR == 3 { keep = $0 } { print } END { print keep }' "$tmp/t.csv" >"$tmp/far.csv"
for f in adjacent far; do
	if "$bin/cm-segment" -q "$tmp/$f.csv" 2>&1 >/dev/null | grep -q "appears twice"; then pass
	else fail "cm-segment misses a customer twice ($f)"; fi
done
if "$bin/cm-segment" -q "$tmp/t.csv" >/dev/null; then pass; else fail "cm-segment on a sorted table"; fi

# The two-pass tools keep their rows in memory (no file needed), in the file
# (CM_SPOOL_MEMORY=0: the same bytes), and say so when neither works.
for tool in cm-clv cm-segment; do
	"$bin/$tool" -q "$tmp/t.csv" >"$tmp/mem.csv"
	TMPDIR=/nonexistent-cm "$bin/$tool" -q "$tmp/t.csv" >"$tmp/nodir.csv"
	CM_SPOOL_MEMORY=0 "$bin/$tool" -q "$tmp/t.csv" >"$tmp/file.csv"
	if [ -s "$tmp/mem.csv" ] && cmp -s "$tmp/mem.csv" "$tmp/nodir.csv" && cmp -s "$tmp/mem.csv" "$tmp/file.csv"
	then pass; else fail "$tool: rows kept in memory and in the file differ"; fi
	TMPDIR=/nonexistent-cm CM_SPOOL_MEMORY=0 "$bin/$tool" -q "$tmp/t.csv" >/dev/null 2>"$tmp/err"
	st=$?
	if [ $st -eq 1 ] && grep -q "cannot write the temporary file in /nonexistent-cm" "$tmp/err"; then pass
	else fail "$tool: no temporary folder, status $st: $(cat "$tmp/err")"; fi
	CM_SPOOL_MEMORY=5MB "$bin/$tool" -q "$tmp/t.csv" >/dev/null 2>"$tmp/err"
	st=$?
	if [ $st -eq 1 ] && grep -q "CM_SPOOL_MEMORY: .*found '5MB'" "$tmp/err"; then pass
	else fail "$tool: CM_SPOOL_MEMORY=5MB, status $st: $(cat "$tmp/err")"; fi
done

rm -rf "$tmp"
