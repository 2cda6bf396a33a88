"""Kind ``regex``: a pattern, and what to put where it matched.

Parameters:

``pattern``      the regular expression (the ``regex`` module's syntax, so
                 ``\\p{L}`` and variable-width look-behind work);
``flags``        a list of ``IGNORECASE``, ``MULTILINE``, ``DOTALL``, ``VERBOSE``;
``group``        the group whose span is edited (default 0, the whole match):
                 match generously, edit minimally;
``replacement``  a template (``\\1``, ``\\g<name>``) for that span; leave it out
                 for a finding that only asks for review;
``context``      a pattern that must match within ``window`` characters before
                 the match (default 300), e.g. a president named in the letter's
                 address line;
``not_context``  a pattern that must *not* match there;
``document``     a pattern that must match somewhere in the document;
``requires``     literal strings of which every match contains one (e.g. ``" ."``
                 for a space before a full stop): only the lines around them
                 are scanned, and a text without any is skipped at once. With
                 ``requires_any_case = true`` they are looked for in any case,
                 and their presence only decides whether the rule runs.

``timeout``      seconds a scan may take before the rule is stopped with an
                 error naming it (default 5, plus 20 µs per character scanned):
                 a pattern that backtracks catastrophically (``(a|aa)+$``)
                 must not hang cleanup.

Messages may use ``{original}``, ``{replacement}`` and the pattern's named groups.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import regex

from ..model import CleanupError, Document, Edit, Rule
from . import Detector, format_message, make_edit, param, trigger_windows

_FLAGS = {
    "IGNORECASE": regex.IGNORECASE,
    "MULTILINE": regex.MULTILINE,
    "DOTALL": regex.DOTALL,
    "VERBOSE": regex.VERBOSE,
}


def compile_pattern(rule: Rule, key: str, flags: int = 0) -> regex.Pattern[str] | None:
    """Compile parameter ``key`` of ``rule`` (``None`` when absent); errors name the rule."""
    source = param(rule, key, str, None)
    if source is None:
        return None
    try:
        return regex.compile(source, flags)
    except regex.error as exc:
        raise CleanupError(rule.source, f"rule {rule.id!r}: bad regular expression in {key!r}: {exc}") from None


#: how long a pattern may scan: a base, and a share per character scanned (seconds)
DEFAULT_TIMEOUT = 5.0
PER_CHAR_TIMEOUT = 20e-6


def compile(rule: Rule) -> Detector:
    """Compile a ``regex`` rule into a detector."""
    flags = 0
    for name in param(rule, "flags", list, []):
        if name not in _FLAGS:
            raise CleanupError(rule.source, f"rule {rule.id!r}: unknown flag {name!r}")
        flags |= _FLAGS[name]
    pattern = compile_pattern(rule, "pattern", flags)
    if pattern is None:
        raise CleanupError(rule.source, f"rule {rule.id!r}: missing parameter 'pattern'")
    group = param(rule, "group", (int, str), 0)
    if isinstance(group, int) and not 0 <= group <= pattern.groups or isinstance(group, str) and group not in pattern.groupindex:
        raise CleanupError(rule.source, f"rule {rule.id!r}: the pattern has no group {group!r}")
    replacement = param(rule, "replacement", str, None)
    context = compile_pattern(rule, "context", flags)
    not_context = compile_pattern(rule, "not_context", flags)
    document = compile_pattern(rule, "document", flags)
    window = param(rule, "window", int, 300)
    requires = [str(r) for r in param(rule, "requires", list, [])]
    any_case = param(rule, "requires_any_case", bool, False)
    lowered_requires = [r.lower() for r in requires]
    limit = timeout_limit(rule)

    def spans(doc: Document) -> list[tuple[int, int]]:
        if not requires:
            return [(0, len(doc.text))]
        if any_case:
            return [(0, len(doc.text))] if any(r in doc.lowered for r in lowered_requires) else []
        return trigger_windows(doc.text, requires)

    def matches(doc: Document) -> Iterator[regex.Match[str]]:
        for lo, hi in spans(doc):
            yield from pattern.finditer(doc.text, lo, hi, timeout=limit(hi - lo))

    def detect(doc: Document) -> Iterator[Edit]:
        if document is not None and not document.search(doc.text, timeout=limit(len(doc.text))):
            return
        for m in matches(doc):
            start, end = m.span(group)
            if start < 0 or doc.is_protected(start, end):
                continue
            if context is not None or not_context is not None:
                before = doc.text[max(0, m.start() - window) : m.start()]
                if context is not None and not context.search(before, timeout=limit(len(before))):
                    continue
                if not_context is not None and not_context.search(before, timeout=limit(len(before))):
                    continue
            new = m.expand(replacement) if replacement is not None else None
            groups = {k: v or "" for k, v in m.groupdict().items()}
            message = format_message(rule.message, **groups, original=m.group(group), replacement=new or "")
            yield make_edit(rule, doc, start, end, new, message=message)

    return stop_on_timeout(rule, detect)


def timeout_limit(rule: Rule) -> Callable[[int], float]:
    """The seconds a scan of ``size`` characters may take under ``rule``'s ``timeout`` parameter."""
    timeout = float(param(rule, "timeout", (int, float), DEFAULT_TIMEOUT))
    return lambda size: timeout + size * PER_CHAR_TIMEOUT


def stop_on_timeout(rule: Rule, detect: Detector) -> Detector:
    """``detect``, with a pattern that ran out of time reported as the rule's error (exit 2), not a hang."""

    def guarded(doc: Document) -> Iterator[Edit]:
        try:
            yield from detect(doc)
        except TimeoutError:
            raise CleanupError(
                rule.source,
                f"rule {rule.id!r}: its pattern ran out of time on {doc.path or 'the text'} "
                "(catastrophic backtracking?); simplify the pattern or raise its 'timeout'",
            ) from None

    return guarded
