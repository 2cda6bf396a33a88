"""One frozen value says how cleanup runs: which rules, which tiers, which glossaries.

:class:`Config` is what the library takes and what the CLI builds from its
options. A project can keep its defaults in ``pyproject.toml``::

    [tool.cleanup]
    glossary = ["glossary/"]      # files or folders, relative to pyproject.toml
    select = []                   # rule-id prefixes or packs to run (empty: all)
    ignore = ["ru-en.gender"]     # rule-id prefixes or packs to skip
    unsafe-fixes = false          # also apply 'suggest' edits
    decisions = ".cleanup/decisions.jsonl"   # the decisions ledger (this is the default)
    baseline = "cleanup-baseline.jsonl"      # check reports only findings not in it

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
    markdown: bool | None = None
    #: the decisions ledger named in pyproject.toml (None: the default place)
    decisions: Path | None = None
    #: the baseline ``check`` compares against (pyproject.toml ``baseline``)
    baseline: Path | None = None
    reference: bool = False

    def merged(self, **changes: Any) -> Config:
        """A copy with ``changes`` applied: tuples are extended, other values replaced."""
        values: dict[str, Any] = {}
        for name, value in changes.items():
            current = getattr(self, name)
            values[name] = current + tuple(value) if isinstance(current, tuple) else value
        return Config(**{**self.__dict__, **values})


_KEYS = {"glossary", "select", "ignore", "unsafe-fixes", "decisions", "baseline"}


def find_pyproject(start: Path) -> Path | None:
    """The nearest ``pyproject.toml`` at or above ``start`` that has ``[tool.cleanup]``."""
    here = start.resolve()
    for folder in (here, *here.parents) if here.is_dir() else here.parents:
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            try:
                data = tomllib.loads(candidate.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                continue
            if "cleanup" in data.get("tool", {}):
                return candidate
    return None


def load_config(pyproject: Path) -> Config:
    """Read ``[tool.cleanup]`` from ``pyproject``; errors name the file and the key."""
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise CleanupError(str(pyproject), f"not valid TOML: {exc}") from None
    section = data.get("tool", {}).get("cleanup", {})
    where = f"{pyproject} [tool.cleanup]"
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
    )


__all__ = ["Config", "find_pyproject", "load_config"]
