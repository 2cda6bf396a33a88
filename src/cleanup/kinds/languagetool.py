"""Kind ``languagetool``: LanguageTool as an optional second opinion.

LanguageTool knows English grammar far better than any rule list, but it is a
Java server of several hundred megabytes, slow to start, and its automatic
corrections are not reliable enough to apply unseen. So cleanup treats it as
a reviewer: its matches become ``review`` findings, with LanguageTool's first
suggestion as the proposal, restricted to the categories in the rule's
``categories`` parameter (typography, punctuation, casing, grammar…).

The kind is in the opt-in ``languagetool`` pack: it runs only with
``--select languagetool``, against the server named by the ``server``
parameter or the ``CLEANUP_LANGUAGETOOL_SERVER`` environment variable (for
example ``http://localhost:8081``, a LanguageTool server you run yourself).
cleanup never downloads LanguageTool: with no server configured, the rule
stops with an error that says how to configure one.

Offsets: LanguageTool reports offsets in the text it was given, which is the
original text, so spans map one to one; matches in protected spans are dropped.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any, Protocol

from ..model import CleanupError, Document, Edit, Rule
from . import Detector, make_edit, param

ENV_SERVER = "CLEANUP_LANGUAGETOOL_SERVER"


class Checker(Protocol):
    """What cleanup needs of a LanguageTool client: ``check(text)`` returning matches."""

    def check(self, text: str) -> list[Any]: ...


def _language_tool_python(server: str, language: str) -> Checker:
    try:
        import language_tool_python
    except ImportError:
        raise CleanupError(
            "languagetool", "the languagetool pack needs language-tool-python: pip install 'cleanup[languagetool]'"
        ) from None
    tool: Checker = language_tool_python.LanguageTool(language, remote_server=server)
    return tool


#: how a checker is made from (server, language); tests replace it with a recorded one
checker_factory: Callable[[str, str], Checker] = _language_tool_python


def compile(rule: Rule) -> Detector:
    """Compile a ``languagetool`` rule into a detector."""
    categories = {c.upper() for c in param(rule, "categories", list, [])}
    disabled = set(param(rule, "disabled_rules", list, []))
    language = param(rule, "language", str, "en-US")
    configured = param(rule, "server", str, "")
    checkers: dict[str, Checker] = {}

    def detect(doc: Document) -> Iterator[Edit]:
        server = configured or os.environ.get(ENV_SERVER, "")
        if not server:
            raise CleanupError(
                rule.source,
                f"rule {rule.id!r} needs a LanguageTool server: set {ENV_SERVER}=http://host:port "
                "(cleanup never downloads LanguageTool)",
            )
        if server not in checkers:
            checkers[server] = checker_factory(server, language)
        for match in checkers[server].check(doc.text):
            category = str(getattr(match, "category", "")).upper()
            if categories and category not in categories:
                continue
            if getattr(match, "ruleId", "") in disabled:
                continue
            start = int(match.offset)
            end = start + int(match.errorLength)
            if not 0 <= start <= end <= len(doc.text) or doc.is_protected(start, end):
                continue
            replacements = list(getattr(match, "replacements", []) or [])
            proposal = replacements[0] if replacements else None
            message = f"LanguageTool {match.ruleId}: {match.message}"
            yield make_edit(rule, doc, start, end, proposal, message=message)

    return detect
