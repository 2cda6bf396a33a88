"""cleanup eval: gold extraction, judging, counting and the two output formats.

Every text here is made up for the test, small enough that the right answer
can be worked out by hand.
"""

from __future__ import annotations

import itertools
import json
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup import Config, Edit, Tier
from cleanup.evaluate import (
    EvalReport,
    GoldEdit,
    Outcome,
    Row,
    apply_gold_edits,
    evaluate,
    extract_gold_edits,
    f_beta,
    format_table,
    gold_edits_to_jsonl,
    judge,
    read_gold_edits,
    report_to_json,
    token_distance,
)
from cleanup.model import CleanupError

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def _fix(text: str, original: str, replacement: str, tier: Tier = Tier.SAFE, rule: str = "t.fix", nth: int = 0) -> Edit:
    """A fix replacing the ``nth`` occurrence of ``original`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(original, start + 1)
    return Edit(start, start + len(original), original, replacement, rule, rule.split(".")[0], tier, "m")


def _flag(text: str, original: str, rule: str = "t.flag") -> Edit:
    start = text.index(original)
    return Edit(start, start + len(original), original, None, rule, rule.split(".")[0], Tier.REVIEW, "m")


def _judge_one(mt: str, edited: str, edit: Edit) -> Outcome:
    [judgement] = judge([edit], mt, extract_gold_edits(mt, edited))
    return judgement.outcome


def _report(mt: str, edited: str, edits: list[Edit]) -> EvalReport:
    gold = tuple(extract_gold_edits(mt, edited))
    return EvalReport(mt, edited, gold, tuple(judge(edits, mt, gold)))


# --- judging one edit ---------------------------------------------------------


def test_a_fix_that_makes_the_editors_change_is_correct() -> None:
    mt, edited = "The bridge was built by 1930 . Then it rained.", "The bridge was built by 1930. Then it rained."
    assert _judge_one(mt, edited, _fix(mt, " ", "", nth=5)) is Outcome.CORRECT


def test_a_fix_is_correct_when_the_gold_spans_the_same_change_differently() -> None:
    # the gold deletes "cold " (the first copy), cleanup deletes " cold" (the second)
    mt, edited = "a cold cold wind", "a cold wind"
    gold = extract_gold_edits(mt, edited)
    edit = _fix(mt, " cold", "", nth=1)
    assert (gold[0].start, gold[0].end) != (edit.start, edit.end)
    assert _judge_one(mt, edited, edit) is Outcome.CORRECT


def test_a_fix_that_is_one_step_of_a_larger_gold_change_is_partial() -> None:
    mt, edited = "Takova Short story this.", "Such is the short story of this."
    assert _judge_one(mt, edited, _fix(mt, "Takova", "Such is")) is Outcome.PARTIAL
    assert _judge_one(mt, edited, _fix(mt, "Short", "short")) is Outcome.PARTIAL


def test_a_fix_that_changes_the_right_place_the_wrong_way_is_wrong() -> None:
    mt, edited = "He turned the key in the castle slowly.", "He turned the key in the lock slowly."
    assert _judge_one(mt, edited, _fix(mt, "castle", "fortress")) is Outcome.WRONG
    # deleting a word the editor replaced is not a step towards the gold either
    assert _judge_one(mt, edited, _fix(mt, "castle ", "")) is Outcome.WRONG
    # nor is a fix that reaches beyond the gold edit into text the editor kept
    assert _judge_one(mt, edited, _fix(mt, "castle slowly", "lock quickly")) is Outcome.WRONG


def test_a_fix_on_text_the_editor_left_alone_is_untouched() -> None:
    mt, edited = "Nine ships sailed . The harbour was quiet.", "Nine ships sailed. The harbour was quiet."
    assert _judge_one(mt, edited, _fix(mt, "quiet", "calm")) is Outcome.UNTOUCHED


def test_a_review_finding_is_a_hit_when_it_points_at_a_gold_edit() -> None:
    mt = "the river rose Everything else was dry. The fields were green."
    edited = "the river rose. Everything else was dry. The fields were green."
    # the gold inserts "." just before the space that precedes the flagged word
    assert _judge_one(mt, edited, _flag(mt, "Everything")) is Outcome.HIT
    assert _judge_one(mt, edited, _flag(mt, "fields")) is Outcome.FALSE_ALARM


def test_a_review_tier_edit_with_a_proposal_is_judged_as_a_finding() -> None:
    mt, edited = "The castle of the door broke.", "The lock of the door broke."
    proposal = _fix(mt, "castle", "fortress", Tier.REVIEW)
    assert _judge_one(mt, edited, proposal) is Outcome.HIT


def test_an_insertion_is_judged_at_its_place() -> None:
    mt, edited = 'a company"Lena Gold" mined', 'a company "Lena Gold" mined'
    at = mt.index('"')
    insertion = Edit(at, at, "", " ", "quotes.spacing", "spacing", Tier.SAFE, "m")
    assert _judge_one(mt, edited, insertion) is Outcome.CORRECT


# --- counting ------------------------------------------------------------------


MT = "The fleet of of ships sailed . Everything was calm the castle gate stood open, the sea green."
EDITED = "The fleet of ships sailed. Everything was calm. The lock gate stood open, the sea green."


def _mixed_edits() -> list[Edit]:
    return [
        _fix(MT, " of", "", Tier.SAFE, "repeat.word", nth=1),  # correct
        _fix(MT, " ", "", Tier.SAFE, "spacing.before", nth=5),  # correct: the space before "."
        _fix(MT, "castle", "fortress", Tier.SUGGEST, "calque.lock"),  # wrong
        _fix(MT, "green", "blue", Tier.SUGGEST, "calque.colour"),  # untouched
        _flag(MT, "the castle", "break.lower"),  # hit: the gold capitalises "the"
        _flag(MT, "stood", "order.verb"),  # false alarm
    ]


def test_counts_per_edit_and_per_gold_edit() -> None:
    report = _report(MT, EDITED, _mixed_edits())
    outcomes = [j.outcome for j in report.judgements]
    assert outcomes == [
        Outcome.CORRECT,
        Outcome.CORRECT,
        Outcome.WRONG,
        Outcome.UNTOUCHED,
        Outcome.HIT,
        Outcome.FALSE_ALARM,
    ]
    # gold: "of " deleted, " " deleted, "calm the castle" -> "calm. The lock"
    assert len(report.gold_edits) == 3
    assert report.gold_status == ("found", "found", "found")
    overall = report.overall
    assert (overall.tp, overall.fp, overall.fn) == (3, 3, 0)
    assert (overall.wrong, overall.untouched, overall.false_alarms) == (1, 1, 1)


def test_a_gold_edit_no_edit_touches_is_a_miss() -> None:
    report = _report(MT, EDITED, _mixed_edits()[:2])
    assert report.gold_status == ("found", "found", "missed")
    assert [apply_gold_edits(MT, [g]) for g in report.missed] == [
        "The fleet of of ships sailed . Everything was calm. The lock gate stood open, the sea green."
    ]
    assert report.overall.fn == 1
    assert report.overall.recall == pytest.approx(2 / 3)


def test_a_gold_edit_touched_only_by_a_wrong_fix_is_botched_not_found() -> None:
    report = _report(MT, EDITED, [_fix(MT, "castle", "fortress", Tier.SUGGEST)])
    assert report.gold_status == ("missed", "missed", "botched")
    assert report.overall.fn == 3


def test_rows_per_tier_category_rule_and_the_cumulative_tiers() -> None:
    report = _report(MT, EDITED, _mixed_edits())
    tiers = {r.name: r for r in report.by_tier}
    assert [r.name for r in report.by_tier] == ["safe", "suggest", "review"]
    assert (tiers["safe"].tp, tiers["safe"].fp, tiers["safe"].found) == (2, 0, 2)
    assert (tiers["suggest"].tp, tiers["suggest"].fp, tiers["suggest"].found) == (0, 2, 0)
    assert (tiers["review"].tp, tiers["review"].fp, tiers["review"].found) == (1, 1, 1)
    assert tiers["suggest"].precision == 0.0
    assert tiers["review"].recall == pytest.approx(1 / 3)
    safe, fixes, everything = report.cumulative
    assert (safe.edits, fixes.edits, everything.edits) == (2, 4, 6)
    assert (safe.found, fixes.found, everything.found) == (2, 2, 3)
    assert fixes.precision == 0.5
    assert everything.recall == 1.0
    categories = {r.name: r for r in report.by_category}
    assert set(categories) == {"repeat", "spacing", "calque", "break", "order"}
    assert categories["calque"].edits == 2 and categories["calque"].fp == 2
    rules = {r.name: r for r in report.by_rule}
    assert rules["calque.lock"].wrong == 1 and rules["calque.colour"].untouched == 1


def test_f05_arithmetic() -> None:
    row = Row("r", edits=4, correct=2, partial=1, wrong=1, untouched=0, hits=0, false_alarms=0, found=2, gold=4)
    assert (row.tp, row.fp, row.fn) == (3, 1, 2)
    assert row.precision == 0.75 and row.recall == 0.5
    # (1 + 0.25) * 0.75 * 0.5 / (0.25 * 0.75 + 0.5) = 0.46875 / 0.6875
    assert row.f05 == pytest.approx(0.681818, abs=1e-6)
    assert f_beta(1.0, 1.0) == 1.0
    assert f_beta(0.5, 1.0) == pytest.approx(1.25 * 0.5 / (0.125 + 1.0))
    assert f_beta(1.0, 0.0) == 0.0


def test_the_do_nothing_baseline() -> None:
    report = _report(MT, EDITED, _mixed_edits())
    base = report.baseline
    assert (base.edits, base.tp, base.fp, base.fn) == (0, 0, 0, 3)
    assert (base.precision, base.recall, base.f05) == (1.0, 0.0, 0.0)


# --- evaluate() end to end -----------------------------------------------------


CONFIG = Config(select=("repeat.word", "spacing.before-punctuation", "footnote.glued"))


def test_evaluate_runs_cleanup_and_scores_it() -> None:
    mt = "We waited ten ten minutes . Ivanov12 said so, Petrov13 agreed and Sidorov14 left."
    edited = "We waited ten minutes. Ivanov said so, Petrov agreed and Sidorov left. It was late."
    report = evaluate(mt, edited, CONFIG)
    assert [j.outcome for j in report.judgements] == [Outcome.CORRECT] * 5
    assert report.overall.precision == 1.0
    assert report.gold_status.count("missed") == 1  # the added sentence
    assert report.distances["do nothing"] > report.distances["cleanup fix"] > 0
    assert report.distances["cleanup fix"] == report.distances["cleanup fix --unsafe-fixes"]


def test_evaluate_turns_on_unsafe_fixes_whatever_the_config() -> None:
    mt = "He was sent to a deaf railway line."
    report = evaluate(mt, "He was sent to a remote railway line.", Config(select=("ru-en.calque.remote",)))
    assert [(j.edit.tier, j.outcome) for j in report.judgements] == [(Tier.SUGGEST, Outcome.CORRECT)]


def test_gold_as_jsonl_file_gives_the_same_report(tmp_path: Path) -> None:
    mt = "We waited ten ten minutes . The ferry came."
    edited = "We waited ten minutes. The ferry came."
    path = tmp_path / "gold.jsonl"
    path.write_text(
        '{"start": 13, "end": 17, "replacement": ""}\n'
        "\n"
        '{"start": 25, "end": 26, "replacement": "", "original": " "}\n',
        encoding="utf-8",
    )
    gold = read_gold_edits(path)
    assert gold == [GoldEdit(13, 17, ""), GoldEdit(25, 26, "")]
    assert gold[1].original == " "
    assert apply_gold_edits(mt, gold) == edited
    from_file = evaluate(mt, gold, CONFIG)
    from_text = evaluate(mt, edited, CONFIG)
    assert from_file.overall == from_text.overall
    assert from_file.gold_text == edited


def test_gold_edits_round_trip_through_jsonl(tmp_path: Path) -> None:
    mt, edited = "Takova Short story this.", "Such is the short story of this."
    edits = extract_gold_edits(mt, edited)
    path = tmp_path / "gold.jsonl"
    path.write_text(gold_edits_to_jsonl(edits, mt), encoding="utf-8")
    assert read_gold_edits(path) == edits
    assert json.loads(path.read_text(encoding="utf-8").splitlines()[0])["original"] == "Takova Short"


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("{not json", "not JSON"),
        ("[1, 2, 3]", "expected an object"),
        ('{"start": "1", "end": 2, "replacement": ""}', "must be integers"),
        ('{"start": 5, "end": 2, "replacement": ""}', "bad span"),
        ('{"start": 1, "end": 2}', "'replacement' must be a string"),
    ],
)
def test_a_malformed_gold_file_names_its_line(tmp_path: Path, line: str, problem: str) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text('{"start": 0, "end": 1, "replacement": "x"}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(CleanupError, match=problem) as info:
        read_gold_edits(path)
    assert info.value.where == f"{path}:2"


def test_gold_edits_for_another_text_are_refused() -> None:
    with pytest.raises(ValueError, match="expects 'cat'"):
        evaluate("the dog sat", [GoldEdit(4, 7, "cow", original="cat")], CONFIG)
    with pytest.raises(ValueError, match="overlap"):
        evaluate("the dog sat", [GoldEdit(0, 5, ""), GoldEdit(4, 7, "")], CONFIG)
    with pytest.raises(ValueError, match="outside"):
        evaluate("the dog sat", [GoldEdit(4, 70, "")], CONFIG)


# --- output --------------------------------------------------------------------


def test_format_table_and_json() -> None:
    report = _report(MT, EDITED, _mixed_edits())
    table = format_table(report, details=True)
    assert "3 gold edits: 3 found, 0 botched, 0 missed" in table
    for heading in ("summary", "by tier", "by category", "by rule", "do nothing", "false positives"):
        assert heading in table
    assert "calque.colour [untouched] 'green' -> 'blue'; gold 'green'" in table
    data = json.loads(report_to_json(report))
    assert data["gold_edits"] == 3 and data["beta"] == 0.5
    assert [r["name"] for r in data["tiers"]] == ["safe", "suggest", "review"]
    overall = data["summary"][-1]
    assert (overall["tp"], overall["fp"], overall["fn"]) == (3, 3, 0)
    assert [j["outcome"] for j in data["judgements"]][:3] == ["correct", "correct", "wrong"]
    assert {g["status"] for g in data["gold"]} == {"found"}


# --- gold extraction -------------------------------------------------------------


@pytest.mark.parametrize(
    ("mt", "edited"),
    [
        ("", ""),
        ("", "new text\n"),
        ("old text\n", ""),
        ("same\n", "same\n"),
        ("Header 06/17/2020\n\nFirst para.\n\n\nCredit | site.ru\n\nSecond para.", "First para.\n\nSecond para."),
        ("a company\"Lena Gold\"\r\nnext line\r\n", "a company \"Lena Gold\"\r\nnext line\r\n"),
        ("Pokrovsky73, Bordiga74 and Tasca75.", "Pokrovsky, Bordiga and Tasca."),
        ("the castle\u2028of the door", "the lock\u2028of the door"),
    ],
)
def test_gold_extraction_round_trips(mt: str, edited: str) -> None:
    edits = extract_gold_edits(mt, edited)
    assert apply_gold_edits(mt, edits) == edited
    assert all(mt[e.start : e.end] != e.replacement for e in edits)


def test_gold_edits_are_whole_tokens_and_merged_across_spaces() -> None:
    edits = extract_gold_edits("the Lenipa and Marxx books", "the Lenin and Marx books")
    assert [(e.start, e.end, e.replacement) for e in edits] == [(4, 10, "Lenin"), (15, 20, "Marx")]
    merged = extract_gold_edits("What need to do?", "What needs to be done?")
    assert [e.replacement for e in merged] == ["needs", "be done"]
    spaced = extract_gold_edits("don't You, A They said", "not you, but they said")
    assert len(spaced) == 2  # the comma between them is kept


_PIECES = st.sampled_from(
    ["the", "The", "real", "of", "Lenin", "73", "1929", " ", "  ", "\n", "\n\n", ".", ",", '"', "“", "”", "-", "é", "\t"]
)
_TEXTS = st.lists(_PIECES, max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(_TEXTS, _TEXTS)
def test_gold_extraction_round_trips_for_any_pair(mt: str, edited: str) -> None:
    edits = extract_gold_edits(mt, edited)
    assert apply_gold_edits(mt, edits) == edited
    assert all(0 <= e.start <= e.end <= len(mt) for e in edits)
    # sorted and apart: edits that touch, or are only spaces apart, are merged
    assert all(a.end < b.start for a, b in itertools.pairwise(edits))


@settings(max_examples=200, deadline=None)
@given(_TEXTS, st.data())
def test_gold_extraction_round_trips_for_related_texts(mt: str, data: st.DataObject) -> None:
    # an edited text that shares most of the MT text, as a real edition does
    pieces = list(mt)
    for _ in range(data.draw(st.integers(0, 4))):
        if not pieces:
            break
        i = data.draw(st.integers(0, len(pieces) - 1))
        pieces[i] = data.draw(_PIECES)
    edited = "".join(pieces)
    edits = extract_gold_edits(mt, edited)
    assert apply_gold_edits(mt, edits) == edited


@settings(max_examples=150, deadline=None)
@given(_TEXTS, _TEXTS)
def test_making_exactly_the_gold_edits_scores_perfectly(mt: str, edited: str) -> None:
    gold = extract_gold_edits(mt, edited)
    edits = [Edit(g.start, g.end, mt[g.start : g.end], g.replacement, "t.r", "t", Tier.SAFE, "m") for g in gold]
    report = EvalReport(mt, edited, tuple(gold), tuple(judge(edits, mt, gold)))
    # each is correct, or partial when a neighbouring gold edit shares its token
    assert all(j.outcome in (Outcome.CORRECT, Outcome.PARTIAL) for j in report.judgements)
    assert report.overall.precision == 1.0 and report.overall.recall == 1.0


def test_token_distance_counts_tokens() -> None:
    assert token_distance("a b c", "a b c") == 0
    assert token_distance("the castle door", "the lock door") == 1
    assert token_distance("line one\nline two\n", "line one\n") == 4


def test_gold_extraction_is_fast_on_a_long_text() -> None:
    paragraph = (
        "The threat to change the conditions of my existence sounds as if I had not been exiled "
        "4,000 kilometers from Moscow, to a place where malaria shares dominance with plague . "
    ) * 6
    mt = "\n\n".join(f"{i}. {paragraph}" for i in range(130))  # about 100 KB
    edited = mt.replace("plague .", "plague.").replace("malaria", "the worst malaria")
    assert len(mt) > 95_000
    started = time.perf_counter()
    edits = extract_gold_edits(mt, edited)
    assert time.perf_counter() - started < 10
    assert apply_gold_edits(mt, edits) == edited
    assert len(edits) == 130 * 6 * 2


def test_the_sample_gold_round_trips() -> None:
    mt = (SAMPLES / "trotsky-expulsion.ru-en.mt.txt").read_text(encoding="utf-8")
    gold_path = SAMPLES / "trotsky-expulsion.gold.txt"
    if not gold_path.exists():
        pytest.skip("no gold edition of the sample")
    gold = gold_path.read_text(encoding="utf-8")
    edits = extract_gold_edits(mt, gold)
    assert apply_gold_edits(mt, edits) == gold
    assert 50 < len(edits) < 500
