"""The user cache (cleanup.cache): used on the next run, never an error, never a different result."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cleanup import cache, glossary
from cleanup.model import Document

from .conftest import ROOT, SAMPLE


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    here = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV_VAR, str(here))
    glossary._COMPILED.clear()
    yield here
    glossary._COMPILED.clear()


def test_the_env_var_names_the_folder_or_turns_the_cache_off(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(cache.ENV_VAR, str(tmp_path))
    assert cache.cache_dir() == tmp_path
    for off in ("", "0", "off"):
        monkeypatch.setenv(cache.ENV_VAR, off)
        assert cache.cache_dir() is None
        assert cache.store("x", "k", 1) is False
        assert cache.load("x", "k") is None


def test_the_default_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(cache.ENV_VAR)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / "cleanup"


def test_a_stored_value_comes_back_under_its_key_only(folder: Path) -> None:
    assert cache.store("thing", "key-1", {"a": (1, 2.5)})
    assert cache.load("thing", "key-1") == {"a": (1, 2.5)}
    assert cache.load("thing", "key-2") is None  # another input: stale
    built = []
    assert cache.cached("thing", "key-2", lambda: built.append(1) or "new") == "new"
    assert cache.cached("thing", "key-2", lambda: built.append(1) or "newer") == "new"
    assert built == [1]


def test_another_version_or_code_misses(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache.store("thing", "k", 1)
    monkeypatch.setattr(cache, "fingerprint", lambda: "another version")
    assert cache.load("thing", "k") is None


@pytest.mark.parametrize("damage", [b"", b"garbage", b"cleanup-cache\n", b"cleanup-cache\nnot the key\n\x80\x04junk"])
def test_a_corrupt_entry_is_ignored_and_rebuilt(folder: Path, damage: bytes) -> None:
    cache.store("thing", "k", [1, 2, 3])
    path = folder / "thing.pickle"
    path.write_bytes(damage)
    assert cache.load("thing", "k") is None
    assert cache.cached("thing", "k", lambda: [4]) == [4]
    assert cache.load("thing", "k") == [4]


def test_a_truncated_entry_is_ignored(folder: Path) -> None:
    cache.store("thing", "k", list(range(1000)))
    path = folder / "thing.pickle"
    path.write_bytes(path.read_bytes()[:-100])
    assert cache.load("thing", "k") is None


def test_an_unwritable_folder_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(cache.ENV_VAR, str(blocker / "cache"))  # a folder under a file: never writable
    assert cache.store("thing", "k", 1) is False
    assert cache.cached("thing", "k", lambda: 7) == 7
    glossary._COMPILED.clear()
    rules, _ = glossary.compiled_glossary(ROOT / "glossary" / "trotsky.tsv")
    assert rules


def _edits(rules: tuple, text: str) -> list[tuple[int, int, str | None, str]]:
    doc = Document(text)
    return sorted((e.start, e.end, e.replacement, e.message) for r in rules for e in r.detector(doc))


def test_a_glossary_is_compiled_once_and_loaded_from_the_cache(folder: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 tmp_path: Path) -> None:
    gloss = tmp_path / "terms.tsv"
    gloss.write_text("term\tvariants\nGPU agent\tgepeur\nLenin\tLenipa\n", encoding="utf-8")
    text = "Two gepeurs met Lenipa; the Gepeur left."
    first, known = glossary.compiled_glossary(gloss)
    assert list(folder.glob("glossary-*.pickle"))
    glossary._COMPILED.clear()

    def no_parsing(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed again: the cache was not used")

    with monkeypatch.context() as m:
        m.setattr(glossary, "parse_glossary", no_parsing)
        second, known_again = glossary.compiled_glossary(gloss)
    assert [r.id for r in second] == [r.id for r in first] and known_again == known
    assert [r.params for r in second] == [r.params for r in first]
    assert _edits(second, text) == _edits(first, text) != []
    # a changed file misses the cache: its new terms count
    gloss.write_text("term\tvariants\nGPU agent\tgepeur\nLenin\tLenipo\n", encoding="utf-8")
    glossary._COMPILED.clear()
    changed, _ = glossary.compiled_glossary(gloss)
    assert _edits(changed, text) != _edits(first, text)
    assert _edits(changed, "Lenipo spoke.")


def test_a_corrupt_glossary_entry_is_rebuilt(folder: Path, tmp_path: Path) -> None:
    gloss = tmp_path / "terms.tsv"
    gloss.write_text("term\tvariants\nGPU agent\tgepeur\n", encoding="utf-8")
    first, _ = glossary.compiled_glossary(gloss)
    for entry in folder.glob("glossary-*.pickle"):
        entry.write_bytes(entry.read_bytes()[:40])
    glossary._COMPILED.clear()
    again, _ = glossary.compiled_glossary(gloss)
    assert _edits(again, "Two gepeurs.") == _edits(first, "Two gepeurs.") != []


def test_the_english_table_from_the_cache_is_the_shipped_one(folder: Path) -> None:
    from importlib import resources

    from cleanup import english

    data = (resources.files("cleanup") / "data" / "en-words.tsv.gz").read_bytes()
    english.table.cache_clear()
    try:
        built = english.table()
        assert (folder / "en-words.pickle").exists()
        english.table.cache_clear()
        assert english.table() == built == english._parse(data)
    finally:
        english.table.cache_clear()


def _check_json(env_cache: str, *args: str) -> object:
    env = dict(os.environ, **{cache.ENV_VAR: env_cache})
    out = subprocess.run(
        [sys.executable, "-m", "cleanup", "check", "--isolated", "--exit-zero", "-j", "1", "--format", "json", *args],
        capture_output=True, text=True, env=env, cwd=ROOT, check=True,
    ).stdout
    return json.loads(out)


def test_the_cache_changes_no_result(tmp_path: Path) -> None:
    """The sample with a glossary: without a cache, building it, and using it, edit for edit."""
    args = ("-g", "glossary", str(SAMPLE))
    without = _check_json("off", *args)
    folder = tmp_path / "cache"
    building = _check_json(str(folder), *args)
    names = {p.name.split("-")[0] for p in folder.glob("*.pickle")}
    assert {"regex", "en", "foreign", "glossary"} <= names
    using = _check_json(str(folder), *args)
    assert without == building == using
    assert without["files"][0]["edits"]  # type: ignore[index]
