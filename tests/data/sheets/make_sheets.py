#!/usr/bin/env python3
"""Builds the workbook fixtures of tests/data/sheets from the corpus text files.

    pip install openpyxl xlwt odfpy
    python3 tests/data/sheets/make_sheets.py

The fixtures are committed; the tests need none of these packages. Each table-layout
notice of the corpus becomes what its attachment looks like when a government office
sends it as a spreadsheet:

- a title row (the table's title, merged across the table's width) and a note row
  (填报说明) above the header row;
- the header row of the original, or, for a notice whose text has none (chizhou 2018,
  pipe rows), the header such a table carries; repeated headers (one per printed page in
  the original) appear once;
- the task rows as in the text, each cell a cell, a cell wrapped over several lines in
  the text with line breaks inside the cell. Cells left empty under a filled cell
  (a section or task name spanning its rows) are merged with it, as in the original; a
  deadline shared by consecutive tasks is one merged cell over their rows; an empty
  header cell after a filled one is part of it (merged across);
- task numbers stored as numbers (floats: 1.0), not text.

NAME.xlsx is made for every table notice (openpyxl); one notice is also written as .xls
(BIFF8, xlwt) and one as .ods (odfpy). The prose notice (jiujiang 2021, a 工作要点 of
numbered paragraphs) has no workbook: such a notice is not sent as a spreadsheet.

The fixtures must parse to the same tasks as the text they were made from; the tests in
tests/e2e/sheets.rs check that field by field.
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "docs"))
import generate as g  # noqa: E402  (the text readers of the .docx/.html fixtures)

# Notice → how its text is laid out.
NOTICES = {
    "anhui-province-2022": "tab",
    "chizhou-city-2021": "tab",
    "lezhi-county-2021": "cells",
    "chizhou-city-2018": "pipe",
}
XLS = ["lezhi-county-2021"]
ODS = ["anhui-province-2022"]
NOTE = "填报说明：请各责任单位对照任务逐项落实，每季度末报送进展情况。"
# The header of a table whose text carries none (its columns, left to right).
PIPE_HEADER = ["工作任务", "", "序号", "具体内容", "责任单位", "完成时限"]


def pipe_items(lines):
    """Pipe rows (`a | b | c |`): each row a list of cells, leading cells missing where
    the original merged them; rows are aligned to the right end of the widest."""
    rows = []
    for line in lines:
        if "|" not in line:
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        rows.append(cells)
    width = max(len(r) for r in rows)
    items = [("row", [[c] if c else [] for c in PIPE_HEADER])]
    for r in rows:
        r = [""] * (width - len(r)) + r
        items.append(("row", [[c] if c else [] for c in r]))
    return items


def tables_of(stem):
    text = (g.CORPUS / f"{stem}.txt").read_text(encoding="utf-8")
    lines = text.replace("\r\n", "\n").split("\n")
    reader = {"tab": g.tab_items, "cells": g.cell_items, "pipe": pipe_items}[NOTICES[stem]]
    items = reader(lines)
    rows = []
    header = None
    heading = []  # text lines between two tables: a section heading
    for b in g.blocks(items):
        if b[0] == "para":
            if rows:
                heading.append(b[1])
            continue
        if rows and rows[-1] is not None and len(rows) > 1:
            rows.append(None)  # a blank row between the tables of the text
        if heading:
            # A heading written vertically in the text (a few characters a line) is
            # one cell; in the sheet it is a row of its own, merged across.
            rows.append([["".join(heading)]])
            heading = []
        for r in b[1]:
            if g.is_header(r):
                if header is None:
                    header = r
                    rows.append(r)
                continue
            rows.append(r)
    if rows and rows[-1] is None:
        rows.pop()
    return rows


def is_deadline_col(header, c):
    name = "".join(header[c]) if c < len(header) else ""
    return "时限" in name or "时间" in name


def grid_of(stem):
    """(cells, merges, numeric): cells[r][c] text; merges (r1, c1, r2, c2) inclusive;
    numeric[(r, c)] where the cell holds a task number."""
    rows = tables_of(stem)
    width = max(len(r) for r in rows if r is not None)
    blank = {i for i, r in enumerate(rows) if r is None}
    rows = [[[] for _ in range(width)] if r is None else r + [[] for _ in range(width - len(r))] for r in rows]
    header = rows[0]
    # Title and note rows above the table.
    title = g.meta_of(stem, [("para", "")])[0]
    cells = [[title] + [""] * (width - 1), [NOTE] + [""] * (width - 1)]
    merges = [(0, 0, 0, width - 1), (1, 0, 1, width - 1)]
    top = len(cells)
    numeric = set()
    for r, row in enumerate(rows):
        cells.append(["\n".join(c) for c in row])
    # Vertical merges: empty cells under a filled one (not in the header).
    n = len(rows)
    for c in range(width):
        r = 1
        while r < n:
            if rows[r][c] and not is_deadline_col(header, c):
                end = r
                while end + 1 < n and end + 1 not in blank and not rows[end + 1][c]:
                    end += 1
                if end > r:
                    merges.append((top + r, c, top + end, c))
                r = end + 1
            else:
                r += 1
    # Deadlines shared by consecutive rows: one merged cell.
    for c in range(width):
        if not is_deadline_col(header, c):
            continue
        r = 1
        while r < n:
            if rows[r][c]:
                end = r
                while end + 1 < n and rows[end + 1][c] == rows[r][c]:
                    end += 1
                for k in range(r + 1, end + 1):
                    cells[top + k][c] = ""
                if end > r:
                    merges.append((top + r, c, top + end, c))
                r = end + 1
            else:
                r += 1
    # Header: an empty cell after a filled one is part of it.
    c = 0
    while c < width:
        if header[c]:
            end = c
            while end + 1 < width and not header[end + 1]:
                end += 1
            if end > c:
                merges.append((top, c, top, end))
            c = end + 1
        else:
            c += 1
    for r in range(1, n):
        for c in range(width):
            t = cells[top + r][c]
            if t.isdigit() and len(t) <= 3:
                numeric.add((top + r, c))
    return cells, merges, numeric


def write_xlsx(path, grid):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment

    cells, merges, numeric = grid
    wb = Workbook()
    wb.active.title = "说明"
    wb.active["A1"] = "本工作簿第二页为任务分工表。"
    ws = wb.create_sheet("任务分工")
    for r, row in enumerate(cells):
        for c, t in enumerate(row):
            if not t:
                continue
            cell = ws.cell(row=r + 1, column=c + 1)
            cell.value = float(t) if (r, c) in numeric else t
            cell.alignment = Alignment(wrap_text=True, vertical="center")
    for r1, c1, r2, c2 in merges:
        ws.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)
    wb.properties.creator = "policydiff fixtures"
    wb.properties.created = wb.properties.modified = __import__("datetime").datetime(2021, 1, 1)
    wb.save(path)


def write_xls(path, grid):
    import xlwt

    cells, merges, numeric = grid
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("任务分工")
    style = xlwt.easyxf("alignment: wrap on, vert centre")
    merged = {}
    for r1, c1, r2, c2 in merges:
        merged[(r1, c1)] = (r2, c2)
    covered = set()
    for (r1, c1), (r2, c2) in merged.items():
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                if (r, c) != (r1, c1):
                    covered.add((r, c))
    for r, row in enumerate(cells):
        for c, t in enumerate(row):
            if (r, c) in covered:
                continue
            value = float(t) if (r, c) in numeric else t
            if (r, c) in merged:
                r2, c2 = merged[(r, c)]
                ws.write_merge(r, r2, c, c2, value, style)
            elif t:
                ws.write(r, c, value, style)
    wb.save(str(path))


def write_ods(path, grid):
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import CoveredTableCell, Table, TableCell, TableRow
    from odf.text import LineBreak, P

    cells, merges, numeric = grid
    doc = OpenDocumentSpreadsheet()
    table = Table(name="任务分工")
    merged = {(r1, c1): (r2, c2) for r1, c1, r2, c2 in merges}
    covered = set()
    for (r1, c1), (r2, c2) in merged.items():
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                if (r, c) != (r1, c1):
                    covered.add((r, c))
    for r, row in enumerate(cells):
        tr = TableRow()
        for c, t in enumerate(row):
            if (r, c) in covered:
                tr.addElement(CoveredTableCell())
                continue
            attrs = {}
            if (r, c) in merged:
                r2, c2 = merged[(r, c)]
                attrs = {"numberrowsspanned": r2 - r + 1, "numbercolumnsspanned": c2 - c + 1}
            if (r, c) in numeric:
                cell = TableCell(valuetype="float", value=t, **attrs)
            elif t:
                cell = TableCell(valuetype="string", **attrs)
            else:
                cell = TableCell(**attrs)
            if t:
                p = P()
                for i, line in enumerate(t.split("\n")):
                    if i:
                        p.addElement(LineBreak())
                    p.addText(line)
                cell.addElement(p)
            tr.addElement(cell)
        table.addElement(tr)
    doc.spreadsheet.addElement(table)
    doc.save(str(path))


def write_bomb(path):
    """An .xlsx of 300 KB whose worksheet unpacks to 300 MiB (for the limit test)."""
    import zipfile

    rels = '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    types = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'
    book = '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'
    book_rels = '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
    sheet = '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>序号</t></is></c></row>'
    sheet = sheet.encode() + b" " * (300 * 1024 * 1024) + b"</sheetData></worksheet>"
    parts = [("_rels/.rels", rels), ("[Content_Types].xml", types), ("xl/workbook.xml", book),
             ("xl/_rels/workbook.xml.rels", book_rels), ("xl/worksheets/sheet1.xml", sheet)]
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=(2021, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data if isinstance(data, bytes) else data.encode())


def main():
    write_bomb(HERE / "bomb.xlsx")
    for stem in NOTICES:
        grid = grid_of(stem)
        write_xlsx(HERE / f"{stem}.xlsx", grid)
        if stem in XLS:
            write_xls(HERE / f"{stem}.xls", grid)
        if stem in ODS:
            write_ods(HERE / f"{stem}.ods", grid)


if __name__ == "__main__":
    main()
