"""Lines of generated text that remember which value cells stand on them, plus display widths.

Renderers build lists of Line; the report concatenates them, and a cell's truth line is the
1-based index of the Line it was attached to. Lines may be inserted anywhere (page footers, loose
labels) without recomputing anything, because cells point at Line objects, not at numbers.
"""

import unicodedata


class Line:
    __slots__ = ("text", "cells", "brk", "repeat")

    def __init__(self, text="", cells=None, brk=False):
        self.text = text
        self.cells = list(cells or [])  # values.Cell whose value text stands on this line
        self.brk = brk  # a page may end before this line
        self.repeat = None  # header lines a page break before this line repeats

    def __repr__(self):
        return f"Line({self.text!r}, {[c.id for c in self.cells]})"


def dw(text):
    """Display width: CJK wide and full-width characters count two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text, width, align="left"):
    gap = max(width - dw(text), 0)
    if align == "right":
        return " " * gap + text
    if align == "center":
        return " " * (gap // 2) + text + " " * (gap - gap // 2)
    return text + " " * gap


def wrap(text, width):
    """Split text into pieces of at most `width` display columns (at least one character each),
    the way a PDF cell wraps a label: anywhere, with no regard for words."""
    if width <= 0 or dw(text) <= width:
        return [text]
    out, cur = [], ""
    for ch in text:
        if cur and dw(cur + ch) > width:
            out.append(cur)
            cur = ""
        cur += ch
    if cur:
        out.append(cur)
    return out


def split_even(text, parts):
    """Split text into `parts` pieces of nearly equal length (for cut header words)."""
    parts = max(1, min(parts, len(text)))
    size = -(-len(text) // parts)
    return [text[i:i + size] for i in range(0, len(text), size)]


class Canvas:
    """A line assembled from text fragments at display columns (for pdftotext -layout output)."""

    __slots__ = ("frags",)

    def __init__(self):
        self.frags = []  # (x, text)

    def put(self, x, text):
        self.frags.append((x, text))

    def render(self):
        out, col = "", 0
        for x, text in sorted(self.frags, key=lambda f: f[0]):
            if col and x <= col + 1:  # never touch what is there: keep two spaces after it
                x = col + 2
            out += " " * (x - col) + text
            col = x + dw(text)
        return out
