"""Grids (rows of cells with column spans and vertical merges) built from logical tables, and the
renderers of the grid families: pipe, markdown, tab and box drawing.

Every renderer returns a list of lines.Line; value cells are attached to the line their text
stands on (for a blank cell, the line of its row).
"""

from dataclasses import dataclass, field

import forms
from lines import Line, dw, pad, wrap


@dataclass
class GCell:
    text: str = ""
    span: int = 1
    cell: object = None  # values.Cell of a value cell
    vcont: bool = False  # continues the merged cell above (box draws no border between)
    role: str = "label"  # label | unit | value | header


@dataclass
class GRow:
    cells: list
    kind: str = "data"  # header | data | group | title
    group: int = 0  # rows of one group share a number (box separators between groups)

    def width(self):
        return sum(c.span for c in self.cells)


def vals(cells):
    return [GCell(c.text, cell=c, role="value") for c in cells]


# ---- label columns ----------------------------------------------------------------------------


def label_chain(row):
    """The row's labels from the outermost group to itself."""
    chain = []
    if row.outer is not None and row.outer_is_group:
        chain.append(row.outer)
    if row.mid is not None:
        chain.append(row.mid)
    if not (row.is_group and chain and chain[-1] == row.label):
        chain.append(row.label)
    return chain


def label_cells(row, k, k2mode):
    """k label cells for a row; a label that has no outer columns spans them. Returns (cells,
    represented) where represented says whether a group row is already shown by its column."""
    chain = label_chain(row)
    if k == 1:
        return [GCell(row.label)], False
    if k == 2:
        if k2mode == "outer":
            outer = chain[0] if len(chain) > 1 and row.outer_is_group else None
            if row.is_group and row.level == 1:
                return [GCell(row.label, 2)], True
        else:  # inner: the group right above the row
            outer = chain[-2] if len(chain) > 1 else None
            if row.is_group and row.level == 2:
                return [GCell(row.label, 2)], True
        return ([GCell(outer), GCell(row.label)] if outer else [GCell(row.label, 2)]), False
    outer = row.outer if row.outer_is_group and row.outer != row.label else None
    mid = row.mid if row.mid != row.label else None
    if row.is_group:
        return [GCell(row.label, 3)], True
    if outer and mid:
        return [GCell(outer), GCell(mid), GCell(row.label)], False
    if outer:
        return [GCell(outer), GCell(row.label, 2)], False
    return [GCell(row.label, 3)], False


def merge_vertical(rows, k, mode):
    """Label columns left of the last: a run of equal labels becomes one merged cell."""
    if mode == "repeat":
        return
    for j in range(k - 1):
        run = []
        for r in rows + [None]:
            cell = _cell_at(r, j) if r is not None and r.kind in ("data", "group") else None
            if run and (cell is None or cell.span != 1 or cell.text != run[0].text or not cell.text):
                _merge_run(run, mode)
                run = []
            if cell is not None and cell.span == 1 and cell.text and j < len(r.cells) - 1:
                run.append(cell)
        _merge_run(run, mode)


def _cell_at(row, col):
    x = 0
    for c in row.cells:
        if x == col:
            return c
        x += c.span
        if x > col:
            return None
    return None


def _merge_run(run, mode):
    if len(run) < 2:
        return
    text = run[0].text
    keep = len(run) // 2 if mode == "middle" else 0
    for i, c in enumerate(run):
        c.text = text if i == keep else ""
        c.vcont = i > 0


# ---- grids per table --------------------------------------------------------------------------


@dataclass
class GridOpts:
    label_cols: int = 1
    k2mode: str = "outer"
    unit_col: bool = True  # pre-2019
    header: str = "full"  # full | flat | cut | placeholder | wrong | none
    applicants_row: bool = True  # 表三 header: the 申请人情况 row
    note: bool = True  # 表三 header: the 勾稽关系 note in the label area
    omit_groups: bool = False
    merge: str = "empty"  # empty | repeat | middle
    t4: str = "header2"  # header2 | flat15 | rows | three
    t4_header: str = "proper"  # flat15: proper | partial | none
    group_unit: str = "——"
    header_texts: tuple = ("统计指标", "单位", "统计数")
    t4_partial_cells: int = 12
    t4_header_rows: int = 3  # header2: the block row (and the 行政诉讼 row) above the labels


def grid_2008(lt, o):
    k = o.label_cols
    ncols = k + (1 if o.unit_col else 0) + 1
    rows = []
    if o.header != "none":
        head = [GCell(o.header_texts[0], k, role="header")]
        if o.unit_col:
            head.append(GCell(o.header_texts[1], role="header"))
        head.append(GCell(o.header_texts[2], role="header"))
        rows.append(GRow(head, "header"))
    group = 0
    for row in lt.rows:
        cells, represented = label_cells(row, k, "outer")
        if row.is_group and (represented or o.omit_groups):
            continue
        if row.level == 1:
            group += 1
        unit = (o.group_unit if row.is_group else row.unit) if o.unit_col else None
        tail = ([GCell(unit, role="unit")] if o.unit_col else [])
        tail += vals(row.cells) if row.cells else [GCell("", role="value")]
        rows.append(GRow(cells + tail, "group" if row.is_group else "data", group))
    merge_vertical(rows, k, o.merge)
    assert all(r.width() == ncols for r in rows)
    return rows


T3_CUT = {"商业企业": ("商业企", "业"), "科研机构": ("科研机", "构"), "社会公益组织": ("社会公益", "组织"),
          "法律服务机构": ("法律服务", "机构")}
T3_WRONG = ("本年新收件数", "上年结转件数", "予以公开", "部分公开", "不予公开", "结转下年度", "总计")
T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def t3_header(o):
    k = o.label_cols
    labels = [lbl for _, lbl in forms.T3_COLUMNS]
    corner = T3_NOTE if o.note else "项目"
    if o.header == "none":
        return []
    if o.header == "flat":
        return [GRow([GCell("项目" if not o.note else corner, k, role="header")]
                     + [GCell(t, role="header") for t in labels], "header")]
    if o.header == "placeholder":
        names = ["类别"] + [f"数据{i}" for i in range(1, 7)] + ["总计"]
        return [GRow([GCell(names[0], k, role="header")] + [GCell(t, role="header") for t in names[1:]],
                     "header")]
    if o.header == "wrong":
        return [GRow([GCell("项目", k, role="header")] + [GCell(t, role="header") for t in T3_WRONG],
                     "header")]
    if o.header == "cut":
        first = [T3_CUT.get(t, (t, ""))[0] for t in labels]
        second = [T3_CUT.get(t, (t, ""))[1] for t in labels]
        return [GRow([GCell("项目", k, role="header")] + [GCell(t, role="header") for t in first], "header"),
                GRow([GCell("", k, role="header", vcont=True)]
                     + [GCell(t, role="header", vcont=not t) for t in second], "header")]
    rows = []
    if o.applicants_row:
        rows.append(GRow([GCell(corner, k, role="header"), GCell("申请人情况", 7, role="header")], "header"))
    cont = bool(rows)
    rows.append(GRow([GCell("" if cont else corner, k, role="header", vcont=cont),
                      GCell("自然人", role="header"), GCell("法人或其他组织", 5, role="header"),
                      GCell("总计", role="header")], "header"))
    rows.append(GRow([GCell("", k, role="header", vcont=True), GCell("", role="header", vcont=True)]
                     + [GCell(t, role="header") for t in labels[1:6]]
                     + [GCell("", role="header", vcont=True)], "header"))
    return rows


def t3_body(rows_in, o, with_groups=True):
    k = o.label_cols
    rows = []
    group = 0
    for row in rows_in:
        cells, represented = label_cells(row, k, o.k2mode)
        if row.is_group and (represented or o.omit_groups or not with_groups):
            continue
        if row.level == 1 or row.mid is None:
            group += 1
        tail = vals(row.cells) if row.cells else [GCell("", role="value") for _ in range(7)]
        rows.append(GRow(cells + tail, "group" if row.is_group else "data", group))
    merge_vertical(rows, k, o.merge)
    return rows


def grid_t3(lt, o):
    return t3_header(o) + t3_body(lt.rows, o)


def grid_t2_one(items):
    """表二 as one grid: each item's title row, its header and its rows; short rows span."""
    width = max(len(t.header) for t in items)
    rows = []
    for g, t in enumerate(items):
        rows.append(GRow([GCell(t.title, width, role="header")], "title", g))
        rows.append(GRow(_spread([GCell(h, role="header") for h in t.header], width), "header", g))
        for r in t.rows:
            rows.append(GRow(_spread([GCell(r.label)] + vals(r.cells), width), "data", g))
    return rows


def grid_t2_item(t):
    return [GRow([GCell(h, role="header") for h in t.header], "header")] + \
        [GRow([GCell(r.label)] + vals(r.cells), "data") for r in t.rows]


def _spread(cells, width):
    """Widen the last cell so the row fills `width` columns."""
    extra = width - sum(c.span for c in cells)
    if extra > 0:
        cells[-1].span += extra
    return cells


T4_PARTIAL = ("维持", "纠正", "结果", "审结", "结果", "结果", "其他", "尚未", "结果", "结果", "其他", "尚未")


def t4_header(o):
    cols = [lbl for _, lbl in forms.T4_COLUMNS]
    if o.t4_header_rows == 2:
        return [GRow([GCell(lbl, 5, role="header") for _, lbl in forms.T4_BLOCKS], "header"),
                GRow([GCell(t, role="header") for t in cols * 3], "header")]
    return [
        GRow([GCell("行政复议", 5, role="header"), GCell("行政诉讼", 10, role="header")], "header"),
        GRow([GCell(t, role="header") for t in cols]
             + [GCell("未经复议直接起诉", 5, role="header"), GCell("复议后起诉", 5, role="header")], "header"),
        GRow([GCell("", role="header", vcont=True) for _ in cols]
             + [GCell(t, role="header") for t in cols * 2], "header"),
    ]


def grid_t4(blocks, o):
    """表四 in one grid (modes header2, flat15, rows); mode three is built per block."""
    data = [c for _, cells in blocks for c in cells]
    if o.t4 == "rows":
        head = GRow([GCell("项目", role="header")] +
                    [GCell(lbl, role="header") for _, lbl in forms.T4_COLUMNS], "header")
        return [head] + [GRow([GCell(forms.T4_ROW_LABELS[b])] + vals(cells), "data", i)
                         for i, ((b, _), (_, cells)) in enumerate(zip(forms.T4_BLOCKS, blocks))]
    if o.t4 == "flat15" and o.t4_header == "partial":
        head = [GRow([GCell(t, role="header") for t in T4_PARTIAL[:o.t4_partial_cells]], "header")]
    elif o.t4 == "flat15" and o.t4_header == "none":
        head = []
    else:
        head = t4_header(o)
    return head + [GRow(vals(data), "data", 1)]


def grid_t4_block(label, cells):
    return [GRow([GCell(lbl, role="header") for _, lbl in forms.T4_COLUMNS], "header"),
            GRow(vals(cells), "data")]


# ---- renderers --------------------------------------------------------------------------------


@dataclass
class RenderOpts:
    outer_pipes: bool = True  # pipe: '| a | b |' or 'a | b |'
    trailing_pipe: bool = True  # pipe without outer pipes: 'a | b |' or 'a | b'
    spans: str = "pad"  # pad | ragged | repeat: how a spanning cell prints in pipe/markdown/tab
    sep_after: int = 1  # markdown: the |---| line after this many rows (0: after the last header)
    box: str = "single"  # single | double
    box_rules: str = "all"  # all | groups
    wrap: int = 0  # box: wrap labels at this display width (0: never)
    valign: str = "top"  # box: where single-line cells sit in a taller row
    cell_pad: int = 1
    tab_trailing: bool = False
    compact: bool = False  # pipe: 'a|b|' without spaces
    extra: dict = field(default_factory=dict)


def _texts(row, spans):
    """Cell texts of a row for the delimiter families, with their value cells."""
    out = []
    for c in row.cells:
        if c.span == 1 or spans == "ragged":
            out.append((c.text, c.cell))
        elif spans == "repeat" and c.role == "header" and c.text:
            out += [(c.text, c.cell)] * c.span
        else:
            out += [(c.text, c.cell)] + [("", None)] * (c.span - 1)
    return out


def _attach(line, row):
    line.cells += [c.cell for c in row.cells if c.cell is not None]
    return line


def render_pipe(rows, ro):
    out = []
    sep = "|" if ro.compact else " | "
    for row in rows:
        texts = [t for t, _ in _texts(row, ro.spans)]
        if ro.outer_pipes:
            text = ("|" if ro.compact else "| ") + sep.join(texts) + ("|" if ro.compact else " |")
        else:
            text = sep.join(texts) + (sep.rstrip() if ro.trailing_pipe else "")
        out.append(_attach(Line(text.rstrip() if not ro.trailing_pipe else text), row))
    return out


def render_markdown(rows, ro, header_rows):
    out = []
    after = header_rows if ro.sep_after == 0 else ro.sep_after
    after = max(after, 1)
    for i, row in enumerate(rows):
        texts = [t for t, _ in _texts(row, ro.spans)]
        out.append(_attach(Line("| " + " | ".join(texts) + " |"), row))
        if i + 1 == after:
            out.append(Line("|" + "|".join("---" for _ in texts) + "|"))
    if len(rows) < after:  # a table of header rows only still gets its separator
        out.append(Line("|" + "|".join("---" for _ in _texts(rows[-1], ro.spans)) + "|"))
    return out


def render_tab(rows, ro):
    out = []
    for row in rows:
        texts = [t for t, _ in _texts(row, ro.spans)]
        text = "\t".join(texts)
        if not ro.tab_trailing:
            text = text.rstrip("\t")
        out.append(_attach(Line(text), row))
    return out


# ---- box drawing ------------------------------------------------------------------------------

# (up, down, left, right) -> junction character
_JUNCTIONS = {
    "single": {(0, 1, 0, 1): "┌", (0, 1, 1, 0): "┐", (1, 0, 0, 1): "└", (1, 0, 1, 0): "┘",
               (1, 1, 0, 1): "├", (1, 1, 1, 0): "┤", (0, 1, 1, 1): "┬", (1, 0, 1, 1): "┴",
               (1, 1, 1, 1): "┼", (1, 1, 0, 0): "│", (0, 0, 1, 1): "─", (1, 0, 0, 0): "│",
               (0, 1, 0, 0): "│", (0, 0, 1, 0): "─", (0, 0, 0, 1): "─", (0, 0, 0, 0): " "},
    "double": {(0, 1, 0, 1): "╔", (0, 1, 1, 0): "╗", (1, 0, 0, 1): "╚", (1, 0, 1, 0): "╝",
               (1, 1, 0, 1): "╠", (1, 1, 1, 0): "╣", (0, 1, 1, 1): "╦", (1, 0, 1, 1): "╩",
               (1, 1, 1, 1): "╬", (1, 1, 0, 0): "║", (0, 0, 1, 1): "═", (1, 0, 0, 0): "║",
               (0, 1, 0, 0): "║", (0, 0, 1, 0): "═", (0, 0, 0, 1): "═", (0, 0, 0, 0): " "},
}


def _starts(row):
    out, x = [], 0
    for c in row.cells:
        out.append(x)
        x += c.span
    return out


def _box_widths(rows, ncols, ro, lines_of):
    widths = [1] * ncols
    for row in rows:
        for x, c in zip(_starts(row), row.cells):
            if c.span == 1:
                widths[x] = max(widths[x], max(dw(t) for t in lines_of(c)) + 2 * ro.cell_pad)
    for row in rows:  # spanning cells widen their last column when they need to
        for x, c in zip(_starts(row), row.cells):
            if c.span > 1:
                have = sum(widths[x:x + c.span]) + c.span - 1
                need = max(dw(t) for t in lines_of(c)) + 2 * ro.cell_pad
                if need > have:
                    widths[x + c.span - 1] += need - have
    return widths


def render_box(rows, ro):
    ncols = max(r.width() for r in rows)
    for r in rows:  # a row short of the grid's width widens its last cell
        r.cells[-1].span += ncols - r.width()
    chars = _JUNCTIONS[ro.box]
    horiz, vert = chars[(0, 0, 1, 1)], chars[(1, 1, 0, 0)]

    def lines_of(c):
        if c.role in ("label", "header") and ro.wrap and c.text and c.span == 1:
            return wrap(c.text, ro.wrap if c.role == "label" else max(ro.wrap // 2, 4))
        return [c.text]

    def sizing_lines_of(c):  # a slipped value resizes its column only when it does not fit
        return [c.cell.size_text] if c.cell is not None else lines_of(c)

    widths = _box_widths(rows, ncols, ro, sizing_lines_of)
    edges = [0]
    for w in widths:
        edges.append(edges[-1] + w + 1)
    out = []
    prev = None
    for i, row in enumerate(rows):
        if prev is None or ro.box_rules == "all" or row.group != prev.group or \
                row.kind != prev.kind and "header" in (row.kind, prev.kind):
            out.append(Line(_border(prev, row, ncols, widths, chars, horiz)))
        out += _content(row, widths, edges, ro, lines_of, vert)
        prev = row
    out.append(Line(_border(prev, None, ncols, widths, chars, horiz)))
    return out


def _covering(row, ncols):
    """For each grid column, the cell covering it."""
    out = []
    for c in row.cells:
        out += [c] * c.span
    return out[:ncols]


def _border(above, below, ncols, widths, chars, horiz):
    cov = _covering(below, ncols) if below else None
    has_h = [True] * ncols if cov is None else [not c.vcont for c in cov]
    up = set(_starts(above)) | {ncols} if above else set()
    down = set(_starts(below)) | {ncols} if below else set()
    text = ""
    for k in range(ncols + 1):
        left = k > 0 and has_h[k - 1]
        right = k < ncols and has_h[k]
        text += chars[(int(k in up), int(k in down), int(left), int(right))]
        if k < ncols:
            text += (horiz if has_h[k] else " ") * widths[k]
    return text


def _content(row, widths, edges, ro, lines_of, vert):
    parts = []
    height = 1
    for x, c in zip(_starts(row), row.cells):
        inner = sum(widths[x:x + c.span]) + c.span - 1
        ls = lines_of(c)
        height = max(height, len(ls))
        parts.append((c, inner, ls))
    texts = [""] * height
    where = {"top": 0, "middle": (height - 1) // 2, "bottom": height - 1}[ro.valign]
    out = [Line() for _ in range(height)]
    for c, inner, ls in parts:
        start = where if len(ls) == 1 else 0
        for h in range(height):
            t = ls[h - start] if 0 <= h - start < len(ls) else ""
            body = pad(t, inner - 2 * ro.cell_pad, "right" if c.role == "value" else "left")
            texts[h] += vert + " " * ro.cell_pad + body + " " * ro.cell_pad
        if c.cell is not None:
            out[start].cells.append(c.cell)
    for h in range(height):
        out[h].text = texts[h] + vert
    return out


def render_markdown_broken(rng, rows, ro, rate, wrap_at, batch):
    """Markdown as PDF-to-markdown tools break it (the real 上海 files): a row whose label is long
    loses it to loose lines outside the table, and its numbers become a one-row table of their
    own (`| 1 | 0 | … |` then `|---|`). With `batch`, the loose labels of consecutive such rows
    are printed together before the first of them."""
    out = []
    pending = []  # (label pieces, row) of loose rows not yet written

    def flush():
        if not pending:
            return
        out.append(Line(""))
        for pieces, _ in pending:
            out.extend(Line(p) for p in pieces)
        for _, row in pending:
            if row.kind == "group":
                continue
            texts = [c.text for c in row.cells if c.role == "value"]
            out.append(_attach(Line("| " + " | ".join(texts) + " |"), row))
            out.append(Line("|" + "|".join("---" for _ in texts) + "|"))
        pending.clear()

    header_done = False
    for row in rows:
        label = row.cells[0].text if row.cells[0].role == "label" else ""
        long_label = dw(label) > 2 * wrap_at
        loose = header_done and (row.kind == "group" or long_label and rng.random() < rate)
        if loose:
            pending.append((wrap(label, 2 * wrap_at), row))
            if not batch:
                flush()
            continue
        flush()
        texts = [t for t, _ in _texts(row, ro.spans)]
        out.append(_attach(Line("| " + " | ".join(texts) + " |"), row))
        if not header_done:
            out.append(Line("|" + "|".join("---" for _ in texts) + "|"))
            header_done = True
    flush()
    return out
