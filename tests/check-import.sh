# Properties of cm-import on the bundled samples (sourced by tests/run.sh).
# Each check compares two independent routes to the same answer.

tmp=$(mktemp -d)
imp="$bin/cm-import"
samples="$top/samples"

# Shuffle the data rows of a CSV file (keeping the header) with a fixed seed.
shuffle() {
	awk -v seed="${2:-7}" 'BEGIN { srand(seed) } NR == 1 { print > "/dev/stderr"; next }
		{ printf "%.12f\t%s\n", rand(), $0 }' "$1" 2>"$tmp/head" | sort | cut -f2- >"$tmp/body"
	cat "$tmp/head" "$tmp/body"
}

# German export (CP1252, ';', decimal comma, DD.MM.YYYY) and English export of the same data.
"$imp" -q "$samples/orders-en.csv" >"$tmp/en.csv"
"$imp" -q --encoding cp1252 "$samples/orders-de.csv" >"$tmp/de.csv"
if [ -s "$tmp/en.csv" ] && cmp -s "$tmp/en.csv" "$tmp/de.csv"; then pass; else fail "German and English samples differ"; fi

# Row order does not matter: shuffled input gives the same bytes.
shuffle "$samples/orders-en.csv" 11 >"$tmp/shuf.csv"
"$imp" -q "$tmp/shuf.csv" >"$tmp/shuf-out.csv"
if cmp -s "$tmp/en.csv" "$tmp/shuf-out.csv"; then pass; else fail "shuffled input changes the customer table"; fi

# The table is in byte order of the ids, as sort(1) with LC_ALL=C puts them: ids
# short and long, alike for 8, 16 and more bytes, digits, letters, UTF-8.
awk 'BEGIN { srand(3); print "customer_id,date,amount"
	split("C|C1|C10|c|CUSTOMER-|CUSTOMER-00000000|CUSTOMER-0000000012345678|\303\204|Z-|0", p, "|")
	for (i = 0; i < 40000; i++) { s = p[1 + int(rand() * 10)]; n = int(rand() * 12)
		for (k = 0; k < n; k++) s = s substr("0123456789-aZ", 1 + int(rand() * 13), 1)
		printf "%s,2024-01-%02d,1.00\n", s, 1 + int(rand() * 28) } }' >"$tmp/ids.csv"
tail -n +2 "$tmp/ids.csv" | cut -d, -f1 | LC_ALL=C sort -u >"$tmp/ids.want"
for n in 1 2 3; do # sorted in 1, 2, 3 segments, merged as written
	"$imp" -q --threads $n "$tmp/ids.csv" | tail -n +2 | cut -d, -f1 >"$tmp/ids.out"
	if [ "$(wc -l <"$tmp/ids.want")" -gt 20000 ] && cmp -s "$tmp/ids.out" "$tmp/ids.want"; then pass
	else fail "customer table not in byte order of the ids (or ids lost), --threads $n"; fi
done

# A customer with 6,000 purchase days (occasion arrays past the largest size cut
# from chunks), among small ones, its rows in both halves of the file: orders
# is the number of distinct days, counted by awk, on one thread or two.
awk 'BEGIN { srand(5); print "customer_id,date,amount"
	for (i = 0; i < 12000; i++) { d = int(rand() * 6000); y = 2000 + int(d / 300); m = 1 + int(d % 300 / 25); dd = 1 + d % 25
		printf "big,%d-%02d-%02d,1.00\nc%d,2024-01-01,2.00\n", y, m, dd, i } }' >"$tmp/big.csv"
want=$(tail -n +2 "$tmp/big.csv" | awk -F, '$1 == "big" && !seen[$2]++ { n++ } END { print n }')
for n in 0 1 2; do
	got=$("$imp" -q --threads $n "$tmp/big.csv" | awk -F, '$1 == "big" { print $4 }')
	if [ "$got" = "$want" ] && [ "$want" -gt 4096 ]; then pass
	else fail "a customer with $want purchase days has orders $got (--threads $n)"; fi
done

# gzip is detected by content, not by name.
gzip -c "$samples/orders-en.csv" >"$tmp/orders.data"
"$imp" -q "$tmp/orders.data" >"$tmp/gz.csv"
if cmp -s "$tmp/en.csv" "$tmp/gz.csv"; then pass; else fail "gzip input differs from plain"; fi

# Clean transactions, imported again, give the same table (the map-reduce route).
"$imp" -q --transactions "$samples/orders-en.csv" | "$imp" -q >"$tmp/via-tx.csv"
if cmp -s "$tmp/en.csv" "$tmp/via-tx.csv"; then pass; else fail "via --transactions differs"; fi

# Buckets: each customer in exactly one bucket; merged, the single table again.
"$imp" -q --buckets 4 -o "$tmp/b" "$samples/orders-en.csv"
{ head -1 "$tmp/b-000.csv"; for f in "$tmp"/b-00*.csv; do tail -n +2 "$f"; done | LC_ALL=C sort; } >"$tmp/merged.csv"
if cmp -s "$tmp/en.csv" "$tmp/merged.csv"; then pass; else fail "merged buckets differ from one table"; fi

# Totals: revenue summed over customers equals the amount column summed over rows
# (awk over the raw export, cents as integers); orders <= rows; rows reconcile.
want=$(awk -F, 'NR > 1 { split($4, p, "."); c += p[1] * 100 + (substr($4, 1, 1) == "-" ? -1 : 1) * p[2] } END { print c }' "$samples/orders-en.csv")
got=$(awk -F, 'NR > 1 { split($12, p, "."); c += p[1] * 100 + (substr($12, 1, 1) == "-" ? -1 : 1) * substr(p[2] "00", 1, 2) } END { print c }' "$tmp/en.csv")
if [ "$want" = "$got" ] && [ -n "$want" ]; then pass; else fail "revenue total $got, rows sum to $want (cents)"; fi
"$imp" "$samples/orders-en.csv" 2>"$tmp/summary" >/dev/null
rows=$(($(wc -l <"$samples/orders-en.csv") - 1))
if grep -q "^cm-import: $rows rows read = $rows accepted + 0 rejected + 0 filtered; 1000 customers$" "$tmp/summary"; then pass; else fail "summary: $(cat "$tmp/summary")"; fi

# The customer master list: prospects appear with 0 orders, extra columns carried.
{ echo "customer_id,region"; echo "C000001,north"; echo "Z999999,south"; } >"$tmp/master.csv"
"$imp" -q --customers "$tmp/master.csv" "$samples/orders-en.csv" >"$tmp/m.csv"
if grep -q '^Z999999,,,0,0,,,,,0,0,0.00,,0.00,0,0.00,0,,,south$' "$tmp/m.csv" && grep -q '^C000001,.*,north$' "$tmp/m.csv" &&
	[ "$(wc -l <"$tmp/m.csv")" = 1002 ]; then pass; else fail "--customers prospects"; fi

# A customer twice in the master list (its id once with blanks): which row's
# potential would be meant is unknown, so the run stops, naming both lines.
{ echo "customer_id;region;potential"; echo "C000001;north;120.000,00"; echo "C000002;south;1.000,00"
  echo " C000001 ;north;5,00"; } >"$tmp/master-twice.csv"
"$imp" -q --customers "$tmp/master-twice.csv" "$samples/orders-en.csv" >/dev/null 2>"$tmp/err"; rc=$?
if [ $rc = 1 ] && grep -q "master-twice.csv:4: customer 'C000001' is in the customer list twice (line 2 too)" "$tmp/err"; then pass
else fail "a customer twice in the master list: status $rc, $(cat "$tmp/err")"; fi

# The same in JSON Lines: a prospect's empty dates and gap are null, its
# numbers bare; a buyer's dates are strings.
"$imp" -q --format jsonl --customers "$tmp/master.csv" "$samples/orders-en.csv" >"$tmp/m.jsonl"
if grep -q '^{"customer_id":"Z999999","first_date":null,"last_date":null,"orders":0,"repeat_orders":0,"active_days":null,"age_days":null,"idle_days":null,"last_gap_days":null,"orders_recent":0,"orders_previous":0,"revenue":0.00,"avg_order_value":null,"avg_repeat_value":0.00,"documents":0,"margin":0.00,"channels":0,"main_channel":null,"customer_name":null,"region":"south"}$' "$tmp/m.jsonl" &&
	grep -q '^{"customer_id":"C000001","first_date":"20[0-9][0-9]-[01][0-9]-[0-3][0-9]","last_date":"20' "$tmp/m.jsonl"; then pass
else fail "--customers prospects in JSON Lines: $(grep Z999999 "$tmp/m.jsonl")"; fi

# The same file twice, under another name: refused before reading (its rows
# would count twice); two different files are fine.
(cd "$samples" && "$imp" -q orders-en.csv ./orders-en.csv >/dev/null 2>"$tmp/err"); rc=$?
if [ $rc = 1 ] && grep -q "'./orders-en.csv' is the file 'orders-en.csv' again" "$tmp/err" &&
	"$imp" -q "$samples/orders-en.csv" "$tmp/shuf.csv" >/dev/null 2>&1; then pass
else fail "a file named twice: status $rc, $(cat "$tmp/err")"; fi

# An id a spreadsheet wrote in scientific notation lost its digits: rejected,
# naming it (two such customers would be one).
printf '%s\n' 'Kunde;Datum;Betrag' '1,23457E+11;01.02.2024;10,00' '123456789012;01.02.2024;5,00' >"$tmp/exp.csv"
"$imp" -q "$tmp/exp.csv" >/dev/null 2>"$tmp/err"; rc=$?
if [ $rc = 1 ] && grep -q "exp.csv:2: customer id in scientific notation '1,23457E+11' in column 'Kunde'" "$tmp/err"; then pass
else fail "an id in scientific notation: status $rc, $(cat "$tmp/err")"; fi

# Rows wait for a date that settles day-or-month first, 200,000 at most: past
# that the message says so (the settling 25/11/2024 comes after), not that no
# date in the file does.
awk 'BEGIN { srand(5); print "customer_id;date;amount"
	for (i = 0; i < 200100; i++) printf "%d;%02d/%02d/2024;1,00\n", i % 5000, 1 + int(rand() * 12), 1 + int(rand() * 12)
	print "1;25/11/2024;1,00" }' >"$tmp/held.csv"
"$imp" -q "$tmp/held.csv" >/dev/null 2>"$tmp/err"; rc=$?
if [ $rc = 1 ] && grep -q "held.csv:2: ambiguous date .*: none of the next 200,000 rows (or 64 MB) held while waiting tells" "$tmp/err"; then pass
else fail "held rows at their limit: status $rc, $(cat "$tmp/err")"; fi

# A lone CR in the header leaves libcsv inside a quote that no held line
# opened (found by fuzz_import): refused at the end, never a crash.
printf '\357\273\277customer_id,date,auount\rJ"A",2024-01-01,"1,5%%\r\nB,2024-01-02,2\r\n' >"$tmp/cr.csv"
bad=""
for t in 0 1 2; do
	"$imp" -q --threads $t "$tmp/cr.csv" >/dev/null 2>"$tmp/err"
	rc=$?; [ $rc = 1 ] && grep -q "cr.csv:2: a quoted field opened on this line is never closed" "$tmp/err" || bad="$bad $t:$rc"
done
if [ -z "$bad" ]; then pass; else fail "a lone CR in the header:$bad $(cat "$tmp/err")"; fi

# A total line with a date and an amount: at the end the footer (its 30,00
# would count once more), in the middle a rejected row, with --keep-id a customer.
printf '%s\n' 'Kunde;Datum;Betrag' '1;01.02.2024;10,00' '2;02.02.2024;20,00' 'Summe;02.02.2024;30,00' >"$tmp/sum.csv"
printf '%s\n' 'Kunde;Datum;Betrag' '1;01.02.2024;10,00' 'Total:;02.02.2024;30,00' '2;02.02.2024;20,00' >"$tmp/sum2.csv"
a=$("$imp" "$tmp/sum.csv" 2>&1 >/dev/null)
"$imp" -q "$tmp/sum2.csv" >/dev/null 2>"$tmp/err"; rc=$?
b=$("$imp" -q --keep-id "$tmp/sum2.csv" | grep -c '^Total:,')
if [ "$a" = "cm-import: 2 rows read = 2 accepted + 0 rejected + 0 filtered; 1 line skipped as title/footer; 2 customers" ] &&
	[ $rc = 1 ] && grep -q "sum2.csv:3: a total line 'Total:' in column 'Kunde'" "$tmp/err" && [ "$b" = 1 ]; then pass
else fail "a total line: '$a', status $rc $(cat "$tmp/err"), --keep-id $b"; fi

# UTF-16 without a byte-order mark: said as such, with the iconv to run.
printf 'customer_id,date,amount\nA,2024-01-01,1\n' | iconv -f UTF-8 -t UTF-16LE >"$tmp/u16.csv"
"$imp" -q "$tmp/u16.csv" >/dev/null 2>"$tmp/err"; rc=$?
if [ $rc = 1 ] && grep -q "u16.csv: UTF-16 text without a byte-order mark .*iconv -f UTF-16LE -t UTF-8" "$tmp/err"; then pass
else fail "UTF-16 without a BOM: status $rc, $(cat "$tmp/err")"; fi

# Invalid UTF-8 that Windows-1252 reads (0xE4) hints at cp1252; a byte it
# leaves undefined (0x81) does not.
printf 'customer_id,date,amount\nA\201B,2024-01-01,1\nC\344,2024-01-01,1\n' >"$tmp/b81.csv"
"$imp" -q --on-error skip --encoding utf-8 "$tmp/b81.csv" >/dev/null 2>"$tmp/err"
if grep -q "b81.csv:2: invalid UTF-8 .*nor Windows-1252" "$tmp/err" && grep -q "b81.csv:3: .*try --encoding cp1252" "$tmp/err"; then pass
else fail "invalid UTF-8 hints: $(cat "$tmp/err")"; fi

# A gzip file damaged in the middle (a bit flipped): whatever rows the damage
# garbles, the message says the gzip input is corrupt, never a CSV error alone.
"$bin/cm-gen" --customers 20000 --seed 1 2>/dev/null | gzip -n >"$tmp/g.csv.gz"
size=$(wc -c <"$tmp/g.csv.gz")
byte=$(od -An -tu1 -j $((size / 2)) -N1 "$tmp/g.csv.gz" | tr -d ' ')
printf "\\$(printf %o $((byte ^ 16)))" | dd of="$tmp/g.csv.gz" bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
"$imp" -q "$tmp/g.csv.gz" >/dev/null 2>"$tmp/err"; rc=$?
cat "$tmp/g.csv.gz" | "$imp" -q >/dev/null 2>"$tmp/err2"; rc2=$?
if [ $rc = 1 ] && [ $rc2 = 1 ] && grep -q "g.csv.gz: corrupt gzip input" "$tmp/err" && grep -q "<stdin>: corrupt gzip input" "$tmp/err2"; then pass
else fail "a damaged gzip: status $rc/$rc2, $(cat "$tmp/err" "$tmp/err2")"; fi

# --occasion order with a holdout: an order's line after as-of is holdout
# money, never part of the calibration's repeat value (10.00, as without it).
printf '%s\n' customer_id,order_id,date,amount A,O1,2024-01-01,10 A,O5,2024-03-30,10 A,O5,2024-04-02,7 >"$tmp/ho.csv"
a=$("$imp" -q --occasion order --as-of 2024-03-31 "$tmp/ho.csv" | cut -d, -f12-14 | tail -1)
b=$("$imp" -q --occasion order --as-of 2024-03-31 --holdout-end 2024-04-30 "$tmp/ho.csv" | cut -d, -f12-17 | tail -1)
if [ "$a" = "20.00,10.00,10.00" ] && [ "$b" = "20.00,10.00,10.00,1,7.00,30" ]; then pass
else fail "an order across as-of with a holdout: '$a' / '$b'"; fi

# The header again in the middle (files joined with cat) is said as such.
printf '%s\n' 'Kunde;Datum;Betrag' '1;01.02.2024;10,00' 'Kunde;Datum;Betrag' '2;02.02.2024;5,00' >"$tmp/hdr.csv"
"$imp" -q "$tmp/hdr.csv" >/dev/null 2>"$tmp/err"; rc=$?
if [ $rc = 1 ] && grep -q "hdr.csv:3: the header again: files joined into one?" "$tmp/err"; then pass
else fail "the header again: status $rc, $(cat "$tmp/err")"; fi

# A bad value does not decide the decimal mark: 12,50,00 (no number under
# either mark) is rejected, and 12,50 and 7,25 after it are read with a comma.
printf '%s\n' 'customer_id;date;amount' '1;2024-01-01;12,50,00' '2;2024-01-01;12,50' '3;2024-01-02;7,25' >"$tmp/dm.csv"
got=$("$imp" -q --on-error skip "$tmp/dm.csv" 2>/dev/null | cut -d, -f1,12 | paste -sd' ')
if [ "$got" = "customer_id,revenue 2,12.50 3,7.25" ]; then pass; else fail "decimal mark from a rejected value: $got"; fi

# JSON numbers are read as the text they are: ids of 17 and 19 digits stay
# apart and verbatim (a double would make 12345678901234567 ...568), amounts
# to the cent above 2^53 cents stay exact, and so does a table in JSON Lines
# read back by the next tool.
printf '%s\n' '{"customer_id":12345678901234567,"date":"2024-01-01","amount":1}' \
	'{"customer_id":12345678901234568,"date":"2024-01-01","amount":2}' \
	'{"customer_id":1234567890123456789,"date":"2024-01-02","amount":80000000000000.01}' >"$tmp/bigid.jsonl"
"$imp" -q "$tmp/bigid.jsonl" | cut -d, -f1,12 >"$tmp/bigid.out"
printf '%s\n' customer_id,revenue 12345678901234567,1.00 1234567890123456789,80000000000000.01 12345678901234568,2.00 >"$tmp/bigid.want"
"$imp" -q --format jsonl "$tmp/bigid.jsonl" | "$bin/cm-segment" -q | cut -d, -f1,12 >"$tmp/bigid.seg"
if cmp -s "$tmp/bigid.out" "$tmp/bigid.want" && cmp -s "$tmp/bigid.seg" "$tmp/bigid.want"; then pass
else fail "JSON numbers not read as written: $(cat "$tmp/bigid.out" "$tmp/bigid.seg")"; fi

# A JSON number's mark is the point: 1.500 and 12.500 are 1.50 and 12.50, not
# a question of thousands; a date written bare (2024-01-02) is no JSON.
printf '%s\n' '{"customer_id":"A","date":"2024-01-02","amount":1.500}' '{"customer_id":"B","date":"2024-01-03","amount":12.500}' \
	'{"customer_id":"C","date":"2024-01-03","amount":2.0,"x":[1,{"y":2.50}]}' >"$tmp/dec.jsonl"
got=$("$imp" -q "$tmp/dec.jsonl" | cut -d, -f1,12 | paste -sd' ')
printf '%s\n' '{"customer_id":"A","date":2024-01-02,"amount":1}' >"$tmp/bare.jsonl"
"$imp" -q "$tmp/bare.jsonl" >/dev/null 2>"$tmp/err"; rc=$?
if [ "$got" = "customer_id,revenue A,1.50 B,12.50 C,2.00" ] && [ $rc = 1 ] && grep -q "bare.jsonl:1: invalid JSON" "$tmp/err"; then pass
else fail "JSON numbers with trailing zeros, or bare dates: '$got', status $rc"; fi

# JSON Lines out and in again: the same table.
"$imp" -q --transactions --format jsonl "$samples/orders-en.csv" | "$imp" -q >"$tmp/via-jsonl.csv"
if cmp -s "$tmp/en.csv" "$tmp/via-jsonl.csv"; then pass; else fail "via JSON Lines differs"; fi

# -o onto something that is not a regular file (a named pipe, a symbolic link
# such as /dev/stdout) writes into it: the pipe stays a pipe, the link a link
# (a temporary renamed over them would replace them).
"$imp" -q "$samples/orders-en.csv" >"$tmp/plain.csv"
mkfifo "$tmp/fifo"
timeout 20 cat "$tmp/fifo" >"$tmp/through-fifo.csv" &
"$imp" -q -o "$tmp/fifo" "$samples/orders-en.csv"
wait
if [ -p "$tmp/fifo" ] && cmp -s "$tmp/plain.csv" "$tmp/through-fifo.csv"; then pass
else fail "-o onto a named pipe: $(ls -l "$tmp/fifo")"; fi
"$imp" -q -o /dev/stdout "$samples/orders-en.csv" >"$tmp/through-stdout.csv"
if cmp -s "$tmp/plain.csv" "$tmp/through-stdout.csv" && [ -L /dev/stdout ]; then pass
else fail "-o /dev/stdout: the rows not on standard output, or /dev/stdout replaced"; fi
"$imp" -q --format tsv "$samples/orders-en.csv" >"$tmp/plain.tsv"
cp "$tmp/plain.csv" "$tmp/target"
ln -s "$tmp/target" "$tmp/link"
"$imp" -q --format tsv -o "$tmp/link" "$samples/orders-en.csv"
if [ -L "$tmp/link" ] && cmp -s "$tmp/target" "$tmp/plain.tsv"; then pass
else fail "-o onto a symbolic link: the link replaced, or its file not written"; fi

# A line repeating the date of the line before reads it as that line did, under
# the format known then: a date that is ambiguous until a later line settles it
# (01/02 before 25/02: day first) gives the days its ISO spelling gives; a date
# missing from the first line is missing, not the day before any.
printf 'customer_id,date,amount\nA,01/02/2024,1\nA,01/02/2024,2\nB,01/02/2024,3\nB,25/02/2024,4\n' >"$tmp/dmy.csv"
printf 'customer_id,date,amount\nA,2024-02-01,1\nA,2024-02-01,2\nB,2024-02-01,3\nB,2024-02-25,4\n' >"$tmp/iso.csv"
"$imp" -q --threads 1 --as-of 2024-03-01 "$tmp/dmy.csv" >"$tmp/dmy-out.csv"
"$imp" -q --threads 1 --as-of 2024-03-01 "$tmp/iso.csv" >"$tmp/iso-out.csv"
if [ -s "$tmp/iso-out.csv" ] && cmp -s "$tmp/dmy-out.csv" "$tmp/iso-out.csv"; then pass
else fail "repeated ambiguous dates read otherwise than their ISO spelling"; fi
printf 'customer_id,date,amount\nA,,1\nA,2024-02-01,2\n' >"$tmp/nodate.csv"
"$imp" -q "$tmp/nodate.csv" >/dev/null 2>"$tmp/err"
st=$?
if [ $st -eq 1 ] && grep -q "nodate.csv:2: missing date" "$tmp/err"; then pass
else fail "a missing date on the first line: status $st, $(cat "$tmp/err")"; fi

# Orders are purchase days (the lifetime models' occasions), documents the
# distinct order numbers with a purchase: both counted by awk over the export.
# A document whose lines fall on two days is one document and two days.
{ cat "$samples/orders-de.csv"; printf 'C000001;O99999999;01.01.2024;5,00;1,00;web;X\nC000001;O99999999;02.01.2024;5,00;1,00;web;X\n'; } \
	>"$tmp/docs.csv"
want=$(LC_ALL=C awk -F';' 'NR > 1 { v = $4; gsub(/\./, "", v); sub(",", ".", v)
	if (v + 0 >= 0) { if (!(($1, $3) in day)) { day[$1, $3]; d++ } if (!(($1, $2) in doc)) { doc[$1, $2]; o++ } } }
	END { print d, o }' "$tmp/docs.csv")
got=$("$imp" -q "$tmp/docs.csv" | awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	{ d += $c["orders"]; o += $c["documents"] } END { print d, o }')
if [ -n "$want" ] && [ "$got" = "$want" ]; then pass; else fail "orders and documents '$got', awk '$want'"; fi
for n in 1 2; do "$imp" -q --threads $n "$tmp/docs.csv" >"$tmp/docs.$n"; done
"$imp" -q --threads 0 "$tmp/docs.csv" >"$tmp/docs.0"
if cmp -s "$tmp/docs.0" "$tmp/docs.1" && cmp -s "$tmp/docs.0" "$tmp/docs.2"; then pass; else fail "documents differ by --threads"; fi

# Cohorts with their contribution (the Deckungsbeitrag column) on the German
# sample, against Python's decimals over the raw rows, on any thread count;
# with --margin-rate, revenue x the rate per cell, exact like the table's margin.
for n in 0 1 2; do "$imp" -q --threads $n --cohorts "$tmp/coh.$n" "$samples/orders-de.csv" >/dev/null; done
python3 "$top/tests/independent.py" cohorts de "$samples/orders-de.csv" >"$tmp/coh.want"
awk -F, 'NR > 1 { printf "%s,%s,%s,%s,%.2f,%.2f\n", $1, $2, $3, $4, $6, $7 }' "$tmp/coh.0" >"$tmp/coh.got"
if [ -s "$tmp/coh.want" ] && cmp -s "$tmp/coh.want" "$tmp/coh.got" && cmp -s "$tmp/coh.0" "$tmp/coh.1" && cmp -s "$tmp/coh.0" "$tmp/coh.2"
then pass; else fail "cohort contribution differs from Python or by --threads: $(diff "$tmp/coh.want" "$tmp/coh.got" | head -3)"; fi
cut -d, -f1-4 "$samples/orders-en.csv" >"$tmp/nomargin.csv"
"$imp" -q --margin-rate 0.25 --cohorts "$tmp/coh.rate" "$tmp/nomargin.csv" >/dev/null
bad=$(awk -F, 'NR > 1 { d = $7 - $6 * 0.25; if (d > 1e-7 || d < -1e-7) n++ } END { print n + 0, NR }' "$tmp/coh.rate")
case $bad in "0 "[1-9]*) pass ;; *) fail "cohort contribution by --margin-rate: $bad" ;; esac

# A customer's name: the latest line's, whatever the lines' order; the master
# list's customer_name wins over the lines'.
printf 'customer_id,date,amount,Kundenname\nA,2024-01-01,10,Alt GmbH\nA,2024-03-01,10,Neu GmbH\nA,2024-02-01,10,Mitte GmbH\n' >"$tmp/names.csv"
got=$("$imp" -q "$tmp/names.csv" | awk -F, 'NR == 2 { print $NF }')
printf 'customer_id,customer_name\nA,Liste AG\n' >"$tmp/names-master.csv"
got2=$("$imp" -q --customers "$tmp/names-master.csv" "$tmp/names.csv" | awk -F, 'NR == 1 { n = gsub("customer_name", "") } NR == 2 { print n, $NF }')
if [ "$got" = "Neu GmbH" ] && [ "$got2" = "1 Liste AG" ]; then pass; else fail "customer names: '$got' '$got2'"; fi
# A name that comes back later is the latest again, in every order of the lines.
got=""
for order in 123 132 213 231 312 321; do
	{ echo "customer_id,date,amount,customer_name"
	  for k in $(echo $order | sed 's/./& /g'); do
		case $k in 1) echo "A,2020-01-01,1,Bob" ;; 2) echo "A,2021-01-01,1,Alice" ;; 3) echo "A,2022-01-01,1,Bob" ;; esac
	  done; } >"$tmp/back.csv"
	got="$got $("$imp" -q --threads 0 "$tmp/back.csv" | awk -F, 'NR == 2 { print $NF }')"
done
if [ "$got" = " Bob Bob Bob Bob Bob Bob" ]; then pass; else fail "a name that comes back later, six orders of lines:$got"; fi
# An export in date order (every line another customer's, as ERP exports come)
# gives the table of the same lines grouped by customer, on any thread count,
# also with more threads than parts or cores.
"$top/${BUILDS%% *}/cm-gen" --customers 3000 --seed 9 >"$tmp/grouped.csv" 2>/dev/null
"$top/${BUILDS%% *}/cm-gen" --customers 3000 --seed 9 --order date >"$tmp/dated.csv" 2>/dev/null
"$imp" -q --threads 0 "$tmp/grouped.csv" >"$tmp/grouped.out"
bad=""
for n in 0 1 2 3 7; do
	"$imp" -q --threads $n "$tmp/dated.csv" >"$tmp/dated.out" || bad="$bad status:$n"
	cmp -s "$tmp/grouped.out" "$tmp/dated.out" || bad="$bad $n"
done
# read line by line (a pipe, gzip): through the same batched lookups
cat "$tmp/dated.csv" | "$imp" -q --threads 2 - >"$tmp/dated.out" && cmp -s "$tmp/grouped.out" "$tmp/dated.out" || bad="$bad stdin"
gzip -c "$tmp/dated.csv" >"$tmp/dated.csv.gz"
"$imp" -q "$tmp/dated.csv.gz" >"$tmp/dated.out" && cmp -s "$tmp/grouped.out" "$tmp/dated.out" || bad="$bad gzip"
# the same lines but for the order numbers, and in date order
same=$(cut -d, -f1,3- "$tmp/grouped.csv" | sort | cmp -s - "$(cut -d, -f1,3- "$tmp/dated.csv" | sort >"$tmp/d.sorted"; echo "$tmp/d.sorted")" && echo 1)
dated=$(tail -n +2 "$tmp/dated.csv" | cut -d, -f3 | sort -c 2>&1 && echo 1)
if [ -z "$bad" ] && [ "$same" = 1 ] && [ "$dated" = 1 ]; then pass
else fail "date order gives another table than customer order (--threads$bad; same lines: $same, dated: $dated)"; fi

# Amounts that take sums out of range partway through (article numbers in the
# amount column): read from a pipe, lines are added a batch at a time only
# while no sum can leave the range, one at a time from there; the rows refused,
# their messages and the table are those of the file read line by line.
awk 'BEGIN { srand(5); print "customer_id,date,amount"; split("12.50|99.99|4006381333931|-4006381333931|90000000000000", a, "|")
	for (i = 0; i < 4000; i++) printf "K%d,2024-01-%02d,%s\n", 1 + int(rand() * 40), 1 + int(rand() * 28), a[1 + int(rand() * 5)] }' >"$tmp/ean.csv"
"$imp" --on-error skip --reject "$tmp/ean-rej1.csv" "$tmp/ean.csv" >"$tmp/ean1.out" 2>"$tmp/ean1.err"
"$imp" --on-error skip --reject "$tmp/ean-rej2.csv" - <"$tmp/ean.csv" >"$tmp/ean2.out" 2>"$tmp/ean2.err"
sed "s|$tmp/ean.csv|<stdin>|" "$tmp/ean1.err" >"$tmp/ean1.said"
sed "s|$tmp/ean.csv|<stdin>|" "$tmp/ean-rej1.csv" >"$tmp/ean-rej1.said"
refused=$(sed -n 's/.* accepted + \([0-9]*\) rejected.*/\1/p' "$tmp/ean2.err")
if [ "${refused:-0}" -gt 100 ] && grep -q 'would leave the range' "$tmp/ean2.err" && cmp -s "$tmp/ean1.out" "$tmp/ean2.out" && cmp -s "$tmp/ean1.said" "$tmp/ean2.err" &&
	cmp -s "$tmp/ean-rej1.said" "$tmp/ean-rej2.csv" && grep -q '4000 rows read = ' "$tmp/ean2.err"
then pass; else fail "sums out of range from a pipe differ from the file ($refused refused)"; fi

# A name and an id longer than a chunk of the table's memory are taken whole.
awk 'BEGIN { s = "x"; while (length(s) < 1500000) s = s s; s = substr(s, 1, 1500000)
	print "customer_id,date,amount,customer_name"; print "A,2024-01-01,10.00," s; print s ",2024-01-02,5.00,B" }' >"$tmp/long.csv"
got=$(timeout 60 "$imp" -q "$tmp/long.csv" | awk -F, 'NR > 1 { print length($1), length($NF) }' | sort | tr '\n' ' ')
if [ "$got" = "1 1500000 1500000 1 " ]; then pass; else fail "a 1.5 MB name or id: '$got'"; fi

rm -rf "$tmp"
