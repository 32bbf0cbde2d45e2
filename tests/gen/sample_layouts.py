#!/usr/bin/env python3
"""tests/gen/sample_layouts.py — the sample report (examples/guandu-2017.txt) with its table
rewritten in the other layouts archives hold: one cell per line (pdftotext), columns aligned with
spaces (pdftotext -layout), box drawing, tab-separated. Each version must give the same cells
(id, value) and the same error findings (rule) as the pipe original: 58 cells and four errors.
Prints TAP; exit 1 on a difference.

    NIANBAO=./nianbao python3 tests/gen/sample_layouts.py [--show LAYOUT]
"""
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SAMPLE = os.path.join(ROOT, "examples", "guandu-2017.txt")


def width(s):
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in s)


def pad(s, w):
    return s + " " * max(0, w - width(s))


def split_table(lines):
    """The sample's pipe table: (first line index, rows of [label, unit, value]), end index."""
    start = next(i for i, l in enumerate(lines) if l.count("|") >= 2)
    end = start
    rows = []
    while end < len(lines) and lines[end].count("|") >= 2:
        cells = [c.strip() for c in lines[end].split("|")]
        rows.append(cells[:3])
        end += 1
    return start, rows, end


def cells_layout(rows):
    out = []
    for label, unit, value in rows:
        for t in (label, unit, value):
            if t:
                out += [t, ""]
    return out


def aligned_layout(rows):
    lw = max(width(r[0]) for r in rows) + 4
    out = []
    for label, unit, value in rows:
        out.append(pad(label, lw) + pad(unit, 10) + value)
    return out


def box_layout(rows):
    lw = max(width(r[0]) for r in rows) + 2
    rule = lambda l, m, r: l + "─" * (lw // 1) + m + "─" * 8 + m + "─" * 8 + r  # noqa: E731
    out = [rule("┌", "┬", "┐")]
    for k, (label, unit, value) in enumerate(rows):
        out.append("│" + pad(label, lw) + "│" + pad(unit, 8) + "│" + pad(value, 8) + "│")
        out.append(rule("├", "┼", "┤") if k + 1 < len(rows) else rule("└", "┴", "┘"))
    return out


def tab_layout(rows):
    return ["\t".join(r) for r in rows]


LAYOUTS = {"cells": cells_layout, "aligned": aligned_layout, "box": box_layout, "tab": tab_layout}


def run(binary, text, tmp):
    path = os.path.join(tmp, "sample.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    p = subprocess.run([binary, "check", "--format", "json", path], capture_output=True)
    d = json.loads(p.stdout)
    cells = {c["id"]: c.get("value") if c.get("value") is not None else c["status"]
             for c in d["cells"]}
    errors = sorted(f["rule"] for f in d["findings"]
                    if f["status"] == "FAIL" and f["severity"] == "error")
    return cells, errors


def main(argv):
    binary = os.environ.get("NIANBAO", os.path.join(ROOT, "nianbao"))
    with open(SAMPLE, encoding="utf-8") as f:
        lines = f.read().split("\n")
    start, rows, end = split_table(lines)
    if "--show" in argv:
        print("\n".join(LAYOUTS[argv[argv.index("--show") + 1]](rows)))
        return 0
    failed, n = 0, 0
    with tempfile.TemporaryDirectory(prefix="nb-sample-") as tmp:
        want_cells, want_errors = run(binary, "\n".join(lines), tmp)
        n += 1
        ok = len(want_cells) == 58 and len(want_errors) == 4
        print(f"{'ok' if ok else 'not ok'} {n} - the pipe original: {len(want_cells)} cells "
              f"(58), errors {want_errors}")
        failed += not ok
        for name, render in LAYOUTS.items():
            text = "\n".join(lines[:start] + render(rows) + lines[end:])
            cells, errors = run(binary, text, tmp)
            n += 1
            diff = sorted(k for k in set(cells) | set(want_cells) if cells.get(k) != want_cells.get(k))
            ok = not diff and errors == want_errors
            print(f"{'ok' if ok else 'not ok'} {n} - {name}: {len(cells)} cells, errors {errors}")
            if not ok:
                failed += 1
                for k in diff[:8]:
                    print(f"# {k}: want {want_cells.get(k)!r}, got {cells.get(k)!r}")
    print(f"1..{n}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
