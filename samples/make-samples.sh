#!/bin/sh
# Regenerate the bundled samples; the generator is seeded, so the bytes are the same every time.
set -eu
build=${1:-build}
here=$(dirname "$0")
"$build/cm-gen" --customers 1000 --seed 2024 --start 2023-01-01 > "$here/orders-en.csv"
"$build/cm-gen" --customers 1000 --seed 2024 --start 2023-01-01 --german > "$here/orders-de.csv"
# A membership export as an association's software writes it: the 1000 members who
# joined on 1 January 2017, of whom 631, 468, 382, 326, 289, 262 and 241 were still
# members after one to seven years (Fader & Hardie 2007, the "regular" cohort).
awk 'BEGIN { split("1000 631 468 382 326 289 262 241", a, " ")
	print "Mitgliedsnummer;Eintrittsdatum;Austrittsdatum;Status;Jahresbeitrag"
	for (t = 1; t <= 7; t++) for (i = 0; i < a[t] - a[t + 1]; i++) printf "M%04d;01.01.2017;31.12.%d;gek\374ndigt;96,00\n", ++k, 2016 + t
	for (i = 0; i < a[8]; i++) printf "M%04d;01.01.2017;;aktiv;96,00\n", ++k }' > "$here/contracts-de.csv"
