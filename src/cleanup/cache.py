"""A small on-disk cache of things that are slow to build and never change between runs.

What costs a short run its time is not the text but the set-up: compiling a
few hundred regular expressions (the ``regex`` module parses each pattern in
Python), turning the shipped word tables into dictionaries, and compiling a
large glossary into its matcher. Each of these is built once, stored here,
and loaded on the next run in a fraction of the time.

Where: ``$CLEANUP_CACHE_DIR`` when set (an empty value, ``0`` or ``off``
turns the cache off), else ``$XDG_CACHE_HOME/cleanup``, else
``~/.cache/cleanup`` (``%LOCALAPPDATA%\\cleanup\\cache`` on Windows).
Deleting the folder is always safe: it is rebuilt on the next run.

Every entry is stored under a key made of the package version, the Python and
``regex`` versions, a fingerprint of the package's source files and the
content hash of the entry's own inputs (a rule file, a glossary file), so a
changed input or a new version simply misses. A missing, stale, corrupt or
unreadable entry is rebuilt; a folder that cannot be written is not an error,
only a run without cache. The cache never changes a result: the tests compare
the edits of runs with and without it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

#: the environment variable that names the cache folder ("", "0", "off": no cache)
ENV_VAR = "CLEANUP_CACHE_DIR"
_OFF = {"", "0", "off", "false", "no"}
#: bump when the layout of the stored values changes
_FORMAT = 1
_MAGIC = b"cleanup-cache\n"


def cache_dir() -> Path | None:
    """The cache folder (not created here), or None when the cache is turned off."""
    env = os.environ.get(ENV_VAR)
    if env is not None:
        return None if env.strip().lower() in _OFF else Path(env).expanduser()
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        local = os.environ.get("LOCALAPPDATA")
        return Path(local) / "cleanup" / "cache" if local else None
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "cleanup"
    try:
        return Path.home() / ".cache" / "cleanup"
    except (RuntimeError, KeyError):  # no home directory
        return None


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """What every entry depends on besides its own inputs: versions and the package's code.

    The source files are identified by name, size and modification time (a
    ``stat`` each: an edited module, in a development checkout, misses the cache).
    """
    from . import __version__

    try:
        import regex

        regex_version = str(getattr(regex, "__version__", "?"))
    except ImportError:  # pragma: no cover
        regex_version = "-"
    h = hashlib.sha256()
    h.update(f"{_FORMAT}|{__version__}|{sys.version}|{regex_version}".encode())
    package = Path(__file__).resolve().parent
    for folder in (package, package / "kinds"):
        try:
            names = sorted(n for n in os.listdir(folder) if n.endswith(".py"))
        except OSError:
            continue
        for name in names:
            try:
                st = os.stat(folder / name)
            except OSError:
                continue
            h.update(f"|{folder.name}/{name}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()


def content_hash(*parts: bytes | str) -> str:
    """A hash of ``parts`` (bytes, or text encoded as UTF-8), for keying an entry by its inputs."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def _path(name: str) -> Path | None:
    folder = cache_dir()
    return None if folder is None else folder / f"{name}.pickle"


def load(name: str, key: str) -> Any | None:
    """The value stored as ``name`` under ``key``; None when absent, stale or unreadable."""
    path = _path(name)
    if path is None:
        return None
    try:
        with open(path, "rb") as f:
            if f.read(len(_MAGIC)) != _MAGIC:
                return None
            stored_key = f.readline().rstrip(b"\n").decode("ascii")
            if stored_key != _full_key(key):
                return None
            return pickle.load(f)
    except Exception:  # a missing, truncated or corrupt entry is a miss, never an error
        return None


def store(name: str, key: str, value: Any) -> bool:
    """Store ``value`` as ``name`` under ``key``, atomically; False when it cannot (never raises)."""
    path = _path(name)
    if path is None:
        return False
    tmp = None
    try:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        path.parent.mkdir(parents=True, exist_ok=True)
        import tempfile

        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as f:
            f.write(_MAGIC + _full_key(key).encode("ascii") + b"\n")
            f.write(data)
        os.replace(tmp, path)
        return True
    except Exception:  # an unwritable folder, a full disk, an unpicklable value: run without cache
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        return False


def _full_key(key: str) -> str:
    return content_hash(fingerprint(), key)


def cached(name: str, key: str, build: Callable[[], T]) -> T:
    """The value stored as ``name`` under ``key``, or ``build()`` (then stored for the next run)."""
    value = load(name, key)
    if value is None:
        value = build()
        store(name, key, value)
    return value


def clear() -> int:
    """Remove every entry of the cache folder; the number of files removed."""
    folder = cache_dir()
    if folder is None:
        return 0
    removed = 0
    try:
        entries = list(folder.iterdir())
    except OSError:
        return 0
    for entry in entries:
        if entry.suffix in (".pickle", ".tmp") and entry.is_file():
            try:
                entry.unlink()
                removed += 1
            except OSError:
                pass
    return removed


# -- compiled regular expressions -------------------------------------------------
#
# The ``regex`` module parses a pattern in Python before its C engine gets the
# compiled code, which makes ``regex.compile`` cost a quarter to several
# milliseconds a pattern: the rules, the kinds and their helpers compile a few
# hundred, more than half of a short run. A compiled ``regex`` pattern pickles
# as its compiled code (unpickling calls the C compiler directly, no parsing),
# and ``regex`` keeps every pattern it compiled in a cache keyed by the pattern
# text and flags. So the patterns a run compiled are stored, and the next run
# puts them back into that cache before anything is compiled: every
# ``regex.compile`` of the same text and flags then finds its pattern ready.
# A pattern is keyed by its own text, so a stored pattern can never stand for
# another; if a ``regex`` release changes these internals, nothing is loaded.

_REGEX_ENTRY = "regex-patterns"
#: patterns longer than this are document-specific (a glossary's present terms): not stored
_REGEX_MAX_PATTERN = 2000
#: stored patterns at most (the ``regex`` module keeps 500)
_REGEX_MAX_STORED = 400
#: a run that compiled at least this many new patterns refreshes the stored set
_REGEX_REFRESH = 10

_regex_state: dict[str, Any] = {"warmed": False, "stored": None}


def _regex_internals() -> tuple[dict[Any, Any], dict[Any, Any], dict[Any, Any]] | None:
    try:
        from regex import _main

        internals = (_main._cache, _main._named_args, _main._locale_sensitive)  # type: ignore[attr-defined]
    except (ImportError, AttributeError):  # pragma: no cover - another regex release
        return None
    return internals if all(isinstance(d, dict) for d in internals) else None


def warm_regex() -> None:
    """Put the stored compiled patterns into ``regex``'s own cache (once per process)."""
    if _regex_state["warmed"]:
        return
    _regex_state["warmed"] = True
    internals = _regex_internals()
    if internals is None:
        return
    stored = load(_REGEX_ENTRY, "patterns")
    if not (isinstance(stored, tuple) and len(stored) == 3 and all(isinstance(d, dict) for d in stored)):
        return
    for mine, theirs in zip(internals, stored):
        for key, value in theirs.items():
            mine.setdefault(key, value)
    _regex_state["stored"] = frozenset(stored[0])


def save_regex() -> None:
    """Store the patterns compiled so far, when nothing is stored yet or enough new ones were compiled."""
    internals = _regex_internals()
    if internals is None or cache_dir() is None:
        return
    patterns, named_args, locale_sensitive = internals
    try:
        keys = [k for k in list(patterns) if isinstance(k, tuple) and isinstance(k[0], str)
                and len(k[0]) <= _REGEX_MAX_PATTERN]
    except RuntimeError:  # pragma: no cover - changed by another thread meanwhile
        return
    stored = _regex_state["stored"]
    if stored is not None and len(set(keys) - stored) < _REGEX_REFRESH:
        return
    keys = keys[-_REGEX_MAX_STORED:]
    texts = {key[0] for key in keys}
    value = (
        {k: patterns[k] for k in keys if k in patterns},
        {k: v for k, v in list(named_args.items()) if isinstance(k, tuple) and k[0] in texts},
        {k: v for k, v in list(locale_sensitive.items()) if isinstance(k, tuple) and k[1] in texts},
    )
    if store(_REGEX_ENTRY, "patterns", value):
        _regex_state["stored"] = frozenset(value[0])
