#!/usr/bin/env python3
"""The generator's layouts typeset (issue 18 acceptance): for every table layout real archives
hold (tests/gen/gen.py's families, each with one of the three forms in turn), `nianbao pdf` with
its tables in the form's layout where that is safe (the default) gives a file PDFBox Preflight
takes for PDF/A-1b, whose fonts `pdffonts` lists as embedded and subset. (Every figure of it in
the text layer: formtables.py; its page breaks: pagebreaks.py.)

    preflight.py --tap                    TAP lines for tests/run
    preflight.py --rounds 3               each family with each form

Python 3 standard library, poppler-utils (pdffonts), PDFBox Preflight (libpdfbox2-java).
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import forms  # noqa: E402
import gen  # noqa: E402
import pdfcases  # noqa: E402

J = "/usr/share/java"
PREFLIGHT = ["java", "-cp", ":".join(f"{J}/{j}.jar" for j in (
    "preflight", "pdfbox2", "xmpbox", "fontbox2", "commons-logging", "javax.activation",
    "jaxb-api")), "org.apache.pdfbox.preflight.Validator_A1b"]


def problems_of(nianbao, src, pdf):
    env = dict(os.environ, SOURCE_DATE_EPOCH="0")
    r = subprocess.run([nianbao, "pdf", src, "-o", pdf], capture_output=True, env=env)
    if r.returncode != 0:
        return [f"pdf exit {r.returncode}: {r.stderr.decode('utf-8', 'replace')[:160]}"]
    out = []
    pf = subprocess.run(PREFLIGHT + [pdf], capture_output=True)
    text = (pf.stdout + pf.stderr).decode("utf-8", "replace")
    if "is a valid PDF/A-1b file" not in text:
        out.append("Preflight: " + " ".join(text.split())[:300])
    fonts = subprocess.run(["pdffonts", pdf], capture_output=True).stdout.decode()
    rows = [l for l in fonts.splitlines()[2:] if l.strip()]
    if not rows:
        out.append("pdffonts lists no font")
    for l in rows:
        if " yes yes " not in l:  # (emb sub)
            out.append("a font not embedded and subset: " + " ".join(l.split()))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--nianbao", default=os.environ.get("NIANBAO", "./nianbao"))
    ap.add_argument("--rounds", type=int, default=int(os.environ.get("NB_PREFLIGHT_ROUNDS", 1)))
    ap.add_argument("--tap", action="store_true")
    args = ap.parse_args()
    if not os.path.exists(f"{J}/preflight.jar") or not shutil.which("pdffonts"):
        print("ok 1 # SKIP PDFBox Preflight or pdffonts is not installed\n1..1")
        return
    n = failed = 0
    with tempfile.TemporaryDirectory(prefix="nb-preflight-") as d:
        for rnd in range(args.rounds):
            for i, family in enumerate(gen.FAMILIES):
                form = forms.FORM_IDS[(i + rnd) % len(forms.FORM_IDS)]
                seed = 1 + rnd * len(gen.FAMILIES) + i
                case = gen.generate(seed, family, form, False)
                src, pdf = os.path.join(d, "case.txt"), os.path.join(d, "case.pdf")
                with open(src, "wb") as f:
                    f.write(case.data)
                problems = problems_of(args.nianbao, src, pdf)
                n += 1
                failed += bool(problems)
                text = (f"seed {seed} {family} {form}: PDF/A-1b by Preflight, fonts embedded "
                        "and subset" + ("" if not problems else ": " + "; ".join(problems)))
                pdfcases.line(args.tap, n, not problems, text)
    pdfcases.finish(args.tap, n, failed)


if __name__ == "__main__":
    main()
