# The library's layers (sourced by tests/run.sh): core/base, io, customers,
# models, segments, report, cli, in that order (core/README.md).  A file may
# include its own layer and the layers before it, never one after; and each
# dependency has one door: csv.h only in io/csvio.c, cJSON.h only in
# io/jsonio.c, zlib.h only in io/fileio.c.
layers="base io customers models segments report cli"
bad=""
rank() { i=0; for l in $layers; do [ "$l" = "$1" ] && { echo $i; return; }; i=$((i + 1)); done; echo 99; }
for f in "$top"/core/*/*.[ch]; do
	own=$(basename "$(dirname "$f")")
	mine=$(rank "$own")
	for inc in $(sed -n 's/^#include "\([a-z_]*\)\/[a-z_]*\.h".*/\1/p' "$f"); do
		[ "$(rank "$inc")" -le "$mine" ] || bad="$bad ${f#$top/}->$inc"
	done
done
if [ -z "$bad" ]; then pass; else fail "layers: a file includes a layer above its own:$bad"; fi
doors=""
for pair in csv.h:core/io/csvio.c cjson/cJSON.h:core/io/jsonio.c zlib.h:core/io/fileio.c; do
	h=${pair%%:*} door=${pair#*:}
	for f in $(grep -l "#include <$h>" "$top"/core/*/*.[ch] "$top"/cmd/*.c 2>/dev/null); do
		[ "${f#$top/}" = "$door" ] || doors="$doors ${f#$top/}:$h"
	done
done
if [ -z "$doors" ]; then pass; else fail "layers: a dependency included outside its one door:$doors"; fi
