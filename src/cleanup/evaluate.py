"""EVALUATE: measure cleanup's edits against an editor's corrected text.

``cleanup eval`` answers one question: *how far can these edits be trusted?*
It takes a machine-translated text and the *gold*: the same text as a careful
editor corrected it. Both sides are turned into edits on the MT text, cleanup's
edits are matched against the editor's, and the result is counted per rule,
per category, per tier and overall.

The gold
--------
The gold is either the edited text or a list of :class:`GoldEdit` values.

*An edited text* is compared with the MT text by :func:`extract_gold_edits`,
coarse to fine, always with ``difflib.SequenceMatcher`` (``autojunk`` off):
paragraphs are aligned first, then the sentences of each changed paragraph,
then the tokens of each changed sentence (words, digit runs, runs of spaces,
single line breaks and single punctuation marks). Matching the tokens of the
whole 93 KB sample at once takes the matcher about a minute and a half (a space
recurs thousands of times); this way it takes about a tenth of a second, and a
change is still located to the word. Changed token runs that touch, or are separated
only by spaces or tabs, are merged into one edit (``Takova Short`` → ``Such is
the short`` is one change of a phrase, not two). Applying the extracted edits
to the MT text gives the edited text back exactly.

*A file of gold edits* (:func:`read_gold_edits`) has one JSON object a line::

    {"start": 1520, "end": 1522, "replacement": ""}
    {"start": 2210, "end": 2215, "replacement": "comrades", "original": "vols."}

``start`` and ``end`` are character offsets (Python string indices, not bytes)
into the MT text, half-open; ``replacement`` is what the editor put there
(``""`` deletes, ``start == end`` inserts). ``original``, when present, must
equal the MT text at that span: a guard against a file made for another
version of the text. Edits must not overlap; blank lines are ignored.

How an edit is judged
---------------------
cleanup runs with every tier enabled (``unsafe_fixes``) and each of its edits
(applied or only reported, :attr:`~cleanup.model.Result.all_edits`) is judged
on its own:

*A fix* is an edit of the ``safe`` or ``suggest`` tier that carries a
replacement. Its *region* is the smallest stretch of the MT text that holds
the fix and every gold edit it overlaps, grown to whole words and numbers (and
again to any gold edit the growth reaches). Overlap is sharing a character; an
insertion overlaps a span it touches or lies in. Let ``a`` be the region's MT
text, ``b`` the region with this fix alone applied, and ``c`` the region with
the overlapped gold edits applied. Then the fix is

- **correct** when ``b == c``: it makes exactly the editor's change;
- **partial** (also correct) when ``b`` lies on a shortest path from ``a`` to
  ``c``: ``d(a, b) + d(b, c) == d(a, c)``, with ``d`` the Levenshtein distance
  over tokens. The fix is then one of the steps the editor took, and the
  editor did more nearby (``Takova`` → ``Such is`` where the gold has ``Such
  is the short story of this``). A fix that takes a different step (a word
  the editor replaced is deleted, or replaced by another word) costs extra
  and is not on such a path;
- **wrong** when it overlaps a gold edit and is not on such a path;
- **untouched** (a false positive on text the editor left alone) when it
  overlaps no gold edit.

*A finding* is everything else: ``review`` findings, with or without a
proposed replacement (they are never applied, so what counts is where they
point). Its span is widened by the spaces and tabs on either side (a lost
full stop is inserted just before the space that precedes a flagged
``Everything``). A finding is a **hit** when the widened span overlaps a gold
edit, else a **false alarm**.

A gold edit is **found** when a correct, partial or hit edit covers it;
**botched** when only wrong fixes touch it; **missed** when no cleanup edit
touches it at all.

The counts
----------
For any group of edits (a rule, a category, a tier, a set of tiers):

- ``tp`` = correct + partial fixes + hits; ``fp`` = wrong + untouched fixes +
  false alarms (each also reported on its own);
- ``fn`` = gold edits the group did not find (missed or botched *for this
  group*): recall is always measured against *all* the editor's edits, so a
  rule's recall is the share of the editor's work that rule does, and the
  rules' recalls add up to roughly the overall one;
- precision ``P = tp / (tp + fp)``, recall ``R = found / gold``, and
  ``F0.5 = 1.25·P·R / (0.25·P + R)``, which weighs precision twice as much as
  recall: a wrong edit in a published text costs more than a missed one.
  As in the ERRANT scorer, a group with no edits has ``P = 1`` and a gold with
  no edits ``R = 1``.

The *do-nothing baseline* is cleanup with no rules: ``P = 1``, ``R = 0``,
``F0.5 = 0``, every gold edit a miss. Next to it the report gives the token
edit distance from the text to the gold for doing nothing, for ``cleanup fix``
(safe edits applied) and for ``cleanup fix --unsafe-fixes``; an edit set that
helps brings that distance down.
"""

from __future__ import annotations

import bisect
import difflib
import enum
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import regex
from rapidfuzz.distance import Levenshtein

from .apply import apply_edits
from .config import Config
from .model import CleanupError, Edit, Result, Tier
from .pipeline import clean_text
from .report import LineIndex

#: bump when the JSON layout of :func:`report_to_json` changes incompatibly
EVAL_SCHEMA_VERSION = 1

#: β of the F-score: 0.5 weighs precision twice as much as recall
BETA = 0.5

# Words (letters and their combining marks), digit runs, runs of spaces, each line
# break, and any other character on its own: the units a change is located to and
# counted in. A line break is a token of its own so that removing one of three
# blank lines is one step, not a different run of whitespace.
_TOKEN = regex.compile(r"[\p{L}\p{M}]+|\p{N}+|\r?\n|[^\S\r\n]+|.", regex.DOTALL)
_HSPACE = regex.compile(r"[^\S\n\r\f\v\x1c-\x1e\x85\u2028\u2029]+")


@dataclass(frozen=True, slots=True, order=True)
class GoldEdit:
    """One change the editor made: MT text ``[start, end)`` became ``replacement``.

    ``original``, when given, is the MT text the editor replaced; :func:`evaluate`
    checks it, so a file of gold edits made for another text is refused.
    """

    start: int
    end: int
    replacement: str
    original: str | None = field(default=None, compare=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        """The JSON-lines form (see the module docstring)."""
        data: dict[str, Any] = {"start": self.start, "end": self.end, "replacement": self.replacement}
        if self.original is not None:
            data["original"] = self.original
        return data


class Outcome(enum.Enum):
    """What one cleanup edit turned out to be, judged against the gold."""

    CORRECT = "correct"
    PARTIAL = "partial"
    WRONG = "wrong"
    UNTOUCHED = "untouched"
    HIT = "hit"
    FALSE_ALARM = "false alarm"

    @property
    def is_tp(self) -> bool:
        """True for the outcomes that count for the edit."""
        return self in _TP


_TP = frozenset({Outcome.CORRECT, Outcome.PARTIAL, Outcome.HIT})


@dataclass(frozen=True, slots=True)
class Judgement:
    """One cleanup edit and its verdict.

    ``gold`` holds the indices (into :attr:`EvalReport.gold_edits`) of the gold
    edits the edit overlaps; ``region`` is the stretch of MT text it was judged
    on, ``expected`` the gold's text for that region and ``got`` the edit's (for
    findings both are the MT text of the widened span).
    """

    edit: Edit
    outcome: Outcome
    gold: tuple[int, ...]
    region: tuple[int, int]
    expected: str
    got: str


@dataclass(frozen=True, slots=True)
class Row:
    """The counts of one group of edits and the scores made from them."""

    name: str
    edits: int
    correct: int
    partial: int
    wrong: int
    untouched: int
    hits: int
    false_alarms: int
    found: int
    gold: int

    @property
    def tp(self) -> int:
        """Correct and partial fixes, and review hits."""
        return self.correct + self.partial + self.hits

    @property
    def fp(self) -> int:
        """Wrong fixes, fixes on untouched text, and false alarms."""
        return self.wrong + self.untouched + self.false_alarms

    @property
    def fn(self) -> int:
        """Gold edits this group did not find."""
        return self.gold - self.found

    @property
    def precision(self) -> float:
        """``tp / (tp + fp)``; 1.0 for a group with no edits."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """``found / gold``; 1.0 when the gold has no edits."""
        return self.found / self.gold if self.gold else 1.0

    @property
    def f05(self) -> float:
        """F-score with β = 0.5 (precision weighs twice as much as recall)."""
        return f_beta(self.precision, self.recall)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view: the counts and the three scores."""
        return {
            "name": self.name,
            "edits": self.edits,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "correct": self.correct,
            "partial": self.partial,
            "wrong": self.wrong,
            "untouched": self.untouched,
            "hits": self.hits,
            "false_alarms": self.false_alarms,
            "found": self.found,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f0.5": round(self.f05, 4),
        }


def f_beta(precision: float, recall: float, beta: float = BETA) -> float:
    """The weighted harmonic mean of precision and recall (0.0 when both are 0).

    >>> round(f_beta(1.0, 0.5), 4)   # 1.25 * 0.5 / (0.25 + 0.5)
    0.8333
    >>> f_beta(0.0, 0.0)
    0.0
    """
    b2 = beta * beta
    denominator = b2 * precision + recall
    return (1 + b2) * precision * recall / denominator if denominator else 0.0


@dataclass(frozen=True)
class EvalReport:
    """Everything :func:`evaluate` found out; the tables are computed from it.

    ``distances`` maps ``"do nothing"``, ``"cleanup fix"`` and ``"cleanup fix
    --unsafe-fixes"`` to the token edit distance between that text and the gold.
    """

    mt: str
    gold_text: str
    gold_edits: tuple[GoldEdit, ...]
    judgements: tuple[Judgement, ...]
    distances: dict[str, int] = field(default_factory=dict)

    @cached_property
    def gold_status(self) -> tuple[str, ...]:
        """``"found"``, ``"botched"`` or ``"missed"`` for each gold edit."""
        status = ["missed"] * len(self.gold_edits)
        for j in self.judgements:
            for i in j.gold:
                if j.outcome.is_tp:
                    status[i] = "found"
                elif status[i] == "missed":
                    status[i] = "botched"
        return tuple(status)

    def row(self, name: str, judgements: Iterable[Judgement]) -> Row:
        """Count a group of judgements (recall against all the gold edits)."""
        counts = dict.fromkeys(Outcome, 0)
        found: set[int] = set()
        n = 0
        for j in judgements:
            n += 1
            counts[j.outcome] += 1
            if j.outcome.is_tp:
                found.update(j.gold)
        return Row(
            name=name,
            edits=n,
            correct=counts[Outcome.CORRECT],
            partial=counts[Outcome.PARTIAL],
            wrong=counts[Outcome.WRONG],
            untouched=counts[Outcome.UNTOUCHED],
            hits=counts[Outcome.HIT],
            false_alarms=counts[Outcome.FALSE_ALARM],
            found=len(found),
            gold=len(self.gold_edits),
        )

    @property
    def baseline(self) -> Row:
        """Doing nothing: no edits, every gold edit missed."""
        return self.row("do nothing", ())

    @property
    def overall(self) -> Row:
        """Every edit of every tier."""
        return self.row("all tiers", self.judgements)

    @property
    def cumulative(self) -> list[Row]:
        """What ``cleanup fix``, ``--unsafe-fixes`` and a full review would do."""
        safe = [j for j in self.judgements if j.edit.tier is Tier.SAFE]
        fixes = [j for j in self.judgements if j.edit.tier is not Tier.REVIEW]
        return [
            self.row("safe (cleanup fix)", safe),
            self.row("safe+suggest (--unsafe-fixes)", fixes),
            self.row("all tiers (with review)", self.judgements),
        ]

    @property
    def by_tier(self) -> list[Row]:
        """One row per tier, most trusted first (tiers with no edits too)."""
        return [self.row(t.value, (j for j in self.judgements if j.edit.tier is t)) for t in Tier]

    @property
    def by_category(self) -> list[Row]:
        """One row per category, by name."""
        return self._grouped(lambda j: j.edit.category)

    @property
    def by_rule(self) -> list[Row]:
        """One row per rule, by id."""
        return self._grouped(lambda j: j.edit.rule_id)

    def _grouped(self, key: Callable[[Judgement], str]) -> list[Row]:
        groups: dict[str, list[Judgement]] = {}
        for j in self.judgements:
            groups.setdefault(key(j), []).append(j)
        return [self.row(name, groups[name]) for name in sorted(groups)]

    @property
    def false_positives(self) -> list[Judgement]:
        """The wrong fixes, the fixes on untouched text and the false alarms, in text order."""
        return [j for j in self.judgements if not j.outcome.is_tp]

    @property
    def missed(self) -> list[GoldEdit]:
        """The gold edits no cleanup edit touched."""
        return [g for g, s in zip(self.gold_edits, self.gold_status) if s == "missed"]


# ---------------------------------------------------------------------------
# the gold


def tokenize(text: str) -> list[str]:
    """Split ``text`` into the tokens changes are located to and counted in.

    >>> tokenize("Pokrovsky73,  the")
    ['Pokrovsky', '73', ',', '  ', 'the']
    """
    return _TOKEN.findall(text)


def extract_gold_edits(mt: str, edited: str) -> list[GoldEdit]:
    """The editor's changes as edits on ``mt``, such that applying them gives ``edited``.

    >>> extract_gold_edits("The real real sponsors.", "The real sponsors.")
    [GoldEdit(start=9, end=14, replacement='')]
    >>> extract_gold_edits("Takova Short story this.", "Such is the short story of this.")
    [GoldEdit(start=0, end=12, replacement='Such is the short'), GoldEdit(start=18, end=18, replacement=' of')]
    """
    return _merge(_diff(mt, edited, 0, 0), mt)


# The levels text is compared at, coarse to fine: paragraphs (a cut before the
# first word after a blank line), sentences (a cut after . ! ? or … and the spaces
# that follow, and after each line break), then tokens. Aligning whole paragraphs
# and sentences first keeps the token matcher's work small: its cost grows with
# how often a token recurs, and a space recurs constantly.
_PARAGRAPH_START = regex.compile(r"(?<=\n[ \t]*\n\s*)(?=\S)")
_SENTENCE_START = regex.compile(r"(?<=[.!?…][\"”’»)\]]*[ \t]+)(?=\S)|(?<=\n)(?=[^\n])")
_TOKENS = 2


def _units(text: str, level: int) -> list[str]:
    pattern = _PARAGRAPH_START if level == 0 else _SENTENCE_START
    return [unit for unit in pattern.split(text) if unit]


def _diff(a: str, b: str, offset: int, level: int) -> list[GoldEdit]:
    """The changes that turn ``a`` into ``b``, found at ``level`` and the finer levels."""
    if level == _TOKENS:
        return _token_edits(a, b, offset)
    a_units, b_units = _units(a, level), _units(b, level)
    a_starts, b_starts = _starts(a_units), _starts(b_units)
    edits: list[GoldEdit] = []
    for i1, i2, j1, j2 in _changed_blocks(a_units, b_units):
        if i2 - i1 == j2 - j1:
            # as many units changed on both sides: compare them pairwise, the
            # common case (paragraphs corrected in place) and the cheap one
            pairs = [(i1 + k, i1 + k + 1, j1 + k, j1 + k + 1) for k in range(i2 - i1)]
        else:
            pairs = [(i1, i2, j1, j2)]
        for p1, p2, q1, q2 in pairs:
            a_part = a[a_starts[p1] : a_starts[p2]]
            b_part = b[b_starts[q1] : b_starts[q2]]
            edits.extend(_diff(a_part, b_part, offset + a_starts[p1], level + 1))
    return edits


def _changed_blocks(a: Sequence[str], b: Sequence[str]) -> list[tuple[int, int, int, int]]:
    """The unit ranges that differ, as ``(i1, i2, j1, j2)``.

    A block that only removes or only adds units is joined to a neighbouring
    changed block when nothing but blank units lies between them, so the token
    comparison sees a removed line together with the blank lines around it
    (which blank line "stayed" is otherwise an accident of the line matcher).
    """
    blocks: list[tuple[int, int, int, int]] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if blocks:
            p1, p2, q1, q2 = blocks[-1]
            one_sided = p1 == p2 or q1 == q2 or i1 == i2 or j1 == j2
            if one_sided and all(not unit.strip() for unit in a[p2:i1]):
                blocks[-1] = (p1, i2, q1, j2)
                continue
        blocks.append((i1, i2, j1, j2))
    return blocks


def _starts(lines: Sequence[str]) -> list[int]:
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    return starts


def _token_edits(a: str, b: str, offset: int) -> list[GoldEdit]:
    """The token-level changes that turn ``a`` into ``b``; offsets shifted by ``offset``."""
    # a shared head and tail need no token matching (and keep the matcher's work
    # small); both are cut back to a token boundary in both texts, so a changed
    # word is compared whole
    head = 0
    limit = min(len(a), len(b))
    while head < limit and a[head] == b[head]:
        head += 1
    while head and (_joined(a, head) or _joined(b, head)):
        head -= 1
    tail = 0
    limit -= head
    while tail < limit and a[len(a) - 1 - tail] == b[len(b) - 1 - tail]:
        tail += 1
    while tail and (_joined(a, len(a) - tail) or _joined(b, len(b) - tail)):
        tail -= 1
    a_mid, b_mid = a[head : len(a) - tail], b[head : len(b) - tail]
    ta, tb = tokenize(a_mid), tokenize(b_mid)
    a_pos = _starts(ta)
    b_pos = _starts(tb)
    edits = []
    matcher = difflib.SequenceMatcher(None, ta, tb, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            start = offset + head + a_pos[i1]
            edits.append(GoldEdit(start, offset + head + a_pos[i2], b_mid[b_pos[j1] : b_pos[j2]]))
    return edits


_LETTER = regex.compile(r"[\p{L}\p{M}]")
_DIGIT = regex.compile(r"\p{N}")


def _kind(ch: str) -> int:
    """The token class of one character: 0 letter, 1 digit, 2 space, 3 other."""
    if _LETTER.match(ch):
        return 0
    if _DIGIT.match(ch):
        return 1
    if ch.isspace():
        return 2
    return 3


def _joined(text: str, pos: int) -> bool:
    """True when ``pos`` lies inside a word or a number (whitespace may be split)."""
    if pos <= 0 or pos >= len(text):
        return False
    kind = _kind(text[pos])
    return kind < 2 and kind == _kind(text[pos - 1])


def _token_floor(text: str, pos: int) -> int:
    while _joined(text, pos):
        pos -= 1
    return pos


def _token_ceil(text: str, pos: int) -> int:
    while _joined(text, pos):
        pos += 1
    return pos


def _merge(edits: Iterable[GoldEdit], mt: str) -> list[GoldEdit]:
    """Merge edits that touch or are separated only by spaces/tabs on one line."""
    merged: list[GoldEdit] = []
    for edit in sorted(edits):
        if edit.start == edit.end and not edit.replacement:
            continue
        if merged:
            last = merged[-1]
            gap = mt[last.end : edit.start]
            if last.end == edit.start or _HSPACE.fullmatch(gap):
                merged[-1] = GoldEdit(last.start, edit.end, last.replacement + gap + edit.replacement)
                continue
        merged.append(edit)
    return merged


def apply_gold_edits(mt: str, edits: Iterable[GoldEdit]) -> str:
    """``mt`` with the gold edits applied (they must be sorted-able and must not overlap)."""
    parts: list[str] = []
    pos = 0
    for edit in sorted(edits):
        if edit.start < pos:
            raise ValueError(f"overlapping gold edits at offset {edit.start}")
        parts.append(mt[pos : edit.start])
        parts.append(edit.replacement)
        pos = edit.end
    parts.append(mt[pos:])
    return "".join(parts)


def read_gold_edits(path: str | Path) -> list[GoldEdit]:
    """Read a JSON-lines file of gold edits (format in the module docstring).

    Problems raise :class:`~cleanup.model.CleanupError` naming the file and
    line; an ``original`` field is kept for :func:`evaluate` to check.
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise CleanupError(str(path), f"cannot read the gold edits: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise CleanupError(str(path), "the gold edits are not UTF-8") from None
    edits: list[GoldEdit] = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CleanupError(where, f"not JSON: {exc.msg}") from None
        if not isinstance(data, dict):
            raise CleanupError(where, "expected an object with start, end and replacement")
        start, end, replacement = data.get("start"), data.get("end"), data.get("replacement")
        if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool) or isinstance(end, bool):
            raise CleanupError(where, "'start' and 'end' must be integers")
        if not 0 <= start <= end:
            raise CleanupError(where, f"bad span {start}..{end}")
        if not isinstance(replacement, str):
            raise CleanupError(where, "'replacement' must be a string")
        original = data.get("original")
        if original is not None and not isinstance(original, str):
            raise CleanupError(where, "'original' must be a string")
        edits.append(GoldEdit(start, end, replacement, original))
    return edits


def gold_edits_to_jsonl(edits: Iterable[GoldEdit], mt: str | None = None) -> str:
    """The JSON-lines form of ``edits``; with ``mt``, each line also carries its ``original``."""
    lines = []
    for edit in sorted(edits):
        data = GoldEdit(edit.start, edit.end, edit.replacement).to_dict()
        if mt is not None:
            data["original"] = mt[edit.start : edit.end]
        lines.append(json.dumps(data, ensure_ascii=False))
    return "".join(line + "\n" for line in lines)


def _check_gold(mt: str, edits: Iterable[GoldEdit]) -> tuple[GoldEdit, ...]:
    """Sort, validate and normalise gold edits given as a list."""
    checked: list[GoldEdit] = []
    for edit in sorted(edits):
        if not 0 <= edit.start <= edit.end <= len(mt):
            raise ValueError(f"gold edit {edit.start}..{edit.end} lies outside the text ({len(mt)} characters)")
        if checked and edit.start < checked[-1].end:
            raise ValueError(f"gold edits overlap at offset {edit.start}")
        if edit.original is not None and mt[edit.start : edit.end] != edit.original:
            raise ValueError(
                f"gold edit at {edit.start}..{edit.end} expects {edit.original!r}, "
                f"the text has {mt[edit.start:edit.end]!r}"
            )
        if mt[edit.start : edit.end] == edit.replacement:
            continue  # a no-op is no edit
        checked.append(GoldEdit(edit.start, edit.end, edit.replacement))
    return tuple(checked)


# ---------------------------------------------------------------------------
# judging


def _overlaps(s1: int, e1: int, s2: int, e2: int) -> bool:
    """Spans share a character; an empty span overlaps a span it touches or lies in."""
    if s1 == e1 or s2 == e2:
        return s1 <= e2 and s2 <= e1
    return s1 < e2 and s2 < e1


class _GoldIndex:
    """The gold edits, sorted, with a binary search for those overlapping a span."""

    def __init__(self, edits: Sequence[GoldEdit]) -> None:
        self.edits = edits
        self._starts = [g.start for g in edits]

    def overlapping(self, start: int, end: int) -> list[int]:
        # gold edits are disjoint and sorted, so their ends are sorted too
        i = bisect.bisect_left(self._starts, start)
        i = max(0, i - 1)
        while i > 0 and self.edits[i - 1].end >= start:
            i -= 1
        found = []
        while i < len(self.edits) and self.edits[i].start <= end:
            g = self.edits[i]
            if _overlaps(start, end, g.start, g.end):
                found.append(i)
            i += 1
        return found


def _judge_fix(edit: Edit, mt: str, gold: _GoldIndex) -> Judgement:
    start, end = edit.start, edit.end
    hit: list[int] = []
    while True:
        hit = gold.overlapping(start, end)
        new_start = min([start, *(gold.edits[i].start for i in hit)])
        new_end = max([end, *(gold.edits[i].end for i in hit)])
        new_start, new_end = _token_floor(mt, new_start), _token_ceil(mt, new_end)
        if (new_start, new_end) == (start, end):
            break
        start, end = new_start, new_end
    a = mt[start:end]
    b = mt[start : edit.start] + (edit.replacement or "") + mt[edit.end : end]
    if not hit:
        return Judgement(edit, Outcome.UNTOUCHED, (), (start, end), a, b)
    c = apply_gold_edits(a, (GoldEdit(g.start - start, g.end - start, g.replacement) for g in (gold.edits[i] for i in hit)))
    if b == c:
        outcome = Outcome.CORRECT
    else:
        ta, tb, tc = tokenize(a), tokenize(b), tokenize(c)
        d_ab, d_bc, d_ac = Levenshtein.distance(ta, tb), Levenshtein.distance(tb, tc), Levenshtein.distance(ta, tc)
        outcome = Outcome.PARTIAL if d_ab > 0 and d_ab + d_bc == d_ac else Outcome.WRONG
    return Judgement(edit, outcome, tuple(hit), (start, end), c, b)


def _judge_finding(edit: Edit, mt: str, gold: _GoldIndex) -> Judgement:
    start, end = edit.start, edit.end
    while start > 0 and mt[start - 1] in " \t\xa0":
        start -= 1
    while end < len(mt) and mt[end] in " \t\xa0":
        end += 1
    hit = gold.overlapping(start, end)
    outcome = Outcome.HIT if hit else Outcome.FALSE_ALARM
    region = mt[start:end]
    return Judgement(edit, outcome, tuple(hit), (start, end), region, region)


def judge(edits: Iterable[Edit], mt: str, gold_edits: Sequence[GoldEdit]) -> list[Judgement]:
    """Judge each of cleanup's edits against the (sorted, disjoint) gold edits."""
    index = _GoldIndex(gold_edits)
    judgements = []
    for edit in edits:
        if edit.is_fix and edit.tier is not Tier.REVIEW:
            judgements.append(_judge_fix(edit, mt, index))
        else:
            judgements.append(_judge_finding(edit, mt, index))
    return judgements


def token_distance(a: str, b: str) -> int:
    """Levenshtein distance between two texts, counted in tokens.

    Paragraphs are aligned first and only the changed ones are compared, so
    long texts with few changes are quick.

    >>> token_distance("the real real sponsors", "the real sponsors")
    2
    """
    a_units, b_units = _units(a, 0), _units(b, 0)
    total = 0
    for i1, i2, j1, j2 in _changed_blocks(a_units, b_units):
        total += Levenshtein.distance(tokenize("".join(a_units[i1:i2])), tokenize("".join(b_units[j1:j2])))
    return total


def evaluate(mt: str, gold: str | Sequence[GoldEdit], config: Config | None = None) -> EvalReport:
    """Measure cleanup's edits on ``mt`` against the gold.

    ``gold`` is the edited text, or the editor's edits on ``mt`` (for instance
    from :func:`read_gold_edits`). ``config`` selects rules and glossaries;
    unsafe fixes are always turned on so that every tier is scored.
    """
    if isinstance(gold, str):
        gold_edits = tuple(extract_gold_edits(mt, gold))
        gold_text = gold
    else:
        gold_edits = _check_gold(mt, gold)
        gold_text = apply_gold_edits(mt, gold_edits)
    config = (config or Config()).merged(unsafe_fixes=True)
    result: Result = clean_text(mt, config)
    judgements = judge(result.all_edits, mt, gold_edits)
    safe_text = apply_edits(mt, (e for e in result.edits if e.tier is Tier.SAFE))
    distances = {
        "do nothing": token_distance(mt, gold_text),
        "cleanup fix": token_distance(safe_text, gold_text),
        "cleanup fix --unsafe-fixes": token_distance(result.text, gold_text),
    }
    return EvalReport(mt, gold_text, gold_edits, tuple(judgements), distances)


# ---------------------------------------------------------------------------
# output

_HEADER = ("edits", "tp", "fp", "wrong", "untouched", "alarms", "fn", "P", "R", "F0.5")


def _format_rows(title: str, rows: Sequence[Row], width: int) -> list[str]:
    lines = [title]
    for r in rows:
        cells = (r.edits, r.tp, r.fp, r.wrong, r.untouched, r.false_alarms, r.fn)
        counts = "".join(f"{c:>{max(len(h), 5) + 1}}" for c, h in zip(cells, _HEADER))
        scores = f"{r.precision:>7.3f}{r.recall:>7.3f}{r.f05:>7.3f}"
        lines.append(f"  {r.name:<{width}}{counts}{scores}")
    return lines


def format_table(report: EvalReport, *, details: bool = False) -> str:
    """The report as text tables: summary, per tier, per category, per rule.

    With ``details``, the false positives (each with the gold's text for the
    same region) and the misses follow, one a line, with line and column.
    """
    groups = [
        ("summary", [report.baseline, *report.cumulative]),
        ("by tier", report.by_tier),
        ("by category", report.by_category),
        ("by rule", report.by_rule),
    ]
    width = max(len(r.name) for _, rows in groups for r in rows) + 2
    header = "  " + " " * width + "".join(f"{h:>{max(len(h), 5) + 1}}" for h in _HEADER[:7])
    header += "".join(f"{h:>7}" for h in _HEADER[7:])
    status = report.gold_status
    summary = (
        f"{len(report.gold_edits)} gold edits: {status.count('found')} found, "
        f"{status.count('botched')} botched, {status.count('missed')} missed; "
        f"{len(report.judgements)} cleanup edits judged"
    )
    lines = [summary, "", header]
    for title, rows in groups:
        lines.extend(_format_rows(title, rows, width))
    partial = sum(1 for j in report.judgements if j.outcome is Outcome.PARTIAL)
    lines.append("")
    lines.append(f"tp includes {partial} partial fix(es): a correct step where the editor did more nearby.")
    if report.distances:
        base = report.distances.get("do nothing", 0)
        parts = []
        for name, d in report.distances.items():
            change = f" ({(d - base) / base:+.0%})" if base and name != "do nothing" else ""
            parts.append(f"{name} {d}{change}")
        lines.append("token edit distance to the gold: " + "; ".join(parts))
    if details:
        index = LineIndex.of(report.mt)
        lines.append("")
        lines.append("false positives (edit -> its text; gold's text for the same region):")
        for j in report.false_positives:
            line, col = index.position(j.edit.start)
            lines.append(
                f"  {line}:{col} {j.edit.rule_id} [{j.outcome.value}] "
                f"{_show(report.mt[j.region[0]:j.region[1]])} -> {_show(j.got)}; gold {_show(j.expected)}"
            )
        lines.append("")
        lines.append("missed gold edits (MT -> gold):")
        for g in report.missed:
            line, col = index.position(g.start)
            lines.append(f"  {line}:{col} {_show(report.mt[g.start:g.end])} -> {_show(g.replacement)}")
    return "\n".join(lines) + "\n"


def _show(text: str, limit: int = 70) -> str:
    shown = repr(text)
    return shown if len(shown) <= limit else shown[: limit - 4] + "...'"


def report_to_json(report: EvalReport) -> str:
    """The report as a versioned JSON document: rows, every judgement, every gold edit."""
    index = LineIndex.of(report.mt)

    def where(offset: int) -> dict[str, int]:
        line, col = index.position(offset)
        return {"line": line, "column": col}

    data = {
        "version": EVAL_SCHEMA_VERSION,
        "beta": BETA,
        "gold_edits": len(report.gold_edits),
        "summary": [r.to_dict() for r in (report.baseline, *report.cumulative)],
        "tiers": [r.to_dict() for r in report.by_tier],
        "categories": [r.to_dict() for r in report.by_category],
        "rules": [r.to_dict() for r in report.by_rule],
        "distances": report.distances,
        "judgements": [
            {
                **j.edit.to_dict(),
                **where(j.edit.start),
                "outcome": j.outcome.value,
                "gold": list(j.gold),
                "region": list(j.region),
                "expected": j.expected,
                "got": j.got,
            }
            for j in report.judgements
        ],
        "gold": [
            {**g.to_dict(), "original": report.mt[g.start : g.end], **where(g.start), "status": s}
            for g, s in zip(report.gold_edits, report.gold_status)
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


__all__ = [
    "EvalReport",
    "GoldEdit",
    "Judgement",
    "Outcome",
    "Row",
    "apply_gold_edits",
    "evaluate",
    "extract_gold_edits",
    "f_beta",
    "format_table",
    "gold_edits_to_jsonl",
    "judge",
    "read_gold_edits",
    "report_to_json",
    "token_distance",
]
