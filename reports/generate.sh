#!/usr/bin/env bash
# Regenerates the example reports in reports/ for the two gold pairs:
#
#     bash reports/generate.sh
#
# Each pair gets reports/<upper>__<lower>.{md,html,xlsx}. The output is deterministic (no
# timestamps), so a rerun without code changes leaves git clean; the end-to-end test
# `reports_are_fresh` fails when the committed .md/.html differ from what this produces.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --quiet
for pair in anhui-province-2022:chizhou-city-2021 chizhou-city-2021:lezhi-county-2021; do
    upper=${pair%%:*}
    lower=${pair##*:}
    for ext in md html xlsx; do
        cargo run --release --quiet -- compare "corpus/$upper.txt" "corpus/$lower.txt" \
            -o "reports/${upper}__${lower}.$ext"
    done
done
ls -l reports/
