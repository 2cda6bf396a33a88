"""Kind ``list-letters``: list items lettered with the Russian alphabet.

Russian lists are lettered а, б, в, г, д… An MT engine transliterates them to
``A.`` ``b.`` ``V.`` ``G.`` ``D.``, which an English reader takes for nonsense.
The kind looks for *runs* of paragraphs (or lines) that start with a letter
and a full stop, whose letters follow the Russian alphabet from its first
letter (``A``, ``B``, ``V``…), and rewrites each marker as the English letter
in the same place (``a.`` ``b.`` ``c.``). A run must be ``min_run`` items long
(default 3) and reach a letter where the two alphabets part (``V`` is third in
Russian, ``c`` in English), so an English ``a. b. c.`` list, a lone ``A.``,
and initials at a line start (``V. I. Lenin``) are never touched. The markers
become lower case when any marker of the run was, capitals otherwise.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..model import Document, Edit, Rule
from . import Detector, make_edit, param

# the Russian alphabet's list letters as MT engines romanise them, in order
RUSSIAN_ORDER = ("a", "b", "v", "g", "d", "e", "zh", "z", "i", "k", "l", "m", "n", "o", "p")
_ENGLISH = "abcdefghijklmnopqrstuvwxyz"
_BREAK = regex.compile(r"\n(?:[ \t]*\n)+")
_MARKER = regex.compile(r"(?m)^([ \t]*)(Zh|ZH|zh|\p{L})\.(?=[ \t]+(?!\p{Lu}\.)\S)")


def compile(rule: Rule) -> Detector:
    """Compile a ``list-letters`` rule into a detector."""
    min_run = param(rule, "min_run", int, 3)

    def detect(doc: Document) -> Iterator[Edit]:
        markers = [m for m in _MARKER.finditer(doc.text) if m.group(2).lower() in RUSSIAN_ORDER]
        for run in _runs(doc.text, markers):
            if len(run) < min_run or len(run) < 3:
                continue
            lower = any(m.group(2)[0].islower() for m in run)
            for i, m in enumerate(run):
                letter = _ENGLISH[i] if lower else _ENGLISH[i].upper()
                if m.group(2) != letter and not doc.is_protected(m.start(2), m.end(2)):
                    yield make_edit(rule, doc, m.start(2), m.end(2), letter)

    return detect


def _runs(text: str, markers: list[regex.Match[str]]) -> Iterator[list[regex.Match[str]]]:
    """Maximal runs of markers lettered а, б, в… in order, on consecutive items."""
    run: list[regex.Match[str]] = []
    for m in markers:
        index = RUSSIAN_ORDER.index(m.group(2).lower())
        follows = run and index == len(run) and _adjacent(text, run[-1], m)
        if follows:
            run.append(m)
            continue
        if run:
            yield run
        run = [m] if index == 0 else []
    if run:
        yield run


def _adjacent(text: str, previous: regex.Match[str], current: regex.Match[str]) -> bool:
    """True when no other paragraph stands between two list items (one blank line may)."""
    return len(_BREAK.findall(text, previous.end(), current.start())) <= 1
