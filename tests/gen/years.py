#!/usr/bin/env python3
"""Year against year on generated archives: the property test of the rules across years and of
the grouping of one agency's reports.

An archive holds two or three agencies of one city, each with a run of its reports over
consecutive years (2015-2024: the 2008 form to 2018, the 2019 form for 2019-2020, the 2021 form
after), a year now and then missing, and the agency's name written another way in some years (with
or without the city, a short form: 环保局 for 环境保护局, 区政府 for 区人民政府). Each year's data
are drawn by gen.py and printed in any of its layouts, then chained to the year before's as an
agency's are: 上年结转 is last year's 结转下年度继续办理, 对外公开总数量 never falls, 上一年项目数量
is last year's plus its 增/减, 现行有效件数 moves by 制发 - 废止. Now and then a year breaks one
chain (planted), or a figure jumps.

The expected findings come from the data (this file's own reading of the rules, written apart
from forms/*.json): `nianbao check --format json` over the whole archive must give each of them
exactly once, as a FAIL of the report of the later year citing its own line and the year
before's file and line; no other years.* FAIL; a note where the form changed; and every report
compared with its year before (and with no other).

    years.py [--archives N] [--seed S] [--tap] [--nianbao PATH] [--keep DIR]
"""

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import forms  # noqa: E402
import gen  # noqa: E402

CITIES = ("昆明市", "曲靖市", "玉溪市", "淮安市", "扬州市")
DISTRICTS = ("官渡区", "西山区", "盘龙区", "五华区", "清河区", "宝应县", "仪征市", "涟水县")
# (the name as the agency signs it, its short forms): the short forms are among forms/base.json's
DEPARTMENTS = (
    ("环境保护局", ("环保局",)),
    ("发展和改革局", ("发改局",)),
    ("人力资源和社会保障局", ("人社局",)),
    ("住房和城乡建设局", ("住建局",)),
    ("交通运输局", ("交通局",)),
    ("人民政府", ("政府",)),
    ("司法局", ()),
    ("财政局", ()),
)
COLUMNS = forms.T3_APPLICANTS + ("total",)


def form_of(year):
    return "gov-2008" if year <= 2018 else "gov-2019" if year <= 2020 else "gov-2021"


def names(rng, city, district, dept):
    long_, shorts = dept
    full = city + district + long_
    variants = [full, district + long_] + [city + district + s for s in shorts] + \
        [district + s for s in shorts]
    return full, variants


# ---- chaining the years -----------------------------------------------------------------------


def chain(prev, plant, rng):
    """An adjust() for gen.generate: this year's data made to follow prev's (the values of the
    year before, or None), with one chain broken when plant says so."""

    def adjust(data, ids):
        v = data.values
        form = data.form_id
        idset = set(ids)
        if prev is not None and form != "gov-2008" and prev.form_id != "gov-2008":
            pv = prev.values
            for c in forms.T3_APPLICANTS:
                carried = pv[f"t3.carry_next/{c}"]
                if plant == "carried" and c == "natural":
                    carried += rng.randint(1, 3)
                v[f"t3.carried/{c}"] = carried
                # new + carried = total + carry_next: the new ones make it up, or more are
                # carried to the next year
                new = v[f"t3.total/{c}"] + v[f"t3.carry_next/{c}"] - carried
                if new < 0:
                    v[f"t3.carry_next/{c}"] -= new
                    new = 0
                v[f"t3.new/{c}"] = new
            for r in ("t3.new", "t3.carried", "t3.carry_next"):
                v[f"{r}/total"] = sum(v[f"{r}/{c}"] for c in forms.T3_APPLICANTS)
            if form == "gov-2019" and prev.form_id == "gov-2019":
                for r in ("t2.rules", "t2.normative"):
                    last = pv[f"{r}/public_total"]
                    v[f"{r}/public_total"] = last + v[f"{r}/published"]
                    if plant == "public_total" and r == "t2.rules" and last > 0:
                        v[f"{r}/public_total"] = last - rng.randint(1, last)
                for r in ("t2.license", "t2.other_services", "t2.penalty", "t2.enforcement",
                          "t2.fees"):
                    if f"{r}/previous" not in v:
                        continue
                    v[f"{r}/previous"] = pv[f"{r}/previous"] + pv[f"{r}/change"]
                    if plant == "items" and r == "t2.license":
                        v[f"{r}/previous"] += rng.randint(1, 5)
            if form == "gov-2021" and prev.form_id == "gov-2021":
                for r in ("t2.rules", "t2.normative"):
                    base = pv[f"{r}/valid"] + v[f"{r}/issued"]
                    v[f"{r}/repealed"] = min(v[f"{r}/repealed"], base)
                    v[f"{r}/valid"] = base - v[f"{r}/repealed"]
                    if plant == "valid" and r == "t2.normative":
                        v[f"{r}/valid"] += rng.randint(1, 4)
        if form == "gov-2019":
            # the next year's 上一年项目数量 is this one plus its change: never below zero
            for r in ("t2.license", "t2.other_services", "t2.penalty", "t2.enforcement",
                      "t2.fees"):
                if f"{r}/change" in v:
                    v[f"{r}/change"] = max(v[f"{r}/change"], -v[f"{r}/previous"])
        if plant == "jump":
            cells = ["t3.new/total"] if form != "gov-2008" else \
                [i for i in ("apply.received", "active.total") if i in idset]
            for cid in cells:
                factor = rng.choice((6, 8, 12))
                if cid == "t3.new/total":
                    c = "natural"
                    extra = max(v[cid], 10) * factor
                    v[f"t3.new/{c}"] += extra
                    v[f"t3.open/{c}"] = v.get(f"t3.open/{c}", 0) + extra
                    for r in ("t3.new", "t3.open", "t3.total"):
                        if r == "t3.total":
                            v[f"t3.total/{c}"] += extra
                        v[f"{r}/total"] = sum(v[f"{r}/{k}"] for k in forms.T3_APPLICANTS)
                    v["t3.total/total"] = sum(v[f"t3.total/{k}"] for k in forms.T3_APPLICANTS)
                break  # (the 2008 form's jumps are the data's own)

    return adjust


# ---- an archive -------------------------------------------------------------------------------


def make_archive(seed, outdir):
    """Writes the archive's reports into outdir; returns (reports, pairs): a report is
    {path, agency, year, form, truth: {cell id: (line, value or None)}, values}; pairs are
    (earlier index, later index) of one agency's consecutive years."""
    rng = random.Random(f"years/{seed}")
    city = rng.choice(CITIES)
    districts = rng.sample(DISTRICTS, 2)
    depts = rng.sample(DEPARTMENTS, 2)
    agencies = [(districts[0], depts[0]), (districts[1], depts[0]), (districts[0], depts[1])]
    agencies = agencies[:rng.randint(2, 3)]
    reports, pairs = [], []
    for ai, (district, dept) in enumerate(agencies):
        full, variants = names(rng, city, district, dept)
        start = rng.randint(2015, 2022)
        years = list(range(start, min(start + rng.randint(2, 5), 2025)))
        if len(years) > 3 and rng.random() < 0.3:  # a year missing from the archive
            years.pop(rng.randrange(1, len(years) - 1))
        scale = rng.choice(("small", "medium"))
        prev, prev_index = None, None
        for y in years:
            form = form_of(y)
            name = full if rng.random() < 0.5 else rng.choice(variants)
            consecutive = prev is not None and prev_index is not None and \
                reports[prev_index]["year"] == y - 1
            plant = rng.choice((None,) * 6 + ("carried", "public_total", "items", "valid",
                                              "jump")) if consecutive else None
            case = gen.generate(rng.randrange(1 << 30), form=form, year=y, agency=name,
                                scale=scale, adjust=chain(prev if consecutive else None, plant,
                                                          rng))
            path = os.path.join(outdir, f"a{ai}-{y}-{case.family}.txt")
            with open(path, "wb") as f:
                f.write(case.data)
            truth = {}
            for t in case.truth:
                numeric = t["status"] in ("number", "zero")
                truth[t["id"]] = (t["line"], t["value"] if numeric else None)
            data = gen_data(case)
            reports.append({"path": path, "agency": ai, "year": y, "form": form,
                            "truth": truth, "name": name, "plant": plant,
                            "family": case.family})
            if consecutive:
                pairs.append((prev_index, len(reports) - 1))
            prev, prev_index = data, len(reports) - 1
    return reports, pairs


def gen_data(case):
    """The values a case was drawn with (its FormData), rebuilt from its truth: the next year's
    chain starts from what was printed (a blank printed cell chains from its drawn value, which
    the truth does not keep: such a cell is left out of the expectations)."""
    values = {t["id"]: t["value"] for t in case.truth if t["value"] is not None}
    return _Data(case.form, values)


class _Data:
    def __init__(self, form_id, values):
        self.form_id, self.values = form_id, _Defaulting(values)


class _Defaulting(dict):
    def __getitem__(self, k):
        return dict.get(self, k, 0)


# ---- the expected findings --------------------------------------------------------------------


def expected(reports, pairs):
    """{later index: [(rule, status, {(file or None, line)…})]} of the FAILs and notes the rules
    across years must give, and the set of (rule, later index) that may be UNCERTAIN instead
    (a blank printed cell among the operands)."""
    want, soft = {}, set()

    def cell(r, cid):
        return r["truth"].get(cid)

    for a, b in pairs:
        P, B = reports[a], reports[b]
        out = want.setdefault(b, [])
        if P["form"] != B["form"]:
            out.append(("years.form", "FAIL", frozenset()))

        def compare(rule, this_ids, last_ids, rel):
            mine = [cell(B, i) for i in this_ids]
            theirs = [cell(P, i) for i in last_ids]
            if any(x is None for x in mine + theirs):
                return  # (a row not printed: nothing compared)
            if any(x[1] is None for x in mine + theirs):
                soft.add((rule, b))
                return
            left, right = rel(sum(x[1] for x in mine), sum(x[1] for x in theirs))
            if not left:
                return
            cites = frozenset([(None, x[0]) for x in mine] +
                              [(P["path"], x[0]) for x in theirs])
            out.append((rule, "FAIL", cites))

        post = P["form"] != "gov-2008" and B["form"] != "gov-2008"
        if post:
            for c in COLUMNS:
                compare("years.carried", [f"t3.carried/{c}"], [f"t3.carry_next/{c}"],
                        lambda x, y: (x != y, None))
        if P["form"] == B["form"] == "gov-2019":
            for r in ("t2.rules", "t2.normative"):
                compare("years.public_total", [f"{r}/public_total"], [f"{r}/public_total"],
                        lambda x, y: (y > x, None))
            for r in ("t2.license", "t2.other_services", "t2.penalty", "t2.enforcement",
                      "t2.fees"):
                compare("years.items", [f"{r}/previous"], [f"{r}/previous", f"{r}/change"],
                        lambda x, y: (x != y, None))
        if P["form"] == B["form"] == "gov-2021":
            for r in ("t2.rules", "t2.normative"):
                mine = [cell(B, f"{r}/valid"), cell(B, f"{r}/repealed"), cell(B, f"{r}/issued")]
                theirs = [cell(P, f"{r}/valid")]
                if any(x is None for x in mine + theirs):
                    continue
                if any(x[1] is None for x in mine + theirs):
                    soft.add(("years.valid", b))
                    continue
                if mine[0][1] + mine[1][1] != theirs[0][1] + mine[2][1]:
                    out.append(("years.valid", "FAIL", frozenset(
                        [(None, x[0]) for x in mine] + [(P["path"], theirs[0][0])])))
        jump_cells = ["t3.new/total"] if post else \
            ["apply.received", "active.total"] if P["form"] == B["form"] == "gov-2008" else []
        for cid in jump_cells:
            x, y = cell(B, cid), cell(P, cid)
            if x is None or y is None or x[1] is None or y[1] is None:
                continue
            lo, hi = min(x[1], y[1]), max(x[1], y[1])
            if hi >= 50 and hi >= lo * 5:
                out.append(("years.jump", "FAIL", frozenset([(None, x[0]), (P["path"], y[0])])))
    return want, soft


# ---- running and comparing --------------------------------------------------------------------


def run(nianbao, reports):
    paths = [r["path"] for r in reports]
    p = subprocess.run([nianbao, "check", "--format", "json", "--lang", "en", "--"] + paths,
                       capture_output=True)
    if p.returncode not in (0, 1):
        raise SystemExit(f"nianbao check exited {p.returncode}: {p.stderr.decode()[:500]}")
    out = {}
    for line in p.stdout.decode().splitlines():
        d = json.loads(line)
        out[d["file"]] = d
    return out


def compare_archive(reports, pairs, got, stats, problems):
    want, soft = expected(reports, pairs)
    index = {r["path"]: i for i, r in enumerate(reports)}
    partner = {b: a for a, b in pairs}
    for i, r in enumerate(reports):
        d = got.get(r["path"])
        if d is None:
            problems.append(f"{r['path']}: no output")
            continue
        found, unsure = [], []
        cited = {d["previous"]} if d.get("previous") else set()
        for f in d["findings"]:
            if not f["rule"].startswith("years."):
                continue
            files = {e.get("file") for e in f["evidence"] if e.get("file")}
            cited |= files
            if f["status"] == "FAIL":
                found.append((f["rule"], "FAIL",
                              frozenset((e.get("file"), e["line"]) for e in f["evidence"])))
            elif f["status"] == "UNCERTAIN":
                stats["uncertain"] += 1
                unsure.append((f["rule"], "FAIL",
                               frozenset((e.get("file"), e["line"]) for e in f["evidence"])))
                if (f["rule"], i) not in soft and f["rule"] != "years.unread":
                    stats["uncertain_unexplained"] += 1
        # every report compared with its year before, and with no other
        if i in partner:
            stats["pairs"] += 1
            if cited != {reports[partner[i]]["path"]}:
                problems.append(f"{r['path']}: compared with {sorted(cited)}, expected "
                                f"{reports[partner[i]]['path']}")
            else:
                stats["pairs_found"] += 1
        elif cited:
            problems.append(f"{r['path']}: compared with {sorted(cited)}, but the archive holds "
                            f"no report of the year before for it")
        exp = list(want.get(i, []))
        for w in exp:
            stats["expected"] += 1
            stats["expected_" + w[0]] = stats.get("expected_" + w[0], 0) + 1
            if w in found:
                found.remove(w)
                stats["found"] += 1
                stats["found_fail"] += 1
            elif w in unsure or (w[0], i) in soft:
                # said out loud: UNCERTAIN over the same cells (one placed by order alone, or
                # printed blank), never a confident error
                stats["found"] += 1
            else:
                problems.append(f"{r['path']}: expected {w[0]} citing {sorted(map(str, w[2]))}"
                                f", not given once")
        for f in found:
            stats["false"] += 1
            problems.append(f"{r['path']}: unexpected {f[0]} citing {sorted(map(str, f[2]))}")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--archives", type=int, default=40)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--nianbao", default=os.environ.get("NIANBAO", "build/nianbao"))
    ap.add_argument("--tap", action="store_true")
    ap.add_argument("--keep", help="write the archives here instead of a temporary directory")
    a = ap.parse_args(argv)
    stats = {"pairs": 0, "pairs_found": 0, "expected": 0, "found": 0, "found_fail": 0, "false": 0,
             "uncertain": 0, "uncertain_unexplained": 0, "reports": 0}
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(a.archives):
            d = os.path.join(a.keep or tmp, f"archive{a.seed + k}")
            os.makedirs(d, exist_ok=True)
            reports, pairs = make_archive(a.seed + k, d)
            stats["reports"] += len(reports)
            got = run(a.nianbao, reports)
            before = len(problems)
            compare_archive(reports, pairs, got, stats, problems)
            for n in range(before, len(problems)):
                problems[n] += f" (archive seed {a.seed + k})"
    planted = {k: v for k, v in stats.items() if k.startswith("expected_")}
    summary = (f"years: {a.archives} archives, {stats['reports']} reports, "
               f"{stats['pairs_found']}/{stats['pairs']} pairs compared with the right year, "
               f"{stats['found']}/{stats['expected']} expected findings given once "
               f"({stats['found_fail']} as FAIL, the rest UNCERTAIN) "
               f"({', '.join(f'{k[9:]} {v}' for k, v in sorted(planted.items()))}), "
               f"{stats['false']} unexpected years.* FAIL, "
               f"{stats['uncertain']} UNCERTAIN ({stats['uncertain_unexplained']} without a blank "
               f"cell)")
    if not a.tap:
        print(summary)
        for p in problems[:40]:
            print("  " + p)
        return 1 if problems else 0
    checks = [
        ("every consecutive pair compared with the year before, and nothing else",
         stats["pairs_found"] == stats["pairs"] and not any("compared with" in p
                                                             for p in problems)),
        ("every expected cross-year finding given exactly once, citing both files (FAIL, or "
         "UNCERTAIN where a cell was placed by order alone)",
         stats["found"] == stats["expected"]),
        ("no years.* FAIL the data do not hold", stats["false"] == 0),
    ]
    print(f"1..{len(checks)}")
    print("# " + summary)
    for p in problems[:20]:
        print("# " + p)
    for n, (name, ok) in enumerate(checks, 1):
        print(f"{'ok' if ok else 'not ok'} {n} - {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
