"""Kinds ``indefinite-article`` and ``doubled-and``: two small slips of MT output.

``indefinite-article``: *a* before a vowel sound or *an* before a consonant
sound (``a elaboration``, ``an big``). The sound is read from the spelling,
with the exceptions English has: *a university*, *a European*, *a one-off*,
*a user* (a *you* sound); *an hour*, *an honest*, *an heir* (a silent *h*);
*an* before any other *h* is left alone (``an historic`` is a style).
Acronyms go by the name of their first letter (*an FBI agent*, *a UN
mission*) unless they read as a word (*a NATO summit*: a vowel second).
Only lower-case *a*/*an*, or a capitalised one at a sentence start, and only
before a word English knows, so a foreign phrase (*a priori*, *a la carte*)
or a list label stays.

``doubled-and``: a word or a two-word phrase joined by *and* to itself
(``the power and power of the word``), which an MT engine makes of two
Russian synonyms. English idioms that do this on purpose (*more and more*,
*again and again*, *over and over*, *on and on*, *through and through*,
*by and by*, comparatives such as *better and better*, and time spans such
as *years and years*) stay, and so do function words (*her and her
sister*). The second copy and its *and* go.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..english import table
from .casing import CLOSED_CLASS
from ..model import Document, Edit, Rule
from . import Detector, make_edit, param

_ARTICLE = regex.compile(r"(?<![\p{L}\p{N}'’.(\[-])(a|an|A|An)[ \t]+([\p{L}\p{N}][\p{L}\p{N}'’-]*)")
_YOU_SOUND = (
    "uni", "use", "usa", "usu", "uti", "uto", "ute", "ura", "uri", "ure", "uku", "ubiq", "unan", "eu", "ewe", "one",
    "once",
)
_UNI_VOWEL = ("unin", "unim", "unid", "unil")  # un- + i...: uninformed, unimportant, unidentified
_SILENT_H = ("hour", "honest", "honor", "honour", "heir")
_VOWEL_LETTERS = frozenset("AEFHILMNORSX")
_FOREIGN_NEXT = frozenset("priori posteriori fortiori la le les der die das den dem des el los del di da du".split())

_IDIOMS = frozenset(
    "more less again over on round around through by out up down away far better worse faster slower higher "
    "lower bigger smaller longer shorter louder closer further farther hours days weeks months years ages "
    "miles times ever round and why so such this that these those neck one two three four five six seven eight "
    "nine ten twenty hundred thousand million".split()
)
_DOUBLED = regex.compile(r"(?<![\p{L}\p{N}'’-])(\p{Ll}{3,}(?:[ \t]\p{Ll}{3,})?)[ \t]+and[ \t]+(\1)(?![\p{L}\p{N}_'’-])")


def compile(rule: Rule) -> Detector:
    """Compile an ``indefinite-article`` or ``doubled-and`` rule."""
    if rule.kind == "doubled-and":
        return _compile_doubled(rule)
    min_zipf = param(rule, "min_zipf", (int, float), 2.5)

    def detect(doc: Document) -> Iterator[Edit]:
        text = doc.text
        facts = doc.facts
        words = table()
        for m in _ARTICLE.finditer(text):
            article, word = m.group(1), m.group(2)
            if article[0].isupper() and not facts.starts_sentence(m.start()):
                continue
            wants_an = _wants_an(word, words, min_zipf)
            if wants_an is None or wants_an == (article.lower() == "an"):
                continue
            if article.lower() == "an" and word[0] in "hH" and not word.isupper():
                continue  # 'an historic': a style, not a slip
            start, end = m.span(1)
            if doc.is_protected(start, m.end()):
                continue
            new = ("an" if wants_an else "a") if article.islower() else ("An" if wants_an else "A")
            yield make_edit(rule, doc, start, end, new, message=f"'{article} {word}' -> '{new} {word}'")

    return detect


def _wants_an(word: str, words: dict[str, float], min_zipf: float) -> bool | None:
    """True for a vowel sound, False for a consonant sound, None when unsure.

    >>> t = {"apple": 5.0, "book": 5.0, "university": 5.0, "hour": 5.0, "unclear": 4.0, "european": 4.5}
    >>> [_wants_an(w, t, 3.0) for w in ["apple", "book", "university", "hour", "unclear", "European", "FBI", "NATO"]]
    [True, False, False, True, True, False, True, None]
    """
    if len(word) < 2 or word[0].isdigit():
        return None
    if word.isupper() and word.isalpha():
        if len(word) > 5 or word[1] in "AEIOU":
            return None  # read as a word, or too long to tell
        return word[0] in _VOWEL_LETTERS
    low = word.lower()
    stem = low.split("-")[0]
    if stem in _FOREIGN_NEXT or words.get(stem, 0.0) < min_zipf:
        return None
    if low.startswith(_SILENT_H):
        return True
    if low.startswith(_YOU_SOUND) and not low.startswith(_UNI_VOWEL):
        return False
    return low[0] in "aeiou"


def _compile_doubled(rule: Rule) -> Detector:
    allow = _IDIOMS | frozenset(w.lower() for w in param(rule, "allow", list, []))

    def detect(doc: Document) -> Iterator[Edit]:
        text = doc.text
        if " and " not in text:
            return
        words = table()
        for m in _doubled_matches(text):
            phrase = m.group(1)
            last = phrase.split()[-1]
            if phrase in allow or last in allow or _comparative(last, words) or phrase in CLOSED_CLASS:
                continue
            start, end = m.end(1), m.end(2)
            if doc.is_protected(m.start(), end):
                continue
            yield make_edit(rule, doc, start, end, "", message=f"'{phrase}' joined by 'and' to itself")

    return detect


_AND = regex.compile(r"(?<=[ \t])and[ \t]+(?=(\p{Ll}+))")


def _doubled_matches(text: str) -> Iterator[regex.Match[str]]:
    """The matches of :data:`_DOUBLED`, scanning only the lines where one can be.

    A match lies on one line, and the word right after its ``and`` (all the
    lower-case letters there) starts the phrase doubled, so it occurs before
    the ``and`` on that line. Only such lines are scanned, each whole (its
    ends are line breaks, as in the whole text).
    """
    done = -1
    for m in _AND.finditer(text):
        if m.start() < done:
            continue
        lo = text.rfind("\n", 0, m.start()) + 1
        if text.find(m.group(1), lo, m.start()) == -1:
            continue
        done = text.find("\n", m.end())
        done = len(text) if done == -1 else done
        yield from _DOUBLED.finditer(text, lo, done)


def _comparative(word: str, words: dict[str, float]) -> bool:
    """True for a comparative adjective (``stronger``, ``bigger``, ``nicer``), never for ``power`` or ``water``."""
    if not word.endswith("er") or len(word) < 5:
        return False
    base = word[:-2]
    candidates = [base, base + "e", base[:-1] if len(base) > 2 and base[-1] == base[-2] else "", base[:-1] + "y" if base.endswith("i") else ""]
    return any(c and words.get(c, 0.0) >= 3.8 for c in candidates)
