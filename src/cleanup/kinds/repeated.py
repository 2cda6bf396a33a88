"""Kind ``repeated-word``: the same word twice in a row (``miserable miserable``).

The repeats are removed with the spaces before them (``real real real`` keeps
one ``real``). Not touched:

* pairs in ``allow`` (``had had``, ``that that``, ``is is``: grammatical, and
  reduplications such as ``bye bye``, ``knock knock``);
* a pair whose second word is capitalised (not all capitals): a name
  (``Bora Bora``, ``Sing Sing``), even at the start of a sentence, where
  ``The the`` and ``the THE`` are still caught;
* words separated by punctuation or a line break (``very, very``; verse).
"""

from __future__ import annotations

from collections.abc import Iterator

import re

import regex

from ..model import Document, Edit, Rule
from . import Detector, make_edit, param

# the standard library's engine runs this backreference several times faster
# than the regex module; [^\W\d_] is a letter
_REPEAT = re.compile(r"\b([^\W\d_]+)((?:[ \t]+\1(?![\w'’-]))+)", re.IGNORECASE)
_WORD = regex.compile(r"\p{L}+")


def compile(rule: Rule) -> Detector:
    """Compile a ``repeated-word`` rule into a detector."""
    allow = {w.casefold() for w in param(rule, "allow", list, [])}

    def detect(doc: Document) -> Iterator[Edit]:
        text = doc.text
        for m in _REPEAT.finditer(text):
            if m.start() and text[m.start() - 1] in "'’-":
                continue  # part of a longer word (o'clock, well-known)
            first = m.group(1)
            repeats = _WORD.findall(m.group(2))
            if first.casefold() in allow:
                continue
            if any(r[0].isupper() and not r.isupper() for r in repeats):
                continue  # a name (Bora Bora, Sing Sing), even at a sentence start
            start, end = m.end(1), m.end()
            if doc.is_protected(m.start(), end):
                continue
            yield make_edit(rule, doc, start, end, "", message=rule.message.replace("{word}", first))

    return detect
