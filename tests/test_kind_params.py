"""A kind declares its parameters: a misspelt one fails at load time, naming the file and line."""

from __future__ import annotations

import pytest

from cleanup.model import CleanupError
from cleanup.rules import parse_rule_file

RULE = '''pack = "mine"

[[rule]]
id = "mine.space-before-colon"
kind = "regex"
category = "spacing"
tier = "safe"
description = "A space before a colon."
message = "space before ':'"
pattern = ' +:'
{extra}
bad = [{{ text = "Note :", fixed = "Note:" }}]
good = ["Note: fine"]
'''


def test_a_rule_with_known_parameters_loads() -> None:
    (rule,) = parse_rule_file(RULE.format(extra="replacement = ':'"), "mine.toml")
    assert rule.params == {"pattern": " +:", "replacement": ":"}


def test_a_misspelt_parameter_is_refused_with_the_closest_name() -> None:
    with pytest.raises(CleanupError) as caught:
        parse_rule_file(RULE.format(extra="replacment = ':'"), "mine.toml")
    message = str(caught.value)
    assert message.startswith("mine.toml:4:")
    assert "takes no parameter 'replacment'" in message and "did you mean 'replacement'?" in message


def test_a_parameter_of_another_kind_is_refused() -> None:
    with pytest.raises(CleanupError, match="kind 'regex' takes no parameter 'min_chain'"):
        parse_rule_file(RULE.format(extra="min_chain = 2"), "mine.toml")


def test_a_parameter_of_the_wrong_type_is_refused() -> None:
    with pytest.raises(CleanupError, match="parameter 'window' must be int, not str"):
        parse_rule_file(RULE.format(extra="window = 'wide'"), "mine.toml")
