#!/usr/bin/env python3
"""The property test of run-together text: generated reports (tests/gen/gen.py, one table cell per
line, as a web page's table comes out of a crawl) with their line breaks taken away the ways web
crawls and copy-paste archives lose them, read back by nianbao and compared with the same report
read with its line breaks.

Modes (how the lines are joined into one):
  indent   every line opened by two U+3000 (a web page's paragraph indent)
  space    one blank between lines
  fused    nothing between lines: a table's labels and figures run together
Each case also draws: the title on a line of its own or at the head of the body, and a crawl's
header above it (标题： 发布时间： … ==== 正文 ====).

Properties, per case:
  (a) title, agency and year read as from the line-broken text;
  (b) the headings of levels 1 and 2 (marker and title) the same as from the line-broken text;
  (c) the prose figures the same (pattern and value) as from the line-broken text;
  (d) table cells bound as from the line-broken text (indent, space: a web page's cells are parted
      by blanks; fused: none is bound, and none may be bound wrong); a cell the line-broken text
      gives right is not given wrong;
  (e) clean data gives no FAIL finding of severity error; a fused table gives an error finding
      (doc.coverage), so the exit status is 1; a planted slip is found, or said out loud.

    flattest.py --cases 300                  figures per mode
    flattest.py --cases 300 --tap            the same, with TAP lines for tests/run
    flattest.py --seed 17 --mode fused --show    one case's flattened text

The binary is $NIANBAO (default ./nianbao). Python 3 standard library only.
"""

import argparse
import collections
import json
import os
import random
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import gen  # noqa: E402
import proptest  # noqa: E402
from proptest import pct  # noqa: E402

MODES = ("indent", "space", "fused")
NUMERIC = ("number", "zero")
# What must hold, per mode, in percent of cases (headings and figures) or cells (bound).
FLOORS = {"headings": 99.0, "figures": 99.0, "meta": 100.0}
# Known gap: where single blanks part the cells, a blank inside a cell (统 计 指 标, a label
# pdftotext wrapped, 2018 年) looks like one between cells, and the reading loses a little of what
# the line breaks told (1,000 seeds: 193 of 98,971 cells, 0.2 %). The floor it must not fall below.
NEWLY_WRONG = {"space": 0.3}
# cells bound to the truth's value: at most this many points below the line-broken reading
BOUND_MARGIN = {"indent": 0.5, "space": 0.5}


def flatten(case, mode, rng):
    """The case's text with its line breaks lost, as a string; and what was drawn."""
    lines = [ln.strip(" \t\u3000") for ln in case.text.replace("\r\n", "\n").split("\n")]
    lines = [ln for ln in lines if ln]
    n = next((i for i, ln in enumerate(lines[:3]) if "报告" in ln or "報告" in ln), 0) + 1
    title, body = "".join(lines[:n]), lines[n:]  # a title wrapped over lines is one line
    apart = rng.random() < 0.5
    crawl = rng.random() < 0.3
    if not apart:
        body = lines[:n] + body
    join = {"indent": "", "space": " ", "fused": ""}[mode]
    prefix = "\u3000\u3000" if mode == "indent" else ""
    text = join.join(prefix + ln for ln in body)
    head = ""
    if crawl:
        head = (f"标题: {title}\n发布时间: {case.year + 1}-01-20 09:00\n文号: \n发布机构: \n"
                "==================== 正文 ====================\n")
    if apart:
        head += title + "\n"
    return head + text + "\n", {"apart": apart, "crawl": crawl}


def run(nianbao, command, paths):
    # (each report on its own: generated reports are no agency's years)
    years = ["--no-years"] if command == "check" else []
    proc = subprocess.run([nianbao, command] + years + ["--format", "json"] + paths,
                          capture_output=True,
                          timeout=600)
    out = {}
    for line in proc.stdout.decode("utf-8", "replace").splitlines():
        if line.strip():
            obj = json.loads(line)
            out[obj["file"]] = obj
    return out


def headings(obj):
    got = []

    def walk(sections):
        for s in sections:
            if s["level"] <= 2:
                got.append((s["level"], s["marker"].strip(), "".join(s["title"].split())))
            walk(s.get("sections", []) or s.get("children", []))
    walk(obj.get("sections", []))
    return got


def figures(obj):
    return sorted((f.get("pattern") or "", str(f.get("value"))) for f in obj.get("figures", []))


def same_value(e, o):
    if e["status"] in NUMERIC:
        return o.get("status") in NUMERIC and o.get("value") is not None and \
            abs(float(o["value"]) - float(e["value"])) < 1e-6
    return o.get("status") == e["status"]


def run_batch(task):
    seeds, opts = task
    stats, examples = collections.Counter(), []
    with tempfile.TemporaryDirectory(prefix="nb-flat-") as tmp:
        items = []
        for seed in seeds:
            for mode in opts["modes"]:
                slip = seed % 3 == 0
                case = gen.generate(seed, "cells", opts["form"], slip)
                if slip and case.slip is None:
                    continue
                rng = random.Random(f"{seed}-{mode}")
                text, drawn = flatten(case, mode, rng)
                base = os.path.join(tmp, f"s{seed}-{mode}{'-slip' if slip else ''}")
                with open(base + "-lines.txt", "wb") as f:
                    f.write(case.data)
                with open(base + "-flat.txt", "w", encoding="utf-8") as f:
                    f.write(text)
                items.append((seed, mode, case, drawn, base))
        paths = [b + s for *_, b in items for s in ("-lines.txt", "-flat.txt")]
        ext = run(opts["nianbao"], "extract", paths)
        chk = run(opts["nianbao"], "check", [b + "-flat.txt" for *_, b in items])
    for seed, mode, case, drawn, base in items:
        ref, got, fnd = ext.get(base + "-lines.txt"), ext.get(base + "-flat.txt"), \
            chk.get(base + "-flat.txt")
        tag = f"seed {seed} {mode}{' slip' if case.slip else ''}" \
              f"{' crawl' if drawn['crawl'] else ''}{' apart' if drawn['apart'] else ''}"
        k = lambda m: (mode, m)  # noqa: E731
        stats[k("cases")] += 1
        if ref is None or got is None or fnd is None:
            stats[k("no_output")] += 1
            examples.append((mode, "no_output", tag))
            continue
        norm = lambda v: "".join(v.split()) if isinstance(v, str) else v  # noqa: E731
        meta = all(norm(ref.get(x)) == norm(got.get(x)) for x in ("title", "agency", "year"))
        stats[k("meta")] += meta
        if not meta:
            examples.append((mode, "meta", f"{tag}: " + ", ".join(
                f"{x} {ref.get(x)!r}→{got.get(x)!r}" for x in ("title", "agency", "year")
                if ref.get(x) != got.get(x))))
        truth = [(lv, m, "".join(h.split())) for lv, m, h in case.headings]
        hr, hg = headings(ref), headings(got)
        stats[k("ref_headings")] += hr == truth
        stats[k("headings")] += hg == truth
        if hg != truth:
            diff = [f"missing {h[1]}{h[2]}" for h in truth if h not in hg][:2] + \
                [f"extra {h[1]}{h[2][:30]}" for h in hg if h not in truth][:2]
            examples.append((mode, "headings", f"{tag}: {diff}"))
        fr, fg = figures(ref), figures(got)
        stats[k("figures")] += fr == fg
        if fr != fg:
            examples.append((mode, "figures", f"{tag}: only lines {sorted(set(fr) - set(fg))[:3]}"
                             f" only flat {sorted(set(fg) - set(fr))[:3]}"))
        cells = {c["id"]: c for c in got.get("cells", [])}
        wrong = [(e, cells[e["id"]]) for e in case.truth
                 if e["id"] in cells and not same_value(e, cells[e["id"]])]
        rcells = {c["id"]: c for c in ref.get("cells", [])}

        def confident(obj, cid):  # the cell's form table was read with confidence
            table = cid.split(".")[0] if cid[:3] in ("t2.", "t3.", "t4.") else "main"
            return any(r.get("table") == table and r.get("confidence") == "high"
                       for r in obj.get("readings", []))
        if not case.slip:
            stats[k("ref_bound")] += sum(1 for e in case.truth if e["id"] in rcells and
                                         same_value(e, rcells[e["id"]]))
            stats[k("ref_wrong")] += sum(1 for e in case.truth if e["id"] in rcells and
                                         not same_value(e, rcells[e["id"]]))
            stats[k("cells")] += len(case.truth)
            stats[k("bound")] += sum(1 for e in case.truth if e["id"] in cells and
                                     same_value(e, cells[e["id"]]))
            stats[k("wrong")] += len(wrong)
            newly = [(e, o) for e, o in wrong if e["id"] in rcells and same_value(e, rcells[e["id"]])]
            stats[k("newly_wrong")] += len(newly)
            if newly:
                examples.append((mode, "newly_wrong", f"{tag}: " + "; ".join(
                    f"{e['id']} want {e['text']!r} got {o.get('raw')!r}" for e, o in newly[:3])))
            sure = [(e, o) for e, o in wrong if confident(got, e["id"])]
            stats[k("wrong_sure")] += len(sure)
            stats[k("ref_wrong_sure")] += sum(
                1 for e in case.truth if e["id"] in rcells and
                not same_value(e, rcells[e["id"]]) and confident(ref, e["id"]))
            if sure:
                examples.append((mode, "wrong_sure", f"{tag}: " + "; ".join(
                    f"{e['id']} want {e['text']!r} got {o.get('raw')!r}" for e, o in sure[:3])))
            if wrong:
                examples.append((mode, "wrong", f"{tag}: " + "; ".join(
                    f"{e['id']} want {e['text']!r} got {o.get('raw')!r}" for e, o in wrong[:3])))
        findings = fnd.get("findings", [])
        errors = [f for f in findings if f.get("severity") == "error"]
        fails = [f for f in errors if f.get("status") == "FAIL"]
        if not case.slip:
            stats[k("clean_fail")] += bool(fails)
            if fails:
                examples.append((mode, "clean_fail", f"{tag}: " + "; ".join(
                    f"{f['rule']}: {f.get('message', '')[:80]}" for f in fails[:2])))
        fused = any(b["kind"] == "fused_table" for b in got.get("blocks", []))
        stats[k("fused")] += fused
        if fused:
            cov = any(f.get("rule") == "doc.coverage" for f in errors)
            stats[k("fused_said")] += cov
            if not cov:
                examples.append((mode, "fused_silent", tag))
        if case.slip:
            stats[k("slips")] += 1
            sid = case.slip["id"]
            found = any(f.get("status") == "FAIL" for f in errors)
            said = found or sid not in cells or any(
                f.get("status") == "UNCERTAIN" and f.get("severity") in ("error", "warning")
                for f in findings)
            stats[k("slips_found")] += found
            stats[k("slips_said")] += said
            if not said:
                examples.append((mode, "slip_silent", f"{tag}: {sid} {case.slip['old']}→"
                                 f"{case.slip['new']}"))
    return stats, examples


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", type=int, default=int(os.environ.get("NB_FLAT_CASES", 300)))
    ap.add_argument("--seed0", type=int, default=1)
    ap.add_argument("--seed", type=int, help="with --show: one case")
    ap.add_argument("--mode", choices=MODES)
    ap.add_argument("--form", choices=("gov-2008", "gov-2019", "gov-2021"))
    ap.add_argument("--slip", action="store_true")
    ap.add_argument("--show", action="store_true", help="print the flattened text of --seed")
    ap.add_argument("--nianbao", default=os.environ.get("NIANBAO", "./nianbao"))
    ap.add_argument("--jobs", type=int, default=min(os.cpu_count() or 2, 8))
    ap.add_argument("--batch", type=int, default=50)
    ap.add_argument("--tap", action="store_true")
    ap.add_argument("--examples", type=int, default=3)
    args = ap.parse_args(argv)
    if args.show:
        case = gen.generate(args.seed, "cells", args.form, args.slip)
        mode = args.mode or "indent"
        text, _ = flatten(case, mode, random.Random(f"{args.seed}-{mode}"))
        sys.stdout.write(text)
        return
    if not os.path.exists(args.nianbao):
        sys.exit(f"flattest: no binary at {args.nianbao} (set NIANBAO or build with make)")
    opts = {"nianbao": os.path.abspath(args.nianbao), "form": args.form,
            "modes": [args.mode] if args.mode else list(MODES)}
    stats, examples = proptest.run_seeds(run_batch, args, opts)
    lines, checks = [], []
    for mode in opts["modes"]:
        g = lambda m: stats[(mode, m)]  # noqa: E731
        n = g("cases")
        if not n:
            continue
        lines.append(f"{mode}: {n} cases; title/agency/year {g('meta')} and figures "
                     f"{g('figures')} as with line breaks; headings as written {g('headings')} "
                     f"(with line breaks {g('ref_headings')}); cells bound "
                     f"{g('bound')}/{g('cells')} ({pct(g('bound'), g('cells')):.1f}%; with line "
                     f"breaks {pct(g('ref_bound'), g('cells')):.1f}%), wrong "
                     f"{g('wrong')} (with line breaks {g('ref_wrong')}), of them in tables read with "
                     f"confidence {g('wrong_sure')} (with line breaks {g('ref_wrong_sure')}); fused tables {g('fused')} (said {g('fused_said')}); clean "
                     f"FAIL {g('clean_fail')}; slips found {g('slips_found')}/{g('slips')}, said "
                     f"out loud {g('slips_said')}/{g('slips')}")
        for name in ("meta", "headings", "figures"):
            checks.append((pct(g(name), n) >= FLOORS[name],
                           f"{mode}: {name} as {'written' if name == 'headings' else 'read with line breaks'} in {g(name)} of {n} cases "
                           f"({pct(g(name), n):.1f}% >= {FLOORS[name]}%)"))
        limit = NEWLY_WRONG.get(mode, 0.05)
        checks.append((pct(g("newly_wrong"), g("cells")) <= limit,
                       f"{mode}: cells the line-broken text gives right and the run-together one "
                       f"wrong: {g('newly_wrong')} of {g('cells')} (<= {limit}%)"
                       f"{' # known gap, see tests/gen/README.md' if mode in NEWLY_WRONG else ''}"))
        if mode in BOUND_MARGIN:
            short = pct(g("ref_bound"), g("cells")) - pct(g("bound"), g("cells"))
            checks.append((short <= BOUND_MARGIN[mode],
                           f"{mode}: cells bound {pct(g('bound'), g('cells')):.1f}%, with line "
                           f"breaks {pct(g('ref_bound'), g('cells')):.1f}% (at most "
                           f"{BOUND_MARGIN[mode]} points fewer)"))
        checks.append((g("clean_fail") == 0, f"{mode}: clean reports with an error FAIL: "
                       f"{g('clean_fail')}"))
        checks.append((g("fused_said") == g("fused") and (mode != "fused" or g("fused") == n),
                       f"{mode}: fused tables said out loud {g('fused_said')} of {g('fused')}"))
        checks.append((g("slips_said") == g("slips"), f"{mode}: slips found or said out loud "
                       f"{g('slips_said')} of {g('slips')}"))
        checks.append((g("no_output") == 0, f"{mode}: every file read ({g('no_output')} not)"))
    shown = collections.Counter()
    for mode, kind, text in sorted(examples):
        shown[(mode, kind)] += 1
        if shown[(mode, kind)] <= args.examples:
            lines.append(f"  {mode} {kind}: {text}")
    if args.tap:
        for i, (ok, text) in enumerate(checks, 1):
            print(f"{'ok' if ok else 'not ok'} {i} - {text}")
        print(f"1..{len(checks)}")
        for line in lines:
            print("# " + line)
    else:
        print("\n".join(lines))
        for ok, text in checks:
            print(("  " if ok else "  FAILED ") + text)


if __name__ == "__main__":
    main()
