"""Inputs that are legal but hostile (issue 11, item 5): each is one line, never a
traceback or a hang: a TBX nested 100,000 deep, a glossary with a cycle, a rule
pattern that backtracks catastrophically; and reST literals are protected.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from cleanup import CleanupError, Config, clean_text

from .test_reliability import DIRTY, dirty, one_error_line, run  # noqa: F401 - the fixture too


def test_a_tbx_nested_100000_deep_is_one_line(tmp_path: Path, dirty: Path) -> None:
    deep = tmp_path / "deep.tbx"
    deep.write_text("<martif><text><body>" + "<x>" * 100_000 + "</x>" * 100_000 + "</body></text></martif>", encoding="utf-8")
    line = one_error_line(run("fix", "--isolated", "-g", str(deep), str(dirty)))
    assert f"{deep}:1: XML nested more than" in line
    assert dirty.read_text(encoding="utf-8") == DIRTY
    from cleanup.glossary import check_paths

    (problem,) = check_paths([deep])  # the linter reports it too, without a RecursionError
    assert "nested more than" in str(problem)


def test_a_glossary_with_a_cycle_is_refused_at_load(tmp_path: Path, dirty: Path) -> None:
    glossary = tmp_path / "cycle.tsv"
    glossary.write_text("term\tvariants\taction\nalpha\tbeta\tauto\nbeta\talpha\tauto\n", encoding="utf-8")
    line = one_error_line(run("fix", "--isolated", "-g", str(glossary), str(dirty)))
    assert "a cycle of replacements: " in line and f"({glossary}:2)" in line and f"({glossary}:3)" in line
    assert "fix would change the text back and forth on every run" in line
    assert dirty.read_text(encoding="utf-8") == DIRTY
    with pytest.raises(CleanupError, match="a cycle of replacements"):
        clean_text("alpha", Config(glossaries=(glossary,)))


@pytest.mark.parametrize("kind", ["regex", "remove-line"])
def test_a_catastrophic_user_pattern_times_out_naming_its_rule(kind: str) -> None:
    from cleanup.rules import parse_rule_file

    (rule,) = parse_rule_file(
        f'pack = "mine"\n[[rule]]\nid = "mine.slow"\nkind = "{kind}"\ncategory = "x"\ntier = "review"\n'
        'description = "d"\nmessage = "m"\npattern = \'(a|aa)+$\'\ntimeout = 0.2\n'
        'bad = [{ text = "aa", flagged = "aa" }]\ngood = ["b"]\n',
        "mine.toml",
    )
    from cleanup.segment import segment

    started = time.monotonic()
    with pytest.raises(CleanupError, match=r"mine.toml:3: rule 'mine.slow': its pattern ran out of time on x.txt"):
        list(rule.detector(segment("a" * 64 + "b", path="x.txt")))
    assert time.monotonic() - started < 30


RST = """Prose with a gap .

An example::

    value = first ,second
    total  =  value .

.. code-block:: python

   x  =  1 .

Back to prose , with ``a ,b`` inline and the real real point .
"""


def test_rest_literal_blocks_and_inline_literals_are_protected(tmp_path: Path) -> None:
    path = tmp_path / "doc.rst"
    path.write_text(RST, encoding="utf-8")
    assert run("fix", "--isolated", str(path)).exit_code == 1
    assert path.read_text(encoding="utf-8") == RST.replace("gap .", "gap.").replace("prose ,", "prose,").replace(
        "real real point .", "real point.")
    plain = clean_text(RST, path="doc.txt").text  # a .txt file has no literals: all of it is prose
    assert "first, second" in plain or "total = value." in plain or "x = 1." in plain or "x  =  1." in plain


def test_glossary_check_refuses_a_fifo_instead_of_blocking(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    fifo = tmp_path / "terms.tsv"
    os.mkfifo(fifo)
    proc = subprocess.run([sys.executable, "-m", "cleanup", "glossary", "check", str(fifo)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1 and f"{fifo}: not a regular file" in proc.stdout
