# cm-segment (and the other tools downstream of cm-import) with --threads N
# give what one thread gives: the same table, messages and status, byte for
# byte, in every output format, clean input or not (sourced by tests/run.sh).
tmp=$(mktemp -d)

# same TOOL NAME ARGS...: every thread count agrees with --threads 1.
same() {
	tool=$1 name=$2
	shift 2
	"$bin/$tool" --threads 1 "$@" >"$tmp/ref.out" 2>"$tmp/ref.err"
	echo $? >"$tmp/ref.status"
	bad=""
	for n in 2 3 7; do
		"$bin/$tool" --threads $n "$@" >"$tmp/n.out" 2>"$tmp/n.err"
		echo $? >"$tmp/n.status"
		cmp -s "$tmp/ref.out" "$tmp/n.out" && cmp -s "$tmp/ref.err" "$tmp/n.err" &&
			cmp -s "$tmp/ref.status" "$tmp/n.status" || bad="$bad $n"
	done
	if [ -z "$bad" ]; then pass; else fail "$tool: $name differs from one thread with --threads$bad"; fi
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
head -3 "$tmp/clv.csv" >"$tmp/tiny.csv"
same cm-segment "two customers" "$tmp/tiny.csv"
head -1 "$tmp/clv.csv" >"$tmp/header.csv"
same cm-segment "header only" "$tmp/header.csv"
rm -rf "$tmp"
