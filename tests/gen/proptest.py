#!/usr/bin/env python3
"""The property test of table reading: render generated reports (tests/gen/gen.py) in every
layout family, run `nianbao check --format json` on them, and compare with the truth.

Properties, per case:
  (a) every printed cell is bound: same id, same value (or status blank / not_applicable), and,
      unless blank, the same line; a cell bound to another value is 'wrong' (worse than missing);
  (b) clean data gives no FAIL finding of severity error;
  (c) a planted slip (one value changed so that an equality breaks) gives a FAIL finding whose
      evidence lines include the slipped cell's line.

    proptest.py --cases 2000                 figures per family, form and perturbation
    proptest.py --cases 2000 --tap           the same, plus TAP lines for tests/run
    NIANBAO=build/nianbao proptest.py --seed0 5000 --cases 100 --family box

The binary is $NIANBAO (default ./nianbao); it finds the forms itself (or set NIANBAO_FORMS).
Each worker renders a batch of cases into a temporary directory and runs the binary once on all
of them. Python 3 standard library only.
"""

import argparse
import collections
import json
import multiprocessing
import os
import shlex
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import gen  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(HERE))
THRESHOLD_EXACT = 99.5  # percent of printed cells bound exactly
# One cell per line (pdftotext without -layout) is below the target: where a blank cell printed
# nothing and the identities cannot tell where (zeros on both sides), the binder reads those cells
# unsure and reports what it cannot check as UNCERTAIN (a slip there is flagged, not found). These
# are the figures it must not fall below (README.md); every other property holds as for all.
KNOWN_GAP = {"cells": {"exact": 97.3, "slips_flagged": 99.0}}
EXAMPLE_KINDS = ("wrong", "missing", "line", "clean_fail", "slip_missed", "no_output")
NUMERIC = ("number", "zero")


# ---- one batch (runs in a worker) -------------------------------------------------------------


def case_name(seed, family, form, slip):
    return f"seed{seed:06d}-{family}-{form}{'-slip' if slip else ''}.txt"


def run_batch(task):
    """Render the seeds of one batch, run the binary once, compare. Returns (stats, examples)."""
    seeds, opts = task
    with tempfile.TemporaryDirectory(prefix="nb-gen-") as tmp:
        cases = []
        for seed in seeds:
            for slip in (False, True) if seed % opts["slip_every"] == 0 else (False,):
                case = gen.generate(seed, opts["family"], opts["form"], slip)
                if slip and case.slip is None:
                    continue  # no identity fully printed: nothing to plant
                path = os.path.join(tmp, case_name(seed, case.family, case.form, slip))
                with open(path, "wb") as f:
                    f.write(case.data)
                cases.append((path, case))
        outputs, err = run_binary(opts["nianbao"], [p for p, _ in cases])
        stats = collections.Counter()
        examples = []
        clean_cells = {}
        for path, case in cases:
            out = outputs.get(path)
            result = compare(case, out, err)
            account(stats, case, result)
            examples += [(kind, case.seed, bool(case.slip), detail) for kind, detail in
                         result["examples"]]
            if out is not None and not case.slip:
                clean_cells[case.seed] = {c["id"]: c for c in out.get("cells", [])}
            elif out is not None and case.seed in clean_cells:
                moved = reading_moved(clean_cells[case.seed], out, case.slip["id"])
                stats[("all", "", "slip_reading_moved")] += bool(moved)
                for dim, key in dims(case):
                    stats[(dim, key, "slip_reading_moved")] += bool(moved)
    return stats, examples


def run_binary(nianbao, paths):
    """JSON objects of `nianbao check --format json PATHS…` by file; with an error message when
    the run died (then the files it had not reached have no object)."""
    env = dict(os.environ)
    try:
        proc = subprocess.run([nianbao, "check", "--no-years", "--format", "json"] + paths, env=env,
                              capture_output=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as e:
        return {}, str(e)
    out = {}
    for line in proc.stdout.decode("utf-8", "replace").splitlines():
        line = line.strip()
        if not line:
            continue
        try:
            obj = json.loads(line)
        except ValueError:
            continue
        out[obj.get("file")] = obj
    err = None
    if proc.returncode not in (0, 1) or len(out) < len(paths):
        err = f"exit {proc.returncode}: " + proc.stderr.decode("utf-8", "replace")[-300:]
    return out, err


def same_value(e, o):
    if e["status"] in NUMERIC:
        if o.get("status") not in NUMERIC or o.get("value") is None:
            return False
        return abs(float(o["value"]) - float(e["value"])) < 1e-6
    return o.get("status") == e["status"]


def compare(case, out, err):
    """The properties of one case against the binary's object for it (None: no output)."""
    r = {"cells": len(case.truth), "exact": 0, "wrong": 0, "line": 0, "missing": 0, "extra": 0,
         "fails": [], "slip_found": None, "no_output": out is None, "form_ok": False,
         "examples": []}
    if out is None:
        r["missing"] = len(case.truth)
        r["examples"].append(("no_output", err or "no JSON object for the file"))
        return r
    r["form_ok"] = out.get("form") == case.form
    compare_cells(case, out, r)
    compare_findings(case, out, r)
    if case.slip:  # a slipped case's cells are counted with its clean version only
        r["examples"] = [x for x in r["examples"] if x[0] == "slip_missed"]
    return r


def compare_cells(case, out, r):
    got = {}
    for c in out.get("cells", []):
        got.setdefault(c["id"], c)
    wrong, missing, line = [], [], []
    for e in case.truth:
        o = got.pop(e["id"], None)
        if o is None:
            missing.append(e)
        elif not same_value(e, o):
            wrong.append((e, o))
        elif e["status"] != "blank" and o.get("line") != e["line"]:
            line.append((e, o))
        else:
            r["exact"] += 1
    r["wrong"], r["missing"], r["line"], r["extra"] = len(wrong), len(missing), len(line), len(got)
    if wrong:
        r["examples"].append(("wrong", "; ".join(
            f"{e['id']} want {e['text']!r}@{e['line']} got {o.get('raw')!r}@{o.get('line')}"
            for e, o in wrong[:4])))
    if missing:
        r["examples"].append(("missing", f"{len(missing)} missing, e.g. " + ", ".join(
            f"{e['id']} {e['text']!r}@{e['line']}" for e in missing[:5])))
    if line:
        r["examples"].append(("line", "; ".join(
            f"{e['id']} {e['text']!r} want line {e['line']} got {o.get('line')}"
            for e, o in line[:4])))


def compare_findings(case, out, r):
    findings = out.get("findings", [])
    if case.slip:
        r["slip_found"] = any(f.get("status") == "FAIL" and
                              case.slip["line"] in [ev.get("line") for ev in f.get("evidence", [])]
                              for f in findings)
        # not found but said out loud: a rule over the slipped cell is UNCERTAIN, citing it
        # (or the table holding it could not be read with confidence: one finding, its lines
        # from the first to the last as evidence)
        line = case.slip["line"]
        bound = {c["id"] for c in out.get("cells", [])}
        # (or the slipped cell was not read at all: no rule over it can pass)
        r["slip_flagged"] = r["slip_found"] or case.slip["id"] not in bound or any(
            f.get("status") == "UNCERTAIN" and
            (line in [ev.get("line") for ev in f.get("evidence", [])] + [f.get("line")] or
             (f.get("rule") == "table.reading" and
              min(ev["line"] for ev in f["evidence"]) <= line <=
              max(ev["line"] for ev in f["evidence"])))
            for f in findings)
        if not r["slip_found"]:
            fails = [f"{f['rule']}@{f.get('line')}" for f in findings if f.get("status") == "FAIL"]
            r["examples"].append(("slip_missed", f"slip {case.slip['id']} {case.slip['old']}→"
                                  f"{case.slip['new']} at line {case.slip['line']} "
                                  f"(breaks {case.slip['identity']}); FAILs: {fails[:6]}"))
        return
    r["fails"] = [f for f in findings if f.get("status") == "FAIL" and f.get("severity") == "error"]
    if r["fails"]:
        r["examples"].append(("clean_fail", "; ".join(
            f"{f['rule']}@{f.get('line')}: {f.get('message', '')[:90]}" for f in r["fails"][:3])))


def reading_moved(clean, out, slipped_id):
    """Whether the slipped version was read differently from the clean one beyond the slip."""
    for c in out.get("cells", []):
        if c["id"] == slipped_id:
            continue
        o = clean.get(c["id"])
        if o is None or o.get("value") != c.get("value") or o.get("line") != c.get("line"):
            return True
    return len(out.get("cells", [])) != len(clean)


def dims(case):
    yield "family", case.family
    yield "form", case.form
    yield "family/form", f"{case.family} {case.form}"
    for tag in case.tags:
        if not tag.startswith("enc=") and tag not in ("pages",):
            yield "tag", f"{case.family}:{tag}"
        else:
            yield "tag", tag


def account(stats, case, r):
    for dim, key in list(dims(case)) + [("all", "")]:
        if case.slip:
            stats[(dim, key, "slips")] += 1
            stats[(dim, key, "slips_found")] += bool(r["slip_found"])
            stats[(dim, key, "slips_flagged")] += bool(r.get("slip_flagged"))
            continue
        stats[(dim, key, "cases")] += 1
        for k in ("cells", "exact", "wrong", "line", "missing", "extra"):
            stats[(dim, key, k)] += r[k]
        stats[(dim, key, "form_ok")] += r["form_ok"]
        stats[(dim, key, "no_output")] += r["no_output"]
        stats[(dim, key, "clean_fail_cases")] += bool(r["fails"])
        stats[(dim, key, "clean_fails")] += len(r["fails"])
        stats[(dim, key, "perfect")] += r["exact"] == r["cells"]
        if dim == "family":
            for f in r["fails"]:
                stats[("rule", f"{case.family} {f['rule']}", "clean_fails")] += 1


# ---- the report -------------------------------------------------------------------------------


def run_seeds(batch_fn, args, opts):
    """Runs batch_fn over seeds args.seed0 .. +args.cases in batches of args.batch on args.jobs
    workers; returns the summed Counter and the examples (flattest.py uses it too)."""
    seeds = list(range(args.seed0, args.seed0 + args.cases))
    tasks = [(seeds[i:i + args.batch], opts) for i in range(0, len(seeds), args.batch)]
    stats, examples = collections.Counter(), []
    with multiprocessing.Pool(args.jobs) as pool:
        for s, ex in pool.imap_unordered(batch_fn, tasks):
            stats.update(s)
            examples += ex
    return stats, examples


def pct(a, b):
    return 100.0 * a / b if b else 100.0


def table(stats, dim, keys, out):
    out(f"{dim:<34s} {'cases':>6s} {'cells':>8s} {'exact%':>7s} {'wrong':>7s} {'line':>6s} "
        f"{'missing':>8s} {'extra':>6s} {'form':>5s} {'cleanFAIL':>10s} {'slips':>11s} "
        f"{'moved':>5s}")
    for key in keys:
        g = lambda m: stats[(dim, key, m)]  # noqa: E731
        out(f"{key or 'all':<34s} {g('cases'):>6d} {g('cells'):>8d} "
            f"{pct(g('exact'), g('cells')):>6.2f}% {g('wrong'):>7d} {g('line'):>6d} "
            f"{g('missing'):>8d} {g('extra'):>6d} {pct(g('form_ok'), g('cases')):>4.0f}% "
            f"{g('clean_fail_cases'):>4d}({g('clean_fails'):>4d}) "
            f"{g('slips_found'):>5d}/{g('slips'):<5d} {g('slip_reading_moved'):>5d}")


def keys_of(stats, dim):
    return sorted({k for d, k, _ in stats if d == dim})


def report(stats, examples, args, elapsed, out):
    out(f"generated-layout property test: seeds {args.seed0}..{args.seed0 + args.cases - 1}, "
        f"slip every {args.slip_every} cases, binary {args.nianbao}, {elapsed:.1f} s")
    out("cells: printed cells expected; exact: bound with the same value/status and line; wrong: "
        "bound to another value; line: right value, wrong line; extra: cells bound that the "
        "report does not print; form: share of cases bound to the "
        "right form; cleanFAIL: clean cases with an error FAIL (and the FAILs); slips: found/"
        "planted; moved: slipped cases read differently from their clean version")
    out("")
    table(stats, "all", [""], out)
    out("")
    table(stats, "family", [f for f in gen.FAMILIES if stats[("family", f, "cases")]], out)
    out("")
    table(stats, "form", keys_of(stats, "form"), out)
    out("")
    table(stats, "family/form", keys_of(stats, "family/form"), out)
    if args.tags:
        out("")
        table(stats, "tag", keys_of(stats, "tag"), out)
    rules = sorted(((stats[("rule", k, "clean_fails")], k) for k in keys_of(stats, "rule")),
                   reverse=True)
    if rules:
        out("")
        out("error FAILs on clean data by family and rule: " +
            ", ".join(f"{k} {n}" for n, k in rules[:20]))
    show_examples(examples, args, out)


def replay(seed, family, form, slip):
    flags = f"--seed {seed} --family {family} --form {form}" + (" --slip" if slip else "")
    return f"python3 tests/gen/gen.py {flags} --show"


def show_examples(examples, args, out):
    by_kind = collections.defaultdict(list)
    for kind, seed, slip, detail in sorted(examples, key=lambda x: (x[1], x[2])):
        by_kind[kind].append((seed, slip, detail))
    for kind in EXAMPLE_KINDS:
        items = by_kind.get(kind, [])
        if not items:
            continue
        out("")
        out(f"first failures of kind '{kind}' ({len(items)} cases in all):")
        for seed, slip, detail in items[:args.examples]:
            case = gen.generate(seed, args.family, args.form, slip)
            path = keep(case, args.keep, slip)
            out(f"  seed {seed} {case.family} {case.form}{' slip' if slip else ''}: {detail}")
            out(f"    replay: {replay(seed, case.family, case.form, slip)}")
            out(f"    kept:   {path}  (check: {shlex.quote(args.nianbao)} check --format json "
                f"{path})")


def keep(case, directory, slip):
    os.makedirs(directory, exist_ok=True)
    path = os.path.join(directory, case_name(case.seed, case.family, case.form, slip))
    with open(path, "wb") as f:
        f.write(case.data)
    return path


def tap(stats, args, out):
    """One TAP line per family and property, with the acceptance thresholds."""
    n = 0
    for fam in gen.FAMILIES:
        g = lambda m: stats[("family", fam, m)]  # noqa: E731
        if not g("cases"):
            continue
        exact = pct(g("exact"), g("cells"))
        gap = KNOWN_GAP.get(fam, {})
        want = gap.get("exact", THRESHOLD_EXACT)
        note = " # known gap: below the 99.5% target, see tests/gen/README.md" if gap else ""
        checks = [
            (exact >= want, f"{fam}: cells bound exactly {exact:.2f}% of {g('cells')} "
             f"(>= {want}%; wrong {g('wrong')}, wrong line {g('line')}, missing "
             f"{g('missing')}){note}"),
            (g("clean_fail_cases") == 0, f"{fam}: clean reports with an error FAIL: "
             f"{g('clean_fail_cases')} of {g('cases')} ({g('clean_fails')} FAILs)"),
        ]
        if gap.get("slips_flagged"):
            flagged = pct(g("slips_flagged"), g("slips"))
            checks.append((flagged >= gap["slips_flagged"], f"{fam}: planted slips found "
                           f"{g('slips_found')} of {g('slips')}, the others UNCERTAIN citing them: "
                           f"{g('slips_flagged')} of {g('slips')} ({flagged:.1f}% >= "
                           f"{gap['slips_flagged']}%) said out loud or not read{note}"))
        else:
            checks.append((g("slips_found") == g("slips"), f"{fam}: planted slips found "
                           f"{g('slips_found')} of {g('slips')}"))
        for ok, text in checks:
            n += 1
            out(f"{'ok' if ok else 'not ok'} {n} - {text}")
    out(f"1..{n}")


# ---- main -------------------------------------------------------------------------------------


def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", type=int, default=int(os.environ.get("NB_GEN_CASES", 2000)))
    ap.add_argument("--seed0", type=int, default=1)
    ap.add_argument("--slip-every", type=int, default=2, help="a slipped version for seeds "
                    "divisible by this (default 2)")
    ap.add_argument("--family", choices=gen.FAMILIES)
    ap.add_argument("--form", choices=("gov-2008", "gov-2019", "gov-2021"))
    ap.add_argument("--nianbao", default=os.environ.get("NIANBAO", "./nianbao"))
    ap.add_argument("--jobs", type=int, default=min(os.cpu_count() or 2, 8))
    ap.add_argument("--batch", type=int, default=100, help="seeds per binary run")
    ap.add_argument("--tap", action="store_true", help="end with TAP lines (report as comments)")
    ap.add_argument("--tags", action="store_true", help="also the figures per perturbation")
    ap.add_argument("--examples", type=int, default=3, help="failures shown per kind")
    ap.add_argument("--keep", default=os.path.join(ROOT, "tests", "tmp", "gen-failures"),
                    help="where the example failures' files are kept")
    ap.add_argument("--json", help="write the figures as JSON to this file")
    return ap.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    if not os.path.exists(args.nianbao):
        sys.exit(f"proptest: no binary at {args.nianbao} (set NIANBAO or build with make)")
    start = time.time()
    opts = {"family": args.family, "form": args.form, "nianbao": os.path.abspath(args.nianbao),
            "slip_every": args.slip_every}
    stats, examples = run_seeds(run_batch, args, opts)
    elapsed = time.time() - start
    lines = []
    report(stats, examples, args, elapsed, lines.append)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"|".join(k): v for k, v in sorted(stats.items())}, f, indent=0)
    if args.tap:  # the TAP lines first: tests/run shows the start of a failing suite's output
        tap(stats, args, print)
        for line in lines:
            print("# " + line if line else "#")
    else:
        print("\n".join(lines))


if __name__ == "__main__":
    main()
