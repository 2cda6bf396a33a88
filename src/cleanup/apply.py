"""APPLY: put the chosen edits into the text.

Edits are checked against the text they claim to replace, so an edit computed
for another text, or two edits that overlap, raise instead of producing a
silently wrong output.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from .model import Edit


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Return ``text`` with every edit that carries a replacement applied.

    Findings without a replacement are skipped. Offsets refer to ``text``.

    >>> from cleanup.model import Edit, Tier
    >>> e = Edit(16, 18, " .", ".", "spacing.before-punctuation", "spacing", Tier.SAFE, "")
    >>> apply_edits("remains in force .", [e])
    'remains in force.'
    """
    fixes = sorted((e for e in edits if e.replacement is not None), key=lambda e: (e.start, e.end))
    parts: list[str] = []
    pos = 0
    for edit in fixes:
        if edit.start < pos:
            raise ValueError(f"overlapping edits at offset {edit.start}: {edit.rule_id}")
        if text[edit.start : edit.end] != edit.original:
            raise ValueError(
                f"edit {edit.rule_id} at {edit.start}-{edit.end} expects {edit.original!r}, "
                f"the text has {text[edit.start:edit.end]!r}"
            )
        parts.append(text[pos : edit.start])
        parts.append(edit.replacement or "")
        pos = edit.end
    parts.append(text[pos:])
    return "".join(parts)


def compose_edits(original: str, first: Sequence[Edit], second: Sequence[Edit]) -> list[Edit]:
    """Express ``first`` followed by ``second`` as one list of edits on ``original``.

    ``first`` are edits on ``original``; ``second`` are edits on the text
    ``first`` produced (a further pass). A second edit on text the first pass
    did not change becomes an edit on the original at the corresponding place;
    a second edit that touches text a first edit wrote is merged with it into
    one edit spanning both (rule and message of the second, the less trusted
    tier of the two). Applying the result to ``original`` gives the same text
    as applying ``first`` and then ``second``.

    >>> from cleanup.model import Edit, Tier
    >>> o = "the THE  site"
    >>> e1 = Edit(3, 7, " THE", "", "repeat.word", "repetition", Tier.SAFE, "m")
    >>> e2 = Edit(3, 5, "  ", " ", "spacing.double-space", "spacing", Tier.SAFE, "m")
    >>> apply_edits(o, compose_edits(o, [e1], [e2]))
    'the site'
    """
    first = sorted((e for e in first if e.is_fix), key=lambda e: (e.start, e.end))
    segments = _Segments(original, first)
    middle = apply_edits(original, first)
    groups: list[list[Edit]] = []
    regions: list[tuple[int, int]] = []
    for edit in sorted((e for e in second if e.is_fix), key=lambda e: (e.start, e.end)):
        lo, hi = segments.region(edit)
        if groups and lo < regions[-1][1]:
            groups[-1].append(edit)
            regions[-1] = (regions[-1][0], max(hi, regions[-1][1]))
        else:
            groups.append([edit])
            regions.append((lo, hi))
    out: list[Edit] = []
    absorbed: set[int] = set()
    for group, (lo, hi) in zip(groups, regions):
        touched = [
            s
            for s in segments.near(lo, hi)
            if s.edited is not None and (_touches(s, lo, hi) or (s.t_start < s.t_end and lo <= s.t_start and s.t_end <= hi))
        ]
        starts = [s.o_start for s in touched if s.t_start == lo]
        ends = [s.o_end for s in touched if s.t_end == hi]
        o_lo = min(starts) if starts else segments.to_original(lo, start=True)
        o_hi = o_lo if hi == lo else (max(ends) if ends else segments.to_original(hi, start=False))
        if not touched and len(group) == 1:
            e = group[0]
            out.append(replace(e, start=o_lo, end=o_hi, original=original[o_lo:o_hi]))
            continue
        absorbed.update(s.edited for s in touched)  # type: ignore[misc]
        involved = [first[s.edited] for s in touched] + group  # type: ignore[index]
        replacement = apply_edits(middle[lo:hi], [replace(e, start=e.start - lo, end=e.end - lo) for e in group])
        tier = max((e.tier for e in involved), key=lambda t: t.rank)
        head = group[0]
        after = ", ".join(sorted({e.rule_id for e in involved if e not in group}))
        message = head.message + (f" (together with {after})" if after else "")
        out.append(Edit(o_lo, o_hi, original[o_lo:o_hi], replacement, head.rule_id, head.category, tier, message))
    out.extend(e for i, e in enumerate(first) if i not in absorbed)
    return sorted(out, key=lambda e: (e.start, e.end))


@dataclass(frozen=True)
class _Segment:
    """A stretch of the first pass's output: copied from the original, or written by edit ``edited``."""

    t_start: int
    t_end: int
    o_start: int
    o_end: int
    edited: int | None


class _Segments:
    """The first pass's output as segments in order, searched by binary search (linear overall)."""

    def __init__(self, original: str, first: Sequence[Edit]) -> None:
        segments = []
        t = o = 0
        for i, e in enumerate(first):
            if e.start > o:
                segments.append(_Segment(t, t + e.start - o, o, e.start, None))
                t += e.start - o
            n = len(e.replacement or "")
            segments.append(_Segment(t, t + n, e.start, e.end, i))
            t += n
            o = e.end
        segments.append(_Segment(t, t + len(original) - o, o, len(original), None))
        self.items = segments
        # both are non-decreasing: segments follow each other in the output
        self._starts = [s.t_start for s in segments]
        self._ends = [s.t_end for s in segments]

    def near(self, lo: int, hi: int) -> list[_Segment]:
        """The segments that reach ``[lo, hi]`` (end at or after ``lo``, start at or before ``hi``)."""
        return self.items[bisect.bisect_left(self._ends, lo) : bisect.bisect_right(self._starts, hi)]

    def region(self, edit: Edit) -> tuple[int, int]:
        """The span of ``edit`` widened to whole first-pass replacements it touches."""
        lo, hi = edit.start, edit.end
        i = bisect.bisect_left(self._ends, lo)
        while i < len(self.items) and self.items[i].t_start <= hi:
            s = self.items[i]
            i += 1
            if s.edited is None:
                continue
            # an insertion inside or at the edge of written text has no copied text to hold on to
            inserted_at = lo == hi and s.t_start < s.t_end and s.t_start <= lo <= s.t_end
            if _touches(s, lo, hi) or inserted_at:
                lo, hi = min(lo, s.t_start), max(hi, s.t_end)
        return lo, hi

    def to_original(self, t: int, *, start: bool) -> int:
        """The original offset of output offset ``t`` (a region's start or end).

        Copied text decides first: a region that merely begins where a deletion
        was begins after the deleted text. Only a region widened to a first-pass
        replacement starts (or ends) at that replacement's edge.
        """
        candidates = self.near(t, t)
        for s in candidates:
            if s.edited is None and (s.t_start <= t < s.t_end if start else s.t_start < t <= s.t_end):
                return s.o_start + (t - s.t_start)
        for s in candidates:
            if s.edited is not None and t == (s.t_start if start else s.t_end):
                return s.o_start if start else s.o_end
        return self.items[-1].o_end


def _touches(s: _Segment, lo: int, hi: int) -> bool:
    """True when the output region ``[lo, hi)`` overlaps, or strictly contains, what edit ``s`` wrote."""
    if s.t_start == s.t_end:  # a deletion: touched only from inside the region
        return lo < s.t_start < hi
    return lo < s.t_end and s.t_start < hi
