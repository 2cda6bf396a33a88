"""Nothing lost, nothing hangs, nothing silent (issue 11): the command line refuses
what it cannot honour, and files survive links, permissions, full disks and signals.

Every refusal is one line naming the file or option, exit 2, with nothing
touched. Permission cases run the CLI as the unprivileged user ``nobody`` (via
``setpriv``) when the tests run as root, since root ignores permissions.
"""

from __future__ import annotations

import errno
import importlib.metadata
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from click.testing import CliRunner

import cleanup
from cleanup import CleanupError, Config, clean_file, clean_text
from cleanup.cli import main

DIRTY = "It remains in force .\nThe real real sponsors.\n"
FIXED = "It remains in force.\nThe real sponsors.\n"
SETPRIV = shutil.which("setpriv")


def run(*args: str, input: str | bytes | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def one_error_line(result) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("cleanup: error: "), lines
    assert "Traceback" not in result.output
    return str(lines[0])


@pytest.fixture
def dirty(tmp_path: Path) -> Path:
    path = tmp_path / "dirty.txt"
    path.write_text(DIRTY, encoding="utf-8")
    return path


# --- item 3: the command line refuses what it cannot honour -----------------------


def test_fix_diff_takes_a_path_as_the_readme_shows(dirty: Path) -> None:
    result = run("fix", "--isolated", "--diff", str(dirty))
    assert result.exit_code == 1 and result.stdout.startswith("---") and "+It remains in force." in result.stdout
    assert dirty.read_text(encoding="utf-8") == DIRTY


@pytest.mark.parametrize("args", [["--diff=word"], ["--word"], ["--diff", "--diff-format", "word"], ["--diff-format=word"]])
def test_fix_word_diff_spellings(dirty: Path, args: list[str]) -> None:
    result = run("fix", "--isolated", *args, str(dirty))
    assert result.exit_code == 1 and "[- real-]" in result.stdout and "@@" not in result.stdout
    assert dirty.read_text(encoding="utf-8") == DIRTY


@pytest.mark.parametrize(("option", "value", "closest"), [("--select", "spacin", "spacing"), ("--ignore", "repeat.wrod", "repeat.word"), ("--select", "ru-em", "ru-en")])
def test_a_prefix_that_matches_no_rule_is_refused_naming_the_closest(dirty: Path, option: str, value: str, closest: str) -> None:
    line = one_error_line(run("check", "--isolated", option, value, str(dirty)))
    assert f"{option} {value}" in line and "matches no rule" in line and closest in line


def test_a_glossary_rule_prefix_is_a_known_prefix(tmp_path: Path, dirty: Path) -> None:
    (tmp_path / "house.tsv").write_text("term\tvariants\nLenin\tLenipa\n", encoding="utf-8")
    assert run("check", "--isolated", "-g", str(tmp_path / "house.tsv"), "--select", "glossary.house", str(dirty)).exit_code == 0


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"[tool.cleanup\nignore = 1\n", "not valid TOML"),
        (b"[tool.cleanup]\nignore = ['caf\xe9']\n", "not UTF-8"),
        (b"[tool.cleanup]\nunsafe-fixes = 'yes'\n", "'unsafe-fixes' must be true or false"),
        (b"[tool.cleanup]\nignore = [1, 2]\n", "'ignore' must be a string or a list of strings"),
        (b"[tool.cleanup]\nexclude = {a = 1}\n", "'exclude' must be a string or a list of strings"),
        (b"[tool]\ncleanup = 3\n", "must be a table"),
        (b"[tool.cleanup]\nselect = ['spacng']\n", "'spacng' matches no rule id, dotted prefix or pack; did you mean spacing"),
    ],
)
def test_a_bad_pyproject_is_refused(tmp_path: Path, dirty: Path, monkeypatch: pytest.MonkeyPatch, content: bytes, expected: str) -> None:
    (tmp_path / "pyproject.toml").write_bytes(content)
    monkeypatch.chdir(tmp_path)
    line = one_error_line(run("check", str(dirty)))
    assert "pyproject.toml" in line and expected in line


def test_a_glossary_folder_with_no_glossary_is_refused(tmp_path: Path, dirty: Path) -> None:
    empty = tmp_path / "terms"
    empty.mkdir()
    (empty / "readme.txt").write_text("not a glossary", encoding="utf-8")
    line = one_error_line(run("fix", "--isolated", "--glossary", str(empty), str(dirty)))
    assert str(empty) in line and "no glossary" in line
    assert dirty.read_text(encoding="utf-8") == DIRTY


def test_config_takes_any_iterable_of_strings_and_refuses_a_bare_string() -> None:
    text = "The real real sponsors ."
    assert clean_text(text, Config(ignore=["repeat"])).text == "The real real sponsors."  # type: ignore[arg-type]
    assert clean_text(text, Config(ignore=(p for p in ["repeat"]))).text == "The real real sponsors."  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="not a bare string"):
        Config(ignore="repeat")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="strings only"):
        Config(select=[1])  # type: ignore[list-item]


# --- item 4: files and the file system ----------------------------------------------


def test_fix_on_a_symlink_writes_through_to_its_target(tmp_path: Path, dirty: Path) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(dirty)
    assert run("fix", "--isolated", str(link)).exit_code == 1
    assert link.is_symlink() and os.readlink(link) == str(dirty)
    assert dirty.read_text(encoding="utf-8") == FIXED


def test_a_rewrite_keeps_mode_owner_group_and_extended_attributes(dirty: Path) -> None:
    os.chmod(dirty, 0o640)
    try:
        os.setxattr(dirty, "user.cleanup-test", b"kept")
    except OSError:
        pytest.skip("this file system has no user extended attributes")
    if os.geteuid() == 0:
        os.chown(dirty, 65534, 65534)
    before = dirty.stat()
    clean_file(dirty)
    after = dirty.stat()
    assert dirty.read_text(encoding="utf-8") == FIXED
    assert (after.st_mode, after.st_uid, after.st_gid) == (before.st_mode, before.st_uid, before.st_gid)
    assert os.getxattr(dirty, "user.cleanup-test") == b"kept"


def test_a_hard_linked_file_is_refused_and_both_names_untouched(tmp_path: Path, dirty: Path) -> None:
    other = tmp_path / "other.txt"
    os.link(dirty, other)
    line = one_error_line(run("fix", "--isolated", str(dirty)))
    assert "hard links" in line and str(dirty) in line
    assert dirty.read_text(encoding="utf-8") == other.read_text(encoding="utf-8") == DIRTY
    assert os.stat(dirty).st_ino == os.stat(other).st_ino
    assert run("fix", "--isolated", "--stdout", str(dirty)).stdout == FIXED  # what the refusal suggests


def test_an_over_long_file_name_is_fixed_and_an_over_long_component_refused(tmp_path: Path) -> None:
    long = tmp_path / ("n" * 250 + ".txt")  # 254 bytes: a legal name whose temporary file must be shortened
    long.write_text(DIRTY, encoding="utf-8")
    assert run("fix", "--isolated", str(long)).exit_code == 1 and long.read_text(encoding="utf-8") == FIXED
    assert [p.name for p in tmp_path.iterdir()] == [long.name]
    line = one_error_line(run("fix", "--isolated", str(tmp_path / ("x" * 300 + ".txt"))))
    assert "File name too long" in line


@pytest.mark.parametrize("errno_", [errno.ENOSPC, errno.EDQUOT, errno.EROFS])
@pytest.mark.parametrize("where", ["os.open", "os.fsync", "os.replace"])
def test_a_full_disk_or_no_inodes_is_one_line_and_no_temporary_file(dirty: Path, monkeypatch: pytest.MonkeyPatch, errno_: int, where: str) -> None:
    import cleanup.source as source_module

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(errno_, os.strerror(errno_))

    real = getattr(os, where.split(".")[1])

    def failing(*args: object, **kwargs: object) -> object:
        if where == "os.open" and not str(args[0]).count(".cleanup-tmp-"):
            return real(*args, **kwargs)
        fail()
        return None

    monkeypatch.setattr(source_module.os, where.split(".")[1], failing)
    with pytest.raises(CleanupError, match=rf"dirty.txt: cannot write: {os.strerror(errno_)}; not touched"):
        clean_file(dirty)
    monkeypatch.undo()
    assert dirty.read_text(encoding="utf-8") == DIRTY
    assert sorted(p.name for p in dirty.parent.iterdir()) == ["dirty.txt"]


def _fifo(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("as_glossary", [False, True])
def test_a_fifo_is_refused_and_never_blocks(tmp_path: Path, dirty: Path, as_glossary: bool) -> None:
    fifo = _fifo(tmp_path, "pipe.tsv" if as_glossary else "pipe.txt")
    args = ["-g", str(fifo), str(dirty)] if as_glossary else [str(fifo)]
    proc = subprocess.run([sys.executable, "-m", "cleanup", "fix", "--isolated", *args],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    (line,) = proc.stderr.splitlines()
    assert str(fifo) in line and "not a regular file" in line


def test_a_fifo_in_a_folder_is_skipped(tmp_path: Path, dirty: Path) -> None:
    _fifo(tmp_path, "pipe.txt")
    assert run("fix", "--isolated", str(tmp_path)).exit_code == 1 and dirty.read_text(encoding="utf-8") == FIXED


def test_an_unreadable_sub_folder_is_reported_and_the_rest_goes_on(tmp_path: Path, dirty: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "x.txt").write_text(DIRTY, encoding="utf-8")
    import cleanup.walk as walk

    real = os.scandir

    def scandir(path: os.PathLike[str] | str) -> object:
        if Path(path) == locked:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real(path)

    monkeypatch.setattr(walk.os, "scandir", scandir)
    result = run("fix", "--isolated", str(tmp_path))
    assert result.exit_code == 2
    assert f"cleanup: error: {locked}: permission denied (cannot list the folder)" in result.stderr
    assert dirty.read_text(encoding="utf-8") == FIXED


def test_the_folder_walk_honours_gitignore_exclude_and_skips_node_modules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("a.txt", "build/b.txt", "node_modules/pkg/c.md", "drafts/d.txt", "notes/e.txt", "notes/keep.txt", "f.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(DIRTY, encoding="utf-8")
    (tmp_path / ".gitignore").write_text("build/\n", encoding="utf-8")
    (tmp_path / "notes" / ".gitignore").write_text("*.txt\n!keep.txt\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.cleanup]\nexclude = ["f.txt"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("check", "--exclude", "drafts/", ".")
    files = sorted({line.split(":")[0] for line in result.stdout.splitlines()})
    assert files == ["a.txt", "notes/keep.txt"]
    assert sorted({line.split(":")[0] for line in run("check", "--isolated", ".").stdout.splitlines()}) == [
        "a.txt", "drafts/d.txt", "f.txt", "notes/keep.txt"]


@pytest.mark.parametrize("layout", ["repository", "worktree"])
def test_the_folder_walk_honours_the_repositorys_info_exclude(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, layout: str) -> None:
    repo = tmp_path / "book"
    for name in ("a.txt", "private/b.txt", "sub/c.txt", "sub/scratch.txt"):
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(DIRTY, encoding="utf-8")
    git = tmp_path / "main.git" if layout == "worktree" else repo / ".git"
    (git / "info").mkdir(parents=True)
    (git / "info" / "exclude").write_text("private/\nscratch.txt\n", encoding="utf-8")
    if layout == "worktree":  # a worktree's .git is a file naming its git folder, whose common folder has info/
        (git / "worktrees" / "book").mkdir(parents=True)
        (git / "worktrees" / "book" / "commondir").write_text("../..\n", encoding="utf-8")
        (repo / ".git").write_text(f"gitdir: {git / 'worktrees' / 'book'}\n", encoding="utf-8")
    for where, expected in ((repo, ["a.txt", "sub/c.txt"]), (repo / "sub", ["c.txt"])):
        monkeypatch.chdir(where)
        result = run("check", "--isolated", ".")
        assert sorted({line.split(":")[0] for line in result.stdout.splitlines()}) == expected


def test_utf16_without_a_bom_is_written_back_without_one(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(DIRTY.encode("utf-16-le"))
    assert run("fix", "--isolated", "--encoding", "utf-16", str(path)).exit_code == 1
    assert path.read_bytes() == FIXED.encode("utf-16-le")


@pytest.mark.parametrize("stdin", [False, True])
def test_a_fix_the_output_encoding_cannot_hold_is_one_line(tmp_path: Path, stdin: bool) -> None:
    glossary = tmp_path / "g.tsv"
    glossary.write_text("term\tvariants\taction\tcase\nŁódź\tLodz\tauto\texact\n", encoding="utf-8")
    path = tmp_path / "a.txt"
    path.write_bytes("We went to Lodz on Monday.\n".encode("latin-1"))
    args = ["fix", "--isolated", "-g", str(glossary), "--encoding", "latin-1"]
    result = run(*args, "-", input=path.read_bytes()) if stdin else run(*args, "--stdout", str(path))
    line = one_error_line(result)
    assert "'Ł', which latin-1 cannot encode" in line and result.stdout == ""


def test_stale_temporary_files_are_removed_with_a_note(dirty: Path) -> None:
    with subprocess.Popen(["true"]) as dead:
        pass
    stale = dirty.parent / f".dirty.txt.cleanup-tmp-{dead.pid}"
    stale.write_text("half", encoding="utf-8")
    with subprocess.Popen(["sleep", "60"]) as alive:
        mine = dirty.parent / f".dirty.txt.cleanup-tmp-{alive.pid}"  # a running process's file is not touched
        mine.write_text("busy", encoding="utf-8")
        result = run("fix", "--isolated", str(dirty))
        alive.kill()
    assert result.exit_code == 1 and dirty.read_text(encoding="utf-8") == FIXED
    assert f"cleanup: note: removed {stale}, a temporary file left by an interrupted run" in result.stderr
    assert not stale.exists() and mine.exists()


def test_a_stale_temporary_file_goes_even_when_nothing_changes_but_not_with_diff(tmp_path: Path) -> None:
    with subprocess.Popen(["true"]) as dead:
        pass
    clean = tmp_path / "clean.txt"
    clean.write_text("A clean text.\n", encoding="utf-8")
    stale = tmp_path / f".clean.txt.cleanup-tmp-{dead.pid}"
    stale.write_text("half", encoding="utf-8")
    assert run("fix", "--isolated", "--diff", str(clean)).exit_code == 0 and stale.exists()  # --diff writes nothing
    result = run("fix", "--isolated", str(clean))
    assert result.exit_code == 0 and not stale.exists() and "cleanup: note: removed" in result.stderr


# --- as a user without privileges -------------------------------------------------


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder the unprivileged user can reach (pytest's tmp_path is root's alone)."""
    folder = Path(tempfile.mkdtemp(prefix="cleanup-nobody-"))
    os.chmod(folder, 0o777)
    try:
        yield folder
    finally:
        for root, dirs, _ in os.walk(folder):
            for d in dirs:
                os.chmod(os.path.join(root, d), 0o777)
        shutil.rmtree(folder)


def _runtime_distributions() -> list[importlib.metadata.Distribution]:
    """The distributions cleanup needs at run time, transitively (no extras)."""
    found: dict[str, importlib.metadata.Distribution] = {}
    todo = [requirement.name for requirement in _requirements(importlib.metadata.distribution("cleanup"))]
    while todo:
        name = canonicalize_name(todo.pop())
        if name in found:
            continue
        try:
            found[name] = dist = importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:
            continue  # a marker-less optional dependency that is not installed
        todo.extend(requirement.name for requirement in _requirements(dist))
    return list(found.values())


def _requirements(dist: importlib.metadata.Distribution) -> list[Requirement]:
    wanted = []
    for line in dist.requires or []:
        requirement = Requirement(line)
        if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
            wanted.append(requirement)
    return wanted


@pytest.fixture(scope="module")
def package_for_nobody() -> Iterator[Path]:
    """A copy of the package and of what it imports that the unprivileged user can read.

    An editable install points into the checkout, and a checkout under /root (as in CI) is
    root's alone; so may be the site-packages the dependencies went to. The copies go first
    on PYTHONPATH, ahead of the editable finder and of site-packages.
    """
    folder = Path(tempfile.mkdtemp(prefix="cleanup-pkg-"))
    shutil.copytree(Path(cleanup.__file__).parent, folder / "cleanup", ignore=shutil.ignore_patterns("__pycache__"))
    for dist in _runtime_distributions():
        for relative in dist.files or []:
            source = Path(str(dist.locate_file(relative)))
            if ".." in relative.parts or "__pycache__" in relative.parts or not source.is_file():
                continue  # console scripts live outside site-packages
            target = folder / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    for root, dirs, files in os.walk(folder):
        os.chmod(root, 0o755)
        for name in files:
            os.chmod(os.path.join(root, name), 0o644)
    try:
        yield folder
    finally:
        shutil.rmtree(folder)


def as_nobody(*args: str, cwd: Path, package: Path) -> subprocess.CompletedProcess[str]:
    """cleanup as user nobody, importing only the readable copies (`-S`: no site-packages)."""
    if os.geteuid() != 0:
        command = [sys.executable, "-S", "-m", "cleanup", *args]
    else:
        if SETPRIV is None:
            pytest.skip("running as root without setpriv: cannot drop privileges to test permissions")
        command = [SETPRIV, "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable, "-S", "-m", "cleanup", *args]
    env = {**os.environ, "HOME": str(cwd), "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": str(package)}
    return subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=cwd, env=env)


def test_a_file_in_a_read_only_folder_as_a_user(shared_dir: Path, package_for_nobody: Path) -> None:
    folder = shared_dir / "ro"
    folder.mkdir()
    path = folder / "a.txt"
    path.write_text(DIRTY, encoding="utf-8")
    os.chmod(path, 0o666)
    os.chmod(folder, 0o555)
    proc = as_nobody("fix", "--isolated", str(path), cwd=shared_dir, package=package_for_nobody)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    (line,) = proc.stderr.splitlines()
    assert line == f"cleanup: error: {path}: cannot write: Permission denied; not touched"
    assert path.read_text(encoding="utf-8") == DIRTY and os.listdir(folder) == ["a.txt"]


def test_an_unreadable_sub_folder_as_a_user(shared_dir: Path, package_for_nobody: Path) -> None:
    (shared_dir / "ok.txt").write_text(DIRTY, encoding="utf-8")
    if os.geteuid() == 0:
        os.chown(shared_dir / "ok.txt", 65534, 65534)
    locked = shared_dir / "locked"
    locked.mkdir()
    (locked / "x.txt").write_text(DIRTY, encoding="utf-8")
    os.chmod(locked, 0o000)
    proc = as_nobody("fix", "--isolated", str(shared_dir), cwd=shared_dir, package=package_for_nobody)
    assert proc.returncode == 2, proc.stderr
    assert f"cleanup: error: {locked}: permission denied (cannot list the folder); its files were skipped" in proc.stderr
    assert (shared_dir / "ok.txt").read_text(encoding="utf-8") == FIXED


# --- signals: what an interrupted fix leaves -----------------------------------------


def _big_dirty_text(paragraphs: int = 6000) -> str:
    paragraph = ("The committee met again , and the real real question of the harvest was raised . "
                 "It remains in force .  Nobody said otherwise .\n\n")
    return paragraph * paragraphs  # 6000: about 800 KB


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "cleanup", *args]


def test_interrupting_fix_says_what_was_and_was_not_written(tmp_path: Path) -> None:
    small = tmp_path / "a-small.txt"
    small.write_text(DIRTY, encoding="utf-8")
    big = tmp_path / "b-big.txt"
    big.write_text(_big_dirty_text(), encoding="utf-8")
    with subprocess.Popen(_cli("fix", "--isolated", str(small), str(big)), stderr=subprocess.PIPE, text=True) as proc:
        assert proc.stderr is not None
        first = proc.stderr.readline()  # 'fixed a-small.txt: ...' once the first file is written
        assert first.startswith(f"fixed {small}")
        proc.send_signal(signal.SIGINT)
        rest = proc.stderr.read()
        assert proc.wait(60) == 130
    assert rest.strip() == (f"cleanup: error: interrupted: wrote 1 file(s) ({small}); "
                            "every other file was left as it was, none half-written")
    assert small.read_text(encoding="utf-8") == FIXED and big.read_text(encoding="utf-8") == _big_dirty_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-small.txt", "b-big.txt"]


def test_fix_killed_at_random_moments_leaves_the_original_or_the_whole_new_text(tmp_path: Path) -> None:
    """The crash-safety test: a few trials per signal, at moments spread over one run's duration."""
    import random

    original = _big_dirty_text(1000)
    path = tmp_path / "big.txt"
    path.write_text(original, encoding="utf-8")
    fix = _cli("fix", "--isolated", "--select", "spacing,repeat", str(path))
    started = time.monotonic()
    subprocess.run(fix, check=False, timeout=300, capture_output=True)
    duration = time.monotonic() - started
    fixed = path.read_text(encoding="utf-8")
    assert fixed != original
    rng = random.Random(11)
    outcomes = set()
    for trial, sig in enumerate([signal.SIGINT, signal.SIGTERM] * 2 + [signal.SIGKILL]):
        path.write_text(original, encoding="utf-8")
        with subprocess.Popen(fix, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) as proc:
            # spread over the run, half of the trials near its end, where the write happens
            time.sleep(rng.uniform(0.3, 1.1) * duration if trial % 2 else rng.uniform(0.85, 1.05) * duration)
            proc.send_signal(sig)
            _, err = proc.communicate(timeout=120)
        text = path.read_text(encoding="utf-8")
        assert text in (original, fixed), f"trial {trial}: the file is neither the original nor the fixed text"
        outcomes.add(text == fixed)
        leftovers = [p.name for p in tmp_path.iterdir() if p.name != "big.txt"]
        if sig != signal.SIGKILL:
            assert leftovers == [], f"trial {trial} ({sig.name}) left {leftovers}"
            assert b"Traceback" not in err or proc.returncode not in (130, 143)
        else:
            for name in leftovers:  # a killed run cannot clean up: the next run does
                assert ".cleanup-tmp-" in name
    path.write_text(original, encoding="utf-8")
    run("fix", "--isolated", "--select", "spacing,repeat", str(path))
    assert path.read_text(encoding="utf-8") == fixed and [p.name for p in tmp_path.iterdir()] == ["big.txt"]


# --- item 8: what a newcomer trips on ------------------------------------------------

README = Path(__file__).resolve().parent.parent / "README.md"


def _readme_blocks(language: str) -> list[str]:
    import re

    return re.findall(rf"```{language}\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)


def test_the_readme_set_up_makes_a_virtual_environment_first() -> None:
    install, tests = _readme_blocks("sh")[:2]
    assert install.startswith("python3 -m venv .venv && . .venv/bin/activate && pip install -e \".[test]\" && cleanup ")
    assert len(install.strip().splitlines()) == 1 and tests.strip() == "python3 -m pytest"


def test_the_readme_library_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (example,) = [b for b in _readme_blocks("python") if "import cleanup" in b]
    shutil.copytree(README.parent / "glossary", tmp_path / "glossary")
    (tmp_path / "chapter1.txt").write_text(DIRTY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    exec(compile(example, "README.md", "exec"), {})  # noqa: S102 - the README's own example
    assert (tmp_path / "chapter1.txt").read_text(encoding="utf-8") == FIXED


def test_the_readme_pre_commit_rev_names_no_missing_tag() -> None:
    (snippet,) = [b for b in _readme_blocks("yaml") if "rev:" in b]
    rev = snippet.split("rev:")[1].split()[0]
    tags = subprocess.run(["git", "tag"], capture_output=True, text=True, cwd=README.parent).stdout.split()
    assert rev in tags or rev == "main", f"rev {rev!r} is not a tag of this repository"


def test_check_says_what_it_would_fix_not_what_it_changed(dirty: Path) -> None:
    result = run("check", "--isolated", str(dirty))
    assert result.stderr.strip() == "checked 1 file(s): would fix 1 (2 edit(s)), 0 finding(s) to review; nothing written"
    assert "changed" not in result.stderr and "applied" not in result.stderr


def test_fix_mentions_review_findings_when_it_changed_nothing(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("The text ends here (with an open bracket.\n", encoding="utf-8")
    result = run("fix", "--isolated", str(path))
    assert result.exit_code == 0
    assert result.stderr.strip() == f"{path}: nothing to fix; 1 finding(s) to review ('cleanup check {path}' lists them)"


@pytest.mark.parametrize(("no_color", "coloured"), [(None, True), ("1", False), ("", True)])
def test_no_color_turns_the_default_colour_off(dirty: Path, no_color: str | None, coloured: bool) -> None:
    import pty

    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    if no_color is not None:
        env["NO_COLOR"] = no_color
    leader, follower = pty.openpty()
    with subprocess.Popen(_cli("diff", "--isolated", str(dirty)), stdout=follower, stderr=subprocess.DEVNULL, env=env) as proc:
        os.close(follower)
        output = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
        proc.wait(60)
    os.close(leader)
    assert b"+It remains in force." in output
    assert (b"\x1b[" in output) is coloured


@pytest.fixture
def small_tmpfs() -> Iterator[Path]:
    """A real, tiny file system (root only: mounting needs privileges); skipped with the reason otherwise."""
    folder = Path(tempfile.mkdtemp(prefix="cleanup-tmpfs-"))
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k,nr_inodes=6", "tmpfs", str(folder)],
                             capture_output=True, text=True, check=False) if os.geteuid() == 0 else None
    if mounted is None or mounted.returncode != 0:
        folder.rmdir()
        pytest.skip("cannot mount a small tmpfs here (needs root): the simulated full-disk tests above cover it")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)
        folder.rmdir()


@pytest.mark.parametrize("exhaust", ["inodes", "space", "read-only"])
def test_a_real_full_or_read_only_file_system_is_one_line(small_tmpfs: Path, exhaust: str) -> None:
    path = small_tmpfs / "a.txt"
    path.write_text(DIRTY, encoding="utf-8")
    if exhaust == "inodes":
        for i in range(100):
            try:
                (small_tmpfs / f"f{i}").touch()
            except OSError:
                break
        expected = os.strerror(errno.ENOSPC)
    elif exhaust == "space":
        fd = os.open(small_tmpfs / "filler", os.O_WRONLY | os.O_CREAT)
        try:
            while True:
                os.write(fd, b"x" * 4096)
        except OSError:
            pass
        finally:
            os.close(fd)
        expected = os.strerror(errno.ENOSPC)
    else:
        subprocess.run(["mount", "-o", "remount,ro", str(small_tmpfs)], check=True)
        expected = os.strerror(errno.EROFS)
    before = sorted(os.listdir(small_tmpfs))
    line = one_error_line(run("fix", "--isolated", str(path)))
    assert line == f"cleanup: error: {path}: cannot write: {expected}; not touched" or (
        exhaust == "read-only" and line == f"cleanup: error: {path}: file is read-only; not touched")
    assert path.read_text(encoding="utf-8") == DIRTY and sorted(os.listdir(small_tmpfs)) == before
