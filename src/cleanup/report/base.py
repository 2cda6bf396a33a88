"""What every output format is made from: a :class:`Report` of files and their results.

Offsets in a :class:`~cleanup.model.Result` index the text cleanup worked on,
whose line endings were normalised to ``\\n``. A :class:`FileReport` knows the
file's own line ending and maps offsets back (:meth:`FileReport.file_offset`),
so machine-readable formats point at the right character of the file itself;
line and column are the same either way (1-based, in code points).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property

import regex

from ..model import CrossFinding, Edit, Location, Result, Rule, edit_fingerprint

_RED, _GREEN, _CYAN, _BOLD, _DIM, _RESET = "\x1b[31m", "\x1b[32m", "\x1b[36m", "\x1b[1m", "\x1b[2m", "\x1b[0m"
COLORS = {"red": _RED, "green": _GREEN, "cyan": _CYAN, "bold": _BOLD, "dim": _DIM, "reset": _RESET}

#: how the machine-readable formats describe their offsets and columns
OFFSETS_NOTE = (
    "start/end are offsets in Unicode code points into the file's decoded text with its own line endings "
    "(a byte-order mark is not counted); line and column are 1-based, columns in code points"
)


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


@dataclass(frozen=True)
class FileReport:
    """One file's result and how its text was stored (its line ending)."""

    path: str
    result: Result
    newline: str = "\n"

    @cached_property
    def index(self) -> LineIndex:
        """The line index of the (``\\n``) text."""
        return LineIndex.of(self.result.original)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column of ``offset``."""
        return self.index.position(offset)

    def file_offset(self, offset: int) -> int:
        """``offset`` in the ``\\n`` text as an offset into the file's own text.

        >>> r = Result("a\\nb\\nc", "a\\nb\\nc", (), ())
        >>> FileReport("x", r, "\\r\\n").file_offset(4), FileReport("x", r).file_offset(4)
        (6, 4)
        """
        if self.newline != "\r\n":
            return offset  # \n and \r are one character, like the \n that stands for them
        line, _ = self.index.position(offset)
        return offset + line - 1

    def file_text(self, s: str) -> str:
        """``s`` with its ``\\n`` as the file writes them."""
        return s.replace("\n", self.newline) if self.newline != "\n" else s

    def fingerprint(self, edit: Edit) -> str:
        """The edit's context fingerprint (see :func:`cleanup.model.fingerprint`)."""
        return edit_fingerprint(self.result.original, edit)

    def applied(self) -> frozenset[Edit]:
        """The edits of the result that were applied."""
        return frozenset(self.result.edits)


@dataclass(frozen=True)
class Report:
    """Everything a format renders: the files, the findings across them, the rules that ran."""

    files: tuple[FileReport, ...]
    across: tuple[CrossFinding, ...] = ()
    rules: tuple[Rule, ...] = ()
    tool_version: str = field(default="")

    def file(self, path: str) -> FileReport | None:
        """The report of the file named ``path``, if it is one of :attr:`files`."""
        for f in self.files:
            if f.path == path:
                return f
        return None

    def location_position(self, loc: Location) -> tuple[int, int, int, int]:
        """Line, column, file start and file end offset of a cross-file location."""
        f = self.file(loc.path)
        if f is None:  # a streamed report keeps no file: the location knows its place
            return loc.line or 1, loc.column or 1, loc.start, loc.end
        line, col = f.position(loc.start)
        return line, col, f.file_offset(loc.start), f.file_offset(loc.end)


def visible(s: str) -> str:
    """``s`` with newlines and tabs shown as symbols (for one-line views)."""
    return s.replace("\n", "⏎").replace("\t", "⇥")

