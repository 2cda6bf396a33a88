"""Kind ``words``: replace whole words or phrases from a list, keeping the text's case.

This is the kind behind every term list: the Russian words an MT engine leaves
in, mistranslated abbreviations, calques, and every glossary, which compiles
into ``words`` rules. A rule has either a ``swap`` table (``variant = target``)
or a list of ``entries``, each a table with

``variants``  the wrong or variant forms (a string or a list of strings);
``target``    the form to put in their place (omitted for a *forbidden* term,
              which is only reported);
``tier``      overrides the rule's tier for this entry;
``case``      ``"preserve"`` (default: ``gepeurs`` -> ``GPU agents``,
              ``Gepeurs`` -> ``GPU agents`` with its first letter raised,
              ``GEPEURS`` -> ``GPU AGENTS``) or ``"exact"`` (the target is written
              exactly as given whatever the case of the match);
``note``      why, shown in the message as ``{note}``;
``source``    where the entry comes from (``glossary/x.tsv:12``), as ``{source}``.

With ``names_mid_sentence = true`` a match with a capital letter that does not
start a sentence is taken for a name and left alone (``the Gepeur family``).

Matching is whole-word (a term inside a longer word never fires), a space in a
variant matches any run of spaces or one line break inside a paragraph, the
longest variant wins where several match at one place, and with
``inflect = true`` (the default) one entry also covers the English plural and
possessive of each variant (``Lenipa`` covers ``Lenipa's``; ``gepeur`` covers
``gepeurs``), inflecting the target to match.

A variant written with a capital letter matches only that spelling (or the same
word in capitals); a variant in lower case matches it in lower, Title or UPPER
case.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import regex

from ..model import CleanupError, Document, Edit, Rule, Tier
from . import Detector, format_message, make_edit, param, trigger_windows

_GAP = r"(?:[ \t]+\n?[ \t]*|\n[ \t]*)"  # spaces, or one line break: not a blank line
_BEFORE = r"(?<![\p{L}\p{N}_])"
_AFTER = r"(?![\p{L}\p{N}_]|['’]\p{L})"


@dataclass(frozen=True)
class Entry:
    """One row of a term list after validation."""

    variants: tuple[str, ...]
    target: str | None
    tier: Tier | None = None
    case: str = "preserve"
    note: str = ""
    source: str = ""


#: a concrete spelling to look for: the entry, the variant and the inflection it stands for
#: ("", "plural", "possessive", "plural-possessive"); a plain tuple, the cheapest to unpickle
_Form = tuple[Entry, str, str]


def parse_entries(rule: Rule) -> list[Entry]:
    """Read the ``swap`` and ``entries`` parameters of ``rule`` into entries."""
    entries: list[Entry] = []
    swap = param(rule, "swap", dict, {})
    for variant, target in swap.items():
        if not isinstance(target, str):
            raise CleanupError(rule.source, f"rule {rule.id!r}: swap target for {variant!r} must be a string")
        entries.append(Entry((variant,), target))
    for i, raw in enumerate(param(rule, "entries", list, [])):
        entries.append(_parse_entry(rule, i, raw))
    if not entries:
        raise CleanupError(rule.source, f"rule {rule.id!r}: a words rule needs 'swap' or 'entries'")
    for entry in entries:
        for v in entry.variants:
            if not v.strip() or v != v.strip():
                raise CleanupError(rule.source, f"rule {rule.id!r}: empty or padded variant {v!r}")
    return entries


def _parse_entry(rule: Rule, i: int, raw: Any) -> Entry:
    where = f"rule {rule.id!r} entry {i + 1}"
    if not isinstance(raw, dict):
        raise CleanupError(rule.source, f"{where}: must be a table")
    variants = raw.get("variants")
    if isinstance(variants, str):
        variants = [variants]
    if not isinstance(variants, list) or not variants or not all(isinstance(v, str) for v in variants):
        raise CleanupError(rule.source, f"{where}: 'variants' must be a string or a list of strings")
    target = raw.get("target")
    if target is not None and not isinstance(target, str):
        raise CleanupError(rule.source, f"{where}: 'target' must be a string")
    tier = raw.get("tier")
    try:
        tier_value = Tier(tier) if tier is not None else None
    except ValueError:
        raise CleanupError(rule.source, f"{where}: unknown tier {tier!r} (safe, suggest, review)") from None
    case = raw.get("case", "preserve")
    if case not in ("preserve", "exact"):
        raise CleanupError(rule.source, f"{where}: case must be 'preserve' or 'exact', not {case!r}")
    return Entry(
        variants=tuple(variants),
        target=target,
        tier=tier_value,
        case=case,
        note=str(raw.get("note", "")),
        source=str(raw.get("source", "")),
    )


def compile(rule: Rule) -> Detector:
    """Compile a ``words`` rule into a detector."""
    entries = parse_entries(rule)
    inflect = param(rule, "inflect", bool, True)
    names_mid_sentence = param(rule, "names_mid_sentence", bool, False)
    return WordsDetector(rule, entries, inflect, names_mid_sentence).detect


class WordsDetector:
    """The compiled form of a ``words`` rule; its :meth:`detect` is the rule's detector.

    A plain object (no closures), so a glossary compiled into it can be pickled
    into the user cache and loaded on the next run (see :mod:`cleanup.cache`).
    """

    def __init__(self, rule: Rule, entries: list[Entry], inflect: bool, names_mid_sentence: bool) -> None:
        self.rule = rule
        self.names_mid_sentence = names_mid_sentence
        forms: dict[str, _Form] = {}
        for entry in entries:
            for variant in entry.variants:
                for spelling, inflection in _inflections(variant, inflect):
                    # the first entry to claim a spelling keeps it: data order decides
                    key = spelling.casefold()
                    if key not in forms:
                        forms[key] = (entry, variant, inflection)
        self.forms = forms
        # a form can only match where its first word occurs: look for that in the
        # lower-cased text (at C speed) and build the pattern of the forms present
        forms_by_first: dict[str, list[str]] = {}
        for form, (_, variant, _) in forms.items():
            forms_by_first.setdefault(variant.split()[0].lower(), []).append(form)
        self.forms_by_first = forms_by_first
        self.present_in = first_word_finder(set(forms_by_first))
        self._patterns: dict[tuple[str, ...], regex.Pattern[str]] = {}

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_patterns"] = {}  # built per text: not worth keeping
        return state

    def pattern_for(self, present: tuple[str, ...]) -> regex.Pattern[str]:
        pattern = self._patterns.get(present)
        if pattern is None:
            alternatives = sorted(present, key=lambda s: (-len(s), s))
            body = "|".join(_GAP.join(regex.escape(w) for w in alt.split()) for alt in alternatives)
            pattern = self._patterns[present] = regex.compile(
                _BEFORE + "(?:" + body + ")" + _AFTER, regex.IGNORECASE | regex.V1
            )
        return pattern

    def detect(self, doc: Document) -> Iterator[Edit]:
        words_present = self.present_in(doc.lowered)
        forms_by_first = self.forms_by_first
        present = tuple(sorted(f for w in words_present for f in forms_by_first[w]))
        if not present:
            return
        forms, rule = self.forms, self.rule
        # the case shapes a match may have (see _case_allows): scanned for in the real text
        firsts = {forms[form][1].split()[0] for form in present}
        triggers = sorted({shape for w in firsts for shape in (w, w.lower(), w[:1].upper() + w[1:].lower(), w.upper())})
        pattern = self.pattern_for(present)
        matches = (m for lo, hi in trigger_windows(doc.text, triggers) for m in pattern.finditer(doc.text, lo, hi))
        for m in matches:
            found = m.group()
            form = forms.get(" ".join(found.split()).casefold())
            if form is None:
                continue
            entry, variant, inflection = form
            if not _case_allows(variant, inflection, found):
                continue
            if entry.case == "exact" and len(found) > 1 and found.isupper() and not variant.isupper():
                continue  # a heading in capitals is not a case error (an acronym variant is no heading)
            if self.names_mid_sentence and found[0].isupper() and not starts_sentence(doc.text, m.start()):
                continue
            if doc.is_protected(m.start(), m.end()):
                continue
            edit = _edit(rule, doc, m.start(), m.end(), form)
            if edit.replacement is None or edit.is_fix:
                yield edit


#: a list of more first words than this is searched with one Aho-Corasick automaton
AUTOMATON_THRESHOLD = 32


def first_word_finder(words: set[str]) -> Callable[[str], set[str]]:
    """A function giving the ``words`` that occur (as substrings) in a lower-cased text.

    A short list is tested word by word (``in`` runs at C speed); a long one (a
    glossary of thousands of terms) goes through one Aho-Corasick automaton, one
    pass over the text whatever the number of words, built once per rule. The
    function is a picklable object (the automaton pickles with it).

    >>> find = first_word_finder({"gepeur", "lenipa", "zzz"})
    >>> sorted(find("two gepeurs met lenipa"))
    ['gepeur', 'lenipa']
    >>> many = first_word_finder({f"w{i}x" for i in range(100)} | {"gepeur"})
    >>> sorted(many("two gepeurs and w7x, w12x"))
    ['gepeur', 'w12x', 'w7x']
    """
    if len(words) <= AUTOMATON_THRESHOLD:
        return _Listed(words)
    try:
        import ahocorasick
    except ImportError:  # pragma: no cover - pyahocorasick is a dependency; this keeps a broken install working
        return _Listed(words)
    automaton = ahocorasick.Automaton(ahocorasick.STORE_ANY, ahocorasick.KEY_STRING)
    for word in words:
        automaton.add_word(word, word)
    automaton.make_automaton()
    return _Automaton(automaton)


class _Listed:
    """The words of a short list that occur in a text, tested one by one."""

    def __init__(self, words: set[str]) -> None:
        self.words = sorted(words)

    def __call__(self, lowered: str) -> set[str]:
        return {w for w in self.words if w in lowered}


class _Automaton:
    """The words of a long list that occur in a text, found in one pass of an Aho-Corasick automaton."""

    def __init__(self, automaton: Any) -> None:
        self.automaton = automaton

    def __call__(self, lowered: str) -> set[str]:
        found: set[str] = set()
        for _end, word in self.automaton.iter(lowered):
            found.add(word)
        return found


_SENTENCE_END = regex.compile(r"(?:^|[.!?…:]['\"”’»)]*[ \t]+|\n[ \t]*|[\"“«(][ \t]*)$")


def starts_sentence(text: str, pos: int) -> bool:
    """True when ``pos`` starts a sentence, a line or a quotation.

    >>> starts_sentence("He left. Takova was", 9), starts_sentence("the Takova family", 4)
    (True, False)
    """
    return _SENTENCE_END.search(text, max(0, pos - 6), pos) is not None


def _edit(rule: Rule, doc: Document, start: int, end: int, form: _Form) -> Edit:
    entry, variant, inflection = form
    found = doc.text[start:end]
    replacement = None
    if entry.target is not None:
        target = _inflect_target(entry.target, inflection, found)
        # an acronym variant (ЦК) says nothing about case: its target stays as written
        as_written = entry.case == "exact" or (len(variant) > 1 and variant.isupper())
        replacement = target if as_written else fix_case(found, target)
        replacement = _keep_breaks(found, replacement)
    message = format_message(
        rule.message,
        original=found,
        replacement=replacement or "",
        note=entry.note,
        source=entry.source,
    )
    return make_edit(rule, doc, start, end, replacement, message=message, tier=entry.tier)


def _inflections(variant: str, inflect: bool) -> list[tuple[str, str]]:
    out = [(variant, "")]
    if not inflect:
        return out
    for apostrophe in ("'", "’"):
        out.append((variant + apostrophe + "s", "possessive"))
    if not variant.endswith("."):
        plural = pluralize(variant)
        out.append((plural, "plural"))
        for apostrophe in ("'", "’"):
            out.append((plural + apostrophe, "plural-possessive"))
    return out


def _inflect_target(target: str, inflection: str, found: str) -> str:
    apostrophe = "’" if "’" in found else "'"
    if inflection == "plural":
        return pluralize(target)
    if inflection == "possessive":
        return target + apostrophe + "s"
    if inflection == "plural-possessive":
        return pluralize(target) + apostrophe
    return target


def pluralize(phrase: str) -> str:
    """The regular English plural of ``phrase`` (its last word inflected).

    >>> pluralize("GPU agent"), pluralize("commissar"), pluralize("deputy"), pluralize("kolkhoz")
    ('GPU agents', 'commissars', 'deputies', 'kolkhozes')
    """
    head, _, last = phrase.rpartition(" ")
    lower = last.lower()
    if lower.endswith(("s", "x", "z", "ch", "sh")):
        last += "es"
    elif lower.endswith("y") and len(lower) > 1 and lower[-2] not in "aeiou":
        last = last[:-1] + "ies"
    else:
        last += "s"
    return f"{head} {last}" if head else last


def _case_allows(variant: str, inflection: str, found: str) -> bool:
    words = found.split()
    if variant != variant.lower():
        # a capitalised variant (a name): its own spelling, or all capitals
        spelled = " ".join(words)
        return spelled.startswith(variant) or spelled.isupper()
    shape = _shape(found)
    return shape in ("lower", "title", "upper") or all(_shape(w) in ("lower", "title") for w in words)


def _shape(text: str) -> str:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return "none"
    if all(c.islower() for c in letters):
        return "lower"
    if all(c.isupper() for c in letters):
        return "upper"
    if letters[0].isupper() and all(c.islower() for c in letters[1:]):
        return "title"
    return "mixed"


def fix_case(found: str, target: str) -> str:
    """Carry the case of ``found`` over to ``target``.

    Lower case keeps the target as written; a capital first letter raises the
    target's first letter; all capitals raise the whole target.

    >>> fix_case("gepeurs", "GPU agents"), fix_case("Gepeurs", "GPU agents"), fix_case("GEPEURS", "GPU agents")
    ('GPU agents', 'GPU agents', 'GPU AGENTS')
    >>> fix_case("Deaf", "remote"), fix_case("Lenipa", "Lenin")
    ('Remote', 'Lenin')
    """
    letters = [c for c in found if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return target.upper()
    if letters and letters[0].isupper():
        return target[:1].upper() + target[1:]
    return target


def _keep_breaks(found: str, replacement: str) -> str:
    """Keep a line break the match spanned, when the replacement has as many words."""
    if "\n" not in found:
        return replacement
    gaps = regex.findall(r"\s+", found.strip())
    words = replacement.split(" ")
    if len(words) != len(gaps) + 1:
        return replacement
    out = words[0]
    for gap, word in zip(gaps, words[1:]):
        out += gap + word
    return out
