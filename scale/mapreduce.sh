#!/bin/sh
# The map-reduce plan of cm(7) (SCALE) on one machine with GNU parallel;
# scale/slurm.sh runs the same steps as Slurm jobs (see cm(7)).
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
here=$(cd "$(dirname "$0")" && pwd)
. "$here/plan.sh"
plan_name=mapreduce
plan_usage="usage: scale/mapreduce.sh [-j N] [-b N] [-B SIZE] [--force] --as-of DATE [-- OPTS] INPUT OUTDIR"
jobs=$(nproc 2>/dev/null || echo 2)
plan_option() {
	[ "$1" = -j ] || return 0
	[ $# -ge 2 ] || plan_die 2 "-j needs a value"
	jobs=$2 plan_used=2
}
plan_parse "$@"
command -v parallel >/dev/null 2>&1 || plan_die 1 "GNU parallel is not installed (apt-get install parallel)"
plan_tools
import=$(plan_quote "$(plan_tool cm-import)")
clv=$(plan_quote "$(plan_tool cm-clv)")
plan_outdir map reduce score table.csv model.json customers.csv
o=$(plan_quote "$out")
last=$((buckets - 1))
# map: blocks of the (decompressed) input, each with the header, to clean transactions by bucket
plan_input "$out/map/.unread" | parallel --pipe --header : --block "$block" -j "$jobs" \
	"$import -q --transactions $opts --allow-empty --buckets $buckets -o $o/map/{#}"
plan_read_whole "$out/map/.unread"
# reduce: one customer table per bucket
seq -f '%03g' 0 "$last" | parallel -j "$jobs" \
	"$import -q --as-of $(plan_quote "$as_of") --allow-empty -o $o/reduce/{}.csv $o/map/*-{}.csv"
# model: fitted once, on the merged table
merge "$out/reduce" >"$out/table.csv"
"$(plan_tool cm-clv)" -q --save-model "$out/model.json" -o /dev/null "$out/table.csv"
# score: every bucket with that model, then merged
seq -f '%03g' 0 "$last" | parallel -j "$jobs" \
	"$clv -q --model $o/model.json -o $o/score/{}.csv $o/reduce/{}.csv"
merge "$out/score" >"$out/customers.csv"
plan_summary
