"""Kind ``lexicon``: the curated ru→en MT lexicon (``cleanup/data/mt-calques.tsv``) as rules.

The lexicon is a table of phrases MT engines produce for Russian (calques,
false friends, formulae, mistranslated terms and abbreviations), one entry a
line, tab-separated::

    phrase  corrections  russian  tier  category  guard  note

``phrase``       what the engine wrote, in a small pattern language (below);
``corrections``  what English writes, best first, separated by ``;``; ``-``
                 for none (a finding that only asks for review);
``russian``      the Russian source the phrase renders;
``tier``         ``safe`` (the phrase is never right in English), ``suggest``
                 (usually wrong) or ``review`` (often right: a human decides);
``category``     ``calque``, ``false-friend``, ``formula``, ``terminology`` or
                 ``abbreviation``;
``guard``        ``-``, or conditions joined by `` && ``: ``next=RE`` / ``!next=RE``
                 (the text right after the match must / must not start with
                 ``RE``), ``prev=RE`` / ``!prev=RE`` (the text before the match
                 must / must not end with ``RE``), ``doc=RE`` / ``!doc=RE`` (the
                 document must / must not contain ``RE``), ``match=RE`` (the
                 matched text must contain ``RE``: a year, say);
``note``         why, shown in the message.

The pattern language: words separated by spaces; ``{a|b|c}`` chooses one of
several spellings (inside a word or around words; an empty alternative makes
it optional: ``realization{|s}``); ``<n>`` is a number. A correction may use
the same braces: its k-th group follows the choice made in the phrase's k-th
group (``{take|took} measures`` -> ``{take|took} action``), ``{N:a|b}`` follows
the phrase's group N, ``{=N}`` copies what group N matched, and ``<n>``
copies the phrase's numbers in order.

A rule names the table (``lexicon = "mt-calques.tsv"``) and takes the entries
whose tier and category are its own, so each tier of each category is one
rule a user can ``--ignore``. All the rule's spellings go into one trie of
words; the text is split into whitespace-separated chunks once for all the
rules, with an index from each chunk's word to its positions, and each rule
walks the trie only from the chunks where one of its phrases may start, each
step a dictionary lookup, so the scan stays linear however many entries there
are (no regular expression of thousands of alternatives to compile). A
``doc=`` guard is searched for once per text. Matching is whole-word, a space in a phrase matches any run of spaces
or one line break, the longest phrase wins, and the replacement takes the case
shape of the match (lower, capitalised or all capitals). A word written with a
capital letter (a name of an institution) matches only that spelling or all
capitals. Nothing inside a protected span is touched.

A rule's ``message`` may use ``{original}``, ``{replacement}``, ``{russian}``,
``{note}``, ``{english}`` (the corrections, worded), ``{alternatives}`` and
``{also}``.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol
from importlib import resources

import regex

from ..model import CleanupError, Document, Edit, Rule, Tier
from . import Detector, format_message, make_edit, param
from .words import fix_case

TIERS = ("safe", "suggest", "review")
CATEGORIES = ("abbreviation", "calque", "false-friend", "formula", "terminology")
COLUMNS = ("phrase", "corrections", "russian", "tier", "category", "guard", "note")

_NUMBER = r"\d+(?:[.,]\d+)?"
_GROUP = regex.compile(r"\{([^{}]*)\}")
_NUMBER_RUN = regex.compile(_NUMBER)
_GUARD = regex.compile(r"(!?)(next|prev|doc|match)=(.+)")


@dataclass(frozen=True)
class Guard:
    """One condition on the context of a match (its regular expression compiled on first use)."""

    where: str  # next, prev, doc, match
    negated: bool
    body: str

    @property
    def pattern(self) -> regex.Pattern[str]:
        return _guard_pattern(self.where, self.body)

    def holds(self, text: str, start: int, end: int, seen: dict[Guard, bool] | None = None) -> bool:
        """True when the condition holds for the match ``text[start:end]``.

        A ``doc`` guard's answer is the same for every match in one text:
        ``seen`` keeps it, so the text is searched once, not once per match.
        """
        if seen is not None and self.where == "doc":
            if self not in seen:
                seen[self] = self.holds(text, start, end)
            return seen[self]
        pattern = self.pattern
        if self.where == "next":
            found = pattern.match(text, end, min(len(text), end + 120)) is not None
        elif self.where == "prev":
            found = pattern.search(text, max(0, start - 120), start) is not None
        elif self.where == "match":
            found = pattern.search(text, start, end) is not None
        else:
            found = pattern.search(text) is not None
        return found != self.negated


@lru_cache(maxsize=None)
def _guard_pattern(where: str, body: str) -> regex.Pattern[str]:
    if where == "prev":
        return regex.compile("(?:" + body + r")\Z", regex.V1)
    if where == "doc":
        return regex.compile(body, regex.V1 | regex.MULTILINE)
    return regex.compile(body, regex.V1)


@dataclass(frozen=True)
class Entry:
    """One line of the lexicon, validated."""

    line: int
    phrase: str
    corrections: tuple[str, ...]
    russian: str
    tier: Tier
    category: str
    guards: tuple[Guard, ...]
    note: str

    @property
    def where(self) -> str:
        return f"mt-calques line {self.line}"


@dataclass(frozen=True)
class Form:
    """A concrete spelling of an entry's phrase: its words and the group choices behind it."""

    words: tuple[str, ...]
    choices: tuple[int, ...]
    matched: tuple[str, ...]  # the text each group contributed


def _split_alternatives(pattern: str, where: str) -> tuple[list[str], list[list[str]]]:
    """Literal pieces and groups: ``a{b|c}d`` -> (['a', 'd'], [['b', 'c']])."""
    literals: list[str] = []
    groups: list[list[str]] = []
    pos = 0
    for m in _GROUP.finditer(pattern):
        literals.append(pattern[pos : m.start()])
        groups.append(m.group(1).split("|"))
        pos = m.end()
    literals.append(pattern[pos:])
    if any(c in lit for lit in literals for c in "{}|"):
        raise CleanupError(where, f"unbalanced braces or a stray '|' in {pattern!r}")
    return literals, groups


def expand(phrase: str, where: str = "phrase") -> list[Form]:
    """Every concrete spelling of ``phrase``.

    >>> [" ".join(f.words) for f in expand("{carry|carried} out work{|s}")]
    ['carry out work', 'carry out works', 'carried out work', 'carried out works']
    >>> [" ".join(f.words) for f in expand("in {|the} framework of")]
    ['in framework of', 'in the framework of']
    """
    literals, groups = _split_alternatives(phrase, where)
    forms = []
    for choice in itertools.product(*(range(len(g)) for g in groups)):
        text = literals[0]
        matched = []
        for k, i in enumerate(choice):
            text += groups[k][i] + literals[k + 1]
            matched.append(groups[k][i])
        words = tuple(text.split())
        if words:
            forms.append(Form(words, tuple(choice), tuple(matched)))
    return forms


def render(correction: str, form: Form, numbers: Sequence[str], where: str = "correction") -> str:
    """The correction for the spelling ``form`` (with ``numbers`` the match's numbers).

    >>> f = expand("{take|took} measures on")[1]
    >>> render("{take|took} action on", f, []), render("{1:do|did} {=1}", f, [])
    ('took action on', 'did took')
    >>> render("<n>-year-old", expand("<n> year old")[0], ["37"])
    '37-year-old'
    """
    literals, groups = _split_alternatives(correction, where)
    out = literals[0]
    for k, alternatives in enumerate(groups):
        head, colon, rest = alternatives[0].partition(":")
        index = k
        if len(alternatives) == 1 and head.startswith("="):
            index = int(head[1:]) - 1
            piece = form.matched[index] if 0 <= index < len(form.matched) else ""
        else:
            if colon and head.isdigit():
                index = int(head) - 1
                alternatives = [rest] + alternatives[1:]
            chosen = form.choices[index] if index < len(form.choices) else 0
            piece = alternatives[chosen] if chosen < len(alternatives) else alternatives[-1]
        out += piece + literals[k + 1]
    numbers_left = list(numbers)
    while "<n>" in out and numbers_left:
        out = out.replace("<n>", numbers_left.pop(0), 1)
    return " ".join(out.split())


def _parse_guards(text: str, where: str, validate: bool) -> tuple[Guard, ...]:
    if text == "-":
        return ()
    guards = []
    for part in text.split(" && "):
        m = _GUARD.fullmatch(part.strip())
        if m is None:
            raise CleanupError(where, f"guard {part!r} must be next=RE, prev=RE, doc=RE or match=RE (optionally with '!')")
        negated, kind, body = m.groups()
        guard = Guard(kind, bool(negated), body)
        if validate:
            try:
                guard.pattern
            except regex.error as exc:
                raise CleanupError(where, f"bad regular expression in guard {part!r}: {exc}") from None
        guards.append(guard)
    return tuple(guards)


def parse_lexicon(text: str, name: str = "mt-calques.tsv", *, validate: bool = True) -> tuple[Entry, ...]:
    """The entries of a lexicon file; errors name the file and line.

    ``validate`` also expands every phrase and compiles every guard now (the
    shipped table is checked by the test-suite, so loading it skips this).
    """
    entries = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        where = f"{name}:{number}"
        cells = line.split("\t")
        if len(cells) != len(COLUMNS):
            raise CleanupError(where, f"expected {len(COLUMNS)} tab-separated columns ({', '.join(COLUMNS)}), got {len(cells)}")
        phrase, corrections, russian, tier, category, guard, note = cells
        if tier not in TIERS:
            raise CleanupError(where, f"tier must be one of {', '.join(TIERS)}, not {tier!r}")
        if category not in CATEGORIES:
            raise CleanupError(where, f"category must be one of {', '.join(CATEGORIES)}, not {category!r}")
        if validate and not expand(phrase, where):
            raise CleanupError(where, f"empty phrase {phrase!r}")
        fixes = () if corrections == "-" else tuple(c.strip() for c in corrections.split(";"))
        entries.append(
            Entry(number, phrase, fixes, russian, Tier(tier), category, _parse_guards(guard, where, validate), note)
        )
    return tuple(entries)


@lru_cache(maxsize=4)
def load_lexicon(name: str) -> tuple[Entry, ...]:
    """The entries of the lexicon file ``name`` shipped in ``cleanup/data``."""
    if "/" in name or "\\" in name or not name.endswith(".tsv"):
        raise CleanupError(name, "a lexicon is named by its file name in cleanup/data, ending in .tsv")
    try:
        text = (resources.files("cleanup") / "data" / name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CleanupError(f"cleanup/data/{name}", f"cannot read the lexicon: {exc}") from None
    return parse_lexicon(text, f"cleanup/data/{name}", validate=False)


_LEAD = "\"'«“„‘([{"
_STOP = frozenset("-/_")


class _Node:
    """A trie of phrase words: children by exact word, and words with a number in them."""

    __slots__ = ("exact", "numbered", "hits")

    def __init__(self) -> None:
        self.exact: dict[str, _Node] = {}
        self.numbered: list[tuple[str, str, regex.Pattern[str], _Node]] = []
        self.hits: list[tuple[Entry, Form]] = []

    def child(self, word: str) -> _Node:
        key = word.casefold()
        if "<n>" not in key:
            node = self.exact.get(key)
            if node is None:
                node = self.exact[key] = _Node()
            return node
        for literal, _, _, node in self.numbered:
            if literal == key:
                return node
        parts = key.split("<n>")
        node = _Node()
        self.numbered.append((key, parts[0], regex.compile(_NUMBER.join(regex.escape(p) for p in parts)), node))
        return node


def _tail_ok(rest: str) -> bool:
    """True when ``rest`` (what follows a phrase's last word in its chunk) is closing punctuation."""
    if not rest:
        return True
    if rest[0].isalnum() or rest[0] in _STOP:
        return False
    return not (rest[0] in "'’" and len(rest) > 1 and rest[1].isalpha())


_TRAIL = ".,;:!?)]}»”\"'’…"


def _word_matches(node: _Node, core: str, folded: str, last_allowed: bool) -> list[tuple[_Node, int]]:
    """The children of ``node`` that the chunk text ``core`` (``folded``: its case-folded form) matches.

    Returns (child, characters used): the whole chunk must match, except for a
    phrase's last word, which may be followed by closing punctuation.
    """
    out = []
    child = node.exact.get(folded)
    if child is not None:
        out.append((child, len(core)))
    if last_allowed and folded and not folded[-1].isalnum():
        for cut in {folded.rstrip(_TRAIL), folded[:-1]}:
            child = node.exact.get(cut)
            if child is not None and cut and _tail_ok(core[len(cut) :]):
                out.append((child, len(cut)))
    if node.numbered and _HAS_DIGIT.search(folded):
        for _, prefix, pattern, numbered_child in node.numbered:
            if folded.startswith(prefix) and folded[len(prefix) : len(prefix) + 1].isdigit():
                m = pattern.match(folded)
                if m is not None and (m.end() == len(folded) or (last_allowed and _tail_ok(core[m.end() :]))):
                    out.append((numbered_child, m.end()))
    return out


_HAS_DIGIT = regex.compile(r"\d")


def _chunk_spans(text: str) -> tuple[tuple[tuple[int, int, str, int, str], ...], dict[str, list[int]], tuple[int, ...]]:
    """The whitespace-separated chunks of ``text``, each as a tuple, and an index of them: the plain scan.

    Each chunk is (start, end, case-folded chunk, length of its opening quotes
    or brackets, case-folded chunk without them). The index maps every form a
    phrase's first word could take in a chunk (the chunk without its opening
    marks, and for a chunk ending in punctuation also the chunk without it) to
    the chunks' positions; the last item lists the chunks holding a digit.
    :func:`find_phrases` reads it; the rules read the same chunks from
    :class:`_Chunks`, built without a tuple per chunk of the text.
    """
    out = []
    index: dict[str, list[int]] = {}
    digits = []
    for i, m in enumerate(_CHUNK.finditer(text)):
        chunk = m.group()
        folded = chunk.casefold()
        stripped = folded.lstrip(_LEAD)
        out.append((m.start(), m.end(), folded, len(folded) - len(stripped), stripped))
        if not stripped:
            continue
        if stripped[-1].isalnum():
            index.setdefault(stripped, []).append(i)
        else:
            for key in _start_keys(stripped):
                index.setdefault(key, []).append(i)
        if _has_number(stripped):
            digits.append(i)
    return tuple(out), index, tuple(digits)


def _start_keys(stripped: str) -> set[str]:
    """The forms a phrase's first word may take in a chunk ending in punctuation (``stripped``)."""
    return {stripped, stripped.rstrip(_TRAIL), stripped[:-1]}


def _has_number(stripped: str) -> bool:
    return not stripped.isalpha() and _HAS_DIGIT.search(stripped) is not None


_CHUNK = regex.compile(r"\S+")
_SPACE_RUN = regex.compile(r"(\s+)")  # the complement of _CHUNK: splitting on it gives the chunks and the gaps


class _Spans(Protocol):
    """The chunks of a text as :func:`_walk` and :func:`_choose` read them: a tuple of :func:`_chunk_spans`, or :class:`_Chunks`."""

    def __len__(self) -> int: ...

    def __getitem__(self, j: int) -> tuple[int, int, str, int, str]: ...


class _Chunks:
    """The whitespace-separated chunks of one text, as :func:`_chunk_spans` gives them, built lazily.

    The text is split once (in C: the chunks and their offsets), and a chunk's
    tuple is made only when a walk reads it; what a chunk may start is worked
    out once per distinct chunk, not once per chunk of the text.
    """

    __slots__ = ("text", "words", "starts", "_root", "_openers")

    def __init__(self, text: str) -> None:
        self.text = text
        pieces = _SPACE_RUN.split(text)  # chunk, gap, chunk, ..., chunk (the first and last may be empty)
        offsets = list(itertools.accumulate(map(len, pieces), initial=0))
        words = pieces[0::2]
        starts = offsets[0:-1:2]
        if words and not words[-1]:
            words.pop()
            starts.pop()
        if words and not words[0]:
            del words[0], starts[0]
        self.words = words
        self.starts = starts
        self._root: _Node | None = None
        self._openers: dict[str, tuple[bool, tuple[_Node, ...], dict[str, bool]]] = {}

    def __len__(self) -> int:
        return len(self.words)

    def __getitem__(self, j: int) -> tuple[int, int, str, int, str]:
        word = self.words[j]
        folded = word.casefold()
        stripped = folded.lstrip(_LEAD)
        a = self.starts[j]
        return a, a + len(word), folded, len(folded) - len(stripped), stripped

    def starts_of(
        self, root: _Node, grow: Callable[[Iterable[str]], None] | None = None, known: _Openers | None = None
    ) -> list[int]:
        """The chunks (by position, in order) where a phrase of the trie ``root`` may be found.

        A necessary condition for :func:`_walk` to find anything, worked out
        once per distinct chunk: the chunk opens a phrase (:func:`_starts` and
        :func:`_opens`), and a first word it matches ends a phrase or the next
        chunk may match a second word. ``grow`` adds the branches of a lazily
        built trie for the first words the text's chunks may hold (:class:`_LazyTrie`).
        ``known`` keeps the answers for the chunks of earlier texts (a chunk's
        answer depends only on the trie's branches for its own first words,
        which are complete once grown), so a later text works out only its new chunks.
        """
        if self._root is not root:
            if known is None:
                self._root, self._openers = root, _openers(root, set(self.words), grow)
            else:
                found, checked = known
                new = set(self.words) - checked
                if new:
                    found.update(_openers(root, new, grow))
                    checked |= new
                self._root, self._openers = root, found
        get = self._openers.get
        words = self.words
        last = len(words) - 1
        out = []
        for i, word in enumerate(words):
            info = get(word)
            if info is None:
                continue
            if info[0]:
                out.append(i)
            elif i < last:
                follows = info[2].get(words[i + 1])  # the answer for this pair of chunks, kept
                if follows is None:
                    follows = info[2][words[i + 1]] = _may_follow(info[1], words[i + 1])
                if follows:
                    out.append(i)
        return out


#: the openers of the chunks worked out so far for one trie, and every chunk worked out
_Openers = tuple[dict[str, tuple[bool, tuple["_Node", ...], dict[str, bool]]], set[str]]


def _openers(
    root: _Node, words: Iterable[str], grow: Callable[[Iterable[str]], None] | None = None
) -> dict[str, tuple[bool, tuple[_Node, ...], dict[str, bool]]]:
    """The chunks (of ``words``) from which a walk of ``root`` may find a phrase.

    Each maps to (a first word it matches ends a phrase, the trie nodes whose
    words a next chunk would have to match, room for the answers for each next chunk).
    """
    out: dict[str, tuple[bool, tuple[_Node, ...], dict[str, bool]]] = {}
    exact = root.exact
    for word in words:
        folded = word.casefold()
        stripped = folded.lstrip(_LEAD)
        if not stripped:
            continue
        keys = (stripped,) if stripped[-1].isalnum() else _start_keys(stripped)
        if grow is not None:
            grow(keys)
        if not any(k in exact for k in keys) and not (root.numbered and _has_number(stripped)):
            continue
        if not _opens(root, stripped):
            continue
        lead = len(folded) - len(stripped)
        always = False
        seconds = []
        for node, used in _word_matches(root, word[lead:], stripped, True):
            if node.hits:
                always = True
            if lead + used == len(word) and (node.exact or node.numbered):
                seconds.append(node)  # a phrase goes on only from a word that ends its chunk
        if always or seconds:
            out[word] = (always, tuple(seconds), {})
    return out


def _may_follow(nodes: Sequence[_Node], word: str) -> bool:
    """False when the chunk ``word`` can match no word of ``nodes`` (see :func:`_word_matches`)."""
    folded = word.casefold()
    if folded and not folded[-1].isalnum():
        keys: Iterable[str] = (folded, folded.rstrip(_TRAIL), folded[:-1])
    else:
        keys = (folded,)
    return any(k in node.exact for node in nodes for k in keys) or (
        any(node.numbered for node in nodes) and _HAS_DIGIT.search(folded) is not None
    )


def _starts(root: _Node, index: dict[str, list[int]], digits: Sequence[int]) -> list[int]:
    """The chunks (by position) where a phrase of the trie ``root`` may start, in order (the plain scan)."""
    exact = root.exact
    found: set[int] = set()
    if len(exact) < len(index):
        for key in exact:
            at = index.get(key)
            if at is not None:
                found.update(at)
    else:
        for key, at in index.items():
            if key in exact:
                found.update(at)
    if root.numbered:
        found.update(digits)
    return sorted(found)


# one text at a time: every lexicon rule of a pass reads the same text, and a
# larger cache would keep every pass's text (and its chunks) alive
@lru_cache(maxsize=1)
def _chunks(text: str) -> _Chunks:
    """The chunks of ``text``, shared by every lexicon rule."""
    return _Chunks(text)


def _walk(root: _Node, text: str, spans: _Spans, i: int) -> list[_Found]:
    """The phrases of the trie ``root`` that start at chunk ``i``, in the order of a depth-first walk."""
    n = len(spans)
    a, b, _, lead, stripped = spans[i]
    found: list[_Found] = []
    # depth-first over the trie, following the chunks
    stack: list[tuple[_Node, int, int]] = []  # (node, next chunk index, end offset)
    for node, used in _word_matches(root, text[a + lead : b], stripped, True):
        stack.append((node, i + 1, a + lead + used))
    while stack:
        node, j, end = stack.pop()
        for entry, form in node.hits:
            found.append((j - i, a + lead, end, entry, form, node))
        if j >= n or (not node.exact and not node.numbered):
            continue
        if end != spans[j - 1][1]:
            continue  # the previous word ended before its chunk did: punctuation breaks the phrase
        c0, c1, next_folded, _, _ = spans[j]
        if text.count("\n", end, c0) > 1:
            continue
        for child, used in _word_matches(node, text[c0:c1], next_folded, True):
            stack.append((child, j + 1, c0 + used))
    return found


#: a phrase found at a chunk: (words, start, end, entry, form, trie node)
_Found = tuple[int, int, int, "Entry", Form, _Node]


def _opens(root: _Node, stripped: str) -> bool:
    """False when no phrase of ``root`` can start at a chunk (``stripped``: without its opening marks)."""
    return not (
        stripped not in root.exact
        and (not root.numbered or not stripped[:1].isdigit())
        and (not stripped or stripped[-1].isalnum())
    )


def find_phrases(
    root: _Node, text: str, accept: Callable[[int, int, Entry, Form], bool] = lambda *_: True
) -> Iterator[tuple[int, int, Entry, Form]]:
    """Every longest phrase of the trie ``root`` in ``text``: (start, end, entry, form).

    Words are the text's whitespace-separated chunks; a phrase may start after
    opening quotes or brackets and end before closing punctuation, and its
    words may be separated by spaces or one line break (not a blank line).
    Where several phrases start at one place, the one with most words (then
    the longest) that ``accept`` takes wins.

    >>> root = _Node()
    >>> for phrase in ("on the basis of", "on the basis", "<n> mln"):
    ...     node = root
    ...     for w in phrase.split():
    ...         node = node.child(w)
    ...     node.hits.append((phrase, phrase))  # type: ignore[arg-type]
    >>> [(text[a:b]) for text in ["(On the basis of it, on the basis. 5 mln,"] for a, b, _, _ in find_phrases(root, text)]
    ['On the basis of', 'on the basis', '5 mln']
    """
    spans, index, digits = _chunk_spans(text)
    return _choose(((i, _walk(root, text, spans, i)) for i in _starts(root, index, digits) if _opens(root, spans[i][4])),
                   spans, accept)


def _choose(
    found_at: Iterable[tuple[int, list[_Found]]],
    spans: _Spans,
    accept: Callable[[int, int, Entry, Form], bool],
) -> Iterator[tuple[int, int, Entry, Form]]:
    """From the phrases found at each chunk (in chunk order), the longest ``accept`` takes, not overlapping."""
    n = len(spans)
    i = 0
    for at, found in found_at:
        if at < i or not found:
            continue  # inside the phrase taken last, or nothing starts here
        i = at
        best = None
        for _, start, end, entry, form, _ in sorted(found, key=lambda f: (-f[0], -(f[2] - f[1]))):
            if accept(start, end, entry, form):
                best = (start, end, entry, form)
                break
        if best is not None:
            yield best
            while i < n and spans[i][0] < best[1]:
                i += 1
        else:
            i += 1


@lru_cache(maxsize=4)
def _union_trie(name: str) -> _LazyTrie:
    """One trie of every entry of the lexicon ``name``: walked once per text for all its rules."""
    return _LazyTrie(load_lexicon(name))


class _LazyTrie:
    """The trie :func:`_build_trie` makes of ``entries``, a first word's branch built when a text may hold it.

    A branch holds only the spellings whose first word is its own, added in the
    order of the entries, so a branch built late is the branch the whole build
    makes (the order of the root's branches is never read: they are looked up).
    The spellings of an entry whose first word is literal (most are) are not
    even expanded until then; branches of a first word with a number are built at once.
    """

    def __init__(self, entries: Sequence[Entry]) -> None:
        self.root = _Node()
        self._entries = entries
        self._pending: dict[str, list[int]] = {}  # first word (case-folded) -> the entries with a spelling starting so
        self._forms: dict[int, list[Form]] = {}
        self.openers: _Openers = ({}, set())  # see _Chunks.starts_of
        for k, entry in enumerate(entries):
            first = _first_words(entry.phrase)
            if first is not None and not any("<n>" in key for key in first):
                for key in first:
                    self._pending.setdefault(key, []).append(k)
                continue
            forms = self._forms[k] = expand(entry.phrase, entry.where)
            for key in dict.fromkeys(f.words[0].casefold() for f in forms):
                if "<n>" in key:
                    _insert(self.root, entry, [f for f in forms if f.words[0].casefold() == key])
                else:
                    self._pending.setdefault(key, []).append(k)
        for at in self._pending.values():
            at.sort()

    def grow(self, keys: Iterable[str]) -> None:
        """Build the branches of the first words ``keys`` (case-folded) not built yet."""
        pending = self._pending
        for key in keys:
            at = pending.pop(key, None)
            if at is None:
                continue
            for k in at:
                entry = self._entries[k]
                forms = self._forms.get(k)
                if forms is None:
                    forms = self._forms[k] = expand(entry.phrase, entry.where)
                _insert(self.root, entry, [f for f in forms if f.words[0].casefold() == key])


def _first_words(phrase: str) -> set[str] | None:
    """The first words (case-folded) of the spellings of ``phrase``, from its first token alone; ``None``
    when the token does not tell (a group with a space or an empty choice: ``{|the} work``).

    >>> sorted(_first_words("{carry|carried} out")), _first_words("in {|the} work"), _first_words("{|the} work")
    (['carried', 'carry'], {'in'}, None)
    """
    token = phrase.split()[:1]
    if not token:
        return None
    if "{" not in token[0] and "}" not in token[0]:
        return {token[0].casefold()}
    try:
        literals, groups = _split_alternatives(token[0], "phrase")
    except CleanupError:
        return None
    forms = expand(token[0])
    if len(forms) != math.prod(len(g) for g in groups) or any(len(f.words) != 1 for f in forms):
        return None
    return {f.words[0].casefold() for f in forms}


def _insert(root: _Node, entry: Entry, forms: Iterable[Form]) -> None:
    for form in forms:
        node = root
        for word in form.words:
            node = node.child(word)
        node.hits.append((entry, form))


def _build_trie(entries: Iterable[Entry]) -> _Node:
    root = _Node()
    for entry in entries:
        _insert(root, entry, expand(entry.phrase, entry.where))
    return root


@lru_cache(maxsize=2)
def _found_all(name: str, text: str) -> tuple[tuple[int, list[_Found]], ...]:
    """Every phrase of every entry of the lexicon ``name`` found in ``text``, by starting chunk.

    Computed once per text and shared by the lexicon's rules: a rule's own
    walk finds exactly the union walk's phrases of its entries (its trie is
    the union trie's paths to them).
    """
    trie = _union_trie(name)
    root = trie.root
    chunks = _chunks(text)
    out = []
    for i in chunks.starts_of(root, trie.grow, trie.openers):
        found = _walk(root, text, chunks, i)
        if found:
            out.append((i, found))
    return tuple(out)


def _found_for(
    name: str, text: str, keep: Callable[[Entry], bool], own_trie: Callable[[], _Node]
) -> Iterator[tuple[int, list[_Found]]]:
    """The union walk's phrases of the entries ``keep`` takes, in the order the rule's own trie would find them.

    The order matters only between phrases of equal words and length reached
    through different trie nodes (a numbered word and another spelling): the
    depth-first order of the rule's own trie may differ from the union trie's
    there, so such a chunk is walked again with the rule's own trie.
    """
    spans = _chunks(text)
    for i, found in _found_all(name, text):
        mine = [f for f in found if keep(f[3])]
        if not mine:
            continue
        if len(mine) > 1:
            nodes: dict[tuple[int, int], _Node] = {}
            for f in mine:
                key = (f[0], f[2] - f[1])
                if nodes.setdefault(key, f[5]) is not f[5]:
                    mine = _walk(own_trie(), text, spans, i)
                    break
        yield i, mine


def _case_allows(form: Form, found: str) -> bool:
    """Each word of a match has its phrase word's case: a capitalised word (a name) exactly, a lower-case one in any regular shape.

    >>> f = expand("in the Ural")[0]
    >>> _case_allows(f, "In the Ural"), _case_allows(f, "in the ural"), _case_allows(f, "IN THE URAL"), _case_allows(f, "in tHe Ural")
    (True, False, True, False)
    """
    words = found.split()
    if found.isupper() and sum(c.isalpha() for c in found) > 3:
        return True
    for written, word in zip(form.words, words):
        if written != written.lower():
            if not _same_with_numbers(written, word):
                return False
        elif not (word.islower() or word == word[:1].upper() + word[1:].lower() or not any(c.isalpha() for c in word)):
            return False
    return True


def _same_with_numbers(written: str, word: str) -> bool:
    if "<n>" not in written:
        return written == word
    return regex.fullmatch(_NUMBER.join(regex.escape(p) for p in written.split("<n>")), word) is not None


def compile(rule: Rule) -> Detector:
    """Compile a ``lexicon`` rule: the entries of its category and tier.

    ``entries`` names the tier of the lexicon's entries the rule runs (by
    default the rule's own tier): the lexicon's tier is a translator's
    judgement of the risk, the rule's tier what measurement allows, so a rule
    may report the lexicon's ``suggest`` entries as review findings that carry
    the proposal.
    """
    name = param(rule, "lexicon", str)
    wanted = param(rule, "entries", str, rule.tier.value)
    try:
        entries_tier = Tier(wanted)
    except ValueError:
        raise CleanupError(rule.source, f"rule {rule.id!r}: entries must be safe, suggest or review, not {wanted!r}") from None
    entries = [e for e in load_lexicon(name) if e.tier is entries_tier and e.category == rule.category]
    if not entries:
        raise CleanupError(rule.source, f"rule {rule.id!r}: {name} has no {wanted} {rule.category} entries")
    tries: list[_Node] = []

    def trie() -> _Node:
        # built on first use: loading the rules stays quick when this one is not run
        if not tries:
            tries.append(_build_trie(entries))
        return tries[0]

    def keep(entry: Entry) -> bool:
        return entry.tier is entries_tier and entry.category == rule.category

    def detect(doc: Document) -> Iterator[Edit]:
        text = doc.text
        # the guards read the whole document (a window's is the text it was cut from):
        # a doc guard is a fact about it, searched once per text (see cleanup.evidence)
        whole, shift = doc.root.text, doc.offset

        def holds(g: Guard, start: int, end: int) -> bool:
            if g.where == "doc":
                return bool(doc.evidence("search", g.pattern)) != g.negated
            return g.holds(whole, start + shift, end + shift)

        def accept(start: int, end: int, entry: Entry, form: Form) -> bool:
            return (
                _case_allows(form, text[start:end])
                and all(holds(g, start, end) for g in entry.guards)
                and not doc.is_protected(start, end)
            )

        for start, end, entry, form in _choose(_found_for(name, text, keep, trie), _chunks(text), accept):
            edit = _edit(rule, doc, start, end, entry, form, _NUMBER_RUN.findall(text[start:end]))
            if edit.replacement is None and rule.tier is not Tier.REVIEW:
                continue  # a fix that changes nothing is no finding either
            yield edit

    return detect


def _edit(rule: Rule, doc: Document, start: int, end: int, entry: Entry, form: Form, numbers: list[str]) -> Edit:
    found = doc.text[start:end]
    rendered = [render(c, form, numbers, entry.where) for c in entry.corrections]
    cased = [fix_case(found, c) for c in rendered]
    replacement = cased[0] if cased else None
    if replacement == found:
        replacement = None
    others = "; ".join(f"'{c}'" for c in cased[1:])
    english = f"English: '{cased[0]}'" + (f" (or {others})" if others else "") if cased else "English has no one fixed form"
    message = format_message(
        rule.message,
        original=found,
        replacement=replacement or "",
        russian=entry.russian,
        note=entry.note,
        alternatives=others or "-",
        also=f" (or {others})" if others else "",
        english=english,
    )
    return make_edit(rule, doc, start, end, replacement, message=message, tier=rule.tier)
