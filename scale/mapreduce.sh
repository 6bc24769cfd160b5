#!/bin/sh
# The map-reduce plan of cm(7) (SCALE) on one machine with GNU parallel;
# the same steps run on a cluster with another engine (see cm(7)).
#
#   scale/mapreduce.sh [-j JOBS] [-b BUCKETS] [-B BLOCK] [--force] --as-of DATE [-- IMPORT-OPTIONS] INPUT OUTDIR
#
# OUTDIR must be empty or new; --force lets the script replace what it wrote
# there before (map/, reduce/, score/, table.csv, model.json, customers.csv)
# and nothing else.  The tools are taken from CM_BIN, else from the build/
# folder of the source tree the script lies in, else from PATH.
#
#   map     cm-import --transactions on blocks of INPUT, each row to a bucket by a
#           stable hash of customer_id (--buckets)
#   reduce  cm-import on each bucket's clean transactions: that bucket's customer table
#   model   one cm-clv fit on the merged table (--save-model)
#   score   cm-clv --model on each bucket
#   merge   the buckets' rows sorted by customer_id: OUTDIR/customers.csv, byte for
#           byte what cm-import --as-of DATE INPUT | cm-clv gives in one process.
# --as-of is required: each bucket must measure time from the same day.
set -eu
jobs=$(nproc 2>/dev/null || echo 2)
buckets=8
block=16M
as_of=""
force=0
while [ $# -gt 0 ]; do
	case $1 in
	--force) force=1; shift ;;
	-j) jobs=$2; shift 2 ;;
	-b) buckets=$2; shift 2 ;;
	-B) block=$2; shift 2 ;;
	--as-of) as_of=$2; shift 2 ;;
	--) shift; break ;;
	-*) echo "mapreduce: unknown option $1" >&2; exit 2 ;;
	*) break ;;
	esac
done
[ $# -ge 2 ] || { echo "usage: scale/mapreduce.sh [-j N] [-b N] [-B SIZE] --as-of DATE [-- OPTS] INPUT OUTDIR" >&2; exit 2; }
[ -n "$as_of" ] || { echo "mapreduce: --as-of DATE is required (every bucket measures from it)" >&2; exit 2; }
eval "input=\${$(($# - 1))}"
eval "out=\${$#}"
opts=""
while [ $# -gt 2 ]; do opts="$opts $1"; shift; done
command -v parallel >/dev/null 2>&1 || { echo "mapreduce: GNU parallel is not installed (apt-get install parallel)" >&2; exit 1; }
here=$(cd "$(dirname "$0")" && pwd)
bin=${CM_BIN:-}
if [ -z "$bin" ] && [ -x "$here/../build/cm-import" ]; then bin="$here/../build"; fi
if [ -z "$bin" ] && ! command -v cm-import >/dev/null 2>&1; then
	echo "mapreduce: cm-import not found: run make (or make install), or set CM_BIN to the tools' folder" >&2
	exit 1
fi
p() { echo "${bin:+$bin/}$1"; }

if [ -d "$out" ] && [ -n "$(ls -A "$out")" ]; then
	[ $force = 1 ] || { echo "mapreduce: $out is not empty (--force replaces what an earlier run wrote there)" >&2; exit 1; }
	rm -rf "$out/map" "$out/reduce" "$out/score"
	rm -f "$out/table.csv" "$out/model.json" "$out/customers.csv"
fi
mkdir -p "$out/map" "$out/reduce" "$out/score"
last=$((buckets - 1))
# map: blocks of the (decompressed) input, each with the header, to clean transactions by bucket
gzip -dcf "$input" | parallel --pipe --header : --block "$block" -j "$jobs" \
	"$(p cm-import) -q --transactions $opts --allow-empty --buckets $buckets -o $out/map/{#}"
# reduce: one customer table per bucket
seq -f '%03g' 0 "$last" | parallel -j "$jobs" \
	"$(p cm-import) -q --as-of $as_of --allow-empty -o $out/reduce/{}.csv $out/map/*-{}.csv"
merge() { # merge DIR: the header once, then every bucket's rows in customer_id order
	head -n 1 "$1/000.csv"
	for f in "$1"/*.csv; do tail -n +2 "$f"; done | LC_ALL=C sort
}
# model: fitted once, on the merged table
merge "$out/reduce" >"$out/table.csv"
"$(p cm-clv)" -q --save-model "$out/model.json" -o /dev/null "$out/table.csv"
# score: every bucket with that model, then merged
seq -f '%03g' 0 "$last" | parallel -j "$jobs" \
	"$(p cm-clv) -q --model $out/model.json -o $out/score/{}.csv $out/reduce/{}.csv"
merge "$out/score" >"$out/customers.csv"
echo "mapreduce: $(($(wc -l <"$out/customers.csv") - 1)) customers in $out/customers.csv, model $out/model.json" >&2
