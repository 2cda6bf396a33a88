"""Kind ``repeated-word``: the same word twice in a row (``miserable miserable``).

The second word is removed with the space before it. Not touched:

* pairs in ``allow`` (``had had``, ``that that``, ``is is``: grammatical, and
  reduplications such as ``bye bye``, ``knock knock``);
* a pair whose second word is capitalised: a name (``Bora Bora``,
  ``Sing Sing``), even at the start of a sentence, where ``The the`` is
  still caught;
* words separated by punctuation or a line break (``very, very``; verse).
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..model import Document, Edit, Rule
from . import Detector, make_edit, param

_REPEAT = regex.compile(
    r"(?<![\p{L}\p{N}'’-])(\p{L}+)([ \t]+)(\1)(?![\p{L}\p{N}'’-])",
    regex.IGNORECASE,
)


def compile(rule: Rule) -> Detector:
    """Compile a ``repeated-word`` rule into a detector."""
    allow = {w.casefold() for w in param(rule, "allow", list, [])}

    def detect(doc: Document) -> Iterator[Edit]:
        text = doc.text
        for m in _REPEAT.finditer(text):
            first, second = m.group(1), m.group(3)
            if first.casefold() in allow:
                continue
            if second[0].isupper():
                continue  # a name (Bora Bora, Sing Sing), even at a sentence start
            start, end = m.end(1), m.end(3)
            if doc.is_protected(m.start(), end):
                continue
            yield make_edit(rule, doc, start, end, "", message=rule.message.replace("{word}", first))

    return detect
