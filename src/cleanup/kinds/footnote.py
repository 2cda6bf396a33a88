"""Kind ``footnote``: note numbers glued to the text (``Pokrovsky73``, ``Bordiga,74``).

A scraped or OCR'd book loses its superscripts, and the note numbers run into
the words they followed. No list could tell ``Pokrovsky73`` from ``B12``;
the document can: footnote markers *rise* through a text (73, 74, 75, 88, 91…).
So the kind collects every candidate, finds the longest rising chain of them
(each step at most ``max_step``, default 30), and edits only the members of a
chain at least ``min_chain`` long (default 3); then the next chain among the
candidates left, since a book numbers its notes anew in each chapter. A short text has few notes, so
a chain of two is enough when it starts at ``short_chain_start`` or below
(default 5), and a lone candidate when it is note 1 glued to a word of four
letters or more before a full stop or comma (``Turkmens1.``). Candidates are

* digits glued to a lower-case word of three or more letters, or to the
  punctuation after a word: ``Pokrovsky73``, ``Bordiga,74``, ``it.”95``;
* a number standing alone between a sentence end and a capital: ``etc. 92 I``;
* a number spaced between a word and the punctuation after it (a superscript
  the scraper spaced out): ``for three months 2 .`` becomes ``for three months.``.

Never candidates: digits after a capital (``CO2``, ``B12``, ``A4``), after a
hyphen (``MiG-15``, ``58-10``), followed by a letter or digit (``1920s``,
``H2O``) or by a character of code (``key1=value1``, ``'value2'``), after an abbreviation such as ``p.`` or ``No.``, or four digits and
more (years); digits glued to a word that carries other numbers elsewhere
(``python2``, ``python3``: a name with versions), or to any word in technical
writing (``flake8``, ``pybind11``).

The number is removed, or written as ``[73]`` when the document has a notes
section with a line starting with that number (then the note is not lost).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from ..model import Document, Edit, Rule
from ..technical import is_technical
from . import Detector, make_edit, param

_GLUED = regex.compile(
    r"(?<=(?<![\p{L}\d])\p{L}*\p{Ll}{3}[.,;:!?]?[\"”’»)]?)(\d{1,3})(?![\d\p{L}])"
    r"|(?<=\p{Ll}{2}[.,;:!?][\"”’»)]?|\p{Ll}{2}[\"”’»)])(\d{1,3})(?![\d\p{L}])"
)
_NOTE_LINE = regex.compile(r"(?m)^[ \t]*\[?(\d{1,3})[.)\]]?[ \t]+\S")
_DIGITS = regex.compile(r"\d{1,3}(?![\d\p{L}])")
_SPACED = regex.compile(r"(?<=\p{Ll}{3}) (\d{1,3}) (?=[.,;](?:\s|$))")
_WORD_BEFORE = regex.compile(r"\p{L}+[.,;:!?\"”’»)]?$")
#: words a number may follow in prose (``page 2 .``, ``more than 3 .``)
_TAKES_NUMBER = frozenset(
    "page pages chapter part volume article item class level point number grade stage phase type group figure "
    "table step room apartment house building platform track line route than about over under from until till "
    "january february march april may june july august september october november december "
    "with only just nearly almost around approximately exactly total were plus minus times version issue no".split()
)
_AFTER_OK = frozenset(" \t\n.,;:!?)]”\"’»")
_ALONE = regex.compile(r"(?<=\p{Ll}[.!?][\"”’»)]?) (\d{1,3}) (?=\p{Lu})")
_ABBREVIATION = regex.compile(
    r"(?i)(?:^|[^\p{L}])(?:p|pp|no|nos|vol|vols|art|arts|ch|chap|fig|figs|sec|para|tab|ed|eds|col|cols)[.]\s*$"
)


@dataclass(frozen=True)
class _Candidate:
    start: int  # of the digits
    end: int
    value: int
    alone: bool
    #: the span to replace, when not the digits (a spaced marker takes its spaces)
    span: tuple[int, int] | None = None


def candidates(text: str) -> list[_Candidate]:
    """Every place that could be a glued footnote number, in text order."""
    found = []
    # digits are rare in prose: find them first, then look at what stands before
    for m in _DIGITS.finditer(text):
        start = m.start()
        if start and text[start - 1].isdigit():
            continue
        if not _GLUED.match(text, start) or _ABBREVIATION.search(text[max(0, start - 8) : start]):
            continue
        if m.end() < len(text) and text[m.end()] not in _AFTER_OK:
            continue
        word = _WORD_BEFORE.search(text, max(0, start - 40), start)
        if word is not None and word.start() > 0 and text[word.start() - 1] in "=_/@#`.-\\":
            continue
        found.append(_Candidate(start, m.end(), int(m.group()), alone=False))
    found = _drop_versioned(text, found)
    for m in _SPACED.finditer(text):
        word = _WORD_BEFORE.search(text, max(0, m.start() - 40), m.start())
        if word is None or len(word.group()) < 4 or word.group().lower() in _TAKES_NUMBER:
            continue
        found.append(_Candidate(m.start(1), m.end(1), int(m.group(1)), alone=False, span=(m.start(1) - 1, m.end())))
    for m in _ALONE.finditer(text):
        if _ABBREVIATION.search(text[max(0, m.start() - 8) : m.start() + 1]):
            continue
        found.append(_Candidate(m.start(1), m.end(1), int(m.group(1)), alone=True))
    return sorted(found, key=lambda c: c.start)


def _drop_versioned(text: str, found: list[_Candidate]) -> list[_Candidate]:
    """Without the digits glued straight to a name that is versioned: ``python2`` and ``python3``.

    A note number follows whatever word ends the clause; one word carrying two
    different numbers is a name with a version, and in technical writing
    (:func:`cleanup.technical.is_technical`) every letters-then-digits token is.
    """
    glued = [c for c in found if text[c.start - 1 : c.start].isalpha()]
    if not glued:
        return found
    if is_technical(text):
        drop = {c.start for c in glued}
    else:
        numbers: dict[str, set[int]] = {}
        stems: dict[int, str] = {}
        for c in glued:
            word = _WORD_BEFORE.search(text, max(0, c.start - 40), c.start)
            stem = word.group().lower() if word is not None else ""
            stems[c.start] = stem
            numbers.setdefault(stem, set()).add(c.value)
        drop = {start for start, stem in stems.items() if len(numbers[stem]) > 1}
    return [c for c in found if c.start not in drop]


def rising_chain(values: list[int], max_step: int) -> list[int]:
    """Indexes of the longest chain of strictly rising values with steps <= ``max_step``.

    >>> rising_chain([73, 2, 74, 75, 5, 88, 91, 92, 95], 30)
    [0, 2, 3, 5, 6, 7, 8]
    """
    best_len = [1] * len(values)
    previous = [-1] * len(values)
    for i, v in enumerate(values):
        # a window is enough: a chain rarely skips many candidates
        for j in range(max(0, i - 200), i):
            if values[j] < v <= values[j] + max_step and best_len[j] + 1 > best_len[i]:
                best_len[i], previous[i] = best_len[j] + 1, j
    if not values:
        return []
    i = max(range(len(values)), key=lambda k: (best_len[k], -k))
    chain = []
    while i != -1:
        chain.append(i)
        i = previous[i]
    return chain[::-1]


def compile(rule: Rule) -> Detector:
    """Compile a ``footnote`` rule into a detector."""
    min_chain = param(rule, "min_chain", int, 3)
    max_step = param(rule, "max_step", int, 30)
    short_start = param(rule, "short_chain_start", int, 5)

    def detect(doc: Document) -> Iterator[Edit]:
        chain = _chains(doc.text, candidates(doc.text), max_step, min_chain, short_start)
        if not chain:
            return
        # where each number last starts a line (a note), found in one pass
        last_note: dict[int, int] = {}
        for m in _NOTE_LINE.finditer(doc.text):
            last_note[int(m.group(1))] = m.start()
        for c in chain:
            start, end = (c.start, c.end + 1) if c.alone else c.span or (c.start, c.end)
            if doc.is_protected(start, end):
                continue
            has_note = last_note.get(c.value, -1) >= c.end
            replacement = (f"[{c.value}]" + (" " if c.alone else "")) if has_note else ""
            if c.span is not None and has_note:
                replacement = f"[{c.value}]"
            message = rule.message.replace("{number}", str(c.value))
            yield make_edit(rule, doc, start, end, replacement, message=message)

    return detect


def _chains(text: str, found: list[_Candidate], max_step: int, min_chain: int, short_start: int) -> list[_Candidate]:
    """The members of every chain of notes, in text order.

    A book numbers its notes anew in each chapter (1, 2, 3 ... 1, 2, 3): after the
    longest rising chain, the next is looked for among the candidates left, as long
    as each is a full chain of ``min_chain`` (the short-text allowances are for the
    first only). One chain at a time would leave a chapter's notes to each later
    pass of the pipeline.
    """
    members: list[_Candidate] = []
    rest = found
    while rest:
        indexes = rising_chain([c.value for c in rest], max_step)
        chain = [rest[i] for i in indexes]
        if not (_enough(text, chain, min_chain, short_start) if not members else len(chain) >= min_chain):
            break
        members.extend(chain)
        taken = set(indexes)
        rest = [c for i, c in enumerate(rest) if i not in taken]
    return sorted(members, key=lambda c: c.start)


def _enough(text: str, chain: list[_Candidate], min_chain: int, short_start: int) -> bool:
    """True when ``chain`` is evidence enough of glued note numbers."""
    if len(chain) >= min_chain:
        return True
    if len(chain) == 2 and min_chain > 2:
        return chain[0].value <= short_start
    if len(chain) == 1 and chain[0].span is not None:
        return True
    if len(chain) == 1 and chain[0].value == 1 and not chain[0].alone:
        c = chain[0]
        word = regex.search(r"\p{L}+$", text[max(0, c.start - 20) : c.start])
        after = text[c.end : c.end + 2]
        return word is not None and len(word.group()) >= 4 and after[:1] in (".", ",") and not after[1:2].isdigit()
    return False
