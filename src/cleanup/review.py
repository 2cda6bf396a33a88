"""Reviewing changes one by one: the items, the editor's choices, and the text they give.

This is the logic behind ``cleanup review`` (terminal) and the review page
(``cleanup review --html``), free of any input or output: a :class:`Session`
walks the items in document order and records a :class:`Choice` for each;
:func:`reviewed_result` turns a file's result and its choices into the text to
write; :func:`decisions_of` turns the choices into ledger lines.

Keys, in the conventions of ``git add -p``: ``y`` accept, ``n`` reject (a
finding with no replacement is dismissed), ``e`` edit the replacement, ``s``
skip for now, ``a``/``d`` accept/reject this and every later change of the same
rule, ``u`` undo the last decision, ``q`` save and quit, ``?`` help.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from .apply import apply_edits
from .decisions import ACCEPTED, DISMISSED, REJECTED, Decision
from .model import Edit, Result, edit_order

HELP = """\
y - accept this change
n - reject this change (dismiss a finding that has no replacement)
e - type or edit the replacement, and accept it
s - skip it for now (decide later)
a - accept this change and every later change of the same rule
d - reject this change and every later change of the same rule
u - undo the last decision
q - save the file(s) with the accepted changes and quit
? - print this help"""

KEYS = "y,n,e,s,a,d,u,q,?"


@dataclass(frozen=True)
class Item:
    """One change to review: the file it is in (its index and name) and the edit."""

    file: int
    path: str
    edit: Edit


@dataclass(frozen=True)
class Choice:
    """What the editor decided about an item (the replacement, when they typed one)."""

    decision: str
    replacement: str | None = None


def items_of(files: Sequence[tuple[str, Result]], *, include_safe: bool = False) -> list[Item]:
    """The items to review: every finding (suggestions, review findings), in document order.

    With ``include_safe``, the applied (safe) fixes too.
    """
    out: list[Item] = []
    for i, (path, result) in enumerate(files):
        edits = result.all_edits if include_safe else tuple(sorted(result.findings, key=edit_order))
        out.extend(Item(i, path, e) for e in edits)
    return out


@dataclass
class Session:
    """The state of a review: where it is, what was decided, and how to undo it."""

    items: list[Item]
    choices: dict[int, Choice] = field(default_factory=dict)
    position: int = 0
    #: each action's decided item indices, newest last, for undo
    history: list[list[int]] = field(default_factory=list)

    @property
    def done(self) -> bool:
        """True when every item has been passed (decided or skipped)."""
        return self.position >= len(self.items)

    @property
    def current(self) -> Item:
        """The item under review."""
        return self.items[self.position]

    def counter(self) -> str:
        """``[3/41]``: the item's number and how many there are."""
        return f"[{self.position + 1}/{len(self.items)}]"

    def decide(self, key: str, replacement: str | None = None) -> str:
        """Act on ``key`` (one of :data:`KEYS`); returns a message for the editor ('' when none)."""
        if key == "?":
            return HELP
        if key == "u":
            if not self.history:
                return "nothing to undo"
            batch = self.history.pop()
            for i in batch:
                self.choices.pop(i, None)
            self.position = min(batch)
            return f"undid {len(batch)} decision(s)"
        if self.done:
            return ""
        item = self.current
        if key == "s":
            self.history.append([self.position])  # undoing a skip goes back to the item skipped
            self._advance()
            return ""
        if key in ("y", "a") and item.edit.replacement is None and replacement is None:
            return "nothing to apply here: 'e' to type a replacement, 'n' to dismiss"
        if key == "e":
            if replacement is None:
                return "no replacement given"
            self._take([self.position], Choice(ACCEPTED, replacement))
        elif key == "y":
            self._take([self.position], Choice(ACCEPTED, replacement))
        elif key == "n":
            self._take([self.position], Choice(self._no(item)))
        elif key in ("a", "d"):
            same = [i for i in range(self.position, len(self.items))
                    if self.items[i].edit.rule_id == item.edit.rule_id and i not in self.choices]
            if key == "a":
                same = [i for i in same if self.items[i].edit.replacement is not None]
            for i in same:
                self.choices[i] = Choice(ACCEPTED) if key == "a" else Choice(self._no(self.items[i]))
            self.history.append(same)
            self._advance()
            return f"{'accepted' if key == 'a' else 'rejected'} {len(same)} change(s) of {item.edit.rule_id}"
        else:
            return f"unknown key {key!r}; {KEYS}"
        return ""

    @staticmethod
    def _no(item: Item) -> str:
        return REJECTED if item.edit.replacement is not None else DISMISSED

    def _take(self, indices: list[int], choice: Choice) -> None:
        for i in indices:
            self.choices[i] = choice
        self.history.append(indices)
        self._advance()

    def _advance(self) -> None:
        self.position += 1
        while self.position < len(self.items) and self.position in self.choices:
            self.position += 1

    def for_file(self, file: int) -> list[tuple[Edit, Choice]]:
        """The decided items of one file, with their choices."""
        return [(self.items[i].edit, c) for i, c in sorted(self.choices.items()) if self.items[i].file == file]


def reviewed_result(result: Result, choices: Sequence[tuple[Edit, Choice]]) -> Result:
    """``result`` with the choices made: rejected edits dropped, accepted changes applied.

    An accepted change that overlaps a change already applied stays a finding.
    """
    rejected = {e for e, c in choices if c.decision != ACCEPTED}
    accepted = {e: c for e, c in choices if c.decision == ACCEPTED}
    applied = [replace(e, replacement=accepted[e].replacement) if e in accepted and accepted[e].replacement is not None
               else e for e in result.edits if e not in rejected]
    findings = []
    for e in result.findings:
        if e in rejected:
            continue
        choice = accepted.get(e)
        new = None if choice is None else (choice.replacement if choice.replacement is not None else e.replacement)
        if new is None or any(e.start < a.end and a.start < e.end or e.start == a.start for a in applied):
            findings.append(e)
        else:
            applied.append(replace(e, replacement=new))
    applied.sort(key=edit_order)
    return Result(result.original, apply_edits(result.original, applied), tuple(applied), tuple(findings))


def decisions_of(file_key: str | None, original: str, choices: Sequence[tuple[Edit, Choice]],
                 written: Result | None = None) -> list[Decision]:
    """The ledger lines for one file's choices (``original``: the text the edits index).

    When the file was rewritten (``written``: the result saved), a change left
    as it was is fingerprinted where it now stands in the new text, so the
    next run, which reads the new text, recognises it.
    """
    out = []
    for e, c in choices:
        text, edit = original, e
        if written is not None and c.decision != ACCEPTED and written.text != original:
            moved = _moved(e, written.edits)
            if moved is not None and written.text[moved.start : moved.end] == e.original:
                text, edit = written.text, moved
        out.append(Decision.of(file_key, text, edit, c.decision, c.replacement))
    return out


def _moved(edit: Edit, applied: Sequence[Edit]) -> Edit | None:
    """``edit`` at its place in the text after ``applied``; None when an applied edit overlaps it."""
    shift = 0
    for a in applied:
        if a.end <= edit.start and not (a.start == a.end == edit.start):
            shift += len(a.replacement or "") - (a.end - a.start)
        elif a.start < edit.end and edit.start < a.end:
            return None
    return replace(edit, start=edit.start + shift, end=edit.end + shift)
