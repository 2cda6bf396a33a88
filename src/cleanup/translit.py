"""Russian in Latin letters: the romanisation schemes a translated text may contain.

A machine translation that gives up on a Russian word usually leaves it behind
romanised, and it does so inconsistently: one text has ``Khrushchev``, the
next ``Hrushchov``, a library catalogue ``Khrushchev`` with ALA-LC rules and a
Russian passport office ``Hrushchev``. This module knows the common schemes,
so the rest of cleanup can ask two questions of a Latin word: *could this be
Russian?* (the tables feed the training of the Russian-translit model, see
``tools/train_foreign.py``) and *which Russian word, or name, is it?*
(:func:`name_key`).

Every scheme here writes plain ASCII: where a standard prescribes a diacritic
(BGN/PCGN ``ë``, ALA-LC ``ė`` and the tie bars of ``t͡s``), the letter is written
without it, which is how these spellings appear in ordinary text anyway.

The schemes:

``bgn``
    BGN/PCGN (1947), the one English-language maps, newspapers and most
    Wikipedia articles follow: ``Хрущёв`` → ``Khrushchev``, ``е`` → ``ye`` at the
    start of a word and after a vowel, ``й`` or a sign.
``alalc``
    ALA-LC (library catalogues) without its diacritics: ``й`` → ``i``,
    ``ю`` → ``iu``, ``я`` → ``ia``.
``iso9b``
    ISO 9 system B, as GOST 7.79-2000 system B: the ASCII-only variant of ISO 9,
    ``х`` → ``x``, ``щ`` → ``shh``, ``ц`` → ``c`` before ``e i y j`` and ``cz``
    elsewhere, and back-ticks for the signs, ``ы`` and ``э``.
``scholarly``
    The scientific (linguists') transliteration in ASCII: its háček letters
    ``ž č š šč`` become ``zh ch sh shch``, but ``х`` stays ``x``, ``ц`` stays
    ``c`` and ``й ю я`` keep their ``j``.
``loose``
    What machine translation and people typing in a hurry produce. There is no
    single loose spelling, so besides the default one :func:`romanize` returns,
    :func:`variants` also enumerates the usual alternatives: ``й`` → ``y``/``i``,
    ``х`` → ``kh``/``h``, ``щ`` → ``shch``/``sch``, ``ё`` → ``e``/``yo``,
    ``ю`` → ``yu``/``iu``/``u``, ``я`` → ``ya``/``ia``, a word-final ``-ий``/``-ый``
    as ``-y``, ``-iy``, ``-ii``, ``-yi``..., and both signs dropped.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Iterator, Sequence
from functools import lru_cache

import regex

__all__ = ["SCHEMES", "is_cyrillic_word", "name_key", "romanize", "variants"]

#: the scheme names :func:`romanize` accepts, in a fixed order
SCHEMES: tuple[str, ...] = ("bgn", "alalc", "iso9b", "scholarly", "loose")

_VOWELS = frozenset("аеёиоуыэюя")
#: after these (and at the start of a word) BGN/PCGN writes е as "ye", ё as "ye"
_IOTATING = _VOWELS | frozenset("йъь")

# The letters every scheme writes alike.
_COMMON: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "з": "z", "и": "i",
    "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "ч": "ch", "ш": "sh",
}  # fmt: skip

# What each scheme does with the rest (context rules are in _options).
_TABLES: dict[str, dict[str, str]] = {
    "bgn": {
        "е": "e", "ё": "e", "ж": "zh", "й": "y", "х": "kh", "ц": "ts", "щ": "shch",
        "ъ": '"', "ы": "y", "ь": "'", "э": "e", "ю": "yu", "я": "ya",
    },
    "alalc": {
        "е": "e", "ё": "e", "ж": "zh", "й": "i", "х": "kh", "ц": "ts", "щ": "shch",
        "ъ": '"', "ы": "y", "ь": "'", "э": "e", "ю": "iu", "я": "ia",
    },
    "iso9b": {
        "е": "e", "ё": "yo", "ж": "zh", "й": "j", "х": "x", "ц": "cz", "щ": "shh",
        "ъ": "``", "ы": "y`", "ь": "`", "э": "e`", "ю": "yu", "я": "ya",
    },
    "scholarly": {
        "е": "e", "ё": "e", "ж": "zh", "й": "j", "х": "x", "ц": "c", "щ": "shch",
        "ъ": '"', "ы": "y", "ь": "'", "э": "e", "ю": "ju", "я": "ja",
    },
    "loose": {
        "е": "e", "ё": "e", "ж": "zh", "й": "y", "х": "kh", "ц": "ts", "щ": "shch",
        "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    },
}  # fmt: skip

# The loose scheme's alternatives; the first of each is the default.
_LOOSE_ALTERNATIVES: dict[str, tuple[str, ...]] = {
    "й": ("y", "i"),
    "х": ("kh", "h"),
    "щ": ("shch", "sch"),
    "ё": ("e", "yo"),
    "ю": ("yu", "iu", "u"),
    "я": ("ya", "ia"),
}
_LOOSE_FINAL_IY: tuple[str, ...] = ("y", "iy", "ii", "i")  # word-final -ий
_LOOSE_FINAL_YY: tuple[str, ...] = ("y", "yy", "yi", "iy")  # word-final -ый

#: at most this many loose spellings of one word are enumerated
MAX_LOOSE_VARIANTS = 48

#: the endings of Russian (and Ukrainian, Georgian, Armenian) surnames in Latin letters,
#: feminine forms included: a lower-cased word that ends so may be a surname
SURNAME_ENDING = regex.compile(
    r"(?:ov|ev|ova|eva|in|ina|yn|yna|sky|skiy|skii|skaya|ky|enko|uk|yuk|ich|vich|vna|shvili|dze|yan)$"
)

_MARKS = str.maketrans("", "", "'\"`")


def is_cyrillic_word(word: str) -> bool:
    """True when ``word`` is non-empty and written only in the Russian alphabet.

    >>> is_cyrillic_word("Хрущёв"), is_cyrillic_word("Khrushchev"), is_cyrillic_word("ПВО-2")
    (True, False, False)
    """
    return bool(word) and all(c in _RUSSIAN_LETTERS for c in word.lower())


_RUSSIAN_LETTERS = frozenset(_COMMON) | frozenset(_TABLES["bgn"])


def _units(lower: str, scheme: str) -> Iterator[tuple[int, int, tuple[str, ...]]]:
    """Split ``lower`` into ``(start, end, options)``; the first option is the default."""
    n = len(lower)
    table = _TABLES[scheme]
    i = 0
    while i < n:
        c = lower[i]
        prev = lower[i - 1] if i else ""
        nxt = lower[i + 1] if i + 1 < n else ""
        if scheme == "loose" and i == n - 2 and c in "иы" and nxt == "й" and i > 0:
            yield i, n, _LOOSE_FINAL_IY if c == "и" else _LOOSE_FINAL_YY
            return
        if c in _COMMON:
            options: tuple[str, ...] = (_COMMON[c],)
        elif c not in table:
            options = (c,)  # not a Russian letter: passed through unchanged
        elif scheme == "bgn" and c in "её" and (not prev or prev in _IOTATING):
            options = ("ye",)
        elif scheme == "iso9b" and c == "ц":
            # "c" where the next letter's spelling starts with e, i, y or j
            options = (
                ("c",)
                if nxt and _TABLES["iso9b"].get(nxt, _COMMON.get(nxt, "-"))[0] in "eiyj"
                else ("cz",)
            )
        elif scheme == "loose":
            if c in "её" and (not prev or prev in _IOTATING):
                options = ("e", "ye") if c == "е" else ("e", "yo", "ye")
            elif c == "ю" and (not prev or prev in _IOTATING):
                options = ("yu", "iu")  # a bare "u" only after a consonant
            else:
                options = _LOOSE_ALTERNATIVES.get(c, (table[c],))
        else:
            options = (table[c],)
        yield i, i + 1, options
        i += 1


def _cased(out: str, source: str, all_upper: bool) -> str:
    if not out or not source[0].isupper():
        return out
    return out.upper() if all_upper else out[0].upper() + out[1:]


@lru_cache(maxsize=65536)
def romanize(word: str, scheme: str = "bgn") -> str:
    """``word`` in Latin letters by ``scheme`` (one of :data:`SCHEMES`), case kept.

    Characters that are not Russian letters pass through unchanged.

    >>> [romanize("Хрущёв", s) for s in SCHEMES]
    ['Khrushchev', 'Khrushchev', 'Xrushhyov', 'Xrushchev', 'Khrushchev']
    >>> romanize("Дзержинский", "alalc"), romanize("Дзержинский", "loose")
    ('Dzerzhinskii', 'Dzerzhinsky')
    >>> romanize("Ельцин", "bgn"), romanize("Ельцин", "iso9b"), romanize("ЦК", "iso9b")
    ("Yel'tsin", 'El`cin', 'CZK')
    """
    if scheme not in _TABLES:
        raise ValueError(
            f"unknown romanisation scheme {scheme!r} (known: {', '.join(SCHEMES)})"
        )
    lower = word.lower()
    all_upper = len(word) > 1 and word.isupper()
    return "".join(
        _cased(options[0], word[start:end], all_upper)
        for start, end, options in _units(lower, scheme)
    )


@lru_cache(maxsize=65536)
def _variants(lower: str, keep_marks: bool) -> frozenset[str]:
    found: set[str] = {romanize(lower, s) for s in SCHEMES if s != "loose"}
    units = list(_units(lower, "loose"))
    choices: Sequence[Sequence[str]] = [options for _, _, options in units]
    for combo in itertools.islice(itertools.product(*choices), MAX_LOOSE_VARIANTS):
        found.add("".join(combo))
    if not keep_marks:
        found = {v.translate(_MARKS) for v in found}
    return frozenset(found)


def variants(word: str, keep_marks: bool = False) -> set[str]:
    """Every spelling of ``word`` the schemes produce, lower-case.

    The loose scheme contributes its alternatives (at most
    :data:`MAX_LOOSE_VARIANTS` of them). The sign letters' marks (``'`` ``"``
    and back-ticks) are dropped unless ``keep_marks`` is true, because a word
    in running text is read as letters only.

    >>> sorted(variants("щука"))
    ['schuka', 'shchuka', 'shhuka']
    >>> sorted(variants("такова"))
    ['takova']
    >>> {"zakluchennyi", "zaklyuchennyy", "zakliuchennyi"} <= variants("заключённый")
    True
    """
    return set(_variants(word.lower(), keep_marks))


# --- one key for many spellings of a name --------------------------------------

_DIGRAPHS: tuple[tuple[str, str], ...] = (
    # order matters: the longest spellings first, each to one placeholder letter
    ("shch", "Q"), ("shh", "Q"), ("sch", "Q"),
    ("tch", "C"), ("ch", "C"), ("zh", "Z"), ("sh", "S"),
    ("kh", "h"), ("ph", "f"),
    ("tz", "ts"), ("cz", "ts"), ("ck", "k"), ("c", "k"), ("q", "k"),
    ("x", "ks"), ("w", "v"), ("ou", "u"),
)  # fmt: skip
_PLACEHOLDERS: tuple[tuple[str, str], ...] = (
    ("Q", "shch"),
    ("C", "ch"),
    ("Z", "zh"),
    ("S", "sh"),
)


@lru_cache(maxsize=65536)
def name_key(word: str) -> str:
    """A key that spellings of one Russian name (or word) in Latin letters share.

    The key forgets what the schemes disagree about: ``y``/``i``/``j``,
    ``ye``/``e`` and ``yo``/``jo``/``e`` after the first letter, a word-initial
    ``J`` (German-style ``Joffe``) versus ``I``, doubled letters, ``kh``/``h``,
    ``ks``/``x``, ``ts``/``tz``, ``w``/``v``, ``ph``/``f``, ``tch``/``ch``,
    ``ou``/``u``, the ``-sky``/``-skiy``/``-skii`` endings and a French or German
    final ``-off``/``-eff`` for ``-ov``/``-ev``. It keeps what tells names apart:
    a feminine ``-a``, a different consonant.

    >>> name_key("Davydovich") == name_key("Davidovich"), name_key("Oloff") == name_key("Olof")
    (True, True)
    >>> name_key("Dostoyevsky") == name_key("Dostoevskii") == name_key("Dostojevskij")
    True
    >>> name_key("Joffe") == name_key("Ioffe"), name_key("Tchaikovsky") == name_key("Chaikovskiy")
    (True, True)
    >>> name_key("Sedov") == name_key("Sedova"), name_key("Nina") == name_key("Zina")
    (False, False)
    >>> name_key("Khrushchev"), name_key("Yevgeny"), name_key("Fyodor")
    ('hrushchev', 'evgeni', 'fedor')
    """
    s = unicodedata.normalize("NFKD", word.lower())
    s = "".join(c for c in s if "a" <= c <= "z")
    if not s:
        return ""
    # the start of the word: J- is I- (Joffe, Ioffe); Ye-/Je- is E- (Yevgeny, Evgeny)
    if s[0] == "j":
        s = "i" + s[1:]
    if s[:2] in ("ye", "je"):
        s = s[1:]
    head, rest = s[0], s[1:]
    # inside the word: ye/je -> e (Dostoyevsky), yo/jo -> e (Fyodor, Semyonov)
    for old in ("ye", "je", "yo", "jo"):
        rest = rest.replace(old, "e")
    s = head + rest
    for old, new in _DIGRAPHS:
        s = s.replace(old, new)
    s = s.replace("y", "i").replace("j", "i")
    s = "".join(c for c, _ in itertools.groupby(s))  # doubled letters
    if s.endswith(("of", "ef")) and len(s) > 3:
        s = s[:-1] + "v"  # Romanoff, Oloff, Olof
    for placeholder, digraph in _PLACEHOLDERS:
        s = s.replace(placeholder, digraph)
    return s
