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

It also writes NAME.autonum.docx / NAME.autonum.html for a few of them, where the numbers
are not text: Word's automatic list numbering (w:numPr with word/numbering.xml; 序号 cells
numbered the same way) and HTML <ol> lists.
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
    ("unseen", "u21_prose-signature-then-contact-table"),
    ("unseen", "u22_tab-lead-in-brackets-mid-month"),
    ("unseen", "u23_traditional-prose-tortoise-labels"),
    ("unseen", "u24_pipe-header-measures-month-deadlines"),
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


# --- automatic numbering ------------------------------------------------------------------
# Copies NAME.autonum.docx / NAME.autonum.html where the numbers are not text: Word list
# numbering (w:numPr, word/numbering.xml) and HTML <ol> lists, as editors write them.

AUTONUM = [
    ("unseen", "u01_prose-cover-runin-titles"),
    ("unseen", "u03_circled-restarting"),
    ("unseen", "u06_tab-number-column-deadline-before-units"),
    ("unseen", "u12_cover-letter-with-own-points"),
    ("unseen", "u20_arabic-under-chinese-with-cc"),
    ("wild", "41_jiangsu-province-2022"),
    ("wild", "01_hubei-province-2022"),
]

CN = "〇一二三四五六七八九"


def cn(n):
    if n < 10:
        return CN[n]
    if n < 20:
        return "十" + (CN[n % 10] if n % 10 else "")
    return CN[n // 10] + "十" + (CN[n % 10] if n % 10 else "")


def cn_value(s):
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + CN.index(s[1])
    if len(s) == 1:
        return CN.index(s)
    if len(s) == 2 and s[1] == "十":
        return CN.index(s[0]) * 10
    return CN.index(s[0]) * 10 + CN.index(s[2])


# Kinds of marks: (level, Word format, label, regex of the mark in the text).
KINDS = [
    (0, "chineseCounting", "%1、", re.compile(r"^([一二三四五六七八九十]{1,3})、")),
    (1, "chineseCounting", "（%2）", re.compile(r"^[（(]([一二三四五六七八九十]{1,3})[)）]")),
    (2, "decimal", "%3.", re.compile(r"^(\d{1,2})[.、．﹒]")),
    (3, "decimalEnclosedCircle", "%4", re.compile(r"^([\u2460-\u2473])")),
]


def mark_of(text):
    for level, _, _, rx in KINDS:
        m = rx.match(text)
        if m:
            v = m.group(1)
            n = ord(v) - 0x2460 + 1 if level == 3 else (int(v) if level == 2 else cn_value(v))
            return level, n, text[m.end():]
    return None


NUMBERING = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<w:numbering xmlns:w="{g.W_NS}">'
    # One multilevel list (abstract 1, numId 1) and one single-level list per kind
    # (abstract 10+k, numId 10+k), for numbers that run on across headings.
    '<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="multilevel"/>'
    + "".join(
        f'<w:lvl w:ilvl="{lv}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{lab}"/><w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr></w:lvl>'
        for lv, fmt, lab, _ in KINDS
    )
    + "</w:abstractNum>"
    + "".join(
        f'<w:abstractNum w:abstractNumId="{10 + lv}"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{lab.replace(str(lv + 1), "1")}"/></w:lvl></w:abstractNum>'
        for lv, fmt, lab, _ in KINDS
    )
    + '<w:abstractNum w:abstractNumId="20"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1"/></w:lvl></w:abstractNum>'
    + '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
    + "".join(f'<w:num w:numId="{10 + lv}"><w:abstractNumId w:val="{10 + lv}"/></w:num>' for lv, *_ in KINDS)
    + '<w:num w:numId="20"><w:abstractNumId w:val="20"/></w:num>'
    + "</w:numbering>"
)


def plan_lists(paras):
    """For each paragraph, (numId, ilvl, body) when Word's counting reproduces its number,
    else None: the multilevel list when its restarts match the text, else one list per kind."""
    marks = [mark_of(p) for p in paras]

    def simulate(multi):
        counters = {}
        out = []
        for m in marks:
            if m is None:
                out.append(None)
                continue
            level, n, body = m
            key = "multi" if multi else level
            c = counters.setdefault(key, [0] * 4)
            at = level if multi else 0
            c[at] += 1
            for d in range(at + 1, 4):
                c[d] = 0
            if c[at] != n:
                return None
            out.append((1, level, body) if multi else (10 + level, 0, body))
        return out

    return simulate(True) or simulate(False) or [None] * len(paras)


def numbered_para(num_id, ilvl, text):
    return (
        f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
        f'<w:ind w:firstLine="640"/></w:pPr>{g.runs(text)}</w:p>'
    )


def write_docx_autonum(path, its):
    body = []
    bl = g.blocks(its)
    paras = [b[1] for b in bl if b[0] == "para"]
    plan = iter(plan_lists(paras))
    for b in bl:
        if b[0] == "para":
            p = next(plan)
            body.append(numbered_para(*p) if p else g.docx_para(b[1]))
        else:
            xml = g.docx_table(b[1])
            # A 序号 cell holding a bare number becomes an automatically numbered one.
            xml = re.sub(
                r"<w:p>(?:<w:r>(?:(?!</w:r>).)*<w:t xml:space=\"preserve\">\d{1,3}</w:t></w:r>)</w:p>",
                '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="20"/></w:numPr></w:pPr></w:p>',
                xml,
            )
            body.append(xml)
            body.append("<w:p/>")
    sect = '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>'
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{g.W_NS}"><w:body>{"".join(body)}{sect}</w:body></w:document>'
    )
    types = g.CONTENT_TYPES.replace(
        "</Types>",
        '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>',
    )
    g.write_zip(
        path,
        [
            ("[Content_Types].xml", types),
            ("_rels/.rels", g.RELS),
            ("word/document.xml", document),
            ("word/numbering.xml", NUMBERING),
        ],
    )


def write_html_autonum(path, its):
    """Runs of 一、 and 1. items as <ol> lists (with `start`); other marks stay text."""
    content = []
    open_ol = None
    for b in g.blocks(its):
        m = mark_of(b[1]) if b[0] == "para" else None
        kind = m[0] if m and m[0] in (0, 2) else None
        if open_ol is not None and kind != open_ol:
            content.append("</ol>")
            open_ol = None
        if kind is not None:
            if open_ol is None:
                style = ' style="list-style-type:cjk-ideographic"' if kind == 0 else ""
                content.append(f'<ol start="{m[1]}"{style}>')
                open_ol = kind
            content.append(f"<li>{g.h(m[2])}</li>")
        elif b[0] == "para":
            content.append(f'<p style="text-indent:2em;">{g.h(b[1])}</p>')
        else:
            content.append(g.html_table(b[1]))
    if open_ol is not None:
        content.append("</ol>")
    page = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>政务公开_某某市人民政府</title></head>
<body><nav class="crumbs">当前位置：<a href="/">首页</a> &gt; 通知公告</nav>
<div class="article">
{chr(10).join(content)}
</div><div id="footer"><p>版权所有</p></div></body></html>
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
    for d, stem in AUTONUM:
        text = (ROOT / "tests/data" / d / f"{stem}.txt").read_text(encoding="utf-8")
        its = items(text)
        write_docx_autonum(out / f"{stem}.autonum.docx", its)
        write_html_autonum(out / f"{stem}.autonum.html", its)


if __name__ == "__main__":
    main()
