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


def compile(rule: Rule) -> Detector:
    """Compile a ``caps-word`` rule into a detector."""
    words = {w.casefold() for w in param(rule, "words", list)}
    max_caps_share = param(rule, "max_caps_share", float, 0.3)
    emphasis = words | {w.casefold() for w in param(rule, "emphasis", list, [])}

    def detect(doc: Document) -> Iterator[Edit]:
        text = doc.text
        for m in _WORD.finditer(text):
            if m.group().casefold() not in words or doc.is_protected(m.start(), m.end()):
                continue
            line_start = text.rfind("\n", 0, m.start()) + 1
            line_end = text.find("\n", m.end())
            line_end = len(text) if line_end == -1 else line_end
            if not text[line_start : m.start()].strip():
                continue
            tokens = [t.group() for t in _TOKEN.finditer(text, line_start, line_end)]
            capitals = sum(1 for t in tokens if len(t) > 1 and t.isupper())
            if len(tokens) < 6 or capitals / len(tokens) > max_caps_share:
                continue
            neighbours = _neighbours(text, m.start(), m.end(), line_start, line_end)
            if any(n.isupper() and n.casefold() in emphasis for n in neighbours):
                continue
            yield make_edit(rule, doc, m.start(), m.end(), m.group().lower())

    return detect


def _neighbours(text: str, start: int, end: int, lo: int, hi: int) -> list[str]:
    before = _TOKEN.findall(text, lo, start)[-1:]
    after = _TOKEN.findall(text, end, hi)[:1]
    return before + after
