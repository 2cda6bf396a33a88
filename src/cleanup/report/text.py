"""``file:line:col: rule-id [tier] message`` lines: what ``cleanup check`` prints."""

from __future__ import annotations

from ..model import CrossFinding
from .base import COLORS, FileReport, Report


def findings_lines(f: FileReport, *, color: bool = False) -> list[str]:
    """One line per edit of one file, in text order."""
    lines = []
    for edit in f.result.all_edits:
        line, col = f.position(edit.start)
        where = f"{f.path}:{line}:{col}:"
        rule = f"{edit.rule_id} [{edit.tier.value}]"
        if color:
            where, rule = f"{COLORS['bold']}{where}{COLORS['reset']}", f"{COLORS['cyan']}{rule}{COLORS['reset']}"
        lines.append(f"{where} {rule} {edit.message}")
    return lines


def across_lines(report: Report, finding: CrossFinding) -> list[str]:
    """A cross-file finding: a ``book:`` line, then each location indented."""
    lines = [f"book: {finding.rule_id} [{finding.tier.value}] {finding.message}"]
    for loc in finding.locations:
        line, col, _, _ = report.location_position(loc)
        lines.append(f"  {loc.path}:{line}:{col}: {loc.original}")
    return lines


def render_across(report: Report) -> str:
    """Only the findings across files (for a caller that streamed the files' own)."""
    return "".join(line + "\n" for finding in report.across for line in across_lines(report, finding))


def render(report: Report, *, color: bool = False) -> str:
    """Every file's findings, then the findings across files."""
    lines = [line for f in report.files for line in findings_lines(f, color=color)]
    return "".join(line + "\n" for line in lines) + render_across(report)
