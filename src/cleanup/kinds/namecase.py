"""Kind ``name-case``: a person's name with a lower-case half (``albert Fedorov``, ``Olga smirnova``).

An engine that does not recognise a given name or a surname copies it over
in lower case (or loses the capital with a link boundary), and English never
writes a name so. The kind needs both halves to be sure:

* a lower-case word from the rule's ``given`` list (given names, in their
  usual romanisations) followed by a capitalised word that is not a
  function word: ``albert Fedorov`` -> ``Albert Fedorov``;
* a capitalised given name followed by a lower-case word with a surname's
  or patronymic's ending (``surname_endings``) that English does not know
  as a word: ``Olga smirnova`` -> ``Olga Smirnova``.

Never touched: words inside a handle, a path or an address (``@olga``,
``/ivan/``), protected spans, technical writing
(:func:`cleanup.technical.is_technical`), and given names that are also
common English words (the list leaves out ``mark``, ``victor``, ``rose``).
The second form is made at ``surname_tier`` (default ``suggest``): a
surname is recognised by its ending alone.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..english import table
from ..model import Document, Edit, Rule, Tier
from . import Detector, make_edit, param
from .casing import CLOSED_CLASS

_WORD = regex.compile(r"[A-Za-z]{2,}")


def compile(rule: Rule) -> Detector:
    """Compile a ``name-case`` rule into a detector."""
    given = frozenset(name.lower() for name in param(rule, "given", list, []))
    endings = tuple(sorted({e.lower() for e in param(rule, "surname_endings", list, [])}, key=len, reverse=True))
    surname_tier = Tier(param(rule, "surname_tier", str, "suggest"))
    max_zipf = param(rule, "max_surname_zipf", (int, float), 3.0)

    def surname_like(low: str) -> bool:  # the word table only when a name stands before a candidate
        return len(low) >= 4 and low.endswith(endings) and table().get(low, 0.0) < max_zipf

    def detect(doc: Document) -> Iterator[Edit]:
        text = doc.text
        # the names the text uses at all (a set lookup per distinct word), then one
        # small pattern for just those: a pattern of every name would cost far more
        present = {w for w in set(_WORD.findall(text)) if w.lower() in given and (w.islower() or w.istitle())}
        if not present or doc.evidence("technical"):  # of the whole document
            return
        pair = regex.compile(
            r"(?<![\p{L}\p{N}@/_.\\-])(" + "|".join(map(regex.escape, sorted(present, key=len, reverse=True)))
            + r")[ \t]+(\p{L}+)(?![\p{L}\p{N}@_])"
        )
        pos = 0
        while (m := pair.search(text, pos)) is not None:
            pos = m.start(2)  # the second word may be the next pair's given name
            first, second = m.group(1), m.group(2)
            if first.islower():
                if second[0].isupper() and second[1:].islower() and second.lower() not in CLOSED_CLASS:
                    if not doc.is_protected(m.start(1), m.end(1)):
                        yield make_edit(rule, doc, m.start(1), m.end(1), first.capitalize())
            elif first[0].isupper() and first[1:].islower():
                if second.islower() and surname_like(second) and not doc.is_protected(m.start(2), m.end(2)):
                    yield make_edit(rule, doc, m.start(2), m.end(2), second.capitalize(), tier=surname_tier)

    return detect
