#!/usr/bin/env bash
# `coverage` of one upper notice over N synthetic lower notices (examples/synth.rs, fixed
# seed, as bench/coverage.sh) with several builds of policydiff on the same notices, the
# builds taking turns so that the machine's load falls on each alike. Prints each run's
# wall time and peak memory, then each build's median and its ratio to the first build's,
# and checks that every build wrote the same report. Measured, never asserted.
#
#   [SYNTH=path/to/synth] bench/coverage-builds.sh N ROUNDS BINARY...
#   bench/coverage-builds.sh 1000 5 target/release/policydiff \
#       target/x86_64-unknown-linux-musl/release/policydiff
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 3 ] || {
    echo "usage: bench/coverage-builds.sh N ROUNDS BINARY..." >&2
    exit 2
}
n=$1 rounds=$2
shift 2
# SYNTH names an already built examples/synth (any profile: its notices depend only on
# its fixed seed); else it is built here.
synth=${SYNTH:-target/release/examples/synth}
if [ -z "${SYNTH:-}" ]; then nice -n 10 cargo build --release --quiet --example synth; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
upper=corpus/chizhou-city-2021.txt
"$synth" "$upper" "$n" "$work/synth" >/dev/null
printf '%-60s %5s %8s %9s\n' binary round wall_s peak_MiB
for r in $(seq "$rounds"); do
    i=0
    for bin in "$@"; do
        i=$((i + 1))
        /usr/bin/time -f '%e %M' -o "$work/time" \
            "$bin" coverage "$upper" "$work/synth" -f json -o "$work/out-$i.json" >/dev/null 2>&1
        read -r wall kb <"$work/time"
        echo "$wall" >>"$work/walls-$i"
        awk -v b="$bin" -v r="$r" -v w="$wall" -v kb="$kb" 'BEGIN { printf "%-60s %5d %8.2f %9.1f\n", b, r, w, kb/1024 }'
    done
done
echo
printf '%-60s %12s %10s %s\n' binary median_wall_s vs_first same_report
i=0
for bin in "$@"; do
    i=$((i + 1))
    med=$(sort -n "$work/walls-$i" | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }')
    [ $i -eq 1 ] && first=$med
    same=no
    cmp -s "$work/out-1.json" "$work/out-$i.json" && same=yes
    awk -v b="$bin" -v m="$med" -v f="$first" -v s="$same" 'BEGIN { printf "%-60s %12.2f %9.2fx %s\n", b, m, m / f, s }'
done
