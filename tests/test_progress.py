"""The progress bar: on a terminal only, after the delay, never with --quiet or in a pipe."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cleanup.progress import Progress

pexpect = pytest.importorskip("pexpect", reason="pexpect comes with the test extras")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for i in range(30):
        (tmp_path / f"ch{i:02}.txt").write_text("It remains in force .\n" * 200, encoding="utf-8")
    return tmp_path


def _spawn(folder: Path, *args: str) -> str:
    env = {**os.environ, "CLEANUP_PROGRESS_AFTER": "0"}
    child = pexpect.spawn(sys.executable, ["-m", "cleanup", "check", "--isolated", *args, str(folder)],
                          env=env, encoding="utf-8", timeout=120)
    child.expect(pexpect.EOF)
    child.close()
    return str(child.before)


def test_the_bar_shows_files_megabytes_and_rate_on_a_terminal(folder: Path) -> None:
    out = _spawn(folder)
    assert "/30 files" in out and " MB  " in out and "MB/s" in out
    assert "\r\x1b[K" in out  # erased before the findings and at the end


def test_no_bar_with_quiet_or_in_a_pipe(folder: Path) -> None:
    assert "MB/s" not in _spawn(folder, "--quiet")
    env = {**os.environ, "CLEANUP_PROGRESS_AFTER": "0"}
    piped = subprocess.run([sys.executable, "-m", "cleanup", "check", "--isolated", str(folder)],
                           capture_output=True, text=True, env=env)
    assert piped.returncode == 1 and "MB/s" not in piped.stderr and "MB/s" not in piped.stdout


def test_the_bar_waits_for_the_delay() -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Tty()
    progress = Progress(3, 3_000_000, stream=stream)
    progress.delay = 3600
    progress.advance(1_000_000)
    assert stream.getvalue() == ""
    progress.delay = 0
    progress.advance(1_000_000)
    assert "2/3 files  2.0/3.0 MB" in stream.getvalue()
    progress.clear()
    assert stream.getvalue().endswith("\r\x1b[K")
