# ThreadSanitizer over the threaded reader of cm-import, cm-clv's likelihood
# summed on every core and its scoring, and the downstream tools' table parsed
# on threads and cm-segment's second pass (sourced by tests/run.sh; make check builds build-tsan).
# Runs once, with the first build.
tsan="$top/build-tsan/cm-import"
if [ "$bin" = "$top/${BUILDS%% *}" ] && [ -x "$tsan" ]; then
	tmp=$(mktemp -d)
	"$bin/cm-gen" --customers 3000 --seed 9 >"$tmp/tx.csv" 2>/dev/null
	awk 'NR == 6000 { sub(/,[^,]*$/, ",\"a\nb\"") } { print }' "$tmp/tx.csv" >"$tmp/quoted.csv"
	awk -F, 'BEGIN { OFS = "," } NR == 9000 { $4 = "x" } { print }' "$tmp/tx.csv" >"$tmp/bad.csv"
	{ head -1 "$tmp/tx.csv"; tail -n +2 "$tmp/tx.csv" | sort -t, -k3,3; } >"$tmp/bydate.csv" # tables merged
	for f in tx quoted bad bydate; do
		for n in 2 5; do
			TSAN_OPTIONS="halt_on_error=1 exitcode=66" "$tsan" -q --threads $n "$tmp/$f.csv" >/dev/null 2>"$tmp/err"
			if [ $? -ne 66 ] && ! grep -q ThreadSanitizer "$tmp/err"; then pass
			else fail "ThreadSanitizer: cm-import --threads $n on $f.csv: $(head -3 "$tmp/err")"; fi
		done
	done
	# 20,000 customers make more than one block of histories: the fit runs on threads
	"$bin/cm-gen" --customers 20000 --seed 9 2>/dev/null | "$bin/cm-import" -q >"$tmp/table.csv"
	# and so do the predictions of its histories and the scoring; with a saved model, each thread's own
	TSAN_OPTIONS="halt_on_error=1 exitcode=66" "$top/build-tsan/cm-clv" -q --save-model "$tmp/m.json" \
		"$tmp/table.csv" >/dev/null 2>"$tmp/err"
	if [ $? -eq 0 ] && ! grep -q ThreadSanitizer "$tmp/err"; then pass
	else fail "ThreadSanitizer: cm-clv: $(head -3 "$tmp/err")"; fi
	TSAN_OPTIONS="halt_on_error=1 exitcode=66" "$top/build-tsan/cm-clv" -q --threads 3 --model "$tmp/m.json" \
		"$tmp/table.csv" >/dev/null 2>"$tmp/err"
	if [ $? -eq 0 ] && ! grep -q ThreadSanitizer "$tmp/err"; then pass
	else fail "ThreadSanitizer: cm-clv --model: $(head -3 "$tmp/err")"; fi
	# the tables downstream, clean, with a quoted note over the cuts, and with a late error
	"$bin/cm-clv" -q "$tmp/table.csv" >"$tmp/clv.csv"
	awk 'NR == 1 { print $0 ",note"; next } NR == 1000 { print $0 ",5\" screen"; next }
	     NR == 9000 { print $0 ",\"a"; for (i = 0; i < 30000; i++) print "more"; print "end\""; next }
	     { print $0 ",x" }' "$tmp/clv.csv" >"$tmp/stray.csv"
	awk -F, 'BEGIN { OFS = "," } NR == 15000 { $7 = "12x" } { print }' "$tmp/clv.csv" >"$tmp/badclv.csv"
	for f in clv stray badclv; do
		for tool in cm-segment cm-report; do
			TSAN_OPTIONS="halt_on_error=1 exitcode=66" "$top/build-tsan/$tool" --threads 3 "$tmp/$f.csv" \
				>/dev/null 2>"$tmp/err"
			if [ $? -ne 66 ] && ! grep -q ThreadSanitizer "$tmp/err"; then pass
			else fail "ThreadSanitizer: $tool on $f.csv: $(head -3 "$tmp/err")"; fi
		done
	done
	rm -rf "$tmp"
elif [ "$bin" = "$top/${BUILDS%% *}" ]; then
	echo "tsan: build-tsan/cm-import not built, ThreadSanitizer check skipped (make check builds it)"
fi
