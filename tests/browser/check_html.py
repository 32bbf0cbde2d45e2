#!/usr/bin/env python3
"""tests/browser/check_html.py — checks a review page (nianbao check --format html) as a browser
built it (chromium --dump-dom) against the JSON of the same report (nianbao check --format json).

    check_html.py DOM.html REPORT.json [--lang zh|en] [--show-pass] [--text SUBSTRING]...
                  [--page PAGE.html]

DOM.html is the DOM a browser dumped (after the page's script ran); --page is the file nianbao
wrote (checked for network requests as written). Prints one line per problem ("problem: ...")
and, last, a summary line "findings N marks M phrases P lines L cells C"; exit status 1 when a
problem was found. Python standard library only.
"""
import argparse
import collections
import json
import re
import sys
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag = tag
        self.attrs = dict(attrs)
        self.parent = parent
        self.children = []

    @property
    def classes(self):
        return set((self.attrs.get("class") or "").split())

    def text(self):
        out = []
        for c in self.children:
            out.append(c if isinstance(c, str) else c.text())
        return "".join(out)

    def iter(self):
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.iter()

    def ancestor(self, pred):
        n = self.parent
        while n is not None:
            if pred(n):
                return n
            n = n.parent
        return None


class TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", [], None)
        self.cur = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.cur)
        self.cur.children.append(node)
        if tag not in VOID:
            self.cur = node

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, attrs, self.cur))

    def handle_endtag(self, tag):
        n = self.cur
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.cur = n.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def parse(path):
    b = TreeBuilder()
    with open(path, encoding="utf-8") as f:
        b.feed(f.read())
    b.close()
    return b.root


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dom")
    ap.add_argument("json")
    ap.add_argument("--lang", default="zh")
    ap.add_argument("--show-pass", action="store_true")
    ap.add_argument("--text", action="append", default=[],
                    help="a line of the text must contain this")
    ap.add_argument("--page", help="the page as written, checked for network requests too")
    ap.add_argument("--hidden-severity", action="append", default=[],
                    help="the filters were set to hide this severity")
    ap.add_argument("--only-rule", help="the filters were set to show this rule alone")
    a = ap.parse_args()
    problems = []

    def problem(msg):
        problems.append(msg)

    with open(a.json, encoding="utf-8") as f:
        rep = json.load(f)
    root = parse(a.dom)
    nodes = list(root.iter())

    # ---- nothing fetched: no src, every href a fragment, no stylesheet link, no script src ----
    for path in [a.dom] + ([a.page] if a.page else []):
        doc = root if path == a.dom else parse(path)
        for n in doc.iter():
            if "src" in n.attrs:
                problem(f"{path}: <{n.tag} src={n.attrs['src']!r}> loads a file")
            href = n.attrs.get("href")
            if href is not None and not href.startswith("#"):
                problem(f"{path}: <{n.tag} href={href!r}> is not a link inside the page")
            for k, v in n.attrs.items():
                if v and re.search(r"(?i)\b(https?:)?//", v) and k in ("src", "href", "action",
                                                                      "srcset", "data", "poster"):
                    problem(f"{path}: <{n.tag} {k}={v!r}> names a network address")
            if n.tag == "link":
                problem(f"{path}: <link {n.attrs}> (a stylesheet or other file)")
            if n.tag in ("iframe", "object", "embed", "img", "video", "audio"):
                problem(f"{path}: <{n.tag}> element")
            if n.tag == "style" and re.search(r"(?i)@import|url\(\s*['\"]?(https?:)?//", n.text()):
                problem(f"{path}: a style imports or fetches a file")

    # ---- the language ----
    html = next((n for n in nodes if n.tag == "html"), None)
    want_lang = "en" if a.lang == "en" else "zh-CN"
    if html is None or html.attrs.get("lang") != want_lang:
        problem(f"<html lang> is {html.attrs.get('lang') if html else None!r}, not {want_lang!r}")
    heads = {"zh": ["问题清单", "报告原文", "统计数据", "核对覆盖"],
             "en": ["Findings", "Report text", "Statistics", "Coverage"]}[
        "en" if a.lang == "en" else "zh"]
    h2 = [n.text().strip() for n in nodes if n.tag == "h2"]
    for h in heads:
        if not any(t.startswith(h) for t in h2):
            problem(f"no heading {h!r} (headings: {h2})")

    # ---- the script ran (it shows the filters) ----
    filters = next((n for n in nodes if n.attrs.get("id") == "filters"), None)
    if filters is not None and "hidden" in filters.attrs:
        problem("the filters are still hidden: the page's script did not run")

    # ---- the findings ----
    want = [f for f in rep.get("findings", []) if a.show_pass or f["status"] != "PASS"]
    lis = [n for n in nodes if n.tag == "li" and "finding" in n.classes]

    def ev_key(evs):
        return tuple((e.get("file"), e["line"], e["value"], e["text"]) for e in evs)

    def dom_evidence(li):
        out = []
        ul = next((c for c in li.iter() if c.tag == "ul" and "evidence" in c.classes), None)
        for item in (ul.children if ul else []):
            if not isinstance(item, Node) or item.tag != "li":
                continue
            line, other = 0, None
            link = next((c for c in item.iter() if c.tag == "a"), None)
            # a line of the year before's report: named, not linked ("FILE 第N行", "FILE, line N")
            span = next((c for c in item.iter() if c.tag == "span" and "other" in c.classes),
                        None)
            if span is not None:
                m = re.fullmatch(r"(.*?)(?: 第(\d+)行|, line (\d+))", span.text())
                other, line = (m.group(1), int(m.group(2) or m.group(3))) if m else ("?", 0)
            elif link is not None:
                line = int(link.attrs["href"][2:])
            else:
                m = re.search(r"\d+", item.text())
                line = int(m.group()) if m else 0
            v = next((c.text() for c in item.iter() if c.tag == "b" and "v" in c.classes), "")
            t = next((c.text() for c in item.iter() if c.tag == "span" and "t" in c.classes), "")
            out.append((other, line, v, t))
        return tuple(out)

    by_key = collections.defaultdict(list)  # (rule, line, severity, status, message, ev) -> ids
    fid = {}  # F-id -> the JSON finding
    ids = [li.attrs.get("id") for li in lis]
    if len(set(ids)) != len(ids):
        problem("two findings share an id")
    for li in lis:
        i = li.attrs.get("id", "")
        if not re.fullmatch(r"F\d+", i):
            problem(f"finding id {i!r} is not F<n>")
        status = [c[7:] for c in li.classes if c.startswith("status-")]
        sev = [c[4:] for c in li.classes if c.startswith("sev-")]
        msg = next((c.text() for c in li.iter() if c.tag == "p" and "msg" in c.classes), None)
        key = (li.attrs.get("data-rule"), int(li.attrs.get("data-line", "-1")),
               li.attrs.get("data-severity"), status[0] if len(status) == 1 else None, msg,
               dom_evidence(li))
        if sev != [key[2]]:
            problem(f"{i}: class sev-* {sev} and data-severity {key[2]!r} disagree")
        by_key[key].append(li)
    order = [(SEVERITY_RANK.get(li.attrs.get("data-severity"), 9), int(li.attrs.get("data-line",
                                                                                  "0")))
             for li in lis]
    if order != sorted(order):
        problem("the findings are not ordered by severity, then line")
    for f in want:
        key = (f["rule"], f["line"] or 0, f["severity"], f["status"], f["message"],
               ev_key(f["evidence"]))
        if not by_key.get(key):
            problem(f"finding {f['rule']} at line {f['line']} ({f['status']}) is not on the page "
                    f"exactly as in the JSON")
            continue
        li = by_key[key].pop()
        fid[li.attrs["id"]] = f
    for key, rest in by_key.items():
        for li in rest:
            problem(f"{li.attrs.get('id')}: {key[0]} at line {key[1]} is on the page but not in "
                    f"the JSON (or twice)")

    # ---- the text ----
    lines = [n for n in nodes if n.tag == "div" and "line" in n.classes]
    if len(lines) != rep["lines"]:
        problem(f"{len(lines)} lines of text, the report has {rep['lines']}")
    for k, d in enumerate(lines, 1):
        if d.attrs.get("id") != f"L{k}":
            problem(f"line {k} has id {d.attrs.get('id')!r}")
            break
        ln = next((c for c in d.children if isinstance(c, Node) and "ln" in c.classes), None)
        tx = next((c for c in d.children if isinstance(c, Node) and "tx" in c.classes), None)
        if ln is None or ln.text() != str(k) or tx is None:
            problem(f"line {k}: no span.ln {k} and span.tx")
            break
    line_of = {}  # node -> its line number
    for d in lines:
        try:
            n = int(d.attrs.get("id", "L0")[1:])
        except ValueError:
            continue
        for c in d.iter():
            line_of[id(c)] = n

    def named(node):
        return (node.attrs.get("data-finding") or "").split()

    marks = [n for n in nodes if n.tag == "mark" and ("ev" in n.classes or "ev-phrase" in
                                                      n.classes)]
    nvalue = nphrase = 0
    marked = set()  # (F-id, line, value) a value mark covers; (F-id, line, None) a line mark
    for m in marks:
        n = line_of.get(id(m))
        text = m.text()
        where = f"mark {text!r} (line {n})"
        if n is None:
            problem(f"{where} is not inside a div.line")
            continue
        if m.ancestor(lambda p: p.tag == "mark") is not None:
            problem(f"{where} is inside another mark")
        if not m.ancestor(lambda p: "tx" in p.classes):
            problem(f"{where} is not in the line's span.tx")
        ids_ = named(m)
        if not ids_:
            problem(f"{where} names no finding")
        for i in ids_:
            f = fid.get(i)
            if f is None:
                problem(f"{where} names {i}, which is not a finding on the page")
                continue
            if f["status"] == "PASS":
                problem(f"{where} marks {i}, which passed")
            if "ev" in m.classes:
                if m.attrs.get("data-value") != text:
                    problem(f"{where}: data-value {m.attrs.get('data-value')!r}")
                if not any(e["line"] == n and e["value"] == text for e in f["evidence"]):
                    problem(f"{where}: {i} has no evidence of line {n} with value {text!r}")
                marked.add((i, n, text))
            else:
                if not any(e["line"] == n and e["text"] == text for e in f["evidence"]):
                    problem(f"{where}: {i} has no evidence of line {n} with the phrase {text!r}")
        if "ev" in m.classes:
            nvalue += 1
        else:
            nphrase += 1
    nlinemarks = 0
    for d in lines:
        if "ev-line" not in d.classes:
            continue
        n = int(d.attrs["id"][1:])
        nlinemarks += 1
        for i in named(d):
            f = fid.get(i)
            if f is None:
                problem(f"line {n} names {i}, which is not a finding on the page")
            elif not any(e["line"] == n for e in f["evidence"]) and f["line"] != n:
                problem(f"line {n} is marked for {i}, which cites another line")
            else:
                marked.add((i, n, None))
    # every side of every finding is marked: its value in its line, else the line
    for i, f in fid.items():
        if f["status"] == "PASS":
            continue
        # (the year before's lines are another file's: not in this text)
        sides = [(e["line"], e["value"]) for e in f["evidence"] if not e.get("file")] or \
            [(f["line"] or 0, "")]
        for line, value in sides:
            if not 1 <= line <= rep["lines"]:
                continue
            if (i, line, value) not in marked and (i, line, None) not in marked:
                problem(f"{i} ({f['rule']}): line {line} value {value!r} is not marked")
    # the text is text: nothing inside a line's span.tx but marks, and nothing inside a mark
    for d in lines:
        for c in d.iter():
            if c is d or c.tag in ("span", "a") and c.parent is d:
                continue
            if c.tag == "mark" and c.parent.tag == "span" and "tx" in c.parent.classes:
                if any(isinstance(x, Node) for x in c.children):
                    problem(f"{d.attrs.get('id')}: an element inside a mark")
                continue
            if c.tag == "a" and c.parent.tag == "span" and "fr" in c.parent.classes:
                continue
            problem(f"{d.attrs.get('id')}: <{c.tag}> inside the line")
    for s in a.text:
        if not any(s in d.text() for d in lines):
            problem(f"no line of the text holds {s!r}")

    # ---- the statistics ----
    tds = [n for n in nodes if n.tag == "td" and "cell" in n.classes and "data-cell" in n.attrs]
    cells = rep.get("cells") or []
    got = collections.Counter(td.attrs["data-cell"] for td in tds)
    if got != collections.Counter(c["id"] for c in cells):
        problem(f"{len(tds)} table cells on the page for {len(cells)} bound cells, or not the same")
    byid = {c["id"]: c for c in cells}

    def shown(v):
        if v is None:
            return None
        return str(v)

    for td in tds:
        c = byid.get(td.attrs["data-cell"])
        if c is None:
            continue
        where = f"cell {c['id']}"
        if c["status"] not in td.classes:
            problem(f"{where}: no class {c['status']!r}")
        if ("unsure" in td.classes) != (c.get("sure") is False):
            problem(f"{where}: class unsure does not follow the JSON")
        a_ = next((x for x in td.iter() if x.tag == "a"), None)
        if a_ is None or a_.attrs.get("href") != f"#L{c['line']}":
            problem(f"{where}: not linked to line {c['line']}")
        if c["raw"] and td.text() != c["raw"]:
            problem(f"{where}: shows {td.text()!r}, printed {c['raw']!r}")
        values = {c["raw"], shown(c["value"])}
        for status, cls in (("FAIL", "cell-fail"), ("UNCERTAIN", "cell-uncertain")):
            label = {c["row"]} | ({f"{c['row']}（{c['column']}）"} if c["column"] else set())
            cited = [e for f in want if f["status"] == status for e in f["evidence"]
                     if e["line"] == c["line"] and e["value"] in values and not e.get("file")]
            if (cls in td.classes) != bool(cited):
                # by value alone several cells of a line may match: the label decides
                if cls in td.classes or any(e["text"] in label for e in cited):
                    problem(f"{where}: class {cls} is {'set' if cls in td.classes else 'missing'}"
                            f" ({status} evidence on line {c['line']}: "
                            f"{[(e['value'], e['text']) for e in cited]})")

    # ---- the filters, when a test set them ----
    if a.hidden_severity or a.only_rule:
        for li in lis:
            hide = li.attrs.get("data-severity") in a.hidden_severity or (
                a.only_rule is not None and li.attrs.get("data-rule") != a.only_rule)
            if hide != ("hidden" in li.attrs):
                problem(f"{li.attrs.get('id')} ({li.attrs.get('data-severity')}, "
                        f"{li.attrs.get('data-rule')}) is {'shown' if hide else 'hidden'} "
                        f"by the filters")
        visible = {li.attrs.get("id") for li in lis if "hidden" not in li.attrs}
        for m in marks:
            off = not any(i in visible for i in named(m))
            if off != ("off" in m.classes):
                problem(f"mark {m.text()!r} of {named(m)}: class off is wrong after filtering")
        shown_n = next((n.text() for n in nodes if n.attrs.get("id") == "shown"), None)
        if shown_n != str(len(visible)):
            problem(f"the count of findings shown says {shown_n}, {len(visible)} are")

    for p in problems:
        print("problem:", p)
    print(f"findings {len(fid)} marks {nvalue} phrases {nphrase} lines {nlinemarks} "
          f"cells {len(tds)}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
