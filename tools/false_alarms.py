"""Count what cleanup would do to documentation it has never seen: a large clean-English proxy.

    python tools/false_alarms.py [--unsafe-fixes] [--limit N] [--show N]

Every installed Python distribution carries its long description (a README in
Markdown, reStructuredText or plain text). Those are edited English, mostly
technical, written by thousands of authors, so any *edit* cleanup makes there
is almost surely a false positive, and review findings should be rare (the
product's target: at most one per 20 KB of clean text). The descriptions are
read where they are installed, written to a temporary folder with the suffix
their content type implies, cleaned with the default rules, and summarised per
rule: edits, findings, and the rate per 20 KB. Nothing is kept.

This is a measuring tool, not a test: what is installed differs from machine
to machine.
"""

from __future__ import annotations

import argparse
import tempfile
from collections import Counter
from importlib import metadata
from pathlib import Path

from cleanup import Config, Tier
from cleanup.pipeline import clean_file

SUFFIXES = {"text/markdown": ".md", "text/x-rst": ".rst"}


def descriptions(limit: int | None) -> list[tuple[str, str, str]]:
    """(name, suffix, text) of each installed distribution's long description, once per name."""
    seen: set[str] = set()
    out = []
    for dist in metadata.distributions():
        name = dist.metadata.get("Name") or "?"
        body = dist.metadata.get_payload()  # type: ignore[attr-defined]
        if not isinstance(body, str) or len(body) < 200 or name.lower() in seen:
            continue
        seen.add(name.lower())
        kind = (dist.metadata.get("Description-Content-Type") or "").split(";")[0].strip().lower()
        out.append((name, SUFFIXES.get(kind, ".rst"), body))  # PyPI renders an undeclared type as reST
    out.sort()
    return out[:limit] if limit else out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--unsafe-fixes", action="store_true")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--show", type=int, default=3, help="examples shown per rule")
    args = parser.parse_args()
    config = Config(unsafe_fixes=args.unsafe_fixes)
    edits: Counter[str] = Counter()
    findings: Counter[str] = Counter()
    examples: dict[str, list[str]] = {}
    size = 0
    texts = descriptions(args.limit)
    with tempfile.TemporaryDirectory() as folder:
        for name, suffix, body in texts:
            path = Path(folder) / f"{name}{suffix}"
            path.write_text(body, encoding="utf-8")
            size += len(body.encode("utf-8"))
            result = clean_file(path, config, write=False).result
            for e in result.all_edits:
                (findings if e.tier is Tier.REVIEW else edits)[e.rule_id] += 1
                context = body[max(0, e.start - 30) : e.end + 30].replace("\n", "⏎")
                examples.setdefault(e.rule_id, []).append(f"{path.name}: {context!r} -> {e.replacement!r}")
    per = size / 20_000 or 1
    print(f"{len(texts)} descriptions, {size / 1e6:.2f} MB; edits {sum(edits.values())} "
          f"({sum(edits.values()) / per:.2f} per 20 KB), findings {sum(findings.values())} "
          f"({sum(findings.values()) / per:.2f} per 20 KB)\n")
    print("| rule | edits | findings | per 20 KB |\n|---|---:|---:|---:|")
    for rule in sorted(set(edits) | set(findings), key=lambda r: -(edits[r] + findings[r])):
        print(f"| {rule} | {edits[rule]} | {findings[rule]} | {(edits[rule] + findings[rule]) / per:.2f} |")
    if args.show:
        print()
        for rule, shown in sorted(examples.items()):
            for line in shown[: args.show]:
                print(f"{rule}: {line}")


if __name__ == "__main__":
    main()
