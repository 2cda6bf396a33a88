"""``--jobs N`` spreads files over worker processes with the output of ``--jobs 1``."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from cleanup.cli import main

from .conftest import CLEAN_CORPUS, SAMPLE


def _folder(root: Path) -> Path:
    root.mkdir()
    text = SAMPLE.read_text(encoding="utf-8")
    (root / "a.txt").write_text(text[:20_000], encoding="utf-8")
    (root / "b.txt").write_text("It remains in force . The real real sponsors.\n", encoding="utf-8")
    (root / "c.txt").write_bytes(b"not UTF-8: \xc3\x28 \x80")  # an error in the middle of the run
    (root / "d.txt").write_text(text[20_000:45_000], encoding="utf-8")
    shutil.copy(next(CLEAN_CORPUS.glob("*.txt")), root / "e.txt")
    return root


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def test_check_with_two_jobs_prints_what_one_job_prints(tmp_path: Path) -> None:
    folder = _folder(tmp_path / "f")
    one = _run("check", "--isolated", "--jobs", "1", str(folder))
    two = _run("check", "--isolated", "--jobs", "2", str(folder))
    assert one == two
    assert "c.txt" in one[1] and one[0] == 2
    assert _run("check", "--isolated", "--format", "json", "-j", "2", str(folder)) == _run(
        "check", "--isolated", "--format", "json", "-j", "1", str(folder)
    )


def test_fix_with_two_jobs_writes_what_one_job_writes(tmp_path: Path) -> None:
    one, two = _folder(tmp_path / "one"), _folder(tmp_path / "two")
    out_one = _run("fix", "--isolated", "--unsafe-fixes", "-j", "1", str(one))
    out_two = _run("fix", "--isolated", "--unsafe-fixes", "-j", "2", str(two))
    assert out_one[0] == out_two[0]
    assert out_one[1].replace(str(one), "X") == out_two[1].replace(str(two), "X")
    for path in sorted(one.iterdir()):
        assert path.read_bytes() == (two / path.name).read_bytes(), path.name
    assert (one / "b.txt").read_text(encoding="utf-8") == "It remains in force. The real sponsors.\n"


def test_jobs_must_be_positive(tmp_path: Path) -> None:
    folder = _folder(tmp_path / "f")
    code, output = _run("check", "--jobs", "0", str(folder))
    assert code == 2 and "--jobs" in output
