"""Kind ``ru-gender``: ``she``/``her`` (or ``he``/``him``, ``who``) for a thing, from Russian grammatical gender.

Russian nouns have gender: деревня (village), фабрика (factory), комиссия
(commission) are feminine and are referred to by она/её, which an MT engine
renders ``she``/``her``; завод (plant), город (town), колхоз are masculine
(``he``/``him``). English calls them ``it``. The kind decides from the
nearest antecedent: for each pronoun it looks back (through the current and
the previous sentence, at most ``window`` characters) for the nearest noun
that could be its antecedent:

* a *thing*: an institution, a place or an object from a list of nouns
  (factory, plant, commission, committee, village, town, division,
  company, school, church, farm...), with a following ``of``-phrase or name
  belonging to it (``the village of Khatyn``);
* a *person*: a singular word for a person (woman, mother, teacher,
  director...), a capitalised word that is not at a sentence start and not
  part of the thing's name (a name), or another personal pronoun of the
  same gender, which continues a chain about a person.

Plurals are skipped (``her`` cannot refer to ``the workers``). When the
nearest candidate is a thing and no person stands between it and the
pronoun, the pronoun gets ``it``/``its``/``itself`` (``her`` before a
noun or adjective is ``its``, elsewhere ``it``) at the rule's tier.

Nothing is reported in a text about a woman (a singular female noun,
``Mrs``/``Ms``/``Miss``, or a capitalised word with a Russian feminine name
ending: ``-ova``, ``-eva``, ``-ina``, ``-skaya``, ``-a`` after a first-name
shape) for ``she``/``her``, or about a man in the same way (``Mr``, a male
noun) for ``he``/``him``: there the pronoun is most likely the person's.
The finding is a review, with the same proposal, when a person stands in
the window but is not the nearest candidate, or when the thing is one
English may personify (a ship, a country, a nation).

``pronouns = "narrator"``: a sentence that starts ``She``/``He`` in a
first-person text, right after a sentence of the narrator's (``I``, ``my``,
``me``), with no person and no other ``she``/``he`` in the paragraph before it. Russian drops the subject of a
past-tense verb, whose ending still tells the speaker's gender
(``раскопала``: *dug up*, said by a woman), and an engine supplies ``She``
where the narrator meant ``I``. Reported for review with ``I`` proposed;
nothing in a text that has a woman (a man) in it for ``She`` (``He``).

``who``/``whom`` straight after a thing noun (``the factory, who``) become
``which``; a review only after a collective noun English may treat as
people (``the committee, who were divided``).

Parameters: ``pronouns`` (``"feminine"``, ``"masculine"`` or ``"relative"``,
default ``"feminine"``), ``window`` (int, default 300), the tier of a clear
case is the rule's tier.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..english import is_english
from ..model import CleanupError, Document, Edit, Rule, Tier
from . import Detector, make_edit, param
from .casing import CLOSED_CLASS

# inanimate nouns English never calls she/he (singular), Russian feminine or masculine
_THINGS = (
    "factory|plant|mill|works|enterprise|company|firm|corporation|commission|committee|council|village|town|city"
    "|settlement|hamlet|division|regiment|brigade|army|battalion|detachment|unit|school|university|institute|academy"
    "|church|monastery|cathedral|chapel|farm|collective farm|kolkhoz|sovkhoz|station|mine|quarry|dam|bridge|road"
    "|railway|house|building|museum|library|hospital|clinic|theatre|theater|organization|organisation|party|faction"
    "|administration|ministry|department|directorate|office|court|government|region|district|province|republic"
    "|oblast|krai|territory|area|project|program|programme|plan|law|decree|resolution|order|campaign|policy|newspaper"
    "|magazine|journal|book|report|letter|document|exhibition|competition|association|society|union|group|team"
    "|cooperative|bank|shop|store|market|plot|estate|fortress|camp|prison|colony|commune|street|square|river|lake"
    "|border|railway line|line|machine|car|tractor|engine|system|service|agency|fund|foundation|club|center|centre"
)
_PERSONIFIABLE = frozenset("ship boat vessel steamer yacht submarine cruiser country nation motherland homeland fatherland".split())
#: collective nouns English may follow with 'who' (the committee, who were divided)
_COLLECTIVE = frozenset("party committee council team group union society faction army government commission company".split())
_THING = regex.compile(r"\b(?:" + _THINGS + r")\b", regex.IGNORECASE)
_PERSON_NOUNS = (
    "woman|girl|mother|wife|daughter|sister|grandmother|aunt|niece|lady|queen|widow|actress|heroine|bride|nun"
    "|man|boy|father|husband|son|brother|grandfather|uncle|nephew|king|monk|priest|hero"
    "|teacher|director|chairman|chairwoman|head|worker|author|writer|poet|doctor|nurse|student|pupil|child"
    "|soldier|officer|commander|deputy|governor|mayor|minister|president|secretary|engineer|resident|owner"
    "|peasant|farmer|witness|prisoner|citizen|comrade|friend|neighbour|neighbor|person|leader|member|chief"
    "|employee|manager|journalist|artist|singer|painter|scientist|historian|narrator|reader|composer|musician"
    "|guide|visitor|guest|stranger|host|hostess|pilgrim|traveller|traveler|colleague|partner|lawyer|judge"
    r"|\p{Ll}+(?:ist|ess|ian)"
)
_PERSON = regex.compile(r"\b(?:" + _PERSON_NOUNS + r")\b", regex.IGNORECASE)
_FEMALE_DOC = regex.compile(
    r"\b(?:woman|girl|mother|wife|daughter|sister|grandmother|aunt|niece|lady|queen|widow|actress|heroine|bride|nun"
    r"|Mrs|Ms|Miss|Madame|chairwoman|herself)\b|\b\p{Lu}\p{Ll}+(?:ova|eva|ina|yna|skaya|tskaya)\b"
    r"|\b(?:[A-Z][a-z]*(?:ya|ia|na|ra|la|da|sa|ta|ka|ga|va))\b(?=[ \t]+\p{Lu}\p{Ll})"
)
_MALE_DOC = regex.compile(
    r"\b(?:man|boy|father|husband|son|brother|grandfather|uncle|nephew|king|monk|priest|Mr|himself|chairman)\b"
    r"|\b\p{Lu}\p{Ll}+(?:ov|ev|in|sky|skiy|enko|ich|vich)\b"
)
_FEMININE = regex.compile(r"\b(?:[Ss]he|[Hh]er|[Hh]erself|[Hh]ers)\b")
_MASCULINE = regex.compile(r"\b(?:[Hh]e|[Hh]im|[Hh]imself)\b")
_RELATIVE = regex.compile(r"\b(?:" + _THINGS + r")(?P<sep>,?[ \t]+)(?P<who>who|whom)\b", regex.IGNORECASE)
_CAPITALISED = regex.compile(r"\b\p{Lu}\p{Ll}+\b")
#: words after a sentence-initial adverb, beside the closed class: 'Today you', 'Later still', 'Then once'
_NOT_VERBS = frozenset("you yet still once more most only even just already ago".split())
#: sentence-initial words that are never a person's name
_NOT_NAMES = frozenset(
    "nobody everybody somebody anybody everyone someone anyone nothing everything something anything today "
    "yesterday tomorrow now later then here many few each both all some most every none".split()
)
_NEXT_LOWER = regex.compile(r"[ \t]+(\p{Ll}+)\b")
_FIRST_PERSON = regex.compile(r"\b(?:I|my|me|myself|mine|My)\b")
#: She/He starting a sentence (not a paragraph), then a lower-case word: the verb
_SENTENCE_PRONOUN = regex.compile(r"(?<=[.!?]['\"”’»)]*[ \t]+)(?P<pronoun>She|He)(?=[ \t]+\p{Ll})")
_SENTENCE_START = regex.compile(r"(?:^|[.!?:;]['\"”’»)]*[ \t]+|\n[ \t]*)$")
_MONTHS = frozenset(
    "January February March April May June July August September October November December "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
)
# after 'her': words that show it stands as an object, not a possessive
_OBJECT_FOLLOWERS = frozenset(
    "the a an to from off out up down in on at with by for and or but as into onto over under about "
    "again too also all alone away back here there now then".split()
)
_SUBORDINATE = regex.compile(r"[ \t\n]*(?:Before|After|When|While|Although|Though|If|As|Since|Until|Because|Once|Whenever)\b")
_NEXT_WORD = regex.compile(r"[ \t]*(\p{L}+|[^\p{L}\s]|$)")


def _thing_subject(text: str, found: list[tuple[int, str, regex.Match[str]]], start: int) -> bool:
    """True when the sentence starting at ``start`` starts with a thing: 'The factory was old, and her roof'."""
    inside = [f for f in found if f[0] >= start]
    return bool(inside) and inside[0][1] == "thing" and regex.fullmatch(
        r"[ \t]*(?:(?:the|a|an|this|that|our|its)[ \t]+)?(?:\p{L}+[ \t]+)?", text[start : inside[0][0]], regex.IGNORECASE
    ) is not None


def _subject_like(text: str, end: int) -> bool:
    """True when a sentence-initial word ending at ``end`` is followed by a verb-like word: 'Kate lived'.

    >>> _subject_like("Kate lived here", 4), _subject_like("First of all", 5), _subject_like("The old mill", 3)
    (True, False, False)
    """
    first = text[text.rfind(" ", 0, end) + 1 : end].strip("\n\t \"“«(").lower()
    if first in CLOSED_CLASS or first in _NOT_NAMES:
        return False
    m = _NEXT_LOWER.match(text, end)
    return m is not None and m.group(1) not in CLOSED_CLASS and m.group(1) not in _NOT_VERBS


def _replacement(pronoun: str, text: str, end: int) -> str:
    low = pronoun.lower()
    if low in ("she", "he"):
        out = "it"
    elif low in ("herself", "himself"):
        out = "itself"
    elif low == "hers":
        out = "its"
    elif low == "him":
        out = "it"
    else:  # her: possessive before a noun phrase, object elsewhere
        m = _NEXT_WORD.match(text, end)
        nxt = m.group(1) if m else ""
        out = "it" if not nxt[:1].isalpha() or nxt.lower() in _OBJECT_FOLLOWERS else "its"
    return out.capitalize() if pronoun[0].isupper() else out


_WHO = regex.compile(r"who", regex.IGNORECASE)


def _relative_matches(text: str) -> Iterator[regex.Match[str]]:
    """The matches of :data:`_RELATIVE` in ``text``, scanning only the lines that hold a ``who``.

    A match lies on one line and ends in ``who``/``whom``, so the lines
    without one cannot hold a match; a whole line scanned alone matches as
    it does in the whole text (its ends are line breaks either way).
    """
    end = -1
    for w in _WHO.finditer(text):
        if w.start() < end:
            continue
        lo = text.rfind("\n", 0, w.start()) + 1
        end = text.find("\n", w.end())
        end = len(text) if end == -1 else end
        yield from _RELATIVE.finditer(text, lo, end)


def compile(rule: Rule) -> Detector:
    """Compile a ``ru-gender`` rule into a detector."""
    which = param(rule, "pronouns", str, "feminine")
    if which not in ("feminine", "masculine", "relative", "narrator"):
        raise CleanupError(
            rule.source, f"rule {rule.id!r}: pronouns must be feminine, masculine, relative or narrator"
        )
    window = param(rule, "window", int, 300)

    def candidates(text: str, lo: int, pos: int) -> list[tuple[int, str, regex.Match[str]]]:
        """(start, 'thing'|'person', match) of the antecedent candidates in text[lo:pos], in order."""
        found: list[tuple[int, str, regex.Match[str]]] = []
        things = []
        for m in _THING.finditer(text, lo, pos):
            if text[m.end() : m.end() + 1].isalpha() or text[m.start() - 1 : m.start()].isalpha():
                continue  # a plural or a longer word
            things.append(m)
            found.append((m.start(), "thing", m))
        for m in _PERSON.finditer(text, lo, pos):
            if text[m.end() : m.end() + 1].isalpha():
                continue
            found.append((m.start(), "person", m))
        for m in _CAPITALISED.finditer(text, lo, pos):
            word = m.group()
            if word in _MONTHS or _THING.fullmatch(word) or _PERSON.fullmatch(word):
                continue
            if (
                _SENTENCE_START.search(text, max(0, m.start() - 4), m.start())
                and is_english(word.lower(), 3.5)
                and not _subject_like(text, m.end())
            ):
                continue  # an ordinary word capitalised at a sentence start ('Kate lived' is a name's)
            # a name right after a thing noun, or in its of-phrase, is the thing's name
            if any(
                0 <= m.start() - t.end() <= 40
                and regex.fullmatch(r"[ \t]+(?:of[ \t]+)?(?:\p{Lu}\p{L}*[ \t]+)*|[ \t]*[\"“«][^\"”»]*", text[t.end() : m.start()])
                for t in things
            ):
                continue
            found.append((m.start(), "person", m))
        return sorted(found, key=lambda f: f[0])

    def narrator(doc: Document) -> Iterator[Edit]:
        text = doc.text
        if len(_FIRST_PERSON.findall(text)) < 3:
            return
        female, male = _FEMALE_DOC.search(text) is not None, _MALE_DOC.search(text) is not None
        for p in _SENTENCE_PRONOUN.finditer(text):
            pronoun = p.group("pronoun")
            if (female if pronoun == "She" else male) or doc.is_protected(p.start("pronoun"), p.end("pronoun")):
                continue
            para = max(text.rfind("\n\n", 0, p.start()) + 2, p.start() - window, 0)
            before = text[para : p.start("pronoun")]
            ends = [m.end() for m in regex.finditer(r"[.!?]['\"”’»)]*[ \t\n]+", before)]
            if not ends:
                continue  # the paragraph's first sentence: nothing to go on
            previous = before[ends[-2] if len(ends) > 1 else 0 : ends[-1]]
            if not _FIRST_PERSON.search(previous):
                continue  # the sentence before is not the narrator's
            same = _FEMININE if pronoun == "She" else _MASCULINE
            if same.search(before):
                continue  # a she (he) already in the paragraph: a person it continues
            if any(kind == "person" for _, kind, _ in candidates(text, para, p.start("pronoun"))):
                continue  # anyone named or described in the paragraph so far may be meant

            yield make_edit(rule, doc, p.start("pronoun"), p.end("pronoun"), "I", tier=Tier.REVIEW)

    def detect(doc: Document) -> Iterator[Edit]:
        text = doc.text
        if which == "narrator":
            yield from narrator(doc)
            return
        if which == "relative":
            for m in _relative_matches(text):
                noun = m.group().split()[0].lower().rstrip(",")
                if not m.group("sep").startswith(",") and regex.search(
                    r"\b(?:in|at|from|with|by|for|on|to|near)[ \t]+(?:the[ \t]+|a[ \t]+)?(?:\p{L}+[ \t]+)?$",
                    text[max(0, m.start() - 30) : m.start()],
                ):
                    continue  # 'colleagues in the IT department who ...'
                if regex.search(r"\bof[ \t]+(?:the[ \t]+|a[ \t]+|this[ \t]+|that[ \t]+|our[ \t]+|its[ \t]+)?(?:\p{L}+[ \t]+){0,3}$", text[max(0, m.start() - 50) : m.start()]):
                    continue  # 'the workers of the factory who ...': who is the workers
                start, end = m.span("who")
                if doc.is_protected(start, end):
                    continue
                tier = Tier.REVIEW if noun in _PERSONIFIABLE or noun in _COLLECTIVE else None
                yield make_edit(rule, doc, start, end, "which", tier=tier)
            return
        pronouns = _FEMININE if which == "feminine" else _MASCULINE
        guard = _FEMALE_DOC if which == "feminine" else _MALE_DOC
        if guard.search(text):
            return  # a text about a woman (a man): every pronoun is most likely hers (his)
        #: end of the last pronoun taken for a person's (not reported)
        last_personal = -1
        for p in pronouns.finditer(text):
            # the current sentence and the one before
            lo = max(0, p.start() - window)
            ends = [m.end() for m in regex.finditer(r"[.!?](?=[ \t\n])", text[lo : p.start()])]
            if len(ends) >= 2:
                lo = lo + ends[-2]
            if "\n\n" in text[lo : p.start()]:
                lo = text.rfind("\n\n", lo, p.start()) + 2
            found = candidates(text, lo, p.start())
            if not found or found[-1][1] != "thing" or doc.is_protected(p.start(), p.end()):
                last_personal = p.end()
                continue  # no antecedent, or the nearest is a person
            thing = found[-1][2]
            if last_personal > thing.end():
                last_personal = p.end()
                continue  # the chain of pronouns between the thing and here is a person's
            sentence_start = doc.facts.sentence_at(p.start())[0]
            if last_personal > sentence_start:
                last_personal = p.end()
                continue  # 'He taught me to swim in the quarry and I taught him': the sentence's he
            sentence = text[lo : p.start()].rsplit(". ", 1)[-1]
            if p.group().lower() in ("she", "he") and _SUBORDINATE.match(sentence):
                last_personal = p.end()
                continue  # 'Before the book went to the binders she ...': the main clause's subject
            if regex.fullmatch(r"[ \t]+", text[thing.end() : p.start()]):
                continue  # a contact clause: 'the school he founded'
            persons = [f for f in found if f[1] == "person"]
            if persons and _SENTENCE_START.search(text, max(0, p.start() - 4), p.start()):
                # a sentence-initial pronoun continues the subject of the sentence before
                prev_start = max((m.end() for m in regex.finditer(r"[.!?][ \t\n]+", text[lo : p.start()][:-1] or " ")), default=0)
                subject = [f for f in found if f[0] >= lo + prev_start]
                if not subject or subject[0][1] == "person" or found[0][1] == "person":
                    continue
            elif persons and found[0][1] == "person" and not _thing_subject(text, found, sentence_start):
                continue  # 'Kate lived across the road. I knocked on her door.': hers, not the road's
            noun = thing.group().lower()
            tier = Tier.REVIEW if persons or noun in _PERSONIFIABLE else None
            yield make_edit(rule, doc, p.start(), p.end(), _replacement(p.group(), text, p.end()), tier=tier)

    return detect
