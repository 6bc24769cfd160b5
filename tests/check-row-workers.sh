# The tools downstream of cm-import with --threads N (the table parsed on N
# threads, parallel_reader.h; cm-segment's second pass too, row_workers.h) give what one
# thread gives: the same output, messages and status, byte for byte, in every
# output format, clean input or not, quoted newlines and stray quotes over the
# cuts between chunks; the reference reads with libcsv alone (CM_LIBCSV_ONLY=1)
# (sourced by tests/run.sh).
tmp=$(mktemp -d)

# same TOOL NAME ARGS...: every thread count agrees with --threads 1 and libcsv alone.
same() {
	_tool=$1
	shift
	threads_agree "$_tool" 1 "1 2 3 7" "$@"
}

# 20,000 customers: several rounds of rows on every lane.
"$bin/cm-gen" --customers 20000 --seed 11 >"$tmp/tx.csv" 2>/dev/null
"$bin/cm-import" -q "$tmp/tx.csv" >"$tmp/cust.csv"
"$bin/cm-clv" -q "$tmp/cust.csv" >"$tmp/clv.csv"
rows=$(wc -l <"$tmp/cust.csv")
late=$((rows - 300))
for fmt in csv tsv jsonl; do
	same cm-segment "generated, $fmt" --format $fmt "$tmp/clv.csv"
done
same cm-segment "without clv" -v "$tmp/cust.csv"

# Trouble late in the table: the first failure in row order, with its line.
awk -v h="$late" -F, 'BEGIN { OFS = "," } NR == h { $7 = "1e999" } { print }' "$tmp/clv.csv" >"$tmp/inf.csv"
same cm-segment "an infinite age late in the table" "$tmp/inf.csv"
awk -v h="$late" 'NR == h { print $0 ",extra"; next } { print }' "$tmp/clv.csv" >"$tmp/ragged.csv"
same cm-segment "a ragged row late in the table" "$tmp/ragged.csv"
awk -v h="$late" -F, 'BEGIN { OFS = "," } NR == h { $7 = "12x" } { print }' "$tmp/clv.csv" >"$tmp/badnum.csv"
same cm-segment "a malformed number late in the table" "$tmp/badnum.csv"
same cm-clv "a malformed number late in the table" -q "$tmp/badnum.csv"
same cm-report "a malformed number late in the table" "$tmp/badnum.csv"
awk -v h="$late" 'NR == 2 { first = $0 } NR == h { print first; next } { print }' "$tmp/clv.csv" >"$tmp/twice.csv"
same cm-segment "a customer twice, late in the table" "$tmp/twice.csv"
same cm-clv "a customer twice, late in the table" "$tmp/twice.csv"
# A read error (a truncated gzip) after a malformed row in the same chunk: the row's message first.
awk -F, 'BEGIN { OFS = "," } NR == 3 { $7 = "12x" } { print }' "$tmp/clv.csv" | gzip | head -c 100000 >"$tmp/cut.csv.gz"
same cm-segment "a malformed row, then a truncated gzip" "$tmp/cut.csv.gz"
gzip -c "$tmp/clv.csv" | head -c 300000 >"$tmp/cut2.csv.gz"
same cm-segment "a truncated gzip" "$tmp/cut2.csv.gz"
printf 'customer_id,orders\nc1,"3' >"$tmp/open.csv"
same cm-segment "a quote left open" "$tmp/open.csv"

# cm-clv scores on N threads too: with the fitted histories' predictions
# worked out first (a fit) and without them (--model, each thread's own), the
# same bytes; --sample fits on some histories and scores them all; --evaluate
# sums the holdout in row order.
same cm-clv "generated" "$tmp/cust.csv"
same cm-clv "generated, jsonl" --format jsonl "$tmp/cust.csv"
"$bin/cm-clv" -q --save-model "$tmp/m.json" "$tmp/cust.csv" >"$tmp/fit.csv"
"$bin/cm-clv" -q --threads 1 --model "$tmp/m.json" "$tmp/cust.csv" >"$tmp/scored.csv"
if [ -s "$tmp/fit.csv" ] && cmp -s "$tmp/fit.csv" "$tmp/clv.csv" && cmp -s "$tmp/fit.csv" "$tmp/scored.csv"
then pass; else fail "cm-clv: scores with the fitted histories shared differ from --model's"; fi
same cm-clv "with a saved model" -q --model "$tmp/m.json" "$tmp/cust.csv"
same cm-clv "--sample" --sample 700 "$tmp/cust.csv"
"$bin/cm-import" -q --as-of 2023-12-31 --holdout-end 2024-06-29 "$tmp/tx.csv" >"$tmp/hold.csv"
same cm-clv "--evaluate" --horizon 181d --evaluate "$tmp/hold.csv"
same cm-clv "--evaluate, json" --horizon 181d --evaluate --format jsonl "$tmp/hold.csv"
"$bin/cm-segment" -q --threads 1 "$tmp/clv.csv" >"$tmp/seg.csv"
same cm-report "generated" "$tmp/seg.csv"
same cm-report "generated, json" --format json "$tmp/seg.csv"

# A text column: a quoted field with commas and 30,000 newlines across the
# first cut; then a stray quote (kept as text by the parser) before a quoted
# multi-line field, so the quote count misleads the cut: the rest is read on one thread.
awk 'NR == 1 { print $0 ",note"; next } NR == 9000 { print $0 ",\"a, b"; for (i = 0; i < 30000; i++) print "more"; print "end\""; next }
     { print $0 ",x" }' "$tmp/clv.csv" >"$tmp/quoted.csv"
same cm-segment "quoted newlines over a cut" "$tmp/quoted.csv"
awk 'NR == 1 { print $0 ",note"; next } NR == 1000 { print $0 ",5\" screen"; next }
     NR == 9000 { print $0 ",\"a"; for (i = 0; i < 30000; i++) print "more"; print "end\""; next }
     { print $0 ",x" }' "$tmp/clv.csv" >"$tmp/stray.csv"
same cm-segment "a stray quote, then quoted newlines over a cut" "$tmp/stray.csv"
same cm-report "a stray quote, then quoted newlines over a cut" "$tmp/stray.csv"

head -c -1 "$tmp/clv.csv" >"$tmp/nofinal.csv"
same cm-segment "no final newline" "$tmp/nofinal.csv"
same cm-clv "no final newline" "$tmp/nofinal.csv"
sed 's/$/\r/' "$tmp/clv.csv" >"$tmp/crlf.csv"
same cm-segment "CRLF" "$tmp/crlf.csv"
head -3 "$tmp/clv.csv" >"$tmp/tiny.csv"
same cm-segment "two customers" "$tmp/tiny.csv"
head -1 "$tmp/clv.csv" >"$tmp/header.csv"
same cm-segment "header only" "$tmp/header.csv"
rm -rf "$tmp"
