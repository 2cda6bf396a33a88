"""The decisions ledger: what an editor accepted, rejected or dismissed, kept across runs.

A ledger is a JSON Lines file, one decision a line, diffable and mergeable::

    {"file": "book/ch1.txt", "rule": "ru-en.calque.remote", "original": "remote",
     "replacement": "distant", "decision": "accepted", "fingerprint": "3f1c0a9e5b7d2c41",
     "before": "he was sent to a", "after": "railway line in the"}

``before``/``after`` are the words around the change (see
:func:`cleanup.model.context_of`) and ``fingerprint`` hashes them with the rule
and the original text, so a decision still finds its change after edits
elsewhere in the file; when one side of the context changed (a fix right next
to it), a decision whose other side still matches is taken for the same change.

:func:`Ledger.filter` is the stage filter the pipeline runs after detection:
a rejected or dismissed change is neither applied nor reported; an accepted
suggestion or review change (with the replacement the editor chose) is applied.

The default ledger is ``.cleanup/decisions.jsonl`` in the folder of the
``pyproject.toml`` that configures cleanup (or the current folder); file names
in it are relative to that folder.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import regex

from .apply import apply_edits
from .model import CleanupError, CrossFinding, Edit, Result, context_of, edit_order, fingerprint

ACCEPTED, REJECTED, DISMISSED = "accepted", "rejected", "dismissed"
#: a finding recorded by ``check --write-baseline``: known, not reported again by ``check --baseline``
BASELINE = "baseline"
DECISIONS = (ACCEPTED, REJECTED, DISMISSED, BASELINE)
DEFAULT_LEDGER = Path(".cleanup") / "decisions.jsonl"

_WORDS = regex.compile(r"\w+")


@dataclass(frozen=True)
class Decision:
    """One decision about one change: where, which rule, what text, and what the editor said."""

    file: str | None
    rule: str
    original: str
    replacement: str | None
    decision: str
    fingerprint: str
    before: str
    after: str

    @classmethod
    def of(cls, file: str | None, text: str, edit: Edit, decision: str, replacement: str | None = None) -> Decision:
        """The decision ``decision`` about ``edit`` in ``text`` (``replacement``: the editor's own, if any)."""
        before, after = context_of(text, edit.start, edit.end)
        return cls(file, edit.rule_id, edit.original, edit.replacement if replacement is None else replacement,
                   decision, fingerprint(edit.rule_id, edit.original, before, after), before, after)

    @classmethod
    def from_dict(cls, data: Any, where: str) -> Decision:
        """A decision read from a ledger line; a clear error naming ``where`` when it is malformed."""
        if not isinstance(data, dict):
            raise CleanupError(where, "a ledger line must be a JSON object")
        for key in ("rule", "original", "decision", "fingerprint"):
            if not isinstance(data.get(key), str):
                raise CleanupError(where, f"missing or non-text {key!r}")
        if data["decision"] not in DECISIONS:
            raise CleanupError(where, f"decision must be one of {', '.join(DECISIONS)}, not {data['decision']!r}")
        replacement = data.get("replacement")
        if replacement is not None and not isinstance(replacement, str):
            raise CleanupError(where, "'replacement' must be text or null")
        file = data.get("file")
        return cls(file if isinstance(file, str) else None, data["rule"], data["original"], replacement,
                   data["decision"], data["fingerprint"], str(data.get("before", "")), str(data.get("after", "")))

    def to_line(self) -> str:
        """The decision as one JSON line (no newline)."""
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=False)

    @property
    def key(self) -> tuple[str | None, str]:
        """Two decisions with the same key are about the same change; the later one wins."""
        return (self.file, self.fingerprint)


def read_decisions(path: Path) -> list[Decision]:
    """The decisions of a ledger file (empty when it does not exist)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as exc:
        raise CleanupError(str(path), f"cannot read the decisions: {exc}") from None
    out = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CleanupError(f"{path}:{number}", f"not JSON: {exc.msg}") from None
        out.append(Decision.from_dict(data, f"{path}:{number}"))
    return out


def merge(old: Iterable[Decision], new: Iterable[Decision]) -> list[Decision]:
    """``old`` with ``new`` added; a new decision replaces an old one about the same change."""
    merged: dict[tuple[str | None, str], Decision] = {}
    for d in (*old, *new):
        merged.pop(d.key, None)
        merged[d.key] = d
    return list(merged.values())


def _atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".cleanup-tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise CleanupError(str(path), f"cannot write: {exc.strerror or exc}") from None


@dataclass
class Ledger:
    """The decisions of one ledger file, and the folder its file names are relative to."""

    path: Path
    root: Path
    decisions: list[Decision]

    @classmethod
    def load(cls, path: Path) -> Ledger:
        """Read ``path`` (a missing file is an empty ledger).

        File names in a ledger are relative to the folder that holds its
        ``.cleanup`` folder, or to its own folder when it is elsewhere, so a
        ledger means the same wherever cleanup runs from.
        """
        return cls(path, _root_of(path), read_decisions(path))

    @classmethod
    def empty(cls, path: Path) -> Ledger:
        """A ledger with no decisions that will be saved to ``path``."""
        return cls(path, _root_of(path), [])

    def file_key(self, name: str) -> str | None:
        """How a file is named in the ledger: relative to the root, with ``/``; None for standard input."""
        if name == "-":
            return None
        return Path(os.path.relpath(Path(name).resolve(), self.root)).as_posix()

    def save(self) -> None:
        """Write the ledger atomically."""
        _atomic_write(self.path, "".join(d.to_line() + "\n" for d in self.decisions))

    def record(self, new: Sequence[Decision]) -> None:
        """Add ``new`` (replacing earlier decisions about the same changes) and save."""
        if new:
            self.decisions = merge(self.decisions, new)
            self.save()

    def for_file(self, name: str) -> list[Decision]:
        """The decisions that may apply to the file ``name``."""
        key = self.file_key(name)
        return [d for d in self.decisions if d.file is None or d.file == key]

    def lookup(self, candidates: Sequence[Decision], text: str, edit: Edit) -> Decision | None:
        """The decision about ``edit`` among ``candidates``, if any."""
        same = [d for d in candidates if d.rule == edit.rule_id and d.original == edit.original]
        if not same:
            return None
        before, after = context_of(text, edit.start, edit.end)
        fp = fingerprint(edit.rule_id, edit.original, before, after)
        for d in reversed(same):
            if d.fingerprint == fp:
                return d
        for d in reversed(same):  # one side of the context changed: the other still names the place
            if (d.before and d.before == before) or (d.after and d.after == after):
                return d
        return None

    def filter(self, name: str, result: Result) -> Result:
        """The stage filter: drop rejected and dismissed changes, apply accepted ones."""
        candidates = self.for_file(name)
        if not candidates:
            return result
        text = result.original
        applied: list[Edit] = []
        findings: list[Edit] = []
        candidates = [d for d in candidates if d.decision != BASELINE]
        for edit in result.edits:
            d = self.lookup(candidates, text, edit)
            if d is None:
                applied.append(edit)
            elif d.decision == ACCEPTED:
                applied.append(replace(edit, replacement=d.replacement) if d.replacement is not None else edit)
        accepted: list[Edit] = []
        for edit in result.findings:
            d = self.lookup(candidates, text, edit)
            if d is None:
                findings.append(edit)
            elif d.decision == ACCEPTED and d.replacement is not None and d.replacement != edit.original:
                accepted.append(replace(edit, replacement=d.replacement))
            elif d.decision == ACCEPTED:
                findings.append(edit)  # accepted but nothing to apply: still worth seeing
        for edit in accepted:
            if any(_overlap(edit, e) for e in applied):
                findings.append(edit)  # the text there is already changed by another fix
            else:
                applied.append(edit)
        applied.sort(key=edit_order)
        findings.sort(key=edit_order)
        return Result(result.original, apply_edits(text, applied), tuple(applied), tuple(findings))

    def unreported(self, name: str, result: Result) -> Result:
        """``result`` without the edits this ledger (a baseline) knows: for reporting only.

        The text is left as it is; only what is reported changes.
        """
        candidates = self.for_file(name)
        if not candidates:
            return result
        keep = [e for e in result.all_edits if self.lookup(candidates, result.original, e) is None]
        return Result(result.original, result.text, tuple(e for e in result.edits if e in keep),
                      tuple(e for e in result.findings if e in keep))

    def knows_across(self, finding: CrossFinding) -> bool:
        """True when a finding across files is in this ledger (a baseline)."""
        fp = across_fingerprint(finding)
        return any(d.file is None and d.fingerprint == fp for d in self.decisions)

    def stale(self, read_text: Any) -> list[Decision]:
        """The decisions whose file is gone or no longer has their context.

        ``read_text(file_key)`` returns the current text of a file, or None.
        """
        out = []
        words_of: dict[str | None, str | None] = {}
        for d in self.decisions:
            if d.file not in words_of:
                text = read_text(d.file) if d.file is not None else None
                words_of[d.file] = None if text is None else " " + " ".join(_WORDS.findall(text.lower())) + " "
            words = words_of[d.file]
            if d.file is None:
                continue
            middle = " ".join(_WORDS.findall(d.original.lower()))
            sides = [" ".join(x for x in side if x) for side in ((d.before, middle), (middle, d.after))]
            if words is None or not any(f" {side} " in words for side in sides if side):
                out.append(d)
        return out


def _root_of(path: Path) -> Path:
    folder = path.parent.resolve()
    return folder.parent if folder.name == ".cleanup" else folder


def across_fingerprint(finding: CrossFinding) -> str:
    """The fingerprint of a finding across files: its rule and the spellings it is about."""
    return fingerprint(finding.rule_id, " ".join(sorted({loc.original for loc in finding.locations})), "", "")


def baseline_of(ledger: Ledger, files: Sequence[tuple[str, Result]], across: Sequence[CrossFinding] = ()) -> list[Decision]:
    """Baseline entries for every finding of ``files`` and across them (file names as ``ledger`` writes them)."""
    out = [Decision.of(ledger.file_key(name), result.original, edit, BASELINE)
           for name, result in files for edit in result.all_edits]
    for finding in across:
        spellings = " ".join(sorted({loc.original for loc in finding.locations}))
        out.append(Decision(None, finding.rule_id, spellings, None, BASELINE, across_fingerprint(finding), "", ""))
    return out


def _overlap(a: Edit, b: Edit) -> bool:
    return a.start < b.end and b.start < a.end or (a.start == a.end == b.start) or (b.start == b.end == a.start)


def default_path(root: Path) -> Path:
    """The default ledger of a project whose root folder is ``root``."""
    return root / DEFAULT_LEDGER
