"""Kind ``translated-surname``: a Russian surname an MT engine translated as an English word.

A surname whose stem is a Russian noun is sometimes translated instead of
transliterated: Коньков becomes ``Skates``, Воскресенский ``Resurrection``,
Ягода ``Berry``. The English word then stands where only a surname can stand:
after a form of address that in English comes only from Russian (``titles``,
e.g. *Comrade*, *Citizen*): ``Comrade Berry``. (Before initials in the Russian
order, ``Skates P. A.``, was tried and dropped: ``Washington D. C.``.)

The word is reported (never replaced: the name must come from the source) when
it is a common English word (Zipf ``min_zipf`` or more, default 3.0) that does
not itself have the shape of a Russian surname (``Stalin``, ``Molotov`` and
``Gorbachev`` are frequent in English too), and is not a rank or office that
may follow the title (``Comrade General``, listed in ``ranks``) or a given name
(``Comrade Ivan``, listed in ``given``).

Parameters: ``titles``, ``ranks``, ``given`` (lists of str), ``min_zipf`` (float).
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..english import zipf
from ..model import Document, Edit, Rule
from ..translit import SURNAME_ENDING
from . import Detector, make_edit, param



def compile(rule: Rule) -> Detector:
    """Compile a ``translated-surname`` rule into a detector."""
    titles = [str(t) for t in param(rule, "titles", list)]
    ranks = frozenset(str(r).lower() for r in param(rule, "ranks", list, []))
    given = frozenset(str(g).lower() for g in param(rule, "given", list, []))
    min_zipf = float(param(rule, "min_zipf", (int, float), 3.0))
    after_title = regex.compile(
        r"\b(?:" + "|".join(regex.escape(t) for t in sorted(titles, key=len, reverse=True)) + r")"
        r"[ \t]+(\p{Lu}\p{Ll}{2,})\b(?![ \t]+\p{Lu}\p{Ll})"
    )
    title_words = frozenset(t.lower() for t in titles)

    def translated(word: str) -> bool:
        low = word.lower()
        return (
            low not in ranks
            and low not in given
            and low not in title_words
            and not SURNAME_ENDING.search(low)
            and zipf(low) >= min_zipf
        )

    def detect(doc: Document) -> Iterator[Edit]:
        text = doc.text
        for m in after_title.finditer(text):
            if translated(m.group(1)) and not doc.is_protected(m.start(1), m.end(1)):
                yield make_edit(rule, doc, m.start(1), m.end(1), None)

    return detect

