#!/usr/bin/env python3
"""Tables set in the form's layout (issue 18 F): `nianbao pdf` sets a statistics table read with
high confidence, every printed figure of it bound, from the form (its labels, each value as
printed). Whatever way a table is set, the PDF's text layer gives back every figure: each bound
cell's value as printed (`nianbao extract`'s cells, `raw`) is found in `pdftotext`'s output, as
many times as the cells hold it. In the form's layout, 表四 is one row of fifteen values under
its headings, in the form's order, and 表三's note printed in the report stays in the text. Checked on the sample, the five real reports and generated
reports (tests/gen/gen.py, every table layout), with the default `--tables form` and with
`--tables source`.

    formtables.py --cases 40 --tap        TAP lines for tests/run
    NIANBAO=build/nianbao formtables.py FILE...

Python 3 standard library, poppler-utils (pdftotext).
"""

import collections
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

REAL = ["examples/guandu-2017.txt"] + [
    "tests/data/real/" + f for f in ("2024_huaian_layout.txt", "2024_huaian_raw.txt",
                                     "2024_shanghai_kewei.txt", "2025_shanghai_bgt.txt",
                                     "2025_shuyang_xian.txt")]

# a figure in the text layer: digits (any width) with their decimal point and thousands commas
FIGURE = re.compile(r"[0-9０-９][0-9０-９.,，．]*")


def figures(text):
    return collections.Counter(m.group(0).rstrip(".,，．") for m in FIGURE.finditer(text))


def missing_figures(nianbao, src, d, tables):
    """The bound values (as printed) that the PDF's text does not give back, as many as are
    missing; None and the reason when the report could not be typeset."""
    env = dict(os.environ, SOURCE_DATE_EPOCH="0")
    ex = subprocess.run([nianbao, "extract", src], capture_output=True, env=env)
    if ex.returncode != 0:
        return None, f"extract exit {ex.returncode}"
    cells = json.loads(ex.stdout.decode("utf-8")).get("cells") or []
    want = collections.Counter(c["raw"] for c in cells
                               if c.get("value") is not None and FIGURE.fullmatch(c["raw"] or ""))
    pdf = os.path.join(d, "out.pdf")
    r = subprocess.run([nianbao, "pdf", "--tables", tables, src, "-o", pdf], capture_output=True,
                       env=env)
    if r.returncode != 0:
        return None, f"pdf exit {r.returncode} {r.stderr.decode('utf-8', 'replace')[:120]}"
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"], capture_output=True)
    got = figures(out.stdout.decode("utf-8", "replace"))
    return want - got, ""


def squeeze(s):
    return re.sub(r"\s+", "", s)


NOTE = "本列数据的勾稽关系为"
T4_ROWS = ("t4.review", "t4.direct", "t4.after")
T4_COLS = ("upheld", "corrected", "other", "pending", "total")


def layout_problems(nianbao, src, d):
    """How the form's layout came out (--tables form), as problems: 表四 set from the form is one
    row of its fifteen values under the headings 行政复议 | 行政诉讼 › 未经复议直接起诉, 复议后起诉
    (pdftotext -layout reads the headings' line and the values' line, in the form's order); the
    note of 表三 printed in the report (本列数据的勾稽关系为…) stays in the text layer. Returns
    (problems, whether 表四 was set across)."""
    env = dict(os.environ, SOURCE_DATE_EPOCH="0")
    ex = subprocess.run([nianbao, "extract", src], capture_output=True, env=env)
    cells = {c["id"]: c for c in json.loads(ex.stdout.decode("utf-8")).get("cells") or []}
    pdf = os.path.join(d, "layout.pdf")
    subprocess.run([nianbao, "pdf", src, "-o", pdf], capture_output=True, env=env, check=True)
    text = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", pdf, "-"],
                          capture_output=True).stdout.decode("utf-8", "replace")
    problems, across = [], False
    with open(src, "rb") as f:
        source = f.read().decode("utf-8", "replace")
    if NOTE in squeeze(source) and NOTE not in squeeze(text):
        problems.append("the note of 表三 is not in the text layer")
    lines = text.split("\n")
    heads = [i for i, l in enumerate(lines) if "未经复议直接起诉" in l and "复议后起诉" in l]
    if heads:
        across = True
        want = [cells.get(f"{r}/{c}", {}).get("raw") for r in T4_ROWS for c in T4_COLS]
        rows = [l.split() for l in lines[heads[0]:heads[0] + 12]]
        if None in want or [w for w in want if w] not in rows:  # (a blank cell: no text)
            problems.append(f"表四 across: no line of its fifteen values {want} under its headings")
    return problems, across


def inputs(args, d):
    """(name, path) of the reports to check: FILEs, or the sample, the real reports and
    --cases generated ones."""
    if args.files:
        for f in args.files:
            yield f, f
        return
    for f in REAL:
        yield f, os.path.join(ROOT, f)
    import gen  # noqa: E402 (only for generated cases)
    for seed in range(args.seed0, args.seed0 + args.cases):
        case = gen.generate(seed, None, None, False)
        src = os.path.join(d, f"case{seed}.txt")
        with open(src, "wb") as f:
            f.write(case.data)
        yield f"seed {seed} {case.family} {case.form}", src


def main(argv=None):
    args = pdfcases.arguments(__doc__, "NB_FORMTABLE_CASES", files=True, argv=argv)
    if args is None:
        return
    n, failed, set_across = 0, 0, 0
    with tempfile.TemporaryDirectory(prefix="nb-formtables-") as d:
        for name, src in inputs(args, d):
            n += 1
            problems, across = layout_problems(args.nianbao, src, d)
            set_across += across
            failed += bool(problems)
            text = (f"{name}: 表四 set across in the form's order, 表三's note kept"
                    + ("" if not problems else ": " + "; ".join(problems)))
            pdfcases.line(args.tap, n, not problems, text)
            for tables in ("form", "source"):
                n += 1
                lost, why = missing_figures(args.nianbao, src, d, tables)
                ok = lost is not None and not lost
                failed += not ok
                text = (f"{name} (--tables {tables}): every bound figure is in the PDF's text"
                        + ("" if ok else f": {why or dict(list(lost.items())[:8])} missing"))
                if args.tap:
                    print(f"{'ok' if ok else 'not ok'} {n} - {text}")
                elif not ok:
                    print(text)
    if not args.files:  # (the real reports alone set three: not a check that cannot fail)
        n += 1
        ok = set_across >= 3
        failed += not ok
        text = f"表四 set across the page from the form in {set_across} reports (at least 3)"
        pdfcases.line(args.tap, n, ok, text)
    pdfcases.finish(args.tap, n, failed)


if __name__ == "__main__":
    main()
