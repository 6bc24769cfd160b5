#!/bin/sh
# make fuzz: build each harness with libFuzzer, ASan and UBSan (clang), run it
# for FUZZ_SECONDS (default 60) on a seed corpus, and report executions and
# findings.  Crashes are kept in tests/fuzz/crashes/; fix them and add the input
# to the normal tests.
set -u
secs=${FUZZ_SECONDS:-60}
out=build-fuzz
mkdir -p "$out" tests/fuzz/crashes
CC=${FUZZ_CC:-clang}
command -v "$CC" >/dev/null 2>&1 || { echo "fuzz: $CC not installed (apt-get install clang)"; exit 1; }
flags="-g -O1 -std=c11 -D_DEFAULT_SOURCE -Icore -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined"
srcs=$(ls core/*/*.c)
status=0
for h in import csvio values files report; do
	"$CC" $flags -o "$out/fuzz_$h" "tests/fuzz/fuzz_$h.c" $srcs -lcsv -lcjson -lz -lm || exit 1
	corpus="$out/corpus_$h"
	mkdir -p "$corpus"
	case $h in
	import|csvio) for f in samples/*.csv tests/cli/*/*.csv tests/cli/*/*.json* tests/cli/*/*.txt ../shared/data/*/*; do
			[ -f "$f" ] && gzip -dcf "$f" 2>/dev/null | head -c 4000 >"$corpus/$(echo "$f" | tr / _)"; done ;;
	values) for v in 2024-02-29 31.02.2024 03/04/2024 19970101 "1.234,56-" "(12.50)" "4.4e-16" "€ 5,00" "CHF 1'250.00" eur; do
			printf '%s' "$v" >"$corpus/$(printf '%s' "$v" | md5sum | cut -c1-8)"; done ;;
	files) cm_segment=build/cm-segment
		[ -x $cm_segment ] && $cm_segment --print-rules portfolio >"$corpus/portfolio.json"
		[ -x $cm_segment ] && $cm_segment --print-rules rfm >"$corpus/rfm.json"
		for f in tests/cli/*/model.json tests/cli/*/*rules*.json tests/cli/segment-rules-errors/*.json tests/profit/*.csv; do
			[ -f "$f" ] && cp "$f" "$corpus/$(echo "$f" | tr / _)"; done
		printf 'W\344hrung;Kurs;g\374ltig ab\nEUR;1;\nUSD;0,9;01.01.2024\n' >"$corpus/rates.csv" ;;
	report) build/cm-import -q samples/orders-en.csv 2>/dev/null | build/cm-clv -q 2>/dev/null | build/cm-segment -q 2>/dev/null |
			awk -F, 'NR > 1 && NR < 40 { print $1 "," $12 "," $19 "," $4 "," $5 "," $10 ",at_risk,A,champions,5,4,vip,call,2024-01-01,30,north" }' \
			>"$corpus/table.csv"
		printf 'A,100,50,3,2,1,lost,B,<script>,1,1,"=x","a""b",2024-01-01,3,\033[31m\n' >"$corpus/odd.csv" ;;
	esac
	"$out/fuzz_$h" -max_total_time="$secs" -max_len=65536 -artifact_prefix=tests/fuzz/crashes/ "$corpus" \
		>"$out/fuzz_$h.log" 2>&1
	rc=$?
	runs=$(grep -o 'Done [0-9]* runs' "$out/fuzz_$h.log" | tail -1)
	cov=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$out/fuzz_$h.log" | tail -1)
	echo "fuzz_$h: ${runs:-stopped} in ${secs}s (${cov:-no coverage line}), exit $rc"
	[ $rc = 0 ] || { status=1; grep -m5 'ERROR\|SUMMARY\|runtime error' "$out/fuzz_$h.log"; }
done
exit $status
