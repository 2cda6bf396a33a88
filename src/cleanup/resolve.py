"""RESOLVE: decide which candidate edits are applied and which are only reported.

The decision is deterministic and depends only on the edits, not on the order
the detectors ran in:

1. an edit touching a protected span is dropped (kinds skip them already; this
   is the guarantee);
2. duplicates (same span, replacement and rule) are kept once;
3. the *applicable* edits are the fixes of an enabled tier (``safe``, plus
   ``suggest`` with unsafe fixes). They are taken in order of trust: tier first,
   then the longer span (a removed debris line beats a spacing fix inside it),
   then position and rule id; an edit that overlaps one already taken is not
   applied but reported, so nothing a rule found is hidden (unless it makes
   exactly the change already taken: a glossary and a rule pack that agree
   produce one edit, the more trusted);
4. everything else is a finding: review findings, suggestions when unsafe
   fixes are off, and the edits that lost an overlap; except findings that lie
   wholly inside text an applied edit replaced (a caption check on a debris
   line that is gone).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from .model import Document, Edit, Tier, edit_order


def resolve(candidates: Iterable[Edit], doc: Document, *, unsafe_fixes: bool) -> tuple[list[Edit], list[Edit]]:
    """Split ``candidates`` into ``(applied, findings)``, both in text order."""
    unique = {e: None for e in candidates if not doc.is_protected(e.start, e.end)}
    enabled = {Tier.SAFE, Tier.SUGGEST} if unsafe_fixes else {Tier.SAFE}
    applicable = sorted(
        (e for e in unique if e.is_fix and e.tier in enabled),
        key=lambda e: (e.tier.rank, -(e.end - e.start), e.start, e.rule_id, e.replacement or ""),
    )
    taken = _Taken()
    losers: set[Edit] = set()
    for edit in applicable:
        if taken.clashes(edit):
            if not taken.same_change(edit):
                losers.add(edit)
        else:
            taken.add(edit)
    applied = set(taken.edits)
    duplicates = {e for e in unique if e not in applied and e.is_fix and taken.same_change(e)}
    findings = [
        e
        for e in unique
        if e not in applied and e not in duplicates and (e in losers or not e.is_fix or e.tier not in enabled)
    ]
    # a no-op "fix" (replacement equal to the text) is neither applied nor reported,
    # and neither is a finding about text that an applied edit removed or rewrote
    findings = [e for e in findings if (e.replacement is None or e.is_fix) and not taken.covers(e)]
    return sorted(applied, key=edit_order), sorted(findings, key=edit_order)


def overlaps(a: Edit, b: Edit) -> bool:
    """True when applying both ``a`` and ``b`` would be ambiguous.

    Two spans overlap when they share a character; an insertion (an empty span)
    also clashes with another insertion at the same place and with a
    replacement strictly around it.
    """
    if a.start == a.end or b.start == b.end:
        if a.start == a.end and b.start == b.end:
            return a.start == b.start
        point, span = (a, b) if a.start == a.end else (b, a)
        return span.start < point.start < span.end
    return a.start < b.end and b.start < a.end


class _Taken:
    """The edits chosen so far, sorted by position for binary search."""

    def __init__(self) -> None:
        self.edits: list[Edit] = []
        self._keys: list[tuple[int, int]] = []

    def _near(self, edit: Edit) -> list[Edit]:
        i = bisect.bisect_left(self._keys, (edit.start, edit.start))
        # sorted spans do not overlap, so only a few neighbours can touch [start, end)
        lo = max(0, i - 1)
        hi = bisect.bisect_right(self._keys, (edit.end, edit.end + 1))
        return self.edits[lo : hi + 1]

    def clashes(self, edit: Edit) -> bool:
        return any(overlaps(edit, other) for other in self._near(edit))

    def same_change(self, edit: Edit) -> bool:
        """True when an edit already taken makes exactly this change (another rule agreed)."""
        return any(
            (a.start, a.end, a.replacement) == (edit.start, edit.end, edit.replacement) for a in self._near(edit)
        )

    def covers(self, edit: Edit) -> bool:
        return any(a.start < a.end and a.start <= edit.start and edit.end <= a.end for a in self._near(edit))

    def add(self, edit: Edit) -> None:
        i = bisect.bisect_right(self._keys, (edit.start, edit.end))
        self._keys.insert(i, (edit.start, edit.end))
        self.edits.insert(i, edit)
