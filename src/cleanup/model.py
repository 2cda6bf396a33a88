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
import hashlib
import re
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
class Suppression:
    """A line where a ``cleanup: ignore`` marker suppresses findings: of every rule, or of ``rules``."""

    start: int
    end: int
    rules: tuple[str, ...] = ()

    def covers(self, edit: Edit) -> bool:
        """True when ``edit`` starts on this line and is of a rule this suppression names."""
        if not self.start <= edit.start <= self.end:
            return False
        return not self.rules or any(edit.rule_id == r or edit.rule_id.startswith(r + ".") for r in self.rules)


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
    #: the lines ``cleanup: ignore`` markers cover
    suppressions: tuple[Suppression, ...] = ()
    #: for a :meth:`window`, the whole document it was cut from and where it starts there
    whole: Document | None = field(default=None, compare=False, repr=False)
    offset: int = field(default=0, compare=False, repr=False)

    def suppresses(self, edit: Edit) -> bool:
        """True when a ``cleanup: ignore`` marker covers ``edit``."""
        return any(s.covers(edit) for s in self.suppressions)

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

    def window(self, start: int, end: int, *, evidence: bool = False) -> Document:
        """The document of ``text[start:end]`` alone, its protected spans clipped and shifted.

        Detectors run on it as on any document; their offsets are then relative
        to ``start``. With ``evidence``, the window keeps the whole document
        (:attr:`root`) for :meth:`evidence` to read; without, it stands alone
        (it is sent to other processes on its own).

        >>> d = Document("see https://x.org now", protected=(Span(4, 17),))
        >>> w = d.window(8, 21)
        >>> w.text, w.protected
        ('s://x.org now', (Span(start=0, end=9),))
        """
        first = max(bisect.bisect_right(self._protected_starts, start) - 1, 0)
        last = bisect.bisect_left(self._protected_starts, end)
        protected = tuple(
            Span(max(s.start, start) - start, min(s.end, end) - start)
            for s in self.protected[first:last]
            if s.start < end and start < s.end
        )
        if not evidence:
            return Document(self.text[start:end], self.path, protected, self.markdown, self.known_terms)
        return Document(self.text[start:end], self.path, protected, self.markdown, self.known_terms,
                        whole=self.whole or self, offset=self.offset + start)

    @property
    def root(self) -> Document:
        """The whole document: this one, or the one a :meth:`window` was cut from."""
        return self.whole or self

    def evidence(self, name: str, key: Any = None) -> Any:
        """A fact about the *whole* document (:data:`cleanup.evidence.READERS`), noted as read.

        A kind whose findings depend on the whole text only through such facts
        (a word's counts, whether the text is technical, whether a pattern occurs
        anywhere) reads them here, also when it runs on a window; the pipeline
        then re-runs it in a later pass only near the changes, as long as every
        fact it read still has the value it read (see :mod:`cleanup.evidence`).

        >>> d = Document("The plan. the plan")
        >>> d.window(10, 18, evidence=True).evidence("lower_case", "plan"), d.evidence("lower_case", "the")
        (2, 1)
        """
        from .evidence import read

        return read(self.whole or self, name, key)

    @cached_property
    def evidence_log(self) -> EvidenceLog:
        """Where :meth:`evidence` notes its reads (when a log is open) and keeps its answers."""
        return EvidenceLog()

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


class EvidenceLog:
    """The facts about one whole document: the answers kept, and where the rules' reads are noted.

    ``logs`` (``None``: not noted) maps a rule id to the facts it read; ``reads``
    is the running rule's entry there.
    """

    __slots__ = ("logs", "reads", "cache")

    def __init__(self) -> None:
        self.logs: dict[str, dict[tuple[str, Any], Any]] | None = None
        self.reads: dict[tuple[str, Any], Any] | None = None
        self.cache: dict[tuple[str, Any], Any] = {}


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


@dataclass(frozen=True, slots=True)
class Location:
    """A span of one file's text: the path as given, offsets into its (``\\n``) text, and the text there."""

    path: str
    start: int
    end: int
    original: str
    #: 1-based line and column of ``start`` (0: not known; a report finds them from the file's result)
    line: int = 0
    column: int = 0


@dataclass(frozen=True)
class CrossFinding:
    """A finding that spans several files (a name spelled differently across a book's chapters).

    It has a rule, a category, a tier and a message like an :class:`Edit`, and
    every place it is about; it carries no replacement and is never applied.
    """

    rule_id: str
    category: str
    tier: Tier
    message: str
    locations: tuple[Location, ...]


#: words of context on each side that identify an edit across runs
CONTEXT_WORDS = 4
_WORD = re.compile(r"\w+")


def context_of(text: str, start: int, end: int, words: int = CONTEXT_WORDS) -> tuple[str, str]:
    """The ``words`` words before ``start`` and after ``end``, lower-cased and space-joined.

    Only words count: spacing and punctuation around them may change (a fix
    nearby) without changing the context. Scans at most a few hundred characters.

    >>> context_of("One, two  three. Four five six seven.", 17, 21, 2)
    ('two three', 'five six')
    """
    window = 40 * words
    before = _WORD.findall(text[max(0, start - window) : start])
    if start - window > 0 and before and text[start - window - 1 : start - window + 1].isalnum():
        before = before[1:]  # the window may have cut the first word in two
    after = _WORD.findall(text[end : end + window])
    if end + window < len(text) and after and text[end + window - 1 : end + window + 1].isalnum():
        after = after[:-1]
    return " ".join(before[-words:]).lower(), " ".join(after[:words]).lower()


def fingerprint(rule_id: str, original: str, before: str, after: str) -> str:
    """A short stable hash of a change in its context (see :func:`context_of`).

    It names the same change in a later run as long as the words around it are
    the same, wherever it moved to in the file.

    >>> fingerprint("r", "x", "a b", "c d") == fingerprint("r", "x", "a b", "c d")
    True
    """
    key = "\x1f".join((rule_id, original, before, after))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def edit_fingerprint(text: str, edit: Edit) -> str:
    """The fingerprint of ``edit`` in ``text`` (the text its offsets index)."""
    before, after = context_of(text, edit.start, edit.end)
    return fingerprint(edit.rule_id, edit.original, before, after)


class CleanupError(Exception):
    """A problem with the user's input or data: reported in one line, exit 2.

    ``where`` names the file (and line, when known) the problem is in.
    """

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem


Params = Mapping[str, Any]
