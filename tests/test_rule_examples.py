"""Every rule's own examples, run through the real pipeline with only that rule selected."""

from __future__ import annotations

import pytest

from cleanup import Config, Tier, clean_text
from cleanup.rules import builtin_rules

RULES = builtin_rules()


def _config(rule_id: str) -> Config:
    return Config(select=(rule_id,), unsafe_fixes=True)


def _only(rule_id: str, edits):  # type: ignore[no-untyped-def]
    return [e for e in edits if e.rule_id == rule_id]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_has_examples(rule) -> None:  # type: ignore[no-untyped-def]
    assert rule.bad, f"{rule.id} ({rule.source}) has no 'bad' example"
    assert rule.good, f"{rule.id} ({rule.source}) has no 'good' example"


BAD = [(r, ex) for r in RULES for ex in r.bad]
GOOD = [(r, g) for r in RULES for g in r.good]


@pytest.mark.parametrize(("rule", "example"), BAD, ids=[f"{r.id}-{i}" for i, (r, _) in enumerate(BAD)])
def test_bad_example_is_caught(rule, example) -> None:  # type: ignore[no-untyped-def]
    result = clean_text(example.text, _config(rule.id))
    mine = _only(rule.id, result.all_edits)
    assert mine, f"{rule.id} found nothing in {example.text!r}"
    if example.fixed is not None:
        assert rule.tier is not Tier.REVIEW
        assert result.text == example.fixed
    else:
        assert example.flagged in [e.original for e in mine]


@pytest.mark.parametrize(("rule", "text"), GOOD, ids=[f"{r.id}-{i}" for i, (r, _) in enumerate(GOOD)])
def test_good_example_is_left_alone(rule, text) -> None:  # type: ignore[no-untyped-def]
    result = clean_text(text, _config(rule.id))
    assert _only(rule.id, result.all_edits) == []
    assert result.text == text
