"""Kind ``ru-case-form``: a name or acronym left in a Russian case form beside its base form.

An MT engine transliterates what it does not know letter by letter, case
ending included: ``ГОКа`` (genitive of ГОК) becomes ``GOKA`` in a text that
says ``GOK`` elsewhere, and ``в Тамбове`` becomes ``in Tambove`` beside
``Tambov``. The text's own base form is the evidence, so nothing is guessed:

* an all-capital word (``GOKA``, ``GOKU``, ``GOKOM``) that is an all-capital
  word of the text (``GOK``, at least three letters) plus a Russian case
  ending (``A``, ``U``, ``OM``, ``E``, ``OV``, ``AM``, ``AMI``, ``AKH``), and
  that the text uses less often than the base form;
* a capitalised word that is a capitalised word of the text (at least four
  letters) plus the ending of the case its preposition governs: ``-e`` after
  ``in``/``at``/``on``/``about`` (the prepositional), ``-om``/``-em`` after
  ``with``/``by``/``under``/``over``/``behind``/``between`` (the
  instrumental), ``-u`` after ``to``/``towards``/``along`` (the dative).
  Feminine forms (``-a``, ``-aya``) are never touched: ``Pavlova`` beside
  ``Pavlov`` is a woman.

Neither form may be an English word (``Rome`` is not ``Rom`` in a case), and
the base form must occur at least ``min_base`` times (default 1) and at
least as often as the case form. The fix replaces the case form by the base form.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import regex

from ..english import is_english
from ..model import Document, Edit, Rule
from . import Detector, make_edit, param

_ACRONYM = regex.compile(r"\b\p{Lu}{3,10}\b")
_ACRONYM_ENDINGS = ("AMI", "AKH", "OM", "OV", "AM", "A", "U", "E")
_NAME = regex.compile(r"\b\p{Lu}\p{Ll}{3,}\b")
#: case ending -> the prepositions that govern that case (lower case)
_NAME_ENDINGS = {
    "e": frozenset({"in", "at", "on", "about"}),
    "om": frozenset({"with", "by", "under", "over", "behind", "between"}),
    "em": frozenset({"with", "by", "under", "over", "behind", "between"}),
    "u": frozenset({"to", "towards", "along"}),
}
_PREVIOUS_WORD = regex.compile(r"(\p{L}+)[ \t]+$")


def compile(rule: Rule) -> Detector:
    """Compile a ``ru-case-form`` rule into a detector."""
    min_base = param(rule, "min_base", int, 1)

    def detect(doc: Document) -> Iterator[Edit]:
        text = doc.text
        found = list(_ACRONYM.finditer(text))  # one scan: the counts and the places
        acronyms = Counter(m.group() for m in found)
        for m in found:
            word = m.group()
            for ending in _ACRONYM_ENDINGS:
                base = word[: -len(ending)]
                if word.endswith(ending) and len(base) >= 3 and acronyms.get(base, 0) >= max(min_base, 1):
                    if acronyms[base] >= acronyms[word] and not is_english(word.lower(), 3.0):
                        if not doc.is_protected(m.start(), m.end()):
                            yield make_edit(rule, doc, m.start(), m.end(), base)
                    break
        found = list(_NAME.finditer(text))
        names = Counter(m.group() for m in found)
        for m in found:
            word = m.group()
            for ending, prepositions in _NAME_ENDINGS.items():
                if not word.endswith(ending):
                    continue
                base = word[: -len(ending)]
                if len(base) < 4 or names.get(base, 0) < max(min_base, 1) or names[base] < names[word]:
                    continue
                prev = _PREVIOUS_WORD.search(text, max(0, m.start() - 20), m.start())
                if prev is None or prev.group(1).lower() not in prepositions:
                    continue
                if is_english(word.lower(), 2.5) or is_english(base.lower(), 4.0):
                    continue
                if doc.is_protected(m.start(), m.end()):
                    continue
                yield make_edit(rule, doc, m.start(), m.end(), base)
                break

    return detect
