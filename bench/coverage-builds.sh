#!/usr/bin/env bash
# `coverage` of one upper notice over N synthetic lower notices (examples/synth.rs, fixed
# seed, as bench/coverage.sh) with several builds of policydiff on the same notices, the
# builds taking turns so that the machine's load falls on each alike. Prints each run's
# wall time, user+sys CPU time and peak memory, then each build's medians and their ratio
# to the first build's, and checks that every build wrote the same report. With
# INSTRUCTIONS=1, also runs each build once under `valgrind --tool=callgrind` and prints
# the instructions it executed: unlike times, that count does not depend on the machine's
# load (valgrind runs the threads one at a time, so it counts the work, not the waiting
# for a lock). Measured, never asserted.
#
#   [SYNTH=path/to/synth] [INSTRUCTIONS=1] bench/coverage-builds.sh N ROUNDS BINARY...
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
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-60s %5s %8s %8s %9s\n' binary round wall_s cpu_s peak_MiB
for r in $(seq "$rounds"); do
    i=0
    for bin in "$@"; do
        i=$((i + 1))
        /usr/bin/time -f '%e %U %S %M' -o "$work/time" \
            "$bin" coverage "$upper" "$work/synth" -f json -o "$work/out-$i.json" >/dev/null 2>&1
        read -r wall user sys kb <"$work/time"
        echo "$wall" >>"$work/walls-$i"
        awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }' >>"$work/cpus-$i"
        awk -v b="$bin" -v r="$r" -v w="$wall" -v c="$(tail -n 1 "$work/cpus-$i")" -v kb="$kb" \
            'BEGIN { printf "%-60s %5d %8.2f %8.2f %9.1f\n", b, r, w, c, kb/1024 }'
    done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
median() { sort -n "$1" | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
echo
printf '%-60s %12s %10s %11s %10s %s\n' binary median_wall_s vs_first median_cpu_s vs_first same_report
i=0
for bin in "$@"; do
    i=$((i + 1))
    wall=$(median "$work/walls-$i") cpu=$(median "$work/cpus-$i")
    [ $i -eq 1 ] && first_wall=$wall first_cpu=$cpu
    same=no
    cmp -s "$work/out-1.json" "$work/out-$i.json" && same=yes
    awk -v b="$bin" -v w="$wall" -v fw="$first_wall" -v c="$cpu" -v fc="$first_cpu" -v s="$same" \
        'BEGIN { printf "%-60s %12.2f %9.2fx %11.2f %9.2fx %s\n", b, w, w / fw, c, c / fc, s }'
done
if [ "${INSTRUCTIONS:-}" = 1 ]; then
    echo
    printf '%-60s %16s %10s\n' binary instructions vs_first
    i=0
    for bin in "$@"; do
        i=$((i + 1))
        valgrind --tool=callgrind --callgrind-out-file="$work/cg-$i" \
            "$bin" coverage "$upper" "$work/synth" -f json -o "$work/cg-out-$i.json" >/dev/null 2>&1
        ir=$(sed -n 's/^totals: \([0-9]*\).*/\1/p' "$work/cg-$i")
        [ $i -eq 1 ] && first_ir=$ir
        awk -v b="$bin" -v ir="$ir" -v f="$first_ir" 'BEGIN { printf "%-60s %16.0f %9.2fx\n", b, ir, ir / f }'
    done
fi
