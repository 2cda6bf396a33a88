"""Print the README's quality tables: the corpus splits scored by ``cleanup eval``.

    python tools/corpus_figures.py [../shared/corpus]

Scores the dev and test splits with the default rules and no glossary (both
tiers), counts what ``check`` says on the clean texts, and prints Markdown. The
test split is only scored here, never read while writing rules.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from cleanup import Config
from cleanup.goldscore import CorpusReport, evaluate_corpus
from cleanup.pipeline import clean_file


def _f(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def overall(reports: dict[str, CorpusReport]) -> list[str]:
    rows = ["| split | texts | must edits | `fix` precision | `fix` must-recall (macro) | `--unsafe-fixes` precision "
            "| `--unsafe-fixes` must-recall (macro) | `check` points at (must, pooled) |",
            "|---|---|---|---|---|---|---|---|"]
    for name, report in reports.items():
        s = report.summary()
        safe, unsafe, check = s["safe"], s["safe+suggest"], s["check"]
        rows.append(
            f"| {name} | {s['texts']} | {s['gold_must']} | {_f(safe['precision'])} ({safe['correct']}/{safe['proposed']}) "
            f"| {_f(safe['recall_must_macro'])} | {_f(unsafe['precision'])} ({unsafe['correct']}/{unsafe['proposed']}) "
            f"| {_f(unsafe['recall_must_macro'])} | {_f(check['coverage_pooled'])} ({check['must_pointed_at']}) |"
        )
    return rows


def by_category(reports: dict[str, CorpusReport]) -> list[str]:
    names = list(reports)
    header = "| category | " + " | ".join(f"{n}: must fixed (`--unsafe-fixes`) | {n}: pointed at by `check`"
                                          for n in names) + " |"
    rows = [header, "|---|" + "---|---|" * len(names)]
    tables = {n: r.by_category() for n, r in reports.items()}
    for cat in sorted({c for t in tables.values() for c in t}):
        cells = []
        for n in names:
            row = tables[n].get(cat, {})
            must = row.get("must", 0)
            cells += [f"{row.get('must_fixed', 0)}/{must}" if must else "–",
                      f"{row.get('must_pointed', 0)}/{must}" if must else "–"]
        rows.append(f"| {cat} | " + " | ".join(cells) + " |")
    return rows


def by_rule(report: CorpusReport) -> list[str]:
    rows = ["| rule | correct | wrong | on untouched text | review hits | review false alarms |",
            "|---|---|---|---|---|---|"]
    for rule, row in report.by_rule().items():
        rows.append(f"| `{rule}` | {row.get('correct', 0)} | {row.get('wrong', 0)} | {row.get('spurious', 0)} "
                    f"| {row.get('hit', 0)} | {row.get('false_alarm', 0)} |")
    return rows


def clean_texts(folders: list[Path]) -> list[str]:
    files = [p for f in folders for p in sorted(f.iterdir())
             if p.suffix in (".txt", ".md", ".rst") and p.name not in ("README.md", "SOURCES.md")]
    size = sum(p.stat().st_size for p in files)
    edits = unsafe_edits = findings = 0
    for p in files:
        edits += len(clean_file(p, Config(), write=False).result.edits)
        result = clean_file(p, Config(unsafe_fixes=True), write=False).result
        unsafe_edits += len(result.edits)
        findings += len(clean_file(p, Config(), write=False).result.findings)
    return [f"Clean English: {len(files)} texts, {size / 1024:.0f} KB: `fix` made {edits} edit(s), "
            f"`fix --unsafe-fixes` {unsafe_edits}, `check` reported {findings} finding(s) "
            f"({findings / (size / 20480):.2f} per 20 KB)."]


def main(argv: list[str]) -> int:
    corpus = Path(argv[0] if argv else Path(__file__).resolve().parents[2] / "shared" / "corpus")
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                            check=False).stdout.strip()
    reports = {split: evaluate_corpus(corpus / split, Config(), unsafe_fixes=True) for split in ("dev", "test")}
    out = [f"Measured at commit {commit} by `python tools/corpus_figures.py` (default rules, no glossary).", ""]
    out += overall(reports) + [""] + by_category(reports) + [""]
    out += ["Per rule on the test split (`--unsafe-fixes`):", ""] + by_rule(reports["test"]) + [""]
    out += ["Per rule on the dev split (`--unsafe-fixes`):", ""] + by_rule(reports["dev"]) + [""]
    out += clean_texts([corpus / "clean", Path(__file__).resolve().parents[1] / "tests" / "corpus" / "clean"])
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
