"""The README's table of built-in rules is the rule files' own: no tier or rule goes stale there."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_readme_lists_every_built_in_rule_with_its_tier() -> None:
    spec = importlib.util.spec_from_file_location("readme_rules", ROOT / "tools" / "readme_rules.py")
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start, end = tool.readme_table(text)
    assert text[start:end] == tool.table(), "run: python tools/readme_rules.py --write"
