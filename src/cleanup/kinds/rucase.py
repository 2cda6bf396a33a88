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

A transliterated acronym keeps its case ending in lower case as often as in
capitals: ``GOKa``, ``TsIKam`` (ЦИКам), ``MTSom``, and the slang built on one,
``NKVDshnik``. An acronym (at least two capitals, the digraphs ``Ts Ch Sh Zh
Kh`` counted as letters) followed by a lower-case Russian case ending is

* fixed to the acronym when the text uses the bare acronym too and the ending
  is a case ending;
* reported for review otherwise, when the ending is unmistakable: two letters
  or more (``-om``, ``-am``, ``-ami``, ``-akh``, ``-ov``) or a Russian suffix
  (``-shnik``, ``-ovets``). A one-letter ending with no base form in the text
  is left alone: ``PCIe``, ``RNAi`` and ``5 MPa`` are English.

A token English uses (wordfreq, ``PhDs``, ``GWe``) and a unit after a number
are never touched.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import regex

from ..english import is_english
from ..model import Document, Edit, Rule, Tier
from . import Detector, format_message, make_edit, param

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
#: a transliterated acronym with a lower-case Russian ending: GOKa, TsIKam, MTSom, NKVDshnik
_MIXED = regex.compile(
    r"\b(?P<base>(?:Ts|Ch|Sh|Zh|Kh|\p{Lu})*\p{Lu}(?:Ts|Ch|Sh|Zh|Kh|\p{Lu})*\p{Lu})"
    r"(?P<ending>a|u|e|om|em|ov|ev|am|ami|akh|y|shnik|shniki|shnika|shnikov|shnikam|shnikami|ovets|ovtsy|ovtsev)\b"
)
#: a whole word shaped like the base of such a form (TsIK, GOK)
_BASE = regex.compile(r"\b(?:Ts|Ch|Sh|Zh|Kh|\p{Lu})*\p{Lu}(?:Ts|Ch|Sh|Zh|Kh|\p{Lu})*\p{Lu}\b")
#: endings that are cases of the acronym (the rest derive a new word from it)
_CASE_ENDINGS = frozenset({"a", "u", "e", "om", "em", "ov", "ev", "am", "ami", "akh", "y"})
_AFTER_NUMBER = regex.compile(r"\d[ \t\u00a0]*$")
#: a mixed-case token at least this common in English is English (PhDs, MWe, PCIe)
_ENGLISH_TOKEN = 1.0


def compile(rule: Rule) -> Detector:
    """Compile a ``ru-case-form`` rule into a detector."""
    min_base = param(rule, "min_base", int, 1)
    review_message = param(
        rule, "review_message", str, "'{original}' is a transliterated acronym with a Russian ending ('{ending}')"
    )

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
        yield from mixed_case(doc)
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

    def mixed_case(doc: Document) -> Iterator[Edit]:
        text = doc.text
        if not _MIXED.search(text):
            return
        acronyms = Counter(_BASE.findall(text))
        for m in _MIXED.finditer(text):
            base, ending = m.group("base"), m.group("ending")
            if sum(c.isupper() for c in base) < 2 or is_english(m.group().lower(), _ENGLISH_TOKEN):
                continue
            if _AFTER_NUMBER.search(text, max(0, m.start() - 4), m.start()):
                continue  # a unit: 5 MPa
            if doc.is_protected(m.start(), m.end()):
                continue
            if ending in _CASE_ENDINGS and acronyms.get(base, 0) >= max(min_base, 1):
                yield make_edit(rule, doc, m.start(), m.end(), base)
            elif len(ending) >= 2:
                message = format_message(review_message, original=m.group(), ending=ending, acronym=base)
                yield make_edit(rule, doc, m.start(), m.end(), None, message=message, tier=Tier.REVIEW)

    return detect
