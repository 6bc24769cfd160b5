#!/bin/sh
# make bench: time each stage of cm, and the whole pipeline, on generated
# transaction files, beside the peers a user would otherwise reach for: a bare
# libcsv parse (the floor our parser choice sets), wc -l (the I/O floor),
# Miller's aggregation and DuckDB's GROUP BY (from npm; bench/duckdb.sh).
# The files come in date order, as ERP and shop exports do (a customer's lines
# spread over the whole file); the same lines grouped by customer are the
# second case.  BENCH_ROWS="1000000 10000000" picks the sizes (default 1M
# rows); BENCH_CLV_CUSTOMERS the size of the model benchmark.
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
# beyond_64mb CUSTOMERS: the last run's peak memory beyond a fixed 64 MB, per customer.
beyond_64mb() {
	awk -v kb="$(cat "$out/last-kb")" -v c="$1" 'BEGIN { b = kb * 1024 - 64 * 1048576
		if (b <= 0) print "memory: within the fixed 64 MB"
		else printf "memory beyond a fixed 64 MB: %.0f bytes per customer\n", b / c }'
}

# turns FILE: the bare parse, cm-import (one thread, every core, libcsv
# alone) and DuckDB on every core run in turn, BENCH_TURNS times (default 5),
# so that all see the machine in the same moods; the best time of each in
# t_bare, t_one, t_all, t_lib, t_duck ("" when DuckDB is not there).
turns() {
	t_bare="" t_one="" t_all="" t_lib="" t_duck=""
	k=0
	while [ $k -lt "${BENCH_TURNS:-5}" ]; do
		t_bare=$(best_of "$t_bare" "$out/csvparse" "$1")
		t_one=$(best_of "$t_one" "$build/cm-import" -q --threads 1 "$1")
		t_all=$(best_of "$t_all" "$build/cm-import" -q "$1")
		t_lib=$(best_of "$t_lib" env CM_LIBCSV_ONLY=1 "$build/cm-import" -q --threads 1 "$1")
		[ -z "$duck" ] || t_duck=$(duck_best "$t_duck" "$1")
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

# DuckDB, the peer that partitions before it aggregates: installed from npm
# into bench/out/duckdb by bench/duckdb.sh, skipped with its reason where it
# cannot be.  duck_best BEST FILE: the smaller of BEST and the query's time on
# every core (the query alone, as DuckDB's own clock gives it).
duck=""
if duck_why=$(sh bench/duckdb.sh install 2>&1); then duck=1; else duck_why=${duck_why#duckdb: }; fi
duck_best() {
	t=$(sh bench/duckdb.sh run "$2" "$cores" 2>/dev/null | awk '{ print $1 }')
	awk -v b="$1" -v t="$t" 'BEGIN { print (t == "") ? b : (b == "" || t < b + 0) ? t : b }'
}

# order_case FILE ORDER ROWS: the import of FILE beside its peers, in turn;
# prints the figures of the targets (cm-import against the bare parse and
# DuckDB, memory per customer) and leaves cm-import's best time in t_all.
order_case() {
	f=$1 order=$2
	n=$(($(wc -l <"$f") - 1))
	bytes=$(wc -c <"$f")
	nc=$(($("$build/cm-import" -q "$f" | wc -l) - 1))
	say "== $n rows in $order order, $nc customers, $((bytes / 1000000)) MB ($cores cores)"
	run "wc -l (I/O floor)" "$n" "$bytes" 0 wc -l "$f"
	run "bare libcsv parse" "$n" "$bytes" 0 "$out/csvparse" "$f"
	run "cm-import --threads 1" "$n" "$bytes" "$nc" "$build/cm-import" -q --threads 1 "$f"
	one=$(last)
	run "  the same, libcsv alone" "$n" "$bytes" "$nc" env CM_LIBCSV_ONLY=1 "$build/cm-import" -q --threads 1 "$f"
	run "cm-import ($cores threads)" "$n" "$bytes" "$nc" "$build/cm-import" -q "$f"
	all=$(last)
	say "$(beyond_64mb "$nc")"
	run "cm-import --threads 0 (by line)" "$n" "$bytes" "$nc" "$build/cm-import" -q --threads 0 "$f"
	run "cm-import --transactions" "$n" "$bytes" 0 "$build/cm-import" -q --transactions "$f"
	if [ -n "$duck" ]; then
		run "DuckDB GROUP BY ($cores threads)" "$n" "$bytes" 0 sh bench/duckdb.sh run "$f" "$cores"
		say "  (wall time of node, DuckDB's start and the query; the turns below take the query's own clock)"
	else
		say "DuckDB skipped: $duck_why"
	fi
	turns "$f"
	say "cm-import / bare parse, runs in turn (best of ${BENCH_TURNS:-5}): $(ratio "$t_one" "$t_bare") on one" \
		"thread, $(ratio "$t_all" "$t_bare") on $cores ($(ratio "$t_lib" "$t_bare") on one thread with every line" \
		"through libcsv; bare parse $t_bare s, cm-import $t_all s)"
	[ -z "$t_duck" ] || say "DuckDB / cm-import, runs in turn, $cores threads each: $(ratio "$t_duck" "$t_all")" \
		"(DuckDB $t_duck s, cm-import $t_all s)"
	if ! command -v mlr >/dev/null 2>&1; then
		say "Miller (mlr) is not installed: skipped (apt-get install miller)"
	elif [ "$n" -gt 2000000 ] && [ -z "${BENCH_MILLER:-}" ]; then
		say "Miller skipped above 2M rows (it holds every group in memory: about 2 GB per million rows); BENCH_MILLER=1 runs it"
	else
		run "mlr stats1 (Miller)" "$n" "$bytes" 0 mlr --icsv --ocsv stats1 -a count,sum,min,max -f amount,date -g customer_id "$f"
		say "Miller / cm-import: $(ratio "$(last)" "$all") ($cores threads), $(ratio "$(last)" "$one") (one thread)"
	fi
}

for rows in $rows_list; do
	customers=$((rows * 10 / 43)) # the generator writes about 4.3 lines per customer
	dated="$out/tx-$rows-date.csv"
	grouped="$out/tx-$rows-customer.csv"
	[ -f "$dated" ] || "$build/cm-gen" --customers "$customers" --seed 1 --order date >"$dated" 2>/dev/null
	[ -f "$grouped" ] || "$build/cm-gen" --customers "$customers" --seed 1 >"$grouped" 2>/dev/null
	order_case "$grouped" customer
	t_grouped=$t_all
	order_case "$dated" date
	say "date order / customer order, cm-import on $cores threads: $(ratio "$t_all" "$t_grouped")"
	file=$dated
	n=$(($(wc -l <"$file") - 1))
	bytes=$(wc -c <"$file")
	table="$out/tx-$rows-customers.csv"
	"$build/cm-import" -q "$file" >"$table"
	nc=$(($(wc -l <"$table") - 1))
	tbytes=$(wc -c <"$table")
	say "== the other stages, on the table of the date-ordered file"
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
	# Pareto/NBD on the 39-week calibration of Fader, Hardie & Lee, beside R's
	# CLVTools where R has it (bench/clvtools.R says why not otherwise)
	"$build/cm-import" -q --as-of 1997-09-30 --holdout-end 1998-06-30 "$data" >"$out/cdnow-39.csv"
	run "cm-clv --fit pnbd (read, fit, score)" "$n" "$(wc -c <"$out/cdnow-39.csv")" "$n" \
		"$build/cm-clv" -q --fit pnbd --save-model "$out/pnbd.json" "$out/cdnow-39.csv"
	pnbd=$(last)
	say "  log-likelihood $(grep -o '"loglik":[^,]*' "$out/pnbd.json" | head -n 1 | cut -d: -f2 | cut -c1-12)"
	if command -v Rscript >/dev/null 2>&1; then
		clvtools=$(Rscript bench/clvtools.R "$data" 2>&1 | tail -n 1)
		say "$clvtools"
		t=$(echo "$clvtools" | sed -n 's/^clvtools pnbd: \([0-9.]*\) s.*/\1/p')
		[ -z "$t" ] || say "CLVTools' fit / cm-clv's read, fit and score: $(ratio "$t" "$pnbd")"
	else
		say "R is not installed: CLVTools skipped (bench/clvtools.R runs it where R and CLVTools are)"
	fi
else
	say "CDNOW_master.txt not found: cm-clv on CDNOW skipped"
fi
nc=${BENCH_CLV_CUSTOMERS:-1000000}
tx="$out/tx-$nc-customers-date.csv"
table="$out/customers-$nc.csv"
[ -f "$tx" ] || "$build/cm-gen" --customers "$nc" --seed 3 --order date >"$tx" 2>/dev/null
say "== $nc simulated customers ($(($(wc -l <"$tx") - 1)) transaction rows)"
run "cm-import" "$(($(wc -l <"$tx") - 1))" "$(wc -c <"$tx")" "$nc" "$build/cm-import" -q "$tx"
say "$(beyond_64mb "$nc")"
[ -f "$table" ] || "$build/cm-import" -q "$tx" >"$table"
run "cm-clv fit + score" "$nc" "$(wc -c <"$table")" "$nc" "$build/cm-clv" -q --save-model "$out/model.json" "$table"
both=$(last)
run "cm-clv score only (--model)" "$nc" "$(wc -c <"$table")" "$nc" "$build/cm-clv" -q --model "$out/model.json" "$table"
say "fit (difference, with the spool) = $(awk -v a="$both" -v b="$(last)" 'BEGIN { printf "%.2f", a - b }') s"
run "cm-segment" "$nc" "$(wc -c <"$table")" "$nc" "$build/cm-segment" -q "$table"
echo "figures also in $report"
