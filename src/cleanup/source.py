"""READ and WRITE: bytes on disk to text and back, losing nothing.

A :class:`Source` remembers how its text was stored: the encoding, whether it
had a byte-order mark, and its line endings. cleanup works on text with ``\\n``
line endings (when a file consistently uses ``\\r\\n`` or ``\\r`` they are
turned into ``\\n`` on reading and back on writing; a file with mixed endings is
left exactly as it is). The final newline, or its absence, is part of the text
and so is kept.

Writing is atomic: the new content goes to a temporary file in the same folder,
which then replaces the original in one ``os.replace``, with the original's
permissions. An interrupted run leaves the old file or the new one, never half
of each.
"""

from __future__ import annotations

import codecs
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .model import CleanupError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True)
class Source:
    """A decoded text and how to encode it back exactly as it was."""

    name: str
    text: str
    encoding: str = "utf-8"
    bom: bytes = b""
    newline: str = "\n"

    def encode(self, text: str) -> bytes:
        """``text`` (with ``\\n`` line endings) as bytes in this source's format."""
        if self.newline != "\n":
            text = text.replace("\n", self.newline)
        return self.bom + text.encode(self.encoding)


def decode(data: bytes, name: str, encoding: str | None = None) -> Source:
    """Decode ``data`` read from ``name``; a clear error for binary or mis-encoded input.

    Without ``encoding``, a byte-order mark decides (UTF-8, UTF-16, UTF-32) and
    UTF-8 is assumed otherwise.

    >>> decode(b"\\xef\\xbb\\xbfa\\r\\nb\\r\\n", "x.txt")
    Source(name='x.txt', text='a\\nb\\n', encoding='utf-8', bom=b'\\xef\\xbb\\xbf', newline='\\r\\n')
    """
    bom = b""
    detected = encoding
    if encoding is None or encoding.lower().replace("_", "-") in ("utf-8", "utf8", "utf-16", "utf-32"):
        for mark, name_of_encoding in _BOMS:
            if data.startswith(mark):
                bom, detected = mark, name_of_encoding
                break
    detected = detected or "utf-8"
    body = data[len(bom) :]
    if b"\x00" in body[:8192] and not detected.startswith(("utf-16", "utf-32")):
        raise CleanupError(name, "looks like a binary file (it contains NUL bytes); not touched")
    try:
        text = body.decode(detected)
    except LookupError:
        raise CleanupError(name, f"unknown encoding {encoding!r}") from None
    except UnicodeDecodeError as exc:
        line = body[: exc.start].count(b"\n") + 1
        raise CleanupError(
            f"{name}:{line}",
            f"bytes not valid in {detected} at byte {exc.start + len(bom)}; "
            "give the right one with --encoding (e.g. cp1251); not touched",
        ) from None
    if "\x00" in text:
        raise CleanupError(name, "contains NUL characters; not touched")
    newline = _newline_of(text)
    if newline != "\n":
        text = text.replace(newline, "\n")
    return Source(name=name, text=text, encoding=detected, bom=bom, newline=newline)


def _newline_of(text: str) -> str:
    crlf = text.count("\r\n")
    cr = text.count("\r")
    lf = text.count("\n")
    if crlf and crlf == cr == lf:
        return "\r\n"
    if cr and not lf:
        return "\r"
    return "\n"


def read_file(path: Path, encoding: str | None = None) -> Source:
    """Read and decode ``path``; errors name the file."""
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise CleanupError(str(path), "is a directory") from None
    except FileNotFoundError:
        raise CleanupError(str(path), "no such file") from None
    except PermissionError:
        raise CleanupError(str(path), "permission denied (cannot read)") from None
    except OSError as exc:
        raise CleanupError(str(path), f"cannot read: {exc.strerror or exc}") from None
    return decode(data, str(path), encoding)


def check_writable(path: Path) -> None:
    """Raise when ``path`` must not be rewritten (read-only, or not a regular file)."""
    try:
        st = path.stat()
    except OSError as exc:
        raise CleanupError(str(path), f"cannot stat: {exc.strerror or exc}") from None
    if not stat.S_ISREG(st.st_mode):
        raise CleanupError(str(path), "not a regular file; not touched")
    # root may write anything, so the permission bits are what the user meant
    if not st.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(path, os.W_OK):
        raise CleanupError(str(path), "file is read-only; not touched")


def write_file(path: Path, source: Source, text: str) -> None:
    """Atomically replace ``path`` with ``text`` encoded as ``source`` was."""
    check_writable(path)
    try:
        data = source.encode(text)
    except UnicodeEncodeError as exc:
        raise CleanupError(
            str(path), f"the fixed text has {exc.object[exc.start:exc.end]!r}, which {source.encoding} cannot encode; not touched"
        ) from None
    mode = stat.S_IMODE(path.stat().st_mode)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".cleanup-tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise CleanupError(str(path), f"cannot write: {exc.strerror or exc}; not touched") from None
