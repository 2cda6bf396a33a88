"""Kind ``mixed-script``: words that mix Cyrillic and Latin look-alike letters.

``Тrotsky`` with a Cyrillic ``Т`` looks right and breaks every search, every
spell-checker and every glossary. Where a word mixes the two scripts, the
letters of the minority script are replaced by their look-alikes in the
majority script. The fix is ``safe`` when the result is an English word or a
word the same text uses in one script elsewhere (a name), and the rule's
tier (normally ``suggest``) otherwise. A word with a letter that has no
look-alike is only reported.

With ``mode = "cyrillic"`` the rule instead reports, for review, each whole
Cyrillic word in a text written mostly in Latin letters (more Latin words
than Cyrillic ones in the whole text, however short it is): Russian left
untranslated. A Cyrillic word that the text glosses on purpose is left
alone: inside a parenthesis or after a label that names the language
(``(Russian: Я́сная Поля́на)``, ``Ukrainian: …``), or in a sentence that talks
about the word (``written in Cyrillic``, ``literally``, ``the Russian word``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import regex

from ..english import is_english
from ..model import CleanupError, Document, Edit, Rule, Tier
from . import Detector, make_edit, param

# Cyrillic letters and the Latin letters they are drawn like
CYRILLIC_TO_LATIN = dict(zip("АВЕКМНОРСТХаеорсухіјѕЅІЈԁ", "ABEKMHOPCTXaeopcyxijsSIJd"))
LATIN_TO_CYRILLIC = {latin: cyr for cyr, latin in CYRILLIC_TO_LATIN.items() if cyr not in "ѕЅіІјЈԁ"}

_WORD = regex.compile(r"[\p{L}\p{M}]+")
_CYRILLIC = regex.compile(r"\p{Script=Cyrillic}")
_CYRILLIC_RUN = regex.compile(r"\p{Script=Cyrillic}+")
_LATIN = regex.compile(r"\p{Script=Latin}")
_LATIN_WORD = regex.compile(r"\p{Script=Latin}{2,}")
_CYRILLIC_WORD = regex.compile(r"\p{Script=Cyrillic}[\p{Script=Cyrillic}\p{M}]*")
#: a language label before a gloss: "(Russian: …", "Ukrainian: …", "(Rus. …", "(lit. …"
_LABEL = regex.compile(
    r"(?:\b(?:Russian|Ukrainian|Belarusian|Bulgarian|Serbian|Kazakh|Tatar|Bashkir|Kyrgyz|Mongolian|Church Slavonic|Old Russian|Cyrillic|Rus|Ukr|lit|orig)\.?[ \t]*:?[ \t]*[\p{Script=Cyrillic}\p{M}\p{Zs},;\-–—'\"«»“”„]*$)"
    r"|\b(?:written|spelled|spelt|printed|reads?|called|named|word|words|literally|means|meaning|transliterated|inscription|inscribed|Cyrillic)\b[^.!?\n]{0,60}$"
)


def repair(word: str) -> str | None:
    """The word in its majority script, or ``None`` when a letter has no look-alike.

    >>> repair("Тrotsky"), repair("Mоscow"), repair("Ленuн")
    ('Trotsky', 'Moscow', None)
    """
    cyrillic = len(_CYRILLIC.findall(word))
    latin = len(_LATIN.findall(word))
    table = CYRILLIC_TO_LATIN if latin >= cyrillic else LATIN_TO_CYRILLIC
    wanted = _LATIN if latin >= cyrillic else _CYRILLIC
    out = []
    for ch in word:
        if wanted.match(ch) or not (_CYRILLIC.match(ch) or _LATIN.match(ch)):
            out.append(ch)
        elif ch in table:
            out.append(table[ch])
        else:
            return None
    return "".join(out)


def _word_start(text: str, pos: int) -> int:
    """Where the word containing ``pos`` begins."""
    while pos > 0 and (text[pos - 1].isalpha() or regex.match(r"\p{M}", text[pos - 1])):
        pos -= 1
    return pos


def compile(rule: Rule) -> Detector:
    """Compile a ``mixed-script`` rule into a detector."""
    mode = param(rule, "mode", str, "mixed")
    if mode not in ("mixed", "cyrillic"):
        raise CleanupError(rule.source, f"rule {rule.id!r}: mode must be 'mixed' or 'cyrillic', not {mode!r}")

    def detect(doc: Document) -> Iterator[Edit]:
        text = doc.text
        if not _CYRILLIC.search(text):
            return  # the common case, in one pass of the regex engine
        counts: list[Counter[str]] = []

        def words() -> Counter[str]:
            if not counts:  # built only when a repaired word must be looked up
                counts.append(Counter(_WORD.findall(text)))
            return counts[0]

        verdict: list[bool] = []

        def mostly_latin() -> bool:
            if not verdict:
                verdict.append(len(_LATIN_WORD.findall(text)) > len(_CYRILLIC_WORD.findall(text)))
            return verdict[0]

        seen_end = -1
        for run in _CYRILLIC_RUN.finditer(text):
            m = _WORD.match(text, _word_start(text, run.start()))
            if m is None or m.end() <= seen_end:
                continue
            seen_end = m.end()
            word = m.group()
            if doc.is_protected(m.start(), m.end()):
                continue
            if mode == "mixed" and _LATIN.search(word):
                fixed = repair(word)
                known = fixed is not None and (words().get(fixed, 0) > 0 or is_english(fixed.lower(), 2.5) or fixed in doc.known_terms)
                tier = Tier.SAFE if known else (Tier.REVIEW if fixed is None else None)
                yield make_edit(rule, doc, m.start(), m.end(), fixed, tier=tier)
            elif mode == "cyrillic" and not _LATIN.search(word) and mostly_latin():
                if _LABEL.search(text, max(0, m.start() - 120), m.start()):
                    continue
                yield make_edit(rule, doc, m.start(), m.end(), None, tier=Tier.REVIEW)

    return detect
