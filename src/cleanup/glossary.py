r"""Glossaries: the terms a translation must use, read from the files people keep them in.

A glossary says which word a translation should use for a thing and which words
it must not. cleanup reads three kinds of file and turns every one of them into
the same list of :class:`GlossaryEntry` values, which :func:`compile_glossary`
makes into ``words`` rules (see :mod:`cleanup.kinds.words`) and
:func:`lint_glossary` checks for mistakes.

**The hand-written TSV format** is the one to write by hand. The file is UTF-8;
lines starting with ``#`` and blank lines are ignored. The first other line is
the header, the column names separated by tabs::

    term<TAB>variants<TAB>action<TAB>case<TAB>note

``term`` and ``variants`` are required; ``action``, ``case`` and ``note`` may be
left off the end of the header and of any row. Each row is one entry:

``term``      the form the text should use (or, for ``forbid``, the form it
              must not use);
``variants``  the forms to replace by ``term``, separated by ``|``;
``action``    ``auto`` (the default: replaced by ``cleanup fix``), ``suggest``
              (replaced only with ``--unsafe-fixes``), ``review`` (reported with
              ``term`` as a proposal, never replaced), ``forbid`` (``term`` is
              reported wherever it occurs; the variants cell stays empty) or
              ``accept`` (``term`` is a known, correct form: nothing is replaced);
``case``      ``preserve`` (the default: the replacement takes the case of
              what it replaces, ``gepeurs`` -> ``GPU agents``, ``GEPEURS`` ->
              ``GPU AGENTS``) or ``exact`` (written exactly as ``term``). A row
              with ``exact`` and no variants means "write this term exactly so":
              its variant is its own lower-case form, so ``comintern`` becomes
              ``Comintern``;
``note``      why, shown in every message the entry produces.

>>> rows = [
...     "# house terms for the Trotsky translation",
...     "term\tvariants\taction\tcase\tnote",
...     "GPU agent\tgepeur|gepeurist\tauto\t\tMT transliterates the Russian",
...     "Comintern\t\t\texact",
...     "counter-revolutionary\t\tforbid",
... ]
>>> for e in parse_tsv("\n".join(rows), "house.tsv"):
...     print(e.source, repr(e.term), e.variants, e.action, e.case)
house.tsv:3 'GPU agent' ('gepeur', 'gepeurist') auto preserve
house.tsv:4 'Comintern' ('comintern',) auto exact
house.tsv:5 'counter-revolutionary' () forbid preserve

**Termbases** (TBX 2 / TBX-Basic, TBX 3 / ISO 30042:2019, and the CSV files CAT
tools export) describe concepts in several languages. An English-to-English
cleanup reads them like this: the English *preferred* term is the target; the
English *deprecated* and *superseded* terms are replaced by it (``auto``); the
English *admitted* terms are accepted (``accept``); the Russian terms, in
Cyrillic, are replaced by the English term (``auto``: Cyrillic in English
output is never right), and so are their Latin transliterations (``suggest``),
because MT engines pass words they do not know through romanised. A
transliteration that is an ordinary English word, has fewer than four letters
or is the English term itself is left out.

Every problem with a file raises :class:`~cleanup.model.CleanupError` naming the
file and line, so a broken glossary is reported before any text is touched.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import itertools
import os
import re
import stat
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

from .kinds import compiler_for
from .model import CleanupError, Rule, Tier
from .translit import variants as _translit_variants

__all__ = [
    "ACTIONS",
    "CASES",
    "GlossaryEntry",
    "GlossaryProblem",
    "check_paths",
    "compile_glossary",
    "glossary_files",
    "known_terms",
    "lint_glossary",
    "load_glossary",
    "parse_csv",
    "parse_glossary",
    "parse_tbx",
    "parse_tsv",
]

#: what an entry asks for; ``accept`` declares a correct form and replaces nothing
ACTIONS: tuple[str, ...] = ("auto", "suggest", "review", "forbid", "accept")
#: how a replacement is cased
CASES: tuple[str, ...] = ("preserve", "exact")
#: the columns of the TSV format, in order
TSV_COLUMNS: tuple[str, ...] = ("term", "variants", "action", "case", "note")
#: the file names a glossary folder is read for (``.xml`` only when it is TBX)
SUFFIXES: tuple[str, ...] = (".tsv", ".tbx", ".csv", ".xml")

_TIERS: dict[str, Tier] = {
    "auto": Tier.SAFE,
    "suggest": Tier.SUGGEST,
    "review": Tier.REVIEW,
    "forbid": Tier.REVIEW,
}
_FIX_MESSAGE = "glossary: '{original}' -> '{replacement}' ({source}{note})"
_FORBID_MESSAGE = "glossary: '{original}' is forbidden ({source}{note})"
_CYRILLIC = re.compile("[\u0400-\u052f]")


@dataclass(frozen=True)
class GlossaryEntry:
    """One row of a glossary, whatever file it came from.

    ``term`` is the preferred form (for ``forbid``, the forbidden one);
    ``variants`` the forms to put it in place of; ``action`` one of
    :data:`ACTIONS`; ``case`` one of :data:`CASES`; ``source`` is
    ``"path:line"``, so every message can point at the row that caused it.
    """

    term: str
    variants: tuple[str, ...] = ()
    action: str = "auto"
    case: str = "preserve"
    note: str = ""
    source: str = ""


@dataclass(frozen=True)
class GlossaryProblem:
    """Something :func:`lint_glossary` or :func:`check_paths` found wrong, and where."""

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


# --- loading -------------------------------------------------------------------


def load_glossary(path: str | os.PathLike[str]) -> list[GlossaryEntry]:
    """Read a glossary file, or every glossary file in a folder (in sorted order).

    The format is recognised from the content and the file name: XML is TBX, a
    file whose first line is the TSV header is TSV, anything else is CSV.
    """
    p = Path(path)
    if p.is_dir():
        return [entry for file in glossary_files(p) for entry in _load_file(file)]
    return _load_file(p)


def glossary_files(directory: str | os.PathLike[str]) -> list[Path]:
    """The glossary files directly inside ``directory``, sorted by name.

    ``.tsv``, ``.tbx`` and ``.csv`` files are taken; ``.xml`` files only when
    they are TBX; names starting with a dot are skipped.
    """
    found = []
    for file in sorted(Path(directory).iterdir()):
        if file.name.startswith(".") or not file.is_file() or file.suffix.lower() not in SUFFIXES:
            continue
        if file.suffix.lower() == ".xml" and not _is_tbx(file):
            continue
        found.append(file)
    return found


def _load_file(path: Path) -> list[GlossaryEntry]:
    return parse_glossary(_read_glossary(path), str(path))


def _read_glossary(path: Path) -> bytes:
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # a FIFO would block the read for ever
            raise CleanupError(str(path), "not a regular file (a FIFO, device or socket); not read")
        return path.read_bytes()
    except OSError as e:
        raise CleanupError(str(path), f"cannot read the glossary: {e.strerror or e}") from None


def parse_glossary(data: bytes, path: str) -> list[GlossaryEntry]:
    """Parse the bytes of a glossary file; ``path`` names it in sources and errors."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16, as some CAT tools write
        if data.decode("utf-16", errors="replace").lstrip().startswith("<"):
            return parse_tbx(data, path)
        text = _decode(data, path, "utf-16")
    elif data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return parse_tbx(data, path)
    else:
        text = _decode(data, path, "utf-8-sig")
    if Path(path).suffix.lower() == ".tsv" or _starts_with_tsv_header(text):
        return parse_tsv(text, path)
    if Path(path).suffix.lower() in (".tbx", ".xml"):
        return parse_tbx(data, path)  # reports where the XML goes wrong
    return parse_csv(text, path)


def _decode(data: bytes, path: str, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise CleanupError(
            f"{path}:{line}", f"not valid {encoding.removesuffix('-sig').upper()} text"
        ) from None


def _starts_with_tsv_header(text: str) -> bool:
    for _, line in _content_lines(text):
        return line.split("\t", 1)[0].strip().lower() == "term" and "\t" in line
    return False


def _content_lines(text: str) -> Iterator[tuple[int, str]]:
    """``(line number, line)`` for the lines that are neither blank nor comments."""
    for number, line in enumerate(text.split("\n"), 1):
        line = line.rstrip("\r")
        if line.strip() and not line.lstrip().startswith("#"):
            yield number, line


# --- TSV -----------------------------------------------------------------------


def parse_tsv(text: str, path: str) -> list[GlossaryEntry]:
    """Parse the hand-written TSV format (see the module documentation)."""
    header: tuple[str, ...] | None = None
    entries = []
    for number, line in _content_lines(text):
        where = f"{path}:{number}"
        cells = [cell.strip() for cell in line.split("\t")]
        if header is None:
            header = _tsv_header(cells, where)
        else:
            entries.append(_tsv_row(cells, header, where))
    if header is None:
        raise CleanupError(f"{path}:1", f"no header line (expected {_HEADER_HINT})")
    return entries


_HEADER_HINT = "'term<TAB>variants<TAB>action<TAB>case<TAB>note', the last three optional"


def _tsv_header(cells: list[str], where: str) -> tuple[str, ...]:
    names = [cell.lower() for cell in cells]
    while names and not names[-1]:
        names.pop()  # a trailing tab
    if len(names) >= 2 and tuple(names) == TSV_COLUMNS[: len(names)]:
        return tuple(names)
    if len(names) == 1 and names[0].split()[:2] == ["term", "variants"]:
        raise CleanupError(where, "the header's columns must be separated by tabs, not spaces")
    raise CleanupError(where, f"missing header: expected {_HEADER_HINT}, found {chr(9).join(cells)!r}")


def _tsv_row(cells: list[str], header: tuple[str, ...], where: str) -> GlossaryEntry:
    while len(cells) > len(header) and not cells[-1]:
        cells.pop()  # trailing tabs are invisible; only real extra cells are an error
    if len(cells) > len(header):
        raise CleanupError(
            where,
            f"too many columns: {len(cells)}, but the header has {len(header)} ({', '.join(header)});"
            " is there a tab inside a cell?",
        )
    values = dict(zip(header, cells))
    term = values["term"]
    variants = _split(values.get("variants", ""), "|")
    action = values.get("action", "").lower() or "auto"
    if action not in ACTIONS:
        raise CleanupError(where, f"unknown action {action!r} (expected {', '.join(ACTIONS)})")
    case = values.get("case", "").lower() or "preserve"
    if case not in CASES:
        raise CleanupError(where, f"unknown case {case!r} (expected {' or '.join(CASES)})")
    if case == "exact" and not variants and term and action not in ("forbid", "accept"):
        variants = (term.lower(),)
    return GlossaryEntry(term, variants, action, case, values.get("note", ""), where)


def _split(cell: str, separators: str) -> tuple[str, ...]:
    """The non-empty, stripped, distinct parts of ``cell``.

    >>> _split(" gepeur | gepeurist||gepeur ", "|")
    ('gepeur', 'gepeurist')
    """
    parts = (part.strip() for part in re.split(f"[{re.escape(separators)}]", cell))
    return tuple(dict.fromkeys(part for part in parts if part))


# --- termbases: what a concept means for English cleanup -----------------------


@dataclass(frozen=True)
class _Term:
    """A term of a termbase concept: its text, language (``en``/``ru``) and status."""

    text: str
    language: str
    status: str | None = None  # preferred, admitted, deprecated, superseded or None


_REJECTED = ("deprecated", "superseded")
_TARGET_RANK = {"preferred": 0, None: 1, "admitted": 2}


def _concept_entries(terms: Sequence[_Term], note: str, source: str) -> list[GlossaryEntry]:
    """The entries one concept of a termbase contributes (see the module documentation)."""
    english = [t for t in terms if t.language == "en"]
    accepted = [t for t in english if t.status not in _REJECTED]
    rejected = _unique(t.text for t in english if t.status in _REJECTED)
    if not accepted:
        # nothing to put in their place: the deprecated terms are only reported
        return [GlossaryEntry(text, (), "forbid", note=note, source=source) for text in rejected]
    target = min(accepted, key=lambda t: _TARGET_RANK[t.status]).text  # min keeps the first of a rank
    admitted = [text for text in _unique(t.text for t in accepted) if text.casefold() != target.casefold()]
    taken = {target.casefold()} | {text.casefold() for text in admitted}
    russian = _unique(t.text for t in terms if t.language == "ru" and _CYRILLIC.search(t.text))
    replaced = _claim(list(rejected) + russian, taken)
    romanised = _claim((v for word in russian for v in _romanisations(word)), taken)
    entries = []
    if replaced:
        entries.append(GlossaryEntry(target, replaced, "auto", note=note, source=source))
    if romanised:
        entries.append(GlossaryEntry(target, romanised, "suggest", note=note, source=source))
    if not entries:
        entries.append(GlossaryEntry(target, (), "accept", note=note, source=source))
    entries.extend(GlossaryEntry(text, (), "accept", note=note, source=source) for text in admitted)
    return entries


def _unique(texts: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(texts))


def _claim(candidates: Iterable[str], taken: set[str]) -> tuple[str, ...]:
    """The candidates not yet in ``taken`` (compared without case), adding them to it."""
    out = []
    for text in candidates:
        if text.casefold() not in taken:
            taken.add(text.casefold())
            out.append(text)
    return tuple(out)


#: at most this many romanisations of one multi-word Russian term
_MAX_PHRASE_ROMANISATIONS = 32


def _romanisations(russian: str) -> list[str]:
    """The Latin spellings an MT engine may leave for ``russian`` that are worth replacing.

    >>> _romanisations("начальник")
    ["nachal'nik", 'nachalnik']
    >>> _romanisations("парк"), _romanisations("ЦК")
    ([], [])
    """
    per_word = [sorted(_word_romanisations(word)) for word in russian.split()]
    phrases = itertools.islice(itertools.product(*per_word), _MAX_PHRASE_ROMANISATIONS)
    return [phrase for phrase in (" ".join(words) for words in phrases) if _worth_replacing(phrase)]


def _word_romanisations(word: str) -> set[str]:
    spellings = set(_translit_variants(word)) | set(_translit_variants(word, keep_marks=True))
    # an apostrophe for a soft sign is seen in the wild; back-ticks and quotes are not
    return {s for s in spellings if not _CYRILLIC.search(s) and '"' not in s and "`" not in s}


def _worth_replacing(phrase: str) -> bool:
    if sum(c.isalpha() for c in phrase) < 4:
        return False
    return _zipf_frequency(phrase) < 3.0


def _zipf_frequency(phrase: str) -> float:
    from wordfreq import zipf_frequency  # loaded only when a termbase has Russian terms

    return float(zipf_frequency(phrase, "en"))


def _language(code: str) -> str:
    """The primary language of a code, lower-case, ISO 639-1 where we know it.

    >>> [_language(c) for c in ("en", "en-US", "en_GB", "EN-GB", "ru-RU", "rus", "English (UK)")]
    ['en', 'en', 'en', 'en', 'ru', 'ru', 'en']
    """
    key = code.strip().lower()
    for name, short in (("english", "en"), ("russian", "ru")):
        if key.startswith(name):
            return short
    primary = re.split(r"[-_ ]", key, maxsplit=1)[0]
    return {"eng": "en", "rus": "ru"}.get(primary, primary)


# --- TBX -----------------------------------------------------------------------


@dataclass
class _Element:
    """An XML element with its line, namespace-free names, and content in order."""

    name: str
    attrs: dict[str, str]
    line: int
    content: list[str | _Element] = field(default_factory=list)

    def elements(self) -> Iterator[_Element]:
        return (c for c in self.content if isinstance(c, _Element))

    def descendants(self) -> Iterator[_Element]:
        for child in self.elements():
            yield child
            yield from child.descendants()

    def text(self) -> str:
        """All the text inside, whitespace collapsed."""
        return " ".join("".join(self._pieces()).split())

    def _pieces(self) -> Iterator[str]:
        for c in self.content:
            if isinstance(c, str):
                yield c
            else:
                yield from c._pieces()


_XML_NS = "http://www.w3.org/XML/1998/namespace"
#: deeper nesting than any termbase needs (TBX nests about 6 deep); beyond it the
#: element walks would exhaust Python's recursion limit
MAX_XML_DEPTH = 200


def _parse_xml(data: bytes, path: str) -> _Element:
    """Parse ``data`` into :class:`_Element` values; errors name the line."""
    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    roots: list[_Element] = []
    stack: list[_Element] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        if len(stack) >= MAX_XML_DEPTH:  # the walks over elements recurse: refuse before they would
            raise CleanupError(
                f"{path}:{parser.CurrentLineNumber}",
                f"XML nested more than {MAX_XML_DEPTH} elements deep; not a termbase cleanup can read",
            )
        element = _Element(
            _local(name), {_attr_name(k): v for k, v in attrs.items()}, parser.CurrentLineNumber
        )
        (stack[-1].content if stack else roots).append(element)
        stack.append(element)

    def end(name: str) -> None:
        stack.pop()

    def text(data: str) -> None:
        if stack:
            stack[-1].content.append(data)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    try:
        parser.Parse(data, True)
    except expat.ExpatError as e:
        problem = expat.ErrorString(e.code) or str(e)
        raise CleanupError(
            f"{path}:{e.lineno}", f"not well-formed XML: {problem} (column {e.offset + 1})"
        ) from None
    return roots[0]


def _local(name: str) -> str:
    return name.rpartition("}")[2]


def _attr_name(name: str) -> str:
    namespace, _, local = name.rpartition("}")
    return "xml:" + local if namespace == _XML_NS else local


class _Found(Exception):
    """Raised by a parser handler to stop at the first element."""


def _is_tbx(path: Path) -> bool:
    """True when the XML file at ``path`` has a TBX root element (read up to it only)."""
    parser = expat.ParserCreate(namespace_separator="}")
    root: list[str] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        root.append(_local(name))
        raise _Found

    parser.StartElementHandler = start
    try:
        with path.open("rb") as f:
            parser.ParseFile(f)
    except (_Found, expat.ExpatError, OSError):
        pass
    return bool(root) and root[0] in ("martif", "tbx")


_CONCEPTS = ("termEntry", "conceptEntry")  # TBX 2, TBX 3
_LANGUAGES = ("langSet", "langSec")
_TERM_UNITS = ("tig", "ntig", "termSec")
_STATUS_TYPES = ("administrativeStatus", "normativeAuthorization")
_STATUSES = {
    "preferred": "preferred",
    "standardized": "preferred",
    "legal": "preferred",
    "regulated": "preferred",
    "admitted": "admitted",
    "deprecated": "deprecated",
    "superseded": "superseded",
}


def parse_tbx(data: bytes, path: str) -> list[GlossaryEntry]:
    """Parse a TBX termbase: TBX 2 / TBX-Basic (``martif``) or TBX 3 (``tbx``).

    Namespaces are ignored, so files with and without them read alike. Each
    concept's source is the line its ``termEntry`` or ``conceptEntry`` starts on.
    """
    root = _parse_xml(data, path)
    if root.name not in ("martif", "tbx"):
        raise CleanupError(
            f"{path}:{root.line}",
            f"not a TBX termbase: the root element is <{root.name}>, not <martif> (TBX 2) or <tbx> (TBX 3)",
        )
    entries = []
    for concept in _find(root, _CONCEPTS):
        terms, notes = _concept_terms(concept, path)
        entries.extend(_concept_entries(terms, "; ".join(notes), f"{path}:{concept.line}"))
    return entries


def _find(element: _Element, names: tuple[str, ...]) -> Iterator[_Element]:
    """The outermost descendants of ``element`` named one of ``names``."""
    for child in element.elements():
        if child.name in names:
            yield child
        else:
            yield from _find(child, names)


def _concept_terms(concept: _Element, path: str) -> tuple[list[_Term], list[str]]:
    terms: list[_Term] = []
    notes = _notes(concept)
    for section in _find(concept, _LANGUAGES):
        code = section.attrs.get("xml:lang") or section.attrs.get("lang")
        if not code:
            raise CleanupError(f"{path}:{section.line}", f"<{section.name}> has no xml:lang attribute")
        language = _language(code)
        if language not in ("en", "ru"):
            continue
        if language == "en":
            notes += _notes(section)
        for unit in _find(section, _TERM_UNITS):
            terms.append(_term(unit, language, path))
    return terms, notes


def _term(unit: _Element, language: str, path: str) -> _Term:
    element = next((e for e in unit.descendants() if e.name == "term"), None)
    if element is None:
        raise CleanupError(f"{path}:{unit.line}", f"<{unit.name}> has no <term>")
    text = element.text()
    if not text:
        raise CleanupError(f"{path}:{element.line}", "empty <term>")
    return _Term(text, language, _status(unit, path))


def _status(unit: _Element, path: str) -> str | None:
    """The administrative status of a term unit, in either TBX style, or None."""
    for element in unit.descendants():
        # TBX 2 and TBX 3 DCA: <termNote type="administrativeStatus">; TBX 3 DCT: <basic:administrativeStatus>
        if element.attrs.get("type") in _STATUS_TYPES or element.name in _STATUS_TYPES:
            value = element.text()
            key = value.lower().removesuffix("-admn-sts").removesuffix("term")
            if not key:
                return None
            if key not in _STATUSES:
                raise CleanupError(
                    f"{path}:{element.line}",
                    f"unknown administrative status {value!r} (expected preferredTerm-admn-sts,"
                    " admittedTerm-admn-sts, deprecatedTerm-admn-sts or supersededTerm-admn-sts)",
                )
            return _STATUSES[key]
    return None


#: the kinds of ``descrip`` that explain a concept (a subject field, say, does not)
_NOTE_DESCRIPS = ("definition", "explanation", "context")


def _notes(element: _Element) -> list[str]:
    """The texts of the notes and definitions directly on ``element``."""
    notes = []
    for child in element.elements():
        if child.name in ("note", "definition") or (
            child.name == "descrip" and child.attrs.get("type", "definition") in _NOTE_DESCRIPS
        ):
            notes.append(child.text())
        elif child.name == "descripGrp":
            notes.extend(_notes(child))
    return [n for n in notes if n]


# --- CSV from CAT tools ----------------------------------------------------------

#: headers whose column is the note as it stands
_NOTE_HEADERS = frozenset({"note", "notes", "comment", "comments", "remark", "remarks"})
#: headers whose column goes into the note with its name, e.g. "Part of speech: noun"
_EXTRA_HEADERS = frozenset(
    {"definition", "description", "part of speech", "pos", "context", "domain", "subject", "usage", "example"}
)
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*", re.IGNORECASE)


@dataclass(frozen=True)
class _CsvColumns:
    english: tuple[int, ...]
    russian: tuple[int, ...]
    notes: tuple[tuple[int, str], ...]  # column, label ("" for a plain note)
    width: int


def parse_csv(text: str, path: str) -> list[GlossaryEntry]:
    """Parse a termbase exported by a CAT tool as CSV.

    The header names one language per column (``en``, ``en-US``, ``ru-RU``...);
    other columns (``Note``, ``Definition``, ``Part of speech``...) become the
    note. A cell may hold several synonyms separated by ``;`` or ``|``; the
    first English one is the preferred term and the others are admitted. The
    delimiter (comma, semicolon or tab) is taken from the header line.
    """
    columns: _CsvColumns | None = None
    entries: list[GlossaryEntry] = []
    for line, row in _csv_rows(text, path):
        where = f"{path}:{line}"
        if columns is None:
            columns = _csv_columns(row, where)
        else:
            entries.extend(_csv_row(row, columns, where))
    if columns is None:
        raise CleanupError(f"{path}:1", "empty CSV file: expected a header of language codes such as en,ru")
    return entries


def _delimiter(text: str) -> str:
    header = next((line for line in text.split("\n") if line.strip()), "")
    widths = {d: len(next(csv.reader([header], delimiter=d), [])) for d in (",", ";", "\t")}
    return max(widths, key=lambda d: widths[d])  # the first of equals: comma


def _csv_rows(text: str, path: str) -> Iterator[tuple[int, list[str]]]:
    """The non-blank rows of ``text`` with the line each starts on."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
    previous = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            raise CleanupError(f"{path}:{reader.line_num}", f"malformed CSV: {e}") from None
        start, previous = previous + 1, reader.line_num
        if any(cell.strip() for cell in row):
            yield start, row


def _csv_columns(header: list[str], where: str) -> _CsvColumns:
    english, russian, notes = [], [], []
    for i, raw in enumerate(header):
        name = raw.strip()
        key = name.lower()
        if not key:
            continue
        if key in _NOTE_HEADERS:
            notes.append((i, ""))
        elif key in _EXTRA_HEADERS:
            notes.append((i, name))
        elif _LANGUAGE_CODE.fullmatch(key) or key.startswith(("english", "russian")):
            language = _language(key)
            if language == "en":
                english.append(i)
            elif language == "ru":
                russian.append(i)
        else:
            notes.append((i, name))
    if not english:
        raise CleanupError(
            where,
            f"no English column: the header must name languages by code (en, en-US, ru-RU...), found {header!r}",
        )
    return _CsvColumns(tuple(english), tuple(russian), tuple(notes), len(header))


def _csv_row(row: list[str], columns: _CsvColumns, where: str) -> list[GlossaryEntry]:
    while len(row) > columns.width and not row[-1].strip():
        row = row[:-1]
    if len(row) > columns.width:
        raise CleanupError(where, f"too many columns: {len(row)}, but the header has {columns.width}")
    cells = row + [""] * (columns.width - len(row))
    english = _unique(term for i in columns.english for term in _split(cells[i], ";|"))
    if not english:
        return []  # a concept with no English term says nothing about English text
    terms = [_Term(english[0], "en", "preferred")]
    terms += [_Term(term, "en", "admitted") for term in english[1:]]
    terms += [_Term(term, "ru") for i in columns.russian for term in _split(cells[i], ";|")]
    note = "; ".join(
        f"{label}: {value}" if label else value for i, label in columns.notes if (value := cells[i].strip())
    )
    return _concept_entries(terms, note, where)


# --- compiling -----------------------------------------------------------------


def compile_glossary(entries: Iterable[GlossaryEntry], *, name: str) -> tuple[Rule, ...]:
    """Make ``words`` rules of ``entries``: ``glossary.<name>`` and ``glossary.<name>.forbidden``.

    The first rule replaces variants by their terms, each entry with the tier
    its action asks for (``auto`` safe, ``suggest`` suggest, ``review`` review
    with the term as a proposal); the second reports forbidden terms with no
    replacement. Rules without entries are left out, and ``accept`` entries
    compile to nothing. Every message names the glossary file and row. An entry
    that cannot be compiled raises :class:`~cleanup.model.CleanupError` naming it.

    >>> rules = compile_glossary([GlossaryEntry("GPU agent", ("gepeur",), source="g.tsv:2")], name="g")
    >>> [(r.id, r.tier.value) for r in rules]
    [('glossary.g', 'safe')]
    >>> from cleanup.model import Document
    >>> [e.message for e in rules[0].detector(Document("Two gepeurs came."))]
    ["glossary: 'gepeurs' -> 'GPU agents' (g.tsv:2)"]
    """
    rule_name = _rule_name(name)
    fixes: list[GlossaryEntry] = []
    forbidden: list[GlossaryEntry] = []
    entries = list(entries)
    refuse_cycles(entries, name)
    for entry in entries:
        fatal = next((message for message, is_fatal in _entry_problems(entry) if is_fatal), None)
        if fatal is not None:
            raise CleanupError(entry.source or f"glossary {name}", fatal)
        if entry.action == "forbid":
            forbidden.append(entry)
        elif entry.action != "accept":
            fixes.append(entry)
    rules = []
    if fixes:
        tier = min((_TIERS[e.action] for e in fixes), key=lambda t: t.rank)
        rules.append(_rule(f"glossary.{rule_name}", tier, _FIX_MESSAGE, fixes, name))
    if forbidden:
        rules.append(_rule(f"glossary.{rule_name}.forbidden", Tier.REVIEW, _FORBID_MESSAGE, forbidden, name))
    return tuple(rules)


def compiled_glossary(path: str | os.PathLike[str]) -> tuple[tuple[Rule, ...], frozenset[str]]:
    """The rules (see :func:`compile_glossary`) and known terms of the glossary file ``path``.

    Compiling a glossary of tens of thousands of terms into its matcher takes
    seconds, so the result is kept: once per process for each content of the
    file, and in the user cache (see :mod:`cleanup.cache`) keyed by the file's
    content hash and the name it was given, so the next run loads it instead.
    A changed file misses the cache and is parsed and compiled again.
    """
    from . import cache

    p = Path(path)
    data = _read_glossary(p)
    key = cache.content_hash(str(p), data)
    found = _COMPILED.get(key)
    if found is None:

        def build() -> tuple[tuple[Rule, ...], frozenset[str]]:
            entries = parse_glossary(data, str(p))
            return compile_glossary(entries, name=p.stem), known_terms(entries)

        found = cache.cached("glossary-" + key[:24], key, build)
        if len(_COMPILED) >= 8:
            _COMPILED.clear()
        _COMPILED[key] = found
    return found


#: compiled glossaries of this process, by content key (see :func:`compiled_glossary`)
_COMPILED: dict[str, tuple[tuple[Rule, ...], frozenset[str]]] = {}


def _rule_name(name: str) -> str:
    """``name`` as one dotted component of a rule id.

    >>> _rule_name("house terms.v2"), _rule_name("")
    ('house-terms-v2', 'glossary')
    """
    return re.sub(r"[^\w-]+", "-", name).strip("-") or "glossary"


def _rule(rule_id: str, tier: Tier, message: str, entries: list[GlossaryEntry], name: str) -> Rule:
    files = _unique(e.source.rpartition(":")[0] or e.source for e in entries)
    what = "forbidden terms" if rule_id.endswith(".forbidden") else "preferred terms"
    rule = Rule(
        id=rule_id,
        kind="words",
        category="terminology",
        tier=tier,
        message=message,
        description=f"The {what} of the glossary {name!r} ({len(entries)} entries).",
        pack="glossary",
        source=files[0] if len(files) == 1 else f"glossary {name}",
        params={"entries": [_words_entry(e) for e in entries]},
    )
    return dataclasses.replace(rule, detector=compiler_for("words", rule.source)(rule))


def _words_entry(entry: GlossaryEntry) -> dict[str, object]:
    """``entry`` in the format of the ``words`` kind's ``entries`` parameter."""
    # the note carries its separator, so "({source}{note})" reads "(g.tsv:2; why)"
    params: dict[str, object] = {
        "tier": _TIERS[entry.action].value,
        "case": entry.case,
        "note": f"; {entry.note}" if entry.note else "",
        "source": entry.source,
    }
    if entry.action == "forbid":
        params["variants"] = list(_unique((entry.term, *entry.variants)))
    else:
        params["variants"] = list(entry.variants)
        params["target"] = entry.term
    return params


def known_terms(entries: Iterable[GlossaryEntry]) -> frozenset[str]:
    """The forms the glossaries declare correct: every term that is not forbidden.

    >>> sorted(known_terms([GlossaryEntry("Lenin", ("Lenipa",)), GlossaryEntry("CC", (), "accept"),
    ...                     GlossaryEntry("Trotskyite", (), "forbid")]))
    ['CC', 'Lenin']
    """
    return frozenset(e.term for e in entries if e.action != "forbid" and e.term.strip())


# --- linting -------------------------------------------------------------------


def lint_glossary(entries: Iterable[GlossaryEntry]) -> list[GlossaryProblem]:
    """Every mistake in ``entries`` that would make the glossary do something unintended.

    Checked: unknown actions and case values; empty terms and variants; rows
    that should have variants and have none (or have some and should not); a
    variant equal to its own term; the same variant listed twice (ignoring case,
    in one file or across files); and a term that another entry replaces or
    forbids (a chain ``A -> B``, ``B -> C``, or a cycle). Problems come in file
    and line order.
    """
    entries = list(entries)
    problems = [GlossaryProblem(e.source, message) for e in entries for message, _ in _entry_problems(e)]
    problems += _duplicates(entries)
    problems += _chains(entries)
    return sorted(problems, key=lambda p: _source_key(p.source))


def _source_key(source: str) -> tuple[str, int]:
    path, _, line = source.rpartition(":")
    return (path, int(line)) if line.isdigit() else (source, 0)


def _entry_problems(entry: GlossaryEntry) -> list[tuple[str, bool]]:
    """The problems of one entry alone, each with whether it stops compiling."""
    problems: list[tuple[str, bool]] = []
    if entry.action not in ACTIONS:
        problems.append((f"unknown action {entry.action!r} (expected {', '.join(ACTIONS)})", True))
    if entry.case not in CASES:
        problems.append((f"unknown case {entry.case!r} (expected {' or '.join(CASES)})", True))
    if not entry.term.strip():
        problems.append(("empty term", True))
    elif entry.term != entry.term.strip():
        problems.append((f"term {entry.term!r} has spaces around it", True))
    for v in entry.variants:
        if not v.strip() or v != v.strip():
            problems.append((f"empty or padded variant {v!r}", True))
    if entry.action in ("auto", "suggest", "review") and not entry.variants:
        problems.append((f"no variants: a row with action {entry.action!r} needs the forms to replace", True))
    if entry.action in ("forbid", "accept") and entry.variants:
        problems.append(
            (f"a {entry.action} row takes no variants (found {'|'.join(entry.variants)!r})", False)
        )
    if entry.case != "exact" and entry.term in entry.variants:
        problems.append((f"variant {entry.term!r} is the term itself", False))
    return problems


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _matched_forms(entry: GlossaryEntry) -> tuple[str, ...]:
    """What the compiled entry looks for in the text."""
    if entry.action == "forbid":
        return (entry.term, *entry.variants)
    return entry.variants if entry.action in ("auto", "suggest", "review") else ()


def _duplicates(entries: list[GlossaryEntry]) -> list[GlossaryProblem]:
    seen: dict[str, tuple[GlossaryEntry, str]] = {}
    problems = []
    for entry in entries:
        for form in _matched_forms(entry):
            key = _key(form)
            if not key:
                continue
            if key not in seen:
                seen[key] = (entry, form)
                continue
            first, first_form = seen[key]
            where = "earlier in this row" if first is entry else f"at {first.source}"
            also = "" if first_form == form else f" as {first_form!r}"
            problems.append(
                GlossaryProblem(entry.source, f"variant {form!r} is listed twice (also{also} {where})")
            )
    return problems


def _chains(entries: list[GlossaryEntry]) -> list[GlossaryProblem]:
    replaced: dict[str, GlossaryEntry] = {}
    forbidden: dict[str, GlossaryEntry] = {}
    for entry in entries:
        table = forbidden if entry.action == "forbid" else replaced
        for form in _matched_forms(entry):
            table.setdefault(_key(form), entry)
    problems = []
    for entry in entries:
        key = _key(entry.term)
        if entry.action == "forbid" or not key:
            continue
        other = replaced.get(key)
        if other is not None and _key(other.term) != key:
            if key in {_key(v) for v in _matched_forms(other)} and _key(other.term) in {
                _key(v) for v in _matched_forms(entry)
            }:
                message = (
                    f"cycle: {other.term!r} is replaced by {entry.term!r} here,"
                    f" and {entry.term!r} by {other.term!r} at {other.source}"
                )
            else:
                message = (
                    f"chain: the term {entry.term!r} is itself replaced by {other.term!r} at {other.source};"
                    f" point the variants straight at {other.term!r}"
                )
            problems.append(GlossaryProblem(entry.source, message))
        banned = forbidden.get(key)
        if banned is not None:
            problems.append(
                GlossaryProblem(entry.source, f"the term {entry.term!r} is forbidden at {banned.source}")
            )
    return problems


def refuse_cycles(entries: Sequence[GlossaryEntry], name: str = "glossary") -> None:
    """Raise when the replacements of ``entries`` form a cycle (``alpha -> beta``, ``beta -> alpha``).

    A cycle makes ``fix`` flip the text on every run; a chain (``A -> B``,
    ``B -> C``) only needs another pass and is left to the linter.

    >>> refuse_cycles([GlossaryEntry("beta", ("alpha",), source="g.tsv:2"), GlossaryEntry("alpha", ("beta",), source="g.tsv:3")])
    Traceback (most recent call last):
    cleanup.model.CleanupError: g.tsv:3: a cycle of replacements: 'alpha' -> 'beta' (g.tsv:2) -> 'alpha' (g.tsv:3); fix would change the text back and forth on every run
    """
    target: dict[str, tuple[str, GlossaryEntry]] = {}
    for entry in entries:
        if entry.action not in ("auto", "suggest"):
            continue  # review and forbid rows change nothing
        for variant in entry.variants:
            key = _key(variant)
            if key and key != _key(entry.term):
                target.setdefault(key, (_key(entry.term), entry))
    done: set[str] = set()
    for start in target:
        path: list[str] = []
        seen: set[str] = set()
        node = start
        while node in target and node not in done and node not in seen:
            seen.add(node)
            path.append(node)
            node = target[node][0]
        if node in seen:  # a cycle through node
            cycle = path[path.index(node):]
            first = target[cycle[-1]][1]
            raise CleanupError(
                first.source or f"glossary {name}",
                f"a cycle of replacements: {_cycle_text(cycle, target)}; fix would change the text back and forth on every run",
            )
        done.update(path)


def _cycle_text(cycle: list[str], target: dict[str, tuple[str, GlossaryEntry]]) -> str:
    first = target[cycle[-1]][1]
    parts = [repr(first.term)]
    for key in cycle:
        entry = target[key][1]
        parts.append(f"{entry.term!r} ({entry.source})")
    return " -> ".join(parts)


def check_paths(paths: Iterable[str | os.PathLike[str]]) -> list[GlossaryProblem]:
    """Load every glossary in ``paths`` (files or folders) and lint them together.

    A file that cannot be loaded is a problem too, not an exception, so one
    broken file does not hide the others' problems.
    """
    entries: list[GlossaryEntry] = []
    problems: list[GlossaryProblem] = []
    for path in paths:
        p = Path(path)
        for file in glossary_files(p) if p.is_dir() else [p]:
            try:
                entries.extend(_load_file(file))
            except CleanupError as e:
                problems.append(GlossaryProblem(e.where, e.problem))
    return problems + lint_glossary(entries)
