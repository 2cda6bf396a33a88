"""The one module that knows the order: read → segment → detect → resolve → apply.

A pass that changed the text is followed by another on its output, until a
pass changes nothing (at most :data:`MAX_PASSES`); later passes are composed
into the first pass's edits, so the result is always a list of edits on the
original text, and ``fix`` is idempotent. Later passes run only the *local*
kinds (:data:`cleanup.kinds.LOCAL_KINDS`): a fix changes the text near it,
which is all those kinds look at, while the document-level kinds (footnote
chains, name counts, list runs, the untranslated-word detector) see the same
evidence as before.

Reporting is the caller's: :func:`clean_text` and :func:`clean_file` return a
:class:`~cleanup.model.Result`, and :mod:`cleanup.report` renders it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex

from .apply import apply_edits, compose_edits
from .config import Config
from .decisions import Ledger
from .detect import detect
from .kinds import LOCAL_KINDS
from .model import CleanupError, CrossFinding, Edit, Location, Result, Rule, Tier
from .resolve import resolve
from .rules import builtin_rules, select_rules
from .segment import segment
from .source import Source, read_file, write_file

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})

#: passes at most: one, and more while a pass reveals new fixes
MAX_PASSES = 3


@dataclass(frozen=True)
class RuleSet:
    """The rules a :class:`Config` selects, and the names its glossaries declare."""

    rules: tuple[Rule, ...]
    known_terms: frozenset[str]


@lru_cache(maxsize=16)
def load_rules(config: Config) -> RuleSet:
    """The built-in and glossary rules ``config`` selects (cached per config)."""
    rules = list(builtin_rules())
    known: set[str] = set()
    if config.glossaries:
        from . import glossary as glossary_mod  # only when a glossary is used: start-up time
    for path in config.glossaries:
        files = glossary_mod.glossary_files(path) if Path(path).is_dir() else [Path(path)]
        for file in files:
            entries = glossary_mod.load_glossary(file)
            rules.extend(glossary_mod.compile_glossary(entries, name=file.stem))
            known |= glossary_mod.known_terms(entries)
    return RuleSet(select_rules(rules, config.select, config.ignore), frozenset(known))


def clean_text(text: str, config: Config | None = None, *, path: str | None = None) -> Result:
    """Clean ``text``: the edits that were applied, the findings, and the new text.

    Pure: no file is read or written (glossary files named in ``config`` are
    read once and cached).

    >>> r = clean_text("It remains in force . The real real sponsors.")
    >>> r.text
    'It remains in force. The real sponsors.'
    >>> [e.rule_id for e in r.edits]
    ['spacing.before-punctuation', 'repeat.word']
    """
    config = config or Config()
    ruleset = load_rules(config)
    applied, findings = _one_pass(text, ruleset, config, path)
    output = apply_edits(text, applied)
    # one fix can reveal another (removing ' THE' from 'the THE  site' leaves a
    # double space): run again on the output until nothing changes, and express
    # the later passes as edits on the original text
    local = RuleSet(tuple(r for r in ruleset.rules if r.kind in LOCAL_KINDS), ruleset.known_terms)
    for _ in range(MAX_PASSES - 1):
        if not applied:
            break
        more, _later_findings = _one_pass(output, local, config, path)
        if not more:
            break
        applied = compose_edits(text, applied, more)
        output = apply_edits(text, applied)
    return Result(original=text, text=output, edits=tuple(applied), findings=tuple(findings))


def _one_pass(text: str, ruleset: RuleSet, config: Config, path: str | None) -> tuple[list[Edit], list[Edit]]:
    """segment → detect → resolve, once."""
    doc = segment(text, path=path, markdown=bool(config.markdown), known_terms=ruleset.known_terms)
    candidates = detect(ruleset.rules, doc)
    if doc.suppressions:  # `cleanup: ignore` lines
        candidates = [e for e in candidates if not doc.suppresses(e)]
    return resolve(candidates, doc, unsafe_fixes=config.unsafe_fixes)


@dataclass(frozen=True)
class FileResult:
    """The outcome of cleaning one file: its source, the result, and whether it was written."""

    source: Source
    result: Result
    written: bool


def clean_source(source: Source, config: Config | None = None, *, ledger: Ledger | None = None) -> Result:
    """Clean an already-decoded :class:`Source` (a file or standard input).

    With a decisions ``ledger``, its decisions filter the result (see
    :meth:`cleanup.decisions.Ledger.filter`).
    """
    config = config or Config()
    if config.markdown is None:
        config = config.merged(markdown=Path(source.name).suffix.lower() in MARKDOWN_SUFFIXES)
    result = clean_text(source.text, config, path=source.name)
    return ledger.filter(source.name, result) if ledger is not None else result


def clean_file(
    path: str | Path,
    config: Config | None = None,
    *,
    write: bool = True,
    encoding: str | None = None,
    ledger: Ledger | None = None,
) -> FileResult:
    """Clean the file at ``path``; with ``write`` (the default) save the applied fixes.

    The file is rewritten only when the text changed, atomically, keeping its
    encoding, byte-order mark and line endings. Errors raise
    :class:`~cleanup.model.CleanupError` naming the file, and leave it untouched.
    """
    path = Path(path)
    source = read_file(path, encoding)
    result = clean_source(source, config, ledger=ledger)
    written = False
    if write and result.changed:
        write_file(path, source, result.text)
        written = True
    return FileResult(source=source, result=result, written=written)


def across_files(texts: Sequence[tuple[str, str]], config: Config | None = None) -> tuple[CrossFinding, ...]:
    """Findings across several files' texts (``(path, text)`` pairs): names spelled differently.

    Runs only when the config selects a ``names`` rule and there are two texts
    or more; a name whose spellings all occur in one file is that file's
    business (its own ``names`` rule reports it). Every occurrence of every
    spelling is a location.
    """
    config = config or Config()
    ruleset = load_rules(config)
    if len(texts) < 2 or not any(r.kind == "names" for r in ruleset.rules):
        return ()
    from .kinds.names import name_clusters

    names = [name for name, _ in texts]
    out: list[CrossFinding] = []
    for cluster in name_clusters([t for _, t in texts], ruleset.known_terms):
        used = dict(cluster.texts)
        if cluster.is_consistent or len({i for idx in used.values() for i in idx}) < 2:
            continue
        where = "; ".join(f"'{s}' {n}× in {', '.join(names[i] for i in used.get(s, ()))}" for s, n in cluster.spellings)
        preferred = f", most often '{cluster.preferred}'" if cluster.preferred else ""
        locations: list[Location] = []
        for spelling, _ in cluster.spellings:
            pattern = regex.compile(rf"(?<!\w){regex.escape(spelling)}(?!\w)")
            for i in used.get(spelling, ()):
                locations.extend(Location(names[i], m.start(), m.end(), spelling) for m in pattern.finditer(texts[i][1]))
        locations.sort(key=lambda loc: (names.index(loc.path), loc.start))
        out.append(CrossFinding("names.across-files", "names", Tier.REVIEW,
                                f"one name spelled {len(cluster.spellings)} ways{preferred}: {where}", tuple(locations)))
    return tuple(out)


@dataclass(frozen=True)
class CheckResult:
    """What :func:`check_files` returns: each file's outcome, the errors, the findings across files."""

    files: tuple[tuple[str, FileResult], ...]
    errors: tuple[CleanupError, ...]
    across: tuple[CrossFinding, ...]


def check_files(
    paths: Sequence[str | Path],
    config: Config | None = None,
    *,
    write: bool = False,
    encoding: str | None = None,
    ledger: Ledger | None = None,
) -> CheckResult:
    """Clean several files as one book: each with :func:`clean_file`, then the findings across them.

    A file that cannot be read or written is an error in the result and the
    others go on; nothing is written unless ``write``.
    """
    done: list[tuple[str, FileResult]] = []
    errors: list[CleanupError] = []
    for path in paths:
        try:
            done.append((str(path), clean_file(path, config, write=write, encoding=encoding, ledger=ledger)))
        except CleanupError as exc:
            errors.append(exc)
    across = across_files([(name, fr.result.original) for name, fr in done], config)
    return CheckResult(tuple(done), tuple(errors), across)
