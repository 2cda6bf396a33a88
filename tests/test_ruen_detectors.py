"""The ru-en detectors of Russian abbreviations, untranslated words, gender, case forms and short-text repairs.

Each test runs the real pipeline with the rule (or pack) selected, on sentences written for the test.
"""

from __future__ import annotations

import pytest

from cleanup import Config, Tier, clean_text
from cleanup.model import CleanupError
from cleanup.rules import parse_rule_file


def run(text: str, select: str, unsafe: bool = True):  # type: ignore[no-untyped-def]
    return clean_text(text, Config(select=(select,), unsafe_fixes=unsafe))


def found(text: str, select: str) -> list[tuple[str, str | None, Tier]]:
    return [(e.original, e.replacement, e.tier) for e in run(text, select).all_edits if e.rule_id.startswith(select)]


# --- class 4: abbreviations and numbers -------------------------------------------------


def test_tov_at_a_sentence_start_keeps_the_capital() -> None:
    result = run("The meeting opened at noon. Tov. Ivanov said the plan was met.", "ru-en.abbrev.comrade")
    assert result.text == "The meeting opened at noon. Comrade Ivanov said the plan was met."
    result = run("The plan was reported by tov. Ivanov.", "ru-en.abbrev.comrade")
    assert result.text == "The plan was reported by comrade Ivanov."


def test_a_lone_initial_t_needs_evidence() -> None:
    one = "The article by T. Sorokin appeared in 1990."
    assert run(one, "ru-en.abbrev.comrade").text == one
    two = "The letter was signed by T. Sorokin and T. Lapin."
    assert run(two, "ru-en.abbrev.comrade").text == "The letter was signed by comrade Sorokin and comrade Lapin."
    # another comrade token in the text is evidence too
    mixed = "Present: tov. Belov. T. Sorokin spoke first."
    assert run(mixed, "ru-en.abbrev.comrade").text == "Present: comrade Belov. Comrade Sorokin spoke first."


def test_volumes_stay_volumes_without_comrade_evidence() -> None:
    edits = found("The letter went to vols. Frolov and Titov.", "ru-en.abbrev.comrade")
    assert edits == [("vols.", "comrades", Tier.REVIEW)]
    assert found("See vols. III and IV.", "ru-en.abbrev.comrade") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The bridge is 2,5 km long.", "The bridge is 2.5 km long."),
        ("It cost 1,25 million rubles.", "It cost 1.25 million rubles."),
        ("A crowd of 2,500 people came.", "A crowd of 2,500 people came."),
        ("Rows 2,5 and 8 km were cleared.", "Rows 2,5 and 8 km were cleared."),
    ],
)
def test_the_decimal_comma(text: str, expected: str) -> None:
    assert run(text, "ru-en.number.decimal-comma", unsafe=False).text == expected


def test_year_conventions() -> None:
    assert run("It was built in 1961 g. by the army.", "ru-en.abbrev").text == "It was built in 1961 by the army."
    assert run("It was built in 1961 years by the army.", "ru-en.abbrev").text == "It was built in 1961 by the army."
    assert run("In the 1961st year it was built.", "ru-en.number.ordinal-year").text == "In 1961 it was built."
    assert run("It opened on April, 12th.", "ru-en.date.comma").text == "It opened on April 12."
    for good in ("It took 1961 years.", "the 1500th anniversary", "In April, 12 boys left."):
        assert run(good, "ru-en").text == good


# --- class 5: untranslated Russian ------------------------------------------------------


def test_a_cyrillic_word_in_a_short_text_is_reported() -> None:
    assert [e.original for e in run("The деревня burned.", "ru-en.script.cyrillic-word").findings] == ["деревня"]


def test_a_glossed_cyrillic_word_is_not_reported() -> None:
    text = "Peredelkino (Russian: Переделкино) is a village near Moscow."
    assert run(text, "ru-en.script.cyrillic-word").findings == ()


def test_a_case_form_needs_the_base_form_and_the_governing_preposition() -> None:
    text = "Tambov is old. The revolt in Tambove began in 1920."
    assert run(text, "ru-en.untranslated.case-form").text == "Tambov is old. The revolt in Tambov began in 1920."
    # no preposition that governs the case: left alone
    text2 = "Tambov is old. Tambove is a misprint."
    assert run(text2, "ru-en.untranslated.case-form").text == text2
    # a woman's surname is not a case form
    text3 = "Pavlov came. Pavlov left. Then Pavlova spoke."
    assert run(text3, "ru-en.untranslated.case-form").text == text3


def test_an_acronym_with_a_lower_case_ending_is_fixed_beside_its_base() -> None:
    text = "The MTS had six tractors. The director of the MTSa left; the MTSom was closed."
    assert run(text, "ru-en.untranslated.case-form").text == (
        "The MTS had six tractors. The director of the MTS left; the MTS was closed."
    )


def test_an_acronym_with_a_lower_case_ending_and_no_base_is_reviewed_if_the_ending_is_plain() -> None:
    assert found("The decree went to the TsIKam of the republics.", "ru-en.untranslated.case-form") == [
        ("TsIKam", None, Tier.REVIEW)
    ]
    # a one-letter ending with no base form proves nothing: PCIe, RNAi; a unit after a number
    for text in ("The PCIe card and the RNAi test.", "It holds 300 MPa and 2 GWe.", "Two PhDs and CDs."):
        assert found(text, "ru-en.untranslated.case-form") == [], text


def test_russian_endings_catch_adjectives_and_nouns_left_in_latin_letters() -> None:
    text = (
        "The spetspereselentsy worked for the lesnichestvo. The organizatsiya answered the derevnyakh, "
        "and the partorgs of the raykoma met the kulakov."
    )
    flagged = {e.original for e in run(text, "ru-en.untranslated.detected").findings}
    assert {"spetspereselentsy", "organizatsiya", "derevnyakh", "partorgs", "raykoma", "kulakov"} <= flagged


def test_other_slavic_and_turkic_words_are_not_russian_endings() -> None:
    from cleanup.foreign import has_russian_ending

    # Czech -nost, Serbian -stvo, Polish -anie and -ami, Indonesian -nya are not taken for Russian
    for word in ("budoucnost", "prvenstvo", "pytanie", "kobietami", "lainnya", "government"):
        assert not has_russian_ending(word), word
    for word in ("upravlencheskaya", "urbarialnoho", "derevnyakh", "novomu", "stantsii", "kartoshka"):
        assert has_russian_ending(word), word


def test_beside_another_peoples_language_the_score_alone_is_not_enough() -> None:
    # maslikhat (Kazakh) looks Russian to the models; in a text about Kazakhstan it is a term
    text = "In Kazakhstan the deputies of the maslikhat met. The zavod was closed."
    assert [e.original for e in run(text, "ru-en.untranslated.detected").findings] == ["zavod"]
    # the same word in a text about nowhere in particular is reported
    assert [e.original for e in run("The deputies of the maslikhat met.", "ru-en.untranslated.detected").findings] == [
        "maslikhat"
    ]


def test_glued_words_leave_romanised_russian_alone() -> None:
    # prichina is not "pri china", partorg is not "part org"; thefactory is still split
    text = "The prichina was the partorg, and thefactory closed."
    edits = [(e.original, e.replacement) for e in run(text, "spacing.glued-words").all_edits]
    assert edits == [("thefactory", "the factory")]


# --- class 6: gender ---------------------------------------------------------------------


def test_she_for_a_village_becomes_it() -> None:
    text = "Nobody lives in the village now. In 1943 the occupiers burned her down."
    assert run(text, "ru-en.gender").text == "Nobody lives in the village now. In 1943 the occupiers burned it down."


def test_no_gender_finding_in_a_text_about_a_woman() -> None:
    text = "Her mother ran the village school. The village was poor, and she taught there for free."
    assert found(text, "ru-en.gender.she-thing") == []


def test_a_person_in_the_window_makes_it_a_review() -> None:
    text = "Sokolov inspected the mill in May. The mill was old, and her wheel was broken."
    assert found(text, "ru-en.gender.she-thing") == [("her", "its", Tier.REVIEW)]


def test_a_listed_institution_keeps_the_rule_tier_a_wider_noun_is_a_review() -> None:
    # 'newspaper' and 'hospital' are institutions of the first list: the rule's tier (a suggestion)
    text = "The newspaper was founded in 1918. She came out twice a week."
    assert found(text, "ru-en.gender.she-thing") == [("She", "It", Tier.SUGGEST)]
    # 'reform' is a thing only by the wider word classes: a review at most
    text = "The reform began in 1861. She freed the serfs."
    assert found(text, "ru-en.gender.she-thing") == [("She", "It", Tier.REVIEW)]


def test_an_abstract_noun_by_its_suffix_is_a_thing_only_with_no_one_in_view() -> None:
    assert found("The reorganisation took a year. She cost the plant dearly.", "ru-en.gender.she-thing") == [
        ("She", "It", Tier.REVIEW)
    ]
    text = "The teacher spoke about the reorganisation. She said it was needed."
    assert found(text, "ru-en.gender.she-thing") == []


def test_a_subject_pronoun_takes_the_subject_of_the_sentence_before() -> None:
    # the field is nearer, but the tractor is the subject; the field after 'in' is no antecedent
    text = "The tractor broke down in the field. He stood there until spring."
    assert found(text, "ru-en.gender.he-thing") == [("He", "It", Tier.REVIEW)]
    # a person in view: nothing
    text = "The driver left the tractor in the field. He walked home."
    assert found(text, "ru-en.gender.he-thing") == []


def test_his_is_a_review_only_with_no_person_in_view() -> None:
    assert found("The region is rich in forests. His rivers are full of fish.", "ru-en.gender.he-thing") == [
        ("His", "Its", Tier.REVIEW)
    ]
    assert found("The old man loved the region. His rivers were full of fish.", "ru-en.gender.he-thing") == []
    assert found("We drove through the region. His rivers were full of fish.", "ru-en.gender.he-thing") == []


def test_generic_and_chained_person_pronouns_are_left_alone() -> None:
    for text in (
        "Anyone who fills in the form at the office should write his/her name, and he/she must sign it.",
        "If he were already in the hospital, they would never let him out.",
        "Kate lived across the road. I knocked on her door on the second day. She opened it.",
        "The crew admired Nurse Chapel, and nobody doubted her courage.",
        "The programmer left the office at six; he took his laptop with him.",
        "We place two copies of the magazine in the hall. Later ANNA KOROLEVA comes in with a cage on her head.",
    ):
        assert found(text, "ru-en.gender") == [], text


def test_most_pronouns_a_persons_silence_the_text() -> None:
    text = (
        "She came home late. She put her bag on the chair and made tea. "
        "The stove was old. She drank her tea at the window and read until midnight."
    )
    assert found(text, "ru-en.gender.she-thing") == []


def test_who_is_lower_case_and_not_for_an_animal_or_a_prepositional_phrase() -> None:
    assert found("We went to the museum, who keeps the old icons.", "ru-en.gender.who-thing") == [
        ("who", "which", Tier.SUGGEST)
    ]
    for text in (
        "It is good to have somebody around the house who understands computers.",
        "George had a dog who could count to ten.",
        "So I stepped into a cigar store\nWho had a home across the way.",
    ):
        assert found(text, "ru-en.gender.who-thing") == [], text
    # no comma and the noun phrase inside the sentence: a review
    assert found("Everyone praised the newspaper who had printed the letter.", "ru-en.gender.who-thing") == [
        ("who", "which", Tier.REVIEW)
    ]


def test_a_bad_pronouns_parameter_is_an_error() -> None:
    bad = (
        'pack = "x"\n[[rule]]\nid = "x.gender"\nkind = "ru-gender"\ncategory = "pronoun"\ntier = "review"\n'
        'description = "d"\nmessage = "m"\npronouns = "neuter"\n'
    )
    with pytest.raises(CleanupError, match="pronouns"):
        parse_rule_file(bad, "x.toml")


# --- class 7: short texts ----------------------------------------------------------------


def test_a_drop_cap_is_joined_only_into_a_known_word() -> None:
    assert run("T he road was long.", "ru-en.short").text == "The road was long."
    assert run("Q zx was here.", "ru-en.short").text == "Q zx was here."


def test_a_name_seen_twice_repairs_its_ocr_variant_in_a_short_text() -> None:
    text = "Belkin wrote. Belkin left. A letter from Belkip came."
    assert run(text, "ru-en.names").text == "Belkin wrote. Belkin left. A letter from Belkin came."
    # seen once each: no evidence which spelling is right
    text2 = "Belkin wrote. A letter from Belkip came."
    assert run(text2, "ru-en.names").text == text2


def test_the_new_rules_are_idempotent() -> None:
    text = (
        "T he village of Lozovka lies 4,5 km from the town. Tov. Belov said in 1961 g. that her fields were poor.\n"
        "Nobody lives in the village now. In 1943 the occupiers burned her down."
    )
    once = clean_text(text, Config(unsafe_fixes=True)).text
    assert once != text
    assert clean_text(once, Config(unsafe_fixes=True)).text == once
