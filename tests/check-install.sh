# make install into a scratch DESTDIR, the pipeline and cm-nightly run from
# there by name, man finds the pages, and make uninstall takes it all away
# (sourced by tests/run.sh).
tmp=$(mktemp -d)
dest="$tmp/root"
if make -s -C "$top" BUILD="$bin" DESTDIR="$dest" PREFIX=/usr/local install >"$tmp/make.log" 2>&1; then
	p="$dest/usr/local/bin"
	(cd "$tmp" && PATH="$p:/usr/bin:/bin" sh -c 'cm-import -q "$1" | cm-clv -q | cm-segment -q | cm-report' sh \
		"$top/samples/orders-en.csv" >"$tmp/report.txt" 2>"$tmp/err.txt")
	if [ $? = 0 ] && grep -q "Key figures" "$tmp/report.txt" && [ ! -s "$tmp/err.txt" ]; then pass
	else fail "install: the pipeline does not run from the installed tools: $(head -3 "$tmp/err.txt")"; fi
	"$p/cm-import" -q "$top/samples/orders-en.csv" >"$tmp/t.csv" 2>/dev/null
	"$p/cm-segment" -q "$tmp/t.csv" >"$tmp/a.csv"
	"$p/cm-segment" -q --rules "$dest/usr/local/share/cm/rules/portfolio.json" "$tmp/t.csv" >"$tmp/b.csv"
	if [ -s "$tmp/a.csv" ] && cmp -s "$tmp/a.csv" "$tmp/b.csv"; then pass
	else fail "install: the installed portfolio rules give another table than the built-in ones"; fi
	if PATH="$p:/usr/bin:/bin" CM_TODAY=2024-06-28 cm-nightly "$top/samples/orders-en.csv" "$tmp/night" &&
		[ -s "$tmp/night/reports/cockpit-2024-06-28.html" ]; then pass
	else fail "install: cm-nightly does not run from the installed tools"; fi
	# The installed map-reduce scripts find what they share (plan.sh) and the installed tools.
	ok=1
	sh "$dest/usr/local/share/cm/slurm.sh" 2>&1 | grep -q '^usage: scale/slurm.sh' || ok=0
	if command -v parallel >/dev/null 2>&1; then
		PATH="$p:/usr/bin:/bin" sh "$dest/usr/local/share/cm/mapreduce.sh" -b 2 --as-of 2024-06-28 \
			"$top/samples/orders-en.csv" "$tmp/mr" 2>/dev/null && [ -s "$tmp/mr/customers.csv" ] || ok=0
	fi
	if [ $ok = 1 ]; then pass; else fail "install: the installed map-reduce scripts do not run"; fi
	if command -v man >/dev/null 2>&1; then
		if man -M "$dest/usr/local/share/man" -w cm-import >/dev/null 2>&1 &&
			man -M "$dest/usr/local/share/man" -w 7 cm >/dev/null 2>&1; then pass
		else fail "install: man does not find cm-import(1) and cm(7)"; fi
	else
		echo "install: man is not installed, the man page check skipped"
	fi
	make -s -C "$top" BUILD="$bin" DESTDIR="$dest" PREFIX=/usr/local uninstall >/dev/null 2>&1
	left=$(find "$dest" -type f | sed "s#^$dest##" | tr '\n' ' ')
	if [ -z "$left" ]; then pass; else fail "uninstall leaves files: $left"; fi
else
	fail "make install failed: $(tail -3 "$tmp/make.log")"
fi
rm -rf "$tmp"
