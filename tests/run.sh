#!/bin/sh
# Run every test: unit tests, golden CLI cases, real-data checks.
# The last line is "N passed, N failed"; the status is 0 only when none failed.
#   sh tests/run.sh                 everything
#   sh tests/run.sh --regen CASE... rewrite the expected output of golden cases
#                                   (read the diff before committing it)
#   BUILDS="build build-asan" runs the whole suite once per build tree.
#   ONLY=check-profit runs that one check script alone (no unit or golden tests).
set -u
BUILDS=${BUILDS:-${BUILD:-build}}
top=$(pwd)
bin="$top/${BUILDS%% *}"
passed=0
failed=0

pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }
# threads_agree TOOL REF "N ..." WHAT ARGS...: with each --threads N the tool
# writes the output, messages and status it writes with --threads REF and
# libcsv alone (the careful reader), byte for byte.
threads_agree() {
	_tool=$1 _ref=$2 _ns=$3 _what=$4
	shift 4
	CM_LIBCSV_ONLY=1 "$bin/$_tool" --threads "$_ref" "$@" >"$tmp/ref.out" 2>"$tmp/ref.err"
	echo $? >"$tmp/ref.status"
	_bad=""
	for _n in $_ns; do
		"$bin/$_tool" --threads $_n "$@" >"$tmp/n.out" 2>"$tmp/n.err"
		echo $? >"$tmp/n.status"
		cmp -s "$tmp/ref.out" "$tmp/n.out" && cmp -s "$tmp/ref.err" "$tmp/n.err" &&
			cmp -s "$tmp/ref.status" "$tmp/n.status" || _bad="$_bad $_n"
	done
	if [ -z "$_bad" ]; then pass; else fail "$_tool: $_what differs from --threads $_ref with libcsv alone on --threads$_bad"; fi
}

# A golden case is a folder tests/cli/NAME holding `cmd` (a shell command run in
# a scratch copy of the folder, with the tools on PATH), input files, and the
# expected `stdout`, `stderr` and `status`.
run_case() {
	case_dir=$1
	scratch=$(mktemp -d)
	cp -R "$case_dir"/. "$scratch"/
	(cd "$scratch" && PATH="$bin:$PATH" LC_ALL=C sh ./cmd >out.stdout 2>out.stderr; echo $? >out.status)
	echo "$scratch"
}

golden() {
	for d in "$top"/tests/cli/*/; do
		[ -f "$d/cmd" ] || continue
		name=$(basename "$d")
		s=$(run_case "$d")
		ok=1
		for f in stdout stderr status; do
			if ! cmp -s "$s/out.$f" "$d/$f"; then
				ok=0
				echo "--- $name: $f differs"
				diff "$d/$f" "$s/out.$f" | head -20
			fi
		done
		rm -rf "$s"
		if [ $ok = 1 ]; then pass; else fail "golden $name"; fi
	done
}

regen() {
	for name in "$@"; do
		d="$top/tests/cli/$name"
		[ -f "$d/cmd" ] || { echo "no case $name"; exit 2; }
		s=$(run_case "$d")
		for f in stdout stderr status; do cp "$s/out.$f" "$d/$f"; done
		rm -rf "$s"
		echo "regenerated $name"
	done
}

if [ "${1:-}" = "--regen" ]; then
	shift
	regen "$@"
	exit 0
fi

suite() {
if [ -n "${ONLY:-}" ]; then
	. "$top/tests/$ONLY.sh"
	return
fi
# Unit tests print their own "N passed, N failed" last.
out=$("$bin/unit-tests")
echo "$out" | grep -v ' passed, ' || true
up=$(echo "$out" | tail -1 | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
uf=$(echo "$out" | tail -1 | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
[ -n "$up" ] || { up=0; uf=1; echo "FAIL: unit tests did not finish"; }
passed=$((passed + up))
failed=$((failed + uf))
echo "unit: $up passed, $uf failed"

before=$((passed + failed))
golden
echo "golden: $((passed + failed - before)) cases"

for t in "$top"/tests/check-*.sh; do
	_check=${t##*/}
	_before=$((passed + failed))
	_start=$(date +%s)
	. "$t"
	echo "${_check%.sh}: $((passed + failed - _before)) checks, $(($(date +%s) - _start)) s"
done
}

for b in $BUILDS; do
	bin="$top/$b"
	echo "== $b"
	suite
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
