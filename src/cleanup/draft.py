"""Draft a glossary from the texts of a book: the candidates an editor should decide.

``cleanup glossary suggest chapter*.txt`` reads every chapter, gathers what
only the whole book shows, and writes a TSV glossary (the hand-written format
of :mod:`cleanup.glossary`) for the editor to review and keep:

* names spelled more than one way across the chapters (``Joffe``/``Ioffe``),
  with the majority or glossary form as the term and the others as variants;
* rare names that look like a frequent name misread by OCR (``Lenipa``);
* words that look like Russian left untranslated (``gepeurs``, ``Takova``),
  as ``forbid`` rows: reported wherever they occur until the editor writes
  the English term in and changes the action.

Every row is ``suggest`` or ``forbid``, never ``auto``: the draft proposes,
the editor decides.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .kinds.names import name_clusters, ocr_candidates


@dataclass(frozen=True)
class DraftRow:
    """One proposed glossary row."""

    term: str
    variants: tuple[str, ...]
    action: str
    case: str
    note: str


def draft_glossary(texts: Mapping[str, str], known_terms: Iterable[str] = ()) -> list[DraftRow]:
    """Candidate glossary rows for the texts (``name -> text``), sorted by term."""
    known = frozenset(known_terms)
    names = list(texts)
    rows: dict[str, DraftRow] = {}
    for cluster in name_clusters(texts.values(), known_terms=known):
        if cluster.is_consistent:
            continue
        counts = ", ".join(f"{s} {n}×" for s, n in cluster.spellings)
        where = ""
        if len(names) > 1:
            where = "; " + "; ".join(f"{s} in {', '.join(names[i] for i in idx)}" for s, idx in cluster.texts)
        term = cluster.preferred or cluster.spellings[0][0]
        tie = "" if cluster.preferred else " (a tie: choose)"
        variants = tuple(s for s, _ in cluster.spellings if s != term)
        rows[term] = DraftRow(term, variants, "suggest", "exact", f"one name, several spellings{tie}: {counts}{where}")
    for name, text in texts.items():
        for rare, frequent, n_rare, n_frequent in ocr_candidates(text, known_terms=known):
            if frequent in rows and rare in rows[frequent].variants:
                continue
            note = f"OCR misreading? {rare} {n_rare}×, {frequent} {n_frequent}× in {name}"
            rows.setdefault(f"{frequent}\0{rare}", DraftRow(frequent, (rare,), "suggest", "exact", note))
        for word, guess in untranslated_words(text):
            if word not in rows:
                hint = f" ({guess})" if guess else ""
                rows[word] = DraftRow(word, (), "forbid", "preserve", f"Russian left untranslated?{hint} in {name}: write the English term and make the row auto")
    return sorted(rows.values(), key=lambda r: (r.term.casefold(), r.variants))


def untranslated_words(text: str) -> list[tuple[str, str | None]]:
    """Words of ``text`` that look like transliterated Russian, with the likely Russian word."""
    from .foreign import find_untranslated  # loads the detector's models only when drafting

    return find_untranslated(text)


def format_tsv(rows: Iterable[DraftRow]) -> str:
    """The rows as a glossary file in the hand-written TSV format."""
    lines = [
        "# Draft glossary written by `cleanup glossary suggest`: review every row.",
        "# suggest rows are applied with --unsafe-fixes; forbid rows are only reported.",
        "term\tvariants\taction\tcase\tnote",
    ]
    for r in rows:
        cells = (r.term, "|".join(r.variants), r.action, r.case, r.note)
        lines.append("\t".join(c.replace("\t", " ").replace("\n", " ") for c in cells))
    return "\n".join(lines) + "\n"
