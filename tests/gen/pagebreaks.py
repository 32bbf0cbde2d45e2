#!/usr/bin/env python3
"""Page breaks of `nianbao pdf`, read back from the PDF (issue 18 C): no page but the last ends
with a heading, a table title or any block kept with what follows it (the title, 附件, a
subtitle), whole or its first lines; and no table cell is split over two pages. Checked on the
sample, the five real reports and generated reports (tests/gen/gen.py, every table layout).

How it reads the PDF back: the blocks and tables come from `nianbao extract` (what the program
read, not what it drew); each page's lines from `pdftotext -layout -f P -l P` (the page number,
`— N —`, left out), each page's text in drawing order from `pdftotext -raw` (a cell's lines are
drawn one after another, so a cell kept on one page is found whole in that page's text).

    pagebreaks.py --cases 40 --tap        TAP lines for tests/run
    NIANBAO=build/nianbao pagebreaks.py FILE...

Python 3 standard library, poppler-utils (pdftotext, pdfinfo).
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


def pdftotext(pdf, page, *mode):
    out = subprocess.run(["pdftotext", *mode, "-enc", "UTF-8", "-f", str(page), "-l", str(page),
                          pdf, "-"], capture_output=True, check=True)
    return out.stdout.decode("utf-8", "replace")


def pages_of(pdf):
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, check=True).stdout.decode()
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


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
            others.update(squeeze(c["text"]) for c in row["cells"])
    return kept, others


def cells_of(doc):
    """The squeezed texts of the table cells long enough to be told apart (4 characters or more;
    a cell taller than most of a page may be split, so very long ones are left out)."""
    out = []
    for t in doc["tables"]:
        for row in t["rows"]:
            for c in row["cells"]:
                s = squeeze(c["text"])
                if 4 <= len(s) <= 200:
                    out.append((s, row["line"]))
    return out


def check(nianbao, src, workdir):
    """The problems of one input's PDF (an empty list when there are none)."""
    pdf = os.path.join(workdir, "out.pdf")
    env = dict(os.environ, SOURCE_DATE_EPOCH="0")
    # (the tables as printed, whose cells extract lists: --tables form sets a bound table with
    # the form's labels instead)
    r = subprocess.run([nianbao, "pdf", "--tables", "source", src, "-o", pdf], capture_output=True,
                       env=env)
    if r.returncode != 0:
        return [f"pdf exit {r.returncode}: {r.stderr.decode('utf-8', 'replace')[:200]}"]
    r = subprocess.run([nianbao, "extract", src], capture_output=True, env=env)
    if r.returncode != 0:
        return [f"extract exit {r.returncode}"]
    doc = json.loads(r.stdout)
    (kept, others), cells = kept_texts(doc), cells_of(doc)
    problems, raw = [], []
    n = pages_of(pdf)
    for p in range(1, n + 1):
        raw.append(squeeze(pdftotext(pdf, p, "-raw")))
        if p == n:
            continue
        lines = [squeeze(l) for l in pdftotext(pdf, p, "-layout").split("\n")]
        lines = [l for l in lines if l and not PAGE_NUMBER.match(l)]
        if not lines:
            continue
        last = lines[-1]
        for k in kept if last not in others else []:
            if last == k or (len(last) >= 4 and k.startswith(last) and len(k) > len(last)):
                problems.append(f"page {p} ends with '{last}' (a block kept with the next)")
                break
    for s, line in cells:
        if not any(s in page for page in raw):
            problems.append(f"the cell '{s}' of the row at line {line} is on no page whole")
    return problems


def generated(count, seed0):
    import gen  # noqa: E402  (tests/gen)
    seed = seed0
    made = 0
    while made < count and seed < seed0 + 20 * count:
        case = gen.generate(seed, None, None, False)
        seed += 1
        made += 1
        yield f"seed {case.seed} {case.family}", case.data


def main(argv=None):
    args = pdfcases.arguments(__doc__, "NB_PAGEBREAK_CASES", files=True, argv=argv)
    if args is None:
        return
    n, failed = 0, 0
    with tempfile.TemporaryDirectory(prefix="nb-pagebreaks-") as d:
        inputs = [(f, None) for f in (args.files or [os.path.join(ROOT, f) for f in REAL])]
        if not args.files:
            inputs += [(name, data) for name, data in generated(args.cases, args.seed0)]
        bad_generated, checked_generated = [], 0
        for name, data in inputs:
            src = name
            if data is not None:
                src = os.path.join(d, "case.txt")
                with open(src, "wb") as f:
                    f.write(data)
            problems = check(args.nianbao, src, d)
            if data is None:
                n += 1
                ok = not problems
                failed += not ok
                label = os.path.relpath(name, ROOT) if name.startswith(ROOT) else name
                print(f"{'ok' if ok else 'not ok'} {n} - {label}: no page ends with a heading "
                      f"or table title, no table cell split over two pages")
                for p in problems[:8]:
                    print("# " + p)
            else:
                checked_generated += 1
                if problems:
                    bad_generated.append(f"{name}: {problems[0]}")
        if checked_generated:
            n += 1
            ok = not bad_generated
            failed += not ok
            print(f"{'ok' if ok else 'not ok'} {n} - {checked_generated} generated reports: no "
                  f"page ends with a heading or table title, no table cell split over two pages")
            for e in bad_generated[:8]:
                print("# " + e)
    print(f"1..{n}")
    if not args.tap:
        sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
