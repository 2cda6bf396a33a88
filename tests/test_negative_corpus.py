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

from .conftest import CLEAN_CORPUS

FILES = sorted(p for p in CLEAN_CORPUS.iterdir() if p.suffix in (".txt", ".md") and p.name != "README.md")


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
