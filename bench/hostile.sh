#!/usr/bin/env bash
# The hostile inputs of issues 17 and 28, measured: for each, the exit code, peak RSS and CPU
# time (user + system, from /usr/bin/time -v: wall time says little on a loaded machine) of
# one run under `timeout 30` and an 8 GiB address-space cap (so a runaway read cannot
# take the machine). The inputs are written by examples/hostile.rs into a scratch directory.
# Measured, never asserted (tests/e2e/hostile_inputs.rs asserts the messages and exit codes).
#
#   bench/hostile.sh [BINARY]     (default: target/release/policydiff, built first)
#
# The input writers (examples/hostile.rs, examples/ofd.rs) are built in release too, unless
# EXAMPLES=debug asks for the debug ones (the inputs are the same; a release build of the
# examples also builds the dev-dependencies).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${EXAMPLES:-release}" = debug ]; then
  cargo build --quiet --example hostile --example ofd
  examples=./target/debug/examples
else
  cargo build --release --quiet --example hostile --example ofd
  examples=./target/release/examples
fi
if [ $# -ge 1 ]; then bin=$1; else cargo build --release --quiet --bin policydiff; bin=./target/release/policydiff; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$examples/hostile" "$work"
"$examples/ofd" "$work/ofd"
ok=corpus/chizhou-city-2021.txt
low=corpus/lezhi-county-2021.txt
run() { # label, command...
  local label=$1; shift
  local code=0
  ( ulimit -v 8388608; /usr/bin/time -v -o "$work/t" timeout 30 "$@" >/dev/null 2>"$work/err" ) || code=$?
  local rss cpu
  rss=$(awk -F': ' '/Maximum resident/ {printf "%.0f", $2/1024}' "$work/t")
  cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.2f", s}' "$work/t")
  printf '%-34s %5s %9s %8s  %s\n' "$label" "$code" "$rss" "$cpu" "$(head -c 150 "$work/err" | tr '\n' ' ')"
}
printf '%-34s %5s %9s %8s  %s\n' input exit peak_MiB cpu_s stderr
for f in gridspan gridbefore nested-100k nested-2k-text nested-600-text inflate-250m inflate-60m duplicate-entry; do
  run "$f.docx" "$bin" parse "$work/$f.docx"
done
run "inflate-250m.docx (max 1000000)" "$bin" parse --max-input-size 1000000 "$work/inflate-250m.docx"
run "mislabelled-gb2312.html" "$bin" parse "$work/mislabelled-gb2312.html"
run "utf8-many-invalid.txt" "$bin" parse "$work/utf8-many-invalid.txt"
run "/dev/zero" "$bin" parse /dev/zero
run "/dev/urandom" "$bin" parse /dev/urandom
run "FIFO as notice" "$bin" parse "$work/special/pipe.txt"
run "FIFO as --overrides" "$bin" compare "$ok" "$low" --overrides "$work/special/pipe.txt"
run "coverage of special/" "$bin" coverage "$ok" "$work/special"
run "coverage of special/ --strict" "$bin" coverage --strict "$ok" "$work/special"
# Issue 28: damaged and oversized workbooks, PDFs that cost more than their size, and a
# coverage run over a directory holding them beside a good notice.
for f in "$work"/xls-*.xls "$work"/xlsx-*.xlsx "$work"/ods-*.ods "$work"/pdf-*.pdf; do
  run "$(basename "$f")" "$bin" parse "$f"
done
# Issue 26: hostile OFDs (a 200 MB template, templates drawing themselves, 100,000-deep
# nesting, 300,000 characters in one TextCode) and the OFD copies of the corpus PDFs.
for f in "$work"/ofd/*.ofd; do
  run "ofd/$(basename "$f")" "$bin" parse "$f"
done
mkdir -p "$work/mixed"
cp "$low" "$work"/xls-empty-codepage.xls "$work"/xlsx-unique-count-1e12.xlsx \
  "$work"/pdf-page-count.pdf "$work"/pdf-chained-filters.pdf "$work/mixed/"
run "coverage of mixed/ (--jobs 2)" "$bin" coverage --jobs 2 "$ok" "$work/mixed" -o "$work/mixed.json"
run "coverage of mixed/ --strict" "$bin" coverage --strict "$ok" "$work/mixed"
# Issue 28: `coverage --jobs 4` over a folder of the heavy PDFs, beside a good notice.
mkdir -p "$work/heavy"
cp "$low" "$work"/pdf-*.pdf "$work/heavy/"
run "coverage of heavy/ (--jobs 4)" "$bin" coverage --jobs 4 "$ok" "$work/heavy" -o "$work/heavy.json"
