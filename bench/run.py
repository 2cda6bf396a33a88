#!/usr/bin/env python3
"""Throughput and start-up benchmark for ``cleanup`` (a benchmark, not a test).

Run from anywhere::

    python3 bench/run.py                      # 20 MB corpus, best of 3, writes bench/RESULTS.md
    python3 bench/run.py --size-mb 5 --repeat 5 --profile --out /tmp/r.md

What it does, in order:

1. builds a deterministic corpus (fixed seed) of at least ``--size-mb`` MB
   (1 MB = 1,000,000 bytes of UTF-8) from ``samples/*.ru-en.mt.txt`` and
   ``tests/corpus/clean/*.txt`` and writes it, and 1 MB / 5 MB prefixes of it,
   to ``bench/out/`` (git-ignored);
2. measures the throughput of ``check`` (segment + detect + resolve, counting
   the findings, no apply) and ``fix`` (:func:`cleanup.clean_text`, which also
   applies) with the default rules, with ``unsafe_fixes=True`` and with the
   ``ru-en`` pack ignored, in-process; and ``cleanup fix --stdout`` on the big
   file through the CLI, end to end (start-up, reading, writing to a file);
3. measures start-up: ``cleanup check <1 KB file>`` against ``python3 -c pass``;
4. checks linearity: ``fix`` throughput at 1, 5 and N MB;
5. with ``--profile``: cProfile of one ``fix`` of 5 MB, per-stage and per-rule
   timings on the 5 MB text;
6. writes a Markdown summary with the figures against the targets.

cleanup is single-threaded, so every MB/s figure is per core. The machine is
shared: every figure is the best of ``--repeat`` runs (wall clock), with the
process CPU time of the same run beside it.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import hashlib
import io
import os
import platform
import pstats
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TypeVar

from cleanup import Config, Edit, Rule, apply_edits, clean_text, load_rules
from cleanup.detect import detect
from cleanup.model import Document
from cleanup.resolve import resolve
from cleanup.segment import segment

T = TypeVar("T")

REPO = Path(__file__).resolve().parent.parent
OUT_DIR = REPO / "bench" / "out"
MT_SAMPLE = REPO / "samples" / "trotsky-expulsion.ru-en.mt.txt"
CLEAN_DIR = REPO / "tests" / "corpus" / "clean"
SEED = 20240611
MB = 1_000_000

#: targets the summary table is checked against
TARGET_MBPS = 5.0
TARGET_STARTUP_S = 0.3

# Glued footnote numbers in the MT sample (``Pokrovsky73``, ``Bordiga,74``,
# ``it.”95``, ``etc. 92 I``): renumbered so they keep rising through the corpus.
_FOOTNOTE = re.compile(
    r"(?:(?<=[a-z])|(?<=[a-z][,.])|(?<=[a-z][”\"])|(?<=[a-z][,.][”\"]))(\d{1,3})(?!\w)"
    r"|(?<=etc\. )(\d{1,3})(?= [A-Z])"
)
_BLOCK = re.compile(r".*?(?:\n[ \t]*\n\s*|\Z)", re.DOTALL)


# --------------------------------------------------------------------------- corpus


def _blocks(text: str) -> list[str]:
    """Paragraphs of ``text``, each with the blank lines that follow it (joined back, they give the text)."""
    blocks = [m.group() for m in _BLOCK.finditer(text) if m.group()]
    if blocks and not blocks[-1].endswith("\n\n"):
        blocks[-1] = blocks[-1].rstrip("\n") + "\n\n"
    return blocks


def corpus_stream(seed: int = SEED) -> Iterator[str]:
    """An endless, deterministic stream of corpus pieces (paragraphs and whole clean texts).

    Each "chapter" is the MT sample with its paragraphs shuffled, and every
    clean text (kept whole: lists, verse and notes sections keep their
    structure) inserted at a random paragraph boundary. The sample's glued
    footnote numbers are renumbered with a global counter that rises by 1–3
    and starts again at 1 after 999 (a new "volume": four digits are years).
    """
    rng = random.Random(seed)
    mt_blocks = _blocks(MT_SAMPLE.read_text(encoding="utf-8"))
    clean_texts = [p.read_text(encoding="utf-8").rstrip("\n") + "\n\n" for p in sorted(CLEAN_DIR.glob("*.txt"))]
    note = 0
    chapter = 0
    while True:
        chapter += 1
        pieces = mt_blocks[:]
        rng.shuffle(pieces)
        for text in clean_texts:
            pieces.insert(rng.randrange(len(pieces) + 1), text)
        yield f"Chapter {chapter}\n\n"
        for piece in pieces:
            if piece in clean_texts:
                yield piece
                continue

            def renumber(m: re.Match[str]) -> str:
                nonlocal note
                note += rng.choice((1, 1, 1, 2, 3))
                if note > 999:
                    note = 1
                return str(note)

            yield _FOOTNOTE.sub(renumber, piece)


def build_corpus(size_bytes: int, seed: int = SEED) -> str:
    """The shortest prefix of :func:`corpus_stream` (whole pieces) with at least ``size_bytes`` UTF-8 bytes."""
    parts: list[str] = []
    total = 0
    for piece in corpus_stream(seed):
        parts.append(piece)
        total += len(piece.encode("utf-8"))
        if total >= size_bytes:
            break
    return "".join(parts)


def write_corpus(sizes_mb: Sequence[int], seed: int = SEED) -> dict[int, Path]:
    """Write one corpus file per size to ``bench/out/`` (each a prefix of the largest)."""
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    paths: dict[int, Path] = {}
    for size in sizes_mb:
        path = OUT_DIR / f"corpus-{size}mb.txt"
        path.write_text(build_corpus(size * MB, seed), encoding="utf-8")
        paths[size] = path
    small = OUT_DIR / "corpus-1kb.txt"
    small.write_text(build_corpus(1000, seed)[:1200].rsplit("\n\n", 1)[0] + "\n", encoding="utf-8")
    paths[0] = small
    return paths


def size_mb(text: str) -> float:
    """Size of ``text`` in MB of UTF-8 (1 MB = 10^6 bytes)."""
    return len(text.encode("utf-8")) / MB


# --------------------------------------------------------------------------- timing


@dataclass
class Timing:
    """Wall-clock and CPU seconds of repeated runs."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    #: why a run failed (a command that crashed or timed out); the runs before it still count
    error: str | None = None

    @property
    def ok(self) -> bool:
        """True when at least one run completed and none failed."""
        return bool(self.wall) and self.error is None

    @property
    def best(self) -> float:
        """Best (lowest) wall time (NaN when no run completed)."""
        return min(self.wall) if self.wall else float("nan")

    @property
    def median(self) -> float:
        """Median wall time (NaN when no run completed)."""
        return statistics.median(self.wall) if self.wall else float("nan")

    @property
    def best_cpu(self) -> float:
        """CPU time of the run with the best wall time (NaN when no run completed)."""
        return self.cpu[self.wall.index(self.best)] if self.wall else float("nan")

    @property
    def median_cpu(self) -> float:
        """Median CPU time (NaN when no run completed)."""
        return statistics.median(self.cpu) if self.cpu else float("nan")


def time_call(fn: Callable[[], T], repeat: int) -> tuple[Timing, T]:
    """Run ``fn`` ``repeat`` times (at least once); wall and process CPU time of each, and the last result."""
    timing = Timing()
    for _ in range(max(1, repeat)):
        c0, w0 = time.process_time(), time.perf_counter()
        result = fn()
        w1, c1 = time.perf_counter(), time.process_time()
        timing.wall.append(w1 - w0)
        timing.cpu.append(c1 - c0)
    return timing, result


def _children_cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


#: default seconds one subprocess run may take before it is killed (``--timeout``)
DEFAULT_TIMEOUT_S = 1800.0


def time_command(
    argv: Sequence[str], repeat: int, stdout_path: Path | None = None, timeout: float = DEFAULT_TIMEOUT_S
) -> Timing:
    """Run ``argv`` ``repeat`` times as a subprocess (exit 0 or 1 accepted); wall and CPU time.

    A run that fails or outlives ``timeout`` seconds stops the series and is
    recorded in :attr:`Timing.error` (the code under test lives in a shared
    tree and may be broken mid-edit: one bad run must not lose the others).
    """
    timing = Timing()
    for _ in range(repeat):
        with open(stdout_path or os.devnull, "wb") as out:
            c0, w0 = _children_cpu(), time.perf_counter()
            try:
                proc = subprocess.run(argv, check=False, stdout=out, stderr=subprocess.PIPE, cwd=REPO, timeout=timeout)
            except subprocess.TimeoutExpired:
                timing.error = f"timed out after {timeout:.0f} s"
                log(f"    {' '.join(argv)}: {timing.error}")
                return timing
            w1, c1 = time.perf_counter(), _children_cpu()
        if proc.returncode not in (0, 1):
            last = proc.stderr.decode(errors="replace").strip().splitlines()[-1:] or [""]
            timing.error = f"exit {proc.returncode}: {last[0][:200]}"
            log(f"    {' '.join(argv)}: {timing.error}")
            return timing
        timing.wall.append(w1 - w0)
        timing.cpu.append(c1 - c0)
    return timing


# --------------------------------------------------------------------------- the measured operations


def check_once(text: str, config: Config) -> int:
    """Detection only: segment, detect and resolve as :func:`cleanup.clean_text` does, no apply.

    Returns the number of edits and findings (what ``cleanup check`` reports).
    """
    ruleset = load_rules(config)
    doc = segment(text, markdown=bool(config.markdown), known_terms=ruleset.known_terms)
    applied, findings = resolve(detect(ruleset.rules, doc), doc, unsafe_fixes=config.unsafe_fixes)
    return len(applied) + len(findings)


def fix_once(text: str, config: Config) -> tuple[int, int]:
    """:func:`cleanup.clean_text` (detect, resolve, apply); the numbers of applied edits and findings."""
    result = clean_text(text, config)
    return len(result.edits), len(result.findings)


@dataclass
class Row:
    """One throughput figure."""

    name: str
    mb: float
    timing: Timing
    note: str = ""
    target: bool = False  # checked against TARGET_MBPS

    @property
    def mbps(self) -> float:
        """MB/s from the best wall time."""
        return self.mb / self.timing.best

    @property
    def mbps_cpu(self) -> float:
        """MB/s from the CPU time of the best run."""
        return self.mb / self.timing.best_cpu if self.timing.best_cpu > 0 else float("nan")


def cli_argv() -> tuple[list[str], str]:
    """The ``cleanup`` console script of this interpreter (not a pyenv shim), and how it was found."""
    script = Path(sys.executable).parent / "cleanup"
    if script.is_file():
        return [str(script)], str(script)
    return [sys.executable, "-m", "cleanup"], f"{sys.executable} -m cleanup"


def log(message: str) -> None:
    """Progress to standard error."""
    print(message, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- sections


def measure_throughput(text: str, big: Path, repeat: int, timeout: float) -> list[Row]:
    """Library check/fix with three configs, and the CLI fix end to end."""
    mb = size_mb(text)
    configs = [
        ("default", Config(), True),
        ("unsafe_fixes=True", Config(unsafe_fixes=True), False),
        ("ignore ru-en", Config(ignore=("ru-en",)), False),
    ]
    rows: list[Row] = []
    for label, config, is_target in configs:
        fix_once(text[:20_000], config)  # rule loading and lazily loaded models are start-up, not throughput
        if is_target:  # check differs from fix only by apply: once is enough
            log(f"  check, {label} ...")
            timing, found = time_call(partial(check_once, text, config), repeat)
            rows.append(Row(f"check (library), {label}", mb, timing, f"{found} edits+findings", is_target))
        log(f"  fix, {label} ...")
        timing, counts = time_call(partial(fix_once, text, config), repeat)
        applied, findings = counts
        rows.append(Row(f"fix (library `clean_text`), {label}", mb, timing, f"{applied} applied, {findings} findings", is_target))
    argv, _ = cli_argv()
    out = OUT_DIR / f"{big.stem}.fixed.txt"
    log("  cleanup fix --stdout (CLI) ...")
    timing = time_command([*argv, "fix", "--stdout", str(big)], repeat, stdout_path=out, timeout=timeout)
    rows.append(Row("`cleanup fix --stdout` (CLI, end to end), default", mb, timing, "includes start-up, read, write", True))
    return rows


@dataclass
class Startup:
    """Start-up figures: label -> timing of a 20-run loop."""

    rows: list[tuple[str, Timing, bool]]
    imports: list[tuple[float, str]]
    loading: dict[str, float]  # phase -> ms, in a fresh interpreter
    compile_ms: list[tuple[str, str, float]]  # rule id, kind, ms to compile its detector


def measure_startup(small: Path, runs: int = 20, timeout: float = 60.0) -> Startup:
    """Wall time of ``cleanup check <1 KB>`` against a bare interpreter, with a breakdown."""
    argv, where = cli_argv()
    py = sys.executable
    cases: list[tuple[str, list[str], bool]] = [
        ("`python3 -c pass`", [py, "-c", "pass"], False),
        ("`python3 -c 'import cleanup.cli'`", [py, "-c", "import cleanup.cli"], False),
        ("`python3 -c` import + `load_rules(Config())`", [py, "-c", "import cleanup.cli as c; c.load_rules(c.Config())"], False),
        (f"`cleanup check` 1 KB file ({Path(where).name})", [*argv, "check", str(small)], True),
    ]
    on_path = shutil.which("cleanup")
    if on_path and Path(on_path).resolve() != Path(argv[0]).resolve():
        cases.append((f"`cleanup check` 1 KB via PATH ({on_path})", [on_path, "check", str(small)], False))
    rows = []
    for label, cmd, is_target in cases:
        log(f"  {label} x{runs} ...")
        time_command(cmd, 1, timeout=timeout)  # warm the page cache
        rows.append((label, time_command(cmd, runs, timeout=timeout), is_target))
    log("  rule loading breakdown ...")
    loading, compile_ms = rule_loading()
    return Startup(rows, import_times([py, "-X", "importtime", "-m", "cleanup", "check", str(small)]), loading, compile_ms)


_LOADING_SNIPPET = r"""
import json, time
t0 = time.perf_counter()
import cleanup.cli
t1 = time.perf_counter()
import regex, tomllib
from cleanup.rules import builtin_rule_files
files = builtin_rule_files()
t2 = time.perf_counter()
for _, text in files:
    tomllib.loads(text)
t3 = time.perf_counter()
import cleanup
rules = cleanup.load_rules(cleanup.Config()).rules
t4 = time.perf_counter()
from cleanup.kinds import compiler_for
per = []
for rule in rules:
    regex.purge()
    s = time.perf_counter()
    compiler_for(rule.kind, rule.source)(rule)
    per.append((rule.id, rule.kind, (time.perf_counter() - s) * 1000))
print(json.dumps({"phases": {"import cleanup.cli": (t1 - t0) * 1000, "read rule files": (t2 - t1) * 1000,
                             "parse TOML (again, alone)": (t3 - t2) * 1000, "load_rules(Config()) (parse, validate, compile)": (t4 - t3) * 1000},
                  "per_rule": per}))
"""


def rule_loading() -> tuple[dict[str, float], list[tuple[str, str, float]]]:
    """In a fresh interpreter: import time, rule parsing and compiling, and each rule's compile time (regex cache purged)."""
    import json

    proc = subprocess.run([sys.executable, "-c", _LOADING_SNIPPET], check=False, capture_output=True, text=True, cwd=REPO)
    if proc.returncode != 0:
        log(f"  (rule loading breakdown failed: {proc.stderr.strip()[-500:]})")
        return {}, []
    data = json.loads(proc.stdout)
    per = sorted(((r, k, ms) for r, k, ms in data["per_rule"]), key=lambda x: -x[2])
    return data["phases"], per


def import_times(argv: Sequence[str]) -> list[tuple[float, str]]:
    """Top-level modules imported by ``argv`` and their cumulative import time in ms (from ``-X importtime``)."""
    proc = subprocess.run(argv, check=False, capture_output=True, text=True, cwd=REPO)
    out: list[tuple[float, str]] = []
    for line in proc.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \| ( *)(\S+)", line)
        if m and not m.group(3):
            out.append((int(m.group(2)) / 1000, m.group(4)))
    return sorted(out, reverse=True)[:10]


def measure_linearity(paths: dict[int, Path], sizes: Sequence[int], repeat: int, known: Row | None) -> list[tuple[int, float, float]]:
    """``fix`` (default rules) MB/s at each size: (size, MB/s, ratio to the smallest)."""
    out: list[tuple[int, float, float]] = []
    for size in sizes:
        if known is not None and size == max(sizes):
            mbps = known.mbps
        else:
            text = paths[size].read_text(encoding="utf-8")
            log(f"  fix at {size} MB ...")
            timing, _ = time_call(partial(fix_once, text, Config()), repeat)
            mbps = size_mb(text) / timing.best
        out.append((size, mbps, mbps / out[0][1] if out else 1.0))
    return out


@dataclass
class Profile:
    """cProfile listings, per-stage and per-rule timings on one text."""

    mb: float
    cumulative: str
    tottime: str
    stages: list[tuple[str, float]]
    per_rule: list[tuple[str, str, str, float, int]]  # id, pack, kind, seconds, edits


def profile(text: str, repeat: int) -> Profile:
    """Profile one ``fix`` of ``text``; time each stage and each rule's detector."""
    config = Config()
    ruleset = load_rules(config)
    log("  cProfile of one fix ...")
    prof = cProfile.Profile()
    prof.enable()
    clean_text(text, config)
    prof.disable()
    listings = []
    for key, count in (("cumulative", 25), ("tottime", 15)):
        buf = io.StringIO()
        stats = pstats.Stats(prof, stream=buf)
        stats.strip_dirs().sort_stats(key).print_stats(count)
        listings.append(_trim_pstats(buf.getvalue()))

    log("  stages ...")
    doc = segment(text, known_terms=ruleset.known_terms)
    t_seg, _ = time_call(lambda: segment(text, known_terms=ruleset.known_terms), repeat)
    t_det, cands = time_call(lambda: detect(ruleset.rules, doc), repeat)
    t_res, res = time_call(lambda: resolve(cands, doc, unsafe_fixes=False), repeat)
    applied = res[0]
    t_app, _ = time_call(lambda: apply_edits(text, applied), repeat)
    stages = [("segment", t_seg.best), ("detect (all rules)", t_det.best), ("resolve", t_res.best), ("apply", t_app.best)]

    log(f"  per rule ({len(ruleset.rules)} rules) ...")
    per_rule = []
    for rule in ruleset.rules:
        best, count = float("inf"), 0
        for _ in range(repeat):
            # a fresh document each run: a statistic a kind caches per document is charged to every rule using it
            fresh = segment(text, known_terms=ruleset.known_terms)
            timing, edits = time_call(partial(_run_detector, rule, fresh), 1)
            best, count = min(best, timing.best), len(edits)
        per_rule.append((rule.id, rule.pack, rule.kind, best, count))
    per_rule.sort(key=lambda r: -r[3])
    return Profile(size_mb(text), listings[0], listings[1], stages, per_rule)


def _run_detector(rule: Rule, doc: Document) -> list[Edit]:
    """Every edit ``rule`` proposes on ``doc``."""
    return list(rule.detector(doc))


def _trim_pstats(listing: str) -> str:
    """Drop the pstats preamble, keep the table."""
    lines = listing.splitlines()
    for i, line in enumerate(lines):
        if line.lstrip().startswith("ncalls"):
            return "\n".join(lines[i:]).rstrip()
    return listing.rstrip()


# --------------------------------------------------------------------------- report


def machine() -> dict[str, str]:
    """Cores, CPU model, Python, OS and load average."""
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = " ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    try:
        import regex

        regex_version = regex.__version__
    except ImportError:  # pragma: no cover
        regex_version = "n/a"
    return {
        "code": code_state(),
        "fingerprint": fingerprint(),
        "cores": str(os.cpu_count()),
        "cpu": model,
        "python": f"{platform.python_implementation()} {platform.python_version()} ({sys.executable})",
        "regex": regex_version,
        "os": platform.platform(),
        "load": load,
    }


def package_dir() -> Path:
    """Where the ``cleanup`` being measured was imported from (``PYTHONPATH`` can point at a snapshot)."""
    import cleanup

    return Path(cleanup.__file__).resolve().parent


def fingerprint() -> str:
    """A hash of the measured package's sources and data, to notice the code changing during a run."""
    digest = hashlib.sha1()
    root = package_dir()
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def code_state() -> str:
    """Where cleanup came from: its folder, and the commit and uncommitted files when it is a git checkout."""
    pkg = package_dir()

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], check=True, capture_output=True, text=True, cwd=pkg).stdout.strip()

    try:
        head = git("rev-parse", "--short", "HEAD")
        dirty = git("status", "--porcelain", "--", ".")
    except (OSError, subprocess.CalledProcessError):
        return f"`{pkg}` (not a git checkout)"
    changed = len(dirty.splitlines())
    return f"`{pkg}`, commit {head}" + (f" + {changed} uncommitted file(s) in the package" if changed else "")


def verdict(ok: bool) -> str:
    """The table's verdict cell."""
    return "✅ met" if ok else "❌ **missed**"


def render(
    args: argparse.Namespace,
    info: dict[str, str],
    load_after: str,
    fingerprint_after: str,
    corpus: dict[int, Path],
    rows: list[Row],
    startup: Startup,
    linearity: list[tuple[int, float, float]],
    prof: Profile | None,
    elapsed: float,
    sections: dict[str, float],
) -> str:
    """The Markdown summary."""
    big = corpus[max(k for k in corpus)]
    out: list[str] = []
    w = out.append
    w("# cleanup benchmark results\n")
    w(f"Generated by `python3 bench/run.py {' '.join(sys.argv[1:])}` on {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}; "
      f"the whole run took {elapsed / 60:.1f} min.\n")
    w("| | |\n|---|---|")
    note = f"; {args.code_note}" if args.code_note else ""
    w(f"| Code | {info['code']}{note}, {len(load_rules(Config()).rules)} rules in the default set |")
    if info["fingerprint"] != fingerprint_after:
        w(f"| ⚠️ Code changed during the run | package hash {info['fingerprint']} at the start, {fingerprint_after} at the end: "
          "in-process figures measure the code as it was at the start, subprocess figures whatever was there when they ran |")
    w(f"| CPU | {info['cpu']}, {info['cores']} cores (cleanup is single-threaded: every MB/s is **per core**) |")
    w(f"| Python | {info['python']}, regex {info['regex']} |")
    w(f"| OS | {info['os']} |")
    w(f"| Load average (1/5/15 min) | before {info['load']}, after {load_after} (shared machine: timings are noisy) |")
    w(f"| Corpus | `{big.relative_to(REPO)}`, {size_mb(big.read_text(encoding='utf-8')):.2f} MB (10^6 bytes of UTF-8), seed {SEED} |")
    w(f"| Runs | best of {args.repeat} (wall clock); CPU = process CPU time of that run |\n")

    w("## Figures against the targets\n")
    w(f"Targets: ≥ {TARGET_MBPS:g} MB/s per core with the default rules; start-up ≤ {TARGET_STARTUP_S:g} s.\n")
    w("| Measurement | Figure | Target | Verdict | Notes |\n|---|---:|---|---|---|")
    for row in rows:
        target = f"≥ {TARGET_MBPS:g} MB/s" if row.target else "—"
        if not row.timing.wall:
            w(f"| {row.name} | **failed** | {target} | ❌ **not measured** | {row.timing.error} |")
            continue
        ok = verdict(row.mbps >= TARGET_MBPS) if row.target else "(informative)"
        failed = f"; a later run failed: {row.timing.error}" if row.timing.error else ""
        w(f"| {row.name} | **{row.mbps:.2f} MB/s** (CPU: {row.mbps_cpu:.2f}) | {target} | {ok} | "
          f"best {row.timing.best:.1f} s, median {row.timing.median:.1f} s, first {row.timing.wall[0]:.1f} s "
          f"of {len(row.timing.wall)}; {row.note}{failed} |")
    for label, timing, is_target in startup.rows:
        target = f"≤ {TARGET_STARTUP_S:g} s" if is_target else "—"
        if not timing.wall:
            w(f"| start-up: {label} | **failed** | {target} | ❌ **not measured** | {timing.error} |")
            continue
        ok = verdict(timing.median <= TARGET_STARTUP_S) if is_target else "(comparison)"
        w(f"| start-up: {label} | **{timing.median * 1000:.0f} ms** median | {target} | {ok} | "
          f"best {timing.best * 1000:.0f} ms, {len(timing.wall)} runs, CPU {timing.median_cpu * 1000:.0f} ms |")
    w("")
    base = {r.name: r for r in rows}
    default_fix = base.get("fix (library `clean_text`), default")
    no_ruen = base.get("fix (library `clean_text`), ignore ru-en")
    unsafe = base.get("fix (library `clean_text`), unsafe_fixes=True")
    if default_fix and no_ruen and unsafe:
        t_all, t_core = default_fix.timing.best, no_ruen.timing.best
        w("**What each pack costs** (fix, best wall time on the corpus): core rules alone "
          f"{t_core:.1f} s, core + ru-en {t_all:.1f} s, so the ru-en pack adds {t_all - t_core:.1f} s "
          f"({(t_all - t_core) / default_fix.mb * 1000:.0f} ms per MB, {100 * (t_all - t_core) / t_all:.0f}% of the total); "
          f"`unsafe_fixes=True` takes {unsafe.timing.best:.1f} s (it runs the same detectors; only resolve differs).\n")

    w("## Linearity\n")
    w("`fix` with the default rules on prefixes of the same corpus; a ratio well below 1 means the cost grows faster than the input.\n")
    w("| Size | MB/s | Ratio to 1 MB |\n|---:|---:|---:|")
    for size, mbps, ratio in linearity:
        w(f"| {size} MB | {mbps:.2f} | {ratio:.2f} |")
    w("")

    if startup.imports:
        w("## Start-up: slowest top-level imports of `cleanup check` (`-X importtime`, one run)\n")
        w("| Module | Cumulative ms |\n|---|---:|")
        for ms, name in startup.imports:
            w(f"| `{name}` | {ms:.0f} |")
        w("")

    if startup.loading:
        w("## Start-up: rule loading in a fresh interpreter (one run)\n")
        w("| Phase | ms |\n|---|---:|")
        for phase, ms in startup.loading.items():
            w(f"| {phase} | {ms:.0f} |")
        w("")
        w("Slowest rules to compile (regex cache purged before each):\n")
        w("| Rule | Kind | ms |\n|---|---|---:|")
        for rule_id, kind, ms in startup.compile_ms[:10]:
            w(f"| `{rule_id}` | {kind} | {ms:.1f} |")
        w(f"| all {len(startup.compile_ms)} rules | | {sum(ms for _, _, ms in startup.compile_ms):.0f} |")
        w("")

    if sections:
        w("## Where the benchmark's own time went\n")
        w("| Section | min |\n|---|---:|")
        for name, secs in sections.items():
            w(f"| {name} | {secs / 60:.1f} |")
        w("")

    if prof is not None:
        w(f"## Profile ({prof.mb:.2f} MB, default rules)\n")
        w("### Stages\n")
        w("| Stage | s | ms per MB |\n|---|---:|---:|")
        for name, secs in prof.stages:
            w(f"| {name} | {secs:.2f} | {secs / prof.mb * 1000:.0f} |")
        w("")
        w("### Per rule (`list(rule.detector(doc))`, best of the runs, slowest first)\n")
        total = sum(r[3] for r in prof.per_rule)
        w("| Rule | Pack | Kind | ms per MB | Share | Edits |\n|---|---|---|---:|---:|---:|")
        for rule_id, pack, kind, secs, edits in prof.per_rule:
            w(f"| `{rule_id}` | {pack} | {kind} | {secs / prof.mb * 1000:.1f} | {100 * secs / total:.1f}% | {edits} |")
        w("")
        kinds: dict[str, float] = {}
        for _, _, kind, secs, _ in prof.per_rule:
            kinds[kind] = kinds.get(kind, 0.0) + secs
        w("### Per kind\n")
        w("| Kind | ms per MB | Share |\n|---|---:|---:|")
        for kind, secs in sorted(kinds.items(), key=lambda kv: -kv[1]):
            w(f"| {kind} | {secs / prof.mb * 1000:.1f} | {100 * secs / total:.1f}% |")
        w("")
        w("### cProfile, top 25 by cumulative time\n")
        w("```\n" + prof.cumulative + "\n```\n")
        w("### cProfile, top 15 by own time\n")
        w("```\n" + prof.tottime + "\n```\n")
    return "\n".join(out)


def print_summary(rows: list[Row], startup: Startup, linearity: list[tuple[int, float, float]], prof: Profile | None) -> None:
    """The figures on standard output."""
    print("\nThroughput (MB/s per core, best wall; CPU-time figure in brackets)")
    for row in rows:
        mark = ("OK " if row.mbps >= TARGET_MBPS else "MISS") if row.target else "    "
        if not row.timing.wall:
            mark = "FAIL"
        print(f"  {mark} {row.name:<58} {row.mbps:7.2f}  ({row.mbps_cpu:.2f})  {row.note} {row.timing.error or ''}")
    print("\nStart-up (median / best of runs)")
    for label, timing, is_target in startup.rows:
        mark = ("OK " if timing.median <= TARGET_STARTUP_S else "MISS") if is_target else "    "
        if not timing.wall:
            mark = "FAIL"
        print(f"  {mark} {label:<58} {timing.median * 1000:6.0f} ms / {timing.best * 1000:.0f} ms {timing.error or ''}")
    if startup.loading:
        print("\nRule loading in a fresh interpreter")
        for phase, ms in startup.loading.items():
            print(f"  {phase:<50} {ms:6.0f} ms")
        for rule_id, kind, ms in startup.compile_ms[:10]:
            print(f"    compile {rule_id:<42} {kind:<14} {ms:6.1f} ms")
    print("\nLinearity (fix, default rules)")
    for size, mbps, ratio in linearity:
        print(f"  {size:>4} MB  {mbps:7.2f} MB/s  ratio {ratio:.2f}")
    if prof is not None:
        print(f"\nStages on {prof.mb:.2f} MB")
        for name, secs in prof.stages:
            print(f"  {name:<22} {secs:8.2f} s")
        print(f"\nPer rule on {prof.mb:.2f} MB (ms per MB)")
        for rule_id, _, kind, secs, edits in prof.per_rule:
            print(f"  {secs / prof.mb * 1000:9.1f}  {rule_id:<42} {kind:<14} {edits} edits")
        print("\ncProfile, top 25 by cumulative time\n" + prof.cumulative)
        print("\ncProfile, top 15 by own time\n" + prof.tottime)


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the options, run every section, write the summary."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=int, default=20, help="corpus size in MB (10^6 bytes), at least 1 (default 20)")
    parser.add_argument("--repeat", "-n", type=int, default=3, help="runs per throughput figure; the best counts (default 3)")
    parser.add_argument("--startup-runs", type=int, default=20, help="runs per start-up figure (default 20)")
    parser.add_argument("--profile", action="store_true", help="also cProfile one 5 MB fix and time every rule on it")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT_S,
                        help=f"seconds one CLI run on the big file may take before it is killed and reported (default {DEFAULT_TIMEOUT_S:.0f})")
    parser.add_argument("--code-note", default="", help="a note on the code measured, for the summary (e.g. 'git archive of abc123')")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "RESULTS.md", help="Markdown summary (default bench/RESULTS.md)")
    args = parser.parse_args(argv)
    if args.size_mb < 1 or args.repeat < 1:
        parser.error("--size-mb and --repeat must be at least 1")

    started = time.perf_counter()
    info = machine()
    log(f"measuring cleanup from {info['code']}")
    sizes = sorted({s for s in (1, 5) if s < args.size_mb} | {args.size_mb})
    log(f"building the corpus: {', '.join(f'{s} MB' for s in sizes)} in {OUT_DIR} ...")
    corpus = write_corpus(sizes)
    big = corpus[args.size_mb]
    text = big.read_text(encoding="utf-8")
    log(f"corpus: {size_mb(text):.2f} MB")

    sections: dict[str, float] = {"build the corpus": time.perf_counter() - started}

    def section(name: str, fn: Callable[[], T]) -> T:
        log(f"{name} ...")
        t0 = time.perf_counter()
        result = fn()
        sections[name] = time.perf_counter() - t0
        return result

    rows = section(f"throughput at {args.size_mb} MB", lambda: measure_throughput(text, big, args.repeat, args.timeout))
    startup = section("start-up", lambda: measure_startup(corpus[0], args.startup_runs))
    default_fix = next(r for r in rows if r.name == "fix (library `clean_text`), default")
    linearity = section("linearity (smaller sizes)", lambda: measure_linearity(corpus, sizes, args.repeat, default_fix))
    prof = None
    if args.profile:
        ptext = corpus[5].read_text(encoding="utf-8") if 5 in corpus else text
        prof = section("profile", lambda: profile(ptext, args.repeat))

    load_after = " ".join(f"{x:.2f}" for x in os.getloadavg())
    elapsed = time.perf_counter() - started
    print_summary(rows, startup, linearity, prof)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(render(args, info, load_after, fingerprint(), corpus, rows, startup, linearity, prof, elapsed, sections) + "\n", encoding="utf-8")
    print(f"\nwrote {args.out} ({elapsed / 60:.1f} min)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
