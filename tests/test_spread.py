"""One large text over several processes (:mod:`cleanup.spread`) finds what one process finds.

The size threshold is lowered so that the tests' texts are cut into many small
chunks: every chunk boundary is a chance for a window to change what a rule sees.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cleanup import Config, clean_text, pipeline, spread
from cleanup.detect import detect
from cleanup.pipeline import CONTEXT_LINES, CORE_LINES, _segment, load_rules

from .conftest import CLEAN_CORPUS, SAMPLE, SHARED_CORPUS

CONFIG = Config()


@pytest.fixture(scope="module")
def detector() -> Iterator[spread.SpreadDetector]:
    with spread.SpreadDetector(CONFIG, load_rules(CONFIG).rules, 2, CORE_LINES + CONTEXT_LINES, 0) as d:
        yield d


@pytest.fixture(autouse=True)
def small_texts_spread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "MIN_SPREAD_CHARS", 0)


def _texts() -> list[Path]:
    paths = [SAMPLE, *sorted(CLEAN_CORPUS.iterdir())]
    if SHARED_CORPUS.is_dir():
        paths += sorted((SHARED_CORPUS / "dev").glob("*.txt")) + sorted((SHARED_CORPUS / "clean").glob("*.*"))
    return [p for p in paths if p.is_file()]


@pytest.mark.parametrize("path", _texts(), ids=lambda p: p.name)
def test_spread_detection_equals_one_process(path: Path, detector: spread.SpreadDetector) -> None:
    text = path.read_text(encoding="utf-8")
    ruleset = load_rules(CONFIG)
    doc = _segment(text, ruleset, CONFIG, str(path))
    assert detector(ruleset.rules, doc) == detect(ruleset.rules, doc)


def test_a_pattern_that_reads_to_the_end_is_not_cut_by_a_chunk(detector: spread.SpreadDetector) -> None:
    body = "".join(f"Paragraph {i} of the report says the harvest was good.\n\n" for i in range(6))
    tail = "".join(f"    Linked story {i} on the budget\n\n" for i in range(7))
    text = body + "Read also\n\n" + tail
    ruleset = load_rules(CONFIG)
    doc = _segment(text, ruleset, CONFIG, None)
    serial = detect(ruleset.rules, doc)
    (block,) = [e for e in serial if e.rule_id == "debris.related-block"]
    assert block.end >= len(text.rstrip())
    # the chunk that owns the label stops before the end of the text: its window alone finds less
    (hi,) = [hi for _lo, hi, a, b in spread.chunks(text, 2 * spread.CHUNKS_PER_JOB, 4) if a <= block.start < b]
    assert hi < len(text.rstrip())
    assert detector(ruleset.rules, doc) == serial


def test_chunks_tile_the_text_and_cut_at_blank_lines() -> None:
    text = "".join(f"line {i}\n" + ("\n" if i % 3 == 0 else "") for i in range(200))
    parts = spread.chunks(text, 7, 4)
    owned = [(a, b) for _lo, _hi, a, b in parts]
    assert owned[0][0] == 0 and owned[-1][1] == len(text)
    assert all(b == c for (_a, b), (c, _d) in zip(owned, owned[1:]))
    assert all(text[a - 1 : a + 1] == "\n\n" for a, _b in owned[1:])
    assert all(lo <= a and b <= hi for lo, hi, a, b in parts)


def test_clean_text_on_two_jobs_gives_the_serial_result() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    for config in (Config(), Config(unsafe_fixes=True)):
        assert clean_text(text, config, jobs=2) == clean_text(text, config)
