#!/bin/sh
# The main job on the bundled samples: a German ERP export (Windows-1252, ';',
# decimal comma) becomes the customer table.  Results go to build/demo/.
set -eu
build=${1:-build}
out="$build/demo"
mkdir -p "$out"
"$build/cm-import" -v --encoding cp1252 --reject "$out/rejected.csv" \
	-o "$out/customers.csv" samples/orders-de.csv
echo
echo "customer table: $out/customers.csv ($(($(wc -l <"$out/customers.csv") - 1)) customers); first rows:"
head -5 "$out/customers.csv"
echo "rejected rows (none expected): $out/rejected.csv"
