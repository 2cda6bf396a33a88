"""The pre-commit hooks, exercised with the real pre-commit tool on a temporary repository.

``pre-commit try-repo`` installs this checkout into its own virtualenv (from
PyPI, like a user's machine would) and runs the hook on the files of a
throw-away git repository.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.skipif(shutil.which("pre-commit") is None or shutil.which("git") is None,
                                reason="pre-commit and git are installed by the test extras")


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture(scope="module")
def hook_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # one pre-commit cache for the module: the hook's virtualenv is built once
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This checkout as it is on disk (committed or not), as a one-commit repository."""
    snapshot = tmp_path_factory.mktemp("cleanup-snapshot")
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout.split("\0")
    for name in filter(None, listed):
        if (ROOT / name).is_file():
            (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, snapshot / name)
    _git(snapshot, "init", "-q")
    _git(snapshot, "add", ".")
    _git(snapshot, "-c", "user.email=t@example.org", "-c", "user.name=t", "commit", "-qm", "snapshot")
    return snapshot


def _repo(tmp_path: Path) -> Path:
    repo = tmp_path / "docs"
    repo.mkdir()
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "t@example.org")
    _git(repo, "config", "user.name", "t")
    (repo / "dirty.txt").write_text("It remains in force .\nThe real real sponsors.\n", encoding="utf-8")
    (repo / "clean.md").write_text("# Title\n\nA clean paragraph.\n", encoding="utf-8")
    (repo / "code.py").write_text("x = f( a ) .\n", encoding="utf-8")
    _git(repo, "add", ".")
    return repo


def _try(repo: Path, home: Path, source: Path, hook: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home)}
    return subprocess.run(
        ["pre-commit", "try-repo", str(source), hook, "--all-files"],
        cwd=repo, env=env, capture_output=True, text=True, timeout=900,
    )


def test_fix_hook_fixes_text_files_and_fails(tmp_path: Path, hook_home: Path, hook_repo: Path) -> None:
    repo = _repo(tmp_path)
    run = _try(repo, hook_home, hook_repo, "cleanup-fix")
    assert run.returncode == 1, run.stdout + run.stderr
    assert "files were modified by this hook" in run.stdout
    assert (repo / "dirty.txt").read_text(encoding="utf-8") == "It remains in force.\nThe real sponsors.\n"
    assert (repo / "code.py").read_text(encoding="utf-8") == "x = f( a ) .\n"  # not a text file: not touched
    _git(repo, "add", ".")
    again = _try(repo, hook_home, hook_repo, "cleanup-fix")
    assert again.returncode == 0, again.stdout + again.stderr


def test_check_hook_reports_and_fails_without_writing(tmp_path: Path, hook_home: Path, hook_repo: Path) -> None:
    repo = _repo(tmp_path)
    run = _try(repo, hook_home, hook_repo, "cleanup-check")
    assert run.returncode == 1
    assert "dirty.txt:1:" in run.stdout and "spacing.before-punctuation" in run.stdout
    assert "clean.md" not in run.stdout.replace("clean.md...", "")
    assert (repo / "dirty.txt").read_text(encoding="utf-8").startswith("It remains in force .")


def test_check_hook_honours_suppressions_and_the_baseline(tmp_path: Path, hook_home: Path, hook_repo: Path) -> None:
    """A team adopts the hook on an existing book: the baseline keeps old findings quiet, new ones fail."""
    import sys

    repo = _repo(tmp_path)
    (repo / "pyproject.toml").write_text('[tool.cleanup]\nbaseline = "cleanup-baseline.jsonl"\n', encoding="utf-8")
    (repo / "kept.md").write_text("# Notes\n\nThe real real thing , kept. <!-- cleanup: ignore -->\n", encoding="utf-8")
    written = subprocess.run([sys.executable, "-m", "cleanup", "check", "--write-baseline", "cleanup-baseline.jsonl",
                              "dirty.txt", "clean.md"], cwd=repo, capture_output=True, text=True)
    assert written.returncode == 0, written.stderr
    _git(repo, "add", ".")
    quiet = _try(repo, hook_home, hook_repo, "cleanup-check")
    assert quiet.returncode == 0, quiet.stdout + quiet.stderr
    # an edit elsewhere keeps the old findings known; a new one is reported alone
    (repo / "dirty.txt").write_text("A new first line.\nIt remains in force .\nThe real real sponsors.\nNew text , here.\n",
                                    encoding="utf-8")
    _git(repo, "add", ".")
    loud = _try(repo, hook_home, hook_repo, "cleanup-check")
    assert loud.returncode == 1
    reported = [line for line in loud.stdout.splitlines() if ": " in line and "[" in line]
    assert reported == ["dirty.txt:4:9: spacing.before-punctuation [safe] space before punctuation"], loud.stdout
