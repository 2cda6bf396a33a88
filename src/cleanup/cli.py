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
from typing import Any, TypeVar

import click

from .config import Config, find_pyproject, load_config
from .model import CleanupError, Result
from .pipeline import clean_source, load_rules
from .source import Source, decode, read_file, write_file

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
        click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, expose_value=False, callback=_remember_jobs,
                     help="Worker processes for many files (default: the number of cores; small inputs run in one)."),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def _run(paths: Sequence[str], options: _Options) -> Iterator[tuple[Path | str, Source, Result] | CleanupError]:
    """Clean every target, yielding results, or the error of a target that failed."""
    targets: list[Path | str] = []
    for raw in paths:
        try:
            targets.extend(iter_paths([raw]))
        except CleanupError as exc:
            yield exc
    jobs = _jobs_for(targets)
    if jobs > 1:
        from .parallel import clean_targets

        yield from clean_targets(targets, options.config, options.encoding, jobs)
        return
    for target in targets:
        try:
            source = _read(target, options.encoding)
            yield target, source, clean_source(source, options.config)
        except CleanupError as exc:
            yield exc


def _remember_jobs(ctx: click.Context, _param: click.Parameter, value: int | None) -> int | None:
    ctx.meta["cleanup.jobs"] = value
    return value


def _jobs_for(targets: Sequence[Path | str]) -> int:
    """How many worker processes to clean ``targets`` with: 1 for standard input or little work."""
    ctx = click.get_current_context(silent=True)
    asked: int | None = ctx.meta.get("cleanup.jobs") if ctx is not None else None
    if "-" in targets or len(targets) < 2 or asked == 1:
        return 1
    from .parallel import default_jobs, worth_parallel

    if asked is None:
        return default_jobs() if worth_parallel(targets) else 1
    return min(asked, len(targets))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="cleanup", prog_name="cleanup")
def main() -> None:
    """Fix the evident artifacts of machine translation in English text.

    \b
    cleanup check PATH...   report what would change and what needs review
    cleanup fix PATH...     apply the safe fixes in place (--unsafe-fixes: suggestions too)
    cleanup diff PATH...    show the changes as a diff; write nothing
    cleanup rules           list the rules
    """


@main.command()
@common_options
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def check(paths: tuple[str, ...], select: tuple[str, ...], ignore: tuple[str, ...], glossary: tuple[str, ...],
          encoding: str | None, isolated: bool, color: bool | None, exit_zero: bool, fmt: str) -> None:
    """Report every finding as FILE:LINE:COL: RULE [TIER] MESSAGE; change nothing.

    Exit 0 when there is nothing to report, 1 when there is, 2 on an error.
    """
    from . import report

    options = _setup(select, ignore, glossary, False, isolated, color, encoding)
    code = EXIT_CLEAN
    results: list[tuple[str, Result]] = []
    for item in _run(paths, options):
        if isinstance(item, CleanupError):
            _error(str(item))
            code = EXIT_ERROR
            continue
        target, _, result = item
        results.append((str(target), result))
        if result.all_edits and code == EXIT_CLEAN:
            code = EXIT_FOUND
        if fmt == "text":
            for line in report.findings_text(str(target), result, color=options.color):
                click.echo(line, color=options.color)
    book = _book_findings(results) if len(results) > 1 and _names_selected(options.config) else []
    if book and code == EXIT_CLEAN:
        code = EXIT_FOUND
    if fmt == "json":
        click.echo(report.to_json(results, book=book))
    else:
        for line in book:
            click.echo(line)
        if results:
            click.echo(report.summary(results), err=True)
    sys.exit(_final(code, exit_zero))


def _names_selected(config: Config) -> bool:
    return any(r.kind == "names" for r in load_rules(config).rules)


def _book_findings(results: Sequence[tuple[str, Result]]) -> list[str]:
    """Names spelled more than one way across the files checked together (a book in chapters)."""
    from .kinds.names import name_clusters

    names = [name for name, _ in results]
    lines = []
    for cluster in name_clusters([r.original for _, r in results]):
        used = dict(cluster.texts)
        if cluster.is_consistent or len({i for idx in used.values() for i in idx}) < 2:
            continue  # one spelling, or all spellings in one file (reported with that file)
        where = "; ".join(f"'{s}' {n}× in {', '.join(names[i] for i in used.get(s, ()))}" for s, n in cluster.spellings)
        preferred = f", most often '{cluster.preferred}'" if cluster.preferred else ""
        lines.append(f"book: names.across-files [review] one name spelled {len(cluster.spellings)} ways{preferred}: {where}")
    return lines


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
    return _Options(config, encoding, sys.stdout.isatty() if color is None else color)


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
