#!/bin/sh
# cm-nightly — the nightly cockpit job: an export in, tonight's customer table
# and cockpit out, compared with last night's.  Installed as cm-nightly by
# make install; see cm-report(1), NIGHTLY.
#
#   cm-nightly [options] EXPORT DIR
#
# The first night it fits the model; later nights score with it and fit again
# when it is older than --refit-days.  Each night keeps its table
# (DIR/tables/DATE.csv) as the next night's baseline, writes the cockpit
# (DIR/reports/cockpit-DATE.html and .txt, DIR/cockpit.html the latest), and
# removes tables and reports older than --keep days.  Silent when all goes
# well (cron mails nothing); on a failure it prints the failing step's own
# message, the root cause, and exits 1, leaving last night's files as they were.
set -u

usage() {
	cat <<'EOF'
usage: cm-nightly [options] EXPORT DIR
Build tonight's customer table and cockpit from EXPORT in DIR.
  --date DATE         the night (default: today, or CM_TODAY)
  --keep DAYS         keep tables and reports this many days (default 14)
  --refit-days DAYS   fit the model again when it is older (default 7)
  --max-age DAYS      refuse an export whose data end more than DAYS before
                      the night (default 3)
  --import "OPTS"     more options for cm-import (e.g. "--encoding cp1252")
  --report "OPTS"     more options for cm-report (e.g. "--lang de")
  --split-by COLUMN   also a cockpit per value of COLUMN (a sales rep's own
                      customers) in DIR/reports/DATE/cockpit-VALUE.html
  -v, --verbose       say what each step did
  -h, --help          show this help
EOF
}

night=${CM_TODAY:-$(date +%Y-%m-%d)}
keep=14
refit=7
max_age=3
import_opts=""
report_opts=""
split_by=""
verbose=0
while [ $# -gt 0 ]; do
	case $1 in
	--date) night=$2; shift 2 ;;
	--keep) keep=$2; shift 2 ;;
	--refit-days) refit=$2; shift 2 ;;
	--max-age) max_age=$2; shift 2 ;;
	--import) import_opts=$2; shift 2 ;;
	--report) report_opts=$2; shift 2 ;;
	--split-by) split_by=$2; shift 2 ;;
	-v | --verbose) verbose=1; shift ;;
	-h | --help) usage; exit 0 ;;
	--) shift; break ;;
	-*) echo "cm-nightly: unknown option $1" >&2; usage >&2; exit 2 ;;
	*) break ;;
	esac
done
[ $# -eq 2 ] || { usage >&2; exit 2; }
export_file=$1
dir=$2
case $night in
[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]) ;;
*) echo "cm-nightly: --date '$night' is not YYYY-MM-DD" >&2; exit 2 ;;
esac

# The tools: CM_BIN, else beside this script (installed, or in build/), else the
# build/ folder of the source tree it lies in, else PATH.
here=$(cd "$(dirname "$0")" && pwd)
bin=${CM_BIN:-}
if [ -z "$bin" ] && [ -x "$here/cm-import" ]; then bin="$here"; fi
if [ -z "$bin" ] && [ -x "$here/../build/cm-import" ]; then bin="$here/../build"; fi
tool() { echo "${bin:+$bin/}$1"; }
command -v "$(tool cm-import)" >/dev/null 2>&1 || {
	echo "cm-nightly: cm-import not found: make install, or set CM_BIN to the tools' folder" >&2
	exit 1
}

mkdir -p "$dir/tables" "$dir/reports" "$dir/work" || exit 1
log="$dir/work/step.err"
say() { [ $verbose = 1 ] && echo "cm-nightly: $*" >&2; return 0; }
# step NAME COMMAND...: run it with its messages kept; on failure they are the news.
step() {
	name=$1
	shift
	if "$@" 2>"$log"; then
		[ $verbose = 1 ] && sed "s/^/  /" "$log" >&2
		return 0
	fi
	echo "cm-nightly: $night: $name failed:" >&2
	cat "$log" >&2
	exit 1
}

days_between() { # days from $1 to $2 (YYYY-MM-DD)
	echo $((($(date -u -d "$2" +%s) - $(date -u -d "$1" +%s)) / 86400))
}

# 1. the export, as of tonight
# shellcheck disable=SC2086
step "cm-import" "$(tool cm-import)" -q --strict --as-of "$night" --max-age "$max_age" $import_opts \
	-o "$dir/work/customers.csv" "$export_file"
say "imported $export_file"

# 2. the model: fitted the first night and when it is older than --refit-days
fitted=""
[ -f "$dir/model.fitted" ] && fitted=$(cat "$dir/model.fitted")
if [ ! -f "$dir/model.json" ] || [ -z "$fitted" ] || [ "$(days_between "$fitted" "$night")" -ge "$refit" ]; then
	step "cm-clv (fit)" "$(tool cm-clv)" -q --save-model "$dir/work/model.json" -o "$dir/work/valued.csv" \
		"$dir/work/customers.csv"
	mv "$dir/work/model.json" "$dir/model.json" && echo "$night" >"$dir/model.fitted"
	say "fitted the model"
else
	step "cm-clv" "$(tool cm-clv)" -q --model "$dir/model.json" -o "$dir/work/valued.csv" "$dir/work/customers.csv"
	say "scored with the model of $fitted"
fi

# 3. segments, then the cockpit beside last night's table
step "cm-segment" "$(tool cm-segment)" -q -o "$dir/work/segmented.csv" "$dir/work/valued.csv"
baseline=$(ls "$dir/tables" 2>/dev/null | sed -n 's/^\([0-9-]*\)\.csv$/\1/p' | awk -v n="$night" '$0 < n' | tail -1)
set --
[ -n "$baseline" ] && set -- --baseline "$dir/tables/$baseline.csv"
# shellcheck disable=SC2086
step "cm-report" "$(tool cm-report)" "$@" $report_opts --model "$dir/model.json" -f html \
	-o "$dir/reports/cockpit-$night.html" "$dir/work/segmented.csv"
# shellcheck disable=SC2086
step "cm-report" "$(tool cm-report)" "$@" $report_opts -o "$dir/reports/cockpit-$night.txt" \
	"$dir/work/segmented.csv"
if [ -n "$split_by" ]; then
	# shellcheck disable=SC2086
	step "cm-report" "$(tool cm-report)" $report_opts --split-by "$split_by" --model "$dir/model.json" -f html \
		-o "$dir/reports/$night" "$dir/work/segmented.csv"
fi
mv "$dir/work/segmented.csv" "$dir/tables/$night.csv" || exit 1
cp "$dir/reports/cockpit-$night.html" "$dir/cockpit.html" || exit 1
say "cockpit for $night${baseline:+, compared with $baseline}"

# 4. rotate: tables and reports older than --keep days go (a night's split cockpits too)
for f in "$dir"/tables/*.csv "$dir"/reports/cockpit-* "$dir"/reports/[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]; do
	[ -e "$f" ] || continue
	d=$(basename "$f" | sed -n 's/^\(cockpit-\)\{0,1\}\([0-9]\{4\}-[0-9]\{2\}-[0-9]\{2\}\)\(\..*\)\{0,1\}$/\2/p')
	[ -n "$d" ] && [ "$(days_between "$d" "$night")" -ge "$keep" ] && rm -rf "$f" && say "removed $f"
done
rm -f "$dir/work/customers.csv" "$dir/work/valued.csv" "$log"
exit 0
