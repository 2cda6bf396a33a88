"""APPLY: put the chosen edits into the text.

Edits are checked against the text they claim to replace, so an edit computed
for another text, or two edits that overlap, raise instead of producing a
silently wrong output.
"""

from __future__ import annotations

from collections.abc import Iterable

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
