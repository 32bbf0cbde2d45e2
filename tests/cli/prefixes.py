#!/usr/bin/env python3
"""Every prefix (20 bytes and more) of the GBK and Big5 test files decodes as its own encoding,
or says it is unsure (a warning): a short GBK file is never silently read as Big5, nor the
reverse (issue 14). Prints TAP; NIANBAO names the binary, NB_ROOT the source tree."""
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.environ.get("NB_ROOT", ".")
N = os.environ["NIANBAO"]


def sources():
    gbk = open(os.path.join(ROOT, "tests/data/gbk-box.txt"), "rb").read()
    trad = open(os.path.join(ROOT, "tests/data/guandu-2017-trad.txt"), "rb").read().decode("utf-8")
    sample = open(os.path.join(ROOT, "examples/guandu-2017.txt"), "rb").read().decode("utf-8")
    return [("gbk-box.txt (GBK, box drawing)", gbk, "GB18030"),
            ("guandu-2017-trad.txt as Big5", trad.encode("big5", errors="replace"), "BIG5"),
            ("guandu-2017.txt as GB18030", sample.encode("gb18030"), "GB18030")]


def main():
    n = 0
    with tempfile.TemporaryDirectory(prefix="nb-prefix-") as tmp:
        for name, data, want in sources():
            step = max(1, len(data) // 300)
            cuts = list(range(20, min(len(data), 300))) + list(range(300, len(data) + 1, step))
            paths = []
            for k in cuts:
                p = os.path.join(tmp, f"{len(paths):06d}.txt")
                with open(p, "wb") as f:
                    f.write(data[:k])
                paths.append(p)
            proc = subprocess.run([N, "extract", "--format", "json", "--lenient"] + paths,
                                  capture_output=True)
            got = {}
            for line in proc.stdout.decode("utf-8", "replace").splitlines():
                try:
                    o = json.loads(line)
                except ValueError:
                    continue
                got[o.get("file")] = o
            bad = []
            for k, p in zip(cuts, paths):
                o = got.get(p)
                if o is None:
                    bad.append(f"{k} bytes: no output")
                elif o.get("encoding") != want and not o.get("warnings"):
                    bad.append(f"{k} bytes: read as {o.get('encoding')} without a warning")
            n += 1
            print(f"{'ok' if not bad else 'not ok'} {n} - every prefix of {name} "
                  f"({len(cuts)} cuts from 20 bytes) decodes as {want} or warns")
            for b in bad[:5]:
                print(f"# {b}")
    print(f"1..{n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
