"""Shared helpers for the tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
#: the rules that exist only for the sample: a user rule file (`--rules`), not built in
SAMPLE_RULES = SAMPLES / "trotsky-sample.toml"
SAMPLE = SAMPLES / "trotsky-expulsion.ru-en.mt.txt"
CLEAN_CORPUS = Path(__file__).resolve().parent / "corpus" / "clean"


@pytest.fixture
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


class FakeMatch:
    """A match in the shape language_tool_python 3.x returns (the attributes cleanup reads)."""

    def __init__(self, rule_id: str, category: str, offset: int, length: int, replacements: list[str], message: str) -> None:
        self.rule_id = rule_id
        self.category = category
        self.offset = offset
        self.error_length = length
        self.replacements = replacements
        self.message = message


class FakeLanguageTool:
    """Stands in for a LanguageTool server, which cannot run here (it is never downloaded).

    It answers like LanguageTool would for the few constructions the tests use:
    subject-verb agreement after 'He', a doubled space (WHITESPACE_RULE), a
    style remark on 'very unique', and, when the mother tongue is Russian, a
    false friend ('magazine' for a shop).
    """

    def __init__(self, settings: Any) -> None:
        self.settings = settings
        self.server, self.language = settings.server, settings.language
        self.calls: list[str] = []

    def check(self, text: str) -> list[FakeMatch]:
        import regex

        self.calls.append(text)
        matches = []
        for m in regex.finditer(r"(?<=\bHe )go\b", text):
            matches.append(FakeMatch("HE_VERB_AGR", "GRAMMAR", m.start(), 2, ["goes", "went"], "The verb does not agree with 'He'."))
        for m in regex.finditer(r"  ", text):
            matches.append(FakeMatch("WHITESPACE_RULE", "TYPOGRAPHY", m.start(), 2, [" "], "Whitespace repetition."))
        for m in regex.finditer(r"very unique", text):
            matches.append(FakeMatch("EN_UNIQUE", "STYLE", m.start(), len(m.group()), ["unique"], "Redundant."))
        if self.settings.mother_tongue == "ru":
            for m in regex.finditer(r"\b(?:in|at) the magazine\b", text):
                start = m.end() - len("magazine")
                matches.append(FakeMatch("MAGAZINE_SHOP", "FALSE_FRIENDS", start, 8, ["shop"], "A false friend: did you mean 'shop'?"))
        return matches


@pytest.fixture(autouse=True)
def _fake_languagetool(monkeypatch: pytest.MonkeyPatch) -> None:
    from cleanup.kinds import languagetool

    monkeypatch.setattr(languagetool, "checker_factory", FakeLanguageTool)
    monkeypatch.setenv(languagetool.ENV_SERVER, "http://127.0.0.1:8081")


#: the project's shared data, beside the checkout (third-party texts: read here, never copied)
SHARED = ROOT.parent / "shared"
SHARED_CORPUS = SHARED / "corpus"


def need_shared(path: Path) -> Path:
    """``path`` under ``../shared``; in CI its absence fails the test, elsewhere it skips with the reason."""
    if not path.exists():
        import os

        message = f"{path} is not beside this checkout (../shared holds the corpus and the sample)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path
