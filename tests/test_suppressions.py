"""Suppressions (`cleanup: ignore`) and `cleanup: off`/`on` markers: only in comments, only where they say."""

from __future__ import annotations

import pytest

from cleanup import Config, clean_text

CONFIG = Config()


def _rules(text: str) -> list[tuple[str, int]]:
    result = clean_text(text, CONFIG)
    return [(e.rule_id, text.count("\n", 0, e.start) + 1) for e in result.all_edits]


@pytest.mark.parametrize("comment", [
    "<!-- cleanup: ignore -->", "# cleanup: ignore", "// cleanup: ignore", "/* cleanup: ignore */",
    "% cleanup: ignore", "<!--cleanup:ignore-->",
])
def test_ignore_on_a_line_suppresses_every_finding_on_it(comment: str) -> None:
    text = f"The real real sponsors met , at last. {comment}\nThe real real thing .\n"
    assert _rules(text) == [("repeat.word", 2), ("spacing.before-punctuation", 2)]
    assert clean_text(text, CONFIG).text.startswith(f"The real real sponsors met , at last. {comment}\n")


@pytest.mark.parametrize("marker", ["<!-- cleanup: ignore -->", "# cleanup: ignore", ".. cleanup: ignore"])
def test_a_marker_alone_on_its_line_covers_the_next_line(marker: str) -> None:
    text = f"It remains in force .\n{marker}\nThe real real sponsors.\nThe real real end.\n"
    assert _rules(text) == [("spacing.before-punctuation", 1), ("repeat.word", 4)]


def test_ignore_names_rules_by_id_or_prefix() -> None:
    text = "The real real sponsors met , at last. <!-- cleanup: ignore[repeat.word, nothing.here] -->\n"
    assert _rules(text) == [("spacing.before-punctuation", 1)]
    text = "The real real sponsors met , at last. <!-- cleanup: ignore[spacing] -->\n"
    assert _rules(text) == [("repeat.word", 1)]


def test_the_words_in_prose_are_not_a_marker() -> None:
    text = "He set cleanup: ignore as the motto , and later cleanup: off too.\nThe real real end .\n"
    assert [r for r, _ in _rules(text)] == ["spacing.before-punctuation", "repeat.word", "spacing.before-punctuation"]


def test_off_and_on_on_one_line_silence_only_that_line() -> None:
    text = "a , b <!-- cleanup: off --> c , d <!-- cleanup: on -->\nThe real real end .\n"
    assert [line for _, line in _rules(text)] == [2, 2]


def test_off_without_on_silences_the_rest() -> None:
    text = "one .\n<!-- cleanup: off -->\ntwo .\nthree .\n"
    assert clean_text(text, CONFIG).text == "one.\n<!-- cleanup: off -->\ntwo .\nthree .\n"


def test_marker_comments_are_never_rewritten() -> None:
    text = "Text here.  <!--  cleanup: ignore[repeat]  -->\nMore text , here.\n"
    assert "<!--  cleanup: ignore[repeat]  -->" in clean_text(text, CONFIG).text
