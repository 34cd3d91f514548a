#!/usr/bin/env bash
# Coverage of one upper notice over N synthetic lower notices (examples/synth.rs, fixed
# seed): wall time, peak memory and time per notice, for N = 100, 1000, 5000 (or the Ns
# given as arguments). Measured, never asserted.
#
#   bench/coverage.sh [N ...]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin policydiff --example synth
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
upper=corpus/chizhou-city-2021.txt
printf '%8s %10s %12s %14s\n' notices wall_s peak_MiB ms_per_notice
for n in "${@:-100 1000 5000}"; do
  for m in $n; do
    dir="$work/synth-$m"
    ./target/release/examples/synth "$upper" "$m" "$dir" >/dev/null
    /usr/bin/time -f '%e %M' -o "$work/time" \
      ./target/release/policydiff coverage "$upper" "$dir" -f json -o "$work/out.json" >/dev/null
    read -r wall kb < "$work/time"
    awk -v n="$m" -v w="$wall" -v kb="$kb" 'BEGIN { printf "%8d %10.2f %12.1f %14.2f\n", n, w, kb/1024, 1000*w/n }'
  done
done
