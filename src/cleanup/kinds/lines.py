"""Kind ``remove-line``: whole lines that are not part of the text (scraping debris).

``pattern`` must match the whole line (without its line break), e.g. a photo
credit ``Young Leon Trotsky | liveinternet.ru`` or a bare ``yandex.ru``.
``max_length`` (default 200) bounds the lines considered: debris is short.
``requires`` lists literals every such line contains, to skip the rest fast.
``timeout`` stops a pattern that backtracks catastrophically, as in the
``regex`` kind (:mod:`cleanup.kinds.pattern`).

The line goes together with the blank lines before it, so removing a caption
between two paragraphs leaves the one blank line that followed it, and a run
of debris lines goes in one pass.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..model import CleanupError, Document, Edit, Rule
from . import Detector, make_edit, param, trigger_windows
from .pattern import compile_pattern, stop_on_timeout, timeout_limit

_NON_SPACE = regex.compile(r"\S")


def compile(rule: Rule) -> Detector:
    """Compile a ``remove-line`` rule into a detector."""
    flags = regex.IGNORECASE if param(rule, "ignore_case", bool, False) else 0
    pattern = compile_pattern(rule, "pattern", flags)
    if pattern is None:
        raise CleanupError(rule.source, f"rule {rule.id!r}: missing parameter 'pattern'")
    max_length = param(rule, "max_length", int, 200)
    # one scan for whole lines that are the pattern, at the regex engine's speed;
    # the lookahead first rejects a line longer than max_length, so the pattern
    # never backtracks over a long line (one long line of 'a.a.a…' stays linear)
    line_re = regex.compile(
        r"(?m)^(?=[^\n]{0,%d}$)[ \t]*(?:" % max_length + pattern.pattern + r")[ \t]*$", pattern.flags
    )

    requires = [str(r) for r in param(rule, "requires", list, [])]
    limit = timeout_limit(rule)

    def detect(doc: Document) -> Iterator[Edit]:
        text = doc.text
        windows = trigger_windows(text, requires) if requires else [(0, len(text))]
        for m in (m for lo, hi in windows for m in line_re.finditer(text, lo, hi, timeout=limit(hi - lo))):
            if len(m.group()) > max_length or not m.group().strip():
                continue
            start, end, replacement = removal_span(text, m.start(), m.end())
            if doc.is_protected(m.start(), m.end()):
                continue
            yield make_edit(rule, doc, start, end, replacement)

    return stop_on_timeout(rule, detect)


def removal_span(text: str, line_start: int, line_end: int) -> tuple[int, int, str]:
    r"""The span to replace, and its replacement, to remove the line ``[line_start, line_end)``.

    The line goes with its line break and the blank lines *before* it, so the
    paragraph break after it stays, and removals of neighbouring debris lines
    touch without overlapping (one pass removes a whole run of them).

    >>> def cut(t, a, b):
    ...     s, e, r = removal_span(t, a, b)
    ...     return t[:s] + r + t[e:]
    >>> cut("one\n\n\nDebris | x.ru\n\ntwo", 6, 19)
    'one\n\ntwo'
    >>> cut("Debris\n\ntwo\n", 0, 6), cut("one\n\nDebris\n", 5, 11), cut("one\n\nDebris", 5, 11)
    ('two\n', 'one\n', 'one')
    >>> cut("one\nDebris\ntwo", 4, 10)
    'one\ntwo'
    """
    a = line_start
    while a > 0 and _blank_before(text, a - 1):
        a = text.rfind("\n", 0, a - 1) + 1
    if line_end >= len(text) or not _NON_SPACE.search(text, line_end):
        # the last line: keep the ending of the line before as the file had it
        if a == 0:
            return 0, len(text), ""
        return a - 1, len(text), "\n" if text.endswith("\n") else ""
    b = line_end + 1
    if a == 0:
        # the first line: no paragraph before it, so the blank lines after it go too
        while b < len(text):
            nl = text.find("\n", b)
            if nl == -1 or _NON_SPACE.search(text, b, nl):
                break
            b = nl + 1
    return a, b, ""


def _blank_before(text: str, newline_at: int) -> bool:
    """True when ``newline_at`` ends a blank line that follows another line."""
    start = text.rfind("\n", 0, newline_at) + 1
    return start > 0 and not _NON_SPACE.search(text, start, newline_at)
