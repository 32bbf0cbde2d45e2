#!/usr/bin/env python3
"""Page breaks of `nianbao pdf`, read back from the PDF (issue 18 C): no page but the last ends
with a heading, a table title or any block kept with what follows it (the title, 附件, a
subtitle), whole or its first lines; and no table cell is split over two pages. Checked on the
sample, the five real reports and generated reports (tests/gen/gen.py, every table layout), each
typeset twice: with --tables source (every table as printed) and with --tables form, the default,
where a table read with confidence, every printed figure bound, is set in its form's layout.

How it reads the PDF back: the blocks and tables come from `nianbao extract` (what the program
read, not what it drew); each page's lines from `pdftotext -layout` (the page number, `— N —`,
left out), each page's text in drawing order from `pdftotext -raw` (a cell's lines are drawn one
after another, so a cell kept on one page is found whole in that page's text). With --tables form
the tables set in the form's layout are told from extract's readings and cells as
src/report_pdf.c tells them (form_layout); for those the form's rows are checked instead of the
printed cells: a row label of 4 characters or more is whole on a page, and the row's figures
(extract's `raw`) are the first figures drawn after it on that page, whatever header text stands
between (a row whose label the PDF does not print whole, as a header shape may say it otherwise:
its figures together on one page). Header rows are not looked at, so a header repeated on a new
page, or set in another shape, changes nothing.

    pagebreaks.py --cases 40 --tap        TAP lines for tests/run
    NIANBAO=build/nianbao pagebreaks.py FILE...

Python 3 standard library, poppler-utils (pdftotext).
"""

import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)

import pdfcases  # noqa: E402

KEPT = {"title", "subtitle", "heading", "table_title", "attachment", "attachment_title"}
PAGE_NUMBER = re.compile(r"^\s*—\s*\d+\s*—\s*$")
REAL = ["examples/guandu-2017.txt"] + [
    "tests/data/real/" + f for f in ("2024_huaian_layout.txt", "2024_huaian_raw.txt",
                                     "2024_shanghai_kewei.txt", "2025_shanghai_bgt.txt",
                                     "2025_shuyang_xian.txt")]


def squeeze(s):
    return re.sub(r"\s+", "", s)


def page_texts(pdf, mode):
    """Each page's text, in order: one pdftotext run for the whole document (it ends every page
    with a form feed), the same text as one run per page."""
    out = subprocess.run(["pdftotext", mode, "-enc", "UTF-8", pdf, "-"], capture_output=True,
                         check=True)
    pages = out.stdout.decode("utf-8", "replace").split("\f")
    return pages[:-1] if pages and pages[-1] == "" else pages


def without_page_numbers(text):
    return "\n".join(l for l in text.split("\n") if not PAGE_NUMBER.match(l))


def kept_texts(doc):
    """The squeezed texts of the blocks that must not end a page (a heading with its marker), and
    those of the lines that may (other blocks, table cells): a page's last line that is one of
    these cannot be told from them, and is not taken for a kept block."""
    kept, others = [], set()
    for b in doc["blocks"]:
        t = squeeze((b.get("marker") or "") + (b.get("text") or ""))
        if t and b["kind"] in KEPT:
            kept.append(t)
        elif t:
            others.add(t)
    for t in doc["tables"]:
        for row in t["rows"]:
            others.update(squeeze(c["text"] or "") for c in row["cells"])
    return kept, others


def form_groups():
    """The group labels of the forms (a row's "groups": 三、本年度办理结果, （三）不予公开), squeezed:
    set from the form, each is a row of its own over the rows under it."""
    out = set()
    for name in os.listdir(os.path.join(ROOT, "forms")):
        if name.endswith(".json"):
            with open(os.path.join(ROOT, "forms", name), encoding="utf-8") as f:
                form = json.load(f)
            for t in form.get("tables", []):
                for row in t.get("rows", []):
                    out.update(squeeze(g) for g in row.get("groups", []))
    return out


def group_rows(doc, tables):
    """The squeezed labels of the groups the reader found beside the rows of the document
    tables whose indices are in tables (set as a row of its own above them); with the forms'
    group labels (printed as a row without values, or set from the form), the rows a page must
    not end with: a group row is kept with the row after it. (A row of a label alone is not
    taken for one: pdftotext leaves pieces of wrapped labels as such rows.)"""
    out = set(FORM_GROUPS)
    for k in tables:
        for row in doc["tables"][k]["rows"]:
            if row.get("group"):
                out.add(squeeze(row["group"]))
    return out


def cells_of(doc, tables=None):
    """The squeezed texts of the table cells long enough to be told apart (4 characters or more;
    a cell taller than most of a page may be split, so very long ones are left out): of every
    document table, or of those whose indices are in tables."""
    out = []
    for k, t in enumerate(doc["tables"]):
        if tables is not None and k not in tables:
            continue
        for row in t["rows"]:
            for c in row["cells"]:
                s = squeeze(c["text"] or "")
                if 4 <= len(s) <= 200:
                    out.append((s, row["line"]))
    return out


# ---- tables set in their form's layout (--tables form) -------------------------------------

VALUE_MARKS = ("０", "１", "２", "３", "４", "５", "６", "７", "８", "９", "—", "－", "．", "，", "％",
               "零", "无", "不适用")


def value_like(s):
    """A figure or a mark standing for one (as src/report_pdf.c value_like): a number, 零, a
    dash, 无, 不适用."""
    if not s:
        return False
    i = 0
    while i < len(s):
        if s[i] in "0123456789.,%-/ ":
            i += 1
            continue
        m = next((m for m in VALUE_MARKS if s.startswith(m, i)), None)
        if m is None:
            return False
        i += len(m)
    return True


def form_grid(doc, tid):
    """The bound cells of form table tid as rows of the same two or more columns (as
    src/report_pdf.c gather), or None."""
    cells = [c for c in doc["cells"] if c["id"].startswith(tid + ".")]
    key = lambda c: c["id"].split("/")[0]  # noqa: E731  (a row: the id before the '/')
    cols = 0
    while cols < len(cells) and cells[cols]["column"] and key(cells[cols]) == key(cells[0]):
        cols += 1
    if cols < 2 or len(cells) % cols:
        return None
    if not all(c["column"] and c["column"] == cells[j % cols]["column"] and
               key(c) == key(cells[j - j % cols]) for j, c in enumerate(cells)):
        return None
    return [cells[j:j + cols] for j in range(0, len(cells), cols)]


def printed_all_bound(doc, sources, grid):
    """Whether every figure printed in the document tables sources (outside header rows) is a
    cell of grid: the same line and text, each cell taken once (src/report_pdf.c)."""
    free = [c for row in grid for c in row]
    for k in sources:
        for row in doc["tables"][k]["rows"]:
            if row["header"]:
                continue
            for tc in row["cells"]:
                text = tc["text"] or ""
                if not value_like(text):
                    continue
                line = tc["line"] or row["line"]
                j = next((j for j, c in enumerate(free) if c["line"] == line and
                          c["raw"] == text), None)
                if j is None:
                    return False
                del free[j]
    return True


FORM_GROUPS = form_groups()

# the form tables the forms print across (their "layout": 表四, one row of its fifteen values
# under headings; its rows' labels are not printed)
ACROSS = {"t4"}


def form_layout(doc):
    """The form tables `pdf --tables form` sets in the form's layout, as src/report_pdf.c decides
    (form_reading): the first reading that names a document table decides it; read with high
    confidence, its bound cells a grid, every figure printed in its document tables bound. A
    dict: the indices of those document tables -> the form rows set where the first of them
    stood (the others set nothing: []), each (label, [its figures as printed, in column order,
    blanks left out], line)."""
    readings = doc.get("readings", [])
    first = {}
    for i, rd in enumerate(readings):
        for k in rd["sources"]:
            first.setdefault(k, i)
    out = {}
    for i, rd in enumerate(readings):
        mine = [k for k in rd["sources"] if first[k] == i]
        if not mine or rd["confidence"] != "high":
            continue
        grid = form_grid(doc, rd["table"])
        if grid is None or not printed_all_bound(doc, rd["sources"], grid):
            continue
        rows = [(row[0]["row"] or "", [squeeze(c["raw"] or "") for c in row
                                       if squeeze(c["raw"] or "")], row[0]["line"])
                for row in grid]
        if rd["table"] in ACROSS:  # (one row of every value, no row labels)
            rows = [("", [f for _, figures, _ in rows for f in figures], rows[0][2])]
        for k in mine:
            out[k] = rows if k == rd["sources"][0] else []
    return out


class Page:
    """A page's text in drawing order (pdftotext -raw, its page number left out): its tokens,
    the squeezed text with where each token begins in it, and its figures: the tokens that are
    value_like or one of marks (what a form row printed otherwise: 無, 不適用)."""

    def __init__(self, text, marks=()):
        self.tokens = without_page_numbers(text).split()
        self.marks = set(marks)
        self.text = "".join(self.tokens)
        self.starts, at = [], 0
        for t in self.tokens:
            self.starts.append(at)
            at += len(t)
        self.figures = [t for t in self.tokens if self.figure(t)]

    def figure(self, t):
        return value_like(t) or t in self.marks

    def figures_after(self, end):
        """The figures drawn after squeezed position end (the rest of a token it ends within
        counts as a token)."""
        out = []
        for t, at in zip(self.tokens, self.starts):
            if at + len(t) <= end:
                continue
            piece = t[end - at:] if at < end else t
            if self.figure(piece):
                out.append(piece)
        return out


def has_run(seq, run):
    return any(seq[i:i + len(run)] == run for i in range(len(seq) - len(run) + 1))


def form_row_problems(rows, pages):
    """A form row (its label and its figures) split over two pages: a label of 4 characters or
    more drawn whole on no page but its head on one page and its tail on the next (whatever
    stands between: the figures, a header repeated), or drawn whole without its figures following
    it on that page (its figures are the first figures drawn after it, whatever header text
    stands between). A label the PDF prints whole nowhere, not even so split (a header shape that
    says it otherwise: 行政诉讼 over 未经复议直接起诉), leaves the figures: one run of them on one
    page. The header rows are not looked at."""
    problems = []
    for label, figures, line in rows:
        where = f"the form row '{label}' (line {line})"
        lab = squeeze(label)
        found = [(p, m.start()) for p, page in enumerate(pages, 1)
                 for m in re.finditer(re.escape(lab), page.text)] if len(lab) >= 4 else []
        if found:
            if figures and not any(page_after[:len(figures)] == figures for page_after in
                                   (pages[p - 1].figures_after(at + len(lab)) for p, at in found)):
                on = ", ".join(str(p) for p, page in enumerate(pages, 1)
                               if has_run(page.figures, figures)) or "none"
                problems.append(f"{where}: its figures {' '.join(figures)} do not follow its "
                                f"label on page {', '.join(str(p) for p, _ in found)} "
                                f"(pages where they stand together: {on})")
            continue
        split = [p for p in range(1, len(pages)) for k in range(1, len(lab))
                 if len(lab) >= 4 and lab[:k] in pages[p - 1].text and lab[k:] in pages[p].text]
        if split:
            problems.append(f"{where}: its label is split between pages {split[0]} and "
                            f"{split[0] + 1}")
        elif figures and not any(has_run(page.figures, figures) for page in pages):
            problems.append(f"{where}: its figures {' '.join(figures)} are on no page together")
    return problems


def check(nianbao, src, workdir, tables="source", doc=None, same_as=None):
    """The problems of one input's PDF made with --tables tables (an empty list when there are
    none), and what was checked (check_pdf). doc: the input's extract JSON when already read.
    same_as: (the PDF made the other way, its result): that result again when the two PDFs are
    the same bytes and no table is set in the form's layout (the two checks are then one)."""
    pdf = os.path.join(workdir, f"out-{tables}.pdf")
    r = subprocess.run([nianbao, "pdf", "--tables", tables, src, "-o", pdf], capture_output=True,
                       env=dict(os.environ, SOURCE_DATE_EPOCH="0"))
    if r.returncode != 0:
        return [f"pdf exit {r.returncode}: {r.stderr.decode('utf-8', 'replace')[:200]}"], {}
    if doc is None:
        doc = extract(nianbao, src)
        if isinstance(doc, str):
            return [doc], {}
    if same_as and not form_layout(doc) and os.path.exists(same_as[0]):
        with open(pdf, "rb") as a, open(same_as[0], "rb") as b:
            if a.read() == b.read():
                return same_as[1][0], {"form_tables": 0, "form_rows": 0}
    return check_pdf(pdf, doc, tables)


def check_pdf(pdf, doc, tables="source"):
    """The problems of pdf, made from the input whose extract JSON is doc with --tables tables,
    and what was checked: {"form_tables": n, "form_rows": n}."""
    kept, others = kept_texts(doc)
    # --tables source: every table as printed, whose cells extract lists; --tables form: the
    # tables set in the form's layout show the form's rows instead (form_layout), the others
    # as printed
    form = form_layout(doc) if tables == "form" else {}
    rows = [row for k in sorted(form) for row in form[k]]
    for label, figures, _ in rows:
        others.add(squeeze(label))
    cells = cells_of(doc, [k for k in range(len(doc["tables"])) if k not in form])
    checked = {"form_tables": sum(1 for k in form if form[k]), "form_rows": len(rows)}
    groups = group_rows(doc, [k for k in range(len(doc["tables"])) if k not in form])
    problems = []
    layout = page_texts(pdf, "-layout")
    n = len(layout)
    for p, text in enumerate(layout[:-1], 1):
        lines = [squeeze(l) for l in text.split("\n")]
        lines = [l for l in lines if l and not PAGE_NUMBER.match(l)]
        if not lines:
            continue
        last = lines[-1]
        if last in groups:
            problems.append(f"page {p} ends with the group row '{last}' (its rows on the next)")
            continue
        for k in kept if last not in others else []:
            if last == k or (len(last) >= 4 and k.startswith(last) and len(k) > len(last)):
                problems.append(f"page {p} ends with '{last}' (a block kept with the next)")
                break
    raw = page_texts(pdf, "-raw")
    if len(raw) != n:
        problems.append(f"pdftotext gives {n} pages with -layout, {len(raw)} with -raw")
    squeezed = [squeeze(t) for t in raw]
    for s, line in cells:
        if not any(s in page for page in squeezed):
            problems.append(f"the cell '{s}' of the row at line {line} is on no page whole")
    marks = {f for _, figures, _ in rows for f in figures if not value_like(f)}
    problems += form_row_problems(rows, [Page(t, marks) for t in raw])
    return problems, checked


def extract(nianbao, src):
    """`nianbao extract` of src, or a problem."""
    r = subprocess.run([nianbao, "extract", src], capture_output=True,
                       env=dict(os.environ, SOURCE_DATE_EPOCH="0"))
    if r.returncode != 0:
        return f"extract exit {r.returncode}"
    return json.loads(r.stdout)


def generated(count, seed0):
    import gen  # noqa: E402  (tests/gen)
    seed = seed0
    made = 0
    while made < count and seed < seed0 + 20 * count:
        case = gen.generate(seed, None, None, False)
        seed += 1
        made += 1
        yield f"seed {case.seed} {case.family}", case.data


SAYS = {"source": "no page ends with a heading or table title, no table cell split over two "
                  "pages",
        "form": "--tables form: no page ends with a heading or table title, no form row (its "
                "label, its figures) nor printed table cell split over two pages"}


def main(argv=None):
    args = pdfcases.arguments(__doc__, "NB_PAGEBREAK_CASES", files=True, argv=argv)
    if args is None:
        return
    n, failed = 0, 0

    def tap(ok, text, problems):
        nonlocal n, failed
        n += 1
        failed += not ok
        print(f"{'ok' if ok else 'not ok'} {n} - {text}")
        for p in problems[:8]:
            print("# " + p)

    with tempfile.TemporaryDirectory(prefix="nb-pagebreaks-") as d:
        inputs = [(f, None) for f in (args.files or [os.path.join(ROOT, f) for f in REAL])]
        if not args.files:
            inputs += [(name, data) for name, data in generated(args.cases, args.seed0)]
        bad = {"source": [], "form": []}
        checked_generated, form_cases, form_rows = 0, 0, 0
        for name, data in inputs:
            src = name
            if data is not None:
                src = os.path.join(d, "case.txt")
                with open(src, "wb") as f:
                    f.write(data)
            doc = extract(args.nianbao, src)
            results = {}
            for mode in ("source", "form"):
                same = (os.path.join(d, "out-source.pdf"), results["source"]) \
                    if mode == "form" else None
                results[mode] = ([doc], {}) if isinstance(doc, str) else \
                    check(args.nianbao, src, d, mode, doc, same)
            if data is None:
                label = os.path.relpath(name, ROOT) if name.startswith(ROOT) else name
                for mode in ("source", "form"):
                    problems, seen = results[mode]
                    what = (f" ({seen['form_tables']} tables set in the form's layout, "
                            f"{seen['form_rows']} form rows)" if seen and mode == "form" else "")
                    tap(not problems, f"{label}: {SAYS[mode]}{what}", problems)
            else:
                checked_generated += 1
                seen = results["form"][1]
                form_cases += seen.get("form_tables", 0) > 0
                form_rows += seen.get("form_rows", 0)
                for mode in ("source", "form"):
                    if results[mode][0]:
                        bad[mode].append(f"{name}: {results[mode][0][0]}")
        if checked_generated:
            tap(not bad["source"], f"{checked_generated} generated reports: {SAYS['source']}",
                bad["source"])
            tap(not bad["form"], f"{checked_generated} generated reports, {SAYS['form']} "
                f"({form_cases} with a table set in its form's layout, {form_rows} form rows)",
                bad["form"])
    print(f"1..{n}")
    if not args.tap:
        sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
