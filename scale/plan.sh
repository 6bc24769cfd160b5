# What the engines of the map-reduce plan share (sourced by scale/mapreduce.sh
# and scale/slurm.sh; POSIX sh): the options, where the tools are, the output
# folder's safety, and the merge.  The engine sets plan_name and plan_usage,
# and plan_option for options of its own; plan_parse sets buckets, block,
# as_of, force, opts (the import options, each quoted for a shell), input, out.

plan_die() { # STATUS MESSAGE
	echo "$plan_name: $2" >&2
	exit "$1"
}

plan_quote() { # WORD: the word in single quotes, for a command line run by a shell
	printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

# plan_option "$@" sets plan_used to the number of words it took (0: not its option).
plan_parse() {
	buckets=8 block=16M as_of="" force=0 opts=""
	while [ $# -gt 0 ]; do
		case $1 in
		--force) force=1; shift ;;
		-b | -B | --as-of)
			[ $# -ge 2 ] || plan_die 2 "$1 needs a value"
			case $1 in -b) buckets=$2 ;; -B) block=$2 ;; *) as_of=$2 ;; esac
			shift 2 ;;
		--) shift; break ;;
		-*)
			plan_used=0
			plan_option "$@"
			[ "$plan_used" -gt 0 ] || plan_die 2 "unknown option $1"
			shift "$plan_used" ;;
		*) break ;;
		esac
	done
	[ $# -ge 2 ] || { echo "$plan_usage" >&2; exit 2; }
	[ -n "$as_of" ] || plan_die 2 "--as-of DATE is required (every bucket measures from it)"
	case $buckets in '' | *[!0-9]* | 0*) plan_die 2 "-b wants a number of buckets from 1, not '$buckets'" ;; esac
	eval "input=\${$(($# - 1))}"
	eval "out=\${$#}"
	[ "$input" = - ] || [ -r "$input" ] || plan_die 1 "cannot read $input"
	while [ $# -gt 2 ]; do opts="$opts $(plan_quote "$1")"; shift; done
}

# The tools: CM_BIN, else the build/ folder of the source tree the scripts lie
# in, else PATH.  plan_tool NAME is the command to run: an absolute path, or the
# bare name found on PATH.
plan_tools() {
	bin=${CM_BIN:-}
	if [ -z "$bin" ] && [ -x "$here/../build/cm-import" ]; then bin="$here/../build"; fi
	if [ -n "$bin" ]; then
		bin=$(cd "$bin" && pwd) || plan_die 1 "CM_BIN: no folder $CM_BIN"
	elif ! command -v cm-import >/dev/null 2>&1; then
		plan_die 1 "cm-import not found: run make (or make install), or set CM_BIN to the tools' folder"
	fi
}
plan_tool() { echo "${bin:+$bin/}$1"; }

# plan_outdir NAME...: OUTDIR empty or new; with --force a non-empty one loses
# the NAMEs (what this engine writes there) and nothing else.
plan_outdir() {
	if [ -d "$out" ] && [ -n "$(ls -A "$out")" ]; then
		[ "$force" = 1 ] || plan_die 1 "$out is not empty (--force replaces what an earlier run wrote there)"
		for _n in "$@"; do rm -rf "${out:?}/$_n"; done
	fi
	mkdir -p "$out/map" "$out/reduce" "$out/score"
}

# plan_input FLAG: INPUT, decompressed, on stdout; FLAG is made when gzip fails
# (a cut or damaged file), which a pipeline's status would not tell.
plan_input() { gzip -dcf "$input" || : >"$1"; }
plan_read_whole() { # FLAG
	[ ! -e "$1" ] || plan_die 1 "$input: cut or damaged, not read whole"
}

# merge DIR: the header once, then every bucket's rows in customer_id order.
# Kept as text too, for engines that run it elsewhere (a Slurm job).
plan_merge='merge() { head -n 1 "$1/000.csv"; for f in "$1"/*.csv; do tail -n +2 "$f"; done | LC_ALL=C sort -t, -k1,1; }'
eval "$plan_merge"

plan_summary() {
	echo "$plan_name: $(($(wc -l <"$out/customers.csv") - 1)) customers in $out/customers.csv, model $out/model.json" >&2
}
