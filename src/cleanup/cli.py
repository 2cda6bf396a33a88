"""The ``cleanup`` command: parse options, call the library, pick the exit code.

Exit codes, for every command: 0 nothing found or changed; 1 findings, or
files changed (or that would change); 2 a usage or data error (a missing path,
a binary file, bad bytes, a malformed rule or glossary file), reported in one
line naming the file.
"""

from __future__ import annotations

import os
import signal
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from .config import Config, find_pyproject, load_config
from .model import CleanupError, Result
from .pipeline import clean_source, load_rules
from .source import Source, decode, read_file, remove_pending, remove_stale_temporaries, write_file
from .walk import walk_folder

if TYPE_CHECKING:
    from .decisions import Ledger
    from .progress import Progress

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".mdown", ".mkd", ".rst"})

EXIT_CLEAN, EXIT_FOUND, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED = 130


def _error(message: str) -> None:
    click.echo(f"cleanup: error: {message}", err=True)


def iter_paths(paths: Sequence[str], exclude: Sequence[str] = ()) -> Iterator[Path | str | CleanupError]:
    """Expand the PATH arguments: a folder gives its text files, ``-`` is standard input.

    A folder walk honours ``.gitignore`` files and the ``exclude`` patterns,
    skips hidden entries and ``node_modules``, and yields a :class:`CleanupError`
    (instead of stopping) for a sub-folder it cannot read. A path that is not a
    regular file or folder (a FIFO, a device) is refused: reading it could block.
    """
    for raw in paths:
        if raw == "-":
            yield "-"
            continue
        path = Path(raw)
        try:
            st = os.stat(path)
        except FileNotFoundError:
            yield CleanupError(raw, "no such file or directory")
            continue
        except OSError as exc:
            yield CleanupError(raw, f"cannot open: {exc.strerror or exc}")
            continue
        if stat.S_ISDIR(st.st_mode):
            found = False
            for item in walk_folder(path, TEXT_SUFFIXES, exclude):
                found = found or isinstance(item, Path)
                yield item
            if not found:
                yield CleanupError(raw, "a directory with no text files (*.txt, *.md, *.rst)")
        elif not stat.S_ISREG(st.st_mode):
            yield CleanupError(raw, "not a regular file (a FIFO, device or socket); not read")
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


def _remember_rules(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> None:
    """``--rules FILE``: kept on the context for :func:`_config_from` (no command takes it as an argument)."""
    ctx.meta["cleanup.rule_files"] = tuple(value)


#: ``--rules FILE``, on every command that runs rules
rules_option = click.option(
    "--rules", multiple=True, metavar="FILE", expose_value=False, callback=_remember_rules,
    help="A rule file of your own (TOML, the format of the built-in packs). Repeatable.",
)


def _config_from(
    select: Sequence[str], ignore: Sequence[str], glossary: Sequence[str], unsafe_fixes: bool, isolated: bool,
    exclude: Sequence[str] = (),
) -> Config:
    base = Config()
    pyproject = None if isolated else find_pyproject(Path.cwd())
    if pyproject is not None:
        base = load_config(pyproject)
    context = click.get_current_context(silent=True)
    rule_files = context.meta.get("cleanup.rule_files", ()) if context is not None else ()
    config = base.merged(
        select=_split(select), ignore=_split(ignore), glossaries=tuple(Path(g) for g in glossary),
        exclude=tuple(exclude), rule_files=tuple(Path(r) for r in rule_files),
    )
    for g in config.glossaries:
        _check_glossary_path(g)
    if unsafe_fixes:
        config = config.merged(unsafe_fixes=True)
    load_rules(config)  # a malformed rule or glossary file is reported before any file is touched
    _check_prefixes(config, base, pyproject)
    return config


def _check_glossary_path(path: Path) -> None:
    """A glossary PATH must be a regular file, or a folder that holds at least one glossary."""
    from .glossary import glossary_files

    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise CleanupError(str(path), "no such glossary file or directory") from None
    except OSError as exc:
        raise CleanupError(str(path), f"cannot open the glossary: {exc.strerror or exc}") from None
    if stat.S_ISDIR(st.st_mode):
        try:
            files = glossary_files(path)
        except OSError as exc:
            raise CleanupError(str(path), f"cannot list the glossary folder: {exc.strerror or exc}") from None
        if not files:
            raise CleanupError(str(path), "a folder with no glossary in it (*.tsv, *.tbx, *.csv, TBX *.xml)")
    elif not stat.S_ISREG(st.st_mode):
        raise CleanupError(str(path), "not a regular file (a FIFO, device or socket); not read")


def _check_prefixes(config: Config, base: Config, pyproject: Path | None) -> None:
    """Refuse a --select/--ignore value (or a pyproject one) that matches no rule, naming the closest ids."""
    import difflib

    from .rules import builtin_rules, load_rule_file

    rules = list(builtin_rules()) + [r for f in config.rule_files for r in load_rule_file(Path(f))]
    unmatched = [p for option in ("select", "ignore") for p in getattr(config, option)
                 if p != "glossary" and not any(r.matches(p) for r in rules)]
    if not unmatched:
        return
    if config.glossaries:  # only now: compiling the glossaries again costs time
        rules += [r for r in load_rules(Config(glossaries=config.glossaries)).rules if r.pack == "glossary"]
    names = {r.id for r in rules} | {r.pack for r in rules} | {"glossary"}
    names |= {r.id.rsplit(".", n)[0] for r in rules for n in range(1, r.id.count(".") + 1)}
    for option in ("select", "ignore"):
        from_file = set(getattr(base, option))
        for prefix in getattr(config, option):
            if prefix not in unmatched or any(r.matches(prefix) for r in rules):
                continue
            close = difflib.get_close_matches(prefix, sorted(names), n=3, cutoff=0.6)
            hint = f"; did you mean {', '.join(close)}?" if close else "; 'cleanup rules' lists them"
            where = f"{pyproject} [tool.cleanup] {option}" if pyproject is not None and prefix in from_file else f"--{option} {prefix}"
            raise CleanupError(where, f"{prefix!r} matches no rule id, dotted prefix or pack{hint}")


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
        rules_option,
        click.option("--exclude", multiple=True, metavar="GLOB", help="Skip files matching GLOB (.gitignore syntax) in folder walks. Repeatable."),
        click.option("--encoding", default=None, metavar="NAME", help="Input encoding (default: from the BOM, else UTF-8), e.g. cp1251."),
        click.option("--isolated", is_flag=True, help="Ignore [tool.cleanup] in pyproject.toml."),
        click.option("--color/--no-color", default=None, help="Colour the output (default: when writing to a terminal)."),
        click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings or changes (errors still exit 2)."),
        decisions_option,
        quiet_option,
        click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, expose_value=False, callback=_remember_jobs,
                     help="Worker processes for many files (default: the number of cores; small inputs run in one)."),
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
    for item in iter_paths(paths, options.config.exclude):
        if isinstance(item, CleanupError):
            yield item
        else:
            targets.append(item)
    progress = _progress(targets)
    jobs = _jobs_for(targets)
    if jobs > 1:  # files over processes
        from .parallel import clean_targets

        for outcome in clean_targets(targets, options.config, options.encoding, jobs):
            progress.clear()
            if isinstance(outcome, CleanupError):
                yield outcome
                continue
            target, source, result = outcome
            if options.ledger is not None:  # decisions are the main process's: one ledger, read once
                result = options.ledger.filter(source.name, result)
            yield target, source, result
            progress.advance(_size(target))
        progress.clear()
        return
    for target in targets:
        try:
            source = _read(target, options.encoding)
            # one file: a large one is spread over the processes (--jobs, or 0: every core)
            result = clean_source(source, options.config, ledger=options.ledger, jobs=_text_jobs(targets))
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


def _text_jobs(targets: Sequence[Path | str]) -> int:
    """How many processes one file's text may be spread over: the --jobs asked, else 0 (every core)."""
    if len(targets) > 1:
        return 1  # several files are spread by file (see _jobs_for), or are too small to pay
    ctx = click.get_current_context(silent=True)
    asked: int | None = ctx.meta.get("cleanup.jobs") if ctx is not None else None
    return 0 if asked is None else asked


class _Group(click.Group):
    """The ``cleanup`` group: Ctrl-C in any command exits 130 with one line, not click's "Aborted!" and 1.

    ``fix`` catches the interrupt itself, to say which files it had written;
    every other command writes nothing before it ends (``review`` writes on
    ``q`` or at the end), so nothing was written.
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            _error("interrupted: nothing was written")
            sys.exit(EXIT_INTERRUPTED)
        finally:
            from . import cache

            cache.save_regex()  # the patterns this run compiled, when new ones were (see cleanup.cache)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
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
          exclude: tuple[str, ...], encoding: str | None, isolated: bool, color: bool | None, exit_zero: bool,
          fmt: str, baseline: str | None = None, write_baseline: str | None = None) -> None:
    """Report every finding as FILE:LINE:COL: RULE [TIER] MESSAGE; change nothing.

    Exit 0 when there is nothing to report, 1 when there is, 2 on an error.
    """
    from . import __version__, report
    from .cli_workflow import load_baseline, save_baseline
    from .pipeline import across_sources

    options = _setup(select, ignore, glossary, False, isolated, color, encoding, exclude)
    known = None if write_baseline else load_baseline(baseline, options.config)
    if write_baseline:
        fmt = "none"
    code = EXIT_CLEAN
    # the text format streams each file's findings and keeps only a line of counts
    # per file and a way to read it again (for the names across files): a folder
    # of books is not held in memory; the other formats are one document at the end
    streamed = fmt == "text"
    files: list[report.FileReport] = []
    counts: list[tuple[bool, int, int]] = []  # per file: changed, edits, findings
    sources: list[tuple[str, Callable[[], str]]] = []
    for item in _run(paths, options):
        if isinstance(item, CleanupError):
            _error(str(item))
            code = EXIT_ERROR
            continue
        target, source, result = item
        if known is not None:
            result = known.unreported(str(target), result)
        file_report = report.FileReport(str(target), result, source.newline)
        if result.all_edits and code == EXIT_CLEAN:
            code = EXIT_FOUND
        if streamed:  # a long run shows its findings as it goes
            click.echo(report.render("text", report.Report((file_report,)), color=options.color), nl=False,
                       color=options.color)
            counts.append((result.changed, len(result.edits), len(result.findings)))
            sources.append((str(target), _reader(target, source, options.encoding)))
        else:
            files.append(file_report)
            sources.append((str(target), _reader(target, source, options.encoding, keep=True)))
    across = across_sources(sources, options.config)
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
        if counts and not _quiet():
            click.echo(_check_summary(counts), err=True)
    else:
        click.echo(report.render(fmt, whole), nl=False)
    sys.exit(_final(code, exit_zero))


def _reader(target: Path | str, source: Source, encoding: str | None, keep: bool = False) -> Callable[[], str]:
    """A way to get ``target``'s text again: read anew from its file, or kept (standard input, or ``keep``)."""
    if keep or not isinstance(target, Path):
        text = source.text
        return lambda: text

    def read() -> str:
        try:
            return _read(target, encoding).text
        except CleanupError:
            return ""  # gone since: it has no names to report

    return read


def _check_summary(counts: Sequence[tuple[bool, int, int]]) -> str:
    """What ``check`` found (per file: changed, edits, findings), in the conditional: it writes nothing."""
    would = sum(1 for changed, _, _ in counts if changed)
    fixes = sum(edits for _, edits, _ in counts)
    findings = sum(found for _, _, found in counts)
    return (f"checked {len(counts)} file(s): would fix {would} ({fixes} edit(s)), "
            f"{findings} finding(s) to review; nothing written")


def _final(code: int, exit_zero: bool) -> int:
    """The exit code, with findings and changes forgiven under --exit-zero."""
    return EXIT_CLEAN if exit_zero and code == EXIT_FOUND else code


def _setup(select: Sequence[str], ignore: Sequence[str], glossary: Sequence[str], unsafe: bool, isolated: bool,
           color: bool | None, encoding: str | None, exclude: Sequence[str] = ()) -> _Options:
    try:
        config = _config_from(select, ignore, glossary, unsafe, isolated, exclude)
    except CleanupError as exc:
        _error(str(exc))
        sys.exit(EXIT_ERROR)
    if color is None:  # https://no-color.org: a non-empty NO_COLOR turns the default off
        color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    options = _Options(config, encoding, color)
    try:
        options.ledger = ledger_for(config, isolated)
    except CleanupError as exc:
        _error(str(exc))
        sys.exit(EXIT_ERROR)
    return options


class _FixCommand(click.Command):
    """``fix``, reading ``--diff=word``/``--diff=unified`` (the older spelling) besides the ``--diff`` flag."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        rewritten: list[str] = []
        for arg in args:
            if arg == "--":
                rewritten.extend(args[len(rewritten):])
                break
            if arg.startswith("--diff="):
                rewritten += ["--diff", f"--diff-format={arg.partition('=')[2]}"]
            else:
                rewritten.append(arg)
        return super().parse_args(ctx, rewritten)


@main.command(cls=_FixCommand)
@common_options
@click.option("--unsafe-fixes", is_flag=True, help="Also apply 'suggest' edits.")
@click.option("--diff", "diff", is_flag=True, help="Print a diff and write nothing.")
@click.option("--diff-format", type=click.Choice(["unified", "word"]), default=None,
              help="The diff's form (implies --diff): unified, or word for prose. --diff=word is the same.")
@click.option("--word", is_flag=True, help="Short for --diff-format=word.")
@click.option("--stdout", "to_stdout", is_flag=True, help="Print the fixed text and write nothing.")
def fix(paths: tuple[str, ...], select: tuple[str, ...], ignore: tuple[str, ...], glossary: tuple[str, ...],
        exclude: tuple[str, ...], encoding: str | None, isolated: bool, color: bool | None, exit_zero: bool,
        unsafe_fixes: bool, diff: bool, diff_format: str | None, word: bool, to_stdout: bool) -> None:
    """Apply the safe fixes in place, atomically, keeping encoding and line endings.

    With '-' as PATH the text is read from standard input and the fixed text
    written to standard output. Exit 0 when nothing changed, 1 when something
    changed (or, with --diff/--stdout, would change), 2 on an error, 130 when
    interrupted.
    """
    options = _setup(select, ignore, glossary, unsafe_fixes, isolated, color, encoding, exclude)
    shape = "word" if word else diff_format or ("unified" if diff else None)
    sys.exit(_final(_fix(paths, options, shape, to_stdout), exit_zero))


@main.command()
@common_options
@click.option("--unsafe-fixes", is_flag=True, help="Also show 'suggest' edits.")
@click.option("--word", is_flag=True, help="A word diff (each change in its context) instead of a unified diff.")
def diff(paths: tuple[str, ...], select: tuple[str, ...], ignore: tuple[str, ...], glossary: tuple[str, ...],
         exclude: tuple[str, ...], encoding: str | None, isolated: bool, color: bool | None, exit_zero: bool,
         unsafe_fixes: bool, word: bool) -> None:
    """Show what 'cleanup fix' would change, as a diff; write nothing.

    Exit 0 when nothing would change, 1 when something would, 2 on an error.
    """
    options = _setup(select, ignore, glossary, unsafe_fixes, isolated, color, encoding, exclude)
    sys.exit(_final(_fix(paths, options, "word" if word else "unified", False), exit_zero))


class _Terminated(BaseException):
    """Raised in the main thread on SIGTERM, so a run stops as cleanly as on Ctrl-C."""


def _fix(paths: Sequence[str], options: _Options, diff: str | None, to_stdout: bool) -> int:
    written: list[str] = []

    def on_term(signum: int, frame: object) -> None:
        raise _Terminated

    previous = signal.signal(signal.SIGTERM, on_term)
    try:
        return _fix_all(paths, options, diff, to_stdout, written)
    except (KeyboardInterrupt, _Terminated) as exc:
        remove_pending()
        what = "interrupted" if isinstance(exc, KeyboardInterrupt) else "terminated"
        done = f"wrote {len(written)} file(s)" + (f" ({', '.join(written[-3:])}{', …' if len(written) > 3 else ''})" if written else "")
        _error(f"{what}: {done}; every other file was left as it was, none half-written")
        return EXIT_INTERRUPTED if isinstance(exc, KeyboardInterrupt) else 128 + signal.SIGTERM
    finally:
        signal.signal(signal.SIGTERM, previous)


def _fix_all(paths: Sequence[str], options: _Options, diff: str | None, to_stdout: bool,
             written: list[str]) -> int:
    from . import report

    code = EXIT_CLEAN
    swept: set[Path] = set()
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
            continue
        if diff == "unified":
            click.echo(report.unified_diff(name, result, color=options.color), nl=False, color=options.color)
            continue
        if to_stdout or target == "-":
            try:
                data = source.encode(result.text)
            except UnicodeEncodeError as exc:
                _error(f"{name}: the fixed text has {exc.object[exc.start:exc.end]!r}, which {source.encoding} "
                       "cannot encode; nothing printed (give another --encoding)")
                code = EXIT_ERROR
                continue
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
            continue
        assert isinstance(target, Path)
        folder = Path(os.path.realpath(target)).parent
        if folder not in swept:  # a killed run's temporary files go, whether or not this file changes
            swept.add(folder)
            for stale in remove_stale_temporaries(folder):
                click.echo(f"cleanup: note: removed {stale}, a temporary file left by an interrupted run", err=True)
        if result.changed:
            try:
                write_file(target, source, result.text)
            except CleanupError as exc:
                _error(str(exc))
                code = EXIT_ERROR
                continue
            written.append(name)
            if not _quiet():
                click.echo(f"fixed {name}: {len(result.edits)} edit(s), {len(result.findings)} finding(s) to review", err=True)
        elif result.findings and not _quiet():
            click.echo(f"{name}: nothing to fix; {len(result.findings)} finding(s) to review "
                       f"('cleanup check {name}' lists them)", err=True)
    return code


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--select", multiple=True, metavar="PREFIX", help="Only rules whose id starts with PREFIX.")
@click.option("--glossary", "-g", multiple=True, metavar="PATH", help="Include the rules of these glossaries.")
@rules_option
def rules(fmt: str, select: tuple[str, ...], glossary: tuple[str, ...]) -> None:
    """List every rule: id, tier, kind and description."""
    import json

    from .rules import builtin_rules, load_rule_file

    own = click.get_current_context().meta.get("cleanup.rule_files", ())
    own_packs = {r.pack for f in own for r in load_rule_file(Path(f))}
    every_pack = tuple(sorted({r.pack for r in builtin_rules()} | own_packs | {"glossary"}))
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
    for target in iter_paths(paths):
        try:
            if isinstance(target, CleanupError):
                raise target
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
@click.argument("mt", type=click.Path())
@click.argument("gold", type=click.Path(dir_okay=False), required=False)
@click.option("--edits", "gold_is_edits", is_flag=True, help="GOLD is a JSON-lines file of edits ({start, end, replacement}) instead of the edited text.")
@click.option("--select", multiple=True, metavar="PREFIX", help="Score only these rules.")
@click.option("--ignore", multiple=True, metavar="PREFIX", help="Leave these rules out.")
@click.option("--glossary", "-g", multiple=True, metavar="PATH", help="Glossaries to apply.")
@rules_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--details", is_flag=True, help="List every false positive and every miss.")
@click.option("--encoding", default=None, metavar="NAME", help="Input encoding of both files.")
@click.option("--isolated", is_flag=True, help="Ignore [tool.cleanup] in pyproject.toml.")
@click.option("--unsafe-fixes", is_flag=True, help="With a corpus folder: per-category and per-rule tables for 'fix --unsafe-fixes'.")
def eval_command(mt: str, gold: str | None, gold_is_edits: bool, select: tuple[str, ...], ignore: tuple[str, ...],
                 glossary: tuple[str, ...], fmt: str, details: bool, encoding: str | None, isolated: bool,
                 unsafe_fixes: bool) -> None:
    """Measure cleanup against an editor.

    \b
    cleanup eval DIR        every X.txt in DIR against its X.gold.json (a corpus)
    cleanup eval MT GOLD    one text against the editor's version of it

    With DIR: per text and pooled precision of 'fix' and 'fix --unsafe-fixes',
    must-recall and all-recall per text and macro-averaged, what 'check' points
    at, per category and per rule, scored as the corpus's score.py scores.
    With MT GOLD: precision, recall and F0.5 per rule, category and tier (GOLD is
    the edited text or, with --edits, the editor's edits).
    """
    if gold is None:
        from .goldscore import evaluate_corpus, format_corpus

        options = _setup(select, ignore, glossary, False, isolated, False, encoding)
        try:
            corpus = evaluate_corpus(mt, options.config, unsafe_fixes=unsafe_fixes)
        except CleanupError as exc:
            _error(str(exc))
            sys.exit(EXIT_ERROR)
        click.echo(corpus.to_json() if fmt == "json" else format_corpus(corpus, details=details))
        return
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


from .cli_corpus import register as register_corpus  # noqa: E402
from .cli_workflow import decisions_group, ledger_for, register  # noqa: E402  (they use the helpers above)

main.add_command(decisions_group)
register(main, common_options)
register_corpus(main, rules_option)  # `cleanup corpus` (the dask extra, imported only when the command runs)
