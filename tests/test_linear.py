"""Hostile but legal inputs cost what ordinary text of the same size costs: linear growth.

Each shape once made a scan quadratic: one long line (the capitals scan
tokenised the whole line per all-caps word), a long ``a.a.a…`` run with a
``://`` or an ``@`` elsewhere (the URL and e-mail patterns tried the whole run
at every position), the same run as a line (the whole-line debris scan), chains
of fixes that reveal fixes (``compose_edits`` compared every edit with every
other) and many debris lines (each removal copied the rest of the text).

No absolute time is asserted (timing targets live in bench/): the test compares
the CPU time of size N with size 4N, best of three. Linear work gives a ratio
near 4, quadratic work near 16; the bound (9) leaves room for a loaded machine.
The operation count of ``compose_edits`` is checked exactly, without a clock.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from cleanup import Config, clean_text

PROSE = "The committee met on Tuesday and THE members discussed the plan for the new school in detail. "

SHAPES: dict[str, Callable[[int], str]] = {
    "one long line": lambda n: (PROSE * (n // len(PROSE) + 1))[:n],
    "a.a.a run after a URL": lambda n: "see http://x.org/ then " + "a." * (n // 2),
    "a.a.a run after an e-mail": lambda n: "write to x@y.org or " + "a." * (n // 2),
    "a.a.a run as a line": lambda n: "a." * (n // 2) + "\nsite.ru\n",
    "chains of fixes": lambda n: ("the THE  site. " * (n // 15 + 1))[:n],
    "many debris lines": lambda n: ("A paragraph of text, long enough.\n\nyandex.ru\n\n" * (n // 45 + 1))[:n],
    "one long paragraph": lambda n: ("A line of the paragraph , with THE word.\n" * (n // 41 + 1))[:n],
}
SIZES = {"chains of fixes": 2_500, "many debris lines": 8_000, "one long line": 25_000}
BOUND = 9.0


def _cpu(text: str, config: Config) -> float:
    best = float("inf")
    for _ in range(3):
        t0 = time.process_time()
        clean_text(text, config)
        best = min(best, time.process_time() - t0)
    return best


@pytest.mark.parametrize("shape", SHAPES)
def test_hostile_shapes_grow_linearly(shape: str) -> None:
    make = SHAPES[shape]
    n = SIZES.get(shape, 10_000)
    config = Config(unsafe_fixes=True)
    clean_text("warm up the rules", config)
    small, large = _cpu(make(n), config), _cpu(make(4 * n), config)
    ratio = large / max(small, 1e-3)
    assert ratio < BOUND, f"{shape}: {small:.3f}s for {n} chars, {large:.3f}s for {4 * n} ({ratio:.1f}x)"


def test_compose_edits_looks_at_a_bounded_number_of_segments_per_edit(monkeypatch: pytest.MonkeyPatch) -> None:
    """Count the segments compose_edits examines: proportional to the edits, not their square."""
    from cleanup import apply as apply_mod

    seen = {"n": 0}
    original_near = apply_mod._Segments.near

    def counting_near(self: apply_mod._Segments, lo: int, hi: int) -> list[apply_mod._Segment]:
        out = original_near(self, lo, hi)
        seen["n"] += len(out)
        return out

    monkeypatch.setattr(apply_mod._Segments, "near", counting_near)
    counts = []
    for k in (200, 800):
        seen["n"] = 0
        clean_text("the THE  site. " * k)
        counts.append(seen["n"])
    assert counts[0] > 0
    assert counts[1] <= 4 * counts[0] * 1.1
