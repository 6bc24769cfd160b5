# ThreadSanitizer over the threaded reader of cm-import (sourced by tests/run.sh;
# make check builds build-tsan).  Runs once, with the first build.
tsan="$top/build-tsan/cm-import"
if [ "$bin" = "$top/${BUILDS%% *}" ] && [ -x "$tsan" ]; then
	tmp=$(mktemp -d)
	"$bin/cm-gen" --customers 3000 --seed 9 >"$tmp/tx.csv" 2>/dev/null
	awk 'NR == 6000 { sub(/,[^,]*$/, ",\"a\nb\"") } { print }' "$tmp/tx.csv" >"$tmp/quoted.csv"
	awk -F, 'BEGIN { OFS = "," } NR == 9000 { $4 = "x" } { print }' "$tmp/tx.csv" >"$tmp/bad.csv"
	for f in tx quoted bad; do
		for n in 2 5; do
			TSAN_OPTIONS="halt_on_error=1 exitcode=66" "$tsan" -q --threads $n "$tmp/$f.csv" >/dev/null 2>"$tmp/err"
			if [ $? -ne 66 ] && ! grep -q ThreadSanitizer "$tmp/err"; then pass
			else fail "ThreadSanitizer: cm-import --threads $n on $f.csv: $(head -3 "$tmp/err")"; fi
		done
	done
	rm -rf "$tmp"
elif [ "$bin" = "$top/${BUILDS%% *}" ]; then
	echo "tsan: build-tsan/cm-import not built, ThreadSanitizer check skipped (make check builds it)"
fi
