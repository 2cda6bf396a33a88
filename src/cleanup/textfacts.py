"""The text facts several kinds need, computed once per document.

A kind that asks "does this full stop end a sentence?", "is this word written
in lower case elsewhere in the text?" or "where does this paragraph start?"
reads it from :attr:`cleanup.model.Document.facts`, a :class:`TextFacts`
built lazily the first time a kind asks and shared by every kind after that.
Everything here is a pure function of the text, computed in linear time.

* **paragraphs**: spans of text between blank lines;
* **sentences**: spans inside paragraphs, ended by ``.``, ``!`` or ``?``
  (with closing quotes and brackets) before white space and a capital,
  digit or opening quote, except after an :data:`ABBREVIATIONS` entry or an
  initial (``J. Smith``);
* **words**: how often each word occurs, by exact form and by lower-case form,
  and how often it is written capitalised away from a sentence start (a name)
  or in lower case (a common word).
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterator
from functools import cached_property
from typing import NamedTuple

import regex

#: the one list of abbreviations that end in a full stop but not a sentence
ABBREVIATIONS = frozenset(
    {
        "mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "mt", "ft", "gen", "col", "lt", "capt", "sgt", "rev",
        "gov", "sen", "rep", "pres", "hon", "messrs", "mme", "mlle", "vs", "etc", "cf", "al", "approx",
        "nos", "vol", "vols", "p", "pp", "ch", "chap", "fig", "figs", "para", "arts",
        "eds", "cols", "dept", "univ", "inc", "ltd", "corp", "jan", "feb", "mar",
        "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "e.g", "i.e", "a.m", "p.m", "u.s",
        "u.k", "u.s.a", "u.n", "cit", "ibid", "viz", "esp", "incl", "tel", "yr", "yrs", "ul", "obl", "tov", "gg",
    }
)

_PARAGRAPH_BREAK = regex.compile(r"\n[ \t]*\n\s*")
_WORD = regex.compile(r"[\p{L}\p{M}]+(?:['’][\p{L}]+)?")
_SENTENCE_END = regex.compile(r"[.!?]+[\"”’»)\]]*(?=\s+[\"“‘«(\[]?[\p{Lu}\p{N}])")
_CAPITALISED_WORD = regex.compile(r"(?<![\p{L}\p{M}])\p{Lu}[\p{L}\p{M}]*(?:['’][\p{L}]+)?")
#: what may stand before a word that starts its line: a bullet, a number, an opening mark
_LINE_LEAD = " \t\"“‘«([•*-–—0123456789.)"
_LAST_WORD = regex.compile(r"([\p{L}.]+)\.?$")


class Token(NamedTuple):
    """A word of the text: its span and whether it starts a sentence."""

    start: int
    end: int
    text: str
    sentence_start: bool


class TextFacts:
    """Facts about one text; build with ``TextFacts(text)`` or read ``Document.facts``."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def paragraphs(self) -> list[tuple[int, int]]:
        """``(start, end)`` of every paragraph (text between blank lines), stripped.

        >>> t = "One.\\n\\n  Two\\nlines.\\n\\n\\nThree"
        >>> [t[a:b] for a, b in TextFacts(t).paragraphs]
        ['One.', 'Two\\nlines.', 'Three']
        """
        out = []
        pos = 0
        for m in _PARAGRAPH_BREAK.finditer(self.text):
            out.append((pos, m.start()))
            pos = m.end()
        out.append((pos, len(self.text)))
        spans = []
        for a, b in out:
            chunk = self.text[a:b]
            stripped = chunk.strip()
            if stripped:
                a2 = a + chunk.find(stripped)
                spans.append((a2, a2 + len(stripped)))
        return spans

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """``(start, end)`` of every sentence, inside paragraphs; a line of its own ends one too.

        >>> t = "Dr. Smith came, e.g. on foot. He left!\\n\\nA title\\nNext line."
        >>> [t[a:b] for a, b in TextFacts(t).sentences]
        ['Dr. Smith came, e.g. on foot.', 'He left!', 'A title\\nNext line.']
        """
        out = []
        for a, b in self.paragraphs:
            pos = a
            for m in _SENTENCE_END.finditer(self.text, a, b):
                if self.is_abbreviation(m.start()):
                    continue
                out.append((pos, m.end()))
                nxt = m.end()
                while nxt < b and self.text[nxt].isspace():
                    nxt += 1
                pos = nxt
            if pos < b:
                out.append((pos, b))
        return out

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [a for a, _ in self.sentences]

    @cached_property
    def _sentence_start_set(self) -> frozenset[int]:
        return frozenset(self._sentence_starts)

    def is_abbreviation(self, dot: int) -> bool:
        """True when the full stop at ``dot`` ends an abbreviation or an initial, not a sentence.

        >>> f = TextFacts("See e.g. this, Mr. Smith and J. Brown. End.")
        >>> f.is_abbreviation(7), f.is_abbreviation(17), f.is_abbreviation(30), f.is_abbreviation(37)
        (True, True, True, False)
        """
        if dot >= len(self.text) or self.text[dot] != ".":
            return False
        m = _LAST_WORD.search(self.text, max(0, dot - 12), dot)
        if m is None:
            return False
        word = m.group(1).strip(".")
        if not word:
            return False
        if len(word) == 1 and word.isupper():
            return True  # an initial
        return word.lower() in ABBREVIATIONS

    def starts_sentence(self, pos: int) -> bool:
        """True when ``pos`` is the first character of a sentence (or of a line after a blank line)."""
        return pos in self._sentence_start_set

    def sentence_at(self, pos: int) -> tuple[int, int]:
        """The sentence that holds ``pos`` (``(pos, pos)`` when none does)."""
        i = bisect.bisect_right(self._sentence_starts, pos) - 1
        if i >= 0:
            a, b = self.sentences[i]
            if a <= pos <= b:
                return a, b
        return pos, pos

    @cached_property
    def tokens(self) -> list[Token]:
        """Every word of the text, marking those that start a sentence or a line."""
        out = []
        text = self.text
        line_start = 0
        starts = self._sentence_start_set
        for m in _WORD.finditer(text):
            a = m.start()
            newline = text.rfind("\n", line_start, a)
            if newline != -1:
                line_start = newline + 1
            # only a bullet, a number or an opening mark may stand before a word that starts its line
            at_line_start = a - line_start < 12 and not text[line_start:a].strip(_LINE_LEAD)
            out.append(Token(a, m.end(), m.group(), at_line_start or a in starts))
        return out

    @cached_property
    def chunk_counts(self) -> Counter[str]:
        """How often each white-space-separated piece of the text (``str.split``) occurs.

        Kinds that count or collect words cut the distinct pieces into words,
        not the whole text: a piece is cut once however often it occurs.
        """
        return Counter(self.text.split())

    @cached_property
    def word_counts(self) -> Counter[str]:
        """How often each word occurs, by its exact form.

        A word never holds white space, so the words of the text are the words
        of its white-space-separated pieces: each distinct piece is cut once
        (:attr:`chunk_counts`), however often it occurs.
        """
        out: Counter[str] = Counter()
        findall = _WORD.findall
        for chunk, n in self.chunk_counts.items():
            for word in findall(chunk):
                out[word] += n
        return out

    @cached_property
    def lower_counts(self) -> Counter[str]:
        """How often each word occurs, in any case (keys lower-case)."""
        out: Counter[str] = Counter()
        for word, n in self.word_counts.items():
            out[word.lower()] += n
        return out

    @cached_property
    def capitalised_inside(self) -> Counter[str]:
        """How often each word (lower-case key) is capitalised away from a sentence or line start."""
        text = self.text
        starts = self._sentence_start_set
        out: Counter[str] = Counter()
        line_start = 0
        for m in _CAPITALISED_WORD.finditer(text):
            a = m.start()
            if a in starts:
                continue
            # the start of a's line: searched from the last one found, not from the text's start
            line_start = text.rfind("\n", line_start, a) + 1 or line_start
            if a - line_start < 12 and not text[line_start:a].strip(_LINE_LEAD):
                continue
            out[m.group().lower()] += 1
        return out

    @cached_property
    def lower_case(self) -> Counter[str]:
        """How often each word (lower-case key) is written all in lower case."""
        return Counter({w: n for w, n in self.word_counts.items() if w.islower()})

    def has_word(self, word: str) -> bool:
        """True when ``word`` occurs as a whole word, in exactly this form."""
        return word in self.word_counts

    def has_word_any_case(self, word: str) -> bool:
        """True when ``word`` occurs as a whole word in any case."""
        return word.lower() in self.lower_counts

    def words_between(self, start: int, end: int) -> Iterator[Token]:
        """The tokens inside ``[start, end)``."""
        starts = self._token_starts
        i = bisect.bisect_left(starts, start)
        while i < len(self.tokens) and self.tokens[i].end <= end:
            yield self.tokens[i]
            i += 1

    @cached_property
    def _token_starts(self) -> list[int]:
        return [t.start for t in self.tokens]
