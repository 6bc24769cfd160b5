#!/bin/sh
# The main job on the bundled samples: a German ERP export (Windows-1252, ';',
# decimal comma) becomes the customer table, is valued and segmented, and the
# cockpit is written as text and HTML.  Results go to build/demo/.
set -eu
build=${1:-build}
out="$build/demo"
mkdir -p "$out"
"$build/cm-import" --reject "$out/rejected.csv" -o "$out/customers.csv" samples/orders-de.csv
"$build/cm-clv" --save-model "$out/model.json" -o "$out/valued.csv" "$out/customers.csv"
"$build/cm-segment" -o "$out/segmented.csv" "$out/valued.csv"
"$build/cm-report" --lang de --model "$out/model.json" -o "$out/report.txt" "$out/segmented.csv"
"$build/cm-report" --lang de -f html --model "$out/model.json" -o "$out/report.html" "$out/segmented.csv"
echo
sed -n '1,22p' "$out/report.txt"
echo "..."
echo
echo "results in $out/:"
echo "  customers.csv   the customer table ($(($(wc -l <"$out/customers.csv") - 1)) customers); rejected.csv: rows refused"
echo "  valued.csv      with p_alive, expected_orders, expected_value, clv; model.json: the fitted model"
echo "  segmented.csv   with abc, RFM, lifecycle, segment, strategy"
echo "  report.txt, report.html   the customer cockpit (open the HTML in a browser)"
