"""``cleanup corpus SRC DST``: clean a corpus on a Dask cluster (the ``dask`` extra); see :mod:`cleanup.corpus`."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import click

from .model import CleanupError

EXIT_CLEAN, EXIT_FOUND, EXIT_ERROR = 0, 1, 2


def register(main: click.Group, rules_option: Callable[[Any], Any]) -> None:
    """Add the ``corpus`` command to the ``main`` group (``rules_option``: ``--rules FILE``, as on ``check``)."""

    @main.command()
    @click.argument("src", metavar="SRC", required=False)
    @click.argument("dst", metavar="DST")
    @click.option("--lines", "lines_file", metavar="FILE", default=None,
                  help="A text-per-line file: each line is one document (then give only DST).")
    @click.option("--scheduler", metavar="ADDRESS", default=None,
                  help="An existing Dask scheduler, e.g. tcp://host:8786 (default: a local cluster).")
    @click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True,
                  help="Worker processes of the local cluster.")
    @click.option("--unsafe-fixes", is_flag=True, help="Also apply 'suggest' edits.")
    @click.option("--select", multiple=True, metavar="PREFIX", help="Run only rules whose id starts with PREFIX. Repeatable.")
    @click.option("--ignore", multiple=True, metavar="PREFIX", help="Skip rules whose id starts with PREFIX. Repeatable.")
    @click.option("--glossary", "-g", multiple=True, metavar="PATH", help="A glossary file or folder. Repeatable.")
    @rules_option
    @click.option("--encoding", default=None, metavar="NAME", help="Input encoding (default: from the BOM, else UTF-8).")
    @click.option("--isolated", is_flag=True, help="Ignore [tool.cleanup] in pyproject.toml.")
    def corpus(src: str | None, dst: str, lines_file: str | None, scheduler: str | None, workers: int,
               unsafe_fixes: bool, select: tuple[str, ...], ignore: tuple[str, ...], glossary: tuple[str, ...],
               encoding: str | None, isolated: bool) -> None:
        """Clean every text file of SRC (a folder or a glob) into DST, on a Dask cluster.

        Each cleaned file goes under DST with the same relative path; DST also
        gets cleanup-edits.jsonl (one edit a line) and cleanup-summary.json.
        Documents already done are skipped, so a stopped run resumes. Exit 0
        when every document went well, 1 when some had errors, 2 on a usage error.
        """
        from .cli import _config_from, _error  # the helpers check, fix and diff use
        from .corpus import DaskMissing, run_corpus

        if (src is None) == (lines_file is None):
            _error("give either SRC (a folder or glob) or --lines FILE, and DST")
            sys.exit(EXIT_ERROR)
        try:
            config = _config_from(select, ignore, glossary, unsafe_fixes, isolated)
            run = run_corpus(lines_file or src or "", dst, config, lines=lines_file is not None,
                             encoding=encoding, scheduler=scheduler, workers=workers)
        except DaskMissing as exc:
            click.echo(str(exc), err=True)
            sys.exit(EXIT_ERROR)
        except CleanupError as exc:
            _error(str(exc))
            sys.exit(EXIT_ERROR)
        summary = run.summary
        click.echo(f"{summary['files']} documents ({len(run.processed)} cleaned, {len(run.skipped)} already done), "
                   f"{summary['edits']} edits, {len(run.errors)} errors; see {dst}", err=True)
        for message in list(run.errors.values())[:20]:
            _error(message)
        if len(run.errors) > 20:
            _error(f"... and {len(run.errors) - 20} more (see cleanup-summary.json)")
        sys.exit(EXIT_FOUND if run.errors else EXIT_CLEAN)
