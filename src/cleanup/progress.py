"""A progress bar on standard error for long runs on a terminal.

It appears only when standard error is a terminal, the run has lasted longer
than :data:`DELAY` seconds (``CLEANUP_PROGRESS_AFTER`` overrides it) and
``--quiet`` was not given; it shows files and megabytes done and the rate,
redraws at most ten times a second, and erases itself before anything else is
printed and at the end, so it never mixes with the output.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO

#: seconds a run lasts before the bar appears
DELAY = 1.0
_WIDTH = 24


class Progress:
    """Files and bytes done out of a known total."""

    def __init__(self, files: int, total_bytes: int, *, enabled: bool = True, stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.files, self.total = files, max(total_bytes, 1)
        self.done_files = self.done_bytes = 0
        self.start = time.monotonic()
        try:
            self.delay = float(os.environ.get("CLEANUP_PROGRESS_AFTER", DELAY))
        except ValueError:
            self.delay = DELAY
        self.enabled = enabled and files > 0 and _is_terminal(self.stream)
        self.shown = False
        self._last = 0.0

    def advance(self, size: int) -> None:
        """One more file of ``size`` bytes is done."""
        self.done_files += 1
        self.done_bytes += size
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.start < self.delay or (self.shown and now - self._last < 0.1 and self.done_files < self.files):
            return
        self._last = now
        self.shown = True
        self.stream.write("\r" + self.line(now - self.start) + "\x1b[K")
        self.stream.flush()

    def line(self, elapsed: float) -> str:
        """The bar: ``[=====>    ] 12/40 files  3.2/10.0 MB  4.1 MB/s``."""
        fraction = min(self.done_bytes / self.total, 1.0)
        filled = int(fraction * _WIDTH)
        bar = "=" * filled + (">" if filled < _WIDTH else "") + " " * max(_WIDTH - filled - 1, 0)
        mb, total_mb = self.done_bytes / 1e6, self.total / 1e6
        rate = mb / elapsed if elapsed > 0 else 0.0
        return f"[{bar}] {self.done_files}/{self.files} files  {mb:.1f}/{total_mb:.1f} MB  {rate:.1f} MB/s"

    def clear(self) -> None:
        """Erase the bar (before other output, and at the end)."""
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
