"""The quality floors: precision the product promises, and recall that may only rise.

Measured on the development split of the corpus beside the checkout, as ``cleanup
eval ../shared/corpus/dev`` measures it. The floors live in ``quality-floors.toml``.
"""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from cleanup import Config
from cleanup.goldscore import CorpusReport, evaluate_corpus

from .conftest import SHARED_CORPUS, need_shared

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

FLOORS: dict[str, Any] = tomllib.loads((Path(__file__).parent / "quality-floors.toml").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def dev_report() -> CorpusReport:
    return evaluate_corpus(need_shared(SHARED_CORPUS / "dev"), Config())


def summary() -> dict[str, Any]:
    return dev_report().summary()


@pytest.mark.parametrize(("tier", "floor"), [("safe", "fix"), ("safe+suggest", "unsafe-fixes")])
def test_precision_stays_above_its_floor(tier: str, floor: str) -> None:
    row = summary()[tier]
    # no proposal at all is no wrong edit; but a precision must then not be claimed
    if row["proposed"]:
        assert row["precision"] >= FLOORS["precision"][floor], row


@pytest.mark.parametrize(("tier", "floor"), [("safe", "fix-must-recall-macro"),
                                             ("safe+suggest", "unsafe-fixes-must-recall-macro")])
def test_must_recall_does_not_fall(tier: str, floor: str) -> None:
    assert summary()[tier]["recall_must_macro"] >= FLOORS["ratchet"][floor]


def test_check_points_at_no_fewer_must_edits() -> None:
    assert summary()["check"]["coverage_pooled"] >= FLOORS["ratchet"]["check-must-coverage-pooled"]
