"""Kind ``repeated-word``: the same word twice in a row (``miserable miserable``).

The second word is removed with the space before it. Not touched:

* pairs in ``allow`` (``had had``, ``that that``, ``is is``: grammatical, and
  reduplications such as ``bye bye``, ``knock knock``);
* a repeated capitalised word that does not start a sentence: a name
  (``Bora Bora``, ``Sing Sing``, ``Humbert Humbert``);
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
_SENTENCE_START = regex.compile(r"(?:^|[.!?…]['\"”’»)]*\s+|[\n:]\s*|[\"“«]\s*)$")


def compile(rule: Rule) -> Detector:
    """Compile a ``repeated-word`` rule into a detector."""
    allow = {w.casefold() for w in param(rule, "allow", list, [])}

    def detect(doc: Document) -> Iterator[Edit]:
        text = doc.text
        for m in _REPEAT.finditer(text):
            first, second = m.group(1), m.group(3)
            if first.casefold() in allow:
                continue
            if first[0].isupper() and second[0].isupper():
                if not _SENTENCE_START.search(text[max(0, m.start() - 4) : m.start()]):
                    continue  # a name, not a slip
            start, end = m.end(1), m.end(3)
            if doc.is_protected(m.start(), end):
                continue
            yield make_edit(rule, doc, start, end, "", message=rule.message.replace("{word}", first))

    return detect
