"""The optional LanguageTool integration, against stand-ins.

A real LanguageTool server cannot be installed here (no package ships its
jar, and cleanup never downloads it), so these tests use two stand-ins: the
recorded checker of ``conftest.py`` (every test, so rule examples run), and a
small HTTP server on 127.0.0.1 that speaks LanguageTool's ``/v2/languages`` and
``/v2/check`` protocol with answers written for these tests. The installed
3.x client talks to the HTTP stand-in for real; the 2.x client, which cannot
be installed beside it, is represented by matches with its field names.
"""

from __future__ import annotations

import json
import threading
import urllib.parse
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cleanup import CleanupError, Config, Tier, clean_text
from cleanup.cli import main
from cleanup.kinds import languagetool

LT = Config(select=("languagetool",))


def test_the_pack_is_opt_in() -> None:
    assert not any(e.rule_id.startswith("languagetool") for e in clean_text("He go home.").all_edits)


def test_matches_become_review_findings_with_a_proposal() -> None:
    result = clean_text("Then He go to Moscow.", LT)
    (finding,) = result.findings
    assert (finding.start, finding.end, finding.original) == (8, 10, "go")
    assert finding.replacement == "goes" and finding.tier is Tier.REVIEW
    assert finding.message == "LanguageTool HE_VERB_AGR: The verb does not agree with 'He'."
    assert result.text == "Then He go to Moscow." and result.edits == ()


def test_categories_and_disabled_rules_filter() -> None:
    result = clean_text("A very unique  idea. He go.", LT)
    assert [e.original for e in result.findings] == ["go"]  # STYLE not allowed, WHITESPACE_RULE disabled


def test_protected_spans_are_respected() -> None:
    assert [e.original for e in clean_text("He go there.", LT).findings] == ["go"]
    assert clean_text("He go [sic] there.", LT).findings == ()


def test_no_server_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(languagetool.ENV_SERVER)
    with pytest.raises(CleanupError, match="needs a LanguageTool server: set CLEANUP_LANGUAGETOOL_SERVER"):
        clean_text("He go.", Config(select=("languagetool",), ignore=("core",)))


# --- both client generations -------------------------------------------------


class Match2x:
    """A match with the field names of language-tool-python 2.x."""

    def __init__(self, offset: int, length: int) -> None:
        self.ruleId = "HE_VERB_AGR"
        self.message = "The verb does not agree with 'He'."
        self.replacements = ["goes"]
        self.offsetInContext = 0
        self.context = ""
        self.offset = offset
        self.errorLength = length
        self.category = "GRAMMAR"
        self.ruleIssueType = "grammar"
        self.sentence = ""


def test_matches_of_the_2x_client_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    class Client2x:
        def __init__(self, settings: languagetool.Settings) -> None:
            pass

        def check(self, text: str) -> list[Match2x]:
            return [Match2x(text.index("go"), 2)]

    monkeypatch.setattr(languagetool, "checker_factory", Client2x)
    (finding,) = clean_text("Then He go to Moscow.", LT).findings
    assert (finding.start, finding.end, finding.replacement) == (8, 10, "goes")
    assert finding.message.startswith("LanguageTool HE_VERB_AGR:")


def test_the_2x_constructor_gets_the_mother_tongue_positionally(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[Any, ...]] = []

    class LanguageTool2x:  # the 2.x signature: (language, motherTongue, remote_server, ...)
        def __init__(self, language: str | None = None, motherTongue: str | None = None, remote_server: str | None = None) -> None:
            seen.append((language, motherTongue, remote_server))
            self.disabled_rules: set[str] = set()
            self.enabled_categories: set[str] = set()
            self.enabled_rules_only = False

        def check(self, text: str) -> list[object]:
            return []

    import language_tool_python

    monkeypatch.setattr(language_tool_python, "LanguageTool", LanguageTool2x)
    settings = languagetool.Settings("http://127.0.0.1:9", "en-GB", "ru", frozenset({"GRAMMAR"}), frozenset({"X"}))
    tool = languagetool._language_tool_python(settings)
    assert seen == [("en-GB", "ru", "http://127.0.0.1:9")]
    assert isinstance(tool, LanguageTool2x)
    assert tool.enabled_categories == {"GRAMMAR"} and tool.enabled_rules_only and tool.disabled_rules == {"X"}


# --- a stand-in LanguageTool server, and the real 3.x client --------------------

#: recorded answers: (the words the match covers, in their context; rule; category; message; replacements)
ANSWERS = [
    (r"(?<=\bHe )go\b", "HE_VERB_AGR", "GRAMMAR", "The verb does not agree with 'He'.", ["goes", "went"]),
    (r"(?<=\b(?:in|at) the )magazine\b", "RU_EN_MAGAZINE", "FALSE_FRIENDS", "'magazine' is not a shop.", ["shop"]),
    (r"\bvery unique\b", "EN_UNIQUE", "STYLE", "Redundant.", ["unique"]),
    (r"  ", "WHITESPACE_RULE", "TYPOGRAPHY", "Whitespace repetition.", [" "]),
]
LIMIT = 20_000  # what a public server accepts per request


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class StandIn(BaseHTTPRequestHandler):
    """Answers /v2/languages and /v2/check as LanguageTool does (offsets in UTF-16 units)."""

    requests: list[dict[str, str]]
    refuse: bool

    def log_message(self, *args: Any) -> None:
        pass

    def _send(self, status: int, body: bytes, kind: str = "application/json") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        if self.path.startswith("/v2/languages"):
            languages = [{"name": "English (US)", "code": "en", "longCode": "en-US"},
                         {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
                         {"name": "Russian", "code": "ru", "longCode": "ru-RU"}]
            self._send(200, json.dumps(languages).encode())
        else:
            self._send(404, b"not found", "text/plain")

    def do_POST(self) -> None:
        import regex

        length = int(self.headers.get("Content-Length", 0))
        form = {k: v[0] for k, v in urllib.parse.parse_qs(self.rfile.read(length).decode(), keep_blank_values=True).items()}
        type(self).requests.append(form)
        if type(self).refuse:
            self._send(403, b"Error: Access denied\n", "text/plain")
            return
        text = form.get("text", "")
        if len(text) > LIMIT:
            self._send(413, f"Error: Your text exceeds the limit of {LIMIT} characters".encode(), "text/plain")
            return
        enabled = set(form.get("enabledCategories", "").split(",")) - {""}
        disabled = set(form.get("disabledRules", "").split(",")) - {""}
        matches = []
        for pattern, rule_id, category, message, replacements in ANSWERS:
            if category == "FALSE_FRIENDS" and form.get("motherTongue") != "ru":
                continue  # LanguageTool runs its false-friend rules only for a mother tongue
            if form.get("enabledOnly") == "true" and category not in enabled or rule_id in disabled:
                continue
            for m in regex.finditer(pattern, text):
                matches.append({
                    "message": message, "shortMessage": "",
                    "replacements": [{"value": r} for r in replacements],
                    "offset": _utf16_len(text[: m.start()]), "length": _utf16_len(m.group()),
                    "context": {"text": text[max(0, m.start() - 20) : m.end() + 20], "offset": min(20, m.start()), "length": len(m.group())},
                    "sentence": "", "type": {"typeName": "Other"},
                    "rule": {"id": rule_id, "description": message, "issueType": "grammar",
                             "category": {"id": category, "name": category.title()}},
                })
        answer = {"software": {"name": "LanguageTool", "version": "stand-in"}, "language": {"code": form.get("language")},
                  "matches": sorted(matches, key=lambda m: m["offset"])}
        self._send(200, json.dumps(answer).encode())


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, type[StandIn]]]:
    handler = type("Handler", (StandIn,), {"requests": [], "refuse": False})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}"
    monkeypatch.setattr(languagetool, "checker_factory", languagetool._language_tool_python)
    monkeypatch.setenv(languagetool.ENV_SERVER, url)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    try:
        yield url, handler
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


ONLY_LT = Config(select=("languagetool",))


def test_the_3x_client_against_the_stand_in(server: tuple[str, type[StandIn]]) -> None:
    _, handler = server
    text = "We bought bread in the magazine.  Then He go 🙂 to a very unique He go.\n"
    result = clean_text(text, ONLY_LT)
    found = [(e.original, e.replacement, e.message.split(":")[0]) for e in result.findings]
    assert found == [
        ("magazine", "shop", "LanguageTool RU_EN_MAGAZINE"),
        ("go", "goes", "LanguageTool HE_VERB_AGR"),
        ("go", "goes", "LanguageTool HE_VERB_AGR"),  # after the emoji: offsets in UTF-16 units mapped back
    ]
    for e in result.findings:
        assert text[e.start : e.end] == e.original
    (request,) = handler.requests
    assert request["language"] == "en-US" and request["motherTongue"] == "ru"
    assert request["enabledOnly"] == "true" and "FALSE_FRIENDS" in request["enabledCategories"].split(",")
    assert "STYLE" not in request["enabledCategories"].split(",")
    assert "WHITESPACE_RULE" in request["disabledRules"].split(",")


def test_a_long_text_goes_in_paragraph_chunks_with_offsets_mapped_back(server: tuple[str, type[StandIn]]) -> None:
    _, handler = server
    paragraph = "The committee met in the old hall and talked about the harvest for a long while. " * 6
    paragraphs = [paragraph + ("He go home." if i % 7 == 3 else "") for i in range(200)]
    text = "\n\n".join(paragraphs) + "\n"
    assert len(text) > 4 * LIMIT
    result = clean_text(text, ONLY_LT)
    expected = [i for i in range(len(text)) if text.startswith("He go", i)]
    assert [e.start - 3 for e in result.findings] == expected
    assert all(e.original == "go" for e in result.findings)
    sent = [r["text"] for r in handler.requests]
    assert len(sent) >= 5 and all(len(s) <= LIMIT for s in sent)
    assert "".join(sent) == text
    assert all(s.endswith("\n\n") for s in sent[:-1])  # every cut at a paragraph break


def test_a_paragraph_longer_than_a_request_is_cut_after_a_sentence(server: tuple[str, type[StandIn]]) -> None:
    _, handler = server
    text = "He go home and the rest of the sentence goes on for a while. " * 1000
    result = clean_text(text, ONLY_LT)
    assert len(result.findings) == 1000
    sent = [r["text"] for r in handler.requests]
    assert "".join(sent) == text and all(s.endswith(". ") for s in sent)


def test_the_mother_tongue_is_configurable(tmp_path: Path, server: tuple[str, type[StandIn]]) -> None:
    from cleanup.rules import parse_rule_file

    source = (Path(languagetool.__file__).parent.parent / "rules" / "languagetool.toml").read_text(encoding="utf-8")
    (rule,) = parse_rule_file(source.replace('mother_tongue = "ru"', 'mother_tongue = ""'), "lt.toml")
    from cleanup.segment import segment

    found = list(rule.detector(segment("We bought bread in the magazine. He go.")))
    assert [e.original for e in found] == ["go"]  # no mother tongue sent: no false friends
    _, handler = server
    assert "motherTongue" not in handler.requests[-1]


def test_a_server_that_refuses_is_one_line_exit_2(tmp_path: Path, server: tuple[str, type[StandIn]]) -> None:
    _, handler = server
    handler.refuse = True
    path = tmp_path / "a.txt"
    path.write_text("He go home.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--isolated", "--select", "languagetool", str(path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
    (line,) = result.stderr.splitlines()
    assert line.startswith("cleanup: error: LanguageTool server http://127.0.0.1:") and "Access denied" in line


def test_a_server_that_is_down_is_one_line_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setattr(languagetool, "checker_factory", languagetool._language_tool_python)
    monkeypatch.setenv(languagetool.ENV_SERVER, f"http://127.0.0.1:{port}")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    path = tmp_path / "a.txt"
    path.write_text("He go home.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--isolated", "--select", "languagetool", str(path)])
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"cleanup: error: LanguageTool server http://127.0.0.1:{port}: no usable answer")
    assert path.read_text(encoding="utf-8") == "He go home.\n"
