"""``cleanup review`` driven through a real pseudo-terminal: keys in, the file and the ledger checked."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleanup.cli import main

from .conftest import SAMPLE_RULES

pexpect = pytest.importorskip("pexpect", reason="pexpect comes with the test extras")

TEXT = (
    "A letter came from tov. Rakovsky in March.\n"
    "It remains in force .\n"
    "The door was shut, and he turned the key in the castle twice.\n"
    "A second note came from tov. Sosnovsky later.\n"
)
PROMPT = r"Accept this change \[y,n,e,s,a,d,u,q,\?\]\? $"


def _spawn(folder: Path, *args: str) -> pexpect.spawn:
    child = pexpect.spawn(sys.executable, ["-m", "cleanup", "review", "--rules", str(SAMPLE_RULES),
                                            "--decisions", "ledger.jsonl", *args],
                          cwd=str(folder), encoding="utf-8", timeout=60, dimensions=(40, 200))
    return child


def _ledger(folder: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in (folder / "ledger.jsonl").read_text(encoding="utf-8").splitlines()]


def test_accept_reject_undo_edit_skip_then_the_file_and_the_ledger(tmp_path: Path) -> None:
    (tmp_path / "ch1.txt").write_text(TEXT, encoding="utf-8")
    child = _spawn(tmp_path, "ch1.txt")
    child.expect(r"\[1/3\] \S*ch1.txt:1:20")
    child.expect(r"ru-en.abbrev.comrade \S*\[suggest\]")
    child.expect(r"from \S*\[-tov.-\]\S*\{\+comrade\+\}")  # the word diff (coloured on a terminal)
    child.expect(PROMPT)
    child.sendline("y")
    child.expect(r"\[2/3\] \S*ch1.txt:3:49")
    child.expect(PROMPT)
    child.sendline("u")  # undo the acceptance: back to the first item
    child.expect("undid 1 decision")
    child.expect(r"\[1/3\]")
    child.expect(PROMPT)
    child.sendline("n")
    child.expect(r"\[2/3\]")
    child.expect(PROMPT)
    child.sendline("?")
    child.expect("undo the last decision")
    child.expect(PROMPT)
    child.sendline("e")
    child.expect("Replacement for 'castle'")
    child.sendline("lock")
    child.expect(r"\[3/3\]")
    child.expect(PROMPT)
    child.sendline("s")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert (tmp_path / "ch1.txt").read_text(encoding="utf-8") == TEXT.replace(" .\n", ".\n").replace("the castle", "the lock")
    ledger = _ledger(tmp_path)
    assert [(d["rule"], d["decision"], d["replacement"]) for d in ledger] == [
        ("ru-en.abbrev.comrade", "rejected", "comrade"), ("trotsky-sample.calque.lock", "accepted", "lock")]
    # the rejected change is not proposed again; the skipped one is, and 'q' saves
    again = _spawn(tmp_path, "ch1.txt")
    again.expect(r"\[1/1\] \S*ch1.txt:4:25")
    again.expect(PROMPT)
    again.sendline("y")
    again.expect(pexpect.EOF)
    again.close()
    assert (tmp_path / "ch1.txt").read_text(encoding="utf-8").endswith("from comrade Sosnovsky later.\n")
    assert "from tov. Rakovsky" in (tmp_path / "ch1.txt").read_text(encoding="utf-8")
    assert CliRunner().invoke(main, ["check", "--rules", str(SAMPLE_RULES), "--decisions", str(tmp_path / "ledger.jsonl"),
                                     str(tmp_path / "ch1.txt")]).exit_code == 0


def test_d_rejects_every_later_change_of_the_rule_and_q_saves(tmp_path: Path) -> None:
    text = "From tov. Rakovsky and tov. Sosnovsky and tov. Radek came letters .\nThe door key was in the castle.\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    child = _spawn(tmp_path, "a.txt")
    child.expect(r"\[1/4\]")
    child.expect(PROMPT)
    child.sendline("s")
    child.expect(r"\[2/4\]")
    child.expect(PROMPT)
    child.sendline("d")
    child.expect("rejected 2 change")
    child.expect(r"\[4/4\] \S*a.txt:2:")
    child.expect(PROMPT)
    child.sendline("q")
    child.expect(pexpect.EOF)
    child.close()
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == text.replace(" .\n", ".\n")
    assert [d["decision"] for d in _ledger(tmp_path)] == ["rejected", "rejected"]


def test_without_a_terminal_review_exits_2_with_one_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(main, ["review", str(tmp_path / "a.txt")])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "needs a terminal" in result.stderr
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == TEXT
