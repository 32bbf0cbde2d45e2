"""The command line the PDF read-back tests share (pdftext.py, debris.py, formtables.py,
pagebreaks.py): --cases (default from an environment variable), --seed0, --nianbao, --tap, and
optional report files; None (a TAP SKIP printed) where pdftotext is not installed."""

import argparse
import os
import shutil
import sys


def arguments(doc, cases_env, files=False, argv=None):
    ap = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    if files:
        ap.add_argument("files", nargs="*")
    ap.add_argument("--cases", type=int, default=int(os.environ.get(cases_env, 40)))
    ap.add_argument("--seed0", type=int, default=1)
    ap.add_argument("--nianbao", default=os.environ.get("NIANBAO", "./nianbao"))
    ap.add_argument("--tap", action="store_true")
    args = ap.parse_args(argv)
    if not shutil.which("pdftotext"):
        print("ok 1 # SKIP pdftotext is not installed\n1..1")
        return None
    return args


def line(tap, n, ok, text):
    """Case n's line: a TAP line, or the text alone when it failed and TAP is not asked for."""
    if tap:
        print(f"{'ok' if ok else 'not ok'} {n} - {text}")
    elif not ok:
        print(text)


def finish(tap, n, failed):
    """The end of a run: TAP's plan, or a count and the exit status."""
    if tap:
        print(f"1..{n}")
    else:
        print(f"{n - failed} of {n} good")
        sys.exit(1 if failed else 0)


def summary(tap, ok, text, notes, most_tap=5, most=20):
    """A run checked as one TAP case: its line and the first notes (TAP comments), or the text
    and more notes with the exit status."""
    if tap:
        print(f"{'ok' if ok else 'not ok'} 1 - {text}\n1..1")
        for e in notes[:most_tap]:
            print("# " + e)
    else:
        print(text)
        for e in notes[:most]:
            print("  " + e)
        sys.exit(0 if ok else 1)
