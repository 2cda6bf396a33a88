"""One large text over several processes: detection spread, results as a serial run gives them.

:func:`cleanup.detect.detect` runs every rule over the whole document in one
process. For a large text and ``jobs > 1``, :class:`SpreadDetector` splits it:

* the *local* kinds (:data:`cleanup.kinds.LOCAL_KINDS`, which look only at the
  lines around what they report) run in ``jobs - 1`` worker processes on chunks
  of the document cut at blank lines, each chunk with a few lines of context
  each side; a chunk keeps the edits that start in its own part. An edit that
  runs past its part or to the end of a window that stops before the end of the
  text (a pattern that reads on) makes its rule run again on the whole text;
* meanwhile the parent runs the *document-level* kinds (name counts, footnote
  chains, list runs) over the whole document, where they share the text facts
  (sentences, word counts) computed once.

The parent then lists the edits rule by rule, each rule's chunks in text order:
what :func:`~cleanup.detect.detect` returns for the whole document (a test
compares the two on every text the tests hold). Workers load the rules from the
same :class:`~cleanup.config.Config` the parent uses, and name them by their
index in the rule set."""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import replace

from .config import Config
from .detect import detect
from .kinds import LOCAL_KINDS
from .model import Document, Edit, Rule

#: chunks per worker: enough that a slow chunk does not leave a core idle
CHUNKS_PER_JOB = 4

#: a chunk of the document: the window handed to a worker, and the part whose edits it keeps
_Chunk = tuple[int, int, int, int]


def chunks(text: str, parts: int, context_lines: int) -> list[_Chunk]:
    r"""Cut ``text`` into about ``parts`` chunks at blank lines: ``(lo, hi, own_lo, own_hi)``.

    The owned parts tile the text; each window adds ``context_lines`` lines each side.

    >>> t = "a\n\nb\n\nc\n\nd\n"
    >>> [(t[lo:hi], t[a:b]) for lo, hi, a, b in chunks(t, 2, 1)]
    [('a\n\nb\n\nc\n\nd\n', 'a\n\nb\n\nc\n'), ('\nc\n\nd\n', '\nd\n')]
    """
    size = max(1, len(text) // max(parts, 1))
    cuts = [0]
    while cuts[-1] + size < len(text):
        cut = text.find("\n\n", cuts[-1] + size)
        if cut < 0:
            break
        cuts.append(cut + 1)
    cuts.append(len(text))
    out: list[_Chunk] = []
    for own_lo, own_hi in zip(cuts, cuts[1:]):
        out.append((_back(text, own_lo, context_lines), _forward(text, own_hi, context_lines), own_lo, own_hi))
    return out


def _back(text: str, pos: int, lines: int) -> int:
    for _ in range(lines + 1):
        if pos <= 0:
            return 0
        pos = text.rfind("\n", 0, pos - 1) + 1
    return pos


def _forward(text: str, pos: int, lines: int) -> int:
    for _ in range(lines + 1):
        end = text.find("\n", pos)
        if end < 0:
            return len(text)
        pos = end + 1
    return pos


# --- in the worker ---------------------------------------------------------------------

_worker_rules: tuple[Rule, ...] = ()


def _start_worker(config: Config) -> None:
    from .pipeline import load_rules

    global _worker_rules
    _worker_rules = load_rules(config).rules


def _detect_part(job: _Job) -> list[tuple[list[Edit], bool]]:
    """Per rule numbered in ``indexes``: its edits on ``doc`` starting in ``[own_lo, own_hi)``, and
    whether one of them runs past that part or to the end of a window that stops short of the
    document's end (a pattern that reads on, such as 'from this label to the end of the text',
    may have been cut there).
    """
    indexes, doc, shift, own_lo, own_hi, cut = job
    last = len(doc.text.rstrip())  # an edit reaching the window's last line may run on past it
    out: list[tuple[list[Edit], bool]] = []
    for index in indexes:
        kept, reaches_cut = [], False
        for edit in detect((_worker_rules[index],), doc):
            start = edit.start + shift
            if own_lo <= start < own_hi:
                kept.append(replace(edit, start=start, end=edit.end + shift) if shift else edit)
                reaches_cut = reaches_cut or (cut and (edit.end + shift > own_hi or edit.end >= last))
        out.append((kept, reaches_cut))
    return out


#: a worker's job: rule indexes, the document or window, its offset, the part it owns, and
#: whether the window stops before the document's end
_Job = tuple[tuple[int, ...], Document, int, int, int, bool]


class SpreadDetector:
    """:func:`cleanup.detect.detect` for large documents, on ``jobs`` worker processes.

    Use as a context manager (the pool is started on first use and shut down on exit).
    """

    def __init__(self, config: Config, rules: Sequence[Rule], jobs: int, context_lines: int, min_chars: int) -> None:
        self.config = config
        self.min_chars = min_chars
        self.index = {id(rule): i for i, rule in enumerate(rules)}
        self.jobs = jobs
        self.context_lines = context_lines
        self._pool: Executor | None = None

    def __enter__(self) -> SpreadDetector:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def pool(self) -> Executor:
        if self._pool is None:
            # the parent is busy too (document-level kinds): one worker fewer than jobs
            workers = max(self.jobs - 1, 1)
            self._pool = ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(self.config,))
        return self._pool

    def __call__(self, rules: Sequence[Rule], doc: Document) -> list[Edit]:
        """The edits :func:`~cleanup.detect.detect` gives for ``rules`` on ``doc``, in the same order."""
        if len(doc.text) < self.min_chars or self.jobs < 2 or not rules:
            return detect(rules, doc)
        local = tuple(self.index[id(r)] for r in rules if r.kind in LOCAL_KINDS)
        end = len(doc.text)
        jobs: list[_Job] = []
        for lo, hi, own_lo, own_hi in chunks(doc.text, self.jobs * CHUNKS_PER_JOB, self.context_lines) if local else []:
            window = doc if (lo, hi) == (0, end) else doc.window(lo, hi)
            jobs.append((local, window, lo, own_lo, own_hi if own_hi < end else end + 1, hi < end))
        pending = [self.pool().submit(_detect_part, job) for job in jobs]
        # meanwhile this process runs the document-level kinds: they share the text facts
        # (sentences, word counts), which one process computes once
        found = {self.index[id(r)]: detect((r,), doc) for r in rules if r.kind not in LOCAL_KINDS}
        found.update((i, []) for i in local)
        again: set[int] = set()
        for future in pending:
            for index, (edits, reaches_cut) in zip(local, future.result()):
                found[index].extend(edits)
                if reaches_cut:
                    again.add(index)
        for rule in rules:  # a window cut this rule's edit short: the whole text decides
            if self.index[id(rule)] in again:
                found[self.index[id(rule)]] = detect((rule,), doc)
        return [edit for rule in rules for edit in found[self.index[id(rule)]]]


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)
