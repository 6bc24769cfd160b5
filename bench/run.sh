#!/bin/sh
# make bench: time each stage of cm, and the whole pipeline, on generated
# transaction files, beside the peers a user would otherwise reach for: a bare
# libcsv parse (the floor our parser choice sets), wc -l (the I/O floor) and
# Miller's aggregation.  BENCH_ROWS="1000000 10000000" picks the sizes
# (default 1M rows); BENCH_CLV_CUSTOMERS the size of the model benchmark.
set -eu
build=${1:-build}
out=bench/out
mkdir -p "$out"
cc -O2 -o "$out/csvparse" bench/csvparse.c -lcsv
# The peer: Miller, from Debian's archive, installed when run as root.
if ! command -v mlr >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "bench: installing miller (the peer)" >&2
	{ apt-get install -y -qq miller || { apt-get update -qq && apt-get install -y -qq miller; }; } >/dev/null 2>&1 ||
		echo "bench: could not install miller; it is skipped" >&2
fi
rows_list=${BENCH_ROWS:-1000000}
report="$out/latest.txt"
: >"$report"
cores=$(nproc)

say() { echo "$*" | tee -a "$report"; }

# run NAME ROWS BYTES CUSTOMERS CMD...: wall time, rows/s, MB/s, peak memory
# (of the largest process), bytes of memory per customer.  The command runs
# BENCH_REPEAT times (default 3) and the fastest run counts: this machine's
# timings wander by 10-30% from run to run, the best is the least disturbed.
run() {
	name=$1 rows=$2 bytes=$3 custs=$4
	shift 4
	best=""
	i=0
	while [ $i -lt "${BENCH_REPEAT:-3}" ]; do
		/usr/bin/time -f "%e %M" -o "$out/time" "$@" >/dev/null 2>"$out/stderr" || { say "$name: failed"; return; }
		best=$(awk -v b="$best" '{ if (b == "" || $1 < b + 0) print $1, $2; else print b }' "$out/time")
		i=$((i + 1))
	done
	set -- $best
	awk -v n="$name" -v s="$1" -v kb="$2" -v r="$rows" -v b="$bytes" -v c="$custs" 'BEGIN {
		if (s < 0.01) s = 0.01
		per = c > 0 ? sprintf("%6.0f B/cust", kb * 1024 / c) : ""
		printf "%-30s %6.2f s %9.0f rows/s %6.1f MB/s %7.1f MB peak %s\n", n, s, r / s, b / s / 1e6, kb / 1024, per }' |
		tee -a "$report"
	echo "$1" >"$out/last-seconds"
	echo "$2" >"$out/last-kb"
}
last() { cat "$out/last-seconds"; }

# turns FILE: the bare parse and cm-import (one thread, every core, libcsv
# alone) run in turn, BENCH_TURNS times (default 5), so that all see the
# machine in the same moods; the best time of each in t_bare, t_one, t_all, t_lib.
turns() {
	t_bare="" t_one="" t_all="" t_lib=""
	k=0
	while [ $k -lt "${BENCH_TURNS:-5}" ]; do
		t_bare=$(best_of "$t_bare" "$out/csvparse" "$1")
		t_one=$(best_of "$t_one" "$build/cm-import" -q --threads 1 "$1")
		t_all=$(best_of "$t_all" "$build/cm-import" -q "$1")
		t_lib=$(best_of "$t_lib" env CM_LIBCSV_ONLY=1 "$build/cm-import" -q --threads 1 "$1")
		k=$((k + 1))
	done
}

# best_of BEST CMD...: the smaller of BEST and the wall time of CMD.
best_of() {
	b=$1
	shift
	/usr/bin/time -f "%e" -o "$out/turn" "$@" >/dev/null 2>&1
	awk -v b="$b" '{ print (b == "" || $1 < b + 0) ? $1 : b }' "$out/turn"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

for rows in $rows_list; do
	customers=$((rows * 10 / 43)) # the generator writes about 4.3 lines per customer
	file="$out/tx-$rows.csv"
	[ -f "$file" ] || "$build/cm-gen" --customers "$customers" --seed 1 >"$file" 2>/dev/null
	n=$(($(wc -l <"$file") - 1))
	bytes=$(wc -c <"$file")
	table="$out/tx-$rows-customers.csv"
	"$build/cm-import" -q "$file" >"$table"
	nc=$(($(wc -l <"$table") - 1))
	tbytes=$(wc -c <"$table")
	say "== $n rows, $nc customers, $((bytes / 1000000)) MB ($cores cores)"
	run "wc -l (I/O floor)" "$n" "$bytes" 0 wc -l "$file"
	run "bare libcsv parse" "$n" "$bytes" 0 "$out/csvparse" "$file"
	run "cm-import --threads 1" "$n" "$bytes" "$nc" "$build/cm-import" -q --threads 1 "$file"
	one=$(last)
	run "  the same, libcsv alone" "$n" "$bytes" "$nc" env CM_LIBCSV_ONLY=1 "$build/cm-import" -q --threads 1 "$file"
	run "cm-import ($cores threads)" "$n" "$bytes" "$nc" "$build/cm-import" -q "$file"
	all=$(last)
	run "cm-import --threads 0 (by line)" "$n" "$bytes" "$nc" "$build/cm-import" -q --threads 0 "$file"
	run "cm-import --transactions" "$n" "$bytes" 0 "$build/cm-import" -q --transactions "$file"
	turns "$file"
	say "cm-import / bare parse, runs in turn (best of ${BENCH_TURNS:-5}): $(ratio "$t_one" "$t_bare") on one" \
		"thread, $(ratio "$t_all" "$t_bare") on $cores ($(ratio "$t_lib" "$t_bare") on one thread with every line" \
		"through libcsv; bare parse $t_bare s)"
	if ! command -v mlr >/dev/null 2>&1; then
		say "Miller (mlr) is not installed: skipped (apt-get install miller)"
	elif [ "$rows" -gt 2000000 ] && [ -z "${BENCH_MILLER:-}" ]; then
		say "Miller skipped above 2M rows (it holds every group in memory: about 2 GB per million rows); BENCH_MILLER=1 runs it"
	else
		run "mlr stats1 (Miller)" "$n" "$bytes" 0 mlr --icsv --ocsv stats1 -a count,sum,min,max -f amount,date -g customer_id "$file"
		say "Miller / cm-import: $(ratio "$(last)" "$all") ($cores threads), $(ratio "$(last)" "$one") (one thread)"
	fi
	"$build/cm-clv" -q "$table" >"$out/valued.csv"
	"$build/cm-segment" -q "$out/valued.csv" >"$out/segmented.csv"
	run "cm-clv (fit + score)" "$nc" "$tbytes" "$nc" "$build/cm-clv" -q "$table"
	run "cm-segment" "$nc" "$(wc -c <"$out/valued.csv")" "$nc" "$build/cm-segment" -q "$out/valued.csv"
	run "cm-report" "$nc" "$(wc -c <"$out/segmented.csv")" "$nc" "$build/cm-report" "$out/segmented.csv"
	run "pipeline import|clv|segment|report" "$n" "$bytes" "$nc" sh -c \
		"'$build/cm-import' -q '$file' | '$build/cm-clv' -q | '$build/cm-segment' -q | '$build/cm-report'"
	rm -f "$table" "$out/valued.csv" "$out/segmented.csv"
done
# cm-clv: BG/NBD + Gamma-Gamma fit and scoring, on CDNOW (23,570 customers) and on
# a simulated table of BENCH_CLV_CUSTOMERS customers (default 1,000,000); the
# import of that table is the memory benchmark (bytes per customer).
data=../shared/data/cdnow/CDNOW_master.txt
if [ -f "$data" ]; then
	"$build/cm-import" -q "$data" >"$out/cdnow-master.csv"
	n=$(($(wc -l <"$out/cdnow-master.csv") - 1))
	say "== cm-clv on CDNOW_master.txt, $n customers"
	run "cm-clv fit + score" "$n" "$(wc -c <"$out/cdnow-master.csv")" "$n" "$build/cm-clv" -q "$out/cdnow-master.csv"
else
	say "CDNOW_master.txt not found: cm-clv on CDNOW skipped"
fi
nc=${BENCH_CLV_CUSTOMERS:-1000000}
tx="$out/tx-$nc-customers.csv"
table="$out/customers-$nc.csv"
[ -f "$tx" ] || "$build/cm-gen" --customers "$nc" --seed 3 >"$tx" 2>/dev/null
say "== $nc simulated customers ($(($(wc -l <"$tx") - 1)) transaction rows)"
run "cm-import" "$(($(wc -l <"$tx") - 1))" "$(wc -c <"$tx")" "$nc" "$build/cm-import" -q "$tx"
say "memory beyond a fixed 64 MB: $(awk -v kb="$(cat "$out/last-kb")" -v c="$nc" 'BEGIN { printf "%.0f", (kb * 1024 - 64 * 1048576) / c }') bytes per customer"
[ -f "$table" ] || "$build/cm-import" -q "$tx" >"$table"
run "cm-clv fit + score" "$nc" "$(wc -c <"$table")" "$nc" "$build/cm-clv" -q --save-model "$out/model.json" "$table"
both=$(last)
run "cm-clv score only (--model)" "$nc" "$(wc -c <"$table")" "$nc" "$build/cm-clv" -q --model "$out/model.json" "$table"
say "fit (difference, with the spool) = $(awk -v a="$both" -v b="$(last)" 'BEGIN { printf "%.2f", a - b }') s"
run "cm-segment" "$nc" "$(wc -c <"$table")" "$nc" "$build/cm-segment" -q "$table"
echo "figures also in $report"
