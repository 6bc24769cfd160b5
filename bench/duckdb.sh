#!/bin/sh
# The DuckDB peer of make bench, from npm: the official Node.js client
# @duckdb/node-api, whose dependency @duckdb/node-bindings-linux-x64 carries
# DuckDB's engine prebuilt, installed into $DUCKDB_DIR (default
# bench/out/duckdb).  Run it from the top of the tree, do not source it:
#   sh bench/duckdb.sh install          install unless present; silent on success
#   sh bench/duckdb.sh version          print DuckDB's version, e.g. v1.5.6
#   sh bench/duckdb.sh run FILE THREADS print "SECONDS ROWS" of the summary query
# Where node or npm is missing or the install fails, one line "duckdb: ..." goes
# to stderr and the exit status is 1, so the bench can say why it skipped DuckDB.
set -eu
pkg=@duckdb/node-api@1.5.6-r.1 # DuckDB 1.5.6; N-API, so Node 20 loads it
dir=${DUCKDB_DIR:-bench/out/duckdb}
case $0 in */*) here=${0%/*} ;; *) here=. ;; esac

fail() {
	echo "duckdb: $*" >&2
	exit 1
}

# present: the pinned client and a native engine for it are in $dir.
present() {
	grep -q "\"version\": \"${pkg##*@}\"" "$dir/node_modules/@duckdb/node-api/package.json" 2>/dev/null &&
		[ -n "$(find "$dir/node_modules/@duckdb" -name '*.node' 2>/dev/null | head -n 1)" ]
}

# npm_error LOG: npm's first line that says what went wrong, not its code.
npm_error() {
	sed -n 's/^npm error //p' "$1" | grep -v -E '^(code|syscall|errno|A complete log) ' | head -n 1 | grep . ||
		tail -n 1 "$1"
}

install() {
	command -v node >/dev/null 2>&1 || fail "node not found (apt-get install nodejs)"
	present && return 0
	command -v npm >/dev/null 2>&1 || fail "npm not found (apt-get install npm)"
	mkdir -p "$dir"
	npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "$pkg" >"$dir/npm.log" 2>&1 ||
		fail "npm install $pkg failed: $(npm_error "$dir/npm.log")"
	present || fail "npm installed $pkg but no native engine for $(uname -m) (see $dir/npm.log)"
}

# loads: node can load the engine (a glibc or CPU it was not built for would not).
loads() {
	DUCKDB_DIR=$dir node "$here/duckdb.mjs" --version >/dev/null 2>"$dir/load.log" ||
		fail "DuckDB does not load: $(sed -n "1s/^duckdb: //p" "$dir/load.log")"
}

case ${1:-} in
install)
	install
	loads ;;
version)
	install
	DUCKDB_DIR=$dir node "$here/duckdb.mjs" --version ;;
run)
	[ $# -eq 3 ] || fail "usage: sh bench/duckdb.sh run FILE THREADS"
	install
	DUCKDB_DIR=$dir node "$here/duckdb.mjs" "$2" "$3" ;;
*) fail "usage: sh bench/duckdb.sh install | version | run FILE THREADS" ;;
esac
