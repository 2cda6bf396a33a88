"""Kind ``glued-dash``: a hyphen where a dash was meant, or a compound broken after its hyphen.

MT engines and scrapers lose the spaces around dashes, or put one on a
single side. Four shapes, each with its guards:

* ``word- Word`` / ``word- the`` (a space after the hyphen only): a dash, when
  the next word is capitalised, a function word or a number; a compound
  broken after its hyphen (``half- time`` → ``half-time``) when English
  writes the two words as one or the text writes them hyphenated elsewhere;
  a *suspended* hyphen (``pre- and post-war``, ``two- or three-day``) is left
  alone, and so is anything else (``revolu- tionary``, a line-end hyphen);
* ``word-he`` (no space at all) before a personal pronoun or an article,
  unless the word is a preposition (``run-of-the-mill``) or another hyphen
  follows (``over-the-counter``);
* ``sugar-1 kg``: a hyphen between a word and a number, only when the text
  writes a spaced dash before a number at least twice elsewhere (a list of
  quantities), and never after words that take a number (``type-2``,
  ``top-10``, ``COVID-19``);
* ``word -The`` (a space before the hyphen only) before a capitalised or
  function word.

The dash written is the one the text already uses with spaces around it
(`` - ``, `` – `` or `` — ``); an en dash when it uses none. The first shape
before a lower-case function word (``projects- the``) is made at the rule's
tier; every other shape at ``other_tier`` (default ``suggest``).
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..english import table
from ..model import Document, Edit, Rule, Tier
from . import Detector, make_edit, param

_RIGHT_SPACE = regex.compile(r"(?<=(?<![\p{L}-])(\p{L}{2,}))-[ \t]+(?=([\p{L}\p{N}]+)(-?))")
_GLUED = regex.compile(r"(?<=(?<![\p{L}-])(\p{L}{3,}))-(?=(\p{Ll}+)(?![\p{L}-]))")
_NUMBER = regex.compile(r"(?<=(?<![\p{L}-])(\p{Ll}{3,}))-(?=\d+(?:[.,]\d+)?[ \t]+\p{Ll})")
_LEFT_SPACE = regex.compile(r"(?<=(?<![\p{L}-])(\p{L}{2,}))[ \t]+-(?=(\p{L}{2,})(?![\p{L}-]))")
_SPACED_DASH = regex.compile(r"(?<=\S) ([-–—]) (?=\S)")
_DASH_BEFORE_NUMBER = regex.compile(r"\p{L} [-–—] \d")

_SUSPENDED = frozenset({"and", "or", "nor", "to", "vs", "versus", "und", "et"})
_CLAUSE_WORDS = frozenset(
    "the a an this that these those he she they we i you it his her their its our my your there which who "
    "what is was are were not but so as in on at for with by from".split()
)
_PRONOUNS = frozenset("he she they we i you the this these those".split())
_PREPOSITIONS = frozenset(
    "of to in on at by for with from into onto over under out up down off behind about across after before "
    "than and or one two".split()
)
_TAKES_NUMBER = frozenset(
    "top under over mid pre post type grade level class phase stage size model version vitamin covid group "
    "category tier channel route number page item chapter article section figure table step year years day "
    "days minute hour week month part series mark formula region zone sector block unit".split()
)
_COMPOUND_FIRST = frozenset(
    "half self well ex non anti co pre post semi multi cross long short high low full part all quasi pseudo "
    "vice mid".split()
)


def document_dash(text: str) -> str:
    """The spaced dash the text uses most (`` – `` when it uses none).

    >>> document_dash("a - b and c - d, e – f"), document_dash("no dash here")
    (' - ', ' – ')
    """
    counts = {"-": 0, "–": 0, "—": 0}
    for m in _SPACED_DASH.finditer(text):
        counts[m.group(1)] += 1
    best = max(counts, key=lambda k: (counts[k], k == "–"))
    return f" {best} " if counts[best] else " – "


def compile(rule: Rule) -> Detector:
    """Compile a ``glued-dash`` rule into a detector."""
    min_evidence = param(rule, "min_number_evidence", int, 2)
    other = Tier(param(rule, "other_tier", str, "suggest"))

    def detect(doc: Document) -> Iterator[Edit]:
        text = doc.text
        if "-" not in text:
            return
        dash = document_dash(text)
        words = table()
        for m in _RIGHT_SPACE.finditer(text):
            left, right, more = m.group(1), m.group(2), m.group(3)
            start, end = m.start(), m.end()
            if right.lower() in _SUSPENDED or doc.is_protected(start - len(left), end + len(right)):
                continue
            if right[0].isupper() or right.lower() in _CLAUSE_WORDS or right[0].isdigit():
                if more or right[0].isdigit() and left.lower() in _TAKES_NUMBER:
                    continue
                tier = rule.tier if right in _CLAUSE_WORDS and left.islower() else other
                yield make_edit(rule, doc, start, end, dash, message=f"a hyphen where a dash was meant: '{dash.strip()}'", tier=tier)
            elif right.islower() and left.islower() and not more and words.get(left, 0.0) >= 3.0:
                joined = (left + right).lower()
                if (
                    words.get(joined, 0.0) >= 3.0
                    or f"{left}-{right}" in text
                    or left.lower() in _COMPOUND_FIRST and words.get(right.lower(), 0.0) >= 3.0
                ):
                    yield make_edit(rule, doc, start, end, "-", message="a compound broken after its hyphen", tier=other)
        for m in _GLUED.finditer(text):
            left, right = m.group(1), m.group(2)
            if right not in _PRONOUNS or left.lower() in _PREPOSITIONS or not left.islower():
                continue
            if words.get(left.lower(), 0.0) < 3.0 or doc.is_protected(m.start() - len(left), m.end() + len(right)):
                continue
            yield make_edit(rule, doc, m.start(), m.end(), dash, message=f"a hyphen where a dash was meant: '{dash.strip()}'", tier=other)
        evidence = len(_DASH_BEFORE_NUMBER.findall(text))
        if evidence >= min_evidence:
            for m in _NUMBER.finditer(text):
                if m.group(1).lower() in _TAKES_NUMBER or doc.is_protected(m.start() - 3, m.end() + 1):
                    continue
                spaced = _DASH_BEFORE_NUMBER.search(text)
                mark = f" {spaced.group()[2]} " if spaced else dash
                yield make_edit(rule, doc, m.start(), m.end(), mark, message="a hyphen where a spaced dash was meant", tier=other)
        for m in _LEFT_SPACE.finditer(text):
            left, right = m.group(1), m.group(2)
            if not (right[0].isupper() or right.lower() in _CLAUSE_WORDS) or right.lower() in _SUSPENDED:
                continue
            if doc.is_protected(m.start() - len(left), m.end() + len(right)):
                continue
            yield make_edit(rule, doc, m.start(), m.end(), dash, message=f"a hyphen where a dash was meant: '{dash.strip()}'", tier=other)

    return detect
