"""``cleanup corpus``: the pipeline over a corpus on a Dask LocalCluster, resumable, one bad file never fatal.

One LocalCluster of two worker *processes* (processes=True, as in real use: the
documents and the config are pickled to the workers) is started for the whole
module and every run reaches it through ``scheduler=`` / ``--scheduler``.
"""

from __future__ import annotations

import json
import os
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleanup.cli import main
from cleanup.config import Config
from cleanup.corpus import EDITS_LOG, STATE, SUMMARY, enumerate_documents, run_corpus
from cleanup.pipeline import clean_file, clean_text

distributed = pytest.importorskip("distributed")

DIRTY = "The the meeting was held  in Moscow .\nIt was  a good day , really.\n"
CLEAN = "A plain sentence stays as it is.\n"


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    try:
        yield str(cluster.scheduler_address)
    finally:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            cluster.close()


def _corpus(root: Path) -> Path:
    src = root / "src"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_text(DIRTY, encoding="utf-8")
    (src / "clean.md").write_text(CLEAN, encoding="utf-8")
    (src / "sub" / "crlf.txt").write_bytes(DIRTY.replace("\n", "\r\n").encode("utf-8"))
    (src / "sub" / "bom.txt").write_bytes(b"\xef\xbb\xbf" + DIRTY.encode("utf-8"))
    (src / "sub" / "bad.txt").write_bytes(b"caf\xe9 is not UTF-8  here .\n")
    (src / "notes.bin").write_bytes(b"\x00\x01")  # not a text suffix: not a document
    return src


def _outputs(dst: Path) -> dict[str, bytes]:
    return {p.relative_to(dst).as_posix(): p.read_bytes() for p in sorted(dst.rglob("*"))
            if p.is_file() and not p.relative_to(dst).as_posix().startswith(STATE) and not p.name.startswith("cleanup-")}


def test_a_corpus_is_cleaned_logged_summarised_and_resumed(tmp_path: Path, scheduler: str) -> None:
    src, dst = _corpus(tmp_path), tmp_path / "out"
    run = run_corpus(str(src), dst, scheduler=scheduler)

    good = ["a.txt", "clean.md", "sub/bom.txt", "sub/crlf.txt"]
    assert sorted(_outputs(dst)) == good
    for rel in good:  # byte for byte what `fix` would write: encoding, BOM and line endings kept
        fixed = clean_file(src / rel, write=False)
        assert (dst / rel).read_bytes() == fixed.source.encode(fixed.result.text)
    assert (dst / "sub/crlf.txt").read_bytes().count(b"\r\n") == 2
    assert (dst / "clean.md").read_text(encoding="utf-8") == CLEAN
    assert (src / "a.txt").read_text(encoding="utf-8") == DIRTY  # the source is never touched

    # the bad file is an error entry; the rest of the run went on
    assert list(run.errors) == [str(src / "sub" / "bad.txt")]
    assert "not valid in utf-8" in run.errors[str(src / "sub" / "bad.txt")]

    log = [json.loads(line) for line in (dst / EDITS_LOG).read_text(encoding="utf-8").splitlines()]
    expected = clean_text(DIRTY).edits
    assert len(log) == 3 * len(expected)
    first = [e for e in log if e["file"] == str(src / "a.txt")]
    assert [(e["span"], e["rule"], e["tier"], e["replacement"]) for e in first] == [
        ([e.start, e.end], e.rule_id, e.tier.value, e.replacement) for e in expected]
    assert all(DIRTY[e["start"]:e["end"]] == e["original"] for e in first)

    summary = json.loads((dst / SUMMARY).read_text(encoding="utf-8"))
    assert summary["files"] == 5 and summary["processed"] == 5 and summary["skipped"] == 0
    assert summary["edits"] == len(log)
    assert summary["edits_per_rule"] == {r: 3 * [e.rule_id for e in expected].count(r) for r in {e.rule_id for e in expected}}
    assert list(summary["errors"]) == [str(src / "sub" / "bad.txt")]
    assert summary["mb"] == pytest.approx(sum((src / r).stat().st_size for r in good) / 1e6)

    # a second run skips every document done, retries the bad one, and writes the same log
    mtimes = {rel: (dst / rel).stat().st_mtime_ns for rel in good}
    again = run_corpus(str(src), dst, scheduler=scheduler)
    assert again.processed == [str(src / "sub" / "bad.txt")]
    assert sorted(again.skipped) == sorted(str(src / r) for r in good)
    assert {rel: (dst / rel).stat().st_mtime_ns for rel in good} == mtimes
    assert [json.loads(line) for line in (dst / EDITS_LOG).read_text(encoding="utf-8").splitlines()] == log

    # an interrupted run: one output gone, one marker gone, one source changed -> only those are redone
    (dst / "a.txt").unlink()
    markers = sorted((dst / STATE / "done").iterdir())
    assert len(markers) == 4
    crlf_marker = next(m for m in markers if json.loads(m.read_text(encoding="utf-8"))["path"].endswith("crlf.txt"))
    crlf_marker.unlink()
    (src / "clean.md").write_text(CLEAN + "Another line  here.\n", encoding="utf-8")
    resumed = run_corpus(str(src), dst, scheduler=scheduler)
    assert sorted(resumed.processed) == sorted(str(src / r) for r in ["a.txt", "clean.md", "sub/crlf.txt", "sub/bad.txt"])
    assert resumed.skipped == [str(src / "sub" / "bom.txt")]
    assert (dst / "clean.md").read_text(encoding="utf-8") == CLEAN + "Another line here.\n"
    assert (dst / "a.txt").read_bytes() == clean_file(src / "a.txt", write=False).source.encode(clean_text(DIRTY).text)


def test_a_glob_keeps_paths_relative_to_its_fixed_part(tmp_path: Path, scheduler: str) -> None:
    src, dst = _corpus(tmp_path), tmp_path / "out"
    run = run_corpus(str(src / "**" / "*.txt"), dst, scheduler=scheduler)
    assert sorted(_outputs(dst)) == ["a.txt", "sub/bom.txt", "sub/crlf.txt"]
    assert len(run.errors) == 1


def test_lines_mode_cleans_each_line_as_a_document(tmp_path: Path, scheduler: str) -> None:
    lines = ["The the meeting was held  in Moscow .", CLEAN.strip(), "It was  a good day , really."]
    data = tmp_path / "docs.txt"
    data.write_bytes(("\n".join(lines) + "\n").encode("utf-8") + b"bad \xe9 line\n")
    docs = [d for d in enumerate_documents(str(data), lines=True)]
    assert [getattr(d, "path", None) for d in docs] == [f"{data}:{n}" for n in range(1, 5)]

    dst = tmp_path / "out"
    run = run_corpus(str(data), dst, lines=True, scheduler=scheduler)
    out = (dst / "docs.txt").read_bytes().split(b"\n")
    assert out[:3] == [clean_text(line).text.encode("utf-8") for line in lines]
    assert out[3] == b"bad \xe9 line"  # an errored line stays as it was, so line numbers hold
    assert list(run.errors) == [f"{data}:4"]
    log = [json.loads(x) for x in (dst / EDITS_LOG).read_text(encoding="utf-8").splitlines()]
    assert {e["file"] for e in log} == {f"{data}:1", f"{data}:3"}
    assert run_corpus(str(data), dst, lines=True, scheduler=scheduler).processed == [f"{data}:4"]


def test_the_cli(tmp_path: Path, scheduler: str) -> None:
    src, dst = _corpus(tmp_path), tmp_path / "out"
    runner = CliRunner()
    result = runner.invoke(main, ["corpus", str(src), str(dst), "--scheduler", scheduler])
    assert result.exit_code == 1, result.output  # the bad file
    assert "bad.txt" in result.stderr and "5 documents" in result.stderr
    assert (dst / "a.txt").read_text(encoding="utf-8") == clean_text(DIRTY).text

    (src / "sub" / "bad.txt").unlink()
    result = runner.invoke(main, ["corpus", str(src), str(dst), "--scheduler", scheduler])
    assert result.exit_code == 0, result.output
    assert "(0 cleaned, 4 already done)" in result.stderr
    # other rule options make other outputs: nothing counts as done
    result = runner.invoke(main, ["corpus", str(src), str(dst), "--scheduler", scheduler, "--ignore", "spacing"])
    assert result.exit_code == 0, result.output
    assert "(4 cleaned, 0 already done)" in result.stderr
    assert (dst / "a.txt").read_text(encoding="utf-8") == clean_text(DIRTY, _no_spacing()).text

    fresh = tmp_path / "fresh"
    result = runner.invoke(main, ["corpus", str(src), str(fresh), "--scheduler", scheduler, "--ignore", "spacing"])
    assert result.exit_code == 0
    assert (fresh / "a.txt").read_text(encoding="utf-8") == clean_text(DIRTY, _no_spacing()).text
    rules = json.loads((fresh / SUMMARY).read_text(encoding="utf-8"))["edits_per_rule"]
    assert rules and not any(r.startswith("spacing") for r in rules)


def _no_spacing() -> Config:
    return Config(ignore=("spacing",))


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    runner = CliRunner()
    src = _corpus(tmp_path)
    assert runner.invoke(main, ["corpus", str(tmp_path / "nothing"), str(tmp_path / "o")]).exit_code == 2
    inside = runner.invoke(main, ["corpus", str(src), str(src / "out")])
    assert inside.exit_code == 2 and "inside the source folder" in inside.stderr
    assert runner.invoke(main, ["corpus", str(tmp_path / "o")]).exit_code == 2  # neither SRC nor --lines
    assert not (src / "out").exists()


def test_without_dask_one_line_and_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    real = importlib.import_module

    def no_dask(name: str, package: str | None = None) -> object:
        if name.split(".")[0] in ("dask", "distributed"):
            raise ImportError(name)
        return real(name, package)

    monkeypatch.setattr(importlib, "import_module", no_dask)
    result = CliRunner().invoke(main, ["corpus", str(_corpus(tmp_path)), str(tmp_path / "o")])
    assert result.exit_code == 2
    assert result.stderr.strip() == "cleanup corpus needs the dask extra: pip install 'cleanup[dask]'"
    assert not os.path.exists(tmp_path / "o")  # nothing created
