"""Kind ``languagetool``: LanguageTool as an optional second opinion.

LanguageTool knows English grammar far better than any rule list, but it is a
Java server of several hundred megabytes, slow to start, and its automatic
corrections are not reliable enough to apply unseen. So cleanup treats it as
a reviewer: its matches become ``review`` findings, with LanguageTool's first
suggestion as the proposal.

The kind is in the opt-in ``languagetool`` pack: it runs only with
``--select languagetool``, against the server named by the ``server``
parameter or the ``CLEANUP_LANGUAGETOOL_SERVER`` environment variable (for
example ``http://localhost:8081``, a LanguageTool server you run yourself).
cleanup never downloads LanguageTool: with no server configured, the rule
stops with an error that says how to configure one; a server that is down,
refuses or answers nonsense is one line naming it (exit 2), never a traceback.

What is sent: the rule's ``language`` (``en-US``), its ``mother_tongue``
(``ru``: it switches on LanguageTool's Russian–English false-friend rules,
category ``FALSE_FRIENDS``), and the filtering itself, so the server runs only
the rule's ``categories`` (``enabledCategories`` with ``enabledOnly``) minus
its ``disabled_rules``. The answer is filtered the same way once more, in case
a server ignores a parameter.

The text goes out in paragraph-aligned chunks of at most ``max_chars``
characters (default 20,000, what public servers accept per request); a
paragraph longer than that is cut at a line break, else after a sentence,
else at a space. Match offsets are mapped back to the whole text; matches in
protected spans are dropped.

Both generations of the ``language-tool-python`` client work: 2.x matches
carry ``ruleId``/``errorLength``, 3.x ``rule_id``/``error_length``; the fields
are read by whichever name the match has.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

import regex

from ..model import CleanupError, Document, Edit, Rule
from . import Detector, make_edit, param

ENV_SERVER = "CLEANUP_LANGUAGETOOL_SERVER"

#: what public LanguageTool servers accept in one request (characters)
DEFAULT_MAX_CHARS = 20_000


class Checker(Protocol):
    """What cleanup needs of a LanguageTool client: ``check(text)`` returning matches."""

    def check(self, text: str) -> list[Any]: ...


@dataclass(frozen=True)
class Settings:
    """Everything a checker is made from: where the server is, and what to ask it."""

    server: str
    language: str
    mother_tongue: str
    categories: frozenset[str]
    disabled_rules: frozenset[str]


def _language_tool_python(settings: Settings) -> Checker:
    try:
        import language_tool_python
    except ImportError:
        raise CleanupError(
            "languagetool", "the languagetool pack needs language-tool-python: pip install 'cleanup[languagetool]'"
        ) from None
    # positional: the keyword is motherTongue in 2.x and mother_tongue in 3.x
    tool = language_tool_python.LanguageTool(
        settings.language, settings.mother_tongue or None, remote_server=settings.server
    )
    # the filtering goes into the request (both generations have these attributes)
    if settings.categories:
        tool.enabled_categories = set(settings.categories)
        tool.enabled_rules_only = True
    tool.disabled_rules = set(settings.disabled_rules)
    checker: Checker = tool
    return checker


#: how a checker is made from its settings; tests replace it with a recorded one
checker_factory: Callable[[Settings], Checker] = _language_tool_python


def _field(match: Any, *names: str) -> Any:
    """The first of ``names`` that ``match`` has (2.x and 3.x clients name fields differently)."""
    for name in names:
        value = getattr(match, name, None)
        if value is not None:
            return value
    if isinstance(match, dict):  # a raw /v2/check match
        for name in names:
            if name in match:
                return match[name]
    raise AttributeError(names[0])


def read_match(match: Any) -> tuple[int, int, str, str, str, list[str]]:
    """``(offset, length, rule id, category, message, replacements)`` of a client's match.

    >>> class Two: ruleId, errorLength, offset, category, message, replacements = "R", 2, 5, "GRAMMAR", "m", ["x"]
    >>> class Three: rule_id, error_length, offset, category, message, replacements = "R", 2, 5, "GRAMMAR", "m", ["x"]
    >>> read_match(Two()) == read_match(Three()) == (5, 2, "R", "GRAMMAR", "m", ["x"])
    True
    """
    offset = int(_field(match, "offset"))
    length = int(_field(match, "error_length", "errorLength", "length"))
    rule_id = _field(match, "rule_id", "ruleId")
    category = getattr(match, "category", None)
    if isinstance(rule_id, dict):  # a raw match: rule = {id, category: {id}}
        category = rule_id.get("category", {}).get("id", "")
        rule_id = rule_id.get("id", "")
    message = str(getattr(match, "message", "") or "")
    replacements = [r if isinstance(r, str) else str(r.get("value", "")) for r in (getattr(match, "replacements", None) or [])]
    return offset, length, str(rule_id), str(category or "").upper(), message, replacements


_BREAKS = (regex.compile(r"\n\s*\n"), regex.compile(r"\n"), regex.compile(r"[.!?…][)\"'”’»]*\s+"), regex.compile(r"\s+"))


def chunks(text: str, limit: int = DEFAULT_MAX_CHARS) -> Iterator[tuple[int, str]]:
    """``(offset, piece)`` for consecutive pieces of ``text``, each at most ``limit`` characters.

    Pieces end at a paragraph break where one fits, else at a line break,
    else after a sentence, else after a space, else (one enormous word) at the
    limit. Joined, they give the text back.

    >>> list(chunks("One.\\n\\nTwo two.\\n\\nThree.", 12))
    [(0, 'One.\\n\\n'), (6, 'Two two.\\n\\n'), (16, 'Three.')]
    >>> "".join(p for _, p in chunks("a" * 25, 10))
    'aaaaaaaaaaaaaaaaaaaaaaaaa'
    """
    pos = 0
    while len(text) - pos > limit:
        window = text[pos : pos + limit]
        cut = 0
        for pattern in _BREAKS:
            ends = [m.end() for m in pattern.finditer(window)]
            if ends and ends[-1] > 0:
                cut = ends[-1]
                break
        if cut == 0:
            cut = limit
        yield pos, text[pos : pos + cut]
        pos += cut
    if pos < len(text):
        yield pos, text[pos:]


def _one_line(exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    text = lines[0] if lines else type(exc).__name__
    return text[:200]


def compile(rule: Rule) -> Detector:
    """Compile a ``languagetool`` rule into a detector."""
    categories = frozenset(c.upper() for c in param(rule, "categories", list, []))
    disabled = frozenset(param(rule, "disabled_rules", list, []))
    language = param(rule, "language", str, "en-US")
    mother_tongue = param(rule, "mother_tongue", str, "ru")
    configured = param(rule, "server", str, "")
    max_chars = param(rule, "max_chars", int, DEFAULT_MAX_CHARS)
    if max_chars < 100:
        raise CleanupError(rule.source, f"rule {rule.id!r}: 'max_chars' must be at least 100")
    checkers: dict[str, Checker] = {}

    def detect(doc: Document) -> Iterator[Edit]:
        server = configured or os.environ.get(ENV_SERVER, "")
        if not server:
            raise CleanupError(
                rule.source,
                f"rule {rule.id!r} needs a LanguageTool server: set {ENV_SERVER}=http://host:port "
                "(cleanup never downloads LanguageTool)",
            )
        try:
            if server not in checkers:
                checkers[server] = checker_factory(Settings(server, language, mother_tongue, categories, disabled))
            answers = [(offset, checkers[server].check(piece)) for offset, piece in chunks(doc.text, max_chars)]
        except CleanupError:
            raise
        except Exception as exc:  # the client raises its own errors, requests', OSError, JSON errors...
            raise CleanupError(
                f"LanguageTool server {server}", f"no usable answer ({_one_line(exc)}); is it running?"
            ) from None
        for base, matches in answers:
            for match in matches:
                try:
                    offset, length, rule_id, category, message, replacements = read_match(match)
                except (AttributeError, TypeError, ValueError):
                    raise CleanupError(
                        f"LanguageTool server {server}", f"a match cleanup cannot read: {match!r:.200}"
                    ) from None
                if categories and category not in categories or rule_id in disabled:
                    continue
                start = base + offset
                end = start + length
                if not 0 <= start <= end <= len(doc.text) or doc.is_protected(start, end):
                    continue
                proposal = replacements[0] if replacements else None
                yield make_edit(rule, doc, start, end, proposal, message=f"LanguageTool {rule_id}: {message}")

    return detect
