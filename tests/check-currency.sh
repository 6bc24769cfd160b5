# Currencies: an export in several is refused with the count of each, or
# converted by a rates file, exactly as awk converts it; the base currency
# travels to the report (sourced by tests/run.sh).

tmp=$(mktemp -d)
imp="$bin/cm-import"

# The German sample (Windows-1252) with a Währung column: a third of the rows in USD, a third in CHF.
awk -F';' 'NR == 1 { print $0 ";W\344hrung"; next } { print $0 ";" (NR % 3 == 0 ? "USD" : NR % 3 == 1 ? "EUR" : "chf") }' \
	"$top/samples/orders-de.csv" >"$tmp/multi.csv"
printf 'Währung;Kurs;gültig ab\nEUR;1;\nUSD;0,9;\nUSD;0,95;01.01.2024\nCHF;1,04;\n' >"$tmp/rates.csv"

# Without rates: refused, with the rows per currency, and nothing written.
"$imp" -o "$tmp/none.csv" "$tmp/multi.csv" 2>"$tmp/err"
st=$?
counts=$(awk -F';' 'NR > 1 { n[$NF == "chf" ? "CHF" : $NF]++ } END { for (c in n) print n[c], c }' "$tmp/multi.csv" |
	sort -k1,1nr -k2,2 | awk '{ printf "%s%s %d rows", (NR > 1 ? ", " : ""), $2, $1 }')
if [ $st -eq 1 ] && [ ! -e "$tmp/none.csv" ] && grep -q "the rows are in 3 currencies ($counts)" "$tmp/err"; then pass; else
	fail "currencies: a mixed export not refused as it should be (status $st): $(cat "$tmp/err")"; fi

# With rates: each customer's revenue and margin in EUR, as awk converts each
# line (USD at 0.90 before 2024, 0.95 from 2024-01-01; CHF at 1.04), rounded
# half away from zero to the cent.
"$imp" -q --rates "$tmp/rates.csv" "$tmp/multi.csv" >"$tmp/conv.csv" || fail "currencies: --rates failed"
want=$(LC_ALL=C awk -F';' '
	function units(s) { gsub(/\./, "", s); sub(",", ".", s); return s < 0 ? -int(-s * 10000 + 0.5) : int(s * 10000 + 0.5) }
	function conv(u, r) { return 100 * (u * r >= 0 ? int(u * r / 1000000 + 0.5) : -int(-u * r / 1000000 + 0.5)) }
	NR > 1 { split($3, d, "[.]"); day = d[3] d[2] d[1]
		r = $NF == "EUR" ? 10000 : $NF == "chf" ? 10400 : day >= 20240101 ? 9500 : 9000
		rev[$1] += conv(units($4), r); m[$1] += conv(units($5), r) }
	END { for (c in rev) printf "%s %.2f %.2f\n", c, rev[c] / 10000, m[c] / 10000 }' "$tmp/multi.csv" | sort)
got=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next } { printf "%s %s %s\n", $1, $c["revenue"], $c["margin"] }' \
	"$tmp/conv.csv" | sort)
if [ -n "$want" ] && [ "$got" = "$want" ]; then pass; else
	fail "currencies: converted sums differ from awk: $(echo "$got" | head -2) / $(echo "$want" | head -2)"; fi
if [ "$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "currency") c = i; next } { print $c }' "$tmp/conv.csv" | sort -u)" = EUR ]
then pass; else fail "currencies: the table does not say EUR on every row"; fi
# The same bytes on any number of threads.
for n in 0 2; do "$imp" -q --threads $n --rates "$tmp/rates.csv" "$tmp/multi.csv" >"$tmp/conv.$n"; done
if cmp -s "$tmp/conv.csv" "$tmp/conv.0" && cmp -s "$tmp/conv.csv" "$tmp/conv.2"; then pass; else fail "currencies: --threads changes the converted table"; fi

# A row before the first rate of its currency, and an amount that names another
# currency than its row: rejected with line, column and value.
printf 'Kunde;Datum;Betrag;Währung\nA;01.02.2024;10,00;EUR\nB;01.02.2024;10,00;GBP\nC;02.02.2024;5,00 USD;EUR\n' >"$tmp/bad.csv"
"$imp" -q --on-error skip --rates "$tmp/rates.csv" "$tmp/bad.csv" >/dev/null 2>"$tmp/err"
if grep -q "bad.csv:3: no rate for GBP on the row's date 'GBP' in column 'Währung': add it to the rates file" "$tmp/err" &&
	grep -q "bad.csv:4: an amount in USD on a row in EUR '5,00 USD' in column 'Betrag'" "$tmp/err"; then pass; else
	fail "currencies: bad rows: $(cat "$tmp/err")"; fi

# Rates files that cannot be used.
printf 'currency,rate\nUSD,0.9\n' >"$tmp/nobase.csv"
printf 'currency,rate\nEUR,1\nUSD,-0.9\n' >"$tmp/neg.csv"
"$imp" --rates "$tmp/nobase.csv" "$tmp/multi.csv" >/dev/null 2>"$tmp/e1"; s1=$?
"$imp" --rates "$tmp/neg.csv" "$tmp/multi.csv" >/dev/null 2>"$tmp/e2"; s2=$?
if [ $s1 -eq 1 ] && grep -q "which currency are the rates in" "$tmp/e1" && [ $s2 -eq 1 ] &&
	grep -q "neg.csv:3: invalid rate '-0.9' in column 'rate'" "$tmp/e2"; then pass; else
	fail "currencies: rates files: $(cat "$tmp/e1" "$tmp/e2")"; fi

# Amounts that name their currency: the table and the report say it without --currency.
printf 'Kunde;Datum;Betrag\nA;01.02.2024;CHF 1.250,00\nB;01.02.2024;80,00 CHF\n' >"$tmp/chf.csv"
if "$imp" -q "$tmp/chf.csv" | "$bin/cm-report" | grep -q '^Revenue  *CHF 1,330.00$' &&
	"$imp" -q "$tmp/chf.csv" | "$bin/cm-report" --lang de | grep -q '^Umsatz  *1.330,00 CHF$'; then pass; else
	fail "currencies: the report does not show the table's currency"; fi
# Two tables in different currencies put together: the report refuses them.
sed 's/CHF/EUR/; s/^A;/X;/; s/^B;/Y;/' "$tmp/chf.csv" >"$tmp/eur.csv"
{ "$imp" -q "$tmp/chf.csv"; "$imp" -q "$tmp/eur.csv" | tail -n +2; } | "$bin/cm-report" >/dev/null 2>"$tmp/err"
if [ $? -eq 1 ] && grep -q "the amounts are in EUR here and in CHF above" "$tmp/err"; then pass; else
	fail "currencies: a report over two currencies: $(cat "$tmp/err")"; fi
# A rates file with a header and no rates (found by fuzzing): refused, not read as none.
printf 'W\344hrung;Kurs;g\374ltig ab\n' >"$tmp/norates.csv"
if ! "$imp" -q --rates "$tmp/norates.csv" --base-currency EUR "$tmp/multi.csv" >/dev/null 2>"$tmp/err" &&
	grep -q "no rates in the rates file" "$tmp/err"; then pass; else fail "currencies: an empty rates file: $(cat "$tmp/err")"; fi
rm -rf "$tmp"
