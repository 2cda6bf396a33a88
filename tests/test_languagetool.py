"""The optional LanguageTool integration, around a stand-in server.

A real LanguageTool server cannot run here (it is a download cleanup never
makes), so these tests check everything around it: the pack is opt-in,
matches map to review findings at the right offsets, categories and disabled
rules filter, protected spans are respected, and a missing server is a clear
error. See README, "What was and wasn't exercised".
"""

from __future__ import annotations

import pytest

from cleanup import CleanupError, Config, Tier, clean_text
from cleanup.kinds import languagetool

LT = Config(select=("languagetool",))


def test_the_pack_is_opt_in() -> None:
    assert not any(e.rule_id.startswith("languagetool") for e in clean_text("He go home.").all_edits)


def test_matches_become_review_findings_with_a_proposal() -> None:
    result = clean_text("Then He go to Moscow.", LT)
    (finding,) = result.findings
    assert (finding.start, finding.end, finding.original) == (8, 10, "go")
    assert finding.replacement == "goes" and finding.tier is Tier.REVIEW
    assert finding.message == "LanguageTool HE_VERB_AGR: The verb does not agree with 'He'."
    assert result.text == "Then He go to Moscow." and result.edits == ()


def test_categories_and_disabled_rules_filter() -> None:
    result = clean_text("A very unique  idea. He go.", LT)
    assert [e.original for e in result.findings] == ["go"]  # STYLE not allowed, WHITESPACE_RULE disabled


def test_protected_spans_are_respected() -> None:
    assert [e.original for e in clean_text("He go there.", LT).findings] == ["go"]
    assert clean_text("He go [sic] there.", LT).findings == ()


def test_no_server_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(languagetool.ENV_SERVER)
    with pytest.raises(CleanupError, match="needs a LanguageTool server: set CLEANUP_LANGUAGETOOL_SERVER"):
        clean_text("He go.", Config(select=("languagetool",), ignore=("core",)))


def test_the_real_client_is_asked_for_the_configured_server(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[str, str]] = []

    class Recorder:
        def __init__(self, language: str, remote_server: str) -> None:
            seen.append((language, remote_server))

        def check(self, text: str) -> list[object]:
            return []

    import language_tool_python

    monkeypatch.setattr(language_tool_python, "LanguageTool", Recorder)
    checker = languagetool._language_tool_python("http://127.0.0.1:8081", "en-GB")
    assert checker.check("x") == [] and seen == [("en-GB", "http://127.0.0.1:8081")]
