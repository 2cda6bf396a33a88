"""Kind ``heading-case``: a heading lower-cased among capitalised siblings.

A heading is a short line standing alone between blank lines (or a Markdown
``#`` heading), without sentence punctuation at its end. When a text has at
least ``min_headings`` of them (default 3) and all but one start with a
capital letter, the one that starts in lower case lost its capital (an
engine that took it for the middle of a sentence, a scraper that cut a
drop cap): its first letter is capitalised.

Left alone: texts with fewer headings or more than one lower-case heading
(a house style), a first word English does not know (a product or a
command: ``wget``), technical writing, and protected spans.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..english import table
from ..model import Document, Edit, Rule
from ..technical import is_technical
from . import Detector, make_edit, param

#: a heading line: short, letters first (after Markdown's #), no sentence punctuation at its end
_HEADING = regex.compile(r"[ \t]*(?:\#{1,6}[ \t]+)?(?P<first>\p{L})(?P<rest>[^\n]{0,79})(?<![.,;:!?…])[ \t]*(?=\n[ \t]*\n|\n?[ \t]*\Z)")
_BLANK_LINE = regex.compile(r"\n[ \t]*(?=\n)")
_LIST = regex.compile(r"[ \t]*(?:[-*+•>|]|\d{1,3}[.)]|\p{L}[.)])[ \t]")
_FIRST_WORD = regex.compile(r"\p{L}+")


def _alone(text: str) -> Iterator[int]:
    """The start of every line that follows a blank line (or starts the text)."""
    yield 0
    for blank in _BLANK_LINE.finditer(text):
        yield blank.end() + 1


def compile(rule: Rule) -> Detector:
    """Compile a ``heading-case`` rule into a detector."""
    min_headings = param(rule, "min_headings", int, 3)
    max_words = param(rule, "max_words", int, 10)
    min_zipf = param(rule, "min_zipf", (int, float), 3.0)

    def detect(doc: Document) -> Iterator[Edit]:
        text = doc.text
        if "\n\n" not in text:
            return
        headings = []
        for line_start in _alone(text):
            m = _HEADING.match(text, line_start)
            if m is None or _LIST.match(text, line_start) or len(m.group().split()) > max_words:
                continue
            headings.append(m)
        if len(headings) < min_headings:
            return
        lower = [m for m in headings if m.group("first").islower()]
        if len(lower) != 1 or not all(m.group("first").isupper() for m in headings if m is not lower[0]):
            return
        m = lower[0]
        word = _FIRST_WORD.match(text, m.start("first"))
        if word is None or table().get(word.group(), 0.0) < min_zipf or is_technical(text):
            return
        start = m.start("first")
        if not doc.is_protected(start, start + 1):
            yield make_edit(rule, doc, start, start + 1, m.group("first").upper())

    return detect
