"""Kind ``glued-words``: two or three words run together (``thefactory``, ``wasbuilt``).

Scraping and OCR lose spaces; an MT engine then passes the glued token
through untouched. A token is a candidate when

* it is letters only, at least ``min_length`` long (default 7), all lower case
  or capitalised (``Moscowregion``), and not touching code-like characters
  (``_ / . @ # ( =`` or digits);
* the text is not technical writing (:func:`cleanup.technical.is_technical`:
  documentation writes ``docstring`` and ``isinstance`` solid);
* English does not know it at all (wordfreq gives it no frequency), and the
  text uses it only once (a name or a term the author coined recurs);
* it splits into two words (or three, for tokens of ``min_length_three``
  letters or more), each of them common in English (Zipf at least
  ``min_zipf``, default 3.0; a short function word such as *the* or *was* may
  be one part), none of them a prefix or suffix that English writes solid
  (``over``, ``anti``, ``less``, ``ness``…).

A token that looks like Russian in Latin letters
(:func:`cleanup.foreign.looks_romanised_russian`: ``prichina`` is not *pri
china*, ``partorg`` not *part org*) is left to the untranslated-word rules.

Of several splits the one whose rarest part is most common wins. Names
are often made of words (``Greenwood``, ``Smallbridge``), so a capitalised
token is split only before one of the common nouns that follow a place or an
organisation's name (``Tambovregion``: ``region``, ``district``, ``street``,
``company``…),
and its edits are made at ``name_tier`` (default ``review``).
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..english import table, zipf
from ..foreign import looks_romanised_russian
from ..model import Document, Edit, Rule, Tier
from ..technical import is_technical
from . import Detector, make_edit, param

_RUN = regex.compile(r"[\p{L}\p{N}_]{7,}")
_BAD_BEFORE = frozenset("_/.@#\\'’-")
_BAD_AFTER = frozenset("_/@#(=\\'’-")

#: short words that may be one part of a glued token
_FUNCTION = frozenset(
    "the a an of to in on at by for and or but is was are were be been has had have it its as with from "
    "that this not no he she we they his her our their my your which who".split()
)
#: parts that English writes solid with the next or previous word
_PREFIXES = frozenset(
    "over under out up down back non anti counter self super inter multi post pre pro semi sub trans ultra mis "
    "re un de co dis en em auto extra hyper micro macro mini mid off on in fore after by cross head hand home "
    "house work water fire sun moon sea air land life time any every some no where there here what".split()
)
#: what may follow a name glued to it: ``Moscowregion``, ``Kazanuniversity``
_AFTER_NAME = frozenset(
    "region district oblast province city street river village town county area republic territory "
    "airport station university school plant factory company party government committee council "
    "authorities residents mayor governor administration".split()
)
_SUFFIXES = frozenset(
    "less ness ship hood wise like ward wards able ible ism ist man men woman women ful fully side way ways "
    "where time times land work works house body thing things one ever how what self selves ly er ers ed ing "
    "ability abilities".split()
)


def compile(rule: Rule) -> Detector:
    """Compile a ``glued-words`` rule into a detector."""
    min_length = param(rule, "min_length", int, 7)
    min_length_three = param(rule, "min_length_three", int, 11)
    min_zipf = param(rule, "min_zipf", (int, float), 3.0)
    name_tier = Tier(param(rule, "name_tier", str, "review"))

    def detect(doc: Document) -> Iterator[Edit]:
        text = doc.text
        if is_technical(text):
            return  # documentation writes its terms solid: docstring, bytearray, isinstance
        counts = doc.facts.lower_counts
        words = table()
        # the tests on the word alone, once per distinct word: most texts have no candidate at all
        candidates = {
            word for word in set(_RUN.findall(text))
            if len(word) >= min_length and word.isalpha() and (word.islower() or word[0].isupper() and word[1:].islower())
            and not (counts[word.lower()] > 1 or word.lower() in words)
        }
        if not candidates:
            return
        for m in _RUN.finditer(text):
            word = m.group()
            if word not in candidates or len(word) < min_length or not word.isalpha():
                continue
            a, b = m.start(), m.end()
            if a and text[a - 1] in _BAD_BEFORE or b < len(text) and text[b] in _BAD_AFTER:
                continue
            if text[b : b + 1] == "." and text[b + 1 : b + 2].isalpha():
                continue  # a file name or a domain: report.txt
            if doc.is_protected(a, b):
                continue
            capitalised = word[0].isupper()
            if not (word.islower() or capitalised and word[1:].islower()):
                continue
            low = word.lower()
            if counts[low] > 1 or low in table():
                continue
            parts = best_split(low, min_zipf, three=len(low) >= min_length_three)
            if capitalised:
                parts = _name_split(low)
            # wordfreq itself (slow to load) only for the few tokens that split
            if parts is None or zipf(low) > 0:
                continue
            if looks_romanised_russian(low):
                continue  # Russian left in Latin letters (prichina, partorg), not pri china
            if capitalised:
                parts = [word[: len(parts[0])]] + parts[1:]
            yield make_edit(
                rule, doc, m.start(), m.end(), " ".join(parts), tier=name_tier if capitalised else None
            )

    return detect


def _name_split(word: str) -> list[str] | None:
    """``['tambov', 'region']`` for ``tambovregion``: a name of three letters or more, then a noun that follows names."""
    for tail in _AFTER_NAME:
        if word.endswith(tail) and len(word) - len(tail) >= 3:
            return [word[: -len(tail)], tail]
    return None


def _part_ok(part: str, min_zipf: float, first: bool, last: bool) -> float:
    """The part's frequency when it may be one word of a split, else 0."""
    if part in _FUNCTION:
        return table().get(part, 0.0)
    if len(part) < 3 or (not last and part in _PREFIXES) or (not first and part in _SUFFIXES):
        return 0.0
    value = table().get(part, 0.0)
    return value if value >= min_zipf else 0.0


def best_split(word: str, min_zipf: float, *, three: bool) -> list[str] | None:
    """The split of ``word`` into two (or three) common words whose rarest part is commonest.

    >>> best_split("preservedtasty", 3.0, three=True), best_split("simplethe", 3.0, three=False)
    (['preserved', 'tasty'], ['simple', 'the'])
    >>> best_split("decossackization", 3.0, three=True) is None
    True
    """
    best: tuple[float, list[str]] | None = None
    n = len(word)
    for i in range(1, n):
        a = _part_ok(word[:i], min_zipf, True, False)
        b = _part_ok(word[i:], min_zipf, False, True) if a else 0.0
        if b and (best is None or min(a, b) > best[0]):
            best = (min(a, b), [word[:i], word[i:]])
    if best is not None or not three:
        return None if best is None else best[1]
    # three words: each part a function word or four letters and more
    for i in range(2, n):
        a = _part_ok(word[:i], min_zipf, True, False)
        if not a or (i < 4 and word[:i] not in _FUNCTION):
            continue
        for j in range(i + 2, n - 1):
            mid, end = word[i:j], word[j:]
            if (len(mid) < 4 and mid not in _FUNCTION) or (len(end) < 4 and end not in _FUNCTION):
                continue
            b2 = _part_ok(mid, min_zipf, False, False)
            c = _part_ok(end, min_zipf, False, True) if b2 else 0.0
            if c and (best is None or min(a, b2, c) > best[0]):
                best = (min(a, b2, c), [word[:i], mid, end])
    return None if best is None else best[1]
