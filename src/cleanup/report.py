"""REPORT: render a :class:`~cleanup.model.Result` for people and programs.

Every view is made from the same list of edits: the ``file:line:col`` lines of
``cleanup check``, the JSON document, the unified diff and the word diff.
Offsets become line and column only here (1-based, counted in characters of the
text cleanup read, after line endings were normalised to ``\\n``).
"""

from __future__ import annotations

import bisect
import difflib
import json
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from .model import Result

#: bump when the JSON layout changes incompatibly
JSON_SCHEMA_VERSION = 1

_RED, _GREEN, _CYAN, _BOLD, _DIM, _RESET = "\x1b[31m", "\x1b[32m", "\x1b[36m", "\x1b[1m", "\x1b[2m", "\x1b[0m"


@dataclass(frozen=True)
class LineIndex:
    """Turns offsets into ``(line, column)`` pairs with a binary search over line starts."""

    starts: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> LineIndex:
        """Index the line starts of ``text``."""
        return cls((0, *(m.end() for m in regex.finditer(r"\n", text))))

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column of ``offset``.

        >>> LineIndex.of("ab\\ncd").position(4)
        (2, 2)
        """
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1


def findings_text(name: str, result: Result, *, color: bool = False) -> list[str]:
    """``file:line:col: rule-id [tier] message`` lines, one per edit, in text order."""
    index = LineIndex.of(result.original)
    lines = []
    for edit in result.all_edits:
        line, col = index.position(edit.start)
        where = f"{name}:{line}:{col}:"
        rule = f"{edit.rule_id} [{edit.tier.value}]"
        if color:
            where, rule = f"{_BOLD}{where}{_RESET}", f"{_CYAN}{rule}{_RESET}"
        lines.append(f"{where} {rule} {edit.message}")
    return lines


def to_json(results: Sequence[tuple[str, Result]], *, book: Sequence[str] = ()) -> str:
    """The versioned JSON report of several files' results (and findings across them)."""
    files = []
    for name, result in results:
        index = LineIndex.of(result.original)
        applied = set(result.edits)
        edits = []
        for edit in result.all_edits:
            line, col = index.position(edit.start)
            edits.append({**edit.to_dict(), "line": line, "column": col, "applied": edit in applied})
        files.append({"path": name, "changed": result.changed, "edits": edits})
    return json.dumps({"version": JSON_SCHEMA_VERSION, "files": files, "book": list(book)}, ensure_ascii=False, indent=2)


def unified_diff(name: str, result: Result, *, color: bool = False, context: int = 3) -> str:
    """A unified diff of the original and the cleaned text (empty when unchanged)."""
    if not result.changed:
        return ""
    lines = difflib.unified_diff(
        result.original.splitlines(keepends=True),
        result.text.splitlines(keepends=True),
        fromfile=f"a/{name.lstrip('/')}",
        tofile=f"b/{name.lstrip('/')}",
        n=context,
    )
    out = []
    for line in lines:
        if not line.endswith("\n"):
            line += "\n\\ No newline at end of file\n"
        if color:
            if line.startswith(("+++", "---")):
                line = f"{_BOLD}{line.rstrip(chr(10))}{_RESET}\n"
            elif line.startswith("+"):
                line = f"{_GREEN}{line.rstrip(chr(10))}{_RESET}\n"
            elif line.startswith("-"):
                line = f"{_RED}{line.rstrip(chr(10))}{_RESET}\n"
            elif line.startswith("@@"):
                line = f"{_CYAN}{line.rstrip(chr(10))}{_RESET}\n"
        out.append(line)
    return "".join(out)


def word_diff(name: str, result: Result, *, color: bool = False, context: int = 40) -> str:
    """A word-level diff: each applied edit in its context, ``[-old-]{+new+}``.

    Prose paragraphs are single long lines, so a line diff shows a whole
    paragraph for one removed space; this view shows only what changed, with
    ``context`` characters around it and the line number.
    """
    if not result.edits:
        return ""
    index = LineIndex.of(result.original)
    text = result.original
    out = [f"--- a/{name.lstrip('/')}\n+++ b/{name.lstrip('/')}\n"]
    for edit in result.edits:
        line, col = index.position(edit.start)
        before = text[max(0, edit.start - context) : edit.start].rsplit("\n", 1)[-1]
        after = text[edit.end : edit.end + context].split("\n", 1)[0]
        old, new = _visible(edit.original), _visible(edit.replacement or "")
        if color:
            change = (f"{_RED}[-{old}-]{_RESET}" if old else "") + (f"{_GREEN}{{+{new}+}}{_RESET}" if new else "")
            head = f"{_DIM}{line}:{col} {edit.rule_id}{_RESET}"
        else:
            change = (f"[-{old}-]" if old else "") + (f"{{+{new}+}}" if new else "")
            head = f"{line}:{col} {edit.rule_id}"
        out.append(f"{head}\n    …{before}{change}{after}…\n")
    return "".join(out)


def _visible(s: str) -> str:
    return s.replace("\n", "⏎").replace("\t", "⇥")


def summary(results: Sequence[tuple[str, Result]]) -> str:
    """One line: how many files changed, edits applied, findings left for review."""
    changed = sum(1 for _, r in results if r.changed)
    applied = sum(len(r.edits) for _, r in results)
    findings = sum(len(r.findings) for _, r in results)
    return f"{changed} of {len(results)} file(s) changed, {applied} edit(s) applied, {findings} finding(s) to review"
