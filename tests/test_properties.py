"""Properties that hold for any text: replay, locality, idempotence, no crash."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanup import Config, apply_edits, clean_text

# text made of the pieces artifacts are made of, so the rules actually fire
PIECES = st.sampled_from(
    [" ", "  ", "\n", "\n\n", ".", ",", " .", "\"", "“", "”", "(", ")", "-", "- ", "the", "THE", "real", "real real",
     "Pokrovsky", "73", "74", "75", "Lenin", "USSR", "etc.", "A.", "b.", "V.", "|", "site.ru", "https://x.org/a",
     "had had", "Trotsky", "gepeurs", "Ioffe", "Joffe", "...", ". ..", "word", "Word"]
)
ARTIFACT_TEXT = st.lists(PIECES, max_size=60).map("".join)
ANY_TEXT = st.text(max_size=300)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.one_of(ARTIFACT_TEXT, ANY_TEXT), st.booleans())
def test_replay_and_locality(text: str, unsafe: bool) -> None:
    result = clean_text(text, Config(unsafe_fixes=unsafe))
    assert apply_edits(text, result.edits) == result.text
    # outside the applied edits, the text is untouched, piece by piece
    pos = 0
    out = result.text
    out_pos = 0
    for edit in result.edits:
        keep = text[pos : edit.start]
        assert out[out_pos : out_pos + len(keep)] == keep
        out_pos += len(keep) + len(edit.replacement or "")
        pos = edit.end
    assert out[out_pos:] == text[pos:]


@SETTINGS
@given(st.one_of(ARTIFACT_TEXT, ANY_TEXT))
def test_fix_is_idempotent(text: str) -> None:
    once = clean_text(text).text
    assert clean_text(once).text == once


@SETTINGS
@given(ANY_TEXT)
def test_no_crash_on_arbitrary_unicode_markdown(text: str) -> None:
    result = clean_text(text, Config(markdown=True, unsafe_fixes=True))
    assert apply_edits(text, result.edits) == result.text


@st.composite
def _edits_on(draw, text: str):  # type: ignore[no-untyped-def]
    from cleanup import Edit, Tier

    points = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
    edits, pos = [], 0
    for a, b in zip(points[::2], points[1::2]):
        if a < pos:
            continue
        if a == b and edits and edits[-1].end == a:
            continue  # two edits at one point are not a valid plan
        edits.append(Edit(a, b, text[a:b], draw(st.text("xy ", max_size=3)), "t.r", "c", Tier.SAFE, "m"))
        pos = b if b > a else a + 1
    return edits


@SETTINGS
@given(st.data(), st.text("ab .", max_size=30))
def test_compose_edits_equals_applying_both_passes(data, original: str) -> None:  # type: ignore[no-untyped-def]
    from cleanup.apply import compose_edits

    first = data.draw(_edits_on(original))
    middle = apply_edits(original, first)
    second = data.draw(_edits_on(middle))
    composed = compose_edits(original, first, second)
    assert apply_edits(original, composed) == apply_edits(middle, second)
    for edit in composed:
        assert original[edit.start : edit.end] == edit.original
