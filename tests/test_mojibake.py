"""Mojibake (issue 11, item 7): repaired through ftfy, only where its markers are."""

from __future__ import annotations

import subprocess
import sys

from cleanup import Config, Tier, clean_text

CORE = Config(select=("encoding",))


def test_cyrillic_read_as_windows_1252_becomes_the_cyrillic_word() -> None:
    result = clean_text("The decree was signed by Ð¡Ñ‚Ð°Ð»Ð¸Ð½ in May.", CORE)
    assert result.text == "The decree was signed by Сталин in May."
    (edit,) = result.edits
    assert (edit.original, edit.replacement, edit.tier) == ("Ð¡Ñ‚Ð°Ð»Ð¸Ð½", "Сталин", Tier.SAFE)
    assert edit.message.endswith("(encode sloppy-windows-1252, decode utf-8)")


def test_the_repaired_word_is_reported_by_the_other_rules_on_the_next_check() -> None:
    fixed = clean_text("The decree was signed by Ð¡Ñ‚Ð°Ð»Ð¸Ð½ in May.").text
    assert "Сталин" in fixed
    assert any(e.rule_id.startswith("ru-en.script") for e in clean_text(fixed).all_edits)


def test_each_run_is_its_own_edit_and_quotes_stay_curly() -> None:
    text = "A cafÃ© and a â€œbistroâ€\x9d sold crÃªpes."
    result = clean_text(text, CORE)
    assert result.text == "A café and a “bistro” sold crêpes."
    assert [e.original for e in result.edits] == ["Ã©", "â€œ", "â€\x9d", "Ãª"]


def test_quote_uncurling_only_when_the_rule_asks() -> None:
    from cleanup.kinds.mojibake import repair

    assert repair("â€œ") == ("“", "encode sloppy-windows-1252, decode utf-8")
    assert repair("â€œ", uncurl_quotes=True)[0] == '"'


def test_html_entities_are_a_suggestion_and_markdown_is_left_alone() -> None:
    text = "Salt &amp; pepper."
    assert clean_text(text, CORE).text == text  # suggest tier: not applied by default
    assert clean_text(text, Config(select=("encoding",), unsafe_fixes=True)).text == "Salt & pepper."
    assert clean_text(text, Config(select=("encoding",), unsafe_fixes=True, markdown=True)).text == text


def test_clean_text_with_accents_and_cyrillic_is_unchanged() -> None:
    text = "Ð is a letter in Icelandic; Straße… and “Ça va” — Сталин, 5 £, naïve café’s."
    assert clean_text(text, Config(select=("encoding",), unsafe_fixes=True)).text == text


def test_ftfy_is_imported_only_when_a_marker_is_found() -> None:
    code = (
        "import sys, cleanup\n"
        "cleanup.clean_text('A plain text, with a café and “quotes”.')\n"
        "print('ftfy' in sys.modules)\n"
        "cleanup.clean_text('A cafÃ©.')\n"
        "print('ftfy' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "True"]
