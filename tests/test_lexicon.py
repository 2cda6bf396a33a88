"""The ru→en MT lexicon (cleanup/data/mt-calques.tsv): its data is clean, and it stays quiet on clean English.

Like a spelling dictionary's own tests: the table is sorted and deduplicated,
every line lints, no correction is itself an entry (no chains or cycles), and
every unguarded entry actually fires through its rule. The precision tests run
the lexicon rules over the clean corpora (the project's and the shared one):
no fix at all, and at most one finding per 20 KB.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
import regex

from cleanup import Config, Tier, clean_text
from cleanup.kinds.lexicon import CATEGORIES, COLUMNS, TIERS, expand, parse_lexicon, render
from cleanup.model import CleanupError, Document
from cleanup.rules import builtin_rules

from .conftest import CLEAN_CORPUS

NAME = "mt-calques.tsv"
TEXT = (resources.files("cleanup") / "data" / NAME).read_text(encoding="utf-8")
LINES = TEXT.split("\n")
ENTRIES = parse_lexicon(TEXT, f"cleanup/data/{NAME}")  # validates every phrase and guard
RULES = [r for r in builtin_rules() if r.kind == "lexicon"]
SHARED_CLEAN = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "clean"


def _key(words: tuple[str, ...]) -> str:
    return " ".join(regex.sub(r"\d+(?:[.,]\d+)?", "<n>", w.casefold()) for w in words)


def test_the_lexicon_is_large() -> None:
    assert len(ENTRIES) >= 400


def test_lines_are_lint_clean() -> None:
    assert TEXT.endswith("\n") and not TEXT.endswith("\n\n")
    for number, line in enumerate(LINES, start=1):
        if not line or line.startswith("#"):
            continue
        cells = line.split("\t")
        assert len(cells) == len(COLUMNS), (number, line)
        for cell in cells:
            assert cell and cell == cell.strip() and "  " not in cell, (number, cell)
        assert cells[3] in TIERS and cells[4] in CATEGORIES, number
        assert regex.search(r"\p{Cyrillic}", cells[2]), f"line {number}: the Russian source must be Russian"
        assert regex.search(r"\p{Cyrillic}", cells[0]) is None, f"line {number}: the phrase is English MT output"
        assert len(cells[6]) >= 5, f"line {number}: every entry carries a note"


def test_entries_are_sorted_and_unique() -> None:
    phrases = [line.split("\t")[0] for line in LINES if line and not line.startswith("#")]
    assert phrases == sorted(phrases, key=lambda p: (p.casefold(), p))
    assert len({p.casefold() for p in phrases}) == len(phrases)


def test_no_spelling_belongs_to_two_entries() -> None:
    owner: dict[str, int] = {}
    for entry in ENTRIES:
        for form in expand(entry.phrase):
            key = _key(form.words)
            assert owner.setdefault(key, entry.line) == entry.line, f"{key!r}: lines {owner[key]} and {entry.line}"


def test_no_correction_is_itself_an_entry() -> None:
    """No chains or cycles: what the lexicon writes is never something it would rewrite."""
    spellings = {_key(form.words) for entry in ENTRIES for form in expand(entry.phrase)}
    for entry in ENTRIES:
        for form in expand(entry.phrase):
            numbers = ["7"] * form.words.__str__().count("<n>")
            for correction in entry.corrections:
                written = render(correction, form, numbers)
                assert _key(tuple(written.split())) not in spellings, (entry.line, written)


def test_corrections_are_not_rewritten_by_a_fixing_rule() -> None:
    fixing = tuple(r.id for r in RULES if r.tier is not Tier.REVIEW)
    for entry in ENTRIES:
        form = expand(entry.phrase)[0]
        for correction in entry.corrections[:1]:
            text = "Then " + render(correction, form, ["7", "8"]) + " here."
            result = clean_text(text, Config(select=fixing, unsafe_fixes=True))
            assert result.text == text, (entry.line, text, result.text)


def test_safe_entries_are_never_right_words() -> None:
    """A safe entry is a phrase of several words (or a word English lacks): one common word is never safe.

    (Hyphenated words are left out: word frequencies split them into their parts.)
    """
    from wordfreq import zipf_frequency

    for entry in ENTRIES:
        if entry.tier is not Tier.SAFE:
            continue
        for form in expand(entry.phrase):
            if len(form.words) == 1 and not any(c in form.words[0] for c in "<-"):
                assert zipf_frequency(form.words[0], "en") < 3.0, (entry.line, form.words)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_every_unguarded_entry_fires(rule) -> None:  # type: ignore[no-untyped-def]
    tier = Tier(rule.params.get("entries", rule.tier.value))  # the lexicon entries the rule runs
    mine = [e for e in ENTRIES if e.tier is tier and e.category == rule.category and not e.guards]
    assert mine or rule.id.endswith(("-review", "-safe")), rule.id
    for entry in mine:
        form = expand(entry.phrase)[-1]
        phrase = " ".join(w.replace("<n>", "12") for w in form.words)
        doc = Document(phrase + " zz")
        found = [e for e in rule.detector(doc)]
        assert found and found[0].start == 0, (entry.line, phrase)


def test_a_malformed_line_names_the_file_and_line() -> None:
    good = "fists\tkulaks\tкулаки\treview\tterminology\t-\tкулаки: kulaks"
    assert len(parse_lexicon(good, "x.tsv")) == 1
    with pytest.raises(CleanupError, match=r"x\.tsv:1: tier must be"):
        parse_lexicon(good.replace("review", "maybe"), "x.tsv")
    with pytest.raises(CleanupError, match=r"x\.tsv:1: expected 7"):
        parse_lexicon(good.replace("\t-\t", "\t"), "x.tsv")
    with pytest.raises(CleanupError, match=r"x\.tsv:1: bad regular expression"):
        parse_lexicon(good.replace("\t-\t", "\tnext=(\t"), "x.tsv")


def test_case_and_inflection_and_protection() -> None:
    config = Config(select=("ru-en.lexicon",), unsafe_fixes=True)
    assert clean_text("IN THE NEAREST TIME", config).text == "SHORTLY"
    assert clean_text("In the nearest time we go.", config).text == "Shortly we go."
    # the lexicon's 'suggest' entries are review findings that carry the proposal
    (works,) = clean_text("They carried out works.", config).findings
    assert (works.original, works.replacement) == ("carried out works", "carried out work")
    (invalids,) = clean_text("Two war invalids came.", config).findings
    assert (invalids.original, invalids.replacement) == ("war invalids", "disabled war veterans")
    assert clean_text("`in the nearest time`", config).text == "`in the nearest time`"
    assert clean_text("the nearest timetable", config).text == "the nearest timetable"


def test_messages_name_the_russian_source() -> None:
    result = clean_text("The fabric of the confectionery fabric.", Config(select=("ru-en.lexicon",), unsafe_fixes=True))
    (edit,) = result.findings
    assert edit.replacement == "confectionery factory" and "фабрика" in edit.message and "factory" in edit.message


def _clean_texts() -> list[Path]:
    folders = [CLEAN_CORPUS] + ([SHARED_CLEAN] if SHARED_CLEAN.is_dir() else [])
    return sorted(
        p for folder in folders for p in folder.iterdir() if p.suffix in (".txt", ".md", ".rst") and p.name not in ("README.md", "SOURCES.md")
    )


def test_clean_english_gets_no_fix_and_few_findings() -> None:
    paths = _clean_texts()
    assert len(paths) >= 8
    size = 0
    findings = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        size += len(text.encode("utf-8"))
        result = clean_text(text, Config(select=("ru-en.lexicon",), unsafe_fixes=True))
        assert result.edits == (), (path.name, [(e.rule_id, e.original) for e in result.edits])
        findings += [(path.name, e.original) for e in result.findings]
    assert len(findings) <= size / 20_000, findings
