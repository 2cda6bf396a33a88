"""The rule data is valid, and the loader rejects each kind of malformed rule file clearly."""

from __future__ import annotations

import pytest
import regex

from cleanup import CleanupError
from cleanup.rules import builtin_rule_files, builtin_rules, parse_rule_file


def test_rule_ids_are_unique_and_dotted() -> None:
    ids = [r.id for r in builtin_rules()]
    assert len(ids) == len(set(ids))
    assert all("." in i for i in ids)


def test_every_rule_file_names_a_pack() -> None:
    for name, text in builtin_rule_files():
        assert regex.search(r'(?m)^pack = "[a-z-]+"', text), name


def test_ru_en_rules_are_prefixed_with_their_pack() -> None:
    for rule in builtin_rules():
        if rule.pack == "ru-en":
            assert rule.id.startswith("ru-en."), rule.id


GOOD_RULE = """
pack = "test"
[[rule]]
id = "test.one"
kind = "regex"
category = "c"
tier = "safe"
description = "d"
message = "m"
pattern = 'a'
replacement = 'b'
bad = [{ text = "a", fixed = "b" }]
good = ["c"]
"""


def test_a_valid_file_loads() -> None:
    (rule,) = parse_rule_file(GOOD_RULE, "t.toml")
    assert rule.id == "test.one" and rule.source == "t.toml:4"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("pattern = 'a'", "pattern = 'a('"), r"t\.toml:4: .*bad regular expression in 'pattern'"),
        (('kind = "regex"', 'kind = "nonsense"'), r"t\.toml:4: unknown rule kind 'nonsense'"),
        (('tier = "safe"', 'tier = "maybe"'), r"t\.toml:4: .*tier must be safe, suggest or review"),
        (('message = "m"', ""), r"t\.toml:4: .*missing or empty 'message'"),
        (('id = "test.one"', 'id = "Test One"'), r"t\.toml:4: rule id 'Test One' must be dotted"),
        (('pack = "test"', ""), r"t\.toml: missing 'pack"),
        (('[[rule]]', '[[rule]'), r"t\.toml: not valid TOML"),
        (('fixed = "b"', 'flagged = "a", fixed = "b"'), r"exactly one of 'fixed' or 'flagged'"),
        (("replacement = 'b'", "replacement = 'b'\ngroup = 3"), r"the pattern has no group 3"),
        (("pattern = 'a'", "pattern = 'a'\nflags = ['SHOUTING']"), r"unknown flag 'SHOUTING'"),
    ],
)
def test_malformed_rule_files_are_reported_with_file_and_line(change: tuple[str, str], expected: str) -> None:
    old, new = change
    assert old in GOOD_RULE
    with pytest.raises(CleanupError, match=expected):
        parse_rule_file(GOOD_RULE.replace(old, new, 1), "t.toml")


def test_duplicate_ids_are_rejected() -> None:
    from cleanup.rules import check_unique

    rules = parse_rule_file(GOOD_RULE, "a.toml") + parse_rule_file(GOOD_RULE, "b.toml")
    with pytest.raises(CleanupError, match="already defined at a.toml:4"):
        check_unique(rules)
