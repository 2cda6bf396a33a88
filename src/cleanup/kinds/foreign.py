"""The ``foreign`` kind: Russian words a translation left behind, romanised.

A machine translation that does not know a word (slang, an abbreviation, an
archaic term) often copies it over in Latin letters: ``Takova``, ``gepeurs``,
``tovarishch``. This kind finds such words by asking
:class:`~cleanup.foreign.ForeignScorer` how Russian each unfamiliar word looks.
It only reports; choosing the English word is a translator's job, so the
findings carry no replacement.

A word is scored only when all of these hold:

* it is at least ``min_length`` letters, all of them a-z, and written in lower
  case or with just a capital first letter (``GPU`` and ``McKay`` are not
  candidates);
* English does not know it: its wordfreq Zipf frequency is below
  ``english_zipf`` (``sputnik`` and ``Trotsky`` are English enough);
* it is not one of the document's known terms nor in the rule's ``ignore``
  list;
* it is not a name. A capitalised word anywhere but at the start of a
  sentence (or line) is taken for a name, unless the same word also occurs in
  lower case in the document. A capitalised word that occurs only at sentence
  starts is a candidate: that is where ``Takova`` stands.

A lower-case word that begins with the Russian reading of an acronym the text
uses (``gepeurs`` beside ``GPU``: *ge-pe-u*) is a candidate too, whatever its
score: Soviet slang is built that way, and such words look like neither
language.

A candidate is reported, at every occurrence outside the protected spans,
when its score exceeds ``threshold``, or when it exceeds the lower
``lexicon_threshold`` and the word is an exact romanisation (in one of the
schemes of :mod:`cleanup.translit`) of one of the 50,000 most frequent Russian
word forms: ``verno`` and ``tovarishch`` look only mildly Russian to the
models, but they spell ``верно`` and ``товарищ`` letter for letter.

Two more routes make a lower-case word a candidate whatever its score (above
``endings_threshold``): a Russian (or Ukrainian) inflectional ending on a
word English does not know (``-ogo``, ``-skiy``, ``-skaya``, ``-nye``,
``-nykh``, ``-aya``, ``-oy``, ``-ovka``, ``-nik``, ``-noho``: an adjective or
a noun left transliterated), and a word built only of the syllables of Soviet
abbreviations (``raykom``, ``selsovet``, ``sovnarkhoz``, ``partorg``: sov-,
sel-, rai-, gor-, obl-, -kom, -khoz, -sovet, -org ..., with a case ending or
an English plural: ``raykoma``, ``selsovety``, ``partorgs``). Words English has borrowed are spared by
the ``ignore`` list and by the English word list (``kolkhoz``, ``Komsomol``).

Guards against false alarms on correct English:

* in a text that names another people of Russia or the former USSR with a
  language of its own (``Kazakhstan``, ``Bashkir``, ``Yakut``...), the
  models' score alone is not enough: ``maslikhat`` and ``munajat`` are Kazakh
  and Bashkir terms. A word there needs a Russian ending, the syllables of a
  Soviet abbreviation, or both a score above ``threshold`` and an exact match
  in the Russian lexicon (``zavod``; not ``akim``, which Russian borrowed);
* a gloss: a word in a sentence that quotes or glosses a foreign phrase
  (``(Russian: ...)``, ``literally``, ``the proverb``, ``a word meaning``, or a
  parenthesised translation in quotation marks right after it) is left alone;
* a unit (``kbit/s``) and the tail of a name split by an apostrophe
  (``Kon’kova``) are not words;
* an English derivation (``-er``, ``-ers``, ``-ist``, ``-ists``, ``-ism``,
  ``-ite``, ``-ites``) of an English word or of a name the text uses
  (``Leninist`` beside ``Lenin``) is English;
* a capitalised word at the start of a line that continues the previous
  line (verse, hard-wrapped prose) is not at a sentence start, and a
  capitalised word shaped like a Russian surname (``-ov``, ``-ova``,
  ``-sky``, ``-enko``...) is a name wherever it stands.

Parameters: ``threshold`` (float, default :data:`DEFAULT_THRESHOLD`),
``lexicon_threshold`` (float, default :data:`DEFAULT_LEXICON_THRESHOLD`),
``min_length`` (int, default 4), ``english_zipf`` (float, default
:data:`cleanup.foreign.ENGLISH_ZIPF`), ``ignore`` (list of words). The rule's
message, when it has one, may use ``{original}``, ``{russian}`` (the likely
Russian word, or ``?``), ``{hint}`` (`` (такова?)`` or nothing) and
``{score}``.
"""

from __future__ import annotations

import functools

from collections.abc import Callable, Iterable, Iterator

import regex

from ..foreign import ENGLISH_ZIPF, default_scorer, has_russian_ending, is_english_word, is_soviet_abbreviation
from ..model import CleanupError, Document, Edit, Rule
from ..technical import is_technical
from ..translit import SURNAME_ENDING
from . import format_message, make_edit, param

#: the score above which a word is reported; chosen in docs/foreign-detector.md
DEFAULT_THRESHOLD = 0.6
#: the lower bar for a word that spells a frequent Russian word form exactly
DEFAULT_LEXICON_THRESHOLD = 0.0
DEFAULT_MIN_LENGTH = 4
#: the lowest score at which a word with a Russian ending or of Soviet syllables is reported
DEFAULT_ENDINGS_THRESHOLD = -0.5

_GLOSS = regex.compile(
    r"\((?:[Rr]ussian|[Uu]krainian|[Bb]elarusian|[Kk]azakh|[Tt]atar|Rus\.|[Ll]it\.|[Ll]iterally)\b"
    r"|\b(?:literally|proverb|saying|idiom|[Rr]ussian word|[Rr]ussian phrase|words? meaning|means|in Russian|in Cyrillic|transliterat\w*)\b"
)
_GLOSS_AFTER = regex.compile(r"^[\p{L}\s,.!?'’-]{0,60}[\"”»’]?\s*\(\s*[\"“«‘']")
_DERIVATION = regex.compile(r"(?:ers|er|ists|ist|ism|ites|ite|ians|ian)$")
DEFAULT_MESSAGE = "'{original}' looks like untranslated Russian{hint}"
#: a people (or its country) of Russia and the former USSR that has a language of its own
#: (Turkic, Finno-Ugric, Caucasian, Mongolic); a text about one uses that language's
#: words as terms (akim, aul, maslikhat, kurultai), which the models take for Russian
_OTHER_PEOPLE = regex.compile(
    r"\b(?:Kazakh|Kyrgyz|Kirghiz|Uzbek|Tajik|Turkmen|Tatar|Bashkir|Bashkort|Chuvash|Kalmyk|Buryat|Yakut|Sakha"
    r"|Tuva|Khakas|Altai|Chechen|Chechnya|Ingush|Dagestan|Kabardin|Balkar|Karachay|Circassian|Adyg|Osseti"
    r"|Azerbaijan|Azeri|Armenia|Mongol|Udmurt|Komi|Karelia|Nenets|Evenk|Chukchi)"
)

_WORD = regex.compile(r"\b\p{L}+\b")
#: up to this many candidates, their occurrences are found with one alternation
#: skipped when looking back from a word for the end of the previous sentence
_OPENERS = frozenset(" \t\r\u00a0\"'“”‘’«»„([{*_#>-–—•")
_SENTENCE_END = frozenset(".!?…")
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "prof",
        "gen",
        "col",
        "lt",
        "capt",
        "sgt",
        "gov",
        "sen",
        "rep",
        "rev",
        "jr",
        "sr",
        "no",
        "vol",
        "cf",
        "vs",
        "comrade",
        "tov",
    ]
)


def _number(rule: Rule, key: str, default: float, low: float, high: float) -> float:
    value = param(rule, key, (int, float), default)
    if isinstance(value, bool) or not low <= float(value) <= high:
        raise CleanupError(
            rule.source,
            f"rule {rule.id!r}: parameter {key!r} must be a number in [{low}, {high}]",
        )
    return float(value)


def _sentence_initial(text: str, start: int) -> bool:
    """True when the word at ``start`` opens a sentence, a line or the text.

    A full stop after an initial or a title (``L. Sedov``, ``Mr. Sedov``) does
    not end a sentence.

    >>> _sentence_initial('He left. "Takova is it', 10), _sentence_initial("the Takova", 4)
    (True, False)
    >>> _sentence_initial("end\\n- Takova", 6), _sentence_initial("1. Takova", 3)
    (True, True)
    >>> _sentence_initial("and L. Sedov", 7), _sentence_initial("and Dr. Sedov", 8)
    (False, False)
    """
    i = start - 1
    while i >= 0:
        c = text[i]
        if c == "\n":
            # a line that continues the one before (verse, hard-wrapped prose)
            # does not start a sentence, unless it is a list item
            if any(ch in "-–—•*>#" for ch in text[i + 1 : start]):
                return True
            k = i - 1
            while k >= 0 and text[k] in " \t\r":
                k -= 1
            return k < 0 or text[k] == "\n" or text[k] in _SENTENCE_END or text[k] in "\"”’»)]:"
        if c not in _OPENERS:
            if c != ".":
                return c in _SENTENCE_END
            j = i
            while j > 0 and text[j - 1].isalpha():
                j -= 1
            before = text[j:i]
            return not (
                (len(before) == 1 and before.isupper())
                or before.lower() in _ABBREVIATIONS
            )
        i -= 1
    return True


#: Russian names of the letters, as an acronym is read aloud (ГПУ: ge-pe-u)
_LETTER_NAMES = {
    "a": "a", "b": "be", "v": "ve", "g": "ge", "d": "de", "e": "e", "z": "ze",
    "i": "i", "k": "ka", "l": "el", "m": "em", "n": "en", "o": "o", "p": "pe",
    "r": "er", "s": "es", "t": "te", "u": "u", "f": "ef", "h": "kha", "c": "tse",
}  # fmt: skip


def text_words(chunks: Iterable[str]) -> set[str]:
    """The words (:data:`_WORD`) of a text whose white-space-separated pieces are ``chunks``.

    The same set as ``set(_WORD.findall(text))``: a word holds no white space,
    and white space is no word character, so a piece's edges are word
    boundaries in the text as in the piece alone.
    """
    words: set[str] = set()
    for chunk in chunks:
        words.update(_WORD.findall(chunk))
    return words


def _acronym_readings(words: set[str]) -> dict[str, str]:
    """Reading -> acronym, for the all-capital words of the text and their tails.

    Soviet slang builds words on acronyms read aloud: ГПУ gives *гепеур* and
    *гепеушник*, (К)ГБ *гэбист*. A translation that keeps such a word writes
    ``gepeurs``, which looks like neither language to the models, but the text
    nearly always contains the acronym too.

    >>> _acronym_readings({"OGPU", "the"})
    {'ogepeu': 'OGPU', 'gepeu': 'GPU'}
    """
    readings: dict[str, str] = {}
    for word in sorted(words):
        if 2 <= len(word) <= 6 and word.isascii() and word.isalpha() and word.isupper():
            for i in range(len(word) - 1):
                tail = word[i:]
                names = [_LETTER_NAMES.get(c) for c in tail.lower()]
                if all(names):
                    reading = "".join(n for n in names if n)
                    if len(reading) >= 4:
                        readings.setdefault(reading, tail)
    return readings


def _occurrences(text: str, words: list[str]) -> list[tuple[int, int, str]]:
    """Every ``(start, end, word)`` where one of ``words`` stands as a whole word, in text order.

    Each word is looked for with ``str.find`` (at C speed) and kept where no
    word character stands on either side: far faster than an alternation of
    hundreds of words, or a Python pass over every word of the text.

    >>> _occurrences("takova, Takova takovaya", ["takova", "Takova"])
    [(0, 6, 'takova'), (8, 14, 'Takova')]
    """
    found = []
    for word in words:
        pos = text.find(word)
        while pos != -1:
            end = pos + len(word)
            if not (pos and _is_word_char(text[pos - 1])) and not (end < len(text) and _is_word_char(text[end])):
                found.append((pos, end, word))
            pos = text.find(word, pos + 1)
    return sorted(found)


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


@functools.lru_cache(maxsize=8)
def _known_parts(known_terms: frozenset[str]) -> frozenset[str]:
    """The lower-cased words of the glossary's terms (computed once per set of terms)."""
    return frozenset(part.lower() for term in known_terms for part in _WORD.findall(term))


def compile(rule: Rule) -> Callable[[Document], Iterator[Edit]]:
    """Build the detector of a ``foreign`` rule (see the module docstring for parameters)."""
    threshold = _number(rule, "threshold", DEFAULT_THRESHOLD, -20.0, 20.0)
    lexicon_threshold = _number(
        rule, "lexicon_threshold", DEFAULT_LEXICON_THRESHOLD, -20.0, 20.0
    )
    english_zipf = _number(rule, "english_zipf", ENGLISH_ZIPF, 0.0, 8.0)
    min_length = param(rule, "min_length", int, DEFAULT_MIN_LENGTH)
    if isinstance(min_length, bool) or min_length < 1:
        raise CleanupError(
            rule.source,
            f"rule {rule.id!r}: parameter 'min_length' must be a positive integer",
        )
    ignore_list = param(rule, "ignore", (list, tuple), [])
    if not all(isinstance(w, str) for w in ignore_list):
        raise CleanupError(
            rule.source, f"rule {rule.id!r}: parameter 'ignore' must be a list of words"
        )
    ignore = frozenset(w.lower() for w in ignore_list)
    endings_threshold = _number(rule, "endings_threshold", DEFAULT_ENDINGS_THRESHOLD, -20.0, 20.0)
    template = rule.message or DEFAULT_MESSAGE
    scorer = default_scorer()

    def looks_russian(word: str, lower: str, other_language: bool = False) -> bool:
        if not (
            len(word) >= min_length
            and word.isascii()
            and word.isalpha()
            and (word.islower() or (word[0].isupper() and word[1:].islower()))
            and lower not in ignore
            and not is_english_word(lower, english_zipf)
        ):
            return False
        score = scorer.score(lower)
        if other_language:
            # beside another language of the region, looking Russian is not enough: the word
            # must also spell a Russian word (zavod), which that language's terms (maslikhat)
            # do not, or be one that Russian shares with it (akim) and look Russian too
            lexical = score > threshold and scorer.exact_russian(lower) is not None
        else:
            lexical = score > threshold or (score > lexicon_threshold and scorer.exact_russian(lower) is not None)
        return lexical or (
            word.islower()
            and score > endings_threshold
            and (
has_russian_ending(lower) or is_soviet_abbreviation(lower)
            )
        )

    def english_derivation(lower: str, words: set[str]) -> bool:
        m = _DERIVATION.search(lower)
        if not m:
            return False
        stem = lower[: m.start()]
        if len(stem) < 3:
            return False
        stems = {stem, stem + "e", stem.rstrip("i") + "y"}
        lowered_words = {w.lower() for w in words}
        return any(is_english_word(s, english_zipf) or s in lowered_words for s in stems)

    def glossed(text: str, start: int, end: int) -> bool:
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end == -1 else line_end
        # the sentence around the word, within its line
        lo = max(line_start, start - 160)
        for stop in (". ", "! ", "? "):
            k = text.rfind(stop, lo, start)
            if k != -1:
                lo = max(lo, k + 2)
        hi = min(line_end, end + 100)
        if _GLOSS.search(text, lo, hi):
            return True
        return bool(_GLOSS_AFTER.match(text[end:hi]))

    def not_a_word(text: str, start: int, end: int) -> bool:
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        if before == "@" or after == "/" or (before in "’'" and start > 1 and text[start - 2].isalpha()):
            return True
        return after in "’'" and end + 1 < len(text) and text[end + 1].isalpha() and text[end + 1] != "s"

    def detect(doc: Document) -> Iterator[Edit]:
        text = doc.text
        if is_technical(text):
            return  # documentation's identifiers (ljust, shtab, semver) look foreign and are not
        words = text_words(doc.facts.chunk_counts)
        known = _known_parts(doc.known_terms)
        other_language = bool(_OTHER_PEOPLE.search(text))
        readings = _acronym_readings(words)
        from_acronym: dict[str, str] = {}
        if readings:
            for w in words:
                lower = w.lower()
                if (
                    w.isascii()
                    and len(w) >= min_length
                    and (w.islower() or w.istitle())
                    and lower not in known
                ):
                    for reading, acronym in readings.items():
                        if (
                            lower.startswith(reading)
                            and len(lower) > len(reading)
                            and not is_english_word(lower, english_zipf)
                        ):
                            from_acronym[w] = acronym
                            break
        candidates = sorted(
            {
                w
                for w in words
                if w.lower() not in known
                and looks_russian(w, w.lower(), other_language)
                and not english_derivation(w.lower(), words)
                and not (not w.islower() and SURNAME_ENDING.search(w.lower()))
            }
            | set(from_acronym),
            key=lambda w: (-len(w), w),
        )
        if not candidates:
            return
        # a capitalised candidate whose lower-case form the text never uses is a
        # name, unless it only ever stands where any word would be capitalised
        maybe_names = {
            w for w in candidates if not w.islower() and w.lower() not in words
        }
        occurrences = _occurrences(text, candidates)
        names = {
            w
            for start, _, w in occurrences
            if w in maybe_names and not _sentence_initial(text, start)
        }
        for start, end, word in occurrences:
            if word in names or doc.is_protected(start, end):
                continue
            if not_a_word(text, start, end) or glossed(text, start, end):
                continue
            russian = scorer.likely_russian(word)
            if russian:
                hint = f" ({russian}?)"
            elif word in from_acronym:
                hint = f" (built on {from_acronym[word]} read aloud?)"
            else:
                hint = ""
            message = format_message(
                template,
                original=word,
                russian=russian or "?",
                hint=hint,
                score=f"{scorer.score(word.lower()):.2f}",
            )
            yield make_edit(rule, doc, start, end, None, message=message)

    return detect
