"""`cleanup glossary suggest`: a draft glossary from the chapters of a book."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from cleanup.cli import main
from cleanup.draft import draft_glossary, format_tsv
from cleanup.glossary import lint_glossary, parse_tsv

CHAPTER_ONE = "Joffe arrived in Berlin. Joffe spoke to the press. Joffe left for Moscow.\n"
CHAPTER_TWO = "In Tokyo, Ioffe met the minister. Lenin wrote. Lenin spoke. Lenin left. Marx and Lenipa.\n"


def test_a_name_spelled_two_ways_across_chapters_becomes_one_row() -> None:
    rows = draft_glossary({"one.txt": CHAPTER_ONE, "two.txt": CHAPTER_TWO})
    (joffe,) = [r for r in rows if r.term == "Joffe"]
    assert joffe.variants == ("Ioffe",) and joffe.action == "suggest"
    assert "Joffe in one.txt" in joffe.note and "Ioffe in two.txt" in joffe.note


def test_ocr_names_are_proposed() -> None:
    rows = draft_glossary({"two.txt": CHAPTER_TWO})
    assert any(r.term == "Lenin" and r.variants == ("Lenipa",) for r in rows)


def test_a_known_term_wins_the_cluster() -> None:
    rows = draft_glossary({"one.txt": CHAPTER_ONE, "two.txt": CHAPTER_TWO}, known_terms={"Ioffe"})
    assert any(r.term == "Ioffe" and r.variants == ("Joffe",) for r in rows)


def test_the_draft_is_a_valid_glossary(tmp_path: Path) -> None:
    text = format_tsv(draft_glossary({"one.txt": CHAPTER_ONE, "two.txt": CHAPTER_TWO}))
    entries = parse_tsv(text, "draft.tsv")
    assert entries and lint_glossary(entries) == []


def test_cli_writes_the_draft(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(CHAPTER_ONE, encoding="utf-8")
    (tmp_path / "two.txt").write_text(CHAPTER_TWO, encoding="utf-8")
    out = tmp_path / "draft.tsv"
    result = CliRunner().invoke(main, ["glossary", "suggest", str(tmp_path), "-o", str(out)])
    assert result.exit_code == 0
    assert "Joffe\tIoffe\tsuggest" in out.read_text(encoding="utf-8")
    missing = CliRunner().invoke(main, ["glossary", "suggest", str(tmp_path / "nope.txt")])
    assert missing.exit_code == 2
