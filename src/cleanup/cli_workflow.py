"""The editor's workflow on the command line: the decisions ledger and ``cleanup review``.

These commands are registered on the ``cleanup`` group by :mod:`cleanup.cli`;
the logic they call lives in :mod:`cleanup.decisions` and :mod:`cleanup.review`.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import click

from .config import Config, find_pyproject
from .decisions import Ledger, baseline_of, default_path, read_decisions
from .model import CleanupError, CrossFinding, Result

EXIT_CLEAN, EXIT_FOUND, EXIT_ERROR = 0, 1, 2


def project_root() -> Path:
    """The folder of the pyproject.toml that configures cleanup, or the current folder."""
    pyproject = find_pyproject(Path.cwd())
    return pyproject.parent if pyproject is not None else Path.cwd()


def ledger_for(config: Config, isolated: bool) -> Ledger | None:
    """The ledger a command uses: --decisions, else ``[tool.cleanup] decisions``, else the default place.

    With ``--isolated`` only an explicit ``--decisions`` counts.
    """
    ctx = click.get_current_context(silent=True)
    explicit = ctx.meta.get("cleanup.decisions") if ctx is not None else None
    if explicit:
        return Ledger.load(Path(explicit))
    if isolated:  # no pyproject.toml is read, so no default place either
        return None
    return Ledger.load(config.decisions or default_path(project_root()))


def load_baseline(path: str | None, config: Config) -> Ledger | None:
    """The baseline ``check`` compares against: --baseline, else ``[tool.cleanup] baseline``; a missing file is an error."""
    chosen = Path(path) if path else config.baseline
    if chosen is None:
        return None
    if not chosen.is_file():
        _fail(f"{chosen}: no such baseline file (write one with 'cleanup check --write-baseline {chosen}')")
    try:
        return Ledger.load(chosen)
    except CleanupError as exc:
        _fail(str(exc))
        raise  # not reached


def save_baseline(path: str, files: Sequence[tuple[str, Result]], across: Sequence[CrossFinding]) -> None:
    """Write every current finding to the baseline ``path``."""
    ledger = Ledger.empty(Path(path))
    ledger.decisions = baseline_of(ledger, files, across)
    try:
        ledger.save()
    except CleanupError as exc:
        _fail(str(exc))
    click.echo(f"wrote {len(ledger.decisions)} finding(s) to the baseline {path}", err=True)


def _ledger_from_option(path: str | None) -> Ledger:
    root = project_root()
    if path:
        return Ledger.load(Path(path))
    from .config import load_config

    pyproject = find_pyproject(Path.cwd())
    configured = load_config(pyproject).decisions if pyproject is not None else None
    return Ledger.load(configured or default_path(root))


def _fail(message: str) -> None:
    click.echo(f"cleanup: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def _read_key(ledger: Ledger, key: str) -> str | None:
    from .source import read_file

    path = Path(key) if Path(key).is_absolute() else ledger.root / key
    try:
        return read_file(path).text
    except CleanupError:
        return None


@click.group("decisions")
def decisions_group() -> None:
    """List, prune or import the decisions an editor made (the ledger)."""


_ledger_option = click.option("--decisions", "ledger_path", metavar="PATH", default=None,
                              help="The ledger (default: .cleanup/decisions.jsonl beside pyproject.toml, or here).")


@decisions_group.command("list")
@_ledger_option
def decisions_list(ledger_path: str | None) -> None:
    """Show every decision; STALE marks those whose context is no longer in their file."""
    try:
        ledger = _ledger_from_option(ledger_path)
    except CleanupError as exc:
        _fail(str(exc))
        return
    stale = {id(d) for d in ledger.stale(lambda key: _read_key(ledger, key))}
    for d in ledger.decisions:
        change = f"{d.original!r} -> {d.replacement!r}" if d.replacement is not None else f"{d.original!r}"
        flag = "  STALE" if id(d) in stale else ""
        click.echo(f"{d.file or '-'}: {d.rule} [{d.decision}] {change}  (…{d.before} | {d.after}…){flag}")
    click.echo(f"{len(ledger.decisions)} decision(s), {len(stale)} stale, in {ledger.path}", err=True)


@decisions_group.command("prune")
@_ledger_option
def decisions_prune(ledger_path: str | None) -> None:
    """Remove the stale decisions (their file is gone or no longer has their context)."""
    try:
        ledger = _ledger_from_option(ledger_path)
        stale = {id(d) for d in ledger.stale(lambda key: _read_key(ledger, key))}
        if stale:
            ledger.decisions = [d for d in ledger.decisions if id(d) not in stale]
            ledger.save()
    except CleanupError as exc:
        _fail(str(exc))
        return
    click.echo(f"removed {len(stale)} stale decision(s); {len(ledger.decisions)} left in {ledger.path}", err=True)


@decisions_group.command("import")
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@_ledger_option
def decisions_import(files: tuple[str, ...], ledger_path: str | None) -> None:
    """Merge decisions exported from the review page (or another ledger) into the ledger."""
    try:
        ledger = _ledger_from_option(ledger_path)
        new = []
        for name in files:
            if not Path(name).is_file():
                raise CleanupError(name, "no such file")
            new.extend(read_decisions(Path(name)))
        ledger.record(new)
    except CleanupError as exc:
        _fail(str(exc))
        return
    click.echo(f"imported {len(new)} decision(s) into {ledger.path} ({len(ledger.decisions)} in all)", err=True)
