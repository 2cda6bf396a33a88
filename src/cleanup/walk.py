"""Which files a folder PATH stands for: its text files, as git would see them.

The walk skips hidden entries (``.git``, ``.venv``, editors' files, cleanup's
own temporary files), ``node_modules`` and ``__pycache__``, whatever the
``.gitignore`` files say (those of the folder, its sub-folders, and its
parents up to the repository root), what the repository's ``.git/info/exclude``
says, and the ``exclude`` patterns (from
``--exclude`` and ``[tool.cleanup] exclude``, in the same syntax, relative to
the folder walked). Patterns are matched with the ``pathspec`` package's
git-wildmatch implementation, so negations (``!keep.md``), anchored patterns
(``/build``) and folder patterns (``drafts/``) behave as in git.

A sub-folder that cannot be read is not silently skipped: the walk yields a
:class:`~cleanup.model.CleanupError` for it, and goes on with the rest.
Symbolic links to folders are not followed (no cycles); links to files are.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterator, Sequence
from pathlib import Path

import pathspec

from .model import CleanupError

#: folder names never walked into, besides hidden ones
SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__"})

_Spec = tuple[Path, pathspec.GitIgnoreSpec]


def _spec(lines: Sequence[str]) -> pathspec.GitIgnoreSpec:
    return pathspec.GitIgnoreSpec.from_lines(lines)


def _gitignore(folder: Path) -> pathspec.GitIgnoreSpec | None:
    try:
        text = (folder / ".gitignore").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    return _spec(text.splitlines())


def _ancestors_specs(folder: Path) -> list[_Spec]:
    """The repository's ``info/exclude``, then the ``.gitignore`` files above ``folder`` up to its root (outermost first)."""
    here = folder.resolve()
    root = next((p for p in (here, *here.parents) if (p / ".git").exists()), None)
    if root is None:
        return []  # not in a repository: no outer .gitignore applies
    specs: list[_Spec] = []
    exclude = _info_exclude(root / ".git")
    if exclude is not None:
        specs.append((root, exclude))
    chain = [p for p in here.parents if p == root or root in p.parents]
    for parent in reversed(chain):
        spec = _gitignore(parent)
        if spec is not None:
            specs.append((parent, spec))
    return specs


def _info_exclude(git: Path) -> pathspec.GitIgnoreSpec | None:
    """The patterns of the repository's ``info/exclude`` (``git`` is its ``.git``: a folder, or a
    worktree's or submodule's file naming the git folder, whose common folder holds ``info``)."""
    try:
        if git.is_file():
            line = git.read_text(encoding="utf-8", errors="replace").strip()
            if not line.startswith("gitdir:"):
                return None
            git = (git.parent / line.partition(":")[2].strip()).resolve()
            common = git / "commondir"
            if common.is_file():
                git = (git / common.read_text(encoding="utf-8", errors="replace").strip()).resolve()
        text = (git / "info" / "exclude").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    return _spec(text.splitlines())


def _ignored(path: Path, is_dir: bool, specs: Sequence[_Spec]) -> bool:
    """Whether the last of ``specs`` with an opinion on ``path`` ignores it."""
    ignored = False
    for base, spec in specs:
        try:
            rel = path.relative_to(base).as_posix()
        except ValueError:
            continue
        result = spec.check_file(rel + "/" if is_dir else rel)
        if result.include is not None:
            ignored = bool(result.include)
    return ignored


def walk_folder(folder: Path, suffixes: Collection[str], exclude: Sequence[str] = ()) -> Iterator[Path | CleanupError]:
    """The files under ``folder`` with one of ``suffixes``, sorted, and an error per unreadable sub-folder.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     root = Path(d)
    ...     for name in ("a.txt", "b.md", "node_modules/x.txt", "build/c.txt", "drafts/d.txt", "e.txt"):
    ...         (root / name).parent.mkdir(exist_ok=True)
    ...         _ = (root / name).write_text("x")
    ...     _ = (root / ".gitignore").write_text("build/\\n")
    ...     [p.relative_to(root).as_posix() for p in walk_folder(root, {".txt", ".md"}, ["drafts/", "e.*"])]
    ['a.txt', 'b.md']
    """
    outer = _ancestors_specs(folder)
    excluded = [(folder.resolve(), _spec(exclude))] if exclude else []
    yield from _walk(folder, folder.resolve(), suffixes, outer, excluded)


def _walk(folder: Path, real: Path, suffixes: Collection[str], specs: list[_Spec], excluded: list[_Spec]) -> Iterator[Path | CleanupError]:
    own = _gitignore(real)
    if own is not None:
        specs = [*specs, (real, own)]
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except PermissionError:
        yield CleanupError(str(folder), "permission denied (cannot list the folder); its files were skipped")
        return
    except OSError as exc:
        yield CleanupError(str(folder), f"cannot list the folder: {exc.strerror or exc}; its files were skipped")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
            is_file = not is_dir and entry.is_file()
        except OSError:
            continue
        rel_real = real / entry.name
        if _ignored(rel_real, is_dir, specs) or _ignored(rel_real, is_dir, excluded):
            continue
        if is_dir:
            if entry.name not in SKIPPED_FOLDERS:
                yield from _walk(path, rel_real, suffixes, specs, excluded)
        elif is_file and path.suffix.lower() in suffixes:
            yield path
