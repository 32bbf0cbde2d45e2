"""The two PDF-extraction families: 'aligned' (what pdftotext -layout writes: columns separated by
runs of spaces, wrapped labels, side labels one character per line, garbled multi-line headers)
and 'cells' (what pdftotext writes without -layout: one cell per line in reading order, labels
apart from their numbers).

Both return lists of lines.Line with value cells attached to the line their text is on. Page
footers are not made here: lines marked `brk` are where the report may end a page.
"""

from dataclasses import dataclass, field

import forms
from lines import Canvas, Line, dw, split_even, wrap


@dataclass
class ARow:
    """One row of an aligned table."""

    label: str
    x: int = 0
    values: list = field(default_factory=list)  # (value column, values.Cell)
    unit: str = None
    side_a: str = None  # key of the vertical (outer) side label this row sits beside
    side_b: str = None  # key of the group side label
    heading: bool = False  # a text-only line (a group label printed like a heading)


@dataclass
class AOpts:
    wrap: int = 30  # label wrap width in display columns (0: never)
    where: str = "first"  # first | middle | last: the label line that carries the figures
    gap_lines: int = 1  # blank lines between rows
    gap_jitter: bool = True
    value_align: str = "right"  # right | center | left
    col_gaps: tuple = (4, 8)  # spaces between value columns (min, max)
    label_gap: int = 6  # spaces between the label column and the first value column


def _value_x(right, width, text, align):
    if align == "left":
        return right - width
    if align == "center":
        return right - width + max(width - dw(text), 0) // 2
    return right - dw(text)


class Aligned:
    """Lays out ARows; `columns` are the value columns' right edges after plan()."""

    def __init__(self, rng, rows, ncols, opts, x_values=None, unit_x=None, min_widths=None):
        self.rng, self.rows, self.o = rng, rows, opts
        self.ncols = ncols
        self.min_widths = list(min_widths or [1] * ncols)
        self.lines = []  # (Canvas, [Cell], breakable)
        self.row_span = []  # (first line, last line) per row
        self.plan(x_values, unit_x)

    def plan(self, x_values, unit_x):
        o = self.o
        label_end = max((r.x + min(dw(r.label), o.wrap or 10 ** 6) for r in self.rows
                         if not r.heading), default=0)
        self.unit_x = unit_x if unit_x is not None else label_end + o.label_gap
        start = x_values if x_values is not None else \
            self.unit_x + (o.label_gap + 2 if any(r.unit is not None for r in self.rows) else 0)
        widths = list(self.min_widths)
        for r in self.rows:
            for j, c in r.values:
                widths[j] = max(widths[j], dw(c.size_text))
        self.widths = widths
        self.right = []
        x = start
        for j in range(self.ncols):
            x += (self.rng.randint(*o.col_gaps) if j else 0) + widths[j]
            self.right.append(x)

    def center(self, j):
        return self.right[j] - self.widths[j] // 2

    def build(self):
        for i, r in enumerate(self.rows):
            if i:
                gap = self.o.gap_lines
                if self.o.gap_jitter:
                    gap = max(0, gap + self.rng.choice((0, 0, 0, 1, -1)))
                for _ in range(gap):
                    self.lines.append([Canvas(), [], True])
            self._row(r)
        return self

    def _row(self, r):
        pieces = wrap(r.label, self.o.wrap) if r.label else [""]
        where = self.o.where
        if len(pieces) == 1 or where == "first":
            at = 0
        elif where == "last":
            at = len(pieces) - 1
        elif len(pieces) % 2:
            at = len(pieces) // 2
        else:  # an even number of label lines: the figures sit on a line of their own between
            at = len(pieces) // 2
            pieces = pieces[:at] + [""] + pieces[at:]
        first = len(self.lines)
        for k, piece in enumerate(pieces):
            cv = Canvas()
            if piece:
                cv.put(r.x, piece)
            cells = []
            if k == at and not r.heading:
                if r.unit is not None and r.unit:
                    cv.put(self.unit_x, r.unit)
                for j, c in r.values:
                    if c.text:
                        cv.put(_value_x(self.right[j], self.widths[j], c.text, self.o.value_align),
                               c.text)
                    cells.append(c)
            self.lines.append([cv, cells, k == 0])
        self.row_span.append((first, len(self.lines) - 1))

    def side_labels(self, key_attr, x, fragments_of):
        """Put each side label's fragments on lines spread over the span of its rows."""
        groups = []
        for i, r in enumerate(self.rows):
            key = getattr(r, key_attr)
            if key is None:
                continue
            if groups and groups[-1][0] == key and groups[-1][2] == i - 1:
                groups[-1][2] = i
            else:
                groups.append([key, i, i])
        for key, a, b in groups:
            lo, hi = self.row_span[a][0], self.row_span[b][1]
            frags = fragments_of(key)
            total = hi - lo + 1
            if len(frags) > total:
                frags = _rechunk("".join(frags), total)
            step = 2 if 2 * len(frags) - 1 <= total else 1
            start = lo + (total - (step * (len(frags) - 1) + 1)) // 2
            for n, frag in enumerate(frags):
                self.lines[start + n * step][0].put(x, frag)

    def render(self):
        out = []
        for cv, cells, brk in self.lines:
            out.append(Line(cv.render(), cells, brk))
        return out


def _rechunk(text, n):
    size = -(-len(text) // n)
    return [text[i:i + size] for i in range(0, len(text), size)]


def vertical_fragments(label):
    """三、本年度办理结果 -> 三、 本 年 度 …: one character per line, the marker kept whole."""
    head = label[:2] if label[1:2] == "、" else label[:1]
    return [head] + list(label[len(head):])


def header_lines(rng, specs, height):
    """Multi-line header text: specs are (center x, [fragments], top line) placed on `height`
    lines, each fragment centered at x; returns Lines."""
    canvases = [Canvas() for _ in range(height)]
    for cx, frags, top in specs:
        for k, frag in enumerate(frags):
            h = min(top + k, height - 1)
            canvases[h].put(max(cx - dw(frag) // 2, 0), frag)
    return [Line(cv.render()) for cv in canvases]


# ---- aligned tables per form ------------------------------------------------------------------


@dataclass
class ALayout:
    groups: str = "side"  # 表三: side | heading | mixed | omit
    header: str = "garbled"  # garbled | flat | none
    note: bool = True
    indent_levels: bool = False  # 2008: labels indented by level
    group_unit: str = "——"
    header_texts: tuple = ("统 计 指 标", "单位", "统计数")


def aligned_2008(rng, lt, ao, o):
    rows = []
    for r in lt.rows:
        x = (r.level - 1) * 2 if ao.indent_levels else 0
        if r.is_group:
            rows.append(ARow(r.label, x, [], ao.group_unit if ao.group_unit else None,
                             heading=not ao.group_unit))
        else:
            rows.append(ARow(r.label, x, [(0, r.cells[0])], r.unit))
    a = Aligned(rng, rows, 1, o, min_widths=[dw(ao.header_texts[2])]).build()
    body = a.render()
    head = []
    if ao.header != "none":
        specs = [(dw(ao.header_texts[0]) // 2 + 2, [ao.header_texts[0]], 0),
                 (a.unit_x + 1, [ao.header_texts[1]], 0), (a.center(0), [ao.header_texts[2]], 0)]
        head = header_lines(rng, specs, 1) + [Line()] * rng.randint(0, 1)
    return _finish(head, body)


def _finish(head, body):
    head = [Line(h.text) for h in head]
    for ln in body:
        if ln.brk:
            ln.repeat = head
    return head + body


def aligned_t3(rng, lt, ao, o):
    side = ao.groups in ("side", "mixed")
    rows = []
    for r in lt.rows:
        in_result = r.outer is not None and r.outer_is_group
        if r.is_group:
            if r.level == 1 and ao.groups in ("heading",):
                rows.append(ARow(r.label, 0, heading=True))
            elif r.level == 2 and ao.groups in ("heading", "mixed"):
                rows.append(ARow(r.label, 6 if side else 2, heading=True,
                                 side_a=r.outer if side else None))
            continue
        if r.level == 1:
            x = 0
        elif r.mid is None:
            x = 6 if side else 2
        else:
            x = 15 if ao.groups == "side" else (6 if side else 4)
        vals = [(j, c) for j, c in enumerate(r.cells)]
        rows.append(ARow(r.label, x, vals,
                         side_a=r.outer if side and in_result else None,
                         side_b=r.mid if ao.groups == "side" else None))
    a = Aligned(rng, rows, 7, o, min_widths=t3_header_widths(ao)).build()
    if side:
        a.side_labels("side_a", 0, vertical_fragments)
    if ao.groups == "side":
        a.side_labels("side_b", 6, lambda key: wrap(key, 8))
    body = a.render()
    return _finish(t3_aligned_header(rng, a, ao), body)


def t3_header_widths(ao):
    labels = [lbl for _, lbl in forms.T3_COLUMNS]
    if ao.header == "flat":
        return [dw(t) for t in labels]
    if ao.header == "garbled":
        return [max(dw(f) for f in (split_even(t, 2) if len(t) > 3 else [t])) for t in labels]
    return [1] * 7


def t3_aligned_header(rng, a, ao):
    if ao.header == "none":
        return []
    labels = [lbl for _, lbl in forms.T3_COLUMNS]
    if ao.header == "flat":
        specs = [(a.center(j), [t], 0) for j, t in enumerate(labels)]
        return header_lines(rng, specs, 1) + [Line()] * rng.randint(0, 2)
    height = 7
    specs = [(a.center(1) + (a.right[5] - a.right[1]) // 2, ["申请人情况"], 0),
             (a.center(1) + (a.right[5] - a.right[1]) // 2, ["法人或其他组织"], 2)]
    for j, t in enumerate(labels):
        frags = split_even(t, 2) if len(t) > 3 else [t]
        top = 3 + (rng.randint(0, 1) if len(frags) > 1 else 1) if 0 < j < 6 else 3
        if j == 5:
            top = 4
        specs.append((a.center(j), frags, top))
    if ao.note:
        specs.append((12, ["（本列数据的勾稽关系为：第一项加第二项之和，"], 2))
        specs.append((6, ["等于第三项加第四项之和）"], 3))
    lines = header_lines(rng, specs, height)
    return _spread_blank(rng, lines)


def _spread_blank(rng, lines):
    out = []
    for ln in lines:
        out.append(ln)
        if rng.random() < 0.3:
            out.append(Line())
    return out + [Line()] * rng.randint(1, 2)


def aligned_t2_item(rng, t, o):
    rows = [ARow(r.label, 0, list(enumerate(r.cells))) for r in t.rows]
    a = Aligned(rng, rows, len(t.header) - 1, o, min_widths=[dw(h) for h in t.header[1:]]).build()
    specs = [(dw(t.header[0]) // 2, [t.header[0]], 0)]
    specs += [(a.center(j), [h], 0) for j, h in enumerate(t.header[1:])]
    head = header_lines(rng, specs, 1) + [Line()] * rng.randint(0, 2)
    return _finish(head, a.render())


def aligned_t4(rng, blocks, mode, o, rows=3):
    """表四: mode flat15 (a garbled header, one line of 15 numbers), header2 (a header aligned
    over the numbers), rows (three labelled rows) or three (handled by the caller)."""
    cells = [c for _, cs in blocks for c in cs]
    if mode == "rows":
        rows = [ARow(forms.T4_ROW_LABELS[b], 0, list(enumerate(cs)))
                for (b, _), (_, cs) in zip(forms.T4_BLOCKS, blocks)]
        a = Aligned(rng, rows, 5, o, min_widths=[dw(lbl) for _, lbl in forms.T4_COLUMNS]).build()
        specs = [(a.center(j), [lbl], 0) for j, (_, lbl) in enumerate(forms.T4_COLUMNS)]
        return _finish(header_lines(rng, specs, 1) + [Line()], a.render())
    o15 = AOpts(wrap=0, where="first", gap_lines=0, value_align=o.value_align,
                col_gaps=(2, 7) if mode == "flat15" else (4, 6), label_gap=0)
    mins = [1] * 15 if mode == "flat15" else [4] * 15
    a = Aligned(rng, [ARow("", 0, list(enumerate(cells)))], 15, o15, x_values=0,
                min_widths=mins).build()
    if mode == "flat15":
        head = t4_garbled_header(rng)
    else:
        head = t4_aligned_header(rng, a, rows)
    return _finish(head, [Line()] * rng.randint(1, 3) + a.render())


def t4_garbled_header(rng):
    """A header whose words do not stand over the numbers (the real 淮安 file)."""
    pitch = [rng.randint(5, 8) for _ in range(15)]
    xs = [sum(pitch[:i]) + 2 * (i // 5) * rng.randint(1, 4) for i in range(15)]
    specs = [(xs[2], ["行政复议"], 0), (xs[10], ["行政诉讼"], 0),
             (xs[7], ["未经复议直接起诉"], 2), (xs[12], ["复议后起诉"], 2)]
    for i in range(15):
        lbl = forms.T4_COLUMNS[i % 5][1]
        frags = [lbl] if lbl == "总计" else split_even(lbl, 2)
        top = (3 if i < 5 else 4) + rng.randint(0, 1)
        specs.append((xs[i], frags, top))
    return _spread_blank(rng, header_lines(rng, specs, 7))


def t4_aligned_header(rng, a, rows):
    specs = [(a.center(2), ["行政复议"], 1 if rows == 2 else 0),
             (a.center(7), ["未经复议直接起诉"], 1), (a.center(12), ["复议后起诉"], 1)]
    if rows == 3:
        specs.append((a.center(10), ["行政诉讼"], 0))
    for i in range(15):
        lbl = forms.T4_COLUMNS[i % 5][1]
        specs.append((a.center(i), split_even(lbl, 2) if lbl != "总计" else [lbl], 2))
    return _spread_blank(rng, header_lines(rng, specs, 4))


def aligned_t4_block(rng, label, cells, o):
    o5 = AOpts(wrap=0, where="first", gap_lines=0, value_align=o.value_align, col_gaps=(5, 9),
               label_gap=0)
    a = Aligned(rng, [ARow("", 0, list(enumerate(cells)))], 5, o5, x_values=2,
                min_widths=[dw(lbl) for _, lbl in forms.T4_COLUMNS]).build()
    specs = [(a.center(j), [lbl], 0) for j, (_, lbl) in enumerate(forms.T4_COLUMNS)]
    return _finish(header_lines(rng, specs, 1) + [Line()] * rng.randint(0, 1), a.render())


# ---- cells: one cell per line (pdftotext without -layout) -------------------------------------


@dataclass
class COpts:
    blank_between: bool = True  # a blank line between cells
    separate: float = 0.0  # chance that a run of rows prints its numbers apart from its labels
    labels_after: float = 0.7  # in such a run, labels after the numbers (else before)
    wrap: int = 0  # wrap long labels onto several lines (display width)
    side: bool = True  # group labels printed (as fragments among the labels)


class CellsWriter:
    """Collects tokens (a block of lines, maybe carrying a value cell) and lays them out."""

    def __init__(self, rng, o):
        self.rng, self.o = rng, o
        self.tokens = []  # (lines, cells)

    def text(self, text, wrap_at=0):
        pieces = wrap(text, wrap_at) if wrap_at else [text]
        self.tokens.append((pieces, []))

    def value(self, cell, row_cells=None):
        """A value cell; a blank one prints nothing and rides on the row's previous token."""
        if cell.text:
            self.tokens.append(([cell.text], [cell]))
        elif self.tokens:
            self.tokens[-1][1].append(cell)
        else:
            self.tokens.append(([""], [cell]))

    def render(self):
        out = []
        for i, (pieces, cells) in enumerate(self.tokens):
            if i and self.o.blank_between:
                out.append(Line("", brk=True))
            for k, p in enumerate(pieces):
                out.append(Line(p, cells if k == 0 else [], brk=(k == 0)))
        return out


def cells_rows(w, rng, units):
    """units: (pre_texts, label_texts, [Cell]) per row. Runs of rows may print their numbers
    together and their labels apart (before or after), as pdftotext does with merged cells."""
    i = 0
    while i < len(units):
        if w.o.separate and rng.random() < w.o.separate and i + 1 < len(units):
            run = units[i:i + rng.randint(2, 6)]
            after = rng.random() < w.o.labels_after
            if not after:
                _labels(w, run)
            for _, _, cells in run:
                for c in cells:
                    w.value(c)
            if after:
                _labels(w, run)
            i += len(run)
        else:
            _labels(w, units[i:i + 1])
            for c in units[i][2]:
                w.value(c)
            i += 1


def _labels(w, run):
    for pre, labels, _ in run:
        for t in pre:
            w.text(t)
        for k, t in enumerate(labels):
            w.text(t, w.o.wrap if k == 0 else 0)


def cells_2008(rng, lt, o, header, unit_col, group_unit):
    w = CellsWriter(rng, o)
    if header:
        for t in (("统计指标", "单位", "统计数") if unit_col else ("统计指标", "统计数")):
            w.text(t)
    units = []
    for r in lt.rows:
        if r.is_group:
            units.append(([], [r.label] + ([group_unit] if unit_col and group_unit else []), []))
        else:
            units.append(([], [r.label] + ([r.unit] if unit_col else []), r.cells))
    cells_rows(w, rng, units)
    return w.render()


def cells_t3(rng, lt, o, header):
    w = CellsWriter(rng, o)
    if header:
        frags = ["申请人情况", "（本列数据的勾稽关系为：第一项加第二项之和，", "等于第三项加第四项之和）",
                 "法人或其他组织", "自然人"]
        for _, lbl in forms.T3_COLUMNS[1:]:
            frags.append("\n".join(split_even(lbl, 2)) if len(lbl) > 3 else lbl)
        head = frags[:3] + sorted(frags[3:], key=lambda _: rng.random())
        for t in head:
            w.tokens.append((t.split("\n"), []))
    units = []
    pending = []
    for r in lt.rows:
        if r.is_group:
            if o.side:
                key = r.label
                frags = vertical_fragments(key) if r.level == 1 else wrap(key, 8)
                pending += frags
            continue
        units.append((pending, [r.label], r.cells))
        pending = []
    cells_rows(w, rng, units)
    return w.render()


def cells_t2_item(rng, t, o):
    w = CellsWriter(rng, o)
    for h in t.header:
        w.text(h)
    cells_rows(w, rng, [([], [r.label], r.cells) for r in t.rows])
    return w.render()


def cells_t4(rng, blocks, scrambled):
    """表四 as pdftotext writes it: the header words, then the numbers; `scrambled` follows the
    reading order of the real 淮安 file (first four of 复议, …, totals late)."""
    w = CellsWriter(rng, COpts())
    review, direct, after = [cs for _, cs in blocks]
    cols = [lbl for _, lbl in forms.T4_COLUMNS]
    w.text("行政复议")
    w.text("行政诉讼")
    w.text("未经复议直接起诉")
    if not scrambled:
        w.text("复议后起诉")
        for _ in range(3):
            for lbl in cols:
                w.text(lbl)
        for c in review + direct + after:
            w.value(c, None)
        return w.render()
    for lbl in cols[:4]:
        w.text(lbl)
    w.text("总计")
    for c in review[:4]:
        w.value(c, None)
    for lbl in ("结 果", "结果", "其他", "复议后起诉", "尚未", "结果", "结果", "其他", "尚未审"):
        w.text(lbl)
    for c in after[:4]:
        w.value(c, None)
    w.text("总计")
    w.value(review[4], None)
    for lbl in ("维持", "纠正", "结果", "审结"):
        w.text(lbl)
    for c in direct:
        w.value(c, None)
    w.text("总计")
    w.value(after[4], None)
    return w.render()
