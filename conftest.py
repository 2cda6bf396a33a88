"""For the whole test run (the tests and the doctests under src/): a cache folder of its own.

cleanup keeps compiled patterns, word tables and glossaries in the user cache
folder (see cleanup.cache); the suite must never write into the real one, so
CLEANUP_CACHE_DIR points at a temporary folder, removed at the end.
"""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

_CACHE = tempfile.mkdtemp(prefix="cleanup-test-cache-")
os.environ["CLEANUP_CACHE_DIR"] = _CACHE


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    shutil.rmtree(_CACHE, ignore_errors=True)
