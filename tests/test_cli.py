"""The command line: exit codes, formats, in-place fixing, stdin, and every bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleanup.cli import main

DIRTY = "It remains in force .\nThe real real sponsors.\n"
FIXED = "It remains in force.\nThe real sponsors.\n"


def run(*args: str, input: str | bytes | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["--help"] if not args else list(args), input=input, catch_exceptions=False)


@pytest.fixture
def dirty(tmp_path: Path) -> Path:
    path = tmp_path / "dirty.txt"
    path.write_text(DIRTY, encoding="utf-8")
    return path


@pytest.fixture
def clean(tmp_path: Path) -> Path:
    path = tmp_path / "clean.txt"
    path.write_text("A clean text.\n", encoding="utf-8")
    return path


def test_check_reports_file_line_col_and_exits_1(dirty: Path) -> None:
    result = run("check", "--isolated", str(dirty))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == f"{dirty}:1:20: spacing.before-punctuation [safe] space before punctuation"
    assert lines[1] == f"{dirty}:2:9: repeat.word [safe] repeated word 'real'"
    assert dirty.read_text(encoding="utf-8") == DIRTY


def test_check_clean_exits_0(clean: Path) -> None:
    result = run("check", "--isolated", str(clean))
    assert result.exit_code == 0 and result.stdout == ""


def test_check_json(dirty: Path) -> None:
    result = run("check", "--isolated", "--format", "json", str(dirty))
    data = json.loads(result.stdout)
    assert data["version"] == 2
    (entry,) = data["files"]
    assert entry["changed"] is True
    assert [(e["rule"], e["line"], e["column"], e["applied"]) for e in entry["edits"]] == [
        ("spacing.before-punctuation", 1, 20, True),
        ("repeat.word", 2, 9, True),
    ]


def test_fix_in_place_exit_1_then_0(dirty: Path) -> None:
    assert run("fix", "--isolated", str(dirty)).exit_code == 1
    assert dirty.read_text(encoding="utf-8") == FIXED
    assert run("fix", "--isolated", str(dirty)).exit_code == 0


def test_fix_diff_writes_nothing(dirty: Path) -> None:
    result = run("fix", "--isolated", "--diff", "--no-color", str(dirty))
    assert result.exit_code == 1
    assert "-It remains in force .\n-The real real sponsors.\n+It remains in force.\n+The real sponsors.\n" in result.stdout
    assert dirty.read_text(encoding="utf-8") == DIRTY


def test_fix_word_diff(dirty: Path) -> None:
    result = run("fix", "--isolated", "--diff=word", "--no-color", str(dirty))
    assert "1:20 spacing.before-punctuation\n    …It remains in force[- -].…" in result.stdout
    assert "[- real-]" in result.stdout
    assert dirty.read_text(encoding="utf-8") == DIRTY


def test_diff_command_and_colour(dirty: Path) -> None:
    plain = run("diff", "--isolated", "--no-color", str(dirty))
    coloured = run("diff", "--isolated", "--color", str(dirty))
    assert plain.exit_code == coloured.exit_code == 1
    assert "\x1b[" not in plain.stdout and "\x1b[31m" in coloured.stdout


def test_fix_stdout_writes_nothing(dirty: Path) -> None:
    result = run("fix", "--isolated", "--stdout", str(dirty))
    assert result.exit_code == 1 and result.stdout == FIXED
    assert dirty.read_text(encoding="utf-8") == DIRTY


def test_stdin_to_stdout() -> None:
    result = run("fix", "--isolated", "-", input=DIRTY)
    assert result.exit_code == 1 and result.stdout == FIXED


def test_select_ignore_and_unsafe(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    text = "A letter from tov. Rakovsky came in force .\n"
    path.write_text(text, encoding="utf-8")
    # 'tov.' -> 'comrade' is a suggestion: applied only with --unsafe-fixes
    assert run("fix", "--isolated", "--stdout", "--select", "ru-en.abbrev.comrade", str(path)).stdout == text
    assert run("fix", "--isolated", "--stdout", "--unsafe-fixes", "--select", "ru-en.abbrev.comrade", str(path)).stdout == (
        "A letter from comrade Rakovsky came in force .\n")
    assert run("fix", "--isolated", "--stdout", "--ignore", "ru-en", str(path)).stdout == text.replace(" .", ".")
    assert run("fix", "--isolated", "--stdout", "--ignore", "spacing,ru-en", str(path)).stdout == text


def test_directory_expands_to_text_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(DIRTY, encoding="utf-8")
    (tmp_path / "b.md").write_text(DIRTY, encoding="utf-8")
    (tmp_path / "c.py").write_text(DIRTY, encoding="utf-8")
    assert run("fix", "--isolated", str(tmp_path)).exit_code == 1
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == FIXED
    assert (tmp_path / "b.md").read_text(encoding="utf-8") == FIXED
    assert (tmp_path / "c.py").read_text(encoding="utf-8") == DIRTY


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.txt", "no such file or directory"),
        (lambda d: (d / "empty").mkdir() or d / "empty", "a directory with no text files"),
        (lambda d: (d / "bin.txt").write_bytes(b"\x00\x01\x02") and d / "bin.txt", "looks like a binary file"),
        (lambda d: (d / "cp.txt").write_bytes("Ленин".encode("cp1251")) and d / "cp.txt", "bytes not valid in utf-8"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, make, message: str) -> None:  # type: ignore[no-untyped-def]
    path = make(tmp_path)
    for command in ("check", "fix"):
        result = run(command, "--isolated", str(path))
        assert result.exit_code == 2
        assert result.stderr.count("\n") == 1 and message in result.stderr
        assert str(path) in result.stderr and "Traceback" not in result.stderr


def test_read_only_file_exit_2_untouched(dirty: Path) -> None:
    dirty.chmod(0o444)
    result = run("fix", "--isolated", str(dirty))
    assert result.exit_code == 2 and "read-only" in result.stderr
    assert dirty.read_text(encoding="utf-8") == DIRTY


def test_unreadable_file_exit_2(dirty: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def deny(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", deny)
    result = run("check", "--isolated", str(dirty))
    assert result.exit_code == 2 and "permission denied" in result.stderr


def test_encoding_option(tmp_path: Path) -> None:
    path = tmp_path / "cp.txt"
    path.write_bytes("Ленин is here .\n".encode("cp1251"))
    assert run("fix", "--isolated", "--encoding", "cp1251", str(path)).exit_code == 1
    assert path.read_bytes() == "Ленин is here.\n".encode("cp1251")
    bad = run("fix", "--isolated", "--encoding", "klingon", str(path))
    assert bad.exit_code == 2 and "unknown encoding" in bad.stderr


def test_errors_in_one_file_do_not_stop_the_others(tmp_path: Path, dirty: Path) -> None:
    result = run("fix", "--isolated", str(tmp_path / "nope.txt"), str(dirty))
    assert result.exit_code == 2
    result = run("fix", "--isolated", str(dirty), str(tmp_path / "bin.txt"))
    assert result.exit_code == 2 and dirty.read_text(encoding="utf-8") == FIXED


def test_malformed_pyproject_config(tmp_path: Path, dirty: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.cleanup]\nunknown-key = 1\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("check", str(dirty))
    assert result.exit_code == 2 and "unknown key(s): unknown-key" in result.stderr


def test_pyproject_config_is_used(tmp_path: Path, dirty: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.cleanup]\nignore = ["repeat"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert run("fix", "--stdout", str(dirty)).stdout == "It remains in force.\nThe real real sponsors.\n"
    assert run("fix", "--stdout", "--isolated", str(dirty)).stdout == FIXED


def test_rules_lists_every_rule() -> None:
    from cleanup.rules import builtin_rules

    result = run("rules", "--format", "json")
    listed = json.loads(result.stdout)
    assert {r["id"] for r in listed} == {r.id for r in builtin_rules()}
    text = run("rules").stdout
    assert any(line.split()[:2] == ["spacing.before-punctuation", "safe"] for line in text.splitlines())


def test_explain() -> None:
    result = run("explain", "repeat.word")
    assert result.exit_code == 0 and "miserable miserable" in result.stdout
    assert run("explain", "no.such-rule").exit_code == 2


def test_usage_error_is_exit_2() -> None:
    assert run("fix").exit_code == 2
    assert run("check", "--format", "xml", "x").exit_code == 2


@pytest.mark.parametrize("entry", [["cleanup"], [sys.executable, "-m", "cleanup"]])
def test_real_subprocess(entry: list[str], dirty: Path) -> None:
    proc = subprocess.run([*entry, "fix", "--isolated", "--stdout", str(dirty)], capture_output=True, text=True)
    assert proc.returncode == 1 and proc.stdout == FIXED
    proc = subprocess.run([*entry, "fix", "--isolated", "-"], input=DIRTY, capture_output=True, text=True)
    assert proc.returncode == 1 and proc.stdout == FIXED
    proc = subprocess.run([*entry, "check", "--isolated", str(dirty.parent / "none.txt")], capture_output=True, text=True)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_glossary_option_drives_fixes_and_names_the_row(tmp_path: Path) -> None:
    gloss = tmp_path / "terms.tsv"
    gloss.write_text("term\tvariants\taction\nLenin\tLenipa\tauto\n", encoding="utf-8")
    text = tmp_path / "t.txt"
    text.write_text("The teachings of Marx and Lenipa's heirs.\n", encoding="utf-8")
    result = run("fix", "--isolated", "--stdout", "-g", str(gloss), str(text))
    assert result.stdout == "The teachings of Marx and Lenin's heirs.\n"
    check = run("check", "--isolated", "-g", str(gloss), str(text))
    assert f"glossary.terms [safe] glossary: 'Lenipa's' -> 'Lenin's' ({gloss}:2" in check.stdout


def test_glossary_from_pyproject(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "g").mkdir()
    (tmp_path / "g" / "terms.tsv").write_text("term\tvariants\nJoffe\tIoffe\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.cleanup]\nglossary = ["g"]\n', encoding="utf-8")
    (tmp_path / "t.txt").write_text("the late Ioffe\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert run("fix", "--stdout", "t.txt").stdout == "the late Joffe\n"


def test_malformed_glossary_is_exit_2_with_file_and_line(tmp_path: Path, dirty: Path) -> None:
    gloss = tmp_path / "bad.tsv"
    gloss.write_text("term\tvariants\taction\nLenin\tLenipa\tsometimes\n", encoding="utf-8")
    result = run("fix", "--isolated", "-g", str(gloss), str(dirty))
    assert result.exit_code == 2 and f"{gloss}:2" in result.stderr and "Traceback" not in result.stderr
    assert dirty.read_text(encoding="utf-8") == DIRTY
    missing = run("check", "--isolated", "-g", str(tmp_path / "none.tsv"), str(dirty))
    assert missing.exit_code == 2 and "no such glossary" in missing.stderr


def test_glossary_check_command(tmp_path: Path) -> None:
    good = tmp_path / "good.tsv"
    good.write_text("term\tvariants\nLenin\tLenipa\n", encoding="utf-8")
    assert run("glossary", "check", str(good)).exit_code == 0
    chained = tmp_path / "chain.tsv"
    chained.write_text("term\tvariants\nLenin\tLenipa\nLenipa\tLenipo\n", encoding="utf-8")
    result = run("glossary", "check", str(chained))
    assert result.exit_code == 1 and "chain.tsv:3" in result.stdout
    assert run("glossary", "check", str(tmp_path / "nope.tsv")).exit_code == 2


def test_the_project_glossary_is_clean() -> None:
    from .conftest import ROOT

    result = run("glossary", "check", str(ROOT / "glossary"))
    assert result.exit_code == 0, result.stdout


def test_eval_command(tmp_path: Path) -> None:
    mt = tmp_path / "mt.txt"
    gold = tmp_path / "gold.txt"
    mt.write_text("It remains in force . The real real end, said Ioffe and Joffe.\n", encoding="utf-8")
    gold.write_text("It remains in force. The real end, said Joffe and Joffe.\n", encoding="utf-8")
    result = run("eval", "--isolated", "--format", "json", str(mt), str(gold))
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert "spacing.before-punctuation" in json.dumps(data) and "repeat.word" in json.dumps(data)
    text = run("eval", "--isolated", str(mt), str(gold)).stdout
    assert "safe (cleanup fix)" in text
    edits = tmp_path / "gold.jsonl"
    edits.write_text('{"start": 19, "end": 21, "replacement": "."}\n', encoding="utf-8")
    assert run("eval", "--isolated", "--edits", str(mt), str(edits)).exit_code == 0
    edits.write_text('{"start": 19, "end"\n', encoding="utf-8")
    bad = run("eval", "--isolated", "--edits", str(mt), str(edits))
    assert bad.exit_code == 2 and str(edits) in bad.stderr
    assert run("eval", "--isolated", str(mt), str(tmp_path / "none.txt")).exit_code == 2


def test_exit_zero_forgives_findings_but_not_errors(dirty: Path, tmp_path: Path) -> None:
    assert run("check", "--isolated", "--exit-zero", str(dirty)).exit_code == 0
    assert run("diff", "--isolated", "--exit-zero", str(dirty)).exit_code == 0
    assert run("fix", "--isolated", "--exit-zero", "--stdout", str(dirty)).exit_code == 0
    assert run("check", "--isolated", "--exit-zero", str(tmp_path / "none.txt")).exit_code == 2


def test_check_reports_names_spelled_differently_across_files(tmp_path: Path) -> None:
    one = tmp_path / "one.txt"
    two = tmp_path / "two.txt"
    one.write_text("Joffe arrived in Berlin. Joffe spoke. Joffe left for Moscow.\n", encoding="utf-8")
    two.write_text("In Tokyo, Ioffe met the minister and returned.\n", encoding="utf-8")
    result = run("check", "--isolated", str(one), str(two))
    assert result.exit_code == 1
    (line,) = [l for l in result.stdout.splitlines() if l.startswith("book:")]
    assert "most often 'Joffe'" in line and f"'Ioffe' 1× in {two}" in line and f"'Joffe' 3× in {one}" in line
    alone = run("check", "--isolated", str(one))
    assert "book:" not in alone.stdout and alone.exit_code == 0
    ignored = run("check", "--isolated", "--ignore", "ru-en.names", str(one), str(two))
    assert "book:" not in ignored.stdout
    data = json.loads(run("check", "--isolated", "--format", "json", str(one), str(two)).stdout)
    (across,) = data["across_files"]
    assert across["rule"] == "names.across-files" and across["tier"] == "review" and "Ioffe" in across["message"]
    assert [(loc["path"], loc["original"]) for loc in across["locations"]] == [
        (str(one), "Joffe"), (str(one), "Joffe"), (str(one), "Joffe"), (str(two), "Ioffe")]
    text = two.read_text(encoding="utf-8")
    last = across["locations"][-1]
    assert text[last["start"]:last["end"]] == "Ioffe" and (last["line"], last["column"]) == (1, 11)


# --- rule files of the user's own (--rules, [tool.cleanup] rules) -------------------------

HOUSE_RULES = '''pack = "house"

[[rule]]
id = "house.towards"
kind = "words"
category = "style"
tier = "safe"
description = "The house writes 'toward'."
message = "house style: 'toward'"
swap = { towards = "toward" }
bad = [{ text = "They walked towards the river.", fixed = "They walked toward the river." }]
good = ["They walked toward the river."]
'''


def test_a_rule_file_of_ones_own_runs_beside_the_built_in_rules(tmp_path: Path) -> None:
    rules = tmp_path / "house.toml"
    rules.write_text(HOUSE_RULES, encoding="utf-8")
    text = tmp_path / "a.txt"
    text.write_text("They walked towards the river .\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["fix", "--isolated", "--rules", str(rules), "--stdout", str(text)])
    assert result.exit_code in (0, 1) and result.stdout == "They walked toward the river.\n"
    ignored = CliRunner().invoke(main, ["fix", "--isolated", "--rules", str(rules), "--ignore", "house", "--stdout", str(text)])
    assert ignored.stdout == "They walked towards the river.\n"
    without = CliRunner().invoke(main, ["fix", "--isolated", "--stdout", str(text)])
    assert without.stdout == "They walked towards the river.\n"


def test_pyproject_names_rule_files_relative_to_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "style").mkdir()
    (tmp_path / "style" / "house.toml").write_text(HOUSE_RULES, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.cleanup]\nrules = ["style/house.toml"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("They walked towards the river.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "a.txt"])
    assert result.exit_code == 1 and "house.towards" in result.stdout


def test_a_bad_rule_file_is_one_line_naming_it(tmp_path: Path) -> None:
    text = tmp_path / "a.txt"
    text.write_text("A text.\n", encoding="utf-8")
    missing = CliRunner().invoke(main, ["check", "--isolated", "--rules", str(tmp_path / "no.toml"), str(text)])
    assert missing.exit_code == 2 and missing.stderr.strip() == f"cleanup: error: {tmp_path / 'no.toml'}: cannot read the rule file: No such file or directory"
    clash = tmp_path / "clash.toml"
    clash.write_text(HOUSE_RULES.replace('id = "house.towards"', 'id = "spacing.before-punctuation"'), encoding="utf-8")
    taken = CliRunner().invoke(main, ["check", "--isolated", "--rules", str(clash), str(text)])
    assert taken.exit_code == 2 and "already defined" in taken.stderr and "Traceback" not in taken.stderr
    assert len(taken.stderr.strip().splitlines()) == 1
