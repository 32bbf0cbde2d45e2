#!/usr/bin/env python3
"""The text-layer property of the PDF: generated reports (tests/gen/gen.py, every table layout
family, every encoding) typeset by `nianbao pdf` give back every Chinese character of the input
through `pdftotext` — each one as many times as the input has it (tables drawn as grids, their
pipes and box lines gone, but never a cell's text). Cases whose input has page footers are left
out (a footer and a table header repeated after it are not the report's text, and are not
typeset); their reading is the table test's concern.

    pdftext.py --cases 40 --tap        TAP lines for tests/run
    NIANBAO=build/nianbao pdftext.py --cases 300

Python 3 standard library, poppler-utils (pdftotext).
"""

import collections
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import pdfcases  # noqa: E402
import gen  # noqa: E402


FLOOR = 98.0  # percent of cases whose every Chinese character comes back


def han(text):
    return collections.Counter(ch for ch in text if "\u3400" <= ch <= "\u9fff")


def main(argv=None):
    args = pdfcases.arguments(__doc__, "NB_PDFTEXT_CASES", argv=argv)
    if args is None:
        return
    checked, lost, examples, seed = 0, 0, [], args.seed0
    with tempfile.TemporaryDirectory(prefix="nb-pdftext-") as d:
        while checked < args.cases and seed < args.seed0 + 20 * args.cases:
            case = gen.generate(seed, None, None, False)
            seed += 1
            if "pages" in case.tags:
                continue
            src = os.path.join(d, "case.txt")
            pdf = os.path.join(d, "case.pdf")
            with open(src, "wb") as f:
                f.write(case.data)
            # (the tables as printed: --tables form sets a bound table with the form's labels
            # instead, whose figures formtables.py checks)
            r = subprocess.run([args.nianbao, "pdf", "--tables", "source", src, "-o", pdf],
                               capture_output=True,
                               env=dict(os.environ, SOURCE_DATE_EPOCH="0"))
            checked += 1
            if r.returncode != 0:
                lost += 1
                examples.append(f"seed {case.seed} {case.family}: exit {r.returncode} "
                                f"{r.stderr.decode('utf-8', 'replace')[:120]}")
                continue
            out = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"], capture_output=True)
            want, got = han(case.text), han(out.stdout.decode("utf-8", "replace"))
            missing = want - got
            if missing:
                lost += 1
                examples.append(f"seed {case.seed} {case.family} {case.form}: "
                                f"{sum(missing.values())} characters missing, e.g. "
                                f"{''.join(list(missing.elements())[:12])}")
    # Known gap: the aligned family's reader drops a few label pieces from its model (a header
    # row's words merged away, one character of a side label spread over lines): 4 of 400 cases,
    # all aligned. The floor it must not fall below; every other family is whole.
    ok = checked > 0 and 100.0 * (checked - lost) / checked >= FLOOR
    text = (f"every Chinese character of {checked} generated reports (all layouts and encodings) "
            f"comes back from pdftotext: {checked - lost} of {checked} (>= {FLOOR}%)"
            f"{' # known gap: aligned tables, tests/gen/README.md' if lost else ''}")
    pdfcases.summary(args.tap, ok, text, examples, most=10)


if __name__ == "__main__":
    main()
