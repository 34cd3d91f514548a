#!/usr/bin/env python3
"""Builds .docx and .html copies of text fragments (tests/data/wild, tests/data/unseen) into
tests/data/unseen/docs, with the Word and HTML writers of tests/data/docs/generate.py.

Run from anywhere with plain Python 3 (standard library only):

    python3 tests/data/unseen/make_docs.py

Each fragment is read as its text lays it out and written again as a real document:
lines with tabs or with `|` between cells are table rows (consecutive rows make one
table: a Word table, an HTML <table>; a cell left empty under a filled one is merged with
it, `w:vMerge` / `rowspan`, as in the original), every other non-empty line is a paragraph
(`<w:p>` split into runs, `<p>`), except a numbered line right after rows, which is a row
cut off by the end of the fragment (as the parser reads the text). The page has a site header, navigation, breadcrumbs and
a footer around the notice. tests/e2e/unseen.rs checks that each copy parses to the task
count, first task and last task of its text.
"""

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT / "tests/data/docs"))
import generate as g  # noqa: E402

# Fragments with copies: (directory, file stem).
FRAGMENTS = [
    ("wild", "01_hubei-province-2022"),
    ("wild", "11_jiangmen-department-unknown"),
    ("wild", "15_jieyang-city-unknown"),
    ("wild", "24_zhejiang-county-2022"),
    ("wild", "30_taishan-county-2022"),
    ("wild", "35_baoding-city-2021"),
    ("wild", "41_jiangsu-province-2022"),
    ("wild", "44_beijing-province-2016"),
    ("unseen", "u01_prose-cover-runin-titles"),
    ("unseen", "u02_paren-arabic-under-arabic-headings"),
    ("unseen", "u03_circled-restarting"),
    ("unseen", "u04_article-items-with-attachment"),
    ("unseen", "u05_fullwidth-digits-lenticular-units"),
    ("unseen", "u06_tab-number-column-deadline-before-units"),
    ("unseen", "u08_tab-no-header-headings-between"),
    ("unseen", "u09_pipe-doubled-merged-section"),
    ("unseen", "u10_tab-inline-sub-items"),
    ("unseen", "u11_prose-contact-block-and-attachments"),
    ("unseen", "u12_cover-letter-with-own-points"),
    ("unseen", "u13_attachment-line-before-table"),
    ("unseen", "u14_traditional-pipes"),
    ("unseen", "u15_unnumbered-paragraph-tasks"),
    ("unseen", "u17_labelled-unit-and-deadline-lines"),
    ("unseen", "u18_tab-table-then-contact-row"),
    ("unseen", "u19_half-paren-arabic-ascii-punct"),
    ("unseen", "u20_arabic-under-chinese-with-cc"),
]


def row_cells(line):
    """The cells of a table line (tabs or pipes between cells), or None for a paragraph."""
    if "\t" in line:
        cells = line.split("\t")
    elif line.count("|") >= 1 and sum(1 for c in line.split("|") if c.strip()) >= 2:
        cells = line.strip().split("|")
        if cells and not cells[0].strip():
            cells = cells[1:]
    else:
        return None
    cells = [c.strip() for c in cells]
    while cells and not cells[-1]:
        cells.pop()
    return [[c] if c else [] for c in cells] if sum(1 for c in cells if c) >= 2 else None


NUMBERED = re.compile(r"^\d{1,3}[.、．﹒]\D{4}")


def items(text):
    out = []
    for line in text.replace("\r\n", "\n").split("\n"):
        cells = row_cells(line)
        if cells is not None:
            out.append(("row", cells))
        elif out and out[-1][0] == "row" and NUMBERED.match(line.strip()):
            # A numbered line right after rows is a row whose other cells were cut off (the
            # fragment ends in it), as the parser reads it.
            out.append(("row", [[line.strip().strip("|").strip()]]))
        elif line.strip():
            out.append(("para", line.strip()))
    return out


def write_docx(path, its):
    body = []
    for b in g.blocks(its):
        if b[0] == "para":
            body.append(g.docx_para(b[1]))
        else:
            body.append(g.docx_table(b[1]))
            body.append("<w:p/>")
    sect = '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>'
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{g.W_NS}"><w:body>{"".join(body)}{sect}</w:body></w:document>'
    )
    g.write_zip(
        path,
        [
            ("[Content_Types].xml", g.CONTENT_TYPES),
            ("_rels/.rels", g.RELS),
            ("word/document.xml", document),
        ],
    )


def write_html(path, its):
    content = []
    for b in g.blocks(its):
        if b[0] == "para":
            content.append(f'<p style="text-indent:2em;">{g.h(b[1])}</p>')
        else:
            content.append(g.html_table(b[1]))
    page = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>政务公开_某某市人民政府</title></head>
<body>
<header><div class="logo"><h1>某某市人民政府</h1></div></header>
<div class="main-nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li></ul></div>
<nav class="crumbs">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 通知公告</nav>
<div class="article"><div class="TRS_Editor">
{chr(10).join(content)}
</div></div>
<div id="footer"><p>主办：某某市人民政府办公室 版权所有</p></div>
</body></html>
"""
    path.write_text(page, encoding="utf-8")


def main():
    out = HERE / "docs"
    out.mkdir(exist_ok=True)
    for d, stem in FRAGMENTS:
        text = (ROOT / "tests/data" / d / f"{stem}.txt").read_text(encoding="utf-8")
        its = items(text)
        write_docx(out / f"{stem}.docx", its)
        write_html(out / f"{stem}.html", its)


if __name__ == "__main__":
    main()
