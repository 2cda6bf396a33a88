"""Kind ``truncated-word``: a word that lost its last letter (``as a resul of``).

Scraping and OCR cut words at line ends and tag boundaries; the stump is
left in the text, and no engine repairs it. A lower-case token is a stump
when English hardly knows it (it is not in the word table: Zipf below 2,
which leaves room for the typo itself on the web), it is at least ``min_length`` letters long (default 4), and
exactly one letter added at its end makes a common English word (Zipf at
least ``min_zipf``, default 4.0). Two or more completions (``cal``: *call*,
*calm*) leave it alone, as do technical writing and protected spans.

The finding proposes the completed word for review: the tool cannot know
that the stump was not a coinage or a name written in lower case.
"""

from __future__ import annotations

from collections.abc import Iterator
from string import ascii_lowercase

import regex

from ..english import table
from ..model import Document, Edit, Rule
from . import Detector, make_edit, param

_TOKEN = regex.compile(r"(?<![\p{L}\p{N}_@/.'’-])\p{Ll}{4,}(?![\p{L}\p{N}_@/'’-])")


def compile(rule: Rule) -> Detector:
    """Compile a ``truncated-word`` rule into a detector."""
    min_length = param(rule, "min_length", int, 4)
    min_zipf = param(rule, "min_zipf", (int, float), 4.0)

    def completion(word: str) -> str | None:
        words = table()
        found = [word + c for c in ascii_lowercase if words.get(word + c, 0.0) >= min_zipf]
        return found[0] if len(found) == 1 else None

    def detect(doc: Document) -> Iterator[Edit]:
        text = doc.text
        words = table()
        stumps: dict[str, str] = {}
        for word in set(_TOKEN.findall(text)):
            if len(word) < min_length or not word.isascii() or word in words:
                continue
            fixed = completion(word)
            if fixed is not None:
                stumps[word] = fixed
        if not stumps or doc.evidence("technical"):  # of the whole document
            return
        for m in _TOKEN.finditer(text):
            fixed = stumps.get(m.group())
            if fixed is not None and not doc.is_protected(m.start(), m.end()):
                yield make_edit(rule, doc, m.start(), m.end(), fixed)

    return detect
