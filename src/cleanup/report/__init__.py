"""REPORT: render results for people and programs, one module per format.

Every view is made from the same :class:`~cleanup.report.base.Report` (files,
their results, the findings across files, the rules that ran). The formats are
registered in :data:`FORMATS`: a new format is a module in this package with a
``render(report, *, color=False) -> str`` function, and one line here.

Offsets become line and column only here (1-based, counted in code points).
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence

from ..model import CrossFinding, Result
from .base import FileReport, LineIndex, Report
from .jsonreport import JSON_SCHEMA_VERSION

#: format name -> the module of this package that renders it
FORMATS: dict[str, str] = {
    "text": "text",
    "json": "jsonreport",
    "sarif": "sarif",
    "github": "github",
    "unified": "unified",
    "word": "worddiff",
}

#: the formats ``cleanup check --format`` offers (the diffs belong to ``diff``, the page to ``review``)
CHECK_FORMATS = ("text", "json", "sarif", "github")


def render(fmt: str, report: Report, *, color: bool = False) -> str:
    """Render ``report`` in the format named ``fmt`` (a key of :data:`FORMATS`)."""
    module = importlib.import_module(f".{FORMATS[fmt]}", __name__)
    out: str = module.render(report, color=color)
    return out


# The functions below are the module-level API of the former cleanup.report
# module, kept so that callers keep working.

def findings_text(name: str, result: Result, *, color: bool = False, newline: str = "\n") -> list[str]:
    """``file:line:col: rule-id [tier] message`` lines, one per edit, in text order."""
    from .text import findings_lines

    return findings_lines(FileReport(name, result, newline), color=color)


def to_json(results: Sequence[tuple[str, Result]], *, book: Sequence[CrossFinding] = (),
            newlines: Sequence[str] = ()) -> str:
    """The versioned JSON report of several files' results (and findings across them)."""
    files = tuple(FileReport(n, r, newlines[i] if i < len(newlines) else "\n") for i, (n, r) in enumerate(results))
    return render("json", Report(files, tuple(book)))


def unified_diff(name: str, result: Result, *, color: bool = False, context: int = 3) -> str:
    """A unified diff of the original and the cleaned text (empty when unchanged)."""
    from .unified import unified_diff_of

    return unified_diff_of(FileReport(name, result), color=color, context=context)


def word_diff(name: str, result: Result, *, color: bool = False, context: int = 40) -> str:
    """A word-level diff: each applied edit in its context, ``[-old-]{+new+}``."""
    from .worddiff import word_diff_of

    return word_diff_of(FileReport(name, result), color=color, context=context)


def summary(results: Sequence[tuple[str, Result]]) -> str:
    """One line: how many files changed, edits applied, findings left for review."""
    changed = sum(1 for _, r in results if r.changed)
    applied = sum(len(r.edits) for _, r in results)
    findings = sum(len(r.findings) for _, r in results)
    return f"{changed} of {len(results)} file(s) changed, {applied} edit(s) applied, {findings} finding(s) to review"


__all__ = [
    "CHECK_FORMATS",
    "FORMATS",
    "JSON_SCHEMA_VERSION",
    "FileReport",
    "LineIndex",
    "Report",
    "findings_text",
    "render",
    "summary",
    "to_json",
    "unified_diff",
    "word_diff",
]
