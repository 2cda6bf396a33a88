"""The one module that knows the order: read → segment → detect → resolve → apply.

A pass that changed the text is followed by another on its output, until a
pass changes nothing: a true fixpoint, so ``fix`` is idempotent. The passes
are bounded by :data:`MAX_PASSES`, and reaching the bound is reported as a
review finding (``pipeline.fixpoint``), never a silent stop. Later passes are
composed into the first pass's edits, so the result is always a list of edits
on the original text.

A later pass must see what a fresh run on its text would see. The *local*
kinds (:data:`cleanup.kinds.LOCAL_KINDS`) run only on windows of lines
around the edits the previous pass applied, which is all they look at. The
kinds that read the whole document only through named facts
(:data:`cleanup.kinds.EVIDENCE_KINDS`, :mod:`cleanup.evidence`: a word's
counts, whether the text is technical) run on those windows too as long as
every fact a rule read in the earlier passes has kept its value on the new
text, and over the whole new text when one has changed (a removed word
changes a count). The other document-level kinds (footnote chains, name
clusters, list runs, the untranslated-word detector) run over the whole new
text, since an edit anywhere can change their evidence.
``Config(reference=True)`` runs every rule over the whole text in every pass:
the plain reference path the tests compare the fast path with.

Reporting is the caller's: :func:`clean_text` and :func:`clean_file` return a
:class:`~cleanup.model.Result`, and :mod:`cleanup.report` renders it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import regex

from .apply import apply_edits, compose_edits
from .config import Config
from .decisions import Ledger
from .detect import detect
from .evidence import unchanged
from .kinds import EVIDENCE_KINDS, LOCAL_KINDS
from .model import CleanupError, CrossFinding, Document, Edit, Location, Result, Rule, Tier, edit_order
from .resolve import resolve
from .rules import builtin_rules, check_unique, load_rule_file, select_rules
from .segment import segment
from .source import Source, read_file, write_file

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})

#: passes at most: a safety bound (a chain of fixes that each reveal the next is
#: followed to its end); reaching it is reported as a :data:`FIXPOINT_RULE` finding
MAX_PASSES = 12
#: the rule id of the finding that says the bound was reached
FIXPOINT_RULE = "pipeline.fixpoint"
#: a text this long (characters) is spread over ``jobs`` processes; below it, starting
#: workers costs more than it saves
MIN_SPREAD_CHARS = 2_000_000


@dataclass(frozen=True)
class RuleSet:
    """The rules a :class:`Config` selects, and the names its glossaries declare."""

    rules: tuple[Rule, ...]
    known_terms: frozenset[str]


@lru_cache(maxsize=16)
def load_rules(config: Config) -> RuleSet:
    """The built-in, the user's and the glossary rules ``config`` selects (cached per config)."""
    rules = list(builtin_rules())
    for rule_file in config.rule_files:
        rules.extend(load_rule_file(Path(rule_file)))
    if config.rule_files:
        check_unique(rules)  # a user's rule may not take a built-in rule's id
    known: set[str] = set()
    if config.glossaries:
        from . import glossary as glossary_mod  # only when a glossary is used: start-up time
    for path in config.glossaries:
        files = glossary_mod.glossary_files(path) if Path(path).is_dir() else [Path(path)]
        for file in files:
            compiled, terms = glossary_mod.compiled_glossary(file)  # cached: see cleanup.cache
            rules.extend(compiled)
            known |= terms
    return RuleSet(select_rules(rules, config.select, config.ignore), frozenset(known))


def clean_text(text: str, config: Config | None = None, *, path: str | None = None, jobs: int = 1) -> Result:
    """Clean ``text``: the edits that were applied, the findings, and the new text.

    Pure: no file is read or written (glossary files named in ``config`` are
    read once and cached). With ``jobs`` other than 1, a large text's detection is
    spread over that many worker processes (0: one per core; :mod:`cleanup.spread`);
    the result is the same.

    >>> r = clean_text("It remains in force . The real real sponsors.")
    >>> r.text
    'It remains in force. The real sponsors.'
    >>> [e.rule_id for e in r.edits]
    ['spacing.before-punctuation', 'repeat.word']
    """
    config = config or Config()
    ruleset = load_rules(config)
    if jobs != 1 and len(text) >= MIN_SPREAD_CHARS:
        from .spread import SpreadDetector, default_jobs

        jobs = jobs or default_jobs()
        with SpreadDetector(config, ruleset.rules, jobs, CORE_LINES + CONTEXT_LINES, MIN_SPREAD_CHARS) as spread:
            return _clean(text, config, ruleset, path, spread)
    return _clean(text, config, ruleset, path, detect)


def _clean(
    text: str,
    config: Config,
    ruleset: RuleSet,
    path: str | None,
    detect_whole: Callable[[Sequence[Rule], Document], list[Edit]],
) -> Result:
    """The passes of :func:`clean_text`, detecting with ``detect_whole`` on whole documents
    (:func:`~cleanup.detect.detect`, or a :class:`~cleanup.spread.SpreadDetector`)."""
    doc = _segment(text, ruleset, config, path)
    # the facts about the whole text each evidence rule has read (rule id -> reads),
    # noted by cleanup.detect.detect while a document's log is open
    logs: dict[str, dict[tuple[str, Any], Any]] | None = None
    if not config.reference:
        logs = {r.id: {} for r in ruleset.rules if r.kind in EVIDENCE_KINDS}
    doc.evidence_log.logs = logs
    applied, findings = _resolve(detect_whole(ruleset.rules, doc), doc, config)
    output = apply_edits(text, applied)
    # one fix can reveal another (removing ' THE' from 'the THE  site' leaves a
    # double space): run again on the output until nothing changes, and express
    # the later passes as edits on the original text
    document_level = tuple(r for r in ruleset.rules if r.kind not in LOCAL_KINDS and r.kind not in EVIDENCE_KINDS)
    evidenced = tuple(r for r in ruleset.rules if r.kind in EVIDENCE_KINDS)
    local = tuple(r for r in ruleset.rules if r.kind in LOCAL_KINDS)
    changed = changed_regions(applied)
    passes = 1
    while changed:
        if passes >= MAX_PASSES:
            findings.append(_unfinished(passes))
            break
        passes += 1
        doc = _segment(output, ruleset, config, path)
        if logs is None:
            candidates = detect_whole(ruleset.rules, doc)
        else:
            # the document-level kinds see the whole new text (their evidence may
            # have changed anywhere); the local ones only the lines around the
            # edits, and so do the evidence kinds whose facts all kept their values
            near = [r for r in evidenced if unchanged(doc, logs[r.id])]
            whole = document_level + tuple(r for r in evidenced if r not in near)
            for rule in whole:
                if rule.id in logs:
                    logs[rule.id] = {}  # read afresh
            doc.evidence_log.logs = logs
            candidates = detect_whole(whole, doc) + detect_near(local, doc, changed)
            if near:
                candidates += detect_near(near, doc, changed)
        more, _later_findings = _resolve(candidates, doc, config)
        if not more:
            break
        applied = compose_edits(text, applied, more)
        output = apply_edits(output, more)
        changed = changed_regions(more)
    return Result(original=text, text=output, edits=tuple(applied), findings=tuple(sorted(findings, key=edit_order)))


def _segment(text: str, ruleset: RuleSet, config: Config, path: str | None) -> Document:
    return segment(text, path=path, markdown=bool(config.markdown), known_terms=ruleset.known_terms)


def _resolve(candidates: list[Edit], doc: Document, config: Config) -> tuple[list[Edit], list[Edit]]:
    if doc.suppressions:  # `cleanup: ignore` lines
        candidates = [e for e in candidates if not doc.suppresses(e)]
    return resolve(candidates, doc, unsafe_fixes=config.unsafe_fixes)


def _unfinished(passes: int) -> Edit:
    """The finding that says the fixpoint was not reached (never a silent stop)."""
    return Edit(
        0,
        0,
        "",
        None,
        FIXPOINT_RULE,
        "pipeline",
        Tier.REVIEW,
        f"fixes kept revealing new fixes: stopped after {passes} passes; "
        "running fix again may change the text further",
    )


def changed_regions(edits: Sequence[Edit]) -> list[tuple[int, int]]:
    """Where applying ``edits`` (sorted, on one text) put new text, in the output's offsets.

    >>> from cleanup.model import Tier
    >>> e = [Edit(0, 3, "the", "", "r", "c", Tier.SAFE, ""), Edit(5, 6, "x", "yy", "r", "c", Tier.SAFE, "")]
    >>> changed_regions(e)
    [(0, 0), (2, 4)]
    """
    out = []
    delta = 0
    for e in sorted((e for e in edits if e.is_fix), key=lambda e: (e.start, e.end)):
        n = len(e.replacement or "")
        out.append((e.start + delta, e.start + delta + n))
        delta += n - (e.end - e.start)
    return out


def detect_near(rules: Sequence[Rule], doc: Document, changed: Sequence[tuple[int, int]]) -> list[Edit]:
    """The candidate edits of the *local* ``rules`` near the ``changed`` regions of ``doc``.

    Each rule runs on windows of whole lines around the changes (:func:`near_windows`);
    an edit counts when it reaches the lines next to a change, the rest of
    the window being context the previous pass already saw. The facts about
    the whole document the evidence rules read are noted in ``doc``'s open log.
    """
    out: list[Edit] = []
    text = doc.text
    for lo, hi, core_lo, core_hi in near_windows(text, changed):
        if lo == 0 and hi == len(text):
            sub, shift = doc, 0
        else:
            sub, shift = doc.window(lo, hi, evidence=True), lo
        for edit in detect(rules, sub):
            start, end = edit.start + shift, edit.end + shift
            if end >= core_lo and start <= core_hi:
                out.append(replace(edit, start=start, end=end) if shift else edit)
    return out


#: lines of context on each side of a change in a later pass: the lines a local
#: kind may look at (the edit's own lines and their neighbours), then as many again
CORE_LINES = 1
CONTEXT_LINES = 3


def near_windows(text: str, changed: Sequence[tuple[int, int]]) -> list[tuple[int, int, int, int]]:
    r"""Windows ``(lo, hi, core_lo, core_hi)`` of whole lines around the ``changed`` regions.

    The core is the changed lines with :data:`CORE_LINES` lines each side; the
    window adds :data:`CONTEXT_LINES` more non-blank lines each side (blank
    lines between are included). Windows are merged; the work is linear in
    the text however many regions there are.

    >>> t = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj"
    >>> [(t[lo:hi], t[a:b]) for lo, hi, a, b in near_windows(t, [(8, 9)])]
    [('a\nb\nc\nd\ne\nf\ng\nh\ni', 'd\ne\nf')]
    """
    windows: list[tuple[int, int, int, int]] = []
    floor = 0
    for a, b in sorted(changed):
        if windows and b <= windows[-1][3]:
            continue
        core_lo = _lines_back(text, a, CORE_LINES, floor)
        lo = _lines_back(text, core_lo, CONTEXT_LINES, floor, skip_blank=True)
        core_hi = _lines_forward(text, b, CORE_LINES)
        hi = _lines_forward(text, core_hi, CONTEXT_LINES, skip_blank=True)
        if windows and lo <= windows[-1][1]:
            w = windows[-1]
            windows[-1] = (w[0], max(hi, w[1]), w[2], max(core_hi, w[3]))
        else:
            windows.append((lo, hi, core_lo, core_hi))
        floor = windows[-1][1]
    return windows


def _lines_back(text: str, pos: int, lines: int, floor: int, *, skip_blank: bool = False) -> int:
    """The start of the line ``lines`` lines before the one holding ``pos`` (never below ``floor``)."""
    start = text.rfind("\n", floor, pos) + 1 if pos > floor else floor
    start = max(start, floor)
    while lines > 0 and start > floor:
        prev = text.rfind("\n", floor, start - 1) + 1
        prev = max(prev, floor)
        if not (skip_blank and not text[prev : start - 1].strip()):
            lines -= 1
        start = prev
    return start


def _lines_forward(text: str, pos: int, lines: int, *, skip_blank: bool = False) -> int:
    """The end of the line ``lines`` lines after the one holding ``pos`` (before its line break)."""
    end = text.find("\n", pos)
    if end == -1:
        return len(text)
    while lines > 0:
        nxt = text.find("\n", end + 1)
        nxt = len(text) if nxt == -1 else nxt
        if not (skip_blank and not text[end + 1 : nxt].strip()):
            lines -= 1
        end = nxt
        if end == len(text):
            break
    return end


@dataclass(frozen=True)
class FileResult:
    """The outcome of cleaning one file: its source, the result, and whether it was written."""

    source: Source
    result: Result
    written: bool


def clean_source(source: Source, config: Config | None = None, *, ledger: Ledger | None = None, jobs: int = 1) -> Result:
    """Clean an already-decoded :class:`Source` (a file or standard input).

    With a decisions ``ledger``, its decisions filter the result (see
    :meth:`cleanup.decisions.Ledger.filter`); ``jobs`` as in :func:`clean_text`.
    """
    config = config or Config()
    if config.markdown is None:
        config = config.merged(markdown=Path(source.name).suffix.lower() in MARKDOWN_SUFFIXES)
    result = clean_text(source.text, config, path=source.name, jobs=jobs)
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
    return across_sources([(name, _constant(text)) for name, text in texts], config)


def _constant(text: str) -> Callable[[], str]:
    return lambda: text


def across_sources(sources: Sequence[tuple[str, Callable[[], str]]], config: Config | None = None) -> tuple[CrossFinding, ...]:
    """:func:`across_files` for texts read when needed (``(path, read)`` pairs), none of them kept.

    A folder of books need not stay in memory for the cross-file report: each
    text is read once for its capitalised words, once more for the counts of
    their lower-case forms, and the texts where a name is spelled two ways once
    more for the places. Between the reads only those counts are held.
    """
    config = config or Config()
    ruleset = load_rules(config)
    if len(sources) < 2 or not any(r.kind == "names" for r in ruleset.rules):
        return ()
    from .kinds.names import clusters_from_counts, name_counts

    capitalised = [name_counts(read()) for _, read in sources]
    lower = {w.lower() for counts in capitalised for w in counts}
    per_text = [name_counts(read(), lower) for _, read in sources]
    del capitalised
    names = [name for name, _ in sources]
    wanted: list[tuple[list[tuple[str, tuple[int, ...]]], str]] = []
    for cluster in clusters_from_counts(per_text, ruleset.known_terms):
        used = dict(cluster.texts)
        if cluster.is_consistent or len({i for idx in used.values() for i in idx}) < 2:
            continue
        where = "; ".join(f"'{s}' {n}× in {', '.join(names[i] for i in used.get(s, ()))}" for s, n in cluster.spellings)
        preferred = f", most often '{cluster.preferred}'" if cluster.preferred else ""
        message = f"one name spelled {len(cluster.spellings)} ways{preferred}: {where}"
        wanted.append(([(s, used.get(s, ())) for s, _ in cluster.spellings], message))
    if not wanted:
        return ()
    # the places, reading each text that holds a spelling once
    spellings_in: dict[int, set[str]] = {}
    for spellings, _ in wanted:
        for spelling, files in spellings:
            for i in files:
                spellings_in.setdefault(i, set()).add(spelling)
    places: dict[tuple[int, str], list[Location]] = {}
    for i in sorted(spellings_in):
        text = sources[i][1]()
        for spelling in spellings_in[i]:
            pattern = regex.compile(rf"(?<!\w){regex.escape(spelling)}(?!\w)")
            found, line, counted = [], 1, 0  # the line counted on from the last place, not from the start
            for m in pattern.finditer(text):
                line += text.count("\n", counted, m.start())
                counted = m.start()
                found.append(Location(names[i], m.start(), m.end(), spelling, line, m.start() - text.rfind("\n", 0, m.start())))
            places[(i, spelling)] = found
    out: list[CrossFinding] = []
    for spellings, message in wanted:
        located = [(i, loc) for spelling, files in spellings for i in files for loc in places[(i, spelling)]]
        locations = [loc for _, loc in sorted(located, key=lambda item: (item[0], item[1].start))]
        out.append(CrossFinding("names.across-files", "names", Tier.REVIEW, message, tuple(locations)))
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
