#!/bin/sh
# Regenerate the bundled samples; the generator is seeded, so the bytes are the same every time.
set -eu
build=${1:-build}
here=$(dirname "$0")
"$build/cm-gen" --customers 1000 --seed 2024 --start 2023-01-01 > "$here/orders-en.csv"
"$build/cm-gen" --customers 1000 --seed 2024 --start 2023-01-01 --german > "$here/orders-de.csv"
