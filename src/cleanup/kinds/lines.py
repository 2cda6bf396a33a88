"""Kind ``remove-line``: whole lines that are not part of the text (scraping debris).

``pattern`` must match the whole line (without its line break), e.g. a photo
credit ``Young Leon Trotsky | liveinternet.ru`` or a bare ``yandex.ru``.
``max_length`` (default 200) bounds the lines considered: debris is short.
``requires`` lists literals every such line contains, to skip the rest fast.

The line goes together with the blank lines around it, and one paragraph break
is kept where there was one, so removing a caption between two paragraphs
leaves exactly one blank line between them.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..model import CleanupError, Document, Edit, Rule
from . import Detector, make_edit, param, trigger_windows
from .pattern import compile_pattern


def compile(rule: Rule) -> Detector:
    """Compile a ``remove-line`` rule into a detector."""
    flags = regex.IGNORECASE if param(rule, "ignore_case", bool, False) else 0
    pattern = compile_pattern(rule, "pattern", flags)
    if pattern is None:
        raise CleanupError(rule.source, f"rule {rule.id!r}: missing parameter 'pattern'")
    max_length = param(rule, "max_length", int, 200)
    # one scan for whole lines that are the pattern, at the regex engine's speed
    line_re = regex.compile(r"(?m)^[ \t]*(?:" + pattern.pattern + r")[ \t]*$", pattern.flags)

    requires = [str(r) for r in param(rule, "requires", list, [])]

    def detect(doc: Document) -> Iterator[Edit]:
        text = doc.text
        windows = trigger_windows(text, requires) if requires else [(0, len(text))]
        for m in (m for lo, hi in windows for m in line_re.finditer(text, lo, hi)):
            if len(m.group()) > max_length or not m.group().strip():
                continue
            start, end, replacement = removal_span(text, m.start(), m.end())
            if doc.is_protected(m.start(), m.end()):
                continue
            yield make_edit(rule, doc, start, end, replacement)

    return detect


def removal_span(text: str, line_start: int, line_end: int) -> tuple[int, int, str]:
    """The span to replace, and its replacement, to remove the line ``[line_start, line_end)``.

    >>> t = "one\\n\\n\\nDebris | x.ru\\n\\ntwo"
    >>> s, e, r = removal_span(t, 6, 20); t[:s] + r + t[e:]
    'one\\n\\ntwo'
    >>> t = "Debris\\n\\ntwo\\n"; s, e, r = removal_span(t, 0, 6); t[:s] + r + t[e:]
    'two\\n'
    >>> t = "one\\n\\nDebris\\n"; s, e, r = removal_span(t, 5, 11); t[:s] + r + t[e:]
    'one\\n'
    """
    a = line_start
    while a > 0 and text[a - 1] == "\n" and (a - 1 == 0 or _blank_before(text, a - 1)):
        a = text.rfind("\n", 0, a - 1) + 1 if a - 1 > 0 else 0
    b = line_end + 1 if line_end < len(text) else line_end
    while b < len(text):
        nl = text.find("\n", b)
        if nl == -1 or text[b:nl].strip():
            break
        b = nl + 1
    blank_around = a < line_start or b > line_end + 1
    if a == 0:
        return 0, b, ""
    if b >= len(text) and not text[line_end:].strip():
        # the last line: keep the previous line's ending as the file had it
        end_of_previous = a - 1
        return end_of_previous, len(text), "\n" if text.endswith("\n") else ""
    return a, b, "\n" if blank_around else ""


def _blank_before(text: str, newline_at: int) -> bool:
    """True when the line ending at ``newline_at`` is blank."""
    start = text.rfind("\n", 0, newline_at) + 1
    return not text[start:newline_at].strip()
