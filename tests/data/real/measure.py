#!/usr/bin/env python3
"""tests/data/real/measure.py — the figures of the real corpus, per half.

    NIANBAO=./nianbao python3 tests/data/real/measure.py [dev|heldout|all] [--expect FILE]

For every report of tests/data/real/dev/ and heldout/ (see SOURCES.md): the form chosen, the cells
bound (and how many unsure), the tables read without confidence, the UNCERTAIN findings and every
error-level FAIL with its rule and line. With --expect FILE (lines `file rule line`, the FAILs a
person checked and called true), exits 1 when a FAIL is not listed there: a false alarm.
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def measure(binary, path):
    p = subprocess.run([binary, "check", "--format", "json", path], capture_output=True)
    try:
        d = json.loads(p.stdout)
    except ValueError:
        return {"error": f"exit {p.returncode}: {p.stderr.decode('utf-8', 'replace')[-200:]}"}
    fails = [(f["rule"], f.get("line")) for f in d["findings"]
             if f["status"] == "FAIL" and f["severity"] == "error"]
    return {
        "form": d.get("form"),
        "cells": len(d.get("cells", [])),
        "unsure": sum(1 for c in d.get("cells", []) if c.get("sure") is False),
        "low": sum(1 for f in d["findings"] if f["rule"] == "table.reading"),
        "uncertain": sum(1 for f in d["findings"] if f["status"] == "UNCERTAIN"),
        "fails": fails,
    }


def main(argv):
    binary = os.environ.get("NIANBAO", "./nianbao")
    halves = ["dev", "heldout"]
    expect = None
    args = list(argv)
    if "--expect" in args:
        k = args.index("--expect")
        with open(args[k + 1], encoding="utf-8") as f:
            expect = {tuple(line.split()[:3]) for line in f if line.strip() and not line.startswith("#")}
        del args[k:k + 2]
    if args and args[0] in ("dev", "heldout"):
        halves = [args[0]]
    false_alarms = 0
    for half in halves:
        d = os.path.join(HERE, half)
        files = sorted(x for x in os.listdir(d) if x.endswith(".txt"))
        tot = {"files": 0, "read": 0, "cells": 0, "unsure": 0, "low": 0, "uncertain": 0, "fails": 0}
        print(f"# {half}: {len(files)} reports")
        for name in files:
            m = measure(binary, os.path.join(d, name))
            tot["files"] += 1
            if "error" in m:
                print(f"{name:44s} ERROR {m['error']}")
                false_alarms += 1
                continue
            tot["read"] += m["cells"] > 0
            for k in ("cells", "unsure", "low", "uncertain"):
                tot[k] += m[k]
            tot["fails"] += len(m["fails"])
            fails = " ".join(f"{r}@{ln}" for r, ln in m["fails"]) or "-"
            print(f"{name:44s} {str(m['form']):9s} cells {m['cells']:4d} unsure {m['unsure']:4d} "
                  f"low {m['low']} uncertain {m['uncertain']:3d} FAIL {fails}")
            if expect is not None:
                for r, ln in m["fails"]:
                    if (name, r, str(ln)) not in expect:
                        print(f"not ok - {half}/{name}: FAIL {r}@{ln} is not a discrepancy a "
                              "person confirmed")
                        false_alarms += 1
        print(f"# {half}: {tot['read']} of {tot['files']} reports had a table read; "
              f"{tot['cells']} cells bound ({tot['unsure']} unsure); {tot['low']} tables not read "
              f"with confidence; {tot['uncertain']} UNCERTAIN findings; {tot['fails']} error FAILs")
    return 1 if false_alarms else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
