"""The editor's workflow on the command line: the decisions ledger and ``cleanup review``.

These commands are registered on the ``cleanup`` group by :mod:`cleanup.cli`;
the logic they call lives in :mod:`cleanup.decisions` and :mod:`cleanup.review`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from .config import Config, find_pyproject
from .decisions import Ledger, baseline_of, default_path, read_decisions
from .model import CleanupError, CrossFinding, Edit, Result
from .report.base import LineIndex
from .source import Source


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
    if ctx is None or "cleanup.decisions" not in ctx.meta:
        return None  # a command without --decisions (rules, eval) does not read the ledger
    explicit = ctx.meta.get("cleanup.decisions")
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


def _show(item_path: str, result_text: str, edit: Edit, index: LineIndex, counter: str, color: bool) -> str:
    from .report.base import COLORS
    from .report.worddiff import change_in_context

    line, col = index.position(edit.start)
    head = f"{item_path}:{line}:{col}"
    rule = f"{edit.rule_id} [{edit.tier.value}]"
    if color:
        head, rule = f"{COLORS['bold']}{head}{COLORS['reset']}", f"{COLORS['cyan']}{rule}{COLORS['reset']}"
    context = change_in_context(result_text, edit, color=color, context=60)
    if edit.replacement is None:
        context += "   (no replacement proposed)"
    return f"\n{counter} {head} {rule} {edit.message}\n    {context}\n"


def register(main: click.Group, common_options: Callable[[Any], Any]) -> None:
    """Add ``review`` to the ``cleanup`` group (it uses the shared options)."""

    @main.command("review")
    @common_options
    @click.option("--all", "include_safe", is_flag=True, help="Review the safe fixes too.")
    @click.option("--html", "html_out", metavar="OUT.html", default=None,
                  help="Write a self-contained review page instead of asking in the terminal.")
    def review(paths: tuple[str, ...], select: tuple[str, ...], ignore: tuple[str, ...], glossary: tuple[str, ...],
               exclude: tuple[str, ...], encoding: str | None, isolated: bool, color: bool | None, exit_zero: bool, include_safe: bool,
               html_out: str | None) -> None:
        """Review each suggestion and finding, in the terminal (like git add -p) or in a browser page.

        \b
        Keys: y accept, n reject, e edit, s skip, a/d accept/reject every later
        change of the rule, u undo, q save and quit, ? help. On q or at the end
        the files are written (safe fixes and accepted changes) and every decision
        is recorded in the ledger. Without a terminal, exit 2 (use --html).
        """
        from .cli import _error, _run, _setup

        if html_out is None and not (sys.stdin.isatty() and sys.stdout.isatty()):
            _fail("review needs a terminal; use 'cleanup review --html OUT.html PATH...' or 'cleanup check'")
        options = _setup(select, ignore, glossary, False, isolated, color, encoding, exclude)
        ledger = options.ledger or Ledger.load(default_path(project_root()))
        options.ledger = ledger  # what was decided before is not asked again, even with --isolated
        code = EXIT_CLEAN
        files: list[tuple[Path | str, Source, Result]] = []
        for item in _run(paths, options):
            if isinstance(item, CleanupError):
                _error(str(item))
                code = EXIT_ERROR
            else:
                files.append(item)
        if html_out is not None:
            from .report.htmlpage import review_page

            page = review_page([(str(t), s.newline, r, ledger.file_key(str(t))) for t, s, r in files],
                               include_safe=include_safe)
            Path(html_out).write_text(page, encoding="utf-8")
            click.echo(f"wrote the review page {html_out}: open it, decide, 'Export decisions', then "
                       "'cleanup decisions import FILE'", err=True)
            sys.exit(code)
        sys.exit(max(code, _review_in_terminal(files, ledger, include_safe, options.color)))


def _review_in_terminal(files: list[tuple[Path | str, Source, Result]], ledger: Ledger, include_safe: bool,
                        color: bool) -> int:
    from .review import KEYS, Session, decisions_of, items_of, reviewed_result
    from .source import write_file

    session = Session(items_of([(str(t), r) for t, _, r in files], include_safe=include_safe))
    indexes = [LineIndex.of(r.original) for _, _, r in files]
    if not session.items:
        click.echo("nothing to review")
    while not session.done:
        item = session.current
        click.echo(_show(item.path, files[item.file][2].original, item.edit, indexes[item.file],
                         session.counter(), color), nl=False)
        try:
            key = input(f"{session.counter()} Accept this change [{KEYS}]? ").strip()[:1].lower()
        except EOFError:
            key = "q"
        except KeyboardInterrupt:
            click.echo("\ninterrupted: nothing written")
            return EXIT_ERROR
        if key == "q":
            break
        replacement = None
        if key == "e":
            proposed = item.edit.replacement or ""
            try:
                typed = input(f"Replacement for {item.edit.original!r} [{proposed}]: ")
            except EOFError:
                typed = ""
            replacement = typed if typed else (item.edit.replacement if item.edit.replacement is not None else None)
        if key == "":
            continue
        message = session.decide(key, replacement)
        if message:
            click.echo(message)
    code = EXIT_CLEAN
    recorded = []
    for i, (target, source, result) in enumerate(files):
        choices = session.for_file(i)
        new = reviewed_result(result, choices)
        written = None
        if new.changed and isinstance(target, Path):
            try:
                write_file(target, source, new.text)
                written = new
                click.echo(f"wrote {target}: {len(new.edits)} change(s)", err=True)
            except CleanupError as exc:
                click.echo(f"cleanup: error: {exc}", err=True)
                code = EXIT_ERROR
        recorded.extend(decisions_of(ledger.file_key(str(target)), result.original, choices, written))
    try:
        ledger.record(recorded)
    except CleanupError as exc:
        click.echo(f"cleanup: error: {exc}", err=True)
        return EXIT_ERROR
    left = len(session.items) - len(session.choices)
    click.echo(f"{len(session.choices)} decision(s) recorded in {ledger.path}; {left} left to review", err=True)
    return code
