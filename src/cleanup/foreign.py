"""How Russian does a Latin word look? A score, and a guess at the Russian word.

Two small sentencepiece unigram models ship with cleanup (``data/`` beside
this module; ``tools/train_foreign.py`` builds them): one of English words,
one of Russian words written in the romanisation schemes of
:mod:`cleanup.translit`. :meth:`ForeignScorer.score` asks both how probable a
word is and compares the answers. Because each model spreads its probability
over every way of cutting the word into pieces, the comparison does not hinge
on one lucky segmentation.

The models are loaded on first use, once per process, and every word is scored
once: documents repeat their words, and a detector sees each distinct word many
times.
"""

from __future__ import annotations

import gzip
import math
import threading
from functools import lru_cache
from importlib import resources

import regex

from .translit import name_key, variants

__all__ = [
    "ENGLISH_ZIPF",
    "ForeignScorer",
    "default_scorer",
    "find_untranslated",
    "has_russian_ending",
    "is_english_word",
    "is_soviet_abbreviation",
    "looks_romanised_russian",
]

#: a word at least this frequent in English (on wordfreq's Zipf scale: 3 is
#: once per million words, 2 once per ten million) is English, whatever it looks like
ENGLISH_ZIPF = 2.0

#: appended to every word before scoring, as in training: it marks the word's end
_END = "$"
#: sentencepiece marks the start of a word with this
_START = "\u2581"
_DATA_PACKAGE = "cleanup"
_MAX_CACHE = 200_000

#: inflectional endings of Russian (and Ukrainian) adjectives and nouns, romanised. Each
#: group was measured (``tools/measure_foreign.py --endings``) on rare Russian words
#: romanised against rare English words and the words of fourteen other languages
#: written in Latin letters; endings that other languages share (Czech and Serbian
#: ``-nost``/``-stvo``, Polish ``-anie``, the ``-ami`` of Polish and Indonesian, a bare
#: ``-ov``) are left out.
_RUSSIAN_ENDING = regex.compile(
    r"(?:[^aeiouy]|^)(?:ogo|ego|skiy|skii|skyi|skoy|skaya|skoye|skoe|skogo|skikh|skim|nye|nyye|nykh|nyh|nymi|nyi"
    r"|aya|yaya|oye|yye|iye|ovka|evka|nik|niki|nika|nikov|chik|shchik|noho|noyi|nogo|noy|nyy"
    # the plural genitive and locative, the feminine accusative: -ykh/-ikh, -akh/-yakh, -uyu
    r"|ykh|ikh|y?akh|y?uyu)$"
    # the dative and instrumental of adjectives and pronouns: -nomu, -skomu, -ovymi
    r"|(?:sk|n|ov|ev)(?:omu|emu|ymi)$"
    # nouns: -tsiya (организация), -eniye/-aniya (управление), -entsy (переселенцы),
    # -yane (дворяне), -shchina (ежовщина), -chka/-shka (картошка), -kov (кулаков)
    r"|tsi(?:ya|i|yu|ey|yey|ei)$|[ae]ni(?:ye|ya|yu|yem)$|(?:[ae]n|ov|ev)(?:tsy|tsev|tsami|tsakh)$"
    r"|[^aeiouy]yane$|(?:shch|sch)(?:ina|iny|inu|yna|ynu)$|(?:ch|sh)k[aiu]$|(?:[ai]k|chik|nik)ov$"
    # Ukrainian adjectives: -skoho, -skomu, -skykh, -skyy, -ovoho, -ovomu
    r"|(?:skoho|skomu|skykh|skyy|ovoho|ovomu)$"
)
#: an English word that ends like a Russian one; short stems are too risky
_MIN_ENDING_WORD = 6
#: the syllables Soviet abbreviations are built of (райком, сельсовет, совнархоз, облисполком)
_SOVIET = regex.compile(
    r"(?:sov|sel|gor|rai|ray|obl|krai|kray|okr|voen|prom|nar|part|prof|mest|gos|glav|ispol|agit|med|zav|upr|snab"
    r"|torg|stroy|fin|zdrav|zem|les|gub|uez|uyez|vol|polit|kult|kolkh|sovkh|koms)+"
    r"(?:kom|khoz|sovet|ispolkom|komat|torg|snab|otdel|upr|zdrav|prom|stroy|org)"
    # and a case ending or an English plural: raykoma, selsovety, sovnarkhozov, partorgs
    r"(?:a|u|e|om|y|i|ov|ami|akh|s|es)?$"
)


class _Model:
    """One unigram model as a plain table: piece -> log-probability."""

    def __init__(self, proto: bytes | None = None, pieces: dict[str, float] | None = None) -> None:
        self.pieces: dict[str, float] = pieces if pieces is not None else _pieces(proto or b"")
        self.max_len = max(len(p) for p in self.pieces)
        # a character no piece covers costs a little more than the rarest piece
        self.unknown = min(self.pieces.values()) - 5.0

    def log_prob(self, text: str) -> float:
        """The log-probability of ``text`` summed over all its segmentations (forward algorithm)."""
        get = self.pieces.get
        max_len = self.max_len
        unknown = self.unknown
        exp, log = math.exp, math.log
        alpha = [0.0]
        for i in range(1, len(text) + 1):
            top = -math.inf
            terms: list[float] = []
            for j in range(i - max_len if i > max_len else 0, i):
                score = get(text[j:i])
                if score is not None:
                    t = alpha[j] + score
                    terms.append(t)
                    top = max(top, t)
            if not terms:
                alpha.append(alpha[-1] + unknown)
            elif len(terms) == 1:
                alpha.append(top)
            else:
                alpha.append(top + log(sum([exp(t - top) for t in terms])))
        return alpha[-1]


def _pieces(proto: bytes) -> dict[str, float]:
    """The pieces of a serialised sentencepiece model and their log-probabilities."""
    import sentencepiece as spm  # loaded when first needed: start-up time

    sp = spm.SentencePieceProcessor(model_proto=proto)
    pieces: dict[str, float] = {}
    for i in range(sp.get_piece_size()):
        if not (sp.is_unknown(i) or sp.is_control(i) or sp.is_unused(i)):
            pieces[sp.id_to_piece(i)] = sp.get_score(i)
    return pieces


def _data_bytes(name: str) -> bytes:
    return (resources.files(_DATA_PACKAGE) / "data" / name).read_bytes()


class ForeignScorer:
    """Scores Latin words by how much more they look like romanised Russian than English.

    ``score`` is a log-likelihood ratio per character: the natural-log
    probability of the word under the Russian-translit model minus that under
    the English model, divided by the word's length. Positive means the word
    looks Russian; ``takova`` scores well above 1, ``government`` well below 0.
    See ``docs/foreign-detector.md`` for how well it separates the two.

    The constructor reads nothing; the models and the lexicon are loaded the
    first time they are needed. Pass ``en_model``/``ru_model`` (serialised
    sentencepiece models) and ``lexicon`` (see :attr:`lexicon`) to use others.
    """

    def __init__(
        self,
        en_model: bytes | None = None,
        ru_model: bytes | None = None,
        lexicon: dict[str, tuple[str, ...]] | None = None,
    ) -> None:
        self._en_proto = en_model
        self._ru_proto = ru_model
        self._models: tuple[_Model, _Model] | None = None
        self._lexicon = lexicon
        self._cache: dict[str, float] = {}
        self._lock = threading.Lock()

    # -- loading -------------------------------------------------------------

    def _load_models(self) -> tuple[_Model, _Model]:
        with self._lock:
            if self._models is None:
                en = (
                    self._en_proto
                    if self._en_proto is not None
                    else _data_bytes("foreign-en.model")
                )
                ru = (
                    self._ru_proto
                    if self._ru_proto is not None
                    else _data_bytes("foreign-ru.model")
                )
                from . import cache  # the tables of the last run: no sentencepiece import, no model parsing

                en_pieces, ru_pieces = cache.cached(
                    "foreign-models", cache.content_hash(en, ru), lambda: (_pieces(en), _pieces(ru))
                )
                self._models = (_Model(pieces=en_pieces), _Model(pieces=ru_pieces))
            return self._models

    @property
    def lexicon(self) -> dict[str, tuple[str, ...]]:
        """Key -> Russian words, most frequent first.

        The key is :func:`~cleanup.translit.name_key` of a romanised spelling;
        the words are those of the 50,000 most frequent Russian word forms that
        have a spelling with that key.
        """
        if self._lexicon is None:
            with self._lock:
                if self._lexicon is None:
                    text = gzip.decompress(_data_bytes("ru-lexicon.tsv.gz")).decode(
                        "utf-8"
                    )
                    table: dict[str, tuple[str, ...]] = {}
                    for line in text.splitlines():
                        key, _, words = line.partition("\t")
                        if words:
                            table[key] = tuple(words.split(" "))
                    self._lexicon = table
        return self._lexicon

    # -- scoring -------------------------------------------------------------

    def raw_score(self, word: str) -> float:
        """The per-character log-likelihood ratio of ``word`` exactly as spelled (lower-cased).

        Words with anything but the letters a-z score 0 (no opinion).
        """
        w = word.lower()
        if not w or not (w.isascii() and w.isalpha()):
            return 0.0
        en, ru = self._models or self._load_models()
        text = _START + w + _END
        return (ru.log_prob(text) - en.log_prob(text)) / len(w)

    def score(self, word: str) -> float:
        """How Russian ``word`` looks: positive for romanised Russian, negative for English.

        A word ending in a single ``s`` is also scored without it, and the
        higher score counts, because a translation that keeps a Russian noun
        tends to give it an English plural (``gepeurs``, ``kulaks``).

        >>> s = default_scorer()
        >>> s.score("takova") > 1 > 0 > s.score("government")
        True
        """
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        value = self.raw_score(word)
        w = word.lower()
        if len(w) >= 5 and w.endswith("s") and not w.endswith("ss"):
            value = max(value, self.raw_score(w[:-1]))
        if len(self._cache) >= _MAX_CACHE:
            self._cache.clear()
        self._cache[word] = value
        return value

    def _lookup(self, word: str, exact: bool) -> str | None:
        w = word.lower()
        tries = [w]
        if len(w) >= 5 and w.endswith("s") and not w.endswith("ss"):
            tries += [w[:-1] + "y", w[:-1] + "i", w[:-1]]
        lexicon = self.lexicon
        found = [
            (candidate, lexicon.get(name_key(candidate), ())) for candidate in tries
        ]
        for candidate, words in found:
            for russian in words:
                if candidate in variants(russian):
                    return russian
        if not exact:
            for candidate, words in found:
                if words and len(candidate) >= 3:
                    return words[0]
        return None

    def exact_russian(self, word: str) -> str | None:
        """The frequent Russian word that ``word`` spells exactly in some scheme, or ``None``.

        Like :meth:`likely_russian`, an English plural ``-s`` may stand for the
        Russian plural or be added to the stem.

        >>> default_scorer().exact_russian("tovarishch"), default_scorer().exact_russian("tovarisch")
        ('товарищ', 'товарищ')
        >>> default_scorer().exact_russian("tovarishc") is None
        True
        """
        return self._lookup(word, exact=True)

    def likely_russian(self, word: str) -> str | None:
        """The Russian word ``word`` most probably romanises, from the lexicon; ``None`` if unknown.

        The lexicon holds the 50,000 most frequent Russian word forms under a
        spelling-insensitive key, so ``Takova``, ``takova`` and ``Takowa`` all
        lead to ``такова``. Among the words under one key, the one that has
        ``word`` as an exact spelling wins; otherwise the most frequent. For a
        word ending in ``-s``, the Russian plurals (``gepeurs`` -> ``gepeury``,
        ``nachalniks`` -> ``nachalniki``)
        and then the bare stem are tried too, since translations give the
        Russian nouns they keep an English plural.

        >>> default_scorer().likely_russian("Takova"), default_scorer().likely_russian("whistle")
        ('такова', None)
        """
        return self._lookup(word, exact=False)


def has_russian_ending(word: str) -> bool:
    """True when lower-case ``word`` ends in a Russian (or Ukrainian) inflection, romanised.

    Only the shape is judged: whether English knows the word is the caller's
    question. Words shorter than six letters are too risky (``nye``, ``pogo``).

    >>> has_russian_ending("upravlencheskaya"), has_russian_ending("urbarialnoho")
    (True, True)
    >>> has_russian_ending("spetspereselentsy"), has_russian_ending("organizatsiya")
    (True, True)
    >>> has_russian_ending("government"), has_russian_ending("budoucnost")
    (False, False)
    """
    return len(word) >= _MIN_ENDING_WORD and bool(_RUSSIAN_ENDING.search(word))


def is_soviet_abbreviation(word: str) -> bool:
    """True when lower-case ``word`` is built only of the syllables of Soviet abbreviations.

    >>> is_soviet_abbreviation("selsovet"), is_soviet_abbreviation("partorgs"), is_soviet_abbreviation("sovereign")
    (True, True, False)
    """
    return bool(_SOVIET.fullmatch(word))


#: the score above which :func:`looks_romanised_russian` takes a word for Russian
ROMANISED_SCORE = 0.6


def looks_romanised_russian(word: str) -> bool:
    """True when lower-case ``word`` has the shape of Russian in Latin letters.

    A Russian ending, the syllables of a Soviet abbreviation, an exact spelling
    of a frequent Russian word form, or a score above :data:`ROMANISED_SCORE`.
    Other kinds ask this before they take a word for English gone wrong: a
    romanised ``prichina`` is not ``pri china`` run together.

    >>> looks_romanised_russian("partorg"), looks_romanised_russian("prichina"), looks_romanised_russian("thefactory")
    (True, True, False)
    """
    if has_russian_ending(word) or is_soviet_abbreviation(word):
        return True
    scorer = default_scorer()
    return scorer.score(word) > ROMANISED_SCORE or scorer.exact_russian(word) is not None


@lru_cache(maxsize=1)
def default_scorer() -> ForeignScorer:
    """The process-wide scorer over the shipped models (created once, loaded lazily)."""
    return ForeignScorer()


def is_english_word(word: str, min_zipf: float = ENGLISH_ZIPF) -> bool:
    """True when ``word`` is at least as frequent as ``min_zipf`` in English (wordfreq).

    Case does not matter. A word English uses often is English for our
    purposes, even when it came from Russian: ``sputnik`` and ``Trotsky`` are.

    >>> is_english_word("Government"), is_english_word("sputnik"), is_english_word("takova")
    (True, True, False)
    """
    from .english import is_english

    return is_english(word.lower().replace("\u2019", "'"), float(min_zipf))


def find_untranslated(text: str) -> list[tuple[str, str | None]]:
    """The words of ``text`` the ``foreign`` rule kind would report at its defaults.

    Each distinct word once, in order of first appearance, with the Russian
    word it most probably is (or ``None``). Used to draft a glossary.

    >>> find_untranslated("Konechno, that is the story. Two gepeurs of the GPU came.")
    [('Konechno', 'конечно'), ('gepeurs', None)]
    """
    from .kinds.foreign import compile as compile_foreign
    from .model import Document, Rule, Tier

    rule = Rule(
        "foreign.untranslated",
        "foreign",
        "foreign",
        Tier.REVIEW,
        "",
        "",
        "",
        "<find_untranslated>",
        {},
    )
    scorer = default_scorer()
    seen: dict[str, str | None] = {}
    for edit in compile_foreign(rule)(Document(text)):
        if edit.original not in seen:
            seen[edit.original] = scorer.likely_russian(edit.original)
    return list(seen.items())
