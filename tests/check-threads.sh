# cm-import --threads N gives what the careful line-by-line reader (--threads 0)
# with libcsv alone (CM_LIBCSV_ONLY=1, csvio's quote-free split off) gives: the
# same table, messages and status, byte for byte, clean input or not (sourced
# by tests/run.sh).
tmp=$(mktemp -d)
imp="$bin/cm-import"

# same NAME ARGS...: every thread count, and the split, agree with libcsv alone line by line.
same() { threads_agree cm-import 0 "0 1 2 3 7" "$@"; }

# says NAME TEXT ARGS...: -v --threads 2 mentions TEXT (how the file was read).
says() {
	name=$1 text=$2
	shift 2
	if "$imp" -v --threads 2 "$@" 2>&1 >/dev/null | grep -q "$text"; then pass
	else fail "threads: $name: -v does not say '$text'"; fi
}

# A generated file of 2,000 customers, and variants with trouble in the second half.
"$bin/cm-gen" --customers 2000 --seed 5 >"$tmp/tx.csv" 2>/dev/null
rows=$(wc -l <"$tmp/tx.csv")
half=$((rows / 2 + 50))
same "generated" "$tmp/tx.csv"
says "generated" "read in 2 parts" "$tmp/tx.csv"
# The same rows shuffled: most customers in every part, their tables merged.
{ head -1 "$tmp/tx.csv"; tail -n +2 "$tmp/tx.csv" | awk 'BEGIN { srand(7) } { print rand() "\t" $0 }' | sort -k1,1 |
	cut -f2-; } >"$tmp/shuffled.csv"
same "shuffled" "$tmp/shuffled.csv"
"$imp" -q "$tmp/tx.csv" | md5sum >"$tmp/a.sum"
"$imp" -q "$tmp/shuffled.csv" | md5sum >"$tmp/b.sum"
if cmp -s "$tmp/a.sum" "$tmp/b.sum"; then pass; else fail "threads: shuffling the rows changes the table"; fi
same "samples" "$top/samples/orders-en.csv"
same "German sample" --encoding cp1252 "$top/samples/orders-de.csv"
same "filters and as-of" --exclude 'channel=web' --as-of 2024-01-31 --holdout-end 2024-06-30 "$top/samples/orders-en.csv"

# A quoted field with 5,000 newlines across the middle: the cut falls inside it.
awk -v h="$((rows / 2 - 100))" 'NR == h { sub(/,[^,]*$/, ",\"line"); print; for (i = 0; i < 5000; i++) print "more"; print "end\""; next } { print }' \
	"$tmp/tx.csv" >"$tmp/quoted.csv"
same "quoted newlines over the cut" --max-field-lines 6000 "$tmp/quoted.csv"
says "quoted newlines over the cut" "runs over a cut\|a quoted field over a line end" --max-field-lines 6000 "$tmp/quoted.csv"
same "quoted newlines beyond --max-field-lines" "$tmp/quoted.csv"
same "quoted newlines beyond --max-field-lines, skipped" --on-error skip "$tmp/quoted.csv"
# A stray quote in the second half: the lines it would swallow look like records.
awk -v h="$half" 'NR == h { print $0 ",\"note"; next } NR == h + 1 { print; next } { print }' "$tmp/tx.csv" |
	awk -F, -v h="$half" 'NR == 1 { print $0 ",note"; next } NR == h { print; next } { print $0 "," }' >"$tmp/stray.csv"
same "a stray quote" "$tmp/stray.csv"
same "a stray quote, skipped" --on-error skip "$tmp/stray.csv"

# A bad amount, invalid UTF-8, a ragged row, each late in the file: the same message and line.
awk -v h="$half" -F, 'BEGIN { OFS = "," } NR == h { $4 = "12,3x" } { print }' "$tmp/tx.csv" >"$tmp/badnum.csv"
same "a bad amount" "$tmp/badnum.csv"
same "a bad amount, skipped" --on-error skip "$tmp/badnum.csv"
awk -v h="$half" 'NR == h { printf "%s\377\n", $0; next } { print }' "$tmp/tx.csv" >"$tmp/badutf8.csv"
same "invalid UTF-8" "$tmp/badutf8.csv"
says "invalid UTF-8" "not clean UTF-8" "$tmp/badutf8.csv"
awk -v h="$half" 'NR == h { print $0 ",extra"; next } { print }' "$tmp/tx.csv" >"$tmp/ragged.csv"
same "a ragged row" "$tmp/ragged.csv"

# Dates that only the whole file decides: day first in the first part, month
# first in the second (301 and 300 lines of one length: the cut falls between).
printf 'customer_id,date,amount\n' >"$tmp/dates.csv"
i=100
while [ $i -lt 401 ]; do echo "c$i,25/03/2024,1.50"; i=$((i + 1)); done >>"$tmp/dates.csv"
while [ $i -lt 701 ]; do echo "c$i,03/25/2024,1.50"; i=$((i + 1)); done >>"$tmp/dates.csv"
same "day-first, then month-first dates" "$tmp/dates.csv"
says "day-first, then month-first dates" "different date formats" "$tmp/dates.csv"
sed 's#03/25/2024#03/05/2024#' "$tmp/dates.csv" >"$tmp/dates2.csv"
same "ambiguous dates decided by the first half" "$tmp/dates2.csv"

# Line ends and edges: CRLF, no final newline, a BOM, more threads than rows, no rows.
sed 's/$/\r/' "$tmp/tx.csv" >"$tmp/crlf.csv"
same "CRLF" "$tmp/crlf.csv"
head -c -1 "$tmp/tx.csv" >"$tmp/nofinal.csv"
same "no final newline" "$tmp/nofinal.csv"
printf '\357\273\277' | cat - "$tmp/tx.csv" >"$tmp/bom.csv"
same "byte-order mark" "$tmp/bom.csv"
head -3 "$tmp/tx.csv" >"$tmp/tiny.csv"
same "two rows" "$tmp/tiny.csv"
head -1 "$tmp/tx.csv" >"$tmp/header.csv"
same "header only" "$tmp/header.csv"
printf 'customer_id,date,amount\nc1,2024-01-02,"1.50' >"$tmp/open.csv"
same "a quote left open" "$tmp/open.csv"

or="$top/../shared/data/online_retail/online_retail.csv.gz"
if [ -f "$or" ]; then
	gzip -dc "$or" >"$tmp/or.csv"
	same "online_retail" --anonymous skip "$tmp/or.csv"
	same "online_retail, rejects" "$tmp/or.csv"
fi
rm -rf "$tmp"
