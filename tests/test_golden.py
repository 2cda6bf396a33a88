"""Golden end-to-end tests: the sample and its reviewed clean editions.

``samples/trotsky-expulsion.core.txt`` is what the mechanical (core) rules make
of the sample; ``samples/trotsky-expulsion.clean.txt`` is the clean edition that
``cleanup fix --unsafe-fixes --glossary glossary/`` produces. Both were reviewed
line by line against the original (see samples/README.md). When a rule change
alters them, regenerate with ``CLEANUP_REGENERATE=1 python3 -m pytest
tests/test_golden.py``, review ``git diff samples/`` line by line, and commit.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cleanup import Config, apply_edits, clean_text

from .conftest import ROOT, SAMPLE, SAMPLES

EDITIONS = {
    "trotsky-expulsion.core.txt": Config(select=("core",)),
    "trotsky-expulsion.clean.txt": Config(unsafe_fixes=True, glossaries=(ROOT / "glossary",)),
}


@pytest.mark.parametrize("name", sorted(EDITIONS))
def test_edition_matches_the_reviewed_file(name: str) -> None:
    original = SAMPLE.read_text(encoding="utf-8")
    result = clean_text(original, EDITIONS[name], path=str(SAMPLE))
    assert apply_edits(original, result.edits) == result.text
    golden: Path = SAMPLES / name
    if os.environ.get("CLEANUP_REGENERATE"):
        golden.write_text(result.text, encoding="utf-8")
    assert result.text == golden.read_text(encoding="utf-8")


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def compare_with_given(given: Path) -> None:
    """The repository's sample must be the given input byte for byte.

    Outside CI a missing ``../shared`` is a visible skip (a checkout on its
    own); in CI (``CI=true``) it fails, since a silent skip there would hide a
    changed sample.
    """
    if not given.exists():
        if _in_ci():
            pytest.fail(f"{given} is missing: in CI the sample must be compared with the given input")
        pytest.skip(f"{given} is not beside this checkout (outside CI: the comparison is skipped)")
    assert SAMPLE.read_bytes() == given.read_bytes()


def test_the_sample_is_byte_identical_to_the_given_input() -> None:
    compare_with_given(ROOT.parent / "shared" / "samples" / SAMPLE.name)


def test_a_missing_shared_folder_fails_in_ci_and_skips_elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="is missing"):
        compare_with_given(tmp_path / "absent.txt")
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="outside CI"):
        compare_with_given(tmp_path / "absent.txt")


def test_the_clean_edition_is_stable() -> None:
    """Cleaning the clean edition again changes nothing: no rule feeds on another's output."""
    config = EDITIONS["trotsky-expulsion.clean.txt"]
    edition = (SAMPLES / "trotsky-expulsion.clean.txt").read_text(encoding="utf-8")
    assert clean_text(edition, config).edits == ()
