#!/bin/sh
# The map-reduce plan of cm(7) (SCALE) as Slurm jobs, submitted with sbatch;
# scale/mapreduce.sh runs the same steps on one machine with GNU parallel.
#
#   scale/slurm.sh [--wait] [--sbatch-opts OPTS] [-b BUCKETS] [-B BLOCK] [--force] --as-of DATE
#                  [-- IMPORT-OPTIONS] INPUT OUTDIR
#
# INPUT (gzip or not) is cut here into blocks of about BLOCK bytes, each with
# the header, in OUTDIR/blocks/; then each step is a job that starts when the
# one before has succeeded (afterok) and is cancelled when it failed:
#   map     an array job, a task per block: clean transactions by bucket
#   reduce  an array job, a task per bucket: that bucket's customer table
#   fit     one job: the merged table, one cm-clv fit (OUTDIR/model.json)
#   score   an array job, a task per bucket: cm-clv --model
#   merge   one job: OUTDIR/customers.csv, byte for byte what
#           cm-import --as-of DATE INPUT | cm-clv gives in one process
# OUTDIR must be on a file system every node shares, and the tools at the same
# path on every node: CM_BIN, else the build/ folder of the source tree the
# script lies in, else PATH.  OUTDIR must be empty or new; --force replaces
# what an earlier run wrote there (blocks/, logs/, map/, reduce/, score/,
# table.csv, model.json, customers.csv) and nothing else.  The jobs' messages
# go to OUTDIR/logs/.
#
#   --wait              return when the merge is done: status 0 when
#                       customers.csv is written, else 1 (a job failed)
#   --sbatch-opts OPTS  words added to every sbatch, as in
#                       --sbatch-opts "-p short -A project --time=30";
#                       sbatch also reads its own SBATCH_* variables
#                       (SBATCH_PARTITION, SBATCH_ACCOUNT, ...)
set -eu
set -f # --sbatch-opts is cut into words, never file names
here=$(cd "$(dirname "$0")" && pwd)
. "$here/plan.sh"
plan_name=slurm
plan_usage="usage: scale/slurm.sh [--wait] [--sbatch-opts OPTS] [-b N] [-B SIZE] [--force] --as-of DATE [-- OPTS] INPUT OUTDIR"
wait=""
sbatch_opts=""
plan_option() {
	case $1 in
	--wait) wait=--wait plan_used=1 ;;
	--sbatch-opts)
		[ $# -ge 2 ] || plan_die 2 "--sbatch-opts needs a value"
		sbatch_opts=$2 plan_used=2 ;;
	esac
}
plan_parse "$@"
command -v sbatch >/dev/null 2>&1 || plan_die 1 "sbatch not found: run this on a host that submits Slurm jobs"
plan_tools
import=$(plan_quote "$(plan_tool cm-import)")
clv=$(plan_quote "$(plan_tool cm-clv)")
plan_outdir blocks logs map reduce score table.csv model.json customers.csv
mkdir -p "$out/blocks" "$out/logs"
out=$(cd "$out" && pwd) # the jobs run elsewhere: an absolute path
o=$(plan_quote "$out")

# blocks/000001, ...: a block of lines of the (decompressed) input after the header, each with the header
plan_input "$out/blocks/unread" | {
	IFS= read -r header || true
	printf '%s\n' "$header" >"$out/blocks/header"
	CM_HEADER="$out/blocks/header" split -C "$block" -d -a 6 --numeric-suffixes=1 \
		--filter='cat "$CM_HEADER" - >"$FILE"' - "$out/blocks/"
}
plan_read_whole "$out/blocks/unread"
[ -e "$out/blocks/000001" ] || cp "$out/blocks/header" "$out/blocks/000001"
blocks=$(($(ls "$out/blocks" | wc -l) - 1))
max=$(scontrol show config 2>/dev/null | sed -n 's/^MaxArraySize *= *\([0-9]*\).*/\1/p')
max=${max:-1001}
[ "$blocks" -lt "$max" ] || plan_die 1 "$blocks blocks, more than this cluster's MaxArraySize ($max) allows: take a larger -B"
[ "$buckets" -le "$max" ] || plan_die 1 "$buckets buckets, more than this cluster's MaxArraySize ($max) allows"

# submit NAME AFTER ARRAY COMMAND [SBATCH-OPTION]: the job's id.  AFTER is the
# job it waits for, ARRAY its task ids (either may be empty).
submit() {
	_log="$out/logs/%x-%j.out"
	[ -z "$3" ] || _log="$out/logs/%x-%A_%a.out"
	_id=$(sbatch --parsable --job-name="cm-$1" --chdir="$out" --output="$_log" \
		${2:+--dependency=afterok:$2 --kill-on-invalid-dep=yes} ${3:+--array=$3} \
		$sbatch_opts ${5:-} --wrap="set -e; $4") || return 1
	echo "${_id%%;*}"
}
task='"$SLURM_ARRAY_TASK_ID"'
bucket='b=$(printf %03d '"$task"');'
map=$(submit map "" "1-$blocks" \
	"$import -q --transactions $opts --allow-empty --buckets $buckets -o $o/map/$task $o/blocks/\$(printf %06d $task)")
reduce=$(submit reduce "$map" "0-$((buckets - 1))" \
	"$bucket $import -q --as-of $(plan_quote "$as_of") --allow-empty -o $o/reduce/\$b.csv $o/map/*-\$b.csv")
fit=$(submit fit "$reduce" "" \
	"$plan_merge; merge $o/reduce >$o/table.csv; $clv -q --save-model $o/model.json -o /dev/null $o/table.csv")
score=$(submit score "$fit" "0-$((buckets - 1))" \
	"$bucket $clv -q --model $o/model.json -o $o/score/\$b.csv $o/reduce/\$b.csv")
# customers.csv is written beside the blocks and moved: it is there whole or not at
# all; the blocks and the empty logs go
finish="$plan_merge; merge $o/score >$o/blocks/customers.csv; mv $o/blocks/customers.csv $o/; rm -rf $o/blocks;
	find $o/logs -type f -empty -exec rm -f {} +"
if [ -z "$wait" ]; then
	last=$(submit merge "$score" "" "$finish")
	echo "slurm: jobs $map (map, $blocks tasks), $reduce (reduce), $fit (fit), $score (score), $last (merge):" \
		"$out/customers.csv when $last is done" >&2
	exit 0
fi
# sbatch --wait says 0 also for a merge cancelled because a job before it failed
if submit merge "$score" "" "$finish" --wait >/dev/null && [ -f "$out/customers.csv" ]; then
	plan_summary
else
	said=$(find "$out/logs" -type f ! -empty | sed 's|.*/||' | sort | head -3 | tr '\n' ' ')
	plan_die 1 "a job failed, the merge did not run: see ${said:-the logs }in $out/logs/"
fi
