"""Logical tables: a form's rows with their printed labels (markers styled per report) and their
printed cells, before any layout. Renderers (grid.py, layout.py) turn these into text.

A row knows its label, the label of its level-1 ancestor (`outer`, e.g. 三、本年度办理结果) and of
its level-2 group (`mid`, e.g. （三）不予公开), so a renderer can print groups as their own rows,
as merged label columns or as side labels.
"""

from dataclasses import dataclass, field

import forms

CN_DIGITS = "〇一二三四五六七八九十"


def cn_numeral(n):
    if n <= 10:
        return CN_DIGITS[n]
    return ("十" if n < 20 else CN_DIGITS[n // 10] + "十") + (CN_DIGITS[n % 10] if n % 10 else "")


@dataclass
class MarkerStyle:
    full_parens: bool = True  # （一） or (一)
    arabic_sep: str = "."  # 1.  1、  1．
    colon: str = "："  # 其中： or 其中:
    space: str = ""  # between marker and text ('1. 属于国家秘密')


def draw_marker_style(rng, form_id):
    old = form_id == "gov-2008"
    return MarkerStyle(
        full_parens=rng.random() < (0.55 if old else 0.85),
        arabic_sep=rng.choices((".", "、", "．"), weights=(70, 20, 10))[0],
        colon=rng.choice(("：", ":")) if old else "：",
        space=" " if rng.random() < 0.12 else "",
    )


def marker(level, n, ms):
    if level == 1:
        return cn_numeral(n) + "、"
    if level == 2:
        return ("（%s）" if ms.full_parens else "(%s)") % cn_numeral(n)
    if level == 3:
        return f"{n}{ms.arabic_sep}"
    return ""


@dataclass
class LRow:
    id: object  # row id (the cell id itself for one-value rows); None for group rows
    label: str
    level: int
    outer: object = None  # printed label of the level-1 ancestor when it is not this row
    outer_is_group: bool = False
    mid: object = None  # printed label of the level-2 group ancestor
    unit: str = ""
    cells: list = field(default_factory=list)  # values.Cell, in column order
    is_group: bool = False


@dataclass
class LTable:
    kind: str  # '2008' | 't3'
    rows: list
    columns: tuple = ()  # ((column id, header label), …)


def _label(node, n, ms, rng_choice):
    text = rng_choice(node)
    prefix = marker(node.level, n, ms) if node.numbered else ""
    if node.qizhong:
        prefix = "其中" + ms.colon
    return prefix + (ms.space if prefix and node.numbered else "") + text


def flatten(nodes, present, ms, label_text, cells_of):
    """The rows of a tree in print order. `present(node)` says whether the variant prints it,
    `label_text(node)` picks its wording, `cells_of(node)` gives its printed cells."""
    out = []

    def walk(siblings, outer, outer_is_group, mid):
        n = 0
        for node in siblings:
            if not present(node):
                continue
            if node.numbered:
                n += 1
            label = _label(node, n, ms, label_text)
            row = LRow(None if node.kind == "group" else node.id, label, node.level,
                       outer, outer_is_group, mid, node.unit,
                       [] if node.kind == "group" else cells_of(node), node.kind == "group")
            out.append(row)
            if node.level == 1:
                walk(node.children, label, node.kind == "group", None)
            elif node.level == 2 and node.kind == "group":
                walk(node.children, outer, outer_is_group, label)
            else:
                walk(node.children, outer, outer_is_group, mid)

    walk(nodes, None, False, None)
    return out


# ---- per form ---------------------------------------------------------------------------------


@dataclass
class Variant2008:
    """Which optional parts a pre-2019 report prints, and the wording it uses."""

    absent: tuple = ()  # optional keys dropped: response, weibo, weixin, org, meetings
    suffixes: bool = False  # print the notes '（…计1条）' after the labels that have one
    alt_texts: bool = False  # '危及“三安全一稳定”' instead of the long wording


def draw_variant_2008(rng, year):
    absent = []
    if year < 2014 or rng.random() < 0.15:
        absent.append("response")
    if year < 2013 or rng.random() < 0.2:
        absent.append("weixin")
    if year < 2011 or ("weixin" in absent and rng.random() < 0.3):
        absent.append("weibo")
    for key in ("org", "meetings"):
        if rng.random() < 0.25:
            absent.append(key)
    return Variant2008(tuple(absent), rng.random() < 0.2, rng.random() < 0.3)


def present_2008(variant):
    """The row ids (and group ids) a variant prints."""
    out = set()

    def walk(nodes):
        for node in nodes:
            if node.optional in variant.absent:
                continue
            out.add(node.id)
            walk(node.children)

    walk(forms.tree_2008())
    return out


def build_2008(variant, ms, cells):
    def label_text(node):
        text = node.alt_texts[0] if variant.alt_texts and node.alt_texts else node.text
        return text + (node.suffixes[0] if variant.suffixes and node.suffixes else "")

    rows = flatten(forms.tree_2008(), lambda n: n.optional not in variant.absent, ms,
                   label_text, lambda n: [cells[n.id]])
    return LTable("2008", rows, (("value", "统计数"),))


def build_t3(form_id, ms, cells):
    columns = forms.T3_COLUMNS
    rows = flatten(forms.tree_t3(form_id), lambda n: True, ms, lambda n: n.text,
                   lambda n: [cells[f"{n.id}/{c}"] for c, _ in columns])
    return LTable("t3", rows, columns)


@dataclass
class T2Table:
    title: str  # 第二十条第（一）项
    header: tuple  # ('信息内容', column labels…)
    rows: list  # LRow with one cell per column


def build_t2(form_id, ms, cells):
    out = []
    for item in forms.t2_items(form_id):
        paren = "（%s）" if ms.full_parens else "(%s)"
        title = "第二十条第" + paren % item.item + "项"
        rows = [LRow(rid, label, 1, cells=[cells[f"{rid}/{c}"] for c, _ in item.columns])
                for rid, label in item.rows]
        out.append(T2Table(title, ("信息内容",) + tuple(lbl for _, lbl in item.columns), rows))
    return out


def t4_cells(cells):
    """表四 as three blocks of five cells: [(block label, [Cell ×5]), …]."""
    return [(label, [cells[f"t4.{b}/{c}"] for c, _ in forms.T4_COLUMNS])
            for b, label in forms.T4_BLOCKS]


def cell_ids(form_id, variant=None):
    """Every value cell id of a form variant, in the form's order."""
    if form_id == "gov-2008":
        present = present_2008(variant)
        out = []

        def walk(nodes):
            for node in nodes:
                if node.id not in present:
                    continue
                if node.kind != "group":
                    out.append(node.id)
                walk(node.children)

        walk(forms.tree_2008())
        return out
    out = []
    for item in forms.t2_items(form_id):
        out += [f"{rid}/{c}" for rid, _ in item.rows for c, _ in item.columns]
    out += [f"{r}/{c}" for r in forms.t3_row_ids(form_id) for c, _ in forms.T3_COLUMNS]
    out += [f"t4.{b}/{c}" for b, _ in forms.T4_BLOCKS for c, _ in forms.T4_COLUMNS]
    return out
