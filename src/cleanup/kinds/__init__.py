"""The closed set of rule kinds: the only place where rules become code.

A rule in a data file names its ``kind``; the kind's ``compile`` function turns
the rule's parameters into a *detector*, a callable that takes a
:class:`~cleanup.model.Document` and yields candidate :class:`~cleanup.model.Edit`
values with offsets into the original text. Detectors never apply anything and
never look at other rules: resolving overlaps and tiers is the resolve stage's job.

A kind's ``compile`` raises :class:`~cleanup.model.CleanupError` for parameters
it cannot use (a bad regex, a missing key), so a malformed rule file is reported
when it is loaded, naming the file and the rule.
"""

from __future__ import annotations

import difflib
import heapq
import importlib
import re
from collections.abc import Callable, Iterable, Sequence
from contextvars import ContextVar
from typing import Any

from ..model import CleanupError, Document, Edit, Rule, Tier

Detector = Callable[[Document], Iterable[Edit]]
Compiler = Callable[[Rule], Detector]

#: kind name -> module (inside this package) that defines ``compile(rule)``
KIND_MODULES: dict[str, str] = {
    "regex": "pattern",
    "words": "words",
    "remove-line": "lines",
    "repeated-word": "repeated",
    "footnote": "footnote",
    "quote-spacing": "quotes",
    "caps-word": "caps",
    "list-letters": "listletters",
    "names": "names",
    "foreign": "foreign",
    "mixed-script": "script",
    "languagetool": "languagetool",
    "glued-words": "glued",
    "glued-dash": "dashes",
    "repeated-title": "debris",
    "contents-block": "debris",
    "stray-capital": "casing",
    "proper-lower": "casing",
    "broken-paragraph": "casing",
    "name-case": "namecase",
    "truncated-word": "truncated",
    "heading-case": "headings",
    "paragraph-stop": "paragraphs",
    "indefinite-article": "article",
    "doubled-and": "article",
    "ru-title": "rutitles",
    "mojibake": "mojibake",
    "caps-word-run": "capsrun",
    "ru-case-form": "rucase",
    "ru-gender": "rugender",
    "drop-cap": "dropcap",
    "lexicon": "lexicon",
    "translated-surname": "wordname",
}


#: kinds whose findings depend only on the text near them (not on counts or
#: sequences across the whole document): the only ones later passes re-run
LOCAL_KINDS = frozenset({"regex", "words", "remove-line", "repeated-word", "quote-spacing", "caps-word", "mixed-script",
                         "caps-word-run", "glued-dash", "mojibake", "indefinite-article", "doubled-and"})

#: kinds that read the whole document only through :meth:`cleanup.model.Document.evidence`
#: (the rest of what they look at is near each place): a later pass re-runs them
#: near the changes while every fact they read keeps its value (see :mod:`cleanup.evidence`)
EVIDENCE_KINDS = frozenset({"lexicon", "truncated-word", "stray-capital", "proper-lower", "broken-paragraph",
                            "drop-cap", "name-case"})


def compiler_for(kind: str, where: str) -> Compiler:
    """The ``compile`` function of ``kind``; a clear error for an unknown kind."""
    module = KIND_MODULES.get(kind)
    if module is None:
        known = ", ".join(sorted(KIND_MODULES))
        raise CleanupError(where, f"unknown rule kind {kind!r} (known kinds: {known})")
    compile_: Compiler = importlib.import_module(f"{__name__}.{module}").compile
    return compile_


#: the parameters a kind's ``compile`` has read so far (see :func:`compile_rule`)
_READ: ContextVar[set[str] | None] = ContextVar("_READ", default=None)


def compile_rule(rule: Rule) -> Detector:
    """Compile ``rule`` with its kind, refusing a parameter the kind does not take.

    A kind declares its parameters, each with its type and default, by reading
    them with :func:`param`; a key of the rule that no :func:`param` call read
    is misspelt or belongs to another kind, and would otherwise be silently
    kept (a misspelt ``replacement`` turns a fix into a report). The error
    names the file, the line and the closest parameter the kind takes.
    """
    compile_ = compiler_for(rule.kind, rule.source)
    token = _READ.set(set())
    try:
        detector = compile_(rule)
        taken = _READ.get() or set()
    finally:
        _READ.reset(token)
    for key in sorted(set(rule.params) - taken):
        close = difflib.get_close_matches(key, sorted(taken), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        takes = ", ".join(sorted(taken)) or "none"
        raise CleanupError(
            rule.source,
            f"rule {rule.id!r}: kind {rule.kind!r} takes no parameter {key!r}{hint} (it takes: {takes})",
        )
    return detector


def make_edit(
    rule: Rule,
    doc: Document,
    start: int,
    end: int,
    replacement: str | None,
    message: str | None = None,
    tier: Tier | None = None,
) -> Edit:
    """Build an edit of ``rule`` over ``doc.text[start:end]``.

    ``message`` defaults to the rule's message, formatted with ``{original}`` and
    ``{replacement}``; ``tier`` defaults to the rule's tier.
    """
    original = doc.text[start:end]
    if message is None:
        message = format_message(rule.message, original=original, replacement=replacement or "")
    return Edit(
        start=start,
        end=end,
        original=original,
        replacement=replacement,
        rule_id=rule.id,
        category=rule.category,
        tier=rule.tier if tier is None else tier,
        message=message,
    )


def format_message(template: str, **values: Any) -> str:
    r"""Fill ``{name}`` fields of a rule message, leaving unknown fields as they are.

    A message is one line: a value that spans a line break (a glossary term
    matched across two lines of a hard-wrapped paragraph) is shown with the
    break folded into a space.

    >>> format_message("'{original}' -> '{replacement}' ({other})", original="a", replacement="b")
    "'a' -> 'b' ({other})"
    >>> format_message("'{original}'", original="Central\n   Committee")
    "'Central Committee'"
    """
    if "{" not in template:
        return template
    one_line = {k: _LINE_BREAK.sub(" ", v) if isinstance(v, str) else v for k, v in values.items()}
    return template.format_map(_Keep(one_line))


_LINE_BREAK = re.compile(r"[ \t]*(?:\r\n|[\n\r\v\f\x85\u2028\u2029])\s*")



class _Keep(dict[str, Any]):
    """A mapping that leaves an unknown ``{field}`` as it is (defined once, not per message)."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def param(rule: Rule, key: str, expected: type | tuple[type, ...], default: Any = ...) -> Any:
    """Read parameter ``key`` of ``rule``, checking its type; errors name the rule.

    Omitting ``default`` makes the parameter required. Reading a parameter is
    how a kind declares it (see :func:`compile_rule`).
    """
    taken = _READ.get()
    if taken is not None:
        taken.add(key)
    if key not in rule.params:
        if default is ...:
            raise CleanupError(rule.source, f"rule {rule.id!r}: missing parameter {key!r}")
        return default
    value = rule.params[key]
    if not isinstance(value, expected):
        names = expected.__name__ if isinstance(expected, type) else "/".join(t.__name__ for t in expected)
        raise CleanupError(
            rule.source, f"rule {rule.id!r}: parameter {key!r} must be {names}, not {type(value).__name__}"
        )
    return value


def hit_window(text: str, start: int, end: int) -> tuple[int, int]:
    r"""The window a trigger hit at ``start``-``end`` opens: from the line before its
    first line to the second line after its last (a pattern may look past the line
    after: a caption is no caption over an underline).

    >>> text = "a\nb\nHIT\nc\nd\ne"
    >>> lo, hi = hit_window(text, 4, 7); text[lo:hi]
    'b\nHIT\nc\nd'
    """
    line_start = text.rfind("\n", 0, start)
    lo = text.rfind("\n", 0, line_start) + 1 if line_start > 0 else 0
    hi = text.find("\n", max(end - 1, start))
    for _ in range(2):
        hi = len(text) if hi == -1 else text.find("\n", hi + 1)
    return lo, len(text) if hi == -1 else hi


def trigger_windows(text: str, triggers: Sequence[str]) -> list[tuple[int, int]]:
    r"""The stretches of ``text`` worth scanning for a rule that needs one of ``triggers``.

    A rule whose matches always contain one of a few literal strings (a
    space before punctuation, ``vols.``, ``|``) need not run its regular
    expression over every character: ``str.find`` locates the triggers at C
    speed, and only the line around each (with its neighbours, for patterns
    that look across a line break) is scanned. An empty result means the rule
    cannot match at all. Windows are merged and sorted.

    >>> text = "one\ntwo .\nthree\nfour\nfive ."
    >>> [text[a:b] for a, b in trigger_windows(text, [" ."])]
    ['one\ntwo .\nthree\nfour\nfive .']
    >>> trigger_windows("a\nb\nc", ["x"])
    []
    >>> text = "p.\n\n\ncaption\n\nq"
    >>> [text[a:b] for a, b in trigger_windows(text, ["\n\n\n"])]
    ['p.\n\n\ncaption\n']
    """
    # the hits in order of (start, end), each trigger's next one on a heap; a
    # hit that ends inside the window built so far adds nothing, so each
    # trigger's search resumes past the window's end: the work grows with the
    # windows, not with the hits
    heap = []
    for k, trigger in enumerate(triggers):
        pos = text.find(trigger)
        if pos != -1:
            heap.append((pos, pos + len(trigger), k))
    heapq.heapify(heap)
    windows: list[tuple[int, int]] = []
    while heap:
        start, end, k = heapq.heappop(heap)
        if not (windows and end <= windows[-1][1]):
            lo, hi = hit_window(text, start, end)
            if windows and lo <= windows[-1][1]:
                windows[-1] = (windows[-1][0], max(hi, windows[-1][1]))
            else:
                windows.append((lo, hi))
        trigger = triggers[k]
        pos = text.find(trigger, max(start + 1, windows[-1][1] - len(trigger) + 1))
        if pos != -1:
            heapq.heappush(heap, (pos, pos + len(trigger), k))
    return windows
