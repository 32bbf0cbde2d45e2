"""Form data for generated reports: values that satisfy every identity of tests/gen/forms.py, and
the text each cell is printed as (full-width digits, thousands separators, decimals, blanks,
not-applicable marks). Also the planted slip: one printed value changed so that an equality breaks.

All randomness comes from the random.Random passed in; nothing depends on dict or set order.
"""

import math
from dataclasses import dataclass, field, replace

import forms

NA_MARKS = ("—", "——", "-", "/", "无", "—", "/", "不适用")
FULLWIDTH = str.maketrans("0123456789,.+-", "０１２３４５６７８９，．＋－")


@dataclass
class Style:
    """How a report prints its numbers; chosen once per case."""

    fullwidth: str = "none"  # 'none' | 'all' | 'some' (each cell decides)
    thousands: bool = False  # 1,234 for values of four digits or more
    sprinkle: float = 0.0  # rate of blank and not-applicable cells
    plus_sign: bool = False  # '+3' for positive changes (2019 表二 本年增/减)


@dataclass
class Cell:
    """One printed value cell: the truth the property test compares against."""

    id: str
    text: str  # as printed; '' for a blank cell
    status: str  # number | zero | blank | not_applicable
    value: object  # int or float for number/zero, else None
    decimals: int = 0  # printed decimals of an amount
    fullwidth: bool = False
    kind: str = "count"  # count | amount | signed
    clean_text: str = None  # the text before a slip

    def __post_init__(self):
        if self.clean_text is None:
            self.clean_text = self.text

    @property
    def size_text(self):
        """What a layout sizes the cell's column by: a slip keeps the clean column width unless
        its text does not fit (then the column widens, as a typed table would)."""
        return max(self.text, self.clean_text, key=len)


@dataclass
class FormData:
    form_id: str
    values: dict  # cell id -> number, every cell of the variant (before blanks are printed)
    kinds: dict = field(default_factory=dict)  # cell id -> count | amount | signed
    decimals: dict = field(default_factory=dict)  # amount cell id -> printed decimals


# ---- magnitudes -------------------------------------------------------------------------------

SCALES = {"zero": 0.0, "small": 6.0, "medium": 90.0, "large": 1800.0}


def draw_scale(rng):
    return rng.choices(list(SCALES), weights=(8, 42, 35, 15))[0]


def count(rng, mean):
    """A count with the given mean, often 0 when the mean is small."""
    if mean <= 0:
        return 0
    if rng.random() < math.exp(-1.3 * mean):
        return 0
    if mean > 6:  # large counts vary less than an exponential would
        return max(1, int(mean * rng.uniform(0.25, 1.75)))
    return 1 + int(rng.expovariate(1.0 / max(mean, 0.3)))


def amount(rng, data, cell_id, mean):
    """A 万元 amount with 0–2 printed decimals; stored with its decimals."""
    decimals = rng.choice((0, 1, 2, 2))
    if mean <= 0 or rng.random() < 0.35:
        value = 0
    else:
        value = round(rng.expovariate(1.0 / mean), decimals)
    data.values[cell_id] = int(value) if decimals == 0 else value
    data.kinds[cell_id] = "amount"
    data.decimals[cell_id] = decimals


# ---- gov-2008 ---------------------------------------------------------------------------------


def draw_2008(rng, present, scale):
    """Values for the pre-2019 form over the rows in `present` (the variant's row ids)."""
    s = SCALES[scale]
    d = FormData("gov-2008", {})
    v = d.values
    channels = {"gazette": 0.2, "website": 3.0, "weibo": 1.2, "weixin": 1.0, "other": 0.6}
    for name, w in channels.items():
        if f"active.channel.{name}" in present:
            v[f"active.channel.{name}"] = count(rng, s * w)
    ch = [v[c] for c in v if c.startswith("active.channel.")]
    v["active.total"] = rng.randint(max(ch), sum(ch)) if sum(ch) else 0
    v["active.normative"] = min(v["active.total"], count(rng, s * 0.1))
    v["active.normative_issued"] = count(rng, s * 0.05)
    if "response" in present:
        _draw_response(rng, v, s)
    _draw_applications(rng, v, s)
    for block in ("review", "litigation"):
        parts = [count(rng, s * 0.03) for _ in range(3)]
        for p, x in zip(("upheld", "corrected", "other"), parts):
            v[f"{block}.{p}"] = x
        v[block] = sum(parts)
    v["complaints"] = count(rng, s * 0.05)
    amount(rng, d, "fees", s * 0.01)
    if "org" in present:
        k = 0 if scale == "zero" else 1
        v["org.units"] = rng.randint(0, 2) * k
        v["org.reading_points"] = count(rng, k * 3)
        v["org.staff.full_time"] = count(rng, k * 2)
        v["org.staff.part_time"] = count(rng, k * 3)
        v["org.staff"] = v["org.staff.full_time"] + v["org.staff.part_time"]
        amount(rng, d, "org.budget", k * 8)
    if "meetings" in present:
        k = 0 if scale == "zero" else 1
        v["meetings.meetings"] = count(rng, k * 3)
        v["meetings.trainings"] = count(rng, k * 2)
        v["meetings.trainees"] = count(rng, k * 60)
    for cid in v:
        d.kinds.setdefault(cid, "count")
    return d


def _draw_response(rng, v, s):
    v["response.hotspots"] = count(rng, s * 0.1)
    for kind in ("press", "interview"):
        v[f"response.{kind}"] = count(rng, s * 0.03)
        v[f"response.{kind}_leader"] = rng.randint(0, v[f"response.{kind}"])
    v["response.interpretation"] = count(rng, s * 0.2)
    v["response.weibo_weixin"] = count(rng, s * 0.15)
    v["response.other"] = count(rng, s * 0.05)


def _draw_applications(rng, v, s):
    weights = {"in_person": 0.3, "fax": 0.02, "online": 0.8, "letter": 0.3}
    for k, w in weights.items():
        v[f"apply.received.{k}"] = count(rng, s * w)
    v["apply.received"] = sum(v[f"apply.received.{k}"] for k in weights)
    on_time = rng.randint(max(0, v["apply.received"] - count(rng, s * 0.1)), v["apply.received"])
    v["apply.closed.on_time"] = on_time
    v["apply.closed.extended"] = count(rng, s * 0.02)
    v["apply.closed"] = on_time + v["apply.closed.extended"]
    reasons = ("secret", "commercial", "privacy", "security", "not_gov_info", "other_law")
    for r in reasons:
        v[f"apply.refuse.{r}"] = count(rng, s * 0.01)
    v["apply.answered.refuse"] = sum(v[f"apply.refuse.{r}"] for r in reasons)
    rest = max(v["apply.closed"] - v["apply.answered.refuse"], 0)
    kinds = ("already_public", "agree", "partial", "not_this_agency", "not_exist", "amend",
             "other_route")
    shares = split(rng, rest, (0.15, 0.5, 0.08, 0.1, 0.1, 0.04, 0.03))
    for k, x in zip(kinds, shares):
        v[f"apply.answered.{k}"] = x
    v["apply.answered"] = v["apply.answered.refuse"] + sum(shares)


def split(rng, total, weights):
    """total split into len(weights) whole parts, roughly by weight."""
    parts = [0] * len(weights)
    if total <= 0:
        return parts
    cum = [sum(weights[: i + 1]) for i in range(len(weights))]
    if total > 200:  # proportional with a random jitter, then fix the rounding
        raw = [total * w * rng.uniform(0.5, 1.5) for w in weights]
        k = total / sum(raw)
        parts = [int(x * k) for x in raw]
        parts[rng.randrange(len(parts))] += total - sum(parts)
        return parts
    for _ in range(total):
        x = rng.random() * cum[-1]
        parts[next(i for i, c in enumerate(cum) if x < c)] += 1
    return parts


# ---- gov-2019 / gov-2021 ----------------------------------------------------------------------

APPLICANT_WEIGHT = {"natural": 1.0, "commercial": 0.06, "research": 0.006, "social": 0.01,
                    "legal": 0.03, "other": 0.03}
OUTCOME_WEIGHT = {"t3.open": 0.3, "t3.partial": 0.1, "t3.unable.1": 0.25, "t3.unable.2": 0.02,
                  "t3.unable.3": 0.015, "t3.ignore.1": 0.04, "t3.ignore.2": 0.03,
                  "t3.other": 0.1, "t3.other.1": 0.05, "t3.other.2": 0.005, "t3.other.3": 0.08}


def draw_post2019(rng, form_id, scale):
    s = SCALES[scale]
    d = FormData(form_id, {})
    _draw_t2(rng, d, form_id, s)
    _draw_t3(rng, d, form_id, s)
    _draw_t4(rng, d, s)
    for cid in d.values:
        d.kinds.setdefault(cid, "count")
    return d


def _draw_t3(rng, d, form_id, s):
    v = d.values
    outcomes = forms.t3_outcome_rows(form_id)
    rows = forms.t3_row_ids(form_id)
    for c in forms.T3_APPLICANTS:
        w = APPLICANT_WEIGHT[c] * s
        for r in outcomes:
            v[f"{r}/{c}"] = count(rng, w * OUTCOME_WEIGHT.get(r, 0.006))
        v[f"t3.total/{c}"] = sum(v[f"{r}/{c}"] for r in outcomes)
        v[f"t3.carry_next/{c}"] = count(rng, w * 0.04)
        v[f"t3.carried/{c}"] = min(count(rng, w * 0.04),
                                   v[f"t3.total/{c}"] + v[f"t3.carry_next/{c}"])
        v[f"t3.new/{c}"] = v[f"t3.total/{c}"] + v[f"t3.carry_next/{c}"] - v[f"t3.carried/{c}"]
    for r in rows:
        v[f"{r}/total"] = sum(v[f"{r}/{c}"] for c in forms.T3_APPLICANTS)


def _draw_t4(rng, d, s):
    v = d.values
    for b, w in (("review", 0.06), ("direct", 0.02), ("after", 0.015)):
        parts = [count(rng, s * w * k) for k in (0.5, 0.2, 0.3, 0.2)]
        for (c, _), x in zip(forms.T4_COLUMNS, parts):
            v[f"t4.{b}/{c}"] = x
        v[f"t4.{b}/total"] = sum(parts)


def _draw_t2(rng, d, form_id, s):
    v = d.values
    big = {"t2.license": 60, "t2.other_services": 20, "t2.penalty": 40, "t2.enforcement": 3}
    for item in forms.t2_items(form_id):
        for row_id, _ in item.rows:
            for col, _ in item.columns:
                cid = f"{row_id}/{col}"
                if col in item.amount_columns:
                    amount(rng, d, cid, s * 30)
                elif col == "change":
                    v[cid] = rng.choice((0, 0, 1, -1)) * count(rng, max(s * 0.05, 0.3))
                    d.kinds[cid] = "signed"
                elif col in ("decisions",):
                    v[cid] = count(rng, s * big.get(row_id, 5))
                elif col in ("valid", "public_total", "previous"):
                    v[cid] = count(rng, min(s, 30) * (0.8 if row_id == "t2.rules" else 3))
                else:
                    v[cid] = count(rng, min(s, 30) * (0.02 if row_id == "t2.rules" else 0.3))


# ---- printing ---------------------------------------------------------------------------------


def draw_style(rng):
    fw = rng.choices(("none", "all", "some"), weights=(88, 8, 4))[0]
    sprinkle = rng.choices((0.0, 0.01, 0.03, 0.06), weights=(60, 15, 15, 10))[0]
    return Style(fullwidth=fw, thousands=rng.random() < 0.3, sprinkle=sprinkle,
                 plus_sign=rng.random() < 0.3)


def number_text(value, kind, decimals, thousands, fullwidth, plus_sign=False):
    """The printed form of a number (no randomness: a slip reuses it)."""
    if kind == "amount" and decimals:
        body = f"{abs(value):,.{decimals}f}" if thousands else f"{abs(value):.{decimals}f}"
    else:
        body = f"{abs(int(value)):,}" if thousands else str(abs(int(value)))
    if value < 0:
        body = "-" + body
    elif plus_sign and kind == "signed" and value > 0:
        body = "+" + body
    return body.translate(FULLWIDTH) if fullwidth else body


def print_cells(rng, data, style, ids):
    """The printed cells for the cell ids `ids` (in order), with blanks and marks sprinkled."""
    out = {}
    for cid in ids:
        value = data.values[cid]
        kind = data.kinds.get(cid, "count")
        decimals = data.decimals.get(cid, 0)
        fullwidth = style.fullwidth == "all" or (style.fullwidth == "some" and rng.random() < 0.3)
        r = rng.random()
        if r < style.sprinkle * 0.4:
            out[cid] = Cell(cid, "", "blank", None, kind=kind)
        elif r < style.sprinkle:
            out[cid] = Cell(cid, rng.choice(NA_MARKS), "not_applicable", None, kind=kind)
        elif value == 0 and style.sprinkle and rng.random() < 0.03:
            out[cid] = Cell(cid, "零", "zero", 0, kind=kind)
        else:
            text = number_text(value, kind, decimals, style.thousands, fullwidth, style.plus_sign)
            out[cid] = Cell(cid, text, "zero" if value == 0 else "number", value, decimals,
                            fullwidth, kind)
    return out


# ---- the planted slip -------------------------------------------------------------------------


def numeric(cell):
    return cell is not None and cell.status in ("number", "zero")


def slip_candidates(idents, cells, exclude=()):
    """(identity, cell id) pairs where changing the cell must break an error-severity equality:
    every operand of the identity is printed as a number."""
    out = []
    for ident in idents:
        if ident.kind != "eq" or ident.severity != "error":
            continue
        ops = ident.left + ident.right
        if all(numeric(cells.get(c)) for c in ops):
            out.extend((ident, c) for c in ops if c not in exclude and cells[c].kind == "count")
    return out


def plant_slip(rng, idents, cells, style, exclude=()):
    """A copy of `cells` with one value changed; returns (new cells, slip description) or
    (cells, None) when no identity is fully printed."""
    cands = slip_candidates(idents, cells, exclude)
    if not cands:
        return cells, None
    ident, cid = rng.choice(cands)
    old = cells[cid]
    delta = rng.choice((1, 1, 2, 3, 10, -1, -1, -2, -10, 100))
    new_value = old.value + delta
    if new_value < 0 or new_value == old.value:
        new_value = old.value + abs(delta)
    text = number_text(new_value, old.kind, 0, style.thousands, old.fullwidth)
    new = dict(cells)
    new[cid] = replace(old, text=text, value=new_value,
                       status="zero" if new_value == 0 else "number")
    return new, {"id": cid, "identity": ident.name, "old": old.value, "new": new_value,
                 "old_text": old.text, "new_text": text}
