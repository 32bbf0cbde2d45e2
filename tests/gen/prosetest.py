#!/usr/bin/env python3
"""Property test of prose figures over generated phrasings (prose.py): every stated figure bound
to its statistic (or named as one of two it may mean), none bound to another, no figure read
from a sentence that states none, no prose FAIL on matching data, and every slipped figure a
FAIL citing its line. Prints figures per statistic; with --tap ends with TAP lines.

    NIANBAO=build/nianbao python3 tests/gen/prosetest.py --cases 2000 [--tap] [--examples 5]
"""

import argparse
import collections
import os
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import prose  # noqa: E402
import proptest  # noqa: E402
from proptest import pct  # noqa: E402

THRESHOLD_BOUND = 98.0  # percent of stated figures bound to the right statistic


def figures_at(obj, line):
    return [f for f in obj.get("figures", []) if f.get("line") == line]


def read_numbers(obj, cells):
    """Whether the report's output binds every one of these cells to a number."""
    got = {c.get("id"): c for c in obj.get("cells", [])}
    return all(got.get(i, {}).get("status") in ("number", "zero") for i in cells)


def run(nianbao, seeds, slip_every, examples):
    stats = collections.Counter()
    per = collections.defaultdict(collections.Counter)
    shown = collections.defaultdict(list)
    with tempfile.TemporaryDirectory(prefix="nb-prose-") as tmp:
        cases = []
        for seed in seeds:
            for slip in ((False, True) if seed % slip_every == 0 else (False,)):
                c = prose.generate(seed, slip)
                p = os.path.join(tmp, f"{seed}{'-slip' if slip else ''}.txt")
                with open(p, "wb") as f:
                    f.write(c.data)
                cases.append((p, c, slip))
        out = {}
        for i in range(0, len(cases), 100):
            got, err = proptest.run_binary(nianbao, [p for p, _, _ in cases[i:i + 100]])
            out.update(got)
        for p, c, slip in cases:
            obj = out.get(p)
            tag = f"seed {c.seed}{' --slip' if slip else ''}"
            if obj is None:
                stats["no_output"] += 1
                shown["no_output"].append(tag)
                continue
            claimed = set()
            for st in c.statements:
                s = per[st.stat]
                s["stated"] += 1
                stats["stated"] += 1
                figs = figures_at(obj, st.line)
                mine = [f for f in figs if f.get("pattern") == st.stat]
                maybe = [f for f in figs if f.get("alternative") == st.stat]
                if mine:
                    s["bound"] += 1
                    stats["bound"] += 1
                    claimed.add(id(mine[0]))
                elif maybe:
                    s["either"] += 1
                    stats["either"] += 1
                    claimed.add(id(maybe[0]))
                else:
                    other = [f for f in figs if abs(float(f["value"]) - st.value) < 1e-9
                             and f.get("pattern") != st.stat]
                    key = "wrong" if other else "missing"
                    s[key] += 1
                    stats[key] += 1
                    if other:
                        claimed.add(id(other[0]))
                    shown[key].append(f"{tag}: {st.stat} “{st.text}” line {st.line}"
                                      + (f" bound to {other[0].get('pattern')}" if other else ""))
            # figures from no statement: bound where nothing was stated
            for f in obj.get("figures", []):
                if id(f) in claimed:
                    continue
                if any(f.get("line") == st.line and f.get("pattern") == st.stat
                       for st in c.statements):
                    continue
                if f.get("line", 0) > max([st.line for st in c.statements] + [0]) + 3:
                    continue  # the report's own prose after the statements (gen.py's) is not ours
                stats["extra"] += 1
                shown["extra"].append(f"{tag}: {f.get('pattern')} “{f.get('text')}” line "
                                      f"{f.get('line')}")
            fails = [f for f in obj.get("findings", []) if f.get("rule", "").startswith("prose.")
                     and f.get("status") == "FAIL"]
            # totals, parts and shares: checked against each other
            bd = getattr(c, "breakdown", None)
            bfails = [f for f in fails if f.get("rule") in ("prose.parts", "prose.share")]
            fails = [f for f in fails if f not in bfails]
            if bd is not None and bd.slip:
                stats["bd_slips"] += 1
                if any(f.get("rule") == bd.rule and f.get("line") == bd.line for f in bfails):
                    stats["bd_found"] += 1
                else:
                    shown["bd_missed"].append(f"{tag}: {bd.rule} “{bd.text}” line {bd.line}")
            elif bfails:
                stats["bd_false"] += 1
                shown["bd_false"].append(f"{tag}: " + "; ".join(
                    f"{f['rule']}@{f.get('line')}: {f.get('message', '')[:90]}" for f in bfails))
            if bd is not None:
                stats["bd"] += 1
            if not slip:
                stats["clean"] += 1
                if fails:
                    stats["clean_fail"] += 1
                    shown["clean_fail"].append(f"{tag}: " + "; ".join(
                        f"{f['rule']}@{f.get('line')}: {f.get('message', '')[:90]}" for f in fails))
            elif c.slip is not None and not read_numbers(obj, c.slip.cells):
                # the table the figure speaks of was not read (a table matter, not the prose's)
                stats["slips_unread"] += 1
                shown["slip_unread"].append(f"{tag}: {c.slip.stat} “{c.slip.text}”")
            elif c.slip is not None:
                stats["slips"] += 1
                per[c.slip.stat]["slips"] += 1
                hit = [f for f in fails if f.get("line") == c.slip.line]
                unsure = [f for f in obj.get("findings", []) if f.get("status") == "UNCERTAIN"
                          and f.get("rule", "").startswith("prose.")
                          and f.get("line") == c.slip.line]
                if hit:
                    stats["slips_found"] += 1
                    per[c.slip.stat]["slips_found"] += 1
                elif unsure:  # the table's cell not read with confidence: said out loud
                    stats["slips_uncertain"] += 1
                    shown["slip_uncertain"].append(f"{tag}: {c.slip.stat} “{c.slip.text}”")
                else:
                    shown["slip_missed"].append(f"{tag}: {c.slip.stat} “{c.slip.text}” line "
                                                f"{c.slip.line} (table {c.slip.table_value})")
    return stats, per, shown


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", type=int, default=int(os.environ.get("NB_PROSE_CASES", 1000)))
    ap.add_argument("--seed0", type=int, default=1)
    ap.add_argument("--slip-every", type=int, default=2)
    ap.add_argument("--nianbao", default=os.environ.get("NIANBAO", "./nianbao"))
    ap.add_argument("--tap", action="store_true")
    ap.add_argument("--examples", type=int, default=3)
    a = ap.parse_args(argv)
    seeds = range(a.seed0, a.seed0 + a.cases)
    stats, per, shown = run(a.nianbao, seeds, a.slip_every, a.examples)
    say = (lambda s: print("# " + s)) if a.tap else print
    say(f"prose phrasings: {a.cases} seeds, {stats['clean']} clean reports, {stats['slips']} "
        f"slipped, {stats['stated']} stated figures")
    say(f"{'statistic':12s} {'stated':>7s} {'bound':>7s} {'either':>7s} {'wrong':>6s} "
        f"{'missing':>7s} {'slips':>11s}")
    for name in sorted(per):
        s = per[name]
        say(f"{name:12s} {s['stated']:7d} {s['bound']:7d} {s['either']:7d} {s['wrong']:6d} "
            f"{s['missing']:7d} {s['slips_found']:5d}/{s['slips']:<5d}")
    right = stats["bound"] + stats["either"]
    say(f"all: bound {right} of {stats['stated']} ({pct(right, stats['stated']):.2f}%; "
        f"{stats['either']} as one of two), wrong {stats['wrong']}, missing {stats['missing']}, "
        f"extra {stats['extra']}, clean FAIL {stats['clean_fail']}, slips "
        f"{stats['slips_found']}/{stats['slips']} ({stats['slips_uncertain']} UNCERTAIN where "
        f"the table's cell is unsure; {stats['slips_unread']} more where the table was not "
        f"read)")
    say(f"totals with parts or shares: {stats['bd']} sentences, FAIL where none is due "
        f"{stats['bd_false']}, slips found {stats['bd_found']}/{stats['bd_slips']}")
    for kind in ("wrong", "missing", "extra", "clean_fail", "slip_missed", "slip_uncertain",
                 "slip_unread", "bd_false", "bd_missed", "no_output"):
        for ex in shown[kind][:a.examples]:
            say(f"  {kind}: {ex}")
    if a.tap:
        checks = [
            (pct(right, stats["stated"]) >= THRESHOLD_BOUND,
             f"stated figures bound to their statistic: {right} of {stats['stated']} "
             f"({pct(right, stats['stated']):.2f}% >= {THRESHOLD_BOUND}%)"),
            (stats["wrong"] == 0, f"figures bound to another statistic: {stats['wrong']}"),
            (stats["extra"] == 0, f"figures read where none is stated: {stats['extra']}"),
            (stats["clean_fail"] == 0, f"matching reports with a prose FAIL: "
             f"{stats['clean_fail']} of {stats['clean']}"),
            (stats["slips_found"] + stats["slips_uncertain"] == stats["slips"],
             f"slipped figures found: {stats['slips_found']} of {stats['slips']}, the others "
             f"UNCERTAIN (the table's cell unsure): {stats['slips_uncertain']}"),
            (stats["bd_false"] == 0, f"totals, parts and shares: a FAIL where none is due: "
             f"{stats['bd_false']} of {stats['bd']}"),
            (stats["bd_found"] == stats["bd_slips"], f"totals, parts and shares: slips found "
             f"{stats['bd_found']} of {stats['bd_slips']}"),
            (stats["no_output"] == 0, f"reports without output: {stats['no_output']}"),
        ]
        for i, (ok, text) in enumerate(checks, 1):
            print(f"{'ok' if ok else 'not ok'} {i} - {text}")
        print(f"1..{len(checks)}")
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
