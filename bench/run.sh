#!/bin/sh
# make bench: time cm-import on generated transaction files beside its peers:
# a bare libcsv parse (the floor our parser choice sets), wc -l (the I/O
# floor) and Miller's aggregation (what a user would otherwise write).
# BENCH_ROWS="1000000 10000000" picks the sizes (default 1M rows).
set -eu
build=${1:-build}
out=bench/out
mkdir -p "$out"
cc -O2 -o "$out/csvparse" bench/csvparse.c -lcsv
rows_list=${BENCH_ROWS:-1000000}
report="$out/latest.txt"
: >"$report"

say() { echo "$*" | tee -a "$report"; }

# run NAME ROWS BYTES CMD...: wall time, rows/s, MB/s, peak memory.
run() {
	name=$1 rows=$2 bytes=$3
	shift 3
	/usr/bin/time -f "%e %M" -o "$out/time" "$@" >/dev/null 2>"$out/stderr" || { say "$name: failed"; return; }
	set -- $(cat "$out/time")
	awk -v n="$name" -v s="$1" -v kb="$2" -v r="$rows" -v b="$bytes" 'BEGIN {
		if (s < 0.01) s = 0.01
		printf "%-28s %7.2f s %10.0f rows/s %7.1f MB/s %8.1f MB peak\n", n, s, r / s, b / s / 1e6, kb / 1024 }' |
		tee -a "$report"
	echo "$1" >"$out/last-seconds"
}

for rows in $rows_list; do
	customers=$((rows * 10 / 43)) # the generator writes about 4.3 lines per customer
	file="$out/tx-$rows.csv"
	[ -f "$file" ] || "$build/cm-gen" --customers "$customers" --seed 1 >"$file" 2>/dev/null
	n=$(($(wc -l <"$file") - 1))
	bytes=$(wc -c <"$file")
	say "== $n rows, $customers customers, $((bytes / 1000000)) MB ($(nproc) cores)"
	run "wc -l (I/O floor)" "$n" "$bytes" wc -l "$file"
	run "bare libcsv parse" "$n" "$bytes" "$out/csvparse" "$file"
	floor=$(cat "$out/last-seconds")
	run "cm-import" "$n" "$bytes" "$build/cm-import" -q "$file"
	mine=$(cat "$out/last-seconds")
	run "cm-import --transactions" "$n" "$bytes" "$build/cm-import" -q --transactions "$file"
	if command -v mlr >/dev/null 2>&1; then
		run "mlr stats1 (Miller)" "$n" "$bytes" mlr --icsv --ocsv stats1 -a count,sum,min,max -f amount,date -g customer_id "$file"
		peer=$(cat "$out/last-seconds")
		say "$(awk -v a="$mine" -v f="$floor" -v p="$peer" 'BEGIN { printf "cm-import / bare parse = %.2f; Miller / cm-import = %.1f", a / f, p / a }')"
	else
		say "$(awk -v a="$mine" -v f="$floor" 'BEGIN { printf "cm-import / bare parse = %.2f", a / f }')"
		say "Miller (mlr) is not installed: skipped (apt-get install miller)"
	fi
done
# cm-clv: BG/NBD + Gamma-Gamma fit and scoring, on CDNOW (23,570 customers) and on
# a simulated table of BENCH_CLV_CUSTOMERS customers (default 1,000,000).
data=../shared/data/cdnow/CDNOW_master.txt
if [ -f "$data" ]; then
	"$build/cm-import" -q "$data" >"$out/cdnow-master.csv"
	n=$(($(wc -l <"$out/cdnow-master.csv") - 1))
	say "== cm-clv on CDNOW_master.txt, $n customers"
	run "cm-clv fit + score" "$n" "$(wc -c <"$out/cdnow-master.csv")" "$build/cm-clv" -q "$out/cdnow-master.csv"
else
	say "CDNOW_master.txt not found: cm-clv on CDNOW skipped"
fi
nc=${BENCH_CLV_CUSTOMERS:-1000000}
table="$out/customers-$nc.csv"
[ -f "$table" ] || "$build/cm-gen" --customers "$nc" --seed 3 2>/dev/null | "$build/cm-import" -q >"$table"
say "== cm-clv on $nc simulated customers"
run "cm-clv fit + score" "$nc" "$(wc -c <"$table")" "$build/cm-clv" -q --save-model "$out/model.json" "$table"
both=$(cat "$out/last-seconds")
run "cm-clv score only (--model)" "$nc" "$(wc -c <"$table")" "$build/cm-clv" -q --model "$out/model.json" "$table"
say "$(awk -v a="$both" -v b="$(cat "$out/last-seconds")" 'BEGIN { printf "fit (difference, with the spool) = %.2f s", a - b }')"
say "== cm-segment on $nc simulated customers"
run "cm-segment" "$nc" "$(wc -c <"$table")" "$build/cm-segment" -q "$table"
echo "figures also in $report"
