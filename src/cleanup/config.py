"""One frozen value says how cleanup runs: which rules, which tiers, which glossaries.

:class:`Config` is what the library takes and what the CLI builds from its
options. A project can keep its defaults in ``pyproject.toml``::

    [tool.cleanup]
    glossary = ["glossary/"]      # files or folders, relative to pyproject.toml
    rules = ["house-rules.toml"]  # rule files of your own, relative to pyproject.toml
    select = []                   # rule-id prefixes or packs to run (empty: all)
    ignore = ["ru-en.gender"]     # rule-id prefixes or packs to skip
    unsafe-fixes = false          # also apply 'suggest' edits
    decisions = ".cleanup/decisions.jsonl"   # the decisions ledger (this is the default)
    baseline = "cleanup-baseline.jsonl"      # check reports only findings not in it
    exclude = ["drafts/*"]        # glob patterns a folder walk skips (besides .gitignore)

Options given on the command line are added to (``glossary``, ``ignore``,
``select``) or override (``unsafe-fixes``) the file's values.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .model import CleanupError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised only on Python 3.10
    import tomli as tomllib


@dataclass(frozen=True)
class Config:
    """How to clean a text.

    ``select``
        rule-id prefixes or pack names to run; empty means every rule. A prefix
        matches whole dotted components: ``spacing`` selects
        ``spacing.before-punctuation`` but ``space`` selects nothing.
    ``ignore``
        prefixes or packs to skip; ignoring wins over selecting.
    ``unsafe_fixes``
        apply ``suggest`` edits as well as ``safe`` ones. ``review`` findings are
        never applied.
    ``glossaries``
        glossary files or folders whose terms are enforced (see :mod:`cleanup.glossary`).
    ``rule_files``
        rule files of the user's own (TOML, the built-in packs' format), loaded beside
        the built-in rules; their packs are selected like the built-in ones.
    ``markdown``
        treat the text as Markdown: code spans and blocks are protected.
        ``None`` (the default) decides from the file name in :func:`cleanup.clean_file`
        and means plain text in :func:`cleanup.clean_text`.
    ``reference``
        run every rule over the whole text in every pass (no windows): the plain,
        slow path the tests compare the fast path with. Same results, by test.
    """

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    unsafe_fixes: bool = False
    glossaries: tuple[Path, ...] = ()
    rule_files: tuple[Path, ...] = ()
    markdown: bool | None = None
    #: the decisions ledger named in pyproject.toml (None: the default place)
    decisions: Path | None = None
    #: the baseline ``check`` compares against (pyproject.toml ``baseline``)
    baseline: Path | None = None
    reference: bool = False
    #: glob patterns of files a folder walk skips (relative to the folder walked)
    exclude: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # any iterable of strings will do (a list, a generator); a bare string is
        # refused, since it would silently mean its characters
        for name in ("select", "ignore", "exclude"):
            object.__setattr__(self, name, _strings(name, getattr(self, name)))
        glossaries = getattr(self, "glossaries")
        if isinstance(glossaries, (str, bytes, Path)):
            raise TypeError(f"Config(glossaries=...) takes an iterable of paths, not one path: use ({glossaries!r},)")
        object.__setattr__(self, "glossaries", tuple(Path(g) for g in glossaries))
        rule_files = getattr(self, "rule_files")
        if isinstance(rule_files, (str, bytes, Path)):
            raise TypeError(f"Config(rule_files=...) takes an iterable of paths, not one path: use ({rule_files!r},)")
        object.__setattr__(self, "rule_files", tuple(Path(r) for r in rule_files))
        if not isinstance(self.unsafe_fixes, bool):
            raise TypeError(f"Config(unsafe_fixes=...) must be True or False, not {self.unsafe_fixes!r}")

    def merged(self, **changes: Any) -> Config:
        """A copy with ``changes`` applied: tuples are extended, other values replaced."""
        values: dict[str, Any] = {}
        for name, value in changes.items():
            current = getattr(self, name)
            values[name] = current + tuple(value) if isinstance(current, tuple) else value
        return Config(**{**self.__dict__, **values})


def _strings(name: str, value: Any) -> tuple[str, ...]:
    """``value`` as a tuple of strings; a clear error for a bare string or a non-string item.

    >>> _strings("ignore", ["a", "b"]), _strings("ignore", (x for x in "ab"))
    (('a', 'b'), ('a', 'b'))
    >>> _strings("ignore", "ru-en")
    Traceback (most recent call last):
    TypeError: Config(ignore=...) takes an iterable of strings, not a bare string: use ('ru-en',)
    """
    if isinstance(value, (str, bytes)):
        raise TypeError(f"Config({name}=...) takes an iterable of strings, not a bare string: use ({value!r},)")
    try:
        items = tuple(value)
    except TypeError:
        raise TypeError(f"Config({name}=...) takes an iterable of strings, not {type(value).__name__}") from None
    for item in items:
        if not isinstance(item, str):
            raise TypeError(f"Config({name}=...) takes strings only, not {type(item).__name__} ({item!r})")
    return items


_KEYS = {"glossary", "rules", "select", "ignore", "unsafe-fixes", "exclude", "decisions", "baseline"}


def find_pyproject(start: Path) -> Path | None:
    """The nearest ``pyproject.toml`` at or above ``start`` that has ``[tool.cleanup]``."""
    here = start.resolve()
    for folder in (here, *here.parents) if here.is_dir() else here.parents:
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            data = _read_toml(candidate)
            tool = data.get("tool", {})
            if isinstance(tool, dict) and "cleanup" in tool:
                return candidate
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    """The TOML data of ``path``; a malformed, unreadable or non-UTF-8 file is an error.

    A broken ``pyproject.toml`` on the way up is refused rather than skipped:
    skipping it would silently drop the settings it may hold.
    """
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise CleanupError(str(path), f"cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise CleanupError(str(path), f"not UTF-8 (bad byte at {exc.start}); TOML files must be UTF-8") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CleanupError(str(path), f"not valid TOML: {exc}") from None


def load_config(pyproject: Path) -> Config:
    """Read ``[tool.cleanup]`` from ``pyproject``; errors name the file and the key."""
    data = _read_toml(pyproject)
    tool = data.get("tool", {})
    section = tool.get("cleanup", {}) if isinstance(tool, dict) else {}
    where = f"{pyproject} [tool.cleanup]"
    if not isinstance(section, dict):
        raise CleanupError(where, "must be a table of settings")
    unknown = set(section) - _KEYS
    if unknown:
        raise CleanupError(where, f"unknown key(s): {', '.join(sorted(unknown))}")

    def strings(key: str) -> tuple[str, ...]:
        value = section.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise CleanupError(where, f"{key!r} must be a string or a list of strings")
        return tuple(value)

    unsafe = section.get("unsafe-fixes", False)
    if not isinstance(unsafe, bool):
        raise CleanupError(where, "'unsafe-fixes' must be true or false")
    base = pyproject.parent
    paths = {}
    for key in ("decisions", "baseline"):
        value = section.get(key)
        if value is not None and not isinstance(value, str):
            raise CleanupError(where, f"{key!r} must be a path (a string)")
        paths[key] = base / value if value else None
    return Config(
        decisions=paths["decisions"],
        baseline=paths["baseline"],
        select=strings("select"),
        ignore=strings("ignore"),
        unsafe_fixes=unsafe,
        glossaries=tuple(base / g for g in strings("glossary")),
        rule_files=tuple(base / r for r in strings("rules")),
        exclude=strings("exclude"),
    )


__all__ = ["Config", "find_pyproject", "load_config"]
