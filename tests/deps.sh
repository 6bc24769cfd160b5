#!/bin/sh
# Make sure the libraries cm builds against are here; install them when run as root.
missing=""
[ -f /usr/include/csv.h ] || missing="$missing libcsv-dev"
[ -f /usr/include/cjson/cJSON.h ] || missing="$missing libcjson-dev"
[ -f /usr/include/zlib.h ] || missing="$missing zlib1g-dev"
command -v gcc >/dev/null 2>&1 || missing="$missing gcc"
command -v make >/dev/null 2>&1 || missing="$missing make"
# For the tests only: the HTML report is checked by an XML parser and a real browser,
# the map-reduce scripts run on GNU parallel and on a private Slurm cluster.
optional=""
command -v xmllint >/dev/null 2>&1 || optional="$optional libxml2-utils"
command -v chromium >/dev/null 2>&1 || optional="$optional chromium"
command -v parallel >/dev/null 2>&1 || optional="$optional parallel"
command -v slurmd >/dev/null 2>&1 || optional="$optional slurm-wlm"
command -v munged >/dev/null 2>&1 || optional="$optional munge"
if [ -n "$optional" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && [ "${1:-}" = --tests ]; then
	echo "deps: installing$optional (for the tests)" >&2
	{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $optional; } >&2 ||
		echo "deps: could not install$optional; those checks will say they were skipped" >&2
fi
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "deps: installing$missing" >&2
	apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >&2 && exit 0
	echo "deps: apt-get could not install$missing" >&2
	exit 1
fi
echo "deps: missing$missing; install them with: sudo apt-get install$missing" >&2
exit 1
