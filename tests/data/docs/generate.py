#!/usr/bin/env python3
"""Builds the .docx and .html fixtures of tests/data/docs from the corpus text files.

Run from anywhere with plain Python 3 (standard library only):

    python3 tests/data/docs/generate.py

Each notice is read the way policydiff reads its text layout (tab rows, one cell per
line, or numbered prose) and written again as

- NAME.docx: a WordprocessingML document made by hand (zipfile + XML strings): the
  cover letter as paragraphs, each text table as a Word table. Cells left empty in the
  text under a filled cell are vertically merged with it (`w:vMerge`), as in the
  original, where a task's number, name and units span its continuation rows; an empty
  header cell after a filled one is part of it (`w:gridSpan`). A cell wrapped over
  several lines in the text has a line break (`w:br`) per line. Paragraphs are split into
  several runs, as Word splits them.
- NAME.html: a saved page of a government site: `<head>` with ArticleTitle and PubDate
  meta tags, site header, navigation bar, menu and footer, a layout table around the
  content, an info box (索引号, 发文字号 …) in a table of its own, and the notice with
  each text table as an HTML table whose merged cells are `rowspan`/`colspan`. One page
  is served in GB2312, as older sites do.

It also writes the pages of the error tests: not-word.zip (a zip without
word/document.xml) and no-tasks.html (a news page without a task list).

The fixtures must parse to the same tasks as the text they were made from; the tests
in tests/e2e/docs.rs check that field by field.
"""

import html
import re
import tomllib
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
CORPUS = ROOT / "corpus"

# Notice → how its text is laid out.
NOTICES = {
    "anhui-province-2022": "tab",
    "lezhi-county-2021": "cells",
    "jiujiang-city-2021": "prose",
}
# Pages served in a legacy charset.
CHARSETS = {"jiujiang-city-2021": "gb2312"}

HEADER_WORDS = [
    "序号", "工作任务", "具体要求", "具体内容", "责任单位", "责任部门", "时限要求",
    "完成时限", "完成时间", "任务名称", "主要任务", "重点任务", "牵头单位", "配合单位",
    "工作内容", "任务内容", "工作要求", "时间要求", "任务分工", "备注",
]

DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,10}[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*\d{1,4}\s*号")
DATE_LINE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")


# --- reading the text layouts (as src/parse/mod.rs does) -------------------------------
# Items: ("para", text), ("row", [cell, …]) where a cell is a list of its lines, ("break",).


def tab_items(lines):
    items = []
    for line in lines:
        cells = line.split("\t")
        if "\t" in line and sum(1 for c in cells if c.strip()) >= 2:
            cells = [c.strip() for c in cells]
            while cells and not cells[-1]:
                cells.pop()
            items.append(("row", [[c] if c else [] for c in cells]))
        elif not line.strip():
            items.append(("break",))
        else:
            items.append(("para", line.strip()))
    return items


def cell_items(lines):
    items = []
    i = 0
    while i < len(lines):
        if lines[i] == "":
            i += 1
            continue
        start = i
        while i < len(lines) and lines[i] != "":
            i += 1
        group = lines[start:i]
        first = next(
            (k for k, l in enumerate(group) if l.lstrip(" ").startswith("\t")), None
        )
        for l in group[: len(group) if first is None else first]:
            if l.strip():
                items.append(("para", l.strip()))
        if first is None:
            continue
        cells = []
        for l in group[first:]:
            if l.lstrip(" ").startswith("\t"):
                cells.append([])
                l = l.lstrip(" ")[1:]
            if l.strip():
                cells[-1].append(l.strip())
        items.append(("row", cells))
    return items


def prose_items(lines):
    return [("para", l.strip()) for l in lines if l.strip()]


def read_items(stem):
    text = (CORPUS / f"{stem}.txt").read_text(encoding="utf-8")
    lines = text.replace("\r\n", "\n").split("\n")
    return {"tab": tab_items, "cells": cell_items, "prose": prose_items}[NOTICES[stem]](lines)


def is_header(cells):
    texts = ["".join("".join(c).split()) for c in cells]
    nonempty = [t for t in texts if t]
    hits = sum(
        1 for t in nonempty if any(t == w or (len(t) <= 8 and w in t) for w in HEADER_WORDS)
    )
    return hits >= 2 and all(len(t) <= 12 for t in nonempty)


def blocks(items):
    """Paragraphs and tables: consecutive rows make a table, anything else ends it."""
    out, table = [], None
    for it in items:
        if it[0] == "row":
            if table is None:
                table = []
                out.append(("table", table))
            table.append(it[1])
        else:
            table = None
            if it[0] == "para":
                out.append(it)
    return out


def layout_table(rows):
    """Each row as a list of (lines, colspan, merge) with merge None, "restart" or
    "continue": empty cells under a filled (or merged) cell continue it; an empty header
    cell after a filled one widens it."""
    width = max(len(r) for r in rows)
    rows = [r + [[] for _ in range(width - len(r))] for r in rows]
    header = [is_header(r) for r in rows]
    cont = [[False] * width for _ in rows]
    for r in range(1, len(rows)):
        if header[r] or header[r - 1]:
            continue
        for c in range(width):
            if not rows[r][c] and (rows[r - 1][c] or cont[r - 1][c]):
                cont[r][c] = True
    out = []
    for r, row in enumerate(rows):
        cells = []
        c = 0
        while c < width:
            span = 1
            if header[r] and row[c]:
                while c + span < width and not row[c + span]:
                    span += 1
            merge = None
            if cont[r][c]:
                merge = "continue"
            elif r + 1 < len(rows) and cont[r + 1][c]:
                merge = "restart"
            cells.append((row[c], span, merge))
            c += span
        out.append(cells)
    return out


def meta_of(stem, items):
    manifest = tomllib.loads((CORPUS / "corpus.toml").read_text(encoding="utf-8"))
    entry = next(n for n in manifest["notice"] if n["file"] == f"{stem}.txt")
    paras = [it[1] for it in items if it[0] == "para"]
    number = next((m.group(0) for p in paras if (m := DOC_NUMBER.search(p))), "")
    date = next(
        (m.groups() for p in reversed(paras) if (m := DATE_LINE.match("".join(p.split())))),
        ("2021", "1", "1"),
    )
    return entry["title"], entry["issuer"], number, date


# --- .docx ------------------------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"""


def x(s):
    return html.escape(s, quote=True)


def runs(text):
    """Runs of at most 24 characters, as Word splits a paragraph on formatting changes."""
    parts = [text[i : i + 24] for i in range(0, len(text), 24)] or [""]
    return "".join(
        '<w:r><w:rPr><w:rFonts w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/></w:rPr>'
        f'<w:t xml:space="preserve">{x(p)}</w:t></w:r>'
        for p in parts
    )


def docx_para(text, center=False):
    ppr = '<w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs>'
    ppr += '<w:jc w:val="center"/>' if center else '<w:ind w:firstLine="640"/>'
    return f"<w:p>{ppr}</w:pPr>{runs(text)}</w:p>"


def docx_cell(lines, span, merge):
    props = '<w:tcW w:w="1500" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if merge == "restart":
        props += '<w:vMerge w:val="restart"/>'
    elif merge == "continue":
        props += "<w:vMerge/>"
    if merge == "continue" or not lines:
        body = "<w:p/>"
    else:
        # A cell wrapped over lines: one run per line, with a line break between.
        inner = '<w:r><w:br/></w:r>'.join(runs(l) for l in lines)
        body = f"<w:p>{inner}</w:p>"
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{body}</w:tc>"


def docx_table(rows):
    grid = layout_table(rows)
    width = sum(span for _, span, _ in grid[0])
    cols = "".join('<w:gridCol w:w="1500"/>' for _ in range(width))
    trs = "".join(
        "<w:tr>" + "".join(docx_cell(*cell) for cell in row) + "</w:tr>" for row in grid
    )
    return (
        '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
        f"</w:tblPr><w:tblGrid>{cols}</w:tblGrid>{trs}</w:tbl>"
    )


def write_docx(path, stem, items):
    title = meta_of(stem, items)[0]
    body = []
    for b in blocks(items):
        if b[0] == "para":
            body.append(docx_para(b[1], center=b[1] == title))
        else:
            body.append(docx_table(b[1]))
            # Word needs a paragraph between two tables, or it joins them.
            body.append("<w:p/>")
    sect = '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>'
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W_NS}"><w:body>{"".join(body)}{sect}</w:body></w:document>'
    )
    write_zip(
        path,
        [
            ("[Content_Types].xml", CONTENT_TYPES),
            ("_rels/.rels", RELS),
            ("word/document.xml", document),
        ],
    )


def write_zip(path, files):
    with zipfile.ZipFile(path, "w") as z:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=(2021, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data.encode("utf-8"))


# --- .html ------------------------------------------------------------------------------


def h(s):
    """Escapes text; no-break spaces as &nbsp;, as pages write them."""
    return html.escape(s, quote=False).replace("\u00a0", "&nbsp;")


def html_table(rows):
    grid = layout_table(rows)
    # Merged cells: a restart cell spans the rows its continuations cover.
    out = ['<table class="MsoNormalTable" border="1" cellspacing="0" cellpadding="0">', "<tbody>"]
    # Rows each column's restart cell spans.
    spans = {}
    for r, row in enumerate(grid):
        c = 0
        for lines, span, merge in row:
            if merge == "restart":
                n = 1
                while r + n < len(grid):
                    below = column_cell(grid[r + n], c)
                    if below is None or below[2] != "continue":
                        break
                    n += 1
                spans[(r, c)] = n
            c += span
    for r, row in enumerate(grid):
        tds = []
        c = 0
        for lines, span, merge in row:
            if merge != "continue":
                attrs = ""
                if span > 1:
                    attrs += f' colspan="{span}"'
                if spans.get((r, c), 1) > 1:
                    attrs += f' rowspan="{spans[(r, c)]}"'
                tag = "th" if is_header([l for l, _, _ in row]) else "td"
                text = "<br>".join(h(l) for l in lines)
                tds.append(f'<{tag}{attrs} valign="center"><p align="left">{text}</p></{tag}>')
            c += span
        out.append("<tr>" + "".join(tds) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def column_cell(row, col):
    c = 0
    for cell in row:
        if c == col:
            return cell
        c += cell[1]
    return None


def write_html(path, stem, items):
    title, issuer, number, (y, m, d) = meta_of(stem, items)
    site = issuer.replace("办公室", "").replace("办公厅", "").replace("政务公开", "人民政府")
    charset = CHARSETS.get(stem, "utf-8")
    content = []
    for b in blocks(items):
        if b[0] == "para":
            content.append(f'<p style="text-indent:2em;">{h(b[1])}</p>')
        else:
            content.append(html_table(b[1]))
    page = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}" />
<title>{h(title)}_{h(site)}</title>
<meta name="SiteName" content="{h(site)}" />
<meta name="ColumnName" content="政策文件" />
<meta name="ArticleTitle" content="{h(title)}" />
<meta name="PubDate" content="{y}-{int(m):02d}-{int(d):02d} 16:30" />
<link rel="stylesheet" href="/css/style.css" />
<style type="text/css">.article p {{ line-height: 2; }} td > p {{ margin: 0; }}</style>
<script type="text/javascript">var _hmt = _hmt || []; document.write("<div>统计代码 1号</div>");</script>
</head>
<body>
<header><div class="logo"><h1>{h(site)}</h1></div><div class="search"><form><input name="q" value="请输入关键字" /><button>搜索</button></form></div></header>
<div class="main-nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>
<nav class="crumbs">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 政策文件</nav>
<table class="layout" width="1000" border="0" cellspacing="0" cellpadding="0" align="center">
<tr>
<td id="leftMenu" width="200" valign="top"><ul><li><a href="#">政策文件</a></li><li><a href="#">政策解读</a></li><li><a href="#">规划计划</a></li></ul></td>
<td width="800" valign="top">
<div class="info-box">
<table class="xxgk" width="100%" border="1">
<tr><td>索&nbsp;引&nbsp;号：</td><td>000014349/{y}-00{int(d) + 100}</td><td>发布机构：</td><td>{h(issuer)}</td></tr>
<tr><td>发文字号：</td><td>{h(number)}</td><td>成文日期：</td><td>{y}-{int(m):02d}-{int(d):02d}</td></tr>
</table>
</div>
<div class="article">
<h2 class="title">{h(title)}</h2>
<div class="article-info" style="display:none">来源：{h(issuer)} 浏览次数：<span id="hits">1234</span></div>
<div class="TRS_Editor">
{chr(10).join(content)}
</div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
</div>
</td>
</tr>
</table>
<div id="footer"><p>主办：{h(issuer)} 版权所有</p><p>网站标识码 5100000001 蜀ICP备05003304号</p></div>
<footer><a href="/sitemap/">网站地图</a> | <a href="/contact/">联系我们</a></footer>
<script type="text/javascript">console.log("<table><tr><td>序号</td><td>责任单位</td></tr></table>");</script>
</body>
</html>
"""
    path.write_bytes(page.encode("gbk" if charset == "gb2312" else "utf-8"))


NO_TASKS_PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>我市召开政务公开工作推进会_某某市人民政府</title>
<meta name="ArticleTitle" content="我市召开政务公开工作推进会"><meta name="PubDate" content="2021-07-02 09:12"></head>
<body><nav class="topnav"><a href="/">首页</a><a href="/zwgk/">政务公开</a></nav>
<div class="content"><h1>我市召开政务公开工作推进会</h1>
<p>　　7月1日，市政府办公室召开全市政务公开工作推进会，总结上半年工作，部署下一阶段任务。</p>
<p>　　会议要求，各地各部门要提高认识，压实责任，确保各项工作落到实处。</p>
<table class="photo"><tr><td><img src="/img/1.jpg" alt="会议现场"></td></tr><tr><td>会议现场</td></tr></table>
</div><div class="footer">版权所有 某某市人民政府办公室</div></body></html>
"""


def main():
    for stem in NOTICES:
        items = read_items(stem)
        write_docx(HERE / f"{stem}.docx", stem, items)
        write_html(HERE / f"{stem}.html", stem, items)
    write_zip(
        HERE / "not-word.zip",
        [
            ("[Content_Types].xml", CONTENT_TYPES),
            ("xl/workbook.xml", '<?xml version="1.0"?><workbook/>'),
        ],
    )
    (HERE / "no-tasks.html").write_text(NO_TASKS_PAGE, encoding="utf-8")


if __name__ == "__main__":
    main()
