"""The stages between read and write: segment, resolve, apply."""

from __future__ import annotations

import pytest

from cleanup import Config, Edit, Tier, apply_edits, clean_text
from cleanup.model import Document
from cleanup.resolve import resolve
from cleanup.segment import segment


def _edit(start: int, end: int, text: str, replacement: str | None, tier: Tier = Tier.SAFE, rule: str = "t.r") -> Edit:
    return Edit(start, end, text[start:end], replacement, rule, "c", tier, "m")


def test_apply_edits_rejects_an_edit_for_other_text() -> None:
    edit = Edit(0, 3, "abc", "x", "t.r", "c", Tier.SAFE, "m")
    with pytest.raises(ValueError, match="expects 'abc'"):
        apply_edits("xyz", [edit])


def test_apply_edits_rejects_overlaps() -> None:
    text = "abcdef"
    with pytest.raises(ValueError, match="overlapping"):
        apply_edits(text, [_edit(0, 3, text, "x"), _edit(2, 4, text, "y")])


def test_apply_edits_skips_findings_and_handles_insertions() -> None:
    text = "ab"
    edits = [_edit(1, 1, text, " "), _edit(0, 1, text, None, Tier.REVIEW)]
    assert apply_edits(text, edits) == "a b"


def test_resolve_prefers_trust_then_length_and_reports_the_loser() -> None:
    text = "0123456789"
    doc = Document(text)
    long_suggest = _edit(0, 6, text, "X", Tier.SUGGEST, "a.long")
    short_safe = _edit(2, 4, text, "Y", Tier.SAFE, "b.short")
    longer_safe = _edit(3, 8, text, "Z", Tier.SAFE, "c.longer")
    applied, findings = resolve([short_safe, long_suggest, longer_safe], doc, unsafe_fixes=True)
    assert applied == [longer_safe]
    assert set(findings) == {short_safe, long_suggest}
    # the order the detectors ran in does not matter
    again = resolve([longer_safe, long_suggest, short_safe], doc, unsafe_fixes=True)
    assert again == (applied, findings)


def test_resolve_keeps_suggestions_as_findings_without_unsafe_fixes() -> None:
    text = "abc"
    s = _edit(0, 1, text, "x", Tier.SUGGEST)
    applied, findings = resolve([s], Document(text), unsafe_fixes=False)
    assert applied == [] and findings == [s]


def test_resolve_drops_edits_in_protected_spans() -> None:
    doc = segment("see https://example.org/a , ok")
    url_end = doc.text.index(" ,")
    inside = _edit(10, 12, doc.text, "x")
    after = _edit(url_end, url_end + 1, doc.text, "")
    applied, findings = resolve([inside, after], doc, unsafe_fixes=False)
    assert applied == [after] and findings == []


@pytest.mark.parametrize(
    ("text", "protected"),
    [
        ("mail me at a.b@example.org .", ["a.b@example.org"]),
        ("(see https://en.wikipedia.org/wiki/A_(b)) now", ["https://en.wikipedia.org/wiki/A_(b)"]),
        # the marker lines are protected whole, with everything between them
        ("a\nb <!-- cleanup: off -->\nx  y .\n<!-- cleanup: on --> c\nd", ["b <!-- cleanup: off -->\nx  y .\n<!-- cleanup: on --> c"]),
        ("the Lenipa [sic] text", ["Lenipa [sic]"]),
        ("plain www.example.org/x.", ["www.example.org/x"]),
    ],
)
def test_protected_spans(text: str, protected: list[str]) -> None:
    doc = segment(text)
    assert [text[s.start : s.end] for s in doc.protected] == protected


def test_markdown_code_is_protected_only_in_markdown() -> None:
    text = "Text .\n\n```\nx = f( a ) .\n```\n\nand `b ,` here .\n"
    md = clean_text(text, Config(markdown=True))
    assert md.text == "Text.\n\n```\nx = f( a ) .\n```\n\nand `b ,` here.\n"
    plain = clean_text(text, Config(markdown=False))
    assert "f(a)." in plain.text


def test_cleanup_off_region_is_untouched() -> None:
    text = "one .\n# cleanup: off\ntwo .\n# cleanup: on\nthree .\n"
    assert clean_text(text).text == "one.\n# cleanup: off\ntwo .\n# cleanup: on\nthree.\n"


def test_select_and_ignore_by_prefix_and_pack() -> None:
    text = "in force . The real real end."
    assert clean_text(text, Config(select=("spacing",))).text == "in force. The real real end."
    assert clean_text(text, Config(ignore=("repeat",))).text == "in force. The real real end."
    assert clean_text(text, Config(ignore=("core",))).text == text
    assert clean_text(text, Config(select=("spac",))).text == text  # prefixes match whole components


def test_result_replays(sample_text: str) -> None:
    for config in (Config(), Config(unsafe_fixes=True)):
        result = clean_text(sample_text, config)
        assert apply_edits(sample_text, result.edits) == result.text
        for edit in result.all_edits:
            assert sample_text[edit.start : edit.end] == edit.original
