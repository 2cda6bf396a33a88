"""Shared helpers for the tests."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SAMPLE = SAMPLES / "trotsky-expulsion.ru-en.mt.txt"
CLEAN_CORPUS = Path(__file__).resolve().parent / "corpus" / "clean"


@pytest.fixture
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")
