"""Cleaning many files on several cores (``--jobs``), with the output of a serial run.

Each file is cleaned in a worker process exactly as the serial path cleans it
(:func:`cleanup.pipeline.clean_source` on the decoded file), and the results
come back in the order of the targets, so what the CLI prints and writes is
identical to ``--jobs 1``. Errors travel as ``(where, problem)`` and become the
same :class:`~cleanup.model.CleanupError` in the parent.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .config import Config
from .model import CleanupError, Result
from .pipeline import clean_source
from .source import Source, read_file
from .spread import default_jobs as default_jobs

#: below this much input, starting worker processes costs more than it saves
MIN_PARALLEL_BYTES = 512_000


def worth_parallel(targets: Sequence[Path | str]) -> bool:
    """True when the files are big enough together for worker processes to pay off."""
    total = 0
    for target in targets:
        try:
            total += os.stat(target).st_size
        except (OSError, TypeError):
            continue
        if total >= MIN_PARALLEL_BYTES:
            return True
    return False


_Outcome = tuple[Source, Result] | tuple[str, str]


def _clean_one(job: tuple[Path, Config, str | None]) -> _Outcome:
    target, config, encoding = job
    try:
        source = read_file(target, encoding)
        return source, clean_source(source, config)
    except CleanupError as exc:
        return exc.where, exc.problem


def clean_targets(
    targets: Sequence[Path | str], config: Config, encoding: str | None, jobs: int
) -> Iterator[tuple[Path | str, Source, Result] | CleanupError]:
    """Clean ``targets`` (paths) in ``jobs`` processes; results in target order."""
    paths = [Path(t) for t in targets]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        outcomes = pool.map(_clean_one, [(p, config, encoding) for p in paths], chunksize=1)
        for target, outcome in zip(targets, outcomes):
            first, second = outcome
            if isinstance(first, Source) and isinstance(second, Result):
                yield target, first, second
            else:
                yield CleanupError(str(first), str(second))
