"""Print the README's table of built-in rules (id, tier, kind, file), or check it.

    python tools/readme_rules.py            # print the table
    python tools/readme_rules.py --write    # replace the table in README.md

tests/test_readme_rules.py fails when the README's table is not this one.
"""

from __future__ import annotations

import sys
from pathlib import Path

from cleanup.rules import builtin_rules

README = Path(__file__).resolve().parent.parent / "README.md"
HEADER = "| rule | tier | kind | file |\n| --- | --- | --- | --- |\n"


def table() -> str:
    """The table, one row a built-in rule, in the order of the rule files."""
    rows = []
    for rule in builtin_rules():
        file = rule.source.rsplit("/", 1)[-1].split(":")[0]
        rows.append(f"| `{rule.id}` | {rule.tier.value} | {rule.kind} | {file} |\n")
    return HEADER + "".join(rows)


def readme_table(text: str) -> tuple[int, int]:
    """Where the table stands in the README's ``text``: (start, end)."""
    start = text.index(HEADER)
    end = text.index("\n\n", start) + 1
    return start, end


def main() -> None:
    text = README.read_text(encoding="utf-8")
    if "--write" in sys.argv[1:]:
        start, end = readme_table(text)
        README.write_text(text[:start] + table() + text[end:], encoding="utf-8")
    else:
        sys.stdout.write(table())


if __name__ == "__main__":
    main()
