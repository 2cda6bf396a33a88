"""Well-edited English must come out unchanged: the precision test of the product.

The texts in tests/corpus/clean/ were written for the purpose and are hard on
purpose (see its README): transliterated names, correct footnote markers,
lettered lists, dialogue, verse, legal numbering, acronyms, Russian loanwords.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cleanup import Config, Tier
from cleanup.pipeline import clean_file

from .conftest import CLEAN_CORPUS, SHARED_CORPUS

FILES = sorted(p for p in CLEAN_CORPUS.iterdir() if p.suffix in (".txt", ".md") and p.name != "README.md")
#: the corpus's clean English (third-party texts, read where they are), when it is beside the checkout
SHARED_CLEAN = sorted(
    p for p in (SHARED_CORPUS / "clean").glob("*") if p.suffix in (".txt", ".md", ".rst") and p.name != "SOURCES.md"
)


def test_the_corpus_is_there() -> None:
    assert len(FILES) >= 8


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_default_fix_changes_nothing(path: Path) -> None:
    outcome = clean_file(path, Config(), write=False)
    assert outcome.result.edits == ()
    assert outcome.result.text == outcome.source.text


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_unsafe_fixes_change_nothing(path: Path) -> None:
    outcome = clean_file(path, Config(unsafe_fixes=True), write=False)
    assert [(e.rule_id, e.original) for e in outcome.result.edits] == []


def test_review_findings_are_rare() -> None:
    """Review findings are allowed on clean text, but few: count them all."""
    findings = [
        e
        for path in FILES
        for e in clean_file(path, Config(), write=False).result.findings
        if e.tier is Tier.REVIEW
    ]
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in FILES)
    assert len(findings) <= words / 1000, [(e.rule_id, e.original) for e in findings]


@pytest.mark.parametrize("path", SHARED_CLEAN, ids=lambda p: p.name)
@pytest.mark.parametrize("unsafe", [False, True], ids=["fix", "unsafe-fixes"])
def test_the_corpus_clean_texts_come_out_unchanged(path: Path, unsafe: bool) -> None:
    outcome = clean_file(path, Config(unsafe_fixes=unsafe), write=False)
    assert [(e.rule_id, e.original) for e in outcome.result.edits] == []


def test_check_finds_at_most_one_thing_per_20_kb_of_clean_english() -> None:
    from .conftest import need_shared

    need_shared(SHARED_CORPUS / "clean")
    paths = FILES + SHARED_CLEAN
    size = sum(p.stat().st_size for p in paths)
    findings = [(p.name, e.rule_id, e.original) for p in paths for e in clean_file(p, Config(), write=False).result.findings]
    assert len(findings) <= size / 20_480, findings
