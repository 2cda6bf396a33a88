"""Kinds ``stray-capital``, ``proper-lower`` and ``broken-paragraph``: case and breaks lost in MT.

``stray-capital``: a capital where English has none, inside a sentence.

* A *closed-class* word (article, pronoun, conjunction, preposition,
  auxiliary) capitalised after a comma, semicolon, bracket or lower-case word,
  and followed by a lower-case word: ``the plan was adopted, And the workers``.
  Lower-cased at the rule's tier.
* A *common noun* capitalised after a lower-case word, followed by a
  lower-case word or punctuation, when English writes the word often in lower
  case (Zipf ``min_zipf``, default 3.5), the text itself writes it in lower
  case elsewhere and never capitalises it elsewhere inside a sentence (so it
  is not a name there), and it is not a
  month, a day or a word that English capitalises as an institution after
  *the* (``the Church``, ``the State``). Lower-cased at ``noun_tier``
  (default ``review``).

Never touched: a word at a sentence or line start, after a colon or an
opening quote, after a word that announces a title (``the law On the
status``, ``the novel The Master``), in an epithet (``Ivan the Terrible``), in a line that is mostly capitals or Title Case (a heading),
or followed by another capitalised word (``in The Hague``, ``read The Master
and Margarita``).

``proper-lower``: a word English always capitalises (a nationality or
language adjective, a day of the week) written in lower case inside a
sentence: ``a russian company`` → ``a Russian company``.

``broken-paragraph``: a paragraph break inside a sentence: a prose
paragraph (its last line at least ``min_line`` characters long, default 60)
that ends in a comma or a lower-case word, followed after a blank line by a
paragraph starting in lower case. The break becomes a space. Lists, headings
and verse (short lines) are left alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

import regex

from ..english import table
from ..model import Document, Edit, Rule, Tier
from . import Detector, make_edit, param

CLOSED_CLASS = frozenset(
    "the an and or but nor of in on at to for with by from into onto upon about as than that which who whom "
    "whose this these those he she it we they his her its our their them him me my your is are was were be been "
    "being has have had do does did will would shall should can could may might must not also so if when while "
    "where because although though there up".split()
)
#: words after which a capital starts a title: a law 'On the status of...', a book 'The ...'
_TITLE_BEFORE = frozenset(
    "law laws decree decrees resolution order act bill treaty program programme article book novel poem film "
    "song story essay report project called titled entitled named magazine newspaper journal play opera".split()
)
_TITLE_NEAR = regex.compile(r"(?i:\b(?:" + "|".join(sorted(_TITLE_BEFORE)) + r"))[ \t]+[\"“«]?\p{Lu}[^.!?\n]*\Z")
_MONTHS_DAYS = frozenset(
    "january february march april may june july august september october november december monday tuesday "
    "wednesday thursday friday saturday sunday".split()
)
#: nouns English capitalises after 'the' as an institution or a unique thing
_INSTITUTIONS = frozenset(
    "church state party government senate court crown army navy revolution constitution parliament bible "
    "internet earth moon sun pope tsar emperor empire republic union council committee president minister "
    "ministry university academy institute kremlin duma congress assembly cabinet treaty west east north south "
    "left right lord god father queen king prince princess bishop patriarch holocaust reformation renaissance "
    "war front".split()
)
NATIONALITIES = frozenset(
    "russian russians ukrainian ukrainians belarusian kazakh english american americans british german germans "
    "italian spanish chinese japanese european europeans asian african jewish muslim islamic arab "
    "turkish georgian greek swedish finnish norwegian danish czech korean mongolian tatar tatars bashkir "
    "chechen armenian azerbaijani uzbek kyrgyz tajik turkmen moldovan romanian hungarian bulgarian serbian "
    "croatian lithuanian latvian estonian canadian mexican brazilian ossetian yakut siberian muscovite "
    "muscovites christian christians monday tuesday wednesday thursday friday saturday "
    "sunday".split()
) - frozenset({"orthodox", "catholic"})

_CAPITALISED = regex.compile(r"(?<![\p{L}\p{N}'’.-])(\p{Lu}\p{Ll}*)(?![\p{L}\p{N}'’-])")
_LOWER = regex.compile(r"(?<![\p{L}\p{N}'’.@/_“`=-])(\p{Ll}+)(?![\p{L}\p{N}'’@/_\"”`=-]|\.\p{L})")
_NEXT = regex.compile(r"[ \t]+(\p{L}+)|[ \t]*([,.;:)!?])")
_TOKEN = regex.compile(r"\p{L}+")


def compile(rule: Rule) -> Detector:
    """Compile a ``stray-capital``, ``proper-lower`` or ``broken-paragraph`` rule."""
    if rule.kind == "proper-lower":
        return _compile_proper(rule)
    if rule.kind == "broken-paragraph":
        return _compile_paragraph(rule)
    min_zipf = param(rule, "min_zipf", (int, float), 3.5)
    noun_tier = Tier(param(rule, "noun_tier", str, "review"))

    def detect(doc: Document) -> Iterator[Edit]:
        text = doc.text
        facts = doc.facts
        words = table()
        headings: dict[int, bool] = {}
        # documentation capitalises product and class names (Python, Wheel, Tags)
        nouns = not doc.evidence("technical")  # the whole document's, as are the word counts below
        for m in _CAPITALISED.finditer(text):
            word = m.group(1)
            low = word.lower()
            closed = low in CLOSED_CLASS and len(word) > 1
            if not closed and (not nouns or len(word) < 3 or low in _MONTHS_DAYS or words.get(low, 0.0) < min_zipf):
                continue
            if not closed and (doc.evidence("capitalised_inside", low) > 1 or not doc.evidence("lower_case", low)):
                continue
            start, end = m.span(1)
            if facts.starts_sentence(start) or doc.is_protected(start, end):
                continue
            # what stands before: one space after a lower-case word, or , ; ( and a space
            before = text[max(0, start - 40) : start]
            prev = regex.search(r"(\p{L}+)([,;]?)[ \t]\Z|([,;(])[ \t]?\Z", before)
            if prev is None:
                continue
            prev_word = prev.group(1)
            if prev_word is not None and (not prev_word.islower() or prev_word in _TITLE_BEFORE):
                continue
            if prev_word is None and not regex.search(r"\p{Ll}[ \t]*[,;(][ \t]?\Z", before):
                continue
            if _TITLE_NEAR.search(text, max(0, start - 120), start):
                continue  # the laws On the status ... and On the rights ...
            if prev_word in ("the", "of") and regex.search(r"\p{Lu}\p{Ll}*[ \t]+\p{Ll}+[ \t]\Z", before):
                continue  # Ivan the Terrible, Duke of Wellington
            nxt = _NEXT.match(text, end)
            if nxt is None:
                continue
            if closed:
                if nxt.group(1) is None or not nxt.group(1).islower():
                    continue
            elif nxt.group(1) is not None and not nxt.group(1).islower():
                continue
            line_start = text.rfind("\n", 0, start) + 1
            if line_start not in headings:
                headings[line_start] = _heading_line(text, start)
            if headings[line_start]:
                continue
            if not closed:
                if prev_word is None or len(prev_word) < 2:
                    continue
                if prev_word in ("the", "a", "an") and low in _INSTITUTIONS:
                    continue
            tier = None if closed else noun_tier
            yield make_edit(rule, doc, start, end, low, tier=tier,
                            message=f"capital inside a sentence: '{word}' -> '{low}'")

    return detect


def _heading_line(text: str, pos: int) -> bool:
    """True when the line holding ``pos`` looks like a heading: mostly capitalised words, or short."""
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    b = len(text) if b == -1 else b
    tokens = _TOKEN.findall(text, a, b)
    if len(tokens) < 5:
        return True
    capitalised = sum(1 for t in tokens if t[0].isupper())
    return capitalised / len(tokens) > 0.5


class NameStarts(NamedTuple):
    """Where a :data:`_LOWER` match whose word is one of some names can start (see :func:`name_starts`)."""

    names: tuple[str, ...]  # the names that are all lower-case letters, longest first
    pattern: regex.Pattern[str]  # any of them between non-letters


def name_starts(names: frozenset[str]) -> NameStarts:
    """Where a :data:`_LOWER` match whose word is one of ``names`` can start: a name between non-letters.

    A match is a whole lower-case word, so :data:`_LOWER` matches there or
    nowhere; a name that is not all lower-case letters is never a match's word.
    """
    plain = tuple(sorted((n for n in names if regex.fullmatch(r"\p{Ll}+", n)), key=len, reverse=True))
    return NameStarts(plain, regex.compile(r"(?<!\p{L})(?:" + "|".join(plain) + r")(?!\p{L})"))


def name_matches(text: str, starts: NameStarts) -> Iterator[regex.Match[str]]:
    """The matches of :data:`_LOWER` in ``text`` that start where ``starts`` does (see :func:`name_starts`).

    The names are found with a plain substring search each (most are not in a
    given text at all), and the pattern is tried only where one is: two names
    between non-letters cannot overlap, so these are the pattern's matches.
    """
    found = set()
    for name in starts.names:
        pos = text.find(name)
        while pos != -1:
            found.add(pos)
            pos = text.find(name, pos + 1)
    for pos in sorted(found):
        if starts.pattern.match(text, pos) is not None:
            m = _LOWER.match(text, pos)
            if m is not None:
                yield m


def _compile_proper(rule: Rule) -> Detector:
    extra = frozenset(w.lower() for w in param(rule, "words", list, []))
    names = NATIONALITIES | extra
    starts = name_starts(names)

    def detect(doc: Document) -> Iterator[Edit]:
        text = doc.text
        for m in name_matches(text, starts):
            word = m.group(1)
            if word not in names or doc.is_protected(m.start(), m.end()):
                continue
            if m.start() and text[m.start() - 1] == '"' and text[m.start() - 2 : m.start() - 1].isspace():
                continue  # "russian": an opening quote, a quoted value
            if doc.evidence("lower_case", word) > 2 and not doc.evidence("has_word", word.capitalize()):
                continue  # a text that always writes it so, on purpose (a style, a quotation of code)
            yield make_edit(rule, doc, m.start(), m.end(), word.capitalize())

    return detect


_PARA_END = regex.compile(r"(?:\p{Ll}{2}|\p{Ll},)[ \t]*\n[ \t]*\n[ \t]*(?=(\p{L}+))")
_BLANK_LINE = regex.compile(r"\n[ \t]*\n")


def paragraph_ends(text: str) -> Iterator[regex.Match[str]]:
    """The matches of :data:`_PARA_END` in ``text``, tried only at the blank lines.

    A match is two characters that are not white space, spaces or tabs, and
    a blank line, so where it starts follows from the blank line's first line
    break; matches cannot overlap (each ends before the letter after its break).
    A line break that a blank line of the non-overlapping scan takes as its
    second is one after an empty line, where no match starts.
    """
    for gap in _BLANK_LINE.finditer(text):
        q = gap.start()
        p = q
        while p > 0 and text[p - 1] in " \t":
            p -= 1
        if p >= 2:
            m = _PARA_END.match(text, p - 2)
            if m is not None:
                yield m


_UNDERLINED = regex.compile(r"[^\n]*\n[ \t]*[=\-~^*#+`]{3,}[ \t]*(?:\n|\Z)")
_LIST_START = regex.compile(r"[ \t]*(?:[-*•–—+>#|]|\d+[.)]|\p{L}[.)])[ \t]")


def _compile_paragraph(rule: Rule) -> Detector:
    min_line = param(rule, "min_line", int, 60)
    capital_tier = Tier(param(rule, "capital_tier", str, "review"))

    def detect(doc: Document) -> Iterator[Edit]:
        text = doc.text
        if "\n\n" not in text and "\n \n" not in text:
            return
        for m in paragraph_ends(text):
            nxt = m.group(1)
            comma = text[m.start() + 1] == ","
            line_start = text.rfind("\n", 0, m.start()) + 1
            line = text[line_start : m.start() + 2].strip()
            if len(line) < min_line or _LIST_START.match(text, line_start):
                continue
            if _UNDERLINED.match(text, m.end()):
                continue  # the next paragraph is a heading: 'usage()' over a '-----' line
            gap_start = m.start() + 2
            gap_end = m.end()
            if doc.is_protected(gap_start, gap_end + len(nxt)):
                continue
            if nxt.islower():
                yield make_edit(rule, doc, gap_start, gap_end, " ")
            elif comma and nxt[0].isupper() and nxt[1:].islower() and len(nxt) > 1:
                low = nxt.lower()
                if table().get(low, 0.0) < 3.5 or doc.evidence("capitalised_inside", low) or low in _MONTHS_DAYS:
                    continue
                yield make_edit(
                    rule, doc, gap_start, gap_end + len(nxt), " " + low, tier=capital_tier,
                    message="a paragraph break inside a sentence",
                )

    return detect
