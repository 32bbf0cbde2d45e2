#!/usr/bin/env python3
"""Generated annual reports for the property test: known form data rendered in the table layouts
real archives hold (pipe, markdown, tab, box, aligned, cells), inside a whole report, with the
expected reading of every printed cell (its id, text, value or status, and line).

    gen.py --seed 17 --show                  the case for seed 17: its text and its truth
    gen.py --seed 17 --family box --form gov-2019 --slip --show
    gen.py --seed 17 --out case.txt          the file's bytes (in the case's encoding)

Everything a case contains follows from its seed (and an explicit family or form): the same
arguments give the same bytes. Python 3 standard library only.
"""

import argparse
import json
import os
import random
import re
import sys
from dataclasses import dataclass, field

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import forms  # noqa: E402
import grid  # noqa: E402
import layout  # noqa: E402
import report  # noqa: E402
import tables  # noqa: E402
import trad  # noqa: E402
import values  # noqa: E402

FAMILIES = ("pipe", "markdown", "tab", "box", "aligned", "cells")


@dataclass
class Case:
    seed: int
    family: str
    form: str
    year: int
    tags: list
    encoding: str
    text: str
    data: bytes
    truth: list  # {id, text, status, value, line}
    slip: object = None  # {id, identity, old, new, line, …} for a slipped version
    headings: list = None  # (level, marker, title) of the headings of levels 1 and 2, in order


@dataclass
class Plan:
    """The layout choices of one case (drawn before any text is written)."""

    tags: list = field(default_factory=list)
    go: object = None  # grid.GridOpts
    ro: object = None  # grid.RenderOpts
    ao: object = None  # layout.AOpts
    al: object = None  # layout.ALayout
    co: object = None  # layout.COpts
    t2_split: bool = True
    t3_split: bool = False
    broken: float = 0.0  # markdown: rate of rows whose label goes loose
    broken_batch: bool = False
    md_titles: bool = False  # markdown: '## ' headings, '### ' table titles
    md_empty_header: bool = False
    t4_scrambled: bool = False
    cells_header: bool = True
    pages: bool = False
    page_len: int = 40
    form_feed: bool = False
    spaced_years: bool = False
    traditional: bool = False
    crlf: bool = False
    table_titles: bool = False
    wrong_tail: bool = False

    def tag(self, name, value=True):
        if value is True:
            self.tags.append(name)
        elif value not in (False, None, 0, ""):
            self.tags.append(f"{name}={value}")


# ---- plans ------------------------------------------------------------------------------------


def pick(rng, options, weights=None):
    return rng.choices(options, weights=weights)[0]


def draw_plan(rng, family, form):
    p = Plan()
    old = form == "gov-2008"
    if family in ("pipe", "markdown", "tab", "box"):
        _grid_plan(rng, p, family, old)
    elif family == "aligned":
        _aligned_plan(rng, p, old)
    else:
        _cells_plan(rng, p, old)
    p.pages = rng.random() < {"aligned": 0.9, "cells": 0.9, "markdown": 0.3, "pipe": 0.2,
                              "tab": 0.1, "box": 0.15}[family]
    # a page holds some fifty lines of -layout text, but several hundred one-cell lines
    p.page_len = rng.randint(150, 320) if family == "cells" else rng.randint(36, 56)
    p.form_feed = rng.random() < (0.85 if family in ("aligned", "cells") else 0.5)
    p.spaced_years = rng.random() < (0.7 if family in ("aligned", "cells") else 0.1)
    p.traditional = rng.random() < 0.1
    p.crlf = rng.random() < 0.06
    p.table_titles = rng.random() < 0.5
    p.tag("pages", p.pages)
    p.tag("trad", p.traditional)
    p.tag("crlf", p.crlf)
    return p


def _grid_plan(rng, p, family, old):
    go = grid.GridOpts()
    if old:
        _grid_plan_2008(rng, p, go, family)
    else:
        _grid_plan_post2019(rng, p, go, family)
    go.omit_groups = rng.random() < (0.15 if go.label_cols == 1 else 0.0)
    go.merge = pick(rng, ["empty", "repeat", "middle"], [60, 30, 10])
    p.tag("labelcols", go.label_cols)
    p.tag("merge", go.merge if go.label_cols > 1 else "")
    p.tag("omitgroups", go.omit_groups)
    p.go = go
    p.ro = _render_plan(rng, p, go, family, old)


def _grid_plan_2008(rng, p, go, family):
    go.label_cols = 2 if rng.random() < (0.1 if family == "pipe" else 0.25) else 1
    go.unit_col = rng.random() < 0.88
    go.header = "full" if rng.random() < 0.85 else "none"
    go.header_texts = pick(rng, [("统 计 指 标", "单位", "统计数"), ("统计指标", "单位", "统计数"),
                                 ("指标名称", "计量单位", "数量"), ("统计指标", "计量单位", "统计数")])
    go.group_unit = pick(rng, ["——", "—", "", "——"])
    p.tag("header", go.header)
    p.tag("nounit", not go.unit_col)


def _grid_plan_post2019(rng, p, go, family):
    go.label_cols = pick(rng, [1, 2, 3], [50, 30, 20])
    go.k2mode = pick(rng, ["outer", "inner"])
    headers = {"pipe": ["full", "flat", "none"], "tab": ["full", "flat", "cut", "none"],
               "box": ["full", "flat", "cut"],
               "markdown": ["full", "flat", "cut", "placeholder", "none", "wrong"]}[family]
    go.header = pick(rng, headers)
    go.applicants_row = rng.random() < 0.7
    go.note = rng.random() < 0.5
    go.t4 = pick(rng, ["header2", "flat15", "rows", "three"], [30, 35, 10, 25])
    if family == "box" and go.t4 == "flat15":
        go.t4 = "header2"
    go.t4_header = pick(rng, ["proper", "partial", "none"])
    go.t4_partial_cells = pick(rng, [12, 6])
    go.t4_header_rows = pick(rng, [2, 3])
    p.t2_split = rng.random() < (0.7 if family == "markdown" else 0.4)
    p.tag("t3header", go.header)
    p.tag("t4", go.t4 + ("/" + go.t4_header if go.t4 == "flat15" else "")
          + (f"/{go.t4_header_rows}rows" if go.t4 == "header2" else ""))
    p.tag("t2split", p.t2_split)


def _render_plan(rng, p, go, family, old):
    ro = grid.RenderOpts()
    if family == "pipe":
        ro.outer_pipes = rng.random() < 0.3
        ro.trailing_pipe = rng.random() < 0.8
        ro.compact = rng.random() < 0.1
        ro.spans = pick(rng, ["pad", "ragged"], [70, 30])
        p.tag("outerpipes", ro.outer_pipes)
    elif family == "markdown":
        ro.spans = pick(rng, ["pad", "ragged", "repeat"], [60, 25, 15])
        ro.sep_after = pick(rng, [1, 0])
        p.t3_split = not old and rng.random() < 0.3
        p.broken = pick(rng, [0.0, 0.5, 0.9], [70, 15, 15]) if go.label_cols == 1 else 0.0
        p.broken_batch = rng.random() < 0.5
        p.md_titles = rng.random() < 0.5
        p.md_empty_header = rng.random() < 0.5
        p.wrong_tail = p.t3_split and rng.random() < 0.3
        p.tag("t3split", p.t3_split)
        p.tag("broken", p.broken)
        p.tag("spans", ro.spans)
    elif family == "tab":
        ro.tab_trailing = rng.random() < 0.3
    elif family == "box":
        ro.box = pick(rng, ["single", "double"])
        ro.box_rules = pick(rng, ["all", "groups"])
        ro.wrap = pick(rng, [0, 0, 16, 20, 24, 30])
        ro.valign = pick(rng, ["top", "middle", "bottom"], [60, 30, 10])
        ro.cell_pad = pick(rng, [0, 1])
        p.tag("box", ro.box)
        p.tag("rules", ro.box_rules)
        p.tag("wrap", bool(ro.wrap))
        p.tag("valign", ro.valign if ro.wrap else "")
    return ro


def _aligned_plan(rng, p, old):
    ao = layout.AOpts()
    ao.wrap = pick(rng, [0, 24, 28, 32, 36, 40]) if old else pick(rng, [24, 28, 32, 36, 44])
    ao.where = pick(rng, ["first", "middle", "last"], [40, 45, 15])
    ao.gap_lines = pick(rng, [0, 1, 1, 2])
    ao.value_align = pick(rng, ["right", "center", "left"], [50, 35, 15])
    ao.col_gaps = pick(rng, [(3, 6), (4, 9), (2, 4)])
    al = layout.ALayout()
    al.groups = pick(rng, ["side", "heading", "mixed", "omit"], [50, 25, 15, 10])
    al.header = pick(rng, ["garbled", "flat", "none"], [55, 30, 15])
    al.note = rng.random() < 0.6
    al.indent_levels = rng.random() < 0.3
    al.group_unit = pick(rng, ["——", "", "—"])
    al.header_texts = pick(rng, [("统 计 指 标", "单位", "统计数"), ("统计指标", "计量单位", "统计数")])
    p.ao, p.al = ao, al
    p.go = grid.GridOpts(t4=pick(rng, ["flat15", "header2", "rows", "three"], [45, 25, 10, 20]),
                         t4_header_rows=pick(rng, [2, 3]))
    p.tag("where", ao.where)
    p.tag("wrap", bool(ao.wrap))
    p.tag("valign", ao.value_align)
    if not old:
        p.tag("groups", al.groups)
        p.tag("t4", p.go.t4)
    p.tag("header", al.header)


def _cells_plan(rng, p, old):
    co = layout.COpts()
    co.blank_between = rng.random() < 0.85
    co.separate = pick(rng, [0.0, 0.3, 0.6], [40, 35, 25])
    co.labels_after = pick(rng, [0.2, 0.7, 1.0])
    co.wrap = pick(rng, [0, 0, 24, 30])
    p.co = co
    p.cells_header = rng.random() < 0.8
    p.t4_scrambled = not old and rng.random() < 0.35
    p.tag("separate", co.separate)
    p.tag("blanklines", co.blank_between)
    p.tag("t4scrambled", p.t4_scrambled)


# ---- tables per family ------------------------------------------------------------------------


def breakable(lines):
    for ln in lines:
        ln.brk = True
    return lines


def grid_lines(rng, family, plan, rows, header_rows):
    ro = plan.ro
    if family == "pipe":
        return breakable(grid.render_pipe(rows, ro))
    if family == "tab":
        return breakable(grid.render_tab(rows, ro))
    if family == "box":
        return grid.render_box(rows, ro)
    if header_rows == 0 and plan.md_empty_header:
        width = max(r.width() for r in rows)
        rows = [grid.GRow([grid.GCell("", role="header") for _ in range(width)], "header")] + rows
        header_rows = 1
    if plan.broken:
        return breakable(grid.render_markdown_broken(rng, rows, ro, plan.broken,
                                                     rng.randint(8, 13), plan.broken_batch))
    return breakable(grid.render_markdown(rows, ro, header_rows))


def t2_lines(rng, doc, family, plan, items):
    if family == "aligned":
        for t in items:
            title_line(doc, plan, family, t.title)
            doc.blank()
            doc.extend(layout.aligned_t2_item(rng, t, plan.ao))
            doc.blank()
        return
    if family == "cells":
        for t in items:
            doc.add(t.title)
            doc.blank(1 if plan.co.blank_between else 0)
            doc.extend(layout.cells_t2_item(rng, t, plan.co))
            doc.blank(1 if plan.co.blank_between else 0)
        return
    if not plan.t2_split:
        rows = grid.grid_t2_one(items)
        doc.extend(grid_lines(rng, family, plan, rows, 2))
        return
    for t in items:
        title_line(doc, plan, family, t.title)
        doc.extend(grid_lines(rng, family, plan, grid.grid_t2_item(t), 1))
        doc.blank()


def title_line(doc, plan, family, text):
    doc.add(("### " if family == "markdown" and plan.md_titles else "") + text)


MARKER = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.、．])\s*")


def t3_segments(lt, merge_tail):
    """表三 cut into small tables, one per row group (the real 沭阳 file): (title, rows)."""
    segs = []
    for r in lt.rows:
        if r.is_group and r.level == 1:
            segs.append((r.label, []))
        elif r.is_group:
            segs.append((r.label, []))
        elif r.mid is not None and segs and segs[-1][0] == r.mid:
            segs[-1][1].append(r)
        else:
            segs.append((r.label, [r]))
    if merge_tail and len(segs) >= 2:
        segs[-2] = (segs[-2][0], segs[-2][1] + segs[-1][1])
        segs.pop()
    return segs


def t3_lines(rng, doc, family, plan, lt):
    if family == "aligned":
        doc.extend(layout.aligned_t3(rng, lt, plan.al, plan.ao))
        return
    if family == "cells":
        doc.extend(layout.cells_t3(rng, lt, plan.co, plan.cells_header))
        return
    if not plan.t3_split:
        header = grid.t3_header(plan.go)
        rows = header + grid.t3_body(lt.rows, plan.go)
        doc.extend(grid_lines(rng, family, plan, rows, len(header)))
        return
    go = grid.GridOpts(label_cols=1, omit_groups=True, header=pick(rng, ["placeholder", "flat"]),
                       note=False)
    strip = rng.random() < 0.5
    segs = t3_segments(lt, plan.wrong_tail)
    for i, (title, rows) in enumerate(segs):
        title_line(doc, plan, family, title)
        if not rows:
            doc.blank(1)
            continue
        if strip and len(rows) == 1:
            rows = [tables.LRow(r.id, MARKER.sub("", r.label), r.level, r.outer, r.outer_is_group,
                                r.mid, r.unit, r.cells, r.is_group) for r in rows]
        if plan.wrong_tail and i == len(segs) - 1:
            go.header = "wrong"
        body = grid.t3_header(go) + grid.t3_body(rows, go)
        doc.extend(grid_lines(rng, family, plan, body, 1))
        doc.blank(1)


def t4_lines(rng, doc, family, plan, blocks):
    mode = plan.go.t4 if plan.go else "header2"
    if family == "cells":
        doc.extend(layout.cells_t4(rng, blocks, plan.t4_scrambled))
        return
    if mode == "three":
        for (b, _), (label, cells) in zip(forms.T4_BLOCKS, blocks):
            title_line(doc, plan, family, forms.T4_ROW_LABELS[b])
            if family == "aligned":
                doc.extend(layout.aligned_t4_block(rng, label, cells, plan.ao))
            else:
                doc.extend(grid_lines(rng, family, plan, grid.grid_t4_block(label, cells), 1))
            doc.blank(1)
        return
    if family == "aligned":
        doc.extend(layout.aligned_t4(rng, blocks, mode, plan.ao, plan.go.t4_header_rows))
        return
    rows = grid.grid_t4(blocks, plan.go)
    header_rows = sum(1 for r in rows if r.kind == "header")
    doc.extend(grid_lines(rng, family, plan, rows, header_rows))


def table_2008(rng, doc, family, plan, lt):
    if family == "aligned":
        doc.extend(layout.aligned_2008(rng, lt, plan.al, plan.ao))
    elif family == "cells":
        doc.extend(layout.cells_2008(rng, lt, plan.co, plan.cells_header, True,
                                     pick(rng, ["——", ""])))
    else:
        rows = grid.grid_2008(lt, plan.go)
        doc.extend(grid_lines(rng, family, plan, rows, 1 if plan.go.header != "none" else 0))


# ---- the document -----------------------------------------------------------------------------


def heading(doc, plan, family, text, level=2):
    if family == "markdown" and plan.md_titles:
        text = "#" * level + " " + text
    elif family in ("aligned", "cells") and doc.rng.random() < 0.5:
        text = " " * doc.rng.choice((3, 5, 6)) + text
    doc.add(text)


def signature(rng, doc, plan, agency, year):
    date = report.date_text(rng, report.signature_date(rng, year), plan.spaced_years)
    pad = " " * rng.choice((0, 0, 20, 30)) if rng.random() < 0.5 else ""
    doc.blank()
    doc.add(pad + agency)
    doc.add(pad + date)


def document_2008(rng, doc, family, plan, lt, agency, year):
    wrap_at = rng.choice((0, 28, 30)) if family in ("aligned", "cells") else 0
    sections = report.OLD_SECTIONS if rng.random() < 0.6 else report.OLD_SECTIONS_SAMPLE
    for i, sec in enumerate(sections, 1):
        heading(doc, plan, family, tables.cn_numeral(i) + "、" + sec)
        doc.headings.append((1, tables.cn_numeral(i) + "、", sec))
        if rng.random() < 0.3:
            for k in range(1, rng.randint(2, 3)):
                sub = rng.choice(report.SUBSECTIONS) + "工作"
                doc.add(f"（{tables.cn_numeral(k)}）" + sub)
                doc.headings.append((2, f"（{tables.cn_numeral(k)}）", sub))
                doc.para(wrap_at=wrap_at)
        else:
            doc.para(wrap_at=wrap_at)
    signature(rng, doc, plan, agency, year)
    doc.blank()
    doc.add(rng.choice(("附件", "附件1", "附件：")))
    doc.add("政府信息公开情况统计表")
    if rng.random() < 0.7:
        doc.add(f"（{doc.y()}度）" if rng.random() < 0.7 else f"({doc.y()}度)")
    if rng.random() < 0.5:
        doc.add("填报单位（盖章）：" + agency)
    doc.blank()
    table_2008(rng, doc, family, plan, lt)
    if rng.random() < 0.6:
        doc.add("单位负责人：　　审核人：　　填报人：")
        doc.add("联系电话：　　填报日期：")


def document_post2019(rng, doc, family, plan, form, ms, cells, agency, year):
    wrap_at = rng.choice((0, 28, 30)) if family in ("aligned", "cells") else 0
    names = list(report.NEW_SECTIONS)
    for k, alts in report.NEW_SECTION_VARIANTS.items():
        if rng.random() < 0.2:
            names[k] = rng.choice(alts)
    for i, sec in enumerate(names):
        heading(doc, plan, family, tables.cn_numeral(i + 1) + "、" + sec)
        doc.headings.append((1, tables.cn_numeral(i + 1) + "、", sec))
        if i == 0:
            doc.para(wrap_at=wrap_at)
            for k, sub in enumerate(rng.sample(report.SUBSECTIONS, rng.randint(0, 4)), 1):
                doc.add(f"（{tables.cn_numeral(k)}）{sub}情况。" + rng.choice(report.SENTENCES))
                doc.headings.append((2, f"（{tables.cn_numeral(k)}）", f"{sub}情况"))
        elif i == 1:
            t2_lines(rng, doc, family, plan, tables.build_t2(form, ms, cells))
        elif i == 2:
            if plan.table_titles:
                title_line(doc, plan, family, "表三：收到和处理政府信息公开申请情况")
            t3_lines(rng, doc, family, plan, tables.build_t3(form, ms, cells))
        elif i == 3:
            if plan.table_titles:
                title_line(doc, plan, family, "表四：政府信息公开行政复议、行政诉讼情况")
            t4_lines(rng, doc, family, plan, tables.t4_cells(cells))
            if rng.random() < 0.2:
                doc.add("注：行政复议、行政诉讼数量含上年度结转数量。")
        else:
            doc.para(wrap_at=wrap_at)
        doc.blank()
    signature(rng, doc, plan, agency, year)


def opening(rng, doc, form, agency, year):
    if form == "gov-2008":
        doc.add(f"根据《中华人民共和国政府信息公开条例》要求，现公布{agency}{doc.y()}度政府信息公开工作年度报告。"
                + rng.choice(report.SENTENCES))
        return
    doc.add("本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开"
            f"工作年度报告格式》的要求编制。本报告所列数据的统计期限自{doc.y()}1月1日起至{doc.y()}12月31日止。"
            f"如对本报告有疑问，请与{agency}办公室联系。")


# ---- the case ---------------------------------------------------------------------------------


def generate(seed, family=None, form=None, slip=False, year=None, agency=None, scale=None,
             adjust=None):
    """One case. year, agency and scale replace the drawn ones (the draws are made all the same,
    so a seed gives the same case as before); adjust(data, ids) may change the drawn values
    (years.py chains an agency's years with it) before they are checked and printed."""
    rng = random.Random(seed)
    family0, form0 = rng.choice(FAMILIES), rng.choice(forms.FORM_IDS)
    family, form = family or family0, form or form0
    old = form == "gov-2008"
    drawn_year = rng.randint(*forms.YEARS[form])
    drawn_agency = report.draw_agency(rng, old)
    drawn_scale = values.draw_scale(rng)
    year = drawn_year if year is None else year
    agency = drawn_agency if agency is None else agency
    scale = drawn_scale if scale is None else scale
    variant = tables.draw_variant_2008(rng, year) if old else None
    if old:
        data = values.draw_2008(rng, tables.present_2008(variant), scale)
    else:
        data = values.draw_post2019(rng, form, scale)
    ids = tables.cell_ids(form, variant)
    if adjust:
        adjust(data, ids)
    idents = forms.identities(form, set(ids))
    _self_check(idents, data, ids)
    style = values.draw_style(rng)
    cells = values.print_cells(rng, data, style, ids)
    ms = tables.draw_marker_style(rng, form)
    plan = draw_plan(rng, family, form)
    plan.tag("scale", scale)
    plan.tag("fullwidth", style.fullwidth if style.fullwidth != "none" else "")
    plan.tag("thousands", style.thousands)
    plan.tag("sprinkle", style.sprinkle)
    for key in variant.absent if old else ():
        plan.tag("no-" + key)
    slip_info = None
    if slip:
        exclude = [i for i in ids if i.startswith("t4.")] if plan.t4_scrambled else []
        cells, slip_info = values.plant_slip(random.Random(f"{seed}/slip"), idents, cells, style,
                                             exclude)
    lines, heads = write_document(rng, family, form, plan, year, agency, variant, ms, cells)
    case = finish(rng, seed, family, form, year, plan, lines, ids, slip_info)
    case.headings = [(lv, trad.convert(m), trad.convert(h)) if plan.traditional else (lv, m, h)
                     for lv, m, h in heads]
    return case


def _self_check(idents, data, ids):
    missing = [i for i in ids if i not in data.values]
    assert not missing, f"no value drawn for {missing}"
    for ident in idents:
        assert forms.holds(ident, data.values), f"generated data breaks {ident.name}"


def write_document(rng, family, form, plan, year, agency, variant, ms, cells):
    doc = report.Doc(rng, year, agency, plan.spaced_years)
    for i, t in enumerate(report.title_lines(rng, agency, year, form == "gov-2008",
                                             plan.spaced_years)):
        doc.add(("# " if family == "markdown" and plan.md_titles and i == 0 else "") + t)
    doc.blank()
    opening(rng, doc, form, agency, year)
    if form == "gov-2008":
        lt = tables.build_2008(variant, ms, cells)
        document_2008(rng, doc, family, plan, lt, agency, year)
    else:
        document_post2019(rng, doc, family, plan, form, ms, cells, agency, year)
    lines = doc.lines
    if plan.pages:
        lines = report.paginate(rng, lines, plan.page_len, plan.form_feed)
    return lines, doc.headings


def finish(rng, seed, family, form, year, plan, lines, ids, slip_info):
    text = "\n".join(ln.text for ln in lines) + "\n"
    truth = []
    for n, ln in enumerate(lines, 1):
        for c in ln.cells:
            truth.append({"id": c.id, "text": c.text, "status": c.status, "value": c.value,
                          "line": n})
    got = sorted(t["id"] for t in truth)
    assert got == sorted(ids), f"cells printed {len(got)} != expected {len(ids)}: " \
        f"{sorted(set(ids) ^ set(got))[:5]}"
    if slip_info:
        slip_info["line"] = next(t["line"] for t in truth if t["id"] == slip_info["id"])
    if plan.traditional:
        text = trad.convert(text)
        for t in truth:
            t["text"] = trad.convert(t["text"])
    if plan.crlf:
        text = text.replace("\n", "\r\n")
    encoding = report.draw_encoding(rng, plan.traditional)
    data = report.encode(text, encoding)
    if data is None:  # Big5 cannot write double box lines: such copies are UTF-8
        plan.tag("big5-fallback")
        encoding, data = "UTF-8", report.encode(text, "UTF-8")
    plan.tag("enc", encoding)
    return Case(seed, family, form, year, plan.tags, encoding, text, data, truth, slip_info)


# ---- command line -----------------------------------------------------------------------------


def show(case, out=sys.stdout):
    out.write(f"# seed {case.seed}  family {case.family}  form {case.form}  year {case.year}  "
              f"encoding {case.encoding}\n# tags: {' '.join(case.tags)}\n")
    if case.slip:
        out.write(f"# slip: {json.dumps(case.slip, ensure_ascii=False)}\n")
    for n, line in enumerate(case.text.replace("\r\n", "\n").split("\n")[:-1], 1):
        out.write(f"{n:5d}  {line}\n")
    out.write("# truth: id  status  value  text  line\n")
    for t in case.truth:
        out.write(f"#   {t['id']:32s} {t['status']:15s} {str(t['value']):>10s}  "
                  f"{t['text']!r:12s} {t['line']}\n")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--family", choices=FAMILIES)
    ap.add_argument("--form", choices=forms.FORM_IDS)
    ap.add_argument("--slip", action="store_true", help="the version with one planted slip")
    ap.add_argument("--show", action="store_true", help="print the text (numbered) and truth")
    ap.add_argument("--out", help="write the case's bytes to this file")
    ap.add_argument("--truth", help="write the expected cells as JSON to this file")
    args = ap.parse_args(argv)
    case = generate(args.seed, args.family, args.form, args.slip)
    if args.out:
        with open(args.out, "wb") as f:
            f.write(case.data)
    if args.truth:
        with open(args.truth, "w", encoding="utf-8") as f:
            json.dump({"seed": case.seed, "family": case.family, "form": case.form,
                       "tags": case.tags, "slip": case.slip, "cells": case.truth}, f,
                      ensure_ascii=False, indent=1)
    if args.show or not (args.out or args.truth):
        try:
            show(case)
        except BrokenPipeError:  # gen.py … --show | head
            sys.stderr.close()


if __name__ == "__main__":
    main()
