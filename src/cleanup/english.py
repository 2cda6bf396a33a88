"""How common a word is in English: a fast table, with wordfreq behind it.

The table ``data/en-words.tsv.gz`` (built by ``tools/build_english_words.py``
from wordfreq) holds every English word at Zipf 2.0 or more and loads in a
few hundredths of a second; wordfreq itself, needed only for the exact value
of rarer words, takes a third of a second to import, so it is loaded only
when a rule asks about such a word.
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from importlib import resources

#: the table holds every word at least this common
TABLE_FLOOR = 2.0


@lru_cache(maxsize=1)
def table() -> dict[str, float]:
    """The shipped table: word -> Zipf frequency (2.0 and up).

    Parsing 96,000 lines costs a short run a good part of its time; the table
    is kept in the user cache (see :mod:`cleanup.cache`) as its words grouped
    by value, from which the dictionary is rebuilt at C speed.
    """
    from . import cache

    data = (resources.files("cleanup") / "data" / "en-words.tsv.gz").read_bytes()
    grouped = cache.cached("en-words", cache.content_hash(data), lambda: _grouped(_parse(data)))
    out: dict[str, float] = {}
    for zipf_value, words in grouped.items():
        out.update(dict.fromkeys(words.split("\n"), zipf_value))
    return out


def _parse(data: bytes) -> dict[str, float]:
    raw = gzip.decompress(data).decode("utf-8")
    out: dict[str, float] = {}
    for line in raw.split("\n"):
        word, _, zipf = line.partition("\t")
        out[word] = float(zipf)
    return out


def _grouped(words: dict[str, float]) -> dict[float, str]:
    """``words`` as value -> the words of that value joined by line breaks (words hold none)."""
    groups: dict[float, list[str]] = {}
    for word, value in words.items():
        groups.setdefault(value, []).append(word)
    return {value: "\n".join(ws) for value, ws in groups.items()}


def zipf(word: str) -> float:
    """The Zipf frequency of ``word`` (lower-case) in English; 0 when English does not use it.

    >>> zipf("the") > 7, zipf("government") > 4, zipf("takova")
    (True, True, 0.0)
    """
    known = table().get(word)
    if known is not None:
        return known
    return _rare(word)


@lru_cache(maxsize=65536)
def _rare(word: str) -> float:
    from wordfreq import zipf_frequency  # only for words below the table's floor

    value: float = zipf_frequency(word, "en")
    return value if value < TABLE_FLOOR else TABLE_FLOOR - 0.01


def is_english(word: str, min_zipf: float = TABLE_FLOOR) -> bool:
    """True when ``word`` is at least ``min_zipf`` common in English.

    At the table's floor or above this never loads wordfreq.

    >>> is_english("apartment"), is_english("gepeurs")
    (True, False)
    """
    if min_zipf >= TABLE_FLOOR:
        return table().get(word, 0.0) >= min_zipf
    return zipf(word) >= min_zipf
