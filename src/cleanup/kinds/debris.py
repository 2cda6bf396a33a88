"""Kinds ``repeated-title`` and ``contents-block``: scraping debris found by a page's shape.

``repeated-title``: a scraper that takes a page's title and its lead often
takes the title twice: once as a line of its own, once again glued to the
start of the next paragraph (``Title\\n\\nTitle MOSCOW, May 3. The...``).
A paragraph that is short (at most ``max_title`` characters), without a final
full stop, and that the next paragraph *starts with*, followed by a space and
a capital, is removed from that next paragraph. A paragraph repeated whole
right after itself is reported for review (``exact_tier``, default
``review``): a title may stand above a lead that repeats it on purpose.

``contents-block``: a "Table of contents" or "Contents" label at the top of a
page, followed by lines that only echo the page's title (most of their words,
and at least four different ones, are the title's), or are a single word (a
scraped author label): the label and those lines go. The
block ends at the first line that is neither.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..model import Document, Edit, Rule, Tier
from . import Detector, make_edit, param

_WORD = regex.compile(r"[\p{L}\p{N}]+")
_CONTENTS = regex.compile(r"(?im)^[ \t]*(?:table of contents|contents|in this article|on this page)[ \t]*:?[ \t]*$")


def compile(rule: Rule) -> Detector:
    """Compile a ``repeated-title`` or ``contents-block`` rule."""
    if rule.kind == "contents-block":
        return _compile_contents(rule)
    max_title = param(rule, "max_title", int, 250)
    exact_tier = Tier(param(rule, "exact_tier", str, "review"))

    def detect(doc: Document) -> Iterator[Edit]:
        text = doc.text
        paragraphs = doc.facts.paragraphs
        for (a, b), (c, d) in zip(paragraphs, paragraphs[1:]):
            title = text[a:b]
            if b - a > max_title or "\n" in title or title.rstrip().endswith((".", "!", "?", ":", ";", ",")):
                continue
            if len(_WORD.findall(title)) < 3 or doc.is_protected(a, d):
                continue
            if text[c:d] == title:
                yield make_edit(rule, doc, b, d, None, message="a paragraph repeated right after itself", tier=exact_tier)
                continue
            end = c + len(title)
            if text.startswith(title, c) and end + 1 < d and text[end] == " " and text[end + 1].isupper():
                yield make_edit(rule, doc, c, end + 1, "", message="the title repeated at the start of the next paragraph")

    return detect


def _compile_contents(rule: Rule) -> Detector:
    min_share = param(rule, "min_share", float, 0.6)

    def detect(doc: Document) -> Iterator[Edit]:
        text = doc.text
        m = _CONTENTS.search(text, 0, min(len(text), 2000))
        if m is None or not doc.facts.paragraphs:
            return
        first = doc.facts.paragraphs[0]
        if first[0] >= m.start():
            return
        title = {w.lower() for w in _WORD.findall(text[first[0] : first[1]])}
        pos = m.end() + 1
        end = pos
        echoes = 0
        while pos < len(text):
            nl = text.find("\n", pos)
            nl = len(text) if nl == -1 else nl
            line = text[pos:nl].strip()
            words = [w.lower() for w in _WORD.findall(line)]
            shared = sum(w in title for w in words)
            echo = words and shared / len(words) >= min_share and len(set(words) & title) >= min(4, len(title))
            if line and not (len(words) == 1 or echo):
                break
            echoes += bool(line)
            pos = nl + 1
            end = min(pos, len(text))
        if not echoes or doc.is_protected(m.start(), end):
            return
        yield make_edit(rule, doc, m.start(), end, "")

    return detect
