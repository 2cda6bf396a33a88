"""Load the rule files: TOML data in, validated and compiled :class:`Rule` values out.

The built-in rules live in ``cleanup/rules/*.toml`` inside the package, one
*pack* per file or group of files. A file looks like this::

    pack = "core"
    opt-in = false                        # true: runs only when --select names it

    [[rule]]
    id = "spacing.before-punctuation"     # dotted, unique across all files
    kind = "regex"                        # one of cleanup.kinds.KIND_MODULES
    category = "spacing"
    tier = "safe"                         # safe | suggest | review
    description = "A space before , . ; : ! or ? left by the MT engine."
    message = "space before '{replacement}'"
    pattern = '(?<=\\w) +([,.;:!?])'      # every other key is a parameter of the kind
    replacement = '\\1'
    bad = [{ text = "in force .", fixed = "in force." }]
    good = ["Wait . . . what?"]

Every rule must carry examples: ``bad`` texts with the ``fixed`` text the rule
must produce (or the ``flagged`` text a review finding must cover), and ``good``
texts it must leave alone. The test-suite runs them all. Errors name the file,
the line of the rule and the problem.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import regex

from . import cache
from .kinds import compile_rule
from .model import CleanupError, Example, Rule, Tier

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_COMMON = {"id", "kind", "category", "tier", "message", "description", "bad", "good"}
_ID = regex.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)+")


def builtin_rule_files() -> list[tuple[str, str]]:
    """``(name, text)`` of every built-in rule file, in name order."""
    folder = resources.files("cleanup") / "rules"
    out = []
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if item.name.endswith(".toml"):
            out.append((f"cleanup/rules/{item.name}", item.read_text(encoding="utf-8")))
    return out


@lru_cache(maxsize=1)
def builtin_rules() -> tuple[Rule, ...]:
    """Every built-in rule, validated and compiled (once per process)."""
    rules: list[Rule] = []
    for name, text in builtin_rule_files():
        rules.extend(parse_rule_file(text, name))
    check_unique(rules)
    cache.save_regex()  # the first run stores the patterns it compiled (see cleanup.cache)
    return tuple(rules)


def load_rule_file(path: Path) -> tuple[Rule, ...]:
    """Load a user's rule file (same format as the built-in ones)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise CleanupError(str(path), f"cannot read the rule file: {reason}") from None
    return parse_rule_file(text, str(path))


def parse_rule_file(text: str, source: str) -> tuple[Rule, ...]:
    """Parse and compile the rules of one TOML file; ``source`` names it in errors."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CleanupError(source, f"not valid TOML: {exc}") from None
    pack = data.get("pack")
    if not isinstance(pack, str) or not pack:
        raise CleanupError(source, "missing 'pack = \"name\"' at the top of the file")
    opt_in = data.get("opt-in", False)
    if not isinstance(opt_in, bool):
        raise CleanupError(source, "'opt-in' must be true or false")
    raw_rules = data.get("rule", [])
    if not isinstance(raw_rules, list) or not raw_rules:
        raise CleanupError(source, "no [[rule]] tables")
    lines = _id_lines(text)
    return tuple(_parse_rule(raw, pack, source, lines, opt_in) for raw in raw_rules)


_ID_LINE = regex.compile(r"""(?m)^[ \t]*id[ \t]*=[ \t]*["']([^"'\n]+)["']""")


def _id_lines(text: str) -> dict[str, list[int]]:
    """The line of each ``id = "..."`` in a rule file, in order (an id written twice has two)."""
    lines: dict[str, list[int]] = {}
    line, counted = 1, 0
    for m in _ID_LINE.finditer(text):
        line += text.count("\n", counted, m.start())
        counted = m.start()
        lines.setdefault(m.group(1), []).append(line)
    return lines


def _parse_rule(raw: dict[str, Any], pack: str, source: str, lines: dict[str, list[int]], opt_in: bool = False) -> Rule:
    rule_id = raw.get("id")
    if not isinstance(rule_id, str):
        raise CleanupError(source, "a [[rule]] without a string 'id'")
    seen = lines.get(rule_id)
    line = seen.pop(0) if seen else None
    where = f"{source}:{line}" if line else source
    if not _ID.fullmatch(rule_id):
        raise CleanupError(where, f"rule id {rule_id!r} must be dotted lower-case words, e.g. 'spacing.before-colon'")
    for key in ("kind", "category", "message", "description"):
        if not isinstance(raw.get(key), str) or not raw[key]:
            raise CleanupError(where, f"rule {rule_id!r}: missing or empty {key!r}")
    try:
        tier = Tier(raw.get("tier"))
    except ValueError:
        raise CleanupError(where, f"rule {rule_id!r}: tier must be safe, suggest or review, not {raw.get('tier')!r}") from None
    rule = Rule(
        id=rule_id,
        kind=raw["kind"],
        category=raw["category"],
        tier=tier,
        message=raw["message"],
        description=raw["description"],
        pack=pack,
        source=where,
        params={k: v for k, v in raw.items() if k not in _COMMON},
        bad=tuple(_examples(raw.get("bad", []), where, rule_id)),
        good=tuple(_goods(raw.get("good", []), where, rule_id)),
        opt_in=opt_in,
    )
    return dataclasses.replace(rule, detector=compile_rule(rule))


def _examples(raw: Any, where: str, rule_id: str) -> Iterable[Example]:
    if not isinstance(raw, list):
        raise CleanupError(where, f"rule {rule_id!r}: 'bad' must be a list of tables")
    for item in raw:
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise CleanupError(where, f"rule {rule_id!r}: each 'bad' example needs a 'text'")
        if ("fixed" in item) == ("flagged" in item):
            raise CleanupError(where, f"rule {rule_id!r}: a 'bad' example needs exactly one of 'fixed' or 'flagged'")
        yield Example(item["text"], fixed=item.get("fixed"), flagged=item.get("flagged"))


def _goods(raw: Any, where: str, rule_id: str) -> Iterable[str]:
    if not isinstance(raw, list) or not all(isinstance(g, str) for g in raw):
        raise CleanupError(where, f"rule {rule_id!r}: 'good' must be a list of strings")
    return raw


def check_unique(rules: Sequence[Rule]) -> None:
    """Raise when two rules share an id."""
    seen: dict[str, str] = {}
    for rule in rules:
        if rule.id in seen:
            raise CleanupError(rule.source, f"rule id {rule.id!r} is already defined at {seen[rule.id]}")
        seen[rule.id] = rule.source


def select_rules(rules: Iterable[Rule], select: Sequence[str], ignore: Sequence[str]) -> tuple[Rule, ...]:
    """The rules that ``select`` picks and ``ignore`` does not drop.

    An empty ``select`` picks every rule except those of opt-in packs, which
    run only when ``select`` names them.
    """
    return tuple(
        r
        for r in rules
        if (any(r.matches(p) for p in select) if select or r.opt_in else True)
        and not any(r.matches(p) for p in ignore)
    )
