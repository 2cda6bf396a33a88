"""Glossary files: loading the three formats, compiling them into ``words`` rules, linting."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from pathlib import Path

import pytest

from cleanup.glossary import (
    GlossaryEntry,
    GlossaryProblem,
    check_paths,
    compile_glossary,
    glossary_files,
    known_terms,
    lint_glossary,
    load_glossary,
)
from cleanup.model import CleanupError, Document, Edit, Rule, Span, Tier

DATA = Path(__file__).parent / "data" / "glossary"
HOUSE = DATA / "house.tsv"
PARTY = DATA / "party.tbx"  # TBX 2, no namespace
SOVIET = DATA / "soviet.tbx"  # TBX 3, namespaced
CAT = DATA / "cat-export.csv"  # comma-delimited, BOM, en-US / ru-RU
PLACES = DATA / "places.csv"  # semicolon-delimited, EN-GB / RU


# --- helpers -------------------------------------------------------------------


def rules_of(path: Path) -> tuple[Rule, ...]:
    return compile_glossary(load_glossary(path), name=path.stem)


def find(rules: Iterable[Rule], text: str, protected: tuple[Span, ...] = ()) -> list[Edit]:
    doc = Document(text, protected=protected)
    return sorted((e for rule in rules for e in rule.detector(doc)), key=lambda e: (e.start, e.end))


def fix(
    rules: Sequence[Rule], text: str, tiers: Iterable[Tier] = (Tier.SAFE,), **kw: tuple[Span, ...]
) -> str:
    """``text`` with the fixes of ``tiers`` applied (they must not overlap)."""
    wanted = set(tiers)
    chosen = [e for e in find(rules, text, **kw) if e.replacement is not None and e.tier in wanted]
    for a, b in itertools.pairwise(chosen):
        assert a.end <= b.start, f"overlapping fixes {a} and {b}"
    for e in reversed(chosen):
        assert text[e.start : e.end] == e.original
        text = text[: e.start] + (e.replacement or "") + text[e.end :]
    return text


def by_term(entries: Iterable[GlossaryEntry], term: str, action: str) -> GlossaryEntry:
    (entry,) = [e for e in entries if e.term == term and e.action == action]
    return entry


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# --- the TSV format ------------------------------------------------------------


def test_tsv_rows_become_entries_with_defaults_and_sources() -> None:
    entries = load_glossary(HOUSE)
    gpu = by_term(entries, "GPU agent", "auto")
    assert gpu.variants == ("gepeur", "gepeurist")
    assert gpu.source == f"{HOUSE}:5" and gpu.note == "MT transliterates гепеур"
    committee = by_term(entries, "Executive Committee", "auto")  # action and case left off
    assert committee.case == "preserve" and committee.note == ""
    assert by_term(entries, "counter-revolutionary", "forbid").variants == ()


def test_tsv_exact_term_without_variants_matches_its_lower_case_form() -> None:
    politburo = by_term(load_glossary(HOUSE), "Politburo", "auto")
    assert (politburo.case, politburo.variants) == ("exact", ("politburo",))
    rules = rules_of(HOUSE)
    assert fix(rules, "the politburo met") == "the Politburo met"
    assert find(rules, "The Politburo met. POLITBURO") == []  # right already; a heading in capitals


def test_case_of_the_replaced_word_is_carried_over() -> None:
    rules = rules_of(HOUSE)
    assert fix(rules, "two gepeurs came") == "two GPU agents came"
    assert fix(rules, "TWO GEPEURS CAME") == "TWO GPU AGENTS CAME"
    # a sentence-initial capital is kept on a lower-case target (a suggest-tier row)
    assert fix(rules, "Fraction of Stalin.", tiers=(Tier.SUGGEST,)) == "Faction of Stalin."


def test_inflected_forms_follow_the_entry() -> None:
    rules = rules_of(PARTY)
    assert fix(rules, "Marx and Lenipa") == "Marx and Lenin"
    assert fix(rules, "Lenipa's precepts; Lenipa’s") == "Lenin's precepts; Lenin’s"
    assert fix(rules_of(HOUSE), "a gepeurist's report") == "a GPU agent's report"


def test_multi_word_term_across_a_line_break() -> None:
    house = rules_of(HOUSE)
    # as many words in the target as in the match: the break stays where it was
    assert (
        fix(house, "the Executive Comittee of the\nComintern") == "the Executive Committee of the\nComintern"
    )
    assert fix(rules_of(PARTY), "Центральный\nкомитет решил") == "Central\nCommittee решил"
    # a different number of words: the term is written on one line
    assert fix(rules_of(PARTY), "the All-Union Communist\nParty of Bolsheviks") == (
        "the All-Union Communist Party (Bolsheviks)"
    )
    # a blank line ends the paragraph: the shorter term matches, not across it
    (edit,) = find(house, "the Executive Comittee\n\nof the Comintern")
    assert edit.original == "Executive Comittee"


def test_longest_match_wins() -> None:
    house = rules_of(HOUSE)
    assert (
        fix(house, "the Executive Comittee of the Comintern met")
        == "the Executive Committee of the Comintern met"
    )
    assert fix(house, "the Executive Comittee met") == "the Executive Committee met"
    party = rules_of(PARTY)
    (edit,) = find(party, "решение ЦК партии")
    assert (edit.original, edit.replacement) == ("ЦК партии", "Central Committee of the Party")
    assert fix(party, "решение Центральный комитет") == "решение Central Committee"


def test_an_acronym_variant_does_not_shout_its_target() -> None:
    assert fix(rules_of(PARTY), "решение ЦК") == "решение Central Committee"


def test_a_term_inside_a_longer_word_does_not_fire() -> None:
    assert find(rules_of(HOUSE), "gepeurism and pregepeur") == []
    assert find(rules_of(PARTY), "Lenipaville, Ленинград") == []


def test_a_protected_span_is_left_alone() -> None:
    text = "see https://example.org/gepeur about the gepeur"
    url = Span(4, text.index(" about"))
    edits = find(rules_of(HOUSE), text, protected=(url,))
    assert [(e.start, e.replacement) for e in edits] == [(text.rindex("gepeur"), "GPU agent")]


def test_forbidden_term_is_reported_without_a_replacement() -> None:
    (edit,) = find(rules_of(HOUSE), "a counter-revolutionary act")
    assert edit.replacement is None and edit.tier is Tier.REVIEW
    assert edit.rule_id == "glossary.house.forbidden"
    assert edit.message == (
        f"glossary: 'counter-revolutionary' is forbidden ({HOUSE}:11; a loaded term: quote the source or rephrase)"
    )


def test_tiers_follow_the_action_and_review_keeps_its_proposal() -> None:
    rules = rules_of(HOUSE)
    assert [r.id for r in rules] == ["glossary.house", "glossary.house.forbidden"]
    tiers = {e.original: (e.tier, e.replacement) for e in find(rules, "gepeur fraction fight")}
    assert tiers == {
        "gepeur": (Tier.SAFE, "GPU agent"),
        "fraction": (Tier.SUGGEST, "faction"),
        "fight": (Tier.REVIEW, "struggle"),
    }


def test_message_names_the_glossary_file_and_row() -> None:
    (edit,) = find(rules_of(HOUSE), "gepeur")
    assert edit.message == f"glossary: 'gepeur' -> 'GPU agent' ({HOUSE}:5; MT transliterates гепеур)"
    (edit,) = find(rules_of(PARTY), "Ленин")
    assert edit.message == f"glossary: 'Ленин' -> 'Lenin' ({PARTY}:9; Vladimir Ilyich Lenin)"


def test_rules_carry_entries_in_the_words_format() -> None:
    (rule,) = compile_glossary(
        [GlossaryEntry("GPU agent", ("gepeur",), note="why", source="g.tsv:2")], name="g"
    )
    assert (rule.kind, rule.category, rule.pack, rule.source) == ("words", "terminology", "glossary", "g.tsv")
    assert rule.params == {
        "entries": [
            {"variants": ["gepeur"], "target": "GPU agent", "tier": "safe", "case": "preserve",
             "note": "; why", "source": "g.tsv:2"}
        ]
    }  # fmt: skip


def test_accepted_terms_compile_to_nothing_but_are_known() -> None:
    entries = [GlossaryEntry("CC", (), "accept", source="g.tsv:2"), GlossaryEntry("Trotskyite", (), "forbid")]
    assert [r.id for r in compile_glossary(entries, name="g")] == ["glossary.g.forbidden"]
    assert known_terms(entries) == {"CC"}


def test_compiling_an_entry_without_variants_names_its_row() -> None:
    with pytest.raises(CleanupError) as e:
        compile_glossary([GlossaryEntry("GPU agent", (), "auto", source="g.tsv:7")], name="g")
    assert e.value.where == "g.tsv:7" and "no variants" in e.value.problem


# --- TBX -----------------------------------------------------------------------


def test_tbx2_statuses_map_to_actions() -> None:
    entries = load_glossary(PARTY)
    lenin = by_term(entries, "Lenin", "auto")
    assert lenin.variants == ("Lenipa", "Ленин")  # deprecated English, then Russian
    assert lenin.source == f"{PARTY}:9" and lenin.note == "Vladimir Ilyich Lenin"
    assert not [e for e in entries if e.term == "Lenin" and e.action == "suggest"]  # "lenin" is the target
    assert by_term(entries, "CC", "accept").variants == ()  # admitted, short status form
    assert all("CC" not in e.variants for e in entries)
    vkpb = by_term(entries, "All-Union Communist Party (Bolsheviks)", "auto")
    assert "All-Union Communist Party of the Soviet Union" in vkpb.variants  # normativeAuthorization
    assert {"CC", "Central Committee", "chief"} <= known_terms(entries)
    assert all(e.term != "Chef" and "Chef" not in e.variants for e in entries)  # German is ignored


def test_tbx_russian_terms_and_their_transliterations() -> None:
    entries = load_glossary(PARTY)
    assert by_term(entries, "chief", "auto").variants == ("начальник",)
    assert by_term(entries, "chief", "auto").note == "the head of an office, a camp or a department"
    assert {"nachalnik", "nachal'nik"} <= set(by_term(entries, "chief", "suggest").variants)
    rules = rules_of(PARTY)
    assert fix(rules, "Начальник пришёл") == "Chief пришёл"
    assert fix(rules, "the nachalnik came") == "the nachalnik came"  # a suggestion: not applied by default
    assert fix(rules, "the nachalnik came", tiers=(Tier.SAFE, Tier.SUGGEST)) == "the chief came"


def test_tbx_transliterations_skip_english_words_short_ones_and_the_target(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "t.tbx",
        """<martif><text><body>
        <termEntry><langSet xml:lang="en"><tig><term>mother</term></tig></langSet>
                   <langSet xml:lang="ru"><tig><term>мама</term></tig></langSet></termEntry>
        <termEntry><langSet xml:lang="en"><tig><term>OGPU</term></tig></langSet>
                   <langSet xml:lang="ru"><tig><term>ОГПУ</term></tig></langSet></termEntry>
        <termEntry><langSet xml:lang="en"><tig><term>Council</term></tig></langSet>
                   <langSet xml:lang="ru"><tig><term>Совет</term></tig><tig><term>СНК</term></tig></langSet></termEntry>
        </body></text></martif>""",
    )
    entries = load_glossary(path)
    assert [e.action for e in entries] == ["auto", "auto", "auto", "suggest"]
    assert by_term(entries, "Council", "suggest").variants == ("sovet",)  # not "snk": too short
    # "mama" is an English word and "OGPU" the target itself: neither becomes a suggestion


def test_tbx3_namespaced_file_loads() -> None:
    entries = load_glossary(SOVIET)
    comintern = by_term(entries, "Comintern", "auto")
    assert comintern.variants == ("Komintern", "Коминтерн")  # superseded, Russian; "komintern" not twice
    assert comintern.note == "The Communist International, 1919-1943"
    assert by_term(entries, "OGPU", "auto").variants == ("ОГПУ",)  # its transliteration is the target
    rules = rules_of(SOVIET)
    assert fix(rules, "the Komintern and the ОГПУ") == "the Comintern and the OGPU"


def test_tbx_concept_with_only_deprecated_english_terms_is_forbidden() -> None:
    entries = load_glossary(SOVIET)
    trotskyite = by_term(entries, "Trotskyite", "forbid")
    assert trotskyite.source == f"{SOVIET}:35"
    assert all("троцкист" not in e.variants for e in entries)  # nothing English to put in its place
    (edit,) = find(rules_of(SOVIET), "the Trotskyites")
    assert edit.replacement is None and edit.original == "Trotskyites"


def test_tbx_with_prefixed_namespace_and_status_as_element(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "dct.xml",
        """<?xml version="1.0"?>
<t:tbx xmlns:t="urn:iso:std:iso:30042:ed-2" xmlns:basic="http://www.tbxinfo.net/ns/basic">
 <t:text><t:body><t:conceptEntry id="c1">
  <t:langSec xml:lang="en"><t:termSec><t:term>Politburo</t:term>
    <basic:administrativeStatus>preferredTerm-admn-sts</basic:administrativeStatus></t:termSec>
   <t:termSec><t:term>Political Bureau</t:term>
    <basic:administrativeStatus>deprecatedTerm-admn-sts</basic:administrativeStatus></t:termSec></t:langSec>
 </t:conceptEntry></t:body></t:text></t:tbx>""",
    )
    assert load_glossary(path) == [
        GlossaryEntry("Politburo", ("Political Bureau",), "auto", source=f"{path}:3")
    ]


# --- CSV from CAT tools --------------------------------------------------------


def test_cat_csv_with_bom_synonyms_and_note_columns() -> None:
    entries = load_glossary(CAT)
    chairman = by_term(entries, "chairman", "auto")
    assert chairman.variants == ("председатель", "предсовнаркома")  # "|" between synonyms
    assert chairman.note == "Chair of a council, or of a committee; Part of speech: noun"
    assert chairman.source == f"{CAT}:2"
    assert by_term(entries, "head", "accept").source == f"{CAT}:2"  # a second English synonym is admitted
    assert by_term(entries, "exile", "auto").variants == ("ссылка", "высылка")  # ";" between synonyms
    assert by_term(entries, "collegium", "auto").note == 'Not "board", which MT prefers; Part of speech: noun'
    assert fix(rules_of(CAT), "его ссылка") == "его exile"


def test_semicolon_delimited_csv_with_upper_case_codes() -> None:
    (entry,) = [e for e in load_glossary(PLACES) if e.action == "auto"]
    assert (entry.term, entry.variants) == ("Alma-Ata", ("Алма-Ата",))
    assert entry.note == "Definition: a city in Kazakhstan, now Almaty"


def test_csv_language_code_spellings(tmp_path: Path) -> None:
    path = write(tmp_path, "t.csv", "Description,ru,en_GB\nfor a region,волость,volost district\n\n")
    (auto, *_) = load_glossary(path)
    assert (auto.term, auto.variants, auto.note) == (
        "volost district",
        ("волость",),
        "Description: for a region",
    )


def test_utf16_csv_as_spreadsheets_save_it(tmp_path: Path) -> None:
    path = write(tmp_path, "t.csv", "en\tru\nchief\tначальник\n".encode("utf-16"))
    assert by_term(load_glossary(path), "chief", "auto").variants == ("начальник",)


def test_a_row_with_no_english_term_is_skipped(tmp_path: Path) -> None:
    path = write(tmp_path, "t.csv", "en,ru\n,волость\nparish,приход\n")
    assert {e.term for e in load_glossary(path)} == {"parish"}


# --- folders -------------------------------------------------------------------


def test_a_folder_reads_every_glossary_file_in_sorted_order() -> None:
    files = glossary_files(DATA)
    assert [f.name for f in files] == sorted(
        ["house.tsv", "party.tbx", "soviet.tbx", "cat-export.csv", "places.csv"]
    )
    assert load_glossary(DATA) == [e for f in files for e in load_glossary(f)]


def test_a_folder_takes_xml_files_only_when_they_are_tbx(tmp_path: Path) -> None:
    write(tmp_path, "a.xml", '<martif><text><body><termEntry><langSet xml:lang="en"><tig><term>OGPU</term>'
          "</tig></langSet></termEntry></body></text></martif>")  # fmt: skip
    write(tmp_path, "b.xml", "<catalog><book/></catalog>")
    write(tmp_path, "c.txt", "term\tvariants\nx\ty\n")
    assert [f.name for f in glossary_files(tmp_path)] == ["a.xml"]
    assert [e.term for e in load_glossary(tmp_path)] == ["OGPU"]


def test_the_fixture_glossaries_lint_clean() -> None:
    assert check_paths([DATA]) == []


# --- malformed files -----------------------------------------------------------


def error_of(path: Path) -> CleanupError:
    with pytest.raises(CleanupError) as e:
        load_glossary(path)
    return e.value


def test_bad_xml_names_the_parsers_line(tmp_path: Path) -> None:
    path = write(
        tmp_path, "bad.tbx", '<?xml version="1.0"?>\n<martif>\n<text>\n<body>\n<termEntry>\n</body>\n'
    )
    e = error_of(path)
    assert e.where == f"{path}:6" and "not well-formed XML" in e.problem


def test_tsv_row_with_too_many_columns(tmp_path: Path) -> None:
    path = write(tmp_path, "g.tsv", "term\tvariants\n\nGPU agent\tgepeur\tauto\n")
    e = error_of(path)
    assert e.where == f"{path}:3" and "too many columns" in e.problem


def test_tsv_unknown_action(tmp_path: Path) -> None:
    path = write(tmp_path, "g.tsv", "# x\nterm\tvariants\taction\nGPU agent\tgepeur\tfix\n")
    e = error_of(path)
    assert e.where == f"{path}:3" and e.problem.startswith("unknown action 'fix'")


def test_tsv_bad_case_value(tmp_path: Path) -> None:
    path = write(tmp_path, "g.tsv", "term\tvariants\taction\tcase\nGPU agent\tgepeur\tauto\tupper\n")
    e = error_of(path)
    assert e.where == f"{path}:2" and "unknown case 'upper'" in e.problem


def test_tsv_missing_header(tmp_path: Path) -> None:
    path = write(tmp_path, "g.tsv", "# no header\nGPU agent\tgepeur\n")
    e = error_of(path)
    assert e.where == f"{path}:2" and "missing header" in e.problem
    spaced = write(tmp_path, "s.tsv", "term    variants\n")
    assert "tabs, not spaces" in error_of(spaced).problem


def test_tsv_invalid_utf8(tmp_path: Path) -> None:
    path = write(tmp_path, "g.tsv", b"term\tvariants\nchief\tnach\xe0lnik\n")
    assert error_of(path).where == f"{path}:2"


def test_csv_without_an_english_column(tmp_path: Path) -> None:
    path = write(tmp_path, "g.csv", "\n\nde,ru\nChef,начальник\n")
    e = error_of(path)
    assert e.where == f"{path}:3" and "no English column" in e.problem


def test_csv_row_with_too_many_cells(tmp_path: Path) -> None:
    path = write(tmp_path, "g.csv", 'en,ru\n"chief,\nboss",начальник\nexile,ссылка,extra\n')
    e = error_of(path)
    assert e.where == f"{path}:4" and "too many columns" in e.problem  # the quoted line break counted


def test_tbx_structure_errors_name_the_line(tmp_path: Path) -> None:
    no_lang = write(tmp_path, "a.tbx", "<martif><text><body>\n<termEntry>\n<langSet><tig><term>x</term></tig>"
                    "</langSet></termEntry></body></text></martif>")  # fmt: skip
    assert (error_of(no_lang).where, error_of(no_lang).problem) == (
        f"{no_lang}:3",
        "<langSet> has no xml:lang attribute",
    )
    status = write(tmp_path, "b.tbx", '<tbx><text><body><conceptEntry><langSec xml:lang="en"><termSec>\n'
                   '<term>x</term>\n<termNote type="administrativeStatus">favourite</termNote>'
                   "</termSec></langSec></conceptEntry></body></text></tbx>")  # fmt: skip
    assert error_of(status).where == f"{status}:3" and "favourite" in error_of(status).problem
    other = write(tmp_path, "c.tbx", "<?xml version='1.0'?>\n<html/>")
    assert error_of(other).where == f"{other}:2" and "not a TBX termbase" in error_of(other).problem


def test_missing_file(tmp_path: Path) -> None:
    e = error_of(tmp_path / "none.tsv")
    assert e.where == str(tmp_path / "none.tsv") and "cannot read" in e.problem


# --- lint: one test per problem kind -------------------------------------------


def lint(*entries: GlossaryEntry) -> list[str]:
    return [str(p) for p in lint_glossary(entries)]


def test_lint_accepts_a_clean_glossary() -> None:
    assert (
        lint(GlossaryEntry("GPU agent", ("gepeur",), source="g:1"), GlossaryEntry("Lenin", ("Lenipa",))) == []
    )


def test_lint_duplicate_variant_across_entries_in_another_case() -> None:
    problems = lint(
        GlossaryEntry("GPU agent", ("gepeur",), source="g:1"),
        GlossaryEntry("agent", ("Gepeur",), source="g:2"),
    )
    assert problems == ["g:2: variant 'Gepeur' is listed twice (also as 'gepeur' at g:1)"]


def test_lint_duplicate_variant_in_one_row() -> None:
    assert lint(GlossaryEntry("Lenin", ("Lenipa", "lenipa"), source="g:1")) == [
        "g:1: variant 'lenipa' is listed twice (also as 'Lenipa' earlier in this row)"
    ]


def test_lint_duplicate_variant_across_files(tmp_path: Path) -> None:
    a = write(tmp_path, "a.tsv", "term\tvariants\nGPU agent\tgepeur\n")
    b = write(tmp_path, "b.csv", "en,ru\nSecret police agent,гепеушник\n")
    c = write(tmp_path, "c.tsv", "term\tvariants\nSecret police agent\tГепеушник\n")
    problems = check_paths([a, b, c])
    assert [p.source for p in problems] == [f"{c}:2"] and f"at {b}:2" in problems[0].message


def test_lint_chain() -> None:
    problems = lint(GlossaryEntry("B", ("A",), source="g:1"), GlossaryEntry("C", ("B",), source="g:2"))
    assert problems == [
        "g:1: chain: the term 'B' is itself replaced by 'C' at g:2; point the variants straight at 'C'"
    ]


def test_lint_cycle() -> None:
    problems = lint(GlossaryEntry("A", ("B",), source="g:1"), GlossaryEntry("B", ("A",), source="g:2"))
    assert len(problems) == 2 and all("cycle" in p for p in problems)


def test_lint_preferred_term_that_is_forbidden() -> None:
    problems = lint(GlossaryEntry("Trotskyite", ("Trotskist",), source="g:1"),
                    GlossaryEntry("trotskyite", (), "forbid", source="g:2"))  # fmt: skip
    assert problems == ["g:1: the term 'Trotskyite' is forbidden at g:2"]


def test_lint_empty_term() -> None:
    assert lint(GlossaryEntry("", ("gepeur",), source="g:3")) == ["g:3: empty term"]


def test_lint_missing_variants_for_auto_and_suggest_rows() -> None:
    problems = lint(
        GlossaryEntry("GPU agent", (), "auto", source="g:1"),
        GlossaryEntry("chief", (), "suggest", source="g:2"),
    )
    assert problems == [
        "g:1: no variants: a row with action 'auto' needs the forms to replace",
        "g:2: no variants: a row with action 'suggest' needs the forms to replace",
    ]


def test_lint_variants_on_a_forbid_row() -> None:
    assert lint(GlossaryEntry("Trotskyite", ("Trotskist",), "forbid", source="g:1")) == [
        "g:1: a forbid row takes no variants (found 'Trotskist')"
    ]


def test_lint_variant_equal_to_its_own_term() -> None:
    assert lint(GlossaryEntry("Lenin", ("Lenipa", "Lenin"), source="g:1")) == [
        "g:1: variant 'Lenin' is the term itself"
    ]
    # with exact case the variant enforces the spelling, which is meaningful
    assert lint(GlossaryEntry("kulak", ("kulak",), case="exact", source="g:1")) == []


def test_lint_bad_case_value() -> None:
    assert lint(GlossaryEntry("Lenin", ("Lenipa",), case="upper", source="g:1")) == [
        "g:1: unknown case 'upper' (expected preserve or exact)"
    ]


def test_lint_unknown_action() -> None:
    assert lint(GlossaryEntry("Lenin", ("Lenipa",), action="fix", source="g:1")) == [
        "g:1: unknown action 'fix' (expected auto, suggest, review, forbid, accept)"
    ]


def test_check_paths_turns_load_errors_into_problems(tmp_path: Path) -> None:
    bad = write(tmp_path, "bad.tsv", "term\tvariants\taction\nx\ty\tmaybe\n")
    problems = check_paths([bad, HOUSE])
    assert problems == [
        GlossaryProblem(f"{bad}:2", "unknown action 'maybe' (expected auto, suggest, review, forbid, accept)")
    ]
