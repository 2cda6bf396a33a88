"""The decisions ledger: rejected changes stay rejected, accepted ones are applied, across runs and edits."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cleanup import Config, clean_text
from cleanup.cli import main
from cleanup.decisions import ACCEPTED, DISMISSED, REJECTED, Decision, Ledger, read_decisions
from cleanup.model import Edit

from .conftest import SAMPLE_RULES

#: the default packs and the sample's own rule file, whose 'castle' calque gives a review finding
SELECT = f'[tool.cleanup]\nrules = ["{SAMPLE_RULES.as_posix()}"]\n'

TEXT = (
    "A letter came from tov. Rakovsky in March.\n"
    "It remains in force .\n"
    "The door was shut, and he turned the key in the castle twice.\n"
    "A second note came from tov. Sosnovsky later.\n"
)


def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _edits(text: str) -> dict[tuple[str, int], Edit]:
    """The edits of ``text`` by (rule, line)."""
    result = clean_text(text, Config(rule_files=(SAMPLE_RULES,)))
    return {(e.rule_id, text.count("\n", 0, e.start) + 1): e for e in result.all_edits}


@pytest.fixture
def book(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # run from the book's folder, so that its pyproject.toml (which selects the sample's pack) applies
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text(SELECT, encoding="utf-8")
    path = tmp_path / "ch1.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def _decide(book: Path) -> Path:
    edits = _edits(TEXT)
    assert set(edits) == {("ru-en.abbrev.comrade", 1), ("spacing.before-punctuation", 2),
                          ("trotsky-sample.calque.lock", 3), ("ru-en.abbrev.comrade", 4)}
    ledger = Ledger.load(book.parent / ".cleanup" / "decisions.jsonl")
    key = ledger.file_key(str(book))
    assert key == "ch1.txt"
    ledger.record([
        Decision.of(key, TEXT, edits[("ru-en.abbrev.comrade", 1)], REJECTED),
        Decision.of(key, TEXT, edits[("spacing.before-punctuation", 2)], REJECTED),
        Decision.of(key, TEXT, edits[("trotsky-sample.calque.lock", 3)], ACCEPTED, replacement="lock"),
        Decision.of(key, TEXT, edits[("ru-en.abbrev.comrade", 4)], ACCEPTED),
    ])
    return ledger.path


def _reported(stdout: str) -> list[tuple[str, int]]:
    return [(line.split(" ")[1], int(line.split(":")[1])) for line in stdout.splitlines() if ": " in line]


def test_a_rejected_change_stays_rejected_and_an_accepted_one_is_applied(book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(book.parent)
    assert len(_reported(run("check", str(book)).stdout)) == 4  # no ledger yet
    _decide(book)
    # the default ledger (.cleanup/decisions.jsonl beside pyproject.toml) is found from a subfolder too
    (book.parent / "sub").mkdir()
    monkeypatch.chdir(book.parent / "sub")
    checked = run("check", str(book))
    assert _reported(checked.stdout) == [("trotsky-sample.calque.lock", 3), ("ru-en.abbrev.comrade", 4)]
    data = json.loads(run("check", "--format", "json", str(book)).stdout)
    assert [(e["rule"], e["applied"]) for e in data["files"][0]["edits"]] == [
        ("trotsky-sample.calque.lock", True), ("ru-en.abbrev.comrade", True)]
    fixed = run("fix", str(book))
    assert fixed.exit_code == 1
    assert book.read_text(encoding="utf-8") == TEXT.replace("the castle", "the lock").replace(
        "from tov. Sosnovsky", "from comrade Sosnovsky")
    again = run("check", str(book))
    assert again.exit_code == 0 and again.stdout == ""
    assert run("check", "--isolated", str(book)).exit_code == 1  # --isolated: no default ledger


def test_decisions_survive_edits_elsewhere_in_the_file(book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(book.parent)
    ledger = _decide(book)
    moved = "A new opening paragraph, added by the editor.\n\n" + TEXT.replace("in March", "in early March")
    book.write_text(moved, encoding="utf-8")
    checked = run("check", "--decisions", str(ledger), str(book))
    assert [rule for rule, _ in _reported(checked.stdout)] == ["trotsky-sample.calque.lock", "ru-en.abbrev.comrade"]
    run("fix", "--decisions", str(ledger), str(book))
    out = book.read_text(encoding="utf-8")
    assert "from tov. Rakovsky in early March" in out and "in force ." in out
    assert "key in the lock twice" in out and "comrade Sosnovsky" in out


def test_the_same_words_elsewhere_are_not_the_same_change(book: Path) -> None:
    ledger = _decide(book)
    other = book.parent / "ch2.txt"
    other.write_text(TEXT, encoding="utf-8")  # same text, another file: the decisions are ch1's
    assert len(_reported(run("check", "--decisions", str(ledger), str(other)).stdout)) == 4


def test_configured_ledger_path(book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ledger = _decide(book)
    (book.parent / "pyproject.toml").write_text(SELECT + 'decisions = "review/ledger.jsonl"\n', encoding="utf-8")
    monkeypatch.chdir(book.parent)
    assert len(_reported(run("check", str(book)).stdout)) == 4  # the default file is no longer read
    (book.parent / "review").mkdir()
    moved = book.parent / "review" / "ledger.jsonl"
    # names are relative to the ledger's folder: this one sits in review/
    moved.write_text(ledger.read_text(encoding="utf-8").replace('"ch1.txt"', '"../ch1.txt"'), encoding="utf-8")
    assert len(_reported(run("check", str(book)).stdout)) == 2


def test_list_flags_stale_decisions_and_prune_removes_them(book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ledger = _decide(book)
    monkeypatch.chdir(book.parent)
    listed = run("decisions", "list")
    assert listed.exit_code == 0 and "STALE" not in listed.stdout and len(listed.stdout.splitlines()) == 4
    book.write_text(TEXT.replace("The door was shut, and he turned the key in the castle twice.\n", ""), encoding="utf-8")
    listed = run("decisions", "list")
    (stale,) = [line for line in listed.stdout.splitlines() if "STALE" in line]
    assert "trotsky-sample.calque.lock" in stale
    assert run("decisions", "prune").exit_code == 0
    assert [d.rule for d in read_decisions(ledger)] == ["ru-en.abbrev.comrade", "spacing.before-punctuation",
                                                         "ru-en.abbrev.comrade"]


def test_import_merges_and_later_decisions_win(book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ledger = _decide(book)
    monkeypatch.chdir(book.parent)
    edits = _edits(TEXT)
    exported = book.parent / "export.jsonl"
    changed = Decision.of("ch1.txt", TEXT, edits[("ru-en.abbrev.comrade", 1)], ACCEPTED)
    dismissed = Decision.of("ch1.txt", TEXT, edits[("trotsky-sample.calque.lock", 3)], DISMISSED)
    exported.write_text(changed.to_line() + "\n" + dismissed.to_line() + "\n", encoding="utf-8")
    assert run("decisions", "import", str(exported)).exit_code == 0
    decided = {(d.rule, d.original, d.decision) for d in read_decisions(ledger)}
    assert len(read_decisions(ledger)) == 4
    assert ("trotsky-sample.calque.lock", "castle", DISMISSED) in decided
    run("fix", str(book))
    assert book.read_text(encoding="utf-8") == TEXT.replace("tov.", "comrade")


def test_a_malformed_ledger_is_one_line_exit_2(book: Path) -> None:
    bad = book.parent / "bad.jsonl"
    bad.write_text('{"rule": "x"}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--decisions", str(bad), str(book)])
    assert result.exit_code == 2 and f"{bad}:1" in result.stderr and "Traceback" not in result.output


def test_baseline_reports_only_new_findings_and_a_missing_one_is_an_error(book: Path) -> None:
    base = book.parent / "baseline.jsonl"
    assert run("check", "--isolated", "--rules", str(SAMPLE_RULES), "--write-baseline", str(base), str(book)).exit_code == 0
    assert len(read_decisions(base)) == 4
    assert run("check", "--isolated", "--rules", str(SAMPLE_RULES), "--baseline", str(base), str(book)).exit_code == 0
    book.write_text("Opening words .\n" + TEXT, encoding="utf-8")
    newer = run("check", "--isolated", "--rules", str(SAMPLE_RULES), "--baseline", str(base), str(book))
    assert newer.exit_code == 1 and _reported(newer.stdout) == [("spacing.before-punctuation", 1)]
    missing = CliRunner().invoke(main, ["check", "--isolated", "--rules", str(SAMPLE_RULES), "--baseline", str(book.parent / "no.jsonl"), str(book)])
    assert missing.exit_code == 2 and "no such baseline file" in missing.stderr
