"""The command line the PDF read-back tests share (pdftext.py, debris.py, formtables.py,
pagebreaks.py): --cases (default from an environment variable), --seed0, --nianbao, --tap, and
optional report files; None (a TAP SKIP printed) where pdftotext is not installed."""

import argparse
import os
import shutil


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
