#!/usr/bin/env python3
"""Builds the PDF fixtures of tests/data/pdf from the corpus text files.

Run from anywhere with Python 3 (standard library only) and headless Chromium with the
Noto CJK fonts (Debian: chromium, fonts-noto-cjk):

    python3 tests/data/pdf/make_pdfs.py

The PDFs are committed: the tests read them and never run this script.

Each corpus notice is read the way tests/data/docs/generate.py reads its text layout
(tab rows, pipe rows, one cell per line, numbered prose), written as an HTML page and
printed by Chromium (`--print-to-pdf`) on A4, as a notice is printed to PDF for a
government site:

- paragraphs as `<p>` with a two-character first-line indent, wrapped by the browser
  wherever the line is full (mid-sentence, mid-number where a number is long);
- each text table as a `<table>` with ruled borders: the section columns narrow (so a
  section title wraps every three or four characters), empty cells under a filled one
  merged into it (`rowspan`), the header row in `<thead>` (Chromium repeats it at the
  top of every page the table continues on), rows allowed to break across pages (so a
  long cell continues on the next page);
- a running header (the notice's title) and a page number (`— 3 —`) on every page, in
  the page margins (`@page` margin boxes).

It also writes the error fixtures:

- scan.pdf: a page that holds only an image of text (a "scanned" notice): the page is
  rendered to PNG by Chromium, then an HTML page holding only that `<img>` is printed;
- encrypted.pdf: lezhi-county-2021.pdf encrypted with a user password (RC4, 128 bits,
  standard security handler revision 3, written here: no PDF library is needed);
- truncated.pdf: the first 40% of anhui-province-2022.pdf.

And, beside them:

- all-notices.pdf: the five notices one after another in one document (32 pages), for
  the benchmark of a long PDF (benches/pipeline.rs);
- type0.pdf: a one-page PDF written here by hand, with what Chromium's fonts do not
  show: a Type0 font with Identity-H two-byte codes, a `/W` widths array and a
  ToUnicode CMap with bfchar and bfrange entries, TJ kerning, and an `/ActualText`
  span standing in for a compatibility character (U+2F2F, a Kangxi radical, for 工).
"""

import hashlib
import html
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT / "tests/data/docs"))
import generate as g  # noqa: E402

# Notice → how its text is laid out.
NOTICES = {
    "anhui-province-2022": "tab",
    "chizhou-city-2018": "pipe",
    "chizhou-city-2021": "tab",
    "jiujiang-city-2021": "prose",
    "lezhi-county-2021": "cells",
}


def pipe_items(lines):
    """Rows of `a | b | c |` lines; a row shorter than the widest is aligned to its right
    end (its leading cells are merged with the row above)."""
    items = []
    for line in lines:
        if line.count("|") >= 2:
            cells = [c.strip() for c in line.strip().split("|")]
            if cells and not cells[-1]:
                cells.pop()
            if cells and not cells[0]:
                cells = cells[1:]
            items.append(("row", [[c] if c else [] for c in cells]))
        elif line.strip():
            items.append(("para", line.strip()))
    width = max((len(it[1]) for it in items if it[0] == "row"), default=0)
    return [
        ("row", [[] for _ in range(width - len(it[1]))] + it[1]) if it[0] == "row" else it
        for it in items
    ]


def read_items(stem):
    text = (g.CORPUS / f"{stem}.txt").read_text(encoding="utf-8")
    lines = text.replace("\r\n", "\n").split("\n")
    read = {
        "tab": g.tab_items,
        "cells": g.cell_items,
        "prose": g.prose_items,
        "pipe": pipe_items,
    }[NOTICES[stem]]
    return read(lines)


def esc(s):
    return html.escape(s, quote=False)


def column_widths(rows):
    """Relative column widths from what the cells hold: numbers and section titles
    narrow, requirement text wide."""
    width = max(len(r) for r in rows)
    body = [r for r in rows if not g.is_header(r)]
    out = []
    for c in range(width):
        texts = ["".join(r[c]) for r in body if c < len(r) and r[c]]
        mean = sum(len(t) for t in texts) / len(texts) if texts else 2
        heading = texts and all(re.match(r"^[一二三四五六七八九十]+、|^[(（]", t) for t in texts)
        if mean <= 3:
            w = 3
        elif heading:
            w = 4.5
        else:
            w = min(max(mean / 3, 6), 30)
        out.append(w)
    return out


def html_table(rows):
    grid = g.layout_table(rows)
    widths = column_widths(rows)
    total = sum(widths)
    cols = "".join(f'<col style="width:{100 * w / total:.2f}%">' for w in widths)
    spans = {}
    for r, row in enumerate(grid):
        c = 0
        for lines, span, merge in row:
            if merge == "restart":
                n = 1
                while r + n < len(grid):
                    below = g.column_cell(grid[r + n], c)
                    if below is None or below[2] != "continue":
                        break
                    n += 1
                spans[(r, c)] = n
            c += span
    head, body = [], []
    for r, row in enumerate(grid):
        header = g.is_header([l for l, _, _ in row])
        tds = []
        c = 0
        for lines, span, merge in row:
            if merge != "continue":
                attrs = ""
                if span > 1:
                    attrs += f' colspan="{span}"'
                if spans.get((r, c), 1) > 1:
                    attrs += f' rowspan="{spans[(r, c)]}"'
                tag = "th" if header else "td"
                text = "<br>".join(esc(l) for l in lines)
                tds.append(f"<{tag}{attrs}>{text}</{tag}>")
            c += span
        tr = "<tr>" + "".join(tds) + "</tr>"
        # The first header row heads the table on every page; a header repeated further
        # down (the original's own page break) stays a body row.
        (head if header and r == 0 else body).append(tr)
    thead = f"<thead>{''.join(head)}</thead>" if head else ""
    return f"<table><colgroup>{cols}</colgroup>{thead}<tbody>{chr(10).join(body)}</tbody></table>"


STYLE = """
@page {
  size: A4;
  margin: 22mm 18mm 20mm 18mm;
  @top-center { content: "%(title)s"; font-size: 9pt; color: #444; }
  @bottom-center { content: "— " counter(page) " —"; font-size: 10pt; }
}
body { font-family: "Noto Serif CJK SC", serif; font-size: 12pt; line-height: 1.6; margin: 0; }
p { margin: 0; text-indent: 2em; text-align: justify; }
p.title { text-indent: 0; text-align: center; font-size: 15pt; margin: 0.6em 0; }
table { border-collapse: collapse; width: 100%%; table-layout: fixed; margin: 0.5em 0; font-size: 10.5pt; line-height: 1.45; }
td, th { border: 0.8pt solid #000; padding: 2pt 3pt; vertical-align: middle; word-break: normal; overflow-wrap: anywhere; white-space: pre-wrap; }
th { font-weight: bold; }
thead { display: table-header-group; }
tr { break-inside: auto; }
"""


def page_body(stem, items):
    title = g.meta_of(stem, items)[0]
    content = []
    for b in g.blocks(items):
        if b[0] == "para":
            cls = ' class="title"' if b[1] == title else ""
            content.append(f"<p{cls}>{esc(b[1])}</p>")
        else:
            content.append(html_table(b[1]))
    return title, content


def write_html(path, stem, items):
    title, content = page_body(stem, items)
    style = STYLE % {"title": title.replace('"', "")}
    page = (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{esc(title)}</title><style>{style}</style></head>\n<body>\n"
        + "\n".join(content)
        + "\n</body></html>\n"
    )
    path.write_text(page, encoding="utf-8")


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        exe = shutil.which(name)
        if exe:
            return exe
    sys.exit("make_pdfs.py: needs headless Chromium (Debian: apt-get install chromium fonts-noto-cjk)")


def print_pdf(exe, page, out):
    subprocess.run(
        [
            exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
            f"--print-to-pdf={out}", page.as_uri(),
        ],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )


def screenshot(exe, page, out, size="1240,1754"):
    subprocess.run(
        [
            exe, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
            f"--window-size={size}", f"--screenshot={out}", page.as_uri(),
        ],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )


def strip_dates(pdf):
    """Chromium stamps the creation time into the PDF; a fixed one keeps the fixtures
    the same when they are made again."""
    return re.sub(rb"/(CreationDate|ModDate) \(D:[^)]*\)", lambda m: b"/" + m.group(1) + b" (D:20210101000000+00'00')", pdf)


# --- encryption (standard security handler, RC4 128 bits, revision 3) ------------------

PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def rc4(key, data):
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for b in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(b ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def encrypt(pdf, user_pw, owner_pw):
    """Encrypts every stream of `pdf` (strings are left alone: Chromium writes its text as
    content streams; metadata strings stay readable) and adds the /Encrypt dictionary.
    The result is only as correct as a fixture needs: readers see an encrypted file whose
    user password is not empty."""
    file_id = hashlib.md5(pdf[:1024]).digest()
    pad = lambda pw: (pw.encode("latin-1") + PAD)[:32]
    # Owner key (algorithm 3).
    h = hashlib.md5(pad(owner_pw)).digest()
    for _ in range(50):
        h = hashlib.md5(h).digest()
    o = rc4(h, pad(user_pw))
    for i in range(1, 20):
        o = rc4(bytes(b ^ i for b in h), o)
    perms = -4
    # File key (algorithm 2).
    key = hashlib.md5(pad(user_pw) + o + perms.to_bytes(4, "little", signed=True) + file_id).digest()
    for _ in range(50):
        key = hashlib.md5(key).digest()
    # User entry (algorithm 5).
    u = rc4(key, hashlib.md5(PAD + file_id).digest())
    for i in range(1, 20):
        u = rc4(bytes(b ^ i for b in key), u)
    u += b"\0" * 16

    out = bytearray()
    pos = 0
    offsets = {}
    obj_re = re.compile(rb"(\d+) (\d+) obj\b")
    for m in obj_re.finditer(pdf):
        start = m.start()
        if start < pos:
            continue
        end = pdf.find(b"endobj", start)
        if end < 0:
            break
        out += pdf[pos:start]
        num, gen = int(m.group(1)), int(m.group(2))
        body = pdf[start:end]
        s = body.find(b"stream")
        if s >= 0 and b"endstream" in body:
            data_start = s + len(b"stream")
            if body[data_start:data_start + 2] == b"\r\n":
                data_start += 2
            else:
                data_start += 1
            data_end = body.rfind(b"endstream")
            data = body[data_start:data_end]
            if data.endswith(b"\r\n"):
                data = data[:-2]
            elif data.endswith(b"\n"):
                data = data[:-1]
            okey = hashlib.md5(key + num.to_bytes(3, "little") + gen.to_bytes(2, "little")).digest()[:16]
            enc = rc4(okey, data)
            head = re.sub(rb"/Length \d+", b"/Length %d" % len(enc), body[:s])
            body = head + b"stream\n" + enc + b"\nendstream\n"
        offsets[num] = len(out)
        out += body
        pos = end
    out += pdf[pos:]
    # A fresh cross-reference table and trailer with /Encrypt at the end.
    size = max(offsets) + 2
    enc_num = size - 1
    offsets[enc_num] = len(out)
    out += (
        f"{enc_num} 0 obj\n<< /Filter /Standard /V 2 /R 3 /Length 128 /P {perms} "
        f"/O <{o.hex()}> /U <{u.hex()}> >>\nendobj\n"
    ).encode()
    root = re.search(rb"/Root (\d+ \d+ R)", pdf).group(1)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (size)
    for n in range(1, size):
        if n in offsets:
            out += b"%010d 00000 n \n" % offsets[n]
        else:
            out += b"0000000000 65535 f \n"
    out += (
        b"trailer\n<< /Size %d /Root %s /Encrypt %d 0 R /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n"
        % (size, root, enc_num, file_id.hex().encode(), file_id.hex().encode(), xref)
    )
    return bytes(out)


def write_all_html(path):
    parts = []
    for stem in NOTICES:
        _, content = page_body(stem, read_items(stem))
        parts.append('<div style="break-before: page">' + "\n".join(content) + "</div>")
    style = STYLE % {"title": "政务公开重点工作任务"}
    path.write_text(
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>notices</title><style>{style}</style></head>\n<body>\n"
        + "\n".join(parts) + "\n</body></html>\n",
        encoding="utf-8",
    )


def type0_pdf():
    """A hand-written PDF with a Type0 Identity-H font (see the module docs): a ruled
    two-cell table row, `1` and `政敀`, and a paragraph `工` given by ActualText."""
    content = b"""q 0 0 0 rg
50 700 300 0.8 re f 50 650 300 0.8 re f 50 650 0.8 50 re f 150 650 0.8 50 re f 350 650 0.8 50 re f
BT /F1 12 Tf 1 0 0 1 60 670 Tm <0001> Tj 100 0 Td [<0002> -200 <0003>] TJ ET
/Span <</ActualText <FEFF5DE5>>> BDC BT /F1 12 Tf 60 600 Td <0004> Tj ET EMC Q"""
    cmap = b"""/CIDInit /ProcSet findresource begin 12 dict begin begincmap
1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfchar <0001> <0031> <0004> <2F2F> endbfchar
1 beginbfrange <0002> <0003> <653F> endbfrange
endcmap end end"""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /DW 1000 /W [1 [500] 2 3 1000] /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>",
        b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


SCAN_TEXT = """<!DOCTYPE html><html><head><meta charset="utf-8"><style>
body { font-family: "Noto Serif CJK SC", serif; font-size: 28px; line-height: 1.8; margin: 80px; }
p { text-indent: 2em; margin: 0; }</style></head><body>
<p style="text-align:center;font-size:40px">2021年政务公开重点工作任务</p>
<p>（一）做好规划公开。主动公开本地区国民经济和社会发展规划纲要、国土空间规划、专项规划和区域规划。（县发改局牵头）</p>
<p>（二）做好财政信息公开。推进部门所属单位预算、决算及相关报表公开。（县财政局负责）</p>
</body></html>
"""


def main():
    exe = chromium()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for stem in NOTICES:
            items = read_items(stem)
            page = tmp / f"{stem}.html"
            write_html(page, stem, items)
            out = tmp / f"{stem}.pdf"
            print_pdf(exe, page, out)
            (HERE / f"{stem}.pdf").write_bytes(strip_dates(out.read_bytes()))
        page = tmp / "all-notices.html"
        write_all_html(page)
        out = tmp / "all-notices.pdf"
        print_pdf(exe, page, out)
        (HERE / "all-notices.pdf").write_bytes(strip_dates(out.read_bytes()))
        # A scanned notice: an image of text, no text layer.
        text_page = tmp / "scan-text.html"
        text_page.write_text(SCAN_TEXT, encoding="utf-8")
        png = tmp / "scan.png"
        screenshot(exe, text_page, png)
        img_page = tmp / "scan.html"
        img_page.write_text(
            '<!DOCTYPE html><html><head><style>@page { size: A4; margin: 0; } body { margin: 0; }'
            ' img { width: 210mm; }</style></head><body><img src="scan.png"></body></html>',
            encoding="utf-8",
        )
        out = tmp / "scan.pdf"
        print_pdf(exe, img_page, out)
        (HERE / "scan.pdf").write_bytes(strip_dates(out.read_bytes()))
    (HERE / "type0.pdf").write_bytes(type0_pdf())
    lezhi = (HERE / "lezhi-county-2021.pdf").read_bytes()
    (HERE / "encrypted.pdf").write_bytes(encrypt(lezhi, "secret", "owner"))
    anhui = (HERE / "anhui-province-2022.pdf").read_bytes()
    (HERE / "truncated.pdf").write_bytes(anhui[: len(anhui) * 2 // 5])


if __name__ == "__main__":
    main()
