"""A unified diff of each file's original and cleaned text."""

from __future__ import annotations

import difflib

from .base import COLORS, FileReport, Report


def unified_diff_of(f: FileReport, *, color: bool = False, context: int = 3) -> str:
    """A unified diff of one file (empty when unchanged)."""
    result, name = f.result, f.path
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
            paint = ("bold" if line.startswith(("+++", "---")) else "green" if line.startswith("+")
                     else "red" if line.startswith("-") else "cyan" if line.startswith("@@") else "")
            if paint:
                line = f"{COLORS[paint]}{line.rstrip(chr(10))}{COLORS['reset']}\n"
        out.append(line)
    return "".join(out)


def render(report: Report, *, color: bool = False) -> str:
    """The diffs of every file, one after the other."""
    return "".join(unified_diff_of(f, color=color) for f in report.files)
