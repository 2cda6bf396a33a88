"""Kind ``caps-word-run``: ``caps-word``, leaving runs of capitals alone.

``caps-word`` lower-cases an ordinary word in capitals inside a normal
sentence (``natural resources THE USSR``). In a clause written all in
capitals inside a mixed-case line (``the sign said THE ARCHIVE WAS CLOSED``)
the capitals are deliberate, so this kind drops any such edit whose word
stands in a run of ``min_run`` (default 3) or more words in capitals.
Parameters are otherwise those of ``caps-word``.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..model import Document, Edit, Rule
from . import Detector, param
from .caps import compile as compile_caps

_CAPS_RUN = regex.compile(r"(?<![\p{L}\p{N}])\p{Lu}{1,}[\p{Lu}\p{N}'’-]*(?:[ \t,;:]+\p{Lu}{1,}[\p{Lu}\p{N}'’-]*(?![\p{Ll}]))+")


#: how far from a word a run in capitals is looked for
_REACH = 400


def compile(rule: Rule) -> Detector:
    """Compile a ``caps-word-run`` rule: the ``caps-word`` detector, filtered."""
    min_run = param(rule, "min_run", int, 3)
    base = compile_caps(rule)

    def detect(doc: Document) -> Iterator[Edit]:
        edits = list(base(doc))
        if not edits:
            return
        for edit in edits:
            if not _in_run(doc.text, edit.start, edit.end, min_run):
                yield edit

    return detect


def _in_run(text: str, start: int, end: int, min_run: int) -> bool:
    """True when ``text[start:end]`` stands in a run of ``min_run`` or more words in capitals.

    >>> t = "we read THE ARCHIVE WAS CLOSED today, and resources THE USSR had"
    >>> _in_run(t, 8, 11, 3), _in_run(t, 52, 55, 3)
    (True, False)
    """
    # the line around the word, but no further than a long run could reach: one
    # 100 KB line must not be rescanned for every word in it
    line_start = max(text.rfind("\n", 0, start) + 1, start - _REACH)
    line_end = text.find("\n", end, end + _REACH)
    line_end = min(len(text), end + _REACH) if line_end == -1 else line_end
    for m in _CAPS_RUN.finditer(text, line_start, line_end):
        if m.start() <= start and end <= m.end():
            words = [w for w in regex.split(r"[ \t,;:]+", m.group()) if w]
            return len(words) >= min_run
    return False
