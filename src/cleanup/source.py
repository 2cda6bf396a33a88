"""READ and WRITE: bytes on disk to text and back, losing nothing.

A :class:`Source` remembers how its text was stored: the encoding, whether it
had a byte-order mark, and its line endings. cleanup works on text with ``\\n``
line endings (when a file consistently uses ``\\r\\n`` or ``\\r`` they are
turned into ``\\n`` on reading and back on writing; a file with mixed endings is
left exactly as it is). The final newline, or its absence, is part of the text
and so is kept.

Writing is atomic: the new content goes to a temporary file in the same folder
(``.NAME.cleanup-tmp-PID``), which then replaces the original in one
``os.replace``, with the original's permissions, owner, group and extended
attributes. An interrupted run leaves the old file or the new one, never half
of each; on SIGINT/SIGTERM the command line removes the temporary file, and a
later run removes those a killed run left (:func:`remove_stale_temporaries`).
"""

from __future__ import annotations

import codecs
import os
import re
import signal
import stat
from collections.abc import Iterator
from contextlib import contextmanager
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
    if not bom and detected is not None and detected.lower().replace("_", "-") in ("utf-16", "utf-32"):
        # no BOM to say the byte order: little-endian, and written back without a BOM
        detected = detected.lower().replace("_", "-") + "-le"
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
    """Read and decode ``path``; errors name the file.

    Only a regular file (or a link to one) is read: a FIFO, a device or a
    socket is refused before it is opened, since opening one can block for ever.
    """
    with _reading(path):
        st = os.stat(path)
    if stat.S_ISDIR(st.st_mode):
        raise CleanupError(str(path), "is a directory")
    if not stat.S_ISREG(st.st_mode):
        raise CleanupError(str(path), f"not a regular file ({_kind_of(st.st_mode)}); not read")
    with _reading(path):
        data = path.read_bytes()
    return decode(data, str(path), encoding)


@contextmanager
def _reading(path: Path) -> Iterator[None]:
    """Turn the OS's errors while reading ``path`` into one line naming it."""
    try:
        yield
    except IsADirectoryError:
        raise CleanupError(str(path), "is a directory") from None
    except FileNotFoundError:
        raise CleanupError(str(path), "no such file") from None
    except PermissionError:
        raise CleanupError(str(path), "permission denied (cannot read)") from None
    except OSError as exc:
        raise CleanupError(str(path), f"cannot read: {exc.strerror or exc}") from None


def _kind_of(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a file"


def check_writable(path: Path) -> None:
    """Raise when ``path`` must not be rewritten (read-only, not a regular file, hard-linked)."""
    try:
        st = path.stat()
    except OSError as exc:
        raise CleanupError(str(path), f"cannot stat: {exc.strerror or exc}") from None
    if not stat.S_ISREG(st.st_mode):
        raise CleanupError(str(path), "not a regular file; not touched")
    # root may write anything, so the permission bits are what the user meant
    if not st.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(path, os.W_OK):
        raise CleanupError(str(path), "file is read-only; not touched")
    if st.st_nlink > 1:
        # a rename would leave the other names with the old text, and rewriting
        # the inode in place could leave it half-written: refuse instead
        raise CleanupError(
            str(path),
            f"has {st.st_nlink} hard links, which an atomic rewrite would break; not touched "
            "(use --stdout, or copy the file to break the link)",
        )


#: the suffix of cleanup's temporary files: ``.NAME.cleanup-tmp-PID``
TMP_MARK = ".cleanup-tmp-"
_TMP_NAME = re.compile(r"^\..*\.cleanup-tmp-(\d+)(?:-\d+)?$")
#: temporary files this process has created and not yet renamed (removed on an interrupt)
_PENDING: set[str] = set()


def _temporary(folder: Path, name: str) -> tuple[int, str]:
    """Create ``folder/.NAME.cleanup-tmp-PID`` exclusively; the name is cut so it fits in 255 bytes."""
    stem = name
    while len(f".{stem}{TMP_MARK}{os.getpid()}-99".encode("utf-8", "surrogateescape")) > 255:
        stem = stem[: len(stem) // 2]
    for attempt in range(100):
        suffix = f"-{attempt}" if attempt else ""
        tmp = os.path.join(folder, f".{stem}{TMP_MARK}{os.getpid()}{suffix}")
        signals = (signal.SIGINT, signal.SIGTERM)
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, signals)  # created and registered, or neither
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            _PENDING.add(tmp)
            return fd, tmp
        except FileExistsError:
            continue
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
    raise CleanupError(str(folder), "cannot create a temporary file (too many left over?); not touched")


def remove_pending() -> list[str]:
    """Remove the temporary files of writes this process has not finished (on SIGINT/SIGTERM)."""
    removed = []
    for tmp in sorted(_PENDING):
        try:
            os.unlink(tmp)
            removed.append(tmp)
        except OSError:
            pass
    _PENDING.clear()
    return removed


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Remove cleanup's temporary files in ``folder`` left by runs that were killed.

    A temporary file names the process that made it; one whose process is no
    longer running is left over from an interrupted run (``kill -9``, a crash,
    a power cut), and the original beside it is intact.
    """
    removed: list[Path] = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        m = _TMP_NAME.match(name)
        if m is None or TMP_MARK not in name:
            continue
        pid = int(m.group(1))
        if pid == os.getpid() and os.path.join(folder, name) in _PENDING:
            continue
        if pid != os.getpid() and _alive(pid):
            continue
        try:
            os.unlink(folder / name)
            removed.append(folder / name)
        except OSError:
            pass
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, owned by someone else
    return True


def write_file(path: Path, source: Source, text: str) -> None:
    """Atomically replace ``path`` with ``text`` encoded as ``source`` was.

    A symbolic link is written through: its target is rewritten and the link
    stays a link. The new file keeps the original's mode, owner, group and
    extended attributes; a hard-linked file is refused (see :func:`check_writable`).
    Every failure (a read-only folder, a full disk, no free inodes, a name too
    long) raises :class:`CleanupError` with the original untouched and no
    temporary file left behind.
    """
    target = Path(os.path.realpath(path))
    where = str(path)
    check_writable(target)
    try:
        data = source.encode(text)
    except UnicodeEncodeError as exc:
        raise CleanupError(
            where, f"the fixed text has {exc.object[exc.start:exc.end]!r}, which {source.encoding} cannot encode; not touched"
        ) from None
    tmp = ""
    try:
        st = target.stat()
        fd, tmp = _temporary(target.parent, target.name)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            _keep_metadata(out.fileno(), st, target)
            os.fsync(out.fileno())
        os.replace(tmp, target)
        _PENDING.discard(tmp)
        tmp = ""
    except OSError as exc:
        raise CleanupError(where, f"cannot write: {exc.strerror or exc}; not touched") from None
    finally:
        if tmp:
            _PENDING.discard(tmp)
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _keep_metadata(fd: int, st: os.stat_result, original: Path) -> None:
    """Give the new file (open as ``fd``) the original's owner, group, mode and extended attributes."""
    now = os.fstat(fd)
    if (now.st_uid, now.st_gid) != (st.st_uid, st.st_gid):
        try:
            os.fchown(fd, st.st_uid, st.st_gid)
        except PermissionError:
            if now.st_uid != st.st_uid:
                raise OSError(0, f"cannot keep the file's owner (uid {st.st_uid}) in a rewrite") from None
            try:
                os.fchown(fd, -1, st.st_gid)  # a user may give a file to any of their groups
            except PermissionError:
                raise OSError(0, f"cannot keep the file's group (gid {st.st_gid}) in a rewrite") from None
    os.fchmod(fd, stat.S_IMODE(st.st_mode))
    _copy_xattrs(original, fd)


def _copy_xattrs(original: Path, fd: int) -> None:
    if not hasattr(os, "listxattr"):  # pragma: no cover - not Linux
        return
    try:
        names = os.listxattr(original)
    except OSError:
        return  # the file system has none
    for name in names:
        try:
            os.setxattr(fd, name, os.getxattr(original, name))
        except OSError:
            if name.startswith("user."):
                raise  # the user's own attributes must survive
            # security.* / trusted.* may need privileges the user lacks; the
            # file system sets its own (e.g. an SELinux label) on the new file
