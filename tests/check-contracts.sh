# Contract exports (cm-import --contracts) to cm-clv --fit sbg: the paper's
# "regular" cohort written as an ERP would export it gives the published
# estimates, and the periods of each customer are those worked out by hand
# below (sourced by tests/run.sh).

tmp=$(mktemp -d)
imp="$bin/cm-import"

# Fader & Hardie (2007), "regular": 1000 customers from 2017, alive 1000, 631,
# 468, 382, 326, 289, 262, 241 after 0-7 yearly renewals; the lost ones
# cancelled on an anniversary, the 241 still running at 2024-01-01.  German
# headers, dd.mm.yyyy, decimal commas, Windows-1252 (gekündigt).
awk 'BEGIN { split("1000 631 468 382 326 289 262 241", a, " "); print "Kundennummer;Vertragsbeginn;Vertragsende;Status;Beitrag"
	k = 0
	for (t = 1; t <= 7; t++) for (i = 0; i < a[t] - a[t + 1]; i++) printf "K%04d;01.01.2017;01.01.%d;gek\374ndigt;120,00\n", ++k, 2017 + t
	for (i = 0; i < a[8]; i++) printf "K%04d;01.01.2017;;aktiv;120,00\n", ++k }' >"$tmp/regular.csv"
"$imp" --contracts --period year --as-of 2024-01-01 -o "$tmp/regular-table.csv" "$tmp/regular.csv" 2>"$tmp/err"
if grep -qx "cm-import: 1000 rows read = 1000 accepted + 0 rejected + 0 filtered; 1000 customers, 241 active at 2024-01-01" "$tmp/err"
then pass; else fail "contracts: the row account: $(cat "$tmp/err")"; fi
"$bin/cm-clv" --fit sbg "$tmp/regular-table.csv" 2>"$tmp/err" >/dev/null
if grep -q "alpha 0.7041 (se [0-9.]*), beta 1.1820 (se [0-9.]*), log-likelihood -1680.2652" "$tmp/err"; then pass
else fail "contracts: the regular cohort from an export: $(cat "$tmp/err")"; fi
# The table says its periods are years: a --unit that says months is refused.
if ! "$bin/cm-clv" -q --fit sbg --unit month "$tmp/regular-table.csv" >/dev/null 2>"$tmp/err" &&
	grep -q "periods are years (period_unit), --unit says month" "$tmp/err"; then pass
else fail "contracts: --unit against period_unit: $(cat "$tmp/err")"; fi

# Months by hand, as of 2024-06-30:
# A 15.01.-: Jan 15 to Jun 30 is 5 whole months, in the 6th: 6, active.
# B 31.01.-29.02.: a month (the 31st is February's last day), on its boundary: 1.
# C 15.01.-10.03.: 1 whole month and part of the 2nd: left in period 2.
# D 15.01.-15.01.: cancelled the day it began: period 1.
# E 15.02.-15.08., cancelled with notice: 6 months, left at its end: 6, not active.
# F two contracts, 2023-01-01 to 2023-07-01 and from then on: one customer since
#   2023-01-01, 17 whole months, in the 18th; the fee of the later one.
# G starts after the as-of date: filtered.
cat >"$tmp/months.csv" <<'CSV'
customer_id,contract_start,contract_end,status,monthly_fee
A,2024-01-15,,active,10.00
B,2024-01-31,2024-02-29,cancelled,10.00
C,2024-01-15,2024-03-10,,10.00
D,2024-01-15,2024-01-15,cancelled,10.00
E,2024-02-15,2024-08-15,cancelled,10.00
F,2023-01-01,2023-07-01,ended,9.00
F,2023-07-01,,active,12.50
G,2024-07-01,,active,10.00
CSV
got=$("$imp" --contracts --as-of 2024-06-30 "$tmp/months.csv" 2>"$tmp/err")
want='customer_id,start_date,end_date,periods,active,period_margin,period_unit
A,2024-01-15,,6,1,10.00,month
B,2024-01-31,2024-02-29,1,0,10.00,month
C,2024-01-15,2024-03-10,2,0,10.00,month
D,2024-01-15,2024-01-15,1,0,10.00,month
E,2024-02-15,2024-08-15,6,0,10.00,month
F,2023-01-01,,18,1,12.50,month'
if [ "$got" = "$want" ]; then pass; else fail "contracts: periods by month: $got"; fi
if grep -qx "cm-import: 8 rows read = 7 accepted + 0 rejected + 1 filtered (starting after the as-of date); 6 customers, 2 active at 2024-06-30" "$tmp/err"
then pass; else fail "contracts: the row account by month: $(cat "$tmp/err")"; fi
# Years: 2020-03-01 to 2023-03-01 is 3 exact; running since 2020-03-01 at 2024-06-30, the 5th.
printf 'customer_id,start,end\nY1,2020-03-01,2023-03-01\nY2,2020-03-01,\n' >"$tmp/years.csv"
got=$("$imp" -q --contracts --period year --as-of 2024-06-30 "$tmp/years.csv" | cut -d, -f1,4,5 | tr '\n' ' ')
if [ "$got" = "customer_id,periods,active Y1,3,0 Y2,5,1 " ]; then pass; else fail "contracts: periods by year: $got"; fi

# Bad rows: stop with file, line, column and value, status 1; or skipped and counted.
bad_case() { # what, rows (after the header), the message expected
	printf 'customer_id,start,end,status\n%s\n' "$2" >"$tmp/bad.csv"
	"$imp" --contracts --as-of 2024-06-30 "$tmp/bad.csv" >"$tmp/bad.out" 2>"$tmp/err"
	st=$?
	if [ $st -eq 1 ] && grep -qF "$3" "$tmp/err" && [ ! -s "$tmp/bad.out" ]; then pass
	else fail "contracts: $1 (status $st): $(cat "$tmp/err")"; fi
}
bad_case "an unknown status" "A,2024-01-01,,pausiert" "bad.csv:2: a status neither running (active, aktiv) nor ended (cancelled, gekündigt): 'pausiert' in column 'status'"
bad_case "running but ended" "A,2024-01-01,2024-03-01,active" "bad.csv:2: a running contract that ended by the as-of date: '2024-03-01' in column 'end'"
bad_case "ended without an end" "A,2024-01-01,,cancelled" "bad.csv:2: an ended contract without its end date: '' in column 'end'"
bad_case "ending before it starts" "A,2024-05-01,2024-03-01,cancelled" "bad.csv:2: a contract that ends before it starts: '2024-03-01' in column 'end'"
bad_case "an invalid date" "A,31.02.2024,," "bad.csv:2: invalid date '31.02.2024' in column 'start'"
bad_case "an open date format" "A,03/04/2024,," "ambiguous date (no value tells the order; give --date-format) '03/04/2024' in column 'start'"
printf 'customer_id,start,end,status\nA,03/04/2024,,\nB,13/04/2024,,\nC,2024-01-01,,pausiert\n' >"$tmp/skip.csv"
got=$("$imp" --contracts --on-error skip --as-of 2024-06-30 "$tmp/skip.csv" 2>"$tmp/err" | cut -d, -f1,2 | tr '\n' ' ')
if [ "$got" = "customer_id,start_date A,2024-04-03 B,2024-04-13 " ] &&
	grep -q "3 rows read = 2 accepted + 1 rejected + 0 filtered; 2 customers" "$tmp/err"; then pass
else fail "contracts: --on-error skip, the date order from a later row: $got $(cat "$tmp/err")"; fi
# What exports hold: a total line at the end (a footer, not a row), a status in
# capitals, the rows in any order (the same bytes out).
printf 'Mitgliedsnummer;Vertragsbeginn;Vertragsende;Status;Beitrag\nA;01.01.2024;;aktiv;10,00 €\nB;01.01.2024;01.03.2024;GEKÜNDIGT;10,00 €\nA;01.01.2024;;aktiv;20,00 €\nSumme;;;;40,00 €\n' >"$tmp/export.csv"
"$imp" --contracts --as-of 2024-06-30 "$tmp/export.csv" >"$tmp/export.out" 2>"$tmp/err"
if grep -qx "cm-import: 3 rows read = 3 accepted + 0 rejected + 0 filtered; 1 line skipped as title/footer; 2 customers, 1 active at 2024-06-30" "$tmp/err" &&
	grep -qx "A,2024-01-01,,6,1,20.00,month,EUR" "$tmp/export.out" && grep -qx "B,2024-01-01,2024-03-01,2,0,10.00,month,EUR" "$tmp/export.out"
then pass; else fail "contracts: a footer, GEKÜNDIGT, the fee's currency: $(cat "$tmp/err" "$tmp/export.out")"; fi
{ head -1 "$tmp/export.csv"; sed -n '4p;3p;2p' "$tmp/export.csv"; } | "$imp" -q --contracts --as-of 2024-06-30 >"$tmp/export2.out"
if cmp -s "$tmp/export.out" "$tmp/export2.out"; then pass; else fail "contracts: the rows' order changes the table"; fi
head -4 "$tmp/export.csv" | "$imp" --contracts --skip-footer 1 --as-of 2024-06-30 2>&1 >/dev/null |
	grep -q "2 rows read = 2 accepted + 0 rejected + 0 filtered; 1 line skipped as title/footer; 2 customers" &&
	pass || fail "contracts: --skip-footer 1"
# A stop accounts for every row read; a placeholder end, fees in two currencies, two
# columns that could be the end: refused or said.
printf 'customer_id,start,end,status\nA,2024-01-01,,active\nB,2024-01-01,,pausiert\nC,2024-01-01,,active\n' >"$tmp/stop.csv"
"$imp" --contracts --as-of 2024-06-30 "$tmp/stop.csv" >/dev/null 2>"$tmp/err"
if grep -qx "cm-import: 3 rows read = 0 accepted + 1 rejected + 0 filtered + 2 not written (the run stopped)" "$tmp/err"; then pass
else fail "contracts: the account of a stopped run: $(cat "$tmp/err")"; fi
bad_case "a placeholder end" "A,2020-01-01,9999-12-31,cancelled" "an end more than ten years after the as-of date (a placeholder?): '9999-12-31' in column 'end'"
printf 'customer_id,start,fee\nA,2024-01-01,"10,00 €"\nB,2024-01-01,"10,00 $"\n' >"$tmp/cur.csv"
if ! "$imp" -q --contracts --as-of 2024-06-30 "$tmp/cur.csv" >/dev/null 2>"$tmp/err" && grep -q "cur.csv:3: a fee in USD after fees in EUR" "$tmp/err"
then pass; else fail "contracts: fees in two currencies: $(cat "$tmp/err")"; fi
printf 'customer_id,start_date,end_date,Vertragsende\nA,2024-01-01,,2024-03-01\n' >"$tmp/two.csv"
"$imp" --contracts --as-of 2024-06-30 "$tmp/two.csv" >/dev/null 2>"$tmp/err"
if grep -q "two.csv: end = column 'end_date'; not taken: 'Vertragsende' (--end names another)" "$tmp/err" &&
	! "$imp" --strict --contracts --as-of 2024-06-30 "$tmp/two.csv" >/dev/null 2>&1; then pass
else fail "contracts: competing columns: $(cat "$tmp/err")"; fi
# A yearly fee with monthly periods: said.
"$imp" --contracts --as-of 2024-06-30 "$top/samples/contracts-de.csv" 2>&1 >/dev/null |
	grep -q "the fee column 'Jahresbeitrag' does not look like a fee per month, the period: give --period year" &&
	pass || fail "contracts: a yearly fee with monthly periods not said"

# Options of transactions do not apply.
if ! "$imp" --contracts --cohorts x.csv "$tmp/months.csv" >/dev/null 2>&1 && ! "$imp" --status s "$tmp/months.csv" >/dev/null 2>&1
then pass; else fail "contracts: options of the other form accepted"; fi
rm -rf "$tmp"
