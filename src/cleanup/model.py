"""The values every stage of cleanup shares: no I/O and almost no logic.

An :class:`Edit` is the unit of everything cleanup does. It names a span of the
*original* text, what should stand there instead (or ``None`` when a human must
decide), the rule that proposed it, how far it can be trusted (its
:class:`Tier`) and a message for the editor. Reports, diffs, JSON and the
evaluation are all rendered from the same list of edits, and applying the
applied edits to the original text reproduces the output exactly.
"""

from __future__ import annotations

import bisect
import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .textfacts import TextFacts


class Tier(enum.Enum):
    """How far an edit can be trusted.

    ``SAFE`` edits are right in every context we could construct and are applied
    by ``cleanup fix``. ``SUGGEST`` edits are usually right and are applied only
    with ``--unsafe-fixes``. ``REVIEW`` findings point at a spot that needs a
    human; they may carry a proposed replacement but are never applied.
    """

    SAFE = "safe"
    SUGGEST = "suggest"
    REVIEW = "review"

    @property
    def rank(self) -> int:
        """0 for the most trusted tier, 2 for the least."""
        return _TIER_RANK[self]


_TIER_RANK = {Tier.SAFE: 0, Tier.SUGGEST: 1, Tier.REVIEW: 2}


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range ``[start, end)`` of character offsets."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Edit:
    """One proposed change to the original text.

    ``start``/``end`` are offsets into the original text and ``original`` is
    ``text[start:end]``; :func:`cleanup.apply_edits` checks that before it
    replaces anything, so an edit can never silently land in the wrong place.
    ``replacement`` is ``None`` for a finding that only asks for review.
    """

    start: int
    end: int
    original: str
    replacement: str | None
    rule_id: str
    category: str
    tier: Tier
    message: str

    @property
    def is_fix(self) -> bool:
        """True when the edit carries a replacement (it can be applied)."""
        return self.replacement is not None and self.replacement != self.original

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view of the edit (tier as its string value)."""
        return {
            "start": self.start,
            "end": self.end,
            "original": self.original,
            "replacement": self.replacement,
            "rule": self.rule_id,
            "category": self.category,
            "tier": self.tier.value,
            "message": self.message,
        }


@dataclass(frozen=True, slots=True)
class Example:
    """An example a rule carries: ``text`` and what the rule must make of it.

    ``fixed`` is the expected text after the rule's fixes (for fixing rules);
    ``flagged`` is the exact text a review finding must cover (for rules that
    only report). An example with neither is a text the rule must leave alone.
    """

    text: str
    fixed: str | None = None
    flagged: str | None = None


@dataclass(frozen=True)
class Rule:
    """A rule as loaded from a data file: a kind of check plus its parameters.

    ``params`` holds the kind-specific table from the data file; ``detector`` is
    what the kind compiled from it (a callable ``Document -> Iterable[Edit]``).
    """

    id: str
    kind: str
    category: str
    tier: Tier
    message: str
    description: str
    pack: str
    source: str
    params: Mapping[str, Any]
    bad: tuple[Example, ...] = ()
    good: tuple[str, ...] = ()
    #: rules of an opt-in pack run only when --select names them
    opt_in: bool = False
    detector: Any = field(default=None, compare=False, repr=False)

    def matches(self, prefix: str) -> bool:
        """True when ``prefix`` selects this rule: its id, a dotted prefix, or its pack.

        >>> r = Rule("spacing.before-punctuation", "regex", "spacing", Tier.SAFE, "", "", "core", "", {})
        >>> r.matches("spacing"), r.matches("spacing.before"), r.matches("core"), r.matches("space")
        (True, False, True, False)
        """
        return (
            prefix == self.id
            or self.id.startswith(prefix + ".")
            or prefix == self.pack
        )


@dataclass(frozen=True)
class Document:
    """The text as the detectors see it: the original string, never padded or altered.

    ``protected`` lists the spans no rule may touch (URLs, code, ``cleanup: off``
    regions, a word marked ``[sic]``), sorted and merged. Word statistics that
    several kinds need are computed lazily, once per document.
    """

    text: str
    path: str | None = None
    protected: tuple[Span, ...] = ()
    markdown: bool = False
    #: names and terms the document's glossaries declare (their preferred forms)
    known_terms: frozenset[str] = frozenset()

    @cached_property
    def lowered(self) -> str:
        """The text in lower case, for quick presence tests (offsets may differ: never index it)."""
        return self.text.lower()

    @cached_property
    def facts(self) -> TextFacts:
        """Sentences, paragraphs and word counts of the text, computed once (:mod:`cleanup.textfacts`)."""
        from .textfacts import TextFacts

        return TextFacts(self.text)

    @cached_property
    def _protected_starts(self) -> list[int]:
        return [s.start for s in self.protected]

    def is_protected(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` overlaps a protected span.

        >>> d = Document("see https://x.org now", protected=(Span(4, 17),))
        >>> d.is_protected(0, 3), d.is_protected(10, 12), d.is_protected(16, 18), d.is_protected(17, 21)
        (False, True, True, False)
        """
        i = bisect.bisect_right(self._protected_starts, max(start, end - 1)) - 1
        # spans are merged, so only the span starting at or before the edit's
        # last character, and its predecessor for empty edits, can overlap
        for span in self.protected[max(i - 1, 0) : i + 1]:
            if span.start < max(end, start + 1) and start < span.end:
                return True
        return False


@dataclass(frozen=True)
class Result:
    """What :func:`cleanup.clean_text` returns.

    ``text`` is the cleaned text; ``edits`` the edits that were applied to get
    it (so ``apply_edits(original, edits) == text``); ``findings`` the edits that
    were reported but not applied: review findings, and suggestions when unsafe
    fixes are off.
    """

    original: str
    text: str
    edits: tuple[Edit, ...]
    findings: tuple[Edit, ...]

    @property
    def changed(self) -> bool:
        """True when the output differs from the input."""
        return self.text != self.original

    @property
    def all_edits(self) -> tuple[Edit, ...]:
        """Applied edits and findings together, in text order."""
        return tuple(sorted(self.edits + self.findings, key=edit_order))


def edit_order(edit: Edit) -> tuple[int, int, str]:
    """The order edits are reported and applied in: by position, then rule id."""
    return (edit.start, edit.end, edit.rule_id)


class CleanupError(Exception):
    """A problem with the user's input or data: reported in one line, exit 2.

    ``where`` names the file (and line, when known) the problem is in.
    """

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem


Params = Mapping[str, Any]
