"""GitHub Actions workflow commands: ``::warning file=F,line=L,col=C,title=RULE::MESSAGE``.

Each finding becomes an annotation on its line; a finding across files becomes
one annotation per place. Values are escaped as the runner requires: ``%``,
CR and LF everywhere, and ``:`` and ``,`` in properties too.
"""

from __future__ import annotations

from ..model import Tier
from .base import Report

#: GitHub has error, warning and notice; review findings are notices
COMMANDS = {Tier.SAFE: "warning", Tier.SUGGEST: "warning", Tier.REVIEW: "notice"}


def escape_data(s: str) -> str:
    """Escape a message.

    >>> escape_data("50% done\\nnext")
    '50%25 done%0Anext'
    """
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    """Escape a property value (file, title).

    >>> escape_property("a,b:c%")
    'a%2Cb%3Ac%25'
    """
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, path: str, line: int, col: int, end_line: int, end_col: int, title: str, message: str) -> str:
    """One workflow command line."""
    props = (f"file={escape_property(path)},line={line},col={col},endLine={end_line},endColumn={end_col},"
             f"title={escape_property(title)}")
    return f"::{kind} {props}::{escape_data(message)}"


def render(report: Report, *, color: bool = False) -> str:
    """Every finding as a workflow command line."""
    lines = []
    for f in report.files:
        for edit in f.result.all_edits:
            line, col = f.position(edit.start)
            end_line, end_col = f.position(edit.end)
            message = f"[{edit.tier.value}] {edit.message}"
            if edit.replacement is not None and edit.replacement != edit.original:
                message += f" ({edit.original!r} -> {edit.replacement!r})"
            lines.append(command(COMMANDS[edit.tier], f.path, line, col, end_line, end_col, edit.rule_id, message))
    for finding in report.across:
        for loc in finding.locations:
            line, col, _, _ = report.location_position(loc)
            lines.append(command(COMMANDS[finding.tier], loc.path, line, col, line, col + len(loc.original),
                                 finding.rule_id, f"[{finding.tier.value}] {finding.message}"))
    return "".join(line + "\n" for line in lines)
