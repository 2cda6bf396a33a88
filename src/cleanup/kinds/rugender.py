"""Kind ``ru-gender``: ``she``/``her`` (or ``he``/``him``, ``who``) for a thing, from Russian grammatical gender.

Russian nouns have gender: деревня (village), фабрика (factory), комиссия
(commission) are feminine and are referred to by она/её, which an MT engine
renders ``she``/``her``; завод (plant), город (town), колхоз are masculine
(``he``/``him``). English calls them ``it``. The kind decides from the
nearest antecedent: for each pronoun it looks back (through the current and
the previous sentence, at most ``window`` characters) for the nearest noun
that could be its antecedent:

* a *thing*, by word class: an institution, a place, an object or document,
  or an animal from curated lists of general English nouns (factory,
  commission, village, bridge, newspaper, decree, tractor, mole...), or an
  abstract noun by its suffix (-tion, -ment, -ity, -ness, -ism, -ance...),
  with a following ``of``-phrase or name belonging to it (``the village of
  Khatyn``);
* a *person*: a singular word for a person (woman, mother, teacher,
  director...; -ist, -ian, -man), an agent noun in -er/-or after a
  determiner (``the programmer``), a capitalised word that is not at a
  sentence start and not part of the thing's name (a name), a name in
  capitals, or another personal pronoun of the same gender, which
  continues a chain about a person.

The nouns first listed for the kind (:data:`_CORE`: institutions, places,
documents) keep the rule's tier. Every other thing noun only ever makes a
review, and only as a topic: not after a preposition (``in the garden``),
with no person, no ``I``/``we``/``they`` in view, and never for ``his``.
A subject ``She``/``He`` (at the sentence start or after ``In 1941``)
takes the subject of the sentence before when that is a thing (``The
tractor broke down in the field. He stood there``: the tractor).

Plurals are skipped (``her`` cannot refer to ``the workers``). When the
nearest candidate is a thing and no person stands between it and the
pronoun, the pronoun gets ``it``/``its``/``itself`` (``her`` before a
noun or adjective is ``its``, elsewhere ``it``) at the rule's tier.

``he/she``, ``his/her`` are a generic person's. A same-gender pronoun
taken for a person's in the window (the sentence and the one before), or
the thing owned by such a pronoun (``her door``), keeps the chain a
person's; and when most of a text's she/her (he/him/his) are a person's,
nothing is reported in it. ``his`` (Russian его for a masculine thing: ``the
region ... his rivers``) is a review and only with no person in view.

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

``who``/``whom`` (lower case) straight after a thing noun (``the factory,
who``) become ``which``; a review after a collective noun English may
treat as people (``the committee, who were divided``) and, without a comma,
unless the noun phrase opens its sentence (``a letter from a friend
who``); nothing after an animal (English says ``a dog who``) or after a
preposition's noun phrase (``somebody around the house who``).

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

# Non-person nouns, by word class. Each list is written from general English, not from any corpus.
#: institutions and organisations (Russian завод, фабрика, комиссия, школа...)
_INSTITUTIONS = (
    "factory|plant|mill|works|enterprise|company|firm|corporation|commission|committee|council|division|regiment"
    "|brigade|army|battalion|detachment|unit|school|university|institute|academy|college|gymnasium|lyceum|seminary"
    "|church|monastery|convent|cathedral|chapel|parish|farm|collective farm|kolkhoz|sovkhoz|artel|organization"
    "|organisation|party|faction|administration|ministry|department|directorate|office|court|government"
    "|association|society|union|group|team|cooperative|bank|shop|store|market|agency|fund|foundation|club|center"
    "|centre|service|station|hospital|clinic|theatre|theater|museum|library|archive|newspaper|magazine|journal"
    "|editorial board|board|bureau|inspectorate|prosecutor's office"
    "|police|militia|garrison|fleet|squadron|corps|headquarters|assembly|parliament|duma"
    "|presidium|plenum|congress|conference|seminar|kindergarten|orphanage|sanatorium|resort|hotel|restaurant|cafe"
    "|canteen|bakery|pharmacy|laboratory|workshop|depot|shipyard|quarry|colliery|brewery|distillery|dairy"
)
#: places, buildings and land (деревня, улица, река, область...)
_PLACES = (
    "village|town|city|settlement|hamlet|region|district|province|republic|oblast|krai|territory|area|zone"
    "|capital|suburb|outskirts|street|avenue|square|road|highway|railway|railway line|line|bridge|dam|canal|river"
    "|lake|sea|bay|island|peninsula|mountain|hill|valley|forest|wood|field|meadow|steppe|desert|swamp|border"
    "|house|building|cottage|hut|barn|shed|manor|palace|castle|fortress|tower|wall|gate|camp|prison|colony|commune"
    "|estate|plot|garden|park|cemetery|yard|courtyard|farmstead|apartment|flat|room|hall|kitchen|cellar|roof"
    "|site|deposit|spring|port|harbour|harbor|airport|pier|tunnel|trench|dugout|mound|grave|monument|memorial"
)
#: objects, machines, documents and works (машина, книга, статья, картина...)
_OBJECTS = (
    "machine|car|tractor|engine|truck|lorry|bus|tram|train|locomotive|wagon|carriage|bicycle|plane|aircraft"
    "|rocket|tank|gun|rifle|cannon|weapon|device|instrument|tool|equipment|computer|phone|telephone|radio|camera"
    "|clock|stove|oven|furnace|boiler|pump|pipe|cable|wire|lamp|table|chair|bed|door|window|box|bag|bottle"
    "|jar|pot|cup|plate|knife|key|coin|icon|picture|painting|portrait|photograph|photo|film|movie|song|poem"
    "|novel|story|book|article|report|letter|document|decree|resolution|order|law|code|constitution|treaty"
    "|agreement|contract|charter|statute|regulation|instruction|certificate|passport|card|map|plan|project"
    "|program|programme|campaign|policy|exhibition|competition|festival|holiday|celebration|ceremony|meeting"
    "|session|election|referendum|reform|revolution|war|battle|offensive|operation|expedition|system|network"
    "|website|chapter|edition|collection|list|table|scheme|method|technique|recipe|dish|soup"
    "|bread|cake|pie|salad|sauce|vodka|wine|beer|medicine|drug|vaccine|disease|illness|plant|flower|tree"
    "|crop|harvest|grain|seed|potato|cucumber|tomato|cabbage|apple|fruit|vegetable|bed|soil|ground|land|water"
    "|boot|shoe|coat|dress|shirt|hat|felt boot|fabric|cloth|material|product|item|thing|object|substance"
)
#: animals: English says 'it' of a wild or farm animal; a pet may be 'he' or 'she', so these are reviews
_ANIMAL_LIST = (
    "mole|hedgehog|fox|wolf|hare|rabbit|squirrel|beaver|badger|mouse|rat|vole|shrew|bat|deer|elk|moose"
    "|boar|cow|bull|ox|calf|horse|mare|stallion|pony|donkey|goat|sheep|lamb|pig|dog|puppy|cat|kitten|bird"
    "|crow|raven|magpie|sparrow|owl|eagle|hawk|falcon|goose|swan|hen|chicken|rooster"
    "|pike|carp|salmon|snake|frog|toad|lizard|turtle|spider|insect|beetle|bee|wasp|ant|mosquito"
    "|butterfly|moth|caterpillar|worm|snail|slug|animal|beast|creature|pet|aphid|pest"
)
_THINGS = _INSTITUTIONS + "|" + _PLACES + "|" + _OBJECTS + "|" + _ANIMAL_LIST
#: abstract nouns by their suffix (reorganisation, equipment, activity, darkness, capitalism, importance...)
_ABSTRACT = r"\p{Ll}{3,}(?:tion|sion|ment|ity|ness|ism|ance|ence|ship|hood|dom)"
_ANIMALS = frozenset(_ANIMAL_LIST.split("|"))
#: the nouns first listed for this kind, whose findings keep the rule's tier; every other noun is a review
#: only, with no person, no I or you in view, and not after a preposition
_CORE = frozenset(
    "factory|plant|mill|works|enterprise|company|firm|corporation|commission|committee|council|village|town|"
    "city|settlement|hamlet|division|regiment|brigade|army|battalion|detachment|unit|school|university|"
    "institute|academy|church|monastery|cathedral|chapel|farm|collective farm|kolkhoz|sovkhoz|station|mine|"
    "quarry|dam|bridge|road|railway|house|building|museum|library|hospital|clinic|theatre|theater|organization|"
    "organisation|party|faction|administration|ministry|department|directorate|office|court|government|region|"
    "district|province|republic|oblast|krai|territory|area|project|program|programme|plan|law|decree|"
    "resolution|order|campaign|policy|newspaper|magazine|journal|book|report|letter|document|exhibition|"
    "competition|association|society|union|group|team|cooperative|bank|shop|store|market|plot|estate|fortress|"
    "camp|prison|colony|commune|street|square|river|lake|border|railway line|line|machine|car|tractor|engine|"
    "system|service|agency|fund|foundation|club|center|centre".split("|")
)
_PERSONIFIABLE = (
    frozenset("ship boat vessel steamer yacht submarine cruiser country nation motherland homeland fatherland".split())
    | _ANIMALS
)
#: collective nouns English may follow with 'who' (the committee, who were divided)
_COLLECTIVE = frozenset(
    "party committee council team group union society faction army government commission company board staff "
    "police militia corps assembly parliament congress presidium plenum club family".split()
)
_THING = regex.compile(r"\b(?:" + _THINGS + "|" + _ABSTRACT + r")\b", regex.IGNORECASE)
#: words of a class that looks abstract but names people ('a celebrity', 'Her Majesty', 'a witness')
_PERSON_LOOKALIKES = (
    "celebrity|personality|majesty|highness|holiness|excellency|deity|divinity|nobility|royalty|eminence|reverence"
    "|witness|baroness|governess|lioness|authority|minority|majority|youth|enemy|ally"
)
_PERSON_NOUNS = (
    "woman|girl|mother|wife|daughter|sister|grandmother|aunt|niece|lady|queen|widow|actress|heroine|bride|nun"
    "|man|boy|father|husband|son|brother|grandfather|uncle|nephew|king|monk|priest|hero"
    "|teacher|director|chairman|chairwoman|head|worker|author|writer|poet|doctor|nurse|student|pupil|child"
    "|soldier|officer|commander|deputy|governor|mayor|minister|president|secretary|engineer|resident|owner"
    "|peasant|farmer|witness|prisoner|citizen|comrade|friend|neighbour|neighbor|person|leader|member|chief"
    "|employee|manager|journalist|artist|singer|painter|scientist|historian|narrator|reader|composer|musician"
    "|guide|visitor|guest|stranger|host|hostess|pilgrim|traveller|traveler|colleague|partner|lawyer|judge"
    "|baby|kid|infant|youngster|adult|individual|human|somebody|someone|anybody|anyone|everybody|everyone"
    "|waitress|princess|duchess|countess|empress|goddess|heiress|mistress|seamstress|stewardess|poetess|priestess"
    "|abbess|laundress|sorceress|tigress|prince|duke|emperor|tsar|czar|god|saint|lord|sir|madam|master|servant"
    "|maid|cook|nanny|janitor|clerk|captain|dwarf|colossus|reverend|guy|fellow|juror|cashier|sage|guru|tyrant"
    "|shepherd|graduate|parson|pastor|female|male|lad|lass|chap|gentleman|hacker|programmer|editor|supervisor"
    "|colonel|lieutenant|sergeant|cop|agent|spy|patient"
    "|victim|hunter|fisherman|gardener|customer|client|user|player|fan|champion|winner|candidate|voter|volunteer"
    "|tourist|boss|founder|inventor|designer|builder|baker|butcher|tailor|smith|blacksmith|carpenter|miner|driver"
    "|pilot|sailor|rider|passenger|pensioner|veteran|orphan|heir|ancestor|descendant|relative|cousin|parent|spouse"
    "|fiancee|fiance|bridegroom|groom|lover|darling|sweetheart|wizard|witch|giant|ghost|angel|devil"
    "|assistant|immigrant|emigrant|migrant|merchant|tenant|applicant|participant|inhabitant|attendant|defendant"
    "|informant|accountant|consultant|employee|trainee|refugee|nominee|appointee|devotee|addressee|detainee"
    "|pioneer|mountaineer|volunteer|auctioneer|profiteer|racketeer"
    "|" + _PERSON_LOOKALIKES
    + r"|\p{Ll}{3,}(?:ist|ian|man|woman|person)"
)
_PERSON = regex.compile(r"\b(?:" + _PERSON_NOUNS + r")\b", regex.IGNORECASE)
#: words in -er/-or that name things, not agents: an -er/-or noun after a determiner is taken for a person otherwise
_ER_THINGS = frozenset(
    "paper letter number water matter order corner border center centre chamber winter summer power tower river "
    "cover quarter chapter register theater theatre shelter meter metre manner danger answer computer tractor "
    "motor corridor floor door mirror error honor honour labor labour colour color favour favor harbor harbour "
    "factor sector vector monitor elevator radiator generator reactor refrigerator calculator container trailer "
    "printer scanner heater cooler freezer boiler filter counter poster banner flyer folder binder marker sticker "
    "butter sugar flour dinner supper lecture letterer weather leather feather silver copper timber finger shoulder "
    "character behavior behaviour other either neither whether rather after over under never ever later former "
    "latter further together however upper inner outer lower higher greater better bigger smaller larger older "
    "younger earlier proper clever".split()
)
_ER_NOUN = regex.compile(
    r"\b(?:the|a|an|this|that|every|each|any|no|our|your|his|her|their|my)[ \t]+(?:[\p{Ll}-]+[ \t]+){0,2}?"
    r"(?P<noun>\p{Ll}{2,}(?:er|or))\b(?!['’]s\b)",
    regex.IGNORECASE,
)
#: a run of two or more words in capitals: a name printed in capitals (ANNA IVANOVA)
_CAPS_NAME = regex.compile(r"\b\p{Lu}{2,}(?:[ \t]+\p{Lu}{2,})+\b")
#: what may stand between a sentence's start and its subject: 'In 1941 she', 'Later he', 'Today, she'
_INTRO = regex.compile(
    r"(?:(?:In|On|By|After|Since|From|During|At|Until|Before)[ \t]+[\p{L}\p{N} ]{1,30}?,?[ \t]+"
    r"|(?:Later|Then|Soon|Now|Today|Also|However|Afterwards|Meanwhile|Since then|Over time|Over the years),?[ \t]+)?"
)
#: a thing owned by someone: 'her door', 'his own car', 'my old house' (the owner is the antecedent)
_POSSESSED = regex.compile(r"\b(?:[Hh]er|[Hh]is|[Mm]y|[Yy]our)[ \t]+(?:[\p{L}-]+[ \t]+){0,2}$")
#: a title or a person's noun, capitalised, right before a word: what follows is a name ('Nurse Chapel')
_TITLE_BEFORE = regex.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Dr|Nurse|Doctor|Captain|Father|Mother|Sister|Brother|Uncle|Aunt|Professor|Saint|St|Lord"
    r"|Lady|Sir)\.?[ \t]+$"
)
#: I, you, we and they: the narrator, the reader or people in view may be the ones meant
_SPEAKERS = regex.compile(r"\b(?:I|[Ww]e|[Tt]hey|them)\b")
#: 'you' is often the generic one of a Russian impersonal ('you will not find it on a map'): a reader is
#: addressed when 'your' is there too
_YOU = regex.compile(r"\b[Yy]ou\b")
_YOUR = regex.compile(r"\b[Yy]ours?\b")
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
_MASCULINE = regex.compile(r"\b(?:[Hh]e|[Hh]im|[Hh]imself|[Hh]is)\b")
_RELATIVE = regex.compile(r"\b(?:" + _THINGS + r")(?P<sep>,?[ \t]+)(?P<who>(?-i:who|whom))\b", regex.IGNORECASE)
#: a noun phrase that opens its sentence: 'The village who stood'
_OPENS_SENTENCE = regex.compile(
    r"(?:^|[.!?][ \t\n]+|\n)(?:The|A|An|This|That|Our|Its|Their)[ \t]+(?:[\p{L}-]+[ \t]+){0,2}$"
)
#: a preposition before the noun phrase: 'the man at the door who', 'somebody around the house who'
_PREPOSITION_BEFORE = regex.compile(
    r"\b(?:in|at|from|with|by|for|on|to|near|around|across|behind|beside|inside|outside|into|onto|over|under|"
    r"through|throughout|within|about|along|past|next|opposite|beyond|among|between|off|up|down)[ \t]+"
    r"(?:(?:the|a|an|this|that|our|his|her|their|my|your)[ \t]+)?(?:[\p{L}'’-]+[ \t]+){0,2}$",
    regex.IGNORECASE,
)
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
    elif low in ("hers", "his"):
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
            if text[m.end() : m.end() + 1] in ("-", "/") or text[m.start() - 1 : m.start()] in ("-", "/"):
                continue  # part of a compound: 'a factory-made coat', 'the car-owner'
            if m.group()[0].isupper() and _TITLE_BEFORE.search(text, max(0, m.start() - 30), m.start()):
                found.append((m.start(), "person", m))
                continue  # a surname that is also a word, after a title: 'Nurse Chapel', 'Mr Mill'
            if (
                m.group()[0].isupper()
                and m.group()[1:].islower()
                and not _SENTENCE_START.search(text, max(0, m.start() - 4), m.start())
                and regex.match(r"[ \t]+(?!of\b)\p{Ll}", text[m.end() : m.end() + 4])
            ):
                continue  # capitalised before a lower-case word inside a sentence: a name's part ('the Soviet side')
            if m.group().lower() not in _CORE and _PREPOSITION_BEFORE.search(text, max(0, m.start() - 50), m.start()):
                continue  # a noun outside the core list after a preposition: a circumstance, seldom the antecedent
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
        for m in _ER_NOUN.finditer(text, lo, pos):
            noun = m.group("noun").lower()
            if noun not in _ER_THINGS and not _THING.fullmatch(noun) and not _PERSON.fullmatch(noun):
                found.append((m.start("noun"), "person", m))  # an agent noun: 'the programmer', 'a street preacher'
        for m in _CAPS_NAME.finditer(text, lo, pos):
            for w in regex.finditer(r"\p{Lu}+", m.group()):
                if len(w.group()) > 2 and not is_english(w.group().lower(), 3.0) and regex.search(r"[AEIOUY]", w.group()):
                    found.append((m.start() + w.start(), "person", m))  # a name in capitals: 'ANNA KOROLEVA'
                    break
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
                if noun in _ANIMALS:
                    continue  # English may say 'who' of an animal: 'a dog who could count'
                comma = m.group("sep").startswith(",")
                if not comma and _PREPOSITION_BEFORE.search(text, max(0, m.start() - 50), m.start()):
                    continue  # 'colleagues in the IT department who ...', 'somebody around the house who ...'
                if regex.search(r"\bof[ \t]+(?:the[ \t]+|a[ \t]+|this[ \t]+|that[ \t]+|our[ \t]+|its[ \t]+)?(?:\p{L}+[ \t]+){0,3}$", text[max(0, m.start() - 50) : m.start()]):
                    continue  # 'the workers of the factory who ...': who is the workers
                start, end = m.span("who")
                if doc.is_protected(start, end):
                    continue
                tier = Tier.REVIEW if noun in _PERSONIFIABLE or noun in _COLLECTIVE else None
                if not comma and not _OPENS_SENTENCE.search(text, max(0, m.start() - 50), m.start()):
                    tier = Tier.REVIEW  # 'a letter from a friend who': the noun phrase may be longer than it looks
                yield make_edit(rule, doc, start, end, "which", tier=tier)
            return
        pronouns = _FEMININE if which == "feminine" else _MASCULINE
        guard = _FEMALE_DOC if which == "feminine" else _MALE_DOC
        if guard.search(text):
            return  # a text about a woman (a man): every pronoun is most likely hers (his)
        #: end of the last pronoun taken for a person's (not reported)
        last_personal = -1
        personal = 0
        edits: list[Edit] = []
        for p in pronouns.finditer(text):
            if "/" in text[p.start() - 1 : p.start()] + text[p.end() : p.end() + 1]:
                last_personal = p.end()
                continue  # 'he/she', 'his/her': a generic person
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
                personal += 1
                continue  # no antecedent, or the nearest is a person
            thing = found[-1][2]
            persons = [f for f in found if f[1] == "person"]
            sentence_start = doc.facts.sentence_at(p.start())[0]
            subject_pronoun = p.group().lower() in ("she", "he") and _INTRO.fullmatch(text, sentence_start, p.start())
            if subject_pronoun and not persons and sentence_start > 0:
                # the subject of a sentence continues the subject of the one before: 'The tractor broke down in
                # the field. He stood there until spring.' (the tractor, not the field)
                previous = doc.facts.sentence_at(sentence_start - 1)[0]
                if previous >= lo and _thing_subject(text, found, previous):
                    thing = next(f for f in found if f[0] >= previous)[2]
            if last_personal > lo or _POSSESSED.search(text, max(0, thing.start() - 40), thing.start()):
                last_personal = p.end()
                personal += 1
                continue  # a person's pronoun in the window: 'if he were in the hospital, they would let him out'
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
                    last_personal = p.end()
                    personal += 1
                    continue
            elif persons and found[0][1] == "person" and not _thing_subject(text, found, sentence_start):
                last_personal = p.end()
                personal += 1
                continue  # 'Kate lived across the road. I knocked on her door.': hers, not the road's
            noun = thing.group().lower()
            speakers = _SPEAKERS.search(text, lo, p.start()) is not None or (
                _YOU.search(text, lo, p.start()) is not None and _YOUR.search(text, lo, p.start()) is not None
            )
            if noun not in _CORE and (
                persons or speakers or p.group().lower() == "his"
            ):
                continue  # a noun outside the core list only with no one in view
            if p.group().lower() == "his" and (persons or speakers):
                continue  # 'his' is a person's far more often than a thing's: only with no one in view
            tier = Tier.REVIEW if persons or speakers or noun in _PERSONIFIABLE or noun not in _CORE else None
            edits.append(make_edit(rule, doc, p.start(), p.end(), _replacement(p.group(), text, p.end()), tier=tier))
        if personal >= 3 and personal > len(edits):
            return  # most of the text's she (he) are a person's: a text about a woman (a man)
        yield from edits

    return detect
