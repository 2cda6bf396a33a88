"""Kind ``names``: one spelling per name, and names an OCR pass garbled.

A Russian book that went through OCR and then machine translation carries two
kinds of damage to its names. The translation engine romanises each occurrence
on its own, so one man is ``Davidovich`` on one page and ``Davydovich`` on the
next; and the OCR engine, reading Cyrillic, confused letters that look alike
(``н``/``п``, ``и``/``н``, ``ш``/``щ``, ``в``/``з``), so that ``Ленина`` became
``Ленипа`` and the translation left it as ``Lenipa``. Neither can be caught by a
list of known mistakes, but both show in the text's own statistics: the right
spelling is the one the text uses most.

A ``names`` rule therefore looks at a whole document at once and makes three
checks, each of which can be switched off with a parameter:

``variants`` (default on)
    Capitalised words are grouped by :func:`cleanup.translit.name_key`, which
    forgets what romanisation schemes disagree about. In a group with more than
    one spelling, the minority spellings get the preferred one: the spelling a
    glossary declares (``doc.known_terms``) when there is one, else the
    majority spelling. A tie is reported without a proposal. Two spellings
    that always follow different first names (``Adolph Joffe``, ``Abram
    Ioffe``) are two people and are left alone, and so are a man's and a
    woman's form of one name (``Sedov``, ``Sedova``). Tier: ``variant_tier``
    (default: the rule's tier).
``ocr`` (default on)
    A rare capitalised word (at most ``max_rare`` occurrences) that becomes a
    frequent name of the text (at least ``min_frequent`` occurrences) by undoing
    one or two of the OCR confusions above, possibly with a Russian case
    ending the translation left behind, gets the frequent name (``Lenipa's`` ->
    ``Lenin's``). Tier: ``ocr_tier`` (default: the rule's tier). A word that
    differs from a frequent name only by a case ending (``Leninu``) is a review
    finding; one that differs only by a feminine ending (``Sedova`` beside
    ``Sedov``, ``Krestinskaya`` beside ``Krestinsky``) is a woman's name and is
    never touched.
``words`` (default on)
    A rare lower-case word, valid English but far rarer than a word one letter
    away that the text uses again and again (``apposition`` in a text with
    ``opposition`` on every page), is a review finding proposing the frequent
    word. Always tier ``review``.

The other parameters, with their defaults:

``min_frequent = 3``      occurrences that make a name *frequent*;
``short_text = 6000``,
``short_min_frequent = 2`` in a text of at most ``short_text`` characters (a
                          2 KB web page names a man twice, not three times),
                          a name seen ``short_min_frequent`` times is
                          frequent, and only a name seen once is rare; the
                          OCR check still needs at least one letter
                          confusion there (a bare case ending is not enough);
``max_rare = 2``          occurrences up to which a name is *rare*;
``max_substitutions = 2`` OCR confusions one name may carry (two only in a
                          name of seven letters or more);
``min_name_length = 5``   shortest name the OCR check repairs;
``english_zipf = 4.0``    a spelling this common in English (wordfreq Zipf
                          scale) is an ordinary word: a variant pair of two
                          such words is left alone, a pair with one is only
                          reported;
``word_min_count = 5``, ``word_ratio = 5``, ``word_min_length = 6``,
``word_max_rare = 2``, ``word_zipf_gap = 1.5``, ``word_max_zipf = 3.0``,
                          the real-word check: how often the frequent word
                          must occur, how many times more often than the rare
                          one, the shortest word looked at, how often the rare
                          word may occur, how much rarer in English (Zipf)
                          it must be, and how common in English it may be at
                          most (``deceived`` beside ``received`` is left alone);
``word_topical = 3``, ``word_surprise = 3``
                          how many times commoner than in ordinary English the
                          frequent word must be in this text (a word of its
                          subject), and the rare word too (so that a long
                          novel's one ``risible`` beside its many ``visible``
                          is left alone).

The work is done on *distinct* words: one pass over the text counts them, the
checks compare spellings, and only the spellings that were flagged are looked
for again, so a whole book is analysed about as fast as it can be read.
Occurrences inside protected spans are never reported.

For whole books, :func:`name_clusters` groups the names of several texts (for a
draft glossary and a cross-file consistency report) and :func:`ocr_candidates`
lists a text's OCR-damaged names.
"""

from __future__ import annotations

import dataclasses
import functools

import re
import weakref
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import regex

from ..model import CleanupError, Document, Edit, Rule, Tier
from .. import english
from ..translit import name_key
from . import Detector, make_edit, param

__all__ = ["NameCluster", "compile", "name_clusters", "ocr_candidates", "word_counts"]

_LETTERS = regex.compile(r"\p{L}+")

#: Russian case endings an MT engine may leave on a romanised name
CASE_ENDINGS: tuple[str, ...] = (
    "yami", "iami", "ami", "ogo", "ego", "omu", "emu", "ovi", "akh", "yakh",
    "om", "em", "ym", "im", "oi", "oy", "ei", "ey", "yu", "iu", "ya", "ia", "ye", "ah",
    "a", "u", "e", "y", "i",
)  # fmt: skip
_CASE_ENDINGS_SORTED = tuple(sorted(set(CASE_ENDINGS), key=lambda e: (-len(e), e)))

#: final letters a Russian name drops before its case ending (Natasha -> Natash-u)
_STEM_VOWELS: tuple[str, ...] = ("iy", "ii", "yi", "ij", "ya", "ia", "a", "y", "i")

#: the Cyrillic letters OCR confuses, as they come out of romanisation
_OCR_PAIRS: frozenset[tuple[str, str]] = frozenset(
    {("n", "p"), ("p", "n"), ("i", "n"), ("n", "i"), ("ш", "щ"), ("щ", "ш"), ("v", "z"), ("z", "v")}
)
#: a rare word at least this common in English (Zipf) is taken to be spelled right
_OCR_MAX_ZIPF = 3.0
#: letters in one OCR confusion class share a placeholder in the skeleton
_OCR_CLASS = str.maketrans({"n": "#", "p": "#", "i": "#", "v": "%", "z": "%", "щ": "ш"})


# --- counting words ---------------------------------------------------------------


def word_counts(text: str, chunks: Counter[str] | None = None) -> Counter[str]:
    """How often each run of letters occurs in ``text`` (case kept).

    The text is split on white space first and the distinct pieces are then
    cut into letter runs, which is several times faster than one regular
    expression over the whole text. ``chunks`` are the pieces' counts when the
    caller has them (:attr:`cleanup.textfacts.TextFacts.chunk_counts`).

    >>> sorted(word_counts("Lenin's words, Lenin-Trotsky: lenin 2x").items())
    [('Lenin', 2), ('Trotsky', 1), ('lenin', 1), ('s', 1), ('words', 1), ('x', 1)]
    """
    counts: dict[str, int] = {}
    get = counts.get
    for token, n in (Counter(text.split()) if chunks is None else chunks).items():
        if token.isalpha():
            counts[token] = get(token, 0) + n
        else:
            for word in _LETTERS.findall(token):
                counts[word] = get(word, 0) + n
    return Counter(counts)


_COUNTS_CACHE: weakref.WeakKeyDictionary[Document, Counter[str]] = weakref.WeakKeyDictionary()


def _doc_counts(doc: Document) -> Counter[str]:
    """The word counts of ``doc``, computed once however many rules ask."""
    try:
        return _COUNTS_CACHE[doc]
    except (KeyError, TypeError):
        pass
    counts = word_counts(doc.text, doc.facts.chunk_counts)  # the pieces are shared with other kinds
    try:
        _COUNTS_CACHE[doc] = counts
    except TypeError:  # pragma: no cover - an unhashable document
        pass
    return counts


def _zipf(word: str) -> float:
    """How common ``word`` is in English on the Zipf scale (0 when unknown).

    The same number as :func:`wordfreq.zipf_frequency` for a single word, from
    :mod:`cleanup.english` (a fast table; wordfreq only for rare words).

    >>> _zipf("opposition"), _zipf("Apposition"), _zipf("Lenipa")
    (4.57, 1.78, 0.0)
    """
    return english.zipf(word.lower())


def _common(word: str) -> float:
    """:func:`_zipf` for a test against a common-word threshold (2.0 and up): never loads wordfreq."""
    return english.table().get(word.lower(), 0.0)


def _is_capitalised(word: str) -> bool:
    """True for a word of letters in Title case (``Lenin``, not ``LENIN`` or ``McLean``).

    >>> _is_capitalised("Lenin"), _is_capitalised("LENIN"), _is_capitalised("McLean"), _is_capitalised("L")
    (True, False, False, False)
    """
    return len(word) > 1 and word[0].isupper() and word[1:].islower()


def _name_like(word: str, counts: Mapping[str, int]) -> bool:
    """True when capitalised ``word`` is used as a name here, not as an ordinary word.

    A capitalised word whose lower-case form the text also uses is an ordinary
    word at the start of a sentence, unless the capitalised form is much the
    commoner (``Soviet`` beside one ``soviet``).
    """
    lower = counts.get(word.lower(), 0)
    return lower == 0 or counts.get(word, 0) >= 5 * lower


# --- settings ---------------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    """The parameters of a ``names`` rule, validated (see the module docs)."""

    variants: bool = True
    ocr: bool = True
    words: bool = True
    variant_tier: Tier | None = None
    ocr_tier: Tier | None = None
    min_frequent: int = 3
    max_rare: int = 2
    max_substitutions: int = 2
    min_name_length: int = 5
    english_zipf: float = 4.0
    word_min_count: int = 5
    word_ratio: float = 5.0
    word_min_length: int = 6
    word_max_rare: int = 2
    word_zipf_gap: float = 1.5
    word_max_zipf: float = 3.0
    word_topical: float = 3.0
    word_surprise: float = 3.0
    short_text: int = 6000
    short_min_frequent: int = 2


def _settings(rule: Rule) -> Settings:
    d = Settings()

    def tier(key: str) -> Tier | None:
        value = param(rule, key, str, None)
        if value is None:
            return None
        try:
            return Tier(value)
        except ValueError:
            raise CleanupError(
                rule.source, f"rule {rule.id!r}: parameter {key!r} must be safe, suggest or review, not {value!r}"
            ) from None

    def count(key: str, default: int) -> int:
        value = param(rule, key, int, default)
        if isinstance(value, bool) or value < 0:
            raise CleanupError(rule.source, f"rule {rule.id!r}: parameter {key!r} must be a whole number >= 0")
        return int(value)

    def number(key: str, default: float) -> float:
        value = param(rule, key, (int, float), default)
        if isinstance(value, bool):
            raise CleanupError(rule.source, f"rule {rule.id!r}: parameter {key!r} must be a number")
        return float(value)

    s = Settings(
        variants=param(rule, "variants", bool, d.variants),
        ocr=param(rule, "ocr", bool, d.ocr),
        words=param(rule, "words", bool, d.words),
        variant_tier=tier("variant_tier"),
        ocr_tier=tier("ocr_tier"),
        min_frequent=count("min_frequent", d.min_frequent),
        max_rare=count("max_rare", d.max_rare),
        max_substitutions=count("max_substitutions", d.max_substitutions),
        min_name_length=count("min_name_length", d.min_name_length),
        english_zipf=number("english_zipf", d.english_zipf),
        word_min_count=count("word_min_count", d.word_min_count),
        word_ratio=number("word_ratio", d.word_ratio),
        word_min_length=count("word_min_length", d.word_min_length),
        word_max_rare=count("word_max_rare", d.word_max_rare),
        word_zipf_gap=number("word_zipf_gap", d.word_zipf_gap),
        word_max_zipf=number("word_max_zipf", d.word_max_zipf),
        word_topical=number("word_topical", d.word_topical),
        word_surprise=number("word_surprise", d.word_surprise),
        short_text=count("short_text", d.short_text),
        short_min_frequent=count("short_min_frequent", d.short_min_frequent),
    )
    if s.short_min_frequent < 2:
        raise CleanupError(rule.source, f"rule {rule.id!r}: short_min_frequent must be at least 2")
    if s.max_rare >= s.min_frequent and s.short_text >= 0:
        raise CleanupError(rule.source, f"rule {rule.id!r}: max_rare must be smaller than min_frequent")
    return s


# --- what the checks find, per distinct spelling -----------------------------------


@dataclass(frozen=True)
class Flag:
    """A spelling the checks want changed or reviewed wherever it occurs.

    ``tier`` is ``None`` for "the rule's tier"; ``check`` names the check that
    raised it (``variant``, ``ocr``, ``case-ending`` or ``word``).
    """

    spelling: str
    replacement: str | None
    tier: Tier | None
    message: str
    check: str
    #: the spellings it was compared with (for the variant check)
    compared: tuple[str, ...] = ()


def _known_spellings(known_terms: Iterable[str]) -> dict[str, list[str]]:
    """Capitalised words of the glossary's terms, by name key (computed once per set of terms: read only)."""
    return _known_spellings_of(frozenset(known_terms))


@functools.lru_cache(maxsize=8)
def _known_spellings_of(known_terms: frozenset[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for term in known_terms:
        for word in _LETTERS.findall(term):
            if _is_capitalised(word):
                spellings = out.setdefault(name_key(word), [])
                if word not in spellings:
                    spellings.append(word)
    return out


def _gendered(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` are the masculine and feminine forms of one name.

    A woman's name is never a misspelling of her husband's, brother's or
    father's, so such a pair is always left alone.

    >>> _gendered("Sedov", "Sedova"), _gendered("Alexandra", "Alexander"), _gendered("Krestinskaya", "Krestinsky")
    (True, True, True)
    >>> _gendered("Joffe", "Ioffe"), _gendered("Lena", "Lenin"), _gendered("Nina", "Zina")
    (False, False, False)
    """
    if a.lower().endswith("a") == b.lower().endswith("a"):
        return False
    fem, masc = (a, b) if a.lower().endswith("a") else (b, a)
    if _is_female_form(fem, masc):
        return True
    # the same name up to romanisation: Sedoff/Sedova, Alexander/Alexandra
    key = name_key(fem[:-1])
    return key in (name_key(masc), name_key(_without_last_vowel(masc)))


def _without_last_vowel(word: str) -> str:
    """``word`` with its last ``e`` or ``o`` dropped (Alexander -> Alexandr)."""
    for i in range(len(word) - 1, 0, -1):
        if word[i] in "eo":
            return word[:i] + word[i + 1 :]
    return word


_ADJECTIVAL_END = regex.compile(r"(?:iy|ii|ij|yi|oy|oi|y|i)$")


def _is_female_form(word: str, name: str) -> bool:
    """True when ``word`` is the feminine form of ``name`` (-a, or -aya for -sky, -oy).

    >>> _is_female_form("Sedova", "Sedov"), _is_female_form("Lenina", "Lenin")
    (True, True)
    >>> _is_female_form("Krestinskaya", "Krestinsky"), _is_female_form("Tolstaya", "Tolstoy")
    (True, True)
    >>> _is_female_form("Leninu", "Lenin"), _is_female_form("Trotskya", "Trotsky")
    (False, False)
    """
    w, n = word.lower(), name.lower()
    if w == n + "a":
        return n[-1:] not in "aeiouy"
    root = _ADJECTIVAL_END.sub("", n)
    return root != n and len(root) >= 3 and w in (root + "aya", root + "aia", root + "aja")


def _variant_flags(counts: Mapping[str, int], known_terms: Iterable[str], s: Settings) -> list[Flag]:
    known = _known_spellings(known_terms)
    clusters: dict[str, dict[str, int]] = {}
    for word, n in counts.items():
        if len(word) >= 3 and _is_capitalised(word) and _name_like(word, counts):
            key = name_key(word)
            if not key.strip():
                continue  # no Latin letters to compare (a Cyrillic word): not a romanised name
            clusters.setdefault(key, {})[word] = n
    flags: list[Flag] = []
    for key, spellings in clusters.items():
        glossary = known.get(key, [])
        if len(spellings) < 2 and all(w in spellings for w in glossary):
            continue
        flags.extend(_cluster_flags(spellings, glossary, s))
    return flags


def _cluster_flags(spellings: Mapping[str, int], glossary: list[str], s: Settings) -> list[Flag]:
    """The flags for one group of spellings sharing a name key."""
    ranked = sorted(spellings.items(), key=lambda item: (-item[1], item[0]))
    if glossary:
        preferred = max(glossary, key=lambda w: (spellings.get(w, 0), w))
    elif ranked[0][1] > ranked[1][1]:
        preferred = ranked[0][0]
    else:
        return _tie_flags(ranked, s)
    n_preferred = spellings.get(preferred, 0)
    out: list[Flag] = []
    for word, n in ranked:
        if word == preferred or word in glossary or _gendered(word, preferred) or _both_english(word, preferred, s):
            continue
        # a spelling that is also a common English word (Marks beside Marx) is only reported
        tier = Tier.REVIEW if max(_common(word), _common(preferred)) >= s.english_zipf else s.variant_tier
        if glossary:
            counted = f"{n} here vs {n_preferred}" if n_preferred else f"{n} here, '{preferred}' not used"
            message = f"'{word}' is spelled '{preferred}' in the glossary ({counted})"
        else:
            message = f"'{word}' is spelled '{preferred}' elsewhere in this text ({n} vs {n_preferred})"
        out.append(Flag(word, preferred, tier, message, "variant", (preferred,)))
    return out


def _tie_flags(ranked: list[tuple[str, int]], s: Settings) -> list[Flag]:
    """Spellings of one name equally common: a finding for each, with no proposal."""
    top = ranked[0][1]
    tied = [w for w, n in ranked if n == top]
    counts = ", ".join(f"'{w}' {n}" for w, n in ranked)
    out: list[Flag] = []
    for word in tied:
        rivals = [w for w in tied if w != word and not _gendered(w, word) and not _both_english(w, word, s)]
        if rivals:
            message = f"'{word}' is also spelled {_quoted(rivals)} in this text, as often ({counts}): choose one"
            out.append(Flag(word, None, Tier.REVIEW, message, "variant", tuple(rivals)))
    return out


def _both_english(a: str, b: str, s: Settings) -> bool:
    return min(_common(a), _common(b)) >= s.english_zipf


def _quoted(words: list[str]) -> str:
    return ", ".join(f"'{w}'" for w in words)


# --- OCR confusions -----------------------------------------------------------------


def _units(word: str) -> str:
    """``word`` in lower case with ``shch`` and ``sh`` as one letter each (``щ``, ``ш``).

    >>> _units("Khrushchev"), _units("Shishkin")
    ('khruщev', 'шiшkin')
    """
    return word.lower().replace("shch", "щ").replace("sh", "ш")


def _letters(units: str) -> str:
    return units.replace("щ", "shch").replace("ш", "sh")


def _ocr_substitutions(a: str, b: str) -> int | None:
    """How many OCR confusions turn unit string ``a`` into ``b``; ``None`` if others are needed.

    >>> _ocr_substitutions("lenip", "lenin"), _ocr_substitutions("leniv", "lenin"), _ocr_substitutions("x", "x")
    (1, None, 0)
    """
    if len(a) != len(b):
        return None
    n = 0
    for x, y in zip(a, b):
        if x != y:
            if (x, y) not in _OCR_PAIRS:
                return None
            n += 1
    return n


@dataclass(frozen=True)
class _Base:
    """A frequent name, or its stem without a final vowel, as the OCR check indexes it."""

    name: str
    stem: str  # in units
    dropped: str  # the final letters dropped from the name to get the stem ("" or "a", "y"...)


def _stems(name: str) -> Iterator[_Base]:
    units = _units(name)
    yield _Base(name, units, "")
    for vowel in _STEM_VOWELS:
        if units.endswith(vowel) and len(units) - len(vowel) >= 4:
            yield _Base(name, units[: -len(vowel)], vowel)
            break


@dataclass(frozen=True)
class OcrMatch:
    """A rare word explained as a frequent name with OCR confusions and/or a case ending."""

    rare: str
    frequent: str
    substitutions: int
    ending: str
    replacement: str
    #: what OCR read for what, e.g. ``("n read as p",)``
    confusions: tuple[str, ...] = ()


def _ocr_matches(counts: Mapping[str, int], known_terms: Iterable[str], s: Settings) -> list[OcrMatch]:
    frequent: dict[str, list[_Base]] = {}
    for word, n in counts.items():
        if n >= s.min_frequent and len(word) >= 4 and _is_capitalised(word) and _name_like(word, counts):
            for base in _stems(word):
                frequent.setdefault(base.stem.translate(_OCR_CLASS), []).append(base)
    if not frequent:
        return []
    known = set(known_terms)
    matches: list[OcrMatch] = []
    for word, n in counts.items():
        if n > s.max_rare or len(word) < 4 or word in known or not _is_capitalised(word):
            continue
        if counts.get(word.lower(), 0):
            continue  # an ordinary word at the start of a sentence
        if _common(word) >= _OCR_MAX_ZIPF:
            continue  # a word or name English knows well (Germane beside German)
        match = _explain(word, counts, frequent, s)
        if match is not None and counts.get(match.frequent, 0) <= n:
            continue  # the 'frequent' name must be the commoner spelling
        if match is not None and s.short_text < 0 and counts.get(match.frequent, 0) < 3 and not match.substitutions:
            continue  # a name seen twice and a bare case form: too little evidence
        if match is not None and (match.substitutions or not _zipf(word)):
            # a bare case form must be unknown to English: Leninu, not Christi
            matches.append(match)
    return matches


def _explain(word: str, counts: Mapping[str, int], frequent: Mapping[str, list[_Base]], s: Settings) -> OcrMatch | None:
    """The best frequent name ``word`` can be read as, or ``None``."""
    units = _units(word)
    best: tuple[tuple[int, int, int, int], OcrMatch] | None = None
    key_word = name_key(word)
    for ending in ("",) + _CASE_ENDINGS_SORTED:
        if not units.endswith(ending):
            continue
        stem = units[: len(units) - len(ending)] if ending else units
        if len(stem) < 4:
            continue
        for base in frequent.get(stem.translate(_OCR_CLASS), ()):
            if base.name == word or name_key(base.name) == key_word:
                continue  # the same word, or a spelling variant: the variant check's business
            subs = _ocr_substitutions(stem, base.stem)
            if subs is None or subs > s.max_substitutions:
                continue
            if subs == 0 and not ending:
                continue  # the frequent name's own stem: not a form of it
            if subs and len(base.name) < s.min_name_length:
                continue
            if subs > 1 and len(base.stem) < 7:
                continue
            if not subs and _is_female_form(word, base.name):
                continue  # Sedova beside Sedov: a woman, not a case form
            repaired = _letters(base.stem) + ending
            replacement = base.name
            if subs and ending and counts.get(repaired[:1].upper() + repaired[1:], 0):
                replacement = repaired[:1].upper() + repaired[1:]  # Sedopa -> Sedova when the text has it
            confusions = tuple(
                f"{_letters(right)} read as {_letters(wrong)}" for wrong, right in zip(stem, base.stem) if wrong != right
            )
            match = OcrMatch(word, base.name, subs, ending, replacement, confusions)
            rank = (0 if subs else 1, subs, len(ending), -counts.get(base.name, 0))
            if best is None or rank < best[0]:
                best = (rank, match)
    return None if best is None else best[1]


def _ocr_flags(counts: Mapping[str, int], known_terms: Iterable[str], s: Settings, taken: set[str]) -> list[Flag]:
    flags: list[Flag] = []
    for m in _ocr_matches(counts, known_terms, s):
        if m.rare in taken:
            continue
        n_rare, n_frequent = counts[m.rare], counts[m.frequent]
        if m.substitutions:
            ending = f" and left with the Russian case ending '-{m.ending}'" if m.ending else ""
            message = (
                f"'{m.rare}' ({n_rare} here) looks like '{m.frequent}' ({n_frequent} here) misread by OCR "
                f"({', '.join(m.confusions)}){ending}: read as '{m.replacement}'"
            )
            flags.append(Flag(m.rare, m.replacement, s.ocr_tier, message, "ocr"))
        else:
            message = (
                f"'{m.rare}' ({n_rare} here) looks like '{m.frequent}' ({n_frequent} here) "
                f"with the Russian case ending '-{m.ending}' left by the translation"
            )
            flags.append(Flag(m.rare, m.frequent, Tier.REVIEW, message, "case-ending"))
    return flags


# --- real-word confusions -------------------------------------------------------------


def _word_flags(counts: Mapping[str, int], known_terms: Iterable[str], s: Settings, taken: set[str]) -> list[Flag]:
    """Rare words one letter from a frequent word of the text's subject (the ``words`` check)."""
    lower: dict[str, int] = {}
    for word, n in counts.items():
        if len(word) >= s.word_min_length and (word.islower() or _is_capitalised(word)):
            key = word.lower()
            lower[key] = lower.get(key, 0) + n
    cut = 3  # substitutions in the last letters are inflections (united/unites), not misreadings
    total = sum(counts.values())
    index: dict[str, list[str]] = {}
    for word, n in lower.items():
        # only the words of this text's subject: many times commoner here than in English
        if n >= s.word_min_count and n >= s.word_topical * _expected(_zipf(word), total):
            for i in range(len(word) - cut):
                index.setdefault(f"{word[:i]}?{word[i + 1:]}", []).append(word)
    if not index:
        return []
    known = {t.lower() for t in known_terms}
    flags: list[Flag] = []
    for word, n in lower.items():
        if n > s.word_max_rare or word in known or word in taken or word not in counts:
            continue  # too common, declared right, already flagged, or only ever a name
        best: tuple[int, str] | None = None
        for i in range(len(word) - cut):
            for other in index.get(f"{word[:i]}?{word[i + 1:]}", ()):
                m = lower[other]
                if other != word and m >= s.word_ratio * n and (best is None or m > best[0]):
                    best = (m, other)
        if best is None:
            continue
        m, other = best
        z_rare, z_frequent = _zipf(word), _zipf(other)
        if z_rare > z_frequent - s.word_zipf_gap or z_rare > s.word_max_zipf:
            continue
        # the rare word must be commoner here than English explains: in a long
        # novel, one 'risible' beside many 'visible' is just English
        if n < s.word_surprise * _expected(z_rare, total):
            continue
        english = f"a rare English word (Zipf {z_rare:.1f} vs {z_frequent:.1f})" if z_rare else "not an English word"
        message = (
            f"'{word}' ({n} here) is one letter from '{other}' ({m} here) and {english}: "
            f"probably a misread '{other}'"
        )
        flags.append(Flag(word, other, Tier.REVIEW, message, "word"))
        cap = word.capitalize()
        if cap in counts and cap not in taken:
            flags.append(Flag(cap, other.capitalize(), Tier.REVIEW, message.replace(f"'{word}'", f"'{cap}'", 1), "word"))
    return flags


def _expected(zipf: float, total: int) -> float:
    """How often a word of Zipf frequency ``zipf`` occurs among ``total`` words of English.

    >>> round(_expected(4.0, 1_000_000), 3)
    10.0
    """
    return total * 10 ** (zipf - 9) if zipf else 0.0


# --- the detector ---------------------------------------------------------------------


def analyse(
    counts: Mapping[str, int],
    known_terms: Iterable[str] = (),
    settings: Settings | None = None,
    text: str | None = None,
) -> list[Flag]:
    """Every spelling the three checks flag, given a text's word counts.

    With the ``text`` itself, two spellings of a surname that always follow
    different first names (``Adolph Joffe`` the diplomat, ``Abram Ioffe`` the
    physicist) are taken for two people and left alone.

    >>> counts = word_counts("Lenin wrote. Lenin spoke. Lenin left. Marx and Lenipa.")
    >>> [(f.spelling, f.replacement, f.check) for f in analyse(counts)]
    [('Lenipa', 'Lenin', 'ocr')]
    """
    s = settings or Settings()
    known = frozenset(known_terms)
    flags: list[Flag] = []
    if s.variants:
        variants = _variant_flags(counts, known, s)
        if text is not None:
            context = _Context(text, counts)
            variants = [f for f in variants if not all(context.different_people(f.spelling, o) for o in f.compared)]
        flags.extend(variants)
    taken = {f.spelling for f in flags}
    if s.ocr:
        flags.extend(_ocr_flags(counts, known, s, taken))
        taken |= {f.spelling for f in flags}
    if s.words:
        flags.extend(_word_flags(counts, known, s, taken))
    return flags


class _Context:
    """What precedes the occurrences of a name in one text: its first names and initials."""

    def __init__(self, text: str, counts: Mapping[str, int]) -> None:
        self.text = text
        self.counts = counts
        self._names: dict[str, set[str]] = {}

    def first_names(self, word: str) -> set[str]:
        """The first names (or initials, as one letter) written just before ``word``.

        >>> sorted(_Context("Adolph Joffe met A. Joffe, and the Joffe.", {}).first_names("Joffe"))
        ['A', 'Adolph']
        """
        found = self._names.get(word)
        if found is not None:
            return found
        found = set()
        text = self.text
        for start, _ in _occurrences(text, [word]):
            j = start
            while j > 0 and text[j - 1] in " \t\u00a0":
                j -= 1
            if j == start or j == 0:
                continue
            initial = text[j - 1] == "." and j >= 2 and text[j - 2].isupper() and (j == 2 or not text[j - 3].isalpha())
            if initial:
                found.add(text[j - 2])
                continue
            k = j
            while k > 0 and text[k - 1].isalpha():
                k -= 1
            token = text[k:j]
            if token != word and _is_capitalised(token) and _name_like(token, self.counts):
                found.add(token)
        self._names[word] = found
        return found

    def different_people(self, a: str, b: str) -> bool:
        """True when ``a`` and ``b`` follow first names, and never compatible ones."""
        names_a, names_b = self.first_names(a), self.first_names(b)
        if not names_a or not names_b:
            return False
        return not any(_same_first_name(x, y) for x in names_a for y in names_b)


def _same_first_name(a: str, b: str) -> bool:
    """True when first names (or initials) ``a`` and ``b`` may be the same person's.

    >>> _same_first_name("Lev", "Lev"), _same_first_name("L", "Lev"), _same_first_name("Adolph", "Abram")
    (True, True, False)
    """
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return name_key(a) == name_key(b)


def compile(rule: Rule) -> Detector:
    """Compile a ``names`` rule into a detector (see the module docs for its parameters)."""
    settings = _settings(rule)

    short = dataclasses.replace(
        settings,
        min_frequent=min(settings.min_frequent, settings.short_min_frequent),
        max_rare=settings.max_rare,
        short_text=-1,
    )

    def detect(doc: Document) -> Iterator[Edit]:
        s = short if len(doc.text) <= settings.short_text else settings
        flags = {f.spelling: f for f in analyse(_doc_counts(doc), doc.known_terms, s, doc.text)}
        if not flags:
            return
        for start, end in _occurrences(doc.text, flags):
            flag = flags[doc.text[start:end]]
            if doc.is_protected(start, end):
                continue
            yield make_edit(rule, doc, start, end, flag.replacement, message=flag.message, tier=flag.tier)

    return detect


def _occurrences(text: str, spellings: Iterable[str]) -> list[tuple[int, int]]:
    """``(start, end)`` of every whole-word occurrence of the spellings, in text order.

    A few spellings are found with :meth:`str.find`, which is faster than any
    pattern; more with one pattern shaped as a trie, which the standard
    :mod:`re` engine runs at a steady speed however many words it holds.

    >>> _occurrences("Lenipa's work; Lenipa, xLenipa", ["Lenipa"])
    [(0, 6), (15, 21)]
    >>> _occurrences("an apposition, in Lenipa", ["Lenipa", "apposition"] + [f"w{i}" for i in range(20)])
    [(3, 13), (18, 24)]
    """
    words = sorted(set(spellings))
    out: list[tuple[int, int]] = []
    if len(words) <= 8:
        for word in words:
            i = text.find(word)
            while i >= 0:
                end = i + len(word)
                if (i == 0 or not text[i - 1].isalpha()) and (end == len(text) or not text[end].isalpha()):
                    out.append((i, end))
                i = text.find(word, end)
        out.sort()
        return out
    trie = _trie_pattern(words)
    if len(words) <= 100:
        # without a look-behind the engine can skip to the possible first letters
        pattern = re.compile(f"(?:{trie})(?![^\\W\\d_])")
        for m in pattern.finditer(text):
            i = m.start()
            if i == 0 or not text[i - 1].isalpha():
                out.append(m.span())
        return out
    pattern = re.compile(f"(?<![^\\W\\d_])(?:{trie})(?![^\\W\\d_])")
    return [m.span() for m in pattern.finditer(text)]


def _trie_pattern(words: Iterable[str]) -> str:
    """One pattern for ``words`` that shares their common prefixes, longest match first.

    >>> _trie_pattern(["Lenin", "Lenipa", "Lena"])
    'Len(?:a|i(?:n|pa))'
    >>> _trie_pattern(["an", "and"])
    'an(?:d)?'
    """
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        alternatives = [re.escape(ch) + build(node[ch]) for ch in sorted(node) if ch]
        if not alternatives:
            return ""
        body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(root)


# --- whole books ----------------------------------------------------------------------


@dataclass(frozen=True)
class NameCluster:
    """The spellings of one name across a set of texts.

    ``spellings`` pairs each spelling with its count, commonest first;
    ``texts`` pairs each spelling with the indices of the texts that use it;
    ``preferred`` is the glossary's spelling if it has one, else the majority
    spelling, or ``None`` on a tie.
    """

    key: str
    spellings: tuple[tuple[str, int], ...]
    preferred: str | None
    texts: tuple[tuple[str, tuple[int, ...]], ...] = ()

    @property
    def total(self) -> int:
        """All occurrences of the name, whatever the spelling."""
        return sum(n for _, n in self.spellings)

    @property
    def is_consistent(self) -> bool:
        """True when the name has one spelling only."""
        return len(self.spellings) == 1


def name_clusters(
    texts: Iterable[str],
    known_terms: Iterable[str] = (),
    min_count: int = 1,
    english_zipf: float = 5.0,
) -> list[NameCluster]:
    """The names of ``texts`` grouped by :func:`~cleanup.translit.name_key`, commonest first.

    A capitalised word counts as a name when the texts do not also use it in
    lower case and it is not a very common English word (Zipf ``english_zipf``
    or more: ``However``, ``Therefore``). Clusters with fewer than ``min_count``
    occurrences in all are left out; feminine forms (``Sedova``) are separate
    names because their keys differ.

    >>> [c.spellings for c in name_clusters(["Ioffe and Joffe.", "Joffe wrote to Joffe."]) if c.key == "iofe"]
    [(('Joffe', 3), ('Ioffe', 1))]
    """
    return clusters_from_counts([word_counts(t) for t in texts], known_terms, min_count, english_zipf)


def name_counts(text: str, lower: Iterable[str] = ()) -> Counter[str]:
    """What :func:`clusters_from_counts` needs of one text: its capitalised words' counts,
    and the counts of the lower-case words in ``lower`` (the lower-case forms of the
    capitalised words of all the texts): far smaller than the text's whole word count.

    >>> sorted(name_counts("Joffe and joffe, Lenin.", {"joffe", "lenin"}).items())
    [('Joffe', 1), ('Lenin', 1), ('joffe', 1)]
    """
    wanted = frozenset(lower)
    return Counter({w: n for w, n in word_counts(text).items() if _is_capitalised(w) or w in wanted})


def clusters_from_counts(
    per_text: Sequence[Mapping[str, int]],
    known_terms: Iterable[str] = (),
    min_count: int = 1,
    english_zipf: float = 5.0,
) -> list[NameCluster]:
    """:func:`name_clusters` from each text's word counts (all of them, or :func:`name_counts`)."""
    total: Counter[str] = Counter()
    for c in per_text:
        total.update(c)
    known = _known_spellings(known_terms)
    clusters: dict[str, dict[str, int]] = {}
    for word, n in total.items():
        if _is_capitalised(word) and _name_like(word, total) and _common(word) < english_zipf:
            clusters.setdefault(name_key(word), {})[word] = n
    out: list[NameCluster] = []
    for key, spellings in clusters.items():
        ranked = tuple(sorted(spellings.items(), key=lambda item: (-item[1], item[0])))
        if sum(n for _, n in ranked) < min_count:
            continue
        glossary = known.get(key, [])
        preferred: str | None
        if glossary:
            preferred = max(glossary, key=lambda w: (spellings.get(w, 0), w))
        elif len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
            preferred = ranked[0][0]
        else:
            preferred = None
        where = tuple((w, tuple(i for i, c in enumerate(per_text) if w in c)) for w, _ in ranked)
        out.append(NameCluster(key, ranked, preferred, where))
    out.sort(key=lambda c: (-c.total, c.key))
    return out


def ocr_candidates(
    text: str, min_frequent: int = 3, max_rare: int = 2, known_terms: Iterable[str] = ()
) -> list[tuple[str, str, int, int]]:
    """``(rare, frequent, count_rare, count_frequent)`` for each name of ``text`` OCR garbled.

    Only misreadings are listed (``Lenipa`` for ``Lenin``), not bare case forms.

    >>> ocr_candidates("Lenin said. Lenin wrote. Lenin's work and Lenipa's.")
    [('Lenipa', 'Lenin', 1, 3)]
    """
    counts = word_counts(text)
    s = Settings(min_frequent=min_frequent, max_rare=max_rare)
    found = [(m.rare, m.frequent, counts[m.rare], counts[m.frequent]) for m in _ocr_matches(counts, known_terms, s)]
    return sorted((m for m in found if m[0] != m[1]), key=lambda m: (-m[3], m[0]))
