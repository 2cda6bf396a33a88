"""The shared text facts: computed once per document, and right about sentences and words."""

from __future__ import annotations

from cleanup.model import Document
from cleanup.textfacts import ABBREVIATIONS, TextFacts


def test_facts_are_computed_once_per_document() -> None:
    doc = Document("One sentence. Another one.")
    assert doc.facts is doc.facts


def test_sentences_do_not_end_at_abbreviations_or_initials() -> None:
    text = "Mr. Smith met Prof. J. Brown, e.g. at noon. They left at 5 p.m. Then it rained."
    facts = TextFacts(text)
    assert [text[a:b] for a, b in facts.sentences] == [
        "Mr. Smith met Prof. J. Brown, e.g. at noon.",
        "They left at 5 p.m. Then it rained.",
    ]
    assert {"mr", "prof", "e.g", "p.m"} <= ABBREVIATIONS


def test_word_counts_tell_names_from_common_words() -> None:
    text = "The Bell rang. We heard the bell, and Anna Bell came.\n\nBell\n"
    facts = TextFacts(text)
    assert facts.lower_counts["bell"] == 4
    assert facts.lower_case["bell"] == 1
    # 'The Bell' mid-sentence and 'Anna Bell': capitalised inside a sentence twice;
    # 'Bell' alone on its line starts the line and is not counted
    assert facts.capitalised_inside["bell"] == 2
    assert facts.has_word("Anna") and not facts.has_word("anna") and facts.has_word_any_case("anna")


def test_paragraphs_and_sentence_starts() -> None:
    text = "First part\nstill first.\n\n  Second part. Next!\n"
    facts = TextFacts(text)
    assert [text[a:b] for a, b in facts.paragraphs] == ["First part\nstill first.", "Second part. Next!"]
    assert facts.starts_sentence(text.index("Second"))
    assert facts.starts_sentence(text.index("Next"))
    assert not facts.starts_sentence(text.index("still"))
    assert [t.text for t in facts.words_between(0, text.index("\n\n"))] == ["First", "part", "still", "first"]
