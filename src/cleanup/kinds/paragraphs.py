"""Kind ``paragraph-stop``: a prose paragraph that ends without its full stop.

The last full stop of a paragraph goes with whatever a scraper cut after it
(a link, a caption, a share button). A paragraph is taken for prose when it
is one line of at least ``min_length`` characters (default 120) holding a
sentence end inside it (a lower-case letter, ``.``, ``!`` or ``?``, a space
and a capital), and it is reported when it ends in two lower-case letters
followed by a blank line and more text. Never: the text's first paragraph
(a scraped title and its subtitle), list items, headings, quotations and
table rows.

The paragraph ends are found with ``str.find`` on the blank lines, so only
the lines that end a paragraph are looked at.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..model import Document, Edit, Rule
from . import Detector, make_edit, param

_NOT_PROSE = regex.compile(r"[ \t]*(?:[-*+•>|#]|\d{1,3}[.)])[ \t]")
_SENTENCE_INSIDE = regex.compile(r"\p{Ll}[.!?][\"”’»)]?[ \t]+[\"“«(]?\p{Lu}")
_BLANK = regex.compile(r"\n[ \t]*\n")


def compile(rule: Rule) -> Detector:
    """Compile a ``paragraph-stop`` rule into a detector."""
    min_length = param(rule, "min_length", int, 120)

    def detect(doc: Document) -> Iterator[Edit]:
        text = doc.text
        for gap in _BLANK.finditer(text):
            end = gap.start()
            line_start = text.rfind("\n", 0, end) + 1
            line = text[line_start:end].rstrip(" \t")
            if len(line) < min_length or not (line[-2:].isalpha() and line[-2:].islower()):
                continue
            if line_start == 0 or text[: line_start - 1].rstrip(" \t")[-1:] != "\n":
                continue  # the text's first paragraph, or a line inside a hard-wrapped one
            if "|" in line or _NOT_PROSE.match(line) or not _SENTENCE_INSIDE.search(line):
                continue
            if not text[gap.end() :].strip():
                continue  # nothing follows
            at = line_start + len(line)
            if not doc.is_protected(at - 1, at):
                yield make_edit(rule, doc, at, at, None)

    return detect
