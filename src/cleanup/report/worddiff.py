"""A word-level diff: each applied edit in its context, ``[-old-]{+new+}``.

Prose paragraphs are single long lines, so a line diff shows a whole paragraph
for one removed space; this view shows only what changed, with some context
and the line number.
"""

from __future__ import annotations

from ..model import Edit
from .base import COLORS, FileReport, Report, visible


def change_in_context(text: str, edit: Edit, *, color: bool = False, context: int = 40,
                      replacement: str | None = None) -> str:
    """``…before[-old-]{+new+}after…`` on one line (the context stops at line ends)."""
    before = text[max(0, edit.start - context) : edit.start].rsplit("\n", 1)[-1]
    after = text[edit.end : edit.end + context].split("\n", 1)[0]
    new_text = edit.replacement if replacement is None else replacement
    old, new = visible(edit.original), visible(new_text or "")
    if color:
        change = ((f"{COLORS['red']}[-{old}-]{COLORS['reset']}" if old else "")
                  + (f"{COLORS['green']}{{+{new}+}}{COLORS['reset']}" if new else ""))
    else:
        change = (f"[-{old}-]" if old else "") + (f"{{+{new}+}}" if new else "")
    return f"…{before}{change}{after}…"


def word_diff_of(f: FileReport, *, color: bool = False, context: int = 40) -> str:
    """The word diff of one file's applied edits (empty when there are none)."""
    if not f.result.edits:
        return ""
    name = f.path.lstrip("/")
    out = [f"--- a/{name}\n+++ b/{name}\n"]
    for edit in f.result.edits:
        line, col = f.position(edit.start)
        head = f"{line}:{col} {edit.rule_id}"
        if color:
            head = f"{COLORS['dim']}{head}{COLORS['reset']}"
        out.append(f"{head}\n    {change_in_context(f.result.original, edit, color=color, context=context)}\n")
    return "".join(out)


def render(report: Report, *, color: bool = False) -> str:
    """The word diffs of every file."""
    return "".join(word_diff_of(f, color=color) for f in report.files)
