"""Facts about a whole document that a kind reads, named, so a later pass can tell whether they changed.

Most document-level kinds decide at each place from the text near it and a
few facts about the whole document: how often a word is written in lower
case or capitalised inside a sentence, whether the text is technical
writing, whether a pattern occurs anywhere. Such a kind reads those facts
with :meth:`cleanup.model.Document.evidence` (``doc.evidence("lower_case",
"plan")``), also when it runs on a window of the text: the answer is always
the whole document's.

The pipeline opens a log for each such rule (:data:`cleanup.kinds.EVIDENCE_KINDS`)
while it runs, so it knows every fact the rule's findings rest on. In a
later pass, when each of those facts has the same value on the new text
(:func:`unchanged`), a place far from the previous pass's edits has the same
nearby text and the same facts as before, so the rule decides there as it
did; the rule then runs only on windows around the edits, like a local kind.
When any fact changed, it runs over the whole new text.

A reader is a pure function of the whole document and a key.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import regex

from .model import Document
from .technical import is_technical

_LETTERS = regex.compile(r"\p{L}+")


def _letter_words(doc: Document, _key: Any) -> frozenset[str]:
    return frozenset(_LETTERS.findall(doc.text))


#: name -> reader(document, key): the facts a kind may read about the whole document
READERS: dict[str, Callable[[Document, Any], Any]] = {
    # the text is technical writing (see cleanup.technical)
    "technical": lambda doc, _key: is_technical(doc.text),
    # how often the word ``key`` (lower case) is capitalised away from a sentence or line start
    "capitalised_inside": lambda doc, key: doc.facts.capitalised_inside[key],
    # how often the word ``key`` is written all in lower case
    "lower_case": lambda doc, key: doc.facts.lower_case[key],
    # whether the word ``key`` occurs, in exactly this form (cleanup.textfacts word)
    "has_word": lambda doc, key: doc.facts.has_word(key),
    # whether ``key`` occurs as a whole run of letters
    "letter_word": lambda doc, key: key in read_quiet(doc, "letter_words", None),
    # every run of letters (read through "letter_word": the set itself is kept, not logged)
    "letter_words": _letter_words,
    # whether the compiled pattern ``key`` matches anywhere in the text
    "search": lambda doc, key: key.search(doc.text) is not None,
}


def read_quiet(doc: Document, name: str, key: Any) -> Any:
    """The fact ``name`` (with ``key``) about ``doc``, computed once per document, not logged."""
    cache = doc.evidence_log.cache
    k = (name, key)
    try:
        return cache[k]
    except KeyError:
        value = cache[k] = READERS[name](doc, key)
        return value


def read(doc: Document, name: str, key: Any) -> Any:
    """The fact ``name`` (with ``key``) about the whole document ``doc``, noted in its open log."""
    value = read_quiet(doc, name, key)
    reads = doc.evidence_log.reads
    if reads is not None:
        reads[(name, key)] = value
    return value


def unchanged(doc: Document, reads: Mapping[tuple[str, Any], Any]) -> bool:
    """True when every fact in ``reads`` (read on an earlier text) has the same value on ``doc``.

    >>> old, new = Document("A plan. The plan."), Document("A plan. The plan, the plan.")
    >>> _ = old.evidence_log.reads = {}
    >>> old.evidence("lower_case", "plan"), old.evidence("lower_case", "a")
    (2, 0)
    >>> unchanged(new, old.evidence_log.reads), unchanged(new, {("lower_case", "a"): 0})
    (False, True)
    """
    return all(read_quiet(doc, name, key) == value for (name, key), value in reads.items())
