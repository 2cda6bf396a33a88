"""The ``names`` kind: one spelling per name, OCR-garbled names, misread words.

Every document here is a short text written for the test, small enough to
count its names by eye.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.apply import apply_edits
from cleanup.kinds import names
from cleanup.model import CleanupError, Document, Edit, Rule, Span, Tier
from cleanup.translit import name_key


def make_rule(tier: Tier = Tier.SUGGEST, **params: object) -> Rule:
    return Rule("names.test", "names", "names", tier, "", "", "test", "test.toml", params)


def run(text: str, known: frozenset[str] = frozenset(), rule: Rule | None = None, **kw: object) -> list[Edit]:
    detector = names.compile(rule or make_rule())
    return list(detector(Document(text, known_terms=known, **kw)))  # type: ignore[arg-type]


def fixed(text: str, edits: list[Edit]) -> str:
    return apply_edits(text, [e for e in edits if e.is_fix])


# --- variant spellings --------------------------------------------------------------

JOFFE = (
    "Joffe reached Berlin in April. The embassy that Joffe ran was busy from the first day. "
    "Ioffe wrote to Moscow every week. In the autumn Joffe went home."
)


def test_the_minority_spelling_gets_the_majority_one() -> None:
    edits = run(JOFFE)
    assert [(e.original, e.replacement, e.tier) for e in edits] == [("Ioffe", "Joffe", Tier.SUGGEST)]
    assert edits[0].message == "'Ioffe' is spelled 'Joffe' elsewhere in this text (1 vs 3)"
    assert fixed(JOFFE, edits) == JOFFE.replace("Ioffe", "Joffe")


def test_patronymic_variants() -> None:
    text = (
        "Lev Davidovich left Moscow in January. Friends of Lev Davidovich saw him off. "
        "The letters of Lev Davidovich were opened. The order named Lev Davydovich as an enemy."
    )
    edits = run(text)
    assert [(e.original, e.replacement) for e in edits] == [("Davydovich", "Davidovich")]
    assert "(1 vs 3)" in edits[0].message


def test_doubled_consonant_variants() -> None:
    text = "Olof Aschberg ran the bank. We asked Oloff Aschberg about it. Olof Aschberg declined to answer."
    edits = run(text)
    assert [(e.original, e.replacement) for e in edits] == [("Oloff", "Olof")]
    assert "(1 vs 2)" in edits[0].message


def test_variant_tier_comes_from_its_parameter() -> None:
    edits = run(JOFFE, rule=make_rule(Tier.SAFE, variant_tier="review"))
    assert [(e.original, e.tier) for e in edits] == [("Ioffe", Tier.REVIEW)]
    assert run(JOFFE, rule=make_rule(Tier.SAFE))[0].tier is Tier.SAFE


def test_the_glossary_spelling_wins_over_the_majority() -> None:
    edits = run(JOFFE, known=frozenset({"Ioffe"}))
    assert [(e.original, e.replacement) for e in edits] == [("Joffe", "Ioffe")] * 3
    assert all("glossary" in e.message and "(3 here vs 1)" in e.message for e in edits)


def test_the_glossary_spelling_applies_even_when_the_text_never_uses_it() -> None:
    text = "Adolph Joffe negotiated at Brest. Later Joffe served in Tokyo."
    edits = run(text, known=frozenset({"Adolph Ioffe"}))
    assert fixed(text, edits) == text.replace("Joffe", "Ioffe")


def test_a_tie_is_reported_without_a_proposal() -> None:
    text = "Sergei arrived first and Sergey came later, but Sergei left before Sergey did."
    edits = run(text)
    assert sorted(e.original for e in edits) == ["Sergei", "Sergei", "Sergey", "Sergey"]
    assert all(e.replacement is None and e.tier is Tier.REVIEW for e in edits)
    assert "('Sergei' 2, 'Sergey' 2)" in edits[0].message


def test_two_people_with_different_first_names_are_two_people() -> None:
    text = (
        "Adolph Joffe negotiated the peace at Brest. Adolph Joffe later served in China. "
        "He should not be confused with the physicist Abram Ioffe."
    )
    assert run(text) == []


GENDERED = (
    "Sedov edited the Bulletin in Paris. Sedov wrote every week, and Sedov kept the archive. "
    "His mother, Sedova, survived him. "
    "Ivanova chaired the meeting; Ivanova read the report; Ivanova closed the session. Her husband Ivanov stayed home. "
    "Nina wrote from Leningrad. Nina was ill that winter. Nina died in 1928. Zina outlived her sister. "
    "Alexander Sokolovsky taught in Odessa. Alexander wrote tracts. Alexander was arrested. "
    "Alexandra answered him."
)


def test_masculine_and_feminine_names_are_left_alone() -> None:
    assert run(GENDERED) == []


# --- OCR-corrupted names --------------------------------------------------------------

LENIN = (
    "Lenin arrived at the Finland Station. The speech Lenin gave there was short. "
    "Within a week Lenin had won the party over. "
    "The opponents of Lenipa said little, and Lenipa's theses were printed."
)


def test_an_ocr_garbled_name_becomes_the_frequent_name() -> None:
    edits = run(LENIN)
    assert [(e.original, e.replacement) for e in edits] == [("Lenipa", "Lenin"), ("Lenipa", "Lenin")]
    assert fixed(LENIN, edits).endswith("The opponents of Lenin said little, and Lenin's theses were printed.")
    message = edits[0].message
    assert "'Lenipa' (2 here)" in message and "'Lenin' (3 here)" in message and "n read as p" in message


def test_ocr_tier_comes_from_its_parameter() -> None:
    edits = run(LENIN, rule=make_rule(Tier.SAFE, ocr_tier="suggest"))
    assert {e.tier for e in edits} == {Tier.SUGGEST}


def test_a_rare_name_does_not_repair_anything() -> None:
    text = "Lenin arrived at the Finland Station. The opponents of Lenipa said little."
    assert run(text) == []


def test_other_ocr_confusions() -> None:
    text = (
        "Pravda printed the decree. Pravda printed the reply. Pravda printed nothing else. "
        "Only Nravda carried the news."
    )
    assert [(e.original, e.replacement) for e in run(text)] == [("Nravda", "Pravda")]
    # Хрущев read as Хрушев, Мазепа as Мавепа
    text = "Khrushchev spoke first. Khrushchev spoke long. Khrushchev spoke again. Then Khrushev sat down."
    assert [(e.original, e.replacement) for e in run(text)] == [("Khrushev", "Khrushchev")]
    text = "Mazepa rode south. Mazepa crossed the river. Mazepa met the Swedes. The Cossacks of Mavepa followed."
    assert [(e.original, e.replacement) for e in run(text)] == [("Mavepa", "Mazepa")]


def test_a_bare_case_ending_is_only_reviewed_and_a_feminine_one_not_at_all() -> None:
    text = "Lenin spoke. Lenin wrote. Lenin left. A telegram to Leninu came back. Lenina is his sister's name."
    edits = run(text)
    assert [(e.original, e.replacement, e.tier) for e in edits] == [("Leninu", "Lenin", Tier.REVIEW)]
    assert "case ending '-u'" in edits[0].message


def test_ocr_candidates_for_a_whole_book() -> None:
    assert names.ocr_candidates(LENIN) == [("Lenipa", "Lenin", 2, 3)]
    assert names.ocr_candidates(LENIN, min_frequent=4) == []


# --- real-word confusions -----------------------------------------------------------

POLITICS = (
    "The opposition met in secret. The leaders of the opposition were exiled, "
    "but the opposition survived, and the opposition press circulated widely. "
    "Stalin feared the opposition more than any foreign enemy, "
    "and the GPU looked for an apposition or a connection with the enemies of the state."
)


def test_a_rare_real_word_beside_a_frequent_one_is_a_review_finding() -> None:
    edits = run(POLITICS)
    assert [(e.original, e.replacement, e.tier) for e in edits] == [("apposition", "opposition", Tier.REVIEW)]
    assert "'apposition' (1 here)" in edits[0].message and "'opposition' (5 here)" in edits[0].message


def test_a_real_word_is_left_alone_when_the_frequent_one_is_not_frequent_enough() -> None:
    text = POLITICS.replace("and the opposition press", "and the press")
    assert run(text) == []


def test_inflections_and_common_words_are_not_misreadings() -> None:
    text = "The workers worked. " * 6 + "The united front unites them. " + "United we stand. " * 5
    assert run(text) == []


def test_checks_can_be_switched_off() -> None:
    assert run(LENIN, rule=make_rule(ocr=False)) == []
    assert run(POLITICS, rule=make_rule(words=False)) == []
    assert run(JOFFE, rule=make_rule(variants=False)) == []


# --- protection, clean text, whole books ----------------------------------------------------


def test_nothing_is_proposed_in_a_protected_span() -> None:
    start = LENIN.index("Lenipa's")
    edits = run(LENIN, protected=(Span(start, start + 8),))
    assert [e.start for e in edits] == [LENIN.index("Lenipa")]


CLEAN_HISTORY = """\
In the autumn of 1927 the United Opposition was defeated. Trotsky, Zinoviev and Kamenev
were expelled from the party, and the Fifteenth Congress confirmed the expulsions in December.
Zinoviev and Kamenev recanted within weeks; Trotsky refused, and in January 1928 the GPU put him
on a train to Alma-Ata. His wife, Natalia Sedova, and their elder son, Lev Sedov, went with him.

From Alma-Ata Trotsky kept up a vast correspondence with exiled oppositionists. Stalin, who now
controlled the Politburo, treated every letter as a conspiracy. In January 1929 the Politburo decided
to expel Trotsky from the Soviet Union altogether, and in February he was taken to Odessa and put
aboard the steamer Ilyich, bound for Constantinople. Bukharin, Rykov and Tomsky, the leaders of the
Right, were themselves removed from their posts later that year, and Stalin stood alone.
"""


def test_a_clean_history_text_yields_nothing() -> None:
    assert run(CLEAN_HISTORY) == []
    assert run(CLEAN_HISTORY + GENDERED) == []


def test_name_clusters_across_texts() -> None:
    clusters = names.name_clusters([JOFFE, "Ioffe answered at once. Ioffe was pleased.", CLEAN_HISTORY])
    by_key = {c.key: c for c in clusters}
    joffe = by_key[name_key("Joffe")]
    assert joffe.spellings == (("Ioffe", 3), ("Joffe", 3))
    assert joffe.preferred is None and not joffe.is_consistent and joffe.total == 6
    assert dict(joffe.texts) == {"Ioffe": (0, 1), "Joffe": (0,)}
    trotsky = by_key[name_key("Trotsky")]
    assert trotsky.is_consistent and trotsky.preferred == "Trotsky" and trotsky.texts == (("Trotsky", (2,)),)
    # the commonest name first; sentence-initial English words are not names
    assert [c.total for c in clusters] == sorted((c.total for c in clusters), reverse=True)
    assert clusters[0].key == name_key("Joffe") and clusters[1].key == name_key("Trotsky")
    assert name_key("The") not in by_key and name_key("From") not in by_key


def test_name_clusters_prefer_the_glossary() -> None:
    clusters = names.name_clusters([JOFFE], known_terms=["Ioffe"])
    assert [c.preferred for c in clusters if c.key == name_key("Ioffe")] == ["Ioffe"]


@pytest.mark.parametrize(
    "params",
    [{"variant_tier": "sometimes"}, {"min_frequent": "three"}, {"max_rare": -1}, {"max_rare": 3}, {"ocr": "yes"}],
)
def test_bad_parameters_are_reported_when_the_rule_is_loaded(params: dict[str, object]) -> None:
    with pytest.raises(CleanupError, match="names.test"):
        names.compile(make_rule(Tier.SUGGEST, **params))


def test_word_counts_are_shared_between_rules_on_one_document() -> None:
    doc = Document(LENIN)
    first = list(names.compile(make_rule())(doc))
    second = list(names.compile(make_rule(Tier.REVIEW))(doc))
    assert [e.original for e in first] == [e.original for e in second]
    assert names._doc_counts(doc) is names._doc_counts(doc)


_WORDS = st.sampled_from(
    ["Lenin", "Lenipa", "Lenina", "Joffe", "Ioffe", "Sedov", "Sedova", "opposition", "apposition", "the", "and"]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_WORDS, st.sampled_from([" ", ", ", ". ", "'s ", "\n", "-"])), max_size=40))
def test_every_edit_covers_a_whole_word_of_the_text(parts: list[tuple[str, str]]) -> None:
    text = "".join(w + sep for w, sep in parts)
    for edit in run(text):
        assert text[edit.start : edit.end] == edit.original
        assert edit.start == 0 or not text[edit.start - 1].isalpha()
        assert edit.end == len(text) or not text[edit.end].isalpha()
        assert edit.original not in ("Sedov", "Sedova")


def test_clusters_from_the_names_counts_alone_are_the_clusters_of_the_whole_texts() -> None:
    """A folder's cross-file report keeps only the capitalised words' counts: the clusters must not change."""
    from cleanup.kinds.names import clusters_from_counts, name_clusters, name_counts

    from .conftest import SAMPLE, SHARED_CORPUS

    sample = SAMPLE.read_text(encoding="utf-8")
    texts = [sample[i : i + 20_000] for i in range(0, len(sample), 20_000)]
    texts += [p.read_text(encoding="utf-8") for p in sorted((SHARED_CORPUS / "dev").glob("*.txt"))]
    capitalised = [name_counts(t) for t in texts]
    lower = {w.lower() for c in capitalised for w in c}
    assert clusters_from_counts([name_counts(t, lower) for t in texts]) == name_clusters(texts)
