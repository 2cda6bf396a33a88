"""Kind ``ru-title``: the Russian abbreviations т./тов. (comrade) and тт. (comrades) before surnames.

Russian documents write ``т. Иванов`` / ``тов. Иванов`` (comrade Ivanov) and
``тт. Иванов и Петров`` (comrades). An MT engine leaves ``T. Ivanov``,
``Tov. Ivanov``, ``tt. Ivanov`` or reads them as ``vol.``/``vols.``
(volume), or keeps the full stop after a translated ``comrade.``.

The tokens are graded by how much they can mean in English:

* ``tov.``/``Tov.``/``tt.``/``Tt.`` and ``comrade.`` before a surname mean
  nothing else: the rule's tier;
* ``vol.``/``vols.`` before a capitalised surname (not a Roman numeral) are
  the rule's tier when the text has another comrade token or the word
  ``comrade``, review otherwise (``vol. Ivanov`` could be an odd citation);
* ``T.`` is an initial in English (``T. S. Eliot``), so it is fixed only
  with document evidence: ``T.`` before at least ``min_evidence`` different
  surnames (one person does not have several surnames), or another comrade
  token in the text; otherwise it is left alone.

A surname is a capitalised word of three or more letters that is not
followed by another capitalised word (``T. Ivanov`` but not ``T. Ivan
Ivanov``, which is an initial and a full name) nor preceded by an initial
(``A. T. Ivanov``). The replacement keeps the case the position needs: at a
sentence start ``Comrade``/``Comrades``, elsewhere ``comrade``/``comrades``
(``Tov. Ivanov said`` becomes ``Comrade Ivanov said``).

Parameters: ``min_evidence`` (int, default 2).
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..english import is_english
from ..model import Document, Edit, Rule, Tier
from . import Detector, make_edit, param

_TOKEN = regex.compile(
    r"(?<![\p{L}\p{N}.]|\p{Lu}\.[ \t]?)"
    r"(?P<tok>[Tt]ov|[Tt]t|[Vv]ols?|[Cc]omrades?|T)\.(?P<space>[ \t]+)"
    r"(?P<name>\p{Lu}\p{Ll}{2,}(?:-\p{Lu}\p{Ll}+)?)\b"
    r"(?![ \t]+\p{Lu}\p{Ll}|\.\p{L}|[ \t]*\()"
)
_ROMAN = regex.compile(r"[IVXLCDM]+")
_SENTENCE_END = regex.compile(r"(?:^|[.!?…:]['\"”’»)]*[ \t]+|\n[ \t]*(?:[-–—•*][ \t]+)?)$")
# a capitalised word at a sentence start that is a common English word, not a surname
_NOT_NAMES = frozenset("The This That These Those There Then They When Where What Which While With From After Before".split())


def _at_sentence_start(text: str, pos: int) -> bool:
    return bool(_SENTENCE_END.search(text, max(0, pos - 8), pos)) or pos == 0


def compile(rule: Rule) -> Detector:
    """Compile a ``ru-title`` rule into a detector."""
    min_evidence = param(rule, "min_evidence", int, 2)

    def detect(doc: Document) -> Iterator[Edit]:
        text = doc.text
        if "." not in text:
            return
        found = [m for m in _TOKEN.finditer(text) if m.group("name") not in _NOT_NAMES]
        if not found:
            return
        plain = [m for m in found if m.group("tok").lower() in ("tov", "tt", "comrade", "comrades")]
        has_comrade = bool(plain) or "comrade" in doc.lowered
        initial_names = {m.group("name") for m in found if m.group("tok") == "T"}
        for m in found:
            tok = m.group("tok")
            low = tok.lower()
            if doc.is_protected(m.start(), m.end("tok") + 1):
                continue
            if low in ("vol", "vols"):
                if _ROMAN.fullmatch(m.group("name")) or is_english(m.group("name").lower(), 3.0):
                    continue
                tier = None if has_comrade else Tier.REVIEW
            elif tok == "T":
                if len(initial_names) >= min_evidence or plain:
                    tier = None
                else:
                    continue
            elif low in ("comrade", "comrades"):
                # 'comrade. Bordiga' only where a full stop cannot end a sentence:
                # the word before is a preposition or a verb of address
                before = text[max(0, m.start() - 12) : m.start()]
                if not regex.search(r"\b(?:of|to|from|with|by|for|and|about|against|called|told)[ \t]+$", before):
                    continue
                tier = None
            else:
                tier = None
            plural = low in ("tt", "vols", "comrades")
            word = "comrades" if plural else "comrade"
            if _at_sentence_start(text, m.start()):
                word = word.capitalize()
            elif tok[0].isupper() and low in ("comrade", "comrades"):
                word = word.capitalize()
            end = m.end("tok") + 1
            yield make_edit(rule, doc, m.start(), end, word, tier=tier)

    return detect
