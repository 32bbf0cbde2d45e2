#!/usr/bin/env python3
"""tests/cases/spec.py — runs the examples of tests/cases/spec.md against the nianbao binary.

Each example's input is written to a temporary UTF-8 file and read with
`$NIANBAO extract --format json FILE` (or `check --format json` when the example has `finding`
lines); the JSON is compared with the example's expectations (the language is described at the
top of spec.md). Prints TAP: `ok N - NAME` or `not ok N - NAME` followed by `# ` lines saying
what differed. Exit status 1 when an example failed, 2 when spec.md itself is malformed.

    python3 tests/cases/spec.py [--example NAME]... [--show] [--lint] [--spec FILE]

--show prints the JSON the program wrote; --lint checks only that the spec is well formed and
that every @N points at an input line holding what the expectation says is there (it does not
run the program). Standard library only. Environment: NIANBAO (default ./nianbao), NB_ROOT (the
repository root, default two directories up from this file).
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

FENCE = "`" * 32
BLOCK_KINDS = {"title", "subtitle", "heading", "paragraph", "list_item", "signature", "date",
               "attachment", "attachment_title", "table_title", "table", "note"}
SYNTAXES = {"pipe", "markdown", "tab", "box", "aligned", "cells"}
CELL_STATUSES = {"blank", "not_applicable", "text"}
FINDING_STATUSES = {"PASS", "FAIL", "UNCERTAIN", "NOT_ASSESSABLE"}


class SpecError(Exception):
    pass


# ---------------------------------------------------------------------------------------------
# Parsing spec.md

class Example:
    def __init__(self, name, line, section):
        self.name, self.line, self.section = name, line, section
        self.input = []          # input lines, escapes replaced
        self.raw_input = []      # input lines as written in spec.md
        self.scalars = {}        # title/agency/year/date/form -> parsed value
        self.sections = None     # list of (level, marker, title, line) or None
        self.blocks = None       # list of dicts
        self.tables = None       # list of dicts with "rows": None or list
        self.cells = None        # dict id -> (status, value, line)
        self.findings = []       # list of (status, rule, line or None)

    @property
    def check(self):
        return bool(self.findings)


def split_at(text):
    """'foo bar @12' -> ('foo bar', 12); 'foo' -> ('foo', None)."""
    m = re.match(r"^(.*?)(?:\s+@(\d+))?$", text)
    return m.group(1), (int(m.group(2)) if m.group(2) else None)


def parse_span(tok, where):
    m = re.fullmatch(r"@(\d+)(?:-(\d+))?", tok)
    if not m:
        raise SpecError(f"{where}: expected @N or @N-M, got {tok!r}")
    return int(m.group(1)), (int(m.group(2)) if m.group(2) else None)


def parse_number(s, where):
    if not re.fullmatch(r"-?\d+(\.\d+)?", s):
        raise SpecError(f"{where}: not a number: {s!r}")
    return float(s) if "." in s else int(s)


def parse_expectation(ex, text, where):
    word, _, rest = text.partition(" ")
    if word in ("title", "agency"):
        value, line = split_at(rest) if word == "title" else (rest, None)
        ex.scalars[word] = ("" if value == "none" else value, line)
    elif word == "year":
        ex.scalars["year"] = (None if rest == "none" else parse_number(rest, where), None)
    elif word == "date":
        value, line = split_at(rest)
        if value != "none" and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise SpecError(f"{where}: date must be YYYY-MM-DD or none")
        ex.scalars["date"] = (None if value == "none" else value, line)
    elif word == "form":
        ex.scalars["form"] = (None if rest == "none" else rest, None)
    elif word == "section":
        if ex.sections is None:
            ex.sections = []
        if rest == "none":
            return
        m = re.fullmatch(r"([1-4]) (\S+) (.+?) @(\d+)", rest)
        if not m:
            raise SpecError(f"{where}: section LEVEL MARKER TITLE @N")
        ex.sections.append((int(m.group(1)), m.group(2), m.group(3), int(m.group(4))))
    elif word == "block":
        parts = rest.split(" ", 2)
        if len(parts) < 2 or parts[0] not in BLOCK_KINDS:
            raise SpecError(f"{where}: block KIND @N[-M] [TEXT] with a known KIND")
        line, end = parse_span(parts[1], where)
        if ex.blocks is None:
            ex.blocks = []
        ex.blocks.append({"kind": parts[0], "line": line, "end": end,
                          "text": parts[2] if len(parts) > 2 else None})
    elif word == "table":
        parts = rest.split(" ")
        if len(parts) != 2 or parts[0] not in SYNTAXES:
            raise SpecError(f"{where}: table SYNTAX @N[-M] with a known SYNTAX")
        line, end = parse_span(parts[1], where)
        if ex.tables is None:
            ex.tables = []
        ex.tables.append({"syntax": parts[0], "line": line, "end": end, "rows": None})
    elif word == "row":
        if not ex.tables:
            raise SpecError(f"{where}: a row line must follow a table line")
        head, bar, cells = rest.partition("|")
        toks = head.split()
        if not toks:
            raise SpecError(f"{where}: row @N …")
        line, _ = parse_span(toks[0], where)
        row = {"line": line, "header": False, "group": None, "cells": None}
        for t in toks[1:]:
            if t == "header":
                row["header"] = True
            elif t.startswith("group="):
                row["group"] = t[len("group="):]
            else:
                raise SpecError(f"{where}: unknown row attribute {t!r}")
        if bar:
            if not cells.rstrip().endswith("|"):
                raise SpecError(f"{where}: the cells of a row end with '|'")
            row["cells"] = [c.strip() for c in cells.rstrip()[:-1].split("|")]
        table = ex.tables[-1]
        if table["rows"] is None:
            table["rows"] = []
        table["rows"].append(row)
    elif word == "cell":
        m = re.fullmatch(r"(\S+) (?:= (\S+)|(\S+)) @(\d+)", rest)
        if not m:
            raise SpecError(f"{where}: cell ID = NUMBER @N or cell ID STATUS @N")
        if ex.cells is None:
            ex.cells = {}
        if m.group(1) in ex.cells:
            raise SpecError(f"{where}: cell {m.group(1)} given twice")
        if m.group(2) is not None:
            value = parse_number(m.group(2), where)
            status = "zero" if value == 0 else "number"
        else:
            status, value = m.group(3), None
            if status not in CELL_STATUSES:
                raise SpecError(f"{where}: cell status must be one of {sorted(CELL_STATUSES)}")
        ex.cells[m.group(1)] = (status, value, int(m.group(4)))
    elif word == "finding":
        m = re.fullmatch(r"(\S+) (\S+)(?: @(\d+))?", rest)
        if not m or (m.group(1) not in FINDING_STATUSES and
                     not (m.group(1) == "none" and not m.group(3))):
            raise SpecError(f"{where}: finding STATUS RULE [@N] or finding none RULE")
        ex.findings.append((m.group(1), m.group(2), int(m.group(3)) if m.group(3) else None))
    else:
        raise SpecError(f"{where}: unknown expectation {word!r}")


def parse_spec(path):
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    examples, section, i = [], "", 0
    names = set()
    while i < len(lines):
        line = lines[i]
        if line.startswith("## "):
            section = line[3:].strip()
        m = re.fullmatch(FENCE + r" example (\S+)(?: pending: (.+))?", line)
        if not m:
            if line.startswith(FENCE):
                raise SpecError(f"{path}:{i + 1}: a fence that opens no example")
            i += 1
            continue
        ex = Example(m.group(1), i + 1, section)
        ex.pending = m.group(2)  # a known failure, with the reason: TAP TODO
        if ex.name in names:
            raise SpecError(f"{path}:{i + 1}: example {ex.name} given twice")
        names.add(ex.name)
        i += 1
        in_input = True
        while True:
            if i >= len(lines):
                raise SpecError(f"{path}:{ex.line}: example {ex.name} is not closed")
            line = lines[i]
            if line == FENCE:
                break
            if in_input and line == ".":
                in_input = False
            elif in_input:
                ex.raw_input.append(line)
                ex.input.append(line.replace("→", "\t").replace("␌", "\f"))
            elif line.strip():
                parse_expectation(ex, line, f"{path}:{i + 1}")
            i += 1
        if in_input:
            raise SpecError(f"{path}:{ex.line}: example {ex.name} has no '.' line")
        examples.append(ex)
        i += 1
    return examples


# ---------------------------------------------------------------------------------------------
# Comparing

def show(v):
    return json.dumps(v, ensure_ascii=False)


def block_text(b):
    """A block's text as the spec writes it: marker + text for headings and list items."""
    text = b.get("text")
    if text is None:
        return None
    return (b.get("marker") or "") + text


def fmt_block(kind, line, end, text):
    s = f"block {kind} @{line}" + (f"-{end}" if end is not None else "")
    return s + (f" {text}" if text is not None else "")


def compare_list(label, want, got, diffs):
    """want and got are lists of strings already rendered at the same level of detail."""
    if want == got:
        return
    diffs.append(f"{label}: want {len(want)}, got {len(got)}; first difference at "
                 f"#{next((i + 1 for i, (a, b) in enumerate(zip(want, got)) if a != b), min(len(want), len(got)) + 1)}")
    n = max(len(want), len(got))
    for i in range(n):
        w = want[i] if i < len(want) else "(none)"
        g = got[i] if i < len(got) else "(none)"
        mark = "  " if w == g else "! "
        if w == g:
            diffs.append(f"{mark}{w}")
        else:
            diffs.append(f"{mark}want: {w}")
            diffs.append(f"{mark}got:  {g}")


def compare_scalars(ex, d, diffs):
    for key, (value, line) in ex.scalars.items():
        if key == "form":
            if d.get("form") != value:
                diffs.append(f"form: want {show(value)}, got {show(d.get('form'))}")
            if value is None and d.get("cells"):
                diffs.append(f"form none: want no bound cells, got {len(d['cells'])}")
            continue
        if d.get(key) != value:
            diffs.append(f"{key}: want {show(value)}, got {show(d.get(key))}")
        if line is not None:
            got_line = d.get("title_line" if key == "title" else "date_line")
            if got_line != line:
                diffs.append(f"{key} line: want {line}, got {show(got_line)}")


def compare_sections(ex, d, diffs):
    if ex.sections is None:
        return
    want = [f"section {lv} {mk} {t} @{ln}" for lv, mk, t, ln in ex.sections]
    got = [f"section {s.get('level')} {s.get('marker')} {s.get('title')} @{s.get('line')}"
           for s in d.get("sections") or []]
    compare_list("sections", want, got, diffs)


def compare_blocks(ex, d, diffs):
    if ex.blocks is None:
        return
    got_blocks = d.get("blocks") or []
    want, got = [], []
    for i in range(max(len(ex.blocks), len(got_blocks))):
        w = ex.blocks[i] if i < len(ex.blocks) else None
        g = got_blocks[i] if i < len(got_blocks) else None
        # render got at the detail the expectation asks for (full detail past its end)
        with_end = w is None or w["end"] is not None
        with_text = w is None or w["text"] is not None
        if w is not None:
            want.append(fmt_block(w["kind"], w["line"], w["end"], w["text"]))
        if g is not None:
            got.append(fmt_block(g.get("kind"), g.get("line"),
                                 g.get("end_line") if with_end else None,
                                 block_text(g) if with_text and g.get("kind") != "table" else None))
    compare_list("blocks", want, got, diffs)


def fmt_row(line, header, group, cells):
    s = f"row @{line}" + (" header" if header else "") + (f" group={group}" if group else "")
    if cells is not None:
        s += " | " + " | ".join(cells) + " |"
    return s


def compare_tables(ex, d, diffs):
    if ex.tables is None:
        return
    got_tables = d.get("tables") or []
    want = [f"table {t['syntax']} @{t['line']}" + (f"-{t['end']}" if t["end"] else "")
            for t in ex.tables]
    got = []
    for i, g in enumerate(got_tables):
        w = ex.tables[i] if i < len(ex.tables) else None
        end = g.get("end_line") if (w is None or w["end"]) else None
        got.append(f"table {g.get('syntax')} @{g.get('line')}" + (f"-{end}" if end else ""))
    compare_list("tables", want, got, diffs)
    for i, w in enumerate(ex.tables):
        if w["rows"] is None or i >= len(got_tables):
            continue
        g_rows = got_tables[i].get("rows") or []
        want_r, got_r = [], []
        for j in range(max(len(w["rows"]), len(g_rows))):
            wr = w["rows"][j] if j < len(w["rows"]) else None
            gr = g_rows[j] if j < len(g_rows) else None
            if wr is not None:
                want_r.append(fmt_row(wr["line"], wr["header"], wr["group"], wr["cells"]))
            if gr is not None:
                cells = None
                if wr is None or wr["cells"] is not None:
                    cells = [c.get("text") if isinstance(c, dict) else c
                             for c in gr.get("cells") or []]
                got_r.append(fmt_row(gr.get("line"), gr.get("header"), gr.get("group"), cells))
        compare_list(f"table {i + 1} ({w['syntax']} @{w['line']}) rows", want_r, got_r, diffs)


def fmt_cell(cid, status, value, line):
    if status in ("number", "zero"):
        v = value
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        return f"cell {cid} = {v} @{line}"
    return f"cell {cid} {status} @{line}"


def same_value(a, b):
    try:
        return a is not None and b is not None and abs(float(a) - float(b)) < 1e-9
    except (TypeError, ValueError):
        return False


def compare_cells(ex, d, diffs):
    if ex.cells is None:
        return
    got = {}
    for c in d.get("cells") or []:
        got.setdefault(c.get("id"), c)
    missing, wrong, extra = [], [], []
    for cid, (status, value, line) in ex.cells.items():
        g = got.get(cid)
        want_s = fmt_cell(cid, status, value, line)
        if g is None:
            missing.append(want_s)
            continue
        ok = g.get("status") == status and g.get("line") == line
        if status in ("number", "zero"):
            ok = ok and same_value(g.get("value"), value)
        if not ok:
            got_s = fmt_cell(cid, g.get("status"), g.get("value"), g.get("line"))
            wrong.append(f"want: {want_s}")
            wrong.append(f"got:  {got_s}" + (f"  (raw {show(g.get('raw'))})"))
    for cid, g in got.items():
        if cid not in ex.cells:
            extra.append(fmt_cell(cid, g.get("status"), g.get("value"), g.get("line"))
                         + f"  (raw {show(g.get('raw'))})")
    if missing or wrong or extra:
        diffs.append(f"cells: {len(missing)} missing, {len(wrong) // 2} wrong, "
                     f"{len(extra)} not expected (of {len(ex.cells)} wanted, {len(got)} bound)")
        diffs.extend("missing " + s for s in missing)
        diffs.extend(wrong)
        diffs.extend("not expected: " + s for s in extra)


def compare_findings(ex, d, diffs):
    if not ex.findings:
        return
    got = d.get("findings") or []
    for rule in sorted({r for _, r, _ in ex.findings}):
        # (finding none RULE names the rule with nothing listed: no finding of it but PASS)
        wanted = [(s, ln) for s, r, ln in ex.findings if r == rule and s != "none"]
        of_rule = [f for f in got if f.get("rule") == rule]
        unused = list(of_rule)
        rule_diffs = []
        for status, line in wanted:
            hit = next((f for f in unused if f.get("status") == status
                        and (line is None or f.get("line") == line)), None)
            if hit is None:
                where = f" @{line}" if line is not None else ""
                rule_diffs.append(f"finding {status} {rule}{where}: missing")
            else:
                unused.remove(hit)
        for f in unused:
            if f.get("status") != "PASS":
                rule_diffs.append(f"finding {f.get('status')} {rule} @{f.get('line')}: "
                                  "not expected")
        if rule_diffs:
            diffs.extend(rule_diffs)
            if not of_rule:
                diffs.append(f"  got: no finding of {rule}")
            for f in of_rule:
                diffs.append(f"  got: {f.get('status')} {rule} @{f.get('line')}: "
                             f"{f.get('message')}")


def compare(ex, d):
    diffs = []
    compare_scalars(ex, d, diffs)
    compare_sections(ex, d, diffs)
    compare_blocks(ex, d, diffs)
    compare_tables(ex, d, diffs)
    compare_cells(ex, d, diffs)
    compare_findings(ex, d, diffs)
    return diffs


# ---------------------------------------------------------------------------------------------
# Running

def run_example(ex, binary, tmpdir):
    path = os.path.join(tmpdir, ex.name + ".txt")
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("".join(line + "\n" for line in ex.input))
    cmd = [binary, "check" if ex.check else "extract", "--format", "json", path]
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as e:
        return None, [f"cannot run {' '.join(cmd)}: {e}"]
    allowed = (0, 1) if ex.check else (0,)
    if p.returncode not in allowed:
        err = p.stderr.decode("utf-8", "replace").strip().splitlines()
        return None, [f"{' '.join(cmd[1:3])} exited {p.returncode}"] + err[:10]
    try:
        return json.loads(p.stdout.decode("utf-8")), None
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        return None, [f"the output is not JSON: {e}"]


# ---------------------------------------------------------------------------------------------
# --lint: every @N must point at a line that holds what the expectation says is there

FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def line_has_number(text, value):
    digits = re.findall(r"\d[\d,]*(?:\.\d+)?", text.translate(FULLWIDTH))
    return any(same_value(d.replace(",", ""), value) for d in digits)


def squash(s):
    return re.sub(r"[\s#]", "", s)


def lint(ex):
    problems = []
    n = len(ex.input)

    def at(line, what):
        if line is None:
            return None
        if not 1 <= line <= n:
            problems.append(f"{what}: @{line} is past the input's {n} lines")
            return None
        return ex.input[line - 1]

    for key in ("title", "date"):
        if key in ex.scalars:
            value, line = ex.scalars[key]
            text = at(line, key)
            if text is not None and value and key == "title":
                if not squash(value).startswith(squash(text)[:4]):
                    problems.append(f"title @{line}: line {line} is {text.strip()!r}")
    for lv, mk, title, line in ex.sections or []:
        text = at(line, f"section {mk}")
        if text is not None and squash(mk + title)[:6] not in squash(text):
            problems.append(f"section {mk}{title} @{line}: line {line} is {text.strip()!r}")
    for b in ex.blocks or []:
        text = at(b["line"], f"block {b['kind']}")
        at(b["end"], f"block {b['kind']} end")
        if b["end"] is not None and b["end"] < b["line"]:
            problems.append(f"block {b['kind']} @{b['line']}-{b['end']}: ends before it starts")
        if text is not None and b["text"]:
            if squash(b["text"])[:3] not in squash(text):
                problems.append(f"block {b['kind']} @{b['line']}: line is {text.strip()!r}")
    for t in ex.tables or []:
        at(t["line"], "table")
        at(t["end"], "table end")
        for r in t["rows"] or []:
            text = at(r["line"], "row")
            if text is not None and r["cells"]:
                values = r["cells"][:1] if r["header"] else \
                    [c for c in r["cells"][1:] if c] or r["cells"][:1]
                if values and not squash(values[0]) in squash(text):
                    problems.append(f"row @{r['line']}: {values[0]!r} not on line {r['line']}: "
                                    f"{text.strip()!r}")
    for cid, (status, value, line) in (ex.cells or {}).items():
        text = at(line, f"cell {cid}")
        if text is None:
            continue
        if status in ("number", "zero") and not line_has_number(text, value):
            problems.append(f"cell {cid} = {value} @{line}: line {line} is {text.strip()!r}")
        if status == "blank" and "|" not in text and text.strip():
            problems.append(f"cell {cid} blank @{line}: line {line} is {text.strip()!r}")
    for status, rule, line in ex.findings:
        at(line, f"finding {rule}")
    return problems


# ---------------------------------------------------------------------------------------------

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.environ.get("NB_ROOT") or os.path.dirname(os.path.dirname(here))
    ap = argparse.ArgumentParser(description="Run the examples of tests/cases/spec.md (TAP).")
    ap.add_argument("--example", action="append", metavar="NAME",
                    help="run only this example (may be repeated)")
    ap.add_argument("--show", action="store_true", help="print the JSON the program wrote")
    ap.add_argument("--lint", action="store_true",
                    help="check the spec's line references only; do not run the program")
    ap.add_argument("--spec", default=os.path.join(root, "tests", "cases", "spec.md"))
    args = ap.parse_args()

    try:
        examples = parse_spec(args.spec)
    except (OSError, SpecError) as e:
        print(f"spec.py: {e}", file=sys.stderr)
        return 2
    if args.example:
        known = {ex.name for ex in examples}
        for name in args.example:
            if name not in known:
                print(f"spec.py: no example named {name}", file=sys.stderr)
                return 2
        examples = [ex for ex in examples if ex.name in args.example]

    binary = os.environ.get("NIANBAO") or "./nianbao"
    if not args.lint and not os.access(binary, os.X_OK):
        print(f"spec.py: {binary} is not an executable (set NIANBAO)", file=sys.stderr)
        return 2
    print(f"1..{len(examples)}")
    failed = 0
    with tempfile.TemporaryDirectory(prefix="nb-spec-") as tmpdir:
        for n, ex in enumerate(examples, 1):
            if args.lint:
                diffs = lint(ex)
            else:
                got, diffs = run_example(ex, binary, tmpdir)
                if got is not None:
                    diffs = compare(ex, got)
                    if args.show:
                        for line in json.dumps(got, ensure_ascii=False, indent=1).splitlines():
                            print("# json: " + line)
            if diffs and getattr(ex, "pending", None):
                # the example states the right reading; the program does not reach it yet
                print(f"not ok {n} - {ex.name} # TODO {ex.pending}")
                print(f"# spec.md:{ex.line} ({ex.section})")
                for d in diffs:
                    print("# " + d)
            elif diffs:
                failed += 1
                print(f"not ok {n} - {ex.name}")
                print(f"# spec.md:{ex.line} ({ex.section})")
                for d in diffs:
                    print("# " + d)
            else:
                print(f"ok {n} - {ex.name}" +
                      (" # TODO passes now: drop its 'pending:'" if getattr(ex, "pending", None)
                       else ""))
    if len(examples) > 1:
        print(f"# {len(examples) - failed} of {len(examples)} examples passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
