# The map-reduce script gives byte for byte the single-process result (sourced by tests/run.sh).
if command -v parallel >/dev/null 2>&1; then
	tmp=$(mktemp -d)
	gzip -c "$top/samples/orders-en.csv" >"$tmp/orders.csv.gz"
	CM_BIN="$bin" sh "$top/scale/mapreduce.sh" -b 5 -B 40k --as-of 2024-06-28 "$tmp/orders.csv.gz" "$tmp/out" 2>/dev/null
	"$bin/cm-import" -q --as-of 2024-06-28 "$top/samples/orders-en.csv" | "$bin/cm-clv" -q >"$tmp/single.csv"
	if [ -s "$tmp/single.csv" ] && cmp -s "$tmp/single.csv" "$tmp/out/customers.csv" &&
		[ "$(ls "$tmp/out/map" | wc -l)" -gt 5 ]; then pass
	else fail "map-reduce result differs from the single process"; fi
	# An output folder with a file of someone else's is refused, and --force keeps that file.
	echo mine >"$tmp/out/notes.txt"
	if ! CM_BIN="$bin" sh "$top/scale/mapreduce.sh" --as-of 2024-06-28 "$tmp/orders.csv.gz" "$tmp/out" 2>/dev/null &&
		CM_BIN="$bin" sh "$top/scale/mapreduce.sh" --force -b 3 --as-of 2024-06-28 "$tmp/orders.csv.gz" "$tmp/out" 2>/dev/null &&
		[ "$(cat "$tmp/out/notes.txt")" = mine ] && cmp -s "$tmp/single.csv" "$tmp/out/customers.csv"; then pass
	else fail "map-reduce: a non-empty output folder is not refused, or --force removes what is not its own"; fi
	# The tools beside the script (the source tree's build/) are found without CM_BIN.
	if env -u CM_BIN PATH=/usr/bin:/bin sh "$top/scale/mapreduce.sh" -b 2 --as-of 2024-06-28 "$tmp/orders.csv.gz" \
		"$tmp/out2" 2>/dev/null && [ -s "$tmp/out2/customers.csv" ]; then pass
	else fail "map-reduce does not find the tools without CM_BIN"; fi
	# A cut gzip export stops the plan, as it stops cm-import (gzip's status is lost in a pipeline).
	head -c 20000 "$tmp/orders.csv.gz" >"$tmp/cut.csv.gz"
	if ! CM_BIN="$bin" sh "$top/scale/mapreduce.sh" --as-of 2024-06-28 "$tmp/cut.csv.gz" "$tmp/out3" 2>/dev/null; then pass
	else fail "map-reduce: a cut gzip export is taken for a whole one"; fi
	# Ids with a byte below ',' (A a, A+1 after A): the merge sorts by id, as one process does, not by line;
	# an option of the customer table given to the map step is refused, not dropped.
	sed 's/^C000001,/C1,/; s/^C000002,/C1 a,/; s/^C000003,/C1+b,/' "$top/samples/orders-en.csv" >"$tmp/odd.csv"
	"$bin/cm-import" -q --as-of 2024-06-28 "$tmp/odd.csv" >"$tmp/odd-one.csv"
	CM_BIN="$bin" sh "$top/scale/mapreduce.sh" -b 4 --as-of 2024-06-28 "$tmp/odd.csv" "$tmp/out4" >/dev/null 2>&1
	CM_BIN="$bin" sh "$top/scale/mapreduce.sh" -b 2 --as-of 2024-06-28 -- --margin-rate 0.3 "$tmp/odd.csv" "$tmp/out5" \
		>/dev/null 2>&1; rc=$?
	if [ "$(grep -E '^C1( a|\+b)?,' "$tmp/odd-one.csv" | cut -d, -f1 | paste -sd'|')" = 'C1|C1 a|C1+b' ] && cmp -s "$tmp/odd-one.csv" "$tmp/out4/table.csv" && [ $rc != 0 ]; then pass
	else fail "map-reduce: ids with blanks or + out of order, or --margin-rate to the map step taken (status $rc)"; fi
	rm -rf "$tmp"
else
	echo "scale: GNU parallel not installed, map-reduce check skipped (make check installs it as root)"
fi
