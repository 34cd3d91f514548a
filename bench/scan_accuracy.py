#!/usr/bin/env python3
"""Issue 26's Done-when figures for scanned notices, per notice and per gold pair.

usage: bench/scan_accuracy.py [--bin PATH] [--diff] [STEM ...]

For each corpus notice (default: all five) it runs `policydiff parse -f json` on the
text PDF (tests/data/pdf/STEM.pdf) and on its scanned copy (tests/data/scan/STEM.pdf,
read by OCR), and prints the task counts and how many task texts are identical after
whitespace removal (task i of the scan against task i of the text, as the e2e test
`ocr::scanned_copies_parse_to_the_tasks_of_their_text` counts). Then, for each gold pair
(tests/data/gold/UPPER__LOWER.tsv) whose upper notice was read, it runs `compare -f json`
of the text upper and of the scanned upper against the text lower and prints how many
upper tasks keep their status; a notice that is upper in no gold pair is compared the
other way round (its scan as the upper notice against the text of its gold partner), so
every notice is measured. `--diff` prints the task texts that differ.

OCR runs one notice at a time (the scans' pages in parallel); prefix with `nice -n 5` on
a shared machine. The binary defaults to target/release/policydiff.
"""
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STEMS = [
    "anhui-province-2022",
    "chizhou-city-2018",
    "chizhou-city-2021",
    "jiujiang-city-2021",
    "lezhi-county-2021",
]


def run(binary, *args):
    out = subprocess.run([binary, *args], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"{' '.join(args)}: exit {out.returncode}: {out.stderr.strip()}")
    return json.loads(out.stdout)


def squeezed(t):
    return "".join(t["text"].split())


def statuses(v):
    by_task = {t["id"]: "dropped" for t in v["upper"]["tasks"]}
    for link in v["links"]:
        by_task[link["upper"]] = link["status"]
    return by_task


def main():
    args = sys.argv[1:]
    binary = str(ROOT / "target/release/policydiff")
    if "--bin" in args:
        i = args.index("--bin")
        binary = args[i + 1]
        del args[i : i + 2]
    diff = "--diff" in args
    stems = [a for a in args if a != "--diff"] or STEMS
    data = ROOT / "tests/data"
    print("notice\ttasks scan/text\tidentical texts\tOCR pages\tconfidence")
    for stem in stems:
        want = run(binary, "parse", "-f", "json", str(data / "pdf" / f"{stem}.pdf"))
        got = run(binary, "parse", "-f", "json", str(data / "scan" / f"{stem}.pdf"))
        w, g = want["tasks"], got["tasks"]
        same = sum(squeezed(a) == squeezed(b) for a, b in zip(w, g))
        ocr = got.get("ocr", {})
        print(
            f"{stem}\t{len(g)}/{len(w)}\t{same}/{len(w)} ({100 * same / max(len(w), 1):.1f} %)"
            f"\t{ocr.get('pages')}\t{ocr.get('confidence')}"
        )
        if diff:
            for a, b in zip(w, g):
                if squeezed(a) != squeezed(b):
                    print(f"  text {a['id']}: {squeezed(a)}\n  scan {b['id']}: {squeezed(b)}")
            for t in w[len(g) :]:
                print(f"  text only {t['id']}: {squeezed(t)}")
            for t in g[len(w) :]:
                print(f"  scan only {t['id']}: {squeezed(t)}")
    print("pair (scanned upper)\tupper tasks keeping their status")
    # Every gold pair a measured notice takes part in: as the upper notice, against its
    # lower; as the lower one, turned round (the scan upper against the text of the other),
    # so that each of the five notices is compared at least once.
    pairs = []
    for gold in sorted((data / "gold").glob("*__*.tsv")):
        upper, lower = gold.stem.split("__")
        if upper in stems:
            pairs.append((upper, lower))
    for gold in sorted((data / "gold").glob("*__*.tsv")):
        upper, lower = gold.stem.split("__")
        if lower in stems and not any(u == lower for u, _ in pairs):
            pairs.append((lower, upper))
    for upper, lower in pairs:
        low = str(data / "pdf" / f"{lower}.pdf")
        want = statuses(run(binary, "compare", "-f", "json", str(data / "pdf" / f"{upper}.pdf"), low))
        got = statuses(run(binary, "compare", "-f", "json", str(data / "scan" / f"{upper}.pdf"), low))
        same = sum(got.get(k) == s for k, s in want.items())
        print(f"{upper} → {lower}\t{same}/{len(want)} ({100 * same / max(len(want), 1):.1f} %)")
        if diff:
            for k, s in want.items():
                if got.get(k) != s:
                    print(f"  {k}: text {s}, scan {got.get(k)}")

if __name__ == "__main__":
    main()
