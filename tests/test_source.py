"""Reading and writing files loses nothing: encodings, BOMs, line endings, final newline."""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

import pytest

from cleanup import CleanupError, clean_file

DIRTY = "It remains in force .\nThe real real sponsors.\n"
FIXED = "It remains in force.\nThe real sponsors.\n"


@pytest.mark.parametrize(
    ("encoding", "bom", "newline"),
    [
        ("utf-8", b"", "\n"),
        ("utf-8", codecs.BOM_UTF8, "\n"),
        ("utf-8", b"", "\r\n"),
        ("utf-8", codecs.BOM_UTF8, "\r\n"),
        ("utf-16-le", codecs.BOM_UTF16_LE, "\r\n"),
        ("utf-16-be", codecs.BOM_UTF16_BE, "\n"),
        ("utf-8", b"", "\r"),
    ],
)
def test_fix_keeps_encoding_bom_and_line_endings(tmp_path: Path, encoding: str, bom: bytes, newline: str) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(bom + DIRTY.replace("\n", newline).encode(encoding))
    outcome = clean_file(path)
    assert outcome.written
    assert path.read_bytes() == bom + FIXED.replace("\n", newline).encode(encoding)


def test_cp1251_with_explicit_encoding(tmp_path: Path) -> None:
    path = tmp_path / "ru.txt"
    path.write_bytes("Ленин said so .\n".encode("cp1251"))
    clean_file(path, encoding="cp1251")
    assert path.read_bytes() == "Ленин said so.\n".encode("cp1251")


def test_missing_final_newline_stays_missing(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("in force .", encoding="utf-8")
    clean_file(path)
    assert path.read_bytes() == b"in force."


def test_mixed_line_endings_are_left_exactly(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"one .\r\ntwo\nthree\r\n")
    clean_file(path)
    assert path.read_bytes() == b"one.\r\ntwo\nthree\r\n"


def test_unchanged_file_is_not_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Clean text.\n", encoding="utf-8")
    before = path.stat().st_mtime_ns
    outcome = clean_file(path)
    assert not outcome.written and path.stat().st_mtime_ns == before


def test_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "b.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    with pytest.raises(CleanupError, match="binary file"):
        clean_file(path)


def test_invalid_bytes_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "c.txt"
    data = "ok\n".encode() + "Ленин\n".encode("cp1251")
    path.write_bytes(data)
    with pytest.raises(CleanupError, match=r"c\.txt:2: bytes not valid in utf-8.*--encoding"):
        clean_file(path)
    assert path.read_bytes() == data


def test_read_only_file_is_untouched(tmp_path: Path) -> None:
    path = tmp_path / "ro.txt"
    path.write_text(DIRTY, encoding="utf-8")
    path.chmod(stat.S_IRUSR | stat.S_IRGRP)
    with pytest.raises(CleanupError, match="read-only"):
        clean_file(path)
    assert path.read_text(encoding="utf-8") == DIRTY


def test_permissions_survive_the_atomic_rename(tmp_path: Path) -> None:
    path = tmp_path / "p.txt"
    path.write_text(DIRTY, encoding="utf-8")
    path.chmod(0o640)
    clean_file(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["p.txt"]  # no temporary file left behind


def test_failed_write_leaves_the_original(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.txt"
    path.write_text(DIRTY, encoding="utf-8")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(CleanupError, match="No space left on device"):
        clean_file(path)
    assert path.read_text(encoding="utf-8") == DIRTY
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_directory_and_missing_paths(tmp_path: Path) -> None:
    with pytest.raises(CleanupError, match="is a directory"):
        clean_file(tmp_path)
    with pytest.raises(CleanupError, match="no such file"):
        clean_file(tmp_path / "nope.txt")
