"""Clean a corpus that outgrows one machine: the same pipeline, spread over a Dask cluster.

``cleanup corpus SRC DST`` (the ``dask`` extra) turns SRC into a list of
*documents* (:func:`enumerate_documents`): the text files of a folder, the
files a glob matches, or, with ``--lines FILE``, each line of a
text-per-line file (its path is ``FILE:LINENO``). Each document goes through
:func:`clean_document`, a pure function of the document that reads it, cleans
it with :func:`cleanup.pipeline.clean_source` and writes the cleaned text
atomically under DST with the same relative path (the file's encoding, BOM and
line endings kept), then a *done marker* under ``DST/.cleanup-corpus/done/``
holding the source's size and mtime and the edits. It returns a small record
(path, bytes, edits as dicts, or an error string): one bad document is an
error record, never the end of the run.

:func:`run_corpus` skips the documents already done (output present and a
marker with the source's current size and mtime), so a stopped run resumes;
runs the rest as a Dask bag (a ``LocalCluster`` by default, or the cluster at
``scheduler``); and rebuilds from the markers, in document order, the edits
log ``DST/cleanup-edits.jsonl`` and the summary ``DST/cleanup-summary.json``.
Dask is imported only inside :func:`run_corpus`: without it the rest of
cleanup is unaffected.
"""

from __future__ import annotations

import glob as globbing
import hashlib
import importlib
import json
import os
import tempfile
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import Config
from .model import CleanupError
from .pipeline import clean_source
from .source import Source, decode, read_file
from .walk import walk_folder

#: the folder under DST holding the run's bookkeeping (hidden: folder walks skip it)
STATE = ".cleanup-corpus"
EDITS_LOG = "cleanup-edits.jsonl"
SUMMARY = "cleanup-summary.json"
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".mdown", ".mkd", ".rst"})
NEEDS_DASK = "cleanup corpus needs the dask extra: pip install 'cleanup[dask]'"


class DaskMissing(RuntimeError):
    """Dask (or distributed) is not installed."""


@dataclass(frozen=True)
class Document:
    """One unit of work: a file, or one line of a text-per-line file."""

    path: str  #: the file's path, or ``FILE:LINENO``
    relative: str  #: where its output goes, relative to DST
    size: int  #: the source file's size and mtime when listed (resume key)
    mtime_ns: int
    line: int = 0  #: for ``--lines``: the 1-based line number, else 0
    source_file: str = ""  #: for ``--lines``: the text-per-line file
    offset: int = 0  #: for ``--lines``: where the line starts in it, in bytes


@dataclass
class Record:
    """What cleaning one document gave: its size, its edits, or an error."""

    path: str
    bytes: int = 0
    edits: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None
    skipped: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "bytes": self.bytes, "edits": self.edits, "error": self.error}


def _has_magic(part: str) -> bool:
    return any(c in part for c in "*?[")


def _glob_base(pattern: str) -> Path:
    """The folder a glob's matches are relative to: its leading parts without wildcards."""
    parts = Path(pattern).parts
    fixed: list[str] = []
    for part in parts[:-1]:
        if _has_magic(part):
            break
        fixed.append(part)
    return Path(*fixed) if fixed else Path(".")


def _stat_key(path: Path) -> tuple[int, int]:
    st = os.stat(path)
    return st.st_size, st.st_mtime_ns


def enumerate_documents(src: str, lines: bool = False) -> Iterator[Document | CleanupError]:
    """The documents SRC stands for (a folder, a glob, or with ``lines`` a text-per-line file), sorted.

    A file that cannot be listed (gone, unreadable folder) gives a :class:`CleanupError`.
    """
    if lines:
        path = Path(src)
        try:
            size, mtime = _stat_key(path)
            with path.open("rb") as handle:  # one pass: each line's byte offset, so a worker seeks straight to it
                offsets = [0]
                for raw in handle:
                    offsets.append(offsets[-1] + len(raw))
        except OSError as exc:
            yield CleanupError(src, f"cannot read: {exc.strerror or exc}")
            return
        count = len(offsets) - 1
        width = max(6, len(str(count)))
        for number in range(1, count + 1):
            yield Document(f"{src}:{number}", f"{STATE}/lines/{number:0{width}d}.txt", size, mtime, number, src,
                           offsets[number - 1])
        return
    root = Path(src)
    if root.is_dir():
        candidates: Iterator[Path | CleanupError] = walk_folder(root, TEXT_SUFFIXES)
        base = root
    elif _has_magic(src):
        base = _glob_base(src)
        candidates = iter(sorted(Path(p) for p in globbing.glob(src, recursive=True) if Path(p).is_file()))
    elif root.is_file():
        base = root.parent
        candidates = iter([root])
    else:
        yield CleanupError(src, "no such file, folder or matching glob")
        return
    for item in candidates:
        if isinstance(item, CleanupError):
            yield item
            continue
        try:
            size, mtime = _stat_key(item)
        except OSError as exc:
            yield CleanupError(str(item), f"cannot open: {exc.strerror or exc}")
            continue
        yield Document(str(item), item.relative_to(base).as_posix(), size, mtime)


def _marker(dst: Path, doc: Document) -> Path:
    digest = hashlib.sha256(doc.path.encode("utf-8", "surrogateescape")).hexdigest()[:32]
    return dst / STATE / "done" / f"{digest}.json"


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
        tmp = ""
    finally:
        if tmp:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _read_document(doc: Document, encoding: str | None) -> Source:
    if not doc.line:
        return read_file(Path(doc.path), encoding)
    with Path(doc.source_file).open("rb") as handle:
        handle.seek(doc.offset)
        raw = handle.readline()
    source = decode(raw.rstrip(b"\r\n"), doc.path, encoding)
    return Source(doc.path, source.text, source.encoding, b"", "\n")  # one line: no BOM


def fingerprint(config: Config, encoding: str | None) -> str:
    """What the options that shape the output look like: a done marker holds it, so other options redo the work."""
    return hashlib.sha256(repr((config, encoding)).encode("utf-8")).hexdigest()[:16]


def clean_document(doc: Document, dst: str, config: Config, encoding: str | None = None) -> dict[str, Any]:
    """Read, clean and write one document under ``dst``; its record as a dict (never raises for bad input)."""
    record = Record(doc.path, bytes=doc.size if not doc.line else 0)
    try:
        source = _read_document(doc, encoding)
        if doc.line:
            record.bytes = len(source.text.encode("utf-8"))
        result = clean_source(source, config)
        record.edits = [
            {"file": doc.path, "span": [e.start, e.end], "start": e.start, "end": e.end, "rule": e.rule_id,
             "tier": e.tier.value, "replacement": e.replacement, "original": e.original}
            for e in result.edits
        ]
        text = result.text.replace("\n", " ") if doc.line else result.text  # a line stays one line
        try:
            data = source.encode(text)
        except UnicodeEncodeError as exc:
            raise CleanupError(doc.path, f"the fixed text cannot be encoded in {source.encoding}: {exc.reason}") from None
        root = Path(dst)
        _write_atomically(root / doc.relative, data)
        marker = {"path": doc.path, "size": doc.size, "mtime_ns": doc.mtime_ns, "options": fingerprint(config, encoding),
                  "record": record.to_dict()}
        _write_atomically(_marker(root, doc), json.dumps(marker, ensure_ascii=False).encode("utf-8"))
    except CleanupError as exc:
        record.error = str(exc)
    except OSError as exc:
        record.error = f"{doc.path}: {exc.strerror or exc}"
    except Exception as exc:  # noqa: BLE001  one bad document never stops the run
        record.error = f"{doc.path}: {type(exc).__name__}: {exc}"
    return record.to_dict()


def _done_record(dst: Path, doc: Document, options: str) -> dict[str, Any] | None:
    """The record of a document already done with this very source (same size and mtime) and options, else None."""
    if not (dst / doc.relative).is_file():
        return None
    try:
        marker = json.loads(_marker(dst, doc).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if marker.get("path") != doc.path or marker.get("size") != doc.size or marker.get("mtime_ns") != doc.mtime_ns \
            or marker.get("options") != options:
        return None
    record = marker.get("record")
    return record if isinstance(record, dict) else None


@dataclass
class CorpusRun:
    """The outcome of :func:`run_corpus`."""

    records: list[dict[str, Any]]
    processed: list[str]
    skipped: list[str]
    summary: dict[str, Any]

    @property
    def errors(self) -> dict[str, str]:
        return {r["path"]: r["error"] for r in self.records if r.get("error")}


def _client(scheduler: str | None, workers: int) -> tuple[Any, Any]:
    try:  # imported as Any: dask's types are partial, and the extra may be absent where mypy runs
        distributed: Any = importlib.import_module("distributed")
    except ImportError:
        raise DaskMissing(NEEDS_DASK) from None
    if scheduler:
        return distributed.Client(scheduler), None
    cluster = distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
    return distributed.Client(cluster), cluster


def _compute(documents: Sequence[Document], dst: Path, config: Config, encoding: str | None,
             scheduler: str | None, workers: int) -> list[dict[str, Any]]:
    try:
        db: Any = importlib.import_module("dask.bag")
    except ImportError:
        raise DaskMissing(NEEDS_DASK) from None
    if not documents:
        return []
    client, cluster = _client(scheduler, workers)
    try:
        bag = db.from_sequence(list(documents), npartitions=min(len(documents), max(1, workers) * 4))
        results = bag.map(clean_document, dst=str(dst), config=config, encoding=encoding).compute()
        return [dict(r) for r in results]
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _assemble_lines(dst: Path, documents: Sequence[Document], lines_file: str, errored: set[str]) -> None:
    """Join the cleaned lines (in order) into DST/<name of the text-per-line file>."""
    out: list[bytes] = []
    with Path(lines_file).open("rb") as originals:  # one pass over the source, beside the cleaned parts
        for doc, raw in zip(documents, originals):
            # an errored line keeps its original, so the file keeps its line numbering
            part = dst / doc.relative
            out.append(raw.rstrip(b"\r\n") if doc.path in errored or not part.is_file() else part.read_bytes())
    _write_atomically(dst / Path(lines_file).name, b"".join(line + b"\n" for line in out))


def run_corpus(src: str, dst: str | Path, config: Config | None = None, *, lines: bool = False,
               encoding: str | None = None, scheduler: str | None = None, workers: int = 2) -> CorpusRun:
    """Clean every document of SRC into DST on a Dask cluster; resume what an earlier run left undone.

    Raises :class:`DaskMissing` without dask, and :class:`CleanupError` when SRC
    names nothing or DST lies inside the SRC folder.
    """
    config = config or Config()
    for module in ("dask.bag", "distributed"):  # before anything is listed or created
        try:
            importlib.import_module(module)
        except ImportError:
            raise DaskMissing(NEEDS_DASK) from None
    root = Path(dst)
    if not lines and Path(src).is_dir():
        inside = Path(os.path.realpath(root))
        if inside == Path(os.path.realpath(src)) or Path(os.path.realpath(src)) in inside.parents:
            raise CleanupError(str(dst), "the output folder must not be inside the source folder")
    listed = list(enumerate_documents(src, lines))
    documents = [d for d in listed if isinstance(d, Document)]
    listing_errors = [e for e in listed if isinstance(e, CleanupError)]
    if not documents and listing_errors and len(listing_errors) == len(listed):
        raise listing_errors[0]
    root.mkdir(parents=True, exist_ok=True)
    done: dict[str, dict[str, Any]] = {}
    todo: list[Document] = []
    options = fingerprint(config, encoding)
    for doc in documents:
        record = _done_record(root, doc, options)
        if record is None:
            todo.append(doc)
        else:
            done[doc.path] = record
    fresh = {r["path"]: r for r in _compute(todo, root, config, encoding, scheduler, workers)}
    records: list[dict[str, Any]] = []
    for doc in documents:
        records.append(done.get(doc.path) or fresh.get(doc.path) or Record(doc.path, error=f"{doc.path}: no result").to_dict())
    records += [Record(e.where, error=str(e)).to_dict() for e in listing_errors]
    if lines and documents:
        _assemble_lines(root, documents, src, {r["path"] for r in records if r.get("error")})
    _write_atomically(root / EDITS_LOG, "".join(
        json.dumps(edit, ensure_ascii=False) + "\n" for r in records for edit in r.get("edits", [])
    ).encode("utf-8"))
    per_rule = Counter(edit["rule"] for r in records for edit in r.get("edits", []))
    summary = {
        "files": len(documents),
        "processed": len(todo),
        "skipped": len(done),
        "mb": round(sum(int(r.get("bytes", 0)) for r in records if not r.get("error")) / 1e6, 6),
        "edits": sum(per_rule.values()),
        "edits_per_rule": dict(sorted(per_rule.items())),
        "errors": {r["path"]: r["error"] for r in records if r.get("error")},
    }
    _write_atomically(root / SUMMARY, (json.dumps(summary, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    return CorpusRun(records, [d.path for d in todo], sorted(done), summary)


__all__ = ["CorpusRun", "DaskMissing", "Document", "NEEDS_DASK", "clean_document", "enumerate_documents", "run_corpus"]
