"""Build the data behind cleanup's untranslated-word detector.

Run from the repository root::

    python3 tools/train_foreign.py

It writes three files into ``src/cleanup/data/``:

``foreign-en.model``
    a small sentencepiece unigram model of English words, trained on the most
    frequent English words of ``wordfreq`` (less a held-out tenth, which
    ``tools/measure_foreign.py`` uses to test the detector);
``foreign-ru.model``
    the same for Russian words as they look when romanised: the most frequent
    Russian words of ``wordfreq`` (less their held-out tenth), each written in
    every scheme of :mod:`cleanup.translit`;
``ru-lexicon.tsv.gz``
    ``key<TAB>words`` lines that lead from a romanised word back to Russian:
    the key is :func:`cleanup.translit.name_key` of a spelling, ``words`` the
    most frequent Russian word forms (inflected forms included, because
    wordfreq counts forms) that have a spelling with that key.

Everything is deterministic: the word lists come sorted from wordfreq's
packaged data, ties are broken by the word itself, sentencepiece runs on one
thread with a fixed seed, and the gzip header carries no time stamp. Running
the script twice gives byte-identical files.
"""

from __future__ import annotations

import argparse
import gzip
import io
import math
import os
import sys
import tempfile
import zlib
from collections.abc import Iterable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import sentencepiece as spm
import wordfreq

from cleanup.translit import is_cyrillic_word, name_key, variants

DATA = ROOT / "src" / "cleanup" / "data"

#: how many of the most frequent English words train the English model
EN_WORDS = 80_000
#: how many of the most frequent Russian words train the Russian model
RU_WORDS = 60_000
#: how many of the most frequent Russian words go into the lexicon
LEXICON_WORDS = 50_000
#: at most this many Russian words are kept under one lexicon key
LEXICON_CANDIDATES = 6
VOCAB_SIZE = 8000
#: the longest piece, in characters
MAX_PIECE = 8
SEED = 17
#: one word in HELD_OUT_MODULUS is kept back from training, chosen by a hash of the word
HELD_OUT_MODULUS = 10
#: appended to every word, so the models learn how words end (sentencepiece
#: marks only their start); :mod:`cleanup.foreign` appends the same
END = "$"


def held_out(word: str) -> bool:
    """True for the tenth of words kept out of training (stable across runs and machines).

    >>> held_out("takova") == held_out("takova")
    True
    """
    return zlib.crc32(word.encode("utf-8")) % HELD_OUT_MODULUS == 0


def _weight(frequency: float) -> int:
    """A training weight for a word of the given frequency: four times its Zipf value.

    Weighting by raw frequency would let a few hundred function words decide
    the model, while the detector only ever asks about rare words; counting
    every word once would let the long tail of odd forms decide it. A weight
    that grows with the logarithm of the frequency (a common word counts about
    three times as much as a rare one) separated held-out words best of the
    weightings we tried (raw, square root, logarithm, none).

    >>> _weight(1e-3), _weight(1e-7)
    (24, 8)
    """
    return max(1, round(4 * math.log10(frequency * 1e9)))


def english_words(n: int = EN_WORDS) -> list[tuple[str, int]]:
    """The ``n`` most frequent English words of plain letters, weighted, held-out ones excluded."""
    out: list[tuple[str, int]] = []
    for word in wordfreq.top_n_list("en", n):
        if word.isascii() and word.isalpha() and not held_out(word):
            out.append((word, _weight(wordfreq.word_frequency(word, "en"))))
    return out


def russian_forms(
    n: int = RU_WORDS, include_held_out: bool = False
) -> list[tuple[str, float]]:
    """The ``n`` most frequent Russian words with their frequencies (Cyrillic only)."""
    out: list[tuple[str, float]] = []
    for word in wordfreq.top_n_list("ru", n):
        if is_cyrillic_word(word) and (include_held_out or not held_out(word)):
            out.append((word, wordfreq.word_frequency(word, "ru")))
    return out


def russian_translit_words(n: int = RU_WORDS) -> list[tuple[str, int]]:
    """Every romanised spelling of the ``n`` most frequent Russian words, weighted.

    A word's weight is shared among its spellings, so a word with many loose
    spellings counts no more than one with a single spelling. Held-out words
    are left out by their Cyrillic form, so none of their spellings is seen.
    """
    weights: dict[str, float] = {}
    for word, frequency in russian_forms(n):
        spellings = sorted(variants(word))
        share = _weight(frequency) / len(spellings)
        for spelling in spellings:
            if spelling.isascii() and spelling.isalpha():
                weights[spelling] = weights.get(spelling, 0.0) + share
    return [(w, max(1, round(weight))) for w, weight in sorted(weights.items())]


def train(
    words: Iterable[tuple[str, int]] | Iterable[str],
    out_prefix: str | os.PathLike[str],
    vocab_size: int = VOCAB_SIZE,
) -> Path:
    """Train a unigram sentencepiece model on ``words``; returns the ``.model`` path.

    ``words`` are plain words or ``(word, weight)`` pairs. Each word is one
    training sentence, marked at both ends (``▁word$``) so the model learns how
    words begin and how they end. Only ``out_prefix.model`` is kept.
    """
    rows = sorted((w, 1) if isinstance(w, str) else (w[0], int(w[1])) for w in words)
    out_prefix = Path(out_prefix)
    out_prefix.parent.mkdir(parents=True, exist_ok=True)
    spm.set_random_generator_seed(SEED)
    model = out_prefix.with_suffix(".model").resolve()
    here = os.getcwd()
    with tempfile.TemporaryDirectory() as tmp:
        # the model records its training options, file names included: train
        # inside the temporary directory under fixed relative names, so that
        # the bytes do not depend on where the directory happened to be
        os.chdir(tmp)
        try:
            with open("words.tsv", "w", encoding="utf-8") as f:
                f.writelines(f"{word}{END}\t{weight}\n" for word, weight in rows)
            spm.SentencePieceTrainer.train(
                input="words.tsv",
                input_format="tsv",
                model_prefix="m",
                model_type="unigram",
                vocab_size=vocab_size,
                character_coverage=1.0,
                normalization_rule_name="identity",
                split_by_unicode_script=False,
                max_sentencepiece_length=MAX_PIECE,
                num_threads=1,
                shuffle_input_sentence=False,
                input_sentence_size=0,
                bos_id=-1,
                eos_id=-1,
                minloglevel=2,
            )
            model.write_bytes(Path("m.model").read_bytes())
        finally:
            os.chdir(here)
    return model


def lexicon_rows(n: int = LEXICON_WORDS) -> list[tuple[str, str]]:
    """``(key, words)`` pairs: the Russian words (most frequent first) whose spellings share a key.

    ``words`` is space-separated and holds at most :data:`LEXICON_CANDIDATES`
    words; the key is :func:`~cleanup.translit.name_key` of a spelling, which
    merges near spellings, so several words can share one (``заключении`` and
    ``заключённый``). :class:`cleanup.foreign.ForeignScorer` picks among them
    the word one of whose spellings is exactly the word it was asked about.
    """
    found: dict[str, list[str]] = {}
    for word, _ in russian_forms(n, include_held_out=True):  # most frequent first
        for key in sorted({name_key(spelling) for spelling in variants(word)}):
            words = found.setdefault(key, [])
            if len(key) >= 2 and len(words) < LEXICON_CANDIDATES and word not in words:
                words.append(word)
    return sorted((key, " ".join(words)) for key, words in found.items() if words)


def write_lexicon(rows: Sequence[tuple[str, str]], path: Path) -> None:
    """Write the lexicon as gzip'd TSV with a zero time stamp (reproducible bytes)."""
    text = "".join(f"{key}\t{word}\n" for key, word in rows)
    buf = io.BytesIO()
    with gzip.GzipFile(
        filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9
    ) as gz:
        gz.write(text.encode("utf-8"))
    path.write_bytes(buf.getvalue())


def main(argv: Sequence[str] | None = None) -> int:
    """Train both models and write the lexicon into ``--out`` (default: the package data)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DATA, help="output directory")
    parser.add_argument("--vocab-size", type=int, default=VOCAB_SIZE)
    parser.add_argument(
        "--lexicon-only", action="store_true", help="only rebuild the lexicon"
    )
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)

    if not args.lexicon_only:
        en = english_words()
        print(f"English: {len(en)} words", file=sys.stderr)
        train(en, args.out / "foreign-en", args.vocab_size)
        ru = russian_translit_words()
        print(f"Russian: {len(ru)} romanised spellings", file=sys.stderr)
        train(ru, args.out / "foreign-ru", args.vocab_size)
    rows = lexicon_rows()
    write_lexicon(rows, args.out / "ru-lexicon.tsv.gz")
    print(f"lexicon: {len(rows)} keys", file=sys.stderr)
    for name in ("foreign-en.model", "foreign-ru.model", "ru-lexicon.tsv.gz"):
        print(f"{name}: {(args.out / name).stat().st_size} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
