# valgrind memcheck on the whole pipeline (sourced by tests/run.sh): no error, no leak.
# Only for the plain build (the ASan build checks itself); skipped when valgrind is absent.

case "$bin" in
*asan*) ;;
*)
if command -v valgrind >/dev/null 2>&1; then
	tmp=$(mktemp -d)
	vg="valgrind -q --leak-check=full --show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99"
	ok=1
	$vg "$bin/cm-import" -q --encoding cp1252 --reject "$tmp/rej.csv" "$top/samples/orders-de.csv" >"$tmp/c.csv" || ok=0
	$vg "$bin/cm-clv" -q --save-model "$tmp/m.json" "$tmp/c.csv" >"$tmp/v.csv" || ok=0
	$vg "$bin/cm-clv" -q --fit pnbd --dert --sample 300 "$tmp/c.csv" >/dev/null || ok=0
	$vg "$bin/cm-segment" -q "$tmp/v.csv" >"$tmp/s.csv" || ok=0
	$vg "$bin/cm-report" -f html --model "$tmp/m.json" --baseline "$tmp/s.csv" "$tmp/s.csv" >/dev/null || ok=0
	$vg "$bin/cm-import" -q "$top/tests/cli/import-skip-reject/orders.csv" >/dev/null 2>&1  # status 1, memory clean
	[ $? = 99 ] && ok=0
	if [ $ok = 1 ]; then pass; else fail "valgrind found errors or leaks in the pipeline"; fi
	rm -rf "$tmp"
else
	echo "valgrind: not installed, memcheck skipped"
fi
;;
esac
