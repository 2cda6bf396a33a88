"""Kind ``drop-cap``: a paragraph's first letter split from its word (``T he``, ``S talin``).

A page whose first letter was set as a drop cap (a large initial in its own
element) loses the join when it is scraped: ``T he village lies…``. At the
start of a line, a lone capital letter, one space and a lower-case rest are
joined when the joined word is an English word (``The``) or a word the text
uses elsewhere (``Stalin``).

``A``, ``I`` and ``O`` are words on their own (``A round table``, ``I am``):
after them the join is made only when the rest is not an English word by
itself (``A nd`` → ``And``, but never ``A round`` → ``Around``).

Parameters: ``english_zipf`` (float, default 3.0): how common in English the
joined word must be.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..english import is_english
from ..model import Document, Edit, Rule
from . import Detector, make_edit, param

_SPLIT = regex.compile(r"(?m)^[ \t]*[\"“«‘']?\K(\p{Lu}) (\p{Ll}{1,20})(?=[\s,.;:!?'’\"”»]|$)")


def compile(rule: Rule) -> Detector:
    """Compile a ``drop-cap`` rule into a detector."""
    zipf = float(param(rule, "english_zipf", (int, float), 3.0))

    def detect(doc: Document) -> Iterator[Edit]:
        text = doc.text
        found = list(_SPLIT.finditer(text))
        if not found:
            return
        for m in found:
            letter, rest = m.group(1), m.group(2)
            joined = letter + rest
            if letter in "AIO" and len(rest) > 1 and is_english(rest, 2.0):
                continue
            # a word the whole document uses (a window's is the text it was cut from)
            if not (is_english(joined.lower(), zipf) or doc.evidence("letter_word", joined)):
                continue
            if doc.is_protected(m.start(), m.end()):
                continue
            yield make_edit(rule, doc, m.start(), m.end(), joined)

    return detect
