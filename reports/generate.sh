#!/usr/bin/env bash
# Regenerates the example reports in reports/ listed in reports/reports.txt (the two gold
# pairs, the three-level chain of the corpus, and Anhui's coverage over its cities):
#
#     bash reports/generate.sh
#
# Each line of reports.txt gets reports/<name>.{md,html,xlsx}. The output is deterministic
# (no timestamps), so a rerun without code changes leaves git clean; the end-to-end test
# `reports_are_fresh` fails when the committed reports differ from what this produces.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --quiet
grep -v '^#' reports/reports.txt | while read -r name args; do
    [ -n "$name" ] || continue
    for ext in md html xlsx; do
        # shellcheck disable=SC2086 # the arguments are words
        ./target/release/policydiff $args -o "reports/$name.$ext"
    done
done
ls -l reports/
