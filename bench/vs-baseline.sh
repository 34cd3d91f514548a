#!/usr/bin/env bash
# policydiff side by side with the Python baseline in bench/baseline/ (jieba + TF-IDF +
# Hungarian), on the gold pairs, in one run: the two programs alternate, RUNS runs each;
# median wall time and peak RSS of the whole process, and the gold scores (policydiff via
# `policydiff eval`, the baseline via the scoring script). Prints one table with ratios.
#
#   bench/vs-baseline.sh [RUNS]        (default 5; the venv goes to $PDBASE or /tmp/pdbase)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
baseline=bench/baseline
venv=${PDBASE:-/tmp/pdbase}
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q -r "$baseline/requirements.txt"
fi
cargo build --release --quiet --bin policydiff
bin=./target/release/policydiff
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

measure() { # command... → "wall_s peak_kb" on stdout
  /usr/bin/time -f '%e %M' -o "$work/t" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; return 1; }
  cat "$work/t"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

printf '%-42s %-11s %9s %9s %8s %8s %8s %8s\n' pair program wall_ms peak_MiB link_F1 cov_acc add_acc label
for gold in tests/data/gold/*.tsv; do
  pair=$(basename "$gold" .tsv)
  up="corpus/${pair%%__*}.txt"; low="corpus/${pair##*__}.txt"
  : > "$work/pd"; : > "$work/py"
  for _ in $(seq "$runs"); do
    measure "$bin" compare -f json -o "$work/pd.json" "$up" "$low" >> "$work/pd"
    measure "$venv/bin/python" "$baseline/baseline.py" "$up" "$low" >> "$work/py"
  done
  "$venv/bin/python" "$baseline/baseline.py" "$up" "$low" > "$work/base.json"
  python3 "$baseline/adapt.py" "$work/base.json" > "$work/base-cmp.json"
  py_scores=$(python3 "$baseline/score.py" "$gold" "$work/base-cmp.json" --json 2>/dev/null)
  pd_scores=$("$bin" eval -f json --gold "$gold" "$up" "$low")
  for prog in pd py; do
    wall=$(awk '{print $1*1000}' "$work/$prog" | median)
    rss=$(awk '{print $2/1024}' "$work/$prog" | median)
    scores=$([ $prog = pd ] && echo "$pd_scores" || echo "$py_scores")
    read -r f1 cov add lab < <(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(d["link_f1"], d["upper_coverage_acc"], d["lower_added_acc"], d["label_acc"])' "$scores")
    name=$([ $prog = pd ] && echo policydiff || echo baseline)
    printf '%-42s %-11s %9.0f %9.1f %8.3f %8.3f %8.3f %8.3f\n' "$pair" "$name" "$wall" "$rss" "$f1" "$cov" "$add" "$lab"
    echo "$wall $rss $f1" > "$work/$prog.sum"
  done
  read -r w1 r1 f1 < "$work/pd.sum"; read -r w2 r2 f2 < "$work/py.sum"
  awk -v w1="$w1" -v w2="$w2" -v r1="$r1" -v r2="$r2" -v f1="$f1" -v f2="$f2" -v p="$pair" \
    'BEGIN { printf "%-42s %-11s %8.1fx %8.1fx %+8.3f\n", p, "ratio", w2/w1, r2/r1, f1-f2 }'
done
echo "(wall and peak: medians of $runs runs, programs alternating; ratio = baseline / policydiff; F1 gain in points of 1)"
