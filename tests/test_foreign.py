"""The foreign-word scorer, its lexicon, the ``foreign`` rule kind and the training script."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from cleanup.foreign import ForeignScorer, default_scorer, is_english_word
from cleanup.kinds.foreign import compile as compile_foreign
from cleanup.model import CleanupError, Document, Rule, Span, Tier

ROOT = Path(__file__).resolve().parent.parent

RUSSIAN = ["gepeurs", "takova", "verno", "tovarishch", "nachalnik", "zakluchennyi"]
ENGLISH = ["government", "apartment", "whistle", "strength"]


def make_rule(**params: object) -> Rule:
    return Rule(
        "foreign.untranslated",
        "foreign",
        "foreign",
        Tier.REVIEW,
        "",
        "",
        "core",
        "rules/test.toml",
        params,
    )


def test_scorer_ranks_russian_above_english() -> None:
    scorer = default_scorer()
    lowest_russian = min(scorer.score(w) for w in RUSSIAN)
    highest_english = max(scorer.score(w) for w in ENGLISH)
    assert lowest_russian > highest_english


def test_score_signs_and_cache() -> None:
    scorer = default_scorer()
    assert scorer.score("nachalnik") > 1.0
    assert scorer.score("government") < 0.0
    assert scorer.score("Takova") == scorer.score("takova")
    assert scorer.score("naïve") == 0.0  # letters outside a-z: no opinion


def test_plural_s_is_also_scored_without_it() -> None:
    scorer = default_scorer()
    assert scorer.score("nachalniks") >= scorer.raw_score("nachalnik")


def test_likely_russian() -> None:
    scorer = default_scorer()
    assert scorer.likely_russian("Takova") == "такова"
    assert scorer.likely_russian("verno") == "верно"
    assert scorer.likely_russian("tovarishch") == "товарищ"
    assert scorer.likely_russian("zakluchennyi") == "заключенный"
    assert scorer.likely_russian("nachalniks") == "начальники"
    assert scorer.likely_russian("whistle") is None


def test_exact_russian_needs_an_exact_spelling() -> None:
    scorer = default_scorer()
    assert scorer.exact_russian("takova") == "такова"
    assert scorer.exact_russian("takowa") is None
    assert scorer.likely_russian("takowa") == "такова"


def test_is_english_word() -> None:
    assert is_english_word("government")
    assert is_english_word("Strength")
    assert not is_english_word("takova")
    assert not is_english_word("gepeurs")
    assert is_english_word("whistle", min_zipf=3.0)
    assert not is_english_word("whistle", min_zipf=7.0)


def test_scorer_with_explicit_models() -> None:
    data = ROOT / "src" / "cleanup" / "data"
    en = (data / "foreign-en.model").read_bytes()
    ru = (data / "foreign-ru.model").read_bytes()
    swapped = ForeignScorer(en_model=ru, ru_model=en, lexicon={})
    assert swapped.score("nachalnik") < 0 < swapped.score("government")
    assert swapped.likely_russian("takova") is None


DOCUMENT = (
    "Konechno, this is the whole story of the expulsion, set out according to the documents.\n"
    "Zinoviev and Kamenev had already capitulated. In the corridor several gepeurs waited, "
    "and one gepeur sat down by the window of the GPU carriage. The strength of the government "
    "was in its apparatus; the whistle blew and the train moved off.\n"
)


def findings(
    text: str, rule: Rule | None = None, **doc: object
) -> list[tuple[str, str]]:
    detector = compile_foreign(rule or make_rule())
    return [(e.original, e.message) for e in detector(Document(text, **doc))]  # type: ignore[arg-type]


def test_detector_flags_the_russian_words() -> None:
    found = findings(DOCUMENT)
    words = [w for w, _ in found]
    assert words == ["Konechno", "gepeurs", "gepeur"]
    assert found[0][1] == "'Konechno' looks like untranslated Russian (конечно?)"
    assert "GPU" in found[1][1]


def test_detector_edits_are_review_findings_over_the_original() -> None:
    detector = compile_foreign(make_rule())
    edits = list(detector(Document(DOCUMENT)))
    for edit in edits:
        assert edit.replacement is None
        assert edit.tier is Tier.REVIEW
        assert DOCUMENT[edit.start : edit.end] == edit.original
        assert edit.rule_id == "foreign.untranslated"


def test_names_mid_sentence_are_left_alone() -> None:
    text = "The speech of Nachalnik was long. Then Takova came."
    assert findings(text) == []
    # ... unless the word also occurs in lower case
    text2 = "The speech of Nachalnik was long. The nachalnik left."
    assert [w for w, _ in findings(text2)] == ["Nachalnik", "nachalnik"]


def test_a_name_seen_mid_sentence_is_not_flagged_at_sentence_start() -> None:
    text = "Nachalnik arrived. We met Nachalnik later."
    assert findings(text) == []


def test_initials_do_not_start_a_sentence() -> None:
    assert findings("We met L. Nachalnik and Dr. Nachalnik.") == []


def test_ordinary_english_is_not_flagged() -> None:
    text = (
        "The committee met on Tuesday to discuss the budget. Several members argued that the "
        "proposal was premature, while others insisted that the strength of the economy justified "
        "it. The chairman whistled softly, adjourned the meeting and walked back to his apartment."
    )
    assert findings(text) == []


def test_known_terms_and_ignore_list() -> None:
    text = "Then the nachalnik left, and the tovarishch followed."
    assert [w for w, _ in findings(text)] == ["nachalnik", "tovarishch"]
    assert [w for w, _ in findings(text, known_terms=frozenset({"Nachalnik"}))] == [
        "tovarishch"
    ]
    assert findings(text, make_rule(ignore=["tovarishch", "nachalnik"])) == []


def test_protected_spans_are_respected() -> None:
    text = "Then the nachalnik left, and the tovarishch followed."
    start = text.index("nachalnik")
    found = findings(text, protected=(Span(start, start + len("nachalnik")),))
    assert [w for w, _ in found] == ["tovarishch"]


def test_threshold_parameter() -> None:
    text = "Then the nachalnik left."
    assert findings(text, make_rule(threshold=10.0, lexicon_threshold=10.0, endings_threshold=10.0)) == []
    # 'nachalnik' has a Russian ending (-nik): the endings route alone reports it
    assert findings(text, make_rule(threshold=10.0, lexicon_threshold=10.0)) != []
    assert findings(text, make_rule(threshold=0)) != []


def test_rule_message_template() -> None:
    rule = Rule(
        "f",
        "foreign",
        "foreign",
        Tier.REVIEW,
        "{original} = {russian}",
        "",
        "core",
        "x",
        {},
    )
    assert findings("Then the nachalnik left.", rule) == [
        ("nachalnik", "nachalnik = начальник")
    ]


@pytest.mark.parametrize(
    "params",
    [
        {"threshold": "high"},
        {"threshold": True},
        {"min_length": 0},
        {"ignore": [1, 2]},
        {"english_zipf": 12},
    ],
)
def test_bad_parameters_are_reported(params: dict[str, object]) -> None:
    with pytest.raises(CleanupError, match="foreign.untranslated"):
        compile_foreign(make_rule(**params))


def test_training_is_deterministic(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import train_foreign
    finally:
        sys.path.remove(str(ROOT / "tools"))
    words = [
        (f"{a}{b}{c}", 1 + (i % 7))
        for i, (a, b, c) in enumerate(
            (a, b, c)
            for a in ("ka", "to", "ve", "shch", "na")
            for b in ("ri", "lo", "sta", "ch")
            for c in ("ov", "a", "nik", "ing", "tion")
        )
    ]
    first = train_foreign.train(words, tmp_path / "one" / "m", vocab_size=30)
    second = train_foreign.train(
        list(reversed(words)), tmp_path / "two" / "m", vocab_size=30
    )
    assert first.read_bytes() == second.read_bytes()
    assert len(first.read_bytes()) > 0


def test_find_untranslated_lists_distinct_words_with_guesses() -> None:
    from cleanup.foreign import find_untranslated

    assert find_untranslated(DOCUMENT) == [
        ("Konechno", "конечно"),
        ("gepeurs", None),
        ("gepeur", None),
    ]


def test_the_shipped_english_table_matches_wordfreq() -> None:
    """data/en-words.tsv.gz is derived from wordfreq (tools/build_english_words.py): it must agree with it."""
    import random

    import wordfreq

    from cleanup import english

    table = english.table()
    assert len(table) > 90_000
    for word in random.Random(7).sample(sorted(table), 200):
        assert abs(table[word] - wordfreq.zipf_frequency(word, "en")) < 0.011, word
    assert english.zipf("apposition") == pytest.approx(wordfreq.zipf_frequency("apposition", "en"))


def test_russian_endings_and_soviet_abbreviations_are_reported_below_the_threshold() -> None:
    # scores below 0.6 (urbarialnoho, raykom), but a Ukrainian adjective ending and Soviet syllables
    text = "The money came from the sale of urbarialnoho forests and the raykom approved it."
    assert [w for w, _ in findings(text)] == ["urbarialnoho", "raykom"]


def test_borrowed_words_and_english_derivations_are_left_alone() -> None:
    text = "The kolkhoz chairman, a convinced Leninist, met the Komsomol and the Stakhanovites of Ivanovo."
    assert findings(text, make_rule(ignore=["kolkhoz"])) == []
    assert findings("The Lenin museum had few Leninists among its guides.") == []


def test_surnames_at_sentence_and_verse_line_starts_are_names() -> None:
    assert findings("The poet left the city.\nOrlova wrote to him every week.") == []
    verse = "We walked along the river\nZhukovka and the mill behind us\nand the evening came"
    assert findings(verse) == []


def test_glosses_units_and_apostrophe_names_are_left_alone() -> None:
    assert findings("They quoted the proverb “Tishe yedesh, dalshe budesh” (“slowly goes far”).") == []
    assert findings("The saying “Tishe yedesh” (“the quieter you go”) was his motto.") == []
    assert findings("The link ran at 128 kbit/s all night.") == []
    assert findings("The governor Kon’kova resigned.") == []
