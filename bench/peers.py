#!/usr/bin/env python3
"""cleanup beside its peers, in one run: throughput, start-up, memory, scaling, glossaries, --jobs.

A benchmark, not a test. Every figure is one whole process (the CLI as a user
runs it), measured with ``os.wait4``: CPU time (user + system) and peak
resident memory of that process alone. Run from the repository::

    pip install -e ".[bench]"            # codespell, typos, ftfy (peers: for measuring only)
    python3 bench/peers.py                # writes bench/RESULTS.md
    python3 bench/peers.py --scale 0.25 --out /tmp/r.md

The corpora are built here: MT text is bench/run.py's corpus (the
sample's paragraphs shuffled, footnotes renumbered, the clean texts mixed in), clean English the negative corpus repeated
(``tests/corpus/clean``). ``--scale`` multiplies every size (the issue's 10 MB
and 1/10/50 MB become 10·s MB and s/10·s/50·s MB); the default 0.1 keeps a run
near ten minutes on a shared 2-core machine at today's speed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MT_SAMPLE = REPO / "samples" / "trotsky-expulsion.ru-en.mt.txt"
CLEAN_DIR = REPO / "tests" / "corpus" / "clean"
MB = 1_000_000
BIN = Path(sys.executable).parent


@dataclass
class Run:
    """One process: CPU seconds, wall seconds, peak RSS in MiB, exit code."""

    cpu: float
    wall: float
    rss_mib: float
    code: int


def run(argv: Sequence[str], stdin: Path | None = None) -> Run:
    """Run ``argv`` to the end, output discarded; CPU and peak memory of that process only."""
    t0 = time.perf_counter()
    with open(stdin or os.devnull, "rb") as inp:
        proc = subprocess.Popen(list(argv), stdin=inp, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Run(usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024, proc.returncode)


def best(argv: Sequence[str], repeat: int) -> Run:
    runs = [run(argv) for _ in range(repeat)]
    return min(runs, key=lambda r: r.cpu)


def build(kind: str, size: int, path: Path) -> Path:
    """A file of about ``size`` bytes of MT text (``mt``) or clean English (``clean``)."""
    if kind == "mt":
        # bench/run.py's corpus: the sample's paragraphs shuffled, its glued footnote
        # numbers renumbered to keep rising (a sample repeated verbatim restarts its
        # footnote chain in every copy, which the fixpoint then unglues copy by copy)
        sys.path.insert(0, str(REPO / "bench"))
        from run import build_corpus

        path.write_text(build_corpus(size), encoding="utf-8")
        return path
    else:
        unit = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(CLEAN_DIR.glob("*.txt")))
    data = unit.encode("utf-8")
    with path.open("wb") as out:
        written = 0
        while written < size:
            out.write(data + b"\n\n")
            written += len(data) + 2
    return path


def cleanup(*args: str) -> list[str]:
    return [str(BIN / "cleanup"), *args]


def peer_commands(path: Path) -> dict[str, list[str]]:
    return {
        "cleanup check": cleanup("check", "--isolated", "--exit-zero", "-j", "1", str(path)),
        "codespell": [str(BIN / "codespell"), str(path)],
        "typos": [str(BIN / "typos"), "--format", "brief", str(path)],
        "ftfy (fix_text)": [sys.executable, "-c", "import ftfy,sys; ftfy.fix_text(open(sys.argv[1], encoding='utf-8').read())", str(path)],
        "read + one regex": [sys.executable, "-c", "import re,sys; len(re.findall(r' [.,;:]', open(sys.argv[1], encoding='utf-8').read()))", str(path)],
    }


def mbps(size: int, r: Run) -> float:
    return size / MB / max(r.cpu, 1e-6)


def glossary(path: Path, n: int) -> Path:
    rng = random.Random(n)

    def word() -> str:
        return "".join(rng.choice("bcdfgklmnprstvz") + rng.choice("aeiou") for _ in range(rng.randint(3, 5)))

    rows = ["term\tvariants"] + [f"{word().capitalize()} {word()}\t{word()}ov {word()}" for _ in range(n)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def hostile(shape: str, size: int) -> str:
    prose = "The committee met on Tuesday and THE members discussed the plan for the new school in detail. "
    if shape == "one long line":
        return (prose * (size // len(prose) + 1))[:size]
    if shape == "a.a.a run after a URL":
        return "see http://x.org/ then " + "a." * (size // 2)
    if shape == "chains of fixes (the THE  site. )":
        return ("the THE  site. " * (size // 15 + 1))[:size]
    return ((prose + "\n\n") * (size // (len(prose) + 2) + 1))[:size]


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", type=float, default=0.1, help="multiplies every corpus size (default 0.1)")
    ap.add_argument("--repeat", type=int, default=1, help="runs per throughput figure, the least CPU counts")
    ap.add_argument("--out", type=Path, default=REPO / "bench" / "RESULTS.md")
    args = ap.parse_args(argv)
    started = time.perf_counter()
    s = args.scale
    tmp = Path(tempfile.mkdtemp(prefix="cleanup-bench-"))
    lines: list[str] = []
    say = lines.append

    def log(msg: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f}s] {msg}", file=sys.stderr, flush=True)

    commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--", "src"], capture_output=True, text=True).stdout.strip()
    say("# cleanup benchmark results\n")
    say(f"Generated by `python3 bench/peers.py --scale {s} --repeat {args.repeat}` on "
        f"{dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC, commit `{commit}`{' (src/ modified!)' if dirty else ''}; "
        f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} cores, load average "
        f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} at the start (a shared machine: figures are noisy).\n")
    say("Every figure is a whole process as a user runs it: CPU time (user + system) of that process, "
        "MB/s = 10^6 bytes of UTF-8 per CPU second, peak RSS from `wait4`. Sizes are the issue's scaled by "
        f"{s} to keep the run near ten minutes.\n")

    # 1. throughput beside the peers
    for kind, label in (("mt", "MT text (bench/run.py's corpus)"), ("clean", "clean English (the negative corpus repeated)")):
        size = int(10 * MB * s)
        path = build(kind, size, tmp / f"{kind}.txt")
        say(f"## Throughput on {size / MB:.1f} MB of {label}\n")
        say("| tool | CPU s | MB/s | peak RSS MiB | cleanup's ratio |")
        say("|---|---:|---:|---:|---:|")
        results = {}
        for name, cmd in peer_commands(path).items():
            if kind == "clean" and name.startswith(("ftfy", "read")):
                continue
            log(f"{name} on {kind}")
            results[name] = best(cmd, args.repeat)
        ours = mbps(size, results["cleanup check"])
        for name, r in results.items():
            ratio = "" if name == "cleanup check" else f"{ours / mbps(size, r):.2f}×"
            say(f"| {name} | {r.cpu:.2f} | {mbps(size, r):.2f} | {r.rss_mib:.0f} | {ratio} |")
        say("")

    # 2. start-up
    small = tmp / "small.txt"
    small.write_text(MT_SAMPLE.read_text(encoding="utf-8")[:1000], encoding="utf-8")
    say("## Start-up (a 1 KB file; median of 10 runs, wall and CPU)\n")
    say("| command | wall ms | CPU ms |")
    say("|---|---:|---:|")
    for name, cmd in (("cleanup check", cleanup("check", "--isolated", "--exit-zero", str(small))),
                      ("codespell", [str(BIN / "codespell"), str(small)]),
                      ("typos", [str(BIN / "typos"), str(small)]),
                      ("python -c 'import cleanup.cli'", [sys.executable, "-c", "import cleanup.cli"]),
                      ("python -c pass", [sys.executable, "-c", "pass"])):
        log(f"start-up {name}")
        runs = [run(cmd) for _ in range(10)]
        say(f"| {name} | {statistics.median(r.wall for r in runs) * 1000:.0f} | {statistics.median(r.cpu for r in runs) * 1000:.0f} |")
    say("")

    # 3. scaling
    say("## Scaling: `cleanup check` and `cleanup fix --stdout` on MT text\n")
    say("| size MB | check CPU s | check MB/s | check peak RSS MiB | fix --stdout CPU s | fix peak RSS MiB |")
    say("|---:|---:|---:|---:|---:|---:|")
    scaling = []
    for mb in (1, 10, 50):
        size = int(mb * MB * s)
        path = build("mt", size, tmp / f"mt-{mb}.txt")
        log(f"scaling {size / MB:.1f} MB")
        c = run(cleanup("check", "--isolated", "--exit-zero", "-j", "1", str(path)))
        f = run(cleanup("fix", "--isolated", "--stdout", "--exit-zero", str(path)))
        scaling.append((size, c))
        say(f"| {size / MB:.1f} | {c.cpu:.1f} | {mbps(size, c):.2f} | {c.rss_mib:.0f} | {f.cpu:.1f} | {f.rss_mib:.0f} |")
        path.unlink()
    (s10, c10), (s50, c50) = scaling[1], scaling[2]
    say(f"\n5× the text costs {c50.cpu / c10.cpu:.2f}× the CPU (target ≤ 5.5×).\n")

    # 4. hostile shapes
    say("## Hostile shapes (issue 11 item 5), `cleanup check` on the same size as ordinary prose\n")
    say("| shape | size KB | CPU s | vs ordinary prose |")
    say("|---|---:|---:|---:|")
    size = int(1 * MB * s)
    base = None
    for shape in ("ordinary prose", "one long line", "a.a.a run after a URL", "chains of fixes (the THE  site. )"):
        n = size if not shape.startswith("chains") else size // 5
        path = tmp / "shape.txt"
        path.write_text(hostile(shape, n), encoding="utf-8")
        log(f"shape {shape}")
        r = run(cleanup("check", "--isolated", "--exit-zero", str(path)))
        base = base or r.cpu
        say(f"| {shape} | {n // 1000} | {r.cpu:.2f} | {r.cpu / base * size / n:.2f}× per byte |")
    say("")

    # 5. glossaries
    say("## Glossary scaling: `cleanup check` on the 93 KB sample\n")
    say("| glossary terms | CPU s | vs no glossary | peak RSS MiB |")
    say("|---:|---:|---:|---:|")
    none = best(cleanup("check", "--isolated", "--exit-zero", str(MT_SAMPLE)), 2)
    say(f"| 0 | {none.cpu:.2f} | 1.00× | {none.rss_mib:.0f} |")
    for n in (1000, 10000, 50000):
        g = glossary(tmp / f"g{n}.tsv", n)
        log(f"glossary {n}")
        r = run(cleanup("check", "--isolated", "--exit-zero", "-g", str(g), str(MT_SAMPLE)))
        say(f"| {n:,} | {r.cpu:.2f} | {r.cpu / none.cpu:.2f}× | {r.rss_mib:.0f} |")
    say("\nThe CPU includes loading and parsing the glossary file (the loader is not part of the matching).\n")

    # 6. --jobs
    folder = tmp / "folder"
    folder.mkdir()
    unit = MT_SAMPLE.read_text(encoding="utf-8")
    files = 20
    for i in range(files):
        (folder / f"f{i:03}.txt").write_text(unit[: int(len(unit) * min(1.0, s * 2))], encoding="utf-8")
    say(f"## `--jobs`: `cleanup check` on a folder of {files} files, and on one file (wall clock)\n")
    big = build("mt", int(50_000_000 * s), tmp / "one-large.txt")
    say("| target | jobs 1 wall s | jobs 2 wall s | speed-up |")
    say("|---|---:|---:|---:|")
    for label, target in ((f"{files} files", folder), (f"one {big.stat().st_size / 1e6:.0f} MB file", big)):
        walls = {}
        for jobs in (1, 2):
            log(f"jobs {jobs} {label}")
            t0 = time.perf_counter()
            subprocess.run(cleanup("check", "--isolated", "--exit-zero", "-j", str(jobs), str(target)),
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            walls[jobs] = time.perf_counter() - t0
        say(f"| {label} | {walls[1]:.1f} | {walls[2]:.1f} | {walls[1] / walls[2]:.2f}× |")
    say("\nOn a machine shared with other work the second core is often busy. One file is spread only above "
        "2 MB: its local kinds in a worker, its document-level kinds in the parent (cleanup/spread.py).\n")

    say(f"The whole run took {(time.perf_counter() - started) / 60:.1f} min.")
    shutil.rmtree(tmp, ignore_errors=True)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
