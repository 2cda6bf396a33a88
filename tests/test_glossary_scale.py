"""A large glossary goes through one automaton and finds what the word-by-word test finds."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from cleanup import Config, clean_text
from cleanup.kinds import words
from cleanup.pipeline import load_rules


def _glossary(path: Path, n: int) -> Path:
    rng = random.Random(7)

    def word() -> str:
        return "".join(rng.choice("bcdfgklmnprstvz") + rng.choice("aeiou") for _ in range(rng.randint(3, 5)))

    rows = ["term\tvariants", "GPU agent\tgepeur", "Lenin\tLenipa"]
    rows += [f"{word().capitalize()} {word()}\t{word()}ov {word()}" for _ in range(n)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


TEXT = "Two gepeurs came to the Kremlin. Lenipa wrote to the Gepeur office.\n\nThe gepeur's report was late."


def test_the_automaton_and_the_word_by_word_test_agree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    glossary = _glossary(tmp_path / "big.tsv", 3000)
    config = Config(glossaries=(glossary,))
    fast = clean_text(TEXT, config)
    assert {e.original for e in fast.edits} >= {"gepeurs", "Lenipa"}
    load_rules.cache_clear()
    monkeypatch.setattr(words, "AUTOMATON_THRESHOLD", 10**9)
    slow = clean_text(TEXT, config)
    load_rules.cache_clear()
    assert (fast.edits, fast.findings) == (slow.edits, slow.findings)


def test_the_first_word_finder_finds_substrings_like_in() -> None:
    vocabulary = {f"t{i}x" for i in range(500)} | {"gepeur", "len", "lenipa"}
    find = words.first_word_finder(vocabulary)
    text = "the gepeurs of lenipa and t17x, t170x."
    assert find(text) == {w for w in vocabulary if w in text}
