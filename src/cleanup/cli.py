"""The ``cleanup`` command: parse options, call the library, pick the exit code.

Exit codes, for every command: 0 nothing found or changed; 1 findings, or
files changed (or that would change); 2 a usage or data error (a missing path,
a binary file, bad bytes, a malformed rule or glossary file), reported in one
line naming the file.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from .config import Config, find_pyproject, load_config
from .model import CleanupError, Result
from .pipeline import clean_source, load_rules
from .source import Source, decode, read_file, write_file

if TYPE_CHECKING:
    from .decisions import Ledger
    from .progress import Progress

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".mdown", ".mkd", ".rst"})

EXIT_CLEAN, EXIT_FOUND, EXIT_ERROR = 0, 1, 2


def _error(message: str) -> None:
    click.echo(f"cleanup: error: {message}", err=True)


def iter_paths(paths: Sequence[str]) -> Iterator[Path | str]:
    """Expand the PATH arguments: a folder gives its text files, ``-`` is standard input."""
    for raw in paths:
        if raw == "-":
            yield "-"
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not files:
                raise CleanupError(raw, "a directory with no text files (*.txt, *.md, *.rst)")
            yield from files
        elif not path.exists():
            raise CleanupError(raw, "no such file or directory")
        else:
            yield path


def _read(target: Path | str, encoding: str | None) -> Source:
    if target == "-":
        return decode(sys.stdin.buffer.read(), "-", encoding)
    assert isinstance(target, Path)
    return read_file(target, encoding)


class _Options:
    """What every command needs: the config and the input encoding."""

    def __init__(self, config: Config, encoding: str | None, color: bool) -> None:
        self.config = config
        self.encoding = encoding
        self.color = color
        #: the decisions ledger that filters every result (see cleanup.decisions)
        self.ledger: Ledger | None = None


def _config_from(
    select: Sequence[str], ignore: Sequence[str], glossary: Sequence[str], unsafe_fixes: bool, isolated: bool
) -> Config:
    base = Config()
    if not isolated:
        pyproject = find_pyproject(Path.cwd())
        if pyproject is not None:
            base = load_config(pyproject)
    for g in glossary:
        if not Path(g).exists():
            raise CleanupError(g, "no such glossary file or directory")
    config = base.merged(
        select=_split(select), ignore=_split(ignore), glossaries=tuple(Path(g) for g in glossary)
    )
    if unsafe_fixes:
        config = config.merged(unsafe_fixes=True)
    load_rules(config)  # a malformed rule or glossary file is reported before any file is touched
    return config


def _split(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


F = TypeVar("F", bound=Callable[..., Any])


def common_options(func: F) -> F:
    """The options shared by ``check``, ``fix`` and ``diff``."""
    decorators = [
        click.argument("paths", nargs=-1, required=True, metavar="PATH..."),
        click.option("--select", multiple=True, metavar="PREFIX", help="Run only rules whose id starts with PREFIX (or a pack: core, ru-en, glossary). Repeatable, or comma-separated."),
        click.option("--ignore", multiple=True, metavar="PREFIX", help="Skip rules whose id starts with PREFIX (or a pack). Repeatable, or comma-separated."),
        click.option("--glossary", "-g", multiple=True, metavar="PATH", help="A glossary file (TSV, TBX, CSV) or a folder of them. Repeatable."),
        click.option("--encoding", default=None, metavar="NAME", help="Input encoding (default: from the BOM, else UTF-8), e.g. cp1251."),
        click.option("--isolated", is_flag=True, help="Ignore [tool.cleanup] in pyproject.toml."),
        click.option("--color/--no-color", default=None, help="Colour the output (default: when writing to a terminal)."),
        click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings or changes (errors still exit 2)."),
        decisions_option,
        quiet_option,
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def _remember_decisions(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    ctx.meta["cleanup.decisions"] = value


#: --decisions PATH, kept in the click context (see cli_workflow.ledger_for)
decisions_option = click.option(
    "--decisions", metavar="PATH", expose_value=False, callback=_remember_decisions,
    help="The decisions ledger (default: .cleanup/decisions.jsonl beside pyproject.toml, or here).")


def _remember_quiet(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    ctx.meta["cleanup.quiet"] = value


#: --quiet, kept in the click context: no progress bar, no summary lines on standard error
quiet_option = click.option("--quiet", "-q", is_flag=True, expose_value=False, callback=_remember_quiet,
                            help="No progress bar and no summary on standard error (errors are still reported).")


def _quiet() -> bool:
    ctx = click.get_current_context(silent=True)
    return bool(ctx and ctx.meta.get("cleanup.quiet"))


def _run(paths: Sequence[str], options: _Options) -> Iterator[tuple[Path | str, Source, Result] | CleanupError]:
    """Clean every target, yielding results, or the error of a target that failed."""
    targets: list[Path | str] = []
    for raw in paths:
        try:
            targets.extend(iter_paths([raw]))
        except CleanupError as exc:
            yield exc
    progress = _progress(targets)
    for target in targets:
        try:
            source = _read(target, options.encoding)
            result = clean_source(source, options.config, ledger=options.ledger)
        except CleanupError as exc:
            progress.clear()
            yield exc
        else:
            progress.clear()
            yield target, source, result
        progress.advance(_size(target))
    progress.clear()


def _progress(targets: Sequence[Path | str]) -> Progress:
    """A progress bar over ``targets`` (shown only on a terminal, after a second, without --quiet)."""
    from .progress import Progress

    return Progress(len(targets), sum(_size(t) for t in targets), enabled=not _quiet())


def _size(target: Path | str) -> int:
    try:
        return target.stat().st_size if isinstance(target, Path) else 0
    except OSError:
        return 0


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="cleanup", prog_name="cleanup")
def main() -> None:
    """Fix the evident artifacts of machine translation in English text.

    \b
    cleanup check PATH...   report what would change and what needs review
    cleanup fix PATH...     apply the safe fixes in place (--unsafe-fixes: suggestions too)
    cleanup diff PATH...    show the changes as a diff; write nothing
    cleanup review PATH...  accept or reject each suggestion (terminal, or --html page)
    cleanup decisions ...   list, prune or import the decisions ledger
    cleanup rules           list the rules
    """


@main.command()
@common_options
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif", "github"]), default="text", show_default=True,
              help="text: FILE:LINE:COL lines; json: see docs/json-format.md; sarif: SARIF 2.1.0; github: workflow commands.")
@click.option("--baseline", "baseline", metavar="FILE", default=None,
              help="Report only findings not in this baseline (default: [tool.cleanup] baseline).")
@click.option("--write-baseline", "write_baseline", metavar="FILE", default=None,
              help="Record every current finding in FILE as the baseline, and exit 0.")
def check(paths: tuple[str, ...], select: tuple[str, ...], ignore: tuple[str, ...], glossary: tuple[str, ...],
          encoding: str | None, isolated: bool, color: bool | None, exit_zero: bool, fmt: str,
          baseline: str | None = None, write_baseline: str | None = None) -> None:
    """Report every finding as FILE:LINE:COL: RULE [TIER] MESSAGE; change nothing.

    Exit 0 when there is nothing to report, 1 when there is, 2 on an error.
    """
    from . import __version__, report
    from .cli_workflow import load_baseline, save_baseline
    from .pipeline import across_files

    options = _setup(select, ignore, glossary, False, isolated, color, encoding)
    known = None if write_baseline else load_baseline(baseline, options.config)
    if write_baseline:
        fmt = "none"
    code = EXIT_CLEAN
    files: list[report.FileReport] = []
    for item in _run(paths, options):
        if isinstance(item, CleanupError):
            _error(str(item))
            code = EXIT_ERROR
            continue
        target, source, result = item
        if known is not None:
            result = known.unreported(str(target), result)
        file_report = report.FileReport(str(target), result, source.newline)
        files.append(file_report)
        if result.all_edits and code == EXIT_CLEAN:
            code = EXIT_FOUND
        if fmt == "text":  # streamed: a long run shows its findings as it goes
            click.echo(report.render("text", report.Report((file_report,)), color=options.color), nl=False,
                       color=options.color)
    across = across_files([(f.path, f.result.original) for f in files], options.config)
    if known is not None:
        across = tuple(a for a in across if not known.knows_across(a))
    if write_baseline:
        save_baseline(write_baseline, [(f.path, f.result) for f in files], across)
        sys.exit(EXIT_ERROR if code == EXIT_ERROR else EXIT_CLEAN)
    if across and code == EXIT_CLEAN:
        code = EXIT_FOUND
    whole = report.Report(tuple(files), across, load_rules(options.config).rules, __version__)
    if fmt == "text":
        from .report.text import render_across

        click.echo(render_across(whole), nl=False)
        if files and not _quiet():
            click.echo(report.summary([(f.path, f.result) for f in files]), err=True)
    else:
        click.echo(report.render(fmt, whole), nl=False)
    sys.exit(_final(code, exit_zero))


def _final(code: int, exit_zero: bool) -> int:
    """The exit code, with findings and changes forgiven under --exit-zero."""
    return EXIT_CLEAN if exit_zero and code == EXIT_FOUND else code


def _setup(select: Sequence[str], ignore: Sequence[str], glossary: Sequence[str], unsafe: bool, isolated: bool,
           color: bool | None, encoding: str | None) -> _Options:
    try:
        config = _config_from(select, ignore, glossary, unsafe, isolated)
    except CleanupError as exc:
        _error(str(exc))
        sys.exit(EXIT_ERROR)
    options = _Options(config, encoding, sys.stdout.isatty() if color is None else color)
    try:
        options.ledger = ledger_for(config, isolated)
    except CleanupError as exc:
        _error(str(exc))
        sys.exit(EXIT_ERROR)
    return options


@main.command()
@common_options
@click.option("--unsafe-fixes", is_flag=True, help="Also apply 'suggest' edits.")
@click.option("--diff", "diff", type=click.Choice(["unified", "word"]), is_flag=False, flag_value="unified",
              default=None, help="Print a diff (unified, or word for prose) and write nothing.")
@click.option("--stdout", "to_stdout", is_flag=True, help="Print the fixed text and write nothing.")
def fix(paths: tuple[str, ...], select: tuple[str, ...], ignore: tuple[str, ...], glossary: tuple[str, ...],
        encoding: str | None, isolated: bool, color: bool | None, exit_zero: bool, unsafe_fixes: bool,
        diff: str | None, to_stdout: bool) -> None:
    """Apply the safe fixes in place, atomically, keeping encoding and line endings.

    With '-' as PATH the text is read from standard input and the fixed text
    written to standard output. Exit 0 when nothing changed, 1 when something
    changed (or, with --diff/--stdout, would change), 2 on an error.
    """
    options = _setup(select, ignore, glossary, unsafe_fixes, isolated, color, encoding)
    sys.exit(_final(_fix(paths, options, diff, to_stdout), exit_zero))


@main.command()
@common_options
@click.option("--unsafe-fixes", is_flag=True, help="Also show 'suggest' edits.")
@click.option("--word", is_flag=True, help="A word diff (each change in its context) instead of a unified diff.")
def diff(paths: tuple[str, ...], select: tuple[str, ...], ignore: tuple[str, ...], glossary: tuple[str, ...],
         encoding: str | None, isolated: bool, color: bool | None, exit_zero: bool, unsafe_fixes: bool,
         word: bool) -> None:
    """Show what 'cleanup fix' would change, as a diff; write nothing.

    Exit 0 when nothing would change, 1 when something would, 2 on an error.
    """
    options = _setup(select, ignore, glossary, unsafe_fixes, isolated, color, encoding)
    sys.exit(_final(_fix(paths, options, "word" if word else "unified", False), exit_zero))


def _fix(paths: Sequence[str], options: _Options, diff: str | None, to_stdout: bool) -> int:
    from . import report

    code = EXIT_CLEAN
    for item in _run(paths, options):
        if isinstance(item, CleanupError):
            _error(str(item))
            code = EXIT_ERROR
            continue
        target, source, result = item
        name = str(target)
        if result.changed and code == EXIT_CLEAN:
            code = EXIT_FOUND
        if diff == "word":
            click.echo(report.word_diff(name, result, color=options.color), nl=False, color=options.color)
        elif diff == "unified":
            click.echo(report.unified_diff(name, result, color=options.color), nl=False, color=options.color)
        elif to_stdout or target == "-":
            sys.stdout.buffer.write(source.encode(result.text))
            sys.stdout.flush()
        elif result.changed:
            assert isinstance(target, Path)
            try:
                write_file(target, source, result.text)
            except CleanupError as exc:
                _error(str(exc))
                code = EXIT_ERROR
                continue
            if not _quiet():
                click.echo(f"fixed {name}: {len(result.edits)} edit(s), {len(result.findings)} finding(s) to review", err=True)
    return code


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--select", multiple=True, metavar="PREFIX", help="Only rules whose id starts with PREFIX.")
@click.option("--glossary", "-g", multiple=True, metavar="PATH", help="Include the rules of these glossaries.")
def rules(fmt: str, select: tuple[str, ...], glossary: tuple[str, ...]) -> None:
    """List every rule: id, tier, kind and description."""
    import json

    from .rules import builtin_rules

    every_pack = tuple(sorted({r.pack for r in builtin_rules()} | {"glossary"}))
    options = _setup(select or every_pack, (), glossary, False, True, False, None)
    ruleset = load_rules(options.config)
    if fmt == "json":
        click.echo(json.dumps([
            {"id": r.id, "pack": r.pack, "kind": r.kind, "category": r.category, "tier": r.tier.value,
             "description": r.description} for r in ruleset.rules
        ], indent=2, ensure_ascii=False))
        return
    width = max((len(r.id) for r in ruleset.rules), default=10)
    for r in ruleset.rules:
        click.echo(f"{r.id:<{width}}  {r.tier.value:<7}  {r.kind:<13}  {r.description}")


@main.command()
@click.argument("rule_id")
def explain(rule_id: str) -> None:
    """Show a rule's description, tier and examples."""
    from .rules import builtin_rules

    every = builtin_rules()
    matches = [r for r in every if r.id == rule_id] or [r for r in every if r.matches(rule_id)]
    if not matches:
        _error(f"no rule {rule_id!r} (see 'cleanup rules')")
        sys.exit(EXIT_ERROR)
    for r in matches:
        click.echo(f"{r.id} [{r.tier.value}] ({r.pack} pack, kind {r.kind}, defined in {r.source})")
        click.echo(f"  {r.description}")
        for ex in r.bad:
            click.echo(f"  bad:  {ex.text!r}")
            click.echo(f"        -> {ex.fixed!r}" if ex.fixed is not None else f"        flags {ex.flagged!r}")
        for good in r.good:
            click.echo(f"  good: {good!r}")


@main.group()
def glossary() -> None:
    """Lint glossaries, or draft one from the texts of a book."""


@glossary.command("check")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
def glossary_check(paths: tuple[str, ...]) -> None:
    """Lint glossary files: duplicates, chains and cycles, empty cells, bad case rules.

    Exit 0 when the glossaries are clean, 1 when there are problems, 2 when a
    path does not exist.
    """
    from .glossary import check_paths

    missing = [p for p in paths if not Path(p).exists()]
    for p in missing:
        _error(f"{p}: no such file or directory")
    if missing:
        sys.exit(EXIT_ERROR)
    problems = check_paths(paths)
    for problem in problems:
        click.echo(str(problem))
    sys.exit(EXIT_FOUND if problems else EXIT_CLEAN)


@glossary.command("suggest")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None, help="Write the draft here (default: standard output).")
@click.option("--glossary", "-g", multiple=True, metavar="PATH", help="Existing glossaries: their terms win clusters.")
@click.option("--encoding", default=None, metavar="NAME", help="Input encoding (default: from the BOM, else UTF-8).")
def glossary_suggest(paths: tuple[str, ...], output: str | None, glossary: tuple[str, ...], encoding: str | None) -> None:
    """Draft a glossary (TSV) from the texts of a book, for the editor to review.

    Names spelled several ways across the files, OCR-garbled names and words
    that look like Russian left untranslated become rows of the draft.
    """
    from .draft import draft_glossary, format_tsv

    options = _setup((), (), glossary, False, True, False, encoding)
    texts: dict[str, str] = {}
    failed = False
    for raw in paths:
        try:
            for target in iter_paths([raw]):
                texts[str(target)] = _read(target, encoding).text
        except CleanupError as exc:
            _error(str(exc))
            failed = True
    rows = draft_glossary(texts, load_rules(options.config).known_terms)
    tsv = format_tsv(rows)
    if output:
        Path(output).write_text(tsv, encoding="utf-8")
        click.echo(f"wrote {len(rows)} candidate row(s) to {output}", err=True)
    else:
        click.echo(tsv, nl=False)
    sys.exit(EXIT_ERROR if failed else EXIT_CLEAN)


@main.command("eval")
@click.argument("mt", type=click.Path(dir_okay=False))
@click.argument("gold", type=click.Path(dir_okay=False))
@click.option("--edits", "gold_is_edits", is_flag=True, help="GOLD is a JSON-lines file of edits ({start, end, replacement}) instead of the edited text.")
@click.option("--select", multiple=True, metavar="PREFIX", help="Score only these rules.")
@click.option("--ignore", multiple=True, metavar="PREFIX", help="Leave these rules out.")
@click.option("--glossary", "-g", multiple=True, metavar="PATH", help="Glossaries to apply.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--details", is_flag=True, help="List every false positive and every miss.")
@click.option("--encoding", default=None, metavar="NAME", help="Input encoding of both files.")
@click.option("--isolated", is_flag=True, help="Ignore [tool.cleanup] in pyproject.toml.")
def eval_command(mt: str, gold: str, gold_is_edits: bool, select: tuple[str, ...], ignore: tuple[str, ...],
                 glossary: tuple[str, ...], fmt: str, details: bool, encoding: str | None, isolated: bool) -> None:
    """Measure cleanup against an editor: precision, recall and F0.5 per rule, category and tier.

    MT is the machine-translated text; GOLD is the editor's version of it (or,
    with --edits, the editor's edits). Every tier is scored, as if with
    --unsafe-fixes; the report also counts edits on text the editor left alone.
    """
    from .evaluate import evaluate, format_table, read_gold_edits, report_to_json

    options = _setup(select, ignore, glossary, True, isolated, False, encoding)
    try:
        mt_text = _read(Path(mt), encoding).text
        reference = read_gold_edits(gold) if gold_is_edits else _read(Path(gold), encoding).text
        report = evaluate(mt_text, reference, options.config)
    except CleanupError as exc:
        _error(str(exc))
        sys.exit(EXIT_ERROR)
    click.echo(report_to_json(report) if fmt == "json" else format_table(report, details=details))


from .cli_workflow import decisions_group, ledger_for, register  # noqa: E402  (they use the helpers above)

main.add_command(decisions_group)
register(main, common_options)
