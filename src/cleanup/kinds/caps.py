"""Kind ``caps-word``: an ordinary word in capitals inside a normal sentence.

``natural resources THE USSR`` has a word the MT engine capitalised by
mistake. Only the words in the rule's ``words`` list are considered (function
words such as *the*, *of*, *which*), so acronyms (USSR, NATO, IT, US) are never
touched. The word is left alone when its line is mostly capitals (a heading, a
telegram), when a neighbouring word is also an ordinary word in capitals or an
``emphasis`` word (``NOT``, ``NEVER``: shouting, or a quoted title), and when it
starts a line.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..model import Document, Edit, Rule
from . import Detector, make_edit, param

_WORD = regex.compile(r"(?<![\p{L}\p{N}])\p{Lu}{2,}(?![\p{L}\p{N}])")
_TOKEN = regex.compile(r"[\p{L}\p{N}]+")
_LAST_TOKEN = regex.compile(r"(?r)[\p{L}\p{N}]+")
_NON_SPACE = regex.compile(r"\S")


def compile(rule: Rule) -> Detector:
    """Compile a ``caps-word`` rule into a detector."""
    words = {w.casefold() for w in param(rule, "words", list)}
    max_caps_share = param(rule, "max_caps_share", float, 0.3)
    emphasis = words | {w.casefold() for w in param(rule, "emphasis", list, [])}

    def detect(doc: Document) -> Iterator[Edit]:
        text = doc.text
        # the line of the last candidate and its share of capitals, computed once
        # per line however many candidates it holds (a long line stays linear)
        line_start = line_end = -1
        too_shouty = True
        for m in _WORD.finditer(text):
            if m.group().casefold() not in words or doc.is_protected(m.start(), m.end()):
                continue
            if m.start() > line_end:
                line_start = text.rfind("\n", 0, m.start()) + 1
                line_end = text.find("\n", m.end())
                line_end = len(text) if line_end == -1 else line_end
                tokens = capitals = 0
                for t in _TOKEN.finditer(text, line_start, line_end):
                    tokens += 1
                    capitals += len(t.group()) > 1 and t.group().isupper()
                too_shouty = tokens < 6 or capitals / tokens > max_caps_share
            if too_shouty or not _NON_SPACE.search(text, line_start, m.start()):
                continue
            neighbours = _neighbours(text, m.start(), m.end(), line_start, line_end)
            if any(n.isupper() and n.casefold() in emphasis for n in neighbours):
                continue
            yield make_edit(rule, doc, m.start(), m.end(), m.group().lower())

    return detect


def _neighbours(text: str, start: int, end: int, lo: int, hi: int) -> list[str]:
    # the nearest token each side: a reverse search finds the one before without
    # tokenising the line from its start
    before = _LAST_TOKEN.search(text, lo, start)
    after = _TOKEN.search(text, end, hi)
    return [m.group() for m in (before, after) if m is not None]
