#!/usr/bin/env python3
"""Calibration aid for the alignment thresholds: joins the pair scores printed by
`examples/pair_scores.rs` with a gold file and shows how gold links and non-links score.

usage: calibrate.py PAIRS.tsv UPPER.json LOWER.json GOLD.tsv
(UPPER/LOWER.json from `policydiff parse -f json`.)

The bars fitted to each pair, the explained rule and the review band are calibrated with
`cargo run --release --example calibrate`, which also runs the constructed pairs.
"""
import csv, json, sys

def norm(s):
    return "".join(s.split())

def resolve(tasks, key):
    hits = [t["id"] for t in tasks if norm(key) in norm(t["text"])]
    return hits[0] if len(hits) == 1 else None

pairs_path, up_path, low_path, gold_path = sys.argv[1:5]
up = json.load(open(up_path))["tasks"]
low = json.load(open(low_path))["tasks"]
gold = {}
for line in open(gold_path, encoding="utf-8"):
    if line.startswith("#") or not line.strip():
        continue
    c = line.rstrip("\n").split("\t")
    if c[2] in ("carried", "reworded"):
        gold[(resolve(up, c[0]), resolve(low, c[1]))] = c[2]
rows = list(csv.DictReader(open(pairs_path), delimiter="\t"))
for r in rows:
    for k in list(r):
        if k not in ("upper", "lower"):
            r[k] = float(r[k])
    r["gold"] = gold.get((r["upper"], r["lower"]), "-")
links = sorted((r for r in rows if r["gold"] != "-"), key=lambda r: r["score"])
print("gold links, weakest first:")
for r in links[:12]:
    print("  %s→%s %s score=%.3f cos=%.3f dice=%.3f u∈l=%.3f l∈u=%.3f verb=%.3f" % (
        r["upper"], r["lower"], r["gold"], r["score"], r["cosine"], r["dice"],
        r["upper_in_lower"], r["lower_in_upper"], r["upper_verbatim"]))
non = sorted((r for r in rows if r["gold"] == "-"), key=lambda r: -r["score"])
print("strongest non-links:")
for r in non[:12]:
    print("  %s→%s score=%.3f cos=%.3f dice=%.3f u∈l=%.3f l∈u=%.3f verb=%.3f" % (
        r["upper"], r["lower"], r["score"], r["cosine"], r["dice"],
        r["upper_in_lower"], r["lower_in_upper"], r["upper_verbatim"]))
print("carried vs reworded upper_verbatim:")
for lab in ("carried", "reworded"):
    v = sorted(round(r["upper_verbatim"], 2) for r in links if r["gold"] == lab)
    print("  ", lab, v)
