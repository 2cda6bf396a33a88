"""Kind ``mojibake``: text that was decoded with the wrong encoding (``cafÃ©``, ``â€œ``).

When UTF-8 bytes are read as Latin-1 or Windows-1252, every non-ASCII
character becomes two or three characters of the wrong alphabet: ``é`` turns
into ``Ã©``, ``“`` into ``â€œ``, a Russian name such as ``Сталин`` into
``Ð¡Ñ‚Ð°Ð»Ð¸Ð½``. Scraped MT pages carry such text often. The repair is
`ftfy <https://ftfy.readthedocs.io>`_'s, which re-encodes and re-decodes only
when the result is valid UTF-8 and more plausible than the input.

Cost: the text is scanned once with a cheap regular expression for *markers*,
a character that starts a UTF-8 sequence (``Â``–``ô``) followed by one that
continues it (a Windows-1252 or Latin-1 rendering of the bytes 0x80–0xBF).
Only when a marker is found is ftfy imported, and then only the runs of
non-ASCII characters around markers go to it; each repaired run is one edit
whose message is ftfy's explanation (``encode sloppy-windows-1252, decode utf-8``).

Parameters:

``uncurl_quotes``
    also turn curly quotes in the repaired run into straight ones (default false:
    cleanup never straightens quotes it did not break).
``unescape_html``
    repair HTML entities left in plain text (``&amp;``, ``&#8217;``) instead
    of mojibake (default false). Markdown documents are left alone, where an
    entity may be meant.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from typing import Any

import regex

from ..model import Document, Edit, Rule
from . import Detector, make_edit, param

#: bytes 0x80-0xBF as Windows-1252 shows them (and as Latin-1 does: U+0080-U+00BF)
_CONTINUATION = "\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178"
#: a UTF-8 lead byte (0xC2-0xF4) shown as Latin-1, then a continuation byte
MARKER = regex.compile(f"[\u00c2-\u00f4][{_CONTINUATION}]")
#: the stretch around a marker that goes to ftfy: a run of non-ASCII characters
#: (an 'Ã' before a space may be 'à' whose second byte became a space)
_RUN = regex.compile(r"[^\x00-\x7f]+(?:(?<=Ã) (?=[^\x00-\x7f]|\b))?")
_ENTITY = regex.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _config(uncurl_quotes: bool) -> Any:
    from ftfy import TextFixerConfig

    # only the encoding repair: every other ftfy fix is off
    return TextFixerConfig(
        unescape_html=False, remove_terminal_escapes=False, fix_encoding=True, restore_byte_a0=True,
        fix_latin_ligatures=False, fix_character_width=False, uncurl_quotes=uncurl_quotes,
        fix_line_breaks=False, fix_surrogates=False, remove_control_chars=False, normalization=None,
        explain=True,
    )


def _explain(steps: Any) -> str:
    return ", ".join(f"{action} {parameter}" for action, parameter in steps or [])


def repair(run: str, uncurl_quotes: bool = False) -> tuple[str, str]:
    """``(repaired text, ftfy's explanation)`` of one run of suspect characters.

    >>> repair("Ð¡Ñ‚Ð°Ð»Ð¸Ð½")
    ('Сталин', 'encode sloppy-windows-1252, decode utf-8')
    >>> repair("é’")
    ('é’', '')
    """
    import ftfy

    fixed = ftfy.fix_and_explain(run, config=_config(uncurl_quotes))
    return fixed.text, _explain(fixed.explanation)


def compile(rule: Rule) -> Detector:
    """Compile a ``mojibake`` rule into a detector."""
    uncurl = param(rule, "uncurl_quotes", bool, False)
    entities = param(rule, "unescape_html", bool, False)

    def detect_mojibake(doc: Document) -> Iterator[Edit]:
        text = doc.text
        first = MARKER.search(text)
        if first is None:
            return
        pos = 0
        for marker in MARKER.finditer(text, first.start()):
            if marker.start() < pos:
                continue
            # the run of non-ASCII characters the marker is in
            start = marker.start()
            while start > 0 and ord(text[start - 1]) > 0x7F and start > pos:
                start -= 1
            run = _RUN.match(text, start)
            end = run.end() if run else marker.end()
            pos = end
            if doc.is_protected(start, end):
                continue
            fixed, why = repair(text[start:end], uncurl)
            if fixed != text[start:end]:
                yield make_edit(rule, doc, start, end, fixed, message=f"mojibake: {text[start:end]!r} -> {fixed!r} ({why})")

    def detect_entities(doc: Document) -> Iterator[Edit]:
        if doc.markdown or "&" not in doc.text:
            return
        for m in _ENTITY.finditer(doc.text):
            fixed = html.unescape(m.group())
            if fixed != m.group() and not doc.is_protected(m.start(), m.end()):
                yield make_edit(rule, doc, m.start(), m.end(), fixed, message=f"HTML entity {m.group()} left in the text: {fixed!r}")

    return detect_entities if entities else detect_mojibake
