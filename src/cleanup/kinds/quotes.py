"""Kind ``quote-spacing``: spaces on the wrong side of a quotation mark.

MT output and careless extraction produce ``company"Lena Goldfields"`` (no space
before the opening quote) and ``the second party ".`` (a space before the
closing one). Which side a straight ``"`` is on is read from its position in
the paragraph: the first, third, fifth… open, the others close. A paragraph
with an odd number of straight quotes is ambiguous and left alone. Curly
quotes say which side they are on themselves.

Fixes: a space is inserted between a word and an opening quote glued to it and
between a closing quote and a word glued after it; spaces between a closing
quote and the word or punctuation it closes are removed, and so are spaces
after an opening quote. A quote spaced *inside-out* (``word“ Title ”for``)
moves its space to the outer side; a closing curly quote followed by another
closing one with no opening between, and standing after a space, was meant
to open (``malfunctions ” Title”`` → ``malfunctions “Title”``).
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..model import Document, Edit, Rule
from . import Detector, make_edit

_PARAGRAPH = regex.compile(r"[^\n]+(?:\n(?![ \t]*\n)[^\n]*)*")
# the only places a fix can be: a quote touching a word on both sides, or a
# quote with a space on its inner side; paragraphs without one are skipped
_SUSPECT = regex.compile(r"[\p{L}\p{N}][\"“”][\p{L}\p{N}]|[ \t][\"”](?:[.,;:!?)\]\s]|$)|[\"“][ \t]|[ \t]”[\p{L}\p{N}-]")
_WORDCHAR = regex.compile(r"[\p{L}\p{N}]")


def compile(rule: Rule) -> Detector:
    """Compile a ``quote-spacing`` rule into a detector."""

    def detect(doc: Document) -> Iterator[Edit]:
        text = doc.text
        pos = 0
        while (suspect := _SUSPECT.search(text, pos)) is not None:
            para = _paragraph_around(text, suspect.start())
            pos = max(para.end(), suspect.end())
            for at, opening in _quotes(text, para.start(), para.end()):
                edit = _fix(text, at, opening, para.start(), para.end())
                if edit is None:
                    continue
                start, end, replacement = edit
                if not doc.is_protected(start, end):
                    yield make_edit(rule, doc, start, end, replacement)

    return detect


def _paragraph_around(text: str, pos: int) -> regex.Match[str]:
    """The paragraph (text between blank lines) containing ``pos``, found by walking back line by line."""
    start = 0
    end = text.rfind("\n", 0, pos)
    while end != -1:
        previous = text.rfind("\n", 0, end)
        if not text[previous + 1 : end].strip():
            start = end + 1
            break
        end = previous
    found = _PARAGRAPH.match(text, start)
    assert found is not None
    return found


def _quotes(text: str, start: int, end: int) -> Iterator[tuple[int, bool]]:
    """Positions of the quotation marks in ``text[start:end]`` and whether each opens."""
    straight = [m.start() for m in regex.finditer('"', text, pos=start, endpos=end)]
    if len(straight) % 2 == 0:
        for i, pos in enumerate(straight):
            yield pos, i % 2 == 0
    curly = [(m.start(), m.group()) for m in regex.finditer("[“”]", text, pos=start, endpos=end)]
    for i, (pos, mark) in enumerate(curly):
        # ” ... ” with no “ between: the first was meant to open (when a space precedes it)
        misdirected = (
            mark == "”" and i + 1 < len(curly) and curly[i + 1][1] == "”" and pos > start and text[pos - 1] in " \t"
            and (i == 0 or curly[i - 1][1] == "”")
        )
        yield pos, mark == "“" or misdirected


def _fix(text: str, pos: int, opening: bool, lo: int, hi: int) -> tuple[int, int, str] | None:
    before = text[pos - 1] if pos > lo else ""
    after = text[pos + 1] if pos + 1 < hi else ""
    if opening:
        gap_end = pos + 1
        while gap_end < hi and text[gap_end] in " \t":
            gap_end += 1
        if text[pos] == "”":  # a closing mark meant to open: turn it, drop the space after it
            return pos, gap_end, "“"
        if before and _WORDCHAR.match(before) and after and _WORDCHAR.match(after):
            return pos, pos, " "  # company"Lena -> company "Lena
        if text[pos] == "“" and _WORDCHAR.match(before) and pos + 1 < gap_end < hi and _WORDCHAR.match(text[gap_end]):
            return pos, gap_end, " " + text[pos]  # word“ Title -> word “Title
        if after in (" ", "\t") and pos + 2 < hi and _WORDCHAR.match(text[pos + 2]) and (not before or before.isspace()):
            gap_end = pos + 1
            while gap_end < hi and text[gap_end] in " \t":
                gap_end += 1
            return pos + 1, gap_end, ""  # " word -> "word
        return None
    if before in (" ", "\t"):
        gap_start = pos
        while gap_start > lo and text[gap_start - 1] in " \t":
            gap_start -= 1
        prev = text[gap_start - 1] if gap_start > lo else ""
        closes_cleanly = not after or after.isspace() or after in ".,;:!?)]"
        if prev and (_WORDCHAR.match(prev) or prev in ".!?") and closes_cleanly:
            return gap_start, pos, ""  # party ". -> party".
        if text[pos] == "”" and _WORDCHAR.match(prev) and (_WORDCHAR.match(after) or after == "-" and text[pos + 2 : pos + 3] == " "):
            return gap_start, pos + 1, text[pos] + " "  # Title ”for -> Title” for; word ”- -> word” -
        return None
    if before and _WORDCHAR.match(before) and after and _WORDCHAR.match(after):
        return pos + 1, pos + 1, " "  # "word"next -> "word" next
    return None
