# The HTML cockpit as people see it, in headless Chromium (sourced by
# tests/run.sh): at 1280 and 400 pixels wide nothing runs off the page
# sideways, every chart has a title and text on it, the German page holds no
# English label, and printed on A4 the demo and the CDNOW cockpits take at most
# four pages.  The screenshots are kept for `make screenshots`
# (CM_SCREENSHOTS=DIR).  Skipped, with a note, where Chromium is missing.

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
	echo "browser: chromium not installed: the cockpit's browser checks skipped (make check installs it as root)"
else
tmp=$(mktemp -d)
flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
	--disable-component-update --disable-sync --hide-scrollbars --user-data-dir=$tmp/profile"
samples="$top/samples"
# The demo's full cockpit: a baseline three months earlier, the model, cohorts.
"$bin/cm-import" -q --as-of 2024-03-31 "$samples/orders-de.csv" | "$bin/cm-clv" -q | "$bin/cm-segment" -q >"$tmp/base.csv"
"$bin/cm-import" -q --cohorts "$tmp/cohorts.csv" "$samples/orders-de.csv" |
	"$bin/cm-clv" -q --save-model "$tmp/model.json" | "$bin/cm-segment" -q >"$tmp/now.csv"
for lang in en de; do
	"$bin/cm-report" -f html --lang $lang --baseline "$tmp/base.csv" --model "$tmp/model.json" --cohorts "$tmp/cohorts.csv" \
		"$tmp/now.csv" >"$tmp/cockpit-$lang.html"
done

# The probe: the cockpit in a frame of the given width, measured by a script
# of the test's own (the cockpit has none), its findings written into the page.
cat >"$tmp/probe.html" <<'HTML'
<!DOCTYPE html><html><body style="margin:0"><pre id="out">not measured</pre>
<iframe id="f" style="border:0;height:900px"></iframe>
<script>
const q = new URLSearchParams(location.search), f = document.getElementById("f");
f.style.width = q.get("w") + "px";
f.onload = () => {
	const d = f.contentDocument, w = f.contentWindow, svgs = [...d.querySelectorAll("svg")];
	const text = d.body.textContent, english = q.get("english") ? q.get("english").split("|") : [];
	const found = english.filter(e => new RegExp("(^|[^A-Za-zÄÖÜäöüß])" + e + "($|[^A-Za-zÄÖÜäöüß])").test(text));
	document.getElementById("out").textContent = [
		"overflow=" + (d.documentElement.scrollWidth > w.innerWidth ? d.documentElement.scrollWidth : 0),
		"charts=" + svgs.length,
		"untitled=" + svgs.filter(s => !(s.querySelector("title") || {}).textContent).length,
		"textless=" + svgs.filter(s => s.querySelectorAll("text").length < 2).length,
		"english=" + (found.join(",") || "none")].join(" ");
};
f.src = q.get("page");
</script></body></html>
HTML
probe() { # page width [english words]: the probe's findings
	timeout 120 "$browser" $flags --allow-file-access-from-files --virtual-time-budget=10000 --dump-dom \
		"file://$tmp/probe.html?page=$1&w=$2&english=$3" 2>/dev/null | sed -n 's|.*<pre id="out">\([^<]*\)</pre>.*|\1|p'
}
# English labels that must not appear on the German page (whole words).
english="Customers|Revenue|Orders|Share|Table|Retention|Lifecycle|Strategy|Strategies|Model|Week|Horizon|Lost|Regular|Occasional|Prospects|Reactivated|Contribution|Value|Figure|Baseline|Change|of|the|Lapsed|Slipping away|Cohort|Period|Average|Potential|Customer portfolio"
for lang in en de; do
	for w in 1280 400; do
		got=$(probe "cockpit-$lang.html" $w "$([ $lang = de ] && echo "$english")")
		case $got in
		"overflow=0 charts="[1-9]*" untitled=0 textless=0 english=none") pass ;;
		*) fail "browser: the $lang cockpit at $w px: ${got:-no result from chromium}" ;;
		esac
	done
done

# Screenshots at both widths, and the page printed on A4.
pages() { grep -a -o '/Count [0-9]*' "$1" | head -1 | cut -d' ' -f2; }
for w in 1280 400; do
	timeout 120 "$browser" $flags --window-size=$w,2400 --screenshot="$tmp/cockpit-$w.png" "file://$tmp/cockpit-de.html" \
		>/dev/null 2>&1
	if [ -s "$tmp/cockpit-$w.png" ]; then pass; else fail "browser: no screenshot at $w px"; fi
done
timeout 120 "$browser" $flags --no-pdf-header-footer --print-to-pdf="$tmp/cockpit.pdf" "file://$tmp/cockpit-de.html" \
	>/dev/null 2>&1
n=$(pages "$tmp/cockpit.pdf")
if [ -n "$n" ] && [ "$n" -le 4 ]; then pass; else fail "browser: the demo cockpit prints on ${n:-no} pages, at most 4 wanted"; fi
cdnow="$top/../shared/data/cdnow/CDNOW_master.txt"
if [ -f "$cdnow" ]; then
	"$bin/cm-import" -q -d whitespace --id 1 --date 2 --amount 4 "$cdnow" | "$bin/cm-clv" -q |
		"$bin/cm-segment" -q | "$bin/cm-report" -f html >"$tmp/cdnow.html"
	grep -q '<section id="rfm"' "$tmp/cdnow.html" || fail "browser: no CDNOW cockpit to print"
	timeout 120 "$browser" $flags --no-pdf-header-footer --print-to-pdf="$tmp/cdnow.pdf" "file://$tmp/cdnow.html" \
		>/dev/null 2>&1
	n=$(pages "$tmp/cdnow.pdf")
	if [ -n "$n" ] && [ "$n" -le 4 ]; then pass; else fail "browser: the CDNOW cockpit prints on ${n:-no} pages, at most 4 wanted"; fi
fi
if [ -n "${CM_SCREENSHOTS:-}" ]; then
	cp "$tmp/cockpit-1280.png" "$CM_SCREENSHOTS/cm-report.png"
	cp "$tmp/cockpit-400.png" "$CM_SCREENSHOTS/cm-report-phone.png"
fi
rm -rf "$tmp"
fi
