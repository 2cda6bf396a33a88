"""A finding is one line of the text report, whatever the text it covers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


def test_a_glossary_match_across_a_line_break_is_reported_on_one_line(tmp_path: Path) -> None:
    glossary = tmp_path / "terms.tsv"
    glossary.write_text("term\tvariants\taction\tcase\tnote\n"
                        "Supreme Soviet\tHighest Council\treview\texact\tВерховный Совет\n", encoding="utf-8")
    text = tmp_path / "text.txt"
    text.write_text("The decree of the Highest\nCouncil was read aloud.\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "cleanup", "check", "--isolated", "-g", str(glossary), str(text)],
                         capture_output=True, text=True, check=False)
    findings = [line for line in run.stdout.splitlines() if "glossary" in line]
    assert len(findings) == 1, run.stdout
    assert findings[0].startswith(f"{text}:1:") and "Highest Council" in findings[0]


def test_ctrl_c_in_check_exits_130_with_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from cleanup import cli

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_run", interrupted)
    text = tmp_path / "a.txt"
    text.write_text("In force .\n", encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["check", "--isolated", str(text)])
    assert result.exit_code == 130
    assert result.stderr.count("\n") == 1 and "interrupted: nothing was written" in result.stderr
    assert "Aborted!" not in result.output and "Traceback" not in result.stderr
